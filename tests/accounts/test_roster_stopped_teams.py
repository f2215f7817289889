"""Roster import and deactivated 班组/区队: a row placing someone there is reported (row number and
reason) like any other bad row, and the good rows import; someone already there may stay (as the
person form keeps a deactivated 班组 until another is picked)."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import Team, User, WorkUnit
from accounts.roster import apply_roster, read_roster
from tests.accounts.test_roster import write_book
from tests.factories import create_team, create_user

MINE = "青山煤矿"
HEADER = ("工号", "姓名", "区队", "班组", "工种")


def _import(tmp_path, rows, *, create_teams=False):
    from accounts.mine import get_or_create_mine

    people, errors = read_roster(write_book(tmp_path / "roster.xlsx", [HEADER, *rows]))
    return apply_roster(people, errors, get_or_create_mine(), create_teams=create_teams)


def test_rows_into_a_deactivated_team_or_unit_are_reported_and_the_rest_import(tmp_path, app, db_session):
    create_team("综采一队", "回收班", MINE)
    stopped_team = create_team("综采一队", "安装班", MINE)
    closed_unit_team = create_team("掘进二队", "掘进一班", MINE)
    stopped_team.active = False
    closed_unit_team.active = closed_unit_team.unit.active = False  # as 停用 of a 区队 leaves them
    db_session.commit()
    report = _import(tmp_path, [
        ("30001", "赵大勇", "综采一队", "回收班", "支架工"),  # row 2: good
        ("30002", "钱立新", "综采一队", "安装班", "支架工"),  # row 3: 班组 deactivated
        ("30003", "孙海波", "掘进二队", "掘进一班", "掘进机司机"),  # row 4: 区队 deactivated
        ("30004", "周德明", "", "安装班", "支架工"),  # row 5: found without 区队, still deactivated
    ])
    db_session.commit()
    reasons = dict(report.errors)
    assert sorted(reasons) == [3, 4, 5]
    assert "综采一队 · 安装班" in reasons[3] and "已停用" in reasons[3]
    assert "掘进二队" in reasons[4] and "已停用" in reasons[4]
    assert "已停用" in reasons[5]
    assert [p.username for p in report.created] == ["30001"]
    assert db_session.scalars(select(User.username).where(User.username.in_(["30002", "30003", "30004"]))).all() == []


def test_moving_someone_into_a_deactivated_team_is_reported_and_leaves_them_where_they_are(tmp_path, app,
                                                                                           db_session):
    home = create_team("综采一队", "回收班", MINE)
    stopped = create_team("综采一队", "安装班", MINE)
    person = create_user(username="30010", name="吴国庆", team=home, job="支架工")
    stopped.active = False
    db_session.commit()
    report = _import(tmp_path, [("30010", "吴国庆", "综采一队", "安装班", "采煤机司机")])
    db_session.commit()
    assert [row for row, _ in report.errors] == [2] and not report.updated
    db_session.refresh(person)
    assert person.team_id == home.id and person.job == "支架工"


def test_someone_already_in_a_deactivated_team_may_stay_there(tmp_path, app, db_session):
    stopped = create_team("综采一队", "安装班", MINE)
    person = create_user(username="30020", name="郑建华", team=stopped, job="支架工")
    stopped.active = False
    db_session.commit()
    report = _import(tmp_path, [("30020", "郑建华", "综采一队", "安装班", "采煤机司机")])
    db_session.commit()
    assert not report.errors and [p.username for p in report.updated] == ["30020"]
    db_session.refresh(person)
    assert person.team_id == stopped.id and person.job == "采煤机司机"


def test_create_teams_makes_no_team_in_a_deactivated_unit(tmp_path, app, db_session):
    closed = create_team("掘进二队", "掘进一班", MINE)
    closed.active = closed.unit.active = False
    db_session.commit()
    report = _import(tmp_path, [("30030", "冯志远", "掘进二队", "新建班", "掘进机司机"),
                                ("30031", "陈永刚", "机电队", "维修班", "电工")], create_teams=True)
    db_session.commit()
    reasons = dict(report.errors)
    assert list(reasons) == [2] and "掘进二队" in reasons[2] and "已停用" in reasons[2]
    assert [p.username for p in report.created] == ["30031"]
    unit = db_session.scalar(select(WorkUnit).where(WorkUnit.name == "掘进二队"))
    assert [t.name for t in db_session.scalars(select(Team).where(Team.unit_id == unit.id))] == ["掘进一班"]
