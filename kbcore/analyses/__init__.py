"""Analyses: pure functions from canonical tables (or facts) to result tables.

Rules of the house: DataFrame in, DataFrame (or Series) out; every parameter explicit, with a
documented default; no function reads files, plots or prints; column names come from
:mod:`kbcore.schema`; each public function documents its formula and its source.

Modules
-------
profitability
    Block 1 "Main errors in sales management": yearly gross figures, the client P&L with a
    transparent cost-to-serve model, the whale curve, concession clients, concentration.
"""

from __future__ import annotations

from kbcore.analyses import profitability

__all__ = ["profitability"]
