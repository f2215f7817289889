"""The review queue: generate --save, approve, reject with a reason, counts per generator, pages."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import func, select

from core.db import db
from quiz.bank.models import Question
from tests.conftest import ROOT

# The tables of quiz.generation.models come from the models while the project has no
# migrations, and from a migration once it has some. If migrations exist but none creates
# them, these tests skip (importing the models would make tests/test_migrations.py see tables
# no migration creates); BANZU_GENERATION_TABLES=create runs them anyway.
_VERSIONS = [p.read_text(encoding="utf-8") for p in (ROOT / "migrations" / "versions").glob("*.py")]
MIGRATED = not _VERSIONS or any("question_generation" in text for text in _VERSIONS)


@pytest.fixture
def review_app(app):
    """The test app with the generation feature wired in, and its tables present."""
    if not MIGRATED and os.environ.get("BANZU_GENERATION_TABLES") != "create":
        pytest.skip("no migration creates question_generation/question_rejections yet")
    from quiz import generation
    from quiz.generation.models import GenerationRecord, Rejection

    for model in (GenerationRecord, Rejection):
        model.__table__.create(db.engine, checkfirst=True)
    if "review" not in app.blueprints:
        generation.init_app(app)
    return app


def _generate(app, shared_dir, *args):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["generate", "--corpus", str(shared_dir / "corpus"), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_generate_prints_the_bank_export_shape(review_app, shared_dir):
    out = json.loads(_generate(review_app, shared_dir, "--kind", "theory", "-n", "12", "--seed", "3", "--json").output)
    assert len(out) == 12
    assert {q["type"] for q in out} == {"blank", "single", "judge", "multi"}
    for question in out:
        assert {"type", "stem", "options", "answer", "explanation", "citation", "generator", "status"} <= set(question)
        assert question["citation"]["title"] and question["citation"]["article"].startswith("第")
        assert question["status"] == "draft" and question["provenance"]["seed"] == "3"
    again = json.loads(
        _generate(review_app, shared_dir, "--kind", "theory", "-n", "12", "--seed", "3", "--json").output
    )
    assert again == out


def test_generate_one_document_and_hazards(review_app, shared_dir):
    out = json.loads(
        _generate(review_app, shared_dir, "--kind", "theory", "-n", "8", "--doc", "安全生产法", "--json").output
    )
    assert {q["citation"]["title"] for q in out} == {"中华人民共和国安全生产法"}
    hazards = json.loads(_generate(review_app, shared_dir, "--kind", "hazard", "-n", "16", "--json").output)
    assert len(hazards) == 16 and all(q["type"].startswith("hazard_") for q in hazards)


def test_save_stores_drafts_with_provenance_and_review_decides(review_app, shared_dir):
    from quiz.bank.usable import exam_questions
    from quiz.generation import practice_drafts, review
    from quiz.generation.models import GenerationRecord

    _generate(review_app, shared_dir, "--kind", "theory", "-n", "10", "--save")
    questions = list(db.session.scalars(select(Question).order_by(Question.id)))
    assert len(questions) == 10 and {q.status for q in questions} == {"draft"}
    assert {q.origin for q in questions} == {"generated"}
    records = list(db.session.scalars(select(GenerationRecord)))
    assert len(records) == 10 and all(r.seed == "1" and r.inputs.get("article") for r in records)

    assert db.session.scalar(select(func.count()).select_from(exam_questions().subquery())) == 0
    review.approve(questions[:3])
    with pytest.raises(review.ReviewError):
        review.reject(questions[3:5], "")
    review.reject(questions[3:5], "too_easy")
    practice_drafts.allow_practice(questions[5:6])
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(exam_questions().subquery())) == 3
    assert db.session.scalar(select(func.count()).select_from(practice_drafts.practice_questions().subquery())) == 4
    rejected = {s.generator: s for s in review.generator_stats() if s.rejected}
    assert sum(s.rejected for s in rejected.values()) == 2
    assert all(s.reasons == {"too_easy": s.rejected} for s in rejected.values())
    # Saving the same questions again adds nothing: the bank refuses duplicates.
    _generate(review_app, shared_dir, "--kind", "theory", "-n", "10", "--save")
    assert db.session.scalar(select(func.count(Question.id))) == 10


def test_review_pages(review_app, shared_dir, client, login, post_form):
    _generate(review_app, shared_dir, "--kind", "hazard", "-n", "6", "--save")
    login("unit_trainer")
    page = client.get("/bank/review/")
    assert page.status_code == 200 and "待审核 6 道" in page.get_data(as_text=True)
    ids = [q.id for q in db.session.scalars(select(Question))]
    response = post_form(
        "/bank/review/act",
        {"ids": ids[:2], "action": "reject", "reason": ""},
        page="/bank/review/",
        follow_redirects=True,
    )
    assert "请选择退回原因" in response.get_data(as_text=True)
    post_form(
        "/bank/review/act", {"ids": ids[:2], "action": "reject", "reason": "distractor_right"}, page="/bank/review/"
    )
    post_form("/bank/review/act", {"ids": ids[2:], "action": "approve"}, page="/bank/review/")
    assert {q.status for q in db.session.scalars(select(Question))} == {"retired", "approved"}
    stats = client.get("/bank/review/stats").get_data(as_text=True)
    assert "干扰项也正确 " in stats


def test_workers_cannot_review(review_app, client, login):
    login("worker")
    assert client.get("/bank/review/").status_code in {302, 403}
