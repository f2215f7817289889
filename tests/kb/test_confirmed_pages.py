"""Trainer-confirmed answers through the app: a trainer sets an article as a question's answer on the
ask page; workers then get it (培训员已确认) on the page, the API and the command line alike; workers
can neither see the buttons nor post them; the gaps page lists confirmations; the export is a set
bench/eval_ask.py reads."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import lxml.html

from bench.eval_ask import load
from core.audit import AuditEntry
from corpus.models import Article
from kb.models import ConfirmedAnswer, SearchGap

QUESTION = "瓦斯超限怎么办"
CITATION = "《煤矿安全规程》第一百九十七条"


def _article() -> Article:
    return Article.query.filter(Article.text.contains("方可人工开启局部通风机")).one()


def _confirm(client, post_form, question: str = QUESTION, article_id: int | None = None):
    return post_form(
        "/kb/ask/confirm",
        {"q": question, "article_id": str(article_id or _article().id)},
        page=f"/kb/ask?q={question}",
    )


def test_a_trainer_confirms_on_the_ask_page_and_a_worker_gets_that_article(indexed_app, client, login, post_form):
    login("worker")
    page = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert CITATION not in page.split("也可参考")[0] and "设为这个问题的答案" not in page
    post_form("/logout", page="/")

    trainer = login("unit_trainer")
    page = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert page.count("设为这个问题的答案") >= 2  # the answer and each article offered beside it
    response = _confirm(client, post_form, "瓦斯超限怎么办？")
    assert response.status_code == 302 and "/kb/ask" in response.headers["Location"]
    entry = AuditEntry.query.filter_by(action="answer.confirm").one()
    assert entry.actor_id == trainer.id and CITATION in entry.summary
    post_form("/logout", page="/")

    login("worker")
    page = client.get("/kb/ask", query_string={"q": " 瓦斯超限怎么办 "}).get_data(as_text=True)
    answer = page.split("也可参考")[0]
    assert f">{CITATION}</a>" in answer and f"培训员已确认（{trainer.name}，" in answer
    assert "设为这个问题的答案" not in page and "撤销确认" not in page


def test_workers_cannot_confirm_or_withdraw(indexed_app, client, login, post_form):
    login("worker")
    assert _confirm(client, post_form).status_code == 403
    withdrawn = post_form("/kb/ask/withdraw", {"q": QUESTION}, page=f"/kb/ask?q={QUESTION}")
    assert withdrawn.status_code == 403
    assert ConfirmedAnswer.query.count() == 0


def test_confirming_without_the_csrf_token_is_refused(indexed_app, client, login):
    login("unit_trainer")
    response = client.post("/kb/ask/confirm", data={"q": QUESTION, "article_id": str(_article().id)})
    assert response.status_code == 400 and ConfirmedAnswer.query.count() == 0


def test_an_unknown_article_is_not_found(indexed_app, client, login, post_form):
    login("unit_trainer")
    assert _confirm(client, post_form, article_id=999_999).status_code == 404


def test_page_api_and_command_line_give_the_same_confirmed_article(indexed_app, client, login, post_form, runner):
    login("team_leader")
    _confirm(client, post_form)
    data = client.get("/api/ask", query_string={"q": "瓦斯超限怎么办？"}).get_json()
    assert data["answered"] and data["confirmed_by_trainer"] and data["citation"] == CITATION
    output = runner.invoke(args=["ask", "瓦斯超限怎么办!", "--json"]).output
    line = json.loads(output)
    assert line["citation"] == CITATION and line["confirmed_by_trainer"]
    assert line["results"][0]["article_id"] == data["results"][0]["article_id"] == _article().id


def test_the_gaps_page_links_each_gap_to_its_answer_and_lists_confirmations(indexed_app, client, login, post_form):
    login("worker")
    client.get("/kb/ask", query_string={"q": "食堂几点开饭"})
    post_form("/logout", page="/")
    login("unit_trainer")
    page = client.get("/kb/gaps").get_data(as_text=True)
    assert "指定答案" in page and "review=1" in page and "暂无。" in page
    client.get("/kb/ask", query_string={"q": "食堂几点开饭", "review": "1"})  # opening it is not asking again
    assert SearchGap.query.one().times == 1

    _confirm(client, post_form)
    page = client.get("/kb/gaps").get_data(as_text=True)
    listed = page.split("培训员确认的答案")[1]
    assert QUESTION in listed and CITATION in listed and "撤销确认" in listed

    response = post_form("/kb/ask/withdraw", {"q": QUESTION, "next": "gaps"}, page="/kb/gaps")
    assert response.status_code == 302 and response.headers["Location"].endswith("/kb/gaps")
    assert ConfirmedAnswer.query.count() == 0
    assert AuditEntry.query.filter_by(action="answer.withdraw").count() == 1
    assert not client.get("/api/ask", query_string={"q": QUESTION}).get_json()["confirmed_by_trainer"]


def test_the_export_is_a_set_eval_ask_reads_with_the_confirmed_gold(indexed_app, client, login, post_form, runner,
                                                                   tmp_path):
    login("unit_trainer")
    _confirm(client, post_form, "#3 工作面 瓦斯超限怎么办？")
    out = tmp_path / "confirmed.tsv"
    result = runner.invoke(args=["export-confirmed-answers", str(out)])
    assert result.exit_code == 0, result.output
    [(question, kind, gold)] = load(out)
    assert question == "＃3 工作面 瓦斯超限怎么办？" and kind == "action"
    assert gold == {("煤矿安全规程", "第一百九十七条")}


def test_each_answer_feedback_on_the_gaps_page_links_to_setting_its_answer(indexed_app, client, login, post_form):
    """A worker's 没帮助 on an answer ask was sure of: the trainer can set the right article from the row."""
    login("worker")
    post_form("/kb/ask/feedback", {"q": QUESTION, "helpful": "0", "reason": "wrong_article", "citation": CITATION},
              page=f"/kb/ask?q={QUESTION}")
    post_form("/logout", page="/")
    login("unit_trainer")
    page = lxml.html.document_fromstring(client.get("/kb/gaps").get_data(as_text=True))
    [row] = [tr for tr in page.iter("tr") if "没帮助" in tr.text_content()]
    [href] = [a.get("href") for a in row.iter("a") if a.text_content() == "指定答案"]
    target = urlsplit(href)
    assert target.path == "/kb/ask" and parse_qs(target.query) == {"q": [QUESTION], "review": ["1"]}
    assert "设为这个问题的答案" in client.get(href).get_data(as_text=True)


def test_only_questions_from_the_teams_are_logged_as_gaps(indexed_app, client, login, post_form):
    for role in ("unit_trainer", "admin"):
        login(role)
        client.get("/kb/ask", query_string={"q": "食堂几点开饭"})
        post_form("/logout", page="/")
    assert SearchGap.query.count() == 0  # a trainer's or an admin's trial question is not a worker's gap
    login("worker")
    client.get("/kb/ask", query_string={"q": "食堂几点开饭"})
    assert SearchGap.query.one().times == 1
