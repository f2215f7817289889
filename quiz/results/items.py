"""Item analysis (试题分析) of exam answers over a period: facility, discrimination, option choices.

- *facility* (难度, correct rate): right answers / answers; a question left blank is wrong.
- *discrimination* (区分度) D = p_upper − p_lower: the attempts that showed the question are
  ranked by their total score (as a percentage of their maximum, ties by attempt id), the top
  27% and the bottom 27% (k = round(0.27·n), half up) form the upper and lower groups, and D
  is the difference of their correct rates. Under 2 attempts there is no D.
- *options*: how often each option was chosen, counted by the version's own keys (the stored
  response), never by the letters a shuffled sitting showed.

A question answered at least MIN_ANSWERS times is flagged 建议复核 when D is negative (the
stronger workers get it wrong more often: a wrong key or a misleading stem) or when its facility
is at most 0.05 or at least 0.95 (it tells nobody anything). Everything is counted in the
database: one ranked pass over the answers (a window function) and one GROUP BY per response.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction

from sqlalchemy import Float, Text, and_, case, cast, func, select

from accounts.models import User
from core.db import db
from quiz.bank.models import Question, QuestionVersion
from quiz.bank.types import JUDGE_OPTIONS, KINDS
from quiz.results.dashboard import category_labels
from quiz.results.figures import rate
from quiz.results.period import Period
from quiz.taking.models import Attempt, AttemptItem

GROUP_SHARE = 27  # percent of attempts in the upper and in the lower group
MIN_ANSWERS = 20
LOW_FACILITY = Fraction(5, 100)
HIGH_FACILITY = Fraction(95, 100)
CHOICE_SHAPES = {"single", "multi", "judge"}


@dataclass(frozen=True)
class OptionCount:
    key: str  # the version's own key
    text: str
    chosen: int
    is_key: bool


@dataclass(frozen=True)
class VersionChoices:
    """The choices made on one version of a question."""

    version_id: int
    number: int
    answers: int
    blank: int  # answered nothing
    options: list[OptionCount]


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    stem: str
    type_label: str
    category: str
    answers: int
    correct: int
    facility: float | None
    upper: int  # size of each group
    upper_correct: int
    lower_correct: int
    discrimination: float | None
    choices: list[VersionChoices] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def review(self) -> bool:
        return bool(self.flags)


def group_size(n: int) -> int:
    """k = 27% of n attempts, rounded half up."""
    return (n * GROUP_SHARE + 50) // 100


def flags_for(answers: int, correct: int, d: Fraction | None) -> list[str]:
    """Why a question needs a look (empty when it is fine or has too few answers)."""
    if answers < MIN_ANSWERS:
        return []
    found = []
    if d is not None and d < 0:
        found.append("区分度为负")
    facility = Fraction(correct, answers)
    if facility <= LOW_FACILITY:
        found.append("几乎没人答对")
    elif facility >= HIGH_FACILITY:
        found.append("几乎全对")
    return found


def _scope(query, team_ids: list[int] | None, period: Period):
    query = query.where(Attempt.mode == "exam", Attempt.status != "open", Attempt.max_score > 0,
                        Attempt.score.is_not(None),
                        Attempt.started_at >= period.since, Attempt.started_at < period.until)
    if team_ids is not None:
        query = query.join(User, User.id == Attempt.user_id).where(User.team_id.in_(team_ids))
    return query


def _ranked_counts(team_ids: list[int] | None, period: Period) -> dict[int, tuple[int, int, int, int]]:
    """question id -> (answers, right, right in the upper group, right in the lower group)."""
    right = case((AttemptItem.correct.is_(True), 1), else_=0)
    share = cast(Attempt.score, Float) / cast(Attempt.max_score, Float)
    ranked = _scope(
        select(
            AttemptItem.question_id.label("question_id"), right.label("right"),
            func.row_number().over(partition_by=AttemptItem.question_id,
                                   order_by=(share.desc(), Attempt.id.desc())).label("from_top"),
            func.count().over(partition_by=AttemptItem.question_id).label("n"),
        ).select_from(AttemptItem).join(Attempt, Attempt.id == AttemptItem.attempt_id),
        team_ids, period,
    ).subquery()
    # rank <= round(0.27 n) without a division: 100·rank <= 27·n + 50; from the bottom, rank' = n + 1 − rank.
    limit = ranked.c.n * GROUP_SHARE + 50
    in_upper = ranked.c.from_top * 100 <= limit
    in_lower = (ranked.c.n + 1 - ranked.c.from_top) * 100 <= limit
    rows = db.session.execute(
        select(ranked.c.question_id, func.count(), func.sum(ranked.c.right),
               func.sum(case((in_upper, ranked.c.right), else_=0)),
               func.sum(case((in_lower, ranked.c.right), else_=0)))
        .group_by(ranked.c.question_id)
    )
    return {q: (int(n), int(r or 0), int(u or 0), int(lo or 0)) for q, n, r, u, lo in rows}


def _choices(team_ids: list[int] | None, period: Period) -> dict[int, list[VersionChoices]]:
    """question id -> the choices made on each version answered (choice questions only)."""
    choice_types = [code for code, kind in KINDS.items() if kind.shape in CHOICE_SHAPES]
    rows = db.session.execute(_scope(
        select(AttemptItem.question_id, AttemptItem.version_id, cast(AttemptItem.response, Text), func.count())
        .select_from(AttemptItem).join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .join(QuestionVersion, and_(QuestionVersion.id == AttemptItem.version_id,
                                    QuestionVersion.type.in_(choice_types))),
        team_ids, period,
    ).group_by(AttemptItem.question_id, AttemptItem.version_id, cast(AttemptItem.response, Text))).all()
    tallies: dict[int, dict[str, int]] = {}
    answered: dict[int, list[int]] = {}
    owner: dict[int, int] = {}
    for question_id, version_id, response, n in rows:
        owner[version_id] = question_id
        tally = tallies.setdefault(version_id, {})
        counts = answered.setdefault(version_id, [0, 0])  # answers, blank
        counts[0] += n
        keys = json.loads(response) if response else None
        if not keys:
            counts[1] += n
            continue
        for key in set(keys):
            tally[key] = tally.get(key, 0) + n
    versions = {v.id: v for v in db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(owner)))}
    result: dict[int, list[VersionChoices]] = {}
    for version_id, tally in tallies.items():
        version = versions[version_id]
        options = version.options or []
        if KINDS[version.type].shape == "judge":
            options = [{"key": o.key, "text": o.text} for o in JUDGE_OPTIONS]
        key = set(version.answer or ())
        listed = [OptionCount(o["key"], o["text"], tally.get(o["key"], 0), o["key"] in key) for o in options]
        n, blank = answered[version_id]
        result.setdefault(owner[version_id], []).append(VersionChoices(version_id, version.number, n, blank, listed))
    for choices in result.values():
        choices.sort(key=lambda c: c.number)
    return result


def analyse(team_ids: list[int] | None, period: Period) -> list[ItemStats]:
    """Every question answered in exams of the period by people of `team_ids` (None: everyone),
    flagged first, then by facility (hardest first)."""
    counts = _ranked_counts(team_ids, period)
    if not counts:
        return []
    choices = _choices(team_ids, period)
    questions = db.session.execute(
        select(Question.id, Question.category_id, QuestionVersion.stem, QuestionVersion.type)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.id.in_(counts))
    ).all()
    labels = category_labels()
    result = []
    for question_id, category_id, stem, type_code in questions:
        n, right, upper_right, lower_right = counts[question_id]
        k = group_size(n)
        d = Fraction(upper_right - lower_right, k) if k else None
        result.append(ItemStats(
            question_id=question_id, stem=stem, type_label=KINDS[type_code].label if type_code in KINDS else type_code,
            category=labels.get(category_id, labels[None]), answers=n, correct=right, facility=rate(right, n),
            upper=k, upper_correct=upper_right, lower_correct=lower_right,
            discrimination=rate(d, 1) if d is not None else None,
            choices=choices.get(question_id, []), flags=flags_for(n, right, d),
        ))
    return sorted(result, key=lambda s: (not s.review, s.facility if s.facility is not None else 2, s.question_id))
