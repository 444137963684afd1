"""The facts layer: the one reduction of sales lines to facts per client, client-period and order.

See :mod:`kbcore.facts.reduce` for the measures and their definitions.
"""

from __future__ import annotations

from kbcore.facts.reduce import (
    FACT_COLUMNS,
    FREQS,
    ORDER_COLUMNS,
    as_of_date,
    between,
    client_facts,
    client_orders,
    client_period_facts,
    period_bounds,
)

__all__ = [
    "FACT_COLUMNS",
    "FREQS",
    "ORDER_COLUMNS",
    "as_of_date",
    "between",
    "client_facts",
    "client_orders",
    "client_period_facts",
    "period_bounds",
]
