"""Removing a document, or clearing its newer-version record, asks first and says what is lost."""

from __future__ import annotations

from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Article, Document
from quiz.bank.models import Question
from tests.conftest import csrf_token
from tests.corpus.conftest import RULES


def _document(make_file, db_session) -> Document:
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    return db_session.scalar(select(Document))


def test_removal_asks_first_with_the_articles_and_citing_questions(client, login, make_file, db_session,
                                                                  make_questions) -> None:
    document = _document(make_file, db_session)
    articles = db_session.scalars(select(Article).where(Article.document_id == document.id)).all()
    citing = make_questions(single=2)
    for question in citing:
        question.article_id = articles[0].id
    db_session.commit()
    login("admin")
    token = csrf_token(client, f"/library/{document.id}")
    asked = client.post(f"/library/{document.id}/remove", data={"csrf_token": token})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in page
    assert f"{len(articles)} 条" in page and "班组安全检查办法" in page
    assert f"有 {len(citing)} 道题引用本文档的条文" in page and "标为“待复核”" in page
    assert 'name="confirmed" value="1"' in page and f'href="/library/{document.id}"' in page
    db_session.expire_all()
    assert db_session.get(Document, document.id) is not None  # the first post changes nothing

    confirm_token = csrf_token(client, f"/library/{document.id}")
    done = client.post(f"/library/{document.id}/remove", data={"csrf_token": confirm_token, "confirmed": "1"})
    assert done.status_code == 302
    db_session.expire_all()
    assert db_session.get(Document, document.id) is None
    assert all(db_session.get(Question, q.id).stale for q in citing)

    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login("unit_trainer")
    bank = client.get("/bank/").get_data(as_text=True)
    assert 'id="stale-hint"' in bank and f"{len(citing)} 道题的出处条文" in bank
    assert f"待复核 {len(citing)} 道" in client.get("/bank/review/").get_data(as_text=True)


def test_an_empty_save_asks_before_clearing_a_newer_version(client, login, make_file, db_session) -> None:
    document = _document(make_file, db_session)
    login("admin")
    token = csrf_token(client, f"/library/{document.id}")
    client.post(f"/library/{document.id}/newer", data={"csrf_token": token, "name": "矿内2099年版",
                                                       "effective": "2099-01-01"})
    db_session.expire_all()
    assert db_session.get(Document, document.id).newer_version == "矿内2099年版"  # recording never asks

    asked = client.post(f"/library/{document.id}/newer", data={"csrf_token": token, "name": "", "effective": ""})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in page and "矿内2099年版" in page
    assert 'name="name" value=""' in page  # the confirmation posts the same (empty) fields again
    db_session.expire_all()
    assert db_session.get(Document, document.id).newer_version == "矿内2099年版"

    client.post(f"/library/{document.id}/newer", data={"csrf_token": token, "name": "", "confirmed": "1"})
    db_session.expire_all()
    assert db_session.get(Document, document.id).newer_version is None


def test_removal_names_the_open_per_sitting_papers_it_leaves_too_short(client, login, make_file, db_session,
                                                                        make_questions) -> None:
    """Sending the citing questions to review takes them out of every pool: a per-sitting paper's rule left
    short is named on the confirmation (not 已出的试卷…不变), as the bank says before 停用."""

    from core.db import utcnow
    from quiz.bank import withdrawal

    document = _document(make_file, db_session)
    article = db_session.scalars(select(Article).where(Article.document_id == document.id)).first()
    questions = make_questions(judge=2)
    questions[0].article_id = article.id
    _judge_exam(db_session)
    admin = login("admin")
    lines = withdrawal.removal_consequences(document.id, admin, utcnow())
    assert len(lines) == 1 and "每人随机月考" in lines[0] and "删除文档后只剩1道" in lines[0]

    page = client.post(f"/library/{document.id}/remove",
                       data={"csrf_token": csrf_token(client, f"/library/{document.id}")}).get_data(as_text=True)
    assert 'id="confirm-step"' in page and "每人随机月考" in page and "不能开考" in page
    assert "已出的试卷和已交的答卷不变" not in page


def test_removal_counts_only_the_questions_it_sends_to_review(client, login, make_file, db_session,
                                                              make_questions) -> None:
    """A question whose 出处 is only the system's unconfirmed suggestion is suggested afresh, not sent to
    review (citations.mark_stale_for_removal): the confirmation neither counts it nor takes it out of a
    paper's pool (citations.flagged_by_removal is the one rule for all three)."""

    from core.db import utcnow
    from quiz.bank import citations, withdrawal

    document = _document(make_file, db_session)
    article = db_session.scalars(select(Article).where(Article.document_id == document.id)).first()
    cited, guessed, _other = make_questions(judge=3)
    citations.cite_article(cited, article)
    citations.cite_article(guessed, article, confidence=0.5, state="suggested")
    _judge_exam(db_session)
    admin = login("admin")
    assert citations.count_citing_document(document.id) == 1
    assert withdrawal.removal_consequences(document.id, admin, utcnow()) == []  # two judge questions stay

    page = client.post(f"/library/{document.id}/remove",
                       data={"csrf_token": csrf_token(client, f"/library/{document.id}")}).get_data(as_text=True)
    assert "有 1 道题引用本文档的条文" in page and "每人随机月考" not in page
    client.post(f"/library/{document.id}/remove",
                data={"csrf_token": csrf_token(client, f"/library/{document.id}"), "confirmed": "1"})
    db_session.expire_all()
    assert db_session.get(Question, cited.id).stale and not db_session.get(Question, guessed.id).stale


def _judge_exam(db_session) -> None:
    """A published exam drawing 2 judge questions per sitting (每人随机月考), for one new team."""
    from decimal import Decimal

    from quiz.taking import papers
    from quiz.taking.models import Paper
    from tests.factories import create_team

    paper = Paper(title="每人随机月考", mode="exam", draw="per_attempt", multi_rule="half", pass_score=Decimal(1),
                  max_attempts=1, shuffle_options=False, shuffle_questions=False, status="draft",
                  sections=[papers.Section("judge", 2, Decimal(5)).to_dict()])
    db_session.add(paper)
    db_session.flush()
    papers.set_audience(paper, team_ids=[create_team().id])
    papers.publish(paper)
    db_session.commit()
