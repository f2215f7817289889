"""Every question kind the bank holds is exported under a name the importer reads back:
export → import into an empty bank gives the same questions (the import page promises it)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from quiz.bank import service
from quiz.bank.exporter import template_row, write_xlsx
from quiz.bank.importer import parse_files
from quiz.bank.models import Question
from quiz.bank.types import KINDS, Option, QuestionDraft, kind_for_label


def _draft(code: str, n: int) -> QuestionDraft:
    shape = KINDS[code].shape
    stem = f"第{n}种题型“{KINDS[code].label}”的题目（ ）。"
    options = tuple(Option(k, f"{code}选项{k}") for k in "ABCD")
    if shape == "judge":
        return QuestionDraft(type=code, stem=stem, options=(Option("A", "正确"), Option("B", "错误")), answer=("B",))
    if shape == "blank":
        return QuestionDraft(type=code, stem=stem, answer=("甲", "乙"))
    answer = {"single": ("C",), "multi": ("A", "D"), "order": ("B", "A", "D", "C")}[shape]
    return QuestionDraft(type=code, stem=stem, options=options, answer=answer, difficulty=2)


def every_kind() -> list[QuestionDraft]:
    return [_draft(code, n) for n, code in enumerate(KINDS, start=1)]


def test_every_kind_label_the_export_writes_reads_back_as_that_kind() -> None:
    for code, kind in KINDS.items():
        written = template_row(_draft(code, 1))[0]
        assert kind_for_label(written) is kind, written


def test_export_of_every_kind_parses_back_to_the_same_drafts() -> None:
    drafts = every_kind()
    report = parse_files([("导出.xlsx", write_xlsx(drafts))])
    assert [e.reason for e in report.errors] == []
    assert [q.draft for q in report.questions] == drafts


def test_every_kind_round_trips_through_export_and_import_commands(db_session, runner, tmp_path: Path) -> None:
    for draft in every_kind():
        service.add_question(draft)
    db_session.commit()
    before = [q.to_draft() for q in db_session.scalars(select(Question).order_by(Question.id))]
    assert {d.type for d in before} == set(KINDS)
    out = tmp_path / "题库.xlsx"
    assert runner.invoke(args=["export-questions", str(out)]).exit_code == 0
    for question in db_session.scalars(select(Question)):
        db_session.delete(question)
    db_session.commit()
    result = json.loads(runner.invoke(args=["import-questions", str(out), "--json", "--no-suggest"]).stdout)
    assert result["errors"] == [] and result["imported"] == len(KINDS)
    assert [q.to_draft() for q in db_session.scalars(select(Question).order_by(Question.id))] == before
