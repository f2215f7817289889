"""The index the item analysis reads through. The tables belong to quiz.taking; results only add a way in.

Answers in question order, with the version, the response (as text: PostgreSQL cannot index
json itself), whether it was right and the attempt: the analysis then counts 200,000 answers
in one pass of this index, grouped without a sort (a sort of every answer was most of its cost).
"""

from __future__ import annotations

from sqlalchemy import Index, Text, cast

from quiz.taking.models import AttemptItem

ANALYSIS_INDEX = "ix_attempt_items_analysis"
RESPONSE_TEXT = cast(AttemptItem.response, Text)

Index(ANALYSIS_INDEX, AttemptItem.question_id, AttemptItem.version_id, RESPONSE_TEXT, AttemptItem.correct,
      AttemptItem.attempt_id)
