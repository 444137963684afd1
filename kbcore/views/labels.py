"""Labels: the people's words for values that analyses return as ids.

Display only: each takes a value (or a table) and ``lang`` and returns text from the catalogue.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import pandas as pd

from kbcore.i18n import catalogue, t
from kbcore.schema import C

__all__ = ["fit_label", "group_tick_labels", "label", "measure_label", "people_labels", "short_person_name",
           "short_person_names"]


def _group_word(value, lang: str) -> str | None:
    """``unknown`` / ``new_clients`` / ``all`` in the people's language (``plan.<value>``), else None."""
    key = f"plan.{value}"
    return t(key, lang) if key in catalogue() else None


def label(value, lang: str = "en", width: int = 28) -> str:
    """A people's label for a row value.

    ``unknown``/``new_clients``/``all`` from the catalogue (``plan.<value>``), other text shortened
    to ``width`` characters on one line (whole words, then "…").
    """
    word = _group_word(value, lang)
    return word if word is not None else textwrap.shorten(str(value), width=width, placeholder="…")


def group_tick_labels(values, key: str, lang: str = "en") -> list[str]:
    """The labels of a chart's rows by ``key``: people shortened ("Калашникова С."), others fitted.

    A manager's full name does not fit a projector's axis; surname and initial do, with more
    initials where two managers would read alike (:func:`short_person_names`). Other values are
    wrapped on at most two lines (:func:`fit_label`); no word is cut. ``unknown`` /
    ``new_clients`` / ``all`` read as words.
    """
    words = [_group_word(v, lang) for v in values]
    if key == C.manager:
        names = iter(short_person_names([v for v, w in zip(values, words, strict=True) if w is None]))
        return [w if w is not None else next(names) for w in words]
    return [w if w is not None else fit_label(str(v)) for v, w in zip(values, words, strict=True)]


def people_labels(df: pd.DataFrame, lang: str = "en",
                  columns: tuple[str, ...] = (C.segment, C.region, C.manager, "category")
                  ) -> pd.DataFrame:
    """A copy of ``df`` for people (display only).

    Its ``columns`` show ``unknown`` / ``new_clients`` / ``all`` in the people's language (catalogue
    ``plan.<value>``) and its True/False columns read yes/no; other values unchanged.
    """
    out = df.copy()
    names = {v: t(f"plan.{v}", lang) for v in ("unknown", "new_clients", "all")}
    for col in columns:
        if col in out.columns:
            out[col] = out[col].astype("string").replace(names)
    yes, no = t("card.yes", lang), t("card.no", lang)
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: yes, False: no}).astype("string")
    out.attrs.update(df.attrs)
    return out


def measure_label(measure: str, lang: str = "en") -> str:
    """The people's name of a measure (``revenue``, ``gross_margin``, ``profit`` …): ``seg.measure.<m>``."""
    key = f"seg.measure.{measure}"
    return t(key, lang) if key in catalogue() else str(measure)


ELLIPSIS = "…"

_INITIAL = re.compile(r"^\w\.(-?\w\.)*$")
"""A word that already is an initial ("С.", "А.-М.")."""


def _initial(word: str) -> str:
    """"Светлана" → "С."; "Анна-Мария" → "А.-М."; an initial stays as it is."""
    if _INITIAL.match(word):
        return word
    parts = [p for p in word.split("-") if p]
    return "-".join(f"{p[0].upper()}." for p in parts) if parts else ""


def _words(name) -> list[str]:
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return []
    return str(name).split()


def short_person_name(name, initials: int = 1) -> str:
    """A person's full name shortened to the surname and initials, for charts.

    The first word is kept whole: it is the surname in the order of 1C and CRM exports
    («Фамилия Имя Отчество»); the next ``initials`` words become initials, the rest is dropped.
    Latin names are treated alike (the first word is kept). A name of one word, or one already
    shortened, comes back as it is; ``None``, NaN and an empty text give ``""``.

    >>> short_person_name("Калашникова Светлана Игоревна")
    'Калашникова С.'
    >>> short_person_name("Калашникова Светлана Игоревна", initials=2)
    'Калашникова С. И.'
    >>> short_person_name("Smith John Henry")
    'Smith J.'
    """
    words = _words(name)
    if not words:
        return ""
    rest = [_initial(w) for w in words[1:1 + max(0, int(initials))]]
    return " ".join([words[0], *[r for r in rest if r]])


def short_person_names(names: Iterable, initials: int = 1) -> list[str]:
    """:func:`short_person_name` of each name, with more initials where two would read alike.

    "Калашникова Светлана Игоревна" and "Калашникова Светлана Петровна" become
    "Калашникова С. И." and "Калашникова С. П." (both initials), while names that cannot be
    confused keep ``initials``. Names that stay alike even in full stay alike.
    """
    names = list(names)
    out = [short_person_name(n, initials) for n in names]
    most = max((len(_words(n)) - 1 for n in names), default=0)
    for more in range(initials + 1, most + 1):
        seen: dict[str, set[str]] = {}
        for name, short in zip(names, out, strict=True):
            seen.setdefault(short, set()).add(" ".join(_words(name)))
        clash = {short for short, full in seen.items() if len(full) > 1}
        if not clash:
            break
        out = [short_person_name(n, more) if short in clash else short
               for n, short in zip(names, out, strict=True)]
    return out


def fit_label(text, width: int = 28, lines: int = 2) -> str:
    r"""``text`` fitted to at most ``lines`` lines of about ``width`` characters, for a chart.

    Wraps at spaces; what does not fit in ``lines`` lines is dropped after the last whole word
    that fits, and "…" says so. A word is never cut: a single word longer than ``width``
    stays whole on its line (a slightly long label is better than a wrong one). ``None``,
    NaN and an empty text give ``""``.

    >>> fit_label("Калашникова Светлана Игоревна", 14)
    'Калашникова\nСветлана…'
    """
    words = _words(text)
    if not words:
        return ""
    width, lines = max(1, int(width)), max(1, int(lines))
    rows: list[str] = []
    for word in words:
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) <= lines:
        return "\n".join(rows)
    kept = rows[:lines]
    last = kept[-1].split(" ")
    # room for the ellipsis: drop whole words from the last line until it fits
    while len(last) > 1 and len(" ".join(last)) + len(ELLIPSIS) > width:
        last.pop()
    kept[-1] = " ".join(last) + ELLIPSIS
    return "\n".join(kept)
