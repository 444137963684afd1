"""The catalogue and locale formatting."""

import re
from pathlib import Path

import pytest

from kbcore import i18n
from kbcore.i18n import bilingual, catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t

NBSP = "\xa0"
PACKAGE = Path(i18n.__file__).resolve().parent


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
    assert t("col.revenue", "bg") == "Revenue"  # Bulgarian joins with the KPI program
    assert bilingual("col.revenue") == "Revenue\nВыручка"


def test_every_catalogue_entry_has_english_and_russian():
    missing = [key for key, texts in catalogue().items() if not texts.get("ru") or not texts.get("en")]
    assert missing == []


def test_every_id_used_in_the_package_exists():
    """Literal ids passed to t()/bilingual()/needs()/hints/KBDataError in kbcore are all in the catalogue."""
    pattern = re.compile(
        r"""(?:\bt|bilingual|KBDataError|needs|hint=|_issue|add)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']"""
        r"""|hint=["']([a-z0-9_]+(?:\.[a-z0-9_.]+)+)["']"""
    )
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            used.add((match.group(1) or match.group(2), path.name))
    assert used, "the scan found no ids at all: the pattern is broken"
    unknown = sorted((key, name) for key, name in used if key not in catalogue())
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
