# %% [markdown] lang="bg"
# # Тема 8 · Упражнения · Програма за лоялност и мотивация на клиенти
# *(семинар „Ключови показатели за ефективност“)*
#
# Седем кратки упражнения върху демонстрационната компания „Витоша Лубрикантс“ ЕООД, в реда на работната тетрадка на
# темата — за да получат всички в залата един и същ верен отговор. Почти не се програмира: **прочитате** число в
# таблица или диаграма, която тетрадката показва, или **сменяте една стойност** в клетка, изпълнявате я отново и
# прочитате резултата. Въведете прочетеното в клетката за отговор и я изпълнете: проверката под нея веднага казва
# дали е вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражнение 8.7 е за
# анализатора (нужен е pandas) и е по желание.
#
# Изпълнявайте клетките отгоре надолу: първата зарежда демонстрационната компания.

# %% [markdown] lang="en"
# # Topic 8 · Exercises · The loyalty and motivation programme for clients
# *(seminar "Key performance indicators")*
#
# Seven short exercises on the demo company „Витоша Лубрикантс“ ЕООД, in the order of the topic's workbook, so that
# everybody in the room gets the same right answer. Most need no programming: you **read** a number off a table or a
# chart that the workbook shows, or you **change one value** in a cell, run it again and read the result. Type what you
# read into the answer cell and run it: the check under it says at once whether you are right and, if not yet, gives a
# hint — one step more at each try. Exercise 8.7 is for the analyst (it needs pandas) and is optional.
#
# Run the cells from the top: the first one loads the demo company.

# %% [markdown] lang="bg" tags=["remove"]
# **Как се отговаря.** В клетката за отговор заменете `...` след `=` с прочетената стойност — число
# (`members = 120`), дял (`share = 0.23` или `share = 23` за 23 %) или номер на вариант (`answer = 2`) — и изпълнете
# клетката (Shift+Enter). Не знаете откъде да започнете? `hint("kpi8.3")` в нова клетка показва следващата стъпка на
# подсказката. В упражнение „сменете и изпълнете“ сменете в извикването единствената стойност, посочена в текста, и
# изпълнете клетката.

# %% [markdown] lang="en" tags=["remove"]
# **How to answer.** In an answer cell replace the `...` after the `=` with the value you read — a number
# (`members = 120`), a share (`share = 0.23` or `share = 23` for 23 %) or the number of an option (`answer = 2`) — and
# run the cell (Shift+Enter). Stuck before answering? `hint("kpi8.3")` in a new cell shows the next step of the hint.
# In a *change and rerun* exercise change the one value the text names in the call, then run the cell.

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore.analyses.loyalty_programme import (
    load_loyalty_template,
    programme_cost,
    programme_effect,
    programme_kpis,
    programme_roi,
)
from kbcore.charts import use_style
from kbcore.charts.loyalty_programme import plot_estimates, plot_funnel, plot_points
from kbcore.facts import Facts
from kbcore.views import loyalty_programme as lpv
from kbcore.workbook import check, hint, set_lang  # noqa: F401 - hint("kpi8.3") shows the next hint step

lang = "en"  # language of the texts, the tables and the verdicts: "bg" or "en"
set_lang(lang)
use_style()
ds = kbcore.load(None, demo="bg")  # the Bulgarian demo company, amounts in euro
facts = Facts.of(ds)  # its sales, reduced once: every analysis below starts from these facts
money = ds.currency or "EUR"
tpl = load_loyalty_template()  # the programme's goals and example costs
kpis = programme_kpis(facts, ds.loyalty)  # the programme's indicators on the last sales day

# %% [markdown] lang="bg"
# ## Упражнение 8.1 · Степента на участие
# Програмата е за активните клиенти — купували през последните 12 месеца. Степента на участие казва каква част от тях
# са членове.
#
# **Каква е степента на участие на активните клиенти?** Прочетете я в таблицата с показателите (или на фунията).
# Въведете дела като дроб или в проценти, например `participation = 0.25` или `participation = 25`.

# %% [markdown] lang="en"
# ## Exercise 8.1 · The participation rate
# The programme is for the active clients — those who bought in the last 12 months. The participation rate says what
# part of them are members.
#
# **What is the participation rate of the active clients?** Read it in the table of the indicators (or on the funnel).
# Type the share as a fraction or a percentage, e.g. `participation = 0.25` or `participation = 25`.

# %%
ax = plot_funnel(kpis, lang=lang)
plt.show()
lpv.kpi_table(kpis, lang, currency=money).style.hide(axis="index")

# %%
participation = kpis.participation_rate  # SOLUTION
check("kpi8.1", participation)

# %% [markdown] lang="bg"
# ## Упражнение 8.2 · Изтеклите точки
# Точка, която изтича неизползвана, не е мотивирала никого. Делът на изтеклите точки е частта от натрупаните точки,
# която е изтекла.
#
# **Какъв е делът на изтеклите точки?** Прочетете го в таблицата с показателите по-горе или над стълбчето на
# диаграмата. Въведете дела, например `expired_share = 0.25` или `expired_share = 25`.

# %% [markdown] lang="en"
# ## Exercise 8.2 · The expired points
# A point that expires unused has motivated nobody. The breakage is the part of the issued points that expired.
#
# **What is the breakage?** Read it in the table of the indicators above or above the bar of the chart. Type the share,
# e.g. `expired_share = 0.25` or `expired_share = 25`.

# %%
ax = plot_points(kpis, lang=lang)
plt.show()

# %%
expired_share = kpis.breakage  # SOLUTION
check("kpi8.2", expired_share)

# %% [markdown] lang="bg"
# ## Упражнение 8.3 · Ефектът по метода „разлика в разликите“
# Както в работната тетрадка: всеки член се сравнява сам със себе си за 12 месеца преди и 12 месеца след
# присъединяването и със сравними нечленове (от същия сегмент и същата четвъртина по продажби, купували през
# последните 3 месеца преди присъединяването) за същите месеци.
#
# **С колко процента програмата увеличава продажбите на членовете спрямо продажбите им преди присъединяването?**
# Прочетете го в реда „Разлика в разликите“ на таблицата. Въведете дела, например `uplift = 0.05` или `uplift = 5`.

# %% [markdown] lang="en"
# ## Exercise 8.3 · The effect by the difference in differences
# As in the workbook: each member is set against itself over the 12 months before and the 12 months after joining,
# and against comparable non-members (same segment, same quarter by sales, who bought in the last 3 months before
# joining) in the same months.
#
# **By what percentage does the programme raise the members' sales, against their sales before joining?** Read it in
# the row "Difference in differences" of the table. Type the share, e.g. `uplift = 0.05` or `uplift = 5`.

# %%
effect = programme_effect(facts, ds.loyalty, ds.clients, window=12)
print(lpv.effect_text(effect, lang, currency=money))
lpv.effect_table(effect, lang, currency=money).style.hide(axis="index")

# %%
uplift = effect.relative_uplift  # SOLUTION
check("kpi8.3", uplift)

# %% [markdown] lang="bg"
# ## Упражнение 8.4 · Наивното сравнение срещу разликата в разликите
# Диаграмата показва двете оценки на ефекта на член за 12 месеца, всяка с 95 % доверителен интервал.
#
# **Къде е наивната разлика спрямо доверителния интервал на разликата в разликите?**
#
# 1) Вътре в интервала
# 2) Над интервала
# 3) Под интервала
#
# Въведете номера на варианта, например `answer = 1`.

# %% [markdown] lang="en"
# ## Exercise 8.4 · The naive comparison against the difference in differences
# The chart shows the two estimates of the effect per member over 12 months, each with its 95 % confidence interval.
#
# **Where is the naive gap against the confidence interval of the difference in differences?**
#
# 1) Inside the interval
# 2) Above the interval
# 3) Below the interval
#
# Type the number of the option, e.g. `answer = 1`.

# %%
ax = plot_estimates(effect, currency=money, lang=lang)
plt.show()

# %%
answer = 2 if effect.naive > effect.ci_high else 3 if effect.naive < effect.ci_low else 1  # SOLUTION
check("kpi8.4", answer)

# %% [markdown] lang="bg"
# ## Упражнение 8.5 · Период от 6 месеца (сменете и изпълнете)
# Периодът от 12 месеца преди и след присъединяването оставя извън оценката членовете, присъединили се през
# последната година. С 6 месеца в оценката влизат повече членове, но се вижда само първата половин година след
# присъединяването.
#
# В клетката на упражнението сменете `window` от 12 на 6, изпълнете я и прочетете таблицата. **Какъв е сега ръстът на
# продажбите на членовете по метода „разлика в разликите“?** Въведете дела, например `uplift_6 = 0.05`.

# %% [markdown] lang="en"
# ## Exercise 8.5 · A 6-month window (change and rerun)
# The window of 12 months before and after joining leaves out the members who joined in the last year. With 6 months
# more members are in the estimate, but only the first half-year after joining is seen.
#
# In the cell of the exercise change `window` from 12 to 6, run it and read the table. **What is the uplift of the
# members' sales by the difference in differences now?** Type the share, e.g. `uplift_6 = 0.05`.

# %%
effect_6 = programme_effect(facts, ds.loyalty, ds.clients, window=12)  # EXERCISE
effect_6 = programme_effect(facts, ds.loyalty, ds.clients, window=6)  # SOLUTION
print(lpv.excluded_text(effect_6, lang))
display(lpv.effect_table(effect_6, lang, currency=money).style.hide(axis="index"))
uplift_6 = effect_6.relative_uplift  # SOLUTION
check("kpi8.5", uplift_6)

# %% [markdown] lang="bg"
# ## Упражнение 8.6 · По-скъпа точка (сменете и изпълнете)
# В шаблона една използвана точка ни струва 0,01 € (примерна стойност). Търговският директор иска по-привлекателни
# награди: точката ще ни струва 0,02 €; другите разходи остават.
#
# В клетката на упражнението сменете `value_per_point` от 0.01 на 0.02, изпълнете я и прочетете абзаца.
# **Каква е възвръщаемостта на програмата годишно?** Въведете я като дроб или в проценти, например `roi_2 = 0.5` или
# `roi_2 = 50`.

# %% [markdown] lang="en"
# ## Exercise 8.6 · A dearer point (change and rerun)
# In the template a redeemed point costs us 0.01 € (an example value). The sales director wants more attractive
# rewards: a point will cost us 0.02 €; the other costs stay.
#
# In the cell of the exercise change `value_per_point` from 0.01 to 0.02, run it and read the paragraph. **What is the
# programme's return a year?** Type it as a fraction or a percentage, e.g. `roi_2 = 0.5` or `roi_2 = 50`.

# %%
fixed, per_member = tpl.fixed_cost_per_year, tpl.cost_per_member_per_year  # the template's other costs a year
cost_2 = programme_cost(kpis, value_per_point=0.01, fixed_cost_per_year=fixed, cost_per_member_per_year=per_member)  # EXERCISE
cost_2 = programme_cost(kpis, value_per_point=0.02, fixed_cost_per_year=fixed, cost_per_member_per_year=per_member)  # SOLUTION
roi = programme_roi(effect, kpis, cost_2, margin_rate=tpl.margin_rate)
display(lpv.cost_table(cost_2, lang, currency=money, is_example=tpl.example).style.hide(axis="index"))
print(lpv.roi_text(roi, lang, currency=money, is_example=tpl.example))
roi_2 = roi.roi  # SOLUTION
check("kpi8.6", roi_2)

# %% [markdown] lang="bg"
# ## Упражнение 8.7 · При колко членове продажбите са растели повече? (за анализатора, по желание)
# Ефектът на програмата е средното от разликите на членовете. Таблицата `effect.members` има по един ред за член:
# `status` (`used` — членът е в оценката) и `d` — неговата промяна след присъединяването минус промяната на
# сравнимите му нечленове. **Каква част от членовете в оценката имат `d` над нулата?** Изчислете я с pandas и я
# въведете като дроб, например `gained = 0.5`.

# %% [markdown] lang="en"
# ## Exercise 8.7 · For how many members did sales grow more? (for the analyst, optional)
# The programme's effect is the mean of the members' differences. The table `effect.members` has one row per member:
# `status` (`used`: the member is in the estimate) and `d` — its change after joining minus its comparable
# non-members' change. **What part of the members in the estimate have `d` above zero?** Compute it with pandas and
# type it as a fraction, e.g. `gained = 0.5`.

# %%
used = effect.members.loc[effect.members["status"] == "used"]  # SOLUTION
gained = float((used["d"] > 0).mean())  # SOLUTION
check("kpi8.7", gained)

# %% [markdown] lang="bg" tags=["discussion"]
# **Обсъдете:** вашата компания има (или обмисля) програма за лоялност. Как бихте доказали на финансовия директор, че
# тя увеличава продажбите — и кое число от отчета на програмата не бихте му показали?
#
# <details><summary>Проверете се</summary>
#
# - Не показвайте „членовете купуват с X % повече от нечленовете“: присъединяват се по-големите и растящите клиенти,
#   затова наивното сравнение преувеличава ефекта (в демонстрационната компания около +31 % срещу около +13 % по
#   метода „разлика в разликите“ при заложени в данните +12 %).
# - Покажете промяната на членовете преди и след присъединяването срещу промяната на сравними нечленове за същите
#   месеци — и доверителния интервал: с няколкостотин членове ефектът се измерва грубо (от около +3 % до около +24 %).
# - Покажете възвръщаемостта с обхвата ѝ и с действителните разходи: при долната граница на ефекта програмата може да
#   губи пари, а една по-скъпа точка намалява възвръщаемостта наполовина.
# - Записвайте от първия ден датата на присъединяване и точките (натрупани, използвани, изтекли): без тях ефектът и
#   разходите не могат да се измерят.
#
# </details>

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** your company has (or considers) a loyalty programme. How would you prove to the finance director that
# it raises sales — and which figure of the programme's report would you not show?
#
# <details><summary>Check yourself</summary>
#
# - Do not show "members buy X % more than non-members": the larger, growing clients are the ones who join, so the
#   naive comparison overstates the effect (at the demo company about +31 % against about +13 % by the difference in
#   differences, with +12 % planted in the data).
# - Show the members' change before and after joining against the change of comparable non-members in the same months
#   — and the confidence interval: with a few hundred members the effect is measured roughly (from about +3 % to about
#   +24 %).
# - Show the return with its range and with the real costs: at the lower end of the effect the programme may lose
#   money, and a dearer point halves the return.
# - Record from day one the joining date and the points (issued, redeemed, expired): without them neither the effect
#   nor the cost can be measured.
#
# </details>
