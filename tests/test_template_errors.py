"""The editable templates speak with one voice when something is wrong."""

import pytest

from kbcore.analyses._template import read_template, template_error, template_number


def test_an_error_names_the_template_the_file_the_key_and_what_to_do():
    with pytest.raises(ValueError, match=r"^KA matrix a\.yaml: axes\.x: bad\. What to do: fix it\.$"):
        template_error("KA matrix", "a.yaml", "axes.x", "bad", "fix it")
    with pytest.raises(ValueError, match=r"^KA matrix: goal: "):
        template_error("KA matrix", None, "goal", "bad", "fix it")


@pytest.mark.parametrize(("value", "kw", "says"), [
    (True, {}, "is not a number"), ("3", {}, "is not a number"), (float("nan"), {}, "is not a number"),
    (-1, {"low": 0}, "is negative"), (11, {"low": 1, "high": 10}, "between 1 and 10"),
    (0.5, {"low": 1}, "at least 1"), (2, {"high": 1}, "at most 1"),
])
def test_numbers_out_of_place_are_refused(value, kw, says):
    with pytest.raises(ValueError, match=says):
        template_number("T", value, "f.yaml", "k", **kw)


def test_numbers_in_range_pass_as_floats():
    assert template_number("T", 3, None, "k", low=0) == 3.0
    assert template_number("T", 1, None, "k", low=1, high=10) == 1.0  # bounds included


def test_reading_a_template(tmp_path):
    good = tmp_path / "t.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    assert read_template("T", good, tmp_path / "default.yaml") == ({"a": 1}, good)
    with pytest.raises(ValueError, match="not found. What to do: check the path"):
        read_template("T", tmp_path / "missing.yaml", good)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: [1, 2\n")
    with pytest.raises(ValueError, match="not readable as UTF-8 YAML"):
        read_template("T", bad, good)
    assert read_template("T", None, good)[1] == good  # None is the default
