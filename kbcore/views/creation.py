"""Views of block 5 (creating the customer base): its key figures in the people's words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kbcore.i18n import fmt_money, fmt_number, fmt_pct, t
from kbcore.schema import C
from kbcore.views.labels import label

__all__ = ["key_figures_creation"]


def key_figures_creation(
    *,
    fill: pd.DataFrame | None = None,
    profile=None,
    matches: pd.DataFrame | None = None,
    market: pd.DataFrame | None = None,
    plan: pd.DataFrame | None = None,
    passport_table: pd.DataFrame | None = None,
    lang: str = "en",
    match_threshold: float = 0.75,
) -> pd.DataFrame:
    """The key figures of block 5 in one small table, formatted for people.

    Rows (each left out when its input is missing): how complete the cards are (mean share
    filled over the card fields, a field the company does not record counting as 0 %, and
    the weakest field); the typical best client (the overall
    profile's typical segment and size); the clients outside the top that match at least
    ``match_threshold`` of the profile (look-alikes to develop); the best market cell for
    new clients; the plan (total, growth over the base year, what the goal adds above the
    baselines); the margin of the plan against the margin goal; the cell with the lowest
    penetration among those with a market.

    Returns
    -------
    DataFrame
        Two text columns headed ``col.figure`` / ``col.value`` (as block 1's key figures).
    """
    rows: list[tuple[str, str]] = []
    if fill is not None and len(fill):
        weakest = fill.sort_values("filled_share", kind="mergesort").iloc[0]
        rows.append((t("kf5.fill", lang), t("kf5.fill_value", lang,
                                             share=fmt_pct(fill["filled_share"].mean(), lang),
                                             field=t(f"col.{weakest['field']}", lang),
                                             weakest=fmt_pct(weakest["filled_share"], lang))))
    if profile is not None and len(profile.table):
        tab = profile.table.loc[(profile.table["category"] == "all")
                                & (profile.table["kind"] == "category")].set_index("trait")
        parts = [str(tab.loc[trait, "mode"]) for trait in (C.segment, C.size) if trait in tab.index]
        if parts:
            rows.append((t("kf5.profile", lang, share=fmt_pct(profile.top_share, lang)),
                         "; ".join(parts)))
    if matches is not None and len(matches):
        look = matches.loc[~matches["top"] & (matches["score"] >= match_threshold)]
        rows.append((t("kf5.lookalikes", lang, pct=fmt_pct(match_threshold, lang)),
                     fmt_number(len(look), lang)))
    if market is not None and len(market):
        best = market.iloc[0]
        rows.append((t("kf5.market", lang), t("kf5.market_value", lang,
                                               segment=str(best[C.segment]),
                                               region=str(best[C.region]),
                                               n=fmt_number(best["prospects"], lang))))
    if plan is not None and plan.attrs.get("year") is not None:
        a = plan.attrs
        growth = a["plan_total"] / a["revenue_base"] - 1 if a["revenue_base"] > 0 else np.nan
        rows.append((t("kf5.plan", lang, year=a["year"]),
                     t("kf5.plan_value", lang, total=fmt_money(a["plan_total"], lang),
                       growth=fmt_pct(growth, lang, 1), year=a["base_year"])))
        rows.append((t("kf5.uplift", lang), fmt_money(max(a["gap"], 0.0), lang)))
        if not np.isnan(a.get("margin_goal", np.nan)):
            rows.append((t("kf5.margin", lang), t("kf5.margin_value", lang,
                                                   plan=fmt_money(a["plan_margin"], lang),
                                                   goal=fmt_money(a["margin_goal"], lang))))
    if passport_table is not None and len(passport_table) and passport_table["penetration"].notna().any():
        by = passport_table.attrs.get("by", passport_table.columns[0])
        low = passport_table.dropna(subset=["penetration"]).sort_values(
            ["penetration", by], kind="mergesort").iloc[0]
        rows.append((t("kf5.penetration", lang), t("kf5.penetration_value", lang,
                                                    cell=label(low[by], lang, 40),
                                                    pct=fmt_pct(low["penetration"], lang, 1))))
    return pd.DataFrame(rows, columns=[t("col.figure", lang), t("col.value", lang)])

