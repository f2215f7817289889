"""Admin actions that lose or disrupt something ask first (core.confirm); a person in a deactivated
班组 keeps it when edited; an admin never disables the own account."""

from __future__ import annotations

import re

from sqlalchemy import select

from accounts.models import User
from core.audit import AuditEntry
from core.db import db
from tests.factories import create_team, create_user


def test_disabling_a_person_asks_first_then_disables_and_is_logged(client, login, post_form, db_session):
    login("admin")
    person = create_user("worker", name="牛春生")
    asked = post_form(f"/admin/people/{person.id}/toggle", page="/admin/people")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in page
    assert "牛春生" in page and "无法登录" in page and 'href="/admin/people"' in page
    db_session.refresh(person)
    assert person.active  # the first post only asks
    post_form(f"/admin/people/{person.id}/toggle", {"confirmed": "1"}, page="/admin/people")
    db_session.refresh(person)
    assert not person.active
    logged = db.session.scalars(select(AuditEntry.summary).where(
        AuditEntry.action == "user.active", AuditEntry.object_id == str(person.id))).all()
    assert len(logged) == 1 and "停用" in logged[0]  # asking logged nothing, the confirmed change once
    # Enabling loses nothing: it does not ask.
    enabled = post_form(f"/admin/people/{person.id}/toggle", page="/admin/people")
    db_session.refresh(person)
    assert enabled.status_code == 302 and person.active


def test_the_own_row_offers_no_disable_and_the_server_refuses_it(client, login, post_form, db_session):
    me = login("admin")
    other = create_user("worker")
    page = client.get("/admin/people").get_data(as_text=True)
    assert f"/admin/people/{other.id}/toggle" in page
    assert f"/admin/people/{me.id}/toggle" not in page
    refused = post_form(f"/admin/people/{me.id}/toggle", {"confirmed": "1"}, page="/admin/people",
                        follow_redirects=True)
    assert "不能停用自己的账号" in refused.get_data(as_text=True)
    db_session.refresh(me)
    assert me.active


def test_deactivating_a_team_with_members_says_how_many_and_what_happens(client, login, post_form, db_session):
    login("admin")
    team = create_team("综掘二队", "掘进班")
    empty = create_team("综掘二队", "空班")
    for name in ("甲工", "乙工"):
        create_user("worker", team=team, name=name)
    create_user("worker", team=team, name="丙工", active=False)  # a disabled account is no member to warn about
    asked = post_form(f"/admin/teams/{team.id}/toggle", page="/admin/teams")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in page
    assert "还有 2 名在用人员" in page and "甲工" in page and "丙工" not in page and "不会被移出" in page
    db_session.refresh(team)
    assert team.active
    post_form(f"/admin/teams/{team.id}/toggle", {"confirmed": "1"}, page="/admin/teams")
    db_session.refresh(team)
    assert not team.active
    assert {m.team_id for m in db_session.scalars(select(User).where(User.name.in_(["甲工", "乙工"])))} == {team.id}
    # A team without members loses nobody: it is deactivated at once.
    post_form(f"/admin/teams/{empty.id}/toggle", page="/admin/teams")
    db_session.refresh(empty)
    assert not empty.active


def test_editing_a_person_in_a_deactivated_team_keeps_the_team(client, login, post_form, db_session):
    login("admin")
    team = create_team("综采一队", "回收班")
    create_team("综采一队", "安装班")
    person = create_user("worker", team=team, name="牛春生", job="支架工")
    team.active = False
    db_session.commit()
    form = client.get(f"/admin/people/{person.id}/edit").get_data(as_text=True)
    selected = re.search(r'<option selected value="(\d+)">([^<]*)</option>', form)
    assert selected and int(selected.group(1)) == team.id and "（已停用）" in selected.group(2)
    saved = post_form(f"/admin/people/{person.id}/edit", {
        "username": person.username, "name": person.name, "team_id": team.id, "job": "采煤机司机",
        "role": person.role})
    assert saved.status_code == 302
    db_session.refresh(person)
    assert (person.team_id, person.job) == (team.id, "采煤机司机")
    # Another person's form does not offer the deactivated team.
    other = create_user("worker", team=create_team("综采一队", "安装班"))
    assert "（已停用）" not in client.get(f"/admin/people/{other.id}/edit").get_data(as_text=True)
