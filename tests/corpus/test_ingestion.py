"""Ingestion: change detection, versions, formats, repeals and removal, against the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from corpus.ingestion import ingest_paths, remove_document, set_doc_type
from corpus.models import Article, Document, DocumentSource
from tests.corpus.conftest import RULES

OLD = "# 示例规定\n\n2009年9月21日 国家安全生产监督管理总局令第28号公布\n\n第一条 旧规定甲。\n\n第二条 旧规定乙。\n"
NEW = (
    "# 示例细则\n\n2018年5月1日 国家煤矿安全监察局公布\n\n第一条 新细则甲。\n\n"
    "第二条 本细则自2018年9月1日起施行。2009年9月21日由原国家安全生产监督管理总局公布的《示例规定》同时废止。\n"
)


def documents(session) -> list[Document]:
    return list(session.scalars(select(Document).order_by(Document.id)))


def test_unchanged_file_does_nothing_and_changed_file_updates_in_place(db_session, make_file) -> None:
    path = make_file("班组安全检查办法.md", RULES)
    first = ingest_paths([path], db_session)
    assert (len(first.added), first.total) == (1, 1)
    document = documents(db_session)[0]
    kept_id = next(a.id for a in document.articles if a.anchor == "art-1")

    again = ingest_paths([path], db_session)
    assert (len(again.unchanged), len(again.added), again.changed_ids) == (1, 0, set())

    path.write_text(RULES.replace("立即处理", "立即停工处理") + "\n第四条 新增一条。\n", encoding="utf-8")
    changed = ingest_paths([path], db_session)
    assert len(changed.updated) == 1 and changed.changed_ids == {document.id}
    db_session.expire_all()
    assert len(documents(db_session)) == 1
    document = documents(db_session)[0]
    assert [a.number for a in document.articles] == [1, 2, 3, 4]
    assert "立即停工处理" in document.articles[1].text
    assert next(a.id for a in document.articles if a.anchor == "art-1") == kept_id  # citations keep pointing


def test_same_version_in_another_format_is_stored_once(db_session, make_file) -> None:
    markdown = make_file("示例条例(2013-07-18).md", "# 示例条例\n\n第一条 甲。\n\n第二条 乙。\n")
    html = make_file(
        "示例条例.html",
        "<title>示例条例</title><p>（根据2013年7月18日国务院令修改）</p><p>第一条 甲。</p><p>第二条 乙。</p>",
    )
    report = ingest_paths([markdown, html], db_session)
    # the second format is not new: counted as merged, not added (ingest printed 新增 43 for 41 documents)
    assert len(report.added) == 1 and [doc_id for _, doc_id in report.merged] == [documents(db_session)[0].id]
    assert report.total == 2 and report.as_dict()["added"] == 1
    assert report.as_dict()["merged"] == [{"path": str(html), "document_id": documents(db_session)[0].id}]
    assert len(documents(db_session)) == 1
    assert db_session.scalar(select(DocumentSource).where(DocumentSource.name == "示例条例.html")) is not None
    assert len(ingest_paths([markdown, html], db_session).unchanged) == 2


def test_newer_version_supersedes_the_older_one(db_session, make_file) -> None:
    old = make_file("示例法(2009-08-27).md", "# 示例法\n\n第一条 旧。\n\n第二条 旧二。\n")
    new = make_file(
        "示例法(2024-11-08).md", "# 中华人民共和国示例法\n\n第一条 新。\n\n第二条 新二。\n\n第三条 新三。\n"
    )
    ingest_paths([new, old], db_session)
    old_doc, new_doc = sorted(documents(db_session), key=lambda d: d.version_date)
    assert (old_doc.status, new_doc.status) == ("superseded", "current")
    assert old_doc.superseded_by_id == new_doc.id and old_doc.status_since == date(2024, 11, 8)


def test_repeal_marks_the_named_document_whichever_comes_first(db_session, make_file) -> None:
    new = make_file("b/示例细则.md", NEW)
    old = make_file("a/示例规定.md", OLD)
    ingest_paths([new], db_session)
    ingest_paths([old], db_session)
    repealed = db_session.scalar(select(Document).where(Document.title == "示例规定"))
    repealer = db_session.scalar(select(Document).where(Document.title == "示例细则"))
    assert (repealed.status, repealed.status_since, repealed.repealed_by_id) == (
        "repealed",
        date(2018, 9, 1),
        repealer.id,
    )
    assert repealer.status == "current"


def test_removing_the_repealing_document_restores_the_other(db_session, make_file) -> None:
    ingest_paths([make_file("示例规定.md", OLD), make_file("示例细则.md", NEW)], db_session)
    repealer = db_session.scalar(select(Document).where(Document.title == "示例细则"))
    changed = remove_document(db_session, repealer)
    restored = db_session.scalar(select(Document).where(Document.title == "示例规定"))
    assert restored.status == "current" and restored.id in changed and repealer.id in changed
    assert db_session.scalar(select(Article).where(Article.document_id == repealer.id)) is None


def test_failures_are_reported_with_reasons_and_do_not_stop_the_run(db_session, make_file, tmp_path: Path) -> None:
    make_file("docs/空.txt", b"")
    make_file("docs/图片.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    make_file("docs/题库.xlsx", b"PK\x03\x04")
    make_file("docs/README.md", "# 说明\n")
    make_file("docs/好.md", RULES)
    make_file("docs/.hidden.md", RULES)
    report = ingest_paths([tmp_path / "docs", tmp_path / "不存在"], db_session)
    reasons = dict(report.failed)
    assert len(report.added) == 1 and report.total == 6
    assert "空" in reasons[str(tmp_path / "docs" / "空.txt")]
    assert "PNG" in reasons[str(tmp_path / "docs" / "图片.txt")]
    assert ".xlsx" in reasons[str(tmp_path / "docs" / "题库.xlsx")]
    assert "路径不存在" in reasons[str(tmp_path / "不存在")]


def test_type_override_survives_a_changed_file(db_session, make_file) -> None:
    path = make_file("班组安全检查办法.md", RULES)
    ingest_paths([path], db_session)
    document = documents(db_session)[0]
    set_doc_type(document, "部门规章")
    path.write_text(RULES + "\n第四条 补充。\n", encoding="utf-8")
    ingest_paths([path], db_session)
    assert documents(db_session)[0].doc_type == "部门规章"


def test_progress_is_reported_per_file(db_session, make_file, tmp_path: Path) -> None:
    make_file("d/一.md", RULES)
    make_file("d/二.md", RULES.replace("班组安全检查办法", "另一办法"))
    seen: list[tuple[str, str]] = []
    ingest_paths([tmp_path / "d"], db_session, progress=lambda path, outcome: seen.append((path.name, outcome)))
    assert seen == [("一.md", "added"), ("二.md", "added")]


def test_an_unexpected_error_in_one_file_is_reported_and_the_run_goes_on(
    db_session, make_file, tmp_path, monkeypatch
) -> None:
    import corpus.ingestion as ingestion

    real = ingestion.parse_raw

    def flaky(raw):
        if raw.name == "坏.md":
            raise RuntimeError("boom")
        return real(raw)

    monkeypatch.setattr(ingestion, "parse_raw", flaky)
    make_file("d/坏.md", RULES)
    make_file("d/好.md", RULES.replace("班组安全检查办法", "另一办法"))
    report = ingest_paths([tmp_path / "d"], db_session)
    assert [p for p, _ in report.failed] == [str(tmp_path / "d" / "坏.md")]
    assert "RuntimeError" in report.failed[0][1] and len(report.added) == 1


def test_a_long_ingest_commits_file_by_file_so_others_can_write_meanwhile(app, db_session, make_file) -> None:
    from sqlalchemy import func, text

    from core.db import db

    paths = [make_file(f"规定{i}.md", f"# 第{i}号规定\n\n第一条 内容{i}甲。\n\n第二条 内容{i}乙。\n") for i in range(3)]
    seen: list[int] = []

    def between_files(_path, _outcome) -> None:
        # Another connection (a sign-in, a saved answer) writes and reads while the run goes on.
        with db.engine.begin() as other:
            other.execute(text("UPDATE documents SET preamble = preamble WHERE id < 0"))
            seen.append(other.execute(select(func.count()).select_from(Document)).scalar())

    report = ingest_paths(paths, db_session, progress=between_files, commit_each=True)
    assert len(report.added) == 3 and seen == [1, 2, 3]  # each file was committed before the next


LAMP = "# 灯房管理规定\n\n（{when}审计矿安全办公室印发）\n\n第一条 入井人员本人领取矿灯。\n\n第二条 {rule}\n"
LAMP_REVISED = "# 灯房管理规定\n\n（{when}修订）\n\n第一条 入井人员本人领取矿灯。\n\n第二条 {rule}\n"


def test_a_new_version_keeps_the_type_of_the_version_held(db_session, make_file) -> None:
    old = make_file("灯房管理规定.md", LAMP.format(when="2025年3月1日", rule="升井后二小时内交回。"))
    ingest_paths([old], db_session)
    first = documents(db_session)[0]
    set_doc_type(first, "新闻/通知")  # whatever the admin chose for it
    revised = make_file("灯房管理规定（2026年修订）.md", LAMP_REVISED.format(when="2026年10月1日", rule="一小时内交回。"))
    ingest_paths([revised], db_session)
    newer = documents(db_session)[1]
    assert (newer.doc_key, newer.doc_type) == (first.doc_key, "新闻/通知")
    assert first.superseded_by_id == newer.id

    revised.write_text(LAMP_REVISED.format(when="2026年10月1日", rule="一小时内交回灯房。"), encoding="utf-8")
    ingest_paths([revised], db_session)
    assert newer.doc_type == "新闻/通知"  # still, after the file changed


def test_a_new_version_takes_the_type_the_admin_gives_it(db_session, make_file) -> None:
    ingest_paths([make_file("灯房管理规定.md", LAMP.format(when="2025年3月1日", rule="二小时内交回。"))], db_session)
    revised = make_file("灯房管理规定（2026年修订）.md", LAMP_REVISED.format(when="2026年10月1日", rule="一小时。"))
    ingest_paths([revised], db_session, doc_type="部门规章")
    assert [d.doc_type for d in documents(db_session)] == ["企业制度", "部门规章"]


def test_a_type_only_the_title_suggests_follows_the_folder_and_says_so(db_session, make_file) -> None:
    own = [make_file(f"本矿/{name}.md", f"# {name}\n\n{RULES.split(chr(10), 2)[2]}") for name in ("甲制度", "乙制度")]
    ingest_paths(own, db_session)
    assert {d.doc_type for d in documents(db_session)} == {"企业制度"}
    unsure = make_file("本矿/井下停电处置规定.md", "# 井下停电处置规定\n\n第一条 停电撤人。\n\n第二条 检查瓦斯。\n")
    report = ingest_paths([unsure], db_session)
    assert documents(db_session)[-1].doc_type == "企业制度"
    assert [(Path(path).name, "同一文件夹" in note) for path, note in report.guessed] == [("井下停电处置规定.md", True)]

    alone = make_file("别处/井下排水规定.md", "# 井下排水规定\n\n第一条 排水。\n\n第二条 巡检。\n")
    report = ingest_paths([alone], db_session)
    assert documents(db_session)[-1].doc_type == "部门规章"
    assert "按标题结尾" in report.guessed[0][1]
