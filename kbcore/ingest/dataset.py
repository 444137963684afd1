"""The canonical dataset: every table of a company (or of the demo company), loaded once.

:func:`load` reads a folder (one file per table), a single sales file, or a saved canonical
cache, and returns a :class:`Dataset` with its :class:`~kbcore.ingest.quality.QualityReport`.
:func:`validate` is what ``kbcore validate`` prints.

Client identity (sales lines)
-----------------------------
A sales line's ``client_id`` is, in this order: the client code column when filled (it links
to a clients file, contacts, CRM history …), else the tax ID (ИНН, text, leading zeros kept),
else the client's name — reported as a warning, because spelling variants of one name become
different clients (a clients file without a code column is keyed the same way). When one ID
appears with several names the most frequent name is kept
(ties: the alphabetically first) and the variants are reported. When a clients file exists,
sales (and other tables) whose ID is not a client code are linked through the clients' tax IDs
or names; what stays unknown is added to the clients table with a warning. Without a clients
file the clients are derived from the sales lines: name, tax ID and the latest manager, region
and any client column the sales export carries (segment, city …).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from kbcore import __version__
from kbcore.errors import KBDataError
from kbcore.i18n import fmt_date, t, tn
from kbcore.ingest.clean import canonical_dtypes
from kbcore.ingest.currency import unify_currency
from kbcore.ingest.files import database_tables, file_kind, find_table_files, parquet_parts
from kbcore.ingest.headers import Mapping
from kbcore.ingest.loading import read_table
from kbcore.ingest.quality import QualityReport, check_tables, isin
from kbcore.paths import DEMO_DIRS
from kbcore.schema import TABLES, C

__all__ = ["CACHE_MARKER", "CACHE_FORMAT", "Dataset", "load", "summary_fields", "validate"]

CACHE_MARKER = "kbcore-dataset.json"
"""The file that marks a folder as a saved canonical dataset (written last by :meth:`Dataset.save`)."""

CACHE_FORMAT = 1
"""Version of the cache layout; a cache of another version is refused with a clear message."""


def summary_fields(sales: pd.DataFrame, source, lang: str = "en") -> dict[str, str]:
    """What a line about loaded sales says, in ``lang``.

    ``source`` (the demo company in words), ``lines`` and ``clients`` (counts agreeing with their
    nouns), ``first`` and ``last`` (dates).
    """
    return {"source": t("load.demo", lang) if source == "demo" else str(source),
            "lines": tn("ui.count.lines", len(sales), lang),
            "clients": tn("ui.count.clients", int(sales[C.client_id].nunique()), lang),
            "first": fmt_date(sales[C.date].min(), lang), "last": fmt_date(sales[C.date].max(), lang)}


@dataclass
class Dataset:
    """A company's canonical tables and the data-quality report of their loading.

    ``sales`` and ``clients`` are always present (clients derived from the sales lines when the
    company has no clients file); the optional tables are None when absent.
    """

    sales: pd.DataFrame
    clients: pd.DataFrame
    products: pd.DataFrame | None = None
    contacts: pd.DataFrame | None = None
    interactions: pd.DataFrame | None = None
    surveys: pd.DataFrame | None = None
    loyalty: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    market: pd.DataFrame | None = None
    territories: pd.DataFrame | None = None
    staff: pd.DataFrame | None = None
    quality: QualityReport = field(default_factory=QualityReport)
    source: str = "demo"
    currency: str | None = None
    """The ISO code of every amount (``"EUR"``), when the data names it (a ``currency`` column);
    None: the company's one currency, not named. Amounts in a currency the euro replaced are
    converted on loading (:mod:`kbcore.ingest.currency`)."""

    def table(self, name: str) -> pd.DataFrame | None:
        """The canonical table ``name`` (None when the company has none)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}")
        return getattr(self, name)

    def has(self, name: str, column: str | None = None) -> bool:
        """True when table ``name`` is present and not empty (and ``column`` has a value)."""
        df = self.table(name)
        if df is None or df.empty:
            return False
        return column is None or (column in df.columns and bool(df[column].notna().any()))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The present tables by name."""
        return {n: df for n in TABLES if (df := self.table(n)) is not None}

    def save(self, folder: str | Path) -> Path:
        """Write the canonical cache: one Parquet file per table, ``quality.json``, the marker.

        :func:`load` on the folder gives back the same tables (values and dtypes) and report.
        The marker ``kbcore-dataset.json`` is written last, so a half-written folder is never
        taken for a cache. Returns the folder.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / CACHE_MARKER
        if marker.exists():
            marker.unlink()
        meta = {}
        for name in TABLES:
            target = folder / f"{name}.parquet"
            df = self.table(name)
            if df is None:
                if target.exists():
                    target.unlink()  # a stale table of an earlier save
                continue
            df.to_parquet(target, index=False)
            meta[name] = {"file": target.name, "rows": len(df),
                          "dtypes": {c: str(d) for c, d in df.dtypes.items()}}
        (folder / "quality.json").write_text(
            json.dumps(self.quality.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")

        marker.write_text(json.dumps({"format": CACHE_FORMAT, "kbcore": __version__,
                                      "source": self.source, "currency": self.currency,
                                      "tables": meta},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
        return folder

    def summary(self, lang: str = "en") -> str:
        """One line: source, sales lines, clients, first and last date."""
        return t("load.summary", lang, **summary_fields(self.sales, self.source, lang))

    def __repr__(self) -> str:
        present = ", ".join(f"{n}={len(df)}" for n, df in self.tables.items())
        return f"Dataset(source={self.source!r}, {present}, ok={self.quality.ok})"

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary())}</p>" + self.quality.to_html("en")


# ---------------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------------

def _load_cache(folder: Path) -> Dataset:
    try:
        meta = json.loads((folder / CACHE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise KBDataError("load.unreadable", file=folder / CACHE_MARKER, reason=str(err)) from None
    if meta.get("format") != CACHE_FORMAT:
        raise KBDataError("load.cache_version", file=folder, found=meta.get("format"),
                          expected=CACHE_FORMAT)
    tables = {}
    for name, info in meta.get("tables", {}).items():
        df = pd.read_parquet(folder / info["file"])
        df = canonical_dtypes(df, name)
        tables[name] = df.astype({c: d for c, d in info.get("dtypes", {}).items()
                                  if c in df.columns and str(df[c].dtype) != d})
    if "sales" not in tables or "clients" not in tables:
        raise KBDataError("load.no_sales", file=folder, examples=sorted(tables))
    quality_file = folder / "quality.json"
    quality = (QualityReport.from_dict(json.loads(quality_file.read_text(encoding="utf-8")))
               if quality_file.exists() else QualityReport())
    _release_read_buffers()
    return Dataset(**tables, quality=quality, source=meta.get("source", str(folder)),
                   currency=meta.get("currency"))


def _release_read_buffers() -> None:
    """Give the memory that reading freed back to the system.

    Arrow's allocator keeps the buffers a read has freed (Parquet pages, decoded text) for
    later use; the facts reduction then allocates in Polars' allocator instead, so the kept
    buffers only raise the process's peak. Releasing them after a load lowered the peak of
    ten million lines read and reduced to facts by 250–500 MB (``tests/benchmark.py``).
    """
    pa.default_memory_pool().release_unused()


def _coalesce(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The first non-empty of ``columns`` (text) in each row, as a ``string`` column."""
    cols = [c for c in columns if c in df.columns]
    if not cols or any(df[c].dtype != "string" for c in cols):
        out = pd.Series(pd.NA, index=df.index, dtype="string")
        for c in cols:
            out = out.fillna(df[c])
        return out
    cells = pl.DataFrame({c: pl.Series(df[c].array.__arrow_array__()) for c in cols})
    first = cells.select(pl.coalesce(cols)).to_series()
    return pd.Series(first.to_arrow(), index=df.index, dtype="string")


def _most_frequent_name(sales: pd.DataFrame, report: QualityReport) -> pl.DataFrame:
    """The most frequent name of each client_id (ties: alphabetically first); variants reported.

    Returns a Polars frame of ``client_id`` and ``name``, one row per client_id with a name.
    """
    pairs = pl.from_pandas(sales[[C.client_id, C.name]], include_index=False).drop_nulls()
    counts = (pairs.group_by([C.client_id, C.name]).len("n")
              .sort([C.client_id, "n", C.name], descending=[False, True, False]))
    best = counts.unique(C.client_id, keep="first", maintain_order=True).drop("n")
    many = (counts.group_by(C.client_id).len("k").filter(pl.col("k") > 1)
            .sort(C.client_id)[C.client_id])
    if len(many):
        examples = []
        for cid in many.head(5):
            rows = counts.filter(pl.col(C.client_id) == cid).head(3)
            names = ", ".join(f"'{name}' ({n})" for name, n in rows.select(C.name, "n").iter_rows())
            examples.append(f"{cid}: {names}")
        report.add("warning", "sales", "quality.names_per_id", len(many), examples=examples)
    return best


def _identify_clients(sales: pd.DataFrame, report: QualityReport) -> pd.DataFrame:
    """client_id of each sales line (code, else tax ID, else name) and one name per client."""
    sales = sales.copy()
    has = {c: c in sales.columns and bool(sales[c].notna().any())
           for c in (C.client_id, C.tax_id, C.name)}
    code = sales[C.client_id] if C.client_id in sales.columns else pd.Series(pd.NA, index=sales.index,
                                                                              dtype="string")
    by_tax = code.isna() & (sales[C.tax_id].notna() if has[C.tax_id] else False)
    sales[C.client_id] = _coalesce(sales, [C.client_id, C.tax_id, C.name])
    by_name = code.isna() & ~by_tax & sales[C.client_id].notna()
    if np.any(by_tax):
        report.add("info", "sales", "quality.identity_tax_id", int(np.sum(by_tax)))
    if by_name.any():
        report.add("warning", "sales", "quality.identity_name", int(by_name.sum()),
                   clients=int(sales.loc[by_name, C.client_id].nunique()))
    if has[C.name]:
        best = _most_frequent_name(sales, report)
        ids = pl.from_pandas(sales[[C.client_id]], include_index=False)
        names = ids.join(best, on=C.client_id, how="left", maintain_order="left")[C.name]
        sales[C.name] = pd.Series(names.to_arrow(), index=sales.index, dtype="string")
    return sales


def _link_clients(df: pd.DataFrame, clients: pd.DataFrame, report: QualityReport, table: str,
                  via: tuple[str, ...] = ()) -> pd.DataFrame:
    """Replace client IDs that are not client codes by the code of the client with that tax ID or name."""
    unknown = ~isin(df[C.client_id], clients[C.client_id])
    if not unknown.any():
        return df
    new = pd.Series(pd.NA, index=df.index, dtype="string")
    lookups = []
    if C.tax_id in clients.columns:
        tax = clients.dropna(subset=[C.tax_id]).drop_duplicates(C.tax_id, keep=False)
        lookups.append((tax.set_index(C.tax_id)[C.client_id], False))
    if C.name in clients.columns:
        names = clients.dropna(subset=[C.name]).assign(_k=lambda d: d[C.name].str.casefold())
        names = names.drop_duplicates("_k", keep=False)
        lookups.append((names.set_index("_k")[C.client_id], True))
    for lookup, fold in lookups:
        for col in (C.client_id, *via):
            if col not in df.columns:
                continue
            keys = df.loc[unknown, col]
            keys = keys.str.casefold() if fold else keys
            new = new.fillna(keys.map(lookup).astype("string").reindex(df.index))
    linked = new.notna() & unknown
    if linked.any():
        df = df.copy()
        df.loc[linked, C.client_id] = new[linked]
        report.add("info", table, "quality.linked", int(linked.sum()))
    return df


def _derive_clients(sales: pd.DataFrame, attrs: list[str]) -> pd.DataFrame:
    """One row per client from the sales lines: name, tax ID and the latest of the other columns."""
    cols = [c for c in (C.name, C.tax_id, C.region, C.manager, *attrs) if c in sales.columns]
    ordered = sales.sort_values(C.date, kind="mergesort")
    if cols:
        clients = ordered.groupby(C.client_id, sort=True)[cols].last().reset_index()
    else:
        clients = pd.DataFrame({C.client_id: np.sort(sales[C.client_id].unique())})
    return canonical_dtypes(clients, "clients")


def _is_demo(path: Path) -> bool:
    try:
        return any(path.resolve() == folder.resolve() for folder in DEMO_DIRS.values())
    except OSError:
        return False


def load(path: str | Path | None = None, mapping: Mapping | dict | str | Path | None = None, *,
         dayfirst: bool = True, progress: Callable[[str], None] | None = None,
         demo: str = "ru") -> Dataset:
    """Load company data (or the demo company) as a canonical :class:`Dataset`.

    Parameters
    ----------
    path : folder, file or None
        None: the demo company (``data/demo``). A folder: one file per table, recognised by name
        (``sales``/``Продажи``, ``clients``/``Контрагенты``, ``products``/``Номенклатура`` …; see
        :func:`kbcore.ingest.files.find_table_files`); a table may also be a subfolder of Parquet
        parts (``sales/part-0000.parquet`` …). A single file, or a folder holding only Parquet
        parts: the sales lines; the clients are then derived from them. A DuckDB database file
        (``.duckdb``): its tables, recognised by name like files, read-only. A folder holding ``kbcore-dataset.json`` is a saved canonical
        cache (:meth:`Dataset.save`) and loads fast, its quality report included.
    mapping : YAML file, dict or None
        The company's column mapping (see :class:`kbcore.ingest.headers.Mapping`); None: the built-in
        English and 1C headers only.
    dayfirst : bool
        05.03.2024 is 5 March (True, the default). The mapping's ``dayfirst`` wins when given.
    progress : callable, optional
        Called with each table's name before its files are read (``kbcore run`` shows it).
    demo : ``"ru"`` or ``"bg"``
        Which demo company ``path=None`` means: the Russian one (``data/demo``, program 000) or
        the Bulgarian one (``data/demo_bg``, program 004).

    Returns
    -------
    Dataset

    Raises
    ------
    KBDataError
        When the data cannot be used: the path does not exist, an unknown file type, an empty
        file, a wrong sheet, a required column missing, unreadable dates or amounts, …
        The message names the file, the column, a few example rows and what to do (en + ru).
    """
    if demo not in DEMO_DIRS:
        raise KBDataError("load.demo_unknown", file=demo, companies=", ".join(DEMO_DIRS))
    src = DEMO_DIRS[demo] if path is None else Path(path)
    if not src.exists():
        raise KBDataError("load.demo_missing" if path is None else "load.not_found", file=src)
    if src.is_dir() and (src / "kbcore-dataset.json").exists():
        return _load_cache(src)
    m = Mapping.load(mapping)
    if m.dayfirst is not None:
        dayfirst = m.dayfirst
    report = QualityReport()
    if src.is_dir():
        files, ignored = find_table_files(src, m)
        if not files and parquet_parts(src):
            files, ignored = {"sales": [src]}, []  # the folder is the sales table's Parquet parts
        if "sales" not in files:
            present = sorted(p.name for p in src.iterdir() if p.is_file())
            raise KBDataError("load.no_sales", file=src, examples=present[:8])
        if ignored:
            report.add("info", "", "quality.ignored_files", len(ignored), files=ignored)
    elif file_kind(src) == "duckdb":
        files = {name: [src] for name in database_tables(src)}
        if "sales" not in files:
            raise KBDataError("load.no_sales_table", file=src, examples=sorted(files))
    else:
        files = {"sales": [src]}

    frames: dict[str, pd.DataFrame | None] = {}
    for name in TABLES:
        if name in files and progress is not None:
            progress(name)
        frames[name] = (read_table(files[name], name, m, dayfirst=dayfirst, report=report)
                        if name in files else None)

    sales = frames["sales"]
    sales_cols = set(TABLES["sales"].columns)
    attrs = [c for c in sales.columns if c not in sales_cols]
    sales = _identify_clients(sales, report)
    clients = frames["clients"]
    if clients is None:
        clients = _derive_clients(sales, attrs)
        st = report.stats("clients")
        st.derived = True
        report.add("info", "clients", "quality.clients_derived", len(clients))
    else:
        if C.client_id not in clients.columns or clients[C.client_id].isna().any():
            clients = clients.assign(**{C.client_id: _coalesce(clients, [C.client_id, C.tax_id, C.name])})
            clients = canonical_dtypes(clients, "clients")
        sales = _link_clients(sales, clients, report, "sales", via=(C.tax_id, C.name))
        for name in ("contacts", "interactions", "surveys", "loyalty"):
            if frames[name] is not None:
                frames[name] = _link_clients(frames[name], clients, report, name)
    frames["sales"] = canonical_dtypes(sales.drop(columns=attrs), "sales")
    frames["clients"] = clients

    frames, currency = unify_currency(frames, report)
    tables = check_tables(frames, report)
    report.name_currency(currency)
    for name, df in tables.items():
        if df is not None:
            st = report.stats(name)
            st.rows_kept = len(df)
            st.columns = [c for c in df.columns if df[c].notna().any()]
    source = "demo" if path is None or _is_demo(src) else str(src)
    _release_read_buffers()
    return Dataset(**tables, quality=report, source=source, currency=currency)


def validate(path: str | Path, mapping: Mapping | dict | str | Path | None = None,
             lang: str = "en") -> tuple[int, str]:
    """Load and check company data; return the exit code and the report to print.

    Returns
    -------
    (int, str)
        0 and the data-quality report when the data can be used (warnings allowed); 2 and the
        report, or the error message in ``lang`` and then in the other language, when it cannot.
    """
    other = "ru" if lang == "en" else "en"
    try:
        data = load(path, mapping)
    except KBDataError as err:
        head = t("quality.summary.unusable", lang)
        return 2, f"{head}\n\n{err.message(lang)}\n\n{err.message(other)}\n"
    except Exception as exc:  # a file shape nobody foresaw: a message, never a traceback
        err = KBDataError("load.unexpected", file=path, reason=f"{type(exc).__name__}: {exc}")
        head = t("quality.summary.unusable", lang)
        return 2, f"{head}\n\n{err.message(lang)}\n\n{err.message(other)}\n"
    text = data.summary(lang) + "\n\n" + data.quality.to_text(lang)
    return (0 if data.quality.ok else 2), text
