"""A team that sat an assigned practice paper: the trainer's pages count it as they say.

The 仅考试/含练习 choice (?sittings=practice) is one choice for the team page and the item analysis;
a paper's page links to the per-question analysis of its own sittings; a practice without a pass line
shows 完成 and scores, never 合格/不合格; an exam's pages keep their pass counts (a practice with a pass
line: tests/taking/test_practice_pass_line.py).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest

from core.db import db, utcnow
from quiz.assignments import service
from quiz.assignments.service import Target
from quiz.bank.types import OPTION_KEYS
from quiz.taking import attempts
from quiz.taking.models import PaperAudience
from tests.factories import create_team, create_user


def _sit(paper, user, right: int, now):
    """One closed sitting: the first `right` questions answered by the key, the rest with a wrong option."""
    attempt = attempts.start_paper(paper, user, now)
    for item in attempt.items:
        key = sorted(item.version.answer)
        if item.position > right:
            key = [next(k for k in item.option_order if k not in key)]
        attempts.save_answer(attempt, item.position, [OPTION_KEYS[item.option_order.index(k)] for k in key],
                             None, now)
    attempts.submit(attempt, now + timedelta(minutes=2))
    db.session.commit()
    return attempt


@pytest.fixture
def squad(app):
    """A team of four workers; `sat(mode)` publishes a three-question paper of that mode for the team
    and has the first two workers sit it (all right, then one right)."""
    team = create_team(team_name="掘进班")
    workers = [create_user(team=team, name=f"掘进{n}") for n in range(4)]

    def sat(make_paper, mode: str):
        pass_score = Decimal(2) if mode == "exam" else None  # a practice without a pass line
        paper = make_paper(sections=(("single", 3, "1"),), mode=mode, title=f"{mode}卷", pass_score=pass_score,
                           audience=[PaperAudience(team_id=team.id)])
        now = utcnow()
        for worker, right in zip(workers, (3, 1), strict=False):
            _sit(paper, worker, right, now)
        return paper

    return team, workers, sat


def _figure(page: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', page)
    assert match, f"no figure {name}"
    return match.group(1)


def _question_rows(page: str) -> dict[int, str]:
    return {int(q): row for q, row in re.findall(r'data-question="(\d+)">(.*?)</tr>', page, re.S)}


def test_the_item_analysis_counts_practice_when_asked_and_says_what_it_counts(client, login, squad, make_paper):
    team, _workers, sat = squad
    paper = sat(make_paper, "practice")
    login("admin")
    exams_only = client.get(f"/results/items?team={team.id}").get_data(as_text=True)
    assert "共 0 道题有作答" in exams_only and "这段时间没有考试答卷" in exams_only
    assert 'data-sittings="exam"' in exams_only  # the choice is offered, 仅考试 chosen
    with_practice = client.get(f"/results/items?team={team.id}&sittings=practice").get_data(as_text=True)
    assert 'data-sittings="practice"' in with_practice
    rows = _question_rows(with_practice)
    assert set(rows) == {i.question_id for i in paper.items}
    assert "共 3 道题有作答" in with_practice
    # both sittings answered the first question by the key, only one the other two
    facilities = sorted(re.search(r'data-figure="facility">([^<]*)<', row).group(1) for row in rows.values())
    assert facilities == ["0.500", "0.500", "1.000"]


def test_the_team_page_passes_its_choice_to_the_item_analysis_and_counts_who_practised(client, login, squad,
                                                                                         make_paper):
    team, workers, sat = squad
    sat(make_paper, "practice")
    login("admin")
    exams_only = client.get(f"/results/teams/{team.id}").get_data(as_text=True)
    assert _figure(exams_only, "participation") == "0.0%"
    page = client.get(f"/results/teams/{team.id}?sittings=practice").get_data(as_text=True)
    # two of the four workers sat the practice paper: 含练习 counts them
    assert _figure(page, "participation") == f"{round(2 * 100 / len(workers), 1)}%"
    assert "2/4 人参加过考试或练习" in page
    assert _figure(page, "average") == f"{round((100 + 100 / 3) / 2, 1)}%"
    assert "没有设及格线的答卷" in page  # no 合格率 made up for a practice
    link = unescape(re.search(r'href="(/results/items\?[^"]*)">本班组试题分析', page).group(1))
    assert "sittings=practice" in link and f"team={team.id}" in link
    assert "共 3 道题有作答" in client.get(link).get_data(as_text=True)


def test_a_practice_papers_page_links_its_question_analysis_and_shows_no_pass_count(client, login, squad,
                                                                                    make_paper):
    _team, _workers, sat = squad
    paper = sat(make_paper, "practice")
    login("admin")
    page = client.get(f"/papers/{paper.id}").get_data(as_text=True)
    results = page[page.index("<h2>成绩</h2>"):]
    assert "交卷 2 份" in results and "不设及格线" in results
    assert "合格" not in results.replace("不设及格线", "")
    link = unescape(re.search(r'href="(/results/items\?[^"]*)">逐题分析', page).group(1))
    assert f"paper={paper.id}" in link and "sittings=practice" in link
    analysis = client.get(link).get_data(as_text=True)
    assert "共 3 道题有作答" in analysis and paper.title in analysis


def test_the_analysis_of_a_practice_paper_counts_its_practice_unless_told_otherwise(client, login, squad,
                                                                                  make_paper):
    """/results/items?paper= of a practice paper (typed, or a link without the choice) counts its sittings
    (含练习 chosen); choosing 仅考试 still shows exams only; an exam paper keeps 仅考试 by default."""
    _team, _workers, sat = squad
    practice, exam = sat(make_paper, "practice"), sat(make_paper, "exam")
    login("admin")
    page = client.get(f"/results/items?paper={practice.id}").get_data(as_text=True)
    assert 'data-sittings="practice"' in page and "共 3 道题有作答" in page and "没有考试答卷" not in page
    asked = client.get(f"/results/items?paper={practice.id}&sittings=exam").get_data(as_text=True)
    assert 'data-sittings="exam"' in asked and "这段时间没有考试答卷" in asked
    page = client.get(f"/results/items?paper={exam.id}").get_data(as_text=True)
    assert 'data-sittings="exam"' in page and "共 3 道题有作答" in page


def test_the_api_counts_a_practice_papers_sittings_as_its_page_does(client, login, squad, make_paper):
    """/api/v1/results/items?paper= reads the paper and the period as the page does (one call): a practice
    paper's own sittings count (含练习) unless 仅考试 is chosen."""
    _team, _workers, sat = squad
    practice = sat(make_paper, "practice")
    login("admin")
    for query in (f"paper={practice.id}", f"paper={practice.id}&sittings=exam"):
        page = client.get(f"/results/items?{query}").get_data(as_text=True)
        shown = {q: re.search(r'data-figure="facility">([^<]*)<', row).group(1)
                 for q, row in _question_rows(page).items()}
        body = client.get(f"/api/v1/results/items?{query}").get_json()
        given = {i["question_id"]: f"{i['facility']:.3f}" for i in body["items"]}
        assert given == shown, query
        assert ("sittings" in body["period"]) == ("sittings=exam" not in query), query
    assert len(given) == 0 and len(shown) == 0  # 仅考试: no exam sat
    body = client.get(f"/api/v1/results/items?paper={practice.id}").get_json()
    assert sorted(i["facility"] for i in body["items"]) == [0.5, 0.5, 1.0]
    assert body["period"]["sittings"] == "practice"


def test_an_exam_papers_page_keeps_its_pass_count_and_links_exam_sittings(client, login, squad, make_paper):
    _team, _workers, sat = squad
    paper = sat(make_paper, "exam")  # pass mark 2 of 3: one passed, one failed
    login("admin")
    page = client.get(f"/papers/{paper.id}").get_data(as_text=True)
    assert "交卷 2 份，合格 1 份（合格率 50.0%）" in page
    link = unescape(re.search(r'href="(/results/items\?[^"]*)">逐题分析', page).group(1))
    assert "sittings=" not in link
    assert "共 3 道题有作答" in client.get(link).get_data(as_text=True)


def _assignment_page(client, paper, team, admin):
    now = utcnow()
    set_at = now - timedelta(hours=1)  # set before the squad sat the paper: their sittings count
    assignment = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=2), by=admin,
                                      now=set_at)
    db.session.commit()
    return assignment, client.get(f"/assignments/{assignment.id}").get_data(as_text=True)


def test_an_assigned_practice_counts_done_and_no_pass(client, login, squad, make_paper):
    team, _workers, sat = squad
    paper = sat(make_paper, "practice")
    admin = login("admin")
    assignment, page = _assignment_page(client, paper, team, admin)
    assert _figure(page, "done") == "2" and 'data-figure="passed"' not in page
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page, re.S).group(1)
    assert "已完成 2" in legend and "合格" not in legend
    counts = client.get(f"/api/v1/assignments/{assignment.id}").json["counts"]
    assert counts["done"] == 2 and counts["graded"] is False


def test_an_assigned_exam_counts_passed_and_failed_as_its_legend(client, login, squad, make_paper):
    team, _workers, sat = squad
    paper = sat(make_paper, "exam")
    admin = login("admin")
    _assignment, page = _assignment_page(client, paper, team, admin)
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page, re.S).group(1)
    assert _figure(page, "passed") == "1" and _figure(page, "failed") == "1"
    assert "已合格 1" in legend and "未合格 1" in legend and "已完成" not in legend


def test_hazard_answers_name_the_catalogue_and_split_by_what_they_ask(client, login, squad):
    from quiz.bank import service as bank
    from quiz.taking import papers
    from tests.papers import build_paper, draft

    team, _workers, _sat = squad
    made = [("single", "hazard_accident_type", "hazard.accident_type", "HZ-ZC-004"),
            ("multi", "hazard_control", "hazard.control", "HZ-JJ-011"),
            ("single", "hazard_scenario", "hazard.scenario", "HZ-TF-002、HZ-TF-009"),
            ("single", "single", None, None)]
    for n, (shape, kind, generator, ref) in enumerate(made, start=1):
        origin = bank.Origin(kind="generated", generator=generator, ref=ref) if generator else bank.Origin()
        bank.add_question(draft(shape, 900 + n, type=kind, category=("危险源辨识",) if generator else ("顶板管理",)),
                          origin=origin)
    db.session.commit()
    paper = build_paper((), mode="practice", title="辨识练习", audience=[PaperAudience(team_id=team.id)],
                        publish=False)
    rows = [papers.Section(kind, 1, Decimal(1), category_ids=[]) for _shape, kind, _g, _r in made]
    paper.sections = [r.to_dict() for r in rows]
    papers.publish(paper)
    db.session.commit()
    _sit(paper, _workers[0], 1, utcnow())  # the accident-type question right, the other two wrong
    login("admin")
    page = client.get(f"/results/teams/{team.id}").get_data(as_text=True)

    def table(heading: str) -> dict[str, tuple[str, str]]:
        part = page[page.index(heading):]
        part = part[:part.index("</table>")]
        return {unescape(label): (n, right) for label, n, right in
                re.findall(r"<tr[^>]*><td>([^<]+)</td><td>(\d+)</td><td>(\d+)</td>", part)}

    assert table("薄弱环节：按分类") == {"危险源辨识 · 事故类型辨识": ("1", "1"), "危险源辨识 · 管控措施": ("1", "0"),
                                   "危险源辨识 · 情景分析": ("1", "0"), "顶板管理": ("1", "0")}
    assert table("薄弱环节：按出处文档") == {"危险源辨识清单": ("3", "1"), "未注明出处": ("1", "0")}
    assert table("薄弱环节：按章") == {"《危险源辨识清单》综采工作面": ("1", "1"), "《危险源辨识清单》掘进工作面": ("1", "0"),
                                 "《危险源辨识清单》通风/瓦斯": ("1", "0"), "未注明出处": ("1", "0")}


def test_a_practice_papers_export_and_print_sheet_claim_no_pass_count(client, login, squad, make_paper):
    from io import BytesIO

    from openpyxl import load_workbook

    _team, _workers, sat = squad
    paper = sat(make_paper, "practice")
    login("admin")
    book = load_workbook(BytesIO(client.get(f"/records/results/papers/{paper.id}.xlsx").data))
    facts = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert facts["答卷数"] == 2 and facts["合格"] == "不设及格线"
    sheet = client.get(f"/records/print/papers/{paper.id}/results").get_data(as_text=True)
    assert "交卷 2 份（练习不设及格线）" in sheet and "合格率" not in sheet
