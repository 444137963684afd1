"""The analyses' private speed helpers give exactly what the plain pandas they replace gives."""

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from kbcore.analyses._window import id_codes, sort_by, span, years
from kbcore.facts import Facts
from tests.test_facts import _sales


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, (None, None)),
        ("2024-01-10", "2025-02-01", (None, None)),  # the first and last sales days: open
        ("2023-01-01", "2030-12-31", (None, None)),
        ("2024-01-11", None, (pd.Timestamp("2024-01-11"), None)),
        (None, "2025-01-31", (None, pd.Timestamp("2025-01-31"))),
        ("2024-01-11", "2030-01-01", (pd.Timestamp("2024-01-11"), pd.Timestamp("2030-01-01"))),
    ],
)
def test_span_opens_a_window_that_cuts_nothing(start, end, expected):
    assert span(Facts(_sales()), start, end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [(None, None), ("2024-01-10", "2025-02-01"), ("2024-01-11", "2025-02-01"),
     (None, "2024-06-15"), ("2024-03-05", "2024-03-05"), ("2020-01-01", "2030-01-01")],
)
def test_span_gives_the_same_facts(start, end):
    facts = Facts(_sales())
    pdt.assert_frame_equal(facts.clients(*span(facts, start, end)), facts.clients(start, end))
    pdt.assert_frame_equal(facts.orders(*span(facts, start, end)), facts.orders(start, end))


def test_span_shares_the_open_window():
    facts = Facts(_sales())
    assert facts.clients(*span(facts, None, facts.as_of)) is facts.clients()


@pytest.mark.parametrize(
    ("first", "last", "end"),
    [(2024, 2025, None), (2024, 2025, "2025-02-01"), (2024, 2025, "2025-01-31"),
     (2024, 2024, "2024-12-31"), (2024, 2024, "2024-06-30"), (2023, 2026, "2026-05-01"),
     (2025, 2025, "2025-12-31")],
)
def test_years_gives_the_same_yearly_facts(first, last, end):
    facts = Facts(_sales())
    dec31 = pd.Timestamp(f"{last}-12-31")
    hi = dec31 if end is None else min(pd.Timestamp(end), dec31)
    expected = facts.periods("year", f"{first}-01-01", hi)
    pdt.assert_frame_equal(years(facts, first, last, end), expected)


def test_id_codes_strip_and_sort():
    ids = pd.Series(pd.array([" b", "a", None, "b", "a ", "c"], dtype="string"))
    codes, uniques = id_codes(ids)
    assert list(uniques) == ["a", "b", "c"]
    assert codes.tolist() == [1, 0, -1, 1, 0, 2]
    codes, uniques = id_codes(pd.Series(pd.array([None, None], dtype="string")))
    assert codes.tolist() == [-1, -1] and len(uniques) == 0


def _frame(n: int, seed: int, missing: bool) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    names = ["x", "y", "zz", "b", " a", "я", "Я", "10", "2", ""] + ([None] if missing else [])
    frame = pd.DataFrame({
        "a": pd.array(rng.choice(np.array(names, dtype=object), n), dtype="string"),
        "d": pd.to_datetime(rng.integers(0, 40, n), unit="D"),
        "c": pd.array(rng.choice(["1", "2", "10", ""], n), dtype="string"),
        "v": rng.normal(size=n),
    })
    if missing:
        frame.loc[::7, "d"] = pd.NaT
    return frame


@pytest.mark.parametrize("missing", [False, True])
@pytest.mark.parametrize("columns", [["a", "d", "c"], ["d"], ["c", "a"], ["d", "a"]])
def test_sort_by_is_a_stable_sort_values(columns, missing):
    frame = _frame(3000, 1, missing)
    expected = frame.sort_values(columns, kind="stable")
    pdt.assert_frame_equal(sort_by(frame, columns), expected)
    pdt.assert_frame_equal(sort_by(expected, columns), expected)
    if not missing:
        assert sort_by(expected, columns) is expected  # in order already: not copied


# --- the integer-code rewrites against the text-based code they replace ----------------------
def _ids(series):
    return series.astype("string").str.strip()


def _breadth_by_text(lines, products):
    """The former implementation of profile._breadth (shipment lines only)."""
    work = pd.DataFrame({"client_id": _ids(lines["client_id"]),
                         "product_id": _ids(lines["product_id"])})
    if "category" in lines.columns:
        work["category"] = lines["category"].astype("string")
    elif products is not None:
        cat = products.assign(product_id=_ids(products["product_id"])).drop_duplicates(
            "product_id").set_index("product_id")["category"].astype("string")
        work["category"] = work["product_id"].map(cat)
    work = work.loc[work["product_id"].notna()]
    n = work[["client_id", "product_id"]].drop_duplicates().groupby("client_id").size()
    res = pd.DataFrame({"products": n.astype("float64")})
    cats = work.loc[work["category"].notna(), ["client_id", "category"]].drop_duplicates()
    res["categories"] = cats.groupby("client_id").size().reindex(res.index).astype("float64")
    return res


def _odd_lines(n=4000, seed=3):
    rng = np.random.default_rng(seed)
    clients = np.array(["c1", " c1", "c2", "c3 ", None, "c4", "c10"], dtype=object)
    prods = np.array(["p1", "p2 ", " p2", "p3", None, "p4", "p9"], dtype=object)
    return pd.DataFrame({
        "client_id": pd.array(rng.choice(clients, n), dtype="string"),
        "product_id": pd.array(rng.choice(prods, n), dtype="string"),
    })


@pytest.mark.parametrize("with_category_column", [False, True])
def test_breadth_counts_like_the_text_version(with_category_column):
    from kbcore.analyses.profile import _breadth

    lines = _odd_lines()
    products = pd.DataFrame({
        "product_id": pd.array(["p1", "p2", "p3", " p3", "p4"], dtype="string"),
        "category": pd.array(["A", "A", "B", "C", None], dtype="string"),
    })
    if with_category_column:
        rng = np.random.default_rng(5)
        lines["category"] = pd.array(rng.choice(np.array(["A", "B", None], dtype=object),
                                                len(lines)), dtype="string")
    ship = np.random.default_rng(9).random(len(lines)) > 0.2
    got = _breadth(lines, products, ship)
    expected = _breadth_by_text(lines.loc[ship], products)
    got.index = got.index.astype("string")
    pdt.assert_frame_equal(got, expected.set_axis(expected.index.astype("string")),
                           check_names=False)


def test_median_gap_like_the_text_version():
    from kbcore.analyses.profile import _median_gap

    rng = np.random.default_rng(11)
    n = 3000
    orders = pd.DataFrame({
        "client_id": pd.array(rng.choice(["a", "b", "c", "d", "e"], n), dtype="string"),
        "date": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 400, n), "D"),
    })
    orders.loc[orders["client_id"] == "e", "date"] = pd.Timestamp("2024-05-05")  # one day only
    dates = orders[["client_id", "date"]].drop_duplicates()
    gaps = dates.groupby("client_id", sort=False)["date"].diff().dt.days
    expected = gaps.groupby(dates["client_id"]).median().dropna()
    got = _median_gap(orders)
    pdt.assert_series_equal(got.sort_index(), expected.astype("float64"),
                            check_names=False, check_index_type=False)


def test_months_back_is_whole_months_at_a_month_end_and_chains_without_a_gap():
    from kbcore.analyses._window import months_back

    assert months_back("2025-12-31", 12) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    assert months_back("2025-06-30 15:00", 6) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-06-30"))
    assert months_back("2025-03-15", 1) == (pd.Timestamp("2025-02-16"), pd.Timestamp("2025-03-15"))
    # the window before: ends the day before, same length in months
    lo, _ = months_back("2025-12-31", 12)
    assert months_back(lo - pd.Timedelta(days=1), 12) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))
    with pytest.raises(ValueError):
        months_back("2025-12-31", 0)
