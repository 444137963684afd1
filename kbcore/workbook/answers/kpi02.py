"""Expected answers of program 004, topic 2's exercises (solutions/kpi/02_abc_analysis.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (ids ``kpi2.x``: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. The classes are those of the workbook's defaults: the last 12 months up to the
analysis date, cuts 80 / 95 %, share thresholds 50 / 20 %, in value unless the exercise says
otherwise.

The exercises follow the topic's story: the classes by our sales (kpi2.1), the large clients with
a large potential and a small share (kpi2.2, kpi2.3), a stricter share threshold (kpi2.4), volume
instead of value (kpi2.5), the strategy with the most untapped potential (kpi2.6) and, for the
analyst, the A-A-C clients' share of wallet taken together (kpi2.7).
"""

from __future__ import annotations

from kbcore.analyses.abc_three import (
    abc_three,
    class_summary,
    combination_clients,
    combination_summary,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

STRATEGY_OPTIONS = ("retain", "grow_share", "develop", "expand")
"""The options of exercise kpi2.6, in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _classes(ds, **kw):
    key = "kpi2.classes" + "".join(f".{k}={v}" for k, v in sorted(kw.items()))
    return once(ds, key, lambda: abc_three(_facts(ds), ds.clients, ds.products, **kw))


def _count(classes, combination: str) -> int:
    return int((classes["combination"] == combination).sum())


@exercise("kpi2.1", hint="ex.kpi2.1.hint", kind="number", tol=0, style="read")
def sales_class_a(ds):
    """Clients in class A by our sales (last 12 months, value, cuts 80 / 95 %)."""
    table = class_summary(_classes(ds), "sales_class").set_index("class")
    return int(table.loc["A", "clients"])


@exercise("kpi2.2", hint="ex.kpi2.2.hint", kind="number", tol=0, style="read")
def large_large_small(ds):
    """Clients of the combination A-A-C: a large client, a large potential, a small share."""
    return _count(_classes(ds), "A-A-C")


@exercise("kpi2.3", hint="ex.kpi2.3.hint", kind="share", tol=0.002, style="read")
def first_aac_share(ds):
    """Our share of the purchases of the A-A-C client with the largest untapped potential (shown with one decimal)."""
    part = combination_clients(_classes(ds), "A-A-C")
    return float(part["share"].iloc[0]) if len(part) else float("nan")


@exercise("kpi2.4", hint="ex.kpi2.4.hint", kind="number", tol=0, style="rerun")
def aac_with_25_percent(ds):
    """Clients of A-A-C when class B of our share starts at 25 % instead of 20 %."""
    return _count(_classes(ds, share_thresholds=(0.5, 0.25)), "A-A-C")


@exercise("kpi2.5", hint="ex.kpi2.5.hint", kind="number", tol=0, style="rerun")
def sales_class_a_in_volume(ds):
    """Clients in class A by our sales in volume (litres) instead of value."""
    classes = _classes(ds, measure="volume")
    if classes.attrs["measure_used"] != "volume":
        return float("nan")  # the data gives no volume: the workbook says so
    return int(class_summary(classes, "sales_class").set_index("class").loc["A", "clients"])


@exercise("kpi2.6", hint="ex.kpi2.6.hint", kind="choice", options=len(STRATEGY_OPTIONS), style="read")
def strategy_with_most_untapped(ds):
    """Option of the strategy whose clients hold the most untapped potential (no tie allowed)."""
    summary = combination_summary(_classes(ds))
    per = summary.groupby("strategy")["untapped"].sum()
    top = per.max()
    leaders = per.index[per == top].tolist()
    if len(leaders) != 1:
        raise ValueError(f"exercise kpi2.6: {leaders} hold the same untapped potential; the options list one")
    return option_number("kpi2.6", leaders[0], STRATEGY_OPTIONS)


@exercise("kpi2.7", hint="ex.kpi2.7.hint", kind="share", tol=0.002, style="analyst")
def aac_share_together(ds):
    """The A-A-C clients' share of wallet together: Σ our sales / Σ the base of their shares (wallet or potential)."""
    part = combination_clients(_classes(ds), "A-A-C")
    base = part["wallet"].where(part["share_base"] == "wallet", part["potential"])
    total = float(base.sum())
    return float(part["sales"].sum()) / total if total > 0 else float("nan")
