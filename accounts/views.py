"""Sign-in, sign-out, password change, the home page, and people pages for trainers."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from accounts import passwords, scopes, signin
from accounts.forms import ChangePasswordForm, LoginForm
from accounts.models import User
from core import audit
from core.auth import MEMBER_ROLES, TRAINER_ROLES, trainer_required
from core.db import db, retrying, utcnow

bp = Blueprint("accounts", __name__)

# Pages a person who must change the password may still open.
OPEN_DURING_PASSWORD_CHANGE = {"accounts.change_password", "accounts.logout", "static"}


def _safe_next(target: str | None) -> str:
    """Only same-site relative targets, so `next` cannot send people elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("accounts.home")


@bp.before_app_request
def force_password_change():
    """People whose password was set by someone else change it before doing anything else."""
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in OPEN_DURING_PASSWORD_CHANGE):
        if request.path.startswith("/api/"):
            return {"error": "请先修改初始密码。"}, 403
        return redirect(url_for("accounts.change_password"))
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        policy = signin.LockoutPolicy.from_config(current_app.config)
        # A sign-in writes (last_login_at, failures): retried if a long write holds the lock.
        result = retrying(lambda: signin.sign_in(form.username.data, form.password.data,
                                                 request.remote_addr or "-", policy, utcnow()))
        if result.user is not None:
            login_user(result.user)
            if result.user.must_change_password:
                flash("首次登录，请先修改初始密码。", "warning")
                return redirect(url_for("accounts.change_password"))
            return redirect(_safe_next(request.args.get("next")))
        error = result.error
    status = 429 if error and "锁定" in error else (401 if error else 200)
    return render_template("accounts/login.html", form=form, error=error), status


@bp.post("/logout")
@login_required
def logout():
    # Ends the person's sessions everywhere: a copied session cookie is worthless afterwards.
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash("您已退出登录。", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        problem = passwords.password_problem(form.password.data, username=current_user.username)
        policy = signin.LockoutPolicy.from_config(current_app.config)
        checked = retrying(lambda: signin.check_own_password(current_user._get_current_object(), form.current.data,
                                                             request.remote_addr or "-", policy, utcnow()))
        if checked.locked_until is not None:
            # Guessing the password of an open session: the session ends, as the 工号 is now locked.
            current_user.end_sessions()
            db.session.commit()
            logout_user()
            flash(checked.error, "danger")
            return redirect(url_for("accounts.login"))
        if checked.error:
            db.session.commit()
            form.current.errors.append(checked.error)
        elif form.password.data == form.current.data:
            form.password.errors.append("新密码不能与当前密码相同。")
        elif problem:
            form.password.errors.append(problem)
        else:
            user = current_user._get_current_object()
            passwords.set_password(user, form.password.data)  # ends every session of the person …
            if user.role in TRAINER_ROLES:  # the log is of trainers' and admins' actions
                audit.record("user.own_password", "user", user.id, f"{user.name}（{user.username}）")
            db.session.commit()
            login_user(user)  # … but this one, which continues with the new generation
            flash("密码已修改。", "success")
            return redirect(url_for("accounts.home"))
    return render_template("accounts/change_password.html", form=form, rules=passwords.RULES_SUMMARY)


@bp.get("/")
@login_required
def home():
    return render_template("home.html")


@bp.get("/people")
@trainer_required
def people():
    people = db.session.scalars(scopes.visible_users(current_user)).all()
    # The count is the members' (as results and assignments count them); staff of the 区队 apart.
    return render_template("accounts/people.html", people=[p for p in people if p.role in MEMBER_ROLES],
                           staff=[p for p in people if p.role not in MEMBER_ROLES])


@bp.get("/people/<int:user_id>")
@login_required
def person(user_id: int):
    """A person's page, for the person and the staff whose scope holds him; anyone else gets 404, as
    for a missing id, so the page does not confirm that the person exists (as results and records)."""
    member = db.session.get(User, user_id)
    if member is None or not scopes.can_view_user(current_user, member):
        abort(404)
    return render_template("accounts/person.html", person=member)
