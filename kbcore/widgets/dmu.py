"""Block 10 widget: choose a key account and see its contact matrix.

The function returns the widget box with its controls and outputs exposed as attributes
(``box.controls``, ``box.output``, ``box.current``), so that tests and trainers can set values
from code.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from kbcore.charts.dmu import plot_contact_matrix
from kbcore.i18n import t
from kbcore.views.dmu import account_labels, dmu_table, matrix_view

__all__ = ["contact_matrix_explorer"]

_STYLE = {"description_width": "initial"}


def contact_matrix_explorer(matrix: pd.DataFrame, contacts: pd.DataFrame | None,
                            review: pd.DataFrame, *, lang: str = "en", account=None
                            ) -> widgets.VBox:
    """A dropdown of the reviewed accounts (largest first) that redraws one account's contact matrix.

    ``matrix`` = :func:`kbcore.analyses.dmu.contact_matrix`, ``review`` =
    :func:`kbcore.analyses.dmu_review.review_accounts`. ``box.controls`` = {"account": Dropdown};
    ``box.current`` = the account id of the last redraw.
    """
    labels = account_labels(review)
    options = [(f"{labels[c]} ({c})" if labels[c] != c else c, c) for c in labels.index]
    value = str(account) if account is not None and str(account) in labels.index else (
        options[0][1] if options else None)
    select = widgets.Dropdown(options=options, value=value, description=t("dmu.widget.account", lang),
                              style=_STYLE, layout=widgets.Layout(width="640px"))
    out = widgets.Output()

    def redraw(_change=None):
        out.clear_output(wait=True)
        with out:
            if select.value is None:
                print(t("dmu.widget.none", lang))
            else:
                plot_contact_matrix(matrix, contacts, select.value, lang=lang,
                                    name=str(labels[select.value]))
                plt.show()
                display(dmu_table(matrix_view(matrix, contacts, select.value, lang), lang,
                                  max_rows=None))
        box.current = select.value

    select.observe(redraw, names="value")
    box = widgets.VBox([select, out])
    box.controls = {"account": select}
    box.output = out
    redraw()
    return box
