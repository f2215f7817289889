"""Library pages: the document list with uploads (admins), and a document with its contents."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core.auth import Role, role_required
from core.db import db
from corpus import display, ingestion, uploads
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
        counts=unit_counts(db.session, [d.id for d in documents]),
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        status=status,
        doc_type=doc_type,
        words=words,
        statuses=STATUS_LABELS,
        doc_types=DOC_TYPES,
        form=UploadForm() if is_admin else None,
        suffixes="、".join(SUPPORTED_SUFFIXES),
        notices=admin_notices() if is_admin else [],
    )


def admin_notices() -> list[str]:
    """Problems other features report for admins (the search index lagging behind the library)."""
    return follower_problems(current_app)


@bp.post("/upload")
@role_required(Role.ADMIN)
def upload():
    """Store the uploaded files, ingest them, and say what happened to each."""
    form = UploadForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(url_for("corpus.library"))
    limit = current_app.config.get("CORPUS_MAX_FILE_BYTES", uploads.DEFAULT_MAX_FILE_BYTES)
    folder = Path(current_app.config["DATA_DIR"]) / "uploads"
    stored: list[Path] = []
    for storage in form.files.data:
        name = storage.filename or ""
        try:
            stored.append(uploads.store_upload(name, storage.read(), folder, limit))
        except UnreadableDocument as exc:
            flash(f"{name or '（无文件名）'}：{exc.reason}", "danger")
    if not stored:
        return redirect(url_for("corpus.library"))
    report = ingestion.ingest_paths(stored, db.session, doc_type=form.doc_type.data or None, commit_each=True)
    commit_and_announce(db.session, current_app._get_current_object(), report.changed_ids)
    for path, reason in report.failed:
        Path(path).unlink(missing_ok=True)
        flash(f"{Path(path).name}：{reason}", "danger")
    problems = admin_notices() if report.changed_ids else []
    if report.added or report.updated or report.unchanged:
        counts = f"新增 {len(report.added)}，更新 {len(report.updated)}，未变 {len(report.unchanged)}"
        if problems:
            flash(f"文档已存入文库（{counts}），但检索还找不到它们：" + "；".join(problems), "danger")
        else:
            flash(f"导入完成：{counts}。", "success")
    for _path, doc_id in report.merged:
        flash(f"与已有文档 #{doc_id} 是同一版本的另一格式，已合并，不会重复收录。", "info")
    return redirect(url_for("corpus.library"))


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
    changed = ingestion.mark_newer_version(db.session, doc, form.name.data, form.effective.data)
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
    title = doc.title
    changed = ingestion.remove_document(db.session, doc)
    commit_and_announce(db.session, current_app._get_current_object(), changed)
    flash(f"已删除《{title}》。", "success")
    return redirect(url_for("corpus.library"))
