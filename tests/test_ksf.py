"""Block 6 · KSF/CSF (kbcore.analyses.ksf): the template, the reader's checks, the scores, the chart."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import ksf
from kbcore.charts.ksf import plot_ksf
from kbcore.errors import KBDataError
from kbcore.paths import TEMPLATES_DIR
from kbcore.views import ksf as vk
from kbcore.views.figures import key_figures_table

pytestmark = pytest.mark.filterwarnings("error:Glyph")


def _table(**overrides):
    data = {
        "factor": ["Price", "Delivery", "Advice"],
        "factor_ru": ["Цена", "Доставка", "Консультация"],
        "weight": ["0.5", "0.3", "0.2"],
        "us": ["3", "4", "5"],
        "competitor_1": ["5", "4", "2"],
        "competitor_2": ["4", "3", "3"],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def test_template_is_the_default_and_reads_clean():
    assert ksf.TEMPLATE == TEMPLATES_DIR / "ksf.csv"
    table = ksf.read_ksf()
    assert list(table.columns[:4]) == ["factor", "factor_ru", "weight", "us"]
    assert table.attrs["players"] == ["us", "competitor_1", "competitor_2"]
    assert table["weight"].sum() == pytest.approx(1.0)
    assert table.attrs["note"] is None
    assert len(table) == 7 and table["factor_ru"].notna().all()
    for factor in ("Delivery time", "Price", "Payment terms", "Technical advice"):
        assert factor in set(table["factor"])


def test_scores_by_hand():
    scores = ksf.ksf_scores(ksf.validate_ksf(_table()))
    tot = scores.totals.set_index("player")["weighted_score"]
    # us 0.5·3 + 0.3·4 + 0.2·5 = 3.7; c1 2.5 + 1.2 + 0.4 = 4.1; c2 2.0 + 0.9 + 0.6 = 3.5
    assert tot.to_dict() == pytest.approx({"us": 3.7, "competitor_1": 4.1, "competitor_2": 3.5})
    assert scores.totals["player"].tolist() == ["competitor_1", "us", "competitor_2"]
    assert scores.totals["rank"].tolist() == [1, 2, 3]
    assert scores.totals.set_index("player").loc["competitor_1", "gap_to_us"] == pytest.approx(0.4)
    f = scores.factors.set_index("factor")
    assert list(f.index) == ["Price", "Delivery", "Advice"]  # by weight
    assert f.loc["Price", "best_competitor"] == "competitor_1"
    assert f.loc["Price", "gap_to_best"] == -2 and f.loc["Price", "weighted_gap"] == -1.0
    assert f.loc["Delivery", "gap_to_best"] == 0  # a tie with competitor 1
    assert f.loc["Advice", "best_competitor"] == "competitor_2"
    assert f.loc["Advice", "weighted_gap"] == pytest.approx(0.4)
    kf = key_figures_table(vk.ksf_figures(scores, "en"), "en")
    values = kf.iloc[:, 1].tolist()
    assert values[0] == "3.70 (rank 2 of 3)"
    assert values[1] == "Competitor 1 (4.10)"
    assert values[2].startswith("Price")


def test_weights_are_normalised_with_a_note():
    table = ksf.validate_ksf(_table(weight=["2", "1", "1"]))
    assert table["weight"].tolist() == [0.5, 0.25, 0.25]
    assert table.attrs["note"] == "ksf.note.normalised" and table.attrs["weight_sum"] == 4
    scores = ksf.ksf_scores(table)
    assert scores.note == "ksf.note.normalised" and scores.weight_sum == 4


def test_ties_share_the_rank():
    scores = ksf.ksf_scores(_table(us=["5", "4", "2"], competitor_2=["5", "4", "2"]))
    ranks = scores.totals.set_index("player")["rank"]
    assert ranks["us"] == ranks["competitor_1"] == ranks["competitor_2"] == 1
    assert scores.totals["player"].iloc[0] == "us"  # ties: us first, then the table's order


@pytest.mark.parametrize(
    ("change", "key", "column"),
    [
        ({"drop": "weight"}, "ksf.missing_columns", "weight"),
        ({"drop": ["competitor_1", "competitor_2"]}, "ksf.no_competitors", None),
        ({"weight": ["0.5", "-0.3", "0.8"]}, "ksf.weight_negative", "weight"),
        ({"weight": ["0", "0", "0"]}, "ksf.weight_zero", "weight"),
        ({"us": ["3", "7", "5"]}, "ksf.score_range", "us"),
        ({"competitor_2": ["4", "", "3"]}, "ksf.not_number", "competitor_2"),
        ({"weight": ["0.5", "a lot", "0.2"]}, "ksf.not_number", "weight"),
        ({"factor": ["Price", "Price", "Advice"]}, "ksf.duplicate_factor", "factor"),
        ({"factor": ["", None, " "]}, "ksf.empty", None),
    ],
)
def test_bad_tables_get_clear_errors(change, key, column):
    change = dict(change)
    drop = change.pop("drop", None)
    table = _table(**change)
    if drop is not None:
        table = table.drop(columns=drop)
    with pytest.raises(KBDataError) as info:
        ksf.validate_ksf(table, file="my_ksf.csv")
    err = info.value
    assert err.key == key
    assert err.column == column
    assert "my_ksf.csv" in err.message("ru")
    assert err.message("ru") != err.message("en")


def test_score_range_error_names_the_rows():
    with pytest.raises(KBDataError) as info:
        ksf.validate_ksf(_table(us=["3", "7", "0"]))
    assert info.value.examples == ["Delivery: 7", "Advice: 0"]
    assert "1–5" in info.value.message("en")


def test_reader_accepts_excel_style_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "ksf.csv"
    path.write_text("factor;factor_ru;weight;us;Конкурент А\nЦена;Цена;0,6;3;4\n"
                    "Сроки;Сроки;0,4;5;3\n", encoding="utf-8-sig")
    table = ksf.read_ksf(path)
    assert table["weight"].tolist() == [0.6, 0.4]
    assert table.attrs["players"] == ["us", "Конкурент А"]
    assert vk.player_label("Конкурент А", "ru") == "Конкурент А"
    assert vk.player_label("competitor_3", "ru") == "Конкурент 3"


def test_reader_errors_for_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(KBDataError) as info:
        ksf.read_ksf(tmp_path / "nope.csv")
    assert info.value.key == "ksf.file_missing"
    bad = tmp_path / "cp1251.csv"
    bad.write_bytes("factor,weight,us,c\nЦена,1,3,4\n".encode("cp1251"))
    with pytest.raises(KBDataError) as info:
        ksf.read_ksf(bad)
    assert info.value.key == "ksf.encoding"


def test_validate_checks_its_scale_parameter():
    with pytest.raises(ValueError, match="scale"):
        ksf.validate_ksf(_table(), scale=(5, 1))
    table = ksf.validate_ksf(_table(us=["30", "40", "50"], competitor_1=["0", "100", "20"],
                                    competitor_2=["1", "2", "3"]), scale=(0, 100))
    assert table.attrs["scale"] == (0.0, 100.0)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plot_ksf_draws_every_score_and_the_gaps(lang):
    scores = ksf.ksf_scores(ksf.read_ksf())
    ax = plot_ksf(scores, lang=lang)
    ax.figure.canvas.draw()
    us = next(c for c in ax.collections if c.get_gid() == "player:us")
    np.testing.assert_allclose(us.get_offsets()[:, 0], scores.factors["us"])
    for player in scores.players[1:]:
        dots = next(c for c in ax.collections if c.get_gid() == f"player:{player}")
        np.testing.assert_allclose(dots.get_offsets()[:, 0], scores.factors[player])
    gaps = [ln for ln in ax.get_lines() if ln.get_gid() == "gap"]
    assert len(gaps) == int((scores.factors["gap_to_best"] != 0).sum())
    legend = [tx.get_text() for tx in ax.get_legend().get_texts()]
    assert legend[0] == ("Us: 3.80" if lang == "en" else "Мы: 3,80")
    labels = [tx.get_text() for tx in ax.get_yticklabels()]
    first = "Наличие ассортимента" if lang == "ru" else "Assortment availability"
    assert labels[0].startswith(first)
    plt.close(ax.figure)


def test_the_template_is_an_example_and_says_so_everywhere(tmp_path):
    """The template's scores are an example, not the company's: key figures, captions and the
    chart's title say so; a company's own file does not."""
    scores = ksf.ksf_scores(ksf.read_ksf())
    assert scores.example
    kf = key_figures_table(vk.ksf_figures(scores, "ru"), "ru")
    assert kf.iloc[0, 0] == "Наша взвешенная оценка по КФУ (пример)"
    assert all(label.endswith("(пример)") for label in kf.iloc[:, 0])
    assert kf.iloc[0, 1] == "3,80 (место 2 из 3)"
    assert vk.labelled(scores, "Table", "en") == "Table (example)"
    ax = plot_ksf(scores, lang="en")
    assert ax.get_title(loc="left").endswith("(example)")
    plt.close(ax.figure)
    # a modified copy of the example is still the example (exercise 6.2)
    cheaper = ksf.read_ksf()
    assert ksf.ksf_scores(cheaper.assign(us=cheaper["us"])).example
    own = tmp_path / "our_ksf.csv"
    own.write_text((TEMPLATES_DIR / "ksf.csv").read_text(encoding="utf-8"), encoding="utf-8")
    mine = ksf.ksf_scores(ksf.read_ksf(own))
    assert not mine.example
    labels = key_figures_table(vk.ksf_figures(mine, "en"), "en").iloc[:, 0].tolist()
    assert labels[0] == "Our weighted KSF score" and not any("example" in x for x in labels)
    ax = plot_ksf(mine, lang="en")
    assert "example" not in ax.get_title(loc="left") and ax.get_title(loc="left")
    plt.close(ax.figure)
