"""HTTP plumbing: CSRF protection, security headers that keep every page offline, template globals
and the `local` filter every page shows a stored time with (core.clock.shown)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, redirect, request, session
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from core import clock, ratelimit
from core.auth import MEMBER_ROLES, ROLE_LABELS, Role
from core.errors import render_error
from core.nav import NAV_GROUPS, menu_for

csrf = CSRFProtect()

# Everything a page uses comes from the app itself: mine intranets have no internet.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


# The largest id an id column holds: they are INTEGER, 32 bits on PostgreSQL.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:…>` in every route matches 0 … MAX_ID only: /attempts/99999999999 matches no route
    (404) instead of overflowing in the database driver (a 500; found by schemathesis). The bound
    is in the pattern, not in to_python: a value refused there makes Werkzeug answer 405 when a
    rule for another method has the same path."""

    regex = (r"(?:\d{1,9}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}"
             r"|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])")


UNSTORABLE_MESSAGE = "提交的内容含有无法保存的字符（如 NUL 控制字符，常见于从其他程序复制的文字），请删除后重新提交。"


def unstorable(text: str) -> bool:
    """Text no database stores: a NUL character (PostgreSQL refuses it) or a lone surrogate
    such as "\\ud800" (JSON allows it; no encoding does)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# The deepest JSON body taken: the app's requests nest two or three levels ({"answer": ["B"]}); a deeper
# body is refused before anything decodes or walks it further (50,000 levels: a RecursionError, a 500).
MAX_JSON_DEPTH = 32
DEEP_JSON_MESSAGE = f"提交的 JSON 嵌套层数过多（最多 {MAX_JSON_DEPTH} 层），无法处理。"


def too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a decoded JSON value nests objects and arrays more than `limit` levels (walked without recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def refuse_deep_json():
    """Before any view (and before the other hooks read the body): a JSON body nested deeper than
    MAX_JSON_DEPTH, or so deep the decoder gives up (RecursionError), is refused with a 400 and a message
    (JSON on /api/) — once for every route that reads JSON."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.is_json:
        return None
    try:
        value = request.get_json(silent=True)
    except RecursionError:
        return render_error(400, DEEP_JSON_MESSAGE)
    if too_deep(value):
        return render_error(400, DEEP_JSON_MESSAGE)
    return None


def _json_texts(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_texts(item)


def _sent_texts() -> Iterator[str]:
    """Every piece of text a request's body carries: form fields, file names, JSON."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    for key, value in request.form.items(multi=True):
        yield key
        yield value
    for key, upload in request.files.items(multi=True):
        yield key
        yield upload.filename or ""
    if request.is_json:
        yield from _json_texts(request.get_json(silent=True))


def refuse_unstorable_text():
    """Before any view: a query string loses its NUL characters (a redirect to the same page), and
    a form or JSON body with text no database stores is refused (400, with a message) instead of
    failing in the database with a 500. Werkzeug decodes URLs and forms with replacement
    characters, so only JSON can carry a lone surrogate."""
    args = list(request.args.items(multi=True))
    if any(unstorable(key) or unstorable(value) for key, value in args):
        if request.method != "GET":
            return render_error(400, UNSTORABLE_MESSAGE)
        kept = [(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in args]
        return redirect(quote(request.script_root + request.path) + "?" + urlencode(kept))
    if any(unstorable(text) for text in _sent_texts()):
        return render_error(400, UNSTORABLE_MESSAGE)
    return None


def init_app(app: Flask) -> None:
    """Turn on CSRF for every form, rate limits, security headers, the guards against too deep JSON and
    unstorable text, and template helpers."""
    app.url_map.converters["int"] = IdConverter  # before any blueprint adds its rules
    app.add_template_filter(clock.shown, "local")  # {{ moment|local }}, {{ moment|local("%m-%d %H:%M") }}
    csrf.init_app(app)
    ratelimit.init_app(app)
    app.before_request(refuse_deep_json)
    app.before_request(refuse_unstorable_text)
    if hops := app.config.get("PROXY_HOPS", 0):
        # Behind a reverse proxy the client address (used by the sign-in lockout) is in X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        # The session says who is signed in; asking current_user here would reload the person
        # from the database after the view's commit, on every request.
        if request.endpoint != "static" and session.get("_user_id"):
            # Team-room PCs are shared: no signed-in page or answer may be kept by the browser or a proxy.
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.context_processor
    def layout():
        links = sorted(app.extensions.get("nav_links", []), key=lambda link: link[0])
        return {
            "Role": Role,
            "ROLE_LABELS": ROLE_LABELS,
            "MEMBER_ROLES": MEMBER_ROLES,
            "nav_links": [link[1:4] for link in links],
            "nav_menu": lambda: menu_for(links, current_user.role),
            "home_panels": app.extensions.get("home_panels", []),
            "search_endpoint": "kb.search" if "kb.search" in app.view_functions else None,
        }


def add_nav_link(app: Flask, order: int, endpoint: str, label: str, roles: tuple[Role, ...] = (), *,
                 group: str) -> None:
    """Add a navigation entry, shown to `roles` (everyone when empty), sorted by `order`, in the
    top menu's `group` (a key of core.nav.NAV_GROUPS)."""
    if group not in NAV_GROUPS:
        raise ValueError(f"unknown menu group {group!r} for {endpoint}")
    allowed = tuple(Role(r).value for r in roles)
    app.extensions.setdefault("nav_links", []).append((order, endpoint, label, allowed, group))


def add_home_panel(app: Flask, template: str, roles: tuple[Role, ...] = ()) -> None:
    """Include `template` on the home page of `roles` (everyone when empty): a feature's panel,
    e.g. the question box."""
    app.extensions.setdefault("home_panels", []).append((template, tuple(Role(r).value for r in roles)))


def add_admin_figure(app: Flask, order: int, key: str, label: str, count, endpoint: str) -> None:
    """A count on the admin's home page: `count()` (e.g. of people, documents, open gaps) under
    `label`, linked to `endpoint`'s page, sorted by `order`."""
    app.extensions.setdefault("admin_figures", []).append((order, key, label, count, endpoint))


def add_upgrade_step(app: Flask, step) -> None:
    """Register `step()`, run by `python run.py init` (every install and upgrade) after the
    database is migrated: bring derived data (the search index) up to date."""
    app.extensions.setdefault("upgrade_steps", []).append(step)


def add_demo_step(app: Flask, step) -> None:
    """Register `step(quiet: bool)`, run by `python run.py demo` after the demo people exist."""
    app.extensions.setdefault("demo_steps", []).append(step)


def add_demo_removal(app: Flask, order: int, step) -> None:
    """Register `step(report: core.demo.RemovalReport)`, run by `python run.py demo --remove` by
    `order` (what uses an item goes before it: records and papers, then questions, documents, people)."""
    app.extensions.setdefault("demo_removals", []).append((order, step))
