"""A worker's own rights (kb.rights): which permission questions ask whether the asker may do what
the law grants him as a right, which articles grant it, and ask answering with the grant rather
than the rule on the danger the question tells of.

The questions are written for these tests in a worker's words; the article texts are short
paraphrases in the style of the law (the small library of tests/kb/conftest.py holds 安全生产法
第五十四条, 第五十五条 and the 规程's 1.5% 甲烷 article).
"""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.rights import asked_right, granting_sentence, grants, same_grant, settles
from kb.search import KnowledgeBase


@pytest.mark.parametrize(
    ("question", "right"),
    [
        # the asker's own act, told in his words, after him in the same clause
        ("顶板一个劲掉渣 我没等班长发话自己先跑出来了 这样行不", "leave"),
        ("矿工遇到危险能不能自己跑", "leave"),
        ("透水了 我能不能先撤", "leave"),
        ("工作面热得受不了 我们能停下来不干吗", "leave"),
        ("班长硬让我去瓦斯超了的地方干活 我能不去吗", "refuse"),
        ("领导叫我冒险干活我能不干吗", "refuse"),
        ("队长叫我去没支护的地方干 我能拒绝吗", "refuse"),
        ("矿上有隐患不整改 我个人能直接举报到监管部门不", "report"),
        ("矿上不发口罩 俺能去安监局告矿上不", "report"),
        ("我想知道这活有啥危害 能不能问清楚", "know"),
        # …or an act only the worker does, told without him
        ("工伤保险赔了以后 还能再找矿上要赔偿不", "claim"),
        ("辞职了能不能把我的职业健康档案复印一份带走", "records"),
        ("离职时职业健康档案能要回来吗", "records"),
        # …or told naming nobody at all: Chinese drops the 我, so leaving right after the asking is his
        ("遇到危险能不能先撤出来", "leave"),
        ("遇到马上要出人命的险情能不能先跑", "leave"),
        # …not when someone else is named as the one who would leave or order it, nor a place named
        # after the act (躲避硐), nor an act that is no leaving (码料)
        ("救护队遇到危险能不能先撤出来", ""),
        ("遇到危险班长能不能叫大伙先撤", ""),
        ("躲避硐里能码点料不", ""),
        # a thing to use, a place to enter, a way to travel: the rule on it answers, no right is asked
        ("突出矿井能用煤电钻吗", ""),
        ("我能坐刮板机出去吗", ""),
        ("局扇停了 我能进去拿工具吗", ""),
        ("我能带手机下井吗", ""),
        ("我能停下局扇检修吗", ""),
        ("下井前喝两口酒没事吧", ""),
        ("下井能带烟吗", ""),
        ("瓦斯超限了能不能继续放炮", ""),
        ("赔偿金能给多少", ""),
    ],
)
def test_a_permission_question_asks_the_askers_own_right(question: str, right: str):
    assert asked_right(question) == right


def test_a_right_is_granted_to_a_worker_not_to_those_who_order_or_inspect():
    assert grants("从业人员对本单位安全生产工作中存在的问题有权提出批评、检举和控告；有权拒绝强令冒险作业和违章指挥。", "refuse")
    assert grants("从业人员对本单位安全生产工作中存在的问题有权提出批评、检举和控告。", "report")
    # the party the sentence opens with holds a right granted in a later clause
    assert grants("从业人员有权制止违章作业；作业地点一旦出现险情，有权立即停止作业，撤到安全地点。", "leave")
    assert grants("劳动者从用人单位离职时，有权索取本人职业健康监护档案的复印件。", "records")
    assert grants("作业地点一旦出现险情，有权立即停止作业，撤到安全地点。", "leave")  # naming no party at all
    # the party right before 有权 holds it, not the employer named in the condition
    assert grants("若用人单位未如实告知，劳动者有权拒绝从事有职业病危害的作业。", "refuse")
    assert grants("任何单位或者个人对事故隐患，均有权向有关部门举报。", "report")
    # an order to others, a power of an inspector, a trade union or a rescue leader: no right of the worker
    assert not grants("矿调度员、瓦斯检查工和班组长有权责令现场人员停止作业，撤到安全地点。", "leave")
    assert not grants("监察人员遇到威胁职工生命安全的紧急情况时，有权要求现场立即停止作业。", "leave")
    assert not grants("工会发现危及职工生命安全的情况时，有权向企业建议组织职工撤离危险现场。", "leave")
    assert not grants("救护队遇到突发情况时，带队指挥员有权作出撤出危险区域的决定。", "leave")
    # a grant of another right, or no grant at all
    assert not grants("从业人员有权拒绝违章指挥和强令冒险作业。", "leave")
    assert not grants("采掘工作面甲烷浓度达到1.5%时，必须停止工作，撤出人员。", "leave")


def test_the_granting_sentence_and_a_grant_repeated_for_a_narrower_field():
    law = "用人单位应当建立职业健康监护档案。劳动者离开用人单位时，有权索取其本人职业健康监护档案的复印件，对此用人单位应当如实提供。"
    assert granting_sentence(law, "records") == "劳动者离开用人单位时，有权索取其本人职业健康监护档案的复印件，对此用人单位应当如实提供。"
    assert granting_sentence(law, "leave") == ""
    mine = "从业人员离开煤矿企业时，有权索取其本人职业健康监护档案的复印件，对此煤矿企业必须如实提供。"
    assert same_grant(granting_sentence(law, "records"), mine)
    assert not same_grant(granting_sentence(law, "records"), "对违反本法的行为，任何单位和个人都有权检举和控告。")
    assert not same_grant("", mine)
    # one holding the other and more besides says more: 有权拒绝并向…部门报告 is not 有权拒绝违章指挥
    assert not same_grant(
        "有权拒绝违章指挥和强令冒险作业。",
        "煤矿企业从业人员面对违章指挥和强令冒险作业的行为，有权拒绝并向县级以上地方人民政府中负有煤矿安全生产监管职责的部门报告。",
    )


def test_only_leaving_a_danger_is_settled_by_the_act_alone():
    # running from any danger is what the right to leave names; refusing is a right only for what
    # the law names (违章指挥), so 单位逼着加班我不干行不 still goes to the rule on 加班
    assert settles("leave")
    assert not settles("refuse")
    assert not settles("")


def test_a_worker_who_ran_from_the_danger_is_answered_by_his_right_to_leave(kb: KnowledgeBase):
    # The 规程's article on 1.5% 甲烷 shares the danger told (瓦斯, 1.5%, 撤出); the right to leave
    # shares nothing but the act.
    answer = ask(kb, "瓦斯到1.5%了 我没等班长发话自己先跑出来了 这样行不")
    assert answer.kind == "permission"
    first = answer.hit or answer.alternatives[0]
    assert (first.title, first.article) == ("中华人民共和国安全生产法", "第五十五条"), str(first.citation)


def test_leaving_asked_naming_nobody_is_answered_by_the_worker_s_right_not_a_rescue_leader_s(tmp_path):
    # The rescue article shares every word of the question (遇到, 危险, 撤出); the right to leave shares
    # little but the act. Naming nobody, the asker asks of himself, not of a rescue team's leader.
    from tests.kb.conftest import small_kb

    kb = small_kb(tmp_path / "index", [
        (1, "煤矿安全规程", "部门规章", 764,
         "矿山救护队救援中遇到威胁队员生命的突发情况，带队的指挥员可以决定撤出危险区域。"),
        (2, "煤矿安全规程", "部门规章", 765, "矿山救护队遇到危险区域应当先侦察，撤出时应当清点人数。"),
        (3, "中华人民共和国安全生产法", "法律", 55,
         "从业人员遇到直接威胁人身安全的紧急情况，有权停止作业，或者采取应急措施以后撤离作业场所。"),
        (4, "煤矿安全规程", "部门规章", 300, "井下巷道遇到淋水时应当及时处理。"),
    ])
    answer = ask(kb, "遇到危险能不能先撤出来")
    first = answer.hit or answer.alternatives[0]
    assert (first.title, first.article) == ("中华人民共和国安全生产法", "第五十五条"), str(first.citation)


def test_a_question_about_the_danger_itself_keeps_the_rule_on_it(kb: KnowledgeBase):
    answer = ask(kb, "瓦斯到1.5%了 还能用电钻打眼吗")
    first = answer.hit or answer.alternatives[0]
    assert (first.title, first.article) == ("煤矿安全规程", "第一百九十三条"), str(first.citation)


def test_the_law_granting_the_right_goes_before_a_regulation_granting_it_in_other_words():
    from types import SimpleNamespace

    from kb.rights import law_grants_first

    rule = SimpleNamespace(doc_type="部门规章", text="职工有权制止违章作业；作业地点出现险情时，有权马上停止作业，撤到安全地点。")
    law = SimpleNamespace(doc_type="法律", text="从业人员遇到直接危及人身安全的紧急情况时，有权停止作业或者采取应急措施后撤离作业场所。")
    other = SimpleNamespace(doc_type="法律", text="对违反本法的行为，任何单位和个人都有权检举。")
    assert grants(rule.text, "leave") and grants(law.text, "leave") and not grants(other.text, "leave")
    assert not same_grant(granting_sentence(rule.text, "leave"), granting_sentence(law.text, "leave"))
    scored = [(3.0, rule, None), (2.0, other, None), (1.0, law, None)]
    law_grants_first(scored, "leave")
    assert scored[0][1] is law
    # a law granting some other right does not displace the regulation granting the one asked
    scored = [(3.0, rule, None), (2.0, other, None)]
    law_grants_first(scored, "leave")
    assert scored[0][1] is rule


def test_a_law_stating_the_permission_as_firmly_goes_before_a_regulation_scoring_a_little_higher():
    from types import SimpleNamespace

    from kb.rights import law_permits_first

    def item(score: float, doc_type: str, strength: float) -> tuple:
        return score, SimpleNamespace(doc_type=doc_type), SimpleNamespace(strength=strength)

    scored = [item(10.0, "部门规章", 0.8), item(9.5, "部门规章", 0.8), item(9.0, "法律", 0.8)]
    law_permits_first(scored)
    assert scored[0][1].doc_type == "法律"
    # …not a law far behind, nor one stating the permission less fully, nor over an 行政法规 settling its field
    for scored in (
        [item(10.0, "部门规章", 0.8), item(6.0, "法律", 0.8)],
        [item(10.0, "部门规章", 0.8), item(9.5, "法律", 0.4)],
        [item(10.0, "行政法规", 0.8), item(9.5, "法律", 0.8)],
    ):
        lead = scored[0]
        law_permits_first(scored)
        assert scored[0] is lead
