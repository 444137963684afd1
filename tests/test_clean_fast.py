"""The fast reading path gives exactly what the pandas path gives.

Text bodies read by Polars against pandas' reader, and each Polars cleaning path against its
pandas parser (the authority), over a corpus of cells: every case of the loading tests and
tricky ones. Values and bad masks must be identical (the same floats, dates and texts).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import polars as pl
import pytest

from kbcore.ingest.clean import (
    PARSERS,
    PARSERS_PL,
    parse_columns_pl,
    parse_dates,
    parse_dates_pl,
    via_uniques,
)
from kbcore.ingest.loading import read_table
from kbcore.ingest.quality import QualityReport
from kbcore.ingest.raw import _read_body_pandas, _read_body_polars, _scan, read_raw

NBSP, NNBSP, THIN = "\xa0", "\u202f", "\u2009"

NUMBERS = [
    "1 234,50", f"1{NBSP}234,50", f"1{NNBSP}234{NNBSP}567", "-50,00", "\u22127,5", "\u20137,5",
    "(1 000,00)", "1234,5 руб.", "1234,5 РУБ", "30 дн.", "100 ₽", "100₽", "1'234.5", "1’234.5",
    "0,5", "1,234.50", "12.5", "1,000", "1.234,50", "12,5", "1234,5", "12,25", "", " ", NBSP,
    "abc", "12abc", "1,234,567", "1.234.567", "1.5.6", ",5", ".5", "5.", "+5", "1e5", "1E+05",
    "-0", "007", "12 %", "5 шт", "5 шт.", "10 days", "1 day", "7 дней", "$100", "100 $",
    "€ 5", "5 eur", "USD 5", "1 234 567,891", f"  12,5{THIN}", "12\t", "1 2 3", "()", "(5",
    "-", "--5", "1,2,3.4", "9" * 25, "0,1", "12,345", "123,4567", "1.000", "1.0000",
    "Итого", "n/a", "1,5 руб. 2", "(1 234,50 руб.)", "-(5)", "1\n2",
]
DATES = [
    "05.03.2024", "2024-03-05", "05.03.24", "05.03.2024 0:00:00", "45356", "45356.0", "март 2024",
    "Март 2024 г.", "5 марта 2024 г.", "05 Mar 2024", "March 2024", "20240305", "01.01.0001",
    "01.01.0001 0:00:00", "1.1.1", "31.02.2024", "31.02.2024 0:00", "03/05/2024", "3-5-2024",
    "2024/03/05", "05.03.69", "05.03.70", "05.03.2024T10:00", "2024-03-05T10:00:00",
    "2024-03-05 10:00:00", "05.03.2024 мусор", " 05.03.2024", "05.03.2024 ", "", " ", "abc",
    "19000101", "99999999", "20000", "80001", "13.13.2024", "0.0.0", "05.03.2024  12:00",
    "29.02.2023", "29.02.2024", "00.01.2024", "12.31.2024", "01.01.1677", "31.12.2261", "01.01.2262",
    "05.03.12024", "05.03.2024\t", "05,03,2024",
]
TEXTS = [
    "ООО Ромашка", "  ООО   Ромашка  ", f"ООО{NBSP}Ромашка", f"a{NNBSP}{THIN}b", "a\tb", "a\r\nb",
    "000123", "0274062111", "", " ", NBSP, "x", "ИП Наумов В.В.", "«СК «Агро»»", "a  b", " a",
    "a ", "Итого",
]
BOOLS = ["да", "Нет", "yes", "1", "x", "", "может быть", "1.0", "0", "ложь", "+", "-", " Да ",
         "ключевой", "✓", "Х"]


def _both(kind: str, cells: list, **kwargs):
    """The fast parser against the pandas one as read_table runs it (via_uniques)."""
    pd_cells = pd.Series(cells, dtype="str")
    pl_cells = pl.Series(cells, dtype=pl.String)
    if kind == "date":
        expected, expected_bad = via_uniques(parse_dates, pd_cells, **kwargs)
        got, got_bad = parse_dates_pl(pl_cells, **kwargs)
    else:
        expected, expected_bad = via_uniques(PARSERS[kind], pd_cells)
        got, got_bad = PARSERS_PL[kind](pl_cells)
    pd.testing.assert_series_equal(got, expected.reset_index(drop=True), check_exact=True,
                                   check_names=False)
    assert got_bad.tolist() == expected_bad.tolist()
    # and the same column among others, through the two queries of parse_columns_pl
    frame = pl.DataFrame({"x": pl_cells, "n": ["1 234,5"] * len(cells), "t": ["a"] * len(cells)})
    together = parse_columns_pl(frame, {"n": "number", "x": kind, "t": "text"}, **kwargs)
    pd.testing.assert_series_equal(together["x"][0], expected.reset_index(drop=True),
                                   check_exact=True, check_names=False)
    assert together["x"][1].tolist() == expected_bad.tolist()


@pytest.mark.parametrize("cell", NUMBERS)
def test_numbers_cell_by_cell(cell):
    _both("number", [cell, None])


@pytest.mark.parametrize("group", [NUMBERS[i:i + 7] for i in range(0, len(NUMBERS), 7)]
                         + [["1,234.50", "12.5", "1,000"], ["1.234,50", "12,5"],
                            ["1,234", "1,000,000"], ["1.234", "5.000.000"], ["1,234", "2.5"],
                            ["1.234", "2,5"], ["1,234.5", "1.234,5", "1.234,5"]])
def test_numbers_decimal_rule_per_column(group):
    _both("number", group)


def test_numbers_decimal_rule_on_distinct_values_of_long_columns():
    # pandas parses a long column with repeated values once per distinct value, and the
    # decimal rule then counts each distinct value with both marks once
    cells = ["1,234.5"] * 1500 + ["1.234,5", "2.345,5", "3.456,5"] + ["7"] * 1500
    _both("number", cells)
    _both("number", cells[:1000] + cells[-1000:] + ["1.234,5"] * 3)


@pytest.mark.parametrize("dayfirst", [True, False])
def test_dates(dayfirst):
    _both("date", [*DATES, None], dayfirst=dayfirst)
    _both("date", [*DATES, None] * 200, dayfirst=dayfirst)  # long: once per distinct value
    _both("date", ["05.03.2024", "12.11.2023", None] * 50, dayfirst=dayfirst)  # all the common form
    _both("date", ["05.03.2024", "12.11.2023", "01.01.0001"] * 50, dayfirst=dayfirst)


@pytest.mark.parametrize("kind", ["text", "id"])
def test_texts(kind):
    _both(kind, [*TEXTS, None])
    _both(kind, ["a", "b c"] * 10 + [None])  # nothing to collapse


@pytest.mark.parametrize("odd", [*"\t\r\n\x0b\x0c\xa0\u202f\u2009", "  ", " x", "x "])
def test_texts_each_kind_of_whitespace_alone(odd):
    # a column is cleaned whenever one cell needs it, whichever whitespace that is
    _both("text", ["a", f"b{odd}c", "d"])
    _both("text", ["a", odd, None])


def test_bools():
    _both("bool", [*BOOLS, None])


def test_mixed_corpus_in_random_columns():
    rng = np.random.default_rng(8)
    for kind, corpus in (("number", NUMBERS), ("date", DATES), ("text", TEXTS), ("bool", BOOLS)):
        for _ in range(20):
            cells = list(rng.choice([*corpus, None], size=int(rng.integers(1, 40))))
            _both(kind, [None if c is None else str(c) for c in cells])


BODIES = [
    'h1;h2\r\n"";x\r\n" ";""\r\n\r\n',
    "h1;h2\n1;2\n\n\n",
    'h1;h2\n1;"a\nb"\n3;4',
    'h1;h2\n1;a"b"\n"x""y";2\n',
    'h1,h2\n"1,5",2\n,\n',
    "h1;h2\n1\n;\n",
    "h1\th2\n1\t2\r\n3\t\n",
    "h1|h2\n|\n a | b \n",
]


@pytest.mark.parametrize("body", BODIES)
def test_polars_reads_bodies_as_pandas_does(body):
    sep = next(c for c in "\t;,|" if c in body.splitlines()[0])
    read = _read_body_polars(body, body.encode(), "utf-8", 0, sep, ["h1", "h2"])
    assert read is not None
    expected, header, extra = _read_body_pandas(body, sep, ["h1", "h2"], 0)
    assert header == ["h1", "h2"] and extra == []
    got = read[0].to_pandas().astype(object).where(read[0].to_pandas().notna(), np.nan)
    assert got.values.tolist() == expected.astype(object).values.tolist() or (
        got.fillna("NA").values.tolist() == expected.fillna("NA").values.tolist())


@pytest.mark.parametrize("body", ["h1;h2\n1;2;3\n", "h1;h2\r1;2\r", "h1;h2\n1;2\r3;4\n"])
def test_ragged_lines_and_lone_carriage_returns_are_read_by_pandas(body):
    assert _read_body_polars(body, body.encode(), "utf-8", 0, ";", ["h1", "h2"]) is None


@pytest.mark.parametrize(("text", "plain"), [
    ("a;b\r\n1;2", True), (f"a{NBSP}{NNBSP}{THIN}\t", True), ("a\x85", False), ("a\x0b", False),
    ("a\u3000", False), ("a\u2028", False), ("a\u200b", False), ("\ufeffa", False), ("a\x00", False),
    ("a\u2060", False), ("—–’«»№₽", True),
])
def test_plain_text_scan(text, plain):
    assert _scan(text.encode("utf-8"))[0] is plain
    try:
        raw = text.encode("cp1251")
    except UnicodeEncodeError:
        return
    assert _scan(raw, single_byte=True)[0] is plain


def _csv(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


LINES = ["Отчёт;;", ";;", "Дата;Контрагент;Сумма", "05.03.2024 0:00:00;ООО «Ромашка»;1 234,50",
         ";;", f"06.03.2024;ИП{NBSP}Лютик;(100,00)", "07.03.2024;ООО Ромашка;abc",
         *[f"{d:02d}.04.2024;ООО Ромашка;1{NBSP}000,25" for d in range(1, 29)],
         "Итого;;29 141,50"]


@pytest.mark.parametrize(("encoding", "odd"), list(itertools.product(
    ["utf-8", "cp1251", "utf-16"], ["", "\u3000", "\x0c"])))
def test_read_table_same_by_both_paths(tmp_path, encoding, odd):
    # an unusual whitespace sends the whole file to the pandas parsers: the same result
    lines = [*LINES[:4], LINES[4] + odd, *LINES[5:]]
    text = "\r\n".join(lines) + "\r\n"
    try:
        path = _csv(tmp_path, "sales.csv", text, encoding)
    except UnicodeEncodeError:
        pytest.skip("not in this encoding")
    raw = read_raw(path)
    assert raw.plain is (odd == "")
    report = QualityReport()
    got = read_table(path, "sales", report=report)
    # 1234.50 - 100.00 + 28 * 1000.25 = 29141.50
    assert got["revenue"].sum() == pytest.approx(29141.50) and len(got) == 30
    assert got["date"].iloc[0] == pd.Timestamp("2024-03-05")
    assert report.find("quality.totals_dropped")[0].examples == ["36: 'Итого'"]
    assert report.find("quality.bad_dropped")[0].examples == ["7: 'abc'"]
    assert report.find("quality.empty_dropped")[0].count == 1


def test_cp1251_body_read_by_pieces_as_in_one_read(tmp_path, monkeypatch):
    import kbcore.ingest.raw as raw_module

    lines = LINES[:-1] * 40 + ["", "", *LINES[3:-1], "Итого;;1", ""]
    path = _csv(tmp_path, "sales.csv", "\r\n".join(lines), "cp1251")
    whole = read_raw(path)
    monkeypatch.setattr(raw_module, "PIECE_BYTES", 300)
    used = []
    read_pieces = raw_module._read_pieces
    monkeypatch.setattr(raw_module, "_read_pieces",
                        lambda *a: used.append(read_pieces(*a)) or used[-1])
    pieces = read_raw(path)
    assert used and used[0] is not None
    assert pieces.cells.equals(whole.cells) and pieces.rows.tolist() == whole.rows.tolist()
    assert pieces.plain and len(pieces) == len(lines) - 4  # title lines, header, last line end
    # a piece may not end inside a quoted field: a body with quotes is read at once
    quoted = _csv(tmp_path, "quoted.csv", "\r\n".join([*lines, 'x;"a\r\nb";1']), "cp1251")
    assert read_raw(quoted).cells["Контрагент"][-1] == "a\r\nb"


def test_a_byte_that_is_not_cp1251_goes_to_the_guess(tmp_path):
    from kbcore.ingest.raw import _decode, _decode_head

    text = "\r\n".join(LINES) + "\r\n"
    path = tmp_path / "sales.csv"
    data = text.encode("cp1251").replace(b"\xce\xce\xce", b"\xce\x98\xce")
    assert _decode_head(data, path) == _decode(data, path)
    assert _decode(data, path)[1] != "cp1251"
    # a control character in a title line only: each column is looked at, all are plain
    path.write_bytes(("Отчёт\x0c;;\r\n" + text).encode("cp1251"))
    assert read_raw(path).plain
    assert read_table(path, "sales")["revenue"].sum() == pytest.approx(29141.50)


def test_isin_and_coalesce_as_pandas():
    from kbcore.ingest.dataset import _coalesce
    from kbcore.ingest.quality import isin

    rng = np.random.default_rng(1)
    values = pd.Series(rng.choice(["a", "b", "c", None], 20_000), dtype="string")
    for pool in (["a", None], ["a"], [], ["b", "c"]):
        for dtype in ("string", "str"):
            pool_s = pd.Series(pool, dtype=dtype)
            assert isin(values, pool_s).tolist() == values.isin(pool_s).tolist()
    df = pd.DataFrame({"x": values, "y": pd.Series(rng.choice(["q", None], 20_000), dtype="string")})
    expected = pd.Series(pd.NA, index=df.index, dtype="string")
    for c in ("x", "y"):
        expected = expected.fillna(df[c])
    pd.testing.assert_series_equal(_coalesce(df, ["x", "y", "z"]), expected)


def test_an_odd_character_sends_only_its_column_to_the_pandas_parsers(tmp_path):
    lines = [*LINES[:5], f"06.03.2024;ИП{NBSP}Лютик\u200b;(100,00)", *LINES[6:]]
    path = _csv(tmp_path, "sales.csv", "\r\n".join(lines) + "\r\n")
    raw = read_raw(path)
    assert not raw.plain and raw.plain_columns == {"Дата", "Сумма"}
    report = QualityReport()
    got = read_table(path, "sales", report=report)
    assert got["name"].iloc[1] == "ИП Лютик\u200b"  # NBSP collapsed, the rest kept
    assert got["revenue"].sum() == pytest.approx(29141.50)
    assert report.find("quality.totals_dropped")[0].examples == ["36: 'Итого'"]


def test_common_forms_are_converted_without_the_column_parsers(monkeypatch):
    # the two queries of parse_columns_pl convert these columns themselves: the per-column
    # parsers, made to fail here, are only for the forms the queries leave
    import kbcore.ingest.clean as clean

    def refuse(*args, **kwargs):
        raise AssertionError("a column parser was called")

    monkeypatch.setattr(clean, "PARSERS_PL", dict.fromkeys(clean.PARSERS_PL, refuse))
    monkeypatch.setattr(clean, "parse_dates_pl", refuse)
    cells = pl.DataFrame({"d": ["05.03.2024", None, "31.12.2023"], "n": [f"1{NBSP}234,50", "-7", None],
                          "m": ["1.5", "2", "3.25"], "t": ["ООО Ромашка", "", None]})
    got = parse_columns_pl(cells, {"d": "date", "n": "number", "m": "number", "t": "text"})
    assert got["d"][0].tolist() == [pd.Timestamp("2024-03-05"), pd.NaT, pd.Timestamp("2023-12-31")]
    assert got["n"][0].tolist()[:2] == [1234.5, -7.0] and np.isnan(got["n"][0].iloc[2])
    assert got["m"][0].tolist() == [1.5, 2.0, 3.25]
    assert got["t"][0].tolist() == ["ООО Ромашка", pd.NA, pd.NA]
    assert not any(bad.any() for _, bad in got.values())
    # a column outside the common forms still reaches its parser
    with pytest.raises(AssertionError, match="column parser"):
        parse_columns_pl(pl.DataFrame({"t": ["  x"]}), {"t": "text"})


def test_long_columns_outside_the_common_forms_are_parsed_side_by_side_as_alone():
    # ≥ 10 000 rows: the columns the queries leave go to their parsers in threads
    n = 12_000
    cells = pl.DataFrame({"n": ["1 234,5 руб.", "7"] * (n // 2), "t": ["a  b", " c"] * (n // 2),
                          "d": ["05.03.2024 10:00", "2024-03-05"] * (n // 2)})
    got = parse_columns_pl(cells, {"n": "number", "t": "text", "d": "date"})
    for col, (values, bad) in got.items():
        kind = {"n": "number", "t": "text", "d": "date"}[col]
        want, want_bad = parse_dates_pl(cells[col]) if kind == "date" else PARSERS_PL[kind](cells[col])
        pd.testing.assert_series_equal(values, want, check_exact=True)
        assert bad.tolist() == want_bad.tolist()
    assert got["n"][0].iloc[0] == 1234.5 and got["t"][0].iloc[0] == "a b"
