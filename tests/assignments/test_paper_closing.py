"""A paper's 结束时间 cannot be moved before the deadline of an assignment of it: assigning refuses a
deadline after the paper closes, and editing the paper refuses the same state, naming the assignments."""

from __future__ import annotations

from datetime import timedelta

from core import clock
from core.db import db, utcnow
from quiz.assignments import service
from quiz.assignments.service import Target
from quiz.taking import papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_team, create_user


def test_editing_a_paper_refuses_an_end_before_an_assignment_deadline(app, make_paper):
    team = create_team("综采一队", "回收班")
    admin = create_user("admin")
    now = utcnow().replace(second=0, microsecond=0)
    paper = make_paper(closes_at=now + timedelta(days=5))
    papers.set_audience(paper, team_ids=[team.id])
    due = now + timedelta(days=3)
    service.assign_paper(paper, Target(team_ids=(team.id,)), due, by=admin, now=now, title="十二月安全考试")
    db.session.commit()

    visitor = Visitor(app, admin)
    url = f"/papers/{paper.id}/edit"
    data = form_values(visitor.get(url).get_data(as_text=True))
    earlier = clock.local(now + timedelta(days=2))
    refused = visitor.post(url, data=dict(data, closes_at=[f"{earlier:%Y-%m-%dT%H:%M}"]), follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "十二月安全考试" in text and f"{clock.local(due):%m-%d %H:%M}" in text
    assert "结束时间" in text and "截止" in text
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).closes_at == now + timedelta(days=5)

    # An end after every deadline saves.
    later = clock.local(now + timedelta(days=4))
    saved = visitor.post(url, data=dict(data, closes_at=[f"{later:%Y-%m-%dT%H:%M}"]))
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).closes_at == now + timedelta(days=4)


def test_the_deadline_check_names_only_the_assignments_due_after_the_end(app, make_paper):
    team = create_team("综采一队", "回收班")
    admin = create_user("admin")
    now = utcnow()
    paper = make_paper()
    papers.set_audience(paper, team_ids=[team.id])
    service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=1), by=admin, now=now, title="早的")
    service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=4), by=admin, now=now, title="晚的")
    db.session.commit()
    assert service.closing_problem(paper, None) is None
    assert service.closing_problem(paper, now + timedelta(days=5)) is None
    problem = service.closing_problem(paper, now + timedelta(days=2))
    assert "晚的" in problem and "早的" not in problem
