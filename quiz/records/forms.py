"""The form a trainer fills in after an offline training session."""

from __future__ import annotations

from decimal import Decimal

from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.forms import Form
from quiz.records.models import KINDS


class SessionForm(Form):
    title = StringField("培训名称", validators=[DataRequired("请输入培训名称。"), Length(max=200)])
    kind = SelectField("类别", choices=list(KINDS.items()), default="refresher")
    held_on = DateField("日期", validators=[DataRequired("请选择日期。")])
    hours = DecimalField("学时", places=1, validators=[
        DataRequired("请输入学时。"), NumberRange(Decimal("0.5"), Decimal(200), "学时应在0.5到200之间。")])
    teacher = StringField("授课人", validators=[Optional(), Length(max=50)])
    place = StringField("地点", validators=[Optional(), Length(max=100)])
    scope = SelectField("范围", validators=[DataRequired("请选择范围。")])
    paper_id = SelectField("考核试卷", coerce=int, default=0)
    plan = TextAreaField("培训计划（内容、目标、课程安排）", validators=[Optional(), Length(max=10_000)])
    roster = TextAreaField("参加人员工号", validators=[DataRequired("请填写参加人员。"), Length(max=100_000)],
                           description="每个工号之间用空格、逗号或换行分开，可从花名册直接粘贴；"
                                       "没来的在工号后写“缺勤”，中途离开的在工号后写实际学时，如“1003 2.5学时”。")
    submit = SubmitField("保存")
