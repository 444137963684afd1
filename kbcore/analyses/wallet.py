"""The share of wallet and its base: one formula, one choice of the base per client.

* :func:`wallet_share` — our sales to a client over its purchases of the category;
* :func:`share_base` — the base of each client's share: its wallet where known (> 0), else its
  potential (a share of potential: a lower bound of the share of wallet), named per client.

Used by share of wallet (topic 5), ABC by three measures, the sales drill-down, and the client
profile, key accounts, portfolio, money zones and passport of program 000.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kbcore.schema import C

__all__ = ["BASES", "share_base", "wallet_share"]

BASES = ("wallet", "potential")
"""The bases of a share, in the default order: the wallet, else the potential."""


def wallet_share(ours, base):
    """Share of wallet: our sales to a client over its purchases of the category.

    ::

        share = ours / base          (NaN where base ≤ 0 or unknown)

    ``base`` is the client's total purchases of the category from all its suppliers (its wallet),
    or, where that is not known, what it could buy (its potential: the share is then a share of
    potential, a lower bound of the share of wallet). A share above 1 says the base is
    understated; it is returned as it is, for the caller to flag.

    Parameters
    ----------
    ours, base : Series, array or number
        Our sales (value or units) and the base, in the same measure and over the same year.

    Returns
    -------
    Series, array or float
        The share, the same shape as the input (a Series keeps its index).

    Source: McDonald & Rogers, *Key Account Management* (1998); Du, Kamakura & Mela, "Size and
    share of customer wallet", *Journal of Marketing* 71 (2007). The one formula of every share
    of wallet in kbcore (profile, key accounts, portfolio, money zones, this topic).
    """
    if isinstance(ours, pd.Series) or isinstance(base, pd.Series):
        index = ours.index if isinstance(ours, pd.Series) else base.index
        o = ours if isinstance(ours, pd.Series) else pd.Series(ours, index=index)
        b = base if isinstance(base, pd.Series) else pd.Series(base, index=index)
        o = pd.to_numeric(o, errors="coerce").astype("float64")
        b = pd.to_numeric(b, errors="coerce").astype("float64")
        return (o / b).where(b > 0).astype("float64")
    o = np.asarray(ours, dtype="float64")
    b = np.asarray(base, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(b > 0, o / np.where(b > 0, b, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def share_base(values: pd.DataFrame, columns: Sequence[str] = (C.wallet, C.potential), *,
               names: Sequence[str] | None = None) -> tuple[pd.Series, pd.Series]:
    """The base of each row's share: the first of ``columns`` with a value > 0, and its name.

    ::

        base  = wallet     if wallet > 0         basis = "wallet"
                potential  else if potential > 0  basis = "potential"
                NaN        else                   basis = NA

    Parameters
    ----------
    values : DataFrame
        One row per client with the candidate bases (numbers; text is read as a number, a value
        that is not one as unknown).
    columns : sequence of str
        The candidate columns in the order tried (default wallet, then potential); a column
        absent from ``values`` is skipped.
    names : sequence of str, optional
        The basis label of each column (default the column names; e.g. ``("wallet",
        "potential")`` for the columns ``wallet_units, potential_units``).

    Returns
    -------
    (Series, Series)
        ``base`` (float64, NaN without a base) and ``basis`` (pandas ``string``, NA without a
        base), indexed like ``values``.

    Source: McDonald & Rogers, *Key Account Management* (1998) — the wallet (the client's
    purchases of the category from all suppliers) as the base, the potential where the wallet is
    not known; see :func:`wallet_share`.
    """
    columns = list(columns)
    names = columns if names is None else list(names)
    if len(names) != len(columns):
        raise ValueError(f"names must name each of {columns}, not {names!r}")
    base = pd.Series(np.nan, index=values.index, dtype="float64")
    basis = pd.Series(pd.NA, index=values.index, dtype="string")
    for col, name in zip(columns, names, strict=True):
        if col not in values.columns:
            continue
        number = pd.to_numeric(values[col], errors="coerce").astype("float64")
        take = base.isna() & (number > 0)
        base = base.where(~take, number)
        basis = basis.mask(take, name)
    return base, basis
