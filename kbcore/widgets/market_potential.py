"""Program 004, topic 1 widget: the method and the territory that redraw the shares and the clients."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from kbcore.analyses.market_potential import (
    METHODS,
    WhiteSpotRule,
    client_potentials,
    territory_shares,
)
from kbcore.charts.market_potential import plot_client_potential, plot_territory_shares
from kbcore.i18n import t
from kbcore.schema import C
from kbcore.views.market_potential import (
    CURRENCY,
    clients_note,
    clients_table,
    method_label,
    place_label,
    shares_note,
    shares_table,
)

__all__ = ["ALL", "market_potential_explorer"]

ALL = "__all__"
"""The territory selector's value for "every territory"."""


def market_potential_explorer(facts, clients: pd.DataFrame | None, comparison: pd.DataFrame,
                              sales: pd.DataFrame, *, market: pd.DataFrame | None = None,
                              method: str = "build_up", territory: str | None = None,
                              target_share=None, rule: WhiteSpotRule | None = None,
                              top: int = 15, lang: str = "en", currency: str = CURRENCY) -> widgets.VBox:
    """A method selector and a territory selector; they redraw the territories' shares and the clients.

    The method (the methods of ``comparison`` that have numbers) gives
    :func:`~kbcore.analyses.market_potential.territory_shares` (its note, the chart of potential
    against share with the white spots, the table of the largest gaps); the territory (or all of them)
    gives :func:`~kbcore.analyses.market_potential.client_potentials` on the same ``sales``
    (:func:`~kbcore.analyses.market_potential.our_sales`), ranked by untapped potential.

    ``box.method`` and ``box.territory`` (the dropdowns), ``box.summary`` (HTML), and the last results
    ``box.shares`` and ``box.clients`` are exposed for tests.
    """
    known = [m for m in METHODS if m in comparison.columns and comparison[m].notna().any()] or ["build_up"]
    style = {"description_width": "initial"}
    pick_method = widgets.Dropdown(options=[(method_label(m, lang), m) for m in known],
                                   value=method if method in known else known[0],
                                   description=t("market_potential.widget.method", lang), style=style)
    regions = [r for r in comparison[C.region].dropna().astype(str)] if len(comparison) else []
    pick_place = widgets.Dropdown(
        options=[(t("market_potential.widget.all", lang), ALL)] + [(place_label(r, lang), r) for r in regions],
        value=territory if territory in regions else ALL,
        description=t("market_potential.widget.territory", lang), style=style)
    summary = widgets.HTML()
    out = widgets.Output()
    every = client_potentials(facts, clients, market, sales=sales)

    def redraw(_change=None):
        shares = territory_shares(comparison, sales, method=pick_method.value, target_share=target_share,
                                  rule=rule or WhiteSpotRule())
        place = pick_place.value
        chosen = every if place == ALL else every.loc[every[C.region] == place]
        chosen.attrs.update(every.attrs)
        summary.value = (f"<p>{shares_note(shares, lang, currency=currency)}</p>"
                         f"<p>{clients_note(chosen, lang, currency=currency)}</p>")
        out.clear_output(wait=True)
        with out:
            _fig, axes = plt.subplots(1, 2, figsize=(16, 6))
            plot_territory_shares(shares, lang=lang, currency=currency, ax=axes[0])
            plot_client_potential(chosen, top=top, lang=lang, currency=currency, ax=axes[1])
            plt.show()
            display(shares_table(shares, lang, currency=currency, top=top))
            display(clients_table(chosen, lang, currency=currency, top=top))
        box.shares, box.clients = shares, chosen

    box = widgets.VBox([widgets.HBox([pick_method, pick_place]), summary, out])
    box.method, box.territory, box.summary = pick_method, pick_place, summary
    pick_method.observe(redraw, names="value")
    pick_place.observe(redraw, names="value")
    redraw()
    return box
