"""我的成绩's chart data carries each attempt's own pass mark as a percent of its paper's total, so the
chart can draw each result against its own paper's 及格线 (not one line at 80%)."""

from __future__ import annotations

from datetime import timedelta

from core.db import utcnow
from tests.factories import create_closed_exam


def test_the_series_carries_each_attempts_own_pass_percent(client, login):
    worker = login()
    start = utcnow() - timedelta(days=1)
    create_closed_exam(worker.id, "六十分及格", "70", start, pass_score="60")
    create_closed_exam(worker.id, "满分五分", "4", start + timedelta(hours=1), pass_score="4.5", max_score="5")
    series = client.get("/api/v1/history").json["series"]
    assert [(p["title"], p["pass_percent"], p["passed"]) for p in series] == [
        ("六十分及格", 60.0, True), ("满分五分", 90.0, False)]
    page = client.get("/history").get_data(as_text=True)
    assert '"pass_percent": 60.0' in page and '"pass_percent": 90.0' in page
