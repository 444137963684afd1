# %% [markdown] lang="bg"
# # Тема 2 · Упражнения · ABC анализ по три показателя
# *(обучение „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“, в реда на работната тетрадка на
# темата, така че всички в залата да получат един и същ верен отговор. Почти не се налага програмиране: **четете**
# число от таблица или диаграма, която тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я
# отново и четете резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага
# казва дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 2.7 е за
# анализатора (нужен е pandas) и не е задължително.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 2 · Exercises · ABC analysis by three measures
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what
# you read into the answer cell and run it: the check under it says at once whether you are right and, if not yet,
# gives a hint — one step more at each try. Exercise 2.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`clients = 12`),
# дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете клетката
# (Shift+Enter). Не знаете откъде да започнете? `hint("kpi2.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването само стойността, която текстът назовава, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`clients = 12`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi2.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore import views as ui
from kbcore.analyses.abc_three import (
    abc_three,
    class_summary,
    combination_clients,
    combination_summary,
)
from kbcore.charts import use_style
from kbcore.charts.abc_three import plot_abc_grid
from kbcore.facts import Facts
from kbcore.views import abc_three as abv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi2.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
classes = abc_three(facts, ds.clients, ds.products)  # the last 12 months, in value, the default cuts
summary = combination_summary(classes)
print(abv.measure_note(classes, lang))

# %% [markdown] lang="bg"
# ## Упражнение 2.1 · Колко са големите клиенти?
# Класовете по нашите продажби за последните 12 месеца, както в раздел 1 на тетрадката: клиентите, подредени от
# най-големия надолу, A — първите 80 % от продажбите, B — следващите 15 %, C — останалите.
#
# **Колко клиенти са в клас A по продажби?** Прочетете го в таблицата, колона „Брой клиенти“. Въведете числото,
# например `clients_a = 12`. Сравнете го с общия брой клиенти: каква част от тях дават 80 % от оборота?

# %% [markdown] lang="en"
# ## Exercise 2.1 · How many large clients?
# The classes by our sales over the last 12 months, as in section 1 of the workbook: the clients ranked from the
# largest down, A — the first 80 % of the sales, B — the next 15 %, C — the rest.
#
# **How many clients are in class A by sales?** Read it in the table, column "Clients". Type the number, e.g.
# `clients_a = 12`. Compare it with the number of all clients: what part of them makes 80 % of the turnover?

# %%
ui.styled(abv.class_summary_view(class_summary(classes, "sales_class"), lang, currency=money), lang)

# %%
clients_a = int(class_summary(classes, "sales_class").set_index("class").loc["A", "clients"])  # SOLUTION
check("kpi2.1", clients_a)

# %% [markdown] lang="bg"
# ## Упражнение 2.2 · Голям клиент, голям потенциал, малък дял
# Трите класа заедно, както в раздел 4 на тетрадката: диаграмата с кръговете (клас по продажби — редове, по
# потенциал — колони, цветът — класът по дял в клиента) и таблицата на комбинациите.
#
# **Колко клиенти са в комбинацията A-A-C** (голям клиент, голям потенциал, нисък дял)? Въведете числото, например
# `aac = 12`.

# %% [markdown] lang="en"
# ## Exercise 2.2 · A large client, a large potential, a small share
# The three classes together, as in section 4 of the workbook: the bubble chart (sales class in rows, potential class
# in columns, the colour is our share's class) and the table of the combinations.
#
# **How many clients are in the combination A-A-C** (a large client, a large potential, a small share)? Type the
# number, e.g. `aac = 12`.

# %%
ax = plot_abc_grid(summary, lang=lang)
plt.show()
ui.styled(abv.summary_view(summary, lang, currency=money), lang, max_rows=None)

# %%
aac = int(summary.set_index("combination").loc["A-A-C", "clients"])  # SOLUTION
check("kpi2.2", aac)

# %% [markdown] lang="bg"
# ## Упражнение 2.3 · Първият клиент от списъка
# Клиентите на A-A-C, с най-голям неизползван потенциал отгоре — списъкът за плана на търговците (раздел 6).
#
# **Какъв е делът ни в покупките на първия клиент от списъка?** Прочетете го в колоната „Дял в клиента“. Въведете го
# като дроб или в проценти, например `share = 0.5` или `share = 50`.

# %% [markdown] lang="en"
# ## Exercise 2.3 · The first client of the list
# The clients of A-A-C, the largest untapped potential first — the list for the sales reps' plan (section 6).
#
# **What is our share of the purchases of the first client of the list?** Read it in the column "Our share of its
# purchases". Type it as a fraction or as a percentage, e.g. `share = 0.5` or `share = 50`.

# %%
part = combination_clients(classes, "A-A-C")
ui.styled(abv.clients_view(part, lang, currency=money), lang, max_rows=10)

# %%
share = float(part["share"].iloc[0])  # SOLUTION
check("kpi2.3", share)

# %% [markdown] lang="bg"
# ## Упражнение 2.4 · По-строг праг за дела (сменете и изпълнете)
# Клиентът е в клас C по дял в клиента, когато делът ни е под 20 %. Търговският директор иска по-строг праг:
# **25 %**. В клетката на упражнението сменете долния праг (второто число) от 0.20 на 0.25, изпълнете клетката и
# прочетете таблицата на клас A по продажби: ред „A · голям потенциал“, колона „C · нисък дял“. **Колко клиенти
# стават A-A-C?** Въведете числото, например `aac_25 = 12`.

# %% [markdown] lang="en"
# ## Exercise 2.4 · A stricter share threshold (change and rerun)
# A client is class C by our share when our share is below 20 %. The sales director wants a stricter threshold:
# **25 %**. In the exercise's cell change the lower threshold (the second number) from 0.20 to 0.25, run the cell and
# read the table of sales class A: row "A · large potential", column "C · low share". **How many clients become
# A-A-C?** Type the number, e.g. `aac_25 = 12`.

# %%
strict = abc_three(facts, ds.clients, ds.products, share_thresholds=(0.50, 0.20))  # EXERCISE
strict = abc_three(facts, ds.clients, ds.products, share_thresholds=(0.50, 0.25))  # SOLUTION
abv.class_table(combination_summary(strict), "A", lang)  # sales class A: potential (rows) × our share (columns)

# %%
aac_25 = int((strict["combination"] == "A-A-C").sum())  # SOLUTION
check("kpi2.4", aac_25)

# %% [markdown] lang="bg"
# ## Упражнение 2.5 · В литри вместо в пари (сменете и изпълнете)
# Фирмата продава масла на литър: по количество клиентите се подреждат по купените литри. В клетката на упражнението
# сменете мярката от `"value"` на `"volume"`, изпълнете я и прочетете реда „A · голям клиент“. **Колко клиенти са в
# клас A по продажби в литри?** Въведете числото, например `clients_a_litres = 12`.

# %% [markdown] lang="en"
# ## Exercise 2.5 · In litres instead of money (change and rerun)
# The company sells its oils by the litre: in volume the clients are ranked by the litres they bought. In the
# exercise's cell change the measure from `"value"` to `"volume"`, run it and read the row "A · large client". **How
# many clients are class A by sales in litres?** Type the number, e.g. `clients_a_litres = 12`.

# %%
litres = abc_three(facts, ds.clients, ds.products, measure="value")  # EXERCISE
litres = abc_three(facts, ds.clients, ds.products, measure="volume")  # SOLUTION
print(abv.measure_note(litres, lang))
display(ui.styled(abv.class_summary_view(class_summary(litres, "sales_class"), lang, currency=money), lang))

# %%
clients_a_litres = int(class_summary(litres, "sales_class").set_index("class").loc["A", "clients"])  # SOLUTION
check("kpi2.5", clients_a_litres)

# %% [markdown] lang="bg"
# ## Упражнение 2.6 · Къде са парите за спечелване?
# Неизползваният потенциал е потенциалът минус нашите годишни продажби: парите, които клиентите харчат за
# категорията при други доставчици. Ключовите показатели на темата дават неизползвания потенциал на две стратегии.
#
# **Клиентите на коя стратегия държат най-много неизползван потенциал?**
#
# 1) Задържане
# 2) Ръст на дела в клиента
# 3) Развитие
# 4) Избирателно разширяване
#
# Въведете номера на варианта, например `answer = 3`.

# %% [markdown] lang="en"
# ## Exercise 2.6 · Where is the money to win?
# The untapped potential is the potential minus our yearly sales: the money the clients spend on the category with
# other suppliers. The topic's key figures give the untapped potential of two strategies.
#
# **The clients of which strategy hold the most untapped potential?**
#
# 1) Retain
# 2) Grow our share
# 3) Develop
# 4) Expand selectively
#
# Type the number of the option, e.g. `answer = 3`.

# %%
ui.key_figures_table(abv.abc_three_figures(classes, summary, lang, currency=money), lang).style.hide(axis="index")

# %%
per_strategy = summary.groupby("strategy")["untapped"].sum()  # SOLUTION
answer = 1 + ["retain", "grow_share", "develop", "expand"].index(per_strategy.idxmax())  # SOLUTION
check("kpi2.6", answer)

# %% [markdown] lang="bg"
# ## Упражнение 2.7 · Делът ни при A-A-C заедно (за анализатора, по желание)
# В таблицата на клиентите A-A-C (упражнение 2.3) делът на всеки е изчислен спрямо общите му покупки, ако са известни,
# иначе спрямо потенциала му (колона „Дял от“). **Какъв е делът ни в покупките на всички клиенти A-A-C заедно?**
# Изчислете с pandas Σ нашите продажби / Σ базата на дела (общите покупки или потенциала) и въведете дела като дроб,
# например `aac_share = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 2.7 · Our share of A-A-C together (for the analyst, optional)
# In the table of the A-A-C clients (exercise 2.3) each share is taken of the client's total purchases when they are
# known, else of its potential (column "Share taken of"). **What is our share of the purchases of all the A-A-C
# clients together?** Compute Σ our sales / Σ the base of the share (total purchases or potential) with pandas, and
# type it as a fraction, e.g. `aac_share = 0.5`.

# %%
base = part["wallet"].where(part["share_base"] == "wallet", part["potential"])  # SOLUTION
aac_share = float(part["sales"].sum() / base.sum())  # SOLUTION
check("kpi2.7", aac_share)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** при най-големите ни клиенти с голям потенциал делът ни често е под една пета. Защо търговците не
# го виждат в обичайните отчети за продажбите и какво трябва да се промени, за да го видят?
#
# <details><summary>Проверете се</summary>
#
# - Обичайният отчет показва само нашите продажби: клиент, който купува много от нас, изглежда „наш“, дори ако купува
#   четири пъти повече от конкурентите.
# - Делът в клиента изисква данни извън нашата система: общите покупки на клиента или оценка на потенциала му —
#   някой трябва да ги събере (среща, анкета, пазарно проучване) и да ги записва в картата на клиента.
# - Когато делът е в плана и в целите на търговеца (тема 3), растежът при A-A-C става задача с име, срок и оферта.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** with our largest clients that have a large potential our share is often below a fifth. Why do the
# sales reps not see it in the usual sales reports, and what must change for them to see it?
#
# <details><summary>Check yourself</summary>
#
# - The usual report shows only our sales: a client who buys much from us looks "ours", even if it buys four times as
#   much from competitors.
# - Share of wallet needs data from outside our system: the client's total purchases or an estimate of its potential
#   — someone must collect them (a meeting, a survey, a market study) and keep them on the client's card.
# - When the share is in the sales rep's plan and targets (topic 3), growth with A-A-C becomes a task with a name, a
#   date and an offer.
#
# </details>
