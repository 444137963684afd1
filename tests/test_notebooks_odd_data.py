"""Every block notebook runs top to bottom on odd but valid company data.

A valid company has at least a sales table with date, client_id and revenue. Each case below
is a small company written to a tmp folder (the demo generator with tables, columns or rows
taken away, or a CSV written by hand), or the demo company with a sub-period; every notebook
is run on it by papermill and must finish without an error output. (The sales-only 1C export
is :mod:`test_notebooks_papermill`.) Cases:

* ``one_year``: one year of history, every table;
* ``bare_clients``: sales and a clients file without segment, region, potential,
  acquisition_channel, created, key_account; no other table (Russian);
* ``revenue_only``: sales without doc_id, cost, discount, list_revenue, quantity;
* ``three_clients``: a hand-written sales.csv of 3 clients over 2 years with only date,
  client_id, revenue — no names, managers, products (Russian);
* ``market_mismatch``: market segments unlike the clients' segments, potential all empty;
* ``sub_period``: the demo company with start/end = 2024 and as_of mid-2024.
"""

import numpy as np
import pandas as pd
import pytest
from onec_export import errors, output_text, run_notebook

from kbcore import demo
from kbcore.app.runner import declares
from kbcore.workbook.build import workbooks

NOTEBOOKS = [p for p in workbooks("notebooks") if p.parts[-3] == "kb"]


def _company(**kw) -> dict[str, pd.DataFrame]:
    return demo.generate(**{"clients": 40, "years": 3, "seed": 7, "end": "2025-12-31", **kw})


def one_year(folder):
    demo.write(_company(years=1), folder, manifest=False)
    return {}


def bare_clients(folder):
    t = _company()
    drop = ["segment", "region", "potential", "acquisition_channel", "created", "key_account"]
    clients = t["clients"].drop(columns=[c for c in drop if c in t["clients"].columns])
    demo.write({"sales": t["sales"], "clients": clients}, folder, manifest=False)
    return {"lang": "ru"}


def revenue_only(folder):
    t = _company()
    drop = ["doc_id", "cost", "discount", "list_revenue", "quantity"]
    t["sales"] = t["sales"].drop(columns=[c for c in drop if c in t["sales"].columns])
    demo.write(t, folder, manifest=False)
    return {}


def three_clients(folder):
    rng = np.random.default_rng(2)
    days = pd.date_range(end="2025-12-31", periods=730, freq="D")
    rows = [(pd.Timestamp(d).strftime("%Y-%m-%d"), f"C{c:03d}", round(float(rng.uniform(100, 50000)), 2))
            for c in range(3) for d in rng.choice(days, size=int(rng.integers(2, 30)))]
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=["date", "client_id", "revenue"]).to_csv(folder / "sales.csv", index=False)
    return {"lang": "ru"}


def market_mismatch(folder):
    t = _company()
    t["market"] = t["market"].assign(segment=[f"Zzz {i % 3}" for i in range(len(t["market"]))])
    t["clients"] = t["clients"].assign(potential=np.nan)
    demo.write(t, folder, manifest=False)
    return {}


def sub_period(folder):
    return {"data": None, "start": "2024-01-01", "end": "2024-12-31", "as_of": "2024-06-30"}


CASES = [one_year, bare_clients, revenue_only, three_clients, market_mismatch, sub_period]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem[:2] for p in NOTEBOOKS])
@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_notebook_runs_on_odd_company(case, notebook, tmp_path):
    folder = tmp_path / "company"
    params = {"data": str(folder), **case(folder)}
    if not declares(notebook, "as_of"):  # only the notebooks with an as_of parameter get one
        params.pop("as_of", None)
    nb = run_notebook(notebook, tmp_path, params)
    errs = errors(nb)
    assert errs == [], [f"{e['ename']}: {e['evalue']}" for e in errs]
    key = [c for c in nb.cells if "key-figures" in c.metadata.get("tags", [])]
    assert len(key) == 1 and key[0].outputs, "the block's key figures are shown"
    if params["data"] is not None:
        assert "демо-компания" not in output_text(nb) and "demo company" not in output_text(nb)
