"""Tests of the demo company (kbcore.demo): the planted truths, the tables, reproducibility.

The default company is generated once per module (a few seconds). The planted truths are
computed here with plain pandas, spelled out, using block 1's default cost-to-serve rates:

    cost_to_serve = orders × 1 500 + deliveries × 2 500 + visits × 6 000
                    + max(revenue, 0) × payment_terms_days / 365 × 0.16
    profit        = revenue − cost − cost_to_serve

where orders = distinct (doc_id, date) of the shipment lines (quantity > 0), deliveries =
distinct days with shipments, visits = interactions with kind "visit" in the period (counted for
a client in a year only when it has sales lines that year, as block 1 does). At the end the same
truths are asserted through kbcore.analyses.profitability when it is importable.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kbcore import demo
from kbcore.facts import Facts
from kbcore.paths import DEMO_DIR
from kbcore.schema import TABLES, C

PER_ORDER, PER_DELIVERY, PER_VISIT, CREDIT_RATE = 1500.0, 2500.0, 6000.0, 0.16
START, END = pd.Timestamp("2021-01-01"), pd.Timestamp("2025-12-31")
OPTIONAL = ["clients", "products", "contacts", "interactions", "surveys", "loyalty", "targets",
            "market", "staff"]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return demo.generate()


# --------------------------------------------------------------------------- plain pandas P&L
def _facts(sales: pd.DataFrame, interactions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Revenue, cost, orders, deliveries and visits per ``keys`` (client_id [, year])."""
    s = sales.assign(year=sales[C.date].dt.year)
    ship = s[s[C.quantity] > 0]
    money = s.groupby(keys)[[C.revenue, C.cost, C.discount]].sum()
    orders = ship.drop_duplicates(keys + [C.doc_id, C.date]).groupby(keys).size().rename("orders")
    deliveries = ship.drop_duplicates(keys + [C.date]).groupby(keys).size().rename("deliveries")
    lo, hi = sales[C.date].min(), sales[C.date].max()
    v = interactions[(interactions[C.kind] == "visit") & interactions[C.date].between(lo, hi)]
    visits = v.assign(year=v[C.date].dt.year).groupby(keys).size().rename("visits")
    out = money.join([orders, deliveries]).fillna({"orders": 0, "deliveries": 0})
    return out.join(visits, how="left").fillna({"visits": 0})  # visits only where sales exist


def _with_profit(facts: pd.DataFrame, clients: pd.DataFrame) -> pd.DataFrame:
    terms = clients.set_index(C.client_id)[C.payment_terms_days].fillna(0)
    t = facts.index.get_level_values(C.client_id).map(terms).to_numpy(dtype="float64")
    cts = (facts["orders"] * PER_ORDER + facts["deliveries"] * PER_DELIVERY
           + facts["visits"] * PER_VISIT
           + facts[C.revenue].clip(lower=0) * t / 365 * CREDIT_RATE)
    return facts.assign(cost_to_serve=cts,
                        profit=facts[C.revenue] - facts[C.cost] - cts)


@pytest.fixture(scope="module")
def yearly(tables) -> pd.DataFrame:
    f = _with_profit(_facts(tables["sales"], tables["interactions"], [C.client_id, "year"]),
                     tables["clients"])
    return f.groupby("year")[[C.revenue, C.cost, "cost_to_serve", "profit"]].sum()


@pytest.fixture(scope="module")
def pnl(tables) -> pd.DataFrame:
    f = _with_profit(_facts(tables["sales"], tables["interactions"], [C.client_id]),
                     tables["clients"])
    return f.assign(discount_rate=f[C.discount] / (f[C.revenue] + f[C.discount]))


# --------------------------------------------------------------------------- planted truths
def test_truth1_revenue_grows_every_year_profit_stays_flat(yearly):
    # growth_y = revenue_y / revenue_(y-1) − 1, each between +10 % and +20 %
    growth = yearly[C.revenue].pct_change().dropna()
    assert list(yearly.index) == [2021, 2022, 2023, 2024, 2025]
    assert ((growth >= 0.10) & (growth <= 0.20)).all(), growth
    # profit_y / profit_2021 − 1 within ±10 % for every year; profit stays positive
    drift = yearly["profit"] / yearly.loc[2021, "profit"] - 1
    assert (drift.abs() <= 0.10).all(), drift
    assert (yearly["profit"] > 0).all()
    # revenue 2025 / 2021 ≈ 1.19 × 1.14 × 1.17 × 1.12 ≈ 1.78, so profit % of revenue falls
    assert yearly.loc[2025, C.revenue] / yearly.loc[2021, C.revenue] > 1.6
    pct = yearly["profit"] / yearly[C.revenue]
    assert pct.loc[2025] < 0.7 * pct.loc[2021]


def test_truth2_concession_clients_are_unprofitable(pnl, tables):
    conc = pnl["discount_rate"] >= 0.15
    assert 40 <= conc.sum() <= 60
    revenue_share = pnl.loc[conc, C.revenue].sum() / pnl[C.revenue].sum()
    profit_share = pnl.loc[conc, "profit"].sum() / pnl["profit"].sum()
    assert revenue_share >= 0.15
    assert pnl.loc[conc, "profit"].sum() < 0  # their total profit is a loss …
    assert profit_share < 0 < revenue_share  # … so their profit share is far below revenue share
    # they are large clients, mostly won in tenders
    assert pnl.loc[conc, C.revenue].median() > 3 * pnl.loc[~conc, C.revenue].median()
    chan = tables["clients"].set_index(C.client_id)[C.acquisition_channel]
    assert (chan.reindex(pnl.index[conc]) == "Тендер").mean() >= 0.6


def test_truth3_whale_curve(pnl):
    profit = np.sort(pnl["profit"].to_numpy())[::-1]
    total = profit.sum()
    cum = np.cumsum(profit) / total
    top20 = cum[int(np.ceil(0.2 * len(profit))) - 1]  # the best 300 of 1 500 clients
    assert 1.5 <= top20 <= 2.5
    assert 1.5 <= cum.max() <= 2.5  # the peak of the whale curve (Kaplan & Narayanan: 1.5–3)
    assert (profit < 0).mean() > 0.3  # a long unprofitable tail


def test_truth4_a_third_of_new_clients_never_order_again(tables):
    sales, clients = tables["sales"], tables["clients"]
    ship = sales[sales[C.quantity] > 0]
    orders = ship.drop_duplicates([C.client_id, C.doc_id, C.date]).groupby(C.client_id).size()
    first = ship.groupby(C.client_id)[C.date].min()
    card = clients.set_index(C.client_id)
    # new clients: card created from the first day on, first purchase ≥ 6 months before the end
    cohort = card.index[(card[C.created] >= START)
                        & (card.index.map(first) <= END - pd.Timedelta(days=183))]
    one = orders.reindex(cohort) == 1
    assert len(cohort) > 500
    assert 0.28 <= one.mean() <= 0.38
    by = one.groupby(card.loc[cohort, C.acquisition_channel]).mean()
    assert by["Маркетплейс"] >= 0.45 and by["Сайт"] >= 0.3
    assert by["Рекомендация"] <= 0.2
    assert by.max() - by.min() >= 0.3


def test_truth5_key_clients_depend_on_one_contact(tables, pnl):
    card = tables["clients"].set_index(C.client_id)
    contacts = tables["contacts"]
    per_client = contacts.groupby(C.client_id).size()
    key = card.index[card[C.key_account].fillna(False).astype(bool)]
    assert 15 <= len(key) <= 40
    single = [c for c in key if per_client.get(c, 0) == 1]
    assert len(single) >= 5
    roles = contacts.set_index(C.client_id).loc[single, C.buying_role]
    assert (roles == "decision_maker").all()
    # the key accounts are among the largest clients
    top = pnl[C.revenue].rank(ascending=False)
    assert top.reindex(key).median() <= 60


# --------------------------------------------------------------------------- the tables
def test_every_table_present_with_canonical_columns_and_dtypes(tables):
    assert set(tables) == {"sales", *OPTIONAL}
    kinds = {"id": "string", "text": "string", "date": "datetime64[ns]", "number": "float64",
             "int": "Int64", "bool": "boolean"}
    for name, df in tables.items():
        assert len(df) > 0, name
        assert list(df.columns) == demo.COLUMNS[name]
        schema = TABLES[name]
        assert set(schema.required) <= set(df.columns), name
        for col in df.columns:
            assert str(df[col].dtype) == kinds[schema.columns[col]], (name, col, df[col].dtype)


def test_shapes(tables):
    assert len(tables["clients"]) == 1500
    assert 100_000 <= len(tables["sales"]) <= 150_000
    assert 150 <= len(tables["products"]) <= 300
    assert tables["products"][C.category].nunique() >= 8
    assert 8 <= tables["sales"][C.manager].nunique() <= 12
    assert 8 <= tables["clients"][C.region].nunique() <= 10
    assert tables["clients"][C.segment].nunique() == 5
    assert tables["clients"][C.acquisition_channel].nunique() == 6
    assert set(tables["targets"][C.kpi]) == {"revenue", "margin", "new_clients"}
    assert tables["targets"][C.period].str.fullmatch(r"\d{4}").all()
    assert len(tables["market"]) == 50


def test_keys_unique_and_references_exist(tables):
    s, cl = tables["sales"], tables["clients"]
    assert cl[C.client_id].is_unique and tables["products"][C.product_id].is_unique
    assert tables["contacts"][C.contact_id].is_unique
    assert tables["loyalty"][C.client_id].is_unique
    assert not tables["market"].duplicated([C.segment, C.region]).any()
    assert cl[C.name].is_unique
    ids = set(cl[C.client_id])
    for name in ("sales", "contacts", "interactions", "surveys", "loyalty"):
        assert set(tables[name][C.client_id]) <= ids, name
    assert set(s[C.product_id]) <= set(tables["products"][C.product_id])
    assert set(s[C.client_id]) == ids  # every client has bought at least once
    assert set(tables["targets"][C.manager]) <= set(s[C.manager])
    assert cl[C.client_id].str.fullmatch(r"\d{6}").all()  # 1C-style codes, leading zeros


def test_sales_lines(tables):
    s = tables["sales"]
    assert s[C.date].between(START, END).all()
    money = s[[C.revenue, C.cost, C.discount, C.list_revenue]].to_numpy()
    assert np.allclose(np.round(money, 2), money, atol=1e-9)  # kopecks
    # discount = list_revenue − revenue (money, rounded to kopecks)
    assert np.allclose(s[C.list_revenue] - s[C.revenue], s[C.discount], atol=0.011)
    ret = s[s[C.quantity] < 0]
    assert 0.01 <= len(ret) / len(s) <= 0.05
    assert (ret[C.revenue] < 0).all() and (ret[C.cost] < 0).all()
    assert (s.loc[s[C.quantity] > 0, C.revenue] > 0).all()
    # each return refers to an earlier purchase of the same product by the same client
    first = s[s[C.quantity] > 0].groupby([C.client_id, C.product_id])[C.date].min()
    bought = pd.MultiIndex.from_frame(ret[[C.client_id, C.product_id]]).map(first)
    assert (bought.to_numpy() < ret[C.date].to_numpy()).all()
    # a document belongs to one client and one day; same-day multiple documents occur
    docs = s.drop_duplicates([C.doc_id, C.date])
    assert docs[C.doc_id].is_unique
    assert s.groupby(C.doc_id)[C.client_id].nunique().max() == 1
    per_day = s[s[C.quantity] > 0].groupby([C.client_id, C.date])[C.doc_id].nunique()
    assert (per_day > 1).sum() > 100


def test_client_cards(tables):
    cl = tables["clients"]
    assert set(cl[C.payment_terms_days].dropna()) <= {0, 14, 30, 45, 60}
    # realistic gaps in the cards
    for col, lo, hi in [(C.phone, 0.05, 0.25), (C.email, 0.1, 0.3),
                        (C.decision_maker, 0.25, 0.45), (C.segment, 0.03, 0.12)]:
        assert lo <= cl[col].isna().mean() <= hi, col
    # tax IDs: 10 digits (companies) or 12 (sole traders), valid check digits, some with a
    # leading zero (Bashkortostan's region code is 02)
    inn = cl[C.tax_id].dropna()
    assert inn.is_unique and inn.str.fullmatch(r"\d{10}|\d{12}").all()
    assert inn.str.startswith("0").sum() > 50
    assert ((inn.str.len() == 12) == cl.loc[inn.index, C.name].str.startswith("ИП ")).all()
    for value in inn:
        assert _inn_valid(value), value


def _inn_valid(inn: str) -> bool:
    """Check digits of a Russian tax ID (ИНН)."""
    d = [int(ch) for ch in inn]

    def check(weights, digits):
        return sum(w * x for w, x in zip(weights, digits, strict=False)) % 11 % 10

    if len(d) == 10:
        return check([2, 4, 10, 3, 5, 9, 4, 6, 8], d) == d[9]
    return (check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], d) == d[10]
            and check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], d) == d[11])


def test_inn_check_digits_by_hand():
    # 7707083893 (a well-known valid 10-digit ИНН): Σ w·d = 2·7+4·7+10·0+3·7+5·0+9·8+4·3+6·8+8·9
    # = 14+28+0+21+0+72+12+48+72 = 267; 267 mod 11 = 3 → check digit 3 ✓
    assert _inn_valid("7707083893")
    assert not _inn_valid("7707083894")


def test_optional_tables_make_sense(tables, pnl):
    inter, contacts = tables["interactions"], tables["contacts"]
    assert set(inter[C.kind]) == {"call", "visit", "email", "meeting"}
    # visits go mostly to the big clients (they feed the cost to serve)
    visits = inter[inter[C.kind] == "visit"].groupby(C.client_id).size()
    big = pnl[C.revenue].rank(ascending=False, pct=True) <= 0.2
    assert visits.reindex(pnl.index[big]).sum() / visits.sum() >= 0.5
    # the base roles as ids, initiators and approvers as a Russian CRM writes them
    assert set(contacts[C.buying_role]) == {"decision_maker", "influencer", "user", "gatekeeper",
                                           "buyer", "Инициатор закупки", "Инициатор",
                                           "Утверждающий", "Согласующий"}
    assert set(contacts[C.influence]) <= {"high", "medium", "low"}
    assert set(contacts[C.attitude]) <= {"positive", "neutral", "negative"}
    surveys = tables["surveys"]
    assert surveys[C.csat].between(1, 5).all() and surveys[C.nps].between(0, 10).all()
    loyalty = tables["loyalty"]
    assert (loyalty[C.points_redeemed] <= loyalty[C.points_earned]).all()
    market = tables["market"]
    assert (market[C.companies] > 0).all() and (market[C.consumption_per_company] > 0).all()


# --------------------------------------------------------------------------- files
def _manifest() -> dict:
    return json.loads((DEMO_DIR / demo.MANIFEST).read_text(encoding="utf-8"))


def test_committed_files_match_the_manifest_and_size_limit():
    manifest = _manifest()
    assert manifest["params"]["seed"] == demo.DEFAULTS["seed"]
    assert set(manifest["files"]) == set(demo.FILES.values())
    total = 0
    for path in DEMO_DIR.iterdir():
        total += path.stat().st_size
    for name, meta in manifest["files"].items():
        data = (DEMO_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["sha256"], name
    assert total <= 15 * 1024 * 1024  # all files of data/demo together, README included


def test_regenerating_gives_the_committed_bytes(tables, tmp_path):
    import faker

    written = demo.write(tables, tmp_path)
    assert [p.name for p in written] == [*demo.FILES.values(), demo.MANIFEST]
    made = json.loads((tmp_path / demo.MANIFEST).read_text(encoding="utf-8"))
    committed = _manifest()
    if faker.VERSION.split(".")[0] != committed["versions"]["faker"].split(".")[0]:
        pytest.skip(f"Faker {faker.VERSION} installed, data/demo was made with Faker "
                    f"{committed['versions']['faker']}: person names may differ")
    if np.__version__.split(".")[0] != committed["versions"]["numpy"].split(".")[0]:
        pytest.skip(f"NumPy {np.__version__} installed, data/demo was made with NumPy "
                    f"{committed['versions']['numpy']}: random streams may differ")
    for name in demo.FILES.values():
        assert (tmp_path / name).read_bytes() == (DEMO_DIR / name).read_bytes(), name
    assert made["files"] == committed["files"]


def test_same_arguments_same_bytes(tmp_path):
    # a small company generated twice in a row: identical files
    a = demo.write(demo.generate(clients=60, years=2, seed=7), tmp_path / "a")
    b = demo.write(demo.generate(clients=60, years=2, seed=7), tmp_path / "b")
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    c = demo.generate(clients=60, years=2, seed=8)
    assert not c["sales"].equals(demo.generate(clients=60, years=2, seed=7)["sales"])


def test_main_writes_a_company(tmp_path, capsys):
    out = tmp_path / "company"
    code = demo.main(["--out", str(out), "--clients", "40", "--years", "2", "--seed", "3",
                      "--end", "2024-06-30"])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*demo.FILES.values(), demo.MANIFEST])
    assert "40" in capsys.readouterr().out
    sales = pd.read_csv(out / "sales.csv.gz", dtype=str)
    assert list(sales.columns) == demo.COLUMNS["sales"]
    assert sales[C.date].min() >= "2022-07-01" and sales[C.date].max() <= "2024-06-30"


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        demo.generate(clients=5)
    with pytest.raises(ValueError):
        demo.generate(years=0)


def test_loading_the_committed_folder_gives_the_generated_tables(tables):
    import kbcore

    ds = kbcore.load(DEMO_DIR)
    assert ds.quality.ok
    for name, df in tables.items():
        got = ds.table(name)
        pd.testing.assert_frame_equal(got[df.columns].reset_index(drop=True), df,
                                      check_dtype=False, obj=name)


# --------------------------------------------------------------------------- block 1 functions
def test_truths_through_block1_functions(tables, yearly, pnl):
    prof = pytest.importorskip("kbcore.analyses.profitability")
    s, cl, it = tables["sales"], tables["clients"], tables["interactions"]
    y = prof.yearly_summary(Facts(s), cl, it).set_index("year")
    # the same numbers as the plain pandas computation above
    assert np.allclose(y[C.revenue], yearly[C.revenue])
    assert np.allclose(y["profit"], yearly["profit"])
    growth = y[C.revenue].pct_change().dropna()
    assert ((growth >= 0.10) & (growth <= 0.20)).all()
    assert ((y["profit"] / y.loc[2021, "profit"] - 1).abs() <= 0.10).all()

    p = prof.client_pnl(Facts(s), cl, it)
    assert np.isclose(p["profit"].sum(), pnl["profit"].sum())
    w = prof.whale_summary(prof.whale_curve(p))
    assert 1.5 <= w["top20_share"] <= 2.5 and 1.5 <= w["peak_share"] <= 2.5
    c = prof.concession_clients(p, threshold=0.15).set_index("group")
    assert 40 <= c.loc["concession", "clients"] <= 60
    assert c.loc["concession", "profit"] < 0
    assert c.loc["concession", "revenue_share"] > c.loc["concession", "profit_share"]


def test_readme_documents_the_truths():
    text = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    for needle in ("Truth 1", "Truth 2", "Truth 3", "Truth 4", "Truth 5", "Truth 6", "Truth 7",
                   "Truth 8", "Truth 9", "Truth 10", "staff.csv", "python -m kbcore.demo"):
        assert needle in text, needle
    assert Path(demo.generator.__file__).name == "generator.py"


def test_cli_demo_passes_on_every_option(tmp_path):
    from kbcore.app.cli import main

    out = tmp_path / "small"
    assert main(["demo", "--out", str(out), "--clients", "30", "--years", "2", "--seed", "3",
                 "--end", "2024-06-30"]) == 0
    sales = pd.read_csv(out / "sales.csv.gz", parse_dates=["date"])
    assert sales["date"].max() <= pd.Timestamp("2024-06-30")
    assert sales["date"].min() >= pd.Timestamp("2022-07-01")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["params"]["end"] == "2024-06-30" and manifest["params"]["clients"] == 30
