"""Data in: reading a company's exports (1C, Excel, CRM) onto the canonical tables, checking them.

:func:`load` returns a :class:`Dataset` (the canonical tables and the data-quality report of their
loading); :func:`validate` only checks. The modules, each with one job:

- :mod:`kbcore.ingest.files`: which file of a folder holds which table, and its kind;
- :mod:`kbcore.ingest.raw`: one file's cells under its header row (decoding, separators, title
  lines, Excel and Parquet);
- :mod:`kbcore.ingest.headers`: which column is which (built-in headers, the user's
  :class:`Mapping`);
- :mod:`kbcore.ingest.clean`: numbers, dates, yes/no, identifiers and text from cells;
- :mod:`kbcore.ingest.loading`: one table's files to one canonical table (totals and empty rows,
  conversion, what was dropped), :func:`read_table`;
- :mod:`kbcore.ingest.quality`: the checks and the data-quality report;
- :mod:`kbcore.ingest.dataset`: every table of a company together, client identity, the cache.
"""

from __future__ import annotations

from kbcore.ingest.clean import (
    canonical_dtypes,
    pad_tax_ids,
    parse_bools,
    parse_dates,
    parse_ids,
    parse_numbers,
    parse_text,
)
from kbcore.ingest.dataset import CACHE_FORMAT, CACHE_MARKER, Dataset, load, validate
from kbcore.ingest.files import file_kind, find_table_files
from kbcore.ingest.headers import DEFAULT_MAPPING_FILE, Mapping, normalise_header, table_headers
from kbcore.ingest.loading import MAX_BAD_SHARE, read_table
from kbcore.ingest.quality import QualityReport
from kbcore.ingest.raw import HEADER_SCAN_ROWS, RawTable, read_raw

__all__ = [
    "CACHE_FORMAT",
    "CACHE_MARKER",
    "DEFAULT_MAPPING_FILE",
    "HEADER_SCAN_ROWS",
    "MAX_BAD_SHARE",
    "Dataset",
    "Mapping",
    "QualityReport",
    "RawTable",
    "canonical_dtypes",
    "file_kind",
    "find_table_files",
    "load",
    "normalise_header",
    "pad_tax_ids",
    "parse_bools",
    "parse_dates",
    "parse_ids",
    "parse_numbers",
    "parse_text",
    "read_raw",
    "read_table",
    "table_headers",
    "validate",
]
