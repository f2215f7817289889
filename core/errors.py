"""Error pages that never leak internals; a failed request's transaction is rolled back."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
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


def render_error(code: int, detail: str | None = None):
    """Render the error page (or JSON for /api/) for an HTTP status code."""
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    if _wants_json():
        return {"error": title, "message": detail or message}, code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "表单已过期或缺少安全令牌，请刷新页面后重新提交。")

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
