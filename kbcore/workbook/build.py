"""Notebook sources and the notebooks generated from them.

Every notebook has one source, a jupytext *percent* script that diffs like code, and one
generated workbook per language of its program (``kb``, program 000: ``ru`` and ``en``; ``kpi``,
program 004: ``bg`` and ``en``; :data:`kbcore.workbook.scaffold.PROGRAMS`):

- ``notebooks/<program>/NN_name.py``  ->  ``notebooks/<program>/<lang>/NN_name.ipynb`` (a block's analysis)
- ``solutions/<program>/NN_name.py``  ->  ``solutions/<program>/<lang>/NN_name.ipynb`` (the trainer's answers)
  and  ->  ``exercises/<program>/<lang>/NN_name.ipynb`` (the participants' workbook, made by
  :func:`kbcore.workbook.generate.make_exercise`)

In a source, ``# %%`` starts a code cell, ``# %% [markdown]`` a text cell, and
``# %% tags=["parameters"]`` gives a cell its tags (papermill's ``parameters``, the runner's
``key-figures`` and ``remove``, the generator's ``solution``).

Languages: code is written once; the prose of every language sits beside it. Each text cell
says its language, and the cells of one text follow each other, one per language of the program::

    # %% [markdown] lang="en"
    # ## Who earns the money?

    # %% [markdown] lang="ru"
    # ## Кто приносит деньги?

The workbook in ``ru`` keeps the code cells and the ``ru`` text cells; its ``lang = "en"`` line
(the parameters cell of a notebook, the first cell of a solution) reads ``lang = "ru"``, so that
charts, tables and verdicts speak the workbook's language too. The build stops
(:class:`SourceLanguageError`) on a text without one of the program's languages (a language
that comes again starts the next text), a text cell without a language or a code cell with one: a translation cannot go
missing unnoticed, and the code of two variants cannot differ. A folder that is no program (the
tests' fixtures) has English alone.

The generated ``.ipynb`` are reproducible byte for byte (the scikit-learn MOOC's approach):
nbformat 4.5, no outputs, ``execution_count`` None, cell ids derived from each cell's content
(so that editing one cell changes one id), notebook metadata reduced to the kernel and the
language plus ``kbcore.generated_from``, JSON as nbformat writes it with a final newline.
Each starts with a short "generated, do not edit" note (a markdown cell tagged
``generated`` and ``remove``, so that reports leave it out).

``kbcore build`` calls :func:`build`; ``kbcore build --check`` (and CI) calls
``build(check=True)``, which writes nothing and lists what is missing, stale or orphaned.
"""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

import jupytext
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from kbcore.i18n import t
from kbcore.paths import PROJECT_DIR
from kbcore.workbook.forms import FORMS_DIR, form_files
from kbcore.workbook.generate import make_exercise, make_solution
from kbcore.workbook.scaffold import PROGRAMS

__all__ = [
    "SOURCE_DIRS",
    "SourceLanguageError",
    "program_langs",
    "language_variants",
    "workbooks",
    "GENERATED_TAG",
    "source_files",
    "read_source",
    "normalize",
    "to_bytes",
    "derived",
    "build",
    "clean_outputs",
]

SOURCE_DIRS = ("notebooks", "solutions")
EXERCISES_DIR = "exercises"
GENERATED_TAG = "generated"
_SOURCE_NAME = re.compile(r"^\d\d_[\w.-]+\.py$")
_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# cell metadata a notebook may carry; everything else (jupytext's own keys, execution
# timings, ids of other tools) is dropped so that nothing volatile remains
_KEEP_CELL_METADATA = ("tags", "slideshow", "jupyter", "editable", "deletable")


_LANG_LINE = re.compile(r'^lang = "[a-z]{2}"', re.MULTILINE)
"""The line of a workbook's code that sets the language of its charts, tables and verdicts."""


class SourceLanguageError(ValueError):
    """A source's prose is not given exactly once in every language of its program."""


def program_langs(rel) -> tuple[str, ...]:
    """The languages of the workbooks built from the source ``rel`` (``notebooks/kb/01_x.py``).

    Its program's languages, the first being the one the seminar is taught in; English alone
    for a folder that is no program.
    """
    parts = Path(rel).parts
    program = PROGRAMS.get(parts[1]) if len(parts) > 2 else None
    return program.langs if program else ("en",)


def _first_line(cell) -> str:
    line = next((ln.strip("# ").strip() for ln in _source_text(cell).splitlines() if ln.strip()), "")
    return line[:60]


def _incomplete(run: list, langs: tuple[str, ...]) -> list[str]:
    """What a text (its cells, one per language, with their numbers) lacks."""
    if not run:
        return []
    got = {c.metadata["lang"] for _, c in run}
    missing = [x for x in langs if x not in got]
    if not missing:
        return []
    cells = f"cell {run[0][0]}" if len(run) == 1 else f"cells {run[0][0]}–{run[-1][0]}"
    return [f"the text of {cells} ({_first_line(run[0][1])!r}) has no {', '.join(missing)} version: "
            f"add a text cell marked lang={missing[0]!r} right after it"]


def _language_problems(nb: nbformat.NotebookNode, langs: tuple[str, ...]) -> list[str]:
    problems, run = [], []
    cells = [*nb.cells, None]  # None closes the last run of text cells
    for i, cell in enumerate(cells, start=1):
        lang = None if cell is None else cell.get("metadata", {}).get("lang")
        if lang is not None:
            if cell.cell_type != "markdown":
                problems.append(f"cell {i} is code marked lang={lang!r}: code is written once, for "
                                "every language (remove the mark)")
            elif lang not in langs:
                problems.append(f"text cell {i} ({_first_line(cell)!r}) is in {lang!r}, which is not "
                                f"a language of this program ({', '.join(langs)})")
            else:
                if lang in (c.metadata["lang"] for _, c in run):  # a language again: a new text
                    problems += _incomplete(run, langs)
                    run = []
                run.append((i, cell))
            continue
        problems += _incomplete(run, langs)
        run = []
        if (cell is not None and len(langs) > 1 and cell.cell_type == "markdown"
                and GENERATED_TAG not in (cell.get("metadata", {}).get("tags") or [])):
            problems.append(f"text cell {i} ({_first_line(cell)!r}) has no language: mark it "
                            f"lang=\"en\" and give it in {', '.join(x for x in langs if x != 'en')} too")
    if len(langs) > 1 and not any(c.cell_type == "code" and _LANG_LINE.search(_source_text(c))
                                  for c in nb.cells):
        problems.append('no code cell sets lang = "en": the workbook\'s charts, tables and '
                        "verdicts could not follow its language")
    return problems


def language_variants(nb: nbformat.NotebookNode, langs: tuple[str, ...], *,
                      source: str) -> dict[str, nbformat.NotebookNode]:
    """One notebook per language of ``langs`` from a source with the prose of each (module docstring).

    Raises
    ------
    SourceLanguageError
        Naming every text without one of ``langs``, without a language, and every code cell
        marked with one.
    """
    problems = _language_problems(nb, langs)
    if problems:
        raise SourceLanguageError(f"{source}: " + "; ".join(problems) + ".")
    variants = {}
    for lang in langs:
        variant = nbformat.from_dict(copy.deepcopy(dict(nb)))
        variant.cells = [c for c in variant.cells if c.get("metadata", {}).get("lang") in (None, lang)]
        for cell in variant.cells:
            if cell.cell_type == "code" and _LANG_LINE.search(_source_text(cell)):
                cell.source = _LANG_LINE.sub(f'lang = "{lang}"', _source_text(cell), count=1)
                break
        variants[lang] = variant
    return variants


def _variant_path(root: Path, rel: Path, top: str, lang: str) -> Path:
    """``<top>/<program>/<lang>/NN_name.ipynb`` for the source ``rel`` (any top folder)."""
    return root.joinpath(top, *rel.parts[1:-1], lang, rel.name).with_suffix(".ipynb")


def workbooks(kind: str = "notebooks", lang: str | None = None, root=PROJECT_DIR) -> list[Path]:
    """The generated workbooks under ``kind`` (``notebooks``, ``solutions``, ``exercises``), sorted.

    Those in ``lang``; with ``lang=None``, each program's in the language it is taught in
    (the first of :func:`program_langs`): the variants the tests execute, the others differing
    from them only in their prose (a test compares them cell by cell).
    """
    root = Path(root).resolve()
    found = []
    for source in source_files(root):
        rel = source.relative_to(root)
        if kind == EXERCISES_DIR and rel.parts[0] != "solutions":
            continue
        if kind != EXERCISES_DIR and rel.parts[0] != kind:
            continue
        langs = program_langs(rel)
        want = langs[0] if lang is None else lang
        if want in langs:
            found.append(_variant_path(root, rel, kind, want))
    return sorted(found)


def _skip(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts)  # .ipynb_checkpoints, .git ...


def source_files(root=PROJECT_DIR) -> list[Path]:
    """Every notebook source ``notebooks/**/NN_name.py`` and ``solutions/**/NN_name.py``, sorted."""
    root = Path(root)
    found = []
    for folder in SOURCE_DIRS:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*.py")
                      if _SOURCE_NAME.match(p.name) and not _skip(p.relative_to(root))]
    return sorted(found)


def read_source(path) -> nbformat.NotebookNode:
    """Read a jupytext percent script as a notebook (line endings normalised)."""
    text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    return jupytext.reads(text, fmt="py:percent")


def _source_text(cell) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _header(source: str, lang: str) -> nbformat.NotebookNode:
    cell = new_markdown_cell(t("build.header", lang, source=source))
    cell.metadata = {"tags": [GENERATED_TAG, "remove"]}
    return cell


def normalize(nb: nbformat.NotebookNode, *, source: str, header: bool = True,
              note: str | None = None, lang: str = "en") -> nbformat.NotebookNode:
    """A clean, deterministic copy of ``nb`` (see the module docstring).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook read from a source (or an exercise made from one).
    source : str
        The source's path relative to the project (``solutions/kb/01_main_errors.py``),
        shown in the header and kept as ``metadata.kbcore.generated_from``.
    header : bool
        Put the "generated, do not edit" note first.
    note : str, optional
        One more line for the header (the exercises' note for participants).
    lang : str
        The workbook's language: of its header, and kept as ``metadata.kbcore.lang``.
    """
    cells = []
    if header:
        head = _header(source, lang)
        if note:
            head.source += "\n\n" + note
        cells.append(head)
    for cell in nb.cells:
        if GENERATED_TAG in (cell.get("metadata", {}).get("tags") or []):
            continue  # a header from an earlier build
        text = _source_text(cell)
        if cell.cell_type == "code":
            new = new_code_cell(text)
        elif cell.cell_type == "markdown":
            new = new_markdown_cell(text)
        else:
            new = new_raw_cell(text)
        meta = cell.get("metadata", {})
        new.metadata = {k: meta[k] for k in _KEEP_CELL_METADATA if meta.get(k)}
        cells.append(new)
    seen: dict[str, int] = {}
    for cell in cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    metadata = {"kernelspec": dict(_KERNELSPEC), "language_info": {"name": "python"},
                "kbcore": {"generated_from": source, "lang": lang}}
    return new_notebook(cells=cells, metadata=metadata)


def to_bytes(nb: nbformat.NotebookNode) -> bytes:
    """The notebook as nbformat writes it (sorted keys, one-space indent) plus a final newline."""
    text = nbformat.writes(nb, version=4)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def derived(root=PROJECT_DIR) -> dict[Path, bytes]:
    """Every generated notebook (absolute path) with the bytes it should have.

    Raises
    ------
    kbcore.workbook.generate.ExerciseMarkerError
        When a solution's markers are malformed.
    SourceLanguageError
        When a source's prose is not given once in each of its program's languages.
    """
    root = Path(root).resolve()
    files: dict[Path, bytes] = {}
    for path in source_files(root):
        rel = path.relative_to(root)
        source = rel.as_posix()
        variants = language_variants(read_source(path), program_langs(rel), source=source)
        for lang, nb in variants.items():
            shown = make_solution(nb, file=source) if rel.parts[0] == "solutions" else nb
            files[_variant_path(root, rel, rel.parts[0], lang)] = to_bytes(
                normalize(shown, source=source, lang=lang))
            if rel.parts[0] == "solutions":
                exercise = make_exercise(nb, file=source)
                files[_variant_path(root, rel, EXERCISES_DIR, lang)] = to_bytes(
                    normalize(exercise, source=source, note=t("build.header.exercise", lang), lang=lang))
    files.update(form_files(root, lambda program: PROGRAMS[program].langs))
    return files


def _generated_notebooks(root: Path) -> list[Path]:
    found = []
    for folder in (*SOURCE_DIRS, EXERCISES_DIR):
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*.ipynb") if not _skip(p.relative_to(root))]
    return sorted(found)


def _generated_forms(root: Path) -> list[Path]:
    """The questionnaire forms on disk (``exercises/<prog>/<lang>/forms/*.xlsx``): all generated."""
    base = root / EXERCISES_DIR
    return sorted(base.glob(f"*/*/{FORMS_DIR}/*.xlsx")) if base.is_dir() else []


def _is_ours(path: Path) -> bool:
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - unreadable: not ours to delete
        return False
    return bool(nb.metadata.get("kbcore", {}).get("generated_from"))


def build(root=PROJECT_DIR, check: bool = False) -> list[Path]:
    """Regenerate every derived notebook from its source.

    Parameters
    ----------
    root : path
        The project folder (holding ``notebooks/``, ``solutions/``, ``exercises/``).
    check : bool
        Write nothing; return what is missing, stale (differs from what a build would
        write) or orphaned (an ``.ipynb`` with no source).

    Returns
    -------
    list of Path
        ``check=False``: the files written or removed (only those that changed; a build on
        an up-to-date tree returns ``[]``). A generated orphan (its metadata names a source
        that no longer exists) is removed; an ``.ipynb`` that kbcore did not generate is never
        deleted, and ``check=True`` keeps listing it until somebody moves it or writes its source.
        ``check=True``: the files that a build would change, sorted.
    """
    root = Path(root).resolve()
    wanted = derived(root)
    changed: list[Path] = []
    for path, content in sorted(wanted.items()):
        if path.is_file() and path.read_bytes() == content:
            continue
        changed.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    for path in _generated_notebooks(root):
        if path in wanted:
            continue
        if check:
            changed.append(path)
        elif _is_ours(path):
            path.unlink()
            changed.append(path)
    for path in _generated_forms(root):
        if path not in wanted:
            changed.append(path)
            if not check:
                path.unlink()
    return sorted(changed)


def clean_outputs(path) -> bool:
    """Strip outputs, execution counts and volatile metadata from an ``.ipynb`` in place.

    For a notebook saved from JupyterLab with its outputs. Returns True if the file changed.
    """
    path = Path(path)
    before = path.read_bytes()
    nb = nbformat.reads(before.decode("utf-8"), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = {k: cell.metadata[k] for k in _KEEP_CELL_METADATA if cell.metadata.get(k)}
    for key in list(nb.metadata):
        if key not in ("kernelspec", "language_info", "kbcore"):
            del nb.metadata[key]
    if "language_info" in nb.metadata:
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    after = to_bytes(nb)
    if after != before:
        path.write_bytes(after)
        return True
    return False
