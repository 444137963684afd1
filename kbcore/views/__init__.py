"""Views: analysis results turned into what a person reads, through the catalogue.

Formatted tables, "this part needs …" notes, the loaded-data line, the data-quality report
(:mod:`kbcore.views.display`) and the client card (:mod:`kbcore.views.card`).
"""

from __future__ import annotations

from kbcore.views.card import card_html, sparkline_svg
from kbcore.views.display import header, loaded_summary, needs, quality_report, styled
from kbcore.views.figures import Figure, example, is_missing, key_figures_table, missing

__all__ = [
    "Figure",
    "card_html",
    "example",
    "header",
    "is_missing",
    "key_figures_table",
    "loaded_summary",
    "missing",
    "needs",
    "quality_report",
    "sparkline_svg",
    "styled",
]
