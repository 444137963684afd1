# %% [markdown] lang="bg"
# # Тема 5 · Упражнения · Дял в клиента
# *(семинар „Ключови показатели за ефективност“)*
#
# Осем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД, в реда на работната тетрадка на
# темата — за да получат всички в залата един и същ верен отговор. Почти не се програмира: **прочитате** число в
# таблица или диаграма, която тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 5.8 е за
# анализатора (нужен е pandas) и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 5 · Exercises · Share of wallet
# *(seminar "Key performance indicators")*
#
# Eight short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what you
# read into the answer cell and run it: the check under it says at once whether you are right and, if not yet, gives a
# hint — one step more at each try. Exercise 5.8 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`clients = 12`),
# дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете клетката
# (Shift+Enter). Не знаете откъде да започнете? `hint("kpi5.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`clients = 12`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi5.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.share_of_wallet import (
    client_shares,
    growth_plan,
    loyalty_link,
    share_distribution,
    share_wallet_map,
    war_estimates,
    war_vs_actual,
)
from kbcore.charts import use_style
from kbcore.charts.share_of_wallet import (
    plot_share_by_group,
    plot_share_distribution,
    plot_share_map,
    plot_war_vs_actual,
)
from kbcore.facts import Facts
from kbcore.views import share_of_wallet as swv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi5.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
shares = client_shares(facts, ds.clients, ds.products)  # each client's share: total purchases, else potential
print(swv.basis_note(shares, lang))

# %% [markdown] lang="bg"
# ## Упражнение 5.1 · За колко клиенти делът е измерен?
# Делът в клиента е измерен, когато знаем общите покупки на клиента от категорията; иначе тетрадката го изчислява
# спрямо потенциала на клиента (долна граница). Бележката над клетката казва колко клиенти има на всяка база.
#
# **За колко клиенти са известни общите покупки от категорията?** Прочетете го в бележката. Въведете числото,
# например `clients = 12`.

# %% [markdown] lang="en"
# ## Exercise 5.1 · For how many clients is the share measured?
# The share of wallet is measured when we know the client's total purchases of the category; otherwise the workbook
# takes it on the client's potential (a lower bound). The note above this cell says how many clients are on each base.
#
# **For how many clients are the total purchases of the category known?** Read it in the note. Type the number,
# e.g. `clients = 12`.

# %%
clients = int((shares["basis"] == "wallet").sum())  # SOLUTION
check("kpi5.1", clients)

# %% [markdown] lang="bg"
# ## Упражнение 5.2 · Основният доставчик
# Клиентите по диапазони на дела, както в работната тетрадка: от случаен доставчик (под 10 %) до (почти) единствения
# (75 % и повече).
#
# **За колко клиенти сме основният доставчик (дял от 50 до 75 %)?** Прочетете го в таблицата или над стълбчето на
# диаграмата. Въведете числото, например `main_supplier = 12`.

# %% [markdown] lang="en"
# ## Exercise 5.2 · The main supplier
# The clients by share band, as in the workbook: from an occasional supplier (below 10 %) to (nearly) the only one
# (75 % and more).
#
# **For how many clients are we the main supplier (a share of 50 to 75 %)?** Read it in the table or above the bar of
# the chart. Type the number, e.g. `main_supplier = 12`.

# %%
dist = share_distribution(shares)
ax = plot_share_distribution(dist, lang=lang)
plt.show()
swv.distribution_table(dist, lang, currency=money).style.hide(axis="index")

# %%
main_supplier = int(dist.set_index("reading").loc["main", "clients"])  # SOLUTION
check("kpi5.2", main_supplier)

# %% [markdown] lang="bg"
# ## Упражнение 5.3 · Голям обем, малък дял
# Картата „дял × обем на покупките“ 2×2: границата по обема е медианата на покупките на клиентите, по дела — 50 %.
# Клиентите с голям портфейл и малък дял са там, където е растежът.
#
# **Колко клиенти са в клетката „покупки: голям обем, дял: малък“?** Прочетете го в таблицата под картата. Въведете
# числото, например `grow_clients = 12`.

# %% [markdown] lang="en"
# ## Exercise 5.3 · Large wallet, small share
# The 2×2 share × wallet-size map: the cut on the size is the clients' median purchases, on the share 50 %. The
# clients with a large wallet and a small share are where the growth is.
#
# **How many clients are in the cell "large wallet, small share"?** Read it in the table under the map. Type the
# number, e.g. `grow_clients = 12`.

# %%
share_map = share_wallet_map(shares)
ax = plot_share_map(share_map, currency=money, lang=lang)
plt.show()
swv.map_table(share_map, lang, currency=money).style.hide(axis="index")

# %%
grow_clients = int(share_map.cells.set_index("cell").loc["high_low", "clients"])  # SOLUTION
check("kpi5.3", grow_clients)

# %% [markdown] lang="bg"
# ## Упражнение 5.4 · Карта 3×3 (сменете и изпълнете)
# По-фината карта 3×3 дели обема на покупките на три (по терцили), а дела — на 25 % и 50 %. В клетката „покупки:
# голям обем, дял: малък“ остават само клиентите от горната третина по обем, в които имаме под 25 %.
#
# В клетката на упражнението сменете `grid` от 2 на 3, изпълнете я и прочетете таблицата на картата. **Колко клиенти
# са сега в клетката „покупки: голям обем, дял: малък“?** Въведете числото, например `grow_clients_3x3 = 12`.

# %% [markdown] lang="en"
# ## Exercise 5.4 · A 3×3 map (change and rerun)
# The finer 3×3 map cuts the wallet size in three (at its terciles) and the share at 25 % and 50 %. The cell "large
# wallet, small share" keeps only the clients of the top third by size in which we have less than 25 %.
#
# In the cell of the exercise change `grid` from 2 to 3, run it and read the map's table. **How many clients are now in
# the cell "large wallet, small share"?** Type the number, e.g. `grow_clients_3x3 = 12`.

# %%
finer = share_wallet_map(shares, grid=2)  # EXERCISE
finer = share_wallet_map(shares, grid=3)  # SOLUTION
display(swv.map_table(finer, lang, currency=money).style.hide(axis="index"))
grow_clients_3x3 = int(finer.cells.set_index("cell").loc["high_low", "clients"])  # SOLUTION
check("kpi5.4", grow_clients_3x3)

# %% [markdown] lang="bg"
# ## Упражнение 5.5 · Дял и лоялност
# Както в работната тетрадка, тук са само клиентите с измерен дял (известни общи покупки). Делът им се сравнява с
# годините с нас, с удовлетвореността, с готовността за препоръка и с членството в програмата за лоялност; силата на
# всяка връзка е ρ на Спирман в таблицата на връзките.
#
# **Кой показател е най-силно свързан с дела в клиента?**
#
# 1) Годините с нас
# 2) Удовлетвореността (csat)
# 3) Готовността за препоръка (NPS)
# 4) Членството в програмата за лоялност
#
# Въведете номера на варианта, например `answer = 3`.

# %% [markdown] lang="en"
# ## Exercise 5.5 · Share and loyalty
# As in the workbook, only the clients with a measured share (known total purchases) are here. Their share is set
# against the years with us, satisfaction, the likelihood to recommend and loyalty-programme membership; the strength of
# each link is Spearman's ρ in the table of the links.
#
# **Which measure is linked most strongly with the share of wallet?**
#
# 1) The years with us
# 2) Satisfaction (csat)
# 3) The likelihood to recommend (NPS)
# 4) Loyalty-programme membership
#
# Type the number of the option, e.g. `answer = 3`.

# %%
measured = client_shares(facts, ds.clients, ds.products, bases=("wallet",))  # known total purchases only
link = loyalty_link(measured, surveys=ds.surveys, loyalty=ds.loyalty)
ax = plot_share_by_group(link, "tenure", lang=lang)
plt.show()
ax = plot_share_by_group(link, "membership", lang=lang)
plt.show()
swv.correlation_table(link, lang).style.hide(axis="index")

# %%
answer = 1 + link.correlations["rho"].abs().to_numpy().argmax()  # SOLUTION
check("kpi5.5", answer)

# %% [markdown] lang="bg"
# ## Упражнение 5.6 · Правилото за разпределение на портфейла
# Правилото на Keiningham и колеги (2011) дава дела от мястото ни сред доставчиците на клиента: дял = (1 − място /
# (n + 1)) × 2 / n при n доставчици. За клиентите с измерен дял и с място от анкетата двата се сравняват.
#
# **Средно с колко се отличава делът по правилото от измерения дял?** Прочетете го в изречението над диаграмата.
# Въведете дела като дроб или в проценти, например `gap = 0.05` или `gap = 5`.

# %% [markdown] lang="en"
# ## Exercise 5.6 · The Wallet Allocation Rule
# The rule of Keiningham and colleagues (2011) gives the share from our rank among the client's suppliers: share =
# (1 − rank / (n + 1)) × 2 / n for n suppliers. For the clients with a measured share and a rank from the survey, the
# two are compared.
#
# **By how much does the rule's share differ from the measured share on average?** Read it in the sentence above the
# chart. Type it as a fraction or a percentage, e.g. `gap = 0.05` or `gap = 5`.

# %%
war = war_vs_actual(measured, war_estimates(ds.clients, ds.surveys, as_of=facts.as_of))
print(swv.war_text(war, lang))
ax = plot_war_vs_actual(war, lang=lang)
plt.show()

# %%
gap = war.mean_abs_diff  # SOLUTION
check("kpi5.6", gap)

# %% [markdown] lang="bg"
# ## Упражнение 5.7 · Един целеви дял за всички (сменете и изпълнете)
# Планът за растеж в работната тетрадка взема за цел на всеки клиент това, което сходните клиенти от сегмента му вече
# ни дават. Търговският директор предлага по-проста цел: **50 % за всеки клиент** (да сме основният доставчик).
#
# В клетката на упражнението сменете `target_share` от `None` на 0.5, изпълнете я и прочетете изречението над
# таблицата. **Колко оборот годишно би добавило достигането на 50 % дял при всеки клиент?** Въведете сумата в евро
# като цяло число, например `growth = 1500000`.

# %% [markdown] lang="en"
# ## Exercise 5.7 · One target share for everybody (change and rerun)
# The growth plan of the workbook takes as each client's target what comparable clients of its segment already give
# us. The sales director suggests a simpler goal: **50 % of every client** (to be the main supplier).
#
# In the cell of the exercise change `target_share` from `None` to 0.5, run it and read the sentence above the table.
# **How much revenue a year would reaching a 50 % share in every client add?** Type the sum in euro as a whole number,
# e.g. `growth = 1500000`.

# %%
plan = growth_plan(shares, target_share=None)  # EXERCISE
plan = growth_plan(shares, target_share=0.5)  # SOLUTION
print(swv.growth_text(plan, lang, currency=money))
display(swv.growth_table(plan, lang, currency=money, top=10).style.hide(axis="index"))
growth = plan.attrs["total"]  # SOLUTION
check("kpi5.7", growth)

# %% [markdown] lang="bg"
# ## Упражнение 5.8 · Делът при клиентите, които ни поставят на първо място (за анализатора, по желание)
# Сравнението на правилото с измерения дял има таблица на двойките (`war.pairs`): по един ред за клиент, с измерения
# му дял (`share`) и мястото ни сред доставчиците му (`our_rank`). **Какъв е средният измерен дял на клиентите, които
# ни поставят на първо място?** Изчислете го с pandas и го въведете като дроб, например `first_share = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 5.8 · The share of the clients who rank us first (for the analyst, optional)
# The comparison of the rule with the measured share has a table of pairs (`war.pairs`): one row per client, with its
# measured share (`share`) and our rank among its suppliers (`our_rank`). **What is the mean measured share of the
# clients who rank us first?** Compute it with pandas and type it as a fraction, e.g. `first_share = 0.5`.

# %%
first_share = float(war.pairs.loc[war.pairs["our_rank"] == 1, "share"].mean())  # SOLUTION
check("kpi5.8", first_share)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** при колко от вашите клиенти знаете общите им покупки от категорията? Кой би трябвало да ги научи, как
# и колко често — и какво ще промени това в плановете ви по клиенти?
#
# <details><summary>Проверете се</summary>
#
# - Без общите покупки на клиента делът не може да се измери: оборотът сам по себе си не казва дали клиентът е почти
#   изцяло наш, или купува основно от конкурентите. Затова показателят често се пропуска.
# - Общите покупки научава търговецът, който води клиента: при годишната среща пита снабдителя колко купува от
#   категорията и от колко доставчици, и на кое място сме ние; числата влизат в картата на клиента поне веднъж годишно.
# - Където знаем само мястото ни сред доставчиците, правилото за разпределение на портфейла дава оценка на дела; при
#   демонстрационната компания то следва измерения дял (ρ около 0,67), но се отличава от него средно с повече от
#   10 процентни пункта — оценка, а не измерване.
# - С известен дял планът по клиент има цел (целеви дял и оборот), а не само „повече от миналата година“.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** for how many of your clients do you know their total purchases of the category? Who should learn
# them, how and how often — and what would that change in your client plans?
#
# <details><summary>Check yourself</summary>
#
# - Without the client's total purchases the share cannot be measured: revenue alone does not say whether the client is
#   nearly all ours or buys mostly from competitors. That is why the measure is often skipped.
# - The sales rep who manages the client learns them: at the yearly meeting, ask the buyer how much of the category it
#   buys, from how many suppliers, and where we rank; the figures go on the client card at least once a year.
# - Where we only know our rank among the suppliers, the Wallet Allocation Rule gives an estimate of the share; at the
#   demo company it follows the measured share (ρ about 0.67) but differs from it by more than 10 percentage points on
#   average — an estimate, not a measurement.
# - With a known share, a client plan has a goal (a target share and its revenue), not just "more than last year".
#
# </details>
