"""The editable templates speak with one voice when something is wrong, in the participant's language."""

import re
from pathlib import Path

import pytest

from kbcore.analyses import _template
from kbcore.analyses._template import (
    argument_number,
    read_template,
    template_error,
    template_number,
)
from kbcore.errors import TEMPLATE_KINDS as KINDS
from kbcore.errors import KBDataError, TemplateError
from kbcore.i18n import catalogue

MODULES = [Path(_template.__file__).with_name(n) for n in
           ("_template.py", "ka_portfolio.py", "ka_advantage.py", "ka_relationship.py")]


def test_an_error_is_a_kbdataerror_and_a_valueerror_naming_kind_file_key_and_todo():
    with pytest.raises(TemplateError) as err:
        template_error("portfolio", "not_number", "a.yaml", "axes.x.weight", what="weight",
                       value="abc", example="0.25")
    e = err.value
    assert isinstance(e, KBDataError) and isinstance(e, ValueError)
    assert e.key == "template.not_number" and e.file == "a.yaml" and e.where == "axes.x.weight"
    assert e.message("en").splitlines() == [
        "Key-account matrix template: “abc” is not a number.",
        "File: a.yaml",
        "Key: axes.x.weight (criterion weight)",
        "What to do: Write a plain number, e.g. 0.25: a dot before the decimals, no spaces, units "
        "or percent sign.",
    ]
    ru = e.message("ru").splitlines()
    assert ru[0] == "Шаблон матрицы ключевых клиентов: «abc» — не число."
    assert ru[2] == "Ключ: axes.x.weight (вес критерия)"
    assert ru[3].startswith("Что сделать: Впишите просто число, например 0.25")
    assert str(e) == e.message("en") + "\n\n" + e.message("ru")  # printed in en and ru
    # IPython shows this instead of a traceback: the two messages, nothing of the package's frames
    assert e._render_traceback_() == str(e).splitlines()
    with pytest.raises(TemplateError) as err:  # no file, no key: no such lines
        template_error("relationship", "first_stage")
    assert err.value.message("ru").splitlines() == [
        "Шаблон стадий отношений с ключевыми клиентами: у первой стадии есть требования.",
        "Что сделать: Оставьте requires первой стадии пустым: любой ключевой клиент находится как "
        "минимум на ней."]
    with pytest.raises(ValueError, match="unknown template kind"):
        TemplateError("not_number", kind="nonsense")


@pytest.mark.parametrize(("value", "kw", "problem", "ru"), [
    (True, {}, "not_number", "«True» — не число"), ("3", {}, "not_number", "«3» — не число"),
    (float("nan"), {}, "not_number", "не число"), (None, {}, "no_value", "значение не заполнено"),
    (-1, {"low": 0}, "negative", "-1 — отрицательное число"),
    (11, {"low": 1, "high": 10}, "out_of_range", "11 — вне диапазона 1–10"),
    (0.5, {"low": 1}, "too_small", "0.5 меньше 1"), (2, {"high": 1}, "too_large", "2 больше 1"),
])
def test_numbers_out_of_place_are_refused(value, kw, problem, ru):
    with pytest.raises(TemplateError) as err:
        template_number("advantage", value, "f.yaml", "k", **kw)
    assert err.value.key == f"template.{problem}"
    assert ru in err.value.message("ru")


def test_numbers_in_range_pass_as_floats():
    assert template_number("portfolio", 3, None, "k", low=0) == 3.0
    assert template_number("portfolio", 1, None, "k", low=1, high=10) == 1.0  # bounds included


def test_function_arguments_stay_english_valueerrors():
    """The programmer's arguments (a goal, a share) are not the trainer's input."""
    assert argument_number(0.5, "capture", low=0, high=1) == 0.5
    with pytest.raises(ValueError, match=r"^capture: 2 is out of range\. .*between 0 and 1") as err:
        argument_number(2, "capture", low=0, high=1)
    assert not isinstance(err.value, KBDataError)
    with pytest.raises(ValueError, match=r"^goal: 'x' is not a number"):
        argument_number("x", "goal")


def test_reading_a_template(tmp_path):
    good = tmp_path / "t.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    assert read_template("portfolio", good, tmp_path / "default.yaml") == ({"a": 1}, good)
    with pytest.raises(TemplateError) as err:
        read_template("portfolio", tmp_path / "missing.yaml", good)
    assert err.value.key == "template.not_found" and err.value.file == str(tmp_path / "missing.yaml")
    assert "скопируйте шаблон по умолчанию data/templates/t.yaml" in err.value.message("ru")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(TemplateError) as err:
        read_template("portfolio", bad, good)
    assert err.value.key == "template.not_yaml" and err.value.fields["line"] == 3
    assert "Исправьте отступы" in err.value.message("ru")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: 'é'\n".encode("latin-1"))
    with pytest.raises(TemplateError, match="not a text file in UTF-8"):
        read_template("portfolio", latin, good)
    assert read_template("portfolio", None, good)[1] == good  # None is the default


def _used(pattern: str) -> set[str]:
    return {m for p in MODULES for m in re.findall(pattern, p.read_text(encoding="utf-8"))}


def test_every_problem_kind_and_word_used_is_in_the_catalogue_with_what_to_do():
    problems = (_used(r'_fail\(\s*file,\s*[^,]+,\s*"(\w+)"')
                | _used(r'template_error\(\s*(?:kind|_SCORES|_MANUAL|"\w+"),\s*"(\w+)"'))
    assert {"not_number", "negative", "not_found", "not_yaml", "unknown_key", "missing_key",
            "duplicate_id", "unknown_measure", "wrong_shape", "scores_range"} <= problems  # found
    words = _used(r'what="(\w+)"')
    assert {"weight", "step_score", "threshold", "requirement"} <= words
    cat = catalogue()
    lacking = [f"template.{p}{s}" for p in problems for s in ("", ".todo")
               if f"template.{p}{s}" not in cat]
    lacking += [f"template.kind.{k}" for k in KINDS if f"template.kind.{k}" not in cat]
    lacking += [f"template.what.{w}" for w in words if f"template.what.{w}" not in cat]
    assert lacking == []


def test_every_language_has_the_same_placeholders():
    fields = re.compile(r"{(\w+)}")
    odd = [(key, lang) for key, texts in catalogue().items() if key.startswith("template.")
           for lang in ("ru", "bg") if set(fields.findall(texts[lang])) != set(fields.findall(texts["en"]))]
    assert odd == []
