"""The 本矿用语 page: trainers keep the mine's own words and rebuild the index so they take effect.

Views load, check, act and commit; the rules live in kb.mine_words and kb.word_rebuild.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from accounts.models import User
from core import confirm
from core.auth import TRAINER_ROLES, role_required
from core.db import db
from kb import knowledge_base, word_rebuild
from kb import mine_words as words
from kb.forms import ConfirmForm, MineWordsForm
from kb.models import MineWord
from kb.views import bp


def _page(form: MineWordsForm, refused: list[words.Refusal] | None = None, status: int = 200):  # noqa: ANN202
    shipped = words.shipped_lines()
    rows = db.session.scalars(db.select(MineWord).order_by(MineWord.id)).all()
    ids = {row.created_by for row in rows if row.created_by}
    names = {uid: name for uid, name in db.session.execute(db.select(User.id, User.name).where(User.id.in_(ids)))}
    return render_template(
        "kb/words.html",
        form=form,
        confirm=ConfirmForm(),
        shipped=shipped,
        rows=rows,
        names=names,
        refused=refused or [],
        rebuild=word_rebuild.status(current_app, db.session),
    ), status


@bp.get("/words")
@role_required(*TRAINER_ROLES)
def words_page():
    """The shipped lines (read-only), the mine's lines, the add form and the rebuild's status."""
    return _page(MineWordsForm())


@bp.post("/words")
@role_required(*TRAINER_ROLES)
def words_add():
    """Add the good lines; the bad ones come back with their reasons, in the box, to correct."""
    form = MineWordsForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    added, refused = words.add(db.session, form.lines.data, knowledge_base(), actor_id=current_user.id)
    db.session.commit()
    if added:
        flash(f"已添加 {len(added)} 行。点“重建索引使新词生效”后检索才会用到。", "success")
    if refused:
        form.lines.data = "\n".join(r.line for r in refused)
        return _page(form, refused, status=400 if not added else 200)
    return redirect(url_for("kb.words_page"))


@bp.post("/words/<int:word_id>/delete")
@role_required(*TRAINER_ROLES)
def words_delete(word_id: int):
    """Delete one of the mine's lines, after the confirmation step says what stops working."""
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("kb.words_page"))
    row = db.session.get(MineWord, word_id)
    if row is not None and not confirm.confirmed():
        return confirm.ask_first("删除本矿用语", [
            f"将删除“{row.line}”。",
            "重建索引后，检索不再把这一行里的说法连到条文用语上；以后可重新添加。",
        ], "确认删除", back=url_for("kb.words_page"))
    line = words.remove(db.session, word_id, actor_id=current_user.id)
    db.session.commit()
    if line:
        flash(f"已删除“{line}”。重建索引后生效。", "success")
    return redirect(url_for("kb.words_page"))


@bp.post("/words/rebuild")
@role_required(*TRAINER_ROLES)
def words_rebuild():
    """Start the beside-and-switch rebuild in the background; search keeps the old index meanwhile."""
    if ConfirmForm().validate_on_submit():
        if word_rebuild.start(current_app._get_current_object(), db.session, actor_id=current_user.id):
            flash("已开始重建检索索引。重建期间检索照常使用旧索引，完成后新词生效。", "success")
        else:
            flash("检索索引正在重建，请稍候。", "info")
    return redirect(url_for("kb.words_page"))
