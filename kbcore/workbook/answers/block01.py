"""Expected answers of block 1's exercises (solutions/kb/01_main_errors.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company, so a change in an analysis changes the expected answer with it; nothing here is a
hard-coded number.
"""

from __future__ import annotations

from kbcore.analyses.profitability import (
    CostToServeRates,
    client_pnl,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise

FIRST_YEAR, LAST_YEAR = 2021, 2025


def _yearly(ds):
    return yearly_summary(Facts.of(ds), ds.clients, ds.interactions).set_index("year")


def _pnl(ds, **rates):
    return client_pnl(Facts.of(ds), ds.clients, ds.interactions, rates=CostToServeRates(**rates))


@exercise("1.1", hint="ex.1.1.hint", kind="number", tol=1e-6)
def revenue_last_year(ds):
    """Revenue of 2025 from the yearly summary."""
    return float(_yearly(ds).loc[LAST_YEAR, "revenue"])


@exercise("1.2a", hint="ex.1.2a.hint", kind="share", tol=1e-3)
def revenue_growth(ds):
    """Revenue growth 2021 → 2025 as a share."""
    y = _yearly(ds)
    return float(y.loc[LAST_YEAR, "revenue"] / y.loc[FIRST_YEAR, "revenue"] - 1)


@exercise("1.2b", hint="ex.1.2b.hint", kind="share", tol=1e-3)
def profit_growth(ds):
    """Client-profit growth 2021 → 2025 as a share."""
    y = _yearly(ds)
    return float(y.loc[LAST_YEAR, "profit"] / y.loc[FIRST_YEAR, "profit"] - 1)


@exercise("1.3", hint="ex.1.3.hint", kind="number", tol=0)
def unprofitable_clients(ds):
    """Number of clients with negative profit at the default rates."""
    return int((_pnl(ds)["profit"] < 0).sum())


@exercise("1.4", hint="ex.1.4.hint", kind="share", tol=1e-3)
def top20_share(ds):
    """Share of total profit earned by the 20% most profitable clients."""
    return float(whale_summary(whale_curve(_pnl(ds)))["top20_share"])


@exercise("1.5a", hint="ex.1.5a.hint", kind="share", tol=1e-3)
def concession_revenue_share(ds):
    """Revenue share of clients with a discount rate of 15% or more."""
    c = concession_clients(_pnl(ds), threshold=0.15).set_index("group")
    return float(c.loc["concession", "revenue_share"])


@exercise("1.5b", hint="ex.1.5b.hint", kind="number", tol=1e-3)
def concession_profit(ds):
    """Total profit of the concession clients, RUB."""
    c = concession_clients(_pnl(ds), threshold=0.15).set_index("group")
    return float(c.loc["concession", "profit"])


@exercise("1.6", hint="ex.1.6.hint", kind="number", tol=0)
def unprofitable_without_visits(ds):
    """Unprofitable clients when a visit costs nothing."""
    return int((_pnl(ds, per_visit=0)["profit"] < 0).sum())
