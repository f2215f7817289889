"""`GET /healthz`: is this app server able to serve? For load balancers, nginx and monitoring.

It checks the database (a trivial query) and every check a feature registered with
`add_health_check` (kb: the search index opens). The answer is `{"database": "ok", "search":
"ok"}` with 200, or the same keys with "failed" for what failed and 503. It needs no sign-in,
sets no cookie, is exempt from CSRF and never shows an error text, a version or a path: the
reason goes to the server log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text

from core.db import db

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


def add_health_check(app: Flask, name: str, check: Callable[[], object]) -> None:
    """Register `check()` under `name`: it passes unless it raises."""
    app.extensions.setdefault("health_checks", {})[name] = check


def _database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.remove()  # hand the connection back at once, even a broken one


def run_checks(app: Flask) -> dict[str, str]:
    """{"database": "ok" | "failed", <each registered check>: ...}, in that order."""
    checks: dict[str, Callable[[], object]] = {"database": _database, **app.extensions.get("health_checks", {})}
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            log.exception("health check %r failed", name)
            results[name] = "failed"
    return results


@bp.get("/healthz")
def healthz():
    """200 when every check passes, else 503; the body names each check's outcome."""
    results = run_checks(current_app._get_current_object())
    response = jsonify(results)
    response.status_code = 200 if all(v == "ok" for v in results.values()) else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Register the route, outside CSRF (it is a GET without a form, but probes send no token)."""
    from core.web import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
