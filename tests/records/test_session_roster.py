"""A training session's typed roster (files.take_roster), asked directly (no request): each 工号 read as
sign-in reads it, only people in the trainer's scope taken, absence and fewer hours kept, an empty roster
refused; the session is left for the caller to commit or roll back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.db import db
from quiz.records import files
from quiz.records.models import TrainingSession
from tests.factories import create_team, create_user


def _session(team) -> TrainingSession:
    session = TrainingSession(title="顶板管理", held_on=date(2025, 3, 1), hours=Decimal(4), unit_id=team.unit_id,
                              team_id=team.id)
    db.session.add(session)
    return session


def test_the_roster_takes_the_people_in_scope_as_sign_in_reads_their_numbers(app):
    team, elsewhere = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进班")
    trainer = create_user("unit_trainer", team)
    a, b, c = (create_user(team=team, username=n) for n in ("T001", "T002", "T003"))
    outsider = create_user(team=elsewhere, username="J001")
    session = _session(team)
    problems = files.take_roster(session, "t001\nＴ００２ 缺勤\nT003 2.5学时\nJ001", trainer)
    assert problems == ["工号 J001 不存在或不在您的管理范围内。"]
    taken = {row.user_id: (row.attended, row.hours) for row in session.roster}
    assert taken == {a.id: (True, Decimal(4)), b.id: (False, Decimal(0)), c.id: (True, Decimal("2.5"))}
    assert outsider.id not in taken


def test_a_team_leader_names_only_his_own_team(app):
    team, other = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    leader = create_user("team_leader", team)
    create_user(team=team, username="T001")
    create_user(team=other, username="T101")
    problems = files.take_roster(_session(team), "T001 T101", leader)
    assert problems == ["工号 T101 不存在或不在您的管理范围内。"]


def test_a_roster_naming_nobody_is_refused(app):
    team = create_team("综采一队", "回收班")
    assert files.take_roster(_session(team), "  \n", create_user("unit_trainer", team)) == ["名单中没有人。"]


def test_the_same_person_twice_and_hours_above_the_sessions_are_reported(app):
    team = create_team("综采一队", "回收班")
    person = create_user(team=team, username="T001", name="甲")
    admin = create_user("admin")
    session = _session(team)
    assert files.take_roster(session, "T001\nt001", admin) == ["工号 t001 与 T001 是同一人（甲），重复。"]
    assert [row.user_id for row in session.roster] == [person.id]
    assert files.take_roster(session, "T001 5学时", admin) == ["工号 T001 的学时 5 超过本期培训的 4 学时。"]
    assert session.roster == []  # replaced by the roster typed, which named nobody it could take
