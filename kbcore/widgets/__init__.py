"""Interactive controls for the notebooks (ipywidgets): they call analyses and charts, nothing more.

One module per block's analyses; each widget returns its box with the controls exposed as
attributes, so tests and trainers can set values from code.
"""

from __future__ import annotations

from kbcore.widgets.card import (
    card_browser,
)
from kbcore.widgets.lifecycle import (
    rules_explorer,
    stage_explorer,
)
from kbcore.widgets.plan import (
    plan_explorer,
)
from kbcore.widgets.profitability import (
    cost_to_serve_explorer,
)
from kbcore.widgets.retention import (
    retention_explorer,
    zone_weights_explorer,
)
from kbcore.widgets.sales_drilldown import (
    drilldown_explorer,
)
from kbcore.widgets.segmentation import (
    abc_explorer,
)

__all__ = [
    "abc_explorer",
    "card_browser",
    "cost_to_serve_explorer",
    "plan_explorer",
    "retention_explorer",
    "rules_explorer",
    "stage_explorer",
    "zone_weights_explorer",
    "drilldown_explorer",
]
