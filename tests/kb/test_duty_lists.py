"""A party's whole set of duties or rights (kb.duty_lists): which questions ask for it, which article
lists it for which party, and ask answering with that list rather than with a rule that only shares
the question's words.

The questions are written for these tests in a worker's words; the articles are short paraphrases in
the style of the law, written here.
"""

from __future__ import annotations

import pytest

from kb.duty_lists import DUTIES, RIGHTS, asked_list, asked_set, list_field, list_holder, lists_for
from kb.kinds import question_kind
from kb.qa import ask
from kb.search import KnowledgeBase
from tests.kb.conftest import first, small_kb


@pytest.mark.parametrize(
    ("question", "what"),
    [
        # which duties a party has or must see to, in a worker's words
        ("矿长在安全上到底要管哪些事", DUTIES),
        ("我们当工人的 安全上有啥义务", DUTIES),
        ("从业人员都有哪些义务", DUTIES),
        ("班组长有啥职责", DUTIES),
        ("矿上消防要负哪些职责", DUTIES),
        ("安全员平时都管些啥", DUTIES),
        # …or which rights it holds
        ("工人有哪些权利", RIGHTS),
        ("劳动者在职业卫生上享有什么权利", RIGHTS),
        # one thing asked whether a duty, a liability, who does a thing, 不管 (whatever): no set asked
        ("工人接受安全培训是义务吗 不去行不", ""),
        ("出了险情班组长要负啥责", ""),
        ("班组长的安全培训是谁组织", ""),
        ("谁有义务上报事故", ""),
        ("不管啥时候都要戴安全帽吗", ""),
        ("这个阀门管啥用", ""),
        ("工人有权拒绝冒险作业吗", ""),
    ],
)
def test_a_question_asks_a_partys_whole_set_of_duties_or_rights(question: str, what: str):
    assert asked_set(question) == what


def test_a_set_of_duties_is_asked_of_a_party_and_asks_a_duty():
    asked = asked_list("矿长在安全上到底要管哪些事")
    assert asked is not None and (asked.what, asked.words, asked.kind) == (DUTIES, "矿长", "leader")
    assert question_kind("矿长在安全上到底要管哪些事") == "duty"
    assert question_kind("工人有哪些权利") == "duty"
    assert asked_list("安全上都有哪些义务") is None  # nobody's: no list to fetch


LEADER_LIST = "煤矿企业主要负责人对本企业的安全生产负有下列职责：\n（一）建立并落实全员安全责任制；\n（二）组织制定安全规章制度。"
WORKER_LIST = "煤矿企业从业人员负有下列安全生产职责：\n（一）遵守规章制度和操作规程；\n（二）参加培训。"
OFFICE_LIST = "安全管理机构以及安全管理人员履行下列职责：\n（一）组织安全检查；\n（二）制止违章指挥。"
FIRE_LIST = "机关、团体、企业等单位应当履行下列消防安全职责：\n（一）落实消防安全责任制；\n（二）配置消防设施。"
RIGHTS_LIST = "劳动者享有下列职业卫生保护权利：\n（一）获得职业卫生培训；\n（二）获得职业健康检查。"


def test_the_holder_and_the_field_of_a_list():
    assert list_holder(LEADER_LIST, DUTIES) == "煤矿企业主要负责人"  # up to 对本企业…
    assert list_holder(FIRE_LIST, DUTIES) == "机关、团体、企业等单位"
    assert list_holder(RIGHTS_LIST, RIGHTS) == "劳动者"
    assert list_holder(RIGHTS_LIST, DUTIES) == ""  # rights are no list of duties
    # a single duty, no list
    assert list_holder("从业人员应当遵守本单位的安全生产规章制度和操作规程。", DUTIES) == ""
    assert list_field(WORKER_LIST, DUTIES) == ""  # 安全生产职责: safety itself
    assert list_field(FIRE_LIST, DUTIES) == "消防"
    assert list_field(RIGHTS_LIST, RIGHTS) == "职业卫生保护"


def test_a_list_is_for_the_party_asked_by_class():
    assert lists_for(LEADER_LIST, DUTIES, "矿长", "leader")
    assert not lists_for(LEADER_LIST, DUTIES, "工人", "worker")
    assert lists_for(WORKER_LIST, DUTIES, "工人", "worker")
    assert not lists_for(WORKER_LIST, DUTIES, "矿长", "leader")
    # several holders, each read on its own: 安全管理人员 are people on the staff
    assert lists_for(OFFICE_LIST, DUTIES, "工人", "worker")
    assert lists_for(FIRE_LIST, DUTIES, "矿上", "employer")
    # …and a list of one field answers only a question naming it
    worker = asked_list("我们当工人的 安全上有啥义务")
    assert worker is not None and worker.listed_in(WORKER_LIST) and not worker.listed_in(LEADER_LIST)
    mine = asked_list("矿上对安全生产要负哪些职责")
    assert mine is not None and not mine.listed_in(FIRE_LIST)
    fire = asked_list("矿上消防要负哪些职责")
    assert fire is not None and fire.listed_in(FIRE_LIST)


# -- ask answers with the list ---------------------------------------------------------------------

LIBRARY = [
    (1, "示例煤矿安全条例", "行政法规", 18, LEADER_LIST),
    (2, "示例煤矿安全条例", "行政法规", 20, WORKER_LIST),
    (3, "示例消防法", "法律", 16, FIRE_LIST),
    # decoys sharing the question's words: a leader's general duty, a trade union's powers over 工人
    (4, "示例煤炭法", "法律", 32,
     "矿长及煤矿企业的其他主要负责人在安全上必须遵守矿山安全的法律法规，加强对安全生产工作的管理，"
     "采取有效措施防止事故发生。"),
    (5, "示例工会法", "法律", 25,
     "工会应当教育工人在安全上履行义务；发现危及工人安全的情况时，工会有权建议组织工人撤离。"),
    (6, "示例安全生产法", "法律", 40, "生产经营单位应当保证安全生产投入，对安全生产条件所必需的资金负责。"),
]


@pytest.fixture(scope="module")
def lists_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    return small_kb(tmp_path_factory.mktemp("duty_lists") / "index", LIBRARY)


@pytest.mark.parametrize(
    ("question", "article", "decoy"),
    [("矿长在安全上到底要管哪些事", 1, 4), ("我们当工人的 安全上有啥义务", 2, 5)],
)
def test_ask_answers_a_whole_set_with_the_list_for_the_party(
    lists_kb: KnowledgeBase, question: str, article: int, decoy: int
):
    plan, _ = lists_kb.prepare(question)
    ranked = [h.article_id for h in lists_kb.rank(plan, status=None, limit=10)]
    assert article not in ranked or ranked.index(decoy) < ranked.index(article)  # search alone prefers the decoy
    answer = ask(lists_kb, question)
    assert answer.kind == "duty"
    assert first(answer) == article
    assert any("下列" in sentence for sentence in answer.sentences)  # the list's lead is quoted


def test_a_list_of_another_field_does_not_answer(lists_kb: KnowledgeBase):
    assert first(ask(lists_kb, "矿上对安全生产要负哪些职责")) != 3
    assert first(ask(lists_kb, "矿上消防要负哪些职责")) == 3
