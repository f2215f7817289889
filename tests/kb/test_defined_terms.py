"""Which words a definition question asks about, in an order that does not depend on Python's
string hashing: the same question gives the same answer in every server process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.hits import Hit
from kb.kinds import asked_category
from kb.qa import defined_terms, defined_together
from kb.query import plan_query

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ["什么是较大事故和一般事故", "固定期限劳动合同是什么意思", "瓦斯突出和煤尘爆炸怎么认定"]
PROGRAM = (
    "import json, sys\n"
    "from kb.qa import defined_terms\nfrom kb.query import plan_query\n"
    "print(json.dumps([defined_terms(plan_query(q)) for q in json.loads(sys.argv[1])], ensure_ascii=False))\n"
)


def test_longest_first_and_equal_lengths_in_the_order_asked() -> None:
    assert defined_terms(plan_query("什么是较大事故和一般事故"))[:2] == ["较大事故", "一般事故"]
    assert defined_terms(plan_query("瓦斯突出和煤尘爆炸怎么认定"))[:2] == ["瓦斯突出", "煤尘爆炸"]
    assert defined_terms(plan_query("固定期限劳动合同是什么意思"))[0] == "固定期限劳动合同"


def test_every_process_reads_the_question_alike() -> None:
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = os.environ | {"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-c", PROGRAM, json.dumps(QUESTIONS)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True, timeout=120)
        seen.add(out.stdout.strip().splitlines()[-1])
    assert len(seen) == 1, seen


def test_the_rules_word_for_a_word_asked_comes_after_the_words_asked() -> None:
    # 危化品 is what workers say, 危险化学品 what the rule defines (kb/data/synonyms.txt).
    assert defined_terms(plan_query("危化品是什么")) == ["危化品", "危险化学品"]
    terms = defined_terms(plan_query("本安型是啥意思"))
    assert terms[0] == "本安型" and terms[-1] == "本质安全型"
    assert defined_terms(plan_query("什么是较大事故和一般事故"))[:2] == ["较大事故", "一般事故"]  # no synonym: as asked


def test_a_question_whether_something_falls_under_a_category_asks_the_category() -> None:
    # 尘肺病属于职业病吗 is answered by the article defining 职业病, not one about 尘肺病; 属于 is how it asks.
    assert defined_terms(plan_query("尘肺病属于职业病吗"))[0] == "职业病"
    assert defined_terms(plan_query("煤矿工人算不算从业人员"))[0] == "从业人员"
    # …while a question naming no category keeps the words in the order asked.
    assert defined_terms(plan_query("尘肺病和职业病有啥区别"))[:2] == ["尘肺病", "职业病"]


@pytest.mark.parametrize(
    ("question", "category"),
    [("尘肺病属于职业病吗", "职业病"), ("上班路上被车撞了算不算工伤", "工伤"), ("啥东西算危险化学品", "危险化学品"),
     ("尘肺是不是职业病", "职业病"), ("沿空留巷是啥", ""), ("工伤怎么认定", "")],
)
def test_the_category_asked(question: str, category: str) -> None:
    assert asked_category(question) == category


GLOSSARY = "本细则下列用语的含义：\n探水线，是指用钻探方法进行探水作业的起始线。\n警戒线，是指开始加强水情观测的控制线。"


@pytest.mark.parametrize(
    ("asked", "defined", "text", "expected"),
    [
        ("探水线警戒线", "警戒线", GLOSSARY, True),  # two words asked in one breath, one article defining both
        ("探水线警戒线", "探水线", GLOSSARY, True),
        ("探水线警戒线", "警戒线", "警戒线，是指开始加强水情观测的控制线。", False),  # the other word undefined there
        ("警戒线位置", "警戒线", GLOSSARY, False),  # 位置 is not a word the article defines
    ],
)
def test_two_words_asked_together_are_answered_by_the_article_defining_both(
    asked: str, defined: str, text: str, expected: bool
) -> None:
    hit = Hit(article_id=1, doc_id=1, title="煤矿防治水细则", article="第一百三十七条", label="第一百三十七条",
              chapter="", doc_type="部门规章", status="current", score=1.0, text=text, anchor="", number=137,
              kind="article")
    assert defined_together(asked, defined, [hit]) is expected


def test_a_glossary_word_written_in_quotes_is_asked_whole() -> None:
    # The 规程's 附录 writes “掏根”式开采; a worker types 掏根式开采, which must not be cut into 根式.
    terms = defined_terms(plan_query("掏根式开采咋回事"))
    assert terms[0] == "掏根式开采"
    assert "根式" not in {c.term for c in plan_query("掏根式开采咋回事").concepts}


@pytest.mark.parametrize(
    ("question", "term"),
    [("多长的工作面算超长工作面", "超长工作面"), ("多陡的煤层算急倾斜煤层", "急倾斜煤层")],
)
def test_a_word_said_twice_still_joins_the_run_it_is_said_in(question: str, term: str) -> None:
    # 工作面 is said first on its own, then inside 超长工作面: the run is the word asked about
    assert defined_terms(plan_query(question))[0] == term


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("啥情况下一个井就算高瓦斯矿井了", "definition"),
        ("多长的工作面算超长工作面", "definition"),
        ("多厚的煤层算厚煤层", "definition"),
        ("二氧化碳浓度多少算超限", "quantity"),  # a number asked: the limit, not what the word means
        ("工龄从哪天开始算", "time"),  # 哪天 asks a day; not what 工龄 means
        ("月底咋清算工钱", "action"),  # 清算 is a sum, not 算 + the word
        ("不想干就算了", ""),
    ],
)
def test_what_counts_as_the_word_a_question_ends_with(question: str, kind: str) -> None:
    from kb.kinds import question_kind

    assert question_kind(question) == kind


def test_a_workers_short_name_is_asked_in_the_rules_words_after_his_own() -> None:
    # 民爆器材 is what the rules define as 民用爆炸物品
    assert defined_terms(plan_query("民爆器材到底指啥")) == ["民爆器材", "民用爆炸物品"]
