# %% [markdown] lang="en"
# # Block 1 · Main errors in sales management
# *Seminar "Customer base and key clients: audit, creation, management"*
#
# **What you will see**
# - Revenue by year next to gross margin and the profit that is left after the cost of serving each client.
# - Which clients earn the company's money and which quietly lose it (the "whale curve").
# - What the "fat" clients won with deep discounts and other concessions really bring.
# - How much the business depends on a few clients — who runs the business: you or your clients?
# - Your own view of the main errors first (a short questionnaire), and at the end the same answers set against
#   the company's figures.
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
# - Сначала — ваш собственный взгляд на основные ошибки (короткая анкета), а в конце — те же ответы рядом с
#   цифрами компании.
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
# - `participant` — your name: the questionnaire's answers are saved under it; empty (default) shows the latest
#   saved answers of anyone, or an example.
# - `answers_dir` — the folder where the answers are saved; `None` (default) is the project's `answers` folder.
# - `errors_answers` — a filled-in answer file of the questionnaire (the spreadsheet form
#   `exercises/kb/en/forms/kb_sales_errors.xlsx` or a saved CSV); `None` (default) uses the saved answers.
# - `group_dir` — the trainer's folder with the group's answer files; `None` (default) shows 12 example
#   participants.
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
# - `participant` — ваше имя: под ним сохраняются ответы анкеты; пусто (по умолчанию) — последние сохранённые
#   ответы любого участника или пример.
# - `answers_dir` — папка, где сохраняются ответы; `None` (по умолчанию) — папка `answers` проекта.
# - `errors_answers` — заполненный файл ответов анкеты (форма в Excel `exercises/kb/ru/forms/kb_sales_errors.xlsx`
#   или сохранённый CSV); `None` (по умолчанию) — сохранённые ответы.
# - `group_dir` — папка тренера с файлами ответов группы; `None` (по умолчанию) — 12 участников для примера.
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
# The questionnaire of the block: the main errors in sales management
participant = ""  # your name: your answers are saved under it; empty means the latest saved answers of anyone
answers_dir = None  # the folder of saved answers; None means the project's answers folder
errors_answers = None  # a filled-in answer file (the spreadsheet form or a saved CSV); None means the saved answers
group_dir = None  # the trainer's folder of the group's answer files; None shows 12 example participants

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    CostToServeRates,
    assess,
    client_pnl,
    concentration,
    concession_clients,
    group_answers,
    group_view,
    load_answers,
    measure,
    read_questionnaire,
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
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.paths import ANSWERS_DIR
from kbcore.views import concentration_table, profitability_figures
from kbcore.views.assessment import (
    captioned,
    gaps_table,
    group_html,
    group_table,
    intro_html,
    result_html,
)
from kbcore.views.profitability import concession_table
from kbcore.views.self_assessment import disagreements, evidence_where_table
from kbcore.widgets import cost_to_serve_explorer
from kbcore.widgets.assessment import questionnaire_form

use_style()

# %% [markdown] lang="en"
# ## Before the figures: what do you think?
# The seminar starts from your own view. Below are a dozen statements, each the good practice that protects a
# company from one of the common errors in managing sales: steering by gross figures, discounts given to win the
# deal, new clients at any price, clients who run the business. Rate how true each is of your company today —
# the honest answer, not the desired one. Your answers are saved on every change under your name, each sitting in
# a new file (an earlier answer is never overwritten); the spreadsheet form of the same questionnaire gives the
# same result. At the end of the block (section 5) your answers come back next to the company's figures.
#
# The seminar author's list of errors is not published: the statements are our reading of the literature named
# below, and the trainer can replace them.

# %% [markdown] lang="ru"
# ## До цифр: как вы думаете?
# Семинар начинается с вашего собственного взгляда. Ниже — дюжина утверждений, каждое описывает правильную
# практику, которая защищает компанию от одной из типичных ошибок в управлении продажами: ориентации на валовые
# показатели, скидок «лишь бы продать», новых клиентов любой ценой, клиентов, которые управляют бизнесом. Оцените,
# насколько каждое верно для вашей компании сегодня, — честно, а не так, как хотелось бы. Ответы сохраняются при
# каждом изменении под вашим именем, каждый раз в новый файл (прежние ответы никогда не перезаписываются);
# та же анкета в виде формы Excel даёт тот же результат. В конце блока (раздел 5) ваши ответы вернутся рядом с цифрами
# компании.
#
# Авторский список ошибок не опубликован: утверждения — наше прочтение литературы, указанной ниже; тренер может
# их заменить.

# %% [markdown] lang="en" tags=["remove"]
# The form below saves to `answers_dir` (by default the project's `answers` folder) under the name in
# `participant`. Prefer a spreadsheet? Fill in `exercises/kb/en/forms/kb_sales_errors.xlsx`, save it, and give its
# path as `errors_answers` in the parameters (or put it in the answers folder).

# %% [markdown] lang="ru" tags=["remove"]
# Форма ниже сохраняет ответы в `answers_dir` (по умолчанию — папка `answers` проекта) под именем из
# `participant`. Удобнее в Excel? Заполните `exercises/kb/ru/forms/kb_sales_errors.xlsx`, сохраните и укажите путь
# к файлу в параметре `errors_answers` (или положите файл в папку ответов).

# %%
q_errors = read_questionnaire("kb_sales_errors")
display(HTML(intro_html(q_errors, lang)))

# %% tags=["widget"]
questionnaire_form(q_errors, folder=answers_dir or ANSWERS_DIR, participant=participant, lang=lang)

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
# ## 5. Your view against the figures
# Your answers to the questionnaire at the start of the block: the score by section (the share of the maximum),
# then the statements the company's data can check — what you answered, what the data measures and where the
# workbook shows it. An answer more than one point of the scale away from the measured figure disagrees with the
# data. Without your answers (a report, or before you answer) the workbook shows an example participant's answers,
# marked as an example.

# %% [markdown] lang="ru"
# ## 5. Ваш взгляд и цифры компании
# Ваши ответы на анкету из начала блока: оценка по разделам (доля от максимума), затем утверждения, которые можно
# проверить по данным компании, — что вы ответили, что показывают данные и где это видно в тетради. Ответ,
# отстоящий от измеренной цифры больше чем на один балл шкалы, расходится с данными. Если ваших ответов нет (в
# отчёте или пока вы не ответили), тетрадь показывает ответы участника-примера с пометкой «пример».

# %%
measured = measure(sorted({x.evidence for x in q_errors.questions if x.evidence}), ds, facts)
errors = load_answers(q_errors, answers_file=errors_answers, folder=answers_dir or ANSWERS_DIR,
                      participant=participant or None)
errors_result = assess(q_errors, errors.table, measured=measured)
display(HTML(result_html(q_errors, errors_result, lang, source=errors.source, about=errors.about)))

# %%
ax = plot_section_scores(q_errors, errors_result, lang=lang, example=errors.source == "example")
plt.show()

# %%
ui.styled(evidence_where_table(q_errors, errors_result, lang), lang).set_caption(
    captioned(t("sa.evidence.caption", lang), errors.source, lang))

# %%
display(Markdown(disagreements(q_errors, errors_result, lang, source=errors.source)))

# %%
ui.styled(gaps_table(q_errors, errors_result, lang), lang).set_caption(
    captioned(t("sa.gaps.caption", lang), errors.source, lang))

# %% [markdown] lang="en"
# **What to look at.** The statements where your answer and the figure disagree: "we know which clients lose us
# money" next to the share of revenue that really comes from profitable clients (section 2), "new clients are
# sought by profile" next to how many of them ordered a second time. A confident answer the data does not
# support is the error itself: the company believes it steers by profit while the figures say otherwise.
#
# **What to do about it.** Start with the first gaps of the list: each comes with a concrete action and who does
# it. Bring the disagreements to the next sales meeting as questions: why do we think so, and what would we have
# to measure to know?

# %% [markdown] lang="ru"
# **На что смотреть.** На утверждения, где ваш ответ и цифра расходятся: «знаем, какие клиенты приносят убыток» —
# рядом с долей выручки, которая на самом деле приходится на прибыльных клиентов (раздел 2); «новых клиентов
# ищем по профилю» — рядом с тем, сколько из них сделали повторный заказ. Уверенный ответ, который данные не
# подтверждают, и есть ошибка: компания считает, что управляет прибылью, а цифры говорят другое.
#
# **Что с этим делать.** Начните с первых пробелов списка: у каждого есть конкретное действие и исполнитель.
# Вынесите расхождения на ближайшее совещание по продажам как вопросы: почему мы так считаем и что нужно
# измерять, чтобы знать наверняка?

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** where did your view of the company differ most from its figures? Which of the two would the
# managers of your sales department trust, and why?
#
# <details><summary>Check yourself</summary>
#
# - Read the disagreements: each names your answer and the measured share (for example the revenue from
#   profitable clients, section 2).
# - A view that is more optimistic than the data usually comes from reports in revenue alone: nobody has seen the
#   client profit.
# - The remedy is a figure in the regular report (client profit, second orders of new clients), not a stronger
#   opinion.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** в чём ваш взгляд на компанию сильнее всего разошёлся с её цифрами? Чему поверили бы менеджеры
# вашего отдела продаж — мнению или цифрам — и почему?
#
# <details><summary>Проверьте себя</summary>
#
# - Прочитайте расхождения: в каждом — ваш ответ и измеренная доля (например, выручка от прибыльных клиентов,
#   раздел 2).
# - Взгляд оптимистичнее данных обычно рождается из отчётов только по выручке: прибыль по клиентам никто не видел.
# - Лечится это цифрой в регулярном отчёте (прибыль по клиентам, повторные заказы новых клиентов), а не более
#   твёрдым мнением.
#
# </details>

# %% [markdown] lang="en"
# ## For the trainer: the group's answers
# Collect the participants' answer files in one folder and point the workbook to it: the workbook shows each participant's latest answers side by side, anonymously — how the answers spread on each
# statement and where the group agrees least (the best place to start the discussion). Without a folder it shows
# twelve example participants, marked as an example.

# %% [markdown] lang="ru"
# ## Для тренера: ответы группы
# Соберите файлы ответов участников в одну папку и укажите её тетради: тетрадь покажет последние ответы
# каждого участника рядом, без имён, — как распределились ответы по каждому утверждению и где группа согласна
# меньше всего (с этого лучше всего начинать обсуждение). Без папки показаны двенадцать участников для примера,
# с пометкой «пример».

# %% [markdown] lang="en" tags=["remove"]
# The folder is the parameter `group_dir` (each participant's latest file counts once).

# %% [markdown] lang="ru" tags=["remove"]
# Папка задаётся параметром `group_dir` (у каждого участника учитывается последний файл).

# %%
group_sets, example_group = group_answers(q_errors, group_dir)
group = group_view(q_errors, group_sets)
display(HTML(group_html(q_errors, group, lang, example_group=example_group)))

# %%
ax = plot_group_answers(q_errors, group, lang=lang, example=example_group)
plt.show()

# %%
ui.styled(group_table(q_errors, group, lang), lang).set_caption(
    captioned(t("sa.group.caption", lang), "example" if example_group else "file", lang))

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
