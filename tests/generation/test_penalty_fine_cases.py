"""Managers' fine items (issue 16, blind read managers 2): a fine on a committee or an official is not asked
(`official_fine`: T10), nor one a later document in force sets anew for the same case on the same party
(`fined_party`, `superseded_fine`: T32, 事故报告和调查处理条例 (2007) 第三十七条's 重大事故 fine beside 安全生产法 (2021)
第一百一十四条)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.generation.penalties import (
    fine_slots,
    fined_party,
    graded_slots,
    official_fine,
    single_fine,
    superseded_fine,
)
from quiz.generation.records import ArticleRecord
from quiz.generation.relevance import for_audience
from quiz.generation.syllabus import narrowed_to_documents
from quiz.generation.theory import TheoryPools

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# Shaped as the articles of the read (not quoted): a grade list of an old regulation, a later law's and a later
# coal-mine regulation's.
OLD_GRADED = (
    "负有事故责任的事故发生单位，依照下列规定处以罚款：\n(一)发生一般事故，处10万元以上20万元以下罚款；\n"
    "(二)发生重大事故，处50万元以上200万元以下罚款。"
)
LAW_GRADED = (
    "生产经营单位对生产安全事故负有责任的，按照下列规定处以罚款：\n（一）发生一般事故，处10万元以上20万元以下罚款；\n"
    "（二）发生重大事故，处二百万元以上一千万元以下罚款。"
)
MINE_GRADED = (
    "煤矿企业对所发生的煤矿生产安全事故负有责任的，按照下列规定处以罚款：\n（一）发生一般事故，处50万元以上100万元以下罚款；\n"
    "（二）发生重大事故，处500万元以上1000万元以下罚款。"
)
OLD_TRAINING = ("煤矿企业没有按规定开展从业人员安全生产培训的，责令其限期改正，处五万元以上十万元以下罚款；"
                "对其直接负责的主管人员并处一万元以上二万元以下罚款。")
NEW_TRAINING = ("生产经营单位没有按规定开展从业人员安全生产培训的，责令限期改正，处十万元以上二十万元以下罚款；"
                "对其直接负责的主管人员并处二万元以上五万元以下罚款。")
OTHER_CASE = "生产经营单位未按照规定投保安全生产责任险的，责令其限期改正，并处五万元以上十万元以下的罚款。"
HIDDEN_HAZARD = "煤矿企业存在重大事故隐患却仍然组织生产的，责令其停产整顿，并处50万元以上200万元以下的罚款。"


def _record(title: str, version: str, text: str, label: str = "第三十七条") -> ArticleRecord:
    return ArticleRecord(title=title, status="current", version=version, label=label, number=37, text=text,
                         path="第五章 法律责任")


def _superseded(record: ArticleRecord, others: list[ArticleRecord]) -> list[str]:
    """The fines of `record` a later record of `others` sets anew."""
    pools = TheoryPools.build([record, *others])
    slots = fine_slots(record.text) + [(s, f) for s, f, _ in graded_slots(record.text)]
    return [fine for sentence, fine in slots if superseded_fine(record, sentence, fine, pools.penalties)]


T10 = "职业病诊断鉴定委员会组成人员收受诊断争议当事人财物的，予以警告，并可处三千元以上五万元以下罚款"


def test_a_fine_on_a_committee_or_an_official_is_told():
    assert official_fine(T10, "三千元以上五万元以下")
    assert official_fine("违反本法规定，对负有责任的工作人员处一万元以上五万元以下罚款", "一万元以上五万元以下")
    # An agency that finds the violation, or one the violator fails to tell, is not the fined party.
    assert not official_fine("煤矿安全培训主管部门发现煤矿企业未制定年度安全培训计划的，可以处一万元以上三万元以下的罚款",
                             "一万元以上三万元以下")
    assert not official_fine("用人单位违反本法规定，拒绝职业卫生监督管理部门监督检查的，处五万元以上二十万元以下的罚款",
                             "五万元以上二十万元以下")
    # A maker's fine stays (the 特种设备安全管理 exam asks it of managers).
    assert not official_fine("违反本法规定，未进行型式试验的，处三万元以上三十万元以下罚款", "三万元以上三十万元以下")


def test_a_fine_falls_on_the_employer_or_its_managers_named_in_the_stem():
    # T9: 型式试验 is the maker's duty and the stem names nobody; T10: a committee's members taking bribes.
    assert fined_party("违反本法规定，未做型式试验的，责令限期改正；期满仍不改正的，处三万元以上三十万元以下罚款",
                       "三万元以上三十万元以下") is None
    assert fined_party(T10, "三千元以上五万元以下") is None
    # An agency named before the employer, or a fine set 对机构处, is a third party's.
    assert fined_party("特种设备检验机构为使用单位出具虚假检验报告的，处五万元以上二十万元以下罚款", "五万元以上二十万元以下") is None
    assert fined_party("煤矿企业委托的检测机构出具虚假报告的，对机构处五万元以上二十万元以下罚款", "五万元以上二十万元以下") is None
    # The employer, and its managers fined beside it.
    assert fined_party("违反本法规定，特种设备使用单位未办理使用登记的，处一万元以上十万元以下罚款", "一万元以上十万元以下") == "employer"
    assert fined_party("用人单位违反本法规定，未组织职业健康检查的，处五万元以上十万元以下的罚款", "五万元以上十万元以下") == "employer"
    assert fined_party("监察机构发现煤矿企业冒用安全生产许可证的，并处10万元以上50万元以下的罚款", "10万元以上50万元以下") == "employer"
    sentence = fine_slots(OLD_TRAINING)[1][0]
    assert fined_party(sentence, "一万元以上二万元以下") == "leader"
    assert fined_party(sentence, "五万元以上十万元以下") == "employer"


def test_a_later_document_fining_the_same_accident_grade_supersedes_the_older_fine():
    old = _record("生产安全事故报告和调查处理条例", "2007-04-09", OLD_GRADED)
    law = _record("中华人民共和国安全生产法", "2021-06-10", LAW_GRADED, "第一百一十四条")
    mine = _record("煤矿安全生产条例", "2024-01-24", MINE_GRADED, "第六十七条")
    # T32: 重大事故 50万–200万 is no longer the fine; 一般事故 10万–20万 the later law sets alike is still asked.
    assert _superseded(old, [law]) == ["50万元以上200万元以下"]
    assert _superseded(old, [law, mine]) == ["10万元以上20万元以下", "50万元以上200万元以下"]
    # The newest document's fine on the employer is still asked; an older document supersedes nothing.
    assert _superseded(mine, [old, law]) == []
    assert _superseded(old, []) == []
    # A fine on a party not told (对负有责任的单位, as 特种设备安全法 第九十条, a special law) is not superseded.
    equipment = _record("中华人民共和国特种设备安全法", "2013-06-29", OLD_GRADED.replace("负有事故责任的事故发生单位",
                                                                                "发生事故，对负有责任的单位"), "第九十条")
    assert _superseded(equipment, [law, mine]) == []
    # 存在重大事故隐患 is no accident's grade.
    assert _superseded(old, [_record("煤矿安全生产条例", "2024-01-24", HIDDEN_HAZARD, "第六十四条")]) == []


def test_a_later_fine_for_the_same_violation_on_the_same_party_supersedes_it():
    old = _record("煤矿安全培训规定", "2018-01-11", OLD_TRAINING, "第四十七条")
    new = _record("中华人民共和国安全生产法", "2021-06-10", NEW_TRAINING, "第九十七条")
    assert _superseded(old, [new]) == ["五万元以上十万元以下", "一万元以上二万元以下"]
    # Another violation, or the same fined on another party only, supersedes nothing.
    assert _superseded(old, [_record("中华人民共和国安全生产法", "2021-06-10", OTHER_CASE, "第一百零九条")]) == []
    employer_only = NEW_TRAINING.split("；")[0] + "。"
    assert _superseded(old, [_record("中华人民共和国安全生产法", "2021-06-10", employer_only)]) == ["五万元以上十万元以下"]


def test_managers_are_not_asked_a_superseded_or_an_officials_fine():
    # The later law fines 一般事故 alike and 重大事故 anew, not 较大事故: all but the 重大事故 fine are asked.
    old = _record("生产安全事故报告和调查处理条例", "2007-04-09",
                  OLD_GRADED.replace("(二)", "(二)发生较大事故，处20万元以上50万元以下罚款；\n(三)"))
    law = _record("中华人民共和国安全生产法", "2021-06-10", LAW_GRADED, "第一百一十四条")
    committee = _record("中华人民共和国职业病防治法", "2018-12-29", T10 + "。", "第八十一条")
    agency = _record("中华人民共和国安全生产法", "2021-06-10", "承担安全评价的机构出具虚假报告的，处5万元以上30万元以下的罚款。"
                     "承担检测的机构租借资质的，处30万元以上100万元以下的罚款。"
                     "承担认证的机构租借资质的，处一万元以上十万元以下罚款。承担检验的机构出具虚假报告的，处五千元以上五万元以下罚款。"
                     "承担评估的机构出具虚假报告的，处二千元以上二万元以下罚款。", "第九十二条")
    pools = TheoryPools.build([old, law, committee, agency])
    with for_audience("managers"):
        asked = [single_fine(old, pools, str(seed)) for seed in range(12)]
        assert {q.inputs["fine"] for q in asked if q} == {"10万元以上20万元以下", "20万元以上50万元以下"}
        assert all(single_fine(committee, pools, str(seed)) is None for seed in range(4))
        assert single_fine(agency, pools, "1") is None  # a mine is no assessment body (managers' blind read 3)
        assert single_fine(law, pools, "1") is not None
        with narrowed_to_documents(True):  # the trainer chose the law: its bodies' fines are asked too
            assert single_fine(agency, pools, "1") is not None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus absent")
def test_the_reads_articles_in_the_corpus():
    from quiz.generation.cli import load_records

    records = [r for r in load_records(CORPUS) if r.status == "current"]
    pools = TheoryPools.build(records)

    def superseded(title: str, label: str) -> list[str]:
        record = next(r for r in records if title in r.title and r.label == label)
        slots = fine_slots(record.text) + [(s, f) for s, f, _ in graded_slots(record.text)]
        return [s for s, f in slots if superseded_fine(record, s, f, pools.penalties)]

    assert any("发生重大事故" in sentence for sentence in superseded("生产安全事故报告和调查处理条例", "第三十七条"))
    assert superseded("煤矿安全生产条例", "第六十七条") == []
