"""Trainer pages of the review queue: generated drafts, approve or reject (with a reason), statistics.

Views load, check, act and commit; the rules live in `quiz.generation.review`.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import Length, Optional

from core.auth import TRAINER_ROLES, role_required
from core.db import db
from quiz.bank.flags import open_flag_count
from quiz.bank.models import Question
from quiz.bank.types import KINDS
from quiz.generation import review
from quiz.generation.models import REJECTION_REASONS, GenerationRecord

bp = Blueprint("review", __name__, url_prefix="/bank/review")
trainers = role_required(*TRAINER_ROLES)
PAGE_SIZE = 50
ACTIONS = {"approve": "审核通过", "reject": "退回（停用）", "practice": "允许用于练习", "no_practice": "不再用于练习"}


class ReviewForm(FlaskForm):
    """An action on one question or on the ticked ones; rejecting needs a reason."""

    ids = SelectMultipleField("题目", coerce=int, validate_choice=False)
    action = SelectField("操作", choices=list(ACTIONS.items()))
    reason = SelectField("退回原因", choices=[("", "请选择")] + list(REJECTION_REASONS.items()), validate_choice=False)
    note = StringField("说明", validators=[Optional(), Length(max=500)])


@bp.get("/")
@trainers
def index() -> str:
    """Generated drafts waiting for review, optionally of one generator."""
    generator = request.args.get("generator") or None
    questions = list(db.session.scalars(review.queue(generator).limit(PAGE_SIZE)))
    records = {
        r.question_id: r
        for r in db.session.scalars(
            select(GenerationRecord).where(GenerationRecord.question_id.in_([q.id for q in questions]))
        )
    }
    total = db.session.scalar(select(db.func.count()).select_from(review.queue(generator).subquery()))
    return render_template(
        "quiz/review/index.html",
        questions=questions,
        records=records,
        total=total,
        generator=generator,
        stats=review.generator_stats(),
        form=ReviewForm(),
        kinds=KINDS,
        flag_count=open_flag_count(),
    )


@bp.post("/act")
@trainers
def act() -> Response:
    """Apply the chosen action to the ticked questions (or the one question posted)."""
    form = ReviewForm()
    back = redirect(request.referrer or url_for("review.index"))
    if not form.validate_on_submit() or not form.ids.data:
        flash("请先勾选题目。", "warning")
        return back
    questions = list(
        db.session.scalars(select(Question).where(Question.id.in_(form.ids.data), Question.origin == "generated"))
    )
    action = form.action.data
    try:
        if action == "approve":
            count = review.approve(questions, user_id=current_user.id)
        elif action == "reject":
            count = review.reject(questions, form.reason.data or "", form.note.data or "", user_id=current_user.id)
        else:
            count = review.allow_practice(questions, action == "practice")
    except review.ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return back
    db.session.commit()
    flash(f"{ACTIONS[action]}：{count}道题。", "success")
    return back


@bp.get("/stats")
@trainers
def stats() -> str:
    """Per-generator outcomes, the most rejected first, with the reasons counted."""
    return render_template("quiz/review/stats.html", stats=review.generator_stats(), reasons=REJECTION_REASONS)
