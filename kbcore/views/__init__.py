"""Views: analysis results turned into what a person reads, through the catalogue.

Formatted tables, "this part needs …" notes, the loaded-data line, the data-quality report
(:mod:`kbcore.views.display`) and the client card (:mod:`kbcore.views.cards`).
"""

from __future__ import annotations

from kbcore.views.cards import card_html, sparkline_svg
from kbcore.views.display import header, loaded_summary, needs, quality_report, styled

__all__ = ["card_html", "header", "loaded_summary", "needs", "quality_report", "sparkline_svg",
           "styled"]
