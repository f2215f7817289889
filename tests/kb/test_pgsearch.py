"""The PostgreSQL search backend (kb.pgsearch): chosen by SEARCH_BACKEND, rows written in the
documents' own transaction, the same scores as Whoosh, and re-ingestion under concurrent searches
on both backends. The shared search tests run on it through the `kb` fixture (tests/kb/conftest.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from core.config import ConfigError, search_backend
from core.db import db
from corpus.models import Article, Document
from corpus.numerals import to_chinese_number
from kb import knowledge_base
from kb.search import KnowledgeBase
from tests.conftest import make_app
from tests.kb.conftest import POSTGRES_ONLY, postgres_kb

QUERIES = ("矿工遇到危险能不能跑", "瓦斯浓度到多少要撤人", "下井能不能带烟", "培训", "安全生产法第五十五条", "局部通风几停了")


def _postgres(app) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip(POSTGRES_ONLY)


@pytest.fixture(params=["whoosh", "postgres"])
def backend_app(request: pytest.FixtureRequest, app, tmp_path: Path):
    """The test app searching with each backend (its rows are wiped by `app` afterwards)."""
    if request.param == "whoosh":
        yield app
        return
    _postgres(app)
    application = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "pg", SEARCH_BACKEND="postgres")
    with application.app_context():
        yield application
        db.session.remove()


@pytest.fixture
def pg_app(app, tmp_path: Path):
    """An app with SEARCH_BACKEND=postgres (skips on SQLite)."""
    _postgres(app)
    application = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "pg", SEARCH_BACKEND="postgres")
    with application.app_context():
        yield application
        db.session.remove()


def test_backend_setting():
    sqlite = {"SQLALCHEMY_DATABASE_URI": "sqlite:///x.sqlite3"}
    assert search_backend(sqlite) == "whoosh"
    assert search_backend({**sqlite, "SEARCH_BACKEND": "Whoosh"}) == "whoosh"
    assert search_backend({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://h/db", "SEARCH_BACKEND": "postgres"}) == (
        "postgres"
    )
    with pytest.raises(ConfigError, match="PostgreSQL"):
        search_backend({**sqlite, "SEARCH_BACKEND": "postgres"})
    with pytest.raises(ConfigError, match="whoosh 或 postgres"):
        search_backend({**sqlite, "SEARCH_BACKEND": "elastic"})


def test_the_app_refuses_postgres_search_on_sqlite(tmp_path: Path):
    with pytest.raises(ConfigError):
        make_app(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "data", SEARCH_BACKEND="postgres")


def test_scores_equal_the_whoosh_index(app, library_index: Path):
    pg, whoosh = postgres_kb(app), KnowledgeBase(library_index)
    assert pg.doc_count() == whoosh.doc_count()
    assert pg.vocabulary().df == whoosh.vocabulary().df
    for query in QUERIES:
        expected = [(h.article_id, round(h.score, 9), h.status) for h in whoosh.search(query).hits]
        assert [(h.article_id, round(h.score, 9), h.status) for h in pg.search(query).hits] == expected, query
        for word in ("瓦斯", "从业人员", "自救器", "不存在的词"):
            assert (pg.df(word), pg.idf(word)) == (whoosh.df(word), whoosh.idf(word))


@pytest.mark.parametrize("common_df", [1, 2, 3])
def test_skipping_common_words_keeps_the_exact_ranking(app, library_index: Path, monkeypatch, common_df):
    """MaxScore (kb.pgsearch): with nearly every word counted as common (the rarer words' page
    kept, or the most common words left unread, or all read), the shortcut must still give
    exactly Whoosh's candidates and scores."""
    from kb import pgsearch
    from kb.query import query_terms

    pg, whoosh = postgres_kb(app), KnowledgeBase(library_index)
    monkeypatch.setattr(pgsearch, "COMMON_DF", common_df)
    monkeypatch.setattr(pgsearch, "COMMON_SHARE", 0.0)
    for query in (*QUERIES, "从业人员 安全生产 培训 瓦斯", "生产经营单位应当"):
        terms = query_terms(whoosh.prepare(query)[0])
        for limit in (1, 3, 50):
            expected = [(f["id"], round(score, 9)) for f, score in whoosh.candidates(terms, limit)]
            assert [(f["id"], round(score, 9)) for f, score in pg.candidates(terms, limit)] == expected, (query, limit)


def _document(title: str, texts: list[str]) -> Document:
    document = Document(title=title, doc_key=title, doc_type="企业制度", status="current", source_name=f"{title}.md",
                        source_hash=title)
    for i, body in enumerate(texts, 1):
        document.articles.append(Article(ordinal=i, kind="article", number=i, label=f"第{to_chinese_number(i)}条",
                                         path="", text=body, anchor=f"art-{i}"))
    return document


def _titles(kb: KnowledgeBase, query: str) -> list[str]:
    return [h.title for h in kb.search(query).hits]


def _postings_agree() -> None:
    """kb_search_postings holds exactly the entries' counts, word by word (nothing stale, nothing missing)."""
    expanded = db.session.execute(text(
        "SELECT c.key, e.article_id, e.document_id, CAST(c.value AS integer), e.length"
        " FROM kb_search_entries e CROSS JOIN LATERAL jsonb_each_text(e.counts) c"
    )).all()
    held = db.session.execute(text("SELECT term, article_id, document_id, tf, length FROM kb_search_postings")).all()
    assert sorted(held) == sorted(expanded)


def test_rows_follow_the_documents_in_their_transaction(pg_app):
    kb = knowledge_base(pg_app)
    pg_app.test_cli_runner().invoke(args=["reindex"])  # an empty index
    document = _document("青石煤矿猴车管理办法", ["乘坐架空乘人装置时严禁携带超长物件。", "猴车运行时严禁扒车、跳车。"])
    db.session.add(document)
    db.session.flush()
    assert _titles(kb, "架空乘人装置") == []  # not committed: other connections do not see it
    db.session.commit()  # no signal sent: the rows were written by the commit itself
    assert _titles(kb, "坐猴车能带长东西吗")[0] == "青石煤矿猴车管理办法"
    count = db.session.scalar(text("SELECT count(*) FROM kb_search_entries WHERE document_id = :d"), {"d": document.id})
    assert count == 2
    _postings_agree()

    document.status = "repealed"
    db.session.commit()
    assert kb.search("架空乘人装置").hits[0].status_label == "已废止"

    document.articles[0].text = "乘坐架空乘人装置时应当坐稳扶好。"
    db.session.commit()
    assert "坐稳扶好" in kb.search("架空乘人装置").hits[0].text
    _postings_agree()

    db.session.add(_document("青石煤矿绞车管理办法", ["绞车司机必须持证上岗。"]))
    db.session.flush()
    db.session.rollback()  # a rolled-back change leaves no row behind
    assert _titles(kb, "绞车司机") == []

    db.session.delete(document)
    db.session.commit()
    assert _titles(kb, "架空乘人装置") == []
    assert db.session.scalar(text("SELECT articles FROM kb_search_state")) == 0
    assert db.session.scalar(text("SELECT count(*) FROM kb_search_postings")) == 0


def test_reindex_init_and_repair(pg_app, stored_library, capsys):
    from kb import index_notice, sync_index

    ids = stored_library()  # stored and indexed in the same commit (the first one builds the index)
    kb = knowledge_base(pg_app)
    assert kb.doc_count() == sum(1 for _ in db.session.scalars(text("SELECT id FROM articles")))
    result = pg_app.test_cli_runner().invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert kb.search("自救器").hits
    # The refilled tables carry planner statistics at once (reltuples stays -1 until an ANALYZE).
    analyzed = db.session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'kb_search_postings'"))
    assert analyzed > 0
    assert index_notice(pg_app) is None
    # Rows lost around the ORM (here: deleted by hand) are noticed and put back by init.
    db.session.execute(text("DELETE FROM kb_search_entries WHERE document_id = :d"), {"d": ids[1]})
    db.session.execute(text("UPDATE kb_search_documents SET version = 'old' WHERE document_id = :d"), {"d": ids[1]})
    db.session.commit()
    assert "检索索引与文库不一致" in index_notice(pg_app)
    sync_index(pg_app)
    assert "补建 1 个文档" in capsys.readouterr().err
    assert index_notice(pg_app) is None and any(h.doc_id == ids[1] for h in kb.search("自救器").hits)
    _postings_agree()
    # Another analyzer format (edited synonyms …) rebuilds the whole index.
    db.session.execute(text("UPDATE kb_search_state SET format = '2:old'"))
    db.session.commit()
    sync_index(pg_app)
    assert "检索索引已重建" in capsys.readouterr().err
    assert pg_app.test_client().get("/healthz").status_code == 200


RULES_HEAD = "# 青石煤矿猴车管理办法\n\n2025年3月1日 测试煤矿 印发\n\n"


def _rules(version: str, count: int) -> str:
    return RULES_HEAD + "".join(
        f"第{to_chinese_number(i)}条 乘坐架空乘人装置时严禁携带超长物件，{version}第{i}款。\n\n" for i in range(1, count + 1)
    )


def test_reingesting_while_others_search_never_shows_a_half_state(backend_app, tmp_path: Path):
    """Each search sees the document wholly before or wholly after each re-ingestion: 6 articles
    of 甲版 or 9 of 乙版, never a mix, a missing article or an error."""
    from corpus.ingestion import ingest_paths
    from corpus.signals import commit_and_announce

    versions = {"甲版": 6, "乙版": 9}
    path = tmp_path / "files" / "猴车管理办法.md"
    path.parent.mkdir()

    def ingest(version: str) -> None:
        path.write_text(_rules(version, versions[version]), encoding="utf-8")
        report = ingest_paths([path], db.session)
        assert not report.failed
        assert not commit_and_announce(db.session, backend_app, report.changed_ids)

    ingest("甲版")
    kb = knowledge_base(backend_app)
    if kb.backend == "whoosh":
        kb.handle.CHECK_INTERVAL = 0
    seen: list[tuple[int, frozenset[str]]] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def search() -> None:
        try:
            while not done.is_set():
                hits = [h for h in kb.search("架空乘人装置 超长物件", per_page=20).hits if h.title == "青石煤矿猴车管理办法"]
                seen.append((len(hits), frozenset(v for h in hits for v in versions if v in h.text)))
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=search) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for version in ("乙版", "甲版") * 4:
            ingest(version)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert not failures
    assert seen and set(seen) <= {(6, frozenset({"甲版"})), (9, frozenset({"乙版"}))}, set(seen)
    assert len(kb.search("架空乘人装置 超长物件", per_page=20).hits) == 6
