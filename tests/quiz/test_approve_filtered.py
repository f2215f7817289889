"""Approving an imported bank: a select-all box for the page, and 按当前筛选全部通过 for every
draft the filter finds (count shown, confirmed, committed in short audited transactions)."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.audit import AuditEntry
from quiz.bank import approval, service
from quiz.bank.browse import PAGE_SIZE
from quiz.bank.models import Question
from quiz.bank.types import Option, QuestionDraft
from tests.conftest import csrf_token


def add(stem: str, **kw) -> int:
    draft = QuestionDraft(type="single", stem=stem, options=(Option("A", "甲"), Option("B", "乙")), answer=("A",), **kw)
    question = service.add_question(draft)
    service.db.session.flush()
    return question.id


def statuses(db_session, ids) -> list[str]:
    db_session.expire_all()
    return [db_session.get(Question, i).status for i in ids]


def test_the_list_offers_select_all_and_approving_the_whole_filter(client, login, db_session) -> None:
    login("unit_trainer")
    for i in range(PAGE_SIZE + 3):
        add(f"顶板题{i}")
    add("已审核的顶板题", status="approved")
    db_session.commit()
    page = client.get("/bank/?q=顶板").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" data-select-all="ids"', page)
    link = re.search(r'id="approve-filtered" href="([^"]+)">按当前筛选全部通过（(\d+) 道草稿）', page)
    assert link and int(link.group(2)) == PAGE_SIZE + 3  # the whole filter, not the page of 50
    assert "q=" in link.group(1)


def test_approve_filtered_asks_first_then_approves_only_the_filtered_drafts(client, login, db_session,
                                                                           monkeypatch) -> None:
    user = login("team_leader")
    roof = [add(f"顶板题{i}") for i in range(7)]
    gas = [add(f"瓦斯题{i}") for i in range(2)]
    db_session.commit()
    confirm_page = client.get("/bank/approve-filtered?q=顶板").get_data(as_text=True)
    assert "<strong>7</strong> 道草稿题" in confirm_page
    assert statuses(db_session, roof) == ["draft"] * 7  # the page only asks
    later = add("顶板题（确认之后才加的）")  # not among the drafts the trainer was shown
    db_session.commit()
    monkeypatch.setattr(approval, "APPROVE_ROWS", 3)
    upto = re.search(r'name="upto" value="(\d+)"', confirm_page).group(1)
    response = client.post("/bank/approve-filtered", data={
        "csrf_token": csrf_token(client, "/bank/approve-filtered?q=顶板"), "q": "顶板", "upto": upto})
    assert response.status_code == 302 and "q=" in response.headers["Location"]
    assert statuses(db_session, roof) == ["approved"] * 7
    assert statuses(db_session, gas + [later]) == ["draft"] * 3
    entries = list(db_session.scalars(select(AuditEntry).where(AuditEntry.action == "question.approve")))
    assert len(entries) == 3  # 7 drafts in transactions of 3: 3 + 3 + 1, each audited
    assert {e.actor_id for e in entries} == {user.id}
    assert sum(int(re.match(r"(\d+) 道题", e.summary).group(1)) for e in entries) == 7


def test_workers_cannot_approve_a_filter(client, login, db_session) -> None:
    question = add("顶板题")
    db_session.commit()
    login("worker")
    assert client.get("/bank/approve-filtered").status_code == 403
    assert client.post("/bank/approve-filtered", data={"q": "顶板"}).status_code in (400, 403)
    assert statuses(db_session, [question]) == ["draft"]


def test_import_can_approve_a_bank_the_mine_already_uses(client, login, db_session) -> None:
    from tests.quiz.banks import previewed, standard_bank, upload

    user = login("unit_trainer")
    preview_url, _ = previewed(client, 3, "本矿在用题库.xlsx")
    page = client.get(preview_url).get_data(as_text=True)
    box = re.search(r'<input[^>]*id="import-approve"[^>]*>', page).group(0)
    assert 'type="checkbox"' in box and "checked" not in box  # offered, off by default
    assert "导入后直接设为已审核（本矿已在用的题库）" in page
    client.post(preview_url, data={"csrf_token": csrf_token(client, preview_url), "approve": "y"})
    imported = list(db_session.scalars(select(Question).where(Question.origin == "import")))
    assert len(imported) == 3 and {q.status for q in imported} == {"approved"}
    assert {q.approved_by_id for q in imported} == {user.id}
    entry = db_session.scalar(select(AuditEntry).where(AuditEntry.action == "question.approve"))
    assert entry is not None and entry.actor_id == user.id and "导入时直接设为已审核" in entry.summary

    preview_url = upload(client, standard_bank(2, prefix="另一题"), "另一题库.xlsx").headers["Location"]
    client.post(preview_url, data={"csrf_token": csrf_token(client, preview_url)})  # not ticked: drafts
    drafts = db_session.scalars(select(Question).where(Question.origin == "import", Question.status == "draft"))
    assert len(list(drafts)) == 2


def test_the_import_child_is_told_to_approve(tmp_path, monkeypatch) -> None:
    from quiz.bank import background

    started: list[list[str]] = []

    class Child:
        pid = 4242

    monkeypatch.setattr(background.children, "start", lambda root, args, env, log_path: started.append(args) or Child())
    background.start(tmp_path, tmp_path, "tok", 7, {}, approve=True)
    background.start(tmp_path, tmp_path, "tok2", 7, {})
    assert "--approve" in started[0] and "--approve" not in started[1]
