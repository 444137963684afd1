"""Every block notebook runs by papermill on company data unlike the demo company, honestly.

The company is the sales-only 1C export of :mod:`onec_export` (three years, 30 clients, a cost
column but no discount, no clients file, no optional tables), in Russian: each notebook must use
its ``data`` and ``lang`` parameters, say what it would need for the sections it skips, finish
without an error — and show no key figure that depends on data the company did not provide as
a value: such a figure reads "— (нет данных; …)".
"""

import json
import re

import nbformat
import pandas as pd
import pytest
from onec_export import errors, output_text, run_notebook, write_export

from kbcore.analyses.kpi_crm import IDENTITY, KPI_CRM_PARTS
from kbcore.i18n import t, tn
from kbcore.schema import C
from kbcore.views.figures import is_missing
from kbcore.workbook.build import workbooks

NOTEBOOKS = workbooks("notebooks")  # each in the language its seminar is taught in

ABSENT = {"clients", "products", "contacts", "interactions", "surveys", "loyalty", "targets",
          "market", "territories", "staff", "sales.discount", "sales.doc_id", "sales.manager", "sales.channel"}
"""What the sales-only export does not have (a table, or ``table.column``)."""

_PROBE = """import json as _json
_kb = getattr(_, "data", _)
print("KB-KEY-FIGURES", _json.dumps({"labels": [str(v) for v in _kb.iloc[:, 0]],
                                     "values": [str(v) for v in _kb.iloc[:, 1]],
                                     "needs": _kb.attrs.get("needs")}, ensure_ascii=False))"""


def _depends_on_absent(needs: str | None) -> bool:
    if not needs:
        return False
    return needs in ABSENT or needs.split(".")[0] in ABSENT


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_a_sales_only_1c_export(notebook, tmp_path):
    export = tmp_path / "продажи.csv"
    n, _total = write_export(export)
    before = export.read_bytes()
    nb = nbformat.read(notebook, as_version=4)
    at = [i for i, c in enumerate(nb.cells) if "key-figures" in c.metadata.get("tags", [])]
    assert len(at) == 1, "one cell tagged key-figures"
    nb.cells.insert(at[0] + 1, nbformat.v4.new_code_cell(_PROBE))
    probe = tmp_path / notebook.name  # paths inside a notebook come from kbcore.paths, not its folder
    nbformat.write(nb, probe)
    lang = "bg" if notebook.parts[-3] == "kpi" else "ru"  # a Russian export, read in the program's language
    parameters = {"data": str(export), "lang": lang}
    writes_crm = notebook.parts[-3] == "kpi" and "crm_folder" in "".join(
        c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    if writes_crm:  # program 004's topics each add their columns to the client table for the CRM
        parameters["crm_folder"] = str(tmp_path / "crm")
    done = run_notebook(probe, tmp_path, parameters)
    assert errors(done) == []
    text = output_text(done)
    # this company, not the demo one
    assert tn("ui.count.lines", n, lang) in text and tn("ui.count.clients", 30, lang) in text
    assert t("load.demo", lang) not in text
    key = [i for i, c in enumerate(done.cells) if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and done.cells[key[0]].outputs, "the block's key figures are shown"
    assert export.read_bytes() == before  # the input is read-only to us
    if writes_crm:
        table = pd.read_csv(tmp_path / "crm" / "kpi_clients_for_crm.csv", sep=";", encoding="utf-8-sig",
                            dtype=str)
        topic = "kpi" + notebook.name[:2]
        assert list(table.columns) == [*IDENTITY, *KPI_CRM_PARTS[topic]]
        assert 0 < len(table) <= 30 and table[C.client_id].is_unique  # the export's clients, each once

    printed = "".join(o.get("text", "") for o in done.cells[key[0] + 1].outputs)
    found = re.search(r"KB-KEY-FIGURES (.*)", printed)
    assert found, printed
    figures = json.loads(found.group(1))
    needs = figures["needs"]
    assert needs is not None and len(needs) == len(figures["values"]), (
        "key figures are built with kbcore.views.figures.key_figures_table")
    shown = [(label, value)
             for label, value, need in zip(figures["labels"], figures["values"], needs, strict=True)
             if _depends_on_absent(need) and not is_missing(value)]
    assert shown == [], f"figures that need absent data shown as values: {shown}"
