"""我的学时: a worker sees his own hours (exams, practice, offline sessions) against what his role
needs, on the home page and a printable page, figures recomputed from the raw rows; never
another person's, whatever id he puts in the address."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook

from tests.records.test_hours import expected
from tests.records.test_pages import signed_in


def figures(mine, key: str):
    person = mine.people[key]
    want = expected(mine)[person.id]
    return person, want, want["exam"] + want["practice"] + want["offline"]


def test_a_worker_sees_his_own_hours_against_what_his_role_needs(web, mine):
    person, want, total = figures(mine, "w2")  # special operations, started this year: 90 学时
    client = signed_in(web, person)
    page = client.get(f"/records/me?year={mine.year}").get_data(as_text=True)
    assert "我的学时 · 新电工" in page
    assert (f'data-figure="total">{total:.1f}（考试 {want["exam"]:.1f}，练习 {want["practice"]:.1f}，'
            f'线下培训 {want["offline"]:.1f}）') in page
    assert "特种作业初次培训 90.0学时" in page
    assert f'data-figure="short"><strong class="warn">差 {90 - total:.1f} 学时' in page
    assert "data-print" in page  # the print button (records.js prints the page)
    assert "/records/hours/teams/" not in page and "/results/workers/" not in page  # no trainer links

    home = client.get("/").get_data(as_text=True)
    assert f'data-figure="my-total">{total:.1f}<' in home and f"还差 {90 - total:.1f} 学时" in home
    assert 'href="/records/me"' in home


def test_an_ordinary_worker_who_met_the_rule_is_told_so(web, mine):
    person, want, total = figures(mine, "w1")  # started years ago: refresher, 20 学时
    client = signed_in(web, person)
    page = client.get(f"/records/me?year={mine.year}").get_data(as_text=True)
    assert f'data-figure="total">{total:.1f}（' in page and "每年再培训 20.0学时" in page
    assert ('data-figure="short">已达标' in page) == (total >= 20)


def test_a_worker_opens_only_his_own_file(web, mine):
    person = mine.people["w1"]
    client = signed_in(web, person)
    own = client.get(f"/records/people/{person.id}")
    assert own.status_code == 200 and "老职工" in own.get_data(as_text=True)
    sheet = client.get(f"/records/people/{person.id}.xlsx?year={mine.year}")
    assert sheet.status_code == 200
    cells = [c for row in load_workbook(BytesIO(sheet.data)).active.iter_rows(values_only=True) for c in row]
    assert "老职工" in cells
    for key in ("w3", "w4", "w5", "leader"):  # his own team's people too
        other = mine.people[key]
        assert client.get(f"/records/people/{other.id}").status_code == 404, key
        assert client.get(f"/records/people/{other.id}.xlsx").status_code == 404, key
    # An id in the address of 我的学时 changes nothing: still his own.
    page = client.get(f"/records/me?user_id={mine.people['w3'].id}").get_data(as_text=True)
    assert "我的学时 · 老职工" in page and "新职工" not in page
    assert web.test_client().get("/records/me").status_code == 302  # signed out: to the sign-in page


def test_trainers_still_see_people_in_scope_and_their_own_hours(web, mine):
    leader = mine.people["leader"]
    client = signed_in(web, leader)
    assert client.get(f"/records/people/{mine.people['w1'].id}").status_code == 200
    assert client.get(f"/records/people/{mine.people['w4'].id}").status_code == 404
    page = client.get("/records/me").get_data(as_text=True)
    assert "我的学时 · 回收班长" in page and re.search(r'href="/records/\?year=\d+"', page)
