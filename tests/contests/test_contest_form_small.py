"""新建竞赛's small answers: 每队计分人数 0 is "至少为 1" (not "请填写", it was filled in); one team only is
asked about first (a contest ranks teams; with one it is a 班组内 individual contest); the team scores on
a worker's contest result are points as everywhere (100, not 100.00)."""

from __future__ import annotations

from datetime import timedelta

from core.db import db, utcnow
from quiz.contests.models import Contest
from quiz.taking.models import Attempt
from tests.contests.test_contest_stopped import sign


def _data(client, race, **changes):
    start = (utcnow() + timedelta(hours=8, minutes=5)).strftime("%Y-%m-%dT%H:%M")
    end = (utcnow() + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M")
    data = {"csrf_token": client._token("/contests/new"), "title": "小赛", "paper": race.source.id, "starts_at": start,
            "ends_at": end, "top_n": 2, "teams": [race.teams["回收班"].id, race.teams["安装班"].id]}
    data.update(changes)
    return data


def _made():
    return db.session.scalar(db.select(Contest).where(Contest.title == "小赛"))


def test_zero_counted_people_is_at_least_one(app, race):
    client = sign(app, race.trainer)
    page = client.post("/contests/new", data=_data(client, race, top_n=0)).get_data(as_text=True)
    assert "至少为 1" in page and "请填写每队计分人数" not in page
    assert _made() is None


def test_one_team_is_asked_about_before_the_contest_is_made(app, race):
    client = sign(app, race.trainer)
    data = _data(client, race, teams=[race.teams["回收班"].id])
    asked = client.post("/contests/new", data=data)
    assert asked.status_code == 200 and "只有一个参赛班组" in asked.get_data(as_text=True)
    assert _made() is None
    made = client.post("/contests/new", data={**data, "confirmed": "1"})
    assert made.status_code == 302 and _made() is not None and _made().team_ids == [race.teams["回收班"].id]


def test_two_teams_are_made_without_a_question(app, race):
    client = sign(app, race.trainer)
    assert client.post("/contests/new", data=_data(client, race)).status_code == 302 and _made() is not None


def test_team_scores_on_a_workers_result_are_points(app, race):
    race.contest.ends_at = race.now - timedelta(minutes=1)
    db.session.commit()
    worker = race.members["回收班"][1]
    sitting = db.session.query(Attempt).filter_by(paper_id=race.contest.paper_id, user_id=worker.id).one()
    page = sign(app, worker).get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert "<td>100</td>" in page and ".00<" not in page
