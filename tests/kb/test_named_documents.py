"""A question naming a document of the library is answered from that document (kb.naming): 安全生产法什么时候施行
was answered by another document's 本条例施行前… (which shares 施行 twice), 煤矿安全规程什么时候施行的 by the
劳动合同法. An answer from another document is never shown as confident."""

from __future__ import annotations

import pytest

from kb.naming import named_documents
from kb.qa import CONFIDENT_THRESHOLD, ask
from kb.query import plan_query
from tests.kb.conftest import small_kb

SAFETY_LAW = "中华人民共和国安全生产法"
PERMIT = "安全生产许可证条例"
RULES = "煤矿安全规程"
CONTRACT_LAW = "中华人民共和国劳动合同法"
LABOUR_LAW = "中华人民共和国劳动法"
INJURY = "工伤保险条例"
WOMEN = "女职工劳动保护特别规定"

# (article id, title, doc_type, number, text): our own short paraphrases; the other documents' articles
# share the question's words more often than the named one's
ROWS = [
    (1, SAFETY_LAW, "法律", 119, "本法自2002年11月1日起施行。"),
    (2, SAFETY_LAW, "法律", 24, "矿山和金属冶炼单位须设安全生产管理机构，或者配专职的安全生产管理人员。"),
    (3, PERMIT, "行政法规", 22,
     "在本条例施行以前已投入生产的企业，须在本条例施行后一年之内按本条例施行的要求申办安全生产许可证。"),
    (4, PERMIT, "行政法规", 6,
     "企业拿到安全生产许可证后，从业人员在一百人以上的，须设安全生产管理机构并配三名以上专职安全生产管理人员。"),
    (5, RULES, "部门规章", 776,
     "本规程自2026年2月1日起施行，解释权在国家矿山安全监察局；原规程同日废止，以前的规定与本规程冲突的以本规程为准。"),
    (6, RULES, "部门规章", 10, "入井人员必须随身携带自救器和标识卡，严禁携带烟草和点火物品。"),
    (7, CONTRACT_LAW, "法律", 97,
     "本法施行以前依法签订、本法施行之日仍存续的劳动合同继续履行；本法施行以后解除或终止的，按本法施行的规定付经济补偿。"),
    (8, LABOUR_LAW, "法律", 41,
     "因生产经营需要，用人单位同工会和劳动者协商后，可以延长工作时间，一般一天不超过一小时。"),
    (9, WOMEN, "行政法规", 9,
     "女职工怀孕满7个月的，用人单位不得延长其劳动时间，也不得安排夜班；用人单位能不能延长工作时间按本规定执行。"),
    (10, INJURY, "行政法规", 14, "职工上下班途中遭受非本人主要责任的交通事故伤害，应认定为工伤。"),
    (11, INJURY, "行政法规", 67, "本条例自2004年1月1日起施行。"),
]


@pytest.fixture(scope="module")
def named_kb(tmp_path_factory: pytest.TempPathFactory):
    return small_kb(tmp_path_factory.mktemp("named") / "index", ROWS)


@pytest.mark.parametrize(("question", "article"), [
    ("安全生产法什么时候施行", 1),  # time
    ("煤矿安全规程什么时候施行的", 5),
    ("新版煤矿安全规程哪天开始执行", 5),  # 执行 said for 施行, 哪天 asking when
    ("规程啥时候开始施行", 5),  # the synonym table's word for the 规程
    ("工伤保险条例哪年开始实施的", 11),
    ("安全生产法说一百人以上的单位得设几名专职管理人员", 2),  # quantity
    ("劳动法里单位能不能延长工作时间", 8),  # permission
])
def test_the_named_documents_article_answers(named_kb, question, article) -> None:
    answer = ask(named_kb, question)
    assert answer.answered, question
    assert answer.hit.article_id == article, (question, answer.citation)


def test_an_answer_from_another_document_is_not_confident(named_kb) -> None:
    """The 煤矿安全规程 of this library says nothing of 工伤: the 工伤保险条例 may answer, as 可能的答案."""
    plain = ask(named_kb, "上下班路上出了车祸算不算工伤")
    assert plain.hit is not None and plain.hit.article_id == 10 and plain.confident
    named = ask(named_kb, "煤矿安全规程里上下班路上出了车祸算不算工伤")
    first = named.hit or named.alternatives[0]
    assert first.article_id == 10
    assert not named.confident and named.confidence < CONFIDENT_THRESHOLD


def test_a_document_is_named_by_its_title_or_the_synonym_tables_word_for_it(named_kb) -> None:
    documents = named_kb.documents()
    by_title = {str(info["title"]): doc_id for doc_id, info in documents.items()}

    def named(question: str) -> set[str]:
        plan = plan_query(question)
        return {str(documents[d]["title"]) for d in named_documents(documents, plan.text, plan.concepts)}

    assert named("《中华人民共和国安全生产法》什么时候施行") == {SAFETY_LAW}
    assert named("按规程瓦斯超限怎么办") == {RULES}
    assert named("劳动法和工伤保险条例哪个管这事") == {LABOUR_LAW, INJURY}
    assert named("安全生产法律法规有哪些") == set()  # the laws on safety, not the 安全生产法
    assert named("作业规程谁来审批") == set()
    assert by_title[RULES] in named_documents(documents, "煤矿安全规程", ())
