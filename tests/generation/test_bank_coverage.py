"""Coverage per bank (issue 16, bench/generation_coverage.py --exam): which bank each exam article comes from, the
documents a trainer preparing that bank's exam names (its syllabus) and whom the bank examines; on a tiny list."""

from __future__ import annotations

from bench.generation_coverage import bank_audience, bank_coverage, syllabus
from bench.generation_quality import load_exam_banks
from quiz.generation.records import ArticleRecord

FIXTURE = (
    "# a header line\n"
    "法甲\t第一条\t7\t管理题库=6,焊工题库=1\n"
    "法甲\t第二条\t2\t管理题库=2\n"
    "条例乙\t第三条\t1\t管理题库=1\n"
    "规程丙\t第四条\t3\t焊工题库=3\n"
    "旧表\t第五条\t4\n"
)


def _banks(tmp_path):
    path = tmp_path / "exam.tsv"
    path.write_text(FIXTURE, encoding="utf-8")
    return load_exam_banks(path)


def test_the_bank_column_is_read_per_article(tmp_path):
    banks = _banks(tmp_path)
    assert banks[("法甲", "第一条")] == {"管理题库": 6, "焊工题库": 1}
    assert banks[("旧表", "第五条")] == {}  # a list without the bank column still loads


def test_the_syllabus_is_the_documents_holding_a_share_of_the_banks_questions(tmp_path):
    banks = _banks(tmp_path)
    # 管理题库: 法甲 8 of 9 questions, 条例乙 1 of 9 (11%): both at 10%, only 法甲 at 20%.
    assert syllabus(banks, "管理题库", 0.1) == ["法甲", "条例乙"]
    assert syllabus(banks, "管理题库", 0.2) == ["法甲"]
    assert syllabus(banks, "焊工题库", 0.1) == ["规程丙", "法甲"]
    assert syllabus(banks, "无此题库") == []


def test_coverage_counts_only_the_banks_own_articles(tmp_path):
    banks = _banks(tmp_path)
    asked = {("法甲", "第一条"), ("规程丙", "第四条"), ("旧表", "第五条")}
    assert bank_coverage(banks, asked, "管理题库") == (1, 3)
    assert bank_coverage(banks, asked, "焊工题库") == (2, 2)
    assert bank_coverage(banks, set(), "焊工题库") == (0, 2)


def test_a_managers_bank_is_examined_as_managers():
    assert bank_audience("特种设备安全管理") == "managers"
    assert bank_audience("新电焊国家题库2018") == "frontline"


def _record(label: str, text: str) -> ArticleRecord:
    return ArticleRecord("法甲", "current", "2020-01-01", label, None, text)


def test_an_exam_article_a_trainer_run_misses_is_traced_to_the_stage_that_loses_it():
    from bench.generation_coverage import lost_at, stage_name
    from quiz.generation.theory import TheoryPools
    from quiz.generation.verify import Verifier

    rule = _record("第二条", "从业人员应当接受安全生产教育和培训。")
    aim = _record("第一条", "为了加强安全生产工作，制定本法。")
    pools, verifier = TheoryPools.build([rule, aim]), Verifier([rule, aim])
    assert lost_at(None, "1", pools, verifier, set(), set(), set()) == "not in the corpus or not current"
    # A document the trainer did not name, and one a default run leaves out, are two different stages.
    assert lost_at(rule, "1", pools, verifier, set(), set(), set(), "managers", True) == "outside the run's documents"
    assert lost_at(rule, "1", pools, verifier, set(), set(), set()) == "outside the default scope"
    assert lost_at(aim, "1", pools, verifier, {aim.key}, set(), set()) == "not normative (worth_asking)"
    assert stage_name("article relevance 0.2 < 0.4") == "article relevance"
    assert stage_name("verifier: a distractor is a rule") == "verifier"
    assert stage_name("sentence relevance below THRESHOLD (theory.judge)") == "sentence relevance below THRESHOLD"
