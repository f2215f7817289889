"""Forms: a trainer's paper (rules, pass mark, time, window, audience) and a worker's practice choice."""

from __future__ import annotations

from decimal import Decimal

from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.fields import MultiCheckboxField, unposted
from core.forms import Form, SubForm
from quiz.bank.types import KINDS
from quiz.taking.models import DRAWS, MULTI_RULES
from quiz.taking.scoring import points_text

SECTION_ROWS = 6
DIFFICULTY_BANDS = {"": "不限难度", "easy": "易、较易", "medium": "中等", "hard": "较难、难"}
BAND_LEVELS = {"easy": (1, 2), "medium": (3,), "hard": (4, 5), "": ()}
PASS_SCORE_REQUIRED = "考试须填写及格分。"
PASS_SCORE_NUMBER = "及格分须为数字，如 80 或 72.5。"
PASS_SCORE_RANGE = "及格分应在0到1000分之间。"


class PointsField(DecimalField):
    """Points (to the cent) shown as every page writes them: 10, 2.5 — not 10.00 (scoring.points_text)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, places=2, **kwargs)

    def _value(self) -> str:
        if self.raw_data or self.data is None:
            return super()._value()
        return points_text(self.data)


def _optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") and str(value).isdigit() else None


class SectionForm(SubForm):
    """One rule: N questions of a type, P points each, from an optional category/document/difficulty."""

    type = SelectField("题型", choices=[("", "—")] + [(k.code, k.label) for k in KINDS.values()],
                       validators=[Optional()])
    count = IntegerField("题数", validators=[Optional(), NumberRange(1, 300)])
    points = PointsField("每题分值", validators=[Optional(), NumberRange(Decimal("0.01"), 100)])
    category = SelectField("分类", coerce=_optional_int, validators=[Optional()], validate_choice=False)
    document = SelectField("出处文档", coerce=_optional_int, validators=[Optional()], validate_choice=False)
    difficulty = SelectField("难度", choices=list(DIFFICULTY_BANDS.items()), validators=[Optional()])

    def is_blank(self) -> bool:
        return not self.type.data


class PaperForm(Form):
    """Create or edit a paper."""

    title = StringField("名称", validators=[DataRequired("请填写名称。"), Length(max=200)])
    description = TextAreaField("说明", validators=[Optional(), Length(max=2000)])
    mode = SelectField("类型", choices=[("exam", "考试（交卷后评分）"), ("practice", "练习（每题即时反馈）")])
    draw = SelectField("组卷方式", choices=list(DRAWS.items()))
    multi_rule = SelectField("多选题计分", choices=list(MULTI_RULES.items()), default="half")
    pass_score = PointsField("及格分（练习可留空，不设及格线）", default=Decimal(80),
                              validators=[Optional(), NumberRange(0, 1000, PASS_SCORE_RANGE)])
    time_limit_minutes = IntegerField("考试时长（分钟，留空不限）", validators=[Optional(), NumberRange(1, 600)])
    max_attempts = IntegerField("允许次数（0 为不限）", default=1, validators=[Optional(), NumberRange(0, 100)])
    opens_at = DateTimeLocalField("开始时间", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    closes_at = DateTimeLocalField("结束时间", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    shuffle_options = BooleanField("每人选项顺序打乱（答案随之调整）", default=True)
    shuffle_questions = BooleanField("每人题目顺序打乱")
    teams = MultiCheckboxField("班组", coerce=int, validate_choice=False)
    units = MultiCheckboxField("区队", coerce=int, validate_choice=False)
    jobs = StringField("工种（用顿号或逗号分隔）", validators=[Optional(), Length(max=500)])
    sections = FieldList(FormField(SectionForm), min_entries=SECTION_ROWS, max_entries=SECTION_ROWS * 4)

    def validate(self, extra_validators=None) -> bool:
        """A practice has no time limit: whatever that field holds is ignored for it. Its pass line may be
        left empty (none: its sittings are neither 合格 nor 不合格); an exam's may not."""
        if self.mode.data == "practice":
            unposted(self.time_limit_minutes)
        valid = super().validate(extra_validators)
        if self.pass_score.errors and self.pass_score.process_errors:  # not a number: say so once, in Chinese, not the range as well
            self.pass_score.errors = [PASS_SCORE_NUMBER]
        elif self.mode.data == "exam" and self.pass_score.data is None and not self.pass_score.errors:
            self.pass_score.errors = [PASS_SCORE_REQUIRED]
        return valid and not self.pass_score.errors


class PracticeForm(Form):
    """A worker's practice choice."""

    category = SelectField("分类", coerce=_optional_int, validate_choice=False)
    document = SelectField("出处文档", coerce=_optional_int, validate_choice=False)
    job = SelectField("工种", validate_choice=False)
    job_preset = HiddenField()  # the job the page preset (the worker's own); see practice.settle
    site = SelectField("作业场所（危险源辨识）", validate_choice=False)
    wrong_only = BooleanField("只练我的错题")
    count = SelectField("题数", coerce=int, choices=[(5, "5 道"), (10, "10 道"), (20, "20 道"), (50, "50 道")], default=10)


class PickForm(Form):
    """加入试卷: the questions ticked on the bank list, and the draft paper they join (or a new one)."""

    ids = SelectMultipleField("题目", coerce=int, validate_choice=False)
    paper = SelectField("加入试卷", validate_choice=False)
    title = StringField("新试卷名称", validators=[Optional(), Length(max=200)])


class PickedPointsForm(Form):
    """The points each picked question of a type is worth."""

    type = HiddenField()
    points = PointsField("每题分值", validators=[DataRequired("请填写分值。"), NumberRange(Decimal("0.01"), 100)])
