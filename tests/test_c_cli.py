"""The kbcore command speaks the language it is given: validate and run, en / ru / bg."""

from types import SimpleNamespace

import pytest

from kbcore.app import cli


def _sales(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("date,client_id,revenue\n2024-01-10,A,100\n2024-02-10,B,50\n,,\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Data-quality report", "The data can be used (0 errors,", "sales:"]),
    ("ru", ["Отчёт о качестве данных", "Данные можно использовать (0 ошибок,", "продажи: sales.csv"]),
    ("bg", ["Отчет за качеството на данните", "Данните могат да се използват (0 грешки,",
            "продажби: sales.csv"]),
])
def test_validate_prints_the_report_in_its_language(tmp_path, capsys, lang, words):
    assert cli.main(["validate", str(_sales(tmp_path)), "--lang", lang]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out, out


def test_run_says_how_it_went_in_its_language(monkeypatch, tmp_path, capsys):
    failed = SimpleNamespace(status="failed", path="kb/01.ipynb", error="ValueError: x")
    slow = SimpleNamespace(status="timed out", path="kb/02.ipynb", error="cell 3")
    outcome = SimpleNamespace(ok=False, index=tmp_path / "index.html", results=[failed, slow])
    monkeypatch.setattr(cli, "run", lambda *a, **k: outcome)
    assert cli.main(["run", "--lang", "ru", "--out", str(tmp_path), "--quiet"]) == 1
    printed = capsys.readouterr()
    assert printed.out.startswith("Завершено с ошибками: ")
    assert "  kb/01.ipynb: ✘ ошибка: ValueError: x" in printed.err
    assert "  kb/02.ipynb: ⏱ не завершён: cell 3" in printed.err
    nodata = SimpleNamespace(ok=False, index=tmp_path / "index.html", results=[])
    monkeypatch.setattr(cli, "run", lambda *a, **k: nodata)
    assert cli.main(["run", "--lang", "bg", "--out", str(tmp_path), "--quiet"]) == 1
    printed = capsys.readouterr()
    assert printed.out.startswith("Завършено с грешки: ")
    assert "Данните не могат да се използват" in printed.err
    done = SimpleNamespace(ok=True, index=tmp_path / "index.html", results=[])
    monkeypatch.setattr(cli, "run", lambda *a, **k: done)
    assert cli.main(["run", "--out", str(tmp_path), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("Done: ")


def test_bad_data_is_explained_in_english_and_bulgarian(tmp_path, capsys):
    assert cli.main(["validate", str(tmp_path / "nowhere.csv"), "--lang", "bg"]) == 2
    out = capsys.readouterr()
    assert "does not exist" in out.out + out.err and "Такъв път не съществува" in out.out + out.err
