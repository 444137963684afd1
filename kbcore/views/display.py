"""Small display helpers for the notebooks: formatted tables, "this part needs …" notes.

They only format and display; they compute nothing a reader would need to check.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import HTML

from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t
from kbcore.ingest.dataset import summary_fields

__all__ = ["header", "styled", "needs", "loaded_summary", "quality_report"]

_MONEY = {"revenue", "cost", "gross_margin", "discount", "cts_orders", "cts_deliveries",
          "cts_visits", "cts_credit", "cost_to_serve", "profit", "value_money", "list_revenue",
          "potential", "returns",
          # blocks 2, 5, 6
          "revenue_window", "revenue_prev_window", "monetary", "revenue_12m", "money_in_hand",
          "money_on_table", "money_in_market", "money_total", "first_revenue", "plan", "baseline",
          "uplift", "new_clients_plan", "plan_margin", "revenue_base", "actual"}
_PCT = {"gross_margin_pct", "profit_pct", "profit_margin", "discount_rate", "revenue_share",
        "profit_share", "cum_share", "client_share", "share",
        # blocks 2, 5, 6
        "known_share", "value_share", "monetary_share", "top_share", "target_client_share",
        "cum_share_before", "median_cv", "completion", "plan_growth", "plan_share", "penetration"}
_INT = {"clients", "orders", "deliveries", "visits", "lines", "rank", "year",
        # blocks 2, 5, 6
        "clients_known", "orders_window", "purchase_days", "days_since_last", "target_clients",
        "recency_days", "frequency", "periods", "active_periods", "r", "f", "m", "due_days",
        "priority", "order"}


def header(column: str, lang: str = "en") -> str:
    """The people's header of a column: catalogue id ``col.<column>`` or the name itself."""
    key = f"col.{column}"
    return t(key, lang) if key in catalogue() else str(column)


def styled(df: pd.DataFrame, lang: str = "en", *, money: Iterable[str] = (), pct: Iterable[str] = (),
           ints: Iterable[str] = (), max_rows: int | None = 20, index: bool = False,
           labels: dict[str, str] | None = None, currency: str | None = None):
    """A pandas Styler of ``df`` with locale-formatted numbers and translated headers.

    Columns are formatted by name: money (``revenue``, ``profit`` …), shares (``*_share``, ``*_pct``)
    and counts are recognised; pass ``money``/``pct``/``ints`` to add others. Text cells are escaped.
    ``labels`` gives the header of some columns in full (e.g. :func:`~kbcore.views.crm.crm_headers`,
    whose revenue header names its window); the others are translated from the catalogue.
    ``currency`` is the ISO code of the money columns (None: the default, the rouble).
    """
    view = df.head(max_rows) if max_rows else df
    cur = {} if currency is None else {"currency": currency}
    money, pct, ints = set(money) | _MONEY, set(pct) | _PCT, set(ints) | _INT
    formats = {}
    for col in view.columns:
        if col in pct:
            formats[col] = lambda v, _l=lang: fmt_pct(v, _l, 1)
        elif col in money:
            formats[col] = lambda v, _l=lang: fmt_money(v, _l, **cur)
        elif col == "year":
            formats[col] = str
        elif col in ints:
            formats[col] = lambda v, _l=lang: fmt_number(v, _l)
        elif pd.api.types.is_datetime64_any_dtype(view[col]):
            formats[col] = lambda v, _l=lang: fmt_date(v, _l)
        elif pd.api.types.is_float_dtype(view[col]):
            formats[col] = lambda v, _l=lang: fmt_number(v, _l, 2)
    styler = view.style.format(formats, escape="html")
    # text reads from the left, numbers line up on the right
    text = [c for c in view.columns
            if c not in formats and not pd.api.types.is_numeric_dtype(view[c])
            and not pd.api.types.is_bool_dtype(view[c])]
    if text:
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
        styler = styler.set_table_styles(
            {c: [{"selector": "th", "props": "text-align: left"}] for c in text}, overwrite=False)
    labels = labels or {}
    styler = styler.relabel_index([labels.get(str(c)) or header(c, lang) for c in view.columns], axis=1)
    if not index:
        styler = styler.hide(axis="index")
    return styler


def needs(what_key: str, how_key: str, lang: str = "en") -> str:
    """One sentence: which data this part needs and how to provide it (section skipped)."""
    return t("ui.needs", lang, what=t(what_key, lang), how=t(how_key, lang))


def loaded_summary(dataset, lang: str = "en") -> str:
    """One line describing what was loaded: source, sales lines, clients, date range.

    The counts agree with their nouns (``ru``: "1 строка продаж", "5 строк продаж", "21 клиент").
    """
    return t("ui.loaded", lang, **summary_fields(dataset.sales, dataset.source, lang))


def quality_report(dataset, lang: str = "en"):
    """The dataset's data-quality report, displayable in a notebook, in ``lang``."""
    return HTML(dataset.quality.to_html(lang))
