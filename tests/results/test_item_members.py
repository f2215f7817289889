"""试题分析 of a team counts the people the team's other figures count: a deactivated worker (停用期间不计入
班组的统计, as the deactivation confirmation says) and staff placed in the team are left out, as the team
page's weak spots leave them out; the two pages' answer totals agree."""

from __future__ import annotations

from datetime import date

from core.db import db
from quiz.results import dashboard, items
from quiz.results.period import Period
from tests.records.conftest import build


def _totals(team, period: Period) -> tuple[int, int]:
    board = dashboard.team_dashboard(team, period)
    return sum(s.answers for s in board.categories), sum(s.answers for s in items.analyse([team.id], period))


def test_a_deactivated_worker_leaves_the_item_analysis_as_he_leaves_the_team_page(app) -> None:
    mine = build()
    team = mine.teams["回收班"]
    period = Period(date(mine.year, 1, 1), date(mine.year, 12, 31))
    board_before, items_before = _totals(team, period)
    assert board_before == items_before > 0
    mine.people["w1"].active = False  # w1 sat the exam three times
    db.session.commit()
    board_after, items_after = _totals(team, period)
    assert board_after < board_before
    assert items_after == board_after
