"""Text no database can store (a NUL character, which PostgreSQL refuses; a lone surrogate) is
stopped before any view runs, on every route: a query string loses the character, a form or JSON
body is refused with a clear message, and nothing reaches the database to fail there with a 500."""

from __future__ import annotations

from urllib.parse import quote


def test_a_nul_in_a_query_string_is_dropped_by_a_redirect(client, login):
    login("worker")
    response = client.get("/kb/search?q=" + quote("瓦斯\x00超限") + "&page=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/kb/search?q=" + quote("瓦斯超限") + "&page=1"
    response = client.get("/kb/ask?" + quote("q\x00") + "=" + quote("放炮"))
    assert response.status_code == 302 and response.headers["Location"] == "/kb/ask?q=" + quote("放炮")


def test_a_form_with_a_nul_is_refused_with_a_message_and_nothing_is_saved(client, make_user, post_form):
    user = make_user(role="worker", password="Passw0rd!x")
    response = post_form("/login", {"username": user.username + "\x00", "password": "Passw0rd!x"})
    assert response.status_code == 400
    assert "无法保存的字符" in response.get_data(as_text=True)
    response = post_form("/login", {"username": user.username, "password": "Passw0rd!x"})
    assert response.status_code == 302  # the same form without the character signs in


def test_a_json_body_with_unstorable_text_is_refused_as_json(client, login):
    login("worker")
    headers = {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}
    for body in ('{"job": "\\u0000"}', '{"job\\u0000": 1}', '{"job": ["\\ud800"]}'):
        response = client.post("/api/v1/practice", data=body, content_type="application/json", headers=headers)
        assert response.status_code == 400, body
        assert "无法保存的字符" in response.json["message"], body
