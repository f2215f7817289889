"""Saving a paper runs the check publishing runs (papers.shortfalls, the same draw): a draft still
saves, but the flash and the paper's page say which rule is short of questions and by how much,
beside that rule, before anyone presses 发布."""

from __future__ import annotations

import re

import pytest

from core.db import db
from quiz.taking import papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_user


@pytest.fixture
def admin(app):
    return Visitor(app, create_user("admin"))


def _save(visitor: Visitor, rules: list[tuple[str, int]], url: str = "/papers/new"):
    data = form_values(visitor.get(url).get_data(as_text=True))
    data.update({"title": ["瓦斯规程小测"], "pass_score": ["1"]})
    for n, (kind, count) in enumerate(rules):
        data.update({f"sections-{n}-type": [kind], f"sections-{n}-count": [str(count)],
                     f"sections-{n}-points": ["2"]})
    return visitor.post(url, data=data, follow_redirects=True)


def _flashes(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'class="flash flash-\w+"[^>]*>(.*?)</div>', page, re.S)]


def _shortfall_notes(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r'class="shortfall"[^>]*>(.*?)</(?:span|td)>', page, re.S)]


def test_a_paper_short_of_questions_saves_as_a_draft_with_the_shortfall_beside_its_rule(app, admin, make_questions):
    make_questions(single=1, judge=3)
    saved = _save(admin, [("judge", 2), ("single", 50)])
    page = saved.get_data(as_text=True)
    paper = db.session.scalars(db.select(Paper)).one()
    assert paper.status == "draft"
    flashes = _flashes(page)
    assert len(flashes) == 1 and "第2条规则要50道单选题，符合条件的已审核题只有1道" in flashes[0]
    assert "发布后职工即可参加" not in page and "第1条规则" not in flashes[0]
    # On the paper's page the warning stands beside the second rule only.
    rules = re.search(r"<dt>规则</dt><dd>(.*?)</dd>", page, re.S).group(1)
    spans = re.findall(r'<span class="rule[^"]*">(.*?)</span>(?:；|（)', rules, re.S)
    assert len(spans) == 2 and "shortfall" not in spans[0] and "只有1道" in spans[1]
    # The edit form shows it under the rule's row, again only there.
    form = admin.get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    notes = _shortfall_notes(form)
    assert len(notes) == 1 and "第2条规则要50道单选题" in notes[0]
    rows = re.findall(r"<tr>.*?</tr>|<tr class=\"rule-shortfall\">.*?</tr>", form.split("<tbody>")[1], re.S)
    assert "rule-shortfall" in rows[2] and 'id="sections-1-type"' in rows[1]  # right under the second rule

    # Publishing says the same, from the same check.
    db.session.expire_all()
    message = "".join(s.message for s in papers.shortfalls(db.session.get(Paper, paper.id)))
    with pytest.raises(papers.PaperError) as refused:
        papers.publish(db.session.get(Paper, paper.id))
    db.session.rollback()
    assert str(refused.value) == message and message in flashes[0]


def test_rules_drawing_from_one_pool_count_what_the_rules_before_them_leave(app, admin, make_questions):
    make_questions(single=3)
    page = _save(admin, [("single", 2), ("single", 2)]).get_data(as_text=True)
    assert "第2条规则要2道单选题，符合条件的已审核题只有1道" in _flashes(page)[0]
    assert "第1条规则" not in _flashes(page)[0]


def test_a_paper_with_enough_questions_saves_without_a_warning(app, admin, make_questions):
    make_questions(single=2, judge=2)
    page = _save(admin, [("single", 2), ("judge", 2)]).get_data(as_text=True)
    assert _flashes(page) == ["已保存。发布后职工即可参加。"]
    assert _shortfall_notes(page) == [] and "题目不够" not in page
    paper = db.session.scalars(db.select(Paper)).one()
    assert _shortfall_notes(admin.get(f"/papers/{paper.id}/edit").get_data(as_text=True)) == []


def test_the_form_asks_how_many_each_row_can_draw_after_the_rows_above(app, admin, make_questions):
    make_questions(single=3, judge=1)
    query = {"mode": "exam", "sections-0-type": "single", "sections-0-count": "2",
             "sections-1-type": "single", "sections-1-count": "2",
             "sections-3-type": "judge", "sections-3-count": "5"}  # row 2 left blank
    rows = admin.get("/papers/available", query_string=query).get_json()["rows"]
    assert rows == {"0": 3, "1": 1, "3": 1}
    # The same figures saving reports.
    sections = [papers.Section("single", 2, 1), papers.Section("single", 2, 1), papers.Section("judge", 5, 1)]
    assert papers.available(sections, "exam") == [3, 1, 1]


def test_only_trainers_may_ask_what_the_pools_hold(app):
    worker = Visitor(app, create_user("worker"))
    assert worker.get("/papers/available", query_string={"sections-0-type": "single"}).status_code == 403


def test_a_practice_keeps_no_time_limit_and_its_tries_default_to_unlimited(app, admin, make_questions):
    """The page hides 考试时长 for a practice; whatever it holds is ignored, not refused, and a blank 允许次数
    means 不限 (an exam's means once). A blank 及格分 is a practice without a pass line."""
    make_questions(single=3)
    for mode, tries in (("practice", 0), ("exam", 1)):
        data = form_values(admin.get("/papers/new").get_data(as_text=True))
        data.update({"title": [f"{mode}卷"], "mode": [mode], "pass_score": [""] if mode == "practice" else ["4"],
                     "time_limit_minutes": ["9999"] if mode == "practice" else ["30"], "max_attempts": [""],
                     "sections-0-type": ["single"], "sections-0-count": ["2"], "sections-0-points": ["2"]})
        page = admin.post("/papers/new", data=data, follow_redirects=True).get_data(as_text=True)
        paper = db.session.query(Paper).filter_by(title=f"{mode}卷").one_or_none()
        assert paper is not None, _flashes(page) or page[:2000]
        assert paper.max_attempts == tries
        assert paper.time_limit_minutes == (None if mode == "practice" else 30)
        assert paper.pass_score == (None if mode == "practice" else 4)
