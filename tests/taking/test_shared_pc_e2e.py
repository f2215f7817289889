"""A shared team-room PC: the answers the exam page keeps on the device belong to one person's one
sitting (a stamp the server signs), sign-out clears them (asking first when some never reached the
server), and at time up a save that failed is tried again within the server's grace before handing in."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from tests.taking.test_answering_e2e import _in_app, go_to
from tests.taking.test_offline_submit_e2e import sittings
from tests.taking.test_two_pages_e2e import stored, wait_stored

pytestmark = pytest.mark.e2e


def start_exam(live_server, username: str, title: str, count: int = 3) -> int:
    """A 30-minute exam of `count` 单选 for the worker's team, started."""
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
            .where(QuestionVersion.type == "single").order_by(Question.id.desc()).limit(count)).all()
        paper = picked_paper(picks, user.team_id, now, title=title, time_limit_minutes=30)
        attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id

    return _in_app(live_server, work)


def kept(page, attempt_id: int):
    return page.evaluate(f"() => localStorage.getItem('banzu-attempt-{attempt_id}')")


def answer_offline(page, live_server, attempt_id: int) -> None:
    """Question 1 saved; question 2 chosen (C) with no network, so kept only on the device; the tab closed."""
    page.goto(f"{live_server.url}/attempts/{attempt_id}")
    page.wait_for_selector("#question .q-head")
    page.locator("#question .option").first.click()
    assert wait_stored(live_server, attempt_id, 1, ["A"]) == ["A"]
    go_to(page, 2)
    page.context.set_offline(True)
    page.locator("#question .option").nth(2).click()
    page.wait_for_selector("#save-state.unsaved")
    page.close()
    page.context.set_offline(False)


def sign_out(page) -> None:
    page.locator("form[action$='/logout'] button").click()


@pytest.fixture
def desk(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    yield context
    context.close()


def test_sign_out_warns_of_unsent_answers_and_then_clears_them(desk, live_server):
    attempt_id = start_exam(live_server, "10203", "共用电脑 退出")
    page = desk.new_page()
    live_server.sign_in(page, "10203")
    answer_offline(page, live_server, attempt_id)
    other = desk.new_page()
    other.goto(f"{live_server.url}/")
    asked = []

    def refuse(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    other.once("dialog", refuse)
    sign_out(other)
    other.wait_for_timeout(500)
    assert asked and "还有 1 道题的答案没有上传" in asked[0]
    assert other.url == f"{live_server.url}/"  # still signed in: he can go back and let it save
    assert json.loads(kept(other, attempt_id))["answers"]["2"]["answer"] == ["C"]

    other.once("dialog", lambda d: d.accept())
    sign_out(other)
    other.wait_for_url("**/login**")
    assert kept(other, attempt_id) is None  # the next person on this PC reads nothing
    assert stored(live_server, attempt_id)[1] is None


def test_sign_out_clears_answers_already_on_the_server_without_asking(desk, live_server):
    attempt_id = start_exam(live_server, "10203", "共用电脑 已保存")
    page = desk.new_page()
    live_server.sign_in(page, "10203")
    page.goto(f"{live_server.url}/attempts/{attempt_id}")
    page.wait_for_selector("#question .q-head")
    page.locator("#question .option").first.click()
    assert wait_stored(live_server, attempt_id, 1, ["A"]) == ["A"]
    page.wait_for_selector("#save-state.saved")
    assert kept(page, attempt_id) is not None
    page.goto(f"{live_server.url}/")
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    sign_out(page)
    page.wait_for_url("**/login**")
    assert asked == []
    assert kept(page, attempt_id) is None


def test_answers_kept_for_another_persons_sitting_are_never_sent(desk, live_server):
    """A sitting id given again (SQLite reuses the highest id after a delete; a restored backup): the
    store under that id holds the previous worker's answer. The next worker's page drops it."""
    first = start_exam(live_server, "10203", "共用电脑 同号")
    page = desk.new_page()
    live_server.sign_in(page, "10203")
    answer_offline(page, live_server, first)

    def drop(db) -> None:
        from quiz.taking.models import Attempt
        db.session.delete(db.session.get(Attempt, first))
        db.session.commit()

    _in_app(live_server, drop)
    second = start_exam(live_server, "10204", "共用电脑 同号 下一位")
    page = desk.new_page()
    page.goto(f"{live_server.url}/")
    # The same id whether or not SQLite gave it again; the session ends without this page's script
    # (it timed out, or the browser went straight to the sign-in page): nothing cleared the store.
    page.evaluate(f"""() => {{ const v = localStorage.getItem('banzu-attempt-{first}');
        localStorage.setItem('banzu-attempt-{second}', v); }}""")
    page.evaluate("() => document.querySelector(\"form[action$='/logout']\").submit()")
    page.wait_for_url("**/login**")
    live_server.sign_in(page, "10204")
    page.goto(f"{live_server.url}/attempts/{second}")
    page.wait_for_selector("#question .q-head")
    page.wait_for_timeout(1500)
    assert stored(live_server, second) == [None, None, None]
    assert "C" not in (kept(page, second) or "")
    go_to(page, 2)
    assert page.locator("#question .option.chosen, #question .option[aria-pressed='true']").count() == 0


def _deadline_in(live_server, attempt_id: int, seconds: int) -> float:
    """The sitting's deadline moved to `seconds` from now; returns it as a Unix time."""
    from core.db import utcnow
    from quiz.taking.models import Attempt

    def work(db) -> float:
        sitting = db.session.get(Attempt, attempt_id)
        sitting.deadline = utcnow() + timedelta(seconds=seconds)
        db.session.commit()
        return time.time() + seconds

    return _in_app(live_server, work)


def _busy_exam(desk, live_server, username: str, title: str, busy_until):
    attempt_id = start_exam(live_server, username, title)
    deadline = _deadline_in(live_server, attempt_id, 12)
    page = desk.new_page()
    live_server.sign_in(page, username)
    page.goto(f"{live_server.url}/attempts/{attempt_id}")
    page.wait_for_selector("#question .q-head")
    go_to(page, 2)
    refused = {"n": 0}

    def maybe_refuse(route):  # the server busy at the shift's common deadline
        if busy_until(deadline):
            refused["n"] += 1
            route.fulfill(status=503, content_type="application/json", body='{"error": "系统正忙"}')
        else:
            route.continue_()

    page.route("**/items/2", maybe_refuse)
    page.locator("#question .option").nth(1).click()
    return attempt_id, page, refused


def test_time_up_saves_a_failed_answer_again_within_the_grace_before_handing_in(desk, live_server):
    attempt_id, page, refused = _busy_exam(desk, live_server, "10202", "到时交卷 重试",
                                           lambda deadline: time.time() < deadline + 1.0)
    page.wait_for_url(f"**/attempts/{attempt_id}/result", timeout=40000)
    assert refused["n"] >= 1
    assert stored(live_server, attempt_id)[1] == ["B"]  # in the graded sitting
    assert [s for s, _ in sittings(live_server, attempt_id)] == ["submitted"]
    assert kept(page, attempt_id) is None


def test_time_up_names_the_answers_the_server_never_took(desk, live_server):
    attempt_id, page, refused = _busy_exam(desk, live_server, "10202", "到时交卷 失败",
                                           lambda deadline: True)
    page.wait_for_selector("#submit-note:has-text('第 2 题的答案没能保存到服务器，没有计入成绩')", timeout=40000)
    assert refused["n"] >= 2  # tried again within the grace
    assert f"/attempts/{attempt_id}" in page.url and not page.url.endswith("/result")  # left to read it
    assert stored(live_server, attempt_id)[1] is None
    assert [s for s, _ in sittings(live_server, attempt_id)] == ["submitted"]
    assert kept(page, attempt_id) is None  # refused for good: nothing more to keep
    page.locator("#submit-note a", has_text="查看成绩").click()
    page.wait_for_url(f"**/attempts/{attempt_id}/result")
