"""Labels: the people's words for values that analyses return as ids.

Display only: each takes a value (or a table) and ``lang`` and returns text from the catalogue.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from kbcore.i18n import catalogue, t
from kbcore.schema import C

__all__ = ["label", "measure_label", "people_labels"]


def label(value, lang: str = "en", width: int = 28) -> str:
    """A people's label for a row value.

    ``unknown``/``new_clients``/``all`` from the catalogue (``plan.<value>``), other text shortened
    to ``width`` characters.
    """
    text = str(value)
    key = f"plan.{text}"
    if key in catalogue():
        return t(key, lang)
    return textwrap.shorten(text, width=width, placeholder="…")


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
