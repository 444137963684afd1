# %% [markdown] lang="en"
# # Block 6 · How to manage the customer base
# *(«Как управлять клиентской базой» или «TBEM» — total business experience management; seminar "Customer base and
# key clients: audit, creation, management")*
#
# **What you will see** — the tools of the seminar's block, in its order:
# - How far the company is from the 80/20 rule (закон В. Парето) — in revenue and in client profit; what the clients
#   value and how we compare with the competitors (модель «KSF» & «CSF»).
# - The three money zones (модель «Три зоны денег»): money in hand, on the table, in the market — and where the next
#   rouble is easiest to win.
# - The lifecycle algorithm (every client at its stage, every stage with its action) and the risk that a new client
#   never orders again after the first order (риск отказа от сотрудничества при первом заказе).
# - The segmentation of the customer base (сегментирование «КБ»): ABC by money, XYZ by the regularity of purchases,
#   the ABC×XYZ matrix with an action for each cell, and RFM segments (champions, loyal, at risk, lost …).
# - The management functions run through the base: plan by client, the managers' load, plan against actual by
#   manager and by segment.
# - Back to the CRM: one client table with every class, stage and next action, ready to import into 1C, Bitrix24
#   or amoCRM — so that the analysis changes the managers' daily work.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (RFM, lifecycle, CRM table); None means the last sales date
# ABC: cumulative-share cuts (A up to 80%, B up to 95%) and the measure: "revenue", "gross_margin" or "profit"
abc_cuts = (0.80, 0.95)
abc_measure = "revenue"
# XYZ: coefficient of variation of monthly purchases over the last full months
xyz_months = 12  # length of the XYZ window in months (also the window of the ABC x XYZ matrix)
xyz_min_months = 6  # fewer months of history in the window means class N (new or too short a history)
xyz_thresholds = (0.10, 0.25)  # the classic bounds (X up to 10%, Y up to 25%), made for goods
xyz_thresholds_clients = (0.50, 1.00)  # bounds for B2B clients used by the matrix and the CRM table
# RFM: fixed cut points (ties always share a score)
rfm_window_days = 365  # frequency and monetary count the last this many days
rfm_recency_days = (30, 90, 180, 365)  # R is 5 up to 30 days since the last purchase, 4 up to 90 …, 1 above 365
rfm_frequency = (2, 6, 12, 24)  # F is 1 below 2 purchase days in the window, 2 from 2 …, 5 from 24
# KSF/CSF
ksf_file = None  # your KSF table (CSV or Excel); None means the example data/templates/ksf.csv
# Three money zones (our reading of the author's model; every rule is a parameter)
money_window_days = 365  # money in hand counts the revenue of the last this many days up to as_of
impute_potential = "segment_median"  # clients without a potential: "segment_median" or "none" (left out)
weight_active = 1.0  # ease weight of money on the table at a client who bought in the window
weight_inactive = 0.5  # ease weight of money on the table at a client who did not buy in the window
weight_market = 0.2  # ease weight of money in the market (companies that are not our clients yet)
# Risk after the first order
min_follow_days = 183  # a new client enters the conversion rates after this many days (six months)
risk_recent_days = 90  # the risk list covers one-order clients whose first order is at most this many days old
# Plan (block 5): the growth goal used for the plan-versus-actual check of the last full year
plan_growth = 0.15
crm_folder = None  # folder where the CRM files are written; None means show the table, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import TEMPLATE as KSF_TEMPLATE
from kbcore.analyses import (
    ZONES,
    Goals,
    RFMRules,
    ZoneRules,
    abc,
    abc_summary,
    abc_xyz_matrix,
    base_year,
    client_pnl,
    client_stages,
    clients_due,
    crm_table,
    first_order_risk,
    ksf_scores,
    last_full_months,
    manager_load,
    new_clients,
    next_rouble,
    pareto_curves,
    pareto_table,
    plan_by_client,
    plan_vs_actual,
    read_ksf,
    rfm,
    rfm_summary,
    second_order_conversion,
    stage_counts,
    targets_vs_actual,
    time_to_second_order,
    xyz,
    xyz_summary,
    zone_table,
)
from kbcore.analyses.money_zones import money_zones
from kbcore.app.crm import write_crm
from kbcore.charts import (
    plot_abc,
    plot_abc_xyz,
    plot_conversion,
    plot_ksf,
    plot_manager_load,
    plot_money_zones,
    plot_pareto,
    plot_plan_vs_actual,
    plot_rfm_segments,
    plot_time_to_second,
    use_style,
)
from kbcore.facts import Facts
from kbcore.i18n import catalogue, fmt_number, fmt_pct, t
from kbcore.views import (
    abc_xyz_actions,
    cohort_note,
    conversion_table,
    counts_table,
    crm_texts,
    due_table,
    factors_table,
    ksf_figures,
    labelled,
    money_zones_figures,
    next_rouble_table,
    pareto_view,
    retention_figures,
    rfm_rules,
    risk_table,
    segmentation_figures,
    segments_view,
    stage_actions,
    totals_table,
    zones_note,
    zones_view,
)
from kbcore.widgets import abc_explorer, retention_explorer, zone_weights_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# One call reads the company's files (or the demo company), maps the headers onto the canonical tables and
# checks them. The data-quality report below says what was read, what was dropped and why, and what is missing.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
snapshot = facts.as_of  # the analysis date: as_of, else the last sales day
has_cost = ds.has("sales", "cost")
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)
measures = ("revenue", "profit") if has_cost else ("revenue",)

# %% [markdown] lang="en"
# ## 1. The 80/20 rule: how many clients make the money?
# Pareto's law (закон В. Парето) in sales says that about 20% of the clients bring about 80% of the money. Is it true
# here — and for which money? Below: the share of revenue and of client profit (block 1: gross margin minus the cost
# to serve) that the best 20% of clients bring, and how many clients it takes to make 80%.

# %%
pareto = pareto_table(pnl, measures)
ui.styled(pareto_view(pareto, lang), lang, pct=["top_share", "target_client_share", "gap"], ints=["target_clients"])

# %%
ax = plot_pareto(pareto_curves(pnl, measures), pareto, lang=lang)
plt.show()

# %%
if not has_cost:
    display(Markdown(ui.needs("need.segmentation.profit", "need.segmentation.profit.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** The dot on each curve is what the top 20% of clients bring. Revenue close to 80% means a
# "normal" base; far above means dependence on a few clients; far below means a flat base of similar clients. The
# profit curve usually climbs above 100%: the best clients earn more than the whole profit and the others give part
# of it back (block 1's whale curve).
#
# **What to do about it.** The few clients who make 80% of the profit deserve key-account care (block 7). The long
# tail needs a cheaper way to be served, not more visits.

# %% [markdown] lang="en"
# ## 2. KSF and CSF: what do clients value, and how do we compare?
# Key and critical success factors (модель «KSF» & «CSF», КФУ): the handful of things on which a client chooses a
# supplier — delivery time, assortment in stock, price, payment terms, technical advice, reliability, documents.
# Each factor has a **weight** (how much it matters to the client; the weights add up to 100%) and every player —
# us and each competitor — a **score** from 1 (poor) to 5 (excellent). The weighted score Σ weight × score says whom
# the client would choose; the gap to the best competitor, factor by factor, says where to invest.
#
# This table is not in any export: the sales team fills it in (better: ask clients). Without `ksf_file` the
# notebook shows an **example** — a typical industrial distributor, not your company: every table, chart and key
# figure made from it says "example". Copy `data/templates/ksf.csv`, put your own factors, weights and scores in it
# and set `ksf_file` in the parameters.

# %%
ksf_table = read_ksf(KSF_TEMPLATE if ksf_file is None else ksf_file)
ksf_result = ksf_scores(ksf_table)
if ksf_result.note:
    display(Markdown(t(ksf_result.note, lang, total=fmt_number(ksf_result.weight_sum, lang, 2))))
ui.styled(totals_table(ksf_result, lang), lang, ints=["rank"]).set_caption(
    labelled(ksf_result, t("ksf.table.totals", lang), lang))

# %%
ui.styled(factors_table(ksf_result, lang), lang, pct=["weight"]).set_caption(
    labelled(ksf_result, t("ksf.table.factors", lang), lang))

# %%
ax = plot_ksf(ksf_result, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The factors at the top weigh most. A red bar there — we score below the best competitor on
# what the client values most — costs more than any green bar lower down can win back. Compare the weighted scores:
# a competitor slightly ahead overall usually wins the tender.
#
# **What to do about it.** Fix the heaviest red gap first (here: assortment in stock and price), and sell with the
# green ones (technical advice, payment terms): they are the arguments of the sales pitch. Check the weights with the
# clients themselves once a year — the seller's view of "what matters" is often wrong.

# %% [markdown] lang="en"
# ## 3. The three money zones: where is the next rouble easiest to win?
# The seminar author's model «Три зоны денег» (an algorithm for bringing clients into the base) in our reading:
#
# - **money in hand** (деньги в руках): what the current clients buy from us — their revenue of the last
#   `money_window_days` days;
# - **money on the table** (деньги на столе): what our clients buy from others — their potential (estimated yearly
#   purchases of our category, `clients.potential`) minus what they buy from us;
# - **money in the market** (деньги на рынке): what the companies of our segments that are not our clients yet buy —
#   per market cell (segment × region): companies minus our clients, times the purchases of one company.
#
# Clients without a potential get the median potential of their segment (`impute_potential`), and the notebook says
# how many.

# %%
zone_rules = ZoneRules(window_days=money_window_days, impute_potential=impute_potential,
                       weight_active=weight_active, weight_inactive=weight_inactive, weight_market=weight_market)
zones = money_zones(facts, ds.clients, ds.market, rules=zone_rules)
print(zones_note(zones, lang))
zones_by_segment = zone_table(zones, by="segment")
ui.styled(zones_view(zones_by_segment, lang), lang, money=[*ZONES, "money_total"], ints=["active_clients"])

# %%
if not zones.notes["potential_known"]:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))
if not zones.notes["market_known"]:
    display(Markdown(ui.needs("need.zones.market", "need.zones.market.how", lang)))
if not (ds.has("clients", "segment") and ds.has("clients", "region")):
    display(Markdown(ui.needs("need.zones.segment", "need.zones.segment.how", lang)))

# %%
ax = plot_money_zones(zones_by_segment, lang=lang)
plt.show()

# %% [markdown] lang="en"
# The market dwarfs everything else — that is normal, and it is the model's first lesson: the money we hold is a
# small part of the money there is. Without the market, by region: how much of our own clients' potential do we
# take?

# %%
zones_by_region = zone_table(zones, by="region")
ax = plot_money_zones(zones_by_region, lang=lang, zones=("money_in_hand", "money_on_table"))
plt.show()

# %% [markdown] lang="en"
# **Where is the next rouble easiest?** Every piece of money still to win is ranked by an *ease score* = money ×
# the weight of its zone: on the table of an active client (`weight_active`, 1.0 — the door is open), on the table of
# a client who stopped buying (`weight_inactive`, 0.5 — the door must be reopened), in the market (`weight_market`,
# 0.2 — a new client must be won first; a market cell counts as one more company of that cell). The weights are a
# judgement, not a measured probability: move the sliders and watch the list reorder.

# %%
ranked = next_rouble_table(next_rouble(zones, top=15), lang)  # only the 15 rows shown are put in words
ui.styled(ranked[["rank", "what", "label", "segment", "region", "money", "weight", "ease_score", "why"]], lang,
          money=["money", "ease_score"], max_rows=15)

# %% tags=["widget"]
zone_weights_explorer(zones, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** How much money is on the table compared with the money in hand — that is the share of wallet
# we do not have with clients who already know us. Which segments and regions hold it, and which few clients hold
# the most.
#
# **What to do about it.** Start with the top of the list: a named manager, a visit and an offer for the money on
# the table of each large active client (ask what else they buy and from whom). Reopen the door of the inactive
# clients with the largest potential. Go into the market last, into the cells where one new company buys the most —
# and keep the potentials in the client cards up to date, or this list is a guess.

# %% [markdown] lang="en"
# ## 4. The lifecycle algorithm: every client at its stage, every stage with its action
# Block 2 placed every client at a stage of its life with the company (new, developing, regular, key, declining,
# lost, won back). The lifecycle algorithm (алгоритм жизненного цикла клиента в «КБ») gives each stage one standard
# action, an owner and a deadline:

# %%
stages = client_stages(facts, ds.clients)
ui.styled(counts_table(stage_counts(stages), lang), lang, money=["revenue_window"], pct=["revenue_share"],
          max_rows=None)

# %%
ui.styled(stage_actions(lang).drop(columns="stage_id"), lang, ints=["due_days"], max_rows=None)

# %% [markdown] lang="en"
# The work list it makes today: the clients due for their stage's action, the most urgent first.

# %%
due = due_table(clients_due(stages, ds.clients), lang)
ui.styled(due[["client_id", "name", "manager", "stage", "action", "why"]], lang, max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** The declining clients at the top of the list: their rhythm broke or their revenue fell, and
# they still buy — the cheapest clients to keep.
#
# **What to do about it.** Make the list the managers' Monday routine: the action, the owner and the deadline are
# already written.

# %% [markdown] lang="en"
# ## 5. Risk of refusal to cooperate after the first order
# The seminar's model «Риск отказа от сотрудничества при первом заказе»: a client who ordered once and never again
# cost the whole effort of winning it. **New clients** are the cards created in the analysed period (or, without card
# dates, clients whose first order comes well after the data begins); an **order** is one document. Only clients who
# had `min_follow_days` (six months) to order again enter the rates.

# %%
new = new_clients(facts, ds.clients, min_follow_days=min_follow_days)
print(cohort_note(new, lang))
if new.attrs.get("rule") != "created":
    display(Markdown(ui.needs("need.retention.created", "need.retention.created.how", lang)))
conv_cols = ["group", "clients", "repeat_clients", "one_order_clients", "one_order_share", "second_order_rate",
             "median_days_to_second"]
conv_ints = ["repeat_clients", "one_order_clients", "median_days_to_second"]
ui.styled(conversion_table(second_order_conversion(new), lang)[conv_cols], lang,
          pct=["one_order_share", "second_order_rate"], ints=conv_ints)

# %% [markdown] lang="en"
# Which new clients do not come back? By the channel that brought them (clients.acquisition_channel):

# %%
has_channel = ds.has("clients", "acquisition_channel")
if has_channel:
    by_channel = second_order_conversion(new, by="acquisition_channel")
    display(ui.styled(conversion_table(by_channel, lang)[conv_cols], lang, pct=["one_order_share", "second_order_rate"],
                      ints=conv_ints))
    ax = plot_conversion(by_channel, lang=lang)
    plt.show()
else:
    display(Markdown(ui.needs("need.retention.channel", "need.retention.channel.how", lang)))

# %% [markdown] lang="en"
# And by the size and the discount of the first order, by segment, by manager and by the year the client came:

# %%
for grouping in ("size_band", "discount_band", "segment", "manager", "cohort"):
    display(Markdown(f"**{t('ret.widget.by', lang)} {t(f'ret.by.{grouping}', lang)}**"))
    display(ui.styled(conversion_table(second_order_conversion(new, by=grouping), lang)[conv_cols], lang,
                      pct=["one_order_share", "second_order_rate"], ints=conv_ints))

# %% [markdown] lang="en"
# **How soon does the second order come?** A Kaplan–Meier curve (Kaplan & Meier, 1958) uses every new client, the
# most recent too: a client who has not reordered *yet* counts as long as we have watched it (right-censored at the
# analysis date). The curve is the share of new clients who have ordered again t days after the first order; where
# it flattens, the clients who have not come back by then mostly never will.

# %%
curve = time_to_second_order(new, by="acquisition_channel" if has_channel else None)
ax = plot_time_to_second(curve, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Choose another grouping (size or discount of the first order, segment, manager) and how many days to
# show. (The selector works in JupyterLab; a report shows the charts above.)

# %% tags=["widget"]
retention_explorer(new, lang=lang, by="acquisition_channel" if has_channel else "size_band")

# %% [markdown] lang="en"
# **Today's first-order clients, ranked by risk.** Clients with one order so far whose first order is at most
# `risk_recent_days` old (90 days by default: after a quarter most of the clients who will ever reorder have done so,
# and the older one-order clients are block 2's lost or declining ones). The rule is transparent: the risk that
# similar clients never reorder (the mean of the one-order shares of the client's channel and of its first-order size
# band), raised the longer the client has waited compared with how soon repeat clients usually reorder (Bayes:
# risk = p / (p + (1 − p) · W), W = the share of repeat clients who took longer than this client has waited so far).
# The reasons are written next to each client.

# %%
risk = first_order_risk(new, recent_days=risk_recent_days)
ui.styled(risk_table(risk.head(15), lang)[["rank", "client_id", "name", "acquisition_channel", "first_date",
                                          "first_revenue", "days_since_first", "risk", "level", "why"]], lang,
          money=["first_revenue"], pct=["risk"], ints=["days_since_first"], max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** The channels and first-order sizes with the highest one-order share, and how fast the curve
# flattens: when most second orders come within a month or two, a client silent for three months is nearly lost.
#
# **What to do about it.** Treat the first order as the start of the sale, not its end: a call within a week after
# delivery, a reason for the second order (a sample, the rest of the assortment, a delivery schedule), and a named
# manager for every client from a risky channel. Work the risk list from the top every week. Ask what the channels
# with few second orders bring you (marketplace buyers looking for a one-off price) before paying more for them.

# %% [markdown] lang="en"
# ## 6. ABC: which clients are the money
# ABC sorts the clients by a measure, from the largest, and cuts the cumulative share: **A** while the clients above
# have made less than 80% (the client that crosses 80% is still A), **B** up to 95%, **C** the rest. Clients with a
# negative measure (a loss) are always C. The cuts and the measure are parameters.

# %%
measure = abc_measure if abc_measure in pnl.columns and pnl[abc_measure].notna().any() else "revenue"
classes = abc(pnl, measure=measure, cuts=abc_cuts)
classes_summary = abc_summary(classes)
ui.styled(classes_summary.rename(columns={"value": measure}), lang, money=[measure], pct=["value_share"])

# %%
ax = plot_abc(classes_summary, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the cuts or change the measure: how many clients are A by revenue, and how many by profit?
# (The sliders work in JupyterLab; a report shows the chart above.)

# %% tags=["widget"]
abc_explorer(pnl, measures=measures + (("gross_margin",) if has_cost else ()), measure=measure,
             cuts=abc_cuts, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The number of A clients against the number of managers: can each A client get real attention?
# Compare A by revenue with A by profit — the clients that are A in revenue but C in profit are bought volume.
#
# **What to do about it.** Give A clients a named manager and a plan; serve B clients regularly; move C clients to
# cheap channels (phone, e-mail, online ordering, a minimum order).

# %% [markdown] lang="en"
# ## 7. XYZ: how regularly do the clients buy?
# XYZ measures the regularity of a client's purchases by the **coefficient of variation** (CV) of its monthly
# revenue: CV = σ / mean, with the population σ, over the last full months, months without purchases counting as
# zero (from the client's first purchase in the window on: a client is not penalised for the months before it
# came). Clients with less history than `xyz_min_months` are **N** (new). First with the classic bounds of Russian
# practice — X up to 10%, Y up to 25% — made for the demand of a product:

# %%
xyz_start, xyz_end = last_full_months(snapshot, xyz_months)
regularity_classic = xyz(facts, start=xyz_start, end=xyz_end, thresholds=xyz_thresholds,
                         min_periods=xyz_min_months)
ui.styled(xyz_summary(regularity_classic), lang, pct=["client_share", "median_cv"])

# %% [markdown] lang="en"
# A B2B client that buys every few weeks has a monthly CV far above 25%, so with these bounds nearly every client is
# Z and the matrix would say nothing. For clients we use the bounds `xyz_thresholds_clients` (X up to 50%, Y up to
# 100% by default; set them equal to the classic ones to compare):

# %%
regularity = xyz(facts, start=xyz_start, end=xyz_end, thresholds=xyz_thresholds_clients,
                 min_periods=xyz_min_months)
ui.styled(xyz_summary(regularity), lang, pct=["client_share", "median_cv"])

# %% [markdown] lang="en"
# **What to look at.** The X clients are the ones you can plan: their purchases come like clockwork. Many Z clients
# among the large ones mean projects and tenders, or a client that buys from several suppliers.
#
# **What to do about it.** For the regular clients agree a supply schedule; for the irregular large ones ask why —
# the answer is often a competitor who gets the rest of the order.

# %% [markdown] lang="en"
# ## 8. The ABC×XYZ matrix: an action for every cell
# ABC (by the same measure, over the same months as XYZ) crossed with XYZ. Each cell gets a different way of working.

# %%
pnl_window = client_pnl(facts, ds.clients, ds.interactions, start=xyz_start, end=xyz_end)
window_measure = measure if pnl_window[measure].notna().any() else "revenue"
classes_window = abc(pnl_window, measure=window_measure, cuts=abc_cuts)
matrix = abc_xyz_matrix(classes_window, regularity)
ax = plot_abc_xyz(matrix, lang=lang)
plt.show()

# %%
actions = abc_xyz_actions(lang).merge(matrix[["cell", "clients", "value_share"]], on="cell")
ui.styled(actions[["cell", "clients", "value_share", "action"]], lang, pct=["value_share"], max_rows=None)

# %% [markdown] lang="en"
# **What to look at.** Where the money sits (the dark cells) and how many clients are in them. AX and AY are the core
# of the business; AZ are large but unpredictable; CZ are many clients who bring little.
#
# **What to do about it.** Write the cell into the client card (the CRM table at the end does it) and make the cell's
# action the manager's standard for those clients.

# %% [markdown] lang="en"
# ## 9. RFM: who buys now, who is slipping away
# **R**ecency — days since the client's last purchase; **F**requency — days with purchases in the last
# `rfm_window_days` (two orders of one day count once); **M**onetary — revenue in that window. Each is scored 1–5 by
# fixed cut points (parameters), so that clients with equal values always get equal scores: in B2B most clients share
# the same low frequency, and a quintile split that breaks ties by row order would put a third of them among the
# "champions". The segments follow the usual R×F segment grid, adapted (M orders the clients inside a segment):

# %%
rules = RFMRules(window_days=rfm_window_days, recency_days=tuple(rfm_recency_days),
                 frequency=tuple(rfm_frequency))
ui.styled(rfm_rules(lang), lang, max_rows=None)

# %%
scores = rfm(facts, rules=rules)
segments = rfm_summary(scores)
ui.styled(segments_view(segments, lang), lang, money=["monetary"], pct=["monetary_share"], ints=["median_recency"],
          max_rows=None)

# %%
ax = plot_rfm_segments(segments, lang=lang, window_days=rfm_window_days)
plt.show()

# %% [markdown] lang="en"
# The clients to call first: at risk and "can't lose them", the largest first.

# %%
names = ds.clients[["client_id", "name"]].drop_duplicates("client_id") if "name" in ds.clients.columns else None
at_risk = scores.loc[scores["rfm_segment"].isin(["cant_lose", "at_risk", "need_attention"])]
if names is not None:
    at_risk = at_risk.merge(names, on="client_id", how="left")
at_risk = segments_view(at_risk, lang)
cols = [c for c in ["client_id", "name", "rfm_segment", "recency_days", "frequency", "monetary"] if c in at_risk]
ui.styled(at_risk.sort_values(["monetary", "client_id"], ascending=[False, True])[cols], lang,
          money=["monetary"], ints=["recency_days", "frequency"], max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** How many clients are champions and loyal against how many are at risk or lost, and how much of
# the last year's revenue each group brought.
#
# **What to do about it.** Each segment has its action in the rule table above. The at-risk list is this week's call
# list for the managers; the lost clients are a win-back campaign, not a visit plan.

# %% [markdown] lang="en"
# ## 10. Management through the base: plan, organise, control
# The customer base carries the management functions (анализ, планирование, организация, контроль): the plan is made
# client by client (block 5), the clients are the managers' load, and the control compares plan and actual by manager
# and by segment. Here the last full year is checked against **our model's plan** — block 5's plan by client as if it
# had been made at the end of the year before, with the growth goal `plan_growth`: an exercise in control, not the
# company's own plan. The company's own plan is its targets table (`targets`: each manager's yearly targets), compared
# with the actual at the end of the section.

# %%
def people(df, column):
    """Block 5's row labels ("new_clients", "unknown") in the people's language (display only)."""
    keys = [f"plan.{v}" for v in df[column]]
    labels = [t(k, lang) if k in catalogue() else v for k, v in zip(keys, df[column], strict=True)]
    return df.assign(**{column: labels})


plan_year = base_year(facts, snapshot)
plan = plan_by_client(facts, ds.clients, goals=Goals(growth=plan_growth), year=plan_year)
load = manager_load(plan, stages)
load_columns = ["manager", "clients", "key_clients", "lost_clients", "revenue_base", "plan", "load_index"]
if plan.attrs["revenue_base"] <= 0:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
if not (ds.has("clients", "manager") and ds.has("clients", "segment")):
    display(Markdown(ui.needs("need.plan_groups", "need.plan_groups.how", lang)))
ui.styled(people(load, "manager")[load_columns], lang, money=["revenue_base", "plan"],
          ints=["key_clients", "lost_clients"], max_rows=None)

# %%
ax = plot_manager_load(load, lang=lang)
plt.show()

# %% [markdown] lang="en"
# Control against our model's plan, by manager and by segment:

# %%
by_manager = plan_vs_actual(plan, facts, by="manager")
control_columns = ["plan", "actual", "deviation", "completion"]
ui.styled(people(by_manager, "manager")[["manager", *control_columns]], lang,
          money=["plan", "actual", "deviation"], pct=["completion"], max_rows=None).set_caption(
    t("plan6.model_caption", lang, year=plan_year))

# %%
ax = plot_plan_vs_actual(by_manager, lang=lang)
plt.show()

# %%
by_segment = plan_vs_actual(plan, facts, by="segment")
ui.styled(people(by_segment, "segment")[["segment", *control_columns]], lang,
          money=["plan", "actual", "deviation"], pct=["completion"], max_rows=None).set_caption(
    t("plan6.model_caption", lang, year=plan_year))

# %% [markdown] lang="en"
# And against the company's own plan: each manager's revenue target for the year (the targets table) and the revenue
# of the clients the manager holds.

# %%
company_targets = targets_vs_actual(ds.targets, facts, ds.clients, year=plan_year)
revenue_targets = company_targets.loc[company_targets["kpi"] == "revenue"]
if revenue_targets.empty:
    display(Markdown(ui.needs("need.targets", "need.targets.how", lang)))
else:
    display(ui.styled(people(revenue_targets, "manager")[["manager", "target", "actual", "deviation", "completion"]],
                      lang, money=["target", "actual", "deviation"], pct=["completion"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** A manager with many more clients than the others (load index well above 1) cannot work them
# all; a segment far below its plan is a question for the segment's strategy, not only for its managers.
#
# **What to do about it.** Rebalance the clients between managers by load, not by history; review plan against actual
# every month by manager *and* by segment, and ask for each gap which clients made it.

# %% [markdown] lang="en"
# ## 11. Back to the CRM: one table for daily work
# An analysis changes nothing until its result is in the system the managers open every morning. One line per
# client: ABC and XYZ (last full months), RFM segment, lifecycle stage and the next action. `write_crm` writes it as
# `clients_for_crm.csv` (UTF-8, `;`, for Excel and 1C) and `clients_for_crm.xlsx`, ready for the import of 1C, Bitrix24
# or amoCRM. Text that begins with `=`, `+`, `-` or `@` gets a leading apostrophe so that no spreadsheet ever runs it
# as a formula (a phone number like `+7 …` gets one too — the price of safety).

# The table is assembled from the classes computed above (ABC and XYZ of section 8, the RFM segments of section 9, the
# stages of section 4), so it says exactly what this notebook showed.

# %%
crm = crm_texts(crm_table(facts, ds.clients, abc=classes_window, xyz=regularity, rfm=scores, stages=stages), lang)
ui.styled(crm, lang, money=["revenue_12m"], max_rows=10)

# %%
if crm_folder is not None:
    written = write_crm(crm, crm_folder)
    print(t("crm.written", lang, files=", ".join(str(p) for p in written)))

# %% [markdown] lang="en"
# **What to look at.** Does every client have a manager and a next action? A client without a manager is a client
# nobody works with.
#
# **What to do about it.** Import the table into the CRM every month (the analyst's `kbcore run` writes it) and let
# the managers' task lists follow the "next action" column.

# %% [markdown] lang="en"
# ## Key figures of block 6

# %% tags=["key-figures"]
targets_met = (fmt_pct(revenue_targets["actual"].sum() / revenue_targets["target"].sum(), lang)
               if len(revenue_targets) and revenue_targets["target"].sum() > 0 else ui.missing("need.targets", lang))
figures = [
    *segmentation_figures(pareto, classes_summary, matrix, segments, has_cost=has_cost, lang=lang),
    *money_zones_figures(zones, lang)[:2],
    *retention_figures(new, risk, lang)[1:2],
    *ksf_figures(ksf_result, lang)[:1],  # says "example" when ksf_file is None
    ui.Figure(t("kf6.crm_rows", lang), fmt_number(len(crm), lang)),
    ui.Figure(t("kf6.targets_completion", lang, year=plan_year), targets_met, "targets"),
]
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in `exercises/kb/06_managing_the_base.ipynb` (the trainer's answers are in
# `solutions/kb/06_managing_the_base.ipynb`). Then block 7: identifying the key clients and their role in the business.
