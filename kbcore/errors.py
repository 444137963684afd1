"""The one exception kbcore raises for bad input: what, where, examples, what to do (en + ru)."""

from __future__ import annotations

from collections.abc import Sequence

from kbcore.i18n import catalogue, t

__all__ = ["KBDataError"]


class KBDataError(Exception):
    """Input data that cannot be used, explained for a person.

    Parameters
    ----------
    key : str
        Catalogue id of the message (``<key>`` for what is wrong, ``<key>.todo`` for
        what to do, when the catalogue has it).
    file, column : str, optional
        Where the problem is.
    examples : sequence of str, optional
        A few offending rows or values, already formatted ("row 12: '12.13.2024'").
    **fields
        Placeholders of the catalogue texts.
    """

    def __init__(self, key: str, *, file=None, column=None, examples: Sequence[str] = (), **fields):
        self.key = key
        self.file = None if file is None else str(file)
        self.column = column
        self.examples = [str(e) for e in examples][:5]
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The full message in one language."""
        fields = {"file": self.file, "column": self.column, **self.fields}
        lines = [t(self.key, lang, **fields)]
        if self.file:
            lines.append(t("error.where.file", lang, file=self.file))
        if self.column:
            lines.append(t("error.where.column", lang, column=self.column))
        if self.examples:
            lines.append(t("error.examples", lang))
            lines.extend(f"  {e}" for e in self.examples)
        if f"{self.key}.todo" in catalogue():
            lines.append(t("error.todo", lang) + " " + t(f"{self.key}.todo", lang, **fields))
        return "\n".join(lines)

    def bilingual(self) -> str:
        """English message, a blank line, the Russian message."""
        return self.message("en") + "\n\n" + self.message("ru")

    def __str__(self) -> str:
        return self.bilingual()
