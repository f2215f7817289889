"""Contests: the leaderboard equals the ranking computed from the raw sittings, the window is kept,
and only the trainers of the participating teams (and admins) see it."""

from __future__ import annotations

import random
import re
from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal

import lxml.html
import pytest

from core.db import db, utcnow
from quiz.contests import schedule, standings
from quiz.contests.models import Contest
from quiz.taking import attempts
from quiz.taking.models import Attempt
from quiz.taking.scoring import points_text
from tests.contests import expected
from tests.contests.conftest import sit


class Visitor:
    """A signed-in test client whose every request runs in an app context of its own (the `app`
    fixture keeps one pushed, and flask_login remembers the signed-in person in its `g`)."""

    def __init__(self, app, user=None):
        self.app, self.client = app, app.test_client()
        if user is not None:
            token = self._token("/login")
            response = self.post("/login", data={"username": user.username, "password": "Passw0rd!x",
                                                 "csrf_token": token})
            assert response.status_code == 302

    def get(self, url, **kwargs):
        with self.app.app_context():
            return self.client.get(url, **kwargs)

    def post(self, url, **kwargs):
        with self.app.app_context():
            return self.client.post(url, **kwargs)

    def _token(self, url):
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(url).get_data(as_text=True)).group(1)


def signed_in(app, user):
    return Visitor(app, user)


def test_the_contest_paper_is_a_copy_for_the_chosen_teams_and_window(race):
    paper, source = race.contest.paper, race.source
    assert paper.id != source.id and paper.status == "published" and paper.mode == "exam"
    assert [(i.question_id, i.version_id, i.points) for i in paper.items] == \
           [(i.question_id, i.version_id, i.points) for i in source.items]  # the very questions
    assert (paper.opens_at, paper.closes_at) == (race.contest.starts_at, race.contest.ends_at)
    assert paper.max_attempts == 1 and paper.time_limit_minutes == 30
    assert sorted(a.team_id for a in paper.audience) == sorted([race.teams["回收班"].id, race.teams["安装班"].id])
    assert source.opens_at is None and source.audience == []  # the original is untouched


def test_leaderboard_equals_the_ranking_of_the_raw_sittings(race):
    board = standings.board(race.contest, race.now)
    assert [(p.rank, p.user_id, p.score, p.seconds) for p in board.people] == expected.people(race)
    assert board.people[0].rank == board.people[1].rank == 1  # two perfect sittings in the same time
    assert board.people[2].rank == 3
    max_score = Decimal(race.contest.paper.total_points)
    assert board.max_score == float(max_score) == 50.0
    for row in board.people:
        assert row.percent == expected.pct(Decimal(str(row.score)), max_score)
    teams = [{k: v for k, v in asdict(t).items() if k not in {"id", "unit"}} for t in board.teams]
    assert teams == expected.teams(race, max_score)
    assert board.teams[0].score != board.teams[1].score
    assert (board.finished, board.running, board.state) == (6, 1, "running")
    # the original paper's perfect sitting is not on the board
    assert race.members["回收班"][4].id not in {p.user_id for p in board.people}


def test_team_score_is_the_sum_of_the_best_n_and_missing_sittings_count_zero(race):
    race.contest.top_n = 4
    db.session.flush()
    board = standings.board(race.contest, race.now)
    install = next(t for t in board.teams if t.name == "安装班")
    assert (install.counted, install.finished, install.members, install.running) == (2, 2, 3, 1)
    logs = [log for log in race.logs if log.closed and log.team_id == race.teams["安装班"].id]
    assert install.score == float(sum(log.score for log in logs))
    assert install.percent == expected.pct(sum(log.score for log in logs), Decimal(50) * 4)
    assert [t["name"] for t in expected.teams(race, Decimal(50))] == [t.name for t in board.teams]


def test_the_window_is_kept(race):
    contest, paper = race.contest, race.contest.paper
    late = race.members["回收班"][4]
    with pytest.raises(attempts.AttemptError, match="现在不能开始"):
        attempts.start_paper(paper, late, contest.starts_at - timedelta(seconds=1))
    with pytest.raises(attempts.AttemptError, match="现在不能开始"):
        attempts.start_paper(paper, late, contest.ends_at)
    # started ten minutes before the end: its 30 minutes are cut at the end
    attempt = attempts.start_paper(paper, late, contest.ends_at - timedelta(minutes=10))
    assert attempt.deadline == contest.ends_at
    db.session.commit()
    with pytest.raises(attempts.AttemptClosed):
        attempts.save_answer(attempt, 1, ["A"], None, contest.ends_at + timedelta(minutes=1))
    # once it is over, the board closes and ranks what was saved (nothing: 0 points, full time)
    after = contest.ends_at + timedelta(minutes=1)
    assert standings.close_due(contest, after) == 2  # this one and the one left open
    board = standings.board(contest, after)
    row = next(p for p in board.people if p.user_id == late.id)
    assert (row.score, row.seconds, board.state, board.running) == (0.0, 600, "ended", 0)
    # one sitting per person
    with pytest.raises(attempts.AttemptError, match="用完1次机会"):
        attempts.start_paper(paper, race.members["回收班"][1], race.now)


def test_only_the_chosen_teams_may_sit_it_and_sittings_outside_the_window_do_not_count(race):
    with pytest.raises(attempts.AttemptError, match="没有分派给您"):
        attempts.start_paper(race.contest.paper, race.members["掘进班"][1], race.now)
    # a sitting of the contest paper dated outside the window (e.g. the window moved later) is left out
    contest = race.contest
    before = standings.board(contest, race.now)
    contest.starts_at = race.now - timedelta(minutes=30)
    db.session.flush()
    after = standings.board(contest, race.now)
    early = {log.user.id for log in race.logs
             if db.session.scalar(db.select(Attempt.started_at).where(Attempt.user_id == log.user.id,
                                                                       Attempt.paper_id == contest.paper_id))
             < contest.starts_at}
    assert early and {p.user_id for p in after.people} == {p.user_id for p in before.people} - early


def test_settings_are_checked(race):
    now = utcnow()
    with pytest.raises(schedule.ContestError, match="结束时间必须晚于开始时间"):
        schedule.create("比武", race.source, [race.teams["回收班"]], now, now, 3, race.trainer, now)
    with pytest.raises(schedule.ContestError, match="请至少选择一个参赛班组"):
        schedule.create("比武", race.source, [], now, now + timedelta(hours=1), 3, race.trainer, now)
    with pytest.raises(schedule.ContestError, match="结束时间已经过去"):
        schedule.create("比武", race.source, [race.teams["回收班"]], now - timedelta(hours=2),
                        now - timedelta(hours=1), 3, race.trainer, now)


def test_scopes_of_pages_and_json(app, race):
    cid = race.contest.id
    urls = (f"/contests/{cid}", f"/contests/{cid}/screen", f"/contests/{cid}/print",
            f"/api/v1/contests/{cid}/board")
    for user in (race.leader, race.trainer, race.admin):
        client = signed_in(app, user)
        for url in urls:
            assert client.get(url).status_code == 200, (user.name, url)
        assert "一季度技术比武" in client.get("/contests/").get_data(as_text=True)
    for user in (race.outsider_leader, race.other_trainer):
        client = signed_in(app, user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.name, url)
        assert "一季度技术比武" not in client.get("/contests/").get_data(as_text=True)
    assert Visitor(app).get(urls[-1]).status_code == 401
    assert signed_in(app, race.leader).get("/contests/new").status_code == 403  # team leaders do not organise


def test_json_board_equals_the_raw_sittings(app, race):
    data = signed_in(app, race.trainer).get(f"/api/v1/contests/{race.contest.id}/board").get_json()
    assert [(p["rank"], p["user_id"], p["score"], p["seconds"]) for p in data["people"]] == \
           [tuple(r) for r in expected.people(race)]
    wanted = expected.teams(race, Decimal(50))
    assert [{k: t[k] for k in wanted[0]} for t in data["teams"]] == wanted
    assert (data["state"], data["state_label"], data["top_n"]) == ("running", "进行中", 2)
    assert 0 < data["seconds_left"] <= 3600


def test_screen_and_print_pages(app, race):
    client = signed_in(app, race.trainer)
    screen = client.get(f"/contests/{race.contest.id}/screen").get_data(as_text=True)
    assert f'data-url="/api/v1/contests/{race.contest.id}/board"' in screen
    assert "/static/js/contest.js" in screen and "/static/vendor/echarts/echarts.min.js" in screen
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", screen)  # the CSP forbids inline scripts
    assert "回收班" in screen and "安装班" in screen
    sheet = client.get(f"/contests/{race.contest.id}/print").get_data(as_text=True)
    assert "/static/css/contest.css" in sheet and "成绩单" in sheet
    board = standings.board(race.contest, race.now)
    for person in board.people:
        assert person.name in sheet
    css = client.get("/static/css/contest.css").get_data(as_text=True)
    assert "@media print" in css


def test_a_unit_trainer_makes_a_contest_among_the_own_teams(app, race):
    client = signed_in(app, race.trainer)
    start = (utcnow() + timedelta(hours=8, minutes=5)).strftime("%Y-%m-%dT%H:%M")  # local (UTC+8): in 5 minutes
    end = (utcnow() + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M")
    token = client._token("/contests/new")
    data = {"csrf_token": token, "title": "安装回收对抗赛", "paper": race.source.id, "starts_at": start, "ends_at": end,
            "top_n": 3, "teams": [race.teams["回收班"].id, race.teams["安装班"].id, race.teams["掘进班"].id]}
    # 掘进班 is outside the trainer's unit: the form is refused with a reason, never saved without it
    refused = client.post("/contests/new", data=data)
    assert refused.status_code == 200 and "参赛班组只能是您管理范围内的班组" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(Contest).where(Contest.title == "安装回收对抗赛")) is None
    data["teams"] = [race.teams["回收班"].id, race.teams["安装班"].id]
    response = client.post("/contests/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    made = db.session.scalar(db.select(Contest).where(Contest.title == "安装回收对抗赛"))
    assert sorted(made.team_ids) == sorted([race.teams["回收班"].id, race.teams["安装班"].id])
    assert made.top_n == 3 and made.state(utcnow()) == "upcoming"
    assert timedelta(minutes=3) < made.starts_at - utcnow() < timedelta(minutes=6)
    assert signed_in(app, race.leader).get(f"/contests/{made.id}").status_code == 200
    assert signed_in(app, race.outsider_leader).get(f"/contests/{made.id}").status_code == 404


def test_a_second_contest_on_the_same_paper_keeps_its_own_board(race):
    rng = random.Random(1)
    other = schedule.create("复赛", race.source, [race.teams["安装班"]], race.now - timedelta(minutes=30),
                            race.now + timedelta(minutes=30), 1, race.trainer, race.now - timedelta(hours=1))
    db.session.commit()
    log = sit(other.paper, race.members["安装班"][0], race.now - timedelta(minutes=20), 100, rng, 0.5)
    board = standings.board(other, race.now)
    assert [(p.user_id, p.score) for p in board.people] == [(log.user.id, float(log.score))]
    first = standings.board(race.contest, race.now)
    assert len(first.people) == len(expected.people(race))


def test_the_boards_show_scores_as_points_like_the_rest_of_the_app(app, race):
    """Scores as the `points` filter shows them everywhere else (8 not 8.00, 1.5 not 1.50), on the
    contest page, and the paper's total too."""
    client = signed_in(app, race.trainer)
    page = client.get(f"/contests/{race.contest.id}").get_data(as_text=True)
    doc = lxml.html.document_fromstring(page)
    board = standings.board(race.contest, race.now)
    people = {row.get("data-user"): row.find_class("score")[0].text_content() for row in
              doc.xpath('//tbody[@id="person-rows"]/tr[@data-user]')}
    teams = {row.get("data-team"): row.find_class("score")[0].text_content() for row in
             doc.xpath('//tbody[@id="team-rows"]/tr[@data-team]')}
    assert people and people == {str(p.user_id): points_text(p.score) for p in board.people}
    assert teams and teams == {str(t.id): points_text(t.score) for t in board.teams}
    assert f"试卷满分 {points_text(board.max_score)} 分" in page
