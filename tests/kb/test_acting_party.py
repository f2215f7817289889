"""An action question asking what the employer or a leader must do (公司第一步该干啥, 队长该咋弄): the rule
binding that party to act answers, over one binding another party in more of the question's words
(kb.parties.acting_party).

The questions and the small library are written for these tests (paraphrases in the style of the
rules, about made-up situations); each answer has a decoy binding another party.
"""

from __future__ import annotations

import pytest

from kb.parties import acting_party
from kb.qa import ask
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb


@pytest.mark.parametrize(
    ("question", "acting"),
    [
        ("井下出了事故 公司第一步该干啥", "employer"),
        ("掘进队遇上透水 矿里该咋整", "employer"),
        ("工作面来压了 队长该咋弄", "crew"),
        ("停电了 值班领导应当做什么", "leader"),
        ("发现事故隐患了咱工人该咋办", "worker"),  # workers named, as before
    ],
)
def test_the_party_opening_the_asking_clause_acts(question: str, acting: str):
    assert acting_party(question)[1] == acting


@pytest.mark.parametrize(
    "question",
    [
        "公司不给我上保险咋办",  # the employer acts in the story; the asker asks what he can do
        "我该咋办",  # the asker alone
        "透水了怎么办",  # nobody named
        "公司里谁负责 该咋办",  # not the party before what is asked
    ],
)
def test_no_acting_party_when_none_opens_the_asking_clause(question: str):
    assert acting_party(question)[1] == ""


EMPLOYER_RULE = "井下事故发生后，生产单位应当马上启动应急预案，组织营救，并通知受威胁的人员撤离。"
CHIEF_RULE = "井下发生事故，生产单位的负责人应当马上赶到井下事故现场组织营救，事故处理期间不得离开。"


@pytest.fixture(scope="module")
def acting_kb(tmp_path_factory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("acting") / "index", [
        (1, "应急办法", "行政法规", 17, EMPLOYER_RULE),
        (2, "安全办法", "法律", 50, CHIEF_RULE),
        (3, "安全办法", "法律", 51, "井下作业人员应当熟悉避灾路线，每年参加一次应急演练。"),
    ])


def test_the_rule_binding_the_employer_answers_what_the_employer_does(acting_kb: KnowledgeBase):
    assert ask(acting_kb, "井下出了事故 公司第一步该干啥").candidates[0].article_id == 1


def test_the_chief_named_is_answered_by_the_rule_binding_him(acting_kb: KnowledgeBase):
    assert ask(acting_kb, "井下出了事故 矿领导第一步该干啥").candidates[0].article_id == 2
