"""Block 3 · The four principles of a CRM strategy («И.Д.В.О.»), measured on the data.

The seminar's block 3 («Возможности клиентской базы») names four principles of CRM strategy.
Our default reading is Peppers & Rogers' IDIC: **identify** the clients, **differentiate**
them by value, **interact** with them, **customise** the offer. Each principle is measured on
the company's own data and scored 0..1, to be set beside the participants' self-assessment:

============== ================================================================================
principle      measured as (all "our reading" of Peppers, Rogers & Dorf 1999)
============== ================================================================================
identify       card completeness: the mean fill of the card fields (block 2's
               :func:`~kbcore.analyses.completeness.card_fields`)
differentiate  ABC classes by revenue of the last 12 months treated differently: CRM records per
               client and discount rate of class A against class C
               (:func:`differentiation_by_class`)
interact       the share of the last 12 months' revenue from clients with a CRM record in those
               months (:func:`interaction_by_class`)
customise      how much assortment breadth, discount and payment terms differ between segments
               (:func:`customisation_by_segment`)
============== ================================================================================

A score that the data cannot give is NaN with the id of what is missing (``"clients"``,
``"interactions"``, ``"discount"``, ``"segment"``, ``"abc_classes"``); the functions return
numbers and ids, never sentences, and never take a language.

Source: D. Peppers, M. Rogers and B. Dorf, "Is your company ready for one-to-one marketing?",
*Harvard Business Review* 77(1), 1999, pp. 151–160 (the four implementation steps identify,
differentiate, interact, customise). The mappings of the measures to 0..1 are our reading.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kbcore.analyses._assess import (
    abc_window,
    client_discount_rate,
    has_discount,
    ids,
    missing,
    table,
)
from kbcore.analyses._window import months_back
from kbcore.analyses.completeness import CARD_FIELDS, card_fields
from kbcore.analyses.profile import _breadth
from kbcore.analyses.profitability import VISIT_KINDS
from kbcore.analyses.segmentation import ABC_CLASSES
from kbcore.facts import Facts, between, period_bounds
from kbcore.schema import C

__all__ = [
    "PRINCIPLES",
    "IDIC_COLUMNS",
    "FULL_RATIO",
    "FULL_CV",
    "ALL",
    "idic_measures",
    "differentiation_by_class",
    "interaction_by_class",
    "customisation_by_segment",
]

PRINCIPLES = ("identify", "differentiate", "interact", "customise")
"""Principle ids in their order (catalogue ``idic.<id>``)."""

IDIC_COLUMNS = ["principle", "score", "measure", "value", "measure_2", "value_2", "missing"]

FULL_RATIO = 3.0
"""A/C ratio of treatment that counts as full differentiation (score 1): our reading."""

FULL_CV = 0.5
"""Coefficient of variation between segments that counts as full customisation: our reading."""

ALL = "all"
"""The row of all classes (or segments) together."""


def _at(facts: Facts, as_of) -> pd.Timestamp:
    return facts.as_of if as_of is None else period_bounds(None, as_of)[1]


def _crm(interactions: pd.DataFrame | None) -> pd.DataFrame | None:
    """The CRM records with a date and a client, or None."""
    if interactions is None or not {C.date, C.client_id} <= set(interactions.columns):
        return None
    return interactions


def _is_visit(rows: pd.DataFrame, visit_kinds) -> np.ndarray:
    if C.kind not in rows.columns:
        return np.zeros(len(rows), dtype=bool)
    kinds = {k.strip().casefold() for k in visit_kinds}
    return rows[C.kind].astype("string").str.strip().str.casefold().isin(kinds).fillna(False).to_numpy(bool)


def _class_rows(frame: pd.DataFrame, sums: dict[str, str], means: dict[str, str]) -> pd.DataFrame:
    """Per ABC class (every class listed) and for all: clients, Σ of ``sums``, mean of ``means``."""
    grouped = frame.groupby("abc", observed=True)
    parts = {"clients": grouped.size()}
    parts.update({out: grouped[col].sum(min_count=1) for out, col in sums.items()})
    parts.update({out: grouped[col].mean() for out, col in means.items()})
    out = pd.DataFrame(parts).reindex(list(ABC_CLASSES))
    total = {"clients": len(frame)}
    total.update({o: frame[c].sum(min_count=1) for o, c in sums.items()})
    total.update({o: frame[c].mean() for o, c in means.items()})
    out.loc[ALL] = pd.Series(total)
    out["clients"] = out["clients"].fillna(0).astype("int64")
    return out.rename_axis("abc").reset_index().astype({"abc": "string"})


# --------------------------------------------------------------------------- differentiate
def differentiation_by_class(
    facts: Facts,
    interactions: pd.DataFrame | None = None,
    *,
    as_of=None,
    months: int = 12,
    visit_kinds: tuple[str, ...] = VISIT_KINDS,
) -> pd.DataFrame:
    """Are clients of different value treated differently? Discount and contact by ABC class.

    Parameters
    ----------
    facts : Facts
        The sales facts; the ABC classes are by revenue over the last ``months`` to ``as_of``
        (:func:`kbcore.analyses.segmentation.abc`, cuts 80 / 95 %).
    interactions : DataFrame, optional
        CRM records (date, client_id, kind). None → contact frequency unknown.
    as_of : date-like, optional
        End of the window (default ``facts.as_of``).
    months : int
        Window length in months (default 12).
    visit_kinds : tuple of str
        Interaction kinds that count as a visit (default ``("visit",)``, as block 1).

    Returns
    -------
    DataFrame
        One row per class A, B, C and a row ``"all"``: ``abc, clients, revenue,
        discount_rate, records_per_year, visits_per_year`` where, over the clients of the
        class buying in the window::

            discount_rate    = mean over clients of discount / list revenue
            records_per_year = Σ CRM records in the window / clients × 12 / months
            visits_per_year  = the same for visits

        ``attrs``: ``contact_ratio`` = records_per_year(A) / records_per_year(C),
        ``discount_ratio`` = discount_rate(A) / discount_rate(C) (NaN when undefined),
        ``score`` (see :func:`idic_measures`), ``missing`` ids (``"interactions"``,
        ``"discount"``, ``"abc_classes"`` when A or C is empty), ``window``.

    Source: Peppers, Rogers & Dorf (1999), "differentiate": treat the most valuable clients
    differently; ABC after Dickie (1951). The score mapping is our reading.
    """
    at = _at(facts, as_of)
    lo, hi = months_back(at, months)
    per = abc_window(facts, at, months)
    per["rate"] = client_discount_rate(per) if has_discount(facts) else np.nan
    crm = _crm(interactions)
    if crm is not None:
        rows = between(crm, lo, hi)
        cid = ids(rows[C.client_id])
        records = cid.value_counts()
        visits = cid.loc[_is_visit(rows, visit_kinds)].value_counts()
        per["records"] = per[C.client_id].map(records).fillna(0).astype("float64")
        per["visits"] = per[C.client_id].map(visits).fillna(0).astype("float64")
    else:
        per["records"] = np.nan
        per["visits"] = np.nan
    out = _class_rows(per, {C.revenue: C.revenue, "records": "records", "visits": "visits"},
                      {"discount_rate": "rate"})
    per_year = 12.0 / int(months)
    n = out["clients"].where(out["clients"] > 0)
    out["records_per_year"] = out.pop("records") / n * per_year
    out["visits_per_year"] = out.pop("visits") / n * per_year
    out[C.revenue] = out[C.revenue].fillna(0.0)
    out = out[["abc", "clients", C.revenue, "discount_rate", "records_per_year", "visits_per_year"]]
    by = out.set_index("abc")
    classes_ok = by.loc["A", "clients"] > 0 and by.loc["C", "clients"] > 0
    contact = _ratio(by.loc["A", "records_per_year"], by.loc["C", "records_per_year"])
    discount = _ratio(by.loc["A", "discount_rate"], by.loc["C", "discount_rate"])
    parts = [_directed(contact), _spread(discount)]
    known = [p for p in parts if not math.isnan(p)]
    out.attrs.update(
        contact_ratio=contact,
        discount_ratio=discount,
        score=float(np.mean(known)) if known else np.nan,
        missing=missing("" if crm is not None else "interactions",
                        "" if has_discount(facts) else "discount",
                        "" if classes_ok else "abc_classes"),
        window=(lo, hi),
    )
    return out


def _ratio(a: float, c: float) -> float:
    """The ratio a / c; +inf when c = 0 < a; 1 when both are 0; NaN when either is unknown."""
    if pd.isna(a) or pd.isna(c):
        return np.nan
    if c == 0:
        return 1.0 if a == 0 else math.inf
    return float(a) / float(c)


def _directed(ratio: float, full: float = FULL_RATIO) -> float:
    """clip(ln ratio / ln full, 0, 1): more for A than for C scores, less does not."""
    if math.isnan(ratio):
        return np.nan
    if ratio <= 0:
        return 0.0
    return float(min(1.0, max(0.0, math.log(ratio) / math.log(full))))


def _spread(ratio: float, full: float = FULL_RATIO) -> float:
    """clip(|ln ratio| / ln full, 0, 1): a difference in either direction scores."""
    if math.isnan(ratio):
        return np.nan
    if ratio <= 0:
        return 1.0
    return float(min(1.0, abs(math.log(ratio)) / math.log(full)))


# --------------------------------------------------------------------------- interact
def interaction_by_class(
    facts: Facts,
    interactions: pd.DataFrame | None,
    *,
    as_of=None,
    months: int = 12,
) -> pd.DataFrame:
    """Are we in dialogue with our clients? CRM coverage and recency by ABC class.

    Parameters
    ----------
    facts : Facts
        The sales facts: the clients buying in the last ``months`` to ``as_of`` and their ABC
        class by revenue.
    interactions : DataFrame or None
        CRM records (date, client_id). None → every measure NaN, ``"interactions"`` missing.
    as_of, months
        As in :func:`differentiation_by_class`.

    Returns
    -------
    DataFrame
        Rows A, B, C, ``"all"``: ``abc, clients, covered, coverage, revenue,
        revenue_covered_share, median_days_since, never`` where, over the clients of the class
        buying in the window::

            covered               = clients with ≥ 1 CRM record in the window
            coverage              = covered / clients
            revenue_covered_share = Σ revenue of covered clients / Σ revenue    (NaN if Σ ≤ 0)
            median_days_since     = median of (as_of − last CRM record on or before as_of) in
                                    days, over the clients with any record
            never                 = clients with no CRM record on or before as_of

        ``attrs["missing"]`` and ``attrs["window"]``.

    Source: Peppers, Rogers & Dorf (1999), "interact": a continuing dialogue with each
    valuable client; our reading of the measures.
    """
    at = _at(facts, as_of)
    lo, hi = months_back(at, months)
    per = abc_window(facts, at, months)
    crm = _crm(interactions)
    if crm is not None:
        upto = between(crm, None, hi)
        cid = ids(upto[C.client_id])
        last = upto[C.date].groupby(cid.to_numpy()).max()
        last_date = per[C.client_id].map(last)
        per["days_since"] = (at - pd.to_datetime(last_date)).dt.days.astype("float64")
        per["covered"] = (last_date >= lo).fillna(False).astype("float64")
        per["never"] = last_date.isna().astype("float64")
    else:
        per["days_since"] = np.nan
        per["covered"] = np.nan
        per["never"] = np.nan
    per["rev_covered"] = per[C.revenue] * per["covered"]
    out = _class_rows(per, {"covered": "covered", C.revenue: C.revenue,
                            "rev_covered": "rev_covered", "never": "never"},
                      {"median_days_since": "days_since"})
    # the mean of _class_rows is replaced by the median per class
    med = per.groupby("abc", observed=True)["days_since"].median()
    out["median_days_since"] = out["abc"].map(med).astype("float64")
    out.loc[out["abc"] == ALL, "median_days_since"] = per["days_since"].median()
    n = out["clients"].where(out["clients"] > 0)
    out["coverage"] = out["covered"] / n
    rev = out[C.revenue].fillna(0.0)
    out[C.revenue] = rev
    out["revenue_covered_share"] = (out.pop("rev_covered") / rev).where(rev > 0)
    out = out[["abc", "clients", "covered", "coverage", C.revenue, "revenue_covered_share",
               "median_days_since", "never"]]
    out.attrs.update(missing=missing("" if crm is not None else "interactions"), window=(lo, hi))
    return out


# --------------------------------------------------------------------------- customise
def customisation_by_segment(
    facts: Facts,
    clients: pd.DataFrame | None,
    products: pd.DataFrame | None = None,
    *,
    as_of=None,
    months: int = 12,
    full_cv: float = FULL_CV,
) -> pd.DataFrame:
    """Is the offer customised? Assortment, discount and payment terms per segment.

    Parameters
    ----------
    facts : Facts
        The sales facts (lines for the categories bought; facts for the discounts).
    clients : DataFrame or None
        ``segment`` and ``payment_terms_days`` per client. No segment → ``"segment"`` missing.
    products : DataFrame, optional
        ``category`` per product (or ``sales.category``). Neither → breadth unknown.
    as_of, months
        The window (the last ``months`` to ``as_of``, default 12).
    full_cv : float
        The between-segment coefficient of variation that counts as full customisation
        (default 0.5; our reading).

    Returns
    -------
    DataFrame
        One row per segment of the clients buying in the window (sorted), then ``"all"``:
        ``segment, clients, categories_per_client, discount_rate, terms_mean, terms_std``::

            categories_per_client = mean distinct product categories bought in the window
            discount_rate         = mean over clients of discount / list revenue
            terms_mean, terms_std = mean and standard deviation (ddof 0) of payment_terms_days

        Clients without a segment are left out (``attrs["unsegmented"]`` counts them).
        ``attrs["score"]``: for each measure m of (categories_per_client, discount_rate,
        terms_mean) known in at least two segments::

            cv_m    = std(segment values of m, ddof 0) / mean(segment values of m)
            part_m  = min(1, cv_m / full_cv)
            score   = mean of the part_m       (NaN when none is known; "segment" missing
                                                with fewer than two segments)

        ``attrs["cv"]`` holds the cv_m; ``attrs["missing"]`` the ids (``"segment"``,
        ``"categories"``, ``"discount"``, ``"payment_terms"``).

    Source: Peppers, Rogers & Dorf (1999), "customise": adapt the offer (products, price,
    terms) to what each client group is worth and needs; the dispersion measure is our reading.
    """
    at = _at(facts, as_of)
    lo, hi = months_back(at, months)
    per = abc_window(facts, at, months)
    cols = [] if clients is None else list(clients.columns)
    gaps = []
    cards = None
    if clients is not None and C.client_id in cols:
        cards = clients.assign(**{C.client_id: ids(clients[C.client_id])}).drop_duplicates(C.client_id)
        cards = cards.set_index(C.client_id)
    if cards is not None and C.segment in cols:
        seg = cards[C.segment].astype("string").str.strip().replace("", pd.NA)
        per["segment"] = per[C.client_id].map(seg).astype("string")
    else:
        per["segment"] = pd.Series(pd.NA, index=per.index, dtype="string")
        gaps.append("segment")
    if cards is not None and C.payment_terms_days in cols:
        terms = pd.to_numeric(cards[C.payment_terms_days], errors="coerce")
        per["terms"] = per[C.client_id].map(terms).astype("float64")
    else:
        per["terms"] = np.nan
        gaps.append("payment_terms")
    per["rate"] = client_discount_rate(per) if has_discount(facts) else np.nan
    if not has_discount(facts):
        gaps.append("discount")
    lines = between(facts.sales, lo, hi)
    ship = (lines[C.revenue].astype("float64") >= 0).to_numpy(bool) if len(lines) else None
    breadth = _breadth(lines, products, ship)
    cats = breadth["categories"] if len(breadth) else pd.Series(dtype="float64")
    cats.index = cats.index.astype("string")
    per["categories"] = per[C.client_id].map(cats).astype("float64")
    if per["categories"].isna().all():
        gaps.append("categories")
    unsegmented = int(per["segment"].isna().sum())
    seg_rows = per.loc[per["segment"].notna()]
    grouped = seg_rows.groupby("segment", sort=True)
    out = pd.DataFrame({
        "clients": grouped.size(),
        "categories_per_client": grouped["categories"].mean(),
        "discount_rate": grouped["rate"].mean(),
        "terms_mean": grouped["terms"].mean(),
        "terms_std": grouped["terms"].std(ddof=0),
    })
    out.loc[ALL] = pd.Series({
        "clients": len(seg_rows), "categories_per_client": seg_rows["categories"].mean(),
        "discount_rate": seg_rows["rate"].mean(), "terms_mean": seg_rows["terms"].mean(),
        "terms_std": seg_rows["terms"].std(ddof=0),
    })
    out["clients"] = out["clients"].astype("int64")
    out = out.rename_axis("segment").reset_index().astype({"segment": "string"})
    segments = out.loc[out["segment"] != ALL]
    cv = {}
    for m in ("categories_per_client", "discount_rate", "terms_mean"):
        values = segments[m].dropna().to_numpy(dtype="float64")
        mean = values.mean() if len(values) >= 2 else np.nan
        cv[m] = float(values.std() / mean) if len(values) >= 2 and mean > 0 else np.nan
    if len(segments) < 2:
        gaps.append("segment")
    parts = [min(1.0, v / float(full_cv)) for v in cv.values() if not math.isnan(v)]
    out.attrs.update(
        score=float(np.mean(parts)) if parts and len(segments) >= 2 else np.nan,
        cv=cv, unsegmented=unsegmented, missing=missing(*gaps), window=(lo, hi),
    )
    return out


# --------------------------------------------------------------------------- the four scores
def _identify(clients: pd.DataFrame | None, contacts: pd.DataFrame | None) -> tuple:
    if clients is None or C.client_id not in clients.columns:
        return np.nan, np.nan, np.nan, "clients"
    fields = card_fields(clients, contacts).set_index("field")
    if not fields["clients"].iloc[0]:
        return np.nan, np.nan, np.nan, "clients"
    fill = float(fields.loc[list(CARD_FIELDS), "known_share"].mean())
    return fill, fill, float(fields.loc["complete", "known_share"]), ""


def idic_measures(ds, facts: Facts, *, as_of=None, months: int = 12) -> pd.DataFrame:
    """The four IDIC principles measured on the data, each scored 0..1.

    Parameters
    ----------
    ds : Dataset
        The company's tables (:class:`kbcore.ingest.Dataset`): clients, contacts,
        interactions and products are used when present; a sales-only export works.
    facts : Facts
        The sales facts (``Facts.of(ds)``).
    as_of : date-like, optional
        The analysis date (default ``facts.as_of``).
    months : int
        The window of the measures: the last ``months`` to ``as_of`` (default 12).

    Returns
    -------
    DataFrame
        ``IDIC_COLUMNS``: one row per principle of ``PRINCIPLES``, with ``score`` in [0, 1]
        (NaN when the data cannot give it: ``missing`` then holds the ids, comma-separated)
        and the two numbers behind it (``measure``/``measure_2`` are their ids)::

            identify       score = mean over the card fields (name, tax ID, phone, e-mail,
                                   address, decision maker) of the share of cards filling it
                           measure "card_fill" (= score), measure_2 "complete_share" (cards
                           with every field)
            differentiate  r_contact = CRM records per client a year, class A / class C
                           r_disc    = discount rate, class A / class C
                           score = mean of the known parts
                                   clip(ln r_contact / ln 3, 0, 1)   (A contacted 3× as often
                                                                      as C → 1; less → 0)
                                   min(1, |ln r_disc| / ln 3)         (a discount three times
                                                                      as deep, or a third → 1)
                           measure "contact_ratio", measure_2 "discount_ratio"
            interact       score = share of the window's revenue from clients with a CRM record
                                   in the window; measure "revenue_covered_share" (= score),
                                   measure_2 "median_days_since" (last record, all clients)
            customise      score = :func:`customisation_by_segment`'s score (between-segment
                                   coefficient of variation of breadth, discount and terms,
                                   / 0.5, capped at 1); measure "segments", measure_2 "mean_cv"

        ``attrs["missing"]`` collects every id; ``attrs["as_of"]`` the date.

    Notes
    -----
    Sales-only: identify comes from what the cards derived from the sales hold (a name; the
    other fields count as not recorded), differentiate from discounts only, interact is
    missing, customise is missing without segments.

    Source: D. Peppers, M. Rogers and B. Dorf, "Is your company ready for one-to-one
    marketing?", HBR 77(1), 1999. The measures and their mapping to 0..1 are our reading.
    """
    at = _at(facts, as_of)
    clients = table(ds, "clients")
    contacts = table(ds, "contacts")
    interactions = table(ds, "interactions")
    products = table(ds, "products")
    rows = []
    score, fill, complete, gap = _identify(clients, contacts)
    rows.append(("identify", score, "card_fill", fill, "complete_share", complete, gap))

    diff = differentiation_by_class(facts, interactions, as_of=at, months=months)
    rows.append(("differentiate", diff.attrs["score"], "contact_ratio", diff.attrs["contact_ratio"],
                 "discount_ratio", diff.attrs["discount_ratio"], ",".join(diff.attrs["missing"])))

    inter = interaction_by_class(facts, interactions, as_of=at, months=months).set_index("abc")
    share = float(inter.loc[ALL, "revenue_covered_share"])
    rows.append(("interact", share, "revenue_covered_share", share, "median_days_since",
                 float(inter.loc[ALL, "median_days_since"]), ",".join(
                     missing("" if interactions is not None else "interactions",
                             "" if interactions is None or not math.isnan(share) else "revenue"))))

    cust = customisation_by_segment(facts, clients, products, as_of=at, months=months)
    cvs = [v for v in cust.attrs["cv"].values() if not math.isnan(v)]
    rows.append(("customise", cust.attrs["score"], "segments", float((cust["segment"] != ALL).sum()),
                 "mean_cv", float(np.mean(cvs)) if cvs else np.nan,
                 ",".join(cust.attrs["missing"])))
    out = pd.DataFrame(rows, columns=IDIC_COLUMNS)
    out["score"] = out["score"].astype("float64")
    out["value"] = out["value"].astype("float64")
    out["value_2"] = out["value_2"].astype("float64")
    out["missing"] = out["missing"].replace("", pd.NA).astype("string")
    for col in ("principle", "measure", "measure_2"):
        out[col] = out[col].astype("string")
    out.attrs["missing"] = missing(*",".join(out["missing"].dropna()).split(","))
    out.attrs["as_of"] = at
    return out
