"""The texts of the questionnaires of blocks 1-4 and of block 2's glossary, checked without the engine.

What a file must satisfy to be read by the assessment engine is the contract of
``/work/tools/questionnaire_format.md`` (the engine's own validation is tested with the engine). Here: the
files parse, every text for people exists in en, ru and bg (ru and bg in Cyrillic), ids are unique and
well formed, scales ascend, evidence ids come from the contract's table, the audit follows the ten stages
of block 4 in order, and no glossary definition gives its own term away.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kbcore.yamlfile import load_yaml

TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "templates"
QUESTIONNAIRES = ["kb_base_possibilities", "kb_idic", "kb_audit", "kb_sales_errors", "kb_base_contents"]
GLOSSARY = "kb_glossary"
LANGS = ("en", "ru", "bg")
ID = re.compile(r"^[a-z][a-z0-9_]*$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# The evidence measures of the contract's table.
EVIDENCE = {
    "segment_known", "card_completeness", "manager_assigned", "segment_cells_owned", "potential_known",
    "interactions_coverage", "key_interactions_recent", "key_flag_exists", "key_flag_current",
    "dmu_decision_maker", "dmu_multithreaded", "contacts_recorded", "second_order", "profitable_revenue",
    "market_known",
}
# Block 4's ten stages of the audit (seed program, lines 83-101), in order.
AUDIT_STAGES = ["segmentation", "assignment", "profiles", "profile_rules", "history", "information",
                "key_status", "knowledge", "base_or_list", "consequences"]
TEXT_KEYS = {"title", "intro", "source", "label", "text", "action", "term", "definition"}


def _load(name: str) -> dict:
    return load_yaml((TEMPLATES / f"{name}.yaml").read_text(encoding="utf-8"))


def _texts(node, where="") -> list[tuple[str, object]]:
    """Every (path, value) of a text key anywhere in the file."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{where}.{key}"
            if key in TEXT_KEYS:
                found.append((path, value))
            else:
                found.extend(_texts(value, path))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_texts(value, f"{where}[{i}]"))
    return found


@pytest.fixture(scope="module", params=QUESTIONNAIRES + [GLOSSARY])
def template(request):
    return request.param, _load(request.param)


@pytest.fixture(scope="module", params=QUESTIONNAIRES)
def questionnaire(request):
    return request.param, _load(request.param)


def test_id_is_the_file_stem_and_the_header_is_kb(template):
    name, data = template
    assert data["id"] == name
    assert data["program"] == "kb"
    assert data["block"] in (1, 2, 3, 4)


def test_every_text_has_three_languages_and_ru_bg_are_cyrillic(template):
    name, data = template
    texts = _texts(data)
    assert texts, name
    for path, value in texts:
        assert isinstance(value, dict), f"{name}{path}: not a mapping of languages"
        assert set(value) == set(LANGS), f"{name}{path}: languages {sorted(value)}"
        for lang in LANGS:
            assert isinstance(value[lang], str) and value[lang].strip(), f"{name}{path}.{lang} empty"
        for lang in ("ru", "bg"):
            assert CYRILLIC.search(value[lang]), f"{name}{path}.{lang} has no Cyrillic: {value[lang]!r}"


def test_the_file_opens_with_a_comment_and_has_no_broken_characters(template):
    name, _ = template
    text = (TEMPLATES / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "\ufffd" not in text, f"{name}: a replacement character (a broken byte)"


def test_questionnaire_shape_ids_and_evidence(questionnaire):
    name, data = questionnaire
    for key in ("title", "intro", "source", "scale", "gap_below", "sections"):
        assert key in data, f"{name}: no {key}"
    assert isinstance(data["ours"], bool) and data["placeholder"] is False
    assert 2 <= len(data["sections"]) <= 12
    ids = [data["id"]]
    for section in data["sections"]:
        ids.append(section["id"])
        assert 1 <= len(section["questions"]) <= 10, section["id"]
        assert section.get("weight", 1) > 0
        for q in section["questions"]:
            ids.append(q["id"])
            assert "action" in q, q["id"]
            assert q.get("weight", 1) > 0
            if "evidence" in q:
                assert q["evidence"] in EVIDENCE, f"{name}: {q['id']} evidence {q['evidence']!r}"
    ids += [v["id"] for v in data.get("verdicts", [])]
    assert all(ID.match(i) for i in ids), [i for i in ids if not ID.match(i)]
    section_and_question_ids = ids[1:]
    assert len(section_and_question_ids) == len(set(section_and_question_ids)), name


def test_scale_ascends_with_three_to_seven_points_and_gap_inside(questionnaire):
    name, data = questionnaire
    values = [point["value"] for point in data["scale"]]
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    assert 3 <= len(values) <= 7
    assert values == sorted(set(values)), name
    assert values == list(range(values[0], values[-1] + 1)), name
    assert values[0] < data["gap_below"] <= values[-1]


def test_verdicts_ascend_from_zero(questionnaire):
    name, data = questionnaire
    froms = [v["from"] for v in data.get("verdicts", [])]
    if froms:
        assert froms[0] == 0 and froms == sorted(set(froms)) and froms[-1] < 1, name


def test_the_brief_scales_and_verdicts():
    possibilities = _load("kb_base_possibilities")
    assert [p["value"] for p in possibilities["scale"]] == [0, 1, 2, 3, 4]
    assert possibilities["gap_below"] == 2 and possibilities["ours"] is True
    assert [v["from"] for v in possibilities["verdicts"]] == [0, 0.4, 0.7]
    assert 8 <= len(possibilities["sections"]) <= 10
    assert all(3 <= len(s["questions"]) <= 5 for s in possibilities["sections"])
    audit = _load("kb_audit")
    assert [(v["from"], v["id"]) for v in audit["verdicts"]] == [(0, "list"), (0.5, "partial_base"),
                                                                 (0.75, "base")]
    assert all("text" in v for v in audit["verdicts"])
    for name in ("kb_idic", "kb_audit", "kb_sales_errors", "kb_base_contents"):
        data = _load(name)
        assert [p["value"] for p in data["scale"]] == [1, 2, 3, 4, 5], name
        assert data["gap_below"] == 3, name


def test_idic_has_its_four_principles_with_their_evidence():
    idic = _load("kb_idic")
    assert idic["ours"] is True
    assert [s["id"] for s in idic["sections"]] == ["identify", "differentiate", "interact", "customise"]
    assert all(3 <= len(s["questions"]) <= 4 for s in idic["sections"])
    evidence = {s["id"]: {q.get("evidence") for q in s["questions"]} - {None} for s in idic["sections"]}
    assert {"card_completeness", "segment_known", "contacts_recorded"} <= evidence["identify"]
    assert {"interactions_coverage", "key_interactions_recent"} <= evidence["interact"]


def test_audit_has_the_ten_stages_in_order():
    audit = _load("kb_audit")
    assert [s["id"] for s in audit["sections"]] == AUDIT_STAGES
    assert all(2 <= len(s["questions"]) <= 4 for s in audit["sections"])
    used = {q["evidence"] for s in audit["sections"] for q in s["questions"] if "evidence" in q}
    # the measurable stages carry the measures the brief names
    assert {"segment_known", "segment_cells_owned", "manager_assigned", "potential_known",
            "interactions_coverage", "card_completeness", "key_flag_exists", "key_flag_current",
            "contacts_recorded", "second_order", "profitable_revenue", "market_known"} <= used


def test_base_contents_cover_the_components_with_evidence():
    contents = _load("kb_base_contents")
    used = {q["evidence"] for s in contents["sections"] for q in s["questions"] if "evidence" in q}
    assert {"card_completeness", "contacts_recorded", "interactions_coverage", "segment_known",
            "potential_known", "key_flag_exists"} <= used


def test_sales_errors_measure_profit_and_second_orders():
    errors = _load("kb_sales_errors")
    assert errors["block"] == 1
    used = {q["evidence"] for s in errors["sections"] for q in s["questions"] if "evidence" in q}
    assert {"profitable_revenue", "second_order"} <= used


def _term_forms(term: str) -> list[str]:
    """The term and, for 'X (Y)', also X and Y: none may appear in the definition."""
    forms = [term]
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", term)
    if match:
        forms += [match.group(1), match.group(2)]
    return [f.strip().casefold() for f in forms if f.strip()]


def test_glossary_terms_and_definitions():
    glossary = _load(GLOSSARY)
    assert glossary["block"] == 2
    terms = glossary["terms"]
    assert 15 <= len(terms) <= 20
    ids = [t["id"] for t in terms]
    assert all(ID.match(i) for i in ids) and len(ids) == len(set(ids))
    for lang in LANGS:
        names = [t["term"][lang].casefold() for t in terms]
        definitions = [t["definition"][lang].casefold() for t in terms]
        assert len(set(names)) == len(names), lang
        assert len(set(definitions)) == len(definitions), lang
        for t in terms:
            definition = t["definition"][lang].casefold()
            for form in _term_forms(t["term"][lang]):
                assert form not in definition, f"{t['id']}.{lang}: the definition contains {form!r}"


def test_glossary_has_the_seminar_core_terms():
    ids = {t["id"] for t in _load(GLOSSARY)["terms"]}
    assert {"customer_base", "client_list", "client_card", "client_profile", "key_account",
            "decision_maker", "cost_to_serve", "share_of_wallet"} <= ids
