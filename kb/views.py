"""Web pages and JSON API of the knowledge base: search, article, ask, feedback, trainer tools.

Views load, check, act and commit; ranking and answering live in kb.search and kb.qa.
A missing or damaged index never produces an error page: pages say what to do, the API
answers 503 with the same message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import audit
from core.auth import MEMBER_ROLES, TRAINER_ROLES, role_required
from core.db import db, retrying
from corpus.documents import DOC_TYPES, STATUS_LABELS
from corpus.models import Article
from kb import confirmed, knowledge_base
from kb.indexing import IndexUnavailable
from kb.models import (
    FEEDBACK_REASONS,
    MAX_QUESTION,
    feedback_summary,
    gap_key,
    open_gaps,
    recent_feedback,
    record_feedback,
    record_gap,
)
from kb.qa import Answer, asker_message
from kb.query import plan_query

bp = Blueprint("kb", __name__, url_prefix="/kb")
api = Blueprint("kb_api", __name__, url_prefix="/api")

PER_PAGE = 10
MAX_PAGE = 5  # 50 ranked results at most: beyond that nobody reads


def _page() -> int:
    try:
        return min(MAX_PAGE, max(1, int(request.args.get("page", 1))))
    except ValueError:
        return 1


def _choice(name: str, allowed: tuple[str, ...] | dict[str, str]) -> str | None:
    value = request.args.get(name, "").strip()
    return value if value in allowed else None


def api_login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Like login_required, but answers 401 JSON instead of redirecting to the login page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return jsonify({"error": "请先登录。"}), 401
        return view(*args, **kwargs)

    return wrapped


@bp.get("/search")
@login_required
def search():
    """Results page: filters by type and status, pagination, 您是不是要找, and above the list the answer
    the ask page gives (`_answer_above`); a trainer finding the answer to a question (for_question,
    在全部条文中找答案 on the ask page) can set any article listed as its answer."""
    q, for_question = request.args.get("q", ""), _for_question()
    doc_type, status, page = _choice("type", DOC_TYPES), _choice("status", STATUS_LABELS), _page()
    try:
        results = knowledge_base().search(q, doc_type=doc_type, status=status, page=page, per_page=PER_PAGE)
        answer = _answer_above(q) if page == 1 and not (doc_type or status or for_question) else None
    except IndexUnavailable as exc:
        return render_template(
            "kb/search.html", q=q, results=None, error=exc.message, doc_types=DOC_TYPES, statuses=STATUS_LABELS,
            for_question=for_question,
        ), 503

    def page_url(n: int) -> str:
        return url_for("kb.search", q=q, type=doc_type, status=status, page=n, for_question=for_question or None)

    return render_template(
        "kb/search.html",
        q=q,
        results=results,
        error="",
        doc_type=doc_type or "",
        status=status or "",
        doc_types=DOC_TYPES,
        statuses=STATUS_LABELS,
        page_url=page_url,
        for_question=for_question,
        answer=answer,
    )


def _answer_above(q: str) -> Answer | None:
    """The answer the ask page gives `q` (kb.confirmed.answer: a trainer's confirmed answer too), shown
    compactly above the results when ask answers; None when it declines. Asked on page 1 of an unfiltered
    search only, never while a trainer chooses an article for a question (the answer would stand beside
    the articles offered), and no search gap is recorded: a keyword search is not an unanswered question
    (the ask view records gaps)."""
    if not q.strip():
        return None
    answer = confirmed.answer(knowledge_base(), db.session, q.strip())
    return answer if answer.answered and answer.hit is not None else None


@bp.get("/article/<int:article_id>")
@login_required
def article(article_id: int):
    """One article with its status, citation, the words searched for marked, and related articles; a
    trainer who came from the search for a question's answer (for_question) can set it as that answer."""
    item = db.get_or_404(Article, article_id)
    q = request.args.get("q", "")
    related, error = [], ""
    try:
        hit = knowledge_base().article(article_id)
        if hit is not None:
            related = knowledge_base().related(hit)
    except IndexUnavailable as exc:
        error = exc.message
    terms = plan_query(q).highlight_terms() if q else ()
    return render_template(
        "kb/article.html",
        article=item,
        document=item.document,
        q=q,
        terms=terms,
        related=related,
        error=error,
        practice=_practice(article_id),
        for_question=_for_question(),
    )


def _is_trainer() -> bool:
    return getattr(current_user, "role", None) in {str(r) for r in TRAINER_ROLES}


def _for_question() -> str:
    """The question a trainer is finding the answer to among all articles (for_question), carried from
    the ask page through search and article pages; "" for anyone else or a question with no words."""
    question = request.args.get("for_question", "").strip()[:MAX_QUESTION]
    return question if _is_trainer() and gap_key(question) else ""


def _practice(article_id: int) -> dict[str, Any]:
    """The questions that test an article, from the question bank if the app has one.

    Trainers see each question (linked when the bank has a detail page) with its status;
    workers see only how many approved questions they can practise on. Everyone is offered
    练习这几道题 when the app can start a practice of them (the `article_practice` hook).
    """
    finder = current_app.extensions.get("questions_citing")
    questions = list(finder(article_id)) if finder else []
    trainer = _is_trainer()
    counter = current_app.extensions.get("article_practice")
    practisable = counter(article_id) if counter else 0
    return {
        "trainer": trainer,
        "questions": questions if trainer else [],
        "approved": sum(1 for q in questions if q.status == "approved"),
        "linked": "quiz.detail" in current_app.view_functions,
        "practisable": practisable,
        "start": "taking.start_article" if practisable and "taking.start_article" in current_app.view_functions else "",
    }


@bp.get("/ask")
@login_required
def ask():
    """The answer panel: best article, the answering sentences, citation, alternatives; trainers
    can set any article shown as the question's answer, or withdraw the one they set."""
    q = request.args.get("q", "").strip()
    answer, error, trainer, logged = None, "", _is_trainer(), False
    from_the_teams = current_user.role in MEMBER_ROLES
    if q:
        try:
            answer = confirmed.answer(knowledge_base(), db.session, q)
        except IndexUnavailable as exc:
            error = exc.message
        # A trainer opening a logged question to set its answer (指定答案, review=1) is not asking it again;
        # 问答反馈 lists the questions of the people in the teams (workers, team leaders), so a unit
        # trainer's or an admin's trial questions are not logged as gaps.
        reviewing = trainer and request.args.get("review") == "1"
        if answer is not None and not answer.answered and plan_query(q).concepts and from_the_teams and not reviewing:
            best = answer.candidates[0].citation if answer.candidates else ""
            logged = retrying(lambda: record_gap(db.session, q, answer.confidence, str(best))) is not None
    message = asker_message(answer, logged=logged, member=from_the_teams)
    return render_template("kb/ask.html", q=q, answer=answer, message=message, error=error, reasons=FEEDBACK_REASONS,
                           trainer=trainer)


@bp.post("/ask/confirm")
@role_required(*TRAINER_ROLES)
def confirm():
    """设为这个问题的答案: the article becomes the answer to the question's wording for everyone."""
    question = request.form.get("q", "").strip()
    try:
        article_id = int(request.form.get("article_id", ""))
        record = confirmed.confirm(db.session, question, article_id, current_user.id, by=current_user.name)
    except ValueError:
        abort(400)
    except LookupError:
        abort(404)
    audit.record("answer.confirm", "confirmed_answer", record.id, f"{record.question} → {record.citation}")
    db.session.commit()
    flash("已设为这个问题的答案，职工再问同样的问题会看到这一条。", "success")
    return redirect(url_for("kb.ask", q=question, review=1))


@bp.post("/ask/withdraw")
@role_required(*TRAINER_ROLES)
def withdraw():
    """撤销确认: the question is answered by the knowledge base again."""
    question = request.form.get("q", "").strip()
    record = confirmed.find(db.session, question)
    if record is None:
        abort(404)
    audit.record("answer.withdraw", "confirmed_answer", record.id, f"{record.question} → {record.citation}")
    confirmed.withdraw(db.session, question)
    db.session.commit()
    flash("已撤销确认。", "success")
    back = url_for("kb.gaps") if request.form.get("next") == "gaps" else url_for("kb.ask", q=question, review=1)
    return redirect(back)


@bp.post("/ask/feedback")
@login_required
def feedback():
    """Store 有帮助 / 没帮助 (with a reason) for one answer."""
    question = request.form.get("q", "").strip()
    helpful = request.form.get("helpful") == "1"
    try:
        article_id = int(request.form.get("article_id", "")) if request.form.get("article_id") else None
    except ValueError:
        abort(400)
    if article_id is not None and db.session.get(Article, article_id) is None:
        article_id = None
    retrying(
        lambda: record_feedback(
            db.session,
            question,
            helpful,
            article_id=article_id,
            citation=request.form.get("citation", ""),
            reason=request.form.get("reason", ""),
            comment=request.form.get("comment", "").strip(),
            user_id=current_user.id,
        )
    )
    flash("谢谢您的反馈！" if helpful else "已记录，培训员会查看并改进。", "success")
    return redirect(url_for("kb.ask", q=question))


@bp.get("/gaps")
@role_required(*TRAINER_ROLES)
def gaps():
    """For trainers: questions the knowledge base could not answer, the answers trainers confirmed,
    and answer feedback."""
    return render_template(
        "kb/gaps.html",
        gaps=open_gaps(db.session),
        confirmed=confirmed.listed(db.session),
        feedback=recent_feedback(db.session),
        summary=feedback_summary(db.session),
    )


@bp.get("/probe")
@role_required(*TRAINER_ROLES)
def probe():
    """命中测试: how a query is understood and which articles it ranks, with scores and matched words."""
    q = request.args.get("q", "")
    kb = knowledge_base()
    raw, plan, hits, hint, error = plan_query(q), None, [], "", ""
    if q.strip():
        try:
            plan, hint = kb.prepare(q)
            hits = [kb.with_snippet(h, plan) for h in kb.rank(plan, limit=20)[:20]] if not plan.empty else []
        except IndexUnavailable as exc:
            error = exc.message
    dropped = [c.term for c in raw.concepts if plan is not None and c.term not in {p.term for p in plan.concepts}]
    return render_template("kb/probe.html", q=q, raw=raw, plan=plan, hits=hits, hint=hint, dropped=dropped, error=error)


@api.get("/search")
@api_login_required
def search_json():
    """GET /api/search?q=&type=&status=&page= → the same JSON as `run.py search --json`."""
    q = request.args.get("q", "")
    try:
        results = knowledge_base().search(
            q,
            doc_type=_choice("type", DOC_TYPES),
            status=_choice("status", STATUS_LABELS),
            page=_page(),
            per_page=PER_PAGE,
        )
    except IndexUnavailable as exc:
        return jsonify({"error": exc.message, "results": []}), 503
    return jsonify(results.to_json())


@api.get("/ask")
@api_login_required
def ask_json():
    """GET /api/ask?q= → the same JSON as `run.py ask --json`."""
    try:
        answer = confirmed.answer(knowledge_base(), db.session, request.args.get("q", ""))
    except IndexUnavailable as exc:
        return jsonify({"error": exc.message, "results": []}), 503
    data = answer.to_json()  # no question asked here is logged (the ask page logs the teams' people)
    data["message"] = asker_message(answer, logged=False, member=current_user.role in MEMBER_ROLES)
    return jsonify(data)
