"""The form a trainer makes a contest with."""

from __future__ import annotations

from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from core.fields import MultiCheckboxField
from core.forms import Form
from quiz.contests.models import DEFAULT_TOP_N, MAX_TOP_N


class ContestForm(Form):
    title = StringField("竞赛名称", validators=[DataRequired("请填写竞赛名称。"), Length(max=200)])
    paper = SelectField("试卷（考试）", coerce=int, validate_choice=False)
    teams = MultiCheckboxField("参赛班组", coerce=int, validate_choice=False)
    starts_at = DateTimeLocalField("开始时间", format="%Y-%m-%dT%H:%M", validators=[DataRequired("请填写开始时间。")])
    ends_at = DateTimeLocalField("结束时间", format="%Y-%m-%dT%H:%M", validators=[DataRequired("请填写结束时间。")])
    time_limit_minutes = IntegerField("答题时长（分钟，留空按试卷）", validators=[Optional(), NumberRange(1, 600)])
    top_n = IntegerField("每队计分人数（取得分最高的前 N 人之和）", default=DEFAULT_TOP_N,
                         # InputRequired: 0 is filled in (DataRequired took it for empty) and is then too few.
                         validators=[InputRequired("请填写每队计分人数。"),
                                     NumberRange(1, MAX_TOP_N, f"每队计分人数至少为 1，至多为 {MAX_TOP_N}。")])


class ContestTimesForm(Form):
    """Moving a contest's window (quiz.contests.schedule.reschedule)."""

    starts_at = DateTimeLocalField("开始时间", format="%Y-%m-%dT%H:%M", validators=[DataRequired("请填写开始时间。")])
    ends_at = DateTimeLocalField("结束时间", format="%Y-%m-%dT%H:%M", validators=[DataRequired("请填写结束时间。")])


class ConfirmForm(Form):
    """A bare post (CSRF only), e.g. 取消竞赛."""
