"""``kbcore new-block``: a new block that builds, runs on the demo company and passes its tests.

The scaffold runs in a copy of the repository (every file git knows, plus the untracked files it
does not ignore), with ``PYTHONPATH`` and ``KB_PROJECT_DIR`` pointing at the copy, so the real
tree is never written. One block of each program is made there (``kb 3 client_audit`` and
``kpi 11 kpi_overview``), then built; the notebooks run by papermill with a bounded cell timeout.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from onec_export import errors, output_text, run_notebook

from kbcore.paths import PROJECT_DIR
from kbcore.workbook.scaffold import ScaffoldError, block, new_block, planned

KB = ("kb", "11", "client_audit")  # a number program 000 does not use
KPI = ("004", "11", "kpi_overview")  # a number program 004 does not use (it has ten topics)
TIMEOUT = 600
"""Seconds a command in the copy may take (the build takes well under a minute)."""
BIN = Path(sys.executable).parent
INLINE = "module://matplotlib_inline.backend_inline"


def _env(root: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(root), "KB_PROJECT_DIR": str(root), "MPLBACKEND": "Agg"}


def _run(root: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=root, env=_env(root), capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)


def _kbcore(root: Path, *args) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "kbcore.app.cli", *args)


def _copy_repository(dest: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT_DIR, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout: nothing to copy")
    for rel in filter(None, listed.stdout.decode("utf-8").split("\0")):
        src = PROJECT_DIR / rel
        if src.is_file():  # a file deleted but not yet staged is listed too
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The copy, with a block of each program scaffolded and built; (root, outputs of new-block)."""
    root = tmp_path_factory.mktemp("repo")
    _copy_repository(root)
    made = [_kbcore(root, "new-block", *KB, "--title", "audit of the customer base"),
            _kbcore(root, "new-block", *KPI)]
    for done in made:
        assert done.returncode == 0, done.stderr
    built = _kbcore(root, "build")
    assert built.returncode == 0, built.stderr
    return root, made


def _new_files(name_args) -> list[str]:
    return list(planned(block(*name_args)))


def test_new_block_writes_the_sources_and_says_what_next(project):
    root, (kb, kpi) = project
    files = _new_files(KB)
    assert files == ["notebooks/kb/11_client_audit.py", "solutions/kb/11_client_audit.py",
                     "kbcore/analyses/client_audit.py", "kbcore/views/client_audit.py",
                     "kbcore/charts/client_audit.py", "kbcore/locale/block11.yaml",
                     "kbcore/locale/exercises_block11.yaml", "kbcore/workbook/answers/block11.py",
                     "tests/test_client_audit.py"]
    assert all((root / f).is_file() for f in files)
    for f in files:
        assert f in kb.stdout
    assert "kbcore build" in kb.stdout and "CONTRIBUTING.md" in kb.stdout
    assert '"Audit of the customer base"' in kb.stdout
    # program 004: its own answers module, locale files and exercise ids
    assert {"kbcore/workbook/answers/kpi11.py", "kbcore/locale/kpi11.yaml",
            "notebooks/kpi/11_kpi_overview.py"} <= set(_new_files(KPI))
    assert "bg" in kpi.stdout
    source = (root / files[0]).read_text(encoding="utf-8")
    for part in ('# %% tags=["parameters"]', "data = None", "lang = ", "start = None", "end = None",
                 "ds = kbcore.load(data, mapping)", "facts = Facts.of(ds, start=start, end=end)",
                 '# %% tags=["key-figures"]', "What to look at", "What to do about it"):
        assert part in source
    for built in ("notebooks/kb/ru/11_client_audit.ipynb", "notebooks/kb/en/11_client_audit.ipynb",
                  "solutions/kb/ru/11_client_audit.ipynb", "exercises/kb/ru/11_client_audit.ipynb",
                  "exercises/kpi/bg/11_kpi_overview.ipynb", "exercises/kpi/en/11_kpi_overview.ipynb"):
        assert (root / built).is_file()


def test_new_blocks_pass_ruff_import_layers_build_check_and_their_tests(project):
    root, _ = project
    new = _new_files(KB) + _new_files(KPI)
    ruff = _run(root, sys.executable, "-m", "ruff", "check", *[f for f in new if f.endswith(".py")])
    assert ruff.returncode == 0, ruff.stdout
    if (BIN / "lint-imports").exists():
        layers = _run(root, str(BIN / "lint-imports"))
        assert layers.returncode == 0, layers.stdout
    stale = _kbcore(root, "build", "--check")
    assert stale.returncode == 0, stale.stdout
    tests = _run(root, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "tests/test_client_audit.py", "tests/test_kpi_overview.py", "tests/test_i18n.py")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_programs_have_their_own_exercise_ids(project):
    root, _ = project
    code = ("from kbcore.workbook import registered\n"
            "ids = registered()\n"
            "assert '11.1' in ids and 'kpi11.1' in ids and '1.1' in ids, ids\n")
    done = _run(root, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr


def test_new_notebook_runs_on_the_demo_company_and_reduces_once(project, tmp_path, monkeypatch):
    root, _ = project
    for key, value in _env(root).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("MPLBACKEND", INLINE)  # so that the chart is in the outputs
    nb = run_notebook(root / "notebooks/kb/ru/11_client_audit.ipynb", tmp_path, {})
    assert errors(nb) == []
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and key[0].outputs
    text = output_text(nb)
    assert "Выручка, " in text and "Клиенты с покупками" in text and "клиент" in text
    assert any(o.get("data", {}).get("image/png") for c in nb.cells for o in c.get("outputs", []))
    counted = _run(root, sys.executable, "-c",
                   "import runpy, kbcore.facts as F\n"
                   "runpy.run_path('notebooks/kb/11_client_audit.py')\n"
                   "print('reductions', F.reductions())")
    assert counted.returncode == 0, counted.stderr
    assert int(counted.stdout.split("reductions")[-1]) <= 2  # the house's goal per notebook


def test_solutions_are_right_and_the_exercises_run(project, tmp_path, monkeypatch):
    root, _ = project
    for key, value in _env(root).items():
        monkeypatch.setenv(key, value)
    solved = run_notebook(root / "solutions/kb/en/11_client_audit.ipynb", tmp_path, {})
    assert errors(solved) == []
    assert "Exercise 11.1: ✔" in output_text(solved)
    exercise = run_notebook(root / "exercises/kb/en/11_client_audit.ipynb", tmp_path, {})
    assert errors(exercise) == []
    assert "Exercise 11.1: … Not answered yet" in output_text(exercise)


def _digest(root: Path) -> dict[str, str]:
    return {f: hashlib.sha1((root / f).read_bytes()).hexdigest() for f in _new_files(KB)}


def test_refuses_to_overwrite_from_the_command_line(project):
    root, _ = project
    before = _digest(root)
    again = _kbcore(root, "new-block", *KB)
    assert again.returncode != 0
    assert "nothing was written" in again.stderr and "kbcore/analyses/client_audit.py exists" in again.stderr
    with pytest.raises(ScaffoldError, match="block 1 of program 000 exists: notebooks/kb/01_main_errors.py"):
        new_block("kb", "1", "other_name", root=root)
    assert not (root / "kbcore/analyses/other_name.py").exists()
    assert _digest(root) == before


def test_refusals_write_nothing(tmp_path):
    with pytest.raises(ScaffoldError, match="PROGRAM must be kb"):
        new_block("crm", 3, "x", root=tmp_path)
    with pytest.raises(ScaffoldError, match="1 to 99"):
        new_block("kb", "100", "x", root=tmp_path)
    for bad in ("Audit", "2nd", "client-audit", "class", ""):
        with pytest.raises(ScaffoldError, match="module name"):
            new_block("kb", 3, bad, root=tmp_path)
    assert not any(tmp_path.iterdir())
    existing = tmp_path / "kbcore" / "charts" / "audit.py"
    existing.parent.mkdir(parents=True)
    existing.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="kbcore/charts/audit.py exists"):
        new_block("kb", 3, "audit", root=tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "kbcore/charts/audit.py"]
    assert existing.read_text(encoding="utf-8") == "# mine\n"
    (tmp_path / "kbcore" / "locale").mkdir()
    (tmp_path / "kbcore" / "locale" / "other.yaml").write_text(
        "audit.chart.title: {en: x, ru: x}\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="catalogue ids already defined.*audit.chart.title"):
        new_block("kpi", 3, "audit", root=tmp_path)
    written = new_block("004", "07", "fresh", root=tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written][-3:] == [
        "kbcore/locale/exercises_kpi07.yaml", "kbcore/workbook/answers/kpi07.py", "tests/test_fresh.py"]
    assert 'check("kpi7.1"' in (tmp_path / "solutions/kpi/07_fresh.py").read_text(encoding="utf-8")
