"""Expected answers of block 5's exercises (solutions/kb/05_creating_the_base.py).

Each answer is computed through the same kbcore functions the block uses, on the demo
company; nothing here is a hard-coded number. A multiple choice maps the data's answer onto
the options its text lists (and raises when none of them is the data's answer, so that a text
that no longer fits the data fails loudly rather than checking the wrong option).

The exercises follow the block's story: the card of a key client (5.1) and how complete the
cards are (5.2); the profile of the best clients (5.3) and its look-alikes (5.4, for the
analyst); the plan from the goals (5.5) and with a lower goal (5.6); the plan checked on the
past (5.7); the passport by segment (5.8); the key clients' goals and tasks in the example
worksheet: the key accounts without a goal (5.9) and the task due first (5.10).
"""

from __future__ import annotations

from kbcore.analyses.card import card_fill, client_card
from kbcore.analyses.client_goals import goal_clients, worksheet_key_ids
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.passport import passport
from kbcore.analyses.planning import Goals, plan_by_client, plan_vs_actual
from kbcore.analyses.profile import ALL, client_features, client_profile, profile_match
from kbcore.analyses.profitability import client_pnl
from kbcore.facts import Facts
from kbcore.ingest.worksheets import example_worksheet
from kbcore.views.worksheets import due_text
from kbcore.workbook.answers import once, option_number
from kbcore.workbook.checks import exercise

CARD_CLIENT = "000038"
PLAN_GOALS = Goals(growth=0.20, new_clients=120)
LOWER_GOALS = Goals(growth=0.10, new_clients=120)
CHECK_GOALS = Goals(growth=0.15, new_clients=150)
CHECK_YEAR = 2025
LOOKALIKE_SCORE = 0.75
NEW_CLIENTS_ROW = "new_clients"

STAGE_OPTIONS = ("key", "regular", "declining", "lost", "won_back")
"""5.1b: the lifecycle stages listed in the exercise's text, in its order."""
TRAIT_OPTIONS = ("segment", "region", "products", "orders_per_year", "acquisition_channel")
"""5.3: the profile's traits listed in the exercise's text, in its order."""
MANAGER_OPTIONS = ("Беспалов Максим Алексеевич", "Калашникова Светлана Игоревна",
                   "Медведева Светлана Евгеньевна", "Симонов Денис Валерианович")
"""5.7: the managers listed in the exercise's text, in its order."""
SEGMENT_OPTIONS = ("Промышленные предприятия", "Оптовые компании", "Строительные компании",
                   "Розничные сети", "Монтажники и малый бизнес")
"""5.8a: the segments listed in the exercise's text, in its order."""


def _facts(ds) -> Facts:
    """One :class:`Facts` per dataset: every answer of the block shares its reduction."""
    return once(ds, "facts", lambda: Facts.of(ds))


def _card(ds):
    def make():
        stages = client_stages(_facts(ds), ds.clients)
        return client_card(_facts(ds), ds.clients, CARD_CLIENT, products=ds.products,
                           contacts=ds.contacts, interactions=ds.interactions, stages=stages)

    return once(ds, "card", make)


def _profile(ds):
    def make():
        features = client_features(_facts(ds), ds.clients, ds.products)
        pnl = client_pnl(_facts(ds), ds.clients, ds.interactions)
        return features, client_profile(features, pnl, top_share=0.2)

    return once(ds, "profile", make)


def _plan(ds, goals: Goals):
    return once(ds, f"plan {goals}", lambda: plan_by_client(_facts(ds), ds.clients, goals=goals))


# --- 1. the client card ----------------------------------------------------------------------------

@exercise("5.1a", hint="ex.5.1a.hint", kind="number", tol=0, style="read")
def card_contacts(ds):
    """How many people of the decision-making unit the card of client 000038 lists."""
    return int(len(_card(ds).contacts))


@exercise("5.1b", hint="ex.5.1b.hint", kind="choice", options=len(STAGE_OPTIONS), style="read")
def card_stage(ds):
    """The option of client 000038's lifecycle stage."""
    return option_number("5.1b", _card(ds).stage, STAGE_OPTIONS)


@exercise("5.2", hint="ex.5.2.hint", kind="share", tol=1e-3, style="read")
def decision_maker_filled(ds):
    """Share of clients whose card names a decision maker (ЛПР)."""
    fill = card_fill(ds.clients, facts=_facts(ds), contacts=ds.contacts,
                     interactions=ds.interactions).set_index("field")
    return float(fill.loc["decision_maker", "filled_share"])


# --- 2. the client profile ---------------------------------------------------------------------------

@exercise("5.3", hint="ex.5.3.hint", kind="choice", options=len(TRAIT_OPTIONS), style="read")
def strongest_trait(ds):
    """The option of the trait the best clients have most often compared with the others (largest lift)."""
    _, prof = _profile(ds)
    table = prof.table.loc[prof.table["category"] == ALL]
    trait = table.sort_values(["lift", "trait"], ascending=[False, True])["trait"].iloc[0]
    return option_number("5.3", trait, TRAIT_OPTIONS)


@exercise("5.4", hint="ex.5.4.hint", kind="number", tol=0, style="analyst")
def lookalikes(ds):
    """Clients outside the top whose profile-match score is at least 75 %."""
    features, prof = _profile(ds)
    m = profile_match(features, prof)
    return int(((~m["top"]) & (m["score"] >= LOOKALIKE_SCORE)).sum())


# --- 3. from goals to a plan ---------------------------------------------------------------------------

@exercise("5.5a", hint="ex.5.5a.hint", kind="number", tol=1e-3, style="read")
def plan_total(ds):
    """Plan 2026 total (clients + new clients) with growth 20 % and 120 new clients."""
    return float(_plan(ds, PLAN_GOALS).attrs["plan_total"])


@exercise("5.5b", hint="ex.5.5b.hint", kind="number", tol=1e-3, style="read")
def plan_uplift(ds):
    """What the goal adds above the clients' own trends (the allocated gap; 0 when none)."""
    return float(max(_plan(ds, PLAN_GOALS).attrs["gap"], 0.0))


@exercise("5.6", hint="ex.5.6.hint", kind="number", tol=1e-3, style="rerun")
def plan_total_lower_goal(ds):
    """Plan 2026 total with a growth goal of 10 % (the clients' trends alone beat it)."""
    return float(_plan(ds, LOWER_GOALS).attrs["plan_total"])


@exercise("5.7", hint="ex.5.7.hint", kind="choice", options=len(MANAGER_OPTIONS), style="rerun")
def weakest_manager(ds):
    """The option of the manager with the lowest completion of the 2025 plan made at the start of 2025."""
    plan = plan_by_client(_facts(ds), ds.clients, goals=CHECK_GOALS, year=CHECK_YEAR)
    pva = plan_vs_actual(plan, _facts(ds), by="manager")
    pva = pva.loc[pva["manager"] != NEW_CLIENTS_ROW].sort_values(["completion", "manager"])
    return option_number("5.7", pva["manager"].iloc[0], MANAGER_OPTIONS)


# --- 4. the passport ---------------------------------------------------------------------------------

def _lowest_segment(ds):
    """The passport's row (by segment) with the lowest penetration."""
    def make():
        p = passport(_facts(ds), ds.clients, by="segment", market=ds.market)
        return p.dropna(subset=["penetration"]).sort_values(["penetration", "segment"]).iloc[0]

    return once(ds, "lowest segment", make)


@exercise("5.8a", hint="ex.5.8a.hint", kind="choice", options=len(SEGMENT_OPTIONS), style="rerun")
def lowest_penetration_segment(ds):
    """The option of the segment with the lowest penetration."""
    return option_number("5.8a", _lowest_segment(ds)["segment"], SEGMENT_OPTIONS)


@exercise("5.8b", hint="ex.5.8b.hint", kind="share", tol=6e-4, style="rerun")
def lowest_penetration(ds):
    """That segment's penetration (active clients / companies in the market), read as shown (one decimal of %)."""
    return float(_lowest_segment(ds)["penetration"])


# --- 5. the key clients' goals and tasks ------------------------------------------------------------

DUE_OPTIONS = ("001479 2026-03-31", "000918 2026-02-28", "000918 2026-05-31")
"""5.10: the options of the text, in its order: the client's code and the task's due date."""


@exercise("5.9", hint="ex.5.9.hint", kind="number", tol=0, style="read")
def key_accounts_without_goals(ds):
    """5.9: the key accounts with no goal in the example worksheet (key accounts minus those with goals)."""
    keys = worksheet_key_ids(ds.clients, client_stages(_facts(ds), ds.clients))
    covered = set(goal_clients(example_worksheet(), _facts(ds), ds.clients, keys)) & set(keys)
    return len(keys) - len(covered)


@exercise("5.10", hint="ex.5.10.hint", kind="choice", options=len(DUE_OPTIONS), style="read")
def first_due_task(ds):
    """5.10: the option of the example worksheet's task due first (dates only; a quarter is not a day)."""
    goals = example_worksheet()
    dated = goals[[due_text(d, "en") != d for d in goals["due"]]].sort_values("due", kind="stable")
    first = dated.iloc[0]
    return option_number("5.10", f"{first['client_id']} {first['due']}", DUE_OPTIONS)
