"""One catalogue of every text kbcore produces, keyed by English ids, plus locale formatting.

The catalogue is the union of ``kbcore/locale/*.yaml`` (one file per area, so that
modules do not edit each other's file; an id defined twice is an error). Each entry is::

    whale.title:
      en: "Whale curve: cumulative profit by client"
      ru: "Кривая кита: накопленная прибыль по клиентам"

Missing languages fall back to English. Placeholders use ``str.format`` syntax.
Numbers, money and dates are formatted by Babel for the language's locale
(``ru``: ``1 234 567,50 ₽`` with non-breaking spaces), never by hand.

A text that counts something agrees with its number by the CLDR plural rules of its language
(Babel's :attr:`babel.Locale.plural_form`): its entry gives one text per plural category, and
:func:`tn` picks the one for the count::

    <block>.clients_count:
      en: {one: "{n} client", other: "{n} clients"}
      ru: {one: "{n} клиент", few: "{n} клиента", many: "{n} клиентов", other: "{n} клиента"}

and ``tn(id, n, lang)`` with that id gives, in ``ru``, "21 клиент", "5 клиентов", "1,5 клиента".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

from kbcore.yamlfile import load_yaml

__all__ = [
    "LANGS",
    "DEFAULT_CURRENCY",
    "PLURAL_CATEGORIES",
    "t",
    "tn",
    "plural_category",
    "catalogue",
    "check_lang",
    "fmt_number",
    "fmt_money",
    "fmt_pct",
    "fmt_date",
    "bilingual",
]

LANGS = ("en", "ru", "bg")
DEFAULT_CURRENCY = "RUB"
_LOCALES = {"en": "en_US", "ru": "ru_RU", "bg": "bg_BG"}
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""The CLDR plural categories; a counting entry's text in a language is a mapping of some of
them (always ``other``) to texts."""


def _text(key: str, lang: str, text, file: str):
    """One language's text of an entry: a string, or a mapping of CLDR plural categories."""
    if isinstance(text, dict):
        forms = {str(k): str(v) for k, v in text.items()}
        unknown = sorted(set(forms) - set(PLURAL_CATEGORIES))
        if unknown or "other" not in forms:
            raise ValueError(f"catalogue id {key!r} in {file}, {lang}: plural forms must be among "
                             f"{', '.join(PLURAL_CATEGORIES)} and include 'other' (got {sorted(forms)})")
        return forms
    return str(text)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """The merged catalogue ``{id: {lang: text}}`` from every ``locale/*.yaml``."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(_LOCALE_DIR.glob("*.yaml")):
        entries = load_yaml(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"catalogue id {key!r} is defined twice (again in {path.name})")
            if not isinstance(texts, dict) or "en" not in texts:
                raise ValueError(f"catalogue id {key!r} in {path.name} needs at least an 'en' text")
            merged[key] = {lang: _text(key, lang, text, path.name) for lang, text in texts.items()}
    return merged


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise a clear ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str = "en", **kwargs) -> str:
    """The text of catalogue id ``key`` in ``lang`` (English when not translated).

    Raises ``KeyError`` for an unknown id, so that a typo fails in tests, not on a projector.
    """
    check_lang(lang)
    texts = catalogue()[key]
    text = texts.get(lang) or texts["en"]
    if isinstance(text, dict):
        raise TypeError(f"catalogue id {key!r} counts something: use tn({key!r}, n, lang)")
    return text.format(**kwargs) if kwargs else text


def plural_category(n, lang: str = "en") -> str:
    """The CLDR plural category of the number ``n`` in ``lang``, by Babel.

    ``ru``: 1, 21 → ``one``; 2–4, 22 → ``few``; 0, 5–20, 25 → ``many``; 1.5 → ``other``.
    ``en`` and ``bg``: 1 → ``one``, anything else → ``other``.
    """
    return Locale.parse(_LOCALES[check_lang(lang)]).plural_form(abs(n))


def tn(key: str, n, lang: str = "en", **kwargs) -> str:
    """The text of catalogue id ``key`` for the count ``n``, agreeing with it (CLDR plural rules).

    The entry gives one text per plural category (see the module docstring); a plain string
    serves every count. ``{n}`` in the text is ``n`` formatted for the locale
    (:func:`fmt_number`: whole numbers without decimals, others with one). A language without
    the entry falls back to English, with the English rules.
    """
    check_lang(lang)
    texts = catalogue()[key]
    used = lang if texts.get(lang) else "en"
    forms = texts[used]
    if isinstance(forms, dict):
        forms = forms.get(plural_category(n, used)) or forms["other"]
    whole = float(n).is_integer()
    return forms.format(n=fmt_number(n, lang, 0 if whole else 1), **kwargs)


def bilingual(key: str, **kwargs) -> str:
    """English text, then the Russian one on the next line (for error messages)."""
    en = t(key, "en", **kwargs)
    ru = t(key, "ru", **kwargs)
    return en if en == ru else f"{en}\n{ru}"


def _is_missing(value) -> bool:
    """None, NaN, ``pd.NA`` (nullable and pyarrow columns) or ``NaT``: shown as a dash."""
    try:
        return (value is None or value is pd.NA or value is pd.NaT
                or (isinstance(value, float) and math.isnan(value)))
    except TypeError:
        return False


def _pattern(kind: str, lang: str, digits: int) -> str:
    """The locale's own pattern for ``kind`` with exactly ``digits`` decimals."""
    loc = Locale.parse(_LOCALES[check_lang(lang)])
    if kind == "percent":
        base = loc.percent_formats[None].pattern
    elif kind == "currency":
        base = loc.currency_formats["standard"].pattern.split(";")[0]
        if lang == "en":
            base = base.replace("¤", "¤\xa0")  # "RUB 1,234" rather than "RUB1,234"
    else:
        base = "#,##0.###"
    decimals = ("." + "0" * digits) if digits else ""
    return re.sub(r"0(\.[0#]+)?", "0" + decimals, base, count=1)


MINUS = "\u2212"
"""The one minus sign of every formatted number (Babel writes the hyphen-minus; charts' axes, by
matplotlib's ``axes.unicode_minus``, this sign): "−1 800 500 ₽", "−3 %"."""


def _minus(text: str) -> str:
    """``text`` with Babel's hyphen-minus of a negative number made the minus sign."""
    return text.replace("-", MINUS, 1) if "-" in text else text


def fmt_number(value, lang: str = "en", digits: int = 0) -> str:
    """A number with the locale's grouping and decimal mark (``ru``: ``1 234 567,5`` with NBSP)."""
    if _is_missing(value):
        return "—"
    return _minus(format_decimal(value, format=_pattern("decimal", lang, digits), locale=_LOCALES[lang]))


def fmt_money(value, lang: str = "en", currency: str = DEFAULT_CURRENCY, digits: int = 0) -> str:
    """Money in the locale's format (``ru``: ``1 234 568 ₽``; ``en``: ``RUB 1,234,568``)."""
    if _is_missing(value):
        return "—"
    return _minus(format_currency(value, currency, format=_pattern("currency", lang, digits),
                                  locale=_LOCALES[check_lang(lang)], currency_digits=False))


def fmt_pct(value, lang: str = "en", digits: int = 0) -> str:
    """A share (0.253) as a percentage in the locale's format (``ru``: ``25 %`` with NBSP)."""
    if _is_missing(value):
        return "—"
    return _minus(format_percent(value, format=_pattern("percent", lang, digits),
                                 locale=_LOCALES[check_lang(lang)]))


def fmt_date(value, lang: str = "en") -> str:
    """A date in the locale's medium format."""
    if _is_missing(value):
        return "—"
    import pandas as pd

    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        return "—"
    return _babel_date(ts.date(), format="medium", locale=_LOCALES[check_lang(lang)])


def labels(keys: Iterable[str], lang: str = "en") -> dict[str, str]:
    """``{key: text}`` for several ids (handy for renaming DataFrame columns)."""
    return {k: t(k, lang) for k in keys}
