"""A 工种 an assignment or paper is for reaches the workers under any of its names (corpus.jobs):
assigned to 带式输送机司机, it reaches a worker whose 工种 is 输送机司机, and no one of another 工种."""

from __future__ import annotations

from datetime import timedelta

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import Target
from quiz.taking import papers
from tests.assignments.conftest import person
from tests.assignments.test_service import mine  # noqa: F401 - the fixture used below


def test_a_job_assigned_under_another_name_reaches_its_workers(mine, make_paper):  # noqa: F811
    now = utcnow()
    driver, other = person(team=mine["teams"]["c"], job="输送机司机"), person(team=mine["teams"]["c"], job="爆破工")
    paper = make_paper()
    papers.set_audience(paper, team_ids=[mine["teams"]["b"].id])
    db.session.commit()
    assignment = service.assign_paper(paper, Target(jobs=("带式输送机司机",)), now + timedelta(days=1),
                                      by=mine["admin"], now=now)
    db.session.commit()
    assert {p.id for p in service.members(assignment)} == {driver.id}
    assert service.is_for(assignment, driver) and not service.is_for(assignment, other)
    assert [d.assignment.id for d in progress.due_for(driver, now)] == [assignment.id]
    assert progress.due_for(other, now) == []
    assert papers.in_audience(paper, driver) and not papers.in_audience(paper, other)


def test_a_job_typed_under_an_alias_is_saved_under_its_canonical_name(mine, make_paper):  # noqa: F811
    """The paper's and the assignment's 工种 are stored as the workers' accounts carry them; an unknown one as typed."""
    now = utcnow()
    paper = make_paper()
    papers.set_audience(paper, job_names=["带式输送机司机", " 巷修杂工 ", "输送机司机"])
    db.session.commit()
    assert sorted(a.job for a in paper.audience) == sorted(["输送机司机", "巷修杂工"])
    assignment = service.assign_paper(paper, Target(jobs=("锚杆工", "支护工")), now + timedelta(days=1),
                                      by=mine["admin"], now=now)
    db.session.commit()
    assert [a.job for a in assignment.audience] == ["锚杆支护工"]
