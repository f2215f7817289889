"""The .xlsx exports read back with openpyxl: every row and figure equals what the raw attempts,
answers and rosters say, and each export holds only the people the viewer may see."""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from openpyxl import load_workbook
from sqlalchemy import select

from accounts.models import User
from core import clock
from core.db import db
from quiz.bank.models import Category, Question
from quiz.records import hours
from quiz.taking.models import Attempt, AttemptItem
from tests.records.test_hours import expected
from tests.records.test_pages import signed_in


def sheet_rows(data: bytes, name: str) -> list[list]:
    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def facts(data: bytes, name: str) -> dict:
    return {k: v for k, v in sheet_rows(data, name)[1:]}


def pct(part, whole) -> float:
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def category_label(category_id) -> str:
    if category_id is None:
        return "未分类"
    names, category = [], db.session.get(Category, category_id)
    while category is not None:
        names.append(category.name)
        category = db.session.get(Category, category.parent_id) if category.parent_id else None
    return " / ".join(reversed(names))


def raw_result(attempt: Attempt) -> dict:
    """What a results row must say about a sitting, from its own rows."""
    person = db.session.get(User, attempt.user_id)
    per: dict[str, list[int]] = {}
    for item in db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)):
        if item.correct is None:
            continue
        label = category_label(db.session.get(Question, item.question_id).category_id)
        n, right = per.get(label, [0, 0])
        per[label] = [n + 1, right + int(item.correct)]
    seconds = (attempt.submitted_at - attempt.started_at).total_seconds()
    return {"工号": person.username, "姓名": person.name, "名称": attempt.title, "第几次": attempt.number,
            "用时（分钟）": round(seconds / 60, 1), "得分": float(attempt.score), "满分": float(attempt.max_score),
            "得分率%": pct(attempt.score, attempt.max_score), "是否合格": "合格" if attempt.passed else "不合格",
            **{f"{label} 正确率%": pct(right, n) for label, (n, right) in per.items()}}


def read_results(data: bytes) -> list[dict]:
    rows = sheet_rows(data, "成绩")
    header = rows[0]
    return [{k: v for k, v in zip(header, row, strict=True) if v not in (None, "")} for row in rows[1:]]


def closed(*conditions) -> list[Attempt]:
    return list(db.session.scalars(select(Attempt).where(Attempt.status != "open", *conditions)
                                   .order_by(Attempt.started_at, Attempt.id)))


def pick(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in {"班组", "开始时间", "交卷时间", "离开页面次数"}}


def test_paper_results_per_viewer(web, mine):
    admin = signed_in(web, mine.people["admin"])
    response = admin.get(f"/records/results/papers/{mine.exam.id}.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    want = [raw_result(a) for a in closed(Attempt.paper_id == mine.exam.id)]
    got = [pick(r) for r in read_results(response.data)]
    assert got == want and len(got) == 5
    assert any(label.endswith("正确率%") for label in sheet_rows(response.data, "成绩")[0])
    # the team leader's export of the same paper leaves out 安装班's worker
    leader = signed_in(web, mine.people["leader"])
    own = [pick(r) for r in read_results(leader.get(f"/records/results/papers/{mine.exam.id}.xlsx").data)]
    assert own == [r for r in want if r["工号"] != "w0004"] and len(own) == 4
    # the printed result sheet shows the same sittings
    sheet = leader.get(f"/records/print/papers/{mine.exam.id}/results").get_data(as_text=True)
    assert "w0001" in sheet and "w0004" not in sheet and f"交卷 {len(own)} 份" in sheet


def test_team_and_worker_results(web, mine):
    leader = signed_in(web, mine.people["leader"])
    t1 = mine.teams["回收班"]
    span = f"from={mine.year}-01-01&to={mine.year}-12-31"
    members = [u.id for u in db.session.scalars(select(User).where(User.team_id == t1.id,
                                                                   User.role.in_(("worker", "team_leader"))))]
    in_year = [a for a in closed(Attempt.mode == "exam", Attempt.user_id.in_(members))
               if clock.local_day(a.started_at).year == mine.year]
    got = [pick(r) for r in read_results(leader.get(f"/records/results/teams/{t1.id}.xlsx?{span}").data)]
    assert got == [raw_result(a) for a in in_year] and len(got) == 5
    w1 = mine.people["w1"]
    got = [pick(r) for r in read_results(leader.get(f"/records/results/workers/{w1.id}.xlsx?{span}").data)]
    assert got == [raw_result(a) for a in in_year if a.user_id == w1.id] and len(got) == 3


def test_hours_export_equals_the_raw_rows(web, mine):
    trainer = signed_in(web, mine.people["trainer"])
    t1, t2 = mine.teams["回收班"], mine.teams["安装班"]
    data = trainer.get(f"/records/hours/units/{t1.unit_id}.xlsx?year={mine.year}").data
    rows = sheet_rows(data, "学时")
    assert rows[0][:2] == ["工号", "姓名"]
    want = expected(mine)
    people = {u.username: u for u in db.session.scalars(select(User).where(User.team_id.in_([t1.id, t2.id]),
                                                                          User.role.in_(("worker", "team_leader"))))}
    assert {r[0] for r in rows[1:]} == set(people)
    for row in rows[1:]:
        person = people[row[0]]
        figures = want[person.id]
        required = hours.requirement(person.special_operations, person.started_on, mine.year).hours
        total = figures["exam"] + figures["practice"] + figures["offline"]
        assert [Decimal(str(v)) for v in row[6:12]] == [
            required, figures["exam"], figures["practice"], figures["offline"], total, max(Decimal(0), required - total)]
    assert facts(data, "说明")["学时不足人数"] == sum(1 for r in rows[1:] if r[11] > 0)


def test_person_file(web, mine):
    leader = signed_in(web, mine.people["leader"])
    w3 = mine.people["w3"]
    data = leader.get(f"/records/people/{w3.id}.xlsx?year={mine.year}").data
    info = facts(data, "基本信息")
    figures = expected(mine)[w3.id]
    assert info["工号"] == "w0003" and info["上岗日期"] == date(mine.year, 1, 5).isoformat()
    assert info["要求"].startswith("初次培训 72")
    assert Decimal(str(info["合计学时"])) == sum(figures.values())
    trainings = sheet_rows(data, "培训记录")[1:]
    assert [(r[1], r[4], r[5]) for r in trainings] == [("采煤机安全操作培训", "出勤", 2.5)]
    exams = sheet_rows(data, "考试成绩")[1:]
    assert len(exams) == 1 and exams[0][11] == ("合格" if closed(Attempt.user_id == w3.id,
                                                                   Attempt.mode == "exam")[-1].passed else "不合格")
    entries = sheet_rows(data, "学时明细")[1:]
    assert sorted(r[1] for r in entries) == ["线下培训", "练习", "考试"]
    page = leader.get(f"/records/people/{w3.id}?year={mine.year}").get_data(as_text=True)
    assert f"{sum(figures.values()):.1f}" in page and "一人一档" in page


def test_session_file(web, mine):
    leader = signed_in(web, mine.people["leader"])
    data = leader.get(f"/records/sessions/{mine.session.id}.xlsx").data
    plan = facts(data, "培训计划")
    assert plan["培训名称"] == "采煤机安全操作培训" and plan["学时"] == 4 and plan["出勤人数"] == 2
    assert plan["培训计划"] == "1. 规程\n2. 实操" and plan["考核试卷"] == "回收班月考"
    roster = {r[0]: r for r in sheet_rows(data, "名单与考勤")[1:]}
    assert set(roster) == {"w0001", "w0002", "w0003"}
    assert [roster[u][4] for u in ("w0001", "w0002", "w0003")] == ["出勤", "缺勤", "出勤"]
    assert [roster[u][5] for u in ("w0001", "w0002", "w0003")] == [4, 0, 2.5]
    for username, row in roster.items():
        user = db.session.scalar(select(User).where(User.username == username))
        sittings = closed(Attempt.paper_id == mine.exam.id, Attempt.user_id == user.id)
        best = max(sittings, key=lambda a: (Fraction(a.score) / Fraction(a.max_score), -a.id))
        assert row[6] == float(best.score) and row[8] == pct(best.score, best.max_score)
        assert row[9] == ("合格" if best.passed else "不合格")
    passed = sum(1 for r in roster.values() if r[9] == "合格")
    assert plan["考核合格"] == passed
