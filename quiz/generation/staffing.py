"""Who must be full-time: a false statement that lets a post or a body required 专职 be filled part-time.

A rule that a unit must appoint 专职 safety managers, a 专职 mine head or set up a 专职 rescue team (安全生产法: 矿山…
配备专职安全生产管理人员; 特种设备安全法: 为公众提供服务的…运营使用单位…配备专职的特种设备安全管理人员) is what a
manager is examined on, and the shortcut an employer takes is to make the post part-time: 专职 → 专职或者兼职, the wording
the same laws use for the units that may (其他…配备专职或者兼职的…). Asked only where the rule requires the post (必须,
应当 before it) and the post is named right after 专职 (人员, 队, 矿长, 工程师 …). Not where the sentence names a part-time
post (专职或者兼职的职业卫生医师 is no full-time rule; …不具备条件的，应当设立兼职救护队 gives the change away), nor a
专职 team the duty only names (与邻近的专职救护队签订协议), nor one in the clause that says when the rule applies
(不具备设立专职救护队条件的，…).
"""

from __future__ import annotations

import re

# 配备/设立/设置 … 专职 (的) …: the post the duty appoints, with at most a short qualifier between (符合要求的专职矿长).
_APPOINTED = re.compile(r"(?:配备|设立|设置|建立|配置|聘用)(?:[\u4e00-\u9fa5]{0,6}?的)?(专职)(?=的?[\u4e00-\u9fa5]{0,12}?"
                        r"(?:人员|队|矿长|工程师|医师|护士|机构))")
_DUTY = re.compile(r"必须|应当")
_PART_TIME = "兼职"
_CLAUSE = re.compile(r"[，；。：]")


def _in_condition(sentence: str, index: int) -> bool:
    """Whether `sentence[index]` stands in a clause that says when the rule applies (…条件的，…)."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, index)), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(sentence, index)), len(sentence))
    clause = sentence[start:end]
    return clause.endswith("的") or "条件" in clause


def staffing_changes(sentence: str) -> list[tuple[int, str, str]]:
    """(index, 专职, 专职或者兼职) for each post the sentence requires full-time, in a sentence that names no part-time
    post (专职、兼职的…; a part-time case of its own)."""
    if _PART_TIME in sentence:
        return []  # …应当设立专职救护队；不具备…条件的，应当设立兼职救护队: the part-time case named gives the change away
    out = []
    for found in _APPOINTED.finditer(sentence):
        start = found.start(1)
        if not _DUTY.search(sentence[:start]):
            continue
        if _in_condition(sentence, start):
            continue  # 不具备设立专职救护队条件的，…: when the rule applies, not what it requires
        out.append((start, "专职", "专职或者兼职"))
    return out
