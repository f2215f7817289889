"""Sessions end on sign-out, on a new password and on deactivation; signed-in responses are never cached.

The test app keeps one app context for the whole test, and Flask-Login (the signed-in person)
and Flask-WTF (the CSRF token) cache on `g`; when a test switches browsers it starts afresh,
as every request on a real server does.
"""

from __future__ import annotations

from flask import g
from flask.testing import FlaskClient

from tests.conftest import csrf_token


def _copy_session(app, client: FlaskClient) -> FlaskClient:
    """A second browser holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _fresh_request() -> None:
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


def _get(client: FlaskClient, url: str):
    _fresh_request()
    return client.get(url)


def _signed_in(client: FlaskClient) -> bool:
    return _get(client, "/").status_code == 200


def _sign_in(app, username: str, password: str) -> FlaskClient:
    browser = app.test_client()
    _fresh_request()
    token = csrf_token(browser, "/login")
    response = browser.post("/login", data={"username": username, "password": password, "csrf_token": token})
    assert response.status_code == 302
    return browser


def test_a_copied_session_cookie_dies_at_sign_out(app, client, login, post_form):
    login("worker")
    copy = _copy_session(app, client)
    assert _signed_in(copy)
    _fresh_request()
    assert post_form("/logout", page="/").status_code == 302
    assert not _signed_in(client)
    response = _get(copy, "/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_new_password_ends_every_other_session_but_this_one(app, client, login, post_form):
    user = login("worker", password="Old-pass-word1")
    other_device = _sign_in(app, user.username, "Old-pass-word1")
    assert _signed_in(other_device)
    _fresh_request()
    response = post_form("/password", {"current": "Old-pass-word1", "password": "New-pass-word2",
                                       "confirm": "New-pass-word2"})
    assert response.status_code == 302
    assert _signed_in(client)  # the session that changed it carries on
    assert not _signed_in(other_device)


def test_an_admin_password_reset_signs_the_person_out(app, client, login, make_user, post_form):
    worker = make_user(password="Right-pass-1")
    worker_browser = _sign_in(app, worker.username, "Right-pass-1")
    assert _signed_in(worker_browser)
    _fresh_request()
    login("admin")
    asked = post_form(f"/admin/people/{worker.id}/reset-password", page="/admin/people")
    assert asked.status_code == 200 and "现用密码立即失效" in asked.get_data(as_text=True)
    assert _signed_in(worker_browser)  # asking changes nothing
    _fresh_request()
    post_form(f"/admin/people/{worker.id}/reset-password", {"confirmed": "1"}, page="/admin/people")
    # Signed out, not merely sent to change the password (which /password would show).
    response = _get(worker_browser, "/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_signed_in_responses_are_not_stored_but_static_files_are_cached(client, login):
    anonymous = client.get("/login")
    assert "no-store" not in anonymous.headers.get("Cache-Control", "")
    login("worker")
    for url in ["/", "/password"]:
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    api = client.get("/api/search", query_string={"q": "瓦斯"})
    assert api.headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/app.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")


def test_deactivating_ends_every_session_for_good(app, client, login, make_user, post_form):
    worker = make_user(password="Right-pass-1")
    worker_browser = _sign_in(app, worker.username, "Right-pass-1")
    assert _signed_in(worker_browser)
    _fresh_request()
    login("admin")
    post_form(f"/admin/people/{worker.id}/toggle", {"confirmed": "1"}, page="/admin/people")
    assert not _signed_in(worker_browser)
    _fresh_request()
    post_form(f"/admin/people/{worker.id}/toggle", page="/admin/people")  # 启用 again
    # The old session stays dead: the person signs in anew.
    response = _get(worker_browser, "/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _signed_in(_sign_in(app, worker.username, "Right-pass-1"))
