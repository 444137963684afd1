# %% [markdown] lang="bg"
# # Тема 6 · Сегментиране на клиентите
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Петте основни принципа на ефективното сегментиране (измеримост, значимост, достъпност, различимост,
#   приложимост — Котлър) като карта за оценка, приложена с данните към всяко възможно сегментиране.
# - Вътрешни сегменти (нашите собствени класове: ABC, RFM, етап от жизнения цикъл) и външни (пазарните: отрасъл,
#   пазарен сегмент, размер, област).
# - Сегментиранията едно до друго: размер и печалба на всеки сегмент с отчета за печалбата от клиента от тема 1,
#   проверената разлика в поведението (тест на Крускал — Уолис и размер на ефекта ε², а не само средни стойности) и
#   колко стабилна е принадлежността от година на година.
# - Най-важните групи клиенти и как да се управлява всяка от тях.

# %% [markdown] lang="en"
# # Topic 6 · Segmentation of clients
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - The five basic principles of effective segmentation (measurable, substantial, accessible, differentiable,
#   actionable — Kotler) as a scorecard, applied on the data to every candidate way of splitting the clients.
# - Internal segments (our own classes: ABC, RFM, lifecycle stage) and external ones (the market's: industry, market
#   segment, size, territory).
# - The segmentations side by side: size and profit of each segment with the client P&L of topic 1, the tested
#   difference in behaviour (a Kruskal–Wallis test and its effect size ε², not only means) and how stable membership
#   is from year to year.
# - The most important groups of clients and how to manage each of them.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза
#   (печалбата и сегментите се изчисляват за последните месеци до него); `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `template_file` — вашата карта за оценка (YAML със същата форма като `data/templates/kpi_segmentation.yaml`:
#   критериите, праговете и теглата им); `None` — петте принципа на Котлър с нашите прагове.
# - `bars` — по-строги или по-меки прагове на отделни критерии, напр. `{"substantial": 0.05}` (най-малкият сегмент
#   да носи поне 5 % от оборота); `None` — праговете от картата.
# - `months` — за колко месеца назад се изчисляват печалбата от клиента, ABC и третините по оборот (12).
# - `years` — за колко години назад се проверява стабилността на сегментите (3).
# - `focus` — кое сегментиране да се покаже подробно (`"segment"`, `"industry"`, `"size"`, `"region"`, `"abc"`,
#   `"rfm"`, `"stage"`, `"revenue_band"`); `None` — най-доброто според картата.
# - `top` — колко от най-печелившите сегменти получават стратегия (5).

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (profit and segments are computed over the last months up to it); `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `template_file` — your own scorecard (a YAML file of the same form as `data/templates/kpi_segmentation.yaml`: the
#   criteria, their bars and weights); `None`: Kotler's five principles with our bars.
# - `bars` — stricter or looser bars of single criteria, e.g. `{"substantial": 0.05}` (the smallest segment must bring
#   at least 5 % of the revenue); `None`: the scorecard's bars.
# - `months` — how many months back the client profit, ABC and the revenue thirds are computed over (12).
# - `years` — how many years back the stability of the segments is checked (3).
# - `focus` — which segmentation to show in detail (`"segment"`, `"industry"`, `"size"`, `"region"`, `"abc"`,
#   `"rfm"`, `"stage"`, `"revenue_band"`); `None`: the best by the scorecard.
# - `top` — how many of the most profitable segments get a strategy (5).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
template_file = None  # your scorecard (YAML); None means Kotler's five principles with our bars
bars = None  # stricter or looser bars of single criteria, e.g. {"substantial": 0.05}; None keeps the scorecard's
months = 12  # the months of the client profit, ABC and the revenue thirds
years = 3  # how many years back the stability of the segments is checked
focus = None  # the segmentation shown in detail ("segment", "region", "abc" ...); None means the best one
top = 5  # how many of the most profitable segments get a strategy

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.segment_profit import (
    SegmentRules,
    load_segmentation_template,
    review_segmentations,
    segment_behaviour,
    segment_strategies,
    template_with,
)
from kbcore.charts import use_style
from kbcore.charts.segment_profit import (
    plot_behaviour,
    plot_scorecard,
    plot_segments,
    plot_stability,
    plot_strategies,
)
from kbcore.facts import Facts
from kbcore.views import segment_profit as spv
from kbcore.widgets.segment_profit import segmentation_explorer

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
# ## 1. Петте основни принципа на ефективното сегментиране
# Сегментирането си струва само ако с него може да се работи. Котлър (Kotler & Keller, *Marketing Management*, 2016,
# гл. 9) дава пет принципа: сегментите трябва да са **измерими** (знаем в кой сегмент е всеки клиент), **значими**
# (достатъчно големи, за да заслужават отделен подход), **достъпни** (можем да стигнем до клиентите им),
# **различими** (наистина купуват различно) и **приложими** (търговският екип може да работи с тях поотделно).
#
# Котлър назовава принципите, но не казва как да се измерят с данните на компанията. **Как се измерва всеки
# принцип, прагът и теглото му са наш прочит**, а не на Котлър: те са в редактируема карта за оценка (шаблон на
# работната тетрадка), която обучителят може да замени със свои критерии, прагове и тегла. Таблицата показва
# картата, с която работи тетрадката.

# %% [markdown] lang="en"
# ## 1. The five basic principles of effective segmentation
# A segmentation is worth having only if it can be worked with. Kotler (Kotler & Keller, *Marketing Management*, 2016,
# ch. 9) gives five principles: segments must be **measurable** (we know each client's segment), **substantial**
# (large enough to deserve an approach of their own), **accessible** (we can reach their clients), **differentiable**
# (they really buy differently) and **actionable** (the sales team can work them separately).
#
# Kotler names the principles but does not say how to measure them on a company's data. **How each principle is
# measured, its bar and its weight are our reading**, not Kotler's: they are in an editable scorecard (a template of
# the workbook) that the trainer may replace with criteria, bars and weights of their own. The table shows the
# scorecard this workbook uses.

# %%
template = load_segmentation_template(template_file)  # Kotler's five principles, our measures and bars
if bars:
    template = template_with(template, bars)
spv.criteria_table(template, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# Картата се прилага към всяко възможно сегментиране на клиентите, което данните позволяват. Всеки критерий получава
# оценка от 0 до 1 (измереното спрямо прага, най-много 1); общата оценка е претеглената им средна. ✓ — критерият е
# изпълнен, ✗ — не е, „—“ — данните не позволяват да се измери (тогава не се брои срещу сегментирането).

# %% [markdown] lang="en"
# The scorecard is applied to every candidate way of splitting the clients that the data allows. Each criterion gets
# a score from 0 to 1 (the measured value against its bar, at most 1); the total is their weighted mean. ✓ — the
# criterion is met, ✗ — it is not, "—" — the data do not allow measuring it (it then does not count against the
# segmentation).

# %%
review = review_segmentations(facts, ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                              contacts=ds.contacts, template=template, currency=money, years=years,
                              rules=SegmentRules(months=months))  # every candidate, measured and scored
print(spv.review_note(review, lang, currency=money))
print(spv.best_text(review, lang))
ax = plot_scorecard(review, lang=lang)
plt.show()
spv.scorecard_table(review, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Кои сегментирания изпълняват и петте критерия и кое е на първо място (при равна оценка
# по-напред е това, чиито сегменти се различават по-силно в поведението си). Сегментиранията с десетки сегменти
# (отрасъл, област) обикновено падат на значимостта и приложимостта: най-малките им сегменти са твърде малки, за да
# заслужават отделен подход.
#
# **Какво да направим.** Управлявайте с едно–две сегментирания от върха на таблицата, не с всички. Ако във вашата
# компания някой праг е друг (например най-малкият сегмент трябва да носи поне 5 % от оборота), сменете го в картата и
# вижте как се мести класирането.

# %% [markdown] lang="en"
# **What to look at.** Which segmentations meet all five criteria and which comes first (at an equal score the one
# whose segments differ more in behaviour ranks higher). Segmentations with dozens of segments (industry, territory)
# usually fail on substance and actionability: their smallest segments are too small to deserve an approach of their
# own.
#
# **What to do about it.** Manage by one or two segmentations from the top of the table, not by all of them. If a bar
# is different in your company (say, the smallest segment must bring at least 5 % of the revenue), change it in the
# scorecard and see how the ranking moves.

# %% [markdown] lang="bg"
# ## 2. Вътрешни и външни сегменти
# **Външните** сегменти са пазарните: как пазарът сам се дели — отрасъл, пазарен сегмент, размер на клиента, област,
# заявени потребности. Те са записани в картата на клиента (потребностите — в отговорите от проучванията) и не се
# променят от само себе си; потребностите обаче са известни само за клиентите, които са отговорили. **Вътрешните** са
# нашите собствени класове, изчислени от продажбите ни: ABC по оборот, RFM сегментите, етапът от жизнения цикъл,
# третините по оборот. Те казват колко важен е клиентът **за нас** и се менят от година на година. Таблицата показва
# кои сегментирания данните позволяват и какво липсва за останалите.

# %% [markdown] lang="en"
# ## 2. Internal and external segments
# **External** segments are the market's: how the market itself divides — industry, market segment, client size,
# territory, stated needs. They are on the client card (the needs in the survey answers) and do not change by
# themselves; the needs, though, are known only for the clients who answered. **Internal** ones are our own
# classes, computed from our sales: ABC by revenue, the RFM segments, the lifecycle stage, the revenue thirds. They
# say how important a client is **to us** and change from year to year. The table shows which segmentations the data
# allow and what the others would need.

# %%
external = review.candidates.loc[review.candidates["kind"] == "external", "available"]
if not external.any():  # no card field to split by: only our own classes
    display(Markdown(ui.needs("segment_profit.need.clients", "segment_profit.need.clients.how", lang)))
spv.candidates_table(review, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Колко от клиентите имат попълнено всяко поле на картата (колоната „Клиенти със сегмент“):
# сегментиране, при което една десета от клиентите са без сегмент, не е измеримо. Кои външни сегментирания липсват и
# защо.
#
# **Какво да направим.** Външните сегменти казват **как да продаваме** (предложение, канал, аргументи за отрасъла),
# вътрешните — **колко усилия да вложим** (кой клиент колко посещения и какви условия получава). Нужни са и двете;
# попълнете липсващите полета в картите на клиентите, преди да сегментирате по тях.

# %% [markdown] lang="en"
# **What to look at.** How many clients have each card field filled in (the column "Clients classified"): a
# segmentation that leaves a tenth of the clients without a segment is not measurable. Which external segmentations
# are missing, and why.
#
# **What to do about it.** External segments say **how to sell** (the offer, the channel, the industry's arguments),
# internal ones **how much effort to put in** (which client gets how many visits and what terms). Both are needed;
# fill in the missing fields on the client cards before you segment by them.

# %% [markdown] lang="bg"
# ## 3. Сегментиранията едно до друго
# ### 3.1 Размер и печалба на всеки сегмент
# За всеки сегмент: клиенти, оборот, печалба от клиентите след разходите за обслужване (отчетът за печалбата от
# клиента от тема 1) и дял от общата печалба, рентабилност, типичният брой поръчки и типичната поръчка (медиани) и
# ръстът спрямо предходните 12 месеца. Показано е сегментирането, което картата поставя на първо място (или
# избраното в параметрите).

# %% [markdown] lang="en"
# ## 3. The segmentations side by side
# ### 3.1 Size and profit of each segment
# For each segment: clients, revenue, the client profit after the cost to serve (topic 1's client P&L) and its share of
# the total profit, the profit margin, the typical number of orders and the typical order (medians) and the growth on
# the previous 12 months. Shown is the segmentation the scorecard ranks first (or the one chosen in the parameters).

# %%
shown = focus if focus in review.tables else review.best  # the segmentation shown in detail
if shown is None:
    display(Markdown(ui.needs("segment_profit.need.sales", "segment_profit.need.sales.how", lang)))
else:
    print(spv.candidate_label(shown, lang))
    ax = plot_segments(review.tables[shown], shown, currency=money, lang=lang)
    plt.show()
    display(spv.segments_table(review.tables[shown], shown, lang, currency=money).style.hide(axis="index"))
if "sales.cost" in review.missing:
    display(Markdown(ui.needs("segment_profit.need.cost", "segment_profit.need.cost.how", lang)))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Дали делът от печалбата на всеки сегмент следва дела му от оборота: сегмент с голям оборот
# и по-малък дял от печалбата има нисък марж или скъпо обслужване. Сегментите с най-много клиенти не винаги са
# най-печелившите.
#
# **Какво да направим.** Сегментите, които носят печалбата, получават първи вниманието на търговците; при сегментите с
# рентабилност под средната проверете отстъпките и разходите за обслужване (раздел 4).

# %% [markdown] lang="en"
# **What to look at.** Whether each segment's share of profit follows its share of revenue: a segment with a large
# revenue and a smaller share of profit has a thin margin or a costly service. The segments with the most clients are
# not always the most profitable.
#
# **What to do about it.** The segments that bring the profit get the sales reps' attention first; for the segments
# with a profit margin below the average, check the discounts and the cost to serve (section 4).

# %% [markdown] lang="bg"
# ### 3.2 Наистина ли сегментите купуват различно?
# Различни средни стойности не доказват, че сегментите са различни: при много малки групи и разпръснати клиенти
# разликата може да е случайна. Затова за всяко сегментиране и всеки показател на поведението (оборот, брой поръчки
# годишно, средна поръчка, брутен марж) тетрадката прави **теста на Крускал — Уолис** (Kruskal & Wallis, 1952):
# рангов тест, който не изисква нормално разпределение — оборотите на клиентите не са нормални. Значимостта p казва
# дали разликата е извън случайността (p < 0,05), а **размерът на ефекта ε²** — колко е голяма (под 0,01 няма разлика,
# до 0,06 малка, до 0,14 средна, над това голяма —
# границите на Коен за η², приложени към ε², са наш прочит; Tomczak & Tomczak, 2014). Показател, по който
# сегментите са нарязани (ABC по оборот се различава по оборот по определение), не се брои (*).

# %% [markdown] lang="en"
# ### 3.2 Do the segments really buy differently?
# Different means do not prove that the segments differ: with small groups and scattered clients the difference can
# be chance. So for every segmentation and every behaviour measure (revenue, orders a year, average order, gross
# margin) the workbook runs the **Kruskal–Wallis test** (Kruskal & Wallis, 1952): a rank test that needs no normal
# distribution — the clients' revenues are not normal. The significance p says whether the difference is beyond chance
# (p < 0.05), the **effect size ε²** how large it is (below 0.01 none, up to 0.06 small, up to 0.14 medium, above
# that large — Cohen's bounds for η² applied to ε² are our reading; Tomczak & Tomczak, 2014). A measure the
# segments are cut by (ABC by revenue differs in revenue by construction) does not count (*).

# %%
for cand in review.summary["candidate"]:
    print(spv.test_text(review.tests, cand, lang))
spv.tests_table(review.tests, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# Поръчките годишно на клиент — по сегментите на най-доброто сегментиране и по областите (най-големите осем от
# всяко):

# %% [markdown] lang="en"
# Orders a year per client — by the segments of the best segmentation and by territory (the eight largest of each):

# %%
labels = review.labels.set_index("client_id")
for cand in dict.fromkeys(c for c in (shown, "region") if c in review.tables):
    row = review.tests.loc[(review.tests["candidate"] == cand) & (review.tests["measure"] == "orders")]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    plot_behaviour(segment_behaviour(review.pnl, labels[cand]), cand, "orders",
                   test=row.iloc[0] if len(row) else None, currency=money, lang=lang, ax=ax)
    plt.show()

# %% [markdown] lang="bg"
# **На какво да гледаме.** При демонстрационната компания пазарните сегменти се различават ясно по броя поръчки
# годишно (търговците на дребно поръчват най-често, земеделските стопанства — най-рядко), докато областите — не: p е
# далеч над 0,05 и разликите между медианите са случайни. Областта е измерима и удобна за организиране на
# търговците, но **не е сегментиране**: клиентите в София и в Русе купуват по един и същи начин.
#
# **Какво да направим.** Сегментирайте по това, по което клиентите наистина купуват различно; разделянето по области
# оставете за организацията на маршрутите и териториите.

# %% [markdown] lang="en"
# **What to look at.** At the demo company the market segments clearly differ in orders a year (retailers order
# most often, farms least often), whereas the territories do not: p is far above 0.05 and the differences between the
# medians are chance. The territory is measurable and handy for organising the sales reps, but it **is not a
# segmentation**: clients in Sofia and in Ruse buy the same way.
#
# **What to do about it.** Segment by what the clients really buy differently in; keep the split by territory for
# organising routes and territories.

# %% [markdown] lang="bg"
# **Опитайте.** Изберете друго сегментиране и друг показател на поведението: таблицата на сегментите, изречението с
# теста и диаграмата се сменят. (Контролите работят в JupyterLab; в отчета са таблиците по-горе.)

# %% [markdown] lang="en"
# **Try it.** Pick another segmentation and another behaviour measure: the segments' table, the test's sentence and the
# chart change. (The controls work in JupyterLab; a report shows the tables above.)

# %% tags=["widget"]
segmentation_explorer(review, candidate=shown, measure="orders", currency=money, lang=lang)

# %% [markdown] lang="bg"
# ### 3.3 Колко стабилна е принадлежността от година на година?
# Вътрешните класове се изчисляват от продажбите и клиентът може да мине от A в B или от „редовен“ в „намаляващ“. За
# всяка година назад тетрадката сравнява сегмента на всеки клиент с този година по-късно: дялът на клиентите, останали
# в сегмента си, и коригираният индекс на Ранд (Hubert & Arabie, 1985: 1 — същото разделяне, 0 — не повече от
# случайно). Полетата от картата на клиента не пазят история: те са стабилни по определение.

# %% [markdown] lang="en"
# ### 3.3 How stable is membership from year to year?
# Internal classes are computed from the sales, and a client may move from A to B or from "regular" to "declining".
# For each year back the workbook compares each client's segment with the one a year later: the share of clients who
# stayed in their segment and the adjusted Rand index (Hubert & Arabie, 1985: 1 — the same split, 0 — no better than
# chance). The fields of the client card keep no history: they are stable by construction.

# %%
ax = plot_stability(review.stability, lang=lang)
plt.show()
spv.stability_table(review, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Кой клас е най-стабилен и колко клиенти сменят класа си за година. Сегментиране, при което
# половината клиенти сменят сегмента си всяка година, не може да носи дългосрочни решения (отделен търговец, договорни
# условия).
#
# **Какво да направим.** Стабилните сегменти — за организацията (кой обслужва кого, какви условия); бързо менящите се —
# за сигнали (клиентът, който е минал от „редовен“ в „намаляващ“, иска обаждане сега).

# %% [markdown] lang="en"
# **What to look at.** Which class is the most stable and how many clients change their class within a year. A
# segmentation in which half the clients change segment every year cannot carry long-term decisions (a dedicated
# sales rep, contract terms).
#
# **What to do about it.** Stable segments for the organisation (who serves whom, on what terms); fast-changing ones
# for signals (the client who moved from "regular" to "declining" wants a call now).

# %% [markdown] lang="bg"
# ## 4. Най-важните групи и как да се управлява всяка от тях
# Най-печелившите сегменти на показаното сегментиране, всеки с рентабилността си (печалба от клиентите / оборот) и
# ръста си спрямо миналата година. Правилото (наш прочит, по логиката на портфейла на Kotler & Keller, 2016, гл. 9):
# сегмент на загуба — **преструктуриране**; рентабилност над средната за компанията и ръст над нейния —
# **инвестиране и развитие**; над средната, без ръст — **защита**; под средната, с ръст — **подобряване на маржа**;
# под средната, без ръст — **ефективно обслужване**.

# %% [markdown] lang="en"
# ## 4. The most important groups and how to manage each
# The most profitable segments of the segmentation shown, each with its profit margin (client profit / revenue) and
# its growth on last year. The rule (our reading, after the portfolio logic of Kotler & Keller, 2016, ch. 9): a
# segment losing money — **restructure**; a margin above the company's and growth above the company's — **invest and
# grow**; above the margin, not growing — **defend**; below the margin, growing — **improve the margin**; below the
# margin, not growing — **serve efficiently**.

# %%
strategies = segment_strategies(review.tables[shown], top=top) if shown is not None else None
if strategies is not None:
    ax = plot_strategies(strategies, shown, lang=lang)
    plt.show()
    display(spv.strategies_table(strategies, shown, lang, currency=money).style.hide(axis="index"))
if strategies is None or "sales.cost" in strategies.attrs["missing"]:
    display(Markdown(ui.needs("segment_profit.need.cost", "segment_profit.need.cost.how", lang)))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Къде е всеки сегмент спрямо прекъснатите линии (средните за компанията): горе вдясно са
# сегментите за инвестиране, долу вляво — за икономично обслужване. Голям сегмент с рентабилност под средната е
# най-бързият път към повече печалба.
#
# **Какво да направим.** За всеки от тези сегменти — един отговорен ръководител, едно предложение и един показател,
# който се следи всеки месец (ръст за „инвестиране“, задържане за „защита“, марж за „подобряване на маржа“, разход за
# обслужване на клиент за „ефективно обслужване“).

# %% [markdown] lang="en"
# **What to look at.** Where each segment sits against the dashed lines (the company's averages): top right are the
# segments to invest in, bottom left those to serve cheaply. A large segment with a margin below the average is the
# quickest way to more profit.
#
# **What to do about it.** For each of these segments — one responsible manager, one offer and one indicator watched
# every month (growth for "invest", retention for "defend", margin for "improve the margin", cost to serve per client
# for "serve efficiently").

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 6

# %% [markdown] lang="en"
# ## Key figures of topic 6

# %% tags=["key-figures"]
figures = spv.segment_profit_figures(review, lang, currency=money, strategies=strategies)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
