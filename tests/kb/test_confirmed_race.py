"""Two trainers confirm the same new wording at once (kb.confirmed.confirm): the one inserting second
finds the other's row already there (the unique key) and replaces it instead of failing."""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from core.db import db, utcnow
from corpus.models import Article
from kb import confirmed
from kb.models import ConfirmedAnswer, SearchGap, gap_key, record_gap

QUESTION = "局扇停了怎么办"


@pytest.fixture
def library(app, stored_library):
    stored_library()
    return app


def _article(text: str) -> Article:
    return Article.query.filter(Article.text.contains(text)).one()


def _other_trainer_confirms_first(monkeypatch, article_id: int, own_connection: bool = True) -> list[str]:
    """Make the other trainer's confirmation land right after `confirm` looked the wording up and
    found nothing: committed by a second session on its own connection, or (own_connection=False)
    written into this session's transaction, as when the database lets the insert wait for the
    other's commit. The lookups seen are returned."""
    real_find = confirmed.find
    seen: list[str] = []

    def find_then_lose_the_race(session, question):
        found = real_find(session, question)
        seen.append("none" if found is None else "found")
        if len(seen) == 1:
            row = {"key": gap_key(question), "question": question, "article_id": article_id, "citation": "",
                   "confirmed_by": "另一位培训员", "confirmed_at": utcnow()}
            if own_connection:
                with Session(db.engine) as other:
                    other.execute(insert(ConfirmedAnswer).values(**row))
                    other.commit()
            else:
                session.execute(insert(ConfirmedAnswer).values(**row))
        return found

    monkeypatch.setattr(confirmed, "find", find_then_lose_the_race)
    return seen


def test_the_second_of_two_simultaneous_confirmations_replaces_the_first(library, make_user, monkeypatch):
    trainer = make_user("unit_trainer")
    theirs, ours = _article("必须停止电钻打眼"), _article("方可人工开启局部通风机")
    record_gap(db.session, QUESTION, 0.1)
    db.session.commit()
    seen = _other_trainer_confirms_first(monkeypatch, theirs.id)

    record = confirmed.confirm(db.session, f"{QUESTION}？", ours.id, trainer.id, by=trainer.name)
    db.session.commit()

    assert seen[0] == "none"  # the race happened: nothing was there when confirm looked
    db.session.expire_all()
    [row] = ConfirmedAnswer.query.all()
    assert row.id == record.id and row.article_id == ours.id
    assert row.confirmed_by == trainer.name and row.user_id == trainer.id
    assert row.citation == "《煤矿安全规程》第一百九十七条"
    assert SearchGap.query.one().resolved


def test_work_done_before_the_lost_race_is_kept(library, monkeypatch):
    """Losing the race undoes only the failed insert, not what the caller did before in the same unit.
    (SQLite lets one connection write at a time, so the other row is written on this one.)"""
    _other_trainer_confirms_first(monkeypatch, _article("必须停止电钻打眼").id, own_connection=False)
    record_gap(db.session, "食堂几点开饭", 0.1)  # flushed, not committed
    confirmed.confirm(db.session, QUESTION, _article("方可人工开启局部通风机").id, None)
    db.session.commit()
    assert [gap.question for gap in SearchGap.query.all()] == ["食堂几点开饭"]
    assert ConfirmedAnswer.query.one().article_id == _article("方可人工开启局部通风机").id


def test_a_confirmation_its_caller_rolls_back_is_gone(library):
    """The savepoint guarding the insert is no commit of its own (under SQLite's driver a savepoint
    opening the transaction would be)."""
    confirmed.confirm(db.session, QUESTION, _article("方可人工开启局部通风机").id, None)
    db.session.rollback()
    assert ConfirmedAnswer.query.count() == 0
