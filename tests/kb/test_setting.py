"""井下 said around what is asked (kb.setting): an article its chapter places underground holds it, and
a rule its chapter places in another setting (露天煤矿, 井上) yields to one of the underground mine."""

from __future__ import annotations

import pytest

import kb.qa
import kb.scoring
import kb.setting
from corpus.numerals import to_chinese_number
from kb.hits import Hit
from kb.indexing import ArticleRecord, build_index
from kb.qa import ask
from kb.search import KnowledgeBase
from kb.setting import elsewhere, placed, set_underground

UNDERGROUND = "第三编 井工煤矿"
GAS_RULE = (UNDERGROUND + " / 第五章 瓦斯防治", "瓦斯超限时，必须立即停止作业，撤出人员，切断电源，并报告调度室。")
# a rule on something else that says 瓦斯超限 in passing, under a section naming 井下
BATTERY_RULE = (
    UNDERGROUND + " / 第十二章 电气 / 第八节 井下电池电源",
    "大容量电池动力装置应当符合下列要求：\n（一）电池组之间设有隔热措施。\n（二）瓦斯超限时，必须立即切断所有非本质安全输出。",
)
UNDERGROUND_BLASTING = (UNDERGROUND + " / 第十章 井下爆破", "爆破工作由专职爆破员担任。")
OPEN_PIT_BLASTING = ("第四编 露天煤矿 / 第二章 爆破", "放炮工作由专职爆破员担任。")
# the library's other rules, some of which say 井下 in their text
OTHERS = [
    ("第一编 总则", "井下作业人员必须随身携带自救器和矿灯。"),
    ("第一编 总则", "井下严禁使用灯泡取暖和使用电炉。"),
    (UNDERGROUND + " / 第二章 通风", "井下采掘工作面的进风流中，氧气浓度不低于20%。"),
    ("第三章 从业人员的权利", "从业人员遇到直接威胁人身安全的紧急情况，有权停止作业。"),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """One rule book whose articles stand in the parts of a real one (井工煤矿, 露天煤矿)."""
    rows = [GAS_RULE, BATTERY_RULE, UNDERGROUND_BLASTING, OPEN_PIT_BLASTING, *OTHERS]
    root = tmp_path_factory.mktemp("setting") / "index"
    build_index(root, [
        ArticleRecord(
            article_id=i, doc_id=1, title="煤矿安全规程", path=path, text=text, label=f"第{to_chinese_number(i)}条",
            number=i, kind="article", anchor=f"art-{i}", ordinal=i, doc_type="部门规章", status="current",
            doc_key="煤矿安全规程",
        )
        for i, (path, text) in enumerate(rows, 1)
    ])
    return KnowledgeBase(root)


def _first(answer: kb.qa.Answer) -> str:
    hit = answer.hit or answer.alternatives[0]
    return hit.text


def test_a_chapter_of_the_underground_mine_places_its_rules_underground():
    assert placed(GAS_RULE[0]).split() == ["井下"]
    assert placed("第三编 井工煤矿 / 第十章 爆炸物品和井下爆破 / 第三节 井下爆破").split() == ["井下"]
    assert placed("第四编 露天煤矿 / 第二章 钻孔爆破") == ""
    assert placed("第五章 特别规定 / 第二节 劳务派遣") == ""  # a labour law names no setting
    assert placed("") == ""


@pytest.mark.parametrize("question", ["井下瓦斯超限怎么办", "瓦斯超限怎么办"])
def test_said_before_what_is_asked_the_setting_changes_no_answer(library: KnowledgeBase, question: str):
    # The section title 井下电池电源 gave the battery rule 井下 and the gas rule (in 井工煤矿) none.
    assert _first(ask(library, question)) == GAS_RULE[1]


def _ranked(library: KnowledgeBase, question: str) -> list[str]:
    return [h.text for h in library.rank(library.prepare(question)[0])]


def test_counted_only_where_an_article_says_it_the_setting_put_another_rule_first(
    library: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
):
    assert _ranked(library, "井下瓦斯超限怎么办")[0] == GAS_RULE[1]
    # What the chapter's setting guards against: without it the battery rule ranks first.
    monkeypatch.setattr(kb.scoring, "placed", lambda path: "")
    assert _ranked(library, "井下瓦斯超限怎么办")[0] == BATTERY_RULE[1]
    assert _ranked(library, "瓦斯超限怎么办")[0] == GAS_RULE[1]


def test_asked_underground_a_rule_of_the_open_pit_yields(library: KnowledgeBase, monkeypatch: pytest.MonkeyPatch):
    assert _first(ask(library, "井下放炮谁来干")) == UNDERGROUND_BLASTING[1]
    # …which the open-pit rule, saying more of the question (爆破员, 担任), would answer at its full score
    monkeypatch.setattr(kb.setting, "OTHER_SETTING", 1.0)
    assert _first(ask(library, "井下放炮谁来干")) == OPEN_PIT_BLASTING[1]


def _hit(chapter: str, score: float = 1.0) -> Hit:
    return Hit(
        article_id=1, doc_id=1, title="煤矿安全规程", article="第一条", label="第一条", chapter=chapter,
        doc_type="部门规章", status="current", score=score, text="", anchor="", number=1, kind="article",
    )


def test_only_a_question_set_underground_and_a_rule_set_elsewhere_meet_another_setting():
    open_pit, surface = _hit("第四编 露天煤矿 / 第二章 爆破"), _hit("第二节 井上火灾防治")
    assert elsewhere("井下放炮谁来干", open_pit) and elsewhere("井下着火了怎么办", surface)
    assert not elsewhere("放炮谁来干", open_pit)  # no setting said
    assert not elsewhere("地面和井下放炮有啥不一样", open_pit)  # the question sets the places against each other
    # a storm seen from the surface: 地面防治水 says what to do underground
    assert not elsewhere("下大暴雨了井下的人咋办", _hit("第四章 矿井防治水 / 第二节 地面防治水"))
    assert not elsewhere("井下放炮谁来干", _hit(UNDERGROUND_BLASTING[0]))


def test_a_rule_set_elsewhere_keeps_its_place_among_the_others_at_a_share_of_its_score():
    hits = [_hit(OPEN_PIT_BLASTING[0], 10.0), _hit(UNDERGROUND_BLASTING[0], 8.0), _hit("第一编 总则", 5.0)]
    ranked = set_underground("井下放炮谁来干", hits)
    assert [h.chapter for h in ranked] == [UNDERGROUND_BLASTING[0], OPEN_PIT_BLASTING[0], "第一编 总则"]
    assert ranked[1].score == pytest.approx(10.0 * kb.setting.OTHER_SETTING)
    assert set_underground("地面和井下放炮有啥不一样", hits) == hits
