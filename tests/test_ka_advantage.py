"""Block 7 · the competitive-advantage checklist (kbcore.analyses.ka_advantage), hand-computed."""

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses.ka_advantage import (
    TEMPLATE,
    advantage_scores,
    advantage_template,
    load_advantage_template,
    read_scores_table,
)
from kbcore.analyses.key_accounts import candidate_key_accounts
from kbcore.errors import KBDataError

TEXT = {"en": "x", "ru": "х", "bg": "х"}


def _template():
    return advantage_template({"items": {
        "ref": {"text": TEXT, "goal": "new_clients", "measure": "manual"},
        "vol": {"text": TEXT, "goal": "lower_costs", "measure": "revenue_share", "thresholds": [0.2, 0.4]},
        "years": {"text": TEXT, "goal": "stability", "measure": "tenure_years", "thresholds": [3, 5]},
    }})


def _measures():
    # revenue_12m 50 + 30 + 20 = 100: shares 0.5, 0.3, 0.2
    return pd.DataFrame({"client_id": ["A", "B", "C"], "revenue_12m": [50.0, 30.0, 20.0],
                         "tenure_years": [6.0, np.nan, 2.9]})


def test_default_template_is_an_example_with_6_to_8_items_in_three_languages():
    tpl = load_advantage_template()
    assert tpl.example and 6 <= len(tpl.items) <= 8
    assert all(set(i.text) == {"en", "ru", "bg"} for i in tpl.items)
    assert any(i.manual for i in tpl.items) and any(not i.manual for i in tpl.items)
    assert load_advantage_template(TEMPLATE).example


def test_scores_by_hand():
    manual = pd.DataFrame({"client_id": ["A", "B"], "item": ["ref", "ref"], "score": ["2", "0"]})
    res = advantage_scores(_template(), ["A", "B", "C"], _measures(), manual=manual)
    s = res.scores.set_index("client_id")
    # A: ref 2, vol 0.5 ≥ 0.4 → 2, years 6 ≥ 5 → 2: total 6 of 6
    assert s.loc["A", ["ref", "vol", "years"]].tolist() == [2, 2, 2]
    assert s.loc["A", "index"] == 1.0 and s.loc["A", "coverage"] == 1.0
    # B: ref 0, vol 0.3 → 1, years unknown: total 1 of 4 known
    assert s.loc["B", "ref"] == 0 and s.loc["B", "vol"] == 1 and np.isnan(s.loc["B", "years"])
    assert s.loc["B", "total"] == 1 and s.loc["B", "max_total"] == 4 and s.loc["B", "index"] == 0.25
    # C: ref not typed → missing (not 0); vol 0.2 → 1 (on the threshold); years 2.9 < 3 → 0
    assert np.isnan(s.loc["C", "ref"]) and s.loc["C", "vol"] == 1 and s.loc["C", "years"] == 0
    assert s.loc["C", "known"] == 2 and s.loc["C", "index"] == 0.25
    assert res.scores["client_id"].tolist() == ["A", "B", "C"]  # index desc, total desc, id
    items = res.items.set_index("item")
    assert items.loc["ref", "scored"] == 2 and items.loc["ref", "yes"] == 1 and items.loc["ref", "no"] == 1
    assert items.loc["vol", "mean"] == pytest.approx(4 / 3)
    assert items.loc["years", "coverage"] == pytest.approx(2 / 3)
    assert res.missing == [] and res.manual_given and not res.example


def test_manual_items_without_scores_are_missing_not_zero():
    res = advantage_scores(_template(), ["A"], _measures())
    assert res.missing == ["ref"]
    row = res.scores.iloc[0]
    assert np.isnan(row["ref"]) and row["known"] == 2 and row["max_total"] == 4
    assert res.items.set_index("item").loc["ref", "scored"] == 0


def test_no_measure_and_no_accounts():
    res = advantage_scores(_template(), ["A"], pd.DataFrame({"client_id": ["A"]}))
    assert res.missing == ["ref", "vol", "years"] and np.isnan(res.scores.loc[0, "index"])
    empty = advantage_scores(_template(), [], _measures())
    assert empty.scores.empty and "key_accounts" in empty.missing


@pytest.mark.parametrize("bad, problem, where", [
    ({"items": {"x": {"text": TEXT, "goal": "fun", "measure": "manual"}}}, "unknown_goal", "items.x.goal"),
    ({"items": {"x": {"text": {"en": "x"}, "goal": "growth", "measure": "manual"}}}, "texts",
     "items.x.text"),
    ({"items": {"x": {"text": TEXT, "goal": "growth", "measure": "manual", "thresholds": [1, 2]}}},
     "manual_thresholds", "items.x.thresholds"),
    ({"items": {"x": {"text": TEXT, "goal": "growth", "measure": "tenure_years", "thresholds": [5, 3]}}},
     "not_ascending", "items.x.thresholds"),
    ({"items": {"x": {"text": TEXT, "goal": "growth", "measure": "tenure_years", "thresholds": [1]}}},
     "not_pair", "items.x.thresholds"),
    ({"items": {"x": {"text": TEXT, "goal": "growth", "measure": "tenure_years",
                      "thresholds": [1, "two"]}}}, "not_number", "items.x.thresholds[1]"),
    ({"items": {"x": {"text": TEXT, "goal": "growth"}}}, "missing_key", "items.x.measure"),
    ({"items": {}}, "count", "items"),
    ({"things": {}}, "unknown_key", None),
    ({}, "missing_key", "items"),
    ([], "wrong_shape", None),
])
def test_template_errors_name_the_key(bad, problem, where):
    with pytest.raises(KBDataError) as err:
        advantage_template(bad, file="mine.yaml")
    assert isinstance(err.value, ValueError)
    assert (err.value.key, err.value.where) == (f"template.{problem}", where)
    assert err.value.message("ru").startswith("Чек-лист конкурентных преимуществ: ")


def test_a_bad_threshold_in_russian():
    bad = {"items": {"x": {"text": TEXT, "goal": "growth", "measure": "tenure_years",
                           "thresholds": [1, "2 года"]}}}
    with pytest.raises(KBDataError) as err:
        advantage_template(bad, file="ka_advantage.yaml")
    assert err.value.message("ru").splitlines()[:3] == [
        "Чек-лист конкурентных преимуществ: «2 года» — не число.",
        "Файл: ka_advantage.yaml",
        "Ключ: items.x.thresholds[1] (порог оценки пункта)"]


def test_manual_score_errors():
    tpl = _template()
    with pytest.raises(KBDataError) as err:
        advantage_scores(tpl, ["A"], _measures(),
                         manual=pd.DataFrame({"client_id": ["A"], "item": ["ref"], "score": [3]}))
    assert err.value.key == "template.scores_levels" and err.value.examples == ["A · ref · 3"]
    assert "Впишите 0 (нет), 1 (частично) или 2 (да)." in err.value.message("ru")
    with pytest.raises(KBDataError) as err:
        advantage_scores(tpl, ["A"], _measures(),
                         manual=pd.DataFrame({"client_id": ["A"], "item": ["vol"], "score": [1]}))
    assert err.value.key == "template.scores_unknown" and err.value.column == "item"
    with pytest.raises(KBDataError) as err:
        advantage_scores(tpl, ["A"], _measures(),
                         manual=pd.DataFrame({"client_id": ["A", "A"], "item": ["ref"] * 2, "score": [1, 2]}))
    assert err.value.key == "template.scores_twice"
    with pytest.raises(KBDataError) as err:
        advantage_scores(tpl, ["A"], _measures(), manual=pd.DataFrame({"client_id": ["A"], "note": ["x"]}))
    assert err.value.key == "template.scores_columns" and err.value.fields["missing"] == "item, score"


def test_read_scores_table_semicolon(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("client_id;item;score\nA;ref;2\n", encoding="utf-8")
    table = read_scores_table(path)
    assert table.to_dict("records") == [{"client_id": "A", "item": "ref", "score": "2"}]
    with pytest.raises(KBDataError) as err:
        read_scores_table(tmp_path / "none.csv")
    assert err.value.key == "template.scores_not_found"
    assert err.value.message("ru").startswith("Таблица ручных оценок: файл не найден.")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("client_id;item;score\nA;réf;2\n".encode("latin-1"))
    with pytest.raises(KBDataError, match="CSV UTF-8"):
        read_scores_table(latin)


def test_candidates_make_half_the_profit():
    pnl = pd.DataFrame({"client_id": ["a", "b", "c", "d", "e"], "revenue": [1, 1, 1, 1, 1],
                        "profit": [40.0, 30.0, 20.0, 10.0, -5.0]})
    # positive total 100; cumulative 40, 70 → the first two reach 50
    assert candidate_key_accounts(pnl).tolist() == ["a", "b"]
    assert candidate_key_accounts(pnl, share=0.4).tolist() == ["a"]
    assert candidate_key_accounts(pnl, share=1.0, cap=3).tolist() == ["a", "b", "c"]
    no_cost = pnl.assign(profit=np.nan, revenue=[1.0, 5.0, 2.0, 2.0, 0.0])
    assert candidate_key_accounts(no_cost).tolist() == ["b"]  # revenue 5 of 10
    assert candidate_key_accounts(pnl.assign(profit=-1.0)).empty


def test_quadrant_summary_by_hand():
    from kbcore.analyses.ka_portfolio import quadrant_summary
    quads = {"high_high": "grow", "high_low": "sel", "low_high": "keep", "low_low": "cash"}
    table = pd.DataFrame({"client_id": ["a", "b", "c", "d"], "key_account": [True, False, True, False],
                          "quadrant": ["grow", "grow", "cash", None]})
    measures = pd.DataFrame({"client_id": ["a", "b", "c", "d"], "revenue_12m": [60.0, 20.0, 20.0, 0.0]})
    out = quadrant_summary(table, measures, quads).set_index("quadrant")
    assert out.index.tolist() == ["grow", "sel", "keep", "cash", ""]
    assert out.loc["grow", "clients"] == 2 and out.loc["grow", "key_accounts"] == 1
    assert out.loc["grow", "revenue_share"] == pytest.approx(0.8)
    assert out.loc["sel", "clients"] == 0 and out.loc["", "clients"] == 1
    only_c = quadrant_summary(table, measures, quads, key_accounts=["c"]).set_index("quadrant")
    assert only_c.loc["grow", "key_accounts"] == 0 and only_c.loc["cash", "key_accounts"] == 1
