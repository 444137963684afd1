"""The analyst's run, on two tiny fixture notebooks executed by real kernels (one fails on purpose)."""

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kbcore.app import runner
from kbcore.errors import KBDataError
from kbcore.i18n import catalogue, t
from kbcore.workbook.build import build

FIXTURES = Path(__file__).parent / "fixtures" / "runner"
EVIL = "<script>alert(1)</script>"


class FakeQuality:
    ok = True

    def to_html(self, lang):
        return f"<table><tr><th>rows read</th><td>3</td></tr><tr><td>{EVIL}</td></tr></table>"


class FakeDataset:
    """What the runner needs of a Dataset: source, sales, quality, save()."""

    source = f"{EVIL}.csv"
    sales = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-12-31"]),
        "client_id": ["1", "2", "1"],
        "revenue": [10.0, 20.0, 30.0],
    })
    quality = FakeQuality()

    def save(self, folder):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "clients.txt").write_text(EVIL, encoding="utf-8")
        return folder


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """Build the fixture notebooks and run them once (two kernels) for all the tests below."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(FIXTURES, root, dirs_exist_ok=True)
    build(root)
    calls = []

    def fake_load(data=None, mapping=None, progress=None):
        calls.append((data, mapping))
        return FakeDataset()

    patch = pytest.MonkeyPatch()
    patch.setattr(runner, "load_dataset", fake_load)
    try:
        result = runner.run(None, None, lang="ru", out=root / "reports", notebooks=root / "notebooks",
                            progress=False)
    finally:
        patch.undo()
    return result, root / "reports", calls


def test_run_result(finished_run):
    result, out, calls = finished_run
    assert calls == [(None, None)]  # loaded once for both notebooks; the CRM table is not rebuilt
    # the block that declares crm_folder wrote the CRM table, and the run found it
    assert result.crm_files == [out / "crm" / "clients_for_crm.csv", out / "crm" / "clients_for_crm.xlsx"]
    assert result.crm_error is None
    assert result.ok is False
    assert [r.name for r in result.results] == ["fx/01_ok", "fx/02_fails"]
    ok, failed = result.results
    assert (ok.status, ok.error) == ("ok", None)
    assert failed.status == "failed"
    assert failed.error == "ValueError: Client <b>X</b> & co: revenue missing"  # first line only
    assert ok.title == "Fixture block one · it works"
    assert result.index == out / "index.html"
    for r in result.results:
        assert r.executed.is_file() and r.html.is_file()
    assert ok.executed == out / "notebooks" / "fx" / "01_ok.ipynb"
    assert ok.html == out / "fx" / "01_ok.html"
    assert (out / "_data" / "clients.txt").is_file()
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert summary["ok"] is False and summary["sales_lines"] == 3 and summary["cell_timeout_minutes"] == 6
    assert [(b["name"], b["status"]) for b in summary["blocks"]] == [("fx/01_ok", "ok"), ("fx/02_fails", "failed")]


def test_notebook_ran_on_this_interpreter_with_the_injected_parameters(finished_run):
    result, out, _ = finished_run
    nb = json.loads(result.results[0].executed.read_text(encoding="utf-8"))
    printed = "".join(
        "".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
    )
    assert f"interpreter: {sys.executable}\n" in printed
    assert f"prefix: {sys.prefix}\n" in printed  # the venv, not a system Python
    # the kernel's channels are encrypted where pyzmq has CurveZMQ and the kernel supports it
    import zmq
    from jupyter_client.kernelspec import get_kernel_spec

    supported = "curve" in get_kernel_spec(runner.KERNEL_NAME).metadata.get("supported_encryption", [])
    assert f"channels encrypted: {zmq.has('curve') and supported}\n" in printed
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    source = "".join(injected[0]["source"])
    assert f'data = "{(out / "_data").resolve()}"' in source and 'lang = "en"' in source  # the English-only fixture
    assert f'crm_folder = "{out / "crm"}"' in source  # the block that writes the CRM table
    failing = json.loads(result.results[1].executed.read_text(encoding="utf-8"))
    injected = [c for c in failing["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert "crm_folder" not in "".join(injected[0]["source"])  # not a parameter of that block
    # the chart was drawn inline although the tests run with MPLBACKEND=Agg
    assert any("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))


def test_index_lists_both_with_the_failure_and_escapes_everything(finished_run):
    result, out, _ = finished_run
    index = result.index.read_text(encoding="utf-8")
    assert "Fixture block one · it works" in index and "Fixture block two · it fails on purpose" in index
    assert "✔ готово" in index and "✘ ошибка" in index  # lang="ru"
    assert "ValueError: Client &lt;b&gt;X&lt;/b&gt; &amp; co: revenue missing" in index
    assert "second line" not in index
    assert "<script" not in index.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.csv" in index  # the data source, escaped
    assert 'href="fx/01_ok.html"' in index and 'href="notebooks/fx/02_fails.ipynb"' in index
    assert "Число строк продаж" in index and "<td>3</td>" in index  # rows of the data
    # key figures of block one come from its key-figures cell, sanitized; block two never got there
    # the fixture program is written in English only: its blocks ran in English, and the index says so
    assert "<th>Top client</th>" in index and "<td>en</td>" in index
    assert "2 блока не переведены на этот язык и показаны на английском." in index
    assert "alert(1)" not in index.replace("&lt;script&gt;alert(1)&lt;/script&gt;.csv", "")
    assert result.results[1].key_figures == ""
    assert "Таблица клиентов для CRM" in index and 'href="crm/clients_for_crm.csv"' in index


def test_reports_have_no_code(finished_run):
    result, _, _ = finished_run
    ok_html = result.results[0].html.read_text(encoding="utf-8")
    failed_html = result.results[1].html.read_text(encoding="utf-8")
    for report in (ok_html, failed_html):
        assert "<script>alert" not in report
        # the page as shown, without nbconvert's own CSS (whose comments mention "Out[]") and scripts
        body = re.sub(r"<(style|script)\b[^>]*>.*?</\1>", "", report[report.index("<body"):], flags=re.S)
        assert "import " not in body and "raise ValueError" not in body and "print(" not in body
        assert "In&nbsp;[" not in body and "In [" not in body and "Out[" not in body
        assert "jp-InputPrompt" not in body and 'class="highlight' not in body
        assert "Do not edit" not in body  # the generated header is tagged remove
    assert "interpreter:" in ok_html and "<img" in ok_html and "<th>Top client</th>" in ok_html
    assert "Отчёт неполный" in failed_html and "before the failure" in failed_html
    assert "Этот шаг не выполнен: ValueError: Client &lt;b&gt;X&lt;/b&gt; &amp; co" in failed_html
    assert "Traceback" not in failed_html and "never reached" not in failed_html


def test_unusable_data_runs_nothing(tmp_path, monkeypatch):
    def bad_load(data=None, mapping=None, progress=None):
        raise KBDataError("run.data_error.quality", file="<b>sales.csv</b>")

    monkeypatch.setattr(runner, "load_dataset", bad_load)
    result = runner.run("company/", lang="en", out=tmp_path / "out",
                        notebooks=FIXTURES / "notebooks", progress=False)
    assert result.ok is False and result.results == []
    assert "The data-quality report has errors." in result.data_error
    index = result.index.read_text(encoding="utf-8")
    assert "The data cannot be used, so no block was run." in index
    assert "File: &lt;b&gt;sales.csv&lt;/b&gt;" in index
    assert not (tmp_path / "out" / "notebooks").exists()


@pytest.mark.parametrize("fragment, expected", [
    ("<table><tr><td>a &amp; b</td></tr></table>", "<table><tr><td>a &amp; b</td></tr></table>"),
    ("<b onclick='x()'>hi</b><script>alert(1)</script>", "<b>hi</b>"),
    ('<a href="javascript:alert(1)">x</a><a href="fx/a.html">y</a>', '<a>x</a><a href="fx/a.html">y</a>'),
    ("</div></body><i>x", "<i>x</i>"),  # cannot close the page around it
    ("<img src=x onerror=alert(1)><iframe src=y>t</iframe>", "<img>"),
    ("<style>td { color: red; }</style><p>&lt;b&gt;</p>", "<style>td { color: red; }</style><p>&lt;b&gt;</p>"),
])
def test_sanitize_html(fragment, expected):
    assert runner.sanitize_html(fragment) == expected


def test_a_missing_crm_table_is_reported_and_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "load_dataset", lambda data=None, mapping=None, progress=None: FakeDataset())
    empty = tmp_path / "no_notebooks"
    empty.mkdir()
    result = runner.run(None, None, lang="en", out=tmp_path / "out", notebooks=empty, progress=False)
    assert result.ok is False and result.results == [] and result.crm_files == []
    assert result.crm_error.startswith("no block of this run writes it")
    index = result.index.read_text(encoding="utf-8")
    assert "could not be written" in index and "no block of this run writes it" in index


def test_collect_crm_names_the_block_that_did_not_write_it(tmp_path):
    folder = tmp_path / "crm"
    files, error = runner.collect_crm(folder, ["kb/06_managing_the_base"], "en")
    assert files == [] and error.startswith("kb/06_managing_the_base did not write it")
    folder.mkdir()
    (folder / "clients_for_crm.csv").write_text("client_id\n", encoding="utf-8")
    assert runner.collect_crm(folder, ["kb/06_managing_the_base"], "en")[0] == []  # no XLSX
    (folder / "clients_for_crm.xlsx").write_bytes(b"")
    files, error = runner.collect_crm(folder, ["kb/06_managing_the_base"], "en")
    assert [f.name for f in files] == ["clients_for_crm.csv", "clients_for_crm.xlsx"] and error is None


def test_run_writes_the_crm_table_from_a_1c_export(tmp_path):
    """The real CRM export of a run, on a sales-only 1C export: block 6's notebook writes it
    (the only notebook run, to stay fast)."""
    from onec_export import write_export

    from kbcore.paths import PROJECT_DIR

    export = tmp_path / "продажи.csv"
    write_export(export)
    block6 = PROJECT_DIR / "notebooks" / "kb" / "ru" / "06_managing_the_base.ipynb"  # widgets not run
    result = runner.run(str(export), None, lang="ru", out=tmp_path / "out", notebooks=block6,
                        progress=False)
    assert [r.status for r in result.results] == ["ok"], result.results[0].error
    assert result.crm_error is None and result.ok
    csv_path, xlsx_path = result.crm_files
    assert (csv_path.name, xlsx_path.name) == ("clients_for_crm.csv", "clients_for_crm.xlsx")
    table = pd.read_csv(csv_path, sep=";", dtype=str, encoding="utf-8-sig")
    assert len(table) == 30 and table["client_id"].str.startswith("02").all()  # ИНН keep the 0
    assert {"abc", "xyz", "rfm_segment", "stage", "next_action"} <= set(table.columns)
    assert table["stage"].notna().all() and table["next_action"].notna().all()
    index = result.index.read_text(encoding="utf-8")
    assert 'href="crm/clients_for_crm.xlsx"' in index


# --- batch runs: widgets are not run, every wait is bounded ---------------------------------------

BATCH_FIXTURES = Path(__file__).parent / "fixtures" / "runner_batch"
NOTEBOOK_SOURCES = sorted((Path(__file__).parents[1] / "notebooks").glob("*/*.py")) + sorted(
    (Path(__file__).parents[1] / "solutions").glob("*/*.py"))


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """A widget notebook whose widget cell would raise, a notebook that never ends and one whose
    kernel dies (Russian)."""
    root = tmp_path_factory.mktemp("batch")
    shutil.copytree(BATCH_FIXTURES, root, dirs_exist_ok=True)
    build(root)
    patch = pytest.MonkeyPatch()
    patch.setattr(runner, "load_dataset", lambda data=None, mapping=None, progress=None: FakeDataset())
    try:
        result = runner.run(None, None, lang="ru", out=root / "reports", notebooks=root / "notebooks",
                            progress=False, cell_timeout=0.2)  # 12 s
    finally:
        patch.undo()
    return result


def test_widget_cells_are_not_run_and_the_report_says_where_they_were(batch_run):
    widget, _slow, _dies = batch_run.results
    assert (widget.status, widget.error) == ("ok", None)  # the widget cell would have raised
    nb = json.loads(widget.executed.read_text(encoding="utf-8"))
    assert not [c for c in nb["cells"] if "widget" in c["metadata"].get("tags", [])]
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "before the widget" in printed and "after the widget" in printed
    assert nb["metadata"]["papermill"]["input_path"].endswith("01_widget.ipynb")  # the source, not a copy
    html = widget.html.read_text(encoding="utf-8")
    note = t("run.widget_note", "ru")
    assert note in html and "работают в JupyterLab" in note
    body = html[html.index("<body"):]
    # where the widget was: after the markdown that introduces it, before the key figures
    assert body.index("Move the slider") < body.index(note) < body.index("after the widget")
    assert "RuntimeError" not in html


def test_a_cell_that_runs_too_long_times_the_block_out_and_the_index_says_where(batch_run):
    widget, slow, _dies = batch_run.results
    assert batch_run.ok is False
    assert slow.status == "timed out"
    # In [4]: the parameters, papermill's injected parameters, the print, then the endless cell
    assert slow.error == "время вышло: ячейка 4 (import time) не завершилась за 0,2 мин"
    assert 12 <= slow.seconds < 120  # stopped waiting at the bound, not at the cell's 600 s
    index = batch_run.index.read_text(encoding="utf-8")
    assert "⏱ не завершён" in index and "✘ ошибка" not in index
    assert "ячейка 4 (import time) не завершилась за 0,2 мин" in index
    assert "2 блока из 3 не завершились" in index
    report = slow.html.read_text(encoding="utf-8")
    assert "Отчёт неполный" in report and "не завершилась за 0,2 мин" in report
    assert "before the wait" in report and "never reached" not in report


def test_a_kernel_that_dies_times_the_block_out_and_the_run_goes_on(batch_run):
    _widget, _slow, dies = batch_run.results
    assert dies.status == "timed out"
    assert dies.error == ("ядро Python рабочей тетради остановилось в ячейке 4 (import os); "
                          "чаще всего так бывает из-за нехватки памяти")
    assert "остановилось в ячейке 4 (import os)" in batch_run.index.read_text(encoding="utf-8")
    assert "before the crash" in dies.html.read_text(encoding="utf-8")
    summary = json.loads((batch_run.out / "run.json").read_text(encoding="utf-8"))
    assert [b["status"] for b in summary["blocks"]] == ["ok", "timed out", "timed out"]


def test_the_timeout_status_and_texts_exist_in_both_languages():
    for key in ("run.status.timed_out", "run.summary.timed_out.count", "run.timeout", "run.kernel_died",
                "run.report.timed_out", "run.widget_note"):
        assert {"en", "ru", "bg"} <= set(catalogue()[key])
    assert t("run.timeout", "en", minutes="7", cell="12 (abc_explorer(pnl)") == (
        "timed out after 7 min in cell 12 (abc_explorer(pnl)")


@pytest.mark.parametrize("lines, minutes", [
    (0, 5), (400, 6), (100_000, 6), (136_913, 7), (1_000_000, 15), (1_700_000, 22), (5_000_000, 55),
])
def test_the_cell_timeout_scales_with_the_sales_lines(lines, minutes):
    # 5 min + 10 min per million lines, rounded up to whole minutes
    assert runner.cell_timeout_minutes(lines) == minutes


def test_run_passes_the_scaled_timeout_to_every_block(tmp_path, monkeypatch):
    class BigDataset(FakeDataset):
        sales = pd.DataFrame({"date": pd.to_datetime(["2024-01-05"] * 1_200_000),
                              "client_id": ["1"] * 1_200_000, "revenue": [1.0] * 1_200_000})

    seen = []

    def fake_run_one(path, name, out, parameters, lang, timeout_minutes):
        seen.append(timeout_minutes)
        return runner.NotebookResult(path=path, name=name, title=name, status="ok")

    monkeypatch.setattr(runner, "load_dataset", lambda data=None, mapping=None, progress=None: BigDataset())
    monkeypatch.setattr(runner, "_run_one", fake_run_one)
    (tmp_path / "fx").mkdir()
    for name in ("a", "b"):
        nbformat.write(nbformat.v4.new_notebook(), tmp_path / "fx" / f"{name}.ipynb")
    runner.run(None, None, out=tmp_path / "out", notebooks=tmp_path / "fx", progress=False)
    assert seen == [17, 17]  # 5 + 10 × 1.2, for both notebooks


def test_batch_notebook_replaces_only_widget_cells():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("explorer(x)", metadata={"tags": ["widget"]}),
                nbformat.v4.new_code_cell("print(x)", metadata={"tags": ["key-figures"]})]
    batch = runner.batch_notebook(nb, "en")
    assert [c.cell_type for c in batch.cells] == ["markdown", "code", "markdown", "code"]
    assert batch.cells[2].metadata["tags"] == ["widget-note"]
    assert t("run.widget_note", "en") in batch.cells[2].source
    assert batch.cells[2].id == f"{nb.cells[2].id}-note"
    assert [c.source for c in nb.cells][2] == "explorer(x)"  # the original is left as it was
    nbformat.validate(batch)


def _widget_functions() -> set[str]:
    import importlib
    import pkgutil

    import kbcore.widgets

    names = set(kbcore.widgets.__all__)
    for module in pkgutil.iter_modules(kbcore.widgets.__path__):
        names |= set(getattr(importlib.import_module(f"kbcore.widgets.{module.name}"), "__all__", []))
    return names


@pytest.mark.parametrize("source", NOTEBOOK_SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_widget_call_is_in_a_cell_tagged_widget(source):
    """``kbcore run`` drops cells tagged ``widget``; an untagged widget would run in the batch."""
    import ast

    names = _widget_functions()
    assert {"cost_to_serve_explorer", "abc_explorer", "card_browser"} <= names
    from kbcore.workbook.build import read_source

    nb = read_source(source)  # the code of every language variant
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        calls = {node.func.id for node in ast.walk(ast.parse(cell.source))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        if calls & names:
            assert "widget" in cell.metadata.get("tags", []), cell.source[:80]
        if "widget" in cell.metadata.get("tags", []):
            assert calls & names, f"tagged widget but builds none: {cell.source[:80]}"


def test_steps_are_said_with_their_time(capsys):
    steps = runner._Steps("ru", enabled=True)
    steps.begin("run.step.read")
    steps.say("run.step.read_table", table="продажи")
    steps.done("run.step.read_done.count", 10_000_000)
    steps.done("run.step.read_done.count", 21)
    err = capsys.readouterr().err.splitlines()
    assert err == ["Чтение данных…", "  таблица продажи", "Данные прочитаны: 10\xa0000\xa0000 строк продаж (0 с).",
                   "Данные прочитаны: 21 строка продаж (0 с)."]
    quiet = runner._Steps("en", enabled=False)
    quiet.begin("run.step.read")
    assert capsys.readouterr().err == ""
    assert runner._duration(59.4, "en") == "59 s"
    assert runner._duration(185, "en") == "3 min 05 s"
    assert runner._duration(3600, "ru") == "60 мин 00 с"


def test_load_says_each_table_before_reading_it(tmp_path):
    import kbcore
    from kbcore.demo import generate, write

    write(generate(clients=30, years=1, seed=3), tmp_path / "company", manifest=False)
    seen = []
    ds = kbcore.load(tmp_path / "company", progress=seen.append)
    assert seen[0] == "sales" and set(seen) == set(ds.tables) and len(seen) == len(set(seen))


# --- offline: the index and the reports load nothing from a network -----------------------------

def test_index_and_reports_load_nothing_from_a_network(finished_run):
    from offline import CHROMIUM, browser_requests, external_resources

    result, _out, _calls = finished_run
    pages = [result.index] + [r.html for r in result.results if r.html]
    assert len(pages) >= 3
    for page in pages:
        assert external_resources(page.read_text(encoding="utf-8")) == [], page.name
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine: the pages were checked on their markup only")
    for page in pages:
        requested, dom = browser_requests(page)
        assert requested == [], f"{page.name} asked the network for {requested}"
        assert "</body>" in dom  # it did render


# --- the language variants: the run takes each notebook in its language --------------------------

def test_the_run_takes_each_notebook_in_its_language_or_in_english(tmp_path):
    for rel in ("kb/ru/01_a", "kb/en/01_a", "kpi/bg/01_b", "kpi/en/01_b", "fx/en/01_c", "old/02_d"):
        path = tmp_path / "notebooks" / f"{rel}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    root = tmp_path / "notebooks"

    def found(lang):
        return [(p.relative_to(root).as_posix(), name, runner.notebook_lang(p, lang))
                for p, name in runner.find_notebooks(root, lang)]

    assert found("ru") == [("fx/en/01_c.ipynb", "fx/01_c", "en"), ("kb/ru/01_a.ipynb", "kb/01_a", "ru"),
                           ("kpi/en/01_b.ipynb", "kpi/01_b", "en"), ("old/02_d.ipynb", "old/02_d", "ru")]
    assert found("bg") == [("fx/en/01_c.ipynb", "fx/01_c", "en"), ("kb/en/01_a.ipynb", "kb/01_a", "en"),
                           ("kpi/bg/01_b.ipynb", "kpi/01_b", "bg"), ("old/02_d.ipynb", "old/02_d", "bg")]
    # a notebook named on the command line runs as it is, in its own language
    one = runner.find_notebooks(root / "kb" / "en" / "01_a.ipynb", "ru")
    assert [(name, runner.notebook_lang(p, "ru")) for p, name in one] == [("kb/01_a", "en")]


def test_the_index_names_no_file_or_code(finished_run):
    from report_text import snake_words, visible_text

    result, _out, _calls = finished_run
    text = visible_text(result.index.read_text(encoding="utf-8"))
    assert "Таблица клиентов для мастера импорта CRM (CSV)" in text
    assert snake_words(text) == [] and "clients_for_crm" not in text and "fx/01_ok" not in text


def test_each_program_runs_on_its_own_demo_company(tmp_path, monkeypatch):
    """No data: program 000's blocks get the Russian demo company, 004's the Bulgarian one; each is
    loaded once and saved in its own cache; a run in Bulgarian covers program 004 only."""
    for prog in ("kb", "kpi"):
        folder = tmp_path / "nbs" / prog / "en"
        folder.mkdir(parents=True)
        nbformat.write(nbformat.v4.new_notebook(), folder / "01_x.ipynb")
    loads, runs = [], []

    def fake_load(data=None, mapping=None, progress=None, demo="ru"):
        loads.append(demo)
        return FakeDataset()

    def fake_run_one(path, name, out, parameters, lang, cell_timeout):
        runs.append((name, Path(parameters["data"]).name))
        return runner.NotebookResult(path=path, name=name, title=name, status="ok")

    monkeypatch.setattr(runner, "load_dataset", fake_load)
    monkeypatch.setattr(runner, "_run_one", fake_run_one)
    both = runner.run(None, None, lang="en", out=tmp_path / "out", notebooks=tmp_path / "nbs",
                      progress=False, programs=("kb", "004"))
    assert loads == ["ru", "bg"]
    assert runs == [("kb/01_x", "_data"), ("kpi/01_x", "_data_bg")]
    page = both.index.read_text(encoding="utf-8")
    assert t("run.data.demo.ru", "en") in page and t("run.data.demo.bg", "en") in page
    assert both.crm_error is not None  # program 000 ran and its CRM table is missing

    loads.clear(), runs.clear()
    only = runner.run(None, None, lang="bg", out=tmp_path / "out_bg", notebooks=tmp_path / "nbs",
                      progress=False, programs=runner.run_programs("bg"))
    assert loads == ["bg"] and runs == [("kpi/01_x", "_data")]
    # program 004's topics 1-5 write its CRM table; these stand-ins do not, and the run says so
    assert only.crm_error == t("run.crm.not_run.kpi", "bg") and not only.ok
    assert runner.run_programs("ru") == ("kb",) and runner.run_programs("en") == ("kb", "kpi")

    loads.clear(), runs.clear()
    runner.run(tmp_path / "company", None, lang="en", out=tmp_path / "out_co", notebooks=tmp_path / "nbs",
               progress=False, programs=("kb", "kpi"))
    assert loads == ["ru"] and [r[1] for r in runs] == ["_data", "_data"]  # company data: one load for all
