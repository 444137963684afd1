"""Tax-ID check digits (kbcore.ids) and the loader's choice between a lost ИНН zero and a ЕИК."""

import pandas as pd

from kbcore.ids import eik_check_digit, eik_valid, eik_valid_array, inn10_valid_array
from kbcore.ingest.clean import pad_tax_ids


def test_eik_check_digit_by_hand():
    # 17500509: 1·1+2·7+3·5+4·0+5·0+6·5+7·0+8·9 = 1+14+15+0+0+30+0+72 = 132; 132 mod 11 = 0 -> 175005090
    assert eik_check_digit("17500509") == 0 and eik_valid("175005090")
    # 12345678: 1+4+9+16+25+36+49+64 = 204; 204 mod 11 = 6 -> 123456786
    assert eik_check_digit("12345678") == 6 and eik_valid("123456786") and not eik_valid("123456787")
    # 10000002: 1·1+8·2 = 17 mod 11 = 6 -> 100000026
    assert eik_check_digit("10000002") == 6
    # a first sum of 10: 00002000 gives 5·2 = 10; the second weights 3 … 10 give 7·2 = 14 mod 11 = 3
    assert eik_check_digit("00002000") == 3
    assert list(eik_valid_array(["175005090", "123456786", "123456787", "000020003"])) == [True, True, False, True]


def test_inn_check_digit_by_hand():
    # 7707083893 (a well-known organisation's ИНН): Σ w·d = 2·7+4·7+10·0+3·7+5·0+9·8+4·3+6·8+8·9
    # = 14+28+0+21+0+72+12+48+72 = 267; 267 mod 11 = 3; 3 mod 10 = 3 = the last digit
    assert list(inn10_valid_array(["7707083893", "7707083894"])) == [True, False]


def test_nine_digit_codes_are_padded_only_when_they_are_lost_inn_zeros():
    inn = pd.Series(["274062111", "274062112", "7707083893"], dtype="string")  # 0274062111 is a valid ИНН
    padded, short = pad_tax_ids(inn)
    assert inn10_valid_array(["0274062111"])[0]
    assert padded.tolist()[0] == "0274062111" and short.tolist() == [True, True, False]
    eik = pd.Series(["175005090", "123456786", "831642181"], dtype="string")
    kept, short = pad_tax_ids(eik)
    assert kept.tolist() == eik.tolist() and not short.any()
