"""A trainer's practice paper (fixed questions, feedback after each answer) may hold a question of an
exam still open to the worker. That question is answered as any other, but what he is told beside it
is only 「本题还在进行中的考试或竞赛中，结束后公布答案」: no key, no explanation, no right or wrong —
in the reply to his answer, in the taking page's data, in the API and on the result; its answer is
held out of the score until then (tests/taking/test_sealed_scoring.py). Once the exam has closed,
the same sitting's review shows the key and scores it."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.taking import attempts
from quiz.taking.models import Paper
from quiz.taking.papers import Section
from quiz.taking.seal import SEALED_NOTE, sealed_questions
from tests.factories import create_team
from tests.papers import picked_paper
from tests.taking.test_api import api_headers


@pytest.fixture
def team(app):
    return create_team("综采一队", "回收班")


@pytest.fixture
def papers_(make_questions, team):
    """(exam, practice), both for the team: an exam open for two more hours holding the first question,
    and a practice paper of the first (under seal) and the second (free), a point each."""
    picks = [(q.id, q.current_version_id) for q in make_questions(single=2)]
    now = utcnow()
    exam = picked_paper(picks[:1], team.id, now, title="月考", closes_at=now + timedelta(hours=2))
    practice = picked_paper(picks, team.id, now, title="班前练习", mode="practice")
    db.session.commit()
    return exam, practice


def key_of(item) -> list[str]:
    return attempts.to_shown(item, list(item.version.answer))


def wrong_of(item) -> list[str]:
    return [next(k for k in "ABCD" if k not in key_of(item))]


def test_what_the_worker_is_told_beside_a_question(papers_, make_user, team):
    """attempts.told decides: nothing before the answer is graded; then the feedback with the key,
    or, while the question is under seal for the worker, only SEALED_NOTE."""
    exam, paper = papers_
    worker, now = make_user(team=team), utcnow()
    sitting = attempts.start_paper(paper, worker, now)
    sealed = sealed_questions(worker, now)
    first, second = sitting.items
    assert sealed == {first.question_id}
    assert attempts.told(sitting, first, sealed=sealed) == {}  # not answered yet
    attempts.save_answer(sitting, 1, key_of(first), None, now)
    attempts.save_answer(sitting, 2, wrong_of(second), None, now)
    assert attempts.told(sitting, first, sealed=sealed) == {"sealed": SEALED_NOTE}
    assert attempts.told(sitting, first, sealed=frozenset()) == {}  # held ungraded: nothing to tell yet
    told = attempts.told(sitting, second, sealed=sealed)["feedback"]
    assert told["key"] == key_of(second) and told["correct"] is False and told["explanation"].startswith("解析")


def test_a_sealed_answer_is_held_and_its_key_waits_for_the_exam(papers_, make_user, team):
    exam, paper = papers_
    worker, now = make_user(team=team), utcnow()
    sitting = attempts.start_paper(paper, worker, now)
    first = sitting.items[0]
    saved = attempts.save_answer(sitting, 1, key_of(first), None, now)
    assert saved.feedback is None and saved.sealed == SEALED_NOTE
    assert first.correct is None and first.score is None  # held: graded when the seal lifts
    again = attempts.save_answer(sitting, 1, wrong_of(first), None, now)  # the first answer counts
    assert again.feedback is None and again.sealed == SEALED_NOTE
    page = attempts.attempt_view(sitting, now)["items"][0]
    assert "feedback" not in page and page["sealed"] == SEALED_NOTE
    attempts.save_answer(sitting, 2, wrong_of(sitting.items[1]), None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    assert (sitting.score, sitting.max_score) == (Decimal(0), Decimal(1))  # the free one, wrong
    result = attempts.result_view(sitting, now)["items"]
    assert "feedback" not in result[0] and result[0]["sealed"] == SEALED_NOTE and result[0]["correct"] is None
    assert result[1]["feedback"]["key"] == key_of(sitting.items[1])
    exam.closes_at = now - timedelta(minutes=1)
    db.session.commit()
    result = attempts.result_view(sitting, now)["items"]  # a page only reads: still held until released
    assert "feedback" not in result[0] and result[0]["sealed"] == SEALED_NOTE and result[0]["correct"] is None
    attempts.collect_released(worker, now)  # the worker opens his results (quiz.taking.held)
    result = attempts.result_view(sitting, now)["items"]
    assert "sealed" not in result[0] and result[0]["feedback"]["key"] == key_of(first) and result[0]["correct"]
    assert (sitting.score, sitting.max_score) == (Decimal(1), Decimal(2))


def test_no_response_the_worker_gets_holds_the_key_of_a_sealed_question(client, login, papers_, team):
    exam, paper = papers_
    login(team=team)
    h = api_headers(client)
    started = client.post(f"/api/v1/papers/{paper.id}/attempts", headers=h)
    assert started.status_code == 200
    url = f"/api/v1/attempts/{started.json['id']}"
    sitting = db.session.get(attempts.Attempt, started.json["id"])
    first = sitting.items[0]
    explanation = first.version.explanation
    assert explanation and all(explanation not in str(i) for i in started.json["items"])

    def leaks(data) -> bool:
        """The first question's key, explanation or a right/wrong mark in a JSON reply (the options'
        letters are named `key` too: the key is only ever inside `feedback`)."""
        text = json.dumps(data, ensure_ascii=False)
        return explanation in text or '"feedback"' in text or re.search(r'"correct": (true|false)', text) is not None

    saved = client.put(f"{url}/items/1", json={"answer": key_of(first), "base": 0}, headers=h)
    assert saved.status_code == 200 and saved.json["sealed"] == SEALED_NOTE and not leaks(saved.json)
    repeated = client.put(f"{url}/items/1", json={"answer": wrong_of(first), "base": 1}, headers=h)
    assert repeated.json["sealed"] == SEALED_NOTE and not leaks(repeated.json)
    item = client.get(f"{url}/items/1")
    assert item.json["sealed"] == SEALED_NOTE and not leaks(item.json)
    whole = client.get(url)
    assert whole.json["items"][0]["sealed"] == SEALED_NOTE and not leaks(whole.json["items"][0])
    page = client.get(f"/attempts/{sitting.id}").get_data(as_text=True)  # the page's data, as its script reads it
    data = json.loads(re.search(r'id="attempt-data">(.*?)</script>', page, re.S).group(1))
    assert data["items"][0]["sealed"] == SEALED_NOTE and not leaks(data["items"][0])
    # the free question still gets its feedback at once
    second = client.put(f"{url}/items/2", json={"answer": key_of(sitting.items[1]), "base": 0}, headers=h)
    assert second.json["feedback"]["correct"] is True and "sealed" not in second.json

    result = client.post(f"{url}/submit", headers=h)
    assert result.json["score"] == "1.00" and result.json["max_score"] == "1.00" and result.json["held"] == 1
    assert result.json["items"][0]["sealed"] == SEALED_NOTE
    assert not leaks(result.json["items"][0])
    shown = client.get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert SEALED_NOTE in shown and explanation not in shown and shown.count("正确答案") == 1
    exam.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    shown = client.get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert SEALED_NOTE not in shown and explanation in shown and shown.count("正确答案") == 2


def test_a_practice_paper_drawn_per_sitting_leaves_out_sealed_questions_while_it_can(papers_, make_user, team):
    """Like practice, a trainer's practice paper drawn per sitting does not draw a question under seal
    while its pool holds enough others; when it must (the pool is short), that one gets only the note."""
    exam, fixed = papers_
    sealed, free = (item.question_id for item in fixed.items)
    worker, now = make_user(team=team), utcnow()

    def sitting(count: int):
        paper = Paper(title=f"随机练习 {count}", mode="practice", draw="per_attempt", multi_rule="half", max_attempts=0,
                      sections=[Section("single", count, Decimal(10)).to_dict()], pass_score=Decimal(1),
                      shuffle_options=False, shuffle_questions=False, status="published", published_at=now)
        db.session.add(paper)
        db.session.flush()
        return attempts.start_paper(paper, worker, now)

    assert all([i.question_id for i in sitting(1).items] == [free] for _ in range(8))
    both = sitting(2)
    assert {i.question_id for i in both.items} == {sealed, free}
    position = next(i.position for i in both.items if i.question_id == sealed)
    assert attempts.save_answer(both, position, ["A"], None, now).sealed == SEALED_NOTE
