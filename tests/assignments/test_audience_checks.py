"""布置给 is ticked with plain clicks, not Ctrl-clicked: 区队 and 班组 are checkboxes (the teams under
their 区队's heading beside the 区队 list); ticked teams are assigned, and a refused form comes back
with them ticked."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.db import db, utcnow
from quiz.assignments.models import Assignment
from tests.assignments.test_pages import due_text, place, sign_in  # noqa: F401 - place is a fixture
from tests.checkboxes import offered, ticked
from tests.conftest import csrf_token
from tests.factories import create_team


def test_teams_are_ticked_under_their_unit_and_assigned(client, place, make_paper):  # noqa: F811
    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),))
    sign_in(client, place["trainer"])
    form = client.get("/assignments/new").get_data(as_text=True)
    assert "<select multiple" not in form and "Ctrl" not in form
    assert {(h, label) for h, label, _ in offered(form, "teams")} == {("综采一队", "回收班"), ("综采一队", "安装班")}
    assert [label for _, label, _ in offered(form, "units")] == ["综采一队"]
    chosen = [place["a"].id, place["b"].id]
    created = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "teams": chosen, "count": 10,
    })
    assert created.status_code == 302, created.get_data(as_text=True)[:500]
    assignment = db.session.scalar(select(Assignment))
    assert sorted((r.team_id, r.unit_id) for r in assignment.audience) == sorted((t, None) for t in chosen)


def test_a_refused_form_comes_back_with_the_ticks_kept(client, place, make_paper):  # noqa: F811
    create_team("掘进二队", "掘进一班")  # outside the trainer's 区队: never offered
    make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),))
    sign_in(client, place["trainer"])
    refused = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": "",
        "due_at": "", "teams": [place["b"].id], "units": [place["a"].unit.id], "count": 10,
    })
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "请填写截止时间" in page and db.session.scalar(select(Assignment)) is None
    assert ticked(page, "teams") == [str(place["b"].id)] and ticked(page, "units") == [str(place["a"].unit.id)]
    assert "掘进一班" not in page


def test_a_job_typed_under_an_alias_is_assigned_under_its_name_and_the_page_says_so(client, place, make_paper):  # noqa: F811
    """Like the person form and the roster, the assignment form saves a 工种 by corpus.jobs.to_store and says so."""
    from tests.factories import create_user

    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),))
    sign_in(client, create_user("admin", team=place["a"]))
    page = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "jobs": "维修电工、井口信号工", "count": 10,
    }, follow_redirects=True).get_data(as_text=True)
    assignment = db.session.scalar(select(Assignment))
    assert sorted(r.job for r in assignment.audience) == sorted(["电钳工", "井口信号工"])
    assert page.count("工种 维修电工 记为 电钳工") == 1
