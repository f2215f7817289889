"""The .xlsx files a trainer hands to the safety department: results (per paper, team or worker),
the hours report, 一人一档 and 一期一档. Times are local (BANZU_TIMEZONE), written as text
"YYYY-MM-DD HH:MM"; scores and hours are numbers; a text starting with "=" stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from core import clock
from core.sheets import add_sheet, new_book, saved
from quiz.records import hours
from quiz.records.files import ExamResult, PersonFile, SessionFile
from quiz.results.dashboard import Dashboard

RESULT_HEADERS = ["工号", "姓名", "班组", "名称", "第几次", "开始时间", "交卷时间", "用时（分钟）", "得分", "满分",
                  "得分率%", "是否合格", "离开页面次数"]
WORKER_HEADERS = ["工号", "姓名", "考试次数", "合格", "平均得分率%", "最好得分率%", "最近一次考试", "练习次数"]
HOURS_HEADERS = ["工号", "姓名", "班组", "工种", "特种作业人员", "要求", "应修学时", "考试学时", "练习学时", "线下培训学时",
                 "合计学时", "差额学时"]


def minutes(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def passed_label(passed: bool | None) -> str:
    return "合格" if passed else ("不合格" if passed is False else "")


def add_facts(book: Workbook, title: str, facts: Sequence[tuple[str, Any]]) -> None:
    """A two-column sheet of labelled facts (项目 | 内容)."""
    add_sheet(book, title, ["项目", "内容"], facts, (16, 80))
    for row in book[title].iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def result_rows(results: list[ExamResult]) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of results: the fixed columns, then one 正确率 column per category met."""
    labels = sorted({label for r in results for label in r.categories})
    headers = [*RESULT_HEADERS, *(f"{label} 正确率%" for label in labels)]
    rows = []
    for r in results:
        rows.append([r.username, r.name, r.team, r.title, r.number, clock.shown(r.started_at), clock.shown(r.submitted_at),
                     minutes(r.seconds), r.score, r.max_score, r.percent, passed_label(r.passed), r.focus_losses,
                     *(r.categories[label].rate if label in r.categories else None for label in labels)])
    return headers, rows


def results_workbook(title: str, scope: str, results: list[ExamResult], board: Dashboard | None = None) -> bytes:
    """Results as .xlsx: sheet 成绩 (a row per sitting), with a team's dashboard also 职工 (its
    worker table: exams and practice) and its headline figures, and 说明 (what it covers)."""
    book = new_book()
    headers, rows = result_rows(results)
    add_sheet(book, "成绩", headers, rows, (12, 10, 20, 24, 7, 17, 17, 10, 8, 8, 9, 9, 10))
    passed = sum(1 for r in results if r.passed)
    graded = any(r.passed is not None for r in results)  # a practice has no pass line
    facts: list[tuple[str, Any]] = [
        ("名称", title), ("范围", scope), ("答卷数", len(results)), ("合格", passed if graded else "不设及格线"),
        ("说明", "只含已交卷（或到时自动交卷）的答卷；分类正确率按该份答卷中该分类的题目计算，未作答的题计为答错。"),
    ]
    if board is not None:
        add_sheet(book, "职工", WORKER_HEADERS,
                  [[w.username, w.name, w.exams, w.passed, w.average, w.best, clock.shown(w.last_at), w.practices]
                   for w in board.workers], (12, 10, 10, 8, 12, 12, 17, 10))
        s = board.summary
        facts[4:4] = [("人数", s.members), ("参加过考试", s.participants), ("参与率%（仅考试）", s.participation),
                      ("平均得分率%（仅考试）", s.average), ("合格率%（仅考试）", s.pass_rate), ("做过练习", s.practising)]
        facts.append(("练习次数", "练习和每日一练中至少判过一道题的次数（与班组成绩页一致）。"))
    add_facts(book, "说明", facts)
    return saved(book)


def hours_rows(rows: list[hours.WorkerHours], team_names: dict[int | None, str]) -> list[list[Any]]:
    return [[w.username, w.name, team_names.get(w.team_id, ""), w.job, "是" if w.special_operations else "",
             w.requirement.label, w.requirement.hours, w.exam, w.practice, w.offline, w.total, w.short]
            for w in rows]


def hours_workbook(title: str, report: hours.HoursReport, team_names: dict[int | None, str]) -> bytes:
    book = new_book()
    add_sheet(book, "学时", HOURS_HEADERS, hours_rows(report.workers, team_names),
              (12, 10, 20, 12, 12, 16, 10, 10, 10, 12, 10, 10))
    add_facts(book, "说明", [
        ("名称", title), ("年度", report.year), ("人数", len(report.workers)),
        ("学时不足人数", len(report.short_workers)),
        ("计算方法", f"1学时={hours.MINUTES_PER_HOUR}分钟。限时考试按实际用时计（不超过限时），不限时的考试和练习按作答间隔累计（每段最多"
                     f"{int(hours.IDLE_CAP.total_seconds() // 60)}分钟），线下培训按登记学时；阅读知识库不计。"),
        *((f"{r.label}（{'特种作业人员' if special else '其他从业人员'}）", f"{r.hours}学时，{r.basis}")
          for (special, _kind), r in hours.RULES.items()),
    ])
    return saved(book)


def person_workbook(file: PersonFile) -> bytes:
    """一人一档 as .xlsx: 基本信息, 学时明细, 培训记录, 考试成绩."""
    person, w = file.person, file.hours
    book = new_book()
    add_facts(book, "基本信息", [
        ("工号", person.username), ("姓名", person.name),
        ("班组", person.place), ("工种", person.job or ""),
        ("特种作业人员", "是" if person.special_operations else "否"),
        ("上岗日期", person.started_on.isoformat() if person.started_on else "未登记"),
        ("年度", file.year), ("要求", f"{w.requirement.label} {w.requirement.hours}学时（{w.requirement.basis}）"),
        ("考试学时", w.exam), ("练习学时", w.practice), ("线下培训学时", w.offline), ("合计学时", w.total),
        ("差额学时", w.short),
    ])
    add_sheet(book, "学时明细", ["日期", "类别", "名称", "用时（分钟）", "学时"],
              [[clock.shown(e.at), hours.SOURCES[e.source], e.title, minutes(e.seconds) if e.source != "offline" else None,
                e.hours] for e in file.entries], (17, 10, 30, 12, 8))
    add_sheet(book, "培训记录", ["日期", "培训名称", "类别", "学时", "出勤", "计入学时", "授课人", "地点"],
              [[t.session.held_on.isoformat(), t.session.title, t.session.kind_label, t.session.hours,
                "出勤" if t.attended else "缺勤", t.hours, t.session.teacher, t.session.place] for t in file.trainings],
              (12, 30, 14, 8, 8, 10, 12, 16))
    headers, rows = result_rows(file.exams)
    add_sheet(book, "考试成绩", headers, rows)
    return saved(book)


def session_workbook(file: SessionFile) -> bytes:
    """一期一档 as .xlsx: 培训计划 and 名单与考勤 (with the exam results when an exam assessed it)."""
    s = file.session
    book = new_book()
    add_facts(book, "培训计划", [
        ("培训名称", s.title), ("类别", s.kind_label), ("日期", s.held_on.isoformat()), ("学时", s.hours),
        ("授课人", s.teacher), ("地点", s.place), ("范围", s.scope_label), ("培训计划", s.plan),
        ("考核试卷", s.paper.title if s.paper else "无"), ("名单人数", len(file.rows)), ("出勤人数", file.attended),
        ("参加考核", file.examined), ("考核合格", file.passed),
        *([("另有不在查看范围的人数", file.hidden)] if file.hidden else []),
    ])
    add_sheet(book, "名单与考勤", ["工号", "姓名", "班组", "工种", "出勤", "计入学时", "考核得分", "满分", "得分率%", "是否合格"],
              [[r.person.username, r.person.name, r.person.place, r.person.job or "",
                "出勤" if r.attended else "缺勤", r.hours,
                r.result.score if r.result else None, r.result.max_score if r.result else None,
                r.result.percent if r.result else None, passed_label(r.result.passed) if r.result else ""]
               for r in file.rows], (12, 10, 20, 12, 8, 10, 10, 8, 9, 9))
    return saved(book)
