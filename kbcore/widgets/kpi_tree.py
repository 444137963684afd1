"""Topic 10 widget (program 004): a year, a team or role, and a KPI's target that redraw the tree."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.kpi_tree import (
    KpiData,
    KpiTree,
    check_tree,
    kpi_values,
    scope_people,
    with_target,
)
from kbcore.charts.kpi_tree import plot_tree
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.kpi_tree import findings_text, kpi_label, tree_table, values_note

__all__ = ["tree_explorer"]


def tree_explorer(tree: KpiTree, ds, facts: Facts, *, years=None, year=None, currency: str = "EUR",
                  lang: str = "en") -> widgets.VBox:
    """The KPI tree for a chosen year and team or role, with one KPI's target to edit.

    A drop-down chooses the year, another the scope (the whole company, or a team or role of the
    ``staff`` table: its sales and clients only, against its part of the cascade), a third a KPI
    and a number box its target: every change recomputes the values (the shared computations of
    a year and scope are kept, so a new target only re-reads them) and redraws the indented table
    (:func:`~kbcore.views.kpi_tree.tree_table`), the findings and the diagram.

    Returns
    -------
    VBox
        With ``box.year``, ``box.scope``, ``box.kpi``, ``box.target`` (controls), ``box.table``
        (HTML), ``box.notes`` (HTML), ``box.chart`` (Output) and ``box.current`` (the latest
        :func:`~kbcore.analyses.kpi_tree.kpi_values`), for tests and trainers.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="420px")
    if years is None:
        first, last = facts.first_day(), facts.as_of
        years = list(range(first.year, last.year + 1)) if first is not None else [tree.year or last.year]
    start = year or tree.year or years[-1]
    year_box = widgets.Dropdown(options=years, value=start if start in years else years[-1],
                                description=t("kpi_tree.widget.year", lang), style=style, layout=layout)
    scopes = [(t("kpi_tree.widget.company", lang), None)]
    staff = getattr(ds, "staff", None)
    for by in ("team", "role"):
        if staff is not None and by in staff.columns:
            for v in sorted(staff[by].dropna().astype(str).unique()):
                scopes.append((f"{t(f'kpi_tree.by.{by}', lang)}: {v}", (by, v)))
    scope_box = widgets.Dropdown(options=scopes, value=None, description=t("kpi_tree.widget.scope", lang),
                                 style=style, layout=layout)
    kpi_box = widgets.Dropdown(options=[(kpi_label(tree, k.id, lang), k.id) for k in tree.kpis],
                               description=t("kpi_tree.widget.kpi", lang), style=style, layout=layout)
    target_box = widgets.FloatText(description=t("kpi_tree.widget.target", lang), style=style, layout=layout)
    table, notes, chart = widgets.HTML(), widgets.HTML(), widgets.Output()
    state = {"tree": tree, "data": {}}

    def data_for(y, scope):
        key = (y, scope)
        if key not in state["data"]:
            people = None if scope is None else scope_people(staff, *scope)
            state["data"][key] = KpiData(ds, facts, y, people=people)
        return state["data"][key]

    def show_target(_change=None):
        k = state["tree"].kpi(kpi_box.value)
        target_box.unobserve(edit, names="value")
        target_box.value = 0.0 if k.target is None else float(k.target)
        target_box.observe(edit, names="value")

    def redraw(_change=None):
        cur = state["tree"]
        vals = kpi_values(cur, ds, facts, period=year_box.value, scope=scope_box.value,
                          data=data_for(year_box.value, scope_box.value))
        findings = check_tree(cur, vals, staff=staff)
        table.value = tree_table(cur, vals, lang, currency=currency).to_html(index=False, escape=True)
        notes.value = "".join(f"<p>{html.escape(line)}</p>"
                              for line in values_note(cur, vals, lang) + findings_text(cur, findings, lang))
        chart.clear_output(wait=True)
        with chart:
            fig, ax = plt.subplots(figsize=(11, 6))
            plot_tree(cur, vals, lang=lang, ax=ax)
            plt.show()
        box.current = vals

    def edit(_change=None):
        state["tree"] = with_target(state["tree"], kpi_box.value, float(target_box.value))
        redraw()

    year_box.observe(redraw, names="value")
    scope_box.observe(redraw, names="value")
    kpi_box.observe(show_target, names="value")
    target_box.observe(edit, names="value")
    box = widgets.VBox([year_box, scope_box, kpi_box, target_box, notes, table, chart])
    box.year, box.scope, box.kpi, box.target = year_box, scope_box, kpi_box, target_box
    box.table, box.notes, box.chart = table, notes, chart
    box.current = None
    box.tree = lambda: state["tree"]
    show_target()
    redraw()
    return box
