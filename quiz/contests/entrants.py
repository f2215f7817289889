"""What a contest shows the people taking part (workers and team leaders of its teams).

A worker sees the contests of his own team that are on or coming (home page, 竞赛 beside the paper
on 考试练习), and on the result of his contest sitting his own rank and the team ranking — once the
contest has ended (「竞赛结束后公布排名」 before). Other people's names and scores stay on the
trainers' board: the ranking a worker sees is of teams, and of people only his own place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select

from accounts.models import User
from core import clock
from core.db import db, utcnow
from quiz.contests import standings
from quiz.contests.models import Contest, ContestTeam
from quiz.contests.schedule import contest_of_paper
from quiz.taking.models import Attempt, Paper


@dataclass(frozen=True)
class Entry:
    """One contest of the worker's team as the home page lists it."""

    contest: Contest
    state: str  # upcoming | running (never ended or cancelled)
    open_attempt_id: int | None
    sat: bool  # he has handed in a sitting


@dataclass(frozen=True)
class Standing:
    """After the contest: the worker's own place and the teams' ranking."""

    ended: bool
    ends_at: datetime
    top_n: int
    rank: int | None  # None: no scored sitting of his
    people: int
    teams: list[standings.TeamRow]
    team_id: int | None
    cancelled: bool = False  # the contest was cancelled (its paper stopped): no ranking is published


def team_contests(user: User, now: datetime) -> list[Entry]:
    """The contests of the user's team not yet ended nor cancelled (paper stopped), soonest ending first."""
    if not user.team_id:
        return []
    contests = db.session.scalars(
        select(Contest).join(ContestTeam).join(Paper, Paper.id == Contest.paper_id)
        .where(ContestTeam.team_id == user.team_id, Contest.ends_at > now, Paper.status == "published")
        .order_by(Contest.ends_at, Contest.id))
    entries = []
    for contest in contests:
        sittings = db.session.execute(select(Attempt.id, Attempt.status).where(
            Attempt.paper_id == contest.paper_id, Attempt.user_id == user.id)).all()
        open_id = next((a for a, status in sittings if status == "open"), None)
        entries.append(Entry(contest, contest.state(now), open_id, any(s != "open" for _a, s in sittings)))
    return entries


def paper_note(paper_id: int) -> str | None:
    """「竞赛 · 截止 12-05 12:00」 beside a contest's paper on 考试练习 (the paper_notes hook)."""
    contest = contest_of_paper(paper_id)
    if contest is None:
        return None
    return f"竞赛 · {clock.shown(contest.starts_at, '%m-%d %H:%M')} 至 {clock.shown(contest.ends_at, '%m-%d %H:%M')}"


def standing(attempt: Attempt, now: datetime) -> Standing | None:
    """The worker's standing in the contest this sitting belongs to, or None when it is no contest's."""
    if attempt.paper_id is None:
        return None
    contest = contest_of_paper(attempt.paper_id)
    if contest is None:
        return None
    if contest.state(now) == "cancelled":
        return Standing(False, contest.ends_at, contest.top_n, None, 0, [], None, cancelled=True)
    if contest.state(now) != "ended":
        return Standing(False, contest.ends_at, contest.top_n, None, 0, [], None)
    board = standings.board(contest, now)
    mine = next((p for p in board.people if p.user_id == attempt.user_id), None)
    team_id = db.session.scalar(select(User.team_id).where(User.id == attempt.user_id))
    return Standing(True, contest.ends_at, contest.top_n, mine.rank if mine else None, len(board.people), board.teams, team_id)


def standing_panel(attempt: Attempt) -> Markup | None:
    """The standing on the result of a contest sitting (the result_panels hook); None for other sittings."""
    found = standing(attempt, utcnow())
    if found is None:
        return None
    return Markup(render_template("contests/_standing.html", standing=found))
