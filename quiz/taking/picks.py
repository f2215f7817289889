"""Hand-picked questions (手动选题): a paper's picked rules (papers.Section with question_ids).

A trainer ticks questions on the bank list and adds them to a draft paper of theirs (or a new one);
each joins the picked rule of its current type (one per type, created on first use, its points
taken from the paper's filter rule of that type, else DEFAULT_POINTS), and can be removed again on
the paper's edit page. Only a draft the trainer may edit takes changes: the same scope rule the
paper form applies (papers.audience_problem). Functions flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select

from accounts.models import User
from accounts.scopes import audience_reach
from core import clock
from core.db import db, utcnow
from quiz.bank.models import Question, QuestionVersion
from quiz.taking import access
from quiz.taking.models import Paper
from quiz.taking.papers import (
    MAX_QUESTIONS,
    PaperError,
    Section,
    audience_problem,
    default_pass_score,
    sections_of,
    set_audience,
    usable_query,
)

DEFAULT_POINTS = Decimal(2)


def change_problem(paper: Paper, user: User) -> str | None:
    """Why `user` may not change the paper's picked questions, or None: it must be a draft whose
    audience lies within the user's scope (as the paper form requires)."""
    if not access.manages(user, paper):  # the one rule of every paper route
        return "这份试卷不由您管理，不能修改。"
    if paper.status != "draft":
        return "只有未发布的试卷可以增减指定题目；已发布的请新建一份。"
    if audience_problem(paper, user) is not None:
        return "这份试卷的参加范围超出您的管理范围，不能修改。"
    return None


def drafts_of(user: User) -> list[Paper]:
    """The user's own draft papers they may change, newest first (the choice 加入试卷 offers)."""
    rows = db.session.scalars(select(Paper).where(Paper.created_by_id == user.id, Paper.status == "draft")
                              .order_by(Paper.created_at.desc(), Paper.id.desc()))
    return [p for p in rows if change_problem(p, user) is None]


def new_paper(user: User, title: str = "") -> Paper:
    """A draft exam of the user's, open to their whole scope (as the new-paper form starts); its pass
    mark is the default share of its total, and follows the total as questions are picked (_set)."""
    paper = Paper(title=title.strip()[:200] or f"手动选题试卷 {clock.local(utcnow()):%m-%d %H:%M}", description="",
                  mode="exam", draw="fixed", multi_rule="half", pass_score=default_pass_score(Decimal(0)), max_attempts=1,
                  shuffle_options=True, shuffle_questions=False, status="draft", created_by_id=user.id, sections=[])
    db.session.add(paper)
    db.session.flush()
    reach = audience_reach(user)
    if not reach.mine_wide:
        if reach.units:
            set_audience(paper, unit_ids=[u.id for u in reach.units])
        else:
            set_audience(paper, team_ids=[t.id for t in reach.teams])
    return paper


@dataclass
class Added:
    """What adding ticked questions did: how many joined, were there already, or cannot be used."""

    added: int = 0
    present: int = 0
    unusable: list[int] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts = [f"已加入{self.added}道题。"]
        if self.present:
            parts.append(f"{self.present}道已在试卷中。")
        if self.unusable:
            parts.append(f"{len(self.unusable)}道未加入（第{'、'.join(map(str, self.unusable))}题：未审核、仅供练习、已停用或待复核）。")
        return "".join(parts)


@dataclass(frozen=True)
class Check:
    """Which ticked questions a paper of a mode can take, and why each of the others cannot
    (reason → question ids, in the order ticked)."""

    usable: list[int]
    refused: dict[str, list[int]]

    @property
    def message(self) -> str:
        """The others, said before anything is added: “2道不能加入（草稿，未审核：第3、4题）。”"""
        count = sum(len(ids) for ids in self.refused.values())
        if not count:
            return ""
        why = "；".join(f"{reason}：第{'、'.join(map(str, ids))}题" for reason, ids in self.refused.items())
        return f"{count}道不能加入（{why}）。只有已审核、不待复核、不是仅供练习的题能加入考试。"


def _types(question_ids: Iterable[int]) -> dict[int, str]:
    return dict(db.session.execute(
        select(Question.id, QuestionVersion.type).join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
        .where(Question.id.in_(list(question_ids)))).all())


def _usable(types: dict[int, str], mode: str) -> set[int]:
    usable: set[int] = set()
    for type_ in set(types.values()):
        usable |= set(db.session.scalars(usable_query(type_, mode).with_only_columns(Question.id)
                                         .where(Question.id.in_(list(types)))))
    return usable


def check(question_ids: Iterable[int], mode: str = "exam") -> Check:
    """Which of the questions a paper of `mode` (加入试卷 makes exams) can take, the others by reason."""
    wanted = list(dict.fromkeys(question_ids))
    usable = _usable(_types(wanted), mode)
    found = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(wanted)))}
    refused: dict[str, list[int]] = {}
    for question_id in wanted:
        if question_id in usable:
            continue
        question = found.get(question_id)
        if question is None:
            reason = "已删除"
        elif question.status == "draft":
            reason = "草稿，未审核"
        elif question.status != "approved":
            reason = question.status_label
        elif question.stale:
            reason = "待复核"
        elif question.practice_only and mode == "exam":
            reason = "仅供练习（依据的条目尚未审核）"
        else:
            reason = "导入尚未完成"
        refused.setdefault(reason, []).append(question_id)
    return Check([q for q in wanted if q in usable], refused)


def add(paper: Paper, question_ids: Iterable[int]) -> Added:
    """Add questions to the paper's picked rules, each to the rule of its current type, in the order
    given; questions already in the paper stay once, ones the paper could not use are reported."""
    wanted = list(dict.fromkeys(question_ids))
    sections = sections_of(paper)
    present = {q for s in sections for q in s.question_ids}
    types = _types(wanted)
    usable = _usable(types, paper.mode)
    result = Added()
    for question_id in wanted:
        if question_id in present:
            result.present += 1
        elif question_id not in usable:
            result.unusable.append(question_id)
        else:
            sections = _with(sections, types[question_id], question_id)
            present.add(question_id)
            result.added += 1
    if sum(s.count for s in sections) > MAX_QUESTIONS:
        raise PaperError(f"一张试卷最多{MAX_QUESTIONS}道题。")
    _set(paper, sections)
    return result


def _set(paper: Paper, sections: Iterable[Section]) -> None:
    """Give the paper these rules; a pass mark still at the default share of the old total (one the
    trainer has not set) becomes that share of the new one, so it never exceeds a small total."""
    follows = paper.pass_score == default_pass_score(paper.total_points)
    paper.sections = [s.to_dict() for s in sections]
    if follows:
        paper.pass_score = default_pass_score(paper.total_points)
    db.session.flush()


def _with(sections: list[Section], type_: str, question_id: int) -> list[Section]:
    for number, section in enumerate(sections):
        if section.picked and section.type == type_:
            ids = (*section.question_ids, question_id)
            return [*sections[:number], replace(section, question_ids=ids, count=len(ids)), *sections[number + 1:]]
    points = next((s.points for s in sections if s.type == type_), DEFAULT_POINTS)
    return [*sections, Section(type_, 1, points, question_ids=(question_id,))]


def remove(paper: Paper, question_id: int) -> bool:
    """Take a question out of the paper's picked rules (a rule left empty goes); whether it was there."""
    sections: list[Section] = []
    found = False
    for section in sections_of(paper):
        if question_id in section.question_ids:
            found = True
            ids = tuple(q for q in section.question_ids if q != question_id)
            if ids:
                sections.append(replace(section, question_ids=ids, count=len(ids)))
            continue
        sections.append(section)
    _set(paper, sections)
    return found


def set_points(paper: Paper, type_: str, points: Decimal) -> None:
    """Each picked question of a type is worth `points`."""
    _set(paper, [replace(s, points=points) if s.picked and s.type == type_ else s for s in sections_of(paper)])


def picked_view(paper: Paper, missing: Iterable[int] = ()) -> list[dict]:
    """The paper's picked rules as the edit page lists them: the rule, its number, and its questions
    (id, type label, stem, status label, whether the paper can no longer use it)."""
    sections = sections_of(paper)
    ids = [q for s in sections for q in s.question_ids]
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))}
    gone = set(missing)
    rows = []
    for number, section in enumerate(sections, start=1):
        if not section.picked:
            continue
        items = []
        for question_id in section.question_ids:
            question = questions.get(question_id)
            version = question.current_version if question else None
            items.append({"id": question_id, "stem": version.stem if version else "（已删除）",
                          "status": question.status_label if question else "", "gone": question_id in gone})
        rows.append({"number": number, "section": section, "items": items})
    return rows
