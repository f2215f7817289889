"""Item analysis over the mine's exams: facility, discrimination and option choices equal the
figures computed from the raw sittings; a team's analysis reads only the team's answers."""

from __future__ import annotations

from sqlalchemy import select

from core.db import db
from quiz.results import items
from quiz.taking.models import AttemptItem
from tests.results import expected


def choices_of(stats: items.ItemStats) -> dict:
    """{version id: {stored key: times chosen, "(blank)": times left blank}} as the service counted."""
    found = {}
    for c in stats.choices:
        counts = {o.key: o.chosen for o in c.options if o.chosen}
        if c.blank:
            counts["(blank)"] = c.blank
        found[c.version_id] = counts
    return found


def check(stats: list[items.ItemStats], want: dict) -> None:
    assert {s.question_id for s in stats} == set(want)
    for s in stats:
        w = want[s.question_id]
        assert (s.answers, s.correct, s.facility, s.discrimination, s.upper, s.lower) == (
            w["answers"], w["correct"], w["facility"], w["discrimination"], w["upper"], w["lower"]), s.question_id
        assert choices_of(s) == w["options"]
        assert s.flags == w["flags"]


def test_item_figures_equal_the_raw_answers(mine, in_app):
    stats = items.analyse(None, mine.period)
    check(stats, expected.items(mine))
    assert len(stats) == 6 and all(s.answers >= items.MIN_ANSWERS for s in stats)
    # options were shown shuffled, so letters and stored keys differ for many sittings
    orders = db.session.scalars(select(AttemptItem.option_order)).all()
    assert sum(1 for order in orders if order != sorted(order)) > 10
    # every choice question lists its options by the version's own keys, the key marked
    for s in stats:
        for c in s.choices:
            assert [o.key for o in c.options] == sorted(o.key for o in c.options)
            assert any(o.is_key for o in c.options)
            assert sum(o.chosen for o in c.options) >= c.answers - c.blank


def test_a_teams_item_analysis_reads_only_its_answers(mine, in_app):
    team = mine.teams["回收班"]
    check(items.analyse([team.id], mine.period), expected.items(mine, mine.members["回收班"]))
    other = mine.teams["掘进班"]
    check(items.analyse([other.id], mine.period), expected.items(mine, mine.members["掘进班"]))
