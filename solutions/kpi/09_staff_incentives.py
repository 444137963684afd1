# %% [markdown] lang="bg"
# # Тема 9 · Упражнения · Мотивация на търговците, обвързана с KPI
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД, в реда на работната тетрадка на
# темата — за да получат всички в залата един и същ верен отговор. Петте примерни схеми за бонуси се изпитват върху
# резултатите на търговците за 2024–2025 г. Почти не се програмира: **прочитате** число в таблица или диаграма, която
# тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и прочитате резултата. Въведете
# прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва дали е вярно, а ако още не е —
# дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 9.7 е за анализатора и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 9 · Exercises · Staff motivation tied to KPIs
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. The five example incentive plans are tried on the managers'
# results of 2024–2025. Most need no programming: you **read** a number off a table or a chart that the workbook shows,
# or you **change one value** in a cell, run it again and read the result. Type what you read into the answer cell and
# run it: the check under it says at once whether you are right and, if not yet, gives a hint — one step more at each
# try. Exercise 9.7 is for the analyst and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`ratio = 1.5`),
# дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете клетката
# (Shift+Enter). Не знаете откъде да започнете? `hint("kpi9.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`ratio = 1.5`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi9.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.incentives import (
    client_concentration,
    compare_plans,
    load_incentive_plans_template,
    manager_lines,
    manager_results,
    overpay_flags,
    plan_summary,
    plan_with,
    simulate,
    territory_fairness,
    territory_potential,
    yearly_pay,
)
from kbcore.charts import use_style
from kbcore.charts.incentives import plot_payouts, plot_plan_comparison
from kbcore.facts import Facts
from kbcore.views import incentives as iv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi9.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
lines = manager_lines(facts, ds.products, ds.clients)  # each sales line with the manager it counts for
results = manager_results(facts, ds.products, ds.clients, ds.staff, ds.targets, lines=lines)
potential = territory_potential(ds.clients, ds.market, lines=lines)
plans = load_incentive_plans_template()  # the five example plans A … E
plan_c = plans[2]  # C: accelerator without cap
print(iv.results_note(results, lang))

# %% [markdown] lang="bg"
# ## Упражнение 9.1 · Колко търговци изпълняват плана по схема B?
# Всяка схема се изиграва върху резултатите за 2024–2025 г. Делът на изпълнилите плана е делът на случаите търговец ×
# период с изпълнение поне 100 %; схема B претегля оборота (70 %) и новите клиенти (30 %). Мотивиращата схема цели
# 60–70 %.
#
# **Какъв дял от случаите изпълняват плана по схема B?** Прочетете го в сравнителната таблица или на диаграмата.
# Въведете дела като дроб или в проценти, например `share = 0.6` или `share = 60`.

# %% [markdown] lang="en"
# ## Exercise 9.1 · How many managers reach quota under plan B?
# Each plan is replayed on the results of 2024–2025. The share at quota is the share of manager-periods at 100 % of
# plan or more; plan B weighs revenue (70 %) and new clients (30 %). A motivating plan aims at 60–70 %.
#
# **What share of the manager-periods reaches quota under plan B?** Read it in the side-by-side table or on the chart.
# Type it as a fraction or a percentage, e.g. `share = 0.6` or `share = 60`.

# %%
comparison = compare_plans(results, plans, potential=potential, years=[2024, 2025])
ax = plot_plan_comparison(comparison, lang=lang)
plt.show()
iv.comparison_table(comparison, lang, currency=money).style.hide(axis="index")

# %%
share = comparison.set_index("plan").loc["quota_cap", "at_quota"]  # SOLUTION
check("kpi9.1", share)

# %% [markdown] lang="bg"
# ## Упражнение 9.2 · Най-добрият по изпълнение спрямо медианата по схема C
# Схема C е като B, но над 100 % ставката се удвоява и няма таван.
#
# **Колко пъти медианното възнаграждение получава най-добрият по изпълнение търговец по схема C?** Прочетете го в
# същата таблица, на реда „Възнаграждение на най-добрия / медианата“. Въведете числото, например `ratio = 1.5`.

# %% [markdown] lang="en"
# ## Exercise 9.2 · The best performer against the median under plan C
# Plan C is like B, but above 100 % the rate doubles and there is no cap.
#
# **How many times the median pay does the best performer get under plan C?** Read it in the same table, on the row
# "Best performer's pay / median". Type the number, e.g. `ratio = 1.5`.

# %%
ratio = comparison.set_index("plan").loc["accel_nocap", "top_to_median"]  # SOLUTION
check("kpi9.2", ratio)

# %% [markdown] lang="bg"
# ## Упражнение 9.3 · Схема C с таван (сменете и изпълнете)
# Отметката за случаен късмет по схема C назовава един търговец за 2025 г. (таблицата под клетката). Клетката на
# упражнението изиграва схема C с таван по изпълнение 300 % — почти без таван.
#
# Сменете тавана на 150 % (`cap` от 3.0 на 1.5), изпълнете клетката и прочетете таблицата с възнагражденията за
# 2025 г. **Колко би получавал назованият търговец на месец (променливо възнаграждение) по схема C с таван 150 %?**
# Въведете сумата в евро като цяло число, например `windfall_pay = 1500`.

# %% [markdown] lang="en"
# ## Exercise 9.3 · Plan C with a cap (change and rerun)
# The windfall flag of plan C names one manager for 2025 (the table under the cell). The exercise's cell replays plan C
# with a cap on attainment at 300 % — nearly no cap.
#
# Change the cap to 150 % (`cap` from 3.0 to 1.5), run the cell and read the pay table of 2025. **How much would the
# manager named get a month (variable pay) under plan C with a cap at 150 %?** Type the sum in euro as a whole number,
# e.g. `windfall_pay = 1500`.

# %%
flags = overpay_flags(comparison.attrs["payouts"]["accel_nocap"], client_concentration(lines), years=[2024, 2025])
print(iv.flags_text(flags, lang))
iv.flags_table(flags, lang, currency=money, only_flagged=True).style.hide(axis="index")

# %%
capped = plan_with(plan_c, cap_kind="attainment", cap=3.0)  # EXERCISE
capped = plan_with(plan_c, cap_kind="attainment", cap=1.5)  # SOLUTION
pay = simulate(results, capped)
ax = plot_payouts(yearly_pay(pay).loc[lambda d: d["year"] == "2025"], currency=money, lang=lang)
plt.show()
display(iv.payout_table(pay, lang, currency=money, year=2025).style.hide(axis="index"))

# %%
named = flags.loc[flags["flagged"] & (flags["year"] == "2025"), "manager"].iloc[0]  # SOLUTION
windfall_pay = yearly_pay(pay).set_index(["manager", "year"]).loc[(named, "2025"), "pay_per_month"]  # SOLUTION
check("kpi9.3", windfall_pay)

# %% [markdown] lang="bg"
# ## Упражнение 9.4 · Коя схема плаща най-точно според резултата?
# Възнаграждението следва резултата, когато търговците с по-високо изпълнение получават по-високо променливо
# възнаграждение; сравнителната таблица (упражнение 9.1) го мери с ρ на Спирман.
#
# **По коя схема променливото възнаграждение следва изпълнението на плана най-тясно?**
# 1) A: линейна комисиона; 2) B: план с ускорител и таван; 3) C: ускорител без таван; 4) D: план и годишен конкурс;
# 5) E: малка лична част и екипен фонд. Въведете номера, например `answer = 2`.

# %% [markdown] lang="en"
# ## Exercise 9.4 · Which plan pays most closely by result?
# Pay follows performance when the managers with the higher attainment get the higher variable pay; the side-by-side
# table (exercise 9.1) measures it by Spearman's ρ.
#
# **Under which plan does variable pay follow plan attainment most closely?**
# 1) A: linear commission; 2) B: quota with accelerator and cap; 3) C: accelerator without cap; 4) D: quota and a
# yearly contest; 5) E: small individual part and a team pool. Type the number, e.g. `answer = 2`.

# %%
answer = 1 + comparison["pay_rho"].to_numpy().argmax()  # SOLUTION
check("kpi9.4", answer)

# %% [markdown] lang="bg"
# ## Упражнение 9.5 · Схема C само за 2025 г. (сменете и изпълнете)
# За две години късметлийската година се осреднява с обикновена. Изпитайте схемите само върху 2025 г.: в клетката
# сменете годините от 2024 и 2025 само на 2025 и я изпълнете.
#
# **Колко пъти медианата е най-високото възнаграждение по схема C през 2025 г.?** Прочетете го на реда „Най-високо
# възнаграждение / медианата“. Въведете числото, например `highest = 1.5`.

# %% [markdown] lang="en"
# ## Exercise 9.5 · Plan C on 2025 alone (change and rerun)
# Over two years a lucky year is averaged with an ordinary one. Try the plans on 2025 alone: in the cell change the
# years from 2024 and 2025 to 2025 only, and run it.
#
# **How many times the median is the highest pay under plan C in 2025?** Read it on the row "Highest pay / median".
# Type the number, e.g. `highest = 1.5`.

# %%
one_year = compare_plans(results, plans, potential=potential, years=[2024, 2025])  # EXERCISE
one_year = compare_plans(results, plans, potential=potential, years=[2025])  # SOLUTION
display(iv.comparison_table(one_year, lang, currency=money).style.hide(axis="index"))
highest = one_year.set_index("plan").loc["accel_nocap", "max_to_median"]  # SOLUTION
check("kpi9.5", highest)

# %% [markdown] lang="bg"
# ## Упражнение 9.6 · Най-лесният план спрямо потенциала
# Потенциал на единица от плана = колко биха могли да купят клиентите на търговеца годишно / годишният му план за
# оборот, за 2024–2025 г. Колкото е по-голям, толкова по-лесно се изпълнява планът.
#
# **Колко е най-големият потенциал на единица от плана?** Прочетете го на първия ред на таблицата. Въведете числото,
# например `potential_per_plan = 5.5`.

# %% [markdown] lang="en"
# ## Exercise 9.6 · The easiest quota against potential
# Potential per unit of plan = what the manager's clients could buy a year / his yearly revenue plan, over 2024–2025.
# The larger it is, the easier the quota.
#
# **What is the largest potential per unit of plan?** Read it on the table's first row. Type the number, e.g.
# `potential_per_plan = 5.5`.

# %%
fairness = territory_fairness(comparison.attrs["payouts"]["accel_nocap"], potential, years=[2024, 2025])
print(iv.fairness_text(plan_summary(comparison.attrs["payouts"]["accel_nocap"], potential=potential,
                                    years=[2024, 2025]), lang, per_target=True))
iv.fairness_table(fairness, lang, currency=money).style.hide(axis="index")

# %%
potential_per_plan = fairness["potential_per_target"].iloc[0]  # SOLUTION
check("kpi9.6", potential_per_plan)

# %% [markdown] lang="bg"
# ## Упражнение 9.7 · Колко спестява таванът (за анализатора, по желание)
# **С колко евро по-малко променливо възнаграждение би платила схема C за 2024–2025 г. с таван 150 % изпълнение?**
# Изиграйте променената схема (`plan_with`, `simulate`), обобщете я за същите години (`plan_summary`, неговото
# `variable_pay`) и извадете резултата от `variable_pay` на схема C в сравнението. Въведете сумата, например
# `saving = 50000`.

# %% [markdown] lang="en"
# ## Exercise 9.7 · What the cap saves (for the analyst, optional)
# **How many euro less variable pay would plan C pay over 2024–2025 with a cap at 150 % of attainment?** Replay the
# changed plan (`plan_with`, `simulate`), summarise it over the same years (`plan_summary`, its `variable_pay`) and
# subtract the result from plan C's `variable_pay` in the comparison. Type the sum, e.g. `saving = 50000`.

# %%
capped_pay = simulate(results, plan_with(plan_c, cap_kind="attainment", cap=1.5))  # SOLUTION
capped_total = plan_summary(capped_pay, years=[2024, 2025])["variable_pay"]  # SOLUTION
saving = comparison.set_index("plan").loc["accel_nocap", "variable_pay"] - capped_total  # SOLUTION
check("kpi9.7", saving)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** коя от петте схеми бихте въвели във вашата компания и какво бихте променили в плановете, преди да я
# въведете? Как бихте обяснили на търговеца с голямата еднократна поръчка, че няма да получи целия бонус по кривата?
#
# <details><summary>Проверете се</summary>
#
# - Схемата не е по-добра от плановете, върху които плаща: при демонстрационната компания плановете не следват
#   потенциала на територията (търговецът с най-богатата спрямо плана си територия изпълнява плана всяко
#   тримесечие), затова всяка схема плаща отчасти за територията.
# - Делът на изпълнилите плана зависи и от KPI: с нови клиенти в схемата (B, C) той пада под 60–70 %; плановете за
#   нови клиенти трябва да се преразгледат, не ускорителят.
# - Ускорител без таван плаща случайния късмет изцяло: еднократният проект на един клиент дава на един търговец
#   няколко пъти медианното възнаграждение. Таван или клауза за непредвидени сделки, договорени предварително и
#   писмено, го спират — обяснението е лесно, когато правилото е известно преди сделката, а не след нея.
# - Най-тясната връзка между възнаграждение и резултат (C) не е най-справедливата: тя плаща и резултатите, които
#   търговецът не е постигнал с работа.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which of the five plans would you bring into your company, and what would you change in the quotas
# before you do? How would you explain to the manager with the large one-off order that he will not get the whole
# bonus the curve gives?
#
# <details><summary>Check yourself</summary>
#
# - A plan is no better than the quotas it pays on: at the demo company the quotas do not follow the territory's
#   potential (the manager with the richest territory against her plan beats it every quarter), so every plan pays
#   partly for the territory.
# - The share at quota depends on the KPIs too: with new clients in the plan (B, C) it falls below 60–70 %; the
#   new-client targets need a second look, not the accelerator.
# - An accelerator without a cap pays a windfall in full: one client's one-off project gives one manager several
#   times the median pay. A cap or a windfall clause, agreed beforehand and in writing, stops it — the explanation is
#   easy when the rule is known before the deal, not after it.
# - The closest link of pay to result (C) is not the fairest: it also pays the results the manager did not earn by
#   work.
#
# </details>
