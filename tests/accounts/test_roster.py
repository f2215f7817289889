"""Roster import: good rows import, bad rows are reported with their row numbers."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from accounts.models import User
from accounts.roster import apply_roster, read_roster
from core.sheets import SheetError
from tests.factories import create_team, create_user


def write_book(path, rows, title_rows=()):
    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def roster_file(tmp_path, app):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    create_team("掘进二队", "掘进一班", mine_name="青山煤矿")
    existing = create_user(username="10102", name="李志强", team=create_team("综采一队", "回收班", "青山煤矿"),
                           job="支架工")
    rows = [
        ("员工编号", "姓 名", "所属区队", "班组", "工种", "政治面貌", "角色"),  # header names vary
        ("10101", "王建国", "综采一队", "回收班", "班组长", "中共党员", "班组长"),  # row 3: good
        ("10102", "李志强", "综采一队", "回收班", "采煤机司机", "群众", "职工"),  # row 4: changed job
        ("1@x", "坏工号", "综采一队", "回收班", "支架工", "否", "职工"),  # row 5: bad 工号
        ("20101", "马文斌", "掘进二队", "不存在班", "掘进机司机", "否", "职工"),  # row 6: missing team
        ("10101", "王建国", "综采一队", "回收班", "班组长", "是", "班组长"),  # row 7: duplicate of row 3
        ("２０１０２", "胡庆丰", "掘进二队", "掘进一班", "爆破工", "否", ""),  # row 8: full-width digits, good
    ]
    return write_book(tmp_path / "roster.xlsx", rows, title_rows=[("青山煤矿人员花名册",)]), existing


def test_roster_reports_exactly_the_bad_rows_and_imports_the_rest(roster_file, db_session):
    from accounts.mine import get_or_create_mine

    path, existing = roster_file
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    assert [row for row, _ in report.errors] == [5, 6, 7]
    reasons = dict(report.errors)
    assert "工号" in reasons[5] and "不存在班" in reasons[6] and "第 3 行" in reasons[7]
    assert sorted(p.username for p in report.created) == ["10101", "20102"]
    assert [p.username for p in report.updated] == ["10102"]
    db_session.refresh(existing)
    assert existing.job == "采煤机司机"
    leader = db_session.query(User).filter_by(username="10101").one()
    assert leader.role == "team_leader" and leader.party_member and leader.must_change_password
    assert db_session.query(User).filter_by(username="20101").count() == 0


def test_reimport_creates_no_duplicates(roster_file, db_session):
    from accounts.mine import get_or_create_mine

    path, _ = roster_file
    for _ in range(2):
        people, errors = read_roster(path)
        report = apply_roster(people, errors, get_or_create_mine())
        db_session.commit()
    assert not report.created and not report.updated and len(report.unchanged) == 3
    assert db_session.query(User).filter_by(username="10101").count() == 1


def test_create_teams_option_creates_missing_team(roster_file, db_session):
    from accounts.mine import get_or_create_mine

    path, _ = roster_file
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine(), create_teams=True)
    assert [row for row, _ in report.errors] == [5, 7]


def test_files_that_are_not_rosters_are_refused(tmp_path, app):
    binary = tmp_path / "photo.xlsx"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(SheetError, match="不是 Excel"):
        read_roster(binary)
    empty = write_book(tmp_path / "empty.xlsx", [])
    with pytest.raises(SheetError):
        read_roster(empty)
    no_header = write_book(tmp_path / "nohead.xlsx", [("甲", "乙"), ("1", "2")])
    with pytest.raises(SheetError, match="工号"):
        read_roster(no_header)


def test_csv_roster_in_gbk(tmp_path, app):
    path = tmp_path / "roster.csv"
    path.write_bytes("工号,姓名,区队,班组\n30001,赵大勇,综采一队,回收班\n".encode("gbk"))
    people, errors = read_roster(path)
    assert not errors and people[0].name == "赵大勇"


def test_cli_import_roster_json_and_dry_run(roster_file, runner, db_session):
    path, _ = roster_file
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    dry = runner.invoke(args=["import-roster", str(path), "--dry-run", "--json"])
    result = json.loads(dry.stdout)
    assert result["created"] == 2 and result["dry_run"] and [e["row"] for e in result["errors"]] == [5, 6, 7]
    # rows with errors: the report, then one line 错误：… and status 1, as ingest and import-questions
    assert dry.exit_code == 1 and dry.stderr.strip().splitlines()[-1] == "错误：3 行未能导入（见上面的报告）"
    assert db_session.query(User).filter_by(username="10101").count() == 0
    real = json.loads(runner.invoke(args=["import-roster", str(path), "--json"]).stdout)
    assert real["created"] == 2 and {p["username"] for p in real["passwords"]} == {"10101", "20102"}
    assert db_session.query(User).filter_by(username="10101").count() == 1


def test_passwords_are_hashed_before_anything_is_written(roster_file, db_session, monkeypatch):
    """Hashing is slow (argon2): while it runs the roster import must not hold the database."""
    from sqlalchemy import text

    from accounts import roster
    from accounts.mine import get_or_create_mine
    from core.auth import verify_password
    from core.db import db

    path, _ = roster_file
    mine = get_or_create_mine()
    db_session.commit()
    original, pending = roster.hash_password, []

    def hash_and_look(password: str) -> str:
        pending.append(sum(1 for obj in db_session.new if isinstance(obj, User)) + len(db_session.dirty))
        with db.engine.begin() as other:  # another request writes meanwhile (SQLite: needs the write lock)
            other.execute(text("UPDATE users SET job = job WHERE id < 0"))
        return original(password)

    monkeypatch.setattr(roster, "hash_password", hash_and_look)
    people, errors = read_roster(path)
    report = apply_roster(people, errors, mine)
    db_session.commit()
    assert len(pending) >= 2 and set(pending) == {0}  # every new person hashed before the first row changed
    leader = db_session.query(User).filter_by(username="10101").one()
    assert verify_password(leader.password_hash, report.passwords["10101"]) and leader.must_change_password
