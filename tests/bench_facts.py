"""Benchmark of the facts reduction against its peers (not a test: prints a markdown table).

    python tests/bench_facts.py 1000000 10000000      # N lines each, best of 3, one run
    python tests/bench_facts.py --crossover            # pandas vs Polars engine for pandas input

For each N, the demo company's sales (``kbcore.load().sales``) are tiled with shifted client
ids into N lines and written once to a Parquet file in a temporary folder. Every step then runs
in a fresh subprocess, which reads the file into the form the step takes (outside the timing),
runs the step once (after a run not measured, up to two million lines) and reports its time and the process's peak memory during the step (the data
included; ``data MB`` is what the data holds before the step). Three rounds of all the steps
run one after the other, and each step keeps its best time (so a change of the machine's load
touches every step alike):

- ``kbcore`` … ``Facts(sales).clients()`` on a pandas frame as ``kbcore.load`` returns it: the
  default engine (Polars above a few thousand lines), and each engine forced (``engine=``);
  ``kbcore, Polars input``: the same on a Polars frame;
- ``Polars by hand``: one ``group_by("client_id").agg(...)`` of the same measures on a Polars
  frame (orders and deliveries as distinct (doc_id, date) and dates of the shipment lines);
- ``DuckDB SQL``: the same measures in one SQL query on a DuckDB table;
- ``lifetimes``: ``lifetimes.utils.summary_data_from_transaction_data`` on (client_id, date,
  revenue) — frequency, recency, T and monetary value per client, the usual peer in Python.

:func:`measure_facts` returns the numbers as a dict (``make bench`` prints them beside the
other benchmarks).
"""

from __future__ import annotations

import gc
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 3
WARM_UP_UP_TO = 2_000_000
"""Up to this many lines a step runs once unmeasured before it is timed."""

STEPS = {
    "kbcore": "kbcore, default engine (pandas input)",
    "kbcore-polars-input": "kbcore, Polars input",
    "kbcore-duckdb": "kbcore, engine=duckdb (pandas input)",
    "kbcore-pandas": "kbcore, engine=pandas (pandas input)",
    "polars": "Polars by hand",
    "duckdb": "DuckDB SQL",
    "lifetimes": "lifetimes summary",
}
"""Step id → its name in the table."""


def make_lines(lines: int, path: Path) -> Path:
    """Write ``lines`` sales lines (the demo company tiled, client ids shifted) to Parquet."""
    import polars as pl

    import kbcore

    base = pl.from_pandas(kbcore.load().sales)
    tiles = math.ceil(lines / base.height)
    frames = [base.with_columns(client_id=pl.lit(f"{i:03d}-") + pl.col("client_id"))
              for i in range(tiles)]
    pl.concat(frames).head(lines).write_parquet(path)
    return path


def _read_pandas(path):
    import pandas as pd

    sales = pd.read_parquet(path)
    for col in ("client_id", "doc_id", "product_id", "manager", "channel"):
        sales[col] = sales[col].astype("string")  # as kbcore.load returns them
    return sales


def _polars_by_hand(df):
    import polars as pl

    is_ret = (pl.col("revenue") < 0) | (pl.col("quantity") < 0)
    ship = ~is_ret
    return df.group_by("client_id").agg(
        pl.col("revenue").sum(),
        pl.col("cost").sum(),
        pl.col("discount").sum(),
        pl.col("list_revenue").sum(),
        pl.len().alias("lines"),
        pl.struct("doc_id", "date").filter(ship).n_unique().alias("orders"),
        pl.col("date").filter(ship).n_unique().alias("deliveries"),
        (-pl.col("revenue")).filter(is_ret).sum().alias("returns"),
        pl.col("date").filter(ship).min().alias("first_date"),
        pl.col("date").filter(ship).max().alias("last_date"),
    ).with_columns(gross_margin=pl.col("revenue") - pl.col("cost")).sort("client_id")


DUCKDB_SQL = """
select client_id,
       sum(revenue) as revenue, sum(cost) as cost, sum(revenue) - sum(cost) as gross_margin,
       sum(discount) as discount, sum(list_revenue) as list_revenue, count(*) as lines,
       count(distinct (doc_id, date)) filter (where not (revenue < 0 or quantity < 0)) as orders,
       count(distinct date) filter (where not (revenue < 0 or quantity < 0)) as deliveries,
       coalesce(-sum(revenue) filter (where revenue < 0 or quantity < 0), 0) as returns,
       min(date) filter (where not (revenue < 0 or quantity < 0)) as first_date,
       max(date) filter (where not (revenue < 0 or quantity < 0)) as last_date
from sales group by client_id order by client_id
"""


def _step(name: str, path: str, repeat: int, warm_up: bool = False) -> dict:
    """Run one step in this process: read the data, time the step, report peak memory."""
    if name == "kbcore-polars-input" or name == "polars":
        import polars as pl

        data = pl.read_parquet(path)
    elif name == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute(f"create table sales as select * from read_parquet('{path}')")
        data = con
    else:
        data = _read_pandas(path)
    data_mb = _reset_peak()

    if name.startswith("kbcore"):
        from kbcore.facts import Facts

        engine = {"kbcore-duckdb": "duckdb", "kbcore-pandas": "pandas"}.get(name)

        def run():
            return len(Facts(data, engine=engine).clients())
    elif name == "polars":
        def run():
            return _polars_by_hand(data).height
    elif name == "duckdb":
        def run():
            return len(data.sql(DUCKDB_SQL).fetchnumpy()["client_id"])
    elif name == "lifetimes":
        from lifetimes.utils import summary_data_from_transaction_data

        lines = data[["client_id", "date", "revenue"]]

        def run():
            return len(summary_data_from_transaction_data(
                lines, "client_id", "date", monetary_value_col="revenue",
                observation_period_end=lines["date"].max()))
    else:
        raise ValueError(name)
    if warm_up:
        run()  # first-call costs (thread pools, caches) matter only on small data
    best, rows = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = run()
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "peak_mb": _peak(), "data_mb": data_mb, "rows": rows}


def _status(field: str) -> float | None:
    """A memory figure of this process from /proc/self/status, in MB (None elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> float:
    """Forget the peak of reading the data; return the memory the data holds (MB)."""
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: resets the peak (VmHWM)
    except OSError:
        pass
    return _status("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak() -> float:
    """The peak memory of this process since :func:`_reset_peak` (MB), the data included."""
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_step(name: str, path: Path, repeat: int, warm_up: bool) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, str(path), str(repeat), str(int(warm_up))],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_facts(lines: int, steps=None, repeat: int = REPEAT) -> dict:
    """Time the facts reduction and its peers on ``lines`` lines.

    Returns ``{"lines": N, "steps": {step: {"name", "seconds", "peak_mb", "data_mb", "rows"}},
    "ratios": {...}}``; ``ratios`` holds ``kbcore / Polars by hand`` (goal ≤ 1.5) and
    ``lifetimes / kbcore`` (goal ≥ 3) for the default engine on pandas input.
    """
    steps = list(STEPS) if steps is None else list(steps)
    with tempfile.TemporaryDirectory(prefix="kb-bench-facts-") as tmp:
        path = make_lines(lines, Path(tmp) / "sales.parquet")
        # rounds: every step once per round, each in a fresh process, so that a change of the
        # machine's load during the run touches every step alike; a step keeps its best round
        results = {name: {"name": STEPS[name]} for name in steps}
        for _ in range(repeat):
            for name in steps:
                got = _run_step(name, path, 1, lines <= WARM_UP_UP_TO)
                if "error" in got:
                    results[name] = {"name": STEPS[name], **got}
                elif "error" not in results[name]:
                    old = results[name]
                    results[name] = {**old, **got, "seconds": min(got["seconds"],
                                                                 old.get("seconds", math.inf)),
                                     "peak_mb": max(got["peak_mb"], old.get("peak_mb", 0.0))}
    ours = results.get("kbcore", {}).get("seconds")
    ratios = {}
    if ours:
        if results.get("polars", {}).get("seconds"):
            ratios["kbcore / Polars by hand"] = ours / results["polars"]["seconds"]
        if results.get("kbcore-polars-input", {}).get("seconds") and results.get("polars", {}).get("seconds"):
            ratios["kbcore (Polars input) / Polars by hand"] = (
                results["kbcore-polars-input"]["seconds"] / results["polars"]["seconds"])
        if results.get("duckdb", {}).get("seconds"):
            ratios["kbcore / DuckDB SQL"] = ours / results["duckdb"]["seconds"]
        if results.get("lifetimes", {}).get("seconds"):
            ratios["lifetimes / kbcore"] = results["lifetimes"]["seconds"] / ours
    return {"lines": lines, "steps": results, "ratios": ratios}


def table(result: dict) -> str:
    """The result of :func:`measure_facts` as a markdown table."""
    rows = [f"### {result['lines']:,} lines (best of {REPEAT} rounds, each step in a fresh process)",
            "",
            "| step | seconds | peak MB | data MB | rows |", "|---|---:|---:|---:|---:|"]
    for step in result["steps"].values():
        if "error" in step:
            rows.append(f"| {step['name']} | error: {step['error']} | | | |")
            continue
        rows.append(f"| {step['name']} | {step['seconds']:.2f} | {step['peak_mb']:.0f} | "
                    f"{step['data_mb']:.0f} | {step['rows']:,} |")
    rows.append("")
    rows += [f"- {name}: {value:.2f}" for name, value in result["ratios"].items()]
    return "\n".join(rows)


def crossover(sizes=(1_000, 3_000, 10_000, 30_000, 137_000, 1_000_000)) -> str:
    """Pandas against Polars for a pandas input: a notebook's use (clients, years, months, orders)."""
    import pandas as pd

    import kbcore
    from kbcore.facts import Facts

    base = kbcore.load().sales
    rows = ["| lines | pandas s | Polars s |", "|---:|---:|---:|"]
    for n in sizes:
        tiles = math.ceil(n / len(base))
        sales = pd.concat([base.assign(client_id=f"{i:03d}-" + base["client_id"])
                           for i in range(tiles)], ignore_index=True).head(n)
        sales["client_id"] = sales["client_id"].astype("string")
        cells = []
        for engine in ("pandas", "polars"):
            best = math.inf
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                facts = Facts(sales, engine=engine)
                facts.clients(), facts.periods("year"), facts.periods("month"), facts.orders()
                best = min(best, time.perf_counter() - t0)
            cells.append(f"{best:.3f}")
        rows.append(f"| {n:,} | {' | '.join(cells)} |")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    """``N [N …]`` lines, ``--crossover``, or ``--step NAME PATH REPEAT`` (internal)."""
    if argv[:1] == ["--step"]:
        print(json.dumps(_step(argv[1], argv[2], int(argv[3]), argv[4:5] == ["1"])))
        return
    if argv[:1] == ["--crossover"]:
        print(crossover())
        return
    steps = None
    if "--steps" in argv:
        i = argv.index("--steps")
        steps, argv = argv[i + 1].split(","), argv[:i] + argv[i + 2:]
    for n in [int(a.replace("_", "")) for a in argv] or [1_000_000]:
        print(table(measure_facts(n, steps)), flush=True)
        print()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
