"""The roster (花名册) may carry 特种作业人员 and 上岗日期; they set what the hours report requires.
A roster without these columns leaves what an admin recorded alone."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook
from sqlalchemy import select

from accounts.models import Mine, User
from accounts.roster import apply_roster, read_roster
from core.db import db
from quiz.records import hours
from tests.factories import create_team, create_user


def book(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_roster_columns_set_the_requirement(app, tmp_path):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    mine = db.session.scalar(select(Mine).where(Mine.name == "青山煤矿"))
    path = book(tmp_path / "r.xlsx", [
        ("工号", "姓名", "区队", "班组", "工种", "是否特种作业人员", "上岗日期"),
        ("30001", "电工甲", "综采一队", "回收班", "电工", "是", datetime(2026, 3, 2)),  # an Excel date cell
        ("30002", "新工乙", "综采一队", "回收班", "支架工", "否", "2026年1月5日"),
        ("30003", "老工丙", "综采一队", "回收班", "支架工", "", "2019/7/1"),
        ("30004", "坏日期", "综采一队", "回收班", "支架工", "否", "去年"),
        ("30005", "坏标记", "综采一队", "回收班", "支架工", "也许", ""),
    ])
    people, errors = read_roster(path)
    assert [row for row, _ in errors] == [5, 6]
    assert "上岗日期“去年”无法识别" in errors[0][1] and "特种作业人员“也许”无法识别" in errors[1][1]
    apply_roster(people, errors, mine)
    db.session.commit()
    got = {u.username: (u.special_operations, u.started_on) for u in db.session.scalars(select(User))}
    assert got == {"30001": (True, date(2026, 3, 2)), "30002": (False, date(2026, 1, 5)),
                   "30003": (False, date(2019, 7, 1))}
    required = {w.username: w.requirement.hours for w in hours.report([team.id], 2026).workers}
    assert required == {"30001": 90, "30002": 72, "30003": 20}
    assert {w.username: w.requirement.hours for w in hours.report([team.id], 2027).workers} == \
        {"30001": 24, "30002": 20, "30003": 20}


def test_a_roster_without_the_columns_keeps_them(app, tmp_path):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    mine = db.session.scalar(select(Mine).where(Mine.name == "青山煤矿"))
    create_user(team=team, username="30010", name="电工丁", special_operations=True, started_on=date(2025, 5, 1))
    path = book(tmp_path / "r.xlsx", [("工号", "姓名", "区队", "班组", "工种"),
                                      ("30010", "电工丁", "综采一队", "回收班", "维修电工")])
    people, errors = read_roster(path)
    apply_roster(people, errors, mine)
    db.session.commit()
    person = db.session.scalar(select(User).where(User.username == "30010"))
    # 维修电工 is stored under its canonical 工种 (corpus/data/jobs.yaml: an alias of 电钳工).
    assert (person.job, person.special_operations, person.started_on) == ("电钳工", True, date(2025, 5, 1))
