"""The edit form of a paper someone has sat says exactly what may still change and offers only that:
its questions, rules, type, draw, multi-choice scoring and pass mark are shown disabled (their values
still posted, so the form as shown saves); the server's rule stays the authority for a forged post."""

from __future__ import annotations

import lxml.html
import pytest

from core.db import db, utcnow
from quiz.taking import attempts, papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_team, create_user

LOCKED = ("mode", "draw", "multi_rule", "pass_score", "sections-0-type", "sections-0-count", "sections-0-points",
          "sections-0-category", "sections-0-document", "sections-0-difficulty")
FREE = ("title", "description", "time_limit_minutes", "max_attempts", "opens_at", "closes_at", "shuffle_options",
        "shuffle_questions")


@pytest.fixture
def taken(app, make_paper):
    team = create_team("综采一队", "回收班")
    paper = make_paper(sections=(("single", 2, "10"),), title="十二月月考")
    papers.set_audience(paper, team_ids=[team.id])
    attempts.start_paper(paper, create_user(team=team), utcnow())
    db.session.commit()
    return paper


def _controls(page: str) -> dict[str, lxml.html.HtmlElement]:
    form = next(f for f in lxml.html.document_fromstring(page).forms if "title" in f.fields)
    return {el.get("name"): el for el in form.xpath(".//input[not(@type='hidden')]|.//select|.//textarea")}


def test_the_form_of_a_sat_paper_disables_what_cannot_change_and_says_what_can(app, taken):
    admin = Visitor(app, create_user("admin"))
    url = f"/papers/{taken.id}/edit"
    page = admin.get(url).get_data(as_text=True)
    controls = _controls(page)
    assert all(controls[name].get("disabled") is not None for name in LOCKED)
    assert all(controls[name].get("disabled") is None for name in FREE)
    notice = lxml.html.document_fromstring(page).xpath("//p[contains(@class, 'taken-notice')]")[0].text_content()
    assert "只能修改时间和参加范围" not in page
    assert "及格分" in notice and "组卷规则" in notice and "标题" in notice and "参加范围" in notice

    # The form as shown saves a new title; the locked values stay as they were.
    data = form_values(page)
    saved = admin.post(url, data=dict(data, title=["十二月月考（补考）"]))
    assert saved.status_code == 302
    db.session.expire_all()
    paper = db.session.get(Paper, taken.id)
    assert paper.title == "十二月月考（补考）" and paper.pass_score == 1 and papers.sections_of(paper)[0].count == 2

    # A post changing the pass mark anyway is refused by the server.
    refused = admin.post(url, data=dict(data, pass_score=["2"]), follow_redirects=True).get_data(as_text=True)
    assert "题目、计分和及格分不能再改" in refused
    db.session.expire_all()
    assert db.session.get(Paper, taken.id).pass_score == 1


def test_a_paper_nobody_sat_offers_every_field(app, make_paper):
    paper = make_paper(publish=False)
    page = Visitor(app, create_user("admin")).get(f"/papers/{paper.id}/edit").get_data(as_text=True)
    assert all(el.get("disabled") is None for name, el in _controls(page).items() if name in LOCKED)
    assert "taken-notice" not in page
