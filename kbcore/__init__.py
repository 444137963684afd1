"""kbcore: the shared package of KB Workbook.

The notebooks of the customer-base and KPI seminars stand on it. Its layers, from the data up
(each may use only the ones below it; ``lint-imports`` checks this):

- :mod:`kbcore.schema`, :mod:`kbcore.paths`, :mod:`kbcore.i18n`, :mod:`kbcore.errors`: the
  canonical columns, the one path anchor, the catalogue of texts, the data errors;
- :mod:`kbcore.ingest` (company exports) and :mod:`kbcore.demo` (the demo company): data in;
- :mod:`kbcore.facts`: the one reduction of sales lines;
- :mod:`kbcore.analyses`: numbers, ids and tables;
- :mod:`kbcore.views`, :mod:`kbcore.charts`, :mod:`kbcore.widgets`: what a person reads, sees
  and moves;
- :mod:`kbcore.workbook`: notebook build, exercises and their checks;
- :mod:`kbcore.app`: the analyst's run, the command line, the CRM export.
"""

from __future__ import annotations

__version__ = "0.1.0"

from kbcore.ingest.dataset import Dataset, load  # noqa: E402  (after __version__, which it reads)

__all__ = ["Dataset", "__version__", "load"]
