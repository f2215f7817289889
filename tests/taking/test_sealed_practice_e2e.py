"""In real Chromium: a practice paper holding a question of an exam still open to the worker. Answering
it shows only 「本题还在进行中的考试或竞赛中，结束后公布答案」 — no key, no right/wrong marks on the
options, no explanation — and locks it as any graded practice answer (also after a reload); the other
question gets its feedback as usual. The result leaves the sealed answer out of the score, saying one
question waits for the exam; once the exam has closed it counts it and shows its key.

The live server is shared by every end-to-end test of the session: the two papers are open only to
the job 安全员, whose demo workers (20206, 10205) no other test signs in as.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from quiz.taking.seal import SEALED_NOTE
from tests.papers import picked_paper
from tests.taking.test_answering_e2e import _in_app, go_to, option, phone_page

pytestmark = pytest.mark.e2e

USERNAME, JOB = "20206", "安全员"


def _papers(live_server) -> dict:
    """An exam open to 安全员 for two more hours holding one single-choice question, and a started
    practice sitting of that question (first) and another; the keys as the worker's letters."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.bank.models import Question, QuestionVersion
    from quiz.taking import attempts, practice
    from quiz.taking.models import Paper, PaperAudience

    def paper(mode: str, picks, user, now) -> Paper:
        made = picked_paper(picks, user.team_id, now, title=f"封存{mode} {USERNAME}", mode=mode,
                            opens_at=now, closes_at=now + timedelta(hours=2))
        made.audience[:] = [PaperAudience(job=JOB)]  # only 安全员, not the whole team
        return made

    def work(db) -> dict:
        user = db.session.scalar(select(User).where(User.username == USERNAME))
        assert user.job == JOB
        now = utcnow()
        pool = practice.pool(practice.PracticeFilter(), user).subquery()
        picks = db.session.execute(
            select(Question.id, Question.current_version_id).join(pool, pool.c.id == Question.id)
            .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
            .where(QuestionVersion.type == "single").order_by(Question.id).limit(2)).all()
        exam, drill = paper("exam", picks[:1], user, now), paper("practice", picks, user, now)
        db.session.flush()
        sitting = attempts.start_paper(drill, user, now)
        db.session.commit()
        keys = [attempts.to_shown(i, list(i.version.answer)) for i in sitting.items]
        return {"exam": exam.id, "attempt": sitting.id, "keys": keys,
                "explanations": [i.version.explanation for i in sitting.items]}

    return _in_app(live_server, work)


def _close_exam(live_server, exam_id: int) -> None:
    from core.db import utcnow
    from quiz.taking.models import Paper

    def work(db) -> None:
        db.session.get(Paper, exam_id).closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()

    _in_app(live_server, work)


def test_a_sealed_question_in_a_practice_paper_is_answered_without_its_key(browser, live_server):
    made = _papers(live_server)
    sealed_key, free_key = made["keys"][0][0], made["keys"][1][0]
    assert made["explanations"][0]
    with phone_page(browser, live_server, USERNAME) as page:
        page.goto(f"{live_server.url}/attempts/{made['attempt']}")
        page.wait_for_selector("#question .q-head:has-text('第 1 /')")
        option(page, sealed_key).click()
        note = page.wait_for_selector("#question .feedback.sealed")
        assert note.inner_text() == SEALED_NOTE
        question = page.locator("#question")
        assert question.locator(".mark, .key-right, .key-wrong, .verdict").count() == 0
        assert made["explanations"][0] not in question.inner_text()
        assert all(b.is_disabled() for b in question.locator(".option").all())  # graded: the first answer counts
        assert "right" not in page.locator("#qmap .cell").first.get_attribute("class").split()

        page.reload()  # the page's own data holds no key either, and the answer stays locked
        page.wait_for_selector("#question .q-head:has-text('第 2 /')")  # it opens on the first unanswered
        go_to(page, 1)
        page.wait_for_selector("#question .feedback.sealed")
        assert all(b.is_disabled() for b in question.locator(".option").all())
        assert question.locator(".mark, .key-right, .key-wrong, .verdict").count() == 0
        assert made["explanations"][0] not in page.content()

        go_to(page, 2)
        option(page, next(k for k in "ABCD" if k != free_key)).click()
        page.wait_for_selector("#question .feedback.wrong")
        assert question.locator(".option.key-right").count() == 1  # the free question: feedback as usual

        page.click("#submit")
        page.locator("#submit-dialog button", has_text="交卷").click()
        page.wait_for_url(f"**/attempts/{made['attempt']}/result")
        assert page.inner_text("[data-testid=score]") == "0"  # only the free one, wrong, is scored yet
        assert "/ 1 分" in page.inner_text(".result-head .score")
        assert "另有 1 题在考试结束后计分" in page.inner_text("[data-testid=held]")
        review = page.locator(".review-item").first
        assert SEALED_NOTE in review.inner_text() and "正确答案" not in review.inner_text()

        _close_exam(live_server, made["exam"])
        page.reload()
        assert page.inner_text("[data-testid=score]") == "1"  # the sealed answer, right, now counts
        assert "/ 2 分" in page.inner_text(".result-head .score") and page.locator("[data-testid=held]").count() == 0
        review = page.locator(".review-item").first
        assert SEALED_NOTE not in review.inner_text()
        assert f"正确答案：{sealed_key}" in review.inner_text() and made["explanations"][0] in review.inner_text()
