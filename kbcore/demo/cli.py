"""The command line of the demo company: ``kbcore demo`` and ``python -m kbcore.demo``.

One job: read the options, generate the company (:func:`kbcore.demo.generator.generate`),
write its files (:func:`kbcore.demo.files.write`) and say what was written.
"""

from __future__ import annotations

import argparse
import sys

from kbcore.demo.company import DEFAULTS
from kbcore.demo.files import write
from kbcore.demo.generator import generate
from kbcore.i18n import fmt_number, t, tn
from kbcore.paths import DEMO_DIR

__all__ = ["main"]


def main(argv=None) -> int:
    """``python -m kbcore.demo --out DIR [--clients N] [--years Y] [--seed S]``."""
    p = argparse.ArgumentParser(prog="kbcore demo", description=t("demo.help"))
    p.add_argument("--out", default=str(DEMO_DIR), help=t("demo.help.out"))
    p.add_argument("--clients", type=int, default=DEFAULTS["clients"], help=t("demo.help.clients"))
    p.add_argument("--years", type=int, default=DEFAULTS["years"], help=t("demo.help.years"))
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"], help=t("demo.help.seed"))
    p.add_argument("--end", default=DEFAULTS["end"], help=t("demo.help.end"))
    args = p.parse_args(argv)
    tables = generate(clients=args.clients, years=args.years, seed=args.seed, end=args.end)
    files = write(tables, args.out)
    size = sum(f.stat().st_size for f in files)
    print(t("demo.written.counted", files=tn("demo.count.files", len(files)), folder=args.out,
            lines=tn("demo.count.lines", len(tables["sales"])),
            clients=tn("ui.count.clients", len(tables["clients"])), mb=fmt_number(size / 1e6, digits=1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
