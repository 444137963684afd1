"""The analyst's run: every block notebook on the company's data, reports without code.

:func:`run` (``kbcore run``) does, in order:

1. load and validate the data ONCE (:func:`kbcore.ingest.dataset.load`; the demo company when no
   data is given) and save the canonical cache to ``<out>/_data/``. Data that cannot be used
   (a :class:`~kbcore.errors.KBDataError`, or a quality report with errors) stops here: the
   index shows why, no notebook runs, ``RunResult.ok`` is False;
2. execute every block notebook (sorted), each in its variant for the run's language
   (``notebooks/<program>/<lang>/…``; a program not written in that language runs in English, and
   the index says how many blocks did: :func:`find_notebooks`), with papermill in the notebook's
   own folder, with the parameters ``data=<cache>``, ``mapping=None``, ``lang=<its language>``, on the ``python3``
   kernel of this very interpreter (jupyter_client starts the ``python3`` kernelspec, whose
   command is ``python``, with ``sys.executable``), with a progress bar. A notebook that fails
   does not stop the others: its partial executed notebook and report are still written.
   **Widgets are not run:** every code cell tagged ``widget`` (the sliders, selectors and
   searches that only work in JupyterLab) is replaced, before papermill sees the notebook, by a
   note in the run's language saying so (:func:`batch_notebook`). A report cannot move a
   slider, and executing an ``ipywidgets.Output`` in a batch client is what left runs waiting
   (see :func:`batch_notebook`). **Every wait is bounded:** a cell may run
   :func:`cell_timeout_minutes` (5 min plus 1 min per started 100,000 sales lines); a block whose cell
   runs longer, or whose kernel dies, is marked ``timed out`` in the index with the cell, and the
   run goes on with the next block;
3. write ``<out>/notebooks/<program>/<name>.ipynb`` (executed, for the analyst),
   ``<out>/<program>/<name>.html`` (for a manager: nbconvert's HTML with ``exclude_input``,
   ``exclude_input_prompt`` and ``exclude_output_prompt``, i.e. no code and no ``In [ ]``;
   cells tagged ``remove``, the parameters cells, papermill's error banners, stderr,
   tracebacks and scripts left out) and ``<out>/index.html``: the data, its quality report,
   every block with its status (``ok``, ``failed`` or ``timed out``, with the reason), its key
   figures (the output of the cell tagged ``key-figures``) and links;
4. link the client table for the CRM (``<out>/crm/``: client id, name, ABC, XYZ, RFM segment,
   lifecycle stage, next action, and the key-account columns of blocks 7 and 10, as CSV and
   XLSX; :mod:`kbcore.app.crm`) from the index. Block
   6's notebook writes it from the classes it has computed: every notebook whose parameters
   cell declares ``crm_folder`` gets ``crm_folder=<out>/crm`` (:func:`notebook_parameters`),
   and after the run :func:`collect_crm` checks that the files are there. If they are not (the
   block failed, or no notebook of the run writes them), the index says why and
   ``RunResult.ok`` is False. Program 004's table (``kpi_clients_for_crm``) is written the same
   way by each of its topics 1–5, each adding its columns (:func:`kbcore.app.crm.update_kpi_crm`);
   the tables and parts an earlier run left for the run's programs are removed first.

It also writes ``<out>/run.json``, the same outcome for programs: the number of sales lines, the
cell timeout in minutes, and per block its name, status, reason and seconds (``tests/stress_run.py``
reads it).

Everything that comes from data is escaped (Jinja2 autoescape); HTML fragments that come from
notebook outputs pass through a whitelist sanitizer (:func:`sanitize_html`) so that no script
from input can ever run. Apart from the timestamp and the timings, two runs on the same data
write the same index.
"""

from __future__ import annotations

import copy
import html
import json
import math
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from traitlets.config import Config

import kbcore
from kbcore.app.crm import CRM_BASENAME, KPI_CRM_BASENAME, PARTS_FOLDER
from kbcore.errors import KBDataError
from kbcore.i18n import LANGS, check_lang, fmt_date, fmt_number, t, tn
from kbcore.ingest.dataset import load
from kbcore.ingest.quality import table_name
from kbcore.paths import PROJECT_DIR
from kbcore.workbook.scaffold import PROGRAMS

__all__ = [
    "NotebookResult",
    "RunResult",
    "run",
    "find_notebooks",
    "notebook_lang",
    "batch_notebook",
    "cell_timeout_minutes",
    "notebook_parameters",
    "collect_crm",
    "declares",
    "load_dataset",
    "export_html",
    "key_figures_html",
    "joined_text",
    "sanitize_html",
]

KERNEL_NAME = "python3"
KEY_FIGURES_TAG = "key-figures"
WIDGET_TAG = "widget"
"""Tag of a code cell that builds an interactive control (ipywidgets): never run by ``kbcore run``."""
WIDGET_NOTE_TAG = "widget-note"
"""Tag of the note that takes a widget cell's place in a batch run."""
_TEMPLATES = Path(__file__).resolve().parent / "templates"
"""nbconvert templates of the reports (``kbreport``: the lab page without scripts)."""
REMOVE_TAGS = {"remove", "parameters", "injected-parameters", "papermill-error-cell-tag", "generated"}
_INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def load_dataset(data=None, mapping=None, progress=None, demo="ru"):
    """Load and validate company data (the demo company ``demo`` when ``data`` is None).

    A thin seam over :func:`kbcore.ingest.dataset.load` (tests may replace it); ``progress`` is
    called with each table's name before it is read.
    """
    return load(data, mapping, progress=progress, demo=demo)


CRM_BASENAMES = {"kb": CRM_BASENAME, "kpi": KPI_CRM_BASENAME}
"""The client table for the CRM of each program that writes one (block 6 of 000 writes
``clients_for_crm``; topics 1–5 of 004 each add their columns to ``kpi_clients_for_crm``)."""
CRM_PROGRAMS = tuple(CRM_BASENAMES)
"""The programs whose blocks write a CRM client table: a run of only other programs' blocks expects none."""


def run_programs(lang: str) -> tuple[str, ...]:
    """The programs a run in ``lang`` covers by default: those whose workbooks exist in it.

    ``ru``: ``kb`` (000); ``bg``: ``kpi`` (004); ``en``: both.
    """
    return tuple(folder for folder, program in PROGRAMS.items() if lang in program.langs)


def program_of(name: str) -> str:
    """The program folder of a notebook's run name (``"kpi/01_market_potential"`` → ``"kpi"``)."""
    return name.split("/", 1)[0]


def demo_company(name: str) -> str:
    """The demo company a notebook runs on when the run is given no data (000: ru, 004: bg)."""
    program = PROGRAMS.get(program_of(name))
    return program.demo if program is not None else "ru"


class _Steps:
    """What ``kbcore run`` says on the terminal while it works: each long step and its time.

    Reading the data, saving it for the blocks and each block are announced when they start and
    timed when they end (one line each, on stderr), so that a run of an hour on a big company is
    never silent. Silent when ``enabled`` is False.
    """

    def __init__(self, lang: str, enabled: bool):
        self.lang, self.enabled, self.start = lang, enabled, time.perf_counter()

    def say(self, key: str, count=None, **fields) -> None:
        """Print the text ``key`` (a counting text agreeing with ``count`` when one is given)."""
        if self.enabled:
            text = t(key, self.lang, **fields) if count is None else tn(key, count, self.lang, **fields)
            print(text, file=sys.stderr, flush=True)

    def begin(self, key: str, **fields) -> None:
        self.start = time.perf_counter()
        self.say(key, **fields)

    def done(self, key: str, count=None, **fields) -> None:
        self.say(key, count, seconds=_duration(time.perf_counter() - self.start, self.lang), **fields)


def _duration(seconds: float, lang: str) -> str:
    """``"42 s"`` or ``"3 min 05 s"`` in ``lang``."""
    whole = round(seconds)
    if whole < 60:
        return t("run.seconds", lang, seconds=whole)
    return t("run.step.minutes", lang, minutes=whole // 60, seconds=f"{whole % 60:02d}")


TIMEOUT_BASE_MINUTES = 5
"""Minutes any notebook cell may run in ``kbcore run``, whatever the size of the data."""
TIMEOUT_MINUTES_PER_MILLION_LINES = 10
"""Further minutes a cell may run per million sales lines."""
KERNEL_START_TIMEOUT = 120
"""Seconds a notebook's kernel may take to start and answer."""
IOPUB_TIMEOUT = 60
"""Seconds the last outputs of a cell may arrive after its reply (nbclient's default is 4 s)."""


def kernel_config() -> Config:
    """The configuration of every notebook kernel kbcore starts (papermill's ``config=``).

    Its channels are encrypted (CurveZMQ) when the kernel supports it, as ipykernel ≥ 7.3
    does: the company's figures never travel as plain text, even on the loopback, and the
    kernel does not warn that they do. Kernels without the support run as before.
    """
    return Config({"KernelManager": {"transport_encryption": "auto"}})


def cell_timeout_minutes(sales_lines: int) -> int:
    """Minutes one notebook cell may run in ``kbcore run`` on a company of ``sales_lines`` lines.

    ``TIMEOUT_BASE_MINUTES + TIMEOUT_MINUTES_PER_MILLION_LINES * sales_lines / 1e6``, rounded up to
    whole minutes (5 min plus one per started 100,000 lines): 6 min for a small company, 7 min for
    the demo company (about 137,000 lines), 15 min for a million lines, 55 min for five million. The
    heaviest cell takes seconds (block 6's analyses together take 18 s on a million lines, README
    benchmark), so a cell that needs the bound is stuck, not slow; the block is then marked
    ``timed out`` and the run goes on.
    """
    lines = max(0, int(sales_lines or 0))
    return math.ceil(TIMEOUT_BASE_MINUTES + TIMEOUT_MINUTES_PER_MILLION_LINES * lines / 1_000_000)

CRM_FOLDER = "crm"
"""Subfolder of the run's output that holds the client table for the CRM."""


CRM_PARAMETER = "crm_folder"
"""The parameter of the notebook that writes the CRM table (block 6): where to write it."""


def declares(path: Path, parameter: str) -> bool:
    """True when the notebook's cell tagged ``parameters`` assigns ``parameter``."""
    nb = nbformat.read(path, as_version=4)
    pattern = re.compile(rf"^{re.escape(parameter)}\s*=", re.MULTILINE)
    return any(cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", [])
               and pattern.search(cell.source) for cell in nb.cells)


def notebook_parameters(path: Path, parameters: dict, out: Path) -> dict:
    """The parameters of one notebook.

    The run's, plus ``crm_folder=<out>/crm`` for a notebook that declares ``crm_folder`` (block 6
    writes the CRM table there; the others are not given a parameter they do not have).
    """
    if declares(path, CRM_PARAMETER):
        return {**parameters, CRM_PARAMETER: str(out / CRM_FOLDER)}
    return parameters


def collect_crm(folder: Path, writers: list[str], lang: str = "en",
                programs=()) -> tuple[list[Path], str | None]:
    """The CRM files the run's notebooks wrote into ``folder`` (CSV and XLSX), and why not.

    ``writers`` are the names of the notebooks of the run that were given ``crm_folder``;
    ``programs`` the run's programs that write a CRM table (:data:`CRM_PROGRAMS`) — each is
    expected to have written its table (:data:`CRM_BASENAMES`; a writer of another program writes
    ``clients_for_crm``). Returns ``(files, None)`` when every expected table is there, else the
    files found and the reasons, one line per table: no notebook of the run writes it, or the ones
    that should have did not (they failed before it).
    """
    groups: dict[str, list[str]] = {}
    for name in writers:
        groups.setdefault(program_of(name), []).append(name)
    for program in programs:
        if program in CRM_BASENAMES:
            groups.setdefault(program, [])
    if not groups:
        return [], t("run.crm.not_run", lang)
    files, reasons = [], []
    for program, names in groups.items():
        pair = [folder / f"{CRM_BASENAMES.get(program, CRM_BASENAME)}{suffix}" for suffix in (".csv", ".xlsx")]
        if names and all(f.is_file() for f in pair):
            files += pair
        elif not names:
            reasons.append(t("run.crm.not_run" + ("" if program == "kb" else f".{program}"), lang))
        else:
            reasons.append(t("run.crm.missing", lang, notebooks=", ".join(names)))
    return files, "\n".join(reasons) or None


def _clear_crm(folder: Path, programs) -> None:
    """Remove the CRM tables (and program 004's parts) an earlier run left for ``programs``.

    A table found after the run is then this run's: a stale one cannot pass for it, and a part
    of program 004 computed on other data cannot join the new table.
    """
    for program in programs:
        if program not in CRM_BASENAMES:
            continue
        for suffix in (".csv", ".xlsx"):
            (folder / f"{CRM_BASENAMES[program]}{suffix}").unlink(missing_ok=True)
        if program == "kpi" and (folder / PARTS_FOLDER).is_dir():
            for part in (folder / PARTS_FOLDER).glob("*.parquet"):
                part.unlink()


@dataclass
class NotebookResult:
    """How one notebook ran."""

    path: Path                 # the notebook that was run
    name: str                  # "kb/01_main_errors"
    title: str                 # the notebook's first heading
    status: str                # "ok", "failed" or "timed out" (a cell ran too long or the kernel died)
    error: str | None = None   # first line of the error when failed; what timed out, and where
    seconds: float = 0.0
    executed: Path | None = None   # the executed notebook
    html: Path | None = None       # the report (code hidden)
    key_figures: str = ""          # sanitized HTML fragment of the key-figures cell's output


@dataclass
class RunResult:
    """The outcome of :func:`run`: ``ok`` is True when the data was usable and every notebook ran."""

    ok: bool
    results: list[NotebookResult] = field(default_factory=list)
    index: Path | None = None
    out: Path | None = None
    data_error: str | None = None
    crm_files: list[Path] = field(default_factory=list)
    crm_error: str | None = None   # first line of the error when the CRM table could not be written


# --- HTML sanitizing -----------------------------------------------------------------------------

_ALLOWED_TAGS = {
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "p", "div", "span", "b", "strong", "i", "em", "u", "small", "sub", "sup", "br", "hr",
    "ul", "ol", "li", "dl", "dt", "dd", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
    "details", "summary", "blockquote", "abbr", "a", "img", "style",
}
_VOID_TAGS = {"br", "hr", "col", "img"}
_DROP_CONTENT = {"script", "iframe", "object", "embed", "template", "noscript", "textarea",
                 "select", "svg", "math", "head", "title", "frame", "frameset", "applet"}
_ALLOWED_ATTRS = {"class", "id", "colspan", "rowspan", "title", "align", "scope", "href", "src",
                  "alt", "width", "height"}
_SAFE_HREF = re.compile(r"^(https?://|#|[\w./-]+$)", re.IGNORECASE)
_SAFE_SRC = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]+$", re.IGNORECASE)


class _Sanitizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropping = 0

    def _attrs(self, tag, attrs) -> str:
        kept = []
        for name, value in attrs:
            name = name.lower()
            if name not in _ALLOWED_ATTRS or name.startswith("on"):
                continue
            value = value or ""
            if name == "href" and (tag != "a" or not _SAFE_HREF.match(value.strip())):
                continue
            if name == "src" and (tag != "img" or not _SAFE_SRC.match(value.strip())):
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in _ALLOWED_TAGS:
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag not in _VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if not self.dropping and tag in _ALLOWED_TAGS and tag in _VOID_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.stack:
            return  # never close what the fragment did not open
        while self.stack:
            open_tag = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.dropping:
            return
        if self.stack and self.stack[-1] == "style":
            self.out.append(data.replace("<", ""))  # CSS, raw; it cannot close the style early
        else:
            self.out.append(html.escape(data, quote=False))

    def close(self):
        super().close()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")


def sanitize_html(fragment: str) -> str:
    """Keep only harmless markup of an HTML ``fragment``: tables, text formatting, CSS, images.

    Scripts, frames, event handlers, ``javascript:`` links and the like are removed (with their
    content); every text is escaped again; tags the fragment did not open are never closed, so it
    cannot break the page it is put into.
    """
    parser = _Sanitizer()
    parser.feed(str(fragment))
    parser.close()
    return "".join(parser.out)


# --- notebooks -----------------------------------------------------------------------------------

def _skip(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts)


def notebook_lang(path: Path, lang: str) -> str:
    """The language a notebook runs in: its own when it is a language variant, else the run's.

    A language variant sits in a folder named after its language (``notebooks/kb/ru/…``, written
    by ``kbcore build``); its prose is in that language, so its charts and tables are too.
    """
    return path.parent.name if path.parent.name in LANGS else lang


def find_notebooks(notebooks=None, lang: str = "en") -> list[tuple[Path, str]]:
    """The notebooks to run as ``(path, name)``, sorted; ``name`` is ``<program>/<stem>``.

    ``notebooks`` is None (the project's ``notebooks/`` folder), a folder (every ``*.ipynb``
    under it), a notebook file, or a list of these. Of the language variants of one notebook
    found in folders (``kb/ru/01_x.ipynb``, ``kb/en/01_x.ipynb``), the one in ``lang`` runs, or
    the English one when the notebook is not written in ``lang`` (:func:`notebook_lang` tells);
    a file given by name runs as it is.
    """
    items = [PROJECT_DIR / "notebooks"] if notebooks is None else (
        [notebooks] if isinstance(notebooks, str | os.PathLike) else list(notebooks))
    found: dict[Path, str] = {}
    for item in items:
        item = Path(item).resolve()
        if item.is_dir():
            variants: dict[str, dict[str, Path]] = {}
            for path in sorted(item.rglob("*.ipynb")):
                rel = path.relative_to(item)
                if _skip(rel):
                    continue
                if path.parent.name in LANGS and path.parent != item:
                    name = rel.parent.parent.joinpath(rel.stem).as_posix()
                    variants.setdefault(name, {})[path.parent.name] = path
                else:
                    found[path] = rel.with_suffix("").as_posix()
            for name, by_lang in variants.items():
                chosen = by_lang.get(lang) or by_lang.get("en") or by_lang[sorted(by_lang)[0]]
                found[chosen] = name
        elif item.is_file():
            parent = item.parent.parent if item.parent.name in LANGS else item.parent
            found[item] = f"{parent.name}/{item.stem}"
        else:
            raise FileNotFoundError(f"no notebook or folder {item}")
    return sorted(found.items(), key=lambda pair: pair[1])


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "generated" in cell.metadata.get("tags", []):
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return re.sub(r"[*_`]", "", line.lstrip("#")).strip()
        break
    return fallback


def _first_line(text) -> str:
    for line in str(text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def _error_text(ename, evalue) -> str:
    first = _first_line(evalue)
    return f"{ename}: {first}" if first else str(ename)


def key_figures_html(nb) -> str:
    """The sanitized output of the cell tagged ``key-figures`` (HTML, else plain text), or ``""``."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code" or KEY_FIGURES_TAG not in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                parts.append(sanitize_html(joined_text(data["text/html"])))
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(joined_text(data['text/plain']))}</pre>")
            elif output.get("output_type") == "stream" and output.get("name") == "stdout":
                parts.append(f"<pre>{html.escape(joined_text(output.get('text', '')))}</pre>")
    return "\n".join(parts)


def joined_text(value) -> str:
    """A notebook source or output text as one string (nbformat may keep it as a list of lines)."""
    return value if isinstance(value, str) else "".join(value)


def batch_notebook(nb, lang: str = "en"):
    """The notebook as ``kbcore run`` executes it: widgets are not run.

    A copy of ``nb`` in which every code cell tagged ``widget`` is replaced by a markdown cell
    tagged ``widget-note`` that says, in ``lang``, that the interactive controls of this step work
    in JupyterLab and that the report shows their default view (the chart or table the notebook
    draws next to them). Every other cell is kept as it is.

    Why: a report cannot move a slider, and running an ``ipywidgets.Output`` in a batch client can
    leave the run waiting. nbclient (papermill's engine) mimics an Output widget by sending a
    ``comm_msg`` to the kernel for every output captured inside it, and jupyter_client sends it
    raw on a blocking shadow of the asyncio shell socket (``Session.send``). When the cell's
    ``execute_reply`` has just reached that socket, the raw send consumes libzmq's edge-triggered
    wake-up, so the client's event loop never learns that the reply is there: kernel and client
    both sit idle until the cell timeout, when a last poll finds the reply (nbclient#312,
    jupyter_client#1059, voila#1428). We caught the reply sitting unread in the client's socket,
    with ipykernel 6.31 as with 7.4 (the README has the figures). Without widget cells no batch
    client ever sends on the shell socket while a cell runs.
    """
    batch = copy.deepcopy(nb)
    cells = []
    for cell in batch.cells:
        if cell.cell_type == "code" and WIDGET_TAG in cell.metadata.get("tags", []):
            note = nbformat.v4.new_markdown_cell(f"*{t('run.widget_note', lang)}*")
            note.metadata["tags"] = [WIDGET_NOTE_TAG]
            if cell.get("id"):
                note.id = f"{cell.id}-note"[:64]
            cells.append(note)
        else:
            cells.append(cell)
    batch.cells = cells
    return batch


def _report_notebook(nb, lang: str, executed_name: str, failed: bool, timed_out: str | None = None):
    """A copy of the executed notebook fit for a manager's report (see the module docstring).

    ``failed``: the run stopped at an error; ``timed_out``: why and where it stopped waiting.
    """
    from nbconvert.filters import markdown2html_mistune

    report = copy.deepcopy(nb)
    cells = []
    if timed_out:
        cells.append(nbformat.v4.new_markdown_cell(
            t("run.report.timed_out", lang, reason=timed_out, notebook=executed_name)))
    elif failed:
        note = nbformat.v4.new_markdown_cell(t("run.report.failed", lang, notebook=executed_name))
        cells.append(note)
    for cell in report.cells:
        if REMOVE_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                kind = output.get("output_type")
                if kind == "stream":
                    if output.get("name") == "stdout":
                        outputs.append(output)
                elif kind == "error":
                    text = t("run.report.error", lang, error=_error_text(output.get("ename"),
                                                                          output.get("evalue")))
                    outputs.append(nbformat.v4.new_output(
                        "display_data", data={"text/html": f'<div class="kb-error">{html.escape(text)}</div>',
                                              "text/plain": text}))
                elif kind in ("display_data", "execute_result"):
                    data = {}
                    source = output.get("data", {})
                    if "text/html" in source:
                        data["text/html"] = sanitize_html(joined_text(source["text/html"]))
                    elif "text/markdown" in source:
                        data["text/html"] = sanitize_html(markdown2html_mistune(joined_text(source["text/markdown"])))
                    for mime in ("image/png", "image/jpeg"):
                        if mime in source:
                            data[mime] = source[mime]
                    if "application/vnd.jupyter.widget-view+json" in source:
                        continue  # an interactive control: nothing to show on paper
                    if not data and "text/plain" in source:
                        data["text/plain"] = source["text/plain"]
                    if data:
                        new = nbformat.v4.new_output("display_data", data=data,
                                                     metadata=output.get("metadata", {}))
                        outputs.append(new)
            if not outputs:
                continue
            cell.outputs = outputs
        cells.append(cell)
    report.cells = cells
    return report


def export_html(nb, path: Path, *, title: str, lang: str = "en", executed_name: str = "",
                failed: bool = False, timed_out: str | None = None) -> Path:
    """Write the report of an executed notebook ``nb``: no code, no prompts, no script.

    nbconvert's ``lab`` page through our template ``kbreport`` (``kbcore/app/templates/``), which
    leaves out every script the lab page would load from a CDN: a report opens offline.

    ``failed`` puts a note at the top that the report is incomplete; ``timed_out`` (the reason,
    e.g. "timed out after 7 min in cell 12 (…)") puts that reason there instead.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="kbreport", extra_template_basedirs=[str(_TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(_report_notebook(nb, lang, executed_name, failed, timed_out),
                                          resources={"metadata": {"name": title}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


@contextmanager
def _kernel_environment():
    """Charts inline in the kernels even when the caller set ``MPLBACKEND=Agg`` (make, pytest)."""
    old = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = _INLINE_BACKEND
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = old


def _stopped_cell(nb) -> str:
    """The cell a papermill run stopped in, as ``"12 (first line of its code)"``, or ``""``.

    Papermill records a ``start_time`` on each cell it starts; the run stopped in the last cell
    that has one. The number counts the non-empty code cells, so it is the ``In [12]`` an analyst
    sees in the executed notebook.
    """
    number, found = 0, ""
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        number += 1
        if not cell.metadata.get("papermill", {}).get("start_time"):
            break
        lines = [line.strip() for line in cell.source.splitlines()
                 if line.strip() and not line.strip().startswith("#")]
        code = lines[0] if lines else ""
        code = code if len(code) <= 60 else code[:59] + "…"
        found = f"{number} ({code})" if code else str(number)
    return found


def _stopped_text(key: str, minutes: float, cell: str, lang: str) -> str:
    digits = 0 if float(minutes).is_integer() else 1
    return t(key, lang, minutes=fmt_number(minutes, lang, digits), cell=cell or "—")


def _run_one(path: Path, name: str, out: Path, parameters: dict, lang: str,
             timeout_minutes: float) -> NotebookResult:
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    executed = out / "notebooks" / f"{name}.ipynb"
    report = out / f"{name}.html"
    executed.parent.mkdir(parents=True, exist_ok=True)
    source_nb = nbformat.read(path, as_version=4)
    result = NotebookResult(path=path, name=name, title=_title(source_nb, name), status="ok")
    stopped = None  # the catalogue id of why the run stopped waiting, when it did
    start = time.perf_counter()
    try:
        with _kernel_environment(), tempfile.TemporaryDirectory(prefix="kbcore-run-") as tmp:
            batch = Path(tmp) / path.name
            nbformat.write(batch_notebook(source_nb, lang), batch)
            papermill.execute_notebook(str(batch), str(executed), parameters=parameters,
                                       cwd=str(path.parent), kernel_name=KERNEL_NAME,
                                       progress_bar=False, log_output=False,
                                       execution_timeout=round(timeout_minutes * 60),
                                       start_timeout=KERNEL_START_TIMEOUT,
                                       iopub_timeout=IOPUB_TIMEOUT,
                                       config=kernel_config())
    except PapermillExecutionError as err:
        result.status, result.error = "failed", _error_text(err.ename, err.evalue)
    except CellTimeoutError:
        stopped = "run.timeout"
    except DeadKernelError:
        stopped = "run.kernel_died"
    except Exception as err:  # noqa: BLE001 - a broken notebook, a kernel that did not start: next one
        result.status, result.error = "failed", _error_text(type(err).__name__, err)
    result.seconds = time.perf_counter() - start
    if executed.is_file():
        result.executed = executed
        nb = nbformat.read(executed, as_version=4)
        if nb.metadata.get("papermill", {}).get("input_path"):
            nb.metadata.papermill.input_path = str(path)  # the source, not the batch copy
            nbformat.write(nb, executed)
        if stopped:
            result.status, result.error = "timed out", _stopped_text(stopped, timeout_minutes,
                                                                     _stopped_cell(nb), lang)
        result.key_figures = key_figures_html(nb)
        rel_executed = Path(os.path.relpath(executed, out)).as_posix()
        try:
            result.html = export_html(nb, report, title=result.title, lang=lang,
                                      executed_name=rel_executed, failed=result.status != "ok",
                                      timed_out=result.error if result.status == "timed out" else None)
        except Exception as err:  # noqa: BLE001 - the analyst still has the executed notebook
            if result.status == "ok":
                result.status, result.error = "failed", _error_text(type(err).__name__, err)
    elif stopped:
        result.status, result.error = "timed out", _stopped_text(stopped, timeout_minutes, "", lang)
    return result


# --- the index -----------------------------------------------------------------------------------

_INDEX = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ T('run.title') }}</title>
<style>
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto; max-width: 72em;
       color: #222; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.7em; } h2 { font-size: 1.3em; margin-top: 1.6em; }
table.kb-runs { border-collapse: collapse; width: 100%; }
table.kb-runs th, table.kb-runs td { border-bottom: 1px solid #ddd; padding: .5em; vertical-align: top;
       text-align: left; }
.kb-ok { color: #1e8449; font-weight: bold; } .kb-failed { color: #c0392b; font-weight: bold; }
.kb-timeout { color: #b9770e; font-weight: bold; }
.kb-reason { color: #c0392b; font-size: .9em; white-space: pre-wrap; }
.kb-muted { color: #777; font-size: .9em; }
.kb-key table { border-collapse: collapse; font-size: .9em; }
.kb-key td, .kb-key th { padding: .15em .6em .15em 0; border: none; }
pre.kb-data-error { background: #fdf2f0; border-left: 4px solid #c0392b; padding: .8em; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>{{ T('run.title') }}</h1>
<p class="kb-muted">{{ generated }}</p>
<h2>{{ T('run.data') }}</h2>
<table class="kb-runs">
{% for label, value in data_rows %}<tr><th>{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>
{% if data_error %}
<p class="kb-failed">{{ T('run.data_error') }}</p>
<pre class="kb-data-error">{{ data_error }}</pre>
{% else %}
<h2>{{ T('run.blocks') }}</h2>
{% if not results %}<p>{{ T('run.no_notebooks') }}</p>{% else %}
<p class="{{ 'kb-ok' if failed == 0 else 'kb-failed' }}">{{ summary }}</p>
<table class="kb-runs">
<tr><th>{{ T('run.col.block') }}</th><th>{{ T('run.col.status') }}</th>
<th>{{ T('run.col.key_figures') }}</th><th>{{ T('run.col.links') }}</th></tr>
{% for r in results %}<tr>
<td><b>{{ r.title }}</b></td>
<td>{% if r.status == 'ok' %}<span class="kb-ok">{{ T('run.status.ok') }}</span>{% elif r.status == 'timed out' %}<span class="kb-timeout">{{ T('run.status.timed_out') }}</span><div class="kb-reason">{{ r.error }}</div>{% else %}<span class="kb-failed">{{ T('run.status.failed') }}</span><div class="kb-reason">{{ r.error }}</div>{% endif %}<div class="kb-muted">{{ seconds[loop.index0] }}</div></td>
<td class="kb-key">{% if r.key_figures %}{{ r.key_figures | safe }}{% else %}<span class="kb-muted">—</span>{% endif %}</td>
<td>{% if r.html %}<a href="{{ links[loop.index0][0] }}">{{ T('run.link.report') }}</a><br>{% endif %}{% if r.executed %}<a href="{{ links[loop.index0][1] }}">{{ T('run.link.notebook') }}</a>{% endif %}</td>
</tr>
{% endfor %}</table>
{% endif %}
<h2>{{ T('run.crm') }}</h2>
{% if crm_error %}<p class="kb-failed">{{ T('run.crm.failed') }}</p><div class="kb-reason">{{ crm_error }}</div>
{% endif %}{% for text, links in crm_groups %}<p>{{ text }}</p>
<ul>{% for href, label in links %}<li><a href="{{ href }}">{{ label }}</a></li>{% endfor %}</ul>
{% endfor %}
{% endif %}
{% if quality %}
<h2>{{ T('run.quality') }}</h2>
<div class="kb-quality">{{ quality | safe }}</div>
{% endif %}
</body>
</html>
"""


@dataclass
class _Loaded:
    """What the index says of the data: kept instead of the dataset while the blocks run.

    A run on ten million lines would otherwise hold gigabytes of sales lines in memory for the
    whole run, beside each block's kernel, only to print their count and dates.
    """

    source: str | None = None
    quality: object = None
    lines: int | None = None
    first: object = None
    last: object = None

    @classmethod
    def of(cls, dataset) -> _Loaded | None:
        if dataset is None:
            return None
        sales = getattr(dataset, "sales", None)
        dated = sales is not None and "date" in getattr(sales, "columns", []) and len(sales) > 0
        return cls(source=getattr(dataset, "source", None), quality=getattr(dataset, "quality", None),
                   lines=None if sales is None else len(sales),
                   first=sales["date"].min() if dated else None,
                   last=sales["date"].max() if dated else None)


def _data_rows(loaded: _Loaded | None, data, lang: str, company: str | None = None) -> list[tuple[str, str]]:
    demo = t("run.data.demo." + company, lang) if company else t("run.data.demo", lang)
    if loaded is None:
        source = demo if data is None else str(data)
        return [(t("run.data.source", lang), source)]
    source = loaded.source or data
    source = demo if source in (None, "demo") else str(source)
    rows = [(t("run.data.source", lang), source)]
    if loaded.lines is not None:
        rows.append((t("run.data.rows", lang), fmt_number(loaded.lines, lang)))
        if loaded.first is not None:
            rows.append((t("run.data.period", lang),
                         f"{fmt_date(loaded.first, lang)} – {fmt_date(loaded.last, lang)}"))
    return rows


def _crm_groups(out: Path, crm_files, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The CRM tables of the index: per table, what it holds and its links (CSV, XLSX)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for f in crm_files:
        key = "run.crm.kpi" if f.stem == KPI_CRM_BASENAME else "run.crm"
        groups.setdefault(key, []).append((Path(os.path.relpath(f, out)).as_posix(),
                                           t(f"{key}.file{f.suffix}", lang)))
    return [(t(f"{key}.text", lang), links) for key, links in groups.items()]


def _write_index(out: Path, *, lang: str, loaded: dict[str, _Loaded | None], data,
                 results: list[NotebookResult],
                 data_error: str | None, crm_files=(), crm_error: str | None = None,
                 other_lang: int = 0) -> Path:
    from jinja2 import Environment


    env = Environment(autoescape=True)
    template = env.from_string(_INDEX)
    failed = sum(r.status != "ok" for r in results)
    timed_out = sum(r.status == "timed out" for r in results)
    parts = []
    if failed - timed_out:
        parts.append(tn("run.summary.failed.count", failed - timed_out, lang, total=len(results)))
    if timed_out:
        parts.append(tn("run.summary.timed_out.count", timed_out, lang, total=len(results)))
    summary = " ".join(parts) or tn("run.summary.ok.count", len(results), lang)
    if other_lang:  # blocks of a program that is not written in the run's language
        summary += " " + tn("run.summary.other_lang", other_lang, lang)
    several = len(loaded) > 1
    quality = "".join(
        (f"<h3>{html.escape(t('run.data.demo.' + key, lang))}</h3>" if several else "")
        + sanitize_html(one.quality.to_html(lang))
        for key, one in loaded.items() if one is not None and one.quality is not None)
    data_rows = [row for key, one in loaded.items()
                 for row in _data_rows(one, data, lang, key if several else None)]
    links = [(Path(os.path.relpath(r.html, out)).as_posix() if r.html else "",
              Path(os.path.relpath(r.executed, out)).as_posix() if r.executed else "")
             for r in results]
    page = template.render(
        T=lambda key, **kw: t(key, lang, **kw),
        lang=lang,
        generated=t("run.generated", lang, when=datetime.now().strftime("%Y-%m-%d %H:%M"),
                    version=kbcore.__version__),
        data_rows=data_rows,
        data_error=data_error,
        results=results,
        failed=failed,
        summary=summary,
        seconds=[t("run.seconds", lang, seconds=fmt_number(r.seconds, lang, 1)) for r in results],
        links=links,
        crm_groups=_crm_groups(out, crm_files, lang),
        crm_error=crm_error,
        quality=quality,
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _write_summary(out: Path, *, ok: bool, sales_lines: int, cell_timeout: float,
                   results: list[NotebookResult], crm_error: str | None,
                   data_error: str | None = None) -> Path:
    summary = {
        "ok": ok,
        "data_error": data_error,
        "sales_lines": sales_lines,
        "cell_timeout_minutes": cell_timeout,
        "blocks": [{"name": r.name, "title": r.title, "status": r.status, "error": r.error,
                    "seconds": round(r.seconds, 1)} for r in results],
        "crm_error": crm_error,
    }
    path = out / "run.json"
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def run(data=None, mapping=None, *, lang: str = "en", out="reports", notebooks=None,
        progress: bool = True, cell_timeout: float | None = None,
        programs=None) -> RunResult:
    """Run every block notebook on the company's data and write reports without code.

    Parameters
    ----------
    data : str or Path, optional
        A folder (one file per table) or a sales file; None = the demo company of each program
        (program 000's blocks run on the Russian one, 004's on the Bulgarian one).
    mapping : str or Path, optional
        YAML column mapping for ``data``.
    lang : str
        ``"en"``, ``"ru"`` or ``"bg"``: language of the index and of the blocks (each runs in its
        variant in that language; a program not written in it runs in English).
    out : str or Path
        Output folder (created): ``index.html``, one report per notebook, the executed notebooks
        under ``notebooks/``, the client table for the CRM under ``crm/`` (CSV and XLSX, see
        :mod:`kbcore.app.crm`) and the canonical data cache under ``_data/`` (a second demo
        company's under ``_data_<company>/``).
    notebooks : path or list of paths, optional
        The notebooks to run (files or folders); default every block notebook under
        ``notebooks/`` of the run's programs, in its variant for ``lang``.
    progress : bool
        Say each step on the terminal (stderr) with its time: reading the data (table by table),
        saving it for the blocks, and each block (a progress bar over the blocks).
    cell_timeout : float, optional
        Minutes one cell may run; default :func:`cell_timeout_minutes` of the data's sales lines.
    programs : sequence of str, optional
        The programs whose blocks run (``"kb"``/``"000"``, ``"kpi"``/``"004"``); default
        :func:`run_programs` of ``lang`` when ``notebooks`` is not given (every notebook given
        otherwise).

    Returns
    -------
    RunResult
        ``ok`` is False when the data cannot be used or any notebook failed or timed out.
    """
    from tqdm.auto import tqdm

    lang = check_lang(lang)
    out = Path(out).resolve()  # absolute: papermill changes the working folder while it runs
    out.mkdir(parents=True, exist_ok=True)
    todo = find_notebooks(notebooks, lang)
    wanted = None
    if programs is not None or notebooks is None:
        wanted = {{"000": "kb", "004": "kpi"}.get(str(p), str(p))
                  for p in (run_programs(lang) if programs is None else programs)}
        todo = [(path, name) for path, name in todo if program_of(name) in wanted]
    # the data of each notebook: the company's, or the demo company of its program
    company = (lambda name: "company") if data is not None else demo_company
    companies = list(dict.fromkeys(company(name) for _, name in todo)) or (
        ["company"] if data is not None else ["ru"])

    steps = _Steps(lang, progress)
    loaded: dict[str, _Loaded | None] = {}
    caches: dict[str, Path] = {}
    sales_lines = 0
    for key in companies:
        steps.begin("run.step.read")
        dataset, data_error = None, None
        try:
            dataset = load_dataset(data, mapping,
                                   progress=lambda table: steps.say("run.step.read_table",
                                                                   table=table_name(table, lang)),
                                   **({} if key in ("company", "ru") else {"demo": key}))
        except KBDataError as err:
            data_error = err.message(lang)
        if dataset is not None and getattr(dataset.quality, "ok", True) is False:
            data_error = dataset.quality.to_text(lang) if hasattr(dataset.quality, "to_text") else ""
            data_error = t("run.data_error.quality", lang) + ("\n\n" + data_error if data_error else "")
        loaded[key] = _Loaded.of(dataset)
        if data_error is not None:
            index = _write_index(out, lang=lang, loaded=loaded, data=data, results=[],
                                 data_error=data_error)
            _write_summary(out, ok=False, sales_lines=0, cell_timeout=0, results=[], crm_error=None,
                           data_error=data_error)
            return RunResult(ok=False, results=[], index=index, out=out, data_error=data_error)
        sales = getattr(dataset, "sales", None)
        lines = 0 if sales is None else len(sales)
        sales_lines = max(sales_lines, lines)
        steps.done("run.step.read_done.count", lines)
        steps.begin("run.step.save")
        folder = out / ("_data" if key == companies[0] else f"_data_{key}")
        caches[key] = Path(dataset.save(folder) or folder).resolve()
        steps.done("run.step.save_done")
        del dataset, sales  # the blocks read the saved data; the lines need not stay in memory
    if cell_timeout is None:
        cell_timeout = cell_timeout_minutes(sales_lines)
    _clear_crm(out / CRM_FOLDER, {program_of(name) for _, name in todo})
    results = []
    bar = tqdm(todo, desc=t("run.progress", lang), unit="nb", disable=not progress)
    for path, name in bar:
        bar.set_postfix_str(name)
        nb_lang = notebook_lang(path, lang)
        parameters = {"data": str(caches[company(name)]), "mapping": None, "lang": nb_lang}
        result = _run_one(path, name, out, notebook_parameters(path, parameters, out), lang,
                          cell_timeout)
        results.append(result)
        if progress:
            bar.write(t("run.step.block_done", lang, name=name, status=t("run.status." + result.status.replace(" ", "_"), lang),
                        seconds=_duration(result.seconds, lang)), file=sys.stderr)
    bar.close()
    writers = [name for path, name in todo if declares(path, CRM_PARAMETER)]
    run_programs_ = {program_of(name) for _, name in todo} or set(wanted or run_programs(lang))
    expected = [p for p in CRM_PROGRAMS if p in run_programs_]
    if writers or expected:
        crm_files, crm_error = collect_crm(out / CRM_FOLDER, writers, lang, expected)
    else:  # no block of the run's programs writes a CRM table: nothing is missing
        crm_files, crm_error = [], None
    other = sum(notebook_lang(path, lang) != lang for path, _ in todo)
    index = _write_index(out, lang=lang, loaded=loaded, data=data, results=results, data_error=None,
                         crm_files=crm_files, crm_error=crm_error, other_lang=other)
    ok = all(r.status == "ok" for r in results) and crm_error is None
    _write_summary(out, ok=ok, sales_lines=sales_lines, cell_timeout=cell_timeout, results=results,
                   crm_error=crm_error)
    return RunResult(ok=ok, results=results, index=index, out=out, crm_files=crm_files,
                     crm_error=crm_error)
