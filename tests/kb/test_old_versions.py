"""Under 现行优先 an old version's article gives way to the current wording of the same rule, even
when the old wording matches the question better (the new version renamed the word asked for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.numerals import to_chinese_number
from kb.indexing import ArticleRecord, build_index
from kb.search import KnowledgeBase
from kb.versions import same_rule

TITLE = "某矿爆破管理规定"
OLD_RULE = ("放炮前必须画出炮眼布置图，图上标明炮眼的位置、炮眼的深度、炮眼的角度和炮眼的个数，"
            "打眼工必须按炮眼布置图打眼，不得随意加眼。")
NEW_RULE = ("放炮前必须画出炮孔布置图，图上标明炮孔的位置、炮孔的深度、炮孔的角度和炮孔的个数，"
            "打眼工必须按炮孔布置图施工，不得随意加孔。")
# (article id, doc id, status, number, chapter, text): one rule in an old and a current version, and
# current articles of the same document that mention the word once
ROWS = [
    (1, 1, "current", 45, "第三章 爆破", NEW_RULE),
    (2, 1, "current", 80, "第五章 防尘", "湿式打眼，严禁干打眼。"),
    (3, 1, "current", 81, "第五章 防尘", "采煤机割煤时必须喷雾降尘。"),
    (4, 2, "repealed", 40, "", OLD_RULE),
    (5, 2, "repealed", 41, "", "井下严禁明火取暖。"),
]


@pytest.fixture(scope="module")
def versions_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root: Path = tmp_path_factory.mktemp("versions") / "index"
    build_index(root, [
        ArticleRecord(article_id=aid, doc_id=doc, title=TITLE, path=path, text=text,
                      label=f"第{to_chinese_number(number)}条", number=number, kind="article", anchor=f"art-{number}",
                      ordinal=aid, doc_type="部门规章", status=status, doc_key=TITLE)
        for aid, doc, status, number, path, text in ROWS
    ])
    return KnowledgeBase(root)


def test_current_wording_takes_the_old_articles_place(versions_kb: KnowledgeBase):
    hits = versions_kb.search("打眼").hits
    assert hits[0].article_id == 1 and hits[0].status == "current"
    assert all(h.status == "current" for h in hits)


def test_an_old_article_without_a_current_wording_still_shows_when_nothing_current_ranks_above(
        versions_kb: KnowledgeBase):
    hits = versions_kb.search("明火取暖").hits
    assert hits[0].article_id == 5 and hits[0].status_label == "已废止"


def test_same_rule_tells_a_reworded_rule_from_another_rule():
    assert same_rule(OLD_RULE, NEW_RULE)
    assert not same_rule(OLD_RULE, "湿式打眼，严禁干打眼。")
    assert not same_rule(OLD_RULE, "")
