"""The mine names itself: `init --mine-name` and the 区队班组 page; a clean setup invents no name."""

from __future__ import annotations

from accounts.demo import MINE_NAME, seed_demo
from accounts.mine import get_or_create_mine
from accounts.models import Mine
from core.audit import AuditEntry
from core.db import db


def _mine() -> Mine:
    db.session.expire_all()
    return get_or_create_mine()


def test_a_clean_setup_invents_no_name_and_init_sets_the_mine_s_own(runner, db_session, monkeypatch):
    import accounts.cli

    monkeypatch.setattr(accounts.cli, "_migrate", lambda: None)  # the test schema is already there
    assert runner.invoke(args=["init"]).exit_code == 0
    assert _mine().name != MINE_NAME and _mine().label == "本矿"
    result = runner.invoke(args=["init", "--mine-name", "  红岭煤矿 "])
    assert result.exit_code == 0, result.output
    assert _mine().name == "红岭煤矿" and db_session.query(Mine).count() == 1
    entry = db_session.query(AuditEntry).filter_by(action="mine.rename").one()
    assert "命令行" in entry.summary and "红岭煤矿" in entry.summary
    assert runner.invoke(args=["init", "--mine-name", " "]).exit_code != 0
    # The demo keeps a name the mine gave itself.
    seed_demo()
    assert _mine().name == "红岭煤矿"


def test_the_admin_is_asked_for_the_name_and_renames_the_mine_on_the_teams_page(client, login, post_form,
                                                                              db_session):
    login("admin")
    home = client.get("/").get_data(as_text=True)
    assert 'id="mine-unnamed"' in home and "青山煤矿" not in home
    teams = client.get("/admin/teams").get_data(as_text=True)
    assert "本矿 · 区队与班组" in teams and "青山煤矿" not in teams
    response = post_form("/admin/teams", {"mine-name": "红岭煤矿", "mine-submit": "保存矿名"})
    assert response.status_code == 302
    assert _mine().name == "红岭煤矿"
    assert "红岭煤矿 · 区队与班组" in client.get("/admin/teams").get_data(as_text=True)
    assert 'id="mine-unnamed"' not in client.get("/").get_data(as_text=True)
    entry = db_session.query(AuditEntry).filter_by(action="mine.rename").one()
    assert entry.actor_id is not None and entry.summary == "本矿 → 红岭煤矿"
    empty = post_form("/admin/teams", {"mine-name": "", "mine-submit": "保存矿名"})
    assert empty.status_code == 200 and "请填写矿名" in empty.get_data(as_text=True)
