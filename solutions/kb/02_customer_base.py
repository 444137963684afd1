# %% [markdown] lang="en"
# # Block 2 · Exercises · What is a customer base
# *(«Что называют клиентской базой?»)*
#
# Seven short exercises on the demo company: is its «КБ» a list or a base, and where are its clients in their
# lifecycle (жизненный цикл клиента)? Each one asks a question, gives you a cell to write the answer in (replace
# the `...`), and ends with a `check(...)` line that tells you at once whether you are right — and, if not yet,
# gives a hint. The functions you need are the ones the block's notebook uses; `help(function)` shows what each
# does.

# %%
import kbcore
from kbcore.analyses import (
    StageRules,
    base_completeness,
    base_verdict,
    client_stages,
    stage_counts,
    stage_history,
    transition_matrix,
    year_end_dates,
)
from kbcore.facts import Facts
from kbcore.views import verdict_reasons, verdict_text
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once for every question below
stages = client_stages(facts, ds.clients)  # the stage of every client on the last sales date
completeness = base_completeness(ds.clients, ds.interactions, ds.contacts, stages)
completeness

# %% [markdown] lang="en"
# ## Exercise 2.1 · Is the segment known?
# A customer base knows the market segment of each client. For what share of the demo company's clients is the
# segment known? Take it from `completeness`.

# %%
segment_share = completeness.set_index("component").loc["segment", "known_share"]  # SOLUTION
check("2.1", segment_share)

# %% [markdown] lang="en"
# ## Exercise 2.2 · List or base?
# What is the verdict for the demo company: "base", "partly" or "list"? (`base_verdict` turns the completeness
# table into a verdict with its reasons.)

# %%
verdict = base_verdict(completeness)  # SOLUTION
verdict_id = verdict.verdict  # SOLUTION
check("2.2", verdict_id)

# %% tags=["solution"]
# For the trainer: the reasons, to discuss with the room.
print(verdict_text(verdict, lang))
print("\n".join(verdict_reasons(verdict, completeness, lang)))

# %% [markdown] lang="en"
# ## Exercise 2.3 · Lost clients
# How many clients are lost (no purchase for a year or more) on the last day of the data?

# %%
counts = stage_counts(stages).set_index("stage")  # SOLUTION
lost_now = counts.loc["lost", "clients"]  # SOLUTION
check("2.3", lost_now)

# %% [markdown] lang="en"
# ## Exercise 2.4 · From regular to declining
# Compute the stages at the end of 2024 and at the end of 2025 (`stage_history` with `year_end_dates`, or
# `client_stages` twice with `as_of`). How many clients that were **regular** at the end of 2024 were
# **declining** at the end of 2025? `transition_matrix` counts the moves.

# %%
dates = year_end_dates(facts)
history = stage_history(facts, ds.clients, dates=dates)
before = history.loc[history["as_of"] == "2024-12-31"]  # SOLUTION
after = history.loc[history["as_of"] == "2025-12-31"]  # SOLUTION
regular_to_declining = transition_matrix(before, after).loc["regular", "declining"]  # SOLUTION
check("2.4", regular_to_declining)

# %% [markdown] lang="en"
# ## Exercise 2.5 · What the key clients bring
# What share of the revenue of the last 12 months do the clients at the stage **key** bring (on the last day of
# the data)? Compare it with their share of the clients.

# %%
key_revenue_share = stage_counts(stages).set_index("stage").loc["key", "revenue_share"]  # SOLUTION
check("2.5", key_revenue_share)

# %% [markdown] lang="en"
# ## Exercise 2.6 · When is a client lost?
# The rules are parameters. If your company calls a client lost after **180** days without a purchase instead of
# 365, how many clients are lost on the last day of the data? (Keep the other rules as they are.)

# %%
strict = StageRules(lost_days=180)  # SOLUTION
stages_strict = client_stages(facts, ds.clients, rules=strict)  # SOLUTION
lost_after_180 = (stages_strict["stage"] == "lost").sum()  # SOLUTION
check("2.6", lost_after_180)

# %% [markdown] lang="en"
# ## Exercise 2.7 · Key accounts in trouble
# Some clients are key accounts in their card (`is_key` is True), but their purchases say otherwise: their stage
# is **declining** or even **lost**. Which ones? Give their `client_id`s (a list or a Series).

# %%
key_in_trouble = stages.loc[stages["is_key"] & stages["stage"].isin(["declining", "lost"]), "client_id"]  # SOLUTION
check("2.7", key_in_trouble)

# %% [markdown] lang="en"
# **To discuss (no check):** who is the manager of each of these clients, and when did each of them last buy?
# Why is a client that has not bought for a year still marked "key" in its card? What would you ask the manager
# tomorrow morning?

# %%
# Write your code here: join `stages` with `ds.clients` on client_id.
# solution
trouble = stages.loc[stages["is_key"] & stages["stage"].isin(["declining", "lost"])]
trouble.merge(ds.clients[["client_id", "name", "manager"]], on="client_id")[
    ["client_id", "name", "manager", "last_date", "days_since_last", "revenue_window", "revenue_prev_window"]
]
