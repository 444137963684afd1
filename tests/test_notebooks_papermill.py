"""Every block notebook runs by papermill on company data unlike the demo company.

The company is the sales-only 1C export of :mod:`onec_export` (three years, 30 clients, no
clients file, no optional tables), in Russian: each notebook must use its ``data`` and ``lang``
parameters, say what it would need for the sections it skips, and finish without an error.
"""

import pytest
from onec_export import errors, output_text, run_notebook, write_export

from kbcore.paths import PROJECT_DIR

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("*/*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_a_sales_only_1c_export(notebook, tmp_path):
    export = tmp_path / "продажи.csv"
    n, _total = write_export(export)
    before = export.read_bytes()
    nb = run_notebook(notebook, tmp_path, {"data": str(export), "lang": "ru"})
    assert errors(nb) == []
    text = output_text(nb)
    assert f"{n} строк продаж" in text and "30 клиентов" in text  # this company, not the demo one
    assert "демо-компания" not in text
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and key[0].outputs, "the block's key figures are shown"
    assert export.read_bytes() == before  # the input is read-only to us
