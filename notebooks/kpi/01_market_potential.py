# %% [markdown] lang="bg"
# # Тема 1 · Пазарен потенциал
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Колко е голям пазарът: пазарният потенциал, изчислен по три метода за един и същи пазар — метода на
#   натрупването (фирми × годишни покупки на една фирма, плюс сумата от потенциалите на нашите клиенти), метода на
#   веригата от коефициенти и индексния метод (индекс на покупателната способност).
# - Потенциалът на всяка област срещу нашите продажби: пазарен дял по области и „бели петна“ — области с голям
#   потенциал, в които нашият дял е малък.
# - Разликата до целевия пазарен дял: колко оборот още може да спечелим във всяка област.
# - От областта до отделния клиент: потенциалът на всеки клиент срещу нашите продажби и неусвоеният потенциал.

# %% [markdown] lang="en"
# # Topic 1 · Market potential
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - How large the market is: the market potential estimated three ways for the same market — the build-up method
#   (companies × what one company buys a year, beside the sum of our clients' own potentials), the chain-ratio
#   method and the index method (the buying power index).
# - Each territory's potential against our sales: our market share per territory and the "white spots" —
#   territories of high potential where our share is small.
# - The gap to the target market share: how much revenue is still to win in each territory.
# - From the territory down to the individual client: each client's potential against our sales, and what is
#   still untapped.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната фирма ги оставете
# както са.
# - `data` — папката или файлът с данните на вашата фирма; `None` (по подразбиране) е демонстрационната фирма
#   „Витоша Лубрикантс“. `mapping` — YAML файл, който съпоставя заглавията на вашите колони със стандартните; `None`
#   чете обичайните заглавия.
# - `lang` — езикът на текстовете, графиките и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза
#   (нашите продажби са последните 12 месеца до него); `None` е последният ден с продажби.
# - `currency` — ISO кодът на вашите суми; `None` — валутата, която посочват данните, иначе евро.
# - `months` — прозорецът на нашите продажби в месеци (преизчислен за година).
# - `chain_file` — вашият шаблон на веригата от коефициенти (копие на `data/templates/kpi_chain_ratio.yaml` с вашите
#   числа и източници); `None` е илюстративният пример.
# - `index_weights` — теглата на индекса по области: `income` (доходи), `retail_sales` (оборот на дребно),
#   `population` (население), `businesses` (брой фирми); по подразбиране индексът на покупателната способност
#   0.5 / 0.3 / 0.2.
# - `method` — потенциалът, срещу който се мерят продажбите ни: `"build_up"`, `"bottom_up"`, `"chain_ratio"` или
#   `"index"`.
# - `target_share` — целевият пазарен дял: `None` взема целите по области от таблицата с целите (ако няма — нашия
#   дял от целия пазар); число (напр. `0.08`) е една цел за всички области.
# - `potential_quantile`, `share_factor` — правилото за бяло петно: потенциал в горната четвърт на областите (0.75) и
#   дял под половината (0.5) от нашия дял от целия пазар.
# - `territory` — областта, в която слизаме до клиентите; `None` е най-голямото бяло петно.
# - `top` — редовете в дългите таблици.
# - `crm_folder` — папката за таблицата с клиентите за CRM (напр. `"crm/"`): темата добавя своите колони в
#   `kpi_clients_for_crm.csv` и `kpi_clients_for_crm.xlsx`; `None` само ги показва.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша
#   Лубрикантс“. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (our sales are the last 12 months to it); `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None` is the currency your data names, else the euro.
# - `months` — the window of our sales in months (annualised).
# - `chain_file` — your chain-ratio template (a copy of `data/templates/kpi_chain_ratio.yaml` with your numbers and
#   sources); `None` is the illustrative example.
# - `index_weights` — the weights of the territories' index: `income`, `retail_sales`, `population`, `businesses`;
#   the default is the buying power index 0.5 / 0.3 / 0.2.
# - `method` — the potential our sales are set against: `"build_up"`, `"bottom_up"`, `"chain_ratio"` or `"index"`.
# - `target_share` — the target market share: `None` takes the targets per territory from the targets table (without
#   them, our share of the whole market); a number (e.g. `0.08`) is one target for every territory.
# - `potential_quantile`, `share_factor` — the white-spot rule: potential in the top quarter of the territories
#   (0.75) and a share below half (0.5) of our share of the whole market.
# - `territory` — the territory to go down to the clients in; `None` is the largest white spot.
# - `top` — rows in the long tables.
# - `crm_folder` — the folder of the client table for the CRM (e.g. `"crm/"`): the topic adds its columns to
#   `kpi_clients_for_crm.csv` and `kpi_clients_for_crm.xlsx`; `None` only shows them.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means the usual headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (our sales: the last months to it); None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
months = 12  # our sales over the last 12 months, a year's worth
chain_file = None  # your chain-ratio template (YAML); None means data/templates/kpi_chain_ratio.yaml (an example)
index_weights = {"income": 0.5, "retail_sales": 0.3, "population": 0.2}  # the buying power index
method = "build_up"  # the potential set against our sales: build_up, bottom_up, chain_ratio or index
target_share = None  # None: the targets table per territory, else our national share; a number is one target
potential_quantile = 0.75  # white spot: a potential in the top quarter of the territories ...
share_factor = 0.5  # ... and our share below half of our share of the whole market
territory = None  # the territory to go down to the clients in; None means the largest white spot
top = 15  # rows in the long tables
crm_folder = None  # folder for the client table of the CRM; None means show the columns, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.kpi_crm import market_part
from kbcore.analyses.market_potential import (
    WhiteSpotRule,
    build_up,
    chain_by_territory,
    chain_ratio,
    client_potentials,
    compare_methods,
    focus_territory,
    load_chain_template,
    market_index,
    market_share_targets,
    our_sales,
    territory_shares,
)
from kbcore.app.crm import update_kpi_crm
from kbcore.charts import use_style
from kbcore.charts.market_potential import (
    plot_client_potential,
    plot_methods,
    plot_territory_shares,
)
from kbcore.facts import Facts
from kbcore.views import market_potential as mpv
from kbcore.views.kpi_crm import crm_note, crm_preview
from kbcore.widgets.market_potential import market_potential_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на фирмата (или на демонстрационната фирма) се прочитат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу показва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите в лева до 31.12.2025 г. се превръщат в евро по неотменимо фиксирания курс 1,95583.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts in leva
# up to 31 December 2025 are converted to euro at the irrevocably fixed rate of 1.95583.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. Колко е голям пазарът? Три метода за един и същи пазар
# **Пазарният потенциал** е това, което всички купувачи на пазара биха могли да купят от нашата категория за година
# (Kotler & Keller, *Marketing Management*, 2016, гл. 4). Той не се наблюдава — оценява се, и затова го оценяваме
# по няколко начина и сравняваме резултатите.
#
# ### 1.1 Метод на натрупването (за B2B)
# От таблицата на пазара: за всяка клетка сегмент × област — броят на фирмите по годишните покупки на една фирма,
# в пари и в количество. До него — сумата от потенциалите, записани в картоните на нашите клиенти („отдолу
# нагоре“): каква част от пазара вече познаваме по име.

# %% [markdown] lang="en"
# ## 1. How large is the market? Three methods for the same market
# The **market potential** is what all the buyers of a market could buy of our category in a year (Kotler & Keller,
# *Marketing Management*, 2016, ch. 4). Nobody observes it — it is estimated, which is why we estimate it several
# ways and compare the results.
#
# ### 1.1 The build-up method (for B2B)
# From the market table: for each segment × territory cell, the number of companies times what one company buys a
# year, in money and in units. Beside it, the sum of the potentials written in our clients' cards ("bottom-up"): how
# much of the market we already know by name.

# %%
sales = our_sales(facts, ds.clients, ds.products, months=months)  # our sales per client, a year's worth
build = build_up(ds.market, ds.clients)
display(Markdown(mpv.build_up_note(build, lang, currency=money)))
if len(build):
    display(mpv.build_up_table(build, lang, currency=money, unit=sales.attrs["unit"]).style.hide(axis="index"))

# %% [markdown] lang="bg"
# ### 1.2 Метод на веригата от коефициенти
# Базово число, умножено по верига от дялове и коефициенти, всеки със своя източник (Kotler & Keller, 2016): например
# регистрирани автомобили × дял в движение × дял, обслужван в автосервиз × смени на година × литри на смяна × цена
# на литър. Шаблонът по подразбиране е **илюстративен пример** (моторното масло на автосервизите в България), а не
# пазарно проучване: заменете всяко число със свое и посочете източника му. Той оценява само един сегмент — затова
# резултатът му е по-малък от целия пазар.

# %% [markdown] lang="en"
# ### 1.2 The chain-ratio method
# A base number times a chain of shares and ratios, each with its source (Kotler & Keller, 2016): e.g. registered
# cars × share on the road × share serviced in a workshop × oil changes a year × litres per change × price per
# litre. The default template is an **illustrative example** (motor oil bought by car-service workshops in Bulgaria),
# not a market study: replace each number with your own and name its source. It estimates one segment only, so its
# result is smaller than the whole market.

# %%
chain = chain_ratio(load_chain_template(chain_file))
display(Markdown(mpv.chain_note(chain, lang)))
mpv.chain_table(chain, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# ### 1.3 Индексен метод
# Претеглен индекс от няколко фактора за всяка област — като **индекса на покупателната способност** (Buying Power
# Index): 0,5 × дял от доходите + 0,3 × дял от оборота на дребно + 0,2 × дял от населението. Индексът е делът на
# областта в потенциала на страната; за B2B пазар често по-добре подхожда тегло върху броя на фирмите. Теглата са
# параметър.

# %% [markdown] lang="en"
# ### 1.3 The index method
# A weighted index of several factors per territory — like the **buying power index**: 0.5 × income share + 0.3 ×
# retail-sales share + 0.2 × population share. The index is the territory's share of the national potential; for a
# B2B market a weight on the number of businesses often fits better. The weights are a parameter.

# %%
index = market_index(ds.territories, weights=index_weights)
display(Markdown(mpv.index_note(index, lang)))
if len(index):
    display(mpv.index_table(index, lang, currency=money, top=top).style.hide(axis="index"))

# %% [markdown] lang="bg"
# ### 1.4 Трите метода един до друг
# Потенциалът на всяка област по всеки метод: веригата се разпределя по областите според населението, индексът
# разпределя общата сума за страната по метода на натрупването.

# %% [markdown] lang="en"
# ### 1.4 The three methods side by side
# Each territory's potential by each method: the chain is shared out over the territories by population, the index
# shares out the national total of the build-up.

# %%
comparison = compare_methods(build, chain_by_territory(chain, ds.territories), index)
display(Markdown(mpv.methods_note(comparison, lang, currency=money)))
if len(comparison):
    plot_methods(comparison, top=10, lang=lang, currency=money)
    plt.show()
    display(mpv.methods_table(comparison, lang, currency=money, top=top).style.hide(axis="index"))

# %% [markdown] lang="bg"
# **На какво да гледате.** Колко се разминават методите за целия пазар и за всяка област. Методът на натрупването и
# индексът обикновено са близо за големите области; сумата от потенциалите на клиентите е по-малка — тя покрива
# само клиентите, които познаваме; веригата оценява само един сегмент. Голяма разлика в една област означава, че
# данните за нея трябва да се проверят.
#
# **Какво да направите.** Изберете метода, на който ще вярвате при планирането (за B2B — натрупването по таблицата
# на пазара), и запишете източника на всяко число. Областите, в които картоните на клиентите покриват малка част от
# пазара, са първото място за търсене на нови клиенти.

# %% [markdown] lang="en"
# **What to look at.** How far apart the methods are, for the whole market and for each territory. The build-up and
# the index are usually close for the large territories; the sum of client potentials is smaller — it covers only
# the clients we know; the chain estimates one segment only. A wide spread in a territory means its data need a
# second look.
#
# **What to do about it.** Choose the method you will trust when planning (for B2B: the build-up from the market
# table) and write down the source of every number. The territories where our client cards cover a small part of the
# market are the first place to look for new clients.

# %% [markdown] lang="bg"
# ## 2. Потенциалът на областите срещу нашите продажби: пазарен дял и бели петна
# Нашите продажби за последните 12 месеца по областите на клиентите, разделени на потенциала на областта: това е
# нашият **пазарен дял** в областта. **Бяло петно** (наше прочитане) е област с голям потенциал (в горната четвърт
# на областите), в която делът ни е под половината от дела ни в целия пазар.

# %% [markdown] lang="en"
# ## 2. The territories' potential against our sales: market share and white spots
# Our sales of the last 12 months by the clients' territories, divided by the territory's potential: our **market
# share** in the territory. A **white spot** (our reading) is a territory of high potential (in the top quarter of
# the territories) where our share is below half of our share of the whole market.

# %%
set_targets = market_share_targets(ds.targets)  # the target market share per territory, if the targets table has it
goal = target_share if target_share is not None else (set_targets if len(set_targets) else None)
rule = WhiteSpotRule(potential_quantile=potential_quantile, share_factor=share_factor)
shares = territory_shares(comparison, sales, method=method, target_share=goal, rule=rule)
note = mpv.shares_note(shares, lang, currency=money)  # empty without a potential per territory (said above)
if note:
    display(Markdown(note))
if len(shares):
    plot_territory_shares(shares, lang=lang, currency=money)
    plt.show()

# %% [markdown] lang="bg"
# **На какво да гледате.** Оранжевите точки вдясно долу: голям пазар, малък дял. Сравнете ги с областите, в които
# сме силни — там делът ни е над средния, а потенциалът вече е добре обработен.
#
# **Какво да направите.** За всяко бяло петно проверете защо делът е малък: няма търговски представител, няма
# дистрибутор, силен местен конкурент, или просто никой не е започнал. Бялото петно е решение за инвестиция —
# търговец, склад, партньор — а не само цифра.

# %% [markdown] lang="en"
# **What to look at.** The orange dots at the bottom right: a large market, a small share. Compare them with the
# territories where we are strong — our share there is above the average and the potential is already well worked.
#
# **What to do about it.** For each white spot find out why the share is small: no sales representative, no
# distributor, a strong local competitor, or simply nobody has started. A white spot is an investment decision — a
# salesperson, a warehouse, a partner — not just a number.

# %% [markdown] lang="bg"
# ## 3. Разликата до целевия пазарен дял
# Колко оборот още може да спечелим във всяка област, ако достигнем целевия дял: целевият дял × потенциала минус
# нашите продажби. Целите са от таблицата с целите (пазарен дял по области); без тях — нашият дял от целия пазар
# във всяка област. Областите са подредени по разликата.

# %% [markdown] lang="en"
# ## 3. The gap to the target market share
# How much revenue is still to win in each territory if we reach the target share: the target share × the potential
# minus our sales. The targets come from the targets table (market share per territory); without them, our share of
# the whole market in every territory. The territories are ranked by the gap.

# %%
if "targets" in set_targets.attrs["missing"] and target_share is None:
    display(Markdown(mpv.needs_notes(set_targets, lang)))
if len(shares):
    display(mpv.shares_table(shares, lang, currency=money, top=top).style.hide(axis="index"))

# %% [markdown] lang="bg"
# **На какво да гледате.** Областите в началото на таблицата — там е най-много оборот до целта. Сравнете целевия дял
# на белите петна с дела ни в страната: ниска цел за бяло петно означава, че планът вече е приел, че там няма да
# растем.
#
# **Какво да направите.** Превърнете разликата в план по области: колко от нея през тази година, чрез кои клиенти
# (следващия раздел) и с кой търговски представител.

# %% [markdown] lang="en"
# **What to look at.** The territories at the top of the table — that is where most revenue is left to the target.
# Compare the white spots' target share with our national share: a low target for a white spot means the plan has
# already accepted that we will not grow there.
#
# **What to do about it.** Turn the gap into a plan per territory: how much of it this year, through which clients
# (the next section) and with which sales representative.

# %% [markdown] lang="bg"
# ## 4. От областта до клиента
# Кои клиенти в областта носят неусвоения потенциал? За всеки клиент — потенциалът му (от картона, а ако го няма —
# типичната фирма от сегмента и областта му в таблицата на пазара), нашите продажби за година, делът ни в клиента и
# неусвоеният потенциал. По подразбиране — областта на най-голямото бяло петно (параметър).

# %% [markdown] lang="en"
# ## 4. From the territory down to the client
# Which clients of the territory hold its untapped potential? For each client: its potential (from its card, or
# else the typical company of its segment and territory in the market table), our sales a year, our share in the
# client and the untapped potential. By default the territory of the largest white spot (a parameter).

# %%
focus = focus_territory(shares, territory)  # the territory chosen, else the largest white spot
clients = client_potentials(facts, ds.clients, ds.market, sales=sales, region=focus)
if focus is not None:
    display(Markdown(f"**{mpv.place_label(focus, lang)}**"))
display(Markdown(" ".join([mpv.clients_note(clients, lang, currency=money), mpv.needs_notes(clients, lang)])))
if clients["potential"].notna().any():
    plot_client_potential(clients, top=top, lang=lang, currency=money)
    plt.show()
mpv.clients_table(clients, lang, currency=money, top=top).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледате.** Клиентите с дълга светла част на лентата: голям потенциал, малък дял в клиента. Клиент,
# който купува от нас малко, вече ни познава — там ръстът е най-евтин. Клиентите с нулеви продажби са възможност за
# нов бизнес.
#
# **Какво да направите.** Дайте на търговския представител на областта списъка на първите десет клиенти с
# неусвоения им потенциал и целеви дял в клиента; проверете потенциала в картона при следващото посещение.

# %% [markdown] lang="en"
# **What to look at.** The clients with a long light part of the bar: a large potential, a small share in the
# client. A client who buys a little from us already knows us — growth there is the cheapest. The clients with no
# sales are new-business opportunities.
#
# **What to do about it.** Give the territory's sales representative the list of the first ten clients with their
# untapped potential and a target share in each; check the potential in the card at the next visit.

# %% [markdown] lang="bg"
# **Изследвайте сами:** изберете метода на потенциала и областта — графиките и таблиците се преизчисляват.

# %% [markdown] lang="en"
# **Explore:** choose the method of the potential and the territory — the charts and tables are redrawn.

# %% tags=["widget"]
market_potential_explorer(facts, ds.clients, comparison, sales, market=ds.market, method=method, territory=focus,
                          target_share=goal, rule=rule, top=top, lang=lang, currency=money)

# %% [markdown] lang="bg"
# ## Към CRM системата
# Анализът променя нещо едва когато резултатът му е в системата, която търговците отварят всяка сутрин. Тема 1
# добавя в таблицата с клиентите за CRM потенциала на клиента, неизползваната му част (потенциалът минус нашите продажби за последните 12 месеца) и дали
# областта му е „бяло петно“. Първи са клиентите с най-голям неизползван потенциал.

# %% [markdown] lang="en"
# ## Into the CRM
# An analysis changes nothing until its result is in the system the sales reps open every morning. Topic 1 adds
# to the client table for the CRM the client's potential, its untapped part (the potential less our sales of the last 12 months) and whether its
# territory is a white spot. The clients with the most untapped potential come first.

# %% [markdown] lang="bg" tags=["remove"]
# Задайте `crm_folder` в клетката с параметрите, за да запишете таблицата (`kpi_clients_for_crm.csv` за съветника за
# импорт и `kpi_clients_for_crm.xlsx` за работа); всяка тема от 1 до 5 добавя своите колони към същата таблица.

# %% [markdown] lang="en" tags=["remove"]
# Set `crm_folder` in the parameters cell to write the table (`kpi_clients_for_crm.csv` for the import wizard and
# `kpi_clients_for_crm.xlsx` to work with); each of topics 1 to 5 adds its columns to the same table.

# %%
every = client_potentials(facts, ds.clients, ds.market, sales=sales)  # every client, not only the chosen territory
crm_part = market_part(every, shares)
if crm_folder is not None:
    print(crm_note(update_kpi_crm(crm_part, crm_folder, topic="kpi01", clients=ds.clients, source=data,
                                  lang=lang), lang))
crm_preview(crm_part, "kpi01", ds.clients, lang, currency=money)

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 1

# %% [markdown] lang="en"
# ## Key figures of topic 1

# %% tags=["key-figures"]
figures = mpv.market_potential_figures(build, chain, shares, every, lang, currency=money,
                                       unit=sales.attrs["unit"] or "")
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията на темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решения). След това тема 2: ABC анализ по три показателя — продажби, потенциал и дял в клиента.

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution
# workbook). Then topic 2: ABC analysis by three measures — sales, potential and our share in the client.
