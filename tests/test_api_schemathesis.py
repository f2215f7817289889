"""The quiz-taking API (/api/v1, described by quiz/taking/openapi.py) exercised with schemathesis
against the production server (`python run.py`, waitress, in a subprocess on loopback, with the
demo mine on the session's kind of database): a signed-in worker's requests, generated from the
OpenAPI document, never get a 5xx, and every answer conforms to the document (status code,
content type, body schema)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from quiz.taking.openapi import document
from tests.conftest import CSRF_PATTERN, ROOT
from tests.loadrun import Server, running_server

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def server(empty_database, database_url, tmp_path_factory) -> Iterator[Server]:
    """The production server with the demo mine, on a fresh database of the session's kind."""
    env = {"DATABASE_URL": empty_database("schemathesis")} if database_url.startswith("postgresql") else {}
    with running_server(ROOT, tmp_path_factory.mktemp("schemathesis"), env=env) as served:
        yield served


@pytest.fixture(scope="module")
def worker(server: Server) -> requests.Session:
    """A session signed in as a demo worker, sending the CSRF token the API asks for."""
    login = next(x for x in server.logins if x["role"] == "worker")
    session = requests.Session()
    token = CSRF_PATTERN.search(session.get(f"{server.url}/login").text).group(1)
    signed_in = session.post(f"{server.url}/login", allow_redirects=False,
                             data={"csrf_token": token, "username": login["username"], "password": login["password"]})
    assert signed_in.status_code == 302, signed_in.text[:300]
    session.headers["X-CSRFToken"] = session.get(f"{server.url}/api/v1/me").json()["csrf_token"]
    return session


@pytest.fixture(scope="module")
def api_schema(server: Server, worker: requests.Session):
    """The document as the server serves it (to signed-in people only)."""
    document = worker.get(f"{server.url}/api/v1/openapi.json")
    assert document.status_code == 200, document.status_code
    return schemathesis.openapi.from_dict(document.json())


# One test per operation of the document (read here, without a server, to name the tests).
OPERATIONS = [(method.upper(), path) for path, item in document()["paths"].items() for method in item]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_answers_as_documented_and_never_with_a_server_error(api_schema, worker, server, method, path):
    operation = api_schema[path][method]

    # (schemathesis.pytest.from_fixture would do this, but its lazy tests break on pytest 9.)
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def exercise(case):
        case.call_and_validate(base_url=f"{server.url}/api/v1", session=worker, checks=CHECKS)

    exercise()


def test_the_server_logged_no_traceback(server, worker):
    log = (server.data_dir / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, re.findall(r"Traceback.*?\n\S.*?\n", log, re.S)[:3]
