"""Workers' error reports on questions (纠错): raise, list for trainers, resolve. Functions flush."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.db import db, utcnow
from quiz.bank.models import FLAG_OUTCOMES, FLAG_REASONS, Question, QuestionFlag
from quiz.bank.types import JUDGE_OPTIONS, KINDS, OPTION_KEYS

MAX_COMMENT = 500


class FlagError(ValueError):
    """A report the bank refuses; the message is in Chinese."""


def flag_question(question: Question, user_id: int, reason: str, comment: str,
                  version_id: int | None = None, option_order: Sequence[str] | None = None,
                  response: Sequence[str] | None = None) -> QuestionFlag:
    """Record a report. One open report per person and question: a second one updates the first.

    `option_order` is the version's option keys in the order the worker was shown them (as A, B, C …)
    and `response` his answer then (the version's keys, or typed texts), when he reported from a sitting:
    his "答案B有误" is about his own B (seen_by_worker translates)."""
    if reason not in FLAG_REASONS:
        raise FlagError("请选择纠错原因。")
    comment = comment.strip()[:MAX_COMMENT]
    if reason == "other" and not comment:
        raise FlagError("请写明哪里有问题。")
    flag = db.session.scalar(
        select(QuestionFlag).where(QuestionFlag.question_id == question.id, QuestionFlag.user_id == user_id,
                                   QuestionFlag.resolved_at.is_(None))
    )
    if flag is None:
        flag = QuestionFlag(question_id=question.id, user_id=user_id)
        db.session.add(flag)
    flag.reason, flag.comment = reason, comment
    flag.version_id = version_id or question.current_version_id
    flag.option_order = list(option_order) if option_order is not None else None
    flag.response = list(response) if response is not None else None
    flag.created_at = utcnow()
    db.session.flush()
    return flag


def open_flags(question_id: int | None = None) -> list[QuestionFlag]:
    """Unresolved reports, newest first (of one question when given)."""
    query = (select(QuestionFlag).where(QuestionFlag.resolved_at.is_(None)).order_by(QuestionFlag.created_at.desc())
             .options(selectinload(QuestionFlag.version)))
    if question_id is not None:
        query = query.where(QuestionFlag.question_id == question_id)
    return list(db.session.scalars(query))


def open_flag_count() -> int:
    return db.session.scalar(select(func.count()).where(QuestionFlag.resolved_at.is_(None))) or 0


def resolve_flags(question: Question, user_id: int, outcome: str = "fixed") -> int:
    """Mark every open report on a question resolved, with the outcome its reporters read (FLAG_OUTCOMES:
    fixed, or rejected — the question was right); returns how many."""
    if outcome not in FLAG_OUTCOMES:
        raise FlagError("请选择处理结果。")
    count = 0
    for flag in open_flags(question.id):
        flag.resolved_at, flag.resolved_by_id, flag.outcome = utcnow(), user_id, outcome
        count += 1
    db.session.flush()
    return count


@dataclass(frozen=True)
class SeenByWorker:
    """A report's context in the question's own letters, for the trainer: `order` lines (职工看到的 B 即本题的
    C（1.0%）), `answer` (他的作答：B，即本题的 C（1.0%）); empty when the report kept no context."""

    order: list[str] = field(default_factory=list)
    answer: str = ""


def seen_by_worker(flag: QuestionFlag) -> SeenByWorker:
    """What the worker saw when he reported, translated to the question's own letters (of the version
    he was shown)."""
    if flag.option_order is None:
        return SeenByWorker()
    version = flag.version or flag.question.current_version
    shape = KINDS[version.type].shape if version is not None and version.type in KINDS else "blank"
    order = list(flag.option_order)
    texts = {o.key: o.text for o in version.option_list} if version is not None else {}

    def named(key: str) -> str:
        return f"{key}（{texts[key]}）" if key in texts else key

    lines: list[str] = []
    choice = shape not in {"judge", "blank"} and bool(order)
    same = order == list(OPTION_KEYS[: len(order)])
    if choice:
        lines = (["职工看到的选项顺序与本题相同"] if same else
                 [f"职工看到的 {OPTION_KEYS[at]} 即本题的 {named(key)}" for at, key in enumerate(order)])
    if flag.response is None:
        return SeenByWorker(lines, "他当时尚未作答")
    if shape == "judge":
        judged = dict((o.key, o.text) for o in JUDGE_OPTIONS)
        return SeenByWorker(lines, "他的作答：" + "、".join(judged.get(k, k) for k in flag.response))
    if not choice:
        return SeenByWorker(lines, "他的作答：" + "；".join(flag.response))
    shown = "".join(OPTION_KEYS[order.index(k)] if k in order else "?" for k in flag.response)
    own = "、".join(named(k) for k in flag.response)
    return SeenByWorker(lines, f"他的作答：{own}" if same else f"他的作答：{shown}，即本题的 {own}")


SETTLED_SHOWN_DAYS = 14


SEALED_OUTCOME = "已处理，考试结束后显示结果"


@dataclass(frozen=True)
class Settled:
    """A settled report as its reporter reads it: `outcome` (FLAG_OUTCOMES), or only SEALED_OUTCOME while
    the question is under seal for him — 经核实题目无误 would tell him the key stands, so whether his
    "答案应为C" was right, before the exam ends."""

    flag: QuestionFlag
    sealed: bool

    @property
    def outcome(self) -> str:
        return SEALED_OUTCOME if self.sealed else f"已处理：{self.flag.outcome_label}"


def settled_for(user_id: int, since: datetime, sealed: Callable[[Iterable[int]], set[int]]) -> list[Settled]:
    """The reports `user_id` made that a trainer settled since `since`, newest first (his home page);
    `sealed` picks, among question ids, those whose answers he may not learn yet (quiz.bank.withheld)."""
    query = (select(QuestionFlag).where(QuestionFlag.user_id == user_id, QuestionFlag.resolved_at >= since)
             .order_by(QuestionFlag.resolved_at.desc()).options(selectinload(QuestionFlag.version)).limit(10))
    found = list(db.session.scalars(query))
    hidden = sealed({f.question_id for f in found}) if found else set()
    return [Settled(f, f.question_id in hidden) for f in found]
