"""The exercise generator: each marker rule on small in-memory notebooks, and its refusals."""

import re

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kbcore.workbook.generate import (
    PLACEHOLDER,
    ExerciseMarkerError,
    exercise_source,
    make_exercise,
    make_solution,
    solution_source,
)


def nb_of(*cells):
    return new_notebook(cells=list(cells))


def code(source, tags=None):
    cell = new_code_cell(source)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def sources(nb):
    return [c.source for c in nb.cells]


def test_cell_tagged_solution_is_dropped_code_and_markdown():
    md = new_markdown_cell("For the trainer only")
    md.metadata["tags"] = ["solution"]
    solution = nb_of(code("x = 1"), code("secret = 42", tags=["solution"]), md, code("check('1', x)"))
    exercise = make_exercise(solution)
    assert sources(exercise) == ["x = 1", "check('1', x)"]
    # the solution notebook itself is not modified
    assert len(solution.cells) == 4


def test_cut_line_keeps_what_is_above():
    src = "# Compare the two tables\nprepared = 1\n# solution\nanswer = prepared * 2\nanswer"
    assert exercise_source(src) == "# Compare the two tables\nprepared = 1"


@pytest.mark.parametrize("marker", ["# solution", "#solution", "    # SOLUTION  ", "# Solution"])
def test_cut_line_any_case_and_spacing(marker):
    src = f"keep = 1\n{marker}\ngone = 2"
    assert exercise_source(src) == "keep = 1"


def test_cut_at_the_top_leaves_a_placeholder_cell():
    solution = nb_of(code("# solution\n\nanswer = 6 * 7\n"))
    exercise = make_exercise(solution)
    assert sources(exercise) == [PLACEHOLDER]


def test_cut_inside_a_block_keeps_valid_python():
    src = "def f(x):\n    # solution\n    return x * 2\n\nf"
    out = exercise_source(src)
    assert out == f"def f(x):\n    ...  {PLACEHOLDER}"
    compile(out, "<exercise>", "exec")  # still runs


def test_trailing_solution_assignment_becomes_ellipsis():
    src = (
        "base = 10\n"
        "answer = base * 2  # SOLUTION\n"
        "    indented = base  #solution\n"
        "typed: float = base / 3  # SOLUTION\n"
        'table["share"] = base / 100  # Solution\n'
        'text = "a # not a marker"  # SOLUTION\n'
        "check('1', answer)"
    )
    assert exercise_source(src) == (
        "base = 10\n"
        "answer = ...\n"
        "    indented = ...\n"
        "typed: float = ...\n"
        'table["share"] = ...\n'
        "text = ...\n"
        "check('1', answer)"
    )


def test_chained_assignment():
    assert exercise_source("a = b = compute()  # SOLUTION") == "a = b = ..."


@pytest.mark.parametrize("line", [
    "print(answer)  # SOLUTION",           # not an assignment
    "a, b = 1, 2  # SOLUTION",             # a tuple would not unpack from ...
    "total += 5  # SOLUTION",              # augmented: ... + 5 fails
    "x = compute(  # SOLUTION",            # not a one-line statement
])
def test_solution_on_a_line_that_is_not_a_simple_assignment_is_refused(line):
    solution = nb_of(new_markdown_cell("intro"), code(f"setup = 1\n{line}\n"))
    with pytest.raises(ExerciseMarkerError) as info:
        make_exercise(solution, file="solutions/kb/99_test.py")
    err = info.value
    assert (err.file, err.cell, err.line) == ("solutions/kb/99_test.py", 2, 2)
    assert "solutions/kb/99_test.py, cell 2, line 2" in str(err)
    assert line.strip() in str(err)


def test_two_cut_lines_in_one_cell_are_refused():
    solution = nb_of(code("a = 1\n# solution\nb = 2\n# solution\nc = 3"))
    with pytest.raises(ExerciseMarkerError) as info:
        make_exercise(solution, file="s.py")
    assert (info.value.cell, info.value.line) == (1, 4)
    assert "second '# solution'" in str(info.value)


@pytest.mark.parametrize("text", ["Some text\n# solution\nmore", "The answer is 42 # SOLUTION"])
def test_marker_in_markdown_is_refused(text):
    solution = nb_of(code("x = 1"), new_markdown_cell(text))
    with pytest.raises(ExerciseMarkerError) as info:
        make_exercise(solution, file="s.py")
    assert (info.value.file, info.value.cell, info.value.line) == ("s.py", 2, 2 if "\n" in text else 1)
    assert "markdown" in str(info.value)


def test_solution_cell_that_is_the_parameters_cell_is_refused():
    solution = nb_of(code("x = 1"), code("lang = 'en'", tags=["parameters", "solution"]))
    with pytest.raises(ExerciseMarkerError) as info:
        make_exercise(solution, file="s.py")
    assert info.value.cell == 2 and info.value.line is None
    assert "parameters" in str(info.value)


def test_a_lookalike_marker_is_refused_rather_than_leaked():
    solution = nb_of(code("x = 1\n# Solution below\ny = 2"))
    with pytest.raises(ExerciseMarkerError) as info:
        make_exercise(solution)
    assert (info.value.cell, info.value.line) == (1, 2)


def test_no_marker_or_solution_code_survives():
    solution = nb_of(
        code("data = load()"),
        code("answer = data.secret_formula()  # SOLUTION\ncheck('1', answer)"),
        code("# Try it yourself\n# solution\nsecret_formula_two = 1"),
        code("secret_formula_three = 2", tags=["solution"]),
    )
    text = "\n".join(sources(make_exercise(solution)))
    assert not re.search(r"#\s*solution", text, re.IGNORECASE)
    assert "secret_formula" not in text
    assert text == "data = load()\nanswer = ...\ncheck('1', answer)\n# Try it yourself"


def test_indented_cut_after_a_complete_statement_adds_nothing():
    src = "for i in range(3):\n    print(i)\n    # solution\n    print(i * 2)"
    assert exercise_source(src) == "for i in range(3):\n    print(i)"


# --- change and rerun: the line the exercise shows instead of the solution's ----------------------

def test_exercise_line_replaces_the_solution_line_below_it():
    source = ('classes = abc(pnl, measure="revenue")  # EXERCISE\n'
              'classes = abc(pnl, measure="profit")  # SOLUTION\n'
              "show(classes)\n"
              "a_clients = 41  # SOLUTION\n"
              'check("6.5", a_clients)')
    assert exercise_source(source) == ('classes = abc(pnl, measure="revenue")\n'
                                       "show(classes)\n"
                                       "a_clients = ...\n"
                                       'check("6.5", a_clients)')
    assert solution_source(source) == ('classes = abc(pnl, measure="profit")  # SOLUTION\n'
                                       "show(classes)\n"
                                       "a_clients = 41  # SOLUTION\n"
                                       'check("6.5", a_clients)')


def test_exercise_line_without_a_solution_line_below_is_refused():
    with pytest.raises(ExerciseMarkerError, match="directly above"):
        exercise_source('x = f(1)  # EXERCISE\ny = 2')
    with pytest.raises(ExerciseMarkerError, match="directly above"):
        solution_source('x = f(1)  # EXERCISE')
    with pytest.raises(ExerciseMarkerError, match="looks like an exercise marker"):
        exercise_source('x = f(1)  # exercise: change it\nx = f(2)  # SOLUTION')


def test_solution_notebook_drops_the_exercise_lines_and_the_exercise_keeps_them():
    nb = new_notebook(cells=[new_code_cell('k = f(1)  # EXERCISE\nk = f(2)  # SOLUTION\nprint(k)')])
    assert make_solution(nb).cells[0].source == "k = f(2)  # SOLUTION\nprint(k)"
    assert make_exercise(nb).cells[0].source == "k = f(1)\nprint(k)"
    assert "# EXERCISE" in nb.cells[0].source  # the source notebook is not modified
