"""A scale's options keep their order on a worker's phone, whatever the paper's shuffle setting (trainer audit 3,
finding 9: the five LEC danger bands showed shuffled), and the LEC stem gives the mine's bands the answer rests on.

The live server is shared by every end-to-end test of the session: this test signs in as demo worker 20203, whom
no other test uses.
"""

from __future__ import annotations

import pytest

from tests.taking.test_answering_e2e import _in_app, phone_page

pytestmark = pytest.mark.e2e
WORKER = "20203"


def _lec_sitting(live_server) -> tuple[int, list[str]]:
    """A shuffled exam of three LEC items for the worker's team, started; the scale of the first, as generated."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import utcnow
    from quiz.generation.hazard import HazardData, lec
    from quiz.generation.review import save_questions
    from quiz.taking import attempts
    from tests.papers import picked_paper

    def work(db) -> tuple[int, list[str]]:
        user = db.session.scalar(select(User).where(User.username == WORKER))
        drafts = [q for q, _ in zip(lec(HazardData.load(), "e2e-order"), range(3), strict=False)]
        saved = save_questions(drafts).saved
        now = utcnow()
        paper = picked_paper([(q.id, q.current_version_id) for q in saved], user.team_id, now,
                             title="LEC 顺序测验（e2e）", shuffle_options=True)
        attempt = attempts.start_paper(paper, user, now)
        db.session.commit()
        return attempt.id, [o.text for o in drafts[0].options]

    return _in_app(live_server, work)


def test_lec_bands_show_in_their_order_and_the_stem_gives_them(browser, live_server) -> None:
    attempt_id, scale = _lec_sitting(live_server)
    with phone_page(browser, live_server, WORKER) as page:
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        shown = [t.strip() for t in page.locator("#question .option .text").all_inner_texts()]
        assert shown == scale  # 稍有危险 … 极其危险, as the mine's table lists them
        stem = page.locator("#question").inner_text()
        assert "D≥320极其危险" in stem and "D<20稍有危险" in stem
