"""Exercises: the checks a workbook calls, and the generator that writes the workbooks.

In a workbook::

    from kbcore.exercises import check, set_lang
    set_lang(lang)
    answer = ...
    check("1.1", answer)     # ✔ right / ✘ not yet + hint; never the answer

Blocks register their exercises in the modules listed in :data:`EXERCISE_MODULES`
(``kbcore/exercises/block01.py`` …); they are imported on the first :func:`check`, and a
module that does not exist yet is skipped. The generator (``solutions/`` -> ``exercises/``) is
:mod:`kbcore.exercises.generate`; ``kbcore build`` runs it.
"""

from __future__ import annotations

from kbcore.exercises.checks import (
    Verdict,
    check,
    exercise,
    get_lang,
    registered,
    set_lang,
)
from kbcore.exercises.generate import ExerciseMarkerError, make_exercise

__all__ = [
    "EXERCISE_MODULES",
    "ExerciseMarkerError",
    "Verdict",
    "check",
    "exercise",
    "get_lang",
    "make_exercise",
    "registered",
    "set_lang",
]

#: Modules that register exercises with :func:`exercise`; imported lazily, missing ones skipped.
EXERCISE_MODULES = [
    "kbcore.exercises.block01",
    "kbcore.exercises.block02",
    "kbcore.exercises.block05",
    "kbcore.exercises.block06",
]
