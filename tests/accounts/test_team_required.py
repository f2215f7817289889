"""Who needs a 班组: an admin none (form and roster); a 班组长 or 区队培训员 cannot be without one."""

from __future__ import annotations

from accounts.mine import get_or_create_mine
from accounts.models import User
from accounts.roster import apply_roster, read_roster
from tests.accounts.test_roster import write_book
from tests.factories import create_team, create_user


def _form(username, role, team_id=0):
    return {"username": username, "name": "某人", "team_id": team_id, "role": role}


def test_the_form_refuses_a_team_leader_or_unit_trainer_without_a_team(client, login, post_form, db_session):
    login("admin")
    for role, word in (("team_leader", "班组长"), ("unit_trainer", "区队培训员")):
        response = post_form("/admin/people/new", _form(f"N{role[:4]}1", role))
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and f"{word}须分到" in page, role
    assert db_session.query(User).filter(User.username.like("N%")).count() == 0
    assert post_form("/admin/people/new", _form("NADM1", "admin")).status_code == 302
    assert post_form("/admin/people/new", _form("NTL2", "team_leader", create_team().id)).status_code == 302


def test_an_admin_row_needs_no_team_but_a_leader_or_trainer_row_does(tmp_path, app, db_session):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    boss = create_user(role="admin", username="70001", name="老管理", team=team)
    path = write_book(tmp_path / "r.xlsx", [("工号", "姓名", "区队", "班组", "角色"),
                                            ("70002", "新管理", "", "", "管理员"),
                                            ("70001", "老管理", "", "", ""),
                                            ("70003", "新班长", "综采一队", "", "班组长"),
                                            ("70004", "新培训员", "", "", "区队培训员"),
                                            ("70005", "新职工", "", "", "")])
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    reasons = dict(report.errors)
    assert sorted(reasons) == [4, 5, 6]
    assert "班组长须分到" in reasons[4] and "区队培训员须分到" in reasons[5] and "缺少班组" in reasons[6]
    assert db_session.query(User).filter_by(username="70002").one().team_id is None
    db_session.refresh(boss)
    assert boss.team_id == team.id  # a blank cell keeps an admin's place
