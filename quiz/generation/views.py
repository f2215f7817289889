"""Trainer pages of the review queue: generate drafts from chosen material, see each beside its
source, approve or reject (with a reason), statistics.

Views load, check, act and commit; the rules live in `quiz.generation.review` (the queue), `dedupe` (重复 marks)
and `practice_drafts` (允许用于练习).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from core import audit
from core.auth import TRAINER_ROLES, role_required
from core.db import db
from core.fields import MultiCheckboxField, unposted
from core.forms import Form
from corpus import hazards as hz
from quiz.bank import usable
from quiz.bank.browse import stale_count
from quiz.bank.flags import open_flag_count
from quiz.bank.models import Question
from quiz.bank.types import KINDS
from quiz.bank.views import ask_before_withdrawing, back_to
from quiz.bank.withheld import keys_withheld
from quiz.generation import dedupe, ondemand, practice_drafts, review
from quiz.generation.checks import passed_checks
from quiz.generation.excerpt import excerpts
from quiz.generation.models import REJECTION_REASONS, GenerationRecord
from quiz.generation.relevance import AUDIENCES, FRONTLINE

bp = Blueprint("review", __name__, url_prefix="/bank/review")
trainers = role_required(*TRAINER_ROLES)
PAGE_SIZE = 50
ACTIONS = {"approve": "审核通过", "reject": "退回（停用）", "practice": "允许用于练习", "no_practice": "不再用于练习"}


class ReviewForm(Form):
    """An action on one question or on the ticked ones; rejecting needs a reason."""

    ids = SelectMultipleField("题目", coerce=int, validate_choice=False)
    action = SelectField("操作", choices=list(ACTIONS.items()))
    reason = SelectField("退回原因", choices=[("", "请选择")] + list(REJECTION_REASONS.items()), validate_choice=False)
    note = StringField("说明", validators=[Optional(), Length(max=500)])


class GenerateForm(Form):
    """Generate drafts: theory from documents (and a chapter), hazard for jobs or sites."""

    kind = SelectField("题目类型", choices=[("theory", "法规理论题"), ("hazard", "危险源辨识题")])
    count = IntegerField("题数", default=10, validators=[InputRequired(), NumberRange(min=1, max=ondemand.MAX_COUNT)])
    documents = MultiCheckboxField("文件", validate_choice=False)
    chapter = StringField("章节", validators=[Optional(), Length(max=300)])  # a value of `ondemand.theory_chapters`
    audience = SelectField("出题对象", choices=list(AUDIENCES.items()), default=FRONTLINE)
    jobs = MultiCheckboxField("岗位", validate_choice=False)
    sites = MultiCheckboxField("地点", validate_choice=False)

    def validate(self, extra_validators=None) -> bool:
        """Only the chosen kind's fields count: theory ignores the jobs and sites, hazard the documents,
        chapter and audience."""
        if self.kind.data == "theory":
            unposted(self.jobs, self.sites)
        else:
            unposted(self.documents, self.chapter, self.audience)
        return super().validate(extra_validators)


def _generate_form() -> GenerateForm:
    form = GenerateForm()
    form.documents.choices = [(t, t) for t in ondemand.theory_documents()]
    form.jobs.choices = [(j, j) for j in ondemand.hazard_jobs()]
    form.sites.choices = [(s, s) for s in ondemand.hazard_sites()]
    return form


def _shown_ids() -> list[int]:
    """The question ids of `?ids=1,2,3` (the drafts just generated), at most one page."""
    raw = request.args.get("ids", "")
    return [int(x) for x in raw.split(",") if x.strip().isdigit()][:PAGE_SIZE]


@bp.get("/")
@trainers
def index() -> str:
    """Generated drafts waiting for review (of one generator, or the ones just generated), each
    beside the paragraph it was made from, its relevance and the checks it passed; the form to
    generate more."""
    generator = request.args.get("generator") or None
    shown = _shown_ids()
    # The page shows each row's content: its version comes with the rows, not one query per row.
    with_content = selectinload(Question.current_version)
    if shown:
        questions = list(
            db.session.scalars(
                select(Question).where(Question.id.in_(shown), Question.origin == "generated")
                .order_by(Question.id).options(with_content)
            )
        )
    else:
        questions = list(db.session.scalars(review.queue(generator).limit(PAGE_SIZE).options(with_content)))
    records = {
        r.question_id: r
        for r in db.session.scalars(
            select(GenerationRecord).where(GenerationRecord.question_id.in_([q.id for q in questions]))
        )
    }
    total = db.session.scalar(select(db.func.count()).select_from(review.queue(generator).subquery()))
    sources = ondemand.sources(questions, records)
    return render_template(
        "quiz/review/index.html",
        questions=questions,
        withheld=keys_withheld(q.id for q in questions),  # a 班组长 sitting an open exam holding them
        records=records,
        sources=sources,
        excerpts=excerpts(questions, sources, records, _catalogue_if_cited(questions)),
        catalogue_title=hz.CATALOGUE_TITLE,
        repeats=dedupe.repeats(questions, records),
        relevance={q.id: review.relevance_of(records.get(q.id)) for q in questions},
        checks={
            q.id: passed_checks(q.generator or "", records[q.id].inputs if q.id in records else None) for q in questions
        },
        total=total,
        generator=generator,
        shown=shown,
        stats=review.generator_stats(),
        form=ReviewForm(),
        generate_form=_generate_form(),
        chapters=ondemand.theory_chapters(),
        kinds=KINDS,
        flag_count=open_flag_count(),
        stale_count=stale_count(),
    )


def _catalogue_if_cited(questions):
    """The hazard catalogue when a question cites one of its entries (it is read once, only then)."""
    return ondemand.hazard_data().catalogue if any(hz.cites_catalogue(q.citation) for q in questions) else None


@bp.post("/generate")
@trainers
def generate() -> Response:
    """Generate verified drafts from the chosen material and show them beside their sources."""
    form = _generate_form()
    if not form.validate_on_submit():
        problems = "；".join(f"{form[name].label.text}：{errors[0]}" for name, errors in form.errors.items())
        flash(f"无法生成：{problems}", "error")
        return redirect(url_for("review.index"))
    choice = ondemand.Choice(
        kind=form.kind.data,
        count=form.count.data,
        seed=secrets.token_hex(4),
        documents=tuple(d for d in form.documents.data or () if d in dict(form.documents.choices)),
        chapter=form.chapter.data or "",
        audience=form.audience.data or FRONTLINE,
        jobs=tuple(j for j in form.jobs.data or () if j in dict(form.jobs.choices)),
        sites=tuple(s for s in form.sites.data or () if s in dict(form.sites.choices)),
    )
    try:
        generated = ondemand.generate(choice)
    except ondemand.GenerationRefused as exc:
        flash(str(exc), "error")
        return redirect(url_for("review.index"))
    result = review.save_questions(generated.questions, created_by_id=current_user.id)
    if result.saved:
        audit.record("question.generate", "question", result.saved[0].id if len(result.saved) == 1 else None,
                     f"生成 {len(result.saved)} 道草稿题：{audit.id_list(q.id for q in result.saved)}")
    db.session.commit()
    present = generated.present + result.duplicates
    skipped = f"，题库中已有（同一出处同一题型，或题干和答案相同）而跳过{present}道" if present else ""
    short = (f"所选材料只能再出{len(result.saved)}道新题（要求{choice.count}道）。"
             if 0 < len(result.saved) < choice.count else "")
    if result.exam_ready:
        flash(f"题库中{result.exam_ready}道仅供练习的题已按审核后的条目重新生成，内容不变，现可用于考试。", "success")
    if not result.saved:
        flash(f"没有生成新的题目{skipped}。可以换一批文件、章节、岗位或地点再试。", "warning")
        return redirect(url_for("review.index"))
    flash(f"已生成{len(result.saved)}道草稿题{skipped}。{short}请对照右侧的原文逐题审核。", "success")
    return redirect(url_for("review.index", ids=",".join(str(q.id) for q in result.saved)))


@bp.post("/act")
@trainers
def act() -> str | Response:
    """Apply the chosen action to the ticked questions (or the one question posted)."""
    form = ReviewForm()
    back = redirect(back_to(url_for("review.index")))
    one = request.form.get("approve_one", "")
    if one.isdigit():  # the 通过 button of one row
        form.ids.data, form.action.data = [int(one)], "approve"
    if not form.validate_on_submit() or not form.ids.data:
        flash("请先勾选题目。", "warning")
        return back
    questions = list(
        db.session.scalars(select(Question).where(Question.id.in_(form.ids.data), Question.origin == "generated"))
    )
    action = form.action.data
    if action == "reject" and review.rejection_problem(form.reason.data or "", form.note.data or "") is None and (
            asked := ask_before_withdrawing(questions, "retired", back_to(url_for("review.index")))):
        return asked
    note = ""
    try:
        if action == "approve":
            only = sum(1 for q in questions if q.status == "draft" and q.practice_only)
            count = review.approve(questions, user_id=current_user.id)
            note = usable.approved_note(only)
        elif action == "reject":
            count = review.reject(questions, form.reason.data or "", form.note.data or "", user_id=current_user.id)
        else:
            count = practice_drafts.allow_practice(questions, action == "practice")
    except review.ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return back
    db.session.commit()
    flash(f"{ACTIONS[action]}：{count}道题。{note}", "success")
    return back


@bp.get("/stats")
@trainers
def stats() -> str:
    """Per-generator outcomes, the most rejected first, with the reasons counted."""
    return render_template("quiz/review/stats.html", stats=review.generator_stats(), reasons=REJECTION_REASONS)
