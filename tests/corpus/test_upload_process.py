"""Library uploads taken in by a child process (`python run.py upload-jobs`, issue 12): the upload
answers at once, a process other than the server's ingests and indexes, a child killed mid-job
is taken over by the next one; and the job row moves through one large file (pages read,
articles written, articles indexed), not 0/1 until the end."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.db import db
from corpus import ingestion, upload_jobs
from corpus.job_runner import ProcessRunner, runner
from corpus.models import Article, Document
from corpus.signals import commit_and_announce
from corpus.upload_jobs import DONE, INDEX, PARSE, READ, RUNNING, STORE, UploadJob
from kb import sync
from tests.corpus.conftest import RULES, job_status, post_upload, until_status

MARKER = "青石岭架空乘人装置"


def _large(articles: int) -> str:
    lines = [f"# {MARKER}安全管理细则", ""]
    for n in range(1, articles + 1):
        lines += [f"第{n}条 {MARKER}第{n}号区段的巡检工每班必须检查钢丝绳和乘人吊椅，发现断丝时必须立即停车处理。", ""]
    return "\n".join(lines)


@pytest.fixture
def in_process(app):
    """The app takes uploads in with a child process, as a served app does."""
    app.extensions["upload_jobs"] = ProcessRunner(app)
    app.config["UPLOAD_JOB_PROGRESS_SECONDS"] = 0.2
    return app


def _job(job_id: int) -> UploadJob:
    db.session.rollback()  # see what the child committed
    db.session.expire_all()
    return db.session.get(UploadJob, job_id)


def _owner_pid(job: UploadJob) -> int:
    return int(job.owner.split(":")[1])


def _search(client, words: str) -> list[str]:
    found = json.loads(client.get("/api/search?q=" + words).get_data(as_text=True))
    return [hit["title"] for hit in found["results"]]


def test_a_child_process_takes_the_upload_in_and_the_server_answers_at_once(in_process, client, login) -> None:
    login("admin")
    started = time.monotonic()
    response = post_upload(client, [("班组安全检查办法.md", RULES), ("细则.md", _large(300))])
    assert response.status_code == 302 and time.monotonic() - started < 10
    location = response.headers["Location"]
    job_id = int(location.rsplit("/", 1)[1])
    child = runner(in_process).child
    assert child is not None and child.pid != os.getpid()

    data = until_status(client, location, lambda d: d["finished"], timeout=240)
    assert data["state"] == DONE, data
    job = _job(job_id)
    assert _owner_pid(job) == child.pid and job.attempts == 1  # the child, not the server, ran it
    assert runner(in_process).wait(60) and runner(in_process).child is None  # it exits when nothing is left
    titles = dict(db.session.execute(select(Document.title, Document.id)).all())
    assert [d["id"] for d in data["documents"]] == [titles["班组安全检查办法"], titles[f"{MARKER}安全管理细则"]]
    articles = db.session.scalar(select(func.count(Article.id)).where(Article.document_id.in_(job.document_ids)))
    assert (data["stage"], data["done"], data["total"]) == (INDEX, articles, articles)
    # The child wrote the index; the server's searchers see it.
    assert f"{MARKER}安全管理细则" in _search(client, "第299号区段 乘人吊椅")
    assert "班组安全检查办法" in _search(client, "班组长 顶板 支护")


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL")
def test_a_child_killed_mid_job_is_taken_over_by_the_next_and_search_agrees(in_process, client, login) -> None:
    login("admin")
    # An index to update (the first upload builds it whole).
    location = post_upload(client, [("班组安全检查办法.md", RULES)]).headers["Location"]
    assert until_status(client, location, lambda d: d["finished"], timeout=240)["state"] == DONE
    assert runner(in_process).wait(60)

    location = post_upload(client, [("细则.md", _large(2000))]).headers["Location"]
    job_id = int(location.rsplit("/", 1)[1])
    # Killed once its document is committed and the index is being written: the database holds
    # the document, the index does not yet.
    seen = until_status(client, location, lambda d: d["stage"] == INDEX or d["finished"], timeout=240)
    assert seen["state"] == RUNNING and seen["stage"] == INDEX, seen
    killed = _owner_pid(_job(job_id))
    os.kill(killed, signal.SIGKILL)
    assert runner(in_process).wait(60)
    assert _job(job_id).state == RUNNING  # nobody finished it

    assert runner(in_process).recover() == 1  # the sweep: its owner is gone, a new child takes it over
    data = until_status(client, location, lambda d: d["finished"], timeout=300)
    job = _job(job_id)
    assert data["state"] == DONE and job.attempts == 2 and _owner_pid(job) != killed, data["message"]
    assert "未变 1" in data["message"]  # the killed child had stored the document: it is not stored twice
    assert db.session.scalar(select(func.count(Document.id)).where(Document.title.contains(MARKER))) == 1
    assert f"{MARKER}安全管理细则" in _search(client, "第1999号区段 乘人吊椅")
    assert 'id="index-notice"' not in client.get("/library/").get_data(as_text=True)  # library and index agree


# --- progress inside one large file ------------------------------------------------------------------------


def _pdf(path: Path, pages: int, per_page: int) -> bytes:
    """A text PDF of `pages` pages with `per_page` articles each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    number = 0
    for page in range(pages):
        pdf.setFont("STSong-Light", 12)
        if page == 0:
            pdf.drawString(72, 800, "架空乘人装置巡检规定")
        for line in range(per_page):
            number += 1
            pdf.drawString(72, 770 - 24 * line, f"第{number}条 第{number}号区段每班必须检查乘人吊椅。")
        pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_the_job_row_moves_through_one_large_file(app, client, login, tmp_path, monkeypatch) -> None:
    """Pages read, articles written and articles indexed rise inside a single PDF, as the job row
    (what the page polls) records them while the job runs."""
    app.config["UPLOAD_JOB_PROGRESS_SECONDS"] = 0.02
    uploads = Path(app.config["DATA_DIR"]) / "uploads"
    seed = uploads / "班组安全检查办法.md"  # an index to update, so indexing reports as it goes
    seed.write_text(RULES, encoding="utf-8")
    report = ingestion.ingest_paths([seed], db.session, commit_each=True)
    assert commit_and_announce(db.session, app, report.changed_ids) == []
    pages, per_page = 4, 20
    content = _pdf(tmp_path / "规定.pdf", pages, per_page)
    monkeypatch.setattr(sync, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(ingestion, "STORE_CHUNK", 25)

    told: list[tuple[str, int, int]] = []  # what the job told its Progress
    recorded: list[tuple[str, int, int]] = []  # what the job row said meanwhile
    original = upload_jobs.Progress.set

    def watched(self, stage=None, done=None, total=None) -> None:  # noqa: ANN001
        original(self, stage, done, total)
        figures = self.snapshot()[:3]
        told.append(figures)
        # Mid-file figures must reach the row while the job runs (not for STORE on SQLite:
        # the article rows' transaction holds the one writer lock there).
        if figures[0] in (READ, INDEX) and 0 < figures[1] < figures[2]:
            recorded.append(_row_reaches(figures))

    monkeypatch.setattr(upload_jobs.Progress, "set", watched)
    login("admin")
    location = post_upload(client, [("规定.pdf", content)]).headers["Location"]
    assert runner(app).wait(120)
    data = job_status(client, location)
    assert data["state"] == DONE, data["message"]

    articles = pages * per_page
    assert [f for f in told if f[0] == READ] == [(READ, n, pages) for n in range(1, pages + 1)]
    assert [f for f in told if f[0] == STORE] == [(STORE, n, articles) for n in (0, 25, 50, 75, 80)]
    indexed = [f for f in told if f[0] == INDEX]
    assert indexed[0] == (INDEX, 0, articles) and indexed[-1] == (INDEX, articles, articles)
    assert [f[1] for f in indexed] == sorted(f[1] for f in indexed)  # never goes back
    assert (PARSE, 1, 1) in told
    # The page read these from the database while the file was still being taken in.
    assert [f for f in recorded if f[0] == READ] == [(READ, n, pages) for n in range(1, pages)]
    assert [f for f in recorded if f[0] == INDEX] == [(INDEX, n, articles) for n in range(10, articles, 10)]
    stored = db.session.scalar(select(func.count(Article.id)).where(Article.document_id == data["documents"][0]["id"]))
    assert stored == articles and (data["stage"], data["done"], data["total"]) == (INDEX, articles, articles)


def _row_reaches(figures: tuple[str, int, int], timeout: float = 20) -> tuple[str, int, int]:
    """Wait until the running job's row shows `figures` (its ticker writes them); what it showed."""
    deadline = time.monotonic() + timeout
    row = None
    while time.monotonic() < deadline:
        with db.engine.connect() as conn:
            row = conn.execute(
                select(UploadJob.stage, UploadJob.done, UploadJob.total).where(UploadJob.state == RUNNING)
            ).first()
        if row is not None and tuple(row) == figures:
            return figures
        time.sleep(0.01)
    return tuple(row) if row is not None else ("", 0, 0)


def test_progress_texts_name_the_stage_and_the_figures_inside_the_file() -> None:
    def text(stage: str, done: int, total: int) -> str:
        return UploadJob(state=RUNNING, stage=stage, done=done, total=total).progress_text

    assert text(PARSE, 1, 3) == "解析 1/3 个文件"
    assert text(READ, 12, 300) == "读取 12/300 页"
    assert text(STORE, 500, 2000) == "写入 500/2000 条"
    assert text(INDEX, 120, 800) == "建索引 120/800 条"
    assert UploadJob(state=DONE, stage=INDEX, done=1, total=1).progress_text == "已完成"


def test_the_job_page_names_a_queued_state_once(app, client, login, db_session) -> None:
    assert UploadJob(state=RUNNING, stage=PARSE, done=1, total=3).progress_detail == "解析 1/3 个文件"
    login("admin")
    job = upload_jobs.queue(db_session, None, [upload_jobs.StoredFile.of("甲.md", RULES.encode())], None)
    db_session.commit()  # queued, not submitted: nobody runs it
    page = client.get(f"/library/jobs/{job.id}").get_data(as_text=True)
    status = page.split("状态：", 1)[1].split("</p>", 1)[0]
    assert status.count("排队中") == 1
    assert client.get(f"/library/jobs/{job.id}/status").get_json()["progress_detail"] == ""
