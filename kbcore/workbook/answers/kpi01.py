"""Expected answers of program 004, topic 1's exercises (solutions/kpi/01_market_potential.py).

Each answer is computed through the same kbcore functions the topic's workbook uses, on the
Bulgarian demo company (:func:`kbcore.workbook.checks.demo_company` gives ``kpi…`` ids that
company), so a change in an analysis or in the demo data changes the expected answer with it;
nothing here is a hard-coded number. A choice's answer is the number of the option the data's
answer is, in the order the exercise lists them (it raises when the data's answer is none of them).

The exercises follow the topic's story: the market by the build-up (kpi1.1), the method that gives
the smallest market (kpi1.2), an index for a B2B market (kpi1.3), our market share in a white spot
(kpi1.4), the gap to an 8 % target everywhere (kpi1.5), down to the client in the largest white
spot (kpi1.6) and, for the analyst, the part of the market in the white spots (kpi1.7).
"""

from __future__ import annotations

import math

from kbcore.analyses.market_potential import (
    METHODS,
    build_up,
    chain_by_territory,
    chain_ratio,
    client_potentials,
    compare_methods,
    focus_territory,
    load_chain_template,
    market_index,
    market_share_targets,
    our_sales,
    territory_shares,
)
from kbcore.facts import Facts
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

B2B_WEIGHTS = {"businesses": 1.0}
"""Exercise kpi1.3's weights: the territory's share of the number of businesses only."""
TARGET_EVERYWHERE = 0.08
"""Exercise kpi1.5's target market share, the same in every territory."""
WHITE_SPOT_ASKED = "Бургас"
"""The territory of exercise kpi1.4 (one of the demo company's two white spots)."""
B2B_TERRITORY = "Варна"
"""The territory of exercise kpi1.3."""


def _facts(ds):
    return once(ds, "facts", lambda: Facts.of(ds))


def _sales(ds):
    return once(ds, "kpi1.sales", lambda: our_sales(_facts(ds), ds.clients, ds.products))


def _build(ds):
    return once(ds, "kpi1.build", lambda: build_up(ds.market, ds.clients))


def _comparison(ds):
    def make():
        chain = chain_ratio(load_chain_template())
        return compare_methods(_build(ds), chain_by_territory(chain, ds.territories), market_index(ds.territories))
    return once(ds, "kpi1.comparison", make)


def _shares(ds, target_share="table"):
    targets = market_share_targets(ds.targets) if target_share == "table" else target_share
    return territory_shares(_comparison(ds), _sales(ds), target_share=targets)


@exercise("kpi1.1", hint="ex.kpi1.1.hint", kind="number", style="read")
def build_up_potential(ds):
    """The market potential by the build-up, EUR a year (NaN without a market table)."""
    build = _build(ds)
    return float(build["potential"].sum()) if build["potential"].notna().any() else math.nan


@exercise("kpi1.2", hint="ex.kpi1.2.hint", kind="choice", options=len(METHODS), style="read")
def smallest_method(ds):
    """Option of the method with the smallest national potential (options in the order of METHODS)."""
    totals = {m: v for m, v in _comparison(ds).attrs["totals"].items() if not math.isnan(v)}
    low = min(totals.values())
    leaders = [m for m, v in totals.items() if v == low]
    if len(leaders) != 1:
        raise ValueError(f"exercise kpi1.2: {leaders} give the same smallest market; the options list one")
    return option_number("kpi1.2", leaders[0], METHODS)


@exercise("kpi1.3", hint="ex.kpi1.3.hint", kind="share", tol=0.001, style="rerun")
def varna_business_index(ds):
    """Varna's index (its share of the national potential) weighing the number of businesses only."""
    index = market_index(ds.territories, weights=B2B_WEIGHTS).set_index("region")
    return float(index.loc[B2B_TERRITORY, "index"])


@exercise("kpi1.4", hint="ex.kpi1.4.hint", kind="share", tol=0.0006, style="read")
def burgas_market_share(ds):
    """Our market share in Burgas: last 12 months' sales / build-up potential (shown with one decimal)."""
    return float(_shares(ds).set_index("region").loc[WHITE_SPOT_ASKED, "market_share"])


@exercise("kpi1.5", hint="ex.kpi1.5.hint", kind="number", style="rerun")
def gap_to_eight_percent(ds):
    """Revenue still to win, all territories, with an 8 % target market share everywhere (EUR a year)."""
    return float(_shares(ds, TARGET_EVERYWHERE)["gap"].sum())


@exercise("kpi1.6", hint="ex.kpi1.6.hint", kind="number", style="read")
def first_client_untapped(ds):
    """Untapped potential of the first client (largest untapped) of the largest white spot, EUR a year."""
    shares = _shares(ds)
    clients = client_potentials(_facts(ds), ds.clients, ds.market, sales=_sales(ds), region=focus_territory(shares))
    return float(clients["untapped"].iloc[0])


@exercise("kpi1.7", hint="ex.kpi1.7.hint", kind="share", tol=0.002, style="analyst")
def white_spots_part_of_the_market(ds):
    """Potential of the white spots / potential of all territories (the build-up)."""
    shares = _shares(ds)
    return float(shares.loc[shares["white_spot"], "potential"].sum() / shares["potential"].sum())
