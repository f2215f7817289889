"""The search page answers a question as the ask page does: above the result list of page 1, the answer
kb.confirmed.answer gives (trainer-confirmed answers too), labelled 答案 or 可能的答案 as on the ask page,
with its citation, a link to the article and 查看完整回答; nothing more when ask declines, on later
pages, when filters narrow the list, or while a trainer chooses an article for a question
(在全部条文中找答案). A keyword search records no search gap; /api/search keeps its JSON."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html

from kb import confirmed
from kb.models import SearchGap

ANSWERED = "下井能带烟吗"  # ask answers it from 《煤矿安全规程》第十条
DECLINED = "头顶的石头松了怎么办"  # ask lists nothing for it (tests/kb/test_confirmed_search.py)
KEYWORDS = "从业人员"  # a plain keyword, not a question


def _page(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.status_code
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def _search(client, q: str, **args) -> lxml.html.HtmlElement:
    return _page(client.get("/kb/search", query_string={"q": q, **args}))


def _block(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    found = page.find_class("answer-brief")
    assert len(found) <= 1
    return found[0] if found else None


def _article_id(href: str) -> int:
    return int(urlsplit(href).path.rstrip("/").rsplit("/", 1)[1])


def _asked(client, q: str) -> tuple[str, int]:
    """(heading, article id) of the answer on the ask page of `q`."""
    page = _page(client.get("/kb/ask", query_string={"q": q}))
    [section] = page.find_class("answer")
    return section.find(".//h2").text_content().strip(), _article_id(section.find_class("citation")[0].find(".//a").get("href"))


def test_a_question_answered_confidently_shows_the_answer_above_the_list(indexed_app, client, login):
    login("worker")
    expected = client.get("/api/ask", query_string={"q": ANSWERED}).get_json()
    assert expected["answered"] and expected["confident"]
    page = _search(client, ANSWERED)
    block = _block(page)
    assert block is not None
    assert block.find(".//h2").text_content().strip() == "答案"
    assert not block.find_class("notice")  # 把握不大 only for 可能的答案
    citation = block.find_class("citation")[0]
    assert citation.find(".//a").text_content() == expected["citation"]
    assert expected["citation"].startswith("《煤矿安全规程》第十条")
    assert block.find_class("answer-text")[0].find(".//mark") is not None  # the question's words marked
    [more] = [a for a in block.iter("a") if "查看完整回答" in a.text_content()]
    target = urlsplit(more.get("href"))
    assert target.path == "/kb/ask" and parse_qs(target.query)["q"] == [ANSWERED]
    # Above the result list, which stays.
    html = lxml.html.tostring(page, encoding=str)
    assert page.find_class("hits") and html.index("answer-brief") < html.index('class="list hits"')
    assert "直接问答" not in html  # 查看完整回答 leads there instead


def test_a_possible_answer_is_labelled_as_on_the_ask_page(indexed_app, client, login, monkeypatch):
    login("worker")
    real = confirmed.answer

    def unsure(kb, session, question):
        from dataclasses import replace

        from kb.qa import CONFIDENT_THRESHOLD

        found = real(kb, session, question)
        return replace(found, confidence=min(found.confidence, CONFIDENT_THRESHOLD - 0.01)) if found.answered else found

    monkeypatch.setattr(confirmed, "answer", unsure)
    heading, _ = _asked(client, ANSWERED)
    block = _block(_search(client, ANSWERED))
    assert heading == "可能的答案" and block.find(".//h2").text_content().strip() == heading
    assert "把握不大" in block.find_class("notice")[0].text_content()


def test_an_answer_from_a_rule_out_of_force_says_so_above_the_list_too(indexed_app, client, login, monkeypatch):
    """The ask page's 请以现行规定为准 under an answer from a repealed or superseded rule shows in the
    search page's answer too, not only its badge."""
    login("worker")
    real = confirmed.answer

    def repealed(kb, session, question):
        from dataclasses import replace

        found = real(kb, session, question)
        return replace(found, hit=replace(found.hit, status="repealed")) if found.answered else found

    monkeypatch.setattr(confirmed, "answer", repealed)
    asked = _page(client.get("/kb/ask", query_string={"q": ANSWERED}))
    block = _block(_search(client, ANSWERED))
    for shown in (asked.find_class("answer")[0], block):
        notices = " ".join(n.text_content() for n in shown.find_class("notice"))
        assert "已废止" in notices and "请以现行规定为准" in notices


def test_no_block_when_ask_declines_and_no_gap_is_recorded(indexed_app, client, login):
    login("worker")
    for q in (DECLINED, KEYWORDS):
        assert not client.get("/api/ask", query_string={"q": q}).get_json()["answered"]
        page = _search(client, q)
        assert _block(page) is None, q
        assert "直接问答" in page.text_content() or not page.find_class("hits"), q  # beside a list, as before
    assert SearchGap.query.count() == 0  # a keyword search is not an unanswered question
    client.get("/kb/ask", query_string={"q": DECLINED})
    assert SearchGap.query.count() == 1  # asking it still is


def test_only_page_one_asks(indexed_app, client, login, monkeypatch):
    login("worker")
    calls: list[str] = []
    real = confirmed.answer
    monkeypatch.setattr(confirmed, "answer", lambda kb, session, q: calls.append(q) or real(kb, session, q))
    assert _block(_search(client, ANSWERED)) is not None and calls == [ANSWERED]
    assert _block(_search(client, ANSWERED, page="2")) is None and calls == [ANSWERED]


def test_filters_narrowing_the_list_show_no_block(indexed_app, client, login):
    login("worker")
    assert _block(_search(client, ANSWERED, status="superseded")) is None
    assert _block(_search(client, ANSWERED, type="法律")) is None


def test_the_block_escapes_user_text(indexed_app, client, login):
    login("worker")
    q = f'{ANSWERED}"><script>alert(1)</script>'
    response = client.get("/kb/search", query_string={"q": q})
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and '"><script' not in html
    block = _block(_page(response))
    assert block is not None
    [more] = [a for a in block.iter("a") if "查看完整回答" in a.text_content()]
    assert parse_qs(urlsplit(more.get("href")).query)["q"] == [q]  # the text itself, escaped only in HTML


def test_the_search_block_and_the_ask_page_agree(indexed_app, client, login):
    trainer = login("unit_trainer")
    questions = (ANSWERED, "发现事故隐患应该向谁报告", "遇到危险能不能先撤离")
    for q in questions:
        heading, article_id = _asked(client, q)
        block = _block(_search(client, q))
        assert block is not None, q
        assert block.find(".//h2").text_content().strip() == heading, q
        assert _article_id(block.find_class("citation")[0].find(".//a").get("href")) == article_id, q
    # A trainer-confirmed answer shows on the search page too.
    from core.db import db
    from corpus.models import Article

    article = Article.query.filter(Article.text.contains("敲帮问顶")).one()
    confirmed.confirm(db.session, DECLINED, article.id, trainer.id, by=trainer.name)
    db.session.commit()
    block = _block(_search(client, DECLINED))
    assert block is not None and "培训员已确认" in block.text_content()
    assert _article_id(block.find_class("citation")[0].find(".//a").get("href")) == article.id == _asked(client, DECLINED)[1]


def test_no_block_while_a_trainer_chooses_an_article_for_a_question(indexed_app, client, login):
    login("unit_trainer")
    page = _search(client, ANSWERED, for_question=DECLINED)
    assert page.find_class("for-question") and page.find_class("confirm")  # the flow itself works
    assert _block(page) is None


def test_the_api_keeps_its_shape(indexed_app, client, login):
    from kb import knowledge_base

    login("worker")
    data = client.get("/api/search", query_string={"q": ANSWERED}).get_json()
    expected = knowledge_base().search(ANSWERED, page=1, per_page=10).to_json()
    assert set(data) == set(expected) and "answer" not in data
    assert [r["citation"] for r in data["results"]] == [r["citation"] for r in expected["results"]]
