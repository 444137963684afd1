"""Block 5's worksheet of goals and tasks: read in any language, saved without overwriting, the widget's round trip."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kbcore.errors import TemplateError
from kbcore.ingest.worksheets import (
    WORKSHEET_COLUMNS,
    WorksheetSession,
    example_worksheet,
    latest_worksheet,
    load_worksheet,
    parse_worksheet,
    read_worksheet,
    save_worksheet,
)
from kbcore.widgets.worksheets import goals_worksheet

DAY = dt.date(2026, 2, 1)
ROWS = pd.DataFrame({"client_id": ["001", "002", "001"], "goal": ["Склады", "Тендер", "Запасы −15 %"],
                     "task": ["Поставки с первого дня", "", "Еженедельно"], "offer": ["Запас", "Комплект", ""],
                     "due": ["2026-03-31", "IV кв. 2026", ""], "owner": ["Беспалов", "Казаков", ""]})
CLIENTS = pd.DataFrame({"client_id": ["001", "002", "003"], "name": ["Альфа", "Бета", "Гамма"]})


def test_headers_by_id_or_in_words_in_any_language(tmp_path):
    ru = ROWS.rename(columns={"client_id": "Код клиента", "goal": "Цель клиента", "task": "Наша задача",
                              "offer": "Что мы предлагаем", "due": "Срок", "owner": "Ответственный"})
    path = tmp_path / "goals.csv"
    ru.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    table, about = read_worksheet(path)
    assert list(table.columns) == list(WORKSHEET_COLUMNS)
    assert table.fillna("").equals(parse_worksheet(ROWS).fillna(""))
    assert table.loc[1, "due"] == "IV кв. 2026" and about["file"] == str(path)


def test_an_excel_worksheet_reads_the_same(tmp_path):
    path = tmp_path / "goals.xlsx"
    ROWS.to_excel(path, index=False)
    table, _ = read_worksheet(path)
    assert table.equals(parse_worksheet(ROWS))


def test_empty_rows_are_skipped_and_optional_columns_may_be_absent():
    table = parse_worksheet(pd.DataFrame({"client_id": ["001", "", None], "goal": ["Рост", "", None]}))
    assert len(table) == 1 and table.loc[0, "owner"] == ""


def test_a_row_without_a_client_or_a_table_without_goals_is_refused():
    with pytest.raises(TemplateError) as err:
        parse_worksheet(pd.DataFrame({"client_id": ["001", ""], "goal": ["Рост", "Тендер"]}), file="g.csv")
    assert err.value.key == "template.ws_no_client" and err.value.examples == ["line 3"]
    assert "клиент" in err.value.message("ru")
    with pytest.raises(TemplateError) as err:
        parse_worksheet(pd.DataFrame({"client_id": ["001"]}))
    assert err.value.key == "template.scores_columns"


def test_saving_never_overwrites_and_a_sitting_keeps_its_own_file(tmp_path):
    first = save_worksheet(ROWS, tmp_path, participant="Анна", date=DAY)
    before = first.read_bytes()
    second = save_worksheet(ROWS.head(1), tmp_path, participant="Анна", date=DAY)
    assert first != second and first.read_bytes() == before
    assert second.name == "client_goals__Анна__2026-02-01__2.csv"
    session = WorksheetSession(tmp_path, participant="Анна", date=DAY)
    path = session.save(ROWS.head(2))
    assert path.name.endswith("__3.csv")
    assert session.save(ROWS) == path                      # the same sitting: the same file, updated
    assert read_worksheet(path)[0].equals(parse_worksheet(ROWS))
    assert first.read_bytes() == before
    found, about = latest_worksheet(tmp_path, "анна")
    assert found == path and about["participant"] == "Анна"
    with pytest.raises(TemplateError) as err:
        save_worksheet(ROWS, tmp_path, participant="  ")
    assert err.value.key == "template.answers_no_name"


def test_load_prefers_the_file_then_the_saved_then_the_example(tmp_path):
    ws = load_worksheet(folder=tmp_path)
    assert ws.example and ws.table.attrs.get("example") is True
    assert set(ws.table["client_id"]) == {"001479", "000918"}
    save_worksheet(ROWS, tmp_path, participant="Анна", date=DAY)
    saved = load_worksheet(folder=tmp_path, participant="Анна")
    assert saved.source == "saved" and not saved.example and saved.about["date"] == "2026-02-01"
    assert load_worksheet(folder=tmp_path, participant="Борис").source == "example"
    given = tmp_path / "mine.csv"
    ROWS.head(1).to_csv(given, index=False)
    from_file = load_worksheet(given, folder=tmp_path)
    assert from_file.source == "file" and len(from_file.table) == 1


def test_the_example_covers_two_demo_key_accounts_with_every_column():
    table = example_worksheet()
    assert table["client_id"].nunique() == 2 and len(table) >= 4
    assert (table[list(WORKSHEET_COLUMNS)] != "").all().all()


def test_the_widget_saves_every_change_and_reads_back_the_same(tmp_path):
    box = goals_worksheet(CLIENTS, folder=tmp_path, key_ids=["002"], participant="Анна", lang="ru", date=DAY)
    assert box.client.options[0][1] == "002" and "ключевой клиент" in box.client.options[0][0]
    box.client.value = "001"
    box.fields["goal"].value = "Открыть склад"
    box.fields["due"].value = "2026-03-31"
    box.add.click()
    path = box.session.path
    assert path.is_file() and read_worksheet(path)[0]["goal"].tolist() == ["Открыть склад"]
    box.fields["goal"].value = "Снизить запасы"
    box.add.click()
    box.rows.value = box.rows.options[0][1]
    assert box.fields["goal"].value == "Открыть склад"
    box.fields["owner"].value = "Беспалов"
    box.update.click()
    box.rows.value = box.rows.options[1][1]
    box.delete.click()
    table = read_worksheet(path)[0]
    assert table["goal"].tolist() == ["Открыть склад"] and table["owner"].tolist() == ["Беспалов"]
    assert table.equals(parse_worksheet(box.table()))
    assert box.session.path == path and len(list(tmp_path.glob("client_goals__*.csv"))) == 1


def test_the_widget_needs_a_name_and_a_goal(tmp_path):
    box = goals_worksheet(CLIENTS, folder=tmp_path, lang="en")
    box.fields["goal"].value = "Grow"
    box.add.click()
    assert box.session is None and "name" in box.status.value.lower()
    box.participant.value = "Ann"                          # the name saves what was written before it
    assert read_worksheet(box.session.path)[0]["goal"].tolist() == ["Grow"]
    box.fields["goal"].value = ""
    box.add.click()
    assert "goal" in box.status.value and len(box.table()) == 1
