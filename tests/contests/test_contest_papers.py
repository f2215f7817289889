"""新建竞赛 offers only the papers a contest can use (published or complete draft exams, schedule.usable), says what to do
when there is none, answers in the contest's own words, and lists the teams as checkboxes."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from core.db import db, utcnow
from quiz.contests.models import Contest
from tests.contests.test_contests import signed_in
from tests.papers import build_paper

NONE_USABLE = "还没有可用于竞赛的考试试卷，请先"


def _options(page: str) -> str:
    return re.search(r'<select[^>]*name="paper".*?</select>', page, re.S).group(0)


def test_only_published_exams_are_offered_and_others_refused_in_the_contests_words(app, race):
    empty = build_paper([], publish=False, title="零题草稿", pass_score=Decimal(80))
    build_paper([("single", 2, "5")], title="班前练习", mode="practice", max_attempts=0)
    client = signed_in(app, race.trainer)
    page = client.get("/contests/new").get_data(as_text=True)
    offered = _options(page)
    assert race.source.title in offered
    assert "零题草稿" not in offered and "班前练习" not in offered
    assert NONE_USABLE not in page
    start = (utcnow() + timedelta(hours=8, minutes=5)).strftime("%Y-%m-%dT%H:%M")
    end = (utcnow() + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M")
    data = {"csrf_token": client._token("/contests/new"), "title": "零题赛", "paper": empty.id, "starts_at": start,
            "ends_at": end, "top_n": 1, "teams": [race.teams["回收班"].id]}
    refused = client.post("/contests/new", data=data).get_data(as_text=True)
    assert "请选择一份已发布、或已填写完整（题目够用）的未发布考试试卷" in refused
    assert "组卷规则" not in refused and "及格分" not in refused  # not the paper editor's wording
    assert db.session.scalar(db.select(Contest).where(Contest.title == "零题赛")) is None


def test_with_no_usable_paper_the_form_says_to_publish_an_exam_first(app, race):
    race.source.status = "archived"
    build_paper([], publish=False, title="零题草稿", pass_score=Decimal(80))
    db.session.commit()
    page = signed_in(app, race.trainer).get("/contests/new").get_data(as_text=True)
    notice = re.search(r'<p class="notice"[^>]*id="no-contest-paper".*?</p>', page, re.S)
    assert notice and NONE_USABLE in notice.group(0)
    assert 'href="/papers/new"' in notice.group(0)
    assert "零题草稿" not in page


def test_teams_are_checkboxes(app, race):
    page = signed_in(app, race.trainer).get("/contests/new").get_data(as_text=True)
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*name="teams"[^>]*>|<input[^>]*name="teams"[^>]*type="checkbox"[^>]*>',
                       page)
    assert len(boxes) == 2  # 回收班 and 安装班, the trainer's unit
    assert "Ctrl" not in page and '<select multiple' not in page
