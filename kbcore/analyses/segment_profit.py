"""Program 004, topic 6 · Segmentation of clients: which way of splitting the base is worth managing by.

A segmentation is worth using when its segments can be measured, are big enough, can be reached,
really behave differently and can be acted on — the five basic principles of effective segmentation
(Kotler). This module applies them, on the company's own data, to candidate segmentations — the
market's (external: industry, segment, size, region, needs where surveyed) and the company's own
classes (internal: ABC, RFM, lifecycle stage, revenue band) — and measures for each:

* :func:`segment_labels` — a candidate as a function client → segment id, computed by the existing
  analyses (:func:`~kbcore.analyses.segmentation.abc`, :func:`~kbcore.analyses.segmentation.rfm`,
  :func:`~kbcore.analyses.lifecycle.client_stages`) or read from the client card; a candidate whose
  data is absent says so in ``attrs["missing"]``;
* :func:`segment_table` — size and profit of each segment with block 1's client P&L
  (:func:`~kbcore.analyses.profitability.client_pnl`, after cost to serve): clients, revenue, gross
  margin, client profit and their shares, the median behaviour, the growth;
* :func:`behaviour` and :func:`differentiation` — how different the segments really are: the
  Kruskal–Wallis H test on each client's revenue, order frequency, average order and margin %, with
  its p-value and the effect size ε² (:func:`epsilon_squared`);
* :func:`adjusted_rand` and :func:`stability` — how stable membership is from one year to the next:
  the share of clients that stay in their segment and the adjusted Rand index;
* :func:`reachable` — which clients can be reached (an assigned manager, a contact person);
* :func:`load_segmentation_template` / :func:`segmentation_template` — the scorecard's criteria,
  thresholds and weights (``data/templates/kpi_segmentation.yaml``, the trainer may replace them);
* :func:`scorecard` — the criteria applied to every candidate, a weighted score and a ranking;
* :func:`review_segmentations` — all of the above in one call (:class:`SegmentationReview`);
* :func:`segment_strategies` — how to manage each of the most important groups of the best
  segmentation: a strategy id per segment by a rule on its profit margin and growth.

Everything returned is numbers, ids and tables; what the data did not allow is named by ids in
``attrs["missing"]`` (``"clients"``, ``"clients.industry"``, ``"surveys.needs"``, ``"sales.cost"``,
``"clients.manager"`` …), never by sentences.

Sources: P. Kotler, K. L. Keller, *Marketing Management*, 15th ed., Pearson 2016, ch. 9
("Identifying market segments and targets": effective segmentation criteria — measurable,
substantial, accessible, differentiable, actionable); the operationalisation of each criterion on a
company's data is **our reading** (the template says so). W. H. Kruskal, W. A. Wallis, "Use of ranks
in one-criterion variance analysis", *JASA* 47 (1952) — by SciPy; M. Tomczak, E. Tomczak, "The need
to report effect size estimates revisited", *Trends in Sport Sciences* 21(1) (2014) — ε²; L. Hubert,
P. Arabie, "Comparing partitions", *Journal of Classification* 2 (1985) — the adjusted Rand index;
R. S. Kaplan, V. G. Narayanan (2001) — the client P&L after cost to serve (block 1).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._template import (
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.analyses._window import months_back
from kbcore.analyses.lifecycle import DEFAULT_RULES as DEFAULT_STAGE_RULES
from kbcore.analyses.lifecycle import StageRules, client_stages
from kbcore.analyses.profitability import CostToServeRates, client_pnl, rates_for
from kbcore.analyses.segmentation import DEFAULT_RFM_RULES, RFMRules, abc, rfm
from kbcore.facts import Facts
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "UNKNOWN",
    "TEMPLATE",
    "KINDS",
    "Candidate",
    "CANDIDATES",
    "DEFAULT_CANDIDATES",
    "BAND_IDS",
    "SegmentRules",
    "DEFAULT_SEGMENT_RULES",
    "BEHAVIOUR_MEASURES",
    "EFFECT_CUTS",
    "MEASURES",
    "STRATEGIES",
    "SEGMENT_COLUMNS",
    "TEST_COLUMNS",
    "STABILITY_COLUMNS",
    "SCORE_COLUMNS",
    "SUMMARY_COLUMNS",
    "STRATEGY_COLUMNS",
    "Criterion",
    "SegmentationTemplate",
    "SegmentationReview",
    "segment_labels",
    "candidate_labels",
    "behaviour",
    "segment_behaviour",
    "reachable",
    "segment_table",
    "epsilon_squared",
    "effect_label",
    "differentiation",
    "adjusted_rand",
    "stability",
    "criterion_values",
    "scorecard",
    "segmentation_template",
    "load_segmentation_template",
    "template_with",
    "review_segmentations",
    "rescore",
    "segment_strategies",
]

TEMPLATE = TEMPLATES_DIR / "kpi_segmentation.yaml"
"""The editable scorecard (Kotler's five principles, our operationalisation)."""
_KIND = "segmentation"

KINDS = ("internal", "external")
"""Internal = the company's own classes (from its sales); external = the market's (the client card)."""


@dataclass(frozen=True)
class Candidate:
    """A candidate segmentation.

    Attributes
    ----------
    id : str
        Its id (catalogue ``segment_profit.candidate.<id>``).
    kind : {"internal", "external"}
        The company's own classes or the market's.
    dynamic : bool
        Computed from the sales at a date, so membership can change from year to year (ABC, RFM,
        stage, revenue band); a card field (industry …) holds one value.
    source : str
        What it is computed from: a card column (``clients.industry``), ``sales``, or
        ``surveys.needs``.
    defined_by : tuple of str
        The behaviour measures (:data:`BEHAVIOUR_MEASURES`) the segmentation is made of: ABC splits
        by revenue, so its segments differ in revenue by construction. Such a difference is
        *circular* and does not count as differentiation (:func:`criterion_values`).
    """

    id: str
    kind: str
    dynamic: bool
    source: str
    defined_by: tuple = ()


CANDIDATES: dict[str, Candidate] = {c.id: c for c in (
    Candidate("industry", "external", False, "clients.industry"),
    Candidate("segment", "external", False, "clients.segment"),
    Candidate("size", "external", False, "clients.size"),
    Candidate("region", "external", False, "clients.region"),
    Candidate("needs", "external", False, "surveys.needs"),
    Candidate("abc", "internal", True, "sales", ("revenue",)),
    Candidate("rfm", "internal", True, "sales", ("revenue", "orders")),
    Candidate("stage", "internal", True, "sales", ("revenue", "orders")),
    Candidate("revenue_band", "internal", True, "sales", ("revenue",)),
)}
"""The candidate segmentations the workbook computes (external first, then internal)."""
DEFAULT_CANDIDATES = tuple(CANDIDATES)

BAND_IDS = ("low", "mid", "high")
"""The revenue bands (terciles of the window's revenue by default)."""

BEHAVIOUR_MEASURES = ("revenue", "orders", "avg_order", "margin_pct")
"""The per-client behaviour compared across segments: revenue in the window, orders in it (the
order frequency), the average order (revenue / orders) and the gross margin % (margin / revenue)."""

EFFECT_CUTS = (0.01, 0.06, 0.14)
"""ε² below 0.01 none, below 0.06 small, below 0.14 medium, else large: J. Cohen's (1988)
conventions for η², applied to ε² (our reading; Tomczak & Tomczak 2014 report ε² on that scale)."""

MEASURES = ("known_share", "smallest_revenue_share", "smallest_client_share", "reach_share",
            "effect_size", "actionable", "stay_share", "ari")
"""What a scorecard criterion may measure (higher is better for every one), see :func:`criterion_values`."""

STRATEGIES = ("invest", "defend", "improve_margin", "serve_efficiently", "restructure")
"""Strategy ids of :func:`segment_strategies` (catalogue ``segment_profit.strategy.<id>``)."""

SEGMENT_COLUMNS = ["segment", "clients", "client_share", C.revenue, "revenue_share", "gross_margin",
                   "margin_share", "profit", "profit_share", "margin_pct", "profit_margin",
                   "revenue_per_client", "profit_per_client", "median_revenue", "median_orders",
                   "median_avg_order", "median_margin_pct", "reach_share", "revenue_prev", "growth"]
TEST_COLUMNS = ["candidate", "measure", "groups", "n", "h", "df", "p_value", "epsilon2", "effect",
                "significant", "circular"]
STABILITY_COLUMNS = ["candidate", "from_date", "to_date", "clients", "stayed", "stay_share", "ari"]
SCORE_COLUMNS = ["candidate", "criterion", "measure", "value", "threshold", "weight", "score", "passed"]
SUMMARY_COLUMNS = ["rank", "candidate", "kind", "dynamic", "segments", "score", "passed", "criteria"]
STRATEGY_COLUMNS = ["segment", "clients", C.revenue, "profit", "profit_share", "profit_margin",
                    "growth", "strategy"]


# --------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class SegmentRules:
    """How the internal candidates are computed (each rule of its own analysis, as a parameter).

    Attributes
    ----------
    months : int
        The window of the P&L, ABC and the revenue band: the last ``months`` months up to the date
        (default 12).
    abc_measure : str
        The measure of ABC (``revenue`` or ``gross_margin``; default revenue).
    abc_cuts : (float, float)
        The cumulative-share cuts of ABC (default 0.80, 0.95).
    band_quantiles : (float, float)
        The quantiles of the window's revenue that cut the revenue bands low / mid / high
        (default terciles).
    rfm_rules : RFMRules
        :class:`~kbcore.analyses.segmentation.RFMRules`.
    stage_rules : StageRules
        :class:`~kbcore.analyses.lifecycle.StageRules`.
    """

    months: int = 12
    abc_measure: str = "revenue"
    abc_cuts: tuple = (0.8, 0.95)
    band_quantiles: tuple = (1 / 3, 2 / 3)
    rfm_rules: RFMRules = DEFAULT_RFM_RULES
    stage_rules: StageRules = DEFAULT_STAGE_RULES

    def __post_init__(self) -> None:
        if isinstance(self.months, bool) or not isinstance(self.months, (int, np.integer)) or self.months < 1:
            raise ValueError(f"SegmentRules.months must be a whole number ≥ 1, not {self.months!r}")
        q = tuple(self.band_quantiles)
        if len(q) != 2 or not 0 < q[0] < q[1] < 1:
            raise ValueError(f"SegmentRules.band_quantiles must be two quantiles 0 < a < b < 1, not {q!r}")


DEFAULT_SEGMENT_RULES = SegmentRules()


# --------------------------------------------------------------------------- helpers
def _str_index(values) -> pd.Index:
    return pd.Index(pd.array(list(values), dtype="string"), dtype="string")


def _labels(values: pd.Series, index) -> pd.Series:
    """A label Series (string dtype) named ``segment`` over ``index`` (client ids)."""
    out = pd.Series(pd.array(list(values), dtype="string"), index=_str_index(index), name="segment")
    out.index.name = C.client_id
    return out


def _empty_labels(*missing: str) -> pd.Series:
    out = _labels([], [])
    out.attrs["missing"] = list(missing)
    return out


def _card_column(clients: pd.DataFrame | None, column: str) -> pd.Series:
    """The card column per client (stripped, empty → NA); missing ids in ``attrs``."""
    if clients is None or not len(clients) or C.client_id not in clients.columns:
        return _empty_labels("clients")
    if column not in clients.columns:
        return _empty_labels(f"clients.{column}")
    frame = pd.DataFrame({C.client_id: _ids(clients[C.client_id]),
                          "v": clients[column].astype("string").str.strip()})
    frame = frame.loc[frame[C.client_id].notna() & (frame[C.client_id] != "")]
    frame = frame.drop_duplicates(C.client_id, keep="first")
    values = frame["v"].mask(frame["v"] == "")
    out = _labels(values, frame[C.client_id])
    out.attrs["missing"] = [] if out.notna().any() else [f"clients.{column}"]
    return out


def _needs(clients: pd.DataFrame | None, surveys: pd.DataFrame | None, as_of: pd.Timestamp) -> pd.Series:
    """The client's latest stated need (``surveys.needs`` up to ``as_of``), else the card's ``needs``."""
    if surveys is not None and len(surveys) and {C.client_id, C.needs} <= set(surveys.columns):
        s = pd.DataFrame({C.client_id: _ids(surveys[C.client_id]),
                          "v": surveys[C.needs].astype("string").str.strip()})
        if C.date in surveys.columns:
            s["d"] = pd.to_datetime(surveys[C.date], errors="coerce")
            s = s.loc[s["d"].isna() | (s["d"] <= as_of)].sort_values("d", kind="mergesort")
        s = s.loc[s["v"].notna() & (s["v"] != "") & s[C.client_id].notna()]
        if len(s):
            s = s.drop_duplicates(C.client_id, keep="last").sort_values(C.client_id, kind="mergesort")
            out = _labels(s["v"], s[C.client_id])
            out.attrs["missing"] = []
            return out
    if clients is not None and len(clients) and "needs" in clients.columns:
        out = _card_column(clients, "needs")
        if out.notna().any():
            return out
    return _empty_labels("surveys.needs")


def _window_revenue(facts: Facts, lo, hi) -> pd.DataFrame:
    f = facts.clients(lo, hi)
    return f.assign(**{C.client_id: _ids(f[C.client_id])})


def _bands(revenue: pd.Series, quantiles) -> np.ndarray:
    """The band (low, mid, high) by the quantiles of the positive revenues (≤ q1 low, ≤ q2 mid, else high)."""
    values = revenue.to_numpy("float64")
    positive = values[values > 0]
    if not len(positive):
        return np.full(len(values), BAND_IDS[0], dtype=object)
    cuts = np.quantile(positive, list(quantiles))
    idx = np.searchsorted(cuts, values, side="left")
    return np.asarray(BAND_IDS, dtype=object)[np.minimum(idx, len(BAND_IDS) - 1)]


# --------------------------------------------------------------------------- candidates
def segment_labels(facts: Facts, candidate: str, clients: pd.DataFrame | None = None,
                   surveys: pd.DataFrame | None = None, *, as_of=None,
                   rules: SegmentRules = DEFAULT_SEGMENT_RULES) -> pd.Series:
    """One candidate segmentation as a function client → segment id, at ``as_of``.

    ::

        industry, segment, size, region = the client card's column (external; one value per client)
        needs        = the client's latest non-empty ``needs`` answer in the surveys up to as_of,
                       else the card's ``needs`` column (external)
        abc          = ABC class (A, B, C) by ``rules.abc_measure`` over W = the last
                       ``rules.months`` months up to as_of (:func:`~kbcore.analyses.segmentation.abc`)
        rfm          = the RFM segment id at as_of (:func:`~kbcore.analyses.segmentation.rfm`)
        stage        = the lifecycle stage at as_of (:func:`~kbcore.analyses.lifecycle.client_stages`)
        revenue_band = low / mid / high: the client's revenue in W against the quantiles
                       ``rules.band_quantiles`` of the positive revenues in W (≤ q1 low, ≤ q2 mid,
                       above high; revenue ≤ 0 low)

    Parameters
    ----------
    facts : Facts
    candidate : str
        One of :data:`CANDIDATES`.
    clients, surveys : DataFrame, optional
        The client card (its columns; ``key_account`` for the stage) and the surveys (``needs``).
    as_of : date-like, optional
        Default ``facts.as_of``.
    rules : SegmentRules

    Returns
    -------
    Series
        Segment ids (``string``, NA where the client has none) indexed by ``client_id``: every client
        of the card for a card field, every client labelled by the analysis for an internal one.
        ``attrs["missing"]``: what would enable it (``"clients"``, ``"clients.industry"``,
        ``"surveys.needs"``; ``"sales"`` without sales), empty when computed.

    Source: the five principles after Kotler & Keller (2016), ch. 9; each candidate by its own
    analysis (ABC: Dickie 1951; RFM: Hughes 1994; stages: the seminar's lifecycle, our reading).
    """
    if candidate not in CANDIDATES:
        raise ValueError(f"candidate must be one of {', '.join(CANDIDATES)}, not {candidate!r}")
    if not isinstance(rules, SegmentRules):
        raise ValueError("rules must be a SegmentRules")
    spec = CANDIDATES[candidate]
    if spec.source.startswith("clients."):
        return _card_column(clients, spec.source.split(".", 1)[1])
    if not facts.has_sales and as_of is None:
        return _empty_labels("surveys.needs" if candidate == "needs" else "sales")
    at = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    if candidate == "needs":
        return _needs(clients, surveys, at)
    if candidate == "rfm":
        r = rfm(facts, as_of=at, rules=rules.rfm_rules)
        out = _labels(r["rfm_segment"], r[C.client_id])
    elif candidate == "stage":
        s = client_stages(facts, clients, as_of=at, rules=rules.stage_rules)
        out = _labels(s["stage"], s[C.client_id])
    else:
        lo, hi = months_back(at, rules.months)
        window = _window_revenue(facts, lo, hi)
        if candidate == "abc":
            if rules.abc_measure not in window.columns:
                raise ValueError(f"abc_measure must be a facts column (revenue, gross_margin), "
                                 f"not {rules.abc_measure!r}")
            a = abc(window, measure=rules.abc_measure, cuts=rules.abc_cuts)
            out = _labels(a["abc"], a[C.client_id])
        else:
            out = _labels(_bands(window[C.revenue].astype("float64"), rules.band_quantiles),
                          window[C.client_id])
    out = out.sort_index(kind="mergesort")
    out.attrs["missing"] = [] if len(out) else ["sales"]
    return out


def candidate_labels(facts: Facts, clients: pd.DataFrame | None = None, surveys: pd.DataFrame | None = None,
                     *, candidates=DEFAULT_CANDIDATES, as_of=None, universe=None,
                     rules: SegmentRules = DEFAULT_SEGMENT_RULES) -> pd.DataFrame:
    """Every candidate's segment per client, side by side (:func:`segment_labels`).

    Parameters
    ----------
    universe : iterable of str, optional
        The clients (rows); default the clients with sales in the last ``rules.months`` months up
        to ``as_of``. A client a candidate does not label reads :data:`UNKNOWN`.

    Returns
    -------
    DataFrame
        ``client_id`` and one column per candidate whose data exists, sorted by client_id;
        ``attrs["missing"]`` = {candidate: [ids]} for those left out (not dropped silently: the
        review lists them).
    """
    at = facts.as_of if as_of is None and facts.has_sales else (
        None if as_of is None else pd.Timestamp(as_of).normalize())
    if universe is None:
        if at is None:
            universe = []
        else:
            lo, hi = months_back(at, rules.months)
            universe = _window_revenue(facts, lo, hi)[C.client_id]
    index = _str_index(sorted(dict.fromkeys(str(c).strip() for c in universe)))
    out = pd.DataFrame({C.client_id: pd.array(index, dtype="string")})
    missing: dict[str, list[str]] = {}
    for cand in candidates:
        lab = segment_labels(facts, cand, clients, surveys, as_of=at, rules=rules)
        if lab.attrs.get("missing"):
            missing[cand] = list(lab.attrs["missing"])
            continue
        lab = lab[~lab.index.duplicated()]
        out[cand] = lab.reindex(index).fillna(UNKNOWN).astype("string").to_numpy()
    out.attrs["missing"] = missing
    return out


# --------------------------------------------------------------------------- behaviour and reach
def behaviour(pnl: pd.DataFrame) -> pd.DataFrame:
    """Each client's behaviour measures from its P&L line.

    ::

        revenue    = revenue in the window
        orders     = orders in the window (distinct documents: the order frequency)
        avg_order  = revenue / orders                    (NaN without orders)
        margin_pct = gross_margin / revenue              (NaN when revenue ≤ 0 or no cost)

    Parameters
    ----------
    pnl : DataFrame
        :func:`~kbcore.analyses.profitability.client_pnl`.

    Returns
    -------
    DataFrame
        ``client_id`` and :data:`BEHAVIOUR_MEASURES`.
    """
    rev = pd.to_numeric(pnl[C.revenue], errors="coerce").astype("float64")
    orders = pd.to_numeric(pnl["orders"], errors="coerce").astype("float64")
    gm = pd.to_numeric(pnl["gross_margin"], errors="coerce").astype("float64")
    return pd.DataFrame({
        C.client_id: _ids(pnl[C.client_id]).to_numpy(),
        "revenue": rev.to_numpy(),
        "orders": orders.to_numpy(),
        "avg_order": (rev / orders).where(orders > 0).to_numpy(),
        "margin_pct": (gm / rev).where(rev > 0).to_numpy(),
    })


def segment_behaviour(pnl: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`behaviour` per client with its segment (:data:`UNKNOWN` when it has none).

    The table the differentiation tests and the behaviour chart are made of.

    Returns
    -------
    DataFrame
        ``client_id, segment`` and :data:`BEHAVIOUR_MEASURES`, in the P&L's order.
    """
    b = behaviour(pnl)
    lab = labels[~labels.index.duplicated()]
    lab.index = _ids(pd.Series(lab.index)).to_numpy()
    b.insert(1, "segment", lab.reindex(b[C.client_id]).fillna(UNKNOWN).astype("string").to_numpy())
    b["segment"] = b["segment"].astype("string")
    return b


def reachable(universe, clients: pd.DataFrame | None = None, contacts: pd.DataFrame | None = None) -> pd.Series:
    """Whether each client can be reached: an assigned manager on its card or a contact person.

    ::

        reachable = clients.manager is not empty  OR  the contacts table has a person of the client

    Only what the data has is used (``attrs["basis"]``: ``clients.manager``, ``contacts``); without
    either the result is NA and ``attrs["missing"] = ["clients.manager"]``.

    Parameters
    ----------
    universe : iterable of str
        The client ids.

    Returns
    -------
    Series
        boolean per client id.

    Source: Kotler & Keller (2016), ch. 9, "accessible: the segments can be effectively reached
    and served"; operationalised by us as a named person on either side.
    """
    index = _str_index([str(c).strip() for c in universe])
    basis: list[str] = []
    reach = pd.Series(False, index=index, dtype="boolean")
    if clients is not None and len(clients) and {C.client_id, C.manager} <= set(clients.columns):
        m = clients[C.manager].astype("string").str.strip()
        has = pd.Series((m.notna() & (m != "")).to_numpy(), index=_ids(clients[C.client_id]).to_numpy())
        has = has.groupby(level=0).any()
        reach |= has.reindex(index).fillna(False).astype("boolean").to_numpy()
        basis.append("clients.manager")
    if contacts is not None and len(contacts) and C.client_id in contacts.columns:
        who = set(_ids(contacts[C.client_id]).dropna())
        reach |= pd.Series(index.isin(list(who)), index=index).astype("boolean").to_numpy()
        basis.append("contacts")
    if not basis:
        reach = pd.Series(pd.NA, index=index, dtype="boolean")
    reach.index.name = C.client_id
    reach.attrs["basis"] = basis
    reach.attrs["missing"] = [] if basis else ["clients.manager"]
    return reach


# --------------------------------------------------------------------------- size and profit
def _total(values: pd.Series) -> float:
    v = values.dropna()
    return float(v.sum()) if len(v) else np.nan


def segment_table(pnl: pd.DataFrame, labels: pd.Series, *, reach: pd.Series | None = None,
                  previous: pd.Series | None = None) -> pd.DataFrame:
    """Size and profit of each segment, with its clients' median behaviour and growth.

    Per segment s (clients i of the P&L with label s; :data:`UNKNOWN` for a client without one)::

        clients, revenue, gross_margin, profit  = Σ over i (block 1's client P&L after cost to serve)
        client_share = clients / all clients;  revenue_share, margin_share, profit_share likewise
                       (profit_share may exceed 1 or be negative when other segments lose money)
        margin_pct    = gross_margin / revenue;  profit_margin = profit / revenue
        revenue_per_client, profit_per_client = the sums / clients
        median_revenue, median_orders, median_avg_order, median_margin_pct = medians of
                       :func:`behaviour` (not only means: one large client moves a mean)
        reach_share  = share of the segment's clients that can be reached (:func:`reachable`)
        revenue_prev = Σ revenue of the same clients in the previous window (``previous``)
        growth       = revenue / revenue_prev − 1     (NaN when revenue_prev ≤ 0)

    Parameters
    ----------
    pnl : DataFrame
        :func:`~kbcore.analyses.profitability.client_pnl` over the window.
    labels : Series
        Segment per client id (:func:`segment_labels`, or a column of :func:`candidate_labels`
        indexed by client_id).
    reach : Series, optional
        :func:`reachable` per client id.
    previous : Series, optional
        Revenue per client id in the previous window.

    Returns
    -------
    DataFrame
        :data:`SEGMENT_COLUMNS`, one row per segment, largest revenue first, :data:`UNKNOWN` last;
        ``attrs["missing"]`` has ``"sales.cost"`` when margin and profit are unknown.

    Source: the client P&L after cost to serve, Kaplan & Narayanan (2001), summed by segment.
    """
    b = behaviour(pnl)
    lab = labels[~labels.index.duplicated()]
    lab.index = _ids(pd.Series(lab.index)).to_numpy()
    b["segment"] = lab.reindex(b[C.client_id]).fillna(UNKNOWN).astype("string").to_numpy()
    b["gross_margin"] = pd.to_numeric(pnl["gross_margin"], errors="coerce").astype("float64").to_numpy()
    b["profit"] = pd.to_numeric(pnl["profit"], errors="coerce").astype("float64").to_numpy()
    b["reach"] = (reach.reindex(b[C.client_id]).astype("Float64").to_numpy("float64", na_value=np.nan)
                  if reach is not None else np.nan)
    b["prev"] = (previous.groupby(level=0).sum().reindex(b[C.client_id]).fillna(0.0).to_numpy("float64")
                 if previous is not None else np.nan)
    has_cost = bool(b["gross_margin"].notna().any())
    totals = {"clients": len(b), C.revenue: _total(b["revenue"]), "gross_margin": _total(b["gross_margin"]),
              "profit": _total(b["profit"])}
    g = b.groupby("segment", sort=False)
    agg = g.agg(clients=(C.client_id, "size"), revenue=("revenue", "sum"), gross_margin=("gross_margin", "sum"),
                profit=("profit", "sum"), median_revenue=("revenue", "median"),
                median_orders=("orders", "median"), median_avg_order=("avg_order", "median"),
                median_margin_pct=("margin_pct", "median"), reach_share=("reach", "mean"),
                revenue_prev=("prev", "sum")).reset_index()
    n, rev = agg["clients"].astype("float64"), agg["revenue"].astype("float64")
    if not has_cost:
        agg["gross_margin"] = agg["profit"] = np.nan
    if previous is None:
        agg["revenue_prev"] = np.nan
    share = lambda part, total: part / total if np.isfinite(total) and total != 0 else np.nan  # noqa: E731
    agg["client_share"] = share(n, totals["clients"])
    agg["revenue_share"] = share(rev, totals[C.revenue])
    agg["margin_share"] = share(agg["gross_margin"], totals["gross_margin"])
    agg["profit_share"] = share(agg["profit"], totals["profit"])
    agg["margin_pct"] = (agg["gross_margin"] / rev).where(rev > 0)
    agg["profit_margin"] = (agg["profit"] / rev).where(rev > 0)
    agg["revenue_per_client"] = rev / n
    agg["profit_per_client"] = agg["profit"] / n
    agg["growth"] = (rev / agg["revenue_prev"] - 1).where(agg["revenue_prev"] > 0)
    rows = agg.rename(columns={"revenue": C.revenue})[SEGMENT_COLUMNS]
    out = rows.copy()
    if len(out):
        out["_u"] = out["segment"] == UNKNOWN
        out = out.sort_values(["_u", C.revenue, "segment"], ascending=[True, False, True],
                              kind="mergesort").drop(columns="_u")
    out = out.reset_index(drop=True)
    out["segment"] = out["segment"].astype("string")
    out["clients"] = out["clients"].astype("int64")
    for col in SEGMENT_COLUMNS[2:]:
        if col != "clients":
            out[col] = out[col].astype("float64")
    out.attrs["missing"] = [] if has_cost or not len(b) else ["sales.cost"]
    return out


# --------------------------------------------------------------------------- differentiation
def epsilon_squared(h: float, n: int) -> float:
    """The effect size of a Kruskal–Wallis test: ε² = H / (n − 1).

    ::

        ε² = H / ((n² − 1) / (n + 1)) = H / (n − 1)        (0 … 1; NaN for n < 2 or H NaN)

    It is the share of the variance of the ranks explained by the groups; H grows with n, ε² does
    not, so a tiny difference on thousands of clients is "significant" but has a small ε².

    Source: M. Tomczak, E. Tomczak, "The need to report effect size estimates revisited. An overview
    of some recommended measures of effect size", *Trends in Sport Sciences* 21(1), 2014, pp. 19–25.
    """
    if n is None or n < 2 or h is None or not np.isfinite(h):
        return np.nan
    return float(h) / (float(n) - 1.0)


def effect_label(e2: float, cuts=EFFECT_CUTS) -> str | None:
    """``none`` / ``small`` / ``medium`` / ``large`` for ε² by ``cuts`` (None for NaN)."""
    if e2 is None or not np.isfinite(e2):
        return None
    a, b, c = cuts
    return "none" if e2 < a else "small" if e2 < b else "medium" if e2 < c else "large"


def differentiation(pnl: pd.DataFrame, labels: pd.Series, *, measures=BEHAVIOUR_MEASURES,
                    min_clients: int = 5, alpha: float = 0.05, candidate: str | None = None,
                    effect_cuts=EFFECT_CUTS, circular=None) -> pd.DataFrame:
    """How different the segments really are in behaviour: a Kruskal–Wallis test per measure.

    For each measure of :func:`behaviour`, the clients with a value are grouped by segment (the
    :data:`UNKNOWN` group and the segments with fewer than ``min_clients`` clients with a value are
    left out); with k groups and n clients::

        H  = the Kruskal–Wallis statistic with the tie correction (scipy.stats.kruskal)
        df = k − 1;  p_value = P(χ²_df ≥ H)
        ε² = H / (n − 1)                          (:func:`epsilon_squared`)
        effect = none / small / medium / large by ``effect_cuts``;  significant = p < alpha
        circular = the measure is one the segmentation is made of (``circular``, default the
                   candidate's ``defined_by``: ABC differs in revenue by construction)

    Why this test: per-client revenue and order counts are heavily skewed (a few large clients),
    so a comparison of means (ANOVA) would be driven by them; Kruskal–Wallis compares the
    distributions by ranks, and ε² says how large the difference is, not only whether it exists.
    Fewer than two groups, or every value equal, gives NaN.

    Returns
    -------
    DataFrame
        :data:`TEST_COLUMNS`, one row per measure.

    Source: Kruskal & Wallis (1952); Tomczak & Tomczak (2014) for ε².
    """
    if int(min_clients) < 1:
        raise ValueError(f"min_clients must be ≥ 1, not {min_clients!r}")
    if not 0 < float(alpha) < 1:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha!r}")
    if circular is None:
        circular = CANDIDATES[candidate].defined_by if candidate in CANDIDATES else ()
    b = segment_behaviour(pnl, labels)
    seg = b["segment"].to_numpy()
    rows = []
    for m in measures:
        if m not in BEHAVIOUR_MEASURES:
            raise ValueError(f"measures must be among {', '.join(BEHAVIOUR_MEASURES)}, not {m!r}")
        frame = pd.DataFrame({"s": seg, "v": b[m].to_numpy("float64")})
        frame = frame.loc[frame["v"].notna() & (frame["s"] != UNKNOWN)]
        groups = [g["v"].to_numpy() for _s, g in frame.groupby("s", sort=True) if len(g) >= int(min_clients)]
        n = int(sum(len(g) for g in groups))
        h = p = np.nan
        if len(groups) >= 2 and np.ptp(np.concatenate(groups)) > 0:
            try:
                res = stats.kruskal(*groups)
                h, p = float(res.statistic), float(res.pvalue)
            except ValueError:  # every value equal: the test is undefined
                h = p = np.nan
        e2 = epsilon_squared(h, n)
        rows.append({"candidate": candidate, "measure": m, "groups": len(groups), "n": n, "h": h,
                     "df": len(groups) - 1 if len(groups) >= 2 else np.nan, "p_value": p, "epsilon2": e2,
                     "effect": effect_label(e2, effect_cuts),
                     "significant": bool(p < alpha) if np.isfinite(p) else None,
                     "circular": m in tuple(circular)})
    out = pd.DataFrame(rows, columns=TEST_COLUMNS)
    out["candidate"] = out["candidate"].astype("string")
    out["measure"] = out["measure"].astype("string")
    out["effect"] = out["effect"].astype("string")
    out["significant"] = out["significant"].astype("boolean")
    out["circular"] = out["circular"].astype(bool)
    for col in ("groups", "n"):
        out[col] = out[col].astype("int64")
    for col in ("h", "df", "p_value", "epsilon2"):
        out[col] = out[col].astype("float64")
    return out


# --------------------------------------------------------------------------- stability
def adjusted_rand(a, b) -> float:
    """The adjusted Rand index of two partitions of the same clients (1 = identical, ≈ 0 = chance).

    With the contingency table n_ij (clients in segment i of ``a`` and j of ``b``), its row sums
    a_i, column sums b_j and n clients::

        index    = Σ_ij C(n_ij, 2)
        expected = Σ_i C(a_i, 2) · Σ_j C(b_j, 2) / C(n, 2)
        maximum  = (Σ_i C(a_i, 2) + Σ_j C(b_j, 2)) / 2
        ARI      = (index − expected) / (maximum − expected)

    1.0 when maximum = expected (both partitions one group, or both all singletons); NaN for n < 2.
    Pairs where either label is NA are dropped.

    Source: L. Hubert, P. Arabie, "Comparing partitions", *Journal of Classification* 2 (1985),
    pp. 193–218.
    """
    frame = pd.DataFrame({"a": pd.Series(list(a), dtype="object"), "b": pd.Series(list(b), dtype="object")})
    frame = frame.loc[frame["a"].notna() & frame["b"].notna()]
    n = len(frame)
    if n < 2:
        return np.nan
    ca, ua = pd.factorize(frame["a"].astype(str))
    cb, ub = pd.factorize(frame["b"].astype(str))
    table = np.bincount(ca * len(ub) + cb, minlength=len(ua) * len(ub)).reshape(len(ua), len(ub)).astype("float64")

    def pairs(x):
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    sa, sb = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = sa * sb / (n * (n - 1) / 2)
    maximum = (sa + sb) / 2
    if maximum == expected:
        return 1.0
    return float((index - expected) / (maximum - expected))


def _snapshot_dates(facts: Facts, as_of: pd.Timestamp, years: int, months: int) -> list[pd.Timestamp]:
    """as_of, as_of − 1 year, … (at most ``years`` back), each with a full window of sales history."""
    first = facts.first_day()
    out = []
    for k in range(int(years), -1, -1):
        d = (as_of - pd.DateOffset(years=k)).normalize()
        if first is not None and months_back(d, months)[0] >= first.normalize():
            out.append(pd.Timestamp(d))
    return out


def stability(facts: Facts, clients: pd.DataFrame | None = None, *, candidates=DEFAULT_CANDIDATES,
              as_of=None, years: int = 3, rules: SegmentRules = DEFAULT_SEGMENT_RULES) -> pd.DataFrame:
    """How stable membership is from one year to the next, for the candidates that change over time.

    Snapshots at as_of, as_of − 1 year, …, as_of − ``years`` years (only those whose window of
    ``rules.months`` months lies inside the sales history); for each pair of consecutive snapshots
    and the clients labelled at both (:func:`segment_labels`)::

        clients    = clients with a segment at both dates
        stayed     = clients in the same segment at both
        stay_share = stayed / clients
        ari        = the adjusted Rand index of the two labellings (:func:`adjusted_rand`)

    A card field (industry …) keeps one value per client — its history is not in the data — so it
    has no rows here (it is stable by construction, not by measurement).

    Returns
    -------
    DataFrame
        :data:`STABILITY_COLUMNS`, one row per dynamic candidate and pair of years, oldest first.

    Source: Hubert & Arabie (1985); the year-to-year stay share is the diagonal of the transition
    matrix (as :func:`kbcore.analyses.lifecycle.transition_matrix`).
    """
    rows = []
    if facts.has_sales or as_of is not None:
        at = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
        dates = _snapshot_dates(facts, at, years, rules.months) if facts.has_sales else []
        for cand in candidates:
            if not CANDIDATES[cand].dynamic:
                continue
            snaps = [segment_labels(facts, cand, clients, as_of=d, rules=rules) for d in dates]
            for d0, d1, s0, s1 in zip(dates, dates[1:], snaps, snaps[1:], strict=False):
                both = s0.dropna().index.intersection(s1.dropna().index)
                x, y = s0.reindex(both), s1.reindex(both)
                stayed = int((x.to_numpy() == y.to_numpy()).sum())
                rows.append({"candidate": cand, "from_date": d0, "to_date": d1, "clients": len(both),
                             "stayed": stayed, "stay_share": stayed / len(both) if len(both) else np.nan,
                             "ari": adjusted_rand(x, y)})
    out = pd.DataFrame(rows, columns=STABILITY_COLUMNS)
    out["candidate"] = out["candidate"].astype("string")
    for col in ("from_date", "to_date"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    for col in ("clients", "stayed"):
        out[col] = out[col].astype("int64")
    for col in ("stay_share", "ari"):
        out[col] = out[col].astype("float64")
    return out


# --------------------------------------------------------------------------- the template
@dataclass(frozen=True)
class Criterion:
    """One criterion of the scorecard: what it measures, its bar and its weight.

    ``label`` and ``question`` are ``{en, ru, bg}`` texts (the trainer may rename a criterion).
    """

    id: str
    measure: str
    threshold: float
    weight: float
    label: dict
    question: dict | None = None


@dataclass(frozen=True)
class SegmentationTemplate:
    """The validated scorecard template (:func:`segmentation_template`)."""

    title: dict
    criteria: tuple[Criterion, ...]
    alpha: float = 0.05
    min_clients: int = 20
    max_segments: int = 8
    test_min_clients: int = 5
    ours: bool = True
    file: str | None = None


_CRIT_FORM = ("{id: measurable, measure: known_share, threshold: 0.9, weight: 1, "
              "label: {en: …, ru: …, bg: …}}")
_SHARE_MEASURES = {"known_share", "smallest_revenue_share", "smallest_client_share", "reach_share",
                   "effect_size", "actionable", "stay_share"}


def _whole(value, file, key: str, *, low: int, example: str) -> int:
    v = template_number(_KIND, value, file, key, low=low, example=example)
    if v != int(v):
        template_error(_KIND, "not_number", file, key, value=value, example=example)
    return int(v)


def segmentation_template(data, *, file=None) -> SegmentationTemplate:
    """Validate a scorecard template given as a dict (the parsed YAML).

    Form (every text in en, ru and bg)::

        title: {en: …, ru: …, bg: …}
        ours: true                   # the criteria's operationalisation is our reading
        rules: {alpha: 0.05, min_clients: 20, max_segments: 8, test_min_clients: 5}
        criteria:
          - {id: measurable, measure: known_share, threshold: 0.9, weight: 1,
             label: {en: …, ru: …, bg: …}, question: {en: …, ru: …, bg: …}}
          - …

    Rules: ``criteria`` a non-empty list; ids unique (lowercase Latin, digits, _); ``measure`` one
    of :data:`MEASURES`; ``threshold`` in 0–1 for a share (every measure but ``ari``, which may be
    −1–1); ``weight`` ≥ 0 and not all 0; ``alpha`` in (0, 1) (0.001–0.5); ``min_clients``,
    ``test_min_clients`` ≥ 1, ``max_segments`` ≥ 2 whole numbers.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` ``template.<problem>`` naming the file, the key
        (``criteria[2].threshold``), what is wrong and what to do.

    Source: Kotler & Keller (2016), ch. 9 (the five criteria); the form and the defaults are ours.
    """
    template_keys(_KIND, data, {"title", "ours", "rules", "criteria"}, file, None, (),
                  "title: {en: …, ru: …, bg: …}", shape_key="title")
    if data.get("title") is None:
        template_error(_KIND, "missing_key", file, "title", form="title: {en: …, ru: …, bg: …}")
    if data.get("criteria") is None:
        template_error(_KIND, "missing_key", file, "criteria", form=f"criteria: [{_CRIT_FORM}]")
    title = template_texts(_KIND, data["title"], file, "title")
    ours = data.get("ours", True)
    if not isinstance(ours, bool):
        template_error(_KIND, "wrong_shape", file, "ours", form="ours: true")
    rules = data.get("rules") or {}
    template_keys(_KIND, rules, {"alpha", "min_clients", "max_segments", "test_min_clients"}, file, "rules",
                  (), "{alpha: 0.05, min_clients: 20, max_segments: 8}")
    alpha = template_number(_KIND, rules.get("alpha", 0.05), file, "rules.alpha", low=0.001, high=0.5,
                            example="0.05", what="alpha")
    min_clients = _whole(rules.get("min_clients", 20), file, "rules.min_clients", low=1, example="20")
    max_segments = _whole(rules.get("max_segments", 8), file, "rules.max_segments", low=2, example="8")
    test_min = _whole(rules.get("test_min_clients", 5), file, "rules.test_min_clients", low=1, example="5")
    raw = data["criteria"]
    if not isinstance(raw, list) or not raw:
        template_error(_KIND, "empty", file, "criteria", form=f"criteria: [{_CRIT_FORM}]")
    criteria: list[Criterion] = []
    for i, node in enumerate(raw):
        where = f"criteria[{i}]"
        template_keys(_KIND, node, {"id", "measure", "threshold", "weight", "label", "question"}, file, where,
                      ("id", "measure", "threshold", "label"), _CRIT_FORM)
        cid = node["id"]
        if not isinstance(cid, str) or not cid.strip() or not cid.replace("_", "").isalnum() \
                or not cid.isascii() or cid != cid.lower():
            template_error(_KIND, "wrong_shape", file, f"{where}.id", form="id: measurable")
        if any(c.id == cid for c in criteria):
            template_error(_KIND, "duplicate_id", file, f"{where}.id", id=cid)
        measure = node["measure"]
        if measure not in MEASURES:
            template_error(_KIND, "unknown_measure", file, f"{where}.measure", value=measure,
                           allowed=", ".join(MEASURES))
        low, high = (-1.0, 1.0) if measure == "ari" else (0.0, 1.0)
        threshold = template_number(_KIND, node["threshold"], file, f"{where}.threshold", low=low, high=high,
                                    example="0.9", what="seg_threshold")
        weight = template_number(_KIND, node.get("weight", 1), file, f"{where}.weight", low=0, example="1",
                                 what="weight")
        label = template_texts(_KIND, node["label"], file, f"{where}.label")
        question = template_texts(_KIND, node.get("question"), file, f"{where}.question", required=False)
        criteria.append(Criterion(cid, measure, threshold, weight, label, question))
    if not any(c.weight > 0 for c in criteria):
        template_error(_KIND, "weights_zero", file, "criteria")
    return SegmentationTemplate(title=title, criteria=tuple(criteria), alpha=alpha, min_clients=min_clients,
                                max_segments=max_segments, test_min_clients=test_min, ours=ours,
                                file=None if file is None else str(file))


def load_segmentation_template(path=None) -> SegmentationTemplate:
    """Read and validate the segmentation scorecard (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`TEMPLATE` (``data/templates/kpi_segmentation.yaml``: Kotler's five
        principles, operationalised by us).

    Returns
    -------
    SegmentationTemplate
        See :func:`segmentation_template` for the rules.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML, or breaks a rule (the message names the key).
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return segmentation_template(data, file=path)


def template_with(template: SegmentationTemplate, bars: Mapping | None = None, *,
                  min_clients: int | None = None, max_segments: int | None = None) -> SegmentationTemplate:
    """The same scorecard with other bars (thresholds) or rules, validated like the file.

    ::

        threshold_k = bars[k] for every criterion id k in bars, else the template's
        min_clients, max_segments = the given ones, else the template's

    For a notebook's "what if the bar were stricter": ``template_with(tpl, {"substantial": 0.05})``.

    Parameters
    ----------
    template : SegmentationTemplate
    bars : mapping, optional
        {criterion id: new threshold}.
    min_clients, max_segments : int, optional

    Returns
    -------
    SegmentationTemplate

    Raises
    ------
    TemplateError
        A criterion id the template does not have (``template.unknown_key``) or a value that breaks
        a rule of :func:`segmentation_template`.
    """
    bars = dict(bars or {})
    ids = [k.id for k in template.criteria]
    extra = sorted(set(map(str, bars)) - set(ids))
    if extra:
        template_error(_KIND, "unknown_key", template.file, "criteria", keys=", ".join(extra),
                       allowed=", ".join(ids))
    crit = []
    for k in template.criteria:
        node = {"id": k.id, "measure": k.measure, "threshold": bars.get(k.id, k.threshold), "weight": k.weight,
                "label": dict(k.label)}
        if k.question:
            node["question"] = dict(k.question)
        crit.append(node)
    data = {"title": dict(template.title), "ours": template.ours, "criteria": crit,
            "rules": {"alpha": template.alpha, "test_min_clients": template.test_min_clients,
                      "min_clients": template.min_clients if min_clients is None else min_clients,
                      "max_segments": template.max_segments if max_segments is None else max_segments}}
    return segmentation_template(data, file=template.file)


# --------------------------------------------------------------------------- the scorecard
def criterion_values(table: pd.DataFrame, tests: pd.DataFrame | None = None,
                     stab: pd.DataFrame | None = None, *, alpha: float = 0.05, min_clients: int = 20,
                     max_segments: int = 8) -> dict[str, float]:
    """Every measure of :data:`MEASURES` for one candidate (our operationalisation of Kotler's criteria).

    With the known segments K (all but :data:`UNKNOWN`) of the candidate's :func:`segment_table`::

        known_share            = clients in K / all clients            (measurable)
        smallest_revenue_share = min over K of the segment's revenue share    (substantial)
        smallest_client_share  = min over K of the segment's client share     (substantial)
        reach_share            = min over K of the segment's reach_share      (accessible: the
                                 weakest segment's share of clients with a manager or a contact)
        effect_size            = max ε² over the behaviour measures with p < alpha that are not
                                 circular (not what the segmentation is made of), 0 when none is
                                 significant, NaN when no test could be made   (differentiable)
        actionable             = 1 when 2 ≤ |K| ≤ max_segments and every segment of K has at least
                                 min_clients clients, else 0                   (actionable)
        stay_share, ari        = mean over the pairs of years of :func:`stability` (NaN for a card
                                 field: not measured)

    A value that cannot be measured is NaN.

    Source: Kotler & Keller (2016), ch. 9; the measures are our reading.
    """
    known = table.loc[table["segment"] != UNKNOWN]
    total = float(table["clients"].sum())
    out: dict[str, float] = {}
    out["known_share"] = float(known["clients"].sum()) / total if total else np.nan
    out["smallest_revenue_share"] = float(known["revenue_share"].min()) if len(known) else np.nan
    out["smallest_client_share"] = float(known["client_share"].min()) if len(known) else np.nan
    reach = known["reach_share"].dropna()
    out["reach_share"] = float(reach.min()) if len(reach) else np.nan
    fair = tests if tests is None or "circular" not in tests.columns else tests.loc[~tests["circular"]]
    if fair is None or not len(fair) or fair["p_value"].isna().all():
        out["effect_size"] = np.nan
    else:
        sig = fair.loc[fair["p_value"] < alpha, "epsilon2"].dropna()
        out["effect_size"] = float(sig.max()) if len(sig) else 0.0
    k = len(known)
    out["actionable"] = float(2 <= k <= int(max_segments) and bool(len(known))
                              and int(known["clients"].min()) >= int(min_clients)) if total else np.nan
    if stab is None or not len(stab):
        out["stay_share"] = out["ari"] = np.nan
    else:
        out["stay_share"] = float(stab["stay_share"].mean())
        out["ari"] = float(stab["ari"].mean())
    return out


def _score(value: float, threshold: float, measure: str) -> float:
    """min(value / threshold, 1), in [0, 1]; for the ARI (which may be negative) on (value+1)/(threshold+1)."""
    if not np.isfinite(value):
        return np.nan
    if measure == "ari":
        value, threshold = value + 1.0, threshold + 1.0
    if threshold <= 0:
        return 1.0 if value >= threshold else 0.0
    return float(min(max(value / threshold, 0.0), 1.0))


def scorecard(values: Mapping[str, Mapping[str, float]], template: SegmentationTemplate,
              candidates: Mapping[str, Candidate] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scorecard: every criterion of ``template`` on every candidate, and the ranking.

    For candidate c and criterion k (measure m_k, threshold t_k, weight w_k) with value v = the
    candidate's m_k (:func:`criterion_values`)::

        passed = v ≥ t_k                                        (NA when v is NaN)
        score  = min(v / t_k, 1) clipped at 0                   (t_k = 0: 1 when v ≥ 0)
                 — for the ARI, on (v + 1) / (t_k + 1)
        total  = Σ w_k · score_k / Σ w_k over the criteria with a value   (0 … 1)

    Candidates are ranked by total, then by criteria passed, then by the effect size (how different
    the segments really are: the heart of a segmentation), then by id. A criterion that cannot be
    measured for a candidate does not count against it: its weight leaves the denominator.

    Parameters
    ----------
    values : mapping
        {candidate: :func:`criterion_values`}.
    template : SegmentationTemplate
    candidates : mapping, optional
        :data:`CANDIDATES` (kind and dynamic of each).

    Returns
    -------
    (DataFrame, DataFrame)
        The long scorecard (:data:`SCORE_COLUMNS`) and the summary (:data:`SUMMARY_COLUMNS`, best
        first; ``segments`` is taken from ``values[c]["segments"]`` when given).

    Source: a weighted scoring model of the criteria (Kotler & Keller 2016, ch. 9, for the
    criteria); the scoring is ours.
    """
    cands = CANDIDATES if candidates is None else candidates
    rows, summary = [], []
    for cand, vals in values.items():
        num = den = 0.0
        passed = measured = 0
        for k in template.criteria:
            v = float(vals.get(k.measure, np.nan))
            s = _score(v, k.threshold, k.measure)
            ok = None if not np.isfinite(v) else bool(v >= k.threshold)
            if np.isfinite(s):
                num += k.weight * s
                den += k.weight
                measured += 1
                passed += int(bool(ok))
            rows.append({"candidate": cand, "criterion": k.id, "measure": k.measure, "value": v,
                         "threshold": k.threshold, "weight": k.weight, "score": s, "passed": ok})
        spec = cands.get(cand)
        summary.append({"candidate": cand, "kind": spec.kind if spec else None,
                        "dynamic": spec.dynamic if spec else None,
                        "segments": int(vals.get("segments", 0)),
                        "score": num / den if den > 0 else np.nan, "passed": passed, "criteria": measured})
    card = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    for col in ("candidate", "criterion", "measure"):
        card[col] = card[col].astype("string")
    for col in ("value", "threshold", "weight", "score"):
        card[col] = card[col].astype("float64")
    card["passed"] = card["passed"].astype("boolean")
    summ = pd.DataFrame(summary, columns=[c for c in SUMMARY_COLUMNS if c != "rank"])
    if len(summ):
        summ["_s"] = summ["score"].fillna(-1.0)
        summ["_e"] = [float(values[c].get("effect_size", np.nan)) for c in summ["candidate"]]
        summ["_e"] = summ["_e"].fillna(-1.0)
        summ = summ.sort_values(["_s", "passed", "_e", "candidate"], ascending=[False, False, False, True],
                                kind="mergesort").drop(columns=["_s", "_e"])
    summ = summ.reset_index(drop=True)
    summ.insert(0, "rank", np.arange(1, len(summ) + 1, dtype="int64"))
    for col in ("candidate", "kind"):
        summ[col] = summ[col].astype("string")
    summ["dynamic"] = summ["dynamic"].astype("boolean")
    for col in ("segments", "passed", "criteria"):
        summ[col] = summ[col].astype("int64")
    summ["score"] = summ["score"].astype("float64")
    return card, summ


# --------------------------------------------------------------------------- strategies
def segment_strategies(table: pd.DataFrame, *, top: int = 5, growth_cut: float | None = None,
                       margin_ref: float | None = None) -> pd.DataFrame:
    """How to manage each of the most important segments: a strategy id by profit margin and growth.

    The ``top`` known segments by profit (by revenue when profit is unknown); with the reference
    margin r (default the company's profit margin: Σ profit / Σ revenue of the table), the growth
    cut (default the company's growth: Σ revenue / Σ revenue_prev − 1, 0 when unknown) and a
    segment's profit margin m and growth g::

        restructure        profit < 0                   (the segment loses money after cost to serve)
        invest             m ≥ r and g ≥ growth_cut     (profitable and growing: put people on it)
        defend             m ≥ r and g < growth_cut     (profitable, not growing: keep it)
        improve_margin     m < r and g ≥ growth_cut     (growing on a thin margin: price, mix, cost)
        serve_efficiently  m < r and g < growth_cut     (thin and flat: the cheapest way to serve)

    An unknown growth counts as below the cut; without cost (no profit) the strategy is NA.

    Returns
    -------
    DataFrame
        :data:`STRATEGY_COLUMNS`; ``attrs["margin_ref"]``, ``attrs["growth_cut"]``,
        ``attrs["missing"]`` (``["sales.cost"]`` without profit).

    Source: our reading, after the portfolio logic of Kotler & Keller (2016), ch. 9 (choose the
    segments to serve and how) and the profit-and-growth view of the client P&L (block 1).
    """
    if isinstance(top, bool) or not isinstance(top, numbers.Integral) or top < 1:
        raise ValueError(f"top must be a whole number ≥ 1, not {top!r}")
    known = table.loc[table["segment"] != UNKNOWN].copy()
    has_profit = bool(known["profit"].notna().any())
    if margin_ref is None:
        rev, pr = float(table[C.revenue].sum()), float(table["profit"].sum()) if has_profit else np.nan
        margin_ref = pr / rev if rev > 0 and has_profit else np.nan
    if growth_cut is None:
        prev = float(table["revenue_prev"].sum()) if table["revenue_prev"].notna().any() else np.nan
        growth_cut = float(table[C.revenue].sum()) / prev - 1 if np.isfinite(prev) and prev > 0 else 0.0
    key = "profit" if has_profit else C.revenue
    known = known.sort_values([key, "segment"], ascending=[False, True], kind="mergesort").head(int(top))
    strat = []
    for row in known.itertuples(index=False):
        p, m, g = row.profit, row.profit_margin, row.growth
        if not has_profit or not np.isfinite(p):
            strat.append(pd.NA)
            continue
        grow = bool(np.isfinite(g) and g >= growth_cut)
        if p < 0:
            strat.append("restructure")
        elif np.isfinite(m) and np.isfinite(margin_ref) and m >= margin_ref:
            strat.append("invest" if grow else "defend")
        else:
            strat.append("improve_margin" if grow else "serve_efficiently")
    out = pd.DataFrame({c: known[c].to_numpy() for c in STRATEGY_COLUMNS[:-1]})
    out["strategy"] = pd.array(strat, dtype="string")
    out["segment"] = out["segment"].astype("string")
    out["clients"] = out["clients"].astype("int64")
    for col in (C.revenue, "profit", "profit_share", "profit_margin", "growth"):
        out[col] = out[col].astype("float64")
    out.attrs.update(margin_ref=float(margin_ref) if margin_ref is not None else np.nan,
                     growth_cut=float(growth_cut), missing=[] if has_profit else ["sales.cost"])
    return out


# --------------------------------------------------------------------------- the review
@dataclass(frozen=True)
class SegmentationReview:
    """Every candidate segmentation measured and scored (:func:`review_segmentations`).

    Attributes
    ----------
    candidates : DataFrame
        ``candidate, kind, dynamic, source, available, segments, known_share, missing`` — every
        candidate asked for, those without data included (``available`` False, ``missing`` the
        first id that would enable it).
    labels : DataFrame
        :func:`candidate_labels` over the window's clients.
    pnl : DataFrame
        The client P&L over the window.
    tables : dict
        {candidate: :func:`segment_table`}.
    tests : DataFrame
        :func:`differentiation` of every available candidate, stacked.
    stability : DataFrame
        :func:`stability` of the dynamic candidates.
    scorecard, summary : DataFrame
        :func:`scorecard`.
    best : str or None
        The first candidate of the summary.
    template : SegmentationTemplate
    as_of : Timestamp
    window : (Timestamp, Timestamp)
    missing : tuple of str
        What the whole review lacks (``"sales.cost"``, ``"clients.manager"``, ``"sales"``).
    """

    candidates: pd.DataFrame
    labels: pd.DataFrame
    pnl: pd.DataFrame
    tables: dict
    tests: pd.DataFrame
    stability: pd.DataFrame
    scorecard: pd.DataFrame
    summary: pd.DataFrame
    best: str | None
    template: SegmentationTemplate
    as_of: pd.Timestamp | None
    window: tuple | None
    missing: tuple[str, ...] = field(default_factory=tuple)


def review_segmentations(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    surveys: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    template: SegmentationTemplate | None = None,
    candidates=DEFAULT_CANDIDATES,
    rates: CostToServeRates | None = None,
    currency: str | None = None,
    as_of=None,
    years: int = 3,
    rules: SegmentRules = DEFAULT_SEGMENT_RULES,
) -> SegmentationReview:
    """The five principles applied, on the data, to every candidate segmentation.

    Steps (W = the last ``rules.months`` months up to as_of, P the window before it)::

        pnl        = client_pnl(facts, clients, interactions, rates, W)      (block 1)
        labels     = candidate_labels over the clients of the P&L
        tables[c]  = segment_table(pnl, labels[c], reach, revenue in P)
        tests      = differentiation per candidate (min group: template.test_min_clients)
        stability  = stability of the dynamic candidates over ``years`` years
        values[c]  = criterion_values(tables[c], tests[c], stability[c])
        scorecard, summary = scorecard(values, template);  best = summary's first

    Parameters
    ----------
    facts : Facts
    clients, surveys, interactions, contacts : DataFrame, optional
        The canonical tables (the card's columns, surveys' ``needs``, visits for the cost to
        serve, contact persons for the reach).
    template : SegmentationTemplate, optional
        Default :func:`load_segmentation_template` (the packaged file).
    candidates : sequence of str
        Default every one of :data:`CANDIDATES`.
    rates : CostToServeRates, optional
        Default ``rates_for(currency)`` (block 1's rates in the data's currency).
    currency : str, optional
        The data's currency (``Dataset.currency``), for the default rates.
    as_of : date-like, optional
    years : int
        How many years back the stability looks (default 3).
    rules : SegmentRules

    Returns
    -------
    SegmentationReview

    Source: Kotler & Keller (2016), ch. 9; see the module docstring for the tests and indices.
    """
    template = load_segmentation_template() if template is None else template
    rates = rates_for(currency) if rates is None else rates
    unknown = [c for c in candidates if c not in CANDIDATES]
    if unknown:
        raise ValueError(f"unknown candidates {unknown!r}: use {', '.join(CANDIDATES)}")
    missing: list[str] = []
    if not facts.has_sales and as_of is None:
        at = window = None
        pnl = client_pnl(facts, clients, interactions, rates=rates)
        missing.append("sales")
    else:
        at = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
        window = months_back(at, rules.months)
        pnl = client_pnl(facts, clients, interactions, rates=rates, start=window[0], end=window[1])
    universe = _ids(pnl[C.client_id]).tolist()
    labels = candidate_labels(facts, clients, surveys, candidates=candidates, as_of=at, universe=universe,
                              rules=rules)
    reach = reachable(universe, clients, contacts)
    missing += reach.attrs["missing"]
    previous = None
    if window is not None:
        plo, phi = months_back(window[0] - pd.Timedelta(days=1), rules.months)
        prev = _window_revenue(facts, plo, phi)
        previous = pd.Series(prev[C.revenue].astype("float64").to_numpy(), index=prev[C.client_id].to_numpy())
    avail = [c for c in candidates if c in labels.columns]
    stab = stability(facts, clients, candidates=avail, as_of=at, years=years, rules=rules) \
        if at is not None else stability(facts, candidates=())
    tables, tests, values, cand_rows = {}, [], {}, []
    indexed = labels.set_index(C.client_id)
    for cand in candidates:
        spec = CANDIDATES[cand]
        if cand not in avail:
            why = labels.attrs["missing"].get(cand, ["sales"])
            cand_rows.append({"candidate": cand, "kind": spec.kind, "dynamic": spec.dynamic, "source": spec.source,
                              "available": False, "segments": 0, "known_share": np.nan, "missing": why[0]})
            continue
        lab = indexed[cand]
        table = segment_table(pnl, lab, reach=reach, previous=previous)
        test = differentiation(pnl, lab, min_clients=template.test_min_clients, alpha=template.alpha,
                               candidate=cand)
        vals = criterion_values(table, test, stab.loc[stab["candidate"] == cand], alpha=template.alpha,
                                min_clients=template.min_clients, max_segments=template.max_segments)
        vals["segments"] = int((table["segment"] != UNKNOWN).sum())
        tables[cand], values[cand] = table, vals
        tests.append(test)
        cand_rows.append({"candidate": cand, "kind": spec.kind, "dynamic": spec.dynamic, "source": spec.source,
                          "available": True, "segments": vals["segments"], "known_share": vals["known_share"],
                          "missing": None})
    if len(pnl) and pnl["gross_margin"].isna().all():
        missing.append("sales.cost")
    card, summary = scorecard(values, template)
    cand_table = pd.DataFrame(cand_rows, columns=["candidate", "kind", "dynamic", "source", "available",
                                                  "segments", "known_share", "missing"])
    for col in ("candidate", "kind", "source", "missing"):
        cand_table[col] = cand_table[col].astype("string")
    cand_table["segments"] = cand_table["segments"].astype("int64")
    cand_table["known_share"] = cand_table["known_share"].astype("float64")
    tests_frame = (pd.concat(tests, ignore_index=True) if tests
                   else differentiation(pnl.iloc[:0], pd.Series(dtype="string")).iloc[:0])
    best = str(summary["candidate"].iloc[0]) if len(summary) and summary["score"].notna().iloc[0] else None
    return SegmentationReview(candidates=cand_table, labels=labels, pnl=pnl, tables=tables, tests=tests_frame,
                              stability=stab, scorecard=card, summary=summary, best=best, template=template,
                              as_of=at, window=window, missing=tuple(dict.fromkeys(missing)))


def rescore(review: SegmentationReview, template: SegmentationTemplate) -> SegmentationReview:
    """The same review scored on another scorecard, without computing the segments again.

    The segment tables, labels, P&L and stability are kept; the tests of differences are made again
    with the new template's ``alpha`` and ``test_min_clients`` (:func:`differentiation` on the
    review's P&L and labels), then :func:`criterion_values` and :func:`scorecard` as in
    :func:`review_segmentations`. For "what if the bar were stricter" (:func:`template_with`).

    Parameters
    ----------
    review : SegmentationReview
    template : SegmentationTemplate

    Returns
    -------
    SegmentationReview
        With the new ``tests``, ``scorecard``, ``summary``, ``best`` and ``template``.

    Source: as :func:`review_segmentations`.
    """
    indexed = review.labels.set_index(C.client_id) if len(review.labels.columns) else None
    tests, values = [], {}
    for cand, table in review.tables.items():
        test = differentiation(review.pnl, indexed[cand], min_clients=template.test_min_clients,
                               alpha=template.alpha, candidate=cand)
        vals = criterion_values(table, test, review.stability.loc[review.stability["candidate"] == cand],
                                alpha=template.alpha, min_clients=template.min_clients,
                                max_segments=template.max_segments)
        vals["segments"] = int((table["segment"] != UNKNOWN).sum())
        values[cand] = vals
        tests.append(test)
    card, summary = scorecard(values, template)
    tests_frame = pd.concat(tests, ignore_index=True) if tests else review.tests.iloc[:0]
    best = str(summary["candidate"].iloc[0]) if len(summary) and summary["score"].notna().iloc[0] else None
    return replace(review, tests=tests_frame, scorecard=card, summary=summary, best=best, template=template)

