"""自选练习 offers only the categories and documents practice can serve: an imported bank still in draft
(电焊, 特种设备…) listed its categories, and choosing one gave 没有符合条件的题目 (found by the trainer audit).
A category above a usable one stays, so the tree reads."""

from __future__ import annotations

from datetime import date

import lxml.html

from core.db import db
from corpus.models import Article, Document
from quiz.bank import citations, service
from tests.papers import draft


def document(title: str) -> Article:
    doc = Document(title=title, doc_key=title, doc_type="部门规章", version_date=date(2025, 1, 1),
                   source_name=f"{title}.md", source_hash=title)
    doc.articles.append(Article(ordinal=1, kind="article", number=1, label="第一条", text=f"{title}的第一条。",
                                anchor="art-1"))
    db.session.add(doc)
    db.session.flush()
    return doc.articles[0]


def options(page: lxml.html.HtmlElement, name: str) -> list[str]:
    return [o.text_content().strip() for o in page.xpath(f"//select[@name='{name}']/option")]


def test_only_categories_and_documents_with_questions_to_practise_are_offered(client, login, app):
    rules, welding = document("煤矿安全规程"), document("焊接作业规程")
    usable = service.add_question(draft("single", 1, category=("通风", "局部通风")))
    citations.cite_article(usable, rules)
    drafted = service.add_question(draft("single", 2, category=("电焊",), status="draft"))
    citations.cite_article(drafted, welding)
    db.session.commit()
    login()
    response = client.get("/quizzes")
    assert response.status_code == 200
    page = lxml.html.document_fromstring(response.get_data(as_text=True))
    assert options(page, "category") == ["全部分类", "通风", "局部通风"]
    assert options(page, "document") == ["全部文档", "煤矿安全规程"]
