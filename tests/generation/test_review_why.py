"""The review page shows why a draft may go in: its source paragraph, its relevance and the checks
it passed, by name, escaped; workers do not see it."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from core.db import db
from corpus.models import Article
from quiz.bank.types import Option
from quiz.generation import ondemand
from quiz.generation.checks import passed_checks
from quiz.generation.hazard import accident_type
from quiz.generation.records import GeneratedQuestion
from quiz.generation.review import save_questions
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

pytestmark = pytest.mark.usefixtures("review_app")

# A made-up rule whose text needs escaping (<, &, ").
RULE = '作业人员进入<采空区>前必须检查瓦斯 & 氧气浓度，瓦斯浓度达到1.0%时严禁进入"盲巷"。'


def _rows(page: str) -> dict[int, str]:
    return {
        int(i): row for i, row in re.findall(r'<tr class="review-item" data-question="(\d+)">(.*?)</tr>', page, re.S)
    }


def _theory_draft(tmp_path) -> GeneratedQuestion:
    from corpus.ingestion import ingest_paths

    path = tmp_path / "测试煤矿安全规定(2024-01-01).md"
    path.write_text(
        f"# 测试煤矿安全规定\n\n## 第一章 总则\n\n第一条 {RULE}\n\n第二条 班组长必须在现场交接班。\n", encoding="utf-8"
    )
    ingest_paths([path], db.session)
    db.session.commit()
    article = db.session.scalar(select(Article).where(Article.text.contains("采空区")))
    from corpus.documents import Citation

    return GeneratedQuestion(
        type="single",
        stem="根据《测试煤矿安全规定》第一条，瓦斯浓度达到（ ）时严禁进入盲巷。",
        options=(Option("A", "0.5%"), Option("B", "1.0%"), Option("C", "1.5%"), Option("D", "2.0%")),
        answer=("B",),
        explanation="第一条规定：瓦斯浓度达到1.0%时严禁进入盲巷。",
        citation=Citation("测试煤矿安全规定", "第一条", "2024-01-01"),
        generator="theory.single_number",
        inputs={"article": "测试煤矿安全规定|2024-01-01|第一条", "relevance": 0.73},
        seed="t",
        article_id=article.id,
    )


def test_each_draft_shows_its_source_relevance_and_checks(tmp_path, client, login) -> None:
    theory = _theory_draft(tmp_path)
    # No catalogue entry has a trainer-checked GB 6441-2025 class yet: a type item asks the coal category.
    hazard = next(q for q in accident_type(ondemand.hazard_data(), "t") if q.inputs["hazard"] == "HZ-JJ-003")
    saved = save_questions([theory, hazard]).saved
    db.session.commit()
    assert len(saved) == 2
    theory_id, hazard_id = (q.id for q in saved)

    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)
    rows = _rows(page)
    assert set(rows) == {theory_id, hazard_id}

    # Theory: the article beside it, escaped; its relevance as recorded; the verifier's checks by name.
    row = rows[theory_id]
    source = row.split('class="review-source"', 1)[1].split("</td>", 1)[0]
    assert f"<p>{escape(RULE)}</p>" in source and "&lt;采空区&gt;" in source
    assert "<采空区>" not in row  # never unescaped
    why = row.split('class="review-why"', 1)[1]
    assert "相关度：<strong>0.73</strong>" in why
    for name in passed_checks("theory.single_number"):
        assert f"✓ {escape(name)}" in why
    assert "答案填回后与所引条文原文一致" in why

    # Hazard: the catalogue entry whole (with its consequence), the class under both standards, the hazard checks.
    row = rows[hazard_id]
    source = row.split('class="review-source"', 1)[1].split("</td>", 1)[0]
    entry = ondemand.hazard_data().catalogue.get("HZ-JJ-003")
    assert "危险源辨识清单" in source and escape(entry.hazard) in source
    assert "GB 6441-2025" in source
    why = row.split('class="review-why"', 1)[1]
    assert "✓ 题干只描述情况，不含答案或其别称" in why
    assert "✓ 选项为互不重叠的事故类别" in why


def test_a_draft_without_a_relevance_says_so(client, login) -> None:
    hazard = next(iter(accident_type(ondemand.hazard_data(), "t")))
    inputs = {k: v for k, v in hazard.inputs.items() if k != "relevance"}
    bare = GeneratedQuestion(**{**hazard.__dict__, "inputs": inputs})
    if hasattr(bare, "relevance"):
        object.__setattr__(bare, "relevance", None)
    saved = save_questions([bare]).saved
    db.session.commit()
    login("team_leader")
    row = _rows(client.get("/bank/review/").get_data(as_text=True))[saved[0].id]
    assert '相关度：<span class="hint">未评分</span>' in row


def test_workers_do_not_see_the_review_page(client, login) -> None:
    save_questions([next(iter(accident_type(ondemand.hazard_data(), "t")))])
    db.session.commit()
    login("worker")
    response = client.get("/bank/review/")
    assert response.status_code in {302, 403}
    assert "已通过的校验" not in response.get_data(as_text=True)


def test_every_generator_has_named_checks() -> None:
    from quiz.generation.pipeline import GENERATORS

    common = len(passed_checks("unknown.generator"))
    for name in GENERATORS:
        assert len(passed_checks(name)) > common, name
    assert passed_checks("hazard.scenario", {"ask": "accident_type"}) != passed_checks(
        "hazard.scenario", {"ask": "control"}
    )
