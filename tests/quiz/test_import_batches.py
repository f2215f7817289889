"""Bank imports committed in batches: hidden until done, nothing left after an error, and an
interrupted import (server killed) confirmed again from its preview lands every row once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from core.db import db, utcnow
from quiz.bank import imports, service
from quiz.bank.importer import parse_files
from quiz.bank.models import ImportBatch, Question, QuestionVersion
from tests.conftest import ROOT
from tests.quiz.banks import confirm, fail_at, previewed, standard_bank


class Killed(BaseException):
    """Stands for SIGKILL: no except clause of the app sees it, so no clean-up runs."""


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_interrupted_import_is_confirmed_again_from_its_preview_and_lands_once(
    client, login, db_session, monkeypatch
) -> None:
    login("unit_trainer")
    preview_url, token = previewed(client, 60, "大题库.xlsx")
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    monkeypatch.setattr(imports, "BATCH_SECONDS", 3600)
    fail_at(monkeypatch, 35, Killed())  # the import dies, like a killed server, storing question 35
    with pytest.raises(Killed):
        confirm(client, preview_url)
    db_session.rollback()
    monkeypatch.undo()

    # Three batches of ten were committed; they wait, hidden, under a running batch.
    batch = db_session.scalar(select(ImportBatch))
    assert (batch.state, batch.source_key, count(Question)) == ("running", token, 30)
    assert "测试题" not in client.get("/bank/").get_data(as_text=True)
    page = client.get(preview_url).get_data(as_text=True)  # the upload was kept, and its preview still counts 60
    assert 'id="import-interrupted"' in page and "确认导入 60 道题" in page

    # Right after the kill the batch still looks alive: a second confirm is refused, not doubled.
    busy = confirm(client, preview_url, follow_redirects=True)
    assert "正在导入" in busy.get_data(as_text=True) and count(Question) == 30

    db_session.execute(update(ImportBatch).values(progress_at=utcnow() - timedelta(minutes=5)))
    db_session.commit()
    done = confirm(client, preview_url)
    assert done.status_code == 302 and f"batch={batch.id}" in done.headers["Location"]
    db_session.expire_all()
    keys = db_session.scalars(select(Question.content_key)).all()
    assert len(keys) == len(set(keys)) == 60 and count(QuestionVersion) == 60
    rows = sorted(db_session.scalars(select(Question.origin_row)))
    assert rows == list(range(2, 62))
    assert (batch.state, batch.source_key, count(ImportBatch)) == ("done", None, 1)
    assert client.get(preview_url).status_code == 404  # the upload is gone once imported


def test_an_error_part_way_leaves_nothing_and_the_upload_can_be_confirmed_again(
    client, login, db_session, monkeypatch
) -> None:
    login("unit_trainer")
    preview_url, _token = previewed(client, 40)
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    fail_at(monkeypatch, 25, RuntimeError("disk full"))
    failed = confirm(client, preview_url, follow_redirects=True)
    # Two batches of ten had been committed: both are withdrawn, and the trainer reads why.
    assert failed.status_code == 200 and "导入出错（RuntimeError）" in failed.get_data(as_text=True)
    assert count(Question) == count(QuestionVersion) == count(ImportBatch) == 0
    assert "确认导入 40 道题" in failed.get_data(as_text=True)  # back on the preview: the upload was kept
    monkeypatch.undo()
    assert confirm(client, preview_url).status_code == 302
    assert count(Question) == 40


def test_questions_of_a_running_import_are_hidden_from_the_bank_list(client, login, db_session) -> None:
    login("unit_trainer")
    imports.save_import(parse_files([("a.xlsx", standard_bank(2, prefix="完成题"))]))
    batch = ImportBatch(state="running", source_key="x" * 24, progress_at=utcnow())
    db_session.add(batch)
    db_session.flush()
    report = parse_files([("b.xlsx", standard_bank(2, prefix="半截题"))])
    for parsed in report.questions:
        origin = service.Origin("import", parsed.file, parsed.sheet, parsed.row, batch_id=batch.id)
        service._create(parsed.draft, None, origin, None, None)
    db_session.commit()
    page = client.get("/bank/").get_data(as_text=True)
    assert "完成题" in page and "半截题" not in page


def test_interrupted_imports_are_rolled_back_after_a_day(db_session) -> None:
    imports.save_import(parse_files([("a.xlsx", standard_bank(3))]))
    old = ImportBatch(state="running", source_key="y" * 24, progress_at=utcnow() - timedelta(days=2))
    db_session.add(old)
    db_session.flush()
    for parsed in parse_files([("b.xlsx", standard_bank(4, prefix="旧题"))]).questions:
        service._create(parsed.draft, None, service.Origin("import", batch_id=old.id), None, None)
    db_session.commit()
    assert imports.forget_interrupted(utcnow() - timedelta(days=1)) == 1
    assert count(Question) == 3 and count(ImportBatch) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_command_line_import_finishes_when_run_again(database_url, empty_database, tmp_path) -> None:
    """A real kill: `import-questions` is SIGKILLed part-way, then run again with the same file."""
    from tests.quiz.banks import xlsx

    url = empty_database("killed_import")
    env = os.environ | {"DATABASE_URL": url, "DATA_DIR": str(tmp_path / "data")}
    run = [sys.executable, str(ROOT / "run.py")]
    subprocess.run([*run, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    rows = [["题型", "题干", "选项", "答案"]] + [
        ["单选题", f"第{i}号题，正确的是（ ）", f"A.甲{i} B.乙{i}", "AB"[i % 2]] for i in range(1, 3001)
    ]
    bank = tmp_path / "三千题.xlsx"
    bank.write_bytes(xlsx(rows))
    command = [*run, "import-questions", str(bank), "--no-suggest", "--json"]

    from run import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
                      "DATA_DIR": tmp_path / "probe"})
    with app.app_context():
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while (stored := count(Question)) < 300 and process.poll() is None and time.monotonic() < deadline:
            db.session.rollback()
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        db.session.rollback()
        stored = count(Question)
        assert 0 < stored < 3000, "the kill should land part-way"
        db.session.execute(update(ImportBatch).values(progress_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()  # as if the trainer came back a minute later
        again = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr[-2000:]
        db.session.rollback()
        keys = db.session.scalars(select(Question.content_key)).all()
        assert len(keys) == len(set(keys)) == 3000
        assert db.session.scalar(select(ImportBatch.state)) == "done" and count(ImportBatch) == 1
        db.engine.dispose()
    assert Path(bank).exists()
