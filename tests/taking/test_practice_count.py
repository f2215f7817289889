"""POST /api/v1/practice keeps the limits its OpenAPI schema states for `count` (1 … practice.MAX_PRACTICE):
a count outside them, or no whole number, is refused with a 400 naming the range, not quietly changed
(−3 gave 1 question, 10⁹ every question up to the cap)."""

from __future__ import annotations

import pytest

from quiz.taking import openapi, practice


def _headers(client) -> dict:
    return {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}


@pytest.mark.parametrize("count", [0, -3, practice.MAX_PRACTICE + 1, 10**9, "-3", "abc", 2.5, True, [5]])
def test_a_count_outside_the_schema_is_refused_naming_the_range(client, login, make_questions, count):
    make_questions(single=3)
    login()
    refused = client.post("/api/v1/practice", json={"count": count}, headers=_headers(client))
    assert refused.status_code == 400, count
    assert refused.json == {"error": f"题数应为1到{practice.MAX_PRACTICE}之间的整数。"}


@pytest.mark.parametrize(("sent", "drawn"), [({"count": 2}, 2), ({"count": "1"}, 1), ({}, 3), ({"count": None}, 3)])
def test_a_count_within_it_or_none_is_taken(client, login, make_questions, sent, drawn):
    make_questions(single=3)
    login()
    started = client.post("/api/v1/practice", json=sent, headers=_headers(client))
    assert started.status_code == 200 and len(started.json["items"]) == drawn


def test_the_schema_states_the_limits_the_route_keeps():
    count = openapi.document()["paths"]["/practice"]["post"]["requestBody"]["content"]["application/json"][
        "schema"]["properties"]["count"]
    assert (count["minimum"], count["maximum"]) == (1, practice.MAX_PRACTICE)
