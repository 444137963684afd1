"""Exercises: the checks a workbook calls, and the generator that writes the workbooks.

In a workbook::

    from kbcore.workbook import check, set_lang
    set_lang(lang)
    answer = ...
    check("1.1", answer)     # ✔ right / ✘ not yet + hint; never the answer

Blocks register their exercises in ``kbcore/workbook/answers/blockNN.py`` (program 004:
``kpiNN.py``); every such module is found on disk and imported on the first :func:`check`.
The generator (``solutions/`` -> ``exercises/``) is :mod:`kbcore.workbook.generate`;
``kbcore build`` (:mod:`kbcore.workbook.build`) writes the notebooks and the exercises;
``kbcore new-block`` (:mod:`kbcore.workbook.scaffold`) writes the sources of a new block.
"""

from __future__ import annotations

from kbcore.workbook.checks import (
    Verdict,
    answer_modules,
    check,
    exercise,
    get_lang,
    hint,
    registered,
    set_lang,
)
from kbcore.workbook.generate import ExerciseMarkerError, make_exercise

__all__ = [
    "ExerciseMarkerError",
    "Verdict",
    "answer_modules",
    "check",
    "exercise",
    "get_lang",
    "hint",
    "make_exercise",
    "registered",
    "set_lang",
]
