"""The committed workbooks: exercises match their solutions, carry no answers, and every exercise is checked."""

import re

import nbformat
import pytest

from kbcore.paths import PROJECT_DIR
from kbcore.workbook import registered

SOLUTIONS = sorted((PROJECT_DIR / "solutions").rglob("*.ipynb"))
PAIRS = [(s, PROJECT_DIR / "exercises" / s.relative_to(PROJECT_DIR / "solutions")) for s in SOLUTIONS]


def test_there_are_workbooks():
    assert PAIRS, "no solutions workbook found"


@pytest.mark.parametrize(("solution", "exercise"), PAIRS, ids=[p[0].stem for p in PAIRS])
def test_every_exercise_cell_is_the_start_of_its_solution_cell(solution, exercise):
    def own(cells, drop=()):  # the generated "do not edit" header differs on purpose
        return [c for c in cells if not {"generated", *drop} & set(c.metadata.get("tags", []))]

    sol = own(nbformat.read(solution, 4).cells, drop=("solution",))
    exe = own(nbformat.read(exercise, 4).cells)
    assert len(sol) == len(exe)
    for s, e in zip(sol, exe, strict=True):
        assert s.cell_type == e.cell_type
        s_lines, e_lines = s.source.splitlines(), e.source.splitlines()
        for i, line in enumerate(e_lines):
            if line.strip() in ("# Your code here", "...  # Your code here"):
                continue
            expected = s_lines[i]
            if line.rstrip().endswith("= ..."):  # `name = expr  # SOLUTION` became `name = ...`
                assert expected.endswith("# SOLUTION") and expected.startswith(line[: -len("...")])
            elif line != expected:  # a change-and-rerun line (`# EXERCISE`) stands for a solution line
                assert expected.endswith("# SOLUTION"), (line, expected)


@pytest.mark.parametrize(("solution", "exercise"), PAIRS, ids=[p[0].stem for p in PAIRS])
def test_no_answer_survives_into_the_exercise(solution, exercise):
    text = exercise.read_text(encoding="utf-8")
    assert not re.search(r"#\s*solution", text, flags=re.IGNORECASE)
    sol_nb = nbformat.read(solution, 4)
    for cell in sol_nb.cells:
        for line in cell.source.splitlines():
            if line.rstrip().endswith("# SOLUTION"):
                answer = line.split("=", 1)[1].split("# SOLUTION")[0].strip()
                assert answer not in text


@pytest.mark.parametrize(("solution", "exercise"), PAIRS, ids=[p[0].stem for p in PAIRS])
def test_every_check_in_a_workbook_has_an_expected_answer(solution, exercise):
    ids = set(re.findall(r'check\(\\?"([0-9a-z.]+)\\?"', exercise.read_text(encoding="utf-8")))
    assert ids, "the workbook has no check() call"
    assert ids <= set(registered())
