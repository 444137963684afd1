# %% [markdown] lang="en"
# # Block 1 · Main errors in sales management
# *Seminar "Customer base and key clients: audit, creation, management"*
#
# **What you will see**
# - Revenue by year next to gross margin and the profit that is left after the cost of serving each client.
# - Which clients earn the company's money and which quietly lose it (the "whale curve").
# - What the "fat" clients won with deep discounts and other concessions really bring.
# - How much the business depends on a few clients — who runs the business: you or your clients?
#
# The seminar's claim: steering by gross sales volume is the main error in sales management.
# Let us check it on the data.

# %% [markdown] lang="ru"
# # Блок 1 · Основные ошибки в управлении продажами
# *Семинар «Клиентская база и ключевые клиенты: аудит — создание — управление»*
#
# **Что вы увидите**
# - Выручку по годам рядом с валовой маржой и прибылью, которая остаётся за вычетом стоимости обслуживания
#   каждого клиента.
# - Какие клиенты зарабатывают компании деньги, а какие незаметно их теряют («кривая кита»).
# - Что на самом деле приносят «жирные» клиенты, привлечённые большими скидками и другими уступками.
# - Насколько бизнес зависит от нескольких клиентов: кто управляет бизнесом — вы или ваши клиенты?
#
# Главный тезис семинара: ориентация на валовые показатели сбыта — основная ошибка в управлении продажами.
# Проверим его на данных.

# %% [markdown] lang="en" tags=["remove"]
# **Settings of this workbook** (the next cell; change a value and run the workbook again):
# - `data` — the folder or file with your company's exports; `None` (default) runs the demo company.
# - `mapping` — a YAML file that maps your column headers onto the workbook's columns; `None` (default)
#   understands the usual 1C and English headers.
# - `lang` — the language of texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` (default) takes all the data.
# - `cost_per_order` — what handling one order costs (order entry, picking, invoicing), roubles; default 1 500.
# - `cost_per_delivery` — one delivery day (transport and unloading), roubles; default 2 500.
# - `cost_per_visit` — one sales visit (the manager's time and travel), roubles; default 6 000.
# - `credit_rate` — the yearly cost of money tied up in payment terms (deferred payment); default 0.16 = 16 %.
# - `concession_threshold` — from which average discount a client counts as "won with concessions";
#   default 0.15 = 15 %.
#
# Put your company's own figures into the four cost rates: ask finance what an order, a delivery and a visit
# cost you, and what your money costs a year.

# %% [markdown] lang="ru" tags=["remove"]
# **Настройки рабочей тетради** (следующая ячейка; измените значение и запустите тетрадь заново):
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демо-компания.
# - `mapping` — файл YAML, сопоставляющий заголовки ваших столбцов со столбцами тетради; `None` (по умолчанию)
#   понимает обычные заголовки 1С и английские.
# - `lang` — язык текстов, графиков и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` (по умолчанию) — все данные.
# - `cost_per_order` — стоимость обработки одного заказа (приём заказа, комплектация, выставление счёта), руб.;
#   по умолчанию 1 500.
# - `cost_per_delivery` — стоимость одного дня доставки (транспорт и разгрузка), руб.; по умолчанию 2 500.
# - `cost_per_visit` — стоимость одного визита торгового представителя (время менеджера и дорога), руб.;
#   по умолчанию 6 000.
# - `credit_rate` — годовая стоимость денег, замороженных в отсрочке платежа (дебиторской задолженности);
#   по умолчанию 0.16, то есть 16 %.
# - `concession_threshold` — с какой средней скидки клиент считается «привлечённым уступками»;
#   по умолчанию 0.15, то есть 15 %.
#
# Впишите в четыре ставки затрат цифры своей компании: спросите у финансовой службы, во что вам обходятся
# заказ, доставка и визит и сколько стоят деньги в год.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
# Cost-to-serve model (RUB): what it costs to serve a client besides the goods themselves
cost_per_order = 1500.0  # handling one order (document): order entry, picking, invoicing
cost_per_delivery = 2500.0  # one delivery day: transport and unloading
cost_per_visit = 6000.0  # one sales visit: the manager's time and travel
credit_rate = 0.16  # yearly cost of money tied up in payment terms (deferred payment)
concession_threshold = 0.15  # a client whose average discount is at least this is a "concession client"

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

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
from kbcore.charts import (
    plot_concentration,
    plot_concession,
    plot_whale_curve,
    plot_yearly,
    use_style,
)
from kbcore.facts import Facts
from kbcore.views import concentration_table, profitability_figures
from kbcore.views.profitability import concession_table
from kbcore.widgets import cost_to_serve_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company) are read, their columns recognised and checked. The data-quality
# report below says what was read, what was dropped and why, and what is missing. The sales of the period are
# then summed once per client, order and year, and every section below works from these sums.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демо-компании) читаются, их столбцы распознаются и проверяются. Отчёт о качестве данных
# ниже показывает, что прочитано, что отброшено и почему, чего не хватает. Затем продажи периода один раз
# суммируются по клиентам, заказам и годам, и все разделы ниже работают с этими итогами.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end)
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
rates = CostToServeRates(
    per_order=cost_per_order,
    per_delivery=cost_per_delivery,
    per_visit=cost_per_visit,
    credit_rate=credit_rate,
)
has_cost = ds.has("sales", "cost")
has_discount = ds.has("sales", "discount")
pnl = client_pnl(facts, ds.clients, ds.interactions, rates=rates)
curve = whale_curve(pnl)
curve_summary = whale_summary(curve)

# %% [markdown] lang="en"
# ## 1. Revenue grows. Does profit?
# Gross figures by year: revenue, gross margin (revenue minus the cost of goods) and **client profit** — the
# gross margin minus the cost to serve each client: orders, deliveries, sales visits and the money tied up in
# payment terms. The cost rates are set at the top of the workbook; put in your company's own figures.

# %% [markdown] lang="ru"
# ## 1. Выручка растёт. А прибыль?
# Валовые показатели по годам: выручка, валовая маржа (выручка минус себестоимость) и **прибыль по клиентам** —
# валовая маржа за вычетом стоимости обслуживания каждого клиента: заказов, доставок, визитов торговых
# представителей и денег, замороженных в отсрочке платежа. Ставки затрат задаются в начале рабочей тетради;
# подставьте цифры своей компании.

# %%
yearly = yearly_summary(facts, ds.clients, ds.interactions, rates=rates)
ui.styled(yearly, lang)

# %%
ax = plot_yearly(yearly, lang=lang)
plt.show()

# %%
if not has_cost:
    display(Markdown(ui.needs("need.cost", "need.cost.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Compare the slope of the revenue bars with the profit line. When revenue climbs year
# after year and profit stays where it was, the growth was bought: with discounts, with small frequent orders,
# with visits and deferred payments that nobody charged to the client.
#
# **What to do about it.** Stop setting plans in revenue alone. Put client profit (after the cost to serve)
# next to revenue in every sales review, and ask of each large new client: what will it cost us to serve?

# %% [markdown] lang="ru"
# **На что смотреть.** Сравните, как растут столбцы выручки и как идёт линия прибыли. Если выручка из года в год
# растёт, а прибыль стоит на месте, рост был куплен: скидками, мелкими частыми заказами, визитами и отсрочками
# платежа, которые никто не включил в цену для клиента.
#
# **Что с этим делать.** Перестаньте ставить планы только в выручке. На каждом разборе продаж показывайте рядом
# с выручкой прибыль по клиентам (после стоимости обслуживания) и про каждого крупного нового клиента
# спрашивайте: во что нам обойдётся его обслуживание?

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** in what do you set your salespeople's plan: revenue or profit? Which of a manager's decisions
# would change if the plan and the bonus were set in client profit?
#
# <details><summary>Check yourself</summary>
#
# - Compare the growth of revenue with the growth of client profit in the table: where revenue grows faster, the
#   difference was spent on discounts, small orders, visits and payment terms.
# - A plan in revenue alone rewards exactly that: nobody answers for what serving a client costs.
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
# - Сравните в таблице рост выручки и рост прибыли по клиентам: если выручка растёт быстрее, разница ушла на скидки,
#   мелкие заказы, визиты и отсрочки платежа.
# - План только в выручке поощряет именно это: никто не отвечает за то, во что обходится обслуживание клиента.
# - Если в плане рядом с выручкой стоит прибыль по клиенту, менеджер считает стоимость обслуживания клиента до
#   сделки, а не после.
#
# </details>

# %% [markdown] lang="en"
# ## 2. Which clients earn the money? Client profitability and the whale curve
# The client profitability statement puts every client on one line: revenue, cost of goods, gross margin,
# the cost to serve and the profit that remains. The most profitable clients first:

# %% [markdown] lang="ru"
# ## 2. Кто из клиентов зарабатывает деньги? Прибыльность клиентов и «кривая кита»
# Отчёт о прибыльности клиентов сводит каждого клиента в одну строку: выручка, себестоимость, валовая маржа,
# стоимость обслуживания и оставшаяся прибыль. Сначала самые прибыльные клиенты:

# %%
ui.styled(pnl[["client_id", "name", "revenue", "gross_margin", "cost_to_serve", "profit"]], lang, max_rows=10)

# %% [markdown] lang="en"
# And the least profitable ones:

# %% [markdown] lang="ru"
# И самые убыточные:

# %%
ui.styled(pnl[["client_id", "name", "revenue", "gross_margin", "cost_to_serve", "profit"]].tail(10), lang)

# %% [markdown] lang="en"
# The **whale curve** ranks clients from the most to the least profitable and adds up their profit. It rises
# above 100% — the best clients earn more than the company's whole profit — and then falls: the clients on the
# right give part of it back (Kaplan and Narayanan report peaks of 150–300% in real companies).

# %% [markdown] lang="ru"
# **«Кривая кита»** (кривая прибыльности клиентов) выстраивает клиентов от самых прибыльных к самым убыточным
# и складывает их прибыль нарастающим итогом. Она поднимается выше 100 % — лучшие клиенты зарабатывают больше,
# чем вся прибыль компании, — а затем опускается: клиенты справа отдают часть заработанного обратно
# (Каплан и Нараянан приводят пики в 150–300 % в реальных компаниях).

# %%
ax = plot_whale_curve(curve, curve_summary, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the sliders: what if a visit costs twice as much, or money is cheaper? The curve and the
# count of unprofitable clients follow. (The sliders work in JupyterLab; a report shows the chart above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Подвигайте ползунки: что будет, если визит стоит вдвое дороже или деньги дешевле? Кривая
# и число убыточных клиентов пересчитываются сразу. (Ползунки работают в JupyterLab; в отчёте — график выше.)

# %% tags=["widget"]
cost_to_serve_explorer(facts, ds.clients, ds.interactions, rates=rates, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The height of the peak (how much profit the best clients make) and the length of the
# tail after it (how many clients give it back, and how much).
#
# **What to do about it.** Do not "fire" the tail: reprice it. Minimum order sizes, fewer visits and more
# phone or online ordering, shorter payment terms, or a service level that matches what the client pays.

# %% [markdown] lang="ru"
# **На что смотреть.** На высоту пика (сколько прибыли дают лучшие клиенты) и на длину «хвоста» после него
# (сколько клиентов отдают прибыль обратно и сколько именно).
#
# **Что с этим делать.** Не «увольняйте» хвост — пересмотрите условия работы с ним: минимальная партия заказа,
# меньше визитов и больше заказов по телефону или через интернет, короче отсрочка платежа, уровень сервиса
# по тому, сколько клиент платит.

# %% [markdown] lang="en"
# ## 3. The "fat" clients won with concessions
# Clients attracted with deep discounts look big in revenue. Here clients whose average discount reaches the
# threshold (15% unless changed in the settings) are compared with all the others: their share of revenue
# against their share of profit.

# %% [markdown] lang="ru"
# ## 3. «Жирные» клиенты, привлечённые уступками
# Клиенты, привлечённые большими скидками, выглядят крупными по выручке. Здесь клиенты со средней скидкой
# от порога (15 %, если порог не изменён в настройках) сравниваются со всеми остальными: их доля в выручке
# против их доли в прибыли.

# %%
concession = concession_clients(pnl, threshold=concession_threshold)
ui.styled(concession_table(concession, lang), lang)

# %%
ax = plot_concession(concession, lang=lang)
plt.show()

# %%
if not has_discount:
    display(Markdown(ui.needs("need.discount", "need.discount.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** A group whose revenue bar is much taller than its profit bar — or whose profit is below
# zero — was bought, not won. Do these clients fit the company at all, by their key success factors?
#
# **What to do about it.** Before the next tender or price concession, work out the client's profit at that
# price. Tie discounts to what the client gives in return: volume, payment terms, fewer deliveries.

# %% [markdown] lang="ru"
# **На что смотреть.** Группа, у которой столбец выручки намного выше столбца прибыли (или прибыль ниже нуля),
# куплена, а не завоёвана. Подходят ли эти клиенты компании вообще — по своим ключевым факторам успеха (КФУ)?
#
# **Что с этим делать.** Перед следующим тендером или ценовой уступкой посчитайте, какую прибыль даст клиент
# по этой цене. Привязывайте скидки к тому, что клиент даёт взамен: объём, условия оплаты, меньше доставок.

# %% [markdown] lang="en"
# ## 4. Who runs the business: you or your clients?
# "If you have no customer base, you do not manage your business: your clients do." Dependence on a few
# clients in numbers: the share of the largest client, of the ten largest and of the largest 20% of clients in
# revenue, and the Herfindahl–Hirschman index (HHI) with its "effective number of clients" (1 / HHI).

# %% [markdown] lang="ru"
# ## 4. Кто управляет бизнесом: вы или ваши клиенты?
# «Если у вас нет клиентской базы, то вы не управляете своим бизнесом — им управляют ваши клиенты». Зависимость
# от нескольких клиентов в цифрах: доля в выручке крупнейшего клиента, десяти крупнейших и крупнейших 20 %
# клиентов, а также индекс Херфиндаля–Хиршмана (HHI) и «эффективное число клиентов» (1 / HHI).

# %%
conc = concentration(pnl, measure="revenue")
revenue_curve = whale_curve(pnl, measure="revenue")
concentration_table(conc, lang=lang).style.hide(axis="index")

# %%
ax = plot_concentration(revenue_curve, conc, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The verdict and the effective number of clients: the business depends on its clients
# as much as if it had that many clients of equal size.
#
# **What to do about it.** Where dependence is high, the largest clients dictate prices and terms. Build the
# customer base to make the business less dependent: develop the middle of the list and find new clients that
# fit the profile.

# %% [markdown] lang="ru"
# **На что смотреть.** На вывод и на эффективное число клиентов: бизнес зависит от клиентов так же, как если бы
# у него было столько клиентов одинакового размера.
#
# **Что с этим делать.** При высокой зависимости цены и условия диктуют крупнейшие клиенты. Стройте клиентскую
# базу, чтобы снизить эту зависимость: развивайте середину списка и ищите новых клиентов, подходящих под
# профиль.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** what happens to your company if its largest client leaves? And the three largest? Who sets the
# prices and the terms today: you or they?
#
# <details><summary>Check yourself</summary>
#
# - The share of the largest client and of the ten largest in the table is the revenue at stake if they leave.
# - The effective number of clients says how many equal-sized clients the dependence amounts to: a handful means the
#   clients dictate the terms.
# - Dependence is lowered by developing the middle of the list and by new clients that fit the profile — not by
#   deeper discounts for the largest.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** что будет с вашей компанией, если уйдёт крупнейший клиент? А три крупнейших? Кто сегодня
# устанавливает цены и условия — вы или они?
#
# <details><summary>Проверьте себя</summary>
#
# - Доля крупнейшего клиента и десяти крупнейших в таблице — это выручка, которая под угрозой, если они уйдут.
# - Эффективное число клиентов показывает, скольким клиентам одинакового размера равна зависимость: если их единицы,
#   условия диктуют клиенты.
# - Зависимость снижают развитием середины списка и новыми клиентами, подходящими под профиль, — а не ещё большими
#   скидками крупнейшим.
#
# </details>

# %% [markdown] lang="en"
# ## Key figures of block 1

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 1

# %% tags=["key-figures"]
profitability_figures(yearly, curve_summary, concession, conc, has_cost=has_cost, has_discount=has_discount,
                      lang=lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in the block 1 exercise workbook (the trainer has the answers).
# Then block 2: what a customer base is, compared with a list of clients.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в рабочей тетради упражнений блока 1 (ответы — у тренера).
# Затем блок 2: что такое клиентская база и чем она отличается от списка клиентов.
