"""Eighteenth frontline blind read (issue 16), fault class 3: where works not yet built are placed (T21: the
井底车场 and main chambers of a new mine kept out of outburst seams) and whom the mine may hire (T22: a new rescue-team
recruit's schooling and age) scored as frontline-relevant. The key was right, but no worker places a new chamber or
hires anyone: `relevance.office_matter` marks both, so the frontline score drops them below `THRESHOLD`; a manager is
still asked. A ban at the face about an existing working, and a worker's own qualification, stay asked. Class 4
(T15): the means a case opens on is not blanked. The sentences below are in our own words.
"""

from __future__ import annotations

import pytest

from quiz.generation import relevance as rv
from quiz.generation.theory import TheoryPools, blank_term
from quiz.generation.theory.term_questions import case_means
from tests.generation.conftest import article

OFFICE = [
    "新建的主要水仓和变电所不得设置在有冲击地压危险的煤层中",
    "新建永久避难硐室应当布置在稳定的岩层中",
    "新招收的井下专职爆破队员，应当具有初中以上文化程度，年龄在35周岁以下",
    "招收的兼职救护人员必须符合身体健康条件",
]
AT_WORK = [
    "在有冲击地压危险的煤层中掘进巷道时，严禁人员在支护前进入空顶区",
    "变电所内不得存放易燃物品",
    "特种作业人员应当具备初中及以上文化程度",
    "新掘的巷道必须及时支护，严禁空顶作业",  # work at the face on a new roadway, not where one is placed
]


@pytest.mark.parametrize("sentence", OFFICE)
def test_placing_new_works_or_hiring_is_not_asked_of_the_frontline_but_of_managers(sentence: str) -> None:
    assert rv.office_matter(sentence)
    assert rv.sentence_relevance(sentence, rv.FRONTLINE) < rv.THRESHOLD
    assert rv.sentence_relevance(sentence, rv.MANAGERS) >= rv.THRESHOLD


@pytest.mark.parametrize("sentence", AT_WORK)
def test_a_ban_at_the_face_or_a_workers_own_qualification_is_no_office_matter(sentence: str) -> None:
    assert not rv.office_matter(sentence)


# Fault class 4 (T15): the means a case opens on (使用…通风的掘进工作面) blanked, with one word that fits.
MEANS = "使用局部通风机供风的煤巷掘进工作面，严禁随意停止供风"


def test_the_means_a_case_opens_on_is_not_blanked() -> None:
    assert case_means(MEANS, 2, "局部通风机")
    record = article(MEANS + "。", label="第三十条", number=30)
    pools = TheoryPools.build([record])
    items = [q for seed in map(str, range(12)) if (q := blank_term(record, pools, seed))]
    assert all("使用（ ）供风" not in q.stem for q in items)


@pytest.mark.parametrize(("sentence", "term"), [
    ("局部通风机必须由专人负责管理，严禁随意停开", "局部通风机"),  # the thing the rule is about
    ("掘进工作面必须使用局部通风机供风", "局部通风机"),  # the means the rule orders
])
def test_a_term_outside_the_opening_case_may_be_blanked(sentence: str, term: str) -> None:
    assert not case_means(sentence, sentence.index(term), term)
