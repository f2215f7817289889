"""Forms of sign-in, password change and the admin pages for people and teams."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from accounts import usernames
from core.auth import ROLE_LABELS
from core.forms import Form


class LoginForm(Form):
    username = StringField("工号", validators=[DataRequired("请输入工号。"), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码。"), Length(max=200)])
    submit = SubmitField("登录")


class ChangePasswordForm(Form):
    current = PasswordField("当前密码", validators=[DataRequired("请输入当前密码。")])
    password = PasswordField("新密码", validators=[DataRequired("请输入新密码。"), Length(max=200)])
    confirm = PasswordField("再次输入新密码", validators=[EqualTo("password", "两次输入的新密码不一致。")])
    submit = SubmitField("修改密码")


class PersonForm(Form):
    # Read as a roster cell is (usernames.clean): Ｔ００３ and "  T002  " are T003 and T002.
    username = StringField("工号", filters=[usernames.clean], validators=[
        DataRequired("请输入工号。"),
        Regexp(usernames.PATTERN, message=f"工号{usernames.PATTERN_HINT}。"),
    ])
    name = StringField("姓名", filters=[usernames.clean], validators=[DataRequired("请输入姓名。"), Length(max=50)])
    team_id = SelectField("班组", coerce=int)
    job = StringField("工种", validators=[Optional(), Length(max=50)])
    party_member = BooleanField("党员")
    special_operations = BooleanField("特种作业人员（持特种作业操作证：初次培训90学时，再培训24学时）")
    started_on = DateField("上岗日期（当年按初次培训学时要求）", validators=[Optional()])
    role = SelectField("角色", choices=[(role.value, label) for role, label in ROLE_LABELS.items()])
    submit = SubmitField("保存")


class MineForm(Form):
    name = StringField("矿名", validators=[DataRequired("请填写矿名。"), Length(max=100)])
    submit = SubmitField("保存矿名")


class UnitForm(Form):
    name = StringField("区队名称", validators=[DataRequired("请输入区队名称。"), Length(max=100)])
    submit = SubmitField("添加区队")


class TeamForm(Form):
    unit_id = SelectField("所属区队", coerce=int)
    name = StringField("班组名称", validators=[DataRequired("请输入班组名称。"), Length(max=100)])
    submit = SubmitField("保存班组")


class RosterUploadForm(Form):
    file = FileField("花名册文件", validators=[
        FileRequired("请选择文件。"),
        FileAllowed(["xlsx", "xls", "csv"], "只支持 .xlsx、.xls 或 .csv 文件。"),
    ])
    create_teams = BooleanField("自动创建表中不存在的区队和班组")
    submit = SubmitField("上传并预览")


class ConfirmForm(Form):
    """A bare form for POST-only actions (confirm, disable, reset): it carries the CSRF token."""

    token = HiddenField()
    submit = SubmitField("确认")
