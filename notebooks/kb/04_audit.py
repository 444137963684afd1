# %% [markdown] lang="en"
# # Block 4 · The audit of the company's customer base
# *(Seminar "Customer base and key clients: audit, creation, management", block «Аудит «КБ» компании»)*
#
# **What you will see** — the seminar's ten stages of the audit, each measured on your data and set beside your own
# assessment:
# - your self-assessment first: the audit questionnaire, one section per stage;
# - stages 1–2: are the markets segmented, and is every segment in every region owned by one salesperson?
# - stages 3–4: is there a profile for each category of clients, and is it written down as rules?
# - stages 5–6: is the history of the relationship recorded, and what do the client cards hold?
# - stages 7–8: are the key (VIP) clients flagged and is the flag current; what do we know of each client?
# - stage 10: the consequences in money — lost clients, loss-making clients, key accounts that are leaving;
# - the audit report on one page: stage 9's answer "a base or a list of clients?", and the ranked list of actions
#   to create or optimise the base.

# %% [markdown] lang="ru"
# # Блок 4 · Аудит клиентской базы компании
# *(Семинар «Клиентская база и ключевые клиенты: аудит, создание, управление», блок «Аудит «КБ» компании»)*
#
# **Что вы увидите** — десять этапов аудита из программы семинара; каждый измерен на ваших данных и поставлен рядом с
# вашей собственной оценкой:
# - сначала ваша самооценка: анкета аудита, по разделу на каждый этап;
# - этапы 1–2: сегментированы ли рынки сбыта и закреплён ли каждый сегмент в каждом регионе за одним продавцом?
# - этапы 3–4: есть ли профиль для каждой категории клиентов и записан ли он в виде правил?
# - этапы 5–6: фиксируется ли история взаимоотношений и что содержат карточки клиентов?
# - этапы 7–8: отмечены ли ключевые (VIP) клиенты и актуальна ли отметка; что мы знаем о каждом клиенте?
# - этап 10: последствия в деньгах — потерянные клиенты, убыточные клиенты, уходящие ключевые клиенты;
# - отчёт об аудите на одной странице: ответ этапа 9 «база или список клиентов?» и перечень мероприятий по созданию
#   или оптимизации базы в порядке очерёдности.

# %% [markdown] lang="en" tags=["remove"]
# **The parameters of this workbook** (the next cell: change a value, then run the whole workbook again)
# - `data`: the folder or file with your company's exports; `None` (the default) is the demo company. `mapping`: a
#   YAML file that matches your column headers to the workbook's; `None` understands the usual 1C and English headers.
# - `lang`: the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end`: the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of`: the day taken as
#   "today" (the last 12 months end there); `None` is the last sales day.
# - `cost_per_order`, `cost_per_delivery`, `cost_per_visit`, `credit_rate`: block 1's cost-to-serve rates, which
#   give the client profit (loss-making clients, stage 10, and the profile of stage 4). Keep them equal to block 1's.
# - The verdicts (our reading; change them and run again): `ok_at` (0.8) — a stage is in order when its share is at
#   least 80 %; `weak_at` (0.5) — weak from 50 %, poor below; `base_min_ok` (6) — a base when at least 6 of stages
#   1–8 are in order and none lacks data, else a list; `profile_cut` (0.5) — a client meets its segment's profile
#   when it has at least half of the profile's traits (stage 4); `split_at` (3) — a segment × region cell with
#   3 managers or more is split (stage 2); `risk_ok` (0.10), `risk_weak` (0.25) — stage 10 is in order when at most
#   10 % of the revenue is at risk, weak up to 25 %.
# - The questionnaire: `participant` — your name (your answers are saved under it); `answers_dir` — the folder of
#   the saved answers, `None` is the project's `answers/` folder; `audit_answers` — a filled-in answer file (the
#   spreadsheet form `exercises/kb/<lang>/forms/kb_audit.xlsx` or a saved CSV); `None` takes your latest saved
#   answers, or example answers when there are none. `group_dir` — the trainer's folder of the group's answer
#   files; `None` shows 12 example participants.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры рабочей тетради** (следующая ячейка: измените значение и запустите всю тетрадь заново)
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демо-компания. `mapping` — файл YAML,
#   сопоставляющий заголовки ваших столбцов со столбцами тетради; `None` понимает обычные заголовки 1С и английские.
# - `lang` — язык текстов, графиков и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — день, который
#   считается «сегодня» (последние 12 месяцев заканчиваются им); `None` — последний день продаж.
# - `cost_per_order`, `cost_per_delivery`, `cost_per_visit`, `credit_rate` — ставки стоимости обслуживания из
#   блока 1, по которым считается прибыль по клиенту (убыточные клиенты на этапе 10 и профиль на этапе 4). Держите
#   их такими же, как в блоке 1.
# - Выводы (наше прочтение; измените и запустите заново): `ok_at` (0.8) — этап в порядке, если его доля не меньше
#   80 %; `weak_at` (0.5) — слабо от 50 %, ниже — плохо; `base_min_ok` (6) — база, если в порядке не меньше 6 из
#   этапов 1–8 и по каждому есть данные, иначе список; `profile_cut` (0.5) — клиент соответствует профилю сегмента,
#   если у него не меньше половины признаков профиля (этап 4); `split_at` (3) — ячейка «сегмент × регион» с 3 и
#   более менеджерами раздроблена (этап 2); `risk_ok` (0.10), `risk_weak` (0.25) — этап 10 в порядке, если под
#   угрозой не больше 10 % выручки, слабо — до 25 %.
# - Анкета: `participant` — ваше имя (под ним сохраняются ответы); `answers_dir` — папка сохранённых ответов, `None`
#   — папка `answers/` проекта; `audit_answers` — заполненный файл ответов (форма в Excel
#   `exercises/kb/<lang>/forms/kb_audit.xlsx` или сохранённый CSV); `None` — ваши последние сохранённые ответы, а
#   если их нет — пример ответов. `group_dir` — папка тренера с файлами ответов группы; `None` — 12 участников для
#   примера.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day taken as "today"; None means the last sales date
# Block 1's cost-to-serve rates (RUB): they give the client profit of stages 4 and 10
cost_per_order = 1500.0  # handling one order (document)
cost_per_delivery = 2500.0  # one delivery day
cost_per_visit = 6000.0  # one sales visit
credit_rate = 0.16  # yearly cost of money tied up in payment terms
# The audit's verdicts (our reading)
ok_at = 0.8  # a stage is in order when its share is at least this
weak_at = 0.5  # weak from this share, poor below
base_min_ok = 6  # a base when at least this many of stages 1-8 are in order and none lacks data
profile_cut = 0.5  # stage 4: the smallest profile-match score that meets the segment's profile
split_at = 3  # stage 2: a segment x region cell with this many managers or more is split
risk_ok = 0.10  # stage 10: in order when at most this share of the revenue is at risk
risk_weak = 0.25  # stage 10: weak up to this share, poor above
# The questionnaire
participant = ""  # your name: your answers are saved under it
answers_dir = None  # folder of the saved answers; None means the project's answers/ folder
audit_answers = None  # a filled-in answer file (the spreadsheet form or a saved CSV); None: saved or example answers
group_dir = None  # the trainer's folder of the group's answer files; None shows 12 example participants

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import CostToServeRates
from kbcore.analyses.assessment import (
    assess,
    group_answers,
    group_view,
    load_answers,
    read_questionnaire,
)
from kbcore.analyses.audit import (
    assignment_cells,
    audit_actions,
    audit_money,
    audit_stages,
    history_by_class,
)
from kbcore.analyses.audit_report import audit_report
from kbcore.analyses.evidence import measure
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.charts.audit import plot_audit, plot_audit_money
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.paths import ANSWERS_DIR
from kbcore.views.assessment import (
    captioned,
    evidence_table,
    gaps_table,
    group_html,
    group_table,
    intro_html,
    result_html,
)
from kbcore.views.audit import (
    actions_table,
    audit_figures,
    audit_html,
    audit_table,
    cells_summary,
    cells_table,
    history_table,
    money_table,
)
from kbcore.widgets.assessment import questionnaire_form

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their columns recognised and checked. The data-quality
# report below says what was read, what was dropped and why, and what is missing.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демо-компании) читаются, их столбцы распознаются и проверяются. Отчёт о качестве данных ниже
# показывает, что прочитано, что отброшено и почему, чего не хватает.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
rates = CostToServeRates(per_order=cost_per_order, per_delivery=cost_per_delivery, per_visit=cost_per_visit,
                         credit_rate=credit_rate)
stages = audit_stages(ds, facts, rates=rates, ok_at=ok_at, weak_at=weak_at, base_min_ok=base_min_ok,
                      profile_cut=profile_cut, split_at=split_at, risk_ok=risk_ok, risk_weak=risk_weak)
money = audit_money(ds, facts, rates=rates)
actions = audit_actions(stages)
q_audit = read_questionnaire("kb_audit")
measured = measure(sorted({x.evidence for x in q_audit.questions if x.evidence}), ds, facts)

# %% [markdown] lang="en"
# ## 1. Your self-assessment: the audit in ten stages
# Before the data speaks, answer for yourself. The questionnaire has one section per stage of the audit; rate each
# statement as things are in your company today — honestly, not as they should be. Your answers are saved the moment
# you change one, each sitting in a new file: an earlier answer is never overwritten. A printed or spreadsheet form
# gives the same result (the trainer has it).
#
# The ten stages are the seminar author's; the statements under them and the thresholds of the verdicts are **our
# reading** of the public literature on the marketing audit (Kotler, Gregor & Rodgers 1977; McDonald & Dunbar 2012;
# Peppers & Rogers 2004): the trainer can replace the template with the author's own. Until you answer, the workbook
# shows **example** answers of an invented participant, marked "example" wherever they appear.

# %% [markdown] lang="ru"
# ## 1. Ваша самооценка: аудит в десять этапов
# Прежде чем заговорят данные, ответьте сами. В анкете по разделу на каждый этап аудита; оцените каждое утверждение
# так, как обстоят дела в вашей компании сегодня, — честно, а не так, как должно быть. Ответы сохраняются сразу при
# каждом изменении, каждый подход — в новый файл: прежние ответы никогда не перезаписываются. Печатная форма или форма
# в Excel дают тот же результат (она есть у тренера).
#
# Десять этапов — авторские; утверждения под ними и пороги выводов — **наше прочтение** открытой литературы о
# маркетинговом аудите (Котлер, Грегор и Роджерс, 1977; Макдональд и Данбар, 2012; Пепперс и Роджерс, 2004): тренер
# может заменить шаблон авторским. Пока вы не ответили, рабочая тетрадь показывает **пример** ответов вымышленного
# участника, и везде, где он появляется, стоит слово «пример».

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet form is `exercises/kb/<lang>/forms/kb_audit.xlsx`: fill it in and give its path as `audit_answers`
# in the parameters cell. Type your name as `participant` so that the form below saves under it. The questionnaire
# itself is the packaged template `data/templates/kb_audit.yaml`: the trainer may edit a copy of it (keeping the ten
# section ids, which are the stages of the audit).

# %% [markdown] lang="ru" tags=["remove"]
# Форма в Excel — `exercises/kb/<lang>/forms/kb_audit.xlsx`: заполните её и укажите путь к ней в параметре
# `audit_answers`. Впишите своё имя в параметр `participant`, чтобы форма ниже сохраняла ответы под ним. Сама анкета —
# шаблон из поставки `data/templates/kb_audit.yaml`: тренер может отредактировать его копию (сохранив десять
# идентификаторов разделов — это этапы аудита).

# %%
display(HTML(intro_html(q_audit, lang)))

# %% tags=["widget"]
questionnaire_form(q_audit, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

# %%
audit = load_answers(q_audit, answers_file=audit_answers, folder=answers_dir or ANSWERS_DIR,
                     participant=participant or None)
audit_result = assess(q_audit, audit.table, measured=measured)
report = audit_report(stages, audit_result.sections, ok_at=ok_at, weak_at=weak_at)
display(HTML(result_html(q_audit, audit_result, lang, source=audit.source, about=audit.about)))

# %%
ax = plot_section_scores(q_audit, audit_result, lang=lang, example=audit.source == "example")
plt.show()

# %%
ui.styled(gaps_table(q_audit, audit_result, lang), lang).set_caption(
    captioned(t("audit.gaps_caption", lang), audit.source, lang))

# %% [markdown] lang="en"
# Where the data can check a statement, it does: your answer beside the measured share, and whether they agree.

# %% [markdown] lang="ru"
# Где данные могут проверить утверждение, они это делают: рядом с вашим ответом — измеренная доля и совпадают ли они.

# %%
ui.styled(evidence_table(q_audit, audit_result, lang), lang).set_caption(
    captioned(t("audit.evidence_caption", lang), audit.source, lang))

# %% [markdown] lang="en"
# **What to look at.** The sections with the lowest score are where you yourself see the gaps; the table of gaps
# gives the action for each. Then the check against the data: "differs from the data" means that your picture of
# the base and the base itself disagree — in either direction.
#
# **What to do about it.** Keep your answers open: the next sections measure every stage, and the report at the end
# puts your assessment and the data side by side.

# %% [markdown] lang="ru"
# **На что смотреть.** Разделы с самой низкой оценкой — это пробелы, которые вы видите сами; таблица пробелов даёт
# действие для каждого. Затем сверка с данными: «расходится с данными» значит, что ваше представление о базе и сама
# база не совпадают — в любую сторону.
#
# **Что с этим делать.** Держите свои ответы перед глазами: следующие разделы измеряют каждый этап, а отчёт в конце
# ставит вашу оценку и данные рядом.

# %% [markdown] lang="en"
# ## 2. Stages 1–2: the segments, and who owns them
# Stage 1 asks whether the company has segmented its markets: does every client card say which segment the client
# belongs to? Stage 2 asks whether each segment is assigned to salespeople: every segment × region cell of the active
# clients (a purchase in the last 12 months) should have **one** responsible manager. A cell without a manager is an
# orphan, a cell shared by two is shared, three and more is split — nobody owns it, and its clients are nobody's job.

# %% [markdown] lang="ru"
# ## 2. Этапы 1–2: сегменты и за кем они закреплены
# Этап 1: сегментировала ли компания свои рынки сбыта — указано ли в каждой карточке клиента, к какому сегменту он
# относится? Этап 2: закреплены ли сегменты за продавцами — у каждой ячейки «сегмент × регион» с активными клиентами
# (покупка за последние 12 месяцев) должен быть **один** ответственный менеджер. Ячейка без менеджера — ничья, на двоих
# — общая, на троих и больше — раздроблена: за неё не отвечает никто, и её клиенты — ничья работа.

# %%
ui.styled(audit_table(report, lang, source=audit.source, stages=["segmentation", "assignment"]), lang)

# %%
cells = assignment_cells(ds, facts, split_at=split_at)
print(cells_summary(cells, lang))
if len(cells):
    display(ui.styled(cells_table(cells, lang), lang).set_caption(t("audit.cells.caption", lang)))
else:
    display(Markdown(ui.needs("need.card_fields", "need.card_fields.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** The share of clients with a segment, and the number of segments: five or six segments a
# manager can name are a segmentation; thirty are a list of industries. In the cells, look at the revenue of the
# split and shared ones: it is the business for which nobody answers alone.
#
# **What to do about it.** Give each cell one owner and a named stand-in; write the owner on the cards of its
# clients. Where a cell is split because it is too large, split the segment or the region, not the responsibility.

# %% [markdown] lang="ru"
# **На что смотреть.** Доля клиентов с сегментом и число сегментов: пять-шесть сегментов, которые может назвать
# менеджер, — это сегментирование; тридцать — это список отраслей. В ячейках смотрите на выручку раздроблённых и
# общих: это бизнес, за который никто не отвечает один.
#
# **Что с этим делать.** Закрепите за каждой ячейкой одного ответственного и назовите замещающего; впишите
# ответственного в карточки её клиентов. Если ячейка раздроблена, потому что слишком велика, делите сегмент или
# регион, а не ответственность.

# %% [markdown] lang="en"
# ## 3. Stages 3–4: a profile for each category of clients, written as rules
# Stage 3: for each category of clients, does the company know what it expects of them — and does the card hold what
# a profile needs (segment, region, size or potential)? Stage 4: is the profile formalised, so that a manager can check
# a client against it? We take block 5's profile of each segment (the traits its best clients share) and count the
# active clients that have at least half of them.

# %% [markdown] lang="ru"
# ## 3. Этапы 3–4: профиль для каждой категории клиентов, записанный в виде правил
# Этап 3: знает ли компания, каких целей и задач она ждёт от каждой категории клиентов, и есть ли в карточке то, что
# нужно для профиля (сегмент, регион, размер или потенциал)? Этап 4: формализован ли профиль так, чтобы менеджер мог
# проверить по нему клиента? Мы берём профиль каждого сегмента из блока 5 (признаки, общие для его лучших клиентов) и
# считаем активных клиентов, у которых есть хотя бы половина этих признаков.

# %%
ui.styled(audit_table(report, lang, source=audit.source, stages=["profiles", "profile_rules"]), lang)

# %% [markdown] lang="en"
# **What to look at.** A high share at stage 3 with a low one at stage 4 is the usual picture: the data for a profile
# is there, the profile itself is not used. The money at stake of stage 4 (in the action list at the end) is the
# revenue of the active clients that do not fit their segment's profile.
#
# **What to do about it.** Write the profile of each segment as three to five checkable criteria (block 5) and look
# at the clients that miss it: some deserve development, others a cheaper way to be served.

# %% [markdown] lang="ru"
# **На что смотреть.** Высокая доля на этапе 3 и низкая на этапе 4 — обычная картина: данные для профиля есть, а сам
# профиль не используется. Деньги под вопросом на этапе 4 (в перечне мероприятий в конце) — это выручка активных
# клиентов, которые не подходят под профиль своего сегмента.
#
# **Что с этим делать.** Запишите профиль каждого сегмента в виде трёх-пяти проверяемых критериев (блок 5) и
# разберите клиентов, которые им не соответствуют: одних стоит развивать, других — обслуживать дешевле.

# %% [markdown] lang="en"
# ## 4. Stages 5–6: the recorded history of the relationship, and the information about the clients
# Stage 5: is the history of the relationship recorded (in writing or in the CRM)? We count the active clients with
# at least one CRM record in the last 12 months, by ABC class — the history of the A clients matters most. Stage 6:
# is all the necessary information about the clients there? We measure how full the client cards are.

# %% [markdown] lang="ru"
# ## 4. Этапы 5–6: фиксация истории взаимоотношений и информация о клиентах
# Этап 5: фиксируется ли (письменно или в CRM) история взаимоотношений с клиентами? Мы считаем активных клиентов,
# у которых есть хотя бы одна запись в CRM за последние 12 месяцев, по классам ABC — история клиентов класса A важнее
# всего. Этап 6: есть ли весь необходимый объём информации о клиентах? Мы измеряем, насколько заполнены карточки.

# %%
ui.styled(audit_table(report, lang, source=audit.source, stages=["history", "information"]), lang)

# %%
history = history_by_class(ds, facts)
if history.attrs["missing"]:
    display(Markdown(ui.needs("need.interactions", "need.interactions.how", lang)))
ui.styled(history_table(history, lang), lang).set_caption(t("audit.history.caption", lang))

# %% [markdown] lang="en"
# **What to look at.** The A clients first: each of them without a record for months is a relationship that lives
# only in one manager's head — and leaves with him. The median days since the last record says how fresh the history
# is.
#
# **What to do about it.** A contact not written down did not happen: record every meeting and call the same day,
# and check the A clients without a record every week.

# %% [markdown] lang="ru"
# **На что смотреть.** Сначала клиенты класса A: каждый из них без записи за несколько месяцев — это отношения,
# которые живут только в голове одного менеджера и уходят вместе с ним. Медиана дней с последней записи показывает,
# насколько свежа история.
#
# **Что с этим делать.** Контакт, который не записан, не состоялся: фиксируйте каждую встречу и звонок в тот же день
# и еженедельно проверяйте клиентов класса A без записей.

# %% [markdown] lang="en"
# ## 5. Stages 7–8: the key clients, and what we know of each client
# Stage 7: does the company have clients with the status "key" or "VIP" — and is the flag current? A flagged key
# account that has stopped buying or is buying less (block 2's stages "lost" and "declining") is a flag nobody
# reviewed. Stage 8: do we know, for each client, its segment, its size or potential, the assortment it buys, with
# what margin and at what rhythm? The motives of the purchases are in no export: only your self-assessment can judge
# them.

# %% [markdown] lang="ru"
# ## 5. Этапы 7–8: ключевые клиенты и что мы знаем о каждом клиенте
# Этап 7: есть ли у компании клиенты со статусом «ключевые» или «VIP» — и актуальна ли отметка? Отмеченный ключевой
# клиент, который перестал покупать или сокращает закупки (стадии «потерянный» и «угасающий» из блока 2), — это
# отметка, которую никто не пересматривал. Этап 8: знаем ли мы о каждом клиенте его сегмент, размер или потенциал,
# ассортимент, который он покупает, с какой маржой и с какой периодичностью? Мотивов покупок нет ни в одной выгрузке:
# о них можно судить только по вашей самооценке.

# %%
ui.styled(audit_table(report, lang, source=audit.source, stages=["key_status", "knowledge"]), lang)

# %%
if not ds.has("clients", "key_account"):
    display(Markdown(ui.needs("need.ka7.flag", "need.ka7.flag.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** At stage 7, the flagged key accounts that no longer buy as key accounts: their revenue of the
# year before is the money at stake. At stage 8, the share of active clients about whom the company knows enough to
# manage them rather than just ship to them.
#
# **What to do about it.** Review the key-account list once a year with block 7's criteria, and record on the card
# what the sales cannot tell: why the client buys.

# %% [markdown] lang="ru"
# **На что смотреть.** На этапе 7 — отмеченные ключевые клиенты, которые уже не покупают как ключевые: их выручка за
# предыдущий год — это деньги под вопросом. На этапе 8 — доля активных клиентов, о которых компания знает достаточно,
# чтобы ими управлять, а не просто отгружать им.
#
# **Что с этим делать.** Раз в год пересматривайте список ключевых клиентов по критериям блока 7 и записывайте в
# карточку то, чего не скажут продажи: почему клиент покупает.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which stages did you rate higher than the data shows, and which lower? Where do your picture of the
# base and the base itself part — and why?
#
# <details><summary>Check yourself</summary>
#
# - Compare, stage by stage, the column "Self-assessment" with "Verdict of the data" in the tables above.
# - A self-assessment above the data usually means that a rule exists on paper but is not followed (segments
#   approved, but not written on the cards).
# - A self-assessment below the data usually means that the data is there but nobody uses it to manage (cards filled,
#   but no plans or reviews by segment).
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какие этапы вы оценили выше, чем показывают данные, а какие ниже? Где ваше представление о базе и
# сама база расходятся — и почему?
#
# <details><summary>Проверьте себя</summary>
#
# - Сравните по каждому этапу столбец «Самооценка» со столбцом «Вывод по данным» в таблицах выше.
# - Самооценка выше данных обычно значит, что правило есть на бумаге, но не выполняется (сегменты утверждены, но не
#   проставлены в карточках).
# - Самооценка ниже данных обычно значит, что данные есть, но ими никто не управляет (карточки заполнены, но планов
#   и разборов по сегментам нет).
#
# </details>

# %% [markdown] lang="en"
# ## 6. Stage 10: the consequences for the business, in money
# What does it cost the company not to have a well-built, working base? Three sums, each the same as the block it
# comes from shows: the revenue of the clients lost in the last year (block 2's lifecycle), what the loss-making
# clients cost in the last 12 months (block 1's client profit after the cost to serve), and the revenue of the
# flagged key accounts that are leaving or buying less (blocks 2 and 7).

# %% [markdown] lang="ru"
# ## 6. Этап 10: последствия для бизнеса в деньгах
# Во что компании обходится отсутствие грамотно созданной и работающей «КБ»? Три суммы, каждая такая же, как в блоке,
# откуда она взята: выручка клиентов, потерянных за последний год (жизненный цикл из блока 2), убыток от убыточных
# клиентов за последние 12 месяцев (прибыль по клиенту после стоимости обслуживания из блока 1) и выручка отмеченных
# ключевых клиентов, которые уходят или сокращают закупки (блоки 2 и 7).

# %%
ui.styled(money_table(money, lang), lang).set_caption(t("audit.money.caption", lang))

# %%
ax = plot_audit_money(money, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** Put the three sums beside the company's yearly profit: they are what the list of clients costs
# in a year. The revenue of the lost clients is gone; the key accounts that are leaving can still be kept.
#
# **What to do about it.** Review the lost, the loss-making and the declining key clients every month, with an owner
# and a date for each action — that review is what a base gives and a list does not.

# %% [markdown] lang="ru"
# **На что смотреть.** Поставьте три суммы рядом с годовой прибылью компании: столько стоит в год список клиентов
# вместо базы. Выручка потерянных клиентов уже ушла; уходящих ключевых клиентов ещё можно удержать.
#
# **Что с этим делать.** Ежемесячно разбирайте потерянных, убыточных и сокращающих закупки ключевых клиентов — с
# ответственным и сроком по каждому действию: именно такой разбор даёт база и не даёт список.

# %% [markdown] lang="en"
# ## 7. The audit report: a base or a list of clients?
# The audit on one page: the ten stages, each with its measured figure and the data's verdict, your self-assessment
# beside it and where the two disagree. Stage 9 answers the seminar's question: the company has a **base** when at
# least six of stages 1–8 are in order and the data can judge each of them; otherwise it manages a **list of
# clients**. A stage the data cannot judge says so: there your own assessment stands, and the report names the data to
# add.

# %% [markdown] lang="ru"
# ## 7. Отчёт об аудите: база или список клиентов?
# Аудит на одной странице: десять этапов, у каждого — измеренный показатель и вывод по данным, рядом — ваша
# самооценка и где они расходятся. Этап 9 отвечает на вопрос семинара: у компании **база**, если в порядке не меньше
# шести из этапов 1–8 и по каждому из них есть данные; иначе компания управляет **списком клиентов**. Этап, о котором
# данные не позволяют судить, так и назван: там остаётся ваша оценка, а отчёт говорит, каких данных не хватает.

# %%
display(HTML(audit_html(report, money, actions, lang, base_min_ok=base_min_ok, q=q_audit, result=audit_result,
                        source=audit.source)))

# %%
ui.styled(audit_table(report, lang, source=audit.source), lang, max_rows=None).set_caption(
    t("audit.report.caption", lang))

# %%
ax = plot_audit(report, lang=lang, example=audit.source == "example")
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The colours: green stages are in order, amber weak, red poor, grey cannot be judged from the
# data. The diamonds are the self-assessment: far from the end of its bar, your picture and the data disagree.
#
# **What to do about it.** Take the answer "base or list" to the management meeting with the money of section 6:
# a list of clients is not a judgement on the sales team, it is the order of work for the next six months.

# %% [markdown] lang="ru"
# **На что смотреть.** Цвета: зелёные этапы в порядке, жёлтые — слабо, красные — плохо, серые — данные не позволяют
# судить. Ромбы — самооценка: если ромб далеко от конца своей полосы, ваше представление и данные расходятся.
#
# **Что с этим делать.** Вынесите ответ «база или список» на совещание руководства вместе с деньгами из раздела 6:
# список клиентов — не приговор отделу продаж, а порядок работы на ближайшие полгода.

# %% [markdown] lang="en"
# ## 8. The actions to create or optimise the base
# One action per stage that is not in order, ranked: first the stages with the most money at stake (the revenue of
# the clients the stage finds wanting), then those whose money the data cannot tell — the ones the data cannot even
# judge first.

# %% [markdown] lang="ru"
# ## 8. Мероприятия по созданию или оптимизации базы
# По одному мероприятию на каждый этап, который не в порядке, в порядке очерёдности: сначала этапы, где под вопросом
# больше всего денег (выручка клиентов, которых этап находит неблагополучными), затем этапы, деньги которых по данным
# не определить, — начиная с тех, о которых данные вообще не позволяют судить.

# %%
ui.styled(actions_table(actions, lang), lang, max_rows=None)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which action on the list would you start with on Monday — the first, or another? Who in your
# company would own it, and by when?
#
# <details><summary>Check yourself</summary>
#
# - The first row has the most money at stake; a cheaper action further down can still go first if it unlocks the
#   others (segments on the cards before the assignment of the cells).
# - Every action needs one owner and a date; "the sales department" is not an owner.
# - Repeat the audit in six months with the same thresholds: the verdicts show whether the base moved.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** с какого мероприятия из перечня вы начнёте в понедельник — с первого или с другого? Кто в вашей
# компании будет за него отвечать и к какому сроку?
#
# <details><summary>Проверьте себя</summary>
#
# - В первой строке больше всего денег под вопросом; более дешёвое мероприятие ниже может идти первым, если без него
#   не сделать остальные (сегменты в карточках — раньше закрепления ячеек).
# - У каждого мероприятия один ответственный и срок; «отдел продаж» — не ответственный.
# - Повторите аудит через полгода с теми же порогами: выводы покажут, сдвинулась ли база.
#
# </details>

# %% [markdown] lang="en"
# ## Key figures of block 4

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 4

# %% tags=["key-figures"]
ui.key_figures_table(audit_figures(report, money, actions, lang, q=q_audit, result=audit_result,
                                   source=audit.source), lang).style.hide(axis="index")

# %% [markdown] lang="en"
# ## For the trainer: the group's answers
# Point the parameter of the group's folder at the answer files of the participants: the workbook shows, anonymously,
# how the group answered each question and where it disagrees most — the questions to start the discussion with.
# Without a folder it shows 12 **example** participants.

# %% [markdown] lang="ru"
# ## Для тренера: ответы группы
# Укажите в параметре папку с файлами ответов участников: рабочая тетрадь анонимно покажет, как группа ответила на
# каждый вопрос и где мнения расходятся сильнее всего, — с этих вопросов и стоит начать обсуждение. Без папки
# показаны 12 участников для **примера**.

# %%
group_sets, example_group = group_answers(q_audit, group_dir)
group = group_view(q_audit, group_sets)
display(HTML(group_html(q_audit, group, lang, example_group=example_group)))
ax = plot_group_answers(q_audit, group, lang=lang, example=example_group)
plt.show()

# %%
ui.styled(group_table(q_audit, group, lang), lang).set_caption(captioned(
    t("audit.group_caption", lang), "example" if example_group else "saved", lang))

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers are in the solutions).
# Then block 5: how to create the customer base — the profile, the card and the plan by client.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в рабочей тетради упражнений (ответы тренера — в тетради решений). Затем
# блок 5: как создать клиентскую базу — профиль, карточка клиента и план по клиентам.
