"""Expected answers of block 1's exercises (solutions/kb/01_main_errors.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number. A choice's expected option is derived from the data too: the data's
answer is mapped onto the options listed in the exercise's text, and an answer that none of
them states raises (the text has to be rewritten then, not the check loosened).

The exercises follow the block's story: revenue grows, does profit (1.1, 1.2)? who earns
the money: the whale curve (1.3, 1.4), what if visits were free (1.5, 1.6 for the analyst)?
the clients won with concessions (1.7, 1.8)? who runs the business (1.9)? and the
questionnaire of the main errors against the figures (1.10, 1.11: the example participant's
answers, the same on every run, next to the demo company's measured shares).
"""

from __future__ import annotations

from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.evidence import measure
from kbcore.analyses.profitability import (
    CostToServeRates,
    client_pnl,
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise

FIRST_YEAR, LAST_YEAR = 2021, 2025
THRESHOLD = 0.15
"""The block's concession threshold (average discount from 15 %), as the workbook shows it."""
LOWER_THRESHOLD = 0.10
"""The threshold of exercise 1.8 (change and rerun: 15 % → 10 %)."""
TOP_GAINERS = 5
"""How many clients exercise 1.6 asks for."""
QUESTIONNAIRE = "kb_sales_errors"
"""The block's questionnaire (1.10, 1.11)."""
STRICT_TOLERANCE = 0.5
"""1.11: the tolerance of the change and rerun (the engine's default is one point of the scale)."""


def _yearly(ds):
    return yearly_summary(Facts.of(ds), ds.clients, ds.interactions).set_index("year")


def _pnl(ds, **rates):
    return client_pnl(Facts.of(ds), ds.clients, ds.interactions, rates=CostToServeRates(**rates))


def _concession_row(ds, threshold=THRESHOLD):
    return concession_clients(_pnl(ds), threshold=threshold).set_index("group").loc["concession"]


@exercise("1.1", hint="ex.1.1.hint", kind="number", style="read", tol=1e-3)
def revenue_last_year(ds):
    """Revenue of 2025 read off the yearly table (whole roubles; rounded to the million is fine)."""
    return float(_yearly(ds).loc[LAST_YEAR, "revenue"])


@exercise("1.2", hint="ex.1.2.hint", kind="choice", style="read", options=3)
def profit_against_revenue(ds):
    """Option of 1.2: 1) profit grew faster than revenue, 2) grew more slowly, 3) did not grow.

    Raises when revenue did not grow: none of the options then describes the data.
    """
    y = _yearly(ds)
    revenue = y.loc[LAST_YEAR, "revenue"] / y.loc[FIRST_YEAR, "revenue"] - 1
    profit = y.loc[LAST_YEAR, "profit"] / y.loc[FIRST_YEAR, "profit"] - 1
    if not revenue > 0 or not y.loc[FIRST_YEAR, "profit"] > 0:
        raise ValueError(f"exercise 1.2 assumes revenue and a positive profit in {FIRST_YEAR} that grew")
    if profit <= 0:
        return 3
    return 2 if profit < revenue else 1


@exercise("1.3", hint="ex.1.3.hint", kind="number", style="read", tol=0)
def unprofitable_clients(ds):
    """Clients with a negative profit at the default rates (the whale curve's red tail)."""
    return int(whale_summary(whale_curve(_pnl(ds)))["unprofitable_clients"])


@exercise("1.4", hint="ex.1.4.hint", kind="share", style="read", tol=0.003)
def top20_share(ds):
    """Share of total profit earned by the 20 % most profitable clients (shown as a whole %)."""
    return float(whale_summary(whale_curve(_pnl(ds)))["top20_share"])


@exercise("1.5", hint="ex.1.5.hint", kind="number", style="rerun", tol=0)
def unprofitable_without_visits(ds):
    """Unprofitable clients when a visit costs nothing (rerun with ``per_visit=0``)."""
    return int(whale_summary(whale_curve(_pnl(ds, per_visit=0)))["unprofitable_clients"])


@exercise("1.6", hint="ex.1.6.hint", kind="set", style="analyst")
def top_gainers_without_visits(ds):
    """The ids of the five clients whose profit rises the most when visits are free.

    Raises on a tie at the fifth place: the five would not be one set.
    """
    gain = (_pnl(ds, per_visit=0).set_index("client_id")["profit"]
            - _pnl(ds).set_index("client_id")["profit"]).sort_values(ascending=False)
    if len(gain) > TOP_GAINERS and gain.iloc[TOP_GAINERS - 1] == gain.iloc[TOP_GAINERS]:
        raise ValueError("exercise 1.6: a tie at the fifth place, the five clients are not one set")
    return list(gain.index[:TOP_GAINERS])


@exercise("1.7", hint="ex.1.7.hint", kind="choice", style="read", options=3)
def concession_verdict(ds):
    """Option of 1.7: 1) bigger share of profit than of revenue, 2) smaller but positive, 3) a loss."""
    row = _concession_row(ds)
    if row["profit"] < 0:
        return 3
    return 1 if row["profit_share"] >= row["revenue_share"] else 2


@exercise("1.8", hint="ex.1.8.hint", kind="number", style="rerun", tol=1e-3)
def concession_profit_lower_threshold(ds):
    """Profit of the concession clients, RUB, with the threshold lowered to 10 % (rerun)."""
    return float(_concession_row(ds, LOWER_THRESHOLD)["profit"])


@exercise("1.9", hint="ex.1.9.hint", kind="share", style="read", tol=6e-4)
def top10_revenue_share(ds):
    """Share of revenue of the ten largest clients (the concentration table, one decimal)."""
    return float(concentration(_pnl(ds), measure="revenue")["top10_share"])


def _errors(ds, tolerance: float = 1.0):
    """The example participant's answers to the block's questionnaire, scored against the demo's figures."""
    q = read_questionnaire(QUESTIONNAIRE)
    cited = sorted({x.evidence for x in q.questions if x.evidence})
    return assess(q, example_answers(q), measured=measure(cited, ds, Facts.of(ds)), tolerance=tolerance)


@exercise("1.10", hint="ex.1.10.hint", kind="share", style="read", tol=0.006)
def profitable_revenue_measured(ds):
    """The measured share of revenue from profitable clients, beside "We know which clients lose us money"."""
    row = _errors(ds).questions.set_index("question_id").loc["gf_client_pnl"]
    return float(row["measured"])


@exercise("1.11", hint="ex.1.11.hint", kind="number", style="rerun", tol=0)
def disagreements_strict(ds):
    """How many example answers disagree with the data at a tolerance of half a point (rerun)."""
    return int(_errors(ds, STRICT_TOLERANCE).questions["disagree"].sum())
