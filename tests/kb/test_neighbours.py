"""The articles beside the first ones fetched (kb.neighbours): the rule that answers in its own
words, which share none of the worker's, is read beside the article his words found.

The library is made up for these tests: a blasting-supplies document whose storeroom article
matches the worker's words and whose next article, on what to do when stock goes missing, does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.neighbours import NEIGHBOUR_SPAN, neighbours, with_neighbours
from kb.qa import RERANK_DEPTH, ask
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb

SUPPLIES = "爆破器材管理办法"
ROWS = [
    (1, SUPPLIES, "部门规章", 1, "为加强爆破器材的管理，制定本办法。"),
    (2, SUPPLIES, "部门规章", 2, "爆破器材仓库应当设专人看守，库房内严禁烟火。"),
    (3, SUPPLIES, "部门规章", 3, "库管员每天清点库房里的雷管和炸药，点数结果记入台账。"),
    (4, SUPPLIES, "部门规章", 4, "发现爆破器材丢失、被盗的，应当立即报告当地公安机关，并保护现场。"),
    (5, SUPPLIES, "部门规章", 5, "爆破器材的运输车辆应当符合国家标准。"),
    (6, SUPPLIES, "部门规章", 6, "爆破作业完成后，剩余器材当班退回仓库。"),
    (7, SUPPLIES, "部门规章", 7, "本办法自公布之日起施行。"),
    # Other documents sharing the worker's words, so ask reads a full window of candidates.
    *[
        (10 + i, f"矿井管理规定{i}", "规范性文件", i + 1, f"各班组长每周清点库房里的工具{i}号，点数结果上报。")
        for i in range(RERANK_DEPTH + 2)
    ],
]


@pytest.fixture(scope="module")
def supplies_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("neighbours") / "index", ROWS)


def test_the_articles_beside_the_lead_are_read_nearest_first(supplies_kb: KnowledgeBase):
    plan, _ = supplies_kb.prepare("库房里的雷管点数")
    window = supplies_kb.rank(plan)[:1]
    assert window[0].article_id == 3
    found = neighbours(supplies_kb, plan, window)
    numbers = [h.number for h in found]
    assert numbers[:2] in ([2, 4], [4, 2])
    assert set(numbers) == {n for n in range(3 - NEIGHBOUR_SPAN, 3 + NEIGHBOUR_SPAN + 1) if 1 <= n <= 7 and n != 3}
    assert all(h.score <= window[-1].score for h in found)


def test_a_window_not_full_is_left_as_fetched(supplies_kb: KnowledgeBase):
    plan, _ = supplies_kb.prepare("库房里的雷管点数")
    hits = supplies_kb.rank(plan)[:3]
    assert with_neighbours(supplies_kb, plan, hits, RERANK_DEPTH) == (hits, RERANK_DEPTH)


def test_the_rule_beside_the_one_his_words_found_is_read(supplies_kb: KnowledgeBase):
    # 少了 is not the rule's 丢失: the storeroom article and the others share his words, the rule
    # on missing stock none of them; it is read as the storeroom article's neighbour.
    plan, _ = supplies_kb.prepare("库房里点数 雷管少了")
    hits = supplies_kb.rank(plan)
    assert 4 not in [h.article_id for h in hits[:RERANK_DEPTH]]
    more, read = with_neighbours(supplies_kb, plan, hits, RERANK_DEPTH)
    assert read > RERANK_DEPTH
    assert 4 in [h.article_id for h in more[RERANK_DEPTH:read]]
    assert [h.article_id for h in more[:RERANK_DEPTH]] == [h.article_id for h in hits[:RERANK_DEPTH]]
    assert ask(supplies_kb, "库房里点数 雷管少了 咋整").candidates  # ask reads them without failing


def test_an_off_domain_question_stays_declined(library_index: Path):
    answer = ask(KnowledgeBase(library_index), "今天天气怎么样 要不要带伞")
    assert not answer.answered
