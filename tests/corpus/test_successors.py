"""The register of newer versions: shipped facts, applied on ingest and on init, the admin's word wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from core import clock
from corpus import successors
from corpus.ingestion import ingest_paths
from corpus.models import Document
from tests.conftest import csrf_token
from tests.corpus.conftest import RULES

# RULES (班组安全检查办法) is dated 2025-03-01; this register gives it a successor in force
# from 2027-01-01, a date still to come on the clock the tests start with.
FUTURE = [
    {
        "title": "班组安全检查办法",
        "before": date(2026, 1, 1),
        "successors": [
            {"name": "《班组安全检查办法》（2026年修订）", "effective": date(2027, 1, 1), "source": "测试"},
        ],
    }
]
TODAY = date(2026, 12, 3)


@pytest.fixture
def future_register(monkeypatch: pytest.MonkeyPatch) -> list[successors.Entry]:
    entries = successors.parse(FUTURE)
    monkeypatch.setattr(successors, "load", lambda path=None: entries)
    return entries


def only(session) -> Document:
    session.expire_all()
    (document,) = session.scalars(select(Document)).all()
    return document


def test_the_shipped_register_holds_the_successors_issue_13_names() -> None:
    entries = {entry.title: entry for entry in successors.load()}
    hazards = entries["煤矿重大生产安全事故隐患判定标准"]
    assert [s.effective for s in hazards.successors] == [date(2021, 1, 1), date(2026, 7, 1)]
    assert "令第4号" in hazards.successors[0].name and "令第21号" in hazards.successors[1].name
    assert entries["煤矿重大事故隐患判定标准"].successors[-1].effective == date(2026, 7, 1)
    assert "2026" in entries["防治煤矿冲击地压细则"].successors[0].name
    assert entries["防治煤矿冲击地压细则"].successors[0].effective is None  # not verified: left out
    gb = entries["企业职工伤亡事故分类"].successors[0]
    assert "GB 6441-2025" in gb.name and gb.effective == date(2026, 7, 1)
    rules = entries["煤矿安全规程"].successors[0]
    assert "第17号" in rules.name and rules.effective == date(2026, 2, 1)
    assert all(s.source for entry in entries.values() for s in entry.successors)


def test_malformed_registers_are_refused() -> None:
    with pytest.raises(successors.RegisterError):
        successors.parse([{"title": "甲", "successors": []}])
    with pytest.raises(successors.RegisterError):
        successors.parse([{"title": "甲", "before": "不是日期", "successors": [{"name": "乙", "source": "x"}]}])
    late_first = [{"name": "新", "effective": date(2026, 1, 1), "source": "x"},
                  {"name": "旧", "effective": date(2020, 1, 1), "source": "x"}]
    with pytest.raises(successors.RegisterError):
        successors.parse([{"title": "甲", "before": date(2020, 1, 1), "successors": late_first}])


def test_the_2015_standard_is_superseded_on_ingest_without_an_admin(runner, app, client, login, shared_dir: Path,
                                                                    db_session, monkeypatch) -> None:
    from kb import knowledge_base

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    path = shared_dir / "corpus" / "regulations" / "煤矿重大生产安全事故隐患判定标准.html"
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    document = only(db_session)
    assert (document.status, document.status_label) == ("superseded", "已被新版本取代")
    assert "令第21号" in document.newer_version and document.newer_version_effective == date(2026, 7, 1)
    assert document.status_since == date(2021, 1, 1)  # out of force since the 2020 standard (令第4号) came
    assert not document.newer_version_overridden

    # Search and ask label it so; neither ever calls it 现行.
    hits = knowledge_base(app).search("瓦斯超限作业 重大事故隐患").hits
    assert hits and {h.status_label for h in hits} == {"已被新版本取代"}
    login("worker")
    page = client.get("/kb/search?q=瓦斯超限作业 重大事故隐患").get_data(as_text=True)
    assert 'badge superseded">已被新版本取代' in page and "badge current" not in page
    answer = client.get("/kb/ask?q=瓦斯检查漏检假检算不算重大事故隐患").get_data(as_text=True)
    assert "badge current" not in answer and "现行有效" not in answer
    document_page = client.get(f"/library/{document.id}").get_data(as_text=True)
    assert "已被新版本取代" in document_page and "令第21号" in document_page and "新版本登记表" in document_page


def test_before_the_2026_revision_the_2020_one_is_named(db_session, shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "regulations" / "煤矿重大生产安全事故隐患判定标准.html"
    ingest_paths([path], db_session, today=date(2026, 6, 30))
    document = only(db_session)
    assert document.status == "superseded" and "令第4号" in document.newer_version


def test_old_rules_are_superseded_the_new_ones_and_undated_copies_are_not(db_session, make_file) -> None:
    old = make_file("煤矿安全规程(2016-02-25).md", "# 煤矿安全规程\n\n第一条 旧。\n\n第二条 旧二。\n")
    ingest_paths([old], db_session, today=TODAY)
    document = only(db_session)
    assert document.status == "superseded" and "第17号" in document.newer_version
    db_session.delete(document)
    db_session.flush()
    undated = make_file("煤矿安全规程.md", "# 煤矿安全规程\n\n第一条 不知哪一版。\n")
    ingest_paths([undated], db_session, today=TODAY)
    document = only(db_session)
    assert document.status == "current" and document.newer_version is None
    db_session.delete(document)
    db_session.flush()
    new = make_file("煤矿安全规程(2025-07-24).md", "# 煤矿安全规程\n\n2025年7月24日 应急管理部令第17号公布\n\n第一条 新。\n")
    ingest_paths([new], db_session, today=TODAY)
    assert only(db_session).status == "current"


def test_a_future_entry_applies_only_once_due_then_on_init(app, db_session, make_file, future_register,
                                                           monkeypatch) -> None:
    from corpus.cli import apply_due_newer_versions

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    document = only(db_session)
    assert document.status == "current"  # recorded, not yet in force
    assert document.newer_version_effective == date(2027, 1, 1)
    apply_due_newer_versions()  # init on a day before the date: nothing changes
    assert only(db_session).status == "current"

    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 1))
    assert apply_due_newer_versions in app.extensions["upgrade_steps"]
    apply_due_newer_versions()
    document = only(db_session)
    assert document.status == "superseded" and document.status_since == date(2027, 1, 1)


def test_the_admin_override_wins_over_the_register(app, client, login, db_session, make_file, future_register,
                                                   monkeypatch) -> None:
    from corpus.cli import apply_due_newer_versions

    monkeypatch.setattr(clock, "today", lambda: date(2027, 6, 1))
    path = make_file("班组安全检查办法.md", RULES)
    ingest_paths([path], db_session)
    db_session.commit()
    document = only(db_session)
    assert document.status == "superseded"

    login("admin")
    token = csrf_token(client, f"/library/{document.id}")
    client.post(f"/library/{document.id}/newer", data={"csrf_token": token, "name": "", "confirmed": "1"})
    document = only(db_session)
    assert (document.status, document.newer_version, document.newer_version_overridden) == ("current", None, True)
    apply_due_newer_versions()
    path.write_text(RULES + "\n第四条 新增一条。\n", encoding="utf-8")
    ingest_paths([path], db_session)
    db_session.commit()
    assert only(db_session).status == "current"  # neither init nor a re-ingest brings the register back

    client.post(f"/library/{document.id}/newer", data={"csrf_token": token, "name": "矿内2027年版"})
    apply_due_newer_versions()
    document = only(db_session)
    assert (document.status, document.newer_version) == ("superseded", "矿内2027年版")


# A chain of three: the 2025 text, replaced from 2026-01-01 by a 2025 revision, itself replaced
# from 2027-01-01 by a later one (as the 2015 判定标准 → 2020 → 令第21号).
CHAIN = [
    {
        "title": "班组安全检查办法",
        "before": date(2025, 6, 1),
        "successors": [
            {"name": "《班组安全检查办法》（第二版，甲字第4号）", "effective": date(2026, 1, 1), "source": "测试"},
            {"name": "《班组安全检查办法》（第三版，甲字第21号）", "effective": date(2027, 1, 1), "source": "测试"},
        ],
    }
]


def test_a_chain_dates_the_status_by_the_first_successor_and_names_the_latest(
    app, client, login, db_session, make_file, monkeypatch
) -> None:
    entries = successors.parse(CHAIN)
    monkeypatch.setattr(successors, "load", lambda path=None: entries)
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session, today=date(2026, 6, 1))
    db_session.commit()
    document = only(db_session)
    assert document.status == "superseded" and document.status_since == date(2026, 1, 1)
    assert "甲字第4号" in document.newer_version

    monkeypatch.setattr(clock, "today", lambda: date(2027, 3, 1))
    from corpus.cli import apply_due_newer_versions

    apply_due_newer_versions()
    document = only(db_session)
    # still out of force since the second version came, not since the third
    assert document.status == "superseded" and document.status_since == date(2026, 1, 1)
    assert "甲字第21号" in document.newer_version and document.newer_version_effective == date(2027, 1, 1)
    login("worker")
    page = " ".join(client.get(f"/library/{document.id}").get_data(as_text=True).split())
    assert "本版本自 2026-01-01 起已被新版本取代" in page
    assert "现行的是《班组安全检查办法》（第三版，甲字第21号）（2027-01-01 起施行）" in page
