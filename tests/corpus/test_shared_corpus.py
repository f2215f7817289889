"""The real documents in ../shared/corpus (skipped when absent): what issue 3 must show."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Document
from corpus.readers import read_bytes
from corpus.structure import parse_file


def numbers(document) -> list[int]:
    return [a.number for a in document.articles if a.kind == "article"]


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("laws/安全生产法(2021-06-10).md", 119),
        ("laws/煤矿安全生产条例(2024-01-24).md", 76),
        ("laws/职业病防治法(2018-12-29).md", 88),
        ("regulations/煤矿安全规程(2025-07-24).md", 777),
        ("txt/煤矿防治水细则(2018).txt", 138),
        ("txt/煤矿防治水规定(2009).txt", 142),
    ],
)
def test_articles_numbered_in_order(corpus: Path, name: str, count: int) -> None:
    assert numbers(parse_file(corpus / name)) == list(range(1, count + 1))


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("煤矿重大生产安全事故隐患判定标准.html", 19),
        ("煤矿安全培训规定.html", 50),
        ("煤矿安全监察条例.html", 50),
        ("煤矿企业安全生产许可证实施办法.html", 44),
        ("生产安全事故应急预案管理办法.html", 48),
        ("防治煤矿冲击地压细则.html", 87),
        ("中华人民共和国国家安全法.html", 84),
    ],
)
def test_html_regulations_have_their_articles_and_real_titles(corpus: Path, name: str, count: int) -> None:
    document = parse_file(corpus / "regulations" / name)
    assert numbers(document) == list(range(1, count + 1))
    assert document.title == name.removesuffix(".html")
    assert document.doc_type in {"部门规章", "行政法规", "法律"}


def test_decree_preamble_gives_issuer_and_dates(corpus: Path) -> None:
    document = parse_file(corpus / "regulations" / "煤矿安全培训规定.html")
    assert document.issuer == "国家安全生产监督管理总局"
    assert (str(document.promulgated), str(document.effective)) == ("2018-01-11", "2018-03-01")


def test_2016_rules_repeat_numbers_at_paragraph_starts_but_are_one_article(corpus: Path) -> None:
    document = parse_file(corpus / "txt" / "煤矿安全规程(2016).txt")
    found = numbers(document)
    assert len(found) == len(set(found)) == 718
    assert set(range(1, 722)) - set(found) == {93, 97, 104}
    article_4 = next(a for a in document.articles if a.number == 4)
    assert article_4.text.count("\n") == 3 and "第四条" not in article_4.text
    assert document.title == "煤矿安全规程"


def test_gb18030_text_is_read(corpus: Path) -> None:
    path = corpus / "txt" / "防治煤与瓦斯突出细则(2019).txt"
    assert read_bytes(path.read_bytes(), path.name).encoding == "gb18030"
    document = parse_file(path)
    assert document.title == "防治煤与瓦斯突出细则"
    assert set(range(1, 128)) - set(numbers(document)) == {92}


def test_converter_pinyin_and_traditional_title(corpus: Path) -> None:
    document = parse_file(corpus / "articles" / "神东石圪台煤矿-党建引领班组建设.txt")
    assert "发挥党建引领作用" in document.title
    assert "(fā)" not in "".join(a.text for a in document.articles)
    assert "黨" not in "".join(a.text for a in document.articles)


def test_2025_rules_tables_are_flagged_and_ocr_comments_dropped(corpus: Path) -> None:
    document = parse_file(corpus / "regulations" / "煤矿安全规程(2025-07-24).md")
    with_tables = [a for a in document.articles if a.has_table]
    assert with_tables and all("OCR" not in a.text for a in document.articles)
    assert document.articles[94].path == ("第三编 井工煤矿", "第二章 矿井建设", "第四节 建井期间生产及辅助系统")
    assert {r.title for r in document.repeals} >= {"煤矿安全规程"}


@pytest.mark.slow
def test_ingest_the_shared_corpus_then_nothing_changes(runner, corpus: Path, db_session) -> None:
    files = [p for p in corpus.rglob("*") if p.is_file()]
    result = runner.invoke(args=["ingest", str(corpus), "--json"])
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    merged = len(summary["merged"])
    assert summary["added"] + merged + summary["updated"] + summary["unchanged"] + len(summary["skipped"]) == len(files)
    assert summary["failed"] == [] and [f["path"] for f in summary["skipped"]] == [str(corpus / "README.md")]

    rows = json.loads(runner.invoke(args=["corpus", "list", "--json"]).output.strip().splitlines()[-1])
    assert summary["added"] == len(rows) and merged == 2  # 煤矿安全监察条例, 乡镇煤矿管理条例 in two formats
    by_title: dict[str, list[dict]] = {}
    for row in rows:
        by_title.setdefault(row["title"], []).append(row)
    assert by_title["中华人民共和国安全生产法"][0]["articles"] == 119
    assert [r["status"] for r in by_title["煤矿安全监察条例"]] == ["repealed"]
    assert [r["status"] for r in by_title["国务院关于预防煤矿生产安全事故的特别规定"]] == ["repealed"]
    assert by_title["煤矿防治水规定"][0]["status"] == "repealed"
    rules = {r["articles"]: r["status"] for r in by_title["煤矿安全规程"]}
    assert rules == {777: "current", 718: "repealed"}
    coal_law = sorted(by_title["中华人民共和国煤炭法"], key=lambda r: r["version_date"])
    assert [r["status"] for r in coal_law] == ["superseded", "current"]
    assert len(db_session.scalars(select(Document).where(Document.status == "current")).all()) == sum(
        1 for r in rows if r["status"] == "current"
    )

    again = json.loads(runner.invoke(args=["ingest", str(corpus), "--json"]).output.strip().splitlines()[-1])
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, len(files) - 1)


@pytest.mark.slow
def test_scale_corpus_ingests_and_accounts_for_every_file(db_session, shared_dir: Path, tmp_path: Path) -> None:
    # The service alone: the CLI path adds the search index build, which is kb's to measure.
    with tarfile.open(shared_dir / "corpus-scale.tar.gz") as archive:
        archive.extractall(tmp_path / "scale", filter="data")
    files = [p for p in (tmp_path / "scale").rglob("*") if p.is_file()]
    seen: list[str] = []
    report = ingest_paths([tmp_path / "scale"], db_session, progress=lambda _path, outcome: seen.append(outcome))
    assert report.total == len(files) == len(seen) == 1584
    assert all(reason for _, reason in report.failed) and len(report.failed) < 30
    versions = db_session.scalars(select(Document).where(Document.status == "superseded")).all()
    assert versions and all(d.superseded_by_id for d in versions)
