# %% [markdown] lang="en"
# # Block 6 · Exercises · How to manage the customer base
# *(«Как управлять клиентской базой»)*
#
# Eight short exercises on the demo company, in the order of the block's notebook, so that everybody in the room gets the same right answer.
# Each one asks a question, gives you a cell to write the answer in (replace the `...`), and ends with a
# `check(...)` line that tells you at once whether you are right — and, if not yet, gives a hint.
# The functions you need are the ones the block's notebook uses; `help(function)` shows what each does.

# %%
import kbcore
from kbcore.analyses import (
    XYZ_THRESHOLDS_CLIENTS,
    abc,
    abc_xyz_matrix,
    client_pnl,
    client_stages,
    ksf_scores,
    last_full_months,
    new_clients,
    pareto,
    read_ksf,
    rfm,
    second_order_conversion,
    xyz,
)
from kbcore.analyses.money_zones import money_zones
from kbcore.facts import Facts
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
pnl = client_pnl(facts, ds.clients, ds.interactions)  # five years, one line per client
window_start, window_end = last_full_months(facts.as_of, 12)  # the last 12 full months
window_start, window_end

# %% [markdown] lang="en"
# ## Exercise 6.1 · How far from 80/20?
# What share of the five years' revenue do the 20% best clients bring (e.g. 0.8 for 80%)? Is the demo company above
# or below the 80/20 rule?

# %%
revenue_pareto = pareto(pnl, "revenue")  # SOLUTION
top20_share = revenue_pareto["top_share"]  # SOLUTION
check("6.1", top20_share)

# %% [markdown] lang="en"
# ## Exercise 6.2 · What if we became cheaper?
# Read the example KSF table (`read_ksf()`): the weights of the client's key success factors and the scores 1–5 of us
# and two competitors. Suppose a new price list lifts our price score from 3 to 4. Who leads on the weighted score
# then? Answer with the player's column name ("us", "competitor_1" …).

# %%
ksf_table = read_ksf()
is_price = ksf_table["factor"] == "Price"
cheaper = ksf_table.assign(us=ksf_table["us"].where(~is_price, 4))  # SOLUTION
leader = ksf_scores(cheaper).totals["player"].iloc[0]  # SOLUTION
check("6.2", leader)

# %% [markdown] lang="en"
# ## Exercise 6.3 · Money on the table
# Compute the three money zones of the demo company with the default rules
# (`money_zones(facts, ds.clients, ds.market)`). How much money, in roubles a year, is on the table at the
# **active** clients — those who bought in the last year (`zones.clients`, column `activity` equal to "active")?

# %%
zones = money_zones(facts, ds.clients, ds.market)
active = zones.clients[zones.clients["activity"] == "active"]  # SOLUTION
on_table_active = active["money_on_table"].sum()  # SOLUTION
check("6.3", on_table_active)

# %% [markdown] lang="en"
# ## Exercise 6.4 · One order and gone
# Take the new clients of the demo company (`new_clients(facts, ds.clients)`) and their second-order conversion
# (`second_order_conversion`). (a) What share of the new clients who had six months to reorder placed **only one**
# order? (b) Which acquisition channel has the highest share of one-order clients? Write its name as in the table
# (column `group_id`).

# %%
new = new_clients(facts, ds.clients)
one_order_share = second_order_conversion(new)["one_order_share"].iloc[0]  # SOLUTION
by_channel = second_order_conversion(new, by="acquisition_channel")  # SOLUTION
worst_channel = by_channel.sort_values("one_order_share", ascending=False)["group_id"].iloc[0]  # SOLUTION
check("6.4a", one_order_share)
check("6.4b", worst_channel)

# %% [markdown] lang="en"
# ## Exercise 6.5 · A clients by profit
# Make the ABC analysis on **client profit** instead of revenue (default cuts 80% / 95%). How many clients are A?
# Compare with the number of A clients by revenue in the notebook: what does the difference tell you?

# %%
by_profit = abc(pnl, measure="profit")  # SOLUTION
a_by_profit = int((by_profit["abc"] == "A").sum())  # SOLUTION
check("6.5", a_by_profit)

# %% [markdown] lang="en"
# ## Exercise 6.6 · The core of the business: AX
# Over the last 12 full months (`window_start` … `window_end`), ABC by revenue and XYZ with the bounds for B2B clients
# (`XYZ_THRESHOLDS_CLIENTS`): how many clients sit in the AX cell — large and regular?

# %%
classes = abc(facts.clients(window_start, window_end))
regularity = xyz(facts, start=window_start, end=window_end, thresholds=XYZ_THRESHOLDS_CLIENTS)  # SOLUTION
matrix = abc_xyz_matrix(classes, regularity).set_index("cell")  # SOLUTION
ax_clients = int(matrix.loc["AX", "clients"])  # SOLUTION
check("6.6", ax_clients)

# %% [markdown] lang="en"
# **To discuss (no check):** with the classic bounds (10% / 25%, the default of `xyz`) how many X clients are there?
# Why are bounds made for the demand of a product wrong for the purchases of a B2B client?

# %%
# Write your code here: xyz(facts, start=window_start, end=window_end) and count its classes.
# solution
xyz(facts, start=window_start, end=window_end)["xyz"].value_counts()

# %% [markdown] lang="en"
# ## Exercise 6.7 · Champions
# With the default RFM rules at the last sales date, how many clients are **champions** (`rfm_segment` is
# "champions")?

# %%
scores = rfm(facts)  # SOLUTION
n_champions = int((scores["rfm_segment"] == "champions").sum())  # SOLUTION
check("6.7", n_champions)

# %% [markdown] lang="en"
# ## Exercise 6.8 · Large clients slipping away
# Which A clients of the last 12 months (ABC by revenue, `classes` above) are at the lifecycle stage "declining"
# (block 2's `client_stages`)? Answer with the list of their client IDs — this is the head of sales' call list.

# %%
stages = client_stages(facts, ds.clients)
both = classes.merge(stages[["client_id", "stage"]], on="client_id")  # SOLUTION
declining_a = both.loc[(both["abc"] == "A") & (both["stage"] == "declining"), "client_id"].tolist()  # SOLUTION
check("6.8", declining_a)

# %% tags=["solution"]
# For the trainer: the same clients with their names, revenue of the window and why they are declining.
from kbcore.views.lifecycle import reason_text  # noqa: E402

view = stages.assign(why=reason_text(stages, lang)).set_index("client_id").loc[declining_a, ["why"]]
view.join(ds.clients.set_index("client_id")[["name", "manager"]])
