"""The document date on search hits (issue 13, versions matter): both backends carry the later of a
document's 施行 date and its version date on every hit, and in the JSON."""

from __future__ import annotations

from datetime import date

import pytest

from core.db import db
from kb import knowledge_base, sync
from kb.hits import document_date
from tests.kb.conftest import library_rows, use_postgres_search


def test_the_document_date_is_the_later_of_its_dates():
    assert document_date({"effective": "2015-12-16", "version_date": "2015-12-14"}) == date(2015, 12, 16)
    assert document_date({"effective": "2002-11-01", "version_date": "2021-06-10"}) == date(2021, 6, 10)
    assert document_date({"effective": "", "version_date": ""}) is None
    assert document_date({}) is None  # an index written before dates were stored


@pytest.fixture(params=["whoosh", "postgres"])
def dated_app(request: pytest.FixtureRequest, app):
    """The test library with dates, indexed on each backend (postgres skips on SQLite)."""
    if request.param == "postgres":
        use_postgres_search(app)
    documents = library_rows()
    documents[0].effective = date(2021, 9, 1)  # 安全生产法: 施行 after its version date
    db.session.add_all(documents)
    db.session.commit()
    if request.param == "whoosh":
        sync.rebuild(db.session, knowledge_base(app).root)
    return app


def test_hits_carry_their_document_date_on_both_backends(dated_app):
    hits = knowledge_base(dated_app).search("矿工遇到危险能不能跑").hits
    dates = {h.title: h.dated for h in hits}
    assert dates["中华人民共和国安全生产法"] == date(2021, 9, 1)
    assert dates["煤矿安全规程"] == date(2020, 1, 1)
    assert hits[0].to_json()["date"] == hits[0].dated.isoformat()
