"""Stems that carry the case their sentence holds in and the party a coal rule addresses, and say a nested list's rule
phrase once (issue 16).

Frontline read 16, T12: a paragraph quoted without the paragraph before it, which opens on the way of working it is
about (…采用远距离爆破时，…), reads as any blasting. Managers' read 8, T37: a sentence letting work resume once a check is
passed (…方可开启) quoted without the case of the sentence before (恢复正常通风后) reads as a standing rule. Managers'
read 8, T16: an inner lead-in ending on the outer one's rule phrase (…应当符合下列要求) quoted after it says the phrase
twice. Frontline read 16, T22: a duty opening on when it is done (每年雨季前至少组织…) names nobody to do it; a coal rule
addresses the mine, so the stem names 煤矿. The articles below are in our own words; the reads' articles are checked on ../shared when it is there.
"""

from __future__ import annotations

from quiz.generation.theory import TheoryPools, blank_item_number, blank_number, judge
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(12)]
POOLS = TheoryPools.build([])


def _made(text: str, generator=blank_number, title: str = "某矿安全技术规定") -> list:
    record = article(text, title=title)
    questions = [q for q in (generator(record, POOLS, seed) for seed in SEEDS) if q is not None]
    for question in questions:
        assert not Verifier([record]).verify([question]).failures, question.stem
    return questions


REMOTE = (
    "斜巷穿煤层采用地面遥控起爆时，必须划定警戒区域，并指定专人看守各路口。\n"
    "起爆站和人员撤离的地点必须设在距工作面不少于400m的进风流中。\n"
    "平巷掘进采用地面遥控起爆时，起爆站必须设在反向风门以外。"
)


def test_a_paragraph_under_a_way_of_working_carries_it() -> None:
    # T12's class: the paragraph before is one sentence opening on 采用…时; the asked one names no case of its own.
    questions = [q for q in _made(REMOTE) if "400" in q.answer[0]]
    assert questions
    assert all("关于斜巷穿煤层采用地面遥控起爆时的规定，起爆站和人员撤离的地点" in q.stem for q in questions)


def test_a_paragraph_with_a_case_of_its_own_carries_none() -> None:
    # Counter-example: a paragraph opening on its own case, and one after a paragraph that is no way of working.
    own = _made("平巷掘进采用遥控起爆时，起爆站距工作面不得小于200m。\n掘进中遇到断层时，起爆站距工作面不得小于350m。")
    assert own and all("关于" not in q.stem for q in own)
    plain = _made("每次起爆前，班组长必须清点人数。\n起爆站必须设在距工作面不少于400m的进风流中。")
    assert plain and all("关于" not in q.stem for q in plain)


def test_a_resumption_carries_the_case_before_it() -> None:
    # T37's class: 方可送电 after a check resumes what the sentence before stopped; true and false statements alike.
    text = ("局部通风机应当有停风后恢复通风的措施。局部通风机恢复运转后，巷道内所有受停风影响的地点，都必须由瓦斯检查工"
            "检查，确认无危险后，方可进入作业。所有配电开关附近15m以内的巷道中，都必须测定甲烷浓度，浓度符合规定以后，方可送电。")
    blanks = [q for q in _made(text) if "15" in q.answer[0]]
    assert blanks and all("关于局部通风机恢复运转后的规定，所有配电开关附近" in q.stem for q in blanks)
    judged = [q for q in _made(text, judge) if "配电开关" in q.stem]
    assert all("关于局部通风机恢复运转后的规定" in q.stem for q in judged)


def test_a_standing_rule_after_a_case_carries_none() -> None:
    # Counter-example: a rule with no resumption after a sentence opening on a case stands on its own.
    text = "爆破结束后，爆破工必须巡视爆破地点。爆破母线与电缆的间距必须大于0.3m，发爆器钥匙必须由爆破工随身携带。"
    questions = [q for q in _made(text) if "0.3" in q.answer[0]]
    assert questions and all("关于" not in q.stem for q in questions)


NESTED = (
    "绞车制动闸与闸轮之间的间隙，应当符合下列要求：\n"
    "（一）新装时，闸瓦与闸轮之间所留间隙应当符合下列要求：\n"
    "1.盘式制动闸每侧不得大于2mm。\n"
    "2.块式制动闸每侧不得大于3mm。\n"
    "（二）运行中，闸瓦磨损后的间隙超过下列数值时，必须调整：\n"
    "1.盘式制动闸超过4mm。\n"
    "2.块式制动闸超过6mm。"
)


def test_a_nested_lead_says_its_rule_phrase_once() -> None:
    # T16's class: outer and inner lead-in end on 应当符合下列要求; the stem says the outer up to it, then the inner.
    questions = [q for q in _made(NESTED, blank_item_number) if "新装时" in q.stem]
    assert questions
    for question in questions:
        assert question.stem.count("符合下列要求：") == 1, question.stem
        assert "绞车制动闸与闸轮之间的间隙，新装时，闸瓦与闸轮之间所留间隙应当符合下列要求：" in question.stem
        assert "应当符合下列要求：……新装时" in question.explanation or "应当符合下列要求：新装时" in question.explanation


def test_leads_ending_differently_are_both_quoted() -> None:
    # Counter-example: an inner lead-in that ends otherwise (…检查次数如下) is quoted after the whole outer one.
    text = ("矿井必须建立局部通风机巡检制度，并遵守下列规定：\n（一）有人作业的掘进工作面必须巡检局部通风机，巡检次数如下：\n"
            "1.高瓦斯矿井，每班至少3次。\n2.低瓦斯矿井，每班至少2次。\n（二）巡检结果必须记入巡检手册。")
    questions = _made(text, blank_item_number)
    assert questions and all("并遵守下列规定：有人作业的掘进工作面" in q.stem for q in questions)


def test_the_reads_articles_carry_their_case(shared_records, shared_pools) -> None:
    for label, seen in (("第二百四十一条", "关于井巷揭煤采用远距离爆破时的规定"), ("第一百九十六条", "关于恢复正常通风后的规定")):
        record = record_of(shared_records, label)
        made = [q for seed in SEEDS if (q := blank_number(record, shared_pools, seed))]
        asked = [q for q in made if q.inputs["sentence"].startswith(("井筒起爆", "所有安装电动机"))]
        assert all(seen in q.stem for q in asked), [q.stem for q in asked]
    record = record_of(shared_records, "第四百三十二条")
    made = [q for seed in SEEDS if (q := blank_item_number(record, shared_pools, seed))]
    assert made and all(q.stem.count("下列要求：") == 1 for q in made)


COAL_RULES = "煤矿提升运输管理细则"


def test_a_duty_with_nobody_to_bear_it_names_the_mine() -> None:
    # T22's class: a coal rule's duty opening on its period or on the event it precedes, with no party.
    for text in ("每半年应当至少组织3次提升机紧急制动试验。", "汛期到来前至少开展2次排水泵联合试运转。"):
        questions = _made(text, title=COAL_RULES)
        assert questions and all(f"，煤矿{text[:3]}" in q.stem for q in questions), [q.stem for q in questions]


def test_a_duty_with_its_party_or_thing_names_no_mine() -> None:
    # Counter-examples: a party of its own, a document not addressed to coal mines, a thing the paragraph names first.
    own = _made("矿井每半年应当至少组织3次提升机紧急制动试验。", title=COAL_RULES)
    assert own and all("，矿井每半年" in q.stem and "煤矿矿井" not in q.stem for q in own)
    other = _made("每半年应当至少组织3次提升机紧急制动试验。", title="某省安全生产条例")
    assert other and all("，每半年应当" in q.stem for q in other)
    thing = _made("安全绳应当每半年做1次静载试验。每次使用前必须检查，绳股断裂超过2处必须报废。", title=COAL_RULES)
    assert all("煤矿每次" not in q.stem for q in thing)
    named = _made("放炮后检查必须遵守下列规定：\n（一）放炮后10min内，严禁进入工作面。\n（二）瞎炮处理后，应当再检查一遍。\n"
                  "（三）检查人员不得少于2人。", blank_item_number, title=COAL_RULES)
    assert named and all("，放炮后检查必须遵守下列规定" in q.stem for q in named)  # a check named, not a duty unborne


def test_the_reads_class_names_the_mine(shared_records, shared_pools) -> None:
    # 规程's reverse-ventilation check and open-pit drainage plan open on their period with nobody named.
    for label in ("第一百七十八条", "第六百四十六条"):
        record = record_of(shared_records, label)
        made = [q for seed in SEEDS for generator in (blank_number, judge) if (q := generator(record, shared_pools, seed))]
        asked = [q for q in made if q.inputs.get("sentence", "").startswith("每")]
        assert asked and all("，煤矿每" in q.stem for q in asked), [q.stem for q in made]
        verifier = Verifier(shared_records)
        assert not any(verifier.verify([q]).failures for q in asked)
