"""Checks of analysis parameters shared by several topics (each topic words its own message)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["confidence_level"]

LEVEL_EXPECTED = "a confidence level between 0 and 1 (0.95 = 95 %)"
"""What a confidence level must be, as the parameter messages say it."""


def confidence_level(level, bad: Callable[[str, object, str], None]) -> float:
    """``level`` as a float strictly between 0 and 1, else ``bad("level", level, LEVEL_EXPECTED)``.

    ``bad`` raises the caller's own :class:`~kbcore.errors.KBDataError` (its catalogue message).
    """
    try:
        v = float(level)
    except (TypeError, ValueError):
        bad("level", level, LEVEL_EXPECTED)
    if not 0 < v < 1:
        bad("level", level, LEVEL_EXPECTED)
    return v
