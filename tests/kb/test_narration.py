"""The story told around a question (kb.narration): who asks, when, what he saw, what happened. Such
words are neither things the library does not know (kb.qa.unknown_share) nor words the answer must
hold; what the question asks about still is.

The questions are written for these tests in a worker's words; the article texts are short
paraphrases in the style of the rules.
"""

from __future__ import annotations

import pytest

from kb.narration import is_story_word
from kb.qa import ask, unknown_share
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb


@pytest.mark.parametrize(
    "word",
    [
        "俺们", "我家", "老婆", "闺女", "工友", "大伙儿",  # who asks, his own people
        "昨晚", "明年", "平时", "后来", "大半年",  # when
        "听说", "觉得",  # what he heard or thinks
        "交完", "坏了", "修过", "该不该", "管没管",  # what happened, the yes-no put twice
    ],
)
def test_the_teller_the_time_and_what_happened_are_story(word: str):
    assert is_story_word(word)


@pytest.mark.parametrize(
    "word",
    [
        "新工人", "外来人员", "班组长",  # a party a rule binds, not the teller's own people
        "下个月", "这礼拜",  # a period of one's own mine asked about (kb.aspects.asks_local)
        "红烧肉", "纹身", "公积金",  # a thing asked about
        "看着",  # 谁看着开: to watch over, a duty asked
        "完成", "了解", "过滤",  # a word of its own, not a verb with 完/了/过
    ],
)
def test_what_a_question_asks_about_is_no_story(word: str):
    assert not is_story_word(word)


LIBRARY = [
    (1, "示例安全规程", "部门规章", 30,
     "严禁携带烟草和点火物品下井。入井人员必须随身携带自救器。"),
    (2, "示例安全规程", "部门规章", 31,
     "电气设备损坏后，必须由专职电工检修，检修前必须停电。"),
    (3, "示例培训规定", "部门规章", 12,
     "煤矿企业应当对新上岗的井下作业人员进行安全培训，培训时间不得少于72学时。"),
]


@pytest.fixture(scope="module")
def story_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    return small_kb(tmp_path_factory.mktemp("narration") / "index", LIBRARY)


def test_the_story_told_first_is_no_unknown_thing(story_kb: KnowledgeBase):
    # The teller's wife and the time are story; the same question about a thing the library lacks is not.
    told = unknown_share(story_kb, "俺老婆昨晚问 下井能带烟吗")
    assert told == unknown_share(story_kb, "下井能带烟吗")
    assert unknown_share(story_kb, "下井能带电子烟吗") > told


def test_the_story_does_not_make_a_right_answer_unsure(story_kb: KnowledgeBase):
    plain = ask(story_kb, "电气设备坏了谁来修")
    told = ask(story_kb, "俺们队的电气设备坏了 工友觉得该不该先停电再检修")
    assert plain.hit is not None and told.hit is not None
    assert told.hit.article == plain.hit.article == "第三十一条"
    assert told.features["unknown"] == 0.0
    # …while a thing the library does not hold still counts as unknown.
    other = ask(story_kb, "俺们队的对讲机坏了 工友觉得该不该先停电再检修")
    assert other.features["unknown"] > 0.0
