"""Loading company exports as they really are: 1C-style CSV, Excel, UTF-8-BOM TSV, Parquet, folders.

Every file is built here in tmp_path; expected numbers are written out with their arithmetic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kbcore.errors import KBDataError
from kbcore.facts import Facts
from kbcore.ingest.clean import parse_bools, parse_dates, parse_numbers
from kbcore.ingest.dataset import CACHE_MARKER, Dataset, load, validate
from kbcore.ingest.files import find_table_files
from kbcore.ingest.headers import Mapping, normalise_header
from kbcore.paths import DEMO_DIR

NBSP, NNBSP = "\xa0", "\u202f"

# A 1C "Валовая прибыль" report saved as CSV: cp1251, ';', 4 title lines, decimal commas,
# NBSP and space thousands, a return, an empty line and a totals row. (cp1251 has no narrow
# NBSP; the UTF-8 variant below adds one.)
ONEC_LINES = [
    "Валовая прибыль;;;;;;;",
    "Параметры:;Период: 01.01.2024 - 31.12.2024;;;;;;",
    "Отбор:;Контрагент В списке;;;;;;",
    ";;;;;;;",
    "Дата;Документ;Контрагент;ИНН;Номенклатура;Количество;Сумма;Себестоимость",
    f"05.03.2024 0:00:00;РТУ-001;ООО Ромашка;0274062111;Труба;2;1{NBSP}234,50;1 000,00",
    "12.01.2024;РТУ-002;ООО Лютик;7701234567;Кран;1;100,00;80,00",
    ";;;;;;;",
    "07.03.2024;ВТ-001;ООО Ромашка;0274062111;Труба;-1;-50,00;-40,00",
    f"Итого;;;;;2;1{NBSP}284,50;1{NBSP}040,00",
]


def write_1c_csv(path: Path, lines=ONEC_LINES, encoding="cp1251", newline="\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def fingerprint(path: Path) -> tuple[int, str]:
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def onec_csv(tmp_path) -> Path:
    return write_1c_csv(tmp_path / "Продажи.csv")


def issue(ds: Dataset, code: str):
    found = ds.quality.find(code)
    assert found, f"no issue {code}: {[i.code for i in ds.quality.issues]}"
    return found[0]


# ---------------------------------------------------------------------------------------------
# the 1C CSV
# ---------------------------------------------------------------------------------------------

def test_1c_csv_loads_without_mapping(onec_csv):
    before = fingerprint(onec_csv)
    ds = load(onec_csv)
    sales = ds.sales
    # 3 lines: the empty line and the totals row are not sales
    assert len(sales) == 3
    # net revenue after the return: 1234.50 + 100.00 - 50.00 = 1284.50
    assert sales["revenue"].sum() == pytest.approx(1284.50)
    # cost: 1000.00 + 80.00 - 40.00 = 1040.00
    assert sales["cost"].sum() == pytest.approx(1040.00)
    # day first, never swapped: 05.03.2024 is 5 March, 12.01.2024 is 12 January
    assert list(sales["date"]) == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-01-12"),
                                   pd.Timestamp("2024-03-07")]
    # the tax ID is the client's identity, as text with its leading zero
    assert sales["client_id"].iloc[0] == "0274062111"
    assert set(ds.clients["client_id"]) == {"0274062111", "7701234567"}
    assert "Итого" not in set(ds.clients["name"])
    assert ds.clients.set_index("client_id").loc["0274062111", "name"] == "ООО Ромашка"
    assert str(sales["doc_id"].dtype) == "string"
    assert str(sales["client_id"].dtype) == "string"
    assert sales["date"].dtype == "datetime64[ns]"
    assert sales["revenue"].dtype == "float64"
    # the input file is untouched
    assert fingerprint(onec_csv) == before


def test_1c_csv_quality_report(onec_csv):
    ds = load(onec_csv)
    q = ds.quality
    assert q.ok
    assert issue(ds, "quality.totals_dropped").count == 1
    assert issue(ds, "quality.totals_dropped").examples == ["10: 'Итого'"]  # line 10 of the file
    assert issue(ds, "quality.empty_dropped").count == 1
    returns = issue(ds, "quality.returns")
    assert returns.count == 1 and returns.fields["money"] == pytest.approx(50.0)
    read = issue(ds, "quality.file_read")
    assert read.fields["encoding"] == "cp1251" and read.fields["sep"] == "';'"
    assert read.fields["row"] == 5 and read.fields["title"] == 4
    assert q.tables["sales"].rows_read == 5 and q.tables["sales"].rows_kept == 3
    assert q.tables["clients"].derived and q.tables["clients"].rows_kept == 2
    text = q.to_text("en")
    assert "No interactions" in text and "gross margin" not in text  # cost is present
    assert "Нет истории взаимодействий" in q.to_text("ru")


def test_1c_csv_in_utf8_and_gzip_and_lf(tmp_path):
    import gzip

    lines = [ln.replace(f"1{NBSP}234,50", f"1{NNBSP}234,50") for ln in ONEC_LINES]
    plain = write_1c_csv(tmp_path / "a.csv", lines, encoding="utf-8", newline="\n")
    gz = tmp_path / "sales.csv.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    for path in (plain, gz):
        # narrow NBSP thousands: 1234.50 + 100 - 50 = 1284.50
        assert load(path).sales["revenue"].sum() == pytest.approx(1284.50)


def test_tab_separated_utf8_bom_english_headers(tmp_path):
    path = tmp_path / "export.tsv"
    text = ("Invoice Date\tCustomer\tINN\tAmount\tQty\tCOGS\n"
            "2024-03-05\tACME\t0274062111\t1,234.50\t2\t1,000.00\n"
            "2024-03-06\tBeta\t7701234567\t100\t1\t80\n"
            "2024-03-07\tACME\t0274062111\t-50\t-1\t-40\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ds = load(path)
    # 1234.50 + 100 - 50 = 1284.50 (comma = thousands separator when a dot is the decimal mark)
    assert ds.sales["revenue"].sum() == pytest.approx(1284.50)
    assert ds.sales["quantity"].tolist() == [2.0, 1.0, -1.0]
    assert issue(ds, "quality.file_read").fields["encoding"] == "utf-8-sig"
    assert ds.sales["client_id"].iloc[0] == "0274062111"


def test_comma_separated_with_quoted_decimal_commas(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text('Дата,Клиент,Сумма\n01.02.2024,"ООО ""Альфа""","1 234,50"\n'
                    '02.02.2024,ООО Бета,"100,25"\n', encoding="utf-8")
    ds = load(path)
    # 1234.50 + 100.25 = 1334.75
    assert ds.sales["revenue"].sum() == pytest.approx(1334.75)
    assert ds.sales["name"].iloc[0] == 'ООО "Альфа"'
    assert ds.quality.find("quality.identity_name")  # names are a weak identity: warned


# ---------------------------------------------------------------------------------------------
# Excel and Parquet
# ---------------------------------------------------------------------------------------------

def write_xlsx(path: Path, sheet="TDSheet") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["Продажи по клиентам"])
    ws.append(["Период: 01.01.2024 - 31.12.2024"])
    ws.append([])
    ws.append(["Дата", "Код клиента", "Покупатель", "Менеджер", "Сегмент", "Выручка",
               "Себестоимость", "Сумма скидки"])
    ws.append([dt.datetime(2024, 3, 5), "000123", "ООО Ромашка", "Иванов", "Опт", 1234.5, 1000, 10])
    ws.append([dt.datetime(2024, 1, 12), "000124", "ООО Лютик", "Петров", "Розница", 100, 80, 0])
    ws.append([45358, "000123", "ООО Ромашка", "Сидоров", "Опт", "-50,00", -40, None])
    ws.append(["Итого", None, None, None, None, 1284.5, 1040, 10])
    wb.save(path)
    return path


def test_xlsx_with_title_rows_and_date_cells(tmp_path):
    path = write_xlsx(tmp_path / "Продажи 2024.xlsx")
    before = fingerprint(path)
    ds = load(path)
    # 1234.5 + 100 - 50 = 1284.5; the "Итого" row is dropped
    assert ds.sales["revenue"].sum() == pytest.approx(1284.5)
    # a date cell, and an Excel serial number 45358 = 2024-03-07
    assert list(ds.sales["date"]) == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-01-12"),
                                      pd.Timestamp("2024-03-07")]
    assert list(ds.sales["client_id"]) == ["000123", "000124", "000123"]
    clients = ds.clients.set_index("client_id")
    # client columns of a sales export describe the derived clients; latest manager wins
    assert clients.loc["000123", "segment"] == "Опт"
    assert clients.loc["000123", "manager"] == "Сидоров"
    assert issue(ds, "quality.file_read_sheet").fields["row"] == 4
    assert fingerprint(path) == before


def test_xlsx_wrong_sheet_names_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "sales.xlsx")
    with pytest.raises(KBDataError) as err:
        load(path, {"sheet": "Лист1"})
    text = str(err.value)
    assert "Лист1" in text and "TDSheet" in text and "sales.xlsx" in text
    assert "has no sheet" in text and "нет листа" in text
    ok = load(path, {"sheet": "TDSheet"})
    assert len(ok.sales) == 3


def test_xlsx_read_with_openpyxl_when_calamine_is_missing(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_calamine(name, *args, **kwargs):
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    ds = load(write_xlsx(tmp_path / "sales.xlsx"))
    assert ds.sales["revenue"].sum() == pytest.approx(1284.5)


def test_parquet_file(tmp_path):
    path = tmp_path / "sales.parquet"
    pd.DataFrame({"date": pd.to_datetime(["2024-03-05", "2024-03-06"]),
                  "client_id": ["007", "008"], "revenue": [1.5, 2.5],
                  "quantity": [1, 2]}).to_parquet(path)
    ds = load(path)
    assert list(ds.sales["client_id"]) == ["007", "008"]
    assert ds.sales["revenue"].sum() == pytest.approx(4.0)
    assert ds.sales["quantity"].dtype == "float64"


# ---------------------------------------------------------------------------------------------
# folders, mappings and identity
# ---------------------------------------------------------------------------------------------

def test_folder_with_russian_file_names_links_clients_by_tax_id(tmp_path, onec_csv):
    folder = onec_csv.parent
    (folder / "Контрагенты.csv").write_text(
        "Код;Наименование;ИНН;Сегмент;Отсрочка платежа\n"
        "K-001;ООО Ромашка;0274062111;Опт;30 дн.\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"not a table")
    files, ignored = find_table_files(folder)
    assert sorted(files) == ["clients", "sales"] and ignored == ["notes.docx"]
    ds = load(folder)
    # sales identified by ИНН are linked to the client code K-001 of the clients file
    assert set(ds.sales["client_id"]) == {"K-001", "7701234567"}
    assert issue(ds, "quality.linked").count == 2
    # 7701234567 is not in the clients file: added, with the name from the sales lines
    assert issue(ds, "quality.orphans_added").count == 1
    clients = ds.clients.set_index("client_id")
    assert clients.loc["7701234567", "name"] == "ООО Лютик"
    assert clients.loc["K-001", "payment_terms_days"] == 30.0
    assert issue(ds, "quality.ignored_files").fields["files"] == ["notes.docx"]


def test_mapping_file_names_headers_files_and_month_first_dates(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "export_2024.csv").write_text(
        "Дата реализации;Покупатель;ИНН покупателя;Сумма с НДС;Сумма без НДС\n"
        "03/05/2024;ООО А;0274062111;120;100\n"
        "12/01/2024;ООО Б;7701234567;240;200\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        'files:\n  sales: "export_2024.csv"\n'
        "columns:\n  sales:\n"
        '    "Дата реализации": date\n    "Покупатель": name\n'
        '    "ИНН покупателя": tax_id\n    "Сумма без НДС": revenue\n    "Сумма с НДС": null\n'
        "dayfirst: false\n", encoding="utf-8")
    ds = load(folder, mapping)
    # month first: 03/05/2024 = 5 March, 12/01/2024 = 1 December
    assert list(ds.sales["date"]) == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-12-01")]
    assert ds.sales["revenue"].sum() == pytest.approx(300.0)  # 100 + 200, VAT excluded
    assert list(ds.sales["client_id"]) == ["0274062111", "7701234567"]


def test_same_tax_id_with_different_names_keeps_the_most_frequent(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Контрагент;ИНН;Сумма\n"
                    "01.02.2024;ООО Ромашка;0274062111;10\n"
                    "02.02.2024;Ромашка ООО;0274062111;10\n"
                    "03.02.2024;ООО Ромашка;0274062111;10\n", encoding="utf-8")
    ds = load(path)
    assert len(ds.clients) == 1
    assert ds.clients["name"].iloc[0] == "ООО Ромашка"  # 2 lines against 1
    assert set(ds.sales["name"]) == {"ООО Ромашка"}
    found = issue(ds, "quality.names_per_id")
    assert found.count == 1 and "Ромашка ООО" in found.examples[0]


def test_duplicate_lines_are_kept_and_reported(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Код клиента;Сумма\n01.02.2024;A;10\n01.02.2024;A;10\n02.02.2024;B;5\n",
                    encoding="utf-8")
    ds = load(path)
    assert len(ds.sales) == 3  # kept: one document can list the same item twice
    dup = issue(ds, "quality.duplicates")
    assert dup.level == "warning" and dup.count == 1
    assert "kept" in dup.text("en")


def test_a_few_bad_amounts_drop_those_rows_with_examples(tmp_path):
    rows = [f"{d:02d}.01.2024;C{d};{d}0,00" for d in range(1, 26)]
    rows[6] = "07.01.2024;C7;н/д"  # line 9 of the file (header is line 1, title line... none)
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Код клиента;Сумма\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ds = load(path)
    assert len(ds.sales) == 24
    bad = issue(ds, "quality.bad_dropped")
    assert bad.level == "warning" and bad.column == "Сумма" and bad.examples == ["8: 'н/д'"]
    # 10+20+...+250 = 10 * (25*26/2) = 3250, minus the dropped 70 = 3180
    assert ds.sales["revenue"].sum() == pytest.approx(3180.0)


def test_load_none_reads_the_demo_company():
    if not (DEMO_DIR / "sales.csv.gz").exists():
        pytest.skip("data/demo not generated yet")
    ds = load()
    assert ds.source == "demo"
    assert len(ds.sales) > 1000 and ds.has("clients", "name")
    assert ds.quality.ok


# ---------------------------------------------------------------------------------------------
# bad input: KBDataError naming the file and the column, in English and Russian
# ---------------------------------------------------------------------------------------------

def bilingual(err: KBDataError, en: str, ru: str) -> str:
    text = str(err)
    assert en in text, text
    assert ru in text, text
    return text


def test_missing_path(tmp_path):
    with pytest.raises(KBDataError) as err:
        load(tmp_path / "nowhere.csv")
    bilingual(err.value, "does not exist", "Такого пути нет")
    assert "nowhere.csv" in str(err.value)


def test_unknown_file_type(tmp_path):
    path = tmp_path / "sales.docx"
    path.write_bytes(b"x")
    with pytest.raises(KBDataError) as err:
        load(path)
    bilingual(err.value, "'.docx' cannot be read", "'.docx' не читаются")


def test_empty_file(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_bytes(b"")
    with pytest.raises(KBDataError) as err:
        load(path)
    text = bilingual(err.value, "The file is empty", "Файл пустой")
    assert "sales.csv" in text


def test_header_only_file(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Контрагент;Сумма\nИтого;;0\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(path)
    bilingual(err.value, "No usable rows", "не осталось пригодных строк")


def test_missing_required_column(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Контрагент;Сумма\nООО А;10\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(path)
    text = bilingual(err.value, "needs the column 'date'", "нужен столбец 'date'")
    assert "sales.csv" in text and "Контрагент, Сумма" in text and "дата" in text


def test_text_in_amount_column(tmp_path):
    path = write_1c_csv(tmp_path / "sales.csv", ONEC_LINES[:6] + [
        "06.03.2024;Р-2;ООО Б;7701234567;Кран;1;сто рублей;80,00",
        "07.03.2024;Р-3;ООО Б;7701234567;Кран;1;см. счёт;80,00"])
    with pytest.raises(KBDataError) as err:
        load(path)
    e = err.value
    text = bilingual(e, "cannot be read as a number", "не читаются как число")
    assert e.column == "Сумма" and "Column: Сумма" in text and "Столбец: Сумма" in text
    assert "7: 'сто рублей'" in text and "8: 'см. счёт'" in text  # lines as in the file


def test_unreadable_dates(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Код клиента;Сумма\n31.02.2024;A;1\n2024/13/45;B;2\nвчера;C;3\n",
                    encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(path)
    text = bilingual(err.value, "are not readable dates", "не даты")
    assert "Дата" in text and "2: '31.02.2024'" in text and "dayfirst: false" in text


def test_no_header_row(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("1;2;3\n4;5;6\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(path)
    bilingual(err.value, "No header row", "не найдена строка заголовков")


def test_mapping_errors(tmp_path, onec_csv):
    with pytest.raises(KBDataError) as err:
        load(onec_csv, {"columns": {"sales": {"Сумма": "turnover"}}})
    text = bilingual(err.value, "not a column of the sales table", "такого столбца нет")
    assert "turnover" in text and "revenue" in text
    with pytest.raises(KBDataError) as err:
        load(onec_csv, {"columns": {"sales": {"Сумма продажи": "revenue"}}})
    text = bilingual(err.value, "the file has no such header", "такого заголовка нет")
    assert "Сумма продажи" in text and "Продажи.csv" in text
    with pytest.raises(KBDataError) as err:
        load(onec_csv, {"column": {}})
    bilingual(err.value, "unknown key(s): column", "неизвестные ключи: column")
    with pytest.raises(KBDataError) as err:
        load(onec_csv, {"columns": {"orders": {"a": "b"}}})
    bilingual(err.value, "unknown table 'orders'", "неизвестная таблица 'orders'")
    bad_yaml = tmp_path / "m.yaml"
    bad_yaml.write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(onec_csv, bad_yaml)
    bilingual(err.value, "mapping file could not be read", "Не удалось прочитать файл сопоставления")


def test_folder_without_sales(tmp_path):
    (tmp_path / "clients.csv").write_text("client_id\nA\n", encoding="utf-8")
    with pytest.raises(KBDataError) as err:
        load(tmp_path)
    text = bilingual(err.value, "No sales file", "не найден файл продаж")
    assert "clients.csv" in text


def test_input_files_unchanged_even_when_loading_fails(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Контрагент;Сумма\nООО А;10\n", encoding="utf-8")
    before = fingerprint(path)
    with pytest.raises(KBDataError):
        load(path)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sales.csv"]


# ---------------------------------------------------------------------------------------------
# the canonical cache and validate()
# ---------------------------------------------------------------------------------------------

def test_save_and_load_round_trip_is_exact(tmp_path, onec_csv):
    (onec_csv.parent / "clients.csv").write_text(
        "client_id;name;tax_id;key_account;created;payment_terms_days\n"
        "0274062111;ООО Ромашка;0274062111;да;01.02.2020;30\n", encoding="utf-8")
    ds = load(onec_csv.parent)
    out = ds.save(tmp_path / "cache")
    assert (out / CACHE_MARKER).exists() and (out / "quality.json").exists()
    again = load(out)
    for name, df in ds.tables.items():
        pd.testing.assert_frame_equal(again.table(name), df, check_exact=True)
    assert again.quality.to_dict() == ds.quality.to_dict()
    assert again.source == ds.source
    assert again.clients["key_account"].dtype == "boolean"
    assert again.clients.set_index("client_id").loc["0274062111", "key_account"]
    assert Facts.of(again).as_of == pd.Timestamp("2024-03-07")


def test_validate_exit_codes_and_text(tmp_path, onec_csv):
    code, text = validate(onec_csv)
    assert code == 0 and "The data can be used" in text
    code, text = validate(onec_csv, lang="ru")
    assert code == 0 and "Данные можно использовать" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("Контрагент;Сумма\nООО А;10\n", encoding="utf-8")
    code, text = validate(bad, lang="ru")
    assert code == 2
    assert text.index("нужен столбец") < text.index("needs the column")  # ru first, then en


def test_dataset_has_and_table(onec_csv):
    ds = load(onec_csv)
    assert ds.has("sales") and ds.has("sales", "cost") and not ds.has("sales", "discount")
    assert not ds.has("interactions") and ds.table("interactions") is None
    with pytest.raises(KeyError):
        ds.table("orders")


# ---------------------------------------------------------------------------------------------
# value parsers
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("1 234,50", 1234.50), (f"1{NBSP}234,50", 1234.50), (f"1{NNBSP}234{NNBSP}567", 1234567.0),
    ("-50,00", -50.0), ("\u2212" + "7,5", -7.5), ("(1 000,00)", -1000.0), ("1234,5 руб.", 1234.5),
    ("30 дн.", 30.0), ("100 ₽", 100.0), ("1'234.5", 1234.5), ("0,5", 0.5),
])
def test_parse_numbers_russian_formats(raw, expected):
    values, bad = parse_numbers(pd.Series([raw], dtype="str"))
    assert values.iloc[0] == pytest.approx(expected) and not bad.iloc[0]


def test_parse_numbers_decides_the_decimal_mark_per_column():
    english = pd.Series(["1,234.50", "12.5", "1,000"], dtype="str")
    assert parse_numbers(english)[0].tolist() == [1234.5, 12.5, 1000.0]
    german = pd.Series(["1.234,50", "12,5"], dtype="str")
    assert parse_numbers(german)[0].tolist() == [1234.5, 12.5]
    russian = pd.Series(["1234,5", "12,25", ""], dtype="str")
    values, bad = parse_numbers(russian)
    assert values.iloc[:2].tolist() == [1234.5, 12.25] and np.isnan(values.iloc[2])
    assert not bad.any()  # empty is not bad
    mixed = pd.Series([1.5, "2,5", "abc", None], dtype=object)  # Excel: numbers and text
    values, bad = parse_numbers(mixed)
    assert values.iloc[:2].tolist() == [1.5, 2.5] and bad.tolist() == [False, False, True, False]


def test_parse_dates_formats():
    raw = pd.Series(["05.03.2024", "2024-03-05", "05.03.24", "05.03.2024 0:00:00", "45356",
                     "март 2024", "5 марта 2024 г.", "20240305", "01.01.0001", "31.02.2024", None],
                    dtype="str")
    values, bad = parse_dates(raw)
    march5 = pd.Timestamp("2024-03-05")
    assert values.iloc[:5].tolist() == [march5] * 5  # Excel serial 45356 = 2024-03-05
    assert values.iloc[5] == pd.Timestamp("2024-03-01")
    assert values.iloc[6] == march5 and values.iloc[7] == march5
    assert pd.isna(values.iloc[8]) and not bad.iloc[8]  # 1C's empty date is empty, not an error
    assert pd.isna(values.iloc[9]) and bad.iloc[9]  # 31 February does not exist
    assert not bad.iloc[10]
    month_first, _ = parse_dates(pd.Series(["03/05/2024"], dtype="str"), dayfirst=False)
    assert month_first.iloc[0] == march5


def test_parse_dates_excel_cells():
    raw = pd.Series([dt.datetime(2024, 3, 5, 14, 30), dt.date(2024, 1, 12), 45358, "06.03.2024"],
                    dtype=object)
    values, bad = parse_dates(raw)
    assert values.tolist() == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-01-12"),
                               pd.Timestamp("2024-03-07"), pd.Timestamp("2024-03-06")]
    assert values.dtype == "datetime64[ns]" and not bad.any()


def test_parse_bools_and_headers():
    values, bad = parse_bools(pd.Series(["да", "Нет", "yes", "1", "x", "", "может быть"], dtype="str"))
    assert values.tolist()[:5] == [True, False, True, True, True]
    assert pd.isna(values.iloc[5]) and bad.tolist() == [False] * 6 + [True]
    assert normalise_header("  Кол-во,  шт. ") == "кол во шт"
    assert normalise_header("Client_ID") == "client id"


def test_mapping_flat_columns_are_the_sales_table():
    m = Mapping.load({"columns": {"Дата реализации": "date"}})
    assert m.columns == {"sales": {"Дата реализации": "date"}}


def test_totals_labels_are_dropped_but_a_client_called_total_is_not(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Контрагент;Сумма\n"
                    "01.02.2024;Total Logistics;10\n"
                    "02.02.2024;Всего понемногу ООО;20\n"
                    "Итого по контрагенту Total Logistics;;10\n"
                    ";ИТОГО:;30\n"
                    "Всего;;30\n"
                    "Total;;30\n", encoding="utf-8")
    ds = load(path)
    assert list(ds.sales["client_id"]) == ["Total Logistics", "Всего понемногу ООО"]
    assert issue(ds, "quality.totals_dropped").count == 4
    assert ds.sales["revenue"].sum() == pytest.approx(30.0)  # 10 + 20


def test_large_file_with_repeated_values(tmp_path):
    # 3000 lines (values repeat, so they are converted once per distinct value):
    # every 100th line has no amount and is dropped -> 2970 lines of 1 000,50 each
    lines = ["Дата;Код клиента;Сумма"]
    for i in range(3000):
        amount = "" if i % 100 == 0 else "1 000,50"
        lines.append(f"{i % 28 + 1:02d}.03.2024;{i % 7:03d};{amount}")
    path = tmp_path / "sales.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load(path)
    assert len(ds.sales) == 2970
    assert ds.sales["revenue"].sum() == pytest.approx(2970 * 1000.50)  # 2 971 485.00
    assert ds.sales["date"].min() == pd.Timestamp("2024-03-01")
    assert ds.sales["date"].max() == pd.Timestamp("2024-03-28")
    assert sorted(ds.clients["client_id"]) == [f"{k:03d}" for k in range(7)]
    assert issue(ds, "quality.missing_dropped").count == 30


def test_parquet_float_codes_read_as_text(tmp_path):
    path = tmp_path / "sales.parquet"
    pd.DataFrame({"date": ["2024-03-05", "2024-03-06"], "client_id": [7.0, 8.0],
                  "revenue": ["1 234,50", "100"]}).to_parquet(path)
    ds = load(path)
    assert list(ds.sales["client_id"]) == ["7", "8"]
    assert ds.sales["revenue"].sum() == pytest.approx(1334.50)  # 1234.50 + 100


def test_template_mapping_is_valid():
    from kbcore.paths import TEMPLATES_DIR

    m = Mapping.load(TEMPLATES_DIR / "mapping.yaml")
    assert m.columns["sales"]["Сумма без НДС"] == "revenue"
    assert m.columns["sales"]["Сумма с НДС"] is None
    assert m.dayfirst is True


def test_client_code_falls_back_to_tax_id_then_name_per_line(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Код контрагента;ИНН;Контрагент;Сумма\n"
                    "01.02.2024;K-1;0274062111;ООО А;10\n"
                    "02.02.2024;;7701234567;ООО Б;20\n"
                    "03.02.2024;;;ООО В;30\n"
                    "04.02.2024;;;;40\n", encoding="utf-8")
    ds = load(path)
    assert list(ds.sales["client_id"]) == ["K-1", "7701234567", "ООО В"]
    dropped = issue(ds, "quality.missing_dropped")
    assert dropped.count == 1 and dropped.examples == ["5: ''"]  # line 5 has no client at all
    assert issue(ds, "quality.identity_tax_id").count == 1
    assert issue(ds, "quality.identity_name").count == 1


def test_lines_with_more_fields_than_the_header(tmp_path):
    # line 3 has an unquoted ';' inside the client name: its amount lands in an extra field
    rows = [f"{d:02d}.01.2024;ООО {d};10;" for d in range(1, 26)]  # trailing ';' is harmless
    rows[1] = "02.01.2024;ООО Б; филиал;10"
    path = tmp_path / "sales.csv"
    path.write_text("Дата;Контрагент;Сумма\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ds = load(path)
    assert issue(ds, "quality.extra_fields").examples == ["3"]
    assert issue(ds, "quality.bad_dropped").examples == ["3: ' филиал'"]
    assert len(ds.sales) == 24 and ds.sales["revenue"].sum() == pytest.approx(240.0)  # 24 x 10


def test_clients_file_keyed_by_tax_id_only(tmp_path, onec_csv):
    (onec_csv.parent / "clients.csv").write_text(
        "ИНН;Наименование;Регион\n0274062111;ООО Ромашка;Уфа\n7701234567;ООО Лютик;Москва\n",
        encoding="utf-8")
    ds = load(onec_csv.parent)
    assert list(ds.clients["client_id"]) == ["0274062111", "7701234567"]
    assert not ds.quality.find("quality.orphans_added")
    assert ds.clients.set_index("client_id").loc["0274062111", "region"] == "Уфа"


# ---------------------------------------------------------------------------------------------
# the staff table (our employees): a 1C «Сотрудники» list with Russian headers
# ---------------------------------------------------------------------------------------------

def test_staff_file_with_russian_headers_is_read(tmp_path, onec_csv):
    folder = onec_csv.parent
    (folder / "Сотрудники.csv").write_text(
        "Сотрудник;Должность;Отдел;Дата приёма;Дата увольнения;Оклад\n"
        "Иванов Иван Иванович;manager;Отдел продаж;01.03.2019;;75 000\n"
        "Петрова Анна Сергеевна;key_account_manager;Ключевые клиенты;15.06.2020;30.06.2023;120 000\n"
        "Сидоров Олег Петрович;Коммерческий директор;Дирекция;10.01.2015;;250 000\n",
        encoding="utf-8")
    files, _ = find_table_files(folder)
    assert sorted(files) == ["sales", "staff"]
    ds = load(folder)
    st = ds.staff
    assert list(st.columns[:6]) == ["person", "role", "team", "hired", "left", "base_pay"]
    assert st["person"].tolist()[0] == "Иванов Иван Иванович"
    assert st["hired"].tolist() == [pd.Timestamp("2019-03-01"), pd.Timestamp("2020-06-15"),
                                    pd.Timestamp("2015-01-10")]
    assert st["left"].notna().tolist() == [False, True, False]
    assert st["base_pay"].tolist() == [75000.0, 120000.0, 250000.0]  # "75 000" → 75000
    assert ds.quality.ok and ds.has("staff", "role")


def test_staff_duplicate_person_keeps_the_first(tmp_path, onec_csv):
    folder = onec_csv.parent
    (folder / "staff.csv").write_text("person,role\nA,manager\nA,director\nB,specialist\n",
                                      encoding="utf-8")
    ds = load(folder)
    assert ds.staff["role"].tolist() == ["manager", "specialist"]
    assert issue(ds, "quality.duplicate_keys").count == 1


def test_demo_folder_has_the_staff_table():
    if not (DEMO_DIR / "staff.csv").exists():
        pytest.skip("data/demo not generated yet")
    ds = load()
    assert ds.staff is not None and len(ds.staff) == 16
    assert set(ds.sales["manager"].dropna()) <= set(ds.staff["person"])
    assert "contact_id" in ds.interactions.columns
