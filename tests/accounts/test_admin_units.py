"""A 区队 is renamed and deactivated (and enabled again) on the admin's team page, audited."""

from __future__ import annotations

from accounts.demo import MINE_NAME
from accounts.models import WorkUnit
from core.audit import AuditEntry
from tests.factories import create_team, create_user


def test_the_team_page_offers_edit_and_deactivate_for_a_unit(client, login):
    team = create_team("审计三队", "审计班", mine_name=MINE_NAME)
    login("admin")
    page = client.get("/admin/teams").get_data(as_text=True)
    assert f"/admin/units/{team.unit_id}/edit" in page
    assert f"/admin/units/{team.unit_id}/toggle" in page


def test_admin_renames_a_unit_and_the_rename_is_audited(client, login, post_form, db_session):
    team = create_team("审计三队", "审计班", mine_name=MINE_NAME)
    create_team("综采一队", "回收班", mine_name=MINE_NAME)
    login("admin")
    url = f"/admin/units/{team.unit_id}/edit"
    clash = post_form(url, {"name": "综采一队"})
    assert clash.status_code == 200 and "该区队已存在" in clash.get_data(as_text=True)
    assert post_form(url, {"name": "综采三队"}).status_code == 302
    unit = db_session.get(WorkUnit, team.unit_id)
    db_session.refresh(unit)
    assert unit.name == "综采三队"
    entry = db_session.query(AuditEntry).filter_by(action="unit.edit").one()
    assert "审计三队" in entry.summary and "综采三队" in entry.summary


def test_a_unit_with_active_teams_asks_first_naming_them_then_deactivates_them_too(client, login, post_form,
                                                                                   db_session):
    team = create_team("审计三队", "审计班", mine_name=MINE_NAME)
    create_user(team=team)
    login("admin", team=create_team("机关", "管理组", mine_name=MINE_NAME))
    url = f"/admin/units/{team.unit_id}/toggle"
    asked = post_form(url, page="/admin/teams")
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "审计班（1 人）" in text and "确认停用" in text
    unit = db_session.get(WorkUnit, team.unit_id)
    assert unit.active and db_session.query(AuditEntry).filter_by(action="unit.active").count() == 0
    post_form(url, {"confirmed": "1"}, page="/admin/teams")
    db_session.refresh(unit)
    db_session.refresh(team)
    assert not unit.active and not team.active
    assert [e.action for e in db_session.query(AuditEntry).order_by(AuditEntry.id)] == ["team.active", "unit.active"]
    # Its 班组 is not enabled while the 区队 is deactivated.
    refused = post_form(f"/admin/teams/{team.id}/toggle", page="/admin/teams", follow_redirects=True)
    assert "请先启用区队" in refused.get_data(as_text=True)
    db_session.refresh(team)
    assert not team.active


def test_an_empty_unit_is_deactivated_then_enabled_again_each_audited(client, login, post_form, db_session):
    team = create_team("审计三队", "审计班", mine_name=MINE_NAME)
    team.active = False
    db_session.commit()
    login("admin")
    url = f"/admin/units/{team.unit_id}/toggle"
    post_form(url, page="/admin/teams")
    unit = db_session.get(WorkUnit, team.unit_id)
    db_session.refresh(unit)
    assert not unit.active
    page = client.get("/admin/teams").get_data(as_text=True)
    assert "已停用" in page
    # A deactivated unit takes no new teams.
    assert f'<option value="{unit.id}"' not in page.split("添加班组")[1]
    post_form(url, page="/admin/teams")
    db_session.refresh(unit)
    assert unit.active
    summaries = [e.summary for e in db_session.query(AuditEntry).filter_by(action="unit.active").order_by(AuditEntry.id)]
    assert summaries == ["停用区队 审计三队", "启用区队 审计三队"]
