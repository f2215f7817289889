"""试题分析 keeps more than the key from a 班组长 who must still sit an open exam: on a 单选题 or 判断题 the
option chosen exactly as often as the question was answered right IS the key, so a withheld question shows
no count of right answers, no facility, no discrimination (nor the groups' right answers it is made of), no
review flag and no option's count — on the exam's analysis, on another paper's holding its questions, on
the analysis of every paper (no ?paper=), page and API alike — only how many answered, and a note."""

from __future__ import annotations

import re

import pytest

from quiz.results.items import WITHHELD_NOTE
from tests.factories import create_user
from tests.taking.test_taker_keys_pages import _sit, setting  # noqa: F401 - fixture

FIGURE_FIELDS = ("correct", "facility", "discrimination", "upper_correct", "lower_correct")


@pytest.fixture
def sat_by_three(setting):  # noqa: F811
    """The exam (and the practice paper holding its questions) answered by three workers: one wrong, two right."""
    team, exam, drill, _sittings, questions = setting
    for _ in range(2):
        worker = create_user(team=team)
        for paper in (exam, drill):
            _sit(paper, worker, right=True)
    return team, exam, drill, questions


def _analyses(exam, drill) -> dict[str, str]:
    """The analyses showing the questions: the exam's, and every paper's (no ?paper=). The practice paper's own
    (paper=drill) shows none yet: the answers given there wait for the exam's end (quiz.taking.held)."""
    return {"考试": f"paper={exam.id}", "全部": "sittings=practice", "全部（仅考试）": ""}


def _inferred(item: dict) -> list[str]:
    """The keys a reader works out of an item's figures: the options chosen as often as it was answered right."""
    return [o["key"] for c in item["choices"] for o in c["options"]
            if o["chosen"] is not None and item["correct"] is not None and o["chosen"] == item["correct"]]


def test_the_api_gives_no_figure_the_withheld_key_could_be_read_from(client, login, sat_by_three):
    team, exam, drill, (single, blank) = sat_by_three
    login(role="team_leader", team=team)
    for name, query in _analyses(exam, drill).items():
        body = client.get(f"/api/v1/results/items?{query}").get_json()
        found = {i["question_id"]: i for i in body["items"]}
        assert set(found) == {single.id, blank.id}, name
        for question in (single, blank):
            item = found[question.id]
            assert _inferred(item) == [], name
            assert {f: item[f] for f in FIGURE_FIELDS} == dict.fromkeys(FIGURE_FIELDS), name
            assert item["withheld"] is True and item.get("note") == WITHHELD_NOTE, name
            assert item["flags"] == [] and item["answer_label"] == "", name
            assert item["answers"] == 3, name  # how many answered tells nothing of the key
        options = found[single.id]["choices"][0]["options"]
        assert options and all(o["chosen"] is None and o["is_key"] is None for o in options), name


def _row(page: str, question_id: int) -> str:
    rows = re.findall(rf'data-question="{question_id}">(.*?)</tr>', page, re.S)
    assert len(rows) == 1
    return rows[0]


def test_the_page_shows_the_note_instead_of_the_figures(client, login, sat_by_three):
    team, exam, drill, (single, blank) = sat_by_three
    login(role="team_leader", team=team)
    for name, query in _analyses(exam, drill).items():
        page = client.get(f"/results/items?{query}").get_data(as_text=True)
        for question in (single, blank):
            row = _row(page, question.id)
            assert not re.search(r'class="choice[^"]*"[^>]*>[A-D] \d', row), name  # no option's count
            assert 'data-figure="facility"' not in row and 'data-figure="discrimination"' not in row, name
            assert WITHHELD_NOTE in row, name


def test_the_figures_come_back_once_he_has_sat_it(client, login, sat_by_three):
    team, exam, drill, (single, _blank) = sat_by_three
    leader = login(role="team_leader", team=team)
    _sit(exam, leader, right=True)
    body = client.get(f"/api/v1/results/items?paper={exam.id}").get_json()
    item = next(i for i in body["items"] if i["question_id"] == single.id)
    assert item["withheld"] is False and item["note"] == ""
    assert item["correct"] == 3 and item["facility"] == 0.75
    assert _inferred(item) == list(single.current_version.answer)
    page = client.get(f"/results/items?paper={exam.id}").get_data(as_text=True)
    assert 'data-figure="facility">0.750<' in _row(page, single.id)


def test_a_trainer_who_sits_no_exam_reads_every_figure(client, login, sat_by_three):
    team, exam, _drill, (single, _blank) = sat_by_three
    login(role="unit_trainer", team=team)
    body = client.get(f"/api/v1/results/items?paper={exam.id}").get_json()
    item = next(i for i in body["items"] if i["question_id"] == single.id)
    assert item["withheld"] is False and item["correct"] == 2
    assert _inferred(item) == list(single.current_version.answer)
