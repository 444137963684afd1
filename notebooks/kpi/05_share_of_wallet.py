# %% [markdown] lang="bg"
# # Тема 5 · Дял в клиента
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Какъв е делът на нашите продажби в общия обем покупки на всеки клиент (дял в клиента) — и защо този показател е
#   ключов, но често се пропуска.
# - Как да го тълкуваме: клиентите по диапазони на дела, от случаен доставчик до (почти) единствения.
# - Връзката между дела в клиента и стойността на клиента: карта „дял × обем на покупките“ с действие за всяка клетка.
# - Дял и лоялност: расте ли делът с годините с нас, с удовлетвореността и с членството в програмата за лоялност;
#   правилото за разпределение на портфейла, когато знаем само на кое място ни поставя клиентът.
# - Как можем да го увеличим: кои клиенти, до какъв дял и с колко оборот.

# %% [markdown] lang="en"
# # Topic 5 · Share of wallet
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - What share of each client's total purchases of the category comes to us (the share of wallet) — and why this
#   measure is key yet often skipped.
# - How to read it: the clients by share band, from an occasional supplier to (nearly) the only one.
# - The link between the share of wallet and the client's value: a share × wallet-size map with an action per cell.
# - Share and loyalty: does the share rise with the years with us, with satisfaction and with loyalty-programme
#   membership; the Wallet Allocation Rule, when all we know is where the client ranks us.
# - How we can grow it: which clients, up to what share, and how much revenue that is.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза
#   (нашите продажби за последните месеци до него); `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `months` — за колко месеца се вземат нашите продажби срещу годишните покупки на клиента (12).
# - `map_grid` — картата „дял × обем на покупките“: `2` за 2×2, `3` за 3×3.
# - `tenure_bands` — границите на годините с нас в раздела за лоялността (1, 3 и 5 години).
# - `target_share` — един целеви дял за всички клиенти (0.4 е 40 %); `None` — целта на всеки клиент е това, което
#   сходните клиенти от сегмента му вече ни дават.
# - `peer_quantile` — кой персентил на дяловете на сходните клиенти е целта (0.75 — 75-ият персентил);
#   `min_peers` — най-малко колко сходни клиенти трябват на сегмент, за да има собствена цел.
# - `crm_folder` — папката за таблицата с клиентите за CRM (напр. `"crm/"`): темата добавя своите колони в
#   `kpi_clients_for_crm.csv` и `kpi_clients_for_crm.xlsx`; `None` само ги показва.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (our sales of the last months up to it); `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `months` — how many months of our sales are set against the client's yearly purchases (12).
# - `map_grid` — the share × wallet-size map: `2` for 2×2, `3` for 3×3.
# - `tenure_bands` — the cuts of the years with us in the loyalty section (1, 3 and 5 years).
# - `target_share` — one target share for every client (0.4 is 40 %); `None`: each client's target is what comparable
#   clients of its segment already give us.
# - `peer_quantile` — which percentile of the comparable clients' shares is the target (0.75: the 75th percentile);
#   `min_peers` — the fewest comparable clients a segment needs to have its own target.
# - `crm_folder` — the folder of the client table for the CRM (e.g. `"crm/"`): the topic adds its columns to
#   `kpi_clients_for_crm.csv` and `kpi_clients_for_crm.xlsx`; `None` only shows them.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (our sales of the last months up to it); None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
months = 12  # the months of our sales set against the client's yearly purchases of the category
map_grid = 2  # the share and wallet-size map: 2 for a 2x2 map, 3 for a 3x3 map
tenure_bands = [1, 3, 5]  # cuts of the years with us (loyalty section)
target_share = None  # one target share for every client (0.4 is 40 %); None: what comparable clients give us
peer_quantile = 0.75  # the percentile of the comparable clients' shares that sets a client's target
min_peers = 5  # the fewest comparable clients a segment needs to set its own target
crm_folder = None  # folder for the client table of the CRM; None means show the columns, write nothing

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.kpi_crm import share_part
from kbcore.analyses.share_of_wallet import (
    client_shares,
    growth_plan,
    loyalty_link,
    share_distribution,
    share_wallet_map,
    war_estimates,
    war_vs_actual,
)
from kbcore.app.crm import update_kpi_crm
from kbcore.charts import use_style
from kbcore.charts.share_of_wallet import (
    plot_share_by_group,
    plot_share_distribution,
    plot_share_map,
    plot_war_vs_actual,
)
from kbcore.facts import Facts
from kbcore.views import share_of_wallet as swv
from kbcore.views.kpi_crm import crm_note, crm_preview
from kbcore.widgets.share_of_wallet import growth_explorer

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
# ## 1. Какъв е нашият дял в покупките на всеки клиент?
# **Дял в клиента** = нашите продажби на клиента за последните 12 месеца / общите му покупки от категорията за година
# при всички доставчици. Оборотът казва колко ни купува клиентът; делът казва колко от него вече имаме и колко остава
# да спечелим. Клиент с оборот 50 000 € може да е почти изцяло наш — или да купува десет пъти повече от конкурентите.
#
# **Защо показателят е ключов, но често се пропуска?** Знаменателят го няма в нашата система: общите покупки на
# клиента трябва да се научат от самия клиент (търговецът пита снабдителя), да се оценят като пазарен потенциал или да
# се изведат от анкета. Затова тетрадката взема общите покупки, където са известни, а иначе потенциала на клиента —
# тогава делът е долна граница (клиентът купува по-малко, отколкото би могъл), и за всеки клиент казва на каква база е
# изчислен.

# %% [markdown] lang="en"
# ## 1. What is our share of each client's purchases?
# **Share of wallet** = our sales to the client over the last 12 months / its total purchases of the category a year
# from all its suppliers. Revenue says how much the client buys from us; the share says how much of the client we
# already hold and how much is left to win. A client with 50,000 € of revenue may be nearly all ours — or buy ten times
# as much from competitors.
#
# **Why is this measure key yet often skipped?** Its denominator is not in our system: the client's total purchases
# have to be learnt from the client (the sales rep asks the buyer), estimated as a market potential or inferred from a
# survey. So the workbook takes the total purchases where they are known, else the client's potential — the share is
# then a lower bound (a client buys less than it could) — and says for each client which base its share is on.

# %%
shares = client_shares(facts, ds.clients, ds.products, months=months)  # wallet where known, else potential
print(swv.basis_note(shares, lang))
print(swv.units_note(shares, lang))
if shares["share"].isna().all():
    display(Markdown(ui.needs("share_of_wallet.need.base", "share_of_wallet.need.base.how", lang)))
elif "clients.wallet" in shares.attrs["missing"]:
    display(Markdown(ui.needs("share_of_wallet.need.wallet", "share_of_wallet.need.wallet.how", lang)))
swv.shares_table(shares, lang, currency=money, top=20).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Най-големите клиенти (таблицата е подредена по общите им покупки): кои от тях ни дават
# малка част от покупките си? Колко клиенти имат известни общи покупки и колко само потенциал: делът спрямо
# потенциала е оценка, а не измерване. Дял над 100 % означава, че записаните покупки или потенциалът са подценени.
#
# **Какво да направим.** Нека търговците попитат поне големите си клиенти колко купуват от категорията годишно и
# при колко доставчици, и въведат числата в картата на клиента: без знаменател делът не може да се управлява.

# %% [markdown] lang="en"
# **What to look at.** The largest clients (the table is sorted by their total purchases): which of them give us a
# small part of what they buy? How many clients have known total purchases and how many only a potential: a share of
# potential is an estimate, not a measurement. A share above 100 % means the recorded purchases or potential are
# understated.
#
# **What to do about it.** Have the sales reps ask at least their large clients how much of the category they buy a
# year and from how many suppliers, and put the figures on the client card: without a denominator the share cannot be
# managed.

# %% [markdown] lang="bg"
# ## 2. Как да тълкуваме дела?
# Делът казва каква роля играем за клиента. Под 10 % сме случаен доставчик, от 10 до 25 % — резервен, от 25 до 50 % —
# един от основните, от 50 до 75 % — основният доставчик, над 75 % — (почти) единственият. Границите са наш прочит
# (всяка е параметър на анализа); Keiningham и колеги (2011) намират, че доставчикът на първо място получава много
# по-голям дял от останалите.

# %% [markdown] lang="en"
# ## 2. How to read the share
# The share says what role we play for the client. Below 10 % we are an occasional supplier, 10–25 % a backup one,
# 25–50 % one of the main suppliers, 50–75 % the main supplier, above 75 % (nearly) the only one. The cuts are our
# reading (each is a parameter of the analysis); Keiningham and colleagues (2011) find that the supplier ranked first
# gets a far larger share than the others.

# %%
dist = share_distribution(shares)
ax = plot_share_distribution(dist, lang=lang)
plt.show()
swv.distribution_table(dist, lang, currency=money).style.hide(axis="index")

# %%
swv.reading_guide_table(lang, dist=dist).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Колко клиенти сме само случаен или резервен доставчик и колко купуват те другаде
# (колоната „Купуват другаде“): това е парите на масата при клиенти, които вече ни познават. При много клиенти в
# най-ниския диапазон проверете дали това не са загубени клиенти (без продажби за последните 12 месеца).
#
# **Какво да направим.** За всеки диапазон — своето действие (таблицата по-горе): при случайния доставчик —
# разберете защо клиентът не купува повече; при резервния — кои продукти отиват при основния доставчик; при основния —
# защитете позицията и разширете асортимента.

# %% [markdown] lang="en"
# **What to look at.** For how many clients we are only an occasional or a backup supplier, and how much they buy
# elsewhere (the column "Bought elsewhere"): the money on the table at clients who already know us. With many clients
# in the lowest band, check whether they are lost clients (no sales in the last 12 months).
#
# **What to do about it.** Each band has its action (the table above): for the occasional supplier, find out why the
# client does not buy more; for the backup one, which products go to the main supplier; for the main one, defend the
# position and widen the assortment.

# %% [markdown] lang="bg"
# ## 3. Дял в клиента и стойност на клиента
# Стойността на клиента за нас има две измерения: колко голям е портфейлът му (общите му покупки от категорията) и
# каква част от него взимаме. Картата ги поставя един срещу друг: голям портфейл и малък дял — там е растежът; голям
# портфейл и голям дял — позиция за защита; малък портфейл и голям дял — задръжте с ниски разходи; малък и малък —
# обслужвайте икономично. Границата по обема е медианата на покупките на клиентите, по дела — 50 % (основният
# доставчик или не). Картата и действията са наш прочит (по Du, Kamakura & Mela, 2007: размерът на портфейла и делът
# в него са две отделни измерения на стойността на клиента).

# %% [markdown] lang="en"
# ## 3. Share of wallet and client value
# A client's value to us has two dimensions: how large its wallet is (its total purchases of the category) and how
# much of it we take. The map sets them against each other: a large wallet and a small share is where the growth is; a
# large wallet and a large share a position to defend; a small wallet and a large share — retain it at low cost; small
# and small — serve efficiently. The cut on the size is the clients' median purchases, on the share 50 % (the main
# supplier or not). The map and its actions are our reading (after Du, Kamakura & Mela, 2007: the wallet's size and our
# share in it are two separate dimensions of a client's value).

# %%
share_map = share_wallet_map(shares, grid=map_grid)
ax = plot_share_map(share_map, currency=money, lang=lang)
plt.show()
swv.map_table(share_map, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Оранжевите точки вдясно долу: клиенти с голям портфейл, в които сме малък доставчик —
# колко са и колко купуват другаде. Сравнете дела на клетката (последната колона) с дела на клиентите, които
# защитаваме.
#
# **Какво да направим.** Клиентите от клетката „увеличете дела“ са първите кандидати за план за развитие на клиента
# (раздел 5); тези, в които сме основен доставчик, искат защита — редовни срещи, отговор на офертите на конкурентите,
# по-широк асортимент.

# %% [markdown] lang="en"
# **What to look at.** The orange dots at the bottom right: clients with a large wallet in which we are a small
# supplier — how many, and how much they buy elsewhere. Compare the cell's share (the last column) with that of the
# clients we defend.
#
# **What to do about it.** The clients of the "grow the share" cell are the first candidates for a client development
# plan (section 5); those where we are the main supplier need defending — regular meetings, an answer to the
# competitors' offers, a wider assortment.

# %% [markdown] lang="bg"
# ## 4. Дял и лоялност
# Дали лоялните клиенти ни дават по-голям дял? Тук се вземат само клиентите с **измерен** дял (известни общи покупки):
# делът спрямо потенциала е оценка и би размил връзката. Делът се сравнява с годините с нас (от първата покупка в
# данните), с удовлетвореността и готовността за препоръка (последният отговор на клиента в анкетите) и с
# членството в програмата за лоялност; силата на всяка връзка е рангова корелация на Спирман. Keiningham и колеги
# (2011, 2015) намират, че удовлетвореността сама по себе си обяснява малко от дела — слабата връзка тук е очакван
# резултат, а не грешка в данните.

# %% [markdown] lang="en"
# ## 4. Share and loyalty
# Do loyal clients give us a larger share? Only the clients with a **measured** share (known total purchases) are
# taken here: a share of potential is an estimate and would blur the link. The share is set against the years with us
# (since the first purchase in the data), satisfaction and the likelihood to recommend (the client's latest survey
# answer) and loyalty-programme membership; the strength of each link is Spearman's rank correlation. Keiningham and
# colleagues (2011, 2015) find that satisfaction by itself explains little of the share — a weak link here is the
# expected finding, not a data error.

# %%
measured = client_shares(facts, ds.clients, ds.products, months=months, bases=("wallet",))  # known total purchases
link = loyalty_link(measured, surveys=ds.surveys, loyalty=ds.loyalty, tenure_bands=tenure_bands)
ax = plot_share_by_group(link, "tenure", lang=lang)
plt.show()
ax = plot_share_by_group(link, "membership", lang=lang)
plt.show()
swv.correlation_table(link, lang).style.hide(axis="index")

# %%
swv.group_table(link.nps, "nps", lang).style.hide(axis="index")

# %%
if measured["share"].isna().all():
    display(Markdown(ui.needs("share_of_wallet.need.wallet", "share_of_wallet.need.wallet.how", lang)))
if "surveys" in link.missing:
    display(Markdown(ui.needs("share_of_wallet.need.surveys", "share_of_wallet.need.surveys.how", lang)))
if "loyalty" in link.missing:
    display(Markdown(ui.needs("share_of_wallet.need.loyalty", "share_of_wallet.need.loyalty.how", lang)))

# %% [markdown] lang="bg"
# **Правилото за разпределение на портфейла.** Когато общите покупки на клиента не са известни, но анкетата пита от
# колко доставчици купува и на кое място сме ние, Keiningham и колеги (2011) дават дела от мястото: дял = (1 − място /
# (n + 1)) × 2 / n при n доставчици. Един доставчик — 100 %; двама — 67 % и 33 %; трима — 50 %, 33 % и 17 %. Където са
# известни и двата, ги сравняваме: ако правилото следва измерения дял, то може да оцени дела и на клиентите, които са
# отговорили само на анкетата.

# %% [markdown] lang="en"
# **The Wallet Allocation Rule.** When a client's total purchases are not known but the survey asks how many suppliers
# it buys from and where we rank, Keiningham and colleagues (2011) give the share from the rank: share = (1 − rank /
# (n + 1)) × 2 / n for n suppliers. One supplier — 100 %; two — 67 % and 33 %; three — 50 %, 33 % and 17 %. Where both
# are known we compare them: if the rule follows the measured share, it can estimate the share of the clients who only
# answered the survey.

# %%
ranks = war_estimates(ds.clients, ds.surveys, as_of=facts.as_of)  # the latest ranking of each client
war = war_vs_actual(measured, ranks)
print(swv.war_text(war, lang))
ax = plot_war_vs_actual(war, lang=lang)
plt.show()
if war.n:
    display(swv.war_table(war, lang, top=10).style.hide(axis="index"))
elif ranks.attrs["missing"]:
    display(Markdown(ui.needs("share_of_wallet.need.ranking", "share_of_wallet.need.ranking.how", lang)))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Годините с нас и членството в програмата за лоялност срещу удовлетвореността: кое върви
# заедно с дела? Точките на правилото около диагонала: колкото по-близо са, толкова по-добре мястото ни при клиента
# замества измерването. Клиентите с най-голямо отклонение (таблицата) са първите, чиито покупки да се проверят.
#
# **Какво да направим.** Не се задоволявайте с висока удовлетвореност: попитайте клиента на кое място сме сред
# доставчиците му — това казва повече за дела. Работете за първото място при клиентите, в които сме втори или трети:
# там делът се мести най-много.

# %% [markdown] lang="en"
# **What to look at.** The years with us and loyalty-programme membership against satisfaction: which goes with the
# share? The rule's dots around the diagonal: the closer they are, the better our rank with the client stands in for
# a measurement. The clients with the largest gap (the table) are the first whose purchases to check.
#
# **What to do about it.** Do not settle for high satisfaction: ask the client where we rank among its suppliers —
# that says more about the share. Work for the first place at the clients where we are second or third: that is where
# the share moves most.

# %% [markdown] lang="bg"
# ## 5. Как можем да увеличим дела? План за растеж
# Кои клиенти могат да ни дадат повече и колко? Целта на всеки клиент е делът, който сходните клиенти от сегмента му
# вече ни дават — 75-ият персентил на дяловете им: реалистична цел, а не целият портфейл. Възможният ръст на оборота е
# (целеви дял − сегашен дял) × общите покупки на клиента; клиентите са подредени по него. Целта от сходните клиенти е
# наш прочит (по Keiningham и колеги, 2011: „увеличете дела при клиентите, които имате“).

# %% [markdown] lang="en"
# ## 5. How can we grow the share? The growth plan
# Which clients can give us more, and how much? Each client's target is the share that comparable clients of its
# segment already give us — the 75th percentile of their shares: a realistic goal, not the whole wallet. The revenue to
# gain is (target share − current share) × the client's total purchases; the clients are ranked by it. The target from
# comparable clients is our reading (after Keiningham and colleagues, 2011: "grow the share of the clients you have").

# %%
plan = growth_plan(shares, target_share=target_share, quantile=peer_quantile, min_peers=min_peers)
if len(plan):
    print(swv.growth_text(plan, lang, currency=money))
else:
    display(Markdown(ui.needs("share_of_wallet.need.base", "share_of_wallet.need.base.how", lang)))
swv.growth_table(plan, lang, currency=money, top=20).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Опитайте.** Махнете отметката „Цел според сходните клиенти от сегмента“ и задайте един целеви дял за всички, или
# изберете един сегмент: как се променят сумата и списъкът? (Контролите работят в JupyterLab; в отчета е планът
# по-горе.)

# %% [markdown] lang="en"
# **Try it.** Untick "Target from comparable clients of the segment" and set one target share for everybody, or pick
# one segment: how do the sum and the list change? (The controls work in JupyterLab; a report shows the plan above.)

# %% tags=["widget"]
growth_explorer(shares, target_share=target_share or 0.4, peers=target_share is None, quantile=peer_quantile,
                min_peers=min_peers, currency=money, lang=lang)

# %% [markdown] lang="bg"
# **На какво да гледаме.** Върхът на списъка: няколко големи клиенти носят голяма част от възможния ръст (колоната
# „Натрупано“). Клиентите с дял 0: купуват категорията, но не от нас — загубени или още неспечелени.
#
# **Какво да направим.** Превърнете върха на списъка в планове по клиенти: целеви дял, срок, предложение и отговорен
# търговец. Проверете общите покупки на всеки от тях с клиента, преди да заложите ръста в бюджета.

# %% [markdown] lang="en"
# **What to look at.** The top of the list: a few large clients carry much of the possible growth (the column
# "Cumulative"). The clients with a share of 0: they buy the category, but not from us — lost or not yet won.
#
# **What to do about it.** Turn the top of the list into client plans: a target share, a deadline, an offer and a
# responsible sales rep. Check each one's total purchases with the client before putting the growth into the budget.

# %% [markdown] lang="bg"
# ## Към CRM системата
# Анализът променя нещо едва когато резултатът му е в системата, която търговците отварят всяка сутрин. Тема 5
# добавя в таблицата с клиентите за CRM нашия дял в покупките на клиента, спрямо какво е измерен (общите
# покупки или потенциала), постижимия дял и
# продажбите, които още можем да спечелим годишно. Първи са клиентите с най-много за спечелване.

# %% [markdown] lang="en"
# ## Into the CRM
# An analysis changes nothing until its result is in the system the sales reps open every morning. Topic 5 adds
# to the client table for the CRM our share of the client's purchases, what it is measured against (its total purchases or its potential), the
# reachable share and the sales still to win a year. The clients with the most to win come first.

# %% [markdown] lang="bg" tags=["remove"]
# Задайте `crm_folder` в клетката с параметрите, за да запишете таблицата (`kpi_clients_for_crm.csv` за съветника за
# импорт и `kpi_clients_for_crm.xlsx` за работа); всяка тема от 1 до 5 добавя своите колони към същата таблица.

# %% [markdown] lang="en" tags=["remove"]
# Set `crm_folder` in the parameters cell to write the table (`kpi_clients_for_crm.csv` for the import wizard and
# `kpi_clients_for_crm.xlsx` to work with); each of topics 1 to 5 adds its columns to the same table.

# %%
crm_part = share_part(shares, plan)
if crm_folder is not None:
    print(crm_note(update_kpi_crm(crm_part, crm_folder, topic="kpi05", clients=ds.clients, source=data,
                                  lang=lang), lang))
crm_preview(crm_part, "kpi05", ds.clients, lang, currency=money)

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 5

# %% [markdown] lang="en"
# ## Key figures of topic 5

# %% tags=["key-figures"]
figures = swv.share_of_wallet_figures(shares, lang, currency=money, share_map=share_map, plan=plan, war=war,
                                      link=link)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
