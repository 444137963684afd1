"""Expected answers of block 6's exercises (solutions/kb/06_managing_the_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option that the data's answer is,
in the order the exercise lists them; when the data's answer is none of the options the
function raises, and the exercise's text must change with the data.

The exercises follow the block's story: Pareto (6.1), KSF (6.2), the money zones (6.3), the
risk after the first order (6.4, 6.5), ABC (6.6), XYZ and the ABC×XYZ matrix (6.7), RFM (6.8),
and the A clients who are slipping away (6.9, for the analyst).
"""

from __future__ import annotations

from kbcore.analyses.ksf import ksf_scores, read_ksf, with_scores
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.money_zones import money_zones
from kbcore.analyses.profitability import client_pnl
from kbcore.analyses.retention import new_clients, second_order_conversion
from kbcore.analyses.segmentation import (
    XYZ_THRESHOLDS_CLIENTS,
    abc,
    abc_xyz_matrix,
    last_full_months,
    pareto,
    rfm,
    xyz,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import option_number
from kbcore.workbook.checks import exercise

KSF_PLAYERS = ("us", "competitor_1", "competitor_2")
"""The options of exercise 6.2, in the order its text lists them."""
CHANNELS = ("Маркетплейс", "Холодные звонки", "Выставка", "Рекомендация")
"""The options of exercise 6.5 (acquisition channels of the demo company's client cards)."""


def _pnl(ds, **period):
    return client_pnl(Facts.of(ds), ds.clients, ds.interactions, **period)


def _window(ds):
    return last_full_months(ds.sales["date"].max(), 12)


@exercise("6.1", hint="ex.6.1.hint", kind="share", tol=0.002, style="read")
def top20_revenue_share(ds):
    """Share of the five years' revenue brought by the top 20 % of clients (shown with one decimal)."""
    return float(pareto(_pnl(ds), "revenue")["top_share"])


@exercise("6.2", hint="ex.6.2.hint", kind="choice", options=len(KSF_PLAYERS), style="rerun")
def leader_after_price_cut(ds):
    """Option of the leader of the example KSF table when our price score is 4 (no tie allowed)."""
    totals = ksf_scores(with_scores(read_ksf(), "Price", us=4)).totals
    leaders = totals.loc[totals["rank"] == 1, "player"].tolist()
    if len(leaders) != 1:
        raise ValueError(f"exercise 6.2: {leaders} share the lead; the options list one leader")
    return option_number("6.2", leaders[0], KSF_PLAYERS)


@exercise("6.3", hint="ex.6.3.hint", kind="number", tol=0.001, style="read")
def money_on_table_active(ds):
    """Money on the table at the clients who bought in the last 365 days, RUB a year.

    The table shows whole roubles; ``tol`` lets the reader round to the million.
    """
    cl = money_zones(Facts.of(ds), ds.clients, ds.market).clients
    return float(cl.loc[cl["activity"] == "active", "money_on_table"].sum())


@exercise("6.4", hint="ex.6.4.hint", kind="share", tol=0.002, style="read")
def one_order_share(ds):
    """Share of the followed new clients with exactly one order (demo README, truth 4)."""
    return float(second_order_conversion(new_clients(Facts.of(ds), ds.clients))["one_order_share"].iloc[0])


@exercise("6.5", hint="ex.6.5.hint", kind="choice", options=len(CHANNELS), style="read")
def worst_channel(ds):
    """Option of the acquisition channel with the highest one-order share."""
    conv = second_order_conversion(new_clients(Facts.of(ds), ds.clients), by="acquisition_channel")
    worst = conv.sort_values(["one_order_share", "group_id"], ascending=[False, True])["group_id"].iloc[0]
    return option_number("6.5", worst, CHANNELS)


@exercise("6.6", hint="ex.6.6.hint", kind="number", tol=0, style="rerun")
def a_clients_by_profit(ds):
    """Number of A clients when ABC is made on client profit (default cuts 80/95)."""
    return int((abc(_pnl(ds), measure="profit")["abc"] == "A").sum())


@exercise("6.7", hint="ex.6.7.hint", kind="number", tol=0, style="rerun")
def ax_clients(ds):
    """Number of AX clients: ABC by revenue and XYZ with the B2B bounds, both over the last 12 full months."""
    start, end = _window(ds)
    facts = Facts.of(ds)
    classes = abc(facts.clients(start, end))
    regularity = xyz(facts, start=start, end=end, thresholds=XYZ_THRESHOLDS_CLIENTS)
    matrix = abc_xyz_matrix(classes, regularity).set_index("cell")
    return int(matrix.loc["AX", "clients"])


@exercise("6.8", hint="ex.6.8.hint", kind="number", tol=0, style="read")
def champions(ds):
    """Number of RFM champions at the last sales date (default rules)."""
    return int((rfm(Facts.of(ds))["rfm_segment"] == "champions").sum())


@exercise("6.9", hint="ex.6.9.hint", kind="set", style="analyst")
def declining_a_clients(ds):
    """A clients of the last 12 months (by revenue) whose lifecycle stage is "declining"."""
    start, end = _window(ds)
    facts = Facts.of(ds)
    classes = abc(facts.clients(start, end))
    stages = client_stages(facts, ds.clients)
    merged = classes.merge(stages[["client_id", "stage"]], on="client_id")
    return sorted(merged.loc[(merged["abc"] == "A") & (merged["stage"] == "declining"), "client_id"])
