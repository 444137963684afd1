# %% [markdown] lang="bg"
# # Тема 4 · Стойност на клиента за периода на жизнения му цикъл (CLTV)
# *Семинар „Ключови показатели за ефективност“ (програма 004)*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Покупките на всеки клиент по години за последните пет пълни години и на тази основа **претеглената печалба**
#   от него (последните години тежат повече): колко печелим годишно от конкретен клиент.
# - Какви са възможностите за печалба от него в бъдеще и как да управляваме отношенията: карта „стойност ×
#   пазарен потенциал“ с действие за всяка клетка.
# - Вероятностните модели за клиенти, които купуват, когато пожелаят (BG/NBD и Pareto/NBD): проверка на модела,
#   вероятността клиентът още да купува, очакваните покупки, стойността на покупката (Gamma-Gamma) и CLV с
#   дисконтов процент — и капанът с единицата за време.
# - Ценните клиенти в риск: голяма досегашна стойност и малка вероятност още да купуват.

# %% [markdown] lang="en"
# # Topic 4 · Customer lifetime value (CLTV)
# *Seminar "Key performance indicators" (program 004)*
#
# **What you will see** — the topic's questions, in the program's order:
# - Each client's purchases by year over the last five full years and, on that basis, the **weighted profit** from
#   the client (recent years weigh more): how much we earn a year from a given client.
# - What the opportunities for future profit are and how to manage the relationship: a value × market potential map
#   with an action for each cell.
# - The probabilistic models for clients who buy when they like (BG/NBD and Pareto/NBD): the model check, the
#   probability that a client is still buying, the expected purchases, the value of a purchase (Gamma-Gamma) and the
#   CLV with a discount rate — and the time-unit trap.
# - The valuable clients at risk: a large value so far and a small probability of still buying.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната фирма ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата фирма; `None` (по подразбиране) е демонстрационната фирма.
#   `mapping` — YAML файл, който съпоставя заглавията на вашите колони със стандартните; `None` чете обичайните.
# - `lang` — езикът на текстовете, графиките и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на
#   анализа (краят на наблюдението за моделите); `None` е последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която данните назовават, иначе еврото.
# - `years` — колко пълни календарни години се сравняват (от 3 до 5 в семинара); `year_weights` — теглата на
#   годините от най-старата към най-новата (привеждат се към 100 %).
# - `value_cut`, `potential_cut` — границите на картата: число в пари или `"median"` (медианата).
# - `time_unit` — единицата за време на моделите: `"D"` ден, `"W"` седмица, `"M"` месец.
# - `discount_rate` — годишният дисконтов процент на CLV; `horizon_months` — хоризонтът на CLV в месеци.
# - `margin` — делът от оборота, който е печалба; `None` — печалбата от клиентите на евро оборот през
#   последната пълна година.
# - `p_alive_below` — ценен клиент с вероятност още да купува под тази граница е в риск.
# - `crm_folder` — папката за таблицата с клиентите за CRM (напр. `"crm/"`): темата добавя своите колони в
#   `kpi_clients_for_crm.csv` и `kpi_clients_for_crm.xlsx`; `None` само ги показва.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. `mapping` — a YAML
#   file that maps your column headers onto kbcore's; `None` reads the usual headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   analysis (the end of the observation for the models); `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `years` — how many full calendar years are compared (3 to 5 in the seminar); `year_weights` — the weights of the
#   years from the oldest to the newest (normalised to 100 %).
# - `value_cut`, `potential_cut` — the cut lines of the map: an amount of money or `"median"`.
# - `time_unit` — the models' unit of time: `"D"` day, `"W"` week, `"M"` month.
# - `discount_rate` — the yearly discount rate of the CLV; `horizon_months` — the CLV horizon in months.
# - `margin` — the share of the revenue that is profit; `None` is the clients' profit per euro of revenue in the
#   last full year.
# - `p_alive_below` — a valuable client whose probability of still buying is below this is at risk.
# - `crm_folder` — the folder of the client table for the CRM (e.g. `"crm/"`): the topic adds its columns to
#   `kpi_clients_for_crm.csv` and `kpi_clients_for_crm.xlsx`; `None` only shows them.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the analysis (the end of the models' observation); None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
years = 5  # full calendar years compared (3 to 5 in the seminar)
year_weights = [0.1, 0.15, 0.2, 0.25, 0.3]  # weights of the years, oldest first (normalised to 100 %)
value_cut = "median"  # cut of the weighted yearly value on the map: an amount, or "median"
potential_cut = "median"  # cut of the potential on the map: an amount, or "median"
time_unit = "W"  # the models' unit of time: "D" day, "W" week, "M" month
discount_rate = 0.10  # the yearly discount rate of the CLV
horizon_months = 36  # the CLV horizon, in months
margin = None  # share of the revenue that is profit; None means the clients' profit per euro of the last full year
p_alive_below = 0.5  # a valuable client below this probability of still buying is at risk
crm_folder = None  # folder for the client table of the CRM; None means show the columns, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import clv
from kbcore import views as ui
from kbcore.analyses.kpi_crm import value_part
from kbcore.analyses.profitability import rates_for
from kbcore.app.crm import update_kpi_crm
from kbcore.charts import use_style
from kbcore.charts.clv import (
    plot_clv_distribution,
    plot_p_alive_matrix,
    plot_repeat_fit,
    plot_value_map,
    plot_yearly_values,
)
from kbcore.facts import Facts
from kbcore.views import clv as cv
from kbcore.views.kpi_crm import crm_note, crm_preview
from kbcore.widgets.clv import clv_explorer, value_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на фирмата (или на демонстрационната фирма) се четат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва; сумите в левове се преобразуват в евро по фиксирания курс.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing; amounts in leva
# are converted to euro at the fixed rate.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. Покупки на клиента по години
# Методът на семинара започва от покупките на всеки клиент по години в стойност за последните 3–5 години. Тук
# годишната стойност е **печалбата от клиента**: брутният марж (оборот минус себестойност) минус разходите за
# обслужването му — поръчки, доставки, посещения, отсрочено плащане (ставките са в евро). Сравняват се само пълни
# календарни години. Таблицата показва най-ценните клиенти, графиката — осемте първи.

# %% [markdown] lang="en"
# ## 1. The client's purchases by year
# The seminar's method starts from each client's purchases by year, in value, over the last 3–5 years. Here the
# yearly value is the **profit from the client**: the gross margin (revenue minus the cost of goods) minus the cost
# to serve it — orders, deliveries, visits, payment terms (the rates are in euro). Only full calendar years are
# compared. The table shows the most valuable clients, the chart the first eight.

# %%
yearly = clv.client_yearly_value(facts, ds.clients, ds.interactions, years=years, rates=rates_for(money))
weighted = clv.weighted_client_value(yearly, year_weights)
trend = clv.value_trend(yearly)
if len(weighted):
    print(cv.measure_note(yearly, lang))
    display(cv.yearly_table(yearly, weighted, lang, clients=ds.clients, currency=money, top=15).style.hide(axis="index"))
else:
    display(Markdown(ui.needs("clv.need.sales", "clv.need.sales.how", lang)))
if yearly.attrs["measure"] == "revenue":
    display(Markdown(ui.needs("need.cost", "need.cost.how", lang)))

# %%
if len(weighted):
    ax = plot_yearly_values(yearly, weighted, top=8, clients=ds.clients, currency=money, lang=lang)
    plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Линиите, които падат: голям клиент, който купува все по-малко, още изглежда ценен по
# средната си стойност. Линиите, които растат: клиентите, които печелим.
#
# **Какво да правим.** За всеки голям клиент с падаща линия разберете причината (конкурент, собствено производство,
# спад на бизнеса му) преди следващото посещение.

# %% [markdown] lang="en"
# **What to look at.** The falling lines: a large client who buys less and less still looks valuable by its average.
# The rising lines: the clients we are winning.
#
# **What to do about it.** For each large client with a falling line find the reason (a competitor, its own
# production, its business shrinking) before the next visit.

# %% [markdown] lang="bg"
# ## 2. Колко печелим годишно от конкретен клиент
# **Претеглената годишна печалба** събира годините с тегла: последните години тежат повече, защото казват повече
# за следващата. Теглата по подразбиране (10, 15, 20, 25 и 30 %) са нашият прочит на метода на семинара, който
# не публикува свои тегла; водещият може да ги смени. Тенденцията е наклонът на годишната стойност: расте, спада
# или е стабилна (промяна под 5 % от средната годишно).

# %% [markdown] lang="en"
# ## 2. How much do we earn a year from a given client?
# The **weighted yearly profit** adds up the years with weights: recent years weigh more, because they say more
# about the next one. The default weights (10, 15, 20, 25 and 30 %) are our reading of the seminar's method, which
# publishes no weights of its own; the trainer may change them. The trend is the slope of the yearly value: rising,
# falling or stable (a change below 5 % of the mean a year).

# %%
if len(weighted):
    display(cv.weights_table(weighted, lang).style.hide(axis="index"))
    display(cv.top_clients_table(weighted, trend, lang, clients=ds.clients, currency=money, top=20).style.hide(axis="index"))
    print(cv.client_value_text(weighted, weighted["client_id"].iloc[0], lang, trend=trend, clients=ds.clients,
                               currency=money))

# %% [markdown] lang="bg"
# **Какво да гледаме.** Колко от общата стойност носят първите клиенти и дали някой от тях има тенденция „спада“:
# претеглената стойност вече го е свалила в класирането, но не достатъчно, ако спадът е само от миналата година.
#
# **Какво да правим.** Бюджетирайте индивидуалните предложения по претеглената стойност: колкото повече печелим от
# клиента, толкова повече можем да вложим в него — при условие че тенденцията не е надолу.

# %% [markdown] lang="en"
# **What to look at.** How much of the total value the first clients bring, and whether any of them is falling: the
# weighted value has already moved it down the ranking, but not far enough if the drop is only last year's.
#
# **What to do about it.** Budget the individual offers on the weighted value: the more we earn from a client, the
# more we can invest in it — provided its trend is not down.

# %% [markdown] lang="bg"
# ## 3. Възможностите за печалба в бъдеще и как да управляваме отношенията
# Претеглената стойност казва колко печелим днес; пазарният потенциал на клиента (годишните му покупки от нашата
# категория, от картата на клиента) казва колко бихме могли. Двете заедно дават карта с четири клетки и действие за
# всяка: **развиване** (висока стойност, висок потенциал), **задържане** (висока стойност, нисък потенциал),
# **инвестиране** (ниска стойност, висок потенциал) и **по-евтино обслужване** (ниска стойност, нисък потенциал).
# Картата и действията са нашият прочит на въпросите на семинара („какви са възможностите за печалба в бъдеще, как
# да управляваме отношенията“); границите по подразбиране са медианите — половината клиенти от всяка страна.

# %% [markdown] lang="en"
# ## 3. The opportunities for future profit and how to manage the relationship
# The weighted value says how much we earn today; the client's market potential (its yearly purchases of our
# category, from the client card) says how much we could. Together they give a map of four cells with an action
# for each: **develop** (high value, high potential), **retain** (high value, low potential), **invest** (low value,
# high potential) and **serve at a lower cost** (low value, low potential). The map and its actions are our reading
# of the seminar's questions ("what are the opportunities for future profit, how to manage the relationship"); the
# default cut lines are the medians — half of the clients on each side.

# %%
value_map = clv.value_potential_map(weighted, ds.clients, value_cut=value_cut, potential_cut=potential_cut)
if value_map.attrs["missing"]:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))
else:
    display(cv.map_table(clv.map_cells(value_map), lang, currency=money).style.hide(axis="index"))
    ax = plot_value_map(value_map, currency=money, lang=lang)
    plt.show()

# %% [markdown] lang="bg"
# Клиентите за развиване, най-ценните първи:

# %% [markdown] lang="en"
# The clients to develop, the most valuable first:

# %%
if not value_map.attrs["missing"]:
    display(cv.map_clients_table(value_map, "develop", lang, clients=ds.clients, currency=money, top=15).style.hide(axis="index"))

# %% [markdown] lang="bg"
# **Опитайте.** Променете теглата на годините: кои клиенти сменят мястото си и клетката на картата? (Плъзгачите
# работят в JupyterLab; отчетът показва таблиците по-горе.)

# %% [markdown] lang="en"
# **Try it.** Change the weights of the years: which clients change place, and cell on the map? (The sliders work in
# JupyterLab; a report shows the tables above.)

# %% tags=["widget"]
value_explorer(yearly, ds.clients, weights=year_weights, value_cut=value_cut, potential_cut=potential_cut,
               currency=money, lang=lang)

# %% [markdown] lang="bg"
# **Какво да гледаме.** Клетката „развиване“: там е бъдещата печалба — ценни клиенти, които могат да купуват
# повече. Клетката „инвестиране“: малки днес, големи по потенциал.
#
# **Какво да правим.** Развиване: план за ключов клиент, нови продуктови групи, времето на търговеца първо за тях.
# Задържане: запазете обслужването и условията. Инвестиране: посещение и оферта с целевите продукти, но с бюджет,
# съразмерен на потенциала. По-евтино обслужване: по телефона или онлайн, не на загуба.

# %% [markdown] lang="en"
# **What to look at.** The "develop" cell: the future profit is there — valuable clients who can buy more. The
# "invest" cell: small today, large in potential.
#
# **What to do about it.** Develop: a key-account plan, new product lines, the sales representative's time first for
# them. Retain: keep the service and the terms. Invest: a visit and an offer of the target products, with a budget in
# proportion to the potential. Serve at a lower cost: by phone or online, never at a loss.

# %% [markdown] lang="bg"
# ## 4. Вероятностните модели: клиенти, които купуват, когато пожелаят
# Нашите клиенти нямат договор, който казва кога си отиват: клиент, който не е купувал от три месеца, може да е
# загубен или просто да има склад. Моделите „купува, докато не си отиде“ отговарят с вероятности. За всеки клиент
# им трябват три числа, в една единица за време (тук — седмица по подразбиране):
# - **повторни покупки** — дните с покупка след първия (няколко поръчки в един ден са една покупка);
# - **възраст при последната покупка** — времето от първата до последната покупка;
# - **възраст** — времето от първата покупка до деня на анализа.
#
# **BG/NBD** (Fader, Hardie & Lee, 2005): докато е активен, клиентът купува с постоянна честота, а след всяка
# покупка може да си отиде с някаква вероятност. **Pareto/NBD** (Schmittlein, Morrison & Colombo, 1987): клиентът
# може да си отиде по всяко време. И двата модела се построяват по метода на максималното правдоподобие върху
# всички клиенти на фирмата.

# %% [markdown] lang="en"
# ## 4. The probabilistic models: clients who buy when they like
# Our clients have no contract that says when they leave: a client who has not bought for three months may be lost
# or may simply have stock. The "buy till you die" models answer with probabilities. For each client they need three
# numbers, in one unit of time (here a week by default):
# - **repeat purchases** — the days with a purchase after the first (several orders on one day are one purchase);
# - **age at the last purchase** — the time from the first to the last purchase;
# - **age** — the time from the first purchase to the day of the analysis.
#
# **BG/NBD** (Fader, Hardie & Lee, 2005): while active a client buys at a steady rate and after each purchase may
# leave with some probability. **Pareto/NBD** (Schmittlein, Morrison & Colombo, 1987): a client may leave at any
# time. Both are fitted by maximum likelihood on all the company's clients.

# %%
summary = clv.clv_summary(facts, unit=time_unit)
fits = clv.fit_models(summary)
cv.fit_table(fits, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# Кой модел обяснява данните по-добре? И двата имат по четири параметъра, затова логаритъмът на
# правдоподобието се сравнява пряко.

# %% [markdown] lang="en"
# Which model explains the data better? Both have four parameters, so their log-likelihoods compare directly.

# %%
comparison = clv.model_comparison(fits, summary)
model = fits.purchase_model(comparison.attrs["best"] or "bgnbd")  # the better one, or the only one fitted
print(cv.comparison_text(comparison, lang))
cv.comparison_table(comparison, lang, fits=fits).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Проверка на модела.** Колко клиенти са направили 0, 1, 2 … повторни покупки и колко би очаквал моделът за
# същия период: близки стълбове — моделът описва клиентите; големи разлики — не вярвайте на прогнозите му.

# %% [markdown] lang="en"
# **The model check.** How many clients made 0, 1, 2 … repeat purchases, and how many the model would expect over
# the same period: close bars — the model describes the clients; large gaps — do not trust its forecasts.

# %%
if model is None:
    display(Markdown(ui.needs("clv.need.fit", "clv.need.fit.how", lang)))
else:
    counts = clv.expected_repeat_counts(model, summary["frequency"], summary["T"], max_frequency=20)
    ax = plot_repeat_fit(counts, lang=lang)
    plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Разликата в логаритъма на правдоподобието и стълбовете на проверката. Моделът с по-добро
# правдоподобие се използва по-нататък.
#
# **Какво да правим.** Ако нито един модел не описва добре клиентите (например малко клиенти или много
# редовни доставки по график), оценявайте клиентите по метода на семинара от раздели 1–3.

# %% [markdown] lang="en"
# **What to look at.** The difference in log-likelihood and the bars of the check. The model with the better
# likelihood is used from here on.
#
# **What to do about it.** If neither model describes the clients well (few clients, for instance, or many regular
# deliveries on a schedule), value the clients by the seminar's method of sections 1–3.

# %% [markdown] lang="bg"
# ## 5. Кой клиент още купува?
# Вероятността клиентът още да е активен зависи от две неща: колко често е купувал и колко отдавна е последната му
# покупка. Клиент с много покупки, който мълчи от месеци, вероятно си е отишъл; клиент с една-две покупки, който
# мълчи толкова, може просто да купува рядко. Топлинната карта показва вероятността за клиенти на възрастта на
# най-старите.

# %% [markdown] lang="en"
# ## 5. Which clients are still buying?
# The probability that a client is still active depends on two things: how often it bought and how long ago its last
# purchase was. A client with many purchases who has been silent for months has probably left; a client with one or
# two purchases silent for as long may simply buy rarely. The heat map shows the probability for clients as old as
# the oldest.

# %%
if model is not None:
    matrix = clv.p_alive_matrix(model, float(summary["T"].max()), max_frequency=30)
    ax = plot_p_alive_matrix(matrix, lang=lang)
    plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Червеният ъгъл горе вляво: много покупки, последната отдавна. Там са клиентите, които
# трябва да потърсим.
#
# **Какво да правим.** Не чакайте клиент с много покупки да се „върне сам“: обаждане на търговеца в рамките на
# обичайния му интервал между покупките струва по-малко от спечелването на нов клиент.

# %% [markdown] lang="en"
# **What to look at.** The red corner top left: many purchases, the last one long ago. The clients to call are
# there.
#
# **What to do about it.** Do not wait for a client with many purchases to "come back by itself": a call from its
# sales representative within its usual interval between purchases costs less than winning a new client.

# %% [markdown] lang="bg"
# ## 6. Стойност на покупката и CLV
# **Gamma-Gamma** (Fader, Hardie & Lee, 2005) оценява стойността на бъдещата покупка на всеки клиент: собствената му
# средна, приближена към средната за всички клиенти — толкова по-малко, колкото повече покупки има. **CLV** е
# сумата от очакваните покупки в следващите месеци × стойността на покупка × дела на печалбата, дисконтирана
# месец по месец. Делът на печалбата по подразбиране е печалбата от клиентите на евро оборот през последната пълна
# година (раздел 1), така че CLV е в същата печалба като претеглената стойност.
#
# **Капанът с единицата за време.** Параметрите на модела са в единицата, в която е построен (тук — седмица).
# Хоризонтът в месеци и годишният дисконтов процент се преобразуват в нея: 10 % годишно са около 0,8 % на месец.
# Документацията на популярната библиотека lifetimes прилага седмичен модел със стъпка от 30 единици като „месец“ —
# и оценява 360 седмици вместо 12 месеца, около четири пъти повече. Тук всяка единица се преобразува изрично.

# %% [markdown] lang="en"
# ## 6. The value of a purchase and the CLV
# **Gamma-Gamma** (Fader, Hardie & Lee, 2005) estimates the value of each client's future purchase: its own mean,
# pulled towards the mean of all clients — the less, the more purchases it has. The **CLV** is the sum of the
# expected purchases in the coming months × the value of a purchase × the profit share, discounted month by month.
# The default profit share is the clients' profit per euro of revenue in the last full year (section 1), so the CLV
# is in the same profit as the weighted value.
#
# **The time-unit trap.** The model's parameters are in the unit it was fitted in (here a week). The horizon in
# months and the yearly discount rate are converted to it: 10 % a year is about 0.8 % a month. The documentation of
# the popular lifetimes library applies a weekly model stepped in blocks of 30 units as a "month" — and values 360
# weeks instead of 12 months, about four times too much. Here every unit is converted explicitly.

# %%
if margin is None:
    margin = clv.profit_margin(yearly)  # the clients' profit per euro of revenue, last full year
if not margin > 0:
    margin = 1.0  # the profit is not known: the CLV is in revenue
table = risky = None
if model is not None:
    table = clv.client_clv(summary, model, fits.gamma_gamma, period="Y", horizon=horizon_months, step="M",
                           discount_rate=discount_rate, discount_period="Y", margin=margin)
    print(cv.clv_settings_text(table, lang))
    print(cv.time_unit_note(time_unit, lang))
    display(cv.clv_table(table, lang, clients=ds.clients, currency=money, top=20).style.hide(axis="index"))
else:
    display(Markdown(ui.needs("clv.need.fit", "clv.need.fit.how", lang)))

# %%
if table is not None:
    ax = plot_clv_distribution(table, currency=money, lang=lang)
    plt.show()

# %% [markdown] lang="bg"
# **Опитайте.** Променете дисконтовия процент, хоризонта и дела на печалбата: как се променя CLV на първите
# клиенти? (Плъзгачите работят в JupyterLab.)

# %% [markdown] lang="en"
# **Try it.** Change the discount rate, the horizon and the profit share: how does the CLV of the first clients
# change? (The sliders work in JupyterLab.)

# %% tags=["widget"]
if model is not None:
    display(clv_explorer(summary, model, fits.gamma_gamma, ds.clients, discount_rate=discount_rate,
                         horizon=horizon_months, margin=margin, currency=money, lang=lang))

# %% [markdown] lang="bg"
# **Какво да гледаме.** Сравнете първите по CLV с първите по претеглена стойност (раздел 2). Клиент, чиято стойност
# на покупка е спаднала наскоро, може още да е високо тук: моделът на стойността взема средната от всичките му
# покупки и не вижда спада — затова гледайте и тенденцията. CLV обикновено е съсредоточена в малко клиенти.
#
# **Какво да правим.** Използвайте CLV като горна граница на разходите за задържане и развиване на клиента: не
# харчете за клиент повече, отколкото ще ни донесе през хоризонта.

# %% [markdown] lang="en"
# **What to look at.** Compare the first clients by CLV with the first by weighted value (section 2). A client whose
# value of a purchase fell recently may still rank high here: the spend model takes the mean of all its purchases and
# does not see the drop — so look at the trend too. CLV is usually concentrated in few clients.
#
# **What to do about it.** Use the CLV as the ceiling of what we spend to keep and develop a client: do not spend
# more on a client than it will bring over the horizon.

# %% [markdown] lang="bg"
# ## 7. Ценните клиенти в риск
# Клиентите от първата четвърт по претеглена годишна стойност, за които моделът смята, че вероятно вече не купуват.
# Това са загубите, които още можем да предотвратим.

# %% [markdown] lang="en"
# ## 7. The valuable clients at risk
# The clients in the top quarter by weighted yearly value whom the model believes probably no longer buy. These are
# the losses we can still prevent.

# %%
if table is not None:
    risky = clv.at_risk_clients(table, weighted, p_alive_below=p_alive_below)
    print(cv.at_risk_text(risky, lang, currency=money))
    display(cv.at_risk_table(risky, lang, clients=ds.clients, currency=money, top=20).style.hide(axis="index"))
else:
    display(Markdown(ui.needs("clv.need.fit", "clv.need.fit.how", lang)))

# %% [markdown] lang="bg"
# **Какво да гледаме.** Времето от последната покупка в сравнение с обичайния интервал на клиента и досегашната
# му стойност: първите редове са най-скъпите загуби.
#
# **Какво да правим.** Списък за търговците тази седмица: посещение или обаждане при всеки клиент от таблицата,
# причината за мълчанието и оферта за връщане, съразмерна на стойността му.

# %% [markdown] lang="en"
# **What to look at.** The time since the last purchase against the client's usual interval, and its value so far:
# the first rows are the most expensive losses.
#
# **What to do about it.** A list for the sales representatives this week: a visit or a call to every client in the
# table, the reason for the silence, and an offer to come back in proportion to its value.

# %% [markdown] lang="bg" tags=["discussion"]
# **За обсъждане:** кой метод бихте използвали, за да бюджетирате индивидуалните предложения към клиентите —
# претеглената печалба по години или CLV от моделите? Кога двата дават различен отговор за един и същ клиент?
#
# <details><summary>Проверете се</summary>
#
# - Претеглената печалба е проста, обяснима и включва разходите за обслужване, но гледа назад: падащ клиент още
#   изглежда ценен.
# - CLV гледа напред и различава клиента, който мълчи, защото купува рядко, от този, който си е отишъл; но
#   предполага, че поведението на клиентите не се променя, и не вижда спад в стойността на покупките.
# - Различен отговор има при клиенти с рязка промяна: нов бързо растящ клиент, голям клиент, преминал към конкурент.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which method would you use to budget the individual offers to clients — the weighted profit by year
# or the models' CLV? When do the two give a different answer for the same client?
#
# <details><summary>Check yourself</summary>
#
# - The weighted profit is simple, explainable and includes the cost to serve, but it looks back: a falling client
#   still looks valuable.
# - The CLV looks ahead and tells the client silent because it buys rarely from the one who has left; but it assumes
#   the clients' behaviour does not change and does not see a drop in the value of their purchases.
# - The answers differ for clients with a sharp change: a new fast-growing client, a large client who moved to a
#   competitor.
#
# </details>

# %% [markdown] lang="bg"
# ## Към CRM системата
# Анализът променя нещо едва когато резултатът му е в системата, която търговците отварят всяка сутрин. Тема 4
# добавя в таблицата с клиентите за CRM претеглената годишна стойност на клиента и тенденцията ѝ, действието по картата „стойност × потенциал“, вероятността все още да
# купува и стойността му за жизнения цикъл (CLTV). Първи са клиентите с най-голяма CLTV.

# %% [markdown] lang="en"
# ## Into the CRM
# An analysis changes nothing until its result is in the system the sales reps open every morning. Topic 4 adds
# to the client table for the CRM the client's weighted yearly value and its trend, the action of its cell on the value × potential map, the probability that it
# still buys and its lifetime value (CLV). The clients with the highest CLV come first.

# %% [markdown] lang="bg" tags=["remove"]
# Задайте `crm_folder` в клетката с параметрите, за да запишете таблицата (`kpi_clients_for_crm.csv` за съветника за
# импорт и `kpi_clients_for_crm.xlsx` за работа); всяка тема от 1 до 5 добавя своите колони към същата таблица.

# %% [markdown] lang="en" tags=["remove"]
# Set `crm_folder` in the parameters cell to write the table (`kpi_clients_for_crm.csv` for the import wizard and
# `kpi_clients_for_crm.xlsx` to work with); each of topics 1 to 5 adds its columns to the same table.

# %%
crm_part = value_part(value_map, table, trend)  # without a fitted model the probability and the CLV stay empty
if crm_folder is not None:
    print(crm_note(update_kpi_crm(crm_part, crm_folder, topic="kpi04", clients=ds.clients, source=data,
                                  lang=lang), lang))
crm_preview(crm_part, "kpi04", ds.clients, lang, currency=money)

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 4

# %% [markdown] lang="en"
# ## Key figures of topic 4

# %% tags=["key-figures"]
figures = cv.clv_figures(weighted, lang, currency=money, value_map=value_map, fits=fits, table=table, risky=risky,
                         model=model)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Нататък:** упражненията на темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решения). След това тема 5: дял в клиента.

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution
# workbook). Then topic 5: share of wallet.
