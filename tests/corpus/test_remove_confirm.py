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
