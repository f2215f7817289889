"""A paper's 参加范围 is ticked with plain clicks, not Ctrl-clicked in a list that one stray click
clears: 区队 and 班组 are checkboxes (the teams under their 区队's heading when both are offered);
ticked teams save as before, an edit shows them ticked, and a refused form comes back with them ticked."""

from __future__ import annotations

import pytest

from tests.checkboxes import offered, ticked
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import audience_of
from tests.factories import create_team, create_user
from tests.taking.test_paper_scope import _paper_data, _papers


@pytest.fixture
def place(app, make_questions):
    make_questions(single=4)
    a1, a2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    b1 = create_team("掘进二队", "掘进一班")
    return {"a1": a1, "a2": a2, "b1": b1, "admin": create_user("admin", a1), "leader": create_user("team_leader", a1)}


def test_units_and_teams_are_checkboxes_with_each_team_under_its_unit(app, place):
    page = Visitor(app, place["admin"]).get("/papers/new").get_data(as_text=True)
    assert "<select multiple" not in page and 'multiple name="teams"' not in page and "Ctrl" not in page
    teams = {(heading, label) for heading, label, _ in offered(page, "teams")}
    assert teams == {("综采一队", "回收班"), ("综采一队", "安装班"), ("掘进二队", "掘进一班")}
    assert {label for _, label, _ in offered(page, "units")} == {"综采一队", "掘进二队"}
    # A 班组长 is offered the own team alone (no 区队 beside it): by its full name, ticked already.
    own = Visitor(app, place["leader"]).get("/papers/new").get_data(as_text=True)
    assert offered(own, "teams") == [(None, "综采一队 · 回收班", str(place["a1"].id))]
    assert ticked(own, "teams") == [str(place["a1"].id)]


def test_ticked_teams_are_saved_and_the_edit_shows_them_ticked(app, place):
    admin = Visitor(app, place["admin"])
    page = admin.get("/papers/new").get_data(as_text=True)
    chosen = [place["a2"].id, place["b1"].id]
    response = admin.post("/papers/new", data=_paper_data(page, teams=chosen))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    paper = _papers()[0]
    assert audience_of(paper) == {(team, None, None) for team in chosen}
    edit = admin.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    assert sorted(ticked(edit, "teams")) == sorted(str(team) for team in chosen) and ticked(edit, "units") == []


def test_a_refused_form_comes_back_with_the_ticks_kept(app, place):
    admin = Visitor(app, place["admin"])
    page = admin.get("/papers/new").get_data(as_text=True)
    data = _paper_data(page, teams=[place["a1"].id, place["b1"].id], units=[place["a1"].unit.id])
    data["title"] = [""]  # refused: a paper needs a name
    response = admin.post("/papers/new", data=data)
    again = response.get_data(as_text=True)
    assert response.status_code == 200 and "请填写名称" in again and _papers() == []
    assert sorted(ticked(again, "teams")) == sorted([str(place["a1"].id), str(place["b1"].id)])
    assert ticked(again, "units") == [str(place["a1"].unit.id)]
