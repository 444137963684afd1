"""Benchmark: loading + each block's analyses on demo companies of growing size (not a test).

    python tests/benchmark.py [--sizes 10000 100000 1000000]
    python tests/benchmark.py --notebooks        # each block notebook on the demo company


For each size a demo company with about that many sales lines is generated into a temporary
folder (generation is not timed), then a fresh Python process loads it with ``kbcore.load`` and
runs the analyses of each block as its notebook does (block 1: yearly summary, client P&L,
whale curve, concessions, concentration; block 2: stages now and at every year end,
completeness, clients due; block 5: client features, profile, matches, market cells, plan by
client, passport, one client card; block 6: Pareto, ABC, XYZ, RFM, money zones, first-order
retention with Kaplan–Meier and the risk list, the CRM table); the table shows the seconds of
each step and the process's peak resident memory. Run it on an otherwise idle machine; numbers vary by a few percent between runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINES_PER_CLIENT = 90  # the demo company has about 90 sales lines per client over 5 years

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import kbcore
from kbcore.analyses.completeness import base_completeness
from kbcore.analyses.card import client_card
from kbcore.analyses.lifecycle import client_stages, clients_due, stage_history, year_end_dates
from kbcore.analyses.money_zones import money_zones, next_rouble
from kbcore.analyses.passport import passport
from kbcore.analyses.planning import plan_by_client
from kbcore.analyses.profile import client_features, client_profile, market_matches, profile_match
from kbcore.analyses.profitability import (client_pnl, concentration, concession_clients,
    whale_curve, whale_summary, yearly_summary)
from kbcore.analyses.retention import (first_order_risk, new_clients, second_order_conversion,
    time_to_second_order)
from kbcore.analyses.segmentation import abc, last_full_months, pareto_table, rfm, xyz
from kbcore.analyses.crm import crm_table
from kbcore.facts import Facts
t1 = time.perf_counter()
ds = kbcore.load(sys.argv[1])
t2 = time.perf_counter()
sales, clients = ds.sales, ds.clients
facts = Facts(sales)
yearly = yearly_summary(facts, clients, ds.interactions)
pnl = client_pnl(facts, clients, ds.interactions)
summary = whale_summary(whale_curve(pnl))
concession_clients(pnl)
concentration(pnl)
t3 = time.perf_counter()
facts = Facts.of(ds)
stages = client_stages(facts, clients)
stage_history(facts, clients, dates=year_end_dates(facts))
base_completeness(clients, ds.interactions, ds.contacts, stages)
clients_due(stages, clients)
t4 = time.perf_counter()
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
crm_table(facts, clients, abc=abc(facts.clients(lo, hi)), xyz=regularity, rfm=scores, stages=stages)
t6 = time.perf_counter()
cache = sys.argv[2]
ds.save(cache)
t7 = time.perf_counter()
kbcore.load(cache)
t8 = time.perf_counter()
print(json.dumps({"lines": len(ds.sales), "clients": int(ds.clients.shape[0]),
                  "import": t1 - t0, "load": t2 - t1, "block1": t3 - t2, "block2": t4 - t3,
                  "block5": t5 - t4, "block6": t6 - t5, "save_cache": t7 - t6,
                  "load_cache": t8 - t7,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(lines: int, seed: int = 7) -> dict:
    """Generate a company of about ``lines`` sales lines and measure it in a fresh process."""
    from kbcore import demo

    clients = max(20, round(lines / LINES_PER_CLIENT))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "company"
        g0 = time.perf_counter()
        demo.write(demo.generate(clients=clients, years=5, seed=seed), folder)
        gen = time.perf_counter() - g0
        out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(Path(tmp) / "cache")],
                             check=True, capture_output=True, text=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
    row["target_lines"] = lines
    row["generate"] = gen
    return row


def time_notebooks() -> list[tuple[str, float]]:
    """Run every block notebook top to bottom on the demo company; seconds per notebook.

    Each notebook gets a fresh kernel (papermill), as in ``kbcore run`` and in JupyterLab; the
    time includes the kernel start and loading the demo company.
    """
    import papermill as pm

    from kbcore.paths import PROJECT_DIR

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for nb in sorted((PROJECT_DIR / "notebooks").glob("*/*.ipynb")):
            t0 = time.perf_counter()
            pm.execute_notebook(str(nb), str(Path(tmp) / nb.name), cwd=str(nb.parent),
                                kernel_name="python3", progress_bar=False)
            rows.append((f"{nb.parent.name}/{nb.stem}", time.perf_counter() - t0))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--notebooks", action="store_true",
                        help="time each block notebook on the demo company instead")
    args = parser.parse_args(argv)
    if args.notebooks:
        print("| notebook (demo company) | run top to bottom, s |")
        print("|---|---|")
        for name, seconds in time_notebooks():
            print(f"| {name} | {seconds:.1f} |", flush=True)
        return 0
    header = ("| sales lines | clients | load files, s | block 1, s | block 2, s | block 5, s "
              "| block 6, s | save cache, s | load cache, s | peak memory, MB |")
    print(header)
    print("|" + "---|" * 10)
    for size in args.sizes:
        r = measure(size)
        print(f"| {r['lines']:,} | {r['clients']:,} | {r['load']:.2f} | {r['block1']:.2f} "
              f"| {r['block2']:.2f} | {r['block5']:.2f} | {r['block6']:.2f} "
              f"| {r['save_cache']:.2f} | {r['load_cache']:.2f} | {r['peak_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
