"""The expected answers of every block's exercises, one module per block.

``blockNN.py`` for program 000 (exercise ids ``"N.x"``, e.g. ``"1.2a"``) and ``kpiNN.py`` for
program 004 (ids ``"kpiN.x"``). Each module registers its exercises with
:func:`kbcore.workbook.exercise`; they are found on disk by
:func:`kbcore.workbook.checks.answer_modules`, so a new block adds a file and edits no list.
"""
