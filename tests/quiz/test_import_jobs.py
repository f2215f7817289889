"""A confirmed bank import runs in a child process (`run.py import-upload`), so the web server's
threads never wait behind its parsing; its job page follows questions stored / total; a child
killed part-way leaves its upload and a resumable batch, and confirming again lands every row once."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quiz.bank import background, imports
from quiz.bank.models import ImportBatch, Question
from tests.quiz.banks import confirm, fail_at, on_create, previewed

ENDED = ("done", "failed", "interrupted")


def stored(db_session, batch_id: int | None = None) -> int:
    query = select(func.count(Question.id))
    if batch_id is not None:
        query = query.where(Question.import_batch_id == batch_id)
    db_session.rollback()  # see what the child committed
    return db_session.scalar(query)


def follow(client, token: str, timeout: float = 240, until=lambda job: job["state"] in ENDED) -> list[dict]:
    """Poll the job's progress as its page does; every answer, until `until` holds."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(f"/bank/import/{token}/progress")
        assert response.status_code == 200
        seen.append(response.get_json())
        if until(seen[-1]):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"the import did not get there in {timeout} s: {seen[-3:]}")


@pytest.fixture
def in_process(app):
    app.config["BANK_IMPORT_RUNNER"] = "process"
    return app


def test_a_confirmed_import_runs_in_a_child_process_and_its_page_follows_it(
    in_process, client, login, db_session
) -> None:
    login("unit_trainer")
    preview_url, token = previewed(client, 400, "大题库.xlsx")
    confirmed = confirm(client, preview_url)
    assert confirmed.status_code == 302 and confirmed.headers["Location"].endswith(f"/bank/import/{token}/job")
    page = client.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "题库导入" in page and 'id="import-progress"' in page

    seen = follow(client, token)
    job = seen[-1]
    assert job["state"] == "done", job
    batch = db_session.get(ImportBatch, job["batch"])
    assert job["url"] == f"/bank/?batch={batch.id}"
    keys = db_session.scalars(select(Question.content_key).where(Question.import_batch_id == batch.id)).all()
    assert len(keys) == len(set(keys)) == 400 == batch.imported
    running = [j for j in seen if j["state"] == "running"]
    assert all(0 <= j["stored"] <= j["total"] == 400 for j in running)
    assert [j["stored"] for j in running] == sorted(j["stored"] for j in running)  # never goes back

    status = json.loads((Path(in_process.config["DATA_DIR"]) / "uploads" / f"job-bank-{token}.json").read_text())
    assert status["batch"] == batch.id
    bank = client.get(job["url"]).get_data(as_text=True)
    assert "已导入400道题（重复0行、错误0行未导入）。" in bank
    assert client.get(preview_url).status_code == 404  # the upload is gone once imported
    done_page = client.get(f"/bank/import/{token}/job").get_data(as_text=True)
    assert "已完成" in done_page and f"batch={batch.id}" in done_page


def test_the_progress_counts_the_rows_stored_while_one_file_imports(client, login, db_session, monkeypatch) -> None:
    """Inside one large file the job page reads stored / total as each short batch commits."""
    login("unit_trainer")
    preview_url, token = previewed(client, 60, "大题库.xlsx")
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    monkeypatch.setattr(imports, "BATCH_SECONDS", 3600)
    seen = []

    def watch(n: int) -> None:
        if n in (1, 25, 60):  # what the page would read right now (another request)
            seen.append(client.get(f"/bank/import/{token}/progress").get_json())

    on_create(monkeypatch, watch)
    assert confirm(client, preview_url).status_code == 302
    assert [(j["state"], j["stored"], j["total"]) for j in seen] == [
        ("running", 0, 60), ("running", 20, 60), ("running", 50, 60)]
    assert client.get(f"/bank/import/{token}/progress").get_json()["state"] == "done"
    assert stored(db_session) == 60


def test_a_failed_import_says_why_keeps_nothing_and_keeps_the_upload(client, login, db_session, monkeypatch) -> None:
    login("unit_trainer")
    preview_url, token = previewed(client, 30)
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    fail_at(monkeypatch, 25, OSError("disk full"))
    confirm(client, preview_url)
    job = client.get(f"/bank/import/{token}/progress").get_json()
    assert job["state"] == "failed" and "导入出错（OSError）" in job["message"] and job["url"] == preview_url
    assert stored(db_session) == 0 and db_session.scalar(select(func.count(ImportBatch.id))) == 0  # all or nothing
    assert "确认导入 30 道题" in client.get(preview_url).get_data(as_text=True)


def test_a_child_that_died_is_reported_interrupted(app, client, login, db_session) -> None:
    login("unit_trainer")
    folder = Path(app.config["DATA_DIR"]) / "uploads"
    token = previewed(client, 3)[1]
    gone = 2**22 + 12345  # beyond Linux's default pid_max: no such process
    background.write_status(folder, token, state="queued", pid=gone)
    job = client.get(f"/bank/import/{token}/progress").get_json()
    assert job["state"] == "interrupted" and "再次确认" in job["message"] and job["url"].endswith(token)
    assert background.ended(background.read_status(folder, token))
    background.write_status(folder, token, state="running", pid=os.getpid())  # a live one
    assert client.get(f"/bank/import/{token}/progress").get_json()["state"] == "waiting"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_child_keeps_the_upload_and_confirming_again_lands_every_row_once(
    in_process, client, login, db_session
) -> None:
    login("unit_trainer")
    preview_url, token = previewed(client, 1500, "三千题.xlsx")
    folder = Path(in_process.config["DATA_DIR"]) / "uploads"
    confirm(client, preview_url)
    follow(client, token, until=lambda job: job["state"] in ENDED or job.get("stored", 0) >= 200)
    os.kill(background.read_status(folder, token)["pid"], signal.SIGKILL)
    job = follow(client, token)[-1]
    assert job["state"] == "interrupted", job
    batch = db_session.scalar(select(ImportBatch))
    assert batch.state == "running" and 0 < stored(db_session, batch.id) < 1500  # hidden, waiting to be resumed
    page = client.get(preview_url).get_data(as_text=True)  # the upload was kept
    assert 'id="import-interrupted"' in page and "确认导入 1500 道题" in page

    # Confirmed again at once: the dead child's batch is taken over, not refused as busy.
    confirm(client, preview_url)
    job = follow(client, token)[-1]
    assert job["state"] == "done" and job["batch"] == batch.id, job
    keys = db_session.scalars(select(Question.content_key)).all()
    assert len(keys) == len(set(keys)) == 1500
    db_session.refresh(batch)
    assert (batch.state, batch.source_key) == ("done", None)
