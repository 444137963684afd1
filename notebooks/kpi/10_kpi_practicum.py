# %% [markdown] lang="bg"
# # Тема 10 · Ключови компетентности и цялостна бизнес стратегия с KPI – практикум
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Дървото на ключовите показатели: от стратегическите цели на фирмата през показателите, които ги измерват, по
#   перспективите на балансираната система от показатели (Kaplan & Norton), до отговорниците и целевите стойности.
# - Примерното дърво на „Витоша Лубрикантс“ ЕООД (пример, не планът на фирмата): всеки показател, който данните могат
#   да изчислят, е изчислен; за останалите тетрадката казва какви данни са нужни.
# - Проверката на дървото: всяка цел измерена, всеки показател с отговорник, нито един показател без цел.
# - Каскадата: целите на фирмата, разпределени по екипи, и показателите на всеки екип.
# - Ключовите компетентности на персонала за всеки показател: матрица „компетентност × показател“ от самооценката и
#   оценката на ръководителя.
# - Практикумът: как да попълните дървото на своята фирма и как да прочетете забележките.

# %% [markdown] lang="en"
# # Topic 10 · Key competencies and the whole business strategy with KPIs – practicum
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - The KPI tree: from the company's strategic goals through the KPIs that measure them, by the perspectives of the
#   balanced scorecard (Kaplan & Norton), down to their owners and targets.
# - The example tree of „Витоша Лубрикантс“ ЕООД (an example, not the company's plan): every KPI the data can compute
#   is computed; for the rest the workbook says which data it needs.
# - The checks of the tree: every goal measured, every KPI owned, no KPI without a target.
# - The cascade: the company's targets split among the teams, and each team's KPIs.
# - The key competencies of the staff for each KPI: a competency × KPI matrix from a self-rating and the manager's
#   rating.
# - The practicum: how to fill in your own company's tree and how to read the findings.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза;
#   `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `tree_file` — вашето дърво на показателите: копие на `data/templates/kpi_tree.yaml` или на таблицата
#   `data/templates/kpi_tree.csv` (може и като `.xlsx`), попълнено за вашата фирма; `None` — примерното дърво.
# - `year` — годината на целевите стойности; `None` — годината, записана в дървото.
# - `pro_rata` — как незавършена година се сравнява с годишната цел при сумите (оборот, нови клиенти): `"days"` — по
#   дни, `"seasonal"` — по сезонността на миналите години, `"none"` — с цялата годишна цел.
# - `tolerance` — допустимото отклонение, при което показателят още се брои за изпълнен (0.02 е 2 %).
# - `team` — екипът, чиито показатели се показват в раздела за каскадата; `None` — първият екип от каскадата.
# - `self_answers`, `manager_answers` — попълнените формуляри на въпросника за компетентностите (Excel формулярът
#   `exercises/kpi/bg/forms/kpi_competencies.xlsx` или записан CSV): самооценката на търговеца и оценката на
#   ръководителя му; `None` — примерни оценки, отбелязани като пример.
# - `rating` — коя оценка показва матрицата: `"manager"` (на ръководителя), `"self"`, `"min"` (по-ниската от двете)
#   или `"mean"` (средната).

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot; `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `tree_file` — your KPI tree: a copy of `data/templates/kpi_tree.yaml` or of the table `data/templates/kpi_tree.csv`
#   (also as `.xlsx`) filled in for your company; `None` is the example tree.
# - `year` — the year of the targets; `None` is the year written in the tree.
# - `pro_rata` — how a partial year meets a yearly target for sums (revenue, new clients): `"days"` by days,
#   `"seasonal"` by the past years' seasonality, `"none"` against the whole yearly target.
# - `tolerance` — the shortfall at which a KPI still counts as met (0.02 is 2 %).
# - `team` — the team whose KPIs the cascade section shows; `None` is the first team of the cascade.
# - `self_answers`, `manager_answers` — the filled-in forms of the competency questionnaire (the spreadsheet form
#   `exercises/kpi/en/forms/kpi_competencies.xlsx` or a saved CSV): the salesperson's self-rating and the manager's
#   rating of the same person; `None` shows example ratings, labelled as such.
# - `rating` — which rating the matrix shows: `"manager"` (the manager's), `"self"`, `"min"` (the lower of the two) or
#   `"mean"`.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
tree_file = None  # your KPI tree (a YAML file, or a CSV / Excel table); None means the example tree
year = None  # the year of the targets; None means the year written in the tree
pro_rata = "days"  # a partial year against a yearly target for sums: "days", "seasonal" or "none"
tolerance = 0.0  # the shortfall at which a KPI still counts as met (0.02 is 2 %)
team = None  # the team shown in the cascade section; None means the first team of the cascade
self_answers = None  # the filled-in competency form of the salesperson (self-rating); None means example ratings
manager_answers = None  # the filled-in competency form of the manager about the same person; None means example
rating = "manager"  # the rating the matrix shows: "manager", "self", "min" or "mean"

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.assessment import Answers, example_answers, load_answers, read_questionnaire
from kbcore.analyses.kpi_tree import check_tree, competency_kpi, kpi_values, load_kpi_tree
from kbcore.charts import use_style
from kbcore.charts.kpi_tree import plot_competency_heatmap, plot_self_manager, plot_tree
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views import kpi_tree as ktv
from kbcore.widgets.kpi_tree import tree_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на компанията (или на демонстрационната компания) се четат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите са в евро: продажбите в лева отпреди 1 януари 2026 г. се превръщат по фиксирания курс
# 1,95583 лв. за 1 евро.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts are in
# euro: sales in leva before 1 January 2026 are converted at the fixed rate of 1.95583 leva to the euro.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. От стратегията към хората: дървото на ключовите показатели
# Стратегията става управляема, когато всяка стратегическа цел има показател, който я измерва, целева стойност за
# годината и човек, който отговаря за нея. Балансираната система от показатели (Kaplan & Norton, 1992 и 1996) подрежда
# целите в четири перспективи: **финанси** (какво очакват собствениците), **клиенти** (как ни виждат клиентите),
# **вътрешни процеси** (в какво трябва да сме добри) и **обучение и развитие** (какви хора и умения ни трябват).
# Показателите се свързват помежду си: новите клиенти, задържането и делът в клиента движат оборота — в дървото всеки
# показател посочва показателя, на който влияе.
#
# По-долу е **примерното дърво** на „Витоша Лубрикантс“ ЕООД за 2025 г.: целите, целевите стойности и отговорниците
# са написани от нас, за да покажат формата — не са планът на фирмата. Фактът на всеки показател е изчислен от данните
# със същите функции като в темите 1–9 (оборот и марж — от отчета за печалбата по клиенти, пазарен дял — от тема 1,
# дял в клиента — от тема 5, NPS — от тема 7, участие в програмата за лоялност — от тема 8, дял на търговците,
# изпълнили плана — от тема 9).

# %% [markdown] lang="en"
# ## 1. From strategy to people: the KPI tree
# A strategy becomes manageable when each strategic goal has a KPI that measures it, a target for the year and a
# person who answers for it. The balanced scorecard (Kaplan & Norton, 1992 and 1996) orders the goals in four
# perspectives: **financial** (what the owners expect), **customer** (how the clients see us), **internal processes**
# (what we must be good at) and **learning and growth** (which people and skills we need). The KPIs are linked: new
# clients, retention and the share of wallet drive revenue — in the tree each KPI names the KPI it drives.
#
# Below is the **example tree** of „Витоша Лубрикантс“ ЕООД for 2025: the goals, targets and owners are written by us
# to show the form — they are not the company's plan. Each KPI's actual is computed from the data with the same
# functions as in topics 1–9 (revenue and margin from the client P&L, market share from topic 1, share of wallet from
# topic 5, NPS from topic 7, loyalty-programme participation from topic 8, the share of managers at quota from
# topic 9).

# %%
tree = load_kpi_tree(tree_file)
values = kpi_values(tree, ds, facts, period=year, pro_rata=pro_rata, tolerance=tolerance)
findings = check_tree(tree, values, staff=getattr(ds, "staff", None))
for line in ktv.values_note(tree, values, lang):
    print(line)
ktv.tree_table(tree, values, lang, currency=money).style.hide(axis="index")

# %%
fig, ax = plt.subplots(figsize=(12, 8))
plot_tree(tree, values, lang=lang, ax=ax)
plt.show()

# %% [markdown] lang="bg"
# **На какво да гледаме.** Всяка цел — с поне един показател под нея; всеки показател — с факт, цел, изпълнение и
# статус (✔ изпълнен, ✘ неизпълнен, ○ няма цел, ? нужни са данни). В диаграмата линиите водят от целите към
# показателите и от тях към отговорниците: отговорник, към когото водят много линии, носи много от стратегията.
# При демонстрационната компания през 2025 г. оборотът е под целта (93 %), а новите клиенти изостават най-много
# (61 %); задържането, удовлетвореността и посещенията са над целта — фирмата пази клиентите си, но печели малко нови.
# Показателите от темите 7–9: NPS е близо до нулата (промоутърите са почти колкото критиците), в програмата за
# лоялност участват около 38 % от купувачите, а 80 % от търговците са изпълнили годишния си план — над
# здравословните 60–70 % от тема 9: плановете може да са твърде лесни.
#
# **Какво да направим.** Започнете разговора за стратегията от неизпълнените показатели с най-ниско изпълнение и от
# показателите, на които те влияят: изоставането при новите клиенти тегли надолу и оборота.

# %% [markdown] lang="en"
# **What to look at.** Each goal with at least one KPI under it; each KPI with its actual, target, attainment and
# status (✔ met, ✘ not met, ○ no target, ? needs data). In the diagram the lines lead from the goals to the KPIs and
# on to their owners: an owner many lines lead to carries much of the strategy. At the demo company in 2025 revenue is
# below its target (93 %) and new clients lag most (61 %); retention, satisfaction and visits are above target — the
# company keeps its clients but wins few new ones. The KPIs of topics 7–9: NPS is close to zero (promoters are about
# as many as detractors), about 38 % of the buyers take part in the loyalty programme, and 80 % of the managers met
# their yearly quota — above the healthy 60–70 % of topic 9: the quotas may be too easy.
#
# **What to do about it.** Start the strategy talk from the KPIs not met with the lowest attainment, and from the KPIs
# they drive: the shortfall in new clients pulls revenue down too.

# %% [markdown] lang="bg"
# ## 2. Всеки показател — от данните, или какви данни му трябват
# Тетрадката изчислява всеки показател от дървото, за който има формула и данни. Показател без формула („ръчен“)
# или без нужните данни не се измисля: таблицата и забележките казват какво липсва, за да бъде изчислен. В примерното
# дърво такъв е делът на търговците на нивото на профила на компетентностите: той идва от оценката на компетентностите
# (раздел 5), а не от продажбите — фактът му се вписва в дървото на ръка.

# %% [markdown] lang="en"
# ## 2. Every KPI from the data — or the data it needs
# The workbook computes every KPI of the tree that has a formula and the data for it. A KPI without a formula (a
# "manual" one) or without the data it needs is not made up: the table and the notes say what is missing to compute
# it. In the example tree that is the share of salespeople at the competency profile's level: it comes from the
# competency ratings (section 5), not from the sales — its actual is typed into the tree.

# %%
needs = findings.loc[findings["kind"] == "needs_data"]
for line in ktv.findings_text(tree, needs, lang) if len(needs) else []:
    print(line)

# %% [markdown] lang="bg"
# **Какво да направим.** За всеки показател, който данните не могат да изчислят: или добавете данните (колоната,
# файла), или запишете фактическата стойност в дървото, или заменете показателя с такъв, който се измерва. Показател,
# който никой не измерва, не управлява нищо.

# %% [markdown] lang="en"
# **What to do about it.** For each KPI the data cannot compute: add the data (the column, the file), or type its
# actual into the tree, or replace it with a KPI that is measured. A KPI nobody measures manages nothing.

# %% [markdown] lang="bg"
# ## 3. Проверката на дървото
# Дървото е добро, когато: **всяка цел се измерва** поне с един показател (иначе целта остава пожелание), **всеки
# показател има отговорник** (Parmenter: показател без собственик не се управлява) и **нито един показател няма
# празна цел** (без цел не може нито да бъде изпълнен, нито пропуснат). Проверката търси още показатели, които не
# измерват никоя цел, празни перспективи, цикли и каскади, чиито части не дават целта.
#
# **В примерното дърво умишлено са оставени три пропуска** — това е смисълът на упражнението: целта „Всяка поръчка да
# се доставя изцяло и навреме“ няма показател (данните нямат дати на доставка), NPS няма целева стойност (никой не я
# е заложил), а участието в програмата за лоялност няма отговорник. Проверката трябва да ги намери и трите.

# %% [markdown] lang="en"
# ## 3. The checks of the tree
# A tree is good when **every goal is measured** by at least one KPI (else the goal stays a wish), **every KPI has an
# owner** (Parmenter: a measure nobody owns is not managed) and **no KPI lacks a target** (without one it can be
# neither met nor missed). The checks also look for KPIs that measure no goal, empty perspectives, loops and cascades
# whose parts do not add up to the target.
#
# **The example tree leaves three gaps in on purpose** — that is the point of the exercise: the goal "Deliver every
# order complete and on time" has no KPI (the data has no delivery dates), NPS has no target (nobody set one), and
# loyalty-programme participation has no owner. The checks must find all three.

# %%
ktv.findings_table(tree, findings, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Какво да направим.** Поправете първо забележките „за поправяне“: добавете показател към всяка неизмерена цел
# (тук например „дял на доставките изцяло и навреме“, ръчен, докато няма данни), посочете отговорник и целева
# стойност. Забележките „за обмисляне“ са въпроси: можем ли да намерим данните, балансирано ли е дървото.

# %% [markdown] lang="en"
# **What to do about it.** Fix the findings "to fix" first: add a KPI to each unmeasured goal (here, say, "share of
# orders delivered complete and on time", manual until the data exists), name an owner and a target. The findings
# "to consider" are questions: can we find the data, is the tree balanced.

# %% [markdown] lang="bg"
# ## 4. Каскадата: от целта на фирмата към екипите
# Целта на фирмата се разпределя между екипите (или длъжностите, или търговците): сумата на частите трябва да дава
# целта. Таблицата показва частите; под нея са показателите на един екип — само неговите продажби и клиенти, срещу
# неговата част от целта. Показателите, които не са разпределени, нямат цел на ниво екип (○).

# %% [markdown] lang="en"
# ## 4. The cascade: from the company's target to the teams
# The company's target is split among the teams (or roles, or managers): the parts must add up to the target. The
# table shows the parts; under it are one team's KPIs — its own sales and clients only, against its part of the
# target. The KPIs that are not split have no target at team level (○).

# %%
ktv.cascade_table(tree, lang, currency=money).style.hide(axis="index")

# %%
teams = [s.to for s in tree.cascade if s.by == "team"]
team_name = team or (teams[0] if teams else None)
if team_name is None:
    print(t("kpi_tree.no_cascade", lang))
else:
    team_values = kpi_values(tree, ds, facts, period=year, scope=("team", team_name), pro_rata=pro_rata,
                             tolerance=tolerance)
    for line in ktv.values_note(tree, team_values, lang):
        print(line)
    display(ktv.tree_table(tree, team_values, lang, currency=money).style.hide(axis="index"))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Кой екип изостава от своята част и при кой показател. При демонстрационната компания екип
# „Екип София и Запад“ носи най-голямата част от оборота; сменете екипа в полето „За“ по-долу и сравнете.
#
# **Пробвайте сами.** Изберете година, екип и показател и сменете целевата му стойност: таблицата, забележките и
# диаграмата се преизчисляват веднага.

# %% [markdown] lang="en"
# **What to look at.** Which team lags behind its part, and on which KPI. At the demo company the team "Екип София и
# Запад" carries the largest part of revenue; change the team in the box "For" below and compare.
#
# **Try it yourself.** Choose a year, a team and a KPI and change its target: the table, the findings and the diagram
# are recomputed at once.

# %% tags=["widget"]
tree_explorer(tree, ds, facts, year=year, currency=money, lang=lang)

# %% [markdown] lang="bg"
# ## 5. Ключовите компетентности на персонала за всеки показател
# Показателите се изпълняват от хора: всеки показател в дървото посочва компетентностите, които изисква (новите
# клиенти — инициативност и познаване на пазара, делът в клиента — разбиране на клиента и изграждане на отношения).
# Въпросникът за компетентностите (нашият прочит на модела на Spencer & Spencer, 1993, за търговци — моделът на автора
# на семинара не е публикуван) се попълва два пъти за един човек: **самооценка** и **оценка на ръководителя**.
# Самооценките обикновено са по-високи от оценката на ръководителя и съвпадат с нея само умерено (Harris &
# Schaubroeck, 1988) — затова матрицата по подразбиране показва оценката на ръководителя, а разликата между двете е
# темата на разговора.
#
# Без попълнени формуляри тетрадката показва **примерни оценки** (ничии реални отговори), отбелязани като пример.

# %% [markdown] lang="en"
# ## 5. The key competencies of the staff for each KPI
# KPIs are met by people: each KPI of the tree names the competencies it needs (new clients — initiative and market
# knowledge; share of wallet — understanding the client and building relationships). The competency questionnaire (our
# reading of Spencer & Spencer's 1993 model of salespeople — the seminar author's model is unpublished) is filled in
# twice for one person: a **self-rating** and the **manager's rating**. Self-ratings usually run higher than the
# manager's and agree with them only moderately (Harris & Schaubroeck, 1988) — so the matrix shows the manager's rating
# by default, and the difference between the two is the talk to have.
#
# Without filled-in forms the workbook shows **example ratings** (nobody's real answers), labelled as such.

# %%
q = read_questionnaire("kpi_competencies")
self_rated = load_answers(q, answers_file=self_answers)
manager_rated = (load_answers(q, answers_file=manager_answers) if manager_answers is not None
                 else Answers(example_answers(q, 2), "example", {}))
example_ratings = "example" in (self_rated.source, manager_rated.source)
ck = competency_kpi(tree, q, self_rated.table, manager_rated.table, rating=rating)
if example_ratings:
    print(t("kpi_tree.example_answers_note", lang))
ktv.competency_table(q, ck, tree, lang).style.hide(axis="index")

# %%
fig, ax = plt.subplots(figsize=(10, 6))
plot_self_manager(ck, q, lang=lang, ax=ax)
plt.show()

# %%
fig, ax = plt.subplots(figsize=(12, 6))
plot_competency_heatmap(ck, q, tree, lang=lang, ax=ax)
plt.show()
ktv.weakest_table(q, ck, tree, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Компетентностите под нужното ниво, от които зависят много показатели: там обучението дава
# най-много. Големите разлики между самооценката и оценката на ръководителя: там двамата виждат работата различно.
# За всеки показател — най-слабата от нужните му компетентности.
#
# **Какво да направим.** Свържете плана за развитие на всеки търговец с показателите, за които отговаря: една-две
# компетентности под нивото, с конкретна стъпка за следващото тримесечие, и повторна оценка след три месеца.

# %% [markdown] lang="en"
# **What to look at.** The competencies below the level needed on which many KPIs depend: there training pays most.
# The large differences between the self-rating and the manager's: there the two see the job differently. For each
# KPI — the weakest of the competencies it needs.
#
# **What to do about it.** Tie each salesperson's development plan to the KPIs they own: one or two competencies below
# the level, a concrete step for the next quarter, and a new rating in three months.

# %% [markdown] lang="bg"
# ## 6. Практикум: дървото на вашата фирма
# 1. Запишете 5–8 стратегически цели на фирмата за годината, във всяка от четирите перспективи.
# 2. За всяка цел изберете един-два показателя: от списъка на показателите, които тетрадката изчислява (оборот, марж,
#    нови клиенти, задържане, пазарен дял, дял в клиента, целеви продукти, асортимент, посещения, удовлетвореност,
#    NPS, участие в програмата за лоялност, дял на търговците, изпълнили плана …), или ръчен показател.
# 3. За всеки показател: отговорник, целева стойност за годината и посока (колкото повече, толкова по-добре — или
#    обратното), показателят, на който влияе, и нужните компетентности.
# 4. Разпределете целите на сумите между екипите (каскадата) така, че частите да дават целта.
# 5. Изпълнете тетрадката със своя файл и прочетете забележките: поправете всички „за поправяне“ и изпълнете отново.
#
# Дървото е готово, когато проверката не намира нищо за поправяне и всеки показател има факт — от данните или вписан.

# %% [markdown] lang="en"
# ## 6. Practicum: your own company's tree
# 1. Write down 5–8 strategic goals of the company for the year, in each of the four perspectives.
# 2. For each goal choose one or two KPIs: from the list of KPIs the workbook computes (revenue, margin, new clients,
#    retention, market share, share of wallet, target products, assortment, visits, satisfaction, NPS,
#    loyalty-programme participation, share of managers at quota …), or a manual KPI.
# 3. For each KPI: an owner, a target for the year and a direction (higher is better — or lower), the KPI it drives,
#    and the competencies it needs.
# 4. Split the targets of the sums among the teams (the cascade) so that the parts add up to the target.
# 5. Run the workbook with your file and read the findings: fix everything "to fix" and run again.
#
# The tree is done when the checks find nothing to fix and every KPI has an actual — from the data or typed in.

# %% [markdown] lang="bg" tags=["remove"]
# **Как.** Копирайте `data/templates/kpi_tree.yaml` (или таблицата `data/templates/kpi_tree.csv`, която се отваря в
# Excel) под ново име, попълнете я — коментарите в началото на файла описват всяко поле, а списъкът на формулите е
# там — и задайте пътя до копието като `tree_file` в клетката с параметрите. Запишете `example: false`, за да не се
# отбелязват резултатите като пример. Ако някое поле е грешно, тетрадката спира със съобщение, което назовава файла,
# полето и какво да се поправи.

# %% [markdown] lang="en" tags=["remove"]
# **How.** Copy `data/templates/kpi_tree.yaml` (or the table `data/templates/kpi_tree.csv`, which opens in a
# spreadsheet) under a new name, fill it in — the comments at the top of the file describe every field and list the
# formulas — and give the path of the copy as `tree_file` in the parameters cell. Write `example: false` so that the
# results are not labelled as an example. If a field is wrong, the workbook stops with a message naming the file, the
# field and what to fix.

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 10

# %% [markdown] lang="en"
# ## Key figures of topic 10

# %% tags=["key-figures"]
figures = ktv.kpi_tree_figures(tree, values, findings, lang, ck=ck, q=q)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
