"""The streaming export: plain rows in chunks (no query per question), progress, the web status cookie."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import event, select

from core.db import db
from quiz.bank import service
from quiz.bank.exporter import bank_drafts, export_count, write_xlsx
from quiz.bank.importer import parse_files
from quiz.bank.models import Question
from quiz.bank.types import Option, QuestionDraft
from tests.quiz.test_cli_export import VARIED

FORMULA_LIKE = QuestionDraft(
    type="single",
    stem="=SUM(A1:A2) 不是公式",
    options=(Option("A", "=1+1"), Option("B", "二")),
    answer=("A",),
    category=("一通三防", "瓦斯", "抽采"),
)


def _statements(run) -> list[str]:  # noqa: ANN001 - a callable
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_bank_drafts_equal_the_orm_drafts_and_read_in_chunks_not_per_question(db_session) -> None:
    for draft in [*VARIED, FORMULA_LIKE]:
        service.add_question(draft)
    db_session.commit()
    expected = [(q.id, q.to_draft()) for q in db_session.scalars(select(Question).order_by(Question.id))]
    db_session.expire_all()
    got: list = []
    statements = _statements(lambda: got.extend(bank_drafts(chunk=2)))
    assert got == expected
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # one for the category tree, then one per chunk of 2 (7 questions: 4 chunks)
    assert len(selects) == 1 + 4
    approved = [(i, d) for i, d in expected if d.status == "approved"]
    assert list(bank_drafts(["approved"])) == approved
    assert export_count(["approved"]) == len(approved) and export_count() == len(expected)


def test_streamed_workbook_keeps_text_that_looks_like_a_formula_and_reports_progress() -> None:
    drafts = [*VARIED, FORMULA_LIKE] * 150  # 1,050 rows
    calls: list[int] = []
    data = write_xlsx(drafts, progress=calls.append)
    assert calls == [500, 1000, 1050]
    sheet = load_workbook(io.BytesIO(data))["题库"]
    assert sheet["B8"].value == "=SUM(A1:A2) 不是公式" and sheet["B8"].data_type == "s"
    assert sheet.freeze_panes == "C2"
    report = parse_files([("export.xlsx", write_xlsx([*VARIED, FORMULA_LIKE]))])
    assert [q.draft for q in report.questions] == [*VARIED, FORMULA_LIKE]


def test_cli_export_shows_progress_and_counts(db_session, runner, tmp_path: Path) -> None:
    for draft in VARIED:
        service.add_question(draft)
    db_session.commit()
    out = tmp_path / "bank.xlsx"
    result = runner.invoke(args=["export-questions", str(out), "--status", "draft"])
    assert result.exit_code == 0, result.output
    drafts = sum(1 for d in VARIED if d.status == "draft")
    assert "导出试题" in result.stderr and f"已导出{drafts}题" in result.stdout
    assert parse_files([("bank.xlsx", out.read_bytes())]).imported == drafts
    as_json = tmp_path / "bank.json"
    assert runner.invoke(args=["export-questions", str(as_json)]).exit_code == 0
    assert len(json.loads(as_json.read_text(encoding="utf-8"))) == len(VARIED)


def test_cli_import_shows_progress(db_session, runner, tmp_path: Path) -> None:
    path = tmp_path / "bank.xlsx"
    path.write_bytes(write_xlsx(VARIED))
    result = runner.invoke(args=["import-questions", str(path), "--no-suggest"])
    assert result.exit_code == 0, result.output
    assert "导入试题" in result.stderr and f"已导入{len(VARIED)}题" in result.stdout


def test_web_export_sets_the_status_cookie_and_the_page_shows_a_status_line(db_session, client, login) -> None:
    login("unit_trainer")
    service.add_question(VARIED[0])
    db_session.commit()
    page = client.get("/bank/").get_data(as_text=True)
    assert 'id="bank-export-status"' in page and "js/bank_export.js" in page
    response = client.get("/bank/export.xlsx?token=abc123")
    assert response.status_code == 200
    assert "bank_export_done=abc123" in response.headers["Set-Cookie"]
    assert parse_files([("x.xlsx", response.data)]).imported == 1
    bad = client.get("/bank/export.xlsx?token=<script>")
    assert "Set-Cookie" not in bad.headers or "bank_export_done" not in bad.headers.get("Set-Cookie", "")
