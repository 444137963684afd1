# %% [markdown] lang="en"
# # Block 4 · Exercises · The audit of the company's customer base
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eight short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. Most need no programming: you **read** a number off a table or a chart that the workbook
# shows, or you **change one value** in a cell, run it again and read the result. Type what you read into the answer
# cell and run it: the check under it says at once whether you are right and, if not yet, gives a hint — one step
# more at each try. Exercise 4.8 is for the analyst (it needs pandas) and is optional.
#
# The self-assessment here is the **example** participant's, the same for everybody — never your own answers: those
# you fill in the block's workbook.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 4 · Упражнения · Аудит клиентской базы компании
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Восемь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. Программировать почти не нужно: вы **читаете** число в таблице или на
# диаграмме, которую показывает тетрадь, или **меняете одно значение** в ячейке, запускаете её ещё раз и читаете
# результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно ли, а если пока
# нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 4.8 — для аналитика (нужен pandas), по желанию.
#
# Самооценка здесь — **пример** ответов вымышленного участника, одинаковый для всех, а не ваши ответы: свои вы
# заполняете в рабочей тетради блока.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`lost_revenue = 12000000`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option
# (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering? `hint("4.3")` in a new cell shows the next
# step of the hint. In a *change and rerun* exercise change the one value the text names in the call, then run the
# cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число
# (`lost_revenue = 12000000`), долю (`share = 0.23` или `share = 23` для 23 %) или номер варианта (`answer = 2`) — и
# запустите ячейку (Shift+Enter). Не знаете, с чего начать? `hint("4.3")` в новой ячейке показывает следующий шаг
# подсказки. В упражнении «измените и запустите» поменяйте в вызове то одно значение, которое названо в тексте, и
# запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.audit import assignment_cells, audit_actions, audit_money, audit_stages
from kbcore.analyses.audit_report import audit_report
from kbcore.analyses.evidence import measure
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_section_scores
from kbcore.charts.audit import plot_audit
from kbcore.facts import Facts
from kbcore.views.assessment import result_html
from kbcore.views.audit import (
    actions_table,
    audit_html,
    audit_table,
    cells_summary,
    cells_table,
    money_table,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("4.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
stages = audit_stages(ds, facts)  # the ten stages with the block's default thresholds
money = audit_money(ds, facts)
actions = audit_actions(stages)
q_audit = read_questionnaire("kb_audit")
measured = measure(sorted({x.evidence for x in q_audit.questions if x.evidence}), ds, facts)
example_result = assess(q_audit, example_answers(q_audit), measured=measured)  # the example participant
report = audit_report(stages, example_result.sections)

# %% [markdown] lang="en"
# ## Exercise 4.1 · The example participant's audit
# Below: the result of the audit questionnaire of the **example** participant — the one the block's workbook shows
# when nobody has answered yet — and the chart of the scores by stage.
#
# **What is the example participant's overall score?** Read it in the line "Overall score (example)". Type it as a
# fraction or as a percentage, e.g. `audit_score = 0.5` or `audit_score = 50`. What does its verdict say: a base or a
# list?

# %% [markdown] lang="ru"
# ## Упражнение 4.1 · Аудит участника-примера
# Ниже — результат анкеты аудита **участника-примера** (его рабочая тетрадь блока показывает, пока никто не ответил) и
# диаграмма оценок по этапам.
#
# **Какова общая оценка участника-примера?** Прочитайте её в строке «Общая оценка (пример)». Введите долю дробью или
# в процентах, например `audit_score = 0.5` или `audit_score = 50`. Что говорит вывод: база или список?

# %%
display(HTML(result_html(q_audit, example_result, lang, source="example")))
ax = plot_section_scores(q_audit, example_result, lang=lang, example=True)
plt.show()

# %%
audit_score = example_result.overall  # SOLUTION
check("4.1", audit_score)

# %% [markdown] lang="en"
# ## Exercise 4.2 · The cells nobody owns alone
# Stage 2 of the audit: every segment × region cell of the active clients should have one responsible manager. The
# line and the table below count the cells of the demo company by who serves them.
#
# **What share of the cells is not owned by one manager (shared or split)?** Type it as a fraction or as a
# percentage, e.g. `not_owned_share = 0.1` or `not_owned_share = 10`.

# %% [markdown] lang="ru"
# ## Упражнение 4.2 · Ячейки, за которые никто не отвечает один
# Этап 2 аудита: у каждой ячейки «сегмент × регион» с активными клиентами должен быть один ответственный менеджер.
# Строка и таблица ниже считают ячейки демонстрационной компании по тому, кто их ведёт.
#
# **Какая доля ячеек не закреплена за одним менеджером (общие и раздроблённые)?** Введите долю дробью или в
# процентах, например `not_owned_share = 0.1` или `not_owned_share = 10`.

# %%
cells = assignment_cells(ds, facts)
print(cells_summary(cells, lang))
ui.styled(audit_table(report, lang, source="example", stages=["assignment"]), lang)

# %%
not_owned_share = 1 - float(report.set_index("stage_id").loc["assignment", "value"])  # SOLUTION
check("4.2", not_owned_share)

# %% [markdown] lang="en"
# ## Exercise 4.3 · The weakest stage
# The audit report of the demo company: the ten stages with the share the data measures, coloured by the data's
# verdict.
#
# **Which of stages 1–8 is the weakest by the data?**
#
# 1) Stage 2 — segments assigned to salespeople
# 2) Stage 4 — the profile as rules
# 3) Stage 7 — the key / VIP status
# 4) Stage 6 — the information about the clients
#
# Type the number of the option, e.g. `answer = 2`.

# %% [markdown] lang="ru"
# ## Упражнение 4.3 · Самый слабый этап
# Отчёт об аудите демонстрационной компании: десять этапов с долей, которую измеряют данные, цвет — вывод по данным.
#
# **Какой из этапов 1–8 самый слабый по данным?**
#
# 1) Этап 2 — закрепление сегментов за продавцами
# 2) Этап 4 — формализация профиля
# 3) Этап 7 — статус «ключевой» / VIP
# 4) Этап 6 — информация о клиентах
#
# Введите номер варианта, например `answer = 2`.

# %%
ax = plot_audit(report, lang=lang, example=True)
plt.show()

# %%
answer = 1 + ["assignment", "profile_rules", "key_status", "information"].index(stages.loc[stages["stage"] <= 8].sort_values("value")["stage_id"].iloc[0])  # SOLUTION
check("4.3", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the weakest stage of the demo company is a flag that nobody reviews. Which stage would be the
# weakest in your company — and would the data show it, or only your own assessment?
#
# <details><summary>Check yourself</summary>
#
# - A stage the data measures can be checked every month; a stage only the self-assessment judges needs the data
#   added first (the report names what is missing).
# - A key-account flag is current only if someone reviews it on a date, with criteria (block 7).
# - The weakest stage is not always the first to fix: the action list ranks by the money at stake.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** самый слабый этап демонстрационной компании — отметка, которую никто не пересматривает. Какой этап
# был бы самым слабым в вашей компании — и покажут ли это данные или только ваша самооценка?
#
# <details><summary>Проверьте себя</summary>
#
# - Этап, который измеряют данные, можно проверять каждый месяц; об этапе, о котором судит только самооценка, сначала
#   нужно собрать данные (отчёт называет, каких не хватает).
# - Отметка «ключевой клиент» актуальна, только если её пересматривают в срок и по критериям (блок 7).
# - Самый слабый этап не всегда первый к исправлению: перечень мероприятий ранжирован по деньгам под вопросом.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 4.4 · What the lost clients took with them
# Stage 10: the consequences for the business in money, each sum the same as the block it comes from shows.
#
# **What revenue did the clients lost in the last year bring in the year before?** Type the roubles as one number
# without spaces (rounded to the thousand is fine), e.g. `lost_revenue = 12000000`.

# %% [markdown] lang="ru"
# ## Упражнение 4.4 · Что унесли потерянные клиенты
# Этап 10: последствия для бизнеса в деньгах; каждая сумма такая же, как в блоке, откуда она взята.
#
# **Какую выручку принесли за предыдущий год клиенты, потерянные за последний год?** Введите рубли одним числом без
# пробелов (можно округлить до тысячи), например `lost_revenue = 12000000`.

# %%
ui.styled(money_table(money, lang), lang)

# %%
lost_revenue = float(money.set_index("consequence").loc["lost_clients_revenue", "money"])  # SOLUTION
check("4.4", lost_revenue)

# %% [markdown] lang="en"
# ## Exercise 4.5 · A base or a list — by which yardstick? (change and rerun)
# With the block's thresholds a stage is in order from 80 %, and the demo company has **a list of clients**: five of
# stages 1–8 are in order, a base needs six. Suppose the management agrees that 70 % is good enough.
#
# In the cell of the exercise change the threshold of "in order" from 0.8 to 0.7, run the cell and read the result of
# the audit. **What does the company have then?**
#
# 1) A customer base
# 2) A list of clients
#
# Type the number of the option, e.g. `answer = 2`.

# %% [markdown] lang="ru"
# ## Упражнение 4.5 · База или список — какой меркой мерить? (измените и запустите)
# По порогам блока этап в порядке от 80 %, и у демонстрационной компании **список клиентов**: в порядке пять из
# этапов 1–8, а для базы нужно шесть. Допустим, руководство решило, что 70 % достаточно.
#
# В ячейке упражнения поменяйте порог «в порядке» с 0.8 на 0.7, запустите ячейку и прочитайте итог аудита. **Что тогда
# у компании?**
#
# 1) Клиентская база
# 2) Список клиентов
#
# Введите номер варианта, например `answer = 2`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `audit_stages(ds, facts, ok_at=0.8)` is the audit with a stage in order from 80 %; put 0.7 in place
# of the 0.8.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `audit_stages(ds, facts, ok_at=0.8)` — аудит, в котором этап в порядке от 80 %; поставьте 0.7 вместо 0.8.

# %%
rerun = audit_stages(ds, facts, ok_at=0.8)  # EXERCISE
rerun = audit_stages(ds, facts, ok_at=0.7)  # SOLUTION
display(HTML(audit_html(audit_report(rerun), money, audit_actions(rerun), lang)))
answer = 1 + ["base", "list"].index(rerun.set_index("stage_id").loc["base_or_list", "outcome"])  # SOLUTION
check("4.5", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the answer "base or list" changed with one threshold. Who in your company should set the yardstick
# of the audit — and when is lowering it honest?
#
# <details><summary>Check yourself</summary>
#
# - The thresholds are a management decision, written down before the audit, not after its result.
# - Lowering the bar turns a list into a base on paper; the money of stage 10 does not change with it.
# - Keep the same thresholds from one audit to the next, or the progress cannot be seen.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** ответ «база или список» изменился от одного порога. Кто в вашей компании должен задавать мерку аудита —
# и когда снижать её честно?
#
# <details><summary>Проверьте себя</summary>
#
# - Пороги — управленческое решение, которое записывают до аудита, а не после его итога.
# - Снизив планку, список превращают в базу на бумаге; деньги этапа 10 от этого не меняются.
# - От аудита к аудиту держите одни и те же пороги, иначе продвижение не увидеть.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 4.6 · Where to start
# The ranked list of actions to create or optimise the base (with the block's default thresholds): one action per
# stage that is not in order, the most money at stake first.
#
# **Which stage's action comes first?**
#
# 1) Stage 2 — assign every segment × region cell to one manager
# 2) Stage 7 — review the key-account list
# 3) Stage 9 — make the base the management tool
# 4) Stage 4 — turn the profile into rules
#
# Type the number of the option, e.g. `answer = 2`. Why that one?

# %% [markdown] lang="ru"
# ## Упражнение 4.6 · С чего начать
# Перечень мероприятий по созданию или оптимизации базы (с порогами блока по умолчанию): по одному мероприятию на
# каждый этап, который не в порядке, — сначала те, где больше всего денег под вопросом.
#
# **Мероприятие какого этапа идёт первым?**
#
# 1) Этап 2 — закрепить каждую ячейку «сегмент × регион» за одним менеджером
# 2) Этап 7 — пересмотреть список ключевых клиентов
# 3) Этап 9 — сделать базу инструментом управления
# 4) Этап 4 — превратить профиль в правила
#
# Введите номер варианта, например `answer = 2`. Почему именно он?

# %%
ui.styled(actions_table(actions, lang), lang, max_rows=None)

# %%
answer = 1 + ["assignment", "key_status", "base_or_list", "profile_rules"].index(actions["stage_id"].iloc[0])  # SOLUTION
check("4.6", answer)

# %% [markdown] lang="en"
# ## Exercise 4.7 · The self-assessment against the data
# The audit report on one page: for each stage the data's figure and verdict, the example participant's
# self-assessment and how the two compare.
#
# **On how many stages does the example self-assessment agree with the data?** Count the rows "agree" in the last
# column and type the number, e.g. `stages_agree = 4`.

# %% [markdown] lang="ru"
# ## Упражнение 4.7 · Самооценка против данных
# Отчёт об аудите на одной странице: по каждому этапу — показатель и вывод по данным, самооценка участника-примера и
# как они соотносятся.
#
# **На скольких этапах самооценка участника-примера совпадает с данными?** Посчитайте строки «совпадают» в последнем
# столбце и введите число, например `stages_agree = 4`.

# %%
ui.styled(audit_table(report, lang, source="example"), lang, max_rows=None)

# %%
stages_agree = int((report["agreement"] == "agree").sum())  # SOLUTION
check("4.7", stages_agree)

# %% [markdown] lang="en"
# ## Exercise 4.8 · The revenue of the split cells (for the analyst, optional)
# The table of stage 2's cells, one row per segment × region: the active clients, the managers written on their cards,
# their revenue of the last 12 months and the cell's status (`owned`, `shared`, `split`, `orphan`).
#
# **What revenue do the split cells bring (three managers or more)?** Compute it with pandas from the table `cells`
# and type the roubles, e.g. `split_revenue = 12000000`.

# %% [markdown] lang="ru"
# ## Упражнение 4.8 · Выручка раздроблённых ячеек (для аналитика, по желанию)
# Таблица ячеек этапа 2, по строке на «сегмент × регион»: активные клиенты, менеджеры в их карточках, выручка за
# последние 12 месяцев и статус ячейки (`owned` — закреплена, `shared` — общая, `split` — раздроблена, `orphan` —
# ничья).
#
# **Какую выручку дают раздроблённые ячейки (три менеджера и больше)?** Посчитайте её с помощью pandas по таблице
# `cells` и введите рубли, например `split_revenue = 12000000`.

# %%
ui.styled(cells_table(cells, lang), lang)

# %%
split_revenue = float(cells.loc[cells["cell_status"] == "split", "revenue"].sum())  # SOLUTION
check("4.8", split_revenue)

# %% [markdown] lang="en"
# **Next:** block 5 — how to create the customer base: the profile, the client card and the plan by client.

# %% [markdown] lang="ru"
# **Дальше:** блок 5 — как создать клиентскую базу: профиль, карточка клиента и план по клиентам.
