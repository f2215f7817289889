"""A roster that may create 区队 and 班组 says which before the import (a typo makes a new one) and after."""

from __future__ import annotations

import io
import json

from accounts.mine import get_or_create_mine
from accounts.roster import apply_roster, read_roster
from tests.accounts.test_admin_pages import roster_bytes
from tests.accounts.test_roster import write_book
from tests.conftest import csrf_token
from tests.factories import create_team

ROWS = [("工号", "姓名", "区队", "班组"),
        ("50001", "甲工", "综彩一队", "回收班"),  # unit typo: a new unit and team
        ("50002", "乙工", "综采一队", "回收斑"),  # team typo: a new team in an existing unit
        ("50003", "丙工", "综彩一队", "回收班"),  # the same new team again: named once
        ("50004", "丁工", "综采一队", "回收班")]  # exists


def test_the_report_names_the_units_and_teams_it_creates(tmp_path, app, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    people, errors = read_roster(write_book(tmp_path / "r.xlsx", ROWS))
    report = apply_roster(people, errors, get_or_create_mine(), create_teams=True)
    assert report.new_units == ["综彩一队"]
    assert report.new_teams == [("综彩一队", "回收班"), ("综采一队", "回收斑")]
    assert report.new_places_note == "区队 综彩一队；班组 回收班（区队 综彩一队）、回收斑（区队 综采一队）"
    assert report.as_dict()["new_units"] == ["综彩一队"]
    assert report.as_dict()["new_teams"] == [{"unit": "综彩一队", "team": "回收班"},
                                             {"unit": "综采一队", "team": "回收斑"}]


def test_the_preview_and_the_result_page_say_what_is_created(client, login, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    login("admin")
    token = csrf_token(client, "/admin/roster")
    upload = client.post("/admin/roster", data={"csrf_token": token, "create_teams": "y",
                                                "file": (io.BytesIO(roster_bytes(ROWS)), "花名册.xlsx")},
                         content_type="multipart/form-data")
    url = upload.headers["Location"]
    preview = client.get(url).get_data(as_text=True)
    assert "将新建：区队 综彩一队；班组 回收班（区队 综彩一队）、回收斑（区队 综采一队）" in preview
    done = client.post(url, data={"csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert "已新建：区队 综彩一队；班组 回收班（区队 综彩一队）、回收斑（区队 综采一队）" in done


def test_the_cli_says_what_it_creates(runner, tmp_path, app, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    path = str(write_book(tmp_path / "r.xlsx", ROWS))
    dry = runner.invoke(args=["import-roster", path, "--create-teams", "--dry-run", "--json"])
    assert json.loads(dry.stdout)["new_units"] == ["综彩一队"]
    text = runner.invoke(args=["import-roster", path, "--create-teams", "--dry-run"]).output
    assert "将新建：区队 综彩一队；班组 回收班（区队 综彩一队）、回收斑（区队 综采一队）" in text
