"""A small 1C-style sales export for notebook tests (importable from any test module).

A single file: cp1251, ``;`` separator, Russian headers, two title lines and an empty line,
a totals row, decimal commas and NBSP thousands, ИНН with a leading zero; three years
(2022–2024), 30 clients, no clients file and no optional tables at all — a company shaped
unlike the demo company the notebooks default to.
"""

from pathlib import Path

import nbformat
import numpy as np
import papermill as pm


def write_export(path: Path, *, with_cost: bool = True) -> tuple[int, float]:
    """Write the export to ``path``; return (number of sales lines, total revenue)."""
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


CELL_TIMEOUT = 300
"""Seconds one cell may run in a test (every cell takes seconds on these small companies)."""


def run_notebook(notebook: Path, out_dir: Path, parameters: dict) -> nbformat.NotebookNode:
    """Execute ``notebook`` with papermill in its own folder; return the executed notebook.

    A cell that runs longer than :data:`CELL_TIMEOUT` is a timeout. We have seen the client and
    a fresh kernel both wait forever, idle, when two kernels start at once on this machine
    (a lost ZMQ message: no cell of ours was running), so a timeout is retried once in a new
    kernel; a notebook that really hangs times out twice and fails.
    """
    out = out_dir / f"{notebook.stem}.out.ipynb"
    for attempt in (1, 2):
        try:
            pm.execute_notebook(
                str(notebook), str(out), parameters=parameters, cwd=str(notebook.parent),
                kernel_name="python3", progress_bar=False, execution_timeout=CELL_TIMEOUT,
            )
            break
        except TimeoutError:
            if attempt == 2:
                raise
    return nbformat.read(out, as_version=4)


def output_text(nb) -> str:
    """All text, plain, HTML and markdown outputs of an executed notebook, joined."""
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
            parts.append(o.get("data", {}).get("text/html", ""))
            parts.append(o.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


def errors(nb) -> list:
    """The error outputs of an executed notebook."""
    return [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
