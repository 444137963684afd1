"""`kbcore group FOLDER`: the trainer's anonymous page of a group's answers."""

from __future__ import annotations

import datetime as dt
import re

from kbcore.analyses.assessment import example_answers, group_view, read_questionnaire
from kbcore.app.cli import main
from kbcore.ingest.answers import save_answers

DAY = dt.date(2026, 12, 1)


def _fill(folder, qid, n):
    q = read_questionnaire(qid)
    for i in range(n):
        save_answers(example_answers(q, 100 + i), folder, questionnaire=qid, participant=f"Участник {i:02d}",
                     date=DAY)
    return q


def test_group_page_of_twelve_participants(tmp_path, capsys):
    q = _fill(tmp_path, "ka_readiness_ksf", 12)
    _fill(tmp_path, "kb_audit", 10)
    assert main(["group", str(tmp_path), "--lang", "ru"]) == 0
    assert "анкет: 2" in capsys.readouterr().out
    page = (tmp_path / "group_ru.html").read_text(encoding="utf-8")
    assert "Ответы 12 участников" in page and "Ответы 10 участников" in page
    assert "Участник" not in re.sub(r"<th>[^<]*</th>", "", page)   # anonymous: no name, only the header
    # the table lists every question, least consensus first, as group_view computes it
    g = group_view(q, [example_answers(q, 100 + i) for i in range(12)])
    first = q.question(g.questions["question_id"].iloc[0]).text["ru"]
    assert page.index(first) < page.index(q.question(g.questions["question_id"].iloc[-1]).text["ru"])
    assert page.count("data:image/png;base64,") == 2


def test_group_page_for_one_questionnaire_and_a_missing_folder(tmp_path, capsys):
    _fill(tmp_path, "ka_readiness_ksf", 3)
    out = tmp_path / "page.html"
    assert main(["group", str(tmp_path), "--questionnaire", "ka_readiness_ksf", "--out", str(out)]) == 0
    assert "3 participants' answers" in out.read_text(encoding="utf-8")
    assert main(["group", str(tmp_path / "nope"), "--lang", "ru"]) == 2
    assert "Папки" in capsys.readouterr().err


def test_a_broken_file_names_itself_and_changes_nothing(tmp_path, capsys):
    _fill(tmp_path, "ka_readiness_ksf", 2)
    bad = tmp_path / "ka_readiness_ksf__Bad__2026-12-01.csv"
    bad.write_text("question_id;answer\nnot_a_question;3\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(["group", str(tmp_path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "ka_readiness_ksf__Bad__2026-12-01.csv" in err and "not_a_question" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
