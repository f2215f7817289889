"""Rosters whose headers qualify the usual names (所在班组, 区队名称, 工区, 岗位) and carry 身份证号."""

from __future__ import annotations

import io
import re

from accounts.models import User
from accounts.roster import apply_roster, read_roster, read_roster_header
from tests.accounts.test_admin_pages import roster_bytes
from tests.accounts.test_roster import write_book
from tests.conftest import csrf_token
from tests.factories import create_team

ID_NUMBER = "370102198001011234"
QUALIFIED_HEADER = ("序号", "员工编号", "姓名", "身份证号", "所在区队", "所在班组", "岗位", "联系电话")


def test_qualified_headers_are_read_by_meaning_and_the_id_number_is_dropped(tmp_path, app, db_session):
    from accounts.mine import get_or_create_mine

    create_team("综采一队", "回收班", mine_name="青山煤矿")
    rows = [QUALIFIED_HEADER, (1, "60001", "石磊", ID_NUMBER, "综采一队", "回收班", "支架工", "13800000000")]
    path = write_book(tmp_path / "roster.xlsx", rows)
    people, errors = read_roster(path)
    assert errors == [] and len(people) == 1
    person = people[0]
    assert (person.unit, person.team, person.job) == ("综采一队", "回收班", "支架工")
    assert ID_NUMBER not in repr(person)  # never read into a person, so never stored

    header = read_roster_header(path)
    assert dict(header.recognised)["team"] == "所在班组" and dict(header.recognised)["id_number"] == "身份证号"
    assert header.ignored == ("序号", "联系电话")
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    assert [p.username for p in report.created] == ["60001"]
    stored = db_session.query(User).filter_by(username="60001").one()
    assert ID_NUMBER not in repr({c.name: getattr(stored, c.name) for c in User.__table__.columns})


def test_other_qualified_spellings(tmp_path, app):
    rows = [("员工工号", "员工姓名", "工区", "班组名称", "工种名称", "身份证号码"),
            ("60002", "田野", "掘进二队", "掘进一班", "爆破工", ID_NUMBER)]
    people, errors = read_roster(write_book(tmp_path / "r.xlsx", rows))
    assert errors == [] and (people[0].unit, people[0].team, people[0].job) == ("掘进二队", "掘进一班", "爆破工")


def test_no_header_names_what_the_first_row_holds_but_never_an_id_number(tmp_path, app):
    import pytest

    from core.sheets import SheetError

    path = write_book(tmp_path / "r.xlsx", [("张三", ID_NUMBER, "回收班"), ("李四", "370102198001015678", "回收班")])
    with pytest.raises(SheetError) as caught:
        read_roster(path)
    assert "工号" in str(caught.value) and "“张三”" in str(caught.value) and ID_NUMBER not in str(caught.value)


def upload(client, rows) -> str:
    token = csrf_token(client, "/admin/roster")
    response = client.post("/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(roster_bytes(rows)),
                                                                               "花名册.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    return response.headers["Location"]


def test_preview_shows_the_recognised_columns(client, login, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    login("admin")
    url = upload(client, [QUALIFIED_HEADER, (1, "60003", "石磊", ID_NUMBER, "综采一队", "回收班", "支架工", "")])
    page = client.get(url).get_data(as_text=True)
    line = re.search(r'<p class="hint" id="roster-columns">(.*?)</p>', page).group(1)
    assert "工号（员工编号）" in line and "班组（所在班组）" in line and "区队（所在区队）" in line
    assert "工种（岗位）" in line and "身份证号：不导入、不保存" in line and "联系电话" in line
    assert ID_NUMBER not in page
    assert 'id="confirm-import">' in page and "disabled" not in page.split('id="confirm-import"')[1][:20]


def test_confirm_is_not_offered_when_nothing_can_be_imported(client, login, db_session):
    login("admin")
    url = upload(client, [("工号", "姓名", "所在班组"), ("60004", "石磊", "没有这个班")])
    page = client.get(url).get_data(as_text=True)
    assert 'id="nothing-to-import"' in page and "没有可导入的行" in page
    assert 'id="confirm-import"' not in page  # not a button that looks usable and does nothing
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    again = client.post(url, data={"csrf_token": token}).get_data(as_text=True)
    assert "导入完成" not in again and "没有可导入的行" in again
    assert db_session.query(User).filter_by(username="60004").count() == 0


ENGLISH_HEADER = ("No.", "Employee_ID", "Name", "ID Card", "Department", "Team", "Position", "Party Member", "Phone")


def test_english_headers_are_read_by_meaning(tmp_path, app, db_session):
    rows = [ENGLISH_HEADER, (1, "60002", "Li Lei", ID_NUMBER, "综采一队", "回收班", "支架工", "yes", "13900000000")]
    path = write_book(tmp_path / "roster.xlsx", rows)
    people, errors = read_roster(path)
    assert errors == [] and len(people) == 1
    person = people[0]
    assert (person.username, person.name, person.unit, person.team, person.job) == (
        "60002", "Li Lei", "综采一队", "回收班", "支架工")
    assert person.party_member is True and ID_NUMBER not in repr(person)
    header = read_roster_header(path)
    assert [field for field, _ in header.recognised] == ["username", "name", "id_number", "unit", "team", "job", "party"]
    assert header.ignored == ("No.", "Phone")
    camel = write_book(tmp_path / "camel.xlsx", [("employeeId", "fullName", "unit", "GROUP", "jobTitle"),
                                                  ("60003", "韩梅梅", "掘进二队", "掘进一班", "锚杆支护工")])
    [other], errors = read_roster(camel)
    assert errors == [] and (other.username, other.unit, other.team, other.job) == (
        "60003", "掘进二队", "掘进一班", "锚杆支护工")


def test_import_roster_command_prints_the_recognised_columns(tmp_path, runner, db_session):
    import json

    create_team("综采一队", "回收班", mine_name="青山煤矿")
    rows = [QUALIFIED_HEADER, (1, "60001", "石磊", ID_NUMBER, "综采一队", "回收班", "支架工", "13800000000")]
    path = write_book(tmp_path / "roster.xlsx", rows)
    text_output = runner.invoke(args=["import-roster", str(path), "--dry-run"]).output
    assert "识别到的列：工号（员工编号）、姓名、身份证号：不导入、不保存、区队（所在区队）、班组（所在班组）、工种（岗位）" in text_output
    assert "未使用的列：序号、联系电话" in text_output and ID_NUMBER not in text_output
    data = json.loads(runner.invoke(args=["import-roster", str(path), "--dry-run", "--json"]).output.splitlines()[-1])
    assert data["columns"]["recognised"][0] == {"column": "员工编号", "field": "username"}
    assert data["columns"]["ignored"] == ["序号", "联系电话"]
