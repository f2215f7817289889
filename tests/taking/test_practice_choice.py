"""自选练习 as a worker submits it from 考试练习: the 工种 the form presets (the worker's own) never
silently empties a practice. Wrong-only practice takes the whole wrong-answer book unless the worker
picks a job; any other choice the preset leaves empty is drawn from every job with a notice; a choice
the worker made that leaves nothing says why and what would give questions."""

from __future__ import annotations

import lxml.html
import pytest
from sqlalchemy import select

from core.db import db, utcnow
from quiz.bank import service
from quiz.taking import book
from quiz.taking.models import Attempt
from tests.papers import draft

OWN_JOB = "掘进机司机"
OTHER_JOB = "爆破工"


@pytest.fixture
def bank(app):
    """Two questions for the worker's own job, three 三违 questions for another job."""
    own = [service.add_question(draft("single", n, jobs=(OWN_JOB,), category=("规程",))) for n in (1, 2)]
    other = [service.add_question(draft("judge", n, jobs=(OTHER_JOB,), category=("三违",))) for n in (3, 4, 5)]
    db.session.commit()
    return own, other


def practice_form(client) -> tuple[dict, lxml.html.FormElement]:
    """The 自选练习 form of /quizzes as the browser would send it untouched."""
    page = lxml.html.document_fromstring(client.get("/quizzes").get_data(as_text=True))
    form = next(f for f in page.forms if f.action.endswith("/practice/start"))
    return dict(form.form_values()), form


def start(client, values: dict):
    response = client.post("/practice/start", data=values, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def last_attempt(user) -> Attempt | None:
    db.session.expire_all()
    return db.session.scalar(select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.id.desc()))


def test_the_form_presets_the_workers_own_job(client, login, bank):
    login(job=OWN_JOB)
    values, form = practice_form(client)
    assert values["job"] == OWN_JOB


def test_wrong_only_practises_the_whole_book_whatever_the_preset_job(client, login, bank):
    _own, other = bank
    worker = login(job=OWN_JOB)
    for question in other:  # every wrong answer is in another job's questions
        book.record_wrong(worker.id, question.id, utcnow())
    db.session.commit()
    values, _form = practice_form(client)
    values.update(wrong_only="y", count="10")
    page = start(client, values)
    assert "没有符合条件的题目" not in page
    attempt = last_attempt(worker)
    assert attempt is not None and attempt.title == "错题练习"
    assert sorted(i.question_id for i in attempt.items) == sorted(q.id for q in other)


def test_wrong_only_with_a_job_the_worker_picked_keeps_to_that_job(client, login, bank):
    own, other = bank
    worker = login(job=OWN_JOB)
    for question in [own[0], *other]:
        book.record_wrong(worker.id, question.id, utcnow())
    db.session.commit()
    values, _form = practice_form(client)
    values.update(wrong_only="y", job=OTHER_JOB, count="10")
    start(client, values)
    attempt = last_attempt(worker)
    assert sorted(i.question_id for i in attempt.items) == sorted(q.id for q in other)


def test_a_category_the_preset_job_leaves_empty_is_drawn_from_every_job_with_a_notice(client, login, bank):
    _own, other = bank
    worker = login(role="team_leader", job=OWN_JOB)
    values, form = practice_form(client)
    category = next(o.get("value") for o in form.inputs["category"].iter("option") if o.text.strip() == "三违")
    values.update(category=category, count="10")
    page = start(client, values)
    attempt = last_attempt(worker)
    assert attempt is not None, "the preset job emptied the practice"
    assert sorted(i.question_id for i in attempt.items) == sorted(q.id for q in other)
    assert f"您的工种（{OWN_JOB}）没有符合条件的题目" in page and "全部工种" in page


def test_a_job_the_worker_picked_that_leaves_nothing_says_why_and_offers_every_job(client, login, bank):
    worker = login(job=OTHER_JOB)  # the form presets 爆破工; the worker picks 掘进机司机 himself
    values, form = practice_form(client)
    category = next(o.get("value") for o in form.inputs["category"].iter("option") if o.text.strip() == "三违")
    values.update(category=category, job=OWN_JOB, count="10")
    page = start(client, values)
    assert last_attempt(worker) is None
    assert f"所选工种（{OWN_JOB}）没有符合条件的题目" in page and "全部工种" in page and "3 道" in page


def test_wrong_only_with_an_empty_book_says_the_book_is_empty(client, login, bank):
    login(job=OWN_JOB)
    values, _form = practice_form(client)
    values.update(wrong_only="y")
    page = start(client, values)
    assert "错题本里还没有错题" in page


def test_fewer_questions_than_asked_says_how_many_there_are(client, login, bank):
    """5 道 asked where only the worker's own job's questions fit: the practice holds what there is and says
    so; asking no more than there is says nothing."""
    own, other = bank
    worker = login(job=OWN_JOB)
    values, _form = practice_form(client)
    values.update(count="5")
    page = start(client, values)
    attempt = last_attempt(worker)
    assert len(attempt.items) == len(own) < 5
    assert f"只有 {len(own)} 道符合条件的题" in page
    values.update(job="", count="5")  # every job: all five questions
    page = start(client, values)
    assert len(last_attempt(worker).items) == len(own) + len(other) == 5
    assert "符合条件的题" not in page
