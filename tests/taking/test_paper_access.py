"""Who may manage and who may see a paper (quiz.taking.access), on every paper route.

Manage (edit, publish, 停用): the author, an admin, and a trainer whose scope covers the paper's whole
audience when the author's role is not wider (a 区队培训员 manages the own 班组长s' papers, a 班组长
never the 区队's or an admin's, even for the own team). See (page, print, results): also any trainer
the published paper is open to people of. A paper not seen answers 404; seen but not managed, 403.
"""

from __future__ import annotations

import pytest

from core.db import db
from quiz.taking import papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_team, create_user
from tests.papers import build_paper

ROLES = ("leader_a1", "leader_a2", "leader_b1", "trainer_a", "trainer_b", "admin")
# paper -> (author, audience, published, who manages, who else sees)
PAPERS = {
    "admin_minewide": ("admin", {}, True, {"admin"}, {"leader_a1", "leader_a2", "leader_b1", "trainer_a", "trainer_b"}),
    "admin_minewide_draft": ("admin", {}, False, {"admin"}, set()),
    "admin_for_a1": ("admin", {"teams": ["a1"]}, True, {"admin"}, {"leader_a1", "trainer_a"}),
    "trainer_unit_a": ("trainer_a", {"units": ["unit_a"]}, True, {"trainer_a", "admin"}, {"leader_a1", "leader_a2"}),
    "trainer_unit_a_draft": ("trainer_a", {"units": ["unit_a"]}, False, {"trainer_a", "admin"}, set()),
    "trainer_for_a1": ("trainer_a", {"teams": ["a1"]}, True, {"trainer_a", "admin"}, {"leader_a1"}),
    "leader_a1_draft": ("leader_a1", {"teams": ["a1"]}, False, {"leader_a1", "trainer_a", "admin"}, set()),
    "leader_a1": ("leader_a1", {"teams": ["a1"]}, True, {"leader_a1", "trainer_a", "admin"}, set()),
}
CASES = [(paper, role) for paper in PAPERS for role in ROLES]


@pytest.fixture
def mine(app, make_questions):
    make_questions(single=4)
    a1, a2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    b1 = create_team("掘进二队", "掘进一班")
    people = {"leader_a1": create_user("team_leader", a1), "leader_a2": create_user("team_leader", a2),
              "leader_b1": create_user("team_leader", b1), "trainer_a": create_user("unit_trainer", a1),
              "trainer_b": create_user("unit_trainer", b1), "admin": create_user("admin", a1)}
    return {"a1": a1, "a2": a2, "b1": b1, "unit_a": a1.unit, "unit_b": b1.unit, **people}


def _make(mine, name: str) -> Paper:
    author, audience, published, _, _ = PAPERS[name]
    paper = build_paper([("single", 2, "10")], publish=published, title=f"试卷{name}", created_by_id=mine[author].id)
    papers.set_audience(paper, team_ids=[mine[t].id for t in audience.get("teams", [])],
                        unit_ids=[mine[u].id for u in audience.get("units", [])])
    db.session.commit()
    return paper


def _access(name: str, role: str) -> str:
    _, _, _, managers, viewers = PAPERS[name]
    return "manage" if role in managers else ("see" if role in viewers else "none")


def _stored(paper_id: int) -> Paper:
    db.session.expire_all()
    return db.session.get(Paper, paper_id)


def _token(visitor: Visitor) -> str:
    return form_values(visitor.get("/papers/new").get_data(as_text=True))["csrf_token"][0]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_pages_and_the_list_show_a_paper_only_to_whom_may_see_it(app, mine, name, role):
    paper = _make(mine, name)
    visitor, access = Visitor(app, mine[role]), _access(name, role)
    detail = visitor.get(f"/papers/{paper.id}")
    listed = paper.title in visitor.get("/papers").get_data(as_text=True)
    printed = visitor.get(f"/records/print/papers/{paper.id}").status_code
    edit = visitor.get(f"/papers/{paper.id}/edit").status_code
    if access == "none":
        assert (detail.status_code, printed, edit, listed) == (404, 404, 404, False)
        return
    assert (detail.status_code, printed, listed) == (200, 200, True)
    page = detail.get_data(as_text=True)
    assert (f"/papers/{paper.id}/edit" in page) is (access == "manage")
    assert edit == (200 if access == "manage" else 403)


@pytest.mark.parametrize(("name", "role"), CASES)
def test_only_a_manager_changes_publishes_or_disables_a_paper(app, mine, name, role):
    paper = _make(mine, name)
    visitor, access = Visitor(app, mine[role]), _access(name, role)
    status, pass_score = paper.status, paper.pass_score
    # A crafted POST: the rules, pass mark and time limit changed, the audience as it stands.
    data = form_values(visitor.get("/papers/new").get_data(as_text=True))
    data.update({"title": ["越权修改"], "mode": ["exam"], "draw": ["fixed"], "multi_rule": ["half"],
                 "sections-0-type": ["single"], "sections-0-count": ["1"], "sections-0-points": ["5"],
                 "pass_score": ["1"], "time_limit_minutes": ["99"], "max_attempts": ["1"],
                 "teams": [str(a.team_id) for a in paper.audience if a.team_id],
                 "units": [str(a.unit_id) for a in paper.audience if a.unit_id]})
    edited = visitor.post(f"/papers/{paper.id}/edit", data=data)
    action = "publish" if status == "draft" else "archive"
    # 停用 asks first (core.confirm); the manager confirms, the others are refused before any asking
    acted = visitor.post(f"/papers/{paper.id}/{action}", data={"csrf_token": data["csrf_token"][0], "confirmed": "1"})
    stored = _stored(paper.id)
    if access == "manage":
        assert edited.status_code == 302 and stored.title == "越权修改" and stored.time_limit_minutes == 99
        assert acted.status_code == 302 and stored.status == ("published" if action == "publish" else "archived")
        return
    picked = visitor.post(f"/papers/{paper.id}/picked/points",  # 手动选题: the picked rule's points
                          data={"csrf_token": data["csrf_token"][0], "type": "single", "points": "9"})
    expected = 403 if access == "see" else 404
    assert (edited.status_code, acted.status_code, picked.status_code) == (expected, expected, expected)
    assert (stored.title, stored.status, stored.pass_score, stored.time_limit_minutes) == \
        (f"试卷{name}", status, pass_score, None)


def test_a_draft_is_nobody_elses_to_print_or_export(app, mine):
    """A draft open to the whole mine used to print (with its key) and export for every trainer."""
    paper = _make(mine, "admin_minewide_draft")
    trainer = Visitor(app, mine["trainer_a"])
    for url in (f"/records/print/papers/{paper.id}?key=1", f"/records/print/papers/{paper.id}/results",
                f"/records/results/papers/{paper.id}.xlsx"):
        assert trainer.get(url).status_code == 404, url
    admin = Visitor(app, mine["admin"])
    assert admin.get(f"/records/print/papers/{paper.id}?key=1").status_code == 200
