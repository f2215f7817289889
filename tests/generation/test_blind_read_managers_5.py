"""Faults of the fifth managers' blind read (bench/generation_blind_read_managers_5.md), each rule with an example in
our own words and counter-examples that keep working: a blank splitting a pair of one-character members (T18), a list
item naming another item of its list (T26), a list's items said after a verb already governing them (T30)."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.listed import statement
from quiz.generation.theory.term_questions import splits_a_pair

# --------------------------------------------------------------------------- T18: 防、（排水系统）


@pytest.mark.parametrize(("sentence", "term"), [
    ("新水平必须先建成防、排水系统再开拓", "排水系统"),
    ("每个采区必须有进、回风巷", "回风巷"),
    ("上、下山之间必须设置联络巷", "下山"),
])
def test_a_term_closing_a_pair_of_one_character_members_is_not_blanked(sentence: str, term: str) -> None:
    assert splits_a_pair(sentence, sentence.index(term), term)


@pytest.mark.parametrize(("sentence", "term"), [
    ("新水平必须先建成通风、排水系统再开拓", "排水系统"),  # 通风 is a member of its own
    ("回风流中必须检测甲烷、一氧化碳", "一氧化碳"),
    ("每个采区必须有回风巷", "回风巷"),
])
def test_a_term_after_a_whole_member_or_none_stays_asked(sentence: str, term: str) -> None:
    assert not splits_a_pair(sentence, sentence.index(term), term)


# --------------------------------------------------------------------------- T26: an item naming another


def test_an_item_naming_another_item_of_its_list_is_not_asked() -> None:
    text = ("石门揭煤必须遵守下列规定：\n（一）揭煤前必须打至少3个前探钻孔。\n"
            "（二）煤层厚度小于0.5m的，在满足（一）的条件下可以直接揭穿。\n（三）揭煤时必须撤出回风侧人员，距离不得小于200m。")
    items = [e.item for e in read.list_items(text)]
    assert not any("（一）" in item for item in items), items
    # Counter-examples: the other items, a bracket in an item that names no item among them.
    assert "揭煤前必须打至少3个前探钻孔" in items
    assert "揭煤时必须撤出回风侧人员，距离不得小于200m" in items
    assert any("（岩）" in e.item for e in read.list_items("巷道掘进必须遵守下列规定：\n（一）煤（岩）巷的支护间距不得大于1m。"))


# --------------------------------------------------------------------------- T30: one verb for the list


def test_items_of_a_list_a_verb_governs_are_said_after_it() -> None:
    said = statement("矿井必须按照规定绘制反映现场情况的下列图件", "井下避灾路线图", managers=True)
    assert said == "矿井必须按照规定绘制反映现场情况的图件，其中包括井下避灾路线图"
    # Counter-examples: a lead-in with no verb before its 的 and one whose head ends on its verb read as before.
    assert statement("班组长负有下列职责", "组织班前会", managers=True) == "班组长负有的职责包括组织班前会"
    said = statement("瓦斯检查交班记录应当包括下列内容", "本班顶板情况", managers=True)
    assert said == "瓦斯检查交班记录应当包括本班顶板情况"
