# %% [markdown] lang="en"
# # Block 9 · Exercises · Equipping the key account manager
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eight short exercises in the order of the block's workbook. Your own answers to the questionnaires differ from your
# neighbour's, so the exercises work on what is the same for everybody: the **example answers** of an invented
# participant (the same on every run), the structure of the questionnaires, and the demo company's CRM records and
# money. Most need no programming: you **read** a number or an option off a table or a chart, or you **change one
# value** in a cell, run it again and read the result. Type what you read into the answer cell and run it: the check
# under it says at once whether you are right and, if not yet, gives a hint — one step more at each try. Exercise 9.8
# is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 9 · Упражнения · Оснащение специалиста компании по работе с ключевыми клиентами
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Восемь коротких упражнений в порядке рабочей тетради блока. Ваши собственные ответы на анкеты отличаются от ответов
# соседа, поэтому упражнения построены на том, что у всех одинаково: **пример ответов** вымышленного участника (при
# каждом запуске один и тот же), устройство анкет, записи CRM и деньги демонстрационной компании. Программировать
# почти не нужно: вы **читаете** число или вариант в таблице или на диаграмме или **меняете одно значение** в ячейке,
# запускаете её ещё раз и читаете результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней
# сразу скажет, верно ли, а если пока нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 9.8 — для
# аналитика (нужен pandas), по желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`strengths = 12`), a share (`ka_share = 0.23` or `ka_share = 23` for 23 %) or the number of an option
# (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering? `hint("9.3")` in a new cell shows the next
# step of the hint. In a *change and rerun* exercise change the one value the text names in the call, then run the
# cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`strengths = 12`), долю
# (`ka_share = 0.23` или `ka_share = 23` для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку
# (Shift+Enter). Не знаете, с чего начать? `hint("9.3")` в новой ячейке показывает следующий шаг подсказки. В
# упражнении «измените и запустите» поменяйте в вызове то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import client_pnl, ka_contribution, key_account_ids
from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.kam_time import time_split
from kbcore.charts import use_style
from kbcore.charts.kam import plot_competencies, plot_time_split
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.assessment import (
    captioned,
    gaps_table,
    intro_html,
    result_html,
    sections_table,
    time_table,
)
from kbcore.views.kam import (
    focus_people,
    ka_time_share,
    money_vs_time_html,
    profile_counts,
    profile_html,
    profile_table,
    recorded_time_html,
    recorded_time_table,
    top_role,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("9.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once
minutes = {"visit": 120, "meeting": 90, "call": 10, "email": 5}  # the block's assumptions: minutes per contact

# %% [markdown] lang="en"
# ## Exercise 9.1 · The first line of the development plan
# The profile of a key account manager, answered by the **example participant** of the block's workbook: the level
# in each competency against its target level, and the development plan — the weaknesses in order of importance.
#
# **Which competency stands first in the example participant's development plan?**
#
# 1) Negotiating complex deals
# 2) The CRM
# 3) How the key account decides on purchases
# 4) The effect of price, discount and payment terms on our profit
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 9.1 · Первая строка плана развития
# Профиль менеджера по работе с ключевыми клиентами, заполненный **примерным участником** из рабочей тетради блока:
# уровень по каждой компетенции против целевого и план развития — слабые стороны по степени важности.
#
# **Какая компетенция стоит первой в плане развития примерного участника?**
#
# 1) Ведение сложных переговоров
# 2) CRM
# 3) Как ключевой клиент принимает решения о закупках
# 4) Влияние цены, скидки и отсрочки платежа на нашу прибыль
#
# Введите номер варианта, например `answer = 3`.

# %%
q_profile = read_questionnaire("kam_profile")
profile_result = assess(q_profile, example_answers(q_profile))
display(HTML(result_html(q_profile, profile_result, lang, source="example")))
display(HTML(profile_html(profile_result, lang, source="example")))
ax = plot_competencies(q_profile, profile_result, lang=lang, example=True)
plt.show()

# %%
ui.styled(gaps_table(q_profile, profile_result, lang, top=None), lang, max_rows=None).set_caption(
    captioned(t("b9.caption.development", lang), "example", lang))

# %%
options = ["prof_tech_negotiation", "prof_tool_crm", "prof_client_decisions", "prof_fin_terms"]  # SOLUTION
answer = 1 + options.index(profile_result.gaps["question_id"].iloc[0])  # SOLUTION
check("9.1", answer)

# %% [markdown] lang="en"
# ## Exercise 9.2 · The strengths
# The same profile, competency by competency, with the verdict of each.
#
# **How many strengths does the example participant have** (competencies at or above their target level)? Type a
# whole number, e.g. `strengths = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 9.2 · Сильные стороны
# Тот же профиль по компетенциям, с выводом по каждой.
#
# **Сколько сильных сторон у примерного участника** (компетенций на целевом уровне или выше)? Введите целое число,
# например `strengths = 12`.

# %%
ui.styled(profile_table(q_profile, profile_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b9.caption.profile", lang), "example", lang))

# %%
strengths = profile_counts(profile_result)["strength"]  # SOLUTION
check("9.2", strengths)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the example participant rates negotiation lowest, yet says the negotiator's role takes most of the
# week (exercise 9.3). What does that combination cost a company, and what would you do first?
#
# <details><summary>Check yourself</summary>
#
# - Much time in a role one does not master usually means long, repeated price talks that end in concessions.
# - The first step is the development plan's own: prepare each important negotiation in writing and trade every
#   concession for something in return.
# - Meanwhile the head of sales or a strong colleague joins the key account's annual negotiation.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** примерный участник ниже всего оценивает переговоры, но говорит, что роль переговорщика занимает
# больше всего его времени (упражнение 9.3). Во что такое сочетание обходится компании и что бы вы сделали первым?
#
# <details><summary>Проверьте себя</summary>
#
# - Много времени в роли, которой не владеешь, — это обычно долгие повторяющиеся разговоры о цене, которые кончаются
#   уступками.
# - Первый шаг — из самого плана развития: письменно готовиться к каждым важным переговорам и каждую уступку менять
#   на что-то взамен.
# - А пока к ежегодным переговорам с ключевым клиентом подключается руководитель отдела продаж или сильный коллега.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 9.3 · Where the week goes
# The seven roles of a key account manager, answered by the example participant: how often each role is played and
# the share of working time it takes today. On the right, the demo company's key account manager's time by the CRM
# records.
#
# **Which role takes most of the example participant's working time?**
#
# 1) Strategist
# 2) Negotiator
# 3) Administrator of the account's resources
# 4) Relationship builder
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 9.3 · На что уходит неделя
# Семь ролей менеджера по работе с ключевыми клиентами в ответах примерного участника: как часто он выполняет каждую
# роль и какую долю рабочего времени она занимает сегодня. Справа — время менеджера по ключевым клиентам
# демонстрационной компании по записям CRM.
#
# **Какая роль занимает больше всего рабочего времени примерного участника?**
#
# 1) Стратег
# 2) Переговорщик
# 3) Администратор ресурсов клиента
# 4) Строитель отношений
#
# Введите номер варианта, например `answer = 3`.

# %%
q_roles = read_questionnaire("kam_roles")
roles_result = assess(q_roles, example_answers(q_roles))
split = time_split(ds, as_of=facts.as_of, minutes=minutes)
people, chosen_by = focus_people(split)
ui.styled(time_table(q_roles, roles_result, lang), lang).set_caption(
    captioned(t("b9.caption.roles", lang), "example", lang))

# %%
fig = plot_time_split(q_roles, roles_result, split, people, lang=lang, example=True)
plt.show()

# %%
answer = 1 + ["strategist", "negotiator", "administrator", "relationship_builder"].index(top_role(roles_result))  # SOLUTION
check("9.3", answer)

# %% [markdown] lang="en"
# ## Exercise 9.4 · Is the key account manager with the key accounts?
# The recorded time of the demo company's key account manager over the last 12 months, estimated from the CRM records:
# the contacts of each kind × the minutes one contact takes (the block's assumptions).
#
# **What share of the key account manager's recorded contact time goes to key accounts?** Type it as a fraction or as
# a percentage, e.g. `ka_share = 0.5` or `ka_share = 50`.

# %% [markdown] lang="ru"
# ## Упражнение 9.4 · Занят ли менеджер по ключевым клиентам ключевыми клиентами?
# Время менеджера по ключевым клиентам демонстрационной компании за последние 12 месяцев, оценённое по записям CRM:
# контакты каждого вида × минуты на один контакт (допущения блока).
#
# **Какая доля записанного времени контактов менеджера по ключевым клиентам приходится на ключевых клиентов?**
# Введите долю дробью или в процентах, например `ka_share = 0.5` или `ka_share = 50`.

# %%
display(HTML(recorded_time_html(split, people, chosen_by, minutes, lang)))
ui.styled(recorded_time_table(split, people, lang), lang).set_caption(t("b9.caption.recorded", lang))

# %%
ka_share = ka_time_share(split, people)  # SOLUTION
check("9.4", ka_share)

# %% [markdown] lang="en"
# ## Exercise 9.5 · Shorter visits (change and rerun)
# The estimate above exceeds a working year: 120 minutes a visit (with travel) is too much for this company. Suppose a
# visit takes **60 minutes** (a client in the same city). In the cell of the exercise change the minutes of a visit
# from 120 to 60, run the cell and read the table again.
#
# **How many hours of contacts with clients does the key account manager have then?** Type the number without spaces,
# e.g. `kam_hours = 1500`. Does it fit in a working year of 1 760 hours now?

# %% [markdown] lang="ru"
# ## Упражнение 9.5 · Визиты короче (измените и запустите)
# Оценка выше превышает рабочий год: 120 минут на визит (с дорогой) — для этой компании слишком много. Допустим,
# визит занимает **60 минут** (клиент в том же городе). В ячейке упражнения поменяйте минуты визита со 120 на 60,
# запустите ячейку и посмотрите таблицу ещё раз.
#
# **Сколько часов контактов с клиентами получается тогда у менеджера по ключевым клиентам?** Введите число без
# пробелов, например `kam_hours = 1500`. Укладывается ли теперь оценка в рабочий год (1 760 часов)?

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `minutes={"visit": 120, …}` are the minutes per contact of each kind; put 60 in place of the 120.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `minutes={"visit": 120, …}` — минуты на один контакт каждого вида; поставьте 60 вместо 120.

# %%
split_short = time_split(ds, as_of=facts.as_of, minutes={"visit": 120, "meeting": 90, "call": 10, "email": 5})  # EXERCISE
split_short = time_split(ds, as_of=facts.as_of, minutes={"visit": 60, "meeting": 90, "call": 10, "email": 5})  # SOLUTION
display(ui.styled(recorded_time_table(split_short, people, lang), lang).set_caption(t("b9.caption.recorded", lang)))
kam_hours = float(split_short.loc[split_short["manager"].isin(people), "person_hours"].iloc[0])  # SOLUTION
check("9.5", kam_hours)

# %% [markdown] lang="en"
# ## Exercise 9.6 · Where the money is
# Beside the time, the money: the key accounts' share of revenue and of client profit (block 1: gross margin minus the
# cost to serve) over the same 12 months as the recorded time.
#
# **What share of the client profit do the key accounts bring?** Type it as a fraction or as a percentage, e.g.
# `profit_share = 0.5` or `profit_share = 50`. Compare it with the share of time from exercise 9.4.

# %% [markdown] lang="ru"
# ## Упражнение 9.6 · Где деньги
# Рядом со временем — деньги: доля ключевых клиентов в выручке и в прибыли по клиентам (блок 1: валовая прибыль минус
# стоимость обслуживания) за те же 12 месяцев, что и время по записям CRM.
#
# **Какую долю прибыли по клиентам дают ключевые клиенты?** Введите долю дробью или в процентах, например
# `profit_share = 0.5` или `profit_share = 50`. Сравните её с долей времени из упражнения 9.4.

# %%
window = split.attrs["window"]  # the same 12 months as the recorded time
contribution = ka_contribution(client_pnl(facts, ds.clients, ds.interactions, start=window[0], end=window[1]),
                               key_account_ids(ds.clients))
display(HTML(money_vs_time_html(contribution, split, people, lang)))

# %%
profit_share = float(contribution.set_index("measure").loc["profit", "share"])  # SOLUTION
check("9.6", profit_share)

# %% [markdown] lang="en"
# ## Exercise 9.7 · The five basic states: whose words?
# The questionnaire of the model «К.В.А.Н.К.» as the workbook ships it: its introduction and its sections.
#
# **What of this questionnaire is the seminar author's own content today?**
#
# 1) Nothing yet: the names of the states and the statements are placeholders the trainer replaces
# 2) The names of the five states; only the statements are missing
# 3) The statements; only the names of the states are missing
# 4) All of it: the model is published and the questionnaire follows it
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 9.7 · Пять базовых состояний: чьи это слова?
# Анкета модели «К.В.А.Н.К.» в том виде, в каком она поставляется с рабочей тетрадью: введение и разделы.
#
# **Что в этой анкете сегодня — авторское содержание семинара?**
#
# 1) Пока ничего: названия состояний и утверждения — заготовки, которые заменяет тренер
# 2) Названия пяти состояний; не хватает только утверждений
# 3) Утверждения; не хватает только названий состояний
# 4) Всё: модель опубликована, и анкета ей следует
#
# Введите номер варианта, например `answer = 3`.

# %%
q_states = read_questionnaire("kam_states")
states_result = assess(q_states, example_answers(q_states))
display(HTML(intro_html(q_states, lang)))
ui.styled(sections_table(q_states, states_result, lang), lang).set_caption(
    captioned(q_states.title[lang], "example", lang))

# %%
answer = 1 if q_states.placeholder else 4  # SOLUTION
check("9.7", answer)

# %% [markdown] lang="en"
# ## Exercise 9.8 · Visits to key accounts (for the analyst, optional)
# The table `split` behind the recorded time has one row per person and kind of contact, with the hours with key
# accounts in the column `ka_hours`.
#
# **How many hours of the key account manager's visits went to key accounts in the 12 months?** Compute it with
# pandas from `split` and `people`, e.g. `visit_ka_hours = 100.0`.

# %% [markdown] lang="ru"
# ## Упражнение 9.8 · Визиты к ключевым клиентам (для аналитика, по желанию)
# В таблице `split`, из которой построено время по записям CRM, одна строка на сотрудника и вид контакта, а часы у
# ключевых клиентов — в столбце `ka_hours`.
#
# **Сколько часов визитов менеджера по ключевым клиентам пришлось на ключевых клиентов за 12 месяцев?** Посчитайте с
# помощью pandas по `split` и `people`, например `visit_ka_hours = 100.0`.

# %%
visits = split[split["manager"].isin(people) & (split["kind"] == "visit")]  # SOLUTION
visit_ka_hours = float(visits["ka_hours"].sum())  # SOLUTION
check("9.8", visit_ka_hours)

# %% [markdown] lang="en"
# **Next:** block 10, working with key accounts — the buying centre, the decision makers and the contact matrix.

# %% [markdown] lang="ru"
# **Дальше:** блок 10 «Работа с ключевыми клиентами» — закупочный центр (DMU), ЛПР и матрица контактов.
