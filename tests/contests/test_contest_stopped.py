"""A contest whose paper was stopped (停用) before it ended, or that was cancelled, is 已取消 everywhere:
not offered on the workers' home page, and 已取消 on the contest list, its page and the board. A paper
stopped after its contest ended (tidying old papers) leaves the contest 已结束 with its ranking."""

from __future__ import annotations

from core.db import db
from tests.contests.test_contests import signed_in
from tests.factories import set_password


def sign(app, user):
    set_password(user, "Passw0rd!x", must_change=False)
    db.session.commit()
    return signed_in(app, user)


def stop_on_the_paper_page(app, trainer, paper) -> None:
    client = sign(app, trainer)
    token = client._token(f"/papers/{paper.id}")
    answer = client.post(f"/papers/{paper.id}/archive", data={"csrf_token": token, "confirmed": "1"})
    assert answer.status_code == 302
    db.session.expire_all()


def test_a_stopped_contest_paper_stops_the_contest_everywhere(app, race):
    stop_on_the_paper_page(app, race.trainer, race.contest.paper)
    assert race.contest.paper.status == "archived" and race.contest.cancelled_at is not None
    home = sign(app, race.members["回收班"][4]).get("/").get_data(as_text=True)
    assert race.contest.title not in home and "去参加" not in home
    trainer = sign(app, race.trainer)
    listing = trainer.get("/contests/").get_data(as_text=True)
    assert "已取消" in listing and "进行中" not in listing
    detail = trainer.get(f"/contests/{race.contest.id}").get_data(as_text=True)
    assert 'data-testid="state">已取消<' in detail
    board = trainer.get(f"/api/v1/contests/{race.contest.id}/board").get_json()
    assert board["state"] == "cancelled" and board["state_label"] == "已取消" and board["seconds_left"] == 0


def test_the_worker_who_sat_a_cancelled_contest_keeps_his_result_and_is_told(app, race):
    from quiz.taking.models import Attempt
    stop_on_the_paper_page(app, race.trainer, race.contest.paper)
    worker = race.members["回收班"][1]
    sitting = db.session.query(Attempt).filter_by(paper_id=race.contest.paper_id, user_id=worker.id).one()
    page = sign(app, worker).get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert "竞赛已取消" in page and "竞赛结束后公布排名" not in page


def test_a_paper_stopped_after_its_contest_ended_leaves_the_contest_ended_and_its_ranking(app, race):
    from datetime import timedelta

    from quiz.taking.models import Attempt
    contest = race.contest
    contest.ends_at = contest.paper.closes_at = race.now - timedelta(minutes=1)
    db.session.commit()
    stop_on_the_paper_page(app, race.trainer, contest.paper)
    assert contest.paper.status == "archived" and contest.cancelled_at is None
    trainer = sign(app, race.trainer)
    detail = trainer.get(f"/contests/{contest.id}").get_data(as_text=True)
    assert 'data-testid="state">已结束<' in detail
    assert trainer.get(f"/api/v1/contests/{contest.id}/board").get_json()["state"] == "ended"
    worker = race.members["回收班"][1]
    sitting = db.session.query(Attempt).filter_by(paper_id=contest.paper_id, user_id=worker.id).one()
    page = sign(app, worker).get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert "竞赛已取消" not in page
