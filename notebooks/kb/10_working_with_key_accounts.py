# %% [markdown] lang="en"
# # Block 10 · Working with key accounts
# *Seminar "Customer base and key clients: audit, creation, management"*
#
# **What you will see** — the block's questions in the program's order, answered from the company's contacts,
# interactions and sales:
# - The decision making unit (DMU): who decides on the cooperation inside each key account — which roles of the
#   buying centre we know a person for, and who is for us and who is against.
# - The right level of contact with the decision maker: how high our contacts reach and how long ago we last spoke
#   with the person who decides.
# - DMU types and statuses: the buy class of each account (new task, modified rebuy, straight rebuy) read from its
#   purchases, and how large its buying centre should be.
# - The contact matrix: the client's people × our people, with the strength of each relationship and its owner.
# - The buying roles and their involvement: the gaps in the buying centres and the revenue at stake.
# - The list of DMU actions per key account, ready for the CRM.

# %% [markdown] lang="ru"
# # Блок 10 · Работа с ключевыми клиентами
# *Семинар «Клиентская база и ключевые клиенты: аудит — создание — управление»*
#
# **Что вы увидите** — вопросы блока в порядке программы; ответы — по контактам, истории контактов и продажам
# компании:
# - «Лицо, принимающее решение о сотрудничестве — DMU» (закупочный центр, центр принятия решений): кто решает
#   внутри каждого ключевого клиента («К.А.») — для каких ролей закупочного центра мы знаем человека, кто за нас, а
#   кто против.
# - «Поиск нужного уровня контакта с ЛПР»: насколько высоко доходят наши контакты и как давно мы последний раз
#   общались с тем, кто принимает решение.
# - «DMU: виды и статусы»: тип закупки каждого клиента (новая закупка, изменённая или прямая повторная закупка) по
#   истории его покупок — и каким должен быть его закупочный центр.
# - «Матрица контактов с К.А.»: люди клиента × наши сотрудники — сила каждой связи и её владелец.
# - «Покупательские роли К.А. и виды их вовлечённости»: пробелы в закупочных центрах и выручка под угрозой.
# - Список действий с закупочным центром по каждому ключевому клиенту — готовый для CRM.

# %% [markdown] lang="en" tags=["remove"]
# **Settings of this workbook** (the next cell; change a value and run the workbook again):
# - `data` — the folder or file with your company's exports; `None` (default) runs the demo company.
# - `mapping` — a YAML file that maps your column headers onto the workbook's columns; `None` (default)
#   understands the usual 1C and English headers.
# - `lang` — the language of texts, charts and tables: `"ru"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` (default) takes all the data.
# - `as_of` — the day of the snapshot: contacts and purchases after it are not counted; `None` is the last sales day.
# - `stale_days` — a decision maker not met for more than this many days counts as "not met for long"; default 180
#   (half a year).
# - `matrix_account` — the client code of the key account whose contact matrix is shown; `None` (default) shows
#   the largest key account that has contact persons.

# %% [markdown] lang="ru" tags=["remove"]
# **Настройки рабочей тетради** (следующая ячейка; измените значение и запустите тетрадь заново):
# - `data` — папка или файл с выгрузками вашей компании; `None` (по умолчанию) — демо-компания.
# - `mapping` — файл YAML, сопоставляющий заголовки ваших столбцов со столбцами тетради; `None` (по умолчанию)
#   понимает обычные заголовки 1С и английские.
# - `lang` — язык текстов, графиков и таблиц: `"ru"` или `"en"`.
# - `start`, `end` — анализируемый период в виде `"ГГГГ-ММ-ДД"`; `None` (по умолчанию) — все данные.
# - `as_of` — дата среза: контакты и покупки после неё не учитываются; `None` — последний день продаж.
# - `stale_days` — с ЛПР, с которым не общались дольше стольких дней, «давно не общались»; по умолчанию 180
#   (полгода).
# - `matrix_account` — код ключевого клиента, чья матрица контактов показана; `None` (по умолчанию) — крупнейший
#   ключевой клиент, у которого есть контактные лица.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "ru" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD", None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot; None means the last sales date
stale_days = 180  # a decision maker not met for more than this many days is "not met for long"
matrix_account = None  # client code whose contact matrix is shown; None means the largest key account with contacts

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.dmu import (
    buy_class,
    contact_matrix,
    dmu_actions,
    dmu_coverage,
    next_dmu_action,
)
from kbcore.analyses.dmu_review import (
    buy_class_summary,
    gap_summary,
    largest_account,
    level_summary,
    review_accounts,
)
from kbcore.analyses.profitability import client_pnl
from kbcore.charts import use_style
from kbcore.charts.dmu import (
    plot_attitudes,
    plot_contact_matrix,
    plot_decider_recency,
    plot_gaps,
    plot_role_coverage,
)
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.dmu import (
    account_labels,
    accounts_note,
    actions_view,
    attitudes_total,
    buy_class_accounts_view,
    buy_class_view,
    dmu_figures,
    dmu_table,
    gaps_view,
    level_counts_view,
    level_view,
    matrix_note,
    matrix_view,
    roles_view,
    single_threaded_view,
)
from kbcore.widgets.dmu import contact_matrix_explorer

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
# ## Which accounts: the key accounts of the client cards
# A key account is a client the company has *chosen* to work with individually (block 7), so the workbook takes the
# key-account flag of the client cards. Without any flag it does not guess: it reviews block 7's candidates — the
# clients that make the first half of the client profit, at most 35 — and calls them "accounts under review".

# %% [markdown] lang="ru"
# ## Какие клиенты: ключевые клиенты из карточек
# Ключевой клиент — это клиент, которого компания *выбрала* для индивидуальной работы (блок 7), поэтому тетрадь
# берёт отметку «ключевой клиент» из карточек клиентов. Если отметок нет, она не угадывает: рассматривает кандидатов
# блока 7 — клиентов, которые дают первую половину прибыли по клиентам (не больше 35), — и называет их «клиентами на
# рассмотрении».

# %%
snapshot = facts.as_of  # the analysis date: as_of, else the last sales day
pnl = client_pnl(facts, ds.clients, ds.interactions, end=snapshot)  # block 1's client P&L, for block 7's candidates
review = review_accounts(facts, ds.clients, pnl=pnl)
names = account_labels(review)
has_contacts = ds.has("contacts")
print(accounts_note(review, lang))
if review.attrs["rule"] != "flag":
    display(Markdown(ui.needs("need.dmu.key_accounts", "need.dmu.key_accounts.how", lang)))
if not has_contacts:
    display(Markdown(ui.needs("need.dmu.contacts", "need.dmu.contacts.how", lang)))

# %%
coverage = dmu_coverage(ds.contacts, review, as_of=snapshot, stale_days=stale_days, interactions=ds.interactions)
classes = buy_class(facts, review, products=ds.products)
matrix = contact_matrix(ds.contacts, ds.interactions, as_of=snapshot, staff=ds.staff)
actions = dmu_actions(coverage, classes)
next_actions = next_dmu_action(actions, coverage)
gaps = gap_summary(coverage, review)
class_summary = buy_class_summary(coverage, classes)

# %% [markdown] lang="en"
# ## 1. The DMU: who decides on the cooperation?
# A B2B purchase is decided not by one person but by a **buying centre** — the decision making unit (DMU): the people
# of the client who take part in the decision (F. Webster and Y. Wind, 1972). Each plays a role: the **user** works
# with our product, the **influencer** (specialist, engineer, technologist) shapes the requirements, the **buyer**
# (purchasing) places the order and negotiates terms, the **decision maker** chooses the supplier, the **gatekeeper**
# (secretary, assistant) decides what reaches the others; the **initiator** starts the purchase and the **approver**
# signs it off (T. Bonoma, 1982). One person may play several roles.
#
# Below, for every key account (the largest first): for which roles we know a person (✓), for which we know nobody
# (✗), and how many of its people are for us, neutral or against us.

# %% [markdown] lang="ru"
# ## 1. «DMU»: кто принимает решение о сотрудничестве?
# В B2B решение о покупке принимает не один человек, а **закупочный центр** (центр принятия решений, DMU — decision
# making unit): люди клиента, которые участвуют в решении (Ф. Уэбстер и Й. Винд, 1972). У каждого своя роль:
# **пользователь** работает с нашим товаром, **ЛВР** — лицо, влияющее на решение (специалист, инженер, технолог),
# формирует требования, **закупщик** (снабжение) размещает заказ и торгуется об условиях, **ЛПР** — лицо,
# принимающее решение, выбирает поставщика, **«привратник»** (секретарь, помощник) решает, что дойдёт до остальных;
# **инициатор** запускает закупку, **утверждающий** её согласует (Т. Бонома, 1982). Один человек может играть
# несколько ролей.
#
# Ниже по каждому ключевому клиенту (сначала самые крупные): для каких ролей мы знаем человека (✓), для каких — никого
# (✗) и сколько людей клиента за нас, нейтральны или против нас.

# %%
if not ds.has("contacts", "buying_role") and has_contacts:
    display(Markdown(ui.needs("need.dmu.roles", "need.dmu.roles.how", lang)))
dmu_table(roles_view(coverage, review, lang), lang, max_rows=30)

# %%
if has_contacts:
    plot_role_coverage(coverage, review, lang=lang)
    plt.show()

# %%
if has_contacts:
    display(dmu_table(attitudes_total(coverage, lang), lang))
    plot_attitudes(coverage, review, lang=lang)
    plt.show()

# %% [markdown] lang="en"
# **What to look at.** The decision maker's column first: an account where we know no decision maker is sold to by
# hope. Then the width of each row: a row with one or two green squares is a buying centre we see through a keyhole.
# Among the people, the opponents: one opponent with influence can take the account to a competitor.
#
# **What to do about it.** For every account with red squares in the decider, influencer or user columns, ask the
# people we know: who else takes part in the choice? Write each new person with the role into the contacts.

# %% [markdown] lang="ru"
# **На что смотреть.** Сначала столбец ЛПР: клиент, у которого мы не знаем ЛПР, держится на надежде. Затем ширина
# каждой строки: одна-две зелёные клетки — это закупочный центр, который мы видим в замочную скважину. Среди людей —
# противники: один влиятельный противник способен увести клиента к конкуренту.
#
# **Что с этим делать.** По каждому клиенту с красными клетками в столбцах ЛПР, ЛВР или пользователя спросите у
# знакомых людей клиента: кто ещё участвует в выборе? Каждого нового человека запишите в контакты вместе с его ролью.

# %% [markdown] lang="en"
# ## 2. The right level of contact with the decision maker
# How high do our contacts reach? The level of each person is read from the contacts (or from the position:
# "General Director" is the first person, "Director" top management, "Head of …" middle management, others
# specialists; our reading). And how fresh is the contact with the decision maker? A decider not met for more than
# half a year (the setting of this workbook) has probably forgotten us — or met a competitor.

# %% [markdown] lang="ru"
# ## 2. «Поиск нужного уровня контакта с ЛПР»
# Насколько высоко доходят наши контакты? Уровень каждого человека берётся из таблицы контактов (или из должности:
# «генеральный директор» — первое лицо, «директор» — топ-менеджмент, «начальник …» — среднее звено, остальные —
# специалисты; это наше прочтение). И насколько свеж контакт с ЛПР? ЛПР, с которым мы не общались больше полугода
# (настройка тетради), скорее всего, о нас забыл — или встретился с конкурентом.

# %%
if has_contacts:
    display(dmu_table(level_counts_view(level_summary(coverage), lang), lang, pct=["account_share"], max_rows=None))
dmu_table(level_view(coverage, review, lang), lang, ints=["days_since_contact"], max_rows=30)

# %%
if has_contacts:
    plot_decider_recency(coverage, review, lang=lang)
    plt.show()

# %% [markdown] lang="en"
# **What to look at.** The red bars: key accounts whose decision maker we have not spoken with for over half a year.
# Compare them with the revenue (section 3 and the list of actions): a decider gone quiet at an account that stopped
# buying is the story of a lost key account, told in advance.
#
# **What to do about it.** For each red bar, a meeting at the decider's level within a month — with a reason that
# matters to the decider (results of the year, a plan for next year), not a price list. Where our highest contact is
# a specialist, ask our director to meet theirs.

# %% [markdown] lang="ru"
# **На что смотреть.** Красные полосы: ключевые клиенты, с ЛПР которых мы не общались больше полугода. Сравните их
# с выручкой (раздел 3 и список действий): ЛПР, который замолчал у клиента, переставшего покупать, — это история
# потерянного ключевого клиента, рассказанная заранее.
#
# **Что с этим делать.** По каждой красной полосе — встреча на уровне ЛПР в течение месяца, с поводом, важным для
# ЛПР (итоги года, план на следующий год), а не с прайс-листом. Если наш самый высокий контакт — специалист,
# попросите нашего директора встретиться с их директором.

# %% [markdown] lang="en"
# ## 3. DMU types and statuses: what the buy class asks of the buying centre
# The buygrid of P. Robinson, C. Faris and Y. Wind (1967) distinguishes three buy classes: a **new task** (the client
# buys from us for the first time — many people, a long search), a **modified rebuy** (the client changes what or
# how much it buys — the decider and the specialists come back into the game) and a **straight rebuy** (the same
# order again — purchasing alone, a routine). The workbook reads the class of each account from its last 12 months
# of purchases against the 12 months before: the first purchase in the last 12 months is a new task; more than 30 %
# of the revenue in new product groups, or a change of volume by more than half, is a modified rebuy; otherwise a
# straight rebuy. The size of the buying centre per class and its main roles are our reading of the buygrid.

# %% [markdown] lang="ru"
# ## 3. «DMU: виды и статусы»: чего тип закупки требует от закупочного центра
# Модель закупочных ситуаций П. Робинсона, Ч. Фариса и Й. Винда (1967) различает три типа закупки: **новая закупка**
# (клиент впервые покупает у нас — много людей, долгий поиск), **изменённая повторная закупка** (клиент меняет, что
# или сколько он покупает, — в игру возвращаются ЛПР и специалисты) и **прямая повторная закупка** (тот же заказ
# снова — рутина, которой занимается снабжение). Тетрадь определяет тип закупки каждого клиента по его покупкам за
# последние 12 месяцев в сравнении с 12 месяцами до них: первая покупка за последние 12 месяцев — новая закупка;
# больше 30 % выручки в новых товарных группах или изменение объёма больше чем наполовину — изменённая повторная
# закупка; иначе — прямая повторная закупка. Размер закупочного центра по типам и главные роли — наше прочтение
# модели.

# %%
dmu_table(buy_class_view(class_summary, lang), lang, max_rows=None)

# %%
if "short_history" in classes.attrs["flags"]:
    print(t("dmu.note.short_history", lang))
dmu_table(buy_class_accounts_view(classes, review, lang), lang, pct=["revenue_change", "new_assortment_share"],
          money=["revenue_prev_12m"], max_rows=30)

# %% [markdown] lang="en"
# **What to look at.** The accounts in a modified rebuy: the client is changing what it buys, so its decider and
# specialists are choosing again — the moment to be in front of them (or of the competitors). The accounts without a
# purchase in 12 months: a key account that does not buy is a flag to review (block 7).
#
# **What to do about it.** For a modified rebuy, meet the decider and the influencers now, before the new order is
# placed. For a straight rebuy, keep the supply flawless and widen the contact beyond purchasing: routine is where a
# competitor comes in with a lower price to the buyer alone.

# %% [markdown] lang="ru"
# **На что смотреть.** Клиенты с изменённой повторной закупкой: клиент меняет то, что покупает, значит, его ЛПР и
# специалисты выбирают заново — момент быть перед ними (или перед ними окажутся конкуренты). Клиенты без закупок за
# 12 месяцев: ключевой клиент, который не покупает, — повод пересмотреть отметку (блок 7).
#
# **Что с этим делать.** При изменённой повторной закупке встретьтесь с ЛПР и ЛВР сейчас, до нового заказа. При прямой
# повторной закупке держите поставки безупречными и расширяйте контакт за пределы снабжения: рутина — это то место,
# куда приходит конкурент с ценой ниже, обращаясь к одному закупщику.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** which of your key accounts are choosing again right now (a modified rebuy), and who of their buying
# centre has met us this year?
#
# <details><summary>Check yourself</summary>
#
# - Take the accounts of the modified-rebuy row in the table above and look up their decider in section 2.
# - A modified rebuy with a decider not met for months is the most urgent case: the client decides without us.
# - A straight rebuy with one contact in purchasing is stable only until a competitor calls the same buyer.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** кто из ваших ключевых клиентов выбирает заново прямо сейчас (изменённая повторная закупка) и кто из
# их закупочного центра встречался с нами в этом году?
#
# <details><summary>Проверьте себя</summary>
#
# - Возьмите клиентов из строки «Изменённая повторная закупка» в таблице выше и найдите их ЛПР в разделе 2.
# - Изменённая повторная закупка при ЛПР, с которым не общались месяцами, — самый срочный случай: клиент решает без
#   нас.
# - Прямая повторная закупка с одним контактом в снабжении стабильна, только пока конкурент не позвонил тому же
#   закупщику.
#
# </details>

# %% [markdown] lang="en"
# ## 4. The contact matrix with a key account
# The client's people (rows) × our people (columns): how many contacts each pair had in the last 12 months and how
# strong the relationship is — strong with six contacts or more, or a meeting in the last 90 days; medium from three
# contacts; weak with one or two (our reading). The framed square is the **owner** of the relationship: the person
# written as responsible in the contacts, else the one of ours who talks to that person most. A healthy matrix of a
# key account is a "diamond" — several of our people (manager, director, specialists) each linked to their
# counterparts — not a "bow tie" where everything goes through one manager and one buyer (M. McDonald and
# B. Rogers, 1998).

# %% [markdown] lang="ru"
# ## 4. «Матрица контактов с К.А.»
# Люди клиента (строки) × наши сотрудники (столбцы): сколько контактов было у каждой пары за последние 12 месяцев
# и насколько сильна связь — сильная при шести контактах и больше или встрече за последние 90 дней, средняя — от трёх
# контактов, слабая — при одном-двух (наше прочтение). Клетка в рамке — **владелец отношений**: тот, кто записан
# ответственным в контактах, иначе тот из наших, кто общается с этим человеком чаще всех. Здоровая матрица
# ключевого клиента — «ромб»: несколько наших сотрудников (менеджер, директор, специалисты) связаны каждый со своим
# визави, а не «галстук-бабочка», где всё идёт через одного менеджера и одного закупщика (М. Макдональд и
# Б. Роджерс, 1998).

# %%
shown = matrix_account if matrix_account is not None else largest_account(review, coverage)
print(matrix_note(matrix, lang))
if not ds.has("interactions"):
    display(Markdown(ui.needs("need.dmu.interactions", "need.dmu.interactions.how", lang)))
elif not ds.has("interactions", "contact_id"):
    display(Markdown(ui.needs("need.dmu.contact_person", "need.dmu.contact_person.how", lang)))
if shown is not None and len(matrix):
    plot_contact_matrix(matrix, ds.contacts, shown, lang=lang, name=names.get(str(shown), str(shown)))
    plt.show()
    display(dmu_table(matrix_view(matrix, ds.contacts, shown, lang), lang, max_rows=None))

# %% [markdown] lang="en"
# **Try it.** Choose another key account in the list: its matrix is drawn again. (The list works in JupyterLab; a
# report shows the matrix of the largest key account above.)

# %% [markdown] lang="ru"
# **Попробуйте.** Выберите в списке другого ключевого клиента — его матрица будет нарисована заново. (Список
# работает в JupyterLab; в отчёте — матрица крупнейшего ключевого клиента выше.)

# %% tags=["widget"]
contact_matrix_explorer(matrix, ds.contacts, review, lang=lang, account=shown)

# %% [markdown] lang="en"
# **What to look at.** Rows without colour: people of the client nobody of ours talks to. One column carrying all the
# colour: the relationship belongs to one manager and leaves with them. No framed square on the decider's row: nobody
# of ours owns the most important relationship.
#
# **What to do about it.** Give every person of the buying centre an owner on our side, at a matching level: our
# director for their director, our specialist for their engineer. Record each contact with the person's name, so that
# the matrix shows people, not only the client.

# %% [markdown] lang="ru"
# **На что смотреть.** Строки без цвета — люди клиента, с которыми никто из наших не общается. Один столбец, на
# котором весь цвет, — отношения принадлежат одному менеджеру и уйдут вместе с ним. Нет клетки в рамке в строке ЛПР —
# самые важные отношения никому из наших не принадлежат.
#
# **Что с этим делать.** Закрепите за каждым человеком закупочного центра владельца с нашей стороны на
# соответствующем уровне: наш директор — для их директора, наш специалист — для их инженера. Записывайте каждый
# контакт с именем человека, чтобы матрица показывала людей, а не только клиента.

# %% [markdown] lang="en"
# ## 5. The buying roles and their involvement: the gaps
# Five gaps of a buying centre, counted over the key accounts, with the revenue of the last 12 months that depends on
# them: no contact person at all; no decision maker known; the decision maker not met for long; an opponent in the
# buying centre; and one contact person only — the "single thread" that breaks when that person leaves, falls ill or
# changes their mind (M. McDonald and B. Rogers, 1998). A gap the data cannot show reads "no data", never zero.

# %% [markdown] lang="ru"
# ## 5. «Покупательские роли К.А. и виды их вовлечённости»: пробелы
# Пять пробелов закупочного центра, посчитанных по ключевым клиентам, и выручка последних 12 месяцев, которая от них
# зависит: нет ни одного контактного лица; ЛПР не известен; с ЛПР давно не общались; в закупочном центре есть
# противник; только одно контактное лицо — «одна нить», которая рвётся, когда человек уходит, болеет или меняет
# мнение (М. Макдональд и Б. Роджерс, 1998). Пробел, который данные не позволяют увидеть, помечен «нет данных», а не
# нулём.

# %%
dmu_table(gaps_view(gaps, lang), lang, pct=["account_share", "revenue_share"], money=["revenue_at_stake"],
          max_rows=None)

# %%
if has_contacts:
    plot_gaps(gaps, lang=lang)
    plt.show()

# %% [markdown] lang="en"
# The key accounts that hang on one person:

# %% [markdown] lang="ru"
# Ключевые клиенты, которые держатся на одном человеке:

# %%
if has_contacts:
    display(dmu_table(single_threaded_view(coverage, review, lang), lang, ints=["days_since_contact"], max_rows=None))

# %% [markdown] lang="en"
# **What to look at.** The revenue at stake more than the number of accounts: a single thread at the largest key
# account weighs more than three at the smallest. The opponents: where they sit in the buying centre (section 1)
# says whether they can block the decision.
#
# **What to do about it.** A second contact at every single-threaded account within a quarter — preferably at another
# level and in another role. For each opponent, find out why (a past failure of ours, a friend at a competitor, a
# specification written for another product) and who of ours can answer it.

# %% [markdown] lang="ru"
# **На что смотреть.** Выручка под угрозой важнее числа клиентов: одна «нить» у крупнейшего ключевого клиента весит
# больше, чем три у самых маленьких. Противники: где они в закупочном центре (раздел 1), говорит о том, могут ли они
# заблокировать решение.
#
# **Что с этим делать.** Второе контактное лицо у каждого клиента «на одной нити» — в течение квартала, лучше на
# другом уровне и в другой роли. По каждому противнику выясните причину (наш прошлый сбой, друг у конкурента,
# техническое задание под чужой товар) и кто из наших может на неё ответить.

# %% [markdown] lang="en"
# ## 6. The DMU actions per key account
# Each gap has its action: map the buying centre, find and meet the decision maker, meet the decision maker again,
# win over the opponent, find a second contact person. Their order depends on the buy class (a new or modified buy:
# the decider first; a straight rebuy: the single thread and the opponent first; our reading of the buygrid). The list
# below — the largest key accounts first, each with its actions in order — is the manager's work list; the first
# action of each account goes into the CRM table as its next DMU action.

# %% [markdown] lang="ru"
# ## 6. Действия с закупочным центром по каждому ключевому клиенту
# У каждого пробела своё действие: составить карту закупочного центра, выйти на ЛПР, возобновить контакт с ЛПР,
# переубедить противника, найти второе контактное лицо. Их очерёдность зависит от типа закупки (новая или изменённая
# закупка — сначала ЛПР; прямая повторная — сначала «одна нить» и противник; наше прочтение модели закупочных
# ситуаций). Список ниже — сначала крупнейшие ключевые клиенты, у каждого действия по очереди — это список работы
# менеджера; первое действие каждого клиента попадает в таблицу для CRM как его следующее действие с закупочным
# центром.

# %%
if not has_contacts:
    display(Markdown(ui.needs("need.dmu.contacts", "need.dmu.contacts.how", lang)))
dmu_table(actions_view(actions, review, lang), lang, max_rows=40)

# %% [markdown] lang="en"
# **What to look at.** The first rows: the largest accounts with an action. Who does it — the manager of the account,
# or a director, when the action is at the decider's level?
#
# **What to do about it.** Put each first action into the account's plan with a date and an owner, and review the
# list every month: an action done closes its gap, and the account leaves the list.

# %% [markdown] lang="ru"
# **На что смотреть.** Первые строки — крупнейшие клиенты, по которым нужно действие. Кто его выполняет — менеджер
# клиента или директор, если действие на уровне ЛПР?
#
# **Что с этим делать.** Внесите первое действие каждого клиента в его план с датой и ответственным и разбирайте
# список каждый месяц: выполненное действие закрывает пробел, и клиент уходит из списка.

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** take your largest key account. Can you name its decision maker, when you last met them, and who in
# your company owns that relationship?
#
# <details><summary>Check yourself</summary>
#
# - Section 1 says whether a decision maker is recorded; section 2 when we last spoke with them.
# - The contact matrix (section 4) shows who of ours owns each relationship: if it is one manager for every person,
#   the account leaves with that manager.
# - If you cannot answer from the CRM, the first action is to map the buying centre: the workbook can only show what
#   is recorded.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** возьмите вашего крупнейшего ключевого клиента. Можете ли вы назвать его ЛПР, сказать, когда в
# последний раз с ним встречались и кто в вашей компании владеет этими отношениями?
#
# <details><summary>Проверьте себя</summary>
#
# - Раздел 1 показывает, записан ли ЛПР; раздел 2 — когда мы последний раз с ним общались.
# - Матрица контактов (раздел 4) показывает, кто из наших владеет каждыми отношениями: если это один менеджер для всех
#   людей клиента, клиент уйдёт вместе с этим менеджером.
# - Если ответить по CRM нельзя, первое действие — составить карту закупочного центра: тетрадь показывает только то,
#   что записано.
#
# </details>

# %% [markdown] lang="en"
# ## Key figures of block 10

# %% [markdown] lang="ru"
# ## Ключевые показатели блока 10

# %% tags=["key-figures"]
ui.key_figures_table(dmu_figures(review, coverage, gaps, class_summary, next_actions, lang), lang).style.hide(
    axis="index")

# %% [markdown] lang="en"
# **Next:** the exercises of this block are in its exercise workbook (the trainer's answers in its solution
# workbook). The seminar ends here: take the list of DMU actions into the next month's account plans.

# %% [markdown] lang="ru"
# **Дальше:** упражнения этого блока — в его рабочей тетради с упражнениями (ответы тренера — в тетради с решениями).
# На этом семинар заканчивается: перенесите список действий с закупочным центром в планы по клиентам на следующий
# месяц.
