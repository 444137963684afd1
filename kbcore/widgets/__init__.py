"""Interactive controls for the notebooks (ipywidgets): they call analyses and charts, nothing more.

One module per block's analyses; each widget returns its box with the controls exposed as
attributes, so tests and trainers can set values from code.
"""

from __future__ import annotations

from kbcore.widgets.profitability import cost_to_serve_explorer

__all__ = ["cost_to_serve_explorer"]
