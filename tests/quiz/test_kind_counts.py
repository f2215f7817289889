"""The bank filter and the paper editor name each question kind with how many questions it has, so a
trainer sees why a section of a kind the bank lacks (风险矩阵, 作业顺序 …) can never be filled."""

from __future__ import annotations

import re
from html import unescape

from core.db import db
from quiz.bank import service
from quiz.bank.types import KINDS
from tests.papers import draft


def _options(page: str, select: str) -> dict[str, str]:
    """{value: label} of the first <select> whose tag matches `select`."""
    found = re.search(rf"<select[^>]*{select}[^>]*>(.*?)</select>", page, re.S)
    assert found, f"no select {select}"
    return {v: unescape(label).strip() for v, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>',
                                                                  found.group(1))}


def _bank(make_questions):
    make_questions(single=3, judge=1)
    service.add_question(draft("single", 500, status="draft"))  # waits for review: in the bank, in no exam
    db.session.commit()


def test_the_bank_filter_counts_every_kind(client, login, make_questions) -> None:
    _bank(make_questions)
    login("admin")
    kinds = _options(client.get("/bank/").get_data(as_text=True), r'name="type"')
    assert kinds.pop("") == "全部题型"
    assert set(kinds) == set(KINDS)
    assert kinds["single"] == "单选题（4 题）" and kinds["judge"] == "判断题（1 题）"
    assert kinds["hazard_matrix"] == "风险矩阵（0 题）" and kinds["hazard_order"] == "作业顺序（0 题）"
    # the counts agree with what choosing the kind lists
    listed = client.get("/bank/?type=single").get_data(as_text=True)
    assert len(set(re.findall(r'href="/bank/(\d+)"', listed))) == 4


def test_a_papers_sections_count_the_questions_an_exam_may_use(client, login, make_questions) -> None:
    _bank(make_questions)
    login("admin")
    kinds = _options(client.get("/papers/new").get_data(as_text=True), r'name="sections-0-type"')
    assert kinds[""] == "—"
    assert kinds["single"] == "单选题（3 题）"  # the draft is no exam's
    assert kinds["hazard_matrix"] == "风险矩阵（0 题）" and kinds["hazard_major"] == "重大事故隐患判定（0 题）"
