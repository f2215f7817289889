"""A version, or a repeal, counts only from its own date: held early it waits as 尚未施行."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from corpus.due_versions import apply_due
from corpus.ingestion import earlier_versions, ingest_paths
from corpus.models import Document

TODAY = date(2026, 12, 5)

OLD_RULE = "# 顶板巡查办法\n\n2012年5月4日 某省煤炭管理局公布\n\n第一条 巡查员每班巡查一遍。\n\n第二条 本办法自公布之日起施行。\n"
REPLACING_RULE = (
    "# 顶板巡查实施细则\n\n2026年10月9日 某省煤炭管理局公布\n\n第一条 巡查员每班巡查两遍。\n\n"
    "第二条 本细则自2099年1月1日起施行。2012年5月4日公布的《顶板巡查办法》同时废止。\n"
)
LAW_NOW = "# 示范安全法\n\n第一条 下井前应当领取自救器。\n\n第二条 本法自2010年3月1日起施行。\n"
LAW_LATER = "# 示范安全法\n\n第一条 下井前应当领取自救器和定位卡。\n\n第二条 本法自2099年1月1日起施行。\n"


def titled(session, title: str) -> Document:
    return session.scalars(select(Document).where(Document.title == title)).one()


def versions(session, title: str) -> list[Document]:
    return sorted(session.scalars(select(Document).where(Document.title == title)), key=lambda d: d.version_date)


def test_a_repeal_taking_effect_in_2099_leaves_the_old_rule_in_force_until_then(db_session, make_file) -> None:
    ingest_paths([make_file("a/顶板巡查办法.md", OLD_RULE), make_file("b/顶板巡查实施细则.md", REPLACING_RULE)],
                 db_session, today=TODAY)
    old, new = titled(db_session, "顶板巡查办法"), titled(db_session, "顶板巡查实施细则")
    assert new.effective == date(2099, 1, 1)
    assert (old.status, old.status_label) == ("current", "现行有效")
    assert (new.status, new.status_label, new.status_since) == ("pending", "尚未施行", date(2099, 1, 1))

    assert apply_due(db_session, date(2098, 12, 31)) == set()
    assert apply_due(db_session, date(2099, 1, 1)) == {old.id, new.id}
    assert (old.status, old.status_since, old.repealed_by_id) == ("repealed", date(2099, 1, 1), new.id)
    assert new.status == "current"


def test_a_version_still_to_take_effect_waits_and_takes_over_on_its_day(db_session, make_file) -> None:
    ingest_paths([make_file("示范安全法(2009-12-20).md", LAW_NOW), make_file("示范安全法(2026-11-08).md", LAW_LATER)],
                 db_session, today=TODAY)
    now, later = versions(db_session, "示范安全法")
    assert (now.status, later.status, later.status_label) == ("current", "pending", "尚未施行")
    assert later.effective_text == "2099-01-01 施行"
    assert earlier_versions(db_session, now) == []  # a version to come is not history

    assert apply_due(db_session, date(2099, 1, 1)) == {now.id, later.id}
    assert (now.status, now.superseded_by_id, later.status) == ("superseded", later.id, "current")


def test_search_cites_the_wording_in_force_today_as_current(db_session, make_file, tmp_path) -> None:
    from kb import sync
    from kb.search import KnowledgeBase

    ingest_paths([make_file("示范安全法(2009-12-20).md", LAW_NOW), make_file("示范安全法(2026-11-08).md", LAW_LATER)],
                 db_session, today=TODAY)
    db_session.commit()
    root = tmp_path / "index"
    sync.rebuild(db_session, root)
    hits = KnowledgeBase(root).search("下井领取自救器").hits
    assert hits and hits[0].status == "current" and "定位卡" not in hits[0].text
    assert all(h.status_label == "尚未施行" for h in hits if "定位卡" in h.text)


def test_the_library_shows_a_version_to_come_with_its_date(client, login, make_file, db_session) -> None:
    ingest_paths([make_file("示范安全法(2009-12-20).md", LAW_NOW), make_file("示范安全法(2026-11-08).md", LAW_LATER)],
                 db_session, today=TODAY)
    db_session.commit()
    now, later = versions(db_session, "示范安全法")
    login("worker")
    library = client.get("/library/?status=pending").get_data(as_text=True)
    assert "尚未施行" in library and "2099-01-01 施行" in library
    page = client.get(f"/library/{later.id}").get_data(as_text=True)
    assert "自 2099-01-01 起施行" in page and f'href="/library/{now.id}"' in page
    assert "历史版本" not in client.get(f"/library/{now.id}").get_data(as_text=True)
