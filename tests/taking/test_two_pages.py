"""One sitting open on two pages (two tabs, or a tab and a phone): a save names the stored version
it replaces (`base`), so a page that missed the other page's save is refused for that question
(412, with what is stored) and never overwrites it unawares; a retry is still saved once."""

from __future__ import annotations

import pytest

from tests.taking.test_api import api_headers


@pytest.fixture
def exam(make_paper):
    return make_paper(sections=(("single", 3, "30"),), time_limit_minutes=30, pass_score=60)


def _pages(client, login, exam):
    login()
    h = api_headers(client)
    url = f"/api/v1/papers/{exam.id}/attempts"
    tab1, tab2 = client.post(url, headers=h).json, client.post(url, headers=h).json  # both pages opened
    assert tab1["id"] == tab2["id"]
    return f"/api/v1/attempts/{tab1['id']}", h, tab1, tab2


def test_a_page_that_missed_a_newer_save_is_refused_and_told_what_is_stored(client, login, exam):
    url, h, tab1, tab2 = _pages(client, login, exam)
    base = tab2["items"][1]["seq"]
    assert client.put(f"{url}/items/2", json={"answer": ["A"], "base": base}, headers=h).status_code == 200
    stale = client.put(f"{url}/items/2", json={"answer": ["B"], "base": tab1["items"][1]["seq"]}, headers=h)
    assert stale.status_code == 412
    assert stale.json["answer"] == ["A"] and stale.json["seq"] == base + 1 and "另一个页面" in stale.json["error"]
    # Page 2 answers question 1: question 2 keeps the answer saved last (A), page 1's refused B never lands.
    assert client.put(f"{url}/items/1", json={"answer": ["D"], "base": tab2["items"][0]["seq"]},
                      headers=h).status_code == 200
    items = client.get(url).json["items"]
    assert [i["answer"] for i in items[:2]] == [["D"], ["A"]]
    # Told, page 1 answers again on the stored version: now it is saved.
    again = client.put(f"{url}/items/2", json={"answer": ["B"], "base": stale.json["seq"]}, headers=h)
    assert again.status_code == 200 and client.get(url).json["items"][1]["answer"] == ["B"]
    result = client.post(f"{url}/submit", headers=h).json
    assert result["items"][1]["answer"] == ["B"]


def test_a_retry_of_a_saved_answer_is_saved_once_and_not_a_conflict(client, login, exam):
    url, h, tab1, _ = _pages(client, login, exam)
    body = {"answer": ["C"], "base": tab1["items"][2]["seq"]}
    first = client.put(f"{url}/items/3", json=body, headers=h)
    retry = client.put(f"{url}/items/3", json=body, headers=h)  # the reply to the first was lost
    assert first.status_code == retry.status_code == 200 and first.json["seq"] == retry.json["seq"]


@pytest.mark.parametrize("base", [True, "1", 2**31 - 1, -(2**31)])
def test_a_base_that_is_not_a_stored_version_is_refused_as_a_bad_request(client, login, exam, base):
    url, h, _, _ = _pages(client, login, exam)
    assert client.put(f"{url}/items/1", json={"answer": ["A"], "base": base}, headers=h).status_code == 400
