"""Trainer-confirmed answers (kb.confirmed): one per wording, replaced, withdrawn, never misleading
once the article is deleted or superseded, and answered from as ask would quote it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.db import db
from corpus.models import Article, Document
from kb import confirmed
from kb.models import ConfirmedAnswer, SearchGap, open_gaps, record_gap

QUESTION = "瓦斯超限怎么办？"


def _article(text: str, title: str = "") -> Article:
    query = Article.query.filter(Article.text.contains(text))
    if title:
        query = query.join(Document).filter(Document.title == title)
    return query.one()


@pytest.fixture
def library(app, stored_library):
    stored_library()
    return app


def test_the_same_question_typed_differently_finds_the_one_confirmation(library, make_user):
    trainer = make_user("unit_trainer")
    article = _article("方可人工开启局部通风机")
    record = confirmed.confirm(db.session, QUESTION, article.id, trainer.id, by=trainer.name)
    db.session.commit()
    assert confirmed.find(db.session, " 瓦斯超限怎么办") is record
    assert confirmed.find(db.session, "瓦斯超限怎么办?") is record
    assert confirmed.find(db.session, "瓦斯超限了怎么办") is None
    assert record.citation == "《煤矿安全规程》第一百九十七条" and record.confirmed_by == trainer.name


def test_confirming_again_replaces_the_article(library):
    first, second = _article("方可人工开启局部通风机"), _article("必须停止电钻打眼")
    confirmed.confirm(db.session, QUESTION, first.id, None)
    confirmed.confirm(db.session, "瓦斯超限怎么办", second.id, None)
    db.session.commit()
    assert [r.article_id for r in ConfirmedAnswer.query.all()] == [second.id]


def test_withdrawing_leaves_the_question_to_the_knowledge_base(library):
    confirmed.confirm(db.session, QUESTION, _article("必须停止电钻打眼").id, None)
    assert confirmed.withdraw(db.session, "瓦斯超限怎么办")
    assert confirmed.find(db.session, QUESTION) is None
    assert not confirmed.withdraw(db.session, QUESTION)


def test_a_question_without_words_or_an_unknown_article_is_refused(library):
    with pytest.raises(ValueError, match="empty"):
        confirmed.confirm(db.session, " ？ ", _article("必须停止电钻打眼").id, None)
    with pytest.raises(LookupError):
        confirmed.confirm(db.session, QUESTION, 999_999, None)


def test_confirming_resolves_the_open_gap_of_that_wording(library):
    record_gap(db.session, "瓦斯超限怎么办", 0.1)
    record_gap(db.session, "食堂几点开饭", 0.1)
    confirmed.confirm(db.session, QUESTION, _article("必须停止电钻打眼").id, None)
    db.session.commit()
    assert [g.question for g in open_gaps(db.session)] == ["食堂几点开饭"]
    assert SearchGap.query.filter_by(key="瓦斯超限怎么办").one().resolved


def test_a_deleted_article_is_ignored_and_listed_as_deleted(library):
    article = _article("方可人工开启局部通风机")
    record = confirmed.confirm(db.session, QUESTION, article.id, None)
    db.session.delete(article)
    db.session.commit()
    assert confirmed.current_article(db.session, record) is None
    [item] = confirmed.listed(db.session)
    assert item.state == "条文已删除" and item.citation == "《煤矿安全规程》第一百九十七条"
    assert confirmed.labelled_rows(db.session) == []


def test_a_superseded_article_answers_from_the_version_in_force_that_restates_it(library):
    old = _article("入井人员必须戴安全帽")
    current = _article("入井前严禁饮酒")
    record = confirmed.confirm(db.session, "下井能带烟吗", old.id, None)
    assert confirmed.current_article(db.session, record) is old  # no successor recorded: shown as it is
    assert confirmed.listed(db.session)[0].state == "已被新版本取代"
    old.document.superseded_by_id = current.document_id
    db.session.commit()
    assert confirmed.current_article(db.session, record) is current
    assert confirmed.listed(db.session)[0].state == "已按新版本回答"


def test_a_superseded_article_no_article_of_the_new_version_restates_stays_with_its_status(library):
    old = _article("入井人员必须戴安全帽")
    old.document.superseded_by_id = _article("特种作业操作证").document_id  # a version restating nothing of it
    record = confirmed.confirm(db.session, "下井能带烟吗", old.id, None)
    db.session.commit()
    assert confirmed.current_article(db.session, record) is old


def test_a_repealed_article_answers_with_its_status(library):
    record = confirmed.confirm(db.session, "探水的原则是什么", _article("有疑必探").id, None)
    item = confirmed.listed(db.session)[0]
    assert confirmed.current_article(db.session, record).document.status == "repealed"
    assert item.state == "已废止"


def test_the_confirmed_answer_quotes_the_article_as_ask_would_and_keeps_the_others(whoosh_indexed_app):
    from kb import knowledge_base
    from kb.qa import ask

    kb = knowledge_base(whoosh_indexed_app)
    article = _article("方可人工开启局部通风机")
    found = ask(kb, "瓦斯超限怎么办")
    assert found.hit is None or found.hit.article_id != article.id  # ask alone answers otherwise
    confirmed.confirm(db.session, "瓦斯超限怎么办", article.id, None, by="王培训")
    db.session.commit()
    answer = confirmed.answer(kb, db.session, "瓦斯超限怎么办！")
    assert answer.answered and answer.confirmed_by_trainer and answer.confidence == 1.0
    assert answer.hit.article_id == article.id and answer.confirmed_by == "王培训"
    assert answer.sentences and "局部通风机" in "".join(answer.sentences)
    assert article.id not in {h.article_id for h in answer.alternatives}
    shown = [h.article_id for h in ((found.hit,) if found.answered else ()) + found.alternatives]
    assert [h.article_id for h in answer.alternatives] == [a for a in shown if a != article.id][:3]
    assert answer.to_json()["confirmed_by_trainer"] is True and found.to_json()["confirmed_by_trainer"] is False
    assert replace(ask(kb, "瓦斯超限怎么办"), took_ms=0) == replace(found, took_ms=0)  # ask never reads confirmations


def test_a_confirmation_of_a_deleted_article_leaves_the_answer_to_ask(whoosh_indexed_app):
    from kb import knowledge_base
    from kb.qa import ask

    kb = knowledge_base(whoosh_indexed_app)
    article = _article("方可人工开启局部通风机")
    confirmed.confirm(db.session, "瓦斯超限怎么办", article.id, None)
    db.session.delete(article)
    db.session.commit()
    answer = confirmed.answer(kb, db.session, "瓦斯超限怎么办")
    assert not answer.confirmed_by_trainer
    assert replace(answer, took_ms=0) == replace(ask(kb, "瓦斯超限怎么办"), took_ms=0)
