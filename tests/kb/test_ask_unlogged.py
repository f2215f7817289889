"""An unanswerable question: the people of the teams are told it was logged (it is); trainers and admins,
whose questions are not logged, are told so instead of “问题已记录” — on the ask page and by /api/ask (which
logs no one's, so tells no one it did); the search page's answer block never says it."""

from __future__ import annotations

import pytest

from kb.models import SearchGap
from kb.qa import EMPTY_QUESTION, NO_ANSWER, NO_ANSWER_PLAIN, NO_ANSWER_UNLOGGED, Answer, asker_message

QUESTION = "食堂几点开饭"


@pytest.mark.parametrize("role", ["unit_trainer", "admin"])
def test_a_trainers_unanswered_question_is_not_said_to_be_logged(indexed_app, client, login, role):
    login(role)
    page = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert "没有找到" in page and "不计入问答反馈" in page
    assert "问题已记录" not in page
    assert SearchGap.query.count() == 0


@pytest.mark.parametrize("role", ["worker", "team_leader"])
def test_a_team_members_unanswered_question_is_logged_and_said_so(indexed_app, client, login, role):
    login(role)
    page = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert "问题已记录" in page and "不计入问答反馈" not in page
    assert SearchGap.query.count() == 1


@pytest.mark.parametrize("role", ["unit_trainer", "admin"])
def test_the_api_and_the_search_page_tell_a_trainer_the_same(indexed_app, client, login, role):
    login(role)
    data = client.get("/api/ask", query_string={"q": QUESTION}).get_json()
    assert not data["answered"] and data["message"] == NO_ANSWER_UNLOGGED
    search = client.get("/kb/search", query_string={"q": QUESTION}).get_data(as_text=True)
    assert "问题已记录" not in search
    page = client.get("/kb/ask", query_string={"q": QUESTION}).get_data(as_text=True)
    assert NO_ANSWER_UNLOGGED in page
    assert SearchGap.query.count() == 0


def test_the_api_never_says_a_question_was_logged_since_it_logs_none(indexed_app, client, login):
    login("worker")
    data = client.get("/api/ask", query_string={"q": QUESTION}).get_json()
    assert not data["answered"] and "问题已记录" not in data["message"] and "不计入问答反馈" not in data["message"]
    assert data["message"].startswith("知识库里没有找到") and SearchGap.query.count() == 0


@pytest.mark.parametrize(("logged", "member", "told"), [
    (True, True, NO_ANSWER), (False, True, NO_ANSWER_PLAIN), (False, False, NO_ANSWER_UNLOGGED)])
def test_one_function_decides_what_an_unanswered_asker_is_told(logged, member, told):
    declined = Answer("食堂几点开饭", False, 0.0, message=NO_ANSWER)
    assert asker_message(declined, logged=logged, member=member) == told
    empty = Answer("", False, 0.0, message=EMPTY_QUESTION)
    assert asker_message(empty, logged=False, member=False) == EMPTY_QUESTION
    assert asker_message(None, logged=False, member=True) == ""


def test_the_command_line_never_says_a_question_was_logged_since_it_logs_none(indexed_app, runner):
    import json

    told = runner.invoke(args=["ask", QUESTION]).stdout
    assert "问题已记录" not in told and NO_ANSWER_PLAIN in told
    data = json.loads(runner.invoke(args=["ask", QUESTION, "--json"]).stdout)
    assert not data["answered"] and data["message"] == NO_ANSWER_PLAIN and SearchGap.query.count() == 0
