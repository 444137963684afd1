"""Every block notebook runs top to bottom on the demo company, once, reduces its sales lines at
most twice, and its report speaks the workbook's language to a manager.

This is the one execution of each notebook on the demo company in the suite (nbval runs the
solutions and exercises): it checks that no cell fails, that the block shows its key figures,
and counts how often the sales lines were reduced to facts (:func:`kbcore.facts.reductions`)
while the notebook ran — every analysis of a notebook shares one facts context, so the count
stays at one or two whatever the number of analyses. The report (what ``kbcore run`` writes for a
manager) is checked as a person reads it: in a Russian or Bulgarian workbook, Cyrillic letters
outnumber Latin ones at least ten to one (the company's client and manager names aside), and no
parameter name or other ``snake_case`` identifier is visible.
"""

import copy
import re

import nbformat
import pytest
from onec_export import errors, run_notebook
from report_text import letters, snake_words, visible_text

from kbcore.app.runner import export_html
from kbcore.workbook.build import workbooks

NOTEBOOKS = workbooks("notebooks")  # each in the language its seminar is taught in
MAX_REDUCTIONS = 2
MIN_CYRILLIC_PER_LATIN = 10
_PROBE = "import kbcore.facts as _kb_facts\nprint('KB-REDUCTIONS', _kb_facts.reductions())"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_demo_company_and_reduces_once(notebook, tmp_path, request):
    demo_dataset = request.getfixturevalue("demo_bg_dataset" if notebook.parts[-3] == "kpi" else "demo_dataset")
    nb = nbformat.read(notebook, as_version=4)
    lang = nb.metadata["kbcore"]["lang"]
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    probe = tmp_path / notebook.name  # paths inside a notebook come from kbcore.paths, not its folder
    nbformat.write(nb, probe)
    done = run_notebook(probe, tmp_path, {})
    assert errors(done) == []
    key = [c for c in done.cells if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and key[0].outputs, "the block's key figures are shown"
    printed = "".join(o.get("text", "") for o in done.cells[-1].outputs)
    found = re.search(r"KB-REDUCTIONS (\d+)", printed)
    assert found, printed
    assert 1 <= int(found.group(1)) <= MAX_REDUCTIONS, (
        f"{notebook.name} reduced its sales lines {found.group(1)} times "
        f"(at most {MAX_REDUCTIONS}: share one kbcore.facts.Facts)")

    report = copy.deepcopy(done)
    report.cells = report.cells[:-1]  # without the probe
    text = visible_text(export_html(report, tmp_path / "report.html", title=notebook.stem,
                                    lang=lang).read_text(encoding="utf-8"))
    assert snake_words(text) == [], f"code names in the {lang} report of {notebook.name}"
    params = re.findall(r"^(\w+) =", next(c.source for c in nb.cells
                                          if "parameters" in c.metadata.get("tags", [])), re.M)
    shown = [p for p in params if re.search(rf"(?<![\w.-]){p}(?![\w-])", text)]
    if lang != "en":
        assert shown == [], f"parameter names in the {lang} report of {notebook.name}"
        cyrillic, latin = letters(text, aside=_names(demo_dataset))
        assert cyrillic >= MIN_CYRILLIC_PER_LATIN * latin, (
            f"the {lang} report of {notebook.name}: {cyrillic} Cyrillic letters, {latin} Latin")


def _names(ds) -> list[str]:
    """The demo company's client and manager names, which the letter count leaves aside."""
    names = []
    for table in (ds.clients, ds.sales):
        for column in ("name", "manager"):
            if table is not None and column in table.columns:
                names += [str(v) for v in table[column].dropna().unique()]
    return names
