"""An admin's home page shows what an admin needs (counts and the admin pages), not a worker's study
panel; the homes of a 区队培训员 and a 班组长 keep theirs."""

from __future__ import annotations

import re

from core import audit
from core.db import db
from tests.factories import create_team, create_user


def _figure(page: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}"[^>]*>\s*<strong>([^<]+)</strong>', page)
    assert match, f"no figure {name}"
    return match.group(1)


def test_the_admin_home_has_counts_and_admin_links_and_no_study_panel(client, login):
    team = create_team("综采一队", "回收班")
    create_team("综采一队", "安装班")
    create_user(team=team)
    gone = create_user(team=team)
    gone.active = False
    audit.record("roster.import", "roster", None, "新增 2 人，更新 0 人，0 行有错误")
    db.session.commit()
    login("admin", team=team)
    page = client.get("/").get_data(as_text=True)
    assert "今日学习" not in page and "每日一练" not in page and "未分配班组" not in page
    assert _figure(page, "people") == "2"  # the active people: the admin and one worker of two
    assert _figure(page, "teams") == "2"
    for name in ("documents", "gaps"):
        assert _figure(page, name).isdigit()
    assert "新增 2 人" in page  # the recent imports
    for url in ("/admin/people", "/admin/teams", "/admin/roster", "/library/", "/kb/gaps"):
        assert f'href="{url}' in page, url


def test_trainers_and_team_leaders_keep_their_home(client, login):
    login("unit_trainer")
    page = client.get("/").get_data(as_text=True)
    assert "今日学习" in page and 'data-figure="people"' not in page


def test_a_team_leader_keeps_the_study_panel(client, login):
    login("team_leader")
    page = client.get("/").get_data(as_text=True)
    assert "今日学习" in page and 'data-figure="people"' not in page
