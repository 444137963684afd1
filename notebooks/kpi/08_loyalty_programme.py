# %% [markdown] lang="bg"
# # Тема 8 · Програма за лоялност и мотивация на клиенти
# *Семинар „Ключови показатели за ефективност“*
#
# **Какво ще видите** — въпросите на темата в реда на програмата:
# - Целите на програмата за лоялност и показателите, които ги измерват.
# - Участието: колко от активните клиенти са в програмата и колко не са (степен на участие и дял на неучастващите),
#   колко членове продължават да купуват и какъв дял от продажбите идва от членовете.
# - Точките: натрупани, използвани и изтекли (степен на използване, дял на изтеклите точки) и колко дължим още.
# - Колко струва програмата годишно.
# - Параметрите на ефективността: купуват ли членовете повече *заради* програмата? Първо наивното сравнение на
#   членове с нечленове — и защо то лъже; после „разлика в разликите“ срещу сравними нечленове, с доверителен
#   интервал; допълнителните продажби и марж и възвръщаемостта на програмата.
# - Целите на програмата: постигнати ли са?

# %% [markdown] lang="en"
# # Topic 8 · The loyalty and motivation programme for clients
# *Seminar "Key performance indicators"*
#
# **What you will see** — the topic's questions, in the program's order:
# - The loyalty programme's goals and the indicators that measure them.
# - Participation: how many of the active clients are in the programme and how many are not (participation and
#   non-participation rate), how many members keep buying, and what share of the sales comes from members.
# - The points: issued, redeemed and expired (redemption rate, breakage), and how much we still owe.
# - What the programme costs a year.
# - The parameters of its effectiveness: do members buy more *because of* the programme? First the naive comparison of
#   members with non-members — and why it misleads; then a difference in differences against comparable non-members,
#   with its confidence interval; the incremental sales and margin, and the programme's return.
# - The programme's goals: are they reached?

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри** (следващата клетка; за JupyterLab, не влизат в отчетите). За демонстрационната компания ги оставете
# както са.
# - `data` — папката или файлът с експортите на вашата компания; `None` (по подразбиране) е демонстрационната
#   компания „Витоша Лубрикантс“ ЕООД. `mapping` — YAML файл, който съпоставя заглавията на колоните ви със
#   стандартните; `None` чете обичайните заглавия на 1С и английските.
# - `lang` — езикът на текстовете, диаграмите и таблиците: `"bg"` или `"en"`.
# - `start`, `end` — анализираният период като `"ГГГГ-ММ-ДД"`; `None` — всички данни. `as_of` — денят на среза
#   (членовете към него, последните 12 месеца до него); `None` — последният ден с продажби.
# - `currency` — ISO кодът на сумите ви; `None` — валутата, която посочват данните, иначе еврото.
# - `loyalty_template` — вашето копие на `data/templates/kpi_loyalty_programme.yaml` с целите на програмата и
#   действителните ѝ разходи; `None` — шаблонът с примерните стойности.
# - `months` — за колко последни месеца се броят активните клиенти, активните членове и дялът на членовете в
#   продажбите (12).
# - `window` — периодът преди и след присъединяването в месеци за „разлика в разликите“; `None` — този от шаблона
#   (12).
# - `controls` — кои нечленове могат да са сравними: `"never"` — само никога неприсъединилите се; `"not_yet"` — и
#   тези, които се присъединяват едва след периода на члена.
# - `revenue_bands` — на колко групи по продажбите преди присъединяването се делят клиентите за сравнението (4 —
#   квартили; 1 — без групи).
# - `active_recent` — колко последни месеца преди присъединяването членът и сравнимите нечленове трябва да са
#   купували (3; 0 — без това правило).

# %% [markdown] lang="en" tags=["remove"]
# **Parameters** (the next cell; for JupyterLab, left out of the reports). For the demo company leave them as they are.
# - `data` — the folder or file with your company's exports; `None` (default) is the demo company „Витоша Лубрикантс“
#   ЕООД. `mapping` — a YAML file that maps your column headers onto kbcore's; `None` reads the usual 1C and English
#   headers.
# - `lang` — the language of the texts, charts and tables: `"bg"` or `"en"`.
# - `start`, `end` — the analysed period as `"YYYY-MM-DD"`; `None` means all the data. `as_of` — the day of the
#   snapshot (the members on that day, the last 12 months up to it); `None` is the last sales day.
# - `currency` — the ISO code of your amounts; `None`: the currency your data names, else the euro.
# - `loyalty_template` — your copy of `data/templates/kpi_loyalty_programme.yaml` with the programme's goals and its
#   real costs; `None` is the template with example values.
# - `months` — over how many recent months the active clients, the active members and the members' share of sales
#   are counted (12).
# - `window` — the months before and after joining of the difference in differences; `None`: the template's (12).
# - `controls` — which non-members may be comparable: `"never"` — only clients who never joined; `"not_yet"` — also
#   those who join only after the member's window.
# - `revenue_bands` — into how many bands of sales before joining the clients are cut for the comparison (4:
#   quartiles; 1: no bands).
# - `active_recent` — in how many of the last months before joining the member and its comparable non-members must
#   have bought (3; 0: no such rule).

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # language of the texts, charts and tables: "bg" or "en"
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period; None means the last date in the data
as_of = None  # the day of the snapshot (members on that day, last months up to it); None means the last sales date
currency = None  # ISO code of your amounts; None: the currency your data names, else the euro
loyalty_template = None  # your copy of data/templates/kpi_loyalty_programme.yaml; None means the example values
months = 12  # the recent months of the active clients, active members and members' share of sales
window = None  # months before and after joining (difference in differences); None means the template's
controls = "never"  # comparable non-members: "never" (never joined) or "not_yet" (also later members)
revenue_bands = 4  # bands of sales before joining to match on (4: quartiles; 1: none)
active_recent = 3  # the member and its controls bought in the last this many months before joining (0: no rule)

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.loyalty_programme import (
    goal_scorecard,
    load_loyalty_template,
    programme_cost,
    programme_effect,
    programme_kpis,
    programme_roi,
)
from kbcore.charts import use_style
from kbcore.charts.loyalty_programme import (
    plot_estimates,
    plot_event_time,
    plot_funnel,
    plot_points,
)
from kbcore.facts import Facts
from kbcore.views import loyalty_programme as lpv
from kbcore.widgets.loyalty_programme import roi_explorer

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
# ## 1. За какво е програмата: целите и показателите, които ги измерват
# Програмата за лоялност не е цел сама по себе си: тя трябва да привлече клиентите, да ги задържи да купуват, да
# увеличи покупките им и да се изплати. Всяка цел се измерва с **един показател** и има **целева стойност** — цел без
# показател не може да се провери (правилото на балансираната система от показатели, Kaplan & Norton, 1996).
#
# Целите по-долу са от шаблона на програмата: примерни цели на дистрибутор на смазочни материали, наш прочит по
# обичайната практика на програмите за лоялност (Kumar & Reinartz, 2018, гл. 11). Заменете ги с целите на вашата
# програма в копие на шаблона.

# %% [markdown] lang="en"
# ## 1. What the programme is for: its goals and the indicators that measure them
# A loyalty programme is not a goal in itself: it should enrol the clients, keep them buying, grow what they buy and
# pay for itself. Each goal is measured by **one indicator** and has a **target** — a goal without an indicator cannot be
# checked (the balanced scorecard's rule, Kaplan & Norton, 1996).
#
# The goals below come from the programme's template: example goals of a lubricants distributor, our reading of the
# usual loyalty-programme practice (Kumar & Reinartz, 2018, ch. 11). Replace them with your programme's goals in a copy
# of the template.

# %%
tpl = load_loyalty_template(loyalty_template)  # the goals and the cost parameters (example values by default)
print(tpl.title.get(lang) or tpl.title["en"])
lpv.goals_plan_table(tpl, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# ## 2. Участие: кой е в програмата
# **Степен на участие** = членовете сред активните клиенти / активните клиенти (купували през последните 12 месеца);
# **дял на неучастващите** = останалите активни клиенти. **Активни членове** = членовете, които са купували през
# последните 12 месеца: член, който не купува, е само карта в портфейла. **Дял на членовете в продажбите** = продажбите
# на сегашните членове / всички продажби за последните 12 месеца.

# %% [markdown] lang="en"
# ## 2. Participation: who is in the programme
# **Participation rate** = members among the active clients / active clients (who bought in the last 12 months);
# **non-participation rate** = the other active clients. **Active members** = the members who bought in the last 12
# months: a member who does not buy is only a card in a wallet. **Members' share of sales** = today's members' sales /
# all sales of the last 12 months.

# %%
kpis = programme_kpis(facts, ds.loyalty, eligible_months=months, active_months=months, share_months=months)
ax = plot_funnel(kpis, lang=lang)
plt.show()
lpv.kpi_table(kpis, lang, currency=money).style.hide(axis="index")

# %%
if "loyalty" in kpis.missing:
    display(Markdown(ui.needs("loyalty_programme.need.loyalty", "loyalty_programme.need.loyalty.how", lang)))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Дела на неучастващите: това са активните клиенти, до които програмата не е стигнала — колко
# са и кои са (големи или малки). Дела на членовете в продажбите спрямо степента на участие: когато по-малко от
# половината клиенти правят повече от половината продажби, в програмата са влезли големите клиенти. Това е добре за
# обхвата, но е и първият знак за самоподбор (раздел 5).
#
# **Какво да направим.** Прегледайте с търговците списъка на активните нечленове: на кого програмата не е предложена
# и на кого не е интересна (и защо). Член, спрял да купува, е сигнал за търговеца, не за програмата.

# %% [markdown] lang="en"
# **What to look at.** The non-participation rate: the active clients the programme has not reached — how many and
# who they are (large or small). The members' share of sales against the participation rate: when fewer than half of
# the clients make more than half of the sales, the large clients are the ones who joined. That is good reach, and the
# first sign of self-selection (section 5).
#
# **What to do about it.** Go through the list of active non-members with the sales reps: to whom was the programme
# never offered, and whom does it not interest (and why)? A member who stopped buying is a signal for the sales rep, not
# for the programme.

# %% [markdown] lang="bg"
# ## 3. Точките: натрупани, използвани, изтекли
# **Степен на използване** = използваните точки / натрупаните: колко от наградите клиентите наистина взимат — точки,
# които никой не използва, не мотивират никого. **Дял на изтеклите точки** = изтеклите неизползвани точки /
# натрупаните: за счетоводителя това е спестен разход, за програмата — знак, че наградите не са интересни или са
# трудно достъпни. **Неизползваните точки** са наградите, които още дължим на членовете: задължение.

# %% [markdown] lang="en"
# ## 3. The points: issued, redeemed, expired
# **Redemption rate** = points redeemed / points issued: how much of the rewards the clients really take — points
# nobody uses motivate nobody. **Breakage** = points expired unused / points issued: to the accountant a saved cost,
# to the programme a sign that the rewards do not interest the members or are hard to reach. The **outstanding
# points** are rewards we still owe the members: a liability.

# %%
ax = plot_points(kpis, lang=lang)
plt.show()
if "loyalty" not in kpis.missing:
    print(lpv.points_note(kpis, lang))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Използваните точки спрямо изтеклите: при степен на използване около половината и дял на
# изтеклите точки над 10 % значителна част от наградите не достига до клиентите. Неизползваните точки: колко биха
# стрували, ако всички бъдат използвани утре (по цената на точка от раздел 4).
#
# **Какво да направим.** Напомнете на членовете с много точки преди да изтекат (търговецът при посещение, писмо);
# проверете кои награди се взимат и кои не, и сменете тези, които не се взимат. Заложете неизползваните точки като
# задължение в бюджета.

# %% [markdown] lang="en"
# **What to look at.** The points redeemed against those expired: with a redemption rate around one half and breakage
# above 10 %, a good part of the rewards never reaches the clients. The outstanding points: what they would cost if all
# were redeemed tomorrow (at the value of a point of section 4).
#
# **What to do about it.** Remind the members with many points before they expire (the sales rep on a visit, a
# letter); check which rewards are taken and which are not, and replace those that are not. Budget the outstanding
# points as a liability.

# %% [markdown] lang="bg"
# ## 4. Колко струва програмата
# Годишните разходи на програмата = използваните точки годишно (досегашният темп, върху сегашните членове) × цената на
# една точка за нас + постоянните разходи (платформа, карти, администрация) + броят членове × разхода за член (пакет
# при присъединяване, писма, обслужване). Стойностите са **примерни**, от шаблона: демонстрационната компания няма
# счетоводство на програмата. Заменете ги с действителните разходи на вашата програма в копие на шаблона.

# %% [markdown] lang="en"
# ## 4. What the programme costs
# The programme's cost a year = the points redeemed a year (the pace so far, applied to today's members) × what a point
# costs us + the fixed cost (platform, cards, administration) + members × the cost per member (welcome pack, letters,
# service). The values are **examples**, from the template: the demo company keeps no accounts of the programme.
# Replace them with your programme's real costs in a copy of the template.

# %%
cost = programme_cost(kpis, value_per_point=tpl.value_per_point, fixed_cost_per_year=tpl.fixed_cost_per_year,
                      cost_per_member_per_year=tpl.cost_per_member_per_year)
lpv.cost_table(cost, lang, currency=money, is_example=tpl.example).style.hide(axis="index")

# %% [markdown] lang="bg"
# ## 5. Ефектът на програмата: наивното сравнение
# Купуват ли членовете повече от нечленовете? Най-простият отговор сравнява продажбите на всеки член за 12 месеца след
# присъединяването му с продажбите на всички нечленове за същите месеци.

# %% [markdown] lang="en"
# ## 5. The programme's effect: the naive comparison
# Do members buy more than non-members? The simplest answer sets each member's sales over the 12 months after joining
# against all non-members' sales in the same months.

# %%
effect = programme_effect(facts, ds.loyalty, ds.clients, window=window or tpl.window_months, controls=controls,
                          revenue_bands=revenue_bands, active_recent=active_recent)
print(lpv.naive_text(effect, lang, currency=money))

# %% [markdown] lang="bg"
# **Защо това не е ефектът на програмата.** Членовете не са случайни клиенти: обикновено се присъединяват тези, които
# и без програмата купуват много и растат — за тях точките са най-много, а търговецът им предлага програмата първи. Тази
# разлика съществува и *преди* присъединяването. Сравнението „членове срещу нечленове“ смесва ефекта на програмата с
# това кой решава да се присъедини (**самоподбор**) и почти винаги го преувеличава. Отчет, който казва „членовете
# купуват с 30 % повече“, още нищо не е доказал.

# %% [markdown] lang="en"
# **Why this is not the programme's effect.** Members are not random clients: those who join are usually the ones who
# buy a lot and grow without the programme — they earn the most points, and the sales rep offers them the programme first.
# The gap exists *before* they join too. Comparing members with non-members mixes the programme's effect with who
# chooses to join (**self-selection**), and nearly always overstates it. A report saying "members buy 30 % more" has
# proven nothing yet.

# %% [markdown] lang="bg"
# ## 6. Ефектът на програмата: разлика в разликите
# Честното сравнение пита: с колко *се промениха* покупките на члена след присъединяването, в сравнение с това как
# се промениха за същите месеци покупките на **сравними нечленове**? За всеки член:
#
# - неговата промяна = продажбите му за 12 месеца след присъединяването − продажбите за 12 месеца преди това;
# - промяната на сравнимите нечленове за същите месеци: клиенти, които никога не са се присъединили, от същия сегмент
#   и от същата четвъртина по продажби преди присъединяването; и членът, и те са купували през последните 3 месеца
#   преди присъединяването (купуващ клиент се сравнява с купуващи клиенти, не с вече загубени);
# - ефектът при члена = неговата промяна − промяната на сравнимите нечленове.
#
# Ефектът на програмата е средното от ефектите при членовете, с 95 % доверителен интервал (t-разпределение на
# Стюдънт). Методът премахва постоянното ниво на всеки клиент (големият си остава голям) и общото за месеца (пазар,
# сезон); допуска, че без програмата членовете биха се движили като сравнимите нечленове (Angrist & Pischke, 2009,
# гл. 5; за присъединяване по различно време — Callaway & Sant'Anna, 2021; нашият вариант е опростеният, със
# сравнение по двойки групи).

# %% [markdown] lang="en"
# ## 6. The programme's effect: the difference in differences
# The fair comparison asks: by how much did the member's purchases *change* after joining, against how the purchases of
# **comparable non-members** changed in the same months? For each member:
#
# - its change = its sales over the 12 months after joining − its sales over the 12 months before;
# - the change of its comparable non-members in the same months: clients who never joined, of the same segment and the
#   same quarter by sales before the member joined; the member and they all bought in the last 3 months before joining
#   (a buying client is compared with buying clients, not with clients already lost);
# - the member's effect = its change − the comparable non-members' change.
#
# The programme's effect is the mean of the members' effects, with a 95 % confidence interval (Student's t). The method
# removes each client's constant level (the large one stays large) and what is common to the month (market, season);
# it assumes that without the programme the members would have moved like their comparable non-members (Angrist &
# Pischke, 2009, ch. 5; for joining at different times, Callaway & Sant'Anna, 2021; ours is the simple matched
# version).

# %%
if "loyalty" not in effect.missing:
    print(lpv.excluded_text(effect, lang))
    print()
print(lpv.effect_text(effect, lang, currency=money))
lpv.effect_table(effect, lang, currency=money).style.hide(axis="index")

# %%
if "loyalty" in effect.missing:
    display(Markdown(ui.needs("loyalty_programme.need.loyalty", "loyalty_programme.need.loyalty.how", lang)))
elif "clients" in effect.missing:
    display(Markdown(ui.needs("loyalty_programme.need.clients", "loyalty_programme.need.clients.how", lang)))

# %% [markdown] lang="bg"
# Членовете и сравнимите им нечленове месец по месец около присъединяването (0 е месецът на присъединяване). Преди
# него двете линии трябва да вървят успоредно — на различно ниво, но с един и същ ход: тогава сравнението е честно.
# След него разстоянието между тях е ефектът на програмата.

# %% [markdown] lang="en"
# The members and their comparable non-members month by month around joining (0 is the joining month). Before it the
# two lines should run in parallel — at different levels, but with the same course: then the comparison is fair. After
# it, the distance between them is the programme's effect.

# %%
ax = plot_event_time(effect, currency=money, lang=lang)
plt.show()

# %%
ax = plot_estimates(effect, currency=money, lang=lang)
plt.show()

# %% [markdown] lang="bg"
# **На какво да гледаме.** Двете оценки една до друга: наивната е много по-голяма от разликата в разликите и лежи над
# доверителния ѝ интервал — разликата между тях е самоподборът. Долната граница на интервала: ако е над нулата,
# ефектът едва ли е случаен; ако интервалът включва нулата, данните не могат да го отличат от случайността. Ширината
# на интервала: с няколкостотин членове ефектът се измерва грубо (в демонстрационната компания — от около +3 % до
# около +24 % при заложени в данните +12 %). На диаграмата по месеци: вървят ли линиите успоредно преди
# присъединяването?
#
# **Какво да направим.** Отчитайте ефекта на програмата с разлика в разликите и с интервала му, не с наивното
# сравнение. Ако интервалът включва нулата, не казвайте „програмата работи“ — казвайте „още не знаем“, и съберете
# повече данни (повече членове, по-дълъг период).

# %% [markdown] lang="en"
# **What to look at.** The two estimates side by side: the naive one is far larger than the difference in differences
# and lies above its confidence interval — the gap between them is self-selection. The interval's lower end: above
# zero, the effect is unlikely to be chance; an interval that includes zero means the data cannot tell the effect from
# chance. The interval's width: with a few hundred members the effect is measured roughly (at the demo company from
# about +3 % to about +24 %, with +12 % planted in the data). On the monthly chart: do the lines run in parallel before
# joining?
#
# **What to do about it.** Report the programme's effect as a difference in differences with its interval, not as the
# naive comparison. If the interval includes zero, do not say "the programme works" — say "we do not know yet", and
# gather more data (more members, a longer period).

# %% [markdown] lang="bg"
# ## 7. Допълнителни продажби, марж и възвръщаемост
# Ефектът на член за 12 месеца × сегашните членове = **допълнителните продажби годишно**; по брутния марж на членовете
# (от себестойността в продажбите; без нея — приетият дял от шаблона, обозначен като допускане) това е
# **допълнителният марж**. **Възвръщаемост** = (допълнителен марж − разходи за програмата) / разходи; същото при двете
# граници на доверителния интервал на ефекта дава обхвата ѝ.

# %% [markdown] lang="en"
# ## 7. Incremental sales, margin and the return
# The effect per member over 12 months × today's members = the **incremental sales a year**; at the members' gross
# margin rate (from the cost of goods in the sales; without it, the template's assumed rate, flagged as an assumption)
# that is the **incremental margin**. **Return (ROI)** = (incremental margin − programme cost) / cost; the same at the
# two ends of the effect's confidence interval gives its range.

# %%
roi = programme_roi(effect, kpis, cost, margin_rate=tpl.margin_rate)
print(lpv.roi_text(roi, lang, currency=money, is_example=tpl.example))

# %% [markdown] lang="bg"
# **На какво да гледаме.** Обхвата на възвръщаемостта, не само средната ѝ стойност: при широк интервал на ефекта
# програмата може и да губи пари. Разходите са примерни: с вашите разходи числото ще е друго.
#
# **Какво да направим.** Въведете действителните разходи в шаблона. Преди да разширявате програмата, проверете дали
# долната граница на възвръщаемостта е над нулата; ако не е, променете програмата (по-евтини награди, по-малко изтекли
# точки, по-добре насочено предлагане) и измерете отново след година.

# %% [markdown] lang="en"
# **What to look at.** The range of the return, not only its middle: with a wide interval of the effect the programme
# may lose money. The costs are examples: with your costs the figure will be different.
#
# **What to do about it.** Put the real costs in the template. Before extending the programme, check whether the lower
# end of the return is above zero; if not, change the programme (cheaper rewards, fewer expired points, a better aimed
# offer) and measure again after a year.

# %% [markdown] lang="bg"
# **Опитайте.** Сменете периода преди и след присъединяването, цената на точката и разходите: как се променят ефектът,
# интервалът му и възвръщаемостта? (Плъзгачът и полетата работят в JupyterLab; в отчета са числата по-горе.)

# %% [markdown] lang="en"
# **Try it.** Change the window before and after joining, the value of a point and the costs: how do the effect, its
# interval and the return change? (The slider and the fields work in JupyterLab; a report shows the figures above.)

# %% tags=["widget"]
roi_explorer(facts, ds.loyalty, kpis, ds.clients, template=tpl, window=window or tpl.window_months, controls=controls,
             revenue_bands=revenue_bands, active_recent=active_recent, currency=money, lang=lang)

# %% [markdown] lang="bg"
# ## 8. Постигнати ли са целите на програмата?
# Всяка цел от раздел 1 с измерената стойност на показателя ѝ и целевата стойност.

# %% [markdown] lang="en"
# ## 8. Are the programme's goals reached?
# Each goal of section 1 with its indicator's measured value and its target.

# %%
scorecard = goal_scorecard(tpl, kpis, cost=cost, effect=effect, roi=roi)
lpv.goals_table(scorecard, lang, currency=money).style.hide(axis="index")

# %% [markdown] lang="bg"
# **На какво да гледаме.** Целите, измерени с показатели на обхвата (участие, активни членове, дял в продажбите), се
# постигат лесно — големите клиенти се присъединяват сами. Истинският въпрос са целите на ефекта и на
# възвръщаемостта: те се мерят с разликата в разликите, не с наивното сравнение, и зависят от действителните разходи.
#
# **Какво да направим.** Поставете за всяка цел собствен показател и целева стойност, и преглеждайте таблицата
# веднъж годишно. Цел, постигната само по наивното сравнение, не е постигната.

# %% [markdown] lang="en"
# **What to look at.** The goals measured by reach (participation, active members, share of sales) are easily met —
# the large clients join by themselves. The real question are the goals of effect and return: they are measured by the
# difference in differences, not the naive comparison, and depend on the real costs.
#
# **What to do about it.** Give each goal its own indicator and target, and review the table once a year. A goal met
# only by the naive comparison is not met.

# %% [markdown] lang="bg"
# ## Ключови показатели на тема 8

# %% [markdown] lang="en"
# ## Key figures of topic 8

# %% tags=["key-figures"]
figures = lpv.loyalty_programme_figures(kpis, lang, currency=money, cost=cost, effect=effect, roi=roi,
                                        is_example=tpl.example)
ui.key_figures_table(figures, lang).style.hide(axis="index")

# %% [markdown] lang="bg"
# **Следва:** упражненията по темата са в нейната тетрадка с упражнения (отговорите на водещия — в тетрадката с
# решенията).

# %% [markdown] lang="en"
# **Next:** the exercises of this topic are in its exercise workbook (the trainer's answers in its solution workbook).
