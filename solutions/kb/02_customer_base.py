# %% [markdown] lang="en"
# # Block 2 · Exercises · What is a customer base?
# *(«Что называют клиентской базой?»)*
#
# Eleven short exercises on the demo company, in the order of the block: the words of the seminar, is its customer
# base a list or a base, what the base holds by the data, does
# the status in its client cards tell the truth, where are its clients in their lifecycle, and which key clients is
# it losing?
#
# Most exercises need no programming: you **read** a number off a table or a chart that the cell shows, or you
# **change one value** in the cell's first line, run the cell again and read the result. Type what you read into
# the answer line and run the cell: the check under it says at once whether you are right and, if not yet, gives a
# hint — one step more at each try. Exercise 2.9 is for the analyst (it needs pandas) and is optional.

# %% [markdown] lang="ru"
# # Блок 2 · Упражнения · Что называют клиентской базой?
#
# Одиннадцать коротких упражнений на данных демо-компании, в том же порядке, что и в блоке: слова семинара, её
# «КБ» — список или база, что база содержит по данным, правдив ли статус в карточках клиентов, на каких стадиях жизненного цикла находятся клиенты и каких
# ключевых клиентов компания теряет?
#
# Программировать почти не нужно: вы **читаете** число в таблице или на диаграмме, которую показывает ячейка,
# или **меняете одно значение** в первой строке ячейки, запускаете её ещё раз и читаете результат. Впишите
# прочитанное в строку ответа и запустите ячейку: проверка под ней сразу скажет, верен ли ответ, а если пока нет —
# даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 2.9 — для аналитика (нужен pandas), по желанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** Run the cells from the top (Shift+Enter); the first one loads the demo company. In an answer
# line put the value you read in place of the `...` — a number (`lost_clients = 12`), a share (`share = 0.23` or
# `share = 23` for 23 %) or the number of an option (`answer = 2`) — and run the cell again. Stuck before
# answering? `hint("2.3")` in a new cell shows the next step of the hint. In a *change and rerun* exercise change
# the one value the text names in the cell's first line, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** Запускайте ячейки сверху вниз (Shift+Enter); первая загружает демо-компанию. В строке ответа
# впишите вместо `...` прочитанное значение — число (`lost_clients = 12`), долю (`share = 0.23` или `share = 23`
# для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку ещё раз. Не знаете, с чего начать?
# `hint("2.3")` в новой ячейке покажет следующий шаг подсказки. В упражнении «измените и запустите» поменяйте в
# первой строке ячейки то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore.analyses import (
    StageRules,
    base_completeness,
    base_verdict,
    client_stages,
    stage_counts,
    status_vs_stage,
    transition_matrix,
)
from kbcore.analyses.assessment import assess, load_answers, read_questionnaire
from kbcore.analyses.evidence import measure
from kbcore.analyses.glossary import matching_quiz, read_glossary
from kbcore.charts import plot_completeness, plot_transition_matrix, use_style
from kbcore.facts import Facts
from kbcore.views import (
    counts_table,
    stage_rules_table,
    status_table,
    styled,
    verdict_reasons,
    verdict_text,
)
from kbcore.views.completeness import completeness_view
from kbcore.views.glossary import quiz_definitions_table, quiz_terms_table
from kbcore.views.lifecycle import key_accounts_table
from kbcore.views.self_assessment import evidence_where_table
from kbcore.workbook import check, hint, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once for every question below
stages = client_stages(facts, ds.clients)  # the stage of every client on the last day of the data
completeness = base_completeness(ds.clients, ds.interactions, ds.contacts, stages)

# %% [markdown] lang="en"
# ## Exercise 2.0 · The words of the seminar
# The block starts by agreeing on the words. Below: six terms of the seminar, numbered 1 to 6, and their
# definitions in a shuffled order, lettered A to F.
#
# **Which term does definition B name?** The options are the six terms: 1) customer base, 2) client list,
# 3) client card, 4) key account, 5) cost to serve, 6) share of wallet. Type the number of the
# term, e.g. `answer = 4`.

# %% [markdown] lang="ru"
# ## Упражнение 2.0 · Слова семинара
# Блок начинается с того, что договаривается о словах. Ниже — шесть терминов семинара под номерами от 1 до 6 и их
# определения вперемешку, под буквами от A до F.
#
# **Какой термин называет определение B?** Варианты — шесть терминов: 1) клиентская база, 2) список клиентов,
# 3) карточка клиента, 4) ключевой клиент, 5) стоимость обслуживания, 6) доля в закупках клиента. Введите номер
# термина, например `answer = 4`.

# %%
glossary = read_glossary()
quiz = matching_quiz(glossary)
display(styled(quiz_terms_table(glossary, quiz, lang), lang))
display(styled(quiz_definitions_table(glossary, quiz, lang), lang))

# %%
answer = quiz.number("B")  # SOLUTION
check("2.0", answer)

# %% [markdown] lang="en"
# ## Exercise 2.1 · How complete are the client cards?
# A customer base starts with the client card: name, tax ID, a phone or an e-mail, the address and the decision
# maker (ЛПР). The table shows, for each component of the base, the share of clients for which it is known. For
# what share of the clients is the **client card** complete? Read the row «Client card», column «Share of clients
# with data», and type the share as shown: `card_share = 0.23` or `card_share = 23` (23 %).

# %% [markdown] lang="ru"
# ## Упражнение 2.1 · Насколько заполнены карточки клиентов?
# Клиентская база начинается с карточки клиента: наименование, ИНН, телефон или эл. почта, адрес и ЛПР. Таблица
# показывает по каждому компоненту базы долю клиентов, по которым он известен. У какой доли клиентов **карточка
# клиента** заполнена полностью? Прочитайте строку «Карточка клиента», столбец «Доля клиентов с данными», и
# введите долю, как в таблице: `card_share = 0.23` или `card_share = 23` (23 %).

# %%
display(completeness_view(completeness, lang))
card_share = completeness.set_index("component").loc["card", "known_share"]  # SOLUTION
check("2.1", card_share)

# %% [markdown] lang="en"
# ## Exercise 2.2 · List or base?
# The block's rule: a **customer base** when every component is known for enough clients (column «Enough?»); a
# **list of clients** when fewer than half of them are; **partly a base** in between. The chart below shows the same
# components as bars (red: not enough). What is the verdict for the demo company, and why? Type the option's
# number, e.g. `verdict_option = 2`:
# 1) a customer base: every component is known for enough clients;
# 2) partly a base: the client card and the interaction history are missing for too many clients;
# 3) partly a base: the segment and the potential are missing for too many clients;
# 4) a list of clients: most components are missing.

# %% [markdown] lang="ru"
# ## Упражнение 2.2 · Список или база?
# Правило блока: **клиентская база** — когда данных хватает по каждому компоненту (столбец «Достаточно?»);
# **список клиентов** — когда хватает меньше чем по половине компонентов; между ними — **отчасти база**. На
# диаграмме ниже — те же компоненты полосами (красные — данных не хватает). Каков вывод для демо-компании и почему?
# Введите номер варианта, например `verdict_option = 2`:
# 1) клиентская база: данных хватает по каждому компоненту;
# 2) отчасти база: у слишком многих клиентов нет полной карточки и истории контактов;
# 3) отчасти база: у слишком многих клиентов не указаны сегмент и потенциал;
# 4) список клиентов: большинства компонентов нет.

# %%
ax = plot_completeness(completeness, lang=lang)
plt.show()
verdict_option = {("base", ()): 1, ("partly", ("card", "interactions")): 2, ("partly", ("potential", "segment")): 3}.get((base_verdict(completeness).verdict, tuple(sorted(base_verdict(completeness).reasons))), 4)  # SOLUTION
check("2.2", verdict_option)

# %% tags=["solution"]
# For the trainer: the verdict and its reasons, to discuss with the room.
verdict = base_verdict(completeness)
display(Markdown(f"**{verdict_text(verdict, lang)}**\n\n"
                 + "\n".join(f"- {reason}" for reason in verdict_reasons(verdict, completeness, lang))))

# %% [markdown] lang="en"
# ## Exercise 2.3 · A stricter audit
# So far a component counts when it is known for at least 80 % of the clients. A stricter audit asks for 90 %. In
# the cell's first line change `threshold=0.8` to `threshold=0.9`, run the cell and count the components that are
# still known for enough clients (rows with «yes» in the column «Enough?»). Type the number, e.g.
# `components_ok = 5`.

# %% [markdown] lang="ru"
# ## Упражнение 2.3 · Более строгий аудит
# Пока компонент засчитывается, если он известен не менее чем по 80 % клиентов. Более строгий аудит требует 90 %.
# В первой строке ячейки замените `threshold=0.8` на `threshold=0.9`, запустите ячейку и посчитайте компоненты, по
# которым данных по-прежнему хватает (строки с «да» в столбце «Достаточно?»). Введите число, например
# `components_ok = 5`.

# %%
strict = base_completeness(ds.clients, ds.interactions, ds.contacts, stages, threshold=0.8)  # EXERCISE
strict = base_completeness(ds.clients, ds.interactions, ds.contacts, stages, threshold=0.9)  # SOLUTION
display(completeness_view(strict, lang))
components_ok = base_verdict(strict).ok  # SOLUTION
check("2.3", components_ok)

# %% [markdown] lang="en"
# ## Exercise 2.4 · Is the status true?
# A status is a component of the base only if it tells the truth. The table compares the status written in the
# cards (rows) with the lifecycle stage computed from the purchases (columns). How many clients are marked
# **active** in their card («активный») although their purchases make them **lost** (no purchase for a year or
# more)? Read the row «активный», column «Lost», and type the number, e.g. `active_but_lost = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 2.4 · Правдив ли статус?
# Статус — компонент базы, только если он говорит правду. Таблица сравнивает статус, записанный в карточках
# (строки), со стадией жизненного цикла, рассчитанной по покупкам (столбцы). Сколько клиентов отмечены в карточке
# как **активные**, хотя по покупкам они **потерянные** (нет покупок год и более)? Прочитайте строку «активный»,
# столбец «Потерянный», и введите число, например `active_but_lost = 12`.

# %%
display(status_table(status_vs_stage(ds.clients, stages), lang))
active_but_lost = status_vs_stage(ds.clients, stages).loc["активный", "lost"]  # SOLUTION
check("2.4", active_but_lost)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** who in your company changes a client's status, and when? Look at the whole table: what does it
# say about the statuses in the cards?
#
# <details><summary>Check yourself</summary>
#
# - The mismatches go both ways: «active» cards of clients who stopped buying long ago, and «inactive» cards of
#   clients who still buy, some of them declining ones that need a call now.
# - A status typed by hand and never reviewed is an opinion of the day it was typed; nobody's task is to keep it.
# - The fix: compute the status from the purchases by written rules (the lifecycle stage), or give the review of
#   statuses an owner and a date, e.g. every quarter.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кто в вашей компании меняет статус клиента и когда? Посмотрите на всю таблицу: что она говорит о
# статусах в карточках?
#
# <details><summary>Проверьте себя</summary>
#
# - Расхождения в обе стороны: «активные» карточки клиентов, которые давно не покупают, и «неактивные» у тех, кто
#   ещё покупает, — среди них есть угасающие, которым нужно звонить уже сейчас.
# - Статус, вписанный вручную и ни разу не пересмотренный, — мнение на день, когда его вписали; вести его никто не
#   обязан.
# - Что делать: рассчитывать статус по покупкам по записанным правилам (стадия жизненного цикла) или закрепить
#   пересмотр статусов за ответственным со сроком, например раз в квартал.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 2.4b · What the base holds, by the data
# The block asks, before any figure, "What does your customer base hold?" and then sets the answers against the
# data. Here the answers are those of an example participant (the same for everybody in the room); the figures
# are the demo company's.
#
# **For what share of the active clients is at least one contact person recorded, by the data?** It stands beside
# the statement on contact persons, in the column "The data says". Type it as a fraction or in per cent, e.g.
# `contacts_share = 0.5` or `contacts_share = 50`.

# %% [markdown] lang="ru"
# ## Упражнение 2.4b · Что содержит база — по данным
# Блок до всех цифр спрашивает «Что содержит ваша клиентская база?», а затем ставит ответы рядом с данными. Здесь
# ответы — участника-примера (одни и те же у всех в зале), цифры — демонстрационной компании.
#
# **По какой доле активных клиентов, по данным, записано хотя бы одно контактное лицо?** Она стоит рядом с
# утверждением о контактных лицах, в столбце «По данным». Введите долю дробью или в процентах, например
# `contacts_share = 0.5` или `contacts_share = 50`.

# %%
q_base = read_questionnaire("kb_base_contents")
base_view = load_answers(q_base)  # no answers given: the example participant's
measured = measure(sorted({x.evidence for x in q_base.questions if x.evidence}), ds, facts)
base_result = assess(q_base, base_view.table, measured=measured)
styled(evidence_where_table(q_base, base_result, lang), lang, max_rows=None)

# %%
contacts_share = float(base_result.questions.set_index("question_id").loc["bc_contacts", "measured"])  # SOLUTION
check("2.4b", contacts_share)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which statement would a head of sales most often overrate, and which figure of the table would
# convince his managers?
#
# <details><summary>Check yourself</summary>
#
# - Read the column "Verdict": the statements where the answer lies more than a point from the measured share.
# - Contacts and the recent meetings with key accounts are the usual blind spots: nobody sees them in a sales
#   report.
# - A figure with an owner and a monthly review convinces more than a discussion of opinions.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какое утверждение руководитель отдела продаж чаще всего переоценивает и какая цифра таблицы убедила
# бы его менеджеров?
#
# <details><summary>Проверьте себя</summary>
#
# - Прочитайте столбец «Вывод»: утверждения, где ответ отстоит от измеренной доли больше чем на балл.
# - Контактные лица и недавние встречи с ключевыми клиентами — обычные слепые пятна: в отчёте о продажах их не
#   видно.
# - Цифра с ответственным и ежемесячным разбором убеждает больше, чем спор мнений.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 2.5 · What the key clients bring
# The table shows the clients by lifecycle stage on the last day of the data: how many, what share of the clients,
# their revenue of the last 12 months and its share. What share of the revenue do the clients at the stage **key**
# bring? Read the row «Key», column «Share of revenue», and type the share as shown: `key_revenue_share = 0.23` or
# `key_revenue_share = 23` (23 %). Compare it with their share of the clients.

# %% [markdown] lang="ru"
# ## Упражнение 2.5 · Что дают ключевые клиенты
# Таблица показывает клиентов по стадиям жизненного цикла на последний день данных: сколько их, какая это доля
# клиентов, их выручку за последние 12 месяцев и её долю. Какую долю выручки дают клиенты на стадии
# **ключевой**? Прочитайте строку «Ключевой», столбец «Доля выручки», и введите долю, как в таблице:
# `key_revenue_share = 0.23` или `key_revenue_share = 23` (23 %). Сравните её с их долей среди клиентов.

# %%
counts = stage_counts(stages)
display(styled(counts_table(counts, lang), lang, max_rows=None))
key_revenue_share = counts.set_index("stage").loc["key", "revenue_share"]  # SOLUTION
check("2.5", key_revenue_share)

# %% [markdown] lang="en"
# ## Exercise 2.6 · When is a client lost?
# The stage rules can be changed. Today a client is lost after **365** days without a purchase. If your company
# calls a client lost after **180** days, how many clients are lost on the last day of the data? In the cell's
# first line change `lost_days=365` to `lost_days=180` (keep the other rules), run the cell and read the row
# «Lost», column «Clients». Type the number, e.g. `lost_after_180 = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 2.6 · Когда клиент потерян?
# Правила стадий можно менять. Сейчас клиент считается потерянным после **365** дней без покупок. Если ваша
# компания считает клиента потерянным уже после **180** дней, сколько клиентов потеряно на последний день данных?
# В первой строке ячейки замените `lost_days=365` на `lost_days=180` (остальные правила не трогайте), запустите
# ячейку и прочитайте строку «Потерянный», столбец «Число клиентов». Введите число, например
# `lost_after_180 = 12`.

# %%
rules = StageRules(lost_days=365)  # EXERCISE
rules = StageRules(lost_days=180)  # SOLUTION
display(styled(stage_rules_table(rules, lang), lang, max_rows=None))
counts_rules = stage_counts(client_stages(facts, ds.clients, rules=rules))
display(styled(counts_table(counts_rules, lang), lang, max_rows=None))
lost_after_180 = counts_rules.set_index("stage").loc["lost", "clients"]  # SOLUTION
check("2.6", lost_after_180)

# %% [markdown] lang="en"
# ## Exercise 2.7 · From regular to declining
# The chart is the transition matrix between the end of 2024 and the end of 2025: a row is the stage on
# 31.12.2024, a column the stage on 31.12.2025, a cell the number of clients who made that move. How many clients
# that were **regular** at the end of 2024 were **declining or at risk** at the end of 2025? Read the row
# «Regular», column «Declining / at risk», and type the number, e.g. `regular_to_declining = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 2.7 · Из постоянных в угасающие
# На диаграмме — матрица переходов между концом 2024 и концом 2025 года: строка — стадия на 31.12.2024, столбец —
# стадия на 31.12.2025, в клетке — число клиентов, совершивших такой переход. Сколько клиентов, которые были
# **постоянными** на конец 2024 года, стали **угасающими или в зоне риска** на конец 2025-го? Прочитайте строку
# «Постоянный», столбец «Угасающий / в зоне риска», и введите число, например `regular_to_declining = 12`.

# %%
before = client_stages(facts, ds.clients, as_of="2024-12-31")
after = client_stages(facts, ds.clients, as_of="2025-12-31")
matrix = transition_matrix(before, after)
ax = plot_transition_matrix(matrix, lang=lang)
plt.show()
regular_to_declining = matrix.loc["regular", "declining"]  # SOLUTION
check("2.7", regular_to_declining)

# %% [markdown] lang="en"
# ## Exercise 2.8 · Key accounts in trouble
# The table lists every client marked as a key account in its card, with the stage its purchases give it, its
# manager, its last purchase and its revenue of the last 12 months and of the 12 months before. Some of them are
# key accounts only on paper: their stage is **declining / at risk** or even **lost**. How many are they? Count the
# rows with those stages in the column «Stage» and type the number, e.g. `key_in_trouble = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 2.8 · Ключевые клиенты в беде
# В таблице — все клиенты, отмеченные в карточке как ключевые, со стадией по их покупкам, менеджером, датой
# последней покупки и выручкой за последние 12 месяцев и за предыдущие 12. Некоторые из них ключевые только на
# бумаге: их стадия — **угасающий / в зоне риска** или даже **потерянный**. Сколько таких клиентов? Посчитайте
# строки с этими стадиями в столбце «Стадия» и введите число, например `key_in_trouble = 3`.

# %%
display(styled(key_accounts_table(stages, ds.clients, lang), lang, max_rows=None))
key_in_trouble = (stages["is_key"] & stages["stage"].isin(["declining", "lost"])).sum()  # SOLUTION
check("2.8", key_in_trouble)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** look at the managers and the last purchases of these clients. Why is a client that has not
# bought for a year still marked «key» in its card? What would you ask its manager tomorrow morning?
#
# <details><summary>Check yourself</summary>
#
# - The mark was given once and nobody reviews it: a key account is a decision about a client's purchases, and it
#   has to be checked against them, e.g. every year.
# - The lost ones have bought nothing for more than a year, most of them for about two: their revenue columns show
#   the zero that the card's mark hides, and nobody's task was to win them back.
# - The declining one still buys: that is the last moment to act (the lifecycle algorithm: call within two weeks,
#   find out why).
# - For the manager: who decides at the client now, where does it buy, what happened around its last order, and
#   what is the plan and the date to win it back.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** посмотрите на менеджеров и последние покупки этих клиентов. Почему клиент, который не покупает уже
# год, всё ещё отмечен в карточке как ключевой? Что вы спросите у его менеджера завтра утром?
#
# <details><summary>Проверьте себя</summary>
#
# - Отметку поставили один раз и не пересматривают: ключевой клиент — решение по его закупкам, и его нужно сверять
#   с ними, например раз в год.
# - Потерянные не покупают больше года, большинство — около двух лет: в столбцах выручки — ноль, который скрывает
#   отметка в карточке, а вернуть их не было ничьей задачей.
# - Угасающий ещё покупает: это последний момент, когда можно действовать (алгоритм жизненного цикла: позвонить
#   в течение двух недель, выяснить причину).
# - Вопросы менеджеру: кто сейчас принимает решение у клиента, у кого он покупает, что случилось в момент
#   последнего заказа, какой план возврата и к какому сроку.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 2.9 · What the slipping clients cost (for the analyst, optional)
# Take the clients who were **regular** at the end of 2024 and **declining** at the end of 2025 (exercise 2.7).
# How many roubles less did they buy in the 12 months to 31.12.2025 than in the 12 months before, all together?
# The tables `before` and `after` of exercise 2.7 have one row per client: the columns `stage`, `revenue_window`
# (the last 12 months) and `revenue_prev_window` (the 12 months before). Compute it with pandas and write the sum
# in roubles in `revenue_drop`.

# %% [markdown] lang="ru"
# ## Упражнение 2.9 · Во что обходятся угасающие клиенты (для аналитика, по желанию)
# Возьмите клиентов, которые были **постоянными** на конец 2024 года и стали **угасающими** на конец 2025-го
# (упражнение 2.7). На сколько рублей меньше они вместе купили за 12 месяцев до 31.12.2025, чем за предыдущие
# 12 месяцев? В таблицах `before` и `after` из упражнения 2.7 по строке на клиента: столбцы `stage`,
# `revenue_window` (последние 12 месяцев) и `revenue_prev_window` (предыдущие 12). Посчитайте средствами pandas и
# запишите сумму в рублях в `revenue_drop`.

# %%
revenue_drop = after.merge(before[["client_id", "stage"]], on="client_id", suffixes=("", "_2024")).query("stage_2024 == 'regular' and stage == 'declining'").eval("revenue_prev_window - revenue_window").sum()  # SOLUTION
check("2.9", revenue_drop)
