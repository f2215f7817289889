"""A JSON body nested deeper than any request of the app needs is refused with a 400 and a Chinese message
on every JSON route (core.web), instead of a RecursionError (a 500) while decoding or walking it."""

from __future__ import annotations

import pytest

from core.db import db, utcnow
from core.web import MAX_JSON_DEPTH
from quiz.taking import attempts


def nested(levels: int) -> str:
    return '{"answer":' + "[" * levels + "]" * levels + ', "count": 5}'


@pytest.fixture
def worker_attempt(login, make_paper):
    worker = login()
    sitting = attempts.start_paper(make_paper(), worker, utcnow())
    db.session.commit()
    return sitting


@pytest.mark.parametrize("levels", [50_000, 900, MAX_JSON_DEPTH])
def test_deeply_nested_json_is_refused_on_every_json_route(client, worker_attempt, levels):
    token = client.get("/api/v1/me").json["csrf_token"]
    headers = {"X-CSRFToken": token, "Content-Type": "application/json"}
    for method, url in (("put", f"/api/v1/attempts/{worker_attempt.id}/items/1"), ("post", "/api/v1/practice")):
        response = getattr(client, method)(url, data=nested(levels), headers=headers)
        assert response.status_code == 400, (url, levels)
        assert "嵌套" in response.json["message"] and response.json["error"] == "请求有误"
    db.session.refresh(worker_attempt)
    assert worker_attempt.items[0].response is None


def test_json_within_the_limit_is_read(client, worker_attempt):
    token = client.get("/api/v1/me").json["csrf_token"]
    saved = client.put(f"/api/v1/attempts/{worker_attempt.id}/items/1", json={"answer": ["B"], "seq": 1},
                       headers={"X-CSRFToken": token})
    assert saved.status_code == 200
