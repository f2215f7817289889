"""The contest rules the pages call, asked directly (no request): which teams a contest covers and which
paper's window it owns, the teams an organiser may put in, the one-team question, moving and cancelling
(an ended contest is never cancelled), the live board closing overdue sittings, and the exams 新建竞赛
offers — read in a number of statements that does not grow with the drafts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from accounts.models import User
from core.db import db, utcnow
from quiz.bank.models import Category
from quiz.contests import access, schedule, standings
from quiz.contests.models import Contest
from quiz.taking import attempts, book, papers
from quiz.taking.models import Attempt, Paper, PaperAudience
from tests.factories import create_team, create_user
from tests.papers import build_paper
from tests.taking.test_held_release import practise_wrong
from tests.taking.test_pools import statements
from tests.taking.test_stopped_exam_seal import fixed_paper


def sittings(contest: Contest) -> int:
    return db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.paper_id == contest.paper_id))


# ---------------------------------------------------------------- teams and the paper's window


def test_a_contest_covers_the_teams_chosen_for_it_and_no_other(race):
    covered = schedule.teams_of(race.contest)
    assert {t.id for t in covered} == {race.teams["回收班"].id, race.teams["安装班"].id}
    assert race.teams["掘进班"] not in covered


def test_the_contest_owns_the_window_of_its_own_paper_not_of_the_source(race):
    assert schedule.contest_of_paper(race.contest.paper_id) == race.contest
    assert schedule.contest_of_paper(race.source.id) is None  # the trainer's own exam keeps its window


def test_an_organiser_puts_in_only_teams_of_his_scope_each_once(race):
    allowed = access.teams_to_choose(race.trainer)
    mine, theirs = race.teams["安装班"], race.teams["掘进班"]
    assert {t.id for t in allowed} == {race.teams["回收班"].id, mine.id}
    assert schedule.pick_teams(allowed, [mine.id, race.teams["回收班"].id]) == [mine, race.teams["回收班"]]
    assert schedule.pick_teams(allowed, []) == []  # refused later, by `problems`: choose at least one
    for asked in ([theirs.id], [mine.id, theirs.id], [mine.id, mine.id], [mine.id, mine.id, theirs.id]):
        with pytest.raises(schedule.ContestError, match="参赛班组只能是您管理范围内的班组"):
            schedule.pick_teams(allowed, asked)
    assert access.teams_to_choose(race.leader) == []  # a team leader makes no contest


def test_a_one_team_contest_is_asked_about_only_when_it_would_otherwise_be_made(race):
    one, two = [race.teams["回收班"]], [race.teams["回收班"], race.teams["安装班"]]
    start, end = race.now + timedelta(hours=1), race.now + timedelta(hours=2)
    assert schedule.lone_team("班组内比武", race.source, one, start, end, 3, race.now) == race.teams["回收班"]
    assert schedule.lone_team("两班比武", race.source, two, start, end, 3, race.now) is None
    assert schedule.lone_team("", race.source, one, start, end, 3, race.now) is None  # refused for its name instead
    assert schedule.lone_team("过去", race.source, one, start, race.now, 3, race.now) is None


# ---------------------------------------------------------------- moving and cancelling


def test_a_running_contest_keeps_its_start_to_the_second_whatever_start_the_form_sends(race):
    contest = race.contest
    start = contest.starts_at
    shown = start.replace(second=0) + timedelta(minutes=7)  # what a form showing minutes might send back
    schedule.retime(contest, shown, race.now + timedelta(hours=4), race.now)
    assert contest.starts_at == start and contest.ends_at == race.now + timedelta(hours=4)
    assert (contest.paper.opens_at, contest.paper.closes_at) == (start, race.now + timedelta(hours=4))


def test_an_upcoming_contest_moves_both_times(race):
    contest = race.contest
    later = race.now + timedelta(days=1)
    contest.starts_at = contest.paper.opens_at = later
    contest.ends_at = contest.paper.closes_at = later + timedelta(hours=1)
    schedule.retime(contest, later + timedelta(hours=3), later + timedelta(hours=5), race.now)
    assert (contest.starts_at, contest.ends_at) == (later + timedelta(hours=3), later + timedelta(hours=5))


def test_cancelling_an_ended_contest_is_refused_and_changes_nothing(race):
    contest = race.contest
    after = contest.ends_at + timedelta(seconds=1)
    before = sittings(contest)
    with pytest.raises(schedule.ContestError, match="^竞赛已结束，排名已经公布，不能再取消。$"):
        schedule.cancel(contest, after)
    assert contest.cancelled_at is None and contest.paper.status == "published"
    assert contest.state(after) == "ended" and sittings(contest) == before
    with pytest.raises(schedule.ContestError, match="已结束"):
        schedule.retime(contest, contest.starts_at, after + timedelta(hours=1), after)


def test_cancelling_a_running_contest_stops_its_paper_keeps_the_sittings_and_is_done_once(race):
    contest = race.contest
    before = sittings(contest)
    assert schedule.cancel_consequences(contest)[-1] == "1 份正在作答的答卷可以在其截止时间前交卷，照常计分。"
    schedule.cancel(contest, race.now)
    assert contest.cancelled_at == race.now and contest.paper.status == "archived"
    assert contest.state(race.now) == "cancelled" and sittings(contest) == before
    with pytest.raises(schedule.ContestError, match="^竞赛已取消。$"):
        schedule.cancel(contest, race.now)


def test_the_cancel_confirmation_names_no_open_sittings_when_there_are_none(race):
    for sitting in db.session.scalars(select(Attempt).where(Attempt.paper_id == race.contest.paper_id,
                                                            Attempt.status == "open")):
        attempts.submit(sitting, race.now)
    assert len(schedule.cancel_consequences(race.contest)) == 2


def test_cancelling_releases_the_practice_answers_held_for_the_contest(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    drill = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=0)
    source = Paper(title="比武卷", mode="exam", draw="fixed", multi_rule="half", max_attempts=1, status="draft",
                   pass_score=Decimal(10), shuffle_options=False, shuffle_questions=False,
                   sections=[papers.Section("single", 1, Decimal(10), question_ids=(q1.id,)).to_dict()])
    db.session.add(source)  # never published: the contest's questions appear nowhere else
    now = utcnow()
    contest = schedule.create("比武", source, [team], now - timedelta(minutes=5), now + timedelta(hours=1), 1,
                              create_user("unit_trainer", team), now - timedelta(hours=1))
    db.session.commit()
    worker = create_user(team=team)
    held_sitting = practise_wrong(drill, worker, now)  # q1 is the contest's: held, out of the score
    assert held_sitting.max_score == Decimal(10) and {c.question_id for c in db.session.scalars(
        book.active(worker.id))} == {q2.id}
    schedule.cancel(contest, utcnow())
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Attempt, held_sitting.id).max_score == Decimal(20)
    assert {c.question_id for c in db.session.scalars(book.active(worker.id))} == {q1.id, q2.id}


# ---------------------------------------------------------------- the live board


def test_the_live_board_closes_the_sittings_whose_time_ran_out_and_says_so_once(race):
    contest = race.contest
    overdue = db.session.scalar(select(Attempt).where(Attempt.paper_id == contest.paper_id, Attempt.status == "open"))
    overdue.deadline = race.now - timedelta(minutes=5)
    db.session.commit()
    board, closed = standings.live(contest, race.now)
    assert closed and overdue.status != "open"
    assert (board.finished, board.running) == (7, 0)
    assert overdue.user_id in {p.user_id for p in board.people}
    again, closed_again = standings.live(contest, race.now)
    assert not closed_again and again == board


# ---------------------------------------------------------------- the exams 新建竞赛 offers


def _drafts(n: int, author_id: int, team, category: Category, start: int = 0) -> None:
    """`n` complete draft exams for `team`, each of three rules (one by category, one by difficulty)."""
    for k in range(start, start + n):
        paper = Paper(title=f"草稿{k}", mode="exam", draw="fixed", multi_rule="half", max_attempts=1, status="draft",
                      pass_score=Decimal(1), created_by_id=author_id,
                      sections=[papers.Section("single", 1, Decimal(5)).to_dict(),
                                papers.Section("single", 1, Decimal(5), category_ids=(category.id,)).to_dict(),
                                papers.Section("judge", 1, Decimal(5), difficulties=(3,)).to_dict()])
        paper.audience.append(PaperAudience(team_id=team.id))
        db.session.add(paper)
    db.session.commit()


@pytest.fixture
def drafting(race, make_questions):
    """Questions for complete drafts: six singles (four in 瓦斯, under 一通三防) and three judges."""
    made = make_questions(single=6, judge=3)
    parent = Category(name="一通三防")
    child = Category(name="瓦斯", parent=parent)
    db.session.add_all([parent, child])
    db.session.flush()
    for question in made[:4]:
        question.category_id = child.id
    db.session.commit()
    return parent


def test_new_contest_offers_complete_drafts_first_then_published_exams_the_organiser_sees(race, drafting):
    team = race.teams["回收班"]
    _drafts(2, race.trainer.id, team, drafting)
    short = build_paper([("single", 50, "1")], publish=False, title="题不够的草稿", created_by_id=race.trainer.id)
    build_paper([("single", 1, "1")], publish=False, title="管理员的草稿", created_by_id=race.admin.id)
    build_paper([("single", 1, "1")], title="班前练习", mode="practice", max_attempts=0)
    offered = [p.title for p in schedule.exams_for(race.trainer)]
    assert offered == ["草稿1", "草稿0", "月考"]  # drafts (newest first), then published; no contest's own paper
    assert short.title not in offered and "管理员的草稿" not in offered  # an admin's draft is not his to see
    assert [p.title for p in schedule.exams_for(race.admin)] == ["管理员的草稿", "草稿1", "草稿0", "月考"]
    assert schedule.exams_for(race.other_trainer) == [race.source]  # published for the whole mine


@pytest.mark.parametrize("viewer", ["trainer", "admin"])
def test_new_contest_reads_its_exams_in_statements_that_do_not_grow_with_the_drafts(race, drafting, viewer):
    """Each draft's pools were read on their own (a statement per rule, and one more per category), and
    each draft's audience and author: 128 statements for 新建竞赛 with 20 drafts. They are read once now."""
    team, viewer_id = race.teams["回收班"], getattr(race, viewer).id
    # Half the drafts by the organiser, half by a team leader of his (he manages them by his reach); only
    # ids kept, so that the session holds neither person unless the reading does (as in a request).
    trainer_id, leader_id = race.trainer.id, create_user("team_leader", team).id
    counts = {}
    made = 0
    for n in (1, 5, 20):
        half = (n - made) // 2
        _drafts(half, trainer_id, team, drafting, made)
        _drafts(n - made - half, leader_id, team, drafting, made + half)
        made = n
        db.session.expire_all()
        who = db.session.get(User, viewer_id)
        with statements() as seen:
            offered = schedule.exams_for(who)
        assert len([p for p in offered if p.status == "draft"]) == n
        counts[n] = len(seen)
    # 9: one more than before, for the published exams still holding practice-only questions (a contest copying
    # one would be a new exam with them: schedule.practice_only_in), read for all of them at once.
    assert counts[1] == counts[5] == counts[20] <= 9, counts
