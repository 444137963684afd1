# %% [markdown] lang="bg"
# # Тема 9 · Мотивация на търговците, обвързана с KPI
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Историята на нашите търговци: кой в кой екип е, каква е основната му заплата, какъв план е имал всяко тримесечие
#   на 2024–2025 г. и доколко го е изпълнил.
# - Програмите за мотивация (примерни схеми): линейна комисиона, план с праг, ускорител и таван, конкурс, екипен фонд
#   — всяка обвързана с избрани KPI с тегла, и кривата, по която плаща.
# - Какво би платила всяка схема на същите търговци за същите резултати: възнаграждение на всеки търговец, общи
#   разходи за продажби, дял на изпълнилите плана (правилото 60–70 % и откъде идва), следва ли възнаграждението
#   резултата, справедливи ли са плановете спрямо потенциала на територията.
# - Схемите една до друга — и схемата, която плаща случаен късмет: един голям еднократен клиент, който ускорителят без
#   таван превръща в многократна премия.

# %% [markdown] lang="en"
# # Topic 9 · Staff motivation tied to KPIs
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - Our sales managers' history: who is in which team, what base pay each has, what plan each had every quarter of
#   2024–2025 and how far he reached it.
# - The incentive programmes (example plans): a linear commission, a quota with threshold, accelerator and cap, a
#   contest, a team pool — each tied to chosen KPIs with weights, and the curve it pays by.
# - What each plan would have paid the same managers for the same results: pay per manager, the total cost of sales,
#   the share of managers at quota (the 60–70 % rule and where it comes from), whether pay follows performance, whether
#   the quotas are fair to the territories' potential.
# - The plans side by side — and the plan that pays a windfall: one large one-off client that an accelerator without a
#   cap turns into a multiple bonus.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза;
#   `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `plans_file` — YAML файлът със схемите (формата е в коментарите на `data/templates/kpi_incentive_plans.yaml`);
#   `None` — петте примерни схеми.
# - `pay_period` — периодът, за който се плаща: `"quarter"` (тримесечие), `"month"` или `"year"`.
# - `years` — годините, върху които се изпитват схемите (`[2024, 2025]`); `None` — всички завършени периоди.
# - `pay_year` — годината, чието възнаграждение по търговци се показва (2025).
# - `quota_band` — здравословният дял на изпълнилите плана (`[0.6, 0.7]` е 60–70 %).
# - `windfall_plan` — коя схема се проверява за случаен късмет (идентификаторът ѝ във файла със схемите,
#   `"accel_nocap"` е C); `windfall_multiple` — колко медиани е „далеч над медианата“ (2);
#   `windfall_client_share` — делът на един клиент в оборота на годината, над който резултатът е съсредоточен (0.3);
#   `windfall_growth_share` — делът на един клиент в ръста, над който ръстът е случаен (0.5).

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot; `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `plans_file` — the YAML file of the plans (the form is in the comments of
#   `data/templates/kpi_incentive_plans.yaml`); `None` is the five example plans.
# - `pay_period` — the period a plan pays on: `"quarter"`, `"month"` or `"year"`.
# - `years` — the years the plans are tried on (`[2024, 2025]`); `None` means every complete period.
# - `pay_year` — the year whose pay per manager is shown (2025).
# - `quota_band` — the healthy share of managers at quota (`[0.6, 0.7]` is 60–70 %).
# - `windfall_plan` — the plan checked for windfalls (its id in the plans file, `"accel_nocap"` is C);
#   `windfall_multiple` — how many medians is "far above the median" (2); `windfall_client_share` — one client's share
#   of the year's revenue above which the result is concentrated (0.3); `windfall_growth_share` — one client's share of
#   the growth above which the growth is a windfall (0.5).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
plans_file = None  # YAML file of the incentive plans; None means the five example plans
pay_period = "quarter"  # the period a plan pays on: "quarter", "month" or "year"
years = [2024, 2025]  # the years the plans are tried on; None means every complete period
pay_year = 2025  # the year whose pay per manager is shown
quota_band = [0.6, 0.7]  # the healthy share of managers at quota (60-70 %)
windfall_plan = "accel_nocap"  # the plan checked for windfalls (its id in the plans file)
windfall_multiple = 2.0  # how many medians is "far above the median"
windfall_client_share = 0.3  # one client's share of the year's revenue above which the result is concentrated
windfall_growth_share = 0.5  # one client's share of the growth above which the growth is a windfall

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore import views as ui
from kbcore.analyses.incentives import (
    client_concentration,
    compare_plans,
    curve_points,
    load_incentive_plans_template,
    manager_lines,
    manager_results,
    overpay_flags,
    plan_summary,
    revenue_coverage,
    territory_fairness,
    territory_potential,
    yearly_pay,
)
from kbcore.charts import use_style
from kbcore.charts.incentives import (
    plot_pay_vs_attainment,
    plot_payout_curve,
    plot_payouts,
    plot_plan_comparison,
)
from kbcore.facts import Facts
from kbcore.views import incentives as iv
from kbcore.widgets.incentives import plan_simulator

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на компанията (или на демонстрационната компания) се четат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите са в евро: продажбите и плановете в лева отпреди 1 януари 2026 г. се превръщат по
# фиксирания курс 1,95583 лв. за 1 евро; основните заплати във файла с персонала са в евро на месец.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts are in
# euro: sales and targets in leva before 1 January 2026 are converted at the fixed rate of 1.95583 leva to the euro;
# the base pay in the staff file is in euro a month.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. Кои са нашите търговци и как изпълняват плановете си?
# Схема за бонуси се изпитва върху собствената история на компанията: кои търговци имаме, в кой екип, с каква основна
# заплата, какъв план е имал всеки за всеки период и какво е продал. **Изпълнение на плана** = факт / план за
# периода. Продажбата се отчита за търговеца, записан на реда (или, ако няма, за търговеца от картата на клиента);
# основната заплата се взема от файла с персонала за месеците, в които търговецът е бил назначен.

# %% [markdown] lang="en"
# ## 1. Who are our sales managers and how do they reach their plans?
# An incentive plan is tried on the company's own history: which managers we have, in which team, on what base pay,
# what plan each had for each period and what he sold. **Plan attainment** = actual / plan for the period. A sale
# counts for the manager written on its line (or, without one, for the manager on the client's card); the base pay is
# taken from the staff file for the months the manager was employed.

# %%
lines = manager_lines(facts, ds.products, ds.clients)  # each sales line with the manager it counts for
results = manager_results(facts, ds.products, ds.clients, ds.staff, ds.targets, freq=pay_period, lines=lines)
print(iv.results_note(results, lang))
print(iv.coverage_text(revenue_coverage(results, facts, years=years), lang, currency=money))
iv.attainment_table(results, lang, currency=money, years=years).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Редовете, в които изпълнението скача далеч над 100 % за едно-две тримесечия и после се
# връща: това рядко е внезапно по-добра работа — по-често е една голяма поръчка. И търговеца, който изпълнява плана
# всяко тримесечие с голяма преднина: или работи по-добре от всички, или планът му е по-лесен от тези на колегите му.
#
# **Какво да направим.** Преди да изберем схема, проверяваме дали плановете са поставени еднакво строго: схемата
# плаща за изпълнението на плана, значи и за грешките в плановете.

# %% [markdown] lang="en"
# **What to look at.** The rows where attainment jumps far above 100 % for a quarter or two and then falls back: this
# is seldom suddenly better work — more often one large order. And the manager who beats the plan every quarter by a
# wide margin: either he works better than everyone, or his plan is easier than his colleagues'.
#
# **What to do about it.** Before choosing a plan, check that the quotas are set equally hard: a plan pays for plan
# attainment, and so for the errors in the plans too.

# %% [markdown] lang="bg"
# ## 2. Програмите за мотивация: какви схеми има и как плащат
# Схемата за бонуси отговаря на три въпроса: **за какво** плащаме (KPI с тегла: оборот, нови клиенти, целеви
# продукти, брутен марж), **колко** (целевият бонус — променливото възнаграждение при 100 % изпълнение, тук дял от
# основната заплата) и **по каква крива**:
# - **праг** — под него не се плаща нищо (напр. 80 % от плана), при него се плаща част от целевия бонус;
# - **целева ставка** — от прага до 100 % бонусът расте линейно до целевия;
# - **ускорител** — над 100 % всеки процент изпълнение се плаща по-скъпо (× 1,5, × 2);
# - **таван** — над него не се плаща повече (по изпълнение, напр. 150 %, или като кратно на целевия бонус).
#
# Освен индивидуалните схеми (с план или комисиона) има **конкурси** (награди за най-добрите за периода или годината)
# и схеми за **екипи и структури** (фонд от резултата на екипа или на целия отдел над плана му, разпределен между
# членовете). Петте схеми по-долу са **примери** с кръгли числа — заменете ги със своите във файла със схемите.
# Механиката им следва Zoltners, Sinha и Lorimer, *The Complete Guide to Sales Force Incentive Compensation* (2006).

# %% [markdown] lang="en"
# ## 2. The incentive programmes: what plans there are and how they pay
# An incentive plan answers three questions: **what for** (KPIs with weights: revenue, new clients, target products,
# gross margin), **how much** (the target incentive — the variable pay at 100 % of plan, here a share of the base
# pay) and **along what curve**:
# - **threshold** — below it nothing is paid (e.g. 80 % of plan), at it a part of the target incentive;
# - **target rate** — from the threshold to 100 % the bonus rises linearly to the target incentive;
# - **accelerator** — above 100 % each point of attainment pays more (× 1.5, × 2);
# - **cap** — above it nothing more is paid (on attainment, e.g. 150 %, or as a multiple of the target incentive).
#
# Besides individual plans (on quota or commission) there are **contests** (prizes for the best of the period or the
# year) and **team and structure** plans (a pool from the team's or the whole sales force's result above its plan,
# shared among its members). The five plans below are **examples** with round numbers — replace them with your own in
# the plans file. Their mechanics follow Zoltners, Sinha and Lorimer, *The Complete Guide to Sales Force Incentive
# Compensation* (2006).

# %%
plans = load_incentive_plans_template(plans_file)
for plan in plans:
    print(f"{iv.plan_label(plan, lang)}: {iv.plan_text(plan, lang, currency=money)}")

# %%
curved = [plan for plan in plans if plan.mechanic == "quota"]
if curved:
    columns = min(2, len(curved))
    fig, axes = plt.subplots((len(curved) + 1) // 2, columns, figsize=(6.5 * columns, 4.2 * ((len(curved) + 1) // 2)),
                             squeeze=False)
    for ax, plan in zip(axes.ravel(), curved, strict=False):
        plot_payout_curve(curve_points(plan), lang=lang, ax=ax)
        ax.set_title(plan.label(lang))
    for ax in axes.ravel()[len(curved):]:
        ax.set_visible(False)
    plt.show()

# %% [markdown] lang="bg"
# **На какво да гледаме.** Наклона над 100 %: колкото е по-стръмен, толкова повече схемата плаща за всеки процент
# над плана. Без таван кривата не свършва — един необичайно голям резултат се плаща изцяло.
#
# **Какво да направим.** За всяка схема си отговорете: за какво поведение плаща тя и какво поведение наказва (напр.
# праг 80 % кара търговеца, който няма да го достигне, да отложи сделките за следващото тримесечие).

# %% [markdown] lang="en"
# **What to look at.** The slope above 100 %: the steeper it is, the more the plan pays for each point above quota.
# Without a cap the curve does not end — an unusually large result is paid in full.
#
# **What to do about it.** For each plan ask: what behaviour does it pay for and what behaviour does it punish (e.g.
# an 80 % threshold makes the manager who will not reach it push his deals into the next quarter).

# %% [markdown] lang="bg"
# ## 3. Всяка схема върху нашата история: колко струва и колко търговци изпълняват плана
# Всяка схема се „изиграва“ върху същите резултати: какво би платила на всеки търговец за всеки период. За всяка схема:
# - **разходи за продажби** = (основни заплати + променливо възнаграждение) / оборот;
# - **дял на изпълнилите плана** = дял на случаите търговец × период с изпълнение поне 100 % (за схема с няколко KPI —
#   претегленото им изпълнение);
# - **възнаграждението следва ли изпълнението** — ρ на Спирман между изпълнението и променливото възнаграждение;
# - **възнаграждението на най-добрия и най-високото възнаграждение спрямо медианата** — на месец.
#
# **Правилото 60–70 %.** Добрата схема е поставила плановете така, че около две трети от търговците да ги изпълняват:
# ако са много по-малко, планът се смята за недостижим и мотивацията пада; ако са много повече, плановете са
# твърде лесни и схемата плаща бонуси без допълнителни усилия. Правилото е опитно, не е закон: така го формулират ZS
# Associates („How many salespeople should meet their quota?“, *Sales & Marketing Management*) и Zoltners и колеги
# (2006); на практика делът е по-близо до 50–60 % (годишните изследвания на CSO Insights).

# %% [markdown] lang="en"
# ## 3. Each plan on our history: what it costs and how many managers reach quota
# Each plan is "replayed" on the same results: what it would have paid each manager for each period. For each plan:
# - **cost of sales** = (base pay + variable pay) / revenue;
# - **share at quota** = the share of manager-periods at 100 % of plan or more (for a plan of several KPIs, their
#   weighted attainment);
# - **does pay follow performance** — Spearman's ρ between attainment and variable pay;
# - **the best performer's pay and the highest pay against the median** — a month.
#
# **The 60–70 % rule.** A good plan sets the quotas so that about two thirds of the managers reach them: if far fewer
# do, the quota is seen as out of reach and motivation falls; if far more do, the quotas are too easy and the plan pays
# bonuses for no extra effort. The rule is experience, not law: so ZS Associates state it ("How many salespeople should
# meet their quota?", *Sales & Marketing Management*) and Zoltners and colleagues (2006); in practice the share is
# nearer 50–60 % (CSO Insights' yearly studies).

# %%
potential = territory_potential(ds.clients, ds.market, lines=lines)  # each manager's clients' (or market) potential
comparison = compare_plans(results, plans, potential=potential, years=years, quota_band=quota_band)
payouts = comparison.attrs["payouts"]
ax = plot_plan_comparison(comparison, lang=lang, quota_band=quota_band)
plt.show()
for plan in plans:
    print(f"{plan.label(lang)}: {iv.quota_text(plan_summary(payouts[plan.id], years=years), lang, quota_band=quota_band)}")

# %%
iv.comparison_table(comparison, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Една и съща история дава различен дял на изпълнилите плана в зависимост от това за какво
# плаща схемата: плановете за оборот се изпълняват по-често от тези за нови клиенти. Разходите за продажби растат с
# ускорителя и падат с тавана. Линейната комисиона почти не следва изпълнението на плана: тя плаща оборота, т.е.
# размера на територията.
#
# **Какво да направим.** Изберете схемата, чийто дял на изпълнилите плана е близо до 60–70 % и чиито разходи за
# продажби компанията може да си позволи; ако никоя не е в тази зона, проблемът е в плановете, не в схемата.

# %% [markdown] lang="en"
# **What to look at.** The same history gives a different share at quota depending on what the plan pays for: revenue
# quotas are reached more often than new-client ones. The cost of sales rises with the accelerator and falls with the
# cap. The linear commission hardly follows attainment: it pays revenue, that is the size of the territory.
#
# **What to do about it.** Choose the plan whose share at quota is near 60–70 % and whose cost of sales the company can
# afford; if none is in that zone, the problem is in the quotas, not in the plan.

# %% [markdown] lang="bg"
# ## 4. Колко би получил всеки търговец и следва ли възнаграждението резултата?
# Възнаграждението на всеки търговец за годината по проверяваната схема (по подразбиране C: ускорител без таван) —
# променливото възнаграждение на месец, за да се сравняват и търговците, работили част от годината. Под него: всяка
# точка е един търговец в един период; схема, чието възнаграждение следва резултата, рисува възходящ облак.

# %% [markdown] lang="en"
# ## 4. What would each manager get, and does pay follow performance?
# Each manager's pay for the year under the plan checked (by default C: an accelerator without a cap) — the variable
# pay a month, so that managers who worked part of the year compare too. Below: each dot is one manager in one period;
# a plan whose pay follows performance draws a rising cloud.

# %%
checked = windfall_plan if windfall_plan in payouts else str(  # else the plan with the highest pay against the median
    comparison.sort_values("max_to_median", ascending=False, na_position="last")["plan"].iloc[0])
chosen = payouts[checked]
print(iv.plan_label(comparison.attrs["plans"][checked], lang))
ax = plot_payouts(yearly_pay(chosen).loc[lambda d: d["year"] == str(pay_year)], currency=money, lang=lang)
plt.show()
iv.payout_table(chosen, lang, currency=money, year=pay_year).style.hide(axis="index")

# %%
ax = plot_pay_vs_attainment(chosen, currency=money, lang=lang)
plt.show()

# %% [markdown] lang="bg"
# **На какво да гледаме.** Търговецът на върха на диаграмата: колко пъти медианата получава и за какво. Точките вдясно
# от 100 %: с ускорителя те се изкачват по-стръмно. Точка далеч вдясно от всички останали е необичайно изпълнение —
# следващият раздел проверява откъде идва.
#
# **Какво да направим.** Ако най-високото възнаграждение е няколко пъти медианата, проверете резултата зад него, преди
# да го изплатите: голяма разлика е заслужена само когато и резултатът е постигнат с работа.

# %% [markdown] lang="en"
# **What to look at.** The manager at the top of the chart: how many medians he gets and for what. The dots right of
# 100 %: with the accelerator they climb more steeply. A dot far to the right of all others is an unusual attainment —
# the next section checks where it comes from.
#
# **What to do about it.** If the highest pay is several times the median, check the result behind it before paying:
# a large gap is deserved only when the result was earned by work.

# %% [markdown] lang="bg"
# ## 5. Справедливи ли са плановете спрямо потенциала на територията?
# Планът е справедлив, когато е еднакво трудно достижим във всяка територия. **Потенциал на територията** = сумата от
# потенциала на клиентите на търговеца (или, без него, пазарният потенциал на областите му, разделен по продажбите).
# Сравняваме изпълнението на плана за оборот с потенциала — и с **потенциала на единица от годишния план**: търговец,
# чиито клиенти могат да купят много повече от плана му, го изпълнява по-лесно. Връзката се мери с ρ на Спирман
# (рангова, устойчива на няколко далечни търговци); мярката „потенциал на единица от плана“ е наш прочит.

# %% [markdown] lang="en"
# ## 5. Are the quotas fair to the territories' potential?
# A quota is fair when it is equally hard to reach in every territory. **Territory potential** = the sum of the
# potential of the manager's clients (or, without it, the market potential of his oblasti, shared by sales). We set
# the revenue plan attainment against the potential — and against the **potential per unit of the yearly plan**: a
# manager whose clients could buy far more than his plan reaches it more easily. The link is measured by Spearman's ρ
# (a rank measure, robust to a few managers far from the others); the measure "potential per unit of plan" is our
# reading.

# %%
summary = plan_summary(chosen, potential=potential, years=years)
print(iv.fairness_text(summary, lang))
print(iv.fairness_text(summary, lang, per_target=True))
fairness = territory_fairness(chosen, potential, years=years)
iv.fairness_table(fairness, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Търговецът на първия ред: потенциалът на клиентите му е най-голям спрямо плана му. Ако той
# е и този, който най-често изпълнява плана с голяма преднина, успехът му е отчасти в територията, а не само в
# работата. Самият потенциал може да не е свързан с изпълнението — важното е потенциалът спрямо плана.
#
# **Какво да направим.** Поставяйте плановете и спрямо потенциала, не само спрямо миналогодишния оборот (той
# наказва търговеца, който вече е взел голяма част от потенциала си, и награждава този с неизползвана територия).

# %% [markdown] lang="en"
# **What to look at.** The manager on the first row: his clients' potential is the largest against his plan. If he is
# also the one who most often beats his quota by a wide margin, his success is partly the territory, not only the
# work. The potential itself may not be linked to attainment — what matters is the potential against the plan.
#
# **What to do about it.** Set the quotas against the potential too, not only against last year's revenue (which
# punishes the manager who has already taken much of his potential and rewards the one with an unused territory).

# %% [markdown] lang="bg"
# ## 6. Случаен късмет: кого схемата надплаща?
# Схема с ускорител без таван плаща всеки процент над плана — включително за поръчки, които не зависят от търговеца:
# еднократен проект на един клиент, клиент, преминал от конкурент, който е затворил. Търговецът се отбелязва, когато
# **получава поне два пъти медианното възнаграждение на месец** и резултатът му идва **от един клиент**: този клиент
# носи поне 30 % от оборота му за годината или поне половината от ръста му. Праговете са наш прочит на проблема със
# „случайните сделки“ (windfall) при Zoltners и колеги (2006).

# %% [markdown] lang="en"
# ## 6. Windfalls: whom does a plan overpay?
# A plan with an accelerator and no cap pays every point above plan — including for orders the manager did not make
# happen: one client's one-off project, a client who came over from a competitor that closed. A manager is flagged
# when he **gets at least twice the median pay a month** and his result comes **from one client**: that client makes
# at least 30 % of his year's revenue or at least half of his growth. The cut-offs are our reading of the "windfall"
# problem in Zoltners and colleagues (2006).

# %%
concentration = client_concentration(lines)
flags = {plan.id: overpay_flags(payouts[plan.id], concentration, k=windfall_multiple,
                                max_client_share=windfall_client_share, max_growth_share=windfall_growth_share,
                                years=years) for plan in plans}
for plan in plans:
    print(f"{plan.label(lang)}: {iv.flags_text(flags[plan.id], lang, k=windfall_multiple)}")

# %%
iv.flags_table(flags[checked].head(12), lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Търговецът, отбелязан по схемата без таван: колко пъти медианата би получил, какъв дял от
# оборота му носи един клиент и каква част от ръста му. И дали същият търговец е отбелязан по схемата с таван.
#
# **Какво да направим.** Сложете таван (по изпълнение или като кратно на целевия бонус) или клауза за непредвидени
# сделки: поръчка над определен размер от един клиент се разглежда отделно и се плаща по решение, не по кривата. И
# проверете плана му за следващата година: ако е поставен от годината с късмета, ще е недостижим.

# %% [markdown] lang="en"
# **What to look at.** The manager flagged under the plan without a cap: how many medians he would get, what share of
# his revenue one client makes and what part of his growth. And whether the same manager is flagged under the plan with
# a cap.
#
# **What to do about it.** Put in a cap (on attainment or as a multiple of the target incentive) or a windfall clause:
# an order above a set size from one client is reviewed apart and paid by decision, not by the curve. And check his
# plan for the next year: if it was set from the lucky year, it will be out of reach.

# %% [markdown] lang="bg"
# ## 7. Сменете схемата и вижте какво би платила
# Изберете схема и сменете параметрите ѝ: праг, изплащане при прага, ускорител, таван (0 — без таван) и, при схема с
# няколко KPI, теглото на първия. Всяка промяна изиграва променената схема върху същите резултати и я показва до
# останалите: изречение за схемата, дял на изпълнилите плана, възнаграждение по търговци и сравнителната таблица.

# %% [markdown] lang="en"
# ## 7. Change a plan and see what it would pay
# Pick a plan and change its parameters: threshold, payout at the threshold, accelerator, cap (0: none) and, for a plan
# of several KPIs, the weight of the first. Each change replays the changed plan on the same results and shows it next
# to the others: the plan in a sentence, the share at quota, the pay per manager and the side-by-side table.

# %% tags=["widget"]
if results.empty:
    print(iv.results_note(results, lang))
else:
    display(plan_simulator(results, plans, potential=potential, years=years, currency=money,
                           quota_band=quota_band, lang=lang))

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 9

# %% [markdown] lang="en"
# ## Key figures of topic 9

# %% tags=["key-figures"]
figures = iv.incentives_figures(comparison, lang, currency=money, results=results, flags=flags[checked])
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
