"""The CRM export: one client table assembled from kbcore analyses, written safely as CSV and XLSX."""

import csv

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from kbcore.analyses.crm import crm_table
from kbcore.app.crm import CRM_COLUMNS, crm_from_dataset, neutralise, write_crm
from kbcore.facts import Facts
from kbcore.views.crm import crm_texts

EVIL = '=HYPERLINK("http://evil.example","click")'


def test_neutralise_only_dangerous_text():
    assert neutralise(EVIL) == "'" + EVIL
    for text in ("+7 (343) 123-45-67", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("ООО «Ромашка»") == "ООО «Ромашка»"
    assert neutralise(-5.0) == -5.0 and neutralise(12) == 12 and neutralise(None) is None


def _table():
    return pd.DataFrame(
        {
            "client_id": pd.array(["000123", "004560"], dtype="string"),
            "name": pd.array([EVIL, "ООО «Техснаб; Урал»"], dtype="string"),
            "phone": pd.array(["+7 (343) 123-45-67", pd.NA], dtype="string"),
            "note": pd.array(["@admin", "-минус"], dtype="string"),
            "revenue_12m": [-1500.5, 1234567.25],
            "last_purchase": pd.to_datetime(["2025-12-31", None]),
        }
    )


def test_written_files_read_back_safe(tmp_path):
    paths = write_crm(_table(), tmp_path)
    assert [p.name for p in paths] == ["clients_for_crm.csv", "clients_for_crm.xlsx"]
    csv_path, xlsx_path = paths

    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["client_id", "name", "phone", "note", "revenue_12m", "last_purchase"]
    assert rows[1][0] == "000123" and rows[2][0] == "004560"  # leading zeros kept
    assert rows[1][1] == "'" + EVIL  # never a formula
    assert rows[1][2] == "'+7 (343) 123-45-67"  # the documented trade-off
    assert rows[1][3] == "'@admin" and rows[2][3] == "'-минус"
    assert rows[2][1] == "ООО «Техснаб; Урал»"  # the separator inside a name is quoted, not split
    assert rows[1][4] == "-1500,50" and rows[2][4] == "1234567,25"  # a negative number stays a number
    assert rows[1][5] == "2025-12-31" and rows[2][5] == ""
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("-")[:1].isdigit()

    wb = load_workbook(xlsx_path)
    ws = wb.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    types = [[c.data_type for c in row] for row in ws.iter_rows()]
    assert values[1][0] == "000123" and types[1][0] == "s"
    assert values[1][1] == "'" + EVIL and types[1][1] == "s"
    assert all(t != "f" for row in types for t in row)  # no formula anywhere
    assert values[1][4] == pytest.approx(-1500.5) and types[1][4] == "n"
    assert values[1][5].date() == pd.Timestamp("2025-12-31").date()
    assert values[2][5] is None


def test_infinite_numbers_are_empty_cells_not_formulas(tmp_path):
    table = pd.DataFrame({"client_id": ["1", "2"], "ratio": [float("inf"), np.float64("-inf")]})
    csv_path, xlsx_path = write_crm(table, tmp_path)
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[1:] == ["1;", "2;"]
    ws = load_workbook(xlsx_path).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["client_id", "ratio"], ["1", None], ["2", None]]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_files_are_reproducible(tmp_path):
    import time

    first = [p.read_bytes() for p in write_crm(_table(), tmp_path / "a")]
    time.sleep(1.1)
    second = [p.read_bytes() for p in write_crm(_table(), tmp_path / "b")]
    assert first == second


def test_the_xlsx_speaks_the_runs_language_and_the_csv_keeps_canonical_headers(tmp_path):
    import openpyxl

    table = _table()[["client_id", "revenue_12m", "last_purchase"]]
    table.attrs["as_of"] = pd.Timestamp("2025-12-31")
    csv_path, xlsx_path = write_crm(table, tmp_path, lang="ru", decimal=".")
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "client_id;revenue_12m;last_purchase"  # for import wizards
    assert "1234567.25" in text
    ws = openpyxl.load_workbook(xlsx_path).active
    assert [c.value for c in ws[1]] == ["Код клиента", "Выручка за последние 12 месяцев, по 31 дек. 2025\u202fг.",
                                        "Последняя покупка"]
    assert ws.auto_filter.ref == f"A1:C{ws.max_row}" and ws.freeze_panes == "A2"
    dates = [c for c in ws["C"][1:] if c.value is not None]
    assert dates and all(c.is_date and c.number_format == "dd.mm.yyyy" for c in dates)  # Excel dates
    # fitted: as wide as the header up to 24 characters (a longer header wraps over lines)
    assert ws.column_dimensions["B"].width > min(len(ws["B1"].value), 24) and ws["B1"].alignment.wrap_text
    with pytest.raises(ValueError):
        write_crm(table, tmp_path, decimal=";")


def test_crm_table_on_the_demo_company(demo_dataset, tmp_path):
    table = crm_from_dataset(demo_dataset, lang="ru")
    assert list(table.columns) == CRM_COLUMNS
    assert len(table) == 1500 and table["client_id"].is_unique
    assert table["client_id"].str.len().eq(6).all()  # 1C codes with leading zeros
    assert set(table["abc"].dropna()) == {"A", "B", "C"}
    assert set(table["xyz"].dropna()) <= {"X", "Y", "Z", "N"}
    assert table["stage"].notna().all() and table["rfm_segment"].notna().all()
    assert (table["next_action"].str.len() > 0).all()
    assert table["revenue_12m"].is_monotonic_decreasing
    # no purchase in the last 12 months → no ABC/XYZ, and lost by RFM
    quiet = table.loc[table["abc"].isna()]
    assert (quiet["revenue_12m"] == 0).all()
    paths = write_crm(table, tmp_path)
    back = pd.read_csv(paths[0], sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == 1500 and back["client_id"].iloc[0] == table["client_id"].iloc[0]


def test_crm_table_without_client_cards(demo_dataset):
    from dataclasses import replace

    ds = replace(demo_dataset, clients=demo_dataset.clients[["client_id"]])
    table = crm_from_dataset(ds, as_of="2024-12-31")
    assert table["name"].equals(table["client_id"].rename("name"))
    assert table["manager"].isna().all()
    assert table["last_purchase"].max() <= pd.Timestamp("2024-12-31")


def test_crm_table_assembles_the_results_it_is_given():
    """By hand: the rows are RFM's clients; classes, stage and action come from the results
    given (ids), the texts from the view; nothing is recomputed."""
    sales = pd.DataFrame({"client_id": pd.array(["1", "2", "3"], dtype="string"),
                          "date": pd.to_datetime(["2025-12-01", "2025-11-01", "2025-10-01"]),
                          "revenue": [10.0, 30.0, 20.0]})
    facts = Facts(sales)
    ids = pd.array(["1", "2", "3"], dtype="string")
    rfm = pd.DataFrame({"client_id": ids, "rfm_segment": ["champions", "lost", "new"],
                        "monetary": [10.004, 30.0, 20.0],
                        "last_date": pd.to_datetime(["2025-12-01", "2025-11-01", "2025-10-01"])})
    abc = pd.DataFrame({"client_id": pd.array(["2", "3"], dtype="string"), "abc": ["A", "B"]})
    xyz = pd.DataFrame({"client_id": pd.array(["1"], dtype="string"), "xyz": ["X"]})
    stages = pd.DataFrame({"client_id": pd.array(["1", "2"], dtype="string"),
                           "stage": ["key", "lost"]})
    cards = pd.DataFrame({"client_id": ["2"], "name": ["Beta"], "manager": ["Ivanov"]})
    table = crm_table(facts, cards, abc=abc, xyz=xyz, rfm=rfm, stages=stages)
    assert list(table.columns) == CRM_COLUMNS
    assert table["client_id"].tolist() == ["2", "3", "1"]  # by revenue_12m, descending
    assert table["name"].tolist() == ["Beta", "3", "1"]  # the ID stands for a missing name
    assert table["abc"].tolist()[:2] == ["A", "B"] and pd.isna(table["abc"].iloc[2])
    assert table["xyz"].isna().tolist() == [True, True, False]
    assert table["rfm_segment"].tolist() == ["lost", "new", "champions"]  # ids
    assert table["stage"].tolist()[0] == "lost" and pd.isna(table["stage"].iloc[1])
    assert table["next_action"].iloc[2] == "action.key" and pd.isna(table["next_action"].iloc[1])
    assert table["revenue_12m"].tolist() == [30.0, 20.0, 10.0]
    assert table.attrs["as_of"] == pd.Timestamp("2025-12-01")
    words = crm_texts(table, "en")
    assert words["rfm_segment"].tolist() == ["Lost", "New / one-off", "Champions"]
    assert words["stage"].tolist() == ["Lost", "unknown", "Key"]
    assert words["next_action"].iloc[1] == "" and len(words["next_action"].iloc[0]) > 10


def test_crm_rfm_counts_the_window_of_abc_and_xyz():
    from kbcore.analyses.crm import crm_rfm

    # client 1 buys twice in the window (Jan and Nov 2025) and once before it; client 2 once, after
    # the window (Jan 2026: not counted, and not in the table, which stops at the window's end)
    sales = pd.DataFrame({
        "date": pd.to_datetime(["2024-06-10", "2025-01-15", "2025-11-20", "2026-01-10"]),
        "client_id": ["1", "1", "1", "2"],
        "revenue": [500.0, 100.0, 300.0, 700.0],
    })
    scores = crm_rfm(Facts(sales), "2025-01-01", "2025-12-31")
    row = scores.set_index("client_id").loc["1"]
    assert row["monetary"] == 400.0 and row["frequency"] == 2  # only the window's purchases
    assert row["recency_days"] == 41  # 20 Nov → 31 Dec 2025, counted from the window's last day
    assert "2" not in set(scores["client_id"])
    with pytest.raises(ValueError, match="before it starts"):
        crm_rfm(Facts(sales), "2025-12-31", "2025-01-01")


def test_the_xlsx_names_the_one_window_of_the_table(tmp_path):
    table = _table()[["client_id", "revenue_12m"]]
    table.attrs["window"] = (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    _, xlsx_path = write_crm(table, tmp_path, lang="en")
    ws = load_workbook(xlsx_path).active
    assert ws["B1"].value == "Revenue, Jan 1, 2025 – Dec 31, 2025 (the window of ABC, XYZ and RFM)"


def test_crm_from_dataset_uses_one_window(demo_dataset):
    table = crm_from_dataset(demo_dataset, lang="en")
    start, end = table.attrs["window"]
    facts = Facts.of(demo_dataset)
    window = facts.clients(start, end).set_index("client_id")["revenue"]
    got = table.set_index("client_id")["revenue_12m"]
    assert len(got) > 100
    np.testing.assert_allclose(got.to_numpy(), window.reindex(got.index).fillna(0.0).round(2).to_numpy())


def test_the_screen_names_the_same_window_as_the_xlsx(tmp_path):
    """Six months of ABC, XYZ and RFM: the on-screen header says so, never "the last 12 months"."""
    from kbcore.views import crm_headers, styled

    table = _table()[["client_id", "revenue_12m"]]
    table.attrs["window"] = (pd.Timestamp("2025-07-01"), pd.Timestamp("2025-12-31"))
    names = crm_headers(table, "ru")
    assert names["revenue_12m"] == "Выручка за 1 июл. 2025\u202fг. – 31 дек. 2025\u202fг. (период ABC, XYZ и RFM)"
    html = styled(table, "ru", labels=names).to_html()
    assert names["revenue_12m"] in html and "12 месяцев" not in html
    _, xlsx_path = write_crm(table, tmp_path, lang="ru")
    sheet = load_workbook(xlsx_path).active
    assert sheet["B1"].value == names["revenue_12m"]
    # the long header wraps instead of making the money column 70 characters wide
    assert sheet["B1"].alignment.wrap_text and sheet.column_dimensions["B"].width < 30
    table.attrs.pop("window")
    table.attrs["as_of"] = pd.Timestamp("2025-12-31")
    assert crm_headers(table, "ru")["revenue_12m"] == "Выручка за последние 12 месяцев, по 31 дек. 2025\u202fг."
