"""What the editable templates share: their errors, their numbers and their reading.

The seminar author's unpublished models (the key-account matrix, the competitive-advantage
checklist, the relationship stages) are YAML files in ``data/templates/`` that a trainer edits.
Each module validates its own rules; this one gives them one voice when something is wrong
(what, where — file and key —, what to do) and one way to read the file.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path
from typing import NoReturn

from kbcore.yamlfile import load_yaml

__all__ = ["template_error", "template_number", "read_template"]


def template_error(kind: str, file, where: str, problem: str, todo: str) -> NoReturn:
    """Raise ``ValueError("<kind> <file>: <where>: <problem>. What to do: <todo>.")``."""
    origin = f"{kind} {file}" if file else kind
    raise ValueError(f"{origin}: {where}: {problem}. What to do: {todo}.")


def template_number(kind: str, value, file, where: str, *, low=None, high=None,
                    example: str = "0.25") -> float:
    """``value`` as a float, or a :func:`template_error` when it is not a finite number in range.

    ``low`` / ``high`` bound it (both included); a bool is not a number.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        template_error(kind, file, where, f"{value!r} is not a number", f"write a plain number, e.g. {example}")
    value = float(value)
    if low == 0 and value < 0:
        template_error(kind, file, where, f"{value:g} is negative", "write a number ≥ 0")
    if (low is not None and value < low) or (high is not None and value > high):
        rng = f"between {low:g} and {high:g}" if high is not None and low is not None else (
            f"at least {low:g}" if low is not None else f"at most {high:g}")
        template_error(kind, file, where, f"{value:g} is out of range", f"write a number {rng}")
    return value


def read_template(kind: str, path, default) -> tuple[object, Path]:
    """The parsed YAML of ``path`` (``default`` when None) and the path read.

    A missing file or one that is not UTF-8 YAML is a :func:`template_error` that says to
    check the path or start again from ``default``.
    """
    path = Path(default if path is None else path)
    if not path.is_file():
        template_error(kind, path, "file", "not found", f"check the path, or copy the default {default}")
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"))
    except Exception as exc:  # noqa: BLE001 - any YAML or encoding error is a template error
        template_error(kind, path, "file", f"not readable as UTF-8 YAML ({type(exc).__name__})",
                       f"fix the indentation or start again from the default {default}")
    return data, path
