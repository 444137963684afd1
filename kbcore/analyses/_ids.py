"""Private helpers shared by the analyses: client/product ids and the "unknown" group.

* :data:`UNKNOWN` — the id of a group (segment, territory, business line …) the data leaves empty;
* :func:`ids` — ids as stripped text (``" K1 "`` and ``"K1"`` are one client);
* :func:`text` — group labels as stripped text, an empty one reading :data:`UNKNOWN`.
"""

from __future__ import annotations

import pandas as pd

UNKNOWN = "unknown"
"""The id of a group value the data does not give (views show it as "(not recorded)")."""


def ids(series: pd.Series) -> pd.Series:
    """``series`` as stripped text (pandas ``string``; NA stays NA)."""
    return series.astype("string").str.strip()


def text(series: pd.Series) -> pd.Series:
    """``series`` as stripped text with empty or missing values read as :data:`UNKNOWN`."""
    out = series.astype("string").str.strip()
    return out.mask(out == "").fillna(UNKNOWN).astype("string")
