"""Making a contest asks the paper rule (quiz.taking.access) and the organiser's scope: a paper the
organiser may not see is neither offered nor accepted, and a team outside the scope is refused with a
reason instead of being dropped silently."""

from __future__ import annotations

from datetime import timedelta

from core.db import db, utcnow
from quiz.contests.models import Contest
from quiz.taking import papers
from tests.contests.test_contests import signed_in
from tests.papers import build_paper


def _post(client, race, paper_id: int, team_ids: list[int], title: str):
    start = (utcnow() + timedelta(hours=8, minutes=5)).strftime("%Y-%m-%dT%H:%M")  # local (UTC+8)
    end = (utcnow() + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M")
    data = {"csrf_token": client._token("/contests/new"), "title": title, "paper": paper_id, "starts_at": start,
            "ends_at": end, "top_n": 1, "teams": team_ids, "confirmed": "1"}  # one team: asked first otherwise
    return client.post("/contests/new", data=data)


def _made(title: str) -> Contest | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Contest).where(Contest.title == title))


def test_a_team_outside_the_organisers_scope_is_refused_with_a_reason(app, race):
    client = signed_in(app, race.other_trainer)  # 掘进二队's trainer
    response = _post(client, race, race.source.id, [race.teams["掘进班"].id, race.teams["回收班"].id], "越界对抗赛")
    assert response.status_code == 200 and "参赛班组只能是您管理范围内的班组" in response.get_data(as_text=True)
    assert _made("越界对抗赛") is None
    assert _post(client, race, race.source.id, [race.teams["掘进班"].id], "掘进赛").status_code == 302
    assert _made("掘进赛").team_ids == [race.teams["掘进班"].id]


def test_a_paper_the_organiser_may_not_see_is_neither_offered_nor_accepted(app, race):
    other = build_paper([("single", 2, "5")], title="综采内部考试", created_by_id=race.trainer.id)
    papers.set_audience(other, unit_ids=[race.teams["回收班"].unit_id])
    db.session.commit()
    outsider = signed_in(app, race.other_trainer)
    assert "综采内部考试" not in outsider.get("/contests/new").get_data(as_text=True)
    refused = _post(outsider, race, other.id, [race.teams["掘进班"].id], "偷卷赛")
    assert refused.status_code == 200 and _made("偷卷赛") is None
    own = signed_in(app, race.trainer)
    assert "综采内部考试" in own.get("/contests/new").get_data(as_text=True)
    assert _post(own, race, other.id, [race.teams["回收班"].id], "综采赛").status_code == 302
    assert _made("综采赛") is not None
