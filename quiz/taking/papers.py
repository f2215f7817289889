"""Composing papers by rules (组卷规则), assigning them, and finding what a worker may take.

A paper is a list of sections, each "N questions of this type, P points each", optionally
narrowed to categories, documents and difficulty levels (two sections of one type with
different difficulties give a difficulty mix), or a picked rule (指定题目) naming its questions:
each is drawn as it stands, no sampling, and no other rule draws it. A fixed paper is drawn once
when published (pinning the versions current then); a per-attempt paper is drawn anew for every
sitting (a picked question as it stands at that sitting). Only approved, non-stale questions
enter an exam; practice sets also use the drafts a trainer allowed for practice.
Functions flush; the caller commits.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import Select, func, select

from accounts.models import Team, User
from accounts.scopes import audience_reach
from core import clock
from core.db import db, utcnow
from corpus import jobs
from corpus.models import Article, Document
from quiz.bank.browse import descendant_ids, landed
from quiz.bank.browse import type_counts as type_counts_among
from quiz.bank.models import Question, QuestionVersion
from quiz.bank.types import KINDS
from quiz.bank.usable import exam_questions
from quiz.generation.practice_drafts import practice_questions
from quiz.taking.models import DRAWS, MULTI_RULES, Attempt, AttemptItem, Paper, PaperAudience, PaperItem
from quiz.taking.scoring import cents, points_text
from quiz.taking.standing import live

if TYPE_CHECKING:  # pools builds on this module (Section, usable_ids)
    from quiz.taking.pools import Pools

MAX_QUESTIONS = 300
# The share of the total the paper form's default pass mark stands for (80 of its default 100 points).
DEFAULT_PASS_SHARE = Decimal("0.8")


class PaperError(ValueError):
    """A paper that cannot be published or taken as it stands; the message is in Chinese."""


@dataclass(frozen=True)
class Section:
    """One rule of a paper: `count` questions of `type`, `points` each, from the given pools."""

    type: str
    count: int
    points: Decimal
    category_ids: tuple[int, ...] = ()
    document_ids: tuple[int, ...] = ()
    difficulties: tuple[int, ...] = ()
    question_ids: tuple[int, ...] = ()  # a picked rule (指定题目): exactly these, `count` of them
    # A published paper's picked rule: the version of each of question_ids when it was published, the one
    # a sitting asks once the question itself can no longer be used (retired, sent back, stale, retyped).
    version_ids: tuple[int, ...] = ()

    @property
    def picked(self) -> bool:
        return bool(self.question_ids)

    def to_dict(self) -> dict:
        data = {"type": self.type, "count": self.count, "points": points_text(self.points),
                "category_ids": list(self.category_ids), "document_ids": list(self.document_ids),
                "difficulties": list(self.difficulties)}
        if self.question_ids:
            data["question_ids"] = list(self.question_ids)
        if self.version_ids:
            data["version_ids"] = list(self.version_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Section:
        return cls(data["type"], int(data["count"]), Decimal(str(data["points"])),
                   tuple(data.get("category_ids") or ()), tuple(data.get("document_ids") or ()),
                   tuple(data.get("difficulties") or ()), tuple(data.get("question_ids") or ()),
                   tuple(data.get("version_ids") or ()))

    @property
    def label(self) -> str:
        kind = KINDS.get(self.type)
        return (f"{'指定题目 · ' if self.picked else ''}{kind.label if kind else self.type} {self.count}道"
                f" × {points_text(self.points)}分")


@dataclass(frozen=True)
class Drawn:
    """A question drawn for a sitting: which version, and what it is worth."""

    question_id: int
    version_id: int
    points: Decimal


def sections_of(paper: Paper) -> list[Section]:
    return [Section.from_dict(s) for s in paper.sections or ()]


def parse_points(text: str) -> Decimal:
    """A points value as typed ("2", "1.5"); positive, at most two decimals."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise PaperError(f"分值“{text}”不是数字。") from None
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise PaperError(f"分值应为正数，最多两位小数（“{text}”）。")
    return value


def problems(paper: Paper) -> list[str]:
    """Why the paper's settings cannot stand (empty when they can), in Chinese."""
    found: list[str] = []
    sections = sections_of(paper)
    if not sections:
        found.append("至少要有一条组卷规则。")
    for number, section in enumerate(sections, start=1):
        if section.type not in KINDS:
            found.append(f"第{number}条规则：未知题型。")
        if section.count < 1:
            found.append(f"第{number}条规则：题数至少为1。")
        if section.points <= 0:
            found.append(f"第{number}条规则：分值应大于0。")
        if section.picked and section.count != len(set(section.question_ids)):
            found.append(f"第{number}条规则：指定题目的题数与所列题目不符。")
    picked = [q for s in sections for q in s.question_ids]
    if len(picked) != len(set(picked)):
        found.append("同一道题被指定了两次。")
    if paper.question_count > MAX_QUESTIONS:
        found.append(f"一张试卷最多{MAX_QUESTIONS}道题。")
    if paper.mode == "exam" and paper.pass_score is None:
        found.append("考试须设及格分。")
    if paper.pass_score is not None and paper.pass_score > paper.total_points:
        found.append(f"及格分{points_text(paper.pass_score)}高于总分{points_text(paper.total_points)}。")
    if paper.opens_at and paper.closes_at and paper.closes_at <= paper.opens_at:
        found.append("结束时间应晚于开始时间。")
    if paper.time_limit_minutes is not None and paper.time_limit_minutes < 1:
        found.append("考试时长至少1分钟。")
    if paper.draw not in DRAWS or paper.multi_rule not in MULTI_RULES:
        found.append("组卷方式或多选题计分规则无效。")
    return found


def usable_ids(mode: str) -> Select:
    """The ids of the questions a paper of this mode may use: approved (or, for practice, allowed), not
    awaiting review (stale), landed."""
    base = exam_questions() if mode == "exam" else practice_questions()
    return base.with_only_columns(Question.id).where(Question.stale.is_(False), landed())


def usable_query(type_: str, mode: str) -> Select:
    """(question id, current version id) of every question of a type a paper of this mode may use
    (`usable_ids`), of that type now."""
    return (
        select(Question.id, Question.current_version_id)
        .join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
        .where(Question.id.in_(usable_ids(mode)), QuestionVersion.type == type_)
    )


def type_counts(mode: str) -> dict[str, int]:
    """How many questions of each kind a paper of this mode may use now (as usable_query counts them)."""
    base = exam_questions() if mode == "exam" else practice_questions()
    return type_counts_among(base.with_only_columns(Question.id).where(Question.stale.is_(False)))


def pool_query(section: Section, mode: str) -> Select:
    """(question id, current version id) of every question a section may draw."""
    query = usable_query(section.type, mode)
    if section.picked:
        return query.where(Question.id.in_(section.question_ids)).order_by(Question.id)
    if section.category_ids:
        wanted: set[int] = set()
        for category_id in section.category_ids:
            wanted |= descendant_ids(category_id)
        query = query.where(Question.category_id.in_(wanted))
    if section.document_ids:
        keys = select(Document.doc_key).where(Document.id.in_(section.document_ids))
        articles = select(Article.id).join(Document).where(Document.doc_key.in_(keys))
        query = query.where(Question.article_id.in_(articles))
    if section.difficulties:
        query = query.where(QuestionVersion.difficulty.in_(section.difficulties))
    return query.order_by(Question.id)


@dataclass(frozen=True)
class Shortfall:
    """A rule whose pool holds fewer questions than it asks for (after the rules before it drew), or
    a picked rule naming questions it can no longer use (`missing`)."""

    number: int  # the rule's position, from 1
    type: str
    wanted: int
    available: int
    mode: str
    missing: tuple[int, ...] = ()

    @property
    def message(self) -> str:
        kind = KINDS[self.type].label if self.type in KINDS else self.type
        if self.missing:
            return (f"第{self.number}条规则（指定{kind}）中有{len(self.missing)}道题已不能用"
                    f"（第{'、'.join(map(str, self.missing))}题：已停用、未审核、仅供练习、待复核或改了题型），请移除或换题。")
        return (f"第{self.number}条规则要{self.wanted}道{kind}，"
                f"符合条件的{'已审核' if self.mode == 'exam' else ''}题只有{self.available}道。")


def _pool(section: Section, mode: str, pools: Pools | None) -> list[tuple[int, int]]:
    """What `pool_query` selects for the section: from `pools` (read once for many papers) when given."""
    if pools is None:
        return [(q, v) for q, v in db.session.execute(pool_query(section, mode))]
    if pools.mode != mode:
        raise ValueError(f"pools read for {pools.mode} papers, asked for a {mode} paper")
    return pools.of(section)


def _draw(sections: Sequence[Section], mode: str, rng: random.Random, avoid: frozenset[int] = frozenset(),
          kept: Mapping[int, int] | None = None, without: frozenset[int] = frozenset(),
          pools: Pools | None = None) -> tuple[list[Drawn], list[int]]:
    """Questions for every section, no question twice, and how many each section could draw from
    (what its pool holds after the sections before it drew; a short section takes what there is).
    A picked rule takes its usable questions in its own order — one no longer usable in its `kept`
    version (a published paper's, kept_versions) when it has one; no filter rule draws a picked one,
    nor one of `avoid` while its pool holds enough others. `without`: questions counted as no longer
    usable (what retiring them would leave). `pools`: the pools read once for many papers (quiz.taking.pools)."""
    chosen: list[Drawn] = []
    sizes: list[int] = []
    kept = kept or {}
    taken: set[int] = {q for section in sections for q in section.question_ids}
    for section in sections:
        if section.picked:
            usable = {q: v for q, v in _pool(section, mode, pools) if q not in without}
            versions = {q: usable.get(q, kept.get(q)) for q in section.question_ids}
            sizes.append(sum(1 for v in versions.values() if v is not None))
            chosen.extend(Drawn(q, v, section.points) for q, v in versions.items() if v is not None)
            continue
        pool = [(q, v) for q, v in _pool(section, mode, pools) if q not in taken and q not in without]
        sizes.append(len(pool))
        fresh = [p for p in pool if p[0] not in avoid]
        drawn = rng.sample(fresh, min(section.count, len(fresh)))
        if len(drawn) < section.count and len(fresh) < len(pool):
            rest = [p for p in pool if p[0] in avoid]
            drawn += rng.sample(rest, min(section.count - len(drawn), len(rest)))
        for question_id, version_id in drawn:
            taken.add(question_id)
            chosen.append(Drawn(question_id, version_id, section.points))
    return chosen, sizes


def _short(sections: Sequence[Section], sizes: Sequence[int], mode: str,
           kept: Mapping[int, int] | None = None, pools: Pools | None = None) -> list[Shortfall]:
    return [Shortfall(number, s.type, s.count, size, mode, _missing(s, mode, kept, pools) if s.picked else ())
            for number, (s, size) in enumerate(zip(sections, sizes, strict=True), start=1) if size < s.count]


def _missing(section: Section, mode: str, kept: Mapping[int, int] | None = None,
             pools: Pools | None = None) -> tuple[int, ...]:
    """The questions a picked rule names that the paper can no longer use (nor has a kept version of)."""
    usable = {q for q, _v in _pool(section, mode, pools)} | set(kept or {})
    return tuple(q for q in section.question_ids if q not in usable)


def draw(sections: Sequence[Section], mode: str, rng: random.Random, avoid: frozenset[int] = frozenset(),
         kept: Mapping[int, int] | None = None) -> list[Drawn]:
    """Questions for every section, no question twice (nor one of `avoid` while a pool holds enough
    others; a picked one no longer usable in its `kept` version); PaperError when a pool is too small."""
    chosen, sizes = _draw(sections, mode, rng, avoid, kept)
    if short := _short(sections, sizes, mode, kept):
        raise PaperError("".join(s.message for s in short))
    return chosen


def available(sections: Sequence[Section], mode: str, kept: Mapping[int, int] | None = None,
              without: frozenset[int] = frozenset(), pools: Pools | None = None) -> list[int]:
    """How many questions each rule can draw from, after the rules before it: the seeded draw
    publish checks a per-attempt paper with (so a page shows the same answer every time)."""
    return _draw(sections, mode, random.Random(0), kept=kept, without=without, pools=pools)[1]


def kept_versions(paper: Paper) -> dict[int, int]:
    """question id -> the version a sitting of this published paper asks of a picked question it can no
    longer use: the version stored when it was published, else (a paper published before those were
    stored) the one its latest sitting asked, else the question's current one if still of the rule's type.
    A paper under way keeps working for its workers; a draft has none (publishing refuses such a question)."""
    if paper.status != "published":
        return {}
    kept: dict[int, int] = {}
    loose: dict[int, str] = {}
    for section in sections_of(paper):
        if not section.picked:
            continue
        if len(section.version_ids) == len(section.question_ids):
            kept.update(zip(section.question_ids, section.version_ids, strict=True))
        else:
            loose.update(dict.fromkeys(section.question_ids, section.type))
    if loose and paper.id is not None:
        for question_id, version_id in db.session.execute(
                select(AttemptItem.question_id, AttemptItem.version_id).join(Attempt)
                .where(Attempt.paper_id == paper.id, AttemptItem.question_id.in_(list(loose)))
                .order_by(Attempt.started_at, Attempt.id)):
            kept[question_id] = version_id  # the latest sitting's, by order
        for question_id, version_id, type_ in db.session.execute(
                select(Question.id, QuestionVersion.id, QuestionVersion.type)
                .join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
                .where(Question.id.in_([q for q in loose if q not in kept]))):
            if type_ == loose[question_id]:
                kept[question_id] = version_id
    return kept


def practice_only_held(candidates: Iterable[Paper]) -> list[tuple[Paper, list[int]]]:
    """The published exams among `candidates` holding practice-only questions (仅供练习: quiz.bank.usable), with
    their ids: a fixed paper's drawn questions and the questions of picked rules. Published before exams left such
    questions out, they keep them as published (kept_versions; nothing changes behind the trainer's back): the
    bank lists them so that a trainer may stop one and compose it again."""
    exams = [p for p in candidates if p.mode == "exam" and p.status == "published" and p.id is not None]
    if not exams:
        return []
    held: dict[int, set[int]] = {p.id: {q for s in sections_of(p) for q in s.question_ids} for p in exams}
    picked = sorted({q for ids in held.values() for q in ids})
    only: set[int] = set()
    # One statement: the practice-only questions picked by a rule, or drawn into one of these papers' items.
    for question_id, paper_id in db.session.execute(
            select(Question.id, PaperItem.paper_id)
            .outerjoin(PaperItem, (PaperItem.question_id == Question.id) & PaperItem.paper_id.in_(list(held)))
            .where(Question.practice_only.is_(True), Question.id.in_(picked) | PaperItem.id.is_not(None))):
        only.add(question_id)
        if paper_id is not None:
            held[paper_id].add(question_id)
    return [(p, sorted(held[p.id] & only)) for p in exams if held[p.id] & only]


def shortfalls(paper: Paper, without: frozenset[int] = frozenset(), pools: Pools | None = None) -> list[Shortfall]:
    """The rules publishing would refuse for too few questions (by `available`); for a published
    paper, the rules a sitting would find short (its picked questions keep their kept versions).
    `without`: as if these questions could no longer be used. `pools`: read once for many papers of
    the paper's mode (quiz.taking.pools), so checking each costs no query."""
    sections = sections_of(paper)
    kept = kept_versions(paper)
    return _short(sections, available(sections, paper.mode, kept, without, pools), paper.mode, kept, pools)


def _pin_picked(paper: Paper) -> None:
    """Store on each picked rule the current version of its questions (kept_versions reads them)."""
    ids = [q for s in sections_of(paper) for q in s.question_ids]
    if not ids:
        return
    current = dict(db.session.execute(select(Question.id, Question.current_version_id).where(Question.id.in_(ids))).all())
    paper.sections = [(replace(s, version_ids=tuple(current[q] for q in s.question_ids)) if s.picked else s).to_dict()
                      for s in sections_of(paper)]


def publish(paper: Paper, *, now: datetime | None = None, by: User | None = None) -> None:
    """Check the paper, draw a fixed paper's questions, and open it to its audience (which must be
    within the scope of `by`, the trainer publishing it, when given). Only a draft is published: a stopped
    paper stays stopped (its exam is over and its keys out, quiz.taking.standing — a new exam is a new
    paper), and a published one is not drawn again under the workers sitting it."""
    if paper.status == "archived":
        raise PaperError("试卷已停用，不能再发布；如需再考，请新建试卷。")
    if paper.status == "published":
        raise PaperError("试卷已发布。")
    found = problems(paper)
    if by is not None and (outside := audience_problem(paper, by)):
        found.append(outside)
    if found:
        raise PaperError("".join(found))
    if paper.draw == "fixed":
        drawn = draw(sections_of(paper), paper.mode, random.Random())
        paper.items.clear()
        db.session.flush()
        paper.items.extend(
            PaperItem(position=n, question_id=d.question_id, version_id=d.version_id, points=d.points)
            for n, d in enumerate(drawn, start=1)
        )
    elif short := shortfalls(paper):  # fail now, not when the first worker starts, if a pool is too small
        raise PaperError("".join(s.message for s in short))
    _pin_picked(paper)
    paper.status = "published"
    paper.published_at = now or utcnow()
    db.session.flush()


def archive(paper: Paper, now: datetime) -> None:
    """Stop the paper (停用): nobody may start it any more; sittings in progress go on. Features built on
    quiz.taking (a contest cancelled with its paper) hear of it through the hooks they register in
    app.extensions["paper_stopped"]: (paper, now) -> None."""
    paper.status = "archived"
    for heard in current_app.extensions.get("paper_stopped", ()):
        heard(paper, now)
    db.session.flush()


def sitting_deadline(paper: Paper, started_at: datetime) -> datetime | None:
    """When a sitting of the paper started at `started_at` ends: an exam's time limit, cut short by the
    paper's closing time (None: neither)."""
    deadline = None
    if paper.mode == "exam" and paper.time_limit_minutes:
        deadline = started_at + timedelta(minutes=paper.time_limit_minutes)
    if paper.closes_at and (deadline is None or paper.closes_at < deadline):
        deadline = paper.closes_at
    return deadline


def follow_closing(paper: Paper, before: datetime | None, now: datetime) -> int:
    """The sittings still in progress follow the paper's closing time, moved from `before` to
    `paper.closes_at` (a trainer's edit, a contest's new end): moved earlier, each ends by the new closing
    time if not before it; moved later (or removed), each gets its own time limit back, capped by the new
    closing time — never less time than it had. A sitting past its deadline stays over. Returns how many
    sittings were shortened (the trainer is told)."""
    after = paper.closes_at
    if after == before:
        return 0
    earlier = after is not None and (before is None or after < before)
    shortened = 0
    for attempt in db.session.scalars(select(Attempt).where(Attempt.paper_id == paper.id, live(now))):
        old = attempt.deadline
        if earlier:
            new = after if old is None or after < old else old
        else:
            own = sitting_deadline(paper, attempt.started_at)
            new = None if old is None or own is None else max(old, own)
        if new != old:
            attempt.deadline = new
            shortened += old is None or (new is not None and new < old)
    db.session.flush()
    return shortened


def sitting_counts(paper_id: int) -> tuple[int, int]:
    """(in progress, handed in): the paper's sittings, for a stop or cancel confirmation."""
    counts = dict(db.session.execute(select(Attempt.status, func.count()).where(
        Attempt.paper_id == paper_id).group_by(Attempt.status)).all())  # PostgreSQL groups by a column, not a bound test
    open_now = counts.pop("open", 0)
    return open_now, sum(counts.values())


def set_audience(paper: Paper, team_ids: Iterable[int] = (), unit_ids: Iterable[int] = (),
                 job_names: Iterable[str] = ()) -> None:
    """Replace who may take the paper. Nobody named means every worker of the mine; a 工种 is stored under
    its canonical name (corpus.jobs.stored: 带式输送机司机 → 输送机司机), an unknown one as typed."""
    paper.audience.clear()
    paper.audience.extend(PaperAudience(team_id=t) for t in sorted(set(team_ids)))
    paper.audience.extend(PaperAudience(unit_id=u) for u in sorted(set(unit_ids)))
    paper.audience.extend(PaperAudience(job=j) for j in sorted(jobs.stored(job_names)))
    db.session.flush()


def audience_problem(paper: Paper, by: User) -> str | None:
    """Why `by` may not open the paper to its audience, or None: the audience must lie within the
    trainer's scope exactly as an assignment's does (accounts.scopes.audience_reach)."""
    reach = audience_reach(by)
    if reach.covers([a.team_id for a in paper.audience if a.team_id], [a.unit_id for a in paper.audience if a.unit_id],
                    [a.job for a in paper.audience if a.job]):
        return None
    if not paper.audience:
        return "请选择参加范围：全矿职工都可参加的试卷只能由管理员发布。"
    return "参加范围只能是您管理范围内的班组或区队" + ("。" if reach.mine_wide else "（按工种全矿开放只能由管理员设置）。")


def in_audience(paper: Paper, user: User) -> bool:
    """Whether the paper is assigned to this person (by team, unit or job, or to everyone)."""
    if not paper.audience:
        return True
    unit_id = user.team.unit_id if user.team else None
    return any(
        (a.team_id is not None and a.team_id == user.team_id)
        or (a.unit_id is not None and a.unit_id == unit_id)
        or (a.job is not None and jobs.same(a.job, user.job))
        for a in paper.audience
    )


def audience_label(paper: Paper) -> str:
    """"综采一队 · 回收班、掘进二队、爆破工" — or 全矿 when assigned to everyone."""
    if not paper.audience:
        return "全矿"
    names: list[str] = []
    for entry in paper.audience:
        if entry.team_id:
            team = db.session.get(Team, entry.team_id)
            names.append(team.full_name if team else f"班组{entry.team_id}")
        elif entry.unit_id:
            from accounts.models import WorkUnit

            unit = db.session.get(WorkUnit, entry.unit_id)
            names.append(unit.name if unit else f"区队{entry.unit_id}")
        elif entry.job:
            names.append(entry.job)
    return "、".join(names)


def logged_fields(paper: Paper) -> list[tuple[str, str]]:
    """(label, value) of what the paper form sets, as the 操作日志 writes a change (before → after):
    times local to the minute, the rules by their labels, the audience by its names."""
    return [
        ("标题", paper.title),
        ("类型", paper.mode_label),
        ("开始时间", clock.shown(paper.opens_at)),
        ("结束时间", clock.shown(paper.closes_at)),
        ("参加范围", audience_label(paper)),
        ("及格分", points_text(paper.pass_score) if paper.pass_score is not None else ""),
        ("时长", f"{paper.time_limit_minutes}分钟" if paper.time_limit_minutes else "不限"),
        ("允许次数", str(paper.max_attempts) if paper.max_attempts else "不限"),
        ("抽题", DRAWS.get(paper.draw, paper.draw)),
        ("多选题计分", MULTI_RULES.get(paper.multi_rule, paper.multi_rule)),
        ("选项乱序", "是" if paper.shuffle_options else "否"),
        ("题目乱序", "是" if paper.shuffle_questions else "否"),
        ("组卷规则", "；".join(s.label for s in sections_of(paper))),
        ("说明", description if len(description := (paper.description or "").strip()) <= 60 else description[:59] + "…"),
    ]


def window_problem(paper: Paper, now: datetime) -> str | None:
    """Why the paper cannot be started at `now` (not yet open, closed), or None."""
    if paper.status != "published":
        return "尚未发布" if paper.status == "draft" else "已停用"
    if paper.opens_at and now < paper.opens_at:
        return f"{clock.local(paper.opens_at):%m-%d %H:%M} 开始"
    if paper.closes_at and now >= paper.closes_at:
        return "已结束"
    return None


def published_for(user: User) -> list[Paper]:
    """Published papers assigned to this person, newest first."""
    papers = db.session.scalars(
        select(Paper).where(Paper.status == "published").order_by(Paper.published_at.desc(), Paper.id.desc())
    )
    return [p for p in papers if in_audience(p, user)]


def default_pass_score(total: Decimal) -> Decimal:
    """The pass mark a paper of this total starts with: DEFAULT_PASS_SHARE of it, to the cent."""
    return cents(total * DEFAULT_PASS_SHARE)


NO_PASS_LINE = "及格分留空则练习不设及格线，不判合格与否"


def pass_share_text(pass_score: Decimal | None, total: Decimal, mode: str = "exam") -> str:
    """The pass mark as points and as a share of the total, as the paper form shows it beside the field
    (a practice without one has no pass line: its sittings are never 合格 or 不合格)."""
    text = f"总分{points_text(total)}分"
    if pass_score is None:
        return f"{text}；{NO_PASS_LINE}" if mode != "exam" else text
    text += f"，及格分{points_text(pass_score)}分"
    if total > 0:
        share = (pass_score * 100 / total).quantize(Decimal("0.1"))
        text += f"，占总分的{share.normalize():f}%"
    return text
