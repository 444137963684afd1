"""Every block notebook runs top to bottom on the demo company, once, and reduces its sales lines
at most twice.

This is the one execution of each notebook on the demo company in the suite (nbval runs the
solutions and exercises): it checks that no cell fails, that the block shows its key figures,
and counts how often the sales lines were reduced to facts (:func:`kbcore.facts.reductions`)
while the notebook ran — every analysis of a notebook shares one facts context, so the count
stays at one or two whatever the number of analyses.
"""

import re

import nbformat
import pytest
from onec_export import errors, run_notebook

from kbcore.workbook.build import workbooks

NOTEBOOKS = workbooks("notebooks")  # each in the language its seminar is taught in
MAX_REDUCTIONS = 2
_PROBE = "import kbcore.facts as _kb_facts\nprint('KB-REDUCTIONS', _kb_facts.reductions())"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_demo_company_and_reduces_once(notebook, tmp_path):
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    probe = tmp_path / notebook.name  # paths inside a notebook come from kbcore.paths, not its folder
    nbformat.write(nb, probe)
    done = run_notebook(probe, tmp_path, {"lang": "ru"})
    assert errors(done) == []
    key = [c for c in done.cells if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and key[0].outputs, "the block's key figures are shown"
    printed = "".join(o.get("text", "") for o in done.cells[-1].outputs)
    found = re.search(r"KB-REDUCTIONS (\d+)", printed)
    assert found, printed
    assert 1 <= int(found.group(1)) <= MAX_REDUCTIONS, (
        f"{notebook.name} reduced its sales lines {found.group(1)} times "
        f"(at most {MAX_REDUCTIONS}: share one kbcore.facts.Facts)")
