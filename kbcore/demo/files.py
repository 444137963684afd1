r"""Writing the demo company's tables as the files of ``data/demo/``, with a sha256 manifest.

One job: the files — their names (:data:`FILES`), byte-for-byte reproducible CSV (fixed number
formats, ``\n`` line ends, gzip with ``mtime=0``) and ``manifest.json`` (:data:`MANIFEST`: the
SHA-256, size and rows of every file, the generation parameters and the library versions).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import faker
import numpy as np
import pandas as pd

from kbcore.demo.company import COMPANY

FILES = {
    "sales": "sales.csv.gz",
    "clients": "clients.csv",
    "products": "products.csv",
    "contacts": "contacts.csv",
    "interactions": "interactions.csv",
    "surveys": "surveys.csv",
    "loyalty": "loyalty.csv",
    "targets": "targets.csv",
    "market": "market.csv",
    "staff": "staff.csv",
}
"""File name of each table in the output folder."""

MANIFEST = "manifest.json"
"""The manifest's file name (in the output folder, written last)."""

GENERATOR_VERSION = 2
"""Bumped whenever a change to the generator (:mod:`kbcore.demo`) changes the generated files."""


def _for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers that are whole everywhere are written without decimals; others with two."""
    changes = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
            changes[c] = s.map({True: "true", False: "false"}).astype("string")
        elif pd.api.types.is_float_dtype(s):
            v = s.to_numpy(dtype="float64", na_value=np.nan)
            finite = v[~np.isnan(v)]
            if len(finite) == 0 or np.all(finite == np.round(finite)):
                changes[c] = s.round().astype("Int64")
    return df.assign(**changes) if changes else df


def write(tables: dict[str, pd.DataFrame], out, *, manifest: bool = True,
          profile=None) -> list[Path]:
    r"""Write the tables as the files of a demo-company folder, byte for byte reproducibly.

    CSV in UTF-8 with a header of canonical column names, ``,`` separator, ``\n`` line ends,
    ISO dates, money with two decimals (whole numbers without); ``sales.csv.gz`` is gzipped
    with ``mtime=0`` so that its bytes do not depend on when it was written. With
    ``manifest=True`` a ``manifest.json`` records the SHA-256 of every file, the generation
    parameters and the versions of Faker, NumPy and pandas used.

    Returns
    -------
    list of Path
        The files written (the manifest last).

    ``profile`` (a :class:`~kbcore.demo.profile.Profile`; default the Russian company's) gives
    the file names and the company's name in the manifest.
    """
    files, company = (FILES, COMPANY) if profile is None else (profile.files, profile.company)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fname in files.items():
        if name not in tables or tables[name] is None:
            continue
        df = _for_csv(tables[name])
        path = folder / fname
        opts = dict(index=False, lineterminator="\n", float_format="%.2f", date_format="%Y-%m-%d",
                    encoding="utf-8")
        if fname.endswith(".gz"):
            df.to_csv(path, compression={"method": "gzip", "mtime": 0, "compresslevel": 6}, **opts)
        else:
            df.to_csv(path, **opts)
        written.append(path)
    if manifest:
        params = dict(tables.get("sales", pd.DataFrame()).attrs.get("kbcore_demo", {}))
        data = {
            "company": company,
            "generator": "kbcore.demo",
            "generator_version": GENERATOR_VERSION,
            "params": params,
            "versions": {"faker": faker.VERSION, "numpy": np.__version__, "pandas": pd.__version__},
            "files": {
                p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                         "bytes": p.stat().st_size,
                         "rows": int(len(tables[k]))}
                for k, p in zip([k for k in files if k in tables], written, strict=True)
            },
        }
        path = folder / MANIFEST
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8",
                        newline="\n")
        written.append(path)
    return written
