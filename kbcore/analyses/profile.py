"""Block 5 · The client profile (профиль клиента): what the most profitable clients look like.

The seminar's block 5 builds the customer base on two tools: the client card (one page per
client, :mod:`kbcore.analyses.card`) and the client profile — the description of the clients
worth having, so that the sales team looks for more of them. Here the profile is read from the
data instead of being guessed:

* :func:`client_features` — one row per client: who it is (segment, size, region, acquisition
  channel) and how it buys (revenue, assortment breadth, orders per year, days between orders);
* :func:`client_profile` — the top share of clients by client profit, per category (segment),
  against the rest: a readable profile table and the rules of the match score;
* :func:`profile_match` — for every client, the share of profile traits it matches;
* :func:`market_matches` — market cells (segment × region) ranked by how well they fit the
  profile times the companies that are not yet our clients.

Source: seminar program block 5 («профиль клиента»); the "ideal customer profile" built from
the best existing customers is standard B2B practice (e.g. P. Kotler, W. Pfoertsch, *B2B Brand
Management*, Springer 2006; the firmographic variables after T. V. Bonoma and B. P. Shapiro,
*Segmenting the Industrial Market*, Lexington 1983). The scoring rules are our reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._window import id_codes, span
from kbcore.analyses.wallet import wallet_share
from kbcore.facts import Facts, between
from kbcore.schema import C

__all__ = [
    "FEATURE_COLUMNS",
    "CATEGORICAL_TRAITS",
    "NUMERIC_TRAITS",
    "LOWER_IS_BETTER",
    "DEFAULT_WEIGHTS",
    "ALL",
    "UNKNOWN",
    "ClientProfile",
    "client_features",
    "client_profile",
    "profile_match",
    "market_matches",
]

ALL = "all"
"""The category name when the profile is not split by segment."""
UNKNOWN = "unknown"
"""The value of a missing categorical trait."""

CATEGORICAL_TRAITS = (C.segment, C.size, C.region, C.acquisition_channel)
"""Who the client is: firmographic traits from the clients table (when present)."""
NUMERIC_TRAITS = ("products", "categories", "orders_per_year", "days_between_orders")
"""How the client buys: from the facts (and the products table for categories)."""
LOWER_IS_BETTER = ("days_between_orders",)
"""Numeric traits where less is better: their rule is "at most" the top's upper quartile."""
DEFAULT_WEIGHTS = {
    C.segment: 1.0,
    C.size: 1.0,
    C.region: 1.0,
    C.acquisition_channel: 1.0,
    "products": 1.0,
    "categories": 1.0,
    "orders_per_year": 1.0,
    "days_between_orders": 1.0,
}
"""Weights of the traits in the match score (all equal by default)."""

FEATURE_COLUMNS = [
    C.client_id,
    C.name,
    *CATEGORICAL_TRAITS,
    C.manager,
    C.potential,
    C.revenue,
    "gross_margin",
    "revenue_12m",
    "gross_margin_12m",
    "orders",
    "orders_12m",
    "orders_per_year",
    "days_between_orders",
    "products",
    "categories",
    "first_date",
    "last_date",
    "days_since_last",
    "share_of_wallet",
]


def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _clients_frame(clients: pd.DataFrame | None) -> pd.DataFrame | None:
    if clients is None or C.client_id not in clients.columns or not len(clients):
        return None
    return clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
        C.client_id
    ).set_index(C.client_id)


def _distinct_per_client(clients: np.ndarray, values: np.ndarray, n_values: int,
                         n_clients: int) -> np.ndarray:
    """Number of distinct values per client code (rows with a code −1 do not count)."""
    ok = (clients >= 0) & (values >= 0)
    pairs = np.sort(clients[ok] * np.int64(max(n_values, 1)) + values[ok])
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    return np.bincount(pairs // max(n_values, 1), minlength=n_clients)


def _breadth(lines: pd.DataFrame, products: pd.DataFrame | None,
             ship: np.ndarray | None = None) -> pd.DataFrame:
    """Distinct products and product categories per client among its shipment lines.

    ``ship`` marks the shipment lines of ``lines`` (default: all). The distinct (client,
    product) and (client, category) pairs are counted on integer codes of the stripped ids.
    """
    out = pd.DataFrame(columns=["products", "categories"], dtype="float64")
    if ship is None:
        ship = np.ones(len(lines), dtype=bool)
    if C.product_id not in lines.columns or not ship.any():
        lines = lines.loc[ship]
        if C.category in lines.columns and len(lines):
            cats = lines.loc[lines[C.category].notna(), [C.client_id, C.category]]
            n = cats.drop_duplicates().groupby(C.client_id).size()
            return pd.DataFrame({"products": np.nan, "categories": n.astype("float64")})
        return out
    client, client_ids = id_codes(lines[C.client_id])
    product, product_ids = id_codes(lines[C.product_id])
    client = np.where(ship, client, -1)
    n_products = _distinct_per_client(client, product, len(product_ids), len(client_ids))
    bought = n_products > 0
    res = pd.DataFrame({"products": n_products[bought].astype("float64")},
                       index=client_ids[bought])
    category = None
    if C.category in lines.columns:
        category, names = pd.factorize(lines[C.category].astype("string"))
    elif products is not None and {C.product_id, C.category} <= set(products.columns):
        cat = products.assign(**{C.product_id: _ids(products[C.product_id])}).drop_duplicates(
            C.product_id
        ).set_index(C.product_id)[C.category].astype("string")
        of_product, names = pd.factorize(cat.reindex(product_ids))
        category = np.where(product >= 0, of_product[np.maximum(product, 0)], -1)
    if category is not None:
        category = np.where(product >= 0, category, -1)  # lines without a product do not count
        n_cats = _distinct_per_client(client, category, len(names), len(client_ids))[bought]
        res["categories"] = np.where(n_cats > 0, n_cats, np.nan).astype("float64")
    else:
        res["categories"] = np.nan
    return res


def _median_gap(orders: pd.DataFrame) -> pd.Series:
    """Median days between consecutive distinct order dates per client (by client_id).

    The distinct (client, day) pairs keep the orders' order within a client (the first
    occurrence of each day), as ``drop_duplicates`` then ``groupby().diff()`` would; the work
    runs on integer codes. Clients with one order date have no row.
    """
    codes, ids = pd.factorize(orders[C.client_id])
    days = orders[C.date].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("int64")
    ok = codes >= 0
    codes, days = codes[ok].astype("int64"), days[ok]
    if not len(days):
        return pd.Series(dtype="float64", index=pd.Index([], dtype="string"))
    key = codes * np.int64(days.max() - days.min() + 1) + (days - days.min())
    order = np.argsort(key, kind="stable")
    starts = np.r_[True, key[order][1:] != key[order][:-1]]
    first = np.sort(order[starts])  # the first row of each (client, day), in the orders' order
    codes, days = codes[first], days[first]
    order = np.argsort(codes, kind="stable")
    codes, days = codes[order], days[order]
    same = codes[1:] == codes[:-1]
    gaps = pd.Series((days[1:] - days[:-1])[same].astype("float64"))
    median = gaps.groupby(codes[1:][same]).median()
    return pd.Series(median.to_numpy(), index=pd.Index(ids, dtype="string")[median.index])


def client_features(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    as_of=None,
    window_days: int = 365,
    client_ids=None,
) -> pd.DataFrame:
    """One row per client with a purchase: who it is and how it buys.

    Uses the facts up to ``as_of`` (default ``facts.as_of``). Measures::

        revenue, gross_margin     = facts over the period up to as_of
        revenue_12m, …_12m        = facts over (as_of − window_days, as_of]
        orders_12m                = orders in that window
        orders_per_year           = orders / max(years known, 1),
                                    years known = (as_of − first_date + 1 day) / 365
        days_between_orders       = median days between consecutive order dates
                                    (NaN with fewer than two order dates)
        products                  = distinct product_id bought (returns excluded)
        categories                = distinct product categories bought (sales.category, or
                                    products.category through product_id)
        days_since_last           = as_of − last_date in days
        share_of_wallet           = revenue_12m / potential   (NaN when potential ≤ 0 or unknown)

    Firmographic traits (segment, size, region, acquisition_channel), manager and potential
    come from ``clients``; a missing column or value is ``"unknown"`` (NaN for potential),
    except the manager, which falls back to the manager of the client's last sales line.

    Parameters
    ----------
    facts : Facts
        The company's sales facts (:class:`~kbcore.facts.Facts`). Products, categories and
        the fallback manager need the sales lines (``facts.sales``); every other measure
        comes from the facts' one reduction.
    clients, products : DataFrame, optional
        The clients table (traits, manager, potential) and the products table (categories).
    as_of : date-like, optional
        The day of the features (default ``facts.as_of``): nothing after it counts.
    window_days : int
        The length of the recent window (default 365 days: "the last 12 months").
    client_ids : iterable of str, optional
        Only these clients (default every client with a purchase); a client's row does not
        depend on the other clients, so ``client_ids=[x]`` gives the same row as the full table.

    Source: seminar program block 5 (client card and client profile fields); share of wallet
    after McDonald & Rogers, *Key Account Management* (1998).
    """
    if window_days <= 0:
        raise ValueError(f"window_days must be > 0, not {window_days!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    upto = span(facts, None, as_of)
    whole = facts.clients(*upto)
    recent = facts.clients(*span(facts, as_of - pd.Timedelta(days=window_days - 1), as_of))
    orders = facts.orders(*upto)
    lines = between(facts.sales, *upto)
    if client_ids is not None:
        keep = pd.Index(pd.array([str(c).strip() for c in client_ids], dtype="string"))
        whole = whole.loc[whole[C.client_id].isin(keep)]
        recent = recent.loc[recent[C.client_id].isin(keep)]
        orders = orders.loc[orders[C.client_id].isin(keep)]
        codes, ids = id_codes(lines[C.client_id])
        wanted = ids.get_indexer(keep)
        lines = lines.loc[np.isin(codes, wanted[wanted >= 0])]
    whole = whole.set_index(C.client_id)
    recent = recent.set_index(C.client_id)
    out = pd.DataFrame(index=whole.index.astype("string").rename(C.client_id))
    cl = _clients_frame(clients)
    if cl is not None and C.name in cl.columns:
        out[C.name] = cl[C.name].astype("string").reindex(out.index)
    else:
        out[C.name] = pd.Series(pd.NA, index=out.index, dtype="string")
    out[C.name] = out[C.name].fillna(pd.Series(out.index, index=out.index, dtype="string"))
    for col in (*CATEGORICAL_TRAITS, C.manager):
        if cl is not None and col in cl.columns:
            values = cl[col].astype("string").str.strip().replace("", pd.NA).reindex(out.index)
        else:
            values = pd.Series(pd.NA, index=out.index, dtype="string")
        out[col] = values.fillna(UNKNOWN)
    if C.manager in lines.columns and (out[C.manager] == UNKNOWN).any() and len(lines):
        # the manager of the client's last sales line stands in for a missing card manager
        last = lines.loc[lines[C.manager].notna(), [C.client_id, C.date, C.manager]]
        last = last.assign(**{C.client_id: _ids(last[C.client_id])}).sort_values(
            [C.client_id, C.date, C.manager], kind="mergesort"
        ).drop_duplicates(C.client_id, keep="last").set_index(C.client_id)[C.manager]
        fill = last.astype("string").reindex(out.index)
        out[C.manager] = out[C.manager].where(out[C.manager] != UNKNOWN, fill).fillna(UNKNOWN)
    if cl is not None and C.potential in cl.columns:
        out[C.potential] = pd.to_numeric(cl[C.potential], errors="coerce").reindex(out.index)
    else:
        out[C.potential] = np.nan
    out[C.potential] = out[C.potential].astype("float64")
    out[C.revenue] = whole[C.revenue]
    out["gross_margin"] = whole["gross_margin"]
    out["revenue_12m"] = recent[C.revenue].reindex(out.index).fillna(0.0)
    out["gross_margin_12m"] = recent["gross_margin"].reindex(out.index)
    out["orders"] = whole["orders"].astype("int64")
    out["orders_12m"] = recent["orders"].reindex(out.index).fillna(0).astype("int64")
    out["first_date"] = whole["first_date"]
    out["last_date"] = whole["last_date"]
    days_known = (as_of - out["first_date"]).dt.days + 1
    years = (days_known / 365.0).clip(lower=1.0)
    out["orders_per_year"] = (out["orders"] / years).astype("float64")
    out["days_between_orders"] = (
        _median_gap(orders).reindex(out.index).astype("float64")
    )
    ship = np.ones(len(lines), dtype=bool)
    if len(lines):
        rev = lines[C.revenue].astype("float64")
        is_return = rev < 0
        if C.quantity in lines.columns:
            is_return |= lines[C.quantity].astype("float64").fillna(0) < 0
        ship = ~is_return.to_numpy(dtype=bool)
    breadth = _breadth(lines, products, ship)
    breadth.index = breadth.index.astype("string")
    out["products"] = breadth["products"].reindex(out.index).astype("float64") if len(breadth) else np.nan
    out["categories"] = (
        breadth["categories"].reindex(out.index).astype("float64") if len(breadth) else np.nan
    )
    out["days_since_last"] = ((as_of - out["last_date"]).dt.days).astype("float64")
    pot = out[C.potential]
    out["share_of_wallet"] = wallet_share(out["revenue_12m"], pot)
    out = out.reset_index().sort_values(C.client_id, kind="mergesort").reset_index(drop=True)
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[FEATURE_COLUMNS]
    out.attrs["as_of"] = as_of
    return out


# --------------------------------------------------------------------------- profile
@dataclass(frozen=True)
class ClientProfile:
    """The profile of the best clients and the rules of the match score.

    Attributes
    ----------
    table : DataFrame
        The readable profile, one row per category × trait: ``category, trait, kind
        ("category"|"number"), top, rest, typical, top_match, rest_match, lift, mode, bound,
        used``.
        For a categorical trait ``top`` lists the typical values, ``rest`` the most frequent
        value among the other clients, ``top_match``/``rest_match`` the share of top / other
        clients with a typical value; for a number ``top``/``rest`` are the medians and ``typical`` the bound
        (at least the top clients' lower quartile; at most their upper quartile for days
        between orders).
    rules : DataFrame
        ``category, trait, kind, values, bound, used`` — what the match score checks.
    groups : DataFrame
        ``category, clients, top_count, measure_top, measure_rest, revenue_top, revenue_rest,
        own_rules`` per category (medians of the measure and of revenue; own_rules = the
        category is large enough to be scored by its own rules).
    members : DataFrame
        ``client_id, category, top`` (is the client among the category's top share).
    by : str or None
        The column that splits the categories (``"segment"``) or None.
    measure : str
        ``"profit"`` (client P&L) or ``"revenue"`` when profit is unknown.
    """

    table: pd.DataFrame
    rules: pd.DataFrame
    groups: pd.DataFrame
    members: pd.DataFrame
    by: str | None
    measure: str
    top_share: float = 0.2
    notes: tuple[str, ...] = field(default_factory=tuple)


def _top_count(n: int, share: float) -> int:
    if n == 0:
        return 0
    return max(1, math.ceil(round(share * n, 9)))


def _typical_values(top: pd.Series, cover: float) -> list[str]:
    """The most frequent known values among the top clients (ties by value).

    Taken until they cover at least ``cover`` of the top clients.
    """
    counts = top.loc[top != UNKNOWN].value_counts()
    if counts.empty:
        return []
    order = pd.DataFrame({"value": counts.index.astype(str), "n": counts.to_numpy()})
    order = order.sort_values(["n", "value"], ascending=[False, True], kind="mergesort")
    chosen, covered = [], 0
    for value, n in zip(order["value"], order["n"], strict=True):
        if covered >= cover * len(top):
            break
        chosen.append(value)
        covered += int(n)
    return chosen


def client_profile(
    features: pd.DataFrame,
    pnl: pd.DataFrame | None = None,
    *,
    top_share: float = 0.2,
    by: str | None = C.segment,
    cover: float = 0.6,
    min_clients: int = 10,
    min_lift: float = 1.1,
) -> ClientProfile:
    """The profile of the most profitable clients of each category, against the rest.

    For each category (the values of ``by``, e.g. segment; ``"all"`` when ``by`` is None or
    the column is all unknown), clients are ranked by client profit (``pnl.profit``, block 1;
    revenue when no profit is known) and the best ``ceil(top_share × n)`` are the *top*. A
    category with fewer than ``min_clients`` clients is profiled with ``"all"``'s rules.

    Traits and the match rule for each:

    * categorical (segment, size, region, acquisition channel): the *typical values* are the
      most frequent known values among the top clients, taken until they cover ``cover``
      (60 %) of the top clients; a client matches when its value is one of them;
    * numeric (products, categories, orders per year): a client matches when its value is
      ≥ the top clients' lower quartile (q25); days between orders: ≤ the top's upper
      quartile (q75).

    For each rule ``top_match`` / ``rest_match`` = the share of top / other clients that match
    it, and ``lift = top_match / rest_match``. A trait whose lift is below ``min_lift`` (1.1)
    does not tell the best clients from the rest: it is shown but not ``used`` in the score.

    Revenue and profit describe the top (``groups``) but are not traits: the score must also
    find good clients that are still small, and prospects.

    Parameters
    ----------
    features : DataFrame
        :func:`client_features`.
    pnl : DataFrame, optional
        :func:`kbcore.analyses.profitability.client_pnl` (``client_id, profit``).
    top_share : float
        Share of best clients per category (default 0.2).
    by : str or None
        The category column (default ``"segment"``).
    cover : float
        How much of the top the typical values of a categorical trait cover (default 0.6).
    min_clients : int
        Smallest category profiled on its own (default 10).
    min_lift : float
        Smallest lift for a trait to count in the match score (default 1.1).

    Source: seminar program block 5 («профиль клиента»); rules are our reading.
    """
    if not 0 < top_share < 1:
        raise ValueError(f"top_share must be a share between 0 and 1 (exclusive), not {top_share!r}")
    if not 0 < cover <= 1:
        raise ValueError(f"cover must be a share in (0, 1], not {cover!r}")
    frame = features.copy()
    frame[C.client_id] = _ids(frame[C.client_id])
    measure = "revenue"
    notes: list[str] = []
    if pnl is not None and "profit" in pnl.columns and pnl["profit"].notna().any():
        profit = pnl.assign(**{C.client_id: _ids(pnl[C.client_id])}).drop_duplicates(
            C.client_id
        ).set_index(C.client_id)["profit"]
        frame["measure"] = frame[C.client_id].map(profit).astype("float64")
        measure = "profit"
    else:
        frame["measure"] = frame[C.revenue].astype("float64")
        notes.append("profile.note.revenue")
    split = by is not None and by in frame.columns and (frame[by] != UNKNOWN).any()
    frame["category"] = frame[by].astype("string") if split else ALL
    if not split and by is not None:
        notes.append("profile.note.no_segment")
    frame = frame.sort_values(
        ["category", "measure", C.client_id], ascending=[True, False, True],
        na_position="last", kind="mergesort",
    )
    frame["rank"] = frame.groupby("category").cumcount() + 1
    sizes = frame.groupby("category")[C.client_id].transform("size")
    k = sizes.map({n: _top_count(int(n), top_share) for n in sizes.unique()})
    frame["top"] = (frame["rank"] <= k) & frame["measure"].notna()
    # the overall profile ("all") is always built: it serves small categories and prospects
    overall = frame.assign(category=ALL).sort_values(
        ["measure", C.client_id], ascending=[False, True], na_position="last", kind="mergesort"
    )
    overall["top"] = (np.arange(len(overall)) < _top_count(len(overall), top_share)) & overall[
        "measure"
    ].notna().to_numpy()

    cat_traits = [t for t in CATEGORICAL_TRAITS if t in frame.columns and t != (by if split else None)]
    num_traits = [t for t in NUMERIC_TRAITS if t in frame.columns and frame[t].notna().any()]
    table_rows, rule_rows, group_rows = [], [], []
    parts = [(ALL, overall)] + (
        [(cat, grp) for cat, grp in frame.groupby("category", sort=True)] if split else []
    )
    for cat, grp in parts:
        top = grp.loc[grp["top"]]
        rest = grp.loc[~grp["top"]]
        group_rows.append(
            {
                "category": str(cat),
                "clients": len(grp),
                "top_count": len(top),
                "measure_top": float(top["measure"].median()) if len(top) else np.nan,
                "measure_rest": float(rest["measure"].median()) if len(rest) else np.nan,
                "revenue_top": float(top[C.revenue].median()) if len(top) else np.nan,
                "revenue_rest": float(rest[C.revenue].median()) if len(rest) else np.nan,
                "own_rules": cat == ALL or len(grp) >= min_clients,
            }
        )
        traits = list(cat_traits)
        if cat == ALL and split:
            traits = [by, *traits]
        for trait in traits:
            typical = _typical_values(top[trait].astype(str), cover)
            if not typical:  # nothing known about the top clients: no rule
                continue
            in_top = top[trait].astype(str).isin(typical)
            in_rest = rest[trait].astype(str).isin(typical)
            ts = float(in_top.mean()) if len(top) else np.nan
            rs = float(in_rest.mean()) if len(rest) else np.nan
            mode = top[trait].astype(str).value_counts()
            table_rows.append(
                {
                    "category": str(cat), "trait": trait, "kind": "category",
                    "top": ", ".join(typical) if typical else "—",
                    "rest": (rest[trait].astype(str).value_counts().index[0] if len(rest) else "—"),
                    "typical": ", ".join(typical), "top_match": ts, "rest_match": rs,
                    "lift": ts / rs if rs and rs > 0 else np.nan,
                    "mode": mode.index[0] if len(mode) else "—", "bound": np.nan,
                }
            )
            rule_rows.append({"category": str(cat), "trait": trait, "kind": "category",
                              "values": tuple(typical), "bound": np.nan,
                              "used": bool(rs and rs > 0 and ts / rs >= min_lift)})
        for trait in num_traits:
            tv = top[trait].dropna()
            rv = rest[trait].dropna()
            if tv.empty:
                continue
            lower = trait in LOWER_IS_BETTER
            bound = float(tv.quantile(0.75 if lower else 0.25))
            match_top = (tv <= bound) if lower else (tv >= bound)
            match_rest = (rv <= bound) if lower else (rv >= bound)
            ts = float(match_top.mean())
            rs = float(match_rest.mean()) if len(rv) else np.nan
            table_rows.append(
                {
                    "category": str(cat), "trait": trait, "kind": "number",
                    "top": float(tv.median()), "rest": float(rv.median()) if len(rv) else np.nan,
                    "typical": ("≤ " if lower else "≥ ") + f"{round(bound, 1):g}",
                    "bound": bound,
                    "top_match": ts, "rest_match": rs,
                    "lift": ts / rs if rs and rs > 0 else np.nan, "mode": "",
                }
            )
            rule_rows.append({"category": str(cat), "trait": trait, "kind": "number",
                              "values": (), "bound": bound,
                              "used": bool(rs and rs > 0 and ts / rs >= min_lift)})
    table = pd.DataFrame(table_rows)
    rules = pd.DataFrame(rule_rows, columns=["category", "trait", "kind", "values", "bound", "used"])
    if len(table):
        table["used"] = rules["used"].to_numpy()
    groups = pd.DataFrame(group_rows)
    members = frame[[C.client_id, "category", "top", "measure"]].sort_values(
        C.client_id, kind="mergesort"
    ).reset_index(drop=True)
    members["category"] = members["category"].astype("string")
    return ClientProfile(
        table=table, rules=rules, groups=groups, members=members,
        by=by if split else None, measure=measure, top_share=top_share, notes=tuple(notes),
    )


def profile_match(
    features: pd.DataFrame,
    profile: ClientProfile,
    *,
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """The profile-match score of every client: the weighted share of profile traits it matches.

    Each client is checked against the ``used`` rules of its own category (its segment), or
    of ``"all"`` when its category has fewer than ``min_clients`` clients::

        match_t = 1 if the client's value of trait t satisfies the rule, 0 if not,
                  unknown (left out) when the client's value is missing/"unknown"
        score   = Σ_t w_t × match_t / Σ_t w_t   over the traits with a known value
                  (NaN when no trait is known)

    Parameters
    ----------
    features : DataFrame
        :func:`client_features`.
    profile : ClientProfile
        :func:`client_profile`.
    weights : dict, optional
        Trait → weight (default :data:`DEFAULT_WEIGHTS`; a missing trait weighs 1; 0 drops it).

    Returns
    -------
    DataFrame
        ``client_id, name, category, score, matched, traits, top, measure, revenue`` plus one
        ``match_<trait>`` column per trait (1/0/NaN); sorted by score descending, then
        measure descending, then client_id.

    Source: our reading of the seminar's block 5 (look for clients like the best ones).
    """
    w = dict(DEFAULT_WEIGHTS)
    if weights:
        for key, value in weights.items():
            if not isinstance(value, (int, float)) or value < 0 or not math.isfinite(value):
                raise ValueError(f"weight of {key!r} must be a number ≥ 0, not {value!r}")
            w[key] = float(value)
    frame = features.copy()
    frame[C.client_id] = _ids(frame[C.client_id])
    members = profile.members.set_index(C.client_id)
    groups = profile.groups.set_index("category")
    own = groups["own_rules"] if len(groups) else pd.Series(dtype=bool)
    cat = frame[C.client_id].map(members["category"]).astype("string").fillna(ALL)
    cat = cat.where(cat.map(own).fillna(False).astype(bool), ALL)
    frame["category"] = cat
    used_rules = profile.rules.loc[profile.rules["used"]] if len(profile.rules) else profile.rules
    traits = list(dict.fromkeys(profile.rules["trait"])) if len(profile.rules) else []
    num = pd.Series(0.0, index=frame.index)
    den = pd.Series(0.0, index=frame.index)
    matched = pd.Series(0, index=frame.index, dtype="int64")
    known_n = pd.Series(0, index=frame.index, dtype="int64")
    for trait in traits:
        rules = used_rules.loc[used_rules["trait"] == trait].drop_duplicates(
            "category", keep="last")  # one rule per category (the last, as a loop would set)
        col = pd.Series(np.nan, index=frame.index)
        # every client against its own category's rule, all categories at once
        for kind, part in rules.groupby("kind", sort=False):
            rows = frame["category"].isin(list(part["category"])).to_numpy(dtype=bool)
            if not rows.any():
                continue
            if kind == "category":
                values = frame[trait].astype(str)
                pairs = pd.MultiIndex.from_tuples(
                    [(c, v) for c, vs in zip(part["category"], part["values"], strict=True)
                     for v in vs], names=["category", "value"])
                hit = pd.Series(pd.MultiIndex.from_arrays(
                    [frame["category"].astype(str), values]).isin(pairs), index=frame.index)
                matched_rule = hit.astype("float64").where(values != UNKNOWN)
            else:
                values = frame[trait].astype("float64")
                bound = frame["category"].map(part.set_index("category")["bound"])
                bound = bound.astype("float64")
                lower = trait in LOWER_IS_BETTER
                hit = (values <= bound) if lower else (values >= bound)
                matched_rule = hit.astype("float64").where(values.notna())
            col.loc[rows] = matched_rule.loc[rows]
        frame[f"match_{trait}"] = col
        wt = w.get(trait, 1.0)
        known = col.notna() & (wt > 0)
        num += col.fillna(0.0) * wt
        den += known.astype("float64") * wt
        matched += (col == 1).astype("int64")
        known_n += col.notna().astype("int64")
    frame["score"] = (num / den).where(den > 0)
    frame["matched"] = matched
    frame["traits"] = known_n
    frame["top"] = frame[C.client_id].map(members["top"]).fillna(False).astype(bool)
    frame["measure"] = frame[C.client_id].map(members["measure"]).astype("float64")
    cols = [C.client_id, C.name, "category", "score", "matched", "traits", "top", "measure",
            C.revenue] + [f"match_{t}" for t in traits]
    out = frame.sort_values(["score", "measure", C.client_id], ascending=[False, False, True],
                            na_position="last", kind="mergesort")
    return out[cols].reset_index(drop=True)


def market_matches(
    market: pd.DataFrame | None,
    features: pd.DataFrame,
    profile: ClientProfile,
) -> pd.DataFrame:
    """Market cells (segment × region) ranked by profile fit × companies not yet our clients.

    With the overall profile's top clients (category ``"all"``) and all profiled clients::

        lift_segment = share of the cell's segment among top clients
                       / its share among all clients          (0 when no top client has it)
        lift_region  = the same for the region
        fit          = lift_segment × lift_region              (1 = as good as an average client)
        our_clients  = our clients with that segment and region
        prospects    = max(companies − our_clients, 0)
        prospect_volume = prospects × consumption_per_company (NaN when unknown)
        priority     = fit × prospects

    Returns
    -------
    DataFrame
        ``segment, region, companies, our_clients, prospects, consumption_per_company,
        prospect_volume, lift_segment, lift_region, fit, priority`` sorted by priority
        descending, then segment, region. Empty when there is no market table.

    Source: seminar program block 5 (where to look for new clients that fit the profile).
    """
    cols = [C.segment, C.region, C.companies, "our_clients", "prospects",
            C.consumption_per_company, "prospect_volume", "lift_segment", "lift_region",
            "fit", "priority"]
    if market is None or not {C.segment, C.region} <= set(market.columns) or not len(market):
        return pd.DataFrame({c: pd.Series(dtype="string" if c in (C.segment, C.region)
                                          else "float64") for c in cols})
    m = pd.DataFrame(
        {
            C.segment: market[C.segment].astype("string").str.strip(),
            C.region: market[C.region].astype("string").str.strip(),
            C.companies: pd.to_numeric(market[C.companies], errors="coerce").astype("float64")
            if C.companies in market.columns else np.nan,
            C.consumption_per_company: pd.to_numeric(
                market[C.consumption_per_company], errors="coerce").astype("float64")
            if C.consumption_per_company in market.columns else np.nan,
        }
    )
    m = m.groupby([C.segment, C.region], as_index=False, sort=True).agg(
        companies=(C.companies, lambda s: s.sum(min_count=1)),
        consumption_per_company=(C.consumption_per_company, "mean"),
    )
    f = features[[C.client_id, C.segment, C.region]].copy() if {C.segment, C.region} <= set(
        features.columns) else pd.DataFrame(columns=[C.client_id, C.segment, C.region])
    f[C.client_id] = f[C.client_id].astype("string")
    members = profile.members.set_index(C.client_id)
    top_ids = set(members.index[(members["top"]) & (members["category"] == ALL)])
    if not top_ids:  # the profile was split: the overall top is in the rules table only
        top_ids = _overall_top(profile)
    f["top"] = f[C.client_id].isin(top_ids)

    def lifts(col: str) -> pd.Series:
        allv = f[col].astype(str).value_counts(normalize=True)
        topv = f.loc[f["top"], col].astype(str).value_counts(normalize=True)
        return (topv.reindex(allv.index).fillna(0.0) / allv).astype("float64")

    ls, lr = lifts(C.segment), lifts(C.region)
    ours = f.groupby([C.segment, C.region]).size().rename("our_clients")
    m = m.merge(ours.reset_index().astype({C.segment: "string", C.region: "string"}),
                on=[C.segment, C.region], how="left")
    m["our_clients"] = m["our_clients"].fillna(0).astype("int64")
    m["prospects"] = (m[C.companies] - m["our_clients"]).clip(lower=0.0)
    m["prospect_volume"] = m["prospects"] * m[C.consumption_per_company]
    m["lift_segment"] = m[C.segment].astype(str).map(ls).fillna(0.0).astype("float64")
    m["lift_region"] = m[C.region].astype(str).map(lr).fillna(0.0).astype("float64")
    m["fit"] = m["lift_segment"] * m["lift_region"]
    m["priority"] = m["fit"] * m["prospects"]
    m = m.sort_values(["priority", C.segment, C.region], ascending=[False, True, True],
                      na_position="last", kind="mergesort").reset_index(drop=True)
    return m[cols]


def _overall_top(profile: ClientProfile) -> set[str]:
    """The overall top clients: the best ceil(top_share × n) by the profile's measure."""
    mem = profile.members.dropna(subset=["measure"]).sort_values(
        ["measure", C.client_id], ascending=[False, True], kind="mergesort"
    )
    k = _top_count(len(profile.members), profile.top_share)
    return set(mem[C.client_id].head(k).astype(str))
