"""The questionnaires of blocks 8 and 9 keep the contract's form and speak three languages.

The contract is the lead's (the engine, kbcore/analyses/assessment.py, validates it on load);
these checks are the ones the texts themselves answer for: every file parses, every text is
there in en, ru and bg (Cyrillic in ru and bg), ids are unique and well formed, scales ascend,
evidence ids and targets are ones the engine accepts.
"""

import re

import pytest
import yaml

from kbcore.paths import TEMPLATES_DIR

FILES = ("ka_readiness_ksf", "ka_sama", "ka_7s", "kam_profile", "kam_roles", "kam_states")
EVIDENCE = {"segment_known", "card_completeness", "manager_assigned", "segment_cells_owned", "potential_known",
            "interactions_coverage", "key_interactions_recent", "key_flag_exists", "key_flag_current",
            "dmu_decision_maker", "dmu_multithreaded", "contacts_recorded", "second_order",
            "profitable_revenue", "market_known"}
ID = re.compile(r"^[a-z][a-z0-9_]*$")
CYRILLIC = re.compile("[а-яА-ЯёЁ]")
TOP = {"id", "program", "block", "title", "intro", "source", "ours", "placeholder", "scale", "gap_below",
       "ask_target", "ask_time", "verdicts", "sections"}
QUESTION = {"id", "text", "weight", "target", "action", "evidence"}


def load(name: str) -> dict:
    return yaml.safe_load((TEMPLATES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def texts(node, where=""):
    """Every {en, ru, bg} mapping of a questionnaire, with where it is."""
    if isinstance(node, dict):
        if set(node) & {"en", "ru", "bg"}:
            yield where, node
            return
        for k, v in node.items():
            yield from texts(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from texts(v, f"{where}[{i}]")


@pytest.mark.parametrize("name", FILES)
def test_form(name):
    q = load(name)
    assert set(q) <= TOP and {"id", "program", "block", "title", "intro", "source", "scale", "sections"} <= set(q)
    assert q["id"] == name and q["program"] == "kb" and q["block"] in (8, 9)
    assert isinstance(q.get("ours"), bool) and isinstance(q.get("placeholder", False), bool)
    values = [s["value"] for s in q["scale"]]
    assert all(type(v) is int for v in values) and 3 <= len(values) <= 7
    assert values == sorted(set(values))  # ascending, no repeats
    assert values[0] < q["gap_below"] <= values[-1]
    if "verdicts" in q:
        starts = [v["from"] for v in q["verdicts"]]
        assert starts[0] == 0 and starts == sorted(set(starts)) and starts[-1] < 1
        assert all(ID.match(v["id"]) and v["label"] and v["text"] for v in q["verdicts"])
    assert 2 <= len(q["sections"]) <= 12
    ids = [s["id"] for s in q["sections"]] + [x["id"] for s in q["sections"] for x in s["questions"]]
    assert all(ID.match(i) for i in ids), ids
    assert len({s["id"] for s in q["sections"]}) == len(q["sections"])
    questions = [x for s in q["sections"] for x in s["questions"]]
    assert len({x["id"] for x in questions}) == len(questions)
    for s in q["sections"]:
        assert 1 <= len(s["questions"]) <= 10 and s.get("weight", 1) > 0
    for x in questions:
        assert set(x) <= QUESTION and {"id", "text", "action"} <= set(x), x["id"]
        assert x.get("evidence") is None or x["evidence"] in EVIDENCE, x["id"]
        assert x.get("target") is None or values[0] <= x["target"] <= values[-1], x["id"]
        assert x.get("weight", 1) > 0


@pytest.mark.parametrize("name", FILES)
def test_every_text_in_three_languages(name):
    found = list(texts(load(name)))
    assert len(found) > 10
    for where, t in found:
        assert set(t) == {"en", "ru", "bg"}, where
        assert all(isinstance(t[k], str) and t[k].strip() for k in t), where
        assert CYRILLIC.search(t["ru"]) and CYRILLIC.search(t["bg"]), where
        assert not CYRILLIC.search(t["en"]) or "К.В.А.Н.К." in t["en"], where
        assert t["ru"] != t["bg"] or len(t["ru"]) < 20, where  # bg is not the ru text copied (short labels may match)


def test_what_the_brief_asks_of_each_file():
    ksf, sama, s7, profile, roles, states = (load(n) for n in FILES)
    assert len(ksf["sections"]) == 6 and all(3 <= len(s["questions"]) <= 4 for s in ksf["sections"])
    assert len(sama["sections"]) == 11 and all(2 <= len(s["questions"]) <= 3 for s in sama["sections"])
    assert [s["id"] for s in s7["sections"]] == ["strategy", "structure", "systems", "shared_values", "style",
                                                 "staff", "skills"]
    assert s7["ask_target"] is True and s7["ours"] is False
    assert all(2 <= len(s["questions"]) <= 3 for s in s7["sections"])
    assert all(3 <= x["target"] <= 5 for s in profile["sections"] for x in s["questions"])
    assert len(roles["sections"]) == 7 and all(len(s["questions"]) == 2 for s in roles["sections"])
    assert roles["ask_time"] is True
    assert states["placeholder"] is True and states["ours"] is True
    assert len(states["sections"]) == 5 and all(len(s["questions"]) == 2 for s in states["sections"])
    # a placeholder says so, in every language, in every statement and action
    for s in states["sections"]:
        for x in s["questions"]:
            for key in ("text", "action"):
                assert "Placeholder" in x[key]["en"] and "Заготовка" in x[key]["ru"]
                assert "Временен текст" in x[key]["bg"]
    for q in (ksf, sama, profile, roles, states):
        assert q["ours"] is True
    for q in (ksf, sama, s7):
        assert [v["id"] for v in q["verdicts"]] == ["not_ready", "partly", "ready"]
        assert [v["from"] for v in q["verdicts"]] == [0, 0.5, 0.75]
        assert q["gap_below"] == 3 and [s["value"] for s in q["scale"]] == [1, 2, 3, 4, 5]


def test_the_trades_own_words():
    """ru and bg as their trainers write them, not one language transliterated into the other."""
    ru = " ".join(t["ru"] for n in FILES for _, t in texts(load(n)))
    bg = " ".join(t["bg"] for n in FILES for _, t in texts(load(n)))
    assert "менеджер по работе с КК" in ru and "ЛПР" in ru and "ключевых клиентов" in ru
    assert "мениджъра „Ключови клиенти“" in bg and "лицето, вземащо решение" in bg
    # Russian-only letters and words do not leak into Bulgarian
    assert not re.search("[ыэё]", bg)
    assert not re.search(r"\b(менеджер|ЛПР|клиентов|который)\b", bg)
    # nor Bulgarian-only letters into Russian
    assert "ѝ" not in ru and not re.search(r"\b(се|със|който|които)\b", ru)
