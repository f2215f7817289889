"""A 班组长 is staff and a taker: while an exam he must sit himself is open and he has not finished it
(passed, or no sitting left — as 待完成任务 counts it), the sheets of that exam and the bank pages of
its questions show him no key nor explanation, and say why. A trainer who does not sit it reads them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.bank.models import Question
from quiz.taking import attempts
from quiz.taking.seal import TAKER_NOTE, withheld_from_taker
from tests.factories import create_team, create_user
from tests.papers import picked_paper


@pytest.fixture
def team(app):
    return create_team("综采一队", "回收班")


@pytest.fixture
def exam(make_questions, team):
    """An exam of two 单选题 for the team, open two more hours, one sitting, pass mark 2 (both right)."""
    picks = [(q.id, q.current_version_id) for q in make_questions(single=2)]
    now = utcnow()
    made = picked_paper(picks, team.id, now, title="12月月考", closes_at=now + timedelta(hours=2))
    db.session.commit()
    return made


def _sit(paper, user, right: bool) -> attempts.Attempt:
    now = utcnow()
    sitting = attempts.start_paper(paper, user, now)
    for item in sitting.items:
        key = attempts.to_shown(item, list(item.version.answer))
        answer = key if right else [next(k for k in "ABCD" if k not in key)]
        attempts.save_answer(sitting, item.position, answer, None, now)
    attempts.submit(sitting, now)
    db.session.commit()
    return sitting


def test_who_is_kept_from_the_keys(exam, team):
    now = utcnow()
    questions = frozenset(i.question_id for i in exam.items)
    leader = create_user(role="team_leader", team=team)
    withheld = withheld_from_taker(leader, now)
    assert withheld.papers == {exam.id} and withheld.questions == questions
    assert not withheld_from_taker(create_user(role="unit_trainer", team=team), now).papers  # not a taker
    assert not withheld_from_taker(create_user(role="team_leader", team=create_team("掘进二队", "掘进班")), now).papers
    exam.max_attempts = 2
    db.session.commit()
    _sit(exam, leader, right=False)
    assert withheld_from_taker(leader, now).papers == {exam.id}  # failed, one sitting left: not finished
    _sit(exam, leader, right=False)
    assert not withheld_from_taker(leader, now).papers  # no sitting left: finished
    other = create_user(role="team_leader", team=team)
    _sit(exam, other, right=True)
    assert not withheld_from_taker(other, now).papers  # passed: finished
    exam.closes_at = now - timedelta(minutes=1)
    db.session.commit()
    assert not withheld_from_taker(create_user(role="team_leader", team=team), now).papers  # closed


def test_a_team_leader_who_sits_the_exam_reads_no_key_before_he_has(client, login, exam, team):
    sitting = _sit(exam, create_user(team=team), right=False)
    explanations = [i.version.explanation for i in sitting.items]
    question = exam.items[0].question_id
    leader = login(role="team_leader", team=team)

    sheet = client.get(f"/papers/{exam.id}/attempts/{sitting.id}")
    text = sheet.get_data(as_text=True)
    assert sheet.status_code == 200 and TAKER_NOTE in text
    assert "正确答案" not in text and not any(e in text for e in explanations)
    page = client.get(f"/bank/{question}").get_data(as_text=True)
    assert TAKER_NOTE in page and explanations[0] not in page and "<dt>答案</dt>" not in page
    edit = client.get(f"/bank/{question}/edit")
    assert edit.status_code == 302 and explanations[0] not in edit.get_data(as_text=True)
    listed = client.get("/bank/").get_data(as_text=True)
    assert "交卷后可见" in listed

    _sit(exam, leader, right=True)  # he has sat it: finished
    text = client.get(f"/papers/{exam.id}/attempts/{sitting.id}").get_data(as_text=True)
    assert TAKER_NOTE not in text and "正确答案" in text and explanations[0] in text
    page = client.get(f"/bank/{question}").get_data(as_text=True)
    assert TAKER_NOTE not in page and explanations[0] in page


def test_a_trainer_who_does_not_sit_it_reads_the_keys(client, login, exam, team):
    sitting = _sit(exam, create_user(team=team), right=False)
    login(role="unit_trainer", team=team)
    text = client.get(f"/papers/{exam.id}/attempts/{sitting.id}").get_data(as_text=True)
    assert TAKER_NOTE not in text and text.count("正确答案") == 2
    page = client.get(f"/bank/{exam.items[0].question_id}").get_data(as_text=True)
    assert TAKER_NOTE not in page and sitting.items[0].version.explanation in page
    assert sitting.score == Decimal(0)


def test_nor_does_he_print_it_with_its_key(client, login, exam, team):
    leader = login(role="team_leader", team=team)
    answers = [f"答案：{db.session.get(Question, i.question_id).current_version.answer_label}" for i in exam.items]
    text = client.get(f"/records/print/papers/{exam.id}?key=1").get_data(as_text=True)
    assert TAKER_NOTE in text and not any(a in text for a in answers)
    _sit(exam, leader, right=True)
    text = client.get(f"/records/print/papers/{exam.id}?key=1").get_data(as_text=True)
    assert TAKER_NOTE not in text and all(a in text for a in answers)


def test_nor_does_he_export_them_from_the_bank(client, login, exam, team):
    from io import BytesIO

    from openpyxl import load_workbook

    def exported_stems() -> set[str]:
        sheet = load_workbook(BytesIO(client.get("/bank/export.xlsx").data), read_only=True).worksheets[0]
        return {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell}

    stems = {db.session.get(Question, i.question_id).current_version.stem for i in exam.items}
    leader = login(role="team_leader", team=team)
    assert not stems & exported_stems()
    _sit(exam, leader, right=True)
    assert stems <= exported_stems()


def test_what_a_taker_may_not_read_on_a_paper(make_questions, exam, team):
    """Withheld.hides: every question of the sheet of an exam he must sit, else only the questions his open
    fixed exams hold — on any other paper (a practice set, a contest's source) and in the bank (no paper)."""
    from quiz.taking.seal import Withheld

    held = [i.question_id for i in exam.items]
    free = [q.id for q in make_questions(single=1)]
    now = utcnow()
    leader = create_user(role="team_leader", team=team)
    withheld = withheld_from_taker(leader, now)
    assert withheld.hides(exam.id, held + free) == set(held + free)  # his exam's own sheet: all of it
    assert withheld.hides(exam.id + 1000, held + free) == set(held)  # another paper holding them
    assert withheld.hides(None, held + free) == set(held)  # the bank, an analysis of every paper
    assert withheld.hides(None, free) == set() and withheld.hides(exam.id, []) == set()
    assert Withheld().hides(exam.id, held) == set()  # a trainer, or a leader who is done
    _sit(exam, leader, right=True)
    assert withheld_from_taker(leader, now).hides(exam.id, held) == set()


def test_a_stopped_exam_he_is_still_sitting_keeps_its_keys_from_him(exam, team):
    """停用 (or 取消 of a contest) while his own sitting is in progress: he may still hand it in, so its keys
    stay in until he does (quiz.taking.standing); a stopped exam he can no longer sit withholds nothing."""
    now = utcnow()
    leader = create_user(role="team_leader", team=team)
    other = create_user(role="team_leader", team=team)
    sitting = attempts.start_paper(exam, leader, now)
    exam.status = "archived"
    db.session.commit()
    assert withheld_from_taker(leader, now).papers == {exam.id}
    assert withheld_from_taker(leader, now).hides(None, [i.question_id for i in exam.items])
    assert not withheld_from_taker(other, now).papers  # no sitting of his: he cannot sit it any more
    attempts.submit(sitting, now)
    db.session.commit()
    assert not withheld_from_taker(leader, now).papers
