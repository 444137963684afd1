"""kbcore: the shared package of KB Workbook.

The notebooks of the customer-base and KPI seminars stand on it: the canonical data
model (:mod:`kbcore.schema`), loading company exports (:func:`kbcore.load`), the demo
company (:mod:`kbcore.demo`), the facts layer (:mod:`kbcore.facts`), the analyses
(:mod:`kbcore.analyses`), charts (:mod:`kbcore.charts`), exercise checks
(:mod:`kbcore.exercises`) and the analyst's runner (:mod:`kbcore.runner`).
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "load"]


def load(path=None, mapping=None, **kwargs):
    """Load company data (or the demo company when ``path`` is None) as a :class:`~kbcore.dataset.Dataset`.

    See :func:`kbcore.dataset.load` for the parameters.
    """
    from kbcore.dataset import load as _load

    return _load(path, mapping, **kwargs)
