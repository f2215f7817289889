"""Hand-picked questions (手动选题): a paper's picked rule names its questions; the draw takes exactly
them (fixed and per-attempt papers), no filter rule draws them again, the shortfall check reports
picked questions the paper can no longer use; trainers add ticked questions from the bank list to a
draft of theirs (or a new one) and remove them on the edit page, within the paper-editing scope."""

from __future__ import annotations

import re
from decimal import Decimal

import lxml.html
import pytest

from core.db import db, utcnow
from quiz.bank import service
from quiz.taking import attempts, papers
from quiz.taking.models import Attempt, Paper
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user
from tests.papers import draft


def _paper(sections: list[papers.Section], **fields) -> Paper:
    settings = dict(title="指定题目月考", mode="exam", draw="fixed", multi_rule="half", pass_score=Decimal(1),
                    max_attempts=0, shuffle_options=False, shuffle_questions=False, status="draft")
    settings.update(fields)
    paper = Paper(sections=[s.to_dict() for s in sections], **settings)
    db.session.add(paper)
    db.session.flush()
    return paper


@pytest.mark.parametrize("draw", ["fixed", "per_attempt"])
def test_a_paper_draws_exactly_its_picked_questions_and_no_rule_draws_them_twice(app, make_questions, draw):
    singles, judges = make_questions(single=5), make_questions(judge=3)
    picked = [singles[3].id, singles[0].id]
    paper = _paper([papers.Section("single", 3, Decimal(2)),  # a filter rule: must leave the picked ones
                    papers.Section("single", 2, Decimal(5), question_ids=tuple(picked)),
                    papers.Section("judge", 1, Decimal(1), question_ids=(judges[2].id,))], draw=draw)
    assert papers.shortfalls(paper) == []
    papers.publish(paper)
    db.session.commit()
    worker = create_user("worker")
    for _ in range(4):  # per-attempt papers draw anew every sitting; the picked ones are always there
        attempt = attempts.start_paper(paper, worker, utcnow())
        ids = [i.question_id for i in attempt.items]
        assert len(ids) == len(set(ids)) == 6
        assert set(picked) | {judges[2].id} <= set(ids)
        assert {i.question_id: i.points for i in attempt.items}[picked[0]] == Decimal(5)
        assert set(ids) - set(picked) - {judges[2].id} == {q.id for q in singles} - set(picked)
        attempts.submit(attempt, utcnow())
        db.session.commit()
    assert paper.question_count == 6 and paper.total_points == Decimal(2 * 3 + 5 * 2 + 1)


def test_a_retired_or_retyped_picked_question_is_reported_and_publishing_refuses(app, make_questions):
    singles = make_questions(single=3)
    ids = tuple(q.id for q in singles)
    paper = _paper([papers.Section("single", 3, Decimal(2), question_ids=ids)])
    assert papers.shortfalls(paper) == []
    service.set_status([singles[1]], "retired")
    service.edit_question(singles[2], draft("judge", 999))  # edited into a 判断题: no longer a 单选题
    db.session.commit()
    short = papers.shortfalls(paper)
    assert [s.missing for s in short] == [(ids[1], ids[2])]
    assert f"{ids[1]}、{ids[2]}" in short[0].message
    with pytest.raises(papers.PaperError, match="不能用"):
        papers.publish(paper)


def test_a_fixed_paper_keeps_the_version_current_at_publish(app, make_questions):
    (question,) = make_questions(single=1)
    paper = _paper([papers.Section("single", 1, Decimal(2), question_ids=(question.id,))])
    papers.publish(paper)
    db.session.commit()
    published = question.current_version_id
    service.edit_question(question, draft("single", 998))
    db.session.commit()
    assert question.current_version_id != published
    attempt = attempts.start_paper(paper, create_user("worker"), utcnow())
    assert [i.version_id for i in attempt.items] == [published]


# ---------------------------------------------------------------- pages


@pytest.fixture
def mine(app, make_questions):
    a1, b1 = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进一班")
    return {"questions": make_questions(single=3, judge=2, multi=1), "a1": a1, "b1": b1,
            "trainer": create_user("unit_trainer", a1), "other": create_user("unit_trainer", b1),
            "worker": create_user("worker", a1), "outsider": create_user("worker", b1)}


def _form(page: str, field: str) -> tuple[str, dict[str, list[str]]]:
    """(action, values) of the page's form holding `field`, as a browser would submit it."""
    doc = lxml.html.document_fromstring(page)
    form = next(f for f in doc.forms if field in f.fields or f.xpath(f'.//*[@name="{field}"]'))
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return form.action, values


def _token(visitor: Visitor, url: str = "/papers") -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', visitor.get(url).get_data(as_text=True)).group(1)


def _picked(paper_id: int) -> list[int]:
    db.session.expire_all()
    return [q for s in papers.sections_of(db.session.get(Paper, paper_id)) for q in s.question_ids]


def test_a_trainer_ticks_questions_on_the_bank_adds_them_to_a_new_paper_and_a_worker_gets_exactly_them(app, mine):
    trainer = Visitor(app, mine["trainer"])
    bank = trainer.get("/bank/?status=approved").get_data(as_text=True)
    assert 'id="pick-submit"' in bank
    doc = lxml.html.document_fromstring(bank)
    button = doc.get_element_by_id("pick-submit")
    _, values = _form(bank, "ids")
    ticked = [q.id for q in mine["questions"]][2:5]  # a single and two judges
    values.update(ids=[str(i) for i in ticked])
    choose = trainer.post(button.get("formaction"), data=values)
    assert choose.status_code == 200
    action, values = _form(choose.get_data(as_text=True), "paper")
    assert values["ids"] == [str(i) for i in ticked] and values["paper"] == ["new"]
    values["title"] = ["指定题目测验"]
    done = trainer.post(action, data=values)
    assert done.status_code == 302
    paper = db.session.scalar(db.select(Paper).where(Paper.title == "指定题目测验"))
    assert paper is not None and paper.status == "draft" and sorted(_picked(paper.id)) == sorted(ticked)

    edit = trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    assert "指定题目" in edit and "单选题 1道" in edit and "判断题 2道" in edit
    assert edit.count(">移除</button>") == 3
    # Saving the paper form (here with its pass mark) keeps the picked questions.
    _, values = _form(edit, "title")
    values["pass_score"] = ["1"]
    assert trainer.post(f"/papers/{paper.id}/edit", data=values).status_code == 302
    assert sorted(_picked(paper.id)) == sorted(ticked)

    assert trainer.post(f"/papers/{paper.id}/publish", data={"csrf_token": _token(trainer)}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "published"

    worker = Visitor(app, mine["worker"])
    assert "指定题目测验" in worker.get("/quizzes").get_data(as_text=True)
    started = worker.post(f"/papers/{paper.id}/start", data={"csrf_token": _token(worker, "/quizzes")})
    assert started.status_code == 302
    attempt = db.session.scalar(db.select(Attempt).where(Attempt.paper_id == paper.id))
    assert sorted(i.question_id for i in attempt.items) == sorted(ticked)
    outsider = Visitor(app, mine["outsider"])
    assert "指定题目测验" not in outsider.get("/quizzes").get_data(as_text=True)


def test_the_edit_page_removes_a_picked_question_and_sets_the_points_of_its_type(app, mine):
    trainer = Visitor(app, mine["trainer"])
    ids = [q.id for q in mine["questions"]][:2]  # two singles
    token = _token(trainer)
    trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(i) for i in ids], "paper": "new"})
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    assert trainer.post(f"/papers/{paper.id}/picked/{ids[0]}/remove", data={"csrf_token": token}).status_code == 302
    assert _picked(paper.id) == [ids[1]]
    trainer.post(f"/papers/{paper.id}/picked/points", data={"csrf_token": token, "type": "single", "points": "3.5"})
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).total_points == Decimal("3.5")


def test_a_trainer_cannot_add_to_another_trainers_paper_outside_their_scope(app, mine):
    theirs = _paper([papers.Section("single", 1, Decimal(2))], created_by_id=mine["other"].id)
    papers.set_audience(theirs, unit_ids=[mine["b1"].unit_id])
    db.session.commit()
    before = list(theirs.sections)
    trainer = Visitor(app, mine["trainer"])
    token = _token(trainer)
    ids = [str(mine["questions"][0].id)]
    choose = trainer.post("/papers/pick", data={"csrf_token": token, "ids": ids}).get_data(as_text=True)
    assert f'name="paper" value="{theirs.id}"' not in choose and 'name="paper" value="new"' in choose
    # Another unit's draft is not even seen (quiz.taking.access): 404, as for a missing paper.
    assert trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": ids,
                                                  "paper": str(theirs.id)}).status_code == 404
    assert trainer.post(f"/papers/{theirs.id}/picked/{ids[0]}/remove", data={"csrf_token": token}).status_code == 404
    assert trainer.post(f"/papers/{theirs.id}/picked/points",
                        data={"csrf_token": token, "type": "single", "points": "9"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Paper, theirs.id).sections == before


def test_a_published_paper_takes_no_picked_questions(app, mine):
    trainer = Visitor(app, mine["trainer"])
    token = _token(trainer)
    trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(mine["questions"][0].id)], "paper": "new"})
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    paper.pass_score = Decimal(1)
    db.session.commit()
    trainer.post(f"/papers/{paper.id}/publish", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "published"
    assert trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(mine["questions"][1].id)],
                                                  "paper": str(paper.id)}).status_code == 403
    assert _picked(paper.id) == [mine["questions"][0].id]


def test_workers_cannot_reach_the_routes_and_every_form_needs_its_token(app, mine):
    worker = Visitor(app, mine["worker"])
    token = _token(worker, "/quizzes")
    paper = _paper([papers.Section("single", 1, Decimal(2), question_ids=(mine["questions"][0].id,))],
                   created_by_id=mine["trainer"].id)
    db.session.commit()
    data = {"csrf_token": token, "ids": [str(mine["questions"][1].id)], "paper": str(paper.id), "type": "single",
            "points": "3"}
    routes = ["/papers/pick", "/papers/pick/add", f"/papers/{paper.id}/picked/{mine['questions'][0].id}/remove",
              f"/papers/{paper.id}/picked/points"]
    for url in routes:
        assert worker.post(url, data=data).status_code == 403
    trainer = Visitor(app, mine["trainer"])
    for url in routes:
        assert trainer.post(url, data={k: v for k, v in data.items() if k != "csrf_token"}).status_code == 400
    assert _picked(paper.id) == [mine["questions"][0].id]


def test_the_rule_rows_available_counts_leave_out_the_picked_questions(app, mine):
    trainer = Visitor(app, mine["trainer"])
    token = _token(trainer)
    singles = [str(q.id) for q in mine["questions"][:2]]
    trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": singles, "paper": "new"})
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    _, values = _form(trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True), "title")
    assert sorted(values["picked"]) == sorted(singles)
    values.update({"sections-0-type": ["single"], "sections-0-count": ["3"]})
    values.pop("csrf_token")
    rows = trainer.get("/papers/available", query_string=values).get_json()["rows"]
    assert rows == {"0": 1}  # three singles in the bank, two of them picked


def test_the_review_page_adds_ticked_generated_questions_to_a_paper(app, mine):
    from quiz.bank.service import Origin

    made = [service.add_question(draft("judge", 500 + n), origin=Origin(kind="generated", generator="test"))
            for n in range(2)]
    db.session.commit()
    trainer = Visitor(app, mine["trainer"])
    page = trainer.get("/bank/review/?ids=" + ",".join(str(q.id) for q in made)).get_data(as_text=True)
    button = lxml.html.document_fromstring(page).get_element_by_id("review-pick")
    _, values = _form(page, "ids")
    values["ids"] = [str(q.id) for q in made]
    choose = trainer.post(button.get("formaction"), data=values)
    assert choose.status_code == 200
    action, values = _form(choose.get_data(as_text=True), "paper")
    assert trainer.post(action, data=values).status_code == 302
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    assert sorted(_picked(paper.id)) == sorted(q.id for q in made)


def test_a_paper_made_from_picks_gets_a_pass_mark_that_fits_its_total_and_the_page_shows_its_share(app, mine):
    """Three singles at 2 points: total 6, pass mark 80% of it (4.8), so it publishes as it is; a pass
    mark still at that share follows the total as picks come and go, one the trainer set stays."""
    trainer = Visitor(app, mine["trainer"])
    token = _token(trainer)
    ids = [q.id for q in mine["questions"]]
    added = trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(i) for i in ids[:3]],
                                                   "paper": "new"}, follow_redirects=True)
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    assert paper.total_points == Decimal(6) and paper.pass_score == Decimal("4.8")
    assert "4.8" in added.get_data(as_text=True)
    edit = trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    share = lxml.html.document_fromstring(edit).find_class("pass-share")[0]
    assert share.text_content().split() == ["总分6分，及格分4.8分，占总分的80%"]
    assert share.get("data-picked-total") == "6"
    assert papers.problems(paper) == []
    assert trainer.post(f"/papers/{paper.id}/picked/{ids[0]}/remove", data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).pass_score == Decimal("3.2")  # 80% of 4
    _, values = _form(trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True), "title")
    values["pass_score"] = ["3"]
    assert trainer.post(f"/papers/{paper.id}/edit", data=values).status_code == 302
    edit = trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    assert "总分4分，及格分3分，占总分的75%" in edit
    trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(ids[3])], "paper": str(paper.id)})
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).pass_score == Decimal(3)
    assert trainer.post(f"/papers/{paper.id}/publish", data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "published"


def test_picks_added_to_a_practice_paper_mention_no_pass_mark_and_its_form_says_it_has_none(app, mine):
    """A practice without a pass line: adding picks reports no pass mark, the form beside the field says so."""
    trainer = Visitor(app, mine["trainer"])
    token = _token(trainer)
    ids = [q.id for q in mine["questions"]]
    trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(ids[0])], "paper": "new"},
                 follow_redirects=True)  # its notice shown
    paper = db.session.scalar(db.select(Paper).order_by(Paper.id.desc()))
    paper.mode, paper.pass_score = "practice", None
    db.session.commit()
    added = trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": [str(i) for i in ids[1:3]],
                                                   "paper": str(paper.id)}, follow_redirects=True)
    notice = added.get_data(as_text=True)
    assert "已加入2道题" in notice and "及格分随总分" not in notice
    edit = trainer.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    share = lxml.html.document_fromstring(edit).find_class("pass-share")[0]
    assert share.text_content().split() == ["总分6分；及格分留空则练习不设及格线，不判合格与否"]
