"""Customer lifetime value: ``from kbcore import clv`` (the public, stable API of issue 12).

A facade over :mod:`kbcore.analyses.clv`, where the formulas, their sources and the tests'
published figures are documented::

    from kbcore import clv

    summary = clv.clv_summary(facts, unit="W")                   # frequency, recency, T, monetary
    bg = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    bg.params, bg.loglik, bg.unit                                  # {r, alpha, a, b}, ln L, "W"
    bg.expected_purchases(39, 2, 30.43, 38.86), bg.p_alive(2, 30.43, 38.86)
    pn = clv.fit_pareto_nbd(summary["frequency"], summary["recency"], summary["T"])
    gg = clv.fit_gamma_gamma(summary["frequency"], summary["monetary"])
    clv.customer_lifetime_value(bg, summary["frequency"], summary["recency"], summary["T"],
                                summary["monetary"], spend_model=gg, horizon=36, step="M",
                                discount_rate=0.10, discount_period="Y", margin=0.25)

``import kbcore`` does not import this module (nor SciPy); ``from kbcore import clv`` does.
"""

from __future__ import annotations

from kbcore.analyses.clv import (  # reading the models (views, charts, widgets of topic 4)
    CLIENT_CLV_COLUMNS,
    DEFAULT_YEAR_WEIGHTS,
    MAP_ACTIONS,
    MAP_CELL_COLUMNS,
    MAP_COLUMNS,
    MIN_REPEAT_BUYERS,
    SUMMARY_COLUMNS,
    UNITS,
    WEIGHTED_VALUE_COLUMNS,
    YEARLY_VALUE_COLUMNS,
    BGNBDModel,
    ClvFits,
    GammaGammaModel,
    ParetoNBDModel,
    at_risk_clients,
    client_clv,
    client_yearly_value,
    clv_summary,
    customer_lifetime_value,
    discount_per_step,
    expected_repeat_counts,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_models,
    fit_pareto_nbd,
    map_cells,
    model_comparison,
    p_alive_matrix,
    profit_margin,
    purchase_probabilities,
    simulate_bgnbd,
    simulate_gamma_gamma,
    simulate_pareto_nbd,
    value_potential_map,
    value_trend,
    weighted_client_value,
)

__all__ = [
    "UNITS",
    "MIN_REPEAT_BUYERS",
    "SUMMARY_COLUMNS",
    "DEFAULT_YEAR_WEIGHTS",
    "YEARLY_VALUE_COLUMNS",
    "WEIGHTED_VALUE_COLUMNS",
    "MAP_ACTIONS",
    "MAP_COLUMNS",
    "BGNBDModel",
    "ParetoNBDModel",
    "GammaGammaModel",
    "clv_summary",
    "fit_bgnbd",
    "fit_pareto_nbd",
    "fit_gamma_gamma",
    "customer_lifetime_value",
    "discount_per_step",
    "simulate_bgnbd",
    "simulate_pareto_nbd",
    "simulate_gamma_gamma",
    "client_yearly_value",
    "weighted_client_value",
    "value_potential_map",
    # reading the models (views, charts, widgets of topic 4)
    "CLIENT_CLV_COLUMNS",
    "MAP_CELL_COLUMNS",
    "ClvFits",
    "purchase_probabilities",
    "expected_repeat_counts",
    "p_alive_matrix",
    "fit_models",
    "client_clv",
    "at_risk_clients",
    "model_comparison",
    "value_trend",
    "map_cells",
    # the notebook of topic 4
    "profit_margin",
]
