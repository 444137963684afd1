"""Make a participant's exercise workbook from its solution workbook.

``solutions/<program>/NN_name.py`` is the single source of every exercise; the exercise
notebook is derived from it by three markers (after the scikit-learn MOOC's
``generate-exercise-from-solution.py`` and otter-grader's ``# SOLUTION`` lines):

========================================  ===================================================
in the solution                           in the exercise
========================================  ===================================================
a cell tagged ``solution``                dropped (markdown or code)
a line ``# solution`` (alone on its       the rest of the cell is cut; the lines above stay.
line, any case, any indentation)          A cell left empty gets ``# Your code here``; a cut
                                          inside an indented block that would leave it empty
                                          adds ``...`` at that indentation, so the cell still runs
``name = expr  # SOLUTION`` (any case;    ``name = ...`` (indentation kept), so the workbook
also ``name: type = expr``,               runs top to bottom before anything is filled in and
``df["x"] = expr``, ``a = b = expr``)     the check says "not answered yet"
``code  # EXERCISE`` directly above a     ``code`` (the marker dropped) instead of the
``# SOLUTION`` line                       ``# SOLUTION`` line; the solution notebook drops the
                                          ``# EXERCISE`` line (:func:`solution_source`)
========================================  ===================================================

The ``# EXERCISE`` line is how a *change and rerun* exercise is written: the exercise shows the
call as the block makes it (``classes = abc(pnl, measure="revenue")  # EXERCISE``), the
participant changes one argument and runs it; the solution line under it is the changed call
(``classes = abc(pnl, measure="profit")  # SOLUTION``).

Malformed markers fail loudly (like nbgrader's ``clearsolutions``) with
:class:`ExerciseMarkerError` naming the file, the cell and the line: a marker in a markdown
cell, ``# SOLUTION`` after something that is not a one-line assignment, two ``# solution``
lines in one cell, a comment that starts like a marker but is not one (``# solution below``),
or a ``solution`` cell that is also the ``parameters`` cell.
"""

from __future__ import annotations

import ast
import copy
import re

import nbformat

__all__ = ["ExerciseMarkerError", "PLACEHOLDER", "make_exercise", "make_solution", "exercise_source",
           "solution_source"]

PLACEHOLDER = "# Your code here"

SOLUTION_TAG = "solution"
_CUT = re.compile(r"^(?P<indent>[ \t]*)#\s*solution\s*$", re.IGNORECASE)
_TRAILING = re.compile(r"^(?P<code>.*?\S)\s*#\s*solution\s*$", re.IGNORECASE)
# anything that starts like a marker: "#solution", "# Solution:", "# SOLUTION below" ...
_LOOKALIKE = re.compile(r"#\s*solution\b", re.IGNORECASE)
_EXERCISE = re.compile(r"^(?P<code>.*?\S)\s*#\s*exercise\s*$", re.IGNORECASE)
# a trailing comment that starts like the marker: "x = f(1)  # exercise: change it"
_EXERCISE_LOOKALIKE = re.compile(r"\S\s*#\s*exercise\b", re.IGNORECASE)


class ExerciseMarkerError(ValueError):
    """A solution marker that the generator cannot turn into an exercise.

    Attributes ``file``, ``cell`` (1-based, in the solution notebook), ``line`` (1-based,
    within the cell) and ``text`` (the offending line) say where; the message says what to do.
    """

    def __init__(self, problem: str, *, file=None, cell: int, line: int | None = None,
                 text: str | None = None):
        self.problem, self.file, self.cell, self.line, self.text = problem, file, cell, line, text
        where = f"{file or '<notebook>'}, cell {cell}"
        if line is not None:
            where += f", line {line}"
        msg = f"{where}: {problem}"
        if text is not None:
            msg += f"\n    {text.strip()}"
        super().__init__(msg)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _blank_answer(code: str) -> str | None:
    """``target = ...`` for a one-line assignment ``code`` (no indentation), else None."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    if len(tree.body) != 1:
        return None
    node = tree.body[0]
    allowed = (ast.Name, ast.Attribute, ast.Subscript)
    if isinstance(node, ast.Assign) and all(isinstance(t, allowed) for t in node.targets):
        targets = [ast.get_source_segment(code, t) for t in node.targets]
        return " = ".join(targets) + " = ..."
    if isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, allowed):
        target = ast.get_source_segment(code, node.target)
        annotation = ast.get_source_segment(code, node.annotation)
        return f"{target}: {annotation} = ..."
    return None


def exercise_source(source: str, *, file=None, cell: int = 1) -> str:
    """The exercise version of one code cell's ``source`` (see the module docstring).

    Raises
    ------
    ExerciseMarkerError
        For two cut lines, a ``# SOLUTION`` that does not end a one-line assignment, or a
        comment that looks like a marker but is not one.
    """
    lines = source.split("\n")
    cut_at: int | None = None
    out: list[str] = []
    replaced = _exercise_lines(lines, file=file, cell=cell)
    for number, line in enumerate(lines, start=1):
        if number in replaced:
            out.append(replaced[number])
            continue
        if number - 1 in replaced:
            continue  # the solution line that the exercise line above stands for
        if _CUT.match(line):
            if cut_at is not None:
                raise ExerciseMarkerError(
                    f"a second '# solution' line in one cell (the first is line {cut_at}); "
                    "a cell can be cut once: split it into two cells or tag the cell 'solution'",
                    file=file, cell=cell, line=number, text=line)
            cut_at = number
            continue
        if cut_at is not None:
            continue  # below the cut: solution code, dropped (checked for a second cut above)
        trailing = _TRAILING.match(line)
        if trailing:
            code = trailing.group("code")
            indent = code[: len(code) - len(code.lstrip())]
            blank = _blank_answer(code.strip())
            if blank is None:
                raise ExerciseMarkerError(
                    "'# SOLUTION' must end a one-line assignment such as `answer = expr  # SOLUTION`; "
                    "for longer solutions use a '# solution' line (cuts the rest of the cell) "
                    "or a cell tagged 'solution'",
                    file=file, cell=cell, line=number, text=line)
            out.append(indent + blank)
            continue
        if _LOOKALIKE.search(line):
            raise ExerciseMarkerError(
                "this comment looks like a solution marker but is not one; write '# solution' alone "
                "on its line (cuts the rest of the cell) or end an assignment with '# SOLUTION'",
                file=file, cell=cell, line=number, text=line)
        out.append(line)
    if cut_at is None:
        return "\n".join(out)
    while out and not out[-1].strip():
        out.pop()
    indent = _CUT.match(lines[cut_at - 1]).group("indent")
    if not out:
        out.append(PLACEHOLDER)
    elif indent and not _compiles("\n".join(out)):
        # a cut inside a block (a function body, a loop): keep the block valid Python
        candidate = [*out, f"{indent}...  {PLACEHOLDER}"]
        if _compiles("\n".join(candidate)):
            out = candidate
    return "\n".join(out)


def _exercise_lines(lines: list[str], *, file=None, cell: int = 1) -> dict[int, str]:
    """``{line number: exercise code}`` of the ``# EXERCISE`` lines of a cell (markers checked)."""
    found = {}
    for number, line in enumerate(lines, start=1):
        match = _EXERCISE.match(line)
        if match is None:
            if _EXERCISE_LOOKALIKE.search(line):
                raise ExerciseMarkerError(
                    "this comment looks like an exercise marker but is not one; end the line the "
                    "exercise shows with '# EXERCISE'", file=file, cell=cell, line=number, text=line)
            continue
        below = lines[number] if number < len(lines) else ""
        if not _TRAILING.match(below):
            raise ExerciseMarkerError(
                "an '# EXERCISE' line must stand directly above the '# SOLUTION' line it replaces "
                "in the exercise", file=file, cell=cell, line=number, text=line)
        found[number] = match.group("code")
    return found


def solution_source(source: str, *, file=None, cell: int = 1) -> str:
    """The solution notebook's version of one code cell: its ``# EXERCISE`` lines dropped."""
    lines = source.split("\n")
    drop = _exercise_lines(lines, file=file, cell=cell)
    return "\n".join(line for number, line in enumerate(lines, start=1) if number not in drop)


def make_solution(solution: nbformat.NotebookNode, *, file=None) -> nbformat.NotebookNode:
    """The solution notebook as participants' trainers see it: a copy without ``# EXERCISE`` lines."""
    nb = copy.deepcopy(solution)
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
            cell.source = solution_source(source, file=file, cell=index)
    return nb


def _compiles(code: str) -> bool:
    try:
        compile(code, "<cell>", "exec", flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except (SyntaxError, ValueError):
        return False
    return True


def make_exercise(solution: nbformat.NotebookNode, *, file=None) -> nbformat.NotebookNode:
    """The exercise notebook made from a ``solution`` notebook (which is not modified).

    Parameters
    ----------
    solution : nbformat.NotebookNode
        The solution workbook (e.g. read from ``solutions/kb/01_main_errors.py`` by jupytext).
    file : str or Path, optional
        The solution's file name, used in error messages.

    Returns
    -------
    nbformat.NotebookNode
        A copy with solution cells dropped and solution lines blanked; cell ids, outputs
        and metadata are left for the caller to normalise.

    Raises
    ------
    ExerciseMarkerError
        On a malformed marker, naming the file, the cell (1-based) and the line.
    """
    nb = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(nb.cells, start=1):
        tags = _tags(cell)
        if SOLUTION_TAG in tags:
            if "parameters" in tags:
                raise ExerciseMarkerError(
                    "a cell tagged 'solution' is also the 'parameters' cell; the exercise would lose "
                    "its parameters: move the solution into a cell of its own", file=file, cell=index)
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        if cell.cell_type == "code":
            cell.source = exercise_source(source, file=file, cell=index)
        else:
            for number, line in enumerate(source.split("\n"), start=1):
                exercise_marker = _EXERCISE.match(line) and not line.lstrip().startswith("#")
                if _CUT.match(line) or _TRAILING.match(line) or _LOOKALIKE.search(line) or exercise_marker:
                    raise ExerciseMarkerError(
                        f"a solution marker in a {cell.cell_type} cell; markers work in code cells "
                        "only (tag a text cell 'solution' to drop it from the exercise)",
                        file=file, cell=index, line=number, text=line)
        cells.append(cell)
    nb.cells = cells
    return nb
