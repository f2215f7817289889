"""/admin/people: a unit trainer's place is the 区队 only (User.place), and the list is searched by
工号/姓名 and filtered by 区队, 班组, 角色 and 状态 through a GET form, a page at a time."""

from __future__ import annotations

import re

from accounts import admin_views
from tests.factories import create_team, create_user


def _usernames(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>\s*<td>([^<]+)</td>", body)


def test_a_unit_trainer_shows_the_unit_only(client, login):
    team = create_team("综采一队", "回收班")
    create_user(role="unit_trainer", team=team, username="90001")
    login("admin", username="a0001", team=create_team("机关", "管理组"))
    row = re.search(r"<td>90001</td>.*?</tr>", client.get("/admin/people").get_data(as_text=True), re.S).group(0)
    assert "综采一队" in row and "回收班" not in row


def test_search_and_filters_narrow_the_list(client, login, db_session):
    a = create_team("综采一队", "回收班")
    b = create_team("掘进二队", "掘进一班")
    create_user(team=a, username="50001", name="张三")
    create_user(team=b, username="50002", name="李四")
    create_user(role="team_leader", team=b, username="50003", name="王五")
    gone = create_user(team=a, username="50004", name="赵六")
    gone.active = False
    db_session.commit()
    login("admin", username="a0001", team=create_team("机关", "管理组"))
    page = client.get("/admin/people").get_data(as_text=True)
    assert 'method="get"' in page and 'name="q"' in page
    assert _usernames(client.get("/admin/people?q=李四").get_data(as_text=True)) == ["50002"]
    assert _usernames(client.get("/admin/people?q=5000").get_data(as_text=True)) == ["50001", "50002", "50003",
                                                                                      "50004"]
    assert _usernames(client.get(f"/admin/people?unit={b.unit_id}").get_data(as_text=True)) == ["50002", "50003"]
    assert _usernames(client.get(f"/admin/people?team={a.id}&status=active").get_data(as_text=True)) == ["50001"]
    assert _usernames(client.get("/admin/people?role=team_leader").get_data(as_text=True)) == ["50003"]
    assert _usernames(client.get("/admin/people?status=inactive").get_data(as_text=True)) == ["50004"]
    kept = client.get("/admin/people?q=李").get_data(as_text=True)
    assert 'value="李"' in kept  # the form shows what was searched
    assert "没有符合条件的人员" in client.get("/admin/people?q=nobody").get_data(as_text=True)


def test_the_list_is_paged_and_a_page_link_keeps_the_filters(client, login, monkeypatch):
    monkeypatch.setattr(admin_views, "PEOPLE_PER_PAGE", 2)
    team = create_team("综采一队", "回收班")
    for n in range(3):
        create_user(team=team, username=f"6000{n}")
    login("admin", username="a0001", team=create_team("机关", "管理组"))
    first = client.get(f"/admin/people?team={team.id}").get_data(as_text=True)
    assert _usernames(first) == ["60000", "60001"] and "第 1 / 2 页" in first
    assert f"team={team.id}" in re.search(r'href="([^"]+)">下一页', first).group(1).replace("&amp;", "&")
    assert _usernames(client.get(f"/admin/people?team={team.id}&page=2").get_data(as_text=True)) == ["60002"]
