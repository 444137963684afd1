"""Views of topic 5 (program 004): the share of wallet in a person's words.

The analysis (:mod:`kbcore.analyses.share_of_wallet`) returns numbers and ids; here they become
tables with headers from the catalogue (``share_of_wallet.*``), every number formatted for the
language (money through ``fmt_money`` with the company's currency, shares through ``fmt_pct``,
counts through ``tn``), notes, and the topic's key figures. Every ``*_table`` returns a
DataFrame of text (the headers already translated), ready to show. What the data did not allow
is written as missing, never as a number.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.share_of_wallet import (
    BAND_CUTS,
    BAND_READINGS,
    LoyaltyLink,
    ShareMap,
    WarComparison,
    share_summary,
)
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, missing

__all__ = [
    "NEEDS",
    "NEEDS_BASE",
    "need_key",
    "basis_label",
    "band_label",
    "reading_label",
    "reading_guide",
    "action_label",
    "cell_label",
    "group_label",
    "basis_note",
    "units_note",
    "shares_table",
    "distribution_table",
    "reading_guide_table",
    "map_table",
    "group_table",
    "correlation_text",
    "correlation_table",
    "war_table",
    "war_text",
    "growth_table",
    "growth_text",
    "share_of_wallet_figures",
]

NEEDS = {
    "clients": "share_of_wallet.need.clients",
    "clients.wallet": "share_of_wallet.need.wallet",
    "clients.potential": "share_of_wallet.need.potential",
    "clients.base": "share_of_wallet.need.base",
    "sales.quantity": "share_of_wallet.need.quantity",
    "sales.product_id": "share_of_wallet.need.quantity",
    "products.unit": "share_of_wallet.need.units",
    "units.mixed": "share_of_wallet.need.units_mixed",
    "clients.wallet_units": "share_of_wallet.need.wallet_units",
    "clients.potential_units": "share_of_wallet.need.wallet_units",
    "surveys": "share_of_wallet.need.surveys",
    "surveys.csat": "share_of_wallet.need.csat",
    "surveys.nps": "share_of_wallet.need.nps",
    "loyalty": "share_of_wallet.need.loyalty",
    "surveys.our_rank": "share_of_wallet.need.ranking",
    "clients.our_rank": "share_of_wallet.need.ranking",
    "both": "share_of_wallet.need.both",
}
"""The catalogue id (a ``need.*`` text) of each missing input id of the analyses."""
NEEDS_BASE = "clients.wallet"
"""What a share figure needs: the clients' total purchases (or, failing that, the potential)."""


def need_key(missing_id: str) -> str:
    """The catalogue id that names a missing input (``"clients.wallet"`` → its ``need`` text)."""
    return NEEDS.get(missing_id, "share_of_wallet.need.base")


def _money(value, lang: str, currency: str) -> str:
    return fmt_money(value, lang, currency=currency)


def _pct(value, lang: str, digits: int = 1) -> str:
    return fmt_pct(value, lang, digits)


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    """A text frame whose headers are the catalogue texts of ``share_of_wallet.col.<key>``."""
    out = pd.DataFrame({t(f"share_of_wallet.col.{k}", lang): pd.array(v, dtype="string")
                        for k, v in columns.items()})
    return out


# --------------------------------------------------------------------------- labels
def basis_label(basis, lang: str = "en") -> str:
    """"total purchases" / "potential" / "no base"."""
    if basis is None or (not isinstance(basis, str) and pd.isna(basis)):
        return t("share_of_wallet.basis.none", lang)
    return t(f"share_of_wallet.basis.{basis}", lang)


def band_label(lower: float, upper: float, lang: str = "en") -> str:
    """A share band: "10% – 25%", or "75% and more" for the last one."""
    if upper is None or not np.isfinite(upper):
        return t("share_of_wallet.band.last", lang, lo=_pct(lower, lang, 0))
    return t("share_of_wallet.band.range", lang, lo=_pct(lower, lang, 0), hi=_pct(upper, lang, 0))


def reading_label(reading: str, lang: str = "en") -> str:
    """What a band means, in a few words ("the main supplier")."""
    return t(f"share_of_wallet.reading.{reading}", lang)


def reading_guide(reading: str, lang: str = "en") -> str:
    """What a band means and what to do about it, in two sentences."""
    return t(f"share_of_wallet.guide.{reading}", lang)


def action_label(action: str, lang: str = "en") -> str:
    """The action of a map cell in words ("grow the share")."""
    return t(f"share_of_wallet.action.{action}", lang)


def cell_label(cell: str, lang: str = "en") -> str:
    """A map cell ``"high_low"`` in words: "large wallet, small share"."""
    size, share = cell.split("_")
    return t("share_of_wallet.cell", lang, size=t(f"share_of_wallet.level.{size}", lang),
             share=t(f"share_of_wallet.level.{share}", lang))


def group_label(kind: str, group, lang: str = "en") -> str:
    """A group of :class:`~kbcore.analyses.share_of_wallet.LoyaltyLink` in words.

    ``kind`` is ``tenure`` (band id ``"1-3"``, ``"0-1"``, ``"5+"``), ``csat`` (the score),
    ``nps`` (detractor, passive, promoter) or ``membership`` (member, non_member).
    """
    if kind == "tenure":
        text = str(group)
        if text.endswith("+"):
            lo = float(text[:-1])
            return tn("share_of_wallet.tenure.last", lo, lang)
        lo, hi = (float(x) for x in text.split("-"))
        if lo == 0:
            return tn("share_of_wallet.tenure.first", hi, lang)
        return tn("share_of_wallet.tenure.range", hi, lang, lo=fmt_number(lo, lang, 0 if lo.is_integer() else 1))
    if kind == "csat":
        v = float(group)
        return t("share_of_wallet.csat.value", lang, score=fmt_number(v, lang, 0 if v.is_integer() else 1))
    if kind == "nps":
        return t(f"share_of_wallet.nps.{group}", lang)
    if kind == "membership":
        return t(f"share_of_wallet.member.{group}", lang)
    return str(group)


def _clients(n, lang: str) -> str:
    return tn("share_of_wallet.count.with_share", int(n), lang)


# --------------------------------------------------------------------------- notes
def basis_note(shares: pd.DataFrame, lang: str = "en") -> str:
    """How the shares were taken: on the wallet, on the potential, for how many clients, and when.

    Adds a sentence on the clients whose base is below our own sales (a share above 100 %).
    """
    s = share_summary(shares)
    text = t("share_of_wallet.note.basis", lang, with_share=_clients(s["with_share"], lang),
             clients=_clients(s["clients"], lang), on_wallet=_clients(s["on_wallet"], lang),
             on_potential=_clients(s["on_potential"], lang), no_base=_clients(s["no_base"], lang))
    window = shares.attrs.get("window")
    if window:
        text += " " + t("share_of_wallet.note.window", lang, start=fmt_date(window[0], lang),
                        end=fmt_date(window[1], lang),
                        months=tn("share_of_wallet.count.months", shares.attrs.get("months", 12), lang))
    if s["over_base"] > 0:
        text += " " + t("share_of_wallet.note.over_base", lang, clients=_clients(s["over_base"], lang))
    return text


def units_note(shares: pd.DataFrame, lang: str = "en") -> str:
    """The share in volume: for how many clients and in which unit, or what it needs."""
    why = [m for m in shares.attrs.get("missing", ())
           if m in ("sales.quantity", "sales.product_id", "products.unit", "units.mixed",
                    "clients.wallet_units", "clients.potential_units", "clients")]
    s = share_summary(shares, measure="units")
    if why or s["with_share"] == 0:
        what = "; ".join(dict.fromkeys(t(need_key(m), lang) for m in why)) or t(
            "share_of_wallet.need.wallet_units", lang)
        return t("share_of_wallet.note.value_only", lang, what=what)
    return t("share_of_wallet.note.units", lang, unit=shares.attrs.get("unit") or "",
             with_share=_clients(s["with_share"], lang))


# --------------------------------------------------------------------------- tables
def shares_table(shares: pd.DataFrame, lang: str = "en", *, currency: str = "EUR", top: int | None = 20,
                 units: bool | None = None) -> pd.DataFrame:
    """The clients with a share, largest base first: client, segment, our sales, base, share.

    With ``units`` (default: when the volume is known) the share in volume is added.
    """
    known = shares.loc[shares["share"].notna()].sort_values(
        ["base", C.client_id], ascending=[False, True], kind="mergesort")
    if top:
        known = known.head(top)
    if units is None:
        units = bool(shares["share_units"].notna().any())
    cols = {
        "client": list(known[C.name]),
        "segment": [t("share_of_wallet.widget.unknown", lang) if s == "unknown" else s
                    for s in known[C.segment]],
        "ours": [_money(v, lang, currency) for v in known["revenue_12m"]],
        "base": [_money(v, lang, currency) for v in known["base"]],
        "basis": [basis_label(b, lang) for b in known["basis"]],
        "share": [_pct(v, lang) for v in known["share"]],
    }
    if units:
        cols["share_units"] = [_pct(v, lang) for v in known["share_units"]]
    return _frame(cols, lang)


def distribution_table(dist: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """:func:`~kbcore.analyses.share_of_wallet.share_distribution` in words: one row per band."""
    return _frame({
        "band": [band_label(lo, up, lang) for lo, up in zip(dist["lower"], dist["upper"], strict=True)],
        "reading": [reading_label(r, lang) for r in dist["reading"]],
        "clients": [fmt_number(n, lang) for n in dist["clients"]],
        "client_share": [_pct(v, lang) for v in dist["client_share"]],
        "ours": [_money(v, lang, currency) for v in dist["ours"]],
        "base": [_money(v, lang, currency) for v in dist["base"]],
        "headroom": [_money(v, lang, currency) for v in dist["headroom"]],
    }, lang)


def reading_guide_table(lang: str = "en", *, dist: pd.DataFrame | None = None) -> pd.DataFrame:
    """How to read a share: each band (of ``dist``, or the default bands) and what to do."""
    readings = BAND_READINGS
    if dist is not None:
        bands = [band_label(lo, up, lang) for lo, up in zip(dist["lower"], dist["upper"], strict=True)]
        readings = list(dist["reading"])
    else:
        edges = (0.0, *BAND_CUTS, np.inf)
        bands = [band_label(edges[i], edges[i + 1], lang) for i in range(len(edges) - 1)]
        readings = list(readings)
    return _frame({"band": bands, "reading": [reading_label(r, lang) for r in readings],
                   "action": [reading_guide(r, lang) for r in readings]}, lang)


def map_table(share_map: ShareMap, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The cells of the share × wallet map: cell, action, clients, money, the cell's share."""
    c = share_map.cells
    return _frame({
        "cell": [cell_label(x, lang) for x in c["cell"]],
        "action": [action_label(a, lang) for a in c["action"]],
        "clients": [fmt_number(n, lang) for n in c["clients"]],
        "ours": [_money(v, lang, currency) for v in c["ours"]],
        "base": [_money(v, lang, currency) for v in c["base"]],
        "headroom": [_money(v, lang, currency) for v in c["headroom"]],
        "weighted": [_pct(v, lang) for v in c["share"]],
    }, lang)


def group_table(table: pd.DataFrame, kind: str, lang: str = "en") -> pd.DataFrame:
    """A :func:`~kbcore.analyses.share_of_wallet.share_by` table in words.

    ``kind`` as in :func:`group_label`.
    """
    return _frame({
        "group": [group_label(kind, g, lang) for g in table["group"]],
        "clients": [fmt_number(n, lang) for n in table["clients"]],
        "mean": [_pct(v, lang) for v in table["mean"]],
        "median": [_pct(v, lang) for v in table["median"]],
        "weighted": [_pct(v, lang) for v in table["weighted"]],
    }, lang)


def _p_text(p: float, lang: str) -> str:
    """"p = 0.042", or "p < 0.001" for a smaller one."""
    return "p < " + fmt_number(0.001, lang, 3) if p < 0.001 else "p = " + fmt_number(p, lang, 3)


def correlation_text(row, lang: str = "en", *, alpha: float = 0.05) -> str:
    """One correlation of :class:`LoyaltyLink` in words: strength, direction, ρ, p and a verdict.

    Strength by |ρ|: below 0.1 none, below 0.3 weak, below 0.5 moderate, else strong (Cohen
    1988's conventions); "unlikely to be chance" when p < ``alpha``.
    """
    measure = t(f"share_of_wallet.corr.{row['measure']}", lang)
    n = int(row["n"])
    rho, p = row["rho"], row["p_value"]
    if rho is None or (isinstance(rho, float) and math.isnan(rho)):
        return t("share_of_wallet.corr.too_few", lang, measure=measure, clients=_clients(n, lang))
    a = abs(rho)
    strength = "none" if a < 0.1 else "weak" if a < 0.3 else "moderate" if a < 0.5 else "strong"
    fields = {"measure": measure, "strength": t(f"share_of_wallet.corr.strength.{strength}", lang),
              "rho": fmt_number(rho, lang, 2), "p": _p_text(p, lang), "clients": _clients(n, lang),
              "verdict": t("share_of_wallet.corr.significant" if p < alpha else "share_of_wallet.corr.chance",
                           lang)}
    if strength == "none":
        return t("share_of_wallet.corr.text_none", lang, **fields)
    sign = "positive" if rho > 0 else "negative"
    return t("share_of_wallet.corr.text", lang, sign=t(f"share_of_wallet.corr.sign.{sign}", lang), **fields)


def correlation_table(link: LoyaltyLink, lang: str = "en") -> pd.DataFrame:
    """The correlations of :class:`LoyaltyLink`, one sentence each (or what the data lacks)."""
    need = {"csat": ("surveys", "surveys.csat"), "nps": ("surveys", "surveys.nps"),
            "member": ("loyalty",)}
    texts = []
    for row in link.correlations.to_dict("records"):
        absent = [m for m in need.get(row["measure"], ()) if m in link.missing]
        if absent:
            texts.append(missing(need_key(absent[0]), lang))
        else:
            texts.append(correlation_text(row, lang))
    return _frame({"measure": [t(f"share_of_wallet.corr.{m}", lang) for m in link.correlations["measure"]],
                   "link": texts}, lang)


def war_table(comparison: WarComparison, lang: str = "en", *, top: int | None = 20) -> pd.DataFrame:
    """The clients with both shares, the largest gap first."""
    p = comparison.pairs.assign(_gap=comparison.pairs["diff"].abs()).sort_values(
        ["_gap", C.client_id], ascending=[False, True], kind="mergesort")
    if top:
        p = p.head(top)
    return _frame({
        "client": list(p[C.name]),
        "suppliers_used": [fmt_number(v, lang) for v in p[C.suppliers_used]],
        "our_rank": [fmt_number(v, lang) for v in p[C.our_rank]],
        "share": [_pct(v, lang) for v in p["share"]],
        "war_share": [_pct(v, lang) for v in p["war_share"]],
        "diff": [_pct(v, lang) for v in p["diff"]],
    }, lang)


def war_text(comparison: WarComparison, lang: str = "en") -> str:
    """The comparison in one paragraph, or what it needs when no client has both shares."""
    if not comparison.n:
        what = comparison.missing[0] if comparison.missing else "both"
        return missing(need_key(what), lang)
    rho = "—" if math.isnan(comparison.rho) else fmt_number(comparison.rho, lang, 2)
    p = "p = —" if math.isnan(comparison.p_value) else _p_text(comparison.p_value, lang)
    direction = "share_of_wallet.war.over" if comparison.mean_diff > 0 else "share_of_wallet.war.under"
    return t("share_of_wallet.war.text", lang, clients=_clients(comparison.n, lang),
             mad=_pct(comparison.mean_abs_diff, lang), bias=_pct(comparison.mean_diff, lang),
             direction=t(direction, lang), rho=rho, p=p)


def growth_table(plan: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                 top: int | None = 20) -> pd.DataFrame:
    """:func:`~kbcore.analyses.share_of_wallet.growth_plan` in words: the clients with headroom first."""
    p = plan.loc[plan["headroom"] > 0]
    if top:
        p = p.head(top)
    return _frame({
        "rank": [fmt_number(r, lang) for r in p["rank"]],
        "client": list(p[C.name]),
        "segment": [t("share_of_wallet.widget.unknown", lang) if s == "unknown" else s for s in p[C.segment]],
        "base": [_money(v, lang, currency) for v in p["base"]],
        "basis": [basis_label(b, lang) for b in p["basis"]],
        "share": [_pct(v, lang) for v in p["share"]],
        "target": [_pct(v, lang) for v in p["target"]],
        "target_source": [t(f"share_of_wallet.target.{s}", lang) for s in p["target_source"]],
        "growth": [_money(v, lang, currency) for v in p["headroom"]],
        "cum_growth": [_money(v, lang, currency) for v in p["cum_headroom"]],
    }, lang)


def growth_text(plan: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> str:
    """The plan's sum in one sentence: how much, from how many clients, against which target."""
    n = int(plan.attrs.get("clients_to_grow", int((plan["headroom"] > 0).sum())))
    if not n:
        return t("share_of_wallet.growth.none", lang)
    target = plan.attrs.get("target_share")
    if target is not None:
        how = t("share_of_wallet.growth.how_target", lang, target=_pct(float(target), lang, 0))
    else:
        how = t("share_of_wallet.growth.how_peers", lang,
                pct=fmt_number(100 * plan.attrs.get("quantile", 0.75), lang))
    return t("share_of_wallet.growth.sum", lang, total=_money(plan.attrs.get("total", plan["headroom"].sum()),
                                                             lang, currency),
             clients=_clients(n, lang), how=how)


# --------------------------------------------------------------------------- key figures
def share_of_wallet_figures(shares: pd.DataFrame, lang: str = "en", *, currency: str = "EUR",
                            share_map: ShareMap | None = None, plan: pd.DataFrame | None = None,
                            war: WarComparison | None = None,
                            link: LoyaltyLink | None = None) -> list[Figure]:
    """The topic's key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    Our share of the clients' total purchases (Σ ours / Σ base) and the median share in a
    client, the clients with a known wallet, the share in volume, the large-wallet-small-share
    clients, the revenue the growth plan would add, the Wallet Allocation Rule's mean gap and
    the members' median share against the others'. A figure whose data is absent says what it
    needs (:func:`~kbcore.views.figures.missing`).
    """
    s = share_summary(shares)
    rows = []
    has = s["with_share"] > 0
    base_missing = missing("share_of_wallet.need.base", lang)
    rows.append(Figure(t("share_of_wallet.kf.weighted", lang),
                       _pct(s["weighted"], lang) if has else base_missing, NEEDS_BASE))
    rows.append(Figure(t("share_of_wallet.kf.median", lang),
                       _pct(s["median"], lang) if has else base_missing, NEEDS_BASE))
    rows.append(Figure(t("share_of_wallet.kf.on_wallet", lang),
                       tn("ui.count.clients", int(s["on_wallet"]), lang) if s["on_wallet"] > 0
                       else missing("share_of_wallet.need.wallet", lang), "clients.wallet"))
    u = share_summary(shares, measure="units")
    if u["with_share"] > 0:
        rows.append(Figure(t("share_of_wallet.kf.units", lang), _pct(u["weighted"], lang),
                           "clients.wallet_units"))
    else:
        why = [m for m in shares.attrs.get("missing", ()) if m in NEEDS and m not in
               ("clients.wallet", "clients.potential", "clients")] or ["clients.wallet_units"]
        rows.append(Figure(t("share_of_wallet.kf.units", lang), missing(need_key(why[0]), lang),
                           why[0]))
    if share_map is not None:
        cells = share_map.cells.loc[share_map.cells["action"] == "grow_share"]
        label = t("share_of_wallet.kf.grow_share", lang)
        if len(share_map.clients):
            rows.append(Figure(label, tn("ui.count.clients", int(cells["clients"].sum()), lang)
                               + ", " + _money(cells["headroom"].sum(), lang, currency)))
        else:
            rows.append(Figure(label, base_missing, NEEDS_BASE))
    if plan is not None:
        label = t("share_of_wallet.kf.growth", lang)
        rows.append(Figure(label, _money(plan.attrs.get("total", plan["headroom"].sum()), lang, currency)
                           if len(plan) else base_missing, None if len(plan) else NEEDS_BASE))
    if war is not None:
        label = t("share_of_wallet.kf.war_gap", lang)
        if war.n:
            rows.append(Figure(label, _pct(war.mean_abs_diff, lang), "surveys.our_rank"))
        else:
            what = war.missing[0] if war.missing else "both"
            rows.append(Figure(label, missing(need_key(what), lang), what))
    if link is not None:
        label = t("share_of_wallet.kf.member_gap", lang)
        m = link.membership
        if "loyalty" in link.missing or not len(m):
            rows.append(Figure(label, missing("share_of_wallet.need.loyalty", lang), "loyalty"))
        else:
            med = dict(zip(m["group"], m["median"], strict=True))
            rows.append(Figure(label, f"{_pct(med.get('member'), lang)} / {_pct(med.get('non_member'), lang)}",
                               "loyalty"))
    return rows
