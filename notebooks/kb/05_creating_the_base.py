# %% [markdown] lang="en"
# # Block 5 · Technology of creating the customer base
# *(«Технология создания клиентской базы» — seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see**
# - The **client card** (карточка клиента): everything the company knows about one client on one page — find
#   any client by name, ИНН or code — and how complete the cards are.
# - The **client profile** (профиль клиента): what the most profitable clients look like, which of today's
#   clients already look like them, and where in the market to look for more.
# - **"Managing the future"** («управление будущим»): from the company's goals (growth, margin, new clients) to
#   a plan for next year by segment and by client, starting from what each client buys anyway.
# - The **region and segment passport** (паспорт региона / сегмента): clients by stage, money, growth,
#   potential, our share and how many of the market's companies are already ours.
#
# The seminar's point: a customer base is built, not collected. The card and the profile are its tools; the plan
# and the passport show where to take it next.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the analysis (cards, profile, plan, passport); None means the last sales date
client_id = None  # the client whose card is shown first; None means the largest client of the last 12 months
profile_top_share = 0.2  # the share of most profitable clients that makes the profile (per segment)
growth_goal = 0.20  # company goal: revenue growth of the plan year over the last full year (0.20 is +20%)
margin_goal = 0.20  # company goal: gross margin rate of the plan year (0.20 is 20%); None means no margin goal
new_clients_goal = None  # company goal: new clients in the plan year; None means as many as were won last year
plan_year = None  # the plan year; None means the year after the last full year of data
passport_by = "region"  # "region" or "segment": the cell of the passport

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    Goals,
    base_year,
    card_fill,
    client_card,
    client_features,
    client_pnl,
    client_profile,
    client_stages,
    manager_load,
    market_matches,
    new_clients_won,
    plan_by_client,
    plan_by_segment,
    plan_vs_actual,
    profile_match,
)
from kbcore.analyses.passport import passport
from kbcore.charts import (
    plot_card_trend,
    plot_passport,
    plot_plan_by_segment,
    plot_plan_vs_actual,
    plot_profile,
    use_style,
)
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views import (
    card_fill_table,
    card_html,
    creation_figures,
    passport_stage_table,
    passport_table,
    people_labels,
    plan_summary_table,
    profile_groups_table,
    profile_view,
)
from kbcore.widgets import card_browser, plan_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# One call reads the company's files (or the demo company), maps the headers onto the canonical tables and
# checks them. The data-quality report below says what was read, what was dropped and why, and what is missing.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales reduced once; every analysis below uses it
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
stages = client_stages(facts, ds.clients)
features = client_features(facts, ds.clients, ds.products)
pnl = client_pnl(facts, ds.clients, ds.interactions)
has_cards = ds.has("clients") and not ds.quality.stats("clients").derived  # cards, not just names from the sales
has_traits = any(ds.has("clients", c) for c in ("segment", "size", "region", "acquisition_channel"))

# %% [markdown] lang="en"
# ## 1. The client card (карточка клиента)
# A card is one page per client: who it is (ИНН, segment, region, manager), how it buys (revenue and margin by
# year, how often, how broad an assortment, when last), what it could buy (potential and our share of its
# wallet), who decides (the DMU, лица, принимающие решение) and what was said last. First, how complete are the
# cards today? Each row is a card field and the share of clients who have it filled.

# %%
fill = card_fill(ds.clients, facts=facts, contacts=ds.contacts, interactions=ds.interactions)
ui.styled(card_fill_table(fill, lang), lang, ints=["filled"], pct=["filled_share"], max_rows=None)

# %%
if not has_cards or (not ds.has("clients", "segment") and not ds.has("clients", "tax_id")):
    display(Markdown(ui.needs("need.card_fields", "need.card_fields.how", lang)))
if ds.contacts is None:
    display(Markdown(ui.needs("need.contacts", "need.contacts.how", lang)))
if ds.interactions is None:
    display(Markdown(ui.needs("need.interactions", "need.interactions.how", lang)))

# %% [markdown] lang="en"
# **Find a client.** Type part of a name, an ИНН or a client code, pick the client, and its card appears. (The
# search works in JupyterLab; a report shows the card below it.)

# %%
example = client_id if client_id is not None else features.sort_values(
    ["revenue_12m", "client_id"], ascending=[False, True])["client_id"].iloc[0]

# %% tags=["widget"]
card_browser(facts, ds.clients, products=ds.products, contacts=ds.contacts, interactions=ds.interactions,
             stages=stages, lang=lang, client_id=example)

# %%
card = client_card(facts, ds.clients, example, products=ds.products, contacts=ds.contacts,
                   interactions=ds.interactions, stages=stages)
display(HTML(card_html(card, lang)))

# %%
ax = plot_card_trend(card.years, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The fields nobody fills (the weakest rows of the table), and on a card: the trend of
# revenue *and* margin, the days since the last order against the usual days between orders, the share of
# wallet, and how many people in the client's buying centre we know. One contact is one phone call from losing
# the client.
#
# **What to do about it.** Agree on the card's compulsory fields and who fills them; make the data gaps of each
# key client a task for its manager this month. A new client gets a card before its first invoice.

# %% [markdown] lang="en"
# ## 2. The client profile (профиль клиента): who are our best clients?
# Ranked by client profit (block 1: gross margin minus the cost to serve), the top share of clients of each
# segment is compared with the rest: who they are (segment, size, region, acquisition channel) and how they buy
# (assortment breadth, orders a year, days between orders). A trait counts in the profile-match score when the
# best clients have it clearly more often than the others (lift of at least 1.1).

# %%
profile = client_profile(features, pnl, top_share=profile_top_share)
for note in profile.notes:
    display(Markdown(t(note, lang)))
ui.styled(profile_view(profile, "all", lang), lang, max_rows=None)

# %%
ax = plot_profile(profile, category="all", lang=lang)
plt.show()

# %%
if not has_traits:
    display(Markdown(ui.needs("need.profile_traits", "need.profile_traits.how", lang)))

# %% [markdown] lang="en"
# The profile of each segment separately (the same traits, the segment's own best clients):

# %%
groups = profile_groups_table(profile, lang)  # without costs the measure is revenue, shown once
ui.styled(groups, lang, money=[c for c in groups.columns if c.endswith(("_top", "_rest"))],
          ints=["top_count"], max_rows=None)

# %% [markdown] lang="en"
# **Look-alikes: clients who fit the profile but are not among the best yet.** These are the clients to develop
# first: they look like the best ones, so the potential is likely there.

# %%
matches = profile_match(features, profile)
lookalikes = matches.loc[~matches["top"]].head(15)
ui.styled(people_labels(lookalikes[["client_id", "name", "category", "score", "matched", "traits", "revenue"]], lang), lang,
          pct=["score"], ints=["matched", "traits"], max_rows=None)

# %% [markdown] lang="en"
# **Where to look for new clients like them:** market cells (segment × region) ranked by how well they fit the
# profile times the companies that are not our clients yet.

# %%
market = market_matches(ds.market, features, profile)
if market.empty:
    display(Markdown(ui.needs("need.market", "need.market.how", lang)))
else:
    display(ui.styled(market.head(10), lang, money=["consumption_per_company", "prospect_volume"],
                      ints=["companies", "our_clients", "prospects"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** The traits with the largest lift: they describe the client worth having. A segment whose
# best clients earn little is not a target, however many companies it has.
#
# **What to do about it.** Give each manager their look-alike clients with a development plan (assortment they
# do not buy yet, order rhythm), and point prospecting at the top market cells, not at whoever answers the phone.

# %% [markdown] lang="en"
# ## 3. Goals to targets: «управление будущим» (managing the future)
# A plan is not "last year plus 20% for everybody". Each client first gets a **baseline**: its last full year
# moved by its own trend (the mean growth of its last two years, limited to −30%…+30%; a lost client plans
# nothing). The company's goal is `(1 + growth goal) × last year's revenue`; what new clients bring is set aside
# (`new clients goal × what a new client bought in its first year`), and the rest of the gap is spread over the
# clients with room to grow — their potential minus their baseline (by revenue when potentials are unknown).

# %%
last_full_year = base_year(facts) if plan_year is None else int(plan_year) - 1
n_new = new_clients_won(facts, year=last_full_year) if new_clients_goal is None else int(new_clients_goal)
goals = Goals(growth=growth_goal, margin_rate=margin_goal, new_clients=n_new)
plan_stages = stages if plan_year is None else None  # stages are of the analysis date: only for the next year's plan
plan = plan_by_client(facts, ds.clients, goals=goals, year=plan_year, stages=plan_stages)
a = plan.attrs
ui.styled(plan_summary_table(plan, lang), lang, money=["value"], max_rows=None)

# %%
if a["revenue_base"] <= 0:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
elif a["allocation"] == "revenue":
    display(Markdown(ui.needs("need.potential", "need.potential.how", lang)))
if not (ds.has("clients", "manager") and ds.has("clients", "segment")):
    display(Markdown(ui.needs("need.plan_groups", "need.plan_groups.how", lang)))

# %%
segments = plan_by_segment(plan, facts=facts, clients=ds.clients)
ui.styled(people_labels(segments, lang), lang, ints=["new_clients"], pct=["plan_growth", "plan_share"],
          money=["revenue_base", "baseline", "uplift", "new_clients_plan", "plan", "plan_margin"], max_rows=None)

# %%
ax = plot_plan_by_segment(segments, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the goals: the baselines do not change, only what the goal adds and where. (The sliders
# work in JupyterLab; a report shows the chart above.)

# %% tags=["widget"]
plan_explorer(facts, ds.clients, goals=goals, year=plan_year, lang=lang, stages=plan_stages)

# %% [markdown] lang="en"
# The clients who carry most of the growth the goal asks for (their plan minus their own trend):

# %%
carriers = plan.sort_values(["uplift", "client_id"], ascending=[False, True]).head(15)
ui.styled(people_labels(carriers[["client_id", "name", "segment", "manager", "revenue_base", "baseline", "plan",
                                  "plan_growth", "potential", "over_potential"]], lang), lang,
          money=["revenue_base", "baseline", "plan"], pct=["plan_growth"], max_rows=None)

# %% [markdown] lang="en"
# **Does the method work? Check it on the past.** The same plan made at the start of the last full year, from
# the data known then, against what really happened (by segment):

# %%
check_year = base_year(facts)
if check_year - 1 >= int(facts.sales["date"].min().year):
    past_plan = plan_by_client(facts, ds.clients, goals=goals, year=check_year)
    past = plan_vs_actual(past_plan, facts, by="segment")
    display(ui.styled(people_labels(past, lang), lang, money=["plan", "actual", "deviation", "expected"],
                      pct=["completion", "pace"], max_rows=None))
    ax = plot_plan_vs_actual(past, lang=lang)
    plt.show()
    load = manager_load(plan, stages)
    display(ui.styled(people_labels(load, lang), lang, ints=["key_clients", "lost_clients"], pct=["plan_growth", "clients_share",
                      "plan_share"], money=["revenue_base", "baseline", "plan"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** The gap between the baselines and the goal: that is the growth that has to be *made*
# (new assortment, new clients), not just expected. A plan above a client's potential is wishful thinking; a
# margin plan below the margin goal says the growth comes from the wrong clients.
#
# **What to do about it.** Discuss each key client's plan with its manager, client card in hand: potential,
# share of wallet, what they do not buy from us yet. Set the new-client goal by segment from the profile, and
# control the plan monthly by manager and segment (block 6).

# %% [markdown] lang="en"
# ## 4. The region / segment passport (паспорт региона / сегмента)
# One row per region (or segment, the `passport_by` parameter): our clients and their stages, revenue and margin,
# last year's growth, the potential of our clients and our share of their wallet, our share of the market
# volume, **penetration** (our active clients out of the market's companies), the largest clients and the
# managers who cover it.

# %%
pp = passport(facts, ds.clients, by=passport_by, market=ds.market, stages=stages, features=features)
ui.styled(passport_table(pp, lang), lang,
          ints=["active_clients", "companies"], pct=["growth", "share", "share_of_wallet", "penetration"],
          money=["revenue_12m", "market_volume"], max_rows=None)

# %%
ax = plot_passport(pp, lang=lang)
plt.show()

# %% [markdown] lang="en"
# Clients by lifecycle stage (block 2) in each cell:

# %%
ui.styled(passport_stage_table(pp, lang), lang,
          ints=[c for c in pp.columns if c.startswith("stage_")], max_rows=None)

# %%
if not ds.has("clients", passport_by):
    display(Markdown(ui.needs("need.passport_cells", "need.passport_cells.how", lang)))
if ds.market is None:
    display(Markdown(ui.needs("need.market", "need.market.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Cells with low penetration and a high share of lost or declining clients; cells that
# depend on one manager; regions where our share of the market is far below our share elsewhere.
#
# **What to do about it.** Give each region or segment an owner and a passport review every quarter: who the new
# clients should be (the profile), whom to win back (the lost clients in the cell), and whether the coverage
# (managers, visits) matches the money there.

# %% [markdown] lang="en"
# ## Key figures of block 5

# %% tags=["key-figures"]
creation_figures(fill=fill, profile=profile, matches=matches, market=market, plan=plan, passport_table=pp,
                 has_clients=has_cards, has_traits=has_traits, has_market=ds.market is not None,
                 has_cost=ds.has("sales", "cost"), lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in `exercises/kb/05_creating_the_base.ipynb` (the trainer's answers
# are in `solutions/kb/05_creating_the_base.ipynb`). Then block 6: managing through the customer base —
# segmentation, the plan by manager and its control.
