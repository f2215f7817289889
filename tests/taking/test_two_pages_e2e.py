"""One exam open in two tabs of Chromium on a phone (390x844, touch): an answer a tab showed as
saved is never overwritten by the other tab's older view; the stale tab is told and shows what is
stored; both tabs say the exam is open on another page.

Uses demo worker 10204, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import save_screenshot
from tests.taking.test_answering_e2e import PHONE, _in_app, go_to, option

pytestmark = pytest.mark.e2e

WORKER = "10204"
OTHER_TAB = "本场考试已在另一个页面打开，请只在一个页面作答"


def start_exam(live_server, username: str = WORKER) -> int:
    """A three-question 单选 exam for the worker's team, started as its page would."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank.models import Question, QuestionVersion
    from quiz.taking import attempts
    from tests.papers import picked_paper

    def work(db) -> int:
        user = db.session.scalar(select(User).where(User.username == username))
        now = utcnow()
        picks = db.session.execute(
            select(Question.id, Question.current_version_id)
            .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
            .where(QuestionVersion.type == "single").order_by(Question.id).limit(3)).all()
        paper = picked_paper(picks, user.team_id, now, title=f"两个页面 {username}", time_limit_minutes=30)
        attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id

    return _in_app(live_server, work)


def stored(live_server, attempt_id: int) -> list[list[str] | None]:
    from quiz.taking.attempts import to_shown
    from quiz.taking.models import AttemptItem

    def work(db) -> list[list[str] | None]:
        items = db.session.query(AttemptItem).filter_by(attempt_id=attempt_id).order_by(AttemptItem.position)
        return [to_shown(i, i.response) if i.response else None for i in items]

    return _in_app(live_server, work)


def wait_stored(live_server, attempt_id: int, position: int, wanted: list[str]) -> list[str] | None:
    got = None
    for _ in range(60):
        got = stored(live_server, attempt_id)[position - 1]
        if got == wanted:
            break
        time.sleep(0.25)
    return got


def test_a_stale_tab_never_overwrites_a_saved_answer_and_both_tabs_are_warned(browser, live_server):
    attempt_id = start_exam(live_server)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        tab1 = context.new_page()
        live_server.sign_in(tab1, WORKER)
        tab2 = context.new_page()
        for tab in (tab1, tab2):
            tab.goto(f"{live_server.url}/attempts/{attempt_id}")
            tab.wait_for_selector("#question .q-head")
        for tab in (tab1, tab2):
            tab.wait_for_selector("#other-tab:visible")
            assert OTHER_TAB in tab.inner_text("#other-tab")

        go_to(tab2, 2)
        option(tab2, "A").click()
        assert wait_stored(live_server, attempt_id, 2, ["A"]) == ["A"]
        go_to(tab1, 2)
        option(tab1, "B").click()  # tab 1 still shows question 2 unanswered: its B must not win silently
        tab1.wait_for_selector("#conflict:visible")
        assert "第2题已在另一个页面改过" in tab1.inner_text("#conflict")
        assert tab1.locator("#question .option.chosen .key").inner_text() == "A"  # shown what is stored
        save_screenshot(tab1, "two-tabs-stale-tab-told.png")
        go_to(tab2, 1)
        option(tab2, "D").click()
        assert wait_stored(live_server, attempt_id, 1, ["D"]) == ["D"]
        assert stored(live_server, attempt_id)[1] == ["A"]  # what the stale tab was shown, and nothing else

        # The worker answers again in tab 1, now on the stored version: saved, and survives a reload.
        option(tab1, "B").click()
        assert wait_stored(live_server, attempt_id, 2, ["B"]) == ["B"]
        tab1.wait_for_selector("#save-state:has-text('已保存')")
        tab1.reload()
        tab1.wait_for_selector("#question .q-head")
        go_to(tab1, 2)
        assert tab1.locator("#question .option.chosen .key").inner_text() == "B"
        assert stored(live_server, attempt_id)[:2] == [["D"], ["B"]]

        tab2.close()  # the other page is gone: tab 1 stops warning
        tab1.wait_for_selector("#other-tab", state="hidden")
    finally:
        context.close()
