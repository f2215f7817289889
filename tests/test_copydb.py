"""`python run.py copy-db --to postgresql://…` (core.copydb): a mine in use on SQLite moves to an
empty PostgreSQL database with every row, its people sign in with the same passwords, new rows
get fresh ids, and a copy that fails or meets data leaves the target as it was.

Runs where the suite has PostgreSQL (CI's second run: DATABASE_URL); skips on SQLite alone."""

from __future__ import annotations

import fcntl
import os
from datetime import date
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, inspect, select

from core.db import db, utcnow
from tests.conftest import ROOT, csrf_token, make_app
from tests.factories import create_team, create_user
from tests.papers import build_paper, draft

PASSWORD = "Kuang#2026gong"


@pytest.fixture
def target(database_url: str, empty_database) -> str:
    """A new, empty PostgreSQL database (skips when the suite runs on SQLite alone)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set DATABASE_URL (.ci/postgres.sh)")
    return empty_database("copydb")


@pytest.fixture
def mine(tmp_path: Path):
    """A mine in use on SQLite: migrated as init does, with people, teams, documents (one
    superseded by a later one), questions, a paper and a worker's answered exam."""
    from corpus.models import Article, Document
    from quiz.bank import service
    from quiz.taking import attempts

    application = make_app(f"sqlite:///{tmp_path / 'banzu.sqlite3'}", tmp_path / "data")
    with application.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        team = create_team("综采一队", "检修班", mine_name="红岭煤矿")
        create_team("掘进二队", "掘进班")
        worker = create_user(team=team, password=PASSWORD, name="张大山")
        create_user(role="trainer", team=team)
        old, new = (Document(title=f"入井检身制度{n}", doc_key=f"入井检身制度{n}", doc_type="mine_rule",
                             source_name=f"检身{n}.md", source_hash=f"h{n}", version_date=date(2024 + n, 1, 1),
                             articles=[Article(ordinal=i, kind="article", number=i, label=f"第{i}条", text=f"条文{n}-{i}",
                                               anchor=f"a{i}") for i in (1, 2)]) for n in (1, 2))
        db.session.add_all([old, new])
        db.session.flush()
        old.superseded_by_id = new.id  # a row naming one copied after it
        for n, shape in enumerate(("single", "multi", "judge", "blank"), start=1):
            service.add_question(draft(shape, n))
        db.session.commit()
        paper = build_paper((("single", 1, "50"), ("judge", 1, "50")))
        attempt = attempts.start_paper(paper, worker, utcnow())
        db.session.commit()
        attempts.save_answer(attempt, 1, ["B"], 1, utcnow())
        attempts.save_answer(attempt, 2, ["A"], 1, utcnow())
        attempts.submit(attempt, utcnow())
        db.session.commit()
        application.config["seeded"] = {"worker": worker.username, "attempt": attempt.id}
        yield application
        db.session.remove()
        db.engine.dispose()


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in db.metadata.sorted_tables}
    finally:
        engine.dispose()


def _answers(attempt_id: int) -> list[tuple]:
    from quiz.taking.models import AttemptItem

    return [(i.position, i.question_id, i.version_id, i.response, i.score, i.correct) for i in db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt_id).order_by(AttemptItem.position))]


def test_a_mine_on_sqlite_moves_to_postgresql_whole(mine, target: str, tmp_path: Path):
    from accounts.models import User
    from corpus.models import Document

    seeded = mine.config["seeded"]
    with mine.app_context():
        source_url = str(db.engine.url)
        answers = _answers(seeded["attempt"])
        last_user = db.session.scalar(select(func.max(User.id)))
        last_document = db.session.scalar(select(func.max(Document.id)))
        result = mine.test_cli_runner().invoke(args=["copy-db", "--to", target])
    assert result.exit_code == 0, result.output
    before = _counts(source_url)
    assert before["users"] == 2 and before["attempt_items"] == 2 and before["question_versions"] == 4
    assert _counts(target) == before
    assert f"users {before['users']} → {before['users']}".split() == next(
        line.split() for line in result.output.splitlines() if line.strip().startswith("users "))
    assert "DATABASE_URL=" in result.output and "init" in result.output

    moved = make_app(target, tmp_path / "data")
    with moved.app_context():
        client = moved.test_client()
        signed_in = client.post("/login", data={"username": seeded["worker"], "password": PASSWORD,
                                                "csrf_token": csrf_token(client, "/login")})
        assert signed_in.status_code == 302 and "/login" not in signed_in.headers["Location"]
        assert _answers(seeded["attempt"]) == answers and all(a[3] for a in answers)
        first = db.session.scalar(select(Document).where(Document.id < last_document))
        assert first.superseded_by_id == last_document
        newcomer = create_user(team=create_team("综采一队", "检修班"))
        assert newcomer.id == last_user + 1
        db.session.remove()
        db.engine.dispose()

    with mine.app_context():  # a second copy meets the data and changes nothing
        again = mine.test_cli_runner().invoke(args=["copy-db", "--to", target])
    assert again.exit_code == 1 and "不是空的" in str(again.exception)
    assert "正在迁移" not in again.output  # refused before the copy is announced
    assert _counts(target)["users"] == before["users"] + 1


def _tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_a_refused_or_failed_copy_leaves_the_target_empty(mine, target: str):
    from corpus.models import Article

    # A server holding the data folder (a shared lock on DATA_DIR/server.lock, core.running) would
    # go on writing to SQLite after the copy: refused.
    serving = os.open(Path(mine.config["DATA_DIR"]) / "server.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(serving, fcntl.LOCK_SH)
        with mine.app_context():
            refused = mine.test_cli_runner().invoke(args=["copy-db", "--to", target])
    finally:
        os.close(serving)
    assert refused.exit_code == 1 and "先停止服务再复制" in str(refused.exception)
    assert "正在迁移" not in refused.output
    assert _tables(target) == []

    with mine.app_context():  # SQLite never checked it: an article of a document that is gone
        db.session.add(Article(document_id=9999, ordinal=1, kind="article", number=1, label="第1条", text="孤立条文",
                               anchor="a1"))
        db.session.commit()
        result = mine.test_cli_runner().invoke(args=["copy-db", "--to", target])
    assert result.exit_code == 1
    assert "articles" in str(result.exception) and "已全部撤销" in str(result.exception)
    assert _tables(target) == []
