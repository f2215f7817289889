"""Web pages and JSON API: never an error page, always escaped, feedback and trainer tools."""

from __future__ import annotations

import pytest

from tests.kb.conftest import drop_index
from tests.kb.test_query import NASTY


def test_search_page_lists_results_with_status_and_marks(indexed_app, client, login):
    login("worker")
    page = client.get("/kb/search", query_string={"q": "下井能带烟吗"}).get_data(as_text=True)
    assert "第十条" in page and 'class="badge current"' in page and 'class="badge superseded"' not in page
    page = client.get("/kb/search", query_string={"q": "下井能带烟吗", "status": "superseded"}).get_data(as_text=True)
    assert 'class="badge superseded">已被新版本取代' in page
    assert "<mark>" in page


@pytest.mark.parametrize("raw", NASTY)
def test_nasty_queries_never_give_an_error_page(indexed_app, client, login, raw):
    login("worker")
    for url in ("/kb/search", "/kb/ask", "/api/search", "/api/ask"):
        response = client.get(url, query_string={"q": raw}, follow_redirects=True)  # a NUL goes by a redirect
        assert response.status_code == 200, (url, raw)


def test_query_markup_is_escaped_on_the_page(indexed_app, client, login):
    login("worker")
    page = client.get("/kb/search", query_string={"q": "<img src=x onerror=alert(1)> 字样"}).get_data(as_text=True)
    assert "<img src=x" not in page
    assert "<script>alert" not in page


def test_document_markup_is_escaped_on_the_article_page(indexed_app, client, login):
    from corpus.models import Article

    login("worker")
    article = Article.query.filter(Article.text.contains("<script>")).one()
    page = client.get(f"/kb/article/{article.id}", query_string={"q": "字样"}).get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_article_page_shows_citation_and_related(indexed_app, client, login):
    from corpus.models import Article

    login("worker")
    article = Article.query.filter(Article.text.contains("撤离作业场所")).one()
    page = client.get(f"/kb/article/{article.id}").get_data(as_text=True)
    assert "《中华人民共和国安全生产法》第五十五条" in page and "相关条文" in page


def test_filters_and_pagination_on_the_api(indexed_app, client, login):
    login("worker")
    data = client.get("/api/search", query_string={"q": "入井 烟草", "status": "superseded"}).get_json()
    assert data["results"] and {r["status"] for r in data["results"]} == {"superseded"}
    data = client.get("/api/search", query_string={"q": "从业人员", "page": "2"}).get_json()
    assert data["page"] == 2


def test_api_ask_returns_answer_and_citation(indexed_app, client, login):
    login("worker")
    data = client.get("/api/ask", query_string={"q": "下井能带烟吗"}).get_json()
    assert data["answered"] and data["citation"].startswith("《煤矿安全规程》第十条")
    assert data["results"][0]["answer"]


def test_api_requires_sign_in(indexed_app, client):
    assert client.get("/api/search", query_string={"q": "瓦斯"}).status_code == 401


def test_missing_index_gives_a_helpful_page_not_an_error(indexed_app, client, login):
    login("worker")
    drop_index(indexed_app)
    response = client.get("/kb/search", query_string={"q": "瓦斯"})
    assert response.status_code == 503 and "python run.py reindex" in response.get_data(as_text=True)
    assert client.get("/api/search", query_string={"q": "瓦斯"}).status_code == 503
    assert "reindex" in client.get("/kb/ask", query_string={"q": "瓦斯"}).get_data(as_text=True)


def test_unanswered_question_is_logged_for_trainers(indexed_app, client, login):
    from kb.models import SearchGap

    login("worker")
    for _ in range(2):
        page = client.get("/kb/ask", query_string={"q": "食堂几点开饭"}).get_data(as_text=True)
        assert "没有找到" in page
    gap = SearchGap.query.one()
    assert gap.times == 2 and gap.question == "食堂几点开饭"


def test_feedback_is_stored_and_trainers_see_it(indexed_app, client, login, post_form):
    from kb.models import AnswerFeedback

    login("worker")
    response = post_form(
        "/kb/ask/feedback",
        {
            "q": "下井能带烟吗",
            "helpful": "0",
            "reason": "outdated",
            "comment": "规程换版了",
            "citation": "《煤矿安全规程》第十条",
        },
        page="/kb/ask?q=下井能带烟吗",
    )
    assert response.status_code == 302
    feedback = AnswerFeedback.query.one()
    assert not feedback.helpful and feedback.reason_label == "条文已经过时"
    client.post("/logout")


def test_trainer_pages_are_for_trainers_only(indexed_app, client, login):
    login("worker")
    assert client.get("/kb/gaps").status_code == 403
    assert client.get("/kb/probe", query_string={"q": "瓦斯"}).status_code == 403


def test_probe_shows_terms_scores_and_matches(indexed_app, client, login):
    login("unit_trainer")
    page = client.get("/kb/probe", query_string={"q": "瓦思浓度到多少要撤人"}).get_data(as_text=True)
    assert "甲烷" in page  # the synonym it searched for
    assert "第一百九十三条" in page and "命中的词" in page


def test_home_page_has_the_ask_panel(indexed_app, client, login):
    login("worker")
    page = client.get("/").get_data(as_text=True)
    assert 'action="/kb/ask"' in page


def test_unanswered_question_shows_no_weak_match(indexed_app, client, login):
    login("worker")
    page = client.get("/kb/ask", query_string={"q": "食堂几点开饭"}).get_data(as_text=True)
    assert "没有找到" in page and "也可参考" not in page and 'class="hit"' not in page


def _citing_questions(app):
    """Three questions citing 安全生产法第五十五条, two of them approved, offered as the quiz would."""
    from collections import namedtuple

    from corpus.models import Article

    citing = namedtuple("CitingQuestion", "id type_label stem status stale")
    article = Article.query.filter(Article.text.contains("撤离作业场所")).one()
    questions = [
        citing(41, "单选题", "发现紧急情况时从业人员有权（ ）", "approved", False),
        citing(42, "判断题", "从业人员不得撤离作业场所", "draft", True),
        citing(43, "判断题", "紧急情况下可以先撤离", "approved", False),
    ]
    app.extensions["questions_citing"] = lambda article_id: questions if article_id == article.id else []
    return article


def test_trainers_see_the_questions_that_test_an_article(indexed_app, client, login):
    from flask import url_for

    article = _citing_questions(indexed_app)
    login("unit_trainer")
    page = client.get(f"/kb/article/{article.id}").get_data(as_text=True)
    assert "发现紧急情况时从业人员有权" in page and "草稿" in page and "已审核" in page
    with indexed_app.test_request_context():
        assert f'href="{url_for("quiz.detail", question_id=42)}"' in page


def test_workers_see_only_how_many_approved_questions_test_an_article(indexed_app, client, login):
    article = _citing_questions(indexed_app)
    login("worker")
    page = client.get(f"/kb/article/{article.id}").get_data(as_text=True)
    assert "本条有 2 道练习题" in page
    assert "发现紧急情况时从业人员有权" not in page and "草稿" not in page


def test_article_page_without_a_question_bank(indexed_app, client, login):
    from corpus.models import Article

    indexed_app.extensions.pop("questions_citing", None)
    login("team_leader")
    article = Article.query.filter(Article.text.contains("撤离作业场所")).one()
    page = client.get(f"/kb/article/{article.id}")
    assert page.status_code == 200 and "练习题" not in page.get_data(as_text=True)


def test_cases_and_news_carry_no_in_force_status(whoosh_indexed_app, client, login):
    """现行有效 / 施行日期 belong to rules (laws, regulations, the mine's own rules); an accident case or a
    news item is neither in force nor not, so no page shows it such a status: not the library list, the
    document page, the article page, a search hit, nor the answer that cites it. A rule keeps its own."""
    import re

    from sqlalchemy import select

    from core.db import db
    from corpus.models import Article, Document

    login("worker")
    case = db.session.scalar(select(Document).where(Document.doc_type == "案例"))
    rule = db.session.scalar(select(Document).where(Document.title == "煤矿安全规程", Document.status == "current"))
    status = re.compile(r"现行有效|已被新版本取代|已废止|施行")

    def row(page: str, title: str) -> str:
        return next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if title in r)

    library = client.get("/library/").get_data(as_text=True)
    assert not status.search(row(library, case.title)), row(library, case.title)
    assert "现行有效" in row(library, rule.title)
    document = client.get(f"/library/{case.id}").get_data(as_text=True)
    assert not status.search(re.search(r"<h1>.*?</h1>", document, re.S).group(0))
    assert "现行有效" in re.search(r"<h1>.*?</h1>", client.get(f"/library/{rule.id}").get_data(as_text=True),
                                   re.S).group(0)
    article = db.session.scalar(select(Article).where(Article.document_id == case.id))
    head = client.get(f"/kb/article/{article.id}").get_data(as_text=True).split("<h1>")[0].split('<article')[1]
    assert "案例" in head and not status.search(head), head

    for url in ("/kb/search", "/kb/ask"):
        page = client.get(url, query_string={"q": "小王加班费"}).get_data(as_text=True)
        hits = [h for h in re.findall(r'<li class="hit">.*?</li>', page, re.S) if case.title in h]
        citations = [c for c in re.findall(r'<p class="citation">.*?</p>', page, re.S) if case.title in c]
        assert hits or citations, url
        for shown in hits + citations:
            assert not status.search(shown), (url, shown)
    rules = client.get("/kb/search", query_string={"q": "下井能带烟吗"}).get_data(as_text=True)
    assert 'class="badge current">现行有效' in rules
