"""Data in: reading a company's exports (1C, Excel, CRM) onto the canonical tables, checking them.

:func:`load` returns a :class:`Dataset` (the canonical tables and the data-quality report of their
loading); :func:`validate` only checks. Reading files is :mod:`kbcore.ingest.loading`, the checks
are :mod:`kbcore.ingest.quality`.
"""

from __future__ import annotations

from kbcore.ingest.dataset import CACHE_MARKER, Dataset, load, validate
from kbcore.ingest.quality import QualityReport

__all__ = ["CACHE_MARKER", "Dataset", "QualityReport", "load", "validate"]
