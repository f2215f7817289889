"""A worker's everyday words find the rule written in the rules' words (kb/data/synonyms.txt, issue 13).

Each pair is a dictionary sense a miner uses (捡 is 拣拾, 没人要的 is 无主, 丢了 is 遗失, 堵在里头 is
被困…), never a word fitted to one question. The small library below is written for these tests
(paraphrases in the style of the rules, not copies): each rule has a decoy sharing the question's
other words but not the rule's word, so only the equivalence puts the rule first. The
counter-examples are look-alike everyday words that must not expand.
"""

from __future__ import annotations

import pytest

from kb.query import plan_query
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb

LIBRARY = [
    (1, "示例爆炸物品条例", 39, "发现、拣拾无主爆炸物品的，应当立即报告当地公安机关。"),
    (2, "示例爆炸物品条例", 40, "爆炸物品应当储存在专用仓库内，发现爆炸物品短少的，应当立即报告。"),
    (3, "示例培训规定", 31, "特种作业操作证遗失的，应当向原发证部门提出书面申请，由原发证部门补发。"),
    (4, "示例培训规定", 32, "特种作业操作证每三年复审一次，复审合格的，由原发证部门签章。"),
    (5, "示例救援规程", 772, "发生透水事故后，应当查明被困人员所在地点，尽快组织救援。"),
    (6, "示例救援规程", 773, "发生透水事故后，应当尽快恢复灾区通风，组织救援。"),
    (9, "示例防护条例", 20, "防护设备处于不正常状态时，用人单位应当立即停止作业。"),
    (10, "示例防护条例", 21, "防护设备存在事故隐患的，用人单位应当立即停止使用防护设备，及时维护。"),
    (11, "示例入井规程", 736, "外来人员必须经过安全培训，掌握自救器使用方法后方可入井。"),
    (12, "示例入井规程", 737, "入井人员必须随身携带自救器和矿灯。"),
    (13, "示例爆炸物品条例", 37, "作业后剩余的爆炸物品必须当班清退回库。"),
    (14, "示例爆炸物品条例", 38, "领取爆炸物品的数量不得超过规定用量，并由专人登记。"),
    (15, "示例劳动合同法", 10, "用人单位应当自用工之日起一个月内与劳动者订立书面劳动合同。"),
    (16, "示例劳动合同法", 50, "劳动合同解除后，用人单位应当在十五日内为劳动者出具书面证明。"),
    (17, "示例电气规程", 516, "电缆接地芯线只能用于接地，除监测接地回路外，不得另作他用。"),
    (18, "示例电气规程", 517, "电缆的接地芯线应当可靠连接，用前应当检查电缆有无破损。"),
    (19, "示例检修规程", 478, "检修开关前，必须切断电源，检查瓦斯，再用验电笔检验。"),
    (20, "示例检修规程", 479, "开关检修时，设备停止运转后方可清点工具。"),
    (21, "示例预案办法", 24, "单位的应急预案通过评审后，由本单位主要负责人签署后公布。"),
    (22, "示例预案办法", 26, "单位的应急预案修订后，应当及时报送主管部门备案并公布。"),
    (23, "示例凿井规程", 98, "用吊桶升降人员时，严禁任何人乘坐在桶沿上。"),
    (24, "示例凿井规程", 99, "用吊桶提升物料时，桶内物料不得高出桶沿。"),
    (25, "示例入井规定", 8, "入井人员严禁携带与工作无关的非防爆电子设备。"),
    (26, "示例入井规定", 9, "入井人员应当携带矿灯，不得携带与工作无关的物品。"),
]


@pytest.fixture(scope="module")
def vocabulary_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    rows = [(aid, title, "行政法规", number, text) for aid, title, number, text in LIBRARY]
    return small_kb(tmp_path_factory.mktemp("vocabulary") / "index", rows)


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        ("捡到没人要的炸药怎么办", 1),  # 捡 → 拣拾, 没人要的 → 无主
        ("特种作业证丢了咋补", 3),  # 丢了 → 遗失
        ("透水了人被堵在里头咋救", 5),  # 堵在里头 → 被困
        ("防护设备出毛病了怎么办", 9),  # 出毛病 → 不正常
        ("外单位来的人下井前要干啥", 11),  # 外单位 → 外来人员
        ("班上没用完的炸药咋处理", 13),  # 没用完 → 剩余, 班上 → 当班
        ("多久之内必须跟我签书面合同", 15),  # 签 → 订立
        ("电缆的地线芯能挪着干别的用不", 17),  # 干别的用 → 他用
        ("检修开关前停了电 还要做啥", 19),  # 停了电 → 切断电源
        ("应急预案弄完了谁签字公布", 21),  # 签字 → 签署
        ("吊桶的桶沿上能坐着人不", 23),  # 坐着 → 乘坐
        ("下井能不能带手机", 25),  # 手机 → 电子设备: the rule names the class of thing, the worker the thing
    ],
)
def test_an_everyday_word_finds_the_rule_in_the_rules_word(vocabulary_kb: KnowledgeBase, question: str, rule: int):
    hits = vocabulary_kb.search(question).hits
    assert hits and hits[0].article_id == rule


@pytest.mark.parametrize(
    ("question", "word", "rule_words"),
    [
        ("捡到没人要的炸药怎么办", "捡到", {"拣拾"}),
        ("捡到没人要的炸药怎么办", "没人要的", {"无主"}),
        ("特种作业证丢了咋补", "丢了", {"遗失"}),
        ("特种作业操作证丢失了", "丢失", {"遗失"}),
        ("雷管能揣着下井不", "揣着", {"携带"}),
        ("探放水这些危险活要派人盯着吗", "危险活", {"危险作业"}),
        ("躲避硐里能码点料不", "码", {"堆放", "堆积"}),
        ("一个月能歇几天", "歇", {"休息"}),  # the everyday word for resting
        ("在场的人先跟谁说", "在场的人", {"现场有关人员"}),
        ("诊断证明得哪个医生签名才管用", "签名", {"签署"}),  # a signature, on any paper
        ("动火的票谁签字", "签字", {"签署"}),
        ("运料的平板车上能坐人不", "坐", {"乘坐", "乘人"}),  # riding, on whatever runs
        ("下井能不能带手机", "手机", {"电子设备"}),
    ],
)
def test_everyday_words_search_the_rules_words(question: str, word: str, rule_words: set[str]):
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query(question).concepts}
    assert rule_words <= found[word]


@pytest.mark.parametrize(
    ("question", "not_meant"),
    [
        ("没人要求戴口罩咋办", "无主"),  # 没人 + 要求: nobody required it, not an ownerless thing
        ("巷道堵了咋办", "被困"),  # a blocked roadway traps no one by itself
        ("心脏有毛病能下井不", "异常"),  # an illness, not a device out of order
        ("签字确认以后能反悔不", "订立"),  # signing one's name is not concluding a contract
        ("单位不给交工伤保险咋办", "外来人员"),  # the own employer is no outsider
        ("人员定位卡的密码忘了咋办", "堆放"),  # 密码 is a word of its own, not 码 (stack)
        ("局扇停了咋办", "切断电源"),  # a fan that stopped is no power cut by hand
        ("别的工种能顶班不", "他用"),  # 别的 alone is no other use
        ("间歇喷孔怎么处理", "休息"),  # 间歇 is intermittent, no rest
        ("坐月子期间单位能辞退我吗", "乘坐"),  # 坐月子 is a word of its own
    ],
)
def test_look_alike_everyday_words_do_not_expand(question: str, not_meant: str):
    alternatives = {alt for c in plan_query(question).concepts for alt, _ in c.alternatives}
    assert not_meant not in alternatives
