"""The command line of the demo companies: ``kbcore demo`` and ``python -m kbcore.demo``.

One job: read the options, generate the company — the Russian one
(:func:`kbcore.demo.generator.generate`, ``--company ru``, the default) or the Bulgarian one
(:func:`kbcore.demo.bg.generate`, ``--company bg``) —, write its files
(:func:`kbcore.demo.files.write`) and say what was written.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from kbcore.demo.company import DEFAULTS
from kbcore.demo.files import write
from kbcore.demo.generator import generate
from kbcore.i18n import fmt_number, t, tn
from kbcore.paths import DEMO_DIRS

__all__ = ["main"]


def main(argv=None) -> int:
    """``python -m kbcore.demo [--company ru|bg] [--out DIR] [--clients N] [--seed S] …``.

    Options left out take the company's defaults (ru: 1 500 clients, 5 years to 2025-12-31,
    seed 2024, ``data/demo``; bg: 1 200 clients, 2021-01-01 … 2026-06-30, seed 2026,
    ``data/demo_bg``). For ``bg``, ``--years`` counts back from ``--end``.
    """
    p = argparse.ArgumentParser(prog="kbcore demo", description=t("demo.help"))
    p.add_argument("--company", choices=sorted(DEMO_DIRS), default="ru", help=t("demo.help.company"))
    p.add_argument("--out", default=None, help=t("demo.help.out"))
    p.add_argument("--clients", type=int, default=None, help=t("demo.help.clients"))
    p.add_argument("--years", type=int, default=None, help=t("demo.help.years"))
    p.add_argument("--seed", type=int, default=None, help=t("demo.help.seed"))
    p.add_argument("--end", default=None, help=t("demo.help.end"))
    args = p.parse_args(argv)
    out = args.out or str(DEMO_DIRS[args.company])
    if args.company == "bg":
        from kbcore.demo import bg

        d = bg.DEFAULTS
        end = args.end or d["end"]
        start = d["start"] if args.years is None else str(
            (pd.Timestamp(end) - pd.DateOffset(years=args.years) + pd.Timedelta(days=1)).date())
        tables = bg.generate(clients=args.clients or d["clients"],
                             seed=d["seed"] if args.seed is None else args.seed,
                             start=start, end=end)
        files = write(tables, out, profile=bg.BG)
    else:
        tables = generate(clients=args.clients or DEFAULTS["clients"],
                          years=args.years or DEFAULTS["years"],
                          seed=DEFAULTS["seed"] if args.seed is None else args.seed,
                          end=args.end or DEFAULTS["end"])
        files = write(tables, out)
    size = sum(f.stat().st_size for f in files)
    print(t("demo.written.counted", files=tn("demo.count.files", len(files)), folder=out,
            lines=tn("demo.count.lines", len(tables["sales"])),
            clients=tn("ui.count.clients", len(tables["clients"])), mb=fmt_number(size / 1e6, digits=1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
