"""1C-style exports and a papermill runner for notebook tests (importable from any test module).

:func:`write_export`: a small sales export in a single file: cp1251, ``;`` separator, Russian
headers, two title lines and an empty line, a totals row, decimal commas and NBSP thousands, ИНН
with a leading zero; three years (2022–2024), 30 clients, no clients file and no optional tables
at all — a company shaped unlike the demo company the notebooks default to.

:func:`write_onec_company`: any company of the demo generator written the same way, as
``продажи.csv`` and ``контрагенты.csv`` (``tests/stress_run.py`` uses it for a big one).

:func:`run_notebook`: papermill with a bounded cell timeout, widgets included, on a client that
cannot miss the kernel's reply (see :class:`NoOutputWidgetEngine`).
"""

import logging
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill as pm
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from kbcore.app.runner import kernel_config


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


def write_onec_company(tables: dict, folder: Path) -> int:
    """Write a demo-generator company as 1C exports into ``folder``; return its sales lines.

    ``продажи.csv``: Дата, Документ, Код контрагента, Контрагент, Номенклатура, Количество, Сумма,
    Себестоимость, Сумма скидки, Менеджер; ``контрагенты.csv``: Код, Наименование, ИНН, Сегмент,
    Регион, Основной менеджер, Дата создания, Потенциал. Both cp1251 with ``;``, two title lines
    and an empty line above the header, dates ``dd.mm.yyyy``, money with NBSP thousands and a
    decimal comma, and a totals row under the sales.
    """
    folder.mkdir(parents=True, exist_ok=True)

    def money(values) -> pd.Series:
        text = pd.Series(values, dtype="float64").map("{:,.2f}".format)
        return text.str.replace(",", "\xa0", regex=False).str.replace(".", ",", regex=False)

    def day(values) -> pd.Series:
        return pd.to_datetime(pd.Series(values)).dt.strftime("%d.%m.%Y")

    def write(path, title, frame, totals=None):
        lines = [title + ";" * (frame.shape[1] - 1), "Сформирован: kbcore tests" + ";" * (frame.shape[1] - 1),
                 ";" * (frame.shape[1] - 1)]
        body = frame.to_csv(sep=";", index=False, lineterminator="\r\n")
        text = "\r\n".join(lines) + "\r\n" + body + (totals + "\r\n" if totals else "")
        path.write_bytes(text.encode("cp1251", errors="replace"))

    sales, clients = tables["sales"], tables["clients"]
    names = clients.set_index("client_id")["name"]
    out = pd.DataFrame({
        "Дата": day(sales["date"]).to_numpy(),
        "Документ": sales["doc_id"].to_numpy(),
        "Код контрагента": sales["client_id"].to_numpy(),
        "Контрагент": sales["client_id"].map(names).to_numpy(),
        "Номенклатура": sales["product_id"].to_numpy(),
        "Количество": sales["quantity"].map("{:g}".format).str.replace(".", ",", regex=False).to_numpy(),
        "Сумма": money(sales["revenue"].to_numpy()).to_numpy(),
        "Себестоимость": money(sales["cost"].to_numpy()).to_numpy(),
        "Сумма скидки": money(sales["discount"].fillna(0).to_numpy()).to_numpy(),
        "Менеджер": sales["manager"].to_numpy(),
    })
    total = money([sales["revenue"].sum()]).iloc[0]
    write(folder / "продажи.csv", "Продажи по контрагентам", out,
          ";".join(["Итого", "", "", "", "", "", total, "", "", ""]))
    write(folder / "контрагенты.csv", "Контрагенты", pd.DataFrame({
        "Код": clients["client_id"], "Наименование": clients["name"], "ИНН": clients["tax_id"],
        "Сегмент": clients["segment"], "Регион": clients["region"],
        "Основной менеджер": clients["manager"], "Дата создания": day(clients["created"]),
        "Потенциал": money(clients["potential"].fillna(0).to_numpy()),
    }))
    return len(out)


CELL_TIMEOUT = 300
"""Seconds one cell may run in a test (every cell takes seconds on these small companies)."""


class NoOutputWidgetEngine(NBClientEngine):
    """papermill's nbclient engine without nbclient's imitation of an ``ipywidgets.Output``.

    To imitate a browser, nbclient answers every output captured by an Output widget with a
    ``comm_msg`` on the shell socket, which jupyter_client sends raw on a blocking shadow of the
    client's asyncio socket. When the cell's ``execute_reply`` has just arrived on that socket,
    the raw send consumes libzmq's edge-triggered wake-up and the client waits, idle, until the
    cell timeout (nbclient#312, jupyter_client#1059; the README has our measurements). Without
    the imitation the widget code still runs top to bottom — its chart simply
    lands in the cell's own outputs — and the client never sends while a cell runs.
    ``kbcore run`` does not need this: it does not run widget cells at all.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(
            nb_man, kernel_name=kernel_name, timeout=execution_timeout, startup_timeout=start_timeout,
            log=logging.getLogger("papermill"), log_output=log_output, stdout_file=stdout_file,
            stderr_file=stderr_file, **kwargs)
        client.widget_registry = {}
        return client.execute()


ENGINE = "kbcore-tests"
papermill_engines.register(ENGINE, NoOutputWidgetEngine)


def run_notebook(notebook: Path, out_dir: Path, parameters: dict) -> nbformat.NotebookNode:
    """Execute ``notebook`` with papermill in its own folder; return the executed notebook.

    Every cell runs, widget cells too, on :class:`NoOutputWidgetEngine`; a cell that runs longer
    than :data:`CELL_TIMEOUT` fails the test with a ``TimeoutError``.
    """
    out = out_dir / f"{notebook.stem}.out.ipynb"
    pm.execute_notebook(
        str(notebook), str(out), parameters=parameters, cwd=str(notebook.parent),
        kernel_name="python3", progress_bar=False, execution_timeout=CELL_TIMEOUT, engine_name=ENGINE,
        config=kernel_config(),  # encrypted channels, as in kbcore run
    )
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
