"""What the people taking part see of a contest: their team's running contest on the home page
(竞赛, when it ends, 去参加), 竞赛 beside its paper on 考试练习, and on the result of their sitting
「竞赛结束后公布排名」 until it ends, then their own rank and the team ranking — never the other
people's names or scores."""

from __future__ import annotations

from datetime import timedelta

from core.db import db
from quiz.taking.models import Attempt
from tests.contests import expected
from tests.contests.test_contests import signed_in
from tests.factories import set_password


def sign(app, user):
    set_password(user, "Passw0rd!x", must_change=False)
    db.session.commit()
    return signed_in(app, user)


def sitting_of(race, user) -> Attempt:
    return db.session.query(Attempt).filter_by(paper_id=race.contest.paper_id, user_id=user.id).one()


def test_the_home_page_lists_the_running_contest_of_the_workers_team(app, race):
    page = sign(app, race.members["回收班"][4]).get("/").get_data(as_text=True)
    assert 'data-testid="home-contests"' in page and race.contest.title in page and "去参加" in page
    assert "竞赛" in page and "结束" in page
    outsider = sign(app, race.members["掘进班"][1]).get("/").get_data(as_text=True)
    assert race.contest.title not in outsider


def test_a_worker_who_handed_in_is_told_the_ranking_comes_after_the_end(app, race):
    worker = race.members["回收班"][1]
    visitor = sign(app, worker)
    home = visitor.get("/").get_data(as_text=True)
    assert race.contest.title in home and "去参加" not in home and "竞赛结束后公布排名" in home
    result = visitor.get(f"/attempts/{sitting_of(race, worker).id}/result").get_data(as_text=True)
    assert "竞赛结束后公布排名" in result and 'data-testid="my-rank"' not in result


def test_quizzes_marks_the_contest_paper(app, race):
    page = sign(app, race.members["回收班"][4]).get("/quizzes").get_data(as_text=True)
    assert 'data-testid="paper-note">竞赛' in page


def test_after_the_end_the_worker_sees_his_rank_and_the_team_ranking_only(app, race):
    race.contest.ends_at = race.now - timedelta(minutes=1)
    db.session.commit()
    worker = race.members["安装班"][1]
    rank = next(row[0] for row in expected.people(race) if row[1] == worker.id)
    page = sign(app, worker).get(f"/attempts/{sitting_of(race, worker).id}/result").get_data(as_text=True)
    assert f'data-testid="my-rank">{rank}<' in page
    teams = [t["name"] for t in sorted(expected.teams(race, race.contest.paper.total_points), key=lambda t: t["rank"])]
    assert page.index(teams[0]) < page.index(teams[1]) and "安装班（本班组）" in page
    others = [u for members in race.members.values() for u in members if u.id != worker.id]
    assert not any(u.name in page for u in others)
