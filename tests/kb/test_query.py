"""Query plans: any input is safe, article references are recognised."""

from __future__ import annotations

import pytest

from kb.query import build_query, find_reference, plan_query

NASTY = [
    '"',
    "'瓦斯",
    "((((",
    "瓦斯 AND 甲烷",
    "瓦斯 OR",
    "NOT",
    "*",
    "瓦*",
    "?",
    "a:b",
    "title:瓦斯",
    "[1 TO 5]",
    "{}",
    "\\",
    "。。。",
    "",
    "   ",
    "<img src=x onerror=alert(1)>",
    "瓦斯" * 300,
    "第第第条",
    "《》第条",
    "\x00\x01",
    "😀",
    "%s%s%n",
    "SELECT * FROM users",
]


@pytest.mark.parametrize("raw", NASTY)
def test_any_input_gives_a_plan_and_a_query(raw):
    plan = plan_query(raw)
    build_query(plan)  # must not raise
    assert len(plan.text) <= 500


@pytest.mark.parametrize(
    ("raw", "title", "number"),
    [
        ("安全生产法第五十五条", "安全生产法", 55),
        ("安全生产法 55条", "安全生产法", 55),
        ("《煤矿安全培训规定》第35条", "煤矿安全培训规定", 35),
        ("煤矿安全规程第一百零七条是什么", "煤矿安全规程", 107),
        ("《中华人民共和国安全生产法》的第二十八条", "中华人民共和国安全生产法", 28),
    ],
)
def test_article_references(raw, title, number):
    ref, _ = find_reference(plan_query(raw).text)
    assert ref is not None and ref.number == number and ref.title.endswith(title)


def test_text_without_reference():
    assert find_reference("井下瓦斯超限怎么办")[0] is None


def test_question_kind_is_detected():
    assert plan_query("新工人要培训多少学时").answer_type == "duration"
    assert plan_query("瓦斯浓度到多少要撤人").answer_type == "quantity"
    assert plan_query("矿工能不能撤离").answer_type == ""


def test_old_versions_are_asked_for_explicitly():
    assert plan_query("2016版煤矿安全规程入井规定").wants_old
    assert not plan_query("入井规定").wants_old


def test_distance_questions_want_a_distance_not_any_number():
    from kb.query import plan_query

    plan = plan_query("放炮时人要撤到多远")
    assert plan.answer_type == "distance"
    pattern = plan.answer_pattern()
    assert pattern.search("岩巷直线巷道大于130m") and not pattern.search("三人连锁换牌")
    assert plan_query("试用期最长多久").answer_type == "duration"


@pytest.mark.parametrize(
    ("question", "answers", "does_not"),
    [
        ("特种作业证几年要换", "特种作业操作证有效期六年", "应当在有效期届满六十日前参加培训"),
        ("井下照明灯用多少伏", "电压不得超过127V。", "距离不得小于20m"),
        ("一个班查几回瓦斯", "每班至少检查3次", "浓度达到1.0%时"),
        ("采煤面最多进几个人", "作业人员不得超过16人", "每班检查2次"),
        ("矿工受伤赔几倍工资", "支付二倍的工资", "30日内"),
    ],
)
def test_a_question_that_names_its_unit_wants_a_number_in_that_unit(question: str, answers: str, does_not: str):
    pattern = plan_query(question).answer_pattern()
    assert pattern.search(answers)
    assert not pattern.search(does_not)


def test_without_a_unit_any_number_of_the_kind_answers():
    pattern = plan_query("试用期最长多久").answer_pattern()
    assert pattern.search("试用期最长不得超过六个月") and pattern.search("不得超过15日")


def test_option_letters_of_a_pasted_exam_question_are_not_searched():
    plan = plan_query("造成3人以上10人以下死亡的事故属于（ ）。A.一般事故 B.较大事故 C、重大事故 (D)特别重大事故")
    terms = {c.term for c in plan.concepts}
    assert {"较大", "重大事故", "特别"} <= terms
    assert not terms & {"a", "b", "c", "d"}
    assert "ch4" in {c.term for c in plan_query("CH4浓度多少").concepts}


def test_a_whole_number_is_also_searched_in_the_other_numerals():
    forms = {c.term: {a for a, _ in c.alternatives} for c in plan_query("不满18岁能下井吗").concepts}
    assert "十八" in forms["18"]  # the law writes 未满十八周岁
    forms = {c.term: {a for a, _ in c.alternatives} for c in plan_query("三十日内要报告吗").concepts}
    assert "30" in forms["三十"]
    assert not {a for c in plan_query("甲烷浓度1.5%").concepts for a, _ in c.alternatives if a[:1].isdigit()}


def test_a_synonym_phrase_written_with_chinese_numerals_also_fires_for_arabic_ones():
    # kb/data/synonyms.txt: 不满十八岁 … => 未成年人 …; the worker types 不满18岁.
    alternatives = {a for c in plan_query("不满18岁能下井吗").concepts for a, _ in c.alternatives}
    assert "未成年人" in alternatives
    assert not {c.term for c in plan_query("达到1.5%时").concepts} & {"一", "五"}  # decimals stay as they are


def test_a_workers_word_for_a_dispute_searches_the_laws_word():
    # 闹纠纷 in speech, 劳动争议 in the law (调解、仲裁): the law's word is searched too
    alternatives = {a for c in plan_query("和厂里有了纠纷去哪里说理").concepts for a, _ in c.alternatives}
    assert "争议" in alternatives


def test_a_number_phrase_counts_once_however_many_overlapping_pieces_name_it():
    # 不满18岁 reads as 十八岁, 不满十八, 不满十八岁 (all => 未成年人 …) and as 不满, 18, 岁: counted
    # once each, they made 未成年工是指…未满十八周岁 beat the article forbidding it (劳动法 第六十四条).
    plan = plan_query("不满18岁能下井干活吗")
    counted = {c.term: (c.start, c.end) for c in plan.concepts if c.maximal}
    assert counted == {"不满十八岁": (0, 5), "下井": (6, 8), "干活": (8, 10)}
    assert {"不满", "18", "岁"} <= {c.term for c in plan.concepts if not c.maximal}  # still searched, as parts
    # 俺弟17岁: the phrase spans the digits it was read from in the text as typed.
    plan = plan_query("俺弟17岁 矿上能让他下井挖煤不")
    assert [(c.start, c.end) for c in plan.concepts if c.term == "十七岁"] == [(2, 5)]
    assert "17" not in {c.term for c in plan.concepts if c.maximal}
    # A number in no synonym phrase stays a word of its own.
    assert {"30", "米"} <= {c.term for c in plan_query("巷道超过30米要设躲避硐吗").concepts if c.maximal}


def test_a_whole_percentage_also_matches_the_rules_decimal_form():
    forms = {c.term: {a for a, _ in c.alternatives} for c in plan_query("瓦斯到1%了还能打眼吗").concepts}
    assert "1.0" in forms["1"]  # 甲烷浓度达到1.0%时


@pytest.mark.parametrize(
    ("question", "word", "rule_word"),
    [
        ("入职时矿上把我身份证扣下了不还 这能行吗", "扣下", "扣押"),  # 劳动合同法 第九条: 不得扣押…居民身份证
        ("身份证让单位扣着不给咋办", "扣着", "扣押"),
        ("班长硬让我去瓦斯超了的地方干活 我能不去吗", "不去", "拒绝"),  # 有权拒绝违章指挥和强令冒险作业
        ("老板让签个出了事故单位不负责的协议 这样能行吗", "不负责", "免除"),  # 免除或者减轻其…责任的协议
    ],
)
def test_a_workers_word_for_the_act_a_right_names_is_searched_as_the_laws(question: str, word: str, rule_word: str):
    forms = {c.term: {a for a, _ in c.alternatives} for c in plan_query(question).concepts}
    assert rule_word in forms[word]


def test_docking_pay_is_not_detaining_papers():
    alternatives = {a for c in plan_query("矿上扣钱合理吗").concepts for a, _ in c.alternatives}
    assert "扣押" not in alternatives
    assert "罚款" in alternatives


@pytest.mark.parametrize(
    ("question", "word", "rule_words"),
    [
        # a worker's everyday words for what rules write otherwise (issue 13, action questions)
        ("救人时候不得不挪动现场东西 挪之前要干啥", "挪动", {"移动"}),
        ("顶上有个窝子瓦斯查出来2.0 咋办", "查出来", {"检查", "测定"}),
        ("下大暴雨了井下的人咋办", "大暴雨", {"暴雨"}),
        ("局扇跟前瓦斯多少就不能开风机", "跟前", {"附近"}),
        ("压风自救起码几个人一组", "起码", {"至少"}),
    ],
)
def test_everyday_words_search_the_rules_words(question: str, word: str, rule_words: set[str]):
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query(question).concepts}
    assert rule_words <= found[word]


def test_asking_for_the_first_step_in_speech_searches_the_rules_words_for_it():
    # 头一步 said for 第一步: the rules say 首先 and 立即; split, 一步 is a rare word that fetches 进一步
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query("井下跑水了 班长头一步该咋弄").concepts}
    assert {"首先", "立即"} <= found["头一步"]
    # …not a step taken on foot
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query("人行道宽度够不够迈一步的").concepts}
    assert not any("首先" in alts for alts in found.values())


def test_everyday_synonyms_leave_longer_words_alone():
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query("单位挪用工伤保险基金咋办").concepts}
    assert "挪用" in found and "移动" not in found["挪用"]  # 挪用 (embezzle) is not 挪动
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query("查出来职业病了单位不管咋办").concepts}
    assert "诊断" in found["查出来职业病"]  # the longer phrase keeps its own meaning


def test_spoken_fillers_are_not_the_subject():
    # 像是, 一股, 一个劲, 不得不 only colour the speech: not words the library lacks (which would count
    # against ask's confidence), not words to search.
    terms = {c.term for c in plan_query("闻到一股煤油味 温度也高 像是自燃了 咋办").concepts}
    assert {"温度", "自燃"} <= terms and not terms & {"像是", "一股"}
    terms = {c.term for c in plan_query("顶板一个劲掉渣 救人时不得不挪动东西").concepts}
    assert "顶板" in terms and not terms & {"一个劲", "不得不", "不得"}
    # …while a phrase holding one keeps its meaning
    found = {c.term: {alt for alt, _ in c.alternatives} for c in plan_query("像是职业病 该去哪查").concepts}
    assert "疑似职业病" in found.get("像是职业病", set())


def test_when_the_scene_happened_is_not_the_subject():
    # 昨晚, 冬天, 回头 tell when: not words the library lacks, not words to search.
    terms = {c.term for c in plan_query("冬天井下冷 搞个电炉子烤烤手行不").concepts}
    assert {"井下", "电炉子"} <= terms and "冬天" not in terms
    terms = {c.term for c in plan_query("没有操作证能不能先开着绞车 证回头再考").concepts}
    assert {"操作证", "绞车"} <= terms and "回头" not in terms
    assert "冬季" in {c.term for c in plan_query("冬季井下防冻").concepts}  # the rule's 冬季 stays a word
