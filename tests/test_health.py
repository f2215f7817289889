"""`GET /healthz`: 200 when the database and the search index answer, 503 naming what failed;
open to anonymous probes, no cookie, no CSRF token, nothing about the server leaked."""

from __future__ import annotations

import shutil
from pathlib import Path

from kb import rebuild_index
from tests.conftest import make_app


def test_healthy_answers_200_without_sign_in_cookie_or_token(app, client):
    rebuild_index(app)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "search": "ok"}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert client.head("/healthz").status_code == 200


def test_a_missing_index_is_503_naming_search(app, client):
    rebuild_index(app)
    assert client.get("/healthz").status_code == 200
    shutil.rmtree(Path(app.config["DATA_DIR"]) / "index")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "ok", "search": "failed"}
    assert "Set-Cookie" not in response.headers


def test_a_broken_database_is_503_naming_the_database_and_leaks_nothing(tmp_path):
    broken = make_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}", tmp_path / "data")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert response.get_json() == {"database": "failed", "search": "failed"}
    assert "sqlite" not in body.lower() and str(tmp_path) not in body and "Error" not in body
