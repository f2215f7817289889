"""Handing in an exam with the connection lost, in Chromium on a phone (390x844, touch), scrolled
down to 交卷: the failure is said in the dialog the worker is looking at (kept open, 重新交卷), the
answer chosen offline is saved first and the exam handed in by itself once the connection returns,
counted once; a retry really hands in; the timer and save status stay on screen while scrolling.

Uses demo worker 20204, whom no other end-to-end test signs in as.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import ARTIFACTS
from tests.taking.test_answering_e2e import PHONE, _in_app, go_to, phone_page
from tests.taking.test_two_pages_e2e import stored, wait_stored

pytestmark = pytest.mark.e2e

WORKER = "20204"


def start_long_exam(live_server, title: str, count: int = 12) -> int:
    """A timed exam of `count` 单选 for the worker's team (tall enough to scroll on a phone), started."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank.models import Question, QuestionVersion
    from quiz.taking import attempts
    from tests.papers import picked_paper

    def work(db) -> int:
        user = db.session.scalar(select(User).where(User.username == WORKER))
        now = utcnow()
        picks = db.session.execute(
            select(Question.id, Question.current_version_id)
            .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
            .where(QuestionVersion.type == "single").order_by(Question.id).limit(count)).all()
        paper = picked_paper(picks, user.team_id, now, title=title, time_limit_minutes=30)
        attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id

    return _in_app(live_server, work)


def sittings(live_server, attempt_id: int) -> list[tuple[str, bool]]:
    """(status, scored) of every sitting of this attempt's paper by its worker."""
    from quiz.taking.models import Attempt

    def work(db) -> list[tuple[str, bool]]:
        mine = db.session.get(Attempt, attempt_id)
        rows = db.session.query(Attempt).filter_by(paper_id=mine.paper_id, user_id=mine.user_id)
        return [(a.status, a.score is not None) for a in rows]

    return _in_app(live_server, work)


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and page.is_visible(selector)


def seen(page, name: str) -> None:
    """A screenshot of the viewport: what the worker sees where they are scrolled to."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_a_submit_while_offline_is_said_in_the_dialog_and_done_by_itself_when_back_online(browser, live_server):
    attempt_id = start_long_exam(live_server, f"断网交卷 {WORKER}")
    with phone_page(browser, live_server, WORKER) as page:
        context = page.context
        alerts: list[str] = []
        page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        # The status bar sits above the question, never over it.
        bar = page.locator(".quiz-status").bounding_box()
        assert bar["y"] + bar["height"] <= page.locator("#question").bounding_box()["y"] + 1
        page.locator("#question .option").first.click()
        assert wait_stored(live_server, attempt_id, 1, ["A"]) == ["A"]
        go_to(page, 2)

        context.set_offline(True)
        page.locator("#question .option").nth(1).click()  # kept on the phone, not yet on the server
        page.wait_for_selector("#save-state.unsaved")
        page.locator("#submit").scroll_into_view_if_needed()
        assert page.evaluate("window.scrollY") > 100, "the page should be scrolled for this test"
        # Scrolled down to 交卷, the timer and save status are still on screen, in one short bar.
        assert in_view(page, "#timer") and in_view(page, "#save-state")
        assert page.inner_text("#save-state").startswith("未保存") and page.is_visible("#retry")
        seen(page, "taking-offline-scrolled-390px.png")
        assert page.locator(".quiz-status").bounding_box()["height"] <= 60

        responses: list[tuple[str, str, int]] = []
        page.on("response", lambda r: responses.append((r.request.method, r.url, r.status)))
        page.click("#submit")
        ask = page.locator("#submit-dialog")
        ask.locator("button", has_text="交卷").click()
        error = ask.locator("#submit-error")
        error.wait_for(state="visible")
        assert ask.is_visible() and in_view(page, "#submit-error")
        assert "网络" in error.inner_text() and "自动交卷" in error.inner_text()
        assert ask.locator("button", has_text="重新交卷").is_visible()
        assert alerts == []
        seen(page, "taking-offline-submit-390px.png")
        time.sleep(1)
        assert page.url.endswith(f"/attempts/{attempt_id}") and stored(live_server, attempt_id)[1] is None

        context.set_offline(False)  # nothing tapped: the page saves the answer, then hands in
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert alerts == []
        assert stored(live_server, attempt_id)[1] == ["B"]
        assert sittings(live_server, attempt_id) == [("submitted", True)]
        submits = [r for r in responses if r[0] == "POST" and r[1].endswith("/submit")]
        saves = [i for i, r in enumerate(responses) if r[0] == "PUT" and r[1].endswith("/items/2") and r[2] == 200]
        assert [r[2] for r in submits] == [200], submits
        assert saves and saves[-1] < responses.index(submits[0]), "the answer is saved before the submit"


def test_retrying_a_failed_submit_hands_in_and_going_back_to_answer_does_not(browser, live_server):
    attempt_id = start_long_exam(live_server, f"重新交卷 {WORKER}", count=3)
    with phone_page(browser, live_server, WORKER) as page:
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        page.locator("#question .option").first.click()
        assert wait_stored(live_server, attempt_id, 1, ["A"]) == ["A"]

        # The server cannot be reached (the phone still thinks it is online): no `online` event comes.
        page.route("**/submit", lambda route: route.abort())
        page.click("#submit")
        ask = page.locator("#submit-dialog")
        ask.locator("button", has_text="交卷").click()
        ask.locator("#submit-error").wait_for(state="visible")
        # 返回作答 means: not now. The page says so beside 交卷 and does not hand in by itself.
        ask.locator("button", has_text="返回作答").click()
        page.locator("#submit-note").wait_for(state="visible")
        assert ask.is_hidden() and in_view(page, "#save-state")
        assert "没有交卷" in page.inner_text("#submit-note") and "网络中断" in page.inner_text("#submit-note")
        page.unroute("**/submit")
        time.sleep(6)  # longer than the page's automatic retry
        assert page.url.endswith(f"/attempts/{attempt_id}") and sittings(live_server, attempt_id) == [("open", False)]

        # 交卷 again fails again; 重新交卷 in the dialog hands in.
        page.route("**/submit", lambda route: route.abort())
        page.click("#submit")
        assert ask.locator("#submit-error").is_hidden()
        ask.locator("button", has_text="交卷").click()
        ask.locator("#submit-error").wait_for(state="visible")
        page.unroute("**/submit")
        ask.locator("button", has_text="重新交卷").click()
        page.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert sittings(live_server, attempt_id) == [("submitted", True)]
