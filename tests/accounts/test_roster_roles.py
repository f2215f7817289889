"""Roles in a roster: a missing 角色 column or a blank cell keeps an existing person's role (new
people are 职工); every change of role is named in the report; the importing admin cannot demote
himself, nor may a row leave no active admin."""

from __future__ import annotations

import io
import json

from accounts.mine import get_or_create_mine
from accounts.models import User
from accounts.roster import apply_roster, read_roster
from tests.accounts.test_admin_pages import roster_bytes
from tests.accounts.test_roster import write_book
from tests.conftest import csrf_token
from tests.factories import create_team, create_user

HEADER = ("工号", "姓名", "区队", "班组", "工种")


def _staff(db_session):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    leader = create_user(role="team_leader", username="10101", name="王建国", team=team, job="支架工")
    trainer = create_user(role="unit_trainer", username="90001", name="赵培训", team=team, job="")
    return leader, trainer


def _import(path, **kwargs):
    people, errors = read_roster(path)
    return apply_roster(people, errors, get_or_create_mine(), **kwargs)


def test_no_role_column_keeps_the_roles_of_existing_people(tmp_path, app, db_session):
    leader, trainer = _staff(db_session)
    path = write_book(tmp_path / "r.xlsx", [HEADER, ("10101", "王建国", "综采一队", "回收班", "采煤机司机"),
                                            ("90001", "赵培训", "综采一队", "回收班", ""),
                                            ("10199", "新来的", "综采一队", "回收班", "")])
    report = _import(path)
    db_session.commit()
    assert not report.errors and not report.role_changes
    assert [p.username for p in report.updated] == ["10101"]
    db_session.refresh(leader)
    db_session.refresh(trainer)
    assert (leader.role, leader.job, trainer.role) == ("team_leader", "采煤机司机", "unit_trainer")
    assert db_session.query(User).filter_by(username="10199").one().role == "worker"


def test_a_blank_role_cell_keeps_the_role_and_a_written_one_changes_it_and_is_reported(tmp_path, app, db_session):
    leader, trainer = _staff(db_session)
    path = write_book(tmp_path / "r.xlsx", [HEADER + ("角色",),
                                            ("10101", "王建国", "综采一队", "回收班", "支架工", ""),
                                            ("90001", "赵培训", "综采一队", "回收班", "", "职工")])
    report = _import(path)
    db_session.commit()
    db_session.refresh(leader)
    db_session.refresh(trainer)
    assert (leader.role, trainer.role) == ("team_leader", "worker")
    assert [(c.row, c.username, c.name, c.before, c.after) for c in report.role_changes] == [
        (3, "90001", "赵培训", "区队培训员", "职工")]
    assert report.as_dict()["role_changes"] == [
        {"row": 3, "username": "90001", "name": "赵培训", "from": "区队培训员", "to": "职工"}]


def test_the_importing_admin_cannot_demote_himself(tmp_path, app, db_session):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    me = create_user(role="admin", username="admin", name="管理员", team=team)
    create_user(role="admin", username="admin2", name="另一管理员", team=team)  # so the last-admin rule is not why
    path = write_book(tmp_path / "r.xlsx", [HEADER + ("角色",), ("admin", "管理员", "综采一队", "回收班", "", "职工"),
                                            ("10199", "新来的", "综采一队", "回收班", "", "")])
    report = _import(path, actor=me)
    db_session.commit()
    assert [row for row, _ in report.errors] == [2]
    assert "您本人" in report.errors[0][1]
    assert [p.username for p in report.created] == ["10199"]  # the rest imports
    db_session.refresh(me)
    assert me.role == "admin"


def test_the_preview_and_the_cli_name_role_changes(client, login, runner, tmp_path, db_session):
    _staff(db_session)
    login("admin")
    rows = [HEADER + ("角色",), ("10101", "王建国", "综采一队", "回收班", "支架工", "职工")]
    token = csrf_token(client, "/admin/roster")
    upload = client.post("/admin/roster", data={"csrf_token": token,
                                                "file": (io.BytesIO(roster_bytes(rows)), "花名册.xlsx")},
                         content_type="multipart/form-data")
    preview = client.get(upload.headers["Location"]).get_data(as_text=True)
    assert "角色变更" in preview and "王建国（10101）：班组长 → 职工" in preview
    dry = runner.invoke(args=["import-roster", str(write_book(tmp_path / "r.xlsx", rows)), "--dry-run", "--json"])
    assert json.loads(dry.stdout)["role_changes"] == [
        {"row": 2, "username": "10101", "name": "王建国", "from": "班组长", "to": "职工"}]
    text = runner.invoke(args=["import-roster", str(tmp_path / "r.xlsx"), "--dry-run"]).output
    assert "王建国（10101）：班组长 → 职工" in text
