"""Views of block 1 (profitability): its results in the people's words.

The analyses (:mod:`kbcore.analyses.profitability`) return numbers and ids; here they become
the dependence verdict (:func:`concentration_text`, :func:`concentration_table`) and the
block's key figures (:func:`profitability_figures`), through the catalogue.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.profitability import NOTE_EMPTY, yearly_growth
from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, key_figures_table, missing

__all__ = [
    "TOP_SHARE",
    "concentration_text",
    "concentration_table",
    "concession_group_name",
    "concession_table",
    "equal_clients",
    "money_text",
    "pct_text",
    "profitability_figures",
    "signed_pct",
    "whale_summary_text",
]

NEEDS_COST = "sales.cost"
NEEDS_DISCOUNT = "sales.discount"
TOP_SHARE = 0.2
"""The share of clients the analyses' ``top20*`` figures are about (their default ``top``)."""


# --------------------------------------------------------------------------- numbers as text
def pct_text(value, lang: str, digits: int = 0) -> str:
    """A share as a percentage with a true minus sign (−3%)."""
    return fmt_pct(value, lang, digits).replace("-", "\u2212")


def signed_pct(value, lang: str) -> str:
    """+12% / −3%; "—" when undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return ("+" if value > 0 else "") + pct_text(value, lang)


def money_text(value, lang: str) -> str:
    """Money with a true minus sign (−RUB 1,200)."""
    return fmt_money(value, lang).replace("-", "\u2212")


def _growth_text(growth: pd.Series, lang: str) -> str:
    """The growth of :func:`~kbcore.analyses.profitability.yearly_growth` as text.

    +12% when defined; when the first year's value is ≤ 0 the growth is undefined and the two
    values are shown instead ("−RUB 1,200 → RUB 5,300"); "—" when either value is unknown.
    """
    base, final = growth["first"], growth["last"]
    if math.isnan(base) or math.isnan(final):
        return "—"
    if base > 0:
        return signed_pct(growth["growth"], lang)
    return f"{money_text(base, lang)} → {money_text(final, lang)}"


# --------------------------------------------------------------------------- concentration
def equal_clients(effective, lang: str = "en", *, case: str = "nom") -> str:
    """The effective number of clients (1 / HHI) as a counted phrase: "45 equal-sized clients".

    Rounded to a whole client and agreeing with it (:func:`~kbcore.i18n.tn`): in ``ru`` the
    nominative "21 равный по размеру клиент", "22 равных по размеру клиента" (``case="nom"``),
    or the genitive after "от"/"из", "21 равного по размеру клиента", "22 равных по размеру
    клиентов" (``case="gen"``). "—" when undefined.
    """
    if effective is None or (isinstance(effective, float) and math.isnan(effective)):
        return "—"
    key = "conc.equal_clients" if case == "nom" else "conc.equal_clients_gen"
    return tn(key, round(float(effective)), lang)


def concentration_text(conc: pd.Series, lang: str = "en") -> str:
    """The plain-language verdict of :func:`~kbcore.analyses.profitability.concentration`.

    One or two sentences.
    """
    verdict = conc["verdict"]
    return t(
        f"conc.verdict.{verdict}",
        lang,
        top1=fmt_pct(conc["top1_share"], lang, 1),
        top10=fmt_pct(conc["top10_share"], lang),
        effective=equal_clients(conc["effective_clients"], lang, case="gen"),
    )


_CONC_ROWS = {
    "clients": ("conc.row.clients", lambda v, lang: fmt_number(v, lang)),
    "top1_share": ("conc.row.top1_share", lambda v, lang: fmt_pct(v, lang, 1)),
    "top10_share": ("conc.row.top10_share", lambda v, lang: fmt_pct(v, lang, 1)),
    "top20pct_share": ("conc.row.top20pct_share", lambda v, lang: fmt_pct(v, lang, 1)),
    "hhi": ("conc.row.hhi", lambda v, lang: fmt_number(v, lang, 3)),
    "effective_clients": ("conc.row.effective_clients", lambda v, lang: fmt_number(v, lang)),
    "verdict": ("conc.row.verdict", lambda v, lang: t(f"conc.level.{v}", lang)),
}


def concentration_table(conc: pd.Series, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.profitability.concentration` as a two-column table for people.

    Translated and formatted.
    """
    rows = [
        (t(key, lang, top=fmt_pct(TOP_SHARE, lang)), fmt(conc[name], lang))
        for name, (key, fmt) in _CONC_ROWS.items()
        if name in conc.index
    ]
    return pd.DataFrame(rows, columns=[t("col.figure", lang), t("col.value", lang)])


# --------------------------------------------------------------------------- concession clients
def concession_group_name(group: str, threshold, lang: str = "en") -> str:
    """The people's name of a group of :func:`~kbcore.analyses.profitability.concession_clients`.

    "Concession clients (average discount 15% or more)" or "Other clients", one line.
    """
    if group != "concession":
        return t("concession.group.other", lang)
    if threshold is None:
        return t("concession.group.concession_plain", lang)
    return t("concession.row.concession", lang, threshold=pct_text(threshold, lang))


def concession_table(concession: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.profitability.concession_clients` with its groups named in words.

    The same columns (so that :func:`kbcore.views.styled` formats and heads them); the
    ``group`` ids ``concession`` / ``other`` become the groups' names in ``lang``.
    """
    threshold = concession.attrs.get("threshold")
    table = concession.copy()
    table["group"] = [concession_group_name(g, threshold, lang) for g in concession["group"]]
    return table


# --------------------------------------------------------------------------- whale curve
def whale_summary_text(summary: pd.Series, lang: str = "en") -> str:
    """One line (HTML) on :func:`~kbcore.analyses.profitability.whale_summary`.

    The top 20 %'s share of profit, the peak, the unprofitable clients and their loss.

    Without any client of known profit (no cost of goods, or no sales) it says so instead of
    showing zeros.
    """
    if not summary["clients"]:
        return t(NOTE_EMPTY, lang)
    return tn(
        "widget.cts.summary",
        int(summary["unprofitable_clients"]),
        lang,
        top=fmt_pct(TOP_SHARE, lang),
        top20=fmt_pct(summary["top20_share"], lang),
        peak=fmt_pct(summary["peak_share"], lang),
        loss=fmt_money(summary["unprofitable_loss"], lang),
    )


# --------------------------------------------------------------------------- key figures
def _profit_figures(yearly: pd.DataFrame, has_cost: bool, lang: str) -> list[Figure]:
    """Revenue growth, profit growth and the last year's profit % (none without years)."""
    rows: list[Figure] = []
    if not len(yearly):
        return rows
    for column, key, needs in (
        (C.revenue, "kf.revenue_growth", None),
        ("profit", "kf.profit_growth", NEEDS_COST),
    ):
        growth = yearly_growth(yearly, column)
        if growth is None:
            continue
        label = t(key, lang, first=growth["first_year"], last=growth["last_year"])
        value = missing("need.cost", lang) if needs and not has_cost else _growth_text(growth, lang)
        rows.append(Figure(label, value, needs))
    final = yearly.iloc[-1]
    rows.append(
        Figure(
            t("kf.profit_pct", lang, year=int(final["year"])),
            pct_text(final["profit_pct"], lang, 1) if has_cost else missing("need.cost", lang),
            NEEDS_COST,
        )
    )
    return rows


def _whale_figures(s: pd.Series, has_cost: bool, lang: str) -> list[Figure]:
    """The top 20 %'s share of profit, the whale curve's peak and the unprofitable clients."""
    labels = (t("kf.top20", lang, top=pct_text(TOP_SHARE, lang)), t("kf.peak", lang),
              t("kf.unprofitable", lang))
    if not has_cost:
        return [Figure(label, missing("need.cost", lang), NEEDS_COST) for label in labels]
    if not s["clients"]:
        return []
    rows: list[Figure] = []
    defined = s["note"] is None
    if defined:
        rows.append(Figure(labels[0], pct_text(s["top20_share"], lang), NEEDS_COST))
    peak = pct_text(s["peak_share"], lang) if defined else money_text(s["peak_value"], lang)
    rows.append(
        Figure(
            labels[1],
            tn(
                "kf.peak_value",
                int(s["peak_clients"]),
                lang,
                peak=peak,
                share=pct_text(s["peak_client_share"], lang),
            ),
            NEEDS_COST,
        )
    )
    rows.append(
        Figure(
            labels[2],
            tn(
                "kf.unprofitable_value",
                int(s["unprofitable_clients"]),
                lang,
                share=pct_text(s["unprofitable_clients"] / s["clients"], lang),
                loss=money_text(s["unprofitable_loss"], lang),
            ),
            NEEDS_COST,
        )
    )
    return rows


def _concession_figure(
    concession: pd.DataFrame, has_cost: bool, has_discount: bool, lang: str
) -> list[Figure]:
    """The concession clients' revenue and profit shares (needs discounts and cost)."""
    threshold = concession.attrs.get("threshold")
    label = (
        t("kf.concession", lang, threshold=pct_text(threshold, lang))
        if threshold is not None
        else t("kf.concession_plain", lang)
    )
    if not has_discount:
        return [Figure(label, missing("need.discount", lang), NEEDS_DISCOUNT)]
    if not has_cost:
        return [Figure(label, missing("need.cost", lang), NEEDS_COST)]
    if not len(concession) or not int(concession["clients"].sum()):
        return []
    row = concession.set_index("group").loc["concession"]
    profit = (
        pct_text(row["profit_share"], lang)
        if not pd.isna(row["profit_share"])
        else money_text(row["profit"], lang)
    )
    value = tn(
        "kf.concession_value",
        int(row["clients"]),
        lang,
        revenue=pct_text(row["revenue_share"], lang),
        profit=profit,
    )
    return [Figure(label, value, NEEDS_DISCOUNT)]


def profitability_figures(
    yearly: pd.DataFrame,
    curve_summary: pd.Series,
    concession: pd.DataFrame,
    concentration: pd.Series,
    *,
    has_cost: bool,
    has_discount: bool,
    lang: str = "en",
) -> pd.DataFrame:
    """Block 1's key figures in one small table, formatted for people (the run's index shows it).

    Parameters
    ----------
    yearly : DataFrame
        :func:`~kbcore.analyses.profitability.yearly_summary`.
    curve_summary : Series
        :func:`~kbcore.analyses.profitability.whale_summary` of the profit whale curve.
    concession : DataFrame
        :func:`~kbcore.analyses.profitability.concession_clients`.
    concentration : Series
        :func:`~kbcore.analyses.profitability.concentration`.
    has_cost : bool
        Whether the sales have the cost of goods (``dataset.has("sales", "cost")``). Without
        it every figure of profit (profit growth and %, the top 20 %'s share, the whale
        curve's peak, the unprofitable clients, the concession clients) shows
        :func:`~kbcore.views.figures.missing` ``need.cost``, never a number.
    has_discount : bool
        Whether the sales have discounts (``dataset.has("sales", "discount")``). Without it
        the concession clients cannot be told apart (every discount reads 0), so their figure
        shows ``need.discount``.
    lang : str
        Language of the labels and number formats.

    Returns
    -------
    DataFrame
        :func:`~kbcore.views.figures.key_figures_table`: two text columns headed "Key figure"
        / "Value", up to eight rows: revenue growth and profit growth between the first and
        last full years (growth = last / first − 1), profit % of revenue in the last year,
        the top 20 %'s share of profit, the whale curve's peak, the unprofitable clients and
        their loss, the concession clients' revenue and profit shares, and the dependence
        verdict. Rows whose results are empty (no years, no clients, no concession clients,
        an undefined verdict) are left out; rows whose data is absent say so.
    """
    rows = _profit_figures(yearly, has_cost, lang)
    rows += _whale_figures(curve_summary, has_cost, lang)
    rows += _concession_figure(concession, has_cost, has_discount, lang)
    if concentration["verdict"] != "unknown":
        rows.append(
            Figure(
                t("kf.dependence", lang),
                t(
                    "kf.dependence_value",
                    lang,
                    verdict=t(f"conc.level.{concentration['verdict']}", lang),
                    top10=pct_text(concentration["top10_share"], lang),
                    hhi=fmt_number(concentration["hhi"], lang, 3),
                ),
            )
        )
    return key_figures_table(rows, lang)
