"""Assignments as a service: who is done, not done, failed or overdue — checked against figures the
tests compute from the raw attempt rows — practice-set completion, the home page's list, and scopes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import AssignmentError, Target
from quiz.taking import attempts, papers, practice
from quiz.taking.models import Attempt
from tests.assignments.conftest import person, sit
from tests.factories import create_team


@pytest.fixture
def mine(app):
    a = create_team("综采一队", "回收班")
    b = create_team("综采一队", "安装班")
    c = create_team("掘进二队", "掘进班")
    people = {
        "w1": person(team=a), "w2": person(team=a), "w3": person(team=a), "w4": person(team=a),
        "leader_a": person("team_leader", team=a), "w5": person(team=b), "w6": person(team=c),
        "gone": person(team=a, active=False), "trainer": person("unit_trainer", team=a),
        "leader_b": person("team_leader", team=b), "trainer_c": person("unit_trainer", team=c),
        "admin": person("admin", team=None),
    }
    return {"teams": {"a": a, "b": b, "c": c}, **people}


def expected(assignment, people, now):
    """Status of each person, from the raw attempt rows alone (pass = score ≥ the paper's pass mark)."""
    paper = assignment.paper_id and db.session.get(papers.Paper, assignment.paper_id)
    result = {}
    for p in people:
        rows = db.session.scalars(select(Attempt).where(Attempt.user_id == p.id,
                                                        Attempt.paper_id == assignment.paper_id)).all()
        closed = [r for r in rows if r.status in ("submitted", "expired")]
        if not closed:
            result[p.username] = "overdue" if now > assignment.due_at else ("in_progress" if rows else "not_done")
        elif paper.mode == "exam":
            result[p.username] = "passed" if any(r.score >= paper.pass_score for r in closed) else "failed"
        else:
            result[p.username] = "done"
    return result


def test_who_has_done_it_matches_the_raw_attempts(mine, make_paper):
    now = utcnow()
    paper = make_paper(sections=(("single", 2, "50"),), pass_score=Decimal(100), max_attempts=1)
    papers.set_audience(paper, team_ids=[mine["teams"]["c"].id])
    db.session.commit()
    # An admin (who sees every paper, quiz.taking.access) assigns another unit's paper to teams a and b.
    assignment = service.assign_paper(paper, Target(team_ids=(mine["teams"]["a"].id, mine["teams"]["b"].id)),
                                      now + timedelta(days=3), by=mine["admin"], now=now)
    db.session.commit()
    # The assignment's teams may now take the paper; the paper's own team still may.
    assert papers.in_audience(paper, mine["w1"]) and papers.in_audience(paper, mine["w6"])
    sit(lambda: attempts.start_paper(paper, mine["w1"], now), 2, now)
    sit(lambda: attempts.start_paper(paper, mine["w2"], now), 1, now)
    sit(lambda: attempts.start_paper(paper, mine["w3"], now), 1, now, submit=False)
    sit(lambda: attempts.start_paper(paper, mine["w5"], now), 2, now)
    sit(lambda: attempts.start_paper(paper, mine["w6"], now), 2, now)  # not in this assignment

    audience = service.members(assignment)
    names = {p.username for p in audience}
    assert names == {mine[k].username for k in ("w1", "w2", "w3", "w4", "leader_a", "w5", "leader_b")}
    rows = progress.standings(assignment, now)
    assert {r.username: r.status for r in rows} == expected(assignment, audience, now)
    by_name = {r.username: r for r in rows}
    assert by_name[mine["w1"].username].status == "passed" and by_name[mine["w1"].username].score == Decimal(100)
    assert by_name[mine["w2"].username].status == "failed" and by_name[mine["w2"].username].percent == 50.0
    c = progress.counts(rows, progress.graded(assignment))
    assert (c.total, c.passed, c.failed, c.in_progress, c.not_done, c.overdue) == (7, 2, 1, 1, 3, 0)
    assert c.completion == round(3 * 100 / 7, 1)

    # After the deadline: nobody who had not finished is merely "not done" any more.
    later = assignment.due_at + timedelta(hours=1)
    rows = progress.standings(assignment, later)
    assert {r.username: r.status for r in rows} == expected(assignment, audience, later)
    assert progress.counts(rows, graded=True).overdue == 4
    # Done after the deadline counts as done, marked late.
    sit(lambda: attempts.start_paper(paper, mine["w4"], later), 2, later)
    late = {r.username: r for r in progress.standings(assignment, later)}[mine["w4"].username]
    assert late.status == "passed" and late.late and "逾期完成" in late.label


def test_a_practice_set_counts_only_sittings_started_from_it(mine, make_questions):
    now = utcnow()
    make_questions(single=4, judge=2)
    team = mine["teams"]["a"]
    assignment = service.assign_practice(practice.PracticeFilter(count=3), "顶板练习", Target(team_ids=(team.id,)),
                                         now + timedelta(days=1), by=mine["leader_a"], now=now)
    db.session.commit()
    first = sit(lambda: progress.start(assignment, mine["w1"], now), 1, now)
    assert len(first.items) == 3 and first.mode == "practice"
    sit(lambda: practice.start_practice(mine["w2"], practice.PracticeFilter(count=3), now), 3, now)  # self-chosen
    opened = sit(lambda: progress.start(assignment, mine["w3"], now), 0, now, submit=False)
    assert progress.start(assignment, mine["w3"], now).id == opened.id  # 去完成 again resumes
    status = {r.username: r.status for r in progress.standings(assignment, now)}
    assert status[mine["w1"].username] == "done"
    assert status[mine["w2"].username] == "not_done"
    assert status[mine["w3"].username] == "in_progress"
    with pytest.raises(attempts.AttemptError):
        progress.start(assignment, mine["w5"], now)  # another team's worker


def test_a_practice_set_needs_enough_questions(mine, make_questions):
    make_questions(single=2)
    with pytest.raises(AssignmentError, match="只有2道"):
        service.assign_practice(practice.PracticeFilter(count=5), "", Target(team_ids=(mine["teams"]["a"].id,)),
                                utcnow() + timedelta(days=1), by=mine["trainer"], now=utcnow())


def test_the_home_list_is_nearest_first_marks_overdue_and_failed_and_drops_what_is_done(mine, make_paper):
    now = utcnow()
    team = Target(team_ids=(mine["teams"]["a"].id,))
    later = make_paper(title="月考", max_attempts=1)
    sooner = make_paper(title="周考", pass_score=Decimal(20), max_attempts=2)
    past = make_paper(title="补考")
    far = service.assign_paper(later, team, now + timedelta(days=5), by=mine["trainer"], now=now)
    near = service.assign_paper(sooner, team, now + timedelta(days=1), by=mine["trainer"], now=now)
    overdue = service.assign_paper(past, team, now + timedelta(minutes=1), by=mine["trainer"], now=now)
    db.session.commit()
    worker = mine["w1"]
    soon = now + timedelta(minutes=2)
    due = progress.due_for(worker, soon)
    assert [d.assignment.id for d in due] == [overdue.id, near.id, far.id]
    assert [d.overdue for d in due] == [True, False, False]
    assert progress.due_for(mine["w5"], soon) == []  # another team
    # A failed exam with a sitting left stays (marked failed); one passed drops off.
    sit(lambda: attempts.start_paper(sooner, worker, soon), 0, soon)
    assert [(d.assignment.id, d.status) for d in progress.due_for(worker, soon)][1] == (near.id, "failed")
    sit(lambda: attempts.start_paper(sooner, worker, soon), 2, soon)
    sit(lambda: attempts.start_paper(past, worker, soon), 2, soon)
    assert [d.assignment.id for d in progress.due_for(worker, soon)] == [far.id]
    # A failed exam with no sitting left stays, marked so (the worker must turn to the team leader),
    # not overdue once its deadline passed, and goes like an overdue one HOME_DAYS after the deadline.
    sit(lambda: attempts.start_paper(later, worker, soon), 0, soon)
    for when in (soon, far.due_at + timedelta(days=progress.HOME_DAYS - 1)):
        assert [(d.assignment.id, d.status, d.exhausted, d.overdue) for d in progress.due_for(worker, when)] == \
            [(far.id, "failed", True, False)]
    assert progress.due_for(worker, far.due_at + timedelta(days=progress.HOME_DAYS, minutes=1)) == []


def test_scopes_of_who_may_assign_and_see(mine, make_paper):
    now = utcnow()
    paper = make_paper()
    a, b, c = (mine["teams"][k].id for k in "abc")
    due = now + timedelta(days=1)
    with pytest.raises(AssignmentError):
        service.assign_paper(paper, Target(team_ids=(b,)), due, by=mine["leader_a"], now=now)
    with pytest.raises(AssignmentError):
        service.assign_paper(paper, Target(unit_ids=(mine["teams"]["a"].unit_id,)), due, by=mine["leader_a"], now=now)
    with pytest.raises(AssignmentError):
        service.assign_paper(paper, Target(team_ids=(c,)), due, by=mine["trainer"], now=now)
    with pytest.raises(AssignmentError):
        service.assign_paper(paper, Target(jobs=("爆破工",)), due, by=mine["trainer"], now=now)
    own = service.assign_paper(paper, Target(team_ids=(a,)), due, by=mine["leader_a"], now=now)
    unit = service.assign_paper(paper, Target(unit_ids=(mine["teams"]["a"].unit_id,)), due, by=mine["trainer"], now=now)
    db.session.commit()
    assert service.can_see(mine["leader_a"], own) and service.can_see(mine["trainer"], own)
    assert service.can_see(mine["admin"], own)
    assert not service.can_see(mine["leader_b"], own) and not service.can_see(mine["trainer_c"], own)
    assert service.can_see(mine["leader_b"], unit)  # the unit's assignment reaches team B
    assert [x.id for x in service.visible(mine["leader_b"])] == [unit.id]
    assert service.visible(mine["trainer_c"]) == []
    assert {x.id for x in service.visible(mine["admin"])} == {own.id, unit.id}


def test_a_deadline_after_the_paper_closes_or_in_the_past_is_refused(mine, make_paper):
    now = utcnow()
    paper = make_paper(closes_at=now + timedelta(days=1))
    team = Target(team_ids=(mine["teams"]["a"].id,))
    with pytest.raises(AssignmentError, match="结束时间"):
        service.assign_paper(paper, team, now + timedelta(days=2), by=mine["trainer"], now=now)
    with pytest.raises(AssignmentError, match="晚于现在"):
        service.assign_paper(paper, team, now - timedelta(minutes=1), by=mine["trainer"], now=now)
    draft = make_paper(publish=False)
    with pytest.raises(AssignmentError, match="已发布"):
        service.assign_paper(draft, team, now + timedelta(hours=1), by=mine["trainer"], now=now)


def test_a_job_assigned_mine_wide_reaches_that_job_in_every_team(mine, make_paper):
    now = utcnow()
    blaster_a, blaster_c = person(team=mine["teams"]["a"], job="爆破工"), person(team=mine["teams"]["c"], job="爆破工")
    paper = make_paper()
    papers.set_audience(paper, team_ids=[mine["teams"]["b"].id])
    db.session.commit()
    assignment = service.assign_paper(paper, Target(jobs=("爆破工",)), now + timedelta(days=1), by=mine["admin"],
                                      now=now)
    db.session.commit()
    assert {p.id for p in service.members(assignment)} == {blaster_a.id, blaster_c.id}
    assert [d.assignment.id for d in progress.due_for(blaster_c, now)] == [assignment.id]
    assert progress.due_for(mine["w6"], now) == []  # same team, another job
    assert papers.in_audience(paper, blaster_c) and not papers.in_audience(paper, mine["w6"])
    assert service.can_see(mine["trainer_c"], assignment)  # it reaches his unit's 爆破工
    assert [r.user_id for r in progress.standings(assignment, now, [blaster_c])] == [blaster_c.id]


def test_withdrawing_takes_back_only_the_audience_it_added(mine, make_paper):
    """The paper's own team keeps it; a team another assignment is for keeps it until that one goes."""
    now = utcnow()
    teams = mine["teams"]
    paper = make_paper(sections=(("single", 2, "50"),))
    papers.set_audience(paper, team_ids=[teams["c"].id])
    db.session.commit()

    def give(*team_ids):
        made = service.assign_paper(paper, Target(team_ids=team_ids), now + timedelta(days=3),
                                    by=mine["admin"], now=now)
        db.session.commit()
        return made

    def audience():
        db.session.refresh(paper)
        return sorted(a.team_id for a in paper.audience)

    first = give(teams["a"].id, teams["b"].id)
    second = give(teams["b"].id)  # team b already has the paper through the first
    own = give(teams["c"].id)  # the paper's own team: nothing added
    assert audience() == sorted([teams["a"].id, teams["b"].id, teams["c"].id])

    service.withdraw(first)
    db.session.commit()
    assert audience() == sorted([teams["b"].id, teams["c"].id])
    assert not papers.in_audience(paper, mine["w1"])  # team a: only the first assignment gave it
    assert papers.in_audience(paper, mine["w5"])  # team b: the second assignment still does
    assert papers.in_audience(paper, mine["w6"])

    service.withdraw(second)
    db.session.commit()
    assert audience() == [teams["c"].id] and not papers.in_audience(paper, mine["w5"])

    service.withdraw(own)
    db.session.commit()
    assert audience() == [teams["c"].id] and papers.in_audience(paper, mine["w6"])


def test_withdrawing_from_a_paper_open_to_everyone_leaves_it_open(mine, make_paper):
    now = utcnow()
    paper = make_paper(sections=(("single", 2, "50"),))
    assignment = service.assign_paper(paper, Target(team_ids=(mine["teams"]["a"].id,)), now + timedelta(days=3),
                                      by=mine["admin"], now=now)
    db.session.commit()
    assert not paper.audience and not assignment.widened
    service.withdraw(assignment)
    db.session.commit()
    db.session.refresh(paper)
    assert not paper.audience and papers.in_audience(paper, mine["w6"])
