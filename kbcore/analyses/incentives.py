"""Program 004, topic 9 · Staff motivation tied to KPIs: a simulator of incentive plans.

The company's own history of managers, targets and results is replayed under several incentive
plans, so that a plan is judged on what it would have paid, to whom, and for what:

* :func:`manager_results` — per manager and period (month, quarter or year): the KPIs
  (revenue, gross margin, revenue of target products, new clients, quantity), the targets of
  the ``targets`` table (rows with a manager), attainment = actual / target, and from the
  ``staff`` table the team, the monthly base pay and the part of the period employed;
* :func:`payout_curve` — the quota-based pay curve (threshold, payout at the threshold, the
  target rate up to 100 %, an accelerator above it, a cap);
* :func:`simulate` — one plan on the results: quota pay or commission, contest prizes and a
  team or structure pool, per manager and period;
* :func:`plan_summary`, :func:`compare_plans` — per plan: total variable pay, the cost of sales,
  the share of managers at quota, how pay tracks performance, fairness against territory
  potential, the highest pay against the median; plans side by side;
* :func:`territory_potential` — each manager's territory potential (clients' potential or the
  market potential of his territories);
* :func:`client_concentration`, :func:`overpay_flags` — the managers a plan pays a multiple of
  the median for a result that comes from one client (a windfall);
* :func:`load_incentive_plans_template` / :func:`incentive_plans` — the plans as data
  (``data/templates/kpi_incentive_plans.yaml``), validated; :func:`plan_with` — a plan with
  changed parameters (the widget's sliders).

The functions return numbers and ids only; the words are in :mod:`kbcore.views.incentives`.

Sources: A. A. Zoltners, P. Sinha, S. E. Lorimer, *The Complete Guide to Sales Force Incentive
Compensation* (AMACOM, 2006) — the pay curve with threshold, target incentive at goal,
accelerators above goal and caps, contests and team incentives, the test of a plan on past
results, and the link of pay to performance; the rule of thumb that 60–70 % of salespeople
should reach goal as ZS Associates state it ("Incentive Insights: how many salespeople should
meet their quota?", *Sales & Marketing Management*), with the measured reality of about
50–60 % (CSO Insights' yearly sales-performance studies); Spearman's rank correlation
(Spearman 1904) by SciPy. The plans of the template are examples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats

from kbcore.analyses._ids import UNKNOWN
from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._template import (
    argument_number,
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.analyses.market_potential import market_cells
from kbcore.analyses.sales_drilldown import annotate_lines, parse_period
from kbcore.analyses.units import one_unit
from kbcore.errors import KBDataError
from kbcore.facts import Facts, period_bounds
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "KPIS",
    "KPI_ALIASES",
    "FREQS",
    "MECHANICS",
    "CAP_KINDS",
    "TEMPLATE",
    "SUMMARY_FIELDS",
    "Contest",
    "Pool",
    "Plan",
    "manager_lines",
    "manager_targets",
    "manager_results",
    "revenue_coverage",
    "payout_curve",
    "curve_points",
    "simulate",
    "yearly_pay",
    "territory_potential",
    "plan_summary",
    "compare_plans",
    "territory_fairness",
    "client_concentration",
    "overpay_flags",
    "incentive_plans",
    "load_incentive_plans_template",
    "plan_with",
]

KPIS = ("revenue", "gross_margin", "target_products_revenue", "new_clients", "quantity")
"""The KPIs a plan may weigh (ids of the ``targets.kpi`` column; revenue, quantity and target
products' revenue as in :mod:`kbcore.analyses.sales_drilldown`)."""
KPI_ALIASES = {"margin": "gross_margin"}
"""Other spellings of a kpi in the ``targets`` table (the Russian demo company writes ``margin``)."""
FREQS = ("month", "quarter", "year")
"""The periods a plan pays on."""
MECHANICS = ("quota", "commission", "none")
"""How a plan's main part pays: against quota (a pay curve), as a commission on the actual, or not at all."""
CAP_KINDS = ("attainment", "multiple", "amount_per_month")
"""A cap on attainment (1.5 = 150 %), on the pay as a multiple of the target incentive, or in money a month."""
CONTEST_MEASURES = ("attainment", "actual")
CONTEST_EVERY = ("period", "year")
PRIZES_IN = ("base_pay", "money")
POOL_LEVELS = ("team", "company")
POOL_BASES = ("above_target", "all")
POOL_SPLITS = ("base_pay", "equal")
TEMPLATE = TEMPLATES_DIR / "kpi_incentive_plans.yaml"
"""The editable plans (examples)."""

SUMMARY_FIELDS = (
    "managers", "manager_periods", "revenue", "base_pay", "variable_pay", "total_pay",
    "cost_of_sales", "variable_to_revenue", "at_quota", "quota_rule_ok", "pay_rho", "pay_p",
    "top_performer_pay", "median_pay", "top_to_median", "max_to_median", "fairness_rho",
    "fairness_p", "fairness_per_target_rho", "fairness_per_target_p",
)
"""The figures of :func:`plan_summary`, in order (the columns of :func:`compare_plans`)."""

_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_PANDAS_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}
_KIND = "incentive_plans"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_EPS = 1e-9


# --------------------------------------------------------------------------- plans as data
@dataclass(frozen=True)
class Contest:
    """Prizes for the top managers of a period (or a year) by one KPI.

    ``prizes[i]`` goes to the (i+1)-th; in money, or as a multiple of the winner's monthly base
    pay (``prizes_in = "base_pay"``). Only managers with ``attainment ≥ min_attainment`` of the
    kpi take part (None: everyone with a result).
    """

    kpi: str = "revenue"
    measure: str = "attainment"
    prizes: tuple = (1.0,)
    prizes_in: str = "base_pay"
    min_attainment: float | None = 1.0
    every: str = "year"


@dataclass(frozen=True)
class Pool:
    """A team (or whole sales structure) pool: a share of the group's result, split among its members.

    ``pool = share × max(Σ actual − Σ target, 0)`` (``base = "above_target"``) or
    ``share × Σ actual`` (``"all"``), split by base pay for the period or equally.
    """

    kpi: str = "revenue"
    level: str = "team"
    share: float = 0.01
    base: str = "above_target"
    split: str = "base_pay"


@dataclass(frozen=True)
class Plan:
    """One incentive plan (see the template's comments and :func:`simulate` for the formulas).

    Attributes
    ----------
    id : str
        Lowercase Latin id.
    name, about : dict
        ``{en, ru, bg}`` texts (``about`` may be None).
    kpis : dict
        kpi → weight (weights are normalised to sum 1).
    mechanic : {"quota", "commission", "none"}
    incentive_basis : {"share_of_base", "amount_per_month"}
    target_incentive : float
        The variable pay at 100 % of every KPI: a share of the monthly base pay, or money a month.
    threshold : float
        Below this attainment a KPI pays nothing (0.8 = 80 %).
    payout_at_threshold : float
        The share of the target incentive paid at the threshold.
    accelerator : float
        Above 100 % the rate is ``accelerator`` × the rate below 100 %.
    cap_kind, cap : str or None, float
        One of :data:`CAP_KINDS` and its value; None: no cap.
    rates : dict
        kpi → commission rate per unit of the actual (mechanic ``commission``).
    contest, pool : Contest or Pool, optional
    example : bool
        The numbers are an illustration.
    """

    id: str
    name: dict
    kpis: dict
    mechanic: str = "quota"
    incentive_basis: str = "share_of_base"
    target_incentive: float = 0.0
    threshold: float = 0.0
    payout_at_threshold: float = 0.0
    accelerator: float = 1.0
    cap_kind: str | None = None
    cap: float = math.nan
    rates: dict = field(default_factory=dict)
    contest: Contest | None = None
    pool: Pool | None = None
    about: dict | None = None
    example: bool = True

    @property
    def weights(self) -> dict:
        """The kpi weights normalised to sum 1 (those above 0)."""
        total = sum(w for w in self.kpis.values() if w > 0)
        return {k: w / total for k, w in self.kpis.items() if w > 0} if total > 0 else {}

    @property
    def rate_below(self) -> float:
        """The target rate: the share of the target incentive per unit of attainment below 100 %.

        ``(1 − payout_at_threshold) / (1 − threshold)`` between the threshold and 100 %; 1 when
        the threshold is 100 %.
        """
        if self.threshold >= 1 - _EPS:
            return 1.0
        return (1.0 - self.payout_at_threshold) / (1.0 - self.threshold)

    def label(self, lang: str = "en") -> str:
        """The plan's name in ``lang`` (English when missing)."""
        return self.name.get(lang) or self.name.get("en") or self.id


def _kpi_id(value) -> str | None:
    text = str(value).strip().lower() if value is not None else ""
    text = KPI_ALIASES.get(text, text)
    return text if text in KPIS else None


def _choice(value, allowed, file, key) -> str:
    if not isinstance(value, str) or value not in allowed:
        template_error(_KIND, "incentive_choice", file, key, value=value, allowed=", ".join(allowed))
    return value


def _kpi(value, file, key) -> str:
    kpi = _kpi_id(value)
    if kpi is None:
        template_error(_KIND, "incentive_choice", file, key, value=value, allowed=", ".join(KPIS))
    return kpi


def _kpi_weights(node, file, key, *, what="incentive_weight", low=0.0, high=None,
                 example="0.7") -> dict:
    if not isinstance(node, Mapping):
        template_error(_KIND, "wrong_shape", file, key, form="{revenue: 0.7, new_clients: 0.3}")
    if not node:
        template_error(_KIND, "empty", file, key, form="{revenue: 0.7, new_clients: 0.3}")
    out = {}
    for name, value in node.items():
        kpi = _kpi(name, file, f"{key}.{name}")
        if kpi in out:
            template_error(_KIND, "duplicate_id", file, f"{key}.{name}", id=kpi)
        out[kpi] = template_number(_KIND, value, file, f"{key}.{name}", low=low, high=high,
                                   example=example, what=what)
    return out


_PLAN_KEYS = {"id", "name", "about", "kpis", "mechanic", "target_incentive", "threshold",
              "payout_at_threshold", "accelerator", "cap", "rates", "contest", "pool", "example"}
_PLAN_FORM = "{id: quota_cap, name: {en: …, ru: …, bg: …}, kpis: {revenue: 1}, mechanic: quota}"


def _contest(node, file, key) -> Contest | None:
    if node is None:
        return None
    form = "{kpi: revenue, prizes: [2, 1, 0.5], prizes_in: base_pay}"
    template_keys(_KIND, node, {"kpi", "measure", "prizes", "prizes_in", "min_attainment", "every"},
                  file, key, ("kpi", "prizes"), form)
    prizes = node["prizes"]
    if not isinstance(prizes, list) or not prizes:
        template_error(_KIND, "wrong_shape", file, f"{key}.prizes", form="[2, 1, 0.5]")
    values = tuple(template_number(_KIND, p, file, f"{key}.prizes[{i}]", low=0, example="1",
                                   what="incentive_prize") for i, p in enumerate(prizes))
    low = node.get("min_attainment", 1.0)
    return Contest(
        kpi=_kpi(node["kpi"], file, f"{key}.kpi"),
        measure=_choice(node.get("measure", "attainment"), CONTEST_MEASURES, file, f"{key}.measure"),
        prizes=values,
        prizes_in=_choice(node.get("prizes_in", "base_pay"), PRIZES_IN, file, f"{key}.prizes_in"),
        min_attainment=None if low is None else template_number(
            _KIND, low, file, f"{key}.min_attainment", low=0, high=10, example="1.0",
            what="incentive_attainment"),
        every=_choice(node.get("every", "year"), CONTEST_EVERY, file, f"{key}.every"),
    )


def _pool(node, file, key) -> Pool | None:
    if node is None:
        return None
    form = "{kpi: revenue, level: team, share: 0.03, base: above_target, split: base_pay}"
    template_keys(_KIND, node, {"kpi", "level", "share", "base", "split"}, file, key,
                  ("kpi", "share"), form)
    return Pool(
        kpi=_kpi(node["kpi"], file, f"{key}.kpi"),
        level=_choice(node.get("level", "team"), POOL_LEVELS, file, f"{key}.level"),
        share=template_number(_KIND, node["share"], file, f"{key}.share", low=0, high=1,
                              example="0.03", what="incentive_share"),
        base=_choice(node.get("base", "above_target"), POOL_BASES, file, f"{key}.base"),
        split=_choice(node.get("split", "base_pay"), POOL_SPLITS, file, f"{key}.split"),
    )


def _plan(node, file, key) -> Plan:
    template_keys(_KIND, node, _PLAN_KEYS, file, key, ("id", "name", "kpis", "mechanic"), _PLAN_FORM)
    pid = node["id"]
    if not isinstance(pid, str) or not _ID.match(pid):
        template_error(_KIND, "bad_id", file, f"{key}.id", id=pid, example="quota_cap")
    name = template_texts(_KIND, node["name"], file, f"{key}.name")
    about = template_texts(_KIND, node.get("about"), file, f"{key}.about", required=False)
    kpis = _kpi_weights(node["kpis"], file, f"{key}.kpis")
    if sum(kpis.values()) <= 0:
        template_error(_KIND, "weights_zero", file, f"{key}.kpis")
    mechanic = _choice(node["mechanic"], MECHANICS, file, f"{key}.mechanic")
    ti = node.get("target_incentive")
    basis, amount = "share_of_base", 0.0
    if ti is not None or mechanic == "quota":
        form = "{share_of_base: 0.3}  or  {amount_per_month: 500}"
        if not isinstance(ti, Mapping) or len(ti) != 1:
            template_error(_KIND, "wrong_shape" if ti is not None else "missing_key", file,
                           f"{key}.target_incentive", form=f"target_incentive: {form}")
        basis = _choice(next(iter(ti)), ("share_of_base", "amount_per_month"), file,
                        f"{key}.target_incentive")
        amount = template_number(_KIND, ti[basis], file, f"{key}.target_incentive.{basis}", low=0,
                                 high=10 if basis == "share_of_base" else None, example="0.3",
                                 what="incentive_target")
    threshold = template_number(_KIND, node.get("threshold", 0.0), file, f"{key}.threshold",
                                low=0, high=1, example="0.8", what="incentive_threshold")
    floor = template_number(_KIND, node.get("payout_at_threshold", 0.0), file,
                            f"{key}.payout_at_threshold", low=0, high=1, example="0.5",
                            what="incentive_floor")
    accelerator = template_number(_KIND, node.get("accelerator", 1.0), file, f"{key}.accelerator",
                                  low=0, high=10, example="2", what="incentive_accelerator")
    cap_kind, cap = None, math.nan
    if node.get("cap") is not None:
        c = node["cap"]
        form = "{attainment: 1.5}  or  {multiple: 2}  or  {amount_per_month: 3000}"
        if not isinstance(c, Mapping) or len(c) != 1:
            template_error(_KIND, "wrong_shape", file, f"{key}.cap", form=form)
        cap_kind = _choice(next(iter(c)), CAP_KINDS, file, f"{key}.cap")
        cap = template_number(_KIND, c[cap_kind], file, f"{key}.cap.{cap_kind}",
                              low=1 if cap_kind == "attainment" else 0, example="1.5",
                              what="incentive_cap")
        if cap <= 0:
            template_error(_KIND, "zero", file, f"{key}.cap.{cap_kind}", example="2")
    rates = {}
    if mechanic == "commission" or node.get("rates") is not None:
        if node.get("rates") is None:
            template_error(_KIND, "missing_key", file, f"{key}.rates", form="rates: {revenue: 0.003}")
        rates = _kpi_weights(node["rates"], file, f"{key}.rates", what="incentive_rate",
                             example="0.003")
    example = node.get("example", True)
    if not isinstance(example, bool):
        template_error(_KIND, "incentive_choice", file, f"{key}.example", value=example,
                       allowed="true, false")
    return Plan(id=pid, name=name, about=about, kpis=kpis, mechanic=mechanic,
                incentive_basis=basis, target_incentive=amount, threshold=threshold,
                payout_at_threshold=floor, accelerator=accelerator, cap_kind=cap_kind, cap=cap,
                rates=rates, contest=_contest(node.get("contest"), file, f"{key}.contest"),
                pool=_pool(node.get("pool"), file, f"{key}.pool"), example=example)


def incentive_plans(data, *, file=None) -> tuple[Plan, ...]:
    """Validate the parsed plans template (``{title, example, plans: [...]}``) into :class:`Plan` s.

    The form is in the comments of ``data/templates/kpi_incentive_plans.yaml``. Raises a
    :class:`~kbcore.errors.TemplateError` (a :class:`~kbcore.errors.KBDataError`) that names
    the key and says what to write: an unknown key or choice (kpi, mechanic, cap kind …), a
    number out of its range (threshold 0–1, accelerator 0–10, a cap attainment below 1 …),
    all weights 0, two plans with one id.
    """
    template_keys(_KIND, data, {"title", "example", "plans"}, file, None, ("plans",),
                  f"[{_PLAN_FORM}]", shape_key="plans")
    plans = data["plans"]
    if not isinstance(plans, list):
        template_error(_KIND, "wrong_shape", file, "plans", form=f"[{_PLAN_FORM}]")
    if not plans:
        template_error(_KIND, "empty", file, "plans", form=_PLAN_FORM)
    out, seen = [], set()
    for i, node in enumerate(plans):
        plan = _plan(node, file, f"plans[{i}]")
        if plan.id in seen:
            template_error(_KIND, "duplicate_id", file, f"plans[{i}].id", id=plan.id)
        seen.add(plan.id)
        out.append(plan)
    return tuple(out)


def load_incentive_plans_template(path=None) -> tuple[Plan, ...]:
    """Read and validate the incentive plans template (YAML): the only function here that reads a file.

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`TEMPLATE` (``data/templates/kpi_incentive_plans.yaml``: five example plans).

    Returns
    -------
    tuple of Plan
        In the template's order.

    Raises
    ------
    TemplateError
        The file is missing, not YAML, or breaks a rule of :func:`incentive_plans`.
    """
    data, path = read_template(_KIND, path, TEMPLATE)
    return incentive_plans(data, file=path)


def plan_with(plan: Plan, **changes) -> Plan:
    """``plan`` with some parameters changed (the widget's sliders), checked as arguments.

    ``threshold`` and ``payout_at_threshold`` 0–1, ``accelerator`` 0–10, ``target_incentive``
    ≥ 0, ``cap`` > 0 with ``cap_kind`` (``cap_kind=None`` removes the cap), ``kpis`` a dict of
    known kpis with weights ≥ 0 and a positive sum. A wrong value is a ValueError (English:
    the programmer's mistake, not the trainer's).
    """
    bounds = {"threshold": (0, 1), "payout_at_threshold": (0, 1), "accelerator": (0, 10),
              "target_incentive": (0, None)}
    for name, (low, high) in bounds.items():
        if name in changes:
            changes[name] = argument_number(changes[name], name, low=low, high=high)
    if "cap_kind" in changes and changes["cap_kind"] is None:
        changes["cap"] = math.nan
    elif "cap" in changes:
        kind = changes.get("cap_kind", plan.cap_kind)
        if kind not in CAP_KINDS:
            raise ValueError(f"cap_kind must be one of {', '.join(CAP_KINDS)}, not {kind!r}")
        changes["cap"] = argument_number(changes["cap"], "cap", low=1 if kind == "attainment" else _EPS)
    if "kpis" in changes:
        kpis = {}
        for k, w in dict(changes["kpis"]).items():
            kpi = _kpi_id(k)
            if kpi is None:
                raise ValueError(f"unknown kpi {k!r}: use one of {', '.join(KPIS)}")
            kpis[kpi] = argument_number(w, f"kpis[{k}]", low=0)
        if sum(kpis.values()) <= 0:
            raise ValueError("kpis: at least one weight must be above 0")
        changes["kpis"] = kpis
    return replace(plan, **changes)


# --------------------------------------------------------------------------- periods
def _label(period: pd.Period, freq: str) -> str:
    if freq == "year":
        return str(period.year)
    if freq == "quarter":
        return f"{period.year}-Q{period.quarter}"
    return f"{period.year}-{period.month:02d}"


def _labels(dates: pd.Series, freq: str) -> pd.Series:
    """The period label of each date (vectorised :func:`_label`)."""
    d = pd.to_datetime(dates)
    year = d.dt.year.astype("int64").astype(str)
    if freq == "year":
        return year
    if freq == "quarter":
        return year + "-Q" + d.dt.quarter.astype("int64").astype(str)
    return year + "-" + d.dt.month.astype("int64").astype(str).str.zfill(2)


def _check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return freq


# --------------------------------------------------------------------------- lines per manager
def manager_lines(facts: Facts, products: pd.DataFrame | None = None,
                  clients: pd.DataFrame | None = None, *, lines: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """The period's sales lines with the manager each counts for.

    A line counts for the manager written on it (``sales.manager``: who sold it), else for the
    client card's manager (``clients.manager``); a line with neither is ``"unknown"``.

    Returns
    -------
    DataFrame
        :func:`~kbcore.analyses.sales_drilldown.annotate_lines` with ``cost`` and ``manager``.
        ``attrs["missing"]`` adds ``"sales.manager"`` when no line has a manager either way,
        ``"sales.cost"`` without costs.
    """
    if lines is None:
        lines = annotate_lines(facts, products, clients, keep=(C.cost, C.manager))
    missing = list(lines.attrs.get("missing", []))
    out = lines.copy()
    if C.cost not in out.columns:
        out[C.cost] = np.nan
        missing.append("sales.cost")
    own = _ids(out[C.manager]) if C.manager in out.columns else pd.Series(pd.NA, index=out.index,
                                                                          dtype="string")
    own = own.mask(own == "")
    if clients is not None and {C.client_id, C.manager} <= set(clients.columns) and len(clients):
        card = clients.assign(**{C.client_id: _ids(clients[C.client_id]),
                                 C.manager: _ids(clients[C.manager])}).drop_duplicates(C.client_id)
        card = card.set_index(C.client_id)[C.manager]
        card = card.mask(card == "")
        own = own.fillna(pd.Series(card.reindex(out[C.client_id].to_numpy()).to_numpy(),
                                   index=out.index, dtype="string"))
    missing = [m for m in missing if m != "sales.manager"] + (
        ["sales.manager"] if own.isna().all() else [])
    out[C.manager] = own.fillna(UNKNOWN).astype("string")
    out[C.cost] = pd.to_numeric(out[C.cost], errors="coerce").astype("float64")
    irrelevant = {"products.business_line", "products.category", "clients.region"}
    out.attrs["missing"] = sorted(set(missing) - irrelevant)
    return out


# --------------------------------------------------------------------------- targets
def manager_targets(targets: pd.DataFrame | None, periods, *, kpis=KPIS) -> pd.DataFrame:
    """Each manager's target of each period, from the ``targets`` rows that name a manager.

    A target row's ``period`` is a year (``2025``), a quarter (``2025-Q2``) or a month
    (``2025-06``); for a period P of the results (first day lo, last day hi)::

        exact     a row for P itself                                  target = its value
        sum       rows inside P that cover it day for day              target = Σ values
        pro_rata  a row for a longer period R that contains P          target = value × days(P) / days(R)

    the first that exists, in that order (a quarter from its three months, or a quarter from the
    year's target spread evenly over the days). Rows without a manager (the company's and the
    drill-down's targets), of another kpi, and ``margin`` read as ``gross_margin``.

    Parameters
    ----------
    targets : DataFrame or None
        ``period, kpi, manager, target``.
    periods : iterable of (label, start, end)
        The periods wanted.
    kpis : iterable of str
        The kpis kept (default :data:`KPIS`).

    Returns
    -------
    DataFrame
        ``manager, period, kpi, target, source`` (source ``exact``, ``sum`` or ``pro_rata``).
        ``attrs``: ``missing`` (``["targets"]`` without manager rows), ``rows`` (manager rows
        read), ``other_kpis`` (rows left out).

    Raises
    ------
    KBDataError
        A target that is not a number, or a period that is not a year, a quarter or a month.
    """
    cols = {"manager": "string", "period": "string", C.kpi: "string", C.target: "float64",
            "source": "string"}
    empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in cols.items()})
    need = {C.period, C.kpi, C.target, C.manager}
    if targets is None or not need <= set(targets.columns) or targets.empty:
        empty.attrs.update(missing=["targets"], rows=0, other_kpis=0)
        return empty
    tg = targets.assign(**{C.manager: _ids(targets[C.manager])})
    tg = tg.loc[tg[C.manager].notna() & (tg[C.manager] != "")]
    if tg.empty:
        empty.attrs.update(missing=["targets"], rows=0, other_kpis=0)
        return empty
    kpi = _ids(tg[C.kpi]).str.lower().map(lambda k: KPI_ALIASES.get(k, k) if isinstance(k, str) else k)
    keep = kpi.isin(list(kpis)).fillna(False).to_numpy(dtype=bool)
    other = int((~keep).sum())
    tg = tg.loc[keep].assign(**{C.kpi: kpi.loc[keep].astype("string")})
    value = pd.to_numeric(tg[C.target], errors="coerce")
    bad = tg.loc[value.isna()]
    if len(bad):
        raise KBDataError("incentives.error.target_value", file="targets", column=C.target,
                          examples=[f"{m} · {p} · {k}: {v!r}" for m, p, k, v in zip(
                              bad[C.manager], bad[C.period], bad[C.kpi], bad[C.target], strict=False)][:5])
    bounds, wrong = [], []
    for p in tg[C.period]:
        try:
            bounds.append(parse_period(p))
        except ValueError:
            wrong.append(repr(p))
            bounds.append((pd.NaT, pd.NaT))
    if wrong:
        raise KBDataError("incentives.error.target_period", file="targets", column=C.period,
                          examples=wrong[:5])
    rows = pd.DataFrame({"manager": tg[C.manager].to_numpy(), C.kpi: tg[C.kpi].to_numpy(),
                         "lo": [b[0] for b in bounds], "hi": [b[1] for b in bounds],
                         C.target: value.to_numpy("float64")})
    rows = rows.groupby(["manager", C.kpi, "lo", "hi"], as_index=False)[C.target].last()
    out = []
    groups = {k: g for k, g in rows.groupby(["manager", C.kpi], sort=True)}
    for label, lo, hi in periods:
        days = (hi - lo).days + 1
        for (manager, k), g in groups.items():
            exact = g.loc[(g["lo"] == lo) & (g["hi"] == hi)]
            if len(exact):
                out.append((manager, label, k, float(exact[C.target].iloc[0]), "exact"))
                continue
            inside = g.loc[(g["lo"] >= lo) & (g["hi"] <= hi)]
            if len(inside):
                covered = int(((inside["hi"] - inside["lo"]).dt.days + 1).sum())
                if covered == days:
                    out.append((manager, label, k, float(inside[C.target].sum()), "sum"))
                    continue
            outer = g.loc[(g["lo"] <= lo) & (g["hi"] >= hi)]
            if len(outer):
                row = outer.assign(_d=(outer["hi"] - outer["lo"]).dt.days + 1).sort_values("_d").iloc[0]
                out.append((manager, label, k, float(row[C.target]) * days / float(row["_d"]), "pro_rata"))
    frame = pd.DataFrame(out, columns=list(cols)) if out else empty.copy()
    frame = frame.astype(cols)
    frame.attrs.update(missing=[], rows=len(tg), other_kpis=other)
    return frame


# --------------------------------------------------------------------------- staff
def _staff(staff: pd.DataFrame | None) -> pd.DataFrame | None:
    if staff is None or C.person not in staff.columns or staff.empty:
        return None
    s = staff.assign(**{C.person: _ids(staff[C.person])})
    s = s.loc[s[C.person].notna() & (s[C.person] != "")].drop_duplicates(C.person, keep="last")
    return s.set_index(C.person)


def _employed(hired, left, lo: pd.Timestamp, hi: pd.Timestamp) -> float:
    """The part of [lo, hi] between ``hired`` and ``left`` (both days included)."""
    a = lo if pd.isna(hired) else max(lo, pd.Timestamp(hired).normalize())
    b = hi if pd.isna(left) else min(hi, pd.Timestamp(left).normalize())
    days = (hi - lo).days + 1
    return max((b - a).days + 1, 0) / days


# --------------------------------------------------------------------------- results
def manager_results(
    facts: Facts,
    products: pd.DataFrame | None = None,
    clients: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    *,
    freq: str = "quarter",
    kpis=KPIS,
    as_of=None,
    complete_only: bool = True,
    lead_in_days: int = 365,
    roles=None,
    lines: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each manager's results per period against his targets, with his team and base pay.

    Per manager m and period P (lines counted as in :func:`manager_lines`)::

        revenue                  = Σ revenue of m's lines in P (net of returns)
        gross_margin             = Σ revenue − Σ cost      (lines without a cost count 0, as the
                                                            facts do; NaN when no line has one)
        target_products_revenue  = Σ revenue of the lines of target products (products.is_target)
        new_clients              = clients whose first purchase in the data is in P, counted for
                                   the manager of that first line (NaN for a period that starts
                                   less than ``lead_in_days`` after the first sales day: a client
                                   seen first then may be an old one)
        quantity                 = Σ quantity (NaN unless every line is in one unit)
        <kpi>_target             = :func:`manager_targets`
        <kpi>_attainment         = <kpi> / <kpi>_target          (NaN when the target ≤ 0 or absent)
        employed                 = days of P between hired and left / days of P   (staff; 1 without it)
        base_pay_period          = base_pay (monthly) × months of P × employed

    Parameters
    ----------
    facts : Facts
        The sales facts (the lines: ``facts.sales``).
    products, clients, staff, targets : DataFrame, optional
        ``products.is_target``/``unit``; ``clients.manager`` (the manager of a line without one);
        ``staff`` (person, role, team, hired, left, base_pay — base pay a month); ``targets``
        (rows with a manager).
    freq : {"month", "quarter", "year"}
        The period a plan pays on.
    kpis : iterable of str
        The KPIs computed (default :data:`KPIS`).
    as_of : date-like, optional
        Default ``facts.as_of``.
    complete_only : bool
        Keep only periods that lie wholly between the first sales day and ``as_of`` (default
        True: a half quarter would look like a missed quota).
    lead_in_days : int
        See ``new_clients``.
    roles : iterable of str, optional
        Keep only people whose ``staff.role`` is one of these (default: everyone with sales or
        a target).
    lines : DataFrame, optional
        :func:`manager_lines` of the same facts, when the caller has it.

    Returns
    -------
    DataFrame
        ``manager, team, role, period, start, end, months, employed, base_pay,
        base_pay_period`` then per kpi ``<kpi>, <kpi>_target, <kpi>_attainment``; one row per
        manager and period in which he has sales or a target; sorted by period, manager.
        ``attrs``: ``freq``, ``kpis``, ``missing`` (``sales.manager``, ``sales.cost``,
        ``products.is_target``, ``products.unit``/``units.mixed``, ``staff``,
        ``staff.base_pay``, ``targets``), ``not_in_staff`` (managers the staff table lacks),
        ``unattributed`` (revenue of lines without a manager), ``target_sources`` (counts).

    Source: the seminar program 004, topic 9; attainment as in Zoltners, Sinha & Lorimer (2006)
    ("goal attainment"); the pro-rating of base pay for part of a period is ordinary payroll
    practice (our reading).
    """
    freq = _check_freq(freq)
    kpis = [k for k in (_kpi_id(k) for k in kpis) if k is not None]
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    lines = manager_lines(facts, products, clients, lines=lines)
    missing = list(lines.attrs.get("missing", []))
    lines = lines.loc[lines[C.date] <= at]
    first = lines[C.date].min() if len(lines) else None
    base_cols = ["manager", "team", "role", "period", "start", "end", "months", "employed",
                 C.base_pay, "base_pay_period"]
    kpi_cols = [c for k in kpis for c in (k, f"{k}_target", f"{k}_attainment")]
    unattributed = float(lines.loc[lines[C.manager] == UNKNOWN, C.revenue].sum())

    def empty(extra=()):
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in base_cols + kpi_cols})
        for c in ("manager", "team", "role", "period"):
            out[c] = out[c].astype("string")
        out.attrs.update(freq=freq, kpis=kpis, missing=sorted(set(missing) | set(extra)),
                         not_in_staff=[], unattributed=unattributed, target_sources={})
        return out

    if first is None or "sales.manager" in missing:
        return empty()
    pfreq = _PANDAS_FREQ[freq]
    span = pd.period_range(first, at, freq=pfreq)
    periods = []
    for p in span:
        lo, hi = p.start_time.normalize(), p.end_time.normalize()
        if complete_only and (lo < first or hi > at):
            continue
        periods.append((_label(p, freq), lo, hi))
    if not periods:
        return empty()
    labels = {lbl: (lo, hi) for lbl, lo, hi in periods}
    # each client's first purchase in the data: the first line with revenue > 0 (the largest
    # line of that day names the manager)
    firsts = lines.loc[lines[C.revenue] > 0, [C.client_id, C.date, C.manager, C.revenue]]
    firsts = firsts.sort_values([C.client_id, C.date, C.revenue], ascending=[True, True, False],
                                kind="mergesort").drop_duplicates(C.client_id)
    firsts = firsts.assign(period=_labels(firsts[C.date], freq).to_numpy())
    lines = lines.loc[lines[C.manager] != UNKNOWN]
    lines = lines.assign(period=_labels(lines[C.date], freq).to_numpy())
    lines = lines.loc[lines["period"].isin(list(labels))]
    g = lines.groupby([C.manager, "period"], sort=True)
    res = pd.DataFrame({"revenue": g[C.revenue].sum()})
    if "gross_margin" in kpis:
        has_cost = lines[C.cost].notna()
        cost = lines[C.cost].fillna(0.0).groupby([lines[C.manager], lines["period"]]).sum()
        any_cost = has_cost.groupby([lines[C.manager], lines["period"]]).any()
        res["gross_margin"] = (res["revenue"] - cost.reindex(res.index)).where(
            any_cost.reindex(res.index).fillna(False).astype(bool))
    if "target_products_revenue" in kpis:
        if lines[C.is_target].notna().any():
            tp = lines[C.revenue].where(lines[C.is_target].fillna(False).to_numpy(dtype=bool), 0.0)
            res["target_products_revenue"] = tp.groupby([lines[C.manager], lines["period"]]).sum()
        else:
            res["target_products_revenue"] = np.nan
    if "quantity" in kpis:
        ok, _unit = one_unit(lines[C.unit], lines[C.quantity])
        if ok and lines[C.quantity].notna().any():
            res["quantity"] = g[C.quantity].sum()
        else:
            res["quantity"] = np.nan
            if "sales.quantity" not in missing and "products.unit" not in missing:
                missing.append("units.mixed")
    if "new_clients" in kpis:
        firsts = firsts.loc[firsts["period"].isin(list(labels)) & (firsts[C.manager] != UNKNOWN)]
        counts = firsts.groupby([C.manager, "period"]).size()
        res["new_clients"] = counts.reindex(res.index).fillna(0.0).astype("float64")
    res = res.reset_index().rename(columns={C.manager: "manager"})
    # the targets
    tg = manager_targets(targets, periods, kpis=kpis)
    missing += tg.attrs.get("missing", [])
    if len(tg):
        wide = tg.pivot_table(index=["manager", "period"], columns=C.kpi, values=C.target,
                              aggfunc="first")
        wide.columns = [f"{c}_target" for c in wide.columns]
        res = res.merge(wide.reset_index(), on=["manager", "period"], how="outer")
        if "new_clients" in kpis:  # a target row without sales: no new client either
            res["new_clients"] = res["new_clients"].fillna(0.0)
    if "new_clients" in kpis:
        late = pd.Series({lbl: lo >= first + pd.Timedelta(days=int(lead_in_days))
                          for lbl, lo, _hi in periods})
        res.loc[~res["period"].map(late).fillna(False).astype(bool), "new_clients"] = np.nan
    res["revenue"] = res["revenue"].fillna(0.0)
    for k in kpis:
        if k not in res.columns:
            res[k] = np.nan
        if f"{k}_target" not in res.columns:
            res[f"{k}_target"] = np.nan
        if k in ("gross_margin", "target_products_revenue", "quantity"):
            res[k] = res[k].astype("float64")
        tgt = res[f"{k}_target"].astype("float64")
        res[f"{k}_attainment"] = (res[k] / tgt).where(tgt > 0)
    res["start"] = res["period"].map({k: v[0] for k, v in labels.items()})
    res["end"] = res["period"].map({k: v[1] for k, v in labels.items()})
    res["months"] = float(_MONTHS[freq])
    st = _staff(staff)
    not_in_staff: list[str] = []
    if st is None:
        missing.append("staff")
        res["team"], res["role"], res[C.base_pay], res["employed"] = UNKNOWN, UNKNOWN, np.nan, 1.0
    else:
        def col(name, default):
            if name not in st.columns:
                return pd.Series(default, index=res.index)
            return pd.Series(st[name].reindex(res["manager"].to_numpy()).to_numpy(), index=res.index)

        known = res["manager"].isin(st.index)
        not_in_staff = sorted(set(res.loc[~known, "manager"]))
        res["team"] = _ids(col(C.team, pd.NA).astype("string")).fillna(UNKNOWN).replace("", UNKNOWN)
        res["role"] = _ids(col(C.role, pd.NA).astype("string")).fillna(UNKNOWN).replace("", UNKNOWN)
        if C.base_pay not in st.columns or not pd.to_numeric(st[C.base_pay], errors="coerce").notna().any():
            missing.append("staff.base_pay")
        res[C.base_pay] = pd.to_numeric(col(C.base_pay, np.nan), errors="coerce").astype("float64")
        hired = pd.to_datetime(col(C.hired, pd.NaT), errors="coerce")
        left = pd.to_datetime(col(C.left, pd.NaT), errors="coerce")
        res["employed"] = [_employed(h, lf, lo, hi) if k else 1.0 for h, lf, lo, hi, k in zip(
            hired, left, res["start"], res["end"], known, strict=True)]
        if roles is not None:
            res = res.loc[res["role"].isin([str(r) for r in roles])]
    res["base_pay_period"] = res[C.base_pay] * res["months"] * res["employed"]
    res = res.sort_values(["period", "manager"], kind="mergesort").reset_index(drop=True)
    for c in ("manager", "team", "role", "period"):
        res[c] = res[c].astype("string")
    res["employed"] = res["employed"].astype("float64")
    out = res[base_cols + kpi_cols]
    out.attrs.update(freq=freq, kpis=kpis, missing=sorted(set(missing)), not_in_staff=not_in_staff,
                     unattributed=unattributed,
                     target_sources=tg["source"].value_counts().to_dict() if len(tg) else {})
    return out


# --------------------------------------------------------------------------- the pay curve
def revenue_coverage(results: pd.DataFrame, facts: Facts, *, years=None) -> pd.Series:
    """How much of the company's revenue the managers' results (and so any plan) cover.

    Over the periods of ``results`` (``years``: only those years), from the first period's first
    day to the last one's last day::

        managers_revenue = Σ revenue of the managers' rows
        company_revenue  = Σ revenue of every sales line in those days (the facts' one reduction)
        share            = managers_revenue / company_revenue

    The rest is revenue of lines with no manager on the line or on the client's card: a plan pays
    nobody for it.

    Returns
    -------
    Series
        ``managers_revenue, company_revenue, share`` (NaN without results or revenue);
        ``attrs``: ``first``, ``last`` (the period labels).
    """
    rows = results
    if years is not None and len(rows):
        rows = rows.loc[_year(rows["period"]).isin({str(y) for y in years}).fillna(False).to_numpy(dtype=bool)]
    out = pd.Series({"managers_revenue": math.nan, "company_revenue": math.nan, "share": math.nan},
                    dtype="float64")
    out.attrs.update(first=None, last=None)
    if rows.empty:
        return out
    lo, hi = pd.Timestamp(rows["start"].min()), pd.Timestamp(rows["end"].max())
    company = float(facts.clients(lo, hi)[C.revenue].sum())
    out["managers_revenue"] = float(rows["revenue"].sum())
    out["company_revenue"] = company
    if company > 0:
        out["share"] = out["managers_revenue"] / company
    labels = sorted(rows["period"].astype(str).unique())
    out.attrs.update(first=labels[0], last=labels[-1])
    return out


def payout_curve(attainment, *, threshold: float = 0.0, payout_at_threshold: float = 0.0,
                 accelerator: float = 1.0, cap: float | None = None) -> np.ndarray:
    """The quota-based pay curve: the share of the target incentive paid at an attainment.

    With a = min(attainment, cap) and the target rate r = (1 − p₀) / (1 − t) (1 when t = 1)::

        f(a) = 0                                   a < t                 (below the threshold)
             = p₀ + r × (a − t)                    t ≤ a < 1             (up to the quota)
             = 1 + accelerator × r × (a − 1)       a ≥ 1                 (above: accelerated)

    so f(1) = 1 (the target incentive at 100 %), and the rate above 100 % is ``accelerator``
    times the rate below it (1: no acceleration, 2: each point above quota pays twice). A NaN
    attainment gives NaN.

    Parameters
    ----------
    attainment : array-like
        Actual / target (1.0 = 100 %).
    threshold : float
        t, 0–1: no pay below it.
    payout_at_threshold : float
        p₀, 0–1: the share of the target incentive paid at the threshold.
    accelerator : float
        The multiplier of the rate above 100 % (≥ 0).
    cap : float, optional
        The attainment above which nothing more is paid (≥ 1); None: no cap.

    Returns
    -------
    ndarray
        f(a), a share of the target incentive.

    Source: Zoltners, Sinha & Lorimer (2006), the pay curve ("performance-payout curve") of a
    goal-based plan: a threshold (minimum performance for any pay), the target incentive at
    100 % of goal, accelerators (a higher rate of pay above goal) and a cap.
    """
    a = np.asarray(attainment, dtype="float64")
    if cap is not None and not (isinstance(cap, float) and math.isnan(cap)):
        a = np.minimum(a, float(cap))
    t, p0 = float(threshold), float(payout_at_threshold)
    rate = 1.0 if t >= 1 - _EPS else (1.0 - p0) / (1.0 - t)
    with np.errstate(invalid="ignore"):
        f = np.where(a >= 1, 1.0 + float(accelerator) * rate * (a - 1.0),
                     np.where(a >= t, p0 + rate * (a - t), 0.0))
    return np.where(np.isnan(a), np.nan, f)


def curve_points(plan: Plan, *, upto: float = 2.0, n: int = 201) -> pd.DataFrame:
    """The plan's pay curve on a grid of attainments 0 … ``upto`` (for its chart).

    Returns ``attainment, payout`` (:func:`payout_curve` with the plan's threshold, payout at the
    threshold, accelerator and attainment cap; a cap on money is not drawn). Empty for a plan
    that is not quota-based. ``attrs``: ``plan``, ``threshold``, ``cap`` (attainment or None).
    """
    a = np.linspace(0.0, float(upto), int(n))
    if plan.mechanic != "quota":
        out = pd.DataFrame({"attainment": pd.Series(dtype="float64"), "payout": pd.Series(dtype="float64")})
    else:
        cap = plan.cap if plan.cap_kind == "attainment" else None
        f = payout_curve(a, threshold=plan.threshold, payout_at_threshold=plan.payout_at_threshold,
                         accelerator=plan.accelerator, cap=cap)
        if plan.cap_kind == "multiple":
            f = np.minimum(f, plan.cap)
        out = pd.DataFrame({"attainment": a, "payout": f})
    out.attrs.update(plan=plan.id, threshold=plan.threshold,
                     cap=plan.cap if plan.cap_kind == "attainment" else None)
    return out


# --------------------------------------------------------------------------- one plan
PAYOUT_COLUMNS = ["manager", "team", "period", "start", "end", "months", "employed",
                  C.base_pay, "base_pay_period", "target_incentive", "revenue", "revenue_target",
                  "attainment", "reached", "main_pay", "contest_pay", "pool_pay", "variable_pay",
                  "total_pay", "in_plan"]
"""The columns of :func:`simulate` (then ``<kpi>, <kpi>_target, <kpi>_attainment`` of the plan's kpis)."""


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def _year(period: pd.Series) -> pd.Series:
    return period.astype("string").str.slice(0, 4)


def _contest_pay(rows: pd.DataFrame, contest: Contest) -> pd.Series:
    """The prizes of ``contest`` per row (the year's prize on the manager's last row of the year)."""
    k = contest.kpi
    pay = pd.Series(0.0, index=rows.index)
    data = pd.DataFrame({"manager": rows["manager"], "period": rows["period"],
                         "actual": _col(rows, k), "target": _col(rows, f"{k}_target"),
                         "base": _col(rows, C.base_pay)})
    data["group"] = _year(rows["period"]) if contest.every == "year" else rows["period"]
    for _g, part in data.groupby("group", sort=True):
        per = part.groupby("manager").agg(actual=("actual", lambda s: s.sum(min_count=1)),
                                          target=("target", lambda s: s.sum(min_count=1)),
                                          base=("base", "last"))
        per["attainment"] = (per["actual"] / per["target"]).where(per["target"] > 0)
        per["value"] = per[contest.measure]
        per = per.loc[per["value"].notna()]
        if contest.min_attainment is not None:
            per = per.loc[per["attainment"] >= contest.min_attainment - _EPS]
        per = per.reset_index().sort_values(["value", "manager"], ascending=[False, True],
                                            kind="mergesort")
        for prize, (_i, row) in zip(contest.prizes, per.iterrows(), strict=False):
            amount = prize * row["base"] if contest.prizes_in == "base_pay" else prize
            if pd.isna(amount):
                continue
            last = part.loc[part["manager"] == row["manager"]].index[-1]
            pay.loc[last] += float(amount)
    return pay


def _pool_pay(rows: pd.DataFrame, pool: Pool) -> pd.Series:
    """Each row's part of its team's (or the company's) pool in its period."""
    k = pool.kpi
    pay = pd.Series(0.0, index=rows.index)
    group = rows["team"] if pool.level == "team" else pd.Series("all", index=rows.index)
    data = pd.DataFrame({"group": group.astype("string"), "period": rows["period"],
                         "actual": _col(rows, k), "target": _col(rows, f"{k}_target"),
                         "weight": (_col(rows, "base_pay_period") if pool.split == "base_pay"
                                    else _col(rows, "employed"))})
    for _key, part in data.groupby(["group", "period"], sort=True):
        if pool.base == "above_target":
            known = part.loc[part["target"].notna()]
            amount = pool.share * max(float(known["actual"].fillna(0).sum() - known["target"].sum()), 0.0)
        else:
            amount = pool.share * max(float(part["actual"].fillna(0).sum()), 0.0)
        w = part["weight"].fillna(0.0).clip(lower=0)
        if w.sum() <= 0:
            w = pd.Series(1.0, index=part.index)
        pay.loc[part.index] = amount * w / w.sum()
    return pay


def simulate(results: pd.DataFrame, plan: Plan, *, quota_level: float = 1.0) -> pd.DataFrame:
    """What ``plan`` would have paid each manager in each period of ``results``.

    Per row (a manager m in a period P of :func:`manager_results`), with the plan's normalised
    weights w_k over the KPIs that have an attainment a_k in the row::

        target_incentive TI = target_incentive × base_pay × months × employed  (share_of_base)
                            = target_incentive × months × employed             (amount_per_month)
        attainment          = Σ w_k a_k / Σ w_k                 (the plan's composite attainment)
        main_pay  (quota)      = TI × Σ w_k f(a_k) / Σ w_k      (f: :func:`payout_curve`)
                  (commission) = Σ_k rate_k × max(actual_k, 0)  (actual capped at cap × target
                                                                 with an attainment cap)
                  (none)       = 0
        cap "multiple"          main_pay ≤ cap × TI
        cap "amount_per_month"  main_pay ≤ cap × months × employed
        contest_pay  = the prize of m's place among the eligible managers of the period (or of
                       the year: Σ actual / Σ target over the year, paid on m's last row of it)
        pool_pay     = m's part of share × max(Σ actual − Σ target, 0) of his team (or of the
                       company) in P, split by base pay for P (or by time employed)
        variable_pay = main_pay + contest_pay + pool_pay;  total_pay = base_pay_period + variable_pay
        reached      = attainment ≥ quota_level

    A row enters the plan (``in_plan``) when its main pay is known: for a quota plan at least
    one of its KPIs has a target (and, with a share-of-base incentive, the base pay is known);
    a commission plan needs only the actuals.

    Parameters
    ----------
    results : DataFrame
        :func:`manager_results`.
    plan : Plan
        :func:`load_incentive_plans_template`, :func:`incentive_plans` or :func:`plan_with`.
    quota_level : float
        The attainment that counts as "at quota" (default 1.0 = 100 %).

    Returns
    -------
    DataFrame
        :data:`PAYOUT_COLUMNS` then ``<kpi>, <kpi>_target, <kpi>_attainment`` of the plan's
        KPIs. ``attrs``: ``plan`` (its id), ``weights``, ``missing_kpis`` (plan KPIs the
        results lack or never have a target for), and the results' ``missing``.

    Source: Zoltners, Sinha & Lorimer (2006): goal-based plans (target incentive, pay curve),
    commission plans, contests (SPIFs) and team incentives; testing a plan on past results.
    """
    rows = results.reset_index(drop=True)
    weights = plan.weights
    kpis = list(weights)
    months = _col(rows, "months").fillna(0.0)
    employed = _col(rows, "employed").fillna(1.0)
    base = _col(rows, C.base_pay)
    if plan.incentive_basis == "share_of_base":
        ti = plan.target_incentive * base * months * employed
    else:
        ti = pd.Series(plan.target_incentive, index=rows.index) * months * employed
    att = pd.DataFrame({k: _col(rows, f"{k}_attainment") for k in kpis}, index=rows.index)
    w = pd.DataFrame({k: np.where(att[k].notna(), weights[k], 0.0) for k in kpis}, index=rows.index)
    wsum = w.sum(axis=1)
    composite = ((att.fillna(0.0) * w).sum(axis=1) / wsum).where(wsum > 0)
    cap_att = plan.cap if plan.cap_kind == "attainment" else None
    if plan.mechanic == "quota":
        f = pd.DataFrame({k: payout_curve(att[k], threshold=plan.threshold,
                                          payout_at_threshold=plan.payout_at_threshold,
                                          accelerator=plan.accelerator, cap=cap_att)
                          for k in kpis}, index=rows.index)
        main = ti * ((f.fillna(0.0) * w).sum(axis=1) / wsum).where(wsum > 0)
    elif plan.mechanic == "commission":
        main = pd.Series(0.0, index=rows.index)
        for k, rate in plan.rates.items():
            actual = _col(rows, k).clip(lower=0)
            if cap_att is not None:
                limit = cap_att * _col(rows, f"{k}_target")
                actual = actual.where(limit.isna(), np.minimum(actual, limit))
            main = main + rate * actual.fillna(0.0)
    else:
        main = pd.Series(0.0, index=rows.index)
    if plan.cap_kind == "multiple":
        main = main.where(ti.isna(), np.minimum(main, plan.cap * ti))
    elif plan.cap_kind == "amount_per_month":
        main = np.minimum(main, plan.cap * months * employed)
    contest = _contest_pay(rows, plan.contest) if plan.contest is not None else 0.0 * main.fillna(0)
    pool = _pool_pay(rows, plan.pool) if plan.pool is not None else 0.0 * main.fillna(0)
    out = pd.DataFrame({
        "manager": rows.get("manager"), "team": rows.get("team"), "period": rows.get("period"),
        "start": rows.get("start"), "end": rows.get("end"), "months": months, "employed": employed,
        C.base_pay: base, "base_pay_period": _col(rows, "base_pay_period"), "target_incentive": ti,
        "revenue": _col(rows, "revenue"), "revenue_target": _col(rows, "revenue_target"),
        "attainment": composite, "reached": (composite >= quota_level - _EPS).where(composite.notna()),
        "main_pay": main.astype("float64"), "contest_pay": contest.astype("float64"),
        "pool_pay": pool.astype("float64"),
    })
    out["variable_pay"] = out["main_pay"] + out["contest_pay"] + out["pool_pay"]
    out["total_pay"] = out["base_pay_period"] + out["variable_pay"]
    out["in_plan"] = out["main_pay"].notna()
    out["reached"] = out["reached"].astype("boolean")
    for k in kpis:
        for c in (k, f"{k}_target", f"{k}_attainment"):
            out[c] = _col(rows, c)
    for c in ("manager", "team", "period"):
        out[c] = out[c].astype("string")
    missing_kpis = [k for k in kpis if f"{k}_target" not in rows.columns
                    or not _col(rows, f"{k}_target").notna().any()]
    out.attrs.update(plan=plan.id, weights=weights, missing_kpis=missing_kpis,
                     missing=list(results.attrs.get("missing", [])), freq=results.attrs.get("freq"))
    return out


def yearly_pay(payouts: pd.DataFrame) -> pd.DataFrame:
    """The payouts of :func:`simulate` per manager and year.

    ::

        base_pay, variable_pay, total_pay, revenue = Σ over the manager's rows of the year in the plan
        months_employed = Σ months × employed
        pay_per_month   = variable_pay / months_employed        (comparable across part-years)
        attainment      = Σ_k w_k × (Σ actual_k / Σ target_k) / Σ w_k   over the KPIs with a target
        revenue_attainment = Σ revenue / Σ revenue target

    Returns
    -------
    DataFrame
        ``manager, team, year, periods, months_employed, base_pay, variable_pay, total_pay,
        pay_per_month, revenue, revenue_target, revenue_attainment, attainment``, sorted by
        year and manager.
    """
    rows = payouts.loc[payouts["in_plan"].fillna(False).astype(bool)].assign(
        year=lambda d: _year(d["period"]), _me=lambda d: d["months"] * d["employed"])
    weights = payouts.attrs.get("weights", {})
    cols = ["manager", "team", "year", "periods", "months_employed", "base_pay", "variable_pay",
            "total_pay", "pay_per_month", "revenue", "revenue_target", "revenue_attainment",
            "attainment"]
    if rows.empty:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
        for c in ("manager", "team", "year"):
            out[c] = out[c].astype("string")
        return out
    g = rows.groupby(["manager", "year"], sort=True)

    def total(col):
        return g[col].sum(min_count=1)

    out = pd.DataFrame({"team": g["team"].last(), "periods": g.size().astype("float64"),
                        "months_employed": total("_me"), "base_pay": total("base_pay_period"),
                        "variable_pay": total("variable_pay"), "total_pay": total("total_pay"),
                        "revenue": total("revenue"), "revenue_target": total("revenue_target")})
    out["pay_per_month"] = (out["variable_pay"] / out["months_employed"]).where(out["months_employed"] > 0)
    out["revenue_attainment"] = (out["revenue"] / out["revenue_target"]).where(out["revenue_target"] > 0)
    num = pd.Series(0.0, index=out.index)
    den = pd.Series(0.0, index=out.index)
    for k, wk in weights.items():
        if f"{k}_target" not in rows.columns:
            continue
        known = rows[f"{k}_target"].notna() & rows[k].notna()
        part = rows.loc[known]
        a = (part.groupby(["manager", "year"])[k].sum()
             / part.groupby(["manager", "year"])[f"{k}_target"].sum()).reindex(out.index)
        ok = a.notna() & np.isfinite(a)
        num = num + (a.fillna(0.0) * wk).where(ok, 0.0)
        den = den + pd.Series(np.where(ok, wk, 0.0), index=out.index)
    out["attainment"] = (num / den).where(den > 0)
    out = out.reset_index()
    for c in ("manager", "team", "year"):
        out[c] = out[c].astype("string")
    return out[cols]


# --------------------------------------------------------------------------- potential
def territory_potential(clients: pd.DataFrame | None = None, market: pd.DataFrame | None = None,
                        *, lines: pd.DataFrame | None = None) -> pd.Series:
    """Each manager's territory potential: what his clients or his territories could buy a year.

    ::

        basis "clients.potential":  potential_m = Σ clients.potential of the clients whose card
                                    names m (clients.manager)
        basis "market":             potential_m = Σ_r market_potential_r × revenue_mr / revenue_r
                                    (the build-up market potential of each territory r, shared
                                    among its managers by their part of its sales: ``lines`` of
                                    :func:`manager_lines`)

    the first that the data allows.

    Returns
    -------
    Series
        Indexed by manager (float, money a year). ``attrs``: ``basis`` (``"clients.potential"``,
        ``"market"`` or None), ``missing`` (``["clients.potential", "market"]`` when neither).

    Source: territory potential as the base of fair quotas and territory design in Zoltners,
    Sinha & Lorimer, *Sales Force Design for Strategic Advantage* (2004) and (2006); the market
    build-up method after Kotler & Keller (2016), ch. 4 (:func:`~kbcore.analyses.market_potential.market_cells`).
    """
    if clients is not None and {C.client_id, C.manager, C.potential} <= set(clients.columns):
        cl = clients.assign(**{C.manager: _ids(clients[C.manager]),
                               C.potential: pd.to_numeric(clients[C.potential], errors="coerce")})
        cl = cl.loc[cl[C.manager].notna() & (cl[C.manager] != "") & (cl[C.potential] > 0)]
        if len(cl):
            out = cl.groupby(C.manager)[C.potential].sum().astype("float64")
            out.index = out.index.astype("string")
            out.attrs.update(basis="clients.potential", missing=[])
            return out.rename("potential")
    cells = market_cells(market)
    if "market" not in cells.attrs["missing"] and lines is not None and len(lines) and \
            {C.manager, C.region} <= set(lines.columns) and cells["potential"].notna().any():
        pot = cells.groupby(C.region)["potential"].sum(min_count=1).dropna()
        sold = lines.loc[(lines[C.manager] != UNKNOWN) & (lines[C.region] != UNKNOWN)]
        by = sold.groupby([C.region, C.manager])[C.revenue].sum()
        by = by.loc[by > 0]
        share = by / by.groupby(level=0).transform("sum")
        region_pot = pd.Series(pot.reindex(share.index.get_level_values(0)).to_numpy(), index=share.index)
        out = (share * region_pot).groupby(level=1).sum(min_count=1).dropna().astype("float64")
        if len(out):
            out.index = out.index.astype("string")
            out.attrs.update(basis="market", missing=[])
            return out.rename("potential")
    out = pd.Series(dtype="float64", name="potential")
    out.attrs.update(basis=None, missing=["clients.potential", "market"])
    return out


# --------------------------------------------------------------------------- judging a plan
def _spearman(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    d = pd.DataFrame({"x": x, "y": y}).dropna()
    if len(d) < 3 or d["x"].nunique() < 2 or d["y"].nunique() < 2:
        return math.nan, math.nan
    r = stats.spearmanr(d["x"], d["y"])
    return float(r.statistic), float(r.pvalue)


def plan_summary(payouts: pd.DataFrame, *, potential: pd.Series | None = None, years=None,
                 quota_level: float = 1.0, quota_band=(0.6, 0.7)) -> pd.Series:
    """One plan judged on its payouts: cost, quota attainment, the pay–performance link, fairness.

    Over the rows in the plan (``years``: only those years)::

        managers, manager_periods      how many
        revenue, base_pay, variable_pay, total_pay      Σ
        cost_of_sales        = (base_pay + variable_pay) / revenue
        variable_to_revenue  = variable_pay / revenue
        at_quota             = share of manager-periods whose attainment ≥ quota_level
        quota_rule_ok        = quota_band[0] ≤ at_quota ≤ quota_band[1]   (the 60–70 % rule of thumb)
        pay_rho, pay_p       = Spearman's ρ (and its p) between attainment and variable pay over
                               the manager-periods: does pay follow performance?
        per manager over the selection (pay per month employed, :func:`yearly_pay`):
        top_performer_pay    = the pay of the manager with the highest attainment
        median_pay           = the median manager's pay;  top_to_median = top_performer_pay / median_pay
        max_to_median        = the highest pay / median_pay
        fairness_rho, _p     = Spearman's ρ between each manager's revenue attainment (Σ revenue /
                               Σ revenue target) and his territory potential: near 0 when quotas
                               follow potential; clearly positive when managers with rich
                               territories reach their quotas more easily
        fairness_per_target_rho, _p = the same against potential per unit of yearly revenue target

    Spearman's rank correlation is used because pay curves are not linear and a few managers
    are far from the others (a rank test is robust to both); SciPy's ``spearmanr``; NaN with
    fewer than 3 pairs or a constant side.

    Parameters
    ----------
    payouts : DataFrame
        :func:`simulate`.
    potential : Series, optional
        :func:`territory_potential` (indexed by manager); without it the fairness figures are NaN.
    years : iterable, optional
        Keep only these years (``"2025"`` or 2025).
    quota_level : float
        Attainment "at quota" (default 1.0).
    quota_band : (float, float)
        The healthy share of managers at quota (default 60–70 %).

    Returns
    -------
    Series
        :data:`SUMMARY_FIELDS` (float; ``quota_rule_ok`` 1.0/0.0, NaN when unknown). ``attrs``:
        ``plan``, ``years``, ``basis`` (of the potential), ``top_performer``, ``max_manager``.

    Source: Zoltners, Sinha & Lorimer (2006): cost of sales, the share of salespeople at goal
    (60–70 % as the motivational rule of thumb; in practice nearer 50 %, CSO Insights), pay for
    performance, and goals fair to territory potential; Spearman (1904).
    """
    rows = payouts.loc[payouts["in_plan"].fillna(False).astype(bool)]
    if years is not None:
        keep = {str(y) for y in years}
        rows = rows.loc[_year(rows["period"]).isin(keep).fillna(False).to_numpy(dtype=bool)]
    out = dict.fromkeys(SUMMARY_FIELDS, math.nan)
    attrs = {"plan": payouts.attrs.get("plan"), "years": None if years is None else sorted(
        {str(y) for y in years}), "basis": None if potential is None else potential.attrs.get("basis"),
        "top_performer": None, "max_manager": None}
    if len(rows):
        out["managers"] = float(rows["manager"].nunique())
        out["manager_periods"] = float(len(rows))
        out["revenue"] = float(rows["revenue"].sum())
        out["base_pay"] = float(rows["base_pay_period"].sum(min_count=1))
        out["variable_pay"] = float(rows["variable_pay"].sum())
        out["total_pay"] = out["base_pay"] + out["variable_pay"]
        if out["revenue"] > 0:
            out["cost_of_sales"] = out["total_pay"] / out["revenue"]
            out["variable_to_revenue"] = out["variable_pay"] / out["revenue"]
        known = rows["attainment"].notna()
        if known.any():
            out["at_quota"] = float((rows.loc[known, "attainment"] >= quota_level - _EPS).mean())
            lo, hi = quota_band
            out["quota_rule_ok"] = float(lo - _EPS <= out["at_quota"] <= hi + _EPS)
        out["pay_rho"], out["pay_p"] = _spearman(rows["attainment"], rows["variable_pay"])
        whole = payouts.loc[rows.index].assign(period="all")  # one "year": the whole selection
        whole.attrs = dict(payouts.attrs)
        per = yearly_pay(whole).set_index("manager")
        median = float(per["pay_per_month"].median())
        out["median_pay"] = median
        if per["attainment"].notna().any():
            top = per["attainment"].idxmax()
            attrs["top_performer"] = str(top)
            out["top_performer_pay"] = float(per.loc[top, "pay_per_month"])
        if per["pay_per_month"].notna().any():
            mx = per["pay_per_month"].idxmax()
            attrs["max_manager"] = str(mx)
            if median > 0:
                out["max_to_median"] = float(per.loc[mx, "pay_per_month"]) / median
                out["top_to_median"] = out["top_performer_pay"] / median
        if potential is not None and len(potential):
            pot = pd.Series(potential.to_numpy("float64"), index=potential.index.astype(str))
            ra = per["revenue_attainment"]
            idx = [str(m) for m in per.index]
            p = pot.reindex(idx).to_numpy()
            out["fairness_rho"], out["fairness_p"] = _spearman(
                pd.Series(ra.to_numpy()), pd.Series(p))
            yearly_target = per["revenue_target"] * 12.0 / per["months_employed"]
            ppt = p / yearly_target.where(yearly_target > 0).to_numpy()
            out["fairness_per_target_rho"], out["fairness_per_target_p"] = _spearman(
                pd.Series(ra.to_numpy()), pd.Series(ppt))
    s = pd.Series(out, dtype="float64")
    s.attrs.update(attrs)
    return s


def compare_plans(results: pd.DataFrame, plans, *, potential: pd.Series | None = None, years=None,
                  quota_level: float = 1.0, quota_band=(0.6, 0.7)) -> pd.DataFrame:
    """The plans side by side: :func:`simulate` then :func:`plan_summary` for each.

    Returns
    -------
    DataFrame
        One row per plan, in the given order: ``plan`` (id) then :data:`SUMMARY_FIELDS`.
        ``attrs``: ``payouts`` ({plan id: :func:`simulate`}), ``plans`` ({id: Plan}),
        ``basis`` (of the potential), ``top_performer`` / ``max_manager`` ({id: manager}).

    Source: Zoltners, Sinha & Lorimer (2006): testing alternative plans on past results before
    choosing one.
    """
    rows, payouts, top, mx = [], {}, {}, {}
    for plan in plans:
        pay = simulate(results, plan, quota_level=quota_level)
        s = plan_summary(pay, potential=potential, years=years, quota_level=quota_level,
                         quota_band=quota_band)
        payouts[plan.id] = pay
        top[plan.id], mx[plan.id] = s.attrs["top_performer"], s.attrs["max_manager"]
        rows.append({"plan": plan.id, **s.to_dict()})
    out = pd.DataFrame(rows, columns=["plan", *SUMMARY_FIELDS])
    out["plan"] = out["plan"].astype("string")
    out.attrs.update(payouts=payouts, plans={p.id: p for p in plans},
                     basis=None if potential is None else potential.attrs.get("basis"),
                     top_performer=top, max_manager=mx)
    return out


FAIRNESS_COLUMNS = ["manager", "team", "months_employed", "revenue", "revenue_target",
                    "revenue_attainment", "potential", "yearly_target", "potential_per_target"]


def territory_fairness(payouts: pd.DataFrame, potential: pd.Series | None = None, *,
                       years=None) -> pd.DataFrame:
    """Each manager's revenue attainment next to his territory potential (are the quotas fair).

    Per manager over the rows in the plan (``years``: only those years)::

        revenue_attainment    = Σ revenue / Σ revenue target
        yearly_target         = Σ revenue target × 12 / months employed
        potential_per_target  = potential / yearly_target     (how much the territory could buy
                                                               per unit of the yearly quota)

    A quota that follows the potential gives every manager about the same potential per unit of
    target; a manager with far more potential per unit of target reaches his quota more easily
    (the figure behind :func:`plan_summary`'s ``fairness_per_target_rho``).

    Parameters
    ----------
    payouts : DataFrame
        :func:`simulate` (any plan: the attainment does not depend on the plan).
    potential : Series, optional
        :func:`territory_potential`; without it ``potential`` and ``potential_per_target`` are NaN
        and ``attrs["missing"]`` names the inputs that would give it.
    years : iterable, optional
        Keep only these years.

    Returns
    -------
    DataFrame
        :data:`FAIRNESS_COLUMNS`, the largest potential per unit of target first.
        ``attrs``: ``basis`` (of the potential), ``missing``.

    Source: Zoltners, Sinha & Lorimer (2006) on goals fair to territory potential; the per-target
    measure is our reading.
    """
    rows = payouts.loc[payouts["in_plan"].fillna(False).astype(bool)]
    if years is not None:
        keep = {str(y) for y in years}
        rows = rows.loc[_year(rows["period"]).isin(keep).fillna(False).to_numpy(dtype=bool)]
    whole = rows.assign(period="all")
    whole.attrs = dict(payouts.attrs)
    per = yearly_pay(whole)
    out = per[["manager", "team", "months_employed", "revenue", "revenue_target",
               "revenue_attainment"]].copy()
    known = potential is not None and len(potential) > 0
    if known:
        pot = pd.Series(potential.to_numpy("float64"), index=potential.index.astype(str))
        out["potential"] = pot.reindex([str(m) for m in out["manager"]]).to_numpy()
    else:
        out["potential"] = np.nan
    out["yearly_target"] = (out["revenue_target"] * 12.0 / out["months_employed"]).where(
        (out["months_employed"] > 0) & (out["revenue_target"] > 0))
    out["potential_per_target"] = out["potential"] / out["yearly_target"]
    out = out.sort_values(["potential_per_target", "manager"], ascending=[False, True],
                          na_position="last", kind="mergesort").reset_index(drop=True)
    out = out[FAIRNESS_COLUMNS]
    out.attrs.update(basis=potential.attrs.get("basis") if known else None,
                     missing=[] if known else (list(potential.attrs.get("missing", []))
                                               if potential is not None else
                                               ["clients.potential", "market"]))
    return out


# --------------------------------------------------------------------------- windfalls
CONCENTRATION_COLUMNS = ["manager", "year", "revenue", "top_client", "top_client_revenue",
                         "top_client_share", "growth", "top_growth_client", "top_growth_share"]


def client_concentration(lines: pd.DataFrame) -> pd.DataFrame:
    """How much of each manager's year comes from one client.

    Per manager m and calendar year y (``lines`` of :func:`manager_lines`)::

        top_client_share   = max_c revenue_mcy / revenue_my          (the largest client's part)
        growth             = revenue_my − revenue_m,y−1             (NaN in the first year of data)
        top_growth_share   = max_c (revenue_mcy − revenue_mc,y−1) / growth   (only when growth > 0:
                                                                     the part of the rise one
                                                                     client explains)

    Returns
    -------
    DataFrame
        :data:`CONCENTRATION_COLUMNS`, sorted by year, manager.

    Source: the concentration of a salesperson's result as the sign of a windfall that a
    goal-based plan should not pay in full (Zoltners, Sinha & Lorimer 2006, on windfalls and
    "windfall clauses"); the shares are our reading.
    """
    sold = lines.loc[lines[C.manager] != UNKNOWN]
    if sold.empty:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in CONCENTRATION_COLUMNS})
        for c in ("manager", "year", "top_client", "top_growth_client"):
            out[c] = out[c].astype("string")
        return out
    year = sold[C.date].dt.year.astype("int64")
    per = sold.groupby([sold[C.manager], year.rename("y"), sold[C.client_id]])[C.revenue].sum()
    rev = per.groupby(level=[0, 1]).sum()
    top_idx = per.groupby(level=[0, 1]).idxmax()
    out = pd.DataFrame({"revenue": rev})
    out["top_client"] = [i[2] for i in top_idx.reindex(out.index)]
    out["top_client_revenue"] = [per.loc[i] for i in top_idx.reindex(out.index)]
    out["top_client_share"] = (out["top_client_revenue"] / out["revenue"]).where(out["revenue"] > 0)
    frame = per.rename("r").reset_index()
    prev = frame.assign(y=frame["y"] + 1).rename(columns={"r": "r0"})
    both = frame.merge(prev, on=[C.manager, "y", C.client_id], how="outer").fillna({"r": 0.0, "r0": 0.0})
    first_year = int(year.min())
    both = both.loc[both["y"] > first_year]
    both["d"] = both["r"] - both["r0"]
    growth = both.groupby([C.manager, "y"])["d"].sum()
    best = both.sort_values("d", ascending=False, kind="mergesort").drop_duplicates([C.manager, "y"])
    best = best.set_index([C.manager, "y"])
    out["growth"] = growth.reindex(out.index)
    out["top_growth_client"] = best[C.client_id].reindex(out.index)
    gshare = (best["d"].reindex(out.index) / out["growth"]).where(out["growth"] > 0)
    out["top_growth_share"] = gshare
    out = out.reset_index().rename(columns={C.manager: "manager", "y": "year"})
    out["year"] = out["year"].astype(str).astype("string")
    for c in ("manager", "top_client", "top_growth_client"):
        out[c] = out[c].astype("string")
    out = out.sort_values(["year", "manager"], kind="mergesort").reset_index(drop=True)
    return out[CONCENTRATION_COLUMNS]


def overpay_flags(payouts: pd.DataFrame, concentration: pd.DataFrame, *, k: float = 2.0,
                  max_client_share: float = 0.3, max_growth_share: float = 0.5,
                  years=None) -> pd.DataFrame:
    """The managers a plan overpays for a windfall: far above the median, on one client's money.

    Per manager and year (:func:`yearly_pay` and :func:`client_concentration`)::

        multiple = pay_per_month / median over the year's managers of pay_per_month
        flagged  = multiple ≥ k  and  (top_client_share ≥ max_client_share
                                       or top_growth_share ≥ max_growth_share)
        reason   = "client_share", "client_growth" or "both" (the concentration tests met)

    Parameters
    ----------
    payouts : DataFrame
        :func:`simulate`.
    concentration : DataFrame
        :func:`client_concentration` of the same lines.
    k : float
        How many medians is "far above" (default 2).
    max_client_share : float
        One client's part of the year's revenue above which the result is concentrated (0.3).
    max_growth_share : float
        One client's part of the year's growth above which the growth is a windfall (0.5).
    years : iterable, optional
        Only these years.

    Returns
    -------
    DataFrame
        ``manager, team, year, variable_pay, pay_per_month, median_pay, multiple, attainment,
        revenue_attainment, top_client, top_client_share, top_growth_client, top_growth_share,
        flagged, reason``, the largest multiple first. ``attrs["plan"]``.

    Source: our reading of the windfall problem in Zoltners, Sinha & Lorimer (2006): an
    uncapped accelerator pays a territory's luck, not the salesperson's effort.
    """
    k = argument_number(k, "k", low=0)
    per = yearly_pay(payouts)
    if years is not None:
        per = per.loc[per["year"].isin([str(y) for y in years])]
    med = per.groupby("year")["pay_per_month"].transform("median")
    per = per.assign(median_pay=med, multiple=(per["pay_per_month"] / med).where(med > 0))
    conc = concentration[["manager", "year", "top_client", "top_client_share", "top_growth_client",
                          "top_growth_share"]]
    out = per.merge(conc, on=["manager", "year"], how="left")
    share_hit = out["top_client_share"] >= max_client_share
    growth_hit = out["top_growth_share"] >= max_growth_share
    far = out["multiple"] >= k
    out["flagged"] = (far & (share_hit | growth_hit)).fillna(False).astype(bool)
    out["reason"] = pd.Series(np.select([share_hit & growth_hit, share_hit, growth_hit],
                                        ["both", "client_share", "client_growth"], ""),
                              index=out.index).where(out["flagged"], "").astype("string")
    out = out.sort_values(["multiple", "manager"], ascending=[False, True], na_position="last",
                          kind="mergesort").reset_index(drop=True)
    cols = ["manager", "team", "year", "variable_pay", "pay_per_month", "median_pay", "multiple",
            "attainment", "revenue_attainment", "top_client", "top_client_share",
            "top_growth_client", "top_growth_share", "flagged", "reason"]
    out = out[cols]
    out.attrs["plan"] = payouts.attrs.get("plan")
    return out
