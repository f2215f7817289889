"""A contest's source paper: a complete draft will do (so the contest's questions are open nowhere
else), and a published source open to any of the contest's teams is named as a leak — its workers can
practise the same questions through it — on the form and on the contest page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.db import db
from quiz.contests import schedule
from quiz.taking import papers
from tests.contests.test_contest_stopped import sign
from tests.papers import build_paper


def test_a_complete_draft_makes_a_contest_and_stays_a_draft(race):
    draft = build_paper((("single", 4, "5"),), publish=False, title="草稿卷")
    assert schedule.usable(draft)
    contest = schedule.create("草稿比武", draft, list(race.teams.values())[:2], race.now, race.now + timedelta(hours=1),
                              2, race.trainer, race.now)
    assert contest.paper.status == "published" and contest.paper.question_count == 4 and len(contest.paper.items) == 4
    assert draft.status == "draft"
    assert not schedule.open_source(contest)


def test_an_incomplete_draft_is_refused(race):
    short = build_paper((("single", 400, "1"),), publish=False, title="题不够")
    assert not schedule.usable(short)
    with pytest.raises(schedule.ContestError, match="考试试卷"):
        schedule.create("不够", short, list(race.teams.values())[:2], race.now, race.now + timedelta(hours=1), 2,
                        race.trainer, race.now)


def test_a_published_source_open_to_a_contest_team_is_a_leak(app, race):
    assert race.source.audience == [] and schedule.open_source(race.contest)  # the whole mine: every team
    papers.set_audience(race.source, team_ids=[race.teams["掘进班"].id])
    db.session.commit()
    assert not schedule.open_source(race.contest)
    papers.set_audience(race.source, team_ids=[race.teams["安装班"].id])
    db.session.commit()
    assert schedule.open_source(race.contest)
    page = sign(app, race.trainer).get(f"/contests/{race.contest.id}").get_data(as_text=True)
    assert 'data-testid="source-open"' in page and race.source.title in page


def test_the_form_offers_drafts_and_says_what_a_published_paper_means(app, race):
    build_paper((("single", 4, "5"),), publish=False, title="比武草稿卷", created_by_id=race.trainer.id)
    page = sign(app, race.trainer).get("/contests/new").get_data(as_text=True)
    assert "比武草稿卷（未发布" in page and 'data-testid="source-hint"' in page


def test_a_published_exam_holding_a_practice_only_question_is_no_contest_source(race):
    """A fixed exam published before exams left practice-only questions (仅供练习) out keeps them; a contest would
    copy them into a new exam, so the paper is not offered and creating one on it says why."""
    from quiz.bank.models import Question

    held = race.source.items[0].question_id
    assert schedule.usable(race.source)
    db.session.get(Question, held).practice_only = True
    db.session.commit()
    assert not schedule.usable(race.source)
    with pytest.raises(schedule.ContestError, match=f"仅供练习的题（第{held}题"):
        schedule.create("再比一次", race.source, list(race.teams.values())[:2], race.now,
                        race.now + timedelta(hours=1), 2, race.trainer, race.now)
