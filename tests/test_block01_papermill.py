"""Block 1 run by papermill on a second, differently shaped company: its parameters are really used.

The company is a single 1C-style sales export (cp1251, `;`, Russian headers, title lines, a totals
row, decimal commas), three years instead of five, 30 clients, no clients file and no optional
tables at all — unlike the demo company the notebook's defaults point to.
"""

import pytest
from onec_export import errors, output_text, run_notebook, write_export

from kbcore.paths import PROJECT_DIR
from kbcore.views.figures import missing


def _run(tmp_path, export, lang):
    notebook = PROJECT_DIR / "notebooks" / "kb" / lang / "01_main_errors.ipynb"  # in that language
    return run_notebook(notebook, tmp_path, {"data": str(export), "lang": lang, "cost_per_visit": 0.0,
                                             "start": "2022-01-01"})


def test_block1_runs_on_a_1c_export_in_russian(tmp_path):
    export = tmp_path / "продажи.csv"
    n, _total = write_export(export)
    before = export.read_bytes()
    nb = _run(tmp_path, export, "ru")
    text = output_text(nb)
    # the data parameter was used: 400 lines of 30 clients (totals row dropped), not the demo company
    assert f"{n} строк продаж" in text and "30 клиентов" in text
    assert "демо-компания" not in text
    # the lang parameter was used: Russian headers in the key figures
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])][0]
    assert "Показатель" in key.outputs[0]["data"]["text/html"]
    # the years are this company's, 2022–2024
    assert "2022→2024" in key.outputs[0]["data"]["text/html"]
    # the export has cost but no discounts: the concession clients cannot be told apart
    assert missing("need.discount", "ru") in key.outputs[0]["data"]["text/html"]
    assert export.read_bytes() == before  # the input is read-only to us


def test_block1_runs_without_cost_column(tmp_path):
    export = tmp_path / "sales.csv"
    write_export(export, with_cost=False)
    nb = _run(tmp_path, export, "en")
    assert "Add it" in output_text(nb)  # the notebook says what it would need, and goes on
    assert errors(nb) == []
    # honest key figures: no profit without cost, no concession clients without discounts
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])][0]
    html = key.outputs[0]["data"]["text/html"]
    assert html.count(missing("need.cost", "en")) == 5  # profit growth, profit %, top 20 %, peak, losers
    assert html.count(missing("need.discount", "en")) == 1  # concession clients
    assert "0 clients" not in html and "RUB 0" not in html


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
