"""A newer version registered with a date to come supersedes the held one by itself on that day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from corpus.ingestion import ingest_paths, mark_newer_version
from corpus.job_runner import runner
from corpus.models import Document
from corpus.signals import documents_changed
from tests.corpus.conftest import RULES


def test_the_server_marks_a_version_superseded_on_the_day_its_successor_comes_into_force(
    app, db_session, make_file
) -> None:
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    document = db_session.scalar(select(Document))
    mark_newer_version(db_session, document, "矿内2027年版", date(2027, 6, 1), today=date(2026, 12, 5))
    db_session.commit()
    assert document.status == "current"
    heard: list[frozenset[int]] = []

    def hear(_sender, document_ids, **_extra) -> None:
        heard.append(document_ids)

    documents_changed.connect(hear)
    try:
        daily = runner(app)
        assert daily.apply_due_versions(today=date(2027, 5, 31)) == set()
        assert daily.apply_due_versions(today=date(2027, 5, 31)) is None  # once a day
        db_session.expire_all()
        assert db_session.get(Document, document.id).status == "current"
        assert daily.apply_due_versions(today=date(2027, 6, 1)) == {document.id}
    finally:
        documents_changed.disconnect(hear)
    db_session.expire_all()
    document = db_session.get(Document, document.id)
    assert (document.status, document.status_since) == ("superseded", date(2027, 6, 1))
    assert heard == [frozenset({document.id})]  # the search index is told, as after an ingest


def test_the_mine_date_is_the_local_day(monkeypatch) -> None:
    """The register's date is the mine's (core.clock.today): at 00:30 on 06-01 in the mine, though UTC says 05-31."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from core import clock

    monkeypatch.setattr(clock, "ZONE", ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(clock, "now", lambda: datetime(2027, 5, 31, 16, 30, tzinfo=UTC).astimezone(clock.ZONE))
    assert clock.today() == date(2027, 6, 1)
