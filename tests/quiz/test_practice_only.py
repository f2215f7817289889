"""A generated question recorded as practice-only (inputs exam_ready False: built on a catalogue entry or rule not
yet reviewed, HAZARDS.md §6 未审核的条目只进练习，不进考试) is never drawn into an exam, nor pickable for a fixed
one, once a trainer approves it; practice keeps it. The bank and the review queue mark it 仅供练习, and an approval
says how many of those approved are practice-only (probe_practice_only_in_exam on h-review5)."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.db import db
from quiz.bank.models import Question
from quiz.bank.types import Option
from quiz.generation import review
from quiz.generation.models import GenerationRecord
from quiz.generation.records import GeneratedQuestion
from quiz.taking import papers, picks
from quiz.taking.papers import PaperError, Section, usable_query
from tests.conftest import csrf_token


@pytest.fixture
def review_app(app):
    if "review" not in app.blueprints:
        from quiz import generation

        generation.init_app(app)
    return app


def generated(stem: str, exam_ready: bool | None) -> GeneratedQuestion:
    inputs = {"hazard": "HZ-TEST-001"} if exam_ready is None else {"hazard": "HZ-TEST-001", "exam_ready": exam_ready}
    return GeneratedQuestion(type="single", stem=stem, options=(Option("A", "物体打击"), Option("B", "触电")),
                             answer=("A",), explanation="依据清单。", citation=None, generator="test.practice_only",
                             inputs=inputs, seed="1")


def saved(*questions: GeneratedQuestion, approve: bool = True) -> list[int]:
    stored = review.save_questions(list(questions)).saved
    if approve:
        review.approve(stored)
    db.session.commit()
    return [q.id for q in stored]


def exam_pool(type_: str = "single") -> set[int]:
    return {row[0] for row in db.session.execute(usable_query(type_, "exam"))}


def practice_pool(type_: str = "single") -> set[int]:
    return {row[0] for row in db.session.execute(usable_query(type_, "practice"))}


def test_save_records_the_flag_from_the_generators_inputs(db_session) -> None:
    only, ready, old = saved(generated("甲题？", False), generated("乙题？", True), generated("丙题？", None),
                             approve=False)
    flags = {i: db_session.get(Question, i).practice_only for i in (only, ready, old)}
    assert flags == {only: True, ready: False, old: False}


def test_an_approved_practice_only_question_is_never_drawn_into_an_exam_but_practice_keeps_it(db_session) -> None:
    only, ready = saved(generated("某作业地点顶板破碎，可能导致的事故类型是？", False),
                        generated("某作业地点电缆破损，可能导致的事故类型是？", True))
    assert db_session.get(Question, only).status == "approved"
    assert only not in exam_pool() and ready in exam_pool()
    assert {only, ready} <= practice_pool()
    assert papers.type_counts("exam").get("single", 0) == 1 and papers.type_counts("practice")["single"] == 2
    # a random rule of an exam takes only the exam-ready one, however often it draws; one asking for two is short
    for seed in range(5):
        drawn = papers.draw([Section("single", 1, Decimal(1))], "exam", random.Random(seed))
        assert [d.question_id for d in drawn] == [ready]
    with pytest.raises(PaperError):
        papers.draw([Section("single", 2, Decimal(1))], "exam", random.Random(0))
    assert len(papers.draw([Section("single", 2, Decimal(1))], "practice", random.Random(0))) == 2


def test_a_fixed_exam_neither_offers_nor_takes_a_practice_only_question(db_session) -> None:
    only, ready = saved(generated("甲题？", False), generated("乙题？", True))
    checked = picks.check([only, ready])
    assert checked.usable == [ready]
    assert checked.refused == {"仅供练习（依据的条目尚未审核）": [only]}
    assert "不是仅供练习" in checked.message
    assert picks.check([only], "practice").usable == [only]
    picked = [Section("single", 1, Decimal(1), question_ids=(only,))]
    with pytest.raises(PaperError, match="仅供练习"):
        papers.draw(picked, "exam", random.Random(0))
    assert [d.question_id for d in papers.draw(picked, "practice", random.Random(0))] == [only]


def test_adding_ticked_questions_to_an_exam_leaves_the_practice_only_one_out(db_session, make_user) -> None:
    only, ready = saved(generated("甲题？", False), generated("乙题？", True))
    trainer = make_user("unit_trainer")
    paper = picks.new_paper(trainer, "选题考试")
    added = picks.add(paper, [only, ready])
    assert added.added == 1 and added.unusable == [only]
    assert [q for s in papers.sections_of(paper) for q in s.question_ids] == [ready]


def test_the_real_hazard_generators_practice_only_questions_stay_out_of_exams(db_session) -> None:
    from quiz.generation import rules
    from quiz.generation.hazard import HazardData, lec

    data = HazardData.load()
    major = next(iter(rules.major(data, "probe")))
    assessed = next(iter(lec(data, "probe")))
    assert major.inputs["exam_ready"] is False and assessed.inputs["exam_ready"] is False
    ids = saved(major, assessed)
    assert len(ids) == 2
    for question_id in ids:
        question = db_session.get(Question, question_id)
        assert question.status == "approved" and question.practice_only
        assert question_id not in exam_pool(question.current_version.type)
        assert question_id in practice_pool(question.current_version.type)


def test_regenerating_word_for_word_from_a_reviewed_entry_makes_the_question_exam_ready(db_session) -> None:
    only, = saved(generated("甲题？", False))
    again = review.save_questions([generated("甲题？", True)])
    db_session.commit()
    assert again.exam_ready == 1 and not again.saved
    question = db_session.get(Question, only)
    record = db_session.scalar(select(GenerationRecord).where(GenerationRecord.question_id == only))
    assert not question.practice_only and record.inputs["exam_ready"] is True
    assert only in exam_pool()
    # a practice-only regeneration lifts nothing
    other, = saved(generated("乙题？", False))
    assert review.save_questions([generated("乙题？", False)]).exam_ready == 0
    assert db_session.get(Question, other).practice_only


def test_the_review_queue_and_the_bank_pages_show_the_badge(review_app, client, login, db_session) -> None:
    login("unit_trainer")
    only, ready = saved(generated("某处顶板破碎的事故类型？", False), generated("某处电缆破损的事故类型？", True),
                        approve=False)
    badge = re.compile(r'<span class="badge pending practice-only" title="[^"]*尚未审核[^"]*">仅供练习</span>')
    queue = client.get("/bank/review/").get_data(as_text=True)
    rows = {int(m.group(1)): m.group(2) for m in re.finditer(
        r'<tr class="review-item" data-question="(\d+)">(.*?)</tr>', queue, re.S)}
    assert badge.search(rows[only]) and not badge.search(rows[ready])
    listing = client.get("/bank/?q=事故类型").get_data(as_text=True)
    assert len(badge.findall(listing)) == 1
    detail = client.get(f"/bank/{only}").get_data(as_text=True)
    assert badge.search(detail) and 'id="practice-only-why"' in detail and "不进考试" in detail
    assert not badge.search(client.get(f"/bank/{ready}").get_data(as_text=True))


def test_approving_in_the_review_queue_says_how_many_are_practice_only(review_app, client, login, db_session) -> None:
    login("unit_trainer")
    ids = saved(generated("甲题？", False), generated("乙题？", False), generated("丙题？", True), approve=False)
    done = client.post("/bank/review/act", data={"csrf_token": csrf_token(client, "/bank/review/"),
                                                 "ids": [str(i) for i in ids], "action": "approve"},
                       follow_redirects=True).get_data(as_text=True)
    assert "审核通过：3道题。其中2道仅供练习，不进考试" in done
    assert [db_session.get(Question, i).status for i in ids] == ["approved"] * 3


def test_approving_the_whole_filter_and_ticked_ones_say_how_many_are_practice_only(client, login, db_session) -> None:
    login("unit_trainer")
    saved(generated("顶板甲题？", False), generated("顶板乙题？", True), approve=False)
    page = client.get("/bank/approve-filtered?q=顶板").get_data(as_text=True)
    upto = re.search(r'name="upto" value="(\d+)"', page).group(1)
    done = client.post("/bank/approve-filtered", data={
        "csrf_token": csrf_token(client, "/bank/approve-filtered?q=顶板"), "q": "顶板", "upto": upto},
        follow_redirects=True).get_data(as_text=True)
    assert "已将2道草稿题设为已审核。其中1道仅供练习，不进考试" in done
    ticked = saved(generated("电缆甲题？", False), generated("电缆乙题？", True), approve=False)
    done = client.post("/bank/bulk", data={"csrf_token": csrf_token(client, "/bank/"), "action": "approve",
                                           "ids": [str(i) for i in ticked]}, follow_redirects=True)
    assert "已处理2道题。其中1道仅供练习，不进考试" in done.get_data(as_text=True)


def test_a_published_exam_already_holding_one_keeps_it_and_the_bank_lists_it(client, login, db_session) -> None:
    from core.db import utcnow
    from tests.factories import create_team
    from tests.papers import picked_paper

    trainer = login("admin")
    only, ready = saved(generated("顶板甲题？", False), generated("顶板乙题？", True))
    versions = {i: db_session.get(Question, i).current_version_id for i in (only, ready)}
    team = create_team("综采一队", "回收班")
    paper = picked_paper([(only, versions[only]), (ready, versions[ready])], team.id, utcnow(), title="旧月考",
                         created_by_id=trainer.id)
    fresh = picked_paper([(ready, versions[ready])], team.id, utcnow(), title="新月考", created_by_id=trainer.id)
    db_session.commit()
    assert [(p.id, ids) for p, ids in papers.practice_only_held([paper, fresh])] == [(paper.id, [only])]
    assert [i.question_id for i in paper.items] == [only, ready]  # published as it was: not changed
    listing = client.get("/bank/").get_data(as_text=True)
    note = re.search(r'<p class="notice" id="practice-only-exams">(.*?)</p>', listing, re.S).group(1)
    assert f'href="/papers/{paper.id}">旧月考</a>' in note and f'>{only}</a>题' in note and "新月考" not in note
