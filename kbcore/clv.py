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

from kbcore.analyses import clv as _clv
from kbcore.analyses.clv import *  # noqa: F403 - the facade re-exports the module's public names

__all__ = list(_clv.__all__)
