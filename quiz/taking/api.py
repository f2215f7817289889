"""The JSON API of the whole flow (/api/v1), used by the pages' own scripts and by tests.

Every route needs a signed-in person (401 JSON otherwise) and, for writes, the CSRF token in
an `X-CSRFToken` header (GET /api/v1/me returns it). An attempt id that is not the caller's
answers 404, exactly like one that does not exist. Errors are JSON: {"error": "中文说明"}.
The OpenAPI description is served at /api/v1/openapi.json (quiz/taking/openapi.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from core import clock
from core.db import db, utcnow
from core.web import MAX_ID
from quiz.bank import flags
from quiz.bank.models import Question
from quiz.taking import access, attempts, book, openapi, papers, practice
from quiz.taking.attempts import AnswerConflict, AttemptError
from quiz.taking.models import Attempt, AttemptItem

bp = Blueprint("quiz_api", __name__, url_prefix="/api/v1")


def _json_error(message: str, status: int) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def signed_in(view: Callable) -> Callable:
    """Guard an API route: a signed-in person with a changed password, else 401 JSON."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            return _json_error("请先登录。", 401)
        if current_user.must_change_password:
            return _json_error("请先修改初始密码。", 403)
        return view(*args, **kwargs)

    return wrapped


def own_attempt(attempt_id: int) -> Attempt:
    """The caller's attempt; another person's (or a missing) id is 404 alike."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def _body() -> dict[str, Any]:
    """The JSON object sent, or {} (text no database stores was refused before: core.web)."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _started(start: Callable[[], Attempt]) -> Response:
    """Run a start action in one short transaction; a concurrent double start resumes the first."""
    try:
        attempt = attempts.start_or_resume(start)  # a concurrent double start resumes the first
        db.session.commit()
    except AttemptError as exc:
        db.session.rollback()
        return _json_error(str(exc), exc.status)
    return jsonify(attempts.attempt_view(attempt, utcnow()))


@bp.errorhandler(404)
def not_found(_error) -> Response:
    return _json_error("没有找到。", 404)


@bp.get("/me")
@signed_in
def me() -> Response:
    return jsonify({"id": current_user.id, "username": current_user.username, "name": current_user.name,
                    "role": current_user.role, "csrf_token": generate_csrf()})


@bp.get("/quizzes")
@signed_in
def quizzes() -> Response:
    """What the caller may take: assigned papers with their state, today's practice and reviews."""
    now = utcnow()
    rows = [attempts.availability(p, current_user, now) for p in papers.published_for(current_user)]
    daily = practice.daily_attempt(current_user, now)
    db.session.commit()
    return jsonify({
        "papers": rows,
        "reviews_due": book.due_count(current_user.id, now),
        "daily": {"attempt_id": daily.id, "status": daily.status} if daily else None,
    })


@bp.post("/papers/<int:paper_id>/attempts")
@signed_in
def start_paper(paper_id: int) -> Response:
    paper = access.taker_paper(current_user, paper_id) or abort(404)  # one not known: as missing
    return _started(lambda: attempts.start_paper(paper, current_user, utcnow()))


@bp.post("/practice")
@signed_in
def start_practice() -> Response:
    data = _body()

    def number(name: str) -> int | None:
        value = data.get(name)
        value = int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None
        return value if value is not None and abs(value) <= MAX_ID else None  # beyond any id: none

    count = data.get("count")
    if count is not None:  # the schema's limits (openapi: 1 … practice.MAX_PRACTICE), kept, not bent
        count = number("count") if not isinstance(count, bool) else None
        if count is None or not 1 <= count <= practice.MAX_PRACTICE:
            return _json_error(f"题数应为1到{practice.MAX_PRACTICE}之间的整数。", 400)
    f = practice.PracticeFilter(
        category_id=number("category_id"), document_id=number("document_id"),
        job=str(data.get("job") or "")[:50], site=str(data.get("site") or "")[:30],
        wrong_only=bool(data.get("wrong_only")), count=count or 10,
    )
    return _started(lambda: practice.start_practice(current_user, f, utcnow()))


@bp.post("/daily")
@signed_in
def start_daily() -> Response:
    return _started(lambda: practice.start_daily(current_user, utcnow())[0])


@bp.post("/review")
@signed_in
def start_review() -> Response:
    return _started(lambda: practice.start_review(current_user, utcnow()))


@bp.get("/attempts/<int:attempt_id>")
@signed_in
def attempt(attempt_id: int) -> Response:
    view = attempts.attempt_view(own_attempt(attempt_id), utcnow())
    db.session.commit()
    return jsonify(view)


@bp.get("/attempts/<int:attempt_id>/items/<int:position>")
@signed_in
def item(attempt_id: int, position: int) -> Response:
    current = own_attempt(attempt_id)
    found = db.session.query(AttemptItem).filter_by(attempt_id=current.id, position=position).one_or_none()
    if found is None:
        abort(404)
    return jsonify(attempts.item_view(current, found, sealed=attempts.sealed_for(current, utcnow())))


@bp.put("/attempts/<int:attempt_id>/items/<int:position>")
@signed_in
def save(attempt_id: int, position: int) -> Response:
    """Save one answer: {"answer": ["B"] | ["A", "C"] | ["文字"], "seq": n} or {..., "base": n}
    (the stored seq this answer replaces); a stale base is refused with 412 and what is stored.
    {"answer": [...], "draft": true} keeps an unconfirmed answer of an instant-feedback sitting as
    a draft for the worker's other devices: not graded, not counted (attempts.save_draft)."""
    current = own_attempt(attempt_id)
    data = _body()
    if data.get("draft") is True:
        try:
            kept = attempts.save_draft(current, position, data.get("answer"), utcnow())
            db.session.commit()
        except AttemptError as exc:
            db.session.rollback()
            return _json_error(str(exc), exc.status)
        return jsonify({"position": position, "draft": kept})
    seq, base = data.get("seq"), data.get("base")
    for name, value in (("seq", seq), ("base", base)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or abs(value) >= MAX_ID):
            return _json_error(f"{name} 应为整数。", 400)
    try:
        saved = attempts.save_answer(current, position, data.get("answer"), seq, utcnow(), base=base)
        db.session.commit()
    except AnswerConflict as exc:  # nothing was written: tell the page what is stored instead
        response = jsonify({"error": str(exc), "position": position, "seq": exc.item.seq,
                            "answer": attempts.to_shown(exc.item, exc.item.response)})
        response.status_code = exc.status
        db.session.rollback()
        return response
    except AttemptError as exc:
        db.session.rollback()
        return _json_error(str(exc), exc.status)
    body: dict[str, Any] = {"position": position, "seq": saved.seq, "saved_at": clock.stamp(saved.saved_at)}
    if saved.feedback is not None:
        body["feedback"] = saved.feedback
    if saved.sealed is not None:
        body["sealed"] = saved.sealed
    return jsonify(body)


@bp.post("/attempts/<int:attempt_id>/submit")
@signed_in
def submit(attempt_id: int) -> Response:
    current = own_attempt(attempt_id)
    now = utcnow()
    if not attempts.close_if_due(current, now):
        attempts.submit(current, now)
    db.session.commit()
    return jsonify(attempts.result_view(current, now))


@bp.post("/attempts/<int:attempt_id>/focus-loss")
@signed_in
def focus_loss(attempt_id: int) -> Response:
    count = attempts.record_focus_loss(own_attempt(attempt_id))
    db.session.commit()
    return jsonify({"focus_losses": count})


@bp.get("/attempts/<int:attempt_id>/result")
@signed_in
def result(attempt_id: int) -> Response:
    current, now = own_attempt(attempt_id), utcnow()
    attempts.collect_released(current_user, now)  # his own results: what an exam over held is scored now
    view = attempts.result_view(current, now)
    db.session.commit()
    if current.status == "open":
        return _json_error("还没有交卷。", 409)
    return jsonify(view)


@bp.get("/history")
@signed_in
def history() -> Response:
    now = utcnow()
    attempts.collect_released(current_user, now)
    rows = attempts.history(current_user, now)
    db.session.commit()
    return jsonify({
        "attempts": [{"id": a.id, "title": a.title, "mode": a.mode, "status": a.status,
                      "score": str(a.score) if a.score is not None else None, "max_score": str(a.max_score),
                      "passed": a.passed, "started_at": clock.stamp(a.started_at),
                      "seconds_used": a.seconds_used} for a in rows],
        "series": attempts.score_series(rows),
    })


@bp.post("/questions/<int:question_id>/flags")
@signed_in
def flag(question_id: int) -> Response:
    """Report a question as wrong or unclear; only a question the caller has been shown."""
    question = db.session.get(Question, question_id)
    data = _body()
    sitting = data.get("attempt_id")
    usable = isinstance(sitting, int) and not isinstance(sitting, bool) and 0 < sitting <= MAX_ID
    item = attempts.item_shown(current_user, question_id, sitting if usable else None)
    if question is None or item is None:
        abort(404)
    try:
        flags.flag_question(question, current_user.id, str(data.get("reason") or ""), str(data.get("comment") or ""),
                            version_id=item.version_id, option_order=item.option_order, response=item.response)
        db.session.commit()
    except flags.FlagError as exc:
        db.session.rollback()
        return _json_error(str(exc), 400)
    response = jsonify({"ok": True, "message": "已收到，培训员会核实这道题。"})
    response.status_code = 201
    return response


@bp.get("/openapi.json")
@signed_in
def openapi_document() -> Response:
    return jsonify(openapi.document())
