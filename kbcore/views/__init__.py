"""Views: analysis results turned into what a person reads, through the catalogue.

Formatted tables, "this part needs …" notes, the loaded-data line, the data-quality report
(:mod:`kbcore.views.display`) and the client card (:mod:`kbcore.views.card`).
"""

from __future__ import annotations

from kbcore.views.card import (
    card_fill_table,
    card_html,
    field_label,
    sparkline_svg,
)
from kbcore.views.completeness import (
    CARD_COMPONENTS,
    card_fields_table,
    completeness_figures,
    completeness_table,
    component_label,
    status_table,
    verdict_reasons,
    verdict_text,
)
from kbcore.views.creation import (
    creation_figures,
)
from kbcore.views.crm import (
    crm_headers,
    crm_texts,
)
from kbcore.views.display import (
    header,
    loaded_summary,
    needs,
    quality_report,
    styled,
)
from kbcore.views.figures import (
    MISSING_MARK,
    Figure,
    example,
    is_missing,
    key_figures_table,
    missing,
)
from kbcore.views.ksf import (
    factor_label,
    factors_table,
    ksf_figures,
    labelled,
    player_label,
    totals_table,
)
from kbcore.views.labels import (
    label,
    measure_label,
    people_labels,
)
from kbcore.views.lifecycle import (
    DUE_TEXT_COLUMNS,
    counts_table,
    due_table,
    lifecycle_figures,
    reason_text,
    stage_actions,
    stage_label,
    stage_labels,
    stage_rules_table,
)
from kbcore.views.money_zones import (
    NEEDS_MARKET,
    NEEDS_POTENTIAL,
    money_zones_figures,
    next_rouble_table,
    place_label,
    reason_texts,
    zones_note,
    zones_view,
)
from kbcore.views.passport import (
    passport_stage_table,
    passport_table,
)
from kbcore.views.planning import (
    plan_summary_table,
    plan_summary_text,
)
from kbcore.views.profile import (
    profile_groups_table,
    profile_view,
    trait_label,
    typical_text,
)
from kbcore.views.profitability import (
    concentration_table,
    concentration_text,
    money_text,
    pct_text,
    profitability_figures,
    signed_pct,
    whale_summary_text,
)
from kbcore.views.retention import (
    NEEDS_CHANNEL,
    cohort_note,
    conversion_table,
    curve_view,
    group_label,
    group_labels,
    retention_figures,
    risk_reasons,
    risk_table,
)
from kbcore.views.segmentation import (
    NEEDS_COST,
    abc_xyz_actions,
    pareto_view,
    rfm_rules,
    rfm_segment_label,
    rfm_segment_labels,
    segmentation_figures,
    segments_view,
)

__all__ = [
    "CARD_COMPONENTS",
    "DUE_TEXT_COLUMNS",
    "Figure",
    "MISSING_MARK",
    "NEEDS_CHANNEL",
    "NEEDS_COST",
    "NEEDS_MARKET",
    "NEEDS_POTENTIAL",
    "abc_xyz_actions",
    "card_fields_table",
    "card_fill_table",
    "card_html",
    "cohort_note",
    "completeness_figures",
    "completeness_table",
    "component_label",
    "concentration_table",
    "concentration_text",
    "conversion_table",
    "counts_table",
    "creation_figures",
    "crm_headers",
    "crm_texts",
    "curve_view",
    "due_table",
    "example",
    "factor_label",
    "factors_table",
    "field_label",
    "group_label",
    "group_labels",
    "header",
    "is_missing",
    "key_figures_table",
    "ksf_figures",
    "label",
    "labelled",
    "lifecycle_figures",
    "loaded_summary",
    "measure_label",
    "missing",
    "money_text",
    "money_zones_figures",
    "needs",
    "next_rouble_table",
    "pareto_view",
    "passport_stage_table",
    "passport_table",
    "pct_text",
    "people_labels",
    "place_label",
    "plan_summary_table",
    "plan_summary_text",
    "player_label",
    "profile_groups_table",
    "profile_view",
    "profitability_figures",
    "quality_report",
    "reason_text",
    "reason_texts",
    "retention_figures",
    "rfm_rules",
    "rfm_segment_label",
    "rfm_segment_labels",
    "risk_reasons",
    "risk_table",
    "segmentation_figures",
    "segments_view",
    "signed_pct",
    "sparkline_svg",
    "stage_actions",
    "stage_label",
    "stage_labels",
    "stage_rules_table",
    "status_table",
    "styled",
    "totals_table",
    "trait_label",
    "typical_text",
    "verdict_reasons",
    "verdict_text",
    "whale_summary_text",
    "zones_note",
    "zones_view",
]
