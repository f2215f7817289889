"""A contest the tests know every answer of: two teams racing on one fixed paper, a third team
left out, and the sittings that must not count (the original paper's, one still open).

`Log` records what each sitting meant to score (by the scoring rules as stated) and how long it
took, so the tests rank people and teams from this log alone and compare with the leaderboard.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from accounts.models import Team, User
from core.db import db, utcnow
from quiz.contests import schedule
from quiz.contests.models import Contest
from quiz.taking import attempts
from quiz.taking.models import Paper
from tests.factories import create_team, create_user
from tests.results.conftest import choose, earned, make_paper, person, shown_letters


@dataclass
class Log:
    user: User
    team_id: int
    score: Decimal
    seconds: int
    closed: bool


@dataclass
class Race:
    contest: Contest
    source: Paper
    teams: dict[str, Team]
    members: dict[str, list[User]]
    leader: User  # of 回收班 (in the contest)
    outsider_leader: User  # of 掘进班 (not in it)
    trainer: User  # unit trainer of 综采一队
    other_trainer: User  # unit trainer of 掘进二队
    admin: User
    now: datetime
    logs: list[Log] = field(default_factory=list)


def sit(paper: Paper, user: User, start: datetime, seconds: int, rng: random.Random, skill: float,
        *, perfect: bool = False, submit: bool = True) -> Log:
    """Sit the paper through the taking services; what it should score by the rules as stated."""
    attempt = attempts.start_paper(paper, user, start)
    total = Decimal(0)
    for item in attempt.items:
        chosen = sorted(item.version.answer) if perfect else choose(item, rng, skill)
        if chosen:
            attempts.save_answer(attempt, item.position, shown_letters(item, chosen), None, start)
        total += earned(item, chosen, attempt.multi_rule)[0]
    if submit:
        attempts.submit(attempt, start + timedelta(seconds=seconds))
    db.session.commit()
    return Log(user, user.team_id, total, seconds, submit)


@pytest.fixture
def race(app) -> Race:
    rng = random.Random(15)
    now = utcnow().replace(microsecond=0)
    t1, t2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    t3 = create_team("掘进二队", "掘进班")
    leader = create_user("team_leader", t1, name="回收班长")
    outsider_leader = create_user("team_leader", t3, name="掘进班长")
    trainer = create_user("unit_trainer", t1, name="综采培训员")
    other_trainer = create_user("unit_trainer", t3, name="掘进培训员")
    admin = create_user("admin", t3, name="管理员")
    members = {"回收班": [leader, *(person(team=t1, name=f"回收{n}") for n in range(4))],
               "安装班": [person(team=t2, name=f"安装{n}") for n in range(3)],
               "掘进班": [outsider_leader, person(team=t3, name="掘进0")]}
    source = make_paper(sections=(("single", 4, "5"), ("multi", 2, "10"), ("judge", 2, "5")), shuffle_options=True,
                        pass_score=Decimal(30), multi_rule="half", time_limit_minutes=30, title="月考")
    contest = schedule.create("一季度技术比武", source, [t1, t2], now - timedelta(hours=1), now + timedelta(hours=1),
                              2, trainer, now - timedelta(hours=2))
    db.session.commit()
    found = Race(contest, source, {"回收班": t1, "安装班": t2, "掘进班": t3}, members, leader, outsider_leader,
                 trainer, other_trainer, admin, now)
    paper = contest.paper
    start = now - timedelta(minutes=50)
    a, b = members["回收班"], members["安装班"]
    # Two perfect sittings in the same time: they share a rank.
    found.logs.append(sit(paper, a[1], start, 600, rng, 1, perfect=True))
    found.logs.append(sit(paper, b[0], start + timedelta(minutes=3), 600, rng, 1, perfect=True))
    for who, seconds, skill in ((a[0], 900, .6), (a[2], 700, .5), (a[3], 1200, .8), (b[1], 1000, .55)):
        found.logs.append(sit(paper, who, start + timedelta(minutes=rng.randint(0, 20)), seconds, rng, skill))
    # Still answering: counted as running, not ranked. a[4] never starts.
    found.logs.append(sit(paper, b[2], now - timedelta(minutes=5), 0, rng, .5, submit=False))
    # The original paper's sitting does not count in the contest.
    sit(source, a[4], start, 300, rng, 1, perfect=True)
    return found
