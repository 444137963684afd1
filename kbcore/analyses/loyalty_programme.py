"""Program 004, topic 8 · The loyalty and motivation programme for clients: its indicators and real effect.

A loyalty programme has goals (enrol the clients, keep them buying, grow what they buy, pay for
itself), and each goal has an indicator that measures it. This module computes them from the
loyalty table (``client_id, joined`` and, optional, ``tier, points_earned, points_redeemed,
points_expired, left``) and the sales, and estimates what the programme really adds:

* :func:`membership`, :func:`members_at` — the loyalty table cleaned, and who is a member on a day
  (joined on or before it and not left by then; the one rule, also used by topic 5's
  :func:`~kbcore.analyses.share_of_wallet.loyalty_link`);
* :func:`programme_kpis` — eligible clients, members, participation and non-participation rate,
  active members, the members' share of sales, points issued, redeemed and expired (redemption
  rate, breakage, outstanding points);
* :func:`loyalty_template`, :func:`load_loyalty_template` — the editable template
  (``data/templates/kpi_loyalty_programme.yaml``): the programme's cost parameters (example
  values) and its goals, each with the indicator that measures it;
* :func:`programme_cost` — what the programme costs a year;
* :func:`programme_effect` — the incremental revenue per member from a staggered-adoption
  difference-in-differences of members against matched comparable non-members, next to the
  naive member vs non-member comparison (biased by self-selection), with confidence intervals;
* :func:`programme_roi` — incremental margin a year against the cost a year;
* :func:`goal_scorecard` — each goal of the template with its indicator's value and target.

Sources: difference-in-differences after J. D. Angrist & J.-S. Pischke, *Mostly Harmless
Econometrics* (Princeton UP, 2009), ch. 5; staggered adoption with never-treated or
not-yet-treated controls after B. Callaway & P. H. C. Sant'Anna, "Difference-in-differences with
multiple time periods", *Journal of Econometrics* 225(2) (2021) — ours is the simple matched
event-time version (one effect per member over a fixed window, averaged); the programme KPIs
(participation, active members, redemption, breakage) after the usual loyalty-programme
practice (e.g. Kumar & Reinartz, *Customer Relationship Management*, 3rd ed., Springer 2018,
ch. 11 "Loyalty programs"); confidence intervals by Student's t (SciPy).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._params import confidence_level
from kbcore.analyses._template import (
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.analyses._window import months_back, span
from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "TEMPLATE",
    "INDICATORS",
    "CONTROLS",
    "ProgrammeKPIs",
    "ProgrammeCost",
    "LoyaltyEffect",
    "ProgrammeROI",
    "LoyaltyGoal",
    "LoyaltyTemplate",
    "membership",
    "members_at",
    "programme_kpis",
    "loyalty_template",
    "load_loyalty_template",
    "programme_cost",
    "programme_effect",
    "programme_roi",
    "goal_scorecard",
]

TEMPLATE = TEMPLATES_DIR / "kpi_loyalty_programme.yaml"
"""The packaged template: example cost parameters and the programme's goals."""
_KIND = "loyalty_programme"

INDICATORS = {
    "participation_rate": "higher",
    "non_participation_rate": "lower",
    "active_rate": "higher",
    "members_share": "higher",
    "redemption_rate": "higher",
    "breakage": "lower",
    "programme_cost": "lower",
    "incremental_revenue": "higher",
    "relative_uplift": "higher",
    "incremental_margin": "higher",
    "roi": "higher",
}
"""The indicators a goal of the template may name, with the default direction of "better"."""

CONTROLS = ("never", "not_yet")
"""Who may be a comparable non-member: clients never members up to the analysis date
(``never``), or also the later members not yet joined by the end of the member's post window
(``not_yet``, as in Callaway & Sant'Anna 2021)."""

_LOYALTY_COLUMNS = [C.client_id, C.joined, C.left, C.tier, C.points_earned, C.points_redeemed,
                    C.points_expired]


# --------------------------------------------------------------------------- helpers
def _bad(name: str, value, expected: str):
    raise KBDataError("loyalty_programme.error.parameter", name=name, value=repr(value),
                      expected=expected)


def _int_param(value, name: str, low: int = 1) -> int:
    try:
        v = int(value)
    except (TypeError, ValueError):
        _bad(name, value, f"a whole number, at least {low}")
    if isinstance(value, bool) or v != value or v < low:
        _bad(name, value, f"a whole number, at least {low}")
    return v


def _level(level) -> float:
    return confidence_level(level, _bad)


def _as_of(facts: Facts, as_of) -> pd.Timestamp:
    return facts.as_of if as_of is None else pd.Timestamp(as_of).normalize()


def _div(a: float, b: float) -> float:
    return float(a) / float(b) if b and np.isfinite(b) and np.isfinite(a) else np.nan


def _t_interval(values: np.ndarray, level: float) -> tuple[float, float, float, float, float]:
    """(mean, se, low, high, p) of a one-sample t interval; NaN where n is too small."""
    v = np.asarray(values, dtype="float64")
    n = len(v)
    if n == 0:
        return (np.nan,) * 5
    mean = float(v.mean())
    if n < 2:
        return mean, np.nan, np.nan, np.nan, np.nan
    se = float(v.std(ddof=1) / math.sqrt(n))
    if se == 0:
        return mean, 0.0, mean, mean, (0.0 if mean != 0 else 1.0)
    q = float(stats.t.ppf((1 + level) / 2, n - 1))
    p = float(stats.ttest_1samp(v, 0.0).pvalue)
    return mean, se, mean - q * se, mean + q * se, p


# --------------------------------------------------------------------------- membership
def membership(loyalty: pd.DataFrame | None) -> pd.DataFrame:
    """The loyalty table cleaned: one row per client, its first joining.

    ::

        client_id   stripped text; rows without an id or a valid ``joined`` date are dropped
        joined      the earliest joining date of the client (a client listed twice keeps it,
                    and its points are summed over its rows)
        left        the date it left (NaT: still a member); its latest, when listed twice
        points_*    numbers (NaN where the column is absent)

    Parameters
    ----------
    loyalty : DataFrame or None
        The canonical loyalty table.

    Returns
    -------
    DataFrame
        ``client_id, joined, left, tier, points_earned, points_redeemed, points_expired``
        sorted by client_id; ``attrs["missing"]`` names the absent table (``"loyalty"``) or
        columns (``"loyalty.points_earned"`` …, ``"loyalty.left"`` is not reported: without it
        nobody has left); ``attrs["dropped"]`` the rows without an id or a date.

    Source: our reading of the schema's loyalty table.
    """
    empty = pd.DataFrame({C.client_id: pd.Series([], dtype="string"),
                          C.joined: pd.Series([], dtype="datetime64[ns]"),
                          C.left: pd.Series([], dtype="datetime64[ns]"),
                          C.tier: pd.Series([], dtype="string"),
                          C.points_earned: pd.Series([], dtype="float64"),
                          C.points_redeemed: pd.Series([], dtype="float64"),
                          C.points_expired: pd.Series([], dtype="float64")})
    if loyalty is None or C.client_id not in loyalty.columns or C.joined not in loyalty.columns:
        empty.attrs.update(missing=["loyalty"], dropped=0, clean=True)
        return empty
    missing = [f"loyalty.{c}" for c in (C.points_earned, C.points_redeemed, C.points_expired)
               if c not in loyalty.columns]
    lt = pd.DataFrame({C.client_id: _ids(loyalty[C.client_id]).to_numpy(),
                       C.joined: pd.to_datetime(loyalty[C.joined], errors="coerce").dt.normalize().to_numpy()})
    lt[C.left] = (pd.to_datetime(loyalty[C.left], errors="coerce").dt.normalize().to_numpy()
                  if C.left in loyalty.columns else pd.NaT)
    lt[C.tier] = (loyalty[C.tier].astype("string").str.strip().replace("", pd.NA).to_numpy()
                  if C.tier in loyalty.columns else pd.NA)
    for c in (C.points_earned, C.points_redeemed, C.points_expired):
        lt[c] = (pd.to_numeric(loyalty[c], errors="coerce").to_numpy("float64")
                 if c in loyalty.columns else np.nan)
    ok = lt[C.client_id].notna() & (lt[C.client_id].astype("string") != "") & lt[C.joined].notna()
    dropped = int((~ok).sum())
    lt = lt.loc[ok]
    if not len(lt):
        empty.attrs.update(missing=missing, dropped=dropped, clean=True)
        return empty
    lt = lt.sort_values([C.client_id, C.joined], kind="mergesort")
    g = lt.groupby(C.client_id, sort=True)
    out = pd.DataFrame({C.joined: g[C.joined].min(), C.left: g[C.left].max(), C.tier: g[C.tier].last()})
    for c in (C.points_earned, C.points_redeemed, C.points_expired):
        out[c] = g[c].sum(min_count=1) if c not in [m.split(".")[1] for m in missing] else np.nan
    out = out.reset_index()
    out[C.client_id] = out[C.client_id].astype("string")
    out[C.tier] = out[C.tier].astype("string")
    out[C.joined] = pd.to_datetime(out[C.joined])
    out[C.left] = pd.to_datetime(out[C.left])
    for c in (C.points_earned, C.points_redeemed, C.points_expired):
        out[c] = out[c].astype("float64")
    out = out[_LOYALTY_COLUMNS]
    out.attrs.update(missing=missing, dropped=dropped, clean=True)
    return out


def members_at(loyalty: pd.DataFrame | None, as_of=None) -> pd.Index:
    """The clients who are members of the programme on ``as_of``.

    ::

        member(as_of) = joined ≤ as_of  and  (left is empty  or  left > as_of)

    Parameters
    ----------
    loyalty : DataFrame or None
        The loyalty table (raw or :func:`membership`).
    as_of : date-like, optional
        The day (default: every row counts, whatever its dates).

    Returns
    -------
    Index
        The members' client ids (string dtype), sorted; empty without a loyalty table.

    Source: our reading of the schema's loyalty table (``left``: the day the member left).
    """
    lt = loyalty if loyalty is not None and loyalty.attrs.get("clean") else membership(loyalty)
    if not len(lt):
        return pd.Index([], dtype="string", name=C.client_id)
    if as_of is None:
        keep = pd.Series(True, index=lt.index)
    else:
        day = pd.Timestamp(as_of).normalize()
        keep = (lt[C.joined] <= day) & (lt[C.left].isna() | (lt[C.left] > day))
    return pd.Index(lt.loc[keep, C.client_id].dropna().unique(), dtype="string",
                    name=C.client_id).sort_values()


# --------------------------------------------------------------------------- the KPIs
@dataclass(frozen=True)
class ProgrammeKPIs:
    """The programme's indicators on one day (:func:`programme_kpis`).

    Attributes
    ----------
    as_of : Timestamp
    eligible, members, eligible_members, active_members : int
        Clients who bought in the last ``eligible_months``; members on ``as_of``; members among
        the eligible; members who bought in the last ``active_months``.
    participation_rate, non_participation_rate, active_rate : float
        eligible_members / eligible, 1 − that, active_members / members.
    revenue, member_revenue, members_share : float
        Sales in the share window, the members' part of it, and its share.
    points_issued, points_redeemed, points_expired, outstanding : float
        Σ over every membership (as recorded in the table); outstanding = issued − redeemed −
        expired (expired taken as 0 when unknown: see ``missing``).
    redemption_rate, breakage : float
        redeemed / issued, expired / issued.
    member_years : float
        Σ over memberships of the years between joining and min(left, as_of).
    windows : dict
        ``eligible``, ``active``, ``share``: the (start, end) of each window.
    missing : tuple of str
        ``"loyalty"``, ``"loyalty.points_earned"``, ``"loyalty.points_redeemed"``,
        ``"loyalty.points_expired"``.
    """

    as_of: pd.Timestamp
    eligible: int
    members: int
    eligible_members: int
    participation_rate: float
    non_participation_rate: float
    active_members: int
    active_rate: float
    revenue: float
    member_revenue: float
    members_share: float
    points_issued: float
    points_redeemed: float
    points_expired: float
    outstanding: float
    redemption_rate: float
    breakage: float
    member_years: float
    windows: dict = field(default_factory=dict)
    missing: tuple[str, ...] = field(default_factory=tuple)


def _buyers(facts: Facts, lo, hi) -> pd.DataFrame:
    f = facts.clients(*span(facts, lo, hi))
    ids = _ids(f[C.client_id])
    return pd.DataFrame({C.client_id: ids.to_numpy(), C.revenue: f[C.revenue].to_numpy("float64")})


def programme_kpis(facts: Facts, loyalty: pd.DataFrame | None, *, as_of=None, eligible_months: int = 12,
                   active_months: int = 12, share_months: int = 12) -> ProgrammeKPIs:
    """The programme's indicators on ``as_of``: reach, activity, share of sales, points.

    With E = the last ``eligible_months`` months up to as_of, A = the last ``active_months``,
    S = the last ``share_months`` (:func:`~kbcore.analyses._window.months_back`)::

        eligible               = clients with a purchase in E (net revenue > 0)
        members                = members on as_of (:func:`members_at`)
        participation_rate     = |members ∩ eligible| / |eligible|
        non_participation_rate = 1 − participation_rate
        active_members         = members with a purchase in A;  active_rate = active / members
        members_share          = Σ revenue of the members in S / Σ revenue of all clients in S
        points_issued          = Σ points_earned;  points_redeemed = Σ points_redeemed;
        points_expired         = Σ points_expired          (every membership up to as_of)
        redemption_rate        = redeemed / issued;  breakage = expired / issued
        outstanding            = issued − redeemed − expired   (the points still to be honoured;
                                 expired counted as 0 when unknown: then it includes them)
        member_years           = Σ (min(left, as_of) − joined) / 365.25 days

    The points are the table's totals as recorded (the table has no dates per point), of the
    memberships that began on or before as_of.

    Parameters
    ----------
    facts : Facts
    loyalty : DataFrame or None
        The loyalty table.
    as_of : date-like, optional
        Default ``facts.as_of``.
    eligible_months, active_months, share_months : int
        The windows (default 12 months each).

    Returns
    -------
    ProgrammeKPIs
        Without a loyalty table every membership figure is 0 or NaN and ``missing`` says so.

    Source: the usual loyalty-programme indicators (Kumar & Reinartz 2018, ch. 11); breakage
    as the share of issued points never redeemed (expired) is the trade's definition.
    """
    for name, v in (("eligible_months", eligible_months), ("active_months", active_months),
                    ("share_months", share_months)):
        _int_param(v, name)
    day = _as_of(facts, as_of)
    lt = membership(loyalty)
    missing = list(lt.attrs.get("missing", []))
    members = members_at(lt, day)
    windows = {k: months_back(day, m) for k, m in
               (("eligible", eligible_months), ("active", active_months), ("share", share_months))}
    e = _buyers(facts, *windows["eligible"])
    eligible = pd.Index(e.loc[e[C.revenue] > 0, C.client_id].unique(), dtype="string")
    a = _buyers(facts, *windows["active"])
    active = pd.Index(a.loc[a[C.revenue] > 0, C.client_id].unique(), dtype="string")
    s = _buyers(facts, *windows["share"])
    revenue = float(s[C.revenue].sum())
    member_revenue = float(s.loc[s[C.client_id].isin(members), C.revenue].sum())
    n_members = len(members)
    elig_members = int(eligible.isin(members).sum())
    active_members = int(active.isin(members).sum())
    part = _div(elig_members, len(eligible)) if "loyalty" not in missing else np.nan
    began = lt.loc[lt[C.joined] <= day]
    def points(col: str) -> float:
        return np.nan if f"loyalty.{col}" in missing else float(began[col].fillna(0.0).sum())

    issued, redeemed, expired = points(C.points_earned), points(C.points_redeemed), points(C.points_expired)
    outstanding = issued - redeemed - (0.0 if np.isnan(expired) else expired)
    end = began[C.left].where(began[C.left].notna() & (began[C.left] < day), day)
    member_years = float(((end - began[C.joined]).dt.days.clip(lower=0) / 365.25).sum())
    return ProgrammeKPIs(
        as_of=day, eligible=len(eligible), members=n_members, eligible_members=elig_members,
        participation_rate=part, non_participation_rate=1 - part if np.isfinite(part) else np.nan,
        active_members=active_members,
        active_rate=_div(active_members, n_members) if n_members else np.nan,
        revenue=revenue, member_revenue=member_revenue,
        members_share=_div(member_revenue, revenue) if "loyalty" not in missing else np.nan,
        points_issued=issued, points_redeemed=redeemed, points_expired=expired, outstanding=outstanding,
        redemption_rate=_div(redeemed, issued) if issued else np.nan,
        breakage=_div(expired, issued) if issued else np.nan,
        member_years=member_years, windows=windows, missing=tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- the template
@dataclass(frozen=True)
class LoyaltyGoal:
    """A goal of the programme and the indicator that measures it.

    ``text`` is the goal in en, ru and bg; ``indicator`` one of :data:`INDICATORS`; ``target``
    the value to reach (None: no target yet); ``better`` ``higher`` or ``lower``.
    """

    id: str
    text: dict
    indicator: str
    target: float | None
    better: str


@dataclass(frozen=True)
class LoyaltyTemplate:
    """The programme's cost parameters and goals (:func:`loyalty_template`).

    Money in ``currency`` a year; ``margin_rate`` is used only when the sales have no cost
    (then it is an assumption, and the results say so); ``example`` is true while the numbers
    are an illustration.
    """

    title: dict
    example: bool
    currency: str
    value_per_point: float
    fixed_cost_per_year: float
    cost_per_member_per_year: float
    margin_rate: float
    window_months: int
    goals: tuple[LoyaltyGoal, ...]
    file: str | None = None


_EXAMPLES = {"title": "{en: …, ru: …, bg: …}", "value_per_point": "0.01", "fixed_cost_per_year": "12000",
             "cost_per_member_per_year": "10", "margin_rate": "0.3", "window_months": "12",
             "goals": "[{id: reach, indicator: participation_rate, target: 0.3, goal: {en: …, ru: …, bg: …}}]"}
_TOP_KEYS = {"title", "example", "currency", "value_per_point", "fixed_cost_per_year",
             "cost_per_member_per_year", "margin_rate", "window_months", "goals"}


def _goal(raw, file, where: str) -> LoyaltyGoal:
    template_keys(_KIND, raw, {"id", "goal", "indicator", "target", "better"}, file, where,
                  ("id", "goal", "indicator"), _EXAMPLES["goals"])
    gid = str(raw["id"]).strip()
    if not re.fullmatch(r"[a-z][a-z0-9_]*", gid):
        template_error(_KIND, "bad_id", file, f"{where}.id", id=gid, example="reach")
    indicator = raw["indicator"]
    if indicator not in INDICATORS:
        template_error(_KIND, "unknown_measure", file, f"{where}.indicator", value=indicator,
                       allowed=", ".join(INDICATORS))
    target = raw.get("target")
    if target is not None:
        target = template_number(_KIND, target, file, f"{where}.target", example="0.3", what="goal_target")
    better = raw.get("better", INDICATORS[indicator])
    if better not in ("higher", "lower"):
        template_error(_KIND, "wrong_shape", file, f"{where}.better", form="better: higher")
    return LoyaltyGoal(gid, template_texts(_KIND, raw["goal"], file, f"{where}.goal"), indicator, target, better)


def loyalty_template(data, *, file=None) -> LoyaltyTemplate:
    """Validate a loyalty-programme template given as a dict (the parsed YAML).

    Form (every text in en, ru and bg; money in ``currency`` a year)::

        title: {en: …, ru: …, bg: …}
        example: true                 # optional (default true): the numbers are an illustration
        currency: EUR                 # optional
        value_per_point: 0.01         # ≥ 0: what a redeemed point costs us
        fixed_cost_per_year: 12000    # ≥ 0: platform, cards, administration
        cost_per_member_per_year: 10  # ≥ 0: mailings, welcome pack, service
        margin_rate: 0.3              # 0–1: used only when the sales have no cost (an assumption)
        window_months: 12             # optional (default 12), 1–60: the before/after window
        goals:                        # at least one
          - {id: reach, indicator: participation_rate, target: 0.3, better: higher, goal: {…}}

    Rules: the numbers are finite and not negative, the margin rate in 0–1, ids unique
    lowercase Latin, ``indicator`` one of :data:`INDICATORS`, ``better`` higher or lower
    (default: the indicator's own direction), ``target`` a number when given.

    Raises
    ------
    TemplateError
        A :class:`~kbcore.errors.KBDataError` ``template.<problem>`` naming the file, the key and
        what to do.

    Source: our reading (the programme's cost as redemptions + fixed running cost + cost per
    member; Kumar & Reinartz 2018, ch. 11); the values shipped are examples.
    """
    template_keys(_KIND, data, _TOP_KEYS, file, None, (), "title: {en: …, ru: …, bg: …}", shape_key="title")
    for name in ("title", "value_per_point", "fixed_cost_per_year", "cost_per_member_per_year",
                 "margin_rate", "goals"):
        if data.get(name) is None:
            template_error(_KIND, "missing_key", file, name, form=f"{name}: {_EXAMPLES[name]}")
    title = template_texts(_KIND, data["title"], file, "title")
    example = data.get("example", True)
    if not isinstance(example, bool):
        template_error(_KIND, "wrong_shape", file, "example", form="example: true")
    currency = data.get("currency", "EUR")
    if not isinstance(currency, str) or len(currency.strip()) != 3 or not currency.strip().isalpha():
        template_error(_KIND, "wrong_shape", file, "currency", form="currency: EUR")
    nums = {name: template_number(_KIND, data[name], file, name, low=0.0, example=_EXAMPLES[name],
                                  what=name)
            for name in ("value_per_point", "fixed_cost_per_year", "cost_per_member_per_year")}
    margin = template_number(_KIND, data["margin_rate"], file, "margin_rate", low=0.0, high=1.0,
                             example="0.3", what="margin_rate")
    window = template_number(_KIND, data.get("window_months", 12), file, "window_months", low=1.0,
                             high=60.0, example="12", what="window_months")
    if window != int(window):
        template_error(_KIND, "not_number", file, "window_months", what="window_months", value=window,
                       example="12")
    raw_goals = data["goals"]
    if not isinstance(raw_goals, list) or not raw_goals:
        template_error(_KIND, "empty", file, "goals", form=f"goals: {_EXAMPLES['goals']}")
    goals: list[LoyaltyGoal] = []
    for i, raw in enumerate(raw_goals):
        g = _goal(raw, file, f"goals[{i}]")
        if any(x.id == g.id for x in goals):
            template_error(_KIND, "duplicate_id", file, f"goals[{i}].id", id=g.id)
        goals.append(g)
    return LoyaltyTemplate(title=title, example=example, currency=currency.strip().upper(),
                           margin_rate=margin, window_months=int(window), goals=tuple(goals),
                           file=None if file is None else str(file), **nums)


def load_loyalty_template(path=None) -> LoyaltyTemplate:
    """Read and validate a loyalty-programme template (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default: :data:`TEMPLATE` (``data/templates/kpi_loyalty_programme.yaml``, example values).

    Returns
    -------
    LoyaltyTemplate
        See :func:`loyalty_template` for the rules.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML, or breaks a rule (the message names the key).
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return loyalty_template(data, file=path)


# --------------------------------------------------------------------------- the cost
@dataclass(frozen=True)
class ProgrammeCost:
    """What the programme costs a year (:func:`programme_cost`), in the dataset's currency.

    ``redeemed_per_year`` are points; ``redemptions`` = that × value per point; ``total`` =
    redemptions + fixed + per_member (NaN when the redemptions are unknown: ``missing``).
    """

    redeemed_per_year: float
    redemptions: float
    fixed: float
    per_member: float
    total: float
    value_per_point: float
    missing: tuple[str, ...] = field(default_factory=tuple)


def _money_param(value, name: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        _bad(name, value, "a number of money, 0 or more")
    if not math.isfinite(v) or v < 0 or isinstance(value, bool):
        _bad(name, value, "a number of money, 0 or more")
    return v


def programme_cost(kpis: ProgrammeKPIs, *, value_per_point: float, fixed_cost_per_year: float = 0.0,
                   cost_per_member_per_year: float = 0.0) -> ProgrammeCost:
    """The programme's cost a year at its current size.

    ::

        redeemed_per_year = points_redeemed / member_years × members     (the redemption pace
                            per member-year so far, applied to today's members)
        redemptions       = redeemed_per_year × value_per_point
        per_member        = members × cost_per_member_per_year
        total             = redemptions + fixed_cost_per_year + per_member

    Parameters
    ----------
    kpis : ProgrammeKPIs
        :func:`programme_kpis`.
    value_per_point, fixed_cost_per_year, cost_per_member_per_year : float
        Money (the template's, or the notebook's parameters); 0 or more.

    Returns
    -------
    ProgrammeCost
        ``missing`` = ``("loyalty.points_redeemed",)`` when the redemptions are unknown (then
        ``total`` is NaN), ``("loyalty",)`` without a loyalty table.

    Source: our reading — the cost of a points programme as the value of the rewards honoured,
    the running cost and the cost of serving members (Kumar & Reinartz 2018, ch. 11).
    """
    vpp = _money_param(value_per_point, "value_per_point")
    fixed = _money_param(fixed_cost_per_year, "fixed_cost_per_year")
    per = _money_param(cost_per_member_per_year, "cost_per_member_per_year")
    missing = [m for m in kpis.missing if m in ("loyalty", "loyalty.points_redeemed")]
    if np.isnan(kpis.points_redeemed):
        pace = np.nan
    elif kpis.member_years > 0:
        pace = kpis.points_redeemed / kpis.member_years * kpis.members
    else:
        pace = 0.0
    redemptions = pace * vpp if np.isfinite(pace) else np.nan
    per_member = kpis.members * per
    total = redemptions + fixed + per_member if np.isfinite(redemptions) else np.nan
    return ProgrammeCost(float(pace), float(redemptions), fixed, float(per_member), float(total), vpp,
                         tuple(missing))


# --------------------------------------------------------------------------- the effect
@dataclass(frozen=True)
class LoyaltyEffect:
    """The programme's effect on the members' revenue (:func:`programme_effect`).

    Attributes
    ----------
    did, se, ci_low, ci_high, p_value : float
        The difference-in-differences per member over the window (money), its standard error,
        its t-interval at ``level`` and the p-value of "no effect".
    naive, naive_se, naive_low, naive_high : float
        The naive comparison: members' revenue after joining − non-members' in the same windows.
    n : int
        Members in the estimate.
    pre_mean, post_mean : float
        Their mean revenue before and after joining (one window each).
    relative_uplift : float
        did / pre_mean.
    margin_rate : float
        Σ gross margin / Σ revenue of the members' post windows (NaN without cost).
    window, level : int, float
    controls : str
        ``never`` or ``not_yet``.
    members : DataFrame
        One row per member: ``client_id, joined, status`` (``used`` or why excluded:
        ``no_pre_window``, ``no_post_window``, ``no_pre_sales``, ``not_buying_at_join``,
        ``no_control``), ``pre, post,
        controls, control_pre, control_post, d, naive_d``.
    event : DataFrame
        ``month`` (event time: 0 = the joining month), ``members``, ``controls`` (mean revenue
        per client that month), ``diff``, ``part`` (``pre``, ``join`` — the joining month when
        it is left out — or ``post``).
    excluded : dict
        Count per reason.
    missing : tuple of str
        ``"loyalty"``, ``"clients"``, ``"clients.<column>"`` (a matching column), ``"sales.cost"``.
    """

    did: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    naive: float
    naive_se: float
    naive_low: float
    naive_high: float
    n: int
    pre_mean: float
    post_mean: float
    relative_uplift: float
    margin_rate: float
    window: int
    level: float
    controls: str
    members: pd.DataFrame
    event: pd.DataFrame
    excluded: dict
    missing: tuple[str, ...] = field(default_factory=tuple)


def _month_matrix(facts: Facts, day: pd.Timestamp, universe: pd.Index):
    """Revenue and gross margin per client (rows of ``universe``) and calendar month up to ``day``.

    The months run from the month of the first sales day to the last whole month up to ``day``
    (the month of ``day`` when it is its last day, else the month before).
    """
    first = facts.first_day(None, day)
    last_month = (day + pd.Timedelta(days=1)).to_period("M") - 1
    if first is None or first.to_period("M") > last_month:
        z = np.zeros((len(universe), 0))
        return z, z.copy(), pd.PeriodIndex([], freq="M")
    months = pd.period_range(first.to_period("M"), last_month, freq="M")
    p = facts.periods("month", *span(facts, None, day))
    codes, labels = pd.factorize(p["period"].astype("string"))  # "YYYY-MM": a few distinct months
    first_m = months[0].year * 12 + months[0].month
    label_col = np.array([int(x[:4]) * 12 + int(x[5:7]) - first_m for x in labels], dtype=np.int64)
    col = label_col[codes] if len(codes) else np.array([], dtype=np.int64)
    row = universe.get_indexer(_ids(p[C.client_id]))
    ok = (row >= 0) & (col >= 0) & (col < len(months))
    rev = np.zeros((len(universe), len(months)))
    gm = np.zeros((len(universe), len(months)))
    np.add.at(rev, (row[ok], col[ok]), p[C.revenue].to_numpy("float64")[ok])
    g = p["gross_margin"].to_numpy("float64")[ok] if "gross_margin" in p.columns else np.full(ok.sum(), np.nan)
    np.add.at(gm, (row[ok], col[ok]), g)
    return rev, gm, months


def programme_effect(facts: Facts, loyalty: pd.DataFrame | None, clients: pd.DataFrame | None = None, *,
                     as_of=None, window: int = 12, controls: str = "never", match_on=(C.segment,),
                     revenue_bands: int = 4, active_pre: bool = True, active_recent: int = 3,
                     min_controls: int = 1,
                     join_month: str = "post", level: float = 0.95) -> LoyaltyEffect:
    """The incremental revenue of the programme: members against comparable non-members, before and after.

    Months are calendar months; member i joins in month J_i, W = ``window``::

        pre_i  = Σ revenue of i in months [J_i − W, J_i − 1]
        post_i = Σ revenue of i in months [J_i, J_i + W − 1]      (join_month="post": [J, J+W)
                                                                   as in the brief; "skip"
                                                                   leaves the joining month out:
                                                                   [J_i + 1, J_i + W])
        controls C_i = clients that are not members (``controls``: "never" = never joined up to
                 as_of; "not_yet" = also later members who join after i's post window) with
                 the same ``match_on`` values (segment; clients table) and the same pre-period
                 revenue band (the ``revenue_bands`` quantile bands of the pre-window revenue
                 of all clients who bought in it), measured in the same calendar months
        d_i    = (post_i − pre_i) − mean_{c ∈ C_i} (post_c − pre_c)
        DiD    = mean_i d_i;  SE = sd(d_i) / √n;  CI = DiD ± t_{n−1, (1+level)/2} × SE
        p      = one-sample t-test of d_i = 0 (SciPy ``ttest_1samp``)
        relative uplift = DiD / mean_i pre_i
        naive_i = post_i − mean over all non-members c (same ``controls`` rule, same pre-window
                  activity rule, no matching) of post_c;  naive = mean_i naive_i (same t-interval)
        margin rate = Σ gross margin / Σ revenue of the members' post windows (needs cost)

    A member is left out, and counted in ``excluded``, without a whole pre window in the data
    (``no_pre_window``), without a whole post window up to as_of (``no_post_window``), without a
    purchase in its pre window when ``active_pre`` (``no_pre_sales``: a new client's growth is
    not the programme's), without a purchase in the last ``active_recent`` months before joining
    (``not_buying_at_join``), or with fewer than ``min_controls`` matched controls (``no_control``).
    The controls obey the same two activity rules in the same months: a member is a client who
    still buys when it joins, so its controls must be clients who still buy then too — a control
    that had already left would fall to zero afterwards and make the programme look better than it is.
    Members who left later stay in (the effect of having joined, not of staying).

    Self-selection: clients who join are not like the others (bigger, growing); comparing
    members' revenue with non-members' mixes that difference with the programme's effect (the
    naive estimate). The difference-in-differences removes what is constant per client (its
    level) and what is common to the month (the market); it still assumes that, without the
    programme, members would have moved like their matched controls (parallel trends). The
    SE treats the d_i as independent although members may share controls: an approximation.

    Parameters
    ----------
    facts : Facts
    loyalty : DataFrame or None
    clients : DataFrame, optional
        The clients table (for ``match_on``).
    as_of : date-like, optional
        Default ``facts.as_of``: memberships known then, windows ending by then.
    window : int
        W in months (default 12).
    controls : {"never", "not_yet"}
    match_on : sequence of str
        Columns of the clients table the controls must share (default segment; industry, size …;
        () for none). A column absent from the table is skipped and named in ``missing``.
    revenue_bands : int
        Quantile bands of the pre-window revenue (default 4: quartiles; 1 = no banding).
    active_pre : bool
        Members and controls must have bought in the pre window (default True).
    active_recent : int
        Members and controls must have bought in the last this many months before joining
        (default 3; 0 = no such rule; more than ``window`` counts as the window).
    min_controls : int
        The fewest controls a member needs (default 1).
    join_month : {"post", "skip"}
    level : float
        Confidence level (default 0.95).

    Returns
    -------
    LoyaltyEffect

    Source: Angrist & Pischke (2009), ch. 5 (difference-in-differences); Callaway & Sant'Anna
    (2021) for staggered adoption with never- or not-yet-treated controls — ours is the simple
    matched event-time version.
    """
    w = _int_param(window, "window")
    if controls not in CONTROLS:
        _bad("controls", controls, "'never' or 'not_yet'")
    if join_month not in ("post", "skip"):
        _bad("join_month", join_month, "'post' or 'skip'")
    bands = _int_param(revenue_bands, "revenue_bands")
    k_min = _int_param(min_controls, "min_controls")
    recent = min(_int_param(active_recent, "active_recent", low=0), w)  # a longer rule is the window's
    lvl = _level(level)
    match_on = (match_on,) if isinstance(match_on, str) else tuple(match_on or ())
    day = _as_of(facts, as_of)
    lt = membership(loyalty)
    missing = [m for m in lt.attrs.get("missing", []) if m == "loyalty"]
    lt = lt.loc[lt[C.joined] <= day]
    upto = facts.clients(*span(facts, None, day))
    universe = pd.Index(_ids(upto[C.client_id]), dtype="string").union(
        pd.Index(lt[C.client_id], dtype="string")).dropna().unique().sort_values()
    rev, gm, months = _month_matrix(facts, day, universe)
    n_months = len(months)
    cum = np.concatenate([np.zeros((len(universe), 1)), np.cumsum(rev, axis=1)], axis=1)

    # the groups to match on
    keys = np.zeros(len(universe), dtype=np.int64)
    cl = None
    if match_on:
        if clients is None or C.client_id not in clients.columns or not len(clients):
            missing.append("clients")
        else:
            cl = clients.assign(**{C.client_id: _ids(clients[C.client_id])}).drop_duplicates(C.client_id)
            cl = cl.set_index(C.client_id)
            parts = []
            for col in match_on:
                if col not in cl.columns:
                    missing.append(f"clients.{col}")
                    continue
                parts.append(cl[col].astype("string").str.strip().reindex(universe).fillna("\x00"))
            if parts:
                combo = parts[0]
                for p in parts[1:]:
                    combo = combo + "\x1f" + p
                keys = pd.factorize(combo.to_numpy())[0].astype(np.int64)

    join_col = {cid: (d.to_period("M") - months[0]).n if n_months else -1
                for cid, d in zip(lt[C.client_id], lt[C.joined], strict=True)}
    member_rows = universe.get_indexer(pd.Index(lt[C.client_id], dtype="string"))
    join_idx = np.full(len(universe), np.iinfo(np.int64).max, dtype=np.int64)  # "never" = +inf
    for r, cid in zip(member_rows, lt[C.client_id], strict=True):
        join_idx[r] = join_col[cid]
    shift = 0 if join_month == "post" else 1
    rows = []
    ev_span = np.arange(-w, w + shift)
    ev_members, ev_controls, ev_n = np.zeros(len(ev_span)), np.zeros(len(ev_span)), 0
    post_rev = post_gm = 0.0
    gm_known = True
    never = np.iinfo(np.int64).max
    cache: dict[int, tuple] = {}
    groups: dict[tuple, tuple] = {}
    for r, cid, joined in zip(member_rows, lt[C.client_id], lt[C.joined], strict=True):
        j = join_idx[r]
        lo_pre, hi_pre, lo_post, hi_post = j - w, j, j + shift, j + shift + w  # [lo, hi)
        rec = {C.client_id: cid, C.joined: joined, "status": "used", "pre": np.nan, "post": np.nan,
               "controls": 0, "control_pre": np.nan, "control_post": np.nan, "d": np.nan, "naive_d": np.nan}
        if lo_pre < 0 or not n_months:
            rec["status"] = "no_pre_window"
        elif hi_post > n_months:
            rec["status"] = "no_post_window"
        if rec["status"] != "used":
            rows.append(rec)
            continue
        if j not in cache:  # what members joining in the same month share: windows, pool, bands
            pre_j = cum[:, hi_pre] - cum[:, lo_pre]
            post_j = cum[:, hi_post] - cum[:, lo_post]
            pool_j = join_idx == never
            if controls == "not_yet":
                pool_j |= (join_idx >= hi_post) & (join_idx != never)
            if active_pre:
                pool_j &= pre_j > 0
            recent_j = (cum[:, hi_pre] - cum[:, max(hi_pre - recent, 0)] > 0) if recent else None
            if recent_j is not None:
                pool_j &= recent_j
            band_j = np.zeros(len(universe), dtype=np.int64)
            if bands > 1:
                buying = pre_j[pre_j > 0]
                if len(buying):
                    edges = np.quantile(buying, np.linspace(0, 1, bands + 1)[1:-1])
                    band_j = np.searchsorted(edges, pre_j, side="right")
            cache[j] = (pre_j, post_j, pool_j, band_j, float(post_j[pool_j].mean()) if pool_j.any() else np.nan,
                        recent_j)
        pre_all, post_all, pool, band, pool_post, recent_all = cache[j]
        rec["pre"], rec["post"] = float(pre_all[r]), float(post_all[r])
        if active_pre and pre_all[r] <= 0:
            rec["status"] = "no_pre_sales"
            rows.append(rec)
            continue
        if recent_all is not None and not recent_all[r]:
            rec["status"] = "not_buying_at_join"
            rows.append(rec)
            continue
        group = (j, int(band[r]), int(keys[r]))
        if group not in groups:  # the matched controls of every member of this month, band and segment
            idx = np.flatnonzero(pool & (band == band[r]) & (keys == keys[r]))
            groups[group] = (len(idx), float(pre_all[idx].mean()) if len(idx) else np.nan,
                             float(post_all[idx].mean()) if len(idx) else np.nan,
                             rev[np.ix_(idx, j + ev_span)].mean(axis=0) if len(idx) else None)
        n_c, c_pre, c_post, c_event = groups[group]
        rec["controls"] = n_c
        if n_c < k_min or n_c == 0:
            rec["status"] = "no_control"
            rows.append(rec)
            continue
        rec["control_pre"], rec["control_post"] = c_pre, c_post
        rec["d"] = (rec["post"] - rec["pre"]) - (rec["control_post"] - rec["control_pre"])
        rec["naive_d"] = rec["post"] - pool_post
        rows.append(rec)
        cols = j + ev_span
        ev_members += rev[r, cols]
        ev_controls += c_event
        ev_n += 1
        post_rev += float(rev[r, lo_post:hi_post].sum())
        g = gm[r, lo_post:hi_post]
        if np.isnan(g).any():
            gm_known = False
        post_gm += float(np.nansum(g))

    per = pd.DataFrame(rows, columns=[C.client_id, C.joined, "status", "pre", "post", "controls",
                                      "control_pre", "control_post", "d", "naive_d"])
    per[C.client_id] = per[C.client_id].astype("string")
    per[C.joined] = pd.to_datetime(per[C.joined])
    per["status"] = per["status"].astype("string")
    per["controls"] = per["controls"].astype("int64")
    for c in ("pre", "post", "control_pre", "control_post", "d", "naive_d"):
        per[c] = per[c].astype("float64")
    per = per.sort_values([C.joined, C.client_id], kind="mergesort").reset_index(drop=True)
    used = per.loc[per["status"] == "used"]
    did, se, lo, hi, p = _t_interval(used["d"].to_numpy(), lvl)
    naive, nse, nlo, nhi, _np = _t_interval(used["naive_d"].to_numpy(), lvl)
    pre_mean = float(used["pre"].mean()) if len(used) else np.nan
    post_mean = float(used["post"].mean()) if len(used) else np.nan
    if not gm_known or not ev_n:
        missing.append("sales.cost")
        margin = np.nan
    else:
        margin = _div(post_gm, post_rev)
    event = pd.DataFrame({"month": ev_span.astype("int64"),
                          "members": ev_members / ev_n if ev_n else np.nan,
                          "controls": ev_controls / ev_n if ev_n else np.nan})
    event["diff"] = event["members"] - event["controls"]
    event["part"] = pd.array(np.where(ev_span < 0, "pre", np.where(ev_span < shift, "join", "post")),
                             dtype="string")
    excluded = {k: int((per["status"] == k).sum())
                for k in ("no_pre_window", "no_post_window", "no_pre_sales", "not_buying_at_join", "no_control")}
    return LoyaltyEffect(did=did, se=se, ci_low=lo, ci_high=hi, p_value=p, naive=naive, naive_se=nse,
                         naive_low=nlo, naive_high=nhi, n=len(used), pre_mean=pre_mean, post_mean=post_mean,
                         relative_uplift=_div(did, pre_mean) if pre_mean else np.nan, margin_rate=margin,
                         window=w, level=lvl, controls=controls, members=per, event=event,
                         excluded=excluded, missing=tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- the ROI
@dataclass(frozen=True)
class ProgrammeROI:
    """The programme's return a year (:func:`programme_roi`), in the dataset's currency.

    ``margin_assumed`` is True when the margin rate is the template's (the sales have no cost);
    ``roi_low`` / ``roi_high`` are the ROI at the ends of the DiD's confidence interval.
    """

    members: int
    incremental_revenue: float
    incremental_margin: float
    cost: float
    roi: float
    roi_low: float
    roi_high: float
    margin_rate: float
    margin_assumed: bool
    missing: tuple[str, ...] = field(default_factory=tuple)


def programme_roi(effect: LoyaltyEffect, kpis: ProgrammeKPIs, cost: ProgrammeCost, *,
                  margin_rate: float | None = None) -> ProgrammeROI:
    """The programme's return on its cost, a year, at its current size.

    ::

        incremental_revenue = DiD × 12 / W × members          (a year, today's members)
        margin_rate         = the members' own margin (effect.margin_rate, from cost) — else
                              ``margin_rate`` (the template's: an assumption, flagged)
        incremental_margin  = incremental_revenue × margin_rate
        ROI                 = (incremental_margin − cost) / cost
        ROI low / high      = the same with the DiD's CI bounds

    Parameters
    ----------
    effect : LoyaltyEffect
    kpis : ProgrammeKPIs
    cost : ProgrammeCost
    margin_rate : float, optional
        The margin rate to assume when the sales have no cost (0–1).

    Returns
    -------
    ProgrammeROI
        NaN where an input is missing; ``missing`` names it (``"sales.cost"`` when neither the
        cost nor a margin rate is given, the cost's and the effect's own).

    Source: ROI = (gain − cost) / cost (the usual definition); the incremental gain from the
    difference-in-differences (Angrist & Pischke 2009, ch. 5).
    """
    missing = list(cost.missing) + [m for m in effect.missing if m in ("loyalty",)]
    m = effect.margin_rate
    assumed = False
    if not np.isfinite(m):
        if margin_rate is None:
            missing.append("sales.cost")
        else:
            m = float(margin_rate)
            if not 0 <= m <= 1:
                _bad("margin_rate", margin_rate, "a share between 0 and 1 (0.3 = 30 %)")
            assumed = True
    if effect.n == 0:
        missing.append("effect")
    per_year = 12.0 / effect.window * kpis.members

    def roi_of(did: float) -> float:
        margin = did * per_year * m
        return (margin - cost.total) / cost.total if cost.total and np.isfinite(cost.total) else np.nan

    inc = effect.did * per_year
    return ProgrammeROI(members=kpis.members, incremental_revenue=float(inc),
                        incremental_margin=float(inc * m), cost=cost.total, roi=float(roi_of(effect.did)),
                        roi_low=float(roi_of(effect.ci_low)), roi_high=float(roi_of(effect.ci_high)),
                        margin_rate=float(m), margin_assumed=assumed, missing=tuple(dict.fromkeys(missing)))


# --------------------------------------------------------------------------- the goals
def goal_scorecard(template: LoyaltyTemplate, kpis: ProgrammeKPIs, *, cost: ProgrammeCost | None = None,
                   effect: LoyaltyEffect | None = None, roi: ProgrammeROI | None = None) -> pd.DataFrame:
    """Each goal of the programme with the indicator that measures it, its value and target.

    ::

        value = the indicator (:data:`INDICATORS`) from the KPIs, the cost, the effect or the ROI
                (incremental_revenue and incremental_margin a year; relative_uplift over the window)
        met   = value ≥ target (better = higher) or value ≤ target (lower); NA without a value or
                a target

    Parameters
    ----------
    template : LoyaltyTemplate
    kpis : ProgrammeKPIs
    cost, effect, roi : optional
        The results that give the cost, effect and ROI indicators (absent: value NaN).

    Returns
    -------
    DataFrame
        ``goal, indicator, value, target, better, met``, in the template's order;
        ``attrs["texts"]`` the goals' texts by id.

    Source: our reading — a programme's goals each measured by one indicator (the balanced
    scorecard's rule, Kaplan & Norton 1996: no goal without a measure).
    """
    values = {
        "participation_rate": kpis.participation_rate,
        "non_participation_rate": kpis.non_participation_rate,
        "active_rate": kpis.active_rate,
        "members_share": kpis.members_share,
        "redemption_rate": kpis.redemption_rate,
        "breakage": kpis.breakage,
        "programme_cost": cost.total if cost is not None else np.nan,
        "incremental_revenue": roi.incremental_revenue if roi is not None else np.nan,
        "relative_uplift": effect.relative_uplift if effect is not None else np.nan,
        "incremental_margin": roi.incremental_margin if roi is not None else np.nan,
        "roi": roi.roi if roi is not None else np.nan,
    }
    rows = []
    for g in template.goals:
        v = values[g.indicator]
        v = float(v) if v is not None and np.isfinite(v) else np.nan
        if np.isnan(v) or g.target is None:
            met = pd.NA
        else:
            met = v >= g.target if g.better == "higher" else v <= g.target
        rows.append({"goal": g.id, "indicator": g.indicator, "value": v,
                     "target": np.nan if g.target is None else float(g.target), "better": g.better,
                     "met": met})
    out = pd.DataFrame(rows, columns=["goal", "indicator", "value", "target", "better", "met"])
    out["met"] = out["met"].astype("boolean")
    out["value"] = out["value"].astype("float64")
    out["target"] = out["target"].astype("float64")
    out.attrs["texts"] = {g.id: g.text for g in template.goals}
    return out
