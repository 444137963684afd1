"""Block 1 run by papermill on a second, differently shaped company: its parameters are really used.

The company is a single 1C-style sales export (cp1251, `;`, Russian headers, title lines, a totals
row, decimal commas), three years instead of five, 30 clients, no clients file and no optional
tables at all — unlike the demo company the notebook's defaults point to.
"""

from pathlib import Path

import nbformat
import numpy as np
import papermill as pm
import pytest

from kbcore.paths import PROJECT_DIR

NOTEBOOK = PROJECT_DIR / "notebooks" / "kb" / "01_main_errors.ipynb"


def _write_export(path: Path, *, with_cost: bool = True) -> tuple[int, float]:
    rng = np.random.default_rng(5)
    head = ["Дата", "Контрагент", "ИНН", "Номенклатура", "Количество", "Сумма"]
    if with_cost:
        head.append("Себестоимость")
    lines = ["Отчёт по продажам;;;;;;", "Период: 01.01.2022 - 31.12.2024;;;;;;", ";;;;;;", ";".join(head)]
    total, n = 0.0, 0
    for i in range(400):
        client = i % 30
        day = rng.integers(1, 28)
        month = rng.integers(1, 13)
        year = 2022 + i % 3
        qty = int(rng.integers(1, 20))
        amount = round(float(rng.uniform(1000, 90000)), 2)
        total += amount
        n += 1
        row = [f"{day:02d}.{month:02d}.{year}", f"ООО «Клиент {client}»", f"02{client:08d}",
               f"Товар {i % 7}", str(qty), f"{amount:,.2f}".replace(",", "\xa0").replace(".", ",")]
        if with_cost:
            row.append(f"{amount * 0.7:.2f}".replace(".", ","))
        lines.append(";".join(row))
    lines.append(";".join(["Итого", "", "", "", "", f"{total:.2f}".replace(".", ",")] + ([""] if with_cost else [])))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    return n, total


def _run(tmp_path, export, lang):
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK), str(out),
        parameters={"data": str(export), "lang": lang, "cost_per_visit": 0.0, "start": "2022-01-01"},
        cwd=str(NOTEBOOK.parent), kernel_name="python3", progress_bar=False,
    )
    return nbformat.read(out, as_version=4)


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
            parts.append(o.get("data", {}).get("text/html", ""))
            parts.append(o.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


def test_block1_runs_on_a_1c_export_in_russian(tmp_path):
    export = tmp_path / "продажи.csv"
    n, _total = _write_export(export)
    before = export.read_bytes()
    nb = _run(tmp_path, export, "ru")
    text = _text(nb)
    # the data parameter was used: 400 lines of 30 clients (totals row dropped), not the demo company
    assert f"{n} строк продаж" in text and "30 клиентов" in text
    assert "демо-компания" not in text
    # the lang parameter was used: Russian headers in the key figures
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])][0]
    assert "Показатель" in key.outputs[0]["data"]["text/html"]
    # the years are this company's, 2022–2024
    assert "2022→2024" in key.outputs[0]["data"]["text/html"]
    assert export.read_bytes() == before  # the input is read-only to us


def test_block1_runs_without_cost_column(tmp_path):
    export = tmp_path / "sales.csv"
    _write_export(export, with_cost=False)
    nb = _run(tmp_path, export, "en")
    assert "Add it" in _text(nb)  # the notebook says what it would need, and goes on
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
