"""Exercises a head of sales can do (issue 9, part 4), checked on every block's workbooks.

Each block's exercises are of three styles (``kbcore.workbook.checks.STYLES``): *read* and
*rerun* need no pandas, *analyst* does and is optional. Checked here, structurally:

- at least two thirds of each block's exercises are *read* or *rerun*;
- in the generated exercise workbook, the cell of a *read* or *rerun* exercise asks only for
  values to type (``name = ...``) or for one argument of a call to change, and holds no pandas
  (no ``.loc``, masks, ``merge``, ``groupby`` …);
- every exercise has a hint in at least two steps, in every language, and no step holds the
  solution's code or the expected answer;
- a choice's options are explained one by one, and its expected option is one of them;
- every discussion question (a text cell tagged ``discussion``) carries its self-check, a
  ``<details>`` block the participant opens after answering; and no text that asks to discuss
  is left without that tag.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from kbcore.i18n import catalogue, fmt_number
from kbcore.paths import PROJECT_DIR
from kbcore.workbook import checks
from kbcore.workbook.build import program_langs, read_source

PANDAS = re.compile(r"\.(loc|iloc|at|iat)\[|\.(merge|groupby|query|assign|where|mask|apply|sort_values|"
                    r"value_counts|sum|count|mean|isin|nlargest|nsmallest)\(|\[[^\]\n]*(==|!=|<=|>=| < | > )"
                    r"[^\]\n]*\]|~\w")
DISCUSS = re.compile(r"^\s*\*\*\s*(to discuss|for discussion|обсудите|обсудим|для обсуждения|обсъдете|"
                     r"за обсъждане)",
                     re.IGNORECASE | re.MULTILINE)
"""How a block asks the room to discuss: a bold lead-in ("**To discuss:** …", "**Обсудите:** …")."""
PLACEHOLDER_LINE = re.compile(r"^[ \t]*[\w.\[\]\"']+[ \t]*=[ \t]*\.\.\.[ \t]*$", re.MULTILINE)


def _blocks() -> dict[str, list[checks.Exercise]]:
    checks.registered()
    blocks: dict[str, list[checks.Exercise]] = {}
    for item in checks._REGISTRY.values():
        module = item.func.__module__.rsplit(".", 1)[-1]
        blocks.setdefault(module, []).append(item)
    return blocks


BLOCKS = _blocks()


def _solution_source(module: str) -> Path:
    program, number = ("kpi", module[3:]) if module.startswith("kpi") else ("kb", module[5:])
    found = sorted((PROJECT_DIR / "solutions" / program).glob(f"{number}_*.py"))
    assert len(found) == 1, f"{module}: no single solutions/{program}/{number}_*.py"
    return found[0]


def _variant(kind: str, source: Path, lang: str) -> nbformat.NotebookNode:
    rel = source.relative_to(PROJECT_DIR / "solutions")
    path = PROJECT_DIR / kind / rel.parent / lang / (source.stem + ".ipynb")
    return nbformat.read(path, as_version=4)


def _cells_of(nb, exercise_id: str) -> list:
    call = re.compile(r"""check\(\s*["']""" + re.escape(exercise_id) + r"""["']""")
    return [c for c in nb.cells if c.cell_type == "code" and call.search(c.source)]


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_two_thirds_of_a_blocks_exercises_need_no_pandas(module):
    items = BLOCKS[module]
    undeclared = [i.id for i in items if i.style not in checks.STYLES]
    assert not undeclared, f"{module}: exercises without a style (read, rerun or analyst): {undeclared}"
    plain = [i.id for i in items if i.style != "analyst"]
    assert 3 * len(plain) >= 2 * len(items), (
        f"{module}: {len(plain)} of {len(items)} exercises are read-and-decide or change-and-rerun")


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_plain_exercise_cells_ask_for_values_not_code(module):
    source = _solution_source(module)
    lang = program_langs(source.relative_to(PROJECT_DIR))[0]
    exercise_nb, solution_nb = _variant("exercises", source, lang), _variant("solutions", source, lang)
    for item in BLOCKS[module]:
        cells = _cells_of(exercise_nb, item.id)
        assert cells, f"{item.id}: no check() cell in the exercise workbook"
        assert _cells_of(solution_nb, item.id), f"{item.id}: no check() cell in the solution workbook"
        if item.style == "analyst":
            continue
        for cell in cells:
            code = "\n".join(line.split("#", 1)[0] for line in cell.source.splitlines())
            assert PLACEHOLDER_LINE.search(cell.source), (
                f"{item.id} ({item.style}): the exercise cell has no `name = ...` to fill in")
            assert "Your code here" not in cell.source, f"{item.id} ({item.style}) asks for code"
            assert not PANDAS.search(code), (
                f"{item.id} ({item.style}) shows pandas to a participant: {PANDAS.search(code).group(0)!r}")


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_hints_come_in_steps_without_code_or_answer(module):
    source = _solution_source(module)
    solution_code = [line.split("=", 1)[1].split("#", 1)[0].strip()
                     for line in source.read_text(encoding="utf-8").splitlines()
                     if line.rstrip().endswith("# SOLUTION") and "=" in line]
    entries = catalogue()
    for item in BLOCKS[module]:
        steps = item.hints()
        assert len(steps) >= 2, f"{item.id}: the hint must come in steps (the idea, where to look, …)"
        expected = checks._expected(item)
        for step in steps:
            for lang, text in entries[step].items():
                for code in solution_code:
                    assert len(code) < 8 or code not in text, f"{step} [{lang}] holds the solution's code"
                if item.kind in ("number", "share") and not isinstance(expected, bool):
                    value = float(expected)
                    shown = {fmt_number(value, lang=lang)} | ({str(int(value))} if value.is_integer() else set())
                    for figure in shown:
                        if len(re.sub(r"\D", "", figure)) >= 2:
                            assert not re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d,.])", text), (
                                f"{step} [{lang}] gives the answer away ({figure})")


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_choices_explain_every_option(module):
    for item in BLOCKS[module]:
        if item.kind != "choice":
            continue
        assert 1 <= int(checks._expected(item)) <= item.options, f"{item.id}: the expected option is not listed"
        for key in item.explanations():
            assert len(catalogue()[key]) >= 3, f"{key}: not in every language"


def _discussion_problems(path: Path) -> list[str]:
    problems = []
    for index, cell in enumerate(read_source(path).cells, start=1):
        if cell.cell_type != "markdown":
            continue
        tagged = "discussion" in cell.metadata.get("tags", [])
        if tagged and "<details" not in cell.source:
            problems.append(f"{path.name}, cell {index}: a discussion question without its self-check")
        if not tagged and DISCUSS.search(cell.source) and "<details" not in cell.source:
            problems.append(f"{path.name}, cell {index}: asks to discuss but is not tagged 'discussion'")
    return problems


SOURCES = sorted(p for top in ("notebooks", "solutions") for p in (PROJECT_DIR / top).glob("*/*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[f"{p.parent.parent.name}/{p.stem}" for p in SOURCES])
def test_every_discussion_question_has_a_self_check(path):
    assert _discussion_problems(path) == []
