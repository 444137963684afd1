"""Views of the three money zones (block 6).

The window note, the "next rouble" list in words, and the zones' key figures.

The analysis (:mod:`kbcore.analyses.money_zones`) returns money, kinds and reason ids; here they
become sentences through the catalogue (``zone.*``), for the rows a person sees only.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses.money_zones import UNKNOWN, MoneyZones, next_rouble
from kbcore.i18n import fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.figures import Figure, missing

__all__ = [
    "NEEDS_POTENTIAL",
    "NEEDS_MARKET",
    "place_label",
    "zones_view",
    "zones_note",
    "reason_texts",
    "next_rouble_table",
    "money_zones_figures",
    "activity_table",
]

NEEDS_POTENTIAL = "clients.potential"
NEEDS_MARKET = "market"


def place_label(value, lang: str = "en") -> str:
    """A segment or region for people.

    The value itself, or "(not recorded)" for :data:`~kbcore.analyses.money_zones.UNKNOWN`.
    """
    return t("ret.unknown", lang) if value == UNKNOWN else str(value)


def zones_view(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A copy of :func:`~kbcore.analyses.money_zones.zone_table` for people.

    Works on any table with ``segment``/``region`` columns; its unknown segments and regions read in
    words.
    """
    out = table.copy()
    for col in (C.segment, C.region):
        if col in out.columns:
            out[col] = pd.array([place_label(v, lang) for v in out[col]], dtype="string")
    out.attrs.update(table.attrs)
    return out


def activity_table(zones: MoneyZones, lang: str = "en") -> pd.DataFrame:
    """The clients' money by activity: the clients who bought in the window and those who did not.

    Two rows (active, then inactive), each named in words with the window's dates (catalogue
    ``zone.activity.<activity>``): ``activity, clients, money_in_hand, money_on_table``. The
    money on the table of a row is NaN when none of its clients has a potential. Where the
    next rouble is easiest: on the table of an active client the door is open.
    """
    cl = zones.clients
    n = zones.notes
    dates = {"start": fmt_date(n.get("window_start"), lang), "end": fmt_date(n.get("window_end"), lang)}
    rows = []
    for activity in ("active", "inactive"):
        part = cl.loc[cl["activity"] == activity]
        rows.append((t(f"zone.activity.{activity}", lang, **dates), len(part),
                     float(part["money_in_hand"].sum()), part["money_on_table"].sum(min_count=1)))
    out = pd.DataFrame(rows, columns=["activity", "clients", "money_in_hand", "money_on_table"])
    out["activity"] = out["activity"].astype("string")
    out["money_on_table"] = out["money_on_table"].astype("float64")
    return out


def zones_note(zones: MoneyZones, lang: str = "en") -> str:
    """One sentence: the window of the money in hand and how the potentials were completed."""
    n = zones.notes
    cl = zones.clients
    known = int(len(cl) - n.get("potential_missing", 0)) if n.get("potential_known") else 0
    return t("zone.note.summary", lang, start=fmt_date(n["window_start"], lang),
             end=fmt_date(n["window_end"], lang),
             known=tn("zone.note.known", known, lang, clients=fmt_number(len(cl), lang)),
             imputed=fmt_number(n.get("potential_imputed", 0), lang),
             left_out=fmt_number(n.get("potential_left_out", 0) if n.get("potential_known")
                                 else len(cl), lang))


def _reason(row, lang: str) -> str:
    if row.reason == "zone.reason.market":
        return tn(row.reason, row.prospects, lang,
                  companies=fmt_number(getattr(row, C.companies), lang),
                  consumption=fmt_money(getattr(row, C.consumption_per_company), lang),
                  total=fmt_money(row.money_in_market, lang))
    potential = fmt_money(getattr(row, C.potential), lang)
    if row.potential_imputed:
        potential = t("zone.reason.imputed", lang, potential=potential)
    if row.reason == "zone.reason.active":
        return t(row.reason, lang, revenue=fmt_money(row.money_in_hand, lang),
                 potential=potential, share=fmt_pct(row.share_of_wallet, lang, 0))
    if row.reason == "zone.reason.inactive":
        return t(row.reason, lang, last=fmt_date(row.last_date, lang), potential=potential)
    return t(row.reason, lang, potential=potential)


def reason_texts(ranked: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Why each candidate of :func:`~kbcore.analyses.money_zones.next_rouble` is on the list.

    In words with its own numbers (index as ``ranked``).
    """
    return pd.Series([_reason(row, lang) for row in ranked.itertuples(index=False)],
                     index=ranked.index, dtype="string")


def next_rouble_table(ranked: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The "next rouble" list in words.

    ``ranked`` with ``what`` (the kind in words) and ``why`` (:func:`reason_texts`), unknown
    segments and regions in words.

    Format only the rows that are shown: pass ``ranked`` already cut to them (``top`` of
    :func:`~kbcore.analyses.money_zones.next_rouble`).
    """
    out = zones_view(ranked, lang)
    out["what"] = pd.array([t(f"zone.kind.{k}", lang) for k in ranked["kind"]], dtype="string")
    out["why"] = reason_texts(ranked, lang)
    return out


def money_zones_figures(zones: MoneyZones, lang: str = "en") -> list[Figure]:
    """The money zones' key figures (rows for :func:`~kbcore.views.figures.key_figures_table`).

    The three zones in money, our share of the whole (in hand / all three zones), the clients
    without a potential, and the first place of the "next rouble" list. A zone that needs data
    the company did not provide says so (:func:`~kbcore.views.figures.missing`): money on the
    table needs the clients' potential (``clients.potential``), money in the market the market
    table; the share needs both, the next rouble either.
    """
    cl = zones.clients
    has_potential = bool(zones.notes.get("potential_known"))
    has_market = bool(zones.notes.get("market_known"))
    in_hand = float(cl["money_in_hand"].sum())
    rows = [Figure(t("zone.money_in_hand", lang), fmt_money(in_hand, lang))]
    on_table = cl["money_on_table"].sum(min_count=1)
    in_market = zones.market["money_in_market"].sum(min_count=1) if len(zones.market) else np.nan
    rows.append(Figure(t("zone.money_on_table", lang),
                       fmt_money(on_table, lang) if has_potential
                       else missing("need.zones.potential", lang), NEEDS_POTENTIAL))
    rows.append(Figure(t("zone.money_in_market", lang),
                       fmt_money(in_market, lang) if has_market
                       else missing("need.zones.market", lang), NEEDS_MARKET))
    label = t("kf.zone.share_in_hand", lang)
    if not has_potential:
        rows.append(Figure(label, missing("need.zones.potential", lang), NEEDS_POTENTIAL))
    elif not has_market:
        rows.append(Figure(label, missing("need.zones.market", lang), NEEDS_MARKET))
    else:
        total = in_hand + np.nansum([on_table, in_market])
        if not (math.isnan(on_table) and math.isnan(in_market)) and total > 0:
            rows.append(Figure(label, fmt_pct(in_hand / total, lang, 1)))
    if zones.notes.get("potential_missing"):
        rows.append(Figure(t("kf.zone.potential_missing", lang),
                           tn("kf.zone.potential_missing_value", zones.notes["potential_missing"],
                              lang, imputed=fmt_number(zones.notes["potential_imputed"], lang)),
                           NEEDS_POTENTIAL))
    label = t("kf.zone.next_rouble", lang)
    if not (has_potential or has_market):
        rows.append(Figure(label, missing("need.zones.potential", lang), NEEDS_POTENTIAL))
    else:
        best = next_rouble(zones, top=1)
        if len(best):
            rows.append(Figure(label, f"{best['label'].iloc[0]} "
                                      f"({fmt_money(best['money'].iloc[0], lang)})"))
    return rows
