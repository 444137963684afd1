# %% [markdown] lang="en"
# # Block 5 · Exercises · Technology of creating the customer base
# *(«Технология создания клиентской базы»)*
#
# Ten short exercises on the demo company, in the order of the block: the client card (карточка клиента), how
# complete the cards are, the client profile (профиль клиента), the plan from the company's goals («управление
# будущим»), the plan checked on the past, and the segment passport (паспорт сегмента).
#
# Most exercises show a table or a card right in their cell: read the number there and type it. In some you change
# one value in the cell's first line and run the cell again. Exercise 5.4 is for the analyst and optional.

# %% [markdown] lang="ru"
# # Блок 5 · Упражнения · Технология создания клиентской базы
# *Семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»*
#
# Десять коротких упражнений на данных демо-компании, в том же порядке, что и в блоке: карточка клиента,
# заполненность карточек, профиль клиента, план от целей компании (модель «Управление будущим»), проверка плана
# на прошлом и паспорт сегмента.
#
# В большинстве упражнений таблица или карточка показана прямо в ячейке: прочитайте в ней число и введите его.
# В некоторых нужно изменить одно значение в первой строке ячейки и запустить её ещё раз. Упражнение 5.4 — для
# аналитика, по желанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to work.** Run the cells from the top (Shift+Enter). In an exercise's cell, put the value you read in
# place of the `...` (for example `dmu_contacts = 3`; for a multiple choice, the option's number) and run the
# cell again: the line `check(...)` at its end says at once whether the answer is right. If not yet, it shows a
# hint, one step more at each try; `hint("5.3")` in a new cell shows the next step before you answer.

# %% [markdown] lang="ru" tags=["remove"]
# **Как работать.** Запускайте ячейки сверху вниз (Shift+Enter). В ячейке упражнения впишите вместо `...`
# прочитанное значение (например, `dmu_contacts = 3`; в вопросе с вариантами — номер варианта) и запустите
# ячейку ещё раз: строка `check(...)` в её конце сразу скажет, верен ли ответ. Если пока нет — покажет
# подсказку, с каждой попыткой на шаг подробнее; `hint("5.3")` в новой ячейке покажет следующий шаг подсказки
# ещё до ответа.

# %%
from IPython.display import HTML, display

import kbcore
from kbcore.analyses import (
    Goals,
    card_fill,
    client_card,
    client_features,
    client_pnl,
    client_profile,
    client_stages,
    market_matches,
    plan_by_client,
    plan_vs_actual,
    profile_match,
)
from kbcore.analyses.client_goals import worksheet_key_ids
from kbcore.analyses.passport import passport
from kbcore.facts import Facts
from kbcore.ingest.worksheets import load_worksheet
from kbcore.views import (
    card_fill_table,
    card_html,
    passport_table,
    plan_summary_table,
    profile_groups_table,
    profile_view,
    styled,
)
from kbcore.views.planning import plan_vs_actual_table
from kbcore.views.worksheets import goals_caption, goals_table, worksheet_note
from kbcore.workbook import check, hint, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # the sales reduced once: every function below takes these facts
stages = client_stages(facts, ds.clients)
features = client_features(facts, ds.clients, ds.products)
pnl = client_pnl(facts, ds.clients, ds.interactions)

# %% [markdown] lang="en"
# ## Exercise 5.1 · A key client's card
# Below is the card of client 000038, ООО «ТД «Аспект»» (its card marks it as a key client). Read the card:
# - **a)** How many people of the client's decision-making unit (who decide and who influence the decision) do
#   we know? Type the number, e.g. `dmu_contacts = 3`.
# - **b)** At which lifecycle stage is the client now? Type the option's number, e.g. `stage_option = 2`:
#   1) key; 2) regular; 3) declining / at risk; 4) lost; 5) won back.

# %% [markdown] lang="ru"
# ## Упражнение 5.1 · Карточка ключевого клиента
# Ниже — карточка клиента 000038, ООО «ТД «Аспект»» (в карточке он отмечен как ключевой клиент). Прочитайте её:
# - **а)** Сколько людей из центра принятия решений клиента (ЛПР и ЛВР) мы знаем? Введите число, например
#   `dmu_contacts = 3`.
# - **б)** На какой стадии жизненного цикла клиент сейчас? Введите номер варианта, например `stage_option = 2`:
#   1) ключевой; 2) постоянный; 3) угасающий / в зоне риска; 4) потерянный; 5) возвращённый.

# %%
tables = {"products": ds.products, "contacts": ds.contacts, "interactions": ds.interactions}
card = client_card(facts, ds.clients, "000038", stages=stages, **tables)
display(HTML(card_html(card, lang)))
dmu_contacts = len(card.contacts)  # SOLUTION
stage_option = ["key", "regular", "declining", "lost", "won_back"].index(card.stage) + 1  # SOLUTION
check("5.1a", dmu_contacts)
check("5.1b", stage_option)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** what would you ask this client's manager? What in the card does not add up?
#
# <details><summary>Check yourself</summary>
#
# - The card still marks it as a key client, yet it has bought nothing for more than two years: nobody has
#   looked at the mark since, and our share of its purchases is zero against a large potential.
# - We know one person of its decision-making unit, and she is not the decision maker named in the card's
#   field; the last call found nobody. One contact is one phone call away from losing the client.
# - Questions for the manager: who decides there now, where does the client buy, what happened around its
#   last order, and what is the plan to win it back (block 2: lost clients).
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** что бы вы спросили у менеджера этого клиента? Что в карточке не сходится?
#
# <details><summary>Проверьте себя</summary>
#
# - В карточке он по-прежнему отмечен как ключевой клиент, хотя больше двух лет ничего не покупает: отметку
#   никто не пересматривал, а наша доля в закупках клиента — ноль при большом потенциале.
# - Из центра принятия решений мы знаем одного человека, и это не тот ЛПР, который записан в поле карточки;
#   последний звонок остался без ответа. Если контакт один, клиента можно потерять одним телефонным звонком.
# - Вопросы менеджеру: кто сейчас принимает решение, у кого клиент покупает, что случилось в момент последнего
#   заказа и какой план возврата клиента (блок 2: потерянные клиенты).
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 5.2 · How complete are the cards?
# What share of the clients have the person who makes the decisions (ЛПР) written in their card? Read the row
# «Decision maker», column «Share filled», and type the share as shown: `decision_maker_share = 0.23` or
# `decision_maker_share = 23` (23 %).

# %% [markdown] lang="ru"
# ## Упражнение 5.2 · Насколько заполнены карточки?
# У какой доли клиентов в карточке указано лицо, принимающее решение (ЛПР)? Прочитайте строку «Лицо, принимающее
# решение (ЛПР)», столбец «Доля заполненных», и введите долю, как в таблице: `decision_maker_share = 0.23` или
# `decision_maker_share = 23` (23 %).

# %%
fill = card_fill(ds.clients, facts=facts, contacts=ds.contacts, interactions=ds.interactions)
display(styled(card_fill_table(fill, lang), lang, ints=["filled"], pct=["filled_share"], max_rows=None))
decision_maker_share = fill.set_index("field").loc["decision_maker", "filled_share"]  # SOLUTION
check("5.2", decision_maker_share)

# %% [markdown] lang="en"
# ## Exercise 5.3 · What sets the best clients apart?
# The client profile below is built from the best 20 % of the clients by client profit and compares them with
# the others. Which trait sets the best clients apart most, the one they have many times as often as the others?
# Read the column «How many times as often» and type the option's number, e.g. `strongest_trait = 2`:
# 1) segment; 2) region; 3) products bought; 4) orders a year; 5) acquisition channel.

# %% [markdown] lang="ru"
# ## Упражнение 5.3 · Чем лучшие клиенты отличаются от остальных?
# Профиль клиента ниже построен по лучшим 20 % клиентов по прибыли от клиента и сравнивает их с остальными. Какой
# признак сильнее всего отличает лучших клиентов — встречается у них во много раз чаще, чем у остальных?
# Смотрите столбец «Во сколько раз чаще у лучших» и введите номер варианта, например `strongest_trait = 2`:
# 1) сегмент; 2) регион; 3) число купленных товаров; 4) заказов в год; 5) канал привлечения.

# %%
profile = client_profile(features, pnl, top_share=0.2)
display(styled(profile_view(profile, "all", lang), lang, pct=["top_match", "rest_match"], max_rows=None))
strongest_trait = ["segment", "region", "products", "orders_per_year", "acquisition_channel"].index(profile.table.query("category == 'all'").sort_values("lift")["trait"].iloc[-1]) + 1  # SOLUTION
check("5.3", strongest_trait)

# %% [markdown] lang="en"
# ## Exercise 5.4 · Look-alikes (for the analyst, optional)
# How many clients **outside** the best already match at least 75 % of their segment's profile? They are the
# look-alikes to develop first. In the table `matches` (one row per client), the column `top` says whether the
# client is among the best and `score` is its match with the profile as a share. Count them with pandas and
# write the number in `lookalike_clients`.

# %% [markdown] lang="ru"
# ## Упражнение 5.4 · Похожие клиенты (для аналитика, по желанию)
# Сколько клиентов **вне** лучших уже соответствуют профилю своего сегмента хотя бы на 75 %? Это похожие
# клиенты, которых нужно развивать в первую очередь. В таблице `matches` (строка на клиента) столбец `top`
# говорит, входит ли клиент в число лучших, а `score` — его соответствие профилю в долях. Посчитайте их
# средствами pandas и запишите число в `lookalike_clients`.

# %%
matches = profile_match(features, profile)
display(matches.head())
lookalike_clients = int(((~matches["top"]) & (matches["score"] >= 0.75)).sum())  # SOLUTION
check("5.4", lookalike_clients)

# %% [markdown] lang="en"
# ## Exercise 5.5 · From goals to a plan
# The company wants +20 % revenue in 2026 and 120 new clients (no margin goal). The table shows the plan of the
# «managing the future» model: the clients' own trends, what the goal adds on top, what the new clients bring.
# Read, in roubles as shown, without spaces:
# - **a)** the plan total for 2026 (row «Plan 2026 (our model)»): `plan_total = 123456789`;
# - **b)** what the goal adds on top of the clients' own trends and the new clients (row «Added by the goal»;
#   0 if nothing): `added_by_goal = 12345678`.

# %% [markdown] lang="ru"
# ## Упражнение 5.5 · От целей к плану
# Компания хочет в 2026 году +20 % выручки и 120 новых клиентов (без цели по валовой прибыли). Таблица
# показывает план по модели «Управление будущим»: собственные тренды клиентов, что добавляет цель сверх них и что
# принесут новые клиенты. Прочитайте в рублях, как в таблице, без пробелов:
# - **а)** общий план на 2026 год (строка «План на 2026 год (модельный расчёт)»): `plan_total = 123456789`;
# - **б)** сколько цель добавляет сверх собственных трендов клиентов и новых клиентов (строка «Прирост сверх
#   тренда (по цели)»; 0, если ничего): `added_by_goal = 12345678`.

# %%
plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.20, new_clients=120))
display(styled(plan_summary_table(plan, lang), lang, money=["value"], max_rows=None))
plan_total = plan.attrs["plan_total"]  # SOLUTION
added_by_goal = max(plan.attrs["gap"], 0.0)  # SOLUTION
check("5.5a", plan_total)
check("5.5b", added_by_goal)

# %% [markdown] lang="en"
# ## Exercise 5.6 · And with a humbler goal?
# In the cell's first line, change the growth goal from +20 % to +10 % (`growth=0.20` becomes `growth=0.10`), run
# the cell and read the new plan total for 2026, in roubles without spaces: `plan_total_low_goal = 123456789`.
# Compare the rows with those of exercise 5.5: what changed, and what did not?

# %% [markdown] lang="ru"
# ## Упражнение 5.6 · А если цель скромнее?
# В первой строке ячейки измените цель роста с +20 % на +10 % (вместо `growth=0.20` напишите `growth=0.10`),
# запустите ячейку и прочитайте новый общий план на 2026 год в рублях без пробелов:
# `plan_total_low_goal = 123456789`. Сравните строки таблицы с упражнением 5.5: что изменилось, а что нет?

# %%
low_plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.20, new_clients=120))  # EXERCISE
low_plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.10, new_clients=120))  # SOLUTION
display(styled(plan_summary_table(low_plan, lang), lang, money=["value"], max_rows=None))
plan_total_low_goal = low_plan.attrs["plan_total"]  # SOLUTION
check("5.6", plan_total_low_goal)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** with a +10 % goal the plan comes out above the goal itself. Why? Which plan would you give the
# sales team?
#
# <details><summary>Check yourself</summary>
#
# - The baselines (the clients' own trends) already exceed +10 %: the goal adds nothing («Added by the goal» is
#   0), and the model does not plan a client below its own trend.
# - A goal below what the clients would buy anyway is too low: the team would meet it without changing anything.
# - The trends are a forecast, not a promise: declining clients (block 2) may not deliver their baseline, so each
#   key client's plan is checked against its card and potential.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** при цели +10 % общий план получается выше самой цели. Почему? Какой план вы бы дали отделу
# продаж?
#
# <details><summary>Проверьте себя</summary>
#
# - База (собственные тренды клиентов) уже выше +10 %: цель ничего не добавляет («Прирост сверх тренда» — 0), а
#   ниже собственного тренда клиенту план модель не ставит.
# - Цель ниже того, что клиенты купят и так, — заниженная цель: отдел выполнит её, ничего не меняя в работе.
# - Тренд — прогноз, а не обещание: угасающие клиенты (блок 2) могут не дать свою базу, поэтому план каждого
#   ключевого клиента сверяют с его карточкой и потенциалом.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 5.7 · Would the plan have worked?
# Here the plan for 2025 is made as it would have been made at the start of 2025 (+15 % growth, 150 new
# clients) and compared with what happened; the cell shows it by segment. In `plan_vs_actual`, change
# `by="segment"` to `by="manager"`, run the cell, and find the manager who fulfilled the smallest share of their
# plan (leave out the row «New clients»). Type the option's number, e.g. `weakest_manager = 2`:
# 1) Беспалов Максим Алексеевич; 2) Калашникова Светлана Игоревна; 3) Медведева Светлана Евгеньевна;
# 4) Симонов Денис Валерианович.

# %% [markdown] lang="ru"
# ## Упражнение 5.7 · Сработал бы план?
# Здесь план на 2025 год составлен так, как его составили бы в начале 2025 года (рост +15 %, 150 новых
# клиентов), и сравнён с тем, что произошло на самом деле; ячейка показывает сравнение по сегментам. В
# `plan_vs_actual` замените `by="segment"` на `by="manager"`, запустите ячейку и найдите менеджера, который
# выполнил свой план меньше всех (строку «Новые клиенты» не учитывайте). Введите номер варианта, например
# `weakest_manager = 2`: 1) Беспалов Максим Алексеевич; 2) Калашникова Светлана Игоревна; 3) Медведева Светлана
# Евгеньевна; 4) Симонов Денис Валерианович.

# %%
past_plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.15, new_clients=150), year=2025)
pva = plan_vs_actual(past_plan, facts, by="segment")  # EXERCISE
pva = plan_vs_actual(past_plan, facts, by="manager")  # SOLUTION
display(styled(plan_vs_actual_table(pva, lang), lang, money=["plan", "actual", "deviation"],
               pct=["completion"], max_rows=None))
weakest_manager = ["Беспалов", "Калашникова", "Медведева", "Симонов"].index(pva.query("manager != 'new_clients'").sort_values("completion")["manager"].iloc[0].split()[0]) + 1  # SOLUTION
check("5.7", weakest_manager)

# %% [markdown] lang="en"
# ## Exercise 5.8 · The segment passport
# The cell shows the passport by region. In `passport`, change `by="region"` to `by="segment"` and run the cell:
# you get the passport of the segments.
# - **a)** In which segment are we least present, with the lowest penetration (our active clients out of the
#   market's companies)? Type the option's number, e.g. `low_segment = 2`: 1) Промышленные предприятия;
#   2) Оптовые компании; 3) Строительные компании; 4) Розничные сети; 5) Монтажники и малый бизнес.
# - **b)** What is that penetration? Type it as shown: `low_penetration = 0.023` or `low_penetration = 2.3`
#   (2.3 %).

# %% [markdown] lang="ru"
# ## Упражнение 5.8 · Паспорт сегмента
# Ячейка показывает паспорт по регионам. В `passport` замените `by="region"` на `by="segment"` и запустите
# ячейку: получится паспорт сегментов.
# - **а)** В каком сегменте нас меньше всего — самое низкое проникновение (доля наших активных клиентов среди
#   компаний рынка)? Введите номер варианта, например `low_segment = 2`: 1) Промышленные предприятия; 2) Оптовые
#   компании; 3) Строительные компании; 4) Розничные сети; 5) Монтажники и малый бизнес.
# - **б)** Каково это проникновение? Введите, как в таблице: `low_penetration = 0.023` или
#   `low_penetration = 2.3` (2,3 %).

# %%
pp = passport(facts, ds.clients, by="region", market=ds.market)  # EXERCISE
pp = passport(facts, ds.clients, by="segment", market=ds.market)  # SOLUTION
display(styled(passport_table(pp, lang), lang, ints=["active_clients", "companies"],
               pct=["growth", "share", "share_of_wallet", "penetration"],
               money=["revenue_12m", "market_volume"], max_rows=None))
low_segment = ["Промышленные предприятия", "Оптовые компании", "Строительные компании", "Розничные сети", "Монтажники и малый бизнес"].index(pp.sort_values("penetration")["segment"].iloc[0]) + 1  # SOLUTION
low_penetration = pp["penetration"].min()  # SOLUTION
check("5.8a", low_segment)
check("5.8b", low_penetration)

# %% [markdown] lang="en"
# Before the discussion: what the best clients of each segment earn (the profile by segment), and the market
# cells (segment × region) that fit the profile best, with the companies there that are not our clients yet.

# %% [markdown] lang="ru"
# Перед обсуждением: сколько приносят лучшие клиенты каждого сегмента (профиль по сегментам) и ячейки рынка
# (сегмент × регион), которые лучше всего соответствуют профилю, с числом компаний, которые пока не наши
# клиенты.

# %%
groups = profile_groups_table(profile, lang)
display(styled(groups, lang, money=[c for c in groups.columns if c.endswith(("_top", "_rest"))],
               ints=["top_count"], max_rows=None))
market = market_matches(ds.market, features, profile)
display(styled(market.head(10), lang, money=["consumption_per_company", "prospect_volume"],
               ints=["companies", "our_clients", "prospects"], max_rows=None))

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the segment with the lowest penetration: is it a segment to grow in, or one that does not fit
# our client profile? Look at the two tables above.
#
# <details><summary>Check yourself</summary>
#
# - A low penetration alone is no reason to go into a segment: what matters is what its best clients earn (the
#   profile by segment).
# - The best installers and small businesses earn many times less than the best clients of the other segments,
#   and the market cells of that segment fit the profile far worse than those of industrial companies and
#   wholesalers.
# - So: look for new clients in the market cells that fit the profile best, and serve small businesses at a low
#   cost to serve rather than with a key account manager's time.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** сегмент с самым низким проникновением — это сегмент для роста или он не соответствует нашему
# профилю клиента? Посмотрите на две таблицы выше.
#
# <details><summary>Проверьте себя</summary>
#
# - Низкое проникновение само по себе — не повод идти в сегмент: важно, сколько приносят его лучшие клиенты
#   (профиль по сегментам).
# - Лучшие клиенты из монтажников и малого бизнеса приносят в разы меньше прибыли, чем лучшие клиенты других
#   сегментов, а ячейки рынка этого сегмента намного хуже соответствуют профилю, чем ячейки промышленных
#   предприятий и оптовых компаний.
# - Вывод: новых клиентов искать в ячейках рынка с лучшим соответствием профилю, а малый бизнес обслуживать с
#   низкой стоимостью обслуживания, а не временем менеджеров по ключевым клиентам.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 5.9 · Key clients without a goal
# The block's last section is a worksheet of the key clients' goals and tasks: for each key client, what the client
# wants to achieve, our task, what we offer, by when and who answers for it. Below is the example worksheet (the
# same for everybody in the room), key accounts first.
#
# **How many of the demo company's key accounts have no goal written down yet?** Read the line above the table.
# Type a whole number, e.g. `without_goals = 7`.

# %% [markdown] lang="ru"
# ## Упражнение 5.9 · Ключевые клиенты без цели
# Последний раздел блока — рабочий лист целей и задач ключевых клиентов: по каждому ключевому клиенту — чего клиент
# хочет добиться, наша задача, что мы предлагаем, к какому сроку и кто отвечает. Ниже — пример рабочего листа
# (одинаковый у всех в зале), ключевые клиенты первыми.
#
# **У скольких ключевых клиентов демо-компании цели пока не записаны?** Прочитайте строку над таблицей. Введите
# целое число, например `without_goals = 7`.

# %%
key_ids = worksheet_key_ids(ds.clients, stages)
ws = load_worksheet()  # no file given: the example worksheet
display(HTML(f"<p>{worksheet_note(ws, lang, key_ids=key_ids)}</p>"))
styled(goals_table(ws.table, lang, clients=ds.clients, key_ids=key_ids), lang, max_rows=None).set_caption(
    goals_caption(ws, lang))

# %%
without_goals = len(key_ids) - len(set(ws.table["client_id"]) & set(key_ids))  # SOLUTION
check("5.9", without_goals)

# %% [markdown] lang="en"
# ## Exercise 5.10 · Which task comes first?
# **In the same worksheet, which task is due first?** 1) ТД «Эксресурс»: the new warehouses; 2) «Эксмаркет»: the
# tender that cuts its suppliers; 3) «Эксмаркет»: the health-and-safety audit. Type the number of the option, e.g.
# `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 5.10 · Какая задача первая?
# **В том же рабочем листе — какая задача должна быть выполнена раньше всех?** 1) ТД «Эксресурс»: новые склады;
# 2) «Эксмаркет»: тендер на сокращение числа поставщиков; 3) «Эксмаркет»: аудит охраны труда. Введите номер
# варианта, например `answer = 3`.

# %%
answer = 1 + ["2026-03-31", "2026-02-28", "2026-05-31"].index(min(d for d in ws.table["due"] if d[:4].isdigit()))  # SOLUTION
check("5.10", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** 24 key accounts of the demo company have no goal written. Which of them would you start with, and
# who should fill in their rows?
#
# <details><summary>Check yourself</summary>
#
# - Start with the key accounts whose revenue falls or whose share of the client's purchases is small (their card):
#   there the client's goal is the reason to buy more — or to leave.
# - The key account manager writes the rows after a meeting with the client's decision makers, not from memory.
# - Each row gets a date and one owner; the head of sales reviews the worksheet with the client's plan for the year.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** у 24 ключевых клиентов демо-компании цели не записаны. С каких бы вы начали и кто должен заполнить
# их строки?
#
# <details><summary>Проверьте себя</summary>
#
# - Начинать с ключевых клиентов, у которых выручка падает или доля в закупках клиента мала (их карточка): там цель
#   клиента — причина покупать больше или уйти.
# - Строки пишет менеджер по ключевому клиенту после встречи с ЛПР клиента, а не по памяти.
# - У каждой строки — срок и один ответственный; руководитель отдела продаж разбирает рабочий лист вместе с планом по
#   клиенту на год.
#
# </details>
