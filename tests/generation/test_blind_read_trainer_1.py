"""Stem faults of the trainer-narrowed read (bench/generation_blind_read_trainer_1.md, issue 16), each rule with an
example in our own words shaped as the read's item is, and counter-examples that keep working:

* T16 — a lead's condition said again by the item it is joined to (出现X，出现X时，…) is said once;
* T19 — a case run into its duty with nobody acting in it (遇紧急情形要求相关单位…的，应当…) carries the party its
  paragraph opens with, or is not asked when that party cannot be named;
* T10 — the findings of an activity named only by its verbs (对巡查和了解的情况) carry the short sentence before that
  names the activity, or are not asked.
"""

from __future__ import annotations

import re

import pytest

from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation import articles as read
from quiz.generation.penalties import case_sentence, fine_slots, said_again, single_fine
from quiz.generation.pipeline import generate_theory
from quiz.generation.records import ArticleRecord
from quiz.generation.relevance import MANAGERS, for_audience
from quiz.generation.theory import TheoryPools, judge
from quiz.generation.theory.questions import article_question
from quiz.generation.theory.stems import carried_party, stem_prefix
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

# --------------------------------------------------------------------------- T16: a condition said twice


# Shaped as a penalty article whose lead says when (发生…事故，) and whose first item opens with it again, not quoted.
REPEATED_LEAD = (
    "出现锅炉爆炸事故，有下列情形之一的，对单位处三万元以上十五万元以下罚款；对主要负责人处八千元以上四万元以下罚款：\n"
    "（一）出现锅炉爆炸事故时，没有马上组织救援或者在事故处理期间擅自离岗的；\n"
    "（二）对锅炉爆炸事故隐瞒不报的。"
)


def test_a_lead_condition_the_item_opens_with_again_is_said_once():
    assert said_again("出现锅炉爆炸事故，", "出现锅炉爆炸事故时，没有马上组织救援的") == ""
    assert case_sentence("出现锅炉爆炸事故，有下列情形之一的，对单位处三万元以上十五万元以下罚款：",
                         "（一）出现锅炉爆炸事故时，没有马上组织救援的；") == (
        "出现锅炉爆炸事故时，没有马上组织救援的，对单位处三万元以上十五万元以下罚款")
    sentences = [sentence for sentence, _ in fine_slots(REPEATED_LEAD)]
    assert sentences[0].startswith("出现锅炉爆炸事故时，没有马上组织救援")
    assert not any("事故，出现锅炉爆炸事故" in s for s in sentences)
    # The item that does not repeat the condition keeps it from the lead.
    assert sentences[1].startswith("出现锅炉爆炸事故，对锅炉爆炸事故隐瞒不报的")


@pytest.mark.parametrize(
    ("lead", "item", "joined"),
    [
        # No clause repeated: the lead's party and its condition stay (the ordinary case).
        ("锅炉使用单位有下列行为之一的，处一万元以上五万元以下罚款：", "（一）未按规定登记锅炉的；",
         "锅炉使用单位未按规定登记锅炉的，处一万元以上五万元以下罚款"),
        ("在设备检修期间，有下列行为之一的，处二千元以上一万元以下罚款：", "（一）擅自启动设备的；",
         "在设备检修期间，擅自启动设备的，处二千元以上一万元以下罚款"),
        # A shared opening shorter than a clause (违反) is no condition said twice.
        ("违反，有下列行为之一的，处二千元以上一万元以下罚款：", "（一）违反操作规程的；",
         "违反，违反操作规程的，处二千元以上一万元以下罚款"),
    ],
)
def test_a_lead_whose_clause_the_item_does_not_repeat_is_kept_whole(lead: str, item: str, joined: str):
    assert case_sentence(lead, item) == joined


def _penalty_records() -> list[ArticleRecord]:
    others = ["违反本法规定，甲单位未做某事的，处二万元以上二十万元以下罚款。",
              "违反本法规定，乙单位未做某事的，处五万元以上五十万元以下罚款。",
              "违反本法规定，丙单位未做某事的，处一万元以上十万元以下罚款。",
              "违反本法规定，丁单位未做某事的，处十万元以上一百万元以下罚款。"]
    texts = [REPEATED_LEAD, *others]
    return [ArticleRecord(title="中华人民共和国某设备安全法", status="current", version="2014-01-01",
                          label=f"第八十{'一二三四五'[i]}条", number=81 + i, text=text, path="第六章 法律责任")
            for i, text in enumerate(texts)]


def test_the_fine_item_asks_the_condition_once_and_the_verifier_passes_it():
    records = _penalty_records()
    pools = TheoryPools.build(records)
    verifier = Verifier(records)
    stems = []
    for seed in map(str, range(8)):
        with for_audience(MANAGERS):
            question = single_fine(records[0], pools, seed)
        assert question is not None
        assert verifier.problems(question) == []
        stems.append(question.stem)
    assert all(stem.count("出现锅炉爆炸事故") == 1 for stem in stems)


# --------------------------------------------------------------------------- T19: a duty whose bearer is said before

# Shaped as a supervision article: the agency opens the paragraph, a later sentence's case names only whom it acts on.
AGENCY = (
    "负责锅炉安全监管的部门在日常检查过程中，发现违法行为或者锅炉存在隐患时，应当以书面形式发出整改通知，"
    "责令相关单位限期改正。遇紧急情形要求相关单位立即采取处置措施的，应当事后补发整改通知。"
)
ASKED = "遇紧急情形要求相关单位立即采取处置措施的，应当事后补发整改通知"


def test_a_case_naming_no_one_acting_carries_the_party_its_paragraph_opens_with():
    assert read.case_without_actor(ASKED)
    assert read.paragraph_party(AGENCY) == "负责锅炉安全监管的部门"
    record = article(AGENCY, label="第六十条")
    assert ASKED in read.sentences(record.text)
    assert carried_party(record, ASKED) == "负责锅炉安全监管的部门"
    assert stem_prefix(record, ASKED) == "根据《测试安全规定》第六十条关于负责锅炉安全监管的部门的规定，"


def test_the_carried_party_is_in_the_judged_stem_and_the_verifier_passes_it():
    record = article(AGENCY, label="第六十条")
    pools = TheoryPools.build([record])
    found = []
    with for_audience(MANAGERS):
        for seed in map(str, range(30)):
            question = judge(record, pools, seed, truth=True)
            if question is not None and question.inputs["sentence"] == ASKED:
                found.append(question)
                assert question.stem.startswith("根据《测试安全规定》第六十条关于负责锅炉安全监管的部门的规定，遇紧急情形")
                assert Verifier([record]).problems(question) == []
    assert found


@pytest.mark.parametrize(
    "sentence",
    [
        "锅炉使用单位在停用锅炉期间更换部件的，应当重新检验",  # the case opens with who acts
        "锅炉使用单位应当在投用前办理登记",  # a subject of its own, no case
        "锅炉停用超过一年的，不得直接投入运行",  # a ban on a thing, not a duty someone must do
    ],
)
def test_a_sentence_with_an_actor_or_no_duty_carries_no_party(sentence: str):
    assert not read.case_without_actor(sentence)
    record = article("负责锅炉安全监管的部门应当定期开展检查。" + sentence + "。")
    assert carried_party(record, sentence) == ""


def test_a_paragraph_opening_with_no_party_binds_its_addressee_throughout():
    # The rule holds for the mine as its first sentence does: nothing to carry, still asked.
    text = "回采之前应当查明周边积水情况。发现断层导水的，应当采取注浆加固措施；否则，不得开采。"
    record = article(text)
    asked = "发现断层导水的，应当采取注浆加固措施；否则，不得开采"
    assert read.case_without_actor(asked)
    assert read.paragraph_party(text) == ""
    assert asked in read.sentences(text)
    assert carried_party(record, asked) == ""
    assert stem_prefix(record, asked) == "根据《测试安全规定》第十条，"


def test_a_case_at_the_head_of_its_paragraph_carries_nothing():
    text = "遇紧急情形要求相关单位立即采取处置措施的，应当事后补发整改通知。"
    assert carried_party(article(text), ASKED) == ""


def test_a_paragraph_opening_with_a_vague_party_leaves_the_case_unasked():
    text = "有关单位在日常检查中，发现锅炉存在隐患时，应当立即报告。遇紧急情形要求相关人员停用锅炉的，应当事后补发书面通知。"
    assert read.paragraph_party(text) is None
    assert not any(s.startswith("遇紧急情形") for s in read.sentences(text))


def test_several_parties_opening_the_paragraph_are_carried_together():
    text = "锅炉使用单位和参与维修的安装、改造等单位必须具备相应能力。实行许可管理的，应当取得相应许可，不得超范围承接作业。"
    asked = "实行许可管理的，应当取得相应许可，不得超范围承接作业"
    assert asked in read.sentences(text)
    assert carried_party(article(text), asked) == "锅炉使用单位和参与维修的安装、改造等单位"


def test_a_paragraph_opening_with_a_thing_carries_the_party_the_article_opens_with():
    text = ("新建、扩建锅炉房项目（以下统称锅炉项目）的建设单位应当委托有资质的单位进行设计。\n"
            "锅炉房设计应当包括防爆措施，并报主管部门审查。锅炉房设计需要重大变更的，应当报原审查部门重新审查。")
    asked = "锅炉房设计需要重大变更的，应当报原审查部门重新审查"
    assert asked in read.sentences(text)
    record = article(text, label="第六十条")
    # Named as the article names it, its definition kept: the verifier finds the 关于…的规定 in the article.
    assert carried_party(record, asked) == "新建、扩建锅炉房项目（以下统称锅炉项目）的建设单位"
    stem = stem_prefix(record, asked) + asked + "。"
    assert stem.startswith("根据《测试安全规定》第六十条关于新建、扩建锅炉房项目（以下统称锅炉项目）的建设单位的规定，锅炉房设计")
    question = article_question(record, "theory.judge", "1", "judge", stem, JUDGE_OPTIONS, ("A",),
                                f"正确。原文：“{asked}。”", {"sentence": asked, "truth": True})
    assert Verifier([record]).problems(question) == []


# --------------------------------------------------------------------------- T10: findings of which activity?

LONG_LEAD = (
    "锅炉投入使用后，锅炉制造单位应当对其制造的锅炉的运行状况进行定期的巡查和了解，对使用单位在维护保养方面存在的问题"
    "给出改进意见并给予技术上的支持；发现锅炉有重大隐患的，要马上通知使用单位。锅炉制造单位对巡查和了解的情况，应当留存记录。"
)


def test_findings_of_an_activity_said_before_at_length_are_not_asked():
    assert read.findings_without_activity("锅炉制造单位对巡查和了解的情况，应当留存记录", LONG_LEAD)
    assert not any("对巡查和了解的情况" in s for s in read.sentences(LONG_LEAD))
    record = article(LONG_LEAD)
    with for_audience(MANAGERS):
        questions = list(generate_theory([record], "1", TheoryPools.build([record]), audience=MANAGERS))
    assert not any("巡查和了解的情况" in q.stem for q in questions)


def test_findings_of_an_activity_the_short_sentence_before_names_carry_it():
    text = "锅炉投入使用后，锅炉制造单位应当定期巡查和了解其运行状况。锅炉制造单位对巡查和了解的情况，应当留存记录。"
    carried = "锅炉投入使用后，锅炉制造单位应当定期巡查和了解其运行状况。锅炉制造单位对巡查和了解的情况，应当留存记录"
    assert carried in read.sentences(text)
    assert "锅炉制造单位对巡查和了解的情况，应当留存记录" not in read.sentences(text)


def test_findings_of_an_activity_named_in_an_earlier_paragraph_are_not_asked():
    text = "矿井应当按照规定周期对电气设备进行检查和调整。\n检查和调整中发现的问题应当指派专人限期处理。"
    assert not any(s.startswith("检查和调整中发现的问题") for s in read.sentences(text))


@pytest.mark.parametrize(
    ("sentence", "before"),
    [
        ("检查人员应当对每次检查的内容和处理情况作出记录", "负责锅炉安全监管的部门应当定期检查。"),  # what is recorded is named
        ("锅炉制造单位对运行状况的巡查结果，应当留存记录", "锅炉制造单位应当定期巡查。"),  # the activity has its object
        ("锅炉制造单位对巡查和了解的情况，应当留存记录", "锅炉投入使用后，应当定期维护。"),  # nothing before it to lean on
    ],
)
def test_findings_named_with_their_object_or_leaning_on_nothing_stand_alone(sentence: str, before: str):
    assert not read.findings_without_activity(sentence, before)
    assert re.sub(r"\s+", "", sentence) in read.sentences(before + sentence + "。")
