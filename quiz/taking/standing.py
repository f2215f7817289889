"""Where a paper stands for one person — the one rule the seal (quiz.taking.seal), the keys of a sheet
(attempts.keys_released) and the 待完成任务 of a task (quiz.assignments.progress.due_for) read:

- the paper `goes_on` while it is published and its window not closed (closes_at), and also once stopped
  (停用, or 取消 of its contest, which stops it) while a sitting of it is still in progress — those
  sittings may still be finished and handed in, so the exam is not over until the last one ends;
- the person `can_sit` while he may start or resume a sitting: one of his is in progress, or the paper is
  published, its window not closed and he has a sitting left;
- he has `finished` it once a sitting of his passed, or every sitting is used and none in progress;
- its keys are out for him (`keys_out`) once no sitting of his is in progress and the exam is over — its
  window closed, or stopped with nobody still sitting it — or, for a paper without a closing time, once
  he has used every sitting. A practice paper's keys are always out.

A sitting in progress past its deadline (its browser gone, not closed yet) is over: it keeps nothing going.
Audience is not checked here: the callers ask about papers open to the person, or that he has sat.

Which papers go on at a moment is read here too, for many people at once (`going_on`: the seal's open exams,
the exams a 班组长 must still sit), by the same rule `judge` applies to one paper. A stopped paper cannot be
published again (quiz.taking.papers.publish), so once nobody sits it its exam is over for good and its keys
may come out at once, as at the close of its window.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.sql.base import ExecutableOption

from accounts.models import User
from core.db import db
from quiz.taking.models import Attempt, Paper

GRACE_SECONDS = 5  # a save (or a submit) on its way when the time ran out still counts


@dataclass(frozen=True)
class Standing:
    """Where a paper stands for one person (see the module)."""

    goes_on: bool
    can_sit: bool
    finished: bool
    keys_out: bool


@dataclass(frozen=True)
class _Sitting:
    status: str
    passed: bool | None
    deadline: datetime | None


def live(now: datetime) -> ColumnElement[bool]:
    """The sittings still in progress at `now`: open, and their time (with the grace) not up."""
    return and_(Attempt.status == "open",
                or_(Attempt.deadline.is_(None), Attempt.deadline >= now - timedelta(seconds=GRACE_SECONDS)))


def stopped_going_on(now: datetime) -> ColumnElement[bool]:
    """A paper stopped (archived) while a sitting of it is still in progress: its exam goes on."""
    return and_(Paper.status == "archived",
                select(Attempt.id).where(Attempt.paper_id == Paper.id, live(now)).exists())


def goes_on_at(now: datetime) -> ColumnElement[bool]:
    """The papers whose exam goes on at `now` (Standing.goes_on, as `judge` tells it of one paper): published
    or stopped while someone still sits it, and the window not closed."""
    return and_(or_(Paper.status == "published", stopped_going_on(now)),
                or_(Paper.closes_at.is_(None), Paper.closes_at > now))


@dataclass(frozen=True)
class GoingOn:
    """The papers going on at a moment, read once for many people: `sat` the ids of the stopped ones among
    them (each still sat by someone, or it would not be going on), for `standings`."""

    papers: tuple[Paper, ...]
    sat: frozenset[int]


def going_on(now: datetime, *where: ColumnElement[bool], options: Iterable[ExecutableOption] = ()) -> GoingOn:
    """The papers meeting `where` whose exam goes on at `now`, in one query (`options`: its loader options)."""
    found = tuple(db.session.scalars(select(Paper).where(*where, goes_on_at(now)).options(*options)))
    return GoingOn(found, frozenset(p.id for p in found if p.status == "archived"))


def _in_progress(sitting: _Sitting, now: datetime) -> bool:
    return sitting.status == "open" and (
        sitting.deadline is None or now <= sitting.deadline + timedelta(seconds=GRACE_SECONDS))


def window_over(closes_at: datetime | None, now: datetime) -> bool:
    """Whether a paper's window is over for good: past its closing time and the GRACE_SECONDS after it, while
    a save on its way at the closing time is still accepted (so no key is out before the last answer lands)."""
    return closes_at is not None and now >= closes_at + timedelta(seconds=GRACE_SECONDS)


def judge(paper: Paper, mine: list[_Sitting], someone_sitting: bool, now: datetime) -> Standing:
    """The standing from the person's sittings and whether anyone still sits the (stopped) paper."""
    window_closed = paper.closes_at is not None and now >= paper.closes_at  # no sitting starts any more
    over = window_over(paper.closes_at, now)
    goes_on = not over and (paper.status == "published" or (paper.status == "archived" and someone_sitting))
    sitting_now = any(_in_progress(s, now) for s in mine)
    used_up = bool(paper.max_attempts) and len(mine) >= paper.max_attempts
    can_sit = sitting_now or (paper.status == "published" and not window_closed and not used_up)
    finished = any(s.status != "open" and s.passed for s in mine) or (
        used_up and not any(s.status == "open" for s in mine))
    if paper.mode != "exam":
        keys_out = True
    else:
        keys_out = not sitting_now and (not goes_on or (paper.closes_at is None and used_up))
    return Standing(goes_on=goes_on, can_sit=can_sit, finished=finished, keys_out=keys_out)


def standings(papers: Iterable[Paper], user: User, now: datetime, *,
              sat: Collection[int] | None = None) -> dict[int, Standing]:
    """Each paper's standing for the person (by paper id), in two queries whatever their number (one, given
    `sat`: the ids of the stopped papers among them someone still sits, read once for many people —
    GoingOn.sat)."""
    papers = list(papers)
    if not papers:
        return {}
    ids = [p.id for p in papers]
    mine: dict[int, list[_Sitting]] = defaultdict(list)
    for paper_id, status, passed, deadline in db.session.execute(
            select(Attempt.paper_id, Attempt.status, Attempt.passed, Attempt.deadline)
            .where(Attempt.user_id == user.id, Attempt.paper_id.in_(ids))):
        mine[paper_id].append(_Sitting(status, passed, deadline))
    stopped = [p.id for p in papers if p.status == "archived"]
    sat_by_someone = frozenset(sat or ())
    if stopped and sat is None:
        sat_by_someone = frozenset(db.session.scalars(select(Paper.id).where(Paper.id.in_(stopped),
                                                                             stopped_going_on(now))))
    return {p.id: judge(p, mine[p.id], p.id in sat_by_someone, now) for p in papers}


def standing(paper: Paper, user: User, now: datetime) -> Standing:
    """The paper's standing for the person."""
    return standings([paper], user, now)[paper.id]
