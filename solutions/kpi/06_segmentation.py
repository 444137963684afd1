# %% [markdown] lang="bg"
# # Тема 6 · Упражнения · Сегментиране на клиентите
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД, в реда на работната тетрадка на
# темата — за да получат всички в залата един и същ верен отговор. Почти не се програмира: **прочитате** стойност в
# таблица или диаграма, която тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 6.7 е за
# анализатора (нужен е pandas) и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 6 · Exercises · Segmentation of clients
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a value off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what you
# read into the answer cell and run it: the check under it says at once whether you are right and, if not yet, gives a
# hint — one step more at each try. Exercise 6.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`h = 12.3`),
# сума (`profit = 150000`), дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и
# изпълнете клетката (Shift+Enter). Не знаете откъде да започнете? `hint("kpi6.3")` в нова клетка показва следващата
# стъпка на подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в
# текста, и изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`h = 12.3`), a sum (`profit = 150000`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option
# (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering? `hint("kpi6.3")` in a new cell shows the
# next step of the hint. In a *change and rerun* exercise change the one value the text names in the call, then run
# the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.segment_profit import (
    rescore,
    review_segmentations,
    segment_behaviour,
    segment_strategies,
    template_with,
)
from kbcore.charts import use_style
from kbcore.charts.segment_profit import plot_behaviour, plot_scorecard, plot_strategies
from kbcore.facts import Facts
from kbcore.views import segment_profit as spv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi6.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
review = review_segmentations(facts, ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                              contacts=ds.contacts, currency=money)  # every candidate segmentation, scored
print(spv.review_note(review, lang, currency=money))

# %% [markdown] lang="bg"
# ## Упражнение 6.1 · Най-доброто сегментиране
# Картата за оценка прилага петте принципа на Котлър (измеримост, значимост, достъпност, различимост, приложимост —
# как се измерва всеки е наш прочит) към всяко сегментиране, което данните позволяват, и ги подрежда по общата оценка.
#
# **Кое сегментиране картата поставя на първо място?**
#
# 1) По област
# 2) По пазарен сегмент
# 3) ABC по оборот
# 4) RFM сегменти
#
# Въведете номера на варианта, например `answer = 3`.

# %% [markdown] lang="en"
# ## Exercise 6.1 · The best segmentation
# The scorecard applies Kotler's five principles (measurable, substantial, accessible, differentiable, actionable — how
# each is measured is our reading) to every segmentation the data allow and ranks them by the total score.
#
# **Which segmentation does the scorecard rank first?**
#
# 1) By territory
# 2) By market segment
# 3) ABC by revenue
# 4) RFM segments
#
# Type the number of the option, e.g. `answer = 3`.

# %%
print(spv.best_text(review, lang))
ax = plot_scorecard(review, lang=lang)
plt.show()
spv.scorecard_table(review, lang).style.hide(axis="index")

# %%
answer = ["region", "segment", "abc", "rfm"].index(review.best) + 1  # SOLUTION
check("kpi6.1", answer)

# %% [markdown] lang="bg"
# ## Упражнение 6.2 · Какво не достига на разделянето по области
# Всеки клиент има област и до клиентите във всяка област може да се стигне — но това не прави областта добро
# сегментиране.
#
# **Кой от тези три критерия разделянето „По област“ не изпълнява?** Прочетете го в таблицата на картата за оценка
# по-горе (✓ изпълнен, ✗ не).
#
# 1) Измеримост
# 2) Достъпност
# 3) Различимост
#
# Въведете номера на варианта, например `answer = 1`.

# %% [markdown] lang="en"
# ## Exercise 6.2 · What the split by territory lacks
# Every client has an oblast, and the clients of every oblast can be reached — but that does not make the territory a
# good segmentation.
#
# **Which of these three criteria does the split "By territory" not meet?** Read it in the scorecard's table above
# (✓ met, ✗ not).
#
# 1) Measurable
# 2) Accessible
# 3) Differentiable
#
# Type the number of the option, e.g. `answer = 1`.

# %%
region = review.scorecard.loc[review.scorecard["candidate"] == "region"].set_index("criterion")  # SOLUTION
failed = [c for c in ("measurable", "accessible", "differentiable") if not region.loc[c, "passed"]]  # SOLUTION
answer = ["measurable", "accessible", "differentiable"].index(failed[0]) + 1  # SOLUTION
check("kpi6.2", answer)

# %% [markdown] lang="bg"
# ## Упражнение 6.3 · Поръчват ли пазарните сегменти различно често?
# Тестът на Крускал — Уолис сравнява броя поръчки годишно на клиентите от различните сегменти по рангове; колкото
# по-голямо е H (при същия брой сегменти), толкова по-далеч са сегментите един от друг, а p казва дали разликата е
# извън случайността.
#
# **Колко е H на Крускал — Уолис за поръчките годишно на сегментирането „По пазарен сегмент“?** Прочетете го в
# заглавието на диаграмата или в таблицата на тестовете. Въведете числото с един знак след десетичната точка,
# например `h = 12.3`.

# %% [markdown] lang="en"
# ## Exercise 6.3 · Do the market segments order differently often?
# The Kruskal–Wallis test compares the clients' orders a year across the segments by ranks; the larger H (at the same
# number of segments), the further apart the segments are, and p says whether the difference is beyond chance.
#
# **What is the Kruskal–Wallis H of the orders a year of the segmentation "By market segment"?** Read it in the
# chart's title or in the table of the tests. Type the number with one decimal, e.g. `h = 12.3`.

# %%
labels = review.labels.set_index("client_id")
row = review.tests.loc[(review.tests["candidate"] == "segment") & (review.tests["measure"] == "orders")]
fig, ax = plt.subplots(figsize=(9, 4.5))
plot_behaviour(segment_behaviour(review.pnl, labels["segment"]), "segment", "orders", test=row.iloc[0],
               currency=money, lang=lang, ax=ax)
plt.show()
print(spv.test_text(review.tests, "region", lang))
spv.tests_table(review.tests, lang, candidate="segment").style.hide(axis="index")

# %%
h = round(float(row["h"].iloc[0]), 1)  # SOLUTION
check("kpi6.3", h)

# %% [markdown] lang="bg"
# ## Упражнение 6.4 · По-строг праг на значимостта (сменете и изпълнете)
# По подразбиране най-малкият сегмент трябва да носи поне 3 % от оборота, за да е сегментирането значимо. Търговският
# директор казва, че сегмент под 5 % от оборота не си струва отделно предложение.
#
# В клетката на упражнението сменете прага на `"substantial"` от 0.03 на 0.05 и я изпълнете: картата се преизчислява
# със същите сегменти. **Колко сегментирания изпълняват сега и петте критерия?** Въведете цяло число, например
# `all_five = 3`.

# %% [markdown] lang="en"
# ## Exercise 6.4 · A stricter bar of substance (change and rerun)
# By default the smallest segment must bring at least 3 % of the revenue for the segmentation to be substantial. The
# sales director says that a segment below 5 % of the revenue is not worth an offer of its own.
#
# In the cell of the exercise change the bar of `"substantial"` from 0.03 to 0.05 and run it: the scorecard is computed
# again on the same segments. **How many segmentations meet all five criteria now?** Type a whole number, e.g.
# `all_five = 3`.

# %%
strict = rescore(review, template_with(review.template, {"substantial": 0.03}))  # EXERCISE
strict = rescore(review, template_with(review.template, {"substantial": 0.05}))  # SOLUTION
print(spv.best_text(strict, lang))
display(spv.scorecard_table(strict, lang).style.hide(axis="index"))
all_five = int((strict.summary["passed"] == strict.summary["criteria"]).sum())  # SOLUTION
check("kpi6.4", all_five)

# %% [markdown] lang="bg"
# ## Упражнение 6.5 · Печалбата на един сегмент
# Печалбата на сегмента е сборът от печалбата на клиентите му за последните 12 месеца след себестойността и разходите
# за обслужване (отчетът за печалбата от клиента от тема 1).
#
# **Колко е печалбата от клиентите на сегмента „Автосервизи“?** Прочетете я в таблицата на сегментите. Въведете сумата
# в евро като цяло число, например `profit = 150000`.

# %% [markdown] lang="en"
# ## Exercise 6.5 · One segment's profit
# A segment's profit is the sum of its clients' profit over the last 12 months after the cost of goods and the cost to
# serve (the client P&L of topic 1).
#
# **What is the client profit of the segment "Автосервизи" (car services)?** Read it in the table of the segments.
# Type the sum in euro as a whole number, e.g. `profit = 150000`.

# %%
spv.segments_table(review.tables["segment"], "segment", lang, currency=money).style.hide(axis="index")

# %%
table = review.tables["segment"]  # SOLUTION
profit = round(float(table.loc[table["segment"] == "Автосервизи", "profit"].iloc[0]))  # SOLUTION
check("kpi6.5", profit)

# %% [markdown] lang="bg"
# ## Упражнение 6.6 · Как да се управлява един сегмент
# Петте най-печеливши пазарни сегмента получават стратегия според рентабилността и ръста си спрямо тези на компанията
# (прекъснатите линии на диаграмата).
#
# **Каква стратегия получава сегментът „Строителни фирми“?**
#
# 1) Инвестиране и развитие
# 2) Защита
# 3) Подобряване на маржа
# 4) Ефективно обслужване
#
# Въведете номера на варианта, например `answer = 2`.

# %% [markdown] lang="en"
# ## Exercise 6.6 · How to manage one segment
# The five most profitable market segments get a strategy by their profit margin and growth against the company's (the
# dashed lines of the chart).
#
# **Which strategy does the segment "Строителни фирми" (builders) get?**
#
# 1) Invest and grow
# 2) Defend
# 3) Improve the margin
# 4) Serve efficiently
#
# Type the number of the option, e.g. `answer = 2`.

# %%
strategies = segment_strategies(review.tables["segment"], top=5)
ax = plot_strategies(strategies, "segment", lang=lang)
plt.show()
spv.strategies_table(strategies, "segment", lang, currency=money).style.hide(axis="index")

# %%
chosen = strategies.loc[strategies["segment"] == "Строителни фирми", "strategy"].iloc[0]  # SOLUTION
answer = ["invest", "defend", "improve_margin", "serve_efficiently"].index(chosen) + 1  # SOLUTION
check("kpi6.6", answer)

# %% [markdown] lang="bg"
# ## Упражнение 6.7 · Делът на малките клиенти от печалбата (за анализатора, по желание)
# Прегледът пази по една таблица на сегментите за всяко сегментиране (`review.tables`); в тази на размера на клиента
# (`review.tables["size"]`) има по един ред за размер: сегментът (`segment`: малък, среден, голям) и печалбата му
# (`profit`). **Каква част от печалбата от всички клиенти носят малките клиенти?** Изчислете я с pandas и я въведете
# като дроб, например `share = 0.25`.

# %% [markdown] lang="en"
# ## Exercise 6.7 · The small clients' share of profit (for the analyst, optional)
# The review keeps one segment table per segmentation (`review.tables`); the one of the client size
# (`review.tables["size"]`) has a row per size: the segment (`segment`: малък small, среден medium, голям large) and
# its profit (`profit`). **What share of the client profit of all clients do the small clients bring?** Compute it
# with pandas and type it as a fraction, e.g. `share = 0.25`.

# %%
size = review.tables["size"]  # SOLUTION
share = float(size.loc[size["segment"] == "малък", "profit"].sum() / size["profit"].sum())  # SOLUTION
check("kpi6.7", share)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** по какво сегментирате клиентите си днес — по области, по размер, по отрасъл? Кой от петте принципа
# това сегментиране изпълнява и кой не — и какво бихте сменили?
#
# <details><summary>Проверете се</summary>
#
# - Много компании „сегментират“ по области, защото така е организиран търговският екип. Областта е измерима и
#   достъпна, но клиентите в различните области обикновено купуват еднакво: при демонстрационната компания тестът на
#   Крускал — Уолис не намира разлика в поведението между областите (p далеч над 0,05), докато пазарните сегменти се
#   различават ясно — по честотата на поръчките, средната поръчка и маржа.
# - Сегментирането трябва да е различимо (различно поведение, проверено с тест, а не само различни средни), значимо
#   (най-малкият сегмент заслужава отделен подход) и приложимо (толкова сегменти, с колкото екипът може да работи).
# - Външните сегменти казват как да продаваме, вътрешните (ABC, етап) — колко усилия да вложим; добрата практика ползва
#   по едно от двете.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** how do you segment your clients today — by territory, by size, by industry? Which of the five
# principles does that segmentation meet and which not — and what would you change?
#
# <details><summary>Check yourself</summary>
#
# - Many companies "segment" by territory because that is how the sales team is organised. The territory is measurable
#   and accessible, but clients in different territories usually buy the same way: at the demo company the
#   Kruskal–Wallis test finds no difference in behaviour between the oblasti (p far above 0.05), whereas the market
#   segments differ clearly — in order frequency, average order and margin.
# - A segmentation must be differentiable (different behaviour, checked by a test, not only different means),
#   substantial (the smallest segment deserves an approach of its own) and actionable (as many segments as the team can
#   work with).
# - External segments say how to sell, internal ones (ABC, stage) how much effort to put in; good practice uses one of
#   each.
#
# </details>
