"""The review page's excerpt of a 多选（条文所列事项） draft is the list its options come from (trainer audit 4:
《煤矿安全规程》第一百七十七条 showed item (三), which no option came from, while the options came from (二), (五), (八),
(九) and one changed item): the lead-in, each item an option comes from marked as a right option or as the item a
wrong option was changed from, and a wrong option taken from another article said to be none of the list's. A right
option that is no item of the list is marked like any key the source does not state. The article is our own words."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.db import db
from corpus.models import Article
from quiz.generation.excerpt import excerpt_of, listed_excerpt
from quiz.generation.records import GeneratedQuestion
from quiz.generation.review import save_questions
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

LEAD = "局部通风机的安装和使用应当符合下列要求"
ITEMS = (
    "局部通风机必须由指定人员负责管理",
    "局部通风机必须安装在进风巷道中，距回风口不得小于10m",
    "压入式局部通风机的吸入风量必须小于全风压供给该处的风量",
    "局部通风机停止运转时必须立即撤出人员并切断电源",
    "风筒接头必须严密，每100m漏风不得超过规定",
    "严禁使用非阻燃风筒",
)
ARTICLE = [f"{LEAD}：", *(f"（{n}）{t}；" for n, t in zip("一二三四五六", ITEMS, strict=True))]
CHANGED = "局部通风机必须安装在进风巷道中，距回风口不得小于5m"
ELSEWHERE = "每班至少清扫一次巷道浮煤"
OPTIONS = [("A", ITEMS[0]), ("B", CHANGED), ("C", ITEMS[3]), ("D", ELSEWHERE), ("E", ITEMS[5])]
INPUTS = {"lead": LEAD, "sources": [CHANGED, ELSEWHERE], "changed": [[ITEMS[1], CHANGED]]}


def test_the_excerpt_is_the_items_the_options_come_from_each_marked() -> None:
    listed = listed_excerpt(ARTICLE, INPUTS, OPTIONS, ("A", "C", "E"))
    assert listed is not None and listed.lead == LEAD
    assert [(line.number, line.text, line.note, line.right) for line in listed.lines] == [
        ("（一）", ITEMS[0], "正确选项A", True),
        ("（二）", ITEMS[1], "错误选项B由本项改写", False),
        ("（四）", ITEMS[3], "正确选项C", True),
        ("（六）", ITEMS[5], "正确选项E", True),
    ]  # not (三) or (五): no option comes from them
    assert listed.elsewhere == (f"错误选项D“{ELSEWHERE}”：本条未列，取自其他条文",)
    text = listed.text()
    assert ITEMS[2] not in text and ITEMS[4] not in text and LEAD in text


def test_a_right_option_the_list_does_not_hold_or_a_wrong_one_it_does_is_unproven() -> None:
    assert listed_excerpt(ARTICLE, INPUTS, [*OPTIONS[:4], ("E", "严禁使用铁质风筒")], ("A", "C", "E")) is None
    assert listed_excerpt(ARTICLE, INPUTS, OPTIONS, ("A", "C")) is None  # E is listed, yet keyed wrong
    assert listed_excerpt(ARTICLE, {**INPUTS, "lead": "另一个引语"}, OPTIONS, ("A", "C", "E")) is None


def test_a_folded_sentence_gives_way_to_the_clause_stating_the_right_option() -> None:
    filler = [f"第{n}款 本款规定风筒的日常检查和记录要求，由通风区队按月汇总上报。" for n in range(12)]
    paragraphs = (*filler, "局部通风机的风筒吊挂应当平直，逢环必挂，出口距工作面不得过远。", "其供电实行风电闭锁。")
    stem = "局部通风机的风筒吊挂应当平直，逢环必挂，其供电应当实行（ ）。"
    assert "风电闭锁" not in excerpt_of(paragraphs, "blank", {}, stem, ["风电闭锁"], [])  # the sentence most alike
    shown = excerpt_of(paragraphs, "single", {}, stem, ["风电闭锁"], [])
    assert "风电闭锁" in shown


@pytest.mark.usefixtures("review_app")
def test_the_review_page_shows_the_listed_items_not_another_one(tmp_path, client, login) -> None:
    from corpus.documents import Citation
    from corpus.ingestion import ingest_paths

    filler = "\n\n".join(f"第{n}款 本款规定局部通风的日常管理要求，由通风区队负责。" for n in range(8))
    path = tmp_path / "测试局部通风规定(2024-01-01).md"
    body = "\n\n".join(ARTICLE)
    path.write_text(f"# 测试局部通风规定\n\n## 第一章 总则\n\n第一条 {filler}\n\n{body}\n", encoding="utf-8")
    ingest_paths([path], db.session)
    db.session.commit()
    article = db.session.scalar(select(Article).where(Article.text.contains("严禁使用非阻燃风筒")))
    from quiz.bank.types import Option

    draft = GeneratedQuestion(
        type="multi", stem=f"根据《测试局部通风规定》第一条，“{LEAD}”。下列各项中，属于该条所列的有（ ）。",
        options=tuple(Option(k, t) for k, t in OPTIONS), answer=("A", "C", "E"), explanation="",
        citation=Citation("测试局部通风规定", "第一条", "2024-01-01"), generator="theory.multi_enumeration",
        inputs={"article": "测试局部通风规定|2024-01-01|第一条", **INPUTS}, seed="1", article_id=article.id,
    )
    save_questions([draft])
    db.session.commit()
    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)
    row = page.split('class="review-source"', 1)[1].split("</td>", 1)[0]
    excerpt = row.split("<details", 1)[0]
    assert "source-listed" in excerpt and "source-unproven" not in row
    for shown in (ITEMS[0], ITEMS[1], ITEMS[3], ITEMS[5], "正确选项A", "错误选项B由本项改写", "本条未列，取自其他条文"):
        assert shown in excerpt
    assert ITEMS[2] not in excerpt and ITEMS[4] not in excerpt
    assert re.search(r"<summary>显示全文</summary>.*" + re.escape(ITEMS[2]), row, re.S)
