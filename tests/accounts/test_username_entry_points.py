"""One 工号, read one way at every door: a full-width, padded or other-case spelling of T002 is
T002 at sign-in, in the person form, in a roster, on the command line (unlock, reset-password,
init --admin-username) and in the operation-log filter — `usernames.find` and `find_all` read
what they are given with `usernames.clean` themselves, so no caller can forget to."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from accounts import usernames
from accounts.admins import restore_admin
from accounts.models import User
from accounts.signin import LockoutPolicy, sign_in
from core import audit
from core.auth import Role
from core.db import db, utcnow
from tests.factories import create_team, create_user

SPELLINGS = ("Ｔ００２", "  t002 ", "ｔ００２", "T002")


def test_find_and_find_all_read_the_typed_text_themselves(app):
    person = create_user(username="T002")
    for typed in SPELLINGS:
        assert usernames.find(typed) is person, typed
    assert usernames.find_all(SPELLINGS) == dict.fromkeys(SPELLINGS, person)
    assert usernames.case_clash(" ｔ００２ ") is person


@pytest.mark.parametrize("typed", SPELLINGS)
def test_sign_in(app, typed):
    person = create_user(username="T002", password="Right-pass-1")
    result = sign_in(typed, "Right-pass-1", "10.0.0.1", LockoutPolicy(), utcnow())
    assert result.user is not None and result.user.id == person.id


def test_the_person_form_refuses_another_person_under_any_spelling(client, login, post_form):
    login("admin")
    holder = create_user(username="T002", name="张二")
    for typed in SPELLINGS:
        response = post_form("/admin/people/new", {"username": typed, "name": "另一人", "team_id": holder.team_id,
                                                   "role": "worker"})
        assert response.status_code == 200 and "张二（T002）" in response.get_data(as_text=True), typed
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 2


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_roster_row_on_the_command_line(app, runner, tmp_path, typed):
    from tests.accounts.test_roster import write_book

    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    person = create_user(username="T002", name="张二", team=team)
    path = write_book(tmp_path / "r.xlsx", [("工号", "姓名", "区队", "班组", "工种"),
                                            (typed, "张二", "综采一队", "回收班", "采煤工")])
    result = runner.invoke(args=["import-roster", str(path)])
    assert result.exit_code == 0, result.output
    assert "新增 0，更新 1，未变 0，错误 0" in result.output
    assert ("第 2 行 t002 即 张二（T002）" in result.output) == (usernames.clean(typed) != "T002")
    db.session.expire_all()
    assert person.job == "采煤工" and db.session.scalar(select(db.func.count()).select_from(User)) == 1


@pytest.mark.parametrize("typed", SPELLINGS)
def test_unlock_on_the_command_line(app, runner, typed):
    person = create_user(username="T002")
    result = runner.invoke(args=["unlock", typed])
    assert result.exit_code == 0, result.output
    entry = db.session.scalars(select(audit.AuditEntry).where(audit.AuditEntry.action == "user.unlock")).one()
    assert entry.object_id == str(person.id)


@pytest.mark.parametrize("typed", SPELLINGS)
def test_reset_password_on_the_command_line(app, runner, typed):
    person = create_user(username="T002", name="张二")
    result = runner.invoke(args=["reset-password", typed, "--password", "Brand-new-pass-7"])
    assert result.exit_code == 0, result.output
    assert "张二（工号 T002）" in result.output
    db.session.expire_all()
    assert sign_in("T002", "Brand-new-pass-7", "10.0.0.1", LockoutPolicy(), utcnow()).user.id == person.id


def test_init_admin_username_takes_the_account_or_makes_it_as_cleaned(app, runner, monkeypatch):
    import accounts.cli

    monkeypatch.setattr(accounts.cli, "_migrate", lambda: None)  # the test database is made without migrations
    monkeypatch.setitem(app.extensions, "upgrade_steps", [])
    demoted = create_user("worker", username="T002", active=False)
    result = runner.invoke(args=["init", "--admin-username", " ｔ００２ ", "--admin-password", "Chosen-boss-pass1"])
    assert result.exit_code == 0, result.output
    assert "工号 T002 设为管理员" in result.output
    db.session.expire_all()
    assert demoted.role == Role.ADMIN.value and demoted.active
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 1


def test_init_refuses_to_make_an_admin_of_a_number_the_form_would_refuse(app, runner, monkeypatch):
    import accounts.cli

    monkeypatch.setattr(accounts.cli, "_migrate", lambda: None)
    monkeypatch.setitem(app.extensions, "upgrade_steps", [])
    result = runner.invoke(args=["init", "--admin-username", "管理 员"])
    assert result.exit_code == 1 and "--admin-username：工号“管理 员”无效" in result.output
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0


def test_restoring_an_admin_nobody_has_makes_the_cleaned_number(app):
    restored = restore_admin("  Ａｄｍ９ ", "Chosen-boss-pass1")
    db.session.commit()
    assert restored.created and restored.user.username == "Adm9"
    assert usernames.find("adm9") is restored.user


def test_the_operation_log_filter(client, login, app):
    person = create_user("unit_trainer", username="T002")
    audit.record("question.create", "question", 1, "一道题", actor_id=person.id)
    db.session.commit()
    login("admin")
    for typed in SPELLINGS:
        page = client.get("/admin/audit/", query_string={"person": typed}).get_data(as_text=True)
        assert 'id="audit-total">1<' in page, typed


def test_the_roster_module_has_no_readers_of_its_own():
    """The roster reads a 工号 with usernames.clean and checks it with usernames.PATTERN, not aliases."""
    from accounts import roster

    assert not hasattr(roster, "_clean") and not hasattr(roster, "USERNAME_PATTERN")

