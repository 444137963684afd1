"""Back to the CRM: the client table written for the import wizards of 1C, Bitrix24 or amoCRM.

The seminar's block 6 ends with «управление клиентской базой на принципах CRM» and «программное
обеспечение как инструмент автоматизации работы с КБ»: an analysis changes nothing until its
result is in the system the managers open every morning. The table itself is an analysis
(:func:`kbcore.analyses.crm.crm_table`: every client's ABC, XYZ, RFM segment, lifecycle stage
and next action, assembled from the results block 6's notebook has already computed) put in
words by :func:`kbcore.views.crm.crm_texts`; :func:`write_crm` writes it as
``clients_for_crm.csv`` and ``clients_for_crm.xlsx`` (match the columns once; the headers stay
the same from run to run). Block 6's notebook writes the files when its ``crm_folder``
parameter is set (``kbcore run`` sets it to ``<out>/crm``); :func:`crm_from_dataset` builds
the same table from a loaded company for one-off use.

Spreadsheet safety (OWASP "CSV Injection")
------------------------------------------
A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice or Google Sheets when the file is opened — a client name such as
``=HYPERLINK("http://evil","click")`` typed into a CRM card would become a live link or worse.
Every **text** cell that begins with one of these characters gets a leading apostrophe ``'``,
the OWASP recommendation: spreadsheets show the text, never run it. Numbers stay numbers (a
negative revenue is a number, not text). The trade-off: a phone number typed as
``+7 (343) 123-45-67`` is text that begins with ``+`` and is written as ``'+7 (343) 123-45-67``;
an import that must keep it clean can strip one leading apostrophe. In the XLSX file text cells
are also stored with the string type, so no cell is ever a formula.

Identifiers are text: ``000123`` stays ``000123`` (in the XLSX a text cell; in the CSV the
digits as they are — tell the import wizard that the column is text).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.analyses.crm import CRM_COLUMNS, crm_key_accounts, crm_rfm, crm_table
from kbcore.analyses.kpi_crm import KPI_CRM_PARTS, kpi_crm_table
from kbcore.analyses.lifecycle import StageRules, client_stages
from kbcore.analyses.segmentation import (
    DEFAULT_RFM_RULES,
    XYZ_THRESHOLDS_CLIENTS,
    RFMRules,
    abc,
    last_full_months,
    rfm,
    xyz,
)
from kbcore.facts import Facts
from kbcore.views.crm import crm_headers, crm_texts
from kbcore.views.kpi_crm import kpi_crm_texts

__all__ = ["CRM_COLUMNS", "CRM_BASENAME", "DANGEROUS_PREFIXES", "KPI_CRM_BASENAME", "KpiCrm",
           "crm_from_dataset", "neutralise", "update_kpi_crm", "write_crm"]

CRM_BASENAME = "clients_for_crm"
KPI_CRM_BASENAME = "kpi_clients_for_crm"
"""Program 004's client table: each topic adds its columns (:func:`update_kpi_crm`)."""
PARTS_FOLDER = "parts"
"""Subfolder of the CRM folder where each program-004 topic keeps its part of the table."""
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Text beginning with one of these is run as a formula by spreadsheets (OWASP CSV injection)."""


def crm_from_dataset(
    ds,
    *,
    as_of=None,
    lang: str = "en",
    abc_measure: str = "revenue",
    abc_cuts=(0.8, 0.95),
    xyz_thresholds=XYZ_THRESHOLDS_CLIENTS,
    xyz_months: int = 12,
    xyz_min_periods: int = 6,
    rfm_rules: RFMRules = DEFAULT_RFM_RULES,
    stage_rules: StageRules | None = None,
) -> pd.DataFrame:
    """The CRM table of a loaded company in words, for one-off use (tests, a script).

    Block 6's notebook does not call this: it assembles the table from the classes it has
    already computed (:func:`kbcore.analyses.crm.crm_table`). Here the same analyses run with
    the notebook's defaults on one :class:`~kbcore.facts.Facts` of ``ds``.

    Parameters
    ----------
    ds : Dataset
        The company (:func:`kbcore.load`); ``ds.sales`` and ``ds.clients`` are used.
    as_of : date-like, optional
        The day of the snapshot (default: the last sales date). Only sales up to it count.
    lang : str
        Language of the RFM segment, stage and action texts.
    abc_measure : {"revenue", "gross_margin"}
        ABC measure over the last ``xyz_months`` full months (gross margin needs a cost column;
        without one the ABC column is empty).
    abc_cuts, xyz_thresholds, xyz_min_periods
        As in :func:`~kbcore.analyses.segmentation.abc` and
        :func:`~kbcore.analyses.segmentation.xyz`. The XYZ default is the B2B bounds
        :data:`~kbcore.analyses.segmentation.XYZ_THRESHOLDS_CLIENTS` (50 % / 100 %).
    xyz_months : int
        The one window of ABC, XYZ, RFM (:func:`~kbcore.analyses.crm.crm_rfm`) and the revenue
        column: the last this many full calendar months up to ``as_of``.
    rfm_rules : RFMRules
        As in :func:`~kbcore.analyses.segmentation.rfm`.
    stage_rules : StageRules, optional
        Block 2's lifecycle rules (default rules when None).

    Returns
    -------
    DataFrame
        :func:`kbcore.views.crm.crm_texts` of :func:`kbcore.analyses.crm.crm_table`.
    """
    facts = Facts.of(ds, as_of=as_of)
    if not facts.has_sales:
        return crm_texts(crm_table(facts, ds.clients, abc=None, xyz=None, rfm=rfm(facts, rules=rfm_rules),
                                   stages=None), lang)
    start, end = last_full_months(facts.as_of, xyz_months)
    scores = crm_rfm(facts, start, end, rules=rfm_rules)  # the one window of ABC, XYZ, RFM, revenue
    window = facts.clients(start, end)
    classes = (abc(window, measure=abc_measure, cuts=abc_cuts)
               if abc_measure in window.columns and window[abc_measure].notna().any() else None)
    regularity = xyz(facts, start=start, end=end, thresholds=xyz_thresholds,
                     min_periods=xyz_min_periods)
    stages = client_stages(facts, ds.clients, rules=stage_rules or StageRules())
    key_accounts = crm_key_accounts(facts, ds.clients, contacts=ds.contacts, interactions=ds.interactions,
                                    surveys=ds.surveys, products=ds.products)
    table = crm_table(facts, ds.clients, abc=classes, xyz=regularity, rfm=scores, stages=stages,
                      window=(start, end), key_accounts=key_accounts)
    return crm_texts(table, lang)


def neutralise(value):
    """``value`` made safe for a spreadsheet.

    Text beginning with ``= + - @``, tab or CR gets a leading apostrophe; anything that is not text
    is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    """A Python value for a file cell: None for missing or infinite, numbers and dates, text made safe."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN, and an infinite ratio: no number a CRM can hold
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date() if value == value.normalize() else value.to_pydatetime()
    return neutralise(value)


def _rows(table: pd.DataFrame) -> list[list]:
    return [[_cell(v) for v in row] for row in table.itertuples(index=False, name=None)]


def _csv_text(value, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", decimal)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_crm(table: pd.DataFrame, folder, *, basename: str = CRM_BASENAME, lang: str | None = None,
              decimal: str = ",") -> list[Path]:
    r"""Write the CRM table as ``<basename>.csv`` and ``<basename>.xlsx`` in ``folder``.

    Parameters
    ----------
    table : DataFrame
        :func:`crm_table` (any table works).
    folder : str or Path
        Where to write (created when missing).
    basename : str
        File name without the extension (default ``clients_for_crm``).
    lang : str, optional
        The language of the XLSX, the file for people: its headers are the columns' names in
        that language (``col.*`` of the catalogue), the revenue's header names its window
        (``table.attrs["window"]``, else up to which day: ``attrs["as_of"]``), and its dates
        read as the language writes them. None (default): canonical headers there too. The CSV, the file for import wizards, always has
        the canonical column names (``client_id``, ``abc`` …), the same in every language, so an
        import mapping set up once keeps working.
    decimal : str
        Decimal mark of numbers in the CSV (default "," for Russian Excel, which reads ``;``
        separated files with decimal commas; use "." for other tools).

    Returns
    -------
    list of Path
        ``[csv, xlsx]``.

    Notes
    -----
    CSV: UTF-8 with a byte-order mark (so Excel recognises the encoding), ``;`` separator,
    ``\r\n`` line ends, fields quoted when needed, dates ISO (``2025-12-31``), missing values
    empty. XLSX (XlsxWriter): one sheet, a bold frozen header with an autofilter, columns as wide
    as their text (up to 60 characters), numbers and dates as typed cells (Excel dates, shown
    ``dd.mm.yyyy`` in ru and bg), text as string cells. In both, text cells that begin with ``= + - @``, tab or CR get a
    leading apostrophe (see the module docstring).
    """
    import xlsxwriter

    if decimal not in (",", "."):
        raise ValueError(f"decimal must be ',' or '.', not {decimal!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    canonical = [neutralise(str(c)) for c in table.columns]
    headers = canonical if lang is None else [neutralise(h) for h in _people_headers(table, lang)]
    rows = _rows(table)

    csv_path = folder / f"{basename}.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(canonical)
        for row in rows:
            writer.writerow([_csv_text(v, decimal) for v in row])

    xlsx_path = folder / f"{basename}.xlsx"
    # constant memory: each row goes to the file as it is written (110,000 clients in about 20 s;
    # openpyxl's write-only mode took about 75 s); text is never read as a formula, number or link
    wb = xlsxwriter.Workbook(str(xlsx_path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    ws = wb.add_worksheet("clients")
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    day = "dd.mm.yyyy" if lang in ("ru", "bg") else "yyyy-mm-dd"
    formats = {float: wb.add_format({"num_format": "#,##0.00"}),
               dt.datetime: wb.add_format({"num_format": f"{day} hh:mm"}),
               dt.date: wb.add_format({"num_format": day})}
    # a long header (the revenue's names its window) wraps over lines instead of widening its column
    widths = [min(len(str(h)), HEADER_WIDTH) for h in headers]
    for row in rows:
        for j, value in enumerate(row):
            if value is not None:
                widths[j] = max(widths[j], min(len(str(value)), 60))
    for j, width in enumerate(widths):
        ws.set_column(j, j, width + 2)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), max(len(headers) - 1, 0))
    for j, text in enumerate(headers):
        ws.write_string(0, j, text, bold)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(i, j, value)
            elif isinstance(value, bool):
                ws.write_boolean(i, j, value)
            elif isinstance(value, float):
                ws.write_number(i, j, value, formats[float])
            elif isinstance(value, int):
                ws.write_number(i, j, value)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(i, j, value, formats[dt.datetime])
            elif isinstance(value, dt.date):
                ws.write_datetime(i, j, value, formats[dt.date])
            else:
                ws.write_string(i, j, str(value))
    wb.set_properties({"author": "kbcore", "created": _STAMP})
    wb.close()
    _freeze_zip(xlsx_path)
    return [csv_path, xlsx_path]


_STAMP = dt.datetime(2000, 1, 1)
HEADER_WIDTH = 24
"""Characters of a header that may widen its column in the XLSX; a longer header wraps."""


def _people_headers(table: pd.DataFrame, lang: str) -> list[str]:
    """The columns' names in ``lang`` (:func:`~kbcore.views.crm.crm_headers`), in the table's order."""
    names = crm_headers(table, lang)
    return [names[str(c)] for c in table.columns]


def _freeze_zip(path: Path) -> None:
    """Make an XLSX byte-for-byte reproducible.

    Fixed entry times and a fixed "modified" date (the writer may stamp both with the clock), so the same
    table always gives the same file.
    """
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


@dataclass
class KpiCrm:
    """What :func:`update_kpi_crm` wrote: the files, the table in words and the parts left out."""

    files: list[Path]
    table: pd.DataFrame
    stale: list[str]


def _source(source) -> str:
    return "demo" if source is None else str(source)


def update_kpi_crm(part: pd.DataFrame, folder, *, topic: str, clients: pd.DataFrame | None = None,
                   source=None, lang: str = "en", decimal: str = ",") -> KpiCrm:
    """Put one program-004 topic's columns into the client table for the CRM, and write the table.

    The topic's part (:mod:`kbcore.analyses.kpi_crm`) is kept as ``<folder>/parts/<topic>.parquet``
    (replacing the topic's earlier part); the parts in the folder computed on the same data are then
    joined (:func:`~kbcore.analyses.kpi_crm.kpi_crm_table`), put in words
    (:func:`~kbcore.views.kpi_crm.kpi_crm_texts`) and written as ``kpi_clients_for_crm.csv`` and
    ``.xlsx`` (:func:`write_crm`). So the table grows as the topics run, in any order, and each
    topic's notebook can be run again alone.

    Parameters
    ----------
    part : DataFrame
        The topic's part (``client_id`` and the columns of ``KPI_CRM_PARTS[topic]``).
    folder : str or Path
        The CRM folder (``kbcore run`` gives ``<out>/crm``).
    topic : str
        ``"kpi01"`` … ``"kpi05"``.
    clients : DataFrame, optional
        The client cards (name, manager, region of each row).
    source : str, optional
        What the data was (the notebook's ``data``; None: the demo company). A part computed on other
        data is left out of the table and named in :attr:`KpiCrm.stale`.
    lang, decimal
        As in :func:`write_crm`.
    """
    if topic not in KPI_CRM_PARTS:
        raise ValueError(f"unknown topic {topic!r}; known: {', '.join(KPI_CRM_PARTS)}")
    folder = Path(folder)
    parts_dir = folder / PARTS_FOLDER
    parts_dir.mkdir(parents=True, exist_ok=True)
    mine = part.copy()
    mine.attrs = {"topic": topic, "source": _source(source)}
    mine.to_parquet(parts_dir / f"{topic}.parquet", index=False)
    parts, stale = {}, []
    for other in KPI_CRM_PARTS:
        path = parts_dir / f"{other}.parquet"
        if not path.is_file():
            continue
        frame = pd.read_parquet(path)
        if frame.attrs.get("source") == _source(source):
            parts[other] = frame
        else:
            stale.append(other)
    table = kpi_crm_texts(kpi_crm_table(parts, clients), lang)
    files = write_crm(table, folder, basename=KPI_CRM_BASENAME, lang=lang, decimal=decimal)
    return KpiCrm(files=files, table=table, stale=stale)
