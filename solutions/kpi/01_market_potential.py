# %% [markdown] lang="bg"
# # Тема 1 · Упражнения · Пазарен потенциал
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната фирма „Витоша Лубрикантс“, в реда на тетрадката на темата, така че
# всички в залата да получат един и същ верен отговор. Повечето не изискват програмиране: **прочитате** число в
# таблица или на графика, която тетрадката показва, или **променяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит по-подробна. Упражнение 1.7 е за аналитика (с pandas)
# и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната фирма.

# %% [markdown] lang="en"
# # Topic 1 · Exercises · Market potential
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what
# you read into the answer cell and run it: the check under it says at once whether you are right and, if not yet,
# gives a hint — one step more at each try. Exercise 1.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как да отговаряте.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число
# (`potential = 1500000`), дял (`share = 0.23` или `share = 23` за 23 %) или номера на вариант (`answer = 2`) — и
# изпълнете клетката (Shift+Enter). Не знаете откъде да започнете? `hint("kpi1.3")` в нова клетка показва следващата
# стъпка на подсказката. В упражнение „променете и изпълнете“ сменете в извикването стойността, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`potential = 1500000`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option
# (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering? `hint("kpi1.3")` in a new cell shows the
# next step of the hint. In a *change and rerun* exercise change the one value the text names in the call, then run
# the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore.analyses.market_potential import (
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
from kbcore.charts import use_style
from kbcore.charts.market_potential import (
    plot_client_potential,
    plot_methods,
    plot_territory_shares,
)
from kbcore.facts import Facts
from kbcore.views import market_potential as mpv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi1.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
sales = our_sales(facts, ds.clients, ds.products)  # our sales per client over the last 12 months

# %% [markdown] lang="bg"
# ## Упражнение 1.1 · Колко е голям пазарът?
# Методът на натрупването, както в тетрадката на темата: за всяка клетка сегмент × област — брой фирми × годишните
# покупки на една фирма, събрано за цялата страна.
#
# **Какъв е пазарният потенциал по метода на натрупването, в евро годишно?** Прочетете го в изречението над
# таблицата. Въведете числото в евро, без интервали, например `potential = 150000000`.

# %% [markdown] lang="en"
# ## Exercise 1.1 · How large is the market?
# The build-up method, as in the topic's workbook: for each segment × territory cell, the number of companies × what
# one company buys a year, added up for the whole country.
#
# **What is the market potential by the build-up, in euro a year?** Read it in the sentence above the table. Type the
# number in euro, without spaces, e.g. `potential = 150000000`.

# %%
build = build_up(ds.market, ds.clients)
display(Markdown(mpv.build_up_note(build, lang, currency=money)))
mpv.build_up_table(build, lang, currency=money, unit=sales.attrs["unit"]).style.hide(axis="index")

# %%
potential = float(build["potential"].sum())  # SOLUTION
check("kpi1.1", potential)

# %% [markdown] lang="bg"
# ## Упражнение 1.2 · Кой метод дава най-малкия пазар?
# Трите метода един до друг: натрупването, сумата от потенциалите на клиентите, веригата от коефициенти
# (илюстративен пример) и индексът на покупателната способност.
#
# **Кой метод дава най-малкия пазарен потенциал за цялата страна?** Прочетете изречението над графиката.
#
# 1) Метод на натрупването (таблица на пазара)
# 2) Сума от потенциалите на клиентите
# 3) Метод на веригата от коефициенти
# 4) Индекс на покупателната способност
#
# Въведете номера на варианта, например `answer = 1`. Защо той е най-малък?

# %% [markdown] lang="en"
# ## Exercise 1.2 · Which method gives the smallest market?
# The three methods side by side: the build-up, the sum of client potentials, the chain ratio (an illustrative
# example) and the buying power index.
#
# **Which method gives the smallest market potential for the whole country?** Read the sentence above the chart.
#
# 1) Build-up (market table)
# 2) Sum of client potentials
# 3) Chain ratio
# 4) Buying power index
#
# Type the number of the option, e.g. `answer = 1`. Why is it the smallest?

# %%
chain = chain_ratio(load_chain_template())
index = market_index(ds.territories)
comparison = compare_methods(build, chain_by_territory(chain, ds.territories), index)
display(Markdown(mpv.methods_note(comparison, lang, currency=money)))
ax = plot_methods(comparison, top=10, lang=lang, currency=money)
plt.show()

# %%
totals = {m: v for m, v in comparison.attrs["totals"].items() if v == v}  # SOLUTION
answer = 1 + list(comparison.attrs["totals"]).index(min(totals, key=totals.get))  # SOLUTION
check("kpi1.2", answer)

# %% [markdown] lang="bg"
# ## Упражнение 1.3 · Индекс за B2B пазар (променете и изпълнете)
# Индексът на покупателната способност претегля доходите, оборота на дребно и населението — мерки за пазар на
# потребители. Нашите клиенти са фирми: за B2B пазар по-добре подхожда делът на областта в **броя на фирмите**.
#
# В клетката на упражнението сменете теглата на `{"businesses": 1.0}` (само броят на фирмите), изпълнете клетката и
# прочетете в таблицата индекса на **Варна**. **Какъв дял от потенциала на страната получава Варна при новите
# тегла?** Въведете го като дроб или в проценти, например `varna = 0.05` или `varna = 5`.

# %% [markdown] lang="en"
# ## Exercise 1.3 · An index for a B2B market (change and rerun)
# The buying power index weighs income, retail sales and population — measures of a consumer market. Our clients are
# companies: for a B2B market the territory's share of the **number of businesses** fits better.
#
# In the cell of the exercise change the weights to `{"businesses": 1.0}` (the number of businesses only), run the
# cell and read the index of **Варна** in the table. **What share of the national potential does Varna get with the
# new weights?** Type it as a fraction or a percentage, e.g. `varna = 0.05` or `varna = 5`.

# %%
b2b = market_index(ds.territories, weights={"income": 0.5, "retail_sales": 0.3, "population": 0.2})  # EXERCISE
b2b = market_index(ds.territories, weights={"businesses": 1.0})  # SOLUTION
display(Markdown(mpv.index_note(b2b, lang)))
display(mpv.index_table(b2b, lang, currency=money, top=10).style.hide(axis="index"))
varna = float(b2b.set_index("region").loc["Варна", "index"])  # SOLUTION
check("kpi1.3", varna)

# %% [markdown] lang="bg"
# ## Упражнение 1.4 · Пазарният дял в едно бяло петно
# Нашите продажби за последните 12 месеца срещу потенциала на всяка област (метода на натрупването), с целевия
# пазарен дял от таблицата с целите. Оранжевите точки на графиката са белите петна.
#
# **Какъв е нашият пазарен дял в Бургас?** Прочетете го в таблицата, колона „Нашият пазарен дял“. Въведете го като
# дроб или в проценти, например `burgas = 0.05` или `burgas = 5`. Сравнете го с дела ни в целия пазар.

# %% [markdown] lang="en"
# ## Exercise 1.4 · Our market share in a white spot
# Our sales of the last 12 months against each territory's potential (the build-up), with the target market share of
# the targets table. The orange dots of the chart are the white spots.
#
# **What is our market share in Бургас (Burgas)?** Read it in the table, column "Our market share". Type it as a
# fraction or a percentage, e.g. `burgas = 0.05` or `burgas = 5`. Compare it with our share of the whole market.

# %%
targets = market_share_targets(ds.targets)  # the target market share per territory (2026)
shares = territory_shares(comparison, sales, target_share=targets)
display(Markdown(mpv.shares_note(shares, lang, currency=money)))
ax = plot_territory_shares(shares, lang=lang, currency=money)
plt.show()
display(mpv.shares_table(shares, lang, currency=money).style.hide(axis="index"))

# %%
burgas = float(shares.set_index("region").loc["Бургас", "market_share"])  # SOLUTION
check("kpi1.4", burgas)

# %% [markdown] lang="bg"
# ## Упражнение 1.5 · Ако целта е 8 % навсякъде (променете и изпълнете)
# Целите в таблицата с целите за Варна и Бургас са само 1 %: планът вече е приел, че там няма да растем. Какво, ако
# си поставим цел **8 % пазарен дял във всяка област**?
#
# В клетката на упражнението сменете `target_share=targets` на `target_share=0.08`, изпълнете клетката и прочетете в
# изречението над таблицата оборота, който още може да спечелим до целевия дял. Въведете го в евро, без интервали,
# например `gap = 1500000`.

# %% [markdown] lang="en"
# ## Exercise 1.5 · If the target were 8 % everywhere (change and rerun)
# The targets table sets only 1 % for Varna and Burgas: the plan has already accepted that we will not grow there.
# What if we aimed at an **8 % market share in every territory**?
#
# In the cell of the exercise change `target_share=targets` to `target_share=0.08`, run the cell and read, in the
# sentence above the table, the revenue still to win up to the target share. Type it in euro, without spaces, e.g.
# `gap = 1500000`.

# %%
aim = territory_shares(comparison, sales, target_share=targets)  # EXERCISE
aim = territory_shares(comparison, sales, target_share=0.08)  # SOLUTION
display(Markdown(mpv.shares_note(aim, lang, currency=money)))
display(mpv.shares_table(aim, lang, currency=money, top=10).style.hide(axis="index"))
gap = float(aim["gap"].sum())  # SOLUTION
check("kpi1.5", gap)

# %% [markdown] lang="bg"
# ## Упражнение 1.6 · До клиента в най-голямото бяло петно
# Клиентите на областта с най-голямото бяло петно, подредени по неусвоения потенциал: потенциалът на клиента минус
# нашите продажби за година.
#
# **Колко е неусвоеният потенциал на първия клиент в списъка?** Прочетете го в таблицата, колона „Неусвоен
# потенциал“. Въведете го в евро, без интервали, например `untapped = 50000`.

# %% [markdown] lang="en"
# ## Exercise 1.6 · Down to the client in the largest white spot
# The clients of the territory of the largest white spot, ranked by untapped potential: the client's potential minus
# our sales a year.
#
# **What is the untapped potential of the first client of the list?** Read it in the table, column "Untapped
# potential". Type it in euro, without spaces, e.g. `untapped = 50000`.

# %%
focus = focus_territory(shares)  # the largest white spot
clients = client_potentials(facts, ds.clients, ds.market, sales=sales, region=focus)
display(Markdown(f"**{mpv.place_label(focus, lang)}** — {mpv.clients_note(clients, lang, currency=money)}"))
ax = plot_client_potential(clients, top=10, lang=lang, currency=money)
plt.show()
display(mpv.clients_table(clients, lang, currency=money, top=10).style.hide(axis="index"))

# %%
untapped = float(clients["untapped"].iloc[0])  # SOLUTION
check("kpi1.6", untapped)

# %% [markdown] lang="bg"
# ## Упражнение 1.7 · Колко от пазара е в белите петна? (за аналитика, по желание)
# Таблицата на областите от упражнение 1.4 (`shares`) има за всяка област потенциала ѝ и дали е бяло петно.
# **Каква част от потенциала на целия пазар е в белите петна?** Изчислете с pandas сумата от потенциала на белите
# петна, разделена на сумата от потенциала на всички области, и я въведете като дроб, например `white = 0.1`.

# %% [markdown] lang="en"
# ## Exercise 1.7 · How much of the market lies in the white spots? (for the analyst, optional)
# The territories' table of exercise 1.4 (`shares`) gives each territory's potential and whether it is a white spot.
# **What part of the whole market's potential lies in the white spots?** Compute, with pandas, the potential of the
# white spots divided by the potential of all the territories, and type it as a fraction, e.g. `white = 0.1`.

# %%
spots = shares.loc[shares["white_spot"]]  # SOLUTION
white = float(spots["potential"].sum() / shares["potential"].sum())  # SOLUTION
check("kpi1.7", white)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** методите дават за един и същи пазар от 38 до 190 милиона евро. На кой бихте се доверили, за да
# поставите цел за пазарен дял във Варна, и какво бихте проверили, преди да наемете търговски представител там?
#
# <details><summary>Проверете се</summary>
#
# - Веригата от коефициенти тук е пример и оценява само един сегмент (автосервизите): тя не е целият пазар.
#   Сумата от потенциалите на клиентите покрива само клиентите, които познаваме — във Варна едва няколко процента от
#   пазара.
# - За B2B цел по области най-подходящ е методът на натрупването (фирми × покупки на една фирма), проверен с индекс
#   по броя на фирмите: двата дават сходен дял за Варна.
# - Преди инвестицията: проверете броя на фирмите и покупките им (едно проучване, разговори с 10–20 фирми), защо
#   делът ни е малък (конкурент, дистрибуция, никой не е започнал) и кои клиенти там вече купуват от нас — те са
#   най-евтиният начален ръст.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** for the same market the methods give between 38 and 190 million euro. Which would you trust to set
# a market-share target for Varna, and what would you check before hiring a sales representative there?
#
# <details><summary>Check yourself</summary>
#
# - The chain ratio here is an example and estimates one segment only (car-service workshops): it is not the whole
#   market. The sum of client potentials covers only the clients we know — in Varna a few per cent of the market.
# - For a B2B target per territory the build-up (companies × what one company buys) fits best, checked against an
#   index on the number of businesses: the two give a similar share for Varna.
# - Before the investment: check the number of companies and their purchases (a study, talks with 10–20 companies),
#   why our share is small (a competitor, distribution, nobody has started), and which clients there already buy
#   from us — they are the cheapest first growth.
#
# </details>
