"""Trainer pages of the question bank: browse, import (upload → preview → confirm), edit, review.

Views load, check, act and commit; parsing, validation and storage live in the services.
An upload is kept in DATA_DIR/uploads under a random token until its import is done, so
the preview and the import read the same bytes and an interrupted import can be confirmed again.
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from core import audit, children, confirm
from core.auth import TRAINER_ROLES, Role, role_required
from core.db import db, utcnow
from core.uploads import KEEP_SECONDS, forget_old_uploads
from quiz.bank import approval, background, browse, categories, citations, flags, imports, service, usable, withdrawal
from quiz.bank.exporter import bank_drafts, write_xlsx
from quiz.bank.forms import (
    BulkForm,
    CategoryForm,
    CitationForm,
    ConfirmForm,
    ImportConfirmForm,
    QuestionForm,
    RenameForm,
    UploadForm,
)
from quiz.bank.importer import parse_files
from quiz.bank.models import FLAG_OUTCOMES, ORIGIN_LABELS, Category, ImportBatch, Question
from quiz.bank.types import KINDS, STATUS_LABELS
from quiz.bank.withheld import keys_withheld

bp = Blueprint("quiz", __name__, url_prefix="/bank")
trainers = role_required(*TRAINER_ROLES)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _category_choices() -> list[tuple[str, str]]:
    return [("", "未分类")] + [(str(c.id), "　" * depth + c.name) for c, depth in browse.category_tree()]


def _int_arg(name: str, values: Mapping[str, str] | None = None) -> int | None:
    value = (request.args if values is None else values).get(name, "")
    return int(value) if value.isdigit() else None


# The query arguments of the bank list's filter (the whole-filter approval carries them along).
FILTER_ARGS = ("q", "type", "category", "status", "doc", "origin", "stale", "batch", "job", "flagged")


def _bank_filter(values: Mapping[str, str]) -> browse.BankFilter:
    """The filter of the bank list from its query arguments (or the same names in a form)."""
    return browse.BankFilter(
        q=values.get("q", "").strip()[:100],
        type=values.get("type", "") if values.get("type") in KINDS else "",
        category_id=_int_arg("category", values),
        status=values.get("status", "") if values.get("status") in STATUS_LABELS else "",
        document_id=_int_arg("doc", values),
        origin=values.get("origin", "") if values.get("origin") in ORIGIN_LABELS else "",
        stale=values.get("stale") == "1",
        batch_id=_int_arg("batch", values),
        job=values.get("job", "").strip()[:50],
        flagged=values.get("flagged") == "1",
    )


def _filter_args(values: Mapping[str, str]) -> dict[str, str]:
    return {k: values[k] for k in FILTER_ARGS if values.get(k)}


@bp.get("/")
@trainers
def index() -> str:
    """The bank list with filters, search and bulk actions."""
    f = _bank_filter(request.args)
    questions, total, pages, page = browse.page_of(f, _int_arg("page") or 1)
    bulk = BulkForm()
    bulk.category.choices = _category_choices()
    args = {k: v for k, v in request.args.items() if k != "page"}
    batch = db.session.get(ImportBatch, f.batch_id) if f.batch_id else None
    return render_template(
        "quiz/index.html",
        questions=questions,
        withheld=keys_withheld(q.id for q in questions),
        total=total,
        pages=pages,
        page=page,
        f=f,
        bulk=bulk,
        categories=browse.category_tree(),
        documents=browse.cited_documents(),
        jobs=browse.job_names(),
        kind_choices=browse.kind_choices(browse.type_counts()),
        statuses=STATUS_LABELS,
        origins=ORIGIN_LABELS,
        page_url=lambda n: url_for("quiz.index", page=n, **args),
        confirm=ConfirmForm(),
        pending=citations.pending_suggestions() if "citation_suggester" in current_app.extensions else 0,
        batch_summary=background.summary(batch) if batch is not None and batch.state == "done" else "",
        drafts=approval.count_drafts(f)[0] if total else 0,
        filter_args=_filter_args(request.args),
        stale_count=browse.stale_count(),
        practice_only_exams=_exams_holding_practice_only(),
    )


def _exams_holding_practice_only() -> list[tuple[int, str, list[int]]]:
    """The published exams the user sees that still hold practice-only questions, as quiz.taking lists them
    (app.extensions; the bank does not import it): (paper id, title, question ids)."""
    held = current_app.extensions.get("exams_holding_practice_only")
    return held(current_user) if held is not None else []


@bp.route("/approve-filtered", methods=["GET", "POST"])
@trainers
def approve_filtered() -> str | Response:
    """按当前筛选全部通过: the page says how many drafts the filter finds and asks to confirm; the
    confirmation approves them (those it counted, not drafts added since) in short transactions."""
    form = ConfirmForm()
    if form.validate_on_submit():
        f, args = _bank_filter(request.form), _filter_args(request.form)
        count, practice_only = approval.approve_filtered(f, upto=_int_arg("upto", request.form), user_id=current_user.id)
        flash(f"已将{count}道草稿题设为已审核。{usable.approved_note(practice_only)}", "success")
        return redirect(url_for("quiz.index", **args))
    f, args = _bank_filter(request.args), _filter_args(request.args)
    count, upto = approval.count_drafts(f)
    return render_template("quiz/approve_filtered.html", form=form, count=count, upto=upto, args=args,
                           back=url_for("quiz.index", **args))


@bp.post("/bulk")
@trainers
def bulk_action() -> Response:
    """Approve, retire, send back or move the ticked questions."""
    form = BulkForm()
    form.category.choices = _category_choices()
    if not form.validate_on_submit() or not form.ids.data:
        flash("请先勾选题目。", "warning")
        return redirect(back_to(url_for("quiz.index")))
    questions = list(db.session.scalars(select(Question).where(Question.id.in_(form.ids.data))))
    note = ""
    if form.action.data == "move":
        category = db.session.get(Category, int(form.category.data)) if form.category.data else None
        count = service.set_category(questions, category)
        audit.record("question.move", "question", questions[0].id if len(questions) == 1 else None,
                     f"{audit.id_list(q.id for q in questions)} → {category.name if category else '（未分类）'}")
    else:
        status = {"approve": "approved", "retire": "retired", "draft": "draft"}[form.action.data]
        if (asked := ask_before_withdrawing(questions, status, back_to(url_for("quiz.index")))) is not None:
            return asked
        if status == "approved":
            note = usable.approved_note(sum(1 for q in questions if q.status != "approved" and q.practice_only))
        count = service.set_status(questions, status, user_id=current_user.id)
    db.session.commit()
    flash(f"已处理{count}道题。{note}", "success")
    return redirect(back_to(url_for("quiz.index")))


def back_to(default: str) -> str:
    """The page an action was posted from, or `default` when that was the action itself (the confirmation
    page of core.confirm posts to the action's own URL: going back there would GET a POST-only route)."""
    referrer = request.referrer
    return referrer if referrer and urlsplit(referrer).path != request.path else default


def ask_before_withdrawing(questions: list[Question], status: str, back: str) -> str | None:
    """The confirmation page when setting `status` takes questions out of the pools of papers still open
    (quiz.bank.withdrawal.consequences), else None: go ahead. Every page that retires or sends back
    questions asks it (the list, a question's page and edit form, 生成题审核's 退回)."""
    if confirm.confirmed():
        return None
    lines = withdrawal.status_consequences(questions, status, current_user, utcnow())
    if not lines:
        return None
    ids = withdrawal.withdrawn_ids(questions, status)
    action = withdrawal.ACTIONS[status]
    title = f"{action}第{ids[0]}题" if len(ids) == 1 else f"{action}{len(ids)}道题"
    return confirm.ask_first(title, lines, f"确认{action}", back=back)


@bp.post("/citations/suggest")
@trainers
def suggest_citations() -> Response:
    """Offer citations to the next batch of questions that have none yet."""
    suggest = current_app.extensions.get("citation_suggester")
    if suggest is None or not ConfirmForm().validate_on_submit():
        abort(400)
    found = citations.suggest_pending(suggest, limit=background.WEB_SUGGEST_LIMIT)
    db.session.commit()
    flash(f"已为{found}道题找到建议出处，还有{citations.pending_suggestions()}道题待处理。", "success")
    return redirect(url_for("quiz.index"))


def _upload_dir() -> Path:
    path = Path(current_app.config["DATA_DIR"]) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stored_upload(token: str) -> tuple[Path, str]:
    """The upload of `token` and its file name; 404 when it is gone or not the signed-in person's."""
    found = background.stored_upload(_upload_dir(), token)
    if found is None or not _may_open(token):
        abort(404)
    return found


def _may_open(token: str) -> bool:
    """Whether the signed-in person may see the preview of upload `token`, confirm it and follow its
    import: the trainer who uploaded it, or an admin. Anyone else is answered 404, as for an upload
    that does not exist. Once the note of the uploader is gone (a day after the upload), the
    import's batch names who confirmed it; an upload known by neither is the admins' alone."""
    if current_user.role == Role.ADMIN:
        return True
    owner = background.upload_owner(_upload_dir(), token)
    if owner is None:
        owner = db.session.scalar(
            select(ImportBatch.created_by_id).where(ImportBatch.source_key == token).order_by(ImportBatch.id).limit(1))
    return owner is not None and owner == current_user.id


def _forget_old_uploads() -> None:
    """Delete uploads nobody confirmed within a day, and roll back imports interrupted that long ago."""
    forget_old_uploads(_upload_dir())
    imports.forget_interrupted(utcnow() - timedelta(seconds=KEEP_SECONDS))
    db.session.commit()


@bp.route("/import", methods=["GET", "POST"])
@trainers
def upload() -> str | Response:
    """Upload a bank file; it is checked by content and shown as a preview before anything is stored."""
    form = UploadForm()
    if form.validate_on_submit():
        _forget_old_uploads()
        token = secrets.token_hex(12)
        # Keep the trainer's (Chinese) file name for the preview, minus anything path-like.
        name = re.sub(r"[\x00-\x1f/\\]", "_", Path(form.file.data.filename or "bank.xlsx").name)[-100:]
        background.record_owner(_upload_dir(), token, current_user.id)
        form.file.data.save(_upload_dir() / f"bank-{token}-{name}")
        return redirect(url_for("quiz.preview", token=token))
    batches = db.session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(10)).all()
    return render_template("quiz/upload.html", form=form, batches=batches)


@bp.route("/import/<token>", methods=["GET", "POST"])
@trainers
def preview(token: str) -> str | Response:
    """Show what an upload would import; on confirm, import it in the background (a process of
    its own, committed in short batches: `quiz.bank.background`) and show its job page.

    The upload stays until the import is done: if the import stops part-way, confirming
    this page again finishes it without duplicates (`quiz.bank.imports`).
    """
    path, name = _stored_upload(token)
    form = ImportConfirmForm()
    if form.validate_on_submit():
        return _confirm(token, approve=bool(form.approve.data))
    report = parse_files([(name, path.read_bytes())], existing=service.existing_keys(except_key=token))
    unfinished = db.session.scalar(select(ImportBatch).where(ImportBatch.source_key == token))
    return render_template(
        "quiz/preview.html", report=report, form=form, token=token, name=name, kinds=KINDS, unfinished=unfinished
    )


def _confirm(token: str, approve: bool = False) -> Response:
    """Start the import of a confirmed upload. BANK_IMPORT_RUNNER=process (a served app) runs it
    in a child process and answers with the job page at once; inline (tests) runs it here.
    With `approve` its questions are stored approved, not as drafts (audited with the import)."""
    folder = _upload_dir()
    mode = current_app.config.get("BANK_IMPORT_RUNNER") or ("inline" if current_app.testing else "process")
    if mode == "process":
        status = background.read_status(folder, token)
        if not background.is_active(status):  # a double click joins the running job
            db.session.commit()  # nothing of this request is held while the child starts
            background.start(Path(current_app.root_path), folder, token, current_user.id,
                             children.app_environ(current_app.config), takeover=background.ended(status),
                             approve=approve)
        return redirect(url_for("quiz.import_job", token=token))
    suggest = current_app.extensions.get("citation_suggester")
    if not background.run_job(folder, token, current_user.id, suggest, background.WEB_SUGGEST_LIMIT, approve=approve):
        flash(background.read_status(folder, token)["message"], "warning")
        return redirect(url_for("quiz.preview", token=token))
    return redirect(url_for("quiz.index", batch=background.read_status(folder, token)["batch"]))


@bp.get("/import/<token>/job")
@trainers
def import_job(token: str) -> str:
    """The page of a confirmed import: questions stored / total while it runs, then its result."""
    if not token.isalnum() or background.read_status(_upload_dir(), token) is None or not _may_open(token):
        abort(404)
    return render_template("quiz/import_job.html", token=token, job=background.progress(_upload_dir(), token))


@bp.get("/import/<token>/progress")
@trainers
def import_progress(token: str) -> Response:
    """How far the confirmed import of an upload has got (its job page polls it)."""
    if not token.isalnum() or not _may_open(token):
        abort(404)
    job = background.progress(_upload_dir(), token)
    if job["state"] == background.DONE:
        job["url"] = url_for("quiz.index", batch=job["batch"])
    elif job["state"] in (background.FAILED, background.INTERRUPTED) and _has_upload(token):
        job["url"] = url_for("quiz.preview", token=token)
    return jsonify(job)


def _has_upload(token: str) -> bool:
    return background.stored_upload(_upload_dir(), token) is not None


@bp.get("/template.xlsx")
@trainers
def template() -> Response:
    """The empty import template with its instructions sheet."""
    return _xlsx(write_xlsx([]), "题库导入模板.xlsx")


@bp.get("/export.xlsx")
@trainers
def export() -> Response:
    """The questions the bank list shows under the same filter (its query arguments; none: the whole
    bank) in the import template's layout, but for the questions whose keys the signed-in 班组长 may
    not read yet (an open exam he sits holds them)."""
    f = _bank_filter(request.args)
    selection = not browse.is_empty(f)
    listed = list(bank_drafts(among=browse.filtered_ids(f) if selection else None))
    withheld = keys_withheld(question_id for question_id, _draft in listed)
    drafts = [draft for question_id, draft in listed if question_id not in withheld]
    filename = "题库导出_筛选结果.xlsx" if selection else "题库导出.xlsx"
    shown = "，".join(f"{k}={v}" for k, v in _filter_args(request.args).items())
    audit.record_export("question_bank", "", f"{filename}：{len(drafts)} 道题" + (f"（筛选：{shown}）" if shown else ""))
    response = _xlsx(write_xlsx(drafts), filename)
    token = request.args.get("token", "")
    if token.isalnum() and len(token) <= 32:  # tells the bank page's status line the file has arrived
        response.set_cookie(
            "bank_export_done",
            token,
            max_age=60,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return response


def _xlsx(data: bytes, filename: str) -> Response:
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=filename)


@bp.get("/<int:question_id>")
@trainers
def detail(question_id: int) -> str:
    """One question: current content, versions, citation with candidate articles, review actions."""
    question = db.get_or_404(Question, question_id)
    suggest = current_app.extensions.get("citation_suggester")
    candidates = citations.candidates(question, suggest)
    return render_template(
        "quiz/detail.html",
        question=question,
        form=ConfirmForm(),
        citation_form=CitationForm(),
        kinds=KINDS,
        candidates=candidates,
        suggestion_reason=citations.suggestion_reason(question),
        reports=[(report, flags.seen_by_worker(report)) for report in flags.open_flags(question.id)],
        withheld=bool(keys_withheld([question.id])),
    )


@bp.post("/<int:question_id>/flags/resolve")
@trainers
def resolve_flags(question_id: int) -> Response:
    """Mark workers' error reports on a question as dealt with (after editing or checking it: outcome
    fixed), or rejected (the question was right); the reporters read the outcome on their home page."""
    question = db.get_or_404(Question, question_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    outcome = request.form.get("outcome") or "fixed"
    try:
        count = flags.resolve_flags(question, current_user.id, outcome)
    except flags.FlagError:
        abort(400)
    label = FLAG_OUTCOMES[outcome]
    audit.record("question.flags", "question", question.id, f"{count} 条纠错{label}：{_stem(question)}")
    db.session.commit()
    flash(f"已处理{count}条纠错（{label}），报告的职工会在首页看到。", "success")
    return redirect(url_for("quiz.detail", question_id=question.id))


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:question_id>/edit", methods=["GET", "POST"])
@trainers
def edit(question_id: int | None = None) -> str | Response:
    """Write a new question or edit one (content changes keep the old version for past attempts)."""
    question = db.get_or_404(Question, question_id) if question_id else None
    if question is not None and keys_withheld([question.id]):  # its form holds the key
        flash("您也是本次考试的考生，交卷后才能查看答案，也不能编辑这道题。", "warning")
        return redirect(url_for("quiz.detail", question_id=question.id))
    form = QuestionForm()
    form.category.choices = _category_choices()
    if request.method == "GET" and question is not None:
        form.fill(question.to_draft(), question.category_id)
    if form.validate_on_submit():
        category = db.session.get(Category, int(form.category.data)) if form.category.data else None
        draft = form.to_draft(category.path if category else ())
        if draft is not None and question is not None and (asked := ask_before_withdrawing(
                [question], draft.status, url_for("quiz.edit", question_id=question.id))) is not None:
            return asked
        if draft is not None:
            try:
                if question is None:
                    question = service.add_question(draft, created_by_id=current_user.id)
                else:
                    service.edit_question(question, draft, edited_by_id=current_user.id)
            except service.QuestionError as exc:
                form.stem.errors = [*form.stem.errors, str(exc)]
            else:
                db.session.commit()
                flash("已保存。", "success")
                return redirect(url_for("quiz.detail", question_id=question.id))
    return render_template("quiz/edit.html", form=form, question=question)


@bp.post("/<int:question_id>/status/<status>")
@trainers
def set_status(question_id: int, status: str) -> Response:
    """Approve, retire or send back one question."""
    question = db.get_or_404(Question, question_id)
    if status not in STATUS_LABELS or not ConfirmForm().validate_on_submit():
        abort(400)
    if (asked := ask_before_withdrawing([question], status, url_for("quiz.detail", question_id=question_id))) is not None:
        return asked
    note = usable.approved_note(int(question.practice_only)) if status == "approved" != question.status else ""
    service.set_status([question], status, user_id=current_user.id)
    db.session.commit()
    flash(f"已设为“{STATUS_LABELS[status]}”。{note}", "success")
    return redirect(url_for("quiz.detail", question_id=question_id))


def _stem(question: Question) -> str:
    return question.current_version.stem[:60] if question.current_version is not None else ""


def _citation(question: Question) -> str:
    """《煤矿安全规程》第十条, or '' when the question cites nothing."""
    return str(question.citation or "")


@bp.post("/<int:question_id>/citation")
@trainers
def set_citation(question_id: int) -> Response:
    """Accept the suggested article, choose another by id, or clear the citation."""
    question = db.get_or_404(Question, question_id)
    before = _citation(question)
    form = CitationForm()
    if not form.validate_on_submit():
        abort(400)
    choice = form.choice.data
    if choice == "accept" and question.article is not None:
        citations.cite_article(question, question.article, confidence=question.citation_confidence)
    elif choice == "clear":
        citations.cite_article(question, None)
    else:
        wanted = form.article_id.data if choice == "pick" else (form.source.data or "").strip()
        article = citations.resolve_source(wanted)
        if article is None:
            flash("没有找到这个出处：请写成《文件名》第N条，且该文件已收入法规文库。", "warning")
            return redirect(url_for("quiz.detail", question_id=question_id))
        citations.cite_article(question, article)
    question.stale, question.stale_reason = False, ""
    audit.record("question.citation", "question", question.id, audit.changes(("出处", before, _citation(question)))
                 or f"出处确认：{before or '（无）'}")
    db.session.commit()
    flash("出处已更新。", "success")
    return redirect(url_for("quiz.detail", question_id=question_id))


@bp.route("/categories", methods=["GET", "POST"])
@trainers
def category_list() -> str | Response:
    """The category tree: add, rename, delete."""
    form = CategoryForm()
    form.parent.choices = [("", "（顶级）")] + _category_choices()[1:]
    if form.validate_on_submit():
        parent = db.session.get(Category, int(form.parent.data)) if form.parent.data else None
        try:
            added = categories.add_category(form.name.data, parent)
        except categories.CategoryError as exc:
            form.name.errors = [*form.name.errors, str(exc)]
        else:
            db.session.flush()
            audit.record("category.add", "category", added.id, " / ".join(added.path))
            db.session.commit()
            return redirect(url_for("quiz.category_list"))
    return render_template(
        "quiz/categories.html", form=form, tree=browse.category_tree(), rename=RenameForm(), confirm=ConfirmForm(),
        counts=browse.category_counts(),
    )


@bp.post("/categories/defaults")
@trainers
def category_defaults() -> Response:
    """Add the standard categories (法律法规, 一通三防 …) that are missing."""
    if ConfirmForm().validate_on_submit():
        known = set(db.session.scalars(select(Category.id)))
        categories.ensure_default_categories()
        db.session.flush()
        added = [c for c in db.session.scalars(select(Category).order_by(Category.id)) if c.id not in known]
        if added:
            audit.record("category.add", "category", added[0].id if len(added) == 1 else None,
                         "标准分类：" + "、".join(" / ".join(c.path) for c in added))
        db.session.commit()
    return redirect(url_for("quiz.category_list"))


@bp.post("/categories/<int:category_id>/rename")
@trainers
def category_rename(category_id: int) -> Response:
    """Rename a category."""
    category = db.get_or_404(Category, category_id)
    form = RenameForm()
    if form.validate_on_submit():
        try:
            before = " / ".join(category.path)
            categories.rename_category(category, form.name.data)
            audit.record("category.rename", "category", category.id, f"{before} → {' / '.join(category.path)}")
            db.session.commit()
        except categories.CategoryError as exc:
            flash(str(exc), "warning")
    return redirect(url_for("quiz.category_list"))


@bp.post("/categories/<int:category_id>/delete")
@trainers
def category_delete(category_id: int) -> Response | str:
    """Delete a category (confirmed first): a sub-category is merged into its parent, and the paper rules
    and tasks naming it follow; a top-level one named by a rule or task is refused (quiz.bank.categories)."""
    category = db.get_or_404(Category, category_id)
    if ConfirmForm().validate_on_submit():
        path = " / ".join(category.path)
        try:
            if not confirm.confirmed():
                return confirm.ask_first(f"删除分类“{path}”", categories.removal_consequences(category, current_user),
                                         "确认删除", back=url_for("quiz.category_list"))
            followed = categories.delete_category(category, current_user)
        except categories.CategoryError as exc:
            db.session.rollback()
            flash(str(exc), "warning")
            return redirect(url_for("quiz.category_list"))
        audit.record("category.remove", "category", category_id, "；".join([path, *followed]))
        db.session.commit()
    return redirect(url_for("quiz.category_list"))


@bp.post("/categories/<int:category_id>/merge")
@trainers
def category_merge(category_id: int) -> Response | str:
    """合并到…: move a category's questions and sub-categories into another, then delete it (confirmed first)."""
    source = db.get_or_404(Category, category_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    target = db.session.get(Category, _int_arg("target", request.form) or 0)
    if target is None:
        flash("请选择要合并到的分类。", "warning")
        return redirect(url_for("quiz.category_list"))
    try:
        categories.check_merge(source, target)
    except categories.CategoryError as exc:
        flash(str(exc), "warning")
        return redirect(url_for("quiz.category_list"))
    _own, total = browse.category_counts().get(source.id, (0, 0))
    moved = categories.merge_summary(source, total)
    plan = categories.merge_plan(source, target)
    if not confirm.confirmed():
        return confirm.ask_first(f"把分类“{source.label}”合并到“{target.label}”", [
            f"“{source.label}”中的{moved}将移到“{target.label}”（同名的子分类合为一个），题目本身不受影响。",
            *categories.merge_followers(plan, apply=False, viewer=current_user),
            f"然后删除分类“{source.label}”，无法撤销。"], "确认合并", back=url_for("quiz.category_list"))
    before, after = source.label, target.label
    try:
        followed = categories.merge_followers(plan, apply=True, viewer=None)  # for the log, which admins read
        categories.merge_category(source, target)
    except categories.CategoryError as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        return redirect(url_for("quiz.category_list"))
    audit.record("category.merge", "category", category_id,
                 "；".join([f"{before} → {after}：{moved}", *followed]))
    db.session.commit()
    flash(f"已把“{before}”合并到“{after}”（{moved}）。", "success")
    return redirect(url_for("quiz.category_list"))
