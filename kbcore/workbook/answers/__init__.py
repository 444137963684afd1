"""The expected answers of every block's exercises, one module per block.

``blockNN.py`` for program 000 (exercise ids ``"N.x"``, e.g. ``"1.2a"``) and ``kpiNN.py`` for
program 004 (ids ``"kpiN.x"``). Each module registers its exercises with
:func:`kbcore.workbook.exercise`; they are found on disk by
:func:`kbcore.workbook.checks.answer_modules`, so a new block adds a file and edits no list.
"""

from __future__ import annotations

from collections.abc import Callable

_ONCE: dict[tuple[int, str], object] = {}


def once(ds, name: str, make: Callable[[], object]):
    """``make()``, computed once per dataset object and ``name`` and shared by every block's answers.

    The checks compute each expected answer on the one demo dataset of the process
    (:func:`kbcore.workbook.checks.demo_dataset`); answers that start from the same facts, stages
    or plan ask for them by the same name (``"facts"`` is ``Facts.of(ds)`` everywhere).
    """
    key = (id(ds), name)
    if key not in _ONCE:
        _ONCE[key] = make()
    return _ONCE[key]


def option_number(exercise_id: str, value, options) -> int:
    """The number (1 … N) of ``value`` among the ``options`` an exercise's text lists.

    A choice's expected answer is the data's answer found among the options; when the data's answer
    is none of them (the data changed), a ValueError says to rewrite the exercise's options.
    """
    value = str(value)
    if value not in options:
        raise ValueError(f"exercise {exercise_id}: the data's answer {value!r} is none of the options "
                         f"of its text {list(options)}: rewrite the options")
    return list(options).index(value) + 1
