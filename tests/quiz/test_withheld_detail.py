"""A question's page for a 班组长 who must still sit an open exam holding it: the workers' 纠错 comments
(答案应为C) and the cited article's text (which states the answer) stay hidden, as the key does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.db import db, utcnow
from corpus.models import Article, Document
from quiz.bank import citations, flags, service
from tests.factories import create_team, create_user
from tests.papers import draft, picked_paper

COMMENT = "答案应为C，规程写的是1.0%"
ARTICLE_TEXT = "采掘工作面风流中瓦斯浓度达到1.0%时，必须停止用电钻打眼。"


@pytest.fixture
def question_in_exam(app):
    team = create_team("综采一队", "回收班")
    doc = Document(title="煤矿安全规程", doc_key="煤矿安全规程", doc_type="部门规章", version_date=date(2022, 4, 1),
                   source_name="规程.md", source_hash="x")
    doc.articles.append(Article(ordinal=1, kind="article", number=172, label="第一百七十二条", text=ARTICLE_TEXT,
                                anchor="art-172"))
    db.session.add(doc)
    question = service.add_question(draft("single", 1))
    db.session.flush()
    citations.cite_article(question, doc.articles[0])
    worker = create_user(team=team)
    flags.flag_question(question, worker.id, "wrong", COMMENT)
    now = utcnow()
    picked_paper([(question.id, question.current_version_id)], team.id, now, title="12月月考",
                 closes_at=now + timedelta(hours=2))
    db.session.commit()
    return team, question


def test_a_leader_still_to_sit_the_exam_sees_neither_comments_nor_the_article_text(client, login, question_in_exam):
    team, question = question_in_exam
    login(role="team_leader", team=team)
    page = client.get(f"/bank/{question.id}").get_data(as_text=True)
    assert COMMENT not in page and ARTICLE_TEXT[:20] not in page
    assert "交卷后可见" in page
    assert "职工纠错 1 条" in page and "答案有误" in page  # that there is a report, and its reason, still show
    assert "煤矿安全规程" in page  # the citation's name is no answer


def test_a_trainer_sees_the_comments_and_the_article_text(client, login, question_in_exam):
    team, question = question_in_exam
    login(role="unit_trainer", team=team)
    page = client.get(f"/bank/{question.id}").get_data(as_text=True)
    assert COMMENT in page and ARTICLE_TEXT[:20] in page and "交卷后可见" not in page
