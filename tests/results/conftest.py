"""A small mine whose every answer the tests know: two units, three teams, workers (some of them
party members) sitting an exam over several weeks, plus the sittings that must not count.

`Log` records what each sitting meant to answer (by the version's own keys) and whether that
is right by the question's key, so the tests compute every figure from this log alone and
compare it with what the dashboards show.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from flask import Flask

from accounts.models import Team, User
from core import clock
from core.db import db, utcnow
from corpus.models import Article, Document
from quiz.bank import service
from quiz.bank.models import Category, Question
from quiz.bank.types import OPTION_KEYS
from quiz.results.period import Period
from quiz.taking import attempts
from quiz.taking.models import Attempt, AttemptItem, Paper
from tests.conftest import _wipe, make_app
from tests.factories import create_team, create_user
from tests.papers import build_paper, draft

_numbers = itertools.count(1)


@dataclass
class Answer:
    question_id: int
    version_id: int
    category_id: int | None
    document_id: int | None
    keys: list[str]  # the version's own keys chosen; [] left blank
    correct: bool | None  # None: not graded (an open exam)
    points: Decimal
    earned: Decimal
    article_id: int | None = None


@dataclass
class Sitting:
    attempt_id: int
    paper_id: int | None
    user: User
    team_id: int
    party: bool
    mode: str
    started_at: datetime
    closed: bool
    answers: list[Answer]
    max_score: Decimal
    pass_score: Decimal | None

    @property
    def score(self) -> Decimal:
        return sum((a.earned for a in self.answers), Decimal(0))

    @property
    def passed(self) -> bool:
        return self.pass_score is not None and self.score >= self.pass_score


@dataclass
class Mine:
    period: Period
    units: dict[str, int]
    teams: dict[str, Team]
    members: dict[str, list[User]]  # team name -> the people who count (workers and the team leader)
    leader: User
    trainer: User  # unit trainer of 综采一队, attached to 回收班
    admin: User
    outsider: User  # a worker of 掘进班
    paper: Paper
    sittings: list[Sitting] = field(default_factory=list)


def shown_letters(item: AttemptItem, keys: list[str]) -> list[str]:
    """The letters a worker clicks for these stored keys in this sitting's option order."""
    return [OPTION_KEYS[item.option_order.index(k)] for k in keys]


def choose(item: AttemptItem, rng: random.Random, skill: float) -> list[str]:
    """An answer by the version's own keys: right with probability `skill`, else wrong, partial or blank."""
    version = item.version
    keys = list(item.option_order)
    key = sorted(version.answer)
    roll = rng.random()
    if roll < skill:
        return key
    if roll > 0.93:
        return []
    wrong = [k for k in keys if k not in key]
    if version.type == "multi":
        return sorted(key[:1]) if rng.random() < 0.4 else sorted({wrong[0], key[0]})
    return [rng.choice(wrong)]


def earned(item: AttemptItem, chosen: list[str], multi_rule: str) -> tuple[Decimal, bool]:
    """Points for an answer by the scoring rules as stated (all right: full; multi subset: half)."""
    key = set(item.version.answer)
    if not chosen:
        return Decimal(0), False
    if set(chosen) == key:
        return Decimal(item.points), True
    if item.version.type == "multi" and multi_rule == "half" and set(chosen) < key:
        return Decimal(item.points) / 2, False
    return Decimal(0), False


def sit(attempt: Attempt, user: User, rng: random.Random, skill: float, now: datetime, *, submit: bool = True,
        only: int | None = None, answers: dict[int, list[str]] | None = None) -> Sitting:
    """Answer an attempt through the taking services and record what was meant."""
    questions = {q.id: q for q in db.session.scalars(
        db.select(Question).where(Question.id.in_([i.question_id for i in attempt.items])))}
    log = []
    for item in attempt.items:
        if only is not None and item.position > only:
            chosen: list[str] = []
        elif answers is not None:
            chosen = answers.get(item.position, [])
        else:
            chosen = choose(item, rng, skill)
        if chosen:
            attempts.save_answer(attempt, item.position, shown_letters(item, chosen), None, now)
        points, right = earned(item, chosen, attempt.multi_rule)
        graded = submit or (attempt.feedback and bool(chosen))
        question = questions[item.question_id]
        document = db.session.get(Article, question.article_id).document_id if question.article_id else None
        log.append(Answer(item.question_id, item.version_id, question.category_id, document, chosen,
                          right if graded else None, Decimal(item.points), points, question.article_id))
    if submit:
        attempts.submit(attempt, now + timedelta(minutes=12))
    db.session.commit()
    return Sitting(attempt.id, attempt.paper_id, user, user.team_id, user.party_member, attempt.mode, attempt.started_at, submit, log,
                   Decimal(attempt.max_score), attempt.pass_score)


# The cited articles: (document, heading path, the chapter (章) a reader names it by, with its 编: chapter
# numbers restart in each 编 of the 规程); the label is written out here, not derived, so the chapter figures are checked against what a person reads.
ARTICLES = (
    (0, "第二编 井工煤矿 / 第三章 一通三防 / 第一节 通风", "《煤矿安全规程》第二编 井工煤矿 / 第三章 一通三防"),
    (0, "第二编 井工煤矿 / 第三章 一通三防 / 第二节 瓦斯防治", "《煤矿安全规程》第二编 井工煤矿 / 第三章 一通三防"),
    (0, "第二编 井工煤矿 / 第四章 顶板", "《煤矿安全规程》第二编 井工煤矿 / 第四章 顶板"),
    (1, "第三章 从业人员的安全生产权利义务", "《中华人民共和国安全生产法》第三章 从业人员的安全生产权利义务"),
    (1, "", "《中华人民共和国安全生产法》（不分章）"),
)
CHAPTER_OF: dict[int, str] = {}  # article id -> the chapter label above


def label_questions(questions: list[Question]) -> None:
    """Give the questions categories (a two-level tree, one left out) and cited articles in chapters."""
    gas_parent = Category(name="一通三防")
    db.session.add(gas_parent)
    db.session.flush()
    categories = [Category(name="瓦斯防治", parent_id=gas_parent.id), Category(name="顶板管理"), Category(name="机电运输")]
    db.session.add_all(categories)
    documents = []
    for n, title in enumerate(("煤矿安全规程", "中华人民共和国安全生产法")):
        doc = Document(title=title, doc_key=title, doc_type="regulation", source_name=f"{title}.md",
                       source_hash=f"h{n}")
        db.session.add(doc)
        documents.append(doc)
    db.session.flush()
    articles = []
    for n, (doc, path, chapter) in enumerate(ARTICLES, start=1):
        article = Article(document_id=documents[doc].id, ordinal=n, kind="article", number=n, label=f"第{n}条",
                          path=path, text="条文", anchor=f"a{n}")
        db.session.add(article)
        db.session.flush()
        CHAPTER_OF[article.id] = chapter
        articles.append(article)
    cited = 0
    for n, question in enumerate(questions):
        if n % 5 != 4:  # every fifth stays 未分类 and cites nothing
            question.category_id = categories[n % 3].id
            question.article_id = articles[cited % len(articles)].id
            cited += 1
    db.session.commit()


def person(role: str = "worker", team: Team | None = None, **fields) -> User:
    """Someone who never signs in here (no password: hashing one takes a second on a busy machine)."""
    user = User(username=f"p{next(_numbers)}", name=fields.pop("name", "职工"), role=role, team=team,
                must_change_password=False, **fields)
    db.session.add(user)
    db.session.commit()
    return user


def make_paper(sections, **fields) -> Paper:
    """A published paper of new approved questions (as the make_paper fixture, without its fixture scope)."""
    for shape, count, _points in sections:
        for _ in range(count):
            service.add_question(draft(shape, next(_numbers)))
    db.session.commit()
    return build_paper(sections, **fields)


@pytest.fixture(scope="module")
def mine_app(_schema: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for a whole test module that only reads the mine (building it takes a while); wiped after.

    No app context stays pushed (each request gets its own, so signed-in clients stay apart);
    service tests push one with `in_app`."""
    application = make_app(_schema, tmp_path_factory.mktemp("results") / "data")
    yield application
    with application.app_context():
        _wipe(db)


@pytest.fixture
def in_app(mine_app: Flask) -> Iterator[Flask]:
    """An app context of the module's app for one test."""
    with mine_app.app_context():
        yield mine_app
        db.session.remove()


@pytest.fixture(scope="module")
def mine(mine_app: Flask) -> Mine:
    """The mine, its exam (shuffled options, half credit) sat over four weeks, and the noise around it.

    Module-scoped: tests using it must not use the function-scoped `app` (its teardown wipes the
    tables). Its people and teams are detached with their columns loaded."""
    with mine_app.app_context():
        built = build_mine()
        for thing in [*built.teams.values(), built.leader, built.trainer, built.admin, built.paper,
                      *(s.user for s in built.sittings), *(p for people in built.members.values() for p in people)]:
            db.session.refresh(thing)
        db.session.expunge_all()
        db.session.remove()
    return built


def build_mine() -> Mine:
    rng = random.Random(15)
    today = clock.today()
    period = Period(today - timedelta(days=27), today)
    t1, t2 = create_team("综采一队", "回收班"), create_team("综采一队", "安装班")
    t3 = create_team("掘进二队", "掘进班")
    leader = create_user("team_leader", t1, name="回收班长")
    workers1 = [person(team=t1, party_member=n < 2, name=f"回收{n}") for n in range(5)]
    workers2 = [person(team=t2, name=f"安装{n}") for n in range(3)]
    workers3 = [create_user(team=t3, name="掘进0"), person(team=t3, name="掘进1")]
    person(team=t2, name="已离职", active=False)
    trainer = create_user("unit_trainer", t1, name="培训员")
    admin = create_user("admin", t3, name="管理员")
    paper = make_paper(sections=(("single", 3, "10"), ("multi", 2, "10"), ("judge", 1, "10")), max_attempts=0,
                       shuffle_options=True, pass_score=Decimal(36), multi_rule="half")
    practice = make_paper(sections=(("single", 2, "5"),), mode="practice", max_attempts=0, title="练习")
    # Its own two new questions, never the exam's: the exam, open with no closing time, keeps its questions
    # under seal for its takers, whose practice answers to them would wait unscored (quiz.taking.seal).
    own = db.session.scalars(db.select(Question).order_by(Question.id.desc()).limit(2)).all()
    for item, question in zip(practice.items, own, strict=True):
        item.question_id, item.version_id = question.id, question.current_version_id
    db.session.commit()
    label_questions(list(db.session.scalars(db.select(Question).order_by(Question.id))))
    found = Mine(period, {"综采一队": t1.unit_id, "掘进二队": t3.unit_id}, {"回收班": t1, "安装班": t2, "掘进班": t3},
                 {"回收班": [leader, *workers1], "安装班": workers2, "掘进班": workers3},
                 leader, trainer, admin, workers3[0], paper)
    base = utcnow().replace(microsecond=0)
    skills = {}
    for who in (leader, *workers1, *workers2, *workers3):
        skills[who.id] = rng.uniform(0.3, 0.95)
    for weeks_ago in (3, 2, 1, 0):
        for who in (leader, *workers1, *workers2, *workers3):
            if who is workers1[4] or rng.random() < 0.25:  # 回收4 never sits an exam; others skip a week now and then
                continue
            moment = base - timedelta(days=7 * weeks_ago, hours=rng.randint(1, 40))
            attempt = attempts.start_paper(paper, who, moment)
            found.sittings.append(sit(attempt, who, rng, skills[who.id], moment))
    # What must not count as an exam: an old sitting, an open one, practice (its answers are weak-spot data).
    old = base - timedelta(days=60)
    found.sittings.append(sit(attempts.start_paper(paper, workers1[0], old), workers1[0], rng, 0.5, old))
    open_at = base - timedelta(hours=2)
    found.sittings.append(sit(attempts.start_paper(paper, workers1[1], open_at), workers1[1], rng, 0.5, open_at,
                              submit=False))
    found.sittings.append(sit(attempts.start_paper(practice, workers1[2], open_at), workers1[2], rng, 1.0, open_at,
                              submit=False, only=1))
    found.sittings.append(sit(attempts.start_paper(practice, workers2[0], open_at), workers2[0], rng, 0.6, open_at))
    # 回收4 sits no exam but practises twice: 未参加 must not be said of him
    for hours_ago in (30, 5):
        moment = base - timedelta(hours=hours_ago)
        found.sittings.append(sit(attempts.start_paper(practice, workers1[4], moment), workers1[4], rng, 0.7, moment))
    return found
