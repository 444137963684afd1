"""Topic 5 widget (program 004): a target share and a segment that redraw the growth plan."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from kbcore.analyses.share_of_wallet import UNKNOWN, growth_plan
from kbcore.i18n import t
from kbcore.views.share_of_wallet import growth_table, growth_text

__all__ = ["growth_explorer"]


def growth_explorer(shares: pd.DataFrame, *, target_share: float = 0.4, peers: bool = True,
                    quantile: float = 0.75, min_peers: int = 5, currency: str = "EUR", top: int = 15,
                    lang: str = "en") -> widgets.VBox:
    """The growth plan under a target share and a segment the user picks.

    A slider sets one target share for every client (used when the "comparable clients" box is
    unticked; ticked, each client's target is the ``quantile`` of its segment's shares, as in
    :func:`~kbcore.analyses.share_of_wallet.growth_plan`), a drop-down keeps one segment or all.
    Every change recomputes the plan on the same ``shares`` (nothing is read again) and shows its
    sum (:func:`~kbcore.views.share_of_wallet.growth_text`) and its first ``top`` rows
    (:func:`~kbcore.views.share_of_wallet.growth_table`).

    Parameters
    ----------
    shares : DataFrame
        :func:`~kbcore.analyses.share_of_wallet.client_shares` of the notebook's facts.
    target_share, peers, quantile, min_peers
        The starting values (the notebook's parameters).
    currency : str
        The currency of the money (EUR for the Bulgarian company).

    Returns
    -------
    VBox
        With ``box.target`` (slider), ``box.peers`` (checkbox), ``box.segment`` (drop-down),
        ``box.summary`` (HTML line), ``box.table`` (HTML table) and ``box.current`` (the latest
        plan), for tests and trainers.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    target = widgets.FloatSlider(value=float(target_share), min=0.05, max=1.0, step=0.05,
                                 description=t("share_of_wallet.widget.target", lang), style=style,
                                 layout=layout, continuous_update=False, readout_format=".0%")
    use_peers = widgets.Checkbox(value=bool(peers), description=t("share_of_wallet.widget.peers", lang),
                                 style=style, layout=layout)
    segments = sorted(s for s in shares.loc[shares["share"].notna(), "segment"].dropna().unique())
    options = [(t("share_of_wallet.widget.all", lang), None)] + [
        (t("share_of_wallet.widget.unknown", lang) if s == UNKNOWN else str(s), str(s)) for s in segments]
    segment = widgets.Dropdown(options=options, value=None, description=t("share_of_wallet.widget.segment", lang),
                               style=style, layout=layout)
    summary = widgets.HTML()
    table = widgets.HTML()

    def redraw(_change=None):
        target.disabled = bool(use_peers.value)
        plan = growth_plan(shares, target_share=None if use_peers.value else float(target.value),
                           quantile=quantile, min_peers=min_peers, segment=segment.value)
        summary.value = html.escape(growth_text(plan, lang, currency=currency))
        table.value = growth_table(plan, lang, currency=currency, top=top).to_html(index=False, escape=True)
        box.current = plan

    for control in (target, use_peers, segment):
        control.observe(redraw, names="value")
    box = widgets.VBox([use_peers, target, segment, summary, table])
    box.target = target
    box.peers = use_peers
    box.segment = segment
    box.summary = summary
    box.table = table
    box.current = None
    redraw()
    return box
