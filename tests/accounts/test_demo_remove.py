"""`python run.py demo --remove`: the demo mine goes, the mine's own data stays, a used demo item is kept."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from accounts.demo import DEMO_ROSTER, MINE_NAME
from accounts.mine import get_or_create_mine
from accounts.models import Team, User
from core.audit import AuditEntry
from core.db import db, utcnow
from corpus.models import Document
from quiz.bank.models import Question
from quiz.generation.models import GenerationRecord
from quiz.records.demo import SESSION_TITLE
from quiz.records.models import TrainingSession
from quiz.taking.attempts import start_paper
from quiz.taking.demo import EXAM_TITLE, PRACTICE_TITLE
from quiz.taking.models import Attempt, Paper
from tests.factories import create_user

OWN_RULE = "# 红石煤矿入井检身制度\n\n第一条 为了加强入井管理，制定本制度。\n\n第二条 入井人员严禁携带烟草和点火物品。\n"


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_remove_takes_out_the_demo_only_and_keeps_what_real_data_uses(runner, tmp_path):
    seeded = runner.invoke(args=["demo", "--json"])
    assert seeded.exit_code == 0, seeded.output
    demo_users = {x["username"] for x in json.loads(seeded.output.strip().splitlines()[-1])} - {"admin"}
    samples = _count(Document)
    assert samples > 0 and _count(GenerationRecord) > 0
    # The demo's rows in the operation log are the command's （系统）, not the admin it names as author.
    logged = list(db.session.scalars(select(AuditEntry)))
    assert {e.action for e in logged} >= {"question.create", "assignment.create"}
    assert [e for e in logged if e.actor_id is not None] == []
    assert all(e.summary.startswith("命令行 demo：") for e in logged if e.action == "question.create")
    # The mine's own data: a worker in a demo 班组, a document, and an attempt on the demo practice set.
    digging = db.session.scalar(select(Team).where(Team.name == "掘进一班"))
    worker = create_user(team=digging, username="50001", name="真实职工")
    own = tmp_path / "红石煤矿入井检身制度.md"
    own.write_text(OWN_RULE, encoding="utf-8")
    assert runner.invoke(args=["ingest", str(own)]).exit_code == 0
    practice = db.session.scalar(select(Paper).where(Paper.title == PRACTICE_TITLE))
    attempt = start_paper(practice, worker, utcnow())
    db.session.commit()
    used_questions = {item.question_id for item in attempt.items}
    assert used_questions

    result = runner.invoke(args=["demo", "--remove"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    removed, _, kept = result.output.partition("未移除")
    assert "演示账号" in removed and "示例文档" in removed and EXAM_TITLE in removed
    assert PRACTICE_TITLE in kept and "非演示人员" in kept and "掘进一班" in kept

    left = set(db.session.scalars(select(User.username)))
    assert not demo_users & left and {"admin", "50001"} <= left
    titles = set(db.session.scalars(select(Document.title)))
    assert "红石煤矿入井检身制度" in titles and len(titles) < samples + 1
    assert all(f"《{title}》：已被使用（试题）" in kept for title in titles - {"红石煤矿入井检身制度"})
    assert _count(Paper, Paper.title == EXAM_TITLE) == 0 and _count(Paper, Paper.title == PRACTICE_TITLE) == 1
    assert db.session.get(Attempt, attempt.id) is not None
    assert _count(TrainingSession, TrainingSession.title == SESSION_TITLE) == 0
    assert set(db.session.scalars(select(Question.id))) == used_questions  # the demo's others are gone
    assert _count(GenerationRecord) == 0
    teams = {team.name for team in db.session.scalars(select(Team))}
    assert teams == {"掘进一班"} and {name for _, name, _ in DEMO_ROSTER} - teams
    assert get_or_create_mine().name != MINE_NAME
    assert _count(AuditEntry, AuditEntry.action == "demo.remove") == 1

    again = runner.invoke(args=["demo", "--remove"])
    assert again.exit_code == 0 and "没有移除任何演示数据" in again.output and PRACTICE_TITLE in again.output
