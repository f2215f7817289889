"""Library uploads taken in the background (issue 12): the job runner without a request, the
upload through the test client (it answers before ingestion ends; progress, then documents),
a server restart in the middle of a job, failures, duplicates and who may see a job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from corpus import ingestion, upload_jobs
from corpus.job_runner import runner
from corpus.models import Article, Document, DocumentSource
from corpus.upload_jobs import DONE, FAILED, HOST, QUEUED, RUNNING, Progress, StoredFile, UploadJob
from tests.corpus.conftest import RULES, finished_upload, post_upload, until_status

SECOND = (
    "# 井下爆破作业规定\n\n"
    "第一条 爆破作业必须由专职爆破工担任。\n\n"
    "第二条 爆破前必须检查爆破地点附近20米以内风流中的甲烷浓度。\n\n"
    "第三条 本规定自印发之日起施行。\n"
)


def _store(app, name: str, text: str) -> StoredFile:
    folder = Path(app.config["DATA_DIR"]) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    (folder / name).write_bytes(data)
    return StoredFile.of(name, data)


def _dead_pid() -> int:
    """The id of a process that has just ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _articles_of(ids) -> int:
    return db.session.scalar(select(func.count(Article.id)).where(Article.document_id.in_(list(ids))))


# --- the job runner without a request -----------------------------------------------------------------------


def test_a_job_ingests_its_files_with_progress_and_names_its_documents(app) -> None:
    files = [_store(app, "班组安全检查办法.md", RULES), _store(app, "井下爆破作业规定.md", SECOND)]
    job = upload_jobs.queue(db.session, None, files, None)
    db.session.commit()
    assert upload_jobs.claim(db.session, job.id, "me", utcnow())
    job = db.session.get(UploadJob, job.id)
    progress = Progress()
    seen: list[tuple[str, int, int]] = []
    announced: list[set[int]] = []

    def announce(ids, report):
        announced.append(set(ids))
        seen.append(progress.snapshot()[:3])
        report(2)
        seen.append(progress.snapshot()[:3])
        return []

    outcome = upload_jobs.execute(db.session, job, Path(app.config["DATA_DIR"]) / "uploads", announce, progress)

    by_source = dict(db.session.execute(select(DocumentSource.name, DocumentSource.document_id)).all())
    assert outcome.state == DONE
    assert outcome.document_ids == [by_source["班组安全检查办法.md"], by_source["井下爆破作业规定.md"]]
    assert announced == [set(outcome.document_ids)]
    articles = _articles_of(outcome.document_ids)
    assert seen == [("index", 0, articles), ("index", 2, articles)]
    assert progress.snapshot()[:3] == ("index", articles, articles)
    assert outcome.message.startswith("导入完成：新增 2，更新 0，未变 0")


def test_a_file_that_cannot_be_read_fails_the_job_with_its_reason_and_stores_nothing(app) -> None:
    files = [_store(app, "规程.docx", "这不是 Word 文件")]
    job = upload_jobs.queue(db.session, None, files, None)
    db.session.commit()
    upload_jobs.claim(db.session, job.id, "me", utcnow())
    outcome = upload_jobs.execute(
        db.session,
        db.session.get(UploadJob, job.id),
        Path(app.config["DATA_DIR"]) / "uploads",
        lambda ids, report: [],
        Progress(),
    )
    assert outcome.state == FAILED and outcome.document_ids == []
    assert outcome.message.startswith("没有导入任何文档：\n规程.docx：")
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert not (Path(app.config["DATA_DIR"]) / "uploads" / "规程.docx").exists()


def test_when_the_index_cannot_follow_the_new_documents_are_withdrawn(app) -> None:
    files = [_store(app, "班组安全检查办法.md", RULES)]
    job = upload_jobs.queue(db.session, None, files, None)
    db.session.commit()
    upload_jobs.claim(db.session, job.id, "me", utcnow())
    calls: list[set[int]] = []

    def refuse(ids, report):
        calls.append(set(ids))
        return ["没有写入权限（/data/index）"]

    outcome = upload_jobs.execute(
        db.session,
        db.session.get(UploadJob, job.id),
        Path(app.config["DATA_DIR"]) / "uploads",
        refuse,
        Progress(),
        pause=lambda: None,
    )
    assert outcome.state == FAILED
    assert "检索索引未能更新（没有写入权限（/data/index））" in outcome.message and "已撤回" in outcome.message
    assert len(calls) == 3  # the update, its one retry, and the removal
    assert db.session.scalar(select(func.count(Document.id))) == 0


def test_a_job_is_claimed_by_exactly_one_runner_and_taken_over_only_from_its_owner(app) -> None:
    job = upload_jobs.queue(db.session, None, [StoredFile("a.md", "0" * 64, 1)], None)
    db.session.commit()
    assert upload_jobs.claim(db.session, job.id, "first", utcnow())
    assert not upload_jobs.claim(db.session, job.id, "second", utcnow())
    assert not upload_jobs.claim(db.session, job.id, "second", utcnow(), takeover="someone-else")
    assert upload_jobs.claim(db.session, job.id, "second", utcnow(), takeover="first")
    db.session.expire_all()
    job = db.session.get(UploadJob, job.id)
    assert (job.state, job.owner, job.attempts) == (RUNNING, "second", 2)


def test_a_runner_is_gone_when_its_process_is_or_its_heartbeat_is_old() -> None:
    now = utcnow()
    fresh, old = now - timedelta(seconds=5), now - timedelta(seconds=600)

    assert upload_jobs.owner_gone(f"{HOST}:{_dead_pid()}:x", fresh, now, 120)
    assert not upload_jobs.owner_gone(f"{HOST}:{os.getpid()}:x", now, now, 120)
    assert upload_jobs.owner_gone(
        f"{HOST}:{os.getpid()}:x", upload_jobs.PROCESS_STARTED - timedelta(seconds=1), now, 10**6
    )  # this process restarted under the same id
    assert not upload_jobs.owner_gone("other-host:1:x", fresh, now, 120)
    assert upload_jobs.owner_gone("other-host:1:x", old, now, 120)
    assert upload_jobs.owner_gone(None, None, now, 120)


def test_a_job_interrupted_again_and_again_is_failed_not_retried_forever(app) -> None:
    job = upload_jobs.queue(db.session, None, [StoredFile("a.md", "0" * 64, 1)], None)
    job.state, job.owner, job.attempts = RUNNING, f"{HOST}:{_dead_pid()}:x", upload_jobs.MAX_ATTEMPTS
    job.heartbeat_at = utcnow()
    db.session.commit()
    assert upload_jobs.orphans(db.session, utcnow(), 120) == []
    db.session.expire_all()
    job = db.session.get(UploadJob, job.id)
    assert job.state == FAILED and "多次被中断" in job.message


# --- through the web ------------------------------------------------------------------------------------------


@pytest.fixture
def blocked_parse(monkeypatch):
    """The second file parsed waits until the test sets the event."""
    release = threading.Event()
    parsed: list[str] = []
    original = ingestion.parse_raw

    def parse(raw):
        parsed.append(raw)
        if len(parsed) == 2:
            assert release.wait(60)
        return original(raw)

    monkeypatch.setattr(ingestion, "parse_raw", parse)
    yield release
    release.set()


def test_upload_answers_before_ingestion_ends_then_shows_progress_then_the_documents(
    app, client, login, blocked_parse
) -> None:
    app.config["UPLOAD_JOB_PROGRESS_SECONDS"] = 0.05
    login("admin")
    response = post_upload(client, [("班组安全检查办法.md", RULES), ("井下爆破作业规定.md", SECOND)])
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/library/jobs/")

    data = until_status(client, location, lambda d: d["progress_text"] == "解析 1/2 个文件")
    assert data["state"] == RUNNING and data["progress_text"] == "解析 1/2 个文件"
    assert (data["done"], data["total"]) == (1, 2) and data["documents"] == []
    page = client.get(location).get_data(as_text=True)
    assert "正在导入" in page and "job-progress" in page and "js/upload_job.js" in page and "<script>" not in page
    library = client.get("/library/").get_data(as_text=True)
    assert "最近的导入" in library and "解析 1/2 个文件" in library

    blocked_parse.set()
    assert runner(app).wait(60)
    db.session.rollback()  # the test's own session may still read from before the job ended
    data = until_status(client, location, lambda d: d["state"] != RUNNING)
    rows = db.session.execute(select(Document.id, Document.title).order_by(Document.id)).all()
    assert data["state"] == DONE and data["finished"]
    assert [(d["id"], d["title"]) for d in data["documents"]] == [tuple(r) for r in rows]
    assert [d["url"] for d in data["documents"]] == [f"/library/{r.id}" for r in rows]
    articles = _articles_of([r.id for r in rows])
    assert (data["stage"], data["done"], data["total"]) == ("index", articles, articles)
    assert data["progress_text"] == "已完成" and "导入完成：新增 2" in data["message"]

    page = client.get(location).get_data(as_text=True)
    assert "已完成" in page and "js/upload_job.js" not in page
    for row in rows:
        assert f'href="/library/{row.id}">{row.title}</a>' in page
    found = json.loads(client.get("/api/search?q=爆破 甲烷浓度").get_data(as_text=True))
    assert any(hit["title"] == "井下爆破作业规定" for hit in found["results"])


def test_the_same_file_uploaded_again_while_it_is_taken_in_is_not_taken_twice(
    app, client, login, blocked_parse
) -> None:
    app.config["UPLOAD_JOB_PROGRESS_SECONDS"] = 0.05
    login("admin")
    first = post_upload(client, [("班组安全检查办法.md", RULES), ("井下爆破作业规定.md", SECOND)]).headers["Location"]
    until_status(client, first, lambda d: d["progress_text"] == "解析 1/2 个文件")

    again = post_upload(client, [("井下爆破作业规定.md", SECOND)])
    assert again.headers["Location"] == first
    assert "不会重复导入" in client.get(first).get_data(as_text=True)
    changed = post_upload(client, [("井下爆破作业规定.md", SECOND + "\n第四条 补充。\n")])
    assert changed.headers["Location"].endswith("/library/")
    assert "同名文件正在导入" in client.get("/library/").get_data(as_text=True)
    assert db.session.scalar(select(func.count(UploadJob.id))) == 1

    blocked_parse.set()
    assert runner(app).wait(60)
    assert db.session.scalar(select(func.count(Document.id))) == 2
    assert db.session.scalar(select(func.count(DocumentSource.id))) == 2


def test_a_failed_upload_says_why_in_chinese(app, client, login) -> None:
    login("admin")
    page = finished_upload(client, post_upload(client, [("规程.docx", "不是 Word 文件")])).get_data(as_text=True)
    assert "失败" in page and "没有导入任何文档" in page and "规程.docx：" in page
    assert db.session.scalar(select(func.count(Document.id))) == 0


@pytest.fixture
def someones_job(make_user) -> int:
    owner = make_user(role="admin")
    job = upload_jobs.queue(db.session, owner.id, [StoredFile("a.md", "0" * 64, 1)], None)
    job.state = DONE
    db.session.commit()
    return job.id


@pytest.mark.parametrize("role", ["worker", "team_leader", "unit_trainer"])
def test_people_who_may_not_upload_see_no_upload_jobs(role, someones_job, client, login) -> None:
    login(role)
    assert client.get(f"/library/jobs/{someones_job}").status_code == 403
    assert client.get(f"/library/jobs/{someones_job}/status").status_code == 403
    assert "最近的导入" not in client.get("/library/").get_data(as_text=True)


def test_admins_see_every_upload_job(someones_job, client, login) -> None:
    login("admin")  # another admin than the uploader: admins look after the whole library
    assert client.get(f"/library/jobs/{someones_job}").status_code == 200
    assert client.get(f"/library/jobs/{someones_job}/status").status_code == 200
    assert "最近的导入" in client.get("/library/").get_data(as_text=True)
    assert client.get(f"/library/jobs/{someones_job + 1000}/status").status_code == 404


# --- restarts -------------------------------------------------------------------------------------------------


def test_a_job_left_running_by_a_dead_server_is_finished_by_the_next_one(app, client, login) -> None:
    # The dead server had stored the first file and committed its document, then died before
    # the index update; the second file was never reached.
    files = [_store(app, "班组安全检查办法.md", RULES), _store(app, "井下爆破作业规定.md", SECOND)]
    uploads = Path(app.config["DATA_DIR"]) / "uploads"
    ingestion.ingest_paths([uploads / "班组安全检查办法.md"], db.session, commit_each=True)
    db.session.commit()
    job = upload_jobs.queue(db.session, None, files, None)
    job.state, job.owner, job.attempts, job.stage, job.done = RUNNING, f"{HOST}:{_dead_pid()}:old", 1, "parse", 1
    job.started_at = job.heartbeat_at = utcnow()
    db.session.commit()
    job_id = job.id

    app.config["UPLOAD_JOBS_RECOVER_ON_START"] = True
    login("admin")  # the first request of the new server starts the recovery
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # The test's requests share its app context: end what they left open, as a request's end would.
        db.session.rollback()
        if db.session.get(UploadJob, job_id).state not in (QUEUED, RUNNING):
            break
        time.sleep(0.05)
    assert runner(app).wait(60)
    db.session.expire_all()
    job = db.session.get(UploadJob, job_id)
    titles = dict(db.session.execute(select(Document.title, Document.id)).all())
    assert job.state == DONE and job.attempts == 2 and job.owner == runner(app).owner
    assert job.document_ids == [titles["班组安全检查办法"], titles["井下爆破作业规定"]]
    assert "新增 1" in job.message and "未变 1" in job.message
    for words, title in (("班组长 顶板 支护", "班组安全检查办法"), ("爆破 甲烷浓度", "井下爆破作业规定")):
        found = json.loads(client.get(f"/api/search?q={words}").get_data(as_text=True))
        assert any(hit["title"] == title for hit in found["results"]), (words, found)


def test_a_restarted_job_whose_files_are_gone_fails_cleanly(app, client, login) -> None:
    job = upload_jobs.queue(db.session, None, [StoredFile("不见了.md", "0" * 64, 10)], None)
    job.state, job.owner, job.attempts = RUNNING, f"{HOST}:{_dead_pid()}:old", 1
    job.heartbeat_at = utcnow()
    db.session.commit()
    assert runner(app).recover() == 1
    assert runner(app).wait(60)
    db.session.expire_all()
    job = db.session.get(UploadJob, job.id)
    assert job.state == FAILED and "不见了.md：上传的文件已不在服务器上，请重新上传" in job.message


def test_a_job_a_live_runner_elsewhere_works_on_is_left_alone(app) -> None:
    job = upload_jobs.queue(db.session, None, [StoredFile("a.md", "0" * 64, 1)], None)
    job.state, job.owner, job.heartbeat_at = RUNNING, "other-host:1:x", utcnow()
    db.session.commit()
    assert runner(app).recover() == 0
    db.session.expire_all()
    assert db.session.get(UploadJob, job.id).state == RUNNING


# --- old jobs are pruned -------------------------------------------------------------------------------------


def test_finished_jobs_older_than_the_limit_are_pruned_but_the_latest_are_kept(app, monkeypatch) -> None:
    now = utcnow()
    old, recent = now - timedelta(days=upload_jobs.KEEP_DAYS + 1), now - timedelta(days=5)
    files = [{"name": "a.md", "hash": "0" * 64, "size": 1}]
    made = {}
    for name, state, finished in [("old done", DONE, old), ("old failed", FAILED, old), ("old running", RUNNING, None),
                                  ("recent done", DONE, recent), ("latest, old", DONE, old)]:
        job = UploadJob(files=files, state=state, created_at=finished or old, finished_at=finished)
        db.session.add(job)
        db.session.flush()
        made[name] = job.id
    db.session.commit()

    assert upload_jobs.prune(db.session, now, keep_last=2) == 2
    db.session.commit()
    left = set(db.session.scalars(select(UploadJob.id)))
    assert left == {made["old running"], made["recent done"], made["latest, old"]}

    # Queuing a new upload prunes with the module's limits: the last finished old job goes now.
    monkeypatch.setattr(upload_jobs, "KEEP_LAST", 0)
    job = upload_jobs.queue(db.session, None, [_store(app, "井下爆破作业规定.md", SECOND)], None)
    db.session.commit()
    left = set(db.session.scalars(select(UploadJob.id)))
    assert left == {made["old running"], made["recent done"], job.id}
