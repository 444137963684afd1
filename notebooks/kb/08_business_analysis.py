# %% [markdown] lang="en"
# # Block 8 · Analysis of the company's business
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see** — block 8 in the program's order:
# - Is the company ready to work with key accounts? The six key success factors the company needs for key account
#   management, as a self-assessment questionnaire.
# - Segmenting and analysing the sales markets to find and identify key accounts: by segment × region, the market,
#   our clients and key accounts there, our share, and where the money still to win is.
# - Candidates among our own clients: clients with a large potential of which we hold a small share.
# - Classifying the key accounts the company already has: their place on the key-account portfolio matrix and the
#   stage of the relationship with each of them.
# - How many key accounts the company needs for its growth goal, their potential, and how many key-account managers
#   they take.
# - Building a team of people from the company's different functions for the project work with key accounts: who
#   does what, as a RACI chart, checked for gaps.
# - The 11 factors of SAMA that shape the introduction of key account management, and the introduction of key
#   account management by the 7S model (today against what is needed).
# - The verdict: the three views of the company's readiness side by side, and, for the trainer, the group's answers.
#
# The readiness is in no export: it comes from self-assessment questionnaires that the participants fill in here,
# in sections 1, 7 and 8 (or in the spreadsheet forms); where the data can check an answer, the measured figure
# stands beside it.

# %% [markdown] lang="ru"
# # Блок 8 · Анализ бизнеса компании
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# **Что вы увидите** — блок 8 в порядке программы:
# - Готова ли компания к работе с «К.А.»? 6 «КФУ» компании, необходимых для внедрения «КАМ», — анкета самооценки.
# - Сегментирование и анализ рынков сбыта с целью нахождения и идентификации «К.А.»: по сегментам и регионам —
#   рынок, наши клиенты и ключевые клиенты в нём, наша доля и где лежат деньги, которые ещё можно взять.
# - Кандидаты среди собственных клиентов: клиенты с большим потенциалом, у которых наша доля в закупках мала.
# - Классификация уже имеющихся «К.А.» компании: их место в матрице портфеля ключевых клиентов и стадия отношений
#   с каждым из них.
# - Расчёт количества необходимых компании «К.А.» для цели роста, их потенциал и сколько менеджеров по ключевым
#   клиентам для них нужно.
# - Создание группы из различных сотрудников компании для проектной работы с «К.А.»: кто что делает — матрица RACI с
#   проверкой на пробелы.
# - 11 факторов в соответствии с «S.A.M.A.», влияющих на внедрение «КАМ» в компании, и внедрение технологии «КАМ» по
#   модели «7S» (сегодня против нужного).
# - Итог: три взгляда на готовность компании рядом и, для тренера, ответы группы.
#
# Готовность не содержится ни в одной выгрузке: её дают анкеты самооценки, которые участники заполняют здесь, в
# разделах 1, 7 и 8 (или в формах-таблицах); там, где данные могут проверить ответ, рядом стоит измеренная цифра.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. `mapping` — a YAML
#   file that maps your column headers onto kbcore's; `None` reads the usual 1C and English headers.
# - `lang` — the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   analysis; `None` is the last sales day. "The last 12 months" end on it.
# - `plan_growth` — the growth goal of block 5: 0.15 is +15 % on the last full year's revenue.
# - `capture` — the share of each candidate's headroom we expect to win; 1.0 (the whole headroom) is the optimistic
#   bound: the real number of key accounts needed is larger.
# - `kam_capacity` — key accounts one key-account manager can hold, used when it cannot be measured from the CRM
#   interactions; `None` measures it.
# - `candidate_min_potential` — the smallest potential of a candidate, money a year; `None` takes the top quarter of
#   the known potentials (`candidate_quantile` = 0.75). `candidate_max_share` — a candidate's share of wallet is
#   below it (0.30).
# - `relationship_template` — your copy of `data/templates/ka_relationship.yaml` (the evidence each relationship
#   stage needs); `None` is the default. `relationship_manual` — stages you set by hand, e.g.
#   `{"000626": "integrated"}`; they win over the estimate and are marked.
# - `ka_template` — your own matrix template (a copy of `data/templates/ka_portfolio.yaml` with your criteria,
#   weights, scales and cut lines); `None` is the default template (our reading of McDonald, Millman & Rogers).
# - `ka_manual_scores` — a CSV or Excel table of the trainer's scores 1–10 for the manual criteria (columns
#   `client_id`, `criterion`, `score`, e.g. `strategic_fit`); `None` leaves those criteria unscored (missing).
# - `participant` — your name: your questionnaire answers are saved under it. `answers_dir` — the folder of saved
#   answers; `None` is the project's `answers/` folder.
# - `ksf_answers`, `sama_answers`, `s7_answers` — a filled-in answer file of the six success factors, SAMA's eleven
#   factors and the 7S model (the spreadsheet form `exercises/kb/<lang>/forms/<id>.xlsx` or a saved CSV); `None`
#   reads your latest saved answers, else shows example answers, labelled as examples.
# - `raci_file` — your filled-in team chart (CSV or Excel: the first column the activity id, then one column per
#   function id, cells R, A, C, I or two together as `A/R`); `None` shows the template's example.
#   `raci_template` — your copy of `data/templates/ka_team_raci.yaml`; `None` is the default. `raci_overload` — a
#   function that is R or A on more than this share of the activities is overloaded (0.7).
# - `group_dir` — the trainer's folder of the group's answer files; `None` shows 12 example participants.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры** (следующая ячейка; для JupyterLab, в отчёты не попадает). Для демонстрационной компании оставьте их
# как есть.
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демонстрационная компания.
#   `mapping` — YAML-файл соответствия ваших заголовков столбцов стандартным; `None` — читаются обычные заголовки 1С
#   и английские.
# - `lang` — язык текстов, диаграмм и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — дата анализа;
#   `None` — последний день продаж. «Последние 12 месяцев» заканчиваются этой датой.
# - `plan_growth` — цель роста из блока 5: 0.15 — это +15 % к выручке последнего полного года.
# - `capture` — какую долю резерва роста каждого кандидата мы рассчитываем взять; 1.0 (весь резерв) — оптимистичная
#   граница: на деле ключевых клиентов понадобится больше.
# - `kam_capacity` — сколько ключевых клиентов может вести один менеджер по ключевым клиентам, если это нельзя
#   измерить по контактам в CRM; `None` — измерить.
# - `candidate_min_potential` — минимальный потенциал кандидата, деньги в год; `None` — верхняя четверть известных
#   потенциалов (`candidate_quantile` = 0.75). `candidate_max_share` — доля в закупках клиента у кандидата ниже этой
#   (0.30).
# - `relationship_template` — ваша копия `data/templates/ka_relationship.yaml` (что нужно для каждой стадии
#   отношений); `None` — шаблон по умолчанию. `relationship_manual` — стадии, заданные вручную, например
#   `{"000626": "integrated"}`; они важнее оценки и помечаются.
# - `ka_template` — ваш шаблон матрицы (копия `data/templates/ka_portfolio.yaml` со своими критериями, весами,
#   шкалами и границами); `None` — шаблон по умолчанию (наше прочтение McDonald, Millman & Rogers).
# - `ka_manual_scores` — таблица CSV или Excel с оценками тренера 1–10 по ручным критериям (столбцы `client_id`,
#   `criterion`, `score`, например `strategic_fit`); `None` — эти критерии не оцениваются (пропуск).
# - `participant` — ваше имя: под ним сохраняются ваши ответы на анкеты. `answers_dir` — папка сохранённых ответов;
#   `None` — папка проекта `answers/`.
# - `ksf_answers`, `sama_answers`, `s7_answers` — заполненный файл ответов анкеты 6 «КФУ», 11 факторов «S.A.M.A.» и
#   модели «7S» (форма-таблица `exercises/kb/<lang>/forms/<id>.xlsx` или сохранённый CSV); `None` — берутся ваши
#   последние сохранённые ответы, а если их нет — ответы-примеры с пометкой «пример».
# - `raci_file` — ваша заполненная матрица команды (CSV или Excel: первый столбец — код вида работ, затем по столбцу
#   на каждый код функции, в ячейках R, A, C, I или две буквы вместе, например `A/R`); `None` — пример из шаблона.
#   `raci_template` — ваша копия `data/templates/ka_team_raci.yaml`; `None` — шаблон по умолчанию. `raci_overload` —
#   функция, которая стоит на R или A в большей доле видов работ, перегружена (0.7).
# - `group_dir` — папка тренера с файлами ответов группы; `None` — 12 участников-примеров.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the analysis; None means the last sales date
plan_growth = 0.15  # the growth goal of block 5: +15 % on the last full year's revenue
capture = 1.0  # share of each candidate headroom we expect to win (1.0 means all of it, the optimistic bound)
kam_capacity = None  # key accounts per key-account manager when the CRM cannot measure it; None means measure
candidate_min_potential = None  # smallest potential of a candidate (money a year); None means the top quartile
candidate_quantile = 0.75  # the quantile of the known potentials used when candidate_min_potential is None
candidate_max_share = 0.30  # a candidate's share of wallet is below this
relationship_template = None  # your copy of data/templates/ka_relationship.yaml; None means the default
relationship_manual = None  # stages set by hand, e.g. {"000626": "integrated"}; None means none
ka_template = None  # your matrix template (YAML); None means data/templates/ka_portfolio.yaml
ka_manual_scores = None  # CSV/Excel with client_id, criterion, score (1 to 10) for the manual criteria, or None
participant = ""  # your name: your answers are saved under it
answers_dir = None  # the folder of saved answers; None means the project's answers/ folder
ksf_answers = None  # a filled-in answer file of the six success factors (spreadsheet form or saved CSV), or None
sama_answers = None  # a filled-in answer file of SAMA's eleven factors, or None
s7_answers = None  # a filled-in answer file of the 7S model (today and target), or None
raci_file = None  # your filled-in team chart (CSV or Excel), or None for the template's example
raci_template = None  # your copy of data/templates/ka_team_raci.yaml; None means the default
raci_overload = 0.7  # a function that is R or A on more than this share of the activities is overloaded
group_dir = None  # the trainer's folder of the group's answer files; None means 12 example participants

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    base_year,
    client_features,
    client_pnl,
    ka_profile,
    ka_yearly,
    key_account_ids,
    key_accounts_needed,
    load_portfolio_template,
    market_matches,
    portfolio_measures,
    portfolio_scores,
    read_scores_table,
)
from kbcore.analyses.assessment import (
    assess,
    group_answers,
    group_view,
    load_answers,
    read_questionnaire,
)
from kbcore.analyses.evidence import measure
from kbcore.analyses.ka_portfolio import matrix_clients
from kbcore.analyses.ka_relationship import ka_relationship, load_relationship_template
from kbcore.analyses.ka_sources import ka_candidates, ka_market_cells
from kbcore.analyses.key_accounts import candidate_key_accounts
from kbcore.analyses.raci import check_raci, raci_table, read_raci, read_raci_answers
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_section_scores
from kbcore.charts.ka_sources import plot_candidates, plot_market_cells, plot_relationship_stages
from kbcore.charts.key_accounts import plot_ka_needed
from kbcore.charts.readiness import plot_group_readiness, plot_readiness
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
)
from kbcore.views.ka_sources import (
    candidates_note,
    candidates_table,
    cells_note,
    ka_sources_figures,
    market_cells_table,
    portfolio_table,
    relationship_note,
    relationship_table,
)
from kbcore.views.key_accounts import need_text
from kbcore.views.readiness import (
    Assessed,
    raci_findings_table,
    raci_html,
    raci_styled,
    readiness_figures,
    readiness_html,
    readiness_table,
    target_gaps_table,
)
from kbcore.widgets.assessment import questionnaire_form
from kbcore.widgets.ka_sources import ka_need_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демонстрационной компании) читаются, их заголовки сопоставляются со стандартными таблицами и
# проверяются. Отчёт о качестве данных ниже показывает, что прочитано, что отброшено и почему и чего не хватает.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
snapshot = facts.as_of  # the analysis date: as_of, else the last sales day
key_accounts = key_account_ids(ds.clients)
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)  # block 1's client P&L, as in block 7
features = client_features(facts, ds.clients, ds.products, as_of=snapshot)
profile = ka_profile(features, pnl, key_accounts)  # block 7's key-account profile (best = by client profit)
if len(key_accounts) == 0:
    display(Markdown(ui.needs("b8.need_data.key_accounts", "b8.need_data.key_accounts.how", lang)))

# %% [markdown] lang="en"
# ## 1. Is the company ready to work with key accounts?! The six key success factors
# Before looking for key accounts, the company looks at itself. The seminar names six key success factors («КФУ») the
# company needs to introduce key account management; the author's list is unpublished. The default questionnaire is
# **our reading** of it after the six dimensions that Workman, Homburg and Jensen (2003, "Intraorganizational
# determinants of key account management effectiveness") found to drive the results of key account management: the
# intensity of the work with key accounts, acting before the client asks, the involvement of top management, the
# team spirit around the account, access to marketing and sales resources, and rules for the work. The trainer can
# replace the questionnaire with the author's own.
#
# Rate each statement for your company as it works today, not as it should. Your answers are saved on every change
# under your name and never overwritten: each sitting is a new file. The spreadsheet form of the questionnaire gives
# the same result. Where the data can check an answer (for example, "we meet each key account regularly"), the
# measured figure stands beside it. Until you answer, the scores below are an invented participant's example.

# %% [markdown] lang="ru"
# ## 1. Готова ли компания к работе с «К.А.»?! 6 «КФУ» компании, необходимых для внедрения «КАМ»
# Прежде чем искать ключевых клиентов, компания смотрит на себя. Семинар называет шесть ключевых факторов успеха
# («КФУ»), необходимых компании для внедрения «КАМ»; перечень автора не опубликован. Анкета по умолчанию — **наше
# прочтение** по шести измерениям, которые, по исследованию Workman, Homburg и Jensen (2003, «Intraorganizational
# determinants of key account management effectiveness»), определяют результат работы с ключевыми клиентами:
# интенсивность работы с «К.А.», действия раньше, чем клиент попросит, вовлечённость высшего руководства, командный
# дух вокруг клиента, доступ к ресурсам маркетинга и продаж и правила работы. Тренер может заменить анкету
# авторской.
#
# Оценивайте каждое утверждение для вашей компании такой, какая она сегодня, а не какой должна быть. Ответы
# сохраняются при каждом изменении под вашим именем и никогда не перезаписываются: каждый подход — новый файл.
# Форма-таблица анкеты даёт тот же результат. Там, где данные могут проверить ответ (например, «мы регулярно
# встречаемся с каждым ключевым клиентом»), рядом стоит измеренная цифра. Пока вы не ответили, оценки ниже — пример
# вымышленного участника.

# %% [markdown] lang="en" tags=["remove"]
# The spreadsheet forms are `exercises/kb/<lang>/forms/ka_readiness_ksf.xlsx`, `ka_sama.xlsx` and `ka_7s.xlsx`: fill
# one in and give its path as `ksf_answers`, `sama_answers` or `s7_answers`. The questionnaires themselves are
# `data/templates/ka_readiness_ksf.yaml`, `ka_sama.yaml` and `ka_7s.yaml`.

# %% [markdown] lang="ru" tags=["remove"]
# Формы-таблицы — `exercises/kb/<lang>/forms/ka_readiness_ksf.xlsx`, `ka_sama.xlsx` и `ka_7s.xlsx`: заполните форму и
# укажите её путь в `ksf_answers`, `sama_answers` или `s7_answers`. Сами анкеты — `data/templates/ka_readiness_ksf.yaml`,
# `ka_sama.yaml` и `ka_7s.yaml`.

# %%
q_ksf = read_questionnaire("ka_readiness_ksf")
q_sama = read_questionnaire("ka_sama")
q_7s = read_questionnaire("ka_7s")
cited = sorted({x.evidence for q in (q_ksf, q_sama, q_7s) for x in q.questions if x.evidence})
measured = measure(cited, ds, facts)  # the shares the three questionnaires cite as evidence, measured once
display(HTML(intro_html(q_ksf, lang)))

# %% tags=["widget"]
questionnaire_form(q_ksf, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

# %%
ksf = load_answers(q_ksf, answers_file=ksf_answers, folder=answers_dir or ANSWERS_DIR, participant=participant or None)
ksf_result = assess(q_ksf, ksf.table, measured=measured)
display(HTML(result_html(q_ksf, ksf_result, lang, source=ksf.source, about=ksf.about)))
ax = plot_section_scores(q_ksf, ksf_result, lang=lang, example=ksf.source == "example")
plt.show()

# %%
ui.styled(gaps_table(q_ksf, ksf_result, lang), lang).set_caption(captioned(t("b8r.cap.gaps", lang, title=q_ksf.title[lang]), ksf.source, lang))

# %%
display(ui.styled(evidence_table(q_ksf, ksf_result, lang), lang).set_caption(
    captioned(t("b8r.cap.evidence", lang, title=q_ksf.title[lang]), ksf.source, lang)))
display(Markdown("\n".join(f"- {note}" for note in evidence_notes(q_ksf, ksf_result, lang))))

# %% [markdown] lang="en"
# **What to look at.** The weakest factor (the shortest bar) and the gaps at the top of the table: the work with key
# accounts breaks where the company is weakest, not where it is average. Where the data disagrees with an answer, the
# company sees itself better (or worse) than its records show: ask why before you believe either.
#
# **What to do about it.** Take the first three actions of the gap table into the plan of the key-account work, each
# with an owner and a date. A factor everybody rates low is a question for the top management, not for one manager.

# %% [markdown] lang="ru"
# **На что смотреть.** Самый слабый фактор (самая короткая полоса) и разрывы вверху таблицы: работа с ключевыми
# клиентами ломается там, где компания слабее всего, а не там, где она средняя. Там, где данные расходятся с ответом,
# компания видит себя лучше (или хуже), чем показывают её записи: выясните почему, прежде чем верить одному из них.
#
# **Что с этим делать.** Внесите первые три действия из таблицы разрывов в план работы с ключевыми клиентами — у
# каждого ответственный и срок. Фактор, который все оценили низко, — вопрос к высшему руководству, а не к одному
# менеджеру.

# %% [markdown] lang="en"
# ## 2. Segmenting the sales markets: where are tomorrow's key accounts?
# Every market cell — a segment in a region — from the market table: how many companies it holds and how much they
# buy a year (the market volume), how many of them are already our clients and our key accounts, our revenue there
# and our share of the market. The **money to win** in a cell is the headroom of our own clients there (their
# potential minus what they buy from us) plus the purchases of the companies that are not our clients yet. A **white
# spot** is a market cell where we have no client at all.

# %% [markdown] lang="ru"
# ## 2. Сегментирование и анализ рынков сбыта: где ключевые клиенты завтрашнего дня?
# Каждая ячейка рынка — сегмент в регионе — из таблицы рынка: сколько в ней компаний и сколько они закупают в год
# (объём рынка), сколько из них уже наши клиенты и ключевые клиенты, наша выручка там и наша доля рынка. **Деньги,
# которые можно взять**, в ячейке — это резерв роста наших собственных клиентов в ней (их потенциал минус то, что
# они покупают у нас) плюс закупки компаний, которые пока не наши клиенты. **Белое пятно** — ячейка рынка, где у нас
# нет ни одного клиента.

# %%
matches = market_matches(ds.market, features, profile.profile) if profile.profile is not None else None
cells = ka_market_cells(facts, ds.clients, ds.market, key_accounts, matches=matches)
print(cells_note(cells, lang))
market_cells_table(cells, lang, top=12)

# %%
if "market" in cells.attrs["missing"]:
    display(Markdown(ui.needs("need.zones.market", "need.zones.market.how", lang)))
if "potential" in cells.attrs["missing"]:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))
if "segment" in cells.attrs["missing"] or "region" in cells.attrs["missing"]:
    display(Markdown(ui.needs("need.zones.segment", "need.zones.segment.how", lang)))

# %%
ax = plot_market_cells(cells, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The cells at the top hold the most money still to win. Where our share of a large market is
# below a few per cent, the key accounts of tomorrow are mostly companies that do not buy from us yet; where a cell
# already holds several key accounts, the company knows how to win there.
#
# **What to do about it.** Pick two or three cells with a large market and a low share and look for the largest
# companies there (the market table counts them; the sales team names them). White spots in large markets are a
# question for the strategy: go there deliberately, or say why not.

# %% [markdown] lang="ru"
# **На что смотреть.** Вверху — ячейки, где больше всего денег, которые ещё можно взять. Там, где наша доля большого
# рынка — несколько процентов, ключевые клиенты завтрашнего дня — в основном компании, которые у нас пока не
# покупают; если в ячейке уже есть несколько ключевых клиентов, компания умеет там выигрывать.
#
# **Что с этим делать.** Выберите две-три ячейки с большим рынком и малой долей и найдите в них крупнейшие компании
# (таблица рынка их считает, отдел продаж называет по именам). Белые пятна на больших рынках — вопрос к стратегии:
# идти туда осознанно или объяснить, почему нет.

# %% [markdown] lang="en"
# ## 3. Candidates among our own clients
# The cheapest new key account is a client who already buys from us — a little. A **candidate** is a client that is
# not a key account yet, with a potential in the top quarter of the known potentials and our share of its purchases
# (share of wallet) below 30 %. The list is ranked by **headroom**: its potential minus our revenue of the last 12
# months; the last column says how well the client matches the profile of today's key accounts (block 7).

# %% [markdown] lang="ru"
# ## 3. Кандидаты среди собственных клиентов
# Самый дешёвый новый ключевой клиент — тот, кто уже покупает у нас, но мало. **Кандидат** — клиент, который ещё не
# ключевой, с потенциалом в верхней четверти известных потенциалов и нашей долей в его закупках ниже 30 %. Список
# упорядочен по **резерву роста**: потенциал минус наша выручка за последние 12 месяцев; последний столбец — насколько
# клиент похож на профиль сегодняшних ключевых клиентов (блок 7).

# %%
cands = ka_candidates(facts, ds.clients, key_accounts, min_potential=candidate_min_potential,
                      potential_quantile=candidate_quantile, max_share=candidate_max_share,
                      profile_match=profile.scores if profile.profile is not None else None)
print(candidates_note(cands, lang, quantile=candidate_quantile, given=candidate_min_potential is not None))
candidates_table(cands, lang, top=15)

# %%
if cands.min_potential is None:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))
ax = plot_candidates(cands, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The orange dots in the lower right: a large potential and a small share — the clients who buy
# most of what they need from our competitors. The blue squares (today's key accounts) high up show what a key
# account can look like; blue squares low down are key accounts in name only.
#
# **What to do about it.** Take the first ten candidates to the sales meeting: for each, who is its manager, what
# does it buy elsewhere and why, who decides there (block 10)? A candidate with a high match to the key-account
# profile is the first to offer key-account treatment.

# %% [markdown] lang="ru"
# **На что смотреть.** Оранжевые точки справа внизу: большой потенциал и малая доля — клиенты, которые покупают
# большую часть нужного у конкурентов. Синие квадраты (сегодняшние ключевые клиенты) наверху показывают, каким может
# быть ключевой клиент; синие квадраты внизу — ключевые клиенты только по названию.
#
# **Что с этим делать.** Вынесите первую десятку кандидатов на совещание отдела продаж: кто ведёт клиента, что он
# покупает у других и почему, кто там принимает решения (блок 10)? Кандидату, сильно похожему на профиль ключевого
# клиента, первым предложите работу как с ключевым клиентом.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which three of these candidates would you make key accounts next year — and which would you not,
# although the numbers say so?
#
# <details><summary>Check yourself</summary>
#
# - The numbers select by potential and share; the decision also needs what the data lacks: the client's strategy,
#   its wish to work with few suppliers, our ability to serve it.
# - A candidate whose potential is only a manager's guess is a candidate for a visit, not yet for a key account.
# - Every new key account takes a key-account manager's time: section 5 counts how many the company can afford.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** каких трёх кандидатов из списка вы сделали бы ключевыми клиентами в следующем году — и каких не
# сделали бы, хотя цифры за них?
#
# <details><summary>Проверьте себя</summary>
#
# - Цифры отбирают по потенциалу и доле; для решения нужно и то, чего в данных нет: стратегия клиента, его желание
#   работать с немногими поставщиками, наша способность его обслуживать.
# - Кандидат, чей потенциал — лишь догадка менеджера, — кандидат на визит, а не пока в ключевые клиенты.
# - Каждый новый ключевой клиент требует времени менеджера по ключевым клиентам: раздел 5 считает, скольких
#   компания может себе позволить.
#
# </details>

# %% [markdown] lang="en"
# ## 4. Classifying the key accounts the company already has
# **On the portfolio matrix.** The seminar's matrix for identifying and selecting key accounts («KAISM») is the
# author's unpublished model. The default here is our reading of the public model it builds on, the key-account
# portfolio matrix of McDonald, Millman and Rogers (1997) and McDonald and Woodburn (2007): the account's
# attractiveness to us against our strength in the account, each scored 1–10 from the data, and a strategy for each
# quadrant. Block 7 draws the matrix; here are the same clients with the same scores (those who bought in the last
# 12 months and the key accounts, the same template), so a key account sits in the same quadrant in both blocks. The
# trainer can replace the template with the author's criteria.

# %% [markdown] lang="ru"
# ## 4. Классификация уже имеющихся «К.А.» компании
# **В матрице портфеля.** Матрица идентификации и отбора ключевых клиентов семинара («KAISM») — неопубликованная
# модель автора. Здесь по умолчанию — наше прочтение открытой модели, на которой она строится, — матрицы портфеля
# ключевых клиентов McDonald, Millman и Rogers (1997) и McDonald и Woodburn (2007): привлекательность клиента для нас
# против нашей силы у клиента, каждая оценена от 1 до 10 по данным, и стратегия для каждого квадранта. Саму матрицу
# рисует блок 7; здесь — те же клиенты с теми же оценками (покупавшие за последние 12 месяцев и ключевые клиенты, тот
# же шаблон), поэтому ключевой клиент стоит в одном и том же квадранте в обоих блоках. Тренер может заменить шаблон
# критериями автора.

# %%
measures = portfolio_measures(facts, ds.clients, contacts=ds.contacts, surveys=ds.surveys, pnl=pnl, as_of=snapshot)
manual = read_scores_table(ka_manual_scores) if ka_manual_scores else None
placed = key_accounts if len(key_accounts) else candidate_key_accounts(pnl)  # block 7's accounts, or candidates
matrix = portfolio_scores(matrix_clients(measures, placed), load_portfolio_template(ka_template),
                          manual=manual)  # the same clients, template and scores as block 7
portfolio_table(matrix, key_accounts, ds.clients, lang)

# %% [markdown] lang="en"
# **The relationship stage.** A key-account relationship grows through stages (Millman and Wilson 1995; McDonald,
# Millman and Rogers 1997): **exploratory** (we explore each other), **basic** (one salesperson, one buyer),
# **cooperative** (several contacts, a preferred supplier), **interdependent** (top-to-top contacts, the principal
# supplier) and **integrated** (one team, nearly the only supplier). The sources describe the stages in words; the
# stage below is estimated from the data — years with us, breadth of the assortment, the people and buying roles we
# know in the client's buying centre, the level of our highest contact, contacts a year and share of wallet —
# against a template whose thresholds are our reading of those descriptions. A key account is at the highest stage
# whose evidence it meets together with that of every stage below; the table says what holds it back from the next.

# %% [markdown] lang="ru"
# **Стадия отношений.** Отношения с ключевым клиентом развиваются по стадиям (Millman и Wilson 1995; McDonald,
# Millman и Rogers 1997): **исследовательская** (присматриваемся друг к другу), **базовая** (один продавец — один
# закупщик), **кооперативная** (несколько контактов, предпочтительный поставщик), **взаимозависимая** (контакты
# первых лиц, основной поставщик) и **интегрированная** (одна команда, почти единственный поставщик). Источники
# описывают стадии словами; ниже стадия оценена по данным — срок отношений, широта ассортимента, люди и закупочные
# роли, которые мы знаем в центре принятия решений клиента, уровень нашего высшего контакта, контакты в год и доля в
# закупках клиента — по шаблону, пороги которого — наше прочтение этих описаний. Ключевой клиент находится на высшей
# стадии, требования которой он выполняет вместе с требованиями всех стадий ниже; таблица говорит, что мешает ему
# перейти на следующую.

# %% [markdown] lang="en" tags=["remove"]
# To change the thresholds, copy `data/templates/ka_relationship.yaml`, edit it and give its path as
# `relationship_template`; to set a stage by hand, put it in `relationship_manual`.

# %% [markdown] lang="ru" tags=["remove"]
# Чтобы изменить пороги, скопируйте `data/templates/ka_relationship.yaml`, отредактируйте копию и укажите её путь в
# `relationship_template`; чтобы задать стадию вручную, впишите её в `relationship_manual`.

# %%
stages_by_hand = (pd.DataFrame(list(relationship_manual.items()), columns=["client_id", "stage"])
                  if relationship_manual else None)
relationship = ka_relationship(facts, ds.clients, key_accounts, contacts=ds.contacts, interactions=ds.interactions,
                               products=ds.products, template=load_relationship_template(relationship_template),
                               manual=stages_by_hand, as_of=snapshot)
print(relationship_note(relationship, lang))
relationship_table(relationship, ds.clients, lang)

# %%
if {"contacts", "interactions"} & set(relationship.absent) and len(key_accounts):
    display(Markdown(ui.needs("b8.need_data.contacts", "b8.need_data.contacts.how", lang)))
ax = plot_relationship_stages(relationship, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** How many key accounts are still at the basic stage — one contact, a transactional business:
# they are key accounts in the card, not yet in the relationship. Read the "what holds it back" column: the same
# missing evidence for many accounts (one contact, no director met, a small share) is a gap of the company's
# key-account work, not of one manager.
#
# **What to do about it.** For each key account, one step to the next stage: a second and third contact in the
# buying centre, a meeting at director level, a category it does not buy from us yet. Check the estimate with the
# key-account manager and set the stage by hand where the data is wrong.

# %% [markdown] lang="ru"
# **На что смотреть.** Сколько ключевых клиентов всё ещё на базовой стадии — один контакт, разовые сделки: они
# ключевые в карточке, но не в отношениях. Читайте столбец «Что сдерживает»: одна и та же нехватка у многих клиентов
# (один контакт, нет встречи с директором, малая доля) — пробел в работе компании с ключевыми клиентами, а не одного
# менеджера.
#
# **Что с этим делать.** Для каждого ключевого клиента — один шаг к следующей стадии: второй и третий контакт в
# центре принятия решений, встреча на уровне директора, категория, которую он у нас ещё не покупает. Сверьте оценку с
# менеджером по ключевым клиентам и задайте стадию вручную там, где данные ошибаются.

# %% [markdown] lang="en"
# ## 5. How many key accounts does the company need?
# This continues block 7's question. Block 7 asked what the growth goal needs from today's key accounts; here the pool
# grows: today's key accounts **and** the candidates of section 3. The goal is block 5's, as in block 7: the revenue of
# the last full year times the growth of the parameters (+15 %). The chart adds up the headroom of the pool, the
# largest first, until the goal is reached; orange dots are today's key accounts. With `capture` = 100 % every account
# gives its whole headroom — the optimistic bound; no company wins a client's whole wallet, so move the slider down
# (in JupyterLab) and watch the number grow. One key-account manager can hold as many accounts as the interactions of
# a manager's year allow at today's contacts per key account. The literature's sanity range: 15–35 key accounts per
# company (McDonald and Woodburn 2007).

# %% [markdown] lang="ru"
# ## 5. Расчёт количества необходимых компании «К.А.»
# Этот раздел продолжает вопрос блока 7. Блок 7 спрашивал, что цель роста требует от нынешних ключевых клиентов;
# здесь круг шире: нынешние ключевые клиенты **и** кандидаты из раздела 3. Цель — та же, что в блоке 7, из блока 5:
# выручка последнего полного года, умноженная на рост из параметров (+15 %). Диаграмма складывает резервы роста этого
# круга, начиная с самых больших, пока не достигнута цель; оранжевые точки — нынешние ключевые клиенты. При доле
# 100 % каждый клиент отдаёт весь свой резерв — это оптимистичная граница; ни одна компания не забирает все закупки
# клиента, поэтому сдвиньте ползунок вниз (в JupyterLab) и посмотрите, как растёт число. Один менеджер по ключевым
# клиентам может вести столько клиентов, сколько позволяют контакты его года при сегодняшней частоте контактов с
# ключевым клиентом. Ориентир из литературы: 15–35 ключевых клиентов на компанию (McDonald и Woodburn 2007).

# %%
pool = cands.clients.loc[cands.clients["key_account"] | cands.clients["candidate"], ["client_id", "headroom"]]
goal_year = base_year(facts, snapshot)  # block 5's goal base: the last full year, as in block 7
revenue_base = float(ka_yearly(facts, key_accounts).totals.query("year == @goal_year")["revenue_all"].sum())
need_args = dict(interactions=ds.interactions, staff=ds.staff, key_accounts=list(key_accounts), capacity_per_kam=kam_capacity,
                 as_of=snapshot)
need = key_accounts_needed(pool, plan_growth * revenue_base, capture=capture, **need_args) if revenue_base > 0 else None
if need is None:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
else:
    ax = plot_ka_needed(need, lang=lang)
    plt.show()
    print(need_text(need, lang, growth=plan_growth, year=goal_year, base=revenue_base, pool="with_candidates"))
if cands.min_potential is None:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))

# %% tags=["widget"]
if need is not None:
    display(ka_need_explorer(pool, revenue_base, year=goal_year, growth=plan_growth, capture=capture, lang=lang,
                             **need_args))

# %% [markdown] lang="en"
# **What to look at.** Where the curve crosses the goal: that many key accounts carry the growth if each gives its
# whole headroom. Far more than 35 means the goal rests on many small accounts — not a key-account strategy; far
# fewer means the goal depends on a few clients, each a large risk. The number of key-account managers tells whether
# the sales team can carry them.
#
# **What to do about it.** Set the capture you believe (a third or a half of the headroom is already ambitious) and
# plan the key accounts and the managers from that number, not from the optimistic one.

# %% [markdown] lang="ru"
# **На что смотреть.** Где кривая пересекает цель: столько ключевых клиентов обеспечат рост, если каждый отдаст весь
# резерв. Намного больше 35 — цель держится на множестве мелких клиентов, это не стратегия работы с ключевыми
# клиентами; намного меньше — цель зависит от нескольких клиентов, и каждый из них — большой риск. Число менеджеров
# по ключевым клиентам показывает, под силу ли это отделу продаж.
#
# **Что с этим делать.** Задайте долю резерва, в которую вы верите (треть или половина — уже амбициозно), и
# планируйте ключевых клиентов и менеджеров от этого числа, а не от оптимистичного.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** your company's growth goal for next year — how many key accounts would carry it, and who in your
# company would manage them?
#
# <details><summary>Check yourself</summary>
#
# - Divide the goal by the realistic gain per key account (a part of its headroom), not by its whole headroom.
# - One key-account manager holds a handful of accounts (the measured capacity above), not dozens.
# - If the number is far above 35, the goal needs new clients and better work with the base (blocks 5 and 6), not
#   only key accounts.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** цель роста вашей компании на следующий год — сколько ключевых клиентов её обеспечат и кто в вашей
# компании будет с ними работать?
#
# <details><summary>Проверьте себя</summary>
#
# - Делите цель на реальный прирост от одного ключевого клиента (часть его резерва роста), а не на весь резерв.
# - Один менеджер по ключевым клиентам ведёт несколько клиентов (измеренная нагрузка выше), а не десятки.
# - Если число намного больше 35, для цели нужны новые клиенты и лучшая работа с базой (блоки 5 и 6), а не только
#   ключевые клиенты.
#
# </details>

# %% [markdown] lang="en"
# ## 6. Building a team from the company's different functions for the project work with key accounts
# A key account is served by the whole company: the key-account manager, the sales department, logistics, finance,
# production, marketing and top management. Who does what is written as a **RACI chart**: for every activity of the
# work with a key account and every function, a letter — **R** does the work, **A** answers for the result (exactly
# one per activity), **C** is consulted before, **I** is informed after (the responsibility matrix of project
# management; the cross-functional key-account team after McDonald and Woodburn 2007). The activities, the functions
# and the example filling are **our reading** of a typical distributor; the trainer edits them, and each participant
# fills in the chart as the work goes in the company today. The check finds what a team chart must not have: an
# activity nobody answers for, one with several who answer for it, one nobody does, one function on (almost)
# everything, a function with no role at all.

# %% [markdown] lang="ru"
# ## 6. Создание группы из различных сотрудников компании для проектной работы с «К.А.»
# Ключевого клиента обслуживает вся компания: менеджер по работе с «К.А.», отдел продаж, логистика, финансы,
# производство, маркетинг и высшее руководство. Кто что делает, записывается в **матрицу RACI**: для каждого вида
# работ с ключевым клиентом и каждой функции — буква: **R** исполняет, **A** отвечает за результат (ровно одна на вид
# работ), **C** — с ней советуются заранее, **I** — её информируют по итогам (матрица ответственности из управления
# проектами; межфункциональная команда по работе с ключевым клиентом — по McDonald и Woodburn 2007). Виды работ,
# функции и пример заполнения — **наше прочтение** типичного дистрибьютора; тренер их правит, а каждый участник
# заполняет матрицу так, как работа устроена в компании сегодня. Проверка находит то, чего в матрице команды быть не
# должно: работу, за результат которой никто не отвечает; работу, за которую отвечают несколько; работу, которую
# никто не исполняет; одну функцию почти на всём; функцию совсем без роли.

# %% [markdown] lang="en" tags=["remove"]
# To fill in your own chart: copy the table below into a spreadsheet with the ids of `data/templates/ka_team_raci.yaml`
# (the first column `activity`, e.g. `account_plan`, then one column per function id: `kam`, `sales`, `logistics`,
# `finance`, `production`, `marketing`, `management`), save it as CSV or Excel and give its path as `raci_file`.

# %% [markdown] lang="ru" tags=["remove"]
# Чтобы заполнить свою матрицу: перенесите таблицу ниже в электронную таблицу с кодами из
# `data/templates/ka_team_raci.yaml` (первый столбец `activity`, например `account_plan`, затем по столбцу на каждый
# код функции: `kam`, `sales`, `logistics`, `finance`, `production`, `marketing`, `management`), сохраните как CSV или
# Excel и укажите путь в `raci_file`.

# %%
raci = read_raci(raci_template)
team = raci_table(raci, read_raci_answers(raci_file, raci) if raci_file else None)  # yours, or the example
raci_findings = check_raci(team, overload_share=raci_overload)
display(HTML(raci_html(raci, raci_findings, lang, filled=raci_file is not None, overload_share=raci_overload)))
raci_styled(raci, team, lang)

# %%
if len(raci_findings):
    display(ui.styled(raci_findings_table(raci, raci_findings, lang), lang, max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** Read the chart by rows: every activity needs one orange A (who answers for it) and at least one
# blue R (who does it). Then by columns: the key-account manager's column full of R and A means the key account
# rests on one person; a column with no letter is a function that is in the team on paper only.
#
# **What to do about it.** Fill in the chart with the heads of the functions in one meeting, as the work goes today.
# Every finding is a conversation to hold: who answers for the result, who does the work, who has to be asked before.
# Agree the chart and send it to everyone in the team.

# %% [markdown] lang="ru"
# **На что смотреть.** Читайте матрицу по строкам: у каждого вида работ должна быть одна оранжевая A (кто отвечает за
# результат) и хотя бы одна синяя R (кто исполняет). Затем по столбцам: столбец менеджера по работе с «К.А.», полный R
# и A, значит, что ключевой клиент держится на одном человеке; столбец без букв — функция, которая в команде только на
# бумаге.
#
# **Что с этим делать.** Заполните матрицу с руководителями функций на одной встрече — так, как работа идёт сегодня.
# Каждое замечание — разговор, который нужно провести: кто отвечает за результат, кто исполняет, с кем советоваться
# заранее. Согласуйте матрицу и разошлите её всем членам команды.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** in your company, who answers for the result with your largest key account — and does that person
# know it?
#
# <details><summary>Check yourself</summary>
#
# - If two people answer "I do", nobody does: there must be exactly one A per activity.
# - If the key-account manager is R or A on almost everything, the client stops when the manager is away: hand the
#   deliveries, the payments and the claims to the functions that do them.
# - A function that the key account never sees (finance, production) still decides about the terms, the deliveries
#   and the quality: it belongs in the team as C or I at least.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кто в вашей компании отвечает за результат работы с самым крупным ключевым клиентом — и знает ли он
# об этом?
#
# <details><summary>Проверьте себя</summary>
#
# - Если «я отвечаю» говорят двое — не отвечает никто: у каждого вида работ ровно одна A.
# - Если менеджер по работе с «К.А.» стоит на R или A почти везде, клиент встаёт, когда менеджер в отпуске: передайте
#   поставки, оплаты и претензии функциям, которые их выполняют.
# - Функция, которую ключевой клиент не видит (финансы, производство), всё равно решает условия, поставки и качество:
#   ей место в команде хотя бы как C или I.
#
# </details>

# %% [markdown] lang="en"
# ## 7. The 11 factors after SAMA that shape the introduction of key account management
# The seminar's eleven factors follow the Strategic Account Management Association (SAMA); the author's list is
# unpublished. The default questionnaire is **our reading**: eleven elements of a key-account programme as SAMA and
# the authors close to it describe them (Napolitano 1997; Capon 2001) — the sponsorship of the first persons, the
# selection of key accounts, account planning, the key-account manager's role, pay and incentives, the
# cross-functional team, information systems, measuring the client's value, governing the programme, training, and
# the structure of the relationship with the client. The trainer can replace it with the author's list. Answer as in
# section 1: for the company as it works today.

# %% [markdown] lang="ru"
# ## 7. 11 факторов в соответствии с «S.A.M.A.», влияющих на внедрение «КАМ» в компании
# Одиннадцать факторов семинара опираются на ассоциацию «S.A.M.A.» (Strategic Account Management Association);
# перечень автора не опубликован. Анкета по умолчанию — **наше прочтение**: одиннадцать элементов программы работы с
# ключевыми клиентами так, как их описывают «S.A.M.A.» и близкие к ней авторы (Napolitano 1997; Capon 2001), —
# поддержка первых лиц, отбор ключевых клиентов, планирование работы с клиентом, роль менеджера по работе с «К.А.»,
# оплата и мотивация, межфункциональная команда, информационные системы, измерение ценности клиента, управление
# программой, обучение и структура отношений с клиентом. Тренер может заменить её авторским перечнем. Отвечайте, как
# в разделе 1: для компании такой, какая она сегодня.

# %%
display(HTML(intro_html(q_sama, lang)))

# %% tags=["widget"]
questionnaire_form(q_sama, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

# %%
sama = load_answers(q_sama, answers_file=sama_answers, folder=answers_dir or ANSWERS_DIR,
                    participant=participant or None)
sama_result = assess(q_sama, sama.table, measured=measured)
display(HTML(result_html(q_sama, sama_result, lang, source=sama.source, about=sama.about)))
ax = plot_section_scores(q_sama, sama_result, lang=lang, example=sama.source == "example")
plt.show()

# %%
ui.styled(gaps_table(q_sama, sama_result, lang), lang).set_caption(
    captioned(t("b8r.cap.gaps", lang, title=q_sama.title[lang]), sama.source, lang))

# %%
display(ui.styled(evidence_table(q_sama, sama_result, lang), lang).set_caption(
    captioned(t("b8r.cap.evidence", lang, title=q_sama.title[lang]), sama.source, lang)))
display(Markdown("\n".join(f"- {note}" for note in evidence_notes(q_sama, sama_result, lang))))

# %% [markdown] lang="en"
# **What to look at.** The factors below the overall line and those the data contradicts: a company that says "we
# select key accounts by criteria" while half of its flagged key accounts no longer buy has a label, not a
# selection. The cross-functional team factor should agree with the chart of section 6.
#
# **What to do about it.** The three first gaps are the first three steps of the programme; give each an owner among
# the first persons of the company — key account management without a sponsor at the top stays a sales project.

# %% [markdown] lang="ru"
# **На что смотреть.** Факторы ниже общей линии и те, с которыми не согласны данные: компания, которая говорит «мы
# отбираем ключевых клиентов по критериям», а половина отмеченных ключевых клиентов уже не покупает, имеет ярлык, а
# не отбор. Фактор межфункциональной команды должен сходиться с матрицей из раздела 6.
#
# **Что с этим делать.** Первые три разрыва — первые три шага программы; у каждого должен быть ответственный из
# первых лиц компании: работа с ключевыми клиентами без поддержки сверху остаётся проектом отдела продаж.

# %% [markdown] lang="en"
# ## 8. Introducing key account management by the 7S model
# The McKinsey 7S model (Waterman, Peters and Phillips 1980) says that an organisation changes only when seven
# elements change together: strategy, structure, systems (the "hard" S), shared values, style of management, staff
# and skills (the "soft" S). For every statement you give two answers: how true it is **today** and the level the
# company **needs** for key account management to work. The distance between the two is the work of introducing it;
# the statements under each S are ours, the trainer can replace them.

# %% [markdown] lang="ru"
# ## 8. Внедрение технологии «КАМ» в компании в соответствии с моделью «7S»
# Модель «7S» McKinsey (Waterman, Peters и Phillips 1980) говорит, что организация меняется, только когда вместе
# меняются семь элементов: стратегия, структура, системы («жёсткие» S), общие ценности, стиль управления, персонал и
# навыки («мягкие» S). По каждому утверждению вы даёте два ответа: насколько оно верно **сегодня** и какой уровень
# **нужен**, чтобы работа с ключевыми клиентами заработала. Расстояние между ними — это и есть работа по внедрению;
# утверждения под каждым S — наши, тренер может их заменить.

# %%
display(HTML(intro_html(q_7s, lang)))

# %% tags=["widget"]
questionnaire_form(q_7s, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

# %%
s7 = load_answers(q_7s, answers_file=s7_answers, folder=answers_dir or ANSWERS_DIR, participant=participant or None)
s7_result = assess(q_7s, s7.table, measured=measured)
display(HTML(result_html(q_7s, s7_result, lang, source=s7.source, about=s7.about)))
ax = plot_section_scores(q_7s, s7_result, lang=lang, example=s7.source == "example")
plt.show()

# %%
ui.styled(target_gaps_table(q_7s, s7_result, lang, source=s7.source), lang).set_caption(
    captioned(t("b8r.cap.distance", lang), s7.source, lang))

# %%
display(ui.styled(gaps_table(q_7s, s7_result, lang), lang).set_caption(
    captioned(t("b8r.cap.gaps", lang, title=q_7s.title[lang]), s7.source, lang)))
display(ui.styled(evidence_table(q_7s, s7_result, lang), lang).set_caption(
    captioned(t("b8r.cap.evidence", lang, title=q_7s.title[lang]), s7.source, lang)))
display(Markdown("\n".join(f"- {note}" for note in evidence_notes(q_7s, s7_result, lang))))

# %% [markdown] lang="en"
# **What to look at.** On the chart, the black tick is the level needed, the bar is today: the longest distance is
# the S to start with. Hard S with short distances and soft S with long ones is the usual picture — a strategy is
# written in a month, skills and values take years.
#
# **What to do about it.** For the two S with the longest distance, write what changes, who changes it and by when.
# Check that the steps fit each other: a new structure (key-account managers) without new systems (the account plan,
# the client's profit) and new pay does not hold.

# %% [markdown] lang="ru"
# **На что смотреть.** На диаграмме чёрная черта — нужный уровень, полоса — сегодняшний: с самого длинного расстояния
# и начинайте. Короткие расстояния у «жёстких» S и длинные у «мягких» — обычная картина: стратегию пишут за месяц,
# навыки и ценности меняются годами.
#
# **Что с этим делать.** Для двух S с самым длинным расстоянием запишите, что меняется, кто меняет и к какому сроку.
# Проверьте, что шаги подходят друг к другу: новая структура (менеджеры по работе с «К.А.») без новых систем (план
# работы с клиентом, прибыль по клиенту) и новой оплаты не удержится.

# %% [markdown] lang="en"
# ## 9. The verdict: is the company ready to work with key accounts?
# The three questionnaires look at the same company from three sides: the success factors of the work with key
# accounts, the elements of a key-account programme, and the organisation that has to change. Each has its own
# verdict; together they answer the question of the block.

# %% [markdown] lang="ru"
# ## 9. Итог: готова ли компания к работе с «К.А.»?
# Три анкеты смотрят на одну и ту же компанию с трёх сторон: факторы успеха работы с ключевыми клиентами, элементы
# программы работы с ними и организация, которой предстоит измениться. У каждой свой вывод; вместе они отвечают на
# вопрос блока.

# %%
readiness = [Assessed(q_ksf, ksf_result, ksf.source), Assessed(q_sama, sama_result, sama.source),
             Assessed(q_7s, s7_result, s7.source)]
display(HTML(readiness_html(readiness, lang)))
ax = plot_readiness(readiness, lang=lang)
plt.show()

# %%
ui.styled(readiness_table(readiness, lang), lang)

# %% [markdown] lang="en"
# **What to look at.** The orange bar is the weakest side: the company is as ready as it is. Three verdicts that
# differ a lot are a finding too — the participants see the company differently from different chairs.
#
# **What to do about it.** Start with the weakest side's first gaps; come back to the three questionnaires in half a
# year and compare.

# %% [markdown] lang="ru"
# **На что смотреть.** Оранжевая полоса — самая слабая сторона: компания готова настолько, насколько готова она. Три
# сильно разных вывода — тоже результат: с разных мест компания видится по-разному.
#
# **Что с этим делать.** Начните с первых разрывов самой слабой стороны; вернитесь к трём анкетам через полгода и
# сравните.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** your company's answer to the question of the block — ready, partly ready, not ready? What would
# the first step be?
#
# <details><summary>Check yourself</summary>
#
# - Readiness is decided by the weakest side, not by the average of the three.
# - A "ready" from one participant and a "not ready" from another are two views to reconcile, not an error: look at
#   the questions where the group disagrees most (the trainer's section below).
# - The first step is concrete (who does what by when): the first actions of the weakest side's gap table.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** каков ответ вашей компании на вопрос блока — готова, готова частично, не готова? Каким будет первый
# шаг?
#
# <details><summary>Проверьте себя</summary>
#
# - Готовность определяет самая слабая сторона, а не среднее трёх.
# - «Готова» у одного участника и «не готова» у другого — два взгляда, которые нужно свести, а не ошибка: посмотрите
#   на вопросы, где группа расходится сильнее всего (раздел для тренера ниже).
# - Первый шаг конкретен (кто что делает и к какому сроку): первые действия из таблицы разрывов самой слабой стороны.
#
# </details>

# %% [markdown] lang="en"
# ## For the trainer: the group's answers
# The answers of the whole group to the three questionnaires, anonymous: how the overall scores spread, and the
# questions where the group agrees least — the discussion starters. Without the group's folder, 12 invented
# participants stand in, labelled as an example.

# %% [markdown] lang="ru"
# ## Для тренера: ответы группы
# Ответы всей группы на три анкеты, анонимно: разброс общих оценок и вопросы, по которым группа согласна меньше всего,
# — с них начинается обсуждение. Без папки группы вместо неё — 12 вымышленных участников с пометкой «пример».

# %% [markdown] lang="en" tags=["remove"]
# Collect the participants' answer files (each saved under `answers/` or the folder given as `answers_dir`, or the
# filled-in spreadsheet forms) in one folder and give it as `group_dir`.

# %% [markdown] lang="ru" tags=["remove"]
# Соберите файлы ответов участников (каждый сохраняется в `answers/` или в папке из `answers_dir`, либо заполненные
# формы-таблицы) в одну папку и укажите её в `group_dir`.

# %%
for q in (q_ksf, q_sama, q_7s):
    sets, example_group = group_answers(q, group_dir)
    group = group_view(q, sets)
    display(HTML(f"<h4>{q.title[lang]}</h4>" + group_html(q, group, lang, example_group=example_group)))
    ax = plot_group_readiness(q, group, lang=lang, example=example_group)
    plt.show()
    display(ui.styled(group_table(q, group, lang, top=5), lang))

# %% [markdown] lang="en"
# ## Key figures of block 8

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 8

# %% tags=["key-figures"]
figures = ka_sources_figures(cells, cands, relationship, need, lang)
figures += readiness_figures(readiness, raci_findings, lang, raci_filled=raci_file is not None)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** block 9 — equipping the key account manager: the profile, the seven roles and the basic states. Then
# block 10: working with key accounts and their decision-making unit.

# %% [markdown] lang="ru"
# **Дальше:** блок 9 — оснащение специалиста компании по работе с «К.А.»: профиль, семь ролей и базовые состояния.
# Затем блок 10: работа с ключевыми клиентами и их центром принятия решений.
