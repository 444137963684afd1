# %% [markdown] lang="bg"
# # Тема 7 · Упражнения · Удовлетвореност на клиентите
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД, в реда на работната тетрадка на
# темата — за да получат всички в залата един и същ верен отговор. Почти не се програмира: **прочитате** число в
# таблица или изречение, което тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 7.7 е за
# анализатора (нужен е pandas) и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 7 · Exercises · Customer satisfaction
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# sentence that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what
# you read into the answer cell and run it: the check under it says at once whether you are right and, if not yet,
# gives a hint — one step more at each try. Exercise 7.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число (`reps = 12`),
# дял (`churn = 0.23` или `churn = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете клетката
# (Shift+Enter). Не знаете откъде да започнете? `hint("kpi7.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`reps = 12`), a share (`churn = 0.23` or `churn = 23` for 23 %) or the number of an option (`answer = 2`) — and run
# the cell (Shift+Enter). Stuck before answering? `hint("kpi7.3")` in a new cell shows the next step of the hint. In a
# *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.satisfaction import (
    nonresponse_bias,
    pick_wave,
    sample_size_effect,
    satisfaction_by,
    stated_vs_revealed,
    survey_answers,
)
from kbcore.charts import use_style
from kbcore.charts.satisfaction import plot_churn_by_class, plot_margin_vs_n, plot_nps_by_group
from kbcore.facts import Facts
from kbcore.views import satisfaction as sv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi7.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
answers = survey_answers(ds.surveys, ds.clients, as_of=facts.as_of)  # one row per client asked, every wave

# %% [markdown] lang="bg"
# ## Упражнение 7.1 · Промени ли се NPS между вълните?
# NPS на всяка вълна на анкетата с доверителния му интервал, както в работната тетрадка; всяка вълна е сравнена с
# останалите, а p е коригирано за броя на сравненията. На диаграмата NPS на вълните се различава с няколко пункта.
#
# **Какво казва проверката?**
#
# 1) Поне една вълна наистина се различава от останалите (коригираното p е под 0,05)
# 2) Нито една вълна не се различава от останалите повече от случайното
# 3) Отговорите са твърде малко за извод
#
# Прочетете колоната „Извод“ и бележката над таблицата. Въведете номера на варианта, например `answer = 2`.

# %% [markdown] lang="en"
# ## Exercise 7.1 · Did the NPS change between the waves?
# The NPS of each survey wave with its confidence interval, as in the workbook; each wave is compared with the others,
# and p is corrected for the number of comparisons. On the chart the waves' NPS differ by several points.
#
# **What does the test say?**
#
# 1) At least one wave really differs from the others (the corrected p is below 0.05)
# 2) No wave differs from the others beyond chance
# 3) There are too few answers to judge
#
# Read the column "Verdict" and the note above the table. Type the number of the option, e.g. `answer = 2`.

# %%
by_wave = satisfaction_by(answers, by="wave")
ax = plot_nps_by_group(by_wave, lang=lang)
plt.show()
print(sv.by_note(by_wave, lang))
sv.by_table(by_wave, lang).style.hide(axis="index")

# %%
answer = 1 if (by_wave["p_holm"] < 0.05).any() else (3 if by_wave["small"].all() else 2)  # SOLUTION
check("kpi7.1", answer)

# %% [markdown] lang="bg"
# ## Упражнение 7.2 · Твърде малко отговори
# NPS по търговци в последната вълна. Търговец, чиите клиенти са дали по-малко от 30 отговора, е отбелязан с „твърде
# малко отговори за извод“ (празна точка на диаграмата): интервалът му е твърде широк, за да се сравнява.
#
# **При колко търговци отговорите са твърде малко за извод?** Прочетете го в бележката или в колоната „Извод“.
# Въведете числото, например `reps = 12`.

# %% [markdown] lang="en"
# ## Exercise 7.2 · Too few answers
# The NPS by sales rep in the latest wave. A sales rep whose clients gave fewer than 30 answers is marked "too few
# answers to judge" (a hollow dot on the chart): its interval is too wide to compare.
#
# **For how many sales reps are there too few answers to judge?** Read it in the note or in the column "Verdict". Type
# the number, e.g. `reps = 12`.

# %%
by_manager = satisfaction_by(answers, by="manager", wave="latest")
ax = plot_nps_by_group(by_manager, lang=lang)
plt.show()
print(sv.by_note(by_manager, lang))
sv.by_table(by_manager, lang).style.hide(axis="index")

# %%
reps = int(by_manager["small"].sum())  # SOLUTION
check("kpi7.2", reps)

# %% [markdown] lang="bg"
# ## Упражнение 7.3 · Кой отговаря?
# Отговорилите срещу неотговорилите: оборотът им за 12-те месеца преди анкетата (медиана), отливът през 12-те месеца
# след нея.
#
# **Колко пъти повече (по медианата) са купували отговорилите преди анкетата от неотговорилите?** Прочетете го в
# изречението над таблиците. Въведете числото с един знак след десетичната точка, например `times = 1.8`.

# %% [markdown] lang="en"
# ## Exercise 7.3 · Who answers?
# Respondents against non-respondents: their revenue in the 12 months before the survey (the median), their churn in
# the 12 months after it.
#
# **How many times more (by the median) did the respondents buy before the survey than the non-respondents?** Read it
# in the sentence above the tables. Type the number with one decimal, e.g. `times = 1.8`.

# %%
nonresponse = nonresponse_bias(facts, answers, ds.clients, wave="all")
print(sv.nonresponse_text(nonresponse, lang, currency=money))
display(sv.revenue_table(nonresponse, lang, currency=money).style.hide(axis="index"))
sv.churn_table(nonresponse, lang).style.hide(axis="index")

# %%
times = round(float(nonresponse.revenue_test["median_ratio"]), 1)  # SOLUTION
check("kpi7.3", times)

# %% [markdown] lang="bg"
# ## Упражнение 7.4 · Какво предсказва отлива?
# Отговорилите клиенти, купували през годината преди анкетата: кой от тях е спрял да купува през следващите 12
# месеца. Таблицата на разграничаването дава за всеки предсказател AUC — 0,5 е хвърляне на монета, 1 е безпогрешно.
#
# **Кое разграничава най-добре клиентите, които си отиват?**
#
# 1) Отговорът за NPS (какво са казали)
# 2) Динамиката на покупките преди анкетата
# 3) Дните от последната покупка
#
# Въведете номера на варианта, например `answer = 1`.

# %% [markdown] lang="en"
# ## Exercise 7.4 · What predicts churn?
# The respondents that bought in the year before the survey: which of them stopped buying in the next 12 months. The
# separation table gives each predictor's AUC — 0.5 is a coin toss, 1 is never wrong.
#
# **Which separates best the clients who leave?**
#
# 1) The NPS answer (what they said)
# 2) The purchase trend before the survey
# 3) The days since the last purchase
#
# Type the number of the option, e.g. `answer = 1`.

# %%
stated = stated_vs_revealed(facts, answers, wave="all")
print(sv.stated_text(stated, lang))
ax = plot_churn_by_class(stated, lang=lang)
plt.show()
sv.separation_table(stated, lang).style.hide(axis="index")

# %%
answer = 1 + int(stated.separation["auc"].to_numpy().argmax())  # SOLUTION
check("kpi7.4", answer)

# %% [markdown] lang="bg"
# ## Упражнение 7.5 · По-строга граница на спада (сменете и изпълнете)
# Работната тетрадка смята, че клиентът „купува по-малко“, когато динамиката на покупките му е под −0,2. Търговският
# директор предлага по-строга граница: оборотът за последното полугодие под половината от този за полугодието преди
# него — това е динамика под −0,33.
#
# В клетката на упражнението сменете първата граница в `trend_cuts` от −0.2 на −0.33, изпълнете я и прочетете
# таблицата. **Какъв дял от клиентите, които „купуват по-малко“, са спрели да купуват през следващите 12 месеца?**
# Въведете дела като дроб или в проценти, например `falling_churn = 0.05` или `falling_churn = 5`.

# %% [markdown] lang="en"
# ## Exercise 7.5 · A stricter cut for a decline (change and rerun)
# The workbook takes a client as "buying less" when its purchase trend is below −0.2. The sales director suggests a
# stricter cut: revenue in the last half-year below half of the half-year before — a trend below −0.33.
#
# In the cell of the exercise change the first cut in `trend_cuts` from −0.2 to −0.33, run it and read the table. **What
# share of the clients "buying less" stopped buying in the next 12 months?** Type the share as a fraction or a
# percentage, e.g. `falling_churn = 0.05` or `falling_churn = 5`.

# %%
stricter = stated_vs_revealed(facts, answers, wave="all", trend_cuts=(-0.2, 0.2))  # EXERCISE
stricter = stated_vs_revealed(facts, answers, wave="all", trend_cuts=(-0.33, 0.2))  # SOLUTION
display(sv.class_table(stricter, lang, which="trend").style.hide(axis="index"))
falling_churn = float(stricter.by_trend.set_index("group").loc["falling", "rate"])  # SOLUTION
check("kpi7.5", falling_churn)

# %% [markdown] lang="bg"
# ## Упражнение 7.6 · Колко отговора са нужни? (сменете и изпълнете)
# За NPS с точност ±5 пункта са нужни стотици отговори. Ръководството казва, че точност ±10 пункта му стига.
#
# В клетката на упражнението сменете `margin` от 5 на 10, изпълнете я и прочетете изречението над диаграмата.
# **Колко отговора са нужни за NPS с точност ±10 пункта?** Въведете цяло число, например `needed = 100`.

# %% [markdown] lang="en"
# ## Exercise 7.6 · How many answers are needed? (change and rerun)
# An NPS within ±5 points needs hundreds of answers. The management says a precision of ±10 points is enough for it.
#
# In the cell of the exercise change `margin` from 5 to 10, run it and read the sentence above the chart. **How many
# answers does an NPS within ±10 points need?** Type a whole number, e.g. `needed = 100`.

# %%
latest = pick_wave(answers, "latest")
sample = sample_size_effect(latest["nps"], margin=5)  # EXERCISE
sample = sample_size_effect(latest["nps"], margin=10)  # SOLUTION
print(sv.sample_size_text(sample, lang))
ax = plot_margin_vs_n(sample, lang=lang)
plt.show()
needed = sample.n_needed  # SOLUTION
check("kpi7.6", needed)

# %% [markdown] lang="bg"
# ## Упражнение 7.7 · Учтивите промоутъри (за анализатора, по желание)
# Сравнението „казано и направено“ има таблица на редовете (`stated.rows`): по един ред за отговорил клиент, с класа
# му по NPS (`nps_class`: `detractor`, `passive`, `promoter`) и дали е спрял да купува след анкетата (`churned`).
# **Какъв дял от спрелите да купуват са били промоутъри?** Изчислете го с pandas и го въведете като дроб, например
# `polite = 0.1`.

# %% [markdown] lang="en"
# ## Exercise 7.7 · The polite promoters (for the analyst, optional)
# The said-and-done comparison has a table of its rows (`stated.rows`): one row per respondent, with its NPS class
# (`nps_class`: `detractor`, `passive`, `promoter`) and whether it stopped buying after the survey (`churned`). **What
# share of the clients who stopped buying were promoters?** Compute it with pandas and type it as a fraction, e.g.
# `polite = 0.1`.

# %%
gone = stated.rows.loc[stated.rows["churned"].astype(bool)]  # SOLUTION
polite = float((gone["nps_class"] == "promoter").mean())  # SOLUTION
check("kpi7.7", polite)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** търговският директор иска да плаща на търговците бонус за NPS на клиентите им. Какво бихте му
# отговорили след тази тема — и какво бихте предложили вместо това?
#
# <details><summary>Проверете се</summary>
#
# - При повечето търговци отговорите в една вълна са твърде малко: интервалът на NPS е по-широк от разликите между
#   търговците, така че бонусът би плащал за случайност.
# - Отговарят най-вече големите и лоялните клиенти: NPS на търговеца зависи от това кого е попитал и кой е отговорил,
#   а бонусът подканва да се питат само доволните.
# - Моментът е важен: анкета веднага след доставка дава по-висока оценка — лесен начин да се „подобри“ числото, без да
#   се подобри обслужването.
# - Казаното слабо предсказва направеното: отливът се разпознава по-добре по динамиката и давността на покупките.
#   Бонусът е по-добре да е за задържането на клиентите и за дела на отговорилите, а NPS да остане диагноза — отчитан
#   с интервала и за цялата компания или за големи групи.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** the sales director wants to pay the sales reps a bonus on their clients' NPS. What would you answer
# after this topic — and what would you suggest instead?
#
# <details><summary>Check yourself</summary>
#
# - For most sales reps a wave gives too few answers: the NPS interval is wider than the differences between the reps,
#   so the bonus would pay for chance.
# - Mostly the large and the loyal clients answer: a rep's NPS depends on whom it asked and who answered, and a bonus
#   invites asking only the satisfied ones.
# - Timing matters: a survey right after a delivery scores higher — an easy way to "improve" the number without
#   improving the service.
# - What is said predicts what is done weakly: churn is recognised better by the purchase trend and the days since the
#   last purchase. A bonus is better paid on keeping clients and on the response rate, with NPS kept as a diagnosis —
#   reported with its interval, for the whole company or for large groups.
#
# </details>
