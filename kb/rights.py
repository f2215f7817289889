"""A worker's own rights: whether a permission question asks if the asker may do something the law
grants him as a right, and whether an article grants it.

A worker tells what he did or wants to do in his own words and asks whether it is allowed: 顶板一个劲
掉渣 我没等班长发话自己先跑出来了 这样行不; 班长硬让我去瓦斯超了的地方干活 我能不去吗; 我个人能直接举报
到监管部门不. The law answers with the right it grants (in immediate danger a worker 有权
停止作业, or leave once he has taken what emergency steps he can; 有权拒绝违章指挥…; 有权…举报), not with
the rule on the danger the question tells of (顶板, 瓦斯) whose words it shares.

Each right is a class of everyday acts (跑, 撤, 躲, 跑出来 for leaving; 不去, 不干 for refusing) and the
words the law grants it in after 有权 (停止作业, 撤离; 拒绝). A question asks for the right when it is
a permission question about the asker's own act: the asker is named (我, 俺, 自己, 矿工, 工人) or the act
is done to him (让我, 叫我, 逼我), or the act is one only the worker does (找矿上要赔偿, 把档案复印带走), or,
the question naming nobody at all, leaving follows the asking directly (遇到危险能不能先撤出来: the 我
dropped, as Chinese does; not a rescue team leader's power to withdraw, which shares more words).
A question about a thing to use or a place to enter (突出矿井能用煤电钻吗, 掘进头停风了还能进去干活不)
asks no right: the rule on it answers.

An article grants the right when 有权 (or 可以拒绝) is followed by the right's words and the party
holding it is a worker (从业人员, 劳动者, 职工, 任何单位和个人), not an order to others (有权责令) nor
a power of an inspector or a trade union (监察人员有权要求立即停止作业; 工会有权…建议组织职工撤离).

A law settles a right: where the leading answer to a question of rights only repeats, for its own
field, what a law says in nearly the same words (使用有毒物品作业场所劳动保护条例 after 职业病防治法; a
case quoting 劳动法), the law answers first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.highlight import char_pairs, sentences
from kb.hits import Hit, joined
from kb.query import QueryPlan
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

# The asker, named or as the one an act is imposed on.
_ASKER = r"(?:我|俺|咱|自己|本人|个人|工人|矿工|职工|员工|从业人员|劳动者)"
_IMPOSED = r"(?:让|叫|逼|硬让|非让|强迫|安排|派)(?:我|俺|咱)"


@dataclass(frozen=True)
class Right:
    """One right of a worker: the everyday acts that ask for it, the law's words granting it."""

    name: str
    acts: re.Pattern[str]  # the act as a worker tells it, after the asker (or on its own, `alone`)
    granted: re.Pattern[str]  # what follows 有权 in the granting sentence
    words: tuple[str, ...]  # the indexed words of the grant, to fetch granting articles with
    alone: re.Pattern[str] | None = None  # the act told without the asker, when only a worker does it
    # The act alone settles the answer, whatever danger the question tells of: running from any danger
    # is what the right to leave names. Refusing is a right only for what the law names (违章指挥,
    # 强令冒险作业, an undisclosed 职业病危害), so what is refused (加班) still decides.
    settles: bool = False


RIGHTS: tuple[Right, ...] = (
    Right(
        "leave",
        re.compile(r"跑|撤|躲|逃|离开|停(?:下来|手|工|活)|停止(?:干活|作业|工作)|不干了|先走"),
        re.compile(r"停止作业|撤离|撤出|撤到|撤至"),
        ("停止作业", "撤离"),
        settles=True,
    ),
    Right(
        "refuse",
        re.compile(r"不去|不干|不下井|不下去|不听|不执行|不服从|拒绝|不接"),
        re.compile(r"拒绝"),
        ("拒绝",),
    ),
    Right(
        "report",
        re.compile(r"举报|告(?:他|它|矿|单位|老板|公司|到|上)|反映|投诉|检举|控告|揭发"),
        re.compile(r"举报|检举|控告|报告"),
        ("举报", "检举", "控告"),
    ),
    Right(
        "claim",
        re.compile(r"赔偿|索赔|赔钱"),
        re.compile(r"赔偿"),
        ("赔偿",),
        alone=re.compile(
            r"(?:要求?|索要?|讨|提出?)[\u4e00-\u9fff]{0,4}赔偿|索赔|"
            r"(?:找|向|跟|让)(?:矿上|矿里|单位|老板|公司|企业|厂里)[\u4e00-\u9fff]{0,4}(?:赔|要钱)"
        ),
    ),
    Right(
        "know",
        re.compile(r"了解|知道|问清|问明白|打听"),
        re.compile(r"了解|获得"),
        ("了解",),
    ),
    Right(
        "records",
        re.compile(r"档案"),
        re.compile(r"查阅|复印|索取"),
        ("复印件", "查阅", "索取"),
        alone=re.compile(
            r"(?:复印|查阅|调阅|查看|调取|要回|带走)[^，,。？?\s]{0,10}档案|档案[^，,。？?\s]{0,8}(?:复印|查阅|查看|带走|要回)"
        ),
    ),
)
_BY_NAME = {right.name: right for right in RIGHTS}

_PAUSE = r"[\s，,。？?！!；;]"
ASKER_SPAN = 10  # characters an act may follow its asker by (我没等班长发话自己先跑出来了)


def asked_right(question: str) -> str:
    """The right (a name of RIGHTS) a permission question asks whether the asker has, "" for none."""
    for right in RIGHTS:
        if right.alone is not None and right.alone.search(question):
            return right.name
        for asker in re.finditer(f"{_ASKER}|{_IMPOSED}", question):
            after = re.split(_PAUSE, question[asker.end() : asker.end() + ASKER_SPAN], maxsplit=1)[0]
            if right.acts.search(after):
                return right.name
        if right.settles and not _SOMEONE.search(question):
            if any(right.acts.match(question, asking.end()) for asking in _ASKING.finditer(question)):
                return right.name
    return ""


# Who holds a right granted after 有权: a worker, or everyone (任何单位和个人); not an inspector, an
# office, a trade union, an investigation team nor the employer. The party right before 有权 holds it
# (用人单位违反…的，劳动者有权拒绝; 工会有权…建议组织职工撤离); without one, the party its sentence opens
# with (从业人员…紧急情况时，有权停止作业; 劳动者离开用人单位时，有权索取…).
_OTHER = (
    r"监察人员|监督检查人员|检查人员|执法人员|监察机构|工会(?:组织)?|部门|机构|机关|调查组|委员会|用人单位|生产经营单位|"
    r"煤矿企业(?!从业人员)|企业(?!职工|从业人员)|班组长|检查工|调度员|矿长|负责人|权人|指挥员|总指挥|救护队"
)
_WORKER = r"从业人员|劳动者|职工|作业人员|工人|个人|人员|员工"

# A question naming nobody asks of the asker himself (遇到危险能不能先撤出来: Chinese drops the 我): the
# act a settling right names, right after the asking (能不能, 可以) and how soon (先, 自己, 马上), is his.
# Not when it names anyone else (救护队的能不能先撤, 班长能不能叫大伙撤), nor a place named after the act
# (躲避硐里能码点料不: the act is 码料).
_ASKING = re.compile(
    r"(?:能不能|能否|可不可以|可以|能|敢不敢|敢|让不让|行不行|用不用)(?:先|自己|马上|立即|立刻|直接|赶紧|赶快|提前|就)*"
)
_SOMEONE = re.compile(
    f"{_OTHER}|{_WORKER}|班长|队长|组长|领导|老板|矿上|单位|公司|带队|带班|救援|救護|司机|[他她]们?|大家|大伙|别人|有人|的人"
)
_HOLDER = re.compile(f"(?P<other>{_OTHER})|(?P<worker>{_WORKER})")
_HOLDER_BEFORE = re.compile(f"(?:(?P<other>{_OTHER})|(?P<worker>{_WORKER}))(?:均|都|也|依法|同样)?$")
_GRANT = re.compile(r"有权(?!责令|要求|决定|作出|命令|下令)|(?:可以|有权)拒绝")
_CLAUSE_STOP = re.compile(r"[。；\n]")
GRANT_SPAN = 30  # characters after 有权 the right's words may stand in (有权向…部门举报)


def grants(text: str, name: str) -> bool:
    """Whether `text` grants the worker the right `name` (a name of RIGHTS)."""
    return bool(granting_sentence(text, name))


def settles(name: str) -> bool:
    """Whether the right `name` answers its act whatever the situation told (Right.settles)."""
    right = _BY_NAME.get(name)
    return right is not None and right.settles


def granting_sentence(text: str, name: str) -> str:
    """The sentence of `text` granting the worker the right `name`, "" when none does."""
    right = _BY_NAME.get(name)
    if right is None:
        return ""
    for found in _GRANT.finditer(text):
        rest = _CLAUSE_STOP.split(text[found.start() : found.end() + GRANT_SPAN], maxsplit=1)[0]
        if not right.granted.search(rest):
            continue
        opening = max(text.rfind("。", 0, found.start()), text.rfind("\n", 0, found.start())) + 1
        holder = _HOLDER_BEFORE.search(text, opening, found.start()) or _HOLDER.search(text, opening, found.start())
        if holder is None or holder.group("worker"):  # (naming no party, it grants whoever reads it)
            closing = _SENTENCE_END.search(text, found.end())
            return text[opening : closing.end() if closing else len(text)]
    return ""


_SENTENCE_END = re.compile(r"[。\n]")
SAME_GRANT = 0.5  # the share of their character pairs two sentences have in common to say the same


def same_grant(first: str, second: str) -> bool:
    """Whether two sentences say the same in nearly the same words (a regulation repeating the law for
    its field: a leaving 劳动者's right to a copy of his health-surveillance file (…时，有权索取…复印件) and
    the coal rule's same right for a leaving 从业人员), counted over both: one holding the other and more besides (有权拒绝并向
    …部门报告 after 有权拒绝违章指挥) says more."""
    pairs = [char_pairs(text) for text in (first, second)]
    both = len(pairs[0]) + len(pairs[1])
    return bool(pairs[0]) and bool(pairs[1]) and 2 * len(pairs[0] & pairs[1]) >= SAME_GRANT * both


# -- the articles granting the right asked, among the candidates ask reads -------------------------

LOOKUP = 40  # articles holding 有权 and a word of the grant, fetched per word
GRANTING_HITS = 3  # …of which those sharing most of the question join the candidates read
LAW_TYPE = "法律"


def with_granting(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], name: str, depth: int) -> list[Hit]:
    """`hits` with the articles granting the right `name` (granting_hits) among the first `depth` (the
    candidates ask reads for the kind), in place of the last of those that do not grant it."""
    granting = granting_hits(kb, plan, hits[:depth], name)
    return joined(hits, granting, depth, lambda hit: grants(hit.text, name))


def granting_hits(kb: KnowledgeBase, plan: QueryPlan, read: list[Hit], name: str) -> list[Hit]:
    """Up to GRANTING_HITS articles granting the worker the right `name` that are not among those
    `read`: 从业人员…有权停止作业或者…撤离作业场所 shares no word with 顶板一个劲掉渣. Those sharing most
    of what the question tells (隐患, 工伤保险) come first."""
    right = _BY_NAME.get(name)
    if right is None:
        return []
    lookups = [[("有权", 1.0), (word, 1.0)] for word in right.words]
    return fetched_answering(kb, plan, read, lookups, lambda text: grants(text, name), GRANTING_HITS, LOOKUP)


def law_grants_first(scored: list, name: str, rights: bool = False) -> None:
    """Put first (in place, in ask's (score, hit, reading) list) the law whose grant of the right `name`
    the leading rule only grants again for its field, in its own words or the law's (使用有毒物品作业场所劳动
    保护条例 or 煤矿安全规程 after 职业病防治法; the 规程's 有权立即停止作业，撤到安全地点 after the 安全生产法's
    有权停止作业或者…撤离作业场所): the law settles a right. On any question of `rights`
    (kb.kinds.asks_rights), the law whose answering sentence the leading rule repeats
    (no dismissal before the exit health check: 未…离岗前…检查的…不得解除…)."""
    if not scored or scored[0][1].doc_type == LAW_TYPE or not (name or rights):
        return
    lead = _stated(scored[0], name)
    if not lead:
        return
    law = next(
        (i for i, item in enumerate(scored)
         if item[1].doc_type == LAW_TYPE and (_stated(item, name) if name else same_grant(lead, _stated(item, name)))),
        None,
    )
    if law is not None:
        scored.insert(0, scored.pop(law))


ABOVE_RULES = frozenset({LAW_TYPE, "行政法规"})
LAW_NEAR = 0.85  # a law stating the permission asked as firmly goes first when it scores this near the lead


def law_permits_first(scored: list) -> None:
    """Put first (in place, in ask's (score, hit, reading) list) a law that states the permission asked
    about as firmly as the leading regulation and scores nearly as well: whether a worker may start work
    untrained (没培训过能不能上岗) is settled by the law's 未经…培训的，不得上岗作业, not by a training rule's
    article on those changing posts."""
    if not scored or scored[0][1].doc_type in ABOVE_RULES or scored[0][2].strength <= 0:
        return  # a 行政法规 (女职工劳动保护特别规定) settles its own field as the law does
    lead_score, _, lead = scored[0]
    law = next(
        (i for i, (score, hit, reading) in enumerate(scored)
         if hit.doc_type == LAW_TYPE and reading.strength >= lead.strength and score >= LAW_NEAR * lead_score),
        None,
    )
    if law is not None:
        scored.insert(0, scored.pop(law))


def _stated(item: tuple, name: str) -> str:
    """The sentence of a (score, hit, reading) candidate granting the right `name`, or (no right asked)
    the one answering (Reading.best)."""
    _, hit, reading = item
    if name:
        return granting_sentence(hit.text, name)
    bounds = sentences(hit.text)
    return hit.text[slice(*bounds[reading.best])] if 0 <= reading.best < len(bounds) else ""
