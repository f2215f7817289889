"""Forms: assign a paper or a practice set; start the pre-shift quiz."""

from __future__ import annotations

from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.fields import MultiCheckboxField, unposted
from core.forms import Form


def _optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") and str(value).isdigit() else None


class AssignmentForm(Form):
    """What to assign (a published paper, or a practice set by category/document/job/site and count),
    to whom, due when."""

    kind = SelectField("布置内容", choices=[("paper", "试卷（考试或练习卷）"), ("practice", "练习题（按条件抽题）")])
    paper = SelectField("试卷", coerce=_optional_int, validate_choice=False, validators=[Optional()])
    title = StringField("名称（留空用试卷名称）", validators=[Optional(), Length(max=200)])
    category = SelectField("分类", coerce=_optional_int, validate_choice=False, validators=[Optional()])
    document = SelectField("出处文档", coerce=_optional_int, validate_choice=False, validators=[Optional()])
    job = SelectField("工种", validate_choice=False, validators=[Optional()])
    site = SelectField("作业场所", validate_choice=False, validators=[Optional()])
    count = IntegerField("题数", default=10, validators=[Optional(), NumberRange(1, 50)])
    due_at = DateTimeLocalField("截止时间", format="%Y-%m-%dT%H:%M", validators=[DataRequired("请填写截止时间。")])
    teams = MultiCheckboxField("班组", coerce=int, validate_choice=False)
    units = MultiCheckboxField("区队", coerce=int, validate_choice=False)
    jobs = StringField("工种（全矿，用顿号或逗号分隔）", validators=[Optional(), Length(max=500)])

    def validate(self, extra_validators=None) -> bool:
        """Only the chosen 布置内容's fields count: a paper ignores the practice filter, a practice the paper."""
        if self.kind.data == "paper":
            unposted(self.category, self.document, self.job, self.site, self.count)
        else:
            unposted(self.paper)
        return super().validate(extra_validators)


class PreshiftForm(Form):
    """One tap: the team and today's work site."""

    team = SelectField("班组", coerce=int, validate_choice=False)
    site = SelectField("今天的作业场所", validate_choice=False)
