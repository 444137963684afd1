"""The trainer's slides (``kbcore slides``): one deck for block 1 on the demo company, in Russian.

Block 1 runs once (one kernel, through ``kbcore run``'s own runner); the deck is made from the
executed notebook the run kept (``--from-reports``), and checked: its structure (a slide per
section with a chart, titles, takeaways, speaker notes), what a person sees on it (no code, no
``snake_case``, Russian), and that it opens with the network blocked. The rules of a deck are
also checked on small hand-made notebooks, with no kernel.
"""

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from offline import CHROMIUM, browser_requests, external_resources
from report_text import letters, snake_words, visible_text

from kbcore.app import runner, slides
from kbcore.app.cli import main
from kbcore.app.slides import (
    SlidesError,
    build_slides,
    cut_table,
    deck_from_notebook,
    first_sentence,
    render_deck,
)
from kbcore.paths import PROJECT_DIR

BLOCK = PROJECT_DIR / "notebooks" / "kb" / "ru" / "01_main_errors.ipynb"
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Block 1 in Russian run once on the demo company, and its deck made from the run's notebooks."""
    root = tmp_path_factory.mktemp("slides")
    result = runner.run(None, None, lang="ru", out=root / "reports", notebooks=[BLOCK], progress=False)
    assert [r.status for r in result.results] == ["ok"]
    made = build_slides(lang="ru", out=root / "slides", from_reports=root / "reports", progress=False)
    return made, root


@pytest.fixture(scope="module")
def deck_html(made):
    result, root = made
    return (root / "slides" / "kb" / "ru" / "01_main_errors.html").read_text(encoding="utf-8")


def _sections(page: str) -> list[str]:
    return re.findall(r"<section\b.*?</section>", page, re.DOTALL)


def _without_notes(fragment: str) -> str:
    return re.sub(r'<aside class="notes">.*?</aside>', "", fragment, flags=re.DOTALL)


def test_one_deck_for_the_block_and_an_index(made):
    result, root = made
    assert result.ok and result.errors == []
    assert [d.path for d in result.decks] == [root / "slides" / "kb" / "ru" / "01_main_errors.html"]
    index = result.index.read_text(encoding="utf-8")
    assert result.index == root / "slides" / "index.html"
    assert 'href="kb/ru/01_main_errors.html"' in index
    assert "Блок 1 · Основные ошибки в управлении продажами" in index and "Слайды для тренера" in index
    assert f"{result.decks[0].count} слайд" in index


def test_a_slide_per_section_with_a_chart_each_with_title_takeaway_and_notes(made, deck_html):
    executed = nbformat.read(made[1] / "reports" / "notebooks" / "kb" / "01_main_errors.ipynb", as_version=4)
    with_figure, heading = set(), None
    for cell in executed.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            heading = cell.source.splitlines()[0][3:].strip()
        elif cell.cell_type == "code" and heading and "remove" not in cell.metadata.get("tags", []):
            if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
                with_figure.add(re.sub(r"[*_`]", "", heading))
    assert len(with_figure) >= 4
    sections = _sections(deck_html)
    title, rest = sections[0], sections[1:]
    assert "<h1>Блок 1 · Основные ошибки в управлении продажами</h1>" in title
    assert "Демо-компания" in title and re.search(r"Продажи с \d", title)
    titles = {}
    for section in rest:
        h2 = re.search(r"<h2>(.*?)</h2>", section, re.DOTALL)
        assert h2 and h2.group(1).strip(), section[:300]  # every slide has a title
        titles[h2.group(1).strip()] = section
        shown = _without_notes(section)
        assert shown.count("<img") + shown.count("<table") == 1  # one chart or one table
        assert '<aside class="notes">' in section  # the rest of the section's text is for the trainer
    for name in with_figure:
        assert name in titles, name
        assert '<img class="r-stretch kb-figure" src="data:image/png;base64,' in titles[name]
        assert 'class="kb-takeaway"' in titles[name]
    # the takeaway is the first sentence of the paragraph "Что с этим делать." ...
    assert "Перестаньте ставить планы только в выручке.</p>" in deck_html
    # ... and it is not repeated in the notes, where the rest of that paragraph is
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', deck_html, re.DOTALL)
    assert not any("Перестаньте ставить планы только в выручке" in n for n in notes)
    assert any("Что с этим делать." in n for n in notes)
    # the data-loading section is not a slide: its text is in the title slide's notes
    assert "Загрузка данных" not in " ".join(titles) and "Загрузка данных" in title
    assert "kb-quality" not in deck_html


def test_no_code_and_russian_on_the_slides(deck_html):
    shown = _without_notes(deck_html)
    text = visible_text(shown)
    assert snake_words(text) == []
    assert "<pre" not in shown and "<code" not in shown
    for code in ("import ", "plt.show", "kbcore.", "def ", "ui.styled", "display("):
        assert code not in text
    cyrillic, latin = letters(text, aside=["RFM", "ABC", "XYZ", "HHI", "ООО", "АО"])
    assert cyrillic > 10 * latin, (cyrillic, latin)


def test_the_deck_is_one_file_with_nothing_from_a_network(made, deck_html):
    assert external_resources(deck_html) == []
    assert external_resources(made[0].index.read_text(encoding="utf-8")) == []
    # reveal.js and its notes plugin are inside the file; no file next to it is needed
    assert 'src="data:text/javascript;base64,' in deck_html
    assert "Reveal.initialize" in deck_html and "RevealNotes" in deck_html
    assert not re.search(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?!data:)', deck_html)
    assert "@import" not in deck_html


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the deck's offline check in a "
                                              "browser (tests/offline.py) needs it")
def test_the_deck_opens_in_chromium_with_the_network_blocked(made):
    result, _ = made
    requested, dom = browser_requests(result.decks[0].path)
    assert requested == []
    assert re.search(r'class="reveal[^"]*\bready\b', dom)  # reveal.js ran from inside the file
    requested, _ = browser_requests(result.index)
    assert requested == []


_SPEAKER_PROBE = """<script>
var kbLog = [], kbPopup = null, kbOpen = window.open;
window.open = function () { kbPopup = kbOpen.apply(window, arguments); return kbPopup; };
window.addEventListener('message', function (e) { kbLog.push(String(e.data)); });
Reveal.on('ready', function () {
  Reveal.slide(1);
  var out = document.createElement('pre');
  out.id = 'kbprobe';
  document.body.appendChild(out);
  out.textContent = 'notes: ' + Reveal.getSlideNotes() + '\\n';
  try { Reveal.getPlugin('notes').open(); } catch (e) { out.textContent += 'error: ' + e; }
  setTimeout(function () {
    out.textContent += kbLog.join('\\n');
    if (kbPopup) { kbPopup.close(); }  /* else headless Chromium stays open */
  }, 2500);
});
</script>
</body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: the speaker view's check needs it")
def test_the_speaker_view_opens_from_the_file_and_talks_to_the_deck(made, tmp_path):
    """Key S opens reveal.js's speaker view from file:// (no web server), and it reaches the deck."""
    page = made[0].decks[0].path.read_text(encoding="utf-8").replace("</body>", _SPEAKER_PROBE)
    probe = tmp_path / "probe.html"
    probe.write_text(page, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             "--disable-popup-blocking", "--proxy-server=http://127.0.0.1:9", "--no-first-run",
             "--virtual-time-budget=8000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120)
    shown = html.unescape(re.search(r'<pre id="kbprobe">(.*?)</pre>', done.stdout, re.DOTALL).group(1))
    assert "notes: <p>" in shown and "error" not in shown  # the slide's notes, as reveal.js reads them
    assert '"namespace":"reveal-notes"' in shown and '"methodName":"getConfig"' in shown


def test_a_fresh_run_runs_only_the_blocks_asked_for(made, tmp_path, monkeypatch):
    reports = made[1] / "reports"
    calls = []

    def fake_run(data, mapping, *, lang, out, notebooks, progress):
        calls.append((data, lang, [Path(p).name for p in notebooks]))
        shutil.copytree(reports, out, dirs_exist_ok=True)
        return runner.RunResult(ok=True, out=Path(out))

    monkeypatch.setattr(runner, "run", fake_run)
    result = build_slides(lang="ru", out=tmp_path, blocks=["01"], progress=False)
    assert calls == [(None, "ru", ["01_main_errors.ipynb"])]
    assert [d.path for d in result.decks] == [tmp_path / "kb" / "ru" / "01_main_errors.html"]
    with pytest.raises(SlidesError, match="--blocks 99"):
        build_slides(lang="ru", out=tmp_path, blocks=["99"], progress=False)


def test_reports_in_another_language_or_none_say_what_to_run(made, tmp_path):
    result = build_slides(lang="en", out=tmp_path / "en", from_reports=made[1] / "reports")
    assert not result.ok and result.decks == []
    assert "kbcore run --lang en" in result.errors[0]
    with pytest.raises(SlidesError, match="kbcore run --out"):
        build_slides(lang="ru", out=tmp_path / "x", from_reports=tmp_path / "nothing")


def test_the_command(made, tmp_path, capsys):
    code = main(["slides", "--lang", "ru", "--out", str(tmp_path), "--from-reports",
                 str(made[1] / "reports"), "--blocks", "1"])
    assert code == 0
    assert "Слайды:" in capsys.readouterr().out
    assert (tmp_path / "kb" / "ru" / "01_main_errors.html").is_file()


# --- the rules, on hand-made notebooks -----------------------------------------------------------

def _figure():
    return new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure size 1000x550>"})


def _table(rows: int):
    body = "".join(f"<tr><td>Клиент {i}</td><td>{i}</td></tr>" for i in range(rows))
    return new_output("execute_result", data={
        "text/html": f'<style>#T_x td {{color: red}}</style><table id="T_x"><thead><tr><th>Клиент</th>'
                     f"<th>Выручка</th></tr></thead><tbody>{body}</tbody></table>",
        "text/plain": "table"})


def _notebook():
    remove = new_markdown_cell("Параметр `money_window_days` задаёт окно.")
    remove.metadata["tags"] = ["remove"]
    exercise = new_markdown_cell("## Упражнение 1.1\nНайдите число клиентов.")
    exercise.metadata["tags"] = ["exercise"]
    discussion = new_markdown_cell("**Обсудите:** почему так?")
    discussion.metadata["tags"] = ["discussion"]
    chart = new_code_cell("ax = plot_things(df_long_name)\nplt.show()", outputs=[_figure()])
    return new_notebook(cells=[
        new_markdown_cell("# Блок 9 · Проба\n*Вступление блока.*"),
        new_markdown_cell("## Загрузка данных\nДанные читаются. Потом проверяются."),
        new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="Загружено: 3 строки\n")]),
        new_markdown_cell("## 1. Первый раздел\nЗакон В. Парето гласит: 20 % клиентов дают 80 % денег. "
                          "Так ли у нас?"),
        remove,
        chart,
        new_markdown_cell("**На что смотреть.** На точку.\n\n**Что с этим делать.** Звоните лучшим "
                          "клиентам, т. е. клиентам A. И чаще."),
        discussion,
        exercise,
        new_markdown_cell("## 2. Таблица\nДлинная таблица клиентов."),
        new_code_cell("ui.styled(table)", outputs=[
            new_output("display_data", data={"text/markdown": "**Клиенты по сегменту**", "text/plain": "x"}),
            _table(12),
            new_output("stream", name="stdout", text="Записано для CRM: /tmp/run/crm/clients.csv\n"
                                                     "Клиентов без менеджера: 3\n")]),
        new_markdown_cell("## 3. Только текст с выводом\nПояснение.\n\n**Что с этим делать.** Решите сегодня."),
        new_markdown_cell("## 4. Только текст\nПросто пояснение без вывода."),
    ])


def test_a_deck_from_a_hand_made_notebook():
    deck = deck_from_notebook(_notebook(), "kb/09_probe", "ru")
    assert deck.title == "Блок 9 · Проба"
    assert [s.title for s in deck.slides] == ["1. Первый раздел", "2. Таблица", "3. Только текст с выводом"]
    first, table, text = deck.slides
    assert first.figure == "data:image/png;base64," + PNG and not first.table
    assert first.takeaway == "Звоните лучшим клиентам, т. е. клиентам A."
    notes = " ".join(first.notes)
    assert "На точку." in notes and "И чаще." in notes and "Обсудите:" in notes
    assert "Закон В. Парето" in notes
    # exercises and cells tagged remove are neither slides nor notes; code never
    page = render_deck(deck, company="Демо-компания", period="")
    for hidden in ("Упражнение", "money_window_days", "plot_things", "df_long_name"):
        assert hidden not in page
    # a table is cut to 8 rows, and the rest counted
    assert table.table.count("<tr>") == 1 + slides.TABLE_ROWS and "ещё 4 строки — в отчёте" in table.table
    assert table.takeaway == "Длинная таблица клиентов."  # no marked takeaway: the first sentence
    # printed text is for the trainer, but not where a run wrote its files, nor a label of a table
    assert table.notes == ["<p>Клиентов без менеджера: 3</p>"]
    # a section with no chart or table is a slide only with a marked takeaway ...
    assert not text.figure and not text.table and text.takeaway == "Решите сегодня."
    # ... else its text goes to the notes of the slide before it; the data section's to the title slide
    assert any("Просто пояснение без вывода." in n for n in text.notes)
    assert any("Данные читаются." in n for n in deck.intro) and any("Вступление" in n for n in deck.intro)
    assert any("Загружено: 3 строки" in n for n in deck.intro)
    assert len(re.findall(r"<section\b", page)) == deck.count == 4


def test_first_sentence():
    assert first_sentence("Закон В. Парето гласит: мало. Так ли?") == ("Закон В. Парето гласит: мало.", "Так ли?")
    assert first_sentence("Звоните, т. е. пишите. Потом **ждите**.") == ("Звоните, т. е. пишите.", "Потом **ждите**.")
    assert first_sentence("Выручка 1.5 млн и рост. **Итог** ясен.") == ("Выручка 1.5 млн и рост.", "**Итог** ясен.")
    assert first_sentence("Call **now.** Then wait.") == ("Call **now.**", "Then wait.")
    assert first_sentence("Only one sentence") == ("Only one sentence", "")


def test_cut_table_keeps_the_first_table_only_and_sanitizes():
    fragment = ('<div><h3>x</h3><script>alert(1)</script><table><tbody><tr><td onclick="x()">1</td></tr>'
                "</tbody></table><table><tr><td>2</td></tr></table></div>")
    cut = cut_table(fragment, "en")
    assert cut == "<table><tbody><tr><td>1</td></tr></tbody></table>"


def test_cut_table_keeps_six_columns_and_counts_the_rest():
    header = "<tr>" + "".join(f"<th>h{i}</th>" for i in range(11)) + "</tr>"
    rows = "".join("<tr>" + "".join(f"<td>{r}.{i}</td>" for i in range(11)) + "</tr>" for r in range(10))
    cut = cut_table(f"<table><thead>{header}</thead><tbody>{rows}</tbody></table>", "ru")
    assert "<th>h5</th>" in cut and "h6" not in cut and "<td>7.5</td>" in cut and ".6<" not in cut
    assert "<td>8.0</td>" not in cut  # eight rows
    assert "ещё 2 строки — в отчёте; ещё 5 столбцов — в отчёте" in cut
    narrow = cut_table("<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>", "en")
    assert narrow == "<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
