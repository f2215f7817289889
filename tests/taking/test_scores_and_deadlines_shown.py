"""What the pages say about a sitting: the same score wherever it is shown, and a deadline the
worker can use (a countdown only for a real time limit; "today before 24:00" for a quiz open
until the end of the day)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from core import clock
from core.db import db, utcnow
from quiz.taking import attempts, days
from quiz.taking.attempts import to_shown
from quiz.taking.models import Attempt
from quiz.taking.scoring import points_text
from tests.taking.test_api import api_headers


def test_points_text_keeps_the_decimals_that_count():
    assert [points_text(Decimal(v)) for v in ("1.50", "5.00", "0.25", "0", "100", "2.5")] == \
        ["1.5", "5", "0.25", "0", "100", "2.5"]
    assert points_text(None) == ""


def test_the_daily_score_reads_the_same_on_the_result_and_the_quiz_list(client, login, make_questions):
    make_questions(single=4, multi=1)
    login()
    h = api_headers(client)
    daily = client.post("/api/v1/daily", headers=h).json
    attempt = db.session.get(Attempt, daily["id"])
    singles_right = 0
    for item in attempt.items:
        key = to_shown(item, list(item.version.answer))
        if item.version.type == "multi":
            answer = key[:1]  # a correct part of the key: half the points
        elif singles_right == 0:
            answer, singles_right = key, 1
        else:
            answer = [next(o["key"] for o in daily["items"][item.position - 1]["options"] if o["key"] not in key)]
        saved = client.put(f"/api/v1/attempts/{attempt.id}/items/{item.position}", json={"answer": answer}, headers=h)
        assert saved.status_code == 200
    result = client.post(f"/api/v1/attempts/{attempt.id}/submit", headers=h).json
    assert Decimal(result["score"]) == Decimal("1.5")

    listed = client.get("/quizzes").get_data(as_text=True)
    assert "今天的每日一练已完成，得分 1.5/5。" in listed
    shown = client.get(f"/attempts/{attempt.id}/result").get_data(as_text=True)
    assert re.search(r'data-testid="score">1.5</span> / 5 分', shown), shown[:2000]


def test_a_quiz_open_until_the_end_of_the_day_shows_that_not_a_countdown(app, make_paper, make_user):
    worker = make_user()
    now = utcnow()
    # The pre-shift quiz: practice, closing at the end of the local day (its 5 minutes are a guide only).
    preshift = make_paper(sections=(("single", 2, "1"),), mode="practice", time_limit_minutes=5,
                          opens_at=now - timedelta(minutes=1), closes_at=days.day_end(now))
    view = attempts.attempt_view(attempts.start_paper(preshift, worker, now), now)
    assert view["time_limited"] is False
    assert view["deadline_label"] == "今天 24:00 前完成"
    assert view["remaining_seconds"] > 0  # the page still closes it on time


def test_a_closing_time_on_another_day_is_shown_as_a_date(app, make_paper, make_user):
    worker = make_user()
    now = utcnow()
    closes = days.day_end(now) + timedelta(hours=10, minutes=30)
    paper = make_paper(sections=(("single", 1, "1"),), mode="practice", closes_at=closes)
    view = attempts.attempt_view(attempts.start_paper(paper, worker, now), now)
    assert view["time_limited"] is False
    assert view["deadline_label"] == clock.shown(closes, "%m月%d日 %H:%M") + " 前完成"


def test_an_exam_with_a_time_limit_counts_down(app, make_paper, make_user):
    worker = make_user()
    now = utcnow()
    exam = make_paper(sections=(("single", 1, "1"),), time_limit_minutes=30, closes_at=now + timedelta(days=3))
    view = attempts.attempt_view(attempts.start_paper(exam, worker, now), now)
    assert view["time_limited"] is True
    assert 29 * 60 <= view["remaining_seconds"] <= 30 * 60


def test_practice_without_a_deadline_has_no_label(app, make_paper, make_user):
    worker = make_user()
    now = utcnow()
    paper = make_paper(sections=(("single", 1, "1"),), mode="practice")
    view = attempts.attempt_view(attempts.start_paper(paper, worker, now), now)
    assert view["time_limited"] is False and view["deadline_label"] == "" and view["remaining_seconds"] is None
