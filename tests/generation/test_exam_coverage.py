"""Breadth over the articles real exams ask (issue 16, bench/exam_articles.tsv): frontline facts of
特种设备安全法 and the accident-report rules are asked, procedure between agencies is not."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.scope import in_mine_scope


def test_one_party_named_with_its_modifiers_is_a_duty_bearer():
    # 特种设备安全法 第十三条: 生产、经营、使用 qualify one party, the 单位 that runs the equipment.
    sentence = "特种设备生产、经营、使用单位应当依照国家规定，为本单位配齐作业、检测和安全管理方面的人员"
    assert read.subject(sentence) == ("特种设备生产、经营、使用单位", "employer")
    # Two parties at once stay unasked: half of the pair may be the right answer.
    assert read.subject("煤矿企业、矿长应当组织制定安全生产规章制度") is None
    assert read.subject("用人单位、劳动者应当遵守职业病防治法律") is None


def test_a_classification_lists_facts_to_know():
    # 生产安全事故报告和调查处理条例 第三条: the accident grades are asked item by item.
    text = (
        "按事故导致的伤亡人数或者直接经济损失大小，生产安全事故分为以下等级：\n"
        "(一)特别重大事故，是指死亡30人以上，或者重伤100人以上的事故；\n"
        "(二)重大事故，是指死亡10人以上30人以下，或者重伤50人以上100人以下的事故；\n"
        "(三)较大事故，是指死亡3人以上10人以下，或者重伤10人以上50人以下的事故。"
    )
    items = read.list_items(text)
    assert [i.lead for i in items] == ["按事故导致的伤亡人数或者直接经济损失大小，生产安全事故分为以下等级"] * 3
    assert items[2].item.startswith("较大事故，是指死亡3人以上10人以下")
    # A lead that neither rules nor classifies still yields nothing.
    assert not read.list_items("本规定有关用语解释如下：\n（一）甲，指乙；\n（二）丙，指丁；\n（三）戊，指己。")


def test_a_long_sentence_keeps_its_first_self_contained_clause():
    # 特种设备安全法 第四十一条: 94 characters in two clauses; a true/false item takes the first (≤ 90).
    text = (
        "特种设备作业人员作业中如发现事故隐患或其他不安全因素，应当立即报告单位有关负责人和特种设备安全管理人员；"
        "特种设备运转出现异常情况时，作业人员应当依照操作规程采取有效措施，确保设备运行安全。"
    )
    assert read.sentences(text) == [
        "特种设备作业人员作业中如发现事故隐患或其他不安全因素，应当立即报告单位有关负责人和特种设备安全管理人员"
    ]


@pytest.mark.slow
def test_a_default_run_asks_special_equipment_duties_not_agency_procedure(shared_dir):
    from quiz.generation.cli import run

    questions = run("theory", 3000, "1", corpus=shared_dir / "corpus")
    asked = {(q.citation.title, q.citation.article) for q in questions}
    law = "中华人民共和国特种设备安全法"
    assert in_mine_scope(law)
    # Duties of the 使用单位 and its people: asked. Penalties (第六章 法律责任) and supervision by the
    # state (第四章 监督管理): not.
    # (第三十九条 and 第十三条 are no longer asked: their only question was who bears the duty, 特种设备…单位 beside
    # persons, then beside units not named 特种设备 as the rest of the sentence is: a give-away either way.)
    for article in ("第四十一条", "第四十条"):
        assert (law, article) in asked, article
    for article in ("第八十四条", "第八十七条", "第六十一条", "第五十七条"):
        assert (law, article) not in asked, article


def test_a_right_is_flipped_only_where_it_is_one():
    # 乡镇煤矿管理条例 第三条 came out as 煤炭资源的国家所无权: 有权 inside 所有权 is no right to turn round.
    assert read.modal_changes("煤炭资源的国家所有权，不随其所在土地的所有权或者使用权归属不同而变化") == []
    assert read.modal_changes("劳动者享有权利，不得被剥夺") == [(8, "不得", "可以")]
    assert read.modal_changes("从业人员有权拒绝违章指挥和强令冒险作业") == [(4, "有权", "无权")]
