"""The ingest and corpus commands, and the signal they send after committing."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.signals import documents_changed
from tests.corpus.conftest import RULES


def last_json(output: str):
    return json.loads(output.strip().splitlines()[-1])


def test_ingest_json_summary_then_unchanged(runner, make_file, tmp_path: Path) -> None:
    make_file("docs/办法.md", RULES)
    make_file("docs/空.txt", b"")
    first = runner.invoke(args=["ingest", str(tmp_path / "docs"), "--json"])
    assert first.exit_code == 0, first.output
    summary = last_json(first.output)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (1, 0, 0)
    assert summary["failed"] == [{"path": str(tmp_path / "docs" / "空.txt"), "reason": "文件是空的"}]
    again = last_json(runner.invoke(args=["ingest", str(tmp_path / "docs"), "--json"]).output)
    assert (again["added"], again["unchanged"]) == (0, 1)


def test_corpus_list_json(runner, make_file) -> None:
    runner.invoke(args=["ingest", str(make_file("办法.md", RULES)), "--json"])
    rows = last_json(runner.invoke(args=["corpus", "list", "--json"]).output)
    assert [(r["title"], r["doc_type"], r["status"], r["articles"], r["sections"]) for r in rows] == [
        ("班组安全检查办法", "企业制度", "current", 3, 0)
    ]
    assert isinstance(rows[0]["id"], int)


def test_signal_carries_the_changed_ids_after_commit(runner, make_file, app) -> None:
    received: list[frozenset[int]] = []

    def receiver(_sender, document_ids, **_extra):
        from core.db import db
        from corpus.models import Document

        # Sent after the commit: a fresh session sees the rows.
        with db.engine.connect() as conn:
            assert conn.execute(db.select(db.func.count()).select_from(Document)).scalar() == len(document_ids)
        received.append(document_ids)

    documents_changed.connect(receiver)
    try:
        runner.invoke(args=["ingest", str(make_file("办法.md", RULES))])
        runner.invoke(args=["ingest", str(make_file("办法.md", RULES))])
    finally:
        documents_changed.disconnect(receiver)
    assert len(received) == 1 and len(received[0]) == 1


def test_remove_and_set_type(runner, make_file) -> None:
    runner.invoke(args=["ingest", str(make_file("办法.md", RULES))])
    doc_id = last_json(runner.invoke(args=["corpus", "list", "--json"]).output)[0]["id"]
    assert runner.invoke(args=["corpus", "set-type", str(doc_id), "部门规章"]).exit_code == 0
    assert last_json(runner.invoke(args=["corpus", "list", "--json"]).output)[0]["doc_type"] == "部门规章"
    assert runner.invoke(args=["corpus", "remove", str(doc_id)]).exit_code == 0
    assert last_json(runner.invoke(args=["corpus", "list", "--json"]).output) == []
    assert runner.invoke(args=["corpus", "remove", str(doc_id)]).exit_code != 0


def test_demo_step_takes_in_the_sample_corpus(app, db_session) -> None:
    from sqlalchemy import func, select

    from corpus.cli import ingest_samples
    from corpus.models import Document

    ingest_samples(quiet=True)
    first = db_session.scalar(select(func.count()).select_from(Document))
    assert first >= 10
    ingest_samples(quiet=True)
    assert db_session.scalar(select(func.count()).select_from(Document)) == first
    assert db_session.scalar(select(func.count()).select_from(Document).where(Document.doc_type == "企业制度")) >= 10


def test_demo_step_names_each_file_it_could_not_take_in(app, db_session, capsys) -> None:
    from corpus.cli import ingest_samples

    ingest_samples(quiet=False)
    out = capsys.readouterr().out
    counted = int(out.split("无法读取 ")[1].split()[0]) if "无法读取 " in out else 0
    named = [line for line in out.splitlines() if line.startswith("  未收录：")]
    assert len(named) == counted  # the sample folder's README.md is not a document: named with its reason
    assert all(line.count("：") >= 2 and line.split("：", 2)[2] for line in named)


def test_mark_newer_records_and_clears_an_unheld_version(runner, make_file, db_session) -> None:
    from sqlalchemy import select

    from corpus.ingestion import ingest_paths
    from corpus.models import Document
    from tests.corpus.conftest import RULES

    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    document_id = db_session.scalar(select(Document.id))
    result = runner.invoke(args=["corpus", "mark-newer", str(document_id), "2026年修订版", "--effective", "2026-03-01"])
    assert result.exit_code == 0, result.output
    assert "已被新版本取代" in result.output and "2026年修订版" in result.output
    assert runner.invoke(args=["corpus", "mark-newer", str(document_id)]).exit_code != 0  # a name or --clear
    result = runner.invoke(args=["corpus", "mark-newer", str(document_id), "--clear"])
    assert "现行有效" in result.output
