"""Program 004, topic 3 · the drill-down, its targets and the price-volume-mix bridge in words.

Tables with translated headers and locale-formatted numbers (strings, ready to show), the notes
that say what the numbers cover (a partial year against a yearly target, volume in value only …)
and the topic's key figures. Money is formatted in the currency given (``"EUR"`` for the
Bulgarian company); the analyses are :mod:`kbcore.analyses.sales_drilldown`.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.sales_drilldown import COMPANY, EFFECTS, SHARE_KPIS, UNKNOWN
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, key_figures_table, missing

__all__ = [
    "level_label",
    "kpi_label",
    "effect_label",
    "item_label",
    "client_names",
    "kpi_value",
    "drilldown_table",
    "targets_view",
    "bridge_table",
    "contributors_table",
    "drilldown_notes",
    "bridge_notes",
    "drilldown_figures",
]

NEEDS = {
    "quantity": ("sales_drilldown.need.units", "products.unit"),
    "target_products_revenue": ("sales_drilldown.need.is_target", "products.is_target"),
    "market_share": ("sales_drilldown.need.market", "market"),
    "share_of_wallet": ("sales_drilldown.need.wallet", "clients.wallet"),
    "targets": ("sales_drilldown.need.targets", "targets"),
    "assortment": ("sales_drilldown.need.products", "sales.product_id"),
}
"""What each figure needs: (catalogue id of the words, the ``table.column`` it names)."""


def _nan(value) -> bool:
    try:
        return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def level_label(level: str, lang: str = "en") -> str:
    """The level's name ("Business line", «Бизнес направление» …)."""
    return t(f"sales_drilldown.level.{level}", lang)


def kpi_label(kpi: str, lang: str = "en") -> str:
    """The goal's name ("Market share", «Пазарен дял» …)."""
    return t(f"sales_drilldown.kpi.{kpi}", lang)


def effect_label(effect: str, lang: str = "en") -> str:
    """The name of a part of a change ("Volume", «Структура (микс)» …)."""
    return t(f"sales_drilldown.effect.{effect}", lang)


def client_names(clients: pd.DataFrame | None) -> dict:
    """``{client_id: name}`` from the clients table (empty without names)."""
    if clients is None or not {C.client_id, C.name} <= set(clients.columns):
        return {}
    cl = clients.loc[clients[C.name].notna()]
    return dict(zip(cl[C.client_id].astype("string").str.strip(), cl[C.name].astype(str), strict=False))


def item_label(item, lang: str = "en", names: dict | None = None) -> str:
    """An item as a person reads it: the company, "(not given)", "Total", a client's name."""
    item = str(item)
    if item == COMPANY:
        return t("sales_drilldown.item.company", lang)
    if item == UNKNOWN:
        return t("sales_drilldown.item.unknown", lang)
    if item == "total":
        return t("sales_drilldown.item.total", lang)
    return (names or {}).get(item, item)


def kpi_value(kpi: str, value, lang: str = "en", *, currency: str = "EUR", unit=None) -> str:
    """A goal's value in its own form: money, volume with its unit, a share, a mean count."""
    if _nan(value):
        return "—"
    if kpi in ("revenue", "target_products_revenue"):
        return fmt_money(value, lang, currency=currency)
    if kpi == "quantity":
        text = fmt_number(value, lang)
        return f"{text}\xa0{unit}" if unit and not _nan(unit) else text
    if kpi in SHARE_KPIS:
        return fmt_pct(value, lang, 1)
    return fmt_number(value, lang, 1)


def _present(df: pd.DataFrame, cols) -> list[str]:
    return [c for c in cols if c in df.columns and df[c].notna().any()]


def drilldown_table(drill: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                    names: dict | None = None, max_rows: int | None = None) -> pd.DataFrame:
    """The drill-down's items with their measures, formatted, headers translated.

    Only measures with at least one value are shown (a company without units sees no volume
    column), and no count of buying clients at the client level; the item column is headed by
    the level's name.
    """
    level = drill.attrs.get("level", "company")
    view = drill.head(max_rows) if max_rows else drill
    cols = ["revenue", "quantity", "target_products_revenue", "target_products_share", "clients",
            "assortment", "market_share", "share_of_wallet", "abc"]
    shown = _present(view, cols)
    if level == C.client_id:  # one client per row: its count of buying clients says nothing
        shown = [c for c in shown if c != "clients"]
    out = pd.DataFrame({level_label(level, lang): [item_label(i, lang, names) for i in view["item"]]})
    by_skus = drill.attrs.get("assortment_by") == C.product_id
    for col in shown:
        values = view[col]
        if col in ("revenue", "target_products_revenue"):
            text = [fmt_money(v, lang, currency=currency) for v in values]
        elif col == "quantity":
            text = [kpi_value("quantity", v, lang, unit=u) for v, u in zip(values, view["unit"], strict=False)]
        elif col in ("target_products_share", "market_share", "share_of_wallet"):
            text = [fmt_pct(v, lang, 1) for v in values]
        elif col == "clients":
            text = [fmt_number(v, lang) for v in values]
        elif col == "assortment":
            text = [fmt_number(v, lang, 1) for v in values]
        else:
            text = ["—" if _nan(v) else str(v) for v in values]
        key = "assortment_skus" if col == "assortment" and by_skus else col
        out[t(f"sales_drilldown.col.{key}", lang)] = text
    return out


def targets_view(targets_long: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 names: dict | None = None, unit=None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.sales_drilldown.target_table` formatted: each goal in its own form."""
    level = targets_long.attrs.get("level", "company")
    unit = unit if unit is not None else targets_long.attrs.get("unit")
    rows = []
    for r in targets_long.itertuples(index=False):
        kpi = str(getattr(r, C.kpi))
        fmt = lambda v, _k=kpi: kpi_value(_k, v, lang, currency=currency, unit=unit)  # noqa: E731
        rows.append([item_label(r.item, lang, names), kpi_label(kpi, lang), fmt(r.actual),
                     fmt(r.target), fmt(r.target_to_date), fmt(r.deviation),
                     fmt_pct(r.completion, lang, 1)])
    heads = [level_label(level, lang)] + [t(f"sales_drilldown.col.{c}", lang) for c in (
        "kpi", "actual", "target", "target_to_date", "deviation", "completion")]
    return pd.DataFrame(rows, columns=heads)


def bridge_table(bridge: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 names: dict | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.sales_drilldown.variance_bridge` formatted (parts with a value only)."""
    level = bridge.attrs.get("level", "company")
    parts = [e for e in EFFECTS if e in bridge.columns and bridge[e].notna().any()
             and (bridge[e].abs() > 0).any()]
    out = pd.DataFrame({level_label(level, lang): [item_label(i, lang, names) for i in bridge["item"]]})
    for col in ("revenue0", "revenue1", "change"):
        out[t(f"sales_drilldown.col.{col}", lang)] = [fmt_money(v, lang, currency=currency)
                                                     for v in bridge[col]]
    for e in parts:
        out[effect_label(e, lang)] = [fmt_money(v, lang, currency=currency) for v in bridge[e]]
    return out


def contributors_table(top: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                       names: dict | None = None) -> pd.DataFrame:
    """:func:`~kbcore.analyses.sales_drilldown.top_contributors` formatted."""
    return pd.DataFrame({
        t("sales_drilldown.col.rank", lang): [fmt_number(v, lang) for v in top["rank"]],
        t("sales_drilldown.col.client", lang): [item_label(i, lang, names) for i in top[C.client_id]],
        t("sales_drilldown.col.contribution", lang): [fmt_money(v, lang, currency=currency)
                                                     for v in top["contribution"]],
        t("sales_drilldown.col.share_of_effect", lang): [fmt_pct(v, lang, 1)
                                                        for v in top["share_of_effect"]],
        t("sales_drilldown.col.cum_share", lang): [fmt_pct(v, lang, 1) for v in top["cum_share"]],
    })


def drilldown_notes(drill: pd.DataFrame, lang: str = "en") -> list[str]:
    """What the drill-down's numbers cover, in sentences.

    The window, a partial year and how it meets the yearly targets, volume in one unit or value
    only, shares not given for products, targets of managers left out.
    """
    notes = []
    w = drill.attrs.get("window")
    if w:
        notes.append(t("sales_drilldown.note.window", lang, start=fmt_date(w["start"], lang),
                       end=fmt_date(w["end"], lang)))
        if w["partial"]:
            share = w["fraction"] if w["pro_rata"] == "seasonal" else w["days"] / w["days_in_year"]
            notes.append(t(f"sales_drilldown.note.partial.{w['pro_rata']}", lang,
                           share=fmt_pct(share, lang, 1)))
    if drill.attrs.get("mixed_units") or "quantity" not in drill.columns \
            or drill["quantity"].isna().all():
        notes.append(t("sales_drilldown.note.value_only", lang))
    elif drill.attrs.get("unit"):
        notes.append(t("sales_drilldown.note.unit", lang, unit=drill.attrs["unit"]))
    level, path = drill.attrs.get("level"), drill.attrs.get("path", {})
    if level in (C.business_line, C.category) or set(path) & {C.business_line, C.category}:
        notes.append(t("sales_drilldown.note.product_scope", lang))
    n = drill.attrs.get("targets", {}).get("manager_rows", 0)
    if n:
        notes.append(tn("sales_drilldown.note.manager_targets", n, lang))
    return notes


def _period_text(period, lang: str) -> str:
    lo, hi = period
    return t("sales_drilldown.period", lang, start=fmt_date(lo, lang), end=fmt_date(hi, lang))


def bridge_notes(bridge: pd.DataFrame, lang: str = "en") -> list[str]:
    """How to read the bridge (its two periods), and that it is value only when it is."""
    notes = []
    periods = bridge.attrs.get("periods")
    if periods:
        notes.append(t("sales_drilldown.note.bridge", lang, period0=_period_text(periods[0], lang),
                       period1=_period_text(periods[1], lang)))
    if bridge.attrs.get("value_only"):
        notes.append(t("sales_drilldown.note.bridge_value_only", lang))
    return notes


def drilldown_figures(drill: pd.DataFrame, bridge: pd.DataFrame | None = None, lang: str = "en",
                      *, currency: str = "EUR") -> pd.DataFrame:
    """The topic's key figures, from the company-level drill-down (its first row) and bridge.

    A figure whose data the company did not give is ``missing("…", lang)``: volume without one
    unit, target products without the flag, market share without the market table, share in
    the client without wallets or potentials, completion without targets.
    """
    row = drill.iloc[0] if len(drill) else pd.Series(dtype="object")
    w = drill.attrs.get("window", {})
    lo, hi = fmt_date(w.get("start"), lang), fmt_date(w.get("end"), lang)
    absent = set(drill.attrs.get("missing", []))

    def value(col, fmt, need):
        v = row.get(col, float("nan"))
        if _nan(v):
            return Figure(label, missing(NEEDS[need][0], lang), NEEDS[need][1])
        return Figure(label, fmt(v))

    rows = []
    label = t("sales_drilldown.kf.revenue", lang, start=lo, end=hi)
    rows.append(Figure(label, fmt_money(row.get("revenue", float("nan")), lang, currency=currency)))
    label = t("sales_drilldown.kf.quantity", lang, start=lo, end=hi)
    rows.append(value("quantity", lambda v: kpi_value("quantity", v, lang, unit=row.get("unit")),
                      "quantity"))
    label = t("sales_drilldown.kf.completion", lang)
    v = row.get("revenue_target_to_date", float("nan"))
    if _nan(v) or v <= 0:
        rows.append(Figure(label, missing(NEEDS["targets"][0], lang), NEEDS["targets"][1]))
    else:
        rows.append(Figure(label, fmt_pct(row["revenue"] / v, lang, 1)))
    label = t("sales_drilldown.kf.target_products", lang)
    rows.append(value("target_products_share", lambda v: fmt_pct(v, lang, 1),
                      "target_products_revenue"))
    label = t("sales_drilldown.kf.market_share", lang)
    rows.append(value("market_share", lambda v: fmt_pct(v, lang, 1), "market_share"))
    label = t("sales_drilldown.kf.share_of_wallet", lang)
    rows.append(value("share_of_wallet", lambda v: fmt_pct(v, lang, 1), "share_of_wallet"))
    label = t("sales_drilldown.kf.assortment", lang)
    if "products.category" in absent and "sales.product_id" in absent:
        rows.append(Figure(label, missing(NEEDS["assortment"][0], lang), NEEDS["assortment"][1]))
    else:
        rows.append(value("assortment", lambda v: fmt_number(v, lang, 1), "assortment"))
    if bridge is not None:
        total = bridge.iloc[-1] if len(bridge) else None
        label = t("sales_drilldown.kf.change", lang)
        if total is None or (total["revenue0"] == 0):
            rows.append(Figure(label, missing("sales_drilldown.need.prior", lang), "sales"))
        else:
            rows.append(Figure(label, fmt_money(total["change"], lang, currency=currency)))
            parts = {e: total[e] for e in EFFECTS if not _nan(total[e])}
            if parts:
                top = max(parts, key=lambda e: abs(parts[e]))
                rows.append(Figure(t("sales_drilldown.kf.largest", lang),
                                   t("sales_drilldown.kf.largest_value", lang,
                                     effect=effect_label(top, lang),
                                     value=fmt_money(parts[top], lang, currency=currency))))
    return key_figures_table(rows, lang)
