# %% [markdown] lang="en"
# # Block 6 · How to manage the customer base
# *(block «TBEM» — total business experience management — of the seminar "Customer base and key clients: audit,
# creation, management")*
#
# **What you will see** — the block's tools for analysing and managing the customer base, in the program's order:
# - Pareto's law: how far the company is from the 80/20 rule, in revenue and in client profit; the KSF & CSF model:
#   what the clients value and how we compare with the competitors.
# - The "three money zones" model: money in hand, on the table and in the market — and where the next rouble is
#   easiest to win.
# - The client lifecycle algorithm (every client at its stage, every stage with its action) and the risk that a new
#   client refuses to go on after the first order.
# - Segmenting the customer base: ABC by money, XYZ by the regularity of purchases, the ABC×XYZ matrix with an action
#   for each cell, and RFM segments (champions, loyal, at risk, lost …).
# - The management functions carried by the base: the plan by client, the managers' load, plan against actual by
#   manager and by segment.
# - Managing the base on CRM principles: one client table with every class, stage and next action, ready to import
#   into 1C, Bitrix24 or amoCRM — so that the analysis changes the managers' daily work.

# %% [markdown] lang="ru"
# # Блок 6 · Как управлять клиентской базой
# *(«TBEM» — управление накопленным бизнес-опытом компании; семинар «Клиентская база и ключевые клиенты: аудит,
# создание, управление»)*
#
# **Что вы увидите** — инструменты анализа и управления «КБ» в порядке программы блока:
# - «Закон В. Парето»: насколько компания далека от правила 80/20 — по выручке и по прибыли по клиенту; модель
#   «KSF & CSF» (ключевые и критические факторы успеха, КФУ): что ценят клиенты и как мы выглядим на фоне конкурентов.
# - Модель «Три зоны денег»: деньги в руках, на столе и на рынке — и где легче всего заработать следующий рубль.
# - «Алгоритм жизненного цикла клиента в КБ» (у каждого клиента — свой этап, у каждого этапа — своё действие) и
#   модель «Риск отказа от сотрудничества при первом заказе».
# - Сегментирование «КБ»: ABC-анализ по деньгам, XYZ-анализ по регулярности закупок, матрица ABC×XYZ с действием для
#   каждой ячейки и RFM-сегменты (чемпионы, лояльные, под риском, потерянные …).
# - Основные функции менеджмента через «КБ»: план по клиентам, загрузка менеджеров, план-факт по менеджерам и по
#   сегментам.
# - Управление клиентской базой на принципах CRM: одна таблица клиентов со всеми классами, этапами и следующими
#   действиями, готовая к загрузке в 1С, Битрикс24 или amoCRM, — чтобы анализ изменил ежедневную работу менеджеров.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. Put your folder
#   here, e.g. `"exports/"`. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the
#   usual 1C and English headers.
# - `lang` — the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (RFM, lifecycle, CRM table); `None` is the last sales day.
# - `abc_cuts` — the ABC bounds of the cumulative share, `(0.80, 0.95)`: A up to 80 %, B up to 95 %. `abc_measure` —
#   what ABC ranks by: `"revenue"` (default), `"gross_margin"` or `"profit"` (client profit; both need the cost of
#   goods).
# - `xyz_months` — the XYZ window, 12 full months; `xyz_min_months` — a client with fewer months of history (6) is N,
#   new; `xyz_thresholds` — the classic X/Y bounds made for goods, `(0.10, 0.25)`; `xyz_thresholds_clients` — the
#   bounds for B2B clients used by the matrix and the CRM table, `(0.50, 1.00)`.
# - `rfm_window_days` — frequency and money count the last 365 days; `rfm_recency_days` — the days since the last
#   purchase that still give R = 5, 4, 3, 2: `(30, 90, 180, 365)`; `rfm_frequency` — the purchase days that give
#   F = 2, 3, 4, 5: `(2, 6, 12, 24)`. Adapt both to your clients' buying rhythm.
# - `ksf_file` — your KSF table (CSV or Excel); `None` shows the example of a typical distributor. Copy
#   `data/templates/ksf.csv`, fill in your factors, weights and scores, and put the copy's path here.
# - `money_window_days` — money in hand is the revenue of the last 365 days; `impute_potential` —
#   `"segment_median"` gives a client without a potential the median of its segment, `"none"` leaves it out;
#   `weight_active` (1.0), `weight_inactive` (0.5), `weight_market` (0.2) — the ease weights of the money still to win.
# - `min_follow_days` — a new client enters the second-order rates after 183 days (six months); `risk_recent_days` —
#   the risk list covers the one-order clients whose first order is at most 90 days old.
# - `plan_growth` — the growth goal of our model's plan (block 5): 0.15 is +15 %.
# - `crm_folder` — where to write the files for the CRM; `None` only shows the table. Set it, e.g. `"crm/"`, to get
#   `clients_for_crm.csv` and `clients_for_crm.xlsx` there. `ka_template` — the key-account matrix template of
#   block 7 that gives the table its strategy column; `None` is `data/templates/ka_portfolio.yaml`.
#   `ka_manual_scores` — the same table of the trainer's manual scores as in block 7; `None` — none.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры** (следующая ячейка; для JupyterLab, в отчёты не попадает). Для демонстрационной компании оставьте их
# как есть.
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демонстрационная компания. Укажите
#   свою папку, например `"exports/"`. `mapping` — YAML-файл соответствия ваших заголовков столбцов стандартным;
#   `None` — читаются обычные заголовки 1С и английские.
# - `lang` — язык текстов, диаграмм и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — дата среза (RFM,
#   жизненный цикл, таблица для CRM); `None` — последний день продаж.
# - `abc_cuts` — границы ABC по накопленной доле, `(0.80, 0.95)`: A до 80 %, B до 95 %. `abc_measure` — по какому
#   показателю ранжирует ABC: `"revenue"` — выручка (по умолчанию), `"gross_margin"` — валовая прибыль или
#   `"profit"` — прибыль по клиенту (для двух последних нужна себестоимость).
# - `xyz_months` — окно XYZ, 12 полных месяцев; `xyz_min_months` — клиент с меньшей историей (6 месяцев) попадает
#   в N, новые; `xyz_thresholds` — классические границы X/Y для товаров, `(0.10, 0.25)`; `xyz_thresholds_clients` —
#   границы для B2B-клиентов в матрице и в таблице для CRM, `(0.50, 1.00)`.
# - `rfm_window_days` — частота и деньги считаются за последние 365 дней; `rfm_recency_days` — сколько дней с
#   последней покупки ещё дают R = 5, 4, 3, 2: `(30, 90, 180, 365)`; `rfm_frequency` — сколько дней с покупками дают
#   F = 2, 3, 4, 5: `(2, 6, 12, 24)`. Подстройте обе под ритм закупок ваших клиентов.
# - `ksf_file` — ваша таблица КФУ (CSV или Excel); `None` — пример типичного дистрибьютора. Скопируйте
#   `data/templates/ksf.csv`, впишите свои факторы, веса и оценки и укажите здесь путь к копии.
# - `money_window_days` — деньги в руках — это выручка за последние 365 дней; `impute_potential` —
#   `"segment_median"` присваивает клиенту без оценки потенциала медиану его сегмента, `"none"` — не учитывает его;
#   `weight_active` (1,0), `weight_inactive` (0,5), `weight_market` (0,2) — веса лёгкости для денег, которые ещё можно
#   заработать.
# - `min_follow_days` — новый клиент входит в расчёт повторных заказов через 183 дня (полгода); `risk_recent_days` —
#   список риска включает клиентов с одним заказом, сделанным не более 90 дней назад.
# - `plan_growth` — цель роста в плане нашей модели (блок 5): 0.15 — это +15 %.
# - `crm_folder` — папка для файлов CRM; `None` — только показать таблицу. Укажите, например, `"crm/"`, и там
#   появятся `clients_for_crm.csv` и `clients_for_crm.xlsx`. `ka_template` — шаблон матрицы ключевых клиентов
#   блока 7, по которому заполняется столбец стратегии; `None` — `data/templates/ka_portfolio.yaml`.
#   `ka_manual_scores` — та же таблица ручных оценок тренера, что и в блоке 7; `None` — без неё.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (RFM, lifecycle, CRM table); None means the last sales date
# ABC: cumulative-share cuts (A up to 80%, B up to 95%) and the measure: "revenue", "gross_margin" or "profit"
abc_cuts = (0.80, 0.95)
abc_measure = "revenue"
# XYZ: coefficient of variation of monthly purchases over the last full months
xyz_months = 12  # length of the XYZ window in months (also the window of the ABC x XYZ matrix)
xyz_min_months = 6  # fewer months of history in the window means class N (new or too short a history)
xyz_thresholds = (0.10, 0.25)  # the classic bounds (X up to 10%, Y up to 25%), made for goods
xyz_thresholds_clients = (0.50, 1.00)  # bounds for B2B clients used by the matrix and the CRM table
# RFM: fixed cut points (ties always share a score)
rfm_window_days = 365  # frequency and monetary count the last this many days
rfm_recency_days = (30, 90, 180, 365)  # R is 5 up to 30 days since the last purchase, 4 up to 90 …, 1 above 365
rfm_frequency = (2, 6, 12, 24)  # F is 1 below 2 purchase days in the window, 2 from 2 …, 5 from 24
# KSF/CSF
ksf_file = None  # your KSF table (CSV or Excel); None means the example data/templates/ksf.csv
# Three money zones (our reading of the author's model; every rule is a parameter)
money_window_days = 365  # money in hand counts the revenue of the last this many days up to as_of
impute_potential = "segment_median"  # clients without a potential: "segment_median" or "none" (left out)
weight_active = 1.0  # ease weight of money on the table at a client who bought in the window
weight_inactive = 0.5  # ease weight of money on the table at a client who did not buy in the window
weight_market = 0.2  # ease weight of money in the market (companies that are not our clients yet)
# Risk after the first order
min_follow_days = 183  # a new client enters the conversion rates after this many days (six months)
risk_recent_days = 90  # the risk list covers one-order clients whose first order is at most this many days old
# Plan (block 5): the growth goal used for the plan-versus-actual check of the last full year
plan_growth = 0.15
crm_folder = None  # folder where the CRM files are written; None means show the table, write nothing
ka_template = None  # the key-account matrix template of block 7 (YAML); None means data/templates/ka_portfolio.yaml
ka_manual_scores = None  # block 7's manual scores of the matrix (CSV/Excel: client_id, criterion, score), or None

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import TEMPLATE as KSF_TEMPLATE
from kbcore.analyses import (
    ZONES,
    Goals,
    RFMRules,
    ZoneRules,
    abc,
    abc_summary,
    abc_xyz_matrix,
    base_year,
    client_pnl,
    client_stages,
    clients_due,
    crm_key_accounts,
    crm_rfm,
    crm_table,
    first_order_risk,
    ksf_scores,
    last_full_months,
    load_portfolio_template,
    manager_load,
    new_clients,
    next_rouble,
    pareto_curves,
    pareto_table,
    plan_by_client,
    plan_vs_actual,
    read_ksf,
    read_scores_table,
    rfm,
    rfm_summary,
    second_order_conversion,
    stage_counts,
    targets_vs_actual,
    time_to_second_order,
    xyz,
    xyz_summary,
    zone_table,
)
from kbcore.analyses.money_zones import money_zones
from kbcore.app.crm import write_crm
from kbcore.charts import (
    plot_abc,
    plot_abc_xyz,
    plot_conversion,
    plot_ksf,
    plot_manager_load,
    plot_money_zones,
    plot_pareto,
    plot_plan_vs_actual,
    plot_rfm_segments,
    plot_time_to_second,
    use_style,
)
from kbcore.facts import Facts
from kbcore.i18n import catalogue, fmt_number, fmt_pct, t, tn
from kbcore.views import (
    abc_xyz_actions,
    cohort_note,
    conversion_table,
    counts_table,
    crm_headers,
    crm_texts,
    due_table,
    factors_table,
    ksf_figures,
    labelled,
    money_zones_figures,
    next_rouble_table,
    pareto_view,
    retention_figures,
    rfm_rules,
    risk_table,
    segmentation_figures,
    segments_view,
    stage_actions,
    totals_table,
    zones_note,
    zones_view,
)
from kbcore.widgets import abc_explorer, retention_explorer, zone_weights_explorer

use_style()

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Файлы компании (или демонстрационной компании) читаются, их заголовки сопоставляются со стандартными таблицами и
# проверяются. Отчёт о качестве данных ниже показывает, что прочитано, что отброшено и почему и чего не хватает.

# %%
ds = kbcore.load(data, mapping)
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %%
snapshot = facts.as_of  # the analysis date: as_of, else the last sales day
has_cost = ds.has("sales", "cost")
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)
measures = ("revenue", "profit") if has_cost else ("revenue",)

# %% [markdown] lang="en"
# ## 1. Pareto's law: how many clients make the money?
# Pareto's law in sales says that about 20 % of the clients bring about 80 % of the money. Is it true here — and for
# which money? Below: the share of revenue and of client profit (block 1: gross profit minus the cost to serve) that
# the best 20 % of clients bring, and how many clients it takes to make 80 %.

# %% [markdown] lang="ru"
# ## 1. «Закон В. Парето»: сколько клиентов приносят основные деньги?
# В продажах закон Парето гласит: примерно 20 % клиентов приносят примерно 80 % денег. Так ли это у нас — и для каких
# денег? Ниже: какую долю выручки и прибыли по клиенту (блок 1: валовая прибыль минус стоимость обслуживания клиента)
# дают лучшие 20 % клиентов и сколько клиентов нужно, чтобы набрать 80 %.

# %%
pareto = pareto_table(pnl, measures)
ui.styled(pareto_view(pareto, lang), lang, pct=["top_share", "target_client_share", "gap"], ints=["target_clients"])

# %%
ax = plot_pareto(pareto_curves(pnl, measures), pareto, lang=lang)
plt.show()

# %%
if not has_cost:
    display(Markdown(ui.needs("need.segmentation.profit", "need.segmentation.profit.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** The dot on each curve is what the top 20 % of clients bring. Revenue close to 80 % means a
# "normal" base; far above means dependence on a few clients; far below means a flat base of similar clients. The
# profit curve usually climbs above 100 %: the best clients earn more than the whole profit and the others give part
# of it back (block 1's whale curve).
#
# **What to do about it.** The few clients who make 80 % of the profit deserve key-account care (block 7). The long
# tail needs a cheaper way to be served, not more visits.

# %% [markdown] lang="ru"
# **На что смотреть.** Точка на каждой кривой — сколько дают лучшие 20 % клиентов. Выручка около 80 % — «нормальная»
# база; намного выше — зависимость от нескольких клиентов; намного ниже — ровная база из похожих клиентов. Кривая
# прибыли обычно поднимается выше 100 %: лучшие клиенты зарабатывают больше всей прибыли, а остальные часть её
# отдают обратно («кривая кита» из блока 1).
#
# **Что с этим делать.** Немногие клиенты, которые дают 80 % прибыли, заслуживают работы как с ключевыми клиентами
# (блок 7). «Длинному хвосту» нужен более дешёвый способ обслуживания, а не больше визитов.

# %% [markdown] lang="en"
# ## 2. KSF and CSF: what do clients value, and how do we compare?
# Key and critical success factors (the KSF & CSF model): the handful of things on which a client chooses a
# supplier — delivery time, assortment in stock, price, payment terms, technical advice, reliability, documents.
# Each factor has a **weight** (how much it matters to the client; the weights add up to 100 %) and every player —
# us and each competitor — a **score** from 1 (poor) to 5 (excellent). The weighted score Σ weight × score says whom
# the client would choose; the gap to the best competitor, factor by factor, says where to invest.
#
# This table is in no export: the sales team fills it in (better: asks the clients). Until the company's own table
# is given, the workbook shows an **example** — a typical industrial distributor, not your company: every table,
# chart and key figure made from it says "example".

# %% [markdown] lang="ru"
# ## 2. Модель «KSF & CSF»: что ценят клиенты и как мы выглядим на фоне конкурентов?
# Ключевые и критические факторы успеха (КФУ) — несколько вещей, по которым клиент выбирает поставщика: срок
# поставки, наличие ассортимента на складе, цена, условия оплаты (отсрочка платежа), техническая консультация,
# надёжность, документы. У каждого фактора есть **вес** — насколько он важен клиенту (сумма весов — 100 %), а у
# каждого участника рынка — у нас и у каждого конкурента — **оценка** от 1 (плохо) до 5 (отлично). Взвешенная оценка
# Σ вес × оценка показывает, кого выберет клиент; разрыв с лучшим конкурентом по каждому фактору — куда вкладываться.
#
# Этой таблицы нет ни в одной выгрузке: её заполняет отдел продаж (а лучше — сами клиенты в опросе). Пока своей
# таблицы компании нет, рабочая тетрадь показывает **пример** — типичного промышленного дистрибьютора, а не вашу
# компанию: каждая таблица, диаграмма и ключевой показатель по нему помечены словом «пример».

# %% [markdown] lang="en" tags=["remove"]
# To use your own table: copy `data/templates/ksf.csv`, put your factors, weights and scores in it and give its path
# as `ksf_file` in the parameters cell.

# %% [markdown] lang="ru" tags=["remove"]
# Чтобы взять свою таблицу: скопируйте `data/templates/ksf.csv`, впишите в неё свои факторы, веса и оценки и укажите
# путь к копии в параметре `ksf_file`.

# %%
ksf_table = read_ksf(KSF_TEMPLATE if ksf_file is None else ksf_file)
ksf_result = ksf_scores(ksf_table)
if ksf_result.note:
    display(Markdown(t(ksf_result.note, lang, total=fmt_number(ksf_result.weight_sum, lang, 2))))
ui.styled(totals_table(ksf_result, lang), lang, ints=["rank"]).set_caption(
    labelled(ksf_result, t("ksf.table.totals", lang), lang))

# %%
ui.styled(factors_table(ksf_result, lang), lang, pct=["weight"]).set_caption(
    labelled(ksf_result, t("ksf.table.factors", lang), lang))

# %%
ax = plot_ksf(ksf_result, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **What to look at.** The factors at the top weigh most. A red bar there — we score below the best competitor on
# what the client values most — costs more than any green bar lower down can win back. Compare the weighted scores:
# a competitor slightly ahead overall usually wins the tender.
#
# **What to do about it.** Fix the heaviest red gap first (here: assortment in stock and price), and sell with the
# green ones (technical advice, payment terms): they are the arguments of the sales pitch. Check the weights with the
# clients themselves once a year — the seller's view of "what matters" is often wrong.

# %% [markdown] lang="ru"
# **На что смотреть.** Вверху — самые весомые факторы. Красная полоса там (наша оценка ниже, чем у лучшего
# конкурента, в том, что клиенту важнее всего) стоит дороже, чем могут отыграть любые зелёные полосы ниже. Сравните
# взвешенные оценки: конкурент, который в целом чуть впереди, обычно и выигрывает тендер.
#
# **Что с этим делать.** Сначала закройте самый весомый красный разрыв (здесь — наличие ассортимента и цена), а
# продавайте зелёными: техническая консультация и условия оплаты — аргументы для коммерческого предложения. Раз в год
# сверяйте веса с самими клиентами: представление продавца о том, «что важно», часто ошибочно.

# %% [markdown] lang="en"
# ## 3. The three money zones: where is the next rouble easiest to win?
# The seminar author's "three money zones" model (an algorithm for bringing clients into the base), in our reading:
#
# - **money in hand**: what the current clients buy from us — their revenue of the last year (365 days up to the
#   analysis date);
# - **money on the table**: what our clients buy from others — their potential (the estimated yearly purchases of
#   our category, from the client card) minus what they buy from us;
# - **money in the market**: what the companies of our segments that are not our clients yet buy — per market cell
#   (segment × region): the companies minus our clients, times the purchases of one company.
#
# Clients without a potential get the median potential of their segment; the line below says how many.

# %% [markdown] lang="ru"
# ## 3. Модель «Три зоны денег»: где легче всего взять следующий рубль?
# Модель автора семинара «Три зоны денег» (алгоритм привлечения клиентов в «КБ») в нашем прочтении:
#
# - **деньги в руках** — что текущие клиенты покупают у нас: их выручка за последний год (365 дней до даты анализа);
# - **деньги на столе** — что наши клиенты покупают у других: их потенциал (оценка годовых закупок нашей категории из
#   карточки клиента) минус то, что они покупают у нас;
# - **деньги на рынке** — что покупают компании наших сегментов, которые пока не наши клиенты: по каждой ячейке рынка
#   (сегмент × регион) — число компаний минус наши клиенты, умноженное на закупки одной компании.
#
# Клиентам без оценки потенциала присваивается медиана потенциала их сегмента; сколько таких клиентов, сказано в
# строке ниже.

# %% [markdown] lang="en" tags=["remove"]
# The year of the money in hand is `money_window_days`; the potential is the column `potential` of the clients file;
# `impute_potential = "none"` leaves the clients without a potential out instead of giving them the segment's median.

# %% [markdown] lang="ru" tags=["remove"]
# Год для денег в руках задаёт параметр `money_window_days`; потенциал — столбец `potential` в файле клиентов;
# `impute_potential = "none"` не учитывает клиентов без оценки потенциала вместо того, чтобы присвоить им медиану
# сегмента.

# %%
zone_rules = ZoneRules(window_days=money_window_days, impute_potential=impute_potential,
                       weight_active=weight_active, weight_inactive=weight_inactive, weight_market=weight_market)
zones = money_zones(facts, ds.clients, ds.market, rules=zone_rules)
print(zones_note(zones, lang))
zones_by_segment = zone_table(zones, by="segment")
ui.styled(zones_view(zones_by_segment, lang), lang, money=[*ZONES, "money_total"], ints=["active_clients"])

# %%
if not zones.notes["potential_known"]:
    display(Markdown(ui.needs("need.zones.potential", "need.zones.potential.how", lang)))
if not zones.notes["market_known"]:
    display(Markdown(ui.needs("need.zones.market", "need.zones.market.how", lang)))
if not (ds.has("clients", "segment") and ds.has("clients", "region")):
    display(Markdown(ui.needs("need.zones.segment", "need.zones.segment.how", lang)))

# %%
ax = plot_money_zones(zones_by_segment, lang=lang)
plt.show()

# %% [markdown] lang="en"
# The market dwarfs everything else — that is normal, and it is the model's first lesson: the money we hold is a
# small part of the money there is. Without the market, by region: how much of our own clients' potential do we
# take?

# %% [markdown] lang="ru"
# Рынок намного больше всего остального — это нормально, и это первый урок модели: деньги, которые у нас в руках, —
# малая часть денег, которые вообще есть. Без рынка, по регионам: какую часть потенциала собственных клиентов мы
# забираем?

# %%
zones_by_region = zone_table(zones, by="region")
ax = plot_money_zones(zones_by_region, lang=lang, zones=("money_in_hand", "money_on_table"))
plt.show()

# %% [markdown] lang="en"
# **Where is the next rouble easiest?** Every piece of money still to win is ranked by its *priority* = money × the
# weight of its zone: on the table of an active client (weight 1.0 — the door is open), on the table of a client who
# stopped buying (0.5 — the door must be reopened), in the market (0.2 — a new client must be won first; a market
# cell counts as one more company of that cell). The weights are a judgement, not a measured probability: move the
# sliders (in JupyterLab) and watch the list reorder.

# %% [markdown] lang="ru"
# **Где следующий рубль взять легче всего?** Все деньги, которые ещё можно заработать, ранжируются по *приоритету* =
# сумма × вес её зоны: деньги на столе у активного клиента (вес 1,0 — дверь открыта), на столе у клиента, который
# перестал покупать (0,5 — дверь нужно открыть заново), на рынке (0,2 — сначала нужно привлечь нового клиента;
# ячейка рынка считается как ещё одна компания этой ячейки). Веса — экспертная оценка, а не измеренная вероятность:
# подвигайте ползунки (в JupyterLab) и посмотрите, как меняется порядок списка.

# %%
ranked = next_rouble_table(next_rouble(zones, top=15), lang)  # only the 15 rows shown are put in words
ui.styled(ranked[["rank", "what", "label", "segment", "region", "money", "weight", "ease_score", "why"]], lang,
          money=["money", "ease_score"], max_rows=15)

# %% tags=["widget"]
zone_weights_explorer(zones, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** How much money is on the table compared with the money in hand — that is the share of wallet
# we do not have with clients who already know us. Which segments and regions hold it, and which few clients hold
# the most.
#
# **What to do about it.** Start with the top of the list: a named manager, a visit and an offer for the money on
# the table of each large active client (ask what else they buy and from whom). Reopen the door of the inactive
# clients with the largest potential. Go into the market last, into the cells where one new company buys the most —
# and keep the potentials in the client cards up to date, or this list is a guess.

# %% [markdown] lang="ru"
# **На что смотреть.** Сколько денег на столе по сравнению с деньгами в руках: это доля в закупках клиентов, которую
# мы не получаем у тех, кто нас уже знает. В каких сегментах и регионах она лежит и у каких немногих клиентов её
# больше всего.
#
# **Что с этим делать.** Начните с верха списка: у каждого крупного активного клиента — ответственный менеджер, визит
# и предложение на деньги со стола (спросите, что ещё клиент покупает и у кого). Заново откройте дверь неактивным
# клиентам с самым большим потенциалом. На рынок идите в последнюю очередь — в те ячейки, где одна новая компания
# покупает больше всего, — и поддерживайте оценки потенциала в карточках клиентов в актуальном состоянии, иначе этот
# список — догадка.

# %% [markdown] lang="en"
# ## 4. The lifecycle algorithm: every client at its stage, every stage with its action
# Block 2 placed every client at a stage of its life with the company (new, developing, regular, key, declining,
# lost, won back). The client lifecycle algorithm gives each stage one standard action, an owner and a deadline:

# %% [markdown] lang="ru"
# ## 4. «Алгоритм жизненного цикла клиента в КБ»: у каждого клиента — свой этап, у каждого этапа — своё действие
# Блок 2 отнёс каждого клиента к этапу его жизненного цикла в компании (новый, развивающийся, постоянный, ключевой,
# угасающий, потерянный, возвращённый). Алгоритм жизненного цикла даёт каждому этапу одно стандартное действие,
# ответственного и срок:

# %%
stages = client_stages(facts, ds.clients)
ui.styled(counts_table(stage_counts(stages), lang), lang, money=["revenue_window"], pct=["revenue_share"],
          max_rows=None)

# %%
ui.styled(stage_actions(lang).drop(columns="stage_id"), lang, ints=["due_days"], max_rows=None)

# %% [markdown] lang="en"
# The work list it makes today: the clients due for their stage's action, the most urgent first.

# %% [markdown] lang="ru"
# Список работы на сегодня: клиенты, по которым пора выполнить действие их этапа, — самые срочные первыми.

# %%
due = due_table(clients_due(stages, ds.clients), lang)
ui.styled(due[["client_id", "name", "manager", "stage", "action", "why"]], lang, max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** The declining clients at the top of the list: their rhythm broke or their revenue fell, and
# they still buy — the cheapest clients to keep.
#
# **What to do about it.** Make the list the managers' Monday routine: the action, the owner and the deadline are
# already written.

# %% [markdown] lang="ru"
# **На что смотреть.** Угасающие клиенты вверху списка: их ритм закупок сбился или выручка упала, но они ещё
# покупают — удержать их дешевле всего.
#
# **Что с этим делать.** Сделайте список понедельничной рутиной менеджеров: действие, ответственный и срок уже
# записаны.

# %% [markdown] lang="en"
# ## 5. The risk of refusal to cooperate after the first order
# A client who ordered once and never again cost the whole effort of winning it. **New clients** are the cards
# created in the analysed period (or, without card dates, the clients whose first order comes well after the data
# begins); an **order** is one sales document. Only the clients who had six months (183 days) to order again enter
# the rates.

# %% [markdown] lang="ru"
# ## 5. Модель «Риск отказа от сотрудничества при первом заказе»
# Клиент, который сделал один заказ и больше не вернулся, обошёлся нам во все усилия по его привлечению. **Новые
# клиенты** — карточки, созданные в анализируемом периоде (а если дат создания карточек нет — клиенты, чей первый
# заказ пришёлся заметно позже начала данных); **заказ** — один документ продажи. В расчёт долей входят только
# клиенты, у которых было полгода (183 дня) на повторный заказ.

# %%
new = new_clients(facts, ds.clients, min_follow_days=min_follow_days)
print(cohort_note(new, lang))
if new.attrs.get("rule") != "created":
    display(Markdown(ui.needs("need.retention.created", "need.retention.created.how", lang)))
conv_cols = ["group", "clients", "repeat_clients", "one_order_clients", "one_order_share", "second_order_rate",
             "median_days_to_second"]
conv_ints = ["repeat_clients", "one_order_clients", "median_days_to_second"]
ui.styled(conversion_table(second_order_conversion(new), lang)[conv_cols], lang,
          pct=["one_order_share", "second_order_rate"], ints=conv_ints)

# %% [markdown] lang="en"
# Which new clients do not come back? By the channel that brought them (the acquisition channel of the client card):

# %% [markdown] lang="ru"
# Какие новые клиенты не возвращаются? По каналу, который их привёл (канал привлечения в карточке клиента):

# %%
has_channel = ds.has("clients", "acquisition_channel")
if has_channel:
    by_channel = second_order_conversion(new, by="acquisition_channel")
    display(ui.styled(conversion_table(by_channel, lang)[conv_cols], lang, pct=["one_order_share", "second_order_rate"],
                      ints=conv_ints))
    ax = plot_conversion(by_channel, lang=lang)
    plt.show()
else:
    display(Markdown(ui.needs("need.retention.channel", "need.retention.channel.how", lang)))

# %% [markdown] lang="en"
# And by the size and the discount of the first order, by segment, by manager and by the year the client came:

# %% [markdown] lang="ru"
# А также по размеру и скидке первого заказа, по сегменту, по менеджеру и по году прихода клиента:

# %%
for grouping in ("size_band", "discount_band", "segment", "manager", "cohort"):
    display(Markdown(f"**{t('ret.table.by', lang, by=t(f'ret.by.{grouping}', lang))}**"))
    display(ui.styled(conversion_table(second_order_conversion(new, by=grouping), lang)[conv_cols], lang,
                      pct=["one_order_share", "second_order_rate"], ints=conv_ints))

# %% [markdown] lang="en"
# **How soon does the second order come?** A Kaplan–Meier curve (Kaplan & Meier, 1958) uses every new client, the
# most recent too: a client who has not reordered *yet* counts as long as we have watched it (right-censored at the
# analysis date). The curve is the share of new clients who have ordered again t days after the first order; where
# it flattens, the clients who have not come back by then mostly never will.

# %% [markdown] lang="ru"
# **Как скоро приходит второй заказ?** Кривая Каплана — Мейера (1958) учитывает всех новых клиентов, в том числе
# самых свежих: клиент, который *пока* не сделал второго заказа, учитывается столько времени, сколько мы его
# наблюдаем (цензурирование справа на дату анализа). Кривая — доля новых клиентов, сделавших второй заказ через
# t дней после первого; где она выходит на плато, там клиенты, не вернувшиеся к этому сроку, в большинстве уже не
# вернутся.

# %%
curve = time_to_second_order(new, by="acquisition_channel" if has_channel else None)
ax = plot_time_to_second(curve, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Choose another grouping (size or discount of the first order, segment, manager) and how many days to
# show. (The selector works in JupyterLab; a report shows the charts above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Выберите другую группировку (размер или скидка первого заказа, сегмент, менеджер) и сколько дней
# показать. (Переключатель работает в JupyterLab; в отчёте — диаграммы выше.)

# %% tags=["widget"]
retention_explorer(new, lang=lang, by="acquisition_channel" if has_channel else "size_band")

# %% [markdown] lang="en"
# **Today's first-order clients, ranked by risk.** Clients with one order so far, placed at most 90 days ago (after
# a quarter most of the clients who will ever reorder have done so, and the older one-order clients are block 2's
# lost or declining ones). The rule is transparent: the risk that similar clients never reorder (the mean of the
# one-order shares of the client's channel and of its first-order size band), raised the longer the client has
# waited compared with how soon repeat clients usually reorder (Bayes: risk = p / (p + (1 − p) · W), W = the share of
# repeat clients who took longer than this client has waited so far). The reasons are written next to each client.

# %% [markdown] lang="ru"
# **Клиенты с одним заказом сегодня — по убыванию риска.** Клиенты, у которых пока один заказ, сделанный не более
# 90 дней назад (за квартал большинство тех, кто вообще сделает второй заказ, уже его сделали, а более давние
# клиенты с одним заказом — это потерянные или угасающие клиенты блока 2). Правило прозрачно: риск, что похожие
# клиенты не сделают повторного заказа (среднее долей разовых клиентов в канале клиента и в его группе по размеру
# первого заказа), растёт тем сильнее, чем дольше клиент ждёт по сравнению с тем, как быстро обычно заказывают
# повторно (формула Байеса: риск = p / (p + (1 − p) · W), где W — доля повторных клиентов, которым понадобилось больше
# времени, чем этот клиент уже ждёт). Причины написаны рядом с каждым клиентом.

# %%
risk = first_order_risk(new, recent_days=risk_recent_days)
ui.styled(risk_table(risk.head(15), lang)[["rank", "client_id", "name", "acquisition_channel", "first_date",
                                          "first_revenue", "days_since_first", "risk", "level", "why"]], lang,
          money=["first_revenue"], pct=["risk"], ints=["days_since_first"], max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** The channels and first-order sizes with the highest one-order share, and how fast the curve
# flattens: when most second orders come within a month or two, a client silent for three months is nearly lost.
#
# **What to do about it.** Treat the first order as the start of the sale, not its end: a call within a week after
# delivery, a reason for the second order (a sample, the rest of the assortment, a delivery schedule), and a named
# manager for every client from a risky channel. Work the risk list from the top every week. Ask what the channels
# with few second orders bring you (marketplace buyers looking for a one-off price) before paying more for them.

# %% [markdown] lang="ru"
# **На что смотреть.** Каналы и размеры первого заказа с самой высокой долей разовых клиентов и то, как быстро кривая
# выходит на плато: если большинство вторых заказов приходит за месяц-два, клиент, который молчит три месяца, почти
# потерян.
#
# **Что с этим делать.** Считайте первый заказ началом продажи, а не её концом: звонок в течение недели после
# поставки, повод для второго заказа (образец, остальной ассортимент, график поставок) и ответственный менеджер для
# каждого клиента из рискованного канала. Каждую неделю отрабатывайте список риска сверху вниз. Прежде чем платить
# больше за каналы, где мало вторых заказов, выясните, что они вам приносят (покупатели с маркетплейсов ищут разовую
# цену).

# %% [markdown] lang="en"
# ## 6. ABC analysis: which clients make the money
# ABC sorts the clients by a measure, from the largest, and cuts the cumulative share: **A** while the clients above
# have made less than 80 % (the client that crosses 80 % is still A), **B** up to 95 %, **C** the rest. Clients with
# a negative measure (a loss) are always C. The bounds and the measure can be changed in the parameters.

# %% [markdown] lang="ru"
# ## 6. Сегментирование «КБ». ABC-анализ: кто приносит деньги
# ABC-анализ сортирует клиентов по показателю от большего к меньшему и делит их по накопленной доле: **A** — пока
# клиенты выше набрали меньше 80 % (клиент, на котором накопленная доля переходит 80 %, ещё в A), **B** — до 95 %,
# **C** — остальные. Клиенты с отрицательным показателем (убыточные) всегда в C. Границы и показатель можно изменить
# в параметрах.

# %%
measure = abc_measure if abc_measure in pnl.columns and pnl[abc_measure].notna().any() else "revenue"
classes = abc(pnl, measure=measure, cuts=abc_cuts)
classes_summary = abc_summary(classes)
ui.styled(classes_summary.rename(columns={"value": measure}), lang, money=[measure], pct=["value_share"])

# %%
ax = plot_abc(classes_summary, lang=lang)
plt.show()

# %% [markdown] lang="en"
# **Try it.** Move the bounds or change the measure: how many clients are A by revenue, and how many by profit?
# (The sliders work in JupyterLab; a report shows the chart above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Сдвиньте границы или смените показатель: сколько клиентов в группе A по выручке, а сколько — по
# прибыли? (Ползунки работают в JupyterLab; в отчёте — диаграмма выше.)

# %% tags=["widget"]
abc_explorer(pnl, measures=measures + (("gross_margin",) if has_cost else ()), measure=measure,
             cuts=abc_cuts, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The number of A clients against the number of managers: can each A client get real attention?
# Compare A by revenue with A by profit — the clients that are A in revenue but C in profit are bought volume.
#
# **What to do about it.** Give A clients a named manager and a plan; serve B clients regularly; move C clients to
# cheap channels (phone, e-mail, online ordering, a minimum order).

# %% [markdown] lang="ru"
# **На что смотреть.** Число клиентов группы A против числа менеджеров: может ли каждый клиент A получить настоящее
# внимание? Сравните группу A по выручке с группой A по прибыли: клиенты, которые в A по выручке, но в C по прибыли, —
# это купленный объём.
#
# **Что с этим делать.** Закрепите за клиентами A ответственного менеджера и план; клиентов B обслуживайте
# регулярно; клиентов C переведите на недорогие каналы (телефон, электронная почта, онлайн-заказ, минимальный заказ).

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** how many A clients does one manager of yours hold? Can each of them get real attention — a visit
# plan, a plan of purchases, a decision-making unit that the manager knows by name?
#
# <details><summary>Check yourself</summary>
#
# - Divide the A clients by the number of managers who hold them (section 10 shows every manager's clients and key
#   clients).
# - Dozens of A clients per manager means they get the same attention as everybody else: key-account work (block 7)
#   takes a handful of clients per manager.
# - Start with the clients that are A by profit as well as by revenue: they are fewer, and they are the ones to
#   protect first.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** сколько клиентов группы A приходится у вас на одного менеджера? Может ли каждый из них получить
# настоящее внимание — план визитов, план закупок, центр принятия решений, который менеджер знает поимённо?
#
# <details><summary>Проверьте себя</summary>
#
# - Разделите число клиентов A на число менеджеров, которые их ведут (раздел 10 показывает клиентов и ключевых клиентов
#   каждого менеджера).
# - Десятки клиентов A на менеджера — значит, они получают то же внимание, что и все остальные: работа с ключевыми
#   клиентами (блок 7) — это несколько клиентов на менеджера.
# - Начните с клиентов, которые в группе A и по прибыли, и по выручке: их меньше, и защищать их нужно в первую
#   очередь.
#
# </details>

# %% [markdown] lang="en"
# ## 7. XYZ analysis: how regularly do the clients buy?
# XYZ measures the regularity of a client's purchases by the **coefficient of variation** (CV) of its monthly
# revenue: CV = σ / mean, with the population σ, over the last full months, months without purchases counting as
# zero (from the client's first purchase in the window on: a client is not penalised for the months before it
# came). Clients with less than six months of history are **N** (new). First with the classic bounds of Russian
# practice — X up to 10 %, Y up to 25 % — made for the demand of a product:

# %% [markdown] lang="ru"
# ## 7. XYZ-анализ: насколько регулярно покупают клиенты?
# XYZ-анализ измеряет регулярность закупок клиента **коэффициентом вариации** его помесячной выручки: σ / среднее
# (σ — по всей совокупности месяцев) за последние полные месяцы; месяцы без покупок считаются нулевыми (начиная с
# первой покупки клиента в окне: за месяцы до его прихода клиент не штрафуется). Клиенты, у которых меньше шести
# месяцев истории, — **N** (новые). Сначала — с классическими границами российской практики: X до 10 %, Y до 25 %,
# придуманными для спроса на товар:

# %%
xyz_start, xyz_end = last_full_months(snapshot, xyz_months)
regularity_classic = xyz(facts, start=xyz_start, end=xyz_end, thresholds=xyz_thresholds,
                         min_periods=xyz_min_months)
ui.styled(xyz_summary(regularity_classic), lang, pct=["client_share", "median_cv"])

# %% [markdown] lang="en"
# A B2B client who buys every few weeks has a monthly CV far above 25 %, so with these bounds nearly every client is
# Z and the matrix would say nothing. For clients we use wider bounds — X up to 50 %, Y up to 100 % (set them equal
# to the classic ones in the parameters to compare):

# %% [markdown] lang="ru"
# У B2B-клиента, который покупает раз в несколько недель, помесячный коэффициент вариации намного выше 25 %, поэтому
# с такими границами почти все клиенты попадают в Z и матрица ничего не скажет. Для клиентов мы берём более широкие
# границы — X до 50 %, Y до 100 % (чтобы сравнить, задайте в параметрах классические):

# %%
regularity = xyz(facts, start=xyz_start, end=xyz_end, thresholds=xyz_thresholds_clients,
                 min_periods=xyz_min_months)
ui.styled(xyz_summary(regularity), lang, pct=["client_share", "median_cv"])

# %% [markdown] lang="en"
# **What to look at.** The X clients are the ones you can plan: their purchases come like clockwork. Many Z clients
# among the large ones mean projects and tenders, or a client that buys from several suppliers.
#
# **What to do about it.** For the regular clients agree a supply schedule; for the irregular large ones ask why —
# the answer is often a competitor who gets the rest of the order.

# %% [markdown] lang="ru"
# **На что смотреть.** Клиенты X — те, чьи закупки можно планировать: они приходят как часы. Много клиентов Z среди
# крупных — это проекты и тендеры или клиент, который покупает у нескольких поставщиков.
#
# **Что с этим делать.** С регулярными клиентами согласуйте график поставок; у нерегулярных крупных спросите, почему
# так, — часто остальную часть заказа получает конкурент.

# %% [markdown] lang="en"
# ## 8. The ABC×XYZ matrix: an action for every cell
# ABC (by the same measure, over the same months as XYZ) crossed with XYZ. Each cell gets its own way of working.

# %% [markdown] lang="ru"
# ## 8. Матрица ABC×XYZ: действие для каждой ячейки
# ABC-анализ (по тому же показателю и за те же месяцы, что и XYZ) на пересечении с XYZ-анализом. Каждой ячейке —
# свой способ работы.

# %%
pnl_window = client_pnl(facts, ds.clients, ds.interactions, start=xyz_start, end=xyz_end)
window_measure = measure if pnl_window[measure].notna().any() else "revenue"
classes_window = abc(pnl_window, measure=window_measure, cuts=abc_cuts)
matrix = abc_xyz_matrix(classes_window, regularity)
ax = plot_abc_xyz(matrix, lang=lang)
plt.show()

# %%
actions = abc_xyz_actions(lang).merge(matrix[["cell", "clients", "value_share"]], on="cell")
ui.styled(actions[["cell", "clients", "value_share", "action"]], lang, pct=["value_share"], max_rows=None)

# %% [markdown] lang="en"
# **What to look at.** Where the money sits (the dark cells) and how many clients are in them. AX and AY are the core
# of the business; AZ are large but unpredictable; CZ are many clients who bring little.
#
# **What to do about it.** Write the cell into the client card (the CRM table at the end does it) and make the cell's
# action the manager's standard for those clients.

# %% [markdown] lang="ru"
# **На что смотреть.** Где лежат деньги (тёмные ячейки) и сколько в них клиентов. AX и AY — ядро бизнеса; AZ —
# крупные, но непредсказуемые; CZ — много клиентов, которые приносят мало.
#
# **Что с этим делать.** Запишите ячейку в карточку клиента (это делает таблица для CRM в конце блока) и сделайте
# действие ячейки стандартом работы менеджера с такими клиентами.

# %% [markdown] lang="en"
# ## 9. RFM: who buys now, who is slipping away
# **R**ecency — days since the client's last purchase; **F**requency — days with purchases in the last 365 days (two
# orders of one day count once); **M**onetary — revenue in those 365 days. Each is scored 1–5 by fixed cut points
# (set in the parameters), so that clients with equal values always get equal scores: in B2B most clients share the
# same low frequency, and a quintile split that breaks ties by row order would put a third of them among the
# "champions". The segments follow the usual R×F segment grid, adapted (M orders the clients inside a segment):

# %% [markdown] lang="ru"
# ## 9. RFM-анализ: кто покупает сейчас, а кто уходит
# **R** (давность) — дней с последней покупки клиента; **F** (частота) — дней с покупками за последние 365 дней (два
# заказа в один день считаются один раз); **M** (деньги) — выручка за эти 365 дней. Каждый показатель получает балл
# от 1 до 5 по фиксированным границам (задаются в параметрах), чтобы клиенты с равными значениями всегда получали
# равные баллы: в B2B у большинства клиентов одинаково низкая частота, и деление на пять равных групп, которое
# разрывает равенство по порядку строк, записало бы треть из них в «чемпионы». Сегменты строятся по привычной сетке
# R×F с поправками (M упорядочивает клиентов внутри сегмента):

# %%
rules = RFMRules(window_days=rfm_window_days, recency_days=tuple(rfm_recency_days),
                 frequency=tuple(rfm_frequency))
ui.styled(rfm_rules(lang), lang, max_rows=None)

# %%
scores = rfm(facts, rules=rules)
segments = rfm_summary(scores)
ui.styled(segments_view(segments, lang), lang, money=["monetary"], pct=["monetary_share"], ints=["median_recency"],
          max_rows=None)

# %%
ax = plot_rfm_segments(segments, lang=lang, window_days=rfm_window_days)
plt.show()

# %% [markdown] lang="en"
# The clients to call first: at risk and "can't lose them", the largest first.

# %% [markdown] lang="ru"
# Кому звонить в первую очередь: клиенты «под риском» и «нельзя потерять», самые крупные первыми.

# %%
names = ds.clients[["client_id", "name"]].drop_duplicates("client_id") if "name" in ds.clients.columns else None
at_risk = scores.loc[scores["rfm_segment"].isin(["cant_lose", "at_risk", "need_attention"])]
if names is not None:
    at_risk = at_risk.merge(names, on="client_id", how="left")
at_risk = segments_view(at_risk, lang)
cols = [c for c in ["client_id", "name", "rfm_segment", "recency_days", "frequency", "monetary"] if c in at_risk]
ui.styled(at_risk.sort_values(["monetary", "client_id"], ascending=[False, True])[cols], lang,
          money=["monetary"], ints=["recency_days", "frequency"], max_rows=15)

# %% [markdown] lang="en"
# **What to look at.** How many clients are champions and loyal against how many are at risk or lost, and how much of
# the last year's revenue each group brought.
#
# **What to do about it.** Each segment has its action in the rule table above. The at-risk list is this week's call
# list for the managers; the lost clients are a win-back campaign, not a visit plan.

# %% [markdown] lang="ru"
# **На что смотреть.** Сколько клиентов среди чемпионов и лояльных против тех, кто под риском или потерян, и какую
# часть выручки последнего года принесла каждая группа.
#
# **Что с этим делать.** Для каждого сегмента действие записано в таблице правил выше. Список «под риском» — это
# список звонков менеджеров на эту неделю; потерянные клиенты — это кампания по возврату, а не план визитов.

# %% [markdown] lang="en"
# ## 10. Management through the base: analysis, planning, organisation, control
# The customer base carries the management functions: the plan is made client by client (block 5), the clients are
# the managers' load, and the control compares plan and actual by manager and by segment. Here the last full year is
# checked against **our model's plan** — block 5's plan by client as if it had been made at the end of the year
# before, with the growth goal of the parameters (+15 % by default): an exercise in control, not the company's own
# plan. The company's own plan is its targets table (each manager's yearly targets), compared with the actual at the
# end of the section.

# %% [markdown] lang="ru"
# ## 10. Основные функции менеджмента через «КБ»: анализ, планирование, организация, контроль
# Клиентская база — основа функций менеджмента: план составляется по каждому клиенту (блок 5), клиенты — это
# загрузка менеджеров, а контроль сравнивает план и факт по менеджерам и по сегментам. Здесь последний полный год
# проверяется по **плану нашей модели** — плану блока 5 по клиентам, как если бы его составили в конце предыдущего
# года с целью роста из параметров (по умолчанию +15 %): это упражнение в контроле, а не собственный план компании.
# Собственный план компании — её таблица целей (годовые планы каждого менеджера); с фактом он сравнивается в конце
# раздела.

# %%
def people(df, column):
    """Block 5's row labels ("new_clients", "unknown") in the people's language (display only)."""
    keys = [f"plan.{v}" for v in df[column]]
    labels = [t(k, lang) if k in catalogue() else v for k, v in zip(keys, df[column], strict=True)]
    return df.assign(**{column: labels})


plan_year = base_year(facts, snapshot)
plan = plan_by_client(facts, ds.clients, goals=Goals(growth=plan_growth), year=plan_year)
load = manager_load(plan, stages)
load_columns = ["manager", "clients", "key_clients", "lost_clients", "revenue_base", "plan", "load_index"]
if plan.attrs["revenue_base"] <= 0:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
if not (ds.has("clients", "manager") and ds.has("clients", "segment")):
    display(Markdown(ui.needs("need.plan_groups", "need.plan_groups.how", lang)))
ui.styled(people(load, "manager")[load_columns], lang, money=["revenue_base", "plan"],
          ints=["key_clients", "lost_clients"], max_rows=None)

# %%
ax = plot_manager_load(load, lang=lang)
plt.show()

# %% [markdown] lang="en"
# Control against our model's plan, by manager and by segment:

# %% [markdown] lang="ru"
# Контроль по плану нашей модели — по менеджерам и по сегментам:

# %%
by_manager = plan_vs_actual(plan, facts, by="manager")
control_columns = ["plan", "actual", "deviation", "completion"]
ui.styled(people(by_manager, "manager")[["manager", *control_columns]], lang,
          money=["plan", "actual", "deviation"], pct=["completion"], max_rows=None).set_caption(
    t("plan6.model_caption", lang, year=plan_year))

# %%
ax = plot_plan_vs_actual(by_manager, lang=lang)
plt.show()

# %%
by_segment = plan_vs_actual(plan, facts, by="segment")
ui.styled(people(by_segment, "segment")[["segment", *control_columns]], lang,
          money=["plan", "actual", "deviation"], pct=["completion"], max_rows=None).set_caption(
    t("plan6.model_caption", lang, year=plan_year))

# %% [markdown] lang="en"
# And against the company's own plan: each manager's revenue target for the year (the targets table) and the revenue
# of the clients the manager holds.

# %% [markdown] lang="ru"
# И по собственному плану компании: годовой план выручки каждого менеджера (из таблицы целей) и выручка закреплённых
# за ним клиентов.

# %%
company_targets = targets_vs_actual(ds.targets, facts, ds.clients, year=plan_year)
revenue_targets = company_targets.loc[company_targets["kpi"] == "revenue"]
if revenue_targets.empty:
    display(Markdown(ui.needs("need.targets", "need.targets.how", lang)))
else:
    display(ui.styled(people(revenue_targets, "manager")[["manager", "target", "actual", "deviation", "completion"]],
                      lang, money=["target", "actual", "deviation"], pct=["completion"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** A manager with many more clients than the others (load index well above 1) cannot work them
# all; a segment far below its plan is a question for the segment's strategy, not only for its managers.
#
# **What to do about it.** Rebalance the clients between managers by load, not by history; review plan against actual
# every month by manager *and* by segment, and ask for each gap which clients made it.

# %% [markdown] lang="ru"
# **На что смотреть.** Менеджер, у которого намного больше клиентов, чем у остальных (индекс загрузки заметно выше 1),
# не может работать со всеми; сегмент намного ниже плана — вопрос к стратегии сегмента, а не только к его
# менеджерам.
#
# **Что с этим делать.** Перераспределяйте клиентов между менеджерами по загрузке, а не по истории; каждый месяц
# разбирайте план-факт по менеджерам *и* по сегментам и по каждому отклонению выясняйте, какие клиенты его дали.

# %% [markdown] lang="en"
# ## 11. Managing the base on CRM principles: one table for daily work
# An analysis changes nothing until its result is in the system the managers open every morning. One line per
# client: ABC and XYZ (last full months), RFM segment, lifecycle stage and the next action — ready for the import of
# 1C, Bitrix24 or amoCRM (a CSV file for Excel and 1C, and an Excel workbook). A text that begins with =, +, − or @
# gets a leading apostrophe so that no spreadsheet ever runs it as a formula (a phone number like +7 … gets one
# too — the price of safety).
#
# The table is assembled from the classes computed above (ABC and XYZ of section 8, the RFM segments of section 9,
# the stages of section 4), so it says exactly what this workbook showed. ABC, XYZ, RFM and the revenue column
# count the same months (RFM here is counted over the months of ABC and XYZ), and the Excel file names them.
#
# Four columns come from the key-account blocks: whether the client is a key account, its strategy on the key-account
# matrix (block 7), the gaps in its buying centre and the next step with it (block 10). They are empty where the
# company's data cannot tell: without a key-account flag, or without contacts of the clients' people.

# %% [markdown] lang="ru"
# ## 11. Управление клиентской базой на принципах CRM: одна таблица для ежедневной работы
# Анализ ничего не меняет, пока его результат не попал в систему, которую менеджеры открывают каждое утро. Одна
# строка на клиента: ABC и XYZ (за последние полные месяцы), RFM-сегмент, этап жизненного цикла и следующее
# действие — готово к загрузке в 1С, Битрикс24 или amoCRM (файл CSV для Excel и 1С и книга Excel). Текст, который
# начинается с =, +, − или @, получает в начале апостроф, чтобы ни одна электронная таблица не выполнила его как
# формулу (номер телефона вида +7 … тоже его получит — это цена безопасности).
#
# Таблица собрана из классов, рассчитанных выше (ABC и XYZ из раздела 8, RFM-сегменты из раздела 9, этапы из
# раздела 4), поэтому она говорит ровно то, что показала эта рабочая тетрадь. ABC, XYZ, RFM и столбец выручки
# считаются за одни и те же месяцы (RFM здесь — за месяцы ABC и XYZ), и файл Excel их называет.
#
# Четыре столбца приходят из блоков о ключевых клиентах: ключевой ли это клиент, его стратегия по матрице ключевых
# клиентов (блок 7), пробелы в его центре принятия решений и следующий шаг с ним (блок 10). Они пусты там, где
# данные компании ответа не дают: нет отметки ключевого клиента или нет контактов сотрудников клиентов.

# %% [markdown] lang="en" tags=["remove"]
# To write the files, set `crm_folder` in the parameters cell: the workbook writes `clients_for_crm.csv` (UTF-8,
# separator `;`) and `clients_for_crm.xlsx` there.

# %% [markdown] lang="ru" tags=["remove"]
# Чтобы записать файлы, укажите папку в параметре `crm_folder`: рабочая тетрадь запишет туда `clients_for_crm.csv`
# (UTF-8, разделитель `;`) и `clients_for_crm.xlsx`.

# %%
crm_scores = crm_rfm(facts, xyz_start, xyz_end, rules)  # RFM over the months of ABC and XYZ
crm_accounts = crm_key_accounts(facts, ds.clients, contacts=ds.contacts, interactions=ds.interactions,
                                surveys=ds.surveys, products=ds.products, pnl=pnl,
                                template=load_portfolio_template(ka_template),
                                manual=read_scores_table(ka_manual_scores) if ka_manual_scores else None)
crm = crm_texts(crm_table(facts, ds.clients, abc=classes_window, xyz=regularity, rfm=crm_scores, stages=stages,
                          window=(xyz_start, xyz_end), key_accounts=crm_accounts), lang)
ui.styled(crm, lang, money=["revenue_12m"], max_rows=10, labels=crm_headers(crm, lang))

# %%
if crm_folder is not None:
    written = write_crm(crm, crm_folder, lang=lang)
    print(t("crm.written", lang, files=", ".join(str(p) for p in written)))

# %% [markdown] lang="en"
# **What to look at.** Does every client have a manager and a next action? A client without a manager is a client
# nobody works with.
#
# **What to do about it.** Import the table into the CRM every month (the analyst's monthly run of the workbooks
# writes it) and let the managers' task lists follow the "next action" column.

# %% [markdown] lang="ru"
# **На что смотреть.** У каждого ли клиента есть менеджер и следующее действие? Клиент без менеджера — клиент, с
# которым никто не работает.
#
# **Что с этим делать.** Загружайте таблицу в CRM каждый месяц (её записывает ежемесячный расчёт рабочих тетрадей у
# аналитика), и пусть списки задач менеджеров следуют столбцу «Следующее действие».

# %% [markdown] lang="en"
# ## Key figures of block 6

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 6

# %% tags=["key-figures"]
targets_met = (fmt_pct(revenue_targets["actual"].sum() / revenue_targets["target"].sum(), lang)
               if len(revenue_targets) and revenue_targets["target"].sum() > 0 else ui.missing("need.targets", lang))
figures = [
    *segmentation_figures(pareto, classes_summary, matrix, segments, has_cost=has_cost, lang=lang),
    *money_zones_figures(zones, lang)[:2],
    *retention_figures(new, risk, lang)[1:2],
    *ksf_figures(ksf_result, lang)[:1],  # says "example" when ksf_file is None
    ui.Figure(t("kf6.crm_rows", lang), tn("ui.count.clients", len(crm), lang)),
    ui.Figure(t("kf6.targets_completion", lang, year=plan_year), targets_met, "targets"),
]
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers in its solution
# workbook). Then block 7: identifying the key clients and their role in the business.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в его рабочей тетради с упражнениями (ответы тренера — в тетради с решениями).
# Затем блок 7: «Идентификация ключевых клиентов и определение их роли в деятельности компании».
