"""回答反馈 on /kb/gaps: identical verdicts (two people, same question, same answer, same verdict) are one
row with its count, so no two rows look alike; differing verdicts stay apart."""

from __future__ import annotations

import re

from core.db import db
from kb.models import record_feedback


def _rows(page: str) -> list[str]:
    section = page.split("<h2>回答反馈</h2>", 1)[1]
    return [re.sub(r"<[^>]+>", "|", row) for row in re.findall(r"<tr><td>.*?</tr>", section, re.S)]


def test_identical_feedback_is_one_row_with_its_count(app, client, login):
    for _ in range(3):
        record_feedback(db.session, "下井能带烟吗", False, citation="《煤矿安全规程》第十条", reason="outdated")
    record_feedback(db.session, "下井能带烟吗", True, citation="《煤矿安全规程》第十条")
    db.session.commit()
    login("unit_trainer")
    page = client.get("/kb/gaps").get_data(as_text=True)
    assert "有帮助 1 条，没帮助 3 条" in page
    rows = _rows(page)
    assert len(rows) == 2 and len(set(rows)) == 2
    unhelpful = next(r for r in rows if "没帮助" in r)
    assert "|3|" in unhelpful
    assert "|1|" in next(r for r in rows if "没帮助" not in r)
