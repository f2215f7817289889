"""What the 错题本 page shows of each card: the question with its options, and its right answer and
explanation where the worker may see them — not while the question is in one of his exam sittings
whose answers are not out (attempts.keys_released, the rule of the result page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from accounts.models import User
from core.db import db
from quiz.bank.models import QuestionVersion
from quiz.bank.types import KINDS, Option
from quiz.taking import book
from quiz.taking.attempts import keys_released
from quiz.taking.models import Attempt, AttemptItem, ReviewCard
from quiz.taking.seal import sealed_questions

LISTED_SHAPES = {"single", "multi", "order"}  # judge shows 正确/错误 as its answer, blank has no options


@dataclass(frozen=True)
class Entry:
    card: ReviewCard
    version: QuestionVersion
    options: tuple[Option, ...]
    withheld: bool  # the answer waits for an exam of the worker to publish its answers


def withheld_questions(user_id: int, question_ids: list[int], now: datetime) -> set[int]:
    """Those of `question_ids` that are in an exam sitting of the worker whose keys are not released."""
    if not question_ids:
        return set()
    rows = db.session.execute(
        select(Attempt, AttemptItem.question_id).join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.user_id == user_id, Attempt.mode == "exam", AttemptItem.question_id.in_(question_ids))
    )
    released: dict[int, bool] = {}
    hidden = set()
    for attempt, question_id in rows:
        if attempt.id not in released:
            released[attempt.id] = keys_released(attempt, now)
        if not released[attempt.id]:
            hidden.add(question_id)
    return hidden


def entries(user_id: int, now: datetime) -> list[Entry]:
    """The cards still in the book, the next due first."""
    cards = list(db.session.scalars(book.active(user_id).order_by(ReviewCard.due, ReviewCard.id)))
    hidden = withheld_questions(user_id, [c.question_id for c in cards], now)
    if cards:
        hidden |= sealed_questions(db.session.get(User, user_id), now)
    shown = []
    for card in cards:
        version = card.question.current_version
        kind = KINDS.get(version.type)
        listed = kind is not None and kind.shape in LISTED_SHAPES
        shown.append(Entry(card, version, version.option_list if listed else (), card.question_id in hidden))
    return shown
