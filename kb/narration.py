"""The story a worker tells around a question: words that are not what it asks about.

Workers often tell what happened before they ask (上报以后伤员过了几天才去世 这还要再报吗,
我们队的钻机坏了 能不能先借别的用): who is asking or whom it is about among his own
people (我, 俺们, 媳妇, 孩子, 工友), when it happened (昨天, 中午, 后来, 平时), what he saw or
thinks (看见, 觉得), and what was done or went wrong (报完了, 查完, 坏了), or how the yes-no is
put (该不该). No article need hold such words, and the library seldom does: counted as things
the library does not know (kb.qa.unknown_share) or as words the answer must hold (its
coverage), they made a right answer look unsure.

Only words the library does not hold are ever read as story (a rule writing 职工家属 or
检查完毕 keeps them as words of the question), and the deictic periods of one's own mine
(下个月, 这礼拜: kb.aspects.asks_local) are not story: 下个月停产检修是哪几天 asks about
that month.
"""

from __future__ import annotations

import re

# Who is asking, and his own people (not a party a rule binds: 新工人, 外来人员, 班长).
_TELLER = r"[我俺咱][们家]?|媳妇儿?|老婆|老公|丈夫|妻子|爱人|孩子|娃|儿子|闺女|女儿|亲戚家?|工友|大伙儿?|家属|家里人"
# When it happened, or how often it does (not the asker's next month or week).
_WHEN = (
    r"今天|明天|昨天|昨晚|前天|今年|明年|去年|中午|早上|晚上|半夜|后来|原来|平常|平时|现在|以前|以后|刚才"
    r"|礼拜天|周末|半天|[两三几]天|大?半年|这两年"
)
# What he saw, heard or thinks.
_PERCEIVED = r"看见|看到|听说|觉得|感觉|寻思"
# What was done or went wrong: a verb with 了, 完 or 过 (报完了, 查完, 坏了); and a yes-no put as
# the verb twice (该不该, 行没行).
_HAPPENED = r"[\u4e00-\u9fff]{1,2}[了完过]|(?P<verb>[\u4e00-\u9fff])[不没](?P=verb)[\u4e00-\u9fff]{0,2}"

_STORY = re.compile(f"{_TELLER}|{_WHEN}|{_PERCEIVED}|{_HAPPENED}")


def is_story_word(term: str) -> bool:
    """Whether a word (one the library does not hold) tells the story around the question, not
    what it asks about."""
    return bool(_STORY.fullmatch(term))
