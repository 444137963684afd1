"""The data-quality report: issues, what missing data disables, text/HTML/JSON forms, table checks."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kbcore.i18n import catalogue
from kbcore.ingest.quality import (
    DISABLES,
    Issue,
    QualityReport,
    check_tables,
    column_name,
    table_name,
)
from kbcore.schema import TABLES


def sales_frame(rows) -> pd.DataFrame:
    """Canonical sales from (date, client_id, revenue, quantity) tuples."""
    df = pd.DataFrame(rows, columns=["date", "client_id", "revenue", "quantity"])
    return df.astype({"date": "datetime64[ns]", "client_id": "string", "revenue": "float64",
                      "quantity": "float64"})


def clients_frame(ids, names=None) -> pd.DataFrame:
    df = pd.DataFrame({"client_id": ids, "name": names or [f"Client {i}" for i in ids]})
    return df.astype("string")


def test_every_disables_entry_and_issue_code_is_in_the_catalogue():
    cat = catalogue()
    for (table, column), key in DISABLES.items():
        assert table in TABLES and (column is None or column in TABLES[table].columns)
        assert "en" in cat[key] and "ru" in cat[key] and "bg" in cat[key]


def test_ok_levels_and_json_round_trip():
    q = QualityReport()
    q.add("info", "sales", "quality.empty_dropped", 2, file="a.csv")
    q.add("warning", "sales", "quality.bad_dropped", 1, file="a.csv", column="Сумма",
          examples=["7: 'н/д'"], kind="@quality.kind.number", canonical="revenue")
    q.stats("sales").rows_read = 10
    assert q.ok and q.count("warning") == 1
    q.add("error", "sales", "quality.orphans", 3)
    assert not q.ok
    again = QualityReport.from_dict(json.loads(json.dumps(q.to_dict(), ensure_ascii=False)))
    assert again == q
    with pytest.raises(ValueError):
        Issue("fatal", "sales", "quality.orphans")


def test_texts_in_english_and_russian_with_examples():
    q = QualityReport()
    q.add("warning", "sales", "quality.bad_dropped", 1, file="a.csv", column="Сумма",
          examples=["7: 'н/д'"], kind="@quality.kind.number", canonical="revenue")
    q.add("info", "sales", "quality.returns", 2, money=1234.7)
    q.add("info", "interactions", "quality.disables.interactions")
    en, ru = q.to_text("en"), q.to_text("ru")
    assert "1 value could not be read as a number; its row was dropped." in en
    assert "[sales · Сумма]" in en and "7: 'н/д'" in en
    assert "1 значение не удалось прочитать как число; строки с такими значениями удалены." in ru
    assert "[продажи · Сумма]" in ru  # the table in words, the company's own header as it is
    # money is formatted for the locale, no decimals: 1234.7 -> RUB 1,235 / 1 235 ₽
    assert "RUB\xa01,235" in en and "1\xa0235\xa0₽" in ru
    assert q.disabled_analyses("en") == [
        "No interactions (CRM history): visits are not counted in cost to serve; "
        "contact activity is not analysed."]
    assert "Missing data and what it disables:" in en
    frame = q.to_frame("ru")
    assert list(frame.columns) == ["Важность", "Таблица", "Файл", "Столбец", "Количество",
                                   "Сообщение", "Примеры"]
    assert len(frame) == 3 and frame["Важность"].iloc[0] == "предупреждение"


def test_html_escapes_text_from_the_data():
    q = QualityReport()
    q.add("warning", "sales", "quality.orphans", 1, examples=["<script>alert(1)</script>"])
    q.stats("sales").files.append("<b>sales</b>.csv")
    page = q.to_html("en")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;sales&lt;/b&gt;.csv" in page
    assert q._repr_html_() == page


def test_check_tables_returns_duplicates_orphans_and_missing_data():
    sales = sales_frame([
        ("2024-01-10", "A", 100.0, 2.0),
        ("2024-01-10", "A", 100.0, 2.0),   # exact copy of the line above
        ("2024-02-01", "B", -30.0, -1.0),  # a return
        ("2024-03-01", "X", 50.0, 1.0),    # X is not in the clients file
    ])
    clients = clients_frame(["A", "B"])
    interactions = pd.DataFrame({"date": pd.to_datetime(["2024-01-05"]),
                                 "client_id": pd.array(["Z"], dtype="string")})
    q = QualityReport()
    out = check_tables({"sales": sales, "clients": clients, "interactions": interactions}, q)
    returns = q.find("quality.returns")[0]
    assert returns.count == 1 and returns.fields["money"] == 30.0
    assert q.find("quality.duplicates")[0].count == 1
    assert len(out["sales"]) == 4  # duplicates are kept
    added = q.find("quality.orphans_added")[0]
    assert added.count == 1 and added.examples == ["X"]
    assert list(out["clients"]["client_id"]) == ["A", "B", "X"]
    assert str(out["clients"]["client_id"].dtype) == "string"
    assert q.find("quality.orphans", "interactions")[0].count == 1  # Z is unknown
    codes = {i.code for i in q.issues}
    # no cost and no doc_id in the sales; interactions present but without kind
    assert {"quality.disables.sales.cost", "quality.disables.sales.doc_id",
            "quality.disables.interactions.kind", "quality.disables.contacts"} <= codes
    assert "quality.disables.interactions" not in codes
    assert any("gross margin" in d for d in q.disabled_analyses("en"))
    assert any("distinct days" in d for d in q.disabled_analyses("en"))
    assert q.ok


def test_check_tables_duplicate_client_keys_keep_the_first():
    sales = sales_frame([("2024-01-10", "A", 100.0, 1.0)])
    clients = clients_frame(["A", "A", "B"], ["First", "Second", "Other"])
    q = QualityReport()
    out = check_tables({"sales": sales, "clients": clients}, q)
    assert list(out["clients"]["name"]) == ["First", "Other"]
    assert q.find("quality.duplicate_keys", "clients")[0].count == 1


def test_suspicious_dates_are_reported_and_kept():
    dates = ["2023-05-01"] * 5 + ["2204-03-05", "1924-03-05"]
    sales = sales_frame([(d, "A", 1.0, 1.0) for d in dates])
    q = QualityReport()
    out = check_tables({"sales": sales, "clients": clients_frame(["A"])}, q)
    odd = q.find("quality.dates_suspicious", "sales")[0]
    assert odd.count == 2 and odd.fields["first"] == "1924-03-05"
    assert odd.fields["last"] == "2204-03-05"
    assert len(out["sales"]) == 7


def test_no_suspicious_dates_in_ordinary_data():
    sales = sales_frame([("2021-01-01", "A", 1.0, 1.0), ("2025-12-31", "A", 1.0, 1.0)])
    q = QualityReport()
    check_tables({"sales": sales, "clients": clients_frame(["A"])}, q)
    assert not q.find("quality.dates_suspicious")


# --------------------------------------------------------------------------- people's words, counts
NBSP = "\xa0"


def test_every_table_and_column_has_its_peoples_name():
    """The report never falls back to a canonical name: every table and column is in the catalogue."""
    cat = catalogue()
    for name, table in TABLES.items():
        assert f"data.table.{name}" in cat, name
        for column in table.columns:
            assert column_name(column, "ru", name) != column, (name, column)
    assert (table_name("sales", "ru"), table_name("sales", "bg")) == ("продажи", "продажби")
    assert column_name("client_id", "ru") == "код клиента"
    assert column_name("name", "ru", "products") == "наименование товара"  # a product's name
    assert column_name("name", "ru", "clients") == "название клиента"
    assert column_name("Сумма", "ru") == "Сумма"  # a company's own header: as it is


@pytest.mark.parametrize(("n", "ru", "bg"), [
    (1, "Удалена 1 пустая строка.", "Премахнат е 1 празен ред."),
    (2, "Удалены 2 пустые строки.", "Премахнати са 2 празни реда."),
    (5, "Удалено 5 пустых строк.", "Премахнати са 5 празни реда."),
    (11, "Удалено 11 пустых строк.", "Премахнати са 11 празни реда."),
    (21, "Удалена 21 пустая строка.", "Премахнати са 21 празни реда."),
    (22, "Удалены 22 пустые строки.", "Премахнати са 22 празни реда."),
    (25, "Удалено 25 пустых строк.", "Премахнати са 25 празни реда."),
    (111, "Удалено 111 пустых строк.", "Премахнати са 111 празни реда."),
    (1234, f"Удалены 1{NBSP}234 пустые строки.", f"Премахнати са 1{NBSP}234 празни реда."),
])
def test_issue_texts_agree_with_their_count(n, ru, bg):
    issue = Issue("info", "sales", "quality.empty_dropped", n)
    assert (issue.text("ru"), issue.text("bg")) == (ru, bg)


def test_report_in_russian_names_tables_and_columns_in_words_and_counts_agree():
    q = QualityReport()
    q.add("info", "sales", "quality.file_read", file="a.csv", row=5, encoding="cp1251", sep="';'",
          title=4)
    q.add("info", "sales", "quality.columns_used", 2, file="a.csv",
          columns=["Дата → date", "Контрагент → client_id", "payment_terms_days → payment_terms_days"])
    q.add("warning", "sales", "quality.identity_name", 5, clients=21)
    q.add("warning", "market", "quality.duplicate_keys", 3, columns="segment, region")
    q.add("warning", "sales", "quality.missing_dropped", 1, file="a.csv", column="Контрагент",
          canonical="client_id")
    q.add("warning", "sales", "quality.dates_suspicious", 2, column="date", first="1924-03-05",
          last="2204-03-05")
    q.stats("sales").files.append("a.csv")
    q.stats("sales").rows_read, q.stats("sales").rows_kept = 22, 21
    clients = q.stats("clients")
    clients.derived, clients.rows_kept = True, 3
    ru = q.to_text("ru")
    assert "Данные можно использовать (0 ошибок, 4 предупреждения)." in ru
    assert "  продажи: a.csv — прочитаны 22 строки, оставлена 21" in ru
    assert "  клиенты: взяты из строк продаж — 3 строки" in ru
    assert "(пропущены 4 строки над ним)" in ru
    assert ("использованы столбцы: Дата → дата, Контрагент → код клиента, "
            "отсрочка платежа в днях." in ru)  # a header that is the canonical name: said once
    assert "В 5 строках продаж (21 клиент) нет ни кода клиента, ни ИНН" in ru
    assert "[рынок] 3 строки повторяют значение «сегмент, регион»" in ru
    assert "[продажи · Контрагент] Удалена 1 строка без значения «код клиента»" in ru
    assert "[продажи · дата] 2 даты в столбце «дата»" in ru
    for code_word in ("sales", "client_id", "market", "segment", "[clients", "date", "payment_terms"):
        assert code_word not in ru.replace("a.csv", ""), code_word
    page = q.to_html("ru")
    assert "<td>продажи</td>" in page and "Как прочитаны файлы (2 заметки)" in page
    assert "Отчет за качеството на данните" in q.to_html("bg")
    assert "The data can be used (0 errors, 4 warnings)." in q.to_text("en")
    frame = q.to_frame("ru")
    assert set(frame["Таблица"]) == {"продажи", "рынок"}


def test_a_single_error_and_warning_in_the_summary():
    q = QualityReport()
    q.add("error", "sales", "quality.orphans", 1)
    q.add("warning", "sales", "quality.orphans", 1)
    assert q.summary("ru") == "Данные нельзя использовать: 1 ошибка, 1 предупреждение."
    assert q.summary("en") == "The data cannot be used: 1 error, 1 warning."
    assert q.summary("bg") == "Данните не могат да се използват: 1 грешка, 1 предупреждение."
