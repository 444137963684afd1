# %% [markdown] lang="en"
# # Block 6 · Exercises · How to manage the customer base
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eight short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. Each one asks a question, gives you a cell to write the answer in, and ends with a check
# that tells you at once whether you are right — and, if not yet, gives a hint.

# %% [markdown] lang="ru"
# # Блок 6 · Упражнения · Как управлять клиентской базой
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Восемь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. В каждом упражнении — вопрос, ячейка для ответа и проверка, которая сразу
# говорит, верен ли ответ, а если пока нет — даёт подсказку.

# %% [markdown] lang="en" tags=["remove"]
# In each answer cell replace the `...` with your code; the last line, `check(...)`, checks it. The functions you need
# are the ones the block's notebook uses; `help(function)` shows what each does.

# %% [markdown] lang="ru" tags=["remove"]
# В каждой ячейке ответа замените `...` своим кодом; последняя строка, `check(...)`, проверяет ответ. Нужные функции —
# те же, что в рабочей тетради блока; `help(функция)` показывает, что делает каждая.

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
from kbcore.i18n import fmt_date
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
pnl = client_pnl(facts, ds.clients, ds.interactions)  # five years, one line per client
window_start, window_end = last_full_months(facts.as_of, 12)  # the last 12 full months
print(fmt_date(window_start, lang), "–", fmt_date(window_end, lang))

# %% [markdown] lang="en"
# ## Exercise 6.1 · How far from 80/20?
# What share of the five years' revenue do the best 20 % of clients bring (e.g. 0.8 for 80 %)? Is the demo company
# above or below the 80/20 rule?

# %% [markdown] lang="ru"
# ## Упражнение 6.1 · Далеко ли до 80/20?
# Какую долю выручки за пять лет приносят лучшие 20 % клиентов (например, 0.8 для 80 %)? Демонстрационная компания
# выше или ниже правила 80/20?

# %%
revenue_pareto = pareto(pnl, "revenue")  # SOLUTION
top20_share = revenue_pareto["top_share"]  # SOLUTION
check("6.1", top20_share)

# %% [markdown] lang="en"
# ## Exercise 6.2 · What if we became cheaper?
# Take the example table of key success factors (KSF): the weight of each factor for the client and the scores 1–5 of
# us and of two competitors. Suppose a new price list lifts our price score from 3 to 4. Who leads on the weighted
# score then? Answer with the player's code, as the header of its column in the table.

# %% [markdown] lang="ru"
# ## Упражнение 6.2 · А если мы станем дешевле?
# Возьмите пример таблицы ключевых факторов успеха (КФУ): вес каждого фактора для клиента и оценки от 1 до 5 — наши и
# двух конкурентов. Допустим, новый прайс-лист поднимает нашу оценку по цене с 3 до 4. Кто тогда лидирует по
# взвешенной оценке? Ответ — код участника, как в заголовке его столбца в таблице.

# %% [markdown] lang="en" tags=["remove"]
# The table is read by `read_ksf()`, the weighted scores are computed by `ksf_scores(table)`. The players' codes
# are "us" and "competitor_1", "competitor_2".

# %% [markdown] lang="ru" tags=["remove"]
# Таблицу читает `read_ksf()`, взвешенные оценки считает `ksf_scores(таблица)`. Коды участников — «us» (мы) и
# «competitor_1», «competitor_2».

# %%
ksf_table = read_ksf()
is_price = ksf_table["factor"] == "Price"
cheaper = ksf_table.assign(us=ksf_table["us"].where(~is_price, 4))  # SOLUTION
leader = ksf_scores(cheaper).totals["player"].iloc[0]  # SOLUTION
check("6.2", leader)

# %% [markdown] lang="en"
# ## Exercise 6.3 · Money on the table
# Compute the three money zones of the demo company with the default rules. How much money, in roubles a year, is on
# the table at the **active** clients — those who bought in the last year?

# %% [markdown] lang="ru"
# ## Упражнение 6.3 · Деньги на столе
# Рассчитайте три зоны денег демонстрационной компании с правилами по умолчанию. Сколько денег (рублей в год) лежит
# на столе у **активных** клиентов — тех, кто покупал за последний год?

# %% [markdown] lang="en" tags=["remove"]
# Use `money_zones(facts, ds.clients, ds.market)`; its `clients` table has the column `activity` ("active" or not)
# and `money_on_table`.

# %% [markdown] lang="ru" tags=["remove"]
# Используйте `money_zones(facts, ds.clients, ds.market)`; в её таблице `clients` есть столбцы `activity` («active» —
# активный) и `money_on_table`.

# %%
zones = money_zones(facts, ds.clients, ds.market)
active = zones.clients[zones.clients["activity"] == "active"]  # SOLUTION
on_table_active = active["money_on_table"].sum()  # SOLUTION
check("6.3", on_table_active)

# %% [markdown] lang="en"
# ## Exercise 6.4 · One order and gone
# Take the new clients of the demo company and their conversion to a second order. (a) What share of the new clients
# who had six months to reorder placed **only one** order? (b) Which acquisition channel has the highest share of
# one-order clients? Write its name exactly as in the table.

# %% [markdown] lang="ru"
# ## Упражнение 6.4 · Один заказ — и всё
# Возьмите новых клиентов демонстрационной компании и их конверсию во второй заказ. (а) Какая доля новых клиентов, у
# которых было полгода на повторный заказ, сделала **только один** заказ? (б) У какого канала привлечения самая
# высокая доля клиентов с одним заказом? Напишите его название точно как в таблице.

# %% [markdown] lang="en" tags=["remove"]
# New clients: `new_clients(facts, ds.clients)`; conversion: `second_order_conversion(new)` (column
# `one_order_share`), by channel with `by="acquisition_channel"` (the channel's name is in `group_id`).

# %% [markdown] lang="ru" tags=["remove"]
# Новые клиенты: `new_clients(facts, ds.clients)`; конверсия: `second_order_conversion(new)` (столбец
# `one_order_share`), по каналам — с `by="acquisition_channel"` (название канала — в `group_id`).

# %%
new = new_clients(facts, ds.clients)
one_order_share = second_order_conversion(new)["one_order_share"].iloc[0]  # SOLUTION
by_channel = second_order_conversion(new, by="acquisition_channel")  # SOLUTION
worst_channel = by_channel.sort_values("one_order_share", ascending=False)["group_id"].iloc[0]  # SOLUTION
check("6.4a", one_order_share)
check("6.4b", worst_channel)

# %% [markdown] lang="en"
# ## Exercise 6.5 · A clients by profit
# Make the ABC analysis on **client profit** instead of revenue (default bounds 80 % / 95 %). How many clients are A?
# Compare with the number of A clients by revenue in the block's workbook: what does the difference tell you?

# %% [markdown] lang="ru"
# ## Упражнение 6.5 · Клиенты группы A по прибыли
# Проведите ABC-анализ по **прибыли по клиенту** вместо выручки (границы по умолчанию 80 % / 95 %). Сколько клиентов в
# группе A? Сравните с числом клиентов A по выручке в рабочей тетради блока: о чём говорит разница?

# %%
by_profit = abc(pnl, measure="profit")  # SOLUTION
a_by_profit = int((by_profit["abc"] == "A").sum())  # SOLUTION
check("6.5", a_by_profit)

# %% [markdown] lang="en"
# ## Exercise 6.6 · The core of the business: AX
# Over the last 12 full months, ABC by revenue and XYZ with the bounds for B2B clients (X up to 50 %, Y up to 100 %):
# how many clients sit in the AX cell — large and regular?

# %% [markdown] lang="ru"
# ## Упражнение 6.6 · Ядро бизнеса: AX
# За последние 12 полных месяцев: ABC по выручке и XYZ с границами для B2B-клиентов (X до 50 %, Y до 100 %). Сколько
# клиентов в ячейке AX — крупных и регулярных?

# %% [markdown] lang="en" tags=["remove"]
# The window is `window_start` … `window_end`; the B2B bounds are `XYZ_THRESHOLDS_CLIENTS`; the matrix is
# `abc_xyz_matrix(classes, regularity)`.

# %% [markdown] lang="ru" tags=["remove"]
# Окно — `window_start` … `window_end`; границы для B2B — `XYZ_THRESHOLDS_CLIENTS`; матрица —
# `abc_xyz_matrix(classes, regularity)`.

# %%
classes = abc(facts.clients(window_start, window_end))
regularity = xyz(facts, start=window_start, end=window_end, thresholds=XYZ_THRESHOLDS_CLIENTS)  # SOLUTION
matrix = abc_xyz_matrix(classes, regularity).set_index("cell")  # SOLUTION
ax_clients = int(matrix.loc["AX", "clients"])  # SOLUTION
check("6.6", ax_clients)

# %% [markdown] lang="en"
# **To discuss (no check):** with the classic bounds (10 % / 25 %) how many X clients are there? Why are bounds made
# for the demand of a product wrong for the purchases of a B2B client?

# %% [markdown] lang="ru"
# **Для обсуждения (без проверки):** сколько клиентов X при классических границах (10 % / 25 %)? Почему границы,
# придуманные для спроса на товар, не подходят для закупок B2B-клиента?

# %%
# Write your code here: xyz(facts, start=window_start, end=window_end) and count its classes.
# solution
from kbcore.analyses import xyz_summary  # noqa: E402
from kbcore.views import display as ui  # noqa: E402

ui.styled(xyz_summary(xyz(facts, start=window_start, end=window_end)), lang, pct=["client_share", "median_cv"])

# %% [markdown] lang="en"
# ## Exercise 6.7 · Champions
# With the default RFM rules at the last sales date, how many clients are **champions**?

# %% [markdown] lang="ru"
# ## Упражнение 6.7 · Чемпионы
# Сколько клиентов — **чемпионы** по RFM-анализу с правилами по умолчанию на последнюю дату продаж?

# %% [markdown] lang="en" tags=["remove"]
# The block's RFM function gives each client its segment in the column `rfm_segment`; the champions' id is
# "champions".

# %% [markdown] lang="ru" tags=["remove"]
# RFM-функция блока даёт каждому клиенту сегмент в столбце `rfm_segment`; идентификатор чемпионов —
# «champions».

# %%
scores = rfm(facts)  # SOLUTION
n_champions = int((scores["rfm_segment"] == "champions").sum())  # SOLUTION
check("6.7", n_champions)

# %% [markdown] lang="en"
# ## Exercise 6.8 · Large clients slipping away
# Which A clients of the last 12 months (ABC by revenue, as above) are at the lifecycle stage "declining" (block 2)?
# Answer with the list of their client codes — this is the head of sales' call list.

# %% [markdown] lang="ru"
# ## Упражнение 6.8 · Крупные клиенты, которые уходят
# Какие клиенты группы A за последние 12 месяцев (ABC по выручке, как выше) находятся на этапе жизненного цикла
# «угасающий» (блок 2)? Ответ — список их кодов клиентов: это список звонков руководителя отдела продаж.

# %% [markdown] lang="en" tags=["remove"]
# The stages are `client_stages(facts, ds.clients)` (column `stage`, "declining"); join them to `classes` on
# `client_id`.

# %% [markdown] lang="ru" tags=["remove"]
# Этапы — `client_stages(facts, ds.clients)` (столбец `stage`, значение «declining»); соедините их с `classes` по
# `client_id`.

# %%
stages = client_stages(facts, ds.clients)
both = classes.merge(stages[["client_id", "stage"]], on="client_id")  # SOLUTION
declining_a = both.loc[(both["abc"] == "A") & (both["stage"] == "declining"), "client_id"].tolist()  # SOLUTION
check("6.8", declining_a)

# %% tags=["solution"]
# For the trainer: the same clients with their names, revenue of the window and why they are declining.
from kbcore.views import display as ui  # noqa: E402
from kbcore.views.lifecycle import reason_text  # noqa: E402

view = stages.assign(why=reason_text(stages, lang)).set_index("client_id").loc[declining_a, ["why"]]
view = view.join(ds.clients.set_index("client_id")[["name", "manager"]]).reset_index()
ui.styled(view[["client_id", "name", "manager", "why"]], lang)  # the people's column headers
