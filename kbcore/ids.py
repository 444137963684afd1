"""Check digits of the tax IDs kbcore meets: the Russian ИНН and the Bulgarian ЕИК.

Both the loader (is a 9-digit code an ИНН that lost its leading zero, or a Bulgarian ЕИК?) and
the demo companies (valid codes) need them; this module is the one place they are written.

* ИНН (Federal Tax Service): 10 digits with n10 = (Σ w_i d_i mod 11) mod 10, w = 2 4 10 3 5 9 4 6 8
  (organisations); 12 digits with n11 (w = 7 2 4 10 3 5 9 4 6 8) and n12
  (w = 3 7 2 4 10 3 5 9 4 6 8) (persons).
* ЕИК (Registry Agency, the 9-digit BULSTAT code): r = Σ i·d_i mod 11 with weights 1 … 8; when
  r = 10, r = Σ (i + 2)·d_i mod 11 with weights 3 … 10, and a second 10 gives 0.
"""

from __future__ import annotations

import numpy as np

__all__ = ["INN_WEIGHTS", "eik_check_digit", "eik_valid", "digits", "eik_valid_array", "inn10_valid_array"]

INN_WEIGHTS = {10: np.array([2, 4, 10, 3, 5, 9, 4, 6, 8]),
               11: np.array([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]),
               12: np.array([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])}
"""The weights of the ИНН check digits: ``INN_WEIGHTS[k]`` gives digit k from the k − 1 before it."""

_EIK_W1 = np.arange(1, 9)
_EIK_W2 = np.arange(3, 11)


def digits(codes, width: int) -> np.ndarray:
    """The codes (strings of ``width`` digits) as an integer matrix, one row a code."""
    flat = "".join(codes)
    return (np.frombuffer(flat.encode("ascii"), dtype=np.uint8).reshape(-1, width) - 48).astype(np.int64)


def eik_check_digit(first8: str) -> int:
    """The check digit of a 9-digit ЕИК from its first eight digits."""
    d = [int(c) for c in first8]
    if len(d) != 8:
        raise ValueError("an ЕИК check digit needs the first eight digits")
    r = sum(w * x for w, x in zip(range(1, 9), d, strict=True)) % 11
    if r == 10:
        r = sum(w * x for w, x in zip(range(3, 11), d, strict=True)) % 11
        r = 0 if r == 10 else r
    return r


def eik_valid(code: str) -> bool:
    """Whether ``code`` is a 9-digit ЕИК with the right check digit."""
    return (isinstance(code, str) and len(code) == 9 and code.isdigit()
            and eik_check_digit(code[:8]) == int(code[8]))


def eik_valid_array(codes) -> np.ndarray:
    """Vectorised :func:`eik_valid` for a sequence of 9-digit strings."""
    if len(codes) == 0:
        return np.zeros(0, dtype=bool)
    d = digits(codes, 9)
    r = (d[:, :8] @ _EIK_W1) % 11
    r2 = (d[:, :8] @ _EIK_W2) % 11
    r = np.where(r == 10, np.where(r2 == 10, 0, r2), r)
    return r == d[:, 8]


def inn10_valid_array(codes) -> np.ndarray:
    """Whether each 10-digit string is an organisation's ИНН with the right check digit."""
    if len(codes) == 0:
        return np.zeros(0, dtype=bool)
    d = digits(codes, 10)
    return (d[:, :9] @ INN_WEIGHTS[10]) % 11 % 10 == d[:, 9]
