"""Exercise checks: "right" or "not yet" with a hint, never the answer.

A block registers the expected answer of each exercise as a function of the dataset,
computed through the same kbcore functions the block uses::

    @exercise("1.4", hint="ex.1.4.hint", kind="share", style="read", tol=0.001)
    def top_fifth_profit_share(ds):
        ...
        return float(share)

and the workbook ends each exercise with ``check("1.4", answer)``. The expected value is
computed once per process on the demo company (``kbcore.ingest.dataset.load(None)``), so every
participant gets the same answer. It is never shown: not in the text, not in the HTML, not in
the returned :class:`Verdict`, not in an exception.

How answers are compared (``kind``):

``number``
    A real number (int, float, numpy scalar); right when ``|answer - expected| <= tol * |expected|``
    (``|answer| <= tol`` when the expected value is 0; ``tol=0`` means exactly equal). A table,
    a column, a text or True/False gets a hint on how to take one number out of it.
``share``
    A share as a number; ``0.23`` and ``23`` (meaning 23 %) are both right for a share of 0.23.
    The answer is first compared as a share, then divided by 100 as a percentage, each with
    ``|a - e| <= tol * max(|e|, 1)`` (so ``tol`` is at least an absolute tolerance in share
    units). The two readings are 100 times apart, so with any sensible ``tol`` at most one of
    them can match a non-zero expected share: the rule is unambiguous.
``set``
    Any collection (list, set, tuple, numpy array, pandas Series or Index); compared as sets of
    strings (whole floats as integers: ``7.0`` is ``"7"``), order and duplicates ignored.
``text``
    A str; compared without case and with runs of whitespace collapsed.
``bool``
    True or False (numpy's too).
``frame`` / ``series``
    A pandas DataFrame / Series with the same columns (any order) and the same rows in the same
    order; numbers within the relative ``tol``; the index is not compared.

``choice``
    Multiple choice: the number of one of the ``options`` listed in the exercise's text
    (``2``, ``"2"`` or ``"2)"``). Each option has its explanation in the catalogue
    (``<explain>.1`` … ``<explain>.N``, default ``ex.<id>.opt``): a wrong choice is told why it
    is not right, a right one why it is.

``answer is ...`` (the exercises' placeholder) says "not answered yet"; nothing fails.

Exercises a head of sales can do
--------------------------------
Each exercise has a ``style``: ``read`` (read and decide: a number or a choice read off a table
or chart of the workbook), ``rerun`` (change one argument of a named kbcore call, run it, read
the result) or ``analyst`` (pandas; optional). Hints come in steps: the catalogue holds
``<hint>.1``, ``<hint>.2`` … (the idea, where to look, which function), and each answer that is
not right yet shows one step more; :func:`hint` shows the next step without answering. A
hint never holds the answer or the solution's code (``tests/test_exercises_style.py``).
The language of the messages is ``lang`` or the module's setting :func:`set_lang`.
"""

from __future__ import annotations

import html
import importlib
import math
import numbers
import os
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from IPython import get_ipython
from IPython.display import display

from kbcore.i18n import catalogue, check_lang, t, tn
from kbcore.ingest.dataset import load

__all__ = [
    "KINDS",
    "DEFAULT_TOL",
    "Exercise",
    "Verdict",
    "exercise",
    "check",
    "hint",
    "hint_steps",
    "STYLES",
    "set_lang",
    "get_lang",
    "registered",
    "demo_company",
    "demo_dataset",
]

KINDS = ("number", "share", "set", "text", "bool", "frame", "series", "choice")
STYLES = ("read", "rerun", "analyst")
"""Read and decide; change and rerun; analyst (pandas, optional). See the module docstring."""
DEFAULT_TOL = 0.005

_REGISTRY: dict[str, Exercise] = {}
_EXPECTED: dict[str, object] = {}
STRICT_ENV = "KBCORE_STRICT_CHECKS"
"""With this environment variable at ``1`` (the test run sets it), an answer that is not right
raises AssertionError after its verdict: a solution workbook that stops being right fails its
run. An exercise workbook's ``...`` is "not answered yet" and passes."""
_STEPS_SHOWN: dict[str, int] = {}
"""How many hint steps each exercise has shown in this process (a wrong answer or hint() adds one)."""
_LANG = "en"
_LOADED = False


@dataclass(frozen=True)
class Exercise:
    """A registered exercise: its id, the function computing the expected answer and how to compare."""

    id: str
    func: Callable
    hint: str | None
    tol: float
    kind: str
    style: str | None = None
    options: int = 0
    explain: str | None = None

    def hints(self) -> list[str]:
        """The catalogue ids of the hint's steps, in order (see :func:`hint_steps`)."""
        return hint_steps(self.hint)

    def explanations(self) -> list[str]:
        """The catalogue ids explaining options 1 … N of a choice (empty for other kinds)."""
        return [f"{self.explain}.{k}" for k in range(1, self.options + 1)] if self.options else []


def hint_steps(hint: str | None) -> list[str]:
    """The catalogue ids of a hint's steps: ``hint.1``, ``hint.2`` … or else ``hint`` alone."""
    if hint is None:
        return []
    entries = catalogue()
    steps = []
    while f"{hint}.{len(steps) + 1}" in entries:
        steps.append(f"{hint}.{len(steps) + 1}")
    return steps or ([hint] if hint in entries else [])


def set_lang(lang: str) -> None:
    """Language of the verdicts from now on (``"en"``, ``"ru"`` or ``"bg"``); a workbook sets it from ``lang``."""
    global _LANG
    _LANG = check_lang(lang)


def get_lang() -> str:
    """The current language of the verdicts."""
    return _LANG


def exercise(exercise_id: str, *, hint: str | None = None, tol: float | None = None,
             kind: str = "number", style: str | None = None, options: int | None = None,
             explain: str | None = None) -> Callable:
    """Register the decorated function ``(Dataset) -> expected answer`` as exercise ``exercise_id``.

    Parameters
    ----------
    exercise_id : str
        The id the workbook passes to :func:`check` (``"1.2"``, ``"1.2a"``).
    hint : str, optional
        Catalogue id of the hint: its steps ``hint.1``, ``hint.2`` … (or one entry ``hint``),
        shown one more at each answer that is not right yet (en, ru, bg).
    tol : float, optional
        Tolerance (see the module docstring); default :data:`DEFAULT_TOL` (0.5 %).
    kind : str
        One of :data:`KINDS`.
    style : str
        One of :data:`STYLES`: ``read``, ``rerun`` or ``analyst`` (every block's exercise
        declares it; ``tests/test_exercises_style.py`` counts them).
    options : int, optional
        For ``kind="choice"``: how many options the exercise's text lists (at least 2).
    explain : str, optional
        For ``kind="choice"``: the catalogue prefix of the options' explanations
        (``explain.1`` … ``explain.N``); default ``ex.<exercise_id>.opt``.
    """
    if kind not in KINDS:
        raise ValueError(f"exercise {exercise_id}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if style is not None and style not in STYLES:
        raise ValueError(f"exercise {exercise_id}: style must be one of {', '.join(STYLES)}, not {style!r}")
    if hint is not None and not hint_steps(hint):
        raise KeyError(f"exercise {exercise_id}: hint {hint!r} is not in the catalogue (kbcore/locale/*.yaml): "
                       f"give {hint}.1, {hint}.2 … (or {hint})")
    n_options = 0
    if kind == "choice":
        if options is None or int(options) < 2:
            raise ValueError(f"exercise {exercise_id}: a choice needs options >= 2")
        n_options = int(options)
        explain = explain or f"ex.{exercise_id}.opt"
        missing = [f"{explain}.{k}" for k in range(1, n_options + 1) if f"{explain}.{k}" not in catalogue()]
        if missing:
            raise KeyError(f"exercise {exercise_id}: the options' explanations {', '.join(missing)} "
                           "are not in the catalogue (kbcore/locale/*.yaml)")
    elif options is not None or explain is not None:
        raise ValueError(f"exercise {exercise_id}: options= and explain= are for kind='choice'")
    tolerance = DEFAULT_TOL if tol is None else float(tol)
    if tolerance < 0:
        raise ValueError(f"exercise {exercise_id}: tol must be >= 0")

    def register(func: Callable) -> Callable:
        old = _REGISTRY.get(exercise_id)
        same = old is not None and (old.func.__module__, old.func.__qualname__) == (
            func.__module__, func.__qualname__)
        if old is not None and not same:
            raise ValueError(f"exercise {exercise_id!r} is registered twice "
                             f"({old.func.__module__}.{old.func.__qualname__} and "
                             f"{func.__module__}.{func.__qualname__})")
        _REGISTRY[exercise_id] = Exercise(exercise_id, func, hint, tolerance, kind, style, n_options,
                                          explain if n_options else None)
        _EXPECTED.pop(exercise_id, None)
        _STEPS_SHOWN.pop(exercise_id, None)
        return func

    return register


ANSWERS_PACKAGE = "kbcore.workbook.answers"
"""The package whose block modules register the exercises (they import this module, so it
finds them on disk and imports them by name rather than importing the package)."""
ANSWERS_DIR = Path(__file__).resolve().parent / "answers"
ANSWER_MODULE = re.compile(r"^(block|kpi)\d\d$")
"""The name of a block's answers module: ``blockNN`` for program 000 (exercise ids ``"N.x"``),
``kpiNN`` for program 004 (exercise ids ``"kpiN.x"``, which cannot collide with 000's)."""


def answer_modules() -> list[str]:
    """The modules that register exercises.

    Every ``blockNN`` and ``kpiNN`` module of :mod:`kbcore.workbook.answers`.

    Found on disk, so a new block's answers need no list to be edited by hand.
    """
    return sorted(f"{ANSWERS_PACKAGE}.{info.name}" for info in pkgutil.iter_modules([str(ANSWERS_DIR)])
                  if ANSWER_MODULE.match(info.name))


def _ensure_loaded() -> None:
    """Import the modules that register exercises (once per process)."""
    global _LOADED
    if _LOADED:
        return
    for name in answer_modules():
        importlib.import_module(name)
    _LOADED = True


def registered() -> list[str]:
    """The ids of every registered exercise, sorted."""
    _ensure_loaded()
    return sorted(_REGISTRY)


@lru_cache(maxsize=2)
def demo_dataset(company: str = "ru"):
    """The demo company of a program (``"ru"``: 000, ``"bg"``: 004), loaded once per process."""
    return load(None, demo=company)


def demo_company(exercise_id: str) -> str:
    """The demo company an exercise's answer is computed on: program 004's (``kpi…``) or 000's."""
    return "bg" if exercise_id.startswith("kpi") else "ru"


def _expected(item: Exercise):
    if item.id not in _EXPECTED:
        company = demo_company(item.id)
        _EXPECTED[item.id] = item.func(demo_dataset() if company == "ru" else demo_dataset(company))
    return _EXPECTED[item.id]


# --- verdicts ------------------------------------------------------------------------------------

class Verdict:
    """The outcome of :func:`check`: true when the answer is right.

    ``status`` is ``"right"``, ``"wrong"``, ``"unanswered"`` or ``"wrong_type"``; ``text`` and
    ``html`` are what was displayed. It holds nothing of the expected answer. In a notebook the
    verdict is displayed by :func:`check` itself, so as a cell's last value it shows nothing more.
    """

    __slots__ = ("exercise", "status", "text", "html")

    def __init__(self, exercise: str, status: str, text: str, html: str):
        self.exercise, self.status, self.text, self.html = exercise, status, text, html

    def __bool__(self) -> bool:
        return self.status == "right"

    def __eq__(self, other) -> bool:
        if isinstance(other, bool):
            return bool(self) == other
        if isinstance(other, Verdict):
            return (self.exercise, self.status) == (other.exercise, other.status)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.exercise, self.status))

    def __repr__(self) -> str:
        return f"Verdict(exercise={self.exercise!r}, status={self.status!r})"

    def _ipython_display_(self) -> None:
        """Already displayed by :func:`check`; show nothing twice."""


_COLOURS = {"right": ("#1e8449", "#eafaf1"), "wrong": ("#b9770e", "#fef5e7"),
            "wrong_type": ("#b9770e", "#fef5e7"), "unanswered": ("#7f8c8d", "#f4f6f6")}


def _html_text(text: str) -> str:
    """Escape ``text`` and render `backticks` as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _hint_lines(item: Exercise, lang: str, more: bool) -> list[str]:
    """The hint steps shown so far (one more when ``more``), each on its line."""
    steps = item.hints()
    if not steps:
        return [f"{t('check.hint', lang)} {t('check.hint.default', lang)}"] if more else []
    shown = min(_STEPS_SHOWN.get(item.id, 0) + (1 if more else 0), len(steps))
    _STEPS_SHOWN[item.id] = shown
    if len(steps) == 1:
        return [f"{t('check.hint', lang)} {t(steps[0], lang)}"] if shown else []
    return [f"{t('check.hint.step', lang, k=k, n=len(steps))} {t(steps[k - 1], lang)}"
            for k in range(1, shown + 1)]


def _verdict(item: Exercise, status: str, message: str, lang: str, *, extra: str | None = None,
             hint: bool = False) -> Verdict:
    title = t("check.exercise", lang, id=item.id)
    lines = [message] + ([extra] if extra else [])
    if hint:
        lines += _hint_lines(item, lang, more=True)
    text = f"{title}: " + "\n".join(lines)
    border, background = _COLOURS[status]
    body = "<br>".join(_html_text(line) for line in lines)
    markup = (f'<div class="kb-check kb-check-{status}" style="border-left: 4px solid {border}; '
              f'background: {background}; padding: 6px 10px; margin: 4px 0;">'
              f"<b>{html.escape(title)}</b> · {body}</div>")
    return Verdict(item.id, status, text, markup)


def _show(verdict: Verdict) -> None:
    if get_ipython() is not None:
        display({"text/html": verdict.html, "text/plain": verdict.text}, raw=True)
    else:
        print(verdict.text)


# --- answers -------------------------------------------------------------------------------------

class _WrongType(Exception):
    def __init__(self, got: str, todo: str | None = None):
        super().__init__(got)
        self.got, self.todo = got, todo


def _describe(answer, lang: str) -> tuple[str, str | None]:
    """How to name a wrong ``answer`` for a person, and what to do about it."""
    import numpy as np
    import pandas as pd

    if answer is None:
        return t("check.got.none", lang), None
    if isinstance(answer, bool | np.bool_):
        return t("check.got.bool", lang), None
    if isinstance(answer, pd.DataFrame):
        return t("check.got.frame", lang), t("check.todo.one_value", lang)
    if isinstance(answer, pd.Series):
        return tn("check.got.series", len(answer), lang), t("check.todo.one_value", lang)
    if isinstance(answer, str):
        return t("check.got.text", lang), t("check.todo.number_text", lang)
    if isinstance(answer, list | tuple | set | frozenset | np.ndarray | pd.Index):
        return tn("check.got.collection", len(answer), lang), t("check.todo.one_value", lang)
    return t("check.got.other", lang, type=type(answer).__name__), None


def _as_number(answer, lang: str) -> float:
    import numpy as np

    if isinstance(answer, numbers.Real) and not isinstance(answer, bool | np.bool_):
        value = float(answer)
        if math.isnan(value):
            raise _WrongType(t("check.got.nan", lang))
        return value
    raise _WrongType(*_describe(answer, lang))


def _close(a: float, e: float, tol: float, floor: float = 0.0) -> bool:
    scale = max(abs(e), floor)
    if scale == 0:
        return abs(a) <= tol
    return abs(a - e) <= tol * scale


def _norm_item(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    elif hasattr(x, "item") and not isinstance(x, str):  # numpy scalars
        try:
            return _norm_item(x.item())
        except (TypeError, ValueError):
            pass
    return str(x).strip()


def _as_set(answer, lang: str) -> set[str]:
    import numpy as np
    import pandas as pd

    if isinstance(answer, list | tuple | set | frozenset | np.ndarray | pd.Series | pd.Index):
        return {_norm_item(x) for x in answer}
    got, _ = _describe(answer, lang)
    todo = t("check.todo.collection", lang) if isinstance(answer, pd.DataFrame) else None
    raise _WrongType(got, todo)


def _norm_text(value: str) -> str:
    return " ".join(value.split()).casefold()


def _compare(item: Exercise, answer, expected, lang: str) -> tuple[bool, str | None]:
    """(right?, extra message) — raises _WrongType for an answer of the wrong kind."""
    import numpy as np
    import pandas as pd

    kind, tol = item.kind, item.tol
    if kind == "number":
        a = _as_number(answer, lang)
        return _close(a, float(expected), tol), None
    if kind == "share":
        a = _as_number(answer, lang)
        e = float(expected)
        if _close(a, e, tol, floor=1.0):
            return True, None
        if _close(a / 100.0, e, tol, floor=1.0):
            return True, "pct"
        return False, None
    if kind == "set":
        a = _as_set(answer, lang)
        return a == {_norm_item(x) for x in expected}, None
    if kind == "text":
        if not isinstance(answer, str):
            raise _WrongType(*_describe(answer, lang))
        return _norm_text(answer) == _norm_text(str(expected)), None
    if kind == "bool":
        if not isinstance(answer, bool | np.bool_):
            raise _WrongType(*_describe(answer, lang))
        return bool(answer) == bool(expected), None
    if kind == "frame":
        if not isinstance(answer, pd.DataFrame):
            raise _WrongType(*_describe(answer, lang)[:1])
        e = expected
        if set(map(str, answer.columns)) != set(map(str, e.columns)) or answer.shape != e.shape:
            return False, None
        a = answer.set_axis(list(map(str, answer.columns)), axis=1)[list(map(str, e.columns))]
        e = e.set_axis(list(map(str, e.columns)), axis=1)
        pd.testing.assert_frame_equal(a.reset_index(drop=True), e.reset_index(drop=True),
                                      check_dtype=False, check_names=False, check_exact=False,
                                      rtol=max(tol, 1e-9), check_column_type=False,
                                      check_index_type=False)
        return True, None
    if kind == "series":
        if not isinstance(answer, pd.Series):
            raise _WrongType(*_describe(answer, lang)[:1])
        e = expected
        if len(answer) != len(e):
            return False, None
        pd.testing.assert_series_equal(answer.reset_index(drop=True), e.reset_index(drop=True),
                                       check_dtype=False, check_names=False, check_exact=False,
                                       rtol=max(tol, 1e-9), check_index_type=False)
        return True, None
    if kind == "choice":
        chosen = _as_choice(answer, item, lang)
        return chosen == int(expected), chosen
    raise ValueError(f"unknown kind {kind!r}")  # pragma: no cover - refused at registration


_CHOICE = re.compile(r"^\s*(\d+)\s*[.)]?\s*$")


def _as_choice(answer, item: Exercise, lang: str) -> int:
    """The option number of ``answer`` (``2``, ``2.0``, ``"2"``, ``"2)"``); _WrongType otherwise."""
    import numpy as np

    number = None
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool | np.bool_):
        if float(answer).is_integer():
            number = int(answer)
    elif isinstance(answer, str) and _CHOICE.match(answer):
        number = int(_CHOICE.match(answer).group(1))
    elif not isinstance(answer, str):
        raise _WrongType(*_describe(answer, lang))
    if number is None or not 1 <= number <= item.options:
        raise _WrongType(t("check.got.not_option", lang, answer=str(answer)),
                         t("check.todo.choice", lang, n=item.options))
    return number


def check(exercise_id: str, answer, lang: str | None = None) -> Verdict:
    """Say whether ``answer`` to exercise ``exercise_id`` is right; if not yet, give its hint.

    Displays the verdict (HTML in a notebook, text otherwise) and returns it; the verdict is
    true when the answer is right (``assert check("1.2", x)`` works). The expected answer is
    never shown or returned.

    Parameters
    ----------
    exercise_id : str
        As registered with :func:`exercise`.
    answer : object
        The participant's answer; ``...`` (not answered yet) is fine.
    lang : str, optional
        ``"en"``, ``"ru"`` or ``"bg"``; default the language set with :func:`set_lang`.

    Raises
    ------
    KeyError
        For an exercise id that nobody registered (a typo in the workbook).
    """
    lang = check_lang(lang or _LANG)
    _ensure_loaded()
    item = _REGISTRY.get(str(exercise_id))
    if item is None:
        raise KeyError(t("check.unknown", lang, id=str(exercise_id), known=", ".join(sorted(_REGISTRY)) or "—"))
    if answer is Ellipsis:
        verdict = _verdict(item, "unanswered", t("check.unanswered", lang), lang)
    else:
        expected = _expected(item)  # an error here is a bug of the exercise, not of the answer
        try:
            right, note = _compare(item, answer, expected, lang)
        except _WrongType as wrong:
            expected_kind = t(f"check.expect.{item.kind}", lang)
            message = t("check.type", lang, expected=expected_kind, got=wrong.got)
            verdict = _verdict(item, "wrong_type", message, lang, extra=wrong.todo)
        except Exception:  # noqa: BLE001 - a comparison error must not show the expected value
            verdict = _verdict(item, "wrong", t("check.wrong", lang), lang, hint=True)
        else:
            why = t(f"{item.explain}.{note}", lang) if item.kind == "choice" else None
            if right:
                message = (t("check.right.pct", lang, answer=f"{float(answer):g}") if note == "pct"
                           else t("check.right", lang))
                verdict = _verdict(item, "right", message, lang, extra=why)
            else:
                verdict = _verdict(item, "wrong", t("check.wrong", lang), lang, extra=why, hint=True)
    _show(verdict)
    if os.environ.get(STRICT_ENV) == "1" and verdict.status in ("wrong", "wrong_type"):
        raise AssertionError(f"exercise {item.id}: the answer is {verdict.status.replace('_', ' ')} "
                             f"({STRICT_ENV}=1: a solution workbook must answer every exercise right)")
    return verdict


def hint(exercise_id: str, lang: str | None = None) -> Verdict:
    """Show the next step of an exercise's hint (and the steps before it), without an answer.

    For a participant who is stuck before trying: the idea first, then where to look, then
    which function. Never the answer, never the solution's code.
    """
    lang = check_lang(lang or _LANG)
    _ensure_loaded()
    item = _REGISTRY.get(str(exercise_id))
    if item is None:
        raise KeyError(t("check.unknown", lang, id=str(exercise_id), known=", ".join(sorted(_REGISTRY)) or "—"))
    steps = item.hints()
    last = bool(steps) and _STEPS_SHOWN.get(item.id, 0) >= len(steps)
    lines = _hint_lines(item, lang, more=True)
    if last:
        lines.append(t("check.hint.last", lang))
    verdict = _verdict(item, "unanswered", lines[0], lang, extra="\n".join(lines[1:]) or None)
    _show(verdict)
    return verdict
