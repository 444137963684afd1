# %% [markdown] lang="en"
# # Block 2 · Exercises · What is a customer base?
# *(«Что называют клиентской базой?»)*
#
# Seven short exercises on the demo company: is its customer base a list or a base, and where are its clients in
# their lifecycle? Each one asks a question and gives you a cell to write the answer in; the last line of the cell
# tells you at once whether you are right and, if not yet, gives a hint.

# %% [markdown] lang="ru"
# # Блок 2 · Упражнения · Что называют клиентской базой?
#
# Семь коротких упражнений на данных демо-компании: её «КБ» — список или база и на каких стадиях жизненного цикла
# находятся её клиенты? В каждом упражнении — вопрос и ячейка для ответа; последняя строка ячейки сразу говорит,
# верен ли ответ, а если ещё нет — даёт подсказку.

# %% [markdown] lang="en" tags=["remove"]
# How to answer: replace the `...` in the cell with your code; the `check(...)` line checks it. The functions you
# need are the ones the block's workbook uses; `help(function)` shows what each does.

# %% [markdown] lang="ru" tags=["remove"]
# Как отвечать: замените `...` в ячейке своим кодом; строка `check(...)` его проверит. Нужные функции — те же,
# что в рабочей тетради блока; `help(функция)` покажет, что делает каждая.

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
# segment known?

# %% [markdown] lang="ru"
# ## Упражнение 2.1 · Известен ли сегмент?
# Клиентская база знает сегмент рынка каждого клиента. Для какой доли клиентов демо-компании сегмент известен?

# %% [markdown] lang="en" tags=["remove"]
# Take it from the table `completeness` (one row per component), as a share: 0.25 means 25%.

# %% [markdown] lang="ru" tags=["remove"]
# Возьмите её из таблицы `completeness` (по строке на компонент) в виде доли: 0.25 означает 25 %.

# %%
segment_share = completeness.set_index("component").loc["segment", "known_share"]  # SOLUTION
check("2.1", segment_share)

# %% [markdown] lang="en"
# ## Exercise 2.2 · List or base?
# What is the verdict for the demo company: a customer base, partly a base, or a list of clients?

# %% [markdown] lang="ru"
# ## Упражнение 2.2 · Список или база?
# Каков вывод для демо-компании: клиентская база, отчасти база или список клиентов?

# %% [markdown] lang="en" tags=["remove"]
# Answer with the verdict's short id: `"base"`, `"partly"` or `"list"`. `base_verdict` turns the completeness
# table into a verdict with its reasons.

# %% [markdown] lang="ru" tags=["remove"]
# Ответ — короткий код вывода: `"base"` (база), `"partly"` (отчасти база) или `"list"` (список).
# `base_verdict` превращает таблицу полноты базы в вывод с причинами.

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

# %% [markdown] lang="ru"
# ## Упражнение 2.3 · Потерянные клиенты
# Сколько клиентов потеряно (нет покупок год и более) на последний день данных?

# %%
counts = stage_counts(stages).set_index("stage")  # SOLUTION
lost_now = counts.loc["lost", "clients"]  # SOLUTION
check("2.3", lost_now)

# %% [markdown] lang="en"
# ## Exercise 2.4 · From regular to declining
# Take the stages at the end of 2024 and at the end of 2025. How many clients that were **regular** at the end of
# 2024 were **declining** at the end of 2025?

# %% [markdown] lang="ru"
# ## Упражнение 2.4 · Из постоянных в угасающие
# Возьмите стадии на конец 2024 и на конец 2025 года. Сколько клиентов, которые были **постоянными** на конец
# 2024 года, стали **угасающими** на конец 2025-го?

# %% [markdown] lang="en" tags=["remove"]
# The stages at each year end: `stage_history` with `year_end_dates` (or `client_stages` twice, with `as_of`);
# `transition_matrix` counts the moves.

# %% [markdown] lang="ru" tags=["remove"]
# Стадии на конец каждого года: `stage_history` с `year_end_dates` (или дважды `client_stages` с `as_of`);
# переходы считает `transition_matrix`.

# %%
dates = year_end_dates(facts)
history = stage_history(facts, ds.clients, dates=dates)
before = history.loc[history["as_of"] == "2024-12-31"]  # SOLUTION
after = history.loc[history["as_of"] == "2025-12-31"]  # SOLUTION
regular_to_declining = transition_matrix(before, after).loc["regular", "declining"]  # SOLUTION
check("2.4", regular_to_declining)

# %% [markdown] lang="en"
# ## Exercise 2.5 · What the key clients bring
# What share of the revenue of the last 12 months do the clients at the stage **key** bring (on the last day of the
# data)? Compare it with their share of the clients.

# %% [markdown] lang="ru"
# ## Упражнение 2.5 · Что дают ключевые клиенты
# Какую долю выручки за последние 12 месяцев дают клиенты на стадии **ключевой** (на последний день данных)?
# Сравните её с их долей среди клиентов.

# %%
key_revenue_share = stage_counts(stages).set_index("stage").loc["key", "revenue_share"]  # SOLUTION
check("2.5", key_revenue_share)

# %% [markdown] lang="en"
# ## Exercise 2.6 · When is a client lost?
# The rules can be changed. If your company calls a client lost after **180** days without a purchase instead of
# 365, how many clients are lost on the last day of the data? (Keep the other rules as they are.)

# %% [markdown] lang="ru"
# ## Упражнение 2.6 · Когда клиент потерян?
# Правила можно менять. Если ваша компания считает клиента потерянным после **180** дней без покупок, а не после
# 365, сколько клиентов потеряно на последний день данных? (Остальные правила оставьте как есть.)

# %%
strict = StageRules(lost_days=180)  # SOLUTION
stages_strict = client_stages(facts, ds.clients, rules=strict)  # SOLUTION
lost_after_180 = (stages_strict["stage"] == "lost").sum()  # SOLUTION
check("2.6", lost_after_180)

# %% [markdown] lang="en"
# ## Exercise 2.7 · Key accounts in trouble
# Some clients are key accounts in their card, but their purchases say otherwise: their stage is **declining** or
# even **lost**. Which ones? Give their client codes (a list).

# %% [markdown] lang="ru"
# ## Упражнение 2.7 · Ключевые клиенты в беде
# Некоторые клиенты отмечены в карточке как ключевые, но их покупки говорят другое: их стадия — **угасающий** или
# даже **потерянный**. Какие это клиенты? Дайте их коды (списком).

# %% [markdown] lang="en" tags=["remove"]
# In `stages` the card's mark is the column `is_key`; the client codes are `client_id` (a list or a Series).

# %% [markdown] lang="ru" tags=["remove"]
# В `stages` отметка карточки — столбец `is_key`, коды клиентов — `client_id` (список или Series).

# %%
key_in_trouble = stages.loc[stages["is_key"] & stages["stage"].isin(["declining", "lost"]), "client_id"]  # SOLUTION
check("2.7", key_in_trouble)

# %% [markdown] lang="en"
# **To discuss (no check):** who is the manager of each of these clients, and when did each of them last buy?
# Why is a client that has not bought for a year still marked "key" in its card? What would you ask the manager
# tomorrow morning?

# %% [markdown] lang="ru"
# **Обсудите (без проверки):** кто менеджер каждого из этих клиентов и когда каждый из них покупал в последний
# раз? Почему клиент, который не покупает уже год, всё ещё отмечен в карточке как ключевой? Что вы спросите у
# менеджера завтра утром?

# %%
# Write your code here: join `stages` with `ds.clients` on client_id.
# solution
trouble = stages.loc[stages["is_key"] & stages["stage"].isin(["declining", "lost"])]
trouble.merge(ds.clients[["client_id", "name", "manager"]], on="client_id")[
    ["client_id", "name", "manager", "last_date", "days_since_last", "revenue_window", "revenue_prev_window"]
]
