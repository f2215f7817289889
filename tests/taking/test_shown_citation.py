"""Workers see a question's 出处 only when a trainer confirmed or wrote it: the system's suggestion
(待确认, often a weak guess such as a welding question pointed at a water-control rule) is not shown in
practice feedback nor in the 错题本, and the bank export leaves it out, since imported back it would
read as confirmed."""

from __future__ import annotations

from datetime import date

from core.db import db, utcnow
from corpus.models import Article, Document
from quiz.bank import citations, service
from quiz.bank.exporter import bank_drafts
from quiz.taking import attempts, book, practice
from tests.papers import draft
from tests.taking.test_attempts import right_answer


def article() -> Article:
    document = Document(title="煤矿防治水细则", doc_key="煤矿防治水细则", doc_type="部门规章",
                        version_date=date(2018, 9, 1), source_name="水.md", source_hash="w")
    document.articles.append(Article(ordinal=13, kind="article", number=13, label="第十三条",
                                     text="矿井应当建立水文地质观测系统。", anchor="art-13"))
    db.session.add(document)
    db.session.flush()
    return document.articles[0]


def test_a_suggested_citation_is_not_shown_to_workers_until_a_trainer_confirms_it(client, login, app):
    target = article()
    question = service.add_question(draft("single", 1, explanation="燃烧分为闪燃、着火、自燃和爆炸。"))
    service.set_status([question], "approved")
    citations.cite_article(question, target, confidence=0.32, state="suggested")
    db.session.commit()
    worker = login()
    now = utcnow()
    attempt = practice.start_practice(worker, practice.PracticeFilter(count=1), now)
    item = attempt.items[0]
    wrong = next(k for k in "ABCD" if k not in right_answer(item))  # the letters as shown (shuffled)
    feedback = attempts.save_answer(attempt, 1, [wrong], None, now).feedback
    assert feedback["citation"] == "" and feedback["article_id"] is None
    db.session.commit()
    page = client.get("/book").get_data(as_text=True)
    assert "煤矿防治水细则" not in page and "燃烧分为" in page

    citations.cite_article(question, target)  # the trainer accepts it
    db.session.commit()
    assert attempts.feedback_for(attempt, item)["citation"] == "《煤矿防治水细则》第十三条"
    assert attempts.feedback_for(attempt, item)["article_id"] == target.id
    assert "《煤矿防治水细则》第十三条" in client.get("/book").get_data(as_text=True)
    assert book.due_count(worker.id, now) == 0


def test_the_export_leaves_out_suggested_citations_and_keeps_confirmed_ones(app):
    target = article()
    guessed = service.add_question(draft("single", 1))
    confirmed = service.add_question(draft("single", 2))
    citations.cite_article(guessed, target, confidence=0.32, state="suggested")
    citations.cite_article(confirmed, target)
    db.session.commit()
    drafts = dict(bank_drafts())
    assert drafts[guessed.id].citation is None and drafts[guessed.id].article_id is None
    assert str(drafts[confirmed.id].citation) == "《煤矿防治水细则》第十三条"
    assert drafts[confirmed.id].article_id == target.id
