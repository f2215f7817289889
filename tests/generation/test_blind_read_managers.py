"""Faults of the managers' blind read (bench/generation_blind_read_managers.md): stems without their lead or with a
neighbour's qualifier, wrong options that are no party, the same party twice or far from a multiplier near one, another
body's procedure asked of a mine's managers, a blank on the owner of a part, and a true statement cut before its second
verb. Each rule with the read's example and counter-examples that keep working, for both audiences where it applies."""

from __future__ import annotations

from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation.relevance import (
    FRONTLINE,
    MANAGERS,
    THRESHOLD,
    agency_deadline,
    another_bodys_duty,
    for_audience,
    sentence_relevance,
)
from quiz.generation.theory import blank_number, blank_term, judge, single_item_number, single_party, single_term
from quiz.generation.theory.number_distractors import near_multiplier
from quiz.generation.theory.parties import THE_EMPLOYER
from quiz.generation.theory.stems import own_thing, refers_back, stem_prefix
from quiz.generation.theory.term_questions import possessor
from quiz.generation.theory.true_false import true_statement
from tests.generation.conftest import key_text, record_of, wrong_texts

SEEDS = ["9127"] + [str(seed) for seed in range(8)]
AUDIENCES = (FRONTLINE, MANAGERS)
WATER = "煤矿防治水细则"
SPECIAL = "中华人民共和国特种设备安全法"
TRAINING = "煤矿安全培训规定"


def _asked(generator, record, pools, audience=MANAGERS):  # noqa: ANN001, ANN202
    with for_audience(audience):
        return [q for seed in SEEDS if (q := generator(record, pools, seed)) is not None]


# --------------------------------------------------------------------------- 1. the stem's lead and qualifier


def test_a_bare_head_keeps_the_modifier_its_paragraph_gave_it(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第一百二十五条", WATER)
    for audience in AUDIENCES:
        asked = [q for q in _asked(blank_number, record, shared_pools, audience) if "200" in q.answer[0]]
        assert asked, audience
        for question in asked:  # T28: 规程 第七百四十一条 spaces 避灾路线标识 500m apart in the same places
            assert question.stem.startswith("根据《煤矿防治水细则》第一百二十五条关于避水灾标识的规定，巷道交叉口"), question.stem


def test_a_scope_comes_from_the_asked_sentences_own_thing(shared_records) -> None:
    record = record_of(shared_records, "第三百一十七条")
    asked = next(s for s in record.text.replace("\n", "。").split("。") if "空仓容量" in s)  # the real sentence
    assert own_thing("水仓进口处", asked)
    assert "水仓进口处" not in stem_prefix(record, asked)  # T39: the 箅子 is the sentence before's
    # Counter-examples: a topic the sentence does not name keeps leading it; a shared 主要 names no thing.
    assert not own_thing("采煤机", "内喷雾装置无法正常使用时，外喷雾的压力不得小于8MPa")
    assert not own_thing("主要通风机", "主要排水泵必须…")


def test_a_sentence_that_refers_back_is_not_asked_alone(shared_records, shared_pools) -> None:
    assert refers_back("在工作面回风系统里有人作业之处，也应当设置压风自救装置")  # T30
    assert refers_back("其超前距不得小于5m")
    for alone in ("矿用卡车作业时，其转向、制动系统以及安全装置都必须完好", "其他提升系统每5年进行1次安全检测检验",
                  "即使停风也必须…"):
        assert not refers_back(alone), alone
    record = record_of(shared_records, "第二百四十二条")
    for generator in (blank_term, single_term, judge):
        for question in _asked(generator, record, shared_pools):
            assert "也应当设置" not in question.stem, question.stem


def test_a_term_its_paragraph_named_before_is_not_blanked_later(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二百四十条")  # T17: （反向风门）距工作面的距离… after …至少2道反向风门
    for generator in (blank_term, single_term):
        for question in _asked(generator, record, shared_pools):
            assert not question.stem.split("，", 1)[1].startswith("（ ）距工作面"), question.stem


# --------------------------------------------------------------------------- 2. wrong options of the key's kind


def test_no_party_option_is_an_act_a_state_or_the_same_employer(shared_records, shared_pools) -> None:
    assert read.subject("关闭煤矿应当达到下列要求") is None  # T36: closing a mine is no duty-bearer
    assert read.subject("煤矿企业应当建立健全安全生产责任制")  # counter-example
    seen = 0
    for record in shared_records:
        if record.title not in {"煤矿安全规程", TRAINING, "煤矿安全生产条例", "中华人民共和国安全生产法"}:
            continue
        for question in _asked(single_party, record, shared_pools):
            seen += 1
            wrong = wrong_texts(question)
            assert not any(w.startswith(("关闭", "不具备")) or "停产的" in w for w in wrong), question.stem
            named = [t for t in [key_text(question), *wrong] if t in THE_EMPLOYER]
            assert len(named) <= 1, question.stem  # 用人单位 beside 煤矿企业 is the same party
    assert seen, "parties are still asked"


def test_a_multiplier_near_one_gets_near_options(shared_records, shared_pools) -> None:
    assert near_multiplier(Decimal("1.2"), Decimal("1.1")) and near_multiplier(Decimal("1.0"), Decimal("1.1"))
    assert not near_multiplier(Decimal("2.0"), Decimal("1.1")) and not near_multiplier(Decimal("3.0"), Decimal("1.1"))
    assert near_multiplier(Decimal("2"), Decimal("3")) and near_multiplier(Decimal("4"), Decimal("3"))  # counter-example
    record = record_of(shared_records, "第四百六十八条")
    asked = [q for q in _asked(single_item_number, record, shared_pools) if key_text(q) == "1.1倍"]
    assert asked
    for question in asked:  # T6: 2.0倍/3.0倍 beside a safety valve's 1.1倍
        assert all(Decimal(w.removesuffix("倍")) <= Decimal("1.3") for w in wrong_texts(question)), question.stem


# --------------------------------------------------------------------------- 3. another body's procedure


def test_an_agencys_own_deadline_is_asked_of_no_audience() -> None:
    assert another_bodys_duty("特种设备检验机构接到使用单位的定期检验要求后，应当及时依照安全技术规范实施安全性能检验")  # T8
    deadline = "考核发证部门应当于考试结束后十个工作日内，将考试成绩予以公布"  # T23
    assert agency_deadline(deadline)
    assert max(sentence_relevance(deadline, a) for a in AUDIENCES) < THRESHOLD
    # Counter-example: the mine's own deadline towards an agency.
    users = "特种设备使用单位应当于设备投入使用前或者投入使用后三十日内，到特种设备安全监督管理部门办理使用登记手续"
    assert not another_bodys_duty(users) and not agency_deadline(users)


def test_which_level_of_the_state_is_not_asked_among_the_mines_side(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五条", SPECIAL)  # T36: 县级以上地方各级人民政府 beside 关闭煤矿, 施工单位
    assert not _asked(single_party, record, shared_pools)


def test_the_mines_duty_towards_an_agency_is_asked_of_managers() -> None:
    for sentence in ("特种设备使用单位应当在检验合格有效期届满前一个月，依照安全技术规范向检验机构提出定期检验要求",
                     "生产经营单位应当依照国家有关规定，把本单位的重大危险源以及相应的安全措施、应急措施报送地方人民政府应急管理部门等有关部门备案"):
        assert sentence_relevance(sentence, MANAGERS) >= THRESHOLD, sentence


def test_the_inspection_article_asks_the_users_deadline(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第四十条", SPECIAL)
    asked = _asked(blank_term, record, shared_pools) + _asked(blank_number, record, shared_pools)
    assert asked and not any("检验机构接到" in q.stem for q in asked)  # T8
    assert any("届满前（ ）个月" in q.stem for q in asked)


# --------------------------------------------------------------------------- 4. the blank's word


def test_the_owner_of_a_part_is_not_blanked(shared_records, shared_pools) -> None:
    sentence = "主要通风机的风硐必须设置风压传感器"
    assert possessor(sentence, 0, "主要通风机")
    assert not possessor(sentence, sentence.index("风压传感器"), "风压传感器")
    assert not possessor("突出煤层采煤工作面回风巷必须设置风速传感器", 0, "突出煤层")
    record = record_of(shared_records, "第五百四十条")
    asked = [q for q in _asked(blank_term, record, shared_pools) if "风硐" in q.stem]
    assert asked  # T9: the sensor is the fact
    assert all(q.answer[0].startswith("风压传感器") for q in asked)


# --------------------------------------------------------------------------- 5. a coordinated predicate


def test_a_true_statement_keeps_its_second_verb_on_the_same_object(shared_records, shared_pools) -> None:
    assert true_statement("矿山企业必须针对矿山事故制定防范措施，并组织落实") == "矿山企业必须针对矿山事故制定防范措施，并组织落实"
    assert true_statement("煤炭企业、煤矿应当为本单位编制防治水年度计划和中长期规划（5年），并组织实施").endswith("组织实施")
    # Counter-example: a second duty with its own object may still be dropped.
    assert true_statement("冻结站必须用不燃性材料建造，并装设通风装置") == "冻结站必须用不燃性材料建造"
    record = record_of(shared_records, "第三十条", "中华人民共和国矿山安全法")
    for question in _asked(judge, record, shared_pools):  # T31
        if question.answer == ("A",):
            assert question.stem.endswith("并组织落实。"), question.stem
