"""One list of 工种 in a real browser: the generate form's 岗位, shown when 危险源辨识题 is chosen, lists
jobs only, once each, under the workers' names; 每日一练 started from 考试练习 draws what fits the worker
(quiz.taking.practice.daily_fit), and says so on the page when it had to draw others.

Uses demo trainer 90002 and demo worker 20202, whom no other end-to-end test signs in as."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import save_screenshot
from tests.taking.test_answering_e2e import _in_app, phone_page

pytestmark = pytest.mark.e2e

TRAINER, WORKER = "90002", "20202"
GROUPS = ("作业人员", "入井人员", "乘车人员", "乘罐人员", "地面人员", "行人", "采掘区队", "采煤区队")


def test_the_generate_forms_jobs_are_jobs_once_each_under_the_workers_names(page, live_server):
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/bank/review/")
    box = page.locator("#generate-form details.generate-box")
    if box.get_attribute("open") is None:
        page.click("#generate-form summary")
    page.select_option("#generate-kind", "hazard")
    jobs = page.locator('#generate-form .generate-hazard input[name="jobs"]')
    expect(jobs.first).to_be_visible()
    listed = [j.get_attribute("value") for j in jobs.all()]
    assert len(listed) == len(set(listed))
    assert not set(listed) & set(GROUPS)
    assert {"输送机司机", "锚杆支护工", "支架工"} <= set(listed)
    assert not {"带式输送机司机", "锚杆工", "监测工"} & set(listed)


def test_the_daily_practice_draws_what_fits_the_worker_or_says_it_widened(browser, live_server):
    with phone_page(browser, live_server, WORKER) as page:
        page.goto(f"{live_server.url}/quizzes")
        page.click("#daily button[type=submit]")
        page.wait_for_selector("#question .q-head")
        attempt_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

        def levels(db) -> list[int]:
            from accounts.models import User
            from quiz.taking import practice
            from quiz.taking.models import Attempt

            attempt = db.session.get(Attempt, attempt_id)
            fit = practice.daily_fit(db.session.get(User, attempt.user_id))
            return [fit(i.question.jobs, i.question.origin_ref, i.version.stem) for i in attempt.items]

        from quiz.taking.practice import PLACE

        found = _in_app(live_server, levels)
        assert len(found) == 5
        others = sum(level > PLACE for level in found)
        notice = page.locator(".flash", has_text="取自其他工种和地点")
        if others:
            expect(notice).to_contain_text(f"另有{others}道题")
        else:
            expect(notice).to_have_count(0)
        save_screenshot(page, "daily-fits.png")
