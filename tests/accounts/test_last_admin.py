"""At least one active admin always: refused changes, init restores access, demo keeps the password."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import create_engine, text

from accounts.admins import LAST_ADMIN_MESSAGE, leaves_no_admin
from accounts.models import User
from core.auth import verify_password
from tests.accounts.test_roster import write_book
from tests.conftest import ROOT, _sqlalchemy_url
from tests.factories import create_team


def test_the_only_admin_cannot_make_themselves_a_worker(client, login, post_form, db_session):
    admin = login("admin")
    form = {"username": admin.username, "name": admin.name, "team_id": admin.team_id, "role": "worker"}
    response = post_form(f"/admin/people/{admin.id}/edit", form)
    assert response.status_code == 200 and LAST_ADMIN_MESSAGE in response.get_data(as_text=True)
    db_session.refresh(admin)
    assert admin.role == "admin"


def test_with_a_second_admin_the_role_may_change(client, login, make_user, post_form, db_session):
    admin = login("admin")
    make_user(role="admin")
    form = {"username": admin.username, "name": admin.name, "team_id": admin.team_id, "role": "worker"}
    assert post_form(f"/admin/people/{admin.id}/edit", form).status_code == 302
    db_session.refresh(admin)
    assert admin.role == "worker"


def test_disabling_or_demoting_the_last_active_admin_is_refused(make_user):
    only = make_user(role="admin")
    make_user(role="admin", active=False)  # a disabled admin does not count
    assert leaves_no_admin(only, role="admin", active=False)
    assert leaves_no_admin(only, role="unit_trainer", active=True)
    assert not leaves_no_admin(only, role="admin", active=True)
    other = make_user(role="admin")
    assert not leaves_no_admin(only, role="worker", active=False)
    assert not leaves_no_admin(make_user(role="worker"), role="worker", active=False)
    assert other.active


def test_a_roster_cannot_demote_the_only_admin_but_can_hand_over(tmp_path, app, db_session):
    from accounts.mine import get_or_create_mine
    from accounts.roster import apply_roster, read_roster

    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    from tests.factories import create_user

    create_user(role="admin", username="70001", team=team)
    demote = write_book(tmp_path / "demote.xlsx", [("工号", "姓名", "区队", "班组", "角色"),
                                                    ("70001", "甲", "综采一队", "回收班", "职工")])
    people, errors = read_roster(demote)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    assert report.errors == [(2, LAST_ADMIN_MESSAGE)]
    assert db_session.query(User).filter_by(username="70001").one().role == "admin"
    # Demoting row first, the new admin after it: the roster hands the role over in one import.
    handover = write_book(tmp_path / "handover.xlsx", [("工号", "姓名", "区队", "班组", "角色"),
                                                        ("70001", "甲", "综采一队", "回收班", "职工"),
                                                        ("70002", "乙", "综采一队", "回收班", "管理员")])
    people, errors = read_roster(handover)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    assert not report.errors
    roles = dict(db_session.query(User.username, User.role).filter(User.username.in_(["70001", "70002"])))
    assert roles == {"70001": "worker", "70002": "admin"}


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=300)


def test_init_restores_access_after_the_only_admin_was_demoted_and_demo_keeps_the_password(
        tmp_path, empty_database):
    url = empty_database("restore")
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    first = _run(env, "init", "--admin-password", "Chosen-boss-pass1")
    assert first.returncode == 0, first.stderr[-2000:]
    engine = create_engine(_sqlalchemy_url(url))
    with engine.begin() as conn:  # what a roster or an edit form could do before this rule
        conn.execute(text("UPDATE users SET role = 'worker', active = false WHERE username = 'admin'"))
    again = _run(env, "init")
    assert again.returncode == 0, again.stderr[-2000:]
    assert "已恢复" in again.stdout and "UNIQUE" not in again.stderr
    password = again.stdout.strip().splitlines()[-1].rsplit("新密码 ", 1)[1]
    with engine.connect() as conn:
        role, active, hashed = conn.execute(
            text("SELECT role, active, password_hash FROM users WHERE username = 'admin'")).one()
    assert role == "admin" and active and verify_password(hashed, password)
    # The demo refreshes its people but leaves the admin's password alone, and says so.
    demo = _run(env, "demo", "--json")
    assert demo.returncode == 0, demo.stderr[-2000:]
    admin_entry = next(x for x in json.loads(demo.stdout.strip().splitlines()[-1]) if x["username"] == "admin")
    assert admin_entry["password"] is None and admin_entry["password_kept"]
    with engine.connect() as conn:
        hashed = conn.execute(text("SELECT password_hash FROM users WHERE username = 'admin'")).scalar_one()
    assert verify_password(hashed, password)
    engine.dispose()


def test_demo_prints_that_an_existing_admin_keeps_the_password(runner, make_user, db_session):
    admin = make_user(role="admin", username="admin", password="Chosen-boss-pass1")
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if " admin " in line)
    assert "保留原密码" in line
    db_session.refresh(admin)
    assert verify_password(admin.password_hash, "Chosen-boss-pass1")
