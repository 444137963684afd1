# %% [markdown] lang="en"
# # Block 2 · What is a customer base?
# *(Seminar "Customer base and key clients: audit, creation, management", block «Что называют клиентской базой?»)*
#
# **What you will see**
# - A list of clients or a customer base? Each component that turns a list into a base — client card, segment,
#   profile, status, assigned manager, interaction history, lifecycle stage, potential — measured on your data,
#   and one verdict with its reasons.
# - The customer lifecycle (CLF): every client placed at one stage — new, developing, regular, key, declining or
#   at risk, lost, won back — by explicit rules that you can check by hand and change.
# - How the stages moved over the years: clients and revenue by stage, and where the clients of one year went the
#   next (the transition matrix).
# - What each stage asks of you: the action and who owns it.
# - Before the figures: a shared vocabulary (the words of the seminar, with a term-and-definition quiz) and your
#   own view of what your base holds, set against the data after the completeness of section 1.
#
# The seminar's question: is your customer base a computer program, a list of clients, or a base that you manage?

# %% [markdown] lang="ru"
# # Блок 2 · Что называют клиентской базой?
# *(Семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# **Что вы увидите**
# - Список клиентов или клиентская база («КБ»)? Каждый компонент, который превращает список в базу, — карточка
#   клиента, сегмент, профиль, статус, ответственный менеджер, история контактов, стадия жизненного цикла,
#   потенциал — измерен на ваших данных; итог — один вывод и его причины.
# - Жизненный цикл клиента («CLF»): каждый клиент отнесён к одной стадии — новый, развивающийся, постоянный,
#   ключевой, угасающий или в зоне риска, потерянный, возвращённый — по явным правилам, которые можно проверить
#   вручную и изменить.
# - Как менялись стадии по годам: число клиентов и выручка по стадиям и куда клиенты одного года перешли в
#   следующем (матрица переходов).
# - Чего требует каждая стадия: какое действие и кто за него отвечает.
# - До цифр: общий понятийный аппарат (термины семинара и задание «термин — определение») и ваш собственный
#   взгляд на то, что содержит ваша база, — после полноты базы в разделе 1 он встанет рядом с данными.
#
# Вопрос семинара: ваша «КБ» — это компьютерная программа, список клиентов или база, которой вы управляете?

# %% [markdown] lang="en" tags=["remove"]
# **The parameters of this workbook** (the next cell: change a value, then run the whole workbook again)
# - `data`: the folder or file with your company's exports; `None` (the default) is the demo company, e.g.
#   `data = "exports/2025"`.
# - `mapping`: a YAML file that matches your column headers to the workbook's; `None` (the default) understands
#   the usual 1C and English headers.
# - `lang`: the language of the texts, charts and tables; already set in this workbook.
# - `start`, `end`: the analysed period, as `"YYYY-MM-DD"`; `None` means from the first or to the last date in the
#   data. `start` only limits the year ends of section 3: a client's stage always uses its whole history.
# - `as_of`: the day taken as "today" for the stages and the base; `None` is the end of the period.
# - The stage rules of section 2: `new_days` (180): a client is new while its first purchase is younger than this;
#   `lost_days` (365): lost after this many days without a purchase (try 180 if your clients buy every month);
#   `won_back_days` (180): how long a client who came back stays "won back"; `at_risk_factor` (3.0) and
#   `at_risk_min_days` (90): at risk when silent longer than 3 of its usual intervals between purchases and longer
#   than 90 days; `decline_ratio` (0.7): declining when the revenue of the last 12 months is below 70% of the
#   12 months before; `regular_orders` (4): regular from 4 orders in 12 months (raise it if your clients buy
#   weekly); `key_top_share` (0.03): without a key-account mark in the cards, the largest 3% of clients are key.
# - `completeness_threshold` (0.8): a component of the base counts when it is known for at least 80% of the
#   clients; 0.9 makes a stricter audit.
# - `participant`: your name, under which the questionnaire's answers are saved; empty (the default) shows the
#   latest saved answers of anyone, or an example.
# - `answers_dir`: the folder of the saved answers; `None` (the default) is the project's `answers` folder.
# - `base_answers`: a filled-in answer file of the questionnaire "What does your customer base hold?" (the
#   spreadsheet form `exercises/kb/en/forms/kb_base_contents.xlsx` or a saved CSV); `None` uses the saved answers.
# - `group_dir`: the trainer's folder with the group's answer files; `None` shows 12 example participants.
# - `glossary_file`: the trainer's own glossary (a copy of `data/templates/kb_glossary.yaml`, edited); `None` is
#   the workbook's example glossary.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры этой рабочей тетради** (следующая ячейка: измените значение и запустите всю тетрадь заново)
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демо-компания, например
#   `data = "exports/2025"`.
# - `mapping` — файл YAML, который сопоставляет заголовки ваших столбцов со столбцами тетради; `None` (по
#   умолчанию) понимает обычные заголовки 1С и английские.
# - `lang` — язык текстов, диаграмм и таблиц; в этой тетради уже задан.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — с первой или по последнюю дату в данных.
#   `start` ограничивает только концы лет в разделе 3: стадия клиента всегда считается по всей его истории.
# - `as_of` — день, который считается «сегодня» для стадий и базы; `None` — конец периода.
# - Правила стадий (раздел 2): `new_days` (180) — клиент новый, пока с первой покупки прошло меньше стольких дней;
#   `lost_days` (365) — потерян после стольких дней без покупок (поставьте 180, если ваши клиенты покупают каждый
#   месяц); `won_back_days` (180) — сколько дней вернувшийся клиент считается возвращённым; `at_risk_factor` (3.0)
#   и `at_risk_min_days` (90) — в зоне риска, если пауза длиннее трёх его обычных интервалов между покупками и
#   длиннее 90 дней; `decline_ratio` (0.7) — угасающий, если выручка за последние 12 месяцев ниже 70 % выручки за
#   предыдущие 12; `regular_orders` (4) — постоянный от 4 заказов за 12 месяцев (увеличьте, если клиенты покупают
#   каждую неделю); `key_top_share` (0.03) — если в карточках нет отметки «ключевой клиент», ключевыми считаются
#   3 % крупнейших клиентов.
# - `completeness_threshold` (0.8) — компонент базы засчитывается, если он известен не менее чем для 80 %
#   клиентов; 0.9 — более строгий аудит.
# - `participant` — ваше имя, под ним сохраняются ответы анкеты; пусто (по умолчанию) — последние сохранённые
#   ответы любого участника или пример.
# - `answers_dir` — папка сохранённых ответов; `None` (по умолчанию) — папка `answers` проекта.
# - `base_answers` — заполненный файл ответов анкеты «Что содержит ваша клиентская база?» (форма Excel
#   `exercises/kb/ru/forms/kb_base_contents.xlsx` или сохранённый CSV); `None` — сохранённые ответы.
# - `group_dir` — папка тренера с файлами ответов группы; `None` — 12 участников для примера.
# - `glossary_file` — собственный глоссарий тренера (отредактированная копия `data/templates/kb_glossary.yaml`);
#   `None` — пример глоссария рабочей тетради.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day "now" for the stages and the base, "YYYY-MM-DD"; None means the end of the period
# Lifecycle stage rules (see section 2)
new_days = 180  # a client is new while its first purchase is younger than this many days
lost_days = 365  # a client is lost after this many days without a purchase
won_back_days = 180  # a client who came back after such a gap stays won back this many days
at_risk_factor = 3.0  # at risk when silent longer than this many usual intervals between its purchases
at_risk_min_days = 90  # and silent longer than this many days in any case
decline_ratio = 0.7  # declining when revenue of the last 12 months is below this share of the 12 before
regular_orders = 4  # regular from this many orders in the last 12 months
key_top_share = 0.03  # without a key_account flag in the cards the largest 3 percent of clients are key
# Base completeness
completeness_threshold = 0.8  # a component counts when it is known for at least this share of clients
# The questionnaire of the block (what does your base hold?) and the glossary
participant = ""  # your name: your answers are saved under it; empty means the latest saved answers of anyone
answers_dir = None  # the folder of saved answers; None means the project's answers folder
base_answers = None  # a filled-in answer file (the spreadsheet form or a saved CSV); None means the saved answers
group_dir = None  # the trainer's folder of the group's answer files; None shows 12 example participants
glossary_file = None  # the trainer's own glossary (YAML); None means the workbook's example glossary

# %%
import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    STAGES,
    StageRules,
    assess,
    base_completeness,
    base_verdict,
    card_fields,
    client_stages,
    clients_due,
    group_answers,
    group_view,
    load_answers,
    measure,
    read_questionnaire,
    stage_counts,
    stage_history,
    stage_summary,
    status_vs_stage,
    transition_matrix,
    year_end_dates,
)
from kbcore.analyses.glossary import matching_quiz, read_glossary
from kbcore.charts import (
    plot_completeness,
    plot_stage_counts,
    plot_stage_summary,
    plot_transition_matrix,
    use_style,
)
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.facts import Facts
from kbcore.i18n import fmt_date, t, tn
from kbcore.paths import ANSWERS_DIR
from kbcore.views import (
    card_fields_table,
    completeness_figures,
    counts_table,
    due_table,
    reason_text,
    stage_actions,
    stage_labels,
    stage_rules_table,
    status_table,
    verdict_reasons,
    verdict_text,
)
from kbcore.views.assessment import (
    captioned,
    gaps_table,
    group_html,
    group_table,
    intro_html,
    result_html,
)
from kbcore.views.completeness import completeness_view
from kbcore.views.glossary import (
    glossary_note,
    glossary_table,
    quiz_definitions_table,
    quiz_key_html,
    quiz_terms_table,
)
from kbcore.views.self_assessment import disagreements, evidence_where_table
from kbcore.widgets import rules_explorer, stage_explorer
from kbcore.widgets.assessment import questionnaire_form

use_style()

# %% [markdown] lang="en"
# ## The words first: a shared vocabulary
# A base cannot be built by people who mean different things by "client", "key account" or "decision maker".
# The seminar starts by agreeing on the words. First a quiz: six terms, numbered, and their definitions in a
# shuffled order, lettered — which number goes with which letter? Answer on paper or aloud in the room, then open
# the check below the tables.

# %% [markdown] lang="ru"
# ## Сначала — слова: общий понятийный аппарат
# Базу не построить, если люди понимают под «клиентом», «ключевым клиентом» или «ЛПР» разное. Семинар начинается
# с того, что договаривается о словах. Сначала задание: шесть терминов под номерами и их определения вперемешку,
# под буквами, — какой номер подходит к какой букве? Ответьте на бумаге или вслух, затем откройте проверку под
# таблицами.

# %%
glossary = read_glossary(glossary_file)
quiz = matching_quiz(glossary)
ui.styled(quiz_terms_table(glossary, quiz, lang), lang).set_caption(t("sa.gl.quiz_terms", lang))

# %%
ui.styled(quiz_definitions_table(glossary, quiz, lang), lang).set_caption(t("sa.gl.quiz_definitions", lang))

# %%
display(HTML(quiz_key_html(quiz, lang)))

# %% [markdown] lang="en"
# The whole vocabulary of the seminar — the terms and the definitions this workbook uses:

# %% [markdown] lang="ru"
# Весь понятийный аппарат семинара — термины и определения, которыми пользуется эта рабочая тетрадь:

# %%
display(HTML(f"<p>{glossary_note(glossary, lang)}</p>"))
ui.styled(glossary_table(glossary, lang), lang, max_rows=None).set_caption(t("sa.gl.caption", lang))

# %% [markdown] lang="en"
# ## Before the figures: what does your base hold?
# Before the workbook measures your data, say how complete you believe each part of your base is: the client
# cards, the contacts and the decision makers, the interaction history, the sales, the segments and potential, the
# statuses and the key accounts. Answer from what you know, without looking it up. Your answers are saved on every
# change under your name, each sitting in a new file (an earlier answer is never overwritten); the same
# questionnaire as a spreadsheet form gives the same result. After the completeness of section 1 your answers come
# back next to what the data shows.

# %% [markdown] lang="ru"
# ## До цифр: что содержит ваша база?
# Прежде чем тетрадь измерит ваши данные, оцените, насколько полна, по-вашему, каждая часть вашей базы: карточки
# клиентов, контактные лица и ЛПР, история взаимодействия, продажи, сегменты и потенциал, статусы и ключевые
# клиенты. Отвечайте по памяти, ничего не проверяя. Ответы сохраняются при каждом изменении под вашим именем,
# каждый раз в новый файл (прежние ответы никогда не перезаписываются); та же анкета в виде формы Excel даёт тот
# же результат. После полноты базы в разделе 1 ваши ответы вернутся рядом с тем, что показывают данные.

# %% [markdown] lang="en" tags=["remove"]
# The form below saves to `answers_dir` (by default the project's `answers` folder) under the name in
# `participant`. Prefer a spreadsheet? Fill in `exercises/kb/en/forms/kb_base_contents.xlsx`, save it, and give its
# path as `base_answers` in the parameters (or put it in the answers folder).

# %% [markdown] lang="ru" tags=["remove"]
# Форма ниже сохраняет ответы в `answers_dir` (по умолчанию — папка `answers` проекта) под именем из
# `participant`. Удобнее в Excel? Заполните `exercises/kb/ru/forms/kb_base_contents.xlsx`, сохраните и укажите путь
# к файлу в параметре `base_answers` (или положите файл в папку ответов).

# %%
q_base = read_questionnaire("kb_base_contents")
display(HTML(intro_html(q_base, lang)))

# %% tags=["widget"]
questionnaire_form(q_base, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

# %% [markdown] lang="en"
# ## Load the data
# One step reads the company's files (or the demo company), matches their headers to the workbook's tables and
# checks them. The data-quality report below says what was read, what was dropped and why, and what is missing.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Один шаг читает файлы компании (или демо-компании), сопоставляет их заголовки с таблицами рабочей тетради и
# проверяет их. Отчёт о качестве данных ниже показывает, что прочитано, что отброшено и почему и чего не хватает.

# %%
ds = kbcore.load(data, mapping)
# The sales reduced once, shared by every analysis below. A stage needs the client's history, so the facts keep
# the purchases before `start` too (those after `end` do not count); `start` only limits the year ends of section 3.
facts = Facts.of(ds, end=end, as_of=as_of if as_of is not None else end)
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
rules = StageRules(
    new_days=new_days,
    lost_days=lost_days,
    won_back_days=won_back_days,
    at_risk_factor=at_risk_factor,
    at_risk_min_days=at_risk_min_days,
    decline_ratio=decline_ratio,
    regular_orders=regular_orders,
    key_top_share=key_top_share,
)
now = facts.as_of
stages = client_stages(facts, ds.clients, rules=rules)
dates = year_end_dates(facts, start=start)
history = stage_history(facts, ds.clients, dates=dates, rules=rules)
summary = stage_summary(history)
names = (
    ds.clients.drop_duplicates("client_id").set_index("client_id")["name"]
    if ds.has("clients", "name")
    else pd.Series(dtype="string")
)
print(tn("nb2.now", len(stages), lang, date=fmt_date(now, lang)))

# %% [markdown] lang="en"
# ## 1. A list of clients or a customer base?
# A list says who bought. A base says, for every client, who it is (its card and profile), where it belongs (its
# segment, its manager), what state it is in (status, lifecycle stage), what it could buy (potential) and what we
# did with it (the interaction history). Below is the share of clients for which each component is known; a
# component counts when it is known for enough clients (by default at least 80%, a threshold set in the
# workbook's parameters).

# %% [markdown] lang="ru"
# ## 1. Список клиентов или клиентская база?
# Список говорит, кто покупал. База говорит о каждом клиенте: кто он (карточка и профиль), к чему относится
# (сегмент, ответственный менеджер), в каком он состоянии (статус, стадия жизненного цикла), сколько мог бы
# покупать (потенциал) и что мы с ним делали (история контактов). Ниже — доля клиентов, по которым известен
# каждый компонент; компонент засчитывается, если данные есть по достаточной доле клиентов (по умолчанию не
# менее 80 %; порог задаётся в параметрах рабочей тетради).

# %%
completeness = base_completeness(
    ds.clients, ds.interactions, ds.contacts, stages, as_of=now, threshold=completeness_threshold
)
verdict = base_verdict(completeness)
completeness_view(completeness, lang)

# %%
ax = plot_completeness(completeness, verdict, lang=lang)
plt.show()

# %%
reasons = verdict_reasons(verdict, completeness, lang)
display(Markdown(f"**{html.escape(verdict_text(verdict, lang))}**\n\n" + "\n".join(f"- {html.escape(r)}" for r in reasons)))

# %% [markdown] lang="en"
# **The client card field by field.** A card is complete when it has a name, a tax ID, a phone or e-mail, an
# address and a decision maker (in the card or among the contacts):

# %% [markdown] lang="ru"
# **Карточка клиента по полям.** Карточка полная, если в ней есть наименование, ИНН, телефон или эл. почта,
# адрес и ЛПР — лицо, принимающее решение (в карточке или среди контактов):

# %%
fields = card_fields_table(card_fields(ds.clients, ds.contacts), lang)
ui.styled(fields[["field", "known_share", "clients_known", "clients"]], lang, pct=["known_share"],
          ints=["clients_known"])

# %%
if not ds.has("clients", "segment"):
    display(Markdown(ui.needs("need.base.cards", "need.base.cards.how", lang)))
if ds.interactions is None:
    display(Markdown(ui.needs("need.base.interactions", "need.base.interactions.how", lang)))

# %% [markdown] lang="en"
# **Is the status true?** A status is a component of the base only if it tells the truth. The status written in
# the cards against the stage computed from the purchases (section 2):

# %% [markdown] lang="ru"
# **Правдив ли статус?** Статус — компонент базы, только если он говорит правду. Сравним статус, записанный в
# карточках, со стадией, рассчитанной по покупкам (раздел 2):

# %%
status = status_vs_stage(ds.clients, stages)
if len(status):
    display(status_table(status, lang))
else:
    display(Markdown(ui.needs("need.base.status", "need.base.status.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** The red bars: the components missing for too many clients. A list with a name and a sum
# of sales is not a base — it cannot tell you whom to call, whom to develop and whom you are losing. In the status
# table, cards marked "active" whose client is lost (and "inactive" ones that still buy) show a status nobody
# keeps.
#
# **What to do about it.** Give each missing component an owner and a date: the managers fill in the cards of
# their clients (tax ID, contacts, decision maker), the head of sales assigns segments and managers, and the status
# is computed from purchases instead of typed by hand.

# %% [markdown] lang="ru"
# **На что смотреть.** Красные полосы — компоненты, которых нет у слишком многих клиентов. Список с
# наименованием и суммой продаж — ещё не база: он не скажет, кому звонить, кого развивать и кого вы теряете. В
# таблице статусов «активные» карточки потерянных клиентов (и «неактивные» у тех, кто ещё покупает) выдают статус,
# который никто не ведёт.
#
# **Что с этим делать.** У каждого недостающего компонента должны быть ответственный и срок: менеджеры заполняют
# карточки своих клиентов (ИНН, контакты, ЛПР), руководитель отдела продаж распределяет сегменты и закрепляет
# клиентов за менеджерами, а статус рассчитывается по покупкам, а не вписывается вручную.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which component of your base is missing for the most clients, and who in your company should
# fill it in, by when? Which one would you start with?
#
# <details><summary>Check yourself</summary>
#
# - Start with what the managers need every day: the complete client card (contacts and the decision maker) and
#   the interaction history; without them nobody knows whom to call.
# - Every missing component gets one owner and a date, not "the sales department": the managers fill in their
#   clients' cards, the head of sales assigns segments and managers.
# - A component that can be computed (the status, the lifecycle stage) is computed from the purchases rather than
#   typed by hand, so it cannot go stale.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какого компонента базы в вашей компании нет у большинства клиентов и кто должен его заполнить, к
# какому сроку? С какого компонента вы бы начали?
#
# <details><summary>Проверьте себя</summary>
#
# - Начинать с того, что нужно менеджерам каждый день: полная карточка клиента (контакты и ЛПР) и история
#   контактов — без них непонятно, кому звонить.
# - У каждого недостающего компонента — один ответственный и срок, а не «отдел продаж»: менеджеры заполняют
#   карточки своих клиентов, руководитель отдела продаж распределяет сегменты и закрепляет клиентов за
#   менеджерами.
# - То, что можно рассчитать (статус, стадия жизненного цикла), рассчитывается по покупкам, а не вписывается
#   вручную, — тогда оно не устаревает.
#
# </details>

# %% [markdown] lang="en"
# **What you said, what the data says.** Your answers to "What does your customer base hold?" from the start of
# the block: the score by part of the base, then each statement the data can check beside the measured share and
# the place in the workbook that shows it. An answer more than one point of the scale away from the measured
# figure disagrees with the data; a figure the company's data cannot give is shown as missing. Without your
# answers the workbook shows an example participant's answers, marked as an example.

# %% [markdown] lang="ru"
# **Что вы сказали и что говорят данные.** Ваши ответы на анкету «Что содержит ваша клиентская база?» из начала
# блока: оценка по частям базы, затем каждое утверждение, которое можно проверить по данным, — рядом с измеренной
# долей и местом в тетради, где она видна. Ответ, отстоящий от измеренной цифры больше чем на один балл шкалы,
# расходится с данными; цифра, которую данные компании дать не могут, показана как отсутствующая. Если ваших
# ответов нет, тетрадь показывает ответы участника-примера с пометкой «пример».

# %%
measured = measure(sorted({x.evidence for x in q_base.questions if x.evidence}), ds, facts)
base_view = load_answers(q_base, answers_file=base_answers, folder=answers_dir or ANSWERS_DIR,
                         participant=participant or None)
base_result = assess(q_base, base_view.table, measured=measured)
display(HTML(result_html(q_base, base_result, lang, source=base_view.source, about=base_view.about)))

# %%
ax = plot_section_scores(q_base, base_result, lang=lang, example=base_view.source == "example")
plt.show()

# %%
ui.styled(evidence_where_table(q_base, base_result, lang), lang, max_rows=None).set_caption(
    captioned(t("sa.evidence.caption", lang), base_view.source, lang))

# %%
display(Markdown(disagreements(q_base, base_result, lang, source=base_view.source)))

# %%
ui.styled(gaps_table(q_base, base_result, lang), lang).set_caption(
    captioned(t("sa.gaps.caption", lang), base_view.source, lang))

# %% [markdown] lang="en"
# **What to look at.** The parts of the base you rated high and the data measures low (and the other way round):
# these are the beliefs a plan would rest on. A figure shown as missing is an answer in itself — the company does
# not record it.
#
# **What to do about it.** Take the first gaps of the list to the next meeting with their actions and owners; for
# each disagreement, agree on who checks the figure and reports it monthly.

# %% [markdown] lang="ru"
# **На что смотреть.** На части базы, которые вы оценили высоко, а данные — низко (и наоборот): на этих
# убеждениях строился бы план. Цифра, показанная как отсутствующая, — тоже ответ: компания её не ведёт.
#
# **Что с этим делать.** Вынесите первые пробелы списка на ближайшее совещание вместе с действиями и
# исполнителями; по каждому расхождению договоритесь, кто проверяет цифру и докладывает её ежемесячно.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which part of your base did you overrate most against the data? Who in the company would have
# noticed it, and when?
#
# <details><summary>Check yourself</summary>
#
# - Read the disagreements and the table: the statements where the answer lies more than one point from the
#   measured share.
# - An overrated part is usually one nobody measures: nobody sees the share of cards with a contact person or of
#   key accounts with a recent meeting.
# - The remedy is a monthly figure with an owner (section 1 shows how to compute it), not a stronger belief.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какую часть своей базы вы сильнее всего переоценили по сравнению с данными? Кто в компании мог бы
# это заметить и когда?
#
# <details><summary>Проверьте себя</summary>
#
# - Прочитайте расхождения и таблицу: утверждения, где ответ отстоит от измеренной доли больше чем на один балл.
# - Переоценивают обычно то, что никто не измеряет: долю карточек с контактным лицом или долю ключевых клиентов
#   со встречей за последние три месяца никто не видит.
# - Лечится это ежемесячной цифрой с ответственным (как её посчитать, показывает раздел 1), а не более твёрдой
#   уверенностью.
#
# </details>

# %% [markdown] lang="en"
# ## 2. The customer lifecycle: one stage for every client
# The customer lifecycle (CLF) says where each client is in its life with the company. The seminar names the idea;
# the rules below are our reading of it, written out so that anyone can check a client's stage by hand. They are
# tried in this order and the first that holds gives the stage; the numbers in them can be changed in the
# workbook's parameters.

# %% [markdown] lang="ru"
# ## 2. Жизненный цикл клиента: у каждого клиента своя стадия
# Жизненный цикл клиента («CLF») показывает, на каком этапе отношений с компанией находится каждый клиент.
# Семинар задаёт идею; правила ниже — наше её прочтение, записанное так, чтобы стадию любого клиента можно было
# проверить вручную. Правила проверяются по порядку, и стадию даёт первое выполненное; числа в них меняются в
# параметрах рабочей тетради.

# %%
ui.styled(stage_rules_table(rules, lang), lang, ints=["order"])

# %% [markdown] lang="en"
# The stages today (on the analysis date, from the purchases up to that day only):

# %% [markdown] lang="ru"
# Стадии на сегодня (на дату анализа, только по покупкам до этого дня):

# %%
counts = stage_counts(stages)
counts.attrs["as_of"] = now
ax = plot_stage_counts(counts, lang=lang)
plt.show()

# %%
ui.styled(counts_table(counts, lang), lang, money=["revenue_window"])

# %% [markdown] lang="en"
# One example per stage — the client with the largest revenue of the last 12 months — and why it has its
# stage:

# %% [markdown] lang="ru"
# По одному примеру на каждую стадию — клиент с наибольшей выручкой за последние 12 месяцев — и почему у него
# такая стадия:

# %%
if len(stages):
    examples = (
        stages.sort_values(["revenue_window", "client_id"], ascending=[False, True])
        .groupby("stage", sort=False)
        .head(1)
        .set_index("stage")
        .reindex([s for s in STAGES if s in set(stages["stage"])])
        .reset_index()
    )
    examples = examples.assign(
        name=examples["client_id"].map(names).astype("string").fillna(""),
        why=reason_text(examples, lang, window_months=rules.window_months).to_numpy(),
        stage=stage_labels(examples["stage"], lang),
    )
    display(ui.styled(examples[["stage", "client_id", "name", "why", "revenue_window", "days_since_last"]],
                      lang, money=["revenue_window"], ints=["days_since_last"]))

# %% [markdown] lang="en"
# **Try it.** Move the rule sliders: when is a client lost for *your* business — after 6 months or after 2
# years? How many orders a year make a regular client? The counts follow. (The sliders work in the workbook opened
# in JupyterLab; a report shows the chart above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Подвигайте ползунки правил: когда клиент для *вашего* бизнеса потерян — через полгода или
# через два года? Сколько заказов в год делают клиента постоянным? Распределение по стадиям пересчитается.
# (Ползунки работают в рабочей тетради, открытой в JupyterLab; в отчёте — диаграмма выше.)

# %% tags=["widget"]
rules_explorer(facts, ds.clients, rules=rules, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The size of the regular and key stages (the core that pays) against the declining and
# lost ones (the leak). A large "developing" stage is potential for growth; a large "new" stage with few regular
# clients means clients come and do not stay.
#
# **What to do about it.** Agree on the rules within the sales team — once written down, a stage is no longer an
# opinion — and put the stage into every client card and every sales review.

# %% [markdown] lang="ru"
# **На что смотреть.** Размер стадий «постоянный» и «ключевой» (ядро, которое платит) против угасающих и
# потерянных (утечка). Много развивающихся клиентов — потенциал роста; много новых при малом числе постоянных —
# клиенты приходят и не остаются.
#
# **Что с этим делать.** Договоритесь о правилах в отделе продаж — записанная стадия перестаёт быть чьим-то
# мнением — и внесите стадию в каждую карточку клиента и в каждый разбор продаж.

# %% [markdown] lang="en"
# ## 3. The stages over the years
# The same rules applied at every year end, each time with only the purchases known on that day. The revenue is
# that of the 12 months up to the date, so at 31 December the bars add up to the year's revenue.

# %% [markdown] lang="ru"
# ## 3. Стадии по годам
# Те же правила на конец каждого года, каждый раз только по покупкам, известным на тот день. Выручка — за
# 12 месяцев до даты, поэтому на 31 декабря столбцы складываются в выручку года.

# %%
if len(summary):
    ax = plot_stage_summary(summary, lang=lang)
    plt.show()

# %%
if len(summary):
    ax = plot_stage_summary(summary, measure="revenue_window", lang=lang)
    plt.show()

# %%
if len(summary):
    table = summary.pivot(index="stage", columns="as_of", values="clients").reindex(list(STAGES))
    table.index = stage_labels(table.index, lang)
    table.columns = [fmt_date(d, lang) for d in table.columns]
    display(table)

# %% [markdown] lang="en"
# **What to look at.** Does the red layer (lost clients) grow faster than the green one at the bottom (new
# clients)? Which stages carry the revenue: usually the regular and key clients, a minority of the base.
#
# **What to do about it.** Count the stages every quarter, the way you count revenue. A growing pile of lost
# clients is money walking out; a company that only wins new clients keeps refilling a leaking bucket.

# %% [markdown] lang="ru"
# **На что смотреть.** Растёт ли красный слой (потерянные клиенты) быстрее зелёного внизу (новые клиенты)? На
# каких стадиях держится выручка — обычно на постоянных и ключевых клиентах, меньшинстве базы.
#
# **Что с этим делать.** Считайте стадии каждый квартал, как считаете выручку. Растущая гора потерянных клиентов —
# уходящие деньги; компания, которая только привлекает новых клиентов, доливает воду в дырявое ведро.

# %% [markdown] lang="en"
# ## 4. Where did the clients go? The transition matrix
# Each row is a stage at the earlier date, each column the stage at the later one; a cell counts the clients that
# made that move. The outlined diagonal holds the clients that kept their stage; the row "not a client yet" holds
# the newcomers.

# %% [markdown] lang="ru"
# ## 4. Куда перешли клиенты? Матрица переходов
# Строка — стадия на более раннюю дату, столбец — стадия на более позднюю; в клетке — число клиентов, совершивших
# такой переход. На выделенной диагонали — клиенты, сохранившие стадию; в строке «Ещё не клиент» — новые
# клиенты.

# %%
if len(dates) >= 2:
    matrix = transition_matrix(history.loc[history["as_of"] == dates[-2]],
                               history.loc[history["as_of"] == dates[-1]])
    ax = plot_transition_matrix(matrix, lang=lang)
    plt.show()
else:
    display(Markdown(t("nb2.one_date", lang)))

# %% [markdown] lang="en"
# **Try it.** Pick two dates: the clients by stage at the later one, and the moves between them (in
# JupyterLab).

# %% [markdown] lang="ru"
# **Попробуйте.** Выберите две даты: увидите распределение клиентов по стадиям на более позднюю и переходы
# между ними (в JupyterLab).

# %% tags=["widget"]
if len(dates) >= 2:
    display(stage_explorer(history, lang=lang))

# %% [markdown] lang="en"
# **What to look at.** The row of the regular clients: how many slipped to declining or lost within a year? The
# row of the declining ones: how many came back to regular, how many were lost? And the column "won back": does
# anyone bring lost clients back at all?
#
# **What to do about it.** The declining stage is the last moment to act: winning a lost client back costs far
# more than keeping a declining one. That is what the lifecycle algorithm below is for.

# %% [markdown] lang="ru"
# **На что смотреть.** Строка постоянных клиентов: сколько из них за год стали угасающими или потерянными?
# Строка угасающих: сколько вернулись в постоянные, сколько потеряно? И столбец «Возвращённый»: возвращает ли
# кто-нибудь потерянных клиентов вообще?
#
# **Что с этим делать.** Угасание — последний момент, когда можно действовать: вернуть потерянного клиента стоит
# намного дороже, чем удержать угасающего. Для этого и нужен алгоритм жизненного цикла ниже.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the regular clients who became declining within a year: who in your company should have noticed,
# and when? What would you do with them in the next two weeks?
#
# <details><summary>Check yourself</summary>
#
# - Compare the rows «Declining / at risk» and «Regular» of the matrix: of the declining clients, a far larger part
#   is lost a year later than of the regular ones. Declining is the warning; lost is too late.
# - Somebody has to see the stage change when it happens, not at the year's review: the client's manager, with the
#   head of sales for the larger clients (the lifecycle algorithm below: call within two weeks).
# - The call is to find out why: a competitor, a change of the decision maker, a problem with a delivery or a
#   price. The answer decides the next step, and the stage shows whether it worked.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** постоянные клиенты, которые за год стали угасающими: кто в вашей компании должен был это заметить
# и когда? Что вы сделаете с ними в ближайшие две недели?
#
# <details><summary>Проверьте себя</summary>
#
# - Сравните строки «Угасающий / в зоне риска» и «Постоянный» матрицы: из угасающих через год потеряна намного
#   большая доля, чем из постоянных. Угасание — сигнал, потеря — уже поздно.
# - Смену стадии должен увидеть конкретный человек в момент, когда она произошла, а не на годовом разборе:
#   менеджер клиента, а по крупным клиентам — вместе с руководителем отдела продаж (алгоритм жизненного цикла
#   ниже: позвонить в течение двух недель).
# - Цель звонка — выяснить причину: конкурент, смена ЛПР, сбой в поставке или цена. От причины зависит следующий
#   шаг, а стадия покажет, сработал ли он.
#
# </details>

# %% [markdown] lang="en"
# ## 5. What each stage asks of you: the lifecycle algorithm
# Our reading of the seminar's model "the algorithm of the customer lifecycle in the base": every stage has a
# standard action, an owner and a time limit. Block 6 turns it into the work list of every manager.

# %% [markdown] lang="ru"
# ## 5. Чего требует каждая стадия: алгоритм жизненного цикла клиента
# Наше прочтение модели семинара «Алгоритм жизненного цикла клиента в КБ»: у каждой стадии есть стандартное
# действие, ответственный и срок. Блок 6 превращает его в рабочий список каждого менеджера.

# %%
ui.styled(stage_actions(lang).drop(columns="stage_id"), lang, ints=["due_days"])

# %% [markdown] lang="en"
# The clients due for an action now, the most urgent first (declining and key clients before the others, then by
# revenue); the first 15:

# %% [markdown] lang="ru"
# Клиенты, по которым действие нужно сейчас, — сначала самые срочные (угасающие и ключевые раньше остальных,
# затем по выручке); первые 15:

# %%
due = clients_due(stages, ds.clients)
print(tn("nb2.due", len(due), lang))
ui.styled(due_table(due, lang, rules=rules)[["client_id", "name", "manager", "stage", "action", "owner", "why"]], lang, max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** Whose name stands next to each action: one owner per client and stage, not "the sales
# department".
#
# **What to do about it.** Go through this list every week; a client leaves it when the action is done and its
# stage changes.

# %% [markdown] lang="ru"
# **На что смотреть.** Чьё имя стоит рядом с каждым действием: один ответственный за клиента и стадию, а не
# «отдел продаж».
#
# **Что с этим делать.** Проходите этот список каждую неделю; клиент выходит из него, когда действие выполнено и
# стадия изменилась.

# %% [markdown] lang="en"
# ## For the trainer: the group's answers
# Collect the participants' answer files of "What does your customer base hold?" in one folder and point the
# workbook to it: each participant's latest answers side by side, anonymously — how the answers spread and where
# the group agrees least, the best place to start the discussion. Without a folder, twelve example participants,
# marked as an example.

# %% [markdown] lang="ru"
# ## Для тренера: ответы группы
# Соберите файлы ответов участников на анкету «Что содержит ваша клиентская база?» в одну папку и укажите её
# тетради: последние ответы каждого участника рядом, без имён, — как распределились ответы и где группа согласна
# меньше всего (с этого лучше всего начинать обсуждение). Без папки — двенадцать участников для примера, с
# пометкой «пример».

# %% [markdown] lang="en" tags=["remove"]
# The folder is the parameter `group_dir` (each participant's latest file counts once).

# %% [markdown] lang="ru" tags=["remove"]
# Папка задаётся параметром `group_dir` (у каждого участника учитывается последний файл).

# %%
group_sets, example_group = group_answers(q_base, group_dir)
group = group_view(q_base, group_sets)
display(HTML(group_html(q_base, group, lang, example_group=example_group)))

# %%
ax = plot_group_answers(q_base, group, lang=lang, example=example_group)
plt.show()

# %%
ui.styled(group_table(q_base, group, lang), lang).set_caption(
    captioned(t("sa.group.caption", lang), "example" if example_group else "file", lang))

# %% [markdown] lang="en"
# ## Key figures of block 2

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 2

# %% tags=["key-figures"]
completeness_figures(completeness, verdict, summary, lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block, in its exercise workbook (the trainer's answers are in the solutions).
# Then block 3: what a customer base makes possible.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в рабочей тетради с упражнениями (ответы тренера — в решениях). Затем
# блок 3 «Возможности КБ».

# %% [markdown] lang="en" tags=["remove"]
# The files: the exercises are `exercises/kb/en/02_customer_base.ipynb`, the trainer's answers
# `solutions/kb/en/02_customer_base.ipynb`.

# %% [markdown] lang="ru" tags=["remove"]
# Файлы: упражнения — `exercises/kb/ru/02_customer_base.ipynb`, ответы тренера —
# `solutions/kb/ru/02_customer_base.ipynb`.
