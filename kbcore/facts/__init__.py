"""The facts layer: the one reduction of sales lines, and the context that shares it.

:class:`Facts` is what analyses take: one per (dataset, period, analysis date), reducing the
sales lines once (:func:`documents`) and answering every window and period from that. The
measures and their definitions are in :mod:`kbcore.facts.reduce`.
"""

from __future__ import annotations

from kbcore.facts.context import Facts
from kbcore.facts.reduce import (
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    FREQS,
    ORDER_COLUMNS,
    as_of_date,
    between,
    client_facts,
    client_orders,
    client_period_facts,
    documents,
    facts_of,
    orders_of,
    period_bounds,
    reductions,
)

__all__ = [
    "DOCUMENT_COLUMNS",
    "FACT_COLUMNS",
    "FREQS",
    "ORDER_COLUMNS",
    "Facts",
    "as_of_date",
    "between",
    "client_facts",
    "client_orders",
    "client_period_facts",
    "documents",
    "facts_of",
    "orders_of",
    "period_bounds",
    "reductions",
]
