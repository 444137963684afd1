"""Stress test of ``kbcore run``: N runs in a row on a big 1C-shaped export, a watchdog per run.

    python tests/stress_run.py --runs 10                  # 20,000 clients, 2 years, in Russian
    python tests/stress_run.py --runs 2 --clients 500     # a quick look

The export is built once and kept in ``--data`` (default ``/tmp/kbcore-stress/…``): the demo
generator's company (``kbcore.demo.generate``) written as 1C writes it (``продажи.csv`` and
``контрагенты.csv``: cp1251, ``;``, title lines, a totals row, decimal commas, NBSP thousands;
:func:`onec_export.write_onec_company`). Each run is ``python -m kbcore.app.cli run`` (that is,
``kbcore run``) in its own process group; the watchdog kills the whole group when a run takes
longer than ``--watchdog`` minutes. The outcome of each block comes from the run's ``run.json``
and its executed notebooks.

Prints one row per run: the run, its seconds, and per block ``ok``, ``failed``, ``TIMED OUT``
(the runner's cell timeout) or ``HUNG`` (the watchdog killed the run while the block ran, or a
cell took at least 90 % of the cell timeout: a kernel reply the client never noticed is found
only when the timeout fires, and the cell then ends as if nothing happened), with the block's
seconds and its longest cell. Exits 1 when any block hung or timed out, 2 when any failed (and
none hung), else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nbformat  # noqa: E402
from onec_export import write_onec_company  # noqa: E402

from kbcore import demo  # noqa: E402
from kbcore.app.runner import find_notebooks  # noqa: E402


def build_export(folder: Path, clients: int, years: int, seed: int) -> int:
    """Write the export into ``folder`` unless it is already there; return its sales lines."""
    marker = folder / "stress.json"
    wanted = {"clients": clients, "years": years, "seed": seed}
    if marker.is_file() and json.loads(marker.read_text())["params"] == wanted:
        return json.loads(marker.read_text())["lines"]
    start = time.perf_counter()
    lines = write_onec_company(demo.generate(clients=clients, years=years, seed=seed), folder)
    marker.write_text(json.dumps({"params": wanted, "lines": lines}))
    print(f"export: {lines:,} sales lines of {clients:,} clients over {years} years in {folder} "
          f"({time.perf_counter() - start:.0f} s)", flush=True)
    return lines


def _block(out: Path, name: str) -> dict:
    """What the executed notebook of block ``name`` says: finished, seconds, longest cell."""
    path = out / "notebooks" / f"{name}.ipynb"
    if not path.is_file():
        return {"started": False}
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - killed while papermill was writing it
        return {"started": True, "finished": False, "max_cell": None}
    meta = nb.metadata.get("papermill", {})
    cells = [c.metadata.get("papermill", {}).get("duration") or 0.0 for c in nb.cells]
    return {"started": True, "finished": bool(meta.get("end_time")), "seconds": meta.get("duration"),
            "max_cell": max(cells, default=0.0)}


def one_run(data: Path, out: Path, lang: str, watchdog_min: float, names: list[str]) -> dict:
    """Run ``kbcore run`` once under the watchdog; return per block its outcome."""
    cmd = [sys.executable, "-m", "kbcore.app.cli", "run", "--data", str(data), "--lang", lang,
           "--out", str(out), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    killed = False
    try:
        _, stderr = proc.communicate(timeout=watchdog_min * 60)
    except subprocess.TimeoutExpired:
        killed = True
        os.killpg(proc.pid, signal.SIGKILL)  # the run and every kernel it started
        _, stderr = proc.communicate(timeout=60)
    seconds = time.perf_counter() - start
    summary_path = out / "run.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else None
    by_name = {b["name"]: b for b in summary["blocks"]} if summary else {}
    # a reply the client never noticed resolves itself when the cell timeout fires: such a cell
    # "succeeds" after waiting the whole bound, so a cell that took most of the bound is a hang
    bound = 0.9 * 60 * summary["cell_timeout_minutes"] if summary else float("inf")
    blocks = {}
    for name in names:
        seen = _block(out, name)
        row = by_name.get(name)
        if row is not None:
            status = {"ok": "ok", "failed": "failed", "timed out": "TIMED OUT"}.get(row["status"], row["status"])
            if status != "TIMED OUT" and (seen.get("max_cell") or 0) >= bound:
                status = "HUNG"
            blocks[name] = {"status": status, "seconds": row["seconds"], "max_cell": seen.get("max_cell"),
                            "error": row["error"]}
        elif killed and seen.get("started") and not seen.get("finished"):
            blocks[name] = {"status": "HUNG", "seconds": None, "max_cell": seen.get("max_cell")}
        elif killed and seen.get("started"):
            blocks[name] = {"status": "ok?", "seconds": seen.get("seconds"), "max_cell": seen.get("max_cell")}
        else:
            blocks[name] = {"status": "not run", "seconds": None, "max_cell": None}
    if killed and not any(b["status"] == "HUNG" for b in blocks.values()):
        blocks.setdefault("(run)", {"status": "HUNG", "seconds": None, "max_cell": None})
    return {"seconds": seconds, "killed": killed, "rc": proc.returncode, "blocks": blocks,
            "stderr": (stderr or "")[-2000:], "summary": summary}


def _cell(block: dict) -> str:
    parts = [block["status"]]
    if block.get("seconds") is not None:
        parts.append(f"{block['seconds']:.0f}s")
    if block.get("max_cell") is not None:
        parts.append(f"(max cell {block['max_cell']:.0f}s)")
    return " ".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--lang", default="ru", choices=["en", "ru"])
    parser.add_argument("--data", type=Path, help="folder of the export (built once, then reused)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kbcore-stress/runs"))
    parser.add_argument("--watchdog", type=float, default=40.0, help="minutes one run may take")
    args = parser.parse_args(argv)

    data = args.data or Path(f"/tmp/kbcore-stress/export-{args.clients}-{args.years}-{args.seed}")
    lines = build_export(data, args.clients, args.years, args.seed)
    names = [name for _, name in find_notebooks()]
    short = [name.split("/")[-1] for name in names]
    print(f"{args.runs} runs of `kbcore run --lang {args.lang}` on {lines:,} sales lines; "
          f"watchdog {args.watchdog:g} min per run", flush=True)
    header = ["run", "seconds", *short, "result"]
    print(" | ".join(header), flush=True)
    results = []
    for i in range(1, args.runs + 1):
        out = args.out / f"run-{i:02d}"
        if out.exists():
            subprocess.run(["rm", "-rf", str(out)], check=True)
        res = one_run(data, out, args.lang, args.watchdog, names)
        results.append(res)
        statuses = [b["status"] for b in res["blocks"].values()]
        verdict = ("HUNG" if any(s in ("HUNG", "TIMED OUT") for s in statuses)
                   else "ok" if all(s == "ok" for s in statuses) else "failed")
        row = [str(i), f"{res['seconds']:.0f}", *[_cell(res["blocks"][n]) for n in names], verdict]
        print(" | ".join(row), flush=True)
        if verdict != "ok" and res["stderr"].strip():
            print("   " + res["stderr"].strip().splitlines()[-1], flush=True)

    hung = sum(any(b["status"] in ("HUNG", "TIMED OUT") for b in r["blocks"].values()) for r in results)
    failed = sum(any(b["status"] == "failed" for b in r["blocks"].values()) for r in results)
    secs = [r["seconds"] for r in results]
    print(f"\n{len(results)} runs: {hung} with a hung or timed-out block, {failed} with a failed block; "
          f"run seconds min {min(secs):.0f}, median {statistics.median(secs):.0f}, max {max(secs):.0f}")
    for name, label in zip(names, short, strict=True):
        blocks = [r["blocks"][name] for r in results]
        done = [b["seconds"] for b in blocks if b.get("seconds") is not None]
        cells = [b["max_cell"] for b in blocks if b.get("max_cell") is not None]
        if done:
            print(f"  {label}: median {statistics.median(done):.0f}s, max {max(done):.0f}s; "
                  f"longest cell {max(cells):.0f}s")
    return 1 if hung else 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
