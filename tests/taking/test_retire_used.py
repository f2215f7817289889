"""Retiring (or sending back) a question a published, still-open paper uses: the trainer is asked to
confirm, the page naming those papers and what happens to each; a paper already under way keeps
working for its workers — a picked question is asked in the version the paper stored when published —
and a worker never meets the draw's technical message."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from quiz.bank import service
from quiz.bank.models import Question
from quiz.taking import attempts, papers, retiring
from quiz.taking.attempts import AttemptError
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user


@pytest.fixture
def crew(app):
    team = create_team("综采一队", "回收班")
    return {"team": team, "trainer": create_user("unit_trainer", team), "leader": create_user("team_leader", team),
            "w1": create_user("worker", team), "w2": create_user("worker", team)}


def _picked_paper(questions, team, draw="per_attempt", title="指定题月考") -> Paper:
    ids = tuple(q.id for q in questions)
    paper = Paper(title=title, mode="exam", draw=draw, multi_rule="half", pass_score=Decimal(1), max_attempts=1,
                  shuffle_options=False, shuffle_questions=False, status="draft",
                  sections=[papers.Section("single", len(ids), Decimal(10), question_ids=ids).to_dict()])
    db.session.add(paper)
    db.session.flush()
    papers.set_audience(paper, team_ids=[team.id])
    papers.publish(paper)
    db.session.commit()
    return paper


def _judging_paper(crew, title: str, **fields) -> Paper:
    """A published exam drawing its 2 判断题 anew for every sitting, open to the crew's team."""
    paper = Paper(title=title, mode="exam", draw="per_attempt", multi_rule="half", pass_score=Decimal(1),
                  max_attempts=1, shuffle_options=False, shuffle_questions=False, status="draft",
                  sections=[papers.Section("judge", 2, Decimal(5)).to_dict()], **fields)
    db.session.add(paper)
    db.session.flush()
    papers.set_audience(paper, team_ids=[crew["team"].id])
    papers.publish(paper)
    db.session.commit()
    return paper


def _token(visitor: Visitor, url: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', visitor.get(url).get_data(as_text=True)).group(1)


def test_a_per_sitting_paper_keeps_asking_a_picked_question_retired_after_it_was_published(app, crew, make_questions):
    questions = make_questions(single=2)
    published = {q.id: q.current_version_id for q in questions}
    paper = _picked_paper(questions, crew["team"])
    now = utcnow()
    first = attempts.start_paper(paper, crew["w1"], now)
    db.session.commit()
    service.set_status([questions[0]], "retired")
    db.session.commit()

    second = attempts.start_paper(paper, crew["w2"], now)
    db.session.commit()
    assert {i.question_id: i.version_id for i in second.items} == published
    assert len(first.items) == len(second.items) == 2
    # The trainer still sees it is retired; the paper's page no longer calls the rule short.
    assert papers.shortfalls(db.session.get(Paper, paper.id)) == []


def test_a_paper_published_before_versions_were_stored_falls_back_to_its_sittings(app, crew, make_questions):
    questions = make_questions(single=2)
    paper = _picked_paper(questions, crew["team"])
    # as a paper published by an older release stored it
    paper.sections = [{k: v for k, v in s.items() if k != "version_ids"} for s in paper.sections]
    db.session.commit()
    db.session.expire_all()
    assert all("version_ids" not in s for s in db.session.get(Paper, paper.id).sections)
    now = utcnow()
    first = attempts.start_paper(paper, crew["w1"], now)
    db.session.commit()
    used = {i.question_id: i.version_id for i in first.items}
    # Edited (a new version) and then retired: the sitting's version is asked, not the new one.
    edited = questions[1].to_draft()
    service.edit_question(questions[1], replace(edited, stem="改过的题干（ ）。"))
    service.set_status([questions[1]], "retired")
    db.session.commit()
    assert questions[1].current_version_id != used[questions[1].id]
    second = attempts.start_paper(paper, crew["w2"], now)
    assert {i.question_id: i.version_id for i in second.items} == used


def test_retiring_a_question_of_an_open_paper_asks_first_naming_the_paper(app, crew, make_questions):
    questions = make_questions(single=3)
    paper = _picked_paper(questions[:2], crew["team"], draw="fixed", title="十二月固定卷")
    target = questions[0]
    trainer = Visitor(app, crew["trainer"])
    url = f"/bank/{target.id}/status/retired"
    asked = trainer.post(url, data={"csrf_token": _token(trainer, f"/bank/{target.id}")})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in text
    assert "十二月固定卷" in text and "保存的版本" in text
    db.session.expire_all()
    assert db.session.get(Question, target.id).status == "approved"

    done = trainer.post(url, data={"csrf_token": _token(trainer, f"/bank/{target.id}"), "confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, target.id).status == "retired"
    # A question no open paper uses retires without a question asked.
    other = questions[2]
    plain = trainer.post(f"/bank/{other.id}/status/retired", data={"csrf_token": _token(trainer, f"/bank/{other.id}")})
    assert plain.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, other.id).status == "retired"
    assert paper.id


def test_the_bulk_action_asks_first_too(app, crew, make_questions):
    questions = make_questions(single=2)
    _picked_paper(questions, crew["team"], title="批量卷")
    trainer = Visitor(app, crew["trainer"])
    asked = trainer.post("/bank/bulk", data={"csrf_token": _token(trainer, "/bank/"), "action": "draft",
                                             "ids": [str(q.id) for q in questions]})
    text = asked.get_data(as_text=True)
    assert 'id="confirm-step"' in text and "批量卷" in text
    db.session.expire_all()
    assert {db.session.get(Question, q.id).status for q in questions} == {"approved"}


def test_a_rule_left_short_is_said_before_and_the_worker_gets_no_technical_message(app, crew, make_questions):
    questions = make_questions(judge=2)
    paper = _judging_paper(crew, "随机卷", closes_at=utcnow() + timedelta(days=3))
    trainer = Visitor(app, crew["trainer"])
    url = f"/bank/{questions[0].id}/status/retired"
    text = trainer.post(url, data={"csrf_token": _token(trainer, f"/bank/{questions[0].id}")}).get_data(as_text=True)
    assert 'id="confirm-step"' in text and "随机卷" in text and "不能开考" in text
    trainer.post(url, data={"csrf_token": _token(trainer, f"/bank/{questions[0].id}"), "confirmed": "1"})
    db.session.expire_all()
    with pytest.raises(AttemptError) as refused:
        attempts.start_paper(db.session.get(Paper, paper.id), crew["w1"], utcnow())
    assert "规则" not in str(refused.value) and "第" not in str(refused.value) and "培训员" in str(refused.value)


def _edit_fields(question: Question, status: str) -> dict:
    """The edit form's fields as it shows the question, but for `status` (its 状态 select)."""
    draft = question.to_draft()
    return {"type": draft.type, "stem": draft.stem, "options": "\n".join(f"{o.key}.{o.text}" for o in draft.options),
            "answer": "".join(draft.answer), "explanation": draft.explanation, "difficulty": str(draft.difficulty),
            "category": "", "jobs": "", "status": status}


def test_the_edit_forms_status_asks_first_too(app, crew, make_questions):
    questions = make_questions(single=2)
    _picked_paper(questions, crew["team"], draw="fixed", title="编辑卷")
    target = questions[0]
    trainer = Visitor(app, crew["trainer"])
    url = f"/bank/{target.id}/edit"
    fields = _edit_fields(target, "retired")
    asked = trainer.post(url, data={**fields, "csrf_token": _token(trainer, url)})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in text and "编辑卷" in text and "保存的版本" in text
    assert 'name="stem"' in text  # the confirmation posts the edit again
    db.session.expire_all()
    assert db.session.get(Question, target.id).status == "approved"

    done = trainer.post(url, data={**fields, "csrf_token": _token(trainer, url), "confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, target.id).status == "retired"
    # An edit that keeps the status saves without a question asked.
    other = questions[1]
    plain = trainer.post(f"/bank/{other.id}/edit", data={**_edit_fields(other, "approved"),
                                                          "csrf_token": _token(trainer, f"/bank/{other.id}/edit")})
    assert plain.status_code == 302


def _generated(make_questions, count: int) -> list[Question]:
    from quiz.generation.models import GenerationRecord

    questions = make_questions(judge=count)
    for question in questions:
        question.origin, question.generator = "generated", "hazard.test"
        db.session.add(GenerationRecord(question_id=question.id, generator="hazard.test", inputs={}))
    db.session.commit()
    return questions


def test_rejecting_a_generated_question_in_review_asks_first_too(app, crew, make_questions):
    from quiz.generation.models import Rejection

    questions = _generated(make_questions, 2)
    _judging_paper(crew, "审核随机卷", created_by_id=crew["trainer"].id)
    trainer = Visitor(app, crew["trainer"])
    fields = {"ids": [str(questions[0].id)], "action": "reject", "reason": "too_easy", "note": ""}
    asked = trainer.post("/bank/review/act", data={**fields, "csrf_token": _token(trainer, "/bank/review/")})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in text
    assert "审核随机卷" in text and "不能开考" in text and 'name="reason" value="too_easy"' in text
    db.session.expire_all()
    assert db.session.get(Question, questions[0].id).status == "approved"
    assert db.session.scalar(select(func.count()).select_from(Rejection)) == 0
    # Without a reason the queue says so first, and asks nothing.
    bare = trainer.post("/bank/review/act", data={**fields, "reason": "", "csrf_token": _token(trainer, "/bank/review/")})
    assert bare.status_code == 302

    done = trainer.post("/bank/review/act",
                        data={**fields, "csrf_token": _token(trainer, "/bank/review/"), "confirmed": "1"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/bank/review/")
    db.session.expire_all()
    assert db.session.get(Question, questions[0].id).status == "retired"
    assert db.session.scalar(select(func.count()).select_from(Rejection)) == 1


def test_one_account_of_what_withdrawing_does_for_every_path(app, crew, make_questions):
    """quiz.bank.withdrawal.consequences is what each page asks: the status buttons, the edit form, review."""
    from quiz.bank import withdrawal

    questions = make_questions(judge=2)
    _judging_paper(crew, "共用随机卷", created_by_id=crew["trainer"].id)
    now = utcnow()
    retire = withdrawal.status_consequences([questions[0]], "retired", crew["trainer"], now)
    assert len(retire) == 1 and "共用随机卷" in retire[0] and "停用后只剩1道" in retire[0]
    back = withdrawal.status_consequences([questions[0]], "draft", crew["trainer"], now)
    assert "退回草稿后只剩1道" in back[0]
    assert withdrawal.status_consequences([questions[0]], "approved", crew["trainer"], now) == []


def _exam_for(team, questions, author, title) -> Paper:
    paper = Paper(title=title, mode="exam", draw="fixed", multi_rule="half", pass_score=Decimal(1), max_attempts=1,
                  shuffle_options=False, shuffle_questions=False, status="draft", created_by_id=author.id,
                  sections=[papers.Section("single", len(questions), Decimal(10),
                                           question_ids=tuple(q.id for q in questions)).to_dict()])
    db.session.add(paper)
    db.session.flush()
    papers.set_audience(paper, team_ids=[team.id])
    papers.publish(paper)
    db.session.commit()
    return paper


def test_papers_seen_but_not_managed_name_who_can_and_unseen_ones_are_counted(app, crew, make_questions):
    """A 班组长 sees his 区队培训员's paper for his team but cannot 停用 it: the page names its 出卷人; a paper of
    another team he does not see is only counted."""
    questions = make_questions(single=1)
    other_team = create_team("综采一队", "检修班")
    _exam_for(crew["team"], questions, crew["trainer"], "区队月考")
    _exam_for(other_team, questions, crew["trainer"], "检修班月考")
    _exam_for(crew["team"], questions, crew["leader"], "班组自出卷")
    lines = retiring.consequences([questions[0].id], crew["leader"], utcnow())
    text = "\n".join(lines)
    seen = next(line for line in lines if "区队月考" in line)
    assert "请停用这份试卷" not in seen and crew["trainer"].name in seen and "出卷人" in seen
    own = next(line for line in lines if "班组自出卷" in line)
    assert "请停用这份试卷并新建一份" in own
    assert "检修班月考" not in text and "另有1份您无权查看的进行中试卷" in text and "管理范围外" not in text
    # The 区队培训员 manages all three and is told to 停用 each himself.
    for line in retiring.consequences([questions[0].id], crew["trainer"], utcnow()):
        assert "请停用这份试卷并新建一份" in line
