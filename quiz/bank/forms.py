"""Forms of the trainer pages: upload, question editor, bulk actions, categories.

`QuestionForm.to_draft()` turns what a trainer typed into a QuestionDraft using the same
option and answer parsers as the importer, so a question typed by hand and one imported
from Excel obey one set of rules.
"""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import Form
from quiz.bank.answers import AnswerError, parse_answer
from quiz.bank.options import split_options
from quiz.bank.text import clean_text, split_list
from quiz.bank.types import DIFFICULTY_LABELS, JUDGE_OPTIONS, KINDS, STATUS_LABELS, QuestionDraft, validate

BANK_EXTENSIONS = ["xlsx", "xls", "csv"]


class UploadForm(Form):
    """A bank file to preview before importing."""

    file = FileField(
        "题库文件",
        validators=[FileRequired("请选择文件。"), FileAllowed(BANK_EXTENSIONS, "只支持 .xlsx、.xls 或 .csv 文件。")],
    )


class ConfirmForm(Form):
    """A button that only needs the CSRF token (confirm, approve, retire …)."""


class ImportConfirmForm(Form):
    """确认导入, optionally approving the questions at once (a bank the mine already uses); off by default."""

    approve = BooleanField("导入后直接设为已审核（本矿已在用的题库）", default=False)


class QuestionForm(Form):
    """Create or edit a question."""

    type = SelectField("题型", choices=[(k.code, k.label) for k in KINDS.values()])
    stem = TextAreaField("题干", validators=[DataRequired("请填写题干。"), Length(max=2000)])
    options = TextAreaField(
        "选项", description="每行一个，如 A.撤离 （判断题和填空题不填）", validators=[Length(max=4000)]
    )
    answer = StringField(
        "答案",
        description="选择题写字母（如 ABD）；判断题写 正确/错误；填空题写答案，多个空用“；”分隔，"
        "一个空的几种写法用“/”分隔（如 瓦斯/沼气；单位和分数里的“/”不算，如 4m/s、2次/班、1/3）",
        validators=[DataRequired("请填写答案。"), Length(max=500)],
    )
    explanation = TextAreaField("解析", validators=[Optional(), Length(max=4000)])
    difficulty = SelectField(
        "难度", default="", choices=[("", "未设定"), *((str(k), v) for k, v in DIFFICULTY_LABELS.items())]
    )
    category = SelectField("分类", default="", choices=[("", "未分类")])
    jobs = StringField("适用工种", description="多个工种用“、”分隔", validators=[Optional(), Length(max=300)])
    status = SelectField("状态", choices=list(STATUS_LABELS.items()))

    def fill(self, draft: QuestionDraft, category_id: int | None) -> None:
        """Show a stored question in the form."""
        self.type.data, self.stem.data = draft.type, draft.stem
        shape = KINDS[draft.type].shape
        self.options.data = "" if shape in {"judge", "blank"} else "\n".join(f"{o.key}.{o.text}" for o in draft.options)
        if shape == "judge":
            self.answer.data = "正确" if draft.answer == ("A",) else "错误"
        else:
            self.answer.data = "；".join(draft.answer) if shape == "blank" else "".join(draft.answer)
        self.explanation.data = draft.explanation
        self.difficulty.data = str(draft.difficulty or "")
        self.category.data = str(category_id or "")
        self.jobs.data = "、".join(draft.jobs)
        self.status.data = draft.status

    def to_draft(self, category_path: tuple[str, ...]) -> QuestionDraft | None:
        """The draft the form describes, or None after adding errors to the fields."""
        shape = KINDS[self.type.data].shape
        options = [] if shape in {"judge", "blank"} else split_options(self.options.data or "")
        try:
            answer = parse_answer(self.answer.data or "", shape, options)
        except AnswerError as exc:
            self.answer.errors = [*self.answer.errors, str(exc)]
            return None
        draft = QuestionDraft(
            type=self.type.data,
            stem=clean_text(self.stem.data),
            options=tuple(JUDGE_OPTIONS if shape == "judge" else options),
            answer=answer,
            explanation=clean_text(self.explanation.data or ""),
            difficulty=int(self.difficulty.data) if self.difficulty.data else None,
            category=category_path,
            jobs=tuple(split_list(self.jobs.data or "")),
            status=self.status.data,
        )
        problems = validate(draft)
        if problems:
            self.options.errors = [*self.options.errors, *problems]
            return None
        return draft


class BulkForm(Form):
    """An action on the questions ticked in the list."""

    ids = SelectMultipleField("题目", coerce=int, validate_choice=False)
    action = SelectField(
        "批量操作",
        choices=[("approve", "审核通过"), ("retire", "停用"), ("draft", "退回草稿"), ("move", "移到分类")],
    )
    category = SelectField("分类", choices=[("", "未分类")], validate_choice=False)


class CategoryForm(Form):
    """Add a category under a parent (or at the top)."""

    name = StringField("名称", validators=[DataRequired("请填写名称。"), Length(max=60)])
    parent = SelectField("上级分类", choices=[("", "（顶级）")], validate_choice=False)


class RenameForm(Form):
    """Rename a category."""

    name = StringField("新名称", validators=[DataRequired("请填写名称。"), Length(max=60)])


class CitationForm(Form):
    """Accept the suggestion, pick a candidate, name a source ("《煤矿安全规程》第十条"), or clear."""

    source = StringField(
        "指定出处", description="如《煤矿安全规程》第十条，或条文编号", validators=[Optional(), Length(max=200)]
    )
    article_id = StringField(validators=[Optional(), Length(max=12)])  # set by a candidate's button
    choice = StringField(validators=[Optional(), Length(max=10)])  # accept / pick / set / clear
