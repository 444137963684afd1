"""The trainer's slides: one reveal.js deck per block and language, made from the executed notebooks.

:func:`build_slides` (``kbcore slides``) executes the block notebooks of the run's language on the
company's data through :func:`kbcore.app.runner.run` (the same bounded waits, kernel configuration
and batch notebooks as ``kbcore run``, in a temporary folder), or reuses the executed notebooks
that a ``kbcore run --out DIR`` kept under ``DIR/notebooks/`` (``from_reports=DIR``). Then, per
block, it writes ``<out>/<program>/<lang>/<name>.html`` and ``<out>/index.html`` (every deck in
``<out>``, by language, with its title and number of slides).

What a deck holds (:func:`deck_from_notebook`):

* a **title slide**: the notebook's first heading, the company (the demo company in words, or the
  name of the data's folder) and the dates of its sales; the block's introduction goes into its
  speaker notes;
* one **slide per section** (a ``##`` heading of the notebook): the heading as the slide's title,
  ONE chart (the section's first figure) or, when the section has none, ONE table (its first
  table, cut to :data:`TABLE_ROWS` rows), and the **takeaway**: the first sentence of the
  paragraph the notebook marks as the takeaway (it starts with the bold lead
  ``slides.takeaway.lead``, "**What to do about it.**", or sits in a cell tagged ``takeaway``), else
  the first sentence of the section's text. Every other text of the section (paragraphs, text
  printed by its cells, discussion questions) goes into the slide's speaker notes
  (``<aside class="notes">``: the speaker view, key S);
* a section with no figure and no table is a text slide when the notebook marks a takeaway in it;
  otherwise its text goes into the notes of the slide before it (so the data-loading section's text
  ends up in the title slide's notes: the data-quality report is never a slide).

Never on a slide: code, cells tagged ``remove`` (and the parameters, generated and widget-note
cells), exercises and solutions (cells tagged ``exercise`` or ``solution``). Each deck is ONE
self-contained HTML file: reveal.js 5 (``templates/kbslides/static/reveal/``, MIT) and the charts
are inside it, the fonts are the system's: it opens from a USB stick with no network. HTML from
notebook outputs and texts passes through :func:`kbcore.app.runner.sanitize_html`.
"""

from __future__ import annotations

import base64
import html
import json
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import nbformat

import kbcore
from kbcore.app import runner
from kbcore.app.runner import (
    REMOVE_TAGS,
    WIDGET_NOTE_TAG,
    find_notebooks,
    joined_text,
    notebook_lang,
    program_of,
    run_programs,
    sanitize_html,
)
from kbcore.i18n import LANGS, check_lang, fmt_date, t, tn

__all__ = [
    "Slide",
    "Deck",
    "SlidesResult",
    "SlidesError",
    "build_slides",
    "deck_from_notebook",
    "render_deck",
    "write_index",
    "first_sentence",
    "cut_table",
]

TEMPLATES = Path(__file__).resolve().parent / "templates" / "kbslides"
"""The deck's and the index's templates, its style and script, and the vendored reveal.js."""
REVEAL = TEMPLATES / "static" / "reveal"
TABLE_ROWS = 8
"""Rows of a table on a slide; the rest are counted under it."""
TABLE_COLUMNS = 6
"""Columns of a table on a slide (wider, its text would be too small for the back of the room); the
others are counted under it."""
TAKEAWAY_TAG = "takeaway"
"""Tag of a markdown cell whose first paragraph is the takeaway of its section."""
NOT_ON_SLIDES = frozenset(REMOVE_TAGS | {WIDGET_NOTE_TAG, "exercise", "solution"})
"""Tags of cells that are neither on a slide nor in the notes."""
NOTES_ONLY = frozenset({"discussion"})
"""Tags of markdown cells that go into the speaker notes whole (a question for the room)."""
_HEADING = re.compile(r"^(#{1,2})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


class SlidesError(Exception):
    """Slides cannot be made at all (no notebook, unusable data); the message is for the trainer."""


@dataclass
class Slide:
    """One slide: its title, at most one chart or one table, the takeaway and the speaker notes."""

    title: str
    figure: str = ""    # the chart as a data URI
    table: str = ""     # sanitized HTML of the table (cut to TABLE_ROWS rows)
    takeaway: str = ""  # sanitized inline HTML: one sentence
    notes: list[str] = field(default_factory=list)  # sanitized HTML fragments


@dataclass
class Deck:
    """The slides of one block in one language."""

    name: str                      # "kb/06_managing_the_base"
    lang: str                      # the notebook's language
    title: str                     # the notebook's first heading
    slides: list[Slide]            # after the title slide
    intro: list[str] = field(default_factory=list)  # notes of the title slide
    path: Path | None = None

    @property
    def count(self) -> int:
        """Slides of the deck, the title slide included."""
        return len(self.slides) + 1


@dataclass
class SlidesResult:
    """The outcome of :func:`build_slides`: ``ok`` when every block asked for has its deck."""

    ok: bool
    decks: list[Deck] = field(default_factory=list)
    index: Path | None = None
    errors: list[str] = field(default_factory=list)


# --- texts ---------------------------------------------------------------------------------------

_ABBREVIATIONS = {"см", "напр", "рис", "табл", "стр", "гг", "руб", "тыс", "млн", "млрд", "ок", "др",
                  "пр", "т", "e.g", "i.e", "etc", "vs", "cf", "fig", "no", "mr", "dr", "бр", "лв",
                  "вж", "т.е", "т.к", "т.д", "т.п"}
_BOUNDARY = re.compile(r"([.!?…])((?:\*{1,2}|_{1,2}|[»\"”)\]])*)(\s+)"
                       r"(?=(?:\*{1,2}|_{1,2}|[«\"“(\[])*[A-ZА-ЯЁ0-9])")


def first_sentence(text: str) -> tuple[str, str]:
    """``(first sentence, the rest)`` of a markdown paragraph.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and any closing quote, bracket or emphasis
    marker after it) followed by a space and a capital letter or digit; not after an initial
    ("В. Парето") or a common abbreviation ("т. е.", "e.g.").
    """
    text = " ".join(str(text).split())
    for match in _BOUNDARY.finditer(text):
        before = re.search(r"(\S+)$", text[:match.start(1)])
        word = re.sub(r"^[\W_]+", "", before.group(1)) if before else ""
        if word.lower() in _ABBREVIATIONS or not word or (len(word) == 1 and not re.match("[A-Z]", word)):
            continue  # "т. е.", "e.g.", an initial ("В. Парето"); a Latin capital is a class: "group A."
        return text[:match.end(2)], text[match.end(3):]
    return text, ""


def _plain_heading(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _markdown(text: str) -> str:
    """Sanitized HTML of a markdown text."""
    from nbconvert.filters import markdown2html_mistune

    return sanitize_html(markdown2html_mistune(text)).strip()


def _inline(text: str) -> str:
    """Sanitized inline HTML of one markdown sentence (no surrounding paragraph)."""
    rendered = _markdown(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.DOTALL)
    return match.group(1).strip() if match else rendered


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def _is_prose(paragraph: str) -> bool:
    """A paragraph of sentences (not a list, table, heading, quote or HTML block)."""
    first = paragraph.lstrip()
    return not re.match(r"(?:[-*+]\s|\d+[.)]\s|\||#|>|<|```|~~~|\$\$)", first)


def _lead(paragraph: str, lead: str) -> tuple[str, str] | None:
    """``(the bold lead, the text after it)`` when the paragraph starts with ``lead``, else None."""
    match = re.match(r"\s*\*\*(.+?)\*\*\s*", paragraph, re.DOTALL)
    if not match:
        return None
    norm = lambda s: " ".join(s.strip().rstrip(".:").split()).casefold()  # noqa: E731
    if norm(match.group(1)) != norm(lead):
        return None
    return paragraph[:match.end()].strip(), paragraph[match.end():]


# --- notebook outputs ----------------------------------------------------------------------------

def _figure(output) -> str:
    data = output.get("data", {}) if output.get("output_type") in ("display_data", "execute_result") else {}
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            return f"data:{mime};base64," + re.sub(r"\s", "", joined_text(data[mime]))
    return ""


def _table_html(output) -> str:
    """The output's HTML when it holds a table that may go on a slide (not the data-quality report)."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return ""
    fragment = joined_text(output.get("data", {}).get("text/html", ""))
    if "<table" not in fragment.lower() or "kb-quality" in fragment:
        return ""
    return fragment


def _cut_columns(table: str, columns: int) -> tuple[str, int]:
    """``table`` with its first ``columns`` cells in every row, and how many columns were left out."""
    widest = 0

    def keep(row: re.Match) -> str:
        nonlocal widest
        text = row.group(0)
        cells = list(re.finditer(r"<(td|th)\b.*?</\1>", text, re.DOTALL))
        widest = max(widest, len(cells))
        if len(cells) <= columns:
            return text
        return text[:cells[columns - 1].end()] + text[cells[-1].end():]

    out = re.sub(r"<tr\b.*?</tr>", keep, table, flags=re.DOTALL)
    return out, max(widest - columns, 0)


def cut_table(fragment: str, lang: str = "en", rows: int = TABLE_ROWS, columns: int = TABLE_COLUMNS) -> str:
    """The first table of an HTML fragment (with its styles), sanitized, cut to ``rows`` × ``columns``.

    When rows or columns are cut, a line under the table counts them (``slides.table.more``,
    ``slides.table.more_columns``).
    """
    clean = sanitize_html(fragment)
    styles = "".join(re.findall(r"<style>.*?</style>", clean, re.DOTALL))
    match = re.search(r"<table\b.*?</table>", clean, re.DOTALL)
    if not match:
        return ""
    table = match.group(0)
    more = ""
    body = re.search(r"(<tbody\b[^>]*>)(.*?)(</tbody>)", table, re.DOTALL)
    if body:
        found = re.findall(r"<tr\b.*?</tr>", body.group(2), re.DOTALL)
        if len(found) > rows:
            table = table[:body.start(2)] + "".join(found[:rows]) + table[body.end(2):]
            more = tn("slides.table.more", len(found) - rows, lang)
    table, hidden = _cut_columns(table, columns)
    if hidden:
        more = "; ".join(filter(None, [more, tn("slides.table.more_columns", hidden, lang)]))
    more = f'<p class="kb-more">{html.escape(more)}</p>' if more else ""
    return styles + table + more


_PATH = re.compile(r"(?:[A-Za-z]:\\|/)[\w.-]+[/\\]")
_LABEL = re.compile(r"\s*\*\*[^*]+\*\*\s*")


def _output_notes(output) -> str:
    """What an output adds to the speaker notes: its text (markdown or printed), else nothing.

    Left out: a printed line naming a file (where a run wrote something: a temporary folder) and a
    bold line alone (the label of a table that is not on the slide).
    """
    kind = output.get("output_type")
    if kind == "stream" and output.get("name") == "stdout":
        text = joined_text(output.get("text", "")).strip()
        return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()
                       if line.strip() and not _PATH.search(line))
    if kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        if "text/markdown" in data and "text/html" not in data:
            text = joined_text(data["text/markdown"])
            return "" if _LABEL.fullmatch(text) else _markdown(text)
    return ""


# --- sections ------------------------------------------------------------------------------------

@dataclass
class _Section:
    heading: str
    items: list = field(default_factory=list)  # ("md", text, tags) | ("note", text) | ("out", output)


def _sections(nb) -> tuple[str, _Section, list[_Section]]:
    """(the notebook's title, what comes before the first section, the ``##`` sections)."""
    title, intro, sections = "", _Section(""), []
    current = intro
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []) or [])
        if tags & NOT_ON_SLIDES:
            continue
        if cell.cell_type == "markdown":
            if tags & NOTES_ONLY:
                current.items.append(("note", cell.source))
                continue
            chunk, fenced = [], False
            for line in [*cell.source.splitlines(), None]:
                if line is not None and _FENCE.match(line):
                    fenced = not fenced
                match = None if fenced or line is None else _HEADING.match(line)
                if line is not None and not match:
                    chunk.append(line)
                    continue
                if "".join(chunk).strip():  # the text before this heading, or the cell's last
                    current.items.append(("md", "\n".join(chunk), tags))
                chunk = []
                if match and (len(match.group(1)) == 2 or title):
                    current = _Section(_plain_heading(match.group(2)))
                    sections.append(current)
                elif match:
                    title = _plain_heading(match.group(2))
        elif cell.cell_type == "code":
            current.items.extend(("out", output) for output in cell.get("outputs", []))
    return title, intro, sections


def _takeaway(section: _Section, lead: str):
    """``(item index, paragraph index, the takeaway, what is left of its paragraph, marked)``.

    The takeaway is markdown; what is left of its paragraph goes into the notes (the lead and the
    sentences after the takeaway).
    """
    for i, item in enumerate(section.items):
        if item[0] != "md":
            continue
        paragraphs = _paragraphs(item[1])
        if TAKEAWAY_TAG in item[2] and paragraphs:
            return i, 0, " ".join(paragraphs[0].split()), "", True
        for j, paragraph in enumerate(paragraphs):
            marked = _lead(paragraph, lead)
            if marked is not None and marked[1].strip():
                sentence, rest = first_sentence(marked[1])
                return i, j, sentence, f"{marked[0]} {rest}" if rest else "", True
    for i, item in enumerate(section.items):
        if item[0] != "md":
            continue
        for j, paragraph in enumerate(_paragraphs(item[1])):
            if _is_prose(paragraph) and not re.match(r"\s*\*\*", paragraph):  # not a labelled paragraph
                sentence, rest = first_sentence(paragraph)
                return i, j, sentence, rest, False
    return None


def _notes(section: _Section, takeaway, skip_output=None) -> list[str]:
    notes = []
    for i, item in enumerate(section.items):
        if item[0] == "md":
            paragraphs = _paragraphs(item[1])
            if takeaway and takeaway[0] == i:
                paragraphs[takeaway[1]] = takeaway[3]
            text = "\n\n".join(p for p in paragraphs if p.strip())
            if text.strip():
                notes.append(_markdown(text))
        elif item[0] == "note":
            notes.append(_markdown(item[1]))
        elif item[1] is not skip_output:
            text = _output_notes(item[1])
            if text:
                notes.append(text)
    return [n for n in notes if n]


def deck_from_notebook(nb, name: str, lang: str) -> Deck:
    """The deck of one executed notebook ``nb`` (its texts in ``lang``): see the module docstring."""
    lang = check_lang(lang)
    title, intro, sections = _sections(nb)
    lead = t("slides.takeaway.lead", lang)
    slides: list[Slide] = []
    notes_before = _notes(intro, None)
    for section in sections:
        outputs = [item[1] for item in section.items if item[0] == "out"]
        figure_output = next((o for o in outputs if _figure(o)), None)
        table_output = None if figure_output is not None else next(
            (o for o in outputs if _table_html(o)), None)
        table = cut_table(_table_html(table_output), lang) if table_output is not None else ""
        takeaway = _takeaway(section, lead)
        shown = figure_output is not None or bool(table)
        if not shown and not (takeaway and takeaway[4]):
            target = slides[-1].notes if slides else notes_before
            target.append(f"<p><b>{html.escape(section.heading)}</b></p>")
            target.extend(_notes(section, None))
            continue
        slides.append(Slide(title=section.heading,
                            figure=_figure(figure_output) if figure_output is not None else "",
                            table=table,
                            takeaway=_inline(takeaway[2]) if takeaway else "",
                            notes=_notes(section, takeaway, figure_output or table_output)))
    return Deck(name=name, lang=lang, title=title or name, slides=slides, intro=notes_before)


# --- HTML ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """reveal.js, its style, the theme (without its web font) and the notes plugin, as text."""
    def read(path: Path) -> str:
        return path.read_text(encoding="utf-8")

    def script(path: Path) -> str:
        text = re.sub(r"^//# sourceMappingURL=.*$", "", read(path), flags=re.MULTILINE)
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    theme = re.sub(r"^@import url\([^)]*\);\s*$", "", read(REVEAL / "theme" / "white.css"), flags=re.MULTILINE)
    return {"reveal_css": read(REVEAL / "reveal.css"), "theme_css": theme,
            "deck_css": read(TEMPLATES / "deck.css"), "deck_js": read(TEMPLATES / "deck.js"),
            "reveal_js": script(REVEAL / "reveal.js"), "notes_js": script(REVEAL / "plugin" / "notes" / "notes.js")}


def _env():
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)


def render_deck(deck: Deck, *, company: str = "", period: str = "") -> str:
    """The deck as one self-contained HTML page (scripts, styles and charts inside it)."""
    return _env().get_template("deck.html.j2").render(
        deck=deck, company=company, period=period, version=kbcore.__version__, **_assets())


def _deck_info(path: Path) -> tuple[str, int]:
    """(title, slides) of a deck written by :func:`render_deck`."""
    text = path.read_text(encoding="utf-8", errors="replace")[:4000]
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
    count = re.search(r'<meta name="kbcore-slides" content="(\d+)"', text)
    return (html.unescape(title.group(1).strip()) if title else path.stem,
            int(count.group(1)) if count else 0)


def write_index(out: Path, lang: str = "en") -> Path:
    """``<out>/index.html``: every deck under ``<out>`` (``<program>/<lang>/<name>.html``), by language."""
    out = Path(out)
    groups = []
    for deck_lang in [lang, *(x for x in LANGS if x != lang)]:
        decks = []
        for path in sorted(out.glob(f"*/{deck_lang}/*.html")):
            title, count = _deck_info(path)
            decks.append({"href": path.relative_to(out).as_posix(), "title": title,
                          "count": tn("slides.index.count", count, lang) if count else ""})
        if decks:
            groups.append({"label": t(f"slides.index.lang.{deck_lang}", lang), "lang": deck_lang,
                           "decks": decks})
    page = _env().get_template("index.html.j2").render(
        T=lambda key, **kw: t(key, lang, **kw), lang=lang, groups=groups,
        generated=t("slides.generated", lang, when=datetime.now().strftime("%Y-%m-%d %H:%M"),
                    version=kbcore.__version__))
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


# --- the data and the executed notebooks ---------------------------------------------------------

def _data_words(folder: Path, lang: str) -> tuple[str, str]:
    """(the company, the dates of its sales) in ``lang``, from a run's data cache; ``""`` if unknown."""
    try:
        meta = json.loads((folder / "kbcore-dataset.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ""
    source = meta.get("source")
    if source in (None, "demo"):
        company = t("slides.company.demo", lang)
    else:
        path = Path(str(source))
        company = t("slides.company", lang, name=(path.parent.name if path.suffix else path.name) or path.stem)
    period = ""
    try:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        sales = meta["tables"]["sales"]["file"]
        span = pc.min_max(pq.read_table(folder / sales, columns=["date"]).column("date")).as_py()
        if span["min"] is not None:
            period = t("slides.period", lang, first=fmt_date(span["min"], lang),
                       last=fmt_date(span["max"], lang))
    except Exception:  # noqa: BLE001 - the title slide goes without the dates
        period = ""
    return company, period


def _wanted(name: str, blocks) -> bool:
    if not blocks:
        return True
    stem = name.rsplit("/", 1)[-1]
    number = re.match(r"(\d+)", stem)
    return bool(number) and int(number.group(1)) in blocks


def _block_numbers(blocks) -> set[int]:
    numbers = set()
    for block in blocks or ():
        for part in re.split(r"[,\s]+", str(block)):
            if part:
                numbers.add(int(part))
    return numbers


def _statuses(folder: Path) -> dict[str, tuple[str, str | None]]:
    try:
        summary = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {b["name"]: (b.get("status", "ok"), b.get("error")) for b in summary.get("blocks", [])}


def _executed_lang(nb, default: str) -> str:
    lang = (nb.metadata.get("papermill", {}).get("parameters", {}) or {}).get("lang") \
        or nb.metadata.get("kbcore", {}).get("lang")
    return lang if lang in LANGS else default


def _failed(nb) -> bool:
    if nb.metadata.get("papermill", {}).get("exception"):
        return True
    return any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []))


def _from_reports(folder: Path, out: Path, lang: str, blocks: set[int], *,
                  check_lang: bool) -> SlidesResult:
    executed = sorted((p.relative_to(folder / "notebooks").with_suffix("").as_posix(), p)
                      for p in (folder / "notebooks").rglob("*.ipynb")
                      if not any(part.startswith(".") for part in p.parts))
    if not executed:
        raise SlidesError(t("slides.error.no_reports", lang, folder=folder))
    executed = [(name, path) for name, path in executed if _wanted(name, blocks)]
    if not executed:
        raise SlidesError(t("slides.error.no_blocks", lang, blocks=" ".join(map(str, sorted(blocks)))))
    expected = {}
    if check_lang:
        expected = {name: notebook_lang(path, lang) for path, name in find_notebooks(None, lang)}
    statuses = _statuses(folder)
    words: dict[str, tuple[str, str]] = {}
    decks, errors = [], []
    for name, path in executed:
        status, reason = statuses.get(name, ("ok", None))
        nb = nbformat.read(path, as_version=4)
        if status != "ok" or _failed(nb):
            errors.append(t("slides.error.block", lang, name=name, reason=reason or status))
            continue
        nb_lang = _executed_lang(nb, lang)
        if name in expected and nb_lang != expected[name]:
            errors.append(t("slides.error.lang", lang, name=name, folder=folder, found=nb_lang,
                            wanted=expected[name]))
            continue
        if nb_lang not in words:
            words[nb_lang] = _data_words(folder / "_data", nb_lang)
        deck = deck_from_notebook(nb, name, nb_lang)
        program, _, stem = name.rpartition("/")
        deck.path = out / (program or ".") / nb_lang / f"{stem}.html"
        deck.path.parent.mkdir(parents=True, exist_ok=True)
        company, period = words[nb_lang]
        deck.path.write_text(render_deck(deck, company=company, period=period), encoding="utf-8")
        decks.append(deck)
    out.mkdir(parents=True, exist_ok=True)
    return SlidesResult(ok=not errors, decks=decks, index=write_index(out, lang), errors=errors)


def build_slides(data=None, mapping=None, *, lang: str = "en", out="slides", blocks=None,
                 from_reports=None, notebooks=None, progress: bool = True) -> SlidesResult:
    """Write one reveal.js deck per block and language, and ``<out>/index.html``.

    Parameters
    ----------
    data, mapping
        The company's data and column mapping, as for ``kbcore run`` (None: the demo company).
    lang : str
        ``"en"``, ``"ru"`` or ``"bg"``: the notebooks run in their variant in this language, and the
        index is in it; without ``notebooks``, the blocks of the programs taught in it (as
        :func:`kbcore.app.runner.run_programs`: ``ru`` program 000, ``bg`` 004, ``en`` both).
    out : str or Path
        Output folder: ``<program>/<lang>/<name>.html`` per block, and ``index.html``.
    blocks : iterable of str or int, optional
        Block numbers to make (``["01", "06"]``); default every block.
    from_reports : str or Path, optional
        The output folder of an earlier ``kbcore run``: its executed notebooks are used, nothing is
        run again. A block that failed there gets no deck; a block run in another language than
        ``lang`` asks for one gets none either (the message says what to run).
    notebooks : path or list of paths, optional
        The notebooks to run (as for :func:`kbcore.app.runner.run`); default every block notebook.
    progress : bool
        Say each step on the terminal (``kbcore run``'s progress).

    Raises
    ------
    SlidesError
        Nothing can be made: no notebook matches ``blocks``, ``from_reports`` holds no executed
        notebook, or the data cannot be used.
    """
    lang = check_lang(lang)
    out = Path(out).resolve()
    numbers = _block_numbers(blocks)
    if from_reports is not None:
        return _from_reports(Path(from_reports).resolve(), out, lang, numbers, check_lang=notebooks is None)
    programs = run_programs(lang) if notebooks is None else None  # as kbcore run: the programs taught in lang
    todo = [path for path, name in find_notebooks(notebooks, lang)
            if _wanted(name, numbers) and (programs is None or program_of(name) in programs)]
    if not todo:
        raise SlidesError(t("slides.error.no_blocks", lang, blocks=" ".join(map(str, blocks or ()))))
    with tempfile.TemporaryDirectory(prefix="kbcore-slides-") as tmp:
        result = runner.run(data, mapping, lang=lang, out=tmp, notebooks=todo, progress=progress)
        if result.data_error is not None:
            raise SlidesError(t("slides.error.data", lang) + "\n\n" + result.data_error)
        return _from_reports(Path(tmp), out, lang, numbers, check_lang=False)
