"""Whom a paper is open to stays within its author's scope, exactly as an assignment's audience does
(accounts.scopes.audience_reach): a 班组长 the own 班组, a 区队培训员 the own 区队 or its teams, an
admin the whole mine (nobody named) and jobs across it. The form offers only that; the POST, an edit
and publishing refuse anything else, never dropping it silently (which used to open a paper to 全矿)."""

from __future__ import annotations

import pytest

from core.db import db
from quiz.taking.models import Paper
from tests.checkboxes import labels
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import audience_of, form_values
from tests.factories import create_team, create_user
from tests.papers import build_paper


@pytest.fixture
def mine(app, make_questions):
    make_questions(single=4)
    a1, a2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    b1 = create_team("掘进二队", "掘进一班")
    people = {"leader": create_user("team_leader", a1), "trainer": create_user("unit_trainer", a1),
              "admin": create_user("admin", a1)}
    return {"a1": a1, "a2": a2, "b1": b1, "unit_a": a1.unit, "unit_b": b1.unit, **people}


def _paper_data(page: str, **audience) -> dict:
    """The new-paper form as a browser would send it, with one rule and the audience given (or as shown)."""
    data = form_values(page)
    data.update({"title": ["班组月考"], "sections-0-type": ["single"], "sections-0-count": ["2"],
                 "sections-0-points": ["10"], "pass_score": ["10"]})
    for name in ("teams", "units", "jobs"):
        if name in audience:
            data[name] = [str(v) for v in audience[name]]
    return data


def _papers() -> list[Paper]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Paper).order_by(Paper.id)))


def _selected(page: str, name: str) -> list[str]:
    return form_values(page).get(name, [])


def test_the_form_offers_each_role_its_own_scope_and_defaults_to_it(app, mine):
    leader = Visitor(app, mine["leader"]).get("/papers/new").get_data(as_text=True)
    assert labels(leader, "teams") == ["综采一队 · 回收班"] and labels(leader, "units") == []
    assert _selected(leader, "teams") == [str(mine["a1"].id)]
    assert 'name="jobs"' not in leader and "不选则全矿" not in leader

    trainer = Visitor(app, mine["trainer"]).get("/papers/new").get_data(as_text=True)
    assert labels(trainer, "units") == ["综采一队"]
    assert sorted(labels(trainer, "teams")) == sorted(["综采一队 · 安装班", "综采一队 · 回收班"])
    assert _selected(trainer, "units") == [str(mine["unit_a"].id)] and _selected(trainer, "teams") == []
    assert 'name="jobs"' not in trainer and "不选则全矿" not in trainer

    admin = Visitor(app, mine["admin"]).get("/papers/new").get_data(as_text=True)
    assert sorted(labels(admin, "units")) == sorted(["掘进二队", "综采一队"]) and len(labels(admin, "teams")) == 3
    assert _selected(admin, "teams") == [] and _selected(admin, "units") == []
    assert 'name="jobs"' in admin and "不选则全矿" in admin


@pytest.mark.parametrize(("role", "audience", "allowed"), [
    ("leader", {}, False),                                   # nobody named: the whole mine
    ("leader", {"teams": ["a2"]}, False),                    # another team of the same unit
    ("leader", {"teams": ["b1"]}, False),                    # a team of another unit
    ("leader", {"units": ["unit_a"]}, False),                # the own unit
    ("leader", {"teams": ["a1"], "jobs": ["支架工"]}, False),  # a job reaches it across the mine
    ("leader", {"teams": ["a1"]}, True),
    ("trainer", {}, False),
    ("trainer", {"teams": ["b1"]}, False),
    ("trainer", {"units": ["unit_b"]}, False),
    ("trainer", {"units": ["unit_a"], "jobs": ["支架工"]}, False),
    ("trainer", {"units": ["unit_a"]}, True),
    ("trainer", {"teams": ["a1", "a2"]}, True),
    ("admin", {}, True),
    ("admin", {"units": ["unit_b"], "jobs": ["支架工"]}, True),
])
def test_a_crafted_post_outside_the_scope_saves_nothing(app, mine, role, audience, allowed):
    visitor = Visitor(app, mine[role])
    page = visitor.get("/papers/new").get_data(as_text=True)
    wanted = {name: [v if name == "jobs" else mine[v].id for v in values] for name, values in audience.items()}
    data = _paper_data(page, teams=wanted.get("teams", []), units=wanted.get("units", []),
                       jobs=wanted.get("jobs", []))
    response = visitor.post("/papers/new", data=data, follow_redirects=True)
    saved = _papers()
    if not allowed:
        assert saved == [], audience_of(saved[0])
        text = response.get_data(as_text=True)
        assert "管理范围" in text or "只能由管理员" in text
        return
    assert len(saved) == 1
    expected = {(mine[v].id, None, None) for v in audience.get("teams", [])} | \
               {(None, mine[v].id, None) for v in audience.get("units", [])} | \
               {(None, None, j) for j in audience.get("jobs", [])}
    assert audience_of(saved[0]) == expected
    publish = visitor.post(f"/papers/{saved[0].id}/publish", data={"csrf_token": form_values(page)["csrf_token"][0]},
                           follow_redirects=True)
    assert "已发布" in publish.get_data(as_text=True) and _papers()[0].status == "published"


def test_editing_keeps_the_audience_within_the_scope(app, mine):
    leader = Visitor(app, mine["leader"])
    own = build_paper([("single", 2, "10")], publish=False, created_by_id=mine["leader"].id)
    own.audience.clear()
    db.session.flush()
    from quiz.taking import papers

    papers.set_audience(own, team_ids=[mine["a1"].id])
    db.session.commit()
    url = f"/papers/{own.id}/edit"
    data = form_values(leader.get(url).get_data(as_text=True))
    assert data["teams"] == [str(mine["a1"].id)]
    for forged in ({"teams": [str(mine["b1"].id)]}, {"teams": []}, {"jobs": ["支架工"]}):
        refused = leader.post(url, data=dict(data, title=["不该保存"], **forged), follow_redirects=True)
        assert "管理范围" in refused.get_data(as_text=True) or "只能由管理员" in refused.get_data(as_text=True)
        edited = _papers()[0]
        assert audience_of(edited) == {(mine["a1"].id, None, None)} and edited.title == "月考"


def test_a_paper_open_beyond_the_scope_is_shown_not_offered_and_cannot_be_published(app, mine):
    """The leader's own papers (their author, so theirs to manage: quiz.taking.access) whose audience
    lies beyond the leader's scope — the whole mine, another unit's team (say the leader has moved)."""
    minewide = build_paper([("single", 2, "10")], publish=False, created_by_id=mine["leader"].id)
    other = build_paper([("single", 2, "10")], publish=False, title="掘进考试", created_by_id=mine["leader"].id)
    from quiz.taking import papers

    papers.set_audience(other, team_ids=[mine["b1"].id])
    db.session.commit()
    leader = Visitor(app, mine["leader"])
    for paper, label in ((minewide, "全矿"), (other, "掘进二队 · 掘进一班")):
        url = f"/papers/{paper.id}/edit"
        page = leader.get(url).get_data(as_text=True)
        assert 'name="teams"' not in page and 'name="units"' not in page and 'name="jobs"' not in page
        assert "audience-locked" in page and label in page
        data = form_values(page)
        # The form as shown saves its other fields; naming an audience is refused.
        assert leader.post(url, data=dict(data, description=["说明已改"])).status_code == 302
        refused = leader.post(url, data=dict(data, teams=[str(mine["a1"].id)]), follow_redirects=True)
        assert "超出您的管理范围" in refused.get_data(as_text=True)
        published = leader.post(f"/papers/{paper.id}/publish", data={"csrf_token": data["csrf_token"][0]},
                                follow_redirects=True)
        assert "管理范围" in published.get_data(as_text=True) or "只能由管理员" in published.get_data(as_text=True)
        db.session.expire_all()
        stored = db.session.get(Paper, paper.id)
        assert stored.status == "draft" and stored.description == "说明已改"
    assert audience_of(db.session.get(Paper, minewide.id)) == set()
    assert audience_of(db.session.get(Paper, other.id)) == {(mine["b1"].id, None, None)}
    admin = Visitor(app, mine["admin"])
    token = form_values(admin.get(f"/papers/{minewide.id}/edit").get_data(as_text=True))["csrf_token"][0]
    assert "已发布" in admin.post(f"/papers/{minewide.id}/publish", data={"csrf_token": token},
                                 follow_redirects=True).get_data(as_text=True)


def test_a_job_typed_under_an_alias_is_saved_under_its_name_and_the_page_says_so(app, mine):
    """The paper form saves its 工种 by the rule every door follows (corpus.jobs.to_store) and says so once."""
    visitor = Visitor(app, mine["admin"])
    page = visitor.get("/papers/new").get_data(as_text=True)
    response = visitor.post("/papers/new", data=_paper_data(page, jobs=["液压支架工、井口信号工，液压支架工"]),
                            follow_redirects=True)
    assert audience_of(_papers()[0]) == {(None, None, "支架工"), (None, None, "井口信号工")}
    assert response.get_data(as_text=True).count("工种 液压支架工 记为 支架工") == 1
