# %% [markdown] lang="bg"
# # Тема 7 · Удовлетвореност на клиентите
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Защо удовлетвореността е ключов показател в съвременния CRM — и защо клиентите ни подвеждат, без да искат.
# - NPS и CSAT с доверителни интервали: по вълни на анкетата, по сегменти и по търговци, с проверени разлики и с
#   предупреждение, когато отговорите са твърде малко за извод.
# - Дял на отговорилите и кой не отговаря: отговорилите срещу неотговорилите по оборот преди анкетата, етап от
#   жизнения цикъл и отлив след нея.
# - Какво казват клиентите срещу какво правят после: класът по NPS срещу отлива и ръста през следващата година, и
#   колко по-добре го предсказват динамиката и давността на покупките.
# - Грешките при измерването, всяка показана върху данните — малка извадка, анкета само на активните купувачи,
#   сменена скала, анкета веднага след доставка — и как да ги избегнем.

# %% [markdown] lang="en"
# # Topic 7 · Customer satisfaction
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - Why satisfaction is a key indicator in a modern CRM — and why clients mislead us without meaning to.
# - NPS and CSAT with confidence intervals: by survey wave, by segment and by sales rep, with the differences tested
#   and a warning where there are too few answers to judge.
# - The response rate and who does not answer: respondents against non-respondents on revenue before the survey,
#   lifecycle stage and churn after it.
# - What clients say against what they later do: the NPS class against the next year's churn and growth, and how much
#   better the purchase trend and the days since the last purchase predict it.
# - The measurement errors, each shown on the data — a small sample, surveying only active buyers, a changed scale, a
#   survey right after a delivery — and how to avoid them.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза;
#   `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `wave` — вълната на анкетата за оценките по сегменти и търговци и за грешките при измерването: `"latest"` —
#   последната, `"all"` — всички заедно, или обозначението на вълна (`"2024"`).
# - `level` — нивото на доверие на интервалите (0.95 е 95 %); `min_n` — под колко отговора група е „твърде малка за
#   извод“.
# - `months` — прозорецът преди и след анкетата в месеци: оборот преди нея, отлив и ръст след нея (12).
# - `trend_cuts` — границите на динамиката на покупките преди анкетата: под първата клиентът „купува по-малко“, от
#   втората нагоре — „повече“ (−0.2 и 0.2).
# - `margin` — желаната точност на NPS в пунктове (±5); `active_days` — купил през колко дни преди анкетата е
#   „активен“ (90); `within_days` — до колко дни след доставка отговорът е „веднага след доставка“ (14).

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot; `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `wave` — the survey wave of the scores by segment and sales rep and of the measurement errors: `"latest"` — the last
#   one, `"all"` — all of them together, or a wave's name (`"2024"`).
# - `level` — the confidence level of the intervals (0.95 is 95 %); `min_n` — below how many answers a group is "too
#   small to judge".
# - `months` — the window before and after the survey in months: revenue before it, churn and growth after it (12).
# - `trend_cuts` — the cuts of the purchase trend before the survey: below the first the client is "buying less", from
#   the second up "buying more" (−0.2 and 0.2).
# - `margin` — the precision wanted of the NPS in points (±5); `active_days` — a purchase within how many days before the
#   survey makes a client "active" (90); `within_days` — up to how many days after a delivery an answer counts as
#   "right after a delivery" (14).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot; None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
wave = "latest"  # survey wave of the group scores and the errors: "latest", "all" or a wave's name
level = 0.95  # confidence level of the intervals
min_n = 30  # fewer answers than this make a group too small to judge
months = 12  # months before and after the survey (revenue before; churn and growth after)
trend_cuts = [-0.2, 0.2]  # purchase trend before the survey: below the first "buying less", from the second "more"
margin = 5  # the precision wanted of the NPS, in points (plus or minus)
active_days = 90  # a purchase within this many days before the survey makes a client active
within_days = 14  # an answer within this many days after a delivery counts as right after it

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import kbcore
from kbcore import views as ui
from kbcore.analyses.satisfaction import (
    active_only_effect,
    complete_waves,
    csat_score,
    nonresponse_bias,
    nps_score,
    pick_wave,
    response_rates,
    sample_size_effect,
    satisfaction_by,
    scale_by_wave,
    scale_change_effect,
    stated_vs_revealed,
    survey_answers,
    timing_effect,
)
from kbcore.charts import use_style
from kbcore.charts.satisfaction import (
    plot_churn_by_class,
    plot_margin_vs_n,
    plot_nonresponse,
    plot_nps_by_group,
)
from kbcore.facts import Facts
from kbcore.views import satisfaction as sv
from kbcore.widgets.satisfaction import nps_explorer

use_style()

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Файловете на компанията (или на демонстрационната компания) се четат, заглавията им се съпоставят със стандартните
# таблици и се проверяват. Отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо и какво липсва. Сумите са в евро: продажбите в лева отпреди 1 януари 2026 г. се превръщат по фиксирания курс
# 1,95583 лв. за 1 евро.

# %% [markdown] lang="en"
# ## Load the data
# The company's files (or the demo company's) are read, their headers mapped onto the standard tables and checked.
# The data-quality report below says what was read, what was dropped and why, and what is missing. Amounts are in
# euro: sales in leva before 1 January 2026 are converted at the fixed rate of 1.95583 leva to the euro.

# %%
ds = kbcore.load(data, mapping, demo="bg")
facts = Facts.of(ds, start=start, end=end, as_of=as_of)  # the sales lines are reduced once, here
money = currency or ds.currency or "EUR"
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="bg"
# ## 1. Защо удовлетвореността е ключов показател — и защо клиентите ни подвеждат
# В съвременния CRM удовлетвореността е **ранният сигнал**: оборотът показва какво клиентът вече е решил, а оценката
# му — накъде върви, докато още можем да направим нещо. Затова тя стои в картата на клиента, в целите на търговците и
# в отчетите на ръководството. Два показателя са най-разпространени:
# - **NPS** (Net Promoter Score, Reichheld 2003): „Колко вероятно е да ни препоръчате, от 0 до 10?“ Промоутъри са
#   9–10, пасивни 7–8, детрактори 0–6; NPS = % промоутъри − % детрактори, от −100 до +100 пункта.
# - **CSAT**: „Доколко сте доволни?“ по скала 1–5 — като средна оценка и като дял на доволните (4 и 5).
#
# Но клиентите ни подвеждат, без да искат: отговарят най-вече доволните и големите, учтивостта прави от мнозина
# „промоутъри“, отговорът зависи от деня, в който е даден, а няколко десетки отговора дават число с голяма грешка.
# Тетрадката показва всяко от тези неща върху данните, а не само го казва. Първо — оценката на избраната вълна, с
# нейния доверителен интервал: интервалът е частта от числото, която отчетите обикновено пропускат.

# %% [markdown] lang="en"
# ## 1. Why satisfaction is a key indicator — and why clients mislead us
# In a modern CRM satisfaction is the **early signal**: revenue shows what a client has already decided, its score where
# it is heading while we can still act. That is why it sits on the client card, in the sales reps' goals and in the
# management reports. Two measures are the most common:
# - **NPS** (Net Promoter Score, Reichheld 2003): "How likely are you to recommend us, from 0 to 10?" Promoters answer
#   9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors, from −100 to +100 points.
# - **CSAT**: "How satisfied are you?" on a 1–5 scale — as a mean score and as the share of satisfied answers (4 and 5).
#
# But clients mislead us without meaning to: mostly the satisfied and the large ones answer, politeness makes many of
# them "promoters", an answer depends on the day it is given, and a few dozen answers give a number with a large error.
# The workbook shows each of these on the data rather than telling it. First, the score of the chosen wave, with its
# confidence interval: the interval is the part of the number that reports usually leave out.

# %%
answers = survey_answers(ds.surveys, ds.clients, as_of=facts.as_of)  # one row per client asked
chosen = pick_wave(answers, wave)
nps = nps_score(chosen["nps"], level=level)
csat = csat_score(chosen["csat"], level=level)
if len(answers):
    print(sv.score_text(nps, csat, lang, level=level))
else:  # no surveys file: say what the topic needs
    print(sv.needs_text(answers.attrs["missing"], lang))

# %% [markdown] lang="bg"
# ## 2. NPS и CSAT по вълни, с доверителни интервали
# Всяка вълна на анкетата е извадка: ако бяхме попитали други клиенти, щяхме да получим друго число. Доверителният
# интервал казва колко широко е „другото число“. Грешката на NPS идва от мултиномната дисперсия на трите класа:
# SE = 100 × √((p_P + p_D − (p_P − p_D)²) / n) (Rocks 2016; Sauro & Lewis 2016). Всяка вълна се сравнява с
# останалите; p-стойностите са коригирани за броя на сравненията (Holm 1979).

# %% [markdown] lang="en"
# ## 2. NPS and CSAT by wave, with confidence intervals
# Each survey wave is a sample: had we asked other clients, we would have got another number. The confidence interval
# says how far that other number could be. The error of an NPS comes from the multinomial variance of its three
# classes: SE = 100 × √((p_P + p_D − (p_P − p_D)²) / n) (Rocks 2016; Sauro & Lewis 2016). Each wave is compared with the
# others; the p-values are corrected for the number of comparisons (Holm 1979).

# %%
by_wave = satisfaction_by(answers, by="wave", level=level, min_n=min_n)
ax = plot_nps_by_group(by_wave, lang=lang)
plt.show()
print(sv.by_note(by_wave, lang))
sv.by_table(by_wave, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Припокриват ли се интервалите на вълните? Спад или ръст с няколко пункта, който остава
# вътре в интервалите (колоната „Извод“: „няма доказана разлика“), не е промяна, а шум на извадката — колкото и да
# изглежда като тенденция на диаграмата.
#
# **Какво да направим.** Отчитайте NPS винаги с интервала и броя на отговорите. Не реагирайте на промяна между две
# вълни, преди проверката да каже, че едва ли е случайност.

# %% [markdown] lang="en"
# **What to look at.** Do the waves' intervals overlap? A fall or a rise of a few points that stays inside the intervals
# (the column "Verdict": "no proven difference") is not a change but sampling noise — however much it looks like a
# trend on the chart.
#
# **What to do about it.** Always report an NPS with its interval and its number of answers. Do not act on a change
# between two waves before the test says it is unlikely to be chance.

# %% [markdown] lang="bg"
# ## 3. По сегменти и по търговци: кои разлики са истински?
# Таблиците с NPS по сегменти и по търговци са любими в отчетите — и най-лесно подвеждат: всяка група е по-малка
# извадка, а при много групи някоя изглежда различна само по случайност. Затова всяка група се сравнява с останалите
# (z-тест на разликата в NPS), p се коригира за броя групи, а група с твърде малко отговори (под зададения минимум) се отбелязва като
# „твърде малко отговори за извод“ (празна точка на диаграмата).

# %% [markdown] lang="en"
# ## 3. By segment and by sales rep: which differences are real?
# Tables of NPS by segment and by sales rep are favourites of reports — and mislead most easily: each group is a smaller
# sample, and with many groups one of them looks different by chance alone. So each group is compared with the rest (a
# z-test of the NPS difference), p is corrected for the number of groups, and a group with fewer answers than the
# minimum is marked "too few answers to judge" (a hollow dot on the chart).

# %%
by_segment = satisfaction_by(answers, by="segment", wave=wave, level=level, min_n=min_n)
ax = plot_nps_by_group(by_segment, lang=lang)
plt.show()
print(sv.by_note(by_segment, lang))
sv.by_table(by_segment, lang).style.hide(axis="index")

# %%
by_manager = satisfaction_by(answers, by="manager", wave=wave, level=level, min_n=min_n)
ax = plot_nps_by_group(by_manager, lang=lang)
plt.show()
print(sv.by_note(by_manager, lang))
sv.by_table(by_manager, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# Сравнете сами: изберете разреза (сегмент, търговец, вълна) и нивото на доверие — при 80 % интервалите се стесняват,
# при 99 % се разширяват, а изводите „по-висок/по-нисък от останалите“ идват и си отиват.

# %% [markdown] lang="en"
# Compare for yourself: choose the cut (segment, sales rep, wave) and the confidence level — at 80 % the intervals
# narrow, at 99 % they widen, and the verdicts "higher/lower than the rest" come and go.

# %% tags=["widget"]
nps_explorer(answers, by="manager", level=level, wave=wave, min_n=min_n, lang=lang)

# %% [markdown] lang="bg"
# **На какво да гледаме.** Колко групи имат истинска разлика след корекцията — и колко са „твърде малко отговори“.
# Търговец с нисък NPS при две дузини отговори и търговец с висок NPS при дузина може да не се различават изобщо.
#
# **Какво да направим.** Не класирайте търговци и сегменти и не давайте бонуси по NPS на група, чийто интервал е по-
# широк от разликите между групите. Ако оценката трябва да влезе в целите на търговеца, съберете отговори за няколко
# вълни или увеличете извадката, докато интервалът стане по-тесен от разликата, която искате да видите.

# %% [markdown] lang="en"
# **What to look at.** How many groups differ for real after the correction — and how many have "too few answers". A
# sales rep with a low NPS on two dozen answers and one with a high NPS on a dozen may not differ at all.
#
# **What to do about it.** Do not rank sales reps or segments, nor pay bonuses, on the NPS of a group whose interval is
# wider than the differences between groups. If the score is to enter a sales rep's goals, pool several waves or grow
# the sample until the interval is narrower than the difference you want to see.

# %% [markdown] lang="bg"
# ## 4. Дял на отговорилите — и кой не отговаря
# NPS е оценката на **отговорилите**, а не на клиентите. Ако отговарят най-вече доволните и големите, анкетата говори
# от тяхно име (изкривяване от неотговаряне, Groves 2006). Проверката: отговорилите срещу неотговорилите — по оборот
# за 12-те месеца преди анкетата (критерий на Ман–Уитни, защото оборотът е силно асиметричен), по етап от жизнения
# цикъл към началото на вълната (хи-квадрат) и по отлив през 12-те месеца след нея (тест за две пропорции). Нужна е
# колона, която казва за всеки попитан клиент дали е отговорил.

# %% [markdown] lang="en"
# ## 4. The response rate — and who does not answer
# An NPS is the score of the **respondents**, not of the clients. If mostly the satisfied and the large ones answer,
# the survey speaks for them (non-response bias, Groves 2006). The check: respondents against non-respondents — on
# revenue in the 12 months before the survey (Mann–Whitney's test, since revenue is very skewed), on lifecycle stage at
# the wave's start (chi-square) and on churn in the 12 months after it (a test of two proportions). It needs a column
# saying for each client asked whether it answered.

# %%
rates = response_rates(answers, level=level)
print(sv.response_text(rates, lang))
sv.response_table(rates, lang).style.hide(axis="index")

# %%
after_waves = complete_waves(facts, answers, months=months)  # waves with a full window after them
print(sv.after_text(after_waves, months, lang, missing=answers.attrs["missing"]))
nonresponse = nonresponse_bias(facts, answers, ds.clients, months=months, wave="all", level=level)
print(sv.nonresponse_text(nonresponse, lang, currency=money))
ax = plot_nonresponse(nonresponse, measure="revenue", currency=money, lang=lang)
plt.show()
ax = plot_nonresponse(nonresponse, measure="churn", lang=lang)
plt.show()
display(sv.revenue_table(nonresponse, lang, currency=money).style.hide(axis="index"))
display(sv.churn_table(nonresponse, lang).style.hide(axis="index"))
sv.stage_table(nonresponse, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Колко пъти повече купуват отговорилите и с колко пункта по-малко от тях спират да купуват.
# В таблицата на етапите: кои етапи отговарят рядко — новите и западащите клиенти, тези, чието мнение е най-нужно.
# Отливът е измерен само за вълните с пълни 12 месеца след тях (изречението над диаграмите): за по-късните още не се
# знае какво са направили клиентите.
#
# **Какво да направим.** Отчитайте дела на отговорилите до всеки NPS. Догонвайте неотговорилите с телефон от
# търговеца (кратко интервю от три въпроса), особено новите и западащите клиенти; при анализа претегляйте отговорите
# по сегмент и размер на клиента, за да не говори анкетата само от името на най-добрите.

# %% [markdown] lang="en"
# **What to look at.** How many times more the respondents buy, and by how many points fewer of them stop buying. In the
# table of stages: which stages rarely answer — the new and the declining clients, whose opinion is needed most. Churn is
# measured only on the waves with a full 12 months after them (the sentence above the charts): for the later ones what
# the clients did is not known yet.
#
# **What to do about it.** Report the response rate beside every NPS. Follow the non-respondents up with a call from the
# sales rep (a short three-question interview), the new and the declining clients above all; in the analysis weight the
# answers by segment and client size, so that the survey does not speak only for the best clients.

# %% [markdown] lang="bg"
# ## 5. Какво казват клиентите срещу какво правят после
# Казаната лоялност (класът по NPS) срещу проявената (какво клиентът прави с покупките си): за всеки отговорил
# клиент, купувал през годината преди анкетата, — спрял ли е да купува през следващите 12 месеца и как се е променил
# оборотът му. Същото по динамиката на покупките му преди анкетата (по-късното полугодие срещу по-ранното). Силата на
# всеки предсказател се мери с AUC — вероятността клиент, който си е отишъл, да е с по-лош показател от клиент, който
# е останал (0,5 = хвърляне на монета, 1 = безпогрешно; Hanley & McNeil 1982). Reichheld (2003) твърди, че NPS
# предсказва растежа; Keiningham и колеги (2007) не намират това потвърдено. Отливът тук е „нито една покупка през
# 12-те месеца след анкетата“, а границите на динамиката (−0,2: оборотът за последното полугодие с една трета под
# предходното; +0,2: с половина над него) са наш прочит — параметри, които водещият може да смени.

# %% [markdown] lang="en"
# ## 5. What clients say against what they later do
# Stated loyalty (the NPS class) against revealed loyalty (what the client does with its purchases): for each respondent
# that bought in the year before the survey — did it stop buying in the next 12 months, and how did its revenue change.
# The same by its purchase trend before the survey (the later half-year against the earlier one). The strength of each
# predictor is measured by the AUC — the probability that a client who left scores worse on it than a client who stayed
# (0.5 = a coin toss, 1 = never wrong; Hanley & McNeil 1982). Reichheld (2003) claims that NPS predicts growth;
# Keiningham and colleagues (2007) do not find it confirmed. Churn here is "not one purchase in the 12 months after the
# survey", and the cuts of the trend (−0.2: the last half-year's revenue a third below the one before; +0.2: half as much
# again above it)
# are our reading — parameters the trainer may change.

# %%
stated = stated_vs_revealed(facts, answers, months=months, wave="all", level=level, trend_cuts=trend_cuts)
print(sv.stated_text(stated, lang))
ax = plot_churn_by_class(stated, lang=lang)
plt.show()
display(sv.class_table(stated, lang, which="nps").style.hide(axis="index"))
display(sv.class_table(stated, lang, which="trend").style.hide(axis="index"))
sv.separation_table(stated, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Разликата в отлива между детракторите и промоутърите и нейното p: голяма ли е, доказана
# ли е? Колко от спрелите да купуват са били промоутъри („учтиви промоутъри“). После AUC: отговорът за NPS близо ли е
# до 0,5, а динамиката и давността на покупките — далеч ли над него?
#
# **Какво да направим.** Ранният сигнал за отлив е в собствените ни данни: клиент, който купува все по-рядко и по-
# малко, е рискът — каквото и да е казал в анкетата. Сложете динамиката и давността на покупките в картата на клиента
# до оценката му, и нека търговецът звъни при спад, а не чака следващата вълна.

# %% [markdown] lang="en"
# **What to look at.** The churn gap between detractors and promoters and its p: is it large, is it proven? How many of
# the clients who stopped buying were promoters ("polite promoters"). Then the AUC: is the NPS answer close to 0.5, and
# the purchase trend and the days since the last purchase far above it?
#
# **What to do about it.** The early signal of churn is in our own data: a client that buys ever less often and less is
# the risk — whatever it said in the survey. Put the purchase trend and the days since the last purchase on the client
# card beside its score, and have the sales rep call at a decline rather than wait for the next wave.

# %% [markdown] lang="bg"
# ## 6. Грешките при измерването — и как да ги избегнем
# ### 6.1 Твърде малка извадка
# Колко отговора са нужни, за да е NPS точен до желаните ± пункта? Формулата дава грешката за всеки брой отговори при
# дяловете на нашите класове; случайните извадки от нашите собствени отговори показват същото на практика: NPS на
# 30 отговора може да е с 25 пункта встрани от този на всички.

# %% [markdown] lang="en"
# ## 6. The measurement errors — and how to avoid them
# ### 6.1 Too small a sample
# How many answers does an NPS within ± the wanted margin need? The formula gives the error for each number of answers
# at the shares of our classes; random samples of our own answers show the same in practice: the NPS of 30 answers may
# be 25 points away from that of all of them.

# %%
sample = sample_size_effect(chosen["nps"], margin=margin, level=level)
print(sv.sample_size_text(sample, lang))
ax = plot_margin_vs_n(sample, lang=lang)
plt.show()
sv.sample_size_table(sample, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Как да я избегнем.** Планирайте броя на отговорите от точността, която ви трябва (при 40 % отговорили — два и
# половина пъти повече попитани). Не сравнявайте вълни, групи или търговци с по-малко отговори от нужното; обединете
# вълните или показвайте само общия NPS.

# %% [markdown] lang="en"
# **How to avoid it.** Plan the number of answers from the precision you need (at a 40 % response rate, two and a half
# times as many clients asked). Do not compare waves, groups or sales reps with fewer answers than needed; pool the waves
# or show only the overall NPS.

# %% [markdown] lang="bg"
# ### 6.2 Анкета само на активните купувачи
# Удобно е анкетата да отиде само до клиентите, които са купили наскоро — те имат актуален контакт. Но така отпадат
# точно клиентите, които се отдалечават: сравнението показва какво би станало с NPS, с дела на отговорилите и с
# отлива, ако бяхме попитали само купилите през последните дни преди анкетата.

# %% [markdown] lang="en"
# ### 6.2 Surveying only active buyers
# It is convenient to send the survey only to clients who bought recently — their contacts are up to date. But that
# leaves out exactly the clients drifting away: the comparison shows what would happen to the NPS, the response rate and
# the churn had we asked only those who bought in the last days before the survey.

# %%
active = active_only_effect(facts, answers, active_days=active_days, months=months, wave="all", level=level)
print(sv.active_only_text(active, lang))
sv.active_only_table(active, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Как да я избегнем.** Теглете извадката от цялата клиентска база (включително спрелите да купуват през годината),
# а не от списъка на последните доставки; клиентите без скорошна покупка са най-важните за питане.

# %% [markdown] lang="en"
# **How to avoid it.** Draw the sample from the whole customer base (those who stopped buying during the year included),
# not from the list of recent deliveries; the clients without a recent purchase are the most important ones to ask.

# %% [markdown] lang="bg"
# ### 6.3 Сменена скала или въпрос
# Ако една вълна пита по скала 1–5, а следващата — 0–10, числата не могат да се сравняват, дори преизчислени. Първо:
# по каква скала са отговорите на всяка вълна. После — същите отговори от избраната вълна, преизчислени линейно на скала
# 0–10: средната „расте“, делът на доволните (двете най-високи оценки) „пада“, без нищо да се е променило при
# клиентите (Dawes 2008).

# %% [markdown] lang="en"
# ### 6.3 A changed scale or question
# If one wave asks on a 1–5 scale and the next on 0–10, the numbers cannot be compared, even converted. First: which
# scale each wave's answers are on. Then the same answers of the chosen wave, converted linearly onto a 0–10 scale: the
# mean "rises", the satisfied share (the two highest answers) "falls", with nothing changed in the clients (Dawes 2008).

# %%
display(sv.scale_by_wave_table(scale_by_wave(answers), lang).style.hide(axis="index"))
scale = scale_change_effect(chosen["csat"], old_scale=(1, 5), new_scale=(0, 10))
print(sv.scale_text(scale, lang))
sv.scale_table(scale, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Как да я избегнем.** Пазете един и същ въпрос и една и съща скала години наред. Ако все пак трябва да ги смените,
# задайте в една вълна и стария, и новия вариант на едни и същи клиенти и започнете нов ред от нея.

# %% [markdown] lang="en"
# **How to avoid it.** Keep the same question and the same scale for years. If you must change them, ask both the old
# and the new version of the same clients in one wave, and start a new series from it.

# %% [markdown] lang="bg"
# ### 6.4 Моментът на анкетата
# Отговорът зависи от деня, в който е даден: веднага след доставка клиентът е под впечатлението от нея. Сравнението:
# оценките, дадени до няколко дни след последната доставка, срещу по-късните (z-тест за NPS, t-тест на Уелч за
# CSAT), и същото по интервали от дни. Границата от 14 дни е наш прочит (параметър).

# %% [markdown] lang="en"
# ### 6.4 The timing of the survey
# An answer depends on the day it is given: right after a delivery the client is under its impression. The comparison:
# the scores given within a few days after the last delivery against the later ones (a z-test for NPS, Welch's t-test
# for CSAT), and the same by bands of days. The cut of 14 days is our reading (a parameter).

# %%
timing = timing_effect(facts, answers, within_days=within_days, wave="all", level=level)
print(sv.timing_text(timing, lang))
display(sv.timing_table(timing, lang).style.hide(axis="index"))
sv.timing_table(timing, lang, bands=True).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Как да я избегнем.** Изпращайте анкетата в определен момент от годината (както прави демонстрационната компания —
# през октомври), а не заедно с доставката, и не сменяйте момента между вълните. Ако анкетата след доставка е нужна
# (за качеството на самата доставка), отчитайте я отделно от годишната оценка на отношенията.

# %% [markdown] lang="en"
# **How to avoid it.** Send the survey at a fixed moment of the year (as the demo company does, in October), not with
# the delivery, and do not change the moment between waves. If a survey after the delivery is needed (for the quality
# of the delivery itself), report it apart from the yearly score of the relationship.

# %% [markdown] lang="bg"
# ## 7. Добрата практика накратко
# - NPS и CSAT — винаги с доверителния интервал, броя на отговорите и дела на отговорилите.
# - Разлики между вълни, сегменти и търговци — само проверени, с корекция за броя групи; „твърде малко отговори“ не се
#   класира.
# - Извадката — от цялата клиентска база, с догонване на неотговорилите; анализът — претеглен по сегмент и размер.
# - Един въпрос, една скала, един момент от годината.
# - Казаното — до направеното: оценката стои в картата на клиента до динамиката и давността на покупките му, и
#   сигналът за действие е спадът на покупките, не само ниската оценка.

# %% [markdown] lang="en"
# ## 7. Good practice in short
# - NPS and CSAT always with the confidence interval, the number of answers and the response rate.
# - Differences between waves, segments and sales reps only when tested, corrected for the number of groups; "too few
#   answers" is not ranked.
# - The sample from the whole customer base, the non-respondents followed up; the analysis weighted by segment and size.
# - One question, one scale, one moment of the year.
# - What is said beside what is done: the score sits on the client card next to the client's purchase trend and days
#   since the last purchase, and the signal to act is a decline in purchases, not only a low score.

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 7

# %% [markdown] lang="en"
# ## Key figures of topic 7

# %% tags=["key-figures"]
figures = sv.satisfaction_figures(nps, lang, csat=csat, rates=rates, nonresponse=nonresponse, stated=stated,
                                  sample=sample, currency=money)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
