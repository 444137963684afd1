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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from kbcore.errors import TemplateError
from kbcore.yamlfile import load_yaml

__all__ = ["TEXT_LANGS", "TemplateError", "template_error", "template_number", "template_texts", "template_keys",
           "read_template", "argument_number"]

TEXT_LANGS = ("en", "ru", "bg")
"""The languages every text of a questionnaire or a glossary is written in."""

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


def template_texts(kind: str, value, file, key: str, *, required: bool = True):
    """``value`` as ``{en, ru, bg: text}`` (non-empty, spaces folded), or a :class:`TemplateError`.

    ``template.texts`` when a language is missing or empty, ``template.texts_yes_no`` when YAML read
    an unquoted No/Yes/On/Off as a yes/no value, ``template.unknown_key`` for another key. A text
    written over several lines keeps its lines. None gives None when not ``required``.
    """
    if value is None and not required:
        return None
    langs = ", ".join(TEXT_LANGS)
    if not isinstance(value, Mapping):
        template_error(kind, "texts", file, key, langs=langs)
    texts = {}
    for lang in TEXT_LANGS:
        text = value.get(lang)
        if isinstance(text, bool):
            template_error(kind, "texts_yes_no", file, f"{key}.{lang}")
        if not isinstance(text, str) or not text.strip():
            template_error(kind, "texts", file, key, langs=langs)
        texts[lang] = " ".join(text.split()) if "\n" not in text.strip() else text.strip()
    extra = sorted(set(map(str, value)) - set(TEXT_LANGS))
    if extra:
        template_error(kind, "unknown_key", file, key, keys=", ".join(extra), allowed=langs)
    return texts


def template_keys(kind: str, node, allowed: set[str], file, key: str, required: Sequence[str], example: str,
                  *, shape_key: str | None = None) -> None:
    """Check that ``node`` is a mapping with only ``allowed`` keys and every ``required`` one.

    ``template.wrong_shape`` (at ``shape_key`` or ``key``), ``template.unknown_key``,
    ``template.missing_key`` (with ``example`` as the form to write).
    """
    if not isinstance(node, Mapping):
        template_error(kind, "wrong_shape", file, key or shape_key, form=example)
    extra = sorted(set(map(str, node)) - allowed)
    if extra:
        template_error(kind, "unknown_key", file, key, keys=", ".join(extra), allowed=", ".join(sorted(allowed)))
    for name in required:
        if node.get(name) is None:
            template_error(kind, "missing_key", file, f"{key}.{name}" if key else name, form=f"{name}: {example}")
