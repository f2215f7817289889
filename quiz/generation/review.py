"""The review queue of generated questions: save as drafts, approve, reject with a reason, count per generator.

Generated questions enter the bank as drafts (`quiz.bank.service.save_generated`), leaving out what the bank already
asks (`quiz.generation.dedupe`). A trainer approves them one by one or in bulk, or rejects them with a reason (the
question is retired and the reason counted against its generator). Which questions exams and practice may draw is
the bank's rule (`quiz.bank.usable`; drafts let into practice: `quiz.generation.practice_drafts`). Functions flush;
the caller commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select

from core.db import db
from quiz.bank import service
from quiz.bank.models import Question
from quiz.generation import dedupe
from quiz.generation.models import REJECTION_REASONS, GenerationRecord, Rejection
from quiz.generation.records import GeneratedQuestion


class ReviewError(ValueError):
    """A review action the queue refuses; the message is in Chinese."""


@dataclass
class SaveResult:
    """What `save_questions` stored and skipped."""

    saved: list[Question] = field(default_factory=list)
    duplicates: int = 0
    invalid: int = 0
    exam_ready: int = 0  # practice-only questions in the bank this run regenerated word for word, now exam-ready


def practice_only(inputs: dict | None) -> bool:
    """Whether a generator recorded its question as practice-only: built on a catalogue entry or rule not yet
    reviewed (inputs["exam_ready"] False; HAZARDS.md §6 未审核的条目只进练习，不进考试)."""
    return (inputs or {}).get("exam_ready") is False


def save_questions(questions: Sequence[GeneratedQuestion], *, created_by_id: int | None = None) -> SaveResult:
    """Store generated questions as drafts with their provenance; duplicates of stored ones are skipped: the same
    stem and options, or a hazard question asking what one in the bank (not retired) already asks (`dedupe.asked_keys`)."""
    result = SaveResult()
    result.exam_ready = _lift_practice_only([q for q in questions if not practice_only(q.inputs)])
    present = dedupe.present_keys() if any(q.generator.startswith("hazard.") for q in questions) else {}
    by_generator: dict[str, list[GeneratedQuestion]] = {}
    for question in questions:
        if dedupe.generated_keys(question) & present.keys():  # one run asks each fact once already (`distinct_facts`)
            result.duplicates += 1
            continue
        by_generator.setdefault(question.generator, []).append(question)
    for generator, group in by_generator.items():
        items = [(q.draft(), _ref(q)) for q in group]
        outcome = service.save_generated(items, generator, created_by_id=created_by_id)
        result.duplicates += len(outcome.duplicates)
        result.invalid += len(outcome.invalid)
        by_key = {q.draft().content_key: q for q in group}
        for stored in outcome.saved:
            source = by_key[stored.content_key]
            provenance = source.provenance()
            stored.practice_only = practice_only(source.inputs)
            db.session.add(
                GenerationRecord(
                    question_id=stored.id,
                    generator=generator,
                    seed=source.seed,
                    inputs=_with_relevance(source),
                    change=provenance["change"],
                    source_version=provenance["version"],
                )
            )
            result.saved.append(stored)
    db.session.flush()
    return result


def _lift_practice_only(ready: Sequence[GeneratedQuestion]) -> int:
    """Make exam-ready the practice-only questions (not retired) these exam-ready ones regenerate word for word: their
    source has been reviewed since and reads as it did. Returns how many; the regenerated ones are then duplicates."""
    keys = {q.draft().content_key for q in ready}
    if not keys:
        return 0
    lifted = list(db.session.scalars(select(Question).where(
        Question.content_key.in_(sorted(keys)), Question.origin == "generated", Question.practice_only.is_(True),
        Question.status != "retired")))
    records = {r.question_id: r for r in db.session.scalars(
        select(GenerationRecord).where(GenerationRecord.question_id.in_([q.id for q in lifted])))}
    for question in lifted:
        question.practice_only = False
        if (record := records.get(question.id)) is not None:
            record.inputs = {**(record.inputs or {}), "exam_ready": True}
    return len(lifted)


def _with_relevance(question: GeneratedQuestion) -> dict:
    """The inputs to record, with the question's relevance score when the generator gave one."""
    relevance = getattr(question, "relevance", None)
    if relevance is None or "relevance" in question.inputs:
        return question.inputs
    return {**question.inputs, "relevance": round(float(relevance), 3)}


def relevance_of(record: GenerationRecord | None) -> float | None:
    """A stored question's relevance to a frontline audience (0..1), if it was scored."""
    if record is None:
        return None
    value = getattr(record, "relevance", None)
    if value is None:
        value = (record.inputs or {}).get("relevance")
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _ref(question: GeneratedQuestion) -> str:
    """What the bank shows as the question's origin: a hazard/rule id or the cited article."""
    inputs = question.inputs
    for key in ("hazard", "rule", "item", "ordinary", "violation", "site"):
        if key in inputs:
            return str(inputs[key])[:100]
    if "hazards" in inputs:
        return "、".join(inputs["hazards"])[:100]
    return (str(question.citation) if question.citation else question.generator)[:100]


def queue(generator: str | None = None) -> Select:
    """Generated questions waiting for review (drafts), oldest first."""
    query = select(Question).where(Question.origin == "generated", Question.status == "draft")
    if generator:
        query = query.where(Question.generator == generator)
    return query.order_by(Question.id)


def approve(questions: Iterable[Question], *, user_id: int | None = None) -> int:
    """Approve generated drafts; returns how many changed."""
    return service.set_status([q for q in questions if q.status == "draft"], "approved", user_id=user_id)


def rejection_problem(reason: str, note: str = "") -> str | None:
    """Why a rejection cannot be recorded (no reason chosen, 其他 without a note), in Chinese; None when it can."""
    if reason not in REJECTION_REASONS:
        return "请选择退回原因。"
    if reason == "other" and not note.strip():
        return "选择“其他”时请写明原因。"
    return None


def reject(questions: Iterable[Question], reason: str, note: str = "", *, user_id: int | None = None) -> int:
    """Retire questions and record why, counted against each question's generator."""
    if (problem := rejection_problem(reason, note)) is not None:
        raise ReviewError(problem)
    questions = [q for q in questions if q.status != "retired"]
    for question in questions:
        db.session.add(
            Rejection(
                question_id=question.id,
                generator=question.generator or "manual",
                reason=reason,
                note=note.strip(),
                rejected_by_id=user_id,
            )
        )
    return service.set_status(questions, "retired", user_id=user_id)


@dataclass
class GeneratorStats:
    """Review outcome of one generator: how many generated, approved, waiting, and why rejected."""

    generator: str
    generated: int = 0
    approved: int = 0
    waiting: int = 0
    rejected: int = 0
    reasons: Counter = field(default_factory=Counter)

    @property
    def rejection_rate(self) -> float:
        decided = self.approved + self.rejected
        return self.rejected / decided if decided else 0.0


def generator_stats() -> list[GeneratorStats]:
    """Per-generator counts, the generators with the highest rejection rate first."""
    stats: dict[str, GeneratorStats] = {}
    rows = db.session.execute(
        select(Question.generator, Question.status, func.count())
        .where(Question.origin == "generated")
        .group_by(Question.generator, Question.status)
    )
    for generator, status, count in rows:
        entry = stats.setdefault(generator or "", GeneratorStats(generator or ""))
        entry.generated += count
        if status == "approved":
            entry.approved += count
        elif status == "draft":
            entry.waiting += count
    for generator, reason, count in db.session.execute(
        select(Rejection.generator, Rejection.reason, func.count()).group_by(Rejection.generator, Rejection.reason)
    ):
        entry = stats.setdefault(generator, GeneratorStats(generator))
        entry.rejected += count
        entry.reasons[reason] += count
    return sorted(stats.values(), key=lambda s: (-s.rejection_rate, s.generator))


def provenance_of(question: Question) -> GenerationRecord | None:
    """The generation record of a question, if it was generated."""
    return db.session.scalars(select(GenerationRecord).where(GenerationRecord.question_id == question.id)).first()
