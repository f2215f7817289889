"""An unconfirmed answer of an instant-feedback sitting kept on the server as a draft (PUT with
"draft": true): restored by the attempt's data on any device, never graded nor counted, replaced by
the confirmed answer; an exam has no drafts."""

from __future__ import annotations

from sqlalchemy import select

from core.db import db
from quiz.taking.models import AttemptItem
from tests.taking.test_api import api_headers


def practice_paper(make_paper, **fields):
    return make_paper(sections=(("multi", 1, "10"), ("blank", 1, "10"), ("single", 1, "10")), mode="practice",
                      **fields)


def started(client, paper) -> tuple[str, dict, dict]:
    h = api_headers(client)
    attempt = client.post(f"/api/v1/papers/{paper.id}/attempts", headers=h).json
    where = {i["shape"]: i["position"] for i in attempt["items"]}
    return f"/api/v1/attempts/{attempt['id']}", where, h


def stored(url: str, position: int) -> AttemptItem:
    attempt_id = int(url.rsplit("/", 1)[1])
    db.session.expire_all()
    return db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id,
                                                       AttemptItem.position == position))


def test_a_draft_is_restored_but_never_graded_nor_counted(client, login, make_paper):
    paper = practice_paper(make_paper)
    login()
    url, where, h = started(client, paper)
    multi, blank = where["multi"], where["blank"]
    kept = client.put(f"{url}/items/{multi}", json={"answer": ["A", "B"], "draft": True}, headers=h)
    assert kept.status_code == 200 and kept.json["draft"] == ["A", "B"] and "feedback" not in kept.json
    assert client.put(f"{url}/items/{blank}", json={"answer": ["20"], "draft": True}, headers=h).status_code == 200
    item = stored(url, multi)
    assert item.response is None and item.score is None and item.correct is None and item.seq == 0
    # Another device opens the sitting: the drafts are there as drafts, not answers.
    again = client.get(url).json
    shown = {i["position"]: i for i in again["items"]}
    assert shown[multi]["draft"] == ["A", "B"] and shown[multi]["answer"] == [] and "feedback" not in shown[multi]
    assert shown[blank]["draft"] == ["20"] and again["answered"] == 0
    # 交卷 with the drafts never confirmed: nothing answered, nothing scored.
    result = client.post(f"{url}/submit", headers=h).json
    assert all(i["answer"] == [] for i in result["items"]) and float(result["score"]) == 0
    assert stored(url, multi).response is None and not stored(url, multi).score
    assert all(i["draft"] == [] for i in result["items"] + client.get(url).json["items"])  # not shown as an answer


def test_confirming_replaces_the_draft_and_clearing_removes_it(client, login, make_paper):
    paper = practice_paper(make_paper)
    login()
    url, where, h = started(client, paper)
    multi, blank = where["multi"], where["blank"]
    client.put(f"{url}/items/{multi}", json={"answer": ["A"], "draft": True}, headers=h)
    saved = client.put(f"{url}/items/{multi}", json={"answer": ["A", "B"], "base": 0}, headers=h).json
    assert "feedback" in saved
    item = stored(url, multi)
    assert item.draft is None and item.response is not None and item.correct is not None
    # A late draft of an answered question is not kept.
    client.put(f"{url}/items/{multi}", json={"answer": ["C"], "draft": True}, headers=h)
    assert stored(url, multi).draft is None
    assert next(i for i in client.get(url).json["items"] if i["position"] == multi)["draft"] == []
    # An emptied draft is cleared.
    client.put(f"{url}/items/{blank}", json={"answer": ["20"], "draft": True}, headers=h)
    client.put(f"{url}/items/{blank}", json={"answer": [""], "draft": True}, headers=h)
    assert stored(url, blank).draft is None


def test_an_exam_has_no_drafts(client, login, make_paper):
    paper = make_paper(sections=(("multi", 1, "10"), ("single", 1, "10")), time_limit_minutes=30)
    login()
    url, where, h = started(client, paper)
    refused = client.put(f"{url}/items/{where['multi']}", json={"answer": ["A"], "draft": True}, headers=h)
    assert refused.status_code == 409 and "没有草稿" in refused.json["error"]
    assert stored(url, where["multi"]).draft is None
    assert all(i["draft"] == [] for i in client.get(url).json["items"])
    saved = client.put(f"{url}/items/{where['multi']}", json={"answer": ["A"], "base": 0}, headers=h)
    assert saved.status_code == 200 and stored(url, where["multi"]).response is not None
