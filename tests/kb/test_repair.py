"""The index records which document versions it holds; init and server start repair any
difference with the database, clear what a killed update left behind, and a failed update is
shown to the admin and retried, never reported as success. (The kill test on a real server is
tests/kb/test_kill.py.)"""

from __future__ import annotations

import io
from pathlib import Path

import click
import pytest
from sqlalchemy import select

from core.db import db
from corpus.models import Article, Document
from kb import index_notice, knowledge_base, repair_in_background, sync, sync_index
from kb.indexing import BUILD_LOCK, FORMAT_FILE, live_manifest
from tests.conftest import csrf_token
from tests.corpus.conftest import finished_upload


@pytest.fixture
def indexed_app(whoosh_indexed_app):
    """Whoosh only: these tests are about the index folder (tests/kb/test_pgsearch.py has the PostgreSQL ones)."""
    return whoosh_indexed_app


NEW_RULES = "# 青石煤矿猴车管理办法\n\n第一条 乘坐架空乘人装置时严禁携带超长物件。\n\n第二条 本办法自发布之日起施行。\n"


def _add_document(title: str, text: str) -> Document:
    document = Document(
        title=title, doc_key=title, doc_type="企业制度", status="current", source_name="x.md", source_hash=title
    )
    document.articles.append(
        Article(ordinal=1, kind="article", number=1, label="第一条", path="", text=text, anchor="art-1")
    )
    db.session.add(document)
    db.session.commit()  # no documents_changed: as if the server died before the index update
    return document


def _live(app) -> Path:
    root = knowledge_base(app).root
    return root / (root / "CURRENT").read_text().strip()


def test_the_index_records_the_version_of_every_document_it_holds(indexed_app):
    root = knowledge_base(indexed_app).root
    assert live_manifest(root) == {str(k): v for k, v in sync.database_versions(db.session).items()}
    assert not sync.drift(db.session, root)


def test_init_repairs_documents_the_index_lacks_holds_in_an_old_version_or_no_longer_should(indexed_app, capsys):
    kb = knowledge_base(indexed_app)
    kb.handle.CHECK_INTERVAL = 0
    added = _add_document("青石煤矿猴车管理办法", "乘坐架空乘人装置时严禁携带超长物件。")
    rules = db.session.scalars(select(Document).where(Document.title == "煤矿安全规程")).all()
    changed = next(d for d in rules if d.status == "current")
    removed = next(d for d in rules if d.status == "superseded")
    changed_id, removed_id = changed.id, removed.id
    changed.status = "repealed"
    db.session.delete(removed)
    db.session.commit()
    difference = sync.drift(db.session, kb.root)
    assert difference.stale == {added.id, changed_id} and difference.gone == {removed_id}
    assert not kb.search("猴车 超长物件").hits
    assert "不一致" in index_notice(indexed_app)

    sync_index(indexed_app)  # the upgrade step `python run.py init` runs

    assert "补建 2 个文档，移除 1 个" in capsys.readouterr().err
    assert not sync.drift(db.session, kb.root) and index_notice(indexed_app) is None
    assert kb.search("猴车 超长物件").hits[0].title == "青石煤矿猴车管理办法"
    assert {h.doc_id for h in kb.search("自救器", status="repealed").hits} == {changed_id}
    assert str(removed_id) not in kb.documents()


def test_init_clears_what_a_killed_build_or_update_left_in_the_index_folder(indexed_app, capsys):
    root = knowledge_base(indexed_app).root
    live = _live(indexed_app)
    kept = set(p.name for p in live.iterdir())
    (live / "MAIN.tmp").mkdir()  # Whoosh's posting pool of an update that never committed
    (live / "MAIN.tmp" / "run0.pst").write_bytes(b"x" * 1000)
    (live / "MAIN_0123456789abcdef.seg").write_bytes(b"x" * 1000)  # its half-written segment
    (live / "manifest.json.ab12cd.tmp").write_text("{")
    half_built = root / "gen-20990101T000000-dead00"  # a rebuild killed half-way
    half_built.mkdir()
    (half_built / "BUILDING").touch()
    (half_built / "MAIN_zzz.seg").write_bytes(b"x")
    (root / "CURRENT.ab12cd.tmp").write_text("gen-x")

    sync_index(indexed_app)

    assert "清理" in capsys.readouterr().err
    assert set(p.name for p in live.iterdir()) == kept
    assert not half_built.exists() and not list(root.glob("*.tmp"))
    assert knowledge_base(indexed_app).search("自救器").hits


def test_nothing_is_cleaned_while_another_process_builds(indexed_app):
    from whoosh.util.filelock import FileLock

    root = knowledge_base(indexed_app).root
    building = root / "gen-20990101T000000-busy00"
    building.mkdir()
    (building / "BUILDING").touch()
    lock = FileLock(str(root / BUILD_LOCK))
    assert lock.acquire(blocking=False)
    try:
        sync_index(indexed_app)
        assert building.exists()
    finally:
        lock.release()


def test_an_index_without_a_manifest_is_rebuilt(indexed_app, capsys):
    (_live(indexed_app) / "manifest.json").unlink()
    assert "缺失" in index_notice(indexed_app)
    sync_index(indexed_app)
    assert "检索索引已重建" in capsys.readouterr().err
    assert not sync.drift(db.session, knowledge_base(indexed_app).root)


@pytest.fixture
def unwritable_index(monkeypatch):
    """Every index write fails as it does when the server may not write DATA_DIR/index."""

    def refuse(root, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(root))

    monkeypatch.setattr(sync, "update_documents", refuse)
    monkeypatch.setattr(sync, "build_index", refuse)
    return monkeypatch


def test_a_failed_update_is_shown_to_the_admin_not_reported_as_success(indexed_app, client, login, unwritable_index):
    login("admin")
    data = {
        "csrf_token": csrf_token(client, "/library/"),
        "doc_type": "",
        "files": [(io.BytesIO(NEW_RULES.encode()), "猴车管理办法.md")],
    }
    page = finished_upload(client, client.post("/library/upload", data=data, content_type="multipart/form-data"))
    html = page.get_data(as_text=True)
    # The upload job fails and takes its new document back out: the library and the index agree.
    assert "导入完成" not in html and "失败" in html
    assert "检索索引未能更新（没有写入权限" in html and "新增的 1 个文档已撤回" in html
    assert db.session.scalar(select(Document).where(Document.title == "青石煤矿猴车管理办法")) is None
    assert not (Path(indexed_app.config["DATA_DIR"]) / "uploads" / "猴车管理办法.md").exists()
    assert not sync.drift(db.session, knowledge_base(indexed_app).root)

    # A document that reached the database without the index (e.g. a CLI ingest): init retries
    # and, while the folder is still unwritable, fails loudly.
    _add_document("青石煤矿猴车管理办法", "乘坐架空乘人装置时严禁携带超长物件。")
    library = client.get("/library/").get_data(as_text=True)
    assert 'id="index-notice"' in library and "上次更新失败" in library and "init" in library
    with pytest.raises(click.ClickException, match="检索索引未能与文库同步：没有写入权限"):
        sync_index(indexed_app)

    unwritable_index.undo()  # the admin fixes the folder; the next init (or start) repairs it
    sync_index(indexed_app)
    assert 'id="index-notice"' not in client.get("/library/").get_data(as_text=True)
    assert knowledge_base(indexed_app).search("猴车 超长物件").hits


def test_workers_never_see_the_notice(indexed_app, client, login):
    _add_document("青石煤矿猴车管理办法", "乘坐架空乘人装置时严禁携带超长物件。")
    login("worker")
    assert 'id="index-notice"' not in client.get("/library/").get_data(as_text=True)


def test_the_server_repairs_in_the_background_at_start(indexed_app):
    kb = knowledge_base(indexed_app)
    kb.handle.CHECK_INTERVAL = 0
    _add_document("青石煤矿猴车管理办法", "乘坐架空乘人装置时严禁携带超长物件。")
    repair_in_background(indexed_app).join(timeout=60)
    assert kb.search("猴车 超长物件").hits and indexed_app.extensions["kb_index_error"] is None


def test_a_failed_repair_at_start_is_kept_for_the_notice(indexed_app, unwritable_index):
    _add_document("青石煤矿猴车管理办法", "乘坐架空乘人装置时严禁携带超长物件。")
    repair_in_background(indexed_app).join(timeout=60)
    assert "没有写入权限" in indexed_app.extensions["kb_index_error"]
    assert "上次更新失败" in index_notice(indexed_app)


def test_the_first_request_of_a_served_app_starts_the_repair(app_factory_for_start):
    application, started = app_factory_for_start
    client = application.test_client()
    client.get("/login")
    client.get("/login")
    assert started == [application]


@pytest.fixture
def app_factory_for_start(_schema, tmp_path, monkeypatch):
    import kb
    from tests.conftest import make_app

    started = []
    monkeypatch.setattr(kb, "repair_in_background", started.append)
    application = make_app(_schema, tmp_path / "served", INDEX_REPAIR_ON_START=True)
    return application, started


def test_a_finished_generation_is_no_longer_marked_as_building(indexed_app):
    assert (_live(indexed_app) / FORMAT_FILE).exists() and not (_live(indexed_app) / "BUILDING").exists()


def test_ingest_on_the_command_line_says_when_the_index_was_not_updated(
    indexed_app, runner, tmp_path, unwritable_index
):
    path = tmp_path / "猴车管理办法.md"
    path.write_text(NEW_RULES, encoding="utf-8")
    result = runner.invoke(args=["ingest", str(path), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert '"added": 1' in result.output and "index_problems" in result.output
    assert "文档已存入文库，但检索还找不到它们" in result.output and "没有写入权限" in result.output
