# %% [markdown] lang="en"
# # Block 7 · Exercises · Identifying key accounts and their role in the company's business
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Seven short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. Most need no programming: you **read** a number off a table or a chart that the workbook
# shows, or you **change one value** in a cell, run it again and read the result. Type what you read into the answer
# cell and run it: the check under it says at once whether you are right and, if not yet, gives a hint — one step
# more at each try. Exercise 7.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 7 · Упражнения · Идентификация ключевых клиентов и определение их роли в деятельности компании
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Семь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. Программировать почти не нужно: вы **читаете** число в таблице или на
# диаграмме, которую показывает тетрадь, или **меняете одно значение** в ячейке, запускаете её ещё раз и читаете
# результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно ли, а если пока
# нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 7.7 — для аналитика (нужен pandas), по
# желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`stale = 12`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("7.3")` in a new cell shows the next step of the hint. In
# a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`stale = 12`), долю
# (`share = 0.23` или `share = 23` для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку (Shift+Enter).
# Не знаете, с чего начать? `hint("7.3")` в новой ячейке показывает следующий шаг подсказки. В упражнении «измените и
# запустите» поменяйте в вызове то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.ka_portfolio import (
    key_accounts_needed,
    load_portfolio_template,
    matrix_clients,
    portfolio_measures,
    portfolio_scores,
    quadrant_summary,
)
from kbcore.analyses.key_accounts import (
    ka_contribution,
    ka_flag_review,
    ka_headroom,
    ka_on_whale_curve,
    ka_profile,
    ka_yearly,
    key_account_ids,
    losing_key_accounts,
)
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.planning import base_year
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import client_pnl, whale_curve, whale_summary
from kbcore.charts import use_style
from kbcore.charts.key_accounts import plot_ka_matrix, plot_ka_needed, plot_ka_whale
from kbcore.facts import Facts
from kbcore.views import key_accounts as kav
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("7.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
snapshot = facts.as_of  # the last sales day
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)  # block 1's client P&L
ka = key_account_ids(ds.clients)  # the clients flagged as key accounts in the client cards
print(kav.who_text(ka, False, lang))

# %% [markdown] lang="en"
# ## Exercise 7.1 · What do the key accounts bring?
# The contribution of the key accounts, as in the block's workbook: their share of the revenue, of the gross margin
# and of the client profit (gross margin minus the cost to serve), and their share of the clients.
#
# **What share of the client profit do the key accounts bring?** Read it in the row "Client profit", column "Key
# accounts' share". Type it as a fraction or as a percentage, e.g. `profit_share = 0.5` or `profit_share = 50`.
# Compare it with their share of the clients: what does it say?

# %% [markdown] lang="ru"
# ## Упражнение 7.1 · Что приносят ключевые клиенты?
# Вклад ключевых клиентов, как в рабочей тетради блока: их доля в выручке, в валовой прибыли и в прибыли по клиентам
# (валовая прибыль минус стоимость обслуживания) и их доля в числе клиентов.
#
# **Какую долю прибыли по клиентам приносят ключевые клиенты?** Прочитайте её в строке «Прибыль по клиенту»,
# столбец «Доля ключевых клиентов». Введите долю дробью или в процентах, например `profit_share = 0.5` или
# `profit_share = 50`. Сравните с их долей в числе клиентов: о чём это говорит?

# %%
contrib = ka_contribution(pnl, ka)
kav.contribution_table(contrib, lang)

# %%
profit_share = float(contrib.set_index("measure").loc["profit", "share"])  # SOLUTION
check("7.1", profit_share)

# %% [markdown] lang="en"
# ## Exercise 7.2 · Key accounts that lose money
# The whale curve with the key accounts marked, and the table of the key accounts that lose money: sold below the
# cost of goods, or served at a cost higher than their gross margin.
#
# **How many key accounts lose money?** Count the rows of the table (its caption says it too). Type the number,
# e.g. `losing_accounts = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 7.2 · Убыточные ключевые клиенты
# «Кривая кита» с отмеченными ключевыми клиентами и таблица убыточных ключевых клиентов: продажи ниже себестоимости
# или обслуживание дороже их валовой прибыли.
#
# **Сколько ключевых клиентов убыточны?** Посчитайте строки таблицы (их число написано и в её заголовке). Введите
# число, например `losing_accounts = 12`.

# %%
curve = whale_curve(pnl)
ax = plot_ka_whale(curve, whale_summary(curve), ka_on_whale_curve(pnl, ka), lang=lang)
plt.show()
losing = losing_key_accounts(pnl, ka)
kav.losing_table(losing, lang)

# %%
losing_accounts = len(losing)  # SOLUTION
check("7.2", losing_accounts)

# %% [markdown] lang="en"
# ## Exercise 7.3 · Stale flags
# The flags to review: key accounts still flagged in the client cards although they are lost, declining or never
# bought (block 2's lifecycle stages), and clients that fit the key-account profile without being flagged.
#
# **How many flags are stale?** Read the first number in the caption of the table ("… stale"). Type it, e.g.
# `stale = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 7.3 · Устаревшие отметки
# Отметки на пересмотр: ключевые клиенты, которые всё ещё отмечены в карточках клиентов, хотя потеряны, угасают или
# ни разу не покупали (этапы жизненного цикла из блока 2), и клиенты, которые соответствуют профилю ключевого клиента,
# но не отмечены.
#
# **Сколько отметок устарели?** Прочитайте первое число в заголовке таблицы («устаревших — …»). Введите его,
# например `stale = 12`.

# %%
features = client_features(facts, ds.clients, ds.products, as_of=snapshot)
profile = ka_profile(features, pnl, ka)
review = ka_flag_review(profile.scores, client_stages(facts, ds.clients, as_of=snapshot), ka)
kav.review_table(review, features, lang)

# %%
stale = int(review["reason"].str.startswith("stale").sum())  # SOLUTION
check("7.3", stale)

# %% [markdown] lang="en"
# ## Exercise 7.4 · A position that rests on too little data (change and rerun)
# The selection matrix places a client on an axis as soon as one criterion of that axis has data. A stricter rule:
# place it only if the criteria with data carry at least **half of the axis's weight**.
#
# In the cell of the exercise change `min_coverage` from 0.0 to 0.5, run the cell and read the quadrant table: the
# row "Not placed: no data", column "Of them key accounts". **How many key accounts does the stricter rule leave off
# the matrix?** Type the number, e.g. `not_placed = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 7.4 · Позиция, которая опирается на слишком мало данных (измените и запустите)
# Матрица выбора размещает клиента на оси, как только по одному из критериев этой оси есть данные. Правило строже:
# размещать, только если критерии с данными несут не меньше **половины веса оси**.
#
# В ячейке упражнения поменяйте `min_coverage` с 0.0 на 0.5, запустите ячейку и прочитайте таблицу квадрантов:
# строка «Не размещён: нет данных», столбец «Из них К.А.». **Сколько ключевых клиентов строгое правило оставляет
# вне матрицы?** Введите число, например `not_placed = 12`.

# %%
template = load_portfolio_template()
measures = portfolio_measures(facts, ds.clients, contacts=ds.contacts, surveys=ds.surveys, pnl=pnl, as_of=snapshot)
on_matrix = matrix_clients(measures, ka)  # the clients who bought in the last 12 months and the key accounts

# %%
strict = portfolio_scores(on_matrix, template, min_coverage=0.0)  # EXERCISE
strict = portfolio_scores(on_matrix, template, min_coverage=0.5)  # SOLUTION
strict_quadrants = quadrant_summary(strict.table, on_matrix, strict.quadrants, ka)
display(kav.quadrant_table(strict_quadrants, lang))
not_placed = int(strict_quadrants.set_index("quadrant")["key_accounts"].get("", 0))  # SOLUTION
check("7.4", not_placed)

# %% [markdown] lang="en"
# ## Exercise 7.5 · Where are the key accounts on the matrix?
# The selection matrix with the default template and rule: attractiveness of the account against our strength in it,
# the key accounts in orange, and the table of the quadrants.
#
# **Which quadrant holds the most key accounts?**
#
# 1) Invest for growth
# 2) Invest selectively
# 3) Maintain
# 4) Manage for cash
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 7.5 · Где ключевые клиенты на матрице?
# Матрица выбора с шаблоном и правилом по умолчанию: привлекательность клиента против наших позиций у него, ключевые
# клиенты — оранжевые, и таблица квадрантов.
#
# **В каком квадранте больше всего ключевых клиентов?**
#
# 1) Инвестировать в рост
# 2) Инвестировать выборочно
# 3) Поддерживать позиции
# 4) Обслуживать экономно
#
# Введите номер варианта, например `answer = 3`.

# %%
matrix = portfolio_scores(on_matrix, template)
ax = plot_ka_matrix(matrix, on_matrix, key_accounts=ka, lang=lang)
plt.show()
quadrants = quadrant_summary(matrix.table, on_matrix, matrix.quadrants, ka)
kav.quadrant_table(quadrants, lang)

# %%
answer = 1 + list(matrix.quadrants.values()).index(quadrants.sort_values("key_accounts")["quadrant"].iloc[-1])  # SOLUTION
check("7.5", answer)

# %% [markdown] lang="en"
# ## Exercise 7.6 · A bolder goal (change and rerun)
# Block 5's growth goal is +15 % on the revenue of the last full year. As in section 5 of the block's workbook, the
# chart adds up the headroom (potential minus our sales) of **today's key accounts**, the largest first, until it
# reaches the goal. If the line stays below the goal, today's key accounts cannot deliver it: the rest must come from
# new key accounts (block 8).
#
# The board asks for **+30 %**. In the cell of the exercise change the growth from +15 % to +30 %, run the cell and read
# the chart and the text under it. **How many of today's key accounts does the bolder goal take?** Type the number,
# e.g. `accounts = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 7.6 · Цель смелее (измените и запустите)
# Цель роста из блока 5 — +15 % к выручке последнего полного года. Как в разделе 5 рабочей тетради блока, диаграмма
# складывает резерв (потенциал минус наши продажи) **нынешних ключевых клиентов**, начиная с самого большого, пока не
# дойдёт до цели. Если линия так и остаётся ниже цели, нынешние ключевые клиенты её не дадут: остальное должны дать
# новые ключевые клиенты (блок 8).
#
# Совет директоров просит **+30 %**. В ячейке упражнения поменяйте рост с +15 % на +30 %, запустите ячейку и прочитайте
# диаграмму и текст под ней. **Сколько нынешних ключевых клиентов нужно для более смелой цели?** Введите число,
# например `accounts = 12`.

# %%
goal_year = base_year(facts, snapshot)
totals = ka_yearly(facts, ka).totals  # the company's revenue by year, as in the block's workbook
base_revenue = float(totals.loc[totals["year"] == goal_year, "revenue_all"].sum())
headroom = ka_headroom(facts, ds.clients, ka, as_of=snapshot)  # today's key accounts only

# %%
growth = 0.15  # EXERCISE
growth = 0.30  # SOLUTION
need = key_accounts_needed(headroom, growth * base_revenue, interactions=ds.interactions, staff=ds.staff, key_accounts=ka,
                           as_of=snapshot)
ax = plot_ka_needed(need, lang=lang)
plt.show()
print(kav.need_text(need, lang, growth=growth, year=goal_year, base=base_revenue))
accounts = need.accounts_needed  # SOLUTION
check("7.6", accounts)

# %% [markdown] lang="en"
# ## Exercise 7.7 · The key accounts' share of wallet (for the analyst, optional)
# The headroom table of the key accounts has, for each of them, its potential (yearly purchases of our category) and
# our revenue of the last 12 months. **What share of the key accounts' purchases, taken together, do we get?** Compute
# Σ our revenue / Σ potential over the key accounts with a known potential, with pandas, and type it as a fraction,
# e.g. `wallet_share = 0.5`.

# %% [markdown] lang="ru"
# ## Упражнение 7.7 · Доля в закупках ключевых клиентов (для аналитика, по желанию)
# В таблице резерва ключевых клиентов у каждого есть потенциал (годовые закупки нашей категории) и наша выручка за
# последние 12 месяцев. **Какую долю закупок ключевых клиентов, вместе взятых, получаем мы?** Посчитайте с помощью
# pandas Σ нашей выручки / Σ потенциала по ключевым клиентам с известным потенциалом и введите долю дробью, например
# `wallet_share = 0.5`.

# %%
headroom = ka_headroom(facts, ds.clients, ka, as_of=snapshot)
kav.headroom_table(headroom, lang)

# %%
known = headroom.loc[headroom["potential"].notna()]  # SOLUTION
wallet_share = float(known["revenue_year"].sum() / known["potential"].sum())  # SOLUTION
check("7.7", wallet_share)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the key accounts make about half of the client profit, a handful of them lose money, and the +30 %
# goal needs more accounts than +15 %. Which key accounts would you keep, which would you add, and who would hold them?
#
# <details><summary>Check yourself</summary>
#
# - Keep the key accounts in the invest-for-growth quadrant with a positive client profit: they are worth their care.
# - A losing or stale key account is a decision to take now: fix the price or the cost to serve, win it back, or
#   unflag it.
# - Each account added for the goal needs a manager who can hold it: compare the number with the managers you have
#   and with the usual 15–35 key accounts per company.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** ключевые клиенты дают около половины прибыли по клиентам, несколько из них убыточны, а для цели +30 %
# нужно больше клиентов, чем для +15 %. Каких ключевых клиентов вы бы оставили, каких добавили и кто будет их вести?
#
# <details><summary>Проверьте себя</summary>
#
# - Оставьте ключевых клиентов из квадранта «Инвестировать в рост» с положительной прибылью по клиенту: они стоят
#   своего внимания.
# - Убыточный ключевой клиент или клиент с устаревшей отметкой — решение, которое нужно принять сейчас: исправить
#   цену или стоимость обслуживания, вернуть клиента или снять отметку.
# - Каждому клиенту, добавленному ради цели, нужен менеджер, который сможет его вести: сравните число с тем, сколько
#   у вас менеджеров, и с обычными 15–35 ключевыми клиентами на компанию.
#
# </details>
