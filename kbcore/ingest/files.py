"""Which file of a company's folder holds which table, and what kind of file it is.

One job: file discovery. A file's kind comes from its extension (:func:`file_kind`: CSV/TSV/TXT,
also gzipped; Excel and OpenDocument; Parquet); its table from its name without extension —
canonical or a common Russian/English name, alone or followed by more words
(:func:`find_table_files`), unless the user's mapping names the files.
"""

from __future__ import annotations

from pathlib import Path

from kbcore.errors import KBDataError
from kbcore.ingest.headers import Mapping, default_mapping, normalise_header
from kbcore.schema import TABLES

__all__ = ["EXT_KINDS", "file_kind", "find_table_files"]

EXT_KINDS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".csv.gz": "csv", ".tsv.gz": "csv", ".txt.gz": "csv",
    ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel", ".xlsb": "excel", ".ods": "excel",
    ".parquet": "parquet", ".pq": "parquet",
}
"""The file types read, by extension, and their kind."""


def suffix(path: Path) -> str:
    """The file's known extension, lower case (``.csv.gz`` counts as one), else its last one."""
    name = path.name.lower()
    for ext in sorted(EXT_KINDS, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return path.suffix.lower()


def file_kind(path: str | Path) -> str:
    """``"csv"``, ``"excel"`` or ``"parquet"``; :class:`KBDataError` for any other file type."""
    path = Path(path)
    ext = suffix(path)
    if ext not in EXT_KINDS:
        raise KBDataError("load.unknown_type", file=path, ext=ext or "?",
                          valid=" ".join(sorted(EXT_KINDS)))
    return EXT_KINDS[ext]


def _stem(path: Path) -> str:
    """The file's name without its extension, normalised like a header."""
    return normalise_header(path.name[: len(path.name) - len(suffix(path))])


def _table_of(stem: str) -> str | None:
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
        if not path.is_file() or path.name.startswith((".", "~$")) or path.resolve() in named:
            continue
        if suffix(path) not in EXT_KINDS:
            if path.suffix.lower() not in {".json", ".yaml", ".yml", ".md"}:
                ignored.append(path.name)
            continue
        table = _table_of(_stem(path))
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
