"""Program 004, topic 10 · Competencies, strategy and the KPI practicum: the KPI tree.

The company's strategy written as a **KPI tree**: strategic goals, each in one perspective of
the balanced scorecard, the KPIs that measure them, who owns each KPI, its target and which
way is better, the KPI it drives (``parent``: the tree's edges), its target split by team,
role or manager (the cascade) and the competencies of the people that it needs. The tree is
an editable template (``data/templates/kpi_tree.yaml``, or the same as a table for a
spreadsheet, ``data/templates/kpi_tree.csv``), validated by :func:`load_kpi_tree`.

* :data:`KPI_REGISTRY` — the KPIs the workbook can compute, by formula id: what each measures,
  its unit, the data it needs (``table.column`` ids) and the function that computes it from
  the dataset, each calling an existing analysis of the package;
* :func:`kpi_values` — every KPI of a tree for a year (or for a team, role or manager): actual,
  target, attainment and status (met, not met, no target, needs data), with ``needs`` naming
  the missing data of the rest;
* :func:`check_tree` — the tree's findings: a goal no KPI measures, a KPI without an owner or a
  target, a KPI that measures no goal, a perspective of the balanced scorecard left empty, a
  cycle or a dangling reference, a cascade whose parts do not add up, a KPI whose data is
  missing;
* :func:`competency_kpi` — the competency × KPI matrix from a self-rating and a manager's
  rating of the same person (the assessment engine's questionnaire
  ``data/templates/kpi_competencies.yaml``): the gap between the two per competency, and per
  KPI the weakest competency it needs.

The functions return numbers and ids only; the words are in :mod:`kbcore.views.kpi_tree`.

Sources: R. S. Kaplan, D. P. Norton, "The balanced scorecard — measures that drive
performance", *Harvard Business Review* 70(1), 1992, pp. 71–79, and *The Balanced Scorecard:
Translating Strategy into Action* (Harvard Business School Press, 1996): four perspectives
(financial, customer, internal business process, learning and growth), every strategic
objective with its measures, targets and initiatives, cascaded to business units, teams and
individuals; D. Parmenter, *Key Performance Indicators: Developing, Implementing, and Using
Winning KPIs* (4th ed., Wiley 2019): every measure owned by someone, with a target and a
direction. The competency frame: L. M. Spencer, S. M. Spencer, *Competence at Work: Models for
Superior Performance* (Wiley, 1993), the generic model of salespeople; self and manager ratings
as in M. M. Harris, J. Schaubroeck, "A meta-analysis of self-supervisor, self-peer, and
peer-supervisor ratings", *Personnel Psychology* 41(1), 1988, pp. 43–62 (self-ratings are on
average higher than the supervisor's and agree with them only moderately, ρ ≈ 0.35).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.analyses._ids import ids as _ids
from kbcore.analyses._template import (
    TEXT_LANGS,
    read_template,
    template_error,
    template_keys,
    template_number,
    template_texts,
)
from kbcore.analyses.assessment import Questionnaire
from kbcore.analyses.incentives import manager_results
from kbcore.analyses.loyalty_programme import programme_kpis
from kbcore.analyses.profitability import client_pnl
from kbcore.analyses.retention import new_clients, second_order_conversion
from kbcore.analyses.sales_drilldown import annotate_lines, drilldown, year_window
from kbcore.analyses.satisfaction import nps_score, survey_answers
from kbcore.analyses.segmentation import abc
from kbcore.analyses.share_of_wallet import client_shares, latest_answers, share_summary
from kbcore.facts import Facts, period_bounds
from kbcore.ingest.answers import read_sheet
from kbcore.paths import TEMPLATES_DIR
from kbcore.schema import C

__all__ = [
    "PERSPECTIVES",
    "DIRECTIONS",
    "UNITS",
    "CASCADE_BY",
    "STATUSES",
    "MANUAL",
    "TEMPLATE",
    "TABLE_TEMPLATE",
    "VALUE_COLUMNS",
    "FINDING_COLUMNS",
    "Goal",
    "Kpi",
    "Split",
    "KpiTree",
    "KpiFormula",
    "KpiData",
    "KPI_REGISTRY",
    "kpi_tree",
    "kpi_tree_table_data",
    "load_kpi_tree",
    "with_target",
    "scope_people",
    "kpi_values",
    "check_tree",
    "CompetencyKpi",
    "competency_kpi",
]

PERSPECTIVES = ("financial", "customer", "internal", "learning")
"""The balanced scorecard's perspectives (Kaplan & Norton 1992): financial, customer, internal
business process, learning and growth."""
DIRECTIONS = ("higher", "lower")
"""Which way a KPI is better."""
UNITS = ("money", "share", "count", "quantity", "ratio", "score")
"""What a KPI's number is: money (the dataset's currency), a share 0 … 1, a count, a quantity in
the products' unit, a ratio (per client, per order), a score on a survey's scale."""
CASCADE_BY = ("team", "role", "manager")
"""Who a KPI's target is split among: a team or a role of the ``staff`` table, or a manager."""
STATUSES = ("met", "not_met", "no_target", "needs_data")
"""The status of a KPI in :func:`kpi_values`."""
MANUAL = "manual"
"""The formula id of a KPI the data cannot compute: its actual is typed into the tree."""
TEMPLATE = TEMPLATES_DIR / "kpi_tree.yaml"
"""The editable KPI tree (an example for the Bulgarian demo company)."""
TABLE_TEMPLATE = TEMPLATES_DIR / "kpi_tree.csv"
"""The same example as a table, for a spreadsheet."""

VALUE_COLUMNS = ["kpi", "formula", "unit", "direction", "owner", "goals", "parent", "actual",
                 "target", "target_to_date", "attainment", "status", "needs"]
"""The columns of :func:`kpi_values`."""
FINDING_COLUMNS = ["id", "kind", "severity", "detail"]
"""The columns of :func:`check_tree`."""

_KIND = "kpi_tree"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


# =========================================================================== the tree
@dataclass(frozen=True)
class Goal:
    """A strategic goal: its id, balanced-scorecard perspective and text in every language."""

    id: str
    perspective: str
    text: Mapping[str, str]


@dataclass(frozen=True)
class Kpi:
    """A KPI of the tree.

    ``formula`` is a :data:`KPI_REGISTRY` id or :data:`MANUAL`; ``goals`` the goals it measures;
    ``owner`` a role, team or person (None: nobody owns it); ``target`` its value for the year
    (None: no target); ``direction`` ``higher`` or ``lower`` is better; ``parent`` the KPI it
    drives (None at the top); ``competencies`` the questions of the competency questionnaire
    that it needs; ``label`` its name (required for a manual KPI), ``unit`` and ``actual``
    (a manual KPI's value, when known).
    """

    id: str
    formula: str
    goals: tuple[str, ...] = ()
    owner: str | None = None
    target: float | None = None
    direction: str = "higher"
    parent: str | None = None
    competencies: tuple[str, ...] = ()
    label: Mapping[str, str] | None = None
    unit: str | None = None
    actual: float | None = None


@dataclass(frozen=True)
class Split:
    """A part of a KPI's target: the share of team, role or manager ``to`` (``by``)."""

    kpi: str
    by: str
    to: str
    target: float


@dataclass(frozen=True)
class KpiTree:
    """A validated KPI tree (:func:`kpi_tree`, :func:`load_kpi_tree`)."""

    title: Mapping[str, str] | None
    year: int | None
    goals: tuple[Goal, ...]
    kpis: tuple[Kpi, ...]
    cascade: tuple[Split, ...] = ()
    example: bool = False
    path: Path | None = None

    def goal(self, goal_id: str) -> Goal:
        """The goal ``goal_id`` (``KeyError`` when the tree has none)."""
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(goal_id)

    def kpi(self, kpi_id: str) -> Kpi:
        """The KPI ``kpi_id`` (``KeyError`` when the tree has none)."""
        for k in self.kpis:
            if k.id == kpi_id:
                return k
        raise KeyError(kpi_id)

    def frame(self) -> pd.DataFrame:
        """One row per KPI of the tree, in its order.

        Columns ``kpi, formula, goals`` (ids joined by ","), ``owner, target, direction, parent,
        competencies, unit, depth`` (0 at the top, NaN in a cycle).
        """
        depth = _depths(self)
        return pd.DataFrame({
            "kpi": [k.id for k in self.kpis],
            "formula": [k.formula for k in self.kpis],
            "goals": [",".join(k.goals) for k in self.kpis],
            "owner": [k.owner for k in self.kpis],
            "target": [np.nan if k.target is None else k.target for k in self.kpis],
            "direction": [k.direction for k in self.kpis],
            "parent": [k.parent for k in self.kpis],
            "competencies": [",".join(k.competencies) for k in self.kpis],
            "unit": [_unit_of(k) for k in self.kpis],
            "depth": [depth.get(k.id, np.nan) for k in self.kpis],
        })

    def cascade_frame(self) -> pd.DataFrame:
        """One row per part of a target: ``kpi, by, to, target``."""
        return pd.DataFrame({"kpi": [s.kpi for s in self.cascade], "by": [s.by for s in self.cascade],
                             "to": [s.to for s in self.cascade],
                             "target": [float(s.target) for s in self.cascade]})


def _unit_of(k: Kpi) -> str | None:
    if k.unit is not None:
        return k.unit
    f = KPI_REGISTRY.get(k.formula)
    return None if f is None else f.unit


def _depths(tree: KpiTree) -> dict[str, float]:
    """Each KPI's distance from the top along ``parent`` (NaN on a cycle or a dangling parent)."""
    parent = {k.id: k.parent for k in tree.kpis}
    out: dict[str, float] = {}
    for kid in parent:
        seen, node, d = {kid}, parent[kid], 0
        while node is not None:
            if node in seen or node not in parent:
                d = math.nan
                break
            seen.add(node)
            node, d = parent[node], d + 1
        out[kid] = float(d)
    return out


# --------------------------------------------------------------------------- validation
def _ident(value, file, key: str, seen: set[str] | None = None) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        template_error(_KIND, "wrong_shape", file, key, form="id: grow_revenue")
    if seen is not None:
        if value in seen:
            template_error(_KIND, "duplicate_id", file, key, id=value)
        seen.add(value)
    return value


def _choice(value, allowed: Sequence[str], file, key: str) -> str:
    if value not in allowed:
        template_error(_KIND, "kpi_tree_choice", file, key, value=value, allowed=", ".join(allowed))
    return value


def _id_list(value, file, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        template_error(_KIND, "wrong_shape", file, key, form=f"{key.rsplit('.', 1)[-1]}: [grow_revenue]")
    return tuple(_ident(v, file, key) for v in value)


def _text_or_none(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


_TOP_KEYS = {"title", "year", "example", "goals", "kpis", "cascade"}
_GOAL_KEYS = {"id", "perspective", "text"}
_KPI_KEYS = {"id", "formula", "goals", "owner", "target", "direction", "parent", "competencies",
             "label", "unit", "actual"}
_SPLIT_KEYS = {"kpi", "by", "to", "target"}


def kpi_tree(data, *, file=None, example: bool = False) -> KpiTree:
    """Validate a parsed KPI tree (the format of ``data/templates/kpi_tree.yaml``) into a :class:`KpiTree`.

    Parameters
    ----------
    data : mapping
        ``title`` ({en, ru, bg}, optional), ``year`` (the targets' year, optional), ``example``
        (bool), ``goals`` (a list of ``{id, perspective, text}``), ``kpis`` (a list of ``{id,
        formula, goals, owner, target, direction, parent, competencies, label, unit, actual}``)
        and ``cascade`` (optional: a list of ``{kpi, by, to, target}``).
    file : str or Path, optional
        The file, named in the errors.
    example : bool
        The tree is the packaged example (the views label it so); ``data["example"]`` also sets it.

    Returns
    -------
    KpiTree

    Raises
    ------
    TemplateError
        (a ``KBDataError``) naming the file, the key and what to do: a key the format does not
        have, an id that is not ``lower_case`` or appears twice, a perspective, direction, unit
        or cascade dimension not in :data:`PERSPECTIVES`, :data:`DIRECTIONS`, :data:`UNITS`,
        :data:`CASCADE_BY`, a formula id not in :data:`KPI_REGISTRY` (nor ``manual``), a KPI
        that names an unknown goal, parent or competency list form, a cascade part of an
        unknown KPI, a target or an actual that is not a number, a manual KPI without a label
        or a unit, a year that is not a year. A goal without a KPI, a KPI without owner or
        target and a cycle of parents are not errors: they are the findings of
        :func:`check_tree`.
    """
    template_keys(_KIND, data, _TOP_KEYS, file, "", ("goals", "kpis"), "[…]")
    title = template_texts(_KIND, data.get("title"), file, "title", required=False)
    year = data.get("year")
    if year is not None:
        year = int(template_number(_KIND, year, file, "year", low=1900, high=2200, example="2025"))
    flag = data.get("example", False)
    if not isinstance(flag, bool):
        template_error(_KIND, "wrong_shape", file, "example", form="example: true")

    goals, seen_g = [], set()
    if not isinstance(data["goals"], list) or not data["goals"]:
        template_error(_KIND, "empty", file, "goals", form="- {id: grow_revenue, perspective: financial, text: {…}}")
    for i, g in enumerate(data["goals"]):
        key = f"goals[{i + 1}]"
        template_keys(_KIND, g, _GOAL_KEYS, file, key, ("id", "perspective", "text"),
                      "{id: grow_revenue, perspective: financial, text: {en: …, ru: …, bg: …}}")
        gid = _ident(g["id"], file, f"{key}.id", seen_g)
        key = f"goals.{gid}"
        goals.append(Goal(gid, _choice(g["perspective"], PERSPECTIVES, file, f"{key}.perspective"),
                          template_texts(_KIND, g["text"], file, f"{key}.text")))

    kpis, seen_k = [], set()
    if not isinstance(data["kpis"], list) or not data["kpis"]:
        template_error(_KIND, "empty", file, "kpis", form="- {id: revenue, formula: revenue, goals: [grow_revenue]}")
    raw_kpis = []
    for i, k in enumerate(data["kpis"]):
        key = f"kpis[{i + 1}]"
        template_keys(_KIND, k, _KPI_KEYS, file, key, ("id", "formula"), "{id: revenue, formula: revenue}")
        raw_kpis.append((_ident(k["id"], file, f"{key}.id", seen_k), k))
    for kid, k in raw_kpis:
        key = f"kpis.{kid}"
        formula = k["formula"]
        if formula != MANUAL and formula not in KPI_REGISTRY:
            template_error(_KIND, "kpi_tree_formula", file, f"{key}.formula", value=formula,
                           allowed=", ".join([*KPI_REGISTRY, MANUAL]))
        kgoals = _id_list(k.get("goals"), file, f"{key}.goals")
        for gid in kgoals:
            if gid not in seen_g:
                template_error(_KIND, "kpi_tree_unknown_goal", file, f"{key}.goals", value=gid, allowed=", ".join(sorted(seen_g)))
        parent = k.get("parent")
        if parent is not None:
            parent = _ident(parent, file, f"{key}.parent")
            if parent not in seen_k:
                template_error(_KIND, "kpi_tree_unknown_kpi", file, f"{key}.parent", value=parent,
                               allowed=", ".join(sorted(seen_k)))
        target = k.get("target")
        if target is not None:
            target = template_number(_KIND, target, file, f"{key}.target", example="1200000", what="kpi_target")
        actual = k.get("actual")
        if actual is not None:
            actual = template_number(_KIND, actual, file, f"{key}.actual", example="0.85", what="kpi_actual")
        f = KPI_REGISTRY.get(formula)
        direction = _choice(k.get("direction") or (f.direction if f else "higher"), DIRECTIONS, file,
                            f"{key}.direction")
        unit = k.get("unit")
        if unit is not None:
            unit = _choice(unit, UNITS, file, f"{key}.unit")
        label = template_texts(_KIND, k.get("label"), file, f"{key}.label", required=formula == MANUAL)
        if formula == MANUAL and unit is None:
            template_error(_KIND, "missing_key", file, f"{key}.unit", form="unit: share")
        if target is not None and (unit or (f.unit if f else None)) == "share" and target > 1:
            template_error(_KIND, "out_of_range", file, f"{key}.target", what="kpi_share", value=f"{target:g}",
                           low="0", high="1")
        kpis.append(Kpi(id=kid, formula=formula, goals=kgoals, owner=_text_or_none(k.get("owner")),
                        target=target, direction=direction, parent=parent,
                        competencies=_id_list(k.get("competencies"), file, f"{key}.competencies"),
                        label=label, unit=unit, actual=actual))

    cascade = []
    for i, s in enumerate(data.get("cascade") or []):
        key = f"cascade[{i + 1}]"
        template_keys(_KIND, s, _SPLIT_KEYS, file, key, ("kpi", "by", "to", "target"),
                      "{kpi: revenue, by: team, to: Key accounts, target: 1700000}")
        kid = s["kpi"]
        if kid not in seen_k:
            template_error(_KIND, "kpi_tree_unknown_kpi", file, f"{key}.kpi", value=kid, allowed=", ".join(sorted(seen_k)))
        by = _choice(s["by"], CASCADE_BY, file, f"{key}.by")
        to = _text_or_none(s["to"])
        if to is None:
            template_error(_KIND, "missing_key", file, f"{key}.to", form="to: Key accounts")
        cascade.append(Split(kid, by, to, template_number(_KIND, s["target"], file, f"{key}.target",
                                                          example="1700000", what="kpi_target")))
    return KpiTree(title=title, year=year, goals=tuple(goals), kpis=tuple(kpis), cascade=tuple(cascade),
                   example=bool(example or flag), path=None if file is None else Path(file))


_ROWS = ("title", "year", "example", "goal", "kpi", "split")


def _cell(row, column) -> str:
    value = row.get(column)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def _num(text: str):
    text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text                       # kpi_tree() names it
    return int(value) if value.is_integer() else value


def kpi_tree_table_data(table: pd.DataFrame, *, file=None) -> dict:
    """A KPI tree written as a table (CSV or Excel), as the mapping :func:`kpi_tree` reads.

    One row per item, its kind in the column ``row``:

    ========  ==============================================================================
    row       columns used
    ========  ==============================================================================
    title     ``en``, ``ru``, ``bg``
    year      ``target`` (the year)
    example   ``target`` (yes / no)
    goal      ``id``, ``perspective``, ``en``, ``ru``, ``bg``
    kpi       ``id``, ``formula``, ``goals`` (ids separated by ","), ``owner``, ``target``,
              ``direction``, ``parent``, ``competencies``, ``unit``, ``actual``, the name in
              ``en``, ``ru``, ``bg`` (required for a manual KPI)
    split     ``id`` (the KPI), ``by``, ``to``, ``target``
    ========  ==============================================================================

    A table without the columns ``row`` and ``id`` or with an unknown kind of row is a
    :class:`~kbcore.errors.TemplateError` naming the line. Decimal commas and spaces between
    thousands are read.
    """
    table = table.rename(columns=lambda c: str(c).strip().lower())
    need = [c for c in ("row", "id") if c not in table.columns]
    if need:
        template_error(_KIND, "scores_columns", file, missing=", ".join(need),
                       need="row, id, perspective, formula, goals, owner, target, direction, parent, "
                            "competencies, unit, actual, by, to, en, ru, bg")
    data: dict = {"goals": [], "kpis": []}
    for i, row in enumerate(table.to_dict("records"), start=2):
        kind = _cell(row, "row").lower()
        if not kind:
            continue
        if kind not in _ROWS:
            template_error(_KIND, "scores_unknown", file, column="row", values=kind, allowed=", ".join(_ROWS),
                           examples=[f"line {i}: {kind}"])
        texts = {lang: _cell(row, lang) for lang in TEXT_LANGS}
        has_text = any(texts.values())
        if kind == "title":
            data["title"] = texts
        elif kind == "year":
            data["year"] = _num(_cell(row, "target"))
        elif kind == "example":
            data["example"] = _cell(row, "target").lower() in ("1", "yes", "true", "да", "y", "д")
        elif kind == "goal":
            data["goals"].append({"id": _cell(row, "id"), "perspective": _cell(row, "perspective"),
                                  "text": texts})
        elif kind == "kpi":
            k: dict = {"id": _cell(row, "id"), "formula": _cell(row, "formula")}
            for col in ("goals", "owner", "direction", "parent", "competencies", "unit"):
                if _cell(row, col):
                    k[col] = _cell(row, col)
            for col in ("target", "actual"):
                if _cell(row, col):
                    k[col] = _num(_cell(row, col))
            if has_text:
                k["label"] = texts
            data["kpis"].append(k)
        else:
            data.setdefault("cascade", []).append({"kpi": _cell(row, "id"), "by": _cell(row, "by"),
                                                   "to": _cell(row, "to"), "target": _num(_cell(row, "target"))})
    return data


def load_kpi_tree(path=None) -> KpiTree:
    """Read and validate a KPI tree: a YAML file, or a CSV / Excel table (:func:`kpi_tree_table_data`).

    Parameters
    ----------
    path : str or Path, optional
        Default: :data:`TEMPLATE` (``data/templates/kpi_tree.yaml``, the example tree of the
        Bulgarian demo company). A ``.csv``, ``.xlsx`` or ``.xlsm`` file is read as a table.

    Returns
    -------
    KpiTree
        ``example`` is True for the packaged file or a file that says ``example: true``.

    Raises
    ------
    TemplateError
        The file is missing, is not YAML (or not a readable table), or breaks a rule of
        :func:`kpi_tree` (the message names the key and what to do).
    """
    p = Path(TEMPLATE if path is None else path)
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        if not p.is_file():
            template_error(_KIND, "not_found", p, default="data/templates/kpi_tree.csv")
        data = kpi_tree_table_data(read_sheet(p, _KIND), file=p)
    else:
        data, p = read_template(_KIND, p, TEMPLATE)
    packaged = p.resolve().parent == TEMPLATES_DIR.resolve()
    return kpi_tree(data, file=p, example=packaged)


def with_target(tree: KpiTree, kpi_id: str, target: float | None) -> KpiTree:
    """The tree with KPI ``kpi_id``'s target set to ``target`` (None removes it): the widget's edit."""
    tree.kpi(kpi_id)
    kpis = tuple(replace(k, target=None if target is None else float(target)) if k.id == kpi_id else k
                 for k in tree.kpis)
    return replace(tree, kpis=kpis)


# =========================================================================== the data of a KPI
def _frame(ds, name: str) -> pd.DataFrame | None:
    frame = getattr(ds, name, None)
    return frame if isinstance(frame, pd.DataFrame) and len(frame.columns) else None


def _has(frame: pd.DataFrame | None, column: str | None = None) -> bool:
    if frame is None or not len(frame):
        return False
    if column is None:
        return True
    return column in frame.columns and bool(frame[column].notna().any())


def scope_people(staff: pd.DataFrame | None, by: str, value: str) -> list[str]:
    """The people (``staff.person``) of team or role ``value``; ``by="manager"``: ``[value]``.

    Empty without a ``staff`` table or the column ``by``.
    """
    if by not in CASCADE_BY:
        raise ValueError(f"by must be one of {', '.join(CASCADE_BY)}, not {by!r}")
    if by == "manager":
        return [str(value)]
    if staff is None or by not in staff.columns or C.person not in staff.columns:
        return []
    rows = staff.loc[_ids(staff[by]) == str(value).strip()]
    return list(dict.fromkeys(_ids(rows[C.person]).dropna().tolist()))


class KpiData:
    """What the KPI formulas share for one dataset, year and scope: computed once, on first use.

    Parameters
    ----------
    ds : Dataset or object
        The canonical tables as attributes (``sales``, ``clients``, ``products``, ``market``,
        ``interactions``, ``surveys``, ``loyalty``, ``staff``, ``targets``); a missing one is None.
    facts : Facts
        The company's facts (:class:`~kbcore.facts.Facts`).
    year : int
        The year of the targets; actuals are its sales up to the analysis date
        (:func:`~kbcore.analyses.sales_drilldown.year_window`).
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``).
    pro_rata : {"days", "seasonal", "none"}
        How a partial year meets a yearly target (:func:`~kbcore.analyses.sales_drilldown.year_window`).
    people : sequence of str, optional
        Only the sales of these managers (``sales.manager``, else the client card's manager) and
        their clients count: a team's, a role's or a manager's KPIs. Default: the whole company.
    """

    def __init__(self, ds, facts: Facts, year: int, *, as_of=None, pro_rata: str = "days",
                 people: Sequence[str] | None = None):
        self.ds = ds
        self.year = int(year)
        self.at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
        self.window = year_window(facts, self.year, pro_rata=pro_rata, as_of=self.at)
        self.lo, self.hi = self.window["start"], self.window["end"]
        self.people = None if people is None else [str(p).strip() for p in people]
        self.clients = _frame(ds, "clients")
        self.products = _frame(ds, "products")
        self.market = _frame(ds, "market")
        self.interactions = _frame(ds, "interactions")
        self.surveys = _frame(ds, "surveys")
        self.loyalty = _frame(ds, "loyalty")
        self.staff = _frame(ds, "staff")
        self.targets = _frame(ds, "targets")
        self.missing_scope: list[str] = []
        if self.people is not None and not self.people:
            self.missing_scope.append("staff")  # a team or role nobody of the staff table is in
        if self.people is None:
            self.facts = facts
            return
        sales = ds.sales
        if C.manager in sales.columns:
            keep = _ids(sales[C.manager]).isin(self.people).fillna(False).to_numpy(bool)
        elif _has(self.clients, C.manager):
            mine = self.clients.loc[_ids(self.clients[C.manager]).isin(self.people).fillna(False).to_numpy(bool)]
            keep = _ids(sales[C.client_id]).isin(_ids(mine[C.client_id])).fillna(False).to_numpy(bool)
        else:
            keep = np.zeros(len(sales), dtype=bool)
            self.missing_scope.append("sales.manager")
        lines = sales.loc[keep]
        self.facts = Facts(lines, start=facts.start, end=facts.end, as_of=self.at)
        mine_ids = pd.Index(_ids(lines[C.client_id]).dropna().unique(), dtype="string")
        if _has(self.clients, C.manager):
            cm = _ids(self.clients[C.manager]).isin(self.people).fillna(False).to_numpy(bool)
            mine_ids = mine_ids.union(pd.Index(_ids(self.clients.loc[cm, C.client_id]), dtype="string"))
        for name in ("clients", "interactions", "surveys", "loyalty"):
            frame = getattr(self, name)
            if frame is not None and C.client_id in frame.columns:
                setattr(self, name, frame.loc[_ids(frame[C.client_id]).isin(mine_ids).fillna(False).to_numpy(bool)])

    # ------------------------------------------------------------------ availability
    def has(self, need: str) -> bool:
        """Whether the dataset has ``need``: ``"table"``, ``"table.column"`` or alternatives ``"a|b"``."""
        for alt in need.split("|"):
            table, _, column = alt.partition(".")
            frame = self.ds.sales if table == "sales" else _frame(self.ds, table)
            if _has(frame, column or None):
                return True
        return False

    @property
    def empty(self) -> bool:
        """True when the window holds no day (the year is after the analysis date or before the data)."""
        return self.window["days"] <= 0 or self.facts.first_day(self.lo, self.hi) is None

    # ------------------------------------------------------------------ shared results
    @cached_property
    def pnl(self) -> pd.DataFrame:
        """Block 1's client P&L over the window (revenue, gross margin, orders, visits, profit)."""
        return client_pnl(self.facts, self.clients, self.interactions, start=self.lo, end=self.hi)

    @cached_property
    def lines(self) -> pd.DataFrame:
        """Topic 3's annotated sales lines (:func:`~kbcore.analyses.sales_drilldown.annotate_lines`)."""
        return annotate_lines(self.facts, self.products, self.clients)

    @cached_property
    def drill(self) -> pd.Series:
        """Topic 3's drill-down at the company level for the year (one row)."""
        d = drilldown(self.facts, self.products, self.clients, self.market, year=self.year, level="company",
                      pro_rata=self.window["pro_rata"], as_of=self.at, lines=self.lines)
        return d.iloc[0] if len(d) else pd.Series(dtype="object")

    @cached_property
    def new(self) -> pd.DataFrame:
        """Block 6's new clients up to the window's end whose first order falls in the window."""
        new = new_clients(self.facts, self.clients, as_of=self.hi)
        out = new.loc[(new["first_date"] >= self.lo) & (new["first_date"] <= self.hi)]
        out.attrs.update(new.attrs)
        return out

    @cached_property
    def shares(self) -> pd.DataFrame:
        """Topic 5's share of wallet of each client, over the 12 months to the window's end."""
        return client_shares(self.facts, self.clients, self.products, as_of=self.hi)

    def buyers(self, lo, hi) -> pd.Index:
        """The clients with an order (a shipment) in [lo, hi]."""
        per = self.facts.clients(lo, hi)
        return pd.Index(_ids(per.loc[per["orders"] > 0, C.client_id]).unique(), dtype="string")


def _total(d: KpiData, column: str) -> float:
    s = d.pnl[column]
    return float(s.sum()) if s.notna().any() else math.nan


def _ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(b) and not math.isnan(a) else math.nan


def _drill(d: KpiData, column: str) -> float:
    value = d.drill.get(column, np.nan)
    return float(value) if pd.notna(value) else math.nan


def _active(d: KpiData) -> float:
    return float((d.pnl["orders"] > 0).sum())


def _retention(d: KpiData) -> float:
    prev = d.buyers(pd.Timestamp(d.year - 1, 1, 1), pd.Timestamp(d.year - 1, 12, 31))
    if not len(prev):
        return math.nan
    return float(prev.isin(d.buyers(d.lo, d.hi)).mean())


def _second_order(d: KpiData) -> float:
    conv = second_order_conversion(d.new)
    return float(conv["second_order_rate"].iloc[0]) if len(conv) else math.nan


def _a_class(d: KpiData) -> float:
    buyers = d.pnl.loc[d.pnl["orders"] > 0]
    if buyers.empty:
        return math.nan
    return float((abc(buyers)["abc"] == "A").mean())


def _visits(d: KpiData) -> float:
    return _ratio(float(d.pnl["visits"].sum()), _active(d))


def _csat(d: KpiData) -> float:
    sv = d.surveys
    if sv is not None and C.responded in sv.columns:
        sv = sv.loc[sv[C.responded].astype("boolean").fillna(True).to_numpy(bool)]
    days = int((d.hi - d.lo).days) + 1
    answers = latest_answers(sv, as_of=d.hi, survey_days=days, columns=(C.csat,))
    return float(answers[C.csat].mean()) if answers[C.csat].notna().any() else math.nan


def _nps(d: KpiData) -> float:
    """NPS of each client's latest answer (0–10, respondents only) dated in the window."""
    answers = survey_answers(d.surveys, as_of=d.hi)
    answers = answers.loc[(answers[C.date] >= d.lo) & answers[C.responded] & answers[C.nps].notna()]
    latest = answers.sort_values(C.date, kind="mergesort").drop_duplicates(C.client_id, keep="last")
    return float(nps_score(latest[C.nps])["nps"])


def _participation(d: KpiData) -> float:
    """The loyalty programme's participation rate on the window's last day (topic 8)."""
    return float(programme_kpis(d.facts, d.loyalty, as_of=d.hi).participation_rate)


def _at_quota(d: KpiData, quota_level: float = 1.0) -> float:
    """The share of managers with a revenue target for the year whose revenue reached it (topic 9).

    A partial year compares the revenue to date with the yearly target × the window's fraction.
    """
    res = manager_results(d.facts, d.products, d.clients, d.staff, d.targets, freq="year", kpis=("revenue",),
                          as_of=d.hi, complete_only=False)
    res = res.loc[(res["period"] == str(d.year)) & (res["revenue_target"] > 0)]
    if d.people is not None:
        res = res.loc[res["manager"].isin(d.people)]
    if res.empty or not d.window["fraction"]:
        return math.nan
    attainment = res["revenue"] / (res["revenue_target"] * d.window["fraction"])
    return float((attainment >= quota_level - 1e-9).mean())


def _period_need(formula) -> str:
    """``"<table>.period"``: what a KPI lacks when its table exists but has nothing in the chosen year.

    The table is the one its value comes from: its first need's, else the sales.
    """
    first = formula.needs[0] if formula is not None and formula.needs else ""
    table = first.split(".")[0].split("|")[0]
    return f"{table}.period" if table and table not in ("sales", "clients", "products") else "sales.period"


@dataclass(frozen=True)
class KpiFormula:
    """A KPI the workbook computes: one entry of :data:`KPI_REGISTRY`.

    ``unit`` one of :data:`UNITS`; ``needs`` the data it needs (``"table.column"``, or
    alternatives ``"clients.wallet|clients.potential"``), each checked before computing;
    ``compute`` the function of a :class:`KpiData` that gives the value (NaN when the window has
    none); ``flow`` True for a KPI that accumulates over the year (a partial year is compared with
    target × fraction); ``direction`` which way is better by default; ``analysis`` the function of
    the package it calls (for the docs).
    """

    id: str
    unit: str
    needs: tuple[str, ...]
    compute: Callable[[KpiData], float] = field(repr=False)
    flow: bool = False
    direction: str = "higher"
    analysis: str = ""


_REG = (
    KpiFormula("revenue", "money", (), lambda d: _total(d, C.revenue), True, analysis="profitability.client_pnl"),
    KpiFormula("quantity", "quantity", ("sales.quantity", "products.unit"), lambda d: _drill(d, "quantity"), True,
               analysis="sales_drilldown.drilldown"),
    KpiFormula("gross_margin", "money", ("sales.cost",), lambda d: _total(d, "gross_margin"), True,
               analysis="profitability.client_pnl"),
    KpiFormula("gross_margin_rate", "share", ("sales.cost",),
               lambda d: _ratio(_total(d, "gross_margin"), _total(d, C.revenue)), analysis="profitability.client_pnl"),
    KpiFormula("client_profit", "money", ("sales.cost",), lambda d: _total(d, "profit"), True,
               analysis="profitability.client_pnl"),
    KpiFormula("target_products_revenue", "money", ("sales.product_id", "products.is_target"),
               lambda d: _drill(d, "target_products_revenue"), True, analysis="sales_drilldown.drilldown"),
    KpiFormula("target_products_share", "share", ("sales.product_id", "products.is_target"),
               lambda d: _drill(d, "target_products_share"), analysis="sales_drilldown.drilldown"),
    KpiFormula("new_clients", "count", (), lambda d: float(len(d.new)), True, analysis="retention.new_clients"),
    KpiFormula("active_clients", "count", (), _active, analysis="profitability.client_pnl"),
    KpiFormula("client_retention", "share", (), _retention, analysis="Facts.clients"),
    KpiFormula("churn_rate", "share", (), lambda d: 1.0 - _retention(d), direction="lower", analysis="Facts.clients"),
    KpiFormula("second_order_rate", "share", (), _second_order, analysis="retention.second_order_conversion"),
    KpiFormula("average_order", "money", (), lambda d: _ratio(_total(d, C.revenue), _total(d, "orders")),
               analysis="profitability.client_pnl"),
    KpiFormula("market_share", "share", ("market",), lambda d: _drill(d, "market_share"),
               analysis="sales_drilldown.drilldown"),
    KpiFormula("share_of_wallet", "share", ("clients.wallet|clients.potential",),
               lambda d: float(share_summary(d.shares)["weighted"]), analysis="share_of_wallet.share_summary"),
    KpiFormula("assortment", "ratio", ("sales.product_id", "products.category"), lambda d: _drill(d, "assortment"),
               analysis="sales_drilldown.drilldown"),
    KpiFormula("a_class_share", "share", (), _a_class, analysis="segmentation.abc"),
    KpiFormula("visits_per_client", "ratio", ("interactions.kind",), _visits, analysis="profitability.client_pnl"),
    KpiFormula("csat", "score", ("surveys.csat",), _csat, analysis="share_of_wallet.latest_answers"),
    KpiFormula("nps", "score", ("surveys.nps",), _nps, analysis="satisfaction.nps_score"),
    KpiFormula("loyalty_participation", "share", ("loyalty",), _participation,
               analysis="loyalty_programme.programme_kpis"),
    KpiFormula("share_at_quota", "share", ("sales.manager|clients.manager", "targets.manager"), _at_quota,
               analysis="incentives.manager_results"),
)
KPI_REGISTRY: dict[str, KpiFormula] = {f.id: f for f in _REG}
"""The KPIs the workbook computes, by formula id. Over the year's window W = [1 January,
min(31 December, as_of)] (and, with a scope, the scope's sales and clients only)::

    revenue                 Σ revenue                                  profitability.client_pnl
    quantity                Σ quantity in the products' one unit       sales_drilldown.drilldown
    gross_margin            Σ (revenue − cost)                         client_pnl
    gross_margin_rate       gross_margin / revenue                     client_pnl
    client_profit           Σ client profit after cost to serve        client_pnl (Kaplan & Narayanan 2001)
    target_products_revenue Σ revenue of products.is_target           drilldown
    target_products_share   target_products_revenue / revenue          drilldown
    new_clients             clients whose first order is in W          retention.new_clients
    active_clients          clients with an order in W                 client_pnl
    client_retention        share of last year's buyers who bought in W
    churn_rate              1 − client_retention                       (lower is better)
    second_order_rate       new clients of W who ordered again / those followed
                                                                       retention.second_order_conversion
    average_order           revenue / orders                           client_pnl
    market_share            revenue / (market potential × fraction)    drilldown
    share_of_wallet         Σ ours / Σ wallet (else potential), 12 months to W's end
                                                                       share_of_wallet.share_summary
    assortment              mean product classes a client bought       drilldown
    a_class_share           share of W's buyers in class A (80/95)     segmentation.abc
    visits_per_client       visits (interactions of kind visit) / buyers   client_pnl
    csat                    mean of each client's latest csat answer in W  share_of_wallet.latest_answers
    nps                     100 × (promoters − detractors) / answers, each respondent's latest
                            0–10 answer dated in W (Reichheld 2003)   satisfaction.nps_score
    loyalty_participation   members among the clients who bought in the 12 months to W's end /
                            those clients                              loyalty_programme.programme_kpis
    share_at_quota          managers whose revenue in W ≥ their yearly revenue target × fraction /
                            managers with a revenue target for the year
                            (Zoltners, Sinha & Lorimer 2006: 60–70 % is healthy)
                                                                       incentives.manager_results

Adding a KPI is one line of ``_REG``: ``KpiFormula(id, unit, needs, compute, flow, direction)``.
"""


# =========================================================================== the values
def _scope_target(tree: KpiTree, kpi: Kpi, scope) -> float | None:
    if scope is None:
        return kpi.target
    by, to = scope
    for s in tree.cascade:
        if s.kpi == kpi.id and s.by == by and s.to == str(to):
            return s.target
    return None


def kpi_values(tree: KpiTree, ds, facts: Facts, *, period=None, scope=None, as_of=None,
               pro_rata: str = "days", tolerance: float = 0.0, data: KpiData | None = None) -> pd.DataFrame:
    """Every KPI of ``tree`` for a year: actual, target, attainment and status, or what data it needs.

    Parameters
    ----------
    tree : KpiTree
        :func:`load_kpi_tree`.
    ds : Dataset
        The canonical tables (``kbcore.load``).
    facts : Facts
        The company's facts.
    period : int or str, optional
        The year (2025 or "2025"); default the tree's ``year``, else the year of the analysis date.
    scope : (str, str), optional
        ``("team", "Ключови клиенти")``, ``("role", "manager")`` or ``("manager", name)``: the
        KPIs on that scope's sales and clients (:func:`scope_people`, :class:`KpiData`) against
        its part of the target (the tree's ``cascade``; no part → status ``no_target``).
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``).
    pro_rata : {"days", "seasonal", "none"}
        How a partial year meets a yearly target of a flow KPI (revenue, quantity, margin, new
        clients): :func:`~kbcore.analyses.sales_drilldown.year_window`.
    tolerance : float
        A KPI is met when attainment ≥ 1 − tolerance (default 0: the target itself).
    data : KpiData, optional
        The shared computations, when the caller has them (the widget changing targets).

    Returns
    -------
    DataFrame
        :data:`VALUE_COLUMNS`, one row per KPI in the tree's order::

            actual          = the registry formula on the window (manual: the tree's actual)
            target_to_date  = target × fraction   for a flow KPI in a partial year
                            = target              otherwise
            attainment      = actual / target_to_date      (higher is better)
                            = target_to_date / actual      (lower is better; NaN when actual ≤ 0)
            status          = needs_data  when data it needs is absent (``needs``: the
                                          ``table.column`` ids, ``"manual"`` for a manual KPI
                                          without its actual, ``"sales.period"`` when the year
                                          has no sales)
                              no_target   when there is no target
                              met         when attainment ≥ 1 − tolerance, else not_met

        ``needs`` is a comma-separated text of ids ("" when none). ``attrs``: ``year``,
        ``window`` (:func:`~kbcore.analyses.sales_drilldown.year_window`), ``scope``,
        ``people`` (the scope's managers), ``missing`` (every id of ``needs``), ``example``.

    Source: Kaplan & Norton (1996), measures with targets; Parmenter (2019), KPI attainment.
    """
    at = facts.as_of if as_of is None else period_bounds(None, as_of)[1]
    year = int(str(period)) if period is not None else (tree.year or at.year)
    people = None
    if scope is not None:
        by, to = scope
        people = scope_people(getattr(ds, "staff", None), by, to)
    d = data if data is not None else KpiData(ds, facts, year, as_of=at, pro_rata=pro_rata, people=people)
    fraction = d.window["fraction"]
    rows = []
    for k in tree.kpis:
        f = KPI_REGISTRY.get(k.formula)
        unit = _unit_of(k)
        needs: list[str] = []
        actual = math.nan
        if f is None:
            if k.actual is None:
                needs.append(MANUAL)
            else:
                actual = float(k.actual)
        else:
            needs = [n for n in f.needs if not d.has(n)] + list(d.missing_scope)
            if not needs and d.empty:
                needs = ["sales.period"]
            if not needs:
                actual = float(f.compute(d))
        target = _scope_target(tree, k, scope)
        flow = f is not None and f.flow
        ttd = math.nan if target is None else float(target) * (fraction if flow else 1.0)
        att = math.nan
        if not needs and not math.isnan(actual) and not math.isnan(ttd):
            if k.direction == "higher":
                att = actual / ttd if ttd > 0 else (math.inf if actual > 0 else math.nan)
            else:
                att = ttd / actual if actual > 0 else (math.inf if ttd >= 0 else math.nan)
        if needs or math.isnan(actual):
            status = "needs_data"
            if not needs:  # the data is there, but not in the chosen year: name the table it comes from
                needs = [_period_need(f)]
        elif target is None:
            status = "no_target"
        elif math.isnan(att):
            status = "not_met"
        else:
            status = "met" if att >= 1.0 - tolerance - 1e-12 else "not_met"
        rows.append({"kpi": k.id, "formula": k.formula, "unit": unit, "direction": k.direction,
                     "owner": k.owner, "goals": ",".join(k.goals), "parent": k.parent,
                     "actual": actual, "target": np.nan if target is None else float(target),
                     "target_to_date": ttd, "attainment": att, "status": status,
                     "needs": ",".join(dict.fromkeys(needs))})
    out = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    out.attrs.update(year=year, window=d.window, scope=scope, people=people, example=tree.example,
                     missing=sorted({n for s in out["needs"] for n in s.split(",") if n}))
    return out


# =========================================================================== the checks
def _finding(rows: list, id_: str, kind: str, severity: str, detail: str = "") -> None:
    rows.append({"id": id_, "kind": kind, "severity": severity, "detail": detail})


def check_tree(tree: KpiTree, values: pd.DataFrame | None = None, *, staff: pd.DataFrame | None = None,
               cascade_tolerance: float = 0.005) -> pd.DataFrame:
    """The findings of a KPI tree: what is missing or inconsistent, as a table.

    Parameters
    ----------
    tree : KpiTree
    values : DataFrame, optional
        :func:`kpi_values`: adds a finding per KPI whose data is missing.
    staff : DataFrame, optional
        The ``staff`` table: a cascade part to a team or role it does not have is dangling.
    cascade_tolerance : float
        The parts of a flow KPI's target (money, count, quantity) by one dimension should add up
        to the target within this share (default 0.5 %).

    Returns
    -------
    DataFrame
        :data:`FINDING_COLUMNS`: ``id`` (the goal, KPI or perspective), ``kind``, ``severity``
        (``error`` or ``warning``), ``detail`` (an id or a number the views quote). Kinds::

            goal_unmeasured     error    a goal that no KPI measures
            kpi_no_goal         error    a KPI that measures no goal (nor drives a KPI that does)
            kpi_no_owner        error    a KPI nobody owns
            kpi_no_target       error    a KPI without a target
            perspective_empty   warning  a balanced-scorecard perspective without a goal
                                         (Kaplan & Norton: a balanced set covers all four)
            unknown_goal        error    a KPI names a goal the tree does not have (detail: it)
            unknown_formula     error    a formula id that is not in the registry (detail: it)
            parent_dangling     error    a KPI's parent is not a KPI of the tree (detail: it)
            cycle               error    a KPI that is its own ancestor through ``parent``
            cascade_dangling    error    a cascade part of an unknown KPI, or to a team / role
                                         the staff table does not have (detail: the part)
            cascade_sum         warning  the parts of a flow KPI's target by one dimension do
                                         not add up to it (detail: the relative difference)
            needs_data          warning  the data cannot compute the KPI (detail: ``needs``)

        In the order of the kinds above, then the tree's order; empty when the tree is clean.

    Source: Kaplan & Norton (1996): every objective with a measure and a target, all four
    perspectives; Parmenter (2019): every measure has an owner.
    """
    rows: list = []
    goal_ids = {g.id for g in tree.goals}
    kpi_ids = [k.id for k in tree.kpis]
    children: dict[str, list[str]] = {}
    for k in tree.kpis:
        if k.parent is not None:
            children.setdefault(k.parent, []).append(k.id)
    measured = {g for k in tree.kpis for g in k.goals}
    for g in tree.goals:
        if g.id not in measured:
            _finding(rows, g.id, "goal_unmeasured", "error")

    def reaches_goal(kid: str, seen: set) -> bool:
        if kid in seen:
            return False
        seen.add(kid)
        k = next((x for x in tree.kpis if x.id == kid), None)
        if k is None:
            return False
        if any(g in goal_ids for g in k.goals):
            return True
        return k.parent is not None and reaches_goal(k.parent, seen)

    for k in tree.kpis:
        if not reaches_goal(k.id, set()):
            _finding(rows, k.id, "kpi_no_goal", "error")
    for k in tree.kpis:
        if not k.owner:
            _finding(rows, k.id, "kpi_no_owner", "error")
    for k in tree.kpis:
        if k.target is None:
            _finding(rows, k.id, "kpi_no_target", "error")
    used = {g.perspective for g in tree.goals}
    for p in PERSPECTIVES:
        if p not in used:
            _finding(rows, p, "perspective_empty", "warning")
    for k in tree.kpis:
        for g in k.goals:
            if g not in goal_ids:
                _finding(rows, k.id, "unknown_goal", "error", g)
    for k in tree.kpis:
        if k.formula != MANUAL and k.formula not in KPI_REGISTRY:
            _finding(rows, k.id, "unknown_formula", "error", k.formula)
    for k in tree.kpis:
        if k.parent is not None and k.parent not in kpi_ids:
            _finding(rows, k.id, "parent_dangling", "error", k.parent)
    parent = {k.id: k.parent for k in tree.kpis}
    for k in tree.kpis:
        node, seen = k.parent, {k.id}
        while node is not None and node in parent:
            if node == k.id:
                _finding(rows, k.id, "cycle", "error")
                break
            if node in seen:
                break
            seen.add(node)
            node = parent[node]
    known = {"team": set(), "role": set()}
    if staff is not None:
        for by in known:
            if by in staff.columns:
                known[by] = set(_ids(staff[by]).dropna())
    for s in tree.cascade:
        bad = s.kpi not in kpi_ids or (staff is not None and s.by in known and _by_missing(known[s.by], s.to))
        if bad:
            _finding(rows, s.kpi, "cascade_dangling", "error", f"{s.by}:{s.to}")
    casc = tree.cascade_frame()
    for k in tree.kpis:
        f = KPI_REGISTRY.get(k.formula)
        flow = (f.flow if f is not None else _unit_of(k) in ("money", "count", "quantity"))
        if k.target is None or not flow or casc.empty:
            continue
        for by, part in casc.loc[casc["kpi"] == k.id].groupby("by", sort=False):
            total = float(part["target"].sum())
            rel = (total - k.target) / k.target if k.target else (math.inf if total else 0.0)
            if abs(rel) > cascade_tolerance:
                _finding(rows, k.id, "cascade_sum", "warning", f"{by}:{rel:+.4f}")
    if values is not None and len(values):
        for _, r in values.loc[values["status"] == "needs_data"].iterrows():
            _finding(rows, r["kpi"], "needs_data", "warning", r["needs"])
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _by_missing(known: set, value: str) -> bool:
    """True when ``value`` is not among the ``known`` names (after stripping spaces)."""
    return str(value).strip() not in known


# =========================================================================== competencies × KPI
RATINGS = ("manager", "self", "min", "mean")


@dataclass(frozen=True)
class CompetencyKpi:
    """The result of :func:`competency_kpi`.

    Attributes
    ----------
    competencies : DataFrame
        One row per competency (question) in the questionnaire's order: ``competency``,
        ``section``, ``self``, ``manager``, ``gap`` (self − manager: > 0 the person rates
        himself higher), ``rating`` (the one used), ``target`` (the level the job needs),
        ``below`` (rating < target), ``kpis`` (the KPIs that need it, ids joined by ",").
    matrix : DataFrame
        Competency × KPI (index: competencies that some KPI needs; columns: the tree's KPIs that
        need one): the rating where the KPI needs the competency, NaN elsewhere.
    kpis : DataFrame
        One row per KPI that needs competencies: ``kpi``, ``competencies`` (how many),
        ``weakest`` (the competency with the lowest rating; ties: the questionnaire's order),
        ``weakest_rating``, ``weakest_target``, ``below`` (how many needed competencies are
        below their target), ``mean_rating``, ``unknown`` (competency ids of the tree that the
        questionnaire does not have, joined by ",").
    rating : str
        Which rating the matrix shows (:data:`RATINGS`).
    """

    competencies: pd.DataFrame
    matrix: pd.DataFrame
    kpis: pd.DataFrame
    rating: str


def competency_kpi(tree: KpiTree, q: Questionnaire, self_answers: pd.DataFrame,
                   manager_answers: pd.DataFrame | None = None, *, rating: str = "manager",
                   default_target: float | None = None) -> CompetencyKpi:
    """The competency × KPI matrix of one person, from a self-rating and the manager's rating.

    Parameters
    ----------
    tree : KpiTree
        Each KPI's ``competencies`` name questions of ``q``.
    q : Questionnaire
        The competency questionnaire (``read_questionnaire("kpi_competencies")``).
    self_answers, manager_answers : DataFrame
        Canonical answers of ``q`` (:func:`~kbcore.analyses.assessment.parse_answers`,
        :func:`~kbcore.analyses.assessment.load_answers`): the person's own rating and the
        manager's rating of the same person. Without the manager's, the self-rating is used.
    rating : {"manager", "self", "min", "mean"}
        The rating the matrix and the weakest competency use: the manager's (default — self
        ratings run higher than the supervisor's on average, Harris & Schaubroeck 1988; the
        self-rating where the manager left a competency unrated), the self-rating, the lower or
        the mean of the two.
    default_target : float, optional
        The level needed where a question has no ``target`` (default the questionnaire's
        ``gap_below``).

    Returns
    -------
    CompetencyKpi
        With ``s`` = self, ``m`` = manager::

            gap          = s − m                               (NaN when either is missing)
            rating       = m (else s) | s | min(s, m) | (s + m) / 2
            below        = rating < target
            weakest(KPI) = argmin over the KPI's competencies of rating

    Source: Spencer & Spencer (1993) for the competency model; Harris & Schaubroeck (1988) for
    self against supervisor ratings; the matrix is our reading of Kaplan & Norton's (1996)
    learning-and-growth link between people's capabilities and the measures they drive.
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
    frame = q.frame()
    qids = frame["question_id"].tolist()

    def col(ans):
        if ans is None:
            return pd.Series(np.nan, index=qids)
        return ans.set_index("question_id")["answer"].reindex(qids).astype("float64")

    s, m = col(self_answers), col(manager_answers)
    if rating == "manager":
        r = m.fillna(s)
    elif rating == "self":
        r = s
    elif rating == "min":
        r = pd.concat([s, m], axis=1).min(axis=1, skipna=True)
    else:
        r = pd.concat([s, m], axis=1).mean(axis=1, skipna=True)
    base = q.gap_below if default_target is None else float(default_target)
    target = frame.set_index("question_id")["fixed_target"].fillna(base)
    need_by: dict[str, list[str]] = {c: [] for c in qids}
    unknown: dict[str, list[str]] = {}
    for k in tree.kpis:
        for c in k.competencies:
            if c in need_by:
                need_by[c].append(k.id)
            else:
                unknown.setdefault(k.id, []).append(c)
    comp = pd.DataFrame({
        "competency": qids, "section": frame["section"].to_numpy(), "self": s.to_numpy(),
        "manager": m.to_numpy(), "gap": (s - m).to_numpy(), "rating": r.to_numpy(),
        "target": target.reindex(qids).to_numpy(dtype="float64"),
    })
    comp["below"] = (comp["rating"] < comp["target"]).to_numpy(bool)
    comp["kpis"] = [",".join(need_by[c]) for c in qids]
    needed = [c for c in qids if need_by[c]]
    kcols = [k.id for k in tree.kpis if any(c in need_by for c in k.competencies)]
    matrix = pd.DataFrame(np.nan, index=pd.Index(needed, name="competency"), columns=kcols, dtype="float64")
    for c in needed:
        for kid in need_by[c]:
            matrix.loc[c, kid] = r[c]
    krows = []
    order = {c: i for i, c in enumerate(qids)}
    for k in tree.kpis:
        mine = [c for c in k.competencies if c in need_by]
        if not mine and k.id not in unknown:
            continue
        rated = [(r[c], order[c], c) for c in mine if pd.notna(r[c])]
        weakest = min(rated)[2] if rated else None
        krows.append({"kpi": k.id, "competencies": len(mine), "weakest": weakest,
                      "weakest_rating": r[weakest] if weakest else np.nan,
                      "weakest_target": float(target[weakest]) if weakest else np.nan,
                      "below": int(sum(1 for c in mine if pd.notna(r[c]) and r[c] < target[c])),
                      "mean_rating": float(np.mean([x[0] for x in rated])) if rated else np.nan,
                      "unknown": ",".join(unknown.get(k.id, []))})
    kpis = pd.DataFrame(krows, columns=["kpi", "competencies", "weakest", "weakest_rating", "weakest_target",
                                        "below", "mean_rating", "unknown"])
    return CompetencyKpi(competencies=comp, matrix=matrix, kpis=kpis, rating=rating)
