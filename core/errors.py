"""Error pages that never leak internals; a failed request's transaction is rolled back."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from core.db import BUSY_MESSAGE, db, is_transient

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("请求有误", "提交的内容无法处理，请返回重试。"),
    403: ("没有权限", "您的账号没有访问此页面的权限。"),
    404: ("页面不存在", "您要找的页面不存在或已被删除。"),
    405: ("不支持的操作", "此页面不支持该操作。"),
    413: ("文件太大", "上传的文件超过大小限制。"),
    429: ("操作太频繁", "请稍后再试。"),
    500: ("服务器出错", "系统出现问题，已记录。请稍后再试或联系管理员。"),
    503: ("系统正忙", BUSY_MESSAGE),
}
BUSY_RETRY_AFTER_SECONDS = 5


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, detail: str | None = None, back: str | None = None):
    """Render the error page (or JSON for /api/) for an HTTP status code; `back`, when given,
    is the page to return to (else the home page)."""
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    if _wants_json():
        return {"error": title, "message": detail or message}, code
    page = render_template("errors/error.html", code=code, title=title, message=detail or message, back=back)
    return page, code


def upload_limit_mb() -> int:
    """The most one upload (all its files together) may weigh, in MB: MAX_CONTENT_LENGTH (MAX_UPLOAD_MB)."""
    return int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)


def _page_before() -> str | None:
    """The page of this site the request came from (the form a too-large file was sent from)."""
    referrer = request.referrer or ""
    here = urlsplit(request.host_url)
    there = urlsplit(referrer)
    if (there.scheme, there.netloc) != (here.scheme, here.netloc):
        return None
    return referrer


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "表单已过期或缺少安全令牌，请刷新页面后重新提交。")

    app.add_template_global(upload_limit_mb)

    @app.errorhandler(413)
    def too_large(error: HTTPException):
        # No upload form takes an archive, so compressing is no advice: split, or send fewer at once.
        detail = (f"上传的文件超过大小限制：一次上传的文件合计不能超过 {upload_limit_mb()} MB。"
                  "请把大文件拆分，或分几次上传。")
        return render_error(413, detail, back=_page_before())

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_error(error.code or 500)

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        db.session.rollback()
        if not is_transient(error):
            log.exception("Database error on %s", request.path)
            return render_error(500)
        # Another writer held the lock past the busy timeout (or a deadlock was broken):
        # nothing was saved, and trying again in a moment works.
        log.warning("Database busy on %s: %s", request.path, error.orig)
        body, code = render_error(503)
        return body, code, {"Retry-After": str(BUSY_RETRY_AFTER_SECONDS)}

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        log.exception("Unhandled error on %s", request.path)
        return render_error(500)
