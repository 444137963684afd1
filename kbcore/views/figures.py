"""Key figures: the small two-column table that ends every block and fills the run's index.

One shape for every block, so that the index, the tests and a reader see the same thing:

- a figure the company's data cannot give (a table or column it did not provide) is shown as
  "— (no data: needs …)", never as a number (:func:`missing`);
- a figure computed from an example or template input (the KSF example, an example plan) says
  "example" in its label (:func:`example`), so that nobody reads it as the company's own result.

Each row is a :class:`Figure`; :func:`key_figures_table` makes the table. The ``needs`` of a
row names what it would need (``"sales.discount"``, ``"targets"`` …), so that tests can check
that a figure which needs absent data is not shown as a value.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kbcore.i18n import t

__all__ = ["MISSING_MARK", "Figure", "example", "is_missing", "key_figures_table", "missing"]

MISSING_MARK = "—"
"""How every missing figure begins (an em dash)."""


@dataclass(frozen=True)
class Figure:
    """One key figure: its label, its formatted value, and what it needs when missing.

    ``needs`` is the name of the table or ``table.column`` the figure depends on (None when it
    depends on the sales lines only); ``value`` is the formatted number, or :func:`missing`'s
    text when that data is absent.
    """

    label: str
    value: str
    needs: str | None = None


def missing(what_key: str, lang: str = "en") -> str:
    """The value of a figure whose data is absent: "— (no data: needs <what>)".

    ``what_key`` is a catalogue id that names the data (``need.discount``, ``need.targets`` …).
    """
    return t("kf.missing", lang, mark=MISSING_MARK, what=t(what_key, lang))


def is_missing(value: str) -> bool:
    """True when a formatted value is a missing figure (begins with :data:`MISSING_MARK`)."""
    return str(value).startswith(MISSING_MARK)


def example(label: str, lang: str = "en") -> str:
    """``label`` marked as computed from example input: "<label> (example)"."""
    return t("kf.example", lang, label=label)


def key_figures_table(rows: list[Figure], lang: str = "en") -> pd.DataFrame:
    """The key-figures table: two text columns headed ``col.figure`` and ``col.value``.

    ``attrs["needs"]`` keeps each row's ``needs`` (by position) for tests and the index.
    """
    out = pd.DataFrame([(r.label, r.value) for r in rows],
                       columns=[t("col.figure", lang), t("col.value", lang)])
    out.attrs["needs"] = [r.needs for r in rows]
    return out
