"""Program 004, topic 5 · Share of wallet (дял в клиента): our share in each client's purchases.

A client's **share of wallet** is the part of what it buys of our category that it buys from us.
It is the measure of how much of the client we already hold and how much is left to win, and it
is often skipped because its base (the client's total purchases of the category) is not in our
own data: it has to be learnt from the client, estimated as a potential, or inferred from a
survey. This module computes it and what hangs on it:

* :func:`wallet_share` — the one formula, ``ours / base`` (every share of wallet in kbcore);
* :func:`client_shares` — per client: our sales over the last 12 months over the client's wallet
  (``clients.wallet``, its total purchases of the category, where known) else over its potential
  (``clients.potential``), with the basis named per client; in value, and in volume where units
  exist (``wallet_units`` / ``potential_units``);
* :func:`share_summary`, :func:`share_distribution` — the distribution and its reading (band ids);
* :func:`share_wallet_map` — share × wallet size, a 2×2 or 3×3 grid with an action id per cell;
* :func:`latest_answers`, :func:`share_by`, :func:`rank_correlation`, :func:`loyalty_link` — the
  share against tenure, satisfaction (csat, NPS) and loyalty-programme membership;
* :func:`war_share`, :func:`war_estimates`, :func:`war_vs_actual` — the Wallet Allocation Rule
  (share from the client's ranking of its suppliers) and its comparison with the direct share;
* :func:`growth_plan` — the share each client could reach, the revenue it would add, ranked.

Sources: share of wallet as the measure of a client's development after McDonald & Rogers,
*Key Account Management* (1998) and Du, Kamakura & Mela, "Size and share of customer wallet",
*Journal of Marketing* 71 (2007); the Wallet Allocation Rule after Keiningham, Aksoy, Buoye &
Cooil, "Customer loyalty isn't enough. Grow your share of wallet", *Harvard Business Review*
(October 2011) and Keiningham, Aksoy, Malthouse, Lariviere & Buoye, "The cash value of loyalty
/ The Wallet Allocation Rule", *Journal of Service Research* 18(3) (2015); the NPS groups after
Reichheld, "The one number you need to grow", *HBR* (2003); Spearman's rank correlation
(Spearman 1904) by SciPy. Bands, grid cuts and actions are our reading, every one a parameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._window import months_back, span
from kbcore.analyses.loyalty_programme import members_at
from kbcore.analyses.units import client_quantity
from kbcore.analyses.wallet import BASES, share_base, wallet_share
from kbcore.errors import KBDataError
from kbcore.facts import Facts, between
from kbcore.schema import C

__all__ = [
    "UNKNOWN",
    "BASES",
    "SHARE_COLUMNS",
    "BAND_CUTS",
    "BAND_READINGS",
    "MAP_ACTIONS",
    "NPS_GROUPS",
    "LoyaltyLink",
    "ShareMap",
    "WarComparison",
    "wallet_share",
    "client_shares",
    "share_summary",
    "share_distribution",
    "share_wallet_map",
    "latest_answers",
    "share_by",
    "rank_correlation",
    "loyalty_link",
    "war_share",
    "war_estimates",
    "war_vs_actual",
    "growth_plan",
]



SHARE_COLUMNS = [
    C.client_id, C.name, C.segment, "revenue_12m", C.wallet, C.potential, "base", "basis", "share",
    "over_base", "quantity_12m", C.wallet_units, C.potential_units, "base_units", "basis_units",
    "share_units", "first_date", "tenure_years",
]
"""The columns of :func:`client_shares`."""

BAND_CUTS = (0.10, 0.25, 0.50, 0.75)
"""Default cuts of the share bands: < 10 %, 10–25 %, 25–50 %, 50–75 %, ≥ 75 %."""
BAND_READINGS = ("occasional", "secondary", "shared", "main", "dominant")
"""What each default band means (catalogue ids ``share_of_wallet.reading.<id>``): an occasional
supplier, a secondary one, one of the main ones, the main supplier, (nearly) the only one."""

MAP_ACTIONS = {
    2: {"high_low": "grow_share", "high_high": "defend",
        "low_low": "serve_efficiently", "low_high": "retain"},
    3: {"high_low": "grow_share", "high_mid": "grow_share", "high_high": "defend",
        "mid_low": "develop", "mid_mid": "develop", "mid_high": "retain",
        "low_low": "serve_efficiently", "low_mid": "serve_efficiently", "low_high": "retain"},
}
"""The action id of each cell ``<wallet size level>_<share level>`` of the 2×2 and 3×3 maps."""
_LEVELS = {2: ("low", "high"), 3: ("low", "mid", "high")}
_SHARE_CUTS = {2: (0.50,), 3: (0.25, 0.50)}
_SIZE_QUANTILES = {2: (0.5,), 3: (1 / 3, 2 / 3)}

NPS_GROUPS = ((0, 6, "detractor"), (7, 8, "passive"), (9, 10, "promoter"))
"""The NPS groups (Reichheld 2003): 0–6 detractors, 7–8 passives, 9–10 promoters."""

_MEASURES = {"value": ("share", "base", "revenue_12m"),
             "units": ("share_units", "base_units", "quantity_12m")}


# --------------------------------------------------------------------------- helpers
def _bad(name: str, value, expected: str):
    raise KBDataError("share_of_wallet.error.parameter", name=name, value=repr(value),
                      expected=expected)


def _table(frame: pd.DataFrame | None, *columns: str) -> pd.DataFrame | None:
    """``frame`` with stripped client ids, or None when it lacks rows or any of ``columns``."""
    if frame is None or not len(frame) or not {C.client_id, *columns} <= set(frame.columns):
        return None
    out = frame.assign(**{C.client_id: _ids(frame[C.client_id])})
    return out.loc[out[C.client_id].notna() & (out[C.client_id] != "")]


def _numbers(values) -> pd.Series:
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")


def _measure(measure: str) -> tuple[str, str, str]:
    if measure not in _MEASURES:
        _bad("measure", measure, "'value' or 'units'")
    return _MEASURES[measure]


def _cuts(values, name: str, *, low=None, high=None) -> tuple[float, ...]:
    try:
        cuts = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        _bad(name, values, "a list of increasing numbers")
    if any(math.isnan(c) for c in cuts) or any(b <= a for a, b in zip(cuts, cuts[1:], strict=False)):
        _bad(name, values, "a list of increasing numbers")
    if cuts and ((low is not None and cuts[0] <= low) or (high is not None and cuts[-1] >= high)):
        _bad(name, values, f"numbers between {low} and {high}")
    return cuts


def _share_param(value, name: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        _bad(name, value, "a share between 0 and 1 (0.4 = 40 %)")
    if not 0 < v <= 1:
        _bad(name, value, "a share between 0 and 1 (0.4 = 40 %)")
    return v


# --------------------------------------------------------------------------- per client
def _units_per_client(lines: pd.DataFrame, products: pd.DataFrame | None,
                      universe: pd.Index) -> tuple[pd.Series | None, str | None, str | None]:
    """Σ quantity per client over ``lines`` when the quantities share one unit; else why not.

    The rule of :mod:`kbcore.analyses.units`; returns ``(quantity, unit, missing_id)``.
    """
    if C.quantity not in lines.columns:
        return None, None, "sales.quantity"
    if C.product_id not in lines.columns:
        return None, None, "sales.product_id"
    qty, found = client_quantity(lines, products)
    if qty is None:
        return None, None, "units.mixed" if len(found["units"]) > 1 else "products.unit"
    return qty.reindex(universe).fillna(0.0), found["unit"], None


def client_shares(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    as_of=None,
    months: int = 12,
    bases=BASES,
    client_ids=None,
) -> pd.DataFrame:
    """Our share of each client's purchases of the category, with its basis named per client.

    The clients are those with a purchase up to ``as_of`` and those of the clients table
    (prospects: revenue 0), or only ``client_ids``. With W = the last ``months`` months up to
    ``as_of`` (:func:`~kbcore.analyses._window.months_back`)::

        revenue_12m  = Σ revenue in W                   (net of returns; 0 without a sale)
        base         = clients.wallet  if > 0           basis = "wallet"
                       else clients.potential if > 0    basis = "potential"
                       else NaN                         basis = NA
        share        = revenue_12m / base               (:func:`wallet_share`)
        over_base    = share > 1                        (the base is understated)
        quantity_12m = Σ quantity in W                  (only when every line's unit is known
                                                         and one: products.unit)
        base_units   = clients.wallet_units, else clients.potential_units (> 0), basis_units
        share_units  = quantity_12m / base_units
        tenure_years = (as_of − first purchase) / 365.25 days   (first purchase in the data)

    The wallet is what the client does buy of the category from all its suppliers (as last
    learnt); the potential what it could buy: a share of potential is a lower bound of the share
    of wallet, and the ``basis`` column says which one each row is. ``bases`` sets the order
    (``("potential",)`` gives the share of potential of blocks 5–8).

    A measure whose input is absent is NaN, and ``attrs["missing"]`` names what would enable it:
    ``"clients"``, ``"clients.wallet"``, ``"clients.potential"`` (both absent: no share at all),
    ``"clients.wallet_units"``, ``"sales.quantity"``, ``"sales.product_id"``, ``"products.unit"``
    (a line whose product has no unit), ``"units.mixed"`` (the lines are in several units: the
    volume is not summed). ``attrs["unit"]`` is the unit of the volume, ``attrs["window"]`` W.

    Parameters
    ----------
    facts : Facts
        The sales facts; the volume needs the lines (``facts.sales``).
    clients, products : DataFrame, optional
        Canonical tables (wallet, potential, their units, segment; products' unit).
    as_of : date-like, optional
        Default ``facts.as_of``.
    months : int
        The window of our sales (default 12: the wallet and the potential are yearly).
    bases : sequence of {"wallet", "potential"}
        The bases tried in order (default wallet, then potential).
    client_ids : iterable of str, optional
        Only these clients.

    Returns
    -------
    DataFrame
        :data:`SHARE_COLUMNS`, one row per client, sorted by client_id.

    Source: McDonald & Rogers (1998); Du, Kamakura & Mela (2007); see :func:`wallet_share`.
    """
    if int(months) <= 0:
        _bad("months", months, "a whole number of months above 0")
    bases = tuple(bases)
    if not bases or any(b not in BASES for b in bases) or len(set(bases)) < len(bases):
        _bad("bases", bases, "'wallet', 'potential' or both, in the order to try them")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    lo, hi = months_back(as_of, months)
    missing: list[str] = []
    upto = facts.clients(*span(facts, None, as_of))
    recent = facts.clients(*span(facts, lo, hi))
    universe = pd.Index(_ids(upto[C.client_id]), dtype="string")
    cl = _table(clients)
    if cl is not None:
        cl = cl.drop_duplicates(C.client_id).set_index(C.client_id)
        universe = universe.union(pd.Index(cl.index, dtype="string"))
    else:
        missing.append("clients")
    if client_ids is not None:
        universe = pd.Index(pd.array([str(c).strip() for c in client_ids], dtype="string")).unique()
    universe = universe.dropna().unique().sort_values().rename(C.client_id)
    out = pd.DataFrame(index=universe)

    def card(column: str) -> pd.Series:
        if cl is None or column not in cl.columns:
            return pd.Series(np.nan, index=universe, dtype="float64")
        return _numbers(cl[column]).set_axis(cl.index).reindex(universe)

    def known(column: str) -> bool:
        return cl is not None and column in cl.columns and bool((_numbers(cl[column]) > 0).any())

    if cl is not None:
        missing += [f"clients.{b}" for b in bases if not known(b)]
    names = (cl[C.name].astype("string").str.strip().replace("", pd.NA).reindex(universe)
             if cl is not None and C.name in cl.columns
             else pd.Series(pd.NA, index=universe, dtype="string"))
    out[C.name] = names.fillna(pd.Series(universe, index=universe, dtype="string")).astype("string")
    if cl is not None and C.segment in cl.columns:
        seg = cl[C.segment].astype("string").str.strip().replace("", pd.NA).reindex(universe)
        out[C.segment] = seg.fillna(UNKNOWN).astype("string")
    else:
        out[C.segment] = pd.Series(UNKNOWN, index=universe, dtype="string")
    rev = pd.Series(recent[C.revenue].to_numpy("float64"), index=_ids(recent[C.client_id]).to_numpy())
    out["revenue_12m"] = rev[~rev.index.duplicated()].reindex(universe).fillna(0.0)
    for col in (C.wallet, C.potential):
        out[col] = card(col)
    out["base"], out["basis"] = share_base(out, list(bases))
    out["share"] = wallet_share(out["revenue_12m"], out["base"])
    out["over_base"] = (out["share"] > 1).astype("boolean").mask(out["share"].isna())

    lines = between(facts.sales, lo, hi)
    qty, unit, why = _units_per_client(lines, products, universe)
    if why:
        missing.append(why)
    elif cl is not None and not any(known(f"{b}_units") for b in bases):
        missing.append("clients.wallet_units" if "wallet" in bases else "clients.potential_units")
    for col in (C.wallet_units, C.potential_units):
        out[col] = card(col)
    if qty is not None:
        out["quantity_12m"] = qty
        out["base_units"], out["basis_units"] = share_base(out, [f"{b}_units" for b in bases],
                                                           names=list(bases))
        out["share_units"] = wallet_share(out["quantity_12m"], out["base_units"])
    else:
        out["quantity_12m"] = np.nan
        out["base_units"] = np.nan
        out["basis_units"] = pd.Series(pd.NA, index=universe, dtype="string")
        out["share_units"] = np.nan

    first = pd.Series(pd.to_datetime(upto["first_date"]).to_numpy(),
                      index=_ids(upto[C.client_id]).to_numpy())
    out["first_date"] = first[~first.index.duplicated()].reindex(universe)
    out["tenure_years"] = ((as_of - out["first_date"]).dt.days / 365.25).astype("float64")

    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    for col in ("revenue_12m", C.wallet, C.potential, "base", "share", "quantity_12m",
                C.wallet_units, C.potential_units, "base_units", "share_units", "tenure_years"):
        out[col] = out[col].astype("float64")
    out["basis"] = out["basis"].astype("string")
    out["basis_units"] = out["basis_units"].astype("string")
    out = out[SHARE_COLUMNS]
    out.attrs.update(as_of=as_of, window=(lo, hi), months=int(months), unit=unit,
                     missing=list(dict.fromkeys(missing)), bases=bases)
    return out


# --------------------------------------------------------------------------- distribution
def share_summary(shares: pd.DataFrame, *, measure: str = "value") -> pd.Series:
    """The share in a few numbers: how many clients have one, on which basis, its middle.

    ::

        clients        = rows of ``shares``
        with_share     = clients with a share (a base > 0)
        on_wallet      = … of them on the wallet basis; on_potential on the potential
        no_base        = clients − with_share
        active         = clients with a share and sales in the window (ours > 0)
        median, mean   = of the share over the clients with a share
        q25, q75       = its quartiles
        weighted       = Σ ours / Σ base over the clients with a share (our share of the
                         clients' whole wallet: large clients weigh more)
        over_base      = clients whose share is above 1 (the base is understated)

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    measure : {"value", "units"}
        The share in value (default) or in volume.

    Returns
    -------
    Series
        The figures above (NaN where no client has a share).

    Source: descriptive statistics; the weighted share after Du, Kamakura & Mela (2007).
    """
    share, base, ours = _measure(measure)
    has = shares[share].notna()
    s = shares.loc[has, share].astype("float64")
    basis = shares["basis" if measure == "value" else "basis_units"]
    return pd.Series({
        "clients": float(len(shares)),
        "with_share": float(has.sum()),
        "on_wallet": float(((basis == "wallet") & has).sum()),
        "on_potential": float(((basis == "potential") & has).sum()),
        "no_base": float((~has).sum()),
        "active": float((has & (shares[ours] > 0)).sum()),
        "median": float(s.median()) if len(s) else np.nan,
        "mean": float(s.mean()) if len(s) else np.nan,
        "q25": float(s.quantile(0.25)) if len(s) else np.nan,
        "q75": float(s.quantile(0.75)) if len(s) else np.nan,
        "weighted": (float(shares.loc[has, ours].sum() / shares.loc[has, base].sum())
                     if len(s) and shares.loc[has, base].sum() > 0 else np.nan),
        "over_base": float((s > 1).sum()),
    }, dtype="float64")


def share_distribution(shares: pd.DataFrame, *, cuts=BAND_CUTS, readings=BAND_READINGS,
                       measure: str = "value") -> pd.DataFrame:
    """The clients by share band, each band with its reading (an id for the catalogue).

    ::

        bands    = [0, c₁), [c₁, c₂), …, [c_k, ∞)       (a share ≥ 1 falls in the last band)
        clients  = clients with a share in the band;  client_share = clients / clients with a share
        ours     = Σ our sales of the band's clients;  base = Σ their bases
        headroom = Σ (base − ours), at least 0 per client (what the band's clients buy elsewhere)

    Default cuts 10 %, 25 %, 50 %, 75 % and readings: occasional supplier, secondary supplier,
    one of the main suppliers, the main supplier, (nearly) the only one.

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    cuts : sequence of float
        Increasing cuts strictly between 0 and 1.
    readings : sequence of str
        One reading id per band (``len(cuts) + 1``).
    measure : {"value", "units"}
        The share in value (default) or in volume.

    Returns
    -------
    DataFrame
        ``band, lower, upper, reading, clients, client_share, ours, base, headroom`` — one row per
        band, every band present (0 clients where none); ``attrs["summary"]`` is
        :func:`share_summary`, ``attrs["missing"]`` that of ``shares`` when no client has a share.

    Source: our reading of the share-of-wallet bands (a main supplier holds half or more:
    Keiningham et al. 2011 find the first-ranked supplier's share far above the others').
    """
    share, base, ours = _measure(measure)
    cuts = _cuts(cuts, "cuts", low=0, high=1)
    readings = tuple(readings)
    if len(readings) != len(cuts) + 1:
        _bad("readings", readings, f"{len(cuts) + 1} reading ids, one per band")
    edges = (0.0, *cuts, np.inf)
    known = shares.loc[shares[share].notna()]
    s = known[share].astype("float64").clip(lower=0).to_numpy()
    idx = np.searchsorted(np.asarray(cuts, dtype="float64"), s, side="right")
    gap = (known[base] - known[ours]).clip(lower=0).to_numpy("float64")
    rows = []
    for i in range(len(cuts) + 1):
        m = idx == i
        lo, up = edges[i], edges[i + 1]
        rows.append({"band": f"{lo:g}-{up:g}" if np.isfinite(up) else f"{lo:g}+", "lower": lo,
                     "upper": up, "reading": readings[i], "clients": int(m.sum()),
                     "client_share": m.sum() / len(s) if len(s) else np.nan,
                     "ours": float(known[ours].to_numpy("float64")[m].sum()),
                     "base": float(known[base].to_numpy("float64")[m].sum()),
                     "headroom": float(gap[m].sum())})
    out = pd.DataFrame(rows)
    out["clients"] = out["clients"].astype("int64")
    out.attrs["summary"] = share_summary(shares, measure=measure)
    out.attrs["missing"] = list(shares.attrs.get("missing", [])) if not len(known) else []
    return out


# --------------------------------------------------------------------------- share × wallet map
@dataclass(frozen=True)
class ShareMap:
    """The share × wallet-size map.

    Attributes
    ----------
    clients : DataFrame
        ``client_id, name, segment, base, share, ours, size_level, share_level, cell, action`` — the
        clients with a share and a base.
    cells : DataFrame
        ``cell, size_level, share_level, action, clients, ours, base, headroom, share`` — one row
        per cell (every cell, 0 clients where none); ``share`` = Σ ours / Σ base.
    size_cuts, share_cuts : tuple of float
        The cuts used (the size cuts in money, or units with ``measure="units"``).
    grid : int
        2 or 3.
    """

    clients: pd.DataFrame
    cells: pd.DataFrame
    size_cuts: tuple[float, ...]
    share_cuts: tuple[float, ...]
    grid: int
    measure: str = "value"
    missing: tuple[str, ...] = field(default_factory=tuple)


def share_wallet_map(shares: pd.DataFrame, *, grid: int = 2, share_cuts=None, size_cuts=None,
                     size_quantiles=None, actions=None, measure: str = "value") -> ShareMap:
    """Each client on a share × wallet-size grid, with the action of its cell.

    ::

        size level  = place of the client's base among the size cuts
                      (default: the median base for 2×2, the terciles for 3×3)
        share level = place of its share among the share cuts (default 50 % for 2×2: the main
                      supplier or not; 25 % and 50 % for 3×3); a value on a cut is the upper level
        cell        = "<size level>_<share level>", e.g. "high_low"
        action      = actions[cell]   (default :data:`MAP_ACTIONS`: big wallet and small share →
                      grow_share; big and big → defend; small and big → retain; small and small →
                      serve_efficiently; 3×3 adds develop)
        headroom    = Σ max(base − ours, 0) of the cell's clients

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    grid : {2, 3}
        A 2×2 or 3×3 map.
    share_cuts : sequence of float, optional
        ``grid − 1`` increasing cuts of the share, between 0 and 1.
    size_cuts : sequence of float, optional
        ``grid − 1`` increasing cuts of the base (money); default from ``size_quantiles``.
    size_quantiles : sequence of float, optional
        The quantiles of the clients' bases that make the size cuts (default median / terciles).
    actions : dict, optional
        Action id per cell (every cell of the grid), default :data:`MAP_ACTIONS` ``[grid]``.
    measure : {"value", "units"}
        The share and base in value (default) or in volume.

    Returns
    -------
    ShareMap

    Source: our reading of the share × wallet-size matrix (Du, Kamakura & Mela 2007: the
    wallet's size and our share in it are two separate dimensions of a client's value, and the
    large wallets with a small share are where the growth is).
    """
    if grid not in (2, 3):
        _bad("grid", grid, "2 (a 2×2 map) or 3 (a 3×3 map)")
    share, base, ours = _measure(measure)
    levels = _LEVELS[grid]
    share_cuts = _cuts(_SHARE_CUTS[grid] if share_cuts is None else share_cuts, "share_cuts",
                       low=0, high=1)
    if len(share_cuts) != grid - 1:
        _bad("share_cuts", share_cuts, f"{grid - 1} cut(s) for a {grid}×{grid} map")
    cells_ids = [f"{a}_{b}" for a in levels for b in levels]
    actions = dict(MAP_ACTIONS[grid] if actions is None else actions)
    if set(actions) != set(cells_ids):
        _bad("actions", sorted(actions), "one action id for each cell: " + ", ".join(cells_ids))
    known = shares.loc[shares[share].notna() & (shares[base] > 0)]
    b = known[base].astype("float64")
    if size_cuts is None:
        q = _cuts(_SIZE_QUANTILES[grid] if size_quantiles is None else size_quantiles,
                  "size_quantiles", low=0, high=1)
        if len(q) != grid - 1:
            _bad("size_quantiles", q, f"{grid - 1} quantile(s) for a {grid}×{grid} map")
        size_cuts = tuple(float(b.quantile(x)) for x in q) if len(b) else tuple([np.nan] * len(q))
    else:
        size_cuts = _cuts(size_cuts, "size_cuts", low=0)
        if len(size_cuts) != grid - 1:
            _bad("size_cuts", size_cuts, f"{grid - 1} cut(s) for a {grid}×{grid} map")
    size_level = np.searchsorted(np.asarray(size_cuts, dtype="float64"), b.to_numpy(), side="right")
    share_level = np.searchsorted(np.asarray(share_cuts, dtype="float64"),
                                  known[share].to_numpy("float64"), side="right")
    cl = pd.DataFrame({
        C.client_id: known[C.client_id].astype("string").to_numpy(),
        C.name: known[C.name].astype("string").to_numpy(),
        C.segment: known[C.segment].astype("string").to_numpy(),
        "base": b.to_numpy(), "share": known[share].to_numpy("float64"),
        "ours": known[ours].to_numpy("float64"),
        "size_level": pd.array([levels[i] for i in size_level], dtype="string"),
        "share_level": pd.array([levels[i] for i in share_level], dtype="string"),
    })
    cl["cell"] = (cl["size_level"] + "_" + cl["share_level"]).astype("string")
    cl["action"] = cl["cell"].map(actions).astype("string")
    gap = (cl["base"] - cl["ours"]).clip(lower=0)
    rows = []
    for cell in cells_ids:
        m = (cl["cell"] == cell).to_numpy(dtype=bool)
        size_l, share_l = cell.split("_")
        tot_b, tot_o = float(cl.loc[m, "base"].sum()), float(cl.loc[m, "ours"].sum())
        rows.append({"cell": cell, "size_level": size_l, "share_level": share_l,
                     "action": actions[cell], "clients": int(m.sum()), "ours": tot_o,
                     "base": tot_b, "headroom": float(gap[m].sum()),
                     "share": tot_o / tot_b if tot_b > 0 else np.nan})
    cells = pd.DataFrame(rows)
    missing = tuple(shares.attrs.get("missing", ())) if not len(cl) else ()
    return ShareMap(cl, cells, tuple(size_cuts), share_cuts, grid, measure, missing)


# --------------------------------------------------------------------------- loyalty
def latest_answers(surveys: pd.DataFrame | None, *, as_of=None, survey_days: int | None = None,
                   columns=(C.csat, C.nps)) -> pd.DataFrame:
    """Each client's latest survey answer to each question, up to ``as_of``.

    ::

        value(client, q) = the answer to q of the client's latest survey (by date) that
                           answers q, in (as_of − survey_days, as_of]   (no limit by default)
        date_<q>         = that survey's date

    For the supplier ranking (``suppliers_used`` and ``our_rank`` together) pass both columns:
    a row answers it only when it has both, so that the two come from the same answer.

    Parameters
    ----------
    surveys : DataFrame or None
        The surveys table (``client_id, date`` and the columns).
    as_of : date-like, optional
        No answer after it counts (default: every answer).
    survey_days : int, optional
        How far back answers count.
    columns : sequence of str
        The questions (default csat and nps); ``(suppliers_used, our_rank)`` is answered as a pair.

    Returns
    -------
    DataFrame
        ``client_id`` and, per question present in ``surveys``, its latest value and date;
        ``attrs["missing"]`` lists ``"surveys"`` or ``"surveys.<q>"`` for what is absent.

    Source: our reading (the latest answer is the client's current view).
    """
    cols = list(columns)
    pair = {C.suppliers_used, C.our_rank} <= set(cols)
    sv = _table(surveys, C.date)
    if sv is None:
        out = pd.DataFrame({C.client_id: pd.Series([], dtype="string")})
        for col in cols:
            out[col] = pd.Series([], dtype="float64")
        out.attrs["missing"] = ["surveys"]
        return out
    sv = sv.assign(**{C.date: pd.to_datetime(sv[C.date], errors="coerce")})
    if as_of is not None:
        hi = pd.Timestamp(as_of).normalize()
        lo = None if survey_days is None else hi - pd.Timedelta(days=int(survey_days) - 1)
        sv = between(sv, lo, hi)
    missing = [f"surveys.{c}" for c in cols if c not in sv.columns]
    have = [c for c in cols if c in sv.columns]
    if pair and (C.suppliers_used not in have or C.our_rank not in have):
        have = [c for c in have if c not in (C.suppliers_used, C.our_rank)]
    sv = sv.sort_values([C.client_id, C.date], kind="mergesort")
    ids = pd.Index(sv[C.client_id].dropna().unique(), dtype="string").sort_values()
    out = pd.DataFrame(index=ids.rename(C.client_id))
    groups = [[C.suppliers_used, C.our_rank]] if pair and C.our_rank in have else []
    groups += [[c] for c in have if not (pair and c in (C.suppliers_used, C.our_rank))]
    for group in groups:
        vals = sv[[C.client_id, C.date]].copy()
        for c in group:
            vals[c] = pd.to_numeric(sv[c], errors="coerce").astype("float64")
        vals = vals.dropna(subset=[*group, C.date])
        last = vals.drop_duplicates(C.client_id, keep="last").set_index(C.client_id)
        for c in group:
            out[c] = last[c].reindex(ids).to_numpy("float64")
            out[f"date_{c}"] = last[C.date].reindex(ids).to_numpy()
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    for c in cols:
        if c not in out.columns:
            out[c] = np.nan
    out.attrs["missing"] = missing
    return out


def share_by(shares: pd.DataFrame, groups: pd.Series, *, order=None,
             measure: str = "value") -> pd.DataFrame:
    """The share of the clients of each group: how many, mean, median, and Σ ours / Σ base.

    ::

        clients  = clients of the group with a share
        mean, median of their shares;  weighted = Σ ours / Σ base

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    groups : Series
        The group id of each client, indexed by client_id (clients without one are left out).
    order : sequence, optional
        The groups' order (and groups to show with 0 clients); default sorted.
    measure : {"value", "units"}
        The share in value (default) or in volume.

    Returns
    -------
    DataFrame
        ``group, clients, mean, median, weighted``.

    Source: descriptive statistics.
    """
    share, base, ours = _measure(measure)
    known = shares.loc[shares[share].notna()]
    g = groups.copy()
    g.index = g.index.astype("string")
    key = known[C.client_id].astype("string").map(g)
    frame = pd.DataFrame({"group": key.to_numpy(), "share": known[share].to_numpy("float64"),
                          "ours": known[ours].to_numpy("float64"),
                          "base": known[base].to_numpy("float64")}).dropna(subset=["group"])
    names = list(order) if order is not None else sorted(frame["group"].unique(), key=str)
    rows = []
    for name in names:
        part = frame.loc[frame["group"] == name]
        tot = part["base"].sum()
        rows.append({"group": name, "clients": len(part),
                     "mean": part["share"].mean() if len(part) else np.nan,
                     "median": part["share"].median() if len(part) else np.nan,
                     "weighted": part["ours"].sum() / tot if tot > 0 else np.nan})
    out = pd.DataFrame(rows, columns=["group", "clients", "mean", "median", "weighted"])
    out["clients"] = out["clients"].astype("int64")
    for col in ("mean", "median", "weighted"):
        out[col] = out[col].astype("float64")
    return out


def rank_correlation(x, y) -> pd.Series:
    """Spearman's rank correlation of two measures over the pairs where both are known.

    ::

        rho = Pearson correlation of the ranks (ties get their mean rank)
            = 1 − 6 Σ d² / (n (n² − 1))   without ties
        p   = two-sided p-value of rho = 0 (SciPy: t = rho √((n − 2) / (1 − rho²)), n − 2 d.f.)

    Parameters
    ----------
    x, y : Series or array
        The two measures, the same length (aligned by position).

    Returns
    -------
    Series
        ``n, rho, p_value`` (rho and p NaN with fewer than 3 pairs or a constant measure).

    Source: C. Spearman, "The proof and measurement of association between two things",
    *American Journal of Psychology* 15 (1904); ``scipy.stats.spearmanr``.
    """
    a = np.asarray(pd.to_numeric(pd.Series(np.asarray(x, dtype=object)), errors="coerce"), dtype="float64")
    b = np.asarray(pd.to_numeric(pd.Series(np.asarray(y, dtype=object)), errors="coerce"), dtype="float64")
    ok = ~(np.isnan(a) | np.isnan(b))
    n = int(ok.sum())
    rho = p = np.nan
    if n >= 3 and np.ptp(a[ok]) > 0 and np.ptp(b[ok]) > 0:
        res = stats.spearmanr(a[ok], b[ok])
        rho, p = float(res.statistic), float(res.pvalue)
    return pd.Series({"n": float(n), "rho": rho, "p_value": p}, dtype="float64")


@dataclass(frozen=True)
class LoyaltyLink:
    """The share of wallet against the loyalty measures.

    Attributes
    ----------
    tenure, csat, nps, membership : DataFrame
        :func:`share_by` tables: by tenure band (``group`` = band id such as ``"1-3"``), by the
        latest csat answer (rounded), by NPS group (detractor, passive, promoter), by
        loyalty-programme membership (``member``, ``non_member``). Empty where the data is absent.
    correlations : DataFrame
        ``measure, n, rho, p_value`` for tenure_years, csat, nps and member (1/0), Spearman.
    missing : tuple of str
        What is absent (``"surveys"``, ``"surveys.csat"``, ``"surveys.nps"``, ``"loyalty"``).
    """

    tenure: pd.DataFrame
    csat: pd.DataFrame
    nps: pd.DataFrame
    membership: pd.DataFrame
    correlations: pd.DataFrame
    missing: tuple[str, ...] = field(default_factory=tuple)


def _band_ids(cuts: tuple[float, ...]) -> list[str]:
    edges = (0.0, *cuts)
    return [f"{lo:g}-{hi:g}" for lo, hi in zip(edges, cuts, strict=False)] + [f"{edges[-1]:g}+"]


def loyalty_link(shares: pd.DataFrame, *, surveys: pd.DataFrame | None = None,
                 loyalty: pd.DataFrame | None = None, as_of=None, tenure_bands=(1, 3, 5),
                 survey_days: int | None = None, nps_groups=NPS_GROUPS,
                 measure: str = "value") -> LoyaltyLink:
    """Does the share rise with loyalty? The share against tenure, satisfaction and membership.

    ::

        tenure band  = [0, t₁), [t₁, t₂), …, [t_k, ∞) years since the first purchase
        csat group   = the client's latest csat answer, rounded
        nps group    = its latest NPS answer: 0–6 detractor, 7–8 passive, 9–10 promoter
        member       = the client is a member on as_of: joined on or before it and not left
                       by then (:func:`~kbcore.analyses.loyalty_programme.members_at`)
        per group    : clients, mean and median share, Σ ours / Σ base (:func:`share_by`)
        correlations : Spearman's rho of the share with tenure_years, csat, nps and member
                       (:func:`rank_correlation`), with its p-value

    Keiningham et al. (2011, 2015) find that satisfaction and loyalty measures explain little of
    the share of wallet by themselves, while the client's ranking of us among its suppliers
    explains much more: a weak correlation here is the expected finding, not a data error.

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares` (its ``tenure_years``).
    surveys, loyalty : DataFrame, optional
        Canonical tables.
    as_of : date-like, optional
        The day of the answers and memberships (default ``shares.attrs["as_of"]``).
    tenure_bands : sequence of float
        Increasing cuts of the tenure in years (default 1, 3, 5).
    survey_days : int, optional
        How far back survey answers count (default: no limit).
    nps_groups : sequence of (low, high, id)
        The NPS groups (default :data:`NPS_GROUPS`).
    measure : {"value", "units"}
        The share in value (default) or in volume.

    Returns
    -------
    LoyaltyLink

    Source: Keiningham, Aksoy, Buoye & Cooil (2011); Keiningham et al. (2015); Reichheld (2003)
    for the NPS groups; Spearman (1904).
    """
    share, _base_col, _ours = _measure(measure)
    as_of = shares.attrs.get("as_of") if as_of is None else pd.Timestamp(as_of).normalize()
    cuts = _cuts(tenure_bands, "tenure_bands", low=0)
    ids = shares[C.client_id].astype("string")
    missing: list[str] = []
    corr = []

    tenure = shares["tenure_years"].astype("float64")
    band_ids = _band_ids(cuts)
    band = np.searchsorted(np.asarray(cuts, dtype="float64"), tenure.fillna(-1).to_numpy(), side="right")
    tenure_group = pd.Series([band_ids[i] if not math.isnan(v) else None
                              for i, v in zip(band, tenure, strict=True)], index=ids.to_numpy())
    tenure_table = share_by(shares, tenure_group.dropna(), order=band_ids, measure=measure)
    corr.append(("tenure_years", rank_correlation(shares[share], tenure)))

    answers = latest_answers(surveys, as_of=as_of, survey_days=survey_days)
    missing += answers.attrs["missing"]
    a = answers.set_index(C.client_id)
    empty = share_by(shares, pd.Series([], dtype="string"), order=[], measure=measure)
    csat_table = nps_table = empty
    if C.csat in a.columns and a[C.csat].notna().any():
        csat = a[C.csat].round()
        csat_table = share_by(shares, csat.dropna(), order=sorted(csat.dropna().unique()),
                              measure=measure)
        corr.append(("csat", rank_correlation(shares[share], ids.map(a[C.csat]).astype("float64"))))
    else:
        corr.append(("csat", rank_correlation([], [])))
    if C.nps in a.columns and a[C.nps].notna().any():
        nps = a[C.nps].dropna()
        grp = pd.Series(pd.NA, index=nps.index, dtype="object")
        for lo, hi, gid in nps_groups:
            grp = grp.mask((nps >= lo) & (nps <= hi), gid)
        nps_table = share_by(shares, grp.dropna(), order=[g[2] for g in nps_groups], measure=measure)
        corr.append(("nps", rank_correlation(shares[share], ids.map(a[C.nps]).astype("float64"))))
    else:
        corr.append(("nps", rank_correlation([], [])))

    lt = _table(loyalty, C.joined)
    if lt is not None:
        member = ids.isin(members_at(lt, as_of))
        groups = pd.Series(np.where(member, "member", "non_member"), index=ids.to_numpy())
        member_table = share_by(shares, groups, order=["member", "non_member"], measure=measure)
        corr.append(("member", rank_correlation(shares[share], member.astype("float64"))))
    else:
        missing.append("loyalty")
        member_table = empty
        corr.append(("member", rank_correlation([], [])))

    correlations = pd.DataFrame([{"measure": m, **r.to_dict()} for m, r in corr])
    correlations["n"] = correlations["n"].astype("int64")
    return LoyaltyLink(tenure_table, csat_table, nps_table, member_table, correlations,
                       tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- wallet allocation rule
def war_share(rank, n):
    """The Wallet Allocation Rule: the share of wallet implied by our rank among n suppliers.

    ::

        share = (1 − rank / (n + 1)) × 2 / n        for 1 ≤ rank ≤ n, n ≥ 1 (else NaN)

    n = 1 → 100 %; n = 2 → 2/3 and 1/3; n = 3 → 1/2, 1/3, 1/6; the shares of ranks 1…n sum to 1.

    Parameters
    ----------
    rank : int, array or Series
        Our place among the client's suppliers of the category (1 = the one it prefers).
    n : int, array or Series
        How many suppliers of the category the client uses.

    Returns
    -------
    float, array or Series
        The implied share (a Series keeps the index of ``rank``).

    Source: Keiningham, Aksoy, Buoye & Cooil, "Customer loyalty isn't enough. Grow your share
    of wallet", *Harvard Business Review* (October 2011); Keiningham, Aksoy, Malthouse,
    Lariviere & Buoye, "The Wallet Allocation Rule", *Journal of Service Research* 18(3) (2015).
    """
    index = rank.index if isinstance(rank, pd.Series) else None
    r = np.asarray(pd.to_numeric(pd.Series(np.ravel(np.asarray(rank, dtype=object))), errors="coerce"),
                   dtype="float64")
    k = np.asarray(pd.to_numeric(pd.Series(np.ravel(np.asarray(n, dtype=object))), errors="coerce"),
                   dtype="float64")
    r, k = np.broadcast_arrays(r, k)
    ok = (k >= 1) & (r >= 1) & (r <= k) & (r == np.floor(r)) & (k == np.floor(k))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(ok, (1 - r / (k + 1)) * 2 / np.where(ok, k, 1), np.nan)
    if index is not None:
        return pd.Series(out, index=index, dtype="float64")
    if np.ndim(rank) == 0 and np.ndim(n) == 0:
        return float(out[0])
    return out


def war_estimates(clients: pd.DataFrame | None = None, surveys: pd.DataFrame | None = None, *,
                  as_of=None, survey_days: int | None = None,
                  sources=("surveys", "clients")) -> pd.DataFrame:
    """Each client's share of wallet by the Wallet Allocation Rule, from its ranking of suppliers.

    ::

        (suppliers_used, our_rank) = the client's latest survey answer with both
                                     (:func:`latest_answers`), else the clients table's
                                     (``sources`` sets the order)
        war_share = (1 − our_rank / (suppliers_used + 1)) × 2 / suppliers_used   (:func:`war_share`)
        valid     = 1 ≤ our_rank ≤ suppliers_used (else war_share is NaN)

    Parameters
    ----------
    clients, surveys : DataFrame, optional
        Canonical tables with ``suppliers_used`` and ``our_rank``.
    as_of : date-like, optional
        No survey answer after it counts.
    survey_days : int, optional
        How far back survey answers count (default: no limit).
    sources : sequence of {"surveys", "clients"}
        Where to take the ranking from, in order.

    Returns
    -------
    DataFrame
        ``client_id, suppliers_used, our_rank, source, valid, war_share`` for the clients with a
        ranking; ``attrs["missing"]`` (``"surveys.our_rank"`` and ``"clients.our_rank"`` when
        neither has one), ``attrs["invalid"]`` the rankings that cannot be (rank above n …).

    Source: Keiningham et al. (2011, 2015), see :func:`war_share`.
    """
    sources = tuple(sources)
    if not sources or any(s not in ("surveys", "clients") for s in sources):
        _bad("sources", sources, "'surveys', 'clients' or both, in the order to try them")
    found = []
    missing = []
    for src in sources:
        if src == "surveys":
            ans = latest_answers(surveys, as_of=as_of, survey_days=survey_days,
                                 columns=(C.suppliers_used, C.our_rank))
            part = ans.loc[ans[C.suppliers_used].notna() & ans[C.our_rank].notna()]
        else:
            cl = _table(clients, C.suppliers_used, C.our_rank)
            if cl is None:
                part = pd.DataFrame(columns=[C.client_id, C.suppliers_used, C.our_rank])
            else:
                cl = cl.drop_duplicates(C.client_id)
                part = pd.DataFrame({C.client_id: cl[C.client_id].to_numpy(),
                                     C.suppliers_used: _numbers(cl[C.suppliers_used]).to_numpy(),
                                     C.our_rank: _numbers(cl[C.our_rank]).to_numpy()})
                part = part.dropna(subset=[C.suppliers_used, C.our_rank])
        if not len(part):
            missing.append(f"{src}.our_rank")
        found.append(part[[C.client_id, C.suppliers_used, C.our_rank]].assign(source=src))
    out = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
    out = out.drop_duplicates(C.client_id, keep="first") if len(out) else pd.DataFrame(
        {C.client_id: pd.Series([], dtype="string"), C.suppliers_used: pd.Series([], dtype="float64"),
         C.our_rank: pd.Series([], dtype="float64"), "source": pd.Series([], dtype="string")})
    out[C.client_id] = out[C.client_id].astype("string")
    out["source"] = out["source"].astype("string")
    for col in (C.suppliers_used, C.our_rank):
        out[col] = out[col].astype("float64")
    out["war_share"] = war_share(out[C.our_rank], out[C.suppliers_used]).to_numpy("float64")
    out["valid"] = out["war_share"].notna()
    out = out.sort_values(C.client_id, kind="mergesort").reset_index(drop=True)
    out = out[[C.client_id, C.suppliers_used, C.our_rank, "source", "valid", "war_share"]]
    out.attrs["missing"] = missing if len(missing) == len(sources) else []
    out.attrs["invalid"] = int((~out["valid"]).sum())
    return out


@dataclass(frozen=True)
class WarComparison:
    """The Wallet Allocation Rule's share against the direct share.

    Attributes
    ----------
    pairs : DataFrame
        ``client_id, name, share, war_share, diff, suppliers_used, our_rank, basis`` (diff =
        war_share − share), the clients with both.
    n : int
    mean_abs_diff, mean_diff : float
        Mean |war_share − share| and mean (war_share − share) (NaN without pairs).
    rho, p_value : float
        Spearman's rank correlation of the two and its p-value.
    missing : tuple of str
    """

    pairs: pd.DataFrame
    n: int
    mean_abs_diff: float
    mean_diff: float
    rho: float
    p_value: float
    missing: tuple[str, ...] = field(default_factory=tuple)


def war_vs_actual(shares: pd.DataFrame, war: pd.DataFrame, *, bases=("wallet",),
                  cap: bool = True) -> WarComparison:
    """The share estimated by the Wallet Allocation Rule against the share measured directly.

    ::

        pairs          = clients with a direct share on one of ``bases`` and a valid WAR share
        diff           = war_share − share            (share capped at 1 when ``cap``)
        mean_abs_diff  = mean |diff|;  mean_diff = mean diff (> 0: the rule overestimates)
        rho, p_value   = Spearman's rank correlation of share and war_share

    By default only the shares on the wallet basis are compared: a share of potential is not a
    share of wallet, and the rule estimates the latter.

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    war : DataFrame
        :func:`war_estimates`.
    bases : sequence of {"wallet", "potential"}
        The bases of the direct shares to compare (default the wallet only).
    cap : bool
        Cap the direct share at 1 (a share above 1 means an understated wallet).

    Returns
    -------
    WarComparison

    Source: Keiningham et al. (2015), who validate the rule by the correlation of the implied
    and the reported shares; Spearman (1904).
    """
    missing = []
    direct = shares.loc[shares["share"].notna() & shares["basis"].isin(list(bases)),
                        [C.client_id, C.name, "share", "basis"]]
    if not len(direct):
        missing.append("clients.wallet" if "wallet" in bases else "clients.potential")
    w = war.loc[war["valid"].astype(bool), [C.client_id, "war_share", C.suppliers_used, C.our_rank]]
    if not len(w):
        missing.extend(war.attrs.get("missing", []) or ["surveys.our_rank"])
    pairs = direct.merge(w, on=C.client_id, how="inner")
    if cap:
        pairs["share"] = pairs["share"].clip(upper=1.0)
    pairs["diff"] = pairs["war_share"] - pairs["share"]
    pairs = pairs[[C.client_id, C.name, "share", "war_share", "diff", C.suppliers_used, C.our_rank, "basis"]]
    pairs = pairs.sort_values(C.client_id, kind="mergesort").reset_index(drop=True)
    r = rank_correlation(pairs["share"], pairs["war_share"])
    n = len(pairs)
    return WarComparison(pairs, n, float(pairs["diff"].abs().mean()) if n else np.nan,
                         float(pairs["diff"].mean()) if n else np.nan, float(r["rho"]),
                         float(r["p_value"]), tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- growth plan
def growth_plan(shares: pd.DataFrame, *, target_share=None, by: str | None = C.segment,
                quantile: float = 0.75, min_peers: int = 5, active_peers: bool = True,
                segment=None, measure: str = "value") -> pd.DataFrame:
    """Which clients' share can grow, by how much, and the revenue that would add, ranked.

    ::

        target    = target_share                        when given (target_source "parameter")
                    else the ``quantile`` (default the 75th percentile) of the shares of the
                    client's peers: the clients of its ``by`` group (segment) with a share
                    (and sales in the window, ``active_peers``), capped at 1 — "segment" —
                    or of all clients when the group has fewer than ``min_peers`` — "all"
        headroom  = max(target − share, 0) × base        (money; units with measure="units")
        rank      = by headroom, largest first (ties by client_id); cum_headroom its running sum

    The share each client could reach is what comparable clients already give us: a realistic
    goal, not the whole wallet. A client with a share above its target has no headroom (0).

    Parameters
    ----------
    shares : DataFrame
        :func:`client_shares`.
    target_share : float, optional
        One target share for every client (0 < target ≤ 1); default the peers' quantile.
    by : str or None
        The column of ``shares`` that makes the peer groups (default segment; None: all clients).
    quantile : float
        The peers' quantile (default 0.75).
    min_peers : int
        The fewest peers a group needs to set its own target (default 5).
    active_peers : bool
        Peers are only the clients with sales in the window (default True: a lost client's 0
        share says nothing about what is reachable).
    segment : str or sequence of str, optional
        Only the clients of these segments in the plan (the targets are computed on all).
    measure : {"value", "units"}
        The share in value (default) or in volume.

    Returns
    -------
    DataFrame
        ``rank, client_id, name, segment, basis, base, ours, share, target, target_source, headroom,
        cum_headroom`` — the clients with a share, largest headroom first;
        ``attrs["total"]`` = Σ headroom, ``attrs["clients_to_grow"]`` = clients with headroom
        > 0, ``attrs["targets"]`` = the target per group, ``attrs["missing"]``.

    Source: our reading of the share-of-wallet growth plan (Keiningham et al. 2011: "grow the
    share of the clients you have"; Du, Kamakura & Mela 2007: the wallet left to win is the
    growth); the peers' percentile as the reachable share is ours.
    """
    share, base, ours = _measure(measure)
    if not 0 < float(quantile) < 1:
        _bad("quantile", quantile, "a number between 0 and 1 (0.75 = the 75th percentile)")
    if int(min_peers) < 1:
        _bad("min_peers", min_peers, "a whole number of clients, at least 1")
    known = shares.loc[shares[share].notna()].copy()
    if by is not None and by not in known.columns:
        _bad("by", by, "a column of the shares table (segment) or None")
    group = (known[by].astype("string").fillna(UNKNOWN) if by is not None
             else pd.Series("all", index=known.index, dtype="string"))
    targets: dict[str, float] = {}
    if target_share is not None:
        t = _share_param(target_share, "target_share")
        target = pd.Series(t, index=known.index, dtype="float64")
        source = pd.Series("parameter", index=known.index, dtype="string")
        targets["all"] = t
    else:
        peers = known[ours] > 0 if active_peers else pd.Series(True, index=known.index)
        capped = known[share].clip(upper=1.0)
        overall = float(capped[peers].quantile(quantile)) if peers.any() else np.nan
        targets["all"] = overall
        target = pd.Series(overall, index=known.index, dtype="float64")
        source = pd.Series("all", index=known.index, dtype="string")
        if by is not None:
            for name, idx in group.groupby(group).groups.items():
                p = capped.loc[idx][peers.loc[idx]]
                if len(p) >= int(min_peers):
                    targets[str(name)] = float(p.quantile(quantile))
                    target.loc[idx] = targets[str(name)]
                    source.loc[idx] = "segment"
    out = pd.DataFrame({
        C.client_id: known[C.client_id].astype("string"),
        C.name: known[C.name].astype("string"),
        C.segment: known[C.segment].astype("string"),
        "basis": known["basis" if measure == "value" else "basis_units"].astype("string"),
        "base": known[base].astype("float64"),
        "ours": known[ours].astype("float64"),
        "share": known[share].astype("float64"),
        "target": target.astype("float64"),
        "target_source": source,
    })
    out["headroom"] = ((out["target"] - out["share"]).clip(lower=0) * out["base"]).fillna(0.0)
    if segment is not None:
        wanted = [segment] if isinstance(segment, str) else list(segment)
        out = out.loc[out[C.segment].isin(wanted)]
    out = out.sort_values(["headroom", C.client_id], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1, dtype="int64"))
    out["cum_headroom"] = out["headroom"].cumsum().astype("float64")
    out.attrs.update(total=float(out["headroom"].sum()),
                     clients_to_grow=int((out["headroom"] > 0).sum()), targets=targets,
                     quantile=float(quantile), target_share=target_share, measure=measure,
                     missing=list(shares.attrs.get("missing", [])) if not len(known) else [])
    return out
