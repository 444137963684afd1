"""Views of the risk after the first order (block 6).

Groups, bands, reasons and key figures in words.

The analysis (:mod:`kbcore.analyses.retention`) returns group values, band numbers and the
ids of levels and reasons; here they become the people's names through the catalogue
(``ret.*``): :func:`group_label`, the cohort note, the conversion and risk tables in words and
the section's key figures (:func:`retention_figures`).
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.retention import ALL, UNKNOWN, reorder_timing, second_order_conversion
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, missing
from kbcore.views.segmentation import clients_text

__all__ = [
    "NEEDS_CHANNEL",
    "group_label",
    "group_labels",
    "cohort_note",
    "conversion_table",
    "curve_view",
    "risk_reasons",
    "risk_table",
    "retention_figures",
    "days_text",
]

NEEDS_CHANNEL = "clients.acquisition_channel"


def days_text(n, lang: str = "en") -> str:
    """"45 days" with the noun agreeing with the count (catalogue ``ret.n_days``)."""
    return tn("ret.n_days", n, lang)


def _band_text(band: int, edges: list[float], lang: str, *, money: bool) -> str:
    def f(x):
        return fmt_money(x, lang) if money else fmt_pct(x, lang, 0)

    if not edges:
        return t("ret.band.all", lang)
    if band <= 1:
        key = "ret.band.upto" if money else "ret.band.below"
        return t(key, lang, hi=f(edges[0]))
    if band > len(edges):
        key = "ret.band.above" if money else "ret.band.from"
        return t(key, lang, lo=f(edges[-1]))
    return t("ret.band.range", lang, lo=f(edges[band - 2]), hi=f(edges[band - 1]))


def group_label(table: pd.DataFrame, by: str | None, value, lang: str = "en") -> str:
    """The people's name of one group value of ``by`` (bands get their money or % range).

    ``table`` is any result of :mod:`kbcore.analyses.retention` (``new_clients``, a
    conversion, a curve, the risk list): its ``attrs`` carry the band edges.
    """
    if by is None or value == ALL:
        return t("ret.all", lang)
    if by == "size_band":
        return _band_text(int(value), table.attrs.get("size_edges", []), lang, money=True)
    if by == "discount_band":
        return _band_text(int(value), table.attrs.get("discount_edges", []), lang, money=False)
    if value == UNKNOWN:
        return t("ret.unknown", lang)
    if by == "cohort":
        return str(int(value))
    return str(value)


def group_labels(table: pd.DataFrame, lang: str = "en", *, column: str = "group_id",
                 by: str | None = None) -> list[str]:
    """:func:`group_label` of every value of ``table[column]``.

    ``by`` defaults to ``table.attrs["by"]``.
    """
    by = table.attrs.get("by") if by is None else by
    return [group_label(table, by, v, lang) for v in table[column]]


def cohort_note(new: pd.DataFrame, lang: str = "en") -> str:
    """One sentence saying who counts as a new client here and how many had time to reorder."""
    a = new.attrs
    if a.get("as_of") is None:
        return ""
    last = a["as_of"] - pd.Timedelta(days=a.get("min_follow_days", 0))
    key = "ret.note.rule_created" if a.get("rule") == "created" else "ret.note.rule_first_order"
    return t(key, lang, start=fmt_date(a["start"], lang), n=fmt_number(len(new), lang),
             followed=fmt_number(int(new["followed"].sum()), lang),
             days=tn("ret.n_days_gen", a.get("min_follow_days", 0), lang), last=fmt_date(last, lang),
             lead=days_text(a.get("lead_in_days", 0), lang))


def conversion_table(conv: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.retention.second_order_conversion` with a ``group`` column.

    The people's name of each group, first.
    """
    out = conv.copy()
    out.insert(0, "group", pd.array(group_labels(conv, lang), dtype="string"))
    out.attrs.update(conv.attrs)
    return out


def curve_view(curve: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.retention.time_to_second_order` with a ``group`` column.

    The people's name of each curve's group, first.
    """
    out = curve.copy()
    out.insert(0, "group", pd.array(group_labels(curve, lang), dtype="string"))
    out.attrs.update(curve.attrs)
    return out


def _risk_reason(row, table: pd.DataFrame, median: float, lang: str) -> str:
    channel = group_label(table, C.acquisition_channel, getattr(row, C.acquisition_channel), lang)
    size = group_label(table, "size_band", row.size_band, lang)
    parts = [
        t("ret.reason.channel", lang, channel=channel,
          share=fmt_pct(row.channel_one_order_share, lang, 0)),
        t("ret.reason.size", lang, band=size, share=fmt_pct(row.size_one_order_share, lang, 0)),
    ]
    days = days_text(row.days_since_first, lang)
    if row.reason == "ret.reason.days" or math.isnan(median):
        parts.append(t("ret.reason.days", lang, days=days))
    else:
        parts.append(t(row.reason, lang, days=days, median=days_text(median, lang)))
    return "; ".join(parts)


def risk_reasons(risk: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Why each client of :func:`~kbcore.analyses.retention.first_order_risk` is at risk, in words.

    Its channel's and first-order size's one-order shares and how long it has waited (index as
    ``risk``).
    """
    median = float(risk.attrs.get("median_days_to_second", math.nan))
    return pd.Series([_risk_reason(row, risk, median, lang) for row in risk.itertuples(index=False)],
                     index=risk.index, dtype="string")


def risk_table(risk: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The risk list in words.

    ``risk`` with ``level`` (the risk level's name) and ``why`` (:func:`risk_reasons`). Pass only
    the rows to show: every reason is a formatted sentence.
    """
    out = risk.copy()
    out["level"] = pd.array([t(f"ret.level.{v}", lang) for v in risk["risk_level"]],
                            dtype="string")
    out["why"] = risk_reasons(risk, lang)
    out.attrs.update(risk.attrs)
    return out


def retention_figures(new: pd.DataFrame, risk: pd.DataFrame | None = None, lang: str = "en"
                      ) -> list[Figure]:
    """The section's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    New clients followed and their one-order share, the acquisition channels with the highest
    and the lowest one-order share (groups of ≥ 20 clients; without an acquisition channel in
    the client cards both say which data they need), the median days to a second order, and
    (when ``risk`` is given) today's one-order clients at high risk.
    """
    rows: list[Figure] = []
    total = second_order_conversion(new)
    if len(total) and total["clients"].iloc[0]:
        r = total.iloc[0]
        rows.append(Figure(t("kf.ret.new", lang), clients_text(r["clients"], lang)))
        rows.append(Figure(t("kf.ret.one_order", lang),
                           tn("kf.ret.one_order_value", r["one_order_clients"], lang,
                              share=fmt_pct(r["one_order_share"], lang, 1))))
        if C.acquisition_channel not in new.attrs.get("known", (C.acquisition_channel,)):
            for key in ("kf.ret.worst_channel", "kf.ret.best_channel"):
                rows.append(Figure(t(key, lang), missing("need.retention.channel", lang),
                                   NEEDS_CHANNEL))
        else:
            ch = second_order_conversion(new, by=C.acquisition_channel)
            ch = ch.loc[(ch["group_id"] != UNKNOWN) & (ch["clients"] >= 20)]
            ch = ch.assign(group=group_labels(ch, lang, by=C.acquisition_channel))
            if len(ch) >= 2:
                worst = ch.sort_values(["one_order_share", "group"],
                                       ascending=[False, True]).iloc[0]
                best = ch.sort_values(["one_order_share", "group"]).iloc[0]
                for key, row in (("kf.ret.worst_channel", worst), ("kf.ret.best_channel", best)):
                    rows.append(Figure(t(key, lang),
                                       t("kf.ret.channel_value", lang, channel=row["group"],
                                         share=fmt_pct(row["one_order_share"], lang, 1)),
                                       NEEDS_CHANNEL))
        median = reorder_timing(new)["p50"]
        if not math.isnan(median):
            rows.append(Figure(t("kf.ret.median_days", lang), days_text(median, lang)))
    if risk is not None and len(risk):
        rows.append(Figure(
            tn("kf.ret.high_risk", risk.attrs.get("recent_days", 365), lang),
            clients_text(int((risk["risk_level"] == "high").sum()), lang)))
    return rows
