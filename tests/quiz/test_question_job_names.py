"""A question's 适用工种 is stored under its canonical name (corpus.jobs) when a trainer saves it or a bank is
imported; an unknown name is kept as typed and the import report names it once (text and JSON)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from corpus import jobs
from quiz.bank import service
from quiz.bank.models import Question
from quiz.bank.types import Option, QuestionDraft
from tests.quiz.banks import xlsx

ALIAS, UNKNOWN = "带式输送机司机", "巷修杂工"
DRAFT = QuestionDraft(
    type="single",
    stem="输送机运行中严禁（ ）",
    options=(Option("A", "跨越输送带"), Option("B", "按规定停机检修")),
    answer=("A",),
    jobs=(ALIAS, UNKNOWN),
)


def test_a_saved_question_carries_the_canonical_name_and_an_unknown_one_as_typed(db_session) -> None:
    question = service.add_question(DRAFT)
    db_session.commit()
    assert question.jobs == [jobs.canonical(ALIAS), UNKNOWN] and jobs.canonical(ALIAS) != ALIAS
    service.edit_question(question, replace(DRAFT, jobs=("锚杆工", "支护工", ALIAS)))
    db_session.commit()
    db_session.expire_all()
    assert db_session.get(Question, question.id).jobs == ["锚杆支护工", jobs.canonical(ALIAS)]


def test_the_trainers_edit_form_stores_the_canonical_name(client, login, post_form, db_session) -> None:
    login("unit_trainer")
    question = service.add_question(replace(DRAFT, jobs=()))
    db_session.commit()
    response = post_form(f"/bank/{question.id}/edit", {
        "type": "single", "stem": DRAFT.stem, "options": "A.跨越输送带\nB.按规定停机检修", "answer": "A",
        "jobs": f"{ALIAS}、{UNKNOWN}", "status": "draft"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Question, question.id).jobs == [jobs.canonical(ALIAS), UNKNOWN]


def test_bank_import_stores_canonical_names_and_reports_the_unknown_one_once(db_session, runner, tmp_path: Path):
    path = tmp_path / "bank.xlsx"
    path.write_bytes(xlsx([["题型", "题干", "答案", "适用工种"], ["判断题", "甲", "对", f"{ALIAS}、{UNKNOWN}"],
                           ["判断题", "乙", "错", UNKNOWN]]))
    dry = json.loads(runner.invoke(args=["import-questions", str(path), "--dry-run", "--json"]).stdout)
    assert dry["unknown_jobs"] == [UNKNOWN]
    result = runner.invoke(args=["import-questions", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines().count(f"未识别的工种：{UNKNOWN}，已按原样保存。请核对工种名称：写错或用了别称的，改成本矿通用的工种名称后重新导入，否则按工种开放的试卷和学习内容对不上") == 1
    stored = db_session.scalars(select(Question.jobs).order_by(Question.id)).all()
    assert stored == [[jobs.canonical(ALIAS), UNKNOWN], [UNKNOWN]]


def test_bank_import_preview_names_the_unknown_job(client, login, db_session) -> None:
    from tests.quiz.banks import upload

    login("unit_trainer")
    rows = [["题型", "题干", "答案", "适用工种"], ["判断题", "甲", "对", f"{ALIAS}、{UNKNOWN}"]]
    page = client.get(upload(client, xlsx(rows), "题库.xlsx").headers["Location"]).get_data(as_text=True)
    assert f'<p class="hint" id="unknown-jobs">未识别的工种：{UNKNOWN}，已按原样保存。请核对工种名称：写错或用了别称的，改成本矿通用的工种名称后重新导入，否则按工种开放的试卷和学习内容对不上</p>' in page
