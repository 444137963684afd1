"""Benchmark: loading + each block's analyses on demo companies of growing size (not a test).

    python tests/benchmark.py [--sizes 10000 100000 1000000]
    python tests/benchmark.py --notebooks        # each block notebook on the demo company


For each size a demo company with about that many sales lines is generated into a temporary
folder (generation is not timed), then a fresh Python process loads it with ``kbcore.load`` and
runs the block-1 analyses; the table shows the seconds of each step and the process's peak
resident memory. Run it on an otherwise idle machine; numbers vary by a few percent between runs.
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
from kbcore.analyses.profitability import (client_pnl, concentration, concession_clients,
    whale_curve, whale_summary, yearly_summary)
t1 = time.perf_counter()
ds = kbcore.load(sys.argv[1])
t2 = time.perf_counter()
yearly = yearly_summary(ds.sales, ds.clients, ds.interactions)
pnl = client_pnl(ds.sales, ds.clients, ds.interactions)
summary = whale_summary(whale_curve(pnl))
concession_clients(pnl)
concentration(pnl)
t3 = time.perf_counter()
cache = sys.argv[2]
ds.save(cache)
t4 = time.perf_counter()
kbcore.load(cache)
t5 = time.perf_counter()
print(json.dumps({"lines": len(ds.sales), "clients": int(ds.clients.shape[0]),
                  "import": t1 - t0, "load": t2 - t1, "analyses": t3 - t2, "save_cache": t4 - t3,
                  "load_cache": t5 - t4,
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
    header = ("| sales lines | clients | load files, s | block-1 analyses, s | save cache, s "
              "| load cache, s | peak memory, MB |")
    print(header)
    print("|" + "---|" * 7)
    for size in args.sizes:
        r = measure(size)
        print(f"| {r['lines']:,} | {r['clients']:,} | {r['load']:.2f} | {r['analyses']:.2f} "
              f"| {r['save_cache']:.2f} | {r['load_cache']:.2f} | {r['peak_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
