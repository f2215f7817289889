"""在全部条文中找答案: a trainer whose question's answer is not among the articles the ask page lists
follows the link to the search page, which carries the question along (for_question) while the query
is changed, and sets an article from the results, or from the article page reached from them, as the
question's answer; workers asking the original wording then get it. Workers see no buttons and
cannot post them; the question (user text) is escaped wherever it is shown."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html

from corpus.models import Article
from kb.models import ConfirmedAnswer

QUESTION = "头顶的石头松了怎么办"  # ask lists nothing for it
QUERY = "敲帮问顶"  # what the trainer searches instead
CITATION = "《煤矿安全规程》第一百二十六条"


def _page(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.status_code
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def _link(page: lxml.html.HtmlElement, text: str) -> str:
    [href] = [a.get("href") for a in page.iter("a") if text in a.text_content()]
    return href


def _search_again(client, page: lxml.html.HtmlElement, query: str) -> lxml.html.HtmlElement:
    """Type `query` into the page's search box and submit it as the browser would."""
    [form] = page.find_class("searchbar")
    fields = dict(form.form_values())
    fields["q"] = query
    return _page(client.get(form.action, query_string=fields))


def _hit(page: lxml.html.HtmlElement, citation: str) -> lxml.html.HtmlElement:
    [hit] = [li for li in page.find_class("hit") if citation in li.find(".//h3").text_content()]
    return hit


def _press(client, form: lxml.html.FormElement):
    """Submit a confirm form with what it holds (the CSRF token included)."""
    return client.post(form.action, data=dict(form.form_values()))


def _worker_gets_it(client, login, post_form, asked: str, trainer_name: str) -> None:
    post_form("/logout", page="/")
    login("worker")
    page = client.get("/kb/ask", query_string={"q": asked}).get_data(as_text=True)
    answer = page.split("也可参考")[0]
    assert f">{CITATION}</a>" in answer and f"培训员已确认（{trainer_name}，" in answer
    assert "设为" not in page and "在全部条文中找答案" not in page


def _to_search(client, question: str) -> lxml.html.HtmlElement:
    """From the ask page of `question`, 在全部条文中找答案, then search for QUERY instead."""
    asked = _page(client.get("/kb/ask", query_string={"q": question}))
    assert CITATION not in asked.text_content()  # the right article is not among those listed
    found = _page(client.get(_link(asked, "在全部条文中找答案")))
    assert question in found.find_class("for-question")[0].text_content()
    return _search_again(client, found, QUERY)


def test_a_trainer_confirms_an_article_from_the_search_results(indexed_app, client, login, post_form):
    trainer = login("unit_trainer")
    results = _to_search(client, QUESTION)
    assert QUESTION in results.find_class("for-question")[0].text_content()  # the question was kept
    [filters] = [f for f in results.forms if "filters" in f.classes]
    assert filters.fields["for_question"] == QUESTION  # filtering keeps it too
    [form] = _hit(results, CITATION).find_class("confirm")
    assert form.find(".//button").text_content() == f"设为“{QUESTION}”的答案"

    response = _press(client, form)
    assert response.status_code == 302
    back = urlsplit(response.headers["Location"])
    assert back.path == "/kb/ask" and parse_qs(back.query)["q"] == [QUESTION]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "培训员已确认" in page and f">{CITATION}</a>" in page.split("也可参考")[0]
    assert ConfirmedAnswer.query.one().question == QUESTION

    _worker_gets_it(client, login, post_form, f"{QUESTION}？", trainer.name)


def test_a_trainer_confirms_an_article_from_its_page_reached_from_the_results(indexed_app, client, login,
                                                                              post_form):
    trainer = login("team_leader")
    results = _to_search(client, QUESTION)
    article = _page(client.get(_hit(results, CITATION).find(".//h3/a").get("href")))
    assert CITATION in article.text_content() and QUESTION in article.find_class("for-question")[0].text_content()
    [searchbar] = article.find_class("searchbar")
    assert dict(searchbar.form_values())["for_question"] == QUESTION  # searching on from here keeps it
    [form] = article.find_class("confirm")
    assert form.find(".//button").text_content() == f"设为“{QUESTION}”的答案"

    response = _press(client, form)
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/kb/ask"
    _worker_gets_it(client, login, post_form, f" {QUESTION}", trainer.name)


def test_a_worker_sees_no_buttons_and_cannot_confirm(indexed_app, client, login, post_form):
    login("worker")
    asked = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert "在全部条文中找答案" not in asked
    article_id = Article.query.filter(Article.text.contains("敲帮问顶")).one().id
    for url in ("/kb/search", f"/kb/article/{article_id}"):
        page = _page(client.get(url, query_string={"q": QUERY, "for_question": QUESTION}))
        assert not page.find_class("confirm") and not page.find_class("for-question")
        assert QUESTION not in lxml.html.tostring(page, encoding=str)
    refused = post_form("/kb/ask/confirm", {"q": QUESTION, "article_id": str(article_id)}, page="/kb/search")
    assert refused.status_code == 403 and ConfirmedAnswer.query.count() == 0


def test_the_question_is_escaped_on_the_search_and_article_pages(indexed_app, client, login):
    question = "<script>alert(1)</script>顶板松了怎么办"
    login("unit_trainer")
    results = client.get("/kb/search", query_string={"q": QUERY, "for_question": question})
    article_id = Article.query.filter(Article.text.contains("敲帮问顶")).one().id
    article = client.get(f"/kb/article/{article_id}", query_string={"q": QUERY, "for_question": question})
    for response in (results, article):
        html = response.get_data(as_text=True)
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;顶板松了怎么办" in html
        [form] = _page(response).find_class("confirm")  # one on the article page, one per hit here
        assert form.fields["q"] == question  # the text itself is posted, not its escaped form

    response = _press(client, _page(article).find_class("confirm")[0])
    assert response.status_code == 302 and ConfirmedAnswer.query.one().question == question
