"""Block 6 · The "three money zones": where the next rouble is easiest to win.

The seminar author's model «Три зоны денег» (an algorithm for bringing clients into the
customer base) is unpublished; this module is **our reading** of it, with every rule a
parameter a trainer can change (:class:`ZoneRules`):

money in hand (деньги в руках)
    What current clients buy from us: their revenue over the last ``window_days`` (default
    365 days up to ``as_of``), from the facts per client (:class:`kbcore.facts.Facts`).
money on the table (деньги на столе)
    What our clients buy elsewhere: ``max(potential − revenue in the window, 0)`` per client,
    with ``clients.potential`` the estimated yearly purchases of our category. Clients with
    no purchase in the window (lapsed, or a card that never bought) keep their whole
    potential on the table.
money in the market (деньги на рынке)
    What the companies of our segments that are not yet our clients buy: for each market
    cell (segment × region) of ``ds.market``::

        in_market = max(companies − our clients in the cell, 0) × consumption_per_company

    "Our clients" are the cards of the client list with that segment and region.

Unknown potentials are imputed by the median of the known potentials of the same segment
(the overall median for clients without a segment), or left out
(``impute_potential="none"``); :attr:`MoneyZones.notes` says how many. Without
``clients.potential`` or without the market table the missing zone is NaN ("unknown"),
never a guess.

"Where the next rouble is easiest" (:func:`next_rouble`) ranks every piece of money still
to win by an **ease score** = money × a probability-like weight of its zone: money on the
table of an active client (1.0 — the client knows us, the door is open), of an inactive
client (0.5 — the door has to be reopened), money in the market (0.2 — a new client has to be
won first). The weights are a trainer's judgement, not a measured probability: change them
and watch the list reorder.

The analysis returns numbers and ids (the kind of each candidate, the catalogue id of its
reason); the sentences, the window note and the key figures are in
:mod:`kbcore.views.money_zones`.

Sources: seminar program block 6 («Модель „Три зоны денег“ или алгоритм привлечения
клиентов в „КБ“»), our reading; share of wallet and market potential as in the design's
vocabulary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._ids import UNKNOWN  # the segment / region of a client whose card does not say
from kbcore.analyses._window import span
from kbcore.analyses.wallet import wallet_share
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "ZONES",
    "IMPUTE",
    "UNKNOWN",
    "ZoneRules",
    "MoneyZones",
    "CLIENT_COLUMNS",
    "CELL_COLUMNS",
    "TABLE_COLUMNS",
    "RANK_COLUMNS",
    "KINDS",
    "REASONS",
    "money_zones",
    "zone_table",
    "next_rouble",
]

ZONES = ("money_in_hand", "money_on_table", "money_in_market")
"""The three zones (column names; catalogue ``zone.<name>``)."""
IMPUTE = ("segment_median", "none")

CLIENT_COLUMNS = [
    C.client_id,
    C.name,
    C.segment,
    C.region,
    "activity",
    "last_date",
    "money_in_hand",
    C.potential,
    "potential_imputed",
    "money_on_table",
    "share_of_wallet",
]
CELL_COLUMNS = [
    C.segment,
    C.region,
    C.companies,
    "our_clients",
    "prospects",
    C.consumption_per_company,
    "money_in_market",
]
TABLE_COLUMNS = [
    "clients",
    "active_clients",
    "money_in_hand",
    "money_on_table",
    "money_in_market",
    "money_total",
]
RANK_COLUMNS = [
    "rank",
    "kind",
    C.client_id,
    "label",
    C.segment,
    C.region,
    "zone",
    "money",
    "weight",
    "ease_score",
    "reason",
    "money_in_hand",
    C.potential,
    "potential_imputed",
    "share_of_wallet",
    "last_date",
    "prospects",
    C.companies,
    C.consumption_per_company,
    "money_in_market",
]
"""The columns of :func:`next_rouble`: the ranking, then the numbers its reasons cite."""
KINDS = ("active_client", "inactive_client", "market_cell")
REASONS = ("zone.reason.active", "zone.reason.inactive", "zone.reason.never",
           "zone.reason.market")
"""The reason ids of :func:`next_rouble` (catalogue ids; texts in
:func:`kbcore.views.money_zones.reason_texts`)."""


@dataclass(frozen=True)
class ZoneRules:
    """The rules of the three money zones (our reading; a trainer may change every one).

    Attributes
    ----------
    window_days : int
        Length of the "money in hand" window, days up to and including ``as_of``
        (default 365: the last year).
    impute_potential : {"segment_median", "none"}
        Clients without a potential: take the median known potential of their segment
        (default), or leave them out of "money on the table".
    weight_active : float
        Ease weight of money on the table at an active client (bought in the window).
        Default 1.0.
    weight_inactive : float
        Ease weight of money on the table at a client who did not buy in the window.
        Default 0.5.
    weight_market : float
        Ease weight of money in the market (companies not yet our clients). Default 0.2.
    """

    window_days: int = 365
    impute_potential: str = "segment_median"
    weight_active: float = 1.0
    weight_inactive: float = 0.5
    weight_market: float = 0.2

    def __post_init__(self) -> None:
        if not isinstance(self.window_days, int) or self.window_days < 1:
            raise ValueError(f"ZoneRules.window_days must be an integer ≥ 1, not "
                             f"{self.window_days!r}")
        if self.impute_potential not in IMPUTE:
            raise ValueError(f"ZoneRules.impute_potential must be one of {', '.join(IMPUTE)}, "
                             f"not {self.impute_potential!r}")
        for name in ("weight_active", "weight_inactive", "weight_market"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise ValueError(f"ZoneRules.{name} must be a number ≥ 0, not {value!r}")


@dataclass
class MoneyZones:
    """The result of :func:`money_zones`.

    Attributes
    ----------
    clients : DataFrame
        :data:`CLIENT_COLUMNS`, one row per client in the client list or in the sales (up to
        as_of), sorted by client_id. ``activity`` is "active" (revenue in the window > 0) or
        "inactive"; ``share_of_wallet`` = money_in_hand / potential.
    market : DataFrame
        :data:`CELL_COLUMNS`, one row per market cell (empty without a market table).
    notes : dict
        ``window_start``, ``window_end``, ``potential_known`` (bool), ``market_known``
        (bool), ``potential_missing`` (clients without a potential), ``potential_imputed``,
        ``potential_left_out``, ``clients_outside_market`` (clients whose segment × region
        is not a market cell), ``impute_potential``.
    rules : ZoneRules
    """

    clients: pd.DataFrame
    market: pd.DataFrame
    notes: dict = field(default_factory=dict)
    rules: ZoneRules = field(default_factory=ZoneRules)


def _text(series: pd.Series) -> pd.Series:
    out = series.astype("string").str.strip()
    return out.mask(out == "").fillna(UNKNOWN)


def money_zones(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    market: pd.DataFrame | None = None,
    *,
    as_of=None,
    rules: ZoneRules = ZoneRules(),
) -> MoneyZones:
    """The three money zones per client and per market cell.

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`kbcore.facts.Facts`): facts per client over the window
        and up to ``as_of``.
    clients : DataFrame, optional
        Client cards: ``segment``, ``region``, ``potential`` (yearly, money), ``name``.
        Without ``potential`` the money on the table is unknown (NaN).
    market : DataFrame, optional
        Market cells: ``segment``, ``region``, ``companies``, ``consumption_per_company``.
        None → the money in the market is unknown (NaN).
    as_of : date-like, optional
        Last day of the window; default ``facts.as_of`` (the last sales date).
    rules : ZoneRules
        Window, imputation and ease weights.

    Returns
    -------
    MoneyZones
        Formulas::

            money_in_hand   = Σ revenue of the client in [as_of − window_days + 1, as_of]
            potential       = clients.potential, or the segment median when imputed
            money_on_table  = max(potential − max(money_in_hand, 0), 0)
            prospects       = max(companies − our cards in the cell, 0)
            money_in_market = prospects × consumption_per_company
    """
    hi = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    lo = hi - pd.Timedelta(days=rules.window_days - 1)
    window = facts.clients(*span(facts, lo, hi))
    history = facts.clients(*span(facts, None, hi))

    card = None
    if clients is not None and C.client_id in clients.columns:
        card = clients.assign(**{C.client_id: clients[C.client_id].astype("string")})
        card = card.drop_duplicates(C.client_id).set_index(C.client_id)
    ids = pd.Index(history[C.client_id].astype("string"))
    if card is not None:
        ids = ids.union(card.index)
    ids = ids.sort_values()
    out = pd.DataFrame(index=ids)
    out.index.name = C.client_id

    def card_col(column, text=True):
        if card is None or column not in card.columns:
            return pd.Series(UNKNOWN if text else np.nan, index=ids)
        values = card[column].reindex(ids)
        return _text(values) if text else values

    out[C.name] = (card[C.name].reindex(ids).astype("string")
                   if card is not None and C.name in card.columns
                   else pd.Series(pd.NA, index=ids, dtype="string"))
    out[C.segment] = card_col(C.segment)
    out[C.region] = card_col(C.region)
    in_hand = window.set_index(C.client_id)[C.revenue].reindex(ids).fillna(0.0)
    out["money_in_hand"] = in_hand.astype("float64")
    out["activity"] = np.where(out["money_in_hand"] > 0, "active", "inactive")
    out["last_date"] = history.set_index(C.client_id)["last_date"].reindex(ids)
    out["last_date"] = out["last_date"].astype("datetime64[ns]")

    potential_known = card is not None and C.potential in card.columns
    notes = {"window_start": lo, "window_end": hi, "potential_known": potential_known,
             "impute_potential": rules.impute_potential, "potential_missing": 0,
             "potential_imputed": 0, "potential_left_out": 0}
    if potential_known:
        pot = pd.to_numeric(card[C.potential].reindex(ids), errors="coerce").astype("float64")
        pot = pot.where(pot >= 0)
        missing = pot.isna()
        notes["potential_missing"] = int(missing.sum())
        imputed = pd.Series(False, index=ids)
        if rules.impute_potential == "segment_median" and missing.any():
            seg_median = pot.groupby(out[C.segment]).median()
            overall = pot.median()
            fill = out[C.segment].map(seg_median).astype("float64")
            fill = fill.where(out[C.segment] != UNKNOWN, overall).fillna(overall)
            imputed = missing & fill.notna()
            pot = pot.where(~imputed, fill)
        notes["potential_imputed"] = int(imputed.sum())
        notes["potential_left_out"] = int(pot.isna().sum())
        out[C.potential] = pot
        out["potential_imputed"] = imputed.astype(bool)
        out["money_on_table"] = (pot - out["money_in_hand"].clip(lower=0)).clip(lower=0)
        out["share_of_wallet"] = wallet_share(out["money_in_hand"], pot)
    else:
        out[C.potential] = np.nan
        out["potential_imputed"] = False
        out["money_on_table"] = np.nan
        out["share_of_wallet"] = np.nan
    out = out.reset_index()[CLIENT_COLUMNS]
    out[C.client_id] = out[C.client_id].astype("string")
    for col in (C.segment, C.region, "activity"):
        out[col] = out[col].astype("string")

    cells = _market_cells(out, market)
    notes["market_known"] = cells is not None
    if cells is None:
        cells = pd.DataFrame({c: pd.Series(dtype="float64") for c in CELL_COLUMNS})
        cells = cells.astype({C.segment: "string", C.region: "string", "our_clients": "int64"})
        notes["clients_outside_market"] = 0
    else:
        keys = pd.MultiIndex.from_arrays([cells[C.segment], cells[C.region]])
        inside = pd.MultiIndex.from_arrays([out[C.segment], out[C.region]]).isin(keys)
        notes["clients_outside_market"] = int(len(out) - inside.sum())
    return MoneyZones(clients=out, market=cells, notes=notes, rules=rules)


def _market_cells(zones: pd.DataFrame, market: pd.DataFrame | None) -> pd.DataFrame | None:
    need = (C.segment, C.region, C.companies, C.consumption_per_company)
    if market is None or any(col not in market.columns for col in need):
        return None
    cells = pd.DataFrame({
        C.segment: _text(market[C.segment]),
        C.region: _text(market[C.region]),
        C.companies: pd.to_numeric(market[C.companies], errors="coerce").astype("float64"),
        C.consumption_per_company: pd.to_numeric(market[C.consumption_per_company],
                                                 errors="coerce").astype("float64"),
    })
    cells = cells.groupby([C.segment, C.region], sort=True).agg(
        companies=(C.companies, lambda s: s.sum(min_count=1)),
        consumption_per_company=(C.consumption_per_company, "mean"),
    ).reset_index()
    ours = zones.groupby([C.segment, C.region]).size().rename("our_clients")
    cells = cells.join(ours, on=[C.segment, C.region])
    cells["our_clients"] = cells["our_clients"].fillna(0).astype("int64")
    cells["prospects"] = (cells[C.companies] - cells["our_clients"]).clip(lower=0)
    cells["money_in_market"] = cells["prospects"] * cells[C.consumption_per_company]
    for col in (C.segment, C.region):
        cells[col] = cells[col].astype("string")
    return cells[CELL_COLUMNS].sort_values([C.segment, C.region]).reset_index(drop=True)


# --------------------------------------------------------------------------- table
def zone_table(zones: MoneyZones, *, by=(C.segment,)) -> pd.DataFrame:
    """The three zones in money by segment, region, or both.

    Parameters
    ----------
    zones : MoneyZones
        :func:`money_zones`.
    by : str or tuple of str
        ``"segment"``, ``"region"`` or ``("segment", "region")``.

    Returns
    -------
    DataFrame
        The ``by`` columns then :data:`TABLE_COLUMNS`; ``money_total`` = the sum of the known
        zones. A zone that cannot be computed (no potential, no market table, or a client
        group outside the market cells) is NaN. Sorted by money_total descending, "unknown"
        groups last, ties by the group name.
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    if not by or any(b not in (C.segment, C.region) for b in by):
        raise ValueError(f"by must be 'segment', 'region' or both, not {by!r}")
    by = list(by)
    cl = zones.clients
    g = cl.groupby(by, sort=True)
    out = pd.DataFrame({
        "clients": g.size(),
        "active_clients": (cl["activity"] == "active").groupby(
            [cl[b] for b in by], sort=True).sum().astype("int64"),
        "money_in_hand": g["money_in_hand"].sum(),
        "money_on_table": g["money_on_table"].sum(min_count=1),
    })
    if zones.notes.get("market_known"):
        market = zones.market.groupby(by, sort=True)["money_in_market"].sum(min_count=1)
        out = out.join(market, how="outer")
    else:
        out["money_in_market"] = np.nan
    out["clients"] = out["clients"].fillna(0).astype("int64")
    out["active_clients"] = out["active_clients"].fillna(0).astype("int64")
    out["money_in_hand"] = out["money_in_hand"].fillna(0.0)
    out["money_total"] = out[list(ZONES)].sum(axis=1, min_count=1)
    out = out.reset_index()
    unknown = np.zeros(len(out), dtype=bool)
    for b in by:
        unknown |= (out[b] == UNKNOWN).to_numpy()
    out["_unknown"] = unknown
    out["_neg"] = -out["money_total"].fillna(0.0)
    out = out.sort_values(["_unknown", "_neg", *by], kind="stable")
    out = out.drop(columns=["_unknown", "_neg"]).reset_index(drop=True)
    return out[[*by, *TABLE_COLUMNS]]


# --------------------------------------------------------------------------- ranking
def next_rouble(
    zones: MoneyZones, *, rules: ZoneRules | None = None, top: int | None = 20
) -> pd.DataFrame:
    """Where the next rouble is easiest to win: money still to win, ranked by ease.

    Every client with money on the table and every market cell with money in the market is
    one candidate. The unit is one account, the way a manager wins money: a client's money on
    the table, or in a market cell its typical prospect (one more company buying
    ``consumption_per_company`` a year; the reason names how many such companies the cell
    holds and their total)::

        money      = money_on_table (client) | consumption_per_company (market cell)
        ease_score = money × weight
        weight     = weight_active   (on the table, client bought in the window)
                   | weight_inactive (on the table, client did not buy in the window)
                   | weight_market   (in the market: companies not yet our clients)

    Parameters
    ----------
    zones : MoneyZones
        :func:`money_zones`.
    rules : ZoneRules, optional
        Weights (default: the rules the zones were computed with).
    top : int, optional
        Keep the best ``top`` rows (default 20; None keeps all).

    Returns
    -------
    DataFrame
        :data:`RANK_COLUMNS`, sorted by ease_score descending, then money descending, then
        kind and label; ``rank`` from 1. ``kind`` is one of :data:`KINDS`; ``label`` the
        client's name (its ID without a name) or the cell "segment · region"; ``zone`` is
        "money_on_table" or "money_in_market"; ``reason`` the catalogue id of the reason
        (:data:`REASONS`: an active client, an inactive one, a card that never bought, a
        market cell), and the numbers the reason cites (the client's money in hand,
        potential, whether it was imputed, share of wallet and last purchase; the cell's
        prospects, companies, consumption per company and money in the market; NaN where
        they do not apply). The sentences are
        :func:`kbcore.views.money_zones.next_rouble_table`'s, for the rows shown only.
    """
    rules = rules or zones.rules
    cl = zones.clients.loc[zones.clients["money_on_table"].fillna(0) > 0]
    active = cl["activity"] == "active"
    parts = []
    if len(cl):
        never = cl["last_date"].isna()
        parts.append(pd.DataFrame({
            "kind": np.where(active, "active_client", "inactive_client"),
            C.client_id: cl[C.client_id],
            "label": cl[C.name].fillna(cl[C.client_id]).astype("string"),
            C.segment: cl[C.segment],
            C.region: cl[C.region],
            "zone": "money_on_table",
            "money": cl["money_on_table"],
            "weight": np.where(active, rules.weight_active, rules.weight_inactive),
            "reason": np.where(active, "zone.reason.active",
                               np.where(never, "zone.reason.never", "zone.reason.inactive")),
            "money_in_hand": cl["money_in_hand"],
            C.potential: cl[C.potential],
            "potential_imputed": cl["potential_imputed"].astype(bool),
            "share_of_wallet": cl["share_of_wallet"],
            "last_date": cl["last_date"],
        }))
    mk = zones.market.loc[zones.market["money_in_market"].fillna(0) > 0] if len(
        zones.market) else zones.market
    if len(mk):
        parts.append(pd.DataFrame({
            "kind": "market_cell",
            C.client_id: pd.Series(pd.NA, index=mk.index, dtype="string"),
            "label": mk[C.segment] + " · " + mk[C.region],
            C.segment: mk[C.segment],
            C.region: mk[C.region],
            "zone": "money_in_market",
            "money": mk[C.consumption_per_company],
            "weight": rules.weight_market,
            "reason": "zone.reason.market",
            "prospects": mk["prospects"],
            C.companies: mk[C.companies],
            C.consumption_per_company: mk[C.consumption_per_company],
            "money_in_market": mk["money_in_market"],
        }))
    if not parts:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in RANK_COLUMNS})
        return out.astype({"rank": "int64", "kind": "string", C.client_id: "string",
                           "label": "string", C.segment: "string", C.region: "string",
                           "zone": "string", "reason": "string", "potential_imputed": bool,
                           "last_date": "datetime64[ns]"})
    out = pd.concat(parts, ignore_index=True)
    for col in RANK_COLUMNS:
        if col not in out.columns:
            out[col] = np.nan
    out["potential_imputed"] = out["potential_imputed"].astype("boolean").fillna(False).astype(bool)
    out["last_date"] = out["last_date"].astype("datetime64[ns]")
    out["ease_score"] = out["money"] * out["weight"]
    out["_kind"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(["ease_score", "money", "_kind", "label"],
                          ascending=[False, False, True, True], kind="stable")
    out = out.loc[out["ease_score"] > 0] if (out["ease_score"] > 0).any() else out
    if top is not None:
        out = out.head(int(top))
    out["rank"] = np.arange(1, len(out) + 1, dtype="int64")
    for col in ("kind", "label", C.segment, C.region, "zone", "reason"):
        out[col] = out[col].astype("string")
    return out[RANK_COLUMNS].reset_index(drop=True)
