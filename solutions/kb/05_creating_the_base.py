# %% [markdown] lang="en"
# # Block 5 · Exercises · Technology of creating the customer base
# *(«Технология создания клиентской базы»)*
#
# Six short exercises on the demo company: the client card (карточка клиента), the client profile (профиль
# клиента), the plan from the company's goals («управление будущим») and the region passport (паспорт региона).
# Each one asks a question, gives you a cell to write the answer in (replace the `...`), and ends with a
# `check(...)` line that tells you at once whether you are right — and, if not yet, gives a hint.
# `help(function)` shows what each function does.

# %%
import kbcore
from kbcore.analyses import (
    Goals,
    card_fill,
    client_card,
    client_features,
    client_pnl,
    client_profile,
    client_stages,
    plan_by_client,
    plan_vs_actual,
    profile_match,
)
from kbcore.analyses.passport import passport
from kbcore.facts import Facts
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # the sales reduced once: every function below takes these facts
stages = client_stages(facts, ds.clients)
features = client_features(facts, ds.clients, ds.products)
pnl = client_pnl(facts, ds.clients, ds.interactions)

# %% [markdown] lang="en"
# ## Exercise 5.1 · A key client's card
# Open the card of client `000038` (ООО «ТД «Аспект»», a key account). How many people of its buying centre
# (DMU) do we know, and what is its lifecycle stage (the stage id, e.g. `"regular"`)? What would you ask its
# manager?

# %%
tables = {"products": ds.products, "contacts": ds.contacts, "interactions": ds.interactions}
card = client_card(facts, ds.clients, "000038", stages=stages, **tables)  # SOLUTION
dmu_contacts = len(card.contacts)  # SOLUTION
stage = card.stage  # SOLUTION
check("5.1a", dmu_contacts)
check("5.1b", stage)

# %% [markdown] lang="en"
# ## Exercise 5.2 · How complete are the cards?
# What share of the clients have a decision maker (`decision_maker`) written in their card? Use `card_fill`.

# %%
fill = card_fill(ds.clients, facts=facts, contacts=ds.contacts, interactions=ds.interactions)
decision_maker_share = fill.set_index("field").loc["decision_maker", "filled_share"]  # SOLUTION
check("5.2", decision_maker_share)

# %% [markdown] lang="en"
# ## Exercise 5.3 · The profile of the best clients
# Build the client profile of the top 20% of clients by client profit. Which segment is the most frequent among
# the best clients of the whole company (category `"all"`)? And how many clients **outside** the top already
# match at least 75% of their segment's profile — the look-alikes to develop first?

# %%
profile = client_profile(features, pnl, top_share=0.2)
matches = profile_match(features, profile)
best_segment = profile.table.set_index(["category", "trait"]).loc[("all", "segment"), "mode"]  # SOLUTION
lookalike_clients = int(((~matches["top"]) & (matches["score"] >= 0.75)).sum())  # SOLUTION
check("5.3a", best_segment)
check("5.3b", lookalike_clients)

# %% [markdown] lang="en"
# ## Exercise 5.4 · From goals to a plan
# The company wants +20% revenue next year and 120 new clients (no margin goal). What is the plan total for
# 2026 in roubles, and how much must the goal add on top of what the clients' own trends and the new clients
# bring (0 if nothing)?

# %%
plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.20, new_clients=120))  # SOLUTION
plan_total = plan.attrs["plan_total"]  # SOLUTION
added_by_goal = max(plan.attrs["gap"], 0.0)  # SOLUTION
check("5.4a", plan_total)
check("5.4b", added_by_goal)

# %% [markdown] lang="en"
# ## Exercise 5.5 · Would the plan have worked?
# Make the plan for 2025 as it would have been made at the start of 2025 (`year=2025`), with +15% growth and 150
# new clients, and compare it with what happened. Which manager fulfilled the smallest share of their plan?
# (Leave out the new clients' row.)

# %%
past_plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.15, new_clients=150), year=2025)
pva = plan_vs_actual(past_plan, facts, by="manager")
weakest = pva.loc[pva["manager"] != "new_clients"].sort_values("completion")["manager"].iloc[0]  # SOLUTION
check("5.5", weakest)

# %% [markdown] lang="en"
# ## Exercise 5.6 · The region passport
# In which region are we least present — the lowest penetration (our active clients out of the market's
# companies)? What is that penetration?

# %%
pp = passport(facts, ds.clients, by="region", market=ds.market)
low = pp.sort_values("penetration").iloc[0]  # SOLUTION
low_region = low["region"]  # SOLUTION
low_penetration = low["penetration"]  # SOLUTION
check("5.6a", low_region)
check("5.6b", low_penetration)

# %% [markdown] lang="en"
# **To discuss (no check):** the region with the lowest penetration — is it a region to grow in, or one that does
# not fit our profile? Look at its row of the passport and at the market cells of the profile.

# %%
# Write your code here: the passport row of that region and its market cells.
# solution
pp.set_index("region").loc[low_region]
