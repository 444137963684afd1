"""The expected answers of every block's exercises, one module per block (``blockNN.py``).

Each module registers its exercises with :func:`kbcore.workbook.exercise`; they are found by
:func:`kbcore.workbook.checks.answer_modules` (every ``block*`` module of this package).
"""
