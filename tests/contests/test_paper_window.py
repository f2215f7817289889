"""A contest owns its paper's time window and audience: the paper editor shows them read-only with a
link to the contest, and a POST that changes them is refused with a clear message (other fields still save)."""

from __future__ import annotations

from datetime import timedelta

import lxml.html

from core import clock
from core.db import db
from quiz.taking.models import Paper
from tests.contests.test_contests import signed_in


def form_values(page: str) -> dict[str, list[str]]:
    """What a browser would submit from the page's paper form, as it stands."""
    values: dict[str, list[str]] = {}
    form = next(f for f in lxml.html.document_fromstring(page).forms if "title" in f.fields)
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def audience_of(paper: Paper) -> set[tuple]:
    return {(a.team_id, a.unit_id, a.job) for a in paper.audience}


def test_the_contest_paper_window_and_audience_are_shown_read_only_and_cannot_be_changed(app, race):
    paper = race.contest.paper
    window, audience = (paper.opens_at, paper.closes_at), audience_of(paper)
    assert audience and all(team for team, _, _ in audience)
    trainer = signed_in(app, race.trainer)
    url = f"/papers/{paper.id}/edit"
    page = trainer.get(url).get_data(as_text=True)
    assert 'name="opens_at"' not in page and 'name="closes_at"' not in page
    assert 'name="teams"' not in page and 'name="units"' not in page and 'name="jobs"' not in page
    assert "audience-owner" in page
    assert f'href="/contests/{race.contest.id}"' in page and "一季度技术比武" in page
    assert f"{clock.local(paper.opens_at):%Y-%m-%d %H:%M}" in page
    assert f"{clock.local(paper.closes_at):%Y-%m-%d %H:%M}" in page

    # The form as shown saves (another field changed), and the window stays to the second.
    data = form_values(page)
    data["description"] = ["竞赛说明已改"]
    saved = trainer.post(url, data=data)
    assert saved.status_code == 302, [ln for ln in saved.get_data(as_text=True).splitlines() if "error" in ln or "danger" in ln or "notice" in ln]
    db.session.expire_all()
    paper = db.session.get(Paper, paper.id)
    assert paper.description == "竞赛说明已改" and (paper.opens_at, paper.closes_at) == window

    # A POST naming another window is refused with the reason, and nothing is saved.
    later = clock.local(window[1] + timedelta(days=1))
    forged = dict(data, description=["不该保存"], closes_at=[f"{later:%Y-%m-%dT%H:%M}"])
    refused = trainer.post(url, data=forged, follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "由竞赛“一季度技术比武”决定，不能在这里修改" in text
    db.session.expire_all()
    paper = db.session.get(Paper, paper.id)
    assert (paper.opens_at, paper.closes_at) == window and paper.description == "竞赛说明已改"
    assert race.contest.ends_at == window[1]

    # So is a POST naming an audience (a team of the trainer's, or a job): the contest's teams stay.
    for field, value in (("teams", [str(next(iter(audience))[0])]), ("jobs", ["采煤机司机"])):
        refused = trainer.post(url, data=dict(data, description=["也不该保存"], **{field: value}),
                               follow_redirects=True)
        assert "参加范围由竞赛“一季度技术比武”决定" in refused.get_data(as_text=True)
        db.session.expire_all()
        paper = db.session.get(Paper, paper.id)
        assert audience_of(paper) == audience and paper.description == "竞赛说明已改"


def test_an_ordinary_paper_window_stays_editable(app, race):
    race.source.created_by_id = race.trainer.id  # the trainer's own paper (quiz.taking.access)
    db.session.commit()
    trainer = signed_in(app, race.trainer)
    url = f"/papers/{race.source.id}/edit"
    page = trainer.get(url).get_data(as_text=True)
    assert 'name="opens_at"' in page and 'name="closes_at"' in page and "window-owner" not in page
    assert "audience-owner" not in page
    # The source paper is open to the whole mine, beyond a unit trainer's scope: shown, not offered.
    assert 'name="teams"' not in page and "audience-locked" in page
    data = form_values(page)
    data["closes_at"] = ["2031-01-31T18:00"]
    assert trainer.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, race.source.id).closes_at == clock.to_utc(
        clock.local(race.now).replace(year=2031, month=1, day=31, hour=18, minute=0, second=0))
