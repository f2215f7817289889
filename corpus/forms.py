"""Forms of the library pages: upload, type override, newer version not held, removal."""

from __future__ import annotations

from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from core.forms import Form
from corpus.documents import DOC_TYPES

TYPE_CHOICES = [(t, t) for t in DOC_TYPES]


class UploadForm(Form):
    """Files to take into the library, optionally with the type they all have."""

    files = MultipleFileField("文件", validators=[FileRequired("请选择要上传的文件。")])
    doc_type = SelectField("文档类型", choices=[("", "自动识别"), *TYPE_CHOICES], default="")
    submit = SubmitField("上传并导入")


class DocTypeForm(Form):
    """An admin's correction of the inferred document type."""

    doc_type = SelectField("文档类型", choices=TYPE_CHOICES)
    submit = SubmitField("修改类型")


class NewerVersionForm(Form):
    """An admin's record of a newer version in force that the library does not hold."""

    name = StringField("新版本（名称或文号，留空为清除）", validators=[Length(max=300)])
    effective = DateField("新版本施行日期", validators=[Optional()])
    submit = SubmitField("保存")


class RemoveForm(Form):
    """Confirms the removal of a document (the CSRF token is the point)."""

    submit = SubmitField("删除文档")
