"""KBDataError: what, where, examples and what to do, in English and Russian."""

from kbcore.errors import KBDataError


def test_message_names_file_column_examples_in_both_languages():
    err = KBDataError("error.where.file", file="sales.csv", column="Сумма",
                      examples=["row 5: 'abc'", "row 9: '12,3,4'"])
    text = str(err)
    assert "File: sales.csv" in text and "Файл: sales.csv" in text
    assert "Column: Сумма" in text and "Столбец: Сумма" in text
    assert "row 5: 'abc'" in text
    # English first, then Russian
    assert text.index("Column:") < text.index("Столбец:")


def test_examples_are_capped_at_five():
    err = KBDataError("error.examples", examples=[f"row {i}" for i in range(20)])
    assert len(err.examples) == 5


def test_jupyter_shows_the_message_not_the_frames():
    from kbcore.errors import KBDataError, TemplateError

    err = KBDataError("ksf.file_missing", file="ksf.csv")
    assert err._render_traceback_() == err.bilingual().splitlines()
    assert not any("Traceback" in line for line in err._render_traceback_())
    tpl = TemplateError("not_number", kind="portfolio", file="t.yaml", key="axes.a.weight", value="x",
                        example="0.25")
    lines = tpl._render_traceback_()
    assert "t.yaml" in "\n".join(lines) and any("axes.a.weight" in line for line in lines)
