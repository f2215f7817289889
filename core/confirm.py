"""The second step of a destructive or disruptive action (delete, disable, clear).

The action's button posts as before; `ask_first` answers a post that lacks `confirmed=1` with a
page saying what will be lost and a form that posts the same fields again with it, so the
step works without JavaScript and the server, not the browser, insists on it:

    if not confirm.confirmed():
        return confirm.ask_first("删除文档", ["…将被删除"], "确认删除", back=url)
"""

from __future__ import annotations

from flask import render_template, request

FIELD = "confirmed"
_NOT_CARRIED = {FIELD, "csrf_token", "submit"}


def confirmed() -> bool:
    """True when the post comes from the confirmation page."""
    return request.form.get(FIELD) == "1"


def ask_first(title: str, consequences: list[str], button: str, back: str) -> str:
    """The confirmation page: what will happen, the request's own fields posted again to the same
    URL with `confirmed=1` under `button`, and 取消 back to `back`."""
    carried = [(name, value) for name, values in request.form.lists() if name not in _NOT_CARRIED
               for value in values]
    return render_template("confirm.html", title=title, consequences=consequences, button=button, back=back,
                           carried=carried, field=FIELD)
