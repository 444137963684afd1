# %% [markdown] lang="en"
# # Block 7 · Identifying key accounts and their role in the company's business
# *Seminar "Customer base and key clients: audit, creation, management"*
#
# **What you will see** — the block's questions, in the program's order:
# - What the key accounts bring to the business: their share of revenue, gross margin and client profit, their place
#   on the whale curve, and the key accounts that lose money.
# - Classifying the clients and the universal key-account profile: what today's best key accounts have in common,
#   which flags are stale and which clients fit the profile without being flagged.
# - The key-account identification and selection matrix (the seminar's «KAISM»): attractiveness of the account
#   against our strength in it, four quadrants, four strategies.
# - The possible contribution of the key accounts (potential minus our sales) and their profitability over the years.
# - The company's goals the key accounts can serve: what the growth goal needs from today's key accounts.
# - Key accounts as a source of competitive advantage: a checklist scored per account.

# %% [markdown] lang="ru"
# # Блок 7 · Идентификация ключевых клиентов и определение их роли в деятельности компании
# *Семинар «Клиентская база и ключевые клиенты: аудит — создание — управление»*
#
# **Что вы увидите** — вопросы блока в порядке программы:
# - Вклад «К.А.» в бизнес компании: их доля в выручке, валовой прибыли и прибыли по клиентам, их место на «кривой
#   кита» и убыточные ключевые клиенты.
# - Классификация клиентов и создание универсального профиля «К.А.»: что общего у лучших ключевых клиентов сегодня,
#   какие отметки устарели и какие клиенты подходят под профиль, но не отмечены.
# - Матрица идентификации и выбора ключевых клиентов «KAISM»: привлекательность клиента против наших позиций у него,
#   четыре квадранта — четыре стратегии.
# - Оценка возможного вклада «К.А.» (потенциал минус наши продажи) и прибыльность «К.А.» по годам.
# - Цели и задачи компании, которые можно решить через «К.А.»: что цель роста требует от нынешних ключевых клиентов.
# - «К.А.» как инструмент создания дополнительных конкурентных преимуществ: чек-лист с оценкой по каждому клиенту.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company. `mapping` — a YAML
#   file that maps your column headers onto kbcore's; `None` reads the usual 1C and English headers.
# - `lang` — the language of the texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (the last 12 months, stages, the matrix); `None` is the last sales day.
# - `plan_growth` — the growth goal of block 5: 0.15 is +15 % on the last full year's revenue.
# - `ka_template` — your own matrix template (a copy of `data/templates/ka_portfolio.yaml` with your criteria,
#   weights, scales and cut lines); `None` is the default template (our reading of McDonald, Millman & Rogers).
# - `ka_manual_scores` — a CSV or Excel table of the trainer's scores 1–10 for the manual criteria (columns
#   `client_id`, `criterion`, `score`, e.g. `strategic_fit`); `None` leaves those criteria unscored (missing).
# - `advantage_file` — your own competitive-advantage checklist (a copy of `data/templates/ka_advantage.yaml`);
#   `None` is the example checklist.
# - `advantage_scores` — a CSV or Excel table of the key-account managers' scores 0/1/2 for the manual items of the
#   checklist (columns `client_id`, `item`, `score`); `None` leaves them unscored (missing).

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры** (следующая ячейка; для JupyterLab, в отчёты не попадает). Для демонстрационной компании оставьте их
# как есть.
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демонстрационная компания.
#   `mapping` — YAML-файл соответствия ваших заголовков столбцов стандартным; `None` — обычные заголовки 1С и
#   английские.
# - `lang` — язык текстов, диаграмм и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` — все данные. `as_of` — дата среза
#   (последние 12 месяцев, этапы жизненного цикла, матрица); `None` — последний день продаж.
# - `plan_growth` — цель роста из блока 5: 0.15 — это +15 % к выручке последнего полного года.
# - `ka_template` — ваш шаблон матрицы (копия `data/templates/ka_portfolio.yaml` со своими критериями, весами,
#   шкалами и границами); `None` — шаблон по умолчанию (наше прочтение McDonald, Millman & Rogers).
# - `ka_manual_scores` — таблица CSV или Excel с оценками тренера 1–10 по ручным критериям (столбцы `client_id`,
#   `criterion`, `score`, например `strategic_fit`); `None` — эти критерии не оцениваются (пропуск).
# - `advantage_file` — ваш чек-лист конкурентных преимуществ (копия `data/templates/ka_advantage.yaml`); `None` —
#   пример чек-листа.
# - `advantage_scores` — таблица CSV или Excel с оценками 0/1/2 менеджеров по К.А. для ручных пунктов чек-листа
#   (столбцы `client_id`, `item`, `score`); `None` — эти пункты не оцениваются (пропуск).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (last 12 months, stages, matrix); None means the last sales date
plan_growth = 0.15  # the growth goal of block 5: +15 % on the last full year's revenue
ka_template = None  # your matrix template (YAML); None means data/templates/ka_portfolio.yaml
ka_manual_scores = None  # CSV/Excel with client_id, criterion, score (1 to 10) for the manual criteria, or None
advantage_file = None  # your competitive-advantage checklist (YAML); None means the example checklist
advantage_scores = None  # CSV/Excel with client_id, item, score (0, 1 or 2) for the manual items, or None

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.ka_advantage import advantage_scores as score_advantage
from kbcore.analyses.ka_advantage import load_advantage_template, read_scores_table
from kbcore.analyses.ka_portfolio import (
    key_accounts_needed,
    load_portfolio_template,
    matrix_clients,
    portfolio_measures,
    portfolio_scores,
    quadrant_summary,
)
from kbcore.analyses.key_accounts import (
    candidate_key_accounts,
    ka_contribution,
    ka_flag_review,
    ka_headroom,
    ka_on_whale_curve,
    ka_profile,
    ka_yearly,
    key_account_ids,
    losing_key_accounts,
)
from kbcore.analyses.lifecycle import client_stages
from kbcore.analyses.planning import base_year
from kbcore.analyses.profile import client_features
from kbcore.analyses.profitability import client_pnl, whale_curve, whale_summary
from kbcore.charts import use_style
from kbcore.charts.key_accounts import (
    plot_advantage,
    plot_ka_matrix,
    plot_ka_needed,
    plot_ka_whale,
    plot_ka_yearly,
)
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views import key_accounts as kav
from kbcore.views.profile import profile_view
from kbcore.widgets.key_accounts import matrix_explorer

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

# %% [markdown] lang="en"
# **Who are the key accounts?** A key account («К.А.») is a client the company has *chosen* as strategically
# important and works with individually (McDonald, Millman & Rogers, 1997) — a decision, not a size. The workbook
# takes the clients flagged «Ключевой клиент» in the clients file.

# %% [markdown] lang="ru"
# **Кто такие ключевые клиенты?** Ключевой клиент («К.А.») — клиент, которого компания *выбрала* как стратегически
# важного и с которым работает индивидуально (McDonald, Millman & Rogers, 1997): это решение, а не размер. Рабочая
# тетрадь берёт клиентов, отмеченных как «Ключевой клиент» в файле клиентов.

# %%
snapshot = facts.as_of  # the analysis date: as_of, else the last sales day
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)  # block 1's client P&L with cost to serve
flagged = key_account_ids(ds.clients)
candidates = len(flagged) == 0
ka = candidate_key_accounts(pnl) if candidates else flagged
print(kav.who_text(ka, candidates, lang))
if candidates:
    display(Markdown(ui.needs("need.ka7.flag", "need.ka7.flag.how", lang)))

# %% [markdown] lang="en"
# ## 1. The key accounts' contribution to the business
# How much of the company's money do the key accounts bring? Revenue, gross margin (revenue minus the cost of goods)
# and **client profit** — block 1's gross margin minus the cost to serve the client (orders, deliveries, visits,
# payment terms). A profit share well above the revenue share means the key accounts are worth more than their
# volume; below it means they are bought with discounts or costly service.

# %% [markdown] lang="ru"
# ## 1. Вклад «К.А.» в бизнес компании
# Какую часть денег компании приносят ключевые клиенты? Выручка, валовая прибыль (выручка минус себестоимость) и
# **прибыль по клиенту** — валовая прибыль из блока 1 минус стоимость обслуживания клиента (заказы, доставки,
# визиты, отсрочка платежа). Доля в прибыли заметно выше доли в выручке — ключевые клиенты стоят больше своего
# объёма; ниже — их объём куплен скидками или дорогим обслуживанием.

# %%
contrib = ka_contribution(pnl, ka)
kav.contribution_table(contrib, lang, candidates=candidates)

# %%
if "cost" in contrib.attrs["missing"]:
    display(Markdown(ui.needs("need.cost", "need.cost.how", lang)))

# %% [markdown] lang="en"
# Where do they sit on the whale curve? The curve adds up the client profit from the most profitable client down;
# its peak is the profit the good clients make before the unprofitable ones give part of it back (block 1).

# %% [markdown] lang="ru"
# Где они на «кривой кита»? Кривая складывает прибыль по клиентам, начиная с самого прибыльного; её вершина — прибыль,
# которую дают хорошие клиенты, прежде чем убыточные отдадут часть обратно (блок 1).

# %%
curve = whale_curve(pnl)
ax = plot_ka_whale(curve, whale_summary(curve), ka_on_whale_curve(pnl, ka), candidates=candidates, lang=lang)
plt.show()

# %% [markdown] lang="en"
# The key accounts that lose money — sold below cost, or served at a cost higher than their gross margin:

# %% [markdown] lang="ru"
# Убыточные ключевые клиенты — продажи ниже себестоимости или обслуживание дороже их валовой прибыли:

# %%
losing = losing_key_accounts(pnl, ka)
kav.losing_table(losing, lang, candidates=candidates)

# %% [markdown] lang="en"
# **What to look at.** The share of profit against the share of revenue and the share of clients: "2 % of the
# clients make half of the profit" is the key accounts' weight in the business. Orange dots far down the curve, or
# in the losing table, are key accounts in name only.
#
# **What to do about it.** For each losing key account find the reason (price or cost to serve) and agree a
# plan with its manager: fewer, larger deliveries, shorter payment terms, a price review — or the honest decision
# that it is not a key account.

# %% [markdown] lang="ru"
# **На что смотреть.** Доля в прибыли против доли в выручке и доли в числе клиентов: «2 % клиентов дают половину
# прибыли» — это вес ключевых клиентов в бизнесе. Оранжевые точки далеко внизу кривой или в таблице убыточных —
# ключевые клиенты только по названию.
#
# **Что с этим делать.** По каждому убыточному ключевому клиенту найдите причину (цена или стоимость обслуживания) и
# согласуйте план с его менеджером: реже и крупнее поставки, короче отсрочка платежа, пересмотр цены — или честное
# решение, что это не ключевой клиент.

# %% [markdown] lang="en"
# ## 2. Classifying the clients and the universal key-account profile
# What do today's best key accounts have in common? Block 5's profile method with the profitable key accounts as the
# reference group: for each trait (segment, size, region, channel, assortment breadth, orders a year, days between
# orders) the typical value among them, how many of them have it (top match) and how many other clients do (rest
# match). A trait with a high lift tells the key accounts apart; the match score of every client is the share of those
# traits it has.

# %% [markdown] lang="ru"
# ## 2. Классификация клиентов и создание универсального профиля «К.А.»
# Что общего у лучших ключевых клиентов сегодня? Метод профиля из блока 5, где эталон — прибыльные ключевые клиенты:
# для каждого признака (сегмент, размер, регион, канал привлечения, широта ассортимента, заказов в год, дней между
# заказами) — типичное значение у них, у какой доли из них оно есть и у какой доли остальных клиентов. Признак с
# большим «лифтом» отличает ключевых клиентов; соответствие профилю у каждого клиента — доля таких признаков.

# %%
features = client_features(facts, ds.clients, ds.products, as_of=snapshot)
profile = ka_profile(features, pnl, ka)
if profile.profile is None:
    display(Markdown(t("ka7.profile.none", lang, who=kav.who(candidates, lang))))
else:
    if "rest" in profile.missing:
        display(Markdown(t("ka7.profile.rest", lang)))
    display(ui.styled(profile_view(profile.profile, lang=lang), lang, pct=["top_match", "rest_match"],
                      max_rows=None).set_caption(t("ka7.profile.caption", lang, n=len(profile.reference),
                                                   who=kav.who(candidates, lang))))

# %%
kav.match_table(profile.scores, lang, candidates=candidates)

# %% [markdown] lang="en"
# Flags to review: flagged key accounts that are lost, declining or never bought (block 2's lifecycle stages), and
# clients that fit the profile (at least 75 % of at least three known traits) without being flagged.

# %% [markdown] lang="ru"
# Отметки на пересмотр: отмеченные ключевые клиенты, которые потеряны, угасают или ни разу не покупали (этапы
# жизненного цикла из блока 2), и клиенты, которые соответствуют профилю (не меньше 75 % хотя бы из трёх известных
# признаков), но не отмечены.

# %%
stages = client_stages(facts, ds.clients, as_of=snapshot)
review = None if candidates else ka_flag_review(profile.scores if profile.profile else None, stages, ka)
kav.review_table(review, features, lang) if review is not None else print(t("ka7.review.candidates", lang))

# %% [markdown] lang="en"
# **What to look at.** The traits with the highest lift: that is the universal profile in one line (e.g. "large
# industrial companies that buy across ten categories every two weeks"). A lost or declining key account still
# flagged makes every key-account figure look better than it is.
#
# **What to do about it.** Write the profile down as the company's standard for a key account. Unflag or win back
# the stale ones; give each unflagged client that fits the profile a manager's review: is it a key account to be?

# %% [markdown] lang="ru"
# **На что смотреть.** Признаки с самым большим «лифтом» — это и есть универсальный профиль в одной строке
# (например, «крупные промышленные предприятия, которые раз в две недели покупают десять категорий товаров»).
# Потерянный или угасающий клиент, который всё ещё отмечен как ключевой, приукрашивает все показатели «К.А.».
#
# **Что с этим делать.** Запишите профиль как стандарт компании для ключевого клиента. С устаревших отметок снимите
# статус или верните клиента; каждого неотмеченного клиента, соответствующего профилю, разберите с менеджером: станет
# ли он ключевым?

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which of your flagged key accounts would you not flag today, and which client is missing from the
# list? What does the profile say that your sales team did not know?
#
# <details><summary>Check yourself</summary>
#
# - A key account that is lost or declining is a win-back case or a former key account, not a key account: the flag
#   must follow the decision, not the history.
# - A client that fits the profile and is not flagged is a candidate for the selection matrix (section 3), not a key
#   account yet: the company decides.
# - A profile trait held by the key accounts and by most other clients (a low lift) tells nothing: look at the traits
#   with a high lift.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кого из отмеченных ключевых клиентов вы бы сегодня не отметили и кого не хватает в списке? Что
# говорит профиль такого, чего не знал ваш отдел продаж?
#
# <details><summary>Проверьте себя</summary>
#
# - Потерянный или угасающий ключевой клиент — это клиент для возврата или бывший ключевой клиент, а не ключевой:
#   отметка должна следовать решению, а не истории.
# - Клиент, который соответствует профилю, но не отмечен, — кандидат для матрицы выбора (раздел 3), а ещё не
#   ключевой клиент: решает компания.
# - Признак профиля, который есть и у ключевых, и у большинства остальных клиентов (низкий «лифт»), ничего не
#   говорит: смотрите на признаки с высоким «лифтом».
#
# </details>

# %% [markdown] lang="en"
# ## 3. The key-account identification and selection matrix («KAISM»)
# The seminar's «KAISM» is the author's own, unpublished model. By default the workbook uses the public model it
# builds on — the key-account portfolio matrix of McDonald, Millman & Rogers (1997) and McDonald & Woodburn (2007), in
# our reading: **account attractiveness** to us (purchase volume, growth, profitability, strategic fit) against **our
# relative strength** in the account (share of wallet, length of the relationship, buying-centre coverage, client
# satisfaction). Each criterion is scored 1–10, each axis is the weighted mean of its criteria that have data, and
# the cut lines split the clients into four quadrants, each with its strategy over a three-year horizon. The trainer
# can replace the template with the author's criteria and weights.
#
# The matrix shows the clients who bought in the last 12 months and the key accounts.

# %% [markdown] lang="ru"
# ## 3. Матрица идентификации и выбора ключевых клиентов «KAISM»
# «KAISM» — авторская модель семинара, она не опубликована. По умолчанию рабочая тетрадь берёт открытую модель, на
# которую она опирается, — портфельную матрицу ключевых клиентов McDonald, Millman & Rogers (1997) и McDonald &
# Woodburn (2007) в нашем прочтении: **привлекательность клиента** для нас (объём закупок, рост, прибыльность,
# стратегическое соответствие) против **наших позиций** у клиента (доля в закупках клиента, длительность отношений,
# охват центра принятия решений, удовлетворённость клиента). Каждый критерий оценивается от 1 до 10, ось — взвешенное
# среднее её критериев, по которым есть данные, а границы делят клиентов на четыре квадранта, у каждого — своя
# стратегия на три года. Тренер может заменить шаблон авторскими критериями и весами.
#
# На матрице — клиенты с покупками за последние 12 месяцев и ключевые клиенты.

# %%
template = load_portfolio_template(ka_template)
manual = read_scores_table(ka_manual_scores) if ka_manual_scores else None
measures = portfolio_measures(facts, ds.clients, contacts=ds.contacts, surveys=ds.surveys, pnl=pnl, as_of=snapshot)
on_matrix = matrix_clients(measures, ka)  # the clients who bought in the last 12 months and the key accounts
matrix = portfolio_scores(on_matrix, template, manual=manual)
kav.criteria_table(matrix, template, lang)

# %%
note = kav.manual_note(matrix, template, lang)
if note:
    display(Markdown(note))

# %%
ax = plot_ka_matrix(matrix, on_matrix, key_accounts=ka, candidates=candidates, lang=lang)
plt.show()

# %%
quadrants = quadrant_summary(matrix.table, on_matrix, matrix.quadrants, ka)
kav.quadrant_table(quadrants, lang, candidates=candidates)

# %%
kav.matrix_accounts_table(matrix, features, ka, lang, candidates=candidates)

# %% [markdown] lang="en"
# **Try it.** Move the weights of the criteria and the cut lines: which key accounts change quadrant? (The sliders
# work in JupyterLab; a report shows the matrix above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Подвигайте веса критериев и границы: какие ключевые клиенты меняют квадрант? (Ползунки работают в
# JupyterLab; в отчёте — матрица выше.)

# %% tags=["widget"]
matrix_explorer(on_matrix, template, manual=manual, key_accounts=ka, candidates=candidates, lang=lang)

# %% [markdown] lang="en"
# **What to look at.** The key accounts in the lower half: not attractive over three years by the criteria — why
# are they key accounts? The large blue bubbles in the upper half: attractive clients not (yet) key accounts. The
# coverage columns: a position that rests on a small part of the weights is a guess.
#
# **What to do about it.** Invest for growth (top right): a key-account manager, a joint plan, the whole buying
# centre. Invest selectively (top left): win share where we can, or stop spending. Maintain (bottom right): keep the
# share at a lower cost. Manage for cash (bottom left): serve efficiently — these are not key accounts.

# %% [markdown] lang="ru"
# **На что смотреть.** Ключевые клиенты в нижней половине: по критериям они непривлекательны на три года вперёд —
# почему они ключевые? Крупные синие пузыри в верхней половине: привлекательные клиенты, которые (пока) не ключевые.
# Столбцы веса критериев с данными: позиция, которая опирается на малую часть весов, — догадка.
#
# **Что с этим делать.** «Инвестировать в рост» (справа вверху): менеджер по К.А., совместный план, весь центр
# принятия решений. «Инвестировать выборочно» (слева вверху): завоёвывать долю там, где можем, или перестать
# тратиться. «Поддерживать позиции» (справа внизу): сохранять долю с меньшими затратами. «Обслуживать экономно»
# (слева внизу): эффективное обслуживание — это не ключевые клиенты.

# %% [markdown] lang="en"
# ## 4. The possible contribution of the key accounts and their profitability
# **Headroom** = the client's potential (its yearly purchases of our category, from the client card) minus what it
# bought from us in the last 12 months; valued at the account's own gross margin rate, it is the gross margin still to
# win. An account buying more than its stated potential has an understated potential: it is flagged and left out of
# the sums, never counted as a negative headroom.

# %% [markdown] lang="ru"
# ## 4. Оценка возможного вклада «К.А.» в бизнес компании и прибыльность «К.А.»
# **Резерв** = потенциал клиента (его годовые закупки нашей категории товаров из карточки клиента) минус то, что он
# купил у нас за последние 12 месяцев; по собственной валовой марже клиента это валовая прибыль, которую ещё можно
# заработать. Клиент, который покупает больше заявленного потенциала, — потенциал занижен: он отмечен и не входит в
# суммы, а не считается отрицательным резервом.

# %%
headroom = ka_headroom(facts, ds.clients, ka, as_of=snapshot)
if "potential" in headroom.attrs["missing"]:
    display(Markdown(ui.needs("need.potential", "need.zones.potential.how", lang)))
else:
    print(kav.headroom_text(headroom, lang))
kav.headroom_table(headroom, lang, candidates=candidates)

# %% [markdown] lang="en"
# Their profitability over the years: revenue and gross margin of the key accounts together, and their share of the
# company's.

# %% [markdown] lang="ru"
# Прибыльность «К.А.» по годам: выручка и валовая прибыль ключевых клиентов вместе и их доля в компании.

# %%
yearly = ka_yearly(facts, ka)
ax = plot_ka_yearly(yearly.totals, candidates=candidates, lang=lang)
plt.show()

# %%
kav.yearly_table(yearly.totals, lang)

# %% [markdown] lang="en"
# **What to look at.** The accounts with the largest gross margin in their headroom: the money on the table of the
# clients who already know us. A falling share of revenue or margin rate over the years: the key accounts grow slower
# than the company, or pay with margin for their volume.
#
# **What to do about it.** Check the potentials of the top of the list with the clients themselves (a potential is
# an estimate). Put the headroom into each key account's plan: what share of wallet, by when, with which offer.

# %% [markdown] lang="ru"
# **На что смотреть.** Клиенты с самой большой валовой прибылью в резерве: это деньги на столе у клиентов, которые
# нас уже знают. Падение доли в выручке или валовой маржи по годам: ключевые клиенты растут медленнее компании или
# платят за объём нашей маржой.
#
# **Что с этим делать.** Проверьте потенциал клиентов из верха списка у самих клиентов (потенциал — оценка).
# Заложите резерв в план по каждому ключевому клиенту: какую долю в закупках клиента, к какому сроку, с каким
# предложением.

# %% [markdown] lang="en"
# ## 5. The company's goals that key accounts can serve
# Block 5's growth goal (+15 % by default) on the revenue of the last full year: what does it need from **today's**
# key accounts? Could they deliver it, if each bought everything it could from us (its headroom of section 4), and how
# many of them would it take? The accounts are ranked by headroom; the line adds it up until it reaches the goal. The
# number of key-account managers follows from how many key accounts one manager holds today (measured from the
# contacts history). If the line never reaches the goal, the rest must come from new key accounts: how many the
# company needs is block 8's question.

# %% [markdown] lang="ru"
# ## 5. Цели и задачи компании, которые можно решить посредством работы с «К.А.»
# Цель роста из блока 5 (+15 % по умолчанию) к выручке последнего полного года: что она требует от **нынешних**
# ключевых клиентов? Смогут ли они её дать, если каждый купит у нас всё, что может (его резерв из раздела 4), и
# сколько из них для этого нужно? Клиенты упорядочены по резерву; линия складывает резерв, пока не дойдёт до цели.
# Число менеджеров по работе с К.А. следует из того, сколько ключевых клиентов сегодня ведёт один менеджер (по
# истории контактов). Если линия так и не доходит до цели, остальное должны дать новые ключевые клиенты: сколько их
# нужно компании — вопрос блока 8.

# %%
goal_year = base_year(facts, snapshot)  # block 5's goal base: the last full year
base_revenue = float(yearly.totals.loc[yearly.totals["year"] == goal_year, "revenue_all"].sum())
need = None
if base_revenue > 0:
    need = key_accounts_needed(headroom, plan_growth * base_revenue, interactions=ds.interactions, staff=ds.staff, key_accounts=ka,
                               as_of=snapshot)  # the pool: today's key accounts only
    ax = plot_ka_needed(need, lang=lang)
    plt.show()
    print(kav.need_text(need, lang, growth=plan_growth, year=goal_year, base=base_revenue,
                        pool="candidates" if candidates else "key_accounts"))
else:
    display(Markdown(ui.needs("need.full_year", "need.full_year.how", lang)))
if "potential" in headroom.attrs["missing"]:
    display(Markdown(ui.needs("need.potential", "need.zones.potential.how", lang)))
elif need is not None and need.kams_needed is None:
    display(Markdown(ui.needs("need.ka7.capacity", "need.ka7.capacity.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Where the line crosses the goal: a handful of today's key accounts can carry the goal if
# they give their headroom; a line that stays below the goal means today's key accounts cannot deliver it — the gap
# must come from new key accounts (block 8). The managers needed against the managers you have.
#
# **What to do about it.** Turn the goal into a list: the key accounts left of the crossing, each with its headroom,
# its manager and its plan. The headroom is the optimistic bound — nobody wins all of it, so the list must be longer
# than the crossing says.

# %% [markdown] lang="ru"
# **На что смотреть.** Где линия пересекает цель: несколько нынешних ключевых клиентов могут обеспечить цель, если
# отдадут свой резерв; линия так и не доходит до цели — нынешние ключевые клиенты её не дадут, разницу должны дать
# новые ключевые клиенты (блок 8). Сравните нужное число менеджеров с тем, сколько их у вас.
#
# **Что с этим делать.** Превратите цель в список: ключевые клиенты слева от пересечения, у каждого — резерв, менеджер
# и план. Резерв — оптимистичная граница: никто не получает его целиком, поэтому список должен быть длиннее, чем
# показывает пересечение.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which goals of your company — growth, new clients, new markets, lower costs, a stable plan — can be
# reached through the key accounts, and which cannot? What happens to a company that has no key accounts?
#
# <details><summary>Check yourself</summary>
#
# - Growth from today's key accounts is limited by their headroom: if the line does not reach the goal, the rest must
#   come from new key accounts (how many: block 8) or from new clients.
# - A company without key accounts depends on many small clients: no reference clients, no joint development, no
#   predictable volume — and no one to defend against a competitor who wins a large client.
# - More key accounts than managers can hold (well over 35) means they get ordinary service: the number needed must
#   fit the managers you have or plan to hire.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** какие цели вашей компании — рост, новые клиенты, новые рынки, снижение затрат, стабильный план —
# можно решить через ключевых клиентов, а какие нельзя? Что происходит с компанией, у которой нет ключевых клиентов?
#
# <details><summary>Проверьте себя</summary>
#
# - Рост у нынешних ключевых клиентов ограничен их резервом: если линия не доходит до цели, остальное должны дать
#   новые ключевые клиенты (сколько — блок 8) или новые клиенты.
# - Компания без ключевых клиентов зависит от множества мелких: нет референтных клиентов, нет совместных разработок,
#   нет предсказуемого объёма — и некого защищать от конкурента, который уводит крупного клиента.
# - Ключевых клиентов больше, чем могут вести менеджеры (заметно больше 35), — значит, их обслуживают как обычных:
#   нужное число должно соответствовать менеджерам, которые есть или которых вы наймёте.
#
# </details>

# %% [markdown] lang="en"
# ## 6. Key accounts as a source of competitive advantage
# What does a key account give us beyond its money? A short checklist — each item serves one of the company's goals
# and is scored 0 (no), 1 (partly) or 2 (yes) per key account: from the data where it can be measured (share of our
# revenue, length of the relationship, breadth of the assortment, share of wallet), by the key-account manager where
# it cannot (reference client, joint development, a new segment, market information). The checklist is an **example**
# — our reading of McDonald, Millman & Rogers (1997) and Walter, Ritter & Gemünden (2001) — until the trainer fills in
# the company's own; an item nobody scored is missing, not zero.

# %% [markdown] lang="ru"
# ## 6. «К.А.» как инструмент создания дополнительных конкурентных преимуществ компании
# Что даёт нам ключевой клиент помимо денег? Короткий чек-лист: каждый пункт служит одной из целей компании и
# оценивается по каждому ключевому клиенту 0 (нет), 1 (частично) или 2 (да) — по данным, где это можно измерить
# (доля нашей выручки, длительность отношений, широта ассортимента, доля в закупках клиента), и менеджером по К.А.,
# где нельзя (референтный клиент, совместные разработки, новый сегмент, информация о рынке). Чек-лист — **пример**
# (наше прочтение McDonald, Millman & Rogers, 1997, и Walter, Ritter & Gemünden, 2001), пока тренер не заполнит
# собственный чек-лист компании; пункт, который никто не оценил, — пропуск, а не ноль.

# %%
checklist = load_advantage_template(advantage_file)
advantage = score_advantage(checklist, ka, measures, features,
                            manual=read_scores_table(advantage_scores) if advantage_scores else None)
note = kav.advantage_note(advantage, checklist, lang)
if note:
    display(Markdown(note))
kav.advantage_items_table(advantage, checklist, lang)

# %%
ax = plot_advantage(advantage, checklist, lang=lang)
plt.show()

# %%
kav.advantage_accounts_table(advantage, features, lang)

# %% [markdown] lang="en"
# **What to look at.** The items where most key accounts score "no": the advantages the company does not draw from
# its key accounts. The accounts at the bottom of the index: money, but nothing else.
#
# **What to do about it.** Have each key-account manager score the manual items for their accounts (a table of
# client, item, score), and put one advantage into each account's plan: a reference visit, a joint project, a
# category not bought yet.

# %% [markdown] lang="ru"
# **На что смотреть.** Пункты, где у большинства ключевых клиентов «нет», — преимущества, которые компания не
# получает от своих ключевых клиентов. Клиенты внизу индекса: деньги — и больше ничего.
#
# **Что с этим делать.** Пусть каждый менеджер по К.А. оценит ручные пункты по своим клиентам (таблица: клиент,
# пункт, оценка), и заложите одно преимущество в план каждого клиента: референс-визит, совместный проект, категорию
# товаров, которую клиент ещё не покупает.

# %% [markdown] lang="en"
# ## Key figures of block 7

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 7

# %% tags=["key-figures"]
invest = (matrix.quadrants["high_high"], matrix.quadrants["high_low"])
figures = kav.key_account_figures(ka=ka, candidates=candidates, contrib=contrib, losing=losing, review=review,
                                  quadrants=quadrants, invest=invest, headroom=headroom, need=need,
                                  advantage=advantage, lang=lang)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers in its solution
# workbook). Then block 8: the analysis of the company's business — is the company ready to work with key accounts?

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в его рабочей тетради с упражнениями (ответы тренера — в тетради с решениями).
# Затем блок 8: «Анализ бизнеса компании» — готова ли компания к работе с «К.А.»?
