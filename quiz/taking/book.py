"""The wrong-answer book (错题本): every wrong answer enters, FSRS brings it back on the right day,
and a question answered right GRADUATE_STREAK times in a row leaves.

Scheduling is by whole local days: a card answered wrong today comes back tomorrow at the
earliest (FSRS's minute-long learning steps are turned off; a worker reviews once a day).
Functions flush; the caller commits.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, insert, select

from core.db import db
from quiz.taking import days
from quiz.taking.models import ReviewCard

GRADUATE_STREAK = 3
_scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _schedule(card: ReviewCard, rating: Rating, now: datetime) -> None:
    # A new fsrs Card without an id sleeps a millisecond to make its id unique; ours is the question.
    state = Card.from_dict(card.card) if card.card else Card(card_id=card.question_id)
    state, _log = _scheduler.review_card(state, rating, now.replace(tzinfo=UTC))
    card.card = state.to_dict()
    due = state.due.astimezone(UTC).replace(tzinfo=None)
    # Never again the same local day: the earliest is the start of tomorrow.
    card.due = max(due, days.day_end(now))


def record_wrong(user_id: int, question_id: int, now: datetime) -> ReviewCard:
    """A wrong answer: the question enters the book (or comes back into it) and is due tomorrow."""
    return record_wrongs(user_id, [question_id], now)[0]


def record_wrongs(user_id: int, question_ids: list[int], now: datetime) -> list[ReviewCard]:
    """Several wrong answers of one worker (a submitted exam) in a few statements, not a few per
    question: on SQLite this runs while the submit holds the write lock, and every save waits for it."""
    wanted = list(dict.fromkeys(question_ids))
    if not wanted:
        return []
    mine = select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.question_id.in_(wanted))
    found = {card.question_id: card for card in db.session.scalars(mine)}
    new = []
    for question_id in wanted:
        card = found.get(question_id) or ReviewCard(user_id=user_id, question_id=question_id, card={},
                                                     added_at=now, lapses=0)
        card.lapses = (card.lapses or 0) + 1
        card.streak = 0
        card.last_wrong_at = now
        card.graduated_at = None
        _schedule(card, Rating.Again, now)
        if question_id not in found:
            new.append({column: getattr(card, column) for column in _INSERTED})
    if new:  # one executemany; the ORM would insert them one by one to learn each id
        db.session.execute(insert(ReviewCard), new)
    db.session.flush()
    cards = {card.question_id: card for card in db.session.scalars(mine)} if new else found
    return [cards[question_id] for question_id in wanted]


_INSERTED = ("user_id", "question_id", "card", "due", "streak", "lapses", "added_at", "last_wrong_at",
             "graduated_at")


def record_review(user_id: int, question_id: int, right: bool, now: datetime) -> ReviewCard | None:
    """An answer to a question in the book, given in a review: right moves it on, wrong resets it."""
    card = db.session.scalar(
        select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.question_id == question_id)
    )
    if card is None or card.graduated_at is not None:
        return record_wrong(user_id, question_id, now) if not right else None
    if not right:
        return record_wrong(user_id, question_id, now)
    card.streak = (card.streak or 0) + 1
    if card.streak >= GRADUATE_STREAK:
        card.graduated_at = now
    _schedule(card, Rating.Good, now)
    db.session.flush()
    return card


def active(user_id: int):
    """The worker's cards still in the book."""
    return select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.graduated_at.is_(None))


def due_cards(user_id: int, now: datetime, limit: int = 20) -> list[ReviewCard]:
    """Cards due by the end of today, most overdue first."""
    query = active(user_id).where(ReviewCard.due < days.day_end(now)).order_by(ReviewCard.due, ReviewCard.id)
    return list(db.session.scalars(query.limit(limit)))


def due_count(user_id: int, now: datetime) -> int:
    query = active(user_id).where(ReviewCard.due < days.day_end(now))
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def book_size(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(active(user_id).subquery())) or 0


def next_due(user_id: int) -> datetime | None:
    """When the worker's first card in the book comes due (None for an empty book)."""
    return db.session.scalar(select(func.min(ReviewCard.due)).where(ReviewCard.user_id == user_id,
                                                                    ReviewCard.graduated_at.is_(None)))
