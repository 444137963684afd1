"""Program 004, topic 2 · ABC by three measures: our sales, the client's potential, our share.

The seminar's topic («ABC анализ по три показателя») classes every client three times:

1. by **our sales** to it (rank and actual purchases over the period): ABC by cumulative share,
   the same rule and cuts as block 6 (:func:`kbcore.analyses.segmentation.abc`);
2. by its **potential** (``clients.potential``, what it could buy a year of our category): ABC by
   cumulative share like (1), or by fixed thresholds (a parameter);
3. by **our share** in its purchases (share of wallet): our sales / the client's wallet where the
   wallet is known, else / its potential (the base of each client is named), classed by share
   thresholds (A ≥ 50 %, B ≥ 20 %, C below: parameters).

Each measure is taken in **volume** (units, e.g. litres: ``sales.quantity`` in a single unit across
the products sold, ``clients.potential_units``, ``clients.wallet_units``) or in **value** (money:
revenue, ``clients.potential``, ``clients.wallet``). Volume needs units; where the data has only
value, :func:`client_measures` says so (``attrs["missing"]``, ``attrs["measure_used"]``) and uses
value; mixed units are never summed.

The combined class ``"S-P-W"`` (sales, potential, share: ``"A-A-C"`` = large client, large
potential, small share) has a management strategy id (:data:`STRATEGY`, a rule table written as
data: :data:`STRATEGY_RULES`); :func:`combination_summary` gives the clients, revenue, potential
and untapped potential of each of the 27 combinations, :func:`combination_clients` the clients of
one.

The functions return numbers, ids and tables; the people's words (strategy names, the note on the
measure used, key figures) are in :mod:`kbcore.views.abc_three`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._window import months_back, span
from kbcore.analyses.segmentation import _check_cuts, abc
from kbcore.analyses.units import client_quantity, sales_unit
from kbcore.analyses.wallet import BASES, share_base, wallet_share
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "ABC3_CLASSES",
    "ABC3_MEASURES",
    "POTENTIAL_METHODS",
    "SHARE_BASES",
    "COMBINATIONS",
    "STRATEGIES",
    "STRATEGY_RULES",
    "STRATEGY",
    "MEASURE_COLUMNS",
    "CLASS_COLUMNS",
    "SUMMARY_COLUMNS",
    "sales_unit",
    "client_measures",
    "classify",
    "abc_three",
    "combination_summary",
    "combination_clients",
    "strategy_table",
    "CLASS_SUMMARY_COLUMNS",
    "class_summary",
    "measure_shift",
]

ABC3_CLASSES = ("A", "B", "C")
ABC3_MEASURES = ("value", "volume")
"""``value``: money (revenue, potential, wallet); ``volume``: units (quantity, potential_units,
wallet_units)."""
POTENTIAL_METHODS = ("abc", "thresholds")
SHARE_BASES = BASES
"""What a client's share of wallet was divided by (``share_base``): its known wallet, or its
potential when the wallet is not known."""

COMBINATIONS = tuple(f"{s}-{p}-{w}" for s in ABC3_CLASSES for p in ABC3_CLASSES for w in ABC3_CLASSES)
"""The 27 combined classes "S-P-W" (sales class, potential class, share class), A-A-A first."""

STRATEGIES = (
    "retain",
    "grow_share",
    "develop",
    "expand",
    "maintain",
    "serve_efficiently",
    "verify_potential",
)
"""Strategy ids (the people's names and what to do: catalogue ``abc_three.strategy.<id>`` and
``abc_three.strategy.<id>.action``)."""

STRATEGY_RULES = (
    # (strategy, sales classes, potential classes, share classes) — first match wins
    ("verify_potential", "A", "C", "ABC"),
    ("retain", "AB", "AB", "A"),
    ("grow_share", "AB", "A", "BC"),
    ("develop", "C", "A", "ABC"),
    ("grow_share", "A", "B", "BC"),
    ("expand", "BC", "B", "BC"),
    ("maintain", "BC", "BC", "A"),
    ("serve_efficiently", "BC", "C", "BC"),
)
"""The rule table of the strategies (our reading), first match wins; every one of the 27
combinations is matched. Reasoning, row by row (S = our sales, P = potential, W = our share):

verify_potential — S = A, P = C
    A client among our largest with a potential among the smallest is not plausible: our sales
    cannot exceed what the client buys. The potential is most likely underestimated: re-estimate
    it (with the client, from its own purchases) before choosing a strategy.
retain — S ∈ {A, B}, P ∈ {A, B}, W = A
    We are already the main supplier of a large or medium client: keep and defend the position
    (key-account service, agreements, loyalty) — the share has little room to grow, the sales
    much to lose.
grow_share — S ∈ {A, B}, P = A, W ∈ {B, C}; and S = A, P = B, W ∈ {B, C}
    A client that already buys much from us and could buy much more: win share with it
    ("A-A-C": a large client, a large potential, a small share — the first place to look for
    growth; the door is open, the volume is there).
develop — S = C, P = A
    Small for us today, large potential: invest to develop the client (a new supplier position,
    a trial, a test order), whatever our share; C-A-A (high share of a small wallet) means the
    client buys little of the category for its size: develop its use of it.
expand — S ∈ {B, C}, P = B, W ∈ {B, C}
    A medium potential with room for our share: grow selectively through cost-effective channels
    (assortment, remote sales, target products).
maintain — S ∈ {B, C}, P ∈ {B, C}, W = A
    We have most of what a smaller client buys: maintain the relationship at a low cost to
    serve; little to win, something to lose.
serve_efficiently — S ∈ {B, C}, P = C, W ∈ {B, C}
    A small potential and a small share: little to win even with all of it; serve with the
    standard offer at the lowest cost to serve.

Source: our reading of the customer-portfolio matrices — R. Fiocca, "Account portfolio analysis
for strategy development", Industrial Marketing Management 11 (1982) 53–62 (the account's
importance × the strength of our position); N. C. G. Campbell & M. T. Cunningham, "Customer
analysis for strategy development in industrial markets", Strategic Management Journal 4 (1983)
369–380; and the potential × share-of-customer grid of P. Kotler & K. L. Keller, *Marketing
Management* (share of customer), D. Peppers & M. Rogers, *The One to One Future* (1993). The
seminar names the three measures, not the strategies: a trainer may replace the table
(``strategies=`` of :func:`classify`).
"""


def _rule_table(rules) -> dict[str, str]:
    out: dict[str, str] = {}
    for strategy, ss, ps, ws in rules:
        for s in ss:
            for p in ps:
                for w in ws:
                    out.setdefault(f"{s}-{p}-{w}", strategy)
    return out


STRATEGY: dict[str, str] = _rule_table(STRATEGY_RULES)
"""Combined class "S-P-W" → strategy id, for all 27 combinations (from :data:`STRATEGY_RULES`)."""

MEASURE_COLUMNS = [
    C.client_id,
    C.name,
    C.revenue,
    "sales",
    C.potential,
    C.wallet,
    "share_base",
    "share",
    "untapped",
]
"""The columns of :func:`client_measures`."""
CLASS_COLUMNS = [
    C.client_id,
    C.name,
    "combination",
    "sales_class",
    "potential_class",
    "share_class",
    "strategy",
    "sales_rank",
    C.revenue,
    "sales",
    C.potential,
    C.wallet,
    "share_base",
    "share",
    "untapped",
]
"""The columns of :func:`classify`."""
SUMMARY_COLUMNS = [
    "combination",
    "sales_class",
    "potential_class",
    "share_class",
    "strategy",
    "clients",
    "client_share",
    C.revenue,
    "revenue_share",
    "sales",
    C.potential,
    "untapped",
    "untapped_share",
]
"""The columns of :func:`combination_summary`."""

_ROUND = 12


# --------------------------------------------------------------------------- helpers
def _known(table: pd.DataFrame | None, column: str) -> bool:
    """True when ``table`` has ``column`` with at least one number."""
    return (table is not None and column in table.columns
            and pd.to_numeric(table[column], errors="coerce").notna().any())


def _per_client(table: pd.DataFrame | None, column: str) -> pd.Series:
    """``column`` of a client table as float, indexed by stripped client_id (first row of a duplicate)."""
    if table is None or column not in table.columns or C.client_id not in table.columns:
        return pd.Series(dtype="float64", index=pd.Index([], dtype="string", name=C.client_id))
    values = pd.Series(pd.to_numeric(table[column], errors="coerce").to_numpy(dtype="float64"),
                       index=pd.Index(_ids(table[C.client_id]), name=C.client_id))
    return values[~values.index.duplicated()]


def _check_fraction(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) \
            or not math.isfinite(value) or not 0 < value:
        raise ValueError(f"{name} must be a number > 0, not {value!r}")
    return float(value)


def _check_thresholds(name: str, thresholds, *, share: bool) -> tuple[float, float]:
    """(a, b) with a > b > 0 (a share threshold also ≤ 1): A from a, B from b, C below b."""
    try:
        a, b = (_check_fraction(name, float(v)) for v in thresholds)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be two numbers (A from, B from) with A > B > 0, "
                         f"not {thresholds!r}") from None
    if not a > b or (share and a > 1):
        raise ValueError(f"{name} must be two numbers (A from, B from) with A > B > 0"
                         f"{' and A ≤ 1' if share else ''}, not {thresholds!r}")
    return a, b


def _by_thresholds(values: pd.Series, a: float, b: float) -> pd.Series:
    """"A" when value ≥ a, "B" when ≥ b, "C" below; NA when unknown (rounded to 12 decimals)."""
    v = values.astype("float64").round(_ROUND).to_numpy()
    cls = np.where(v >= a, "A", np.where(v >= b, "B", "C")).astype(object)
    cls[np.isnan(v)] = pd.NA
    return pd.Series(pd.array(cls, dtype="string"), index=values.index)


# --------------------------------------------------------------------------- measures
def _window(facts: Facts, start, end, months) -> tuple[pd.Timestamp | None, pd.Timestamp | None, float]:
    """(lo, hi, annual factor) of the analysed window."""
    lo, hi = period_bounds(start, end)
    if hi is None:
        try:
            hi = facts.as_of
        except ValueError:  # no sales and no analysis date: an empty window
            hi = None
    if lo is None and months is not None and hi is not None:
        lo = months_back(hi, int(months))[0]
        return lo, hi, 12.0 / int(months)
    if lo is None:
        lo = facts.start if facts.start is not None else facts.first_day()
    if lo is None or hi is None:
        return lo, hi, 1.0
    return lo, hi, 365.0 / ((hi - lo).days + 1)


def client_measures(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    measure: str = "value",
    start=None,
    end=None,
    months: int | None = 12,
    annualise: bool = True,
    include_non_buyers: bool = True,
) -> pd.DataFrame:
    """Each client's sales, potential, wallet and our share of it, in value or in volume.

    Parameters
    ----------
    facts : Facts
        The company's facts (:class:`~kbcore.facts.Facts`): revenue per client over the window;
        in volume also the window's sales lines (``facts.sales``: quantities are not in the
        facts' reduction).
    clients : DataFrame, optional
        Client cards: ``name``, ``potential`` / ``potential_units`` (what the client could buy a
        year of our category), ``wallet`` / ``wallet_units`` (what it does buy a year from all
        its suppliers).
    products : DataFrame, optional
        ``product_id`` and ``unit``: in volume, the quantities must be in one unit.
    measure : {"value", "volume"}
        Money (default) or units. Volume needs ``sales.quantity`` in a single unit
        (:func:`sales_unit`) and ``clients.potential_units``; without them the measure falls
        back to value and ``attrs["missing"]`` says what is absent.
    start, end : date-like, optional
        The window; default the ``months`` calendar months ending at the analysis date
        (``facts.as_of``), both days included (:func:`kbcore.analyses._window.months_back`).
    months : int or None
        Length of the default window (12); None with no ``start`` = the facts' whole period.
    annualise : bool
        Potential and wallet are yearly: compare them with the window's sales scaled to a year
        (× 12 / months, or × 365 / days for a window given by dates). Default True; with the
        default 12-month window the factor is exactly 1.
    include_non_buyers : bool
        Also list the clients of the client table that bought nothing in the window (sales 0,
        class C; their potential may still be large). Default True.

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, one row per client, sorted by client_id::

            revenue    = Σ revenue of the client in [lo, hi]        (money, always)
            sales      = revenue (value) or Σ quantity (volume) in [lo, hi]
            potential  = clients.potential (value) or clients.potential_units (volume)
            wallet     = clients.wallet (value) or clients.wallet_units (volume)
            yearly     = sales × f,  f = 12 / months (or 365 / days; 1 without annualise)
            share_base = "wallet" when wallet > 0, else "potential" when potential > 0, else NA
            share      = yearly / wallet  or  yearly / potential   (NaN without a base)
            untapped   = max(potential − max(yearly, 0), 0)       (NaN without a potential)

        ``attrs``: ``measure`` (asked), ``measure_used``, ``unit`` (volume: the unit; value:
        None), ``missing`` (ids of the absent tables/columns that would enable more:
        ``clients.potential``, ``clients.wallet``, in volume ``sales.quantity``,
        ``products.unit``, ``clients.potential_units``, ``clients.wallet_units``), ``units``
        (volume: the units met), ``lines_without_quantity`` (volume: lines of the window whose
        quantity is empty, counted 0), ``window`` (lo, hi), ``annual_factor``, ``shares_above_one``
        (clients whose share exceeds 100 %: potential or wallet underestimated).

    Source: share of wallet (share of customer) after D. Peppers & M. Rogers, *The One to One
    Future* (1993) and T. L. Keiningham et al., "The value of different customer satisfaction
    and loyalty metrics in predicting customer retention, recommendation, and share-of-wallet",
    Managing Service Quality 17 (2007); potential as in block 6 (money on the table).
    """
    if measure not in ABC3_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(ABC3_MEASURES)}, not {measure!r}")
    if months is not None and (isinstance(months, bool) or int(months) < 1):
        raise ValueError(f"months must be a whole number ≥ 1 or None, not {months!r}")
    lo, hi, factor = _window(facts, start, end, months)
    if not annualise:
        factor = 1.0
    missing: list[str] = []
    used, unit, units, no_qty = measure, None, (), 0
    if measure == "volume":
        lines = between(facts.sales, lo, hi) if facts.has_sales else facts.sales
        vol, found = client_quantity(lines, products)
        units, no_qty = found["units"], found["lines_without_quantity"]
        missing.extend(found["missing"])
        if not _known(clients, C.potential_units):
            missing.append("clients.potential_units")
        if not _known(clients, C.wallet_units):
            missing.append("clients.wallet_units")
        if found["unit"] is None or "clients.potential_units" in missing:
            used = "value"
        else:
            unit = found["unit"]
    pot_col, wal_col = (C.potential_units, C.wallet_units) if used == "volume" else (C.potential, C.wallet)
    if used == "value":
        for col in (C.potential, C.wallet):
            if not _known(clients, col):
                missing.append(f"clients.{col}")

    if facts.has_sales and hi is not None:
        per = facts.clients(*span(facts, lo, hi))
        revenue = pd.Series(per[C.revenue].to_numpy(dtype="float64"),
                            index=pd.Index(_ids(per[C.client_id]), name=C.client_id))
    else:
        revenue = pd.Series(dtype="float64", index=pd.Index([], dtype="string", name=C.client_id))
    ids = revenue.index
    has_cards = clients is not None and C.client_id in clients.columns
    if include_non_buyers and has_cards:
        ids = ids.union(pd.Index(_ids(clients[C.client_id]).dropna().unique(), dtype="string"))
    ids = pd.Index(ids, dtype="string", name=C.client_id).sort_values()
    out = pd.DataFrame(index=ids)
    if has_cards and C.name in clients.columns:
        names = pd.Series(clients[C.name].astype("string").to_numpy(), index=_ids(clients[C.client_id]))
        out[C.name] = names[~names.index.duplicated()].reindex(ids)
    else:
        out[C.name] = pd.Series(pd.NA, index=ids, dtype="string")
    out[C.name] = out[C.name].fillna(pd.Series(ids, index=ids, dtype="string")).astype("string")
    out[C.revenue] = revenue.reindex(ids).fillna(0.0)
    if used == "volume":
        out["sales"] = vol.reindex(ids).fillna(0.0).to_numpy(dtype="float64")
    else:
        out["sales"] = out[C.revenue]
    out[C.potential] = _per_client(clients, pot_col).reindex(ids).to_numpy(dtype="float64")
    out[C.wallet] = _per_client(clients, wal_col).reindex(ids).to_numpy(dtype="float64")
    yearly = out["sales"] * factor
    denominator, out["share_base"] = share_base(out, (C.wallet, C.potential), names=SHARE_BASES)
    out["share"] = wallet_share(yearly, denominator)
    out["untapped"] = (out[C.potential] - yearly.clip(lower=0.0)).clip(lower=0.0).where(
        out[C.potential].notna()).astype("float64")
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out = out[MEASURE_COLUMNS]
    out.attrs.update(measure=measure, measure_used=used, unit=unit, units=units,
                     lines_without_quantity=no_qty if used == "volume" else 0,
                     missing=tuple(dict.fromkeys(missing)), window=(lo, hi), annual_factor=factor,
                     shares_above_one=int((out["share"].round(_ROUND) > 1).sum()))
    return out


# --------------------------------------------------------------------------- classes
def _abc_classes(measures: pd.DataFrame, column: str, cuts) -> tuple[pd.Series, pd.Series]:
    """(class, rank) per client_id by :func:`~kbcore.analyses.segmentation.abc` on ``column``."""
    table = measures[[C.client_id, column]]
    result = abc(table, measure=column, cuts=cuts).set_index(C.client_id)
    return result["abc"], result["rank"]


def classify(
    measures: pd.DataFrame,
    *,
    sales_cuts=(0.8, 0.95),
    potential_method: str = "abc",
    potential_cuts=(0.8, 0.95),
    potential_thresholds=None,
    share_thresholds=(0.5, 0.2),
    strategies: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The three classes of every client, its combined class and the strategy of that combination.

    Parameters
    ----------
    measures : DataFrame
        :func:`client_measures` (its ``attrs`` are carried over).
    sales_cuts : (float, float)
        Cumulative-share cuts of the sales ABC (default 0.80, 0.95: block 6's).
    potential_method : {"abc", "thresholds"}
        ``"abc"`` (default): ABC of the potential by cumulative share with ``potential_cuts``;
        ``"thresholds"``: A from ``potential_thresholds[0]``, B from ``[1]`` (in the measure's
        money or units a year).
    potential_cuts : (float, float)
        Cumulative-share cuts of the potential ABC (default 0.80, 0.95).
    potential_thresholds : (float, float), optional
        (A from, B from), A > B > 0; required with ``potential_method="thresholds"``.
    share_thresholds : (float, float)
        (A from, B from) of the share: default (0.5, 0.2) — A ≥ 50 %, B ≥ 20 %, C below.
    strategies : dict, optional
        Combined class → strategy id (default :data:`STRATEGY`); a combination it lacks gets NA.

    Returns
    -------
    DataFrame
        :data:`CLASS_COLUMNS`, one row per client, sorted by combination (A-A-A first; clients
        without a combination last), then sales descending, then client_id::

            sales_class     = abc(sales, sales_cuts)        (ABC by cumulative share, block 6's
                              rule: A while the share before the client is below a; sales ≤ 0 → C)
            potential_class = abc(potential, potential_cuts), or
                              A if potential ≥ t_A, B if ≥ t_B, else C       (NA: unknown)
            share_class     = A if share ≥ w_A, B if ≥ w_B, else C          (NA: no base)
            combination     = "sales-potential-share", e.g. "A-A-C"      (NA if a class is NA)
            strategy        = strategies[combination]
            sales_rank      = the rank of the client's sales (1 = largest; ties by client_id)

        The potential ABC ranks only the clients with a known potential. ``attrs``: those of
        ``measures`` plus ``sales_cuts``, ``potential_method``, ``potential_cuts`` or
        ``potential_thresholds``, ``share_thresholds``, ``unclassified`` (clients without a
        combination).

    Source: ABC after H. F. Dickie (1951), as in block 6
    (:func:`kbcore.analyses.segmentation.abc`); the three-measure reading and the strategy table
    (:data:`STRATEGY_RULES`) are ours, after R. Fiocca (1982) and the share-of-customer grid
    (Kotler & Keller, *Marketing Management*).
    """
    sales_cuts = _check_cuts(sales_cuts, "sales_cuts")
    if potential_method not in POTENTIAL_METHODS:
        raise ValueError(f"potential_method must be one of {', '.join(POTENTIAL_METHODS)}, "
                         f"not {potential_method!r}")
    if potential_method == "abc":
        potential_cuts = _check_cuts(potential_cuts, "potential_cuts")
    else:
        if potential_thresholds is None:
            raise ValueError("potential_method='thresholds' needs potential_thresholds=(A from, B from)")
        potential_thresholds = _check_thresholds("potential_thresholds", potential_thresholds, share=False)
    share_thresholds = _check_thresholds("share_thresholds", share_thresholds, share=True)
    rules = STRATEGY if strategies is None else dict(strategies)

    out = measures.copy()
    out[C.client_id] = _ids(out[C.client_id])
    ids = pd.Index(out[C.client_id])
    sales_class, rank = _abc_classes(out, "sales", sales_cuts)
    out["sales_class"] = sales_class.reindex(ids).to_numpy()
    out["sales_rank"] = rank.reindex(ids).astype("Int64").to_numpy()
    if potential_method == "abc":
        pot_class, _ = _abc_classes(out.loc[out[C.potential].notna()], C.potential, potential_cuts)
        out["potential_class"] = pd.array(pot_class.reindex(ids).to_numpy(), dtype="string")
    else:
        out["potential_class"] = _by_thresholds(out[C.potential], *potential_thresholds).to_numpy()
    out["share_class"] = _by_thresholds(out["share"], *share_thresholds).to_numpy()
    for col in ("sales_class", "potential_class", "share_class"):
        out[col] = out[col].astype("string")
    combo = out["sales_class"] + "-" + out["potential_class"] + "-" + out["share_class"]
    out["combination"] = combo.astype("string")
    out["strategy"] = pd.array(out["combination"].map(rules).to_numpy(), dtype="string")
    order = {c: i for i, c in enumerate(COMBINATIONS)}
    out["_o"] = out["combination"].map(order).astype("float64").fillna(len(COMBINATIONS))
    out = out.sort_values(["_o", "sales", C.client_id], ascending=[True, False, True], kind="mergesort")
    out = out[CLASS_COLUMNS].reset_index(drop=True)
    out.attrs.update(measures.attrs)
    out.attrs.update(sales_cuts=sales_cuts, potential_method=potential_method,
                     potential_cuts=potential_cuts if potential_method == "abc" else None,
                     potential_thresholds=potential_thresholds if potential_method == "thresholds" else None,
                     share_thresholds=share_thresholds,
                     unclassified=int(out["combination"].isna().sum()))
    return out


def abc_three(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    *,
    measure: str = "value",
    start=None,
    end=None,
    months: int | None = 12,
    annualise: bool = True,
    include_non_buyers: bool = True,
    sales_cuts=(0.8, 0.95),
    potential_method: str = "abc",
    potential_cuts=(0.8, 0.95),
    potential_thresholds=None,
    share_thresholds=(0.5, 0.2),
    strategies: dict[str, str] | None = None,
) -> pd.DataFrame:
    """:func:`client_measures` then :func:`classify`: the clients by three measures in one call.

    The parameters are those of the two functions (see them for the formulas); the result is
    :func:`classify`'s, with ``attrs`` saying the measure used and what is missing.

    Source: see :func:`client_measures` and :func:`classify`.
    """
    measures = client_measures(facts, clients, products, measure=measure, start=start, end=end,
                               months=months, annualise=annualise,
                               include_non_buyers=include_non_buyers)
    return classify(measures, sales_cuts=sales_cuts, potential_method=potential_method,
                    potential_cuts=potential_cuts, potential_thresholds=potential_thresholds,
                    share_thresholds=share_thresholds, strategies=strategies)


# --------------------------------------------------------------------------- summary
def _group_totals(classes: pd.DataFrame, by: str, order, name: str) -> pd.DataFrame:
    """Clients, revenue, sales, potential and untapped potential per value of ``by``, in ``order``.

    One row per value of ``order`` (named ``name``); a value without clients has 0 clients and NaN
    sums; potential and untapped are NaN where no client of the group has one.
    """
    g = classes.loc[classes[by].notna()].groupby(by, observed=True)
    out = pd.DataFrame({
        "clients": g.size(),
        C.revenue: g[C.revenue].sum(),
        "sales": g["sales"].sum(),
        C.potential: g[C.potential].sum(min_count=1),
        "untapped": g["untapped"].sum(min_count=1),
    }).reindex(list(order)).rename_axis(name).reset_index()
    out["clients"] = out["clients"].fillna(0).astype("int64")
    return out


def combination_summary(classes: pd.DataFrame) -> pd.DataFrame:
    """One row per combination (all 27, empty ones too): how many clients, how much money and potential.

    Parameters
    ----------
    classes : DataFrame
        :func:`classify`.

    Returns
    -------
    DataFrame
        :data:`SUMMARY_COLUMNS`, in the order of :data:`COMBINATIONS`::

            clients        = clients of the combination
            client_share   = clients / clients with a combination
            revenue        = Σ revenue (money, whatever the measure)
            revenue_share  = revenue / Σ revenue of the clients with a combination
            sales          = Σ sales (the measure: money or units)
            potential      = Σ potential (the measure)
            untapped       = Σ max(potential − yearly sales, 0)
            untapped_share = untapped / Σ untapped of all combinations
            strategy       = the strategy id of the combination (the classes' own table)

        Shares are NaN when their total is 0. ``attrs``: those of ``classes`` plus
        ``unclassified`` (clients), ``unclassified_revenue`` (their revenue) and
        ``unclassified_sales``.
    """
    known = classes.loc[classes["combination"].notna()]
    out = _group_totals(known, "combination", COMBINATIONS, "combination")
    for col in (C.revenue, "sales", C.potential, "untapped"):
        out[col] = out[col].astype("float64").fillna(0.0)
    n, rev, untapped = int(out["clients"].sum()), float(out[C.revenue].sum()), float(out["untapped"].sum())
    out["client_share"] = out["clients"] / n if n else np.nan
    out["revenue_share"] = out[C.revenue] / rev if rev > 0 else np.nan
    out["untapped_share"] = out["untapped"] / untapped if untapped > 0 else np.nan
    parts = out["combination"].str.split("-", expand=True)
    out["sales_class"], out["potential_class"], out["share_class"] = parts[0], parts[1], parts[2]
    table = dict(zip(known["combination"], known["strategy"], strict=True))
    out["strategy"] = [table.get(c, STRATEGY.get(c)) for c in out["combination"]]
    for col in ("combination", "sales_class", "potential_class", "share_class", "strategy"):
        out[col] = out[col].astype("string")
    out = out[SUMMARY_COLUMNS]
    rest = classes.loc[classes["combination"].isna()]
    out.attrs.update(classes.attrs)
    out.attrs.update(unclassified=len(rest), unclassified_revenue=float(rest[C.revenue].sum()),
                     unclassified_sales=float(rest["sales"].sum()))
    return out


def combination_clients(classes: pd.DataFrame, combination: str) -> pd.DataFrame:
    """The clients of one combined class, largest untapped potential first.

    Parameters
    ----------
    classes : DataFrame
        :func:`classify`.
    combination : str
        One of :data:`COMBINATIONS` ("A-A-C"); spaces and lower case are accepted.

    Returns
    -------
    DataFrame
        The rows of ``classes`` with that combination, sorted by untapped potential descending,
        then sales descending, then client_id (empty when none); ``attrs`` carried over, plus
        ``combination``.
    """
    combo = str(combination).replace(" ", "").upper()
    if combo not in COMBINATIONS:
        raise ValueError(f"combination must be one of {', '.join(COMBINATIONS)}, not {combination!r}")
    part = classes.loc[classes["combination"] == combo]
    part = part.sort_values(["untapped", "sales", C.client_id], ascending=[False, False, True],
                            kind="mergesort", na_position="last").reset_index(drop=True)
    part.attrs.update(classes.attrs)
    part.attrs["combination"] = combo
    return part


def strategy_table(strategies: dict[str, str] | None = None) -> pd.DataFrame:
    """The rule table as data: ``combination, sales_class, potential_class, share_class, strategy`` (27 rows).

    ``strategies`` default :data:`STRATEGY` (the reasoning is in :data:`STRATEGY_RULES`).
    """
    rules = STRATEGY if strategies is None else dict(strategies)
    rows = [(c, *c.split("-"), rules.get(c)) for c in COMBINATIONS]
    out = pd.DataFrame(rows, columns=["combination", "sales_class", "potential_class", "share_class",
                                      "strategy"])
    return out.astype("string")


# --------------------------------------------------------------------------- one measure; two measures
CLASS_SUMMARY_COLUMNS = ["class", "clients", "client_share", C.revenue, "revenue_share", "sales",
                         C.potential, "untapped"]
"""The columns of :func:`class_summary`."""
_CLASS_BY = ("sales_class", "potential_class", "share_class")


def class_summary(classes: pd.DataFrame, by: str = "sales_class") -> pd.DataFrame:
    """One row per class (A, B, C) of ONE of the three measures: how many clients, how much money.

    The seminar's three classings read one at a time (by our sales, by potential, by our share)
    before they are combined.

    Parameters
    ----------
    classes : DataFrame
        :func:`classify`.
    by : {"sales_class", "potential_class", "share_class"}
        The measure whose classes are summed.

    Returns
    -------
    DataFrame
        :data:`CLASS_SUMMARY_COLUMNS`, rows A, B, C (empty classes too)::

            clients       = clients of the class
            client_share  = clients / clients whose class of ``by`` is known
            revenue       = Σ revenue (money, whatever the measure)
            revenue_share = revenue / Σ revenue of the clients whose class is known (NaN when 0)
            sales         = Σ sales (the measure: money or units)
            potential     = Σ potential (NaN when no client of the class has one)
            untapped      = Σ max(potential − yearly sales, 0) (NaN likewise)

        ``attrs``: those of ``classes`` plus ``by``, ``unknown`` (clients without a class of
        ``by``: no potential, or no base for the share) and ``unknown_revenue``.

    Source: ABC after H. F. Dickie (1951), as in :func:`classify`.
    """
    if by not in _CLASS_BY:
        raise ValueError(f"by must be one of {', '.join(_CLASS_BY)}, not {by!r}")
    out = _group_totals(classes, by, ABC3_CLASSES, "class")
    for col in (C.revenue, "sales"):
        out[col] = out[col].astype("float64").fillna(0.0)
    for col in (C.potential, "untapped"):
        out[col] = out[col].astype("float64")
    n, rev = int(out["clients"].sum()), float(out[C.revenue].sum())
    out["client_share"] = out["clients"] / n if n else np.nan
    out["revenue_share"] = out[C.revenue] / rev if rev > 0 else np.nan
    out["class"] = out["class"].astype("string")
    out = out[CLASS_SUMMARY_COLUMNS]
    rest = classes.loc[classes[by].isna()]
    out.attrs.update(classes.attrs)
    out.attrs.update(by=by, unknown=len(rest), unknown_revenue=float(rest[C.revenue].sum()))
    return out


def measure_shift(first: pd.DataFrame, second: pd.DataFrame, column: str = "share_class") -> pd.DataFrame:
    """How the classes of one measure move between two classings (value against volume): a 3 × 3 count.

    Parameters
    ----------
    first, second : DataFrame
        Two :func:`classify` results of the same clients, e.g. in value and in volume.
    column : {"sales_class", "potential_class", "share_class", "combination"}
        The class compared (default our share: the seminar asks for it in volume and in value).
        With ``"combination"`` the table is 27 × 27.

    Returns
    -------
    DataFrame
        Counts of clients: rows the class in ``first``, columns the class in ``second`` (A, B, C
        — or the 27 combinations —, all listed), over the clients with a known class in both::

            n[i, j] = #{clients: class in first = i and class in second = j}

        ``attrs``: ``column``, ``compared`` (clients counted), ``changed`` (Σ n[i, j], i ≠ j),
        ``first``/``second`` (their ``measure_used``).
    """
    allowed = (*_CLASS_BY, "combination")
    if column not in allowed:
        raise ValueError(f"column must be one of {', '.join(allowed)}, not {column!r}")
    labels = list(COMBINATIONS) if column == "combination" else list(ABC3_CLASSES)
    a = pd.Series(first[column].to_numpy(), index=_ids(first[C.client_id]))
    b = pd.Series(second[column].to_numpy(), index=_ids(second[C.client_id]))
    a, b = a[~a.index.duplicated()], b[~b.index.duplicated()]
    both = a.index.intersection(b.index)
    pair = pd.DataFrame({"first": a.reindex(both), "second": b.reindex(both)}).dropna()
    counts = pd.crosstab(pair["first"].astype(str), pair["second"].astype(str)) if len(pair) else pd.DataFrame()
    out = counts.reindex(index=labels, columns=labels).fillna(0).astype("int64")
    out.index.name, out.columns.name = "first", "second"
    compared = int(out.to_numpy().sum())
    out.attrs.update(column=column, compared=compared, changed=compared - int(np.trace(out.to_numpy())),
                     first=first.attrs.get("measure_used"), second=second.attrs.get("measure_used"))
    return out
