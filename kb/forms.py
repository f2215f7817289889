"""Forms of the trainers' knowledge-base pages: the mine's own words (本矿用语)."""

from __future__ import annotations

from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from core.forms import Form


class MineWordsForm(Form):
    """Lines to add, one per line, in the form of the shipped synonym table."""

    lines = TextAreaField(
        "要添加的说法（一行一组）",
        validators=[DataRequired("请填写词语。"), Length(max=5000, message="一次最多填写 5000 个字。")],
    )
    submit = SubmitField("添加")


class ConfirmForm(Form):
    """A button that only carries the CSRF token (删除, 重建索引)."""

    submit = SubmitField("确定")
