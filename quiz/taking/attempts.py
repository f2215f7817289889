"""Sittings: start or resume, save an answer, submit, close at the deadline, and what the worker sees.

The server keeps the time: an attempt's `deadline` is fixed when it starts (the time limit,
cut short by the paper's closing time). Saves after the deadline (plus GRACE_SECONDS for a
request already on its way) are refused; an attempt past its deadline is closed and scored
whenever anyone next looks at it (`close_if_due`), by `close_expired()` (run by `init` and
the `close-expired` command), so a closed browser never leaves an exam open.

Everything is idempotent: saving the same answer twice stores it once, a late retry of an
older answer never overwrites a newer one (`seq`), and submitting twice counts once.
Functions flush; the caller commits (one short transaction per request).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from accounts.models import User
from core import clock
from core.db import db
from quiz.bank.types import JUDGE_OPTIONS, KINDS, OPTION_KEYS, keeps_order
from quiz.taking import book, held, papers
from quiz.taking.held import shape_of
from quiz.taking.models import Attempt, AttemptItem, Paper
from quiz.taking.scoring import score_answer
from quiz.taking.seal import SEALED_NOTE, TAKER_NOTE, OpenExams, keys_hidden, sealed_questions
from quiz.taking.standing import GRACE_SECONDS, standing

log = logging.getLogger(__name__)

MAX_BLANK_LENGTH = 200
SHUFFLED_SHAPES = {"single", "multi"}


class AttemptError(ValueError):
    """An action on an attempt that cannot be done; the message is in Chinese for the worker."""

    status = 409


class AttemptClosed(AttemptError):
    """The attempt is over (time up or submitted): nothing more is saved."""


class AnswerConflict(AttemptError):
    """A save based on an answer that is no longer the stored one (another page of the same
    sitting saved this question since): refused for this question; `item` holds what is stored."""

    status = 412

    def __init__(self, message: str, item: AttemptItem) -> None:
        super().__init__(message)
        self.item = item


# ---------------------------------------------------------------- starting


def _new_attempt(user: User, mode: str, title: str, drawn: list[papers.Drawn], now: datetime, *,
                 paper: Paper | None = None, shuffle_options: bool = True, shuffle_questions: bool = False,
                 feedback: bool = False, deadline: datetime | None = None, number: int = 1) -> Attempt:
    rng = random.Random()
    if shuffle_questions:
        rng.shuffle(drawn)
    attempt = Attempt(
        paper_id=paper.id if paper else None, user_id=user.id, mode=mode, title=title, number=number,
        started_at=now, deadline=deadline, status="open", feedback=feedback,
        multi_rule=paper.multi_rule if paper else "half",
        pass_score=paper.pass_score if paper else None,  # a practice's too, if it has a pass line
        max_score=sum((d.points for d in drawn), Decimal(0)), focus_losses=0, wrongs_collected=False,
    )
    versions = {v.id: v for v in _versions([d.version_id for d in drawn])}
    rows = []
    for position, item in enumerate(drawn, start=1):
        version = versions[item.version_id]
        keys = [o["key"] for o in version.options or ()]
        shape = KINDS[version.type].shape if version.type in KINDS else "single"
        if shape == "judge":
            keys = [o.key for o in JUDGE_OPTIONS]
        elif shuffle_options and shape in SHUFFLED_SHAPES and not keeps_order(version.type):
            rng.shuffle(keys)
        rows.append({"position": position, "question_id": item.question_id, "version_id": item.version_id,
                     "points": item.points, "option_order": keys, "seq": 0})
    db.session.add(attempt)
    db.session.flush()
    # One executemany for the hundred items of an exam (the ORM inserts them one by one to learn
    # each id, all while a start holds SQLite's write lock); the items load on first use.
    db.session.execute(insert(AttemptItem), [{**row, "attempt_id": attempt.id} for row in rows])
    db.session.expire(attempt, ["items"])
    return attempt


def _versions(ids: list[int]):
    from quiz.bank.models import QuestionVersion

    return db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(ids)))


def open_attempt_of(paper: Paper, user: User) -> Attempt | None:
    return db.session.scalar(
        select(Attempt).where(Attempt.paper_id == paper.id, Attempt.user_id == user.id, Attempt.status == "open")
    )


def attempts_used(paper: Paper, user: User) -> int:
    return db.session.scalar(
        select(func.count()).where(Attempt.paper_id == paper.id, Attempt.user_id == user.id)
    ) or 0


def start_paper(paper: Paper, user: User, now: datetime) -> Attempt:
    """Start a sitting of a paper, or resume the one still open. Raises AttemptError with the reason."""
    if not papers.in_audience(paper, user):
        raise AttemptError("这份试卷没有分派给您。")
    current = open_attempt_of(paper, user)
    if current is not None and not close_if_due(current, now):
        return current
    if (problem := papers.window_problem(paper, now)) is not None:
        raise AttemptError(f"现在不能开始：{problem}。")
    used = attempts_used(paper, user)
    if paper.max_attempts and used >= paper.max_attempts:
        raise AttemptError(f"您已用完{paper.max_attempts}次机会。")
    if paper.draw == "fixed":
        drawn = [papers.Drawn(i.question_id, i.version_id, i.points) for i in paper.items]
        if not drawn:
            raise AttemptError("试卷还没有题目，请联系培训员。")
    else:
        # A practice paper drawn per sitting leaves out the questions under seal for the worker while
        # its pools hold enough others (as practice does); an exam's draw is never narrowed (quiz.taking.seal).
        avoid = sealed_questions(user, now) if paper.mode == "practice" else frozenset()
        try:
            drawn = papers.draw(papers.sections_of(paper), paper.mode, random.Random(), avoid,
                                papers.kept_versions(paper))
        except papers.PaperError as exc:
            # The rule-by-rule reason is the trainer's (the paper's page shows it beside the rule), not the worker's.
            log.warning("paper %s cannot be drawn for user %s: %s", paper.id, user.id, exc)
            raise AttemptError("这份试卷的题目暂时不够，现在不能开始，请联系培训员。") from exc
    return _new_attempt(
        user, paper.mode, paper.title, drawn, now, paper=paper, shuffle_options=paper.shuffle_options,
        shuffle_questions=paper.shuffle_questions, feedback=paper.mode == "practice",
        deadline=papers.sitting_deadline(paper, now),
        number=used + 1,
    )


def start_or_resume(start: Callable[[], Attempt]) -> Attempt:
    """Run a start action (start_paper, a practice's, an assignment's) for the API and the pages alike. Two
    taps of 开始 at once both read "no sitting yet": the later one's insert of the same sitting number breaks
    the unique (paper, user, number), so it rolls back and starts again — which now resumes the sitting the
    first one started. Flushes; the caller commits. Raises AttemptError as the start does."""
    try:
        attempt = start()
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        attempt = start()
        db.session.flush()
    return attempt


def start_drawn(user: User, mode: str, title: str, drawn: list[papers.Drawn], now: datetime) -> Attempt:
    """Start practice drawn on the spot (practice, 每日一练, wrong-answer review): feedback after each answer."""
    if not drawn:
        raise AttemptError("没有符合条件的题目。")
    return _new_attempt(user, mode, title, drawn, now, feedback=True)


# ---------------------------------------------------------------- answering


@dataclass(frozen=True)
class Saved:
    """What a save did: the stored counter and time, and what the worker is told when the sitting
    gives feedback (`told`: the feedback, or only SEALED_NOTE for a question under seal)."""

    seq: int
    saved_at: datetime
    feedback: dict[str, Any] | None = None
    sealed: str | None = None


def to_stored(item: AttemptItem, answer: list[str]) -> list[str]:
    """A worker's answer (letters as shown, or typed texts) as stored (the version's own keys).

    Raises AttemptError for an answer the question cannot have."""
    shape = shape_of(item)
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise AttemptError("答案格式不对。")
    if shape == "blank":
        blanks = max(1, len(item.version.answer or ()))
        if len(answer) > blanks or any(len(a) > MAX_BLANK_LENGTH for a in answer):
            raise AttemptError("填空内容过长或空数不对。")
        return [a.strip() for a in answer]
    shown = OPTION_KEYS[: len(item.option_order)]
    letters = [a.strip().upper() for a in answer if a.strip()]
    if any(len(a) != 1 or a not in shown for a in letters) or len(set(letters)) != len(letters):
        raise AttemptError("所选选项不在题目中。")
    if shape in {"single", "judge"} and len(letters) > 1:
        raise AttemptError("这道题只能选一个答案。")
    stored = [item.option_order[shown.index(a)] for a in letters]
    return stored if shape == "order" else sorted(stored)


def item_shown(user: User, question_id: int, attempt_id: int | None = None) -> AttemptItem | None:
    """Where `user` was shown a question: its item in his sitting `attempt_id` (when given and his), else
    in his latest sitting holding it; None: never shown to him (纠错 keeps the item's order and answer)."""
    query = (select(AttemptItem).join(Attempt).where(Attempt.user_id == user.id, AttemptItem.question_id == question_id)
             .order_by(Attempt.started_at.desc(), AttemptItem.id.desc()))
    if attempt_id is not None:
        found = db.session.scalars(query.where(Attempt.id == attempt_id).limit(1)).first()
        if found is not None:
            return found
    return db.session.scalars(query.limit(1)).first()


def to_shown(item: AttemptItem, stored: list[str] | None) -> list[str]:
    """Stored keys (or texts) back to what the worker sees."""
    if not stored:
        return []
    if shape_of(item) == "blank":
        return list(stored)
    shown = OPTION_KEYS[: len(item.option_order)]
    letters = [shown[item.option_order.index(k)] for k in stored if k in item.option_order]
    return letters if shape_of(item) == "order" else sorted(letters)


def deadline_passed(attempt: Attempt, now: datetime, grace: int = 0) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + timedelta(seconds=grace)


def _item_at(attempt: Attempt, position: int) -> AttemptItem:
    item = db.session.scalar(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id, AttemptItem.position == position)
        .options(joinedload(AttemptItem.version))  # its shape is needed at once: one query, not two
    )
    if item is None:
        raise AttemptError("没有这道题。")
    return item


def locked_row(attempt_id: int) -> Select:
    """The sitting's row, read FOR SHARE (PostgreSQL) by a save before it writes: a submit claims the row
    (its UPDATE locks it) before it reads the answers to score, so a save either holds the row first (the
    submit waits for it to commit, then scores the answer) or waits for the submit and finds the sitting
    closed — never "saved" and left unscored. Saves of one sitting share the lock."""
    return select(Attempt).where(Attempt.id == attempt_id).with_for_update(read=True)


def closed_message(attempt: Attempt) -> str:
    """Why nothing more is saved in a closed sitting: handed in, or closed when its time ran out."""
    return "考试时间已到，答案不能再修改。" if attempt.status == "expired" else "已交卷，答案不能再修改。"


def save_answer(attempt: Attempt, position: int, answer: list[str], seq: int | None, now: datetime,
                base: int | None = None) -> Saved:
    """Store the answer to one question. A newer `seq` wins; an older or equal one changes nothing.

    With `base` (the stored `seq` the sender's answer replaces, as the taking page sends it) the
    server numbers the save itself: it is stored only while `base` is still the stored one; the
    same answer again is a retry (saved once); another answer raises AnswerConflict, so a page
    that has not seen a newer save (another tab, another phone) never overwrites it unawares.

    Raises AttemptClosed when the attempt is over (the answers saved before are kept).
    """
    if attempt.status != "open":
        raise AttemptClosed(closed_message(attempt))
    if deadline_passed(attempt, now, GRACE_SECONDS):
        raise AttemptClosed("考试时间已到，这个答案没有保存；之前保存的答案都已保留并计分。")
    if db.session.get_bind().dialect.name != "sqlite":  # SQLite has one writer at a time: nothing to lock
        db.session.scalars(locked_row(attempt.id).execution_options(populate_existing=True)).one()
        if attempt.status != "open":
            raise AttemptClosed(closed_message(attempt))
    item = _item_at(attempt, position)
    if attempt.feedback and item.response is not None:
        # Practice: the first answer is the one that counts; asking again shows the same verdict
        # (an answer held under seal is graded once the seal has lifted: quiz.taking.held).
        sealed = sealed_for(attempt, now)
        if item.correct is None and item.question_id not in sealed:
            held.grade(attempt, item, now)
        return Saved(item.seq, item.saved_at or now, **told(attempt, item, sealed=sealed))
    stored = to_stored(item, answer)
    if base is not None:
        new_seq, newer = base + 1, AttemptItem.seq == base
    else:
        new_seq = seq if seq is not None else item.seq + 1
        newer = AttemptItem.seq < new_seq
    still_open = select(Attempt.id).where(Attempt.id == attempt.id, Attempt.status == "open").exists()
    result = db.session.execute(
        update(AttemptItem)
        .where(AttemptItem.id == item.id, newer, still_open)
        .values(response=stored, draft=None, seq=new_seq, saved_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:  # this save won: the row holds exactly what was written, no need to read it back
        for name, value in (("response", stored), ("draft", None), ("seq", new_seq), ("saved_at", now)):
            set_committed_value(item, name, value)
    else:  # an equal or newer seq is stored (a retry, or a late older save), or it was just submitted
        db.session.refresh(attempt)
        if attempt.status != "open":
            raise AttemptClosed(closed_message(attempt))
        db.session.refresh(item)
        if base is not None and item.response != stored:
            raise AnswerConflict(f"第{position}题已在另一个页面改过，这里已换成那边保存的答案。", item)
    if not (attempt.feedback and result.rowcount):
        return Saved(item.seq, item.saved_at or now)
    sealed = sealed_for(attempt, now)
    if item.question_id not in sealed:  # else held ungraded, out of the book, until the seal lifts (quiz.taking.held)
        held.grade(attempt, item, now)
    return Saved(item.seq, item.saved_at or now, **told(attempt, item, sealed=sealed))


def save_draft(attempt: Attempt, position: int, answer: list[str], now: datetime) -> list[str]:
    """Keep an unconfirmed answer of an instant-feedback sitting (AttemptItem.draft) so the worker
    finds it on another device; an empty one clears it. Not an answer: nothing is graded, `response`
    and `seq` are untouched, and once the question is answered a draft is not kept. Returns the
    draft as shown. Raises AttemptError in a sitting without feedback (an exam saves every tick)."""
    if not attempt.feedback:
        raise AttemptError("考试的每次选择都直接保存，没有草稿。")
    if attempt.status != "open" or deadline_passed(attempt, now, GRACE_SECONDS):
        raise AttemptClosed(closed_message(attempt) if attempt.status != "open" else "考试时间已到，答案不能再修改。")
    item = _item_at(attempt, position)
    stored = to_stored(item, answer)
    kept = stored if any(stored) else None
    db.session.execute(update(AttemptItem).where(AttemptItem.id == item.id, AttemptItem.response.is_(None))
                       .values(draft=kept).execution_options(synchronize_session=False))
    db.session.flush()
    return to_shown(item, kept)


def told(attempt: Attempt, item: AttemptItem, *, reveal: bool = False,
         sealed: frozenset[int] = frozenset()) -> dict[str, Any]:
    """What the worker is told beside one question: nothing until it is graded for him (practice
    grades each answer as it is given; a closed sitting once its keys are out, `reveal`); then
    {"feedback": feedback_for(...)} — or, while the question is under seal for him (`sealed`, see
    quiz.taking.seal), only {"sealed": SEALED_NOTE}: no key, explanation, nor right or wrong (its
    answer is held ungraded meanwhile, see quiz.taking.held)."""
    answered = attempt.feedback and item.response is not None
    if item.question_id in sealed and (reveal or answered):
        return {"sealed": SEALED_NOTE}
    if reveal and attempt.feedback and attempt.status != "open" and item.correct is None:
        return {"sealed": SEALED_NOTE}  # held when it closed, not released yet (quiz.taking.held)
    if not (reveal or (answered and item.correct is not None)):
        return {}
    return {"feedback": feedback_for(attempt, item)}


def sealed_for(attempt: Attempt, now: datetime) -> frozenset[int]:
    """The questions under seal for the sitting's worker where its open page would tell him about
    them (a sitting with feedback after each answer); none for a sitting that tells nothing while open."""
    return sealed_questions(_user(attempt), now) if attempt.feedback else frozenset()


def feedback_for(attempt: Attempt, item: AttemptItem) -> dict[str, Any]:
    """Right or wrong, the key as shown, the explanation and the cited article."""
    question = item.question
    return {
        "correct": bool(item.correct),
        "score": str(item.score) if item.score is not None else None,
        "key": to_shown(item, list(item.version.answer)),
        "explanation": item.version.explanation or "",
        "citation": str(question.shown_citation) if question.shown_citation else "",
        "article_id": question.shown_article_id,
    }


def record_focus_loss(attempt: Attempt) -> int:
    """Count one time the exam page lost focus (switched app, other tab); returns the new count."""
    if attempt.status == "open":
        db.session.execute(
            update(Attempt).where(Attempt.id == attempt.id).values(focus_losses=Attempt.focus_losses + 1)
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(attempt)
    return attempt.focus_losses


# ---------------------------------------------------------------- closing


def submit(attempt: Attempt, now: datetime, *, by_deadline: bool = False, release: bool = True) -> Attempt:
    """Close and score the attempt. Submitting a closed attempt changes nothing (counts once). When this
    ends an exam (for the worker, or for everyone) the practice answers held for it are scored, unless
    `release` is False (close_expired: its caller releases once the closed sittings are committed)."""
    if attempt.status != "open":
        return attempt
    status = "expired" if by_deadline else "submitted"
    finished = min(now, attempt.deadline) if by_deadline and attempt.deadline else now
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.status == "open")
        .values(status=status, submitted_at=finished).execution_options(synchronize_session=False)
    )
    db.session.refresh(attempt)
    if not claimed.rowcount:  # another request submitted it a moment ago
        return attempt
    # Read the items after the claim, so no save can slip in between (a save checks the attempt
    # is still open in its UPDATE, and on PostgreSQL first takes the row's lock the claim holds:
    # locked_row), and in one query: on SQLite every save waits while a submit
    # holds the write lock, so the work here is a few statements, never a few per question.
    items = list(db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id).order_by(AttemptItem.position)
        .options(joinedload(AttemptItem.version))
    ))
    set_committed_value(attempt, "items", items)
    # A sitting with feedback holds out the questions under seal it has not graded (quiz.taking.held).
    user = _user(attempt)
    sealed = sealed_questions(user, now) if attempt.feedback else frozenset()
    total, holding = Decimal(0), Decimal(0)
    for item in items:
        if attempt.feedback and item.correct is None and item.question_id in sealed:
            holding += item.points
            continue
        if attempt.feedback and item.correct is None and item.response is not None:
            held.grade(attempt, item, now)  # held while answered, its seal lifted since
        else:
            item.score, item.correct = score_answer(shape_of(item), item.version.answer, item.response,
                                                    item.points, attempt.multi_rule)
        total += item.score
    attempt.score = total
    attempt.max_score -= holding
    attempt.passed = held.judged(attempt, holding > 0)
    db.session.flush()
    collect_wrongs(attempt, now, sealed if attempt.feedback else None)
    if release and attempt.mode == "exam" and attempt.paper is not None:
        # Where an exam ends, the practice answers held for it are scored (quiz.taking.held).
        where = standing(attempt.paper, user, now)
        if not where.goes_on:
            held.release_after(attempt.paper, now)
        elif where.keys_out:
            held.release_for(user, now)
    return attempt


def close_if_due(attempt: Attempt, now: datetime) -> bool:
    """Close an open attempt whose time is up; True when it is (now) closed."""
    if attempt.status == "open" and deadline_passed(attempt, now, GRACE_SECONDS):
        submit(attempt, now, by_deadline=True)
    return attempt.status != "open"


def close_expired(now: datetime) -> int:
    """Close every open attempt past its deadline (browser gone); returns how many. The practice answers
    held for the exams this ends wait for quiz.taking.held (the close-expired command releases them next,
    one worker at a time)."""
    cutoff = now - timedelta(seconds=GRACE_SECONDS)
    due = list(db.session.scalars(select(Attempt).where(Attempt.status == "open", Attempt.deadline < cutoff)))
    for attempt in due:
        submit(attempt, now, by_deadline=True, release=False)
    return len(due)


def keys_released(attempt: Attempt, now: datetime) -> bool:
    """Whether the worker may see the sitting's keys: practice at once once handed in; an exam once it is
    over for him (quiz.taking.standing: its window closed, stopped with nobody still sitting it, or — for a
    paper without a closing time — every sitting of his used)."""
    if attempt.status == "open":
        return False
    if attempt.mode != "exam" or attempt.paper is None:
        return True
    return standing(attempt.paper, _user(attempt), now).keys_out


def _user(attempt: Attempt) -> User:
    user = db.session.get(User, attempt.user_id)
    assert user is not None
    return user


def collect_wrongs(attempt: Attempt, now: datetime, sealed: frozenset[int] | None = None) -> int:
    """Put a closed attempt's wrong answers into the wrong-answer book, once its keys are released
    (so an exam's answers do not reach the book while colleagues still sit it). A practice sitting
    recorded each answer as it was given; one holding answers under seal (`sealed`: the worker's, if
    known) stays uncollected until quiz.taking.held.release has graded them all."""
    if attempt.wrongs_collected or attempt.status == "open" or not keys_released(attempt, now):
        return 0
    if attempt.feedback:
        return held.release(attempt, now, sealed_questions(_user(attempt), now) if sealed is None else sealed)
    wrong = [item.question_id for item in attempt.items if item.correct is False]
    added = len(book.record_wrongs(attempt.user_id, wrong, now))
    attempt.wrongs_collected = True
    db.session.flush()
    return added


def collect_released(user: User, now: datetime) -> int:
    """The worker's own pages (考试练习, 成绩, 错题本) ask for this: the wrong answers of his exams whose keys
    became available since go into his 错题本, and his practice answers held for an exam now over are
    scored (quiz.taking.held) — the open exams read once."""
    pending = list(db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.status != "open",
                              Attempt.wrongs_collected.is_(False))
    ))
    if not pending:
        return 0
    sealed = OpenExams(now).sealed(user) if any(a.feedback for a in pending) else frozenset()
    return sum(collect_wrongs(a, now, sealed) for a in pending)


# ---------------------------------------------------------------- what the worker sees


def availability(paper: Paper, user: User, now: datetime) -> dict[str, Any]:
    """A paper as one worker sees it in the list: can it be started or resumed now, and if not, why."""
    current = open_attempt_of(paper, user)
    if current is not None and close_if_due(current, now):
        current = None
    used = attempts_used(paper, user)
    problem = papers.window_problem(paper, now)
    if problem is None and paper.max_attempts and used >= paper.max_attempts and current is None:
        problem = "机会已用完"
    return {
        "id": paper.id, "title": paper.title, "description": paper.description or "", "mode": paper.mode,
        "mode_label": paper.mode_label,
        "questions": paper.question_count, "total_points": str(paper.total_points),
        "pass_score": str(paper.pass_score) if paper.pass_score is not None else None,
        "time_limit_minutes": paper.time_limit_minutes, "max_attempts": paper.max_attempts,
        "attempts_used": used, "attempts_done": used - (1 if current else 0),  # the one in progress is not done
        "open_attempt_id": current.id if current else None,
        "can_start": current is not None or problem is None, "why_not": problem,
        "opens_at": clock.stamp(paper.opens_at),
        "closes_at": clock.stamp(paper.closes_at),
    }


def remaining_seconds(attempt: Attempt, now: datetime) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - now).total_seconds()))


def time_limited(attempt: Attempt) -> bool:
    """Whether the sitting has a real time limit (an exam's minutes), which the page counts down;
    a deadline that is only a closing time (the 班前会 quiz's end of the day) is shown as a time."""
    paper = attempt.paper
    return bool(attempt.deadline and paper is not None and paper.mode == "exam" and paper.time_limit_minutes)


def deadline_label(attempt: Attempt, now: datetime) -> str:
    """A closing time as the worker reads it: 今天 24:00 前完成, 今天 18:00 前完成, 12月06日 08:00 前完成."""
    if attempt.deadline is None:
        return ""
    closes = clock.local(attempt.deadline)
    today = clock.local_day(now)
    assert closes is not None
    if closes.date() == today + timedelta(days=1) and closes.time() == datetime.min.time():
        return "今天 24:00 前完成"
    if closes.date() == today:
        return f"今天 {closes:%H:%M} 前完成"
    return f"{closes:%m月%d日 %H:%M} 前完成"


def item_view(attempt: Attempt, item: AttemptItem, *, reveal: bool = False,
              sealed: frozenset[int] = frozenset()) -> dict[str, Any]:
    """One question as the worker's page shows it: never the key, unless `reveal` — and never while
    the question is under seal for the worker (`sealed`, see quiz.taking.seal)."""
    version = item.version
    shape = shape_of(item)
    by_key = {o["key"]: o["text"] for o in version.options or ()}
    if shape == "judge":
        by_key = {o.key: o.text for o in JUDGE_OPTIONS}
    shown = OPTION_KEYS[: len(item.option_order)]
    view: dict[str, Any] = {
        "position": item.position,
        "question_id": item.question_id,
        "type": version.type,
        "type_label": version.type_label,
        "shape": shape,
        "stem": version.stem,
        "options": [{"key": shown[i], "text": by_key.get(k, "")} for i, k in enumerate(item.option_order)],
        "blanks": max(1, len(version.answer or ())) if shape == "blank" else 0,
        "points": str(item.points),
        "answer": to_shown(item, item.response),
        "draft": to_shown(item, item.draft) if _draft_shown(attempt, item) else [],
        "seq": item.seq,
        "saved_at": clock.stamp(item.saved_at),
    }
    view.update(told(attempt, item, reveal=reveal, sealed=sealed))
    return view


def _draft_shown(attempt: Attempt, item: AttemptItem) -> bool:
    """A draft is offered back only while the sitting is open and the question unanswered."""
    return attempt.feedback and attempt.status == "open" and item.response is None


def with_items(attempt: Attempt) -> Attempt:
    """Load the attempt's items with their versions and questions in two queries, not two per item
    (a 100-question paper's page and result were 200 lazy loads, the tail of an exam hour)."""
    return db.session.scalars(
        select(Attempt).where(Attempt.id == attempt.id).options(
            selectinload(Attempt.items).joinedload(AttemptItem.version),
            selectinload(Attempt.items).joinedload(AttemptItem.question))
        .execution_options(populate_existing=True)
    ).one()


def attempt_view(attempt: Attempt, now: datetime) -> dict[str, Any]:
    """The whole sitting for the taking page and the API (no keys while it is open)."""
    close_if_due(attempt, now)
    attempt = with_items(attempt)
    sealed = sealed_for(attempt, now)
    return {
        "id": attempt.id,
        "title": attempt.title,
        "mode": attempt.mode,
        "mode_label": attempt.mode_label,
        "status": attempt.status,
        "feedback": attempt.feedback,
        "started_at": clock.stamp(attempt.started_at),
        "deadline": clock.stamp(attempt.deadline),
        "remaining_seconds": remaining_seconds(attempt, now),
        "time_limited": time_limited(attempt),
        "deadline_label": deadline_label(attempt, now),
        "max_score": str(attempt.max_score),
        "answered": sum(1 for i in attempt.items if i.response),
        "items": [item_view(attempt, i, sealed=sealed) for i in attempt.items],
    }


def result_view(attempt: Attempt, now: datetime, *, viewer: User | None = None) -> dict[str, Any]:
    """Score, pass/fail, time used and the per-question review: for the worker (keys once released, and
    never of a question under seal for him) or, given a `viewer`, for staff reading his sheet: each
    question's score, right/wrong, key and explanation once the sheet is closed — but for the questions
    whose keys the viewer may not read yet (seal.keys_hidden: a 班组长 who must sit the exam himself),
    which show only TAKER_NOTE (`taker_note` says so)."""
    close_if_due(attempt, now)
    attempt = with_items(attempt)
    staff = viewer is not None
    reveal = keys_released(attempt, now) or (staff and attempt.status != "open")
    if staff:
        sealed = frozenset(keys_hidden(viewer, now, attempt.paper_id, (i.question_id for i in attempt.items)))
    else:
        sealed = sealed_questions(_user(attempt), now)
    items = []
    for item in attempt.items:
        view = item_view(attempt, item, reveal=reveal, sealed=sealed)
        # Until the keys are out, an exam shows only the total: right/wrong per question would give them away
        # (and so would it for a question under seal).
        shown = (reveal or attempt.mode != "exam") and item.question_id not in sealed
        view["score"] = str(item.score) if shown and item.score is not None else None
        view["correct"] = item.correct if shown else None
        if staff and item.question_id in sealed:
            view.pop("feedback", None)
            view["sealed"] = TAKER_NOTE
        elif staff:
            view["feedback"] = feedback_for(attempt, item)
        items.append(view)
    extra: dict[str, Any] = {"taker_note": TAKER_NOTE if sealed else ""} if staff else {}
    return {
        "id": attempt.id,
        "title": attempt.title,
        "mode": attempt.mode,
        "status": attempt.status,
        "status_label": attempt.status_label,
        "score": str(attempt.score) if attempt.score is not None else None,
        "max_score": str(attempt.max_score),
        "pass_score": str(attempt.pass_score) if attempt.pass_score is not None else None,
        "passed": attempt.passed,
        "seconds_used": attempt.seconds_used,
        "submitted_at": clock.stamp(attempt.submitted_at),
        "keys_released": reveal or staff,
        "held": len(held.held_items(attempt)),  # scored once the exam holding them is over (quiz.taking.held)
        "items": items,
        **extra,
    }


def history(user: User, now: datetime, limit: int = 200) -> list[Attempt]:
    """The worker's attempts, newest first; any whose time ran out are closed and scored first. Answers
    held under seal stay as they are (released where an exam ends: quiz.taking.held)."""
    rows = list(db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(limit)
    ))
    for row in rows:
        close_if_due(row, now)
    return rows


def score_series(attempts: list[Attempt]) -> list[dict[str, Any]]:
    """Closed attempts oldest first as chart points: time (UTC), local day and date, percent of the maximum, mode, title,
    and the attempt's own pass mark as a percent of its maximum (None when it had none, as a practice without one)."""
    points = []
    for attempt in sorted(attempts, key=lambda a: a.started_at):
        if attempt.score is None or not attempt.max_score:
            continue
        pass_percent = None
        if attempt.pass_score is not None:
            pass_percent = float(_percent_of(attempt.pass_score, attempt.max_score))
        points.append({"at": clock.stamp(attempt.started_at),
                       "percent": float(_percent_of(attempt.score, attempt.max_score)),
                       # the mine's date, like the table (a sitting at 07:00 is on the UTC calendar's day before)
                       "day": clock.local(attempt.started_at).strftime("%m/%d"),
                       "date": clock.local(attempt.started_at).strftime("%Y-%m-%d"),
                       "mode": attempt.mode, "title": attempt.title, "passed": attempt.passed,
                       "pass_percent": pass_percent})
    return points


def _percent_of(points: Decimal, maximum: Decimal) -> Decimal:
    return (points * 100 / maximum).quantize(Decimal("0.1"))
