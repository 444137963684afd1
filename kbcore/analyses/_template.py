"""What the editable templates share: their errors, their numbers and their reading.

The seminar author's unpublished models (the key-account matrix, the competitive-advantage
checklist, the relationship stages) are YAML files in ``data/templates/`` that a trainer edits,
and the manual scores are tables the trainer types. Each module validates its own rules; this
one gives them one voice when something is wrong: a :class:`~kbcore.errors.TemplateError` (a
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
from pathlib import Path
from typing import NoReturn

from kbcore.errors import TemplateError
from kbcore.yamlfile import load_yaml

__all__ = ["TemplateError", "template_error", "template_number", "read_template", "argument_number"]

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
