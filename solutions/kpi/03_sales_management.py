# %% [markdown] lang="bg"
# # Тема 3 · Упражнения · Управление на продажбите по бизнеси, класове, територии и клиенти
# *(обучение „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната фирма „Витоша Лубрикантс“ ЕООД, по реда на работната тетрадка на
# темата, за да има всеки в залата един и същ верен отговор. Повечето не изискват програмиране: **четете** число в
# таблица или графика, която тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и
# четете резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва дали е
# вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение kpi3.7 е за анализатора
# (нужен е pandas) и не е задължително.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната фирма. Сумите са в евро.

# %% [markdown] lang="en"
# # Topic 3 · Exercises · Managing sales by business line, product class, territory and client
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what
# you read into the answer cell and run it: the check under it says at once whether you are right and, if not yet,
# gives a hint — one step more at each try. Exercise kpi3.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company. Amounts are in euro.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` със стойността, която сте прочели — число
# (`price_part = 125000`), дял (`share = 0.23` или `share = 23` за 23 %) или номер на отговор (`answer = 2`) — и
# изпълнете клетката (Shift+Enter). Не знаете откъде да започнете? `hint("kpi3.3")` в нова клетка показва следващата
# стъпка от подсказката. В упражнение „сменете и изпълнете отново“ сменете в клетката единствената стойност, която
# текстът назовава, и я изпълнете.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`price_part = 125000`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`)
# — and run the cell (Shift+Enter). Stuck before answering? `hint("kpi3.3")` in a new cell shows the next step of the
# hint. In a *change and rerun* exercise change the one value the text names in the cell, then run it.

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore.analyses.sales_drilldown import (
    annotate_lines,
    drilldown,
    focus_item,
    goals_by_year,
    period_pair,
    target_table,
    top_contributors,
    variance_bridge,
    variance_clients,
)
from kbcore.charts import use_style
from kbcore.charts.sales_drilldown import plot_bridge, plot_contributors, plot_targets
from kbcore.facts import Facts
from kbcore.views.sales_drilldown import (
    bridge_table,
    client_names,
    contributors_table,
    drilldown_notes,
    drilldown_table,
    targets_view,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi3.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
lines = annotate_lines(facts, ds.products, ds.clients)  # each sales line with its business line, class and oblast
names = client_names(ds.clients)
analysed = period_pair(facts, "year")[1][0].year  # the last full year, as in the topic's workbook
print(analysed)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.1 · Целта за обем на компанията
# Показателите на компанията за анализираната година спрямо целите ѝ, както в раздел 1 на работната тетрадка.
#
# **Какво е изпълнението на целта за оборот в обем (литри)?** Прочетете го в реда „Оборот (обем)“, колоната
# „Изпълнение“. Въведете го като дроб или в проценти, например `volume_completion = 0.9` или
# `volume_completion = 90`. Сравнете го с изпълнението в стойност: какво означава разликата?

# %% [markdown] lang="en"
# ## Exercise kpi3.1 · The company's volume target
# The company's goals for the year analysed against its targets, as in section 1 of the workbook.
#
# **What is the completion of the turnover target in volume (litres)?** Read it in the row "Turnover (volume)", column
# "Completion". Type it as a fraction or as a percentage, e.g. `volume_completion = 0.9` or `volume_completion = 90`.
# Compare it with the completion in value: what does the difference mean?

# %%
company = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="company",
                    lines=lines)
targets_view(target_table(company), lang, currency="EUR").style.hide(axis="index")

# %%
volume_completion = float(company["quantity"].iloc[0] / company["quantity_target_to_date"].iloc[0])  # SOLUTION
check("kpi3.1", volume_completion)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.2 · Кое направление изостава в обем?
# Бизнес направленията спрямо целите им за оборот в стойност и в обем.
#
# **Кое направление е най-далеч от целта си за обем?**
#
# 1) Транспорт и агро
# 2) Индустрия
# 3) Автомобилни масла и течности
#
# Въведете номера на отговора, например `answer = 3`.

# %% [markdown] lang="en"
# ## Exercise kpi3.2 · Which line lags in volume?
# The business lines against their targets for turnover in value and in volume.
#
# **Which line is furthest from its volume target?**
#
# 1) Транспорт и агро (transport and agriculture)
# 2) Индустрия (industry)
# 3) Автомобилни масла и течности (car oils and fluids)
#
# Type the number of the option, e.g. `answer = 3`.

# %%
by_line = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=analysed, level="business_line",
                    lines=lines)
ax = plot_targets(target_table(by_line), kpi="quantity", lang=lang)
plt.show()
targets_view(target_table(by_line), lang, currency="EUR").style.hide(axis="index")

# %%
volume_done = by_line.set_index("item")["quantity"] / by_line.set_index("item")["quantity_target_to_date"]  # SOLUTION
answer = 1 + ["Транспорт и агро", "Индустрия", "Автомобилни масла и течности"].index(volume_done.idxmin())  # SOLUTION
check("kpi3.2", answer)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.3 · Цената скрива загуба на обем
# Изменението на оборота на всяко направление спрямо предходната година, разложено на количество, структура и цена
# (раздел 3 на работната тетрадка).
#
# **Колко евро е донесла цената в направлението, чийто обем е паднал?** Прочетете реда на направлението с отрицателно
# количество, колоната „Цена“. Въведете сумата в евро, например `price_part = 125000`.

# %% [markdown] lang="en"
# ## Exercise kpi3.3 · The price hides a volume loss
# The change of each line's turnover against the year before, split into volume, mix and price (section 3 of the
# workbook).
#
# **How many euro did the price bring in the line whose volume fell?** Read the row of the line with a negative
# volume, column "Price". Type the amount in euro, e.g. `price_part = 125000`.

# %%
bridge = variance_bridge(facts, level="business_line", period0=analysed - 1, period1=analysed, lines=lines)
focus = focus_item(bridge)  # the line whose volume fell most, as in the workbook
ax = plot_bridge(bridge, item=focus, lang=lang)
plt.show()
bridge_table(bridge, lang, currency="EUR").style.hide(axis="index")

# %%
price_part = float(bridge.set_index("item").loc[focus, "price"])  # SOLUTION
check("kpi3.3", price_part)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.4 · Кой клиент обяснява загубата?
# Клиентите на направлението, подредени по приноса им към частта на количеството (най-големият спад първо).
#
# **Каква част от загубата на обем обяснява първият клиент?** Прочетете първия ред, колоната „Дял от ефекта“.
# Въведете я като дроб или в проценти, например `first_share = 0.5` или `first_share = 50`. Кой е този клиент?

# %% [markdown] lang="en"
# ## Exercise kpi3.4 · Which client explains the loss?
# The clients of the line, ranked by their contribution to the volume part (the largest fall first).
#
# **What share of the volume loss does the first client explain?** Read the first row, column "Share of the effect".
# Type it as a fraction or as a percentage, e.g. `first_share = 0.5` or `first_share = 50`. Who is that client?

# %%
contrib = variance_clients(facts, path={"business_line": focus}, period0=analysed - 1, period1=analysed, lines=lines)
top = top_contributors(contrib, "volume", n=10)
ax = plot_contributors(top, lang=lang, names=names)
plt.show()
contributors_table(top, lang, currency="EUR", names=names).style.hide(axis="index")

# %%
first_share = float(top["share_of_effect"].iloc[0])  # SOLUTION
check("kpi3.4", first_share)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.5 · Нова ли е загубата? (сменете и изпълнете отново)
# Разлагането по-горе сравнява анализираната година с предходната. Дали направлението е губило обем и година по-рано?
#
# В клетката на упражнението намалете годината на разлагането с една (годината преди `analysed`), изпълнете
# клетката и прочетете реда на същото направление, колоната „Количество (обем)“. **Колко евро е частта на
# количеството година по-рано?** Въведете сумата (отрицателна със знак минус), например `volume_part = -50000`.

# %% [markdown] lang="en"
# ## Exercise kpi3.5 · Is the loss new? (change and rerun)
# The bridge above compares the year analysed with the year before. Did the line lose volume a year earlier too?
#
# In the cell of the exercise lower the year of the bridge by one (the year before `analysed`), run the cell
# and read the row of the same line, column "Volume". **How many euro is the volume part one year earlier?** Type the
# amount (a loss with its minus sign), e.g. `volume_part = -50000`.

# %%
bridge_year = analysed  # EXERCISE
bridge_year = int(analysed) - 1  # SOLUTION
earlier = variance_bridge(facts, level="business_line", period0=bridge_year - 1, period1=bridge_year, lines=lines)
display(bridge_table(earlier, lang, currency="EUR").style.hide(axis="index"))
volume_part = float(earlier.set_index("item").loc[focus, "volume"])  # SOLUTION
check("kpi3.5", volume_part)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.6 · Текущата година по темпа на миналата (сменете и изпълнете отново)
# Текущата година още не е приключила. По подразбиране годишната цел се сравнява с дела на изминалите дни. Но
# продажбите не вървят равномерно през годината: правилото „по темпа на миналата година“ взема онази част от
# годишната цел, която миналата година е била продадена до същия ден.
#
# В клетката на упражнението сменете правилото от `"days"` на `"seasonal"`, изпълнете клетката и прочетете реда
# „Оборот (стойност)“, колоната „Изпълнение“. **Какво е изпълнението на целта за оборот към датата по темпа на
# миналата година?** Въведете го като дроб или в проценти, например `completion = 0.9`.

# %% [markdown] lang="en"
# ## Exercise kpi3.6 · The current year at last year's pace (change and rerun)
# The current year is not over. By default the yearly target is compared at the share of the days gone. But sales do
# not run evenly through the year: the rule "at last year's pace" takes the part of the yearly target that last year
# had sold by the same day.
#
# In the cell of the exercise change the rule from `"days"` to `"seasonal"`, run the cell and read the row "Turnover
# (value)", column "Completion". **What is the completion of the turnover target to date at last year's pace?** Type
# it as a fraction or as a percentage, e.g. `completion = 0.9`.

# %%
rule = "days"  # EXERCISE
rule = "seasonal"  # SOLUTION
this_year = drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=facts.as_of.year,
                      level="company", pro_rata=rule, lines=lines)
for note in drilldown_notes(this_year, lang):
    display(Markdown(note))
display(targets_view(target_table(this_year), lang, currency="EUR").style.hide(axis="index"))
completion = float(this_year["revenue"].iloc[0] / this_year["revenue_target_to_date"].iloc[0])  # SOLUTION
check("kpi3.6", completion)

# %% [markdown] lang="bg"
# ## Упражнение kpi3.7 · Делът на целевите продукти (за анализатора, по желание)
# Показателите на компанията година по година (раздел 6 на работната тетрадка) — `goals_by_year` дава по един ред за
# година, годината е в колоната `item`, делът на целевите продукти — в `target_products_share`.
#
# **С колко процентни пункта е нараснал делът на целевите продукти в оборота от първата година на данните до
# анализираната?** Изчислете го с pandas и го въведете като дроб, например `rise = 0.05` (5 пункта).

# %% [markdown] lang="en"
# ## Exercise kpi3.7 · The target products' share (for the analyst, optional)
# The company's goals year by year (section 6 of the workbook) — `goals_by_year` gives one row per year, the year in
# the column `item`, the target products' share in `target_products_share`.
#
# **By how many percentage points did the target products' share of turnover rise from the first year of the data to
# the year analysed?** Compute it with pandas and type it as a fraction, e.g. `rise = 0.05` (5 points).

# %%
by_year = goals_by_year(facts, ds.products, ds.clients, ds.market, ds.targets, lines=lines)
drilldown_table(by_year, lang, currency="EUR").style.hide(axis="index")

# %%
shares = by_year.set_index("item")["target_products_share"]  # SOLUTION
rise = float(shares[str(analysed)] - shares.iloc[0])  # SOLUTION
check("kpi3.7", rise)

# %% [markdown] lang="bg" tags=["discussion"]
# **За обсъждане:** компанията изпълнява плана си в стойност, но не и в обем; в едно направление поскъпването скрива
# загубата на ключов клиент. Как бихте поставили целите за следващата година, за да не се повтори това?
#
# <details><summary>Проверете се</summary>
#
# - Целта в стойност сама не стига: нужни са и цел в обем (литри) и цел за целевите продукти, за да не може ръстът на
#   цената да скрие загуба на клиенти.
# - Загубата на обем идва от малко клиенти: целите на ниво клиент от клас А (оборот, дял в клиента, асортимент) и
#   месечният им преглед я показват навреме, не в края на годината.
# - Поскъпване рядко се повтаря: целта за следващата година трябва да върне обема — при загубения клиент или при
#   нови клиенти в белите петна.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the company meets its plan in value but not in volume; in one line a price increase hides the loss
# of a key account. How would you set next year's targets so that it does not happen again?
#
# <details><summary>Check yourself</summary>
#
# - A target in value alone is not enough: a volume target (litres) and a target-products target are needed too, so
#   that a price increase cannot hide the loss of clients.
# - The volume loss comes from a few clients: targets at the level of each class A client (turnover, share in the
#   client, assortment) and their monthly review show it in time, not at the end of the year.
# - A price increase is seldom repeated: next year's target must bring the volume back — with the lost client or
#   with new clients in the white spots.
#
# </details>
