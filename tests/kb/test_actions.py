"""Action questions (怎么办, 怎么处理, 咋整): the rule prescribing what the asker does about the
situation asked, not one telling a state body what to do, nor one whose value belongs to another measure.

The small library below is written for these tests (paraphrases in the style of the rules, not
copies): each answer has a decoy sharing as many of the question's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import qa
from kb.asking import Asking
from kb.kinds import ACTION_FIRM, Reading, firmness, prescribed_firmness, read_article, states, unbound_values
from kb.parties import acting_worker, names_state, opens_with_state
from kb.qa import ask
from kb.query import Concept
from kb.search import KnowledgeBase
from tests.kb.conftest import first, small_kb

# -- who the prescription is for ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "消防机构在监督检查时查出火灾隐患的，应当通知相关单位马上消除。",
        "卫生行政部门应当监督用人单位执行职业卫生规范。",
        "市场监督管理部门在监督检查中，发现特种设备存在事故隐患的，应当责令停止使用。",
        "国家矿山安全监察机构及其设在地方的监察机构履行监察职责，有权进入作业场所检查。",
        "市(地、州)、县(市、区)人民政府应当组织有关部门对事故隐患进行查处。",
    ],
)
def test_an_article_opening_with_a_state_body(text: str):
    assert opens_with_state(text)


@pytest.mark.parametrize(
    "text",
    [
        "从业人员发现事故隐患，应当立即向现场安全生产管理人员报告。",
        "用人单位应当确保防护设备处于正常状态。",
        "采掘工作面发现有挂红、挂汗、水叫等透水预兆时，应当立即停止作业，撤出人员。",
        "工会发现企业有违章指挥或者强令工人冒险作业的，有权提出解决建议。",  # the workers' union is no state body
        # a state body the rule names later, not the party it opens with
        "用人单位扣押劳动者居民身份证的，由劳动行政部门责令限期退还。",
        # a hospital, a testing body or a mine's own office is named 机构 but is no state body: 医院查出来
        # 疑似职业病了咋弄 is answered by what the hospital and the employer then do
        "医疗卫生机构发现来看病的职工可能得了职业病，应当告诉本人并通知他的单位。",
        "用人单位和医疗卫生机构发现有人疑似得了职业病，都要及时上报。",
        "承担职业健康检查的检测机构应当如实出具检查报告。",
        "矿井的防突机构负责日常的突出预测工作。",
        "事发地的居民委员会应当协助疏散群众。",
    ],
)
def test_an_article_opening_with_no_state_body(text: str):
    assert not opens_with_state(text)


@pytest.mark.parametrize(
    ("question", "acting"),
    [
        ("发现事故隐患了咱工人该咋办", "worker"),
        ("出事的时候在场的工友先干啥", "worker"),
        # the employer named acts for the worker asking; 我 alone is helped by whoever must act
        ("矿上不给我交工伤保险咋办", ""),
        ("我调到别的队了上岗前要走啥手续", ""),
        ("局扇停了怎么办", ""),
    ],
)
def test_an_action_question_naming_workers_as_those_who_act(question: str, acting: str):
    assert acting_worker(question)[1] == acting


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("监察员下井查出隐患咋处理", True),
        ("安监局来检查发现问题怎么办", True),
        ("劳动部门不受理怎么办", True),
        ("发现隐患了该怎么处理", False),
        ("井下发现透水预兆怎么办", False),
        ("地面仓库着火了 我该干啥", False),
    ],
)
def test_a_question_naming_a_state_body(question: str, named: bool):
    assert names_state(question) is named


# -- what a procedure states -------------------------------------------------------------------


def test_a_procedure_in_its_order_states_what_to_do():
    # 通电以后炮没响 爆破工该怎么弄: the rule is steps in order (先…；再…后，才可…), with no 停止/撤出/报告
    procedure = "通电后发生拒爆时，爆破员必须先从起爆器上取下电缆并扭结短路；再等候至少30min后，才可顺着线路查看。"
    assert states("action", procedure)
    assert firmness("action", procedure) > firmness("action", "发现问题必须报告。")
    assert states("action", "局部通风机停运后，恢复通风之前必须先检查瓦斯。")
    # …not a rule saying who does the work, nor one on a thing
    assert not states("action", "井下爆破工作必须由专职爆破员担任。")
    assert not states("action", "爆破员必须持证上岗作业。")


def test_a_handover_at_the_end_of_the_shift_states_what_to_do():
    # 这个班没弄完咋办: the work left over is handed to the next shift
    handover = "本班没有处理完的，本班班长应当在现场跟下一班班长交接清楚。"
    assert states("action", handover)
    assert not states("action", "爆破工作应当由专职爆破员担任。")


def test_an_appeal_with_its_window_is_the_remedy_asked():
    # 鉴定结果不服咋弄: the body to turn to, with the days one has to do it in between
    appeal = "单位或者个人对市里作出的鉴定结论不服的，可以在拿到结论之日起15日内向省里的鉴定委员会提出复查申请。"
    assert states("action", appeal)
    assert firmness("action", appeal) == 1.0
    # …not a body's own deadline to act
    assert not states("action", "鉴定委员会应当在收到申请之日起60日内作出鉴定结论。")


def test_a_prescription_opening_with_its_act_is_firm_however_few_acts_it_names():
    # 采掘面风流里瓦斯到1.0了该咋办: …甲烷达到1.0%时，必须停止用电作业 prescribes one act, for its condition
    assert prescribed_firmness("action", "必须停止用电作业；") >= ACTION_FIRM > firmness("action", "必须停止用电作业；")
    assert prescribed_firmness("action", "应当立即报告矿调度室。") >= ACTION_FIRM
    # …not a rule that names an act in passing, nor one for another kind of fact
    assert prescribed_firmness("action", "不得在停电时进行维修。") == firmness("action", "不得在停电时进行维修。")
    assert prescribed_firmness("action", "必须符合停电的要求。") < ACTION_FIRM
    assert prescribed_firmness("permission", "必须停止用电作业；") == firmness("permission", "必须停止用电作业；")


# -- a value the question gives ----------------------------------------------------------------


def _weights(kb: KnowledgeBase, question: str):
    plan, _ = kb.prepare(question)
    return plan, kb.concept_weights(plan)


def test_a_value_is_the_subjects_only_where_the_condition_gives_it_to_a_question_word(actions_kb: KnowledgeBase):
    _, weights = _weights(actions_kb, "采煤面瓦斯1.5%怎么办")
    assert "1.5" in [c.term for c, _ in weights]
    # 1.5% given to 甲烷 (the rule's word for 瓦斯) holds; given to 二氧化碳 it does not
    held = "采煤工作面风流或者电动机附近20m以内风流里甲烷浓度达到1.5%时，"
    assert unbound_values(weights, held) == held
    other = "采煤工作面回风巷风流里甲烷浓度达到1.0%，或者二氧化碳浓度达到1.5%时，"
    assert unbound_values(weights, other) == other.replace("1.5", "###")
    # …nor is a digit of a longer number the value asked (2 in 20m, 2 of 12%); 2 is 2.0%
    weights = [(Concept("瓦斯", 1.0, (("甲烷", 0.6),)), 1.0), (Concept("2", 1.0), 1.0)]
    assert unbound_values(weights, "附近20m以内甲烷浓度达到12%时，") == "附近#0m以内甲烷浓度达到1#%时，"
    assert unbound_values(weights, "积聚的甲烷浓度达到2.0%时，") == "积聚的甲烷浓度达到2.0%时，"
    # a question giving no value reads the condition as it is
    assert unbound_values(weights[:1], other) == other


# -- ask --------------------------------------------------------------------------------------

LIBRARY = [
    # a worker finding a hazard: the rule for him, over the one for the fire inspectors
    (1, "示例安全条例", 59, "从业人员发现事故隐患或者别的不安全因素时，应当马上报告现场管理人员或者本单位负责人。"),
    (2, "示例消防条例", 54,
     "消防机构在监督检查中查出火灾隐患的，应当责成相关单位或者个人立即采取措施予以消除；"
     "逾期不消除隐患的，消防机构应当依照规定对危险部位采取临时查封措施，发现隐患应当立即处理。"),
    # 瓦斯1.5%: the rule giving 1.5% to 甲烷, over the one giving it to 二氧化碳
    (3, "示例通风规程", 193,
     "采煤工作面及其他作业地点风流里甲烷浓度达到1.0%的，必须停止用电作业。\n"
     "采煤工作面及其他作业地点风流里、电动机周围20m内风流里甲烷浓度达到1.5%时，必须立即停止工作，切断电源，撤出人员，然后处理。"),
    (4, "示例通风规程", 192,
     "采区回风巷和采煤工作面回风巷风流里甲烷浓度达到1.0%，或者二氧化碳浓度达到1.5%时，必须立即停止工作，撤出人员，并采取措施处理。"),
]


@pytest.fixture(scope="module")
def actions_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    rows = [(aid, title, "行政法规", number, text) for aid, title, number, text in LIBRARY]
    return small_kb(tmp_path_factory.mktemp("actions") / "index", rows)


TEXTS = {aid: text for aid, _, _, text in LIBRARY}


def test_a_rule_for_a_state_body_yields_to_the_rule_for_the_asker(actions_kb: KnowledgeBase):
    answer = ask(actions_kb, "发现隐患了该怎么处理")
    assert answer.kind == "action"
    assert first(answer) == 1
    # …by whom the rule is for: the inspectors' rule counts less, unless the question names a state body
    assert qa.act_factor(Asking("action"), TEXTS[2]) < qa.act_factor(Asking("action"), TEXTS[1])
    assert qa.act_factor(Asking("action", state=True), TEXTS[2]) == qa.act_factor(Asking("action", state=True), TEXTS[1])
    assert qa.act_factor(Asking("duty"), TEXTS[2]) == qa.act_factor(Asking("duty"), TEXTS[1])  # only what-to-do questions
    # …and a hospital is no state body: what it and the employer do is what happens next
    hospital = "医疗卫生机构发现来看病的职工可能得了职业病，应当告诉本人并通知他的单位。"
    assert qa.act_factor(Asking("action"), hospital) == qa.act_factor(Asking("action"), TEXTS[1])


def test_asked_of_workers_the_rule_binding_workers_beats_the_unions(tmp_path: Path):
    union = (
        "工会察觉企业强令工人冒险作业，或者生产中发现重大事故隐患的，有权提出解决意见；"
        "发现危及工人安全的情况时，有权建议组织工人撤离现场，企业必须马上作出决定。"
    )
    rows = [(1, "示例安全条例", "法律", 59, TEXTS[1]), (5, "示例工会规定", "法律", 25, union)]
    kb = small_kb(tmp_path / "index", rows)
    assert first(ask(kb, "在井下发现事故隐患了 咱工人该咋办")) == 1
    # by whom the rule binds: the union's rule counts less asked of workers, not asked of no one
    assert qa.act_factor(Asking("action", party=("", "worker")), union) < qa.act_factor(Asking("action", party=("", "worker")), TEXTS[1])
    assert qa.act_factor(Asking("action"), union) == qa.act_factor(Asking("action"), TEXTS[1])


def test_the_value_asked_picks_the_rule_giving_it_to_the_subject(actions_kb: KnowledgeBase):
    plan, weights = _weights(actions_kb, "采煤面瓦斯1.5%怎么办")
    given = read_article(TEXTS[3], weights, "action", plan.concepts)
    other = read_article(TEXTS[4], weights, "action", plan.concepts)
    assert given.lead > other.lead
    answer = ask(actions_kb, "采煤面瓦斯1.5%怎么办")
    assert first(answer) == 3
    assert "1.5%" in answer.answer_sentence


# -- a penalty clause prescribes nothing for the asker ---------------------------------------------

DISPUTE = "当事人不同意职业病诊断结论的，可以向当地卫生行政部门申请鉴定。"
SANCTION = (
    "职业病诊断机构出具的职业病诊断结论，当事人不同意并经鉴定为虚假诊断结论的，由卫生行政部门责令该诊断机构"
    "立即停止违法行为，撤销其诊断结论，处五千元以上二万元以下的罚款。"
)


def test_what_a_state_body_does_to_an_offender_is_not_what_the_asker_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    rows = [(1, "示例职业卫生法", "法律", 52, DISPUTE), (2, "示例职业卫生法", "法律", 80, SANCTION)]
    kb = small_kb(tmp_path / "index", rows)
    assert first(ask(kb, "职业病诊断结论出来了 我不同意 咋整")) == 1
    # …asked the punishment, the penalty clause answers
    assert first(ask(kb, "医疗机构出具虚假诊断结论怎么罚")) == 2
    reading = Reading(best=0, coverage=0.8, stated=True, stated_coverage=0.8, lead=0.5)  # as read for the question
    assert qa.sanction_share("action", SANCTION, frozenset(), reading) < 1.0
    assert qa.sanction_share("action", SANCTION, frozenset({"penalty"}), reading) == 1.0
    assert qa.sanction_share("permission", SANCTION, frozenset(), reading) == 1.0
    assert qa.sanction_share("action", DISPUTE, frozenset(), reading) == 1.0
    # without the share, the sanction's 立即停止 would have answered
    monkeypatch.setattr(qa, "sanction_share", lambda *_: 1.0)
    assert first(ask(kb, "职业病诊断结论出来了 我不同意 咋整")) == 2
