# %% [markdown] lang="bg"
# # Тема 4 · Упражнения · Стойност на клиента за периода на жизнения му цикъл (CLTV)
# *(семинар „Ключови показатели за ефективност“, програма 004)*
#
# Седем кратки упражнения върху демонстрационната фирма „Витоша Лубрикантс“ ЕООД, в реда на тетрадката на темата,
# за да има всеки в залата един и същ верен отговор. Повечето не изискват програмиране: **прочитате** число в
# таблица или графика, която тетрадката показва, или **променяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 4.7 е за
# анализатора (нужен е pandas) и не е задължително.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната фирма.

# %% [markdown] lang="en"
# # Topic 4 · Exercises · Customer lifetime value (CLTV)
# *(seminar "Key performance indicators", program 004)*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what
# you read into the answer cell and run it: the check under it says at once whether you are right and, if not yet,
# gives a hint — one step more at each try. Exercise 4.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как да отговаряте.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число
# (`value = 12500`), дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете
# клетката (Shift+Enter). Не знаете откъде да започнете? `hint("kpi4.3")` в нова клетка показва следващата стъпка
# на подсказката. В упражнение „променете и изпълнете“ сменете в извикването единствената стойност, назована в
# текста, и изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`value = 12500`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi4.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import math

from IPython.display import display

import kbcore
from kbcore import clv
from kbcore.analyses.profitability import rates_for
from kbcore.charts import use_style
from kbcore.facts import Facts
from kbcore.views import clv as cv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi4.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(demo="bg")  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"  # the euro: the leva of the years before 2026 are converted at the fixed rate
yearly = clv.client_yearly_value(facts, ds.clients, ds.interactions, years=5, rates=rates_for(money))
weighted = clv.weighted_client_value(yearly, [0.1, 0.15, 0.2, 0.25, 0.3])  # the workbook's default weights
trend = clv.value_trend(yearly)
print(cv.measure_note(yearly, lang))

# %% [markdown] lang="bg"
# ## Упражнение 4.1 · Колко печелим годишно от най-ценния клиент?
# Клиентите по претеглена годишна печалба, както в раздел 2 на тетрадката: печалбата от клиента (брутен марж минус
# разходите за обслужване) за 2021–2025 г., с тегла 10, 15, 20, 25 и 30 % (последните години тежат повече).
#
# **Колко е претеглената годишна печалба от първия клиент в таблицата?** Прочетете я в колоната „Претеглена
# годишна стойност“ и я въведете само с цифри, например `first_value = 12500`.

# %% [markdown] lang="en"
# ## Exercise 4.1 · How much do we earn a year from the most valuable client?
# The clients by weighted yearly profit, as in section 2 of the workbook: the profit from the client (gross margin
# minus the cost to serve) in 2021–2025, with the weights 10, 15, 20, 25 and 30 % (recent years weigh more).
#
# **What is the weighted yearly profit from the first client in the table?** Read it in the column "Weighted yearly
# value" and type it in digits only, e.g. `first_value = 12500`.

# %%
cv.top_clients_table(weighted, trend, lang, clients=ds.clients, currency=money, top=10)

# %%
first_value = float(weighted["weighted_value"].iloc[0])  # SOLUTION
check("kpi4.1", first_value)

# %% [markdown] lang="bg"
# ## Упражнение 4.2 · Ако всички години тежат еднакво (променете и изпълнете)
# Методът на семинара иска последните години да тежат повече. Какво става, ако всички пет години тежат еднакво —
# просто средна стойност?
#
# В клетката на упражнението сменете теглата с `[0.2, 0.2, 0.2, 0.2, 0.2]`, изпълнете клетката и прочетете
# таблицата. **Колко е претеглената годишна стойност на първия клиент сега?** Въведете я само с цифри, например
# `first_equal = 12500`. Кой клиент е първи и каква е тенденцията му?

# %% [markdown] lang="en"
# ## Exercise 4.2 · If every year weighs the same (change and rerun)
# The seminar's method wants recent years to weigh more. What happens if all five years weigh the same — a plain
# mean?
#
# In the cell of the exercise change the weights to `[0.2, 0.2, 0.2, 0.2, 0.2]`, run the cell and read the table.
# **What is the weighted yearly value of the first client now?** Type it in digits only, e.g. `first_equal = 12500`.
# Which client is first, and what is its trend?

# %%
equal = clv.weighted_client_value(yearly, [0.1, 0.15, 0.2, 0.25, 0.3])  # EXERCISE
equal = clv.weighted_client_value(yearly, [0.2, 0.2, 0.2, 0.2, 0.2])  # SOLUTION
display(cv.top_clients_table(equal, trend, lang, clients=ds.clients, currency=money, top=10))
first_equal = float(equal["weighted_value"].iloc[0])  # SOLUTION
check("kpi4.2", first_equal)

# %% [markdown] lang="bg"
# ## Упражнение 4.3 · Клиентите за развиване
# Картата „стойност × пазарен потенциал“ от раздел 3 на тетрадката, с медианите за граници: четири клетки и
# действие за всяка.
#
# **Колко клиенти са в клетката „развиване“ (висока стойност, висок потенциал)?** Прочетете ги в колоната
# „Клиенти“ и въведете числото, например `develop = 120`.

# %% [markdown] lang="en"
# ## Exercise 4.3 · The clients to develop
# The value × market potential map of section 3 of the workbook, with the medians as cut lines: four cells and an
# action for each.
#
# **How many clients are in the "develop" cell (high value, high potential)?** Read them in the column "Clients" and
# type the number, e.g. `develop = 120`.

# %%
value_map = clv.value_potential_map(weighted, ds.clients)
cv.map_table(clv.map_cells(value_map), lang, currency=money)

# %%
develop = int((value_map["action"] == "develop").sum())  # SOLUTION
check("kpi4.3", develop)

# %% [markdown] lang="bg"
# ## Упражнение 4.4 · Кой модел обяснява данните по-добре?
# BG/NBD и Pareto/NBD, построени върху всички клиенти на фирмата (единица за време — седмица), и сравнението им,
# както в раздел 4 на тетрадката.
#
# **Кой модел обяснява покупките на клиентите по-добре?**
#
# 1) BG/NBD
# 2) Pareto/NBD
#
# Въведете номера на варианта, например `answer = 1`.

# %% [markdown] lang="en"
# ## Exercise 4.4 · Which model explains the data better?
# BG/NBD and Pareto/NBD fitted on all the company's clients (the unit of time is a week), and their comparison, as in
# section 4 of the workbook.
#
# **Which model explains the clients' purchases better?**
#
# 1) BG/NBD
# 2) Pareto/NBD
#
# Type the number of the option, e.g. `answer = 1`.

# %%
summary = clv.clv_summary(facts, unit="W")
fits = clv.fit_models(summary)
comparison = clv.model_comparison(fits, summary)
print(cv.comparison_text(comparison, lang))
cv.comparison_table(comparison, lang, fits=fits)

# %%
answer = 1 + ["bgnbd", "pareto_nbd"].index(comparison.attrs["best"])  # SOLUTION
check("kpi4.4", answer)

# %% [markdown] lang="bg"
# ## Упражнение 4.5 · Ценните клиенти в риск
# CLV по по-добрия модел (хоризонт 36 месеца, 10 % годишно, делът на печалбата — печалбата от клиентите на евро
# оборот през 2025 г.) и ценните клиенти в риск, както в раздели 6 и 7 на тетрадката: от първата четвърт по
# претеглена годишна стойност, с вероятност още да купуват под 50 %.
#
# **Колко са ценните клиенти в риск?** Прочетете броя в изречението над таблицата и го въведете, например
# `at_risk = 12`.

# %% [markdown] lang="en"
# ## Exercise 4.5 · The valuable clients at risk
# The CLV by the better model (a 36-month horizon, 10 % a year, the profit share being the clients' profit per euro
# of revenue in 2025) and the valuable clients at risk, as in sections 6 and 7 of the workbook: in the top quarter by
# weighted yearly value, with a probability of still buying below 50 %.
#
# **How many valuable clients are at risk?** Read the number in the sentence above the table and type it, e.g.
# `at_risk = 12`.

# %%
model = fits.purchase_model(comparison.attrs["best"])
margin = clv.profit_margin(yearly)  # the clients' profit per euro of revenue in the last full year
table = clv.client_clv(summary, model, fits.gamma_gamma, horizon=36, step="M", discount_rate=0.10, margin=margin)
print(cv.clv_settings_text(table, lang))
risky = clv.at_risk_clients(table, weighted, p_alive_below=0.5)
print(cv.at_risk_text(risky, lang, currency=money))
cv.at_risk_table(risky, lang, clients=ds.clients, currency=money, top=10)

# %%
at_risk = len(risky)  # SOLUTION
check("kpi4.5", at_risk)

# %% [markdown] lang="bg"
# ## Упражнение 4.6 · По-висок дисконтов процент (променете и изпълнете)
# Финансовият директор иска бъдещата печалба да се дисконтира с **20 %** годишно вместо с 10 %.
#
# В клетката на упражнението сменете дисконтовия процент от 0.10 на 0.20, изпълнете клетката и прочетете таблицата.
# **Колко е CLV на първия клиент сега?** Въведете я само с цифри, например `first_clv = 50000`. С колко процента е
# спаднала спрямо таблицата при 10 %?

# %% [markdown] lang="en"
# ## Exercise 4.6 · A higher discount rate (change and rerun)
# The finance director wants the future profit discounted at **20 %** a year instead of 10 %.
#
# In the cell of the exercise change the discount rate from 0.10 to 0.20, run the cell and read the table. **What is
# the CLV of the first client now?** Type it in digits only, e.g. `first_clv = 50000`. By what percentage did it fall
# against the table at 10 %?

# %%
table20 = clv.client_clv(summary, model, fits.gamma_gamma, horizon=36, discount_rate=0.10, margin=margin)  # EXERCISE
table20 = clv.client_clv(summary, model, fits.gamma_gamma, horizon=36, discount_rate=0.20, margin=margin)  # SOLUTION
print(cv.clv_settings_text(table20, lang))
display(cv.clv_table(table20, lang, clients=ds.clients, currency=money, top=10))
first_clv = float(table20["clv"].iloc[0])  # SOLUTION
check("kpi4.6", first_clv)

# %% [markdown] lang="bg"
# ## Упражнение 4.7 · Колко съсредоточена е CLV? (за анализатора, по желание)
# Таблицата `table` (CLV при 10 %) има по един ред на клиент, подреден от най-голямата CLV надолу. **Какъв дял от
# общата CLV на всички клиенти носят първите 10 % от клиентите** (закръглено нагоре до цял клиент)? Изчислете го с
# pandas и въведете дела като дроб, например `top_share = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 4.7 · How concentrated is the CLV? (for the analyst, optional)
# The table `table` (CLV at 10 %) has one row per client, sorted from the largest CLV down. **What share of the total
# CLV of all clients do the first 10 % of the clients bring** (rounded up to a whole client)? Compute it with pandas
# and type it as a fraction, e.g. `top_share = 0.5`.

# %%
n_top = math.ceil(0.10 * len(table))  # SOLUTION
top_share = float(table["clv"].head(n_top).sum() / table["clv"].sum())  # SOLUTION
check("kpi4.7", top_share)

# %% [markdown] lang="bg" tags=["discussion"]
# **За обсъждане:** при еднакви тегла първи е клиент, чиято печалба спадна рязко през последната година, а CLV
# по модела още го поставя начело. На кой от двата отговора бихте повярвали и какво бихте направили с този клиент?
#
# <details><summary>Проверете се</summary>
#
# - Тежестта на последните години сваля клиента, който ни напуска; средната стойност го държи горе, защото помни
#   доброто минало.
# - Моделът на покупките вижда, че клиентът още купува често, а моделът на стойността взема средната от всичките му
#   покупки: спадът на стойността на покупката остава невидим — затова CLV се чете заедно с тенденцията.
# - Действието е разговор с клиента сега: защо купува по-малко, какво предлага конкурентът и какво можем да
#   предложим ние в рамките на стойността, която ни носи.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** with equal weights the first client is one whose profit fell sharply in the last year, and the
# model's CLV still puts it at the top. Which of the two answers would you believe, and what would you do with this
# client?
#
# <details><summary>Check yourself</summary>
#
# - Weighting the recent years moves down the client who is leaving us; the plain mean keeps it high because it
#   remembers the good past.
# - The purchase model sees that the client still buys often, and the spend model takes the mean of all its
#   purchases: the drop in the value of a purchase stays invisible — so read the CLV together with the trend.
# - The action is a conversation with the client now: why it buys less, what the competitor offers, and what we can
#   offer within the value it brings us.
#
# </details>
