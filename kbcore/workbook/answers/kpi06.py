"""Expected answers of program 004, topic 6's exercises (solutions/kpi/06_segmentation.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option the data's answer is, in the
order the exercise lists them.

The exercises follow the topic's story: the segmentation the scorecard ranks first (kpi6.1), the
criterion the split by territory fails (kpi6.2), the tested difference in order frequency between
the market segments (kpi6.3), the scorecard with a stricter bar of substance (kpi6.4), a segment's
client profit (kpi6.5), a segment's strategy (kpi6.6) and, for the analyst, the small clients'
share of the client profit (kpi6.7).
"""

from __future__ import annotations

from kbcore.analyses.segment_profit import (
    rescore,
    review_segmentations,
    segment_strategies,
    template_with,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

BEST = ("region", "segment", "abc", "rfm")
"""The options of exercise kpi6.1, in the order its text lists them."""
REGION_FAILS = ("measurable", "accessible", "differentiable")
"""The options of exercise kpi6.2 (criterion ids), in the order its text lists them."""
STRATEGY = ("invest", "defend", "improve_margin", "serve_efficiently")
"""The options of exercise kpi6.6, in the order its text lists them."""
SEGMENT_65 = "Автосервизи"
"""The market segment whose client profit exercise kpi6.5 asks for."""
SEGMENT_66 = "Строителни фирми"
"""The market segment whose strategy exercise kpi6.6 asks for."""
SIZE_67 = "малък"
"""The client size (card) whose share of the client profit exercise kpi6.7 asks for."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _review(ds):
    """The workbook's review: every candidate on the default scorecard, the data's currency."""
    return once(ds, "kpi6.review", lambda: review_segmentations(
        _facts(ds), ds.clients, surveys=ds.surveys, interactions=ds.interactions, contacts=ds.contacts,
        currency=ds.currency))


def _row(table, segment: str):
    rows = table.loc[table["segment"] == segment]
    if not len(rows):
        raise ValueError(f"the demo company has no segment {segment!r}: rewrite the exercise")
    return rows.iloc[0]


@exercise("kpi6.1", hint="ex.kpi6.1.hint", kind="choice", options=len(BEST), style="read")
def best_segmentation(ds):
    """Option of the segmentation the scorecard ranks first."""
    return option_number("kpi6.1", _review(ds).best, BEST)


@exercise("kpi6.2", hint="ex.kpi6.2.hint", kind="choice", options=len(REGION_FAILS), style="read")
def region_fails(ds):
    """Option of the one criterion among the listed ones that the split by territory does not meet."""
    card = _review(ds).scorecard
    region = card.loc[card["candidate"] == "region"].set_index("criterion")
    failed = [c for c in REGION_FAILS if region.loc[c, "passed"] is not None and not bool(region.loc[c, "passed"])]
    if len(failed) != 1:
        raise ValueError(f"exercise kpi6.2: the territory fails {failed!r} of the options; the text lists one")
    return option_number("kpi6.2", failed[0], REGION_FAILS)


@exercise("kpi6.3", hint="ex.kpi6.3.hint", kind="number", tol=0.01, style="read")
def segment_orders_h(ds):
    """Kruskal–Wallis H of the market segments on orders a year (shown with one decimal)."""
    tests = _review(ds).tests
    row = tests.loc[(tests["candidate"] == "segment") & (tests["measure"] == "orders")].iloc[0]
    return float(row["h"])


@exercise("kpi6.4", hint="ex.kpi6.4.hint", kind="number", tol=0, style="rerun")
def all_five_at_five_percent(ds):
    """Segmentations meeting every criterion when the smallest segment must bring 5 % of the revenue."""
    review = _review(ds)
    strict = rescore(review, template_with(review.template, {"substantial": 0.05}))
    return int((strict.summary["passed"] == strict.summary["criteria"]).sum())


@exercise("kpi6.5", hint="ex.kpi6.5.hint", kind="number", tol=0.001, style="read")
def segment_profit(ds):
    """Client profit of the market segment "Автосервизи" (money, the data's currency)."""
    return float(_row(_review(ds).tables["segment"], SEGMENT_65)["profit"])


@exercise("kpi6.6", hint="ex.kpi6.6.hint", kind="choice", options=len(STRATEGY), style="read")
def segment_strategy(ds):
    """Option of the strategy of the market segment "Строителни фирми" among the top five by profit."""
    strategies = segment_strategies(_review(ds).tables["segment"], top=5)
    return option_number("kpi6.6", _row(strategies, SEGMENT_66)["strategy"], STRATEGY)


@exercise("kpi6.7", hint="ex.kpi6.7.hint", kind="share", tol=0.002, style="analyst")
def small_clients_profit_share(ds):
    """The small clients' share (client size on the card) of the client profit of all clients."""
    table = _review(ds).tables["size"]
    return float(_row(table, SIZE_67)["profit"] / table["profit"].sum())
