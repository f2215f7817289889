"""Changing a contest's times and cancelling it: before it starts both times, while it runs only a
later end (not before now), never once it ended or was cancelled; cancelling keeps the answers given
and shows the contest as 已取消. Only the organisers whose scope covers all its teams may do either."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.db import db
from quiz.contests import schedule
from quiz.taking.models import Attempt
from tests.contests.test_contest_stopped import sign


def test_a_running_contest_may_end_later_and_open_sittings_get_the_time(race):
    contest = race.contest
    new_end = race.now + timedelta(hours=3)
    schedule.reschedule(contest, contest.starts_at, new_end, race.now)
    assert contest.ends_at == new_end and contest.paper.closes_at == new_end
    sitting = db.session.query(Attempt).filter_by(paper_id=contest.paper_id, status="open").one()
    # 30 minutes' limit from its start, no longer cut by the old end.
    assert sitting.deadline == sitting.started_at + timedelta(minutes=30)


def test_a_running_contest_may_end_sooner_but_not_before_now_nor_move_its_start(race):
    contest = race.contest
    soon = race.now + timedelta(minutes=1)
    schedule.reschedule(contest, contest.starts_at, soon, race.now)
    sitting = db.session.query(Attempt).filter_by(paper_id=contest.paper_id, status="open").one()
    assert contest.paper.closes_at == soon and sitting.deadline == soon
    with pytest.raises(schedule.ContestError, match="已经过去"):
        schedule.reschedule(contest, contest.starts_at, race.now - timedelta(minutes=1), race.now)
    with pytest.raises(schedule.ContestError, match="已经开始"):
        schedule.reschedule(contest, contest.starts_at + timedelta(minutes=5), soon, race.now)


def test_an_upcoming_contest_may_move_both_times_but_not_into_the_past(race):
    contest = race.contest
    contest.starts_at = contest.paper.opens_at = race.now + timedelta(days=1)
    contest.ends_at = contest.paper.closes_at = race.now + timedelta(days=1, hours=1)
    start, end = race.now + timedelta(days=2), race.now + timedelta(days=2, hours=2)
    schedule.reschedule(contest, start, end, race.now)
    assert (contest.starts_at, contest.ends_at, contest.paper.opens_at, contest.paper.closes_at) == (start, end, start, end)
    with pytest.raises(schedule.ContestError, match="开始时间已经过去"):
        schedule.reschedule(contest, race.now - timedelta(hours=1), end, race.now)
    with pytest.raises(schedule.ContestError, match="晚于开始时间"):
        schedule.reschedule(contest, end, start, race.now)


def test_a_cancelled_contest_keeps_its_times_and_is_not_cancelled_twice(race):
    contest = race.contest
    schedule.cancel(contest, race.now)
    assert contest.paper.status == "archived" and contest.state(race.now) == "cancelled"
    assert contest.cancelled_at == race.now
    with pytest.raises(schedule.ContestError, match="已取消"):
        schedule.reschedule(contest, contest.starts_at, race.now + timedelta(hours=5), race.now)
    with pytest.raises(schedule.ContestError, match="已取消"):
        schedule.cancel(contest, race.now)


def test_an_ended_contest_keeps_its_times_and_cannot_be_cancelled(app, race):
    """Its ranking is out: cancelling it would take the published ranking away from the people who sat it."""
    contest = race.contest
    contest.ends_at = contest.paper.closes_at = race.now - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(schedule.ContestError, match="已结束"):
        schedule.reschedule(contest, contest.starts_at, race.now + timedelta(hours=5), race.now)
    with pytest.raises(schedule.ContestError, match="已结束"):
        schedule.cancel(contest, race.now)
    trainer = sign(app, race.trainer)
    token = trainer._token(f"/contests/{contest.id}")
    answer = trainer.post(f"/contests/{contest.id}/cancel", data={"csrf_token": token, "confirmed": "1"},
                          follow_redirects=True)
    assert "不能再取消" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert contest.cancelled_at is None and contest.paper.status == "published"
    assert contest.state(race.now) == "ended"


def test_the_contest_page_changes_the_times_and_cancels_after_confirmation(app, race):
    from core import clock
    contest = race.contest
    trainer = sign(app, race.trainer)
    page = trainer.get(f"/contests/{contest.id}").get_data(as_text=True)
    assert f"/contests/{contest.id}/edit" in page and "取消竞赛" in page
    form = trainer.get(f"/contests/{contest.id}/edit")
    assert form.status_code == 200
    token = trainer._token(f"/contests/{contest.id}/edit")
    new_end = (clock.local(race.now) + timedelta(hours=2)).replace(second=0)
    answer = trainer.post(f"/contests/{contest.id}/edit", data={
        "csrf_token": token, "starts_at": clock.local(contest.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": new_end.strftime("%Y-%m-%dT%H:%M")})
    assert answer.status_code == 302
    db.session.refresh(contest)
    assert contest.ends_at == clock.to_utc(new_end.replace(tzinfo=None))
    asked = trainer.post(f"/contests/{contest.id}/cancel", data={"csrf_token": token})
    assert asked.status_code == 200 and "确认取消竞赛" in asked.get_data(as_text=True)
    db.session.refresh(contest)
    assert contest.paper.status == "published"
    done = trainer.post(f"/contests/{contest.id}/cancel", data={"csrf_token": token, "confirmed": "1"})
    assert done.status_code == 302
    db.session.refresh(contest.paper)
    assert contest.paper.status == "archived"
    assert db.session.query(Attempt).filter_by(paper_id=contest.paper_id).count() == len(race.logs)


def test_only_organisers_covering_all_its_teams_may_change_it(app, race):
    contest = race.contest
    leader = sign(app, race.leader)
    assert leader.get(f"/contests/{contest.id}/edit").status_code == 403
    assert "取消竞赛" not in leader.get(f"/contests/{contest.id}").get_data(as_text=True)
    other = sign(app, race.other_trainer)
    assert other.get(f"/contests/{contest.id}/edit").status_code == 404
