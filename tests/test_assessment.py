"""The assessment engine: templates, answers, scores by hand, round trips, never overwriting, the group."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

from kbcore.analyses.assessment import (
    assess,
    consensus,
    empty_answers,
    example_answers,
    group_answers,
    group_view,
    load_answers,
    parse_answers,
    questionnaire_template,
    read_questionnaire,
)
from kbcore.charts.assessment import plot_group_answers, plot_section_scores
from kbcore.errors import TemplateError
from kbcore.ingest.answers import (
    AnswerSession,
    answer_files,
    latest_answers,
    read_answer_file,
    save_answers,
)
from kbcore.views.assessment import (
    evidence_notes,
    evidence_table,
    gaps_table,
    group_html,
    group_table,
    result_html,
    sections_table,
)
from kbcore.widgets.assessment import questionnaire_form
from kbcore.workbook.forms import form_bytes

TOY = Path(__file__).parent / "fixtures" / "questionnaires" / "toy.yaml"
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def toy():
    return read_questionnaire(TOY)


def _data():
    return yaml.safe_load(TOY.read_text(encoding="utf-8"))


def _answers(q, **values):
    return parse_answers(q, pd.DataFrame({"question_id": list(values), "answer": [str(v) for v in values.values()]}))


# ------------------------------------------------------------------ scoring by hand
def test_scores_gaps_and_verdict_by_hand(toy):
    # scale 1..5, span 4. cards (weight 2): segment 4 -> level 0.75 (w 1); phone 3 -> level 0.5 (w 3)
    #   score = (0.75·1 + 0.5·3) / 4 = 0.5625. history (weight 1): calls 1 -> level 0 -> score 0.
    # overall = (2·0.5625 + 1·0) / 3 = 0.375 -> verdict "list" (base from 0.5).
    r = assess(toy, _answers(toy, segment=4, phone=3, calls=1))
    assert r.sections["score"].tolist() == pytest.approx([0.5625, 0.0])
    assert r.overall == pytest.approx(0.375)
    assert r.verdict == "list"
    # gaps: phone below its target 4 by 1 -> priority 1/4 · 3 · 2/2 = 0.75;
    #       calls below gap_below 3 by 2 -> priority 2/4 · 1 · 1/2 = 0.25; segment 4 >= 3 is no gap
    assert r.gaps["question_id"].tolist() == ["phone", "calls"]
    assert r.gaps["priority"].tolist() == pytest.approx([0.75, 0.25])
    assert r.gaps["gap_size"].tolist() == [1.0, 2.0]
    # the target score of cards is the phone's target level (4 - 1) / 4
    assert r.sections.loc[0, "target_score"] == pytest.approx(0.75)
    assert (r.answered, r.total) == (3, 3)


def test_unanswered_questions_are_left_out_not_zero(toy):
    # only segment = 5 answered: cards = 1.0 over 1 answered question; history has no score;
    # overall = cards alone = 1.0 -> verdict "base"
    r = assess(toy, _answers(toy, segment=5))
    assert r.sections["score"].iloc[0] == pytest.approx(1.0)
    assert math.isnan(r.sections["score"].iloc[1])
    assert r.overall == pytest.approx(1.0) and r.verdict == "base"
    assert r.answered == 1
    nothing = assess(toy, empty_answers(toy))
    assert math.isnan(nothing.overall) and nothing.verdict is None and nothing.gaps.empty


def test_evidence_disagrees_beyond_the_tolerance(toy):
    # 41 % on 1..5 reads as 1 + 0.41·4 = 2.64; "4 — mostly" is 1.36 points away > 1 -> disagrees
    r = assess(toy, _answers(toy, segment=4), measured={"segment_known": 0.41})
    row = r.questions.set_index("question_id").loc["segment"]
    assert row["measured_point"] == pytest.approx(2.64)
    assert bool(row["disagree"])
    # 3 is 0.36 away: agrees; a missing measure never disagrees
    assert not assess(toy, _answers(toy, segment=3), measured={"segment_known": 0.41}).questions["disagree"].any()
    assert not assess(toy, _answers(toy, segment=1), measured={"segment_known": np.nan}).questions["disagree"].any()
    frame = pd.DataFrame({"measure": ["segment_known"], "value": [np.nan], "missing": ["needs.clients.segment"]})
    missing = assess(toy, _answers(toy, segment=1), measured=frame).questions.set_index("question_id")
    assert missing.loc["segment", "measure_missing"] == "needs.clients.segment"


def test_own_targets_and_time_shares():
    data = _data()
    data.update(id="seven", ask_target=True, ask_time=True)
    q = questionnaire_template(data)
    table = pd.DataFrame({"question_id": ["segment", "phone", "calls"], "answer": ["2", "4", "3"],
                          "target": ["4", "4", ""], "time_share": ["50", "30 %", "20"]})
    a = parse_answers(q, table)
    assert a["time_share"].tolist() == pytest.approx([0.5, 0.3, 0.2])
    r = assess(q, a)
    # own targets replace the template's: segment 2 < 4 is a gap of 2; phone 4 = 4 is none;
    # calls has no own target, so gap_below 3 applies: 3 is no gap
    assert r.gaps["question_id"].tolist() == ["segment"]
    assert r.sections["time_share"].tolist() == pytest.approx([0.8, 0.2])
    with pytest.raises(TemplateError) as err:
        parse_answers(q, table.assign(time_share=["60", "30", "20"]))
    assert err.value.key == "template.answers_time_total"


def test_consensus_against_hand_cases():
    # Tastle & Wierman 2007: everyone agrees -> 1; an even split between the ends -> 0
    assert consensus([3, 3, 3], 1, 5) == pytest.approx(1.0)
    assert consensus([1, 5], 1, 5) == pytest.approx(0.0)
    # [1, 2] on 1..5: mu 1.5, each 0.5 away, width 4: 1 + 2 · 0.5 · log2(1 - 0.125) = 1 + log2(0.875)
    assert consensus([1, 2], 1, 5) == pytest.approx(1 + math.log2(0.875))
    assert math.isnan(consensus([np.nan], 1, 5))


# ------------------------------------------------------------------ malformed templates
def _broken(change):
    data = _data()
    change(data)
    return data


@pytest.mark.parametrize(("change", "problem", "key"), [
    (lambda d: d["title"].pop("bg"), "texts", "title"),
    (lambda d: d["scale"][0]["label"].update(en=False), "texts_yes_no", "scale[1].label.en"),
    (lambda d: d["scale"].reverse(), "not_ascending", "scale"),
    (lambda d: d.update(scale=d["scale"][:2]), "count", "scale"),
    (lambda d: d["sections"][0]["questions"][1].update(target=9), "out_of_range", "sections.cards.phone.target"),
    (lambda d: d["sections"][1]["questions"][0].update(id="segment"), "duplicate_id", "sections.history.questions[1].id"),
    (lambda d: d["sections"][0]["questions"][0].update(evidence="clients_happy"), "unknown_measure",
     "sections.cards.segment.evidence"),
    (lambda d: d["verdicts"][0].update({"from": 0.2}), "not_ascending", "verdicts"),
    (lambda d: d["sections"][0].update(wieght=2), "unknown_key", "sections[1]"),
    (lambda d: d["sections"][0]["questions"][0].pop("action"), "missing_key", "sections.cards.questions[1].action"),
    (lambda d: d["sections"][0].update(weight=0), "zero", "sections.cards.weight"),
    (lambda d: d.update(program="xyz"), "scores_unknown", "program"),
])
def test_malformed_templates_say_where_and_what(change, problem, key):
    with pytest.raises(TemplateError) as err:
        questionnaire_template(_broken(change), measures=["segment_known"])
    assert err.value.problem == problem
    assert err.value.where == key
    for lang in ("en", "ru"):
        text = err.value.message(lang)
        assert key in text and len(text.splitlines()) >= 2


def test_template_file_errors(tmp_path):
    bad = tmp_path / "toy.yaml"
    bad.write_text("id: toy\nsections: [\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        read_questionnaire(bad)
    assert err.value.problem == "not_yaml"
    with pytest.raises(TemplateError) as err:
        read_questionnaire(tmp_path / "nothing.yaml")
    assert err.value.problem == "not_found"
    other = tmp_path / "renamed.yaml"
    shutil.copy(TOY, other)
    with pytest.raises(TemplateError) as err:
        read_questionnaire(other)
    assert err.value.where == "id"


# ------------------------------------------------------------------ answers
def test_answers_in_every_form_the_people_type(toy):
    table = pd.DataFrame({"question_id": [" segment", "phone", "calls"],
                          "answer": ["4 — В основном", "Partly", "1.0"], "comment": ["см. CRM", None, ""]})
    a = parse_answers(toy, table)
    assert a["answer"].tolist() == [4.0, 3.0, 1.0]
    assert a["comment"].tolist() == ["см. CRM", "", ""]
    assert parse_answers(toy, pd.DataFrame({"question_id": ["phone"], "answer": [""]}))["answer"].isna().all()


@pytest.mark.parametrize(("table", "problem", "example"), [
    (pd.DataFrame({"question_id": ["segment", "speed"], "answer": ["3", "4"]}), "scores_unknown", "line 3: speed"),
    (pd.DataFrame({"question_id": ["segment", "segment"], "answer": ["3", "4"]}), "answers_twice", "line 2: segment"),
    (pd.DataFrame({"question_id": ["segment", "phone"], "answer": ["3", "7"]}), "answers_range", "line 3: 7"),
    (pd.DataFrame({"question_id": ["segment"], "answer": ["very"]}), "answers_range", "line 2: very"),
    (pd.DataFrame({"question_id": ["segment"]}), "scores_columns", None),
    (pd.DataFrame({"questionnaire": ["kb_audit"], "question_id": ["segment"], "answer": ["3"]}), "answers_other", None),
])
def test_bad_answer_tables_are_refused_with_the_line(toy, table, problem, example):
    before = table.copy()
    with pytest.raises(TemplateError) as err:
        parse_answers(toy, table, file="answers.csv")
    assert err.value.problem == problem
    if example:
        assert example in err.value.examples
    pd.testing.assert_frame_equal(table, before)   # the caller's table is not altered


# ------------------------------------------------------------------ the three ways give one result
def _fill_widget(q, folder, values):
    form = questionnaire_form(q, folder=folder, participant="", lang="ru", date=DAY)
    form.participant.value = "Иванова Анна"
    for qid, v in values.items():
        form.controls[qid]["answer"].value = float(v)
    return form


def test_widget_spreadsheet_and_file_give_the_same_scores(toy, tmp_path):
    values = {"segment": 4, "phone": 2, "calls": 5}
    # 1. the notebook's form saves on every change
    form = _fill_widget(toy, tmp_path / "widget", values)
    saved = load_answers(toy, folder=tmp_path / "widget", participant="Иванова Анна")
    assert saved.source == "saved" and saved.about["participant"] == "Иванова Анна"
    # 2. the spreadsheet form, filled in as a participant does (the drop-down's text)
    path = tmp_path / "toy.xlsx"
    path.write_bytes(form_bytes(toy, "ru"))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = [c.value for c in ws[1]].index("Ваш ответ") + 1
    ids = [ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)]
    for r, qid in enumerate(ids, start=2):
        ws.cell(row=r, column=col).value = f"{values[qid]} — {toy.label(values[qid], 'ru')}"
    wb.worksheets[1]["B1"] = "Петров Пётр"
    wb.worksheets[1]["B2"] = dt.datetime(2026, 12, 1)
    wb.save(path)
    sheet = load_answers(toy, answers_file=path)
    assert sheet.source == "file" and sheet.about == {"participant": "Петров Пётр", "date": "2026-12-01",
                                                      "file": str(path)}
    # 3. a plain CSV a trainer typed
    csv = tmp_path / "typed.csv"
    csv.write_text("question_id,answer\nsegment,4\nphone,2\ncalls,5\n", encoding="utf-8")
    typed = load_answers(toy, answers_file=csv)
    results = [assess(toy, x.table) for x in (saved, sheet, typed)]
    for r in results[1:]:
        pd.testing.assert_frame_equal(r.sections, results[0].sections)
        pd.testing.assert_frame_equal(r.gaps, results[0].gaps)
        assert r.overall == results[0].overall
    # by hand: cards (4 -> 0.75, 2 -> 0.25 ×3) = 1.5/4 = 0.375; history 5 -> 1; overall (0.75 + 1)/3
    assert results[0].overall == pytest.approx((2 * 0.375 + 1.0) / 3)
    assert form.answers()["answer"].tolist() == [4.0, 2.0, 5.0]


def test_widget_without_a_name_or_over_100_percent_saves_nothing(toy, tmp_path):
    form = questionnaire_form(toy, folder=tmp_path, lang="en", date=DAY)
    form.controls["segment"]["answer"].value = 3.0
    assert form.session is None and not list(tmp_path.iterdir())
    assert "name" in form.status.value
    data = _data()
    data.update(id="roles", ask_time=True)
    q = questionnaire_template(data)
    form = questionnaire_form(q, folder=tmp_path, participant="Anna", lang="en", date=DAY)
    form.controls["segment"]["time"].value = 80
    form.controls["phone"]["time"].value = 40
    assert "120" in form.status.value
    saved = read_answer_file(form.session.path)[0]
    assert saved.set_index("question_id").loc["phone", "time_share"] != "40"


def test_answers_are_never_overwritten(toy, tmp_path):
    first = save_answers(_answers(toy, segment=1), tmp_path, questionnaire="toy", participant="Anna", date=DAY)
    before = hashlib.sha256(first.read_bytes()).hexdigest()
    second = save_answers(_answers(toy, segment=5), tmp_path, questionnaire="toy", participant="Anna", date=DAY)
    assert first != second and second.name.endswith("__2.csv")
    assert hashlib.sha256(first.read_bytes()).hexdigest() == before
    # a sitting rewrites only its own file
    session = AnswerSession(tmp_path, questionnaire="toy", participant="Anna", date=DAY)
    third = session.save(_answers(toy, segment=2))
    session.save(_answers(toy, segment=3))
    assert third.name.endswith("__3.csv") and session.path == third
    assert hashlib.sha256(first.read_bytes()).hexdigest() == before
    assert read_answer_file(third)[0]["answer"].tolist()[0] == "3"
    # the latest is the last sitting; reading never changes a file
    files = {p: p.read_bytes() for p in tmp_path.iterdir()}
    latest = load_answers(toy, folder=tmp_path, participant="anna")
    assert latest.table["answer"].iloc[0] == 3.0
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == files
    with pytest.raises(TemplateError) as err:
        save_answers(_answers(toy, segment=1), tmp_path, questionnaire="toy", participant="  ", date=DAY)
    assert err.value.problem == "answers_no_name"


def test_a_read_only_answer_file_is_read(toy, tmp_path):
    csv = tmp_path / "ro.csv"
    csv.write_text("question_id;answer\nsegment;4\n", encoding="utf-8")
    csv.chmod(0o444)
    assert load_answers(toy, answers_file=csv).table["answer"].iloc[0] == 4.0
    assert csv.read_text(encoding="utf-8") == "question_id;answer\nsegment;4\n"


def test_example_answers_are_stable_and_labelled(toy):
    a, b = example_answers(toy, 3), example_answers(toy, 3)
    pd.testing.assert_frame_equal(a, b)
    assert a["answer"].dropna().isin(toy.values).all()
    shown = load_answers(toy)
    assert shown.source == "example"
    r = assess(toy, shown.table)
    assert "пример" in result_html(toy, r, "ru", source="example").lower()


# ------------------------------------------------------------------ the trainer's group view
def test_group_view_of_a_folder_of_twelve(toy, tmp_path):
    for i in range(12):
        save_answers(example_answers(toy, i), tmp_path, questionnaire="toy", participant=f"P{i:02d}", date=DAY)
    # participant P00 answers again later: only the latest counts
    save_answers(_answers(toy, segment=5, phone=5, calls=5), tmp_path, questionnaire="toy", participant="P00",
                 date=DAY + dt.timedelta(days=1))
    # another questionnaire's file and a stray spreadsheet in the same folder are not counted
    (tmp_path / "kb_audit__P01__2026-12-01.csv").write_text("question_id;answer\nx;1\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert len(answer_files(tmp_path, "toy")) == 13
    assert len(latest_answers(tmp_path, "toy")) == 12
    sets, is_example = group_answers(toy, tmp_path)
    assert not is_example and len(sets) == 12
    g = group_view(toy, sets)
    assert g.participants == 12
    counts = g.distribution.set_index("question_id")
    assert (counts[list(toy.values)].sum(axis=1) + counts["not_answered"] == 12).all()
    by_hand = np.array([s.set_index("question_id").loc["segment", "answer"] for s in sets])
    row = g.questions.set_index("question_id").loc["segment"]
    assert row["n"] == np.isfinite(by_hand).sum()
    assert row["mean"] == pytest.approx(np.nanmean(by_hand))
    assert row["consensus"] == pytest.approx(consensus(by_hand, 1, 5))
    assert g.questions["consensus"].is_monotonic_increasing
    # anonymous: no names anywhere in what the trainer shows
    shown = group_table(toy, g, "ru").to_string() + group_html(toy, g, "ru")
    assert "P0" not in shown
    assert "12" in group_html(toy, g, "en")


def test_group_view_falls_back_to_labelled_examples(toy, tmp_path):
    sets, is_example = group_answers(toy, tmp_path / "empty")
    assert is_example and len(sets) == 12
    assert "(example)" in group_html(toy, group_view(toy, sets), "en", example_group=True)
    # a broken file in the group's folder names itself
    (tmp_path / "toy__Bad__2026-12-01.csv").write_text("question_id;answer\nsegment;9\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        group_answers(toy, tmp_path)
    assert "toy__Bad" in str(err.value.file)


# ------------------------------------------------------------------ views and charts read in both languages
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_views_and_charts(toy, lang):
    import matplotlib.pyplot as plt

    r = assess(toy, _answers(toy, segment=4, phone=2, calls=1), measured={"segment_known": 0.41})
    s = sections_table(toy, r, lang)
    assert s.iloc[:, 0].tolist() == [toy.section("cards").title[lang], toy.section("history").title[lang]]
    gaps = gaps_table(toy, r, lang)
    assert gaps.iloc[0, -1] == toy.question("phone").action[lang]
    ev = evidence_table(toy, r, lang)
    assert len(ev) == 1
    notes = evidence_notes(toy, r, lang)
    assert len(notes) == 1 and "41" in notes[0] and toy.label(4, lang) in notes[0]
    fig, ax = plt.subplots()
    plot_section_scores(toy, r, lang=lang, ax=ax, example=True)
    assert len([p for p in ax.patches if p.get_gid() == "score"]) == 2
    assert toy.title[lang] in ax.get_title(loc="left")
    plt.close(fig)
    g = group_view(toy, [example_answers(toy, i) for i in range(12)])
    fig, ax = plt.subplots()
    plot_group_answers(toy, g, lang=lang, ax=ax)
    assert len([p for p in ax.patches if p.get_gid() == "answers"]) == 3 * 5
    plt.close(fig)


def test_spreadsheet_form_is_stable_and_in_the_language(toy):
    a, b = form_bytes(toy, "ru"), form_bytes(toy, "ru")
    assert a == b
    wb = openpyxl.load_workbook(io.BytesIO(a))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert "Вопрос" in headers and "Ваш ответ" in headers
    assert wb.worksheets[0].cell(row=2, column=4).value == toy.question("segment").text["ru"]
    validations = wb.worksheets[0].data_validations.dataValidation
    assert validations and "В основном" in validations[0].formula1


def test_evidence_without_data_says_what_it_needs_in_words(toy):
    frame = pd.DataFrame({"measure": ["segment_known"], "value": [np.nan],
                          "missing": ["needs.clients.segment,needs.interactions"]})
    r = assess(toy, _answers(toy, segment=4), measured=frame)
    ru = evidence_table(toy, r, "ru")
    cell = ru.iloc[0, 3]
    assert cell.startswith("—") and "сегмент в карточке клиента" in cell and "CRM" in cell and "needs." not in cell
    assert ru.iloc[0, 4] == "данные не позволяют судить"
    assert "needs." not in evidence_table(toy, r, "en").to_string()


# ------------------------------------------------------------------ a questionnaire written as a table
def _as_rows(q):
    """The questionnaire ``q`` written as the table form of questionnaire_table_data."""
    rows = [{"row": "program", "id": q.program}, {"row": "block", "value": q.block},
            {"row": "title", **q.title}, {"row": "source", **q.source},
            {"row": "gap_below", "value": f"{q.gap_below:g}".replace(".", ",")}]
    rows += [{"row": "scale", "value": p.value, **p.label} for p in q.scale]
    rows += [{"row": "verdict", "id": v.id, "value": f"{v.start:g}", **v.label,
              **{f"action_{k}": x for k, x in v.text.items()}} for v in q.verdicts]
    for s in q.sections:
        rows.append({"row": "section", "id": s.id, "weight": f"{s.weight:g}", **s.title})
        for qid in s.questions:
            x = q.question(qid)
            rows.append({"row": "question", "id": x.id, "weight": f"{x.weight:g}",
                         "target": "" if x.target is None else f"{x.target:g}", "evidence": x.evidence or "",
                         **x.text, **{f"action_{k}": a for k, a in x.action.items()}})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_questionnaire_written_as_a_table_reads_as_its_yaml(toy, tmp_path, suffix):
    path = tmp_path / f"toy{suffix}"
    table = _as_rows(toy)
    if suffix == ".csv":
        table.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    else:
        table.to_excel(path, index=False)
    q = read_questionnaire(path)
    for field in ("id", "program", "block", "title", "source", "scale", "gap_below", "verdicts", "sections",
                  "questions", "ask_target", "ask_time", "ours", "placeholder"):
        assert getattr(q, field) == getattr(toy, field), field
    answers = _answers(q, segment=4, phone=3, calls=1)
    assert assess(q, answers).overall == assess(toy, answers).overall


def test_a_table_questionnaire_with_a_wrong_row_names_the_line(toy, tmp_path):
    table = _as_rows(toy)
    bad = pd.concat([table.iloc[:2], pd.DataFrame([{"row": "secton", "id": "x"}]), table.iloc[2:]])
    path = tmp_path / "toy.csv"
    bad.to_csv(path, sep=";", index=False)
    with pytest.raises(TemplateError) as err:
        read_questionnaire(path)
    assert err.value.problem == "scores_unknown" and "line 4: secton" in err.value.examples
    first_question = table.index[table["row"] == "question"][0]
    early = pd.concat([table[table["row"] == "question"].head(1), table.drop(index=first_question)])
    early.to_csv(path, sep=";", index=False)
    with pytest.raises(TemplateError) as err:
        read_questionnaire(path)
    assert err.value.problem == "table_question_first" and err.value.examples == ["line 2: segment"]
    table.drop(columns=["bg"]).to_csv(path, sep=";", index=False)
    with pytest.raises(TemplateError) as err:
        read_questionnaire(path)
    assert err.value.problem == "scores_columns"
