"""Block 2's glossary: the template validated on load, the matching quiz deterministic, the views in words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kbcore.analyses.glossary import (
    LETTERS,
    QUIZ_SEED,
    glossary_template,
    matching_quiz,
    read_glossary,
)
from kbcore.errors import TemplateError
from kbcore.views.glossary import (
    glossary_note,
    glossary_table,
    quiz_answer_text,
    quiz_definitions_table,
    quiz_key_html,
    quiz_terms_table,
)


def _term(i: int) -> dict:
    return {"id": f"t{i}", "term": {"en": f"Term {i}", "ru": f"Термин {i}", "bg": f"Термин {i}"},
            "definition": {"en": f"Definition number {i}", "ru": f"Определение номер {i}",
                           "bg": f"Определение номер {i}"}}


def _data(n: int = 6) -> dict:
    return {"id": "toy_glossary", "program": "kb", "block": 2,
            "title": {"en": "Toy", "ru": "Игрушка", "bg": "Играчка"},
            "source": {"en": "Ours", "ru": "Наше", "bg": "Наше"},
            "terms": [_term(i) for i in range(1, n + 1)]}


def _write(tmp_path: Path, data: dict, name: str = "toy_glossary.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_packaged_glossary_reads_and_is_an_example():
    g = read_glossary()
    assert g.example and g.block == 2 and len(g.terms) >= 15
    assert {"customer_base", "client_card", "key_account", "share_of_wallet"} <= set(g.ids)
    assert g.term("client_card").term["ru"] == "Карточка клиента"


def test_a_trainers_copy_is_not_an_example(tmp_path):
    g = read_glossary(_write(tmp_path, _data()))
    assert not g.example and g.ids == ("t1", "t2", "t3", "t4", "t5", "t6")


@pytest.mark.parametrize(("change", "problem", "where"), [
    (lambda d: d.pop("terms"), "template.missing_key", "terms"),
    (lambda d: d["terms"][1]["definition"].pop("bg"), "template.texts", "terms[2].definition"),
    (lambda d: d["terms"][2].update(id="t1"), "template.duplicate_id", "terms[3].id"),
    (lambda d: d["terms"][2].update(id="Bad Id"), "template.wrong_shape", "terms[3].id"),
    (lambda d: d["terms"][3].update(colour="red"), "template.unknown_key", "terms[4]"),
    (lambda d: d.update(terms=d["terms"][:3]), "template.count", "terms"),
    (lambda d: d["terms"][4]["term"].update(ru="Термин 1"), "template.duplicate_id", "terms.t5.term.ru"),
    (lambda d: d["terms"][0]["term"].update(en=False), "template.texts_yes_no", "terms[1].term.en"),
])
def test_a_broken_glossary_says_where_and_what_to_do(tmp_path, change, problem, where):
    data = _data()
    change(data)
    with pytest.raises(TemplateError) as err:
        read_glossary(_write(tmp_path, data))
    assert err.value.key == problem
    assert err.value.where == where
    assert "toy_glossary.yaml" in err.value.message("ru")


def test_a_missing_or_broken_file_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError) as err:
        read_glossary(tmp_path / "nope.yaml")
    assert err.value.key == "template.not_found"
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        read_glossary(bad)
    assert err.value.key == "template.not_yaml"


def test_the_quiz_is_deterministic_and_its_key_matches_the_definitions():
    g = glossary_template(_data(10))
    a, b = matching_quiz(g, n=6, seed=7), matching_quiz(g, n=6, seed=7)
    assert a == b
    assert len(a.terms) == 6 and sorted(a.terms) == sorted(a.definitions)
    assert list(a.terms) == sorted(a.terms, key=g.ids.index)        # numbered in the template's order
    for i, term_id in enumerate(a.definitions):                      # letter i names term number answer[i]
        assert a.terms[a.answer[i] - 1] == term_id
        assert a.number(LETTERS[i]) == a.answer[i]
    assert all(a.terms[i] != a.definitions[i] for i in range(6))     # no pair given away by its position
    assert matching_quiz(g, n=6, seed=8) != a


def test_the_default_quiz_asks_the_seminars_core_words():
    quiz = matching_quiz(read_glossary())
    assert quiz.seed == QUIZ_SEED
    assert set(quiz.terms) == {"customer_base", "client_list", "client_card", "key_account", "cost_to_serve",
                               "share_of_wallet"}


@pytest.mark.parametrize("n", [1, 11, 2.5, True])
def test_a_quiz_of_a_wrong_size_is_refused(n):
    with pytest.raises(ValueError):
        matching_quiz(glossary_template(_data(10)), n=n)


def test_the_views_speak_in_words_and_keep_the_key_folded():
    g = glossary_template(_data(6))
    quiz = matching_quiz(g, n=4, seed=1)
    table = glossary_table(g, "ru")
    assert list(table.columns) == ["Термин", "Определение"] and len(table) == 6
    terms = quiz_terms_table(g, quiz, "ru")
    assert list(terms.columns) == ["№", "Термин"] and terms["№"].tolist() == [1, 2, 3, 4]
    defs = quiz_definitions_table(g, quiz, "en")
    assert list(defs.columns) == ["Letter", "Definition"] and defs["Letter"].tolist() == ["A", "B", "C", "D"]
    assert defs["Definition"].tolist() == [g.term(x).definition["en"] for x in quiz.definitions]
    key = quiz_answer_text(quiz, "ru")
    assert all(f"{LETTERS[i]} — {n}" in key for i, n in enumerate(quiz.answer))
    html = quiz_key_html(quiz, "ru")
    assert html.startswith("<details><summary>Проверьте себя</summary>")
    assert "пример" in glossary_note(read_glossary(), "ru")
    assert "пример" not in glossary_note(g, "ru")
