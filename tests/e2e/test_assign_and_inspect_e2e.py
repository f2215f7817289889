"""In real Chromium (issue 15): a trainer assigns a paper to a team with a deadline, a worker of the
team sees it due on his home page and takes it, and the trainer sees who passed, who failed and
who has not done it; a safety officer pastes three findings, sees their articles and the
major-danger verdict, and downloads the inspection ledger, whose 依据 column is checked.

Every figure is compared with what the app's services compute from the stored rows. The live
demo server is shared by every browser test, so this uses a paper of its own.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import save_screenshot
from tests.e2e.test_dashboards_e2e import TRAINER, _only_local, _sit, _trainer_page
from tests.inspections.labelled import SAMPLE
from tests.inspections.test_views import PASTE
from tests.taking.test_taking_e2e import SAVED, shown_key

pytestmark = pytest.mark.e2e

PAPER_TITLE = "安装班安全规程测验（浏览器测试）"
TEAM = "安装班"


@pytest.fixture(scope="module")
def paper_and_people(live_server):
    """A published exam of its own (5 questions, pass at 60 of 100, open to 掘进一班 only), and two
    workers of 安装班 who have sat nothing of it. The trainer made it (quiz.taking.access: a trainer
    assigns the papers the trainer sees; another 区队's paper by someone else is not offered)."""
    from accounts.models import Team, User
    from core.db import db
    from quiz.taking import papers
    from quiz.taking.models import Paper

    with live_server.app.app_context():
        others = db.session.scalar(select(Team).where(Team.name == "掘进一班"))
        team = db.session.scalar(select(Team).where(Team.name == TEAM))
        author = db.session.scalar(select(User.id).where(User.username == TRAINER))
        paper = Paper(created_by_id=author, title=PAPER_TITLE, mode="exam", draw="fixed", multi_rule="half", pass_score=Decimal(60),
                      time_limit_minutes=15, max_attempts=1, shuffle_options=True, shuffle_questions=False,
                      status="draft", sections=[papers.Section("single", 3, Decimal(20)).to_dict(),
                                                papers.Section("judge", 2, Decimal(20)).to_dict()])
        db.session.add(paper)
        db.session.flush()
        papers.set_audience(paper, team_ids=[others.id])
        papers.publish(paper)
        db.session.commit()
        workers = [x for x in live_server.logins if x["role"] == "worker" and x["team"].endswith(TEAM)]
        found = {"paper": paper.id, "team": team.id, "taker": workers[-1], "failer": workers[-2]["username"]}
        assert db.session.scalar(select(User.id).where(User.username == found["failer"]))
        db.session.remove()
    return found


def _answer_by_key(page, live_server, attempt_id: int, count: int) -> None:
    """Answer every question with its key, as the worker's shuffled options show it."""
    for position in range(1, count + 1):
        for letter in shown_key(live_server, attempt_id, position):
            page.locator("#question .option").filter(has_text=re.compile(f"^{letter}")).first.click()
        page.wait_for_function(SAVED)
        if position < count:
            page.click("#next")


def test_a_team_gets_a_paper_with_a_deadline_a_worker_takes_it_the_trainer_sees_who_did(
        browser, live_server, paper_and_people):
    from accounts.models import User
    from core import clock
    from core.db import db, utcnow
    from quiz.assignments import progress
    from quiz.assignments.models import Assignment
    from quiz.taking.models import Paper

    people = paper_and_people
    context, page, requests = _trainer_page(browser, live_server, {"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/assignments/new")
        page.select_option("select[name=kind]", "paper")
        page.select_option("select[name=paper]", str(people["paper"]))
        due = clock.local(utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
        page.fill("input[name=due_at]", f"{due:%Y-%m-%dT%H:%M}")
        page.check(f"fieldset#teams input[name=teams][value='{people['team']}']")  # a checkbox: a plain click
        page.click("button:has-text('布置')")
        page.wait_for_url(re.compile(r"/assignments/\d+$"))
        assignment_id = int(page.url.rsplit("/", 1)[1])
        with live_server.app.app_context():
            made = db.session.get(Assignment, assignment_id)
            assert made.paper_id == people["paper"] and clock.local(made.due_at) == due
            assert [(r.team_id, r.unit_id) for r in made.audience] == [(people["team"], None)]
            db.session.remove()
    finally:
        context.close()
    _only_local(requests, live_server)

    # A worker of the team: due on his home page, taken from there, all right.
    worker = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True)
    worker.set_default_timeout(15000)
    seen: list[str] = []
    worker.on("request", lambda r: seen.append(r.url))
    try:
        tab = worker.new_page()
        live_server.sign_in(tab, people["taker"])
        item = tab.locator(f".due-item[data-assignment='{assignment_id}']")
        assert item.locator(".due-title").inner_text() == PAPER_TITLE
        assert f"截止 {due:%m-%d %H:%M}" in item.inner_text()
        save_screenshot(tab, "assignment-due-on-home-360px.png")
        item.locator("button", has_text="去完成").click()
        tab.wait_for_url(re.compile(r"/attempts/\d+$"))
        tab.wait_for_selector("#question .q-head")
        attempt_id = int(tab.url.rsplit("/", 1)[1])
        _answer_by_key(tab, live_server, attempt_id, 5)
        tab.click("#submit")
        tab.locator("#submit-dialog button", has_text="交卷").click()
        tab.wait_for_url(f"**/attempts/{attempt_id}/result")
        assert float(tab.inner_text("[data-testid=score]")) == 100
        tab.goto(f"{live_server.url}/")
        assert tab.locator(f".due-item[data-assignment='{assignment_id}']").count() == 0  # done: off the list
    finally:
        worker.close()
    _only_local(seen, live_server)

    # Another worker of the team sits it and fails (through the services).
    with live_server.app.app_context():
        paper = db.session.get(Paper, people["paper"])
        failer = db.session.scalar(select(User).where(User.username == people["failer"]))
        set_at = db.session.get(Assignment, assignment_id).created_at  # a sitting counts from the task's setting
        _sit(paper, failer, set_at + timedelta(seconds=1), 1, 0, random.Random(5))
        db.session.commit()
        rows = progress.standings(db.session.get(Assignment, assignment_id), utcnow())
        expected = {r.username: r.status for r in rows}
        db.session.remove()
    assert expected[people["taker"]["username"]] == "passed" and expected[people["failer"]] == "failed"
    assert "not_done" in expected.values()

    context, page, requests = _trainer_page(browser, live_server, {"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/assignments/{assignment_id}")
        shown = {row.get_attribute("data-user"): row.get_attribute("data-status")
                 for row in page.locator("tr[data-user]").all()}
        assert shown == expected
        badge = {user: page.locator(f"tr[data-user='{user}'] td").nth(3).inner_text().strip() for user in shown}
        assert badge[people["taker"]["username"]] == progress.STATUS_LABELS["passed"]
        assert badge[people["failer"]] == progress.STATUS_LABELS["failed"]
        assert {badge[u] for u, status in shown.items() if status == "not_done"} == {progress.STATUS_LABELS["not_done"]}
        save_screenshot(page, "assignment-standings.png")
    finally:
        context.close()
    _only_local(requests, live_server)


def test_a_safety_officer_pastes_findings_sees_articles_and_the_major_call_and_downloads_the_ledger(
        browser, live_server, tmp_path):
    from core.db import db
    from inspections.models import Finding
    from inspections.service import parse_lines

    # The safety officer signs in as the unit trainer of 综采一队 (trainers enter findings).
    context, page, requests = _trainer_page(browser, live_server, {"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/inspections/")
        page.fill("textarea[name=lines]", PASTE)
        page.click("input[type=submit][name=submit], button[type=submit]:has-text('提交')")
        page.wait_for_url(re.compile(r"/inspections/batch/\d+$"))
        batch_id = int(page.url.rsplit("/", 1)[1])
        texts = [e.text for e in parse_lines(PASTE)]
        with live_server.app.app_context():
            findings = list(db.session.scalars(select(Finding).where(Finding.batch_id == batch_id)
                                               .order_by(Finding.id)))
            stored = [(f.text, f.citation, f.is_major, f.major_label) for f in findings]
            db.session.remove()
        assert [s[0] for s in stored] == texts
        labels = dict(SAMPLE)  # the demo library is the sample corpus: each finding's labelled article
        assert all(s[1] in {f"《{title}》{article}" for title, article in labels[s[0]]} for s in stored), stored
        assert [s[2] for s in stored] == [False, True, False]  # only the bare blasting is major
        rows = {row.locator("td").nth(3).inner_text(): row for row in page.locator("table.findings tbody tr").all()}
        assert sorted(rows) == sorted(texts)
        for text, citation, major, label in stored:
            assert rows[text].locator("td.basis strong").inner_text() == citation
            verdict = rows[text].locator("td").nth(5).inner_text()
            assert (verdict.startswith("是") and label in verdict) if major else verdict.startswith("未判定")
        assert "判定标准" in rows[texts[1]].locator("td").nth(5).inner_text()
        save_screenshot(page, "inspection-batch.png")

        with page.expect_download() as download:
            page.click("a:has-text('导出隐患排查台账')")
        saved = tmp_path / "ledger.xlsx"
        download.value.save_as(saved)
        assert download.value.suggested_filename.endswith(".xlsx")
        header, *body = list(load_workbook(saved).active.iter_rows(values_only=True))
        ledger = {row[header.index("隐患内容")]: dict(zip(header, row, strict=True)) for row in body}
        assert sorted(ledger) == sorted(texts)
        for text, citation, major, _ in stored:
            assert ledger[text]["依据"] == citation
            assert ledger[text]["重大事故隐患"] == ("是" if major else "未判定")  # the table lists what is major only
    finally:
        context.close()
    _only_local(requests, live_server)
