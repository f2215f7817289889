"""Which questions' keys and explanations the bank's pages (the list, a question, its edit form, the
export, the review queue) may not show a staff member yet: a 班组长 who must still sit an open exam
holding them. The rule is quiz.taking's (quiz.taking.seal.keys_hidden), registered as
app.extensions["keys_withheld"], as the bank cannot import quiz.taking.

Nor may a worker learn from the outcome of his 纠错 (quiz.bank.flags) whether his answer was right while
the question is under seal for him (app.extensions["answers_sealed"]: quiz.taking.seal.answers_hidden)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from flask_login import current_user

from core.db import utcnow


def keys_withheld(question_ids: Iterable[int]) -> set[int]:
    """The questions among `question_ids` whose keys the signed-in staff member may not read yet."""
    find = current_app.extensions.get("keys_withheld")
    return find(current_user, utcnow(), None, question_ids) if find else set()


def answers_sealed(question_ids: Iterable[int]) -> set[int]:
    """The questions among `question_ids` whose answers the signed-in person may not learn yet (an exam
    still open to him holds them)."""
    find = current_app.extensions.get("answers_sealed")
    return find(current_user, utcnow(), question_ids) if find else set()
