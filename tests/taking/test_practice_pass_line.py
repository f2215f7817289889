"""A practice paper may have a pass line (及格线) or none; an exam always has one.

Left empty (a practice's default) its sittings are neither 合格 nor 不合格 and count in no pass rate, as
before; set, a practice sitting is judged against it like an exam's, on the worker's result and history
and on the trainer's pages (the paper's 成绩, the 含练习 team and person pages, an assignment's counts).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import Target
from quiz.taking import attempts, papers
from quiz.taking.models import Paper, PaperAudience
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_team, create_user
from tests.results.test_practice_sittings import _sit

# ---------------------------------------------------------------- the rules, without a request


@pytest.fixture
def team(app):
    return create_team(team_name="综采班")


def _practice(make_paper, team, pass_score):
    """A published practice of three one-point questions for the team."""
    return make_paper(sections=(("single", 3, "1"),), mode="practice", title="综采练习", pass_score=pass_score,
                      max_attempts=0, audience=[PaperAudience(team_id=team.id)])


def test_a_practice_sitting_is_judged_against_the_papers_pass_line(app, team, make_paper):
    paper = _practice(make_paper, team, Decimal(2))
    good, poor = create_user(team=team), create_user(team=team)
    passed, failed = _sit(paper, good, 3, utcnow()), _sit(paper, poor, 1, utcnow())
    assert (passed.pass_score, passed.score, passed.passed) == (Decimal(2), Decimal(3), True)
    assert (failed.pass_score, failed.score, failed.passed) == (Decimal(2), Decimal(1), False)


def test_a_practice_without_a_pass_line_judges_no_sitting(app, team, make_paper):
    paper = _practice(make_paper, team, None)
    sitting = _sit(paper, create_user(team=team), 3, utcnow())
    assert (sitting.pass_score, sitting.passed) == (None, None)
    assert attempts.result_view(sitting, utcnow())["passed"] is None


def test_an_exam_needs_a_pass_line_a_practice_may_go_without(app, make_paper):
    exam = make_paper(sections=(("single", 2, "2"),), publish=False, pass_score=None)
    assert "考试须设及格分。" in papers.problems(exam)
    practice = make_paper(sections=(("single", 2, "2"),), publish=False, mode="practice", pass_score=None)
    assert papers.problems(practice) == []


def test_a_practice_pass_line_may_not_exceed_its_total(app, make_paper):
    practice = make_paper(sections=(("single", 2, "2"),), publish=False, mode="practice", pass_score=Decimal(5))
    assert papers.problems(practice) == ["及格分5高于总分4。"]


def test_the_pass_share_beside_the_field_says_whether_a_practice_has_a_pass_line():
    assert papers.pass_share_text(Decimal(3), Decimal(4), "practice") == "总分4分，及格分3分，占总分的75%"
    assert papers.pass_share_text(None, Decimal(4), "practice") == f"总分4分；{papers.NO_PASS_LINE}"
    assert papers.pass_share_text(None, Decimal(4), "exam") == "总分4分"


# ---------------------------------------------------------------- the paper form


@pytest.fixture
def admin(app):
    return Visitor(app, create_user("admin"))


def _save(visitor, mode: str, pass_score: str, url: str = "/papers/new", title: str = "顶板练习"):
    data = form_values(visitor.get(url).get_data(as_text=True))
    data.update({"title": [title], "mode": [mode], "pass_score": [pass_score], "max_attempts": [""],
                 "sections-0-type": ["single"], "sections-0-count": ["2"], "sections-0-points": ["2"]})
    return visitor.post(url, data=data, follow_redirects=True).get_data(as_text=True)


def _stored(title: str = "顶板练习") -> Paper | None:
    db.session.expire_all()
    return db.session.query(Paper).filter_by(title=title).one_or_none()


def _errors(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r'<p class="error">(.*?)</p>', page, re.S)]


def test_a_practice_saved_with_an_empty_pass_line_has_none(admin, make_questions):
    make_questions(single=2)
    _save(admin, "practice", "")
    paper = _stored()
    assert paper is not None and paper.mode == "practice" and paper.pass_score is None


def test_a_practice_saved_with_a_pass_line_keeps_it_and_can_drop_it_again(admin, make_questions):
    make_questions(single=2)
    _save(admin, "practice", "3.5")
    paper = _stored()
    assert paper is not None and paper.pass_score == Decimal("3.5")
    edit = f"/papers/{paper.id}/edit"
    assert form_values(admin.get(edit).get_data(as_text=True))["pass_score"] == ["3.5"]
    _save(admin, "practice", "", url=edit)
    assert _stored().pass_score is None
    assert form_values(admin.get(edit).get_data(as_text=True))["pass_score"] == [""]


def test_an_exam_without_a_pass_line_is_refused(admin, make_questions):
    make_questions(single=2)
    page = _save(admin, "exam", "")
    assert _stored() is None
    assert _errors(page) == ["考试须填写及格分。"]


@pytest.mark.parametrize(("mode", "value", "message"), [
    ("practice", "八十", "及格分须为数字，如 80 或 72.5。"),
    ("exam", "abc", "及格分须为数字，如 80 或 72.5。"),
    ("practice", "-1", "及格分应在0到1000分之间。"),
    ("exam", "5000", "及格分应在0到1000分之间。"),
])
def test_a_pass_line_that_is_no_mark_is_refused_in_chinese(admin, make_questions, mode, value, message):
    make_questions(single=2)
    page = _save(admin, mode, value)
    assert _stored() is None
    assert _errors(page) == [message]


def test_a_practice_pass_line_above_its_total_is_refused(admin, make_questions):
    make_questions(single=2)
    page = _save(admin, "practice", "5")
    assert _stored() is None
    assert "及格分5高于总分4。" in page


# ---------------------------------------------------------------- what the pages show


@pytest.fixture
def practised(app, team, make_paper):
    """A practice with a pass line of 2 of 3, sat by two of the team's three workers: one passed, one failed."""
    paper = _practice(make_paper, team, Decimal(2))
    workers = [create_user(team=team, name=f"综采{n}") for n in range(3)]
    sittings = [_sit(paper, worker, right, utcnow()) for worker, right in zip(workers, (3, 1), strict=False)]
    return paper, workers, sittings


def _figure(page: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', page)
    assert match, f"no figure {name}"
    return match.group(1)


def test_the_worker_sees_his_practice_passed_or_failed(app, practised):
    _paper, workers, sittings = practised
    good, poor = Visitor(app, workers[0]), Visitor(app, workers[1])
    assert '<span class="badge current">合格</span>' in good.get(f"/attempts/{sittings[0].id}/result").get_data(
        as_text=True)
    assert '<span class="badge repealed">不合格</span>' in poor.get(f"/attempts/{sittings[1].id}/result").get_data(
        as_text=True)
    assert "不合格" in poor.get("/history").get_data(as_text=True)


def test_the_trainer_counts_practice_passes_where_it_has_a_pass_line(app, team, practised):
    paper, workers, _sittings = practised
    admin = Visitor(app, create_user("admin"))
    detail = admin.get(f"/papers/{paper.id}").get_data(as_text=True)
    assert "交卷 2 份，合格 1 份（合格率 50.0%）" in detail
    assert "<dt>及格</dt><dd>2分" in detail
    with_practice = admin.get(f"/results/teams/{team.id}?sittings=practice").get_data(as_text=True)
    assert _figure(with_practice, "pass_rate") == "50.0%"
    assert "设及格线的 2 份中合格 1 份" in with_practice
    exams_only = admin.get(f"/results/teams/{team.id}").get_data(as_text=True)
    assert "没有设及格线的答卷" in exams_only  # 仅考试 counts no practice
    person = admin.get(f"/results/workers/{workers[1].id}").get_data(as_text=True)
    assert "不合格" in person


def test_the_trainer_sees_no_pass_count_for_a_practice_without_a_pass_line(app, team, make_paper):
    paper = _practice(make_paper, team, None)
    _sit(paper, create_user(team=team), 3, utcnow())
    admin = Visitor(app, create_user("admin"))
    detail = admin.get(f"/papers/{paper.id}").get_data(as_text=True)
    assert "交卷 1 份（练习不设及格线，只看得分）" in detail and "<dt>及格</dt>" not in detail
    with_practice = admin.get(f"/results/teams/{team.id}?sittings=practice").get_data(as_text=True)
    assert "没有设及格线的答卷" in with_practice


def test_an_assigned_practice_with_a_pass_line_counts_passed_and_failed(app, team, practised):
    paper, _workers, sittings = practised
    admin = create_user("admin")
    now = utcnow()
    set_at = min(s.started_at for s in sittings)  # the sittings count: none began before the task was set
    assignment = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=2), by=admin,
                                      now=set_at)
    db.session.commit()
    counts = progress.counts(progress.standings(assignment, now), progress.graded(assignment))
    assert (counts.graded, counts.passed, counts.failed, counts.done) == (True, 1, 1, 0)
