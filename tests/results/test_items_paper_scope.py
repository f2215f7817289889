"""试题分析 of one paper (?paper=) answers 404 for a paper the viewer does not see, as for a missing one:
it showed the title of another 区队's draft and told that it existed (found by the security audit)."""

from __future__ import annotations

from core.db import db
from quiz.bank import service
from quiz.taking import papers
from tests.contests.test_contests import signed_in
from tests.factories import create_team, create_user, set_password
from tests.papers import build_paper, draft


def sign(app, user):
    set_password(user, "Passw0rd!x", must_change=False)
    db.session.commit()
    return signed_in(app, user)


def test_a_paper_the_viewer_does_not_see_is_not_found_in_the_item_analysis(app):
    home, away = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进班")
    leader = create_user("team_leader", home, name="回收班长")
    other = create_user("unit_trainer", away, name="掘进培训员")
    for n in range(2):
        service.add_question(draft("single", n))
    db.session.commit()
    theirs = build_paper((("single", 2, "1"),), publish=False, title="掘进二队草稿卷", created_by_id=other.id)
    ours = build_paper((("single", 2, "1"),), publish=False, title="回收班月考", created_by_id=leader.id)
    papers.set_audience(ours, team_ids=[home.id])
    papers.publish(ours)
    db.session.commit()
    client = sign(app, leader)
    hidden = client.get(f"/results/items?paper={theirs.id}")
    assert hidden.status_code == 404 and "掘进二队草稿卷" not in hidden.get_data(as_text=True)
    assert client.get(f"/api/v1/results/items?paper={theirs.id}").status_code == 404
    assert client.get("/results/items?paper=99999").status_code == 404
    assert client.get("/api/v1/results/items?paper=99999").status_code == 404
    shown = client.get(f"/results/items?paper={ours.id}")
    assert shown.status_code == 200 and "回收班月考" in shown.get_data(as_text=True)
    assert client.get(f"/api/v1/results/items?paper={ours.id}").status_code == 200
