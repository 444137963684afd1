"""Every parameter of every block notebook is one papermill can read (and name in its help)."""

import re

import nbformat
import papermill as pm
import pytest

from kbcore.workbook.build import workbooks

NOTEBOOKS = workbooks("notebooks")  # one variant per notebook: the code is the same in every language


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_reads_every_parameter(notebook):
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "one parameters cell"
    assigned = re.findall(r"^(\w+)\s*=", cells[0].source, re.MULTILINE)
    assert assigned, "the cell assigns parameters"
    # papermill skips (with a warning on the analyst's terminal) a line holding a second "=", e.g. in a comment
    found = set(pm.inspect_notebook(str(notebook)))
    assert found == set(assigned), sorted(set(assigned) ^ found)
