"""The review queue page reads the same number of statements for a few drafts as for many: each
row's content (``current_version``) comes with the page's query, not one query per row."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from core.db import db
from corpus.documents import Citation
from corpus.models import Article
from quiz.bank.types import Option
from quiz.generation.records import GeneratedQuestion
from quiz.generation.review import save_questions
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

RULE = "掘进工作面局部通风机因检修停风时，必须撤出人员并切断电源。"


def _drafts(tmp_path, count: int) -> list[GeneratedQuestion]:
    from corpus.ingestion import ingest_paths

    path = tmp_path / "测试通风管理规定(2024-01-01).md"
    path.write_text(f"# 测试通风管理规定\n\n## 第一章 总则\n\n第一条 {RULE}\n", encoding="utf-8")
    ingest_paths([path], db.session)
    db.session.commit()
    article = db.session.scalar(select(Article).where(Article.text.contains("局部通风机")))
    return [
        GeneratedQuestion(
            type="single", stem=f"第{n}题：局部通风机检修停风时，必须（ ）。",
            options=(Option("A", "撤出人员并切断电源"), Option("B", "继续作业"), Option("C", f"等待{n}分钟"),
                     Option("D", "只挂警示牌")),
            answer=("A",), explanation="第一条规定停风时撤人断电。",
            citation=Citation("测试通风管理规定", "第一条", "2024-01-01"), generator="theory.single_number",
            inputs={"article": "测试通风管理规定|2024-01-01|第一条"}, seed=str(n), article_id=article.id,
        )
        for n in range(count)
    ]


def _selects_of_page(client, url: str = "/bank/review/") -> int:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return sum(1 for s in seen if s.lstrip().upper().startswith("SELECT"))


@pytest.mark.usefixtures("review_app")
def test_the_queue_page_does_not_read_each_row_on_its_own(tmp_path, client, login) -> None:
    drafts = _drafts(tmp_path, 8)
    first = [q.id for q in save_questions(drafts[:2]).saved]
    db.session.commit()
    login("unit_trainer")
    _selects_of_page(client)  # warm: what is read once per process is not counted
    db.session.expire_all()
    few = _selects_of_page(client)
    db.session.expire_all()
    few_shown = _selects_of_page(client, f"/bank/review/?ids={','.join(map(str, first))}")
    rest = [q.id for q in save_questions(drafts[2:]).saved]
    assert len(rest) == 6
    db.session.commit()
    db.session.expire_all()
    many = _selects_of_page(client)
    assert many == few, f"{few} statements for 2 drafts, {many} for 8"
    # The drafts just generated (?ids=), the other way the page loads its rows.
    db.session.expire_all()
    many_shown = _selects_of_page(client, f"/bank/review/?ids={','.join(map(str, first + rest))}")
    assert many_shown == few_shown, f"{few_shown} statements for 2 drafts shown, {many_shown} for 8"
