# %% [markdown] lang="en"
# # Block 3 · The possibilities of the customer base
# *Seminar "Customer base and key clients: audit, creation, management"*
#
# **What you will see**
# - The model "Possibilities and resources of the customer base": the possibilities of the base in the two areas of
#   running the business (marketing and management), in the three environments (external, operational, internal),
#   in the management functions (analysis, planning, organisation, control) and in the marketing mix — and by how
#   many percent your company uses them today, with the gaps ranked and an action for each.
# - The four principles of the CRM strategy («И.Д.В.О.»: identify, differentiate, interact, customise): how far the
#   company's own data shows each of them, beside your own assessment.
# - The customer base as one of the company's most valuable assets: what it is worth, how its value changed over the
#   years, and which clients destroy value.
# - The base as the tool that keeps the company's accumulated business experience («TBE»): what happened to the
#   clients of a manager who left, and what the base had recorded about them.

# %% [markdown] lang="ru"
# # Блок 3 · Возможности клиентской базы
# *Семинар «Клиентская база и ключевые клиенты: аудит — создание — управление»*
#
# **Что вы увидите**
# - Модель «Возможности и ресурсы КБ»: возможности клиентской базы в двух областях оперирования бизнесом компании
#   («маркетинг» и «управление»), в трёх средах организации (внешней, операционной, внутренней), в основных функциях
#   менеджмента (анализ, планирование, организация, контроль) и в управлении комплексом маркетинга — и на сколько
#   процентов ваша компания использует их сегодня, с упорядоченным списком разрывов и действием по каждому.
# - Четыре основных принципа стратегии CRM, описываемые моделью «И.Д.В.О.» (идентификация, дифференциация,
#   взаимодействие, индивидуализация): насколько каждый из них виден в данных самой компании — рядом с вашей оценкой.
# - Клиентская база как один из наиболее важных и значимых активов компании: сколько она стоит, как менялась её
#   стоимость по годам и какие клиенты ценность разрушают.
# - «КБ» как главный инструмент работы с накопленным бизнес-опытом компании («TBE») и его защиты: что стало с
#   клиентами ушедшего менеджера и что база успела о них записать.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. `mapping` — a YAML
#   file that maps your column headers onto kbcore's; `None` reads the usual 1C and English headers.
# - `lang` — the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the analysis date;
#   `None` is the last sales day.
# - `participant` — your name: your answers to the questionnaires are saved under it. `answers_dir` — the folder of
#   saved answers; `None` is the project's `answers/` folder. `poss_answers`, `idic_answers` — a filled-in answer file
#   of each questionnaire (the spreadsheet form or a saved CSV); `None` takes your latest saved answers, or example
#   answers when there are none. `group_dir` — the trainer's folder of the group's answer files; `None` shows
#   12 example participants.
# - `idic_months` — the window of the IDIC measures, the last 12 months.
# - `equity_horizon_years` — how many years of a client's future profit the value of the base counts (5);
#   `equity_discount_rate` — the yearly discount rate (0.12 = 12 %, a cost of capital near the Bank of Russia key
#   rate); `equity_retention_by` — `None` uses one retention rate for all clients, `"segment"` each segment's own.
# - `handover_manager` — the manager who left, as written in the sales lines; `None` takes the departure with the most
#   clients. `handover_months` — the windows before and after the handover (12 months).

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры** (следующая ячейка; для JupyterLab, в отчёты не попадает). Для демонстрационной компании оставьте их
# как есть.
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демонстрационная компания.
#   `mapping` — YAML-файл соответствия ваших заголовков столбцов стандартным; `None` — читаются обычные заголовки 1С
#   и английские.
# - `lang` — язык текстов, диаграмм и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — дата анализа;
#   `None` — последний день продаж.
# - `participant` — ваше имя: под ним сохраняются ваши ответы на анкеты. `answers_dir` — папка сохранённых ответов;
#   `None` — папка проекта `answers/`. `poss_answers`, `idic_answers` — заполненный файл ответов на каждую анкету
#   (таблица-форма или сохранённый CSV); `None` — ваши последние сохранённые ответы, а если их нет — ответы-пример.
#   `group_dir` — папка тренера с файлами ответов группы; `None` — 12 участников-примеров.
# - `idic_months` — окно измерения принципов «И.Д.В.О.», последние 12 месяцев.
# - `equity_horizon_years` — за сколько лет вперёд считается прибыль клиента в стоимости базы (5);
#   `equity_discount_rate` — годовая ставка дисконтирования (0.12 = 12 %, стоимость капитала около ключевой ставки
#   Банка России); `equity_retention_by` — `None`: одна доля удержания для всех клиентов, `"segment"`: своя для
#   каждого сегмента.
# - `handover_manager` — ушедший менеджер, как он записан в строках продаж; `None` — уход с наибольшим числом
#   клиентов. `handover_months` — окна до и после передачи клиентов (12 месяцев).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the analysis date; None means the last sales date
# Questionnaires
participant = ""  # your name: your answers are saved under it
answers_dir = None  # the folder of saved answers; None means the project's answers/ folder
poss_answers = None  # a filled-in answer file of "Possibilities and resources of the base" (xlsx or csv), or None
idic_answers = None  # a filled-in answer file of the IDIC questionnaire (xlsx or csv), or None
group_dir = None  # the trainer's folder of the group's answer files; None shows 12 example participants
# The four CRM principles measured on the data
idic_months = 12  # the window of the measures: the last this many months
# The customer base as an asset (customer equity)
equity_horizon_years = 5  # years of future client profit counted
equity_discount_rate = 0.12  # yearly discount rate
equity_retention_by = None  # None: one retention rate for all clients; "segment": each segment's own rate
# The manager who left (accumulated business experience, TBE)
handover_manager = None  # the leaver as written in the sales lines; None means the departure with the most clients
handover_months = 12  # the windows before and after the handover, months

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.assessment import (
    assess,
    group_answers,
    group_view,
    load_answers,
    read_questionnaire,
)
from kbcore.analyses.customer_equity import customer_equity
from kbcore.analyses.evidence import measure
from kbcore.analyses.handover import handover_effect
from kbcore.analyses.idic import (
    customisation_by_segment,
    differentiation_by_class,
    idic_measures,
    interaction_by_class,
)
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.charts.possibilities import plot_equity, plot_handover, plot_idic
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
    sections_table,
)
from kbcore.views.possibilities import (
    customisation_table,
    detail_note,
    differentiation_table,
    equity_method,
    equity_summary,
    equity_table,
    handover_stages_table,
    handover_summary,
    handover_table,
    idic_compare,
    idic_summary,
    idic_table,
    interaction_table,
    possibilities_figures,
    protection_table,
    value_destroyers,
)
from kbcore.widgets.assessment import questionnaire_form

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. The measures the
# questionnaires cite as evidence (the share of clients with a segment, with a contact person …) are computed once,
# here.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демонстрационной компании) читаются, их заголовки сопоставляются со стандартными таблицами и
# проверяются. Отчёт о качестве данных ниже показывает, что прочитано, что отброшено и почему и чего не хватает.
# Показатели, на которые анкеты ссылаются как на свидетельство данных (доля клиентов с сегментом, с контактным
# лицом …), считаются один раз, здесь.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
q_poss = read_questionnaire("kb_base_possibilities")
q_idic = read_questionnaire("kb_idic")
measured = measure(sorted({x.evidence for q in (q_poss, q_idic) for x in q.questions if x.evidence}), ds, facts)
folder = answers_dir or ANSWERS_DIR

# %% [markdown] lang="en"
# ## 1. The model "Possibilities and resources of the customer base": how much of it do you use?
# The seminar's model «Возможности и ресурсы КБ»® is the author's and unpublished. The questionnaire below is **our
# reading** of it: the possibilities of the base in the two areas of running the business (marketing and
# management), in the three environments of the organisation (external, operational, internal), in the four
# management functions (analysis, planning, organisation, control) and in managing the marketing mix. Each statement
# is a possibility; you rate how far your company uses it today. The result is the promised "percentage of the
# possibilities used", by section and overall, and the gaps ranked with an action for each. The trainer can replace
# the questionnaire with the author's own.
#
# Answer in the form below, one section at a time. Every answer is saved the moment you give it, in a new file for
# each sitting: an earlier answer is never overwritten. The spreadsheet form of this questionnaire gives the same
# result. In a report (no answers given) the workbook shows **example** answers of an invented participant, and says
# "example" next to every score they produce.

# %% [markdown] lang="ru"
# ## 1. Модель «Возможности и ресурсы КБ»: на сколько процентов вы её используете?
# Модель семинара «Возможности и ресурсы КБ»® — авторская и не опубликована. Анкета ниже — **наше прочтение** этой
# модели: возможности клиентской базы в двух областях оперирования бизнесом («маркетинг» и «управление»), в трёх
# средах организации (внешней, операционной, внутренней), в четырёх функциях менеджмента (анализ, планирование,
# организация, контроль) и в управлении комплексом маркетинга. Каждое утверждение — одна возможность; вы оцениваете,
# насколько ваша компания использует её сегодня. Результат — обещанный «процент использованных возможностей» по
# разделам и в целом, а также разрывы, упорядоченные по важности, с действием по каждому. Тренер может заменить
# анкету авторской.
#
# Отвечайте в форме ниже, по одному разделу. Каждый ответ сохраняется в тот момент, когда вы его даёте, в новый файл
# для каждого сеанса: прежние ответы никогда не перезаписываются. Таблица-форма этой анкеты даёт тот же результат.
# В отчёте (ответы не заданы) рабочая тетрадь показывает **ответы-пример** вымышленного участника и пишет «пример»
# рядом с каждой оценкой, полученной из них.

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet form is `exercises/kb/en/forms/kb_base_possibilities.xlsx`: fill it in and give its path as
# `poss_answers` in the parameters cell. Your answers from the form below are saved in `answers_dir`.

# %% [markdown] lang="ru" tags=["remove"]
# Таблица-форма — `exercises/kb/ru/forms/kb_base_possibilities.xlsx`: заполните её и укажите путь к ней в параметре
# `poss_answers`. Ответы из формы ниже сохраняются в папку `answers_dir`.

# %%
display(HTML(intro_html(q_poss, lang)))

# %% tags=["widget"]
questionnaire_form(q_poss, folder=folder, participant=participant, lang=lang)

# %%
poss = load_answers(q_poss, answers_file=poss_answers, folder=folder, participant=participant or None)
poss_result = assess(q_poss, poss.table, measured=measured)
display(HTML(result_html(q_poss, poss_result, lang, source=poss.source, about=poss.about)))

# %%
ax = plot_section_scores(q_poss, poss_result, lang=lang, example=poss.source == "example")
plt.show()

# %%
ui.styled(sections_table(q_poss, poss_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b3.caption.sections", lang), poss.source, lang))

# %%
ui.styled(gaps_table(q_poss, poss_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b3.caption.gaps", lang), poss.source, lang))

# %% [markdown] lang="en"
# Where a statement can be checked on the company's data, the data's figure stands beside the answer, read on the
# same scale. An answer more than one point away from the data "differs from the data": a question for the
# discussion, not a mistake to hide.

# %% [markdown] lang="ru"
# Там, где утверждение можно проверить по данным компании, рядом с ответом стоит показатель из данных, переведённый
# на ту же шкалу. Ответ, отстоящий от данных больше чем на один балл, «расходится с данными» — это вопрос для
# обсуждения, а не ошибка, которую надо прятать.

# %%
ui.styled(evidence_table(q_poss, poss_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b3.caption.evidence", lang), poss.source, lang))

# %%
display(Markdown("\n".join(f"- {note}" for note in evidence_notes(q_poss, poss_result, lang))
                 or t("b3.evidence.all_agree", lang)))

# %% [markdown] lang="en"
# **What to look at.** The overall percentage is how much of the base's possibilities the company uses; the bars show
# where it is used as a tool of management and where it is only a list of clients. The first lines of the gaps table
# weigh most.
#
# **What to do about it.** Take the first three gaps as the base's development plan for the quarter: each action
# names who does what. Where your answer differs from the data, check the data first — then decide which one is wrong.

# %% [markdown] lang="ru"
# **На что смотреть.** Общий процент — какую часть возможностей клиентской базы компания использует; столбцы
# показывают, где база работает как инструмент управления, а где остаётся списком клиентов. Первые строки таблицы
# разрывов весят больше всего.
#
# **Что с этим делать.** Возьмите три первых разрыва как план развития «КБ» на квартал: в каждом действии сказано, кто
# что делает. Там, где ваш ответ расходится с данными, сначала проверьте данные — потом решите, что из двух неверно.

# %% [markdown] lang="en"
# ## 2. The four principles of the CRM strategy: what the data shows, and what you think
# The seminar describes the CRM strategy by four principles, the model «И.Д.В.О.». Our default reading is the IDIC
# model of Peppers and Rogers (1999): **identify** each client, **differentiate** the clients by their value,
# **interact** with them, **customise** the offer to each group. The questionnaire asks how true each is of your
# company; the data measures each on its own (the last 12 months):
#
# - identify — how full the client cards are;
# - differentiate — whether class A clients (ABC by revenue) are treated differently from class C: contacted more
#   often, given a different discount (three times as often, or a discount three times as deep or shallow, scores 100 %);
# - interact — the share of revenue from clients with a CRM record in the year;
# - customise — how much the assortment bought, the discount and the payment terms differ between segments.

# %% [markdown] lang="ru"
# ## 2. Четыре принципа стратегии CRM: что показывают данные и что думаете вы
# Семинар описывает стратегию CRM четырьмя принципами — моделью «И.Д.В.О.». По умолчанию мы читаем её как модель
# IDIC Пепперса и Роджерс (1999): **идентификация** каждого клиента, **дифференциация** клиентов по их ценности,
# **взаимодействие** с ними, **индивидуализация** предложения для каждой группы. Анкета спрашивает, насколько каждый
# принцип верен для вашей компании; данные измеряют каждый сами (за последние 12 месяцев):
#
# - идентификация — насколько заполнены карточки клиентов;
# - дифференциация — работают ли с клиентами группы A (ABC по выручке) иначе, чем с группой C: чаще ли с ними
#   контактируют, другая ли у них скидка (втрое чаще или втрое бо́льшая либо меньшая скидка — это 100 %);
# - взаимодействие — доля выручки от клиентов, с которыми за год была запись в CRM;
# - индивидуализация — насколько различаются между сегментами покупаемый ассортимент, скидка и отсрочка платежа.

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet form is `exercises/kb/en/forms/kb_idic.xlsx`: fill it in and give its path as `idic_answers`.

# %% [markdown] lang="ru" tags=["remove"]
# Таблица-форма — `exercises/kb/ru/forms/kb_idic.xlsx`: заполните её и укажите путь к ней в параметре `idic_answers`.

# %%
display(HTML(intro_html(q_idic, lang)))

# %% tags=["widget"]
questionnaire_form(q_idic, folder=folder, participant=participant, lang=lang)

# %%
idic = load_answers(q_idic, answers_file=idic_answers, folder=folder, participant=participant or None)
idic_result = assess(q_idic, idic.table, measured=measured)
display(HTML(result_html(q_idic, idic_result, lang, source=idic.source, about=idic.about)))

# %%
idic_data = idic_measures(ds, facts, months=idic_months)
compare = idic_compare(idic_data, idic_result)
ui.styled(idic_table(compare, idic_data, lang, source=idic.source), lang, max_rows=None)

# %%
ax = plot_idic(compare, lang=lang, example=idic.source == "example")
plt.show()
display(Markdown(idic_summary(compare, lang, source=idic.source)))

# %% [markdown] lang="en"
# Behind the scores. **Differentiate:** the discount and the contacts a year per client of each ABC class.

# %% [markdown] lang="ru"
# За оценками. **Дифференциация:** скидка и число контактов в год на клиента в каждой группе ABC.

# %%
differentiation = differentiation_by_class(facts, ds.interactions, months=idic_months)
display(ui.styled(differentiation_table(differentiation, lang), lang, max_rows=None))
if detail_note(differentiation, lang):
    display(Markdown(detail_note(differentiation, lang)))

# %% [markdown] lang="en"
# **Interact:** the share of clients and of revenue with a CRM record in the year, and how long ago the last one was.

# %% [markdown] lang="ru"
# **Взаимодействие:** доля клиентов и выручки с записью в CRM за год и давность последней записи.

# %%
interaction = interaction_by_class(facts, ds.interactions, months=idic_months)
display(ui.styled(interaction_table(interaction, lang), lang, max_rows=None))
if detail_note(interaction, lang):
    display(Markdown(detail_note(interaction, lang)))

# %% [markdown] lang="en"
# **Customise:** the product categories bought per client, the discount and the payment terms in each segment.

# %% [markdown] lang="ru"
# **Индивидуализация:** число товарных категорий на клиента, скидка и отсрочка платежа в каждом сегменте.

# %%
customisation = customisation_by_segment(facts, ds.clients, ds.products, months=idic_months)
display(ui.styled(customisation_table(customisation, lang), lang, max_rows=None))
if detail_note(customisation, lang):
    display(Markdown(detail_note(customisation, lang)))

# %%
ui.styled(evidence_table(q_idic, idic_result, lang), lang, max_rows=None).set_caption(
    captioned(t("b3.caption.evidence", lang), idic.source, lang))

# %%
display(Markdown("\n".join(f"- {note}" for note in evidence_notes(q_idic, idic_result, lang))
                 or t("b3.evidence.all_agree", lang)))

# %% [markdown] lang="en"
# **What to look at.** The principle with the shortest blue bar is the weakest in practice; the pair with the widest
# gap is where the company's picture of itself is furthest from its data. A company that scores itself low where the
# data is high has built more than it uses; the reverse is a comfortable illusion.
#
# **What to do about it.** Start with the weakest principle: identification comes first (a client not identified
# cannot be differentiated), differentiation before interaction (whom to call more often), and customisation last.

# %% [markdown] lang="ru"
# **На что смотреть.** Принцип с самым коротким синим столбцом — самый слабый на практике; пара с самым большим
# разрывом — место, где представление компании о себе дальше всего от её данных. Если компания оценивает себя низко,
# а данные высоко, она построила больше, чем использует; обратное — удобная иллюзия.
#
# **Что с этим делать.** Начните с самого слабого принципа. Порядок важен: сначала идентификация (неопознанного
# клиента не выделишь), затем дифференциация (кому звонить чаще), потом взаимодействие и индивидуализация.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** do your class A clients really get a different treatment from class C — more contacts, another
# discount, their own terms? Or does every client get the same price list and the same manager's week?
#
# <details><summary>Check yourself</summary>
#
# - The differentiation table answers it: CRM records and visits a year per client of class A against class C, and
#   the average discount of each class.
# - A discount deeper for A than for C is differentiation only if A gives something back (volume, payment, fewer
#   deliveries) — block 1's client profit tells.
# - Equal contact for every class means the best clients get the same attention as the smallest: the opposite of
#   the principle.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** действительно ли с вашими клиентами группы A работают иначе, чем с группой C — больше контактов,
# другая скидка, свои условия? Или все получают один прайс-лист и одинаковую неделю менеджера?
#
# <details><summary>Проверьте себя</summary>
#
# - Ответ — в таблице дифференциации: записи в CRM и визиты в год на клиента группы A против группы C и средняя
#   скидка каждой группы.
# - Скидка для A глубже, чем для C, — это дифференциация, только если A что-то даёт взамен (объём, оплату, меньше
#   доставок); это покажет прибыль по клиенту из блока 1.
# - Одинаковое число контактов во всех группах значит, что лучшие клиенты получают столько же внимания, сколько
#   самые мелкие: прямо противоположно принципу.
#
# </details>

# %% [markdown] lang="en"
# ## 3. The customer base as an asset: what is it worth?
# The seminar calls the customer base one of the company's most important assets. An asset has a value: here, the
# **customer equity** — what the clients of the base are expected to earn for the company over the coming years,
# discounted to today. It grows when the company keeps its profitable clients and falls when it keeps the
# loss-making ones.

# %% [markdown] lang="ru"
# ## 3. Клиентская база как актив: сколько она стоит?
# Семинар называет клиентскую базу одним из наиболее важных и значимых активов компании. У актива есть стоимость:
# здесь это **стоимость клиентской базы** (customer equity) — сколько клиенты базы, как ожидается, заработают для
# компании в ближайшие годы, в пересчёте на сегодня. Она растёт, когда компания удерживает прибыльных клиентов, и
# падает, когда удерживает убыточных.

# %%
equity = customer_equity(facts, ds.clients, ds.interactions, horizon_years=equity_horizon_years,
                         discount_rate=equity_discount_rate, retention_by=equity_retention_by)
display(Markdown(equity_method(equity, lang)))
ui.styled(equity_table(equity, lang), lang, max_rows=None)

# %%
ax = plot_equity(equity, lang=lang)
plt.show()
display(Markdown(equity_summary(equity, lang)))

# %% [markdown] lang="en"
# The clients who destroy the most value: their profit after the cost to serve is negative, so every year they stay
# on the same terms lowers the value of the base.

# %% [markdown] lang="ru"
# Клиенты, которые сильнее всего разрушают ценность: их прибыль после стоимости обслуживания отрицательна, и каждый
# год работы с ними на тех же условиях уменьшает стоимость базы.

# %%
ui.styled(value_destroyers(equity, ds.clients, lang), lang, max_rows=None)

# %% [markdown] lang="en"
# **What to look at.** The gap between the green and the blue bars is what the loss-making clients cost the base; the
# blue bars' trend is whether the asset grows. The value rests on two numbers the company controls: the client profit
# and the share of clients it keeps.
#
# **What to do about it.** Reprice or re-serve the clients at the top of the list above (minimum order, fewer visits,
# shorter payment terms) before fighting for new ones; a point more of retention of the profitable clients is worth
# more than a point of revenue.

# %% [markdown] lang="ru"
# **На что смотреть.** Разница между зелёными и синими столбцами — во что базе обходятся убыточные клиенты; тренд
# синих столбцов — растёт ли актив. Стоимость держится на двух числах, которыми компания управляет: прибыль по
# клиенту и доля удержанных клиентов.
#
# **Что с этим делать.** Пересмотрите условия и обслуживание клиентов из начала списка выше (минимальная партия,
# меньше визитов, короче отсрочка платежа), прежде чем бороться за новых; лишний процент удержания прибыльных
# клиентов стоит больше, чем процент выручки.

# %% [markdown] lang="en"
# ## 4. The accumulated business experience («TBE»): when a manager leaves
# The seminar calls the base the main tool for working with the company's accumulated business experience and
# protecting it. The test of that is a manager leaving: do the clients stay with the company, or go with the manager?
# Below, the clients of a manager who left, against **comparable clients** (same segment and ABC class before the
# day, not handed over): revenue in the year before and after, the share still buying, the lifecycle stages. Then
# the handed-over clients split by how much the base had recorded about them (CRM records, notes, contact persons).
# This is a comparison, not a proof of cause.

# %% [markdown] lang="ru"
# ## 4. Накопленный бизнес-опыт («TBE»): когда уходит менеджер
# Семинар называет «КБ» главным инструментом работы с накопленным бизнес-опытом компании и его защиты. Проверка —
# уход менеджера: остаются ли клиенты с компанией или уходят вместе с менеджером? Ниже — клиенты ушедшего менеджера
# в сравнении с **сопоставимыми клиентами** (тот же сегмент и та же группа ABC до даты ухода, не передававшиеся):
# выручка за год до и после, доля продолжающих покупать, этапы жизненного цикла. Затем переданные клиенты разделены
# по тому, сколько база успела о них записать (записи в CRM, заметки, контактные лица). Это сравнение, а не
# доказательство причины.

# %%
handover = handover_effect(ds, facts, manager=handover_manager, window_months=handover_months)
display(Markdown(handover_summary(handover, lang)))
ax = plot_handover(handover, lang=lang)
plt.show()

# %%
if handover.manager is not None:
    display(ui.styled(handover_table(handover, lang), lang, max_rows=None))
    display(ui.styled(handover_stages_table(handover, lang), lang, max_rows=None))

# %%
if handover.manager is not None and not handover.protection.empty:
    display(ui.styled(protection_table(handover, lang), lang, max_rows=None).set_caption(
        t("b3.caption.protection", lang)))
elif handover.manager is not None:
    display(Markdown(ui.needs("need.interactions", "need.interactions.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Whether the handed-over clients kept buying as often as comparable clients did, and whether
# the clients the base knew more about fared better. On the demo company no harm shows: the handed-over clients kept
# buying at least as often as comparable ones. On your data the result may differ — read it as it is.
#
# **What to do about it.** Make the base, not the manager's memory, hold the relationship: every client with a
# recorded history, notes of what was agreed and more than one contact person. Then a handover is a change of name on
# the card, not a loss of the client.

# %% [markdown] lang="ru"
# **На что смотреть.** Продолжали ли переданные клиенты покупать так же часто, как сопоставимые, и лучше ли дела у
# тех, о ком база знала больше. На демо-компании вреда не видно: переданные клиенты продолжали покупать не реже
# сопоставимых. На ваших данных результат может быть другим — читайте его как есть.
#
# **Что с этим делать.** Пусть отношения с клиентом хранит база, а не память менеджера: у каждого клиента —
# записанная история, заметки о договорённостях и больше одного контактного лица. Тогда передача клиента — это смена
# фамилии в карточке, а не потеря клиента.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** when your best manager leaves tomorrow, what of their clients stays in the company — in the base,
# not in their phone? Who would call their top five clients on Monday, and what would that person know?
#
# <details><summary>Check yourself</summary>
#
# - The protection table shows what the base held about the handed-over clients: records, notes and contacts.
# - A client with one contact person, who was that manager's friend, leaves with the manager; a client with a
#   history and three people in the card stays with the company.
# - The comparison with comparable clients says whether a handover costs the company clients; it does not say why.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** если завтра уйдёт ваш лучший менеджер, что из его клиентов останется в компании — в базе, а не в его
# телефоне? Кто в понедельник позвонит его пяти крупнейшим клиентам и что этот человек будет о них знать?
#
# <details><summary>Проверьте себя</summary>
#
# - Таблица защиты показывает, что база хранила о переданных клиентах: записи, заметки и контакты.
# - Клиент с одним контактным лицом, которое дружило с этим менеджером, уходит вместе с менеджером; клиент с историей
#   и тремя людьми в карточке остаётся с компанией.
# - Сравнение с сопоставимыми клиентами показывает, теряет ли компания клиентов при передаче; почему — оно не
#   объясняет.
#
# </details>

# %% [markdown] lang="en"
# ## 5. For the trainer: the group's answers
# Give the folder with the participants' answer files in the workbook's settings: the view below shows
# the group's answers to the model of possibilities side by side, anonymous, and the statements the group agrees on
# least — the discussion starters of the block. Without a folder it shows **12 example participants**.

# %% [markdown] lang="ru"
# ## 5. Для тренера: ответы группы
# Укажите в параметрах папку с файлами ответов участников: ниже будут ответы группы по модели возможностей —
# рядом и анонимно — и утверждения, по которым группа согласна меньше всего: с них удобно начинать обсуждение блока.
# Без папки показаны **12 участников-примеров**.

# %%
group_sets, example_group = group_answers(q_poss, group_dir)
group = group_view(q_poss, group_sets)
display(HTML(group_html(q_poss, group, lang, example_group=example_group)))
ax = plot_group_answers(q_poss, group, lang=lang, example=example_group)
plt.show()

# %%
ui.styled(group_table(q_poss, group, lang), lang, max_rows=None).set_caption(
    captioned(t("b3.caption.group", lang), "example" if example_group else "file", lang))

# %% [markdown] lang="en"
# ## Key figures of block 3

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 3

# %% tags=["key-figures"]
figures = possibilities_figures(poss_result, compare, equity, handover, lang, poss_source=poss.source,
                                idic_source=idic.source)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in the block 3 exercise workbook (the trainer has the answers). Then
# block 4: the audit of the customer base in ten stages — list or base?

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в рабочей тетради упражнений блока 3 (ответы — у тренера). Затем блок 4:
# аудит клиентской базы в десять этапов — список или база?
