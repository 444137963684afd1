"""Program 004, topic 3 widget: the drill-down by level and period pair.

Level: business line → class → territory → client; shown: the revenue bridge, actual against
target and the top clients.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import HTML, display

from kbcore.analyses.sales_drilldown import (
    KPIS,
    LEVELS,
    annotate_lines,
    drilldown,
    period_pair,
    target_bridge,
    target_table,
    top_contributors,
    variance_bridge,
    variance_clients,
)
from kbcore.charts.sales_drilldown import plot_bridge, plot_contributors, plot_targets
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.sales_drilldown import (
    bridge_notes,
    client_names,
    contributors_table,
    drilldown_notes,
    drilldown_table,
    effect_label,
    item_label,
    kpi_label,
    level_label,
)

__all__ = ["drilldown_explorer"]

PAIRS = ("ytd", "year", "target")
"""The period pairs offered: year to date against a year before, last full year against the year
before, actual against target."""
CLIENT_EFFECTS = ("change", "volume", "mix", "price", "new", "lost")


def drilldown_explorer(facts: Facts, products=None, clients=None, market=None, targets=None, *,
                       year: int | None = None, level: str = C.business_line, pair: str = "ytd",
                       pro_rata: str = "days", top: int = 10, same_unit: bool = False,
                       lang: str = "en", currency: str = "EUR") -> widgets.VBox:
    """A level selector, the path above it, a period pair: the drill-down redrawn on each change.

    ``facts`` is the notebook's :class:`~kbcore.facts.Facts`; the lines are annotated once
    (:func:`~kbcore.analyses.sales_drilldown.annotate_lines`) and every change recomputes from
    them. Shown: the notes, the items of the level (class A clients first), the bridge of the
    path's turnover (or of actual against target), actual against target for the chosen goal,
    and the clients who explain most of the chosen part.

    Returns
    -------
    VBox
        With ``box.level``, ``box.path`` (dict of the three path selectors ``business_line``,
        ``category``, ``region``), ``box.pair``, ``box.kpi``, ``box.effect``, ``box.output`` and
        the last results ``box.drill``, ``box.bridge``, ``box.top`` exposed for tests.
    """
    lines = annotate_lines(facts, products, clients, same_unit=same_unit)
    names = client_names(clients)
    style = {"description_width": "initial"}
    all_ = t("sales_drilldown.all", lang)

    def options(col, frame=lines):
        values = sorted(set(frame[col].dropna().astype(str)))
        return [(all_, None)] + [(item_label(v, lang), v) for v in values]

    level_w = widgets.Dropdown(options=[(level_label(x, lang), x) for x in LEVELS], value=level,
                               description=t("sales_drilldown.widget.level", lang), style=style)
    path_w = {dim: widgets.Dropdown(options=options(dim), value=None,
                                    description=level_label(dim, lang), style=style)
              for dim in (C.business_line, C.category, C.region)}
    pair_w = widgets.Dropdown(options=[(t(f"sales_drilldown.widget.pair.{p}", lang), p) for p in PAIRS],
                              value=pair, description=t("sales_drilldown.widget.periods", lang),
                              style=style)
    kpi_w = widgets.Dropdown(options=[(kpi_label(k, lang), k) for k in KPIS], value="revenue",
                             description=t("sales_drilldown.widget.kpi", lang), style=style)
    effect_w = widgets.Dropdown(options=[(effect_label(e, lang), e) for e in CLIENT_EFFECTS],
                                value="change", description=t("sales_drilldown.widget.effect", lang),
                                style=style)
    out = widgets.Output()
    busy = {"on": False}

    def path():
        chosen = {d: w.value for d, w in path_w.items() if w.value is not None}
        return {d: v for d, v in chosen.items() if d != level_w.value}

    def refresh_classes():
        line = path_w[C.business_line].value
        frame = lines if line is None else lines.loc[lines[C.business_line] == line]
        busy["on"] = True
        keep = path_w[C.category].value
        path_w[C.category].options = options(C.category, frame)
        path_w[C.category].value = keep if keep in frame[C.category].values else None
        busy["on"] = False

    def redraw(_change=None):
        if busy["on"]:
            return
        lvl, p = level_w.value, path()
        drill = drilldown(facts, products, clients, market, targets, year=year, level=lvl, path=p,
                          pro_rata=pro_rata, same_unit=same_unit, lines=lines)
        long = target_table(drill)
        if pair_w.value == "target":
            bridge = target_bridge(drill)
            top_table = None
        else:
            p0, p1 = period_pair(facts, pair_w.value)
            bridge = variance_bridge(facts, level="company", path=p, period0=p0, period1=p1,
                                     lines=lines)
            contrib = variance_clients(facts, path=p, period0=p0, period1=p1, lines=lines)
            top_table = top_contributors(contrib, effect_w.value, top) if len(contrib) else None
        out.clear_output(wait=True)
        with out:
            for note in drilldown_notes(drill, lang) + (
                    [] if pair_w.value == "target" else bridge_notes(bridge, lang)):
                display(HTML(f"<p>{note}</p>"))
            display(drilldown_table(drill, lang, currency=currency, names=names, max_rows=20))
            fig, axes = plt.subplots(1, 2, figsize=(16, 5.5))
            if pair_w.value == "target" and not bridge.attrs.get("items"):
                axes[0].text(0.5, 0.5, t("sales_drilldown.widget.no_targets", lang), ha="center",
                             va="center", wrap=True, transform=axes[0].transAxes)
                axes[0].set_axis_off()
            else:
                plot_bridge(bridge, lang=lang, ax=axes[0], currency=currency,
                            against_target=pair_w.value == "target")
            plot_targets(long, kpi=kpi_w.value, lang=lang, ax=axes[1], currency=currency,
                         names=names)
            plt.show()
            if top_table is not None and len(top_table):
                fig, ax = plt.subplots()
                plot_contributors(top_table, lang=lang, ax=ax, currency=currency, names=names)
                plt.show()
                display(contributors_table(top_table, lang, currency=currency, names=names))
        box.drill, box.bridge, box.top = drill, bridge, top_table

    path_w[C.business_line].observe(lambda _c: (refresh_classes(), redraw()), names="value")
    for w in (level_w, path_w[C.category], path_w[C.region], pair_w, kpi_w, effect_w):
        w.observe(redraw, names="value")
    box = widgets.VBox([level_w, *path_w.values(), pair_w, kpi_w, effect_w, out])
    box.level, box.path, box.pair, box.kpi, box.effect, box.output = (
        level_w, path_w, pair_w, kpi_w, effect_w, out)
    box.drill = box.bridge = box.top = None
    redraw()
    return box
