# %% [markdown] lang="en"
# # Block 3 · Exercises · The possibilities of the customer base
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eight short exercises on the demo company, in the order of the block's workbook, so that everybody in the room gets
# the same right answer. The questionnaires are answered here by an **example participant** (invented, the same on
# every run): your own answers belong in the block's workbook, not in the exercises. Most exercises need no
# programming: you **read** a number off a table or a chart, or you **change one value** in a cell, run it again and
# read the result. Type what you read into the answer cell and run it: the check under it says at once whether you
# are right and, if not yet, gives a hint — one step more at each try. Exercise 3.8 is for the analyst (it needs
# pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 3 · Упражнения · Возможности клиентской базы
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Восемь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. Анкеты здесь заполнены **участником-примером** (вымышленным, одинаковым при
# каждом запуске): ваши собственные ответы — в рабочей тетради блока, а не в упражнениях. Программировать почти не
# нужно: вы **читаете** число в таблице или на диаграмме либо **меняете одно значение** в ячейке, запускаете её ещё
# раз и читаете результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет, верно
# ли, а если пока нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 3.8 — для аналитика (нужен
# pandas), по желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`change = -1250000`), a share (`used = 0.23` or `used = 23` for 23 %) or the number of an option (`answer = 2`) —
# and run the cell (Shift+Enter). Stuck before answering? `hint("3.3")` in a new cell shows the next step of the
# hint. In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`change = -1250000`),
# долю (`used = 0.23` или `used = 23` для 23 %) или номер варианта (`answer = 2`) — и запустите ячейку (Shift+Enter).
# Не знаете, с чего начать? `hint("3.3")` в новой ячейке показывает следующий шаг подсказки. В упражнении «измените и
# запустите» поменяйте в вызове то одно значение, которое названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.assessment import assess, load_answers, read_questionnaire
from kbcore.analyses.customer_equity import customer_equity
from kbcore.analyses.handover import handover_effect
from kbcore.analyses.idic import differentiation_by_class, idic_measures
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_section_scores
from kbcore.charts.possibilities import plot_equity, plot_handover, plot_idic
from kbcore.facts import Facts
from kbcore.views.assessment import result_html, sections_table
from kbcore.views.possibilities import (
    differentiation_table,
    equity_summary,
    equity_table,
    handover_summary,
    handover_table,
    idic_compare,
    idic_table,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("3.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts

# %% [markdown] lang="en"
# ## Exercise 3.1 · How much of the base's possibilities are used?
# The questionnaire of the model "Possibilities and resources of the customer base" (our reading of the seminar
# author's model), answered by the example participant. The result shows the overall score — the "percentage of the
# possibilities used" — and the score of each section.
#
# **What percentage of the possibilities does the example participant's company use?** Read the overall score and
# type it as a fraction or as a percentage, e.g. `used = 0.5` or `used = 50`.

# %% [markdown] lang="ru"
# ## Упражнение 3.1 · Сколько возможностей базы используется?
# Анкета модели «Возможности и ресурсы КБ» (наше прочтение авторской модели семинара), заполненная участником-примером.
# Результат показывает общую оценку — «процент использованных возможностей» — и оценку каждого раздела.
#
# **Какой процент возможностей использует компания участника-примера?** Прочитайте общую оценку и введите её дробью
# или в процентах, например `used = 0.5` или `used = 50`.

# %%
q_poss = read_questionnaire("kb_base_possibilities")
poss = load_answers(q_poss)  # no file, no saved answers: the example participant's answers
poss_result = assess(q_poss, poss.table)
display(HTML(result_html(q_poss, poss_result, lang, source=poss.source)))
ui.styled(sections_table(q_poss, poss_result, lang), lang, max_rows=None)

# %%
used = poss_result.overall  # SOLUTION
check("3.1", used)

# %% [markdown] lang="en"
# ## Exercise 3.2 · The least-used part of the model
# The same result as a chart: one bar per section of the model.
#
# **Which section does the example participant's company use least?**
#
# 1) Area 1: marketing — the base for decisions about the market
# 2) Internal environment: people, processes, costs
# 3) Management function: analysis
# 4) Managing the marketing mix (4P) through the base
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 3.2 · Наименее используемая часть модели
# Тот же результат на диаграмме: по столбцу на каждый раздел модели.
#
# **Какой раздел компания участника-примера использует меньше всего?**
#
# 1) Область 1: маркетинг — КБ для решений о рынке
# 2) Внутренняя среда: люди, процессы, затраты
# 3) Функция управления: анализ
# 4) Управление комплексом маркетинга (4P) через КБ
#
# Введите номер варианта, например `answer = 3`.

# %%
ax = plot_section_scores(q_poss, poss_result, lang=lang, example=True)
plt.show()

# %%
lowest = poss_result.sections.set_index("section")["score"].idxmin()  # SOLUTION
answer = 1 + ["area_marketing", "env_internal", "fn_analysis", "marketing_mix"].index(lowest)  # SOLUTION
check("3.2", answer)

# %% [markdown] lang="en"
# ## Exercise 3.3 · The weakest CRM principle in the data
# The four principles of the CRM strategy («И.Д.В.О.», read as identify, differentiate, interact, customise), each
# measured on the demo company's data over the last 12 months, beside the example participant's self-assessment.
#
# **Which principle is the weakest in the data (the lowest score by the data)?**
#
# 1) Identify
# 2) Differentiate
# 3) Interact
# 4) Customise
#
# Type the number of the option, e.g. `answer = 1`.

# %% [markdown] lang="ru"
# ## Упражнение 3.3 · Самый слабый принцип CRM по данным
# Четыре принципа стратегии CRM (модель «И.Д.В.О.»: идентификация, дифференциация, взаимодействие, индивидуализация),
# каждый измерен по данным демонстрационной компании за последние 12 месяцев, рядом с самооценкой участника-примера.
#
# **Какой принцип самый слабый по данным (самая низкая оценка по данным)?**
#
# 1) Идентификация
# 2) Дифференциация
# 3) Взаимодействие
# 4) Индивидуализация
#
# Введите номер варианта, например `answer = 1`.

# %%
q_idic = read_questionnaire("kb_idic")
idic = load_answers(q_idic)  # the example participant's self-assessment
idic_data = idic_measures(ds, facts)
compare = idic_compare(idic_data, assess(q_idic, idic.table))
ui.styled(idic_table(compare, idic_data, lang, source=idic.source), lang, max_rows=None)

# %%
ax = plot_idic(compare, lang=lang, example=True)
plt.show()

# %%
answer = 1 + compare["data"].idxmin()  # SOLUTION
check("3.3", answer)

# %% [markdown] lang="en"
# ## Exercise 3.4 · Where the self-assessment is furthest from the data
# Same table and chart. The last column is the self-assessment minus the data's score, in percentage points.
#
# **On which principle does the example self-assessment differ most from the data (the largest difference, whatever
# its sign)?**
#
# 1) Identify
# 2) Differentiate
# 3) Interact
# 4) Customise
#
# Type the number of the option, e.g. `answer = 1`.

# %% [markdown] lang="ru"
# ## Упражнение 3.4 · Где самооценка дальше всего от данных
# Та же таблица и диаграмма. Последний столбец — самооценка минус оценка по данным, в процентных пунктах.
#
# **По какому принципу самооценка участника-примера сильнее всего расходится с данными (наибольшая разница, с любым
# знаком)?**
#
# 1) Идентификация
# 2) Дифференциация
# 3) Взаимодействие
# 4) Индивидуализация
#
# Введите номер варианта, например `answer = 1`.

# %%
answer = 1 + compare["difference"].abs().idxmax()  # SOLUTION
check("3.4", answer)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the demo company's data shows almost every contact with a paying client recorded, while the example
# participant rates "interact" low. Who is right — and what would you check before you believe either?
#
# <details><summary>Check yourself</summary>
#
# - The data measures that a CRM record exists, not what it says: a record "called, no answer" counts too.
# - The self-assessment may judge the quality of the dialogue (the next step agreed, the history read before the
#   call), which no share of records shows.
# - Look at the detail tables of the block's workbook (coverage and days since the last record by ABC class) and at a
#   few records of class A clients before deciding.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** по данным демонстрационной компании почти каждый контакт с покупающим клиентом записан в CRM, а
# участник-пример оценивает «взаимодействие» низко. Кто прав — и что вы проверили бы, прежде чем поверить кому-то из
# них?
#
# <details><summary>Проверьте себя</summary>
#
# - Данные измеряют, что запись в CRM есть, а не что в ней написано: запись «звонил, не дозвонился» тоже считается.
# - Самооценка может судить о качестве диалога (согласован следующий шаг, история прочитана перед звонком), чего не
#   покажет никакая доля записей.
# - Прежде чем решать, посмотрите подробные таблицы рабочей тетради блока (охват и давность последней записи по
#   группам ABC) и несколько записей по клиентам группы A.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 3.5 · Did the asset grow last year?
# The value of the customer base (customer equity) at each year-end: for every client of the year its profit after the
# cost to serve × the years of profit it is worth (the share of clients kept, over 5 years, discounted at 12 % a
# year). Loss-making clients keep their negative value.
#
# **By how many roubles did the value of the base change over the last year of the data?** Read the last row, the
# column "Change in the year", and type it as one number with its sign, e.g. `change = -1250000` for a fall.

# %% [markdown] lang="ru"
# ## Упражнение 3.5 · Вырос ли актив за прошлый год?
# Стоимость клиентской базы на конец каждого года: для каждого клиента года — его прибыль после стоимости
# обслуживания × число лет прибыли, которое он стоит (доля удержанных клиентов, 5 лет, дисконтирование 12 % в год).
# Убыточные клиенты сохраняют свою отрицательную ценность.
#
# **На сколько рублей изменилась стоимость базы за последний год данных?** Прочитайте последнюю строку, столбец
# «Изменение за год», и введите одно число со знаком, например `change = -1250000` для снижения.

# %%
equity = customer_equity(facts, ds.clients, ds.interactions)
display(ui.styled(equity_table(equity, lang), lang, max_rows=None))
ax = plot_equity(equity, lang=lang)
plt.show()

# %%
change = equity.by_year["equity_change"].iloc[-1]  # SOLUTION
check("3.5", change)

# %% [markdown] lang="en"
# ## Exercise 3.6 · Money gets dearer (change and rerun)
# The value of the base depends on the discount rate: the dearer the money, the less a rouble of profit in three
# years is worth today. Suppose the cost of capital rises **from 12 % to 20 %** a year.
#
# In the cell of the exercise change the discount rate from 0.12 to 0.20, run the cell and read the table. **What is
# the value of the customer base at the last year-end then?** Type it as one number, e.g. `value = 45000000`.

# %% [markdown] lang="ru"
# ## Упражнение 3.6 · Деньги дорожают (измените и запустите)
# Стоимость базы зависит от ставки дисконтирования: чем дороже деньги, тем меньше сегодня стоит рубль прибыли через три
# года. Допустим, стоимость капитала выросла **с 12 % до 20 %** в год.
#
# В ячейке упражнения поменяйте ставку дисконтирования с 0.12 на 0.20, запустите ячейку и прочитайте таблицу. **Какой
# тогда будет стоимость клиентской базы на конец последнего года?** Введите одно число, например `value = 45000000`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `discount_rate=0.12` in the call of `customer_equity` is the yearly discount rate; put 0.20 in its place.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `discount_rate=0.12` в вызове `customer_equity` — годовая ставка дисконтирования; поставьте вместо неё 0.20.

# %%
dearer = customer_equity(facts, ds.clients, ds.interactions, discount_rate=0.12)  # EXERCISE
dearer = customer_equity(facts, ds.clients, ds.interactions, discount_rate=0.20)  # SOLUTION
display(ui.styled(equity_table(dearer, lang), lang, max_rows=None))
display(Markdown(equity_summary(dearer, lang)))

# %%
value = dearer.by_year["equity"].iloc[-1]  # SOLUTION
check("3.6", value)

# %% [markdown] lang="en"
# ## Exercise 3.7 · The clients of the manager who left
# A manager of the demo company left in mid-2023 and handed the clients over. Their clients are compared with
# comparable clients (same segment and ABC class before the day, not handed over) over the year after.
#
# **What share of the handed-over clients were still buying a year later?** Read it in the row "Handed-over clients",
# the column "Still buying", and type it as a fraction or as a percentage, e.g. `still_buying = 0.5` or
# `still_buying = 50`. Is it more or less than for the comparable clients?

# %% [markdown] lang="ru"
# ## Упражнение 3.7 · Клиенты ушедшего менеджера
# Менеджер демонстрационной компании ушёл в середине 2023 года и передал клиентов. Его клиенты сравниваются с
# сопоставимыми (тот же сегмент и та же группа ABC до даты ухода, не передававшиеся) за год после передачи.
#
# **Какая доля переданных клиентов продолжала покупать через год?** Прочитайте её в строке «Переданные клиенты»,
# столбец «Продолжают покупать», и введите дробью или в процентах, например `still_buying = 0.5` или
# `still_buying = 50`. Это больше или меньше, чем у сопоставимых клиентов?

# %%
handover = handover_effect(ds, facts)
display(Markdown(handover_summary(handover, lang)))
display(ui.styled(handover_table(handover, lang), lang, max_rows=None))
ax = plot_handover(handover, lang=lang)
plt.show()

# %%
still_buying = handover.groups.set_index("group").loc["handed_over", "still_buying_share"]  # SOLUTION
check("3.7", still_buying)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the handed-over clients of the demo company kept buying at least as often as comparable clients. Does
# that prove a handover costs nothing? What would you look at in your own company?
#
# <details><summary>Check yourself</summary>
#
# - It is a comparison, not a proof: the groups may differ in what the segment and the ABC class do not show.
# - One departure is one case; in your company look at every manager who left in the last three years.
# - Look also at who kept buying: the clients the base knew more about (records, notes, contacts) or the others.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** переданные клиенты демонстрационной компании продолжали покупать не реже сопоставимых. Доказывает ли
# это, что передача клиентов ничего не стоит? На что вы посмотрели бы в своей компании?
#
# <details><summary>Проверьте себя</summary>
#
# - Это сравнение, а не доказательство: группы могут различаться тем, чего не видно по сегменту и группе ABC.
# - Один уход — один случай; в своей компании посмотрите на всех менеджеров, ушедших за последние три года.
# - Посмотрите и на то, кто продолжил покупать: клиенты, о которых база знала больше (записи, заметки, контакты), или
#   остальные.
#
# </details>

# %% [markdown] lang="en"
# ## Exercise 3.8 · Loss-makers in one segment (for the analyst, optional)
# The value of every client at the last year-end is in the table of exercise 3.5's result, one row per client, with
# its segment. **How many clients of the segment «Строительные компании» (construction companies) have a negative
# value?** Type the number, e.g. `n_destroyers = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 3.8 · Убыточные клиенты одного сегмента (для аналитика, по желанию)
# Ценность каждого клиента на конец последнего года — в таблице результата упражнения 3.5, по строке на клиента, с его
# сегментом. **Сколько клиентов сегмента «Строительные компании» имеют отрицательную ценность?** Введите число,
# например `n_destroyers = 12`.

# %% [markdown] lang="en" tags=["remove"]
# The table is `equity.clients` (columns `segment` and `clv`, the client's value in roubles); count its rows of that
# segment with `clv` below zero.

# %% [markdown] lang="ru" tags=["remove"]
# Таблица — `equity.clients` (столбцы `segment` и `clv`, ценность клиента в рублях); посчитайте её строки этого
# сегмента с `clv` меньше нуля.

# %%
value_by_client = equity.clients
loss_makers = value_by_client[value_by_client["clv"] < 0]  # SOLUTION
n_destroyers = int((loss_makers["segment"] == "Строительные компании").sum())  # SOLUTION
check("3.8", n_destroyers)

# %% tags=["solution"]
# For the trainer: the discount and the contacts by ABC class behind the "differentiate" score of exercise 3.3.
ui.styled(differentiation_table(differentiation_by_class(facts, ds.interactions), lang), lang, max_rows=None)
