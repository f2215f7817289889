"""More of a worker's everyday words that find the rule written in the rules' words (issue 13).

The pairs here (kb/data/synonyms.txt): a pocket (兜里, 裤兜, 衣兜, 口袋) is the rules' 衣袋; going in
to look (进去看) after a blast, a stoppage or a flood is the rules' 巡视/检查; the old 防水煤柱 is
today's 防隔水煤柱; half-way (半道, 半路) is the rules' 中途; dropping the work (撂下活, 撂挑子) is
停止作业; 职代会 is 职工代表大会; jumping on a moving car (扒矿车, 扒上车) is 扒车; a boiler man
(司炉工) is a 特种设备作业人员. As in tests/kb/test_vocabulary.py, the small library is written for
these tests: each rule has a decoy worded alike but for the rule's word, listed first so that a
tie goes to it. The counter-examples are look-alike words that must not expand.
"""

from __future__ import annotations

import pytest

from kb.query import plan_query
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb

LIBRARY = [
    (1, "示例爆破规程", 61, "爆破员领取的雷管应当放入专用箱内，严禁放在背包内。"),
    (2, "示例爆破规程", 62, "爆破员领取的雷管应当放入专用箱内，严禁放在衣袋内。"),
    (3, "示例通风规程", 140, "恢复通风后，班组长应当首先进入停风区域。"),
    (4, "示例通风规程", 141, "恢复通风后，班组长应当首先巡视停风区域。"),
    (5, "示例排水规程", 88, "被淹巷道排水后，由救护队员进入巷道。"),
    (6, "示例排水规程", 89, "被淹巷道排水后，由救护队员检查巷道。"),
    (7, "示例防治水规程", 94, "护巷煤柱一经确定，不得擅自变动，严禁在其中进行采掘活动。"),
    (8, "示例防治水规程", 95, "防隔水煤柱一经确定，不得擅自变动，严禁在其中进行采掘活动。"),
    (9, "示例运输规程", 70, "爆破员带着炸药去作业点，路上不得随处停下歇脚。"),
    (10, "示例运输规程", 71, "爆破员带着炸药去作业点，路上不得中途停下歇脚。"),
    (11, "示例运输规程", 420, "乘坐人车时，列车未停稳严禁上下车。"),
    (12, "示例运输规程", 421, "乘坐人车时，列车运行中途严禁上下车。"),
    (13, "示例权利规定", 54, "遇到直接威胁人身安全的险情时，作业人员有权先报告调度。"),
    (14, "示例权利规定", 55, "遇到直接威胁人身安全的险情时，作业人员有权先停止作业。"),
    (15, "示例矿山规定", 20, "矿长每年应当向安全委员会通报安全生产工作。"),
    (16, "示例矿山规定", 21, "矿长每年应当向职工代表大会通报安全生产工作。"),
    (17, "示例运输规程", 430, "矿车行驶时，严禁人员站立。"),
    (18, "示例运输规程", 431, "矿车行驶时，严禁人员扒车。"),
    (19, "示例设备规定", 40, "锅炉运行不正常时，特种设备检验人员应当立即处理。"),
    (20, "示例设备规定", 41, "锅炉运行不正常时，特种设备作业人员应当立即处理。"),
]


@pytest.fixture(scope="module")
def pairs_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    rows = [(aid, title, "行政法规", number, text) for aid, title, number, text in LIBRARY]
    return small_kb(tmp_path_factory.mktemp("vocabulary_pairs") / "index", rows)


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        ("领的雷管能塞口袋里不", 2),  # 口袋 → 衣袋
        ("雷管放衣兜里行不行", 2),  # 衣兜 → 衣袋
        ("停风的地方来风以后谁先进去看", 4),  # 进去看 → 巡视
        ("巷道里的水排完了谁先进去看", 6),  # 进去看 → 检查
        ("防水煤柱里能不能掏点煤", 8),  # 防水煤柱 → 防隔水煤柱
        ("防水煤柱定了以后能随便动吗", 8),
        ("领了炸药半路上能歇一会不", 10),  # 半路 → 中途
        ("人车开到半道能下车不", 12),  # 半道 → 中途
        ("遇到险情能撂下活不干吗", 14),  # 撂下活 → 停止作业
        ("闻着有怪味能撂挑子先走吗", 14),  # 撂挑子 → 停止作业
        ("安全生产搞得咋样要跟职代会说不", 16),  # 职代会 → 职工代表大会
        ("职代会能听矿长讲安全生产工作不", 16),
        ("矿车开着能扒上车不", 18),  # 扒上车 → 扒车
        ("矿车跑着能扒着车下去不", 18),  # 扒着车 → 扒车
        ("锅炉水位不正常司炉工咋处理", 20),  # 司炉工 → 特种设备作业人员
        ("司炉发现锅炉不正常先干啥", 20),
    ],
)
def test_an_everyday_word_finds_the_rule_in_the_rules_word(pairs_kb: KnowledgeBase, question: str, rule: int):
    hits = pairs_kb.search(question).hits
    assert hits and hits[0].article_id == rule


@pytest.mark.parametrize(
    ("question", "word", "rule_words"),
    [
        ("下井时兜里能装打火机不", "兜里", {"衣袋"}),
        ("雷管揣裤兜里带下去行不", "裤兜", {"衣袋"}),
        ("放完炮谁进去看", "进去看", {"巡视"}),
        ("相邻两个矿之间的防水煤柱谁来定", "防水煤柱", {"防隔水煤柱"}),
        ("猴车坐到半道上能下来不", "半道上", {"中途"}),
        ("收工了能扒矿车出井不", "扒矿车", {"扒车"}),
        ("电工证几年一审", "电工证", {"特种作业操作证"}),  # an electrician's ticket is a 特种作业 one
    ],
)
def test_everyday_words_search_the_rules_words(question: str, word: str, rule_words: set[str]):
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query(question).concepts}
    assert rule_words <= found[word]


@pytest.mark.parametrize(
    ("question", "not_meant"),
    [
        ("工伤赔偿最后谁兜底", "衣袋"),  # 兜底 is to guarantee, no pocket
        ("有人在矿上兜售劳保用品咋办", "衣袋"),  # 兜售 is peddling
        ("家里人进去看守所探望要啥手续", "巡视"),  # 看守所 is a word of its own
        ("矿灯防水不", "防隔水"),  # a waterproof lamp is no water-barrier pillar
        ("防水闸门多久检查一次", "防隔水煤柱"),  # a flood door is no pillar
        ("他说的有一半道理吗", "中途"),  # 一半 + 道理, no half-way
        ("撂下电话就往外跑", "停止作业"),  # putting down a phone is no stopping work
        ("班长把话撂下了 不干完不许走", "停止作业"),  # 撂下 alone is no leaving the work
        ("扒开矿车上的浮煤要停车不", "扒车"),  # clearing coal off a car is no jumping on it
    ],
)
def test_look_alike_everyday_words_do_not_expand(question: str, not_meant: str):
    alternatives = {alt for c in plan_query(question).concepts for alt, _ in c.alternatives}
    assert not_meant not in alternatives
