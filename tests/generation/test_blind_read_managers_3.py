"""Faults of the managers' third blind read (bench/generation_blind_read_managers_3.md), each rule with made-up
examples in our own words and the counter-examples that keep working: a fine or duty on a party a coal mine never is,
an agency's supervision asked beside enterprises, a wrong option another article requires of the same act, a blank
another article fills with a different subject, a stem without the scope that makes it true, a fine of the wrong size,
a permission left beside its own prohibition, and a minimum wait offered only on its safe side."""

from __future__ import annotations

import re
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation import preconditions
from quiz.generation.penalties import fine_bounds, fine_distractors, in_stem, single_fine
from quiz.generation.records import ArticleRecord
from quiz.generation.relevance import (
    FRONTLINE,
    MANAGERS,
    THRESHOLD,
    for_audience,
    not_a_mines_party,
    sentence_relevance,
)
from quiz.generation.subjects import said_of_another
from quiz.generation.syllabus import narrowed_to_documents
from quiz.generation.theory import TheoryPools, blank_number, blank_term, single_number, single_party, single_term
from quiz.generation.theory.number_distractors import unsafe_direction as read_direction
from quiz.generation.theory.parties import party_distractors
from quiz.generation.theory.stems import stem_prefix
from tests.generation.conftest import article, record_of

SPECIAL = "中华人民共和国特种设备安全法"


def _record(text: str, title: str = "测试设备安全法", label: str = "第八十条", path: str = "第七章 法律责任") -> ArticleRecord:
    return ArticleRecord(title=title, status="current", version="2024-01-01", label=label, number=80, text=text,
                         doc_type="法律", path=path)


# --------------------------------------------------------------------------- 1. a party a coal mine never is

MAKER_FINE = "违反本法规定，升降机制造单位未按期回访用户并记录回访结果的，处一万元以上八万元以下罚款。"
SELLER_FINE = "违反本法规定，设备经营单位转卖已经淘汰的起重设备的，责令停止经营，处三万元以上二十万元以下罚款。"
USER_FINE = "违反本法规定，设备使用单位未组织操作人员参加技能培训的，责令限期改正；逾期未改正的，处一万元以上六万元以下罚款。"
OTHER_FINES = ("违反本法规定，某某单位甲的，处二万元以上二十万元以下罚款。违反本法规定，某某单位乙的，处五万元以上五十万元以下罚款。"
               "违反本法规定，某某单位丙的，处三万元以上三十万元以下罚款。违反本法规定，某某单位丁的，处二万元以上十万元以下罚款。")


def test_who_a_mine_never_is() -> None:
    for third in (MAKER_FINE, SELLER_FINE, "违反本法规定，未做型式试验即投放市场的，处三万元以上三十万元以下罚款",
                  "检验、检测机构及其人员不得推销其检验过的设备", "气瓶充装单位应当查验气瓶的定期检验标记",
                  "设备安装、改造、修理的施工单位应当在开工前告知主管部门",
                  "向用人单位供应有毒原料，未附中文警示说明的，处五万元以上二十万元以下的罚款"):
        assert not_a_mines_party(third), third
    # Counter-examples: the user, the employer, the operators, or a party named with the user.
    for mine in (USER_FINE, "特种设备生产、经营、使用单位应当配齐持证的作业人员", "设备使用单位应当向检验机构申请定期检验",
                 "生产经营单位应当组织从业人员参加应急演练", "特种设备作业人员发现异常应当立即报告",
                 "设备使用单位应当使用经检验合格且取得生产许可的设备"):
        assert not not_a_mines_party(mine), mine


def test_managers_of_a_mine_are_not_asked_a_makers_or_a_sellers_fine() -> None:
    maker, seller, user = (_record(text, label=label) for text, label in
                           ((MAKER_FINE, "第八十条"), (SELLER_FINE, "第八十二条"), (USER_FINE, "第八十六条")))
    pools = TheoryPools.build([maker, seller, user, _record(OTHER_FINES, label="第九十条")])
    with for_audience(MANAGERS):
        assert all(single_fine(r, pools, str(seed)) is None for r in (maker, seller) for seed in range(6))
        assert single_fine(user, pools, "1") is not None  # T13: the user's own liability stays asked
        with narrowed_to_documents(True):  # a trainer who chose the law asks its makers' fines too
            assert single_fine(maker, pools, "1") is not None


def test_a_makers_duty_is_no_item_for_a_mines_managers() -> None:
    duty = "升降机制造单位应当对其售出的升降机每年回访一次并作出记录"
    assert sentence_relevance(duty, MANAGERS) < THRESHOLD
    with narrowed_to_documents(True):
        assert sentence_relevance(duty, MANAGERS) >= THRESHOLD
    # Counter-example: the user's own duty towards the same equipment.
    assert sentence_relevance("设备使用单位应当每月对其使用的升降机进行一次自行检查并作出记录", MANAGERS) >= THRESHOLD


def test_the_reads_special_equipment_fines(shared_records, shared_pools) -> None:
    with for_audience(MANAGERS):
        for label in ("第八十条", "第八十二条"):  # T23 电梯制造单位, T27 经营单位
            record = record_of(shared_records, label, SPECIAL)
            assert all(single_fine(record, shared_pools, str(seed)) is None for seed in range(8)), label
        record = record_of(shared_records, "第八十六条", SPECIAL)  # T13: the user fails to train its operators
        assert any(single_fine(record, shared_pools, str(seed)) for seed in range(8))


# --------------------------------------------------------------------------- 2. an agency's duty, key given away


def test_an_agency_key_gets_no_enterprise_beside_it(shared_records, shared_pools) -> None:
    record = _record("地方卫生行政部门应当按季度通报辖区粉尘检测结果。", label="第二十七条", path="")
    import random

    assert party_distractors("地方卫生行政部门", "state", record, shared_pools, random.Random(1)) == []
    # Counter-example: an employer's duty still gets other bodies of its kind.
    employer = _record("施工单位应当为井下作业人员配发自救器。", label="第二十八条", path="")
    assert len(party_distractors("施工单位", "employer", employer, shared_pools, random.Random(1), rest="应当为井下作业人员配发自救器")) == 3


def test_the_reads_agency_duty_is_not_asked(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二十七条", "中华人民共和国职业病防治法")  # T32
    for audience in (FRONTLINE, MANAGERS):
        with for_audience(audience):
            for seed in range(8):
                question = single_party(record, shared_pools, str(seed))
                assert question is None or question.inputs["group"] != "state", question.stem


def test_an_agencys_own_supervision_is_no_managers_item() -> None:
    assert sentence_relevance("地方卫生行政部门应当依法对辖区内矿井实施监督检查", MANAGERS) < THRESHOLD
    with narrowed_to_documents(True):
        assert sentence_relevance("地方卫生行政部门应当依法对辖区内矿井实施监督检查", MANAGERS) >= THRESHOLD
    # Counter-example: the mine's own duty towards the inspectors stays asked.
    assert sentence_relevance("煤矿企业应当如实向检查人员提供通风记录，不得拒绝监督检查", MANAGERS) >= THRESHOLD


# --------------------------------------------------------------------------- 6. a fine of the wrong size


def test_a_persons_fine_gets_no_companys_amounts() -> None:
    import random

    stem = "矿企明知重大隐患仍组织生产的，对矿企处40万元以上150万元以下的罚款，对其负责人处（ ）的罚款"
    ranges = ["40万元以上90万元以下", "1万元以上8万元以下", "2万元以上10万元以下", "5万元以上20万元以下", "60万元以上120万元以下",
              "3万元以上30万元以下"]
    wrong = fine_distractors("2万元以上12万元以下", "", ranges, random.Random(3), stem=stem)
    assert "40万元以上90万元以下" not in wrong  # repeats the company's 40万元 of the stem
    assert "60万元以上120万元以下" not in wrong  # ten times the key: a company's fine
    assert len(wrong) == 3 and all(fine_bounds(w)[1] <= 5 * fine_bounds("2万元以上12万元以下")[1] for w in wrong)
    # Counter-example: an amount that only ends like one of the stem's (140万元 vs 40万元) is no repeat.
    assert not in_stem("140万元以上300万元以下", "处40万元以上80万元以下的罚款")
    assert in_stem("40万元以上300万元以下", "处40万元以上80万元以下的罚款")


def test_the_reads_personal_fine(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六十四条", "煤矿安全生产条例")  # T16
    with for_audience(MANAGERS):
        asked = [q for seed in range(12) if (q := single_fine(record, shared_pools, str(seed)))]
    assert asked
    for question in asked:
        key = fine_bounds(next(o.text for o in question.options if o.key in question.answer))[1]
        for text in (o.text for o in question.options if o.key not in question.answer):
            assert key / 5 <= fine_bounds(text)[1] <= key * 5 and not in_stem(text, question.stem), (text, question.stem)


# --------------------------------------------------------------------------- 7. a permission beside its own ban


def test_a_ban_is_not_made_a_permission_beside_another_ban() -> None:
    for sentence in ("任何人不得把救护车辆派作他用，不得搬走避难硐室里的食品和水",  # T34's shape
                     "雷雨天气时，严禁在室外变电所倒闸，严禁攀登电杆"):
        assert not [c for c in read.modal_changes(sentence) if c[2] in {"允许", "可以"}], sentence
    # Counter-examples: a single ban is still turned into a permission.
    assert [c for c in read.modal_changes("任何人不得把救护车辆派作他用") if c[2] in {"允许", "可以"}]
    assert [c for c in read.modal_changes("井下严禁使用灯泡取暖") if c[2] in {"允许", "可以"}]


# --------------------------------------------------------------------------- T8: a least wait offered on both sides


def _numbers_asked(text: str) -> list[list[Decimal]]:
    record = article(text)
    pools = TheoryPools.build([record, article("巷道风速每隔20min测一次，每次持续5min。", label="第十一条", number=11)])
    asked = [q for seed in range(10) if (q := single_number(record, pools, str(seed)))]
    assert asked, text
    return [[Decimal(re.match(r"[\d.]+", o.text).group(0)) for o in q.options if o.key not in q.answer] for q in asked]


def test_a_least_wait_gets_a_shorter_wrong_option() -> None:
    assert read_direction("必须在打开箱盖", "后方可测量电压") == -1
    for wrong in _numbers_asked("检修防爆蓄电池时，必须在打开箱盖10min后方可测量电压。"):
        assert any(w < 10 for w in wrong), wrong
    # Counter-example: a longest time keeps a longer wrong option.
    for wrong in _numbers_asked("局部通风机停止运转的时间不得超过10min。"):
        assert any(w > 10 for w in wrong), wrong


# --------------------------------------------------------------------------- 3. required at the act's place elsewhere


def test_a_system_required_at_the_face_is_no_wrong_precondition_of_mining_it() -> None:
    mining = preconditions.family_of("回采")
    assert preconditions.required_elsewhere("灭火管路系统", mining, "井下灭火管路应当铺设到每一个采掘工作面。")  # T7's shape
    # Counter-examples: required somewhere else, or at the face by no duty, or for another act's place.
    assert not preconditions.required_elsewhere("灭火管路系统", mining, "井下灭火管路应当铺设到井底车场。")
    assert not preconditions.required_elsewhere("灭火管路系统", mining, "有的采掘工作面铺有灭火管路。")
    assert not preconditions.required_elsewhere("灭火管路系统", preconditions.family_of("爆破"),
                                                "井下灭火管路应当铺设到每一个采掘工作面。")
    # The precondition rule itself still holds.
    assert preconditions.required_elsewhere("降尘供水系统", mining, "没有降尘供水管路的采掘工作面不得生产。")


def test_the_reads_face_systems(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第一百六十八条")  # T7
    for seed in range(8):
        question = single_term(record, shared_pools, str(seed))
        assert question is None or "消防管路系统" not in {o.text for o in question.options}


# --------------------------------------------------------------------------- 4. a blank another subject fills too

CORPUS_4 = ("刨煤机必须装设防滑和防飞车装置。\n"
            "掘进机必须遵守下列规定：开机前应当鸣笛示警；作业时，应当使用防滑和防飞车装置。\n"
            "带式输送机应当装设防跑偏和防撕裂装置。")


def test_a_subjects_blank_is_refused_where_another_subject_must_do_the_same() -> None:
    assert said_of_another("刨煤机必须装设防滑和防飞车装置", 0, "刨煤机", CORPUS_4)  # T28's shape
    assert said_of_another("防爆开关到矿验收时，应当核对防滑和防飞车装置", 0, "防爆开关", CORPUS_4)  # T25's: a condition between
    # Counter-examples: a predicate no other subject is bound to, one stated without a duty, a short predicate, and a
    # term that is no subject (its duty is another clause's).
    assert not said_of_another("带式输送机应当装设防跑偏和防撕裂装置", 0, "带式输送机", CORPUS_4)
    assert not said_of_another("刨煤机必须装设防滑和防飞车装置", 0, "刨煤机", "掘进机上有防滑和防飞车装置。")
    assert not said_of_another("刨煤机必须接地", 0, "刨煤机", CORPUS_4)
    assert not said_of_another("检修刨煤机。作业时必须装设防滑和防飞车装置", 2, "刨煤机", CORPUS_4)


def test_the_reads_spray_blank(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第七百零四条")  # T28
    for seed in range(8):
        question = blank_term(record, shared_pools, str(seed))
        assert question is None or not question.stem.endswith("（ ）必须安装内、外喷雾装置。"), question.stem


# --------------------------------------------------------------------------- 5. the article's subject in the stem

EXAM = ("井下电钳工上岗考试分为理论考试和实操考试，两项均合格方为通过。\n"
        "考点应当在考试结束后五个工作日内通知本人。\n"
        "考生考试合格的，发证机关应当在十五个工作日内发放上岗证。")


def test_a_bare_exam_carries_the_exam_its_article_opens_with() -> None:
    record = article(EXAM, title="测试培训规定", label="第三十条", number=30)
    for asked in ("考生考试合格的，发证机关应当在十五个工作日内发放上岗证", "考点应当在考试结束后五个工作日内通知本人"):
        assert stem_prefix(record, asked).startswith("根据《测试培训规定》第三十条关于井下电钳工上岗考试的规定，"), asked
    # Counter-examples: a sentence naming the exam in full, and an article opening with a party rather than a thing.
    assert "关于" not in stem_prefix(record, "井下电钳工上岗考试分为理论考试和实操考试")
    party = article("煤矿企业应当组织新工人参加考试。\n考生考试合格的，发证机关应当在十五个工作日内发放上岗证。")
    assert "关于" not in stem_prefix(party, "考生考试合格的，发证机关应当在十五个工作日内发放上岗证")


def test_the_reads_special_operations_exam(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二十七条", "煤矿安全培训规定")  # T38
    with for_audience(MANAGERS):
        asked = [q for seed in range(6) for g in (single_number, blank_number) if (q := g(record, shared_pools, str(seed)))]
    assert asked
    assert all("煤矿特种作业操作资格考试" in q.stem for q in asked if "申请人考试合格的" in q.stem)


def test_a_strict_duty_of_a_party_a_mine_never_is_stays_unasked() -> None:
    # A ban, an emergency and a figure lift a sentence's score: none makes a lift maintainer's duty a mine manager's.
    duty = "电梯维修单位接到故障报警后必须在30min内赶到现场，严禁拖延救援"
    assert sentence_relevance(duty, MANAGERS) < THRESHOLD
    assert sentence_relevance("设备使用单位接到故障报警后必须在30min内组织抢修，严禁拖延救援", MANAGERS) >= THRESHOLD


def test_a_party_a_mine_never_is_scores_nothing_for_the_frontline_either() -> None:
    # A default frontline run asked a lift maintainer's, an installer's and a renter's duties (7 of 705 items): no
    # worker of a mine bears them. A mine's own party in the same sentence shape stays asked.
    for duty in ("电梯维修单位接到故障报警后必须在30min内赶到现场，严禁拖延救援",
                 "设备出租单位不得出租已经报废的矿用设备"):
        assert sentence_relevance(duty, FRONTLINE) == 0.0
    assert sentence_relevance("设备使用单位接到故障报警后必须在30min内组织抢修，严禁拖延救援", FRONTLINE) >= THRESHOLD
