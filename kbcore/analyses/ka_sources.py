"""Block 8 · Where key accounts come from: market cells and candidates among our clients.

The seminar's block 8 («Анализ бизнеса компании») begins with «Сегментирование и анализ рынков
сбыта с целью нахождения и идентификации К.А.»: in which segments and regions the key accounts
of tomorrow are, and which of today's clients could become one. This module is its data side:

* :func:`ka_market_cells` — by segment × region: the companies of the market table, our
  clients and key accounts there, the prospects, the market volume and our share of it, the
  potential and headroom of our clients there, ranked by the money still to win;
* :func:`ka_candidates` — our clients that are not key accounts yet, with a high potential and
  a low share of wallet, ranked by headroom (and, optionally, their match to the key-account
  profile of block 7).

Both stand on what block 6 (:mod:`kbcore.analyses.money_zones`: money in hand, on the table
and in the market) and block 7 (:func:`kbcore.analyses.key_accounts.ka_headroom`) already
compute; nothing is re-derived. They return numbers, ids and flags; what the data did not allow
is listed as ids in ``attrs["missing"]`` / ``missing``: ``"market"`` (no market table or no
companies / consumption columns), ``"potential"`` (no ``clients.potential``), ``"segment"``,
``"region"`` (the clients do not say), ``"key_accounts"`` (no client is flagged), ``"clients"``
(no clients table).

Sources: segmenting the market to find and select key accounts — M. McDonald, B. Rogers,
*Key Account Management*, Butterworth-Heinemann 1998, and M. McDonald, D. Woodburn, *Key
Account Management: The Definitive Guide*, 2nd ed., 2007 (attractive accounts are those with a
large potential of which we hold little); share of wallet and headroom as in block 7. The
thresholds of the candidate rule and the ranking are our reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses.key_accounts import ka_headroom, key_account_ids
from kbcore.analyses.money_zones import UNKNOWN, ZoneRules, money_zones
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "MARKET_CELL_COLUMNS",
    "CANDIDATE_COLUMNS",
    "KaCandidates",
    "ka_market_cells",
    "ka_candidates",
]

MARKET_CELL_COLUMNS = [
    "rank", C.segment, C.region, "in_market", C.companies, "our_clients", "active_clients",
    "key_accounts", "prospects", C.consumption_per_company, "market_volume", "prospect_volume",
    "our_revenue", "market_share", C.potential, "potential_known", "headroom", "opportunity",
    "white_spot", "fit",
]
"""The columns of :func:`ka_market_cells`."""

CANDIDATE_COLUMNS = [
    "rank", C.client_id, C.name, C.segment, C.region, C.potential, "revenue_year",
    "share_of_wallet", "headroom", "margin_rate", "headroom_margin", "profile_score",
]
"""The columns of :attr:`KaCandidates.table`."""

_CLIENT_COLUMNS = [
    C.client_id, C.name, C.segment, C.region, "key_account", C.potential, "revenue_year",
    "share_of_wallet", "headroom", "margin_rate", "headroom_margin", "profile_score",
    "high_potential", "low_share", "candidate",
]


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _window_days(facts: Facts, as_of, months: int) -> tuple[pd.Timestamp, int]:
    """The window's last day and its length in days: (as_of + 1 day − months, as_of]."""
    hi = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    lo = hi + pd.Timedelta(days=1) - pd.DateOffset(months=months)
    return hi, int((hi - lo).days) + 1


def _check_months(months) -> int:
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months must be a whole number ≥ 1, not {months!r}")
    return int(months)


def _missing(*ids: str) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


# =========================================================================== market cells
def ka_market_cells(
    facts: Facts,
    clients: pd.DataFrame | None,
    market: pd.DataFrame | None,
    key_accounts=None,
    *,
    months: int = 12,
    as_of=None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Segment × region cells: the market, our clients and key accounts, and the money to win.

    Block 6's money zones (:func:`~kbcore.analyses.money_zones.money_zones`, potentials not
    imputed) give per client its segment, region, revenue of the window W = (as_of + 1 day −
    months, as_of] and potential, and per market cell its companies, our clients and
    prospects. Per cell (segment s, region r; clients without a segment or region are in the
    "unknown" cells)::

        our_clients     = client cards (and buying clients without a card) in the cell
        active_clients  = of them, those with a purchase in W
        key_accounts    = of them, the key accounts
        prospects       = max(companies − our_clients, 0)                 (market table)
        market_volume   = companies × consumption_per_company            (market table)
        prospect_volume = prospects × consumption_per_company            (block 6's money in the market)
        our_revenue     = Σ revenue in W × 12 / months                   (a year's revenue)
        market_share    = our_revenue / market_volume                    (NaN when unknown or 0)
        potential       = Σ potential of the cell's clients with a known potential
                          (NaN when none is known; potential_known counts them)
        headroom        = Σ max(potential_i − revenue_year_i, 0) over the same clients
        opportunity     = headroom + prospect_volume (the known parts; NaN when both unknown)
        white_spot      = a market cell with companies > 0 and none of our clients
        fit             = ``matches.fit`` when given (block 5's profile fit of the cell,
                          :func:`~kbcore.analyses.profile.market_matches`), else NaN

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    clients : DataFrame or None
        Client cards: ``segment``, ``region``, ``potential``, ``key_account``.
    market : DataFrame or None
        Market cells: ``segment``, ``region``, ``companies``, ``consumption_per_company``.
        None (or without those columns) → market figures NaN, cells from our clients only.
    key_accounts : iterable of str, optional
        The key accounts (default: the clients flagged ``key_account``).
    months : int
        The revenue window in months (default 12).
    as_of : date-like, optional
        The window's last day (default ``facts.as_of``).
    matches : DataFrame, optional
        :func:`~kbcore.analyses.profile.market_matches` (``segment, region, fit``), e.g. with
        the key-account profile of block 7 (:func:`~kbcore.analyses.key_accounts.ka_profile`).

    Returns
    -------
    DataFrame
        :data:`MARKET_CELL_COLUMNS`, one row per cell of the market table and per cell of our
        clients outside it (``in_market`` False), ranked (``rank`` from 1) by opportunity
        descending (unknown last), then market volume and our revenue descending, then
        segment, region. ``attrs``: ``missing`` (ids), ``window_start``, ``window_end``,
        ``months``, ``clients_outside_market`` (our clients in cells the market table lacks).

    Source: market segmentation to find key accounts, McDonald & Rogers (1998) and McDonald &
    Woodburn (2007); block 6's money zones (our reading of the seminar's «Три зоны денег»);
    the opportunity ranking is our reading.
    """
    months = _check_months(months)
    hi, days = _window_days(facts, as_of, months)
    zones = money_zones(facts, clients, market, as_of=hi,
                        rules=ZoneRules(window_days=days, impute_potential="none"))
    cl = zones.clients
    ka = (key_account_ids(clients) if key_accounts is None
          else pd.Index([str(k).strip() for k in key_accounts], dtype="string"))
    revenue_year = cl["money_in_hand"].astype("float64") * 12.0 / months
    pot = cl[C.potential].astype("float64")
    frame = pd.DataFrame({
        C.segment: cl[C.segment].astype("string"), C.region: cl[C.region].astype("string"),
        "active": (cl["activity"] == "active").to_numpy(dtype=bool),
        "ka": _ids(cl[C.client_id]).isin(ka).to_numpy(dtype=bool),
        "revenue": revenue_year.to_numpy(),
        "pot": pot.to_numpy(),
        "known": pot.notna().to_numpy(dtype=bool),
        "head": (pot - revenue_year.clip(lower=0)).clip(lower=0).to_numpy(),
    })
    g = frame.groupby([C.segment, C.region], sort=True)
    ours = pd.DataFrame({
        "our_clients": g.size(),
        "active_clients": g["active"].sum(),
        "key_accounts": g["ka"].sum(),
        "our_revenue": g["revenue"].sum(),
        C.potential: g["pot"].sum(min_count=1),
        "potential_known": g["known"].sum(),
        "headroom": g["head"].sum(min_count=1),
    })
    market_known = bool(zones.notes.get("market_known"))
    if market_known and len(zones.market):
        mk = zones.market.set_index([C.segment, C.region])[
            [C.companies, "prospects", C.consumption_per_company, "money_in_market"]]
        out = mk.join(ours, how="outer")
        out["in_market"] = out.index.isin(mk.index)
    else:
        out = ours.copy()
        for col in (C.companies, "prospects", C.consumption_per_company, "money_in_market"):
            out[col] = np.nan
        out["in_market"] = False
    for col in ("our_clients", "active_clients", "key_accounts", "potential_known"):
        out[col] = out[col].fillna(0).astype("int64")
    out["our_revenue"] = out["our_revenue"].fillna(0.0).astype("float64")
    out["market_volume"] = out[C.companies] * out[C.consumption_per_company]
    out["prospect_volume"] = out["money_in_market"].astype("float64")
    # a market cell without our clients: its prospects are all its companies (block 6's rule)
    out["market_share"] = (out["our_revenue"] / out["market_volume"]).where(out["market_volume"] > 0)
    out["opportunity"] = out[["headroom", "prospect_volume"]].sum(axis=1, min_count=1)
    out["white_spot"] = (out["in_market"] & (out[C.companies].fillna(0) > 0)
                         & (out["our_clients"] == 0)).astype(bool)
    out = out.reset_index()
    if matches is not None and len(matches) and {C.segment, C.region, "fit"} <= set(matches.columns):
        fit = matches.assign(**{C.segment: _ids(matches[C.segment]), C.region: _ids(matches[C.region])})
        fit = fit.drop_duplicates([C.segment, C.region]).set_index([C.segment, C.region])["fit"]
        keys = pd.MultiIndex.from_arrays([out[C.segment], out[C.region]])
        out["fit"] = fit.reindex(keys).to_numpy(dtype="float64")
    else:
        out["fit"] = np.nan
    out = out.sort_values(["opportunity", "market_volume", "our_revenue", C.segment, C.region],
                          ascending=[False, False, False, True, True], na_position="last",
                          kind="mergesort").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1, dtype="int64"))
    for col in (C.segment, C.region):
        out[col] = out[col].astype("string")
    out["in_market"] = out["in_market"].astype(bool)
    for col in (C.companies, "prospects", C.consumption_per_company, "market_volume",
                "prospect_volume", "market_share", C.potential, "headroom", "opportunity"):
        out[col] = out[col].astype("float64")
    out = out[MARKET_CELL_COLUMNS]
    has_clients = clients is not None and C.client_id in clients.columns
    out.attrs.update(
        missing=_missing(
            "" if market_known else "market",
            "" if has_clients else "clients",
            "" if zones.notes.get("potential_known") else "potential",
            "" if has_clients and C.segment in clients.columns else "segment",
            "" if has_clients and C.region in clients.columns else "region",
            "" if len(ka) else "key_accounts"),
        window_start=zones.notes["window_start"], window_end=zones.notes["window_end"],
        months=months, clients_outside_market=int(out.loc[~out["in_market"], "our_clients"].sum())
        if market_known else 0,
    )
    return out


# =========================================================================== candidates
@dataclass(frozen=True)
class KaCandidates:
    """The result of :func:`ka_candidates`.

    Attributes
    ----------
    table : DataFrame
        :data:`CANDIDATE_COLUMNS`: the candidates, ranked by headroom descending (then
        potential descending, client_id).
    clients : DataFrame
        Every client of the cards and the sales: ``client_id, name, segment, region,
        key_account, potential, revenue_year, share_of_wallet, headroom, margin_rate,
        headroom_margin, profile_score, high_potential, low_share, candidate`` (for the chart
        potential × share of wallet), sorted by client_id.
    min_potential : float or None
        The potential threshold used (None when no potential is known).
    max_share : float
        The share-of-wallet threshold used.
    potential_unknown : int
        Clients that are not key accounts whose potential is unknown: not candidates by this
        rule, counted here (never as a potential of 0).
    missing : list of str
        Ids: ``"potential"``, ``"key_accounts"``, ``"clients"``, ``"segment"``,
        ``"region"``, ``"profile"`` (no profile score given).
    window_start, window_end : Timestamp
        The revenue window.
    """

    table: pd.DataFrame
    clients: pd.DataFrame
    min_potential: float | None
    max_share: float
    potential_unknown: int
    missing: list = field(default_factory=list)
    window_start: pd.Timestamp | None = None
    window_end: pd.Timestamp | None = None


def ka_candidates(
    facts: Facts,
    clients: pd.DataFrame | None,
    key_accounts=None,
    *,
    min_potential: float | None = None,
    potential_quantile: float = 0.75,
    max_share: float = 0.30,
    months: int = 12,
    as_of=None,
    profile_match: pd.DataFrame | None = None,
) -> KaCandidates:
    """Our clients that are not key accounts yet, with a high potential and a low share of wallet.

    Block 7's :func:`~kbcore.analyses.key_accounts.ka_headroom` gives every client of the cards
    and the sales its potential, yearly revenue over the window, share of wallet, headroom and
    its value at the client's margin rate. Then::

        min_potential  = the parameter, else the potential_quantile of the known potentials
                         (default 0.75: the top quartile), over all clients with one
        high_potential = potential ≥ min_potential
        low_share      = share_of_wallet < max_share           (default 30 %)
        candidate      = not a key account ∧ high_potential ∧ low_share
        rank           = by headroom = potential − revenue_year, descending

    A client whose potential is unknown is not a candidate by this rule (``high_potential``
    NA): it is counted in ``potential_unknown``, never taken as 0.

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    clients : DataFrame or None
        Client cards: ``potential``, ``key_account``, ``name``, ``segment``, ``region``.
    key_accounts : iterable of str, optional
        Today's key accounts (default: the clients flagged ``key_account``).
    min_potential : float, optional
        The smallest potential of a candidate (money a year); default from the quantile.
    potential_quantile : float
        The quantile of the known potentials used when ``min_potential`` is None (0.75).
    max_share : float
        A candidate's share of wallet is below this (default 0.30: we hold less than a third of
        what it buys; our reading).
    months : int
        The revenue window (default 12 months).
    as_of : date-like, optional
        The window's last day (default ``facts.as_of``).
    profile_match : DataFrame, optional
        ``client_id, score`` — e.g. ``KeyAccountProfile.scores`` of
        :func:`~kbcore.analyses.key_accounts.ka_profile`: how well each client matches the
        profile of today's key accounts (0–1); copied into ``profile_score``.

    Returns
    -------
    KaCandidates

    Source: McDonald & Rogers (1998), McDonald & Woodburn (2007): key accounts are selected
    among the customers with a large potential (account attractiveness) — a low share of
    wallet is the room to grow; share of wallet and headroom as block 7's
    :func:`~kbcore.analyses.key_accounts.ka_headroom`; the thresholds are our reading.
    """
    months = _check_months(months)
    if not 0 < potential_quantile < 1:
        raise ValueError(f"potential_quantile must be in (0, 1), not {potential_quantile!r}")
    if isinstance(max_share, bool) or not 0 < float(max_share) <= 1:
        raise ValueError(f"max_share must be a share in (0, 1], not {max_share!r}")
    if min_potential is not None and (isinstance(min_potential, bool) or not float(min_potential) >= 0):
        raise ValueError(f"min_potential must be a number ≥ 0, not {min_potential!r}")
    ka = (key_account_ids(clients) if key_accounts is None
          else pd.Index([str(k).strip() for k in key_accounts], dtype="string"))
    head = ka_headroom(facts, clients, months=months, as_of=as_of)
    out = head[[C.client_id, C.name, C.potential, "revenue_year", "share_of_wallet", "headroom",
                "margin_rate", "headroom_margin"]].copy()
    out["key_account"] = out[C.client_id].isin(ka).to_numpy(dtype=bool)
    has_clients = clients is not None and C.client_id in clients.columns and len(clients) > 0
    card = (clients.assign(**{C.client_id: _ids(clients[C.client_id])})
            .drop_duplicates(C.client_id).set_index(C.client_id) if has_clients else None)
    for col in (C.segment, C.region):
        if card is not None and col in card.columns:
            values = card[col].astype("string").str.strip().replace("", pd.NA)
            out[col] = values.reindex(out[C.client_id]).fillna(UNKNOWN).to_numpy()
        else:
            out[col] = UNKNOWN
        out[col] = out[col].astype("string")
    if profile_match is not None and {C.client_id, "score"} <= set(profile_match.columns):
        score = pd.Series(profile_match["score"].to_numpy(dtype="float64"),
                          index=_ids(profile_match[C.client_id]))
        score = score[~score.index.duplicated()]
        out["profile_score"] = score.reindex(out[C.client_id]).to_numpy(dtype="float64")
    else:
        out["profile_score"] = np.nan
    pot = out[C.potential]
    known = pot.dropna()
    if min_potential is not None:
        threshold = float(min_potential)
    else:
        threshold = float(known.quantile(potential_quantile)) if len(known) else None
    if threshold is None:
        high = pd.Series(pd.NA, index=out.index, dtype="boolean")
    else:
        high = (pot >= threshold).astype("boolean").mask(pot.isna())
    out["high_potential"] = high
    out["low_share"] = (out["share_of_wallet"] < max_share).astype("boolean").mask(
        out["share_of_wallet"].isna())
    out["candidate"] = (~out["key_account"] & out["high_potential"].fillna(False).astype(bool)
                        & out["low_share"].fillna(False).astype(bool)).astype(bool)
    out = out.sort_values(C.client_id, kind="mergesort").reset_index(drop=True)
    out = out[_CLIENT_COLUMNS]
    table = out.loc[out["candidate"]].sort_values(
        ["headroom", C.potential, C.client_id], ascending=[False, False, True],
        kind="mergesort").reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1, dtype="int64"))
    table = table[CANDIDATE_COLUMNS]
    return KaCandidates(
        table=table, clients=out, min_potential=threshold, max_share=float(max_share),
        potential_unknown=int((~out["key_account"] & out[C.potential].isna()).sum()),
        missing=_missing(
            *head.attrs.get("missing", ()), "" if len(ka) else "key_accounts",
            "" if has_clients else "clients",
            "" if card is not None and C.segment in card.columns else "segment",
            "" if card is not None and C.region in card.columns else "region",
            "" if profile_match is not None else "profile"),
        window_start=head.attrs.get("window_start"), window_end=head.attrs.get("window_end"))
