"""The trainers' 问答反馈 page (/kb/gaps) lists every confirmed answer with its article: it reads
the articles in one go, so ten more confirmations do not cost ten more queries."""

from __future__ import annotations

from sqlalchemy import event, select

from core.db import db
from corpus.models import Article
from kb import confirmed


def _statements_for_gaps(app, client) -> int:
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/kb/gaps")
        assert page.status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _confirm(app, n: int) -> list[str]:
    with app.app_context():
        articles = db.session.scalars(select(Article).order_by(Article.id)).all()
        have = len(confirmed.listed(db.session))
        for i in range(have, n):
            confirmed.confirm(db.session, f"问题{i}号怎么办瓦斯", articles[i % len(articles)].id, None, by="培训员")
        db.session.commit()
        return [item.citation for item in confirmed.listed(db.session)]


def test_the_confirmed_answers_list_reads_their_articles_at_once(app, client, login, stored_library) -> None:
    stored_library()
    login("unit_trainer")
    _confirm(app, 2)
    few = _statements_for_gaps(app, client)
    citations = _confirm(app, 12)
    many = _statements_for_gaps(app, client)
    assert len(citations) == 12 and all(citation.startswith("《") for citation in citations)
    assert many - few <= 2, (few, many)
    page = client.get("/kb/gaps").get_data(as_text=True)
    assert all(citation in page for citation in set(citations))
