"""Every staff page and export that can show a question's key or explanation keeps them from a 班组长
who must still sit an open exam holding the question (quiz.taking.seal.Withheld.hides) — reached
through the exam itself or through any other paper holding its questions (a practice set, a
contest's source exam) — and shows them again once he has finished it or the exam has closed."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.db import db, utcnow
from quiz.bank import service
from quiz.taking import attempts
from quiz.taking.seal import TAKER_NOTE
from tests.factories import create_team, create_user
from tests.papers import draft, picked_paper

EXPLANATIONS = ("解析甲：瓦斯浓度达到1.5%时停止作业", "解析乙：二十米内不得放炮")
BLANK_KEY = "二十米整"


@pytest.fixture
def setting(app):
    """A team; an exam open two more hours holding a 单选题 and a 填空题, one worker has sat it; a
    practice paper holding the same two questions, the worker has practised it too."""
    team = create_team("综采一队", "回收班")
    single = service.add_question(draft("single", 1, explanation=EXPLANATIONS[0]))
    blank = service.add_question(draft("blank", 2, answer=(BLANK_KEY,), explanation=EXPLANATIONS[1]))
    for question in (single, blank):
        question.origin = "generated"  # the review page (?ids=) shows a generated question's key too
    db.session.commit()
    picks = [(q.id, q.current_version_id) for q in (single, blank)]
    now = utcnow()
    exam = picked_paper(picks, team.id, now, title="12月月考", closes_at=now + timedelta(hours=2))
    drill = picked_paper(picks, team.id, now, title="同题练习", mode="practice", pass_score=None, max_attempts=None)
    db.session.commit()
    worker = create_user(team=team)
    sittings = {p.id: _sit(p, worker, right=False) for p in (exam, drill)}
    return team, exam, drill, sittings, (single, blank)


def _sit(paper, user, right: bool) -> attempts.Attempt:
    now = utcnow()
    sitting = attempts.start_paper(paper, user, now)
    for item in sitting.items:
        key = attempts.to_shown(item, list(item.version.answer))
        wrong = ["不知道"] if item.version.type == "blank" else [next(k for k in "ABCD" if k not in key)]
        answer = key if right else wrong
        attempts.save_answer(sitting, item.position, answer, None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    return sitting


def _pages(exam, drill, sittings, questions) -> dict[str, str]:
    """Every staff page and export that renders a key or an explanation of these questions."""
    ids = ",".join(str(q.id) for q in questions)
    pages = {
        "答卷（考试）": f"/papers/{exam.id}/attempts/{sittings[exam.id].id}",
        "答卷（同题练习）": f"/papers/{drill.id}/attempts/{sittings[drill.id].id}",
        "打印带答案（考试）": f"/records/print/papers/{exam.id}?key=1",
        "打印带答案（同题练习）": f"/records/print/papers/{drill.id}?key=1",
        "题库列表": "/bank/",
        "题库导出": "/bank/export.xlsx",
        "审核页": f"/bank/review/?ids={ids}",
        "试题分析（考试）": f"/results/items?paper={exam.id}",
        "试题分析（同题练习）": f"/results/items?paper={drill.id}",
        "试题分析（全部）": "/results/items?sittings=practice",
        "试题分析 API（考试）": f"/api/v1/results/items?paper={exam.id}",
        "试题分析 API（全部）": "/api/v1/results/items?sittings=practice",
    }
    for q in questions:
        pages[f"题目 {q.id}"] = f"/bank/{q.id}"
        pages[f"编辑题目 {q.id}"] = f"/bank/{q.id}/edit"
    return pages


def _read(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    if url.endswith(".xlsx"):
        sheet = load_workbook(BytesIO(response.data), read_only=True).worksheets[0]
        return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def _keys_in(text: str) -> list[str]:
    """The keys and explanations the text shows."""
    marks = [*EXPLANATIONS, BLANK_KEY, 'class="choice key"', '"is_key": true', "正确答案", '<p class="key">']
    return [m for m in marks if m in text]


def test_no_staff_page_shows_him_a_key_of_his_open_exam(client, login, setting):
    team, exam, drill, sittings, questions = setting
    login(role="team_leader", team=team)
    leaks = {name: found for name, url in _pages(exam, drill, sittings, questions).items()
             if (found := _keys_in(_read(client, url)))}
    assert leaks == {}


@pytest.mark.parametrize("done", ["sat", "closed"])
def test_the_keys_show_again_once_he_is_done_or_the_exam_is_over(client, login, setting, done):
    team, exam, drill, sittings, questions = setting
    leader = login(role="team_leader", team=team)
    if done == "sat":
        _sit(exam, leader, right=True)
    else:
        exam.closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    pages = _pages(exam, drill, sittings, questions)
    shown = {name: _read(client, pages[name]) for name in pages}
    for name in ("答卷（考试）", "答卷（同题练习）", f"题目 {questions[0].id}", "审核页"):
        assert EXPLANATIONS[0] in shown[name], name
    for name in ("打印带答案（考试）", "打印带答案（同题练习）", "题库列表", "试题分析（考试）", "试题分析 API（考试）"):
        assert BLANK_KEY in shown[name], name
    assert 'class="choice key"' in shown["试题分析（考试）"] and '"is_key": true' in shown["试题分析 API（考试）"]
    assert all(e in shown["题库导出"] for e in EXPLANATIONS)
    assert not any(TAKER_NOTE in text for text in shown.values())


def test_a_trainer_who_sits_no_exam_reads_every_key(client, login, setting):
    team, exam, drill, sittings, questions = setting
    login(role="unit_trainer", team=team)
    for name, url in _pages(exam, drill, sittings, questions).items():
        if "编辑" not in name and name != "试题分析（同题练习）":  # the practice's answers wait for the exam's end
            assert _keys_in(_read(client, url)), name
