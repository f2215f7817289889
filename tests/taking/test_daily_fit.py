"""每日一练 draws what fits the worker (quiz.taking.practice.daily_fits): questions tagged for his 工种
(under any of its names) or for a group he belongs to (入井人员), and hazard questions about the site his
区队 works at; others only when too few fit, and the page then says so."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import db
from quiz.bank import service
from quiz.taking.models import Attempt
from tests.factories import create_team
from tests.papers import draft

JOB = "支架工"


def _bank(fitting: int, others: int = 20) -> tuple[set[int], set[int]]:
    """`fitting` questions for a 综采 支架工 (his job, 入井人员, a 综采 hazard in turn), `others` that are not."""
    tags = [(JOB,), ("入井人员",), ()]
    fit = [service.add_question(draft("judge", n, jobs=tags[n % 3])) for n in range(fitting)]
    for n, question in enumerate(fit):
        if not tags[n % 3]:
            question.origin_ref = f"HZ-ZC-{n:03d}"
    unfit = [service.add_question(draft("judge", 100 + n, jobs=("爆破工",) if n % 2 else ()))
             for n in range(others)]
    db.session.commit()
    return {q.id for q in fit}, {q.id for q in unfit}


def _daily(post_form, user) -> tuple[set[int], str]:
    response = post_form("/daily/start", {}, page="/quizzes", follow_redirects=True)
    assert response.status_code == 200
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == user.id, Attempt.mode == "daily"))
    assert attempt is not None
    return {item.question_id for item in attempt.items}, response.get_data(as_text=True)


@pytest.fixture
def worker(login):
    return login(job=JOB, team=create_team("综采一队", "安装班"))


def test_a_worker_with_enough_fitting_questions_gets_only_those(app, post_form, worker) -> None:
    fit, _unfit = _bank(fitting=6)
    drawn, page = _daily(post_form, worker)
    assert len(drawn) == 5 and drawn <= fit
    assert "取自其他工种" not in page


def test_too_few_fitting_questions_are_all_drawn_and_the_page_says_it_widened(app, post_form, worker) -> None:
    fit, unfit = _bank(fitting=2)
    drawn, page = _daily(post_form, worker)
    assert len(drawn) == 5 and fit <= drawn and len(drawn & unfit) == 3
    assert "另有3道题取自其他工种和地点" in page


def test_a_question_about_his_place_fits_and_one_about_another_place_comes_last(app, post_form, worker) -> None:
    at_face = {service.add_question(draft("judge", n, jobs=(), stem=f"采煤工作面第{n}条规定（ ）。")).id
               for n in range(2)}
    elsewhere = {service.add_question(draft("judge", 10 + n, jobs=(),
                                            stem=f"立井凿井期间第{n}条：局部通风机的安装位置距井口不得小于（ ）m。")).id
                 for n in range(8)}
    plain = {service.add_question(draft("judge", 20 + n, jobs=("爆破工",))).id for n in range(3)}
    db.session.commit()
    drawn, page = _daily(post_form, worker)
    assert drawn == at_face | plain and not drawn & elsewhere
    assert "另有3道题取自其他工种和地点" in page
