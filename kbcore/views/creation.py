"""Views of block 5 (creating the customer base): its key figures in the people's words.

Honest figures (:mod:`kbcore.views.figures`): a figure whose data the company did not give
shows "— (no data: needs …)", never a number — the card fill without a clients table, the
typical best client and the look-alikes without the clients' traits, the market cell and
the penetration without a market table, the plan's margin without the cost of goods. The
plan is our model's (the clients' own trends plus the goal), not the company's own plan, and
its labels say so.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.profile import ALL
from kbcore.i18n import fmt_money, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.card import field_label
from kbcore.views.figures import Figure, key_figures_table, missing
from kbcore.views.labels import label

__all__ = ["creation_figures"]

NEEDS_CLIENTS = "clients"
NEEDS_TRAITS = "clients.segment"
NEEDS_MARKET = "market"
NEEDS_COST = "sales.cost"
_NOT_CARD_TABLE = ("contacts", "interactions")


def _known(given: bool | None, inferred: bool) -> bool:
    """A flag given by the caller can only take data away (no table, no figure).

    Without it the results decide.
    """
    return inferred if given is None else bool(given) and inferred


def _fill_figure(fill: pd.DataFrame, has_clients: bool | None, lang: str) -> Figure:
    label_ = t("kf5.fill", lang)
    card_rows = fill.loc[~fill["field"].isin(_NOT_CARD_TABLE)]
    if not len(fill) or not _known(has_clients, bool(card_rows["recorded"].any())):
        return Figure(label_, missing("need.card_fields", lang), NEEDS_CLIENTS)
    weakest = fill.sort_values("filled_share", kind="mergesort").iloc[0]
    value = t("kf5.fill_value", lang, share=fmt_pct(fill["filled_share"].mean(), lang),
              field=field_label(weakest["field"], lang),
              weakest=fmt_pct(weakest["filled_share"], lang))
    return Figure(label_, value, NEEDS_CLIENTS)


def _profile_figures(profile, matches: pd.DataFrame | None, has_traits: bool | None,
                     lang: str, match_threshold: float) -> list[Figure]:
    rows: list[Figure] = []
    tab = profile.table
    categorical = (tab.loc[(tab["category"] == ALL) & (tab["kind"] == "category")].set_index("trait")
                   if len(tab) else pd.DataFrame())
    traits = _known(has_traits, len(categorical) > 0)
    key = "kf5.profile" if profile.measure == "profit" else "kf5.profile_revenue"
    parts = [f"{field_label(trait, lang)}: {categorical.loc[trait, 'mode']}"
             for trait in (C.segment, C.size) if traits and trait in categorical.index]
    rows.append(Figure(t(key, lang, share=fmt_pct(profile.top_share, lang)),
                       " · ".join(parts) if parts else missing("need.profile_traits", lang),
                       NEEDS_TRAITS))
    if matches is not None:
        label_ = t("kf5.lookalikes", lang, pct=fmt_pct(match_threshold, lang))
        if traits:
            look = matches.loc[~matches["top"] & (matches["score"] >= match_threshold)]
            value = tn("kf5.lookalikes_value", len(look), lang)
        else:
            value = missing("need.profile_traits", lang)
        rows.append(Figure(label_, value, NEEDS_TRAITS))
    return rows


def _plan_figures(plan: pd.DataFrame, has_cost: bool | None, lang: str) -> list[Figure]:
    a = plan.attrs
    plan_label = t("kf5.plan", lang, year=a["year"])
    uplift_label = t("kf5.uplift", lang)
    if not a["revenue_base"] > 0:  # no full year of sales: nothing to plan from
        return [Figure(plan_label, missing("need.full_year", lang)),
                Figure(uplift_label, missing("need.full_year", lang))]
    growth = a["plan_total"] / a["revenue_base"] - 1
    growth_text = ("+" if growth > 0 else "") + fmt_pct(growth, lang, 1)
    rows = [
        Figure(plan_label, t("kf5.plan_value", lang, total=fmt_money(a["plan_total"], lang),
                             growth=growth_text, year=a["base_year"])),
        Figure(uplift_label, fmt_money(max(a["gap"], 0.0), lang)),
    ]
    margin_goal = a.get("margin_goal", math.nan)
    if not math.isnan(margin_goal):
        cost = _known(has_cost, not math.isnan(a["plan_margin"]))
        value = (t("kf5.margin_value", lang, plan=fmt_money(a["plan_margin"], lang),
                   goal=fmt_money(margin_goal, lang)) if cost else missing("need.cost", lang))
        rows.append(Figure(t("kf5.margin", lang), value, NEEDS_COST))
    return rows


def _penetration_figure(passport_table: pd.DataFrame, has_market: bool | None,
                        lang: str) -> Figure:
    label_ = t("kf5.penetration", lang)
    known = passport_table.dropna(subset=["penetration"])
    if not _known(has_market, len(known) > 0):
        return Figure(label_, missing("need.market", lang), NEEDS_MARKET)
    by = passport_table.attrs.get("by", passport_table.columns[0])
    low = known.sort_values(["penetration", by], kind="mergesort").iloc[0]
    return Figure(label_, t("kf5.penetration_value", lang, cell=label(low[by], lang, 40),
                            pct=fmt_pct(low["penetration"], lang, 1)), NEEDS_MARKET)


def creation_figures(
    *,
    fill: pd.DataFrame | None = None,
    profile=None,
    matches: pd.DataFrame | None = None,
    market: pd.DataFrame | None = None,
    plan: pd.DataFrame | None = None,
    passport_table: pd.DataFrame | None = None,
    has_clients: bool | None = None,
    has_traits: bool | None = None,
    has_market: bool | None = None,
    has_cost: bool | None = None,
    lang: str = "en",
    match_threshold: float = 0.75,
) -> pd.DataFrame:
    """Block 5's key figures in one small table (:func:`kbcore.views.figures.key_figures_table`).

    Parameters
    ----------
    fill : DataFrame, optional
        :func:`kbcore.analyses.card.card_fill`: how complete the cards are (the mean share
        filled over the card fields, a field the company does not record counting as 0 %,
        and the weakest field). Needs a clients table.
    profile : ClientProfile, optional
        :func:`kbcore.analyses.profile.client_profile`: the typical best client (the overall
        profile's most frequent segment and size). Needs the clients' traits.
    matches : DataFrame, optional
        :func:`kbcore.analyses.profile.profile_match`: the clients outside the top that match
        at least ``match_threshold`` of the profile (the look-alikes). Needs the traits.
    market : DataFrame, optional
        :func:`kbcore.analyses.profile.market_matches`: the best market cell for new clients.
        Needs a market table.
    plan : DataFrame, optional
        :func:`kbcore.analyses.planning.plan_by_client`: our model's plan (total and growth over
        the base year, what the goal adds above the baselines) and its gross margin against the
        margin goal (needs the cost of goods).
    passport_table : DataFrame, optional
        :func:`kbcore.analyses.passport.passport`: the cell with the lowest penetration.
        Needs a market table.
    has_clients, has_traits, has_market, has_cost : bool, optional
        Whether the company gave a clients table, the clients' traits (segment, size, region,
        acquisition channel), a market table and the cost of goods. None: read from the
        results (a fill with no recorded card field, a profile without a categorical trait,
        an empty market, a passport without penetration, a plan without margin). False
        always makes the figure missing.
    lang : str
        Language.
    match_threshold : float
        The profile match that makes a look-alike (default 0.75).

    Returns
    -------
    DataFrame
        Two text columns headed ``col.figure`` and ``col.value``; a row for each result given
        (the margin only with a margin goal), its value ``— (no data: needs …)`` when the data
        it needs is absent.
    """
    rows: list[Figure] = []
    if fill is not None:
        rows.append(_fill_figure(fill, has_clients, lang))
    if profile is not None:
        rows += _profile_figures(profile, matches, has_traits, lang, match_threshold)
    if market is not None:
        best_known = _known(has_market, len(market) > 0)
        if best_known:
            best = market.iloc[0]
            value = tn("kf5.market_value", best["prospects"], lang, segment=str(best[C.segment]),
                       region=str(best[C.region]))
        else:
            value = missing("need.market", lang)
        rows.append(Figure(t("kf5.market", lang), value, NEEDS_MARKET))
    if plan is not None and plan.attrs.get("year") is not None:
        rows += _plan_figures(plan, has_cost, lang)
    if passport_table is not None and len(passport_table):
        rows.append(_penetration_figure(passport_table, has_market, lang))
    return key_figures_table(rows, lang)
