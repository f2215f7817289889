"""A question edit and a paper edit say in the 操作日志 what changed, field by field, before → after
(the README promises 改动写明前后): the key D → C, the category, the stem; a paper's 结束时间."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.audit import AuditEntry
from core.db import db
from quiz.bank import service
from quiz.bank.types import Option, QuestionDraft
from tests.contests.test_paper_window import form_values
from tests.factories import create_user
from tests.papers import build_paper, draft
from tests.test_audit import only, sign_in


def test_a_question_edit_logs_each_changed_field(app):
    trainer = create_user("unit_trainer")
    options = tuple(Option(k, t) for k, t in zip("ABCD", ("1%", "1.5%", "2%", "0.5%"), strict=True))
    question = service.add_question(QuestionDraft(
        type="single", stem="瓦斯浓度达到多少时停止作业（ ）", options=options, answer=("D",),
        category=("一通三防",), status="approved"))
    db.session.commit()
    edited = replace(question.to_draft(), stem="（新版）瓦斯浓度达到多少时停止作业（ ）", answer=("C",),
                     category=("一炮三检",))
    assert service.edit_question(question, edited, edited_by_id=trainer.id)
    db.session.commit()
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "question.edit")).one()
    assert entry.actor_id == trainer.id and entry.object_id == str(question.id)
    assert "答案 D → C" in entry.summary
    assert "分类 一通三防 → 一炮三检" in entry.summary
    assert "题干 瓦斯浓度达到多少时停止作业（ ） → （新版）瓦斯浓度达到多少时停止作业（ ）" in entry.summary
    assert "选项" not in entry.summary and "解析" not in entry.summary  # unchanged: not listed

    # only the category moves: no new version, and the entry still says what changed
    assert not service.edit_question(question, replace(edited, category=("顶板管理",)), edited_by_id=trainer.id)
    db.session.commit()
    last = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "question.edit")
                              .order_by(AuditEntry.id.desc())).first()
    assert "分类 一炮三检 → 顶板管理" in last.summary and "答案" not in last.summary


def test_a_paper_edit_logs_the_closing_time_before_and_after(app, client):
    admin = create_user("admin")
    service.add_question(draft("single", 1))
    service.add_question(draft("single", 2))
    db.session.commit()
    paper = build_paper([("single", 2, "10")], title="三月月考", created_by_id=admin.id)
    sign_in(client, admin)
    url = f"/papers/{paper.id}/edit"
    data = form_values(client.get(url).get_data(as_text=True))
    data["closes_at"] = ["2031-03-31T18:00"]
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    entry = only("paper.save", admin, paper.id)
    assert entry.summary == "修改 三月月考：结束时间 （无） → 2031-03-31 18:00"
