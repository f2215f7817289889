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
    assert first.exit_code == 1, first.output  # a file failed: the report, then 错误：… and status 1
    summary = last_json(first.stdout)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (1, 0, 0)
    assert summary["failed"] == [{"path": str(tmp_path / "docs" / "空.txt"), "reason": "文件是空的"}]
    assert first.stderr.strip().splitlines()[-1] == "错误：1 个文件或路径未能导入（见上面的报告）"
    again = last_json(runner.invoke(args=["ingest", str(tmp_path / "docs"), "--json"]).stdout)
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
    failed = int(out.split("，失败 ")[1].split("，")[0].split()[0]) if "，失败 " in out else 0
    skipped = int(out.split("跳过 ")[1].split()[0]) if "，跳过 " in out else 0
    named = [line for line in out.splitlines() if line.startswith("  未收录：")]
    assert len(named) == failed
    # the sample folder's README.md is not a document: counted and named as skipped, not as unreadable
    assert skipped == 1 and "  跳过：README.md：说明文件（README/LICENSE），不是文档，已跳过" in out.splitlines()
    assert all(line.count("：") >= 2 and line.split("：", 2)[2] for line in named)


def test_a_missing_path_or_a_failed_file_exits_1_after_the_report(runner, make_file, tmp_path: Path) -> None:
    missing = runner.invoke(args=["ingest", "/nonexistent"])
    assert missing.exit_code == 1
    assert missing.stdout.splitlines() == ["新增 0，更新 0，未变 0，失败 1", "  失败：/nonexistent：路径不存在"]
    assert missing.stderr.strip().splitlines()[-1] == "错误：1 个文件或路径未能导入（见上面的报告）"
    make_file("docs/办法.md", RULES)
    make_file("docs/README.md", "# 说明\n\n本文件夹放本矿制度。\n")
    taken = runner.invoke(args=["ingest", str(tmp_path / "docs")])
    assert taken.exit_code == 0, taken.output  # a README is skipped, not a failure
    assert taken.stdout.splitlines()[0] == "新增 1，更新 0，未变 0，失败 0，跳过 1"
    summary = last_json(runner.invoke(args=["ingest", str(tmp_path / "docs"), "--json"]).stdout)
    assert summary["failed"] == [] and [s["path"] for s in summary["skipped"]] == [str(tmp_path / "docs" / "README.md")]


def test_the_demo_documents_are_listed_among_the_admins_recent_imports(app, client, login, db_session) -> None:
    from corpus.cli import ingest_samples

    login(role="admin")
    assert "还没有导入记录" in client.get("/").get_data(as_text=True)
    ingest_samples(quiet=True)
    page = client.get("/").get_data(as_text=True)
    assert "还没有导入记录" not in page
    recent = page.split("最近的导入")[1]
    assert "演示 demo（sample）：新增 " in recent


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


def test_another_format_of_a_stored_version_is_not_counted_as_new(runner, make_file, tmp_path: Path) -> None:
    make_file("two/示例条例(2013-07-18).md", "# 示例条例\n\n第一条 甲。\n\n第二条 乙。\n")
    make_file(
        "two/示例条例.html",
        "<title>示例条例</title><p>（根据2013年7月18日国务院令修改）</p><p>第一条 甲。</p><p>第二条 乙。</p>",
    )
    make_file("two/其他办法.md", "# 班组交接班办法\n\n第一条 交接班必须当面交接。\n\n第二条 交接情况记入台账。\n")
    summary = last_json(runner.invoke(args=["ingest", str(tmp_path / "two"), "--json"]).stdout)
    listed = last_json(runner.invoke(args=["corpus", "list", "--json"]).stdout)
    assert summary["added"] == len(listed) == 2
    assert [m["path"] for m in summary["merged"]] == [str(tmp_path / "two" / "示例条例.html")]
    assert summary["merged"][0]["document_id"] in {row["id"] for row in listed}
    make_file("again/示例条例.htm",
              "<title>示例条例</title><p>（根据2013年7月18日国务院令修改）</p><p>第一条 甲。</p><p>第二条 乙。</p>\n")
    text = runner.invoke(args=["ingest", str(tmp_path / "again")]).stdout.splitlines()
    assert text[0] == "新增 0，另一格式未重复收录 1，更新 0，未变 0，失败 0"
    assert text[1].startswith("  与已有文档 #") and "未重复收录" in text[1]
