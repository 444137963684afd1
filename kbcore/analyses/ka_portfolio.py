"""Blocks 7–8 · The key-account portfolio matrix (the seminar's «KAISM») and how many key accounts we need.

The seminar names an unpublished author model «KAISM» (key account identification and selection
matrix). The documented public model it builds on is the key-account portfolio (selection)
matrix of M. McDonald, T. Millman and B. Rogers, "Key account management: theory, practice and
challenges", *Journal of Marketing Management* 13(8), 1997, and M. McDonald, D. Woodburn,
*Key Account Management: The Definitive Guide*, 2nd ed., Butterworth-Heinemann 2007 (ch. on
selecting and categorising key accounts):

* Y axis — **account attractiveness** to us (volume, growth, profitability, strategic fit …);
* X axis — **our relative strength** in the account (share of wallet, relationship length, DMU
  coverage, satisfaction …);
* each criterion scored 1–10, an axis = the weighted mean of its criteria; cut lines split the
  clients into four quadrants, each with a strategy id (see :data:`QUADRANT_KEYS`).

The quadrants and their default strategy ids, with the literature's names as we read them
(McDonald & Woodburn 2007 name the account categories; the strategies are those of McDonald's
directional policy matrix, *Marketing Plans*, ch. on portfolio analysis)::

    attractiveness  strength  template key  strategy id          McDonald & Woodburn
    high            high      high_high     invest_for_growth    "strategic" accounts
    high            low       high_low      invest_selectively   "star" accounts
    low             high      low_high      maintain             "status" accounts
    low             low       low_low       manage_for_cash      "streamline" accounts

A score exactly on a cut line counts as high. The ids are template values: a trainer who uses
other names changes them in the YAML.

The criteria, weights, scales, cut lines, quadrant ids and the horizon are an editable YAML
template (:data:`TEMPLATE`, read by :func:`load_portfolio_template`, the only function here that
touches a file). The analysis is three pure steps:

* :func:`portfolio_measures` — the raw measures per client from the data (NaN where absent);
* :func:`portfolio_scores` — 1–10 scores, the two axes and the quadrant per client;
* :func:`key_accounts_needed` — how many accounts (ranked by headroom) reach a growth goal, and
  how many key-account managers they need.

Everything returned is numbers and ids: what could not be computed is listed as ids
(``missing``), never as sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kbcore.analyses._template import (
    argument_number,
    read_template,
    template_error,
    template_number,
)
from kbcore.analyses._window import months_back, span
from kbcore.analyses.dmu import STAFF_ROLE_ALIASES, UNKNOWN, canonical, roles_of
from kbcore.analyses.wallet import wallet_share
from kbcore.facts import Facts, between
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "matrix_clients",
    "QUADRANT_COLUMNS",
    "quadrant_summary",
    "TEMPLATE",
    "AXES",
    "MANUAL",
    "RANK",
    "MEASURES",
    "MEASURE_COLUMNS",
    "QUADRANT_KEYS",
    "SCORE_RANGE",
    "KA_RANGE",
    "CURVE_COLUMNS",
    "Steps",
    "Criterion",
    "PortfolioTemplate",
    "PortfolioResult",
    "KeyAccountNeed",
    "load_portfolio_template",
    "portfolio_template",
    "portfolio_measures",
    "portfolio_scores",
    "key_accounts_needed",
]

TEMPLATE = TEMPLATES_DIR / "ka_portfolio.yaml"
"""The editable portfolio template (YAML, commented with its sources)."""
AXES = ("attractiveness", "strength")
"""The two axes: account attractiveness (Y) and our relative strength (X)."""
MANUAL = "manual"
"""The ``source`` of a criterion scored by hand (the ``manual`` table of :func:`portfolio_scores`)."""
RANK = "rank"
"""The ``scale`` that turns a measure into 1 + 9 × its percentile rank."""
MEASURES = (
    "revenue_12m",
    "potential",
    "headroom",
    "growth",
    "margin_rate",
    "client_profit",
    "profit_margin",
    "share_of_wallet",
    "tenure_years",
    "dmu_contacts",
    "dmu_roles",
    "csat",
    "nps",
)
"""The measures :func:`portfolio_measures` computes: the ``source`` ids a template may name."""
MEASURE_COLUMNS = [C.client_id, C.key_account, *MEASURES]
"""The columns of :func:`portfolio_measures`."""
QUADRANT_KEYS = ("high_high", "high_low", "low_high", "low_low")
"""Template keys of the quadrants: ``<attractiveness>_<strength>`` (high = on or above the cut line)."""
SCORE_RANGE = (1.0, 10.0)
"""Every criterion score lies in this range."""
KA_RANGE = (15, 35)
"""The usual number of key accounts per company (McDonald & Woodburn 2007): a sanity range."""
CURVE_COLUMNS = ["rank", C.client_id, "headroom", "captured", "cum_captured", "goal",
                 "reaches_goal", C.key_account]
"""The columns of :attr:`KeyAccountNeed.curve`."""

_RESERVED = {C.client_id, "attractiveness", "strength", "attractiveness_coverage",
             "strength_coverage", "quadrant"}


# =========================================================================== the template
@dataclass(frozen=True)
class Steps:
    """An explicit threshold scale: the score of the highest step whose ``at_least`` ≤ the value.

    Attributes
    ----------
    at_least : tuple of float
        Thresholds, strictly ascending.
    scores : tuple of float
        The score (1–10) of each threshold; they may fall (a lower value is better).
    below : float
        The score of a value below the first threshold (default 1).
    """

    at_least: tuple[float, ...]
    scores: tuple[float, ...]
    below: float = 1.0

    def apply(self, values: pd.Series) -> pd.Series:
        """Scores of ``values``; a missing value stays NaN.

        Formula: ``score(v) = scores[i]`` with i the last step where ``at_least[i] ≤ v``;
        ``score(v) = below`` when ``v < at_least[0]``.
        """
        v = values.to_numpy(dtype="float64")
        idx = np.searchsorted(np.asarray(self.at_least, dtype="float64"), v, side="right") - 1
        table = np.asarray(self.scores, dtype="float64")
        out = np.where(idx >= 0, table[np.maximum(idx, 0)], float(self.below))
        return pd.Series(np.where(np.isnan(v), np.nan, out), index=values.index, dtype="float64")


@dataclass(frozen=True)
class Criterion:
    """One criterion of the matrix.

    Attributes
    ----------
    id : str
        The criterion's id (a template key, e.g. ``"volume"``): also its score column.
    axis : str
        ``"attractiveness"`` or ``"strength"``.
    weight : float
        Its weight (≥ 0); only the ratios within an axis matter.
    source : str
        A measure id of :data:`MEASURES`, or :data:`MANUAL`.
    scale : str, Steps or None
        :data:`RANK`, a :class:`Steps`, or None for a manual criterion.
    """

    id: str
    axis: str
    weight: float
    source: str
    scale: str | Steps | None


@dataclass(frozen=True)
class PortfolioTemplate:
    """The portfolio matrix as a template describes it (:func:`load_portfolio_template`).

    Attributes
    ----------
    criteria : tuple of Criterion
        In the template's order, attractiveness first.
    cut_lines : dict
        ``{"attractiveness": float, "strength": float}`` on the 1–10 scale; a score on the
        line counts as high.
    quadrants : dict
        :data:`QUADRANT_KEYS` → strategy id.
    horizon_years : float
        The planning horizon of the selection (default template: 3 years).
    file : str or None
        The file the template was read from (None for one built from a dict).
    """

    criteria: tuple[Criterion, ...]
    cut_lines: dict = field(default_factory=lambda: {"attractiveness": 5.0, "strength": 5.0})
    quadrants: dict = field(default_factory=lambda: dict(zip(
        QUADRANT_KEYS, ("invest_for_growth", "invest_selectively", "maintain", "manage_for_cash"),
        strict=True)))
    horizon_years: float = 3.0
    file: str | None = None

    def axis(self, name: str) -> tuple[Criterion, ...]:
        """The criteria of one axis, in the template's order."""
        return tuple(c for c in self.criteria if c.axis == name)

    @property
    def weights(self) -> dict[str, float]:
        """Criterion id → weight, as written."""
        return {c.id: c.weight for c in self.criteria}


_KIND = "portfolio"
_STEPS_FORM = "{steps: [[100000, 4], [500000, 7], [1000000, 10]], below: 1}"


def _fail(file, key: str, problem: str, **fields):
    template_error(_KIND, problem, file, key, **fields)


def _number(value, file, key: str, *, what: str, low=None, high=None) -> float:
    return template_number(_KIND, value, file, key, low=low, high=high, what=what)


def _keys(keys) -> str:
    return ", ".join(map(str, sorted(keys, key=str)))


def _scale(raw, file, where: str) -> str | Steps:
    if raw == RANK:
        return RANK
    if not isinstance(raw, dict) or "steps" not in raw:
        _fail(file, where, "unknown_scale", what="scale", value=raw, rank=RANK, form=_STEPS_FORM)
    unknown = set(raw) - {"steps", "below"}
    if unknown:
        _fail(file, where, "unknown_key", keys=_keys(unknown), allowed="steps, below")
    steps = raw["steps"]
    if not isinstance(steps, list) or not steps:
        _fail(file, f"{where}.steps", "empty", form="steps: [[100000, 4], [500000, 7]]")
    at, scores = [], []
    for i, step in enumerate(steps):
        if not isinstance(step, (list, tuple)) or len(step) != 2:
            _fail(file, f"{where}.steps[{i}]", "not_pair", value=step, form="[500000, 7]")
        at.append(_number(step[0], file, f"{where}.steps[{i}][0]", what="step_from"))
        scores.append(_number(step[1], file, f"{where}.steps[{i}][1]", what="step_score", low=SCORE_RANGE[0],
                              high=SCORE_RANGE[1]))
    if any(b <= a for a, b in zip(at, at[1:], strict=False)):
        _fail(file, f"{where}.steps", "not_ascending", form="[[100000, 4], [500000, 7], [1000000, 10]]")
    below = _number(raw.get("below", SCORE_RANGE[0]), file, f"{where}.below", what="below",
                    low=SCORE_RANGE[0], high=SCORE_RANGE[1])
    return Steps(tuple(at), tuple(scores), below)


def portfolio_template(data: dict, *, file=None) -> PortfolioTemplate:
    """Validate a template given as a dict (the parsed YAML) and build a :class:`PortfolioTemplate`.

    Rules: ``axes`` holds exactly the two axes of :data:`AXES`, each with at least one
    criterion; criterion ids unique across axes and not a result column name; each criterion
    has a ``weight`` (a number ≥ 0; an axis's weights must not all be 0), a ``source`` (a
    measure of :data:`MEASURES` or ``"manual"``) and, unless manual, a ``scale`` (``"rank"`` or
    ``{steps: [[at_least, score], ...], below: score}``, steps strictly ascending, scores 1–10).
    ``cut_lines`` (optional, default 5.0 each) are numbers within 1–10; ``quadrants``
    (optional) maps all four :data:`QUADRANT_KEYS` to distinct non-empty ids;
    ``horizon_years`` (optional, default 3) is a number > 0.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` (and a ``ValueError``) ``template.<problem>``
        naming the file, the key (e.g. ``axes.attractiveness.volume.weight``), what is wrong and
        what to do, in en and ru.

    Source: McDonald & Woodburn (2007), the key account selection matrix; our reading for the
    template's form.
    """
    if not isinstance(data, dict):
        _fail(file, None, "wrong_shape", form="axes: {attractiveness: {…}, strength: {…}}")
    unknown = set(data) - {"axes", "cut_lines", "quadrants", "horizon_years"}
    if unknown:
        _fail(file, None, "unknown_key", keys=_keys(unknown),
              allowed="axes, cut_lines, quadrants, horizon_years")
    axes = data.get("axes")
    if not isinstance(axes, dict):
        _fail(file, "axes", "wrong_shape", form="axes: {attractiveness: {…}, strength: {…}}")
    odd = [str(a) for a in axes if a not in AXES]
    if odd:
        _fail(file, "axes", "unknown_key", keys=_keys(odd), allowed=", ".join(AXES))
    criteria: list[Criterion] = []
    for axis in AXES:
        block = axes.get(axis)
        if not isinstance(block, dict) or not block:
            _fail(file, f"axes.{axis}", "empty",
                  form="volume: {weight: 0.35, source: revenue_12m, scale: rank}")
        for cid, spec in block.items():
            where = f"axes.{axis}.{cid}"
            cid = str(cid)
            if cid in _RESERVED:
                _fail(file, where, "reserved_id", id=cid)
            if any(c.id == cid for c in criteria):
                _fail(file, where, "duplicate_id", id=cid)
            if not isinstance(spec, dict):
                _fail(file, where, "wrong_shape", form="{weight: 0.25, source: revenue_12m, scale: rank}")
            extra = set(spec) - {"weight", "source", "scale"}
            if extra:
                _fail(file, where, "unknown_key", keys=_keys(extra), allowed="weight, source, scale")
            if "weight" not in spec:
                _fail(file, f"{where}.weight", "missing_key", what="weight", form="weight: 0.25")
            weight = _number(spec["weight"], file, f"{where}.weight", what="weight", low=0.0)
            source = spec.get("source")
            if source != MANUAL and source not in MEASURES:
                _fail(file, f"{where}.source", "unknown_measure", what="source", value=source,
                      allowed=", ".join((MANUAL, *MEASURES)))
            if source == MANUAL:
                if spec.get("scale") is not None:
                    _fail(file, f"{where}.scale", "manual_scale")
                scale = None
            else:
                if "scale" not in spec:
                    _fail(file, f"{where}.scale", "missing_key", what="scale", form=f"scale: {RANK}")
                scale = _scale(spec["scale"], file, f"{where}.scale")
            criteria.append(Criterion(cid, axis, weight, source, scale))
        if sum(c.weight for c in criteria if c.axis == axis) <= 0:
            _fail(file, f"axes.{axis}", "weights_zero")
    raw_cuts = data.get("cut_lines", {}) or {}
    if not isinstance(raw_cuts, dict) or set(raw_cuts) - set(AXES):
        _fail(file, "cut_lines", "wrong_shape", form="cut_lines: {attractiveness: 5.0, strength: 5.0}")
    cuts = {a: _number(raw_cuts.get(a, 5.0), file, f"cut_lines.{a}", what="cut_line", low=SCORE_RANGE[0],
                       high=SCORE_RANGE[1]) for a in AXES}
    default = PortfolioTemplate(criteria=())
    quads = data.get("quadrants", default.quadrants)
    if not isinstance(quads, dict) or set(quads) != set(QUADRANT_KEYS):
        _fail(file, "quadrants", "wrong_shape",
              form="quadrants: {" + ", ".join(f"{k}: {v}" for k, v in default.quadrants.items()) + "}")
    ids = [str(quads[k]).strip() if quads[k] is not None else "" for k in QUADRANT_KEYS]
    if any(not i for i in ids) or len(set(ids)) < len(ids):
        _fail(file, "quadrants", "quadrant_ids")
    horizon = _number(data.get("horizon_years", 3), file, "horizon_years", what="horizon", low=0.0)
    if horizon <= 0:
        _fail(file, "horizon_years", "zero", what="horizon", example="3")
    return PortfolioTemplate(
        criteria=tuple(criteria), cut_lines=cuts, quadrants=dict(zip(QUADRANT_KEYS, ids, strict=True)),
        horizon_years=horizon, file=None if file is None else str(file))


def load_portfolio_template(path=None) -> PortfolioTemplate:
    """Read and validate a portfolio template (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default: the packaged template :data:`TEMPLATE` (``data/templates/ka_portfolio.yaml``,
        found like the KSF template through :data:`kbcore.paths.TEMPLATES_DIR`).

    Returns
    -------
    PortfolioTemplate
        See :func:`portfolio_template` for the rules.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML, or breaks a rule (the message names the key).
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return portfolio_template(data, file=path)


# =========================================================================== the measures
def _ids(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _by_client(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]`` indexed by the stripped client id (first row of a repeated id)."""
    ids = _ids(frame[C.client_id])
    values = pd.Series(frame[column].to_numpy(), index=pd.Index(ids, dtype="string"))
    return values[~values.index.duplicated()]


def portfolio_measures(
    facts: Facts,
    clients: pd.DataFrame | None = None,
    *,
    contacts: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    pnl: pd.DataFrame | None = None,
    as_of=None,
    months: int = 12,
    survey_days: int = 730,
    client_ids=None,
) -> pd.DataFrame:
    """The raw measures of the matrix, one row per client (NaN where the data is absent).

    The clients are those with a sales line up to ``as_of`` and those of the clients table
    (prospects included: their revenue is 0), or only ``client_ids``. With
    W = (as_of − months, as_of] and W₀ the ``months`` before W::

        revenue_12m     = revenue in W                       (0 without a sale in W)
        potential       = clients.potential                  (yearly purchases of our category)
        headroom        = potential − revenue_12m            (negative: the potential is understated)
        growth          = revenue(W) / revenue(W₀) − 1        (NaN when revenue(W₀) ≤ 0, or the
                                                              data do not cover W₀)
        margin_rate     = gross_margin(W) / revenue(W)        (NaN when revenue(W) ≤ 0 or no cost)
        client_profit   = pnl.profit                          (block 1's client P&L, if passed)
        profit_margin   = pnl.profit_margin
        share_of_wallet = revenue_12m / potential            (NaN when potential ≤ 0 or unknown)
        tenure_years    = (as_of − first purchase) / 365.25 days (first purchase in the data)
        dmu_contacts    = distinct contact_id of the client in ``contacts`` (0 when none)
        dmu_roles       = distinct buying-centre roles of those contacts (block 10's
                          :func:`~kbcore.analyses.dmu.roles_of`; values it does not know
                          are not counted)
        csat, nps       = mean answer of the client's surveys in (as_of − survey_days, as_of]

    ``key_account`` is the clients' flag (NA when unknown). A measure whose input is absent is
    NaN for every client, and ``attrs["missing"]`` lists it; ``attrs["absent"]`` lists the
    absent inputs as ids (``"clients"``, ``"clients.potential"``, ``"clients.key_account"``,
    ``"sales.cost"``, ``"prior_window"``, ``"pnl"``, ``"contacts"``, ``"contacts.buying_role"``,
    ``"surveys"``, ``"surveys.csat"``, ``"surveys.nps"``).

    Parameters
    ----------
    facts : Facts
        The sales facts.
    clients, contacts, surveys : DataFrame, optional
        Canonical tables.
    pnl : DataFrame, optional
        :func:`kbcore.analyses.profitability.client_pnl` (``client_id, profit, profit_margin``).
    as_of : date-like, optional
        Default ``facts.as_of``.
    months : int
        The recent window (default 12 months).
    survey_days : int
        How far back survey answers count (default 730 days: answers are sparse).
    client_ids : iterable of str, optional
        Only these clients.

    Returns
    -------
    DataFrame
        :data:`MEASURE_COLUMNS`, sorted by client_id.

    Source: McDonald, Millman & Rogers (1997) and McDonald & Woodburn (2007) for the criteria
    (volume, growth, profitability; share of wallet, relationship, DMU coverage, satisfaction);
    share of wallet as in :func:`kbcore.analyses.profile.client_features`; the exact measures
    are our reading.
    """
    if months <= 0 or survey_days <= 0:
        raise ValueError(f"months and survey_days must be > 0, not {months!r}, {survey_days!r}")
    as_of = facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()
    start, _ = months_back(as_of, months)
    prev_start, prev_end = months_back(start - pd.Timedelta(days=1), months)
    absent: list[str] = []

    upto = facts.clients(*span(facts, None, as_of))
    recent = facts.clients(*span(facts, start, as_of))
    before = facts.clients(*span(facts, prev_start, prev_end))
    universe = pd.Index(_ids(upto[C.client_id]), dtype="string")
    cl = None
    if clients is not None and C.client_id in clients.columns and len(clients):
        cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(C.client_id)
        universe = universe.union(pd.Index(cl[C.client_id].dropna(), dtype="string"))
    else:
        absent.append("clients")
    if client_ids is not None:
        universe = pd.Index(pd.array([str(c).strip() for c in client_ids], dtype="string")).unique()
    universe = universe.sort_values()
    out = pd.DataFrame(index=universe.rename(C.client_id))

    if cl is not None and C.key_account in cl.columns:
        flag = pd.Series(cl[C.key_account].astype("boolean").to_numpy(), index=cl[C.client_id])
        out[C.key_account] = flag.reindex(universe).astype("boolean").to_numpy()
    else:
        out[C.key_account] = pd.array([pd.NA] * len(out), dtype="boolean")
        if cl is not None:
            absent.append("clients.key_account")

    rev = _by_client(recent, C.revenue).astype("float64")
    out["revenue_12m"] = rev.reindex(universe).fillna(0.0).to_numpy()
    if cl is not None and C.potential in cl.columns:
        pot = pd.to_numeric(cl[C.potential], errors="coerce").astype("float64")
        out["potential"] = pd.Series(pot.to_numpy(), index=cl[C.client_id]).reindex(universe).to_numpy()
    else:
        out["potential"] = np.nan
        if cl is not None:
            absent.append("clients.potential")
    out["headroom"] = out["potential"] - out["revenue_12m"]

    known_from = facts.start if facts.start is not None else facts.first_day()
    if known_from is not None and known_from <= prev_start:
        prev = _by_client(before, C.revenue).astype("float64").reindex(universe).to_numpy()
        out["growth"] = np.where(prev > 0, out["revenue_12m"].to_numpy() / np.where(prev > 0, prev, 1) - 1,
                                 np.nan)
    else:
        out["growth"] = np.nan
        absent.append("prior_window")

    margin = _by_client(recent, "gross_margin").astype("float64").reindex(universe)
    r = out["revenue_12m"]
    out["margin_rate"] = (margin.to_numpy() / r).where(r > 0)
    if not len(upto) or upto[C.cost].isna().all():
        absent.append("sales.cost")

    if pnl is not None and C.client_id in pnl.columns:
        for src, dst in (("profit", "client_profit"), ("profit_margin", "profit_margin")):
            out[dst] = (_by_client(pnl, src).astype("float64").reindex(universe).to_numpy()
                        if src in pnl.columns else np.nan)
    else:
        out["client_profit"] = np.nan
        out["profit_margin"] = np.nan
        absent.append("pnl")

    pot = out["potential"]
    out["share_of_wallet"] = wallet_share(out["revenue_12m"], pot)
    first = _by_client(upto, "first_date").reindex(universe)
    out["tenure_years"] = ((as_of - pd.to_datetime(first)).dt.days / 365.25).astype("float64").to_numpy()

    if contacts is not None and C.client_id in contacts.columns:
        people = contacts.assign(**{C.client_id: _ids(contacts[C.client_id])})
        people = people.loc[people[C.client_id].notna()]
        if C.contact_id in people.columns:
            n = people.drop_duplicates([C.client_id, C.contact_id])[C.client_id].value_counts()
        else:
            n = people[C.client_id].value_counts()
        out["dmu_contacts"] = n.reindex(universe).fillna(0).astype("float64").to_numpy()
        if C.buying_role in people.columns:
            # the roles of block 10 (several in one field, Russian and English wordings)
            found = people[[C.client_id]].join(roles_of(people[C.buying_role]))
            found = found.loc[found["role"].notna() & (found["role"] != UNKNOWN)]
            roles = found.drop_duplicates([C.client_id, "role"])[C.client_id].value_counts()
            out["dmu_roles"] = roles.reindex(universe).fillna(0).astype("float64").to_numpy()
        else:
            out["dmu_roles"] = np.nan
            absent.append("contacts.buying_role")
    else:
        out["dmu_contacts"] = np.nan
        out["dmu_roles"] = np.nan
        absent.append("contacts")

    if surveys is not None and {C.client_id, C.date} <= set(surveys.columns):
        answers = between(surveys, as_of - pd.Timedelta(days=survey_days - 1), as_of)
        answers = answers.assign(**{C.client_id: _ids(answers[C.client_id])})
        for col in (C.csat, C.nps):
            if col in answers.columns:
                mean = pd.to_numeric(answers[col], errors="coerce").astype("float64").groupby(
                    answers[C.client_id]).mean()
                out[col] = mean.reindex(universe).astype("float64").to_numpy()
            else:
                out[col] = np.nan
                absent.append(f"surveys.{col}")
    else:
        out[C.csat] = np.nan
        out[C.nps] = np.nan
        absent.append("surveys")

    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    for col in MEASURES:
        out[col] = out[col].astype("float64")
    out = out[MEASURE_COLUMNS]
    out.attrs["as_of"] = as_of
    out.attrs["missing"] = [m for m in MEASURES if out[m].isna().all()]
    out.attrs["absent"] = absent
    return out


def matrix_clients(measures: pd.DataFrame, key_accounts=None) -> pd.DataFrame:
    """The clients the matrix places: those who bought in the recent window, and the key accounts.

    ::

        on the matrix = revenue_12m > 0  or  client_id in key_accounts

    The scores of the ``rank`` scales depend on who is ranked, so every block that places
    clients on the matrix (blocks 6, 7 and 8) passes the same clients: a prospect without
    purchases or a client lost long ago would otherwise pull the ranks of the others. Rows
    keep the order of ``measures`` (:func:`portfolio_measures`).
    """
    active = pd.to_numeric(measures["revenue_12m"], errors="coerce").fillna(0.0) > 0
    if key_accounts is not None:
        kas = pd.Index([str(k).strip() for k in key_accounts], dtype="string")
        active = active | _ids(measures[C.client_id]).isin(kas).fillna(False).astype(bool)
    return measures.loc[active.to_numpy(dtype=bool)]


# =========================================================================== the scores
@dataclass
class PortfolioResult:
    """The result of :func:`portfolio_scores`.

    Attributes
    ----------
    table : DataFrame
        One row per client: ``client_id``, ``key_account``, one score column per criterion
        (named by its id; NaN where the client has no data for it), ``attractiveness``,
        ``attractiveness_coverage``, ``strength``, ``strength_coverage``, ``quadrant`` (a strategy
        id; NA when an axis has no data for the client). Sorted by attractiveness then strength,
        descending (unknown last), then client_id.
    criteria : DataFrame
        One row per criterion: ``criterion, axis, source, weight`` (as used, after overrides),
        ``weight_share`` (weight / Σ weights of its axis), ``scored`` (clients with a score),
        ``has_data`` (bool).
    missing : list of str
        Criteria with no data for any client (ids): the notebook says so.
    absent : list of str
        The absent inputs of the measures (``measures.attrs["absent"]``).
    cut_lines : dict
        ``{"attractiveness": …, "strength": …}``.
    quadrants : dict
        Template key → strategy id.
    horizon_years : float
        The template's planning horizon.
    """

    table: pd.DataFrame
    criteria: pd.DataFrame
    missing: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    cut_lines: dict = field(default_factory=dict)
    quadrants: dict = field(default_factory=dict)
    horizon_years: float = 3.0


def _rank_scores(values: pd.Series) -> pd.Series:
    """1 + 9 × percentile rank among the non-missing values (ties share the average rank)."""
    n = int(values.notna().sum())
    if n == 1:
        return pd.Series(np.where(values.notna(), 5.5, np.nan), index=values.index)
    pct = (values.rank(method="average") - 1) / (n - 1)
    return 1 + 9 * pct


def _rows(rows: pd.DataFrame, what: str) -> list[str]:
    """A few offending rows of a manual table, as typed: ``A · fit · 11``."""
    cols = [c for c in (C.client_id, what, "score") if c in rows.columns]
    return [" · ".join(str(v).strip() for v in r) for r in rows[cols].head(5).itertuples(index=False)]


def _manual_scores(manual: pd.DataFrame | None, template: PortfolioTemplate) -> pd.DataFrame:
    """The manual table as a client_id × criterion frame of scores (validated)."""
    names = [c.id for c in template.criteria if c.source == MANUAL]
    if manual is None or not len(manual):
        return pd.DataFrame(columns=names, index=pd.Index([], dtype="string"), dtype="float64")
    need = {C.client_id, "criterion", "score"}
    if not need <= set(manual.columns):
        template_error("portfolio_scores", "scores_columns",
                       missing=", ".join(sorted(need - set(manual.columns))),
                       need=f"{C.client_id}, criterion, score")
    m = pd.DataFrame({C.client_id: _ids(manual[C.client_id]),
                      "criterion": manual["criterion"].astype("string").str.strip(),
                      "score": pd.to_numeric(manual["score"], errors="coerce")})
    wrong = sorted(set(m["criterion"].dropna()) - set(names))
    if wrong:
        template_error("portfolio_scores", "scores_unknown", column="criterion",
                       values=", ".join(wrong), allowed=", ".join(names) or "—")
    bad = m["score"].isna() | (m["score"] < SCORE_RANGE[0]) | (m["score"] > SCORE_RANGE[1])
    if bad.any():
        template_error("portfolio_scores", "scores_range", column="score",
                       examples=_rows(manual.loc[bad.to_numpy()], "criterion"),
                       low=f"{SCORE_RANGE[0]:g}", high=f"{SCORE_RANGE[1]:g}")
    twice = m.duplicated([C.client_id, "criterion"], keep=False)
    if twice.any():
        template_error("portfolio_scores", "scores_twice", column=f"{C.client_id}, criterion",
                       examples=_rows(manual.loc[twice.to_numpy()], "criterion"))
    wide = m.pivot(index=C.client_id, columns="criterion", values="score")
    return wide.reindex(columns=names).astype("float64")


def portfolio_scores(
    measures: pd.DataFrame,
    template: PortfolioTemplate,
    *,
    manual: pd.DataFrame | None = None,
    weights: dict | None = None,
    min_coverage: float = 0.0,
) -> PortfolioResult:
    """Score every client 1–10 on each criterion, on the two axes, and place it in a quadrant.

    Parameters
    ----------
    measures : DataFrame
        :func:`portfolio_measures` (``client_id`` and the measures the template names).
    template : PortfolioTemplate
        :func:`load_portfolio_template`.
    manual : DataFrame, optional
        The trainer's scores: ``client_id, criterion, score`` (1–10), one row per client and
        manual criterion. Scores of clients not in ``measures`` are ignored.
    weights : dict, optional
        Criterion id → weight (≥ 0), overriding the template's weights (the notebook's sliders).
    min_coverage : float
        An axis score needs at least this share of the axis's weight to have data for the
        client (0–1); below it the axis is NaN and the quadrant NA. Default 0.0: any one
        criterion with data gives a score.

    Returns
    -------
    PortfolioResult

    Notes
    -----
    Formulas, with s_c the score of criterion c and w_c its weight::

        rank scale:    s_c = 1 + 9 × (r − 1) / (n − 1)   r = the client's average rank (ties
                                                         share it) among the n clients with the
                                                         measure; n = 1 → s_c = 5.5
        steps scale:   s_c = the score of the highest step with at_least ≤ value (else below)
        manual:        s_c = the typed score
        axis score     = Σ_{c with data} w_c × s_c / Σ_{c with data} w_c
        axis coverage  = Σ_{c with data} w_c / Σ_c w_c       (the weight share that had data)
        quadrant       = quadrants["<a>_<s>"], a = "high" if attractiveness ≥ its cut line
                         else "low", s likewise for strength (ON the line = high)

    The weights are renormalised over the criteria a client has data for: a client without
    a survey is scored on the other strength criteria, and its coverage says by how much less.
    An axis with no data for a client (or whose data carry only zero weights, or a coverage
    below ``min_coverage``) is NaN and the quadrant NA. A criterion with no data for anyone is listed in ``missing``.

    Source: McDonald, Millman & Rogers (1997); McDonald & Woodburn (2007), the key account
    selection matrix (weighted criteria scored 1–10 on two axes); the rank scaling and the
    renormalisation over available criteria are our reading.
    """
    crit = list(template.criteria)
    used = dict(template.weights)
    min_coverage = argument_number(min_coverage, "min_coverage", low=0.0, high=1.0)
    if weights:
        unknown = sorted(set(map(str, weights)) - set(used))
        if unknown:
            raise ValueError(f"weights: unknown criterion {', '.join(unknown)}. What to do: use one of "
                             f"{', '.join(used)}.")
        for key, value in weights.items():
            used[str(key)] = argument_number(value, f"weights[{key!r}]", low=0.0)
        for axis in AXES:
            if sum(used[c.id] for c in crit if c.axis == axis) <= 0:
                raise ValueError(f"weights: all weights of the {axis} axis are 0. What to do: give at "
                                 "least one of its criteria a weight > 0.")
    needed = sorted({c.source for c in crit if c.source != MANUAL} - set(measures.columns))
    if needed:
        raise ValueError(f"measures: column(s) {', '.join(needed)} missing. What to do: pass "
                         "portfolio_measures(...) as it is.")
    ids = _ids(measures[C.client_id])
    table = pd.DataFrame({C.client_id: ids.to_numpy()}, index=pd.RangeIndex(len(ids)))
    table[C.key_account] = (measures[C.key_account].astype("boolean").to_numpy()
                            if C.key_account in measures.columns
                            else pd.array([pd.NA] * len(ids), dtype="boolean"))
    hand = _manual_scores(manual, template)
    for c in crit:
        if c.source == MANUAL:
            s = hand[c.id].reindex(pd.Index(ids, dtype="string")).to_numpy(dtype="float64")
            table[c.id] = s
            continue
        values = pd.Series(pd.to_numeric(measures[c.source], errors="coerce").to_numpy("float64"),
                           index=table.index)
        table[c.id] = _rank_scores(values) if c.scale == RANK else c.scale.apply(values)
    for axis in AXES:
        names = [c.id for c in crit if c.axis == axis]
        s = table[names].to_numpy(dtype="float64")
        w = np.array([used[n] for n in names], dtype="float64")
        has = ~np.isnan(s)
        wsum = (has * w).sum(axis=1)
        num = (np.where(has, s, 0.0) * w).sum(axis=1)
        coverage = wsum / w.sum()
        ok = (wsum > 0) & (coverage >= min_coverage - 1e-12)
        table[axis] = np.where(ok, num / np.where(wsum > 0, wsum, 1.0), np.nan)
        table[f"{axis}_coverage"] = coverage
    a, st = table["attractiveness"].to_numpy(), table["strength"].to_numpy()
    a_hi = a >= template.cut_lines["attractiveness"]
    s_hi = st >= template.cut_lines["strength"]
    q = np.select([a_hi & s_hi, a_hi & ~s_hi, ~a_hi & s_hi],
                  [template.quadrants[k] for k in QUADRANT_KEYS[:3]], template.quadrants["low_low"])
    known = ~(np.isnan(a) | np.isnan(st))
    table["quadrant"] = pd.array(np.where(known, q, None), dtype="string")
    table[C.client_id] = table[C.client_id].astype("string")
    table = table.sort_values(["attractiveness", "strength", C.client_id],
                              ascending=[False, False, True], na_position="last",
                              kind="mergesort").reset_index(drop=True)
    table = table[[C.client_id, C.key_account, *(c.id for c in crit), "attractiveness",
                   "attractiveness_coverage", "strength", "strength_coverage", "quadrant"]]
    axis_w = {axis: sum(used[c.id] for c in crit if c.axis == axis) for axis in AXES}
    scored = [int(table[c.id].notna().sum()) for c in crit]
    criteria = pd.DataFrame({
        "criterion": pd.array([c.id for c in crit], dtype="string"),
        "axis": pd.array([c.axis for c in crit], dtype="string"),
        "source": pd.array([c.source for c in crit], dtype="string"),
        "weight": [used[c.id] for c in crit],
        "weight_share": [used[c.id] / axis_w[c.axis] for c in crit],
        "scored": scored,
        "has_data": [n > 0 for n in scored],
    })
    return PortfolioResult(
        table=table, criteria=criteria,
        missing=[c.id for c, n in zip(crit, scored, strict=True) if n == 0],
        absent=list(measures.attrs.get("absent", [])), cut_lines=dict(template.cut_lines),
        quadrants=dict(template.quadrants), horizon_years=template.horizon_years)


# =========================================================================== the quadrants
QUADRANT_COLUMNS = ["quadrant", "clients", "key_accounts", "revenue_12m", "revenue_share"]
"""The columns of :func:`quadrant_summary`."""


def quadrant_summary(table: pd.DataFrame, measures: pd.DataFrame, quadrants: dict,
                     key_accounts=None) -> pd.DataFrame:
    """Clients, key accounts and 12-month revenue per quadrant of the portfolio matrix.

    Parameters
    ----------
    table : DataFrame
        ``PortfolioResult.table`` (``client_id, quadrant``; NA = not placed).
    measures : DataFrame
        :func:`~kbcore.analyses.ka_portfolio.portfolio_measures` (``client_id, revenue_12m``).
    quadrants : dict
        ``PortfolioResult.quadrants`` (template key → strategy id): the row order.
    key_accounts : iterable of str, optional
        The accounts counted in ``key_accounts`` (default: the table's ``key_account`` flag).

    Returns
    -------
    DataFrame
        One row per strategy id in the template's order, then ``""`` (not placed) when some
        client is: ``quadrant, clients, key_accounts, revenue_12m, revenue_share`` with::

            revenue_share = Σ revenue_12m of the quadrant / Σ revenue_12m of all rows
                            (NaN when that total ≤ 0)
    """
    ids = _ids(table[C.client_id])
    rev = pd.Series(pd.to_numeric(measures["revenue_12m"], errors="coerce").to_numpy("float64"),
                    index=pd.Index(_ids(measures[C.client_id]), dtype="string"))
    rev = rev[~rev.index.duplicated()]
    if key_accounts is not None:
        is_ka = ids.isin(pd.Index(_ids(pd.Series(list(key_accounts), dtype="object")))).to_numpy(dtype=bool)
    else:
        is_ka = table[C.key_account].astype("boolean").fillna(False).to_numpy(dtype=bool)
    frame = pd.DataFrame({"quadrant": table["quadrant"].astype("string").fillna("").to_numpy(),
                          "ka": is_ka,
                          "rev": ids.map(rev).astype("float64").fillna(0.0).to_numpy()})
    order = list(dict.fromkeys(quadrants.values()))
    if (frame["quadrant"] == "").any():
        order.append("")
    grouped = frame.groupby("quadrant").agg(clients=("ka", "size"), key_accounts=("ka", "sum"),
                                            revenue_12m=("rev", "sum")).reindex(order)
    out = grouped.fillna(0).reset_index()
    out["clients"] = out["clients"].astype("int64")
    out["key_accounts"] = out["key_accounts"].astype("int64")
    total = float(frame["rev"].sum())
    out["revenue_share"] = out["revenue_12m"] / total if total > 0 else np.nan
    out["quadrant"] = out["quadrant"].astype("string")
    return out[QUADRANT_COLUMNS]


# =========================================================================== how many key accounts
@dataclass
class KeyAccountNeed:
    """The result of :func:`key_accounts_needed`.

    Attributes
    ----------
    curve : DataFrame
        :data:`CURVE_COLUMNS`, one row per candidate with a positive headroom, by headroom
        descending (ties by client_id): the chart "goal against cumulative headroom".
    goal : float
        The growth goal (money a year).
    capture : float
        The share of each account's headroom counted as winnable.
    accounts_needed : int or None
        The smallest number of top candidates whose cumulative captured headroom reaches the
        goal; None when all of them together do not.
    headroom_total : float
        Σ captured headroom of the candidates.
    candidates : int
        Candidates with a positive headroom.
    unknown_headroom : int
        Candidates whose headroom is unknown (no potential): not counted, not ranked.
    capacity_per_kam : float or None
        Key accounts one key-account manager can serve.
    capacity_source : str or None
        ``"interactions"`` (measured), ``"parameter"`` (given) or None (neither).
    ka_interactions_per_year, kam_interactions_per_year : float or None
        The measured intensities (None when not measured).
    kams_needed : int or None
        ceil(accounts_needed / capacity_per_kam); None when either is unknown.
    ka_range : tuple of int
        :data:`KA_RANGE`, the usual number of key accounts.
    within_range : bool or None
        ``accounts_needed`` within :data:`KA_RANGE` (None when not reached).
    missing : list of str
        What could not be computed, as ids: ``"goal_not_reached"``, ``"capacity"``,
        ``"interactions"``, ``"interactions.manager"``, ``"key_accounts"``.
    """

    curve: pd.DataFrame
    goal: float
    capture: float
    accounts_needed: int | None
    headroom_total: float
    candidates: int
    unknown_headroom: int
    capacity_per_kam: float | None = None
    capacity_source: str | None = None
    ka_interactions_per_year: float | None = None
    kam_interactions_per_year: float | None = None
    kams_needed: int | None = None
    ka_range: tuple = KA_RANGE
    within_range: bool | None = None
    missing: list = field(default_factory=list)


def _headroom_series(headroom, column: str) -> pd.Series:
    if isinstance(headroom, pd.DataFrame):
        if C.client_id not in headroom.columns or column not in headroom.columns:
            raise ValueError(f"headroom: a frame needs the columns {C.client_id} and {column}. "
                             "What to do: pass ka_headroom(...) or a Series indexed by client_id.")
        ids, values = _ids(headroom[C.client_id]), headroom[column]
    elif isinstance(headroom, pd.Series):
        ids, values = pd.Series(headroom.index).astype("string").str.strip(), headroom
    else:
        raise TypeError("headroom must be a DataFrame (client_id, headroom) or a Series by client_id")
    out = pd.Series(pd.to_numeric(values, errors="coerce").to_numpy("float64"),
                    index=pd.Index(ids.to_numpy(), dtype="string"))
    return out[~out.index.duplicated()]


SELLING_ROLES = ("manager", "key_account_manager")
"""The staff roles (``staff.role``) whose CRM records measure what one person can hold."""


def _person(names: pd.Series) -> pd.Series:
    """A person's name compared as written apart from case and spacing."""
    return names.astype("string").str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def _sellers(staff) -> set | None:
    """The people of ``staff`` with a selling role (None when the table cannot tell).

    The role is read through block 10's table of position wordings
    (:data:`~kbcore.analyses.dmu.STAFF_ROLE_ALIASES`: «Менеджер по продажам», «KAM» …).
    """
    if staff is None or not len(staff) or not {C.person, C.role} <= set(staff.columns):
        return None
    role = canonical(staff[C.role], STAFF_ROLE_ALIASES)
    people = staff.loc[role.isin(SELLING_ROLES).fillna(False).to_numpy(dtype=bool), C.person]
    names = set(_person(people).dropna())
    return names or None


def _capacity(interactions, key_accounts, *, as_of, window_days: int, staff=None):
    """(ka_per_year, kam_per_year, missing ids) measured from the interactions of the window."""
    missing = []
    if interactions is None or not len(interactions) or not {C.client_id, C.date} <= set(
            interactions.columns):
        return None, None, ["interactions"]
    if key_accounts is None or not len(key_accounts):
        missing.append("key_accounts")
    if C.manager not in interactions.columns:
        missing.append("interactions.manager")
    if missing:
        return None, None, missing
    end = pd.Timestamp(interactions[C.date].max()).normalize() if as_of is None else \
        pd.Timestamp(as_of).normalize()
    rows = between(interactions, end - pd.Timedelta(days=window_days - 1), end)
    years = window_days / 365.0
    kas = pd.Index([str(k).strip() for k in key_accounts]).unique()
    on_ka = _ids(rows[C.client_id]).isin(kas)
    ka_rate = float(on_ka.sum()) / len(kas) / years
    managers = rows[C.manager].astype("string").str.strip().replace("", pd.NA).dropna()
    sellers = _sellers(staff)
    if sellers is not None:  # a director's or a specialist's records are not a seller's year
        managers = managers[_person(managers).isin(sellers).fillna(False).to_numpy(dtype=bool)]
    if not len(managers) or ka_rate <= 0:
        return None, None, ["interactions"]
    kam_rate = len(managers) / managers.nunique() / years
    return ka_rate, kam_rate, []


def key_accounts_needed(
    headroom,
    goal: float,
    *,
    capacity_per_kam: float | None = None,
    interactions: pd.DataFrame | None = None,
    key_accounts=None,
    capture: float = 1.0,
    column: str = "headroom",
    as_of=None,
    window_days: int = 365,
    staff: pd.DataFrame | None = None,
) -> KeyAccountNeed:
    """How many key accounts reach a growth goal, and how many key-account managers they need.

    Parameters
    ----------
    headroom : DataFrame or Series
        The candidates' headroom in money a year (potential − our sales): a frame with
        ``client_id`` and ``column`` (e.g. block 7's headroom table or
        :func:`portfolio_measures`), or a Series indexed by client_id. Pass the candidates you
        consider (e.g. the invest quadrants); NaN = unknown potential, not counted.
    goal : float
        The growth goal: additional revenue a year to win (same unit as headroom), > 0.
    capacity_per_kam : float, optional
        Key accounts one manager can serve, used when it cannot be measured (see below).
    interactions : DataFrame, optional
        CRM history (``date, client_id, manager``) to measure the capacity.
    key_accounts : iterable of str, optional
        Today's key accounts (ids), to measure the capacity; also marks ``key_account`` in the
        curve (NA without them).
    capture : float
        The share of each account's headroom we expect to win (0 < capture ≤ 1; default 1 =
        the whole headroom, the optimistic bound).
    column : str
        The headroom column of a frame (default ``"headroom"``).
    as_of : date-like, optional
        The end of the interaction window (default: the last interaction date).
    window_days : int
        The interaction window (default 365 days).
    staff : DataFrame, optional
        Our people (``person, role``): when given, the managers' intensity counts only the
        records of the people with a selling role (:data:`SELLING_ROLES`), not a director's or a
        specialist's; without it every person named in ``interactions.manager`` counts.

    Returns
    -------
    KeyAccountNeed

    Notes
    -----
    ::

        candidates sorted by headroom descending (only headroom > 0)
        captured_i      = capture × headroom_i
        cum_captured_k  = Σ_{i ≤ k} captured_i
        accounts_needed = min k with cum_captured_k ≥ goal          (None if never)
        ka_interactions_per_year  = interactions with today's key accounts in the window
                                    / number of key accounts / (window_days / 365)
        kam_interactions_per_year = interactions with a manager in the window
                                    / distinct managers / (window_days / 365)
                                    (managers = the staff's selling roles when staff is given)
        capacity_per_kam = kam_interactions_per_year / ka_interactions_per_year
                           (measured when interactions, a manager column and key accounts
                           exist; else the parameter)
        kams_needed      = ceil(accounts_needed / capacity_per_kam)

    The measured capacity assumes a key-account manager spends a whole manager's year of
    interactions on key accounts at today's intensity per account. The number of key
    accounts is checked against :data:`KA_RANGE` (15–35 per company, "anything above 50 is far
    too many": McDonald & Woodburn, *Key Account Management: The Definitive Guide*, 2007, as
    reported by H. Baldwin, "Key strategies for your key accounts", *Selling Power*, 2010), a
    sanity range, not a rule; we did not find the range in a SAMA publication to cite.

    Source: the seminar's block 8 ("how many key accounts the company needs"): our reading,
    with the range after McDonald & Woodburn (2007).
    """
    goal = argument_number(goal, "goal", low=0.0)
    if goal <= 0:
        raise ValueError("goal: 0 is not a growth goal. What to do: give the revenue to win, > 0.")
    capture = argument_number(capture, "capture", low=0.0, high=1.0)
    if capture <= 0:
        raise ValueError("capture: 0 wins nothing. What to do: give a share in (0, 1].")
    if window_days <= 0:
        raise ValueError(f"window_days must be > 0, not {window_days!r}")
    if capacity_per_kam is not None:
        capacity_per_kam = argument_number(capacity_per_kam, "capacity_per_kam", low=0.0)
        if capacity_per_kam <= 0:
            raise ValueError("capacity_per_kam: 0 accounts per manager. What to do: give a number > 0.")
    h = _headroom_series(headroom, column)
    unknown = int(h.isna().sum())
    h = h[h > 0]
    curve = pd.DataFrame({C.client_id: pd.array(h.index, dtype="string"), "headroom": h.to_numpy()})
    curve = curve.sort_values(["headroom", C.client_id], ascending=[False, True],
                              kind="mergesort").reset_index(drop=True)
    curve.insert(0, "rank", np.arange(1, len(curve) + 1, dtype="int64"))
    curve["captured"] = curve["headroom"] * capture
    curve["cum_captured"] = curve["captured"].cumsum()
    curve["goal"] = goal
    curve["reaches_goal"] = curve["cum_captured"] >= goal
    if key_accounts is not None:
        kas = pd.Index([str(k).strip() for k in key_accounts])
        curve[C.key_account] = pd.array(curve[C.client_id].isin(kas).to_numpy(), dtype="boolean")
    else:
        curve[C.key_account] = pd.array([pd.NA] * len(curve), dtype="boolean")
    curve = curve[CURVE_COLUMNS]
    hits = np.flatnonzero(curve["reaches_goal"].to_numpy())
    needed = int(hits[0]) + 1 if len(hits) else None
    missing = [] if needed is not None else ["goal_not_reached"]

    ka_rate, kam_rate, why = _capacity(interactions, key_accounts, as_of=as_of,
                                       window_days=window_days, staff=staff)
    if ka_rate is not None:
        capacity, source = kam_rate / ka_rate, "interactions"
    elif capacity_per_kam is not None:
        capacity, source = capacity_per_kam, "parameter"
    else:
        capacity, source = None, None
        missing += ["capacity", *why]
    kams = math.ceil(needed / capacity - 1e-9) if needed is not None and capacity else None
    within = None if needed is None else bool(KA_RANGE[0] <= needed <= KA_RANGE[1])
    return KeyAccountNeed(
        curve=curve, goal=goal, capture=capture, accounts_needed=needed,
        headroom_total=float(curve["captured"].sum()), candidates=len(curve),
        unknown_headroom=unknown, capacity_per_kam=capacity, capacity_source=source,
        ka_interactions_per_year=ka_rate, kam_interactions_per_year=kam_rate, kams_needed=kams,
        within_range=within, missing=missing)
