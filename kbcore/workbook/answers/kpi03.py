"""Expected answers of program 004, topic 3's exercises (solutions/kpi/03_sales_management.py).

Each answer is computed through the same kbcore functions the topic's workbook uses
(:mod:`kbcore.analyses.sales_drilldown`), on the Bulgarian demo company (``kpi…`` ids:
:func:`kbcore.workbook.checks.demo_company`), so a change in an analysis or in the demo data
changes the expected answer with it; nothing here is a hard-coded number. A choice's answer is
the number of the option the data's answer is, in the order the exercise lists them.

The exercises follow the topic's story: the company's volume target (kpi3.1), the business line
that misses it most (kpi3.2), the price part of that line's change (kpi3.3) and the client who
explains its volume loss (kpi3.4), the same bridge a year earlier (kpi3.5), the current year
against its targets by last year's pace (kpi3.6) and, for the analyst, the rise of the target
products' share (kpi3.7). The year analysed is the last full year, as in the workbook.
"""

from __future__ import annotations

from kbcore.analyses.sales_drilldown import (
    annotate_lines,
    drilldown,
    focus_item,
    goals_by_year,
    period_pair,
    top_contributors,
    variance_bridge,
    variance_clients,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

LINES = ("Транспорт и агро", "Индустрия", "Автомобилни масла и течности")
"""The options of exercise kpi3.2 (the demo company's business lines), in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _lines(ds):
    return once(ds, "kpi3.lines", lambda: annotate_lines(_facts(ds), ds.products, ds.clients))


def _year(ds) -> int:
    """The year the workbook analyses by default: the last full year."""
    return period_pair(_facts(ds), "year")[1][0].year


def _drill(ds, level: str, year: int | None = None, pro_rata: str = "days"):
    return drilldown(_facts(ds), ds.products, ds.clients, ds.market, ds.targets, year=year or _year(ds),
                     level=level, pro_rata=pro_rata, lines=_lines(ds))


def _bridge(ds, year: int):
    return variance_bridge(_facts(ds), level="business_line", period0=year - 1, period1=year, lines=_lines(ds))


def _focus(ds) -> str:
    """The business line whose volume fell most from the year before to the year analysed."""
    return str(focus_item(_bridge(ds, _year(ds))))


@exercise("kpi3.1", hint="ex.kpi3.1.hint", kind="share", tol=0.002, style="read")
def volume_completion(ds):
    """The company's completion of its volume target (litres) in the year analysed."""
    row = _drill(ds, "company").iloc[0]
    return float(row["quantity"] / row["quantity_target_to_date"])


@exercise("kpi3.2", hint="ex.kpi3.2.hint", kind="choice", options=len(LINES), style="read")
def line_missing_volume(ds):
    """Option of the business line with the lowest completion of its volume target."""
    d = _drill(ds, "business_line")
    completion = d["quantity"] / d["quantity_target_to_date"]
    return option_number("kpi3.2", d.loc[completion.idxmin(), "item"], LINES)


@exercise("kpi3.3", hint="ex.kpi3.3.hint", kind="number", tol=0.005, style="read")
def focus_price_part(ds):
    """The price part (EUR) of the change of turnover of the line that lost most volume."""
    b = _bridge(ds, _year(ds))
    return float(b.loc[b["item"] == _focus(ds), "price"].iloc[0])


@exercise("kpi3.4", hint="ex.kpi3.4.hint", kind="share", tol=0.002, style="read")
def first_client_share(ds):
    """The share of that line's volume part explained by the client who lost most volume."""
    year = _year(ds)
    contrib = variance_clients(_facts(ds), path={"business_line": _focus(ds)}, period0=year - 1, period1=year,
                               lines=_lines(ds))
    return float(top_contributors(contrib, "volume", 1)["share_of_effect"].iloc[0])


@exercise("kpi3.5", hint="ex.kpi3.5.hint", kind="number", tol=0.005, style="rerun")
def focus_volume_year_before(ds):
    """The volume part (EUR) of the same line's change one year earlier (the year before against its own year before)."""
    b = _bridge(ds, _year(ds) - 1)
    return float(b.loc[b["item"] == _focus(ds), "volume"].iloc[0])


@exercise("kpi3.6", hint="ex.kpi3.6.hint", kind="share", tol=0.002, style="rerun")
def seasonal_completion(ds):
    """The current year's completion of the turnover target to date, at last year's pace."""
    row = _drill(ds, "company", year=_facts(ds).as_of.year, pro_rata="seasonal").iloc[0]
    return float(row["revenue"] / row["revenue_target_to_date"])


@exercise("kpi3.7", hint="ex.kpi3.7.hint", kind="share", tol=0.002, style="analyst")
def target_share_rise(ds):
    """The rise of the target products' share of turnover from the first year of the data to the year analysed."""
    g = goals_by_year(_facts(ds), ds.products, ds.clients, ds.market, ds.targets, lines=_lines(ds)).set_index("item")
    return float(g.loc[str(_year(ds)), "target_products_share"] - g["target_products_share"].iloc[0])
