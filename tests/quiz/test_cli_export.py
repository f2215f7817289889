"""The import/export commands, the JSON shape, and the export → import round trip."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from corpus.documents import Citation
from quiz.bank import service
from quiz.bank.exporter import write_xlsx
from quiz.bank.importer import parse_files
from quiz.bank.models import Question
from quiz.bank.types import Option, QuestionDraft
from tests.quiz.banks import xlsx

VARIED = [
    QuestionDraft(
        type="single",
        stem="瓦斯爆炸界限为（ ）",
        options=(Option("A", "5%–16%"), Option("B", "1%–5%")),
        answer=("A",),
        explanation="见规程",
        category=("一通三防", "瓦斯"),
        difficulty=3,
        jobs=("通风工", "瓦检工"),
        citation=Citation("煤矿安全规程", "第一百七十二条"),
        status="approved",
    ),
    QuestionDraft(
        type="multi",
        stem="“一通三防”包括（ ）",
        answer=("A", "B", "D"),
        options=tuple(Option(k, t) for k, t in zip("ABCD", ["通风", "防瓦斯", "防洪", "防尘"], strict=True)),
    ),
    QuestionDraft(
        type="judge",
        stem="可以空顶作业",
        options=(Option("A", "正确"), Option("B", "错误")),
        answer=("B",),
        status="retired",
    ),
    QuestionDraft(type="blank", stem="入井必须携带（ ）和（ ）", answer=("自救器", "矿灯"), difficulty=1),
    QuestionDraft(
        type="hazard_order",
        stem="停电检修的正确顺序是（ ）",
        options=tuple(Option(k, t) for k, t in zip("ABCD", ["停电", "检查瓦斯", "验电", "放电"], strict=True)),
        answer=("A", "B", "C", "D"),
    ),
    QuestionDraft(
        type="single", stem="1.5mm焊丝适用于（ ）", options=(Option("A", "薄板"), Option("B", "厚板")), answer=("A",)
    ),
]


def stored(db_session) -> list[QuestionDraft]:
    return [q.to_draft() for q in db_session.scalars(select(Question).order_by(Question.id))]


def test_export_then_import_into_an_empty_bank_gives_identical_questions(
    app, db_session, runner, tmp_path: Path
) -> None:
    for draft in VARIED:
        service.add_question(draft)
    db_session.commit()
    before = stored(db_session)
    out = tmp_path / "bank.xlsx"
    assert runner.invoke(args=["export-questions", str(out)]).exit_code == 0
    for question in db_session.scalars(select(Question)):
        db_session.delete(question)
    db_session.commit()
    result = json.loads(runner.invoke(args=["import-questions", str(out), "--json"]).stdout)
    assert result["imported"] == len(VARIED) and result["errors"] == []
    assert stored(db_session) == before


def test_the_empty_template_imports_as_an_empty_bank_and_is_documented() -> None:
    report = parse_files([("template.xlsx", write_xlsx([]))])
    assert report.rows == 0 and report.file_errors == []
    filled = parse_files([("t.xlsx", write_xlsx(VARIED))])
    assert [q.draft for q in filled.questions] == VARIED


def test_json_export_shape(db_session, runner, tmp_path: Path) -> None:
    service.add_question(VARIED[0])
    service.add_question(VARIED[2])
    db_session.commit()
    out = tmp_path / "bank.json"
    runner.invoke(args=["export-questions", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data[0]["type"] == "single" and data[0]["options"][0] == {"key": "A", "text": "5%–16%"}
    assert data[0]["answer"] == ["A"] and data[0]["citation"] == {"title": "煤矿安全规程", "article": "第一百七十二条"}
    assert data[1]["type"] == "judge" and data[1]["answer"] == ["B"] and data[1]["citation"] is None
    assert set(data[0]) >= {"id", "type", "stem", "options", "answer", "explanation", "category", "citation", "status"}


def test_dry_run_stores_nothing_and_reports_rows(db_session, runner, tmp_path: Path) -> None:
    path = tmp_path / "bank.xlsx"
    path.write_bytes(xlsx([["题型", "题干", "答案"], ["判断题", "甲", "对"], ["判断题", "", "对"]]))
    result = runner.invoke(args=["import-questions", str(path), "--dry-run", "--json"])
    assert result.exit_code == 1 and result.stderr.strip().splitlines()[-1] == "错误：1 行未能导入（见上面的报告）"
    data = json.loads(result.stdout)
    assert (data["imported"], data["duplicates"], data["by_type"]) == (1, 0, {"judge": 1})
    assert data["errors"] == [{"file": "bank.xlsx", "row": 3, "reason": "题干为空"}]
    assert db_session.scalar(select(Question.id)) is None


def test_human_readable_output_in_chinese(runner, tmp_path: Path) -> None:
    path = tmp_path / "bank.xlsx"
    path.write_bytes(xlsx([["题型", "题干", "答案"], ["判断题", "甲", "对"]]))
    output = runner.invoke(args=["import-questions", str(path)]).output
    assert "已导入1题" in output and "判断题：1" in output


def test_the_report_names_the_columns_read_and_ignored_and_that_questions_are_drafts(
    db_session, runner, tmp_path: Path
) -> None:
    path = tmp_path / "bank.xlsx"
    path.write_bytes(xlsx([["序号", "题目类型", "试题内容", "标准答案", "所属专业"], ["1", "判断题", "甲", "对", "入井管理"]]))
    result = runner.invoke(args=["import-questions", str(path)])
    assert result.exit_code == 0, result.output  # every row taken in
    lines = result.stdout.splitlines()
    assert "识别到的列（bank.xlsx）：题型（题目类型）、题干（试题内容）、答案（标准答案）、分类（所属专业）；未使用的列：序号" in lines
    assert "1题存为草稿，需审核后才能用于考试。" in lines
    question = db_session.scalar(select(Question))
    assert question.status == "draft" and question.category is not None and question.category.name == "入井管理"
