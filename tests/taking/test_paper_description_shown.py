"""A paper's 说明 reaches the people it is written for: the worker's card on 考试练习, the top of the
taking page, and the printed paper — as text, line breaks kept, markup not run."""

from __future__ import annotations

import re

from core.db import db, utcnow
from quiz.taking import attempts, papers
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user

NOTE = "闭卷考试，不得查阅资料。\n<b>交卷后</b>由班组长统一签字。"


def test_the_description_is_on_the_card_the_taking_page_and_the_print(app, client, login, make_paper):
    team = create_team("综采一队", "回收班")
    exam = make_paper(sections=(("single", 2, "5"),), title="十二月月考", description=NOTE)
    practice = make_paper(sections=(("judge", 1, "5"),), title="顶板练习", mode="practice", description="练到全对为止。")
    plain = make_paper(sections=(("single", 1, "5"),), title="没有说明的考试")
    for paper in (exam, practice, plain):
        papers.set_audience(paper, team_ids=[team.id])
    db.session.commit()
    worker = login(team=team)

    page = client.get("/quizzes").get_data(as_text=True)
    notes = re.findall(r'<p class="paper-description"[^>]*>(.*?)</p>', page, re.S)
    assert notes == ["闭卷考试，不得查阅资料。\n&lt;b&gt;交卷后&lt;/b&gt;由班组长统一签字。", "练到全对为止。"]

    sitting = attempts.start_paper(exam, worker, utcnow())
    db.session.commit()
    taking = client.get(f"/attempts/{sitting.id}").get_data(as_text=True)
    assert "闭卷考试，不得查阅资料。" in taking and "<b>交卷后</b>" not in taking

    printed = Visitor(app, create_user("admin")).get(f"/records/print/papers/{exam.id}").get_data(as_text=True)
    assert "闭卷考试，不得查阅资料。" in printed and "&lt;b&gt;交卷后&lt;/b&gt;" in printed
