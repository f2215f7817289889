"""Figures a rule bounds on one side, and whether the bound says when the rule applies or what it requires.

A bound in a condition or scope (（ ）台以上水泵同时运转时, 埋深超过（ ）的矿井, 距洞口（ ）以内): every value past it names a
narrower case the rule still covers, so beside 2台以上 the options 3台 and 4台 are true, and beside 2台 below it
the ones above are — only one side is false and the figure is no single choice (blind read 10, T31; issue 16). A
blank, or a true/false that moves it to the uncovered side, still asks it.

A bound in a requirement (每班巡检不少于（ ）次, 运行速度不得超过（ ）): the figure is what must be met, a stricter value is
not what the rule says, and real exams offer values on both sides (至少设（ ）个出口: 1/2/3/4). Such a choice keeps wrong
options either side, so the key is not given away by standing at the end of the row.
"""

from __future__ import annotations

import re

from quiz.generation import articles as read

_AFTER_BOUND = re.compile(r"^(?:及)?(?:以上|以下|以内)")

# What must be met, said with the bound after the figure: the clause ends there (资料应当保存3年以上), or a duty's verb
# stands just before it (应当保持…以上的间距).
_DUTY_BEFORE = re.compile(r"(?:应当|应|必须|须|均)(?:在|为|是|保持|保存|保留|留有|达到|持续|设置|配备|储备|储存)?$")
_CLAUSE_END = re.compile(r"^(?:$|[；;。）)])")  # not a comma: 爆破地点20m以内，… is where the rule applies

# A comparison then 时/的/者: the figure names the case (井深超过…的, 风速低于…时, 浓度达到…时 — not 强度应当达到…的, a duty);
# a negated one only before 时 (浓度不超过…时方可送电), since 保持不少于…的间距 is what must be kept.
_CASE_BEFORE = re.compile(r"(?<!不)(?:超过|大于|高于|多于|小于|低于|少于|不足)$|(?<!应当)(?<!应)(?<!必须)(?<!须)(?<!均)达到$")
_CASE_AFTER = re.compile(r"^(?:时|的|者|(?:或者|或|及|和|、)[^，,；;。：:]*?(?:的|时))")  # …大于10m或者…大于50m的岩层
_NEGATED_CASE_BEFORE = re.compile(r"(?<!得)不(?:超过|大于|高于|多于|小于|低于|少于)$")


def condition_bound(before: str, after: str) -> bool:
    """Whether the figure bounds the case the rule applies to (a condition or scope) rather than what it requires:
    （ ）台以上…时, （ ）以内不得…, 深度超过（ ）的, 低于（ ）时 — not 不少于（ ）, 至少（ ）次, 保存（ ）以上。"""
    clause = re.split(r"[，,；;。：:]", before)[-1].rstrip()
    bound = _AFTER_BOUND.match(after)
    if bound:
        rest = after[bound.end():]
        return not (_CLAUSE_END.match(rest) or _DUTY_BEFORE.search(clause))
    if _NEGATED_CASE_BEFORE.search(clause):
        return after.startswith("时")
    return bool(_CASE_BEFORE.search(clause) and _CASE_AFTER.match(after))


# A word before a bound that fixes its direction (延长的期限最长不超过60日, 每次最多不超过3人): turned round, the bound
# contradicts it (最长不少于60日) and the false statement is false on its face (managers' blind read 6, T5).
_DIRECTION_FIXED = re.compile(r"最(?:长|短|多|少|高|低|大|小)|上限|下限")


def flip_reads_as_rule(text: str, index: int, old: str, new: str, corpus: str) -> bool:
    """Whether a bound turned round (不超过 → 不少于) at `index` reads as a rule someone could believe: no word before it
    in its clause fixes the direction (`_DIRECTION_FIXED`: 最长不少于60日), and the corpus bounds a figure of the same
    unit that way somewhere (不少于…日 is how rules speak; no rule says 不少于…V, so 高压不少于10000V, a floor on a voltage
    ceiling, reads as nonsense: managers' blind read 6, T26). Otherwise the figure is what to change."""
    clause = re.split(r"[，,；;。：:]", text[:index])[-1]
    if _DIRECTION_FIXED.search(clause):
        return False
    figure = next((q for q in read.quantities(text[index + len(old):]) if q.start == 0), None)
    if figure is None or not corpus:
        return False
    unit = re.escape(figure.unit) + (r"(?![a-zA-Z/\d])" if figure.unit[-1:].isascii() else "")
    return re.search(re.escape(new) + r"(?:[\d.]+|[一二两三四五六七八九十百千]+)" + unit, corpus) is not None
