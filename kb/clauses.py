"""What kind of clause an article is, and what kind of answer a question wants.

Some articles repeat the topic words of their whole document yet never answer a
worker's question: the purpose clause (为了…，根据…，制定本法), the scope clause
(本规定适用于…), the closing clauses (本办法由…负责解释 / 自…起施行) and articles that
only define words (本规定所称…是指…). Penalty articles (法律责任: 处…罚款, 依法追究刑事
责任) name the duty they punish, so they match questions about the duty itself. Both
are recognised by their wording, never by document, and rank lower unless the question
asks for them (什么是… / 怎么罚).

Question cues: 怎么办 wants prescribed actions (立即, 停止, 撤出, 报告, 切断电源);
能不能 / 可以…吗 wants a permission or a prohibition (有权, 不得, 严禁, 方可); 职责 / 哪些
wants the article whose sentence introduces a list (负有下列职责：).
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.rulewords import DUTY, RIGHT, STRICT, rule_words

_DOC = r"(?:法|条例|规定|规程|细则|办法|制度|标准|准则|规则|决定|方案|作业法|守则|须知|意见)"
_FIRST_PARAGRAPH = re.compile(r"^[^\n]*")
_PURPOSE = re.compile(rf"(?:制定|修订|特制定)本[\u4e00-\u9fff]{{0,6}}?{_DOC}[。.]?\s*$")
_SCOPE = re.compile(rf"^本[\u4e00-\u9fff]{{0,6}}?{_DOC}适用于|适用本[\u4e00-\u9fff]{{0,6}}?{_DOC}[。；;]?\s*$")
_CLOSING = re.compile(r"起施行|负责解释|同时废止|解释权")
_DEFINITION = re.compile(
    rf"^(?:本[\u4e00-\u9fff]{{0,6}}?{_DOC}(?:中|下列用语的含义|所称)|下列用语的含义|[^。，；\n]{{1,60}}，?是指)"
)
_RULE_WORDS = rule_words(STRICT, DUTY, RIGHT)
_PENALTY_TEXT = re.compile(r"罚款|追究刑事责任|追究法律责任|吊销|没收违法所得|给予[^。；]{0,12}处分|拘留|有期徒刑|拘役")

CLOSING_MAX_CHARS = 160

# What the question asks for.
_ASKS_ACTION = re.compile(
    r"怎么办|咋办|咋整|怎么弄|怎么处理|如何处理|怎样处理|怎么处置|如何处置|如何应对|怎么应对|"
    r"该怎么|要怎么|应该怎么|怎么做|采取什么措施|采取哪些措施|怎么解决"
)
_ASKS_PERMISSION = re.compile(
    r"能不能|能否|可不可以|可以不|是否可以|行不行|准不准|让不让|许不许|有没有权|有权|允许|准许|"
    r"(?<!不)能[\u4e00-\u9fff]{1,8}吗|可以[\u4e00-\u9fff]{0,12}吗|不[\u4e00-\u9fff]{1,8}行吗|能不[\u4e00-\u9fff]{1,4}吗"
    r"|行不$|行吗$|中不中|成不成|没事吧|没事吗|没关系吧|没问题吧"
)
_ASKS_PENALTY = re.compile(r"罚|处分|追究|法律责任|刑事责任|判|坐牢|刑|违法|违规|后果|吊销|拘留|赔")
_ASKS_LIST = re.compile(
    r"职责|什么责任|啥责任|哪些责任|义务|权利|哪些|有什么|有啥|包括什么|包括哪|要干什么|要做什么|干啥|管什么|负责什么"
)
_ASKS_DEFINITION = re.compile(
    r"是谁|谁是|指谁|是什么|什么是|什么叫|叫什么|指什么|含义|意思|哪些|算不算|算是|属于|包括|情形|定义"
)

# What an answering sentence contains.
ACTION = re.compile(
    r"立即|停止|停工|停电|断电|撤出|撤离|撤人|撤到|撤至|报告|切断电源|关闭|封闭|进行处理|组织处理|采取措施|救援|抢救"
)
LIST_HEAD = re.compile(r"下列[\u4e00-\u9fff]{0,8}[:：]|以下[\u4e00-\u9fff]{0,8}[:：]")
PENALTY = _PENALTY_TEXT
PERMISSION = re.compile(r"有权|不得|严禁|禁止|方可|准许|允许|拒绝|可以")

NON_ANSWER = frozenset({"purpose", "scope", "closing"})


@lru_cache(maxsize=16384)
def clause_kind(text: str) -> str:
    """purpose, scope, closing, definition, penalty or "" (an ordinary rule) for an article."""
    first = _FIRST_PARAGRAPH.match(text.strip())
    head = first.group(0).strip() if first else ""
    if _PURPOSE.search(head):
        return "purpose"
    if _SCOPE.search(head) and not _RULE_WORDS.search(text):
        return "scope"
    if len(text) <= CLOSING_MAX_CHARS and _CLOSING.search(text) and not _RULE_WORDS.search(text):
        return "closing"
    if _DEFINITION.search(head) and not _RULE_WORDS.search(text):
        return "definition"
    if _PENALTY_TEXT.search(text):
        return "penalty"
    return ""


# An article that opens by setting up a system (突出矿井应当建立…突出预兆的报告制度; 煤矿应当建立
# 暴雨洪水…撤出井下人员的制度): how an organisation manages a hazard, not what to do when it happens.
_SETS_UP_SYSTEM = re.compile(r"^[^。；\n]*建立(?:健全)?[^。；\n]{0,40}(?:制度|责任制)")


def sets_up_system(text: str) -> bool:
    """Whether an article's first sentence sets up a system (应当建立…制度)."""
    return _SETS_UP_SYSTEM.search(text.strip()) is not None


def question_cues(text: str) -> frozenset[str]:
    """What the question asks for: action, permission, penalty, list, definition (any of them)."""
    cues = set()
    if _ASKS_ACTION.search(text):
        cues.add("action")
    if _ASKS_PERMISSION.search(text):
        cues.add("permission")
    if _ASKS_PENALTY.search(text):
        cues.add("penalty")
    if _ASKS_LIST.search(text):
        cues.add("list")
    if _ASKS_DEFINITION.search(text):
        cues.add("definition")
    return frozenset(cues)
