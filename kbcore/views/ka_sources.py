"""Views of block 8's data side: market cells, candidates, quadrants, stages, key accounts needed.

In words, through the catalogue (``b8.*``). The analyses (:mod:`kbcore.analyses.ka_sources`, :mod:`kbcore.analyses.ka_relationship`,
:func:`kbcore.analyses.ka_portfolio.key_accounts_needed`) return numbers and ids; here they
become tables with people's headers and sentences. Display only: nothing is computed that a
reader would need to check.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.ka_portfolio import KeyAccountNeed, PortfolioResult
from kbcore.analyses.ka_relationship import RelationshipResult
from kbcore.analyses.ka_sources import KaCandidates
from kbcore.analyses.money_zones import UNKNOWN
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.display import styled
from kbcore.views.figures import Figure, missing
from kbcore.views.key_accounts import quadrant_label

__all__ = [
    "headers",
    "stage_label",
    "evidence_label",
    "market_cells_view",
    "market_cells_table",
    "cells_note",
    "candidates_view",
    "candidates_table",
    "candidates_note",
    "portfolio_view",
    "portfolio_table",
    "relationship_view",
    "relationship_table",
    "relationship_note",
    "ka_sources_figures",
]

_MONEY = ["market_volume", "our_revenue", "potential", "headroom", "prospect_volume", "opportunity",
          "client_potential", "revenue_year", "client_headroom"]
_PCT = ["market_share", "share_of_wallet", "profile_score"]
_INTS = ["companies", "our_clients", "key_accounts", "dmu_contacts", "dmu_roles", "categories",
         "interactions_per_year"]


def headers(columns, lang: str = "en") -> dict[str, str]:
    """People's headers of the block-8 columns (``b8.col.<column>``); other columns are left out."""
    return {c: t(f"b8.col.{c}", lang) for c in columns if f"b8.col.{c}" in catalogue()}


def _place(value, lang: str) -> str:
    return t("ret.unknown", lang) if value == UNKNOWN or pd.isna(value) else str(value)


def _show(df: pd.DataFrame, lang: str, max_rows: int | None):
    return styled(df, lang, money=_MONEY, pct=_PCT, ints=_INTS, max_rows=max_rows,
                  labels=headers(df.columns, lang))


def stage_label(stage, lang: str = "en") -> str:
    """A relationship stage id in words (``b8.stage.<id>``); NA reads "the highest stage"."""
    if stage is None or (not isinstance(stage, str) and pd.isna(stage)):
        return t("b8.stage.top", lang)
    key = f"b8.stage.{stage}"
    return t(key, lang) if key in catalogue() else str(stage)


def _value(measure: str, value: float, lang: str) -> str:
    if measure == "share_of_wallet":
        return fmt_pct(value, lang, 0)
    if measure == "contact_level":
        key = f"b8.level.{int(value)}" if not math.isnan(value) else ""
        return t(key, lang) if key in catalogue() else fmt_number(value, lang)
    return fmt_number(value, lang, 1 if measure == "tenure_years" else 0)


def evidence_label(measure: str, value: float, at_least: float, lang: str = "en") -> str:
    """One unmet requirement in words: "share of wallet 16 % (needs 30 %)", or "…: no data"."""
    name = t(f"b8.measure.{measure}", lang)
    if value is None or math.isnan(value):
        return t("b8.measure.unknown", lang, measure=name)
    return t("b8.measure.need", lang, measure=name, value=_value(measure, value, lang),
             at_least=_value(measure, at_least, lang))


# --------------------------------------------------------------------------- market cells
def market_cells_view(cells: pd.DataFrame, lang: str = "en", *, top: int | None = 12) -> pd.DataFrame:
    """The first ``top`` market cells for people: places in words, white spots marked "yes"."""
    cols = ["rank", C.segment, C.region, C.companies, "our_clients", "key_accounts", "market_volume",
            "our_revenue", "market_share", C.potential, "headroom", "prospect_volume", "opportunity",
            "white_spot"]
    view = (cells.head(top) if top else cells)[cols].copy()
    for col in (C.segment, C.region):
        view[col] = pd.array([_place(v, lang) for v in view[col]], dtype="string")
    view["white_spot"] = pd.array(np.where(view["white_spot"], t("b8.yes", lang), ""), dtype="string")
    return view


def market_cells_table(cells: pd.DataFrame, lang: str = "en", *, top: int | None = 12):
    """:func:`market_cells_view` as a formatted table (missing figures read "—")."""
    return _show(market_cells_view(cells, lang, top=top), lang, None)


def cells_note(cells: pd.DataFrame, lang: str = "en") -> str:
    """The revenue window of the cells and how many of our clients are outside the market table."""
    outside = cells.attrs.get("clients_outside_market", 0)
    return t("b8.cells.note", lang, start=fmt_date(cells.attrs.get("window_start"), lang),
             end=fmt_date(cells.attrs.get("window_end"), lang),
             outside=tn("b8.cells.outside", outside, lang) if outside else "").strip()


# --------------------------------------------------------------------------- candidates
def candidates_view(cands: KaCandidates, lang: str = "en", *, top: int | None = 15) -> pd.DataFrame:
    """The first ``top`` candidates for people (the profile match only when it was given)."""
    cols = ["rank", C.name, C.segment, C.region, C.potential, "revenue_year", "share_of_wallet",
            "headroom"]
    if cands.table["profile_score"].notna().any():
        cols.append("profile_score")
    view = (cands.table.head(top) if top else cands.table)[cols].copy()
    for col in (C.segment, C.region):
        view[col] = pd.array([_place(v, lang) for v in view[col]], dtype="string")
    return view.rename(columns={C.potential: "client_potential", "headroom": "client_headroom"})


def candidates_table(cands: KaCandidates, lang: str = "en", *, top: int | None = 15):
    """:func:`candidates_view` as a formatted table."""
    return _show(candidates_view(cands, lang, top=top), lang, None)


def candidates_note(cands: KaCandidates, lang: str = "en", *, quantile: float = 0.75,
                    given: bool = False) -> str:
    """The candidate rule with its thresholds, how many were found and how many could not be judged."""
    if cands.min_potential is None:
        return ""
    rule = (t("b8.cands.rule.given", lang) if given
            else t("b8.cands.rule.quantile", lang, share=fmt_pct(1 - quantile, lang, 0)))
    unknown = cands.potential_unknown
    return t("b8.cands.note", lang, min_potential=fmt_money(cands.min_potential, lang), rule=rule,
             max_share=fmt_pct(cands.max_share, lang, 0),
             found=tn("b8.cands.found", len(cands.table), lang),
             unknown=tn("b8.cands.unknown", unknown, lang) if unknown else "").strip()


# --------------------------------------------------------------------------- key accounts classified
def _names(clients: pd.DataFrame | None, ids: pd.Series) -> pd.Series:
    if clients is not None and {C.client_id, C.name} <= set(clients.columns):
        names = clients.assign(**{C.client_id: clients[C.client_id].astype("string").str.strip()}) \
            .drop_duplicates(C.client_id).set_index(C.client_id)[C.name].astype("string")
        found = pd.Series(names.reindex(ids.astype("string")).to_numpy(), index=ids.index, dtype="string")
        return found.fillna(ids.astype("string"))
    return ids.astype("string")


def portfolio_view(result: PortfolioResult, key_accounts, clients: pd.DataFrame | None = None,
                   lang: str = "en") -> pd.DataFrame:
    """The key accounts' place on the portfolio matrix: name, the two axes, the quadrant in words."""
    kas = pd.Index([str(k).strip() for k in key_accounts])
    table = result.table.loc[result.table[C.client_id].isin(kas)]
    view = pd.DataFrame({
        C.name: _names(clients, table[C.client_id]),
        "attractiveness": table["attractiveness"].astype("float64"),
        "strength": table["strength"].astype("float64"),
        "quadrant": pd.array([quadrant_label(q, lang) for q in table["quadrant"]], dtype="string"),
    })
    return view.reset_index(drop=True)


def portfolio_table(result: PortfolioResult, key_accounts, clients: pd.DataFrame | None = None,
                    lang: str = "en"):
    """:func:`portfolio_view` as a formatted table."""
    return _show(portfolio_view(result, key_accounts, clients, lang), lang, None)


def relationship_view(result: RelationshipResult, clients: pd.DataFrame | None = None,
                      lang: str = "en") -> pd.DataFrame:
    """Each key account's relationship stage and what holds it back, in words.

    Columns: name, stage ("… (set by hand)" when manual), the evidence (years with us, categories,
    people in the DMU, roles, contact level, contacts a year, share of wallet), the next stage,
    what holds it back (each unmet requirement with its value and threshold) and the measures
    with no data.
    """
    tb = result.table
    ev = result.evidence.loc[~result.evidence["met"]]
    texts = pd.Series([evidence_label(m, v, a, lang) for m, v, a in
                       zip(ev["measure"], ev["value"], ev["at_least"], strict=True)],
                      index=ev.index, dtype="object")
    held = texts.groupby(ev[C.client_id].astype(str)).agg("; ".join)
    stage = [stage_label(s, lang) for s in tb["stage"]]
    stage = [t("b8.stage.manual", lang, stage=s) if src == "manual" else s
             for s, src in zip(stage, tb["source"], strict=True)]
    lost = [", ".join(t(f"b8.measure.{m}", lang) for m in ms) for ms in tb["missing"]]
    level = [_value("contact_level", v, lang) if not math.isnan(v) else "—" for v in tb["contact_level"]]
    view = pd.DataFrame({
        C.name: _names(clients, tb[C.client_id]),
        "stage": pd.array(stage, dtype="string"),
        "tenure_years": tb["tenure_years"], "categories": tb["categories"],
        "dmu_contacts": tb["dmu_contacts"], "dmu_roles": tb["dmu_roles"],
        "contact_level": pd.array(level, dtype="string"),
        "interactions_per_year": tb["interactions_per_year"],
        "share_of_wallet": tb["share_of_wallet"],
        "next_stage": pd.array([stage_label(s, lang) for s in tb["next_stage"]], dtype="string"),
        "held_back_by": pd.array(held.reindex(tb[C.client_id].astype(str)).fillna("").to_numpy(),
                                 dtype="string"),
        "missing": pd.array(lost, dtype="string"),
    })
    if not view["missing"].str.len().gt(0).any():
        view = view.drop(columns="missing")
    return view


def relationship_table(result: RelationshipResult, clients: pd.DataFrame | None = None,
                       lang: str = "en"):
    """:func:`relationship_view` as a formatted table."""
    return _show(relationship_view(result, clients, lang), lang, None)


def relationship_note(result: RelationshipResult, lang: str = "en") -> str:
    """Where the stages come from (the template, its sources) and how many were set by hand."""
    manual = int((result.table["source"] == "manual").sum())
    return t("b8.rel.note", lang, manual=tn("b8.rel.manual", manual, lang) if manual else "").strip()


# --------------------------------------------------------------------------- key figures
def ka_sources_figures(cells: pd.DataFrame, cands: KaCandidates, relationship: RelationshipResult,
                       need: KeyAccountNeed | None, lang: str = "en") -> list[Figure]:
    """Block 8's key figures; a figure whose data the company did not provide says so."""
    has_market = "market" not in cells.attrs.get("missing", [])
    has_potential = cands.min_potential is not None
    has_ka = "key_accounts" not in cands.missing
    rows = []
    label = t("b8.kf.cells", lang)
    rows.append(Figure(label, fmt_number(int(((cells["opportunity"].fillna(0) > 0) & cells["in_market"]).sum()), lang)
                       if has_market else missing("need.zones.market", lang), None if has_market else "market"))
    rows.append(Figure(t("b8.kf.white_spots", lang), fmt_number(int(cells["white_spot"].sum()), lang)
                       if has_market else missing("need.zones.market", lang), None if has_market else "market"))
    inside = cells.loc[cells["in_market"]]
    volume = inside["market_volume"].sum(min_count=1)
    share = inside["our_revenue"].sum() / volume if has_market and volume and volume > 0 else math.nan
    rows.append(Figure(t("b8.kf.market_share", lang), fmt_pct(share, lang, 1) if has_market
                       else missing("need.zones.market", lang), None if has_market else "market"))
    rows.append(Figure(t("b8.kf.candidates", lang), fmt_number(len(cands.table), lang) if has_potential
                       else missing("need.zones.potential", lang), None if has_potential else "clients.potential"))
    rows.append(Figure(t("b8.kf.candidates_headroom", lang),
                       fmt_money(cands.table["headroom"].sum(), lang) if has_potential
                       else missing("need.zones.potential", lang), None if has_potential else "clients.potential"))
    tb = relationship.table
    if has_ka:
        high = int((tb["stage_rank"] >= 2).sum())
        rows.append(Figure(t("b8.kf.stage_top", lang), t("b8.kf.of", lang, part=fmt_number(high, lang),
                                                         whole=fmt_number(len(tb), lang))))
    else:
        rows.append(Figure(t("b8.kf.stage_top", lang), missing("b8.need_data.key_accounts", lang),
                           "clients.key_account"))
    label = t("b8.kf.accounts_needed", lang)
    if need is None or not has_potential:
        rows.append(Figure(label, missing("need.zones.potential", lang), "clients.potential"))
    elif need.accounts_needed is None:
        rows.append(Figure(label, t("b8.kf.not_reached", lang)))
    else:
        rows.append(Figure(label, fmt_number(need.accounts_needed, lang)))
    label = t("b8.kf.kams_needed", lang)
    if need is not None and need.kams_needed is not None:
        rows.append(Figure(label, fmt_number(need.kams_needed, lang)))
    elif need is not None and need.accounts_needed is not None:
        rows.append(Figure(label, missing("b8.need_data.contacts", lang), "interactions"))
    return rows
