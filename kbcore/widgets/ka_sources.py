"""Block 8 widget: the growth goal and the capture share that redraw "how many key accounts we need"."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from kbcore.analyses.ka_portfolio import key_accounts_needed
from kbcore.charts.key_accounts import plot_ka_needed
from kbcore.i18n import t
from kbcore.views.key_accounts import need_text

__all__ = ["ka_need_explorer"]


def ka_need_explorer(headroom, base: float, *, year: int, growth: float = 0.15, capture: float = 1.0,
                     pool: str = "with_candidates", lang: str = "en", **need_kwargs) -> widgets.VBox:
    """Sliders for the growth goal (share of ``base``) and the capture share; they redraw the curve.

    ``base`` is the revenue of the last full ``year`` (block 5's goal base). ``headroom`` and
    ``need_kwargs`` (``interactions``, ``key_accounts``, ``capacity_per_kam``, ``as_of`` …) go to
    :func:`~kbcore.analyses.ka_portfolio.key_accounts_needed` with ``goal = growth × base``; the
    chart and the text are block 7's (:func:`~kbcore.charts.key_accounts.plot_ka_needed`,
    :func:`~kbcore.views.key_accounts.need_text` with ``pool``). ``box.sliders`` (``growth``,
    ``capture``), ``box.summary`` and ``box.need`` (the last result) are exposed for tests.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="480px")
    sliders = {
        "growth": widgets.FloatSlider(value=growth, min=0.01, max=1.0, step=0.01, readout_format=".0%",
                                      description=t("b8.widget.growth", lang), style=style,
                                      layout=layout, continuous_update=False),
        "capture": widgets.FloatSlider(value=capture, min=0.05, max=1.0, step=0.05, readout_format=".0%",
                                       description=t("b8.widget.capture", lang), style=style,
                                       layout=layout, continuous_update=False),
    }
    summary = widgets.HTML()
    out = widgets.Output()

    def redraw(_change=None):
        growth_now = float(sliders["growth"].value)
        need = key_accounts_needed(headroom, growth_now * base, capture=float(sliders["capture"].value),
                                   **need_kwargs)
        summary.value = need_text(need, lang, growth=growth_now, year=year, base=base, pool=pool)
        out.clear_output(wait=True)
        with out:
            _fig, ax = plt.subplots()
            plot_ka_needed(need, lang=lang, ax=ax)
            plt.show()
        box.need = need

    box = widgets.VBox([*sliders.values(), summary, out])
    box.sliders, box.summary = sliders, summary
    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()
    return box
