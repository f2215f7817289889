"""纠错 keeps the worker's context: options are shuffled per person, so his "答案B有误" means HIS B. A report
stores the order he saw and his answer then; the trainer's page translates both to the question's own
letters (职工看到的 B 即本题的 C（1.0%）). Once a trainer settles it, the worker sees the outcome — once the
question's answer is out for him (no exam still open to him holds it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.db import db, utcnow
from quiz.bank import flags, service
from quiz.bank.models import QuestionFlag
from quiz.taking import attempts
from tests.conftest import csrf_token
from tests.factories import create_team, create_user
from tests.papers import draft, options, picked_paper


def sign_in_as(client, user) -> None:
    """Sign `client` out, then in as `user` (made with the factories' password)."""
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    response = client.post("/login", data={"username": user.username, "password": "Passw0rd!x",
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302


LIMITS = options("0.5%", "0.75%", "1.0%", "1.5%")  # canonical A … D


def test_the_context_reads_his_letters_as_the_questions_own(app) -> None:
    question = service.add_question(draft("single", 1, options=LIMITS, answer=("C",)))
    worker = create_user()
    # he saw B, C, A, D as A, B, C, D: his B is the question's C (1.0%); he answered his C (the question's A)
    flag = flags.flag_question(question, worker.id, "wrong", "本题答案B有误", option_order=["B", "C", "A", "D"],
                               response=["A"])
    seen = flags.seen_by_worker(flag)
    assert "职工看到的 B 即本题的 C（1.0%）" in seen.order
    assert "职工看到的 A 即本题的 B（0.75%）" in seen.order
    assert seen.answer == "他的作答：C，即本题的 A（0.5%）"


def test_an_unshuffled_order_and_no_answer_say_so(app) -> None:
    question = service.add_question(draft("single", 2, options=LIMITS, answer=("C",)))
    worker = create_user()
    flag = flags.flag_question(question, worker.id, "unclear", "", option_order=["A", "B", "C", "D"])
    seen = flags.seen_by_worker(flag)
    assert seen.order == ["职工看到的选项顺序与本题相同"] and seen.answer == "他当时尚未作答"
    old = flags.flag_question(service.add_question(draft("single", 3)), worker.id, "unclear", "")
    assert flags.seen_by_worker(old).order == [] and flags.seen_by_worker(old).answer == ""


@pytest.fixture
def sitting(app):
    """A worker in an exam whose single-choice question he sees in the order B, C, A, D; he chose his B."""
    team = create_team("综采一队", "回收班")
    question = service.add_question(draft("single", 1, options=LIMITS, answer=("C",)))
    db.session.flush()
    now = utcnow()
    paper = picked_paper([(question.id, question.current_version_id)], team.id, now, closes_at=now + timedelta(hours=2), title="12月月考",
                         pass_score=None)
    worker = create_user(team=team)
    attempt = attempts.start_paper(paper, worker, now)
    item = attempt.items[0]
    item.option_order = ["B", "C", "A", "D"]
    db.session.flush()
    attempts.save_answer(attempt, item.position, ["B"], None, now)
    db.session.commit()
    return team, question, worker, attempt


def test_a_report_through_the_api_keeps_his_order_and_answer_and_the_trainer_reads_them(app, client, login, sitting):
    team, question, worker, attempt = sitting
    trainer = login(role="unit_trainer", team=team)
    sign_in_as(client, worker)
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    response = client.post(f"/api/v1/questions/{question.id}/flags", json={"reason": "wrong", "comment": "本题答案B有误"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.get_json()
    flag = db.session.query(QuestionFlag).one()
    assert flag.option_order == ["B", "C", "A", "D"] and flag.response == ["C"]
    sign_in_as(client, trainer)
    page = client.get(f"/bank/{question.id}").get_data(as_text=True)
    assert "本题答案B有误" in page and "职工看到的 B 即本题的 C（1.0%）" in page
    assert "他的作答：B，即本题的 C（1.0%）" in page


@pytest.mark.parametrize(("outcome", "said"), [("fixed", "已核实并处理"), ("rejected", "经核实题目无误")])
def test_the_worker_sees_how_his_report_was_settled_once_the_exam_is_over(app, client, login, sitting, outcome,
                                                                          said):
    """经核实题目无误 on his "答案应为C" tells him whether C is the key: while the exam holding the question is
    still open to him (sitting it, or handed in before its window closes) he reads only that it was settled."""
    team, question, worker, attempt = sitting
    flags.flag_question(question, worker.id, "wrong", "本题答案B有误", option_order=["B", "C", "A", "D"])
    db.session.commit()
    login(role="unit_trainer", team=team)
    url = f"/bank/{question.id}/flags/resolve"
    response = client.post(url, data={"csrf_token": csrf_token(client, f"/bank/{question.id}"), "outcome": outcome})
    assert response.status_code == 302
    flag = db.session.query(QuestionFlag).one()
    assert flag.resolved_at is not None and flag.outcome == outcome
    sign_in_as(client, worker)
    home = client.get("/").get_data(as_text=True)
    assert said not in home and f"您报告的第{question.id}题纠错{flags.SEALED_OUTCOME}" in home
    attempts.submit(attempt, utcnow())
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert said not in home and f"您报告的第{question.id}题纠错{flags.SEALED_OUTCOME}" in home
    attempt.paper.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert f"您报告的第{question.id}题纠错已处理：{said}" in home and flags.SEALED_OUTCOME not in home
