"""Every entry of every catalogue file has en, ru and bg; counting entries follow CLDR.

(``tests/test_i18n.py`` checks the merged catalogue in its required languages; this checks each
file, so that a file that a merge empties or drops is noticed too.)
"""

from pathlib import Path

import pytest

from kbcore import i18n
from kbcore.i18n import tn
from kbcore.yamlfile import load_yaml

LOCALE = Path(i18n.__file__).resolve().parent / "locale"
FILES = sorted(p.name for p in LOCALE.glob("*.yaml"))
"""Every catalogue file: each of its entries has en, ru and bg."""
NBSP = "\xa0"


def _entries(name: str) -> dict:
    return load_yaml((LOCALE / name).read_text(encoding="utf-8")) or {}


def _missing(entries: dict, langs=("en", "ru", "bg")) -> list[tuple[str, str]]:
    return [(key, lang) for key, texts in entries.items() for lang in langs
            if not isinstance(texts, dict) or not texts.get(lang)]


@pytest.mark.parametrize("name", FILES)
def test_every_entry_of_every_file_has_en_ru_and_bg(name):
    entries = _entries(name)
    assert entries, f"{name} is empty or gone"
    assert _missing(entries) == []


def test_a_missing_bulgarian_text_is_found(tmp_path):
    """The check above can fail: an entry without bg is reported."""
    entries = load_yaml("x.a: {en: 'A', ru: 'А', bg: 'А'}\nx.b: {en: 'B', ru: 'Б'}\n")
    assert _missing(entries) == [("x.b", "bg")]


# The forms written out by hand: ru 1, 21 -> one; 2-4, 22 -> few; 5-20, 25, 111 -> many;
# bg: 1 -> one, else other.
RU_LINES = {1: "1 строка продаж", 2: "2 строки продаж", 5: "5 строк продаж", 11: "11 строк продаж",
            21: "21 строка продаж", 22: "22 строки продаж", 25: "25 строк продаж",
            111: "111 строк продаж"}
BG_LINES = {1: "1 ред продажби", 2: "2 реда продажби", 5: "5 реда продажби", 11: "11 реда продажби",
            21: "21 реда продажби", 22: "22 реда продажби", 25: "25 реда продажби",
            111: "111 реда продажби"}
RU_CLIENTS = {1: "1 клиент", 2: "2 клиента", 5: "5 клиентов", 11: "11 клиентов", 21: "21 клиент",
              22: "22 клиента", 25: "25 клиентов", 111: "111 клиентов"}
BG_CLIENTS = {1: "1 клиент", 2: "2 клиенти", 5: "5 клиенти", 11: "11 клиенти", 21: "21 клиенти",
              22: "22 клиенти", 25: "25 клиенти", 111: "111 клиенти"}


@pytest.mark.parametrize("n", sorted(RU_LINES))
def test_counting_entries_follow_cldr_in_russian_and_bulgarian(n):
    assert tn("ui.count.lines", n, "ru") == RU_LINES[n]
    assert tn("ui.count.lines", n, "bg") == BG_LINES[n]
    assert tn("ui.count.clients", n, "ru") == RU_CLIENTS[n]
    assert tn("ui.count.clients", n, "bg") == BG_CLIENTS[n]
    assert tn("ui.count.clients", n, "en") == (f"{n} client" if n == 1 else f"{n} clients")


def test_counting_entries_with_a_verb_or_a_case():
    """The verb and the case change with the count too, not only the noun."""
    assert [tn("quality.count.read", n, "ru") for n in (1, 2, 5, 21, 111)] == [
        "прочитана 1 строка", "прочитаны 2 строки", "прочитано 5 строк", "прочитана 21 строка",
        "прочитано 111 строк"]
    assert [tn("check.got.series", n, "ru") for n in (1, 3, 11, 21)] == [
        "столбец (Series) из 1 значения", "столбец (Series) из 3 значений",
        "столбец (Series) из 11 значений", "столбец (Series) из 21 значения"]
    assert tn("run.summary.failed.count", 21, "ru", total=25).startswith(
        "21 блок из 25 завершился с ошибкой")
    assert tn("run.summary.failed.count", 22, "ru", total=25).startswith(
        "22 блока из 25 завершились с ошибкой")
    assert tn("run.step.read_done.count", 136913, "ru", seconds="4 с") == (
        f"Данные прочитаны: 136{NBSP}913 строк продаж (4 с).")
    assert tn("run.step.read_done.count", 1, "bg", seconds="4 с") == (
        "Данните са прочетени: 1 ред продажби (4 с).")
    assert tn("quality.count.errors", 0, "ru") == "0 ошибок"
    assert tn("demo.count.files", 10, "bg") == "10 файла"
