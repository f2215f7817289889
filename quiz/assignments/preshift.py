"""The pre-shift quiz (班前会): five questions a team leader gets with one tap before the shift.

Composition (`compose`), from the questions practice may use (approved, or drafts allowed for
practice; landed, not stale) but those under seal for a member of the team (quiz.taking.seal: the
questions of an exam or contest still open to him):

1. up to HAZARD_SHARE hazard questions of the day's work site (a question generated from a
   hazard of that site: origin_ref is the site or a hazard id with the site's code), those on
   the team's weak articles or categories first;
2. then one question per article the team's recent hidden-danger findings violated (隐患排查,
   most often first, passed in by the caller), then per weak article of the team, weakest first;
3. then one per weak category, weakest first;
4. then more site hazards, then anything, until COUNT.

Weak spots are counted as the team dashboard counts them (quiz.results.dashboard: the graded
answers of the team's workers and team leader in exams, practice and 每日一练 over the last
WEEKS weeks): an article or category is weak when at least one of its answers was wrong, the
lowest correct rate first (more wrong answers first on a tie).

The quiz is a practice paper (feedback after each answer, one sitting) with its questions
fixed, open to the team until the end of the local day, plus an assignment due then — so
the leader's live view is the assignment's page.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, or_, select

from accounts.models import Team, User
from core import clock
from core.db import db
from corpus.hazards import SITE_CODES, SITES
from quiz.assignments.models import Assignment, AssignmentAudience
from quiz.assignments.service import AssignmentError, Target, assign_paper
from quiz.bank.browse import landed
from quiz.bank.models import Question, QuestionVersion
from quiz.generation.practice_drafts import practice_questions
from quiz.results.dashboard import ANSWER_MODES, MEMBER_ROLES
from quiz.taking import days
from quiz.taking.models import Attempt, AttemptItem, Paper, PaperAudience, PaperItem
from quiz.taking.papers import Section
from quiz.taking.seal import sealed_for_any

COUNT = 5
HAZARD_SHARE = 2
WEEKS = 8
MINUTES = 5
# Words in a unit's or team's name that tell its usual work sites (a guess to order the choices).
SITE_HINTS = {"综采": "综采工作面", "回采": "综采工作面", "掘进": "掘进工作面", "开拓": "掘进工作面", "爆破": "井下爆破",
              "运输": "主运输", "皮带": "主运输", "辅运": "辅助运输/斜巷", "机电": "井下供电", "供电": "井下供电",
              "通风": "通风/瓦斯", "瓦斯": "通风/瓦斯", "抽采": "通风/瓦斯", "提升": "提升", "地面": "地面/其他"}
REASONS = {"site": "作业场所危险源", "violation": "班组隐患违反的条文", "article": "班组薄弱条文",
           "category": "班组薄弱分类", "fill": "补充"}


@dataclass(frozen=True)
class Pick:
    """A question chosen and why (a key of REASONS)."""

    question_id: int
    version_id: int
    reason: str


@dataclass(frozen=True)
class Weak:
    """A weak article or category of the team: answers and right answers."""

    id: int
    answers: int
    right: int

    @property
    def key(self) -> tuple:
        return (self.right / self.answers, -(self.answers - self.right), self.id)


def team_sites(team: Team) -> list[str]:
    """The catalogue's work sites, those the team's unit and name suggest first."""
    names = f"{team.unit.name if team.unit else ''}{team.name}"
    hinted = [site for word, site in SITE_HINTS.items() if word in names]
    return list(dict.fromkeys(hinted + list(SITES)))


def weak_spots(team_ids: list[int], now: datetime, weeks: int = WEEKS) -> tuple[list[Weak], list[Weak]]:
    """The team's weak articles and weak categories, weakest first."""
    right = func.sum(case((AttemptItem.correct.is_(True), 1), else_=0))
    rows = db.session.execute(
        select(Question.article_id, Question.category_id, func.count(AttemptItem.id), right)
        .select_from(AttemptItem)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Question, Question.id == AttemptItem.question_id)
        .where(User.team_id.in_(team_ids), User.active.is_(True), User.role.in_(MEMBER_ROLES),
               Attempt.mode.in_(ANSWER_MODES), AttemptItem.correct.is_not(None),
               Attempt.started_at >= now - timedelta(weeks=weeks))
        .group_by(Question.article_id, Question.category_id)
    ).all()
    by_article: Counter = Counter()
    by_article_right: Counter = Counter()
    by_category: Counter = Counter()
    by_category_right: Counter = Counter()
    for article_id, category_id, n, ok in rows:
        if article_id is not None:
            by_article[article_id] += int(n)
            by_article_right[article_id] += int(ok or 0)
        if category_id is not None:
            by_category[category_id] += int(n)
            by_category_right[category_id] += int(ok or 0)

    def weak(total: Counter, ok: Counter) -> list[Weak]:
        return sorted((Weak(k, n, ok[k]) for k, n in total.items() if ok[k] < n), key=lambda w: w.key)

    return weak(by_article, by_article_right), weak(by_category, by_category_right)


def site_condition(site: str):
    code = SITE_CODES.get(site, "")
    return or_(Question.origin_ref == site, Question.origin_ref.like(f"HZ-{code}-%"))


def compose(team: Team, site: str, now: datetime, *, count: int = COUNT, rng: random.Random | None = None,
            violated: Sequence[int] = ()) -> list[Pick]:
    """The questions of the team's pre-shift quiz for `site` (see the module's rules); `violated` are
    the article ids the team's recent findings violated, most often first."""
    rng = rng or random.Random()
    allowed = practice_questions().with_only_columns(Question.id)
    members = db.session.scalars(select(User).where(User.team_id == team.id, User.active.is_(True),
                                                    User.role.in_(MEMBER_ROLES)))
    sealed = sealed_for_any(members, now)  # an exam still open to one of them keeps its questions out
    pool = [row for row in db.session.execute(
        select(Question.id, Question.current_version_id, Question.article_id, Question.category_id,
               site_condition(site).label("at_site"))
        .where(Question.id.in_(allowed), Question.stale.is_(False), landed(), Question.current_version_id.is_not(None))
        .order_by(Question.id)
    ) if row.id not in sealed]
    articles, categories = weak_spots([team.id], now)
    weak_articles = {w.id for w in articles} | set(violated)
    weak_categories = {w.id for w in categories}
    picks: list[Pick] = []
    taken: set[int] = set()

    def take(row, reason: str) -> None:
        picks.append(Pick(row.id, row.current_version_id, reason))
        taken.add(row.id)

    def shuffled(rows):
        rows = list(rows)
        rng.shuffle(rows)
        return rows

    at_site = shuffled(r for r in pool if r.at_site)
    at_site.sort(key=lambda r: (r.article_id not in weak_articles, r.category_id not in weak_categories))
    for row in at_site[:min(HAZARD_SHARE, count)]:
        take(row, "site")
    found = [Weak(article_id, 1, 0) for article_id in dict.fromkeys(violated)]
    for spots, field, reason in ((found, "article_id", "violation"), (articles, "article_id", "article"),
                                 (categories, "category_id", "category")):
        for spot in spots:
            if len(picks) >= count:
                break
            choices = [r for r in pool if getattr(r, field) == spot.id and r.id not in taken]
            if choices:
                take(rng.choice(choices), reason)
    for rows, reason in ((at_site, "site"), (shuffled(pool), "fill")):
        for row in rows:
            if len(picks) >= count:
                break
            if row.id not in taken:
                take(row, reason)
    return picks


def today_for(team: Team, now: datetime) -> list[Assignment]:
    """The team's pre-shift quizzes made today, newest first."""
    return list(db.session.scalars(
        select(Assignment).join(AssignmentAudience)
        .where(Assignment.kind == "preshift", AssignmentAudience.team_id == team.id,
               Assignment.created_at >= days.day_start(now))
        .order_by(Assignment.created_at.desc(), Assignment.id.desc())
    ))


def create(team: Team, site: str, *, by: User, now: datetime, count: int = COUNT,
           violated: Sequence[int] = ()) -> Assignment:
    """Today's pre-shift quiz of the team at `site` (the one made earlier today for that site, if any)."""
    if site not in SITE_CODES:
        raise AssignmentError("请选择作业场所。")
    existing = next((a for a in today_for(team, now) if a.site == site), None)
    if existing is not None:
        return existing
    picks = compose(team, site, now, count=count, violated=violated)
    if not picks:
        raise AssignmentError("题库中还没有可用于练习的题目。")
    end = days.day_end(now)
    types = dict(db.session.execute(select(QuestionVersion.id, QuestionVersion.type)
                                    .where(QuestionVersion.id.in_([p.version_id for p in picks]))).all())
    sections = [Section(t, n, Decimal(1)).to_dict() for t, n in Counter(types[p.version_id] for p in picks).items()]
    title = f"班前会 {clock.local_day(now):%m月%d日} · {team.name} · {site}"
    paper = Paper(
        title=title, description="班前会测验：本班组的薄弱条文和今天作业场所的危险源。", mode="practice",
        sections=sections, draw="fixed", multi_rule="half", pass_score=None, time_limit_minutes=MINUTES,
        max_attempts=1, opens_at=now, closes_at=end, shuffle_options=True, shuffle_questions=False,
        status="published", created_by_id=by.id, created_at=now, published_at=now,
        audience=[PaperAudience(team_id=team.id)],
        items=[PaperItem(position=n, question_id=p.question_id, version_id=p.version_id, points=Decimal(1))
               for n, p in enumerate(picks, start=1)],
    )
    db.session.add(paper)
    db.session.flush()
    return assign_paper(paper, Target(team_ids=(team.id,)), end, by=by, now=now, title=title, kind="preshift",
                        site=site)
