"""`backup` and `restore`: a data folder backed up while it runs and restored into an empty one
has every person, question, attempt with its answers and document, and search finds the text.

These tests build SQLite data folders of their own (the commands are for the embedded
setup), so they run the same in the PostgreSQL pass; there `backup` must point to pg_dump.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from core.commands import describe
from core.db import db, utcnow
from kb import knowledge_base
from quiz.taking import attempts
from tests.conftest import ROOT, make_app

SAMPLE = ROOT / "corpus" / "sample" / "青山煤矿三违管理办法.md"
# What a restore must bring back, row for row.
TABLES = ("users", "teams", "questions", "question_versions", "papers", "attempts", "attempt_items",
          "documents", "articles")


def _data_folder(folder: Path, revision: str = "heads"):
    """An app over its own SQLite file in `folder`, migrated like `init` does, with a secret key file."""
    application = make_app(f"sqlite:///{folder / 'banzu.sqlite3'}", folder, SECRET_KEY=None)
    with application.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision=revision)
    return application


def _rows(application) -> dict[str, list[tuple]]:
    with application.app_context():
        rows = {name: [tuple(r) for r in db.session.execute(select(db.metadata.tables[name]))] for name in TABLES}
        db.session.remove()
    return rows


@pytest.fixture
def app(tmp_path: Path):
    """Replaces the shared `app`: a data folder of its own, which these tests back up."""
    application = _data_folder(tmp_path / "source")
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def filled(app, make_user, make_paper, tmp_path: Path):  # noqa: F811
    """People, questions, an answered and submitted attempt, an ingested document, an upload."""
    leader = make_user(role="team_leader")
    worker = make_user()
    paper = make_paper(sections=(("single", 2, "10"), ("multi", 1, "5")))
    attempt = attempts.start_paper(paper, worker, utcnow())
    for item in attempt.items:
        attempts.save_answer(attempt, item.position, ["A"], 1, utcnow())
    attempts.submit(attempt, utcnow() + timedelta(minutes=1))
    db.session.commit()
    result = _invoke(app, "ingest", str(SAMPLE))
    assert result.exit_code == 0, result.output
    (app.config["DATA_DIR"] / "uploads" / "库存文件.docx").write_bytes(b"\x00source bytes\xff")
    return {"leader": leader.username, "worker": worker.username, "attempt": attempt.id}


def _invoke(application, *args: str):
    """Run a command in `application` (a test runner would use whichever app is current)."""
    with application.app_context():
        result = application.test_cli_runner().invoke(args=list(args))
        db.session.remove()
        return result


def _error(result) -> str:
    """The one line `python run.py` prints for the command's failure (the test runner skips that group)."""
    assert result.exit_code == 1, result.output
    message = describe(result.exception)
    assert message and "\n" not in message, result.exception
    return message


def _only_archive(folder: Path) -> Path:
    (archive,) = folder.glob("*.tar.gz")
    return archive


def test_restore_into_an_empty_folder_finds_everything_and_search_works(app, filled, tmp_path):
    before = _rows(app)
    assert all(before[name] for name in TABLES), {k: len(v) for k, v in before.items()}
    (tmp_path / "backups").mkdir()
    result = _invoke(app, "backup", str(tmp_path / "backups"))
    assert result.exit_code == 0, result.output
    archive = _only_archive(tmp_path / "backups")
    assert archive.stat().st_mode & 0o077 == 0  # it holds the secret key

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert not any(name.startswith("index") for name in names)  # rebuilt, not copied
    assert manifest["tables"]["users"] == len(before["users"])
    assert manifest["tables"]["attempt_items"] == len(before["attempt_items"])
    assert manifest["uploads"]["files"] == 1

    target = make_app(f"sqlite:///{tmp_path / 'target' / 'banzu.sqlite3'}", tmp_path / "target", SECRET_KEY=None)
    result = _invoke(target, "restore", str(archive))
    assert result.exit_code == 0, result.output

    after = _rows(target)
    assert after == before  # every person, team, question and version, paper, attempt, answer, document, article
    with target.app_context():
        from quiz.taking.models import Attempt, AttemptItem

        restored = db.session.get(Attempt, filled["attempt"])
        assert restored.status != "open" and restored.score is not None
        responses = db.session.scalars(select(AttemptItem.response).where(AttemptItem.attempt_id == restored.id))
        assert list(responses) == [["A"]] * 3
        hits = knowledge_base(target).search("严重三违 冒险作业")
        assert hits.total > 0
        assert hits.hits[0].title == "青山煤矿三违管理办法"
        db.session.remove()
        db.engine.dispose()
    assert (tmp_path / "target" / "uploads" / "库存文件.docx").read_bytes() == b"\x00source bytes\xff"
    assert (tmp_path / "target" / "secret_key").read_text() == (tmp_path / "source" / "secret_key").read_text()


def test_a_backup_taken_during_an_open_write_transaction_is_consistent(app, filled, tmp_path):
    names_before = sorted(row[0] for row in db.session.execute(select(db.metadata.tables["users"].c.name)))
    users_before = len(names_before)
    db.session.remove()
    writer = sqlite3.connect(tmp_path / "source" / "banzu.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds SQLite's write lock until the end of the test
    writer.execute("UPDATE users SET name = '未提交的改名'")
    writer.execute("DELETE FROM attempt_items")
    try:
        result = _invoke(app, "backup", str(tmp_path / "during.tar.gz"))
        assert result.exit_code == 0, result.output
    finally:
        writer.execute("COMMIT")
        writer.close()

    with tarfile.open(tmp_path / "during.tar.gz") as tar:
        tar.extract("database.sqlite3", tmp_path / "unpacked")
        manifest = json.load(tar.extractfile("manifest.json"))
    copy = sqlite3.connect(tmp_path / "unpacked" / "database.sqlite3")
    assert sorted(r[0] for r in copy.execute("SELECT name FROM users")) == names_before  # nothing uncommitted
    assert copy.execute("SELECT COUNT(*) FROM attempt_items").fetchone()[0] == 3
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table, count in manifest["tables"].items():
        assert copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count, table
    copy.close()
    assert manifest["tables"]["users"] == users_before


def test_restore_refuses_a_folder_with_data_unless_forced(app, filled, tmp_path):
    _invoke(app, "backup", str(tmp_path / "b.tar.gz"))
    db.session.remove()
    other = _data_folder(tmp_path / "other")
    with other.app_context():
        from tests.factories import create_user

        stranger = create_user(username="stranger").username
        db.session.remove()
    assert "--force" in _error(_invoke(other, "restore", str(tmp_path / "b.tar.gz")))
    assert stranger in [row[1] for row in _rows(other)["users"]]

    result = _invoke(other, "restore", "--force", str(tmp_path / "b.tar.gz"))
    assert result.exit_code == 0, result.output
    assert _rows(other) == _rows(app)
    assert stranger not in [row[1] for row in _rows(other)["users"]]


def test_a_backup_of_an_older_version_is_migrated_forward(tmp_path):
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(ROOT / "migrations"))
    head = script.get_revision(script.get_heads()[0])
    older = _data_folder(tmp_path / "older", revision=head.down_revision)
    result = _invoke(older, "backup", str(tmp_path / "old.tar.gz"))
    assert result.exit_code == 0, result.output
    target = make_app(f"sqlite:///{tmp_path / 'new' / 'banzu.sqlite3'}", tmp_path / "new")
    result = _invoke(target, "restore", str(tmp_path / "old.tar.gz"))
    assert result.exit_code == 0, result.output
    assert "迁移到当前版本" in result.output
    copy = sqlite3.connect(tmp_path / "new" / "banzu.sqlite3")
    revisions = {r[0] for r in copy.execute("SELECT version_num FROM alembic_version")}
    copy.close()
    assert revisions == set(script.get_heads())


def test_damaged_or_foreign_archives_are_refused_in_one_line(tmp_path):
    target = make_app(f"sqlite:///{tmp_path / 'new' / 'banzu.sqlite3'}", tmp_path / "new")
    (tmp_path / "junk.tar.gz").write_bytes(b"not a backup at all")
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../outside.txt")
        info.size = 0
        tar.addfile(info)
    for archive, words in ((tmp_path / "junk.tar.gz", "已损坏"), (evil, "不应出现"), (tmp_path / "none.tar.gz", "找不到")):
        assert words in _error(_invoke(target, "restore", str(archive)))
    assert not (tmp_path / "outside.txt").exists()
    assert not list((tmp_path / "new").glob(".restore-*"))
    assert ".tar.gz" in _error(_invoke(target, "backup", str(tmp_path / "not-an-archive.zip")))


def test_on_postgresql_backup_points_to_pg_dump(tmp_path):
    target = make_app("postgresql+psycopg://banzu@127.0.0.1:1/banzu", tmp_path / "pg")
    for command in ("backup", "restore"):
        message = _error(_invoke(target, command, str(tmp_path / "x.tar.gz")))
        assert "pg_dump" in message and "docs/deployment.md" in message


def test_the_command_line_prints_one_line_and_fails(tmp_path):
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://banzu@127.0.0.1:1/banzu", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "run.py", "backup", str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("错误：当前使用 PostgreSQL") and "pg_dump" in line


# A live server's hold on its data folder: a shared lock on DATA_DIR/server.lock for as long as the
# process lives (the kernel drops it when the process ends, even by kill -9 or power loss).
HOLD = """
import fcntl, os, sys
fd = os.open({path!r}, os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_SH)
print("held", flush=True)
sys.stdin.read()
"""


def test_restore_refuses_while_a_server_uses_the_data_folder(app, filled, tmp_path):
    _invoke(app, "backup", str(tmp_path / "b.tar.gz"))
    db.session.remove()
    other = _data_folder(tmp_path / "other")
    path = str(tmp_path / "other" / "server.lock")
    server = subprocess.Popen([sys.executable, "-c", HOLD.format(path=path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "held"
        message = _error(_invoke(other, "restore", "--force", str(tmp_path / "b.tar.gz")))
        assert "先停止服务再恢复" in message
        assert _rows(other) != _rows(app)
    finally:
        server.kill()  # as a crash would: nothing is left behind that keeps refusing
        server.wait()
    result = _invoke(other, "restore", "--force", str(tmp_path / "b.tar.gz"))
    assert result.exit_code == 0, result.output
    assert _rows(other) == _rows(app)


def test_the_server_holds_its_data_folder_while_it_serves(app, monkeypatch):
    import os

    import waitress

    import run
    from core import running

    monkeypatch.setattr(running, "_held", [])
    refused = []

    class Serving:  # the bound server (run.serve binds before it says it started)
        def run(self):
            with pytest.raises(running.FolderInUse) as caught, running.alone(app.config["DATA_DIR"]):
                pass
            refused.append(str(caught.value))

    monkeypatch.setattr(waitress, "create_server", lambda *_args, **_kwargs: Serving())
    run.serve(app, "127.0.0.1", 5199)
    assert refused and "先停止服务再恢复" in refused[0]
    for fd in running._held:
        os.close(fd)


def test_a_wrong_target_is_refused_before_the_copy_is_announced(app, tmp_path):
    result = _invoke(app, "backup", str(tmp_path / "x.tgz"))
    assert "以 .tar.gz 结尾" in _error(result)
    assert "正在复制数据库" not in result.output  # validate first, then announce
    result = _invoke(app, "backup", str(tmp_path / "no-such-folder" / "x.tar.gz"))
    assert "找不到文件夹" in _error(result) and "正在复制数据库" not in result.output
