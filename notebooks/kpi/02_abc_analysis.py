# %% [markdown] lang="bg"
# # Тема 2 · ABC анализ – класификация на клиентите по три основни параметъра
# *Обучение „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Клиентите по обема на покупките им от нас: ранг на клиента и реални покупки, класове A, B, C.
# - Клиентите по пазарен потенциал: оценка на възможностите — колко биха могли да купуват.
# - Клиентите по нашия дял в покупките им (дял в клиента), по стойност и по количество.
# - Трите класа заедно („A-A-C“: голям клиент, голям потенциал, малък дял), стратегията за всяка комбинация и
#   списъкът на клиентите в нея — от общото управление на територията към управлението на отделния клиент.

# %% [markdown] lang="en"
# # Topic 2 · ABC analysis — classing the clients by three main measures
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - The clients by the volume of their purchases from us: the client's rank and actual purchases, classes A, B, C.
# - The clients by their potential: an estimate of the opportunities — how much they could buy.
# - The clients by our share of their purchases (share of wallet), in value and in volume.
# - The three classes together ("A-A-C": a large client, a large potential, a small share), the strategy of each
#   combination and the list of its clients — from managing the territory as a whole to managing each client.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с данните на вашата компания; `None` (по подразбиране) е демонстрационната компания
#   „Витоша Лубрикантс“. `mapping` — YAML файл, който съпоставя заглавията на вашите колони със стандартните; `None`
#   чете обичайните заглавия.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — датата на анализа;
#   `None` е последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `measure` — мярката на класовете: `"value"` (стойност, в пари) или `"volume"` (количество, напр. литри; нужни са
#   количество в продажбите, мерна единица на продуктите и потенциал в количество, иначе анализът минава на стойност
#   и казва защо).
# - `months` — прозорецът на нашите продажби: последните 12 месеца до датата на анализа (потенциалът е годишен).
# - `sales_cuts`, `potential_cuts` — границите на ABC по натрупан дял: `(0.80, 0.95)` — A до 80 %, B до 95 %.
# - `share_thresholds` — класовете по дял в клиента: `(0.50, 0.20)` — A от 50 %, B от 20 %, C под 20 %.
# - `combination` — комбинацията, чиито клиенти се показват (`"A-A-C"`). `max_rows` — редове в списъците.
# - `crm_folder` — папката за таблицата с клиентите за CRM (напр. `"crm/"`): темата добавя своите колони в
#   `kpi_clients_for_crm.csv` и `kpi_clients_for_crm.xlsx`; `None` само ги показва.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша
#   Лубрикантс“. `mapping` — a YAML file that maps your column headers onto the standard ones; `None` reads the usual
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the analysis date;
#   `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None` is the currency your data names, else the euro.
# - `measure` — the measure of the classes: `"value"` (money) or `"volume"` (units, e.g. litres; it needs the quantity
#   in the sales lines, the products' unit and the potential in units, else the analysis falls back to value and
#   says why).
# - `months` — the window of our sales: the last 12 months up to the analysis date (the potential is yearly).
# - `sales_cuts`, `potential_cuts` — the ABC bounds of the cumulative share: `(0.80, 0.95)` — A up to 80 %, B up to
#   95 %.
# - `share_thresholds` — the classes of our share: `(0.50, 0.20)` — A from 50 %, B from 20 %, C below 20 %.
# - `combination` — the combination whose clients are listed (`"A-A-C"`). `max_rows` — rows in the lists.
# - `crm_folder` — the folder of the client table for the CRM (e.g. `"crm/"`): the topic adds its columns to
#   `kpi_clients_for_crm.csv` and `kpi_clients_for_crm.xlsx`; `None` only shows them.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means the usual headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the analysis date; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
measure = "value"  # the measure of the classes: "value" (money) or "volume" (units)
months = 12  # the window of our sales: the last 12 months up to the analysis date
sales_cuts = (0.80, 0.95)  # ABC by our sales: A up to 80 %, B up to 95 % of the cumulative share
potential_cuts = (0.80, 0.95)  # ABC by potential: A up to 80 %, B up to 95 % of the cumulative share
share_thresholds = (0.50, 0.20)  # our share of the client's purchases: A from 50 %, B from 20 %
combination = "A-A-C"  # the combination whose clients are listed: large client, large potential, small share
max_rows = 15  # rows in the client lists
crm_folder = None  # folder for the client table of the CRM; None means show the columns, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.abc_three import (
    abc_three,
    class_summary,
    combination_clients,
    combination_summary,
    measure_shift,
)
from kbcore.analyses.kpi_crm import abc_part
from kbcore.app.crm import update_kpi_crm
from kbcore.charts import use_style
from kbcore.charts.abc_three import plot_abc_grid, plot_class_heatmap
from kbcore.facts import Facts
from kbcore.views import abc_three as abv
from kbcore.views.kpi_crm import crm_note, crm_preview
from kbcore.widgets.abc_three import abc_three_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на компанията (или на демонстрационната компания) се четат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите в лева до 31.12.2025 г. са превърнати в евро по фиксирания курс 1,95583 лв. за 1 евро.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts in leva up
# to 31 December 2025 are converted to euro at the fixed rate of 1.95583 leva to the euro.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. По обем на покупките от нас: ранг на клиента и реални покупки
# Колко купува всеки клиент от нас за последните 12 месеца? Клиентите се подреждат от най-големия надолу (рангът),
# а натрупаният дял на продажбите ги разделя на класове: **A** — клиентите, които заедно дават първите 80 % от
# продажбите, **B** — следващите 15 %, **C** — останалите (ABC анализ, H. F. Dickie, 1951). Клиент от картотеката,
# който не е купувал през периода, е в клас C: продажбите му са нула, но потенциалът му може да е голям.

# %% [markdown] lang="en"
# ## 1. By the volume of purchases from us: the client's rank and actual purchases
# How much does each client buy from us over the last 12 months? The clients are ranked from the largest down, and
# the cumulative share of the sales cuts them into classes: **A** — the clients who together make the first 80 % of
# the sales, **B** — the next 15 %, **C** — the rest (ABC analysis, H. F. Dickie, 1951). A client on file who bought
# nothing in the window is in class C: its sales are nil, but its potential may be large.

# %%
classes = abc_three(facts, ds.clients, ds.products, measure=measure, months=months, sales_cuts=sales_cuts,
                    potential_cuts=potential_cuts, share_thresholds=share_thresholds)
summary = combination_summary(classes)
print(abv.measure_note(classes, lang))
by_sales = class_summary(classes, "sales_class")
ui.styled(abv.class_summary_view(by_sales, lang, currency=money), lang)

# %% [markdown] lang="bg"
# Най-големите клиенти по ранг — нашите реални продажби, потенциалът и делът в клиента на всеки:

# %% [markdown] lang="en"
# The largest clients by rank — our actual sales, and each one's potential and our share:

# %%
ui.styled(abv.clients_view(classes.sort_values("sales_rank"), lang, currency=money, max_rows=max_rows), lang)

# %% [markdown] lang="bg"
# **На какво да обърнете внимание.** Колко малко клиенти дават 80 % от продажбите: от тях зависи планът. Но класът
# по продажби казва само какво **е**, не какво **може да бъде**: малък клиент за нас може да е голям купувач на
# категорията, който купува от конкурент.
#
# **Какво да направите.** Не разпределяйте усилията на търговците само по този клас: следващите два раздела добавят
# потенциала и дела в клиента.

# %% [markdown] lang="en"
# **What to look at.** How few clients make 80 % of the sales: the plan depends on them. But the sales class says
# only what **is**, not what **could be**: a client small for us may be a large buyer of the category who buys from a
# competitor.
#
# **What to do about it.** Do not share out the sales reps' effort by this class alone: the next two sections add the
# potential and our share.

# %% [markdown] lang="bg"
# ## 2. По потенциал: оценка на възможностите
# Колко би могъл да купува всеки клиент от нашата категория за година — от нас и от всички свои доставчици? Това е
# пазарният потенциал на клиента (от картата му: оценка на търговеца или от пазарното проучване, тема 1). Същото
# правило ABC по натрупан дял разделя клиентите с известен потенциал на големи (A), средни (B) и малки (C).

# %% [markdown] lang="en"
# ## 2. By potential: an estimate of the opportunities
# How much of our category could each client buy in a year — from us and from all its suppliers? That is the
# client's potential (from its card: the sales rep's estimate, or the market study of topic 1). The same ABC rule by
# cumulative share cuts the clients with a known potential into large (A), medium (B) and small (C).

# %%
potential_known = classes["potential_class"].notna().any()
if potential_known:
    by_potential = class_summary(classes, "potential_class")
    note = abv.class_unknown_note(by_potential, lang, currency=money)
    if note:
        print(note)
    display(ui.styled(abv.class_summary_view(by_potential, lang, currency=money), lang))
else:
    display(Markdown(ui.needs("need.potential", "abc_three.need.potential.how", lang)))

# %% [markdown] lang="bg"
# **На какво да обърнете внимание.** Неизползваният потенциал на всеки клас — потенциалът минус нашите годишни
# продажби: това са парите, които клиентите харчат за категорията при други доставчици. И клиентите без потенциал в
# картата: за тях не знаем колко могат.
#
# **Какво да направите.** Поискайте от търговците оценка на потенциала на всеки клиент без такава, започвайки от
# най-големите по оборот; проверете потенциала на клиентите, които купуват от нас повече, отколкото е записан.

# %% [markdown] lang="en"
# **What to look at.** The untapped potential of each class — the potential minus our yearly sales: the money the
# clients spend on the category with other suppliers. And the clients without a potential on their card: for them we
# do not know what they could buy.
#
# **What to do about it.** Ask the sales reps for an estimate of the potential of every client without one, the
# largest by turnover first; check the potential of the clients who buy more from us than it says.

# %% [markdown] lang="bg"
# ## 3. По нашия дял в покупките на клиента (по количество и по стойност)
# Каква част от всичко, което клиентът купува от категорията, купува от нас? **Дял в клиента** = нашите продажби за
# година / общите покупки на клиента (където ги знаем), иначе / пазарния му потенциал. Класове: **A** — от 50 %
# (ние сме основният доставчик), **B** — от 20 %, **C** — под 20 % (има място за ръст). Прагове — наш прочит,
# параметри на тетрадката.

# %% [markdown] lang="en"
# ## 3. By our share of the client's purchases (in volume and in value)
# What part of all the client buys of the category does it buy from us? **Share of wallet** = our sales a year / the
# client's total purchases (where we know them), else / its potential. Classes: **A** — from 50 % (we are its main
# supplier), **B** — from 20 %, **C** — below 20 % (room to grow). The thresholds are our reading, parameters of the
# workbook.

# %%
for line in abv.missing_notes(classes, lang):
    print(line)
if potential_known:
    by_share = class_summary(classes, "share_class")
    note = abv.class_unknown_note(by_share, lang, currency=money)
    if note:
        print(note)
    display(ui.styled(abv.class_summary_view(by_share, lang, currency=money), lang))
else:
    display(Markdown(ui.needs("need.potential", "abc_three.need.potential.how", lang)))

# %% [markdown] lang="bg"
# По количество и по стойност класовете не са едни и същи: литър масло за металообработка и литър AdBlue в
# насипно състояние имат различна цена, затова клиент може да е голям по литри и среден по оборот, а делът ни при
# него — различен по двете мерки. Колко клиенти сменят класа си по всеки от трите показателя, и класовете по
# продажби по двете мерки (редове — по стойност, колони — по количество):

# %% [markdown] lang="en"
# In volume and in value the classes are not the same: a litre of metalworking fluid and a litre of bulk AdBlue have
# different prices, so a client may be large in litres and medium in turnover, and our share with it may differ by
# the two measures. How many clients change class by each of the three measures, and the sales classes by both
# measures (rows: in value; columns: in volume):

# %%
in_value = classes if classes.attrs["measure_used"] == "value" else abc_three(
    facts, ds.clients, ds.products, measure="value", months=months, sales_cuts=sales_cuts,
    potential_cuts=potential_cuts, share_thresholds=share_thresholds)
in_volume = classes if classes.attrs["measure_used"] == "volume" else abc_three(
    facts, ds.clients, ds.products, measure="volume", months=months, sales_cuts=sales_cuts,
    potential_cuts=potential_cuts, share_thresholds=share_thresholds)
if in_volume.attrs["measure_used"] != "volume":
    print(abv.measure_note(in_volume, lang))  # the data gives no volume: why
else:
    for column in ("sales_class", "potential_class", "share_class"):
        if in_value[column].notna().any():
            print(abv.measure_shift_text(measure_shift(in_value, in_volume, column), lang))
    display(abv.measure_shift_view(measure_shift(in_value, in_volume, "sales_class"), lang))

# %% [markdown] lang="bg"
# **На какво да обърнете внимание.** Клиентите с голям потенциал и дял под 20 %: там е растежът. Клиентите, чийто
# дял е над 100 % — потенциалът им е подценен. И клиентите, които сменят класа си между количество и стойност: за
# тях цената или асортиментът тежат повече от обема. Ако делът по количество е същият като по стойност за всички
# клиенти, общите покупки в литри са изчислени от парите по нашата цена — измерете ги поотделно.
#
# **Какво да направите.** Делът в клиента е ключов, но често се пропуска, защото общите покупки на клиента не са в
# нашата система: питайте клиента (годишна среща, анкета — тема 5), запишете ги в картата му и следете дела всяка
# година.

# %% [markdown] lang="en"
# **What to look at.** The clients with a large potential and a share below 20 %: that is where growth is. The
# clients whose share is above 100 % — their potential is underestimated. And the clients whose class changes between
# volume and value: for them price or assortment weigh more than the volume. If the share in volume equals the share
# in value for every client, the total purchases in litres were worked out from the money at our price — measure
# them separately.
#
# **What to do about it.** Share of wallet is key but often skipped, because the client's total purchases are not in
# our system: ask the client (a yearly meeting, a survey — topic 5), write them on its card and follow the share every
# year.

# %% [markdown] lang="bg"
# ## 4. Трите класа заедно: комбинация и стратегия
# Всеки клиент получава три букви: клас по продажби – по потенциал – по дял в клиента. „A-A-C“ е голям клиент с голям
# потенциал и малък дял: вратата е отворена, обемът е налице — първото място за растеж. Всяка от 27-те комбинации
# води до една от седем стратегии. Таблицата на стратегиите е **наш прочит** (по портфолио матриците на R. Fiocca,
# 1982, и N. Campbell & M. Cunningham, 1983, и „дела в клиента“ на Kotler & Keller): програмата назовава трите
# показателя, не стратегиите; треньорът може да я замени със своята.

# %% [markdown] lang="en"
# ## 4. The three classes together: combination and strategy
# Each client gets three letters: its class by sales – by potential – by our share. "A-A-C" is a large client with a
# large potential and a small share: the door is open, the volume is there — the first place to look for growth. Each
# of the 27 combinations leads to one of seven strategies. The strategy table is **our reading** (after the portfolio
# matrices of R. Fiocca, 1982, and N. Campbell & M. Cunningham, 1983, and the share-of-customer grid of Kotler &
# Keller): the program names the three measures, not the strategies; the trainer may replace it with their own.

# %%
if potential_known:
    ax = plot_abc_grid(summary, lang=lang)
    plt.show()
    display(ui.styled(abv.summary_view(summary, lang, currency=money), lang, max_rows=None))
else:
    display(Markdown(ui.needs("need.potential", "abc_three.need.potential.how", lang)))

# %% [markdown] lang="bg"
# Стратегията на всяка комбинация и какво да се направи:

# %% [markdown] lang="en"
# The strategy of each combination and what to do:

# %%
ui.styled(abv.strategy_rules(lang), lang, max_rows=None)

# %% [markdown] lang="bg"
# ## 5. Клас A по продажби: потенциал × дял в клиента
# Най-големите ни клиенти, разделени по потенциал (редове) и по дял в клиента (колони): колко клиенти има във всяка
# клетка и каква е стратегията за нея. Таблицата под диаграмата дава неизползвания потенциал на всяка клетка.

# %% [markdown] lang="en"
# ## 5. Sales class A: potential × our share
# Our largest clients, split by potential (rows) and by our share (columns): how many clients each cell holds and its
# strategy. The table under the chart gives the untapped potential of each cell.

# %%
if potential_known:
    ax = plot_class_heatmap(summary, "A", lang=lang)
    plt.show()
    display(abv.class_table(summary, "A", lang, value="untapped", currency=money))
else:
    display(Markdown(ui.needs("need.potential", "abc_three.need.potential.how", lang)))

# %% [markdown] lang="bg"
# ## 6. Клиентите на една комбинация
# От комбинацията към отделния клиент: клиентите на „A-A-C“ (голям клиент, голям потенциал, малък дял), с най-голям
# неизползван потенциал отгоре. Това е списъкът за плана на търговците.

# %% [markdown] lang="en"
# ## 6. The clients of one combination
# From the combination to the individual client: the clients of "A-A-C" (a large client, a large potential, a small
# share), the largest untapped potential first. This is the list for the sales reps' plan.

# %%
if potential_known:
    part = combination_clients(classes, combination)
    print(abv.combination_label(combination, lang) + " · " + abv.strategy_label(
        part["strategy"].iloc[0] if len(part) else None, lang))
    display(ui.styled(abv.clients_view(part, lang, currency=money, max_rows=max_rows), lang))
else:
    display(Markdown(ui.needs("need.potential", "abc_three.need.potential.how", lang)))

# %% [markdown] lang="bg"
# **Опитайте.** Сменете мярката (стойност или количество), преместете границите на трите класа и изберете клас по
# продажби и комбинация: кои клиенти сменят класа си? (Контролите работят в JupyterLab; в отчета са таблиците
# по-горе.)

# %% [markdown] lang="en"
# **Try it.** Change the measure (value or volume), move the bounds of the three classes and choose a sales class and
# a combination: which clients change class? (The controls work in JupyterLab; a report shows the tables above.)

# %% tags=["widget"]
abc_three_explorer(facts, ds.clients, ds.products, measure=measure, sales_cuts=sales_cuts,
                   potential_cuts=potential_cuts, share_thresholds=share_thresholds, combination=combination,
                   currency=money, months=months, max_rows=max_rows, lang=lang)

# %% [markdown] lang="bg"
# **На какво да обърнете внимание.** Клиентите на „Ръст на дела в клиента“ (A-A-C, A-A-B): те вече ни познават и
# купуват много от категорията — всеки процент дял при тях е голяма сума. Клиентите на „Развитие“ (C-A-…): малки за
# нас, големи на пазара. Клиентите на „Проверка на потенциала“ (A-C-…): потенциалът им вероятно е записан грешно.
#
# **Какво да направите.** За всеки клиент от „A-A-C“ запишете в плана на търговеца целеви дял, срок и оферта
# (нови продуктови групи, целеви продукти); за „Развитие“ — посещение и пробна доставка; за „Проверка на
# потенциала“ — нова оценка заедно с клиента, преди да изберете стратегия.

# %% [markdown] lang="en"
# **What to look at.** The clients of "Grow our share" (A-A-C, A-A-B): they know us already and buy much of the
# category — every point of share with them is a large sum. The clients of "Develop" (C-A-…): small for us, large in
# the market. The clients of "Check the potential" (A-C-…): their potential is probably written down wrong.
#
# **What to do about it.** For each client of "A-A-C" write into the sales rep's plan a target share, a date and an
# offer (new product classes, target products); for "Develop", a visit and a trial delivery; for "Check the
# potential", a new estimate together with the client before choosing a strategy.

# %% [markdown] lang="bg"
# ## Към CRM системата
# Анализът променя нещо едва когато резултатът му е в системата, която търговците отварят всяка сутрин. Тема 2
# добавя в таблицата с клиентите за CRM комбинацията на класовете по ABC (продажби, потенциал, дял) и стратегията за нея.

# %% [markdown] lang="en"
# ## Into the CRM
# An analysis changes nothing until its result is in the system the sales reps open every morning. Topic 2 adds
# to the client table for the CRM the combination of the ABC classes (sales, potential, share) and its strategy.

# %% [markdown] lang="bg" tags=["remove"]
# Задайте `crm_folder` в клетката с параметрите, за да запишете таблицата (`kpi_clients_for_crm.csv` за съветника за
# импорт и `kpi_clients_for_crm.xlsx` за работа); всяка тема от 1 до 5 добавя своите колони към същата таблица.

# %% [markdown] lang="en" tags=["remove"]
# Set `crm_folder` in the parameters cell to write the table (`kpi_clients_for_crm.csv` for the import wizard and
# `kpi_clients_for_crm.xlsx` to work with); each of topics 1 to 5 adds its columns to the same table.

# %%
crm_part = abc_part(classes)
if crm_folder is not None:
    print(crm_note(update_kpi_crm(crm_part, crm_folder, topic="kpi02", clients=ds.clients, source=data,
                                  lang=lang), lang))
crm_preview(crm_part, "kpi02", ds.clients, lang, currency=money)

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 2

# %% [markdown] lang="en"
# ## Key figures of topic 2

# %% tags=["key-figures"]
figures = abv.abc_three_figures(classes, summary, lang, currency=money)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Нататък:** упражненията на темата са в нейната тетрадка с упражнения (отговорите на треньора — в тетрадката с
# решения). След това тема 3: управление на продажбите по бизнеси, класове, територии и клиенти.

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution
# workbook). Then topic 3: managing sales by business line, class, territory and client.
