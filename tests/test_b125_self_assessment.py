"""Blocks 1, 2, 5: the answers against the data with where the workbook shows it, goals on the client card."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.assessment import assess, empty_answers, read_questionnaire
from kbcore.analyses.card import client_card
from kbcore.analyses.client_goals import goal_clients, worksheet_key_ids
from kbcore.facts import Facts
from kbcore.i18n import tn
from kbcore.ingest.worksheets import Worksheet, example_worksheet, parse_worksheet
from kbcore.views.card import card_html
from kbcore.views.self_assessment import disagreements, evidence_where_table
from kbcore.views.worksheets import due_text, goals_caption, goals_table, worksheet_note

TOY = Path(__file__).parent / "fixtures" / "questionnaires" / "toy.yaml"
COUNTS = (1, 2, 5, 11, 21, 22, 25, 111)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def toy():
    return read_questionnaire(TOY)


def _answers(q, **values):
    a = empty_answers(q)
    for qid, v in values.items():
        a.loc[a["question_id"] == qid, "answer"] = float(v)
    return a


# ------------------------------------------------------------------ evidence with where to see it
def test_the_evidence_table_says_where_the_workbook_shows_each_figure(toy):
    r = assess(toy, _answers(toy, segment=4), measured={"segment_known": 0.41})
    table = evidence_where_table(toy, r, "ru")
    assert list(table.columns)[-1] == "Где это видно в тетради"
    assert table.iloc[0, -1] == "Раздел 1: компонент «Сегмент»"
    assert "41 %" in _plain(table.iloc[0, 3])


def test_a_figure_the_data_cannot_give_is_shown_as_missing(toy):
    frame = pd.DataFrame({"measure": ["segment_known"], "value": [np.nan], "missing": ["needs.clients.segment"]})
    r = assess(toy, _answers(toy, segment=4), measured=frame)
    table = evidence_where_table(toy, r, "ru")
    assert table.iloc[0, 3].startswith("—") and "%" not in table.iloc[0, 3]
    assert "сегмент в карточке клиента" in table.iloc[0, 3]
    assert disagreements(toy, r, "ru") == "Данные компании не позволяют проверить ни один из этих ответов: " \
        "нужных цифр нет (см. таблицу)."


def test_disagreements_are_listed_and_marked_as_an_example(toy):
    r = assess(toy, _answers(toy, segment=4), measured={"segment_known": 0.41})
    text = disagreements(toy, r, "ru", source="example")
    assert text.startswith("**Где ваши ответы расходятся с данными (пример)**")
    assert "41 %" in _plain(text) and text.count("\n- ") == 1
    assert "(пример)" not in disagreements(toy, r, "ru", source="saved")
    agree = assess(toy, _answers(toy, segment=3), measured={"segment_known": 0.41})
    assert disagreements(toy, agree, "en").startswith("The data confirm every answer")


def test_the_block_questionnaires_cite_measures_the_workbook_points_to():
    from kbcore.i18n import catalogue
    for qid in ("kb_sales_errors", "kb_base_contents"):
        q = read_questionnaire(qid)
        cited = {x.evidence for x in q.questions if x.evidence}
        assert cited and all(f"sa.where.{m}" in catalogue() for m in cited), qid


# ------------------------------------------------------------------ the worksheet on the card
@pytest.fixture(scope="module")
def small():
    sales = pd.DataFrame({"date": pd.to_datetime(["2025-01-10", "2025-06-10", "2025-03-01"]),
                          "client_id": ["001", "001", "002"], "revenue": [100.0, 200.0, 50.0],
                          "doc_id": ["d1", "d2", "d3"]})
    clients = pd.DataFrame({"client_id": ["001", "002", "003"], "name": ["Альфа", "Бета", "<b>Гамма</b>"],
                            "key_account": [True, False, False]})
    return sales, clients


def _facts(sales):
    return Facts(sales)


GOALS = parse_worksheet(pd.DataFrame({
    "client_id": ["001", "002", "001", "999"],
    "goal": ["Открыть склад", "Тендер", "<script>x</script>", "Чужой"],
    "task": ["Поставки", "", "", ""], "offer": ["Запас", "", "", ""],
    "due": ["2026-03-31", "IV кв. 2026", "", ""], "owner": ["Беспалов", "", "", ""]}))


def test_the_card_keeps_the_clients_rows_and_shows_them_escaped(small):
    sales, clients = small
    facts = _facts(sales)
    card = client_card(facts, clients, "001", goals=GOALS)
    assert card.goals["goal"].tolist() == ["Открыть склад", "<script>x</script>"]
    html = card_html(card, "ru")
    assert "Цели и задачи клиента" in html and "(пример)" not in html
    assert "&lt;script&gt;" in html and "<script>x" not in html
    assert "31 мар. 2026" in _plain(html)
    assert client_card(facts, clients, "001").goals is None
    assert "Цели и задачи клиента" not in card_html(client_card(facts, clients, "001"), "ru")
    none = card_html(client_card(facts, clients, "003", goals=GOALS), "ru")
    assert "цели и задачи ещё не записаны" in none


def test_the_example_worksheet_is_marked_on_the_card(small):
    sales, clients = small
    ex = example_worksheet()
    card = client_card(_facts(sales), clients, "001", goals=ex)
    assert card.goals.empty and card.goals.attrs["example"] is True
    assert "Цели и задачи клиента (пример)" in card_html(card, "ru")
    assert "Goals and tasks of the client (example)" in card_html(card, "en")


def test_goal_clients_are_the_known_ones_key_accounts_first(small):
    sales, clients = small
    facts = _facts(sales)
    assert worksheet_key_ids(clients) == ["001"]
    assert goal_clients(GOALS, facts, clients, key_ids=["002"]) == ["002", "001"]
    assert goal_clients(GOALS, facts, None, key_ids=[]) == ["001", "002"]   # 999 is nowhere in the data
    assert goal_clients(example_worksheet(), facts, clients) == []
    stages = pd.DataFrame({"client_id": ["002", "003"], "is_key": [True, False]})
    assert worksheet_key_ids(clients.drop(columns="key_account"), stages) == ["002"]
    assert worksheet_key_ids(None) == []


# ------------------------------------------------------------------ the worksheet in words
def test_the_goals_table_has_headers_in_words_and_key_accounts_first(small):
    _, clients = small
    table = goals_table(GOALS, "ru", clients=clients, key_ids=["002"])
    assert list(table.columns) == ["Клиент", "Цель клиента", "Наша задача", "Что мы предлагаем", "Срок",
                                   "Ответственный"]
    assert table["Клиент"].tolist()[0] == "Бета (002) · ключевой клиент"
    assert table["Клиент"].tolist()[-1] == "999"
    assert _plain(table.loc[1, "Срок"]) == "31 мар. 2026 г." and table.loc[0, "Срок"] == "IV кв. 2026"
    assert table.loc[0, "Наша задача"] == "—"
    assert due_text("2026-13-40", "ru") == "2026-13-40"


def test_the_note_and_caption_say_example_or_whose(small):
    ex = Worksheet(example_worksheet(), "example")
    assert goals_caption(ex, "ru") == "Цели и задачи ключевых клиентов (пример)"
    assert "Пример рабочего листа" in worksheet_note(ex, "ru")
    saved = Worksheet(GOALS, "saved", {"participant": "Анна", "date": "2026-02-01"})
    note = _plain(worksheet_note(saved, "ru", key_ids=["001", "005"]))
    assert "Анна" in note and "1 февр. 2026" in note
    assert "4 цели, клиентов: 3." in note and "Цели записаны у 1 ключевого клиента из 2." in note
    assert goals_caption(saved, "en") == "Goals and tasks of the key clients"


RU_ROWS = ("1 цель", "2 цели", "5 целей", "11 целей", "21 цель", "22 цели", "25 целей", "111 целей")
RU_KEYS = ("у 1 ключевого клиента", "у 2 ключевых клиентов", "у 5 ключевых клиентов", "у 11 ключевых клиентов",
           "у 21 ключевого клиента", "у 22 ключевых клиентов", "у 25 ключевых клиентов", "у 111 ключевых клиентов")


@pytest.mark.parametrize(("n", "rows", "keys"), list(zip(COUNTS, RU_ROWS, RU_KEYS, strict=True)))
def test_russian_counts_agree(n, rows, keys):
    assert _plain(tn("sa.ws.rows", n, "ru", clients=1)).startswith(rows + ",")
    assert keys in _plain(tn("sa.ws.key_covered", n, "ru", total=200))
    assert tn("sa.ws.rows", n, "bg", clients=1).startswith(f"{n} цел" if n == 1 else f"{n} цели")

