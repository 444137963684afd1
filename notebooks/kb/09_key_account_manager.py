# %% [markdown] lang="en"
# # Block 9 · Equipping the key account manager
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see** — the key account manager as a professional, in the program's order:
# - The profile of a key account manager: what knowledge, tools and technologies the job needs, your own level in
#   each against its target level, your strengths and weaknesses, and a personal development plan.
# - The seven roles of a key account manager: how often you play each and how much of your working time it takes
#   today — set beside the time our people spend on contacts with clients by the CRM records.
# - The model of the five basic states «К.В.А.Н.К.»: the frame of the self-assessment that the trainer fills in.
# - For the trainer: the group's answers to the profile, anonymous, and the questions where the group disagrees most.
#
# The profile and the roles are our reading of the public literature on key account management; the seminar
# author's own models are not published, and the trainer may replace our templates with them.

# %% [markdown] lang="ru"
# # Блок 9 · Оснащение специалиста компании по работе с ключевыми клиентами
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# **Что вы увидите** — менеджер по работе с ключевыми клиентами («К.А.») как специалист, в порядке программы блока:
# - Профиль специалиста по работе с «К.А.»: какими знаниями, инструментами и технологиями он должен владеть, ваш
#   собственный уровень по каждому пункту против целевого, ваши сильные и слабые стороны и личный план развития.
# - Семь основных ролей менеджера по работе с «К.А.»: как часто вы выполняете каждую и какую долю рабочего времени она
#   занимает сегодня — рядом со временем, которое наши сотрудники тратят на контакты с клиентами по записям CRM.
# - Модель базовых состояний специалиста «К.В.А.Н.К.»: каркас самооценки, который заполняет тренер.
# - Для тренера: ответы группы по профилю — анонимно — и вопросы, по которым мнения в группе расходятся сильнее всего.
#
# Профиль и роли — наше прочтение открытой литературы по работе с ключевыми клиентами: авторские модели семинара не
# опубликованы, и тренер может заменить наши шаблоны своими.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. `mapping` — a YAML
#   file that maps your column headers onto kbcore's; `None` reads the usual 1C and English headers.
# - `lang` — the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day the recorded
#   time is counted back from; `None` is the last sales day.
# - `participant` — your name: your answers are saved under it. `answers_dir` — the folder of saved answers; `None` is
#   the project's `answers/` folder.
# - `profile_answers`, `roles_answers`, `states_answers` — a filled-in answer file of the profile, the roles or the
#   states (the spreadsheet form `exercises/kb/ru/forms/<id>.xlsx` or a saved CSV); `None` reads your latest saved
#   answers, and without any shows example answers, labelled as such.
# - `group_dir` — the trainer's folder with the group's answer files; `None` shows 12 example participants.
# - `minutes_visit`, `minutes_meeting`, `minutes_call`, `minutes_email` — how many minutes one contact of each kind
#   takes (assumptions: a visit 120 including travel, a meeting 90, a call 10, an e-mail 5); `time_months` — the
#   recorded time counts the last 12 months; `working_hours` — a working year in hours (1 760 = 220 days × 8 hours).

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры** (следующая ячейка; для JupyterLab, в отчёты не попадает). Для демонстрационной компании оставьте их
# как есть.
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демонстрационная компания.
#   `mapping` — YAML-файл соответствия ваших заголовков столбцов стандартным; `None` — обычные заголовки 1С и английские.
# - `lang` — язык текстов, диаграмм и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — день, от которого
#   отсчитывается время по записям CRM; `None` — последний день продаж.
# - `participant` — ваше имя: под ним сохраняются ваши ответы. `answers_dir` — папка сохранённых ответов; `None` —
#   папка `answers/` проекта.
# - `profile_answers`, `roles_answers`, `states_answers` — заполненный файл ответов по профилю, ролям или состояниям
#   (форма Excel `exercises/kb/ru/forms/<id>.xlsx` или сохранённый CSV); `None` — ваши последние сохранённые ответы,
#   а если их нет — пример ответов с пометкой «пример».
# - `group_dir` — папка тренера с файлами ответов группы; `None` — 12 примерных участников.
# - `minutes_visit`, `minutes_meeting`, `minutes_call`, `minutes_email` — сколько минут занимает один контакт каждого
#   вида (допущения: визит — 120 с дорогой, встреча — 90, звонок — 10, письмо — 5); `time_months` — время по записям
#   CRM считается за последние 12 месяцев; `working_hours` — рабочий год в часах (1 760 = 220 дней × 8 часов).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day the recorded time is counted back from; None means the last sales date
participant = ""  # your name: your answers are saved under it
answers_dir = None  # the folder of saved answers; None means the project's answers/ folder
profile_answers = None  # a filled-in answer file of the profile (spreadsheet form or saved CSV), or None
roles_answers = None  # a filled-in answer file of the seven roles, or None
states_answers = None  # a filled-in answer file of the five states, or None
group_dir = None  # the trainer's folder of the group's answer files; None shows 12 example participants
# the recorded time: minutes one contact of each kind takes (assumptions to replace with your own)
minutes_visit = 120  # a visit, including travel
minutes_meeting = 90  # a meeting (at our office or online)
minutes_call = 10  # a call
minutes_email = 5  # an e-mail
time_months = 12  # the recorded time counts the last this many months up to as_of
working_hours = 1760  # a working year in hours (220 working days x 8 hours)

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import client_pnl, ka_contribution, key_account_ids
from kbcore.analyses.assessment import (
    assess,
    group_answers,
    group_view,
    load_answers,
    read_questionnaire,
)
from kbcore.analyses.evidence import measure
from kbcore.analyses.kam_time import time_split
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.charts.kam import plot_competencies, plot_time_split
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.paths import ANSWERS_DIR
from kbcore.views.assessment import (
    captioned,
    evidence_notes,
    evidence_table,
    gaps_table,
    group_html,
    group_table,
    intro_html,
    result_html,
    time_table,
)
from kbcore.views.kam import (
    focus_people,
    kam_figures,
    money_vs_time_html,
    notes_html,
    profile_html,
    profile_table,
    recorded_time_html,
    recorded_time_table,
)
from kbcore.widgets.assessment import questionnaire_form

use_style()

# %% [markdown] lang="en"
# ## Load the data
# This block is mostly about you, not about the company's figures: the questionnaires below work without any data.
# The company's files (or the demo company's) are still read, for two things: what the data says about the skills the
# profile asks about (is the decision maker of each key account known? does the CRM show recent contacts?), and how
# our people's time is spent by the CRM records.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Этот блок — прежде всего о вас, а не о цифрах компании: анкеты ниже работают и без данных. Файлы компании (или
# демонстрационной компании) всё же читаются — для двух вещей: что говорят данные о навыках, о которых спрашивает
# профиль (известен ли ЛПР у каждого ключевого клиента? видны ли в CRM свежие контакты?), и на что уходит время наших
# сотрудников по записям CRM.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
folder = answers_dir or ANSWERS_DIR  # where the forms save the answers and the next cells read them
# the evidence the profile and the roles cite: decision makers known, several contacts, recent CRM records
measured = measure(["dmu_decision_maker", "dmu_multithreaded", "key_interactions_recent"], ds, facts)
minutes = {"visit": minutes_visit, "meeting": minutes_meeting, "call": minutes_call, "email": minutes_email}

# %% [markdown] lang="en"
# ## 1. The profile of a key account manager: knowledge, tools, technologies
# What must a key account manager know and be able to use? Six groups: knowledge of the client's business, of our own
# company, finance, the working tools (account plan, map of the buying centre, CRM, the value of our offer in money),
# negotiation and presentation, projects and internal coordination. Each item has a **target level** — the level the
# job needs (5 for the core of the job, 4 for the working tools, 3 where help from specialists is normal). You rate
# your own level from 1 (no knowledge) to 5 (I can teach others); what is at or above the target is a **strength**,
# what is below is a **weakness**, and the weaknesses, ranked, with a first step for each, make your **development
# plan**.
#
# Answer in the form below: it saves your answers on every change, each sitting in a new file, and never overwrites
# an earlier one. The spreadsheet form of the same questionnaire gives the same result. The profile is our reading of
# the literature (Wilson & Millman 2003, McDonald & Woodburn 2007, Abratt & Kelly 2002): the author's profile is not
# published, and the trainer may replace ours.

# %% [markdown] lang="ru"
# ## 1. Профиль специалиста по работе с «К.А.»: знания, инструменты, технологии
# Что должен знать и уметь применять менеджер по работе с ключевыми клиентами? Шесть групп: знание бизнеса клиента,
# знание своей компании, финансы, рабочие инструменты (план работы с клиентом, карта закупочного центра, CRM, расчёт
# ценности нашего предложения в деньгах), переговоры и презентация, проекты и координация внутри компании. У каждого
# пункта есть **целевой уровень** — тот, которого требует работа (5 — для ядра профессии, 4 — для рабочих
# инструментов, 3 — там, где нормальна помощь специалистов). Вы оцениваете свой уровень от 1 (не владею) до 5 (могу
# научить других); всё, что на целевом уровне или выше, — **сильная сторона**, всё, что ниже, — **слабая**, а слабые
# стороны по степени важности, с первым шагом по каждой, и есть ваш **план развития**.
#
# Отвечайте в форме ниже: она сохраняет ответы при каждом изменении, каждый раз в новый файл, и никогда не
# перезаписывает прежние. Форма Excel той же анкеты даёт тот же результат. Профиль — наше прочтение литературы
# (Wilson & Millman 2003, McDonald & Woodburn 2007, Abratt & Kelly 2002): авторский профиль не опубликован, и тренер
# может заменить наш.

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet form: `exercises/kb/en/forms/kam_profile.xlsx` (Russian: `exercises/kb/ru/forms/kam_profile.xlsx`).
# Fill it in and either put it in the answers folder or give its path as `profile_answers` in the parameters cell.
# Type your name in the form (or set `participant`) so that your answers are saved.

# %% [markdown] lang="ru" tags=["remove"]
# Форма Excel: `exercises/kb/ru/forms/kam_profile.xlsx`. Заполните её и положите в папку ответов или укажите путь к
# ней в параметре `profile_answers`. Впишите в форму своё имя (или задайте `participant`), чтобы ответы сохранялись.

# %%
q_profile = read_questionnaire("kam_profile")
display(HTML(intro_html(q_profile, lang)))

# %% tags=["widget"]
questionnaire_form(q_profile, folder=folder, participant=participant, lang=lang)

# %%
profile = load_answers(q_profile, answers_file=profile_answers, folder=folder, participant=participant or None)
profile_result = assess(q_profile, profile.table, measured=measured)
display(HTML(result_html(q_profile, profile_result, lang, source=profile.source, about=profile.about)))
display(HTML(profile_html(profile_result, lang, source=profile.source)))

# %%
ax = plot_competencies(q_profile, profile_result, lang=lang, example=profile.source == "example")
plt.show()

# %%
ui.styled(profile_table(q_profile, profile_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b9.caption.profile", lang), profile.source, lang))

# %% [markdown] lang="en"
# **The development plan.** The weaknesses in order of importance: the further below the target and the heavier the
# item, the higher it stands. Each comes with a first step you can take this month.

# %% [markdown] lang="ru"
# **План развития.** Слабые стороны по степени важности: чем дальше от целевого уровня и чем важнее пункт, тем выше
# он стоит. По каждому — первый шаг, который можно сделать в этом месяце.

# %%
ui.styled(gaps_table(q_profile, profile_result, lang, top=None), lang, max_rows=None).set_caption(
    captioned(t("b9.caption.development", lang), profile.source, lang))

# %% [markdown] lang="en"
# **What the data says.** Two items of the profile can be checked against the company's data: the map of the buying
# centre (is the decision maker of each key account known?) and the CRM (does each key account have a recorded
# contact in the last 90 days?). An answer far from the measured share is flagged: either the data is not kept, or
# the self-assessment is too kind.

# %% [markdown] lang="ru"
# **Что говорят данные.** Два пункта профиля можно сверить с данными компании: карту закупочного центра (известен ли
# ЛПР у каждого ключевого клиента?) и CRM (есть ли у каждого ключевого клиента записанный контакт за последние
# 90 дней?). Если ответ далеко от измеренной доли, это отмечается: либо данные не ведутся, либо самооценка слишком
# мягкая.

# %%
display(HTML(notes_html(evidence_notes(q_profile, profile_result, lang), lang, source=profile.source)))
ui.styled(evidence_table(q_profile, profile_result, lang), lang).set_caption(
    captioned(t("b9.caption.evidence", lang), profile.source, lang))

# %% [markdown] lang="en"
# **What to look at.** The red lines on the chart: the longest ones and those in the core of the job (the client's
# business, the account plan, the buying centre, negotiation) matter most. And the items where your answer and the
# data disagree.
#
# **What to do about it.** Take the first three lines of the development plan, agree them with your head of sales
# and put a date on each. Rate yourself again in three months: the answers are saved by date, so the progress shows.

# %% [markdown] lang="ru"
# **На что смотреть.** На красные линии на диаграмме: важнее всего самые длинные и те, что в ядре профессии (бизнес
# клиента, план работы с клиентом, закупочный центр, переговоры). И на пункты, где ваш ответ расходится с данными.
#
# **Что с этим делать.** Возьмите первые три строки плана развития, согласуйте их с руководителем отдела продаж и
# поставьте по каждой срок. Через три месяца оцените себя снова: ответы сохраняются с датой, и прогресс будет виден.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which weakness of your profile costs the company most money today, with which key account? Who in
# the company could teach you that item (level 5)?
#
# <details><summary>Check yourself</summary>
#
# - A weakness is costly where it touches money directly: not knowing how the client decides (the buying centre)
#   loses tenders, weak negotiation gives discounts away, no account plan leaves the client's potential untouched.
# - Look at the first lines of your development plan and name the key account where each hurts most.
# - "Can teach others" (5) colleagues are the cheapest training: a head of sales who negotiates well, a finance
#   colleague who reads a balance sheet.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какая слабая сторона вашего профиля сегодня обходится компании дороже всего и на каком ключевом
# клиенте? Кто в компании мог бы научить вас этому пункту (уровень 5)?
#
# <details><summary>Проверьте себя</summary>
#
# - Слабая сторона дорога там, где она напрямую касается денег: незнание того, как клиент принимает решения
#   (закупочный центр), проигрывает тендеры, слабые переговоры раздают скидки, без плана работы с клиентом его
#   потенциал остаётся невыбранным.
# - Посмотрите на первые строки своего плана развития и назовите ключевого клиента, на котором каждая бьёт сильнее всего.
# - Коллеги с уровнем «могу научить других» (5) — самое дешёвое обучение: руководитель, который сильен в переговорах,
#   финансист, который читает баланс.
#
# </details>

# %% [markdown] lang="en"
# ## 2. The seven roles of a key account manager — and where the time goes
# A key account manager is a strategist for the account, a builder of relationships at many levels of the client, a
# negotiator, the coordinator of our internal team, a creator of value for the client, a broker of information both
# ways and the administrator of the account's resources. You rate how often you play each role and give the share of
# your working time it takes today (together at most 100 %). The seven roles are our reading of Wilson & Millman
# (2003, the key account manager as a "political entrepreneur") and Mintzberg's managerial roles (1973): the author's
# list is not published, and the trainer may replace ours.

# %% [markdown] lang="ru"
# ## 2. Семь основных ролей менеджера по работе с «К.А.» — и на что уходит время
# Менеджер по работе с ключевыми клиентами — стратег по клиенту, строитель отношений на разных уровнях клиента,
# переговорщик, координатор нашей внутренней команды, создатель ценности для клиента, посредник в обмене информацией в
# обе стороны и администратор ресурсов клиента. Вы оцениваете, как часто выполняете каждую роль, и указываете, какую
# долю рабочего времени она занимает сегодня (в сумме не больше 100 %). Семь ролей — наше прочтение работ Wilson &
# Millman (2003, менеджер по ключевым клиентам как «политический предприниматель») и управленческих ролей Минцберга
# (1973): авторский список не опубликован, и тренер может заменить наш.

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet form: `exercises/kb/en/forms/kam_roles.xlsx` (Russian: `exercises/kb/ru/forms/kam_roles.xlsx`); give a
# filled-in file as `roles_answers`.

# %% [markdown] lang="ru" tags=["remove"]
# Форма Excel: `exercises/kb/ru/forms/kam_roles.xlsx`; заполненный файл укажите в параметре `roles_answers`.

# %%
q_roles = read_questionnaire("kam_roles")
display(HTML(intro_html(q_roles, lang)))

# %% tags=["widget"]
questionnaire_form(q_roles, folder=folder, participant=participant, lang=lang)

# %%
roles = load_answers(q_roles, answers_file=roles_answers, folder=folder, participant=participant or None)
roles_result = assess(q_roles, roles.table, measured=measured)
display(HTML(result_html(q_roles, roles_result, lang, source=roles.source, about=roles.about)))
ui.styled(time_table(q_roles, roles_result, lang), lang).set_caption(
    captioned(t("b9.caption.roles", lang), roles.source, lang))

# %% [markdown] lang="en"
# **Your estimate beside the records.** Where the company keeps a CRM history, the time of our people can be estimated
# from it: the contacts of each kind in the last 12 months × the minutes one contact takes. It is shown for the key
# account managers of the staff table (for everyone who records contacts when the table names none). The minutes are
# assumptions you can change at the top of the workbook, and the CRM sees only what was recorded: the time you give
# to the strategist's, the coordinator's and the administrator's roles is not in it. Beside the time, the money: the
# key accounts' share of revenue and of client profit (block 1) in the same months.

# %% [markdown] lang="ru"
# **Ваша оценка рядом с записями.** Если компания ведёт историю в CRM, время сотрудников можно оценить по ней: контакты
# каждого вида за последние 12 месяцев × минуты на один контакт. Оно показано для менеджеров по ключевым клиентам из
# штатного списка (а если таких в списке нет — для всех, кто записывает контакты). Минуты — допущения, их можно
# изменить в начале рабочей тетради, и CRM видит только записанное: время, которое вы отдаёте ролям стратега,
# координатора и администратора, в ней не отражается. А рядом со временем — деньги: доля ключевых клиентов в выручке
# и в прибыли по клиентам (блок 1) за те же месяцы.

# %%
split = time_split(ds, as_of=facts.as_of, months=time_months, minutes=minutes)
people, chosen_by = focus_people(split)
display(HTML(recorded_time_html(split, people, chosen_by, minutes, lang, working_hours=working_hours,
                                months=time_months)))
window = split.attrs.get("window", (None, None))  # the same months for the money (the whole period without CRM)
contribution = ka_contribution(client_pnl(facts, ds.clients, ds.interactions, start=window[0], end=window[1]),
                               key_account_ids(ds.clients))
display(HTML(money_vs_time_html(contribution, split, people, lang)))

# %%
fig = plot_time_split(q_roles, roles_result, split, people, lang=lang, example=roles.source == "example")
plt.show()

# %%
(ui.styled(recorded_time_table(split, people, lang, working_hours=working_hours, months=time_months), lang)
 .set_caption(t("b9.caption.recorded", lang)) if people else None)

# %%
ui.styled(gaps_table(q_roles, roles_result, lang), lang).set_caption(
    captioned(t("b9.caption.roles_gaps", lang), roles.source, lang))

# %%
display(HTML(notes_html(evidence_notes(q_roles, roles_result, lang), lang, source=roles.source)))
ui.styled(evidence_table(q_roles, roles_result, lang), lang).set_caption(
    captioned(t("b9.caption.evidence", lang), roles.source, lang))

# %% [markdown] lang="en"
# **What to look at.** Which role takes most of your time, and is it the one that brings the key account forward?
# On the right: how much of the recorded contact time goes to the key accounts at all — a key account manager who
# spends most of it on ordinary clients is a salesperson with a different title. If the estimate exceeds a working
# year, the minutes per contact are too high for this company: change them at the top and run the workbook again.
#
# **What to do about it.** Decide with your head of sales which two roles should grow (usually the strategist and the
# value creator) and what you will hand over to make room for them (administration to a sales assistant, ordinary
# clients to the sales team). Check the key accounts' share of the recorded time again in a quarter.

# %% [markdown] lang="ru"
# **На что смотреть.** Какая роль занимает больше всего вашего времени — и двигает ли именно она ключевого клиента
# вперёд? Справа: какая доля записанного времени контактов вообще приходится на ключевых клиентов. Менеджер по
# ключевым клиентам, который тратит большую часть времени на обычных клиентов, — это менеджер по продажам с другой
# должностью. Если оценка превышает рабочий год, минуты на контакт для этой компании завышены: измените их в начале
# рабочей тетради и запустите её снова.
#
# **Что с этим делать.** Решите с руководителем отдела продаж, какие две роли должны вырасти (обычно стратег и
# создатель ценности) и что вы передадите другим, чтобы освободить для них время (администрирование — помощнику по
# продажам, обычных клиентов — отделу продаж). Через квартал снова проверьте долю ключевых клиентов в записанном
# времени.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** if you could give away one day of your working week, which role would you take it from, and who in
# the company would do that work instead?
#
# <details><summary>Check yourself</summary>
#
# - Look at your time table: the roles with a large share of time and a low score are the first candidates.
# - Administration (records, reports, costs) can often go to a sales assistant; ordinary clients to the sales team.
# - The freed day belongs to the roles the CRM does not see but the key account feels: the account plan, the value
#   in money, the internal team.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** если бы вы могли отдать один день рабочей недели, у какой роли вы бы его забрали и кто в компании
# делал бы эту работу вместо вас?
#
# <details><summary>Проверьте себя</summary>
#
# - Посмотрите на таблицу времени: первые кандидаты — роли с большой долей времени и низкой оценкой.
# - Администрирование (записи, отчёты, затраты) часто можно передать помощнику по продажам, обычных клиентов — отделу
#   продаж.
# - Освободившийся день — для ролей, которых CRM не видит, но которые чувствует ключевой клиент: план работы с
#   клиентом, ценность в деньгах, внутренняя команда.
#
# </details>

# %% [markdown] lang="en"
# ## 3. The five basic states «К.В.А.Н.К.» — to be filled in by the trainer
# The seminar's model of the five basic states of a key account manager and their effect on the communication with
# key accounts is the author's own and **not published: we do not know what the five states are**. Rather than invent
# a model under the author's name, the workbook holds only its frame: five states, two statements each (in meetings
# with key accounts; under pressure). **Every title and statement below is our neutral placeholder**: the trainer names
# the states and writes the statements. Until then, read the result only as a demonstration of the form.

# %% [markdown] lang="ru"
# ## 3. Модель базовых состояний специалиста «К.В.А.Н.К.» — заполняет тренер
# Модель пяти базовых состояний менеджера по работе с «К.А.» и их влияния на коммуникацию с ключевыми клиентами —
# авторская и **не опубликована: мы не знаем, что это за пять состояний**. Чтобы не выдумывать модель от имени
# автора, рабочая тетрадь содержит только её каркас: пять состояний, по два утверждения на каждое (на встречах с
# ключевыми клиентами; под давлением). **Все названия и утверждения ниже — наши нейтральные заготовки**: тренер даёт
# состояниям названия и формулирует утверждения. До тех пор воспринимайте результат только как демонстрацию формы.

# %% [markdown] lang="en" tags=["remove"]
# For the trainer: the template is `data/templates/kam_states.yaml`. Copy it, write the name of each state in its
# section title and two statements in its questions (a higher answer should be better) with an action for each, and
# read the copy with `read_questionnaire("path/to/copy.yaml")`. The spreadsheet form: `exercises/kb/ru/forms/kam_states.xlsx`;
# a filled-in file goes in `states_answers`.

# %% [markdown] lang="ru" tags=["remove"]
# Для тренера: шаблон — `data/templates/kam_states.yaml`. Скопируйте его, впишите название каждого состояния в
# заголовок раздела и два утверждения в его вопросы (чем выше ответ, тем лучше) с действием по каждому и прочитайте
# копию через `read_questionnaire("путь/к/копии.yaml")`. Форма Excel: `exercises/kb/ru/forms/kam_states.xlsx`;
# заполненный файл укажите в параметре `states_answers`.

# %%
q_states = read_questionnaire("kam_states")
display(HTML(intro_html(q_states, lang)))

# %% tags=["widget"]
questionnaire_form(q_states, folder=folder, participant=participant, lang=lang)

# %%
states = load_answers(q_states, answers_file=states_answers, folder=folder, participant=participant or None)
states_result = assess(q_states, states.table)
display(HTML(result_html(q_states, states_result, lang, source=states.source, about=states.about)))

# %%
_fig, ax = plt.subplots(figsize=(15, 5))  # the questionnaire's title is long
ax = plot_section_scores(q_states, states_result, lang=lang, ax=ax, example=states.source == "example")
plt.show()

# %%
ui.styled(gaps_table(q_states, states_result, lang), lang).set_caption(
    captioned(t("b9.caption.states", lang), states.source, lang))

# %% [markdown] lang="en"
# **What to look at.** Once the trainer has filled in the model: the states you are rarely in during meetings with key
# accounts, and those you lose under pressure — a complaint, a demand for a discount.
#
# **What to do about it.** Agree with the trainer one step for the weakest state and try it before your next meeting
# with a key account.

# %% [markdown] lang="ru"
# **На что смотреть.** Когда тренер заполнит модель: на состояния, в которых вы редко бываете на встречах с
# ключевыми клиентами, и на те, которые вы теряете под давлением — при претензии, при требовании скидки.
#
# **Что с этим делать.** Согласуйте с тренером один шаг для самого слабого состояния и попробуйте его перед ближайшей
# встречей с ключевым клиентом.

# %% [markdown] lang="en"
# ## 4. For the trainer: the group's answers to the profile
# Point the workbook at the folder where the participants' answer files are (their saved answers or the spreadsheet
# forms) and see the whole group at once, anonymously: the spread of the overall scores and the questions on which
# the group disagrees most — the best place to start the discussion. Without a folder, 12 example participants show
# what the view looks like.

# %% [markdown] lang="ru"
# ## 4. Для тренера: ответы группы по профилю
# Укажите рабочей тетради папку, где лежат файлы ответов участников (сохранённые ответы или формы Excel), и увидите
# всю группу сразу и анонимно: разброс общих оценок и вопросы, по которым мнения в группе расходятся сильнее всего, —
# с них удобнее всего начать обсуждение. Без папки 12 примерных участников показывают, как выглядит этот вид.

# %% [markdown] lang="en" tags=["remove"]
# Set `group_dir` in the parameters cell to the folder of the group's answer files.

# %% [markdown] lang="ru" tags=["remove"]
# Укажите папку с файлами ответов группы в параметре `group_dir`.

# %%
answer_sets, example_group = group_answers(q_profile, group_dir)
group = group_view(q_profile, answer_sets)
display(HTML(group_html(q_profile, group, lang, example_group=example_group)))

# %%
ax = plot_group_answers(q_profile, group, lang=lang, example=example_group)
plt.show()

# %%
ui.styled(group_table(q_profile, group, lang), lang).set_caption(
    captioned(t("b9.caption.group", lang), "example" if example_group else "saved", lang))

# %% [markdown] lang="en"
# ## Key figures of block 9

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 9

# %% tags=["key-figures"]
figures = kam_figures(q_profile, profile_result, profile.source, q_roles, roles_result, roles.source, split, people,
                      q_states, states_result, states.source, contribution, lang)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers in its solution
# workbook). Then block 10: working with key accounts — the buying centre, the decision makers and the contact matrix.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в его рабочей тетради с упражнениями (ответы тренера — в тетради с решениями).
# Затем блок 10: «Работа с ключевыми клиентами» — закупочный центр (DMU), ЛПР и матрица контактов.
