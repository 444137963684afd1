"""Charts: every figure of the blocks, in the one kbcore style (:mod:`kbcore.charts.style`).

Every chart function follows the same contract: ``plot_x(result, *, lang="en", ax=None) -> Axes``;
it draws a computed result and computes nothing beyond layout.
"""

from __future__ import annotations

from kbcore.charts.creation import (
    PLAN_COLORS,
    plot_card_trend,
    plot_manager_load,
    plot_passport,
    plot_plan_by_segment,
    plot_plan_vs_actual,
    plot_profile,
)
from kbcore.charts.ksf import (
    PLAYER_STYLES,
    plot_ksf,
)
from kbcore.charts.lifecycle import (
    STAGE_COLORS,
    plot_completeness,
    plot_stage_counts,
    plot_stage_summary,
    plot_transition_matrix,
)
from kbcore.charts.money_zones import (
    ZONE_COLORS,
    plot_money_zones,
)
from kbcore.charts.profitability import (
    plot_concentration,
    plot_concession,
    plot_whale_curve,
    plot_yearly,
)
from kbcore.charts.retention import (
    GROUP_COLORS,
    plot_conversion,
    plot_time_to_second,
)
from kbcore.charts.sales_drilldown import (
    BRIDGE_COLORS,
    plot_bridge,
    plot_contributors,
    plot_targets,
)
from kbcore.charts.segmentation import (
    SEGMENT_COLORS,
    plot_abc,
    plot_abc_xyz,
    plot_pareto,
    plot_rfm_segments,
)
from kbcore.charts.style import (
    COLORS,
    STYLE_PATH,
    fmt_money_short,
    fmt_number_short,
    money_formatter,
    new_axes,
    pct_formatter,
    use_style,
)

# Not re-exported (several modules define them, or a module has the name): import from the module: style
__all__ = [
    "COLORS",
    "GROUP_COLORS",
    "PLAN_COLORS",
    "PLAYER_STYLES",
    "SEGMENT_COLORS",
    "STAGE_COLORS",
    "STYLE_PATH",
    "ZONE_COLORS",
    "fmt_money_short",
    "fmt_number_short",
    "money_formatter",
    "new_axes",
    "pct_formatter",
    "plot_abc",
    "plot_abc_xyz",
    "plot_card_trend",
    "plot_completeness",
    "plot_concentration",
    "plot_concession",
    "plot_conversion",
    "plot_ksf",
    "plot_manager_load",
    "plot_money_zones",
    "plot_pareto",
    "plot_passport",
    "plot_plan_by_segment",
    "plot_plan_vs_actual",
    "plot_profile",
    "plot_rfm_segments",
    "plot_stage_counts",
    "plot_stage_summary",
    "plot_time_to_second",
    "plot_transition_matrix",
    "plot_whale_curve",
    "plot_yearly",
    "use_style",
    "BRIDGE_COLORS",
    "plot_bridge",
    "plot_contributors",
    "plot_targets",
]
