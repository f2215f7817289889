"""A confirmed bank import, run in a process of its own beside the web server.

Parsing a 3,000-row file and preparing its questions is seconds of Python work. In a thread
of the server it held the interpreter lock against every sign-in, answer and search; in a
child process (`python run.py import-upload TOKEN`, at a lower CPU priority) the server's
threads keep a core and the import only writes the database in short batches
(`quiz.bank.imports`). The confirm request starts the child and answers at once; the job page
polls `progress`.

The upload stays in DATA_DIR/uploads until its questions are all in, with a note of who uploaded
it (`owner-bank-<token>.json`: only that trainer and admins see its preview, confirm it or follow
its job), and a small status file beside it (`job-bank-<token>.json`) says how the child is
doing: queued (with its process id), running, done (with the batch) or failed (with a message in
Chinese). A child that died (the
server machine restarted, a kill) leaves its batch 'running' without progress: the job page
says so and confirming the preview again finishes the import without duplicates.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core import children
from core.db import db, utcnow
from quiz.bank import imports, service
from quiz.bank.citations import Suggester
from quiz.bank.importer import parse_files
from quiz.bank.models import ImportBatch, Question

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED, INTERRUPTED = "queued", "running", "done", "failed", "interrupted"
WEB_SUGGEST_LIMIT = 200  # citations looked up during a web import; the rest from the bank page
GONE = "上传的文件已不在服务器上（可能已导入或超过一天被清理），请重新上传。"
DIED = "导入中断了（服务器重启或进程退出）。已保存的部分不会重复，请回到预览页再次确认导入以继续。"


def stored_upload(folder: Path, token: str) -> tuple[Path, str] | None:
    """The stored upload of `token` and the trainer's file name, or None when it is gone."""
    if not token.isalnum():
        return None
    matches = sorted(folder.glob(f"bank-{token}-*"))
    return (matches[0], matches[0].name.split("-", 2)[2]) if matches else None


def _owner_path(folder: Path, token: str) -> Path:
    return folder / f"owner-bank-{token}.json"


def record_owner(folder: Path, token: str, user_id: int) -> None:
    """Note who uploaded `token` (beside the upload, removed with it after a day: core.uploads)."""
    _owner_path(folder, token).write_text(json.dumps({"user": user_id}), encoding="utf-8")


def upload_owner(folder: Path, token: str) -> int | None:
    """The id of the trainer who uploaded `token`, or None when no note of it is kept."""
    if not token.isalnum():
        return None
    try:
        user = json.loads(_owner_path(folder, token).read_text(encoding="utf-8")).get("user")
    except (FileNotFoundError, ValueError, AttributeError):
        return None
    return user if isinstance(user, int) else None


def _status_path(folder: Path, token: str) -> Path:
    return folder / f"job-bank-{token}.json"


def read_status(folder: Path, token: str) -> dict[str, Any] | None:
    """The status the job last wrote, or None when no background job was started."""
    try:
        return json.loads(_status_path(folder, token).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def write_status(folder: Path, token: str, **status: Any) -> None:
    """Replace the job's status file at once (readers never see half of it)."""
    path = _status_path(folder, token)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    os.replace(part, path)


SUMMARY_WARNINGS = 50  # rows to check listed in the summary; the rest are counted


def summary(batch: ImportBatch) -> str:
    """已导入n道题（重复d行、错误e行未导入）。, then one line per row to check (a duplicate whose
    answer differs from the bank's, a 多选 with one answer)."""
    text = f"已导入{batch.imported}道题（重复{batch.duplicates}行、错误{batch.errors}行未导入）。"
    warnings = [w for w in (batch.report or {}).get("warnings", []) if isinstance(w, dict)]
    if warnings:
        text += f"\n请核对以下{len(warnings)}行："
        for w in warnings[:SUMMARY_WARNINGS]:
            where = " ".join(str(p) for p in (w.get("sheet"), f"第{w.get('row')}行") if p)
            text += f"\n{where}：{w.get('reason', '')}"
        if len(warnings) > SUMMARY_WARNINGS:
            text += f"\n另有{len(warnings) - SUMMARY_WARNINGS}行，可用命令 import-questions --dry-run 查看全部。"
    return text


def run_job(folder: Path, token: str, user_id: int | None, suggest: Suggester | None, suggest_limit: int | None,
            takeover: bool = False, approve: bool = False) -> bool:
    """The child's work: parse the stored upload and import it under its token (resuming an
    interrupted import, at once with `takeover`: its process is known to be gone), writing the
    status file before and after; True when done. The upload is deleted once every question is in.
    With `approve` the questions are stored approved (`imports.save_import`)."""
    started = (read_status(folder, token) or {}).get("started") or time.time()  # when the trainer confirmed
    write_status(folder, token, state=RUNNING, pid=os.getpid(), started=started)
    try:
        found = stored_upload(folder, token)
        if found is None:
            raise service.QuestionError(GONE)
        path, name = found
        report = parse_files([(name, path.read_bytes())], existing=service.existing_keys(except_key=token))
        batch = imports.save_import(
            report, key=token, created_by_id=user_id, suggest=suggest, suggest_limit=suggest_limit, takeover=takeover,
            approve=approve,
        )
        path.unlink(missing_ok=True)
    except service.QuestionError as exc:
        db.session.rollback()
        write_status(folder, token, state=FAILED, message=str(exc))
        return False
    except Exception as exc:  # logged for the admin; the trainer reads a message, the upload is kept
        log.exception("bank import of upload %s failed", token)
        db.session.rollback()
        write_status(folder, token, state=FAILED, message=f"导入出错（{type(exc).__name__}），已保存的部分已撤回，"
                     "上传的文件仍在。请稍后在预览页再次确认，或联系管理员查看日志。")
        return False
    write_status(folder, token, state=DONE, batch=batch.id, message=summary(batch))
    return True


def start(root: Path, folder: Path, token: str, user_id: int | None, environ: dict[str, str],
          takeover: bool = False, approve: bool = False) -> int:
    """Start `python run.py import-upload TOKEN` (core.children: a lower CPU priority, a process
    group of its own) and write the queued status; returns the child's process id. `environ`
    names the app's database and DATA_DIR for the child; `takeover` says the last child of this
    upload has ended (see `run_job`)."""
    arguments = ["import-upload", token]
    if user_id is not None:
        arguments += ["--user", str(user_id)]
    if takeover:
        arguments.append("--takeover")
    if approve:
        arguments.append("--approve")
    child = children.start(root, arguments, environ, log_path=folder / f"job-bank-{token}.log")
    write_status(folder, token, state=QUEUED, pid=child.pid, started=time.time())
    return child.pid


def ended(status: dict[str, Any] | None) -> bool:
    """True when the status names a queued or running child that no longer exists (killed)."""
    return bool(status and status.get("state") in (QUEUED, RUNNING) and not is_active(status))


def is_active(status: dict[str, Any] | None) -> bool:
    """True when the status names a queued or running child that still exists."""
    return bool(status and status.get("state") in (QUEUED, RUNNING) and isinstance(pid := status.get("pid"), int) and pid > 0 and children.process_exists(pid))


def progress(folder: Path, token: str) -> dict[str, Any]:
    """What the job page shows: state (waiting, running, done, failed, interrupted), questions
    stored / total while it runs, the batch and a message when it ended."""
    status = read_status(folder, token) or {}
    if status.get("state") == DONE:
        return {"state": DONE, "batch": status.get("batch"), "message": status.get("message", "")}
    if status.get("state") == FAILED:
        return {"state": FAILED, "message": status.get("message", "")}
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.source_key == token))
    alive = is_active(status) if status else True  # no status file: the import runs inside a request
    elapsed = _elapsed(status, batch)
    if batch is None:
        return {"state": "waiting" if alive else INTERRUPTED, "stored": 0, "total": 0,
                "message": "" if alive else DIED, "elapsed": elapsed}
    stored = db.session.scalar(select(func.count(Question.id)).where(Question.import_batch_id == batch.id)) or 0
    if not alive:  # the child is gone and its batch is not done
        return {"state": INTERRUPTED, "stored": stored, "total": batch.imported or 0, "message": DIED}
    return {"state": batch.state, "stored": stored, "total": batch.imported or 0, "elapsed": elapsed}


def _elapsed(status: dict[str, Any], batch: ImportBatch | None) -> int:
    """Whole seconds since the import was confirmed (its status file's start, else its batch's),
    the same on every load of the job page."""
    started = status.get("started")
    if isinstance(started, (int, float)):
        return max(0, round(time.time() - started))
    if batch is not None and batch.created_at is not None:
        return max(0, round((utcnow() - batch.created_at).total_seconds()))
    return 0
