"""When a task counts as done: a practice task (a practice set, a practice paper without a pass line, the
班前会 quiz) only by a sitting closed with every question answered; a task with a pass line keeps its rule
(any closed sitting is judged). Only sittings started since the task was set count."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import Target
from quiz.taking import attempts, practice
from tests.assignments.conftest import answer_all
from tests.assignments.test_pages import sign_in
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


def _practice_task(make_questions, count: int = 3):
    team = create_team("综采一队", "回收班")
    make_questions(single=count)
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    now = utcnow()
    task = service.assign_practice(practice.PracticeFilter(count=count), "安全练习", Target(team_ids=(team.id,)),
                                   now + timedelta(days=1), by=trainer, now=now)
    db.session.commit()
    return task, worker, now


def test_a_practice_set_handed_in_blank_is_not_done(app, make_questions):
    task, worker, now = _practice_task(make_questions)
    sitting = progress.start(task, worker, now)
    attempts.submit(sitting, now)  # not one answer saved
    db.session.commit()
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "not_done" and row.incomplete and "有题未答" in row.label
    assert progress.counts([row], graded=False).finished == 0
    due = progress.due_for(worker, now)
    assert [d.assignment.id for d in due] == [task.id] and due[0].can_go and "有题未答" in due[0].note
    # After the deadline: 逾期未完成, not 已完成.
    later = task.due_at + timedelta(hours=1)
    assert progress.standings(task, later, [worker])[0].status == "overdue"


def test_a_practice_set_handed_in_half_answered_is_not_done_and_a_full_one_is(app, make_questions):
    task, worker, now = _practice_task(make_questions)
    sitting = attempts.with_items(progress.start(task, worker, now))
    item = sitting.items[0]
    attempts.save_answer(sitting, item.position, attempts.to_shown(item, item.version.answer), None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    assert progress.standings(task, now, [worker])[0].status == "not_done"
    again = progress.start(task, worker, now)  # 去完成 draws a new sitting
    assert again.id != sitting.id
    answer_all(again, 1, now)
    attempts.submit(again, now)
    db.session.commit()
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "done" and row.label == "已完成" and not row.incomplete
    assert row.score == again.score and row.finished_at == again.submitted_at
    assert progress.due_for(worker, now) == []


def test_a_preshift_like_paper_opened_and_abandoned_is_overdue_at_days_end(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer, worker, diligent = create_user("unit_trainer", team), create_user(team=team), create_user(team=team)
    now = utcnow()
    paper = fixed_paper([q1.id, q2.id], "practice", team, closes_at=now + timedelta(hours=1))
    task = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(hours=1), by=trainer, now=now)
    attempts.start_paper(paper, worker, now)  # opened, nothing answered, phone put away
    done = attempts.start_paper(paper, diligent, now)
    answer_all(done, 2, now)  # answered every question, the sitting closed by its time
    db.session.commit()
    later = now + timedelta(hours=2)
    progress.settle(task, later)
    db.session.commit()
    rows = {r.user_id: r for r in progress.standings(task, later, [worker, diligent])}
    assert rows[worker.id].status == "overdue" and rows[worker.id].score is None
    assert rows[diligent.id].status == "done"


def test_a_pass_line_keeps_judging_any_closed_sitting(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    now = utcnow()
    exam = fixed_paper([q1.id, q2.id], "exam", team, pass_score=Decimal(10))
    task = service.assign_paper(exam, Target(team_ids=(team.id,)), now + timedelta(days=1), by=trainer, now=now)
    db.session.commit()
    attempts.submit(attempts.start_paper(exam, worker, now), now)  # handed in blank: 未合格, as before
    db.session.commit()
    assert progress.standings(task, now, [worker])[0].status == "failed"


def test_a_sitting_from_before_the_task_was_set_does_not_complete_it(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    paper = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=0)
    last_month = utcnow() - timedelta(days=30)
    old = attempts.start_paper(paper, worker, last_month)
    answer_all(old, 2, last_month)
    attempts.submit(old, last_month)  # done in full, a month ago
    db.session.commit()
    now = utcnow()
    task = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=7), by=trainer, now=now)
    db.session.commit()
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "not_done" and row.attempts == 0 and row.finished_at is None
    assert [d.assignment.id for d in progress.due_for(worker, now)] == [task.id]
    new = attempts.start_paper(paper, worker, now)  # this month's sitting counts
    answer_all(new, 2, now)
    attempts.submit(new, now)
    db.session.commit()
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "done" and row.finished_at == now and row.attempts == 1


def test_the_task_page_says_what_done_means(app, client, make_questions):
    task, worker, now = _practice_task(make_questions)
    trainer = db.session.get(type(worker), task.created_by_id)
    sign_in(client, trainer)
    page = client.get(f"/assignments/{task.id}").get_data(as_text=True)
    assert "每题都作答并交卷才算完成" in page


def test_with_no_sitting_left_one_handed_in_with_answers_is_done(app, make_questions):
    """The 班前会 quiz allows one sitting: a worker who left one question blank can do nothing more, so his
    sitting counts as done (its score says the rest); one handed in blank still does not."""
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer, partial, blank = create_user("unit_trainer", team), create_user(team=team), create_user(team=team)
    now = utcnow()
    paper = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=1)
    task = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(hours=8), by=trainer, now=now)
    db.session.commit()
    sitting = attempts.with_items(attempts.start_paper(paper, partial, now))
    item = sitting.items[0]
    attempts.save_answer(sitting, item.position, attempts.to_shown(item, item.version.answer), None, now)
    attempts.submit(sitting, now)
    attempts.submit(attempts.start_paper(paper, blank, now), now)
    db.session.commit()
    rows = {r.user_id: r for r in progress.standings(task, now, [partial, blank])}
    assert rows[partial.id].status == "done" and rows[partial.id].score == sitting.score
    assert rows[blank.id].status == "not_done" and rows[blank.id].incomplete


def test_an_exam_sat_before_it_was_set_as_a_task_counts(app, make_questions):
    """An exam is one event: a worker who passed it before the trainer also set it as a task has passed it
    (he has no sitting left to do it again)."""
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    earlier = utcnow() - timedelta(hours=3)
    exam = fixed_paper([q1.id, q2.id], "exam", team, pass_score=Decimal(10))
    sat = attempts.start_paper(exam, worker, earlier)
    answer_all(sat, 2, earlier)
    attempts.submit(sat, earlier)
    db.session.commit()
    now = utcnow()
    task = service.assign_paper(exam, Target(team_ids=(team.id,)), now + timedelta(days=1), by=trainer, now=now)
    db.session.commit()
    row = progress.standings(task, now, [worker])[0]
    assert row.status == "passed" and row.finished_at == sat.submitted_at
