"""Team (班组) and unit (区队) dashboards: participation, scores, trends, weak spots, party members.

Who counts: the active workers and team leaders who belong to the team now (trainers and
admins attached to a team for their scope do not). What counts:

- *sitting figures* (participation, average, pass rate, trend, distribution, per worker) use the
  closed attempts (submitted or closed at the deadline) started in the period of the modes the
  period counts (Period.modes: exams only, 「仅考试」, or with practice sets and 每日一练, 「含练习」);
  the average is the mean of each attempt's score as a percentage of its maximum, the pass rate
  is passed attempts over the closed attempts that had a pass line (a practice has none);
  participation counts who closed such an attempt and, with practice, who practised;
- *practice* (who practised, 练习 N 次 per worker) counts the practice sets and 每日一练 started
  in the period with at least one graded answer: the sittings whose answers feed the weak spots;
- *weak spots* (by category, cited document and chapter 章 of the cited article) use every graded answer of exams, practice sets and 每日一练 started in the
  period (wrong-answer reviews are left out: they re-ask known weak questions on purpose); an
  exam question left blank counts as wrong (the pages mark them 「含练习」). A hazard question
  (危险源辨识: a hazard kind, or made by a hazard generator) counts in its category split by what
  it asks (分类 · 事故类型辨识, · 管控措施 …, the answered version's kind), and one that cites no
  article counts under the hazard catalogue (危险源辨识清单) as its document and the hazard's
  site (from its HZ-… id) as its chapter.

Attempts are read as light rows (a team has hundreds, a mine a few thousand); answers are
only ever counted in the database (GROUP BY), never loaded one by one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import and_, case, func, select

from accounts.models import Team, User, WorkUnit
from core import clock
from core.auth import MEMBER_ROLES
from core.db import db
from corpus.hazards import CATALOGUE_TITLE, SITE_CODES
from corpus.models import Article, Document
from quiz.bank.models import Category, Question, QuestionVersion
from quiz.bank.types import KINDS
from quiz.generation.chapters import Chapter, chapter_path
from quiz.results.figures import mean_percent, percent, score_percent
from quiz.results.period import PRACTICE_MODES, Period, week_of
from quiz.taking.models import Attempt, AttemptItem

ANSWER_MODES = ("exam", *PRACTICE_MODES)
BANDS = tuple(f"{low}-{low + 9}" if low < 90 else "90-100" for low in range(0, 100, 10))
NO_CATEGORY = "未分类"
NO_DOCUMENT = "未注明出处"
NO_CHAPTER = "（不分章）"
HAZARD_KIND_PREFIX = "hazard_"  # the hazard-identification kinds (quiz.bank.types)
HAZARD_GENERATOR_PREFIX = "hazard."
CATALOGUE = "catalogue"  # the document key of hazard questions that cite no article
HAZARD_ID = re.compile(r"^HZ-([A-Z]{2})-\d+$")
HAZARD_REF_SPLIT = re.compile(r"[、，,;；\s]+")  # a scene names several hazards
SITE_OF_CODE = {code: site for site, code in SITE_CODES.items()}


# ---------------------------------------------------------------- what a dashboard holds


@dataclass(frozen=True)
class Summary:
    """Headline figures of a group of people over a period (percentages to 0.1)."""

    members: int
    participants: int  # members with at least one closed sitting counted (with practice: or who practised)
    participation: float | None
    exams: int  # closed sittings counted (exams; with practice, practice sittings too)
    average: float | None  # mean score, % of the maximum
    passed: int
    pass_rate: float | None  # passed over the sittings that had a pass line
    graded: int  # sittings that had a pass line
    practising: int  # members who practised (any graded practice answer), exams or not


@dataclass(frozen=True)
class Week:
    start: str  # the Monday, YYYY-MM-DD
    exams: int
    average: float | None
    pass_rate: float | None


@dataclass(frozen=True)
class Spot:
    """A category, document or chapter: how many answers and how many right.

    A chapter's id is "document id:chapter path" ("12:第三编 井工煤矿 / 第四章 通风": with its 编, as the
    library and the generate form name it; "12:" for a document without chapters)."""

    id: int | str | None
    label: str
    answers: int
    correct: int
    rate: float | None  # % right


@dataclass(frozen=True)
class WorkerRow:
    id: int
    username: str
    name: str
    party_member: bool
    exams: int
    passed: int
    average: float | None
    best: float | None
    last_at: datetime | None  # the last exam
    practices: int  # practice sets and 每日一练 with a graded answer


@dataclass(frozen=True)
class Group:
    """Party members, or the rest, of a team."""

    label: str
    summary: Summary
    answers: int
    correct: int
    rate: float | None


@dataclass(frozen=True)
class TeamColumn:
    """One team of a unit, for the side-by-side comparison: its sitting figures, and its answers' correct
    rate with practice (so weeks of practice only still compare)."""

    id: int
    name: str
    summary: Summary
    answers: int
    correct: int
    rate: float | None


@dataclass(frozen=True)
class Dashboard:
    """Everything a team or unit page shows; `teams` and `heatmap` only for a unit,
    `workers` and `party` only for a team."""

    summary: Summary
    trend: list[Week]
    distribution: list[int]  # attempts per 10-point band, BANDS
    categories: list[Spot]
    documents: list[Spot]
    chapters: list[Spot] = field(default_factory=list)
    workers: list[WorkerRow] = field(default_factory=list)
    party: list[Group] = field(default_factory=list)
    teams: list[TeamColumn] = field(default_factory=list)
    heatmap: dict = field(default_factory=dict)  # {"teams": [...], "categories": [...], "cells": [[x, y, rate]]}


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Member:
    id: int
    username: str
    name: str
    team_id: int
    party_member: bool


@dataclass(frozen=True)
class ExamRow:
    """One closed attempt of a member (an exam, or with practice counted a practice sitting)."""

    id: int
    user_id: int
    paper_id: int | None
    started_at: datetime
    score: Decimal
    max_score: Decimal
    passed: bool | None

    @property
    def percent(self) -> Fraction:
        return score_percent(self.score, self.max_score)


def member_filter(team_ids: list[int]):
    """The people who count for these teams: active, and workers or 班组长 (not staff placed in a team)."""
    return and_(User.team_id.in_(team_ids), User.active.is_(True), User.role.in_(MEMBER_ROLES))


def members(team_ids: list[int]) -> list[Member]:
    """The people who count for these teams, by 工号."""
    rows = db.session.execute(
        select(User.id, User.username, User.name, User.team_id, User.party_member)
        .where(member_filter(team_ids)).order_by(User.username)
    )
    return [Member(r.id, r.username, r.name, r.team_id, bool(r.party_member)) for r in rows]


def exam_rows(user_ids: list[int], period: Period) -> list[ExamRow]:
    """The closed attempts of the period's modes these people started in the period, oldest first."""
    if not user_ids:
        return []
    rows = db.session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.paper_id, Attempt.started_at, Attempt.score, Attempt.max_score,
               Attempt.passed)
        .where(Attempt.user_id.in_(user_ids), Attempt.mode.in_(period.modes), Attempt.status != "open",
               Attempt.score.is_not(None), Attempt.max_score > 0,
               Attempt.started_at >= period.since, Attempt.started_at < period.until)
        .order_by(Attempt.started_at, Attempt.id)
    )
    return [ExamRow(r.id, r.user_id, r.paper_id, r.started_at, Decimal(r.score), Decimal(r.max_score), r.passed)
            for r in rows]


def practice_counts(user_ids: list[int], period: Period) -> dict[int, int]:
    """{user id: practice sittings} for these people: practice sets and 每日一练 started in the
    period with at least one graded answer (the sittings counted in the weak spots)."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(Attempt.user_id, func.count(func.distinct(Attempt.id)))
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.user_id.in_(user_ids), Attempt.mode.in_(PRACTICE_MODES), AttemptItem.correct.is_not(None),
               Attempt.started_at >= period.since, Attempt.started_at < period.until)
        .group_by(Attempt.user_id)
    )
    return {user_id: int(n) for user_id, n in rows}


def _answer_counts(team_ids: list[int], period: Period, *keys, category_at: int, document_at: int,
                   path_at: int) -> list[tuple]:
    """Graded answers of the teams' members in the period, counted per `keys` (GROUP BY), the category,
    document and article path at these places made hazard-aware (hazard_sources)."""
    right = func.sum(case((AttemptItem.correct.is_(True), 1), else_=0))
    hazard_keys = (QuestionVersion.type, Question.generator, Question.origin_ref)
    rows = db.session.execute(
        select(*keys, *hazard_keys, func.count(AttemptItem.id), right)
        .select_from(AttemptItem)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Question, Question.id == AttemptItem.question_id)
        .join(QuestionVersion, QuestionVersion.id == AttemptItem.version_id)
        .outerjoin(Article, Article.id == Question.article_id)
        .where(member_filter(team_ids), Attempt.mode.in_(ANSWER_MODES), AttemptItem.correct.is_not(None),
               Attempt.started_at >= period.since, Attempt.started_at < period.until)
        .group_by(*keys, *hazard_keys)
    ).all()
    return hazard_sources(rows, category_at, document_at, path_at)


def hazard_kind(type_code: str | None, generator: str | None) -> str | None:
    """What a hazard question asks (a hazard kind's code), None for any other question: the answered
    version's kind, or for a hazard generator's question of a plain kind, the generator's own kind."""
    if type_code and type_code.startswith(HAZARD_KIND_PREFIX):
        return type_code
    if generator and generator.startswith(HAZARD_GENERATOR_PREFIX):
        code = HAZARD_KIND_PREFIX + generator[len(HAZARD_GENERATOR_PREFIX):]
        return code if code in KINDS else "hazard"
    return None


def hazard_site(origin_ref: str | None) -> str:
    """The catalogue site a hazard question was built from: its hazard ids' site codes (HZ-ZC-001 →
    综采工作面; a scene's "HZ-TF-001、HZ-TF-006" → 通风/瓦斯, several sites joined by 、) or the site
    it names; "" when it names neither."""
    ref = (origin_ref or "").strip()
    if ref in SITE_CODES:
        return ref
    sites: list[str] = []
    for part in HAZARD_REF_SPLIT.split(ref):
        match = HAZARD_ID.match(part.strip())
        site = SITE_OF_CODE.get(match.group(1), "") if match else ""
        if site and site not in sites:
            sites.append(site)
    return "、".join(sites)


def hazard_sources(rows, category_at: int, document_at: int, path_at: int) -> list[tuple]:
    """Rows ending in (kind, generator, origin ref, answers, right) as rows ending in (answers, right):
    a hazard question's category becomes "category id:kind", and when it cites no article its document
    is the catalogue and its path the hazard's site."""
    result = []
    for row in rows:
        values = list(row[:-5])
        kind = hazard_kind(row[-5], row[-4])
        if kind is not None:
            values[category_at] = f"{values[category_at]}:{kind}"
            if values[document_at] is None:
                values[document_at], values[path_at] = CATALOGUE, hazard_site(row[-3])
        result.append((*values, row[-2], row[-1]))
    return result


# ---------------------------------------------------------------- figures


def summarize(people: list[Member], rows: list[ExamRow], practices: dict[int, int],
              with_practice: bool = False) -> Summary:
    """Participation, average and pass rate of `people` from their sitting rows; who practised from
    their practice counts (who also take part when practice counts)."""
    ids = {p.id for p in people}
    mine = [r for r in rows if r.user_id in ids]
    practising = {i for i in ids if practices.get(i)}
    sat = {r.user_id for r in mine} | (practising if with_practice else set())
    graded = [r for r in mine if r.passed is not None]
    passed = sum(1 for r in graded if r.passed)
    return Summary(
        members=len(ids), participants=len(sat), participation=percent(len(sat), len(ids)), exams=len(mine),
        average=mean_percent(r.percent for r in mine), passed=passed, pass_rate=percent(passed, len(graded)),
        graded=len(graded), practising=len(practising),
    )


def weekly(rows: list[ExamRow], period: Period) -> list[Week]:
    """Per local week of the period: attempts, mean score and pass rate (of those with a pass line)."""
    by_week: dict = defaultdict(list)
    for row in rows:
        by_week[week_of(clock.local_day(row.started_at))].append(row)
    weeks = []
    for monday in period.weeks:
        graded = [r for r in by_week[monday] if r.passed is not None]
        weeks.append(Week(monday.isoformat(), len(by_week[monday]), mean_percent(r.percent for r in by_week[monday]),
                          percent(sum(1 for r in graded if r.passed), len(graded))))
    return weeks


def distribution(rows: list[ExamRow]) -> list[int]:
    """Attempts per 10-point band of the score percentage (100% falls in the top band)."""
    counts = [0] * len(BANDS)
    for row in rows:
        counts[min(9, int(row.percent // 10))] += 1
    return counts


def _spots(counts: dict, labels: dict, missing: str) -> list[Spot]:
    spots = [Spot(key, labels.get(key, missing), n, right, percent(right, n)) for key, (n, right) in counts.items()]
    return sorted(spots, key=lambda s: (s.rate if s.rate is not None else 101, -s.answers, s.label))


def _sum_by(rows, index: int) -> dict:
    """{row[index]: (answers, right)} from rows ending in (answers, right)."""
    sums: dict = {}
    for row in rows:
        n, right = sums.get(row[index], (0, 0))
        sums[row[index]] = (n + int(row[-2]), right + int(row[-1] or 0))
    return sums


def category_labels() -> dict[int | None, str]:
    """Every category's full path (分类 / 子类); None is 未分类."""
    categories = list(db.session.scalars(select(Category)))
    by_id = {c.id: c for c in categories}

    def path(c: Category) -> str:
        names = [c.name]
        while c.parent_id is not None and c.parent_id in by_id:
            c = by_id[c.parent_id]
            names.append(c.name)
        return " / ".join(reversed(names))

    labels: dict[int | None, str] = {c.id: path(c) for c in categories}
    labels[None] = NO_CATEGORY
    return labels


def hazard_category_labels(keys) -> dict[str, str]:
    """Labels of the "category id:kind" keys of hazard questions: 危险源辨识 · 事故类型辨识."""
    labels = category_labels()
    found = {}
    for key in keys:
        if isinstance(key, str):
            category, kind = key.split(":", 1)
            asks = KINDS[kind].label if kind in KINDS else "其他"
            found[key] = f"{labels.get(int(category) if category != 'None' else None, NO_CATEGORY)} · {asks}"
    return found


def document_labels(ids) -> dict[int | str | None, str]:
    """The titles of these documents; None is 未注明出处, the catalogue 危险源辨识清单."""
    ids = [i for i in ids if isinstance(i, int)]
    labels: dict[int | str | None, str] = {None: NO_DOCUMENT, CATALOGUE: CATALOGUE_TITLE}
    if ids:
        labels.update({doc_id: title for doc_id, title in
                       db.session.execute(select(Document.id, Document.title).where(Document.id.in_(ids)))})
    return labels


def weak_spots(rows, category_at: int, document_at: int,
               path_at: int | None = None) -> tuple[list[Spot], list[Spot], list[Spot]]:
    """Correct rates per category, per cited document (through the question's article) and per chapter
    of the cited article, weakest first, from answer counts whose rows hold the category id, the
    document id and the article's heading path at these places (no chapters without `path_at`)."""
    by_document = _sum_by(rows, document_at)
    titles = document_labels(by_document)
    chapters: dict = {}
    if path_at is not None:
        for row in rows:
            document = row[document_at]
            chapter = (row[path_at] or "") if document == CATALOGUE else chapter_path(row[path_at] or "")
            key = f"{document}:{chapter}" if document is not None else None
            n, right = chapters.get(key, (0, 0))
            chapters[key] = (n + int(row[-2]), right + int(row[-1] or 0))
    chapter_labels: dict = {None: NO_DOCUMENT}
    for key in chapters:
        if key is not None:
            document, chapter = key.split(":", 1)
            title = titles.get(int(document) if document.isdigit() else document, document)
            chapter_labels[key] = Chapter(title, chapter or NO_CHAPTER).value
    by_category = _sum_by(rows, category_at)
    return (_spots(by_category, {**category_labels(), **hazard_category_labels(by_category)}, NO_CATEGORY),
            _spots(by_document, titles, NO_DOCUMENT), _spots(chapters, chapter_labels, NO_DOCUMENT))


def worker_rows(people: list[Member], rows: list[ExamRow], practices: dict[int, int]) -> list[WorkerRow]:
    """Each member's exams and practice sittings in the period; those who sat no exam first (who
    did not practise either before who did), then the weakest average."""
    by_user: dict[int, list[ExamRow]] = defaultdict(list)
    for row in rows:
        by_user[row.user_id].append(row)
    result = []
    for person in people:
        mine = by_user.get(person.id, [])
        best = max((r.percent for r in mine), default=None)
        result.append(WorkerRow(
            person.id, person.username, person.name, person.party_member, len(mine), sum(1 for r in mine if r.passed),
            mean_percent(r.percent for r in mine), mean_percent([best]) if best is not None else None,
            max((r.started_at for r in mine), default=None), practices.get(person.id, 0),
        ))
    return sorted(result, key=lambda w: (w.exams > 0, w.exams > 0 or w.practices > 0,
                                         w.average if w.average is not None else 0, w.username))


def party_groups(people: list[Member], rows: list[ExamRow], practices: dict[int, int],
                 answers: dict, with_practice: bool = False) -> list[Group]:
    """党员 against 群众 of one team (answers: {party member?: (answers, right)}); empty unless the
    team records both."""
    members_of = {True: [p for p in people if p.party_member], False: [p for p in people if not p.party_member]}
    if not members_of[True] or not members_of[False]:
        return []
    groups = []
    for flag, label in ((True, "党员"), (False, "其他职工")):
        n, right = answers.get(flag, (0, 0))
        groups.append(Group(label, summarize(members_of[flag], rows, practices, with_practice), n, right, percent(right, n)))
    return groups


def heatmap(teams: list[Team], by_team_category: dict, categories: list[Spot]) -> dict:
    """Correct rate per team × category as ECharts heatmap cells [category index, team index, rate, answers]."""
    order = {c.id: x for x, c in enumerate(categories)}
    team_index = {t.id: y for y, t in enumerate(teams)}
    cells = [[order[category_id], team_index[team_id], percent(right, n), n]
             for (team_id, category_id), (n, right) in by_team_category.items()
             if category_id in order and team_id in team_index]
    return {"teams": [t.name for t in teams], "categories": [c.label for c in categories], "cells": sorted(cells)}


# ---------------------------------------------------------------- the two pages


def team_dashboard(team: Team, period: Period) -> Dashboard:
    """A team's page: headline figures, trend, distribution, weak spots, workers, party members."""
    people = members([team.id])
    rows = exam_rows([p.id for p in people], period)
    practices = practice_counts([p.id for p in people], period)
    # one pass over the team's answers: (category, document, article path, party member?, answers, right)
    answers = _answer_counts([team.id], period, Question.category_id, Article.document_id, Article.path,
                             User.party_member, category_at=0, document_at=1, path_at=2)
    categories, documents, chapters = weak_spots(answers, 0, 1, 2)
    party = {bool(flag): counts for flag, counts in _sum_by(answers, 3).items()}
    return Dashboard(
        summary=summarize(people, rows, practices, period.practice), trend=weekly(rows, period),
        distribution=distribution(rows), categories=categories, documents=documents, chapters=chapters,
        workers=worker_rows(people, rows, practices),
        party=party_groups(people, rows, practices, party, period.practice),
    )


def unit_dashboard(unit: WorkUnit, teams: list[Team], period: Period) -> Dashboard:
    """A unit's page: the unit's figures, its teams side by side and a teams × categories heatmap."""
    team_ids = [t.id for t in teams]
    people = members(team_ids) if team_ids else []
    rows = exam_rows([p.id for p in people], period)
    practices = practice_counts([p.id for p in people], period)
    # one pass over the unit's answers: (team, category, document, article path, answers, right)
    answers = _answer_counts(team_ids, period, User.team_id, Question.category_id, Article.document_id,
                             Article.path, category_at=1, document_at=2, path_at=3) if team_ids else []
    categories, documents, chapters = weak_spots(answers, 1, 2, 3)
    by_team_category: dict = {}
    for team_id, category_id, _document_id, _path, n, right in answers:
        before = by_team_category.get((team_id, category_id), (0, 0))
        by_team_category[(team_id, category_id)] = (before[0] + int(n), before[1] + int(right or 0))
    by_team = _sum_by(answers, 0)
    columns = []
    for t in teams:
        n, right = by_team.get(t.id, (0, 0))
        sittings = summarize([p for p in people if p.team_id == t.id], rows, practices, period.practice)
        columns.append(TeamColumn(t.id, t.name, sittings, n, right, percent(right, n)))
    return Dashboard(
        summary=summarize(people, rows, practices, period.practice), trend=weekly(rows, period),
        distribution=distribution(rows), categories=categories, documents=documents, chapters=chapters, teams=columns,
        heatmap=heatmap(teams, by_team_category, categories) if team_ids else {},
    )


def worker_attempts(user: User, period: Period) -> list[Attempt]:
    """A worker's attempts started in the period, newest first (every mode)."""
    return list(db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.started_at >= period.since,
                              Attempt.started_at < period.until)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ))
