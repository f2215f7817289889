"""An upload over MAX_CONTENT_LENGTH: the forms state the limit, and the 413 page says it and
leads back to the form the file was sent from (the library, the bank import, the roster import)."""

from __future__ import annotations

import pytest

FORMS = [("admin", "/library/", "corpus.upload"), ("unit_trainer", None, "quiz.upload"), ("admin", None, "admin.roster_upload")]


@pytest.mark.parametrize(("role", "page", "endpoint"), FORMS)
def test_a_too_large_upload_says_the_limit_and_leads_back(app, client, login, role, page, endpoint) -> None:
    from flask import url_for

    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    with app.test_request_context():
        target = url_for(endpoint)
    page = page or target
    login(role)
    form = client.get(page).get_data(as_text=True)
    assert "不超过 1 MB" in form
    referrer = f"http://localhost{page}"
    response = client.post(
        target, data=b"x" * (2 * 1024 * 1024), content_type="application/octet-stream", headers={"Referer": referrer}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "不能超过 1 MB" in body and f'href="{referrer}"' in body
    assert "压缩" not in body  # no form here takes an archive: advising one sends the user into a refusal
    elsewhere = client.post(target, data=b"x" * (2 * 1024 * 1024), headers={"Referer": "http://elsewhere.test/x"})
    assert elsewhere.status_code == 413 and "elsewhere.test" not in elsewhere.get_data(as_text=True)
