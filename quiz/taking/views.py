"""Pages: a worker's quizzes, the taking page, results, history and the wrong-answer book; a trainer's
papers (compose, publish, results). Views load, check, act and commit; the logic is in the services."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from decimal import Decimal

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from accounts.models import Team, User, WorkUnit
from accounts.scopes import audience_reach, can_view_user
from core import audit, clock, confirm
from core.auth import TRAINER_ROLES, Role, role_required
from core.db import db, utcnow
from core.fields import team_choices
from corpus import jobs
from corpus.hazards import SITES
from corpus.models import Article
from quiz.bank import browse
from quiz.bank.forms import ConfirmForm
from quiz.bank.text import split_list
from quiz.taking import access, attempts, book, book_page, days, held, papers, picks, practice
from quiz.taking.attempts import AttemptError
from quiz.taking.forms import BAND_LEVELS, PaperForm, PickedPointsForm, PracticeForm
from quiz.taking.models import Attempt, Paper

bp = Blueprint("taking", __name__)
trainers = role_required(*TRAINER_ROLES)


def _own(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def _seen(paper_id: int) -> Paper:
    """The paper, if the trainer sees it (quiz.taking.access); else 404, as for a missing one."""
    return access.seen_paper(current_user, paper_id) or abort(404)


def _managed(paper_id: int) -> Paper:
    """The paper, if the trainer manages it: 404 when not even seen, 403 when seen only."""
    paper = _seen(paper_id)
    if not access.manages(current_user, paper):
        abort(403)
    return paper


def _practice_form() -> PracticeForm:
    form = PracticeForm()
    categories, documents = practice.offered(current_user)
    form.category.choices = [("", "全部分类")] + [(c.id, "　" * d + c.name) for c, d in browse.category_tree()
                                                 if c.id in categories]
    form.document.choices = [("", "全部文档")] + [(i, t) for i, t in browse.cited_documents() if i in documents]
    form.job.choices = [("", "全部工种")] + [(j, j) for j in browse.job_names()]
    form.site.choices = [("", "全部场所")] + [(s, s) for s in SITES]
    own = jobs.canonical(current_user.job or "")
    if request.method == "GET" and own and own in browse.job_names():
        form.job.data = form.job_preset.data = own
    return form


def _go(start) -> Response:
    try:
        attempt = attempts.start_or_resume(start)  # a double tap of 开始 resumes the sitting the first started
        db.session.commit()
    except AttemptError as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        return redirect(url_for("taking.quizzes"))
    return redirect(url_for("taking.attempt", attempt_id=attempt.id))


@bp.get("/quizzes")
@login_required
def quizzes() -> str:
    """考试与练习: assigned papers, 每日一练, reviews due, and practice by choice."""
    now = utcnow()
    rows = [attempts.availability(p, current_user, now) for p in papers.published_for(current_user)]
    attempts.collect_released(current_user, now)
    db.session.commit()
    return render_template(
        "taking/quizzes.html", exams=[r for r in rows if r["mode"] == "exam"],
        sets=[r for r in rows if r["mode"] == "practice"], form=_practice_form(), start=ConfirmForm(),
        daily=practice.daily_attempt(current_user, now), due=book.due_count(current_user.id, now),
        book_size=book.book_size(current_user.id), notes=paper_notes([r["id"] for r in rows]),
    )


@bp.get("/practice")
@bp.get("/exam")
@login_required
def practice_alias() -> Response:
    return redirect(url_for("taking.quizzes"))


@bp.post("/practice/start")
@login_required
def start_practice() -> Response:
    form = _practice_form()
    if not form.validate_on_submit():
        abort(400)
    f = practice.PracticeFilter(category_id=form.category.data, document_id=form.document.data,
                                job=form.job.data or "", site=form.site.data or "",
                                wrong_only=form.wrong_only.data, count=form.count.data or 10)
    f, notice = practice.settle(f, current_user, form.job_preset.data or "")
    if notice:
        flash(notice, "info")

    def start() -> Attempt:
        attempt = practice.start_practice(current_user, f, utcnow())
        if short := practice.shortfall(f, len(attempt.items)):
            flash(short, "info")
        return attempt
    return _go(start)


@bp.post("/papers/<int:paper_id>/start")
@login_required
def start_paper(paper_id: int) -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    paper = access.taker_paper(current_user, paper_id) or abort(404)  # one not known: as missing
    return _go(lambda: attempts.start_paper(paper, current_user, utcnow()))


@bp.post("/daily/start")
@login_required
def start_daily() -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    def start() -> Attempt:
        attempt, notice = practice.start_daily(current_user, utcnow())
        if notice:
            flash(notice, "info")
        return attempt
    return _go(start)


@bp.post("/practice/article/<int:article_id>/start")
@login_required
def start_article(article_id: int) -> Response:
    """练习这几道题 from an article page: the approved questions citing it."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    article = db.get_or_404(Article, article_id)
    return _go(lambda: practice.start_article(current_user, article, utcnow()))


@bp.post("/review/start")
@login_required
def start_review() -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _go(lambda: practice.start_review(current_user, utcnow()))


@bp.get("/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int) -> str | Response:
    """The taking page: one question per screen, saved as answered (static/js/attempt.js)."""
    current = _own(attempt_id)
    view = attempts.attempt_view(current, utcnow())
    db.session.commit()
    if current.status != "open":
        return redirect(url_for("taking.result", attempt_id=current.id))
    view["owner"] = owner_stamp(current)
    view["grace_seconds"] = attempts.GRACE_SECONDS
    return render_template("taking/attempt.html", attempt=current, data=view)


def owner_stamp(sitting: Attempt) -> str:
    """Whose answers the page keeps on the device: the person and this very sitting (its id, and when it
    started, so a sitting id given again after a delete or a restored backup stamps differently), signed
    with the app's secret. The page drops a kept entry whose stamp is not its own: a shared PC never sends
    the previous worker's answers as the next one's. Derived, not stored: nothing to migrate."""
    message = f"{sitting.user_id}:{sitting.id}:{sitting.started_at.isoformat()}".encode()
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> str | Response:
    current, now = _own(attempt_id), utcnow()
    attempts.collect_released(current_user, now)  # his own results: what an exam over held is scored now
    view = attempts.result_view(current, now)
    db.session.commit()
    if current.status == "open":
        return redirect(url_for("taking.attempt", attempt_id=current.id))
    return render_template("taking/result.html", attempt=current, result=view, panels=result_panels(current))


@bp.get("/history")
@login_required
def history() -> str:
    now = utcnow()
    attempts.collect_released(current_user, now)
    rows = attempts.history(current_user, now)
    db.session.commit()
    return render_template("taking/history.html", attempts=rows,
                           series=attempts.score_series(rows))


@bp.get("/book")
@login_required
def wrong_book() -> str:
    now = utcnow()
    attempts.collect_released(current_user, now)
    db.session.commit()
    return render_template("taking/book.html", entries=book_page.entries(current_user.id, now),
                           due=book.due_count(current_user.id, now), start=ConfirmForm(),
                           today_end=days.day_end(now), most=practice.MAX_PRACTICE)


def home_summary() -> dict:
    """The home page's 今日学习 panel: reviews due, the book's size and its first review day (nothing due
    today is not an empty book), today's practice done, exams waiting."""
    now = utcnow()
    daily = practice.daily_attempt(current_user, now)
    waiting = 0
    for paper in papers.published_for(current_user):
        if paper.mode == "exam" and papers.window_problem(paper, now) is None:
            used = attempts.attempts_used(paper, current_user)
            if not paper.max_attempts or used < paper.max_attempts or attempts.open_attempt_of(paper, current_user):
                waiting += 1
    return {"due": book.due_count(current_user.id, now), "book": book.book_size(current_user.id),
            "next_due": book.next_due(current_user.id), "daily_done": bool(daily and daily.status != "open"),
            "exams": waiting}


# ---------------------------------------------------------------- trainers


def _paper_form(paper: Paper | None) -> PaperForm:
    form = PaperForm(obj=None)
    reach = audience_reach(current_user)
    form.teams.choices = team_choices(reach.teams, by_unit=bool(reach.units))  # under their 区队 beside it
    form.units.choices = [(u.id, u.name) for u in reach.units]
    form.mine_wide = reach.mine_wide
    if paper is None and request.method == "GET" and not reach.mine_wide:
        # A new paper starts open to the trainer's whole scope: the own 区队, or the own 班组.
        if reach.units:
            form.units.data = [u.id for u in reach.units]
        else:
            form.teams.data = [t.id for t in reach.teams]
    categories = [("", "全部分类")] + [(c.id, "　" * d + c.name) for c, d in browse.category_tree()]
    documents = [("", "全部文档")] + browse.cited_documents()
    # each kind with the questions a paper of this mode may use: a section of a kind the bank lacks shows why
    kinds = [("", "—")] + browse.kind_choices(papers.type_counts(paper.mode if paper is not None else "exam"))
    for entry in form.sections:
        entry.form.category.choices = categories
        entry.form.document.choices = documents
        entry.form.type.choices = kinds
    if paper is not None and request.method == "GET":
        _fill(form, paper)
    return form


def _fill(form: PaperForm, paper: Paper) -> None:
    for name in ("title", "description", "mode", "draw", "multi_rule", "pass_score", "time_limit_minutes",
                 "max_attempts", "shuffle_options", "shuffle_questions"):
        getattr(form, name).data = getattr(paper, name)
    form.opens_at.data, form.closes_at.data = clock.local(paper.opens_at), clock.local(paper.closes_at)
    form.teams.data = [a.team_id for a in paper.audience if a.team_id]
    form.units.data = [a.unit_id for a in paper.audience if a.unit_id]
    form.jobs.data = "、".join(a.job for a in paper.audience if a.job)
    bands = {levels: band for band, levels in BAND_LEVELS.items()}
    rules = [s for s in papers.sections_of(paper) if not s.picked]  # picked rules are listed apart
    for entry, section in zip(form.sections, rules, strict=False):
        entry.form.type.data, entry.form.count.data, entry.form.points.data = section.type, section.count, section.points
        entry.form.category.data = section.category_ids[0] if section.category_ids else None
        entry.form.document.data = section.document_ids[0] if section.document_ids else None
        entry.form.difficulty.data = bands.get(tuple(section.difficulties), "")


def _shortfalls(paper: Paper) -> list[papers.Shortfall]:
    """The rules too short of questions, where it still matters: a draft (publishing would refuse
    it) or a published paper drawn anew for every sitting (a sitting would fail)."""
    if paper.status == "draft" or (paper.status == "published" and paper.draw == "per_attempt"):
        return papers.shortfalls(paper)
    return []


def window_owner(paper: Paper | None) -> tuple[str, str] | None:
    """(label, url) of what owns the paper's time window — a contest — or None. Features built on
    quiz.taking register finders in app.extensions["paper_window_owners"]: paper id -> (label, url)."""
    if paper is None or paper.id is None:
        return None
    for find in current_app.extensions.get("paper_window_owners", ()):
        owner = find(paper.id)
        if owner is not None:
            return owner
    return None


def paper_notes(paper_ids: list[int]) -> dict[int, list[str]]:
    """Notes beside papers on 考试练习 (e.g. 「竞赛 · 12-05 09:00 至 12-05 12:00」). Features built on
    quiz.taking register finders in app.extensions["paper_notes"]: paper id -> text or None."""
    finders = current_app.extensions.get("paper_notes", ())
    return {i: [n for find in finders if (n := find(i))] for i in paper_ids}


def closing_problems(paper: Paper, closes_at: datetime | None) -> list[str]:
    """Why the paper may not close at `closes_at` (UTC) for features built on quiz.taking (e.g. an
    assignment of it due later), from the checks they register in app.extensions["paper_closing_checks"]:
    (paper, closes_at) -> message or None."""
    checks = current_app.extensions.get("paper_closing_checks", ())
    return [m for check in checks if (m := check(paper, closes_at))]


def result_panels(attempt: Attempt) -> list:
    """Panels on a sitting's result page (e.g. a contest's ranking), from the finders features register
    in app.extensions["result_panels"]: attempt -> markup or None."""
    return [p for show in current_app.extensions.get("result_panels", ()) if (p := show(attempt)) is not None]


def _minute(value):  # noqa: ANN001, ANN202 - a datetime or None, to the minute the form shows
    return value.replace(second=0, microsecond=0) if value else None


def _rule(row, count: int, points: Decimal) -> papers.Section:  # noqa: ANN001 - a SectionForm
    """The rule a row of the form describes."""
    return papers.Section(
        row.type.data, count, points,
        (row.category.data,) if row.category.data else (), (row.document.data,) if row.document.data else (),
        BAND_LEVELS.get(row.difficulty.data or "", ()),
    )


def _rows_total(form: PaperForm) -> Decimal:
    """The points the form's rule rows add up to (a blank row, or one missing a count or points, adds nothing)."""
    return sum((Decimal(e.form.points.data) * e.form.count.data for e in form.sections
                if not e.form.is_blank() and e.form.count.data and e.form.points.data), Decimal(0))


def _apply(form: PaperForm, paper: Paper, audience: bool = True) -> list[str]:
    """Copy the form onto the paper (its audience too unless told not to); returns the problems found."""
    for name in ("title", "description", "mode", "draw", "multi_rule", "time_limit_minutes",
                 "shuffle_options", "shuffle_questions"):
        setattr(paper, name, getattr(form, name).data)
    paper.pass_score = form.pass_score.data  # an exam's is required (PaperForm); a practice's may be None
    if paper.mode == "practice":  # no time limit; tries 不限 unless set
        paper.time_limit_minutes = None
        paper.max_attempts = form.max_attempts.data if form.max_attempts.data is not None else 0
    else:
        paper.max_attempts = form.max_attempts.data if form.max_attempts.data is not None else 1
    paper.opens_at, paper.closes_at = clock.to_utc(form.opens_at.data), clock.to_utc(form.closes_at.data)
    sections = []
    for number, entry in enumerate(form.sections, start=1):
        row = entry.form
        if row.is_blank():
            continue
        if not row.count.data or not row.points.data:
            return [f"第{number}条规则缺少题数或分值。"]
        sections.append(_rule(row, row.count.data, Decimal(row.points.data)).to_dict())
    # Picked rules (手动选题) are changed on their own list, not by the rule rows; they keep their place after them.
    paper.sections = sections + [s.to_dict() for s in papers.sections_of(paper) if s.picked]
    if not audience:
        return papers.problems(paper)
    # Exactly what was posted: a team, unit or job outside the trainer's scope (or nobody, the
    # whole mine, from a trainer without a mine-wide role) is refused, never silently dropped.
    papers.set_audience(paper, form.teams.data or (), form.units.data or (), split_list(form.jobs.data or ""))
    found = papers.problems(paper)
    if outside := papers.audience_problem(paper, current_user):
        found.append(outside)
    return found


@bp.get("/papers")
@trainers
def paper_list() -> str:
    return render_template("taking/papers.html", papers=access.visible_papers(current_user),
                           audience=papers.audience_label)


@bp.route("/papers/new", methods=["GET", "POST"])
@bp.route("/papers/<int:paper_id>/edit", methods=["GET", "POST"])
@trainers
def paper_edit(paper_id: int | None = None) -> str | Response:
    """Compose a paper; once someone has sat it, only its window and audience may change."""
    paper = _managed(paper_id) if paper_id else None
    form = _paper_form(paper)
    taken = paper is not None and db.session.scalar(
        select(Attempt.id).where(Attempt.paper_id == paper.id).limit(1)) is not None
    owner = window_owner(paper)
    # An audience outside the trainer's scope (a mine-wide paper, another team's) is shown, not offered.
    locked = paper is not None and owner is None and papers.audience_problem(paper, current_user) is not None
    if form.validate_on_submit():
        target = paper or Paper(created_by_id=current_user.id, status="draft")
        logged = papers.logged_fields(target) if paper is not None else None
        if taken:
            before = (papers.sections_of(target), target.mode, target.draw, target.multi_rule, target.pass_score)
        if paper is None:
            db.session.add(target)
        window = (target.opens_at, target.closes_at)
        found = _apply(form, target, audience=owner is None and not locked)
        if locked and any(name in request.form for name in ("teams", "units", "jobs")):
            found.append("这份试卷的参加范围超出您的管理范围，不能在这里修改；请找区队培训员或管理员。")
        if owner is not None:
            # The owner's window and audience: the page shows them without fields; a POST naming
            # another window or any audience is refused.
            if any(name in request.form for name in ("teams", "units", "jobs")):
                found.append(f"这份试卷的参加范围由{owner[0]}决定，不能在这里修改；请到竞赛页面修改。")
            posted = [clock.to_utc(f.data) for f in (form.opens_at, form.closes_at)]
            if any(p is not None and _minute(p) != _minute(w) for p, w in zip(posted, window, strict=True)):
                found.append(f"这份试卷的开始和结束时间由{owner[0]}决定，不能在这里修改；请到竞赛页面修改。")
            target.opens_at, target.closes_at = window
        if paper is not None and _minute(target.closes_at) != _minute(window[1]):
            found.extend(closing_problems(target, target.closes_at))
        if taken and before != (papers.sections_of(target), target.mode, target.draw, target.multi_rule,
                                 target.pass_score):
            found.append("已有人参加，题目、计分和及格分不能再改；请新建一份。")
        if not found:
            short = _shortfalls(target)
            db.session.flush()
            # The sittings in progress end by the new closing time (ended early: the keys wait for none of them).
            shortened = papers.follow_closing(target, window[1], utcnow()) if paper is not None else 0
            cut = f"{shortened} 份正在作答的答卷的交卷时间随之提前到新的结束时间。" if shortened else ""
            what = audit.changes(*((label, old, new) for (label, old), (_, new)
                                   in zip(logged, papers.logged_fields(target), strict=True))) if logged else ""
            audit.record("paper.save", "paper", target.id,
                         ("新建 " if paper is None else "修改 ") + target.title + (f"：{what}" if what else "")
                         + (f"（{cut}）" if cut else ""))
            db.session.commit()
            if cut:
                flash(cut, "warning")
            if short:  # a draft still saves; publishing would refuse it, so say so now, rule by rule
                flash("已保存，但题目不够，发布时会被拒绝：" + "".join(s.message for s in short)
                      + "请补充、审核题目或减少题数、放宽条件。", "warning")
            else:
                flash("已保存。" + ("发布后职工即可参加。" if target.status == "draft" else ""), "success")
            if owner is None and not locked:  # the audience typed here was saved (corpus.jobs.to_store)
                for note in jobs.renamed_notes(split_list(form.jobs.data or "")):
                    flash(f"{note}。", "info")
            return redirect(url_for("taking.paper_detail", paper_id=target.id))
        db.session.rollback()
        for problem in found:
            flash(problem, "danger")
    short = {s.number: s for s in _shortfalls(paper)} if paper is not None and request.method == "GET" else {}
    picked = picks.picked_view(paper, [q for s in short.values() for q in s.missing]) if paper is not None else []
    picked_total = sum((r["section"].points * r["section"].count for r in picked), Decimal(0))
    return render_template("taking/paper_form.html", form=form, paper=paper, taken=taken, owner=owner,
                           picked_total=picked_total,
                           pass_share=papers.pass_share_text(form.pass_score.data, _rows_total(form) + picked_total,
                                                             form.mode.data or "exam"),
                           no_pass_line=papers.NO_PASS_LINE, locked=locked, audience_label=papers.audience_label(paper) if paper else "",
                           shortfalls=short, picked=picked, confirm=ConfirmForm(), points_form=PickedPointsForm(),
                           pick_problem=picks.change_problem(paper, current_user) if paper is not None else None)


@bp.get("/papers/available")
@trainers
def paper_available() -> Response:
    """While a trainer edits the rules (static/js/paper_form.js): how many questions each row can
    draw from after the rows above it, by the count saving and publishing check (papers.available).
    Takes the form's fields as a query; {"rows": {"0": 12, ...}}, a row without a 题型 left out."""
    form = PaperForm(formdata=request.args, meta={"csrf": False})
    rows = [(entry.name.rsplit("-", 1)[1], entry.form) for entry in form.sections if not entry.form.is_blank()]
    rules = [_rule(row, row.count.data or 0, Decimal(1)) for _, row in rows]
    # The paper's picked questions (hidden "picked" fields) are no row's to draw: one picked rule holding them.
    picked = tuple(request.args.getlist("picked", type=int))
    reserved = [papers.Section("single", len(picked), Decimal(1), question_ids=picked)] if picked else []
    mode = form.mode.data if form.mode.data in ("exam", "practice") else "exam"
    sizes = papers.available(rules + reserved, mode)[:len(rules)]
    return jsonify({"rows": {index: size for (index, _), size in zip(rows, sizes, strict=True)}})


@bp.post("/papers/<int:paper_id>/publish")
@trainers
def paper_publish(paper_id: int) -> Response:
    paper = _managed(paper_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        papers.publish(paper, by=current_user)
        audit.record("paper.publish", "paper", paper.id, paper.title)
        db.session.commit()
        flash("已发布。", "success")
    except papers.PaperError as exc:
        db.session.rollback()
        flash(str(exc), "danger")
    return redirect(url_for("taking.paper_detail", paper_id=paper.id))


@bp.post("/papers/<int:paper_id>/archive")
@trainers
def paper_archive(paper_id: int) -> Response | str:
    paper = _managed(paper_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not confirm.confirmed():
        return confirm.ask_first(f"停用试卷《{paper.title}》", archive_consequences(paper), "确认停用",
                                 back=url_for("taking.paper_detail", paper_id=paper.id))
    now = utcnow()
    papers.archive(paper, now)
    held.release_after(paper, now)  # nobody sitting it: the exam is over, the practice answers held for it count
    audit.record("paper.archive", "paper", paper.id, paper.title)
    db.session.commit()
    flash("已停用。", "success")
    return redirect(url_for("taking.paper_list"))


def archive_consequences(paper: Paper) -> list[str]:
    """What stopping a published paper means, for the confirmation step."""
    open_now, handed_in = papers.sitting_counts(paper.id)
    lines = ["停用后参加范围内的人（包括布置了它的任务中还没开始的人）不能再开始这份试卷；停用不能撤回，"
             "试卷不能再发布（如需再考，请新建试卷）。"]
    if open_now:
        # Closing them now would lose what they have yet to answer: they go on as started.
        lines.append(f"有 {open_now} 份正在作答：作答的人仍可继续作答并交卷（到时自动交卷），照常计分。")
    lines.append(f"{handed_in} 份已交卷的答卷和成绩保留，仍可查看、打印和导出。")
    return lines


@bp.get("/papers/<int:paper_id>")
@trainers
def paper_detail(paper_id: int) -> str:
    """A paper's rules and results: who sat it, score, pass, time used, focus losses."""
    paper = _seen(paper_id)
    now = utcnow()
    rows = list(db.session.scalars(select(Attempt).where(Attempt.paper_id == paper.id).order_by(Attempt.started_at)))
    for row in rows:
        attempts.close_if_due(row, now)
    db.session.commit()
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({r.user_id for r in rows})))}
    visible = [r for r in rows if r.user_id in people and can_view_user(current_user, people[r.user_id])]
    closed = [r for r in visible if r.status != "open"]
    return render_template(
        "taking/paper.html", paper=paper, attempts=visible, people=people, confirm=ConfirmForm(),
        sections=papers.sections_of(paper), audience=papers.audience_label(paper),
        shortfalls={s.number: s for s in _shortfalls(paper)},
        passed=sum(1 for r in closed if r.passed), closed=len(closed),
        graded=sum(1 for r in closed if r.passed is not None), admin=current_user.role == Role.ADMIN,
        units=WorkUnit, teams=Team, manages=access.manages(current_user, paper),
        items_args=_items_args(paper, closed, now),
    )


def _items_args(paper: Paper, closed: list[Attempt], now: datetime) -> dict[str, str | int]:
    """The 试题分析 of the paper's sittings: this paper, from its first sitting's day to today,
    practice sittings counted for a practice paper."""
    first = min((r.started_at for r in closed), default=paper.published_at or paper.created_at or now)
    args: dict[str, str | int] = {"paper": paper.id, "from": clock.local_day(first).isoformat(),
                                  "to": clock.local_day(now).isoformat()}
    if paper.mode != "exam":
        args["sittings"] = "practice"
    return args


@bp.get("/papers/<int:paper_id>/attempts/<int:attempt_id>")
@trainers
def paper_attempt(paper_id: int, attempt_id: int) -> str:
    """A trainer reads one worker's answers, if the worker is in the trainer's scope."""
    _seen(paper_id)
    current = db.get_or_404(Attempt, attempt_id)
    person = db.session.get(User, current.user_id)
    if current.paper_id != paper_id or person is None or not can_view_user(current_user, person):
        abort(404)
    # A 班组长 sitting this exam (or one holding these questions) himself reads no key before he is done with it.
    view = attempts.result_view(current, utcnow(), viewer=current_user)
    db.session.commit()
    return render_template("taking/result.html", attempt=current, result=view, person=person,
                           taker_note=view["taker_note"])
