# %% [markdown] lang="bg"
# # Тема 10 · Упражнения · Дървото на ключовите показатели и компетентностите
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД и нейното **примерно** дърво на
# ключовите показатели, в реда на работната тетрадка на темата — за да получат всички в залата един и същ верен
# отговор. Почти не се програмира: **прочитате** число в таблица, която тетрадката показва, или **сменяте една
# стойност** в клетка, изпълнявате я отново и прочитате резултата. Въведете прочетеното в клетката за отговор и я
# изпълнете: проверката под нея веднага казва дали е вярно, а ако още не е — дава подсказка, с всеки опит с една
# стъпка по-подробна. Упражнение 10.7 е за анализатора (нужен е pandas) и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания и примерното дърво.

# %% [markdown] lang="en"
# # Topic 10 · Exercises · The KPI tree and the competencies
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД and its **example** KPI tree, in the order of the
# topic's workbook, so that everybody in the room gets the same right answer. Most need no programming: you **read** a
# number off a table that the workbook shows, or you **change one value** in a cell, run it again and read the result.
# Type what you read into the answer cell and run it: the check under it says at once whether you are right and, if
# not yet, gives a hint — one step more at each try. Exercise 10.7 is for the analyst (it needs pandas) and is
# optional.
#
# Run the cells from the top: the first one loads the demo company and the example tree.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`findings = 2`),
# дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете клетката
# (Shift+Enter). Не знаете откъде да започнете? `hint("kpi10.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`findings = 2`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi10.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
from IPython.display import display

import kbcore
from kbcore.analyses.assessment import example_answers, read_questionnaire
from kbcore.analyses.kpi_tree import check_tree, competency_kpi, kpi_values, load_kpi_tree
from kbcore.charts import use_style
from kbcore.facts import Facts
from kbcore.views import kpi_tree as ktv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi10.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
tree = load_kpi_tree()  # the example tree of the demo company (data/templates/kpi_tree.yaml), for 2025
values = kpi_values(tree, ds, facts)
for line in ktv.values_note(tree, values, lang):
    print(line)
ktv.tree_table(tree, values, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# ## Упражнение 10.1 · Изпълнението на един показател
# Таблицата на дървото показва за всеки показател факта, целта, изпълнението и статуса. Целта на примерното дърво за
# нови клиенти през 2025 г. е 150.
#
# **Какво е изпълнението на показателя „Нови клиенти“?** Прочетете го в колоната „Изпълнение“. Въведете го като дял
# или като проценти, например `attainment = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 10.1 · One KPI's attainment
# The tree's table shows each KPI's actual, target, attainment and status. The example tree's target for new clients
# in 2025 is 150.
#
# **What is the attainment of the KPI "New clients"?** Read it in the column "Attainment". Type it as a share or in
# percent, e.g. `attainment = 0.5`.

# %%
attainment = values.set_index("kpi").loc["new_clients", "attainment"]  # SOLUTION
check("kpi10.1", attainment)

# %% [markdown] lang="bg"
# ## Упражнение 10.2 · Забележките за поправяне
# Проверката на дървото търси цели без показател, показатели без отговорник или без цел и други пропуски; примерното
# дърво оставя някои от тях умишлено.
#
# **Колко забележки „за поправяне“ намира проверката?** Пребройте ги в таблицата. Въведете числото, например
# `findings = 2`.

# %% [markdown] lang="en"
# ## Exercise 10.2 · The findings to fix
# The checks look for goals without a KPI, KPIs without an owner or a target and other gaps; the example tree leaves
# some of them in on purpose.
#
# **How many findings "to fix" do the checks find?** Count them in the table. Type the number, e.g. `findings = 2`.

# %%
findings_table = check_tree(tree, values, staff=ds.staff)
display(ktv.findings_table(tree, findings_table, lang).style.hide(axis="index"))

# %%
findings = int((findings_table["severity"] == "error").sum())  # SOLUTION
check("kpi10.2", findings)

# %% [markdown] lang="bg"
# ## Упражнение 10.3 · NPS като ключов показател
# Нетният промоутърски индекс (NPS) е в дървото без цел — един от умишлените пропуски. Фактът му е изчислен от
# анкетата на клиентите за годината, със същата функция като в тема 7.
#
# **Колко е NPS през 2025 г.?** Прочетете го в колоната „Факт“ на таблицата на дървото. Въведете числото с десетична
# точка, например `nps = 12.34`.

# %% [markdown] lang="en"
# ## Exercise 10.3 · NPS as a key indicator
# The Net Promoter Score (NPS) is in the tree without a target — one of the gaps left in on purpose. Its actual is
# computed from the year's client survey, with the same function as in topic 7.
#
# **What is the NPS in 2025?** Read it in the column "Actual" of the tree's table. Type the number with a decimal
# point, e.g. `nps = 12.34`.

# %%
nps = values.set_index("kpi").loc["nps", "actual"]  # SOLUTION
check("kpi10.3", nps)

# %% [markdown] lang="bg"
# ## Упражнение 10.4 · Незавършена година (сменете и изпълнете)
# Данните стигат до 30 юни 2026 г. В незавършена година сумите (оборот, нови клиенти) се сравняват с частта от
# годишната цел за изминалите дни.
#
# В клетката на упражнението сменете `period` от `None` на `2026`, изпълнете я и прочетете таблицата. **Какво е
# изпълнението на показателя „Оборот“ през 2026 г.?** Въведете го като дял или като проценти, например
# `attainment_2026 = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 10.4 · A year not yet over (change and rerun)
# The data runs to 30 June 2026. In a year not yet over the sums (revenue, new clients) are compared with the part of
# the yearly target for the days gone by.
#
# In the cell of the exercise change `period` from `None` to `2026`, run it and read the table. **What is the
# attainment of the KPI "Revenue" in 2026?** Type it as a share or in percent, e.g. `attainment_2026 = 0.5`.

# %%
values_year = kpi_values(tree, ds, facts, period=None)  # EXERCISE
values_year = kpi_values(tree, ds, facts, period=2026)  # SOLUTION
for line in ktv.values_note(tree, values_year, lang):
    print(line)
display(ktv.tree_table(tree, values_year, lang, currency=money).style.hide(axis="index"))
attainment_2026 = values_year.set_index("kpi").loc["revenue", "attainment"]  # SOLUTION
check("kpi10.4", attainment_2026)

# %% [markdown] lang="bg"
# ## Упражнение 10.5 · Частта на един екип (сменете и изпълнете)
# Каскадата разпределя целите за оборот и нови клиенти между четирите търговски екипа. Показателите на екипа броят
# само продажбите и клиентите на хората му.
#
# В клетката на упражнението сменете екипа от „Екип Юг“ на „Екип Север“, изпълнете я и прочетете таблицата. **Какво е
# изпълнението на показателя „Нови клиенти“ на екип „Екип Север“?** Въведете го като дял или като проценти, например
# `team_attainment = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 10.5 · One team's part (change and rerun)
# The cascade splits the targets for revenue and new clients among the four sales teams. A team's KPIs count only the
# sales and clients of its people.
#
# In the cell of the exercise change the team from "Екип Юг" to "Екип Север", run it and read the table. **What is the
# attainment of the KPI "New clients" of the team "Екип Север"?** Type it as a share or in percent, e.g.
# `team_attainment = 0.5`.

# %%
display(ktv.cascade_table(tree, lang, currency=money).style.hide(axis="index"))
team_values = kpi_values(tree, ds, facts, scope=("team", "Екип Юг"))  # EXERCISE
team_values = kpi_values(tree, ds, facts, scope=("team", "Екип Север"))  # SOLUTION
display(ktv.tree_table(tree, team_values, lang, currency=money).style.hide(axis="index"))
team_attainment = team_values.set_index("kpi").loc["new_clients", "attainment"]  # SOLUTION
check("kpi10.5", team_attainment)

# %% [markdown] lang="bg"
# ## Упражнение 10.6 · Компетентността, от която зависят най-много показатели
# Матрицата „компетентност × показател“ с примерните оценки (самооценка и оценка на ръководителя; ничии реални
# отговори). Матрицата използва оценката на ръководителя.
#
# **Коя компетентност е под нужното ниво и е нужна за най-много показатели?**
#
# 1) Ориентация към постижения
# 2) Самоорганизация
# 3) Ориентация към клиента
# 4) Изграждане на отношения
#
# Въведете номера на варианта, например `answer = 2`.

# %% [markdown] lang="en"
# ## Exercise 10.6 · The competency most KPIs depend on
# The competency × KPI matrix with the example ratings (a self-rating and the manager's rating; nobody's real
# answers). The matrix uses the manager's rating.
#
# **Which competency is below the level needed and needed by the most KPIs?**
#
# 1) Achievement orientation
# 2) Self-organisation
# 3) Customer orientation
# 4) Relationship building
#
# Type the number of the option, e.g. `answer = 2`.

# %%
q = read_questionnaire("kpi_competencies")
ck = competency_kpi(tree, q, example_answers(q), example_answers(q, 2))  # example ratings, labelled as such
display(ktv.competency_table(q, ck, tree, lang).style.hide(axis="index"))

# %% tags=["solution"]
below = ck.competencies.loc[ck.competencies["below"] & (ck.competencies["kpis"] != "")]
most = below.loc[(below["kpis"].str.count(",") + 1).idxmax(), "competency"]  # needed by the most KPIs
options = ["achievement", "self_organisation", "customer_orientation", "relationship_building"]  # as listed

# %%
answer = options.index(most) + 1  # SOLUTION
check("kpi10.6", answer)

# %% [markdown] lang="bg"
# ## Упражнение 10.7 · Делът на изпълнените показатели (за анализатора, по желание)
# Таблицата `values` има по един ред за показател с колона `status`: `met` (изпълнен), `not_met` (неизпълнен),
# `no_target` (няма цел), `needs_data` (нужни са данни). **Какъв дял от показателите с цел и стойност (изпълнени или
# неизпълнени) са изпълнени?** Изчислете го с pandas и го въведете като дроб, например `share_met = 0.25`.

# %% [markdown] lang="en"
# ## Exercise 10.7 · The share of the KPIs met (for the analyst, optional)
# The table `values` has one row per KPI with a column `status`: `met`, `not_met`, `no_target`, `needs_data`. **What
# share of the KPIs with a target and a value (met or not met) are met?** Compute it with pandas and type it as a
# fraction, e.g. `share_met = 0.25`.

# %%
judged = values.loc[values["status"].isin(["met", "not_met"]), "status"]  # SOLUTION
share_met = float((judged == "met").mean())  # SOLUTION
check("kpi10.7", share_met)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** вземете една стратегическа цел на вашата фирма. С какъв показател я измервате днес, кой отговаря за
# него и каква е целта му за годината? Коя компетентност на хората ви е най-нужна, за да бъде изпълнен?
#
# <details><summary>Проверете се</summary>
#
# - Цел без показател остава пожелание: в примерното дърво такава е доставката „изцяло и навреме“ — данните нямат дати
#   на доставка, но показател може да се води и ръчно, докато ги няма.
# - Показател без отговорник не се управлява (Parmenter); показател без цел не може нито да бъде изпълнен, нито
#   пропуснат — като NPS в примера.
# - Показателите се свързват: новите клиенти и задържането движат оборота; изоставането долу в дървото се вижда
#   по-рано от изоставането горе.
# - Показателите се изпълняват от хора: компетентността под нивото, от която зависят много показатели, е първото място
#   за обучение; разликата между самооценката и оценката на ръководителя е темата на разговора.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** take one strategic goal of your company. With which KPI do you measure it today, who answers for it,
# and what is its target for the year? Which competency of your people does it need most to be met?
#
# <details><summary>Check yourself</summary>
#
# - A goal without a KPI stays a wish: in the example tree that is delivering "complete and on time" — the data has no
#   delivery dates, but a KPI can be kept by hand until it has.
# - A KPI nobody owns is not managed (Parmenter); a KPI without a target can be neither met nor missed — like NPS in
#   the example.
# - The KPIs are linked: new clients and retention drive revenue; a shortfall low in the tree shows earlier than one at
#   the top.
# - KPIs are met by people: the competency below its level that many KPIs depend on is the first place for training;
#   the gap between the self-rating and the manager's is the talk to have.
#
# </details>
