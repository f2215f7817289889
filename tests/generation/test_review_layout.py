"""The review page of many drafts: the actions on ticked drafts come before the list (with a
select-all box), a long source article is folded to the sentence the draft asks about (the whole
article behind 显示全文, details/summary without JavaScript); generators are named in Chinese."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.db import db
from corpus.models import Article
from quiz.generation.conditions import CONDITION_GENERATORS
from quiz.generation.excerpt import relevant_sentence
from quiz.generation.labels import GENERATOR_LABELS, generator_label
from quiz.generation.oversight import OVERSIGHT_GENERATORS
from quiz.generation.pipeline import GENERATORS
from quiz.generation.records import GeneratedQuestion
from quiz.generation.review import save_questions
from quiz.generation.syllabus import SYLLABUS_GENERATORS
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

KEY = "采掘工作面风流里的甲烷浓度到1.0%时，电钻必须停止打眼。"
FILLER = [f"第{n}款 本款规定通风设施的日常检查、维护和记录要求，由通风区队按月汇总上报。" for n in range(1, 30)]


def _long_article_draft(tmp_path) -> GeneratedQuestion:
    from corpus.documents import Citation
    from corpus.ingestion import ingest_paths

    body = "\n\n".join(FILLER[:15] + [KEY] + FILLER[15:])
    path = tmp_path / "测试通风规定(2024-01-01).md"
    path.write_text(f"# 测试通风规定\n\n## 第一章 总则\n\n第一条 {body}\n", encoding="utf-8")
    ingest_paths([path], db.session)
    db.session.commit()
    article = db.session.scalar(select(Article).where(Article.text.contains("电钻必须停止打眼")))
    return GeneratedQuestion(
        type="blank", stem="采掘工作面风流里的甲烷浓度到（ ）%时，电钻必须停止打眼。", options=(),
        answer=("1.0",), explanation="", citation=Citation("测试通风规定", "第一条", "2024-01-01"),
        generator="theory.blank_item_number", inputs={"article": "测试通风规定|2024-01-01|第一条"}, seed="a8dbc793",
        article_id=article.id,
    )


def _visible(html: str) -> str:
    """The page's text without tags and attribute values (titles keep the raw names)."""
    return re.sub(r"<[^>]*>", " ", html)


def test_every_generator_of_the_registry_has_a_chinese_label() -> None:
    names = {*GENERATORS, *SYLLABUS_GENERATORS, *OVERSIGHT_GENERATORS, *CONDITION_GENERATORS}
    missing = sorted(name for name in names if name not in GENERATOR_LABELS)
    assert not missing, f"generators without a label in quiz/generation/labels.py: {missing}"
    assert all(re.search(r"[\u4e00-\u9fff]", generator_label(name)) for name in names)
    assert len({GENERATOR_LABELS[name] for name in names}) == len(names)  # no two read alike


@pytest.mark.usefixtures("review_app")
def test_review_page_actions_first_source_folded_labels_in_chinese(tmp_path, client, login) -> None:
    saved = save_questions([_long_article_draft(tmp_path)]).saved
    db.session.commit()
    question_id = saved[0].id
    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)

    form = page.split('id="review-form"', 1)[1]
    assert form.index("对勾选的题目") < form.index('class="review-item"')  # reachable without scrolling
    assert re.search(r'<input type="checkbox" data-select-all="ids"', form)

    row = form.split('class="review-source"', 1)[1].split("</td>", 1)[0]
    excerpt = row.split("<details", 1)[0]
    assert KEY in excerpt and FILLER[0] not in excerpt  # the sentence asked about, not the whole article
    assert re.search(r"<details[^>]*>\s*<summary>显示全文</summary>.*" + re.escape(FILLER[0]), row, re.S)

    visible = _visible(page)
    assert "条文填空（条款中的数值）" in visible
    assert "theory.blank_item_number" not in visible and "a8dbc793" not in visible
    assert 'title="theory.blank_item_number seed=a8dbc793"' in page  # kept for debugging

    stats = client.get("/bank/review/stats").get_data(as_text=True)
    assert "条文填空（条款中的数值）" in _visible(stats) and "theory.blank_item_number" not in _visible(stats)
    detail = client.get(f"/bank/{question_id}").get_data(as_text=True)
    origin = detail.split('id="question-origin"', 1)[1].split("</dd>", 1)[0]
    assert "条文填空（条款中的数值）" in _visible(origin) and "theory." not in _visible(origin)


def test_the_relevant_sentence_is_the_one_the_question_asks() -> None:
    paragraphs = (*FILLER[:5], f"其他要求。{KEY}另行规定。", *FILLER[5:])
    assert relevant_sentence(paragraphs, "甲烷浓度到（ ）%时，电钻必须停止打眼") == KEY
    assert relevant_sentence(paragraphs, "") == ""
