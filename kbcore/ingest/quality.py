"""The data-quality report: what was read, what was dropped and why, what is missing and what that disables.

Loading (:mod:`kbcore.ingest.loading`, :mod:`kbcore.ingest.dataset`) fills one :class:`QualityReport` per load:

* per table: the files read, rows read (data rows under the header) and rows kept;
* a list of :class:`Issue` — ``error`` (the data cannot be used), ``warning`` (used, but look at it)
  or ``info`` (what was done: title lines skipped, returns netted, columns recognised). The text of
  an issue is the catalogue entry ``code`` (``kbcore/locale/loading.yaml``), so the same report reads
  in English, Russian or Bulgarian; a text that counts agrees with its ``count`` (:func:`kbcore.i18n.tn`);
* the optional tables and columns that are missing, each with the analyses that this disables
  (:data:`DISABLES`; rules are data, a block can look its own entry up).

:func:`check_tables` runs the checks that need the canonical tables (returns, duplicates, clients
missing from the clients table, suspicious dates, missing optional data). The report is JSON-safe
(:meth:`QualityReport.to_dict` / :meth:`QualityReport.from_dict`) so that the canonical cache keeps it.

What a person reads names tables and columns in words (:func:`table_name`, :func:`column_name`:
"продажи", "код клиента"), never by their canonical names (``sales``, ``client_id``).
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, t, tn
from kbcore.schema import OPTIONAL_TABLES, TABLES, C

__all__ = [
    "LEVELS",
    "DISABLES",
    "Issue",
    "TableStats",
    "QualityReport",
    "check_tables",
    "table_name",
    "column_name",
]

LEVELS = ("error", "warning", "info")
"""Issue levels, most serious first."""

DISABLES: dict[tuple[str, str | None], str] = {
    # missing optional tables
    ("products", None): "quality.disables.products",
    ("contacts", None): "quality.disables.contacts",
    ("interactions", None): "quality.disables.interactions",
    ("surveys", None): "quality.disables.surveys",
    ("loyalty", None): "quality.disables.loyalty",
    ("targets", None): "quality.disables.targets",
    ("market", None): "quality.disables.market",
    ("territories", None): "quality.disables.territories",
    # missing (or empty) optional columns of present tables
    ("sales", C.cost): "quality.disables.sales.cost",
    ("sales", C.doc_id): "quality.disables.sales.doc_id",
    ("sales", C.quantity): "quality.disables.sales.quantity",
    ("sales", C.discount): "quality.disables.sales.discount",
    ("sales", C.product_id): "quality.disables.sales.product_id",
    ("sales", C.manager): "quality.disables.sales.manager",
    ("clients", C.payment_terms_days): "quality.disables.clients.payment_terms_days",
    ("clients", C.segment): "quality.disables.clients.segment",
    ("clients", C.region): "quality.disables.clients.region",
    ("clients", C.acquisition_channel): "quality.disables.clients.acquisition_channel",
    ("clients", C.created): "quality.disables.clients.created",
    ("clients", C.potential): "quality.disables.clients.potential",
    ("clients", C.key_account): "quality.disables.clients.key_account",
    ("interactions", C.kind): "quality.disables.interactions.kind",
}
"""What a missing optional table ``(table, None)`` or column ``(table, column)`` disables:
catalogue id of the sentence that says so. A column entry is reported only when its table is present."""

_MONEY_FIELDS = {"money", "amount"}
_DATE_FIELDS = {"first", "last", "since"}
_ARROW = " → "


def table_name(table: str, lang: str = "en") -> str:
    """The people's name of a canonical table (``sales`` → ru "продажи"); other names unchanged."""
    key = f"data.table.{table}"
    return t(key, lang) if table and key in catalogue() else str(table or "")


def column_name(column: str, lang: str = "en", table: str | None = None) -> str:
    """The people's name of a canonical column (``client_id`` → ru "код клиента").

    ``data.column.<table>.<column>`` when the table names it its own way (a product's ``name``),
    else ``data.column.<column>``; a name that is not canonical (a company's own header) unchanged.
    """
    cat = catalogue()
    for key in (f"data.column.{table}.{column}", f"data.column.{column}"):
        if key in cat:
            return t(key, lang)
    return str(column)


def _fmt_fields(fields: dict, lang: str, table: str | None = None) -> dict:
    """Catalogue placeholders formatted for ``lang``: money, counts, dates, lists, names.

    ``table`` and ``canonical`` become the people's names of the table and column; a column list
    (``"segment, region"``, or ``"<header> → <canonical>"`` items) names its canonical columns
    in words; an int field with a counting entry ``quality.count.<field>`` agrees with its noun.
    """
    out = {}
    for key, value in fields.items():
        if key == "table" and isinstance(value, str):
            out[key] = table_name(value, lang)
        elif key == "canonical" and isinstance(value, str):
            out[key] = column_name(value, lang, table)
        elif key == "columns" and isinstance(value, str):
            out[key] = ", ".join(column_name(c.strip(), lang, table) for c in value.split(","))
        elif (isinstance(value, int) and not isinstance(value, bool)
              and f"quality.count.{key}" in catalogue()):
            out[key] = tn(f"quality.count.{key}", value, lang)
        elif key in _MONEY_FIELDS and isinstance(value, int | float):
            currency = fields.get("currency")
            out[key] = fmt_money(value, lang) if not currency else fmt_money(value, lang, currency=currency)
        elif key in _DATE_FIELDS and isinstance(value, str) and value:
            out[key] = fmt_date(value, lang)
        elif isinstance(value, bool):
            out[key] = str(value)
        elif isinstance(value, int):
            out[key] = fmt_number(value, lang)
        elif key == "rate" and isinstance(value, float):
            out[key] = fmt_number(value, lang, 5)  # a fixed conversion rate: all its digits
        elif isinstance(value, float):
            out[key] = fmt_number(value, lang, 2)
        elif isinstance(value, list | tuple):
            out[key] = ", ".join(_arrow_item(str(v), lang, table) for v in value)
        elif isinstance(value, str) and value.startswith("@"):
            out[key] = t(value[1:], lang)  # a catalogue reference, e.g. "@quality.kind.number"
        else:
            out[key] = "" if value is None else str(value)
    return out


def _arrow_item(item: str, lang: str, table: str | None) -> str:
    """``"Сумма → revenue"`` with the canonical column in words (``"Сумма → выручка"``).

    A header that is the canonical name itself (``"client_id → client_id"``, as in the demo
    company's files) is said once, in words (``"код клиента"``).
    """
    if _ARROW not in item:
        return item
    header, _, canonical = item.rpartition(_ARROW)
    words = column_name(canonical, lang, table)
    if header.strip().casefold() == canonical.strip().casefold():
        return words
    return f"{header}{_ARROW}{words}"


@dataclass
class Issue:
    """One finding of the data-quality check.

    Parameters
    ----------
    level : {"error", "warning", "info"}
    table : str
        Canonical table it concerns ("sales", "clients", …; "" for the whole load).
    code : str
        Catalogue id of its text; placeholders come from ``count``, ``file``, ``column`` and ``fields``.
    count : int
        How many rows / values / items it concerns.
    file, column : str, optional
        Where (the user's own file name and column header).
    examples : list of str
        A few offending rows as ``"<row in the file>: '<value>'"``.
    fields : dict
        Other placeholders (JSON-safe values; a string starting with ``@`` is a catalogue id).
    """

    level: str
    table: str
    code: str
    count: int = 0
    file: str | None = None
    column: str | None = None
    examples: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {self.level!r}")

    def text(self, lang: str = "en") -> str:
        """The issue's sentence in ``lang`` (without examples); a count agrees with its noun."""
        fields = _fmt_fields({"count": int(self.count), "table": self.table, "file": self.file,
                              **self.fields}, lang, self.table)
        fields["count"] = fmt_number(int(self.count), lang)
        fields["column"] = self.column_text(lang)
        return tn(self.code, int(self.count), lang, **fields)  # a plain text serves every count

    def column_text(self, lang: str = "en") -> str:
        """The issue's column: the company's own header as it is, a canonical column in words."""
        if not self.column:
            return ""
        table = TABLES.get(self.table)
        if table is not None and self.column in table.columns:
            return column_name(self.column, lang, self.table)
        return self.column

    def where(self, lang: str = "en") -> str:
        """Where the issue is, for a person: "продажи · Сумма" (table and column in words)."""
        column = self.column_text(lang)
        return table_name(self.table, lang) + (f" · {column}" if column else "")


@dataclass
class TableStats:
    """What was read for one table."""

    table: str
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_kept: int = 0
    derived: bool = False
    columns: list[str] = field(default_factory=list)


@dataclass
class QualityReport:
    """The one data-quality report of a load: per-table statistics and a list of issues."""

    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, TableStats] = field(default_factory=dict)

    # -- building -----------------------------------------------------------------------------
    def add(self, level: str, table: str, code: str, count: int = 0, *, file=None, column=None,
            examples=(), **fields) -> Issue:
        """Add an issue and return it (see :class:`Issue` for the parameters)."""
        issue = Issue(level, table, code, int(count), None if file is None else str(file),
                      None if column is None else str(column), [str(e) for e in examples][:5],
                      dict(fields))
        self.issues.append(issue)
        return issue

    def name_currency(self, currency: str | None) -> None:
        """Give the amounts of the issues found so far the data's currency (ISO code; None: the default)."""
        if currency:
            for issue in self.issues:
                if _MONEY_FIELDS & issue.fields.keys():
                    issue.fields.setdefault("currency", currency)

    def stats(self, table: str) -> TableStats:
        """The statistics of ``table`` (created empty on first use)."""
        if table not in self.tables:
            self.tables[table] = TableStats(table)
        return self.tables[table]

    # -- reading ------------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """True when there is no error: the data can be used (warnings allowed)."""
        return not any(i.level == "error" for i in self.issues)

    def count(self, level: str) -> int:
        """Number of issues of ``level``."""
        return sum(i.level == level for i in self.issues)

    def find(self, code: str, table: str | None = None) -> list[Issue]:
        """The issues with catalogue id ``code`` (and of ``table`` when given)."""
        return [i for i in self.issues if i.code == code and (table is None or i.table == table)]

    def _problems(self) -> list[Issue]:
        order = {lvl: k for k, lvl in enumerate(LEVELS)}
        return sorted((i for i in self.issues if not i.code.startswith("quality.disables.")),
                      key=lambda i: order[i.level])  # stable: keeps the order found within a level

    def disabled_analyses(self, lang: str = "en") -> list[str]:
        """One sentence per missing optional table or column: what it disables."""
        return [i.text(lang) for i in self.issues if i.code.startswith("quality.disables.")]

    def summary(self, lang: str = "en") -> str:
        """One line: usable or not, with the number of errors and warnings ("2 ошибки")."""
        key = "quality.summary.ok" if self.ok else "quality.summary.error"
        return t(key, lang, errors=tn("quality.count.errors", self.count("error"), lang),
                 warnings=tn("quality.count.warnings", self.count("warning"), lang))

    def _table_rows(self, lang: str) -> list[dict[str, str]]:
        rows = []
        for name, st in self.tables.items():
            files = t("quality.derived", lang) if st.derived else ", ".join(st.files)
            rows.append({"name": name, "table": table_name(name, lang), "files": files,
                         "derived": st.derived,
                         "read": fmt_number(st.rows_read, lang) if not st.derived else "—",
                         "kept": fmt_number(st.rows_kept, lang),
                         "read_n": st.rows_read, "kept_n": st.rows_kept})
        return rows

    @staticmethod
    def _table_line(row: dict, lang: str) -> str:
        """One table of the plain-text report: "продажи: a.csv — прочитано 5 строк, оставлено 3"."""
        if row["derived"]:
            return t("quality.table_line.derived", lang, table=row["table"], files=row["files"],
                     rows=tn("quality.count.rows", row["kept_n"], lang))
        return t("quality.table_line", lang, table=row["table"], files=row["files"],
                 read=tn("quality.count.read", row["read_n"], lang),
                 kept=tn("quality.count.kept", row["kept_n"], lang))

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """The issues as a table with translated headers: level, table, file, column, count, message, examples."""
        cols = ["level", "table", "file", "column", "count", "message", "examples"]
        rows = [{"level": t(f"quality.level.{i.level}", lang), "table": table_name(i.table, lang),
                 "file": i.file or "", "column": i.column_text(lang), "count": i.count,
                 "message": i.text(lang), "examples": "; ".join(i.examples)}
                for i in self._problems()]
        rows += [{"level": t("quality.level.info", lang), "table": table_name(i.table, lang),
                  "file": "", "column": "", "count": 0, "message": i.text(lang), "examples": ""}
                 for i in self.issues if i.code.startswith("quality.disables.")]
        frame = pd.DataFrame(rows, columns=cols)
        return frame.rename(columns={c: t(f"quality.col.{c}", lang) for c in cols})

    def to_text(self, lang: str = "en") -> str:
        """The report as plain text (what ``kbcore validate`` prints)."""
        marks = {"error": "✗", "warning": "!", "info": "·"}
        lines = [t("quality.title", lang), self.summary(lang), ""]
        if self.tables:
            lines.append(t("quality.tables", lang))
            for row in self._table_rows(lang):
                lines.append("  " + self._table_line(row, lang))
            lines.append("")
        problems = self._problems()
        if problems:
            lines.append(t("quality.issues", lang))
            for issue in problems:
                lines.append(f"  {marks[issue.level]} [{issue.where(lang)}] {issue.text(lang)}")
                if issue.examples:
                    lines.append("      " + t("quality.examples", lang) + " "
                                 + "; ".join(issue.examples))
            lines.append("")
        disabled = self.disabled_analyses(lang)
        if disabled:
            lines.append(t("quality.missing", lang))
            lines.extend(f"  - {d}" for d in disabled)
        return "\n".join(lines).rstrip() + "\n"

    def to_html(self, lang: str = "en") -> str:
        """The report as an HTML fragment; every text from the data is escaped."""
        e = html.escape
        colours = {"error": "#b00020", "warning": "#a15c00", "info": "#555"}
        out = ['<div class="kb-quality">',
               f"<h3>{e(t('quality.title', lang))}</h3>",
               f'<p style="font-weight:bold;color:{"#1b5e20" if self.ok else "#b00020"}">'
               f"{e(self.summary(lang))}</p>"]
        if self.tables:
            heads = [t(f"quality.col.{k}", lang) for k in ("table", "file", "read", "kept")]
            out.append('<table class="kb-quality-tables"><thead><tr>'
                       + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr></thead><tbody>")
            for row in self._table_rows(lang):
                out.append("<tr>" + "".join(f"<td>{e(str(row[k]))}</td>"
                                            for k in ("table", "files", "read", "kept")) + "</tr>")
            out.append("</tbody></table>")
        problems = self._problems()

        def items(issues) -> None:
            for issue in issues:
                item = (f'<li><span style="color:{colours[issue.level]}">'
                        f"{e(t(f'quality.level.{issue.level}', lang))}</span> "
                        f"[{e(issue.where(lang))}] {e(issue.text(lang))}")
                if issue.examples:
                    item += (f"<br><small>{e(t('quality.examples', lang))} "
                             f"{e('; '.join(issue.examples))}</small>")
                out.append(item + "</li>")

        # errors and warnings are shown; how each file was read (info) is folded away
        serious = [i for i in problems if i.level != "info"]
        notes = [i for i in problems if i.level == "info"]
        if serious:
            out.append(f"<h4>{e(t('quality.issues', lang))}</h4><ul>")
            items(serious)
            out.append("</ul>")
        if notes:
            out.append(f"<details><summary>{e(tn('quality.notes', len(notes), lang))}</summary><ul>")
            items(notes)
            out.append("</ul></details>")
        disabled = self.disabled_analyses(lang)
        if disabled:
            out.append(f"<h4>{e(t('quality.missing', lang))}</h4><ul>")
            out.extend(f"<li>{e(d)}</li>" for d in disabled)
            out.append("</ul>")
        out.append("</div>")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return self.to_html("en")

    def __str__(self) -> str:
        return self.to_text("en")

    # -- persistence --------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """A JSON-safe dict (for the canonical cache)."""
        return {"issues": [asdict(i) for i in self.issues],
                "tables": {k: asdict(v) for k, v in self.tables.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> QualityReport:
        """The report saved by :meth:`to_dict`."""
        return cls(issues=[Issue(**i) for i in data.get("issues", [])],
                   tables={k: TableStats(**v) for k, v in data.get("tables", {}).items()})


# ---------------------------------------------------------------------------------------------
# checks on the canonical tables
# ---------------------------------------------------------------------------------------------

def _filled(df: pd.DataFrame | None, column: str) -> bool:
    return df is not None and column in df.columns and bool(df[column].notna().any())


def _examples(values, limit: int = 5) -> list[str]:
    return [str(v) for v in list(values)[:limit]]


def _check_returns(sales: pd.DataFrame, report: QualityReport) -> None:
    neg = sales[C.revenue] < 0
    if C.quantity in sales.columns:
        neg = neg | (sales[C.quantity] < 0)
    n = int(neg.sum())
    if n:
        money = float(-sales.loc[neg, C.revenue].clip(upper=0).sum())
        report.add("info", "sales", "quality.returns", n, money=round(money, 2))


def isin(values: pd.Series, pool: pd.Series) -> pd.Series:
    """``values.isin(pool)`` (NA is in a pool holding NA), by Polars for long text columns."""
    if len(values) < 10_000 or not (pd.api.types.is_string_dtype(values)
                                    and pd.api.types.is_string_dtype(pool)):
        return values.isin(pool)
    v = pl.Series(values.astype("string").array.__arrow_array__())
    p = pl.Series(pool.astype("string").array.__arrow_array__()).drop_nulls().unique()
    found = v.is_in(p.implode()).fill_null(bool(pool.isna().any())).to_numpy()
    return pd.Series(found, index=values.index)


def _duplicated(df: pd.DataFrame) -> pd.Series:
    """``df.duplicated(keep="first")``, the candidates found by Polars first.

    Polars marks every row that has an equal row (-0.0 taken for 0.0, so that it finds at least
    what pandas finds); pandas then decides among those few rows only.
    """
    if len(df) < 10_000:
        return df.duplicated(keep="first")
    cells = pl.from_pandas(df, include_index=False)
    cells = cells.with_columns([pl.col(c) + 0.0 for c, t in cells.schema.items() if t.is_float()])
    candidates = cells.is_duplicated().to_numpy()
    dup = np.zeros(len(df), dtype=bool)
    if candidates.any():
        dup[candidates] = df.loc[candidates].duplicated(keep="first").to_numpy()
    return pd.Series(dup, index=df.index)


def _check_duplicates(sales: pd.DataFrame, report: QualityReport) -> None:
    dup = _duplicated(sales)
    n = int(dup.sum())
    if n:
        cols = [c for c in (C.date, C.client_id, C.doc_id, C.product_id, C.revenue) if c in sales.columns]
        ex = sales.loc[dup, cols].head(5)
        examples = [" | ".join(str(v.date()) if isinstance(v, pd.Timestamp) else str(v)
                               for v in row) for row in ex.itertuples(index=False)]
        code = "quality.duplicates_doc" if _filled(sales, C.doc_id) else "quality.duplicates"
        report.add("warning", "sales", code, n, examples=examples)


def _check_keys(name: str, df: pd.DataFrame, report: QualityReport) -> pd.DataFrame:
    """Duplicate keys of a keyed table: first row kept, reported."""
    key = list(TABLES[name].key)
    if not key or not all(k in df.columns for k in key):
        return df
    dup = df.duplicated(subset=key, keep="first")
    n = int(dup.sum())
    if n:
        report.add("warning", name, "quality.duplicate_keys", n, columns=", ".join(key),
                   examples=_examples(df.loc[dup, key[0]].astype(str)))
        df = df.loc[~dup].reset_index(drop=True)
    return df


def _check_dates(name: str, df: pd.DataFrame, column: str, report: QualityReport) -> None:
    """Dates far from the rest of the data (a typo like 2204 or 1924): warned about, kept.

    The rule uses the data only (never today's date), so the report is reproducible: a date is
    suspicious when its year is before 1990 or more than 15 years away from the median date.
    """
    if column not in df.columns:
        return
    d = df[column].dropna()
    if d.empty:
        return
    k = len(d) // 2
    median = pd.Timestamp(np.partition(d.to_numpy(), k)[k])  # the middle of the sorted dates
    span = pd.Timedelta(days=round(365.25 * 15))
    odd = (d.dt.year < 1990) | (d < median - span) | (d > median + span)
    n = int(odd.sum())
    if n:
        bad = d[odd].sort_values()
        report.add("warning", name, "quality.dates_suspicious", n, column=column,
                   first=str(bad.iloc[0].date()), last=str(bad.iloc[-1].date()),
                   examples=_examples(bad.dt.strftime("%Y-%m-%d").unique()))


def _check_orphans(name: str, df: pd.DataFrame, client_ids: pd.Series, report: QualityReport) -> None:
    if C.client_id not in df.columns:
        return
    unknown = ~isin(df[C.client_id], client_ids) & df[C.client_id].notna()
    n = int(unknown.sum())
    if n:
        report.add("warning", name, "quality.orphans", n,
                   examples=_examples(df.loc[unknown, C.client_id].drop_duplicates()))


def _check_missing(tables: dict[str, pd.DataFrame | None], report: QualityReport) -> None:
    for (table, column), key in DISABLES.items():
        df = tables.get(table)
        if column is None:
            if df is None or df.empty:
                report.add("info", table, key)
        elif df is not None and not df.empty and not _filled(df, column):
            report.add("info", table, key, column=column)


def check_tables(tables: dict[str, pd.DataFrame | None], report: QualityReport) -> dict:
    """Run the checks that need the canonical tables; add their findings to ``report``.

    Checks: returns (count and money), exact duplicate sales lines (kept), duplicate keys of
    keyed tables (first kept), sales clients missing from the clients table (added to it, with
    their name when the sales carry one), rows of other tables that refer to unknown clients,
    sales products missing from the products table, suspicious dates, and the optional tables
    and columns that are missing (:data:`DISABLES`).

    Parameters
    ----------
    tables : dict
        ``{table name: canonical DataFrame or None}``; ``sales`` and ``clients`` are required.
    report : QualityReport
        Receives the findings.

    Returns
    -------
    dict
        The tables, with keyed tables de-duplicated and unknown sales clients added to ``clients``.
    """
    out = dict(tables)
    sales = out["sales"]
    _check_returns(sales, report)
    _check_duplicates(sales, report)
    for name in TABLES:
        if name != "sales" and out.get(name) is not None:
            out[name] = _check_keys(name, out[name], report)
    clients = out["clients"]

    # sales clients not in the clients table: added (with the name the sales carry), reported
    known = clients[C.client_id]
    missing = sales.loc[~isin(sales[C.client_id], known), C.client_id].drop_duplicates()
    if len(missing) and not report.tables.get("clients", TableStats("clients")).derived:
        extra = pd.DataFrame({C.client_id: missing.to_numpy()})
        if C.name in sales.columns and C.name in clients.columns:
            names = (sales.dropna(subset=[C.name]).drop_duplicates(C.client_id)
                     .set_index(C.client_id)[C.name])
            extra[C.name] = extra[C.client_id].map(names)
        extra = extra.astype({c: clients[c].dtype for c in extra.columns})
        report.add("warning", "clients", "quality.orphans_added", len(missing),
                   examples=_examples(missing))
        out["clients"] = pd.concat([clients, extra], ignore_index=True)
        out["clients"] = out["clients"].astype(clients.dtypes.to_dict())
        report.stats("clients").rows_kept = len(out["clients"])

    ids = out["clients"][C.client_id]
    for name in OPTIONAL_TABLES:
        if name != "clients" and out.get(name) is not None:
            _check_orphans(name, out[name], ids, report)
    products = out.get("products")
    if products is not None and _filled(sales, C.product_id):
        unknown = ~isin(sales[C.product_id], products[C.product_id]) & sales[C.product_id].notna()
        if unknown.any():
            report.add("warning", "sales", "quality.unknown_products", int(unknown.sum()),
                       examples=_examples(sales.loc[unknown, C.product_id].drop_duplicates()))

    for name, table in TABLES.items():
        df = out.get(name)
        if df is None:
            continue
        for column, kind in table.columns.items():
            if kind == "date":
                _check_dates(name, df, column, report)
    _check_missing(out, report)
    return out
