"""Item analysis of a question edited after it was answered: each version answered is its own row,
with that version's stem and key, and the rows say the question has several versions answered."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from core.db import db, utcnow
from quiz.bank import service
from quiz.bank.models import Question
from quiz.results import items
from quiz.results.period import default_period
from quiz.taking import attempts
from tests.papers import build_paper
from tests.results.conftest import make_paper, person, sit


def test_each_answered_version_is_a_row_of_its_own(app, client, login):
    paper = make_paper(sections=(("single", 1, "10"),), max_attempts=0)
    question = db.session.get(Question, paper.items[0].question_id)
    old_stem, old_key = question.current_version.stem, question.current_version.answer
    now = utcnow() - timedelta(hours=3)
    for n, chosen in enumerate((old_key, ["A"], ["A"])):
        worker = person()
        sit(attempts.start_paper(paper, worker, now + timedelta(minutes=n)), worker, None, 0,
            now + timedelta(minutes=n), answers={1: list(chosen)})
    # the trainer edits it: a new key, a new stem
    service.edit_question(question, replace(question.to_draft(), stem="（新版）" + old_stem, answer=("C",)))
    db.session.commit()
    new_paper = build_paper((("single", 1, "10"),), max_attempts=0)
    assert new_paper.items[0].question_id == question.id
    for n in range(2):
        worker = person()
        moment = now + timedelta(minutes=10 + n)
        sit(attempts.start_paper(new_paper, worker, moment), worker, None, 0, moment, answers={1: ["C"]})

    rows = [s for s in items.analyse(None, default_period(utcnow())) if s.question_id == question.id]
    by_number = {s.version_number: s for s in rows}
    assert set(by_number) == {1, 2}
    first, second = by_number[1], by_number[2]
    assert (first.stem, first.answer_label, first.answers, first.correct) == (old_stem, "".join(old_key), 3, 1)
    assert (second.stem, second.answer_label, second.answers, second.correct) == ("（新版）" + old_stem, "C", 2, 2)
    assert [c.number for c in first.choices] == [1] and [c.number for c in second.choices] == [2]
    assert [o.key for o in first.choices[0].options if o.is_key] == list(old_key)
    assert [o.key for o in second.choices[0].options if o.is_key] == ["C"]
    assert first.versions == second.versions == (1, 2)

    login("admin")
    page = client.get("/results/items").get_data(as_text=True)
    assert "第1版" in page and "第2版" in page and "本题 2 个版本有作答" in page and "共 1 道题有作答" in page
    assert old_stem[:20] in page and "（新版）" in page


def test_weak_spot_pages_say_which_category_counts(app, client, login):
    """Categories belong to the question (a move writes no version): the pages say the current one counts."""
    from tests.factories import create_team

    team = create_team("综采一队", "回收班")
    login("admin")
    for url in (f"/results/teams/{team.id}", f"/results/units/{team.unit_id}"):
        assert "按试题现在的分类统计" in client.get(url).get_data(as_text=True), url
