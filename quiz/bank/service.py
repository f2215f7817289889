"""The question-bank service: add, import, edit (new version), approve, retire, categories.

Functions take values (drafts, user ids, a suggester callable), never Flask objects, and
only flush: the view or CLI command that calls them commits once. The exception is
`quiz.bank.imports.save_import`, which commits in short batches so a long import
never locks everyone else out. Citations (suggestions, stale flags, the article page's list)
live in `quiz.bank.citations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select

from core import audit
from core.db import db, utcnow
from corpus import jobs
from quiz.bank import citations
from quiz.bank.categories import category_for_path
from quiz.bank.citations import Suggester
from quiz.bank.models import Category, ImportBatch, Question, QuestionVersion
from quiz.bank.text import search_key
from quiz.bank.types import (
    DIFFICULTY_LABELS,
    KINDS,
    STATUS_LABELS,
    STATUSES,
    Option,
    QuestionDraft,
    StoredQuestion,
    answer_label,
    validate,
)

# What a new version is written for (the rest of a question is metadata, changed in place).
CONTENT_FIELDS = ("type", "stem", "options", "answer", "explanation", "difficulty")
LOGGED_TEXT = 60  # characters of a stem, the options or an explanation in a logged change
# The audit log's action for each status a question is set to.
STATUS_ACTIONS = {"approved": "approve", "retired": "retire", "draft": "draft"}


class QuestionError(ValueError):
    """A question the bank refuses; the message is in Chinese for the trainer."""


class InvalidQuestion(QuestionError):
    """The draft breaks a rule of `quiz.bank.types.validate`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


class DuplicateQuestion(QuestionError):
    """The bank already holds a question with the same stem and options."""

    def __init__(self, existing_id: int) -> None:
        super().__init__(f"题库中已有相同的题目（第{existing_id}题）")
        self.existing_id = existing_id


@dataclass
class GeneratedResult:
    """What `save_generated` did with each draft."""

    saved: list[Question] = field(default_factory=list)
    duplicates: list[tuple[QuestionDraft, int]] = field(default_factory=list)
    invalid: list[tuple[QuestionDraft, list[str]]] = field(default_factory=list)


def existing_keys(except_key: str | None = None) -> dict[str, StoredQuestion]:
    """Content keys of every stored question → the question's id, type, answer and options ("题库第N题"
    as text), for duplicate detection and for telling a re-import with another answer.

    `except_key` leaves out what an unfinished import of that upload already stored, so
    its preview (and its resumption) still counts those rows as its own.
    """
    query = select(Question.content_key, Question.id, QuestionVersion.type, QuestionVersion.answer,
                   QuestionVersion.options).outerjoin(QuestionVersion, QuestionVersion.id == Question.current_version_id)
    if except_key is not None:
        unfinished = select(ImportBatch.id).where(ImportBatch.source_key == except_key)
        query = query.where(or_(Question.import_batch_id.is_(None), Question.import_batch_id.not_in(unfinished)))
    return {
        key: StoredQuestion(qid, kind or "", tuple(answer or ()),
                            tuple(Option(o.get("key", ""), o.get("text", "")) for o in options or ()))
        for key, qid, kind, answer, options in db.session.execute(query)
    }


def find_duplicate(draft: QuestionDraft, exclude_id: int | None = None) -> int | None:
    """The id of a stored question with the same stem and options, if any."""
    query = select(Question.id).where(Question.content_key == draft.content_key)
    if exclude_id is not None:
        query = query.where(Question.id != exclude_id)
    return db.session.scalars(query).first()


@dataclass(frozen=True)
class Origin:
    """Where a question came from: typed by hand, a file row, or a generator (and what it used)."""

    kind: str = "manual"  # "manual", "import" or "generated"
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    generator: str | None = None
    ref: str | None = None  # e.g. the hazard id or rule a generator built the question from
    batch_id: int | None = None


def add_question(
    draft: QuestionDraft,
    *,
    origin: Origin = Origin(),
    created_by_id: int | None = None,
    suggest: Suggester | None = None,
    check_duplicate: bool = True,
) -> Question:
    """Store one question with its first version; the caller commits.

    Raises InvalidQuestion (rules of `quiz.bank.types.validate`) or DuplicateQuestion (same
    stem and options already stored). When the draft cites nothing and a suggester is
    given, the best supporting article is attached as a suggestion for the trainer.
    """
    problems = validate(draft)
    if problems:
        raise InvalidQuestion(problems)
    if check_duplicate and (existing := find_duplicate(draft)) is not None:
        raise DuplicateQuestion(existing)
    category = category_for_path(draft.category) if draft.category else None
    question = _create(draft, category, origin, created_by_id, suggest)
    if origin.kind == "manual":  # imports and generation are logged as one import or not at all
        db.session.flush()
        audit.record("question.create", "question", question.id, _stem(draft), actor_id=created_by_id)
    return question


def _create(
    draft: QuestionDraft,
    category: Category | None,
    origin: Origin,
    created_by_id: int | None,
    suggest: Suggester | None,
) -> Question:
    question = Question(
        status=draft.status,
        category=category,
        jobs=jobs.stored(draft.jobs),  # 带式输送机司机 saved as 输送机司机 (corpus.jobs)
        origin=origin.kind,
        generator=origin.generator,
        origin_ref=origin.ref,
        origin_file=origin.file,
        origin_sheet=origin.sheet,
        origin_row=origin.row,
        import_batch_id=origin.batch_id,
        created_by_id=created_by_id,
        citation_state="none",
        stale=False,
        stale_reason="",
    )
    if draft.status == "approved":
        question.approved_at, question.approved_by_id = utcnow(), created_by_id
    db.session.add(question)
    _add_version(question, draft, created_by_id)
    citations.apply_draft_citation(question, draft)
    if question.citation_state == "none" and suggest is not None:
        citations.suggest_for(question, suggest)
    return question


def save_generated(
    drafts: Iterable[QuestionDraft | tuple[QuestionDraft, str]],
    generator: str,
    *,
    created_by_id: int | None = None,
    suggest: Suggester | None = None,
) -> GeneratedResult:
    """Store generated questions as drafts, skipping invalid ones and duplicates; the caller commits.

    Each item is a draft or (draft, ref), ref naming what the question was built from
    (a hazard id such as "HZ-ZC-001", a rule id). Generated questions always start as
    drafts, whatever the draft says: a trainer approves them before they reach an exam.
    """
    result = GeneratedResult()
    seen = existing_ids_by_key()
    for item in drafts:
        draft, ref = item if isinstance(item, tuple) else (item, None)
        draft = _with_status(draft, "draft")
        problems = validate(draft)
        if problems:
            result.invalid.append((draft, problems))
            continue
        if draft.content_key in seen:
            result.duplicates.append((draft, seen[draft.content_key]))
            continue
        origin = Origin(kind="generated", generator=generator, ref=ref)
        question = add_question(
            draft, origin=origin, created_by_id=created_by_id, suggest=suggest, check_duplicate=False
        )
        db.session.flush()
        seen[draft.content_key] = question.id
        result.saved.append(question)
    return result


def existing_ids_by_key() -> dict[str, int]:
    """Content key → question id for every stored question."""
    return {key: qid for key, qid in db.session.execute(select(Question.content_key, Question.id))}


def edit_question(question: Question, draft: QuestionDraft, *, edited_by_id: int | None = None) -> bool:
    """Apply a trainer's edit. Content changes add a version; metadata changes update in place.

    Returns whether a new version was written. Raises InvalidQuestion or DuplicateQuestion.
    Editing counts as review, so the stale flag is cleared.
    """
    problems = validate(draft)
    if problems:
        raise InvalidQuestion(problems)
    if (existing := find_duplicate(draft, exclude_id=question.id)) is not None:
        raise DuplicateQuestion(existing)
    current = question.to_draft()
    before = _logged_fields(current, question.status)
    changed = any(getattr(current, name) != getattr(draft, name) for name in CONTENT_FIELDS)
    if changed:
        _add_version(question, draft, edited_by_id)
    question.category = category_for_path(draft.category) if draft.category else None
    question.jobs = jobs.stored(draft.jobs)
    if draft.status != question.status:
        set_status([question], draft.status, user_id=edited_by_id)
    question.stale, question.stale_reason = False, ""
    after = _logged_fields(replace(draft, jobs=tuple(question.jobs or ()),
                                   category=question.category.path if question.category else ()), question.status)
    what = audit.changes(*((label, old, new) for (label, old), (_, new) in zip(before, after, strict=True)))
    audit.record("question.edit", "question", question.id,
                 (f"新版本（第{question.current_version.number}版）" if changed else "")
                 + f"{_stem(draft)}：{what or '没有改动'}", actor_id=edited_by_id)
    db.session.flush()
    return changed


def _stem(draft: QuestionDraft) -> str:
    return _short(draft.stem, 80)


def _short(text: str, limit: int = LOGGED_TEXT) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _logged_fields(draft: QuestionDraft, status: str) -> list[tuple[str, str]]:
    """(label, value) of what a trainer edits, as the 操作日志 writes a change (before → after): the short
    fields first, so the key and the category survive when a long stem fills the entry."""
    return [
        ("题型", KINDS[draft.type].label if draft.type in KINDS else draft.type),
        ("答案", answer_label(draft.type, draft.answer)),
        ("分类", " / ".join(draft.category)),
        ("难度", DIFFICULTY_LABELS.get(draft.difficulty or 0, "")),
        ("工种", "、".join(draft.jobs)),
        ("状态", STATUS_LABELS.get(status, status)),
        ("题干", _short(draft.stem)),
        ("选项", _short("；".join(f"{o.key}. {o.text}" for o in draft.options))),
        ("解析", _short(draft.explanation)),
    ]


def set_status(questions: Iterable[Question], status: str, *, user_id: int | None = None) -> int:
    """Approve, retire or send back to draft; returns how many questions changed."""
    if status not in STATUSES:
        raise QuestionError(f"未知状态：{status}")
    changed: list[int] = []
    for question in questions:
        if question.status == status:
            continue
        question.status = status
        if status == "approved":
            question.approved_at, question.approved_by_id = utcnow(), user_id
        changed.append(question.id)
    if changed:
        audit.record(f"question.{STATUS_ACTIONS[status]}", "question", changed[0] if len(changed) == 1 else None,
                     f"{len(changed)} 道题：{audit.id_list(changed)}", actor_id=user_id)
    db.session.flush()
    return len(changed)


def set_category(questions: Iterable[Question], category: Category | None) -> int:
    """Move questions to a category (bulk action); returns how many."""
    count = 0
    for question in questions:
        question.category = category
        count += 1
    db.session.flush()
    return count


def _add_version(question: Question, draft: QuestionDraft, user_id: int | None) -> QuestionVersion:
    number = len(question.versions) + 1
    version = QuestionVersion(
        number=number,
        type=draft.type,
        stem=draft.stem,
        options=[{"key": o.key, "text": o.text} for o in draft.options],
        answer=list(draft.answer),
        explanation=draft.explanation,
        difficulty=draft.difficulty,
        created_by_id=user_id,
    )
    question.versions.append(version)
    question.current_version = version
    question.content_key = draft.content_key
    question.search_key = search_key(draft.stem, (o.text for o in draft.options))
    return version


def _with_status(draft: QuestionDraft, status: str) -> QuestionDraft:
    return draft if draft.status == status else replace(draft, status=status)
