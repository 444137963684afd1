# %% [markdown] lang="en"
# # Block 5 · Exercises · Technology of creating the customer base
# *(«Технология создания клиентской базы»)*
#
# Six short exercises on the demo company: the client card (карточка клиента), the client profile (профиль
# клиента), the plan from the company's goals («управление будущим») and the region passport (паспорт региона).
# Each one asks a question about the demo company's customer base; the answer is a number, a share or a name.

# %% [markdown] lang="ru"
# # Блок 5 · Упражнения · Технология создания клиентской базы
# *Семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»*
#
# Шесть коротких упражнений на данных демо-компании: карточка клиента, профиль клиента, план от целей компании
# (модель «Управление будущим») и паспорт региона. Каждое задаёт вопрос о клиентской базе демо-компании; ответ —
# число, доля или название.

# %% [markdown] lang="en" tags=["remove"]
# **How to work.** Each exercise gives you a cell to write the answer in (replace the `...`) and ends with a
# `check(...)` line that tells you at once whether you are right and, if not yet, gives a hint.
# `help(function)` shows what each function does.

# %% [markdown] lang="ru" tags=["remove"]
# **Как работать.** В каждом упражнении есть ячейка для ответа (замените `...` своим кодом), а в её конце —
# строка `check(...)`: она сразу говорит, верен ли ответ, а если нет — даёт подсказку. `help(функция)`
# показывает, что делает каждая функция.

# %%
import kbcore
from kbcore.analyses import (
    Goals,
    card_fill,
    client_card,
    client_features,
    client_pnl,
    client_profile,
    client_stages,
    plan_by_client,
    plan_vs_actual,
    profile_match,
)
from kbcore.analyses.passport import passport
from kbcore.facts import Facts
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # the sales reduced once: every function below takes these facts
stages = client_stages(facts, ds.clients)
features = client_features(facts, ds.clients, ds.products)
pnl = client_pnl(facts, ds.clients, ds.interactions)

# %% [markdown] lang="en"
# ## Exercise 5.1 · A key client's card
# Open the card of client 000038 (ООО «ТД «Аспект»», a key account). How many people of its decision-making unit
# do we know, and what is its lifecycle stage? What would you ask its manager?

# %% [markdown] lang="ru"
# ## Упражнение 5.1 · Карточка ключевого клиента
# Откройте карточку клиента 000038 (ООО «ТД «Аспект»», ключевой клиент). Сколько людей из его центра принятия
# решений (ЛПР и ЛВР) мы знаем и на какой стадии жизненного цикла он находится? Что бы вы спросили у его
# менеджера?

# %% [markdown] lang="en" tags=["remove"]
# *In code:* the card is `client_card(...)`; its contacts and its lifecycle stage (a stage id, e.g. `"regular"`)
# are among its fields: `help(client_card)` lists them.

# %% [markdown] lang="ru" tags=["remove"]
# *В коде:* карточка — `client_card(...)`; её контакты и стадия жизненного цикла (код стадии, например
# `"regular"`) — среди её полей: их перечисляет `help(client_card)`.

# %%
tables = {"products": ds.products, "contacts": ds.contacts, "interactions": ds.interactions}
card = client_card(facts, ds.clients, "000038", stages=stages, **tables)  # SOLUTION
dmu_contacts = len(card.contacts)  # SOLUTION
stage = card.stage  # SOLUTION
check("5.1a", dmu_contacts)
check("5.1b", stage)

# %% [markdown] lang="en"
# ## Exercise 5.2 · How complete are the cards?
# What share of the clients have the person who makes the decisions (ЛПР) written in their card?

# %% [markdown] lang="ru"
# ## Упражнение 5.2 · Насколько заполнены карточки?
# У какой доли клиентов в карточке указано лицо, принимающее решение (ЛПР)?

# %% [markdown] lang="en" tags=["remove"]
# *In code:* use `card_fill`: the row `decision_maker`, the column `filled_share`.

# %% [markdown] lang="ru" tags=["remove"]
# *В коде:* используйте `card_fill`: строка `decision_maker`, столбец `filled_share`.

# %%
fill = card_fill(ds.clients, facts=facts, contacts=ds.contacts, interactions=ds.interactions)
decision_maker_share = fill.set_index("field").loc["decision_maker", "filled_share"]  # SOLUTION
check("5.2", decision_maker_share)

# %% [markdown] lang="en"
# ## Exercise 5.3 · The profile of the best clients
# Build the client profile of the top 20 % of clients by client profit. Which segment is the most frequent among
# the best clients of the whole company? And how many clients **outside** the top already match at least 75 % of
# their segment's profile — the look-alikes to develop first?

# %% [markdown] lang="ru"
# ## Упражнение 5.3 · Профиль лучших клиентов
# Постройте профиль клиента по лучшим 20 % клиентов по прибыли от клиента. Какой сегмент чаще всего встречается
# среди лучших клиентов всей компании? И сколько клиентов **вне** лучших уже соответствуют профилю своего
# сегмента хотя бы на 75 % — это похожие клиенты, которых надо развивать в первую очередь?

# %% [markdown] lang="en" tags=["remove"]
# *In code:* the whole company's profile is the category `"all"` of `profile.table`.

# %% [markdown] lang="ru" tags=["remove"]
# *В коде:* профиль всей компании — категория `"all"` в `profile.table`.

# %%
profile = client_profile(features, pnl, top_share=0.2)
matches = profile_match(features, profile)
best_segment = profile.table.set_index(["category", "trait"]).loc[("all", "segment"), "mode"]  # SOLUTION
lookalike_clients = int(((~matches["top"]) & (matches["score"] >= 0.75)).sum())  # SOLUTION
check("5.3a", best_segment)
check("5.3b", lookalike_clients)

# %% [markdown] lang="en"
# ## Exercise 5.4 · From goals to a plan
# The company wants +20 % revenue next year and 120 new clients (no margin goal). What is the plan total for
# 2026 in roubles, and how much must the goal add on top of what the clients' own trends and the new clients
# bring (0 if nothing)?

# %% [markdown] lang="ru"
# ## Упражнение 5.4 · От целей к плану
# Компания хочет в следующем году +20 % выручки и 120 новых клиентов (без цели по марже). Каков общий план на
# 2026 год в рублях и сколько должна добавить цель сверх того, что принесут собственные тренды клиентов и новые
# клиенты (0, если ничего)?

# %%
plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.20, new_clients=120))  # SOLUTION
plan_total = plan.attrs["plan_total"]  # SOLUTION
added_by_goal = max(plan.attrs["gap"], 0.0)  # SOLUTION
check("5.4a", plan_total)
check("5.4b", added_by_goal)

# %% [markdown] lang="en"
# ## Exercise 5.5 · Would the plan have worked?
# Make the plan for 2025 as it would have been made at the start of 2025, with +15 % growth and 150 new
# clients, and compare it with what happened. Which manager fulfilled the smallest share of their plan? (Leave
# out the new clients' row.)

# %% [markdown] lang="ru"
# ## Упражнение 5.5 · Сработал бы план?
# Составьте план на 2025 год так, как его составили бы в начале 2025 года, с ростом +15 % и 150 новыми
# клиентами, и сравните его с тем, что произошло на самом деле. Какой менеджер выполнил свой план меньше всех?
# (Строку новых клиентов не учитывайте.)

# %% [markdown] lang="en" tags=["remove"]
# *In code:* `plan_by_client(..., year=2025)`, then `plan_vs_actual(..., by="manager")`; leave out the row
# `new_clients`.

# %% [markdown] lang="ru" tags=["remove"]
# *В коде:* `plan_by_client(..., year=2025)`, затем `plan_vs_actual(..., by="manager")`; строку
# `new_clients` не учитывайте.

# %%
past_plan = plan_by_client(facts, ds.clients, goals=Goals(growth=0.15, new_clients=150), year=2025)
pva = plan_vs_actual(past_plan, facts, by="manager")
weakest = pva.loc[pva["manager"] != "new_clients"].sort_values("completion")["manager"].iloc[0]  # SOLUTION
check("5.5", weakest)

# %% [markdown] lang="en"
# ## Exercise 5.6 · The region passport
# In which region are we least present — the lowest penetration (our active clients out of the market's
# companies)? What is that penetration?

# %% [markdown] lang="ru"
# ## Упражнение 5.6 · Паспорт региона
# В каком регионе нас меньше всего — самое низкое проникновение (доля наших активных клиентов среди компаний
# рынка)? Каково это проникновение?

# %%
pp = passport(facts, ds.clients, by="region", market=ds.market)
low = pp.sort_values("penetration").iloc[0]  # SOLUTION
low_region = low["region"]  # SOLUTION
low_penetration = low["penetration"]  # SOLUTION
check("5.6a", low_region)
check("5.6b", low_penetration)

# %% [markdown] lang="en"
# **To discuss (no check):** the region with the lowest penetration — is it a region to grow in, or one that does
# not fit our profile? Look at its row of the passport and at the market cells of the profile.

# %% [markdown] lang="ru"
# **Для обсуждения (без проверки):** регион с самым низким проникновением — это регион для роста или он не
# соответствует нашему профилю клиента? Посмотрите на его строку в паспорте и на ячейки рынка из профиля.

# %%
# Write your code here: the passport row of that region and its market cells.
# solution
from IPython.display import display

from kbcore.analyses import market_matches
from kbcore.views import passport_table, styled

display(styled(passport_table(pp.loc[pp["region"] == low_region], lang), lang,
               ints=["active_clients", "companies"], pct=["growth", "share", "share_of_wallet", "penetration"],
               money=["revenue_12m", "market_volume"]))
market = market_matches(ds.market, features, profile)
display(styled(market.loc[market["region"] == low_region], lang,
               money=["consumption_per_company", "prospect_volume"], ints=["companies", "our_clients", "prospects"]))
