"""Pages for hand-picking questions (手动选题): the bank list's 加入试卷 (choose a draft paper of one's
own or a new one), and removing a picked question or setting a type's points on the paper's edit
page. Trainers only, each change only on a paper they may change (picks.change_problem)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from core import audit
from core.db import db
from quiz.bank.forms import ConfirmForm
from quiz.bank.types import KINDS
from quiz.taking import access, picks
from quiz.taking.forms import PickedPointsForm, PickForm
from quiz.taking.models import Paper
from quiz.taking.papers import PaperError
from quiz.taking.scoring import points_text
from quiz.taking.views import bp, trainers

NEW = "new"


def _changeable(paper_id: int) -> Paper:
    """The paper if the trainer may change its picks: 404 when the trainer does not see it
    (quiz.taking.access), 403 with the reason when it is seen but not theirs to change."""
    paper = access.seen_paper(current_user, paper_id) or abort(404)
    if (problem := picks.change_problem(paper, current_user)) is not None:
        abort(403, problem)
    return paper


def _pick_form() -> PickForm:
    form = PickForm()
    form.paper.choices = [(str(p.id), p.title) for p in picks.drafts_of(current_user)] + [(NEW, "新建试卷")]
    return form


@bp.post("/papers/pick")
@trainers
def pick_choose() -> str | Response:
    """加入试卷, step one: the ticked questions (posted from the bank list) and a choice of paper."""
    form = _pick_form()
    if not form.validate_on_submit():
        abort(400)
    if not form.ids.data:
        flash("请先勾选题目。", "warning")
        return redirect(request.referrer or url_for("quiz.index"))
    form.paper.data = form.paper.choices[0][0]
    return render_template("taking/pick.html", form=form, check=picks.check(form.ids.data),
                           back=request.referrer or url_for("quiz.index"))


@bp.post("/papers/pick/add")
@trainers
def pick_add() -> Response:
    """加入试卷, step two: the questions join the chosen draft paper (or a new one) of the trainer's."""
    form = _pick_form()
    if not form.validate_on_submit():
        abort(400)
    if not form.ids.data:
        flash("请先勾选题目。", "warning")
        return redirect(url_for("quiz.index"))
    if not (check := picks.check(form.ids.data)).usable:  # nothing to add: no paper is made, nothing changes
        flash(f"没有加入任何题目：{check.message}", "warning")
        return redirect(url_for("quiz.index"))
    if form.paper.data == NEW:
        paper = picks.new_paper(current_user, form.title.data or "")
        audit.record("paper.save", "paper", paper.id, f"新建 {paper.title}（加入试卷）")  # as the paper form logs it
    elif form.paper.data and form.paper.data.isdigit():
        paper = _changeable(int(form.paper.data))
    else:
        abort(400)
    pass_score = paper.pass_score
    try:
        added = picks.add(paper, form.ids.data)
    except PaperError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
        return redirect(url_for("quiz.index"))
    if added.added:
        db.session.flush()
        audit.record("paper.pick", "paper", paper.id, f"《{paper.title}》：加入 {added.added} 道指定题目"
                     f"（{audit.id_list(form.ids.data)}）")
    db.session.commit()
    followed = ""
    if paper.pass_score is not None and paper.pass_score != pass_score:  # a practice may have no pass line
        followed = f"及格分随总分改为{points_text(paper.pass_score)}分。"
    flash(f"《{paper.title}》：{added.message}{followed}", "success" if added.added else "warning")
    return redirect(url_for("taking.paper_edit", paper_id=paper.id, _anchor="picked"))


@bp.post("/papers/<int:paper_id>/picked/<int:question_id>/remove")
@trainers
def picked_remove(paper_id: int, question_id: int) -> Response:
    paper = _changeable(paper_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if picks.remove(paper, question_id):
        audit.record("paper.pick", "paper", paper.id, f"《{paper.title}》：移除指定题目 #{question_id}")
        db.session.commit()
        flash(f"已移除第{question_id}题。", "success")
    return redirect(url_for("taking.paper_edit", paper_id=paper.id, _anchor="picked"))


@bp.post("/papers/<int:paper_id>/picked/points")
@trainers
def picked_points(paper_id: int) -> Response:
    paper = _changeable(paper_id)
    form = PickedPointsForm()
    if not form.validate_on_submit() or form.type.data not in KINDS:
        flash("分值应为0.01到100之间的数。", "danger")
        return redirect(url_for("taking.paper_edit", paper_id=paper.id, _anchor="picked"))
    picks.set_points(paper, form.type.data, form.points.data)
    audit.record("paper.pick", "paper", paper.id,
                 f"《{paper.title}》：指定的{KINDS[form.type.data].label}每题{points_text(form.points.data)}分")
    db.session.commit()
    flash(f"指定的{KINDS[form.type.data].label}每题{points_text(form.points.data)}分。", "success")
    return redirect(url_for("taking.paper_edit", paper_id=paper.id, _anchor="picked"))
