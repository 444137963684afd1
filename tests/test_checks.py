"""Exercise checks: right / not yet + hint, kind type hints, and never the expected value."""

import re

import numpy as np
import pandas as pd
import pytest

import kbcore.workbook as exercises
from kbcore.i18n import t
from kbcore.workbook import checks

HINT = "check.hint.default"  # any catalogue id works as a hint


@pytest.fixture(autouse=True)
def registry(monkeypatch):
    """An empty registry of our own, a fake dataset, English messages."""
    monkeypatch.setattr(checks, "_REGISTRY", {})
    monkeypatch.setattr(checks, "_EXPECTED", {})
    monkeypatch.setattr(checks, "_STEPS_SHOWN", {})
    monkeypatch.delenv(checks.STRICT_ENV, raising=False)
    monkeypatch.setattr(checks, "_LOADED", True)
    monkeypatch.setattr(checks, "_LANG", "en")
    monkeypatch.setattr(checks, "demo_dataset", lambda: {"revenue": 1234567.891})
    return checks._REGISTRY


def register(exercise_id, value, **kwargs):
    calls = []

    def expected(ds):
        calls.append(ds)
        return value() if callable(value) else value

    checks.exercise(exercise_id, hint=HINT, **kwargs)(expected)
    return calls


def shown(verdict, capsys):
    """Everything the participant can see or get: printed text, verdict text/HTML/repr."""
    printed = capsys.readouterr().out
    return "\n".join([printed, verdict.text, verdict.html, repr(verdict)])


def assert_no_leak(everything, *needles):
    for needle in needles:
        assert needle not in everything, needle


def test_number_right_and_wrong_never_shows_the_answer(capsys):
    calls = register("1.1", lambda: 1234567.891, kind="number", tol=0.001)
    right = exercises.check("1.1", 1234000)  # |1234000 - 1234567.891| = 567.9 <= 0.001 * 1234567.9 = 1234.6
    assert right and right.status == "right" and right == True  # noqa: E712
    assert "✔ Right!" in capsys.readouterr().out
    wrong = exercises.check("1.1", 1230000)  # off by 4567.9 > 1234.6
    assert not wrong and wrong.status == "wrong" and wrong == False  # noqa: E712
    everything = shown(wrong, capsys)
    assert "✘ Not yet." in everything and t(HINT, "en") in everything
    assert_no_leak(everything, "1234567", "1 234 567", "1,234,567", "1234568", "1.23e")
    assert len(calls) == 1  # the expected value is computed once per process


def test_exact_count_with_tol_zero(capsys):
    register("c", 17, kind="number", tol=0)
    assert checks.check("c", 17) and checks.check("c", np.int64(17)) and checks.check("c", 17.0)
    assert not checks.check("c", 16)
    assert_no_leak(capsys.readouterr().out, "17")


def test_placeholder_is_not_answered_yet_and_computes_nothing(capsys):
    calls = register("1.2", 5, kind="number")
    verdict = checks.check("1.2", ...)
    assert not verdict and verdict.status == "unanswered"
    assert "Not answered yet" in capsys.readouterr().out
    assert calls == []


@pytest.mark.parametrize("answer, words", [
    (pd.DataFrame({"revenue": [5.0]}), ["a single number", "DataFrame", ".item()"]),
    (pd.Series([5.0, 6.0]), ["Series", "2 values", ".loc["]),
    ("5", ["text (str)", "without quotes"]),
    (None, ["None"]),
    (True, ["True/False"]),
    (float("nan"), ["NaN"]),
    ([5.0], ["collection of 1 value"]),
    ([5.0, 6.0], ["collection of 2 values"]),
])
def test_wrong_type_gets_a_friendly_hint(answer, words, capsys):
    register("n", 5.0, kind="number")
    verdict = checks.check("n", answer)
    assert verdict.status == "wrong_type" and not verdict
    everything = shown(verdict, capsys)
    for word in words:
        assert word in everything
    assert_no_leak(verdict.text, "5.0")


def test_share_as_share_or_percentage(capsys):
    register("s", 0.2347, kind="share", tol=0.005)
    assert checks.check("s", 0.2347).status == "right"
    assert checks.check("s", 0.23).status == "right"     # |0.23 - 0.2347| = 0.0047 <= 0.005 * max(0.2347, 1)
    pct = checks.check("s", 23.5)                        # 23.5 / 100 = 0.235, off by 0.0003
    assert pct.status == "right" and "percentage: 23.5 %" in pct.text
    assert checks.check("s", 0.22).status == "wrong"     # off by 0.0147
    assert checks.check("s", 22).status == "wrong"       # 0.22 as a percentage: same
    assert_no_leak(capsys.readouterr().out, "0.2347", "23.47")


def test_share_above_one():
    register("w", 1.85, kind="share", tol=0.001)
    assert checks.check("w", 1.85) and checks.check("w", 185.0)
    assert not checks.check("w", 0.0185)


def test_set_compares_as_strings(capsys):
    register("ids", ["0012", "7", "C-3"], kind="set")
    assert checks.check("ids", {"C-3", "0012", "7"})
    assert checks.check("ids", pd.Series(["7", "C-3", "0012", "7"]))  # order and duplicates ignored
    assert checks.check("ids", np.array(["0012", "7", "C-3"]))
    assert not checks.check("ids", ["12", "7", "C-3"])                   # leading zeros matter
    table = checks.check("ids", pd.DataFrame({"client_id": ["0012"]}))
    assert table.status == "wrong_type" and 'list(table["column"])' in table.text
    assert_no_leak(capsys.readouterr().out, "0012", "C-3")


def test_numbers_in_sets_whole_floats_are_integers():
    register("nums", [1, 2, 3], kind="set")
    assert checks.check("nums", [3.0, 2.0, 1.0])


def test_text_and_bool():
    register("txt", "High", kind="text")
    register("b", True, kind="bool")
    assert checks.check("txt", "  high ") and not checks.check("txt", "moderate")
    assert checks.check("txt", 1).status == "wrong_type"
    assert checks.check("b", np.bool_(True)) and not checks.check("b", False)
    assert checks.check("b", 1).status == "wrong_type"


def test_frame_and_series(capsys):
    expected = pd.DataFrame({"group": ["concession", "other"], "profit": [-123456.5, 987654.25]})
    register("f", expected, kind="frame", tol=1e-6)
    register("sr", pd.Series([1.5, 2.5], name="x"), kind="series")
    assert checks.check("f", expected[["profit", "group"]].set_index(pd.Index([5, 6])))
    wrong = checks.check("f", expected.assign(profit=[-1.0, 2.0]))
    assert wrong.status == "wrong"
    assert checks.check("f", expected.head(1)).status == "wrong"
    assert checks.check("f", 5).status == "wrong_type"
    assert checks.check("sr", pd.Series([1.5, 2.5])) and not checks.check("sr", pd.Series([1.5, 3.0]))
    assert_no_leak(capsys.readouterr().out, "123456", "987654", "concession")


def test_language_from_set_lang_or_argument(capsys):
    register("1.1", 10.0, kind="number")
    checks.set_lang("ru")
    assert checks.get_lang() == "ru"
    assert "✔ Верно!" in checks.check("1.1", 10.0).text
    assert "Упражнение 1.1" in checks.check("1.1", 11.0).text
    assert "Подсказка:" in checks.check("1.1", 11.0).text
    assert "Exercise 1.1" in checks.check("1.1", 11.0, lang="en").text
    assert "✔ Вярно!" in checks.check("1.1", 10.0, lang="bg").text
    with pytest.raises(ValueError):
        checks.set_lang("de")


@pytest.mark.parametrize(("n", "ru", "bg"), [
    (1, "столбец (Series) из 1 значения", "колона (Series) с 1 стойност"),
    (2, "столбец (Series) из 2 значений", "колона (Series) с 2 стойности"),
    (5, "столбец (Series) из 5 значений", "колона (Series) с 5 стойности"),
    (21, "столбец (Series) из 21 значения", "колона (Series) с 21 стойности"),
    (22, "столбец (Series) из 22 значений", "колона (Series) с 22 стойности"),
])
def test_a_wrong_kind_of_answer_is_named_with_its_count_in_words(n, ru, bg, capsys):
    register("n", 5.0, kind="number")
    column = pd.Series(range(n), dtype="float64")
    assert ru in checks.check("n", column, lang="ru").text
    assert bg in checks.check("n", column, lang="bg").text
    verdict = checks.check("n", list(range(n)), lang="ru")
    assert f"набор из {n} значени" in verdict.text and verdict.status == "wrong_type"


def test_html_is_escaped_with_code_spans():
    register("h", 1.0, kind="number")
    verdict = checks.check("h", "<script>alert(1)</script>")
    assert "<script>" not in verdict.html
    verdict = checks.check("h", ...)
    assert "<code>...</code>" in verdict.html and 'class="kb-check kb-check-unanswered"' in verdict.html


def test_unknown_exercise_names_the_known_ones():
    register("1.1", 1.0)
    with pytest.raises(KeyError, match=r"1\.9.*1\.1"):
        checks.check("1.9", 1.0)


def test_registration_errors():
    register("dup", 1.0)
    with pytest.raises(ValueError, match="registered twice"):
        checks.exercise("dup")(lambda ds: 2.0)
    with pytest.raises(ValueError, match="kind"):
        checks.exercise("k", kind="money")
    with pytest.raises(KeyError, match="catalogue"):
        checks.exercise("h", hint="ex.no.such.hint")


def test_answer_modules_are_found_on_disk_and_load_lazily(monkeypatch):
    modules = checks.answer_modules()
    on_disk = sorted(p.stem for p in checks.ANSWERS_DIR.glob("*.py") if checks.ANSWER_MODULE.match(p.stem))
    assert [m.rsplit(".", 1)[1] for m in modules] == on_disk
    assert "kbcore.workbook.answers.block01" in modules
    assert [bool(checks.ANSWER_MODULE.match(n)) for n in ("block07", "kpi03", "__init__", "block7", "kpi_x")] == [
        True, True, False, False, False]
    monkeypatch.setattr(checks, "_REGISTRY", {})
    monkeypatch.setattr(checks, "_LOADED", False)
    monkeypatch.setattr(checks, "answer_modules", lambda: [])
    assert checks.registered() == []
    assert checks._LOADED is True


def test_an_exercise_error_is_not_hidden_as_a_wrong_answer():
    def broken(ds):
        raise RuntimeError("the analysis is broken")

    checks.exercise("x", hint=HINT)(broken)
    with pytest.raises(RuntimeError, match="broken"):
        checks.check("x", 1.0)


def test_verdict_never_holds_the_value():
    register("v", 424242.0, kind="number")
    verdict = checks.check("v", 1.0)
    assert not re.search(r"4242", " ".join(str(getattr(verdict, s)) for s in verdict.__slots__))


# --- multiple choice and stepped hints -------------------------------------------------------------

def texts(en, ru="ру", bg="бг"):
    return {"en": en, "ru": ru, "bg": bg}


@pytest.fixture
def choice_catalogue(monkeypatch):
    """Explanations of three options and a three-step hint, added to the real catalogue."""
    from kbcore.i18n import catalogue

    entries = {"ex.t.opt.1": texts("One is the share of clients, not of money."),
               "ex.t.opt.2": texts("Two: the top fifth brings most of the money."),
               "ex.t.opt.3": texts("Three counts returns twice."),
               "ex.t.hint.1": texts("Idea: money, not clients."),
               "ex.t.hint.2": texts("Look at the Pareto chart."),
               "ex.t.hint.3": texts("The chart is drawn by the Pareto view.")}
    for key, value in entries.items():
        monkeypatch.setitem(catalogue(), key, value)
    return entries


def test_choice_explains_the_chosen_option_and_accepts_the_ways_people_write_a_number(choice_catalogue, capsys):
    checks.exercise("t", kind="choice", options=3, hint="ex.t.hint")(lambda ds: 2)
    wrong = exercises.check("t", 3)
    everything = shown(wrong, capsys)
    assert wrong.status == "wrong"
    assert "Three counts returns twice." in everything  # why the chosen option is not right
    assert "Two: the top fifth" not in everything  # the right option's explanation is not given away
    for answer in (2, 2.0, "2", " 2) ", "2."):
        verdict = exercises.check("t", answer)
        assert verdict.status == "right", answer
        assert "Two: the top fifth brings most of the money." in verdict.text
    for answer in (0, 4, "two", 2.5, "B"):
        assert exercises.check("t", answer).status == "wrong_type", answer
    assert "from 1 to 3" in exercises.check("t", 7).text


def test_hints_come_one_step_more_at_each_wrong_answer(choice_catalogue):
    checks.exercise("t", kind="number", hint="ex.t.hint", tol=0)(lambda ds: 5)
    first = exercises.check("t", 4)
    assert "Hint 1 of 3: Idea: money, not clients." in first.text
    assert "Look at the Pareto chart." not in first.text
    second = exercises.check("t", 6)
    assert "Hint 1 of 3:" in second.text and "Hint 2 of 3: Look at the Pareto chart." in second.text
    assert "Hint 3 of 3" not in second.text
    exercises.check("t", 6)
    fourth = exercises.check("t", 6)  # no step beyond the last
    assert fourth.text.count("Hint 3 of 3") == 1 and "Hint 4" not in fourth.text
    assert exercises.check("t", 5).status == "right"


def test_hint_shows_the_next_step_without_an_answer(choice_catalogue):
    checks.exercise("t", kind="number", hint="ex.t.hint")(lambda ds: 5)
    assert "Hint 1 of 3" in exercises.hint("t").text
    assert "Hint 2 of 3" in exercises.hint("t").text
    last = exercises.hint("t")
    assert "Hint 3 of 3" in last.text
    again = exercises.hint("t")
    assert t("check.hint.last", "en") in again.text and "Hint 4" not in again.text
    assert "5" not in again.text.replace("Exercise t", "")


def test_choice_needs_options_and_every_explanation(choice_catalogue):
    with pytest.raises(ValueError, match="options >= 2"):
        checks.exercise("t", kind="choice")(lambda ds: 1)
    with pytest.raises(KeyError, match="ex.t.opt.4"):
        checks.exercise("t", kind="choice", options=4)(lambda ds: 1)
    with pytest.raises(ValueError, match="for kind='choice'"):
        checks.exercise("t", kind="number", options=3)(lambda ds: 1)
    with pytest.raises(ValueError, match="style must be one of"):
        checks.exercise("t", style="expert")(lambda ds: 1)
    with pytest.raises(KeyError, match="not in the catalogue"):
        checks.exercise("t", hint="ex.nothing.like.this")(lambda ds: 1)


def test_hint_steps_are_found_in_order_or_a_single_entry_serves(choice_catalogue):
    assert checks.hint_steps("ex.t.hint") == ["ex.t.hint.1", "ex.t.hint.2", "ex.t.hint.3"]
    assert checks.hint_steps("check.hint.default") == ["check.hint.default"]
    assert checks.hint_steps(None) == []


def test_strict_mode_fails_a_solution_whose_answer_is_not_right(monkeypatch):
    register("1.1", 5, kind="number", tol=0)
    monkeypatch.setenv(checks.STRICT_ENV, "1")
    assert exercises.check("1.1", 5).status == "right"
    assert exercises.check("1.1", ...).status == "unanswered"  # an exercise workbook passes
    with pytest.raises(AssertionError, match="1.1: the answer is wrong") as raised:
        exercises.check("1.1", 4)
    assert "5" not in str(raised.value).replace("1.1", "")
    with pytest.raises(AssertionError, match="wrong type"):
        exercises.check("1.1", "five")
