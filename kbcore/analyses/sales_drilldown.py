"""Program 004, topic 3 · Managing sales by business line, product class, territory and client.

One drill-down from the company to its business lines (``products.business_line``), product
classes (``products.category``), territories (``clients.region``) and clients (class A first),
for the goals of the seminar's topic 3, each against the company's own target (``targets``):

==========================  ==========================================================  ======================
kpi id                      actual                                                      needs
==========================  ==========================================================  ======================
``revenue``                 Σ revenue (turnover in value)                               sales
``quantity``                Σ quantity (turnover in volume, in the products' one unit)  sales.quantity, products.unit
``target_products_revenue`` Σ revenue of target products (``products.is_target``)       products.is_target
``market_share``            revenue / market potential of the territory                 market
``share_of_wallet``         revenue / Σ the clients' wallet (else potential)            clients.wallet or potential
``assortment``              mean number of product classes (or SKUs) a client bought    sales.product_id, products.category
==========================  ==========================================================  ======================

and the change of revenue split into **volume, mix and price** (a price-volume-mix analysis)
between two periods or between actual and target, at any level, with the clients who explain
most of each part.

* :func:`annotate_lines` — the period's sales lines with the product's line, class, target flag
  and unit and the client's territory;
* :func:`year_window` — the window of actuals of a target year and the pro-rata fraction;
* :func:`drilldown` — one row per item of a level (within a path), actuals and targets;
* :func:`target_table` — the same as a long table: item × kpi, actual against target;
* :func:`goals_by_year` — the company's goals year by year (its row of the drill-down per year);
* :func:`pvm` — the price-volume-mix decomposition between two per-item tables;
* :func:`period_pair` / :func:`variance_bridge` — the decomposition between two periods, one row
  per item of a level;
* :func:`variance_clients` / :func:`top_contributors` — each client's part of each effect;
* :func:`target_bridge` — the decomposition of the variance of actual against target.

The functions return numbers and ids only (``"unknown"`` for an item without a value); the
words are in :mod:`kbcore.views.sales_drilldown`.

Sources: the seminar program 004, topic 3 («Управление на продажбите по бизнеси, класове,
територии и клиенти»); the sales variances after C. Drury, *Management and Cost Accounting*
(10th ed., Cengage 2017), ch. 18 "sales variances: sales price, sales mix and sales quantity
variances", and C. T. Horngren, S. M. Datar, M. V. Rajan, *Cost Accounting: A Managerial
Emphasis* (15th ed., Pearson 2015), ch. 14 "sales-mix and sales-quantity variances"; market
share and share of wallet as in P. Kotler, K. L. Keller, *Marketing Management* (15th ed. 2016),
ch. 4 (market potential) and T. L. Keiningham et al., "The Wallet Allocation Rule", 2015.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._ids import text as _text
from kbcore.analyses.market_potential import market_cells
from kbcore.analyses.segmentation import abc
from kbcore.analyses.units import line_units, one_unit, units_by
from kbcore.analyses.wallet import share_base, wallet_share
from kbcore.errors import KBDataError
from kbcore.facts import Facts, period_bounds
from kbcore.schema import C

__all__ = [
    "LEVELS",
    "DIMENSIONS",
    "KPIS",
    "FLOW_KPIS",
    "SHARE_KPIS",
    "EFFECTS",
    "PRO_RATA",
    "UNKNOWN",
    "COMPANY",
    "DRILL_COLUMNS",
    "TARGET_COLUMNS",
    "BRIDGE_COLUMNS",
    "annotate_lines",
    "parse_period",
    "year_window",
    "drilldown",
    "target_table",
    "goals_by_year",
    "pvm",
    "period_pair",
    "variance_bridge",
    "variance_clients",
    "focus_item",
    "top_contributors",
    "target_bridge",
]

LEVELS = ("company", C.business_line, C.category, C.region, C.client_id)
"""The levels of the drill-down, top to bottom (``company`` = one row, the whole company)."""
DIMENSIONS = LEVELS[1:]
"""The dimensions a path may fix and a target row may set."""
PRODUCT_DIMS = (C.business_line, C.category)
KPIS = ("revenue", "quantity", "target_products_revenue", "market_share", "share_of_wallet",
        "assortment")
"""The kpi ids of the ``targets`` table that the drill-down compares (others are left out)."""
FLOW_KPIS = ("revenue", "quantity", "target_products_revenue")
"""KPIs that accumulate over the year: a partial year is compared with the target × fraction."""
SHARE_KPIS = ("market_share", "share_of_wallet")
"""KPIs that are shares (0–1): the yearly base (potential, wallet) is scaled by the fraction."""
EFFECTS = ("volume", "mix", "price", "new", "lost", "other", "unsplit")
"""The parts of a revenue change (see :func:`pvm`); they sum to the change."""
PRO_RATA = ("days", "seasonal", "none")
"""The value of a line, class or territory that the data does not give."""
COMPANY = "company"
"""The one item of the ``company`` level."""

DRILL_COLUMNS = [
    "item", "revenue", "quantity", "unit", "target_products_revenue", "target_products_share",
    "clients", "skus", "assortment", "market_potential", "market_share",
    "market_potential_units", "market_share_units", "wallet_base", "share_of_wallet",
    "wallet_base_units", "share_of_wallet_units", "wallet_clients",
]
TARGET_COLUMNS = ["item", C.kpi, "actual", C.target, "target_to_date", "deviation", "completion"]
BRIDGE_COLUMNS = ["item", "revenue0", "revenue1", "change", *EFFECTS]

_EPS = 1e-9


# --------------------------------------------------------------------------- helpers
def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return level


def _check_path(path) -> dict:
    path = dict(path or {})
    bad = [k for k in path if k not in DIMENSIONS]
    if bad:
        raise ValueError(f"a path fixes only {', '.join(DIMENSIONS)}, not {', '.join(map(str, bad))}")
    return {k: str(v) for k, v in path.items() if v is not None}


def _scope(lines: pd.DataFrame, path: dict) -> pd.DataFrame:
    mask = np.ones(len(lines), dtype=bool)
    for dim, value in path.items():
        mask &= (lines[dim] == value).fillna(False).to_numpy(dtype=bool)
    return lines.loc[mask]


def _item(lines: pd.DataFrame, level: str) -> pd.Series:
    if level == "company":
        return pd.Series(COMPANY, index=lines.index, dtype="string")
    return lines[level].astype("string")


# --------------------------------------------------------------------------- lines
def annotate_lines(facts: Facts, products: pd.DataFrame | None = None,
                   clients: pd.DataFrame | None = None, *, same_unit: bool = False,
                   keep=()) -> pd.DataFrame:
    """The period's sales lines with what the drill-down cuts them by.

    Parameters
    ----------
    facts : Facts
        The company's facts; only ``facts.sales`` (the period's lines) is used: business lines,
        classes and units are attributes of products, so they need lines.
    products : DataFrame, optional
        ``product_id`` with ``business_line``, ``category``, ``is_target``, ``unit``.
    clients : DataFrame, optional
        ``client_id`` with ``region``.
    same_unit : bool
        Without ``products.unit``, treat every quantity as one unit (the user's claim, not
        checked). Default False: volume needs a known unit.
    keep : sequence of str
        Further columns of the sales lines to carry as they are (e.g. ``("cost", "manager")``
        for topic 9's results per manager); one the lines lack is all NA and named
        ``sales.<column>`` in ``attrs["missing"]``. Default none.

    Returns
    -------
    DataFrame
        ``date, client_id, product_id, revenue, quantity, business_line, category, region,
        is_target, unit`` and the ``keep`` columns. A line's class is the product's (else the line's own ``category``),
        its territory the client card's region (else the line's own ``region``); a value the
        data does not give is ``"unknown"``; ``is_target`` is NA without ``products.is_target``;
        ``unit`` is NA where the unit is unknown. ``attrs["missing"]`` lists the absent
        ``table.column`` names that would enable more (``sales.product_id``,
        ``sales.quantity``, ``products.business_line``, ``products.category``,
        ``products.is_target``, ``products.unit``, ``clients.region``).
    """
    src = facts.sales
    n = len(src)
    missing: list[str] = []
    out = pd.DataFrame({
        C.date: pd.to_datetime(src[C.date]).to_numpy() if n else pd.Series(dtype="datetime64[ns]"),
        C.client_id: _ids(src[C.client_id]).to_numpy() if n else pd.Series(dtype="string"),
    })
    out[C.client_id] = out[C.client_id].astype("string")
    out[C.revenue] = pd.to_numeric(src[C.revenue], errors="coerce").fillna(0.0).to_numpy("float64")
    if C.product_id in src.columns:
        out[C.product_id] = _ids(src[C.product_id]).to_numpy()
    else:
        out[C.product_id] = pd.NA
        missing.append("sales.product_id")
    out[C.product_id] = out[C.product_id].astype("string")
    if C.quantity in src.columns:
        out[C.quantity] = pd.to_numeric(src[C.quantity], errors="coerce").to_numpy("float64")
    else:
        out[C.quantity] = np.nan
        missing.append("sales.quantity")
    prod = None
    if products is not None and C.product_id in products.columns and len(products):
        prod = products.assign(**{C.product_id: _ids(products[C.product_id])}).drop_duplicates(
            C.product_id).set_index(C.product_id)
    pid = out[C.product_id]

    def attr(col: str) -> pd.Series | None:
        if prod is None or col not in prod.columns:
            return None
        return pd.Series(prod[col].reindex(pid.to_numpy()).to_numpy(), index=out.index)

    line = attr(C.business_line)
    if line is None:
        missing.append("products.business_line")
        line = pd.Series(pd.NA, index=out.index)
    out[C.business_line] = _text(line)
    cat = attr(C.category)
    own_cat = src[C.category].to_numpy() if C.category in src.columns else None
    if cat is None and own_cat is None:
        missing.append("products.category")
        cat = pd.Series(pd.NA, index=out.index)
    elif cat is None:
        cat = pd.Series(own_cat, index=out.index)
    elif own_cat is not None:
        cat = cat.astype("object").where(cat.notna(), pd.Series(own_cat, index=out.index))
    out[C.category] = _text(cat)
    target = attr(C.is_target)
    if target is None:
        missing.append("products.is_target")
        out[C.is_target] = pd.array([pd.NA] * len(out), dtype="boolean")
    else:
        out[C.is_target] = target.astype("boolean").fillna(False)
    if C.quantity not in src.columns:
        out[C.unit] = pd.array([pd.NA] * len(out), dtype="string")
    elif attr(C.unit) is None:
        if not same_unit:
            missing.append("products.unit")
        out[C.unit] = pd.array([""] * len(out) if same_unit else [pd.NA] * len(out), dtype="string")
    else:
        out[C.unit] = line_units(out, products)
    region = None
    if clients is not None and {C.client_id, C.region} <= set(clients.columns) and len(clients):
        cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
            C.client_id).set_index(C.client_id)[C.region]
        region = pd.Series(cl.reindex(out[C.client_id].to_numpy()).to_numpy(), index=out.index)
    own_region = src[C.region].to_numpy() if C.region in src.columns else None
    if region is None and own_region is None:
        missing.append("clients.region")
        region = pd.Series(pd.NA, index=out.index)
    elif region is None:
        region = pd.Series(own_region, index=out.index)
    elif own_region is not None:
        region = region.astype("object").where(region.notna(), pd.Series(own_region, index=out.index))
    out[C.region] = _text(region)
    for col in keep:
        if col in out.columns:
            continue
        if col in src.columns:
            out[col] = src[col].to_numpy() if n else pd.Series(dtype=src[col].dtype)
        else:
            out[col] = pd.NA
            missing.append(f"sales.{col}")
    out.attrs["missing"] = missing
    return out


# --------------------------------------------------------------------------- the year
def _season_fraction(lines: pd.DataFrame, year: int, hi: pd.Timestamp) -> float | None:
    """The previous year's revenue up to the same day / the whole previous year (None if unknown)."""
    lo0, hi0 = pd.Timestamp(year - 1, 1, 1), pd.Timestamp(year - 1, 12, 31)
    last = lines.loc[(lines[C.date] >= lo0) & (lines[C.date] <= hi0)]
    total = float(last[C.revenue].sum())
    if last.empty or total <= 0 or lines[C.date].min() > lo0:
        return None
    same_day = hi - pd.DateOffset(years=1)
    return float(last.loc[last[C.date] <= same_day, C.revenue].sum()) / total


def year_window(facts: Facts, year: int, *, pro_rata: str = "days", as_of=None,
                lines: pd.DataFrame | None = None) -> dict:
    """The window of actuals of a target year and the fraction of the year it stands for.

    Actuals of the year are the sales from 1 January to ``min(31 December, as_of)``. When that is
    not the whole year, a yearly target is compared with ``target × fraction`` (flows) or the
    yearly base of a share is scaled by it, by the rule ``pro_rata``::

        "days"      fraction = days covered / days of the year           (even pace)
        "seasonal"  fraction = last year's revenue up to the same day
                               / last year's revenue                      (last year's pace;
                                                                           "days" when unknown)
        "none"      fraction = 1   (the partial year against the whole target: said, not hidden)

    Returns
    -------
    dict
        ``year, start, end`` (the window), ``days``, ``days_in_year``, ``partial`` (bool),
        ``pro_rata`` (the rule used), ``fraction``. ``end`` < ``start`` (fraction 0) when the
        analysis date is before the year.

    Source: pro-rata (time-apportioned) budgets, e.g. Drury (2017), ch. 16 (flexible budgets);
    the seasonal fraction is our reading (the seasonal index of last year).
    """
    if pro_rata not in PRO_RATA:
        raise ValueError(f"pro_rata must be one of {', '.join(PRO_RATA)}, not {pro_rata!r}")
    year = int(year)
    lo, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    hi = min(end, at)
    days_in_year = (end - lo).days + 1
    days = max((hi - lo).days + 1, 0)
    partial = days < days_in_year
    used, fraction = pro_rata, 1.0
    if partial:
        if pro_rata == "days":
            fraction = days / days_in_year
        elif pro_rata == "seasonal":
            src = annotate_lines(facts) if lines is None else lines
            season = _season_fraction(src, year, hi) if days > 0 else 0.0
            if season is None:
                used, fraction = "days", days / days_in_year
            else:
                fraction = season
    return {"year": year, "start": lo, "end": hi, "days": days, "days_in_year": days_in_year,
            "partial": partial, "pro_rata": used, "fraction": float(fraction)}


# --------------------------------------------------------------------------- targets
def _hierarchy(lines: pd.DataFrame, clients: pd.DataFrame | None) -> tuple[dict, dict]:
    """Category → business line and client → region where each maps to exactly one."""
    cat_line: dict = {}
    pairs = lines[[C.category, C.business_line]].drop_duplicates()
    pairs = pairs.loc[(pairs[C.category] != UNKNOWN) & (pairs[C.business_line] != UNKNOWN)]
    counts = pairs.groupby(C.category)[C.business_line].nunique()
    for cat, line in pairs.loc[pairs[C.category].isin(counts.index[counts == 1])].itertuples(
            index=False):
        cat_line[str(cat)] = str(line)
    client_region: dict = {}
    if clients is not None and {C.client_id, C.region} <= set(clients.columns):
        cl = clients.loc[clients[C.region].notna()]
        client_region = dict(zip(_ids(cl[C.client_id]), _text(cl[C.region]).astype(str), strict=False))
    else:
        pairs = lines[[C.client_id, C.region]].drop_duplicates(C.client_id)
        client_region = dict(zip(pairs[C.client_id].astype(str), pairs[C.region].astype(str), strict=False))
    return cat_line, client_region


def _normalise(dims: dict, cat_line: dict, client_region: dict) -> tuple:
    """The key of a set of dimensions, without those implied by another (class → line …)."""
    d = dict(dims)
    if C.category in d and C.business_line in d and cat_line.get(d[C.category]) == d[C.business_line]:
        del d[C.business_line]
    if C.client_id in d and C.region in d and client_region.get(d[C.client_id]) == d[C.region]:
        del d[C.region]
    return tuple(sorted(d.items()))


def _year_targets(targets: pd.DataFrame | None, year: int, cat_line: dict,
                  client_region: dict) -> tuple[pd.DataFrame, dict]:
    """The target rows of the year for the drill-down's KPIs, keyed by normalised dimensions."""
    info = {"rows": 0, "manager_rows": 0, "other_periods": 0, "other_kpis": 0}
    empty = pd.DataFrame({"key": pd.Series(dtype="object"), C.kpi: pd.Series(dtype="string"),
                          C.target: pd.Series(dtype="float64")})
    if targets is None or not {C.period, C.kpi, C.target} <= set(targets.columns) or targets.empty:
        return empty, info
    tg = targets.reset_index(drop=True)
    period = _ids(tg[C.period])
    info["other_periods"] = int((period != str(int(year))).fillna(True).sum())
    tg = tg.loc[(period == str(int(year))).fillna(False).to_numpy(dtype=bool)]
    if C.manager in tg.columns:
        has_manager = _ids(tg[C.manager]).fillna("").ne("").to_numpy(dtype=bool)
        info["manager_rows"] = int(has_manager.sum())
        tg = tg.loc[~has_manager]
    kpi = _ids(tg[C.kpi]).str.lower()
    info["other_kpis"] = int((~kpi.isin(KPIS)).sum())
    tg = tg.loc[kpi.isin(KPIS).fillna(False).to_numpy(dtype=bool)]
    kpi = kpi.loc[tg.index]
    if tg.empty:
        return empty, info
    value = pd.to_numeric(tg[C.target], errors="coerce")
    bad = tg.loc[value.isna()]
    if len(bad):
        raise KBDataError("sales_drilldown.error.target_value", file="targets", column=C.target,
                          examples=[f"{p} · {k}: {v!r}" for p, k, v in zip(
                              bad[C.period], bad[C.kpi], bad[C.target], strict=False)])
    share = kpi.isin(SHARE_KPIS) & ((value < 0) | (value > 1))
    if share.any():
        rows = tg.loc[share]
        raise KBDataError("sales_drilldown.error.share_target", file="targets", column=C.target,
                          examples=[f"{k}: {v}" for k, v in zip(rows[C.kpi], rows[C.target], strict=False)])
    keys = []
    for _, row in tg.iterrows():
        dims = {}
        for dim in DIMENSIONS:
            if dim in tg.columns and not pd.isna(row[dim]) and str(row[dim]).strip():
                dims[dim] = str(row[dim]).strip()
        keys.append(_normalise(dims, cat_line, client_region))
    out = pd.DataFrame({"key": keys, C.kpi: kpi.to_numpy(), C.target: value.to_numpy("float64")})
    spread = out.groupby(["key", C.kpi])[C.target].agg(["min", "max"])
    clash = spread.loc[(spread["max"] - spread["min"]).abs() > _EPS * (1 + spread["max"].abs())]
    if len(clash):
        raise KBDataError("sales_drilldown.error.duplicate_target", file="targets",
                          examples=[f"{dict(k)} · {kp}: {r['min']} / {r['max']}"
                                    for (k, kp), r in clash.head(5).iterrows()])
    out = out.drop_duplicates(["key", C.kpi]).reset_index(drop=True)
    info["rows"] = len(out)
    return out, info


# --------------------------------------------------------------------------- drill-down
def _market_by_region(market: pd.DataFrame | None) -> tuple[pd.Series | None, pd.Series | None]:
    """The build-up potential per territory in value and in units (None when unknown)."""
    cells = market_cells(market)
    if "market" in cells.attrs["missing"]:
        return None, None

    def total(col):
        if cells[col].notna().sum() == 0:
            return None
        return cells.groupby(C.region)[col].sum(min_count=1)

    return total("potential"), total("potential_units")


def _client_base(clients: pd.DataFrame | None, wallet: str, potential: str) -> pd.Series | None:
    """Each client's yearly base of its share: wallet where known (> 0), else potential."""
    if clients is None or C.client_id not in clients.columns:
        return None
    if wallet not in clients.columns and potential not in clients.columns:
        return None
    cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(
        C.client_id).set_index(C.client_id)
    base = share_base(cl, (wallet, potential))[0].dropna()
    return base if len(base) else None


def drilldown(
    facts: Facts,
    products: pd.DataFrame | None = None,
    clients: pd.DataFrame | None = None,
    market: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    *,
    year: int | None = None,
    level: str = C.business_line,
    path: dict | None = None,
    pro_rata: str = "days",
    assortment_by: str = C.category,
    abc_cuts=(0.8, 0.95),
    same_unit: bool = False,
    as_of=None,
    lines: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per item of a drill-down level: the topic's goals, actual against target.

    Parameters
    ----------
    facts : Facts
        The company's facts (the period's lines: ``facts.sales``).
    products, clients, market, targets : DataFrame, optional
        The canonical tables (``ds.products``, ``ds.clients``, ``ds.market``, ``ds.targets``).
    year : int, optional
        The target year; default the year of the analysis date. Actuals are its sales up to
        the analysis date (:func:`year_window`).
    level : {"company", "business_line", "category", "region", "client_id"}
        The items listed.
    path : dict, optional
        The items above it that are fixed, e.g. ``{"business_line": "Индустриални масла",
        "category": "Хидравлични масла"}``: only their lines count.
    pro_rata : {"days", "seasonal", "none"}
        How a partial year meets a yearly target (:func:`year_window`).
    assortment_by : {"category", "product_id"}
        Breadth of assortment in product classes (default) or SKUs.
    abc_cuts : (float, float)
        The ABC cuts of :func:`kbcore.analyses.segmentation.abc` (level ``client_id``: the
        clients of the path, by revenue of the window, class A first).
    same_unit : bool
        Without ``products.unit``: treat all quantities as one unit (see :func:`annotate_lines`).
    as_of : date-like, optional
        The analysis date; default ``facts.as_of``.
    lines : DataFrame, optional
        :func:`annotate_lines` of the same facts, when the caller has it already.

    Returns
    -------
    DataFrame
        :data:`DRILL_COLUMNS` (``item`` = the level's value) and, for each kpi of :data:`KPIS`,
        ``<kpi>_target`` (the yearly target) and ``<kpi>_target_to_date``; at level
        ``client_id`` also ``abc``. Sorted by revenue descending (clients: class A first), ties
        by item. Formulas, over the window and the path::

            revenue                 = Σ revenue
            quantity                = Σ quantity           (NaN unless the item's lines have one unit)
            target_products_share   = target_products_revenue / revenue
            clients                 = clients with revenue > 0;   skus = products with revenue > 0
            assortment              = mean over those clients of the distinct classes (SKUs) each bought
            market_potential        = Σ over the territory's market cells companies × consumption_per_company
            market_share            = revenue / (market_potential × fraction)
            wallet_base             = Σ over the item's clients of wallet (else potential)
            share_of_wallet         = revenue of those clients / (wallet_base × fraction)
            <kpi>_target_to_date    = target × fraction  (flows: revenue, quantity, target products)
                                    = target             (shares, assortment)

        Market share and share of wallet are defined only where no product dimension (line,
        class) is fixed: the market and the wallet are the whole category's; market share is
        given at the company and territory levels. A target row counts for an item when the
        dimensions it sets are the item's path and level (a class's line and a client's
        territory may be set or not); rows of a manager, of another period or another kpi are
        left out (counted in ``attrs["targets"]``).

        ``attrs``: ``level``, ``path``, ``window`` (:func:`year_window`), ``missing`` (absent
        ``table.column`` names: those of :func:`annotate_lines`, ``market``,
        ``clients.wallet``, ``targets``), ``targets`` (counts of the rows used and left out),
        ``unit`` (the one unit of the scope or None), ``mixed_units`` (bool).

    Raises
    ------
    KBDataError
        A target that is not a number, a share target outside 0–1 (25 for 25 %), or two rows
        with different targets for the same item, kpi and year.

    Source: the seminar program 004, topic 3; Kotler & Keller (2016) ch. 4 for market potential
    and market share (the build-up method); share of wallet after Keiningham et al. (2015).
    """
    level = _check_level(level)
    path = _check_path(path)
    if level in path:
        raise ValueError(f"the level {level!r} is fixed by the path")
    if assortment_by not in (C.category, C.product_id):
        raise ValueError(f"assortment_by must be 'category' or 'product_id', not {assortment_by!r}")
    if lines is None:
        lines = annotate_lines(facts, products, clients, same_unit=same_unit)
    missing = list(lines.attrs.get("missing", []))
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    if year is None:
        year = at.year
    window = year_window(facts, year, pro_rata=pro_rata, as_of=at, lines=lines)
    f = window["fraction"]
    in_year = lines.loc[(lines[C.date] >= window["start"]) & (lines[C.date] <= window["end"])]
    scope = _scope(in_year, path)
    item = _item(scope, level)
    data = scope.assign(item=item.to_numpy())
    g = data.groupby("item", sort=False)
    out = pd.DataFrame({"revenue": g[C.revenue].sum()})
    out.index = out.index.astype("string")
    # volume: one unit per item
    units = units_by(data, "item").reindex(out.index)
    has_q = data[C.quantity].notna().groupby(data["item"], sort=False).any().reindex(out.index)
    ok = units["ok"].fillna(False).astype(bool) & has_q.fillna(False).astype(bool)
    out["quantity"] = g[C.quantity].sum().reindex(out.index).where(ok)
    out["unit"] = units["unit"].where(ok).astype("string")
    if data[C.is_target].notna().any():
        tp = data[C.revenue].where(data[C.is_target].fillna(False).to_numpy(dtype=bool), 0.0)
        out["target_products_revenue"] = tp.groupby(data["item"]).sum().reindex(out.index)
    else:
        out["target_products_revenue"] = np.nan
    out["target_products_share"] = (out["target_products_revenue"] / out["revenue"]).where(
        out["revenue"] > 0)
    per_client = data.groupby(["item", C.client_id], sort=False)[C.revenue].sum()
    buying = per_client.loc[per_client > 0]
    out["clients"] = buying.groupby(level=0).size().reindex(out.index).fillna(0).astype("int64")
    sold = data.loc[data[C.revenue] > 0]
    if sold[C.product_id].notna().any():
        out["skus"] = sold.groupby("item")[C.product_id].nunique().reindex(out.index).fillna(0)
    else:
        out["skus"] = np.nan
    breadth_col = assortment_by
    usable = sold.loc[sold[breadth_col].notna() & (sold[breadth_col] != UNKNOWN)]
    if usable.empty:
        out["assortment"] = np.nan
    else:
        usable = usable.loc[pd.MultiIndex.from_arrays(
            [usable["item"], usable[C.client_id]]).isin(buying.index)]
        per = usable.groupby(["item", C.client_id])[breadth_col].nunique()
        out["assortment"] = per.groupby(level=0).mean().reindex(out.index)
    # market share: territories and the company, no product dimension fixed
    product_scope = bool(set(path) & set(PRODUCT_DIMS)) or level in PRODUCT_DIMS
    pot, pot_units = _market_by_region(market)
    if pot is None:
        missing.append("market")
    out["market_potential"] = np.nan
    out["market_potential_units"] = np.nan
    if not product_scope and level in ("company", C.region) and C.client_id not in path:
        for col, source in (("market_potential", pot), ("market_potential_units", pot_units)):
            if source is None:
                continue
            if level == "company" and C.region not in path:
                out[col] = float(source.sum())
            else:
                regions = out.index if level == C.region else pd.Index([path[C.region]] * len(out))
                out[col] = source.reindex(regions).to_numpy("float64")
    denom = out["market_potential"] * f
    out["market_share"] = (out["revenue"] / denom).where(denom > 0)
    denom_u = out["market_potential_units"] * f
    out["market_share_units"] = (out["quantity"] / denom_u).where(denom_u > 0)
    # share of wallet: the item's clients with a known base
    base = _client_base(clients, C.wallet, C.potential)
    base_u = _client_base(clients, C.wallet_units, C.potential_units)
    if base is None:
        missing.append("clients.wallet")
    client_rev = per_client.reset_index()
    client_rev[C.client_id] = client_rev[C.client_id].astype("string")
    out["wallet_base"] = np.nan
    out["share_of_wallet"] = np.nan
    out["wallet_base_units"] = np.nan
    out["share_of_wallet_units"] = np.nan
    out["wallet_clients"] = 0
    if not product_scope:
        if base is not None:
            b = client_rev[C.client_id].map(base).astype("float64")
            known = client_rev.loc[b.notna()].assign(base=b.dropna())
            s = known.groupby("item").agg(rev=(C.revenue, "sum"), base=("base", "sum"),
                                          n=("base", "size"))
            out["wallet_base"] = s["base"].reindex(out.index)
            out["wallet_clients"] = s["n"].reindex(out.index).fillna(0).astype("int64")
            out["share_of_wallet"] = wallet_share(s["rev"].reindex(out.index), out["wallet_base"] * f)
        if base_u is not None:
            qty = data.groupby(["item", C.client_id], sort=False)[C.quantity].sum().reset_index()
            qty[C.client_id] = qty[C.client_id].astype("string")
            b = qty[C.client_id].map(base_u).astype("float64")
            known = qty.loc[b.notna()].assign(base=b.dropna())
            s = known.groupby("item").agg(q=(C.quantity, "sum"), base=("base", "sum"))
            out["wallet_base_units"] = s["base"].reindex(out.index)
            out["share_of_wallet_units"] = wallet_share(s["q"].reindex(out.index),
                                                        out["wallet_base_units"] * f).where(
                out["quantity"].notna())
    # targets
    cat_line, client_region = _hierarchy(lines, clients)
    tg, tg_info = _year_targets(targets, year, cat_line, client_region)
    if targets is None or not len(targets):
        missing.append("targets")
    keys = [_normalise({**path, **({} if level == "company" else {level: k})}, cat_line,
                       client_region) for k in out.index]
    for kpi in KPIS:
        rows = tg.loc[tg[C.kpi] == kpi].set_index("key")[C.target]
        target = pd.Series([rows.get(k, np.nan) for k in keys], index=out.index, dtype="float64")
        out[f"{kpi}_target"] = target
        out[f"{kpi}_target_to_date"] = target * (f if kpi in FLOW_KPIS else 1.0)
    out = out.rename_axis("item").reset_index()
    out["item"] = out["item"].astype("string")
    if level == C.client_id and len(out):
        classes = abc(out.rename(columns={"item": C.client_id}), measure="revenue", cuts=abc_cuts)
        out["abc"] = out["item"].map(dict(zip(classes[C.client_id], classes["abc"], strict=False))).fillna("C")
        out["abc"] = out["abc"].astype("string")
        out = out.sort_values(["abc", "revenue", "item"], ascending=[True, False, True],
                              kind="mergesort")
    else:
        out = out.sort_values(["revenue", "item"], ascending=[False, True], kind="mergesort")
    cols = DRILL_COLUMNS + [f"{k}_{s}" for k in KPIS for s in ("target", "target_to_date")]
    if level == C.client_id:
        cols.append("abc")
    out = out.reset_index(drop=True)[cols]
    scope_ok, scope_unit = one_unit(scope[C.unit], scope[C.quantity])
    out.attrs.update(level=level, path=path, window=window, missing=sorted(set(missing)),
                     targets=tg_info, unit=scope_unit if scope_ok else None,
                     mixed_units=not scope_ok, assortment_by=assortment_by)
    return out


def target_table(drill: pd.DataFrame, kpis=KPIS) -> pd.DataFrame:
    """The drill-down as a long table: one row per item and kpi that has a target.

    ::

        actual     = the drill-down's measure of the kpi
        deviation  = actual − target_to_date
        completion = actual / target_to_date          (NaN when target_to_date ≤ 0)

    Returns
    -------
    DataFrame
        :data:`TARGET_COLUMNS`, in the drill-down's item order then the order of ``kpis``;
        ``actual`` NaN where the measure is unknown (e.g. quantity in mixed units). ``attrs``
        are the drill-down's.
    """
    rows = []
    for kpi in kpis:
        if f"{kpi}_target" not in drill.columns:
            continue
        has = drill.loc[drill[f"{kpi}_target"].notna()]
        rows.append(pd.DataFrame({
            "item": has["item"].to_numpy(), C.kpi: kpi,
            "actual": has[kpi].to_numpy("float64"),
            C.target: has[f"{kpi}_target"].to_numpy("float64"),
            "target_to_date": has[f"{kpi}_target_to_date"].to_numpy("float64"),
            "_order": has.index.to_numpy(),
        }))
    if rows:
        out = pd.concat(rows, ignore_index=True)
        out["_k"] = out[C.kpi].map({k: i for i, k in enumerate(kpis)})
        out = out.sort_values(["_order", "_k"], kind="mergesort").drop(columns=["_order", "_k"])
    else:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in TARGET_COLUMNS})
    out["item"] = out["item"].astype("string")
    out[C.kpi] = out[C.kpi].astype("string")
    out["deviation"] = out["actual"] - out["target_to_date"]
    out["completion"] = (out["actual"] / out["target_to_date"]).where(out["target_to_date"] > 0)
    out = out.reset_index(drop=True)[TARGET_COLUMNS]
    out.attrs.update(drill.attrs)
    return out


def goals_by_year(
    facts: Facts,
    products: pd.DataFrame | None = None,
    clients: pd.DataFrame | None = None,
    market: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    *,
    years=None,
    pro_rata: str = "days",
    same_unit: bool = False,
    as_of=None,
    lines: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The company's goals year by year: the ``company`` row of :func:`drilldown` for each year.

    Parameters
    ----------
    facts, products, clients, market, targets, pro_rata, same_unit, as_of, lines
        As in :func:`drilldown`.
    years : iterable of int, optional
        The years; default every calendar year from the period's first sales day
        (``facts.first_day()``) to the analysis date's year (the last one may be partial).

    Returns
    -------
    DataFrame
        The columns of :func:`drilldown` at level ``company``, one row per year, ``item`` = the
        year as text, in calendar order; each row's formulas are the drill-down's over that
        year's window (``target_products_share`` = target products' revenue / revenue is the
        mix of the seminar's goal "purchases of target products"). A year without sales has
        revenue 0. ``attrs``: ``level`` = ``"year"``, ``windows`` (``{year: window}`` of
        :func:`year_window`), ``partial`` (the years not complete), ``missing`` (as
        :func:`drilldown`).

    Source: the seminar program 004, topic 3 (the goals); the drill-down's formulas.
    """
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    if lines is None:
        lines = annotate_lines(facts, products, clients, same_unit=same_unit)
    if years is None:
        first = facts.first_day()  # the period's first sales day (None without sales)
        years = [] if first is None else range(int(first.year), int(at.year) + 1)
    rows, windows, missing = [], {}, list(lines.attrs.get("missing", []))
    for year in years:
        d = drilldown(facts, products, clients, market, targets, year=int(year), level="company",
                      pro_rata=pro_rata, same_unit=same_unit, as_of=at, lines=lines)
        windows[int(year)] = d.attrs["window"]
        missing += d.attrs["missing"]
        if len(d):
            rows.append(d.assign(item=str(int(year))))
        else:  # no sales in the year: turnover 0, every measure unknown
            rows.append(pd.DataFrame([{"item": str(int(year)), "revenue": 0.0, "clients": 0}],
                                     columns=d.columns))
    cols = DRILL_COLUMNS + [f"{k}_{s}" for k in KPIS for s in ("target", "target_to_date")]
    out = (pd.concat(rows, ignore_index=True) if rows
           else pd.DataFrame({c: pd.Series(dtype="float64") for c in cols}))
    out["item"] = out["item"].astype("string")
    out.attrs.update(level="year", windows=windows, missing=sorted(set(missing)),
                     partial=[y for y, w in windows.items() if w["partial"]])
    return out


# --------------------------------------------------------------------------- price, volume, mix
def _decompose(l0: pd.DataFrame, l1: pd.DataFrame, scope: list[str], by: list[str],
               group: list[str], unit_ok: pd.Series | bool) -> pd.DataFrame:
    """The parts of each (scope, group)'s revenue change; prices per (scope, by)."""
    keys_i = scope + [c for c in by if c not in scope]
    keys_g = list(dict.fromkeys(scope + group + keys_i))
    cols = [C.revenue, C.quantity]
    a0 = l0.groupby(keys_g, dropna=False, sort=False)[cols].sum(min_count=1)
    a1 = l1.groupby(keys_g, dropna=False, sort=False)[cols].sum(min_count=1)
    a = a0.add_suffix("0").join(a1.add_suffix("1"), how="outer").fillna(0.0).reset_index()
    has_q = bool(l0[C.quantity].notna().any() or l1[C.quantity].notna().any())
    items = a.groupby(keys_i, dropna=False, sort=False)[["revenue0", "quantity0", "revenue1",
                                                           "quantity1"]].transform("sum")
    sold0 = (items["quantity0"] if has_q else items["revenue0"]) > _EPS
    sold1 = (items["quantity1"] if has_q else items["revenue1"]) > _EPS
    status = np.select([sold0 & sold1, ~sold0 & sold1, sold0 & ~sold1],
                       ["continuing", "new", "lost"], "other")
    a["status"] = status
    a["p0"] = (items["revenue0"] / items["quantity0"]).where(a["status"] == "continuing")
    cont = a["status"] == "continuing"
    a["q0c"] = a["quantity0"].where(cont, 0.0)
    a["q1c"] = a["quantity1"].where(cont, 0.0)
    a["r0c"] = a["revenue0"].where(cont, 0.0)
    a["r1c"] = a["revenue1"].where(cont, 0.0)
    a["b1c"] = (a["quantity1"] * a["p0"]).where(cont, 0.0)
    change = a["revenue1"] - a["revenue0"]
    for name in ("new", "lost", "other"):
        a[name] = change.where(a["status"] == name, 0.0)
    # the average base price of each scope's continuing items
    if scope:
        sc = a.groupby(scope, dropna=False, sort=False)[["r0c", "q0c"]].transform("sum")
    else:
        sc = pd.DataFrame({"r0c": a["r0c"].sum(), "q0c": a["q0c"].sum()}, index=a.index)
    a["p0avg"] = (sc["r0c"] / sc["q0c"]).where(sc["q0c"] > _EPS, 0.0)
    gkeys = list(dict.fromkeys(scope + group)) or ["_all"]
    if gkeys == ["_all"]:
        a["_all"] = "all"
    s = a.groupby(gkeys, dropna=False, sort=False).agg(
        revenue0=("revenue0", "sum"), revenue1=("revenue1", "sum"), q0c=("q0c", "sum"),
        q1c=("q1c", "sum"), r0c=("r0c", "sum"), r1c=("r1c", "sum"), b1c=("b1c", "sum"),
        p0avg=("p0avg", "first"), new=("new", "sum"), lost=("lost", "sum"), other=("other", "sum"))
    s["change"] = s["revenue1"] - s["revenue0"]
    s["volume"] = (s["q1c"] - s["q0c"]) * s["p0avg"]
    s["mix"] = (s["b1c"] - s["r0c"]) - s["volume"]
    s["price"] = s["r1c"] - s["b1c"]
    s["unsplit"] = np.nan
    if isinstance(unit_ok, bool):
        ok = pd.Series(unit_ok and has_q, index=s.index)
    else:
        ok = pd.Series([bool(unit_ok.get(k[0] if isinstance(k, tuple) else k, False)) and has_q
                        for k in s.index], index=s.index)
    s.loc[~ok, "unsplit"] = (s["r1c"] - s["r0c"]).loc[~ok]
    s.loc[~ok, ["volume", "mix", "price"]] = np.nan
    return s.reset_index()


def pvm(base: pd.DataFrame, current: pd.DataFrame, *, key="item", quantity: str = "quantity",
        revenue: str = "revenue", one_unit: bool = True) -> pd.Series:
    """Price-volume-mix: the change of revenue from ``base`` to ``current`` in its parts.

    Parameters
    ----------
    base, current : DataFrame
        One row per item (period 0 or budget; period 1 or actual) with its quantity and
        revenue; the items are the mix (products, classes …).
    key : str or list of str
        The item column(s).
    quantity, revenue : str
        The columns.
    one_unit : bool
        True when all quantities are in one unit (else only the value change is given).

    Returns
    -------
    Series
        ``revenue0, revenue1, change, volume, mix, price, new, lost, other, unsplit``. With
        ``q_i, r_i, p_i = r_i / q_i`` per item, ``s0_i = q0_i / Q0`` and ``P0 = R0 / Q0`` over
        the items sold in both (``q > 0``: *continuing*)::

            volume = (Q1 − Q0) × P0                   sales-quantity variance
            mix    = Σ (q1_i − Q1 · s0_i) × p0_i       sales-mix variance
            price  = Σ q1_i × (p1_i − p0_i)            sales-price variance
            new    = Σ (r1_i − r0_i) of items sold only in period 1 (current)
            lost   = Σ (r1_i − r0_i) of items sold only in period 0 (base)
            other  = Σ (r1_i − r0_i) of items sold in neither (money lines without quantity)

            volume + mix + price + new + lost + other = R1 − R0   exactly

        Without quantities in one unit (``one_unit=False`` or no quantity) the continuing
        items' change is ``unsplit`` and volume, mix, price are NaN; ``unsplit`` is NaN
        otherwise. An item is "sold" by its quantity (by its revenue without quantities).

    Source: C. Drury, *Management and Cost Accounting*, 10th ed. (2017), ch. 18 (sales price,
    sales mix and sales quantity variances); C. T. Horngren, S. M. Datar, M. V. Rajan, *Cost
    Accounting*, 15th ed. (2015), ch. 14 (sales-mix and sales-quantity variances). The
    separate terms for new and lost items are ours: the textbook formulas need an item in both.
    """
    keys = [key] if isinstance(key, str) else list(key)
    frames = []
    for df in (base, current):
        f = pd.DataFrame({k: df[k].astype("string") for k in keys})
        f[C.revenue] = pd.to_numeric(df[revenue], errors="coerce").fillna(0.0).to_numpy("float64")
        f[C.quantity] = (pd.to_numeric(df[quantity], errors="coerce").to_numpy("float64")
                         if quantity in df.columns else np.nan)
        frames.append(f)
    s = _decompose(frames[0], frames[1], [], keys, [], bool(one_unit))
    row = s.iloc[0] if len(s) else pd.Series(0.0, index=BRIDGE_COLUMNS)
    out = pd.Series({c: float(row[c]) if c in row.index else 0.0
                     for c in ("revenue0", "revenue1", "change", *EFFECTS)}, dtype="float64")
    if not len(s):
        out["unsplit"] = np.nan
    return out


def parse_period(value) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A period as (first day, last day): 2025, "2025", "2025-Q2", "2025-06" or (start, end).

    The form of the ``targets.period`` column (a year, a quarter or a month); a ValueError for
    any other text.
    """
    if isinstance(value, (tuple, list)) and len(value) == 2:
        lo, hi = period_bounds(*value)
        return lo, hi
    text = str(value).strip()
    if text.isdigit() and len(text) == 4:
        return pd.Timestamp(int(text), 1, 1), pd.Timestamp(int(text), 12, 31)
    if len(text) == 7 and text[4] == "-" and text[5] in "Qq":
        p = pd.Period(f"{text[:4]}Q{text[6]}", freq="Q")
        return p.start_time.normalize(), p.end_time.normalize()
    if len(text) == 7 and text[4] == "-":
        p = pd.Period(text, freq="M")
        return p.start_time.normalize(), p.end_time.normalize()
    raise ValueError(f"a period is a year (2025), a quarter (2025-Q2), a month (2025-06) or "
                     f"(start, end), not {value!r}")


_period = parse_period


def period_pair(facts: Facts, kind: str = "ytd", *, as_of=None):
    """The two periods a bridge compares by default.

    ``"ytd"``: 1 January to the analysis date, against the same days a year before;
    ``"year"``: the last full calendar year before the analysis date's year (or that year when
    the date is 31 December) against the year before it.

    Returns ``((start0, end0), (start1, end1))``.
    """
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    if kind == "ytd":
        lo1 = pd.Timestamp(at.year, 1, 1)
        return (lo1 - pd.DateOffset(years=1), at - pd.DateOffset(years=1)), (lo1, at)
    if kind == "year":
        y = at.year if (at.month, at.day) == (12, 31) else at.year - 1
        return _period(y - 1), _period(y)
    raise ValueError(f"kind must be 'ytd' or 'year', not {kind!r}")


def _unit_ok_by(lines: pd.DataFrame, scope: list[str]) -> pd.Series | bool:
    if not scope:
        return one_unit(lines[C.unit], lines[C.quantity])[0]
    return units_by(lines, scope[0])["ok"]


def _two_periods(facts, products, clients, period0, period1, path, same_unit, lines, by):
    """The inputs of :func:`variance_bridge` and :func:`variance_clients`.

    The lines, the path's lines of each period (with a constant ``_one``), the periods and the
    mix keys (``["_one"]`` when none is usable).
    """
    if period0 is None or period1 is None:
        (period0, period1) = period_pair(facts)
    keys = _by(by)
    if lines is None:
        lines = annotate_lines(facts, products, clients, same_unit=same_unit)
    (lo0, hi0), (lo1, hi1) = _period(period0), _period(period1)
    scoped = _scope(lines, _check_path(path))
    l0 = scoped.loc[(scoped[C.date] >= lo0) & (scoped[C.date] <= hi0)].assign(_one="1")
    l1 = scoped.loc[(scoped[C.date] >= lo1) & (scoped[C.date] <= hi1)].assign(_one="1")
    if C.product_id in keys and lines[C.product_id].isna().all():
        keys = [k for k in keys if k != C.product_id]
    return lines, l0, l1, ((lo0, hi0), (lo1, hi1)), keys or ["_one"]


def _by(by) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by)
    bad = [k for k in keys if k not in (C.product_id, C.category, C.business_line, C.client_id,
                                        C.region)]
    if bad:
        raise ValueError(f"by must name product_id, category, business_line, client_id or region, "
                         f"not {', '.join(bad)}")
    return keys


def variance_bridge(
    facts: Facts,
    products: pd.DataFrame | None = None,
    clients: pd.DataFrame | None = None,
    *,
    period0=None,
    period1=None,
    level: str = "company",
    path: dict | None = None,
    by=C.product_id,
    same_unit: bool = False,
    lines: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The change of revenue between two periods in volume, mix and price, per item of a level.

    Parameters
    ----------
    facts : Facts
        The company's facts (the lines: ``facts.sales``).
    products, clients : DataFrame, optional
        As in :func:`annotate_lines`.
    period0, period1 : year, "YYYY-Qn", "YYYY-MM" or (start, end)
        The base and the current period; default :func:`period_pair` ``"ytd"``.
    level : str
        One of :data:`LEVELS`: one row per item of it (``company``: one row).
    path : dict, optional
        The fixed items above (as in :func:`drilldown`).
    by : str or list of str
        What the mix is made of: ``"product_id"`` (default; the products, each with its own
        price), ``"category"`` (the classes: price then includes the mix within a class) or
        ``["client_id", "product_id"]`` (each client's own price of each product; a client
        starting a product is then "new").
    same_unit : bool
        See :func:`annotate_lines`.

    Returns
    -------
    DataFrame
        :data:`BRIDGE_COLUMNS`, one row per item (sorted by revenue1 descending), each the
        decomposition of :func:`pvm` over the item's lines with its own prices; a last row
        ``item = "total"`` is added when there are several items (each part of it is the sum of
        the items': volume and mix across items are then the items' own, not the mix between
        them). An item whose lines are not in one unit gets ``unsplit`` (value only).
        ``attrs``: ``periods``, ``level``, ``path``, ``by``, ``missing`` (as
        :func:`annotate_lines`), ``value_only`` (items without one unit).

    Source: Drury (2017) ch. 18; Horngren, Datar & Rajan (2015) ch. 14 (see :func:`pvm`).
    """
    level = _check_level(level)
    lines, l0, l1, periods, keys = _two_periods(facts, products, clients, period0, period1, path,
                                                same_unit, lines, by)
    l0 = l0.assign(item=_item(l0, level).to_numpy())
    l1 = l1.assign(item=_item(l1, level).to_numpy())
    ok = _unit_ok_by(pd.concat([l0, l1]), ["item"])
    s = _decompose(l0, l1, ["item"], keys, ["item"], ok)
    s["item"] = s["item"].astype("string")
    s = s.sort_values(["revenue1", "item"], ascending=[False, True], kind="mergesort")
    out = s[BRIDGE_COLUMNS].reset_index(drop=True)
    if len(out) > 1:
        total = out[BRIDGE_COLUMNS[1:]].sum(min_count=1)
        total = pd.DataFrame([{"item": "total", **total.to_dict()}])
        out = pd.concat([out, total], ignore_index=True)
        out["item"] = out["item"].astype("string")
    value_only = [str(i) for i, v in zip(out["item"], out["unsplit"], strict=False) if pd.notna(v)]
    out.attrs.update(periods=periods, level=level, path=_check_path(path), by=keys,
                     missing=list(lines.attrs.get("missing", [])), value_only=value_only)
    return out


def variance_clients(
    facts: Facts,
    products: pd.DataFrame | None = None,
    clients: pd.DataFrame | None = None,
    *,
    period0=None,
    period1=None,
    path: dict | None = None,
    by=C.product_id,
    same_unit: bool = False,
    lines: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each client's part in the volume, mix and price of the path's revenue change.

    The path's lines are one scope (its products' base prices ``p0_i`` and average price
    ``P0``); each client ``c`` gets::

        volume_c = (Q1_c − Q0_c) × P0
        mix_c    = (Σ_i q1_ci × p0_i − R0_c) − volume_c
        price_c  = R1_c − Σ_i q1_ci × p0_i
        new_c, lost_c, other_c = the client's Σ (r1 − r0) on the scope's new, lost, other items

    (``Q, R`` over the scope's continuing items). The clients' parts add up to the scope's
    parts of :func:`pvm`, and each client's parts to its own change. A client's price part
    compares what it paid with the scope's base price of the product, so a client who always
    pays below the average shows it in price and the same amount, opposite, in mix; use
    ``by=["client_id", "product_id"]`` for each client's own base prices.

    Returns
    -------
    DataFrame
        ``client_id, revenue0, revenue1, change, volume, mix, price, new, lost, other,
        unsplit``, sorted by the absolute change descending, ties by client_id. ``attrs``:
        ``periods``, ``path``, ``by``, ``missing``, ``value_only`` (bool).

    Source: the decomposition of :func:`pvm` (Drury 2017; Horngren et al. 2015), allotted to
    clients by their quantities — our reading.
    """
    lines, l0, l1, periods, keys = _two_periods(facts, products, clients, period0, period1, path,
                                                same_unit, lines, by)
    ok = _unit_ok_by(pd.concat([l0, l1]), [])
    s = _decompose(l0, l1, [], keys, [C.client_id], ok)
    s[C.client_id] = s[C.client_id].astype("string")
    s["_abs"] = s["change"].abs()
    s = s.sort_values(["_abs", C.client_id], ascending=[False, True], kind="mergesort")
    out = s[[C.client_id, *BRIDGE_COLUMNS[1:]]].reset_index(drop=True)
    out.attrs.update(periods=periods, path=_check_path(path), by=keys,
                     missing=list(lines.attrs.get("missing", [])), value_only=not ok)
    return out


def focus_item(bridge: pd.DataFrame, effect: str = "volume"):
    """The item of a :func:`variance_bridge` whose ``effect`` fell most: the one to look into.

    The items (the ``total`` row left out) sorted by ``effect`` then by ``change``, the lowest
    first, missing values last (without volume: the item whose turnover fell most). None when
    the bridge has no item.
    """
    rows = bridge.loc[bridge["item"] != "total"]
    if rows.empty:
        return None
    return rows.sort_values([effect, "change"], na_position="last", kind="mergesort").iloc[0]["item"]


def top_contributors(contributions: pd.DataFrame, effect: str = "change", n: int = 10
                     ) -> pd.DataFrame:
    """The clients who explain most of one part of a change.

    ``effect`` is ``change`` or one of :data:`EFFECTS`. The clients are ranked by their part in
    the direction of the total (the largest falls first when the part fell, the largest rises
    when it rose)::

        share_of_effect = contribution_c / Σ_c contribution   (NaN when the total is 0)

    Returns ``rank, client_id, contribution, share_of_effect, cum_share`` for the first ``n``
    (``attrs["effect"]``, ``attrs["total"]``).
    """
    if effect not in ("change", *EFFECTS):
        raise ValueError(f"effect must be change or one of {', '.join(EFFECTS)}, not {effect!r}")
    if int(n) < 1:
        raise ValueError(f"n must be ≥ 1, not {n!r}")
    values = pd.to_numeric(contributions[effect], errors="coerce")
    total = float(values.sum()) if values.notna().any() else np.nan
    sign = -1.0 if (not math.isnan(total) and total < 0) else 1.0
    data = pd.DataFrame({C.client_id: contributions[C.client_id].astype("string"),
                         "contribution": values.astype("float64")}).dropna()
    data["_key"] = -sign * data["contribution"]
    data = data.sort_values(["_key", C.client_id], kind="mergesort").head(int(n))
    data = data.drop(columns="_key").reset_index(drop=True)
    data.insert(0, "rank", np.arange(1, len(data) + 1, dtype="int64"))
    ok = not math.isnan(total) and abs(total) > _EPS
    data["share_of_effect"] = data["contribution"] / total if ok else np.nan
    data["cum_share"] = data["share_of_effect"].cumsum() if ok else np.nan
    data.attrs.update(effect=effect, total=total)
    return data


def target_bridge(drill: pd.DataFrame) -> pd.Series:
    """The variance of actual against target split into volume, mix and price.

    The drill-down's items with both a ``revenue`` and a ``quantity`` target are the budget
    (base: ``quantity_target_to_date``, ``revenue_target_to_date``; budget price = revenue
    target / quantity target) and their actuals the current; :func:`pvm` between them::

        volume = (Q_actual − Q_budget) × P_budget        sales-quantity variance
        mix    = Σ (q_i − Q · sb_i) × pb_i               sales-mix variance (between the items)
        price  = Σ q_i × (p_i − pb_i)                     sales-price variance

    Returns the Series of :func:`pvm` (``revenue0`` = the targets, ``revenue1`` = actual) with
    ``attrs``: ``items`` (those in), ``left_out`` (items with a revenue target but no quantity
    target or no actual volume). Without one unit across the items the change is ``unsplit``.

    Source: Drury (2017) ch. 18: the sales variances against the budget.
    """
    need = ["revenue_target_to_date", "quantity_target_to_date"]
    has = drill.loc[drill[need[0]].notna()]
    both = has.loc[has[need[1]].notna() & has["quantity"].notna()]
    units = both["unit"].dropna().unique()
    one_unit = len(both) > 0 and len(units) <= 1 and both["unit"].notna().all()
    base = pd.DataFrame({"item": both["item"], "quantity": both[need[1]], "revenue": both[need[0]]})
    current = both[["item", "quantity", "revenue"]]
    out = pvm(base, current, one_unit=one_unit)
    out.attrs.update(items=list(both["item"].astype(str)),
                     left_out=sorted(set(has["item"].astype(str)) - set(both["item"].astype(str))))
    return out
