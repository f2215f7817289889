"""CSRF, role checks and scopes on routes and object ids."""

from __future__ import annotations

import pytest

from tests.factories import create_team


def test_post_without_csrf_token_is_refused(client, make_user):
    user = make_user(password="Right-pass-1")
    response = client.post("/login", data={"username": user.username, "password": "Right-pass-1"})
    assert response.status_code == 400
    assert "安全令牌" in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_sign_in_with_token_and_sign_out(client, make_user, post_form):
    user = make_user(password="Right-pass-1", name="王建国")
    response = post_form("/login", {"username": user.username, "password": "Right-pass-1"})
    assert response.status_code == 302
    assert "王建国" in client.get("/").get_data(as_text=True)
    assert client.post("/logout").status_code == 400  # sign-out needs the token too
    post_form("/logout", page="/")
    assert client.get("/").status_code == 302


def test_anonymous_visitors_go_to_login(client):
    response = client.get("/admin/people")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("url", ["/people", "/admin/people", "/admin/teams", "/admin/roster",
                                 "/admin/people/new"])
def test_worker_gets_403_on_trainer_and_admin_pages(client, login, url):
    login("worker")
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/admin/people", "/admin/teams", "/admin/roster"])
def test_trainers_get_403_on_admin_pages(client, login, url):
    login("unit_trainer")
    assert client.get(url).status_code == 403


def test_team_leader_sees_own_team_only(client, login, make_user):
    own, other = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进一班")
    mate = make_user(team=own, name="同班人")
    stranger = make_user(team=other, name="外班人")
    login("team_leader", team=own)
    assert client.get(f"/people/{mate.id}").status_code == 200
    assert client.get(f"/people/{stranger.id}").status_code == 404
    listing = client.get("/people").get_data(as_text=True)
    assert "同班人" in listing and "外班人" not in listing


def test_unit_trainer_sees_own_unit(client, login, make_user):
    team_a, team_b = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    elsewhere = create_team("掘进二队", "掘进一班")
    same_unit = make_user(team=team_b)
    other_unit = make_user(team=elsewhere)
    login("unit_trainer", team=team_a)
    assert client.get(f"/people/{same_unit.id}").status_code == 200
    assert client.get(f"/people/{other_unit.id}").status_code == 404


def test_worker_cannot_open_another_worker(client, login, make_user):
    other = make_user()
    me = login("worker")
    assert client.get(f"/people/{me.id}").status_code == 200
    assert client.get(f"/people/{other.id}").status_code == 404


def test_admin_adds_and_disables_a_person(client, login, post_form, db_session):
    from accounts.models import User

    team = create_team()
    login("admin")
    response = post_form("/admin/people/new", {"username": "30001", "name": "新工人", "team_id": team.id,
                                               "job": "支架工", "role": "worker"}, follow_redirects=True)
    assert "初始密码" in response.get_data(as_text=True)
    person = db_session.query(User).filter_by(username="30001").one()
    assert person.must_change_password and person.team_id == team.id
    post_form(f"/admin/people/{person.id}/toggle", {"confirmed": "1"}, page="/admin/people")
    db_session.refresh(person)
    assert person.active is False


def test_forced_password_change_blocks_other_pages(client, make_user, post_form, db_session):
    user = make_user(password="Initial-pass-1", must_change=True)
    post_form("/login", {"username": user.username, "password": "Initial-pass-1"})
    assert client.get("/").headers["Location"].endswith("/password")
    response = post_form("/password", {"current": "Initial-pass-1", "password": "Brand-new-pass-2",
                                       "confirm": "Brand-new-pass-2"})
    assert response.status_code == 302
    db_session.refresh(user)
    assert not user.must_change_password
    assert client.get("/").status_code == 200


def test_error_pages_do_not_leak_internals(client, login):
    login("worker")
    page = client.get("/no/such/page")
    body = page.get_data(as_text=True)
    assert page.status_code == 404 and "页面不存在" in body and "Traceback" not in body


def test_pages_load_nothing_from_outside(client, login):
    login("admin")
    for url in ["/", "/admin/people", "/admin/teams", "/admin/roster", "/password"]:
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert "http://" not in body and "https://" not in body and 'src="//' not in body, url


def test_session_cookie_is_httponly_and_samesite(client, make_user, post_form):
    user = make_user(password="Right-pass-1")
    response = post_form("/login", {"username": user.username, "password": "Right-pass-1"})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_forced_password_change_page_offers_sign_out(client, login, post_form):
    """First sign-in sends a person to /password; the header there still has 退出 (a POST with the token)."""
    login("worker", must_change=True)
    assert client.get("/").headers["Location"].endswith("/password")
    page = client.get("/password").get_data(as_text=True)
    header = page.split("</header>")[0]
    assert 'action="/logout"' in header and 'name="csrf_token"' in header and "退出" in header
    assert "考试练习" not in header  # the menu stays hidden until the password is changed
    response = post_form("/logout", page="/password")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/password").status_code == 302
