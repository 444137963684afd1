"""The ``kbcore`` command: validate company data, run every block, regenerate derived files.

    kbcore validate PATH [--mapping FILE] [--lang ru|bg]
    kbcore run [--data PATH] [--mapping FILE] [--lang ru|bg] [--out DIR] [--program kb|kpi]
    kbcore slides [--data PATH] [--lang ru|bg] [--out DIR] [--blocks 01 06] [--from-reports DIR]
    kbcore demo [--out DIR] [--clients N] [--years Y] [--seed S]
    kbcore build [--check]
    kbcore group FOLDER [--lang ru|bg] [--questionnaire ID …] [--out FILE]
    kbcore new-block PROGRAM NN name [--title TITLE]

Bad input ends in a clear message (what, where, what to do) and a non-zero exit code,
never in a traceback. What ``validate`` and ``run`` print for a person is in ``--lang``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kbcore import demo
from kbcore.app.group import group_report
from kbcore.app.runner import run
from kbcore.app.slides import SlidesError, build_slides
from kbcore.errors import KBDataError
from kbcore.i18n import LANGS, t, tn
from kbcore.ingest.dataset import validate
from kbcore.workbook.build import build
from kbcore.workbook.generate import ExerciseMarkerError
from kbcore.workbook.scaffold import ScaffoldError, block, new_block, next_steps

__all__ = ["main"]


def _cmd_validate(args) -> int:

    code, text = validate(args.path, mapping=args.mapping, lang=args.lang)
    print(text)
    return code


def _cmd_run(args) -> int:

    lang = args.lang
    result = run(args.data, args.mapping, lang=lang, out=args.out, progress=not args.quiet,
                 programs=args.program)
    index = Path(result.index).resolve()
    print(t("cli.run.ok" if result.ok else "cli.run.failed", lang, index=index))
    statuses = {"failed": "run.status.failed", "timed out": "run.status.timed_out"}
    for item in result.results:
        if item.status != "ok":
            status = t(statuses[item.status], lang) if item.status in statuses else item.status
            print(t("cli.run.block", lang, path=item.path, status=status, error=item.error),
                  file=sys.stderr)
    if not result.ok and not result.results:
        print(t("cli.run.data_error", lang), file=sys.stderr)
    return 0 if result.ok else 1


def _cmd_slides(args) -> int:

    lang = args.lang
    try:
        result = build_slides(args.data, args.mapping, lang=lang, out=args.out, blocks=args.blocks,
                              from_reports=args.from_reports, progress=not args.quiet)
    except SlidesError as err:
        print(err, file=sys.stderr)
        return 1
    print(t("slides.cli.done", lang, index=Path(result.index).resolve()))
    for deck in result.decks:
        print(t("slides.cli.deck", lang, path=deck.path, slides=tn("slides.index.count", deck.count, lang)))
    for error in result.errors:
        print(error, file=sys.stderr)
    return 0 if result.ok else 1


def _cmd_demo(args) -> int:

    argv = ["--company", args.company]
    for opt in ("out", "clients", "years", "seed", "end"):
        if getattr(args, opt) is not None:
            argv += [f"--{opt}", str(getattr(args, opt))]
    return demo.main(argv) or 0


def _cmd_build(args) -> int:

    changed = build(check=args.check)
    if args.check:
        if changed:
            print("These derived files are stale; run `kbcore build` (or `make build`) and commit them:")
            for path in changed:
                print(f"  {path}")
            return 1
        print("All derived notebooks are up to date.")
        return 0
    for path in changed:
        print(f"wrote {path}")
    return 0


def _cmd_group(args) -> int:

    if not Path(args.folder).is_dir():
        print(t("cli.group.no_folder", args.lang, folder=args.folder), file=sys.stderr)
        return 2
    out, ids = group_report(args.folder, lang=args.lang, ids=args.questionnaire, out=args.out)
    print(t("cli.group.ok", args.lang, path=Path(out).resolve(), n=len(ids)))
    return 0


def _cmd_new_block(args) -> int:

    try:
        new = block(args.program, args.number, args.name, args.title)
        written = new_block(args.program, args.number, args.name, title=args.title)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 1
    print(next_steps(new, written))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kbcore", description="KB Workbook: customer-base analyses")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check company data and print the data-quality report")
    v.add_argument("path", help="a folder with one file per table, or a single sales file")
    v.add_argument("--mapping", help="YAML file mapping your headers to canonical columns")
    v.add_argument("--lang", default="en", choices=LANGS, help=t("cli.help.lang"))
    v.set_defaults(func=_cmd_validate)

    r = sub.add_parser("run", help="run every block notebook and write HTML reports")
    r.add_argument("--data", help="company data (folder or file); default: the demo company")
    r.add_argument("--mapping", help="YAML column mapping")
    r.add_argument("--lang", default="en", choices=LANGS, help=t("cli.help.lang"))
    r.add_argument("--out", default="reports", help="output folder (default: reports/)")
    r.add_argument("--program", action="append", choices=("kb", "kpi", "000", "004"),
                   help="the program whose blocks run (repeatable); default: the programs taught in "
                        "--lang (ru: kb, bg: kpi, en: both)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=_cmd_run)

    s = sub.add_parser("slides", help="make the trainer's slides: one reveal.js deck per block",
                       description="Run the block notebooks (or reuse a run's executed notebooks) and "
                                   "write one self-contained reveal.js deck per block and language, "
                                   "plus index.html. The decks open offline.")
    s.add_argument("--data", help="company data (folder or file); default: the demo company")
    s.add_argument("--mapping", help="YAML column mapping")
    s.add_argument("--lang", default="en", choices=LANGS, help=t("cli.help.lang"))
    s.add_argument("--out", default="slides", help="output folder (default: slides/)")
    s.add_argument("--blocks", nargs="+", metavar="NN", help="only these blocks, e.g. --blocks 01 06")
    s.add_argument("--from-reports", metavar="DIR",
                   help="reuse the executed notebooks of an earlier `kbcore run --out DIR`")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=_cmd_slides)

    d = sub.add_parser("demo", help="regenerate the demo company")
    d.add_argument("--company", choices=["ru", "bg"], default="ru",
                   help="ru: the Russian company (data/demo), bg: the Bulgarian one (data/demo_bg)")
    d.add_argument("--out", default=None, help="output folder (default: data/demo or data/demo_bg)")
    d.add_argument("--clients", type=int, default=None, help="default 1500 (ru), 1200 (bg)")
    d.add_argument("--years", type=int, default=None, help="default 5 (ru); bg: from 2021-01-01")
    d.add_argument("--seed", type=int, default=None, help="default 2024 (ru), 2026 (bg)")
    d.add_argument("--end", default=None, help="last day of the sales history (YYYY-MM-DD; "
                   "default 2025-12-31 ru, 2026-06-30 bg)")
    d.set_defaults(func=_cmd_demo)

    b = sub.add_parser("build", help="regenerate notebooks and exercises from their sources")
    b.add_argument("--check", action="store_true", help="change nothing; fail if anything is stale")
    b.set_defaults(func=_cmd_build)

    g = sub.add_parser("group", help="the trainer's view of a group's questionnaire answers, as one HTML page",
                       description="Read every participant's latest answer file in FOLDER (the notebook's "
                                   "saved answers, filled spreadsheet forms) and write an anonymous page: "
                                   "per questionnaire the spread of the answers and the questions where "
                                   "the group agrees least.")
    g.add_argument("folder", metavar="FOLDER", help="the folder holding the group's answer files")
    g.add_argument("--lang", default="en", choices=LANGS, help=t("cli.help.lang"))
    g.add_argument("--questionnaire", nargs="+", metavar="ID", help="only these questionnaires, e.g. kb_audit")
    g.add_argument("--out", help="the HTML file (default: FOLDER/group_<lang>.html)")
    g.set_defaults(func=_cmd_group)

    n = sub.add_parser("new-block", help="write the sources of a new block (never overwrites a file)",
                       description="Write the sources of a new block with one working example: its "
                                   "notebook, solutions, analysis, view, chart, texts, exercise answer "
                                   "and tests. Then run `kbcore build`.")
    n.add_argument("program", metavar="PROGRAM", help="kb (or 000) or kpi (or 004)")
    n.add_argument("number", metavar="NN", help="the block's number in the program, 1-99")
    n.add_argument("name", help="base name of the block's modules, e.g. client_audit")
    n.add_argument("--title", help="the block's English title (default: the name in words)")
    n.set_defaults(func=_cmd_new_block)
    return p


def main(argv=None) -> int:
    """Entry point of the ``kbcore`` command; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except KBDataError as err:
        lang = getattr(args, "lang", "en")
        text = err.bilingual() if lang in ("en", "ru") else err.message("en") + "\n\n" + err.message(lang)
        print(text, file=sys.stderr)
        return 2
    except ExerciseMarkerError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
