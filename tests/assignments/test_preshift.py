"""The pre-shift quiz (班前会): composed from the team's weak articles and categories and the day's
site hazards, from approved or practice-allowed questions only; one tap makes it for the team today,
workers see it on the home page, and the leader's page shows who has done it."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from corpus.models import Article, Document
from quiz.assignments import preshift, progress
from quiz.assignments.models import Assignment
from quiz.bank import service as bank
from quiz.bank.models import Category
from quiz.bank.service import Origin
from quiz.generation.models import GenerationRecord
from quiz.taking import attempts, days
from quiz.taking.models import Attempt, AttemptItem, Paper
from tests.assignments.conftest import person
from tests.assignments.test_pages import sign_in
from tests.conftest import csrf_token
from tests.factories import create_team, create_user
from tests.papers import draft

SITE = "综采工作面"
_n = iter(range(1, 100_000))


def question(status="approved", article=None, category=None, ref=None, practice_allowed=None):
    origin = Origin(kind="generated", generator="hazard", ref=ref) if ref or practice_allowed is not None else Origin()
    q = bank.add_question(draft("single", next(_n), status=status), origin=origin)
    db.session.flush()
    q.article_id = article.id if article else None
    q.category_id = category.id if category else None
    if practice_allowed is not None:
        db.session.add(GenerationRecord(question_id=q.id, generator="hazard", practice_allowed=practice_allowed))
    db.session.flush()
    return q


def answered(user, rights: dict, now) -> None:
    """A closed practice sitting of `user` with these questions answered right (True) or wrong (False)."""
    attempt = Attempt(user_id=user.id, mode="practice", title="练习", started_at=now - timedelta(days=2),
                      submitted_at=now - timedelta(days=2), status="submitted", max_score=Decimal(len(rights)))
    db.session.add(attempt)
    db.session.flush()
    for position, (q, right) in enumerate(rights.items(), start=1):
        db.session.add(AttemptItem(attempt_id=attempt.id, position=position, question_id=q.id,
                                   version_id=q.current_version_id, points=Decimal(1), option_order=["A", "B", "C", "D"],
                                   response=["B"] if right else ["A"], correct=right,
                                   score=Decimal(1) if right else Decimal(0)))
    db.session.flush()


@pytest.fixture
def bank_and_team(app):
    # An hour clear of the mine's midnight: a quiz is per local day, and "five minutes later" must stay today
    # (the suite once ran at 23:57 Beijing time and made a second quiz).
    now = min(utcnow(), days.day_end(utcnow()) - timedelta(hours=1))
    team = create_team("综采一队", "回收班")
    other = create_team("掘进二队", "掘进班")
    workers = [person(team=team) for _ in range(3)]
    rival = person(team=other)
    doc = Document(title="煤矿安全规程", doc_key="煤矿安全规程", doc_type="regulation", source_name="规程.md",
                   source_hash="h")
    db.session.add(doc)
    db.session.flush()
    art = {}
    for n in (1, 2, 3):
        art[n] = Article(document_id=doc.id, ordinal=n, kind="article", number=n, label=f"第{n}条", text="条文",
                         anchor=f"a{n}")
        db.session.add(art[n])
    gas, roof, power = Category(name="瓦斯防治"), Category(name="顶板管理"), Category(name="机电运输")
    db.session.add_all([gas, roof, power])
    db.session.flush()
    q = {
        "weak_article": [question(article=art[1], category=gas) for _ in range(3)],
        "strong_article": [question(article=art[2], category=power) for _ in range(4)],
        "weak_category": [question(category=roof) for _ in range(2)],
        "site": [question(ref=f"HZ-ZC-{n:03d}") for n in range(1, 5)],
        "site_weak": question(ref="HZ-ZC-009", article=art[1], category=gas),
        "other_site": [question(ref=f"HZ-JJ-{n:03d}") for n in range(1, 4)],
        "filler": [question(article=art[3]) for _ in range(15)],
        "draft_hidden": [question(status="draft", ref="HZ-ZC-020", article=art[1], category=gas, practice_allowed=False),
                         question(status="draft", article=art[1], category=gas)],
        "draft_allowed": question(status="draft", ref="HZ-ZC-021", practice_allowed=True),
        "retired": question(status="retired", ref="HZ-ZC-022", article=art[1]),
    }
    # The team: wrong on article 1 and on 顶板管理, right on article 2 (the other team the other way round).
    for w in workers:
        answered(w, {q["weak_article"][0]: False, q["weak_article"][1]: True, q["weak_category"][0]: False,
                     q["strong_article"][0]: True, q["strong_article"][1]: True}, now)
    answered(rival, {q["strong_article"][2]: False, q["weak_article"][2]: True}, now)
    db.session.commit()
    return {"team": team, "other": other, "workers": workers, "q": q, "now": now}


def ids(questions) -> set[int]:
    return {x.id for x in questions}


def test_weak_spots_are_the_teams_own(bank_and_team):
    now = bank_and_team["now"]
    articles, categories = preshift.weak_spots([bank_and_team["team"].id], now)
    weak_article = bank_and_team["q"]["weak_article"][0].article_id
    assert [w.id for w in articles] == [weak_article]
    assert (articles[0].answers, articles[0].right) == (6, 3)  # 3 workers × (one wrong, one right)
    roof = bank_and_team["q"]["weak_category"][0].category_id
    assert [w.id for w in categories][0] == roof  # 0% right comes before 瓦斯防治's 50%
    other_articles, _ = preshift.weak_spots([bank_and_team["other"].id], now)
    assert [w.id for w in other_articles] == [bank_and_team["q"]["strong_article"][2].article_id]


def test_composition_prefers_weak_spots_includes_site_hazards_and_only_usable_questions(bank_and_team):
    q = bank_and_team["q"]
    usable_site = ids(q["site"]) | {q["site_weak"].id, q["draft_allowed"].id}
    hidden = ids(q["draft_hidden"]) | {q["retired"].id}
    weak = ids(q["weak_article"]) | ids(q["weak_category"]) | {q["site_weak"].id}
    for seed in range(15):
        picks = preshift.compose(bank_and_team["team"], SITE, bank_and_team["now"], rng=random.Random(seed))
        chosen = [p.question_id for p in picks]
        assert len(chosen) == preshift.COUNT == len(set(chosen))
        assert not set(chosen) & hidden
        site_picks = [p.question_id for p in picks if p.reason == "site"]
        assert len(site_picks) == preshift.HAZARD_SHARE and set(site_picks) <= usable_site
        assert q["site_weak"].id in site_picks  # a site hazard on a weak article comes first
        assert not set(chosen) & ids(q["other_site"])  # another site's hazards stay out
        # the other three: the weak article, then the weak categories — nothing strong, no filler
        rest = [p for p in picks if p.reason != "site"]
        assert [p.reason for p in rest] == ["article", "category", "category"]
        assert {p.question_id for p in rest} <= weak
        assert not set(chosen) & (ids(q["strong_article"]) | ids(q["filler"]))


def test_a_team_without_answers_gets_site_hazards_then_anything_usable(bank_and_team):
    fresh = create_team("机电队", "维修班")
    q = bank_and_team["q"]
    picks = preshift.compose(fresh, SITE, bank_and_team["now"], rng=random.Random(1))
    assert [p.reason for p in picks] == ["site", "site", "site", "site", "site"]
    assert not {p.question_id for p in picks} & (ids(q["draft_hidden"]) | {q["retired"].id})
    assert preshift.team_sites(fresh)[0] == "井下供电"  # 机电 suggests the power supply
    assert preshift.team_sites(bank_and_team["team"])[0] == SITE


def test_create_makes_one_quiz_per_team_site_and_day(bank_and_team):
    team, now = bank_and_team["team"], bank_and_team["now"]
    leader = person("team_leader", team=team)
    assignment = preshift.create(team, SITE, by=leader, now=now)
    db.session.commit()
    paper = assignment.paper_id and db.session.get(Paper, assignment.paper_id)
    assert assignment.kind == "preshift" and assignment.site == SITE and paper.mode == "practice"
    assert len(paper.items) == 5 and paper.max_attempts == 1 and paper.closes_at == assignment.due_at
    assert [a.team_id for a in paper.audience] == [team.id]
    assert preshift.create(team, SITE, by=leader, now=now + timedelta(minutes=5)).id == assignment.id
    assert {r.user_id for r in progress.standings(assignment, now)} == {w.id for w in bank_and_team["workers"]} | {leader.id}


def test_one_tap_then_workers_do_it_and_the_leader_sees_scores(client, bank_and_team):
    team = bank_and_team["team"]
    leader = create_user("team_leader", team=team)
    worker = create_user(team=team)
    other_leader = create_user("team_leader", team=bank_and_team["other"])
    sign_in(client, leader)
    page = client.get("/preshift").get_data(as_text=True)
    assert page.index(f'<option value="{SITE}"') < page.index('<option value="掘进工作面"')
    made = client.post("/preshift", data={"csrf_token": csrf_token(client, "/preshift"), "team": team.id,
                                          "site": SITE})
    assert made.status_code == 302
    assignment = db.session.scalar(select(Assignment))
    detail = client.get(made.location).get_data(as_text=True)
    assert 'http-equiv="refresh"' in detail and 'data-figure="completion">0.0%' in detail
    again = client.post("/preshift", data={"csrf_token": csrf_token(client, "/preshift"), "team": team.id,
                                           "site": SITE})
    assert again.location == made.location
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1

    skipper = create_user(team=team)
    for who, wrong in ((worker, "B"), (skipper, None)):
        sign_in(client, who)
        home = client.get("/").get_data(as_text=True)
        assert f'data-assignment="{assignment.id}"' in home and "班前会" in home
        started = client.post(f"/assignments/{assignment.id}/start", data={"csrf_token": csrf_token(client, "/")})
        attempt = db.session.get(Attempt, int(started.location.rsplit("/", 1)[1]))
        headers = {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}
        items = attempts.with_items(attempt).items
        for item in items[:4]:  # four right; the fifth wrong (worker) or left blank (skipper)
            client.put(f"/api/v1/attempts/{attempt.id}/items/{item.position}",
                       json={"answer": attempts.to_shown(item, item.version.answer)}, headers=headers)
        if wrong:
            right = attempts.to_shown(items[4], items[4].version.answer)
            client.put(f"/api/v1/attempts/{attempt.id}/items/5", json={"answer": ["A" if right != ["A"] else "B"]},
                       headers=headers)
        client.post(f"/api/v1/attempts/{attempt.id}/submit", headers=headers)
        home = client.get("/").get_data(as_text=True)
        # The quiz allows one sitting: handed in with answers, it is done (the skipper has nothing more to do).
        assert f'data-assignment="{assignment.id}"' not in home and "交卷时有题未答" not in home

    sign_in(client, leader)
    detail = client.get(made.location).get_data(as_text=True)
    row = detail[detail.index(f'data-user="{worker.username}"'):]
    row = row[:row.index("</tr>")]
    assert 'data-status="done"' in row and "4/5（80.0%）" in row
    row = detail[detail.index(f'data-user="{skipper.username}"'):]
    row = row[:row.index("</tr>")]
    assert 'data-status="done"' in row and "4/5（80.0%）" in row
    assert "今天的班前会测验" in client.get("/preshift").get_data(as_text=True)

    sign_in(client, other_leader)
    assert client.get(made.location).status_code == 404
    assert client.get(f"/api/v1/assignments/{assignment.id}").status_code == 404
    forged = client.post("/preshift", data={"csrf_token": csrf_token(client, "/preshift"), "team": team.id,
                                            "site": SITE})
    assert forged.status_code == 404 and db.session.scalar(select(func.count()).select_from(Assignment)) == 1


def test_articles_the_teams_findings_violated_come_before_its_answer_weak_spots(bank_and_team):
    q = bank_and_team["q"]
    violated = q["filler"][0].article_id  # answered by nobody, so weak only through the findings
    picks = preshift.compose(bank_and_team["team"], SITE, bank_and_team["now"], rng=random.Random(3),
                             violated=[violated])
    assert [p.reason for p in picks] == ["site", "site", "violation", "article", "category"]
    assert picks[2].question_id in ids(q["filler"])


def test_the_page_reads_the_violations_the_app_offers(app, client, bank_and_team, monkeypatch):
    from types import SimpleNamespace

    team = bank_and_team["team"]
    violated = bank_and_team["q"]["filler"][0].article_id
    asked = []

    def reader(team_id, days=90, today=None, limit=10):
        asked.append(team_id)
        return [SimpleNamespace(article_id=violated, count=2)]

    monkeypatch.setitem(app.extensions, "team_violations", reader)
    leader = create_user("team_leader", team=team)
    sign_in(client, leader)
    client.post("/preshift", data={"csrf_token": csrf_token(client, "/preshift"), "team": team.id, "site": SITE})
    paper = db.session.get(Paper, db.session.scalar(select(Assignment.paper_id)))
    assert asked == [team.id]
    assert {i.question_id for i in paper.items} & ids(bank_and_team["q"]["filler"])


def test_questions_of_an_exam_open_to_the_team_stay_out_of_its_quiz(bank_and_team):
    """An exam still open to the team (one a member has not finished) keeps its questions out of the
    班前会 quiz: those who have not sat it would otherwise practise its very questions with the key."""
    from tests.papers import picked_paper

    q, team, now = bank_and_team["q"], bank_and_team["team"], bank_and_team["now"]
    exam_questions = [q["site_weak"], *q["site"][:2], q["weak_article"][0], q["weak_category"][0]]
    picked_paper([(x.id, x.current_version_id) for x in exam_questions], team.id, now, title="十二月月考",
                 closes_at=now + timedelta(days=2))
    # Another team's exam seals nothing for this team.
    picked_paper([(x.id, x.current_version_id) for x in q["weak_category"][1:]], bank_and_team["other"].id, now,
                 title="掘进班月考", closes_at=now + timedelta(days=2))
    db.session.commit()
    for seed in range(10):
        chosen = {p.question_id for p in preshift.compose(team, SITE, now, rng=random.Random(seed))}
        assert not chosen & ids(exam_questions) and len(chosen) == preshift.COUNT
    everyone = set()
    for seed in range(10):
        everyone |= {p.question_id for p in preshift.compose(team, SITE, now, rng=random.Random(seed))}
    assert q["weak_category"][1].id in everyone  # the other team's exam's question is this team's weak spot
    # Once the exam has closed, its questions may come back.
    later = now + timedelta(days=3)
    back = set()
    for seed in range(10):
        back |= {p.question_id for p in preshift.compose(team, SITE, later, rng=random.Random(seed))}
    assert back & ids(exam_questions)
