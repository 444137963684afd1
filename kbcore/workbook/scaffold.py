"""``kbcore new-block``: the sources of a new block, in the house's anatomy, with one working example.

    kbcore new-block kb 3 client_audit --title "Audit of the customer base"

``PROGRAM`` is ``kb`` (or ``000``, "Customer base and key clients") or ``kpi`` (or ``004``, "Key
performance indicators"); ``NN`` the block's number in the seminar's program (1–99); ``name`` the
base name of the block's modules (lower case, digits, ``_``). It writes, for program ``kb``
(``P`` = the program's folder, ``M`` = ``blockNN`` for ``kb`` and ``kpiNN`` for ``kpi``):

=========================================  ===================================================
``notebooks/P/NN_name.py``                 the block notebook: title, "what you will see", the
                                           ``parameters`` cell, load + ``Facts.of``, one section,
                                           the ``key-figures`` cell
``solutions/P/NN_name.py``                 the exercise workbook with its answer (one exercise)
``kbcore/analyses/name.py``                :func:`revenue_by_year` (facts in, a table out)
``kbcore/views/name.py``                   its table and the block's key figures, for people
``kbcore/charts/name.py``                  its chart (layout only)
``kbcore/locale/M.yaml``                   the texts of the view and the chart (en, ru, bg)
``kbcore/locale/exercises_M.yaml``         the exercise's hint in three steps (en, ru, bg)
``kbcore/workbook/answers/M.py``           the exercise's expected answer (found on disk)
``tests/test_name.py``                     hand-computed tests of the analysis, view and chart
=========================================  ===================================================

The example (revenue, gross margin, orders and buying clients per year, from
``facts.periods("year")``) runs on the demo company and on any company's sales, so the new
block builds, runs and passes its tests before anything else is written; the author then
replaces it with the block's own analyses. Exercise ids are ``"N.1"`` for program 000 and
``"kpiN.1"`` for program 004, so the two programs' ids never collide.

Nothing is ever overwritten: when a file exists, the block's number is taken in its program,
or a catalogue id the block would define exists already, :func:`new_block` raises
:class:`ScaffoldError` naming every problem, and writes nothing. The derived notebooks
(``.ipynb``, ``exercises/``) are not written here: ``kbcore build`` writes them.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from kbcore.paths import PROJECT_DIR
from kbcore.yamlfile import load_yaml

__all__ = ["PROGRAMS", "Block", "Program", "ScaffoldError", "block", "new_block", "next_steps", "planned"]


class ScaffoldError(ValueError):
    """The block cannot be created as asked (bad arguments, or it would overwrite something)."""


@dataclass(frozen=True)
class Program:
    """A seminar program: its folder under ``notebooks/``, its code, and how its blocks are named."""

    folder: str
    code: str
    seminar: str
    module_prefix: str
    """``blockNN`` / ``kpiNN``: the block's answers module and locale files."""
    id_prefix: str
    """Put before the block's number in exercise ids: ``"1.1"`` (000), ``"kpi1.1"`` (004)."""
    lang_note: str
    money_note: str
    langs: tuple[str, ...]
    """The languages its workbooks exist in: the one it is taught in first, then English."""
    demo: str = "ru"
    """Its demo company (``kbcore.load(None, demo=…)``): ``"ru"`` (data/demo) or ``"bg"`` (data/demo_bg)."""


PROGRAMS = {
    "kb": Program("kb", "000", "Customer base and key clients: audit, creation, management",
                  "block", "", '"en" or "ru": language of charts and tables', "in roubles",
                  ("ru", "en")),
    "kpi": Program("kpi", "004", "Key performance indicators", "kpi", "kpi",
                   '"en", "ru" or "bg": language of charts and tables (texts without a Bulgarian '
                   "translation show in English)", "in the data's currency", ("bg", "en"), "bg"),
}
"""The two programs by folder; ``000`` and ``004`` are accepted for them too."""
_ALIASES = {"000": "kb", "004": "kpi"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Block:
    """What a new block is called everywhere."""

    program: Program
    number: int
    name: str
    title: str

    @property
    def nn(self) -> str:
        """The block number on two digits (``"01"``)."""
        return f"{self.number:02d}"

    @property
    def stem(self) -> str:
        """``NN_name``: the notebooks' file name."""
        return f"{self.nn}_{self.name}"

    @property
    def module(self) -> str:
        """``blockNN`` or ``kpiNN``: the answers module and the locale files."""
        return f"{self.program.module_prefix}{self.nn}"

    @property
    def exercise_id(self) -> str:
        """The id of the block's first exercise (``<prefix><number>.1``)."""
        return f"{self.program.id_prefix}{self.number}.1"

    @property
    def hint_id(self) -> str:
        """The catalogue prefix of the first exercise's hint steps (``ex.<exercise_id>.hint``: ``.1`` … ``.3``)."""
        return f"ex.{self.exercise_id}.hint"


def block(program: str, number, name: str, title: str | None = None) -> Block:
    """Check the arguments of ``kbcore new-block`` and name the block (ScaffoldError if wrong)."""
    problems = []
    folder = _ALIASES.get(str(program), str(program))
    if folder not in PROGRAMS:
        problems.append(f"PROGRAM must be kb (000) or kpi (004), not {program!r}")
    try:
        nn = int(str(number), 10)
    except ValueError:
        nn = 0
    if not 1 <= nn <= 99:
        problems.append(f"NN must be the block's number, 1 to 99, not {number!r}")
    if not _NAME.match(str(name)) or keyword.iskeyword(str(name)):
        problems.append(f"name must be a module name (lower-case letters, digits, _; starting with a "
                        f"letter; not a Python keyword), such as client_audit, not {name!r}")
    if problems:
        raise ScaffoldError("kbcore new-block: " + "; ".join(problems) + ".")
    title = (title or name.replace("_", " ")).strip()
    return Block(PROGRAMS[folder], nn, name, title[:1].upper() + title[1:])


def _values(b: Block) -> dict[str, str]:
    p = b.program
    return {"name": b.name, "nn": b.nn, "number": str(b.number), "prog": p.folder, "code": p.code,
            "seminar": p.seminar, "title": b.title, "stem": b.stem, "module": b.module,
            "ex_id": b.exercise_id, "hint_id": b.hint_id, "lang_note": p.lang_note,
            "money_note": p.money_note,
            "load_args": "data, mapping" if p.demo == "ru" else f'data, mapping, demo="{p.demo}"',
            "demo_args": "" if p.demo == "ru" else f'demo="{p.demo}"'}


def planned(b: Block) -> dict[str, str]:
    """The files of block ``b`` (paths relative to the project, ``/``-separated) and their text."""
    v = _values(b)
    files = {
        f"notebooks/{b.program.folder}/{b.stem}.py": _NOTEBOOK,
        f"solutions/{b.program.folder}/{b.stem}.py": _SOLUTIONS,
        f"kbcore/analyses/{b.name}.py": _ANALYSIS,
        f"kbcore/views/{b.name}.py": _VIEW,
        f"kbcore/charts/{b.name}.py": _CHART,
        f"kbcore/locale/{b.module}.yaml": _LOCALE,
        f"kbcore/locale/exercises_{b.module}.yaml": _EXERCISES_LOCALE,
        f"kbcore/workbook/answers/{b.module}.py": _ANSWERS,
        f"tests/test_{b.name}.py": _TEST,
    }
    sources = (f"notebooks/{b.program.folder}/{b.stem}.py", f"solutions/{b.program.folder}/{b.stem}.py")
    return {path: Template(_only_langs(text, b.program.langs) if path in sources else text).substitute(v)
            for path, text in files.items()}


def _catalogue_ids(root: Path) -> set[str]:
    ids: set[str] = set()
    for path in sorted((root / "kbcore" / "locale").glob("*.yaml")):
        ids |= set(load_yaml(path.read_text(encoding="utf-8")) or {})
    return ids


def _problems(b: Block, files: dict[str, str], root: Path) -> list[str]:
    problems = [f"{rel} exists" for rel in files if (root / rel).exists()]
    for folder in ("notebooks", "solutions"):
        taken = sorted((root / folder / b.program.folder).glob(f"{b.nn}_*.py"))
        problems += [f"block {b.number} of program {b.program.code} exists: "
                     f"{p.relative_to(root).as_posix()}" for p in taken
                     if p.relative_to(root).as_posix() not in files]
    ours = set()
    for rel, text in files.items():
        if rel.endswith(".yaml"):
            ours |= set(load_yaml(text))
    clash = sorted(ours & _catalogue_ids(root))
    if clash:
        problems.append(f"catalogue ids already defined in kbcore/locale/: {', '.join(clash)} "
                        f"(choose another name or number)")
    return problems


def new_block(program: str, number, name: str, *, title: str | None = None,
              root=PROJECT_DIR) -> list[Path]:
    """Write the sources of a new block (see the module docstring); return the files written.

    Parameters
    ----------
    program : str
        ``"kb"`` / ``"000"`` or ``"kpi"`` / ``"004"``.
    number : int or str
        The block's number in the program, 1–99.
    name : str
        Base name of the block's modules, e.g. ``"client_audit"``.
    title : str, optional
        The block's title in English as the program words it; default: the name in words.
    root : path
        The project folder; default the one :mod:`kbcore.paths` resolves (``KB_PROJECT_DIR``).

    Raises
    ------
    ScaffoldError
        Bad arguments, or any file or catalogue id the block would write exists already;
        nothing is written then.
    """
    root = Path(root).resolve()
    b = block(program, number, name, title)
    files = planned(b)
    problems = _problems(b, files, root)
    if problems:
        raise ScaffoldError("kbcore new-block: nothing was written, because\n  - "
                            + "\n  - ".join(problems))
    written = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
        written.append(path)
    return written


def next_steps(b: Block, written: list[Path], root=PROJECT_DIR) -> str:
    """What the author does after :func:`new_block`, as the command prints it."""
    root = Path(root).resolve()
    rel = [p.relative_to(root).as_posix() for p in written]
    first = b.program.langs[0]
    nb = f"notebooks/{b.program.folder}/{first}/{b.stem}.ipynb"
    sol = f"solutions/{b.program.folder}/{first}/{b.stem}.ipynb"
    langs = ", ".join(b.program.langs)
    lines = [f"Created block {b.number} of program {b.program.code} ({b.program.folder}), "
             f"\"{b.title}\":", *[f"  {r}" for r in rel], "", "Next:",
             f"  1. kbcore build            # writes the workbooks in {langs}: {nb}, {sol},",
             f"                             # exercises/{b.program.folder}/{first}/{b.stem}.ipynb and the others",
             f"  2. python -m pytest -q tests/test_{b.name}.py",
             f"     python -m pytest -q --nbval-lax {nb} {sol}",
             f"  3. Replace the example (revenue_by_year) with the block's analyses in kbcore/analyses/{b.name}.py,",
             f"     their texts in kbcore/views/{b.name}.py and charts in kbcore/charts/{b.name}.py; every text in",
             f"     kbcore/locale/{b.module}.yaml (en, ru and bg); each text cell of the sources in {langs}",
             "     (its translation right after it); exercises in solutions/, their answers in",
             f"     kbcore/workbook/answers/{b.module}.py; hand-computed tests in tests/test_{b.name}.py.",
             "  4. ruff check kbcore tests notebooks solutions && lint-imports && kbcore build --check,",
             "     add the block to README.md, and commit the sources with the generated notebooks.",
             "  The recipe, step by step: CONTRIBUTING.md, \"Add a block\"."]
    return "\n".join(lines)


# --- templates (string.Template: $name, ${name}) -------------------------------------------------

_NOTEBOOK = """\
# %% [markdown] lang="en"
# # Block $number · $title
# *(seminar "$seminar", program $code)*
#
# **What you will see**
# - Revenue, gross margin and orders, year by year, and how many clients bought each year.
# - The key figures of the last year, with what your data cannot tell said plainly.

# %% [markdown] lang="ru"
# # Блок $number · $title
# *(семинар «$seminar», программа $code)*
#
# **Что вы увидите**
# - Выручку, валовую прибыль и число заказов по годам и сколько клиентов покупали в каждом году.
# - Ключевые показатели последнего года; чего ваши данные сказать не могут, сказано прямо.

# %% [markdown] lang="bg"
# # Блок $number · $title
# *(семинар „$seminar“, програма $code)*
#
# **Какво ще видите**
# - Приходите от продажби, брутната печалба и поръчките по години и колко клиенти са купували всяка година.
# - Ключовите показатели за последната година; каквото данните ви не могат да кажат, е казано ясно.

# %% [markdown] lang="en" tags=["remove"]
# > **For the author** (delete this cell): `kbcore new-block` wrote this notebook with one working example,
# > revenue per year. Replace it with the block's own questions, section by section: the question → one
# > `kbcore` call → a table or chart → what to look at → what to do about it. Every text cell has its
# > translation right after it. See CONTRIBUTING.md.

# %% [markdown] lang="ru" tags=["remove"]
# > **Автору** (удалите эту ячейку): `kbcore new-block` создал эту тетрадь с одним работающим примером —
# > выручкой по годам. Замените его вопросами блока, раздел за разделом: вопрос → один вызов `kbcore` →
# > таблица или график → на что смотреть → что с этим делать. Перевод каждой текстовой ячейки идёт сразу
# > за ней. См. CONTRIBUTING.md.

# %% [markdown] lang="bg" tags=["remove"]
# > **За автора** (изтрийте тази клетка): `kbcore new-block` създаде тази тетрадка с един работещ пример —
# > приходите по години. Заменете го с въпросите на блока, раздел по раздел: въпрос → едно извикване на
# > `kbcore` → таблица или графика → какво да гледаме → какво да правим. Преводът на всяка текстова клетка
# > е веднага след нея. Вижте CONTRIBUTING.md.

# %% [markdown] lang="en" tags=["remove"]
# **Parameters.** `data`: your company's exports (a folder or a file; `None` is the demo company);
# `mapping`: a file that names your columns; `start`, `end`: the period ("YYYY-MM-DD"); `years`: how many
# of the last years the table and the chart show.

# %% [markdown] lang="ru" tags=["remove"]
# **Параметры.** `data` — выгрузки вашей компании (папка или файл; `None` — демо-компания); `mapping` —
# файл с названиями ваших столбцов; `start`, `end` — период («ГГГГ-ММ-ДД»); `years` — сколько последних
# лет показывают таблица и график.

# %% [markdown] lang="bg" tags=["remove"]
# **Параметри.** `data` — експортите на вашата фирма (папка или файл; `None` е демонстрационната фирма);
# `mapping` — файл с имената на вашите колони; `start`, `end` — периодът („ГГГГ-ММ-ДД“); `years` — колко
# от последните години показват таблицата и графиката.

# %% tags=["parameters"]
data = None  # folder or file with your company's exports; None means the demo company
mapping = None  # YAML file mapping your headers to canonical columns; None means built-in 1C/English headers
lang = "en"  # $lang_note
start = None  # first date of the analysed period, "YYYY-MM-DD"; None means all data
end = None  # last date of the analysed period, "YYYY-MM-DD"; None means the last date in the data
# the block's own parameters
years = 5  # how many of the last years the table and the chart show

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import kbcore
from kbcore import views as ui
from kbcore.analyses.$name import revenue_by_year
from kbcore.charts import use_style
from kbcore.charts.$name import plot_revenue_by_year
from kbcore.facts import Facts
from kbcore.views.$name import key_figures, revenue_table

use_style()

# %% [markdown] lang="en"
# ## Load the data
# One call reads the company's files (or the demo company), maps the headers onto the canonical tables and
# checks them: the data-quality report below says what was read, what was dropped and why, and what is missing.
# Then the sales lines are reduced once to facts that every analysis of this block takes.

# %% [markdown] lang="ru"
# ## Загрузка данных
# Один вызов читает файлы компании (или демо-компанию), сопоставляет заголовки со стандартными таблицами и
# проверяет их: отчёт о качестве данных ниже говорит, что прочитано, что отброшено и почему, чего не хватает.
# Затем строки продаж один раз сводятся в показатели, которые берёт каждый анализ блока.

# %% [markdown] lang="bg"
# ## Зареждане на данните
# Едно извикване чете файловете на фирмата (или демонстрационната фирма), съпоставя заглавията със стандартните
# таблици и ги проверява: отчетът за качеството на данните по-долу казва какво е прочетено, какво е отхвърлено и
# защо, какво липсва. След това редовете на продажбите се обобщават веднъж в показатели за всеки анализ на блока.

# %%
ds = kbcore.load($load_args)
facts = Facts.of(ds, start=start, end=end)
print(ui.loaded_summary(ds, lang))
ui.quality_report(ds, lang)

# %% [markdown] lang="en"
# ## 1. Does the business grow with its clients?
# Revenue, gross margin (revenue minus the cost of goods) and orders per year, and the number of clients who
# bought that year.

# %% [markdown] lang="ru"
# ## 1. Растёт ли бизнес вместе с клиентами?
# Выручка, валовая прибыль (выручка минус себестоимость) и заказы по годам и число клиентов, покупавших в
# этом году.

# %% [markdown] lang="bg"
# ## 1. Расте ли бизнесът заедно с клиентите?
# Приходи, брутна печалба (приходи минус себестойност) и поръчки по години и броят на клиентите, купували
# през годината.

# %%
by_year = revenue_by_year(facts, years=years)
revenue_table(by_year, lang)

# %%
ax = plot_revenue_by_year(by_year, lang=lang)
plt.show()

# %%
if not ds.has("sales", "cost"):
    display(Markdown(ui.needs("need.cost", "need.cost.how", lang)))

# %% [markdown] lang="en"
# **What to look at.** Whether revenue and the number of buying clients move together. Revenue that grows while
# the clients stay as many means each client buys more; more clients with the same revenue means smaller ones.
#
# **What to do about it.** Set next year's goals in both: the clients to keep and to win, and the revenue per
# client.

# %% [markdown] lang="ru"
# **На что смотреть.** Движутся ли вместе выручка и число покупающих клиентов. Выручка растёт, а клиентов
# столько же — каждый клиент покупает больше; клиентов больше при той же выручке — клиенты мельче.
#
# **Что с этим делать.** Ставьте цели на следующий год по обоим: каких клиентов удержать и привлечь и какая
# выручка на клиента.

# %% [markdown] lang="bg"
# **Какво да гледаме.** Дали приходите и броят на купуващите клиенти се движат заедно. Приходите растат, а
# клиентите са толкова — всеки клиент купува повече; повече клиенти при същите приходи — по-малки клиенти.
#
# **Какво да правим.** Поставете целите за следващата година и по двете: кои клиенти да задържим и спечелим и
# какви приходи на клиент.

# %% [markdown] lang="en"
# ## Key figures of block $number

# %% [markdown] lang="ru"
# ## Ключевые показатели блока $number

# %% [markdown] lang="bg"
# ## Ключови показатели на блок $number

# %% tags=["key-figures"]
key_figures(by_year, has_cost=ds.has("sales", "cost"), lang=lang).style.hide(axis="index")

# %% [markdown] lang="en" tags=["remove"]
# **Next:** the exercises of this block are in `exercises/$prog/en/$stem.ipynb` (the trainer's answers are in
# `solutions/$prog/en/$stem.ipynb`).

# %% [markdown] lang="ru" tags=["remove"]
# **Дальше:** упражнения блока — в `exercises/$prog/ru/$stem.ipynb` (ответы для тренера — в
# `solutions/$prog/ru/$stem.ipynb`).

# %% [markdown] lang="bg" tags=["remove"]
# **Нататък:** упражненията на блока са в `exercises/$prog/bg/$stem.ipynb` (отговорите за водещия са в
# `solutions/$prog/bg/$stem.ipynb`).
"""

_SOLUTIONS = """\
# %% [markdown] lang="en"
# # Block $number · Exercises · $title
#
# Exercises on the demo company, so that everybody in the room gets the same right answer. Most need no
# programming: read a figure in a table or chart, or change one setting and run the cell again, then type
# what you read in place of the `...`. The check under it tells you at once whether you are right and, if not
# yet, gives a hint, one step more at each try. Exercises marked "for the analyst" are optional.

# %% [markdown] lang="ru"
# # Блок $number · Упражнения · $title
#
# Упражнения на демо-компании, чтобы у всех в зале был один и тот же правильный ответ. Большинство не требует
# программирования: найдите число в таблице или на графике либо измените одну настройку и выполните ячейку
# заново, а затем впишите прочитанное вместо `...`. Проверка под ним сразу скажет, верно ли, а если пока нет —
# даст подсказку, с каждой попыткой на шаг подробнее. Упражнения с пометкой «для аналитика» — по желанию.

# %% [markdown] lang="bg"
# # Блок $number · Упражнения · $title
#
# Упражнения върху демонстрационната фирма, за да има всеки в залата един и същ верен отговор. Повечето не
# изискват програмиране: намерете числото в таблица или графика или променете една настройка и изпълнете
# клетката отново, след това въведете прочетеното на мястото на `...`. Проверката под него веднага казва дали е
# вярно, а ако още не е — дава подсказка, с всеки опит с една стъпка по-подробна. Упражненията с бележка
# „за анализатора“ не са задължителни.

# %%
import kbcore
from kbcore.analyses.$name import revenue_by_year
from kbcore.facts import Facts
from kbcore.workbook import check, set_lang

lang = "en"  # language of the texts, the tables and the verdicts
set_lang(lang)
ds = kbcore.load($demo_args)  # the demo company
facts = Facts.of(ds)
by_year = revenue_by_year(facts)
by_year

# %% [markdown] lang="en"
# ## Exercise $ex_id · Revenue of the last year
# What was the demo company's revenue in its last year, $money_note? Read it in the table above (the last row)
# and type it in place of the `...`, digits only (for example `revenue_last_year = 1250000`).

# %% [markdown] lang="ru"
# ## Упражнение $ex_id · Выручка последнего года
# Какой была выручка демо-компании в последнем году? Найдите её в таблице выше (последняя строка) и впишите
# вместо `...` одними цифрами (например, `revenue_last_year = 1250000`).

# %% [markdown] lang="bg"
# ## Упражнение $ex_id · Приходи през последната година
# Какви са приходите на демонстрационната фирма през последната година? Вижте ги в таблицата по-горе (последният
# ред) и ги въведете на мястото на `...` само с цифри (например `revenue_last_year = 1250000`).

# %%
revenue_last_year = by_year["revenue"].iloc[-1]  # SOLUTION
check("$ex_id", revenue_last_year)

# %% [markdown] lang="en" tags=["discussion"]
# **To discuss:** is the last year's revenue a good sign? What would you look at before saying so?
#
# <details><summary>Check yourself</summary>
#
# - Compare it with the years before: one year alone says little.
# - Revenue without margin can hide growth bought with discounts.
# - A last year that is not complete (a few months only) cannot be compared with full years.
# </details>

# %% [markdown] lang="ru" tags=["discussion"]
# **Обсудите:** выручка последнего года — хороший знак? На что вы посмотрели бы, прежде чем так сказать?
#
# <details><summary>Проверьте себя</summary>
#
# - Сравните её с предыдущими годами: один год сам по себе мало что говорит.
# - Выручка без валовой прибыли может скрывать рост, купленный скидками.
# - Неполный последний год (всего несколько месяцев) нельзя сравнивать с полными годами.
# </details>

# %% [markdown] lang="bg" tags=["discussion"]
# **За обсъждане:** добър знак ли са приходите през последната година? Какво бихте погледнали, преди да го кажете?
#
# <details><summary>Проверете се</summary>
#
# - Сравнете ги с предишните години: една година сама по себе си казва малко.
# - Приходите без брутната печалба могат да скрият ръст, купен с отстъпки.
# - Непълна последна година (само няколко месеца) не може да се сравнява с пълните години.
# </details>
"""


_CELL_LANG = re.compile(r'^# %%[^\n]* lang="([a-z]{2})"')


def _only_langs(text: str, langs: tuple[str, ...]) -> str:
    """A source template without the text cells of languages its program is not written in."""
    cells = re.split(r"\n(?=# %%)", text)
    kept = [c for c in cells if (m := _CELL_LANG.match(c)) is None or m.group(1) in langs]
    return "\n".join(kept).replace("\n\n\n", "\n\n")


_ANALYSIS = '''\
"""Block $number · $title: the block's analyses — numbers, ids and tables, no text for people.

Started by ``kbcore new-block`` with one example, :func:`revenue_by_year`; replace it with the
block's own analyses. Each is a pure function: the notebook's :class:`~kbcore.facts.Facts` first,
explicit parameters after it, a table out; it never reads files, plots, prints or takes ``lang``.
What people read is in :mod:`kbcore.views.$name`, the charts in :mod:`kbcore.charts.$name`.
"""

from __future__ import annotations

import pandas as pd

from kbcore.facts import Facts

__all__ = ["BY_YEAR_COLUMNS", "revenue_by_year"]

BY_YEAR_COLUMNS = ["year", "clients", "orders", "revenue", "gross_margin"]
"""The columns of :func:`revenue_by_year`, in order."""


def revenue_by_year(facts: Facts, *, years: int | None = None) -> pd.DataFrame:
    """Revenue, gross margin, orders and buying clients per calendar year.

    Parameters
    ----------
    facts : Facts
        The facts of the notebook's period; read through ``facts.periods("year")``.
    years : int, optional
        Keep only the last ``years`` years with sales (at least 1); all of them when None.

    Returns
    -------
    DataFrame
        One row per year with at least one sales line, oldest first (:data:`BY_YEAR_COLUMNS`):
        ``year`` (int); ``clients``, the clients with at least one order that year; ``orders``,
        Σ orders (distinct shipment documents); ``revenue``, Σ net revenue (returns are negative
        lines); ``gross_margin``, Σ (revenue − cost), NaN when no line of the year has a cost.
        Empty (with these columns) when the period has no sales.

    Notes
    -----
    revenue_y = Σ_c revenue_(c,y) and clients_y = #{c : orders_(c,y) > 0}, over the facts per
    client and year; :mod:`kbcore.facts.reduce` defines each measure. Plain accounting
    definitions, no model.
    """
    if years is not None and years < 1:
        raise ValueError(f"years must be at least 1, not {years!r}")
    per = facts.periods("year")
    grouped = per.assign(buying=per["orders"] > 0).groupby("period", sort=True)
    out = pd.DataFrame({
        "clients": grouped["buying"].sum(),
        "orders": grouped["orders"].sum(),
        "revenue": grouped["revenue"].sum(),
        "gross_margin": grouped["gross_margin"].sum(min_count=1),
    }).rename_axis("year").reset_index()
    out = out.astype({"year": "int64", "clients": "int64", "orders": "int64",
                      "revenue": "float64", "gross_margin": "float64"})
    if years is not None:
        out = out.tail(years)
    return out[BY_YEAR_COLUMNS].reset_index(drop=True)
'''

_VIEW = '''\
"""Block $number · $title: the block's results in the people's words.

Texts from the catalogue (``kbcore/locale/$module.yaml``), numbers formatted by Babel for
``lang``; key figures through :mod:`kbcore.views.figures`, so that a figure the company's data
cannot give is shown as missing, never as a number. Nothing here computes what a reader would
need to check: that is :mod:`kbcore.analyses.$name`.
"""

from __future__ import annotations

import math

import pandas as pd

from kbcore.i18n import fmt_money, t, tn
from kbcore.views.display import styled
from kbcore.views.figures import Figure, key_figures_table, missing

__all__ = ["key_figures", "revenue_table"]


def revenue_table(by_year: pd.DataFrame, lang: str = "en"):
    """:func:`~kbcore.analyses.$name.revenue_by_year` for people.

    Headers in ``lang``, money and counts in the locale's format, a gross margin the data cannot
    give as "—".
    """
    return styled(by_year, lang, max_rows=None)


def key_figures(by_year: pd.DataFrame, *, has_cost: bool, lang: str = "en") -> pd.DataFrame:
    """The block's key figures: revenue, buying clients and gross margin of the last year.

    Parameters
    ----------
    by_year : DataFrame
        :func:`~kbcore.analyses.$name.revenue_by_year`.
    has_cost : bool
        Whether the company's sales carry a cost of goods (``ds.has("sales", "cost")``); without
        it the gross margin is "— (no data: needs …)", never a number.
    lang : str
        Language of the labels and the numbers.

    Returns
    -------
    DataFrame
        :func:`~kbcore.views.figures.key_figures_table` (two text columns; ``attrs["needs"]``).
    """
    if len(by_year):
        last = by_year.iloc[-1]
        year = str(int(last["year"]))
        clients = tn("$name.kf.clients_value", int(last["clients"]), lang)
    else:
        last = pd.Series(math.nan, index=by_year.columns)
        year = clients = "—"
    margin = fmt_money(last["gross_margin"], lang) if has_cost else missing("need.cost", lang)
    rows = [
        Figure(t("$name.kf.revenue", lang, year=year), fmt_money(last["revenue"], lang)),
        Figure(t("$name.kf.clients", lang, year=year), clients),
        Figure(t("$name.kf.margin", lang, year=year), margin, needs="sales.cost"),
    ]
    return key_figures_table(rows, lang)
'''

_CHART = '''\
"""Block $number · $title: the block's charts.

Each draws one computed result and computes nothing beyond layout:
``plot_x(result, *, lang="en", ax=None) -> Axes``; texts from the catalogue, money on the axis
by Babel (:func:`kbcore.charts.money_formatter`), colours from :data:`kbcore.charts.COLORS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from kbcore.charts.style import COLORS, money_formatter, new_axes
from kbcore.i18n import t

__all__ = ["plot_revenue_by_year"]


def plot_revenue_by_year(by_year: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Revenue and gross margin per year, as bars side by side.

    Parameters
    ----------
    by_year : DataFrame
        :func:`kbcore.analyses.$name.revenue_by_year`.
    lang : str
        Language of the texts and of the money on the axis.
    ax : Axes, optional
        Where to draw; a new figure in the kbcore style when None.

    The revenue bars come first (``ax.patches``), then the gross-margin bars, which are left
    out when no year has a gross margin (no cost in the data).
    """
    ax = new_axes(ax)
    x = np.arange(len(by_year))
    has_margin = bool(by_year["gross_margin"].notna().any())
    width = 0.4 if has_margin else 0.6
    shift = width / 2 if has_margin else 0.0
    ax.bar(x - shift, by_year["revenue"], width, color=COLORS["revenue"], label=t("col.revenue", lang))
    if has_margin:
        ax.bar(x + shift, by_year["gross_margin"].fillna(0.0), width, color=COLORS["gross_margin"],
               label=t("col.gross_margin", lang))
    ax.set_xticks(x, [str(int(year)) for year in by_year["year"]])
    ax.yaxis.set_major_formatter(money_formatter(lang))
    ax.set_title(t("$name.chart.title", lang))
    ax.set_ylabel(t("$name.chart.ylabel", lang))
    if len(by_year):
        ax.legend(loc="upper left")
    else:
        ax.text(0.5, 0.5, t("$name.chart.empty", lang), transform=ax.transAxes, ha="center",
                va="center", color=COLORS["neutral"])
    return ax
'''

_LOCALE = '''\
# Block $number · $title (program $code): texts of kbcore/views/$name.py and kbcore/charts/$name.py.
# Every id starts with "$name." so that no other file defines it; en, ru and bg for every id.
$name.chart.title:
  en: "Revenue and gross margin by year"
  ru: "Выручка и валовая прибыль по годам"
  bg: "Приходи и брутна печалба по години"
$name.chart.ylabel:
  en: "Per year"
  ru: "За год"
  bg: "За година"
$name.chart.empty:
  en: "No sales in the period"
  ru: "За период нет продаж"
  bg: "Няма продажби за периода"
$name.kf.revenue:
  en: "Revenue, {year}"
  ru: "Выручка, {year}"
  bg: "Приходи, {year}"
$name.kf.clients:
  en: "Clients who bought, {year}"
  ru: "Клиенты с покупками, {year}"
  bg: "Клиенти с покупки, {year}"
$name.kf.clients_value:
  en: {one: "{n} client", other: "{n} clients"}
  ru: {one: "{n} клиент", few: "{n} клиента", many: "{n} клиентов", other: "{n} клиента"}
  bg: {one: "{n} клиент", other: "{n} клиенти"}
$name.kf.margin:
  en: "Gross margin, {year}"
  ru: "Валовая прибыль, {year}"
  bg: "Брутна печалба, {year}"
'''

_EXERCISES_LOCALE = '''\
# Block $number · $title (program $code): hints of the exercises in solutions/$prog/$stem.py
# (expected answers: kbcore/workbook/answers/$module.py). A hint helps; it never gives the answer.
$hint_id.1:
  en: "The revenue of a year is the money of all its sales, returns deducted."
  ru: "Выручка года — деньги всех его продаж за вычетом возвратов."
  bg: "Приходите за годината са парите от всички продажби през нея, без връщанията."
$hint_id.2:
  en: "The table above shows one row per year, the oldest first: the last row is the last year."
  ru: "В таблице выше по строке на год, сначала самый ранний: последняя строка — последний год."
  bg: "В таблицата по-горе има по един ред за година, най-ранната е първа: последният ред е последната година."
$hint_id.3:
  en: "The table is made by the block's function revenue_by_year; type the figure of its revenue column."
  ru: "Таблицу строит функция блока revenue_by_year; впишите число из её столбца выручки."
  bg: "Таблицата се прави от функцията на блока revenue_by_year; въведете числото от колоната с приходите."
'''

_ANSWERS = '''\
"""Expected answers of block $number's exercises (solutions/$prog/$stem.py).

Each answer is computed through the same kbcore functions the block uses, on the demo company
(``ds``, loaded once per process by :mod:`kbcore.workbook.checks`), so a change in an analysis
changes the expected answer with it; nothing here is a hard-coded number. This module is found
on disk (:func:`kbcore.workbook.checks.answer_modules`): no list to edit.
"""

from __future__ import annotations

from kbcore.analyses.$name import revenue_by_year
from kbcore.facts import Facts
from kbcore.workbook.checks import exercise


@exercise("$ex_id", hint="$hint_id", kind="number", style="read", tol=0.005)
def revenue_last_year(ds):
    """Revenue of the demo company's last year: the last row of ``revenue_by_year``."""
    return float(revenue_by_year(Facts.of(ds))["revenue"].iloc[-1])
'''

_TEST = '''\
"""Block $number · $title: the example analysis, its views and its chart, computed by hand."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kbcore.analyses.$name import revenue_by_year
from kbcore.charts.$name import plot_revenue_by_year
from kbcore.facts import Facts
from kbcore.i18n import fmt_money
from kbcore.views import is_missing
from kbcore.views.$name import key_figures, revenue_table


def sales(cost: bool = True) -> pd.DataFrame:
    """Two clients over two years; client A returns part of its 2025 order (document R1)."""
    out = pd.DataFrame({
        "date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-02-01", "2025-02-20"]),
        "client_id": ["A", "B", "A", "A"],
        "doc_id": ["D1", "D2", "D3", "R1"],
        "revenue": [100.0, 50.0, 200.0, -20.0],
        "cost": [60.0, 30.0, 150.0, -12.0],
    })
    return out if cost else out.drop(columns="cost")


def test_revenue_by_year_by_hand():
    table = revenue_by_year(Facts(sales()))
    assert table["year"].tolist() == [2024, 2025]
    assert table["clients"].tolist() == [2, 1]  # B bought in 2024 only
    assert table["orders"].tolist() == [2, 1]  # the return is not an order
    assert table["revenue"].tolist() == [150.0, 180.0]  # 100 + 50; 200 − 20
    assert table["gross_margin"].tolist() == [60.0, 42.0]  # 40 + 20; (200 − 150) + (−20 + 12)


def test_last_years_the_period_and_no_cost():
    assert revenue_by_year(Facts(sales()), years=1)["year"].tolist() == [2025]
    assert revenue_by_year(Facts(sales(), start="2025-01-01"))["revenue"].tolist() == [180.0]
    assert revenue_by_year(Facts(sales(), start="2030-01-01")).empty
    assert revenue_by_year(Facts(sales(cost=False)))["gross_margin"].isna().all()
    with pytest.raises(ValueError, match="at least 1"):
        revenue_by_year(Facts(sales()), years=0)


def test_key_figures_are_honest_about_missing_cost():
    figures = key_figures(revenue_by_year(Facts(sales())), has_cost=True, lang="en")
    assert figures.iloc[:, 1].tolist() == [fmt_money(180.0, "en"), "1 client", fmt_money(42.0, "en")]
    no_cost = key_figures(revenue_by_year(Facts(sales(cost=False))), has_cost=False, lang="ru")
    assert no_cost.iloc[0, 0] == "Выручка, 2025" and no_cost.iloc[1, 1] == "1 клиент"
    assert is_missing(no_cost.iloc[2, 1]) and no_cost.attrs["needs"][2] == "sales.cost"
    empty = key_figures(revenue_by_year(Facts(sales(), start="2030-01-01")), has_cost=True)
    assert empty.iloc[:, 1].tolist() == ["—", "—", "—"]


def test_table_and_chart():
    table = revenue_by_year(Facts(sales()))
    assert "Выручка" in revenue_table(table, "ru").to_html()
    ax = plot_revenue_by_year(table, lang="ru")
    assert [p.get_height() for p in ax.patches] == [150.0, 180.0, 60.0, 42.0]
    assert ax.get_title() == "Выручка и валовая прибыль по годам"
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2024", "2025"]
    plt.close("all")
'''
