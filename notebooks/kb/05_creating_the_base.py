# %% [markdown] lang="en"
# # Block 5 · Technology of creating the customer base
# *(«Технология создания клиентской базы» — seminar "Customer base and key clients: audit, creation, management")*
#
# **What you will see**
# - The **client card** (карточка клиента): everything the company knows about one client on one page — find
#   any client by name, tax ID (ИНН) or code — and how complete the cards are today.
# - The **client profile** (профиль клиента): what the most profitable clients look like, which of today's
#   clients already look like them, and where in the market to look for more of them.
# - **"Managing the future"** («управление будущим»): from the company's goals (growth, margin, new clients) to
#   a plan for next year by segment and by client, starting from what each client will buy anyway.
# - The **region and segment passport** (паспорт региона / сегмента): clients by lifecycle stage, money, growth,
#   potential, our share of the clients' purchases and how many of the market's companies are already ours.
# - The **key clients' goals and tasks** («анализ целей и задач, стоящих перед клиентами»): a worksheet, per key
#   client, of what the client wants to achieve, what it means for us, what we offer, by when and who answers
#   for it — shown on the client card.
#
# The point of the block: a customer base is built, not collected. The card and the profile are its tools; the
# plan and the passport show where to take it next.

# %% [markdown] lang="ru"
# # Блок 5 · Технология создания клиентской базы
# *Семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»*
#
# **Что вы увидите**
# - **Карточку клиента**: всё, что компания знает о клиенте, на одной странице (любого клиента можно найти по
#   названию, ИНН или коду) — и насколько полно заполнены карточки сегодня.
# - **Профиль клиента**: как выглядят самые прибыльные клиенты, кто из нынешних клиентов уже похож на них и где
#   на рынке искать новых таких же.
# - **Модель «Управление будущим»**: от целей компании (рост, маржа, новые клиенты) к плану на следующий год
#   по сегментам и по клиентам — с опорой на то, что каждый клиент купит и без дополнительных усилий.
# - **Паспорт региона (сегмента)**: клиенты по стадиям жизненного цикла, деньги, рост, потенциал, наша доля в
#   закупках клиентов и какая часть компаний рынка уже работает с нами.
# - **Цели и задачи ключевых клиентов** (анализ целей и задач, стоящих перед клиентами компании): рабочий лист
#   по каждому ключевому клиенту — чего клиент хочет добиться, что это значит для нас, что мы предлагаем, к какому
#   сроку и кто отвечает; он виден в карточке клиента.
#
# Главная мысль блока: клиентскую базу создают, а не собирают. Карточка и профиль клиента — её инструменты;
# план и паспорт показывают, куда её развивать.

# %% [markdown] lang="en" tags=["remove"]
# **The parameters of this workbook** are in the next cell. Change a value there, then run the whole workbook
# again (Run → Run All Cells).
# - `data`: the folder or file with your company's exports. Default `None`: the demo company.
# - `mapping`: a YAML file that maps your column headers onto the workbook's. Default `None`: the usual 1C and
#   English headers are understood as they are.
# - `lang`: the language of the texts, charts and tables, `"ru"` or `"en"`.
# - `start`, `end`: the first and last day of the analysed period, as `"2025-01-01"`. Default `None`: from the
#   first to the last date in the data.
# - `as_of`: the day of the analysis for the cards, the profile, the plan and the passport. Default `None`: the
#   last date of the sales.
# - `client_id`: the code of the client whose card is shown first, e.g. `"000038"`. Default `None`: the largest
#   client of the last 12 months.
# - `profile_top_share`: the share of the most profitable clients of each segment that makes the profile.
#   Default `0.2` (the best 20 %); `0.1` gives a sharper profile, `0.3` a broader one.
# - `growth_goal`: the company's revenue growth goal for the plan year over the last full year. Default `0.20`
#   (+20 %); write `0.10` for +10 %.
# - `margin_goal`: the goal for the gross margin rate of the plan year. Default `0.20` (20 %); `None`: no margin
#   goal.
# - `new_clients_goal`: how many new clients the plan year should win. Default `None`: as many as were won last
#   year; write e.g. `150`.
# - `plan_year`: the plan year, e.g. `2026`. Default `None`: the year after the last full year of data. An
#   earlier year makes the plan as it would have been made at its start.
# - `passport_by`: `"region"` (default) or `"segment"`: one row of the passport per region or per segment.
# - `participant`: your name, under which the worksheet of goals and tasks is saved. Default `""`: the latest
#   saved worksheet of anyone, or the example.
# - `answers_dir`: the folder where the worksheet is saved. Default `None`: the project's `answers` folder.
# - `goals_file`: a filled-in worksheet as a CSV or Excel file with the columns `client_id`, `goal`, `task`,
#   `offer`, `due`, `owner` (e.g. a copy of `data/templates/client_goals_example.csv`). Default `None`: the saved
#   worksheet, else the example for two demo key accounts.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры рабочей тетради** — в следующей ячейке. Измените значение и запустите всю тетрадь заново
# (Run → Run All Cells).
# - `data` — папка или файл с выгрузками вашей компании. По умолчанию `None`: демо-компания.
# - `mapping` — файл YAML, сопоставляющий заголовки ваших столбцов с заголовками тетради. По умолчанию `None`:
#   обычные заголовки 1С и английские заголовки понимаются как есть.
# - `lang` — язык текстов, графиков и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — первый и последний день анализируемого периода в виде `"2025-01-01"`. По умолчанию `None`:
#   с первой по последнюю дату в данных.
# - `as_of` — дата анализа для карточек, профиля, плана и паспорта. По умолчанию `None`: последняя дата продаж.
# - `client_id` — код клиента, чья карточка показывается первой, например `"000038"`. По умолчанию `None`:
#   крупнейший клиент за последние 12 месяцев.
# - `profile_top_share` — доля самых прибыльных клиентов каждого сегмента, по которой строится профиль.
#   По умолчанию `0.2` (лучшие 20 %); `0.1` даёт более острый профиль, `0.3` — более широкий.
# - `growth_goal` — цель компании по росту выручки в плановом году к последнему полному году. По умолчанию
#   `0.20` (+20 %); для +10 % напишите `0.10`.
# - `margin_goal` — цель по уровню валовой маржи в плановом году. По умолчанию `0.20` (20 %); `None` — без цели
#   по марже.
# - `new_clients_goal` — сколько новых клиентов нужно привлечь в плановом году. По умолчанию `None`: столько же,
#   сколько в прошлом году; можно написать, например, `150`.
# - `plan_year` — плановый год, например `2026`. По умолчанию `None`: год, следующий за последним полным годом
#   в данных. Более ранний год строит план так, как его составили бы в начале того года.
# - `passport_by` — `"region"` (по умолчанию) или `"segment"`: строка паспорта на каждый регион или на каждый
#   сегмент.
# - `participant` — ваше имя, под ним сохраняется рабочий лист целей и задач. По умолчанию `""`: последний
#   сохранённый рабочий лист любого участника или пример.
# - `answers_dir` — папка, куда сохраняется рабочий лист. По умолчанию `None`: папка `answers` проекта.
# - `goals_file` — заполненный рабочий лист, файл CSV или Excel со столбцами `client_id`, `goal`, `task`,
#   `offer`, `due`, `owner` (например, копия `data/templates/client_goals_example.csv`). По умолчанию `None`:
#   сохранённый рабочий лист, иначе пример по двум ключевым клиентам демо-компании.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the analysis (cards, profile, plan, passport); None means the last sales date
client_id = None  # the client whose card is shown first; None means the largest client of the last 12 months
profile_top_share = 0.2  # the share of most profitable clients that makes the profile (per segment)
growth_goal = 0.20  # company goal: revenue growth of the plan year over the last full year (0.20 is +20%)
margin_goal = 0.20  # company goal: gross margin rate of the plan year (0.20 is 20%); None means no margin goal
new_clients_goal = None  # company goal: new clients in the plan year; None means as many as were won last year
plan_year = None  # the plan year; None means the year after the last full year of data
passport_by = "region"  # "region" or "segment": the cell of the passport
# The worksheet of the key clients' goals and tasks
participant = ""  # your name: your worksheet is saved under it; empty means the latest saved worksheet of anyone
answers_dir = None  # the folder of saved worksheets; None means the project's answers folder
goals_file = None  # a filled-in worksheet (CSV or Excel); None means the saved one, else the example

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    Goals,
    base_year,
    card_fill,
    client_card,
    client_features,
    client_pnl,
    client_profile,
    client_stages,
    manager_load,
    market_matches,
    new_clients_won,
    plan_by_client,
    plan_by_segment,
    plan_vs_actual,
    profile_match,
)
from kbcore.analyses.client_goals import goal_clients, worksheet_key_ids
from kbcore.analyses.passport import passport
from kbcore.charts import (
    plot_card_trend,
    plot_passport,
    plot_plan_by_segment,
    plot_plan_vs_actual,
    plot_profile,
    use_style,
)
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.ingest.worksheets import load_worksheet
from kbcore.paths import ANSWERS_DIR
from kbcore.views import (
    card_fill_table,
    card_html,
    creation_figures,
    passport_stage_table,
    passport_table,
    people_labels,
    plan_summary_table,
    profile_groups_table,
    profile_view,
)
from kbcore.views.planning import plan_vs_actual_table
from kbcore.views.worksheets import goals_caption, goals_table, worksheet_note
from kbcore.widgets import card_browser, plan_explorer
from kbcore.widgets.worksheets import goals_worksheet

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company) are read in one step: their headers are mapped onto the standard
# tables and checked. The data-quality report below says what was read, what was dropped and why, and what is
# missing.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демо-компании) читаются за один шаг: их заголовки сопоставляются со стандартными
# таблицами и проверяются. Отчёт о качестве данных ниже показывает, что прочитано, что отброшено и почему и
# чего не хватает.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales reduced once; every analysis below uses it
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
stages = client_stages(facts, ds.clients)
features = client_features(facts, ds.clients, ds.products)
pnl = client_pnl(facts, ds.clients, ds.interactions)
has_cards = ds.has("clients") and not ds.quality.stats("clients").derived  # cards, not just names from the sales
has_traits = any(ds.has("clients", c) for c in ("segment", "size", "region", "acquisition_channel"))
key_ids = worksheet_key_ids(ds.clients, stages)  # flagged key accounts, else the lifecycle's stage "key"
ws = load_worksheet(goals_file, folder=answers_dir or ANSWERS_DIR, participant=participant or None)

# %% [markdown] lang="en"
# ## 1. The client card (карточка клиента)
# A card is one page per client: who it is (tax ID, segment, region, manager), how it buys (revenue and margin by
# year, how often, how broad an assortment, when last), what it could buy (its potential and our share of its
# purchases), who decides (the decision-making unit: the people who decide and who influence the decision) and
# what was said last. First, how complete are the cards today? Each row is a field of the card and the share of
# clients who have it filled in.

# %% [markdown] lang="ru"
# ## 1. Карточка клиента
# Карточка — это одна страница на клиента: кто он (ИНН, сегмент, регион, менеджер), как он покупает (выручка и
# валовая прибыль по годам, как часто, насколько широкий ассортимент, когда в последний раз), что он мог бы
# покупать (потенциал клиента и наша доля в его закупках), кто принимает решение (центр принятия решений: ЛПР и
# ЛВР — лица, принимающие и влияющие на решение) и о чём говорили в последний раз. Сначала — насколько полно
# заполнены карточки сегодня. Каждая строка таблицы — поле карточки и доля клиентов, у которых оно заполнено.

# %%
fill = card_fill(ds.clients, facts=facts, contacts=ds.contacts, interactions=ds.interactions)
ui.styled(card_fill_table(fill, lang), lang, ints=["filled"], pct=["filled_share"], max_rows=None)

# %%
if not has_cards or (not ds.has("clients", "segment") and not ds.has("clients", "tax_id")):
    display(Markdown(ui.needs("need.card_fields", "need.card_fields.how", lang)))
if ds.contacts is None:
    display(Markdown(ui.needs("need.contacts", "need.contacts.how", lang)))
if ds.interactions is None:
    display(Markdown(ui.needs("need.interactions", "need.interactions.how", lang)))

# %% [markdown] lang="en"
# **Find a client.** Type part of a name, a tax ID or a client code, pick the client, and its card appears. (The
# search works in JupyterLab; the report shows one card below: by default, the largest client of the last
# 12 months.)

# %% [markdown] lang="ru"
# **Найти клиента.** Введите часть названия, ИНН или код клиента, выберите клиента — появится его карточка.
# (Поиск работает в JupyterLab; в отчёте ниже показана одна карточка — по умолчанию крупнейшего клиента за
# последние 12 месяцев.)

# %%
example = client_id if client_id is not None else features.sort_values(
    ["revenue_12m", "client_id"], ascending=[False, True])["client_id"].iloc[0]

# %% tags=["widget"]
card_browser(facts, ds.clients, products=ds.products, contacts=ds.contacts, interactions=ds.interactions,
             stages=stages, lang=lang, client_id=example)

# %%
card = client_card(facts, ds.clients, example, products=ds.products, contacts=ds.contacts,
                   interactions=ds.interactions, stages=stages, goals=ws.table)
display(HTML(card_html(card, lang)))

# %%
ax = plot_card_trend(card.years, client=card.identity.get("name", card.client_id), lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The fields nobody fills in (the weakest rows of the table), and on a card: the trend of
# revenue *and* margin, the days since the last order against the usual days between orders, our share of the
# client's purchases, and how many people of the client's decision-making unit we know. One contact is one phone
# call away from losing the client.
#
# **What to do about it.** Agree on the card's compulsory fields and on who fills them in; make the data gaps of
# each key client a task for its manager this month. A new client gets a card before its first invoice.

# %% [markdown] lang="ru"
# **На что смотреть.** Поля, которые никто не заполняет (самые слабые строки таблицы), а в карточке — динамику
# выручки *и* валовой прибыли, сколько дней прошло с последнего заказа по сравнению с обычным интервалом между заказами,
# нашу долю в закупках клиента и сколько людей из центра принятия решений клиента мы знаем. Если контакт один,
# клиента можно потерять одним телефонным звонком.
#
# **Что с этим делать.** Договоритесь, какие поля карточки обязательны и кто их заполняет; пробелы в данных по
# каждому ключевому клиенту — задача его менеджера на этот месяц. Новый клиент получает карточку до первого
# счёта.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which fields of the client card are compulsory in your company, who fills them in and who
# checks? Start from the weakest rows of the table of how complete the cards are.
#
# <details><summary>Check yourself</summary>
#
# - Compulsory are the fields without which nobody can work with the client: the decision maker and the
#   decision-making unit's contacts, the client's potential, the segment and the manager.
# - Each field has an owner (usually the client's manager) and a deadline; the head of sales checks the table of
#   how complete the cards are every month.
# - A key client's card with one known person of its decision-making unit is a risk of losing the client: it is
#   the first gap to close.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какие поля карточки клиента у вас обязательны, кто их заполняет и кто проверяет? Начните с самых
# слабых строк таблицы заполненности карточек.
#
# <details><summary>Проверьте себя</summary>
#
# - Обязательны поля, без которых с клиентом нельзя работать: ЛПР и контакты центра принятия решений, потенциал
#   клиента, сегмент и менеджер.
# - У каждого поля есть ответственный (обычно менеджер клиента) и срок; руководитель отдела продаж раз в месяц
#   проверяет заполненность по этой таблице.
# - Карточка ключевого клиента, в которой известен один человек из центра принятия решений, — риск потерять
#   клиента: этот пробел закрывают первым.
#
# </details>

# %% [markdown] lang="en"
# ## 2. The client profile (профиль клиента): who are our best clients?
# The clients of each segment are ranked by client profit (block 1: gross margin minus the cost to serve), and
# the best of them are compared with the rest: who they are (segment, size, region, acquisition channel) and how
# they buy (assortment breadth, orders a year, days between orders). A trait counts in the profile match when
# the best clients have it clearly more often than the others (at least 1.1 times as often).

# %% [markdown] lang="ru"
# ## 2. Профиль клиента: кто наши лучшие клиенты?
# Клиенты каждого сегмента ранжируются по прибыли от клиента (блок 1: валовая прибыль минус стоимость
# обслуживания клиента), и лучшие из них сравниваются с остальными: кто они (сегмент, размер, регион, канал
# привлечения) и как покупают (широта ассортимента, заказов в год, дней между заказами). Признак входит в оценку
# соответствия профилю, если у лучших клиентов он встречается заметно чаще, чем у остальных (хотя бы в 1,1 раза).

# %%
profile = client_profile(features, pnl, top_share=profile_top_share)
for note in profile.notes:
    display(Markdown(t(note, lang)))
ui.styled(profile_view(profile, "all", lang), lang, pct=["top_match", "rest_match"], max_rows=None)

# %%
ax = plot_profile(profile, category="all", lang=lang)
plt.show()

# %%
if not has_traits:
    display(Markdown(ui.needs("need.profile_traits", "need.profile_traits.how", lang)))

# %% [markdown] lang="en"
# The profile of each segment separately (the same traits, the segment's own best clients):

# %% [markdown] lang="ru"
# Профиль каждого сегмента отдельно (те же признаки, но свои лучшие клиенты в каждом сегменте):

# %%
groups = profile_groups_table(profile, lang)  # without costs the measure is revenue, shown once
ui.styled(groups, lang, money=[c for c in groups.columns if c.endswith(("_top", "_rest"))],
          ints=["top_count"], max_rows=None)

# %% [markdown] lang="en"
# **Look-alikes: clients who fit the profile but are not among the best yet.** These are the clients to develop
# first: they look like the best ones, so the potential is likely there.

# %% [markdown] lang="ru"
# **Похожие клиенты: подходят под профиль, но пока не входят в число лучших.** Их и нужно развивать в первую
# очередь: они похожи на лучших, значит, потенциал у них, скорее всего, есть.

# %%
matches = profile_match(features, profile)
lookalikes = matches.loc[~matches["top"]].head(15)
ui.styled(people_labels(lookalikes[["client_id", "name", "category", "score", "matched", "traits", "revenue"]], lang), lang,
          pct=["score"], ints=["matched", "traits"], max_rows=None)

# %% [markdown] lang="en"
# **Where to look for new clients like them:** market cells (segment × region) ranked by how well they fit the
# profile times the companies that are not our clients yet.

# %% [markdown] lang="ru"
# **Где искать новых клиентов, похожих на лучших:** ячейки рынка (сегмент × регион), упорядоченные по
# соответствию профилю с учётом числа компаний, которые пока не являются нашими клиентами.

# %%
market = market_matches(ds.market, features, profile)
if market.empty:
    display(Markdown(ui.needs("need.market", "need.market.how", lang)))
else:
    display(ui.styled(market.head(10), lang, money=["consumption_per_company", "prospect_volume"],
                      ints=["companies", "our_clients", "prospects"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** The traits the best clients have most often compared with the others: they describe the
# client worth having. A segment whose best clients earn little is not a target, however many companies it has.
#
# **What to do about it.** Give each manager their look-alike clients with a development plan (the assortment
# they do not buy yet, the order rhythm), and point prospecting at the top market cells, not at whoever answers
# the phone.

# %% [markdown] lang="ru"
# **На что смотреть.** Признаки, которые у лучших клиентов встречаются намного чаще, чем у остальных: они
# описывают клиента, которого стоит иметь. Сегмент, лучшие клиенты которого приносят мало, — не цель, сколько бы
# компаний в нём ни было.
#
# **Что с этим делать.** Дайте каждому менеджеру список его похожих клиентов с планом развития (ассортимент,
# который они у нас ещё не покупают, ритм заказов) и направьте поиск новых клиентов на лучшие ячейки рынка, а не
# на тех, кто случайно ответил на звонок.

# %% [markdown] lang="en"
# ## 3. From goals to a plan: «управление будущим» (managing the future)
# A plan is not "last year plus 20 % for everybody". Each client first gets a **baseline**: its last full year
# moved by its own trend (the mean growth of its last two years, limited to −30 %…+30 %; a lost client plans
# nothing). The company's goal is last year's revenue × (1 + the growth goal). What new clients bring is set
# aside (the new-clients goal × what a new client bought in its first year), and the rest of the gap is spread
# over the clients with room to grow: their potential minus their baseline (by revenue when the potentials are
# unknown).

# %% [markdown] lang="ru"
# ## 3. От целей компании к плану: модель «Управление будущим»
# План — это не «прошлый год плюс 20 % всем». Сначала каждый клиент получает **базу**: свой последний полный год,
# сдвинутый по собственному тренду (средний рост за два последних года, но не больше +30 % и не меньше −30 %;
# потерянному клиенту ничего не планируется). Цель компании — выручка прошлого года × (1 + цель роста). То, что
# принесут новые клиенты (цель по новым клиентам × сколько новый клиент покупает в свой первый год),
# откладывается отдельно, а оставшийся разрыв распределяется между клиентами, у которых есть резерв роста:
# потенциал минус база (пропорционально выручке, если потенциал клиентов неизвестен).

# %%
last_full_year = base_year(facts) if plan_year is None else int(plan_year) - 1
n_new = new_clients_won(facts, year=last_full_year) if new_clients_goal is None else int(new_clients_goal)
goals = Goals(growth=growth_goal, margin_rate=margin_goal, new_clients=n_new)
plan_stages = stages if plan_year is None else None  # stages are of the analysis date: only for the next year's plan
plan = plan_by_client(facts, ds.clients, goals=goals, year=plan_year, stages=plan_stages)
a = plan.attrs
ui.styled(plan_summary_table(plan, lang), lang, money=["value"], max_rows=None)

# %%
if a["revenue_base"] <= 0:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
elif a["allocation"] == "revenue":
    display(Markdown(ui.needs("need.potential", "need.potential.how", lang)))
if not (ds.has("clients", "manager") and ds.has("clients", "segment")):
    display(Markdown(ui.needs("need.plan_groups", "need.plan_groups.how", lang)))

# %%
segments = plan_by_segment(plan, facts=facts, clients=ds.clients)
ui.styled(people_labels(segments, lang), lang, ints=["new_clients"], pct=["plan_growth", "plan_share"],
          money=["revenue_base", "baseline", "uplift", "new_clients_plan", "plan", "plan_margin"], max_rows=None)

# %%
ax = plot_plan_by_segment(segments, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the goals: the baselines do not change, only what the goal adds and where. (The sliders
# work in JupyterLab; the report shows the chart above.)

# %% [markdown] lang="ru"
# **Попробуйте сами.** Подвигайте цели: база не меняется, меняется только то, что добавляет цель, и у кого.
# (Ползунки работают в JupyterLab; в отчёте — график выше.)

# %% tags=["widget"]
plan_explorer(facts, ds.clients, goals=goals, year=plan_year, lang=lang, stages=plan_stages)

# %% [markdown] lang="en"
# The clients who carry most of the growth the goal asks for (their plan minus their own trend):

# %% [markdown] lang="ru"
# Клиенты, на которых приходится основная часть роста, заданного целью (их план минус их собственный тренд):

# %%
carriers = plan.sort_values(["uplift", "client_id"], ascending=[False, True]).head(15)
ui.styled(people_labels(carriers[["client_id", "name", "segment", "manager", "revenue_base", "baseline", "plan",
                                  "plan_growth", "potential", "over_potential"]], lang), lang,
          money=["revenue_base", "baseline", "plan"], pct=["plan_growth"], max_rows=None)

# %% [markdown] lang="en"
# **Does the method work? Check it on the past.** The same plan made at the start of the last full year, from
# the data known then, against what really happened (by segment). The last table is each manager's load under
# the new plan: clients, key and lost clients, revenue and plan.

# %% [markdown] lang="ru"
# **Работает ли метод? Проверим на прошлом.** Тот же план, составленный в начале последнего полного года по
# данным, известным на тот момент, в сравнении с тем, что произошло на самом деле (по сегментам). Последняя
# таблица — нагрузка менеджеров по новому плану: клиенты, ключевые и потерянные клиенты, выручка и план.

# %%
check_year = base_year(facts)
if check_year - 1 >= int(facts.sales["date"].min().year):
    past_plan = plan_by_client(facts, ds.clients, goals=goals, year=check_year)
    past = plan_vs_actual(past_plan, facts, by="segment")
    display(ui.styled(plan_vs_actual_table(past, lang), lang, money=["plan", "actual", "deviation", "expected"],
                      pct=["completion", "pace"], max_rows=None))
    ax = plot_plan_vs_actual(past, lang=lang)
    plt.show()
    load = manager_load(plan, stages)
    display(ui.styled(people_labels(load, lang), lang, ints=["key_clients", "lost_clients"], pct=["plan_growth", "clients_share",
                      "plan_share"], money=["revenue_base", "baseline", "plan"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** The gap between the baselines and the goal: that is the growth that has to be *made*
# (new assortment, new clients), not just expected. A plan above a client's potential is wishful thinking; a
# margin plan below the margin goal says the growth comes from the wrong clients.
#
# **What to do about it.** Discuss each key client's plan with its manager, client card in hand: potential,
# share of the client's purchases, what it does not buy from us yet. Set the new-client goal by segment from the
# profile, and control the plan monthly by manager and segment (block 6).

# %% [markdown] lang="ru"
# **На что смотреть.** Разрыв между базой и целью: это рост, который нужно *сделать* (новый ассортимент, новые
# клиенты), а не просто ждать. План выше потенциала клиента — это желаемое, выданное за действительное; план по
# валовой прибыли ниже цели говорит о том, что рост идёт не от тех клиентов.
#
# **Что с этим делать.** Обсудите план каждого ключевого клиента с его менеджером, держа в руках карточку
# клиента: потенциал, доля в закупках клиента, что он у нас ещё не покупает. Цель по новым клиентам ставьте по
# сегментам, опираясь на профиль, и контролируйте выполнение плана ежемесячно по менеджерам и сегментам (блок 6).

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** in which segments would last year's plan, made by this method, not have been met? Is that the
# method's mistake or the work with the clients?
#
# <details><summary>Check yourself</summary>
#
# - Read the completion by segment in the check on the past: the segments where the actual is clearly below the
#   plan.
# - A plan above the clients' potential, or one that rests on declining clients, is the plan's mistake; clients
#   with potential who got no attention are the work's.
# - For the new plan: check each key client's plan against its card and potential, and control the lagging
#   segments monthly (block 6).
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** в каких сегментах план прошлого года, составленный этим методом, не был бы выполнен? Это ошибка
# метода или работы с клиентами?
#
# <details><summary>Проверьте себя</summary>
#
# - Смотрим выполнение плана по сегментам в проверке на прошлом: где факт заметно ниже плана.
# - План выше потенциала клиентов или план, который держится на угасающих клиентах, — ошибка плана; клиенты с
#   потенциалом, которым не уделили внимания, — ошибка работы с клиентами.
# - Для нового плана: сверить план каждого ключевого клиента с его карточкой и потенциалом, а отстающие сегменты
#   контролировать ежемесячно (блок 6).
#
# </details>

# %% [markdown] lang="en"
# ## 4. The region / segment passport (паспорт региона / сегмента)
# One row per region (or per segment, as chosen in the workbook's settings): our clients and their stages,
# revenue and margin, last year's growth, the potential of our clients and our share of their purchases, our
# share of the market volume, **penetration** (our active clients out of the market's companies), the largest
# clients and the managers who cover it.

# %% [markdown] lang="ru"
# ## 4. Паспорт региона (сегмента)
# Одна строка на регион (или на сегмент — это задаётся в настройках тетради): наши клиенты и их стадии, выручка
# и валовая прибыль, рост за последний год, потенциал наших клиентов и наша доля в их закупках, наша доля в объёме
# рынка, **проникновение** (доля компаний рынка, которые являются нашими активными клиентами), крупнейшие
# клиенты и менеджеры, которые с ними работают.

# %%
pp = passport(facts, ds.clients, by=passport_by, market=ds.market, stages=stages, features=features)
ui.styled(passport_table(pp, lang), lang,
          ints=["active_clients", "companies"], pct=["growth", "share", "share_of_wallet", "penetration"],
          money=["revenue_12m", "market_volume"], max_rows=None)

# %%
ax = plot_passport(pp, lang=lang)
plt.show()

# %% [markdown] lang="en"
# Clients by lifecycle stage (block 2) in each region or segment:

# %% [markdown] lang="ru"
# Клиенты по стадиям жизненного цикла (блок 2) в каждом регионе (сегменте):

# %%
ui.styled(passport_stage_table(pp, lang), lang,
          ints=[c for c in pp.columns if c.startswith("stage_")], max_rows=None)

# %%
if not ds.has("clients", passport_by):
    display(Markdown(ui.needs("need.passport_cells", "need.passport_cells.how", lang)))
if ds.market is None:
    display(Markdown(ui.needs("need.market", "need.market.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Regions or segments with low penetration and a high share of lost or declining clients;
# those that depend on one manager; regions where our share of the market is far below our share elsewhere.
#
# **What to do about it.** Give each region or segment an owner and a passport review every quarter: who the new
# clients should be (the profile), whom to win back (the lost clients there), and whether the coverage
# (managers, visits) matches the money there.

# %% [markdown] lang="ru"
# **На что смотреть.** Регионы и сегменты с низким проникновением и большой долей потерянных или угасающих
# клиентов; те, что держатся на одном менеджере; регионы, где наша доля рынка намного ниже, чем в остальных.
#
# **Что с этим делать.** Назначьте каждому региону (сегменту) ответственного и раз в квартал разбирайте его
# паспорт: какими должны быть новые клиенты (профиль), кого вернуть (потерянные клиенты этого региона) и
# соответствует ли охват (менеджеры, визиты) деньгам, которые там есть.

# %% [markdown] lang="en"
# ## 5. The key clients' goals and tasks
# A key client buys from us to reach goals of its own: to open new warehouses, to cut its stock, to win a
# tender, to pass an audit. The seminar asks for an analysis of the goals and tasks the company's clients face:
# for each key client, write what the client wants to achieve, what that means for us (our task), what we offer
# for it, by when, and who on our side answers for it — a name, not a department. The worksheet below is saved
# on every change under your name, each sitting in a new file (an earlier worksheet is never overwritten); the
# client card shows each client's rows.

# %% [markdown] lang="ru"
# ## 5. Цели и задачи ключевых клиентов
# Ключевой клиент покупает у нас, чтобы достичь своих целей: открыть новые склады, сократить запасы, выиграть
# тендер, пройти аудит. Семинар требует анализа целей и задач, стоящих перед клиентами компании: по каждому
# ключевому клиенту запишите, чего клиент хочет добиться, что это значит для нас (наша задача), что мы ему
# предлагаем, к какому сроку и кто с нашей стороны отвечает — фамилия, а не отдел. Рабочий лист ниже сохраняется
# при каждом изменении под вашим именем, каждый раз в новый файл (прежние листы никогда не перезаписываются);
# строки каждого клиента видны в его карточке.

# %% [markdown] lang="en" tags=["remove"]
# The worksheet is saved to `answers_dir` (by default the project's `answers` folder) under the name in
# `participant`. A worksheet kept in Excel works too: columns `client_id`, `goal`, `task`, `offer`, `due`, `owner`;
# give its path as `goals_file`.

# %% [markdown] lang="ru" tags=["remove"]
# Рабочий лист сохраняется в `answers_dir` (по умолчанию — папка `answers` проекта) под именем из `participant`.
# Можно вести лист и в Excel: столбцы `client_id`, `goal`, `task`, `offer`, `due`, `owner`; путь к файлу укажите в
# параметре `goals_file`.

# %% tags=["widget"]
goals_worksheet(ds.clients, folder=answers_dir or ANSWERS_DIR, key_ids=key_ids, participant=participant,
                lang=lang, initial=None if ws.example else ws.table)

# %% [markdown] lang="en"
# The worksheet as it stands (the latest one saved, a file given in the settings, or the example), key
# accounts first:

# %% [markdown] lang="ru"
# Рабочий лист в его нынешнем виде (последний сохранённый, файл из настроек или пример), ключевые клиенты —
# первыми:

# %%
ws = load_worksheet(goals_file, folder=answers_dir or ANSWERS_DIR, participant=participant or None)
display(HTML(f"<p>{worksheet_note(ws, lang, key_ids=key_ids)}</p>"))
ui.styled(goals_table(ws.table, lang, clients=ds.clients, key_ids=key_ids), lang, max_rows=None).set_caption(
    goals_caption(ws, lang))

# %% [markdown] lang="en"
# And on the client card — the card of a key client of the worksheet (another one than in section 1, when there
# is one): its goals and tasks under its contacts and interactions:

# %% [markdown] lang="ru"
# И в карточке клиента — карточка ключевого клиента из рабочего листа (если есть — не того, что в разделе 1): его
# цели и задачи идут после контактов и взаимодействий:

# %%
goal_ids = goal_clients(ws.table, facts, ds.clients, key_ids)
if goal_ids:
    goal_client = next((c for c in goal_ids if c != example), goal_ids[0])  # not the card of section 1 again
    goal_card = client_card(facts, ds.clients, goal_client, products=ds.products, contacts=ds.contacts,
                            interactions=ds.interactions, stages=stages, goals=ws.table)
    display(HTML(card_html(goal_card, lang)))
else:
    display(Markdown(ui.needs("sa.ws.need", "sa.ws.need.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Which key clients have no goal written at all (the count above): their managers sell to
# them without knowing what they are buying for. Then the rows themselves: a goal that is really our goal ("buy
# more from us"), a task without an offer, an offer without a date or an owner.
#
# **What to do about it.** Give each key account manager a date to fill in the worksheet for his clients after
# a meeting with the client's decision makers; review the rows with the manager before the client's plan for the
# year (section 3) — the offer is where the plan's growth comes from.

# %% [markdown] lang="ru"
# **На что смотреть.** У каких ключевых клиентов не записано ни одной цели (число выше): их менеджеры продают, не
# зная, ради чего клиент покупает. Затем на сами строки: цель, которая на самом деле наша («покупать у нас
# больше»), задача без предложения, предложение без срока или без ответственного.
#
# **Что с этим делать.** Дайте каждому менеджеру по ключевым клиентам срок заполнить рабочий лист по своим
# клиентам после встречи с ЛПР клиента; разбирайте строки с менеджером перед планом по клиенту на год (раздел 3) —
# именно предложение даёт плану рост.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** pick one of your key clients. What are its three main goals this year, and which of them does
# your offer serve today?
#
# <details><summary>Check yourself</summary>
#
# - A goal is the client's, in its words (stock, costs, growth, tenders, audits), not "to buy more from us".
# - Each goal gets our task and a concrete offer (product, service, terms), a date and one owner.
# - A goal nobody knows is a question for the next meeting with the client's decision makers: the worksheet shows
#   where the manager does not know his client yet.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** возьмите одного из своих ключевых клиентов. Каковы три его главные цели в этом году и какой из
# них служит ваше предложение сегодня?
#
# <details><summary>Проверьте себя</summary>
#
# - Цель — клиента и в его словах (запасы, затраты, рост, тендеры, проверки), а не «покупать у нас больше».
# - У каждой цели — наша задача и конкретное предложение (товар, сервис, условия), срок и один ответственный.
# - Цель, которую никто не знает, — вопрос к следующей встрече с ЛПР клиента: рабочий лист показывает, где
#   менеджер ещё не знает своего клиента.
#
# </details>

# %% [markdown] lang="en"
# ## Key figures of block 5

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 5

# %% tags=["key-figures"]
creation_figures(fill=fill, profile=profile, matches=matches, market=market, plan=plan, passport_table=pp,
                 has_clients=has_cards, has_traits=has_traits, has_market=ds.market is not None,
                 has_cost=ds.has("sales", "cost"), lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers are in the solutions
# workbook). Then block 6, «Как управлять клиентской базой» (managing the customer base): segmentation, the plan
# by manager and its control.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в рабочей тетради упражнений (ответы тренера — в тетради решений). Затем
# блок 6 «Как управлять клиентской базой»: сегментирование, план по менеджерам и контроль его выполнения.
