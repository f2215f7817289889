"""A Word file that is only a table (a 岗位职责表) is titled by its file name, never by its first
table row, and its table is the document's text: stored, cited and searchable."""

from __future__ import annotations

from pathlib import Path

from docx import Document as Word
from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Document


def _table_docx(path: Path, rows: list[tuple[str, ...]]) -> Path:
    word = Word()
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    word.save(str(path))
    return path


def test_a_table_only_word_file_is_titled_by_its_file_name(db_session, tmp_path: Path) -> None:
    path = _table_docx(tmp_path / "岗位职责表.docx",
                       [("岗位", "职责"), ("瓦斯检查工", "每班检查瓦斯两次"), ("班组长", "开工前检查顶板")])
    report = ingest_paths([path], db_session)
    assert report.added and not report.failed
    doc = db_session.scalar(select(Document))
    assert doc.title == "岗位职责表"
    text = "\n".join(article.text for article in doc.articles)
    assert "| 岗位 | 职责" in text and "每班检查瓦斯两次" in text
    assert all(str(article.citation).startswith("《岗位职责表》") for article in doc.articles)


def test_a_one_row_table_is_the_documents_text_not_its_title(db_session, tmp_path: Path) -> None:
    path = _table_docx(tmp_path / "通知.docx", [("第一条 井下严禁使用明火。",)])
    report = ingest_paths([path], db_session)
    doc = db_session.scalar(select(Document))
    assert report.added and not report.failed
    assert doc.title == "通知"
    assert any("井下严禁使用明火" in article.text for article in doc.articles)
