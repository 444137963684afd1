"""Block 2 widgets.

Pick two dates to see the stages and the moves between them; move the stage rules and see the stage
counts change.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from kbcore.analyses.lifecycle import (
    DEFAULT_RULES,
    StageRules,
    client_stages,
    stage_counts,
    transition_matrix,
)
from kbcore.charts.lifecycle import plot_stage_counts, plot_transition_matrix
from kbcore.facts import Facts
from kbcore.i18n import fmt_date, fmt_number, fmt_pct, t, tn

__all__ = ["stage_explorer", "rules_explorer"]


def _bold_count(key: str, n: int, lang: str) -> str:
    """The count phrase of catalogue id ``key`` for ``n`` (agreeing with it), its number bold."""
    number = fmt_number(n, lang)
    return tn(key, n, lang).replace(number, f"<b>{number}</b>", 1)


def stage_explorer(history: pd.DataFrame, *, lang: str = "en") -> widgets.VBox:
    """Two date dropdowns over a stage history.

    The stage counts at the later date and the transition matrix from the earlier one.

    Parameters
    ----------
    history : DataFrame
        :func:`kbcore.analyses.lifecycle.stage_history` (computed once; the widget only picks).

    Returns the box; ``box.dropdowns`` ({"from": …, "to": …}), ``box.output`` and
    ``box.current`` (the last transition matrix, or None when the dates are not in order)
    are exposed for tests and trainers.
    """
    dates = sorted(pd.Timestamp(d) for d in history["as_of"].unique())
    options = [(fmt_date(d, lang), d) for d in dates]
    style = {"description_width": "initial"}
    first = dates[-2] if len(dates) > 1 else (dates[0] if dates else None)
    last = dates[-1] if dates else None
    dropdowns = {
        "from": widgets.Dropdown(options=options, value=first, style=style,
                                 description=t("widget.lc.from", lang)),
        "to": widgets.Dropdown(options=options, value=last, style=style,
                               description=t("widget.lc.to", lang)),
    }
    note = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        a, b = dropdowns["from"].value, dropdowns["to"].value
        out.clear_output(wait=True)
        box.current = None
        if a is None or b is None:
            note.value = ""
            return
        if a > b:
            note.value = t("widget.lc.order", lang)
            return
        before = history.loc[history["as_of"] == a]
        after = history.loc[history["as_of"] == b]
        matrix = transition_matrix(before, after)
        counts = stage_counts(after)
        counts.attrs["as_of"] = b
        stayed = sum(int(matrix.loc[s, s]) for s in matrix.columns)
        note.value = tn("widget.lc.summary", int(matrix.loc["prospect"].sum()), lang,
                        clients=_bold_count("lc.n.clients_gen", len(before), lang),
                        stayed=_bold_count("lc.n.clients_gen", stayed, lang))
        with out:
            fig, axes = plt.subplots(1, 2, figsize=(17, 6), width_ratios=[1, 1.5])
            plot_stage_counts(counts, lang=lang, ax=axes[0])
            plot_transition_matrix(matrix, lang=lang, ax=axes[1])
            fig.tight_layout()
            plt.show()
        box.current = matrix

    for d in dropdowns.values():
        d.observe(redraw, names="value")
    box = widgets.VBox([widgets.HBox(list(dropdowns.values())), note, out])
    box.dropdowns = dropdowns
    box.output = out
    box.note = note
    box.current = None
    redraw()
    return box


def rules_explorer(facts: Facts, clients: pd.DataFrame | None = None, *, as_of=None,
                   rules: StageRules = DEFAULT_RULES, lang: str = "en") -> widgets.VBox:
    """Sliders for the main stage rules that recompute the stages and redraw the counts.

    The stages are those at ``as_of`` (default ``facts.as_of``).

    A slider move re-applies the rules to the facts' orders and revenue windows (kept by
    ``facts``): the sales lines are not reduced again.

    Returns the box; ``box.sliders`` (a dict by :class:`StageRules` field), ``box.output``,
    ``box.summary`` and ``box.current`` (the last :func:`client_stages` table) are exposed.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")

    def slider(kind, name, lo, hi, step, fmt=None):
        cls = widgets.IntSlider if kind == "int" else widgets.FloatSlider
        kwargs = {"readout_format": fmt} if fmt else {}
        return cls(value=getattr(rules, name), min=lo, max=hi, step=step, style=style,
                   layout=layout, continuous_update=False,
                   description=t(f"widget.lc.{name}", lang), **kwargs)

    sliders = {
        "new_days": slider("int", "new_days", 30, 365, 15),
        "lost_days": slider("int", "lost_days", 90, 730, 15),
        "at_risk_factor": slider("float", "at_risk_factor", 1.0, 6.0, 0.5, ".1f"),
        "decline_ratio": slider("float", "decline_ratio", 0.0, 1.0, 0.05, ".0%"),
        "regular_orders": slider("int", "regular_orders", 1, 24, 1),
    }
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        current = replace(rules, **{k: s.value for k, s in sliders.items()})
        stages = client_stages(facts, clients, as_of=as_of, rules=current)
        counts = stage_counts(stages)
        if len(stages):
            counts.attrs["as_of"] = stages["as_of"].iloc[0]
        row = counts.set_index("stage")
        summary.value = t("widget.lc.rules_summary", lang,
                          declining=tn("widget.lc.declining_n",
                                       int(row.loc["declining", "clients"]), lang),
                          declining_rev=fmt_pct(row.loc["declining", "revenue_share"], lang),
                          lost=tn("widget.lc.lost_n", int(row.loc["lost", "clients"]), lang))
        out.clear_output(wait=True)
        with out:
            plot_stage_counts(counts, lang=lang)
            plt.show()
        box.current = stages

    for s in sliders.values():
        s.observe(redraw, names="value")
    box = widgets.VBox([*sliders.values(), summary, out])
    box.sliders = sliders
    box.summary = summary
    box.output = out
    box.current = None
    redraw()
    return box
