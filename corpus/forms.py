"""Forms of the library pages: upload, type override, removal."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import SelectField, SubmitField

from corpus.documents import DOC_TYPES

TYPE_CHOICES = [(t, t) for t in DOC_TYPES]


class UploadForm(FlaskForm):
    files = MultipleFileField("文件", validators=[FileRequired("请选择要上传的文件。")])
    doc_type = SelectField("文档类型", choices=[("", "自动识别"), *TYPE_CHOICES], default="")
    submit = SubmitField("上传并导入")


class DocTypeForm(FlaskForm):
    doc_type = SelectField("文档类型", choices=TYPE_CHOICES)
    submit = SubmitField("修改类型")


class RemoveForm(FlaskForm):
    submit = SubmitField("删除文档")
