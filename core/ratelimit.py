"""Rate limits (Flask-Limiter): sign-in per client address, search and answers per person.

Each app gets its own Limiter (tests build many apps in one process; a module-level one would
carry one app's storage and switch into the next). Features name the endpoints to limit with
`limit_endpoint(app, endpoint, policy)` after registering their blueprints; the view in the
app's table is wrapped, nothing else changes.

How the keys are chosen, so that a team room's 300 workers behind one NAT address are never
throttled as one: sign-in counts only *failed* attempts per client address (successful
sign-ins of a whole shift cost nothing); search and answers count per signed-in person
(anonymous requests, which are sent to sign in anyway, per address). Exam and practice saves
have no limit here at all: they are the load the server exists for.

Storage: RATELIMIT_STORAGE_URI, memory:// for one server process; several app servers share
redis:// or memcached:// so the limits hold across them (docs/deployment.md). A storage that
cannot be reached lets requests through (logged) rather than failing them.
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_login import current_user

log = logging.getLogger(__name__)

# Policy name → the config key holding its limit string ("60 per minute", several joined by ";").
POLICIES = {
    "signin": "RATELIMIT_SIGNIN",
    "search": "RATELIMIT_SEARCH",
}
UNITS = {"second": "秒", "minute": "分钟", "hour": "小时", "day": "天", "month": "月", "year": "年"}


def client_address() -> str:
    """The client's address (X-Forwarded-For is already applied by ProxyFix when BANZU_PROXY_HOPS is set)."""
    return request.remote_addr or "-"


def person_or_address() -> str:
    """The signed-in person, or the address for anonymous requests."""
    if current_user.is_authenticated:
        return f"user:{current_user.get_id().partition(':')[0]}"
    return f"addr:{client_address()}"


def _failed(response) -> bool:  # noqa: ANN001 - a flask Response
    """A sign-in failed unless it redirected (success goes on to the home or password page)."""
    return response.status_code != 302


def init_app(app: Flask) -> None:
    """Create this app's Limiter when RATELIMIT_ENABLED (TESTING configs turn it off)."""
    app.extensions["rate_limiter"] = None
    if not app.config.get("RATELIMIT_ENABLED", True):
        return
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter = Limiter(person_or_address, app=app, headers_enabled=True, swallow_errors=True)
    app.extensions["rate_limiter"] = limiter

    @app.errorhandler(RateLimitExceeded)
    def too_many(error: RateLimitExceeded):
        from core.errors import render_error

        wait = retry_after(limiter)
        body, code = render_error(429, f"操作太频繁（{describe(error.limit.limit)}），请{wait_text(wait)}后再试。")
        return body, code, {"Retry-After": str(wait)}


def limit_endpoint(app: Flask, endpoint: str, policy: str) -> None:
    """Apply `policy` ("signin" or "search") to the view registered as `endpoint`.

    Search endpoints share one budget per person (a search page, an answer and the JSON APIs
    all count against it)."""
    limiter: Limiter | None = app.extensions.get("rate_limiter")
    if limiter is None:
        return
    spec = app.config[POLICIES[policy]]
    if policy == "signin":
        decorator = limiter.limit(spec, key_func=client_address, methods=["POST"], deduct_when=_failed,
                                  scope="signin")
    else:
        decorator = limiter.shared_limit(spec, scope=policy, key_func=person_or_address)
    app.view_functions[endpoint] = decorator(app.view_functions[endpoint])


def describe(item) -> str:  # noqa: ANN001 - a limits.RateLimitItem
    """'每分钟最多 60 次' for 60 per minute."""
    unit = UNITS.get(item.GRANULARITY.name, item.GRANULARITY.name)
    per = f"{item.multiples}{unit}" if item.multiples != 1 else unit
    return f"每{per}最多 {item.amount} 次"


def retry_after(limiter: Limiter) -> int:
    """Seconds until the breached limit resets (at least 1)."""
    current = limiter.current_limit
    if current is None:
        return 1
    return max(1, math.ceil(current.reset_at - time.time()))


def wait_text(seconds: int) -> str:
    return f" {seconds} 秒" if seconds < 120 else f" {math.ceil(seconds / 60)} 分钟"
