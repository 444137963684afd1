"""The catalogue and locale formatting."""

import re
from pathlib import Path

import pytest

from kbcore import i18n
from kbcore.i18n import (
    bilingual,
    catalogue,
    fmt_date,
    fmt_money,
    fmt_number,
    fmt_pct,
    plural_category,
    t,
    tn,
)

NBSP = "\xa0"
PACKAGE = Path(i18n.__file__).resolve().parent
REQUIRED_LANGS = ("en", "ru", "bg")
"""Every catalogue id must have a text in each of these languages (add "bg" with program 004)."""


def test_russian_money_uses_non_breaking_spaces_and_rouble_sign():
    # the design's example: 1 234 567,50 ₽ with non-breaking spaces
    assert fmt_money(1234567.5, "ru", digits=2) == f"1{NBSP}234{NBSP}567,50{NBSP}₽"
    assert fmt_money(1234567.5, "ru") == f"1{NBSP}234{NBSP}568{NBSP}₽"


def test_english_money_and_numbers():
    assert fmt_money(1234567.4, "en") == f"RUB{NBSP}1,234,567"
    assert fmt_number(1234567.456, "en", 2) == "1,234,567.46"
    assert fmt_number(1234567.456, "ru", 1) == f"1{NBSP}234{NBSP}567,5"


def test_percent_follows_the_locale():
    assert fmt_pct(0.253, "en") == "25%"
    assert fmt_pct(0.253, "ru") == f"25{NBSP}%"
    assert fmt_pct(1.8534, "en", 1) == "185.3%"


def test_missing_values_are_a_dash():
    assert fmt_money(float("nan"), "ru") == "—"
    assert fmt_pct(None, "en") == "—"
    assert fmt_date(None, "en") == "—"


def test_dates_are_day_first_in_russian():
    assert fmt_date("2024-03-05", "ru").startswith("5 мар")
    assert fmt_date("2024-03-05", "en") == "Mar 5, 2024"


def test_unknown_language_is_refused_clearly():
    with pytest.raises(ValueError, match="lang must be one of"):
        t("col.revenue", "de")


def test_translation_and_fallback():
    assert t("col.revenue", "ru") == "Выручка"
    assert t("col.revenue", "bg") == "Приходи от продажби"
    assert bilingual("col.revenue") == "Revenue\nВыручка"


def test_a_language_without_the_text_falls_back_to_english(own_catalogue):
    own_catalogue("x.only_en: {en: 'Revenue', ru: 'Выручка'}\n")
    assert t("x.only_en", "bg") == "Revenue"


def test_every_catalogue_entry_has_every_required_language():
    missing = [(key, lang) for key, texts in catalogue().items() for lang in REQUIRED_LANGS
               if not texts.get(lang)]
    assert missing == []


def test_every_counting_entry_has_the_plural_forms_its_language_needs():
    """A text given per plural category has every category of its language's CLDR rules."""
    from babel import Locale

    incomplete = []
    for key, texts in catalogue().items():
        for lang, forms in texts.items():
            if isinstance(forms, dict):
                needed = Locale.parse(i18n._LOCALES[lang]).plural_form.tags | {"other"}
                incomplete += [(key, lang, form) for form in sorted(needed - set(forms))]
    assert incomplete == []


def test_every_id_used_in_the_package_exists():
    """Literal ids passed to t()/bilingual()/needs()/hints/KBDataError in kbcore are all in the catalogue."""
    pattern = re.compile(
        r"""(?:\bt|\btn|bilingual|KBDataError|needs|hint=|_issue|add)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']"""
        r"""|hint=["']([a-z0-9_]+(?:\.[a-z0-9_.]+)+)["']"""
    )
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            used.add((match.group(1) or match.group(2), path.name))
    assert used, "the scan found no ids at all: the pattern is broken"
    # an exercise's hint= names the steps' prefix: ``ex.6.1.hint`` stands for ``ex.6.1.hint.1`` …
    unknown = sorted((key, name) for key, name in used
                     if key not in catalogue() and f"{key}.1" not in catalogue())
    assert unknown == []


def test_an_id_defined_twice_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text("x.y: {en: 'a', ru: 'б'}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("x.y: {en: 'c', ru: 'г'}\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "_LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="defined twice"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_nullable_missing_values_are_a_dash():
    """pd.NA (nullable and pyarrow columns) and NaT are missing too, not a Babel error."""
    import pandas as pd

    assert fmt_pct(pd.NA, "en", 1) == "—"
    assert fmt_money(pd.NA, "ru") == "—"
    assert fmt_number(pd.NA, "en") == "—"
    assert fmt_date(pd.NaT, "en") == "—"


def _catalogue_from(tmp_path, monkeypatch, text):
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "_LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()


@pytest.fixture
def own_catalogue(tmp_path, monkeypatch):
    yield lambda text: _catalogue_from(tmp_path, monkeypatch, text)
    monkeypatch.undo()
    i18n.catalogue.cache_clear()


def test_counts_agree_with_their_nouns_by_cldr_rules(own_catalogue):
    own_catalogue(
        "n.clients:\n"
        "  en: {one: '{n} client', other: '{n} clients'}\n"
        "  ru: {one: '{n} клиент', few: '{n} клиента', many: '{n} клиентов', other: '{n} клиента'}\n"
        "n.plain: {en: '{n} of {total}', ru: '{n} из {total}'}\n")
    assert [tn("n.clients", n, "ru") for n in (1, 3, 5, 11, 21, 22)] == [
        "1 клиент", "3 клиента", "5 клиентов", "11 клиентов", "21 клиент", "22 клиента"]
    assert tn("n.clients", 1.5, "ru") == "1,5 клиента"
    assert tn("n.clients", 1234, "ru") == f"1{NBSP}234 клиента"
    assert [tn("n.clients", n, "en") for n in (1, 2, 0)] == ["1 client", "2 clients", "0 clients"]
    assert tn("n.clients", 1, "bg") == "1 client"  # no Bulgarian text yet: English, English rules
    assert tn("n.plain", 7, "ru", total=9) == "7 из 9"
    assert (plural_category(5, "ru"), plural_category(1, "bg")) == ("many", "one")
    with pytest.raises(TypeError, match="tn"):
        t("n.clients", "en", n=1)


def test_plural_forms_are_checked_when_the_catalogue_loads(own_catalogue):
    own_catalogue("n.bad: {en: {one: '{n} client', several: '{n} clients'}, ru: 'x'}\n")
    with pytest.raises(ValueError, match="plural forms"):
        catalogue()
