"""Every id on a page is unique: a label, an aria reference or a #link to a repeated id points at
whichever element comes first (on 区队班组 the 矿名 label pointed at the form, not the field)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Document
from tests.corpus.conftest import RULES
from tests.factories import create_team, create_user


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


def repeated_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted(name for name, count in parser.ids.items() if count > 1)


def test_the_admin_pages_repeat_no_id(client, login, tmp_path, db_session) -> None:
    team = create_team("综采一队", "回收班")
    worker = create_user("worker", team=team)
    source = tmp_path / "班组安全检查办法.md"
    source.write_text(RULES, encoding="utf-8")
    ingest_paths([source], db_session)
    db_session.commit()
    document_id = db_session.scalar(select(Document.id))
    login("admin")
    pages = ["/", "/admin/teams", f"/admin/teams/{team.id}/edit", f"/admin/units/{team.unit_id}/edit",
             "/admin/people", "/admin/roster", "/admin/audit/", "/library/", f"/library/{document_id}",
             "/people", f"/people/{worker.id}", "/admin/people/new", f"/admin/people/{worker.id}/edit"]
    found = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if repeated := repeated_ids(response.get_data(as_text=True)):
            found[page] = repeated
    assert found == {}
