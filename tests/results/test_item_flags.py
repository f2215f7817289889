"""Questions flagged 建议复核: negative discrimination, facility near 0 or 1 — once answered often enough."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from core.db import db, utcnow
from quiz.results import items
from quiz.results.period import default_period
from quiz.taking import attempts
from tests.results import expected
from tests.results.conftest import make_paper, person, sit

# Right or wrong by the sitting's number i (0-23) and the question's position on the paper.
RIGHT = {
    1: lambda i: True,  # everyone: 几乎全对
    2: lambda i: i < 8,  # the weaker sittings get it right: negative discrimination
    3: lambda i: i >= 10,  # the stronger ones: a good question
    4: lambda i: False,  # nobody: 几乎没人答对
    5: lambda i: i % 2 == 0,
    6: lambda i: i >= 6,
}


def sit_many(count: int):
    paper = make_paper(sections=(("single", 6, "10"),), max_attempts=0, shuffle_options=True)
    workers = [person() for _ in range(4)]
    log = []
    now = utcnow() - timedelta(hours=3)
    for i in range(count):
        worker = workers[i % 4]
        attempt = attempts.start_paper(paper, worker, now + timedelta(minutes=i))
        answers = {}
        for item in attempt.items:
            key = list(item.version.answer)
            wrong = [k for k in item.option_order if k not in key][i % 3]
            answers[item.position] = key if RIGHT[item.position](i) else [wrong]
        log.append(sit(attempt, worker, None, 0, now + timedelta(minutes=i), answers=answers))
    db.session.commit()
    return paper, SimpleNamespace(sittings=log, period=default_period(utcnow()))


def test_flags_from_enough_answers(app):
    paper, mine = sit_many(24)
    stats = {s.question_id: s for s in items.analyse(None, mine.period)}
    want = expected.items(mine)
    by_position = {item.position: stats[item.question_id] for item in paper.items}
    for s in stats.values():
        w = want[s.question_id]
        assert (s.facility, s.discrimination, s.flags) == (w["facility"], w["discrimination"], w["flags"])
    assert by_position[1].flags == ["几乎全对"] and by_position[1].facility == 1.0
    assert by_position[2].flags == ["区分度为负"] and by_position[2].discrimination < 0
    assert by_position[3].flags == [] and by_position[3].discrimination > 0.5
    assert by_position[4].flags == ["几乎没人答对"] and by_position[4].facility == 0.0
    assert by_position[2].upper == 6  # 27% of 24, rounded
    assert all(s.answers == 24 for s in stats.values())
    assert Decimal(str(by_position[5].facility)) == Decimal("0.5")


def test_few_answers_flag_nothing(app):
    _paper, mine = sit_many(items.MIN_ANSWERS - 1)
    stats = items.analyse(None, mine.period)
    assert stats and all(s.flags == [] for s in stats)
    assert any(s.facility == 1.0 for s in stats)  # would be flagged with enough answers
