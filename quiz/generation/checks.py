"""The checks a stored generated question passed, named in Chinese for the trainer's review page.

Only questions the independent verifier (`quiz.generation.verify`) passes are stored, so a
draft has passed every check the verifier applies to its generator; this module names them,
restated from the verifier and from the rules the hazard generators enforce before a question
leaves them (no give-away in an accident-type stem, options of distinct classes).
"""

from __future__ import annotations

from typing import Any

#: What the verifier checks of every question.
COMMON = (
    "题型、选项与答案格式合规",
    "选项不重复，没有“以上都对”之类的兜底选项",
    "干扰项与答案不相同、不互相包含",
    "题干与同批其他题不重复",
)
#: What it checks of every theory question.
THEORY = ("出处为现行文件，题干开头所引条文与出处一致",)
_FILLED_BACK = "答案填回后与所引条文原文一致"
_DISTRACTORS_NOT_STATED = "任一干扰项填回后都不是原文，干扰项未见于该条"
_ACCIDENT_TYPE = (
    "答案按危险源辨识清单重算，为清单所列事故类别",
    "干扰项不是备选类别或兜底类别",
    "题干只描述情况，不含答案或其别称",
    "选项为互不重叠的事故类别",
)

BY_GENERATOR: dict[str, tuple[str, ...]] = {
    "theory.blank_number": (_FILLED_BACK,),
    "theory.single_number": (_FILLED_BACK, _DISTRACTORS_NOT_STATED),
    "theory.single_range": (_FILLED_BACK, _DISTRACTORS_NOT_STATED, "选项都是同一单位、同一写法的范围，不互相包含，不与答案共用端点"),
    "theory.single_party": (_FILLED_BACK, _DISTRACTORS_NOT_STATED),
    "theory.single_term": (
        _FILLED_BACK,
        _DISTRACTORS_NOT_STATED,
        "答案在所记句子的所记位置且只出现一次",
        "选项之间至少相差两个字",
    ),
    "theory.blank_term": (
        _FILLED_BACK,
        "答案是一个用语（设备、地点、气体、文件等名称），不是数字或情态词",
        "答案在所记句子的所记位置且只出现一次",
        "答案不超过6个字，不在并列的一串名称中，题干别处没有点出它",
    ),
    "theory.blank_item_number": (
        "引导语是原文中以冒号结尾的整句，所问条目紧随其后",
        "答案是该条目中所记位置的数字",
    ),
    "theory.single_item_number": (
        "引导语是原文中以冒号结尾的整句，所问条目紧随其后",
        "答案是该条目中所记位置的数字",
        "干扰项未见于该条",
    ),
    "theory.single_fine": (
        "答案填回后与原文一致（违法情形为所列条目之一时，引导语与该条目均见于原文）",
        "选项都是罚款数额区间，单位与写法与答案相同",
        "干扰项未见于该条（分级罚款中其他等级的数额除外）",
    ),
    "theory.in_force": (_FILLED_BACK, "干扰项是同一写法的日期，不见于该文件"),
    "theory.organiser": ("答案填回后与原文一致", "干扰项是该条为其他事故等级规定的组织部门"),
    "theory.level": (_FILLED_BACK, "干扰项是该文件提到的其他层级的同一部门（不足时为该文件中其他类别的机构），该文件未规定其承担此职责",
                     "题干中没有点明层级的范围用语（如“对全国”“报国务院批准”）"),
    "theory.body": (_FILLED_BACK, "干扰项是该文件中其他类别的机构（部门、检验检测机构、行业协会），该文件未规定其承担此职责"),
    "theory.income_fine": ("答案填回后与原文一致", "干扰项是收入的百分比，只见于该条其他事故等级"),
    "theory.barred_period": (_FILLED_BACK, _DISTRACTORS_NOT_STATED),
    "theory.powers": ("每个正确选项都是该条所列的职权", "干扰项是所列职权改得超出法律授权（如查封、扣押改为拍卖、变卖），该文件未见"),
    "theory.encouraged": ("“错误”的陈述把原文的“鼓励”改成了“强制”", "解析引用了原文"),
    "theory.precondition": ("“错误”的陈述把原文“应当…，方可…”的条件改成了事后补办（可以先…，再…）", "解析引用了原文"),
    "theory.only_one": ("“错误”的陈述把原文“可以委托…或者其他…”改成了“只能委托…”", "解析引用了原文"),
    "theory.domestic": ("“错误”的陈述把进口设备应符合的我国要求（安全技术规范、中文）改成了出口国的", "解析引用了原文"),
    "theory.cancelled": ("“错误”的陈述把报废设备的使用登记“注销”改成了“变更”", "解析引用了原文"),
    "theory.judge": (
        "“正确”的陈述是原文中的一段",
        "“错误”的陈述与原文只差所记的一处改动",
        "解析引用了原文",
    ),
    "theory.multi_enumeration": ("每个正确选项都是该条所列的内容", "干扰项与所列内容不相近"),
    "hazard.accident_type": _ACCIDENT_TYPE,
    "hazard.site": ("正确项都是该场所、该岗位的危险源", "干扰项不可能是该场所的危险源"),
    "hazard.lec": (
        "题面L、E、C取值与记录一致，且在本矿取值表中",
        "D=L×E×C精确重算，不在分界值上",
        "答案为重算所得的危险程度",
    ),
    "hazard.control": ("正确项是该危险源的管控措施", "干扰项与该危险源的措施不相近"),
    "hazard.major": ("只用两版措辞相同的判定标准情形", "是/否与判定标准或一般隐患清单一致"),
    "hazard.threshold": (
        "答案与规则表数值一致，同一地点同一动作只有一个值",
        "干扰项在同一地点同一动作下不正确",
        "题面写明地点且不泄露答案",
    ),
    "hazard.violation": ("三违类别与审核过的示例一致",),
}
#: A list's item said by its lead-in (`listed`), in place of theory.judge's own checks.
LISTED = (
    "所说条目是原文该列举中的一项，陈述是引导语对该条目的原意（…包括该条目；或以该条目替换“下列…之一”）",
    "“错误”的陈述只改动了规定本身（禁止改为允许、应当改为不必等），没有改动所列条目",
    "解析引用了引导语和该条目",
)
_SCENARIO = ("情景中的危险源均取自危险源辨识清单",)
_SCENARIO_CONTROL = ("答案是情景中危险源的管控措施", "干扰项与情景中的措施不相近")


#: Passed by a hazard key that is a statement, checked against the cited article (`evidence`; recorded since then).
STATED = "所引条文中有一款（或所问地点的表格行）陈述了答案"
#: Passed instead by a control no article states, cited to the catalogue entry that lists it (`evidence.cite_stating`).
LISTED_BY_ENTRY = "答案是所引危险源辨识清单条目逐字列出的管控措施"


def passed_checks(generator: str, inputs: dict[str, Any] | None = None) -> tuple[str, ...]:
    """The named checks a stored question of `generator` passed (its inputs tell a scene's ask, and whether its key
    was found stated in its article: drafts saved before that check do not claim it)."""
    inputs = inputs or {}
    stated = ((LISTED_BY_ENTRY if inputs.get("evidence_entry") else STATED),) if inputs.get("evidence") else ()
    if generator == "hazard.scenario":
        own = _ACCIDENT_TYPE if inputs.get("ask") == "accident_type" else _SCENARIO_CONTROL
        return (*COMMON, *_SCENARIO, *own, *stated)
    if generator == "theory.judge" and inputs.get("item"):
        return (*COMMON, *THEORY, *LISTED)
    if generator.startswith("theory."):
        return (*COMMON, *THEORY, *BY_GENERATOR.get(generator, ()))
    return (*COMMON, *BY_GENERATOR.get(generator, ()), *stated)
