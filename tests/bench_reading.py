"""Benchmark: reading a 1C export against a bare ``polars.read_csv`` of the same file (not a test).

    python tests/bench_reading.py /work/bench/onec-1m             # a folder (or a sales file)
    python tests/bench_reading.py /work/bench/onec-1m --base /path/to/older/checkout

Three steps, each in a fresh Python process (so that its peak resident memory is its own), in
rounds so that a busy machine slows them alike; the best time of ``--repeats`` rounds and the
largest peak are shown:

* bare Polars, the peer: ``pl.read_csv(sales, separator=";", skip_rows=<title lines>,
  has_header=True, infer_schema=False, encoding="utf8-lossy")`` (text columns, no cleaning);
* ``kbcore.ingest.read_table(sales, "sales")``: decoding, header, cleaning and the quality
  report of the sales file;
* ``kbcore.load(folder)``: every table, client identity, the checks of the quality report.

Seconds are wall-clock; CPU seconds (user + system, all threads) tell how much of a wall time
is waiting for a busy machine.

The ratio is ours / bare Polars. ``--base`` measures another checkout's kbcore in the same run
(before → after). :func:`measure_reading` returns the numbers for ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
step, path, sales, skip = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
if step == "polars":
    import polars as pl
    c0, t = cpu(), time.perf_counter()
    df = pl.read_csv(sales, separator=";", skip_rows=skip, has_header=True, infer_schema=False,
                     encoding="utf8-lossy")
    seconds, rows = time.perf_counter() - t, df.height
elif step == "read_table":
    from kbcore.ingest import read_table
    c0, t = cpu(), time.perf_counter()
    df = read_table(sales, "sales")
    seconds, rows = time.perf_counter() - t, len(df)
else:
    import kbcore
    c0, t = cpu(), time.perf_counter()
    ds = kbcore.load(path)
    seconds, rows = time.perf_counter() - t, len(ds.sales)
# VmHWM: this process's own peak (ru_maxrss would keep the parent's peak across exec)
with open("/proc/self/status") as f:
    hwm = [line for line in f if line.startswith("VmHWM:")]
peak = (int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu() - c0, "peak_mb": peak, "rows": rows}))
"""

STEPS = ("polars", "read_table", "load")


FIND = r"""
import sys
from pathlib import Path
from kbcore.ingest.files import find_table_files
from kbcore.ingest.raw import read_raw
path = Path(sys.argv[1])
sales = path if path.is_file() else find_table_files(path)[0]["sales"][0]
print((read_raw(sales).header_row or 1) - 1)
print(sales)
"""


def _sales_file(path: Path) -> tuple[Path, int]:
    """The sales file of ``path`` and its lines above the header, as kbcore finds them.

    In a child process (the parent stays small); the peer is told the title lines, it does
    not search for them.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", FIND, str(path)], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.strip().splitlines()
    return Path(out[-1]), int(out[-2])


def _run(step: str, path: Path, sales: Path, skip: int, kbcore_root: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(kbcore_root), MPLBACKEND="Agg")
    # run in the checkout measured: with -c the current folder comes first on sys.path
    out = subprocess.run([sys.executable, "-c", CHILD, step, str(path), str(sales), str(skip)],
                         env=env, capture_output=True, text=True, check=True, cwd=kbcore_root)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_reading(path: str | Path, repeats: int = 3, base: str | Path | None = None) -> dict:
    """Seconds (best of ``repeats``) and peak memory (MB) of bare Polars, read_table and load.

    Parameters
    ----------
    path : an export folder (its sales file is found as ``kbcore.load`` finds it) or a sales file.
    repeats : rounds; each step runs once a round, in a fresh process.
    base : another checkout whose kbcore is measured too (keys ``base_read_table_s`` …).

    Returns
    -------
    dict
        ``file``, ``rows``, ``title_lines``, ``<step>_s``, ``<step>_cpu_s`` and ``<step>_mb`` for the steps
        ``polars``, ``read_table`` and ``load`` (and ``base_…`` ones), and the ratios
        ``read_table_ratio`` and ``load_ratio`` (ours / bare Polars).
    """
    path = Path(path)
    sales, skip = _sales_file(path)
    roots = {"": ROOT} | ({"base_": Path(base)} if base else {})
    runs: dict[str, list[dict]] = {}
    for _ in range(repeats):
        for prefix, root in roots.items():
            for step in STEPS:
                if prefix and step == "polars":
                    continue
                runs.setdefault(prefix + step, []).append(_run(step, path, sales, skip, root))
    out: dict = {"file": str(sales), "title_lines": skip, "repeats": repeats,
                 "rows": runs["read_table"][0]["rows"]}
    for key, rs in runs.items():
        out[f"{key}_s"] = min(r["seconds"] for r in rs)
        out[f"{key}_cpu_s"] = min(r["cpu"] for r in rs)
        out[f"{key}_mb"] = max(r["peak_mb"] for r in rs)
    for key in ("read_table", "load", "base_read_table", "base_load"):
        if f"{key}_s" in out:
            out[f"{key}_ratio"] = out[f"{key}_s"] / out["polars_s"]
    return out


def table(m: dict) -> str:
    """The numbers of :func:`measure_reading` as a markdown table."""
    lines = [f"Reading `{Path(m['file']).name}` ({m['rows']:,} sales lines kept; best of "
             f"{m['repeats']}, peak RSS of a fresh process)", "",
             "| step | seconds | × bare Polars | CPU seconds | peak MB |",
             "|---|---:|---:|---:|---:|"]
    names = {"polars": "bare `pl.read_csv` (peer)", "read_table": "`read_table(sales)`",
             "load": "`kbcore.load(folder)`", "base_read_table": "`read_table(sales)` (base)",
             "base_load": "`kbcore.load(folder)` (base)"}
    for key, name in names.items():
        if f"{key}_s" in m:
            ratio = m.get(f"{key}_ratio", 1.0)
            lines.append(f"| {name} | {m[f'{key}_s']:.2f} | {ratio:.2f} | "
                         f"{m[f'{key}_cpu_s']:.2f} | {m[f'{key}_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="an export folder or a sales file")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--base", help="another checkout to measure in the same run")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = parser.parse_args(argv)
    m = measure_reading(args.path, args.repeats, args.base)
    print(table(m))
    if args.json:
        print(json.dumps(m, indent=1))


if __name__ == "__main__":
    main()
