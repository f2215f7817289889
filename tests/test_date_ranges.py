"""Every page taking a date range (?from=…&to=…) reads it through one parser (core.clock.typed_day): a
date outside 2000-01-01 … 2100-12-31 is treated like a malformed one — left out, the page's default
applies — instead of overflowing in the conversion to UTC (a 500: OverflowError)."""

from __future__ import annotations

from datetime import date

import pytest

from core import clock
from core.db import utcnow
from quiz.results.period import default_period, parse_period

EXTREMES = ("from=0001-01-01&to=9999-12-31", "from=0001-01-01&to=0001-01-02", "from=9999-12-31",
            "from=9999-12-31&to=9999-12-31", "from=1999-12-31&to=2101-01-01", "to=0001-01-01")
ROUTES = ("/results/teams/{team}", "/results/units/{unit}", "/results/workers/{worker}", "/results/items",
          "/api/v1/results/teams/{team}", "/api/v1/results/units/{unit}", "/api/v1/results/workers/{worker}",
          "/records/results/teams/{team}.xlsx", "/records/results/workers/{worker}.xlsx",
          "/admin/audit/", "/admin/audit/export.xlsx")


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01", "2026-13-01", "x", "", None])
def test_a_day_outside_the_sane_range_reads_like_a_malformed_one(text):
    assert clock.typed_day(text) is None


@pytest.mark.parametrize("text", ["2000-01-01", "2100-12-31", " 2026-12-05 "])
def test_a_day_inside_it_is_read(text):
    assert clock.typed_day(text) == date.fromisoformat(text.strip())


def test_a_period_of_extreme_days_falls_back_to_the_default():
    now = utcnow()
    assert parse_period("0001-01-01", "9999-12-31", now) == default_period(now)


def test_every_page_taking_a_date_range_answers_extreme_dates(client, login, make_user):
    admin = login("admin")
    worker = make_user(team=admin.team)
    ids = {"team": admin.team_id, "unit": admin.team.unit_id, "worker": worker.id}
    for route in ROUTES:
        for query in EXTREMES:
            url = f"{route.format(**ids)}?{query}"
            assert client.get(url).status_code == 200, url
