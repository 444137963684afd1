# %% [markdown] lang="en"
# # Block 10 · Exercises · Working with key accounts
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Seven short exercises on the demo company, in the order of the block's workbook, so that everybody in the room
# gets the same right answer. Most need no programming: you **read** a number off a table or a chart that the
# workbook shows, or you **change one value** in a cell, run it again and read the result. Type what you read into
# the answer cell and run it: the check under it says at once whether you are right and, if not yet, gives a hint —
# one step more at each try. Exercise 10.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company and its key accounts.

# %% [markdown] lang="ru"
# # Блок 10 · Упражнения · Работа с ключевыми клиентами
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Семь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. Программировать почти не нужно: вы **читаете** число в таблице или на
# диаграмме, которую показывает тетрадь, или **меняете одно значение** в ячейке, запускаете её ещё раз и читаете
# результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно ли, а если пока
# нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 10.7 — для аналитика (нужен pandas), по
# желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию и её ключевых клиентов.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`opponents = 12`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) —
# and run the cell (Shift+Enter). Stuck before answering? `hint("10.3")` in a new cell shows the next step of the
# hint. In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`opponents = 12`), долю
# (`share = 0.23` или `share = 23` для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку (Shift+Enter).
# Не знаете, с чего начать? `hint("10.3")` в новой ячейке показывает следующий шаг подсказки. В упражнении «измените
# и запустите» поменяйте в вызове то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.dmu import (
    ACTIONS,
    BUY_CLASSES,
    buy_class,
    contact_matrix,
    dmu_actions,
    dmu_coverage,
)
from kbcore.analyses.dmu_review import (
    buy_class_summary,
    gap_summary,
    largest_account,
    review_accounts,
)
from kbcore.analyses.profitability import client_pnl
from kbcore.charts import use_style
from kbcore.charts.dmu import plot_attitudes, plot_contact_matrix
from kbcore.facts import Facts
from kbcore.views.dmu import (
    account_labels,
    accounts_note,
    actions_view,
    attitudes_total,
    buy_class_view,
    dmu_table,
    gaps_view,
    matrix_view,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("10.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
review = review_accounts(facts, ds.clients, pnl=client_pnl(facts, ds.clients, ds.interactions, end=facts.as_of))  # the key accounts of the client cards, the largest first
names = account_labels(review)
coverage = dmu_coverage(ds.contacts, review, as_of=facts.as_of, interactions=ds.interactions)
classes = buy_class(facts, review, products=ds.products)
print(accounts_note(review, lang))

# %% [markdown] lang="en"
# ## Exercise 10.1 · Who is against us?
# Every contact person of a key account has an attitude toward us in the contacts: a supporter, neutral, or an
# opponent. The table and the chart below count them over all key accounts (block 10, section 1).
#
# **How many people of the key accounts are recorded as opponents?** Type a whole number, e.g. `opponents = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 10.1 · Кто против нас?
# У каждого контактного лица ключевого клиента в контактах записано отношение к нам: сторонник, нейтрален или
# противник. Таблица и диаграмма ниже считают их по всем ключевым клиентам (блок 10, раздел 1).
#
# **Сколько людей ключевых клиентов записаны противниками?** Введите целое число, например `opponents = 12`.

# %%
display(dmu_table(attitudes_total(coverage, lang), lang))
plot_attitudes(coverage, review, lang=lang)
plt.show()

# %%
opponents = int(coverage["blockers"].sum())  # SOLUTION
check("10.1", opponents)

# %% [markdown] lang="en"
# ## Exercise 10.2 · Two months without the decision maker (change and rerun)
# The workbook calls a decision maker "not met for long" after half a year (180 days) without a contact. For a key
# account that is generous: many key-account managers meet the decider every quarter or more often.
#
# In the cell below, **change 180 to 60** (two months) in the call of the coverage, run the cell and read the gaps
# table: **how many key accounts have a decision maker not met for more than 60 days?** Type a whole number, e.g.
# `stale_accounts = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 10.2 · Два месяца без ЛПР (измените и запустите)
# Рабочая тетрадь считает, что с ЛПР «давно не общались», если контакта не было полгода (180 дней). Для ключевого
# клиента это щедро: многие менеджеры по работе с ключевыми клиентами встречаются с ЛПР раз в квартал и чаще.
#
# В ячейке ниже **замените 180 на 60** (два месяца) в вызове охвата, запустите ячейку и прочитайте таблицу пробелов:
# **у скольких ключевых клиентов с ЛПР не общались дольше 60 дней?** Введите целое число, например
# `stale_accounts = 3`.

# %%
coverage_short = dmu_coverage(ds.contacts, review, as_of=facts.as_of, stale_days=180, interactions=ds.interactions)  # EXERCISE
coverage_short = dmu_coverage(ds.contacts, review, as_of=facts.as_of, stale_days=60, interactions=ds.interactions)  # SOLUTION
dmu_table(gaps_view(gap_summary(coverage_short, review), lang), lang, pct=["account_share", "revenue_share"],
          money=["revenue_at_stake"], max_rows=None)

# %%
stale_accounts = int(coverage_short["decider_stale"].sum())  # SOLUTION
check("10.2", stale_accounts)

# %% [markdown] lang="en"
# ## Exercise 10.3 · How do the key accounts buy?
# The buy class of each key account, read from its purchases of the last 12 months against the 12 months before
# (block 10, section 3). **How many key accounts buy the same again — a straight rebuy?** In a straight rebuy the
# routine goes through purchasing, and that is where a competitor with a lower price gets in if we know nobody else.
#
# Type the number you read, e.g. `straight_rebuys = 4`.

# %% [markdown] lang="ru"
# ## Упражнение 10.3 · Как покупают ключевые клиенты?
# Тип закупки каждого ключевого клиента по его покупкам за последние 12 месяцев в сравнении с 12 месяцами до них
# (блок 10, раздел 3). **Сколько ключевых клиентов покупают то же самое снова — прямая повторная закупка?** При
# прямой повторной закупке рутиной занимается снабжение, и туда же приходит конкурент с ценой ниже, если других
# людей у клиента мы не знаем.
#
# Введите прочитанное число, например `straight_rebuys = 4`.

# %%
dmu_table(buy_class_view(buy_class_summary(coverage, classes), lang), lang, max_rows=None)

# %%
straight_rebuys = int((classes["buy_class"] == "straight_rebuy").sum())  # SOLUTION
check("10.3", straight_rebuys)

# %% [markdown] lang="en"
# ## Exercise 10.4 · The busiest relationship of the largest key account
# The contact matrix of the largest key account that has contact persons: the client's people × our people, the
# number in each square is the contacts of that pair in the last 12 months (block 10, section 4). In the demo
# company the interactions do not name the client's person, so the rows may show "person not recorded".
#
# **How many contacts in 12 months does the busiest pair have?** Type a whole number, e.g. `contacts = 40`.

# %% [markdown] lang="ru"
# ## Упражнение 10.4 · Самая плотная связь крупнейшего ключевого клиента
# Матрица контактов крупнейшего ключевого клиента, у которого есть контактные лица: люди клиента × наши сотрудники,
# число в клетке — контакты этой пары за последние 12 месяцев (блок 10, раздел 4). В демонстрационной компании в
# истории контактов не указан человек клиента, поэтому в строках может стоять «Человек не указан».
#
# **Сколько контактов за 12 месяцев у самой плотной пары?** Введите целое число, например `contacts = 40`.

# %%
matrix = contact_matrix(ds.contacts, ds.interactions, as_of=facts.as_of, staff=ds.staff)
shown = largest_account(review, coverage)
plot_contact_matrix(matrix, ds.contacts, shown, lang=lang, name=names[shown])
plt.show()
dmu_table(matrix_view(matrix, ds.contacts, shown, lang), lang, max_rows=None)

# %%
contacts = int(matrix.loc[matrix["client_id"] == shown, "interactions"].max())  # SOLUTION
check("10.4", contacts)

# %% [markdown] lang="en"
# ## Exercise 10.5 · How much revenue hangs on one thread?
# The gaps of the buying centres over the key accounts, with the revenue of the last 12 months at stake (block 10,
# section 5). **What share of the key accounts' revenue comes from the accounts with one contact person only?** Type
# the share as a fraction or a percentage, e.g. `share = 0.3` or `share = 30`.

# %% [markdown] lang="ru"
# ## Упражнение 10.5 · Сколько выручки держится на одной нити?
# Пробелы закупочных центров ключевых клиентов и выручка последних 12 месяцев под угрозой (блок 10, раздел 5).
# **Какая доля выручки ключевых клиентов приходится на клиентов, у которых только одно контактное лицо?** Введите
# долю дробью или в процентах, например `share = 0.3` или `share = 30`.

# %%
gaps = gap_summary(coverage, review)
dmu_table(gaps_view(gaps, lang), lang, pct=["account_share", "revenue_share"], money=["revenue_at_stake"],
          max_rows=None)

# %%
share = float(gaps.set_index("gap").loc["single_threaded", "revenue_share"])  # SOLUTION
check("10.5", share)

# %% [markdown] lang="en"
# ## Exercise 10.6 · Where to start with the largest key account
# The DMU actions of every key account, the largest first, each with its actions in order (block 10, section 6).
# **What is the first action of the largest key account on the list?**
#
# 1. Map the buying centre
# 2. Find and meet the decision maker
# 3. Meet the decision maker again
# 4. Win over the opponent
# 5. Find a second contact person
#
# Type the number of the option, e.g. `answer = 2`.

# %% [markdown] lang="ru"
# ## Упражнение 10.6 · С чего начать у крупнейшего ключевого клиента
# Действия с закупочным центром по каждому ключевому клиенту — сначала крупнейшие, у каждого действия по очереди
# (блок 10, раздел 6). **Какое первое действие у крупнейшего ключевого клиента в списке?**
#
# 1. Составить карту закупочного центра
# 2. Выйти на ЛПР и встретиться с ним
# 3. Возобновить контакт с ЛПР
# 4. Переубедить противника
# 5. Найти второе контактное лицо
#
# Введите номер варианта, например `answer = 2`.

# %%
actions = dmu_actions(coverage, classes)
dmu_table(actions_view(actions, review, lang), lang, max_rows=10)

# %%
answer = 1 + list(ACTIONS).index(actions.merge(review, on="client_id").sort_values(["revenue_rank", "rank"])["action"].iloc[0])  # SOLUTION
check("10.6", answer)

# %% [markdown] lang="en"
# ## Exercise 10.7 · One thread and falling revenue (for the analyst, optional)
# A key account held by one contact person whose purchases are falling is the first to lose. With pandas, find the
# key accounts that have **one contact person only** and whose **revenue of the last 12 months is below the 12 months
# before**. The tables are `coverage` (one row per key account, the column `single_threaded`) and `classes` (the
# column `revenue_change`). Give the list of their client codes, e.g. `falling = ["000123", "000456"]`.

# %% [markdown] lang="ru"
# ## Упражнение 10.7 · Одна нить и падающая выручка (для аналитика, по желанию)
# Ключевой клиент, который держится на одном контактном лице и покупает всё меньше, — первый кандидат на потерю.
# С помощью pandas найдите ключевых клиентов, у которых **только одно контактное лицо** и **выручка за последние
# 12 месяцев ниже, чем за 12 месяцев до них**. Таблицы — `coverage` (строка на ключевого клиента, столбец
# `single_threaded`) и `classes` (столбец `revenue_change`). Введите список их кодов, например
# `falling = ["000123", "000456"]`.

# %%
one = set(coverage.loc[coverage["single_threaded"].fillna(False).astype(bool), "client_id"])  # SOLUTION
falling = sorted(one & set(classes.loc[classes["revenue_change"] < 0, "client_id"]))  # SOLUTION
check("10.7", falling)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** of the key accounts you found in 10.7, which would you visit first, and whom would you ask to meet?
#
# <details><summary>Check yourself</summary>
#
# - The larger the revenue and the faster the fall, the more urgent: the table of section 3 shows both.
# - The one person we know is rarely the decision maker's only voice: ask them who else takes part in the choice
#   (section 1's roles).
# - A meeting at a higher level than our single contact, with our director if needed, is the way out of a single
#   thread.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кого из ключевых клиентов, найденных в 10.7, вы посетили бы первым и с кем попросили бы встречи?
#
# <details><summary>Проверьте себя</summary>
#
# - Чем больше выручка и быстрее падение, тем срочнее: таблица раздела 3 показывает и то, и другое.
# - Единственный знакомый нам человек редко единственный голос при решении: спросите его, кто ещё участвует в выборе
#   (роли из раздела 1).
# - Встреча на уровень выше нашего единственного контакта, при необходимости с нашим директором, — выход из «одной
#   нити».
#
# </details>
