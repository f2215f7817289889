"""Fixtures for knowledge-base tests: a small library written for the tests, as records and as rows.

The texts are our own short paraphrases in the style of safety rules, not copies of real
documents, so every expectation below is visible right here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kb.indexing import ArticleRecord, build_index
from kb.search import KnowledgeBase

# (doc_id, title, doc_type, status, [(number, path, text)])
LIBRARY = [
    (
        1,
        "中华人民共和国安全生产法",
        "法律",
        "current",
        [
            (
                28,
                "第二章 生产经营单位的安全生产保障",
                "生产经营单位应当组织从业人员接受安全生产教育和培训。从业人员安全生产教育和培训不合格的，不得上岗作业。",
            ),
            (
                54,
                "第三章 从业人员的安全生产权利义务",
                "从业人员有权拒绝违章指挥和强令冒险作业。生产经营单位不得因此降低其工资。",
            ),
            (
                55,
                "第三章 从业人员的安全生产权利义务",
                "从业人员发现直接危及人身安全的紧急情况的，有权停止作业，也可以先采取可能的应急措施，再撤离作业场所。\n生产经营单位不得以此为由解除与其订立的劳动合同。",
            ),
            (
                59,
                "第三章 从业人员的安全生产权利义务",
                "从业人员发现事故隐患或者其他不安全因素的，应当立即报告现场安全生产管理人员或者本单位负责人。",
            ),
        ],
    ),
    (
        2,
        "煤矿安全规程",
        "部门规章",
        "current",
        [
            (10, "第一编 总则", "入井人员必须随身携带矿灯、自救器和标识卡，严禁携带烟草和点火物品，入井前严禁饮酒。"),
            (
                193,
                "第三编 井工煤矿 / 第二章 通风",
                "在采掘工作面的风流中，甲烷浓度达到1.0%时，必须停止电钻打眼；甲烷浓度达到1.5%时，必须停止工作、切断电源并撤出人员。",
            ),
            (
                197,
                "第三编 井工煤矿 / 第二章 通风",
                "局部通风机因故停止运转的，在恢复通风前必须首先检查瓦斯，只有停风区内最高甲烷浓度不超过1.0%时，方可人工开启局部通风机。",
            ),
            (
                126,
                "第三编 井工煤矿 / 第一章 开采",
                "必须严格执行敲帮问顶制度。开工前，班组长必须全面检查工作面的安全情况，确认没有危险后，方准人员进入工作面。",
            ),
        ],
    ),
    (
        3,
        "煤矿安全规程",
        "部门规章",
        "superseded",
        [
            (10, "第一编 总则", "入井人员必须戴安全帽，随身携带自救器和矿灯，严禁携带烟草和点火物品。"),
        ],
    ),
    (
        4,
        "煤矿安全培训规定",
        "部门规章",
        "current",
        [
            (
                35,
                "第五章 其他从业人员的安全培训",
                "煤矿企业其他从业人员初次参加安全培训，时间不得少于七十二学时；此后每年再培训的时间不得少于二十学时。",
            ),
            (
                36,
                "第五章 其他从业人员的安全培训",
                "井下作业人员新上岗的，安全培训合格后应当由有经验的工人师傅带领，实习满四个月。",
            ),
            (28, "第四章 特种作业人员的安全培训", "特种作业操作证在全国范围内有效，有效期为六年。"),
        ],
    ),
    (
        5,
        "煤矿防治水规定",
        "部门规章",
        "repealed",
        [
            (8, "第二章 防治水", "矿井必须做好水害分析预报，坚持有疑必探、先探后掘的原则。"),
        ],
    ),
    (
        6,
        "关于加班费的案例",
        "案例",
        "current",
        [
            (None, "", "工人小王加班后向公司要求支付加班费，公司以已包薪为由拒绝。"),
        ],
    ),
    (
        7,
        "测试用文件",
        "企业制度",
        "current",
        [
            (
                1,
                "第一章 总则",
                "本文件包含<script>alert('x')</script>这样的字样，显示时必须原样转义。瓦斯检查员每班检查。",
            ),
        ],
    ),
]


def library_records() -> list[ArticleRecord]:
    """Every article of LIBRARY as index records (article ids are doc_id * 100 + position)."""
    records = []
    for doc_id, title, doc_type, status, articles in LIBRARY:
        for i, (number, path, text) in enumerate(articles, 1):
            kind = "article" if number is not None else "section"
            label = f"第{number}条" if number is not None else "案情"
            if number is not None:
                from corpus.numerals import to_chinese_number

                label = f"第{to_chinese_number(number)}条"
            records.append(
                ArticleRecord(
                    article_id=doc_id * 100 + i,
                    doc_id=doc_id,
                    title=title,
                    path=path,
                    text=text,
                    label=label,
                    number=number,
                    kind=kind,
                    anchor=f"art-{number}" if number else f"sec-{i}",
                    ordinal=i,
                    doc_type=doc_type,
                    status=status,
                    doc_key=title,
                )
            )
    return records


@pytest.fixture
def shipped_words():
    """The test starts and ends with the shipped synonym table alone (no 本矿用语): the analyzer is process-wide."""
    from kb.analysis import use_mine_lines

    use_mine_lines(())
    yield
    use_mine_lines(())


@pytest.fixture(scope="session")
def library_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test library indexed once per session (tests must not change it)."""
    root = tmp_path_factory.mktemp("kbindex") / "index"
    build_index(root, library_records())
    return root


def small_kb(root: Path, rows: list[tuple[int, str, str, int, str]]) -> KnowledgeBase:
    """A KnowledgeBase over a test module's own small library: (article id, title, doc_type, article
    number, text) per article, every one current, its documents numbered by title."""
    from corpus.numerals import to_chinese_number

    doc_ids = {title: i for i, title in enumerate(dict.fromkeys(row[1] for row in rows), 1)}
    build_index(root, [
        ArticleRecord(
            article_id=aid, doc_id=doc_ids[title], title=title, path="", text=text,
            label=f"第{to_chinese_number(number)}条", number=number, kind="article", anchor=f"art-{number}",
            ordinal=aid, doc_type=doc_type, status="current", doc_key=title,
        )
        for aid, title, doc_type, number, text in rows
    ])
    return KnowledgeBase(root)


POSTGRES_ONLY = "the PostgreSQL search backend needs a PostgreSQL DATABASE_URL (this run uses SQLite)"


def library_rows(explicit_ids: bool = False) -> list:
    """LIBRARY as Document rows with their Article rows (with the ids of `library_records` when asked)."""
    from corpus.models import Article, Document

    documents: dict[int, Document] = {}
    for r in library_records():
        document = documents.get(r.doc_id)
        if document is None:
            document = documents[r.doc_id] = Document(
                id=r.doc_id if explicit_ids else None,
                title=r.title,
                doc_key=r.doc_key,
                doc_type=r.doc_type,
                status=r.status,
                source_name=f"{r.title}.md",
                source_hash=r.title,
                version_date=date(2020, 1, 1),
            )
        document.articles.append(
            Article(
                id=r.article_id if explicit_ids else None,
                ordinal=r.ordinal,
                kind=r.kind,
                number=r.number,
                label=r.label,
                path=r.path,
                text=r.text,
                anchor=r.anchor,
            )
        )
    return list(documents.values())


def postgres_kb(app):
    """The PostgreSQL backend over LIBRARY stored with the ids of `library_records` (so both
    backends give the same ids); the rows are wiped after the test like every other."""
    from sqlalchemy import text

    from core.db import db
    from kb.pgsearch import PgKnowledgeBase

    if db.engine.dialect.name != "postgresql":
        pytest.skip(POSTGRES_ONLY)
    db.session.add_all(library_rows(explicit_ids=True))
    db.session.flush()
    for table in ("documents", "articles"):  # explicit ids: move the sequences past them
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()
    from kb import pgsearch

    pgsearch.rebuild(db.session)
    db.session.commit()
    return PgKnowledgeBase(db.engine)


@pytest.fixture(params=["whoosh", "postgres"])
def kb(request: pytest.FixtureRequest, library_index: Path) -> KnowledgeBase:
    """A KnowledgeBase over the test library, on each search backend (postgres skips on SQLite)."""
    if request.param == "postgres":
        return postgres_kb(request.getfixturevalue("app"))
    return KnowledgeBase(library_index)


@pytest.fixture
def stored_library(app) -> Callable[[], list[int]]:
    """store() puts LIBRARY into the database (documents and articles) and returns the document ids."""
    from core.db import db

    def store() -> list[int]:
        documents = library_rows()
        db.session.add_all(documents)
        db.session.commit()
        return [d.id for d in documents]

    return store


@pytest.fixture
def whoosh_indexed_app(app, stored_library):
    """The test app with LIBRARY in its database and its Whoosh index built."""
    from core.db import db
    from kb import knowledge_base, sync

    stored_library()
    sync.rebuild(db.session, knowledge_base(app).root)
    return app


def use_postgres_search(app) -> None:
    """Switch the test app to SEARCH_BACKEND=postgres (skips on SQLite)."""
    from core.db import db
    from kb import pgsearch

    if db.engine.dialect.name != "postgresql":
        pytest.skip(POSTGRES_ONLY)
    app.config["SEARCH_BACKEND"] = "postgres"
    app.extensions.pop("kb", None)
    pgsearch.follow_sessions(db.session)


@pytest.fixture(params=["whoosh", "postgres"])
def indexed_app(request: pytest.FixtureRequest, app, stored_library):
    """The test app with LIBRARY in its database and indexed, on each search backend."""
    if request.param == "whoosh":
        return request.getfixturevalue("whoosh_indexed_app")
    use_postgres_search(app)
    stored_library()  # the first commit builds the search rows
    return app


def drop_index(app) -> None:
    """Take the app's search index away (a deleted index folder, or emptied search tables)."""
    import shutil

    from sqlalchemy import text

    from core.db import db
    from kb import knowledge_base

    kb = knowledge_base(app)
    if kb.backend == "whoosh":
        shutil.rmtree(kb.root)
        return
    for table in ("kb_search_entries", "kb_search_documents", "kb_search_state"):
        db.session.execute(text(f"DELETE FROM {table}"))
    db.session.commit()
    kb.invalidate()


def first(answer) -> int:  # noqa: ANN001 - a kb.qa.Answer
    """The article ask puts first, answered or declined."""
    hit = answer.hit or answer.alternatives[0]
    return hit.article_id
