"""What a worker lacks and the law making it a condition (kb.preconditions): which permission questions
tell of a qualification the asker lacks, which articles make it a condition of acting, and ask answering
with the law's condition rather than a rule on the qualification itself.

The questions are written for these tests in a worker's words; the article texts are short paraphrases
in the style of the law.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kb.preconditions import Lack, condition_first, conditions, lacked, lacked_spans
from kb.qa import ask
from kb.query import plan_query
from kb.search import KnowledgeBase
from tests.kb.conftest import first, small_kb


def _lacked(question: str) -> tuple[str, ...]:
    typed = plan_query(question)
    lack = lacked(typed.text, typed.concepts)
    return lack.words if lack is not None else ()


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("焊工证还没拿到手能先顶两天班吗", "焊工证"),
        ("没参加入井培训就让下去干活行吗", "入井培训"),
        ("还没有办采矿许可证的小窑能先出煤不", "采矿许可证"),
        ("叉车证还没考下来能开叉车不", "叉车证"),  # the thing before 还没考下来
        ("没体检能下井不", "体检"),
    ],
)
def test_the_phrase_told_as_lacked(question: str, span: str):
    assert span in lacked_spans(question)


@pytest.mark.parametrize(
    "question",
    [
        "有没有权拒绝冒险作业",  # asking, not lacking
        "没事吧 顶板掉了点渣",
        "未成年人能下井吗",  # 未成年 is an age, not a lack
        "能不能不停电修开关",  # a way of acting
    ],
)
def test_no_lack_told(question: str):
    assert lacked_spans(question) == []


def test_only_a_qualification_lacked_counts():
    # a certificate: its own words, what it certifies and the rule's words for any certificate
    assert {"焊工", "资格"} <= set(_lacked("焊工证还没拿到手能先顶两天班吗"))
    assert "培训" in _lacked("没参加入井培训就让下去干活行吗")
    # a state or a thing not done is no qualification: 没支护, 没说有危害
    assert _lacked("工作面没支护能先进去攉煤不") == ()
    assert _lacked("队长没说有毒就让我去清理 我能不去吗") == ()


TRAINING_LAW = "单位要先给职工做安全培训，职工未经培训考核合格的，不准安排上岗干活。"
PERMIT_LAW = "矿上未领到安全生产许可证以前，不准开工出煤。"
CERTIFIED_LAW = "放炮的人员须经考核合格，领到爆破作业人员许可证以后，方可去放炮。"
NO_SUCH_EMPLOYEE = "用人单位招用未经培训的人员的，应当补办培训。"


def test_an_article_makes_the_qualification_a_condition():
    assert conditions(TRAINING_LAW, ("培训",))
    assert conditions(PERMIT_LAW, ("安全生产许可证",))
    assert conditions(CERTIFIED_LAW, ("爆破",))  # 经…合格…方可
    assert conditions("不得让未做过岗前职业健康检查的人去干粉尘大的活。", ("健康检查",))


def test_an_article_naming_the_qualification_without_a_condition_does_not():
    assert not conditions(NO_SUCH_EMPLOYEE, ("培训",))  # no 不得/方可 on acting
    assert not conditions("操作证的有效期为六年，在全国通用。", ("证", "资格"))
    assert not conditions(TRAINING_LAW, ("许可证",))  # another qualification
    assert not conditions(TRAINING_LAW, ())


def test_the_law_naming_what_is_lacked_goes_first():
    def item(doc_type: str, text: str, status: str = "current") -> tuple:
        return 1.0, SimpleNamespace(doc_type=doc_type, text=text, status=status), None

    rule = item("部门规章", "煤矿企业新上岗的人员安全培训合格后，方可上岗作业。")  # a rule: never put first
    any_certificate = item("法律", "特种作业人员必须取得相应资格，方可上岗作业。")
    named = item("行政法规", CERTIFIED_LAW)
    scored = [rule, any_certificate, named]
    condition_first(scored, Lack(("爆破", "资格", "证"), ("上岗",)))
    assert scored[0] is named  # names 爆破, before the law naming any certificate
    scored = [rule, named, any_certificate]
    condition_first(scored, Lack(("焊工", "资格", "证"), ("上岗",)))
    assert scored[0] is any_certificate  # on 上岗 asked, not on 爆破作业
    scored = [rule, item("行政法规", "特种作业人员必须取得相应资格，方可上岗作业。"), any_certificate]
    condition_first(scored, Lack(("焊工", "资格", "证"), ("上岗",)))
    assert scored[0] is any_certificate  # …a law before a regulation when neither names it
    scored = [rule, item("行政法规", CERTIFIED_LAW, status="repealed")]
    condition_first(scored, Lack(("爆破", "资格", "证"), ("上岗",)))
    assert scored[0] is rule  # a repealed regulation settles nothing
    scored = [rule, item("法律", NO_SUCH_EMPLOYEE)]
    condition_first(scored, Lack(("培训",), ("上岗",)))
    assert scored[0] is rule  # no law makes it a condition: the order stands
    condition_first(scored, None)
    assert scored[0] is rule


# -- ask answers with the law's condition -----------------------------------------------------------

LIBRARY = [
    (1, "示例安全生产法", "法律", 28, TRAINING_LAW),
    # a decoy sharing more of the question's words: training of those changing posts
    (2, "示例培训规定", "部门规章", 37,
     "新上岗的井下作业人员调换岗位或者离岗一年以上重新上岗前，应当重新进行安全培训，经培训合格后，方可上岗作业。"),
    (3, "示例许可证条例", "行政法规", 2, PERMIT_LAW),
    (4, "示例许可证办法", "部门规章", 30,
     "许可证快到期要续的，矿上应提前三个月去发证的机关申请延续。"),
    (5, "示例特种设备法", "法律", 33, "锅炉投用前，使用单位要到特种设备监管部门办好使用登记。"),
    (6, "示例爆炸物品条例", "行政法规", 32, "购买爆炸物品的单位应当在购买前办理登记，未经登记不得购买。"),
]


@pytest.fixture(scope="module")
def lack_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    return small_kb(tmp_path_factory.mktemp("preconditions") / "index", LIBRARY)


def test_ask_answers_a_lacked_training_by_the_law(lack_kb: KnowledgeBase):
    question = "新调来的没经过岗前培训 能直接下井上岗吗"
    answer = ask(lack_kb, question)
    assert answer.kind == "permission"
    assert first(answer) == 1
    assert answer.features["tied"] == 1.0  # the law's condition is the tie a permission question asks for


def test_ask_answers_a_lacked_licence_by_the_regulation(lack_kb: KnowledgeBase):
    assert first(ask(lack_kb, "新建的井还没取得安全生产许可证 现在能试着出煤不")) == 3


def test_a_condition_on_another_subject_is_not_fetched(lack_kb: KnowledgeBase):
    # 锅炉 without its registration: the explosives' registration shares only 登记
    assert first(ask(lack_kb, "新锅炉没办登记能先烧着用吗")) != 6


def test_a_question_lacking_nothing_keeps_its_ranking(lack_kb: KnowledgeBase):
    question = "重新上岗前要不要再培训"
    plan, _ = lack_kb.prepare(question)
    searched = lack_kb.rank(plan, status=None, limit=10)[0].article_id
    assert first(ask(lack_kb, question)) == searched
