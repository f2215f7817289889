"""The base of every form: Flask-WTF's (CSRF on), with WTForms' own messages in plain Chinese.

WTForms writes its built-in messages (a field left empty, text too long, a number out of range, a
date it cannot read) in English, and Flask-WTF translates them only through Flask-Babel, which the
project does not use. A form's own messages (validators given a message) are shown as written.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form as WtfForm
from wtforms.i18n import get_translations

# WTForms' message ids (wtforms 3) → what a worker reads beside the field.
MESSAGES = {
    "This field is required.": "请填写此项。",
    "Field must be at least %(min)d character long.": "至少填写 %(min)d 个字。",
    "Field must be at least %(min)d characters long.": "至少填写 %(min)d 个字。",
    "Field cannot be longer than %(max)d character.": "不能超过 %(max)d 个字。",
    "Field cannot be longer than %(max)d characters.": "不能超过 %(max)d 个字。",
    "Field must be exactly %(max)d character long.": "应为 %(max)d 个字。",
    "Field must be exactly %(max)d characters long.": "应为 %(max)d 个字。",
    "Field must be between %(min)d and %(max)d characters long.": "应为 %(min)d 到 %(max)d 个字。",
    "Number must be at least %(min)s.": "不能小于 %(min)s。",
    "Number must be at most %(max)s.": "不能大于 %(max)s。",
    "Number must be between %(min)s and %(max)s.": "应在 %(min)s 到 %(max)s 之间。",
    "Not a valid integer value.": "请填写整数，如 10。",
    "Not a valid decimal value.": "请填写数字，如 2 或 1.5。",
    "Not a valid float value.": "请填写数字，如 2 或 1.5。",
    "Not a valid date value.": "日期无法识别，请按 2026-01-31 的格式填写或从日历中选择。",
    "Not a valid datetime value.": "时间无法识别，请按 2026-01-31 08:00 的格式填写或从日历中选择。",
    "Not a valid time value.": "时间无法识别，请按 08:00 的格式填写。",
    "Not a valid choice.": "所选的项不在可选范围内，请重新选择。",
    "Invalid Choice: could not coerce.": "所选的项不在可选范围内，请重新选择。",
    "Invalid choice(s): one or more data inputs could not be coerced.": "所选的项不在可选范围内，请重新选择。",
    "'%(value)s' is not a valid choice for this field.": "所选的项不在可选范围内，请重新选择。",
    "'%(value)s' are not valid choices for this field.": "所选的项不在可选范围内，请重新选择。",
    "Invalid input.": "填写的内容不符合要求。",
}


class ChineseMessages:
    """A translations object for WTForms: MESSAGES first, then WTForms' own Chinese catalogue
    (for a message added in a later WTForms), then the message as it is."""

    def __init__(self) -> None:
        self._catalogue = get_translations(["zh"])

    def gettext(self, string: str) -> str:
        return MESSAGES.get(string) or self._catalogue.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return MESSAGES.get(chosen) or self._catalogue.ngettext(singular, plural, n)


TRANSLATIONS = ChineseMessages()


HIDDEN_TYPES = frozenset({"CSRFTokenField", "HiddenField"})


class Form(FlaskForm):
    """Every form of the app derives from this one. Its hidden inputs (the CSRF token above all)
    carry no id: nothing labels them, and a page of several forms would repeat id="csrf_token"."""

    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS

        def render_field(self, field, render_kw):
            if field.type in HIDDEN_TYPES:
                render_kw = {"id": False, **render_kw}
            return super().render_field(field, render_kw)


class SubForm(WtfForm):
    """A form nested in another (FormField, FieldList): no CSRF token of its own, the same messages."""

    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS
