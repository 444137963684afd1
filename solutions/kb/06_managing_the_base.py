# %% [markdown] lang="en"
# # Block 6 · Exercises · How to manage the customer base
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Nine short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. Most need no programming: you **read** a number off a table or a chart that the workbook
# shows, or you **change one value** in a cell, run it again and read the result. Type what you read into the answer
# cell and run it: the check under it says at once whether you are right and, if not yet, gives a hint — one step
# more at each try. Exercise 6.9 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 6 · Упражнения · Как управлять клиентской базой
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Девять коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. Программировать почти не нужно: вы **читаете** число в таблице или на
# диаграмме, которую показывает тетрадь, или **меняете одно значение** в ячейке, запускаете её ещё раз и читаете
# результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно ли, а если пока
# нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 6.9 — для аналитика (нужен pandas), по
# желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`a_clients = 12`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) —
# and run the cell (Shift+Enter). Stuck before answering? `hint("6.3")` in a new cell shows the next step of the
# hint. In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`a_clients = 12`), долю
# (`share = 0.23` или `share = 23` для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку (Shift+Enter).
# Не знаете, с чего начать? `hint("6.3")` в новой ячейке показывает следующий шаг подсказки. В упражнении «измените и
# запустите» поменяйте в вызове то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore import views as ui
from kbcore.analyses import (
    abc,
    abc_summary,
    abc_xyz_matrix,
    client_pnl,
    client_stages,
    ksf_scores,
    last_full_months,
    new_clients,
    pareto_curves,
    pareto_table,
    read_ksf,
    rfm,
    rfm_summary,
    second_order_conversion,
    with_scores,
    xyz,
    xyz_summary,
)
from kbcore.analyses.money_zones import money_zones
from kbcore.charts import plot_abc_xyz, plot_conversion, plot_pareto, use_style
from kbcore.facts import Facts
from kbcore.i18n import fmt_date, t
from kbcore.views.ksf import factors_table, labelled, totals_table
from kbcore.views.money_zones import activity_table, zones_note
from kbcore.views.retention import cohort_note, conversion_table
from kbcore.views.segmentation import abc_view, pareto_view, segments_view
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("6.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
pnl = client_pnl(facts, ds.clients, ds.interactions)  # five years, one line per client
window_start, window_end = last_full_months(facts.as_of, 12)  # the last 12 full months
print(fmt_date(window_start, lang), "–", fmt_date(window_end, lang))

# %% [markdown] lang="en"
# ## Exercise 6.1 · How far from 80/20?
# The table and the chart below are the Pareto analysis of the block's workbook: the clients sorted from the largest,
# and what the best 20 % of them bring — in revenue and in client profit — over the five years of data.
#
# **What share of the revenue do the best 20 % of clients bring?** Read it in the row "revenue" of the table. Type
# it as a fraction or as a percentage, e.g. `top20_share = 0.5` or `top20_share = 50`. Is the demo company above or
# below the 80/20 rule?

# %% [markdown] lang="ru"
# ## Упражнение 6.1 · Далеко ли до 80/20?
# Таблица и диаграмма ниже — анализ по закону Парето из рабочей тетради блока: клиенты выстроены от крупного к
# мелкому, и видно, сколько дают лучшие 20 % из них — по выручке и по прибыли по клиенту — за пять лет данных.
#
# **Какую долю выручки приносят лучшие 20 % клиентов?** Прочитайте её в строке «выручка» таблицы. Введите долю дробью
# или в процентах, например `top20_share = 0.5` или `top20_share = 50`. Демонстрационная компания выше или ниже
# правила 80/20?

# %%
pareto_tbl = pareto_table(pnl, ("revenue", "profit"))
ui.styled(pareto_view(pareto_tbl, lang), lang, pct=["top_share", "target_client_share", "gap"],
          ints=["target_clients"])

# %%
ax = plot_pareto(pareto_curves(pnl, ("revenue", "profit")), pareto_tbl, lang=lang)
plt.show()

# %%
top20_share = float(pareto_tbl.set_index("measure").loc["revenue", "top_share"])  # SOLUTION
check("6.1", top20_share)

# %% [markdown] lang="en"
# ## Exercise 6.2 · What if we became cheaper? (change and rerun)
# The example table of key success factors (KSF) below: the weight of each factor for the client and the scores 1–5
# of us and of two competitors (an example of an industrial distributor, not the demo company's own survey). Today
# Competitor 1 is a little ahead of us on the weighted score.
#
# Suppose a new price list lifts **our price score from 3 to 4**. In the cell of the exercise change our price score
# from 3 to 4, run the cell and read the table of weighted scores. **Who leads then?**
#
# 1) Us
# 2) Competitor 1
# 3) Competitor 2
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 6.2 · А если мы станем дешевле? (измените и запустите)
# Ниже — пример таблицы ключевых факторов успеха (КФУ): вес каждого фактора для клиента и оценки от 1 до 5 — наши и
# двух конкурентов (пример промышленного дистрибьютора, а не опрос демонстрационной компании). Сегодня Конкурент 1
# чуть впереди нас по взвешенной оценке.
#
# Допустим, новый прайс-лист поднимает **нашу оценку по цене с 3 до 4**. В ячейке упражнения поменяйте нашу оценку по
# цене с 3 на 4, запустите ячейку и посмотрите таблицу взвешенных оценок. **Кто тогда лидирует?**
#
# 1) Мы
# 2) Конкурент 1
# 3) Конкурент 2
#
# Введите номер варианта, например `answer = 3`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `with_scores(ksf_table, "Price", us=3)` is the table with our price score set to 3 (as today); put 4
# in place of the 3.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `with_scores(ksf_table, "Price", us=3)` — таблица, где наша оценка по цене равна 3 (как сегодня); поставьте
# 4 вместо 3.

# %%
ksf_table = read_ksf()  # the example table of the seminar (data/templates/ksf.csv)
ksf_today = ksf_scores(ksf_table)
ui.styled(factors_table(ksf_today, lang), lang, pct=["weight"]).set_caption(
    labelled(ksf_today, t("ksf.table.factors", lang), lang))

# %%
what_if = with_scores(ksf_table, "Price", us=3)  # EXERCISE
what_if = with_scores(ksf_table, "Price", us=4)  # SOLUTION
what_if_scores = ksf_scores(what_if)
display(ui.styled(totals_table(what_if_scores, lang), lang, ints=["rank"]).set_caption(
    labelled(what_if_scores, t("ksf.table.totals", lang), lang)))
answer = 1 + ["us", "competitor_1", "competitor_2"].index(what_if_scores.totals["player"].iloc[0])  # SOLUTION
check("6.2", answer)

# %% [markdown] lang="en"
# ## Exercise 6.3 · Money on the table
# The three money zones of the demo company with the block's default rules. The table below splits our clients in
# two: the **active** ones, who bought in the last year, and the others. Money on the table is what a client could
# still buy from us: its potential minus what it buys today.
#
# **How much money, in roubles a year, is on the table at the active clients?** Type the number without spaces
# (rounded to the million is fine), e.g. `on_table_active = 1250000000`.

# %% [markdown] lang="ru"
# ## Упражнение 6.3 · Деньги на столе
# Три зоны денег демонстрационной компании по правилам блока по умолчанию. Таблица ниже делит наших клиентов на две
# группы: **активные** — покупали за последний год, и остальные. Деньги на столе — то, что клиент ещё мог бы покупать
# у нас: его потенциал за вычетом того, что он покупает сегодня.
#
# **Сколько денег (рублей в год) лежит на столе у активных клиентов?** Введите число без пробелов (можно округлить до
# миллиона), например `on_table_active = 1250000000`.

# %%
zones = money_zones(facts, ds.clients, ds.market)
print(zones_note(zones, lang))
ui.styled(activity_table(zones, lang), lang)

# %%
on_table_active = float(activity_table(zones, lang)["money_on_table"].iloc[0])  # SOLUTION
check("6.3", on_table_active)

# %% [markdown] lang="en"
# ## Exercise 6.4 · One order and gone
# The new clients of the demo company and their conversion to a second order (the model "risk of refusal to
# cooperate after the first order"). Only the new clients who had six months to order again are counted.
#
# **What share of them placed only one order?** Read it in the column "One order only". Type it as a fraction or as a
# percentage, e.g. `one_order_share = 0.5` or `one_order_share = 50`.

# %% [markdown] lang="ru"
# ## Упражнение 6.4 · Один заказ — и всё
# Новые клиенты демонстрационной компании и их конверсия во второй заказ (модель «Риск отказа от сотрудничества при
# первом заказе»). Считаются только новые клиенты, у которых было полгода на повторный заказ.
#
# **Какая доля из них сделала только один заказ?** Прочитайте её в столбце «Только один заказ». Введите долю дробью
# или в процентах, например `one_order_share = 0.5` или `one_order_share = 50`.

# %%
new = new_clients(facts, ds.clients)
print(cohort_note(new, lang))
conv_cols = ["group", "clients", "repeat_clients", "one_order_clients", "one_order_share", "second_order_rate",
             "median_days_to_second"]
conv_formats = {"pct": ["one_order_share", "second_order_rate"],
                "ints": ["repeat_clients", "one_order_clients", "median_days_to_second"]}
ui.styled(conversion_table(second_order_conversion(new), lang)[conv_cols], lang, **conv_formats)

# %%
one_order_share = float(second_order_conversion(new)["one_order_share"].iloc[0])  # SOLUTION
check("6.4", one_order_share)

# %% [markdown] lang="en"
# ## Exercise 6.5 · The channel that loses its clients
# The same conversion by acquisition channel (from the client card): the table and the chart below.
#
# **Which channel has the highest share of clients with one order only?**
#
# 1) Маркетплейс (marketplace)
# 2) Холодные звонки (cold calls)
# 3) Выставка (trade fair)
# 4) Рекомендация (recommendation)
#
# Type the number of the option, e.g. `answer = 2`.

# %% [markdown] lang="ru"
# ## Упражнение 6.5 · Канал, который теряет клиентов
# Та же конверсия по каналам привлечения (из карточки клиента): таблица и диаграмма ниже.
#
# **У какого канала самая высокая доля клиентов, сделавших только один заказ?**
#
# 1) Маркетплейс
# 2) Холодные звонки
# 3) Выставка
# 4) Рекомендация
#
# Введите номер варианта, например `answer = 2`.

# %%
by_channel = second_order_conversion(new, by="acquisition_channel")
display(ui.styled(conversion_table(by_channel, lang)[conv_cols], lang, **conv_formats))
ax = plot_conversion(by_channel, lang=lang)
plt.show()

# %%
answer = 1 + ["Маркетплейс", "Холодные звонки", "Выставка", "Рекомендация"].index(by_channel["group_id"].iloc[0])  # SOLUTION
check("6.5", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** what will you do with the new clients from this channel in the weeks after their first order — and
# should the company stop buying clients there?
#
# <details><summary>Check yourself</summary>
#
# - The second order usually comes within a few weeks (the column "Median days to the second order"): the call and
#   the offer for the second order must come before that, not after a quarter of silence.
# - Each new client gets a manager at the first order, and the one-order clients of the last 90 days are the
#   workbook's risk list: call them first.
# - Do not close the channel on the share alone: compare what a client from it costs to win with the money of those
#   who stay.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** что вы сделаете с новыми клиентами из этого канала в первые недели после первого заказа — и стоит ли
# компании вообще привлекать клиентов оттуда?
#
# <details><summary>Проверьте себя</summary>
#
# - Второй заказ обычно приходит в течение нескольких недель (столбец «Медиана дней до второго заказа»): звонок и
#   предложение на второй заказ нужны до этого срока, а не после квартала молчания.
# - За каждым новым клиентом с первого заказа закреплён менеджер; клиенты с одним заказом за последние 90 дней — это
#   список риска в рабочей тетради блока: звонить им первыми.
# - Не закрывайте канал только по доле: сравните, во что обходится привлечение клиента оттуда, с деньгами тех, кто
#   остался.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 6.6 · A clients by profit (change and rerun)
# The cell of the exercise makes the ABC analysis of the five years by **revenue**, as the block's workbook does
# (bounds 80 % / 95 %). Run it once as it is and note how many clients are A.
#
# Then make the ABC analysis on **client profit** (gross profit minus the cost to serve): change the measure in the
# cell from revenue to profit and run it again. **How many clients are A by profit?** Type the number, e.g.
# `a_by_profit = 12`. What does the difference from A by revenue tell you?

# %% [markdown] lang="ru"
# ## Упражнение 6.6 · Клиенты группы A по прибыли (измените и запустите)
# Ячейка упражнения делает ABC-анализ за пять лет по **выручке**, как рабочая тетрадь блока (границы 80 % / 95 %).
# Запустите её как есть и запомните, сколько клиентов в группе A.
#
# Затем проведите ABC-анализ по **прибыли по клиенту** (валовая прибыль минус стоимость обслуживания): поменяйте в
# ячейке показатель с выручки на прибыль и запустите ещё раз. **Сколько клиентов в группе A по прибыли?** Введите
# число, например `a_by_profit = 12`. О чём говорит разница с группой A по выручке?

# %% [markdown] lang="en" tags=["remove"]
# In the cell the measure is the argument `measure` of `abc(...)`: revenue is `"revenue"`, client profit `"profit"`.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке показатель — аргумент `measure` функции `abc(...)`: выручка — `"revenue"`, прибыль по клиенту — `"profit"`.

# %%
classes_5y = abc(pnl, measure="revenue")  # EXERCISE
classes_5y = abc(pnl, measure="profit")  # SOLUTION
display(ui.styled(abc_view(abc_summary(classes_5y)), lang))
a_by_profit = int((classes_5y["abc"] == "A").sum())  # SOLUTION
check("6.6", a_by_profit)

# %% [markdown] lang="en"
# ## Exercise 6.7 · The core of the business: AX (change and rerun)
# The ABC×XYZ matrix of the last 12 full months: ABC by revenue and XYZ by the regularity of the monthly purchases.
# The cell of the exercise uses the **classic** XYZ bounds, made for the demand of a product: X up to 10 %, Y up to
# 25 %. Run it as it is and look at the column X.
#
# Then put the bounds for **B2B clients** — X up to 50 %, Y up to 100 % — and run the cell again. **How many clients
# sit in the AX cell — large and regular?** Read the number of clients in the chart's cell A-X and type it, e.g.
# `ax_clients = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 6.7 · Ядро бизнеса: AX (измените и запустите)
# Матрица ABC×XYZ за последние 12 полных месяцев: ABC по выручке и XYZ по регулярности помесячных закупок. Ячейка
# упражнения берёт **классические** границы XYZ, придуманные для спроса на товар: X до 10 %, Y до 25 %. Запустите её
# как есть и посмотрите на столбец X.
#
# Затем поставьте границы для **B2B-клиентов** — X до 50 %, Y до 100 % — и запустите ячейку ещё раз. **Сколько
# клиентов в ячейке AX — крупных и регулярных?** Прочитайте число клиентов в ячейке A-X диаграммы и введите его,
# например `ax_clients = 12`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell the bounds are the argument `thresholds` of `xyz(...)`, as shares: `(0.10, 0.25)` is X up to 10 %, Y up
# to 25 %.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке границы — аргумент `thresholds` функции `xyz(...)`, в долях: `(0.10, 0.25)` — это X до 10 %, Y до 25 %.

# %%
classes = abc(facts.clients(window_start, window_end))  # ABC by revenue over the last 12 full months
regularity = xyz(facts, start=window_start, end=window_end, thresholds=(0.10, 0.25))  # EXERCISE
regularity = xyz(facts, start=window_start, end=window_end, thresholds=(0.50, 1.00))  # SOLUTION
display(ui.styled(xyz_summary(regularity), lang, pct=["client_share", "median_cv"]))
ax = plot_abc_xyz(abc_xyz_matrix(classes, regularity), lang=lang)
plt.show()
ax_clients = int(abc_xyz_matrix(classes, regularity).set_index("cell").loc["AX", "clients"])  # SOLUTION
check("6.7", ax_clients)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** with the classic bounds (10 % / 25 %) how many clients were X? Why are bounds made for the demand of
# a product wrong for the purchases of a B2B client?
#
# <details><summary>Check yourself</summary>
#
# - With the classic bounds there is not a single X client, and nearly every client is Z: the matrix would say
#   nothing.
# - A B2B client buys in lots every few weeks, so even a regular client's monthly revenue swings well above 25 %; a
#   product's demand summed over many buyers is much smoother.
# - The bounds must fit the rhythm of the purchases: check them on a few clients the managers know as regular.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** сколько клиентов было в X при классических границах (10 % / 25 %)? Почему границы, придуманные для
# спроса на товар, не подходят для закупок B2B-клиента?
#
# <details><summary>Проверьте себя</summary>
#
# - При классических границах нет ни одного клиента X, почти все — Z: матрица ничего не говорит.
# - B2B-клиент закупает партиями раз в несколько недель, поэтому даже у регулярного клиента помесячная выручка
#   колеблется намного больше чем на 25 %; спрос на товар, сложенный из многих покупателей, гораздо ровнее.
# - Границы должны соответствовать ритму закупок: проверьте их на нескольких клиентах, которых менеджеры знают как
#   регулярных.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 6.8 · Champions
# The RFM segments of the demo company at the last sales date, with the block's default rules: how recently each
# client bought (R), how often (F) and how much (M) in the last 365 days.
#
# **How many clients are champions?** Read it in the table and type the number, e.g. `n_champions = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 6.8 · Чемпионы
# RFM-сегменты демонстрационной компании на последнюю дату продаж, по правилам блока по умолчанию: как давно клиент
# покупал (R), как часто (F) и на какую сумму (M) за последние 365 дней.
#
# **Сколько клиентов — чемпионы?** Прочитайте число в таблице и введите его, например `n_champions = 12`.

# %%
scores = rfm(facts)
ui.styled(segments_view(rfm_summary(scores), lang), lang, money=["monetary"], pct=["monetary_share"],
          ints=["median_recency"], max_rows=None)

# %%
n_champions = int((scores["rfm_segment"] == "champions").sum())  # SOLUTION
check("6.8", n_champions)

# %% [markdown] lang="en"
# ## Exercise 6.9 · Large clients slipping away (for the analyst, optional)
# Which A clients of the last 12 months (ABC by revenue, as in exercise 6.7) are at the lifecycle stage "declining"
# (block 2)? Answer with the list of their client codes — this is the head of sales' call list.

# %% [markdown] lang="ru"
# ## Упражнение 6.9 · Крупные клиенты, которые уходят (для аналитика, по желанию)
# Какие клиенты группы A за последние 12 месяцев (ABC по выручке, как в упражнении 6.7) находятся на этапе жизненного
# цикла «угасающий» (блок 2)? Ответ — список их кодов клиентов: это список звонков руководителя отдела продаж.

# %% [markdown] lang="en" tags=["remove"]
# The stages are `client_stages(facts, ds.clients)` (column `stage`, "declining"); join them to `classes` (column
# `abc`) on `client_id` and answer with a list of codes, e.g. `declining_a = ["000001", "000002"]`.

# %% [markdown] lang="ru" tags=["remove"]
# Этапы — `client_stages(facts, ds.clients)` (столбец `stage`, значение «declining»); соедините их с `classes`
# (столбец `abc`) по `client_id` и ответьте списком кодов, например `declining_a = ["000001", "000002"]`.

# %%
stages = client_stages(facts, ds.clients)
both = classes.merge(stages[["client_id", "stage"]], on="client_id")  # SOLUTION
declining_a = both.loc[(both["abc"] == "A") & (both["stage"] == "declining"), "client_id"].tolist()  # SOLUTION
check("6.9", declining_a)

# %% tags=["solution"]
# For the trainer: the same clients with their names, revenue of the window and why they are declining.
from kbcore.views.lifecycle import reason_text  # noqa: E402

view = stages.assign(why=reason_text(stages, lang)).set_index("client_id").loc[declining_a, ["why"]]
view = view.join(ds.clients.set_index("client_id")[["name", "manager"]]).reset_index()
ui.styled(view[["client_id", "name", "manager", "why"]], lang)  # the people's column headers
