"""A practice draw never serves two questions with the same stem (blind audit hazgen2, finding 2: a 20-question
practice served one 管控措施 stem four times, the distractors alone differing); the first stored is kept."""

from __future__ import annotations

from sqlalchemy import func, select

from core.db import db, utcnow
from quiz.bank import service
from quiz.bank.types import Option
from quiz.taking import practice
from quiz.taking.models import AttemptItem
from tests.papers import draft


def _twins(stem: str, wrong: list[str]):
    return [service.add_question(draft("single", 0, stem=stem, options=(
        Option("A", "内喷雾开启"), Option("B", w), Option("C", "外喷雾开启"), Option("D", w + "。")), answer=("A",)))
        for w in wrong]


def test_questions_sharing_a_stem_are_drawn_once_the_first_stored_kept(app, make_user) -> None:
    stem = "针对危险源“喷雾装置不开”，下列管控措施中有针对性的是（ ）。"
    twins = _twins(stem, ["支架初撑力达标", "巷道限速行车", "罐笼设阻车器", "电缆悬挂整齐"])
    others = [service.add_question(draft("single", n)) for n in (1, 2)]
    db.session.commit()
    worker = make_user()
    rows = list(db.session.execute(practice.pool(practice.PracticeFilter(count=20), worker)))
    assert sorted(r[0] for r in rows) == sorted([twins[0].id, *(q.id for q in others)])
    assert practice.pool_size(practice.PracticeFilter(), worker) == 3
    attempt = practice.start_practice(worker, practice.PracticeFilter(count=20), utcnow())
    served = db.session.scalar(select(func.count()).select_from(AttemptItem).where(AttemptItem.attempt_id == attempt.id))
    assert served == 3
    drawn, _notice = practice.daily_draw(worker, utcnow(), count=5)
    assert len(drawn) == 3 and len({d.question_id for d in drawn} & {t.id for t in twins}) == 1
