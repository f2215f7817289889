"""Forms of the library pages: upload, type override, removal."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import SelectField, SubmitField

from corpus.documents import DOC_TYPES

TYPE_CHOICES = [(t, t) for t in DOC_TYPES]


class UploadForm(FlaskForm):
    """Files to take into the library, optionally with the type they all have."""

    files = MultipleFileField("文件", validators=[FileRequired("请选择要上传的文件。")])
    doc_type = SelectField("文档类型", choices=[("", "自动识别"), *TYPE_CHOICES], default="")
    submit = SubmitField("上传并导入")


class DocTypeForm(FlaskForm):
    """An admin's correction of the inferred document type."""

    doc_type = SelectField("文档类型", choices=TYPE_CHOICES)
    submit = SubmitField("修改类型")


class RemoveForm(FlaskForm):
    """Confirms the removal of a document (the CSRF token is the point)."""

    submit = SubmitField("删除文档")
