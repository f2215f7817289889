"""Whether one case falls under a category (算不算工伤): the list holding the case answers, in or out."""

from __future__ import annotations

import pytest

from kb.indexing import ArticleRecord, build_index
from kb.kinds import asked_polarity, asks_negative, question_kind
from kb.qa import ask
from kb.search import KnowledgeBase

TITLE = "示例伤亡保障条例"
# Three lists of one category: what counts, what is deemed to count, and what does not.
LIBRARY = [
    (1, 30, "职工遇下列情况，认定为工伤：\n（一）上班时间在岗位上因工作出事受伤；\n"
            "（二）上班时在工作地点因履行职责遭到暴力伤害；\n（三）上下班路上遇交通事故受伤，本人不负主要责任。"),
    (2, 31, "职工遇下列情况，视同工伤：\n（一）当班期间在岗位上突发疾病身亡，或者抢救不过48小时身亡；\n"
            "（二）参加抢险救灾受伤。"),
    (3, 32, "职工虽有前两条所列情况，但是有下列情况之一的，不得认定为工伤或者视同工伤：\n"
            "（一）故意犯罪；\n（二）醉酒、吸毒；\n（三）自残、自杀。"),
    (4, 33, "职工出事受伤，单位在30日内提出工伤认定申请。"),
]


@pytest.fixture(scope="module")
def cases_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The three lists and a deadline, indexed once for this module."""
    from corpus.numerals import to_chinese_number

    records = [
        ArticleRecord(
            article_id=aid, doc_id=1, title=TITLE, path="第三章 认定", text=text,
            label=f"第{to_chinese_number(number)}条", number=number, kind="article", anchor=f"art-{number}",
            ordinal=aid, doc_type="行政法规", status="current", doc_key=TITLE,
        )
        for aid, number, text in LIBRARY
    ]
    root = tmp_path_factory.mktemp("cases") / "index"
    build_index(root, records)
    return KnowledgeBase(root)


@pytest.mark.parametrize("question", ["当班的时候叫人打伤了算不算工伤", "是不是工伤", "属不属于职业病", "能不能算工伤"])
def test_an_a_not_a_question_asks_nothing_negative(question: str):
    assert not asks_negative(question)


@pytest.mark.parametrize("question", ["哪些情形不能认定工伤", "什么情况下不算工伤", "哪些病不属于职业病"])
def test_a_question_asking_what_does_not_count_is_negative(question: str):
    assert asks_negative(question)
    assert asked_polarity(question) is True


@pytest.mark.parametrize(("question", "polarity"), [
    ("吸了毒出的事算工伤吗", None),
    ("当班的时候叫人打伤了算不算工伤", None),
    ("什么情况下视同工伤", False),
    ("工伤怎么认定", False),
])
def test_one_case_asked_of_takes_either_polarity(question: str, polarity: bool | None):
    assert asked_polarity(question) is polarity


@pytest.mark.parametrize("question", ["放学接孩子路上摔了算工伤不", "尘肺病算职业病么", "这种情况算工伤不？"])
def test_whether_it_counts_ending_in_a_particle_is_a_definition_question(question: str):
    assert question_kind(question) == "definition"


def test_giving_up_is_no_definition_question():
    assert question_kind("算了不干了") != "definition"


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("当班的时候在工作面叫人打了算不算工伤", 1),  # 叫人打 → 暴力, in the list of what counts
        ("干着活突然犯病 送医院没抢救过来 算工伤不", 2),  # 犯病 → 突发疾病, deemed to count
        ("醉酒以后在巷道里摔伤了算不算工伤", 3),  # the case is in the list of what does not count
        ("自残受伤算工伤吗", 3),
    ],
)
def test_the_list_holding_the_case_answers(cases_kb: KnowledgeBase, question: str, article: int):
    answer = ask(cases_kb, question)
    assert answer.kind == "definition"
    assert (answer.hit.article_id if answer.answered else answer.candidates[0].article_id) == article


def test_a_question_asking_what_does_not_count_gets_the_exclusions(cases_kb: KnowledgeBase):
    answer = ask(cases_kb, "哪些情形不能认定为工伤")
    assert (answer.hit.article_id if answer.answered else answer.candidates[0].article_id) == 3
