"""Charts: the one kbcore style, colours and axis formatters in the people's language.

Every chart function in ``kbcore.charts.*`` follows the same contract (after lifetimes'
``plotting.py``): ``plot_x(result, *, lang="en", ax=None) -> Axes``; it draws an analysis'
result and computes nothing beyond layout (sorting or clipping for display). Texts come from
the catalogue (:func:`kbcore.i18n.t`); money and percentages on axes are formatted by Babel
through :func:`money_formatter` and :func:`pct_formatter`.

Use :func:`use_style` once in a notebook, or ``with style(): ...`` around one figure. The
style (``kbcore/kbcore.mplstyle``) is made for a projector: 10 × 5.5 in figures, 13 pt text,
17 pt titles, thick lines, DejaVu Sans (it renders Cyrillic, ₽ and €).

Long category labels (client or manager names) are fitted by
:func:`kbcore.views.labels.fit_label` and :func:`kbcore.views.labels.short_person_name`,
which never cut a word.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
from babel.numbers import format_compact_currency, format_compact_decimal
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from kbcore.i18n import _LOCALES, DEFAULT_CURRENCY, check_lang, fmt_pct, t

__all__ = [
    "STYLE_PATH",
    "COLORS",
    "use_style",
    "style",
    "new_axes",
    "fmt_money_short",
    "fmt_number_short",
    "money_formatter",
    "pct_formatter",
    "empty_axes",
    "LINE_COLORS",
]

STYLE_PATH = Path(__file__).resolve().parent.parent / "kbcore.mplstyle"
"""The style file every kbcore chart uses."""

COLORS = {
    "revenue": "#4a7fb5",  # calm blue: volume
    "gross_margin": "#2e8b57",  # green: margin
    "profit": "#e07b00",  # orange: what is left (the eye goes here)
    "loss": "#c0392b",  # red: money lost
    "neutral": "#8c8c8c",  # grey: reference lines
    "text": "#222222",
    "shade_loss": "#f6d5d1",  # light red: an unprofitable zone
    "shade": "#dce8f4",  # light blue: area under a curve
}
"""Named colours: the same meaning has the same colour in every chart."""

MINUS = "\u2212"


def use_style() -> None:
    """Apply the kbcore style to every following figure (call once in a notebook)."""
    plt.style.use(STYLE_PATH)


@contextmanager
def style() -> Iterator[None]:
    """The kbcore style for the figures created inside the ``with`` block only."""
    with plt.style.context(STYLE_PATH):
        yield


def new_axes(ax: Axes | None = None) -> Axes:
    """``ax`` itself, or the axes of a new figure in the kbcore style (10 × 5.5 in)."""
    if ax is not None:
        return ax
    _fig, new = plt.subplots()
    return new


def _nice(text: str) -> str:
    return text.replace("-", MINUS)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_money_short(
    value, lang: str = "en", currency: str = DEFAULT_CURRENCY, digits: int = 1
) -> str:
    """Compact money for charts: ``ru`` "12 млн ₽", "1,2 млрд ₽"; ``en`` "RUB 12M"; ``bg`` "12 млн. €".

    Babel's compact currency format (CLDR short patterns) with at most ``digits`` decimals
    (trailing zeros dropped); a true minus sign for negatives; "—" for a missing value.
    """
    if _missing(value):
        return "—"
    text = format_compact_currency(
        value, currency, locale=_LOCALES[check_lang(lang)], fraction_digits=digits
    )
    if lang == "en":
        text = text.replace(currency, currency + "\xa0", 1)
    return _nice(text)


def fmt_number_short(value, lang: str = "en", digits: int = 1) -> str:
    """Compact number for charts: ``ru`` "12 млн"; ``en`` "12M"; ``bg`` "12 млн."."""
    if _missing(value):
        return "—"
    return _nice(
        format_compact_decimal(value, locale=_LOCALES[check_lang(lang)], fraction_digits=digits)
    )


def money_formatter(
    lang: str = "en", currency: str = DEFAULT_CURRENCY, digits: int = 1
) -> FuncFormatter:
    """A tick formatter writing axis values as compact money (:func:`fmt_money_short`)."""
    return FuncFormatter(lambda value, _pos: fmt_money_short(value, lang, currency, digits))


def pct_formatter(lang: str = "en", digits: int = 0) -> FuncFormatter:
    """A tick formatter writing shares (0.25) as percentages in the locale ("25 %" in ru)."""
    return FuncFormatter(lambda value, _pos: _nice(fmt_pct(value, lang, digits)))


def empty_axes(ax: Axes, key: str, lang: str = "en") -> Axes:
    """An axes that says, in its middle, why there is nothing to draw (catalogue id ``key``).

    The text carries ``gid="empty"`` so that tests can find it; the ticks are removed.
    """
    ax.text(0.5, 0.5, t(key, lang), ha="center", va="center", transform=ax.transAxes,
            color=COLORS["neutral"], gid="empty")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


LINE_COLORS = ("#4a7fb5", "#e07b00", "#2e8b57", "#c0392b", "#7f7f7f", "#8e6bb8", "#17becf", "#bcbd22",
               "#8c564b", "#e377c2")
"""Ten distinct colours for up to ten lines in one chart: the style's own six first (its colour
cycle repeats after six, and two lines of one colour cannot be told apart on a projector)."""
