"""The top menu: each role sees every link the nav registry gives it (none lost to grouping), in
named groups for trainers and admins (a dropdown per group, no JavaScript needed), a flat row for
a worker's few links, and the current page's group marked."""

from __future__ import annotations

import re

import pytest
from flask import url_for

from core.auth import Role

NAV = re.compile(r'<nav class="nav">(.*?)</nav>', re.S)
GROUP = re.compile(r'<details class="nav-group[^"]*"[^>]*>\s*<summary[^>]*>([^<]+)</summary>(.*?)</details>', re.S)
HREF = re.compile(r'<a href="([^"]+)"')


def registered_urls(app, role: str) -> set[str]:
    """What the registry shows `role`: the set the menu had before grouping, plus 首页."""
    with app.test_request_context():
        urls = {url_for(link[1]) for link in app.extensions["nav_links"] if not link[3] or role in link[3]}
        return urls | {url_for("accounts.home")}


def menu(client, path: str = "/") -> tuple[str, dict[str, list[str]]]:
    response = client.get(path)
    assert response.status_code == 200
    nav = NAV.search(response.get_data(as_text=True)).group(1)
    return nav, {label.strip(): HREF.findall(body) for label, body in GROUP.findall(nav)}


@pytest.mark.parametrize("role,groups", [
    (Role.WORKER, set()),
    (Role.TEAM_LEADER, {"学习", "知识库", "题库与试卷", "任务与成绩"}),
    (Role.UNIT_TRAINER, {"知识库", "题库与试卷", "任务与成绩"}),
    (Role.ADMIN, {"知识库", "题库与试卷", "任务与成绩", "管理"}),
])
def test_each_role_sees_its_groups_and_every_link_it_had(app, client, login, role, groups) -> None:
    login(role.value)
    nav, found = menu(client)
    assert set(found) == groups
    assert all(len(links) >= 2 for links in found.values())  # a group of one is a plain link
    shown = [href for href in HREF.findall(nav) if "password" not in href]
    assert len(shown) == len(set(shown))  # each link once
    assert set(shown) == registered_urls(app, role.value)


def test_the_current_pages_group_is_marked(app, client, login) -> None:
    login(Role.UNIT_TRAINER.value)
    nav, found = menu(client, "/bank/review/")
    current = re.findall(r'<details class="nav-group current"[^>]*>\s*<summary[^>]*>([^<]+)</summary>', nav)
    assert [label.strip() for label in current] == ["题库与试卷"]
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/bank/review/"]  # not /bank/ too
    nav, _ = menu(client, "/")
    assert "nav-group current" not in nav
