"""Every route is guarded: anonymous visitors are sent to sign in, workers never reach staff pages.

The lists come from the app's URL map, so a new route without a guard fails here.
"""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

PUBLIC = {"static", "accounts.login", "health.healthz"}
# Endpoints for trainers (班组长, 区队培训员) and admins only; everything else is for every signed-in person.
STAFF_PREFIXES = ("admin.", "quiz.", "review.", "contests.", "contests_api.")
STAFF_ENDPOINTS = {"accounts.people", "kb.gaps", "kb.probe", "kb.confirm", "kb.withdraw", "kb.words_page", "kb.words_add",
                   "kb.words_delete", "kb.words_rebuild"}
ADMIN_PREFIXES = ("admin.",)
ADMIN_ENDPOINTS = {"corpus.upload", "corpus.set_type", "corpus.remove"}


def _urls(app, methods=("GET", "POST")):
    """(method, url, endpoint) for every rule, with 1 (or a dummy token) for its arguments."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        values = {arg: (1 if isinstance(rule._converters[arg], IntegerConverter) else "abc123")
                  for arg in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **values)
        for method in methods:
            if method in rule.methods:
                yield method, url, rule.endpoint


@pytest.fixture
def no_csrf(app):
    """Switch CSRF off so that POST routes are judged by their role guards alone."""
    app.config["WTF_CSRF_ENABLED"] = False


def test_anonymous_visitors_reach_nothing(app, client, no_csrf):
    checked = 0
    for method, url, endpoint in _urls(app):
        response = client.open(url, method=method)
        assert response.status_code in (302, 401), f"{method} {url} ({endpoint}) answered {response.status_code}"
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], endpoint
        checked += 1
    assert checked > 40


def _is_staff(endpoint: str) -> bool:
    return endpoint.startswith(STAFF_PREFIXES) or endpoint in STAFF_ENDPOINTS or endpoint in ADMIN_ENDPOINTS


def test_workers_get_403_on_every_staff_route(app, client, login):
    login("worker")
    app.config["WTF_CSRF_ENABLED"] = False
    staff = [(m, u, e) for m, u, e in _urls(app) if _is_staff(e)]
    assert len(staff) > 25
    for method, url, endpoint in staff:
        assert client.open(url, method=method).status_code == 403, f"worker reached {method} {url} ({endpoint})"


def test_trainers_get_403_on_admin_routes(app, client, login):
    login("unit_trainer")
    app.config["WTF_CSRF_ENABLED"] = False
    admin = [(m, u, e) for m, u, e in _urls(app) if e.startswith(ADMIN_PREFIXES) or e in ADMIN_ENDPOINTS]
    assert len(admin) > 8
    for method, url, endpoint in admin:
        assert client.open(url, method=method).status_code == 403, f"trainer reached {method} {url} ({endpoint})"
