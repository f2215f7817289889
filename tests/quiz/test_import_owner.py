"""An unconfirmed bank import is its uploader's: another trainer holding its link gets 404 on the
preview, its confirm and its job page, like any object out of his scope; an admin may open it."""

from __future__ import annotations

from flask import g
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import csrf_token
from tests.quiz.banks import confirm, previewed


class _Browser(FlaskClient):
    """A browser of its own. The test app keeps one app context for the whole test and Flask-Login
    and Flask-WTF cache the signed-in person and the CSRF token on `g`: every request starts afresh,
    as it does on a real server (tests/accounts/test_sessions.py)."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        g.pop("csrf_token", None)
        return super().open(*args, **kwargs)


def _signed_in(app, make_user, role: str) -> FlaskClient:
    """A browser of its own, signed in as a new user of `role`."""
    client = _Browser(app, app.response_class, use_cookies=True)
    user = make_user(role=role)
    response = client.post("/login", data={"username": user.username, "password": "Passw0rd!x",
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302
    return client


def _questions(db_session) -> int:
    from quiz.bank.models import Question

    return db_session.scalar(select(func.count()).select_from(Question))


def test_another_trainer_gets_404_on_the_preview_and_cannot_confirm_it(app, make_user, db_session) -> None:
    owner = _signed_in(app, make_user, "unit_trainer")
    other = _signed_in(app, make_user, "unit_trainer")
    leader = _signed_in(app, make_user, "team_leader")
    preview_url, token = previewed(owner, 3)

    for intruder in (other, leader):
        assert intruder.get(preview_url).status_code == 404
        # his own CSRF token (from his own import page): the answer is still 404, nothing is stored
        posted = intruder.post(preview_url, data={"csrf_token": csrf_token(intruder, "/bank/import"), "approve": "y"})
        assert posted.status_code == 404
        assert intruder.get(f"/bank/import/{token}/progress").status_code == 404
    assert _questions(db_session) == 0

    assert owner.get(preview_url).status_code == 200
    done = confirm(owner, preview_url)
    assert done.status_code == 302 and "/bank" in done.headers["Location"]
    assert _questions(db_session) == 3
    assert owner.get(f"/bank/import/{token}/job").status_code == 200
    assert other.get(f"/bank/import/{token}/job").status_code == 404  # after the import too


def test_an_admin_may_open_and_confirm_a_trainers_preview(app, make_user, db_session) -> None:
    owner = _signed_in(app, make_user, "unit_trainer")
    admin = _signed_in(app, make_user, "admin")
    preview_url, token = previewed(owner, 2)
    assert admin.get(preview_url).status_code == 200
    assert confirm(admin, preview_url).status_code == 302
    assert _questions(db_session) == 2
    assert admin.get(f"/bank/import/{token}/job").status_code == 200


def test_a_missing_upload_is_404_for_its_owner_too(app, make_user) -> None:
    owner = _signed_in(app, make_user, "unit_trainer")
    assert owner.get("/bank/import/0123456789abcdef01234567").status_code == 404
