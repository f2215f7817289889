"""Which questions are under seal for a worker: the questions of a fixed exam paper open to him
(its audience, its window not yet closed — a contest is such a paper, on its teams and window)
whose answers he may not yet see. While under seal, no page shows him the question's answer —
not the result of another sitting, nor practice feedback, nor the 错题本 — and practice does not
draw it, so a copy of an exam (a contest's paper) or the shared bank cannot give the answers away.
A practice paper holding such a question still asks it, telling him only SEALED_NOTE
(quiz.taking.attempts.told), and holds his answer out of the sitting's score, maximum and 错题本
until the seal lifts (quiz.taking.held).
A random-draw exam seals nothing: mines give workers the bank to study and draw exams from it, and
sealing its pool would stop practice of the very bank the exam is about.

Staff who are takers too (a 班组长 is in his team's audience) are kept from the keys the other way
round (withheld_from_taker): while an exam he must sit is open and he has not finished it, no staff page
shows him a key nor an explanation of it (Withheld.hides, asked through keys_hidden): not its sheets nor
its print, nor those of any other paper holding its questions, nor the bank's pages, export and review
queue, nor 试题分析 and its API — only TAKER_NOTE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts.models import User
from core.auth import MEMBER_ROLES
from core.db import db
from quiz.taking.models import Paper, PaperItem
from quiz.taking.papers import in_audience
from quiz.taking.standing import going_on, standings

SEALED_NOTE = "本题还在进行中的考试或竞赛中，结束后公布答案"
TAKER_NOTE = "您也是本次考试的考生，交卷后才能查看答案"


@dataclass(frozen=True)
class _Audience:
    team_id: int | None
    unit_id: int | None
    job: str | None


@dataclass(frozen=True)
class _Exam:
    """What the seal reads of a paper, kept apart from the session (a commit would expire a Paper)."""

    id: int
    mode: str
    status: str
    closes_at: datetime | None
    max_attempts: int | None
    audience: tuple[_Audience, ...]


class OpenExams:
    """The fixed exam papers going on at `now` (scheduled, running, or stopped while someone still sits
    them: quiz.taking.standing.going_on, `sat` those stopped ones), read once, so that a run over many workers (close-expired releasing held
    answers, committing worker by worker) asks the database for them once, not once per worker."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        found = going_on(now, Paper.mode == "exam", Paper.draw == "fixed", options=[selectinload(Paper.audience)])
        self.papers = [_Exam(p.id, p.mode, p.status, p.closes_at, p.max_attempts,
                             tuple(_Audience(a.team_id, a.unit_id, a.job) for a in p.audience))
                       for p in found.papers]
        self.sat = found.sat
        self._questions: dict[int, frozenset[int]] = {}

    def sealing(self, user: User) -> list[int]:
        """Ids of the papers open to the worker (his audience) whose keys he has not got."""
        mine = [p for p in self.papers if in_audience(p, user)]  # an _Exam reads as its Paper
        where = standings(mine, user, self.now, sat=self.sat)
        return [p.id for p in mine if not where[p.id].keys_out]

    def sealed(self, user: User | None) -> frozenset[int]:
        """The question ids under seal for the worker (none for nobody)."""
        if user is None:
            return frozenset()
        ids = self.sealing(user)
        missing = [i for i in ids if i not in self._questions]
        if missing:
            found: dict[int, set[int]] = {i: set() for i in missing}
            for paper_id, question_id in db.session.execute(
                    select(PaperItem.paper_id, PaperItem.question_id).where(PaperItem.paper_id.in_(missing))):
                found[paper_id].add(question_id)
            self._questions.update((i, frozenset(q)) for i, q in found.items())
        return frozenset().union(*(self._questions[i] for i in ids))


def sealed_questions(user: User | None, now: datetime) -> frozenset[int]:
    """The question ids under seal for the worker at `now` (none for nobody)."""
    if user is None:
        return frozenset()
    return OpenExams(now).sealed(user)


def sealed_for_any(users: Iterable[User], now: datetime) -> frozenset[int]:
    """The questions under seal for at least one of the people: a quiz the whole team does (班前会)
    leaves them out, or those who have not sat the exam yet would practise its questions with the key."""
    exams = OpenExams(now)
    return frozenset().union(*(exams.sealed(user) for user in users))


@dataclass(frozen=True)
class Withheld:
    """What a staff member who must sit an exam may not read yet: the sheets of `papers`, and the keys
    and explanations of `questions` (those of the fixed papers among them) wherever staff pages show them."""

    papers: frozenset[int] = frozenset()
    questions: frozenset[int] = frozenset()

    def hides_sheet(self, paper_id: int | None) -> bool:
        return paper_id is not None and paper_id in self.papers

    def hides(self, paper_id: int | None, question_ids: Iterable[int]) -> set[int]:
        """The questions among `question_ids` whose key and explanation the viewer may not read on a page
        of `paper_id` (its sheets, its print, its 试题分析) or of no paper (None: the bank, an analysis of
        every paper): all of them on an exam he must sit, else those his open fixed exams hold — so no
        other paper holding them (a practice set, a contest's source exam) gives their keys away.
        Every staff page and export that shows a key or an explanation asks this (keys_hidden)."""
        asked = set(question_ids)
        return asked if self.hides_sheet(paper_id) else asked & self.questions


def withheld_from_taker(user: User | None, now: datetime) -> Withheld:
    """For a staff member who is also a taker (a 班组长: a member role, in the paper's audience): the exam
    papers going on (scheduled, running, or stopped while his own sitting is in progress: quiz.taking.standing)
    that he may still sit and has not finished (passed, or every sitting used — as 待完成任务 counts it),
    and their questions. Nothing for trainers and administrators, who sit no exam."""
    if user is None or not user.active or user.role not in MEMBER_ROLES:
        return Withheld()
    found = going_on(now, Paper.mode == "exam", options=[selectinload(Paper.audience)])
    candidates = [p for p in found.papers if in_audience(p, user)]
    where = standings(candidates, user, now, sat=found.sat)
    mine = [p for p in candidates if where[p.id].goes_on and where[p.id].can_sit and not where[p.id].finished]
    if not mine:
        return Withheld()
    fixed = [p.id for p in mine if p.draw == "fixed"]
    questions = frozenset(db.session.scalars(select(PaperItem.question_id).where(PaperItem.paper_id.in_(fixed)))) \
        if fixed else frozenset()
    return Withheld(frozenset(p.id for p in mine), questions)


def keys_hidden(viewer: User | None, now: datetime, paper_id: int | None, question_ids: Iterable[int]) -> set[int]:
    """The questions among `question_ids` whose keys and explanations a page of `paper_id` (None: of no
    paper) may not show `viewer` at `now` (Withheld.hides of withheld_from_taker)."""
    asked = set(question_ids)
    return withheld_from_taker(viewer, now).hides(paper_id, asked) if asked else set()


def answers_hidden(person: User | None, now: datetime, question_ids: Iterable[int]) -> set[int]:
    """The questions among `question_ids` whose answers `person` may not learn yet by any way round: under
    seal for him as a taker (sealed_questions), or withheld from him as staff who must still sit them
    (keys_hidden, on no paper). What a trainer made of his 纠错 on such a question (驳回: the key stands, or
    已核实) tells him whether his answer was right, so he reads it only once the seal lifts (quiz.bank.flags)."""
    asked = set(question_ids)
    if person is None or not asked:
        return set()
    return (asked & sealed_questions(person, now)) | keys_hidden(person, now, None, asked)
