"""The index follows the database: reindex, documents_changed, and the citation suggester."""

from __future__ import annotations

import pytest

from core.db import db
from corpus.models import Article, Document
from corpus.signals import send_documents_changed
from kb import Suggestion, knowledge_base


@pytest.fixture
def indexed_app(whoosh_indexed_app):
    """Whoosh only: these tests are about the index folder (tests/kb/test_pgsearch.py has the PostgreSQL ones)."""
    return whoosh_indexed_app


def test_changed_document_is_reindexed_on_the_signal(indexed_app):
    kb = knowledge_base(indexed_app)
    kb.handle.CHECK_INTERVAL = 0
    document = Document(
        title="青石煤矿猴车管理办法",
        doc_key="青石煤矿猴车管理办法",
        doc_type="企业制度",
        status="current",
        source_name="x.md",
        source_hash="x",
    )
    document.articles.append(
        Article(
            ordinal=1,
            kind="article",
            number=1,
            label="第一条",
            path="",
            text="乘坐架空乘人装置时严禁携带超长物件。",
            anchor="art-1",
        )
    )
    db.session.add(document)
    db.session.commit()
    send_documents_changed(None, [document.id])
    assert kb.search("坐猴车能带长东西吗").hits[0].title == "青石煤矿猴车管理办法"

    document.status = "repealed"
    db.session.commit()
    send_documents_changed(None, [document.id])
    assert kb.search("架空乘人装置").hits[0].status_label == "已废止"

    db.session.delete(document)
    db.session.commit()
    send_documents_changed(None, [document.id])
    assert all(h.title != "青石煤矿猴车管理办法" for h in kb.search("架空乘人装置").hits)


def test_first_change_without_an_index_builds_it(app, stored_library):
    ids = stored_library()
    kb = knowledge_base(app)
    assert not kb.root.exists()
    send_documents_changed(None, ids[:1])
    assert kb.search("自救器").hits


def test_citation_suggester_is_offered_to_other_features(indexed_app):
    suggest = indexed_app.extensions["citation_suggester"]
    found = suggest("遇到直接危及人身安全的紧急情况，从业人员有权停止作业、撤离作业场所")
    assert found and isinstance(found[0], Suggestion)
    assert found[0].citation == "《中华人民共和国安全生产法》第五十五条"
    assert 0.5 < found[0].confidence <= 1
    assert suggest("") == []


def test_an_index_of_an_older_format_is_rebuilt_on_upgrade(indexed_app, capsys):
    from kb import knowledge_base, sync_index
    from kb.indexing import FORMAT_FILE, current_format, index_format, needs_rebuild

    root = knowledge_base(indexed_app).root
    assert index_format(root) == current_format() and not needs_rebuild(root)
    before = (root / "CURRENT").read_text()
    (root / before / FORMAT_FILE).write_text("2:0123456789ab")  # built with other synonyms
    assert needs_rebuild(root)
    (root / before / FORMAT_FILE).unlink()  # an index built before formats were recorded
    assert index_format(root) == "1" and needs_rebuild(root)
    # `python run.py init` runs the registered upgrade steps after migrating the database.
    steps = indexed_app.extensions["upgrade_steps"]
    with indexed_app.app_context():
        for step in steps:
            step()
    assert "检索索引已重建" in capsys.readouterr().err
    assert (root / "CURRENT").read_text() != before and index_format(root) == current_format()
    assert knowledge_base(indexed_app).search("自救器").hits  # the rebuilt index answers
    capsys.readouterr()
    with indexed_app.app_context():
        sync_index(indexed_app)  # a current index in step with the database is left alone
    assert capsys.readouterr().err == ""
