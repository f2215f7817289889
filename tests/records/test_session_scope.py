"""Who sees a training session (一期一档): a team session follows its team to another 区队."""

from __future__ import annotations

from core.db import db
from quiz.records import files
from tests.conftest import csrf_token
from tests.factories import create_user
from tests.records.test_pages import signed_in


def test_a_team_moved_to_another_unit_takes_its_sessions_along(web, mine):
    t1, t2, t3 = mine.teams["回收班"], mine.teams["安装班"], mine.teams["掘进班"]
    old_trainer = create_user("unit_trainer", t2, username="train_old")
    new_trainer = create_user("unit_trainer", t3, username="train_new")
    admin = signed_in(web, mine.people["admin"])
    url = f"/admin/teams/{t1.id}/edit"
    response = admin.post(url, data={"name": "回收班", "unit_id": t3.unit_id, "csrf_token": csrf_token(admin, url)})
    assert response.status_code == 302
    db.session.expire_all()
    assert t1.unit_id == t3.unit_id
    session = f"/records/sessions/{mine.session.id}"
    old, new = signed_in(web, old_trainer), signed_in(web, new_trainer)
    for client, status in ((old, 404), (new, 200)):
        assert client.get(f"/results/teams/{t1.id}").status_code == status
        assert client.get(session).status_code == status
        assert client.get(f"{session}.xlsx").status_code == status
    assert mine.session.title in new.get("/records/").get_data(as_text=True)
    assert mine.session.title not in old.get("/records/").get_data(as_text=True)
    assert files.can_view_session(new_trainer, mine.session) and not files.can_view_session(old_trainer, mine.session)
    # the 区队's own sessions for the whole 区队 stay where they were recorded
    assert mine.other_session.title in new.get("/records/").get_data(as_text=True)
