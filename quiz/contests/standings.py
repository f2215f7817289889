"""The leaderboard: people by score (then time used), teams by the sum of their best `top_n` scores.

Who counts for a team: its active workers and team leader now (as on the dashboards). A
person's result is the closed sitting of the contest's paper started within the window (one
per person; were there more, the best by score, then time). People rank by score, highest
first, then by time used (交卷 minus 开始), shortest first; equal on both, they share a rank.

Teams rank by the **sum of their best `top_n` scores** (a missing sitting counts 0), then by
the time those sittings used. Not the team's average: an average rewards a team for keeping
its weaker workers away, and a plain sum rewards the bigger team. Top-N is how a 技术比武
is usually scored — every team fields the same number — while still counting only those who
actually sat it; participation (sat / members) is shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select

from core.db import db
from quiz.contests.models import Contest
from quiz.contests.schedule import teams_of
from quiz.results.dashboard import members
from quiz.results.figures import percent
from quiz.taking import attempts
from quiz.taking.models import Attempt


@dataclass(frozen=True)
class PersonRow:
    rank: int
    user_id: int
    username: str
    name: str
    team_id: int
    team: str
    score: float
    percent: float | None  # % of the paper's points
    seconds: int
    passed: bool | None


@dataclass(frozen=True)
class TeamRow:
    rank: int
    id: int
    name: str
    unit: str
    members: int
    finished: int  # members with a closed sitting
    running: int  # members answering now
    participation: float | None  # finished / members, %
    counted: int  # sittings in the score (at most top_n)
    score: float  # sum of the best top_n scores
    percent: float | None  # score / (top_n × the paper's points), %
    seconds: int  # time used by the counted sittings


@dataclass(frozen=True)
class Board:
    state: str  # upcoming | running | ended | cancelled
    seconds_to_start: int
    seconds_left: int
    top_n: int
    max_score: float
    teams: list[TeamRow]
    people: list[PersonRow]
    running: int
    finished: int


@dataclass(frozen=True)
class _Result:
    user_id: int
    score: Decimal
    max_score: Decimal
    seconds: int
    passed: bool | None

    @property
    def order(self) -> tuple:
        return (-self.score, self.seconds)


def close_due(contest: Contest, now: datetime) -> int:
    """Close (and score) the contest's sittings whose time is up, so the board shows them; flushes."""
    cutoff = now - timedelta(seconds=attempts.GRACE_SECONDS)
    due = list(db.session.scalars(select(Attempt).where(
        Attempt.paper_id == contest.paper_id, Attempt.status == "open", Attempt.deadline < cutoff)))
    for attempt in due:
        attempts.submit(attempt, now, by_deadline=True)
    return len(due)


def _ranks(rows: list, key) -> list[int]:
    """Competition ranks (1, 1, 3) of rows already sorted by `key`."""
    ranks: list[int] = []
    for n, row in enumerate(rows):
        ranks.append(ranks[-1] if n and key(row) == key(rows[n - 1]) else n + 1)
    return ranks


def live(contest: Contest, now: datetime) -> tuple[Board, bool]:
    """The standings at `now` as the board shows them live: the sittings whose time ran out closed (and
    scored) first (`close_due`); and whether any was, so the caller commits only then."""
    closed = close_due(contest, now)
    return board(contest, now), closed > 0


def board(contest: Contest, now: datetime) -> Board:
    """The standings at `now`."""
    teams = teams_of(contest)
    people = members([t.id for t in teams])
    by_id = {p.id: p for p in people}
    rows = db.session.execute(
        select(Attempt.user_id, Attempt.status, Attempt.score, Attempt.max_score, Attempt.started_at,
               Attempt.submitted_at, Attempt.passed)
        .where(Attempt.paper_id == contest.paper_id, Attempt.user_id.in_(list(by_id)),
               Attempt.started_at >= contest.starts_at, Attempt.started_at < contest.ends_at)
    ).all()
    best: dict[int, _Result] = {}
    running: set[int] = set()
    for r in rows:
        if r.status == "open":
            running.add(r.user_id)
            continue
        if r.score is None or r.submitted_at is None:
            continue
        result = _Result(r.user_id, Decimal(r.score), Decimal(r.max_score),
                         max(0, int((r.submitted_at - r.started_at).total_seconds())), r.passed)
        if r.user_id not in best or result.order < best[r.user_id].order:
            best[r.user_id] = result
    running -= set(best)
    max_score = contest.paper.total_points
    team_names = {t.id: t for t in teams}

    ranked = sorted(best.values(), key=lambda r: (*r.order, by_id[r.user_id].username))
    person_rows = [
        PersonRow(rank, r.user_id, by_id[r.user_id].username, by_id[r.user_id].name, by_id[r.user_id].team_id,
                  team_names[by_id[r.user_id].team_id].name, float(r.score),
                  percent(Fraction(r.score), Fraction(r.max_score)) if r.max_score else None, r.seconds, r.passed)
        for rank, r in zip(_ranks(ranked, lambda r: r.order), ranked, strict=True)
    ]

    scored = []
    for team in teams:
        mine = [p.id for p in people if p.team_id == team.id]
        results = sorted((best[i] for i in mine if i in best), key=lambda r: r.order)[:contest.top_n]
        total = sum((r.score for r in results), Decimal(0))
        scored.append((team, mine, results, total, sum(r.seconds for r in results)))
    scored.sort(key=lambda s: (-s[3], s[4], s[0].name))
    team_rows = [
        TeamRow(rank, team.id, team.name, team.unit.name, len(mine), sum(1 for i in mine if i in best),
                sum(1 for i in mine if i in running), percent(sum(1 for i in mine if i in best), len(mine)),
                len(results), float(total),
                percent(Fraction(total), Fraction(max_score) * contest.top_n) if max_score else None, seconds)
        for rank, (team, mine, results, total, seconds) in zip(_ranks(scored, lambda s: (s[3], s[4])), scored,
                                                               strict=True)
    ]
    state = contest.state(now)
    return Board(
        state=state, seconds_to_start=max(0, int((contest.starts_at - now).total_seconds())),
        seconds_left=max(0, int((contest.ends_at - now).total_seconds())) if state == "running" else 0,
        top_n=contest.top_n, max_score=float(max_score), teams=team_rows, people=person_rows,
        running=len(running), finished=len(best),
    )

