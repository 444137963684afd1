# %% [markdown] lang="en"
# # Block 2 · What is a customer base
# *(«Что называют клиентской базой?» — seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see**
# - A list of clients or a customer base (клиентская база, «КБ»)? Each component that turns a list into a base —
#   client card, segment, profile, status, assigned manager, interaction history, lifecycle stage, potential —
#   measured on your data, and one verdict with its reasons.
# - The customer lifecycle (жизненный цикл клиента, CLF): every client placed at one stage — new, developing,
#   regular, key, declining / at risk, lost, won back — by explicit rules you can check by hand and change.
# - How the stages moved over the years: counts and revenue by stage, and where the clients of one year went the
#   next (the transition matrix).
# - What each stage asks of you: the action and its owner.
#
# The seminar's question: is your «КБ» a computer program, a list of clients, or a base that you manage?

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day "now" for the stages and the base, "YYYY-MM-DD"; None means the end of the period
# Lifecycle stage rules (see section 2)
new_days = 180  # a client is new while its first purchase is younger than this many days
lost_days = 365  # a client is lost after this many days without a purchase
won_back_days = 180  # a client who came back after such a gap stays won back this many days
at_risk_factor = 3.0  # at risk when silent longer than this many usual intervals between its purchases
at_risk_min_days = 90  # and silent longer than this many days in any case
decline_ratio = 0.7  # declining when revenue of the last 12 months is below this share of the 12 before
regular_orders = 4  # regular from this many orders in the last 12 months
key_top_share = 0.03  # without a key_account flag in the cards the largest 3 percent of clients are key
# Base completeness
completeness_threshold = 0.8  # a component counts when it is known for at least this share of clients

# %%
import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    STAGES,
    StageRules,
    base_completeness,
    base_verdict,
    card_fields,
    client_stages,
    clients_due,
    stage_counts,
    stage_history,
    stage_summary,
    status_vs_stage,
    transition_matrix,
    year_end_dates,
)
from kbcore.charts import (
    plot_completeness,
    plot_stage_counts,
    plot_stage_summary,
    plot_transition_matrix,
    use_style,
)
from kbcore.facts import Facts
from kbcore.i18n import fmt_date, fmt_number, t
from kbcore.views import (
    card_fields_table,
    completeness_figures,
    completeness_table,
    counts_table,
    due_table,
    reason_text,
    stage_actions,
    stage_labels,
    stage_rules_table,
    status_table,
    verdict_reasons,
    verdict_text,
)
from kbcore.widgets import rules_explorer, stage_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# One call reads the company's files (or the demo company), maps the headers onto the canonical tables and
# checks them. The data-quality report below says what was read, what was dropped and why, and what is missing.

# %%
ds = kbcore.load(data, mapping)
# The sales reduced once, shared by every analysis below. A stage needs the client's history, so the facts keep
# the purchases before `start` too (those after `end` do not count); `start` only limits the year ends of section 3.
facts = Facts.of(ds, end=end, as_of=as_of if as_of is not None else end)
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
rules = StageRules(
    new_days=new_days,
    lost_days=lost_days,
    won_back_days=won_back_days,
    at_risk_factor=at_risk_factor,
    at_risk_min_days=at_risk_min_days,
    decline_ratio=decline_ratio,
    regular_orders=regular_orders,
    key_top_share=key_top_share,
)
now = facts.as_of
stages = client_stages(facts, ds.clients, rules=rules)
dates = year_end_dates(facts, start=start)
history = stage_history(facts, ds.clients, dates=dates, rules=rules)
summary = stage_summary(history)
names = (
    ds.clients.drop_duplicates("client_id").set_index("client_id")["name"]
    if ds.has("clients", "name")
    else pd.Series(dtype="string")
)
print(t("nb2.now", lang, date=fmt_date(now, lang), clients=fmt_number(len(stages), lang)))

# %% [markdown] lang="en"
# ## 1. A list of clients or a customer base?
# A list says who bought. A base says, for every client, who it is (its card and profile), where it belongs (its
# segment, its manager), what state it is in (status, lifecycle stage), what it could buy (potential) and what we
# did with it (the interaction history). Here is the share of clients for which each component is known; a
# component counts when it is known for at least `completeness_threshold` of the clients.

# %%
completeness = base_completeness(
    ds.clients, ds.interactions, ds.contacts, stages, as_of=now, threshold=completeness_threshold
)
verdict = base_verdict(completeness)
view = completeness_table(completeness, lang)
ui.styled(view[["component", "known_share", "clients_known", "clients", "threshold", "ok"]], lang,
          pct=["known_share", "threshold"], ints=["clients_known"])

# %%
ax = plot_completeness(completeness, verdict, lang=lang)
plt.show()

# %%
reasons = verdict_reasons(verdict, completeness, lang)
display(Markdown(f"**{html.escape(verdict_text(verdict, lang))}**\n\n" + "\n".join(f"- {html.escape(r)}" for r in reasons)))

# %% [markdown] lang="en"
# **The client card field by field.** A card is complete when it has a name, a tax ID (ИНН), a phone or e-mail,
# an address and a decision maker (ЛПР — in the card or among the contacts):

# %%
fields = card_fields_table(card_fields(ds.clients, ds.contacts), lang)
ui.styled(fields[["field", "known_share", "clients_known", "clients"]], lang, pct=["known_share"],
          ints=["clients_known"])

# %%
if not ds.has("clients", "segment"):
    display(Markdown(ui.needs("need.base.cards", "need.base.cards.how", lang)))
if ds.interactions is None:
    display(Markdown(ui.needs("need.base.interactions", "need.base.interactions.how", lang)))

# %% [markdown] lang="en"
# **Is the status true?** A status is a component of the base only if it tells the truth. The status written in
# the cards against the stage computed from purchases (section 2):

# %%
status = status_vs_stage(ds.clients, stages)
if len(status):
    display(status_table(status, lang))
else:
    display(Markdown(ui.needs("need.base.status", "need.base.status.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** The red bars: the components that are missing for too many clients. A list with a name
# and a sum of sales is not a base — it cannot tell you whom to call, whom to develop and whom you are losing.
# In the status table, cards marked "active" whose client is lost (and "inactive" ones that still buy) show a
# status nobody keeps.
#
# **What to do about it.** Give each missing component an owner and a date: the managers fill in the cards of
# their clients (tax ID, contacts, decision maker), the head of sales assigns segments and managers, and the
# status is computed from purchases instead of typed by hand.

# %% [markdown] lang="en"
# ## 2. The customer lifecycle: one stage for every client
# The customer lifecycle (жизненный цикл клиента, CLF) says where each client is in its life with the company.
# The seminar names the idea; the rules below are our reading of it, written out so that anyone can check a
# client's stage by hand. They are tried in this order and the first that holds gives the stage; the numbers are
# the parameters at the top of the notebook.

# %%
ui.styled(stage_rules_table(rules, lang), lang, ints=["order"])

# %% [markdown] lang="en"
# The stages today (on the date `as_of`, using only the purchases up to that day):

# %%
counts = stage_counts(stages)
counts.attrs["as_of"] = now
ax = plot_stage_counts(counts, lang=lang)
plt.show()

# %%
ui.styled(counts_table(counts, lang), lang, money=["revenue_window"])

# %% [markdown] lang="en"
# One example per stage — the client with the largest revenue in the last 12 months — and why it has its stage:

# %%
if len(stages):
    examples = (
        stages.sort_values(["revenue_window", "client_id"], ascending=[False, True])
        .groupby("stage", sort=False)
        .head(1)
        .set_index("stage")
        .reindex([s for s in STAGES if s in set(stages["stage"])])
        .reset_index()
    )
    examples = examples.assign(
        name=examples["client_id"].map(names).astype("string").fillna(""),
        why=reason_text(examples, lang, window_months=rules.window_months).to_numpy(),
        stage=stage_labels(examples["stage"], lang),
    )
    display(ui.styled(examples[["stage", "client_id", "name", "why", "revenue_window", "days_since_last"]],
                      lang, money=["revenue_window"], ints=["days_since_last"]))

# %% [markdown] lang="en"
# **Try it.** Move the rule sliders: when is a client lost for *your* business — after 6 months or after 2 years?
# How many orders a year make a regular client? The counts follow. (The sliders work in JupyterLab; a report
# shows the chart above.)

# %% tags=["widget"]
rules_explorer(facts, ds.clients, rules=rules, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The size of the regular and key stages (the core that pays), against the declining and lost
# ones (the leak). A large "developing" stage is the potential to grow; a large "new" stage with few regular
# clients means clients come and do not stay.
#
# **What to do about it.** Agree on the rules in the sales team — once written, a stage is no longer an opinion —
# and put the stage into every client card and every sales review.

# %% [markdown] lang="en"
# ## 3. The stages over the years
# The same rules applied at every year end, each time with only the purchases known that day. The revenue is that
# of the 12 months up to the date, so at 31 December the bars add up to the year's revenue.

# %%
if len(summary):
    ax = plot_stage_summary(summary, lang=lang)
    plt.show()

# %%
if len(summary):
    ax = plot_stage_summary(summary, measure="revenue_window", lang=lang)
    plt.show()

# %%
if len(summary):
    table = summary.pivot(index="stage", columns="as_of", values="clients").reindex(list(STAGES))
    table.index = stage_labels(table.index, lang)
    table.columns = [fmt_date(d, lang) for d in table.columns]
    display(table)

# %% [markdown] lang="en"
# **What to look at.** Does the red layer (lost clients) grow faster than the green one at the bottom (new
# clients)? Which stages carry the revenue: usually the regular and key clients, a minority of the base.
#
# **What to do about it.** Count the stages every quarter, the way you count revenue. A growing pile of lost
# clients is money walking out; a company that only wins new clients keeps refilling a leaking bucket.

# %% [markdown] lang="en"
# ## 4. Where did the clients go? The transition matrix
# Each row is a stage at the earlier date, each column the stage at the later one; a cell counts the clients that
# made that move. The outlined diagonal holds the clients that kept their stage; "not a client yet" holds the
# newcomers.

# %%
if len(dates) >= 2:
    matrix = transition_matrix(history.loc[history["as_of"] == dates[-2]],
                               history.loc[history["as_of"] == dates[-1]])
    ax = plot_transition_matrix(matrix, lang=lang)
    plt.show()
else:
    display(Markdown(t("nb2.one_date", lang)))

# %% [markdown] lang="en"
# **Try it.** Pick two dates: the stage counts at the later one and the moves between them.

# %% tags=["widget"]
if len(dates) >= 2:
    display(stage_explorer(history, lang=lang))

# %% [markdown] lang="en"
# **What to look at.** The row of the regular clients: how many slipped to declining or lost within a year? The
# row of the declining ones: how many came back to regular, how many were lost? And the column "won back": does
# anyone bring lost clients back at all?
#
# **What to do about it.** The declining stage is the last moment to act: a client lost is far more expensive to
# win back than a declining one is to keep. That is what the lifecycle algorithm below is for.

# %% [markdown] lang="en"
# ## 5. What each stage asks of you: the lifecycle algorithm
# Our reading of the seminar's lifecycle algorithm (алгоритм жизненного цикла клиента): every stage has a standard
# action, an owner and a time limit. Block 6 turns it into the work list of every manager.

# %%
ui.styled(stage_actions(lang).drop(columns="stage_id"), lang, ints=["due_days"])

# %% [markdown] lang="en"
# The clients due for an action now, the most urgent first (declining and key clients before the others, then by
# revenue); the first 15:

# %%
due = clients_due(stages, ds.clients)
print(t("nb2.due", lang, clients=fmt_number(len(due), lang)))
ui.styled(due_table(due, lang, rules=rules)[["client_id", "name", "manager", "stage", "action", "owner", "why"]], lang, max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** Whose name is next to each action: one owner per client and stage, not "the sales
# department".
#
# **What to do about it.** Run this list every week; a client leaves the list when the action is done and its
# stage changes.

# %% [markdown] lang="en"
# ## Key figures of block 2

# %% tags=["key-figures"]
completeness_figures(completeness, verdict, summary, lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in `exercises/kb/02_customer_base.ipynb` (the trainer's answers are in
# `solutions/kb/02_customer_base.ipynb`). Then block 3: the possibilities of a customer base.
