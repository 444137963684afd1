"""Views of the client card (карточка клиента).

:class:`kbcore.analyses.card.ClientCard` as HTML, and how complete the cards are
(:func:`kbcore.analyses.card.card_fill`) for people.

The card is one self-contained HTML fragment (inline CSS, an inline SVG sparkline for the yearly trend) that
shows in a notebook (``IPython.display.HTML``), in the card widget and in an exported report.
Every text that comes from the data — names, notes, positions, addresses — is escaped with
:func:`html.escape`, so a client called ``<script>`` shows as text and runs nothing.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from kbcore.analyses.card import ClientCard
from kbcore.i18n import catalogue, fmt_date, fmt_money, fmt_number, fmt_pct, t, tn
from kbcore.schema import C
from kbcore.views.worksheets import due_text

__all__ = ["card_fill_table", "card_html", "field_label", "sparkline_svg"]

_CSS = (
    "<style>"
    ".kb-card{font-family:'DejaVu Sans',Arial,sans-serif;font-size:13px;color:#222;"
    "border:1px solid #c9d3df;border-radius:6px;padding:12px 16px;max-width:980px;background:#fff}"
    ".kb-card h3{margin:0 0 4px 0;font-size:18px}"
    ".kb-card h4{margin:12px 0 4px 0;font-size:14px;color:#4a7fb5}"
    ".kb-card table{border-collapse:collapse;margin:2px 0}"
    ".kb-card td,.kb-card th{padding:2px 8px 2px 0;text-align:left;vertical-align:top}"
    ".kb-card th{color:#555;font-weight:normal}"
    ".kb-card .kb-num{text-align:right}"
    ".kb-card .kb-badge{display:inline-block;padding:1px 8px;border-radius:9px;margin-right:6px;"
    "background:#dce8f4;font-size:12px}"
    ".kb-card .kb-key{background:#ffe2bf}"
    ".kb-card .kb-gap{color:#c0392b}"
    ".kb-card .kb-cols{display:flex;gap:28px;flex-wrap:wrap}"
    ".kb-card .kb-cols>div{flex:1 1 420px;min-width:0}"
    "</style>"
)


def _esc(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "—"
    if isinstance(value, float) and math.isnan(value):
        return "—"
    return html.escape(str(value))


def _label(field: str, lang: str) -> str:
    """``card.col.<field>`` (card-specific header), else ``col.<field>``, else the name."""
    for key in (f"card.col.{field}", f"col.{field}"):
        if key in catalogue():
            return html.escape(t(key, lang))
    return html.escape(field)


def field_label(field: str, lang: str = "en") -> str:
    """The people's name of a card field id (catalogue ``col.<field>``, else the id)."""
    key = f"col.{field}"
    return t(key, lang) if key in catalogue() else str(field)


def card_fill_table(fill: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`~kbcore.analyses.card.card_fill` for people.

    The field ids as their names and ``recorded`` as yes / no (the numbers unchanged).
    """
    yes, no = t("card.yes", lang), t("card.no", lang)
    out = fill.assign(
        field=pd.array([field_label(f, lang) for f in fill["field"]], dtype="string"),
        recorded=pd.array([yes if r else no for r in fill["recorded"]], dtype="string"),
    )
    out.attrs.update(fill.attrs)
    return out


def _value(field: str, value, lang: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value)
    ):
        return "—"
    if field == C.key_account:
        return html.escape(t("card.yes" if bool(value) else "card.no", lang))
    if field == C.created:
        return html.escape(fmt_date(value, lang))
    if field == C.payment_terms_days:
        return html.escape(tn("card.days", value, lang))
    return _esc(value)


def sparkline_svg(years: pd.DataFrame, *, lang: str = "en", width: int = 260, height: int = 70) -> str:
    """A small inline SVG: revenue bars by year, gross margin as dots, year under each bar.

    Heights are proportional to the largest absolute value; negative values hang below the
    zero line. Each bar has a ``<title>`` (tooltip) with the year, revenue and margin.
    """
    if years.empty:
        return ""
    rev = years[C.revenue].astype("float64").fillna(0.0).tolist()
    gm = years["gross_margin"].astype("float64").tolist()
    values = [abs(v) for v in rev] + [abs(v) for v in gm if not math.isnan(v)]
    top = max(values) if values and max(values) > 0 else 1.0
    n = len(rev)
    slot = width / n
    bar = slot * 0.6
    plot_h = height - 16
    neg = any(v < 0 for v in rev + [g for g in gm if not math.isnan(g)])
    zero = plot_h / 2 if neg else plot_h
    scale = (plot_h / 2 if neg else plot_h) / top
    parts = [f'<svg width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(t("card.trend.title", lang))}">']
    for i, (year, r, g) in enumerate(zip(years["year"], rev, gm, strict=True)):
        x = i * slot + (slot - bar) / 2
        h = abs(r) * scale
        y = zero - h if r >= 0 else zero
        tip = html.escape(
            f"{int(year)}: {t('col.revenue', lang)} {fmt_money(r, lang)}; "
            f"{t('col.gross_margin', lang)} {fmt_money(g, lang) if not math.isnan(g) else '—'}"
        )
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 0.5):.1f}" '
                     f'fill="#4a7fb5"><title>{tip}</title></rect>')
        if not math.isnan(g):
            cy = zero - g * scale
            parts.append(f'<circle cx="{x + bar / 2:.1f}" cy="{cy:.1f}" r="3" fill="#2e8b57"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 3}" font-size="10" '
                     f'text-anchor="middle" fill="#555">{int(year)}</text>')
    parts.append(f'<line x1="0" x2="{width}" y1="{zero:.1f}" y2="{zero:.1f}" stroke="#8c8c8c" '
                 'stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def _table(df: pd.DataFrame | None, lang: str, *, dates=(), empty_key: str) -> str:
    if df is None:
        return ""
    if df.empty:
        return f'<p class="kb-gap">{html.escape(t(empty_key, lang))}</p>'
    head = "".join(f"<th>{_label(c, lang)}</th>" for c in df.columns)
    rows = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            v = row[c]
            if c in dates and not (v is pd.NaT or v is None or (isinstance(v, float) and math.isnan(v))):
                cells.append(f"<td style='white-space:nowrap'>{html.escape(fmt_date(v, lang))}</td>")
            else:
                text = _esc(v)
                key = f"card.value.{v}"
                if isinstance(v, str) and key in catalogue():
                    text = html.escape(t(key, lang))
                cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _due(value, lang: str) -> str:
    text = due_text(value, lang)
    return html.escape(text) if text else "—"


def _goals_html(goals: pd.DataFrame, lang: str) -> str:
    """The card's "Goals and tasks" part (block 5's worksheet), marked as an example when it is one."""
    title = t("sa.ws.card_title", lang)
    if goals.attrs.get("example"):
        title = t("kf.example", lang, label=title)
    parts = [f"<h4>{html.escape(title)}</h4>"]
    if goals.empty:
        parts.append(f"<p class='kb-gap'>{html.escape(t('sa.ws.card_none', lang))}</p>")
        return "".join(parts)
    head = "".join(f"<th>{html.escape(t(f'sa.ws.col.{c}', lang))}</th>" for c in goals.columns)
    rows = []
    for _, row in goals.iterrows():
        texts = {c: "" if pd.isna(row[c]) else str(row[c]).strip() for c in goals.columns}
        cells = [f"<td>{_due(v, lang) if c == 'due' else (_esc(v) if v else '—')}</td>" for c, v in texts.items()]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"<table><tr>{head}</tr>{''.join(rows)}</table>")
    return "".join(parts)


def card_html(card: ClientCard, lang: str = "en") -> str:
    """The client card as one HTML fragment (escaped; inline CSS and SVG).

    Parts: header (name, ID, stage, key account), identity fields, figures of the last 12
    months, the yearly trend (sparkline and table), the DMU contacts, the last interactions,
    the client's goals and tasks (block 5's worksheet, when the card has them) and the data gaps.
    """
    ident = card.identity
    s = card.summary
    badges = [f'<span class="kb-badge">{html.escape(t("col.client_id", lang))}: '
              f"{html.escape(card.client_id)}</span>"]
    if card.stage:
        stage_key = f"stage.{card.stage}"
        stage = t(stage_key, lang) if stage_key in catalogue() else card.stage
        badges.append(f'<span class="kb-badge">{html.escape(t("card.stage", lang))}: '
                      f"{html.escape(stage)}</span>")
    if C.key_account in ident.index and ident[C.key_account] is not pd.NA and bool(
        ident[C.key_account] if not pd.isna(ident[C.key_account]) else False
    ):
        badges.append(f'<span class="kb-badge kb-key">{html.escape(t("card.key", lang))}</span>')
    out = [_CSS, '<div class="kb-card">', f"<h3>{_esc(ident.get(C.name, card.client_id))}</h3>",
           "<div>" + "".join(badges) + "</div>"]

    # identity
    rows = [f"<tr><th>{_label(f, lang)}</th><td>{_value(f, v, lang)}</td></tr>"
            for f, v in ident.items() if f != C.name]
    ident_html = (f"<h4>{html.escape(t('card.identity', lang))}</h4><table>{''.join(rows)}</table>"
                  if rows else "")

    # figures
    def money(v):
        return fmt_money(v, lang) if pd.notna(v) else "—"

    last = s.get("last_date")
    last_text = "—"
    if last is not None and not pd.isna(last):
        days = s.get("days_since_last")
        last_text = (tn("card.last_order_ago", days, lang, date=fmt_date(last, lang))
                     if pd.notna(days) else fmt_date(last, lang))
    figures = [
        ("revenue_12m", money(s.get("revenue_12m"))),
        ("gross_margin_12m", money(s.get("gross_margin_12m"))),
        ("orders_per_year", fmt_number(s.get("orders_per_year"), lang, 1)
         if pd.notna(s.get("orders_per_year")) else "—"),
        ("days_between_orders", fmt_number(s.get("days_between_orders"), lang)
         if pd.notna(s.get("days_between_orders")) else "—"),
        ("first_date", fmt_date(s.get("first_date"), lang) if pd.notna(s.get("first_date")) else "—"),
        ("last_date", last_text),
        ("products", fmt_number(s.get("products"), lang) if pd.notna(s.get("products")) else "—"),
        ("categories", fmt_number(s.get("categories"), lang)
         if pd.notna(s.get("categories")) else "—"),
        (C.potential, money(s.get(C.potential))),
        ("share_of_wallet", fmt_pct(s.get("share_of_wallet"), lang, 1)
         if pd.notna(s.get("share_of_wallet")) else "—"),
    ]
    fig_rows = "".join(f"<tr><th>{_label(k, lang)}</th><td class='kb-num'>{html.escape(v)}</td></tr>"
                       for k, v in figures)
    fig_html = f"<h4>{html.escape(t('card.figures', lang))}</h4><table>{fig_rows}</table>"

    # trend
    trend = ""
    if not card.years.empty:
        yr = card.years
        head = "".join(f"<th>{int(y)}</th>" for y in yr["year"])
        rev = "".join(f"<td class='kb-num'>{html.escape(money(v))}</td>" for v in yr[C.revenue])
        gm = "".join(f"<td class='kb-num'>{html.escape(money(v))}</td>" for v in yr["gross_margin"])
        orders = "".join(f"<td class='kb-num'>{html.escape(fmt_number(v, lang))}</td>"
                         for v in yr["orders"])
        trend = (f"<h4>{html.escape(t('card.trend.title', lang))}</h4>"
                 f"{sparkline_svg(yr, lang=lang)}"
                 f"<table><tr><th></th>{head}</tr>"
                 f"<tr><th>{_label('revenue', lang)}</th>{rev}</tr>"
                 f"<tr><th>{_label('gross_margin', lang)}</th>{gm}</tr>"
                 f"<tr><th>{_label('orders', lang)}</th>{orders}</tr></table>")
    else:
        trend = f"<p class='kb-gap'>{html.escape(t('card.no_sales', lang))}</p>"

    out.append(f"<div class='kb-cols'><div>{ident_html}</div><div>{fig_html}{trend}</div></div>")
    if card.contacts is not None:
        out.append(f"<h4>{html.escape(t('card.contacts', lang))}</h4>")
        out.append(_table(card.contacts, lang, dates=(C.last_contact,), empty_key="card.no_contacts"))
    if card.interactions is not None:
        out.append(f"<h4>{html.escape(t('card.interactions', lang))}</h4>")
        out.append(_table(card.interactions, lang, dates=(C.date,),
                          empty_key="card.no_interactions"))
    if card.goals is not None:
        out.append(_goals_html(card.goals, lang))
    out.append(f"<h4>{html.escape(t('card.gaps', lang))}</h4>")
    if card.gaps:
        names = ", ".join(_label(g, lang) for g in card.gaps)
        out.append(f"<p class='kb-gap'>{names}</p>")
    else:
        out.append(f"<p>{html.escape(t('card.no_gaps', lang))}</p>")
    out.append(f"<p style='color:#777;font-size:11px'>"
               f"{html.escape(t('card.as_of', lang, date=fmt_date(card.as_of, lang)))}</p>")
    out.append("</div>")
    return "".join(out)
