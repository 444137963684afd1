# %% [markdown] lang="en"
# # Block 8 · Exercises · Analysis of the company's business
# *(seminar "Customer base and key clients: audit, creation, management")*
#
# Eight short exercises on the demo company, in the order of the block's workbook, so that everybody in the room
# gets the same right answer. The questionnaires are answered here by an invented example participant (the same on
# every run), and the team chart is the template's example: the exercises read them, never your own answers. Most
# need no programming: you **read** a number off a table or a chart, or you **change one value** in a cell, run it
# again and read the result. Type what you read into the answer cell and run it: the check under it says at once
# whether you are right and, if not yet, gives a hint — one step more at each try. Exercise 8.8 is for the analyst
# (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="ru"
# # Блок 8 · Упражнения · Анализ бизнеса компании
# *(семинар «Клиентская база и ключевые клиенты: аудит, создание, управление»)*
#
# Восемь коротких упражнений на демонстрационной компании, в порядке рабочей тетради блока, — чтобы все в зале
# получили один и тот же правильный ответ. На анкеты здесь отвечает вымышленный участник-пример (одинаково при каждом
# запуске), а матрица команды — пример из шаблона: упражнения читают их, а не ваши собственные ответы. Программировать
# почти не нужно: вы **читаете** число в таблице или на диаграмме или **меняете одно значение** в ячейке, запускаете
# её ещё раз и читаете результат. Впишите прочитанное в ячейку ответа и запустите её: проверка под ней сразу скажет,
# верно ли, а если пока нет — даст подсказку, с каждой попыткой на шаг подробнее. Упражнение 8.8 — для аналитика
# (нужен pandas), по желанию.
#
# Запускайте ячейки сверху вниз: первая загружает демонстрационную компанию.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`gaps = 12`) or the number of an option (`answer = 2`) — and run the cell (Shift+Enter). Stuck before answering?
# `hint("8.3")` in a new cell shows the next step of the hint. In a *change and rerun* exercise change the one value
# the text names in the call, then run the cell.

# %% [markdown] lang="ru" tags=["remove"]
# **Как отвечать.** В ячейке ответа замените `...` после `=` на прочитанное значение — число (`gaps = 12`) или номер
# варианта (`answer = 2`) — и запустите ячейку (Shift+Enter). Не знаете, с чего начать? `hint("8.3")` в новой ячейке
# показывает следующий шаг подсказки. В упражнении «измените и запустите» поменяйте в вызове то одно значение, которое
# названо в тексте, и запустите ячейку.

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import kbcore
from kbcore import views as ui
from kbcore.analyses import base_year, ka_yearly, key_account_ids, key_accounts_needed
from kbcore.analyses.assessment import assess, example_answers, read_questionnaire
from kbcore.analyses.ka_sources import ka_candidates, ka_market_cells
from kbcore.analyses.raci import check_raci, raci_table, read_raci
from kbcore.charts import use_style
from kbcore.charts.assessment import plot_section_scores
from kbcore.charts.key_accounts import plot_ka_needed
from kbcore.charts.readiness import plot_readiness
from kbcore.facts import Facts
from kbcore.i18n import t
from kbcore.views.assessment import captioned, gaps_table, result_html
from kbcore.views.ka_sources import (
    candidates_note,
    candidates_table,
    cells_note,
    market_cells_table,
)
from kbcore.views.key_accounts import need_text
from kbcore.views.readiness import (
    Assessed,
    raci_findings_table,
    raci_html,
    raci_styled,
    readiness_html,
    readiness_table,
    target_gaps_table,
)
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("8.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "ru" or "en"
set_lang(lang)
use_style()
ds = kbcore.load()  # the demo company
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
snapshot = facts.as_of  # the analysis date: the last sales day
key_accounts = key_account_ids(ds.clients)
q_ksf, q_sama, q_7s = (read_questionnaire(x) for x in ("ka_readiness_ksf", "ka_sama", "ka_7s"))
ksf_result, sama_result, s7_result = (assess(q, example_answers(q)) for q in (q_ksf, q_sama, q_7s))

# %% [markdown] lang="en"
# ## Exercise 8.1 · Where the six success factors fall short
# The six key success factors of block 8 as rated by the example participant: the score of each factor and, under the
# chart, the gaps — the statements rated below "Partly true" — ranked, each with its action.
#
# **How many gaps does the example participant have?** Type a whole number, e.g. `gaps = 7`.

# %% [markdown] lang="ru"
# ## Упражнение 8.1 · Где не хватает 6 «КФУ»
# Шесть ключевых факторов успеха блока 8 в оценке участника-примера: оценка каждого фактора и под диаграммой разрывы —
# утверждения с оценкой ниже «Отчасти», по важности, у каждого своё действие.
#
# **Сколько разрывов у участника-примера?** Введите целое число, например `gaps = 7`.

# %%
display(HTML(result_html(q_ksf, ksf_result, lang, source="example")))
ax = plot_section_scores(q_ksf, ksf_result, lang=lang, example=True)
plt.show()
ui.styled(gaps_table(q_ksf, ksf_result, lang), lang).set_caption(
    captioned(t("b8r.cap.gaps", lang, title=q_ksf.title[lang]), "example", lang))

# %%
gaps = len(ksf_result.gaps)  # SOLUTION
check("8.1", gaps)

# %% [markdown] lang="en"
# ## Exercise 8.2 · Where tomorrow's key accounts are
# The market cells of the demo company — a segment in a region — ranked by the money still to win there: the headroom
# of our clients plus the purchases of the companies that do not buy from us yet.
#
# **How many key accounts does the company already have in the cell with the most money to win?** Type a whole
# number, e.g. `in_top_cell = 5`.

# %% [markdown] lang="ru"
# ## Упражнение 8.2 · Где ключевые клиенты завтрашнего дня
# Ячейки рынка демонстрационной компании — сегмент в регионе — по деньгам, которые там ещё можно взять: резерв роста
# наших клиентов плюс закупки компаний, которые у нас пока не покупают.
#
# **Сколько ключевых клиентов у компании уже есть в ячейке, где больше всего денег, которые можно взять?** Введите
# целое число, например `in_top_cell = 5`.

# %%
cells = ka_market_cells(facts, ds.clients, ds.market, key_accounts)
print(cells_note(cells, lang))
market_cells_table(cells, lang, top=12)

# %%
in_top_cell = int(cells.sort_values("rank")["key_accounts"].iloc[0])  # SOLUTION
check("8.2", in_top_cell)

# %% [markdown] lang="en"
# ## Exercise 8.3 · Stricter candidates (change and rerun)
# A candidate key account is a client with a large potential (the top quarter of the known potentials) of which we
# hold less than 30 % of its purchases. The sales director wants only the clients who buy **most** of their needs
# elsewhere: **our share below 20 %**. In the cell change the limit from 30 % to 20 %, run it and read the sentence
# above the table. **How many candidates remain?** Type a whole number, e.g. `candidates = 150`.

# %% [markdown] lang="ru"
# ## Упражнение 8.3 · Кандидаты строже (измените и запустите)
# Кандидат в ключевые клиенты — клиент с большим потенциалом (верхняя четверть известных потенциалов), у которого наша
# доля в закупках ниже 30 %. Коммерческий директор хочет видеть только тех, кто покупает **большую часть** нужного у
# других: **наша доля ниже 20 %**. В ячейке поменяйте порог с 30 % на 20 %, запустите её и прочитайте фразу над
# таблицей. **Сколько кандидатов остаётся?** Введите целое число, например `candidates = 150`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `max_share=0.30` is the limit of our share of the client's purchases; put `0.20` in its place.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `max_share=0.30` — порог нашей доли в закупках клиента; поставьте вместо него `0.20`.

# %%
stricter = ka_candidates(facts, ds.clients, key_accounts, max_share=0.30)  # EXERCISE
stricter = ka_candidates(facts, ds.clients, key_accounts, max_share=0.20)  # SOLUTION
print(candidates_note(stricter, lang))
display(candidates_table(stricter, lang, top=10))
candidates = len(stricter.table)  # SOLUTION
check("8.3", candidates)

# %% [markdown] lang="en"
# ## Exercise 8.4 · A realistic capture (change and rerun)
# Block 5's goal: +15 % on the revenue of the last full year. The chart adds up the headroom of today's key accounts
# and the candidates, the largest first, until the goal is reached. With a capture of 100 % every account gives its
# whole headroom — the optimistic bound. The board believes in **half**: in the cell change the capture from 1.0 to
# 0.5, run it and read the chart or the text under it. **How many key accounts does the goal need then?** Type a
# whole number, e.g. `accounts = 12`.

# %% [markdown] lang="ru"
# ## Упражнение 8.4 · Реалистичная доля резерва (измените и запустите)
# Цель из блока 5: +15 % к выручке последнего полного года. Диаграмма складывает резервы роста нынешних ключевых
# клиентов и кандидатов, начиная с самого большого, пока не достигнута цель. При доле 100 % каждый клиент отдаёт весь
# резерв — это оптимистичная граница. Совет директоров верит в **половину**: в ячейке поменяйте долю с 1.0 на 0.5,
# запустите её и прочитайте диаграмму или текст под ней. **Сколько ключевых клиентов тогда нужно для цели?** Введите
# целое число, например `accounts = 12`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `capture=1.0` in the call of `key_accounts_needed` is the share of each headroom we win; put `0.5`.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `capture=1.0` в вызове `key_accounts_needed` — доля каждого резерва, которую мы берём; поставьте `0.5`.

# %%
cands = ka_candidates(facts, ds.clients, key_accounts)  # the block's candidates (our share below 30 %)
pool = cands.clients.loc[cands.clients["key_account"] | cands.clients["candidate"], ["client_id", "headroom"]]
goal_year = base_year(facts, snapshot)
totals = ka_yearly(facts, key_accounts).totals
revenue_base = float(totals.loc[totals["year"] == goal_year, "revenue_all"].sum())
need_args = dict(interactions=ds.interactions, staff=ds.staff, key_accounts=list(key_accounts), as_of=snapshot)

# %%
need = key_accounts_needed(pool, 0.15 * revenue_base, capture=1.0, **need_args)  # EXERCISE
need = key_accounts_needed(pool, 0.15 * revenue_base, capture=0.5, **need_args)  # SOLUTION
ax = plot_ka_needed(need, lang=lang)
plt.show()
print(need_text(need, lang, growth=0.15, year=goal_year, base=revenue_base, pool="with_candidates"))
accounts = need.accounts_needed  # SOLUTION
check("8.4", accounts)

# %% [markdown] lang="en"
# ## Exercise 8.5 · One function on almost everything (change and rerun)
# The example chart of the key-account team (RACI): who does the work (R), who answers for the result (A), who is
# consulted (C) and informed (I). With the default rule — a function is overloaded when it is R or A on more than 70 %
# of the activities — the example has no finding. A stricter trainer says: **more than half is already too much**. In
# the cell change the rule from 0.7 to 0.5, run it and read the findings. **Which function is overloaded then?**
#
# 1) Key-account manager
# 2) Sales department
# 3) Logistics
# 4) Top management
#
# Type the number of the option, e.g. `answer = 3`.

# %% [markdown] lang="ru"
# ## Упражнение 8.5 · Одна функция почти на всём (измените и запустите)
# Пример матрицы команды по работе с ключевым клиентом (RACI): кто исполняет (R), кто отвечает за результат (A), с кем
# советуются (C) и кого информируют (I). По правилу по умолчанию — функция перегружена, если стоит на R или A больше
# чем в 70 % видов работ, — замечаний у примера нет. Строгий тренер говорит: **больше половины — уже слишком**. В
# ячейке поменяйте правило с 0.7 на 0.5, запустите её и прочитайте замечания. **Какая функция тогда перегружена?**
#
# 1) Менеджер по работе с КК
# 2) Отдел продаж
# 3) Логистика
# 4) Высшее руководство
#
# Введите номер варианта, например `answer = 3`.

# %% [markdown] lang="en" tags=["remove"]
# In the cell: `overload_share=0.7` in the call of `check_raci`; put `0.5` in its place.

# %% [markdown] lang="ru" tags=["remove"]
# В ячейке: `overload_share=0.7` в вызове `check_raci`; поставьте вместо него `0.5`.

# %%
raci = read_raci()
team = raci_table(raci)  # the template's example filling
raci_styled(raci, team, lang)

# %%
findings = check_raci(team, overload_share=0.7)  # EXERCISE
findings = check_raci(team, overload_share=0.5)  # SOLUTION
display(HTML(raci_html(raci, findings, lang)))  # with no finding it names the default rule, 70 %
display(ui.styled(raci_findings_table(raci, findings, lang), lang, max_rows=None))
answer = 1 + ["kam", "sales", "logistics", "management"].index(findings["function"].dropna().iloc[0])  # SOLUTION
check("8.5", answer)

# %% [markdown] lang="en"
# ## Exercise 8.6 · The longest way in the 7S model
# The 7S model as rated by the example participant: for each S the level today (the bar) and the level needed (the
# black tick); the table ranks the seven S by the distance between the two. **Which S has the longest way to go?**
#
# 1) Strategy
# 2) Structure
# 3) Systems
# 4) Shared values
#
# Type the number of the option, e.g. `answer = 1`.

# %% [markdown] lang="ru"
# ## Упражнение 8.6 · Самый длинный путь в модели «7S»
# Модель «7S» в оценке участника-примера: для каждого S — уровень сегодня (полоса) и нужный уровень (чёрная черта);
# таблица упорядочивает семь S по расстоянию между ними. **Какому S предстоит самый длинный путь?**
#
# 1) Стратегия
# 2) Структура
# 3) Системы
# 4) Общие ценности
#
# Введите номер варианта, например `answer = 1`.

# %%
ax = plot_section_scores(q_7s, s7_result, lang=lang, example=True)
plt.show()
ui.styled(target_gaps_table(q_7s, s7_result, lang, source="example"), lang).set_caption(
    captioned(t("b8r.cap.distance", lang), "example", lang))

# %%
answer = 1 + ["Strategy", "Structure", "Systems", "Shared values"].index(target_gaps_table(q_7s, s7_result).iloc[0, 0])  # SOLUTION
check("8.6", answer)

# %% [markdown] lang="en"
# ## Exercise 8.7 · Is the company ready?
# The three questionnaires of the example participant side by side: the six success factors, SAMA's eleven factors and
# the 7S model. The company is as ready for key accounts as its weakest side. **Which side is the weakest?**
#
# 1) The six key success factors
# 2) The eleven SAMA factors
# 3) The 7S model
#
# Type the number of the option, e.g. `answer = 2`.

# %% [markdown] lang="ru"
# ## Упражнение 8.7 · Готова ли компания?
# Три анкеты участника-примера рядом: 6 «КФУ», 11 факторов «S.A.M.A.» и модель «7S». Компания готова к работе с «К.А.»
# настолько, насколько готова её самая слабая сторона. **Какая сторона самая слабая?**
#
# 1) 6 «КФУ» компании
# 2) 11 факторов «S.A.M.A.»
# 3) Модель «7S»
#
# Введите номер варианта, например `answer = 2`.

# %%
readiness = [Assessed(q_ksf, ksf_result, "example"), Assessed(q_sama, sama_result, "example"),
             Assessed(q_7s, s7_result, "example")]
display(HTML(readiness_html(readiness, lang)))
ax = plot_readiness(readiness, lang=lang)
plt.show()
ui.styled(readiness_table(readiness, lang), lang)

# %%
answer = 1 + [a.result.overall for a in readiness].index(min(a.result.overall for a in readiness))  # SOLUTION
check("8.7", answer)

# %% [markdown] lang="en"
# ## Exercise 8.8 · The ten largest candidates (for the analyst, optional)
# The candidates of the block (our share below 30 %) are in the table of the result of `ka_candidates`, one row per
# candidate with its headroom (potential minus our revenue of the last 12 months). **How much headroom, in roubles a
# year, do the ten largest candidates hold together?** Compute it with pandas and type the number, e.g.
# `top10 = 150000000`.

# %% [markdown] lang="ru"
# ## Упражнение 8.8 · Десять крупнейших кандидатов (для аналитика, по желанию)
# Кандидаты блока (наша доля ниже 30 %) — в таблице результата `ka_candidates`, по строке на кандидата с его резервом
# роста (потенциал минус наша выручка за последние 12 месяцев). **Какой резерв роста, рублей в год, у десяти
# крупнейших кандидатов вместе?** Посчитайте с помощью pandas и введите число, например `top10 = 150000000`.

# %%
candidates_table(cands, lang, top=10)

# %%
top10 = float(cands.table["headroom"].nlargest(10).sum())  # SOLUTION
check("8.8", top10)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the example company is partly ready, its richest market cell already holds key accounts, and a
# realistic capture doubles the number of key accounts the goal needs. What would you do first — find more key
# accounts, or get the company ready for the ones it has?
#
# <details><summary>Check yourself</summary>
#
# - New key accounts without a ready company repeat today's problems: start with the weakest side of the readiness.
# - The team chart must hold before the number of accounts grows: one A per activity, the key-account manager not on
#   everything.
# - Plan the number of key accounts from a realistic capture, not from the whole headroom, and check it against the
#   managers the company has.
#
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** компания-пример готова частично, в самой богатой ячейке рынка у неё уже есть ключевые клиенты, а
# реалистичная доля резерва удваивает число нужных для цели ключевых клиентов. Что вы сделали бы первым — искали бы
# новых ключевых клиентов или готовили компанию к работе с теми, что есть?
#
# <details><summary>Проверьте себя</summary>
#
# - Новые ключевые клиенты в неготовой компании повторят сегодняшние проблемы: начните с самой слабой стороны
#   готовности.
# - Матрица команды должна работать до того, как растёт число клиентов: одна A на вид работ, менеджер по работе с КК
#   не на всём.
# - Планируйте число ключевых клиентов от реалистичной доли резерва, а не от всего резерва, и сверяйте его с тем,
#   сколько у компании менеджеров.
#
# </details>
