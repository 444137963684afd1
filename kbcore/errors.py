"""The one exception kbcore raises for bad input: what, where, examples, what to do (en + ru)."""

from __future__ import annotations

from collections.abc import Sequence

from kbcore.i18n import catalogue, t

__all__ = ["KBDataError", "TemplateError", "TEMPLATE_KINDS"]


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

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the message in en and ru, nothing else.

        A person who gave a wrong file or mistyped a weight needs what is wrong, where and what to
        do, not the frames of the package (IPython calls this for an exception that has it).
        """
        return self.bilingual().splitlines()


TEMPLATE_KINDS = ("portfolio", "advantage", "relationship", "scores", "portfolio_scores",
                  "advantage_scores", "relationship_manual", "questionnaire", "answers", "raci",
                  "raci_answers", "glossary", "worksheet",
                  # program 004
                  "chain_ratio",
                  "incentive_plans",
                  "segmentation",
                  "loyalty_programme",
                  "kpi_tree")
"""The kinds of trainer input, named in words by the catalogue ids ``template.kind.<kind>``."""
TEMPLATE_DEFAULTS = {"portfolio": "data/templates/ka_portfolio.yaml", "advantage": "data/templates/ka_advantage.yaml",
            "relationship": "data/templates/ka_relationship.yaml", "raci": "data/templates/ka_team_raci.yaml",
            "glossary": "data/templates/kb_glossary.yaml",
            # program 004
            "chain_ratio": "data/templates/kpi_chain_ratio.yaml",
            "incentive_plans": "data/templates/kpi_incentive_plans.yaml",
            "segmentation": "data/templates/kpi_segmentation.yaml",
            "loyalty_programme": "data/templates/kpi_loyalty_programme.yaml",
            "kpi_tree": "data/templates/kpi_tree.yaml"}
"""The packaged template of a kind, as the texts name it (placeholder ``{default}``)."""


class TemplateError(KBDataError, ValueError):
    """A template or a manual score table that cannot be used, explained for a person.

    Parameters
    ----------
    problem : str
        The catalogue id is ``template.<problem>`` (``template.<problem>.todo``: what to do).
    kind : str
        One of :data:`TEMPLATE_KINDS`: the message starts with its name in words.
    file : str or Path, optional
        The file.
    key : str, optional
        The template key where the problem is (``axes.attractiveness.volume.weight``).
    what : str, optional
        What the key holds, in words after it: ``template.what.<what>`` ("criterion weight").
    column : str, optional
        The column of a score table where the problem is.
    examples : sequence of str, optional
        A few offending rows or values.
    **fields
        Placeholders of the catalogue texts (formatted as given, the same in every language).
    """

    def __init__(self, problem: str, *, kind: str, file=None, key=None, what=None, column=None,
                 examples: Sequence[str] = (), **fields):
        if kind not in TEMPLATE_KINDS:
            raise ValueError(f"unknown template kind {kind!r}: use one of {', '.join(TEMPLATE_KINDS)}")
        self.problem = problem
        self.kind = kind
        self.where = None if key is None else str(key)
        self.what = what
        fields.setdefault("default", TEMPLATE_DEFAULTS.get(kind, ""))
        super().__init__(f"template.{problem}", file=file, column=column, examples=examples, **fields)

    def message(self, lang: str = "en") -> str:
        """The full message in one language: what, file, key (or column), examples, what to do."""
        fields = {**self.fields, "kind": t(f"template.kind.{self.kind}", lang),
                  "file": self.file, "column": self.column}
        lines = [t(self.key, lang, **fields)]
        if self.file:
            lines.append(t("error.where.file", lang, file=self.file))
        if self.where and self.what:
            lines.append(t("template.where.key_what", lang, where=self.where,
                               what=t(f"template.what.{self.what}", lang)))
        elif self.where:
            lines.append(t("template.where.key", lang, where=self.where))
        if self.column:
            lines.append(t("error.where.column", lang, column=self.column))
        if self.examples:
            lines.append(t("error.examples", lang))
            lines.extend(f"  {e}" for e in self.examples)
        lines.append(t("error.todo", lang) + " " + t(f"{self.key}.todo", lang, **fields))
        return "\n".join(lines)
