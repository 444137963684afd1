"""What the editable templates share: their errors, their numbers and their reading.

The seminar author's unpublished models (the key-account matrix, the competitive-advantage
checklist, the relationship stages) are YAML files in ``data/templates/`` that a trainer edits,
and the manual scores are tables the trainer types. Each module validates its own rules; this
one gives them one voice when something is wrong: a :class:`TemplateError` (a
:class:`~kbcore.errors.KBDataError` with a catalogue id ``template.<problem>`` and its
``.todo``, the template's kind in words — ``template.kind.<kind>`` —, the file and the key), in
en, ru and bg (``kbcore/locale/templates.yaml``). It is also a ``ValueError``, for the callers
that catch one.

The plain arguments of the functions (a goal, a share, weights passed as a dict in code) are
the programmer's, not the trainer's: :func:`argument_number` refuses them with an English
``ValueError``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kbcore.errors import KBDataError
from kbcore.yamlfile import load_yaml

__all__ = ["KINDS", "TemplateError", "template_error", "template_number", "read_template",
           "argument_number"]

KINDS = ("portfolio", "advantage", "relationship", "scores", "portfolio_scores", "advantage_scores",
         "relationship_manual")
"""The kinds of trainer input, named in words by the catalogue ids ``template.kind.<kind>``."""
DEFAULTS = {"portfolio": "data/templates/ka_portfolio.yaml", "advantage": "data/templates/ka_advantage.yaml",
            "relationship": "data/templates/ka_relationship.yaml"}
"""The packaged template of a kind, as the texts name it (placeholder ``{default}``)."""


class TemplateError(KBDataError, ValueError):
    """A template or a manual score table that cannot be used, explained for a person.

    Parameters
    ----------
    problem : str
        The catalogue id is ``template.<problem>`` (``template.<problem>.todo``: what to do).
    kind : str
        One of :data:`KINDS`: the message starts with its name in words.
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
        if kind not in KINDS:
            raise ValueError(f"unknown template kind {kind!r}: use one of {', '.join(KINDS)}")
        self.problem = problem
        self.kind = kind
        self.where = None if key is None else str(key)
        self.what = what
        fields.setdefault("default", DEFAULTS.get(kind, ""))
        super().__init__(f"template.{problem}", file=file, column=column, examples=examples, **fields)

    def message(self, lang: str = "en") -> str:
        """The full message in one language: what, file, key (or column), examples, what to do."""
        fields = {**self.fields, "kind": _text(f"template.kind.{self.kind}", lang),
                  "file": self.file, "column": self.column}
        lines = [_text(self.key, lang, **fields)]
        if self.file:
            lines.append(_text("error.where.file", lang, file=self.file))
        if self.where and self.what:
            lines.append(_text("template.where.key_what", lang, where=self.where,
                               what=_text(f"template.what.{self.what}", lang)))
        elif self.where:
            lines.append(_text("template.where.key", lang, where=self.where))
        if self.column:
            lines.append(_text("error.where.column", lang, column=self.column))
        if self.examples:
            lines.append(_text("error.examples", lang))
            lines.extend(f"  {e}" for e in self.examples)
        lines.append(_text("error.todo", lang) + " " + _text(f"{self.key}.todo", lang, **fields))
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the message in en and ru, nothing else.

        The trainer who mistyped a weight needs the file, the key and what to do, not the
        frames of the package.
        """
        return self.bilingual().splitlines()


def _text(msg_id: str, lang: str, **fields) -> str:
    """One catalogue text in ``lang``, read through :class:`~kbcore.errors.KBDataError`.

    The analyses do not import the catalogue (import-linter); the one door they have to it is
    the error they raise. Every ``template.*`` text is one line, so the first line of the
    message is the text itself (the file, column and "what to do" lines come after it).
    """
    return KBDataError(msg_id, **fields).message(lang).split("\n", 1)[0]


def template_error(kind: str, problem: str, file=None, key=None, **fields) -> NoReturn:
    """Raise a :class:`TemplateError` ``template.<problem>`` of ``kind`` at ``file`` / ``key``."""
    raise TemplateError(problem, kind=kind, file=file, key=key, **fields)


def _g(value) -> str:
    return f"{float(value):g}"


def template_number(kind: str, value, file, key: str, *, low=None, high=None,
                    example: str = "0.25", what=None) -> float:
    """``value`` as a float, or a :class:`TemplateError` when it is not a finite number in range.

    ``low`` / ``high`` bound it (both included); a bool is not a number; ``what`` names the
    key in words (:class:`TemplateError`). Problems:
    ``no_value`` (an empty value), ``not_number`` (``value``, ``example``), ``negative`` (``low`` = 0), ``out_of_range``
    (``low`` and ``high``), ``too_small``, ``too_large``.
    """
    if value is None:
        template_error(kind, "no_value", file, key, what=what, example=example)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        template_error(kind, "not_number", file, key, what=what, value=value, example=example)
    value = float(value)
    if low == 0 and value < 0:
        template_error(kind, "negative", file, key, what=what, value=_g(value))
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            template_error(kind, "out_of_range", file, key, what=what, value=_g(value), low=_g(low), high=_g(high))
        if low is not None:
            template_error(kind, "too_small", file, key, what=what, value=_g(value), low=_g(low))
        template_error(kind, "too_large", file, key, what=what, value=_g(value), high=_g(high))
    return value


def argument_number(value, name: str, *, low=None, high=None) -> float:
    """A function argument as a float, or an English ``ValueError`` (for the programmer).

    ``low`` / ``high`` bound it (both included); a bool is not a number.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name}: {value!r} is not a number. What to do: pass a plain number.")
    value = float(value)
    if (low is not None and value < low) or (high is not None and value > high):
        rng = (f"between {low:g} and {high:g}" if low is not None and high is not None
               else f"at least {low:g}" if low is not None else f"at most {high:g}")
        raise ValueError(f"{name}: {value:g} is out of range. What to do: pass a number {rng}.")
    return value


def read_template(kind: str, path, default) -> tuple[object, Path]:
    """The parsed YAML of ``path`` (``default`` when None) and the path read.

    A missing file (``template.not_found``), one that is not UTF-8 (``template.not_utf8``) or
    not YAML (``template.not_yaml``, with the line) is a :class:`TemplateError` that says to check
    the path, fix the indentation or start again from a copy of ``default``.
    """
    path = Path(default if path is None else path)
    shown = f"data/templates/{Path(default).name}"
    if not path.is_file():
        template_error(kind, "not_found", path, default=shown)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        template_error(kind, "not_utf8", path, default=shown)
    try:
        data = load_yaml(text)
    except Exception as exc:  # noqa: BLE001 - any YAML error is a template error
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        template_error(kind, "not_yaml", path, default=shown,
                       line=mark.line + 1 if mark is not None else "?")
    return data, path
