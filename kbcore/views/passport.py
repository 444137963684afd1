"""Views of the region / segment passport (паспорт региона / сегмента): its tables for people.

:func:`kbcore.analyses.passport.passport` returns one row per cell with numbers, names and
``stage_<id>`` counts; here the cell ids ``unknown`` read as the people's words and the money
part and the stage part are shown apart.
"""

from __future__ import annotations

import pandas as pd

from kbcore.views.labels import people_labels

__all__ = ["passport_stage_table", "passport_table"]


def _stage_columns(passport_table: pd.DataFrame) -> list[str]:
    return [c for c in passport_table.columns if c.startswith("stage_")]


def passport_table(passport_table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The passport without its stage counts, cells in the people's words."""
    return people_labels(passport_table.drop(columns=_stage_columns(passport_table)), lang)


def passport_stage_table(passport_table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The cell and its clients per lifecycle stage (``stage_<id>`` columns).

    Cells in the people's words.
    """
    by = passport_table.attrs.get("by", passport_table.columns[0])
    return people_labels(passport_table[[by, *_stage_columns(passport_table)]], lang)
