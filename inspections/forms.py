"""Forms of the inspection pages (CSRF by Flask-WTF)."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import Form

LEDGER_EXTENSIONS = ("xlsx", "xls", "csv")
MAX_LEDGER_BYTES = 5 * 1024 * 1024
NO_BASIS = 0  # the radio value for “no article fits”


class FindingsForm(Form):
    team_id = SelectField("班组（表中没有班组列时使用）", coerce=int)
    site = StringField("地点（可不填，从每条隐患的开头识别）", validators=[Optional(), Length(max=120)])
    found_on = DateField("排查日期", validators=[DataRequired("请填写排查日期。")])
    lines = TextAreaField("隐患（每行一条）", validators=[Optional(), Length(max=50000)])
    sheet = FileField("或上传隐患排查台账（Excel/CSV）",
                      validators=[Optional(), FileAllowed(LEDGER_EXTENSIONS, "只支持 .xlsx、.xls 或 .csv 文件。")])
    submit = SubmitField("查找依据")


class BasisForm(Form):
    article_id = RadioField("依据", coerce=int, validators=[Optional()])
    submit = SubmitField("保存依据")
