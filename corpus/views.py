"""Library pages: the document list with uploads (admins), and a document with its contents."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core import confirm
from core.auth import Role, role_required
from core.db import db, utcnow
from corpus import display, ingestion, job_runner, upload_jobs, uploads
from corpus.documents import DOC_TYPES, STATUS_LABELS, STATUSES
from corpus.forms import DocTypeForm, NewerVersionForm, RemoveForm, UploadForm
from corpus.models import Document, unit_counts
from corpus.readers import SUPPORTED_SUFFIXES, UnreadableDocument
from corpus.signals import commit_and_announce, follower_problems

bp = Blueprint("corpus", __name__, url_prefix="/library")
PAGE_SIZE = 50


@bp.get("/")
@login_required
def library():
    """Documents, newest first within each status; filter by status, type or title words."""
    status = request.args.get("status", "")
    doc_type = request.args.get("type", "")
    words = request.args.get("q", "").strip()[:100]
    page = max(request.args.get("page", 1, type=int), 1)
    query = select(Document)
    if status in STATUSES:
        query = query.where(Document.status == status)
    if doc_type in DOC_TYPES:
        query = query.where(Document.doc_type == doc_type)
    if words:
        query = query.where(Document.title.contains(words, autoescape=True))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    documents = db.session.scalars(
        query.order_by(Document.status, Document.doc_type, Document.title)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    is_admin = current_user.role == Role.ADMIN.value

    def page_url(number: int) -> str:
        return url_for("corpus.library", page=number, status=status or None, type=doc_type or None, q=words or None)

    return render_template(
        "corpus/library.html",
        documents=documents,
        total=total,
        page=page,
        page_url=page_url,
        units={i: units_text(*n) for i, n in unit_counts(db.session, [d.id for d in documents]).items()},
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        status=status,
        doc_type=doc_type,
        words=words,
        statuses=STATUS_LABELS,
        doc_types=DOC_TYPES,
        form=UploadForm() if is_admin else None,
        suffixes=SUPPORTED_SUFFIXES,
        accept=",".join(SUPPORTED_SUFFIXES),
        file_limit_mb=min(_file_limit(), current_app.config.get("MAX_CONTENT_LENGTH") or _file_limit()) // 1048576,
        notices=admin_notices() if is_admin else [],
        jobs=upload_jobs.recent(db.session) if is_admin else [],
    )


def _file_limit() -> int:
    """The most one library file may weigh, in bytes (CORPUS_MAX_FILE_BYTES)."""
    return int(current_app.config.get("CORPUS_MAX_FILE_BYTES", uploads.DEFAULT_MAX_FILE_BYTES))


def admin_notices() -> list[str]:
    """Problems other features report for admins (the search index lagging behind the library)."""
    return follower_problems(current_app)


@bp.post("/upload")
@role_required(Role.ADMIN)
def upload():
    """Store the uploaded files and queue a job that takes them in; answer with its page at once."""
    form = UploadForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(url_for("corpus.library"))
    limit = _file_limit()
    folder = Path(current_app.config["DATA_DIR"]) / "uploads"
    stored: list[upload_jobs.StoredFile] = []
    running: upload_jobs.UploadJob | None = None
    for storage in form.files.data:
        name = storage.filename or ""
        data = storage.read()
        shown = name or "（无文件名）"
        try:
            uploads.check_upload(uploads.safe_name(name), len(data), limit)
            file = upload_jobs.StoredFile.of(uploads.safe_name(name), data)
            active = upload_jobs.active_with(db.session, file.name)
            if active is not None and any(f["hash"] == file.hash for f in active.files):
                running = active
                flash(f"{shown}：同一文件正在导入（任务 #{active.id}），不会重复导入。", "info")
                continue
            if active is not None:
                flash(f"{shown}：同名文件正在导入（任务 #{active.id}），请等它完成后再上传。", "danger")
                continue
            uploads.store_upload(name, data, folder, limit)
            stored.append(file)
        except UnreadableDocument as exc:
            flash(f"{shown}：{exc.reason}", "danger")
    if not stored:
        if running is not None:
            return redirect(url_for("corpus.upload_job", job_id=running.id))
        return redirect(url_for("corpus.library"))
    job = upload_jobs.queue(db.session, current_user.id, stored, form.doc_type.data or None)
    db.session.commit()
    job_runner.runner(current_app).submit(job.id)
    return redirect(url_for("corpus.upload_job", job_id=job.id))


def _visible_job(job_id: int) -> upload_jobs.UploadJob:
    """The job, if the signed-in person may see it: their own, or any for admins (404 otherwise)."""
    job = db.get_or_404(upload_jobs.UploadJob, job_id)
    if job.user_id != current_user.id and current_user.role != Role.ADMIN.value:
        abort(404)
    return job


@bp.get("/jobs/<int:job_id>")
@role_required(Role.ADMIN)
def upload_job(job_id: int):
    """An upload's progress (the page polls `upload_job_status`), then its documents or why it failed."""
    job = _visible_job(job_id)
    return render_template(
        "corpus/job.html",
        job=job,
        documents=upload_jobs.documents_of(db.session, job),
        notices=admin_notices() if job.finished else [],
    )


@bp.get("/jobs/<int:job_id>/status")
@role_required(Role.ADMIN)
def upload_job_status(job_id: int):
    """The job's state and progress as JSON, with links to its documents."""
    job = _visible_job(job_id)
    data = upload_jobs.as_dict(db.session, job)
    for document in data["documents"]:
        document["url"] = url_for("corpus.document", document_id=document["id"])
    return jsonify(data)


@bp.get("/<int:document_id>")
@login_required
def document(document_id: int):
    """A document with its status, table of contents and an anchor per article."""
    doc = db.get_or_404(Document, document_id)
    articles = list(doc.articles)
    successor_id = doc.superseded_by_id or doc.repealed_by_id
    successor = db.session.get(Document, successor_id) if successor_id else None
    current = None
    if doc.status != "current":
        current = db.session.scalar(
            select(Document).where(Document.doc_key == doc.doc_key, Document.status == "current")
        )
    is_admin = current_user.role == Role.ADMIN.value
    return render_template(
        "corpus/document.html",
        history=ingestion.earlier_versions(db.session, doc),
        doc=doc,
        articles=articles,
        toc=display.table_of_contents(articles),
        openings=display.heading_changes(articles),
        blocks=display.blocks,
        successor=successor,
        current=current,
        type_form=DocTypeForm(doc_type=doc.doc_type) if is_admin else None,
        newer_form=NewerVersionForm(name=doc.newer_version, effective=doc.newer_version_effective)
        if is_admin
        else None,
        remove_form=RemoveForm() if is_admin else None,
    )


@bp.post("/<int:document_id>/type")
@role_required(Role.ADMIN)
def set_type(document_id: int):
    """Override the inferred document type."""
    doc = db.get_or_404(Document, document_id)
    form = DocTypeForm()
    if not form.validate_on_submit():
        abort(400)
    ingestion.set_doc_type(doc, form.doc_type.data)
    commit_and_announce(db.session, current_app._get_current_object(), {doc.id})
    flash(f"文档类型已改为“{doc.doc_type}”。", "success")
    return redirect(url_for("corpus.document", document_id=doc.id))


@bp.post("/<int:document_id>/newer")
@role_required(Role.ADMIN)
def mark_newer(document_id: int):
    """Record or clear a newer version in force that the library does not hold."""
    doc = db.get_or_404(Document, document_id)
    form = NewerVersionForm()
    if not form.validate_on_submit():
        flash("；".join(e for errors in form.errors.values() for e in errors) or "请检查输入。", "error")
        return redirect(url_for("corpus.document", document_id=doc.id))
    if doc.newer_version and not (form.name.data or "").strip() and not confirm.confirmed():
        when = f"（{doc.newer_version_effective} 起施行）" if doc.newer_version_effective else ""
        return confirm.ask_first("清除新版本记录", [
            f"将清除《{doc.title}》已登记的新版本：{doc.newer_version}{when}。",
            "清除后本文档不再提示有新版本，文档状态按库内版本重新判断；以后需要时可再次登记。",
        ], "确认清除", back=url_for("corpus.document", document_id=doc.id))
    try:
        changed = ingestion.mark_newer_version(db.session, doc, form.name.data, form.effective.data)
    except ingestion.NewerVersionError as error:
        flash(str(error), "error")
        return redirect(url_for("corpus.document", document_id=doc.id))
    commit_and_announce(db.session, current_app._get_current_object(), changed)
    flash(f"已记录新版本：{doc.newer_version}。" if doc.newer_version else "已清除新版本记录。", "success")
    return redirect(url_for("corpus.document", document_id=doc.id))


@bp.post("/<int:document_id>/remove")
@role_required(Role.ADMIN)
def remove(document_id: int):
    """Remove a document from the library and the search index."""
    doc = db.get_or_404(Document, document_id)
    if not RemoveForm().validate_on_submit():
        abort(400)
    if not confirm.confirmed():
        return confirm.ask_first("删除文档", removal_consequences(doc), "确认删除",
                                 back=url_for("corpus.document", document_id=doc.id))
    title = doc.title
    changed = ingestion.remove_document(db.session, doc)
    commit_and_announce(db.session, current_app._get_current_object(), changed)
    flash(f"已删除《{title}》。", "success")
    return redirect(url_for("corpus.library"))


def units_text(articles: int, sections: int) -> str:
    """A document's size in words: 「7 条」, 「12 节」, 「30 条、2 节」; "" when it has neither."""
    return "、".join(part for part in (f"{articles} 条" if articles else "", f"{sections} 节" if sections else "")
                    if part)


def removal_consequences(doc: Document) -> list[str]:
    """What removing a document loses, for the confirmation step."""
    units = units_text(*unit_counts(db.session, [doc.id]).get(doc.id, (0, 0))) or "全部内容"
    lines = [f"《{doc.title}》及其 {units}将从法规文库和检索中删除，无法恢复（可重新上传原文件）。"]
    counter = current_app.extensions.get("questions_citing_document")
    citing = counter(doc.id) if counter else 0
    # What sending those questions to review does to papers still open (a per-sitting paper's rule may be left
    # too short to start): the bank says it without the corpus importing quiz.
    check = current_app.extensions.get("document_removal_consequences")
    open_papers = check(doc.id, current_user, utcnow()) if check and citing else []
    if citing:
        kept = "已交的答卷不变；用到这些题的进行中试卷如下" if open_papers else "已出的试卷和已交的答卷不变"
        lines.append(f"题库中有 {citing} 道题引用本文档的条文：删除后这些题不再链接到条文，标为“待复核”，"
                     f"培训员在题库中核对前不再用于新的考试和练习（题目保留，{kept}）。")
    return lines + open_papers
