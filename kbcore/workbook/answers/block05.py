"""Expected answers of block 5's exercises (solutions/kb/05_creating_the_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company; nothing here is a hard-coded number.
"""

from __future__ import annotations

from kbcore.analyses.card import card_fill, client_card
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.passport import passport
from kbcore.analyses.planning import Goals, plan_by_client, plan_vs_actual
from kbcore.analyses.profile import client_features, client_profile, profile_match
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise

CARD_CLIENT = "000038"
PLAN_GOALS = Goals(growth=0.20, new_clients=120)
CHECK_GOALS = Goals(growth=0.15, new_clients=150)


_CACHE: dict[tuple[int, str], object] = {}


def _cached(ds, name, make):
    """One computation per dataset object and name (the checks share them)."""
    key = (id(ds), name)
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def _facts(ds) -> Facts:
    """One :class:`Facts` per dataset: every answer of the block shares its reduction."""
    return _cached(ds, "facts", lambda: Facts.of(ds))


def _card(ds):
    def make():
        stages = client_stages(_facts(ds), ds.clients)
        return client_card(_facts(ds), ds.clients, CARD_CLIENT, products=ds.products,
                           contacts=ds.contacts, interactions=ds.interactions, stages=stages)

    return _cached(ds, "card", make)


def _profile(ds):
    def make():
        features = client_features(_facts(ds), ds.clients, ds.products)
        pnl = client_pnl(_facts(ds), ds.clients, ds.interactions)
        return features, client_profile(features, pnl, top_share=0.2)

    return _cached(ds, "profile", make)


def _plan(ds):
    return _cached(ds, "plan", lambda: plan_by_client(_facts(ds), ds.clients, goals=PLAN_GOALS))


def _passport(ds):
    return _cached(ds, "passport",
                   lambda: passport(_facts(ds), ds.clients, by="region", market=ds.market))


@exercise("5.1a", hint="ex.5.1a.hint", kind="number", tol=0)
def card_contacts(ds):
    """Number of DMU contacts on the card of client 000038."""
    return int(len(_card(ds).contacts))


@exercise("5.1b", hint="ex.5.1b.hint", kind="text")
def card_stage(ds):
    """Lifecycle stage id of client 000038."""
    return str(_card(ds).stage)


@exercise("5.2", hint="ex.5.2.hint", kind="share", tol=1e-3)
def decision_maker_filled(ds):
    """Share of clients whose card names a decision maker."""
    fill = card_fill(ds.clients, facts=_facts(ds), contacts=ds.contacts,
                     interactions=ds.interactions).set_index("field")
    return float(fill.loc["decision_maker", "filled_share"])


@exercise("5.3a", hint="ex.5.3a.hint", kind="text")
def top_segment(ds):
    """The most frequent segment among the top 20 % of all clients by profit."""
    _, prof = _profile(ds)
    table = prof.table.set_index(["category", "trait"])
    return str(table.loc[("all", "segment"), "mode"])


@exercise("5.3b", hint="ex.5.3b.hint", kind="number", tol=0)
def lookalikes(ds):
    """Clients outside the top whose profile-match score is at least 0.75."""
    features, prof = _profile(ds)
    m = profile_match(features, prof)
    return int(((~m["top"]) & (m["score"] >= 0.75)).sum())


@exercise("5.4a", hint="ex.5.4a.hint", kind="number", tol=1e-6)
def plan_total(ds):
    """Plan 2026 total (clients + new clients) with growth 20 % and 120 new clients."""
    return float(_plan(ds).attrs["plan_total"])


@exercise("5.4b", hint="ex.5.4b.hint", kind="number", tol=1e-6)
def plan_uplift(ds):
    """What the goal adds above the clients' baselines (the allocated gap)."""
    return float(max(_plan(ds).attrs["gap"], 0.0))


@exercise("5.5", hint="ex.5.5.hint", kind="text")
def weakest_manager(ds):
    """The manager with the lowest completion of the 2025 plan made at the start of 2025."""
    plan = plan_by_client(_facts(ds), ds.clients, goals=CHECK_GOALS, year=2025)
    pva = plan_vs_actual(plan, _facts(ds), by="manager")
    pva = pva.loc[pva["manager"] != "new_clients"].sort_values(["completion", "manager"])
    return str(pva["manager"].iloc[0])


@exercise("5.6a", hint="ex.5.6a.hint", kind="text")
def lowest_penetration_region(ds):
    """The region with the lowest penetration."""
    p = _passport(ds)
    return str(p.sort_values(["penetration", "region"]).iloc[0]["region"])


@exercise("5.6b", hint="ex.5.6b.hint", kind="share", tol=1e-3)
def lowest_penetration(ds):
    """That region's penetration (active clients / companies in the market)."""
    return float(_passport(ds)["penetration"].min())
