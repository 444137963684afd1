"""Expected answers of program 004, topic 5's exercises (solutions/kpi/05_share_of_wallet.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (``kpi…`` ids: :func:`kbcore.workbook.checks.demo_company`), so a change
in an analysis or in the demo data changes the expected answer with it; nothing here is a
hard-coded number. A choice's answer is the number of the option the data's answer is, in the
order the exercise lists them.

The exercises follow the topic's story: how many clients have a known total purchases (kpi5.1),
the share bands (kpi5.2), the share × wallet-size map and its 3×3 variant (kpi5.3, kpi5.4), the
link with loyalty (kpi5.5), the Wallet Allocation Rule against the measured share (kpi5.6), the
growth plan at one target share (kpi5.7) and, for the analyst, the measured share of the clients
who rank us first (kpi5.8).
"""

from __future__ import annotations

from kbcore.analyses.share_of_wallet import (
    client_shares,
    growth_plan,
    loyalty_link,
    share_distribution,
    share_summary,
    share_wallet_map,
    war_estimates,
    war_vs_actual,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

LINKS = ("tenure_years", "csat", "nps", "member")
"""The options of exercise kpi5.5, in the order its text lists them."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _shares(ds):
    """Every client's share: on its total purchases where known, else on its potential."""
    return once(ds, "kpi5.shares", lambda: client_shares(_facts(ds), ds.clients, ds.products))


def _measured(ds):
    """The shares measured on the clients' known total purchases only."""
    return once(ds, "kpi5.measured",
                lambda: client_shares(_facts(ds), ds.clients, ds.products, bases=("wallet",)))


def _war(ds):
    return once(ds, "kpi5.war", lambda: war_vs_actual(
        _measured(ds), war_estimates(ds.clients, ds.surveys, as_of=_facts(ds).as_of)))


def _cell_clients(share_map, cell: str) -> int:
    return int(share_map.cells.set_index("cell").loc[cell, "clients"])


@exercise("kpi5.1", hint="ex.kpi5.1.hint", kind="number", tol=0, style="read")
def clients_with_known_wallet(ds):
    """Clients whose share is taken on their known total purchases of the category."""
    return int(share_summary(_shares(ds))["on_wallet"])


@exercise("kpi5.2", hint="ex.kpi5.2.hint", kind="number", tol=0, style="read")
def main_supplier_clients(ds):
    """Clients in the band "the main supplier" (a share of 50 % to 75 %, the default cuts)."""
    dist = share_distribution(_shares(ds))
    return int(dist.set_index("reading").loc["main", "clients"])


@exercise("kpi5.3", hint="ex.kpi5.3.hint", kind="number", tol=0, style="read")
def grow_share_clients(ds):
    """Clients in the cell "large wallet, small share" of the default 2×2 map."""
    return _cell_clients(share_wallet_map(_shares(ds)), "high_low")


@exercise("kpi5.4", hint="ex.kpi5.4.hint", kind="number", tol=0, style="rerun")
def grow_share_clients_3x3(ds):
    """Clients in the cell "large wallet, small share" of the 3×3 map (terciles; 25 % and 50 %)."""
    return _cell_clients(share_wallet_map(_shares(ds), grid=3), "high_low")


@exercise("kpi5.5", hint="ex.kpi5.5.hint", kind="choice", options=len(LINKS), style="read")
def strongest_loyalty_link(ds):
    """Option of the measure whose rank correlation with the measured share is the strongest (|ρ|)."""
    link = loyalty_link(_measured(ds), surveys=ds.surveys, loyalty=ds.loyalty)
    corr = link.correlations.dropna(subset=["rho"]).assign(strength=lambda d: d["rho"].abs())
    corr = corr.sort_values("strength", ascending=False)
    if len(corr) > 1 and round(corr["strength"].iloc[0], 2) == round(corr["strength"].iloc[1], 2):
        raise ValueError("exercise kpi5.5: two measures are as strongly linked to the share; the options list one")
    return option_number("kpi5.5", corr["measure"].iloc[0], LINKS)


@exercise("kpi5.6", hint="ex.kpi5.6.hint", kind="share", tol=0.002, style="read")
def war_mean_gap(ds):
    """Mean |rule − measured| over the clients with both shares, shown with one decimal."""
    return float(_war(ds).mean_abs_diff)


@exercise("kpi5.7", hint="ex.kpi5.7.hint", kind="number", tol=0.001, style="rerun")
def growth_at_half(ds):
    """Revenue to gain a year when every client's target share is 50 % (money, the data's currency)."""
    return float(growth_plan(_shares(ds), target_share=0.5).attrs["total"])


@exercise("kpi5.8", hint="ex.kpi5.8.hint", kind="share", tol=0.002, style="analyst")
def share_when_ranked_first(ds):
    """Mean measured share of the clients who rank us first among their suppliers."""
    pairs = _war(ds).pairs
    first = pairs.loc[pairs["our_rank"] == 1, "share"]
    return float(first.mean()) if len(first) else float("nan")
