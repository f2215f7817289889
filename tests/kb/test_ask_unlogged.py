"""An unanswerable question: the people of the teams are told it was logged (it is); trainers and admins,
whose questions are not logged, are told so instead of “问题已记录”."""

from __future__ import annotations

import pytest

from kb.models import SearchGap

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
