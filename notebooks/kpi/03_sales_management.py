# %% [markdown] lang="bg"
# # Тема 3 · Управление на продажбите по бизнеси, класове, територии и клиенти
# *Обучение „Ключови показатели за ефективност“*
#
# **Какво ще видите** — по реда на програмата, от общото към отделния клиент (приоритетно клас А):
# - Компанията спрямо целите за годината: оборот в стойност и в обем, покупки на целеви продукти, пазарен дял, дял
#   в клиента и широчина на асортимента — всяка цел с факта, целта и изпълнението.
# - Бизнес направленията и продуктовите класове спрямо техните цели.
# - Откъде идва изменението на оборота спрямо предходната година: количество, структура (микс) и цена — и кои
#   клиенти обясняват най-голяма част от него.
# - Делът на целевите продукти по години, областите (пазарен дял) и клиентите от клас А спрямо техните цели.
# - Текущата (непълна) година досега, сравнена с целите пропорционално.

# %% [markdown] lang="en"
# # Topic 3 · Managing sales by business line, product class, territory and client
# *Seminar "Key performance indicators"*
#
# **What you will see** — in the program's order, from the whole company down to the single client (class A first):
# - The company against the year's targets: turnover in value and in volume, purchases of target products, market
#   share, share in the client and breadth of assortment — each goal with its actual, its target and the completion.
# - The business lines and product classes against their targets.
# - Where the change of turnover against the year before comes from: volume, mix and price — and which clients
#   explain most of it.
# - The target products' share year by year, the oblasti (market share) and the class A clients against their targets.
# - The current (partial) year to date, compared with the targets pro rata.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната фирма ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата фирма; `None` (по подразбиране) е демонстрационната фирма
#   „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на вашите колони със стандартните;
#   `None` чете обичайните заглавия.
# - `lang` — езикът на текстовете, графиките и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` означава всички данни. `as_of` — датата на
#   анализа; `None` е последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` е валутата, която данните посочват (иначе еврото).
# - `year` — анализираната година, сравнена с целите си и с предходната година; `None` е последната пълна година
#   (2025 за демонстрационната фирма).
# - `pro_rata` — как непълната текуща година се сравнява с годишните цели: `"days"` (по дни, равномерен темп),
#   `"seasonal"` (по темпа на миналата година) или `"none"` (с цялата годишна цел).
# - `top_clients` — колко клиенти показва таблицата на клиентите, които обясняват изменението.
# - `crm_folder` — папката за таблицата с клиентите за CRM (напр. `"crm/"`): темата добавя своите колони в
#   `kpi_clients_for_crm.csv` и `kpi_clients_for_crm.xlsx`; `None` само ги показва.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto the standard ones; `None` reads the usual headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the analysis date;
#   `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None` is the currency your data names (else the euro).
# - `year` — the year analysed, against its targets and against the year before; `None` is the last full year (2025
#   on the demo company).
# - `pro_rata` — how the current partial year meets the yearly targets: `"days"` (by days, an even pace),
#   `"seasonal"` (at last year's pace) or `"none"` (against the whole yearly target).
# - `top_clients` — how many clients the table of the clients who explain the change shows.
# - `crm_folder` — the folder of the client table for the CRM (e.g. `"crm/"`): the topic adds its columns to
#   `kpi_clients_for_crm.csv` and `kpi_clients_for_crm.xlsx`; `None` only shows them.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means the built-in headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the analysis date; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
year = None  # the year analysed against its targets and the year before; None means the last full year
pro_rata = "days"  # a partial year against yearly targets: "days", "seasonal" or "none"
top_clients = 10  # how many clients explain the change
crm_folder = None  # folder for the client table of the CRM; None means show the columns, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.kpi_crm import sales_part
from kbcore.analyses.sales_drilldown import (
    annotate_lines,
    drilldown,
    focus_item,
    goals_by_year,
    period_pair,
    target_bridge,
    target_table,
    top_contributors,
    variance_bridge,
    variance_clients,
)
from kbcore.app.crm import update_kpi_crm
from kbcore.charts import use_style
from kbcore.charts.sales_drilldown import plot_bridge, plot_contributors, plot_targets
from kbcore.facts import Facts
from kbcore.views.kpi_crm import crm_note, crm_preview
from kbcore.views.sales_drilldown import (
    bridge_notes,
    bridge_table,
    client_names,
    contributors_table,
    drilldown_figures,
    drilldown_notes,
    drilldown_table,
    targets_view,
)
from kbcore.widgets.sales_drilldown import drilldown_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на фирмата (или на демонстрационната фирма) се прочитат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите се показват в една валута: продажбите в лева преди 1 януари 2026 г. са превърнати в
# евро по фиксирания курс 1,95583 лв. за 1 евро.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts are shown
# in one currency: sales in leva before 1 January 2026 are converted to euro at the fixed rate of 1.95583 leva to
# the euro.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
lines = annotate_lines(facts, ds.products, ds.clients)  # each sales line with its business line, class and oblast
names = client_names(ds.clients)
analysed = year if year is not None else period_pair(facts, "year")[1][0].year  # default: the last full year
previous = analysed - 1
absent = set(lines.attrs["missing"])
if absent & {"products.business_line", "products.category"}:
    display(Markdown(ui.needs("sales_drilldown.need.products", "sales_drilldown.need.products.how", lang)))
if absent & {"sales.quantity", "products.unit"}:
    display(Markdown(ui.needs("sales_drilldown.need.units", "sales_drilldown.need.products.how", lang)))
if ds.targets is None:
    display(Markdown(ui.needs("sales_drilldown.need.targets", "sales_drilldown.need.targets.how", lang)))

# %% [markdown] lang="bg"
# ## 1. Компанията спрямо целите за годината
# Изпълни ли компанията целите си за анализираната година? За всеки показател от програмата — оборот в стойност и в
# обем, покупки на целеви продукти, пазарен дял, дял в клиента, широчина на асортимента — фактът, целта, отклонението
# и изпълнението (факт / цел). Целите са тези от файла с цели на компанията.

# %% [markdown] lang="en"
# ## 1. The company against the year's targets
# Did the company meet its targets for the year analysed? For each goal of the program — turnover in value and in
# volume, purchases of target products, market share, share in the client, breadth of assortment — the actual, the
# target, the deviation and the completion (actual / target). The targets are those of the company's targets file.

# %%
company = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="company",
                    pro_rata=pro_rata, lines=lines)
for note in drilldown_notes(company, lang):
    display(Markdown(note))
drilldown_table(company, lang, currency=money, names=names).style.hide(axis="index")

# %%
company_targets = target_table(company)  # empty without targets (said above)
targets_view(company_targets, lang, currency=money).style.hide(axis="index") if len(company_targets) else None

# %% [markdown] lang="bg"
# Отклонението от целта за оборота, разложено: колко се дължи на обема (литрите спрямо целта за обем, по цената,
# заложена в целите) и колко на цената (по-скъпо или по-евтино от заложеното).

# %% [markdown] lang="en"
# The deviation from the turnover target, split: how much of it is volume (the litres against the volume target, at
# the price the targets imply) and how much is price (dearer or cheaper than planned).

# %%
against_target = target_bridge(company)
if against_target.attrs["items"]:
    ax = plot_bridge(against_target, item="company", lang=lang, currency=money,
                     against_target=True)
    plt.show()
else:
    display(Markdown(ui.needs("sales_drilldown.need.targets", "sales_drilldown.need.targets.how", lang)))

# %% [markdown] lang="bg"
# **Какво да гледаме.** Изпълнението на целта за оборот в стойност и в обем едно до друго: целта в стойност може да е
# изпълнена, а тази в обем — не. Тогава ръстът идва от цената, а не от повече продадени литри, и пазарът ни се свива.
#
# **Какво да правим.** Не приемайте изпълнения план в стойност за успех, преди да видите обема. Следващите раздели
# показват къде е пропуснат обемът: в кое направление, в кой клас, при кои клиенти.

# %% [markdown] lang="en"
# **What to look at.** The completion of the turnover target in value and in volume side by side: the value target
# can be met while the volume target is missed. Then the growth comes from price, not from more litres sold, and our
# market is shrinking.
#
# **What to do about it.** Do not take a plan met in value for a success before you have seen the volume. The next
# sections show where the volume was missed: in which business line, which class, with which clients.

# %% [markdown] lang="bg"
# ## 2. Бизнес направленията спрямо целите им
# Същите показатели за всяко бизнес направление. Пазарният дял и делът в клиента не се дават за направление: пазарът и
# покупките на клиентите са известни само за цялата категория.

# %% [markdown] lang="en"
# ## 2. The business lines against their targets
# The same goals for each business line. Market share and share in the client are not given for a line: the market
# and the clients' purchases are known for the whole category only.

# %%
by_line = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="business_line",
                    pro_rata=pro_rata, lines=lines)
drilldown_table(by_line, lang, currency=money, names=names).style.hide(axis="index")

# %%
line_targets = target_table(by_line)
targets_view(line_targets, lang, currency=money).style.hide(axis="index") if len(line_targets) else None

# %%
for goal in ("revenue", "quantity"):  # turnover in value, then in volume
    ax = plot_targets(line_targets, kpi=goal, lang=lang, currency=money)
    plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Направлението, което изпълнява целта в стойност по-слабо от останалите и изостава най-много
# в обем. В демонстрационната фирма това е „Индустрия“: оборотът е близо до целта, а литрите са далеч под нея.
#
# **Какво да правим.** Поискайте от ръководителя на направлението обяснение за обема, не само за оборота: кои класове
# и кои клиенти липсват (следващите раздели).

# %% [markdown] lang="en"
# **What to look at.** The line that meets its value target less well than the others and lags most in volume. In
# the demo company that is "Индустрия" (industry): its turnover is close to the target, its litres far below it.
#
# **What to do about it.** Ask the line's head to explain the volume, not only the turnover: which classes and which
# clients are missing (the next sections).

# %% [markdown] lang="bg"
# ## 3. Цена, количество, структура: откъде идва изменението на оборота
# Изменението на оборота спрямо предходната година, разложено на части (анализ „цена – количество – структура“):
# - **количество** — изменението на продадените литри по средната цена от предходната година;
# - **структура (микс)** — изместването между по-евтини и по-скъпи продукти;
# - **цена** — изменението на цената на всеки продукт;
# - новите и отпадналите продукти — отделно.
#
# Частите се събират точно до изменението на оборота. Източник: C. Drury, *Management and Cost Accounting* (2017),
# гл. 18, и Horngren, Datar & Rajan, *Cost Accounting* (2015), гл. 14.

# %% [markdown] lang="en"
# ## 3. Price, volume, mix: where the change of turnover comes from
# The change of turnover against the year before, split into its parts (a price-volume-mix analysis):
# - **volume** — the change of the litres sold at the year before's average price;
# - **mix** — the shift between cheaper and dearer products;
# - **price** — the change of each product's price;
# - new and lost products apart.
#
# The parts add up exactly to the change of turnover. Source: C. Drury, *Management and Cost Accounting* (2017),
# ch. 18, and Horngren, Datar & Rajan, *Cost Accounting* (2015), ch. 14.

# %%
bridge = variance_bridge(facts, level="business_line", period0=previous, period1=analysed, lines=lines)
for note in bridge_notes(bridge, lang):
    display(Markdown(note))
bridge_table(bridge, lang, currency=money).style.hide(axis="index")

# %%
focus = focus_item(bridge)  # the line whose volume fell most (without volume: whose turnover fell most)
fig, axes = plt.subplots(1, 2, figsize=(15, 4.8))
plot_bridge(bridge, lang=lang, ax=axes[0], currency=money)
plot_bridge(bridge, item=focus, lang=lang, ax=axes[1], currency=money)
plt.tight_layout()
plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Направление, чийто оборот расте, докато количеството пада: цената скрива загуба на обем. В
# демонстрационната фирма в „Индустрия“ поскъпването носи повече, отколкото е целият ръст на оборота, а количеството
# (загубените литри) го дърпа надолу.
#
# **Какво да правим.** Поскъпване се повтаря рядко, загубен обем остава загубен. Намерете клиентите, при които е
# загубен обемът (следващият раздел), преди да планирате следващото поскъпване.

# %% [markdown] lang="en"
# **What to look at.** A line whose turnover grows while its volume falls: the price hides a volume loss. In the demo
# company, in "Индустрия" (industry) the price increase brings more than the whole growth of turnover, and the volume
# (the litres lost) pulls it down.
#
# **What to do about it.** A price increase is seldom repeated; a volume lost stays lost. Find the clients with whom
# the volume was lost (the next section) before you plan the next price increase.

# %% [markdown] lang="bg"
# ## 4. Клиентите, които обясняват изменението
# Коя част от изменението идва от кой клиент? Всеки клиент на направлението получава своя дял от количеството,
# структурата и цената; таблицата подрежда клиентите по приноса им към частта на количеството (без количества — към
# цялото изменение), най-големият спад първо. „Натрупан дял“ показва колко от общото изменение обясняват първите
# клиенти — над 100 %, когато малко клиенти губят повече, отколкото останалите печелят.

# %% [markdown] lang="en"
# ## 4. The clients who explain the change
# Which part of the change comes from which client? Each client of the line gets its part of the volume, the mix and
# the price; the table ranks the clients by their contribution to the volume part (without quantities: to the whole
# change), the largest fall first. "Cumulative share" shows how much of the whole part the first clients explain —
# above 100 % when a few clients lose more than the others gain.

# %%
path = {"business_line": focus} if focus is not None else None
contrib = variance_clients(facts, path=path, period0=previous, period1=analysed, lines=lines)
effect = "change" if contrib.attrs["value_only"] else "volume"
top = top_contributors(contrib, effect, n=top_clients)
ax = plot_contributors(top, lang=lang, currency=money, names=names)
plt.show()
contributors_table(top, lang, currency=money, names=names).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Какво да гледаме.** Първите един-два реда. В демонстрационната фирма загубата на обем в „Индустрия“ идва от малко
# клиенти: най-голямата е на леярната „Леярна София 2“ АД (К00464), ключов клиент, който е преместил почти всичките
# си покупки при конкурент.
#
# **Какво да правим.** Загубата на ключов клиент не се вижда в изпълнения план в стойност, вижда се тук. За всеки от
# първите клиенти: разговор на ниво ръководство, причината (цена, качество, обслужване, доставчик), план за
# връщане — и срок.

# %% [markdown] lang="en"
# **What to look at.** The first one or two rows. In the demo company the volume lost in "Индустрия" (industry) comes
# from a few clients: the largest loss is the foundry „Леярна София 2“ АД (К00464), a key account that moved almost
# all its purchases to a competitor.
#
# **What to do about it.** The loss of a key account does not show in a plan met in value; it shows here. For each of
# the first clients: a talk at management level, the reason (price, quality, service, a supplier), a plan to win them
# back — and a date.

# %% [markdown] lang="bg"
# ## 5. Продуктовите класове спрямо целите им
# Едно ниво по-надолу: продуктовите класове на цялата компания с оборота, обема и целевите продукти спрямо целите.

# %% [markdown] lang="en"
# ## 5. The product classes against their targets
# One level down: the product classes of the whole company with turnover, volume and target products against the
# targets.

# %%
by_class = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="category",
                     pro_rata=pro_rata, assortment_by="product_id", lines=lines)  # breadth: products per client
drilldown_table(by_class, lang, currency=money, names=names).style.hide(axis="index")

# %%
ax = plot_targets(target_table(by_class), kpi="quantity", lang=lang, currency=money)
plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Класовете с най-ниско изпълнение в обем и това дали са в направлението, което изостава. В
# демонстрационната фирма хидравличните масла и металообработващите течности (индустриални) са далеч под целта в
# литри.
#
# **Какво да правим.** Целта за направлението се постига в класовете: поставете задачата по класове на продуктовия
# мениджър и на търговците, които продават класа.

# %% [markdown] lang="en"
# **What to look at.** The classes with the lowest completion in volume, and whether they belong to the line that
# lags. In the demo company the hydraulic oils and the metalworking fluids (industrial) are far below their target in
# litres.
#
# **What to do about it.** A line's target is met in its classes: give the task class by class to the product manager
# and to the sales representatives who sell the class.

# %% [markdown] lang="bg"
# ## 6. Целевите продукти: промяна на структурата
# Една от целите на програмата е да растат покупките на целевите продукти. Делът им в оборота година по година показва
# дали структурата на продажбите се променя в желаната посока. Последната година може да е непълна (до датата на
# анализа): делът се сравнява, сумите — не.

# %% [markdown] lang="en"
# ## 6. Target products: a change of mix
# One goal of the program is to grow the purchases of target products. Their share of turnover year by year shows
# whether the mix of sales moves the way the company wants. The last year may be partial (up to the analysis date):
# compare the share, not the amounts.

# %%
by_year = goals_by_year(facts, ds.products, ds.clients, ds.market, ds.targets, pro_rata=pro_rata, lines=lines)
if "products.is_target" in by_year.attrs["missing"]:
    display(Markdown(ui.needs("sales_drilldown.need.is_target", "sales_drilldown.need.products.how", lang)))
drilldown_table(by_year, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Какво да гледаме.** Колоната „Дял на целевите продукти“: в демонстрационната фирма той расте всяка година (от около
# една седма до близо една трета), включително с новата линия VitoLub Synth Pro от 2023 г. Тази промяна на структурата
# е част от „структурата (микс)“ в раздел 3.
#
# **Какво да правим.** Дръжте целта за целевите продукти отделно от целта за оборот: така търговецът няма полза да
# продава само по-лесното. Следете дела при всеки клиент от клас А.

# %% [markdown] lang="en"
# **What to look at.** The column "Target products, share": in the demo company it rises every year (from about a
# seventh to almost a third), with the new VitoLub Synth Pro line from 2023 among them. This change of mix is part of
# the "mix" of section 3.
#
# **What to do about it.** Keep the target-products target apart from the turnover target, so that a sales
# representative gains nothing by selling only what is easy. Follow the share with every class A client.

# %% [markdown] lang="bg"
# ## 7. Областите: пазарен дял спрямо целта
# Оборотът във всяка област спрямо пазарния ѝ потенциал (броят фирми × годишните покупки на една фирма от таблицата на
# пазара): нашият пазарен дял там, и спрямо целта за пазарен дял, където има такава.

# %% [markdown] lang="en"
# ## 7. The oblasti: market share against the target
# The turnover in each oblast against its market potential (the number of companies × the yearly purchases of one
# company, from the market table): our market share there, and against the market-share target where there is one.

# %%
by_region = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="region",
                      pro_rata=pro_rata, lines=lines)
if "clients.region" in by_region.attrs["missing"]:
    display(Markdown(ui.needs("sales_drilldown.need.region", "sales_drilldown.need.region.how", lang)))
if "market" in by_region.attrs["missing"]:
    display(Markdown(ui.needs("sales_drilldown.need.market", "sales_drilldown.need.market.how", lang)))
drilldown_table(by_region, lang, currency=money, names=names, max_rows=28).style.hide(axis="index")

# %%
ax = plot_targets(target_table(by_region), kpi="market_share", lang=lang, currency=money, max_items=28)
plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Големите области с малък дял — „белите петна“. В демонстрационната фирма Варна и Бургас са
# сред най-големите пазари, а нашият дял там е под 1 %, докато в София и Пловдив е около 10 %.
#
# **Какво да правим.** Разпределете целта за растеж по области според потенциала, а не според миналите продажби:
# белите петна искат търговец, дистрибутор или ключов клиент там (тема 1 — пазарен потенциал).

# %% [markdown] lang="en"
# **What to look at.** The large oblasti with a small share — the "white spots". In the demo company Varna and Burgas
# are among the largest markets and our share there is below 1 %, while in Sofia and Plovdiv it is about 10 %.
#
# **What to do about it.** Split the growth target between the oblasti by their potential, not by past sales: the
# white spots need a sales representative, a distributor or a key account there (topic 1, market potential).

# %% [markdown] lang="bg"
# ## 8. Клиентите, клас А първо
# Клиентите на годината, подредени по ABC клас на оборота (клас А — клиентите, които правят първите 80 % от оборота),
# с дела в клиента (нашият оборот спрямо общите му покупки на категорията, където са известни) и широчината на
# асортимента. След това — целите на ключовите клиенти спрямо факта.

# %% [markdown] lang="en"
# ## 8. The clients, class A first
# The year's clients in the ABC class of their turnover (class A: the clients who make the first 80 % of the
# turnover), with the share in the client (our turnover against its total purchases of the category, where known) and
# the breadth of assortment. Then the key accounts' targets against the actuals.

# %%
by_client = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="client_id",
                      pro_rata=pro_rata, lines=lines)
if "clients.wallet" in by_client.attrs["missing"]:
    display(Markdown(ui.needs("sales_drilldown.need.wallet", "sales_drilldown.need.wallet.how", lang)))
drilldown_table(by_client, lang, currency=money, names=names, max_rows=20).style.hide(axis="index")

# %%
client_targets = target_table(by_client)
ax = plot_targets(client_targets, kpi="share_of_wallet", lang=lang, currency=money, names=names)
plt.show()
targets_view(client_targets, lang, currency=money, names=names).style.hide(axis="index") if len(client_targets) else None

# %% [markdown] lang="bg"
# **Какво да гледаме.** Клиентите от клас А с малък дял в клиента или тесен асортимент: при тях е най-лесният ръст —
# клиентът вече купува категорията, но от друг. Ключовите клиенти, които не изпълняват целта за дял. Дял над 100 %
# значи, че клиентът е купил от нас повече от записаните в картона му покупки или потенциал: оценката в картона е
# занижена и трябва да се обнови.
#
# **Какво да правим.** За всеки клиент от клас А: целта за оборот, за дял в клиента и за брой продуктови класове,
# записани в плана на търговеца, и преглед всеки месец.

# %% [markdown] lang="en"
# **What to look at.** The class A clients with a small share in the client or a narrow assortment: the easiest
# growth is there — the client already buys the category, but from someone else. The key accounts that miss their
# share target. A share above 100 % means the client bought more from us than the purchases or potential recorded on
# its card: the card's estimate is too low and must be updated.
#
# **What to do about it.** For every class A client: the target for turnover, for the share in the client and for the
# number of product classes, written into the sales representative's plan, and a review every month.

# %% [markdown] lang="bg"
# ## 9. Текущата година досега
# Текущата година още не е приключила. Фактът от 1 януари до датата на анализа се сравнява с годишните цели
# пропорционално: по подразбиране целта за оборот, обем и целеви продукти се взема с дела на изминалите дни от
# годината (към 30 юни: 181 от 365 дни, т.е. 49,6 % от годишната цел), дяловете се изчисляват спрямо същата част от годишния пазар.
# Правилото е параметър: по темпа на миналата година или спрямо цялата годишна цел. Изречението над таблицата казва
# кое правило е използвано.

# %% [markdown] lang="en"
# ## 9. The current year to date
# The current year is not over. The actuals from 1 January to the analysis date are compared with the yearly targets
# pro rata: by default the targets for turnover, volume and target products are taken at the share of the year's days
# gone (on 30 June: 181 of 365 days, i.e. 49.6 % of the yearly target), and shares are computed on the same part of the yearly market.
# The rule is a parameter: at last year's pace, or against the whole yearly target. The sentence above the table says
# which rule was used.

# %%
current = facts.as_of.year
if current != analysed:
    this_year = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=current,
                          level="business_line", pro_rata=pro_rata, lines=lines)
    for note in drilldown_notes(this_year, lang):
        display(Markdown(note))
    display(targets_view(target_table(this_year), lang, currency=money).style.hide(axis="index"))
    ytd = variance_bridge(facts, level="company", period0=period_pair(facts, "ytd")[0],
                          period1=period_pair(facts, "ytd")[1], lines=lines)
    for note in bridge_notes(ytd, lang):
        display(Markdown(note))
    ax = plot_bridge(ytd, lang=lang, currency=money)
    plt.show()

# %% [markdown] lang="bg"
# **Какво да гледаме.** Изпълнението досега спрямо пропорционалната цел: под 100 % по средата на годината при
# равномерен темп значи, че годишната цел е застрашена — освен ако продажбите обикновено растат през втората половина
# (тогава изберете правилото по темпа на миналата година).
#
# **Какво да правим.** Коригирайте плана по направления и клиенти сега, не през декември: кои клиенти и кои
# направления трябва да наваксат и с какво.

# %% [markdown] lang="en"
# **What to look at.** The completion to date against the pro-rata target: below 100 % at mid-year at an even pace
# means the yearly target is at risk — unless sales usually grow in the second half (then choose the rule of last
# year's pace).
#
# **What to do about it.** Adjust the plan by line and by client now, not in December: which clients and which lines
# must catch up, and with what.

# %% [markdown] lang="bg"
# **Опитайте.** Изберете нивото (направление, клас, област, клиент), ограничете го до едно направление, клас или
# област и сравнете: от началото на годината, последната пълна година или факт спрямо цел. Графиките и клиентите,
# които обясняват изменението, се преизчисляват. (Контролите работят в JupyterLab; в отчета са показани изгледите
# по-горе.)

# %% [markdown] lang="en"
# **Try it.** Choose the level (line, class, oblast, client), narrow it to one line, class or oblast, and compare:
# year to date, the last full year, or actual against target. The charts and the clients who explain the change are
# recomputed. (The controls work in JupyterLab; a report shows the views above.)

# %% tags=["widget"]
drilldown_explorer(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, pair="year",
                   pro_rata=pro_rata, top=top_clients, lang=lang, currency=money)

# %% [markdown] lang="bg"
# ## Към CRM системата
# Анализът променя нещо едва когато резултатът му е в системата, която търговците отварят всяка сутрин. Тема 3
# добавя в таблицата с клиентите за CRM изпълнението на целта за оборот на клиента за годината, промяната на оборота спрямо предходната година и каква
# част от нея идва от обема и от цената. Първи са клиентите с най-голям спад.

# %% [markdown] lang="en"
# ## Into the CRM
# An analysis changes nothing until its result is in the system the sales reps open every morning. Topic 3 adds
# to the client table for the CRM the client's turnover against its target for the year, the change in turnover on the year before and how much of
# it comes from volume and from price. The clients whose turnover fell most come first.

# %% [markdown] lang="bg" tags=["remove"]
# Задайте `crm_folder` в клетката с параметрите, за да запишете таблицата (`kpi_clients_for_crm.csv` за съветника за
# импорт и `kpi_clients_for_crm.xlsx` за работа); всяка тема от 1 до 5 добавя своите колони към същата таблица.

# %% [markdown] lang="en" tags=["remove"]
# Set `crm_folder` in the parameters cell to write the table (`kpi_clients_for_crm.csv` for the import wizard and
# `kpi_clients_for_crm.xlsx` to work with); each of topics 1 to 5 adds its columns to the same table.

# %%
every_client = variance_clients(facts, period0=previous, period1=analysed, lines=lines)  # the whole company
crm_part = sales_part(by_client, every_client)
if crm_folder is not None:
    print(crm_note(update_kpi_crm(crm_part, crm_folder, topic="kpi03", clients=ds.clients, source=data,
                                  lang=lang), lang))
crm_preview(crm_part, "kpi03", ds.clients, lang, currency=money)

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 3

# %% [markdown] lang="en"
# ## Key figures of topic 3

# %% tags=["key-figures"]
company_bridge = variance_bridge(facts, level="company", period0=previous, period1=analysed, lines=lines)
drilldown_figures(company, company_bridge, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Нататък:** упражненията на темата са в нейната тетрадка с упражнения (отговорите за водещия — в тетрадката с
# решенията). След това тема 4: стойността на клиента за жизнения му цикъл.

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
# Then topic 4: customer lifetime value.
