"""Fixtures for assignments: people who never sign in (no password to hash), questions and papers
(from tests/taking), and `sit`, which takes a sitting to the end with chosen right and wrong answers."""

from __future__ import annotations

import itertools
from datetime import datetime

from accounts.models import Team, User
from core.db import db
from quiz.taking import attempts
from quiz.taking.models import Attempt

_numbers = itertools.count(1)


def person(role: str = "worker", team: Team | None = None, **fields) -> User:
    """Someone who never signs in here."""
    user = User(username=f"a{next(_numbers):04d}", name=fields.pop("name", "职工"), role=role, team=team,
                must_change_password=False, **fields)
    db.session.add(user)
    db.session.commit()
    return user


def answer_all(attempt: Attempt, right: int, now: datetime) -> None:
    """Answer the first `right` questions right and the rest wrong (letters as shown)."""
    attempt = attempts.with_items(attempt)
    for item in attempt.items:
        correct = attempts.to_shown(item, item.version.answer)
        if item.position <= right:
            answer = correct
        else:
            shown = "ABCDEFGH"[: len(item.option_order)]
            answer = [next(letter for letter in shown if letter not in correct)]
        attempts.save_answer(attempt, item.position, answer, None, now)


def sit(start, right: int, now: datetime, *, submit: bool = True) -> Attempt:
    """Start a sitting with `start()`, answer, and submit it (or leave it open)."""
    attempt = start()
    db.session.commit()
    answer_all(attempt, right, now)
    if submit:
        attempts.submit(attempt, now)
    db.session.commit()
    return attempt
