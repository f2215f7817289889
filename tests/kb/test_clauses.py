"""Clause kinds and question cues: clauses that answer nothing rank lower, wanted sentences higher."""

from __future__ import annotations

import pytest

from kb.clauses import clause_kind, question_cues, sets_up_system
from kb.scoring import score_hit
from kb.search import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("为了防止井下透水事故，保护职工安全，根据有关法律，制定本办法。", "purpose"),
        ("本矿为高瓦斯矿井。为掌握井下瓦斯变化，依据规程，制定本制度。", "purpose"),
        ("本规定适用于本矿井下全部供电设备的检修作业。", "scope"),
        ("本办法由通风科负责解释，自2026年1月1日起施行。", "closing"),
        ("本办法所称班组长，是指直接管理一个班组作业的人员。", "definition"),
        ("违反本规定，没有按时检查瓦斯的，处二万元以下罚款；构成犯罪的，依法追究其刑事责任。", "penalty"),
        # a liability clause that only refers to the law punishing it
        ("单位没有维护救援设备，出事后又没有马上救援，造成严重后果的，由主管部门依照有关法律追究法律责任。", "penalty"),
        ("甲烷浓度达到1.5%时，必须停止工作、切断电源并撤出人员。", ""),
        ("本规定适用于井下作业；作业人员必须随身携带自救器。", ""),  # a scope line that also sets a rule
        ("对检查中发现的违法行为，依法作出行政处罚决定；重大隐患排除前应当责令撤出作业人员。", ""),
    ],
)
def test_clause_kinds(text: str, kind: str):
    assert clause_kind(text) == kind


@pytest.mark.parametrize(
    ("question", "cues"),
    [
        ("井下瓦斯超限怎么办", {"action"}),
        ("下井能带手机吗", {"permission"}),
        ("不戴安全帽下井怎么罚", {"penalty"}),
        ("班组长的职责", {"list"}),
        ("主要负责人是谁", {"definition"}),
        ("老板要负什么责任", {"list"}),  # duties, not liability
        ("出了事故要负什么法律责任", {"penalty"}),
        ("排除前不能保证安全的要撤人吗", set()),
    ],
)
def test_question_cues(question: str, cues: set[str]):
    assert question_cues(question) == cues


def _fields(number: int, text: str) -> dict:
    return {
        "id": str(number),
        "doc": "9",
        "title": "某矿瓦斯管理制度",
        "path": "",
        "text": text,
        "label": f"第{number}条",
        "kind": "article",
        "doc_type": "企业制度",
        "status": "current",
        "anchor": "",
        "number": number,
    }


def test_purpose_clause_ranks_below_the_article_that_says_what_to_do(kb: KnowledgeBase):
    plan, _ = kb.prepare("井下瓦斯超限怎么办")
    weights = kb.concept_weights(plan)
    purpose = _fields(1, "为防止井下瓦斯超限和瓦斯爆炸，依据规程，制定本制度。")
    action = _fields(9, "井下瓦斯超限时，现场立即停工、切断电源、撤出人员，并报告调度室。")
    scores = [score_hit(f, 10.0, plan, weights, kb.idf, demote=True).score for f in (purpose, action)]
    assert scores[1] > scores[0] * 1.5


def test_penalty_article_ranks_lower_unless_punishment_is_asked(kb: KnowledgeBase):
    duty = _fields(5, "入井人员严禁携带烟草和点火物品。")
    penalty = _fields(40, "入井人员携带烟草和点火物品的，处二百元罚款。")
    for question, penalty_first in (("入井携带烟草", False), ("入井携带烟草怎么罚", True)):
        plan, _ = kb.prepare(question)
        weights = kb.concept_weights(plan)
        duty_score, penalty_score = (
            score_hit(f, 10.0, plan, weights, kb.idf, demote=True).score for f in (duty, penalty)
        )
        assert (penalty_score > duty_score) == penalty_first, question


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("突出矿井应当建立突出预兆报告、突出预警分析处置和通风瓦斯日分析等制度。每天的分析由总工程师组织。", True),
        ("煤矿应当建立遇暴雨洪水等可能淹井的紧急情况时及时撤出井下人员的制度，并明确启动标准。", True),
        ("煤矿和煤炭企业应当根据本单位实际，建立健全水害防治的岗位责任制和技术管理制度。", True),
        # what to do when it happens, even with a system named later in the article
        ("发现有突出预兆时，作业人员必须立即停止作业，沿避灾路线撤出，并向矿调度室报告。", False),
        ("从业人员发现事故隐患，应当立即报告。生产经营单位应当建立事故隐患排查治理制度。", False),
        ("煤矿企业应当建立健全并落实安全生产责任制、安全管理制度和操作规程。", True),
    ],
)
def test_an_article_setting_up_a_system(text: str, system: bool):
    # An action question (透水预兆怎么办) wants what to do, not how the mine manages the hazard.
    assert sets_up_system(text) is system
