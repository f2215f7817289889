"""Every message a form shows beside a field is Chinese, WTForms' built-in ones included (a number
out of range, text too long, a date it cannot read, a choice not offered)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from werkzeug.datastructures import MultiDict

from core.forms import Form, SubForm

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
BAD_VALUES = ("", "abc", "-5", "99999999999", "x" * 5000, "2026-13-45", "1.5.5")


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _messages(errors) -> Iterator[str]:
    if isinstance(errors, str):
        yield errors
    elif isinstance(errors, dict):
        for value in errors.values():
            yield from _messages(value)
    elif isinstance(errors, list | tuple):
        for value in errors:
            yield from _messages(value)


def _offer_choices(fields) -> None:
    """Choices a view fills in (teams, papers …): one stand-in option, so validation can run."""
    for field in fields:
        if getattr(field, "choices", ()) is None:
            field.choices = [("1", "一")]
        if hasattr(field, "form"):  # FormField
            _offer_choices(field.form)
        if hasattr(field, "entries"):  # FieldList
            _offer_choices(field.entries)


def test_every_form_shows_its_field_errors_in_chinese(app):
    app.config["WTF_CSRF_ENABLED"] = False
    forms = list(_subclasses(Form)) + list(_subclasses(SubForm))
    assert len(forms) > 30  # the walk found the feature forms (they are imported by create_app)
    english: dict[str, str] = {}
    checked = 0
    with app.test_request_context():
        for form_class in forms:
            names = [field.name for field in form_class(formdata=None)]
            for bad in BAD_VALUES:
                form = form_class(formdata=MultiDict({name: bad for name in names}))
                _offer_choices(form)
                form.validate()
                for message in _messages(form.errors):
                    checked += 1
                    if LATIN_WORD.search(message):
                        english[message] = form_class.__name__
    assert checked > 200
    assert not english, english


def test_wtforms_messages_read_as_plain_chinese_with_their_numbers(app):
    from wtforms import IntegerField, StringField
    from wtforms.validators import Length, NumberRange

    class Sample(Form):
        name = StringField("名称", validators=[Length(max=5)])
        count = IntegerField("题数", validators=[NumberRange(1, 50)])

    app.config["WTF_CSRF_ENABLED"] = False
    with app.test_request_context():
        form = Sample(formdata=MultiDict({"name": "一二三四五六", "count": "80"}))
        assert not form.validate()
        assert form.errors == {"name": ["不能超过 5 个字。"], "count": ["应在 1 到 50 之间。"]}
        form = Sample(formdata=MultiDict({"name": "一", "count": "十"}))
        assert not form.validate()
        assert form.errors["count"][0] == "请填写整数，如 10。" and "name" not in form.errors
