"""One currency per dataset: BGN amounts converted to euro at the fixed rate (kbcore.ingest.currency)."""

from __future__ import annotations

import pandas as pd
import pytest

import kbcore
from kbcore.errors import KBDataError
from kbcore.ingest.currency import FIXED_RATES, normalise_codes, unify_currency
from kbcore.ingest.quality import QualityReport
from kbcore.schema import C


def _sales(currencies, revenue):
    n = len(revenue)
    return pd.DataFrame({C.date: pd.to_datetime(["2025-12-31"] * n), C.client_id: ["1"] * n,
                         C.revenue: revenue, C.cost: [r / 2 for r in revenue],
                         C.currency: pd.array(currencies, dtype="string")})


def test_bgn_lines_are_converted_at_the_fixed_rate_and_euro_lines_kept():
    sales = _sales(["BGN", "EUR", "лв."], [195.583, 50.0, 1.95583])
    before = sales.copy()
    report = QualityReport()
    out, currency = unify_currency({"sales": sales, "clients": None}, report)
    assert currency == "EUR"
    # 195.583 / 1.95583 = 100; 1.95583 / 1.95583 = 1; the euro line as it was; cost halves the same
    assert out["sales"][C.revenue].tolist() == pytest.approx([100.0, 50.0, 1.0])
    assert out["sales"][C.cost].tolist() == pytest.approx([50.0, 25.0, 0.5])
    assert out["sales"][C.currency].tolist() == ["EUR", "EUR", "EUR"]
    pd.testing.assert_frame_equal(sales, before)  # the caller's table is not touched
    (issue,) = report.issues
    assert (issue.level, issue.code, issue.count) == ("info", "currency.converted", 2)
    assert "1,95583" in issue.text("bg") and "Регламент (ЕС) 2025/1407" in issue.text("bg")
    assert "1.95583 BGN = 1 EUR" in issue.text("en")


def test_one_currency_changes_nothing_and_is_named():
    sales = _sales(["RUB", "руб."], [10.0, 20.0])
    out, currency = unify_currency({"sales": sales}, QualityReport())
    assert currency == "RUB"
    assert out["sales"][C.revenue].tolist() == [10.0, 20.0]


def test_no_currency_column_means_no_currency():
    sales = _sales(["EUR"], [1.0]).drop(columns=C.currency)
    out, currency = unify_currency({"sales": sales}, QualityReport())
    assert currency is None and out["sales"] is sales


def test_a_history_wholly_in_leva_is_reported_in_euro():
    out, currency = unify_currency({"sales": _sales(["BGN"], [3.91166])}, QualityReport())
    assert currency == "EUR" and out["sales"][C.revenue].tolist() == pytest.approx([2.0])


def test_currencies_without_a_fixed_rate_are_refused():
    with pytest.raises(KBDataError) as err:
        unify_currency({"sales": _sales(["USD", "EUR"], [1.0, 2.0])}, QualityReport())
    assert err.value.key == "currency.mixed"
    assert "EUR, USD" in err.value.message("en")


def test_a_value_that_is_no_currency_is_refused_with_its_examples():
    with pytest.raises(KBDataError) as err:
        unify_currency({"sales": _sales(["EUR", "12,5"], [1.0, 2.0])}, QualityReport())
    assert err.value.key == "currency.unknown" and err.value.examples == ["12,5"]


def test_targets_convert_money_rows_only_and_blank_rows_are_not_a_warning():
    targets = pd.DataFrame({C.period: ["2025", "2025", "2026"], C.kpi: ["revenue", "assortment", "revenue"],
                            C.target: [391166.0, 12.0, 250000.0],
                            C.currency: pd.array(["BGN", None, "EUR"], dtype="string")})
    report = QualityReport()
    out, currency = unify_currency({"targets": targets}, report)
    # 391 166 / 1.95583 = 200 000.0 (to the cent); the count KPI and the euro target as they were
    assert out["targets"][C.target].tolist() == pytest.approx([200000.0, 12.0, 250000.0], abs=0.01)
    assert [i.code for i in report.issues] == ["currency.converted"]


def test_blank_currency_beside_named_ones_is_a_warning_in_sales():
    report = QualityReport()
    out, _ = unify_currency({"sales": _sales(["BGN", None], [1.95583, 7.0])}, report)
    assert out["sales"][C.revenue].tolist() == pytest.approx([1.0, 7.0])
    assert sorted(i.code for i in report.issues) == ["currency.blank", "currency.converted"]


def test_codes_as_people_write_them():
    codes, unknown = normalise_codes(pd.Series([" bgn", "€", "Евро", "", None, "лв"]))
    assert codes.tolist()[:3] == ["BGN", "EUR", "EUR"] and codes.tolist()[5] == "BGN"
    assert codes.isna().tolist()[3:5] == [True, True] and unknown == []
    assert FIXED_RATES["BGN"][0] == 1.95583


def test_load_converts_and_the_cache_keeps_the_currency(tmp_path):
    folder = tmp_path / "co"
    folder.mkdir()
    (folder / "sales.csv").write_text(
        "date,client_id,revenue,currency\n2025-12-30,1,1955.83,BGN\n2026-01-05,1,500.00,EUR\n",
        encoding="utf-8")
    ds = kbcore.load(folder)
    assert ds.currency == "EUR"
    assert ds.sales[C.revenue].tolist() == pytest.approx([1000.0, 500.0])
    assert "currency.converted" in [i.code for i in ds.quality.issues]
    again = kbcore.load(ds.save(tmp_path / "cache"))
    assert again.currency == "EUR"
    assert kbcore.load(None).currency is None  # the Russian demo company names no currency
    bg = kbcore.load(None, demo="bg")
    returns = next(i for i in bg.quality.issues if i.code == "quality.returns")
    assert "€" in returns.text("bg") and "₽" not in returns.text("bg")


def test_an_unknown_demo_company_is_refused():
    with pytest.raises(KBDataError) as err:
        kbcore.load(None, demo="xx")
    assert err.value.key == "load.demo_unknown"
