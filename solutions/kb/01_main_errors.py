# %% [markdown] lang="en"
# # Block 1 · Exercises · Main errors in sales management
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eleven short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. Most need no programming: you **read** a number off a table or a chart that the workbook
# shows, or you **change one value** in a cell, run it again and read the result. Type what you read into the answer
# cell and run it: the check under it says at once whether you are right and, if not yet, gives a hint — one step
# more at each try. Exercise 1.6 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 1 · Упражнения · Основные ошибки в управлении продажами
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Одиннадцать коротких упражнений на данных демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в
# зале получили один и тот же правильный ответ. Программировать почти не нужно: вы **читаете** число в таблице или на
# диаграмме, которую показывает тетрадь, или **меняете одно значение** в ячейке, запускаете её ещё раз и читаете
# результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно ли, а если пока
# нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 1.6 — для аналитика (нужен pandas), по
# желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`revenue_2025 = 500000000`), a share (`top20_share = 0.23` or `top20_share = 23` for 23 %) or the number of an
# option (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering? `hint("1.3")` in a new cell shows
# the next step of the hint. In a *change and rerun* exercise change the one value the text names in the call, then
# run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число
# (`revenue_2025 = 500000000`), долю (`top20_share = 0.23` или `top20_share = 23` для 23 %) или номер варианта
# (`answer = 2`) — и запустите ячейку (Shift+Enter). Не знаете, с чего начать? `hint("1.3")` в новой ячейке
# показывает следующий шаг подсказки. В упражнении «измените и запустите» поменяйте в вызове то одно значение,
# которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    CostToServeRates,
    client_pnl,
    concentration,
    concession_clients,
    whale_curve,
    whale_summary,
    yearly_summary,
)
from kbcore.analyses.assessment import assess, load_answers, read_questionnaire
from kbcore.analyses.evidence import measure
from kbcore.charts import (
    plot_concentration,
    plot_concession,
    plot_whale_curve,
    plot_yearly,
    use_style,
)
from kbcore.facts import Facts
from kbcore.views import concentration_table
from kbcore.views.profitability import concession_table, whale_summary_text
from kbcore.views.self_assessment import evidence_where_table
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("1.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
pnl = client_pnl(facts, ds.clients, ds.interactions)  # five years, one line per client, default cost rates
print(ui.loaded_summary(ds, lang))

# %% [markdown] lang="en"
# ## Exercise 1.1 · Revenue of the last year
# The table below is the block's first table: the demo company's revenue, gross profit, cost to serve and client
# profit, year by year.
#
# **What was the revenue of the last full year, 2025, in roubles?** Read it in the row 2025, column "Revenue". Type
# the number without spaces (rounded to the million is fine), e.g. `revenue_2025 = 500000000`.

# %% [markdown] lang="ru"
# ## Упражнение 1.1 · Выручка последнего года
# Таблица ниже — первая таблица рабочей тетради блока: выручка, валовая прибыль, стоимость обслуживания и прибыль по
# клиентам демонстрационной компании по годам.
#
# **Какой была выручка последнего полного года, 2025-го, в рублях?** Прочитайте её в строке 2025, столбец «Выручка».
# Введите число без пробелов (можно округлить до миллиона), например `revenue_2025 = 500000000`.

# %%
yearly = yearly_summary(facts, ds.clients, ds.interactions)
ui.styled(yearly, lang)

# %%
revenue_2025 = float(yearly.set_index("year").loc[2025, "revenue"])  # SOLUTION
check("1.1", revenue_2025)

# %% [markdown] lang="en"
# ## Exercise 1.2 · Revenue grows. Does profit?
# The chart shows the same years: the bars are revenue, the line is client profit (after the cost to serve). Compare
# 2021 with 2025 in the table above or on the chart. **What happened to client profit while revenue grew?**
#
# 1) Profit grew faster than revenue.
# 2) Profit grew, but more slowly than revenue.
# 3) Profit did not grow: in 2025 it is no higher than in 2021.
#
# Type the number of the option, e.g. `answer = 1`.

# %% [markdown] lang="ru"
# ## Упражнение 1.2 · Выручка растёт. А прибыль?
# На диаграмме те же годы: столбцы — выручка, линия — прибыль по клиентам (после стоимости обслуживания). Сравните
# 2021 и 2025 годы в таблице выше или на диаграмме. **Что происходило с прибылью по клиентам, пока росла выручка?**
#
# 1) Прибыль росла быстрее выручки.
# 2) Прибыль выросла, но медленнее выручки.
# 3) Прибыль не выросла: в 2025 году она не выше, чем в 2021-м.
#
# Введите номер варианта, например `answer = 1`.

# %%
ax = plot_yearly(yearly, lang=lang)
plt.show()

# %% tags=["solution"]
# For the trainer: growth 2021 → 2025 of revenue and of client profit (0.25 = +25 %)
first, last = yearly.set_index("year").loc[2021], yearly.set_index("year").loc[2025]
growth = last[["revenue", "profit"]] / first[["revenue", "profit"]] - 1
growth

# %%
answer = 3 if growth["profit"] <= 0 else 2 if growth["profit"] < growth["revenue"] else 1  # SOLUTION
check("1.2", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** in what do you set your salespeople's plan: revenue or profit? Which of a manager's decisions
# would change if the plan and the bonus were set in client profit?
#
# <details><summary>Check yourself</summary>
#
# - At the demo company revenue grew every year while client profit stayed where it was: the growth was bought.
# - A plan in revenue alone rewards exactly that: discounts, small frequent orders, extra visits, long payment terms —
#   nobody answers for what they cost.
# - With client profit in the plan (next to revenue) a manager works out what a client will cost to serve before the
#   deal, not after.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** в чём вы ставите план продаж своим менеджерам — в выручке или в прибыли? Какие решения менеджера
# изменятся, если план и премия будут считаться от прибыли по клиентам?
#
# <details><summary>Проверьте себя</summary>
#
# - В демонстрационной компании выручка росла каждый год, а прибыль по клиентам осталась на прежнем уровне: рост
#   куплен.
# - План только в выручке поощряет именно это: скидки, мелкие частые заказы, лишние визиты, длинные отсрочки платежа —
#   и никто не отвечает за то, во что они обходятся.
# - Если в плане рядом с выручкой стоит прибыль по клиенту, менеджер считает стоимость обслуживания клиента до
#   сделки, а не после.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 1.3 · Clients who lose money
# The whale curve ranks the clients from the most to the least profitable (five years, the block's default cost
# rates) and adds up their profit. The red band at the right is the unprofitable tail; the line above the chart sums
# the curve up.
#
# **How many clients lose money?** Read it on the red band or in the line above the chart. Type the number, e.g.
# `unprofitable = 120`.

# %% [markdown] lang="ru"
# ## Упражнение 1.3 · Убыточные клиенты
# «Кривая кита» выстраивает клиентов от самых прибыльных к самым убыточным (пять лет, ставки стоимости обслуживания
# по умолчанию) и складывает их прибыль нарастающим итогом. Красная полоса справа — убыточный «хвост»; строка над
# диаграммой подводит итог кривой.
#
# **Сколько клиентов убыточны?** Прочитайте это на красной полосе или в строке над диаграммой. Введите число,
# например `unprofitable = 120`.

# %%
curve = whale_curve(pnl)
curve_summary = whale_summary(curve)
display(HTML(whale_summary_text(curve_summary, lang)))
ax = plot_whale_curve(curve, curve_summary, lang=lang)
plt.show()

# %%
unprofitable = int(curve_summary["unprofitable_clients"])  # SOLUTION
check("1.3", unprofitable)

# %% [markdown] lang="en"
# ## Exercise 1.4 · The whale
# **What share of the company's whole profit do the best 20 % of clients earn?** Read it in the line above the whale
# curve (exercise 1.3). A share above 100 % is possible: the clients on the right give part of it back. Type it as a
# fraction or as a percentage, e.g. `top20_share = 1.5` or `top20_share = 150`.

# %% [markdown] lang="ru"
# ## Упражнение 1.4 · «Кит»
# **Какую долю всей прибыли компании приносят лучшие 20 % клиентов?** Прочитайте её в строке над «кривой кита»
# (упражнение 1.3). Доля больше 100 % возможна: клиенты справа отдают часть прибыли обратно. Введите долю дробью или
# в процентах, например `top20_share = 1.5` или `top20_share = 150`.

# %%
top20_share = float(curve_summary["top20_share"])  # SOLUTION
check("1.4", top20_share)

# %% [markdown] lang="en"
# ## Exercise 1.5 · What if visits were free? (change and rerun)
# Sales visits are one part of the cost to serve: the block counts 6 000 roubles for a visit (the manager's time and
# travel). The cell below computes client profit again with these rates and sums up the whale curve in one line.
#
# **Set the cost of a visit to 0, run the cell and read: how many clients lose money now?** Type the number, e.g.
# `unprofitable_free_visits = 120`.

# %% [markdown] lang="ru"
# ## Упражнение 1.5 · А если бы визиты были бесплатными? (измените и запустите)
# Визиты торговых представителей — одна из частей стоимости обслуживания: в блоке визит стоит 6 000 рублей (время
# менеджера и дорога). Ячейка ниже заново считает прибыль по клиентам с этими ставками и подводит итог «кривой кита»
# одной строкой.
#
# **Поставьте стоимость визита 0, запустите ячейку и прочитайте: сколько клиентов убыточны теперь?** Введите число,
# например `unprofitable_free_visits = 120`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `CostToServeRates(per_visit=6000)` is the block's visit cost; put 0 in place of the 6000 (the other
# rates stay at their defaults).

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `CostToServeRates(per_visit=6000)` — стоимость визита, как в блоке; поставьте 0 вместо 6000 (остальные
# ставки остаются по умолчанию).

# %%
rates = CostToServeRates(per_visit=6000)  # EXERCISE
rates = CostToServeRates(per_visit=0)  # SOLUTION
free_visits = client_pnl(facts, ds.clients, ds.interactions, rates=rates)
free_summary = whale_summary(whale_curve(free_visits))
display(HTML(whale_summary_text(free_summary, lang)))
unprofitable_free_visits = int(free_summary["unprofitable_clients"])  # SOLUTION
check("1.5", unprofitable_free_visits)

# %% [markdown] lang="en"
# ## Exercise 1.6 · Who gains the most from free visits? (for the analyst, optional)
# **Which five clients' profit rises the most when visits are free?** Compare `pnl` (the block's rates) with
# `free_visits` (exercise 1.5, solved: visit cost 0) client by client, and answer with the list of their `client_id`,
# e.g. `top_gainers = ["000001", "000002", "000003", "000004", "000005"]`.

# %% [markdown] lang="ru"
# ## Упражнение 1.6 · Кто больше всех выигрывает от бесплатных визитов? (для аналитика, по желанию)
# **У каких пяти клиентов прибыль вырастет сильнее всего, если визиты бесплатны?** Сравните `pnl` (ставки блока) с
# `free_visits` (упражнение 1.5 решено: визит стоит 0) по каждому клиенту и ответьте списком их `client_id`,
# например `top_gainers = ["000001", "000002", "000003", "000004", "000005"]`.

# %%
gain = free_visits.set_index("client_id")["profit"] - pnl.set_index("client_id")["profit"]  # SOLUTION
top_gainers = list(gain.nlargest(5).index)  # SOLUTION
check("1.6", top_gainers)

# %% tags=["solution"]
# For the trainer: the five clients, how often they were visited and what they earn at the block's rates
ui.styled(pnl.set_index("client_id").loc[top_gainers, ["name", "visits", "profit"]].reset_index(), lang)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** whom do your managers visit most often — the most profitable clients, or those who ask? Who
# decides how often a client is visited?
#
# <details><summary>Check yourself</summary>
#
# - Free visits turn only part of the unprofitable clients into profitable ones: the others lose their money on
#   discounts, small orders, deliveries and payment terms.
# - The clients who gain the most are the most visited ones — and at the demo company they lose money even with free
#   visits: the visits do not go where the money is.
# - How often a client is visited should follow a rule by the client's value and potential (ABC analysis), set by the
#   head of sales — not a manager's habit or the client's request.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** к кому чаще всего ездят ваши менеджеры — к самым прибыльным клиентам или к тем, кто просит? Кто
# решает, как часто ездить к клиенту?
#
# <details><summary>Проверьте себя</summary>
#
# - Бесплатные визиты делают прибыльными лишь часть убыточных клиентов: остальные теряют деньги на скидках, мелких
#   заказах, доставках и отсрочке платежа.
# - Больше всех выигрывают клиенты, к которым ездят чаще всего, — и в демонстрационной компании они убыточны даже с
#   бесплатными визитами: визиты идут не туда, где деньги.
# - Частоту визитов задаёт правило по ценности и потенциалу клиента (ABC-анализ), которое утверждает руководитель
#   отдела продаж, — а не привычка менеджера или просьба клиента.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 1.7 · The "fat" clients won with concessions
# The table and the chart compare the clients whose average discount is 15 % or more with all the others: their share
# of revenue against their share of profit (five years).
#
# **What is true of the concession clients?**
#
# 1) Their share of profit is larger than their share of revenue: the discounts paid off.
# 2) Their share of profit is smaller than their share of revenue, but they still earn money.
# 3) They lose money: a noticeable share of revenue, and a profit below zero.
#
# Type the number of the option, e.g. `answer = 1`.

# %% [markdown] lang="ru"
# ## Упражнение 1.7 · «Жирные» клиенты, привлечённые уступками
# Таблица и диаграмма сравнивают клиентов со средней скидкой от 15 % со всеми остальными: их долю в выручке и их долю
# в прибыли (за пять лет).
#
# **Что верно о клиентах, привлечённых уступками?**
#
# 1) Их доля в прибыли больше их доли в выручке: скидки окупились.
# 2) Их доля в прибыли меньше доли в выручке, но деньги они всё же приносят.
# 3) Они убыточны: заметная доля выручки, а прибыль ниже нуля.
#
# Введите номер варианта, например `answer = 1`.

# %%
concession = concession_clients(pnl, threshold=0.15)
display(ui.styled(concession_table(concession, lang), lang))
ax = plot_concession(concession, lang=lang)
plt.show()

# %% tags=["solution"]
# For the trainer: the concession clients' row
row = concession.set_index("group").loc["concession"]
row[["clients", "revenue_share", "profit", "profit_share"]]

# %%
answer = 3 if row["profit"] < 0 else 1 if row["profit_share"] >= row["revenue_share"] else 2  # SOLUTION
check("1.7", answer)

# %% [markdown] lang="en"
# ## Exercise 1.8 · And from 10 %? (change and rerun)
# Perhaps 15 % is too strict, and a smaller discount already does no harm? The cell below builds the same table with
# the threshold of 15 %.
#
# **Lower the threshold to 10 %, run the cell and read: what profit, in roubles, do the concession clients bring
# now?** Read it in their row, column "Client profit"; a loss is typed with its minus sign, e.g.
# `concession_profit = -25000000`.

# %% [markdown] lang="ru"
# ## Упражнение 1.8 · А если от 10 %? (измените и запустите)
# Может быть, 15 % — слишком строгий порог, а скидка поменьше уже не вредит? Ячейка ниже строит ту же таблицу с
# порогом 15 %.
#
# **Снизьте порог до 10 %, запустите ячейку и прочитайте: какую прибыль в рублях приносят теперь клиенты,
# привлечённые уступками?** Она — в их строке, столбец «Прибыль по клиенту»; убыток вводите со знаком минус,
# например `concession_profit = -25000000`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `concession_clients(pnl, threshold=0.15)` counts a client from an average discount of 15 %; put 0.10
# in place of the 0.15.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `concession_clients(pnl, threshold=0.15)` относит к клиентам с уступками тех, у кого средняя скидка от
# 15 %; поставьте 0.10 вместо 0.15.

# %%
what_if = concession_clients(pnl, threshold=0.15)  # EXERCISE
what_if = concession_clients(pnl, threshold=0.10)  # SOLUTION
display(ui.styled(concession_table(what_if, lang), lang))
concession_profit = float(what_if.set_index("group").loc["concession", "profit"])  # SOLUTION
check("1.8", concession_profit)

# %% [markdown] lang="en"
# ## Exercise 1.9 · Who runs the business: you or your clients?
# The block's dependence table: how much of the revenue (five years) the largest client, the ten largest and the
# largest 20 % of clients bring, the Herfindahl–Hirschman index and the "effective number of clients".
#
# **What share of the revenue do the ten largest clients bring?** Read it in the table. Type it as a fraction or as a
# percentage, e.g. `top10_share = 0.25` or `top10_share = 25`.

# %% [markdown] lang="ru"
# ## Упражнение 1.9 · Кто управляет бизнесом: вы или ваши клиенты?
# Таблица зависимости из рабочей тетради блока: какую долю выручки (за пять лет) дают крупнейший клиент, десять
# крупнейших и крупнейшие 20 % клиентов, индекс Херфиндаля–Хиршмана и «эффективное число клиентов».
#
# **Какую долю выручки приносят десять крупнейших клиентов?** Прочитайте её в таблице. Введите долю дробью или в
# процентах, например `top10_share = 0.25` или `top10_share = 25`.

# %%
conc = concentration(pnl, measure="revenue")
display(concentration_table(conc, lang=lang).style.hide(axis="index"))
ax = plot_concentration(whale_curve(pnl, measure="revenue"), conc, lang=lang)
plt.show()

# %%
top10_share = float(conc["top10_share"])  # SOLUTION
check("1.9", top10_share)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** who runs the demo company's business — the company or its clients? And in your company: what
# happens if the largest client leaves? And the three largest?
#
# <details><summary>Check yourself</summary>
#
# - At the demo company no single client dictates the terms: the ten largest bring about a tenth of the revenue, and
#   the effective number of clients runs into the hundreds.
# - Low dependence in revenue does not mean the profit is spread as widely: the whale curve shows that a fifth of the
#   clients earn more than the whole profit.
# - Where dependence is high, the way out is the middle of the list and new clients that fit the profile — not deeper
#   discounts for the largest.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кто управляет бизнесом демонстрационной компании — она сама или её клиенты? А в вашей компании: что
# будет, если уйдёт крупнейший клиент? А три крупнейших?
#
# <details><summary>Проверьте себя</summary>
#
# - В демонстрационной компании ни один клиент не диктует условия: десять крупнейших дают около десятой части
#   выручки, а эффективное число клиентов — сотни.
# - Низкая зависимость по выручке не значит, что так же распределена прибыль: «кривая кита» показывает, что пятая
#   часть клиентов зарабатывает больше всей прибыли.
# - При высокой зависимости выход — развивать середину списка и искать новых клиентов, подходящих под профиль, а не
#   давать крупнейшим ещё большие скидки.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 1.10 · Your view against the figures
# The block starts with a questionnaire on the main errors in sales management and ends with the same answers set
# against the company's figures. Here the answers are those of an example participant (the same for everybody in
# the room); the figures are the demo company's.
#
# **What share of the revenue comes from profitable clients, by the data?** It stands beside the statement «We know
# which clients lose us money after the cost to serve», in the column "The data says". Type it as a fraction or in
# per cent, e.g. `profitable_share = 0.5` or `profitable_share = 50`.

# %% [markdown] lang="ru"
# ## Упражнение 1.10 · Ваш взгляд и цифры компании
# Блок начинается с анкеты об основных ошибках в управлении продажами и заканчивается теми же ответами рядом с
# цифрами компании. Здесь ответы — участника-примера (одни и те же у всех в зале), цифры — демонстрационной
# компании.
#
# **Какая доля выручки, по данным, приходится на прибыльных клиентов?** Она стоит рядом с утверждением «Знаем,
# какие клиенты приносят нам убыток с учётом стоимости обслуживания», в столбце «По данным». Введите долю дробью
# или в процентах, например `profitable_share = 0.5` или `profitable_share = 50`.

# %%
q_errors = read_questionnaire("kb_sales_errors")
errors = load_answers(q_errors)  # no answers given: the example participant's
measured = measure(["profitable_revenue", "second_order"], ds, facts)
errors_result = assess(q_errors, errors.table, measured=measured)
ui.styled(evidence_where_table(q_errors, errors_result, lang), lang)

# %%
profitable_share = float(errors_result.questions.set_index("question_id").loc["gf_client_pnl", "measured"])  # SOLUTION
check("1.10", profitable_share)

# %% [markdown] lang="en"
# ## Exercise 1.11 · A stricter comparison (change and rerun)
# An answer "disagrees with the data" when it lies more than one point of the scale away from the measured figure.
# **Make the comparison stricter: change the tolerance in the cell below from `1.0` to `0.5`, run the cell and
# count the answers that now disagree with the data** (the column "Verdict"). Type the number, e.g.
# `disagree_strict = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 1.11 · Сравнение построже (измените и запустите)
# Ответ «расходится с данными», если он отстоит от измеренной цифры больше чем на один балл шкалы. **Сделайте
# сравнение строже: поменяйте в ячейке ниже допуск с `1.0` на `0.5`, запустите ячейку и посчитайте ответы, которые
# теперь расходятся с данными** (столбец «Вывод»). Введите число, например `disagree_strict = 3`.

# %%
strict = assess(q_errors, errors.table, measured=measured, tolerance=1.0)  # EXERCISE
strict = assess(q_errors, errors.table, measured=measured, tolerance=0.5)  # SOLUTION
ui.styled(evidence_where_table(q_errors, strict, lang), lang)

# %%
disagree_strict = int(strict.questions["disagree"].sum())  # SOLUTION
check("1.11", disagree_strict)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the example participant rated «We know how many new clients never ordered a second time» in the
# middle of the scale. Is a tolerance of one point right for such statements, or should the company hold itself to
# half a point?
#
# <details><summary>Check yourself</summary>
#
# - One point of a five-point scale is a quarter of the range: wide enough that "partly" and two thirds of the new
#   clients ordering again agree.
# - Half a point separates "partly" from "mostly": it asks the participant to know the figure, not to feel it.
# - What matters is the conversation: where the view and the figure differ, who measures the figure and how often.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** участник-пример оценил утверждение «Знаем, сколько новых клиентов так и не сделали повторного
# заказа» серединой шкалы. Подходит ли для таких утверждений допуск в один балл или компании стоит требовать от себя
# полбалла?
#
# <details><summary>Проверьте себя</summary>
#
# - Один балл пятибалльной шкалы — четверть её размаха: достаточно широко, чтобы «отчасти так» совпало с тем, что
#   повторно заказали две трети новых клиентов.
# - Полбалла отделяет «отчасти» от «скорее так»: участник должен знать цифру, а не ощущать её.
# - Главное — разговор: где мнение и цифра расходятся, кто измеряет цифру и как часто.
#
# </details>
