"""Views of topic 10 (program 004): the KPI tree, its findings and the competency × KPI matrix in words.

The analysis (:mod:`kbcore.analyses.kpi_tree`) returns numbers and ids; here they become tables
with headers from the catalogue (``kpi_tree.*``), values formatted by their unit (money through
``fmt_money`` with the company's currency, shares through ``fmt_pct``), findings as sentences,
and the topic's key figures. A KPI the data cannot compute is written as missing with what it
needs, never as a number; the example tree and example ratings say that they are examples.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.analyses.assessment import Questionnaire
from kbcore.analyses.kpi_tree import PERSPECTIVES, CompetencyKpi, KpiTree, _depths, _unit_of
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.views.figures import MISSING_MARK, Figure, example, missing

__all__ = [
    "kpi_label",
    "owner_label",
    "goal_label",
    "need_text",
    "value_text",
    "status_text",
    "tree_table",
    "values_note",
    "findings_table",
    "cascade_table",
    "findings_text",
    "competency_table",
    "matrix_table",
    "weakest_table",
    "kpi_tree_figures",
]


def kpi_label(tree: KpiTree, kpi_id: str, lang: str = "en") -> str:
    """A KPI's name: its own label, else the registry formula's name, else its id."""
    try:
        k = tree.kpi(kpi_id)
    except KeyError:
        return str(kpi_id)
    if k.label is not None:
        return k.label[lang]
    key = f"kpi_tree.formula.{k.formula}"
    return t(key, lang) if key in catalogue() else k.id


def owner_label(owner, lang: str = "en") -> str:
    """An owner in words: a role of the catalogue (``head_of_sales``) or the name as written."""
    if owner is None or (isinstance(owner, float) and math.isnan(owner)) or not str(owner).strip():
        return t("kpi_tree.owner.none", lang)
    key = f"kpi_tree.owner.{owner}"
    return t(key, lang) if key in catalogue() else str(owner)


def goal_label(tree: KpiTree, goal_id: str, lang: str = "en") -> str:
    """A goal's text (its id when the tree has no such goal)."""
    try:
        return tree.goal(goal_id).text[lang]
    except KeyError:
        return str(goal_id)


def need_text(needs: str, lang: str = "en") -> str:
    """What a KPI needs, in words: ``"sales.cost,market"`` → "the cost …; the market file …"."""
    words = []
    for need in (x.strip() for x in str(needs or "").split(",")):
        if not need:
            continue
        key = f"kpi_tree.need.{need}"
        words.append(t(key, lang) if key in catalogue() else t("kpi_tree.need.other", lang, id=need))
    return "; ".join(dict.fromkeys(words))


def value_text(value, unit: str | None, lang: str = "en", *, currency: str = "EUR") -> str:
    """A KPI value formatted by its unit (money, share, count, quantity, ratio, score); "—" for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING_MARK
    if unit == "money":
        return fmt_money(value, lang, currency=currency)
    if unit == "share":
        return fmt_pct(value, lang, 1)
    if unit in ("count", "quantity"):
        return fmt_number(value, lang, 0)
    return fmt_number(value, lang, 2)


def status_text(status: str, lang: str = "en") -> str:
    """A status with its mark: "✔ met", "? needs data"."""
    return f"{t(f'kpi_tree.mark.{status}', lang)} {t(f'kpi_tree.status.{status}', lang)}"


def _frame(columns: dict[str, list], lang: str) -> pd.DataFrame:
    return pd.DataFrame({t(f"kpi_tree.col.{k}", lang): pd.array(v, dtype="string") for k, v in columns.items()})


def tree_table(tree: KpiTree, values: pd.DataFrame, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The tree as an indented table: each perspective's goals, under each goal its KPIs.

    A KPI is indented by its depth in the tree (a KPI that drives another is one step deeper);
    its actual, target, attainment and status (with a mark) follow; a KPI the data cannot
    compute shows what it needs. A goal without a KPI says so; the KPIs that measure no goal
    come last.
    """
    vals = values.set_index("kpi")
    depth = _depths(tree)
    cols: dict[str, list] = {k: [] for k in ("perspective", "item", "owner", "actual", "target", "attainment",
                                             "status")}

    def add(perspective, item, owner="", actual="", target="", attainment="", status=""):
        for key, v in zip(cols, (perspective, item, owner, actual, target, attainment, status), strict=True):
            cols[key].append(v)

    def add_kpi(kid: str, level: int) -> None:
        k = tree.kpi(kid)
        r = vals.loc[kid] if kid in vals.index else None
        d = depth.get(kid, 0.0)
        indent = "    " * (level + (0 if math.isnan(d) else int(d)))
        unit = None if r is None else r["unit"]
        if r is not None and r["status"] == "needs_data":
            actual = missing_text(r["needs"], lang)
        else:
            actual = value_text(None if r is None else r["actual"], unit, lang, currency=currency)
        target = value_text(None if r is None else r["target"], unit, lang, currency=currency)
        att = "" if r is None or pd.isna(r["attainment"]) or math.isinf(r["attainment"]) else fmt_pct(
            r["attainment"], lang, 0)
        add("", indent + kpi_label(tree, kid, lang), owner_label(k.owner, lang), actual, target, att,
            "" if r is None else status_text(r["status"], lang))

    for p in PERSPECTIVES:
        goals = [g for g in tree.goals if g.perspective == p]
        for i, g in enumerate(goals):
            add(t(f"kpi_tree.perspective.{p}", lang) if i == 0 else "", g.text[lang])
            kids = [k.id for k in tree.kpis if g.id in k.goals]
            if not kids:
                add("", "    " + t("kpi_tree.unmeasured", lang))
            for kid in kids:
                add_kpi(kid, 1)
    loose = [k.id for k in tree.kpis if not any(g in {x.id for x in tree.goals} for g in k.goals)]
    if loose:
        add("", t("kpi_tree.no_goal", lang))
        for kid in loose:
            add_kpi(kid, 1)
    return _frame(cols, lang)


def missing_text(needs: str, lang: str = "en") -> str:
    """"— (no data: needs …)" for a KPI the data cannot compute."""
    return t("kf.missing", lang, mark=MISSING_MARK, what=need_text(needs, lang))


def values_note(tree: KpiTree, values: pd.DataFrame, lang: str = "en") -> list[str]:
    """The notes under the tree: an example tree, a partial year, a scope."""
    notes = []
    if tree.example:
        notes.append(t("kpi_tree.example_note", lang))
    w = values.attrs.get("window")
    if w and w.get("partial") and w.get("days", 0) > 0:
        notes.append(t("kpi_tree.partial_note", lang, year=w["year"], date=fmt_date(w["end"], lang),
                       share=fmt_pct(w["fraction"], lang, 0)))
    scope = values.attrs.get("scope")
    if scope:
        notes.append(t("kpi_tree.scope_note", lang, by=t(f"kpi_tree.by.{scope[0]}", lang), name=scope[1]))
    return notes


def cascade_table(tree: KpiTree, lang: str = "en", *, currency: str = "EUR") -> pd.DataFrame:
    """The cascade of the targets as a table: one row per part of a KPI's target.

    Per part: the KPI, who it goes to (team, role or manager), its target and its share of the
    KPI's target (for a flow KPI only: money, a count, a quantity).
    """
    casc = tree.cascade_frame()
    rows: dict[str, list] = {k: [] for k in ("kpi", "to", "target", "share")}
    for _, r in casc.iterrows():
        k = tree.kpi(r["kpi"])
        unit = _unit_of(k)
        rows["kpi"].append(kpi_label(tree, k.id, lang))
        rows["to"].append(f"{t(f'kpi_tree.by.{r.by}', lang)}: {r.to}")
        rows["target"].append(value_text(r["target"], unit, lang, currency=currency))
        flow = unit in ("money", "count", "quantity") and k.target
        rows["share"].append(fmt_pct(r["target"] / k.target, lang, 0) if flow else "")
    return _frame(rows, lang)


def _finding_name(tree: KpiTree, row, lang: str) -> str:
    if row["kind"] == "goal_unmeasured":
        return goal_label(tree, row["id"], lang)
    if row["kind"] == "perspective_empty":
        return t(f"kpi_tree.perspective.{row['id']}", lang)
    return kpi_label(tree, row["id"], lang)


def _finding_sentence(tree: KpiTree, row, lang: str) -> str:
    name = _finding_name(tree, row, lang)
    kind, detail = row["kind"], str(row["detail"] or "")
    if kind == "cascade_sum":
        by, _, rel = detail.partition(":")
        return t("kpi_tree.finding.cascade_sum", lang, name=name, by=t(f"kpi_tree.by.{by}", lang),
                 diff=fmt_pct(float(rel), lang, 1))
    if kind == "cascade_dangling":
        by, _, to = detail.partition(":")
        detail = f"{t(f'kpi_tree.by.{by}', lang)} {to}" if f"kpi_tree.by.{by}" in catalogue() else detail
    if kind == "needs_data":
        detail = need_text(detail, lang)
    return t(f"kpi_tree.finding.{kind}", lang, name=name, detail=detail)


def findings_table(tree: KpiTree, findings: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The findings of :func:`~kbcore.analyses.kpi_tree.check_tree` as sentences with their severity."""
    return _frame({"severity": [t(f"kpi_tree.severity.{s}", lang) for s in findings["severity"]],
                   "finding": [_finding_sentence(tree, r, lang) for _, r in findings.iterrows()]}, lang)


def findings_text(tree: KpiTree, findings: pd.DataFrame, lang: str = "en") -> list[str]:
    """The findings as a list of sentences; one sentence of praise when there is none."""
    if findings.empty:
        return [t("kpi_tree.finding.none", lang)]
    return [_finding_sentence(tree, r, lang) for _, r in findings.iterrows()]


def _rating(value, lang: str) -> str:
    return MISSING_MARK if pd.isna(value) else fmt_number(value, lang, 1 if float(value) % 1 else 0)


def competency_table(q: Questionnaire, ck: CompetencyKpi, tree: KpiTree, lang: str = "en") -> pd.DataFrame:
    """Per competency: self-rating, the manager's, their difference, the level needed, the KPIs that need it."""
    c = ck.competencies
    return _frame({
        "competency": [q.question(x).text[lang] for x in c["competency"]],
        "self": [_rating(v, lang) for v in c["self"]],
        "manager": [_rating(v, lang) for v in c["manager"]],
        "gap": [MISSING_MARK if pd.isna(v) else fmt_number(v, lang, 0) if v <= 0 else f"+{fmt_number(v, lang, 0)}"
                for v in c["gap"]],
        "level": [_rating(v, lang) for v in c["target"]],
        "kpis": [", ".join(kpi_label(tree, k, lang) for k in s.split(",") if k) for s in c["kpis"]],
    }, lang)


def matrix_table(q: Questionnaire, ck: CompetencyKpi, tree: KpiTree, lang: str = "en") -> pd.DataFrame:
    """The competency × KPI matrix: competencies down, KPIs across, the rating where the KPI needs it."""
    m = ck.matrix
    out = pd.DataFrame({t("kpi_tree.col.competency", lang): [q.question(c).text[lang].split(":")[0] for c in m.index]})
    for kid in m.columns:
        out[kpi_label(tree, kid, lang)] = ["" if pd.isna(v) else _rating(v, lang) for v in m[kid]]
    return out.astype("string")


def weakest_table(q: Questionnaire, ck: CompetencyKpi, tree: KpiTree, lang: str = "en") -> pd.DataFrame:
    """Per KPI: the weakest competency it needs, its rating and whether it is below the level needed."""
    k = ck.kpis
    weakest = ["" if not isinstance(w, str) else q.question(w).text[lang].split(":")[0] for w in k["weakest"]]
    state = ["" if pd.isna(r) else t("kpi_tree.below" if r < lv else "kpi_tree.ok", lang)
             for r, lv in zip(k["weakest_rating"], k["weakest_target"], strict=True)]
    return _frame({"kpi": [kpi_label(tree, x, lang) for x in k["kpi"]], "weakest": weakest,
                   "rating": [_rating(v, lang) for v in k["weakest_rating"]],
                   "level": [_rating(v, lang) for v in k["weakest_target"]], "status": state}, lang)


def kpi_tree_figures(tree: KpiTree, values: pd.DataFrame, findings: pd.DataFrame, lang: str = "en",
                     *, ck: CompetencyKpi | None = None, q: Questionnaire | None = None) -> list[Figure]:
    """The topic's key figures: KPIs in the tree, met, not met, the data cannot compute, findings to fix.

    With the competency matrix: the competency below its level that most KPIs need. Figures of
    an example tree are labelled as examples.
    """
    def label(key):
        text = t(key, lang)
        return example(text, lang) if tree.example else text

    counts = values["status"].value_counts()
    rows = [Figure(label("kpi_tree.fig.kpis"), tn("kpi_tree.count.kpis", len(values), lang)),
            Figure(label("kpi_tree.fig.met"), tn("kpi_tree.count.kpis", int(counts.get("met", 0)), lang)),
            Figure(label("kpi_tree.fig.not_met"), tn("kpi_tree.count.kpis", int(counts.get("not_met", 0)), lang)),
            Figure(label("kpi_tree.fig.needs_data"),
                   tn("kpi_tree.count.kpis", int(counts.get("needs_data", 0)), lang)),
            Figure(label("kpi_tree.fig.errors"), fmt_number(int((findings["severity"] == "error").sum()), lang))]
    if ck is not None and q is not None:
        c = ck.competencies
        below = c.loc[c["below"] & (c["kpis"] != "")]
        if below.empty:
            value = t("kpi_tree.fig.none", lang)
        else:
            n = below["kpis"].str.count(",") + 1
            top = below.loc[n.idxmax()]
            value = f"{q.question(top['competency']).text[lang].split(':')[0]} ({tn('kpi_tree.count.kpis', int(n.max()), lang)})"
        rows.append(Figure(label("kpi_tree.fig.weakest"), value))
    if values.attrs.get("missing") and counts.get("needs_data", 0) == len(values):
        rows[1] = Figure(rows[1].label, missing("kpi_tree.need.sales.period", lang), "sales")
    return rows
