"""Benchmark: kbcore beside Polars, DuckDB and lifetimes on the same exports, in one run (not a test).

    python tests/benchmark.py                          # 100k, 1M and 10M sales lines
    python tests/benchmark.py --sizes 100000 1000000   # some sizes only
    python tests/benchmark.py --notebooks              # each block notebook on the demo company
    python tests/benchmark.py --run 10000000           # `kbcore run` on a 10M-line export
    python tests/benchmark.py --steps facts.kbcore,facts.kbcore-duckdb,facts.kbcore-pandas
    python tests/benchmark.py --crossover              # pandas vs Polars engine for a pandas input
    python tests/benchmark.py --clv                    # BG/NBD, Pareto/NBD, Gamma-Gamma on 100k clients

For each size, a 1C-style export (``продажи.csv`` and ``контрагенты.csv``: cp1251, ``;``, title
lines, a totals row, decimal commas, NBSP thousands; ``tests/onec_export.py``) of a demo company
with about that many sales lines is written once into ``--data`` (kept between runs; its
generation is not timed). Then every step runs in a fresh Python process, ``--repeat`` times
(default 3), and the best time is kept, with that process's peak resident memory:

reading
    ``kbcore.ingest.read_table`` of the sales file (clean canonical lines and the quality report),
    against a bare ``polars.read_csv`` of the same file (all columns as text, the title lines
    skipped, no cleaning at all) told the file's encoding (cp1251: Polars decodes it in Python
    first, as kbcore does), so that both read the same text; beside it the same read as
    ``utf8-lossy``, which skips the decoding and turns every Cyrillic letter into U+FFFD (a
    lower bound that no reader of these files can use); and ``kbcore.load`` of the whole folder.
facts
    kbcore's client facts (``Facts(sales).clients()``: revenue, cost, margin, discount, lines,
    orders, deliveries, returns, first and last date per client) from the canonical sales lines
    in memory, against the same measures written by hand in Polars and in DuckDB SQL, and
    lifetimes' ``summary_data_from_transaction_data`` (frequency, recency, T, monetary value).
    Each starts from the lines in its own engine's memory; loading them is not timed.
blocks
    each block's analyses as its notebook calls them (blocks 1, 2, 5, 6), on one facts context
    whose reduction is done (and timed as "facts") before the blocks start.

The ratios are kbcore's time over the best peer's. Run it on an otherwise idle machine; the
numbers vary by a few percent between runs.

``--steps`` runs only the named steps (comma-separated; ``load.kbcore`` always runs, it writes
the cache the other steps read). Besides the default ones there are steps that are not run unless
named: ``facts.kbcore-polars-input`` (``Facts`` on the lines as a Polars frame),
``facts.kbcore-duckdb`` and ``facts.kbcore-pandas`` (``Facts(sales, engine=...)`` on the pandas
frame). Steps the fixed tables do not show get a table of their own, with the CPU seconds (user +
system, all threads) of the step's process counted from the start of the step's code, so its
imports and its setup reading are included: beside the wall time, they tell roughly how much of it
was waiting for a busy machine.

``--crossover`` times the pandas and the Polars engine of ``Facts`` for a pandas input (a
notebook's use: clients, years, months and orders) on the demo company's sales tiled to each of
``--crossover-sizes`` lines, in this process; it is the measurement behind the rule for pandas
input in ``kbcore/facts/engine.py``.

``--clv`` (topic 4 of program 004) fits BG/NBD, Pareto/NBD and Gamma-Gamma
(:mod:`kbcore.analyses.clv`) on ``--clv-clients`` clients (default 100,000) simulated from known
parameters (ages of 1–52 weeks in whole days, as a summary of sales gives them), in this process,
and prints the seconds of each fit (best of ``--repeat``), the distinct (x, tₓ, T) rows the fit
works on, and the parameters found beside the true ones.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENTS_PER_MILLION = 11_000
"""Clients of the demo company for a nominal million lines (it writes 84–85 lines per client in five
years, so the exports have 0.92 and 9.36 million lines for the nominal 1M and 10M; the tables show
the real count). Generating the 10M export takes about 15 minutes and 15 GB once."""
STEP_TIMEOUT = 3 * 3600  # seconds one step may take before the benchmark gives up on it

PRELUDE = r"""
import json, os, sys, time
import pandas as pd
def done(**values):
    values["cpu"] = sum(os.times()[:2]) - _cpu0  # user + system, all threads, setup included
    # the process's own peak (Linux: VmHWM); ru_maxrss carries the parent's peak over the exec
    try:
        values["peak_mb"] = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
    except OSError:
        import resource
        values["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print("RESULT " + json.dumps(values))
folder, cache = sys.argv[1], sys.argv[2]
_cpu0 = sum(os.times()[:2])
"""

STEPS = {
    "read.polars": r"""
import polars as pl
t = time.perf_counter()
df = pl.read_csv(folder + "/продажи.csv", separator=";", skip_rows=3, has_header=True,
                 infer_schema=False, encoding="cp1251")
done(seconds=time.perf_counter() - t, rows=df.height)
""",
    "read.polars-lossy": r"""
import polars as pl
t = time.perf_counter()
df = pl.read_csv(folder + "/продажи.csv", separator=";", skip_rows=3, has_header=True,
                 infer_schema=False, encoding="utf8-lossy")
done(seconds=time.perf_counter() - t, rows=df.height)
""",
    "read.kbcore": r"""
from kbcore.ingest import read_table
t = time.perf_counter()
df = read_table(folder + "/продажи.csv", "sales")
done(seconds=time.perf_counter() - t, rows=len(df))
""",
    "load.kbcore": r"""
import kbcore
t = time.perf_counter()
ds = kbcore.load(folder)
seconds = time.perf_counter() - t
ds.save(cache)
done(seconds=seconds, rows=len(ds.sales), clients=len(ds.clients))
""",
    "facts.kbcore": r"""
import kbcore
from kbcore.facts import Facts
sales = kbcore.load(cache).sales
t = time.perf_counter()
out = Facts(sales).clients()
done(seconds=time.perf_counter() - t, rows=len(out), revenue=float(out["revenue"].sum()))
""",
    "facts.kbcore-polars-input": r"""
import polars as pl
from kbcore.facts import Facts
sales = pl.read_parquet(cache + "/sales.parquet")
t = time.perf_counter()
out = Facts(sales).clients()
done(seconds=time.perf_counter() - t, rows=len(out), revenue=float(out["revenue"].sum()))
""",
    "facts.kbcore-duckdb": r"""
import kbcore
from kbcore.facts import Facts
sales = kbcore.load(cache).sales
t = time.perf_counter()
out = Facts(sales, engine="duckdb").clients()
done(seconds=time.perf_counter() - t, rows=len(out), revenue=float(out["revenue"].sum()))
""",
    "facts.kbcore-pandas": r"""
import kbcore
from kbcore.facts import Facts
sales = kbcore.load(cache).sales
t = time.perf_counter()
out = Facts(sales, engine="pandas").clients()
done(seconds=time.perf_counter() - t, rows=len(out), revenue=float(out["revenue"].sum()))
""",
    "facts.polars": r"""
import polars as pl
sales = pl.read_parquet(cache + "/sales.parquet")
t = time.perf_counter()
ret = (pl.col("revenue") < 0) | (pl.col("quantity").fill_null(0) < 0)
ship = pl.col("date").filter(~ret)
out = (sales.with_columns(doc=pl.col("doc_id").fill_null(""))
       .group_by("client_id")
       .agg(revenue=pl.col("revenue").sum(), cost=pl.col("cost").sum(),
            discount=pl.col("discount").fill_null(0).sum(), lines=pl.len(),
            returns=(-pl.col("revenue")).clip(lower_bound=0).filter(ret).sum(),
            orders=pl.struct("doc", "date").filter(~ret).n_unique(),
            deliveries=ship.n_unique(), first_date=ship.min(), last_date=ship.max())
       .with_columns(gross_margin=pl.col("revenue") - pl.col("cost")))
done(seconds=time.perf_counter() - t, rows=out.height, revenue=float(out["revenue"].sum()))
""",
    "facts.duckdb": r"""
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f"CREATE TABLE sales AS SELECT * FROM read_parquet('{cache}/sales.parquet')")
t = time.perf_counter()
out = con.execute('''
  SELECT client_id, sum(revenue) AS revenue, sum(cost) AS cost, sum(revenue) - sum(cost) AS gross_margin,
         sum(coalesce(discount, 0)) AS discount, count(*) AS lines,
         sum(CASE WHEN ret THEN greatest(-revenue, 0) ELSE 0 END) AS returns,
         count(DISTINCT CASE WHEN NOT ret THEN (coalesce(doc_id, ''), date) END) AS orders,
         count(DISTINCT CASE WHEN NOT ret THEN date END) AS deliveries,
         min(CASE WHEN NOT ret THEN date END) AS first_date, max(CASE WHEN NOT ret THEN date END) AS last_date
  FROM (SELECT *, revenue < 0 OR coalesce(quantity, 0) < 0 AS ret FROM sales) GROUP BY client_id
''').df()
done(seconds=time.perf_counter() - t, rows=len(out), revenue=float(out["revenue"].sum()))
""",
    "facts.lifetimes": r"""
import warnings
warnings.simplefilter("ignore")
from lifetimes.utils import summary_data_from_transaction_data
sales = pd.read_parquet(cache + "/sales.parquet", columns=["client_id", "date", "revenue"])
t = time.perf_counter()
out = summary_data_from_transaction_data(sales, "client_id", "date", monetary_value_col="revenue")
done(seconds=time.perf_counter() - t, rows=len(out))
""",
    "blocks.kbcore": r"""
import kbcore
from kbcore.analyses import (abc, base_completeness, client_card, client_features, client_pnl,
    client_profile, client_stages, clients_due, concentration, concession_clients, crm_table,
    first_order_risk, last_full_months, market_matches, new_clients, pareto_table, plan_by_client,
    profile_match, rfm, second_order_conversion, stage_history, time_to_second_order, whale_curve,
    whale_summary, xyz, year_end_dates, yearly_summary)
from kbcore.analyses import (advantage_scores, buy_class, candidate_key_accounts, contact_matrix,
    crm_key_accounts, dmu_actions, dmu_coverage, ka_candidates, ka_contribution, ka_flag_review,
    ka_headroom, ka_market_cells, ka_on_whale_curve, ka_profile, ka_yearly, key_account_ids,
    key_accounts_needed, load_advantage_template, load_portfolio_template, losing_key_accounts,
    matrix_clients, next_dmu_action, portfolio_measures, portfolio_scores, review_accounts)
from kbcore.analyses import (MEASURES, assignment_cells, audit_actions, audit_money, audit_stages,
    history_by_class, measure)
from kbcore.analyses.customer_equity import customer_equity
from kbcore.analyses.handover import handover_effect
from kbcore.analyses.idic import idic_measures
from kbcore.analyses.kam_time import time_split
from kbcore.analyses.ka_relationship import ka_relationship
from kbcore.analyses.money_zones import money_zones, next_rouble
from kbcore.analyses.passport import passport
from kbcore.facts import Facts
ds = kbcore.load(cache)
clients = ds.clients
t = time.perf_counter()
facts = Facts.of(ds)
facts.clients()
t0 = time.perf_counter()
yearly_summary(facts, clients, ds.interactions)
pnl = client_pnl(facts, clients, ds.interactions)
whale_summary(whale_curve(pnl))
concession_clients(pnl)
concentration(pnl)
t1 = time.perf_counter()
stages = client_stages(facts, clients)
stage_history(facts, clients, dates=year_end_dates(facts))
base_completeness(clients, ds.interactions, ds.contacts, stages)
clients_due(stages, clients)
t2 = time.perf_counter()
features = client_features(facts, clients, ds.products)
profile = client_profile(features, pnl)
profile_match(features, profile)
market_matches(ds.market, features, profile)
plan_by_client(facts, clients, stages=stages)
passport(facts, clients, by="region", market=ds.market, stages=stages, features=features)
client_card(facts, clients, str(pnl["client_id"].iloc[0]), products=ds.products,
            contacts=ds.contacts, interactions=ds.interactions)
t5 = time.perf_counter()
pareto_table(pnl)
abc(pnl, measure="revenue")
lo, hi = last_full_months(facts.as_of)
regularity = xyz(facts, start=lo, end=hi)
scores = rfm(facts)
next_rouble(money_zones(facts, clients, ds.market))
new = new_clients(facts, clients)
second_order_conversion(new)
time_to_second_order(new)
first_order_risk(new)
crm_table(facts, clients, abc=abc(facts.clients(lo, hi)), xyz=regularity, rfm=scores, stages=stages,
          key_accounts=crm_key_accounts(facts, clients, contacts=ds.contacts, interactions=ds.interactions,
                                        surveys=ds.surveys, products=ds.products, pnl=pnl))
t6 = time.perf_counter()
ka = key_account_ids(clients)
ka = ka if len(ka) else candidate_key_accounts(pnl)
ka_contribution(pnl, ka)
ka_on_whale_curve(pnl, ka)
losing_key_accounts(pnl, ka)
ka_profile_ = ka_profile(features, pnl, ka)
ka_flag_review(ka_profile_.scores if ka_profile_.profile else None, stages, ka)
measures = portfolio_measures(facts, clients, contacts=ds.contacts, surveys=ds.surveys, pnl=pnl)
matrix = portfolio_scores(matrix_clients(measures, ka), load_portfolio_template())
headroom = ka_headroom(facts, clients, ka)
ka_yearly(facts, ka)
if headroom["headroom"].notna().any():
    key_accounts_needed(headroom, 0.15 * float(facts.clients()["revenue"].sum()) / 5,
                        interactions=ds.interactions, staff=ds.staff, key_accounts=ka)
advantage_scores(load_advantage_template(), ka, measures, features)
t7 = time.perf_counter()
ka_market_cells(facts, clients, ds.market, ka)
ka_candidates(facts, clients, ka, profile_match=ka_profile_.scores if ka_profile_.profile else None)
ka_relationship(facts, clients, ka, contacts=ds.contacts, interactions=ds.interactions, products=ds.products)
t8 = time.perf_counter()
review = review_accounts(facts, clients, pnl=pnl)
coverage = dmu_coverage(ds.contacts, review["client_id"], as_of=facts.as_of, interactions=ds.interactions)
contact_matrix(ds.contacts, ds.interactions, as_of=facts.as_of, staff=ds.staff)
classes = buy_class(facts, review["client_id"], products=ds.products)
next_dmu_action(dmu_actions(coverage, classes), coverage)
t10 = time.perf_counter()
idic_measures(ds, facts)
customer_equity(facts, clients, ds.interactions)
handover_effect(ds, facts)
t3 = time.perf_counter()
stages_ = audit_stages(ds, facts)
audit_money(ds, facts)
audit_actions(stages_)
assignment_cells(ds, facts)
history_by_class(ds, facts)
t4 = time.perf_counter()
time_split(ds)
t9 = time.perf_counter()
measure(list(MEASURES), ds, facts)
t11 = time.perf_counter()
done(seconds=t11 - t0, facts=t0 - t, block1=t1 - t0, block2=t2 - t1, block5=t5 - t2, block6=t6 - t5,
     block7=t7 - t6, block8=t8 - t7, block10=t10 - t8, block3=t3 - t10, block4=t4 - t3, block9=t9 - t4,
     evidence=t11 - t9)
""",
}

EXTRA_STEPS = ("facts.kbcore-polars-input", "facts.kbcore-duckdb", "facts.kbcore-pandas")
"""Steps run only when ``--steps`` names them."""
DEFAULT_STEPS = tuple(name for name in STEPS if name not in EXTRA_STEPS)
TABLED = ("read.polars", "read.polars-lossy", "read.kbcore", "load.kbcore", "facts.kbcore", "facts.polars", "facts.duckdb",
          "facts.lifetimes", "blocks.kbcore")
"""Steps the fixed tables show; the others get the extra table."""
CROSSOVER_SIZES = (1_000, 3_000, 10_000, 30_000, 137_000, 1_000_000)


def export_folder(data: Path, lines: int, seed: int = 7) -> Path:
    """The 1C-style export of about ``lines`` sales lines under ``data`` (written once, then kept)."""
    sys.path.insert(0, str(HERE))
    from onec_export import write_onec_company

    from kbcore import demo

    clients = max(20, round(lines * CLIENTS_PER_MILLION / 1_000_000))
    folder = data / f"onec-{clients}-{seed}"
    marker = folder / "bench.json"
    if not marker.is_file():
        start = time.perf_counter()
        written = write_onec_company(demo.generate(clients=clients, years=5, seed=seed), folder)
        marker.write_text(json.dumps({"clients": clients, "lines": written}))
        print(f"(export of {written:,} lines written to {folder} in {time.perf_counter() - start:.0f} s)",
              file=sys.stderr, flush=True)
    return folder


def step(name: str, folder: Path, cache: Path, repeat: int) -> dict:
    """The best of ``repeat`` runs of step ``name``, each in a fresh process (its peak memory too)."""
    best = None
    for _ in range(repeat):
        try:
            out = subprocess.run([sys.executable, "-c", PRELUDE + STEPS[name], str(folder), str(cache)],
                                 capture_output=True, text=True, timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            return {"error": f"more than {STEP_TIMEOUT // 60} min"}
        results = out.stdout.split("RESULT ")  # a library's progress bar may share the line
        if out.returncode or len(results) < 2:
            tail = (out.stderr.strip().splitlines() or [f"exit code {out.returncode}, no result"])[-1]
            return {"error": tail[:200]}
        row = json.loads(results[-1].splitlines()[0])
        if best is None or row["seconds"] < best["seconds"]:
            best = row
    return best


def _s(row: dict, key: str = "seconds") -> str:
    if not row:
        return "—"  # not run (--steps)
    return "error" if "error" in row else f"{row[key]:.2f}"


def _mb(row: dict) -> str:
    return f" ({row['peak_mb']:.0f})" if "peak_mb" in row else ""


def _ratio(ours: dict, peers: list[dict]) -> str:
    times = [p["seconds"] for p in peers if p and "error" not in p]
    if not ours or "error" in ours or not times:
        return "—"
    return f"{ours['seconds'] / min(times):.2f}×"


def measure(lines: int, data: Path, repeat: int, steps=DEFAULT_STEPS) -> dict[str, dict]:
    """The ``steps`` on the export of about ``lines`` lines: ``{step: {seconds, peak_mb, cpu, …}}``.

    ``load.kbcore`` runs first in any case: it writes the cache the other steps read.
    """
    folder = export_folder(data, lines)
    with tempfile.TemporaryDirectory(prefix="kbcore-bench-") as tmp:
        cache = Path(tmp) / "cache"
        rows = {"load.kbcore": step("load.kbcore", folder, cache, 1)}  # also writes the cache
        if "error" in rows["load.kbcore"]:
            return rows
        for name in STEPS:
            if name in steps and name != "load.kbcore":
                rows[name] = step(name, folder, cache, 1 if name == "blocks.kbcore" else repeat)
                print(f"  {lines:,}: {name} {_s(rows[name])} s", file=sys.stderr, flush=True)
    return rows


def print_tables(results: dict[int, dict[str, dict]]) -> None:
    """The markdown tables of the results (one row per size)."""
    print(f"Measured {date.today().isoformat()} on {platform.node() or 'this machine'}: "
          f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}.\n")
    print("| sales lines | clients | read: kbcore s (peak MB) | bare Polars, cp1251 s (peak MB) "
          "| kbcore ÷ Polars | bare Polars, utf8-lossy s | kbcore ÷ lossy | whole load, s (peak MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for size, r in results.items():
        load = r["load.kbcore"]
        if "error" in load:
            print(f"| ~{size:,} | | | | | | | error: {load['error']} |")
            continue
        rk, rp, rl = (r.get(f"read.{x}", {}) for x in ("kbcore", "polars", "polars-lossy"))
        print(f"| {load['rows']:,} | {load['clients']:,} | {_s(rk)}{_mb(rk)} "
              f"| {_s(rp)}{_mb(rp)} | {_ratio(rk, [rp])} | {_s(rl)} | {_ratio(rk, [rl])} "
              f"| {_s(load)} ({load['peak_mb']:.0f}) |")
    facts_steps = ("facts.kbcore", "facts.polars", "facts.duckdb", "facts.lifetimes")
    if any(name in r for r in results.values() for name in facts_steps):
        print()
        print("| sales lines | facts: kbcore s (peak MB) | Polars by hand | DuckDB SQL | lifetimes summary "
              "| kbcore ÷ Polars | lifetimes ÷ kbcore |")
        print("|---|---|---|---|---|---|---|")
    for r in results.values():
        if not any(f"facts.{x}" in r for x in ("kbcore", "polars", "duckdb", "lifetimes")):
            continue
        k, p, d, lt = (r.get(f"facts.{x}", {}) for x in ("kbcore", "polars", "duckdb", "lifetimes"))
        speedup = ("—" if not k or not lt or "error" in k or "error" in lt
                   else f"{lt['seconds'] / k['seconds']:.1f}×")
        print(f"| {r['load.kbcore']['rows']:,} | {_s(k)}{_mb(k)} "
              f"| {_s(p)}{_mb(p)} | {_s(d)}{_mb(d)} "
              f"| {_s(lt)}{_mb(lt)} | {_ratio(k, [p])} | {speedup} |")
    if any("blocks.kbcore" in r for r in results.values()):
        print()
        print("| sales lines | facts in the blocks, s | block 1, s | block 2, s | block 3, s | block 4, s "
              "| block 5, s | block 6, s | block 7, s | block 8, s | block 9, s | block 10, s "
              "| evidence measures, s | peak MB |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results.values():
        b = r.get("blocks.kbcore")
        if b is None:
            continue
        if "error" in b:
            print(f"| {r['load.kbcore']['rows']:,} | error: {b['error']} |||||||||||||")
            continue
        cells = " | ".join(f"{b[k]:.2f}" for k in ("facts", "block1", "block2", "block3", "block4", "block5",
                                                   "block6", "block7", "block8", "block9", "block10", "evidence"))
        print(f"| {r['load.kbcore']['rows']:,} | {cells} | {b['peak_mb']:.0f} |")
    extra = [(r, name) for r in results.values() if "error" not in r["load.kbcore"]
             for name in r if name not in TABLED]
    if extra:
        print()
        print("| sales lines | step | seconds | CPU s of the process | peak MB |")
        print("|---|---|---|---|---|")
        for r, name in extra:
            row = r[name]
            if "error" in row:
                print(f"| {r['load.kbcore']['rows']:,} | {name} | error: {row['error']} | | |")
                continue
            print(f"| {r['load.kbcore']['rows']:,} | {name} | {row['seconds']:.2f} | {row['cpu']:.2f} "
                  f"| {row['peak_mb']:.0f} |")


def time_run(lines: int, data: Path) -> None:
    """``kbcore run`` on the export of about ``lines`` lines: its time and peak memory."""
    folder = export_folder(data, lines)
    with tempfile.TemporaryDirectory(prefix="kbcore-bench-run-") as tmp:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "kbcore.app.cli", "run",
                               "--data", str(folder), "--out", str(Path(tmp) / "reports"), "--lang", "ru"],
                              capture_output=True, text=True, timeout=24 * 3600)
        seconds = time.perf_counter() - start
        peak = [ln for ln in proc.stderr.splitlines() if "Maximum resident set size" in ln]
        summary = json.loads((Path(tmp) / "reports" / "run.json").read_text(encoding="utf-8"))
    print(proc.stderr[-3000:], file=sys.stderr)
    print("| sales lines | kbcore run, s | peak MB (largest process) | ok |")
    print("|---|---|---|---|")
    peak_mb = int(peak[-1].split()[-1]) / 1024 if peak else float("nan")
    print(f"| {summary['sales_lines']:,} | {seconds:.0f} | {peak_mb:.0f} | {summary['ok']} |")
    for block in summary["blocks"]:
        print(f"|   {block['name']} | {block['seconds']:.0f} | | {block['status']} |")


def time_notebooks() -> list[tuple[str, float]]:
    """Run every block notebook top to bottom on the demo company; seconds per notebook.

    Each notebook gets a fresh kernel (papermill), as in ``kbcore run`` and in JupyterLab; the
    time includes the kernel start and loading the demo company.
    """
    import papermill as pm

    from kbcore.app.runner import kernel_config
    from kbcore.paths import PROJECT_DIR

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for nb in sorted((PROJECT_DIR / "notebooks").glob("*/*.ipynb")):
            t0 = time.perf_counter()
            pm.execute_notebook(str(nb), str(Path(tmp) / nb.name), cwd=str(nb.parent),
                                kernel_name="python3", progress_bar=False,
                                config=kernel_config())  # as kbcore run
            rows.append((f"{nb.parent.name}/{nb.stem}", time.perf_counter() - t0))
    return rows


def crossover(sizes=CROSSOVER_SIZES, repeat: int = 3) -> str:
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
            for _ in range(repeat):
                t0 = time.perf_counter()
                facts = Facts(sales, engine=engine)
                facts.clients(), facts.periods("year"), facts.periods("month"), facts.orders()
                best = min(best, time.perf_counter() - t0)
            cells.append(f"{best:.3f}")
        rows.append(f"| {n:,} | {' | '.join(cells)} |")
    return "\n".join(rows)


CLV_TRUE = {"bgnbd": {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5},
            "pareto_nbd": {"r": 0.55, "alpha": 10.5, "s": 0.6, "beta": 11.7},
            "gamma_gamma": {"p": 6.0, "q": 4.0, "gamma": 15.0}}
"""The parameters the ``--clv`` clients are drawn from (weeks; CDNOW-like)."""


def time_clv(clients: int = 100_000, repeat: int = 3, seed: int = 12) -> str:
    """Seconds of each CLV fit on ``clients`` simulated clients (best of ``repeat``), as a markdown table."""
    import numpy as np

    from kbcore import clv

    rng = np.random.default_rng(seed)
    ages = rng.integers(1, 365, clients) / 7.0  # whole days, in weeks
    whole_days = lambda frame: frame.assign(recency=np.round(frame["recency"] * 7) / 7)  # noqa: E731
    bg = whole_days(clv.simulate_bgnbd(CLV_TRUE["bgnbd"], ages, seed=seed + 1))
    pn = whole_days(clv.simulate_pareto_nbd(CLV_TRUE["pareto_nbd"], ages, seed=seed + 2))
    spend = clv.simulate_gamma_gamma(CLV_TRUE["gamma_gamma"], bg["frequency"], seed=seed + 3)
    fits = {
        "bgnbd": (lambda: clv.fit_bgnbd(bg["frequency"], bg["recency"], bg["T"], unit="W"),
                  len(np.unique(bg[["frequency", "recency", "T"]].to_numpy(), axis=0))),
        "pareto_nbd": (lambda: clv.fit_pareto_nbd(pn["frequency"], pn["recency"], pn["T"], unit="W"),
                       len(np.unique(pn[["frequency", "recency", "T"]].to_numpy(), axis=0))),
        "gamma_gamma": (lambda: clv.fit_gamma_gamma(bg["frequency"], spend), int((bg["frequency"] > 0).sum())),
    }
    rows = [f"| model ({clients:,} clients) | fit, s | distinct rows fitted | parameters found (true) |",
            "|---|---:|---:|---|"]
    for name, (fit, distinct) in fits.items():
        best, model = math.inf, None
        for _ in range(repeat):
            t0 = time.perf_counter()
            model = fit()
            best = min(best, time.perf_counter() - t0)
        found = ", ".join(f"{k} {v:.3f} ({CLV_TRUE[name][k]:g})" for k, v in model.params.items())
        rows.append(f"| {name} | {best:.2f} | {distinct:,} | {found} |")
    return "\n".join(rows)


KPI_TILES = (1, 10)
"""How many copies of the Bulgarian demo company ``--kpi`` times (1: 106,147 lines; 10: about a million)."""


def tiled_bg(tiles: int):
    """The Bulgarian demo company ``tiles`` times over: every client (and its lines, card, survey answers,
    membership) copied with a prefixed id, so that the topics see ``tiles`` times the clients and lines."""
    import pandas as pd

    import kbcore
    from kbcore.schema import C

    ds = kbcore.load(None, demo="bg")
    if tiles == 1:
        return ds

    def copies(df):
        if df is None or C.client_id not in df.columns:
            return df
        out = pd.concat([df.assign(**{C.client_id: f"{i:02d}-" + df[C.client_id].astype(str)})
                         for i in range(tiles)], ignore_index=True)
        out[C.client_id] = out[C.client_id].astype("string")
        return out

    for name in ("sales", "clients", "surveys", "loyalty", "interactions"):
        setattr(ds, name, copies(ds.table(name)))
    return ds


def time_kpi(tiles=KPI_TILES, repeat: int = 3) -> str:
    """Seconds of each program-004 topic's analyses on the Bulgarian demo company tiled (best of ``repeat``)."""
    from kbcore import clv
    from kbcore.analyses import abc_three as a3
    from kbcore.analyses import incentives as inc
    from kbcore.analyses import loyalty_programme as lp
    from kbcore.analyses import market_potential as mp
    from kbcore.analyses import sales_drilldown as sd
    from kbcore.analyses import satisfaction as sa
    from kbcore.analyses import segment_profit as sp
    from kbcore.analyses import share_of_wallet as sw
    from kbcore.analyses.profitability import rates_for
    from kbcore.facts import Facts

    def topic1(ds, facts):
        sales = mp.our_sales(facts, ds.clients, ds.products)
        shares = mp.territory_shares(mp.build_up(ds.market, ds.clients), sales)
        mp.client_potentials(facts, ds.clients, ds.market, ds.products, region=mp.focus_territory(shares),
                             sales=sales)

    def topic2(ds, facts):
        a3.combination_summary(a3.abc_three(facts, ds.clients, ds.products))
        a3.abc_three(facts, ds.clients, ds.products, measure="volume")

    def topic3(ds, facts):
        lines = sd.annotate_lines(facts, ds.products, ds.clients)
        for level in sd.LEVELS:
            sd.drilldown(facts, ds.products, ds.clients, ds.market, ds.targets, year=2025, level=level,
                         lines=lines)
        pair = (("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31"))
        sd.variance_bridge(facts, ds.products, ds.clients, period0=pair[0], period1=pair[1],
                           level="business_line", lines=lines)
        sd.variance_clients(facts, ds.products, ds.clients, period0=pair[0], period1=pair[1], lines=lines)

    def topic4(ds, facts):
        clv.weighted_client_value(clv.client_yearly_value(facts, ds.clients, ds.interactions,
                                                          rates=rates_for(ds.currency)))
        summary = clv.clv_summary(facts, unit="W")
        fits = clv.fit_models(summary)
        clv.client_clv(summary, fits.purchase_model(), fits.gamma_gamma)

    def topic5(ds, facts):
        shares = sw.client_shares(facts, ds.clients, ds.products)
        sw.loyalty_link(shares, surveys=ds.surveys, loyalty=ds.loyalty)
        sw.war_vs_actual(shares, sw.war_estimates(ds.clients, ds.surveys))
        sw.growth_plan(shares)

    def topic6(ds, facts):
        review = sp.review_segmentations(facts, ds.clients, surveys=ds.surveys, interactions=ds.interactions,
                                         contacts=ds.contacts, currency=ds.currency)
        sp.segment_strategies(review.tables[review.best])

    def topic7(ds, facts):
        answers = sa.survey_answers(ds.surveys, ds.clients)
        sa.satisfaction_by(answers, by="segment")
        sa.nonresponse_bias(facts, answers, ds.clients)
        sa.stated_vs_revealed(facts, answers)

    def topic8(ds, facts):
        lp.programme_kpis(facts, ds.loyalty)
        lp.programme_effect(facts, ds.loyalty, ds.clients)

    def topic9(ds, facts):
        results = inc.manager_results(facts, ds.products, ds.clients, ds.staff, ds.targets)
        inc.compare_plans(results, inc.load_incentive_plans_template())

    topics = (topic1, topic2, topic3, topic4, topic5, topic6, topic7, topic8, topic9)
    rows = ["| sales lines | clients | facts, s | " + " | ".join(f"topic {i}, s" for i in range(1, len(topics) + 1))
            + " |", "|---:|---:|" + "---:|" * (len(topics) + 1)]
    for n in tiles:
        ds = tiled_bg(n)
        best = [math.inf] * (len(topics) + 1)
        for _ in range(repeat):
            t0 = time.perf_counter()
            facts = Facts.of(ds)
            facts.clients()
            best[0] = min(best[0], time.perf_counter() - t0)
            for i, topic in enumerate(topics, 1):
                t0 = time.perf_counter()
                topic(ds, facts)
                best[i] = min(best[i], time.perf_counter() - t0)
        rows.append(f"| {len(ds.sales):,} | {len(ds.clients):,} | " + " | ".join(f"{b:.2f}" for b in best) + " |")
    return "\n".join(rows)


def _steps(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown step(s) {', '.join(unknown)}; "
                                         f"the steps are {', '.join(STEPS)}")
    return names


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per step; the best is kept (five: on a shared machine one step varies by a quarter)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "kbcore-bench",
                        help="where the exports are written once and kept")
    parser.add_argument("--notebooks", action="store_true",
                        help="time each block notebook on the demo company instead")
    parser.add_argument("--run", type=int, metavar="LINES",
                        help="time `kbcore run` on an export of about LINES lines instead")
    parser.add_argument("--steps", type=_steps, default=DEFAULT_STEPS, metavar="NAME,NAME",
                        help="the steps to run, comma-separated (load.kbcore always runs); default: "
                             f"{','.join(DEFAULT_STEPS)}; not run by default: {','.join(EXTRA_STEPS)}")
    parser.add_argument("--crossover", action="store_true",
                        help="time the pandas and the Polars engine for a pandas input instead "
                             "(the demo company tiled, in this process)")
    parser.add_argument("--crossover-sizes", type=int, nargs="+", default=list(CROSSOVER_SIZES),
                        metavar="LINES", help="the line counts of --crossover")
    parser.add_argument("--clv", action="store_true",
                        help="time the CLV model fits (BG/NBD, Pareto/NBD, Gamma-Gamma) on simulated "
                             "clients instead (in this process)")
    parser.add_argument("--clv-clients", type=int, default=100_000, metavar="N",
                        help="the number of simulated clients of --clv")
    parser.add_argument("--kpi", action="store_true",
                        help="time program 004's topics 1-5 on the Bulgarian demo company, once and tiled "
                             "ten times (about a million lines), instead (in this process)")
    args = parser.parse_args(argv)
    if args.kpi:
        print(time_kpi(repeat=args.repeat))
        return 0
    if args.clv:
        print(time_clv(args.clv_clients, args.repeat))
        return 0
    if args.crossover:
        print(crossover(args.crossover_sizes, args.repeat))
        return 0
    if args.notebooks:
        print("| notebook (demo company) | run top to bottom, s |")
        print("|---|---|")
        for name, seconds in time_notebooks():
            print(f"| {name} | {seconds:.1f} |", flush=True)
        return 0
    if args.run:
        time_run(args.run, args.data)
        return 0
    results = {size: measure(size, args.data, args.repeat, args.steps) for size in args.sizes}
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
