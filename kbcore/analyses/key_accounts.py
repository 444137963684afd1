"""Block 7 · Identifying key accounts («К.А.») and their role in the company's business.

The seminar's block 7 asks what the key accounts bring to the company, what the best of them
have in common (the universal «К.А.» profile), whether the flags in the client base are still
right, and what more the key accounts could bring. This module is the data side of it:

* :func:`key_account_ids` — the clients flagged ``key_account`` in the client cards;
* :func:`ka_contribution` — the key accounts' share of revenue, gross margin and client profit
  (after cost to serve), and :func:`ka_on_whale_curve` — where each of them sits on the whale
  curve;
* :func:`losing_key_accounts` — key accounts with a negative client profit or gross margin;
* :func:`ka_profile` — the profile of today's best key accounts against all other clients
  (block 5's profile method with the key accounts as the reference group) and the match score
  of every client;
* :func:`ka_flag_review` — stale flags (flagged, but lost or declining) and unflagged clients
  that fit the profile, each with a reason id and its evidence;
* :func:`ka_headroom` — the possible contribution: potential − our sales, valued at the
  account's gross-margin rate;
* :func:`ka_yearly` — each key account's revenue, margin and margin rate by calendar year,
  and the key accounts' share of the company's by year.

Like every analysis, these functions read no files, draw nothing, print nothing, and return
numbers, ids and flags. What the data did not allow to compute is listed as ids in a
``missing`` field (``attrs["missing"]`` on a DataFrame): ``"key_accounts"`` (no client is
flagged, or the clients table or its ``key_account`` column is absent), ``"cost"`` (no cost of
goods: gross margin and profit unknown), ``"potential"`` (no ``clients.potential``),
``"profile"`` (no profile could be built), ``"rest"`` (every client is a reference key
account: nothing to compare the profile with), ``"stages"`` (no lifecycle stages given).

Sources: M. McDonald, T. Millman and B. Rogers, "Key account management: theory, practice and
challenges", *Journal of Marketing Management* 13(8), 1997, pp. 737–757 (key accounts as the
customers of strategic importance whose contribution and relationship are managed
individually); client profitability and the whale curve after R. S. Kaplan and
V. G. Narayanan, "Measuring and managing customer profitability", *Journal of Cost
Management* 15(5), 2001, pp. 5–15 (see :mod:`kbcore.analyses.profitability`); the profile
method of block 5 (:mod:`kbcore.analyses.profile`). The seminar's own «К.А.» model is
unpublished: where it is needed, the rules are **our reading** and say so.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._window import months_back, span
from kbcore.analyses.profile import ClientProfile, client_profile, profile_match
from kbcore.analyses.profitability import whale_curve
from kbcore.analyses.wallet import wallet_share
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "candidate_key_accounts",
    "MEASURES",
    "CONTRIBUTION_COLUMNS",
    "KA_CURVE_COLUMNS",
    "LOSING_COLUMNS",
    "LOSS_REASONS",
    "REVIEW_COLUMNS",
    "REVIEW_REASONS",
    "HEADROOM_COLUMNS",
    "KA_YEARLY_COLUMNS",
    "KA_YEARLY_TOTAL_COLUMNS",
    "KeyAccountProfile",
    "KaYearly",
    "key_account_ids",
    "ka_contribution",
    "ka_on_whale_curve",
    "losing_key_accounts",
    "ka_profile",
    "ka_flag_review",
    "ka_headroom",
    "ka_yearly",
]

MEASURES = (C.revenue, "gross_margin", "profit")
"""The measures of :func:`ka_contribution`, named as in :func:`client_pnl`."""

CONTRIBUTION_COLUMNS = [
    "measure", "total", "key_accounts", "share", "ka_clients", "clients", "client_share",
]
KA_CURVE_COLUMNS = [
    C.client_id, "rank", "value", "cum_value", "cum_share", "client_share", "on_curve",
]
LOSS_REASONS = ("negative_gross_margin", "negative_profit")
"""Why a key account loses money: it is sold below cost, or its cost to serve eats its margin."""
LOSING_COLUMNS = [
    C.client_id, C.name, "reason", C.revenue, "gross_margin", "cost_to_serve", "profit",
    "profit_margin",
]
REVIEW_REASONS = ("stale_lost", "stale_declining", "stale_no_sales", "unflagged_fit")
"""Reason ids of :func:`ka_flag_review`, in the order of its rows."""
REVIEW_COLUMNS = [
    C.client_id, "reason", "key_account", "stage", "days_since_last", "revenue_window",
    "revenue_prev_window", "score", "matched", "traits",
]
HEADROOM_COLUMNS = [
    C.client_id, C.name, "key_account", C.potential, "revenue_window", "revenue_year",
    "share_of_wallet", "headroom", "over_potential", "margin_rate", "margin_rate_basis",
    "headroom_margin",
]
KA_YEARLY_COLUMNS = [
    C.client_id, "year", C.revenue, "gross_margin", "margin_rate", "revenue_share",
]
KA_YEARLY_TOTAL_COLUMNS = [
    "year", "months", "ka_clients", "revenue_ka", "revenue_all", "revenue_share",
    "gross_margin_ka", "gross_margin_all", "margin_share", "margin_rate_ka", "margin_rate_all",
]

_TRUE = {"true", "1", "1.0", "yes", "y", "да", "д", "x", "+"}
_FALSE = {"false", "0", "0.0", "no", "n", "нет", "н", "-", ""}


# --------------------------------------------------------------------------- helpers
def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _id_index(ids) -> pd.Index:
    """Key-account ids as a sorted, unique, stripped text index (None → empty)."""
    if ids is None:
        return pd.Index([], dtype="string", name=C.client_id)
    values = _ids(pd.Series(list(ids) if not isinstance(ids, (pd.Index, pd.Series)) else ids,
                            dtype="object"))
    values = values.loc[values.notna() & (values != "")]
    return pd.Index(values.unique(), dtype="string", name=C.client_id).sort_values()


def _flags(values: pd.Series) -> pd.Series:
    """A flag column as a nullable boolean (text such as "да"/"yes"/"1" understood)."""
    try:
        return values.astype("boolean")
    except (TypeError, ValueError):
        text = values.astype("string").str.strip().str.casefold()
        out = pd.Series(pd.NA, index=values.index, dtype="boolean")
        out = out.mask(text.isin(_TRUE).fillna(False), True)
        return out.mask(text.isin(_FALSE).fillna(False) & values.notna(), False)


def _missing(*ids: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in ids if i))


def _rate(num: pd.Series, den: pd.Series) -> pd.Series:
    return (num / den).where(den > 0).astype("float64")


# --------------------------------------------------------------------------- who
def key_account_ids(clients: pd.DataFrame | None, *, flag: str = C.key_account) -> pd.Index:
    """The clients flagged as key accounts in the client cards.

    Parameters
    ----------
    clients : DataFrame or None
        The clients table (``client_id`` and the ``flag`` column).
    flag : str
        The boolean column that marks a key account (default ``"key_account"``). Text values
        such as "да", "yes", "1", "true" count as set.

    Returns
    -------
    Index
        The stripped ``client_id`` of every client whose flag is set, sorted, unique (string
        dtype, named ``client_id``). **Empty** when there is no clients table, no ``flag``
        column, or no flag set (all False or all unknown): the functions below then report
        ``"key_accounts"`` in their ``missing`` list instead of guessing key accounts from
        revenue (block 2's lifecycle uses the revenue rule; here a key account is a decision
        of the company, McDonald, Millman & Rogers 1997).

    Source: McDonald, Millman & Rogers (1997): a key account is a customer the supplier has
    *selected* as of strategic importance.
    """
    if clients is None or C.client_id not in clients.columns or flag not in clients.columns:
        return _id_index(None)
    set_ = _flags(clients[flag]).fillna(False).to_numpy(dtype=bool)
    return _id_index(_ids(clients[C.client_id]).loc[set_])


def candidate_key_accounts(pnl: pd.DataFrame, *, share: float = 0.5, cap: int = 35) -> pd.Index:
    """Candidate key accounts when the company flags none: the clients of the first ``share`` of profit.

    Ranked by client profit (``pnl.profit``; revenue when no profit is known), best first::

        k = min(cap, the smallest k with Σ_{i ≤ k} value_i ≥ share × Σ_{value > 0} value)
        candidates = the k best clients with value > 0 (ties by client_id)

    These are **candidates**, not key accounts: a key account is the company's decision
    (McDonald, Millman & Rogers 1997); the cap follows the usual 15–35 key accounts per company
    (McDonald & Woodburn 2007). Returns a sorted string Index named ``client_id``; empty when
    no client has a positive value.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}")
    if cap < 1:
        raise ValueError(f"cap must be ≥ 1, not {cap!r}")
    measure = "profit" if "profit" in pnl.columns and pnl["profit"].notna().any() else C.revenue
    frame = pd.DataFrame({"id": _ids(pnl[C.client_id]).to_numpy(),
                          "v": pd.to_numeric(pnl[measure], errors="coerce").astype("float64").to_numpy()})
    frame = frame.loc[frame["v"] > 0].sort_values(["v", "id"], ascending=[False, True], kind="mergesort")
    if frame.empty:
        out = pd.Index([], dtype="string", name=C.client_id)
    else:
        cum = frame["v"].cumsum().to_numpy()
        k = int(np.searchsorted(cum, share * cum[-1] - 1e-9 * abs(cum[-1]), side="left")) + 1
        out = pd.Index(frame["id"].head(min(k, int(cap))), dtype="string", name=C.client_id).sort_values()
    return out


# --------------------------------------------------------------------------- contribution
def ka_contribution(pnl: pd.DataFrame, key_accounts) -> pd.DataFrame:
    """The key accounts' contribution: their share of revenue, gross margin and client profit.

    Parameters
    ----------
    pnl : DataFrame
        The client P&L, :func:`kbcore.analyses.profitability.client_pnl` (``client_id,
        revenue, gross_margin, profit``).
    key_accounts : iterable of str
        The key-account ids (:func:`key_account_ids`).

    Returns
    -------
    DataFrame
        One row per measure of :data:`MEASURES` (revenue, gross_margin, profit — profit being
        the client profit after cost to serve): ``measure, total, key_accounts, share,
        ka_clients, clients, client_share`` with, K the key accounts present in the P&L::

            total        = Σ_i x_i over all clients with a known value
            key_accounts = Σ_{i ∈ K} x_i
            share        = key_accounts / total          (NaN when total ≤ 0)
            ka_clients   = |K|,  clients = n
            client_share = ka_clients / clients          (NaN when n = 0)

        A measure no client has (no cost → gross margin and profit) has NaN total, sum and
        share. ``attrs["missing"]`` lists ``"key_accounts"`` (none flagged) and ``"cost"``
        (gross margin unknown); ``attrs["ka_flagged"]`` the number of flagged ids,
        ``attrs["ka_without_sales"]`` how many of them have no row in the P&L (they count 0).

    Notes
    -----
    "3 % of the clients give 40 % of the profit" is the key accounts' *contribution to the
    business* of block 7; a profit share above the revenue share means the key accounts are
    worth more than their volume, below it that they are bought with concessions or costly
    service (the seminar's block 1).

    Source: McDonald, Millman & Rogers (1997) (key accounts' contribution); client profit
    after cost to serve as in Kaplan & Narayanan (2001).
    """
    ka = _id_index(key_accounts)
    ids = _ids(pnl[C.client_id])
    is_ka = ids.isin(ka).to_numpy(dtype=bool)
    n = len(pnl)
    rows = []
    for measure in MEASURES:
        values = (pnl[measure].astype("float64") if measure in pnl.columns
                  else pd.Series(np.nan, index=pnl.index))
        known = values.notna().any()
        total = float(values.sum()) if known else np.nan
        ka_sum = float(values.loc[is_ka].sum()) if known and len(ka) else np.nan
        rows.append(
            {
                "measure": measure,
                "total": total,
                "key_accounts": ka_sum,
                "share": ka_sum / total if known and total > 0 else np.nan,
                "ka_clients": int(is_ka.sum()),
                "clients": n,
                "client_share": is_ka.sum() / n if n else np.nan,
            }
        )
    out = pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS)
    out["measure"] = out["measure"].astype("string")
    margin_known = "gross_margin" in pnl.columns and pnl["gross_margin"].notna().any()
    out.attrs["missing"] = _missing("" if len(ka) else "key_accounts",
                                    "" if margin_known or n == 0 else "cost")
    out.attrs["ka_flagged"] = len(ka)
    out.attrs["ka_without_sales"] = int((~ka.isin(ids)).sum())
    return out


def ka_on_whale_curve(pnl: pd.DataFrame, key_accounts, *, measure: str = "profit") -> pd.DataFrame:
    """Where each key account sits on the whale curve.

    Parameters
    ----------
    pnl : DataFrame
        :func:`client_pnl`.
    key_accounts : iterable of str
        The key-account ids.
    measure : str
        The measure of the curve (default ``"profit"``: the whale curve; ``"revenue"`` for the
        Pareto curve of revenue).

    Returns
    -------
    DataFrame
        One row per key account: ``client_id, rank, value, cum_value, cum_share,
        client_share, on_curve`` — its row of :func:`whale_curve` (rank 1 = the most
        profitable client; ``cum_share`` = the share of the total the clients up to and
        including it earn; ``client_share`` = rank / n). Key accounts without a known value
        (no sales in the P&L's window, or no cost) have ``on_curve`` False and NA/NaN
        figures. Sorted by rank, those off the curve last (by client_id).
        ``attrs``: ``clients`` (n on the curve), ``total``, ``note`` (the curve's note),
        ``missing`` (``"key_accounts"``, ``"cost"`` when the measure is unknown for all).

    Source: Kaplan & Narayanan (2001), the whale curve (:func:`whale_curve`).
    """
    ka = _id_index(key_accounts)
    curve = whale_curve(pnl, measure=measure)
    on = curve.loc[curve[C.client_id].isin(ka)]
    off = ka[~ka.isin(curve[C.client_id])]
    out = pd.concat(
        [on.assign(on_curve=True),
         pd.DataFrame({C.client_id: pd.array(off, dtype="string"), "on_curve": False})],
        ignore_index=True,
    )
    out["rank"] = out["rank"].astype("Int64")
    for col in ("value", "cum_value", "cum_share", "client_share"):
        out[col] = out[col].astype("float64")
    out[C.client_id] = out[C.client_id].astype("string")
    out["on_curve"] = out["on_curve"].astype(bool)
    out = out[KA_CURVE_COLUMNS]
    out.attrs["clients"] = len(curve)
    out.attrs["total"] = curve.attrs["total"]
    out.attrs["note"] = curve.attrs["note"]
    known = measure in pnl.columns and pnl[measure].notna().any()
    out.attrs["missing"] = _missing("" if len(ka) else "key_accounts",
                                    "" if known or not len(pnl) else "cost")
    return out


def losing_key_accounts(pnl: pd.DataFrame, key_accounts) -> pd.DataFrame:
    """Key accounts that lose money: a negative client profit or a negative gross margin.

    Parameters
    ----------
    pnl : DataFrame
        :func:`client_pnl` (``client_id, name, revenue, gross_margin, cost_to_serve, profit,
        profit_margin``).
    key_accounts : iterable of str
        The key-account ids.

    Returns
    -------
    DataFrame
        ``client_id, name, reason, revenue, gross_margin, cost_to_serve, profit,
        profit_margin``: one row per key account with ``profit < 0`` or ``gross_margin < 0``;
        ``reason`` (one of :data:`LOSS_REASONS`)::

            "negative_gross_margin"  gross_margin < 0: sold below the cost of goods
            "negative_profit"        gross_margin ≥ 0 but profit = gross_margin − cost_to_serve
                                     < 0: the cost to serve eats the margin

        Sorted by profit ascending (the largest loss first), then client_id. Without cost
        (gross margin and profit unknown) the table is empty and ``attrs["missing"]``
        holds ``"cost"``; ``"key_accounts"`` when none is flagged. ``attrs["loss"]`` =
        Σ profit of the rows (a negative number, 0 when none).

    Source: Kaplan & Narayanan (2001): unprofitable customers and the reasons (price or
    cost to serve); McDonald, Millman & Rogers (1997) warn that key accounts often are.
    """
    ka = _id_index(key_accounts)
    frame = pnl.assign(**{C.client_id: _ids(pnl[C.client_id])})
    frame = frame.loc[frame[C.client_id].isin(ka)]
    gm = frame["gross_margin"].astype("float64")
    profit = frame["profit"].astype("float64")
    losing = ((gm < 0) | (profit < 0)).to_numpy(dtype=bool)
    frame = frame.loc[losing].assign(
        reason=np.where(gm.loc[losing] < 0, LOSS_REASONS[0], LOSS_REASONS[1])
    )
    frame = frame.sort_values(["profit", C.client_id], kind="mergesort")
    out = frame.reindex(columns=LOSING_COLUMNS).reset_index(drop=True)
    out[C.client_id] = out[C.client_id].astype("string")
    out[C.name] = out[C.name].astype("string")
    out["reason"] = out["reason"].astype("string")
    known = pnl["gross_margin"].notna().any() or not len(pnl)
    out.attrs["missing"] = _missing("" if len(ka) else "key_accounts", "" if known else "cost")
    out.attrs["loss"] = float(out["profit"].sum())
    return out


# --------------------------------------------------------------------------- profile
@dataclass(frozen=True)
class KeyAccountProfile:
    """The universal key-account profile and the match score of every client.

    Attributes
    ----------
    profile : ClientProfile or None
        Block 5's :class:`~kbcore.analyses.profile.ClientProfile` built with the reference
        key accounts as its top group (one category, ``"all"``): ``profile.table`` lists the
        traits with their typical values, ``top_match``, ``rest_match`` and ``lift``;
        ``profile.members.top`` marks the reference group; ``profile.members.measure`` is the
        real client profit (revenue when profit is unknown). None when no key account could
        serve as the reference.
    scores : DataFrame
        :func:`~kbcore.analyses.profile.profile_match` of every client in the features, with
        a ``key_account`` column added after ``name``; the score is NaN for all when there is
        no profile.
    reference : Index
        The ids of the reference key accounts (the "best" ones).
    measure : str
        ``"profit"`` or ``"revenue"`` (what "best" was ranked by).
    missing : tuple of str
        Ids of what could not be computed: ``"key_accounts"``, ``"cost"`` (ranked by
        revenue), ``"profile"`` (no profile), ``"rest"`` (every client is in the reference:
        nothing to compare with, no rule used).
    """

    profile: ClientProfile | None
    scores: pd.DataFrame
    reference: pd.Index
    measure: str
    missing: tuple[str, ...] = field(default_factory=tuple)


def ka_profile(
    features: pd.DataFrame,
    pnl: pd.DataFrame | None,
    key_accounts,
    *,
    best_share: float = 1.0,
    profitable_only: bool = True,
    cover: float = 0.6,
    min_lift: float = 1.1,
    weights: dict[str, float] | None = None,
) -> KeyAccountProfile:
    """The universal key-account profile: what today's best key accounts have in common.

    The reference group R is chosen among the flagged key accounts present in ``features``,
    ranked by their client profit (``pnl.profit``; revenue from the features when profit is
    unknown)::

        candidates = key accounts with a known measure (and measure > 0 if profitable_only)
        R          = the best ceil(best_share × |candidates|) of them (ties by client_id)

    Then block 5's method (:func:`~kbcore.analyses.profile.client_profile`, not split by
    segment, so the segment is itself a trait) describes R against every other client: the
    typical values of each categorical trait among R (covering ``cover`` of R), the quartile
    bound of each numeric trait, ``top_match`` / ``rest_match`` and ``lift = top_match /
    rest_match``; a trait with ``lift < min_lift`` is shown but not used in the score. The
    score of every client (:func:`~kbcore.analyses.profile.profile_match`)::

        score = Σ_t w_t × match_t / Σ_t w_t   over the used traits with a known value

    Parameters
    ----------
    features : DataFrame
        :func:`~kbcore.analyses.profile.client_features`.
    pnl : DataFrame or None
        :func:`client_pnl` (``client_id, profit``); None or no known profit → ranked by revenue.
    key_accounts : iterable of str
        The flagged key accounts (:func:`key_account_ids`).
    best_share : float
        The share of the candidates that forms the reference (default 1.0: all of them).
    profitable_only : bool
        Leave key accounts with a measure ≤ 0 out of the reference (default True: a losing
        key account is no model to look for).
    cover, min_lift : float
        As in :func:`client_profile` (defaults 0.6 and 1.1).
    weights : dict, optional
        Trait weights for :func:`profile_match` (default: all equal).

    Returns
    -------
    KeyAccountProfile

    Notes
    -----
    Implemented as a thin wrapper: the profile is built with a helper measure (1 for the
    reference, 0 for the others) and ``top_share`` set so that exactly |R| clients are the
    top; the real measure is then put back into ``members`` and ``groups``.

    Source: the universal «К.А.» profile of the seminar's block 7 is unpublished: our reading,
    with block 5's profile method (ideal customer profile from the best existing customers)
    and McDonald, Millman & Rogers (1997) for key-account selection by attractiveness.
    """
    if not 0 < best_share <= 1:
        raise ValueError(f"best_share must be a share in (0, 1], not {best_share!r}")
    ka = _id_index(key_accounts)
    ids = _ids(features[C.client_id])
    measure = "revenue"
    if pnl is not None and "profit" in pnl.columns and pnl["profit"].notna().any():
        profit = pnl.assign(**{C.client_id: _ids(pnl[C.client_id])}).drop_duplicates(
            C.client_id).set_index(C.client_id)["profit"].astype("float64")
        value = ids.map(profit).astype("float64")
        measure = "profit"
    else:
        value = features[C.revenue].astype("float64")
    value = pd.Series(value.to_numpy(), index=pd.Index(ids, dtype="string"))
    cand = value.loc[value.index.isin(ka) & value.notna()]
    if profitable_only:
        cand = cand.loc[cand > 0]
    cand = cand.reset_index().set_axis(["id", "v"], axis=1).sort_values(
        ["v", "id"], ascending=[False, True], kind="mergesort")
    k = max(1, math.ceil(round(best_share * len(cand), 9))) if len(cand) else 0
    reference = pd.Index(cand["id"].head(k), dtype="string", name=C.client_id).sort_values()
    missing = ["" if len(ka) else "key_accounts", "" if measure == "profit" else "cost"]
    is_ka = ids.isin(ka).to_numpy(dtype=bool)
    n = len(features)
    if k == 0:
        scores = pd.DataFrame({C.client_id: ids.astype("string"),
                               C.name: features[C.name].astype("string"),
                               "key_account": is_ka, "category": "all", "score": np.nan,
                               "matched": 0, "traits": 0, "top": False,
                               "measure": value.to_numpy(), C.revenue: features[C.revenue]})
        scores["category"] = scores["category"].astype("string")
        return KeyAccountProfile(None, scores.reset_index(drop=True), reference, measure,
                                 _missing(*missing, "profile"))
    helper = pd.DataFrame({C.client_id: ids,
                           "profit": ids.isin(reference).astype("float64").to_numpy()})
    prof = client_profile(features, helper, top_share=(k - 0.5) / n, by=None, cover=cover,
                          min_lift=min_lift)
    members = prof.members.assign(measure=prof.members[C.client_id].map(value).astype("float64"))
    top = members["top"].to_numpy(dtype=bool)
    groups = prof.groups.assign(
        measure_top=float(members.loc[top, "measure"].median()),
        measure_rest=float(members.loc[~top, "measure"].median()) if (~top).any() else np.nan,
    )
    prof = dataclasses.replace(prof, members=members, groups=groups, measure=measure,
                               top_share=k / n)
    scores = profile_match(features, prof, weights=weights)
    scores.insert(2, "key_account", scores[C.client_id].isin(ka).to_numpy(dtype=bool))
    if k == n:
        missing.append("rest")
    return KeyAccountProfile(prof, scores, reference, measure, _missing(*missing))


# --------------------------------------------------------------------------- flag review
def ka_flag_review(
    scores: pd.DataFrame | None,
    stages: pd.DataFrame | None,
    key_accounts,
    *,
    fit_threshold: float = 0.75,
    min_traits: int = 3,
) -> pd.DataFrame:
    """Key-account flags to review: stale flags and unflagged clients that fit the profile.

    Rules (one row per client and reason; a flagged client is at most stale once)::

        stale_lost       flagged, lifecycle stage "lost"      (no purchase for lost_days)
        stale_declining  flagged, lifecycle stage "declining" (rhythm broken or revenue fell)
        stale_no_sales   flagged, no stage row: it never bought up to the stages' as_of
        unflagged_fit    not flagged, score ≥ fit_threshold on at least min_traits known
                         traits, and its stage is not "lost" (a lost client is a win-back
                         case, not a key account to flag)

    Parameters
    ----------
    scores : DataFrame or None
        ``KeyAccountProfile.scores`` (:func:`ka_profile`) or any :func:`profile_match` output
        (``client_id, score, matched, traits``). None → no ``unflagged_fit`` rows and
        ``"profile"`` in ``attrs["missing"]``.
    stages : DataFrame or None
        :func:`kbcore.analyses.lifecycle.client_stages` (``client_id, stage,
        days_since_last, revenue_window, revenue_prev_window``). None → no stale rows and
        ``"stages"`` in ``attrs["missing"]``.
    key_accounts : iterable of str
        The flagged key accounts.
    fit_threshold : float
        The smallest score that counts as fitting the profile (default 0.75: three traits
        in four; our reading).
    min_traits : int
        The fewest known profile traits a score must rest on (default 3), so that one
        matching trait out of one is no evidence.

    Returns
    -------
    DataFrame
        :data:`REVIEW_COLUMNS`: ``client_id, reason, key_account, stage, days_since_last,
        revenue_window, revenue_prev_window, score, matched, traits`` — the evidence. Sorted by
        the order of :data:`REVIEW_REASONS`, then score descending, revenue_window
        descending, client_id. ``attrs["missing"]``: ids as above and ``"key_accounts"``.

    Source: our reading of the seminar's block 7 (identifying key accounts in the client base);
    lifecycle stages of block 2; review of the key-account portfolio as in McDonald, Millman
    & Rogers (1997).
    """
    if not 0 <= fit_threshold <= 1:
        raise ValueError(f"fit_threshold must be a share in [0, 1], not {fit_threshold!r}")
    ka = _id_index(key_accounts)
    st = None
    if stages is not None:
        st = stages.assign(**{C.client_id: _ids(stages[C.client_id])}).drop_duplicates(
            C.client_id).set_index(C.client_id)
    sc = None
    if scores is not None:
        sc = scores.assign(**{C.client_id: _ids(scores[C.client_id])}).drop_duplicates(
            C.client_id).set_index(C.client_id)
    parts = []
    if st is not None and len(ka):
        stage = st["stage"].reindex(ka).astype("string")
        reason = pd.Series(
            np.select([(stage == "lost").fillna(False).to_numpy(dtype=bool),
                       (stage == "declining").fillna(False).to_numpy(dtype=bool),
                       stage.isna().to_numpy(dtype=bool)],
                      list(REVIEW_REASONS[:3]), default=""),
            index=ka)
        parts.append(reason.loc[reason != ""])
    if sc is not None:
        fit = (sc["score"] >= fit_threshold) & (sc["traits"] >= min_traits)
        fit &= ~sc.index.isin(ka)
        if st is not None:
            fit &= ~(st["stage"].reindex(sc.index) == "lost").fillna(False).to_numpy(dtype=bool)
        parts.append(pd.Series(REVIEW_REASONS[3], index=sc.index[fit.to_numpy(dtype=bool)]))
    rows = pd.concat(parts) if parts else pd.Series(dtype="string")
    out = pd.DataFrame({C.client_id: pd.array(rows.index.astype(str), dtype="string"),
                        "reason": pd.array(rows.to_numpy(dtype=str), dtype="string")})
    out["key_account"] = out[C.client_id].isin(ka).to_numpy(dtype=bool)
    idx = pd.Index(out[C.client_id])
    for col in ("stage", "days_since_last", "revenue_window", "revenue_prev_window"):
        out[col] = (st[col].reindex(idx).to_numpy() if st is not None and col in st.columns
                    else np.nan)
    out["stage"] = out["stage"].astype("string")
    for col in ("days_since_last", "revenue_window", "revenue_prev_window"):
        out[col] = out[col].astype("float64")
    for col in ("score", "matched", "traits"):
        out[col] = (sc[col].reindex(idx).to_numpy(dtype="float64") if sc is not None
                    else np.nan)
    out["_order"] = out["reason"].map({r: i for i, r in enumerate(REVIEW_REASONS)}).astype(int)
    out = out.sort_values(["_order", "score", "revenue_window", C.client_id],
                          ascending=[True, False, False, True], na_position="last",
                          kind="mergesort")
    out = out[REVIEW_COLUMNS].reset_index(drop=True)
    out.attrs["missing"] = _missing("" if len(ka) else "key_accounts",
                                    "" if sc is not None else "profile",
                                    "" if st is not None else "stages")
    out.attrs["fit_threshold"] = float(fit_threshold)
    return out


# --------------------------------------------------------------------------- headroom
def _window(facts: Facts, as_of, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    return months_back(facts.as_of if as_of is None else period_bounds(None, as_of)[1], months)


def ka_headroom(
    facts: Facts,
    clients: pd.DataFrame | None,
    key_accounts=None,
    *,
    months: int = 12,
    as_of=None,
) -> pd.DataFrame:
    """The possible contribution: how much more each key account could buy, and its margin.

    Over the window W = [as_of + 1 day − months, as_of] (default the last 12 months up to
    ``facts.as_of``; an as_of at a month's end gives whole calendar months), with ``clients.potential`` the client's yearly purchase volume of our
    category in money (as in block 6's money zones and block 5's plan)::

        revenue_window  = Σ revenue of the client in W
        revenue_year    = revenue_window × 12 / months            (= revenue_window at 12)
        share_of_wallet = revenue_year / potential                (NaN when potential ≤ 0)
        headroom        = potential − revenue_year                (NaN when potential unknown)
        over_potential  = headroom < 0: we sell more than the stated potential, so the
                          potential is understated; headroom is kept negative, not clipped
        margin_rate     = gross_margin_W / revenue_W              (revenue_W > 0)
                          else the client's rate over its whole history up to as_of
                          (margin_rate_basis "window" / "history"; NA when neither exists)
        headroom_margin = headroom × margin_rate                  (NaN when either is unknown,
                          and when over_potential: the true headroom is then unknown)

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    clients : DataFrame or None
        Client cards: ``potential``, ``name``, ``key_account``. No table or no ``potential``
        column → headroom NaN for all, ``"potential"`` in ``attrs["missing"]``.
    key_accounts : iterable of str, optional
        The clients to assess (default None: every client of the cards and the sales, the
        flagged ones marked in ``key_account``). Key accounts without sales in W appear with
        revenue 0.
    months : int
        Length of the window in months (default 12).
    as_of : date-like, optional
        The window's last day (default ``facts.as_of``).

    Returns
    -------
    DataFrame
        :data:`HEADROOM_COLUMNS`, sorted by headroom_margin descending, then headroom
        descending (unknown last), then client_id. ``attrs``: ``window_start``,
        ``window_end``, ``months``, ``missing`` (ids: ``"potential"``, ``"cost"``,
        ``"key_accounts"`` when key accounts were asked for but none is given),
        ``headroom`` (Σ headroom of the clients not over their potential), ``headroom_margin``
        (Σ headroom_margin, NaN when none is known), ``potential_unknown`` and
        ``over_potential`` (counts: these clients are left out of both sums, never counted
        as 0 or as a negative headroom).

    Source: headroom (potential − current purchases) and share of wallet after McDonald &
    Rogers, *Key Account Management* (1998), and McDonald, Millman & Rogers (1997); the
    valuation at the account's own margin rate is our reading of block 7's «оценка возможного
    вклада «К.А.»».
    """
    if not isinstance(months, (int, np.integer)) or months < 1:
        raise ValueError(f"months must be a whole number ≥ 1, not {months!r}")
    lo, hi = _window(facts, as_of, int(months))
    window = facts.clients(*span(facts, lo, hi)).set_index(C.client_id)
    history = facts.clients(*span(facts, None, hi)).set_index(C.client_id)
    card = None
    if clients is not None and C.client_id in clients.columns and len(clients):
        card = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
            C.client_id).set_index(C.client_id)
    flagged = key_account_ids(clients)
    if key_accounts is None:
        ids = pd.Index(history.index.astype("string"))
        if card is not None:
            ids = ids.union(pd.Index(card.index, dtype="string"))
        ids = pd.Index(ids, dtype="string").sort_values()
        asked = False
    else:
        ids = _id_index(key_accounts)
        asked = True
    out = pd.DataFrame(index=pd.Index(ids, dtype="string", name=C.client_id))
    if card is not None and C.name in card.columns:
        out[C.name] = card[C.name].astype("string").reindex(out.index)
    else:
        out[C.name] = pd.Series(pd.NA, index=out.index, dtype="string")
    out[C.name] = out[C.name].fillna(pd.Series(out.index, index=out.index, dtype="string"))
    out["key_account"] = out.index.isin(flagged if not asked else ids)
    potential_known = card is not None and C.potential in card.columns
    if potential_known:
        pot = pd.to_numeric(card[C.potential], errors="coerce").reindex(out.index)
        out[C.potential] = pot.astype("float64").where(pot >= 0)
    else:
        out[C.potential] = np.nan
    rev_w = window[C.revenue].reindex(out.index).fillna(0.0).astype("float64")
    out["revenue_window"] = rev_w
    out["revenue_year"] = rev_w * 12.0 / months
    pot = out[C.potential]
    out["share_of_wallet"] = wallet_share(out["revenue_year"], pot)
    out["headroom"] = (pot - out["revenue_year"]).astype("float64")
    out["over_potential"] = (out["headroom"] < 0).to_numpy(dtype=bool)
    rate_w = _rate(window["gross_margin"].reindex(out.index),
                   window[C.revenue].reindex(out.index))
    rate_h = _rate(history["gross_margin"].reindex(out.index),
                   history[C.revenue].reindex(out.index))
    out["margin_rate"] = rate_w.fillna(rate_h)
    out["margin_rate_basis"] = pd.Series(
        np.where(rate_w.notna(), "window", np.where(rate_h.notna(), "history", None)),
        index=out.index, dtype="string")
    out["headroom_margin"] = (out["headroom"] * out["margin_rate"]).where(~out["over_potential"])
    out = out.reset_index().sort_values(
        ["headroom_margin", "headroom", C.client_id], ascending=[False, False, True],
        na_position="last", kind="mergesort").reset_index(drop=True)
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[HEADROOM_COLUMNS]
    cost_known = bool(window["gross_margin"].notna().any() or history["gross_margin"].notna().any())
    out.attrs.update(
        window_start=lo, window_end=hi, months=int(months),
        missing=_missing("" if potential_known else "potential",
                         "" if cost_known or not facts.has_sales else "cost",
                         "key_accounts" if asked and not len(ids) else ""),
        headroom=float(out["headroom"].where(~out["over_potential"]).sum()),
        headroom_margin=float(out["headroom_margin"].sum(min_count=1)),
        potential_unknown=int(out[C.potential].isna().sum()),
        over_potential=int(out["over_potential"].sum()),
    )
    return out


# --------------------------------------------------------------------------- by year
@dataclass(frozen=True)
class KaYearly:
    """The key accounts' profitability by calendar year.

    Attributes
    ----------
    clients : DataFrame
        :data:`KA_YEARLY_COLUMNS`: one row per key account × year of the data (a year without
        sales has revenue and margin 0, margin_rate NaN).
    totals : DataFrame
        :data:`KA_YEARLY_TOTAL_COLUMNS`: one row per year, the key accounts together against
        the whole company.
    missing : tuple of str
        ``"key_accounts"``, ``"cost"`` (margins unknown).
    """

    clients: pd.DataFrame
    totals: pd.DataFrame
    missing: tuple[str, ...] = field(default_factory=tuple)


def ka_yearly(facts: Facts, key_accounts, *, start=None, end=None) -> KaYearly:
    """Each key account's revenue, gross margin and margin rate by calendar year.

    From ``facts.periods("year", start, end)``; per key account i and year y::

        revenue_iy, gross_margin_iy = the facts of the year (0 when i did not buy that year)
        margin_rate_iy   = gross_margin_iy / revenue_iy        (NaN when revenue ≤ 0)
        revenue_share_iy = revenue_iy / revenue of all clients in y

    and per year for the key accounts together (K) against all clients::

        revenue_share  = Σ_K revenue / Σ revenue
        margin_share   = Σ_K gross_margin / Σ gross_margin     (NaN when Σ ≤ 0)
        margin_rate_ka = Σ_K gross_margin / Σ_K revenue
        months         = calendar months of y between the first and the last sales day of
                         the window (12 = a full year; a partial year must not be compared
                         with full ones)

    Parameters
    ----------
    facts : Facts
        The company's sales facts.
    key_accounts : iterable of str
        The key-account ids.
    start, end : date-like, optional
        A window inside the facts' period (default the whole period).

    Returns
    -------
    KaYearly
        ``clients`` sorted by client_id then year; ``totals`` by year. No key account →
        ``clients`` empty, totals with the company's figures and NaN key-account figures.

    Source: key-account profitability over time, McDonald, Millman & Rogers (1997); yearly
    gross figures as block 1's :func:`~kbcore.analyses.profitability.yearly_summary`
    (Kaplan & Narayanan 2001 for client profitability).
    """
    ka = _id_index(key_accounts)
    per = facts.periods("year", start, end)
    years = np.sort(per["period"].astype("int64").unique())
    ids = _ids(per[C.client_id])
    is_ka = ids.isin(ka).to_numpy(dtype=bool)
    rev = per[C.revenue].astype("float64")
    gm = per["gross_margin"].astype("float64")
    year = per["period"].astype("int64")
    all_rev = rev.groupby(year).sum().reindex(years)
    all_gm = gm.groupby(year).sum(min_count=1).reindex(years)
    ka_rev = rev.loc[is_ka].groupby(year.loc[is_ka]).sum().reindex(years, fill_value=0.0)
    ka_gm = gm.loc[is_ka].groupby(year.loc[is_ka]).sum(min_count=1).reindex(years)
    cost_known = bool(gm.notna().any())
    if cost_known:
        ka_gm = ka_gm.fillna(0.0)
    ka_n = pd.Series(is_ka).groupby(year.to_numpy()).sum().reindex(years, fill_value=0)

    grid = pd.MultiIndex.from_product([pd.Index(ka, dtype="string"), years],
                                      names=[C.client_id, "year"])
    sub = pd.DataFrame({C.client_id: ids.loc[is_ka].to_numpy(), "year": year.loc[is_ka].to_numpy(),
                        C.revenue: rev.loc[is_ka].to_numpy(),
                        "gross_margin": gm.loc[is_ka].to_numpy()})
    sub[C.client_id] = sub[C.client_id].astype("string")
    sub = sub.set_index([C.client_id, "year"]).reindex(grid)
    sub[C.revenue] = sub[C.revenue].fillna(0.0)
    if cost_known:
        sub["gross_margin"] = sub["gross_margin"].fillna(0.0)
    sub["margin_rate"] = _rate(sub["gross_margin"], sub[C.revenue])
    year_level = sub.index.get_level_values("year")
    sub["revenue_share"] = _rate(sub[C.revenue], pd.Series(all_rev.reindex(year_level).to_numpy(),
                                                            index=sub.index))
    clients_out = sub.reset_index()
    clients_out[C.client_id] = clients_out[C.client_id].astype("string")
    clients_out["year"] = clients_out["year"].astype("int64")
    clients_out = clients_out[KA_YEARLY_COLUMNS]

    lo, hi = facts.first_day(start, end), facts.last_day(start, end)
    first_month = np.ones(len(years), dtype="int64")
    last_month = np.full(len(years), 12, dtype="int64")
    if lo is not None:
        first_month[years == lo.year] = lo.month
    if hi is not None:
        last_month[years == hi.year] = hi.month
    has_ka = bool(len(ka))
    totals = pd.DataFrame(
        {
            "year": years.astype("int64"),
            "months": (last_month - first_month + 1).clip(0, 12).astype("int64"),
            "ka_clients": ka_n.to_numpy().astype("int64"),
            "revenue_ka": ka_rev.to_numpy() if has_ka else np.nan,
            "revenue_all": all_rev.to_numpy(),
            "gross_margin_ka": ka_gm.to_numpy() if has_ka else np.nan,
            "gross_margin_all": all_gm.to_numpy(),
        }
    )
    totals["revenue_share"] = _rate(totals["revenue_ka"], totals["revenue_all"])
    totals["margin_share"] = _rate(totals["gross_margin_ka"], totals["gross_margin_all"])
    totals["margin_rate_ka"] = _rate(totals["gross_margin_ka"], totals["revenue_ka"])
    totals["margin_rate_all"] = _rate(totals["gross_margin_all"], totals["revenue_all"])
    totals = totals[KA_YEARLY_TOTAL_COLUMNS]
    missing = _missing("" if has_ka else "key_accounts",
                       "" if cost_known or not len(per) else "cost")
    return KaYearly(clients=clients_out, totals=totals, missing=missing)
