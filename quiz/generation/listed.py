"""What a list's lead-in says of each of its items, as one statement: the true side of a true/false item.

A lead-in that names what its items are (…负有下列职责, …享有下列权利, …应当综合分析下列因素, …应当包括下列内容,
…的内容包括) says of each item that it is one of them (examples in our own words):

    矿长对本矿安全工作负有下列职责：（二）组织编制灾害预防计划
      → 矿长对本矿安全工作负有的职责包括组织编制灾害预防计划
    交接班记录应当包括下列内容：（一）本班瓦斯检查情况
      → 交接班记录应当包括本班瓦斯检查情况

Such a list has no figure or modal in its items, so no wrong option or false statement of its own can be made
(`lists.changed_items`), and a duty or right of another party's list would be a rule elsewhere, right there. Its
items are asked as true statements (`theory.judge`), where a statement of the article is not to be had.

Not a lead-in of rules (…应当遵守下列规定, …符合下列要求: each item is a rule of its own), of cases (有下列情形之一的，…)
or of places or things a rule is set at (下列地点应当…: the lead-in opens with 下列); never an item that is itself a
rule (应当, 必须 …), a case (…的), a catch-all (其他…) or more than one sentence.
"""

from __future__ import annotations

import re

from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation import articles as read
from quiz.generation import relevance as rel
from quiz.generation.records import ArticleRecord, GeneratedQuestion

# The lead-in's head, what its items are (a noun after 下列/以下, an amount or 一项或者多项 dropped), or a lead-in that
# ends on 包括 (…记录的内容包括：).
_NAMED = re.compile(
    r"^(?P<head>[^：:“”]{4,60}?)(?:下列|以下)(?:一项或者多项|主要|相关|[\u4e00-\u9fa5]{0,6}相关)?(?P<what>[\u4e00-\u9fa5]{1,12})$"
)
# A state body or its officers at the lead-in's head (…部门…检查时，有权采取下列措施).
_STATE = re.compile(r"人民政府|国务院|部门|监察|机关")
# What a lead-in's last sentence opens with, up to its verb: four characters or fewer (报告, 基础资料, 监督检查) lean on
# the sentence before.
_OPENING = re.compile(r"^(.+?)(?:应当|必须|可以|有权|负有|享有|履行|行使|包括|的内容|对)")
_BARE = 4
# A short opening that is a generic noun (资料, 报告 …) leans on what the article said before, even in a paragraph of its own.
_GENERIC_NOUN = re.compile(r"(?:报告|资料|设计|记录|档案|方案|措施|计划)$")
_AND_THEN = re.compile(r"，并[^：:“”]*$")
_ENDS_INCLUDING = re.compile(r"^(?P<head>[^：:“”]{4,60}?包括)$")
# What the items of a list are, when each is a fact to know rather than a rule or a case: what a party owes or may
# claim, what is weighed, done or fitted; and, for managers only (`rel.asks_agencies`), what a document, a drawing set,
# an exam or a licence comprises and what a system must be able to do (an engineer's or an office's business, not the
# face's).
_KINDS = re.compile(r"(?:职责|义务|权利|因素|措施|安全保护|保护|设施|装置)$")
_MANAGERS_KINDS = re.compile(r"(?:内容|事项|资料|材料|文件|图件|图纸|成果|条件|功能)$")
# Items that are rules of their own, cases, catch-alls or of more than one sentence.
_RULE = re.compile(r"应当|必须|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|须|方可|可以")
_NOT_AN_ITEM = re.compile(r"其他|其它|[：:；;。“”]|^[（(]")
SHORTEST_ITEM = 4
LONGEST_ITEM = 40


def statement(lead: str, item: str, managers: bool = False) -> str | None:
    """The lead-in's saying that `item` is one of what it lists (see the module doc), or None when it says none.

    Only the lead-in's last sentence is said (…应当建立交接班记录。交接班记录的内容包括： → its second sentence),
    without a duty it adds after the list (…采取下列措施，并及时报告调度室: what is taken stays true without it), and
    only when it names what it speaks of (not 记录应当包括 after the sentence naming the record) and no state body owes
    or may do what it lists.
    What a document or licence comprises (`_MANAGERS_KINDS`, and every lead-in ending on 包括) is said only for
    `managers`."""
    sentences = re.split(r"[。；;]", lead)
    lead = _AND_THEN.sub("", sentences[-1])
    if _STATE.search(lead.split("下列")[0]):
        return None  # what an agency owes or may do: its business, not the mine's (a manager's too: procedure)
    opening = _OPENING.match(lead)
    bare = not opening or len(opening.group(1)) <= _BARE
    if bare and (len(sentences) > 1 or not opening or _GENERIC_NOUN.search(opening.group(1))):
        return None  # 报告应当包括下列内容 after the sentence naming which report: cut from it, it names nothing
    found = _ENDS_INCLUDING.match(lead)
    if found:
        return found.group("head") + item if managers else None
    found = _NAMED.match(lead)
    if not found or "之一" in lead or re.match(r"要求|规定", found.group("what")):
        return None
    head, what = found.group("head"), found.group("what")
    if not (_KINDS.search(what) or managers and _MANAGERS_KINDS.search(what)) or _RULE.search(what):
        return None
    if head.endswith("包括"):
        return head + item
    if head.endswith(("，", ",")):
        return None
    if head.endswith("的") and _RULE.search(head):
        # …必须按照规定填绘反映实际情况的下列图纸: the head's verb governs the list, so the items are said after it
        # (managers' blind read 5, T30: not …填绘反映实际情况的图纸包括…, a sentence with two verbs).
        return head + what + "，其中包括" + item
    return head + ("" if head.endswith("的") else "的") + what + "包括" + item


def usable_item(item: str) -> bool:
    """Whether an item can be said as one of its list's (`statement`): a fact, not a rule, case or catch-all."""
    return (SHORTEST_ITEM <= len(item) <= LONGEST_ITEM and not _NOT_AN_ITEM.search(item) and not _RULE.search(item)
            and not item.endswith("的"))


def item_statements(text: str) -> list[tuple[str, str, str]]:
    """(statement, lead-in, item) for every item of the article's lists that its lead-in says is one of them, and
    that is worth the run's audience (`relevance.worth_a_worker`), said and as its whole lead-in."""
    out = []
    for enumeration in read.enumerations(text):
        if not rel.worth_a_worker(enumeration.lead):
            continue  # the whole lead-in: 检查时可以采取下列措施 may be said of an agency the sentence before names
        for item in enumeration.items:
            said = statement(enumeration.lead, item, rel.asks_agencies()) if usable_item(item) else None
            if said and rel.worth_a_worker(said):
                out.append((said, enumeration.lead, item))
    return out


# A lead-in naming cases and what must or must not be done in each (有下列疾病之一的，不得从事高处作业; 回柱时有下列情况之一
# 时，必须停止回柱，…): each item put in place of 下列X之一 is a rule of its own.
_CASES = re.compile(
    r"^(?P<before>[^：:“”，,]*?)(?:下列|以下)(?P<what>[\u4e00-\u9fa5]{0,6})之一(?P<end>的|时|者)?，"
    r"(?P<rule>(?:必须|严禁|不得|禁止|不准|应当立即|应立即)[^：:“”]{2,50})$"
)
_ENDING = re.compile(r"(?:的|时|者)$")
# An item that leans on another article or item (本规定第八条所列疾病之一的): out of its list it says nothing.
_LEANS = re.compile(r"本规程|本条|本款|本细则|本规定|本法|所列|前款|前项|上述")
# The 有 of 有下列X之一 stays only before an illness one has (有未控制的癫痫病的); a situation (情况, 情形: 工作面有伞檐, 暴露出
# 雷管), an act or an event (发现…, 出现…) or a case (…的) reads 有发现…, 有工作面有…: the 有 goes.
_ILLNESS = re.compile(r"病|症|疾")
_NOT_A_THING = re.compile(r"^(?:发现|出现|遇到|遇有|存在|接近|采用|使用|进行)")


def case_statements(text: str) -> list[tuple[str, str, str, int]]:
    """(statement, lead-in, item, where its rule starts) for every item of the article's lists of cases under a rule
    (`_CASES`): the lead-in's last sentence with the item in place of 下列X之一 (有 left out but before an illness:
    回柱时发现支柱有异常响声时，必须停止回柱), and worth the run's audience."""
    out = []
    for enumeration in read.enumerations(text):
        found = _CASES.match(re.split(r"[。；;]", enumeration.lead)[-1])
        if not found or not rel.worth_a_worker(enumeration.lead):
            continue
        before, end, rule = found.group("before"), found.group("end") or "", found.group("rule")
        for item in enumeration.items:
            if not SHORTEST_ITEM <= len(item) <= LONGEST_ITEM or _LEANS.search(item) or re.search(r"其他|其它|[：:；;。]", item):
                continue
            has_it = _ILLNESS.search(found.group("what")) and not _NOT_A_THING.match(item) and not _ENDING.search(item)
            head = before.removesuffix("有") if before.endswith("有") and not before.endswith("遇有") and not has_it else before
            case = item if _ENDING.search(item) else item + end
            said = f"{head}{case}，{rule}"
            if rel.worth_a_worker(said):
                out.append((said, enumeration.lead, item, len(said) - len(rule)))
    return out


def listed_judge(record: ArticleRecord, pools, seed: str, truth: bool | None = None) -> GeneratedQuestion | None:  # noqa: ANN001
    """`theory.judge` on an article no other item asks and no statement of its own will do (the article's own
    sentences first, `theory.judge`): one of its list's items said by its lead-in. An item of a list of duties,
    rights, factors or measures is said true (`item_statements`): it has no fact to change, and another party's
    item would be right there. An item of a list of cases under a rule (`case_statements`) is said as its rule, false
    with the rule's prohibition made a permission, its duty a dispensation or its action reversed
    (有…的，不得从事高处作业 → 可以从事), but for `theory.true_false.TRUE_WHEN_FALSE_CAN_BE` of the seeded coin; `truth` as for
    `theory.judge`."""
    from quiz.generation.lists import multi_enumeration
    from quiz.generation.theory import blank_item_number, judge, single_item_number
    from quiz.generation.theory.questions import article_question, article_rng
    from quiz.generation.theory.stems import stem_prefix
    from quiz.generation.theory.true_false import TRUE_WHEN_FALSE_CAN_BE, asked_elsewhere

    question = judge(record, pools, seed, truth)
    if question is not None:
        return question
    named = [(said, lead, item, None) for said, lead, item in item_statements(record.text)]
    cases = case_statements(record.text)
    if not named and not cases or multi_enumeration(record, pools, seed) is not None:
        return None
    others = (blank_item_number, single_item_number)
    if asked_elsewhere(record, pools, seed) or any(g(record, pools, seed) is not None for g in others):
        return None
    rng = article_rng(seed, "theory.judge", record)
    coin = rng.random()
    falsified = [(c, change) for c in cases for change in _rule_changes(c[0], c[3], record, pools, rng)]
    if truth is None:
        truth = coin < TRUE_WHEN_FALSE_CAN_BE or not falsified
    if truth:
        said, lead, item, _ = rng.choice(named + cases)
        inputs = {"sentence": said, "truth": True, "lead": lead, "item": item}
        return article_question(record, "theory.judge", seed, "judge", stem_prefix(record, said) + said + "。",
                                JUDGE_OPTIONS, ("A",), f"正确。{_quoted(record.text, lead, item)}", inputs)
    if not falsified:
        return None
    (said, lead, item, _), (index, change) = rng.choice(falsified)
    statement = said[:index] + change.replacement + said[index + len(change.original) :]
    explanation = f"错误。题中把原文的“{change.original}”改成了“{change.replacement}”。{_quoted(record.text, lead, item)}"
    inputs = {"sentence": said, "truth": False, "lead": lead, "item": item, "position": index}
    return article_question(record, "theory.judge", seed, "judge", stem_prefix(record, said) + statement + "。",
                            JUDGE_OPTIONS, ("B",), explanation, inputs, change)


def _rule_changes(said: str, rule_at: int, record: ArticleRecord, pools, rng) -> list:  # noqa: ANN001
    """The false edits `theory.judge` would make of the statement, in its rule only (the item is the case, not the
    rule: a changed figure there names another case) and never a figure."""
    from quiz.generation.theory.true_false import false_changes

    return [(i, c) for i, c in false_changes(said, record, pools, rng) if i >= rule_at and c.kind != "number"]


def _quoted(text: str, lead: str, item: str) -> str:
    """原文：“lead：……（N）item……”."""
    items = next(e.items for e in read.enumerations(text) if e.lead == lead)
    return f"原文：“{lead}：……（{read.to_chinese_number(items.index(item) + 1)}）{item}……”"
