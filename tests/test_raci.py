"""Block 8's key-account team as a RACI chart: the template, a filled chart from a CSV, the check."""

import re
from pathlib import Path

import pandas as pd
import pytest

from kbcore.analyses import raci as raci_module
from kbcore.analyses.raci import (
    FINDING_COLUMNS,
    TEMPLATE,
    check_raci,
    raci_table,
    read_raci,
    read_raci_answers,
)
from kbcore.errors import TemplateError
from kbcore.i18n import catalogue

SMALL = """\
id: t
functions:
  - {id: kam, label: {en: KAM, ru: Менеджер КК, bg: Мениджър}}
  - {id: sales, label: {en: Sales, ru: Продажи, bg: Продажби}}
  - {id: finance, label: {en: Finance, ru: Финансы, bg: Финанси}}
activities:
  - {id: plan, label: {en: Plan, ru: План, bg: План}, example: {kam: R, sales: A}}
  - {id: price, label: {en: Price, ru: Цена, bg: Цена}, example: {kam: a/r, finance: c}}
  - {id: pay, label: {en: Pay, ru: Оплата, bg: Плащане}}
"""


@pytest.fixture
def small(tmp_path) -> raci_module.Raci:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return read_raci(path)


def chart(rows: dict) -> pd.DataFrame:
    """A chart from {activity: {function: letters}}; absent cells are empty."""
    return pd.DataFrame.from_dict(rows, orient="index").fillna("")


# =========================================================================== the template
def test_the_default_template_is_a_clean_example_in_three_languages():
    r = read_raci()
    assert r.default and Path(r.file) == TEMPLATE
    assert r.functions == ("kam", "sales", "logistics", "finance", "production", "marketing", "management")
    assert 8 <= len(r.activities) <= 12
    for group in ("functions", "activities"):
        for labels in r.labels[group].values():
            assert set(labels) == {"en", "ru", "bg"} and all(labels.values())
            assert re.search("[а-яА-Я]", labels["ru"]) and re.search("[а-яА-Я]", labels["bg"])
    assert set(r.texts) == {"title", "intro", "source"}
    table = raci_table(r)
    assert list(table.index) == list(r.activities) and list(table.columns) == list(r.functions)
    assert set(table.to_numpy().ravel()) <= {"", "A", "R", "C", "I", "A/R"}
    # the example is what a good chart looks like: one A and an R per activity, nobody idle or overloaded
    assert check_raci(table).empty
    # and it is a copy: editing it leaves the template's example alone
    table.iloc[0, 0] = "X"
    assert raci_table(r).iloc[0, 0] != "X"


def test_a_small_template_is_read_with_its_letters_normalised(small):
    assert not small.default
    t = raci_table(small)
    assert t.loc["plan"].tolist() == ["R", "A", ""]
    assert t.loc["price"].tolist() == ["A/R", "", "C"]  # "a/r" -> A/R, "c" -> C
    assert t.loc["pay"].tolist() == ["", "", ""]  # no example: nobody


@pytest.mark.parametrize(("text", "problem", "key"), [
    (SMALL.replace("id: sales", "id: Sales"), "bad_id", "functions[1].id"),
    (SMALL.replace("id: finance", "id: kam"), "duplicate_id", "functions[2].id"),
    (SMALL.replace("{kam: R, sales: A}", "{kam: R, legal: A}"), "raci_unknown_function", "activities[0].example"),
    (SMALL.replace("{kam: R, sales: A}", "{kam: R, sales: X}"), "raci_letters", "activities[0].example.sales"),
    (SMALL.replace("bg: Цена}", "bg: ''}"), "texts", "activities[1].label"),
    (SMALL.replace("id: t\n", "id: t\ncolour: red\n"), "unknown_key", None),
    (SMALL.split("activities:")[0], "missing_key", "activities"),
    (SMALL.replace("{id: pay, label:", "{id: pay, owner: kam, label:"), "unknown_key", "activities[2]"),
])
def test_a_broken_template_is_refused_with_the_key_and_what_to_do(tmp_path, text, problem, key):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        read_raci(path)
    assert err.value.key == f"template.{problem}" and err.value.where == key
    assert err.value.message("ru").startswith("Матрица команды по ключевому клиенту (RACI)")
    assert "Что сделать:" in err.value.message("ru")


def test_a_missing_template_names_the_default_copy(tmp_path):
    with pytest.raises(TemplateError) as err:
        read_raci(tmp_path / "nope.yaml")
    assert err.value.key == "template.not_found"
    assert "data/templates/ka_team_raci.yaml" in err.value.message("en")


# =========================================================================== the check
def test_each_finding_on_a_hand_made_chart():
    t = chart({
        "a1": {"x": "A/R", "y": "C", "z": ""},  # fine
        "a2": {"x": "R", "y": "I", "z": ""},  # no A
        "a3": {"x": "A", "y": "A", "z": ""},  # two A and no R
    })
    got = check_raci(t)
    assert list(got.columns) == FINDING_COLUMNS
    # x is R or A on a1, a2, a3: 3 of 3 = 1.0 > 0.7; y only A on a3: 1/3 = 0.33; z has no letter at all
    assert got[["finding", "activity", "function", "count"]].astype(object).where(got.notna(), None).values.tolist() == [
        ["no_accountable", "a2", None, 0],
        ["several_accountable", "a3", None, 2],
        ["no_responsible", "a3", None, 0],
        ["overloaded", None, "x", 3],
        ["idle", None, "z", 0],
    ]
    assert got.loc[1, "functions"] == ("x", "y")  # who holds the two A
    assert got.loc[3, "share"] == pytest.approx(1.0) and got.loc[4, "share"] == 0.0
    assert got.loc[:2, "share"].isna().all()


def test_overload_is_strictly_above_the_share():
    # 10 activities; x is R on a0-a6 and y is A on a0-a6: 7/10 = 0.7 each, not above 0.7 -> no finding;
    # z is A/R on a7-a9: 3/10. Then x also R on a7: 8/10 = 0.8 > 0.7 -> x overloaded, alone
    rows = {f"a{i}": {"x": "R", "y": "A", "z": ""} if i < 7 else {"x": "", "y": "", "z": "A/R"}
            for i in range(10)}
    assert check_raci(chart(rows)).empty
    rows["a7"]["x"] = "R"
    got = check_raci(chart(rows))
    assert got[["finding", "function", "count"]].values.tolist() == [["overloaded", "x", 8]]
    assert got.loc[0, "share"] == pytest.approx(0.8)
    assert check_raci(chart(rows), overload_share=1.0).empty  # nobody above 100%
    with pytest.raises(ValueError, match="overload_share"):
        check_raci(chart(rows), overload_share=1.5)


def test_letters_are_read_apart_from_case_separators_dashes_and_cyrillic(small):
    filled = pd.DataFrame({"kam": ["r", "a, r", "-"], "sales": ["А", " ", "ar"], "finance": ["С/I", None, "i"]},
                          index=["plan", "price", "pay"])  # "А" and "С" typed in Cyrillic
    t = raci_table(small, filled)
    assert t.to_numpy().tolist() == [["R", "A", "C/I"], ["A/R", "", ""], ["", "A/R", "I"]]
    assert check_raci(t).empty  # kam: R or A on 2 of 3 = 0.67 <= 0.7; sales on 2 of 3 too


def test_an_activity_or_a_function_the_filled_chart_lacks_is_empty(small):
    t = raci_table(small, pd.DataFrame({"kam": ["A/R"]}, index=["plan"]))
    assert t.loc["plan"].tolist() == ["A/R", "", ""] and t.loc["pay"].tolist() == ["", "", ""]
    got = check_raci(t)
    # price and pay: no A and no R; sales and finance: no letter; kam: 1 of 3 = 0.33
    assert got["finding"].tolist() == ["no_accountable", "no_accountable", "no_responsible", "no_responsible",
                                       "idle", "idle"]


def test_a_filled_chart_in_code_with_unknown_ids_or_letters_is_refused(small):
    with pytest.raises(TemplateError) as err:
        raci_table(small, pd.DataFrame({"legal": ["R"]}, index=["plan"]))
    assert err.value.key == "template.raci_unknown_function" and "kam, sales, finance" in err.value.message("en")
    with pytest.raises(TemplateError) as err:
        raci_table(small, pd.DataFrame({"kam": ["R"]}, index=["audit"]))
    assert err.value.key == "template.raci_unknown_activity"
    with pytest.raises(TemplateError) as err:
        raci_table(small, pd.DataFrame({"kam": ["Q"]}, index=["plan"]))
    assert err.value.key == "template.raci_letters" and "plan · kam: 'Q'" in err.value.message("en")


# =========================================================================== a CSV
def test_a_filled_csv_is_read(tmp_path, small):
    path = tmp_path / "team.csv"
    # ';' as Excel writes it in ru/bg locales; lower case; ids with spaces; no finance column; no pay row
    path.write_text("activity;KAM;sales\nplan ;r;A\nPRICE;A/R;i\n", encoding="utf-8")
    t = read_raci_answers(path, small)
    assert t.to_numpy().tolist() == [["R", "A", ""], ["A/R", "I", ""], ["", "", ""]]
    assert list(t.index) == ["plan", "price", "pay"]


@pytest.mark.parametrize(("text", "problem", "ru"), [
    ("activity,kam,legal\nplan,R,A\n", "raci_unknown_function", "«legal» — не функция"),
    ("activity,kam,sales\nplan,R,A\naudit,R,A\n", "raci_unknown_activity", "«audit» (строка 3)"),
    ("activity,kam,sales\nplan,R,A\nprice,A,R\nplan,C,I\n", "raci_twice", "(строки 2, 4)"),
    ("activity\nplan\n", "raci_no_columns", "нет ни одного столбца функции"),
    ("activity,kam,sales\nplan,R,A\nprice,X,R\n", "raci_letters", "3 · kam: 'X'"),
    ("activity,kam,kam\nplan,R,A\n", "duplicate_id", "встречается дважды"),
])
def test_a_malformed_csv_says_what_where_and_what_to_do(tmp_path, small, text, problem, ru):
    path = tmp_path / "team.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        read_raci_answers(path, small)
    assert err.value.key == f"template.{problem}"
    message = err.value.message("ru")
    assert message.startswith("Заполненная матрица команды по ключевому клиенту (RACI)")
    assert ru in message and "Что сделать:" in message and str(path) in message


def test_a_missing_or_unreadable_csv(tmp_path, small):
    with pytest.raises(TemplateError) as err:
        read_raci_answers(tmp_path / "nope.csv", small)
    assert err.value.key == "template.scores_not_found" and err.value.kind == "raci_answers"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("activity,kam\nplan,R\né,R\n".encode("latin-1"))
    with pytest.raises(TemplateError, match="UTF-8"):
        read_raci_answers(latin, small)


def test_every_problem_raised_is_in_the_catalogue_with_what_to_do():
    source = Path(raci_module.__file__).read_text(encoding="utf-8")
    problems = set(re.findall(r'_fail\(\s*[^,]+,\s*[^,]+,\s*"(\w+)"', source))
    problems |= set(re.findall(r'template_error\(\s*_ANSWERS,\s*"(\w+)"', source))
    assert {"bad_id", "raci_letters", "raci_unknown_activity", "raci_twice", "raci_no_columns"} <= problems
    cat = catalogue()
    lacking = [f"template.{p}{s}" for p in problems for s in ("", ".todo") if f"template.{p}{s}" not in cat]
    lacking += [k for k in ("template.kind.raci", "template.kind.raci_answers") if k not in cat]
    assert lacking == []
