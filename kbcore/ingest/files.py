"""Which file of a company's folder holds which table, and what kind of file it is.

One job: file discovery. A file's kind comes from its extension (:func:`file_kind`: CSV/TSV/TXT,
also gzipped; Excel and OpenDocument; Parquet; a DuckDB database); its table from its name
without extension — canonical or a common Russian/English name, alone or followed by more words
(:func:`find_table_files`), unless the user's mapping names the files. A folder of Parquet
parts named like a table (``sales/part-0000.parquet`` …, as Spark and warehouses export) is one
file of that table; the tables of a DuckDB database are recognised by the same names
(:func:`database_tables`).
"""

from __future__ import annotations

from pathlib import Path

from kbcore.errors import KBDataError
from kbcore.ingest.headers import Mapping, default_mapping, normalise_header
from kbcore.schema import TABLES

__all__ = ["EXT_KINDS", "database_tables", "file_kind", "find_table_files", "parquet_parts",
           "table_of"]

EXT_KINDS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".csv.gz": "csv", ".tsv.gz": "csv", ".txt.gz": "csv",
    ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel", ".xlsb": "excel", ".ods": "excel",
    ".parquet": "parquet", ".pq": "parquet",
    ".duckdb": "duckdb", ".ddb": "duckdb",
}
"""The file types read, by extension, and their kind."""


def suffix(path: Path) -> str:
    """The file's known extension, lower case (``.csv.gz`` counts as one), else its last one."""
    name = path.name.lower()
    for ext in sorted(EXT_KINDS, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return path.suffix.lower()


def parquet_parts(folder: Path) -> list[Path]:
    """The Parquet files in ``folder`` and its subfolders (Hive partitions such as ``year=2024/``).

    Files whose name starts with ``_`` or ``.`` (Spark's ``_SUCCESS``, checksums) are not parts.
    """
    return sorted(p for p in folder.rglob("*") if p.is_file() and suffix(p) in (".parquet", ".pq")
                  and not p.name.startswith(("_", ".")))


def file_kind(path: str | Path) -> str:
    """``"csv"``, ``"excel"``, ``"parquet"`` or ``"duckdb"``; :class:`KBDataError` for any other type.

    A folder of Parquet parts is ``"parquet"``.
    """
    path = Path(path)
    if path.is_dir():
        if parquet_parts(path):
            return "parquet"
        raise KBDataError("load.unknown_type", file=path, ext="/", valid=" ".join(sorted(EXT_KINDS)))
    ext = suffix(path)
    if ext not in EXT_KINDS:
        raise KBDataError("load.unknown_type", file=path, ext=ext or "?",
                          valid=" ".join(sorted(EXT_KINDS)))
    return EXT_KINDS[ext]


def _stem(path: Path) -> str:
    """The file's name without its extension, normalised like a header."""
    return normalise_header(path.name[: len(path.name) - len(suffix(path))])


def table_of(stem: str) -> str | None:
    """The table a file name (``stem``) stands for, or None."""
    names = default_mapping().get("files", {})
    for table in TABLES:  # exact names first, then a name followed by more words ("продажи 2024")
        if stem == table or stem in (normalise_header(a) for a in names.get(table, [])):
            return table
    for table in TABLES:
        for alias in [table, *names.get(table, [])]:
            a = normalise_header(alias)
            if stem.startswith(a + " "):
                return table
    return None


def find_table_files(folder: str | Path, mapping: Mapping | None = None
                     ) -> tuple[dict[str, list[Path]], list[str]]:
    """Which file of ``folder`` holds which table.

    A file is recognised by its name without extension: the canonical table name (``sales``,
    ``clients`` …) or a common Russian/English name (``Продажи``, ``Контрагенты``,
    ``Номенклатура`` …), alone or followed by more words (``Продажи 2024.xlsx``). Several files
    of one table (yearly exports) are concatenated; the same name with two extensions
    (``sales.csv`` and ``sales.xlsx``) is ambiguous and an error. The mapping's ``files`` entries
    name files explicitly and take precedence.

    Returns
    -------
    (dict, list)
        ``{table: [files]}`` and the names of the files that were not recognised.
    """
    folder = Path(folder)
    mapping = mapping or Mapping()
    found: dict[str, list[Path]] = {}
    named: set[Path] = set()
    for table, names in mapping.files.items():
        paths = []
        for name in names:
            p = Path(name) if Path(name).is_absolute() else folder / name
            if not p.is_file():
                present = sorted(f.name for f in folder.iterdir() if f.is_file())
                raise KBDataError("load.mapping_file_missing", file=p, table=table,
                                  examples=present[:5])
            paths.append(p)
            named.add(p.resolve())
        found[table] = paths
    ignored = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.resolve() in named:
            continue
        if path.is_dir():
            table = table_of(normalise_header(path.name))
            if table is not None and table not in mapping.files and parquet_parts(path):
                found.setdefault(table, []).append(path)
            continue
        if not path.is_file():
            continue
        if suffix(path) not in EXT_KINDS:
            if path.suffix.lower() not in {".json", ".yaml", ".yml", ".md"}:
                ignored.append(path.name)
            continue
        table = table_of(_stem(path))
        if table is None or table in mapping.files:
            ignored.append(path.name)
            continue
        found.setdefault(table, []).append(path)
    for table, paths in found.items():
        stems = [_stem(p) for p in paths]
        dupes = sorted({p.name for p, s in zip(paths, stems, strict=True) if stems.count(s) > 1})
        if dupes:
            raise KBDataError("load.ambiguous_files", file=folder, table=table, examples=dupes)
    return found, ignored


def database_tables(path: str | Path) -> dict[str, str]:
    """The canonical tables of a DuckDB database file: ``{table: name in the database}``.

    The database's tables and views are recognised by their names like files (``sales``,
    ``Продажи``, ``clients_2024`` …; see :func:`find_table_files`). The file is opened read-only.
    Several names for one table are ambiguous and an error.
    """
    path = Path(path)
    with connect_duckdb(path) as con:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
    found: dict[str, list[str]] = {}
    for name in names:
        table = table_of(normalise_header(name))
        if table is not None:
            found.setdefault(table, []).append(name)
    for table, inner in found.items():
        if len(inner) > 1:
            raise KBDataError("load.ambiguous_files", file=path, table=table, examples=inner)
    return {table: inner[0] for table, inner in found.items()}


def connect_duckdb(path: Path):
    """A read-only connection to the DuckDB database ``path`` (clear errors when it cannot be).

    DuckDB is an optional dependency (``pip install kbcore[duckdb]``), imported here only.
    """
    try:
        import duckdb
    except ImportError:
        raise KBDataError("load.need_duckdb", file=path) from None
    try:
        return duckdb.connect(str(path), read_only=True)
    except Exception as err:  # not a database, another version's file, locked by a writer
        raise KBDataError("load.unreadable", file=path, reason=f"{type(err).__name__}: {err}") from None
