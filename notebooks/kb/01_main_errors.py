# %% [markdown] lang="en"
# # Block 1 · Main errors in sales management
# *(«Основные ошибки в управлении продажами» — seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see**
# - Revenue by year next to gross margin and the profit that is left after the cost of serving each client.
# - Which clients earn the company's money and which quietly lose it (the "whale curve").
# - What the clients won with deep discounts («жирные» клиенты, won with concessions) really bring.
# - How much the business depends on a few clients — who runs the business: you or your clients?
#
# The seminar's claim: chasing gross sales volume (валовые показатели сбыта) is the main error in sales
# management. Let us check it on the data.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
# Cost-to-serve model (RUB): what it costs to serve a client besides the goods themselves
cost_per_order = 1500.0  # handling one order (document): order entry, picking, invoicing
cost_per_delivery = 2500.0  # one delivery day: transport and unloading
cost_per_visit = 6000.0  # one sales visit: the manager's time and travel
credit_rate = 0.16  # yearly cost of money tied up in payment terms (deferred payment)
concession_threshold = 0.15  # a client whose average discount is at least this is a "concession client"

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    CostToServeRates,
    client_pnl,
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.charts import (
    plot_concentration,
    plot_concession,
    plot_whale_curve,
    plot_yearly,
    use_style,
)
from kbcore.facts import Facts
from kbcore.views import concentration_table, profitability_figures
from kbcore.widgets import cost_to_serve_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# One call reads the company's files (or the demo company), maps the headers onto the canonical tables and
# checks them. The data-quality report below says what was read, what was dropped and why, and what is missing.
# The sales lines of the period are then reduced once to facts (per client, order and year) that every
# section below shares.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end)
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
rates = CostToServeRates(
    per_order=cost_per_order,
    per_delivery=cost_per_delivery,
    per_visit=cost_per_visit,
    credit_rate=credit_rate,
)
has_cost = ds.has("sales", "cost")
has_discount = ds.has("sales", "discount")
pnl = client_pnl(facts, ds.clients, ds.interactions, rates=rates)
curve = whale_curve(pnl)
curve_summary = whale_summary(curve)

# %% [markdown] lang="en"
# ## 1. Revenue grows. Does profit?
# Gross figures by year: revenue, gross margin (revenue minus the cost of goods) and **client profit** — the
# gross margin minus the cost to serve each client: orders, deliveries, sales visits and the money tied up in
# payment terms. The rates are the parameters above; set them to your company's figures.

# %%
yearly = yearly_summary(facts, ds.clients, ds.interactions, rates=rates)
ui.styled(yearly, lang)

# %%
ax = plot_yearly(yearly, lang=lang)
plt.show()

# %%
if not has_cost:
    display(Markdown(ui.needs("need.cost", "need.cost.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Compare the slope of the revenue bars with the profit line. When revenue climbs year
# after year and profit stays where it was, the growth was bought: with discounts, with small frequent orders,
# with visits and deferred payments that nobody charged to the client.
#
# **What to do about it.** Stop setting plans in revenue alone. Put client profit (after cost to serve) next
# to revenue in every sales review, and ask for each large new client: what will it cost us to serve?

# %% [markdown] lang="en"
# ## 2. Which clients earn the money? The client P&L and the whale curve
# The client P&L (отчёт о прибыльности клиента) puts every client on one line: revenue, cost of goods, gross
# margin, each part of the cost to serve, and the profit that remains. The most profitable clients first:

# %%
ui.styled(pnl[["client_id", "name", "revenue", "gross_margin", "cost_to_serve", "profit"]], lang, max_rows=10)

# %% [markdown] lang="en"
# And the least profitable ones:

# %%
ui.styled(pnl[["client_id", "name", "revenue", "gross_margin", "cost_to_serve", "profit"]].tail(10), lang)

# %% [markdown] lang="en"
# The **whale curve** ranks clients from the most to the least profitable and adds up their profit. It rises
# above 100% — the best clients earn more than the company's whole profit — and then falls: the clients on the
# right give part of it back (Kaplan & Narayanan report peaks of 150–300% in real companies).

# %%
ax = plot_whale_curve(curve, curve_summary, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the sliders: what if a visit costs twice as much, or money is cheaper? The curve and the
# count of unprofitable clients follow. (The sliders work in JupyterLab; a report shows the chart above.)

# %% tags=["widget"]
cost_to_serve_explorer(facts, ds.clients, ds.interactions, rates=rates, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The height of the peak (how much profit the best clients make) and the length of the
# tail after it (how many clients give it back, and how much).
#
# **What to do about it.** Do not "fire" the tail: reprice it. Minimum order sizes, fewer visits and more
# phone or online ordering, shorter payment terms, or a service level that matches what the client pays.

# %% [markdown] lang="en"
# ## 3. The "fat" clients won with concessions
# Clients attracted with deep discounts (уступки) look big in revenue. Here clients whose average discount is at
# least the `concession_threshold` are compared with all the others: their share of revenue against their
# share of profit.

# %%
concession = concession_clients(pnl, threshold=concession_threshold)
ui.styled(concession, lang)

# %%
ax = plot_concession(concession, lang=lang)
plt.show()

# %%
if not has_discount:
    display(Markdown(ui.needs("need.discount", "need.discount.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** A group whose revenue bar is much taller than its profit bar — or whose profit is below
# zero — was bought, not won. Are these clients a fit for the company at all (their key success factors, КФУ)?
#
# **What to do about it.** Before the next tender or price concession, compute the client P&L you would get at
# that price. Tie discounts to what the client gives back: volume, payment terms, fewer deliveries.

# %% [markdown] lang="en"
# ## 4. Who runs the business: you or your clients?
# "If you have no customer base, you do not manage your business: your clients do." Dependence on a few
# clients in numbers: the share of the largest client, of the ten largest and of the top 20% in revenue, and the
# Herfindahl–Hirschman index (HHI) with its "effective number of clients" (1 / HHI).

# %%
conc = concentration(pnl, measure="revenue")
revenue_curve = whale_curve(pnl, measure="revenue")
concentration_table(conc, lang=lang).style.hide(axis="index")

# %%
ax = plot_concentration(revenue_curve, conc, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The verdict and the effective number of clients: losing one of them hurts as much as
# losing one of that many equal clients.
#
# **What to do about it.** Where dependence is high, the largest clients dictate prices and terms; build the
# customer base to make the business less dependent: develop the middle of the list and find new clients that
# fit the profile.

# %% [markdown] lang="en"
# ## Key figures of block 1

# %% tags=["key-figures"]
profitability_figures(yearly, curve_summary, concession, conc, has_cost=has_cost, has_discount=has_discount,
                      lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in `exercises/kb/01_main_errors.ipynb` (the trainer's answers are in
# `solutions/kb/01_main_errors.ipynb`). Then block 2: what a customer base is, compared with a list of clients.
