# %% [markdown] lang="en"
# # Block 1 · Exercises · Main errors in sales management
#
# Six short exercises on the demo company, so that everybody in the room gets the same right answer.
# Each one asks a question, gives you a cell to write the answer in (replace the `...`), and ends with a
# `check(...)` line that tells you at once whether you are right — and, if not yet, gives a hint.
# The functions you need are the ones the block's workbook uses; `help(function)` shows what each does.

# %% [markdown] lang="ru"
# # Блок 1 · Упражнения · Основные ошибки в управлении продажами
#
# Шесть коротких упражнений на данных демо-компании, чтобы у всех в зале получился один и тот же правильный
# ответ. В каждом — вопрос, ячейка для ответа (замените `...` своим кодом) и строка `check(...)`, которая сразу
# скажет, верен ли ответ, а если ещё нет — подскажет, куда смотреть. Нужны те же функции, что и в рабочей
# тетради блока; `help(функция)` покажет, что делает каждая.

# %%
import kbcore
from kbcore.analyses import (
    CostToServeRates,
    client_pnl,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.facts import Facts
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once to facts per client, order and year
yearly = yearly_summary(facts, ds.clients, ds.interactions)
pnl = client_pnl(facts, ds.clients, ds.interactions)
yearly

# %% [markdown] lang="en"
# ## Exercise 1.1 · Revenue of the last year
# What was the demo company's revenue in its last full year, 2025, in roubles? Take it from `yearly`.

# %% [markdown] lang="ru"
# ## Упражнение 1.1 · Выручка последнего года
# Какой была выручка демо-компании в её последнем полном году, 2025-м, в рублях? Возьмите её из таблицы `yearly`.

# %%
revenue_2025 = yearly.loc[yearly["year"] == 2025, "revenue"].item()  # SOLUTION
check("1.1", revenue_2025)

# %% [markdown] lang="en"
# ## Exercise 1.2 · Growth of revenue and of profit
# By what share did revenue grow from 2021 to 2025 (e.g. 0.25 for +25%)? And client profit?
# Compare the two numbers: this is the block's main error in one line.

# %% [markdown] lang="ru"
# ## Упражнение 1.2 · Рост выручки и рост прибыли
# На какую долю выросла выручка с 2021 по 2025 год (например, 0.25 означает +25 %)? А прибыль по клиентам?
# Сравните два числа: в них — главная ошибка этого блока в одной строке.

# %%
first, last = yearly.set_index("year").loc[2021], yearly.set_index("year").loc[2025]
revenue_growth = last["revenue"] / first["revenue"] - 1  # SOLUTION
profit_growth = last["profit"] / first["profit"] - 1  # SOLUTION
check("1.2a", revenue_growth)
check("1.2b", profit_growth)

# %% [markdown] lang="en"
# ## Exercise 1.3 · Clients who lose money
# With the default cost-to-serve rates, how many clients have a negative profit over the whole history?

# %% [markdown] lang="ru"
# ## Упражнение 1.3 · Убыточные клиенты
# Сколько клиентов при ставках стоимости обслуживания по умолчанию дали отрицательную прибыль за всю историю?

# %%
unprofitable = int((pnl["profit"] < 0).sum())  # SOLUTION
check("1.3", unprofitable)

# %% [markdown] lang="en"
# ## Exercise 1.4 · The whale
# What share of the company's total profit do the 20% most profitable clients earn? (`whale_curve` and
# `whale_summary` do the ranking; a share above 1 means above 100%.)

# %% [markdown] lang="ru"
# ## Упражнение 1.4 · «Кит»
# Какую долю всей прибыли компании приносят 20 % самых прибыльных клиентов? (Ранжируют клиентов функции
# `whale_curve` и `whale_summary`; доля больше 1 означает больше 100 %.)

# %%
summary = whale_summary(whale_curve(pnl))  # SOLUTION
top20_share = summary["top20_share"]  # SOLUTION
check("1.4", top20_share)

# %% [markdown] lang="en"
# ## Exercise 1.5 · Concession clients
# Clients whose average discount is 15% or more: what share of revenue do they bring, and what is their total
# profit in roubles (negative if they lose money)?

# %% [markdown] lang="ru"
# ## Упражнение 1.5 · Клиенты, привлечённые уступками
# Клиенты со средней скидкой от 15 %: какую долю выручки они приносят и какова их общая прибыль в рублях
# (отрицательная, если они убыточны)?

# %%
concession = concession_clients(pnl, threshold=0.15).set_index("group")
concession_revenue_share = concession.loc["concession", "revenue_share"]  # SOLUTION
concession_profit = concession.loc["concession", "profit"]  # SOLUTION
check("1.5a", concession_revenue_share)
check("1.5b", concession_profit)

# %% tags=["solution"]
# For the trainer: the same table in full, in the room's words, to discuss with the room.
from kbcore.views import styled
from kbcore.views.profitability import concession_table

styled(concession_table(concession.reset_index(), lang), lang)

# %% [markdown] lang="en"
# ## Exercise 1.6 · What if visits were free?
# Sales visits are one part of the cost to serve. Recompute client profitability with a visit cost of 0 (keep
# the other rates at their defaults): how many clients are unprofitable now? What does that tell you about who
# the visits go to?

# %% [markdown] lang="ru"
# ## Упражнение 1.6 · А если бы визиты были бесплатными?
# Визиты торговых представителей — одна из частей стоимости обслуживания. Пересчитайте прибыльность клиентов
# со стоимостью визита 0 (остальные ставки оставьте по умолчанию): сколько клиентов теперь убыточны? Что это
# говорит о том, к кому ездят на визиты?

# %%
no_visits = client_pnl(facts, ds.clients, ds.interactions, rates=CostToServeRates(per_visit=0))  # SOLUTION
unprofitable_without_visits = int((no_visits["profit"] < 0).sum())  # SOLUTION
check("1.6", unprofitable_without_visits)

# %% [markdown] lang="en"
# **To discuss (no check):** which clients gain the most when visits are free? List the five whose profit
# rises the most, with their names. Who decides how often they are visited?

# %% [markdown] lang="ru"
# **Для обсуждения (без проверки):** какие клиенты выигрывают больше всего, если визиты бесплатны? Назовите
# пятерых, у кого прибыль вырастет сильнее всех. Кто решает, как часто к ним ездить?

# %%
# Write your code here: compare `pnl` and `no_visits` by client_id.
# solution
gain = (
    no_visits.set_index("client_id")["profit"] - pnl.set_index("client_id")["profit"]
).sort_values(ascending=False)
pnl.set_index("client_id").loc[gain.index[:5], ["name", "visits", "profit"]]
