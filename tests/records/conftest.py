"""A small mine whose every sitting and session the hours tests know, with known times.

Sittings are made through the taking services at chosen moments (start, each save, hand-in),
so the tests can recompute every figure from the raw rows with the rules written out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from accounts.models import Team, User
from core import clock
from core.db import db, utcnow
from quiz.bank.models import Question
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.taking import attempts, papers
from quiz.taking.models import Attempt, Paper, PaperAudience
from tests.factories import create_team, create_user
from tests.results.conftest import label_questions, make_paper


@dataclass
class Mine:
    year: int
    base: datetime  # a moment in the middle of this year, as stored (UTC)
    teams: dict[str, Team]
    people: dict[str, User]
    exam: Paper  # 30 minutes
    open_exam: Paper  # no time limit
    other_exam: Paper  # assigned to 掘进班 only
    session: TrainingSession  # 回收班, 4 学时
    other_session: TrainingSession  # 掘进班


def moment(base: datetime, minutes: float) -> datetime:
    return base + timedelta(minutes=minutes)


def answer(attempt: Attempt, at: list[float], base: datetime) -> None:
    """Save the first option of item n at base + at[n] minutes."""
    for position, minute in enumerate(at, start=1):
        item = attempt.items[position - 1]
        attempts.save_answer(attempt, position, ["A"] if item.option_order else ["x"], None, moment(base, minute))


def sit_exam(paper: Paper, user: User, start: datetime, saves: list[float], submit_after: float | None) -> Attempt:
    attempt = attempts.start_paper(paper, user, start)
    answer(attempt, saves, start)
    if submit_after is not None:
        attempts.submit(attempt, moment(start, submit_after))
    db.session.commit()
    return attempt


def build() -> Mine:
    now = utcnow()
    year = clock.local_day(now).year
    base = clock.to_utc(datetime(year, 6, 15, 8, 0)) if clock.local_day(now) > date(year, 6, 20) \
        else now - timedelta(days=2)
    t1, t2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    t3 = create_team("掘进二队", "掘进班")
    people = {
        "leader": create_user("team_leader", t1, name="回收班长", username="lead1"),
        "trainer": create_user("unit_trainer", t1, name="培训员", username="train1"),
        "admin": create_user("admin", t3, name="管理员", username="admin1"),
        "w1": create_user(team=t1, name="老职工", username="w0001", started_on=date(year - 3, 3, 1), job="采煤机司机"),
        "w2": create_user(team=t1, name="新电工", username="w0002", special_operations=True, started_on=date(year, 2, 1),
                          job="电工"),
        "w3": create_user(team=t1, name="新职工", username="w0003", started_on=date(year, 1, 5)),
        "w4": create_user(team=t2, name="安装工", username="w0004"),
        "w5": create_user(team=t3, name="掘进工", username="w0005", special_operations=True),
    }
    sections = (("single", 2, "10"), ("judge", 2, "10"))
    exam = make_paper(sections, title="回收班月考", time_limit_minutes=30, pass_score=Decimal(20), max_attempts=0)
    open_exam = make_paper((("single", 2, "10"),), title="不限时测验", time_limit_minutes=None, max_attempts=0)
    other_exam = make_paper((("single", 2, "10"),), title="掘进班月考", time_limit_minutes=20, max_attempts=0)
    other_exam.audience.append(PaperAudience(team_id=t3.id))
    db.session.commit()
    label_questions(list(db.session.scalars(db.select(Question).order_by(Question.id))))
    w = people
    # exams: 12 minutes; handed in after 45 (capped at the 30-minute limit); closed at the deadline
    sit_exam(exam, w["w1"], base, [1, 2, 3, 4], 12)
    sit_exam(exam, w["w2"], moment(base, 60), [1, 2], 45)
    left = sit_exam(exam, w["w3"], moment(base, 120), [5], None)
    attempts.close_if_due(left, moment(base, 300))
    # the second sitting of w1, 7.5 minutes
    sit_exam(exam, w["w1"], moment(base, 600), [1, 2, 3, 7], 7.5)
    # no time limit: active time (gaps 1, 2, 30→5, 1 = 9 minutes)
    sit_exam(open_exam, w["w1"], moment(base, 900), [1, 3], 34)
    # practice never handed in: gaps 1, 2, 17→5 = 8 minutes; a practice with one save after 40 minutes: 5
    practice = attempts.start_drawn(w["w2"], "practice", "自选练习",
                                    [papers.Drawn(q.id, q.current_version_id, Decimal(1)) for q in
                                     db.session.scalars(db.select(Question).order_by(Question.id).limit(3))],
                                    moment(base, 1000))
    answer(practice, [1, 3, 20], moment(base, 1000))
    daily = attempts.start_drawn(w["w3"], "daily", "每日一练",
                                 [papers.Drawn(q.id, q.current_version_id, Decimal(1)) for q in
                                  db.session.scalars(db.select(Question).order_by(Question.id).limit(1))],
                                 moment(base, 1100))
    answer(daily, [40], moment(base, 1100))
    # what must not count: an exam of last year, an open exam, another team's exam (counts for w5 only)
    sit_exam(open_exam, w["w3"], clock.to_utc(datetime(year - 1, 12, 31, 10, 0)), [1], 20)
    sit_exam(open_exam, w["w2"], moment(base, 1200), [1], None)
    sit_exam(other_exam, w["w5"], moment(base, 1300), [1, 2], 15)
    sit_exam(exam, w["w4"], moment(base, 1400), [1, 2, 3], 10)  # another team's worker on the mine-wide exam
    held_on = min(date(year, 5, 10), clock.local_day(base))  # on or before the sittings that assess it
    session = TrainingSession(title="采煤机安全操作培训", kind="refresher", plan="1. 规程\n2. 实操", held_on=held_on,
                              hours=Decimal("4.0"), teacher="王师傅", place="培训中心", unit_id=t1.unit_id, team_id=t1.id,
                              paper_id=exam.id, created_by_id=people["leader"].id)
    session.roster = [TrainingAttendance(user_id=w["w1"].id, attended=True, hours=Decimal("4.0")),
                      TrainingAttendance(user_id=w["w2"].id, attended=False, hours=Decimal(0)),
                      TrainingAttendance(user_id=w["w3"].id, attended=True, hours=Decimal("2.5"))]
    old = TrainingSession(title="去年的培训", held_on=date(year - 1, 11, 1), hours=Decimal(8), unit_id=t1.unit_id,
                          team_id=t1.id)
    old.roster = [TrainingAttendance(user_id=w["w1"].id, attended=True, hours=Decimal(8))]
    other = TrainingSession(title="掘进班培训", held_on=date(year, 4, 1), hours=Decimal(6), unit_id=t3.unit_id,
                            team_id=t3.id)
    other.roster = [TrainingAttendance(user_id=w["w5"].id, attended=True, hours=Decimal(6))]
    db.session.add_all([session, old, other])
    db.session.commit()
    return Mine(year, base, {"回收班": t1, "安装班": t2, "掘进班": t3}, people, exam, open_exam, other_exam,
                session, other)


@pytest.fixture
def mine(app) -> Mine:
    return build()


@pytest.fixture
def web(_schema, tmp_path, mine):
    """A second app on the same database for requests: the `app` fixture keeps an app context
    pushed, whose `g` (and signed-in user) every request would otherwise share."""
    from tests.conftest import make_app

    return make_app(_schema, tmp_path / "web")
