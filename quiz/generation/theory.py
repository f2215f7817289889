"""Theory questions (应知应会) from articles: fill-in-the-blank, single choice, true/false, multiple choice.

Each generator looks at one article and yields at most one question; which sentence,
number or list it uses is decided by a `random.Random` seeded with the run's seed, the
generator name and the article's identity, so the same seed gives the same questions
whatever else is in the run. Distractors come from `TheoryPools`, built once over all
current articles, and are kept only when they are certainly wrong *for the cited article*:
a number that appears nowhere in the article with the same unit, a duty-bearer the article
never names, a key term of the same class (`terms`) that the article never uses and that,
put in the blank, gives no sentence found in the corpus, a list item unlike every item of
the cited list.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from quiz.bank.text import BLANK
from quiz.bank.types import JUDGE_OPTIONS, OPTION_KEYS, Option
from quiz.generation import articles as read
from quiz.generation import preconditions, wider_places
from quiz.generation import terms as kt
from quiz.generation.bounds import condition_bound, flip_reads_as_rule
from quiz.generation.records import CATEGORY_THEORY, ArticleRecord, Change, GeneratedQuestion
from quiz.generation.relevance import (
    THRESHOLD,
    acted_on,
    another_bodys_duty,
    asks_agencies,
    frontline_first,
    not_a_rule,
    others_duty,
    relevance,
    worth_a_worker,
)
from quiz.generation.similarity import bigrams, similarity
from quiz.generation.staffing import staffing_changes
from quiz.generation.subjects import said_of_another
from quiz.generation.supersede import Figures
from quiz.generation.wider_parties import given_the_act


@dataclass
class TheoryPools:
    """Material for distractors gathered from every current article."""

    numbers: dict[str, set[Decimal]] = field(default_factory=dict)
    subjects: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # group → (party, title)
    lists: list[tuple[str, int, read.Enumeration]] = field(default_factory=list)  # (article key, number, list)
    terms: dict[str, set[str]] = field(default_factory=dict)  # curated term → keys of the articles using it
    flat_corpus: str = ""  # every article, whitespace removed: a filled-in distractor must not be found here
    documents: dict[str, str] = field(default_factory=dict)  # title → its articles, whitespace removed
    penalties: list[tuple[str, str, str]] = field(default_factory=list)  # (title, version, text) of articles fining
    figures: Figures = field(default_factory=Figures)  # figures by rule: one a later document restates is not asked

    @classmethod
    def build(cls, records: Iterable[ArticleRecord]) -> TheoryPools:
        """Collect numbers by unit, duty-bearers by group and enumerations from `records`."""
        pools = cls()
        flats: list[str] = []
        for record in records:
            for quantity in read.article_quantities(record.text):
                pools.numbers.setdefault(read.canonical_unit(quantity.unit), set()).add(quantity.value)
            for sentence in read.sentences(record.text):
                found = read.subject(sentence)
                if found:
                    pools.subjects.setdefault(found[1], set()).add((found[0], record.title))
            for enumeration in read.enumerations(record.text):
                pools.lists.append((record.key, record.number or 0, enumeration))
            for term in kt.ALL_TERMS:
                if term in record.text:
                    pools.terms.setdefault(term, set()).add(record.key)
            flats.append(_flat(record.text))
            if record.status == "current" and "罚款" in record.text:
                pools.penalties.append((record.title, record.version or "", record.text))
            pools.documents[record.title] = pools.documents.get(record.title, "") + "\n" + flats[-1]
        pools.flat_corpus = "\n".join(flats)
        pools.figures = Figures.build(records)
        return pools


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _places(record: ArticleRecord, text: str) -> Iterator[tuple[str, int]]:
    """Each paragraph of the article (flattened) that holds `text`, and where in it `text` starts."""
    flat = _flat(text)
    for paragraph in read.clean_paragraphs(record.text):
        whole = _flat(paragraph)
        at = whole.find(flat)
        if at >= 0:
            yield whole, at


def short_title(title: str) -> str:
    """The title as questions quote it: 中华人民共和国安全生产法 → 安全生产法."""
    return title.removeprefix("中华人民共和国") or title


def stem_prefix(record: ArticleRecord, asked: str = "") -> str:
    """根据《…》第N条， and, when the asked text leaves out what its truth depends on, 关于X的规定：
    the mine type of the part it stands in (露天煤矿: a blasting rule there differs from underground) and the
    topic its paragraph opens with (采煤机必须安装内、外喷雾装置。… then the outer spray's 8MPa when the inner one fails)."""
    context = context_of(record, asked)
    scope = unrepeated(context, asked)
    about = f"关于{scope}的规定" if scope else ""
    who = addressee(record, asked) if context in ("", OPEN_PIT) else ""  # 关于保险带的规定，每次使用前…: the thing's check
    return f"根据《{short_title(record.title)}》{record.label}{about}，{condition_before(record, asked)}{who}"


# A duty said with nobody to bear it, opening on when it is done (每季度应当至少检查…, 每年雨季前至少组织…): read alone it
# has no subject (frontline read 16, T22). A coal mine's rules (煤矿安全规程, the 细则) address the mine: it is named.
ADDRESSEE = "煤矿"
_WHEN_DUTY = re.compile(
    r"^(?:每[^，。；、]{0,8}?|[^，。；、]{0,6}?(?:前|后))(?:(?:应当|必须|应)(?:至少|定期)?|至少|定期)"
    r"(?:组织|开展|进行|编制|制定|建立|召开|修订|检查|实施)"
)  # a modal or 至少 before the verb: 爆破后检查必须… is a check named, not a duty with nobody to bear it


def addressee(record: ArticleRecord, asked: str) -> str:
    """煤矿 before `asked` when it is a duty with no one to bear it opening on when it is done (`_WHEN_DUTY`) and the
    article is of a document addressed to coal mines (its title opens with 煤矿), or ""."""
    return ADDRESSEE if record.title.startswith(ADDRESSEE) and _WHEN_DUTY.match(_flat(asked)) else ""


def unrepeated(scope: str, asked: str) -> str:
    """The scope without the thing `asked` opens with: 有线调度通信系统的调度电话至调度交换机 before 调度电话至调度交换机
    的…距离 is said as 有线调度通信系统, the thing once (blind read 14, T16: 关于…调度电话至调度交换机的规定，调度电话至调度
    交换机的…)."""
    owner, _, thing = scope.rpartition("的")
    return owner if owner and len(thing) >= 2 and _flat(asked).startswith(thing) else scope


# A sentence that leaves its figure to someone and then bounds it (…由煤矿总工程师确定，但…不得小于150m; …应当在措施中
# 明确规定，但不得小于30min) says where it applies in the sentence before (blind read 3: T12, T28).
_DEFERS = re.compile(r"(?:确定|规定|明确)，但")
# A permission under a condition (…超过2000m时，可以 cut power from elsewhere) is an exception to the rule before it
# (…控制功能必须由现场设备完成), and means nothing without it (blind read 6, T3).
_EXCEPTION_TO_BEFORE = re.compile(r"^[^，。；]{2,30}?时，(?:也)?(?:可以|可)")
_RULE_WORD = re.compile(r"必须|应当|严禁|不得|禁止|不准")
_LONGEST_CONDITION = 80


# Words that refer back to what an earlier sentence says (…有人作业的地点，也应当设置压风自救装置: where
# else? managers' blind read, T30): read alone, the sentence does not say what it adds to. 其 or 该 at its very head
# stands for an earlier sentence's thing; further on (矿用卡车作业时，其制动…) for the sentence's own. A bare 系统 (新备用电源
#应当能保障电网停电后系统连续工作…) is the system an earlier sentence or the chapter names (managers' read 9, T10).
_REFERS_BACK = re.compile(
    r"^(?:其(?!他|余|中|次|实)|该)|也(?:应当|必须|应|要|须|不得|严禁|不准|禁止)|亦(?:应|须|不得)|同样|上述|前述|前款|前[两一二三四]款|"
    r"(?:^|(?<=[，、；后时前]))系统(?![\u4e00-\u9fa5]{0,2}(?:名称|工程))"
)
# 也 after a concession in its clause (即使停风也必须…, 无论…也不得…) means "even then", not "as before".
_CONCESSION = re.compile(r"即使|即便|虽然|虽|无论|不论|不管|哪怕")


def refers_back(sentence: str) -> bool:
    """Whether a sentence leans on an earlier one for what it is about (`_REFERS_BACK`)."""
    for found in _REFERS_BACK.finditer(sentence):
        clause = re.split(r"[，。；]", sentence[: found.start()])[-1]
        if not (found.group(0).startswith("也") and _CONCESSION.search(clause)):
            return True
    return False


def stands_alone(record: ArticleRecord, sentence: str) -> bool:
    """Whether a sentence can be asked with the stem `stem_prefix` gives it: it refers back to nothing
    (`refers_back`), or the sentence it refers back to is carried before it (`condition_before`)."""
    return not refers_back(sentence) or bool(condition_before(record, sentence))


def condition_before(record: ArticleRecord, asked: str) -> str:
    """The sentence before `asked` in its paragraph, with its own end mark, when `asked` defers its figure
    (`_DEFERS`), is a permission under a condition that relaxes a rule the sentence before states
    (`_EXCEPTION_TO_BEFORE`) or refers back to it (`refers_back`), and that sentence holds no figure of its own (which
    could give a key away), or ""."""
    exception = bool(asked) and bool(_EXCEPTION_TO_BEFORE.match(asked))
    if not asked or not (_DEFERS.search(asked) or exception or refers_back(asked)):
        return ""
    for whole, at in _places(record, asked):
        if at == 0:
            continue
        before = whole[:at]
        start = max(before.rfind("。", 0, len(before) - 1), before.rfind("；", 0, len(before) - 1)) + 1
        lead = before[start:]
        if not lead.endswith(("。", "；")) or len(lead) > _LONGEST_CONDITION or re.search(r"\d", lead):
            return ""
        return "" if exception and not _RULE_WORD.search(lead) else lead
    return ""


OPEN_PIT = "露天煤矿"
# What a paragraph's opening sentence is about: the words before its first rule word, one phrase (no comma), not
# a time or condition (割煤时必须…, 在…).
_TOPIC = re.compile(r"^([^，,；;。：:“”]{2,40}?)(?:必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘))")


def context_of(record: ArticleRecord, asked: str) -> str:
    """The mine type and topic `asked` (a sentence, or a list's lead-in and item) needs and does not name, or ""."""
    mine = OPEN_PIT if OPEN_PIT in record.path and "露天" not in asked else ""
    if not asked:
        return mine
    return mine + (carried_party(record, asked) or paragraph_topic(record, asked) or opening_condition(record, asked)
                   or qualifier_before(record, asked) or elided_scope(record, asked) or bare_head(record, asked)
                   or thing_before(record, asked) or governing_case(record, asked) or limited_kind(record, asked))


# A paragraph of one sentence that opens on a way of working (…揭煤采用远距离爆破时，必须明确…) sets that case for
# the paragraph right after it: 井筒起爆及撤人地点必须位于…20m以外 is about 揭煤 blasting (frontline read 16, T12).
_METHOD_CASE = re.compile(r"^([^，。；：:\d]{0,12}?(?:采用|使用)([^，。；：:\d]{2,16}?)时)，[^。；]*。$")
# A sentence that lets work resume once a check is passed (…都必须检查瓦斯，只有…时，方可开启) resumes what the case of the
# sentence before stopped (恢复正常通风后，…方可恢复工作): read alone it is a standing rule (managers' read 8, T37).
_RESUMES = re.compile(r"方可(?:开启|恢复|送电|启动|开动|运转|复工)")
_CASE_OPENING = re.compile(r"^([^，。；：:\d]{2,24}?(?:时|后))，")
# A sentence with a case of its own: …时，/…后，/…前， before its first rule word.
_OWN_CASE = re.compile(r"^[^。；]{0,30}?(?:时|后|前)，")


def governing_case(record: ArticleRecord, asked: str) -> str:
    """The case `asked` holds in and does not name, said by what stands before it: the way of working a one-sentence
    paragraph right before opens with (`_METHOD_CASE`), or, for a sentence letting work resume (`_RESUMES`), the case
    the sentence before it opens with (`_CASE_OPENING`); "" when `asked` names a case or duty-bearer of its own or
    quotes the sentence before (`condition_before`). No case with a figure (it could give a key away)."""
    flat = _flat(asked)
    if not flat or _OWN_CASE.match(flat) or _BARE_CONDITION.match(flat) or read.subject(asked):
        return ""
    if condition_before(record, asked):
        return ""
    placed = _placed(record, flat)
    if placed is None:
        return ""
    paragraphs, index, at = placed
    if at == 0 and index > 0:
        found = _METHOD_CASE.match(paragraphs[index - 1])
        return found.group(1) if found and found.group(2) not in flat else ""
    if at > 0 and _RESUMES.search(flat):
        found = _CASE_OPENING.match(re.split(r"[。；]", paragraphs[index][:at].rstrip("。；"))[-1])
        return found.group(1) if found and found.group(1)[:-1] not in flat else ""
    return ""


def _placed(record: ArticleRecord, flat: str) -> tuple[list[str], int, int] | None:
    """The article's paragraphs (flattened), the index of the first that holds `flat` and where in it `flat` starts;
    None when no paragraph holds it."""
    paragraphs = [_flat(p) for p in read.clean_paragraphs(record.text)]
    for index, whole in enumerate(paragraphs):
        at = whole.find(flat)
        if at >= 0:
            return paragraphs, index, at
    return None


# A head that is only when the rule applies (每次使用前必须检查: check what?), with no thing of its own.
_ONLY_WHEN = re.compile(r"^(?:每次|每班|每天|每日|每月|每年)?[\u4e00-\u9fa5]{0,6}?(?:前|后|时)$")
# The head of the sentence before: the thing it is about (保险带应当定期…试验).
_THING_HEAD = re.compile(r"([\u4e00-\u9fa5]{2,8}?)(?:必须|应当|严禁|不得|禁止|不准)[^。；]*[。；]?$")


def thing_before(record: ArticleRecord, asked: str) -> str:
    """The thing the sentence before `asked` is about (its head, `_THING_HEAD`) when `asked` opens on when its rule
    applies only (`_ONLY_WHEN`: a check before each use, a damaged one replaced (每次使用前…) after 保险带应当定期…试验), or "": read alone the
    rule has no subject (genfix13's leftovers, 规程 第一百零四条)."""
    flat = _flat(asked)
    found = _HEAD_END.search(flat)
    if not found or not _ONLY_WHEN.match(flat[: found.start()]):
        return ""
    for whole, at in _places(record, asked):
        before = re.split(r"[。；]", whole[:at].rstrip("。；"))[-1]
        head = _THING_HEAD.match(before)
        if not head or read.subject(before) or _ONLY_WHEN.match(head.group(1)):
            return ""  # 运转时必须检查…: the sentence before names no thing either
        return head.group(1)
    return ""


def carried_party(record: ArticleRecord, asked: str) -> str:
    """The party its paragraph opens with (`read.paragraph_party`) when `asked` stands later in that paragraph and is a
    case run into its duty that names no party acting in it (`read.case_without_actor`): the agency in charge for
    紧急情况下要求有关单位…的，应当随后补发…指令 (trainer-narrowed read 1, T19); or ""."""
    flat = _flat(asked)
    if not read.case_without_actor(flat):
        return ""
    paragraphs = read.clean_paragraphs(record.text)
    for whole, at in _places(record, asked):
        party = read.paragraph_party(whole, _flat(paragraphs[0])) if at > 0 else ""
        return party if party and party not in flat else ""
    return ""


# Nouns a paragraph names in full once and then bare (矿井必须规定避水灾路线，设置…避水灾标识。巷道交叉口必须设置标识，…
# 标识间距不得大于200m): read alone, the bare word is any such thing — 规程 第七百四十一条 spaces 避灾路线标识 500m apart
# in the same places (managers' blind read, T28).
_BARE_HEADS = ("标识", "标志", "警标", "牌板", "考试", "预案")
# Where the modifier before a head starts: after 的, a mark, or the verb that sets or draws up the thing.
_MODIFIER_START = re.compile(r"^.*(?:的|[，。；：、]|设置|设有|安设|悬挂|编制|制定|规定)")
_LONGEST_MODIFIER = 6


def bare_head(record: ArticleRecord, asked: str) -> str:
    """The full name (避水灾标识) an earlier sentence of the paragraph gives a head `asked` uses bare (标识), or the
    article's own subject (`article_subject`) ending in that head; or ""."""
    flat = _flat(asked)
    for whole, at in _places(record, asked):
        before = whole[:at]
        for head in _BARE_HEADS:
            if head not in flat:
                continue
            for found in re.finditer(re.escape(head), before):
                near = before[max(0, found.start() - 12) : found.start()]
                modifier = _MODIFIER_START.sub("", near)
                named = modifier + head
                if _SHORTEST_SHARED <= len(modifier) <= _LONGEST_MODIFIER and named not in flat:
                    return named
        break
    subject = article_subject(record)
    return subject if subject and subject.endswith(tuple(h for h in _BARE_HEADS if h in flat)) and subject not in flat else ""


# What an article is about when its first sentence opens with it (煤矿特种作业操作资格考试包括…): a later paragraph that says
# only 考试 (申请人考试合格的，…二十个工作日内完成发证工作) is about that exam, not a manager's own 考核, which runs on other
# deadlines (managers' blind read 3, T38).
_ARTICLE_SUBJECT = re.compile(r"^([\u4e00-\u9fa5]{4,20}?)(?:包括|分为|实行|由|应当|必须|是)")


def article_subject(record: ArticleRecord) -> str:
    """The thing the article's first sentence opens with (`_ARTICLE_SUBJECT`), or ""."""
    paragraphs = read.clean_paragraphs(record.text)
    found = _ARTICLE_SUBJECT.match(_flat(paragraphs[0])) if paragraphs else None
    return found.group(1) if found else ""


# A sentence whose head names its thing short, the way one does after naming it in full (在突出煤层的…掘进工作面进风侧，必须
# 设置至少2道牢固可靠的反向风门。风门之间的距离不得小于4m; 煤体固化措施 for soft seams。…固化操作时，所有人员不得
# 正对孔口): read alone it holds for any 风门 or any 固化 (blind read 8, T27 T37). Its head: up to the first rule word, or
# a short opening condition (固化操作时，).
_SHORT_CONDITION = re.compile(r"^([^，。；]{2,8}?)时，")
_LONGEST_SCOPE = 16
_SHORTEST_SHARED = 2
_BARE_ACT = re.compile(r"(?:操作|作业|施工|工作)$")  # 固化操作时: the act is 固化, done under the article's measure


def elided_scope(record: ArticleRecord, asked: str) -> str:
    """The thing `asked` names short in its head, as named in full before it: a term of an earlier sentence of its
    paragraph ending in a word of the head (反向风门 for 风门之间的距离), or the head of the article's opening sentence
    sharing a word with a short opening condition (井巷揭煤工作面煤体固化措施 for 固化操作时); "" when `asked` has a
    duty-bearer of its own, names that thing in full, or is where the article or its paragraph starts."""
    flat = _flat(asked)
    if not flat or read.subject(asked):
        return ""
    condition = _SHORT_CONDITION.match(flat)
    found = _HEAD_END.search(flat)
    head = condition.group(1) if condition else flat[: found.start()] if found and found.start() <= _LONGEST_BARE_HEAD else ""
    if len(head) < _SHORTEST_SHARED:
        return ""
    placed = _placed(record, flat)
    if placed is None:
        return ""
    paragraphs, index, at = placed
    if at > 0:
        for _, term in kt.term_spans(paragraphs[index][:at]):
            short = _shared_end(term, head)
            if len(short) >= _SHORTEST_SHARED and len(term) > len(short) and term not in flat and term.endswith(short):
                return term
    if condition and index > 0:
        opening = re.split(r"[。；]", paragraphs[0], maxsplit=1)[0]
        scope = re.split(r"适用于|是指|必须|应当|严禁|不得|，", opening, maxsplit=1)[0]
        core = _BARE_ACT.sub("", head)
        if (_SHORTEST_SHARED * 2 <= len(scope) <= _LONGEST_SCOPE and scope not in flat
                and not scope.startswith(("在", "当", "对", "如", "凡", "除", "因"))
                and not scope.endswith(("时", "前", "后", "中"))
                and _SHORTEST_SHARED <= len(core) <= _SHORTEST_SHARED * 2 and core in scope):
            return scope
    return ""


# A paragraph that opens on a kind limited by what it is (水文地质类型复杂…的矿井，应当…): a later sentence about a sort of
# that kind (…的老矿井，必须安装控制阀门) holds for the limited kind only; read alone it binds every old mine (blind read 18,
# T31). Not where the later sentence turns to the others (其他矿井) or opens on a place or case (在…, 当…); the kind is
# set off by a comma as the paragraph's topic: without it (使用油润滑的空气压缩机必须…。水冷式空气压缩机必须…) a later
# head of the same ending is as likely a sibling as a sort.
_LIMITED_KIND = re.compile(r"^([^，。；：:“”\d]{6,40})的([\u4e00-\u9fa5]{2,6})，(?:应当|必须|应(?!急|用|力|变|答|聘)|严禁|不得)")
_OTHER_KIND = re.compile(r"^(?:其他|其余|其它|非|除|在|当|对|如|凡|因)")


def limited_kind(record: ArticleRecord, asked: str) -> str:
    """"qualifier的kind" its paragraph opens with (`_LIMITED_KIND`) when `asked` stands later in that paragraph and the
    head of `asked` (before its first rule word) ends in that kind and names none of the qualifier's cases, or ""."""
    flat = _flat(asked)
    found = _HEAD_END.search(flat)
    if not found or _OTHER_KIND.match(flat):
        return ""
    head = re.split(r"[，,]", flat[: found.start()].rstrip("，,"))[-1]
    placed = _placed(record, flat)
    if placed is None or placed[2] == 0:
        return ""
    lead = _LIMITED_KIND.match(placed[0][placed[1]])
    if not lead or not head.endswith(lead.group(2)) or _OTHER_KIND.match(head):
        return ""
    if any(len(case) >= _SHORTEST_HEAD and case in flat for case in re.split(r"或者|或|、|以及|及|和", lead.group(1))):
        return ""  # it names the limit, or one of its cases (…或者自燃倾向性不明的矿井 → 自燃倾向性不明的矿井，必须…)
    return f"{lead.group(1)}的{lead.group(2)}"


def _shared_end(term: str, head: str) -> str:
    """The longest end of `term` that `head` contains (风门 of 反向风门 in 风门之间的距离)."""
    for size in range(len(term) - 1, _SHORTEST_SHARED - 1, -1):
        if term[-size:] in head:
            return term[-size:]
    return ""


# An earlier sentence of the paragraph that names the thing a later one opens with, qualified: 采煤工作面的松动爆破防突措施
# 适用于…。松动爆破孔间距…孔深不小于5m — the 5m holds for the 采煤工作面 only (煤巷掘进 sets 8m, blind read 6, T12).
_SHORTEST_HEAD = 4  # 松动爆破; 孔深 or 风量 alone is any hole's or airway's
# The qualifier opens its sentence and names a place or a system (采煤工作面的, 有线调度通信系统的), not an act or a body
# (国务院统一领导全国的…, 爆破作业单位应当对本单位的…).
_QUALIFIED = re.compile(
    r"(?:^|[。；])(?![在当对由经并从向按如凡除因于])"
    r"([\u4e00-\u9fa5（）]{2,12}?(?:工作面|巷道|巷|井筒|硐室|煤层|采区|盘区|矿井|系统|车场|泵房|变电所))的"
)


def qualifier_before(record: ArticleRecord, asked: str) -> str:
    """"qualifier的thing" (采煤工作面的松动爆破) when `asked` opens with a thing an earlier sentence of its paragraph names
    so at the start of a clause, and `asked` does not name the qualifier, or "". The thing is what the two share."""
    flat = _flat(asked)
    for whole, at in _places(record, asked):
        if at == 0:
            continue
        before = whole[:at]
        for found in _QUALIFIED.finditer(before):
            shared = re.split(r"[，。；：、]", _shared_start(before[found.end() :], flat))[0]
            if len(shared) >= _SHORTEST_HEAD and found.group(1) not in flat:
                return found.group(1) + "的" + shared
        return ""
    return ""


def _shared_start(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


# A paragraph that opens with the equipment or method its rules hold for (采用装配式金属模板砌筑内壁时，…; 用水砂充填法控制
# 顶板时，…): a later sentence (脱模时…套壁施工速度每24h不得超过（ ）m) holds under it only.
_OPENING_CONDITION = re.compile(r"^((?:采用|使用|用)([^，。；]{2,20}?))(?:运输|提升)?时，")


def opening_condition(record: ArticleRecord, asked: str) -> str:
    """The 采用X condition a paragraph opens with when `asked` stands later in that paragraph and does not name X, or ""
    (a vehicle's or method's rule read without it holds for any: blind read 5, H8's class on the theory side)."""
    flat = _flat(asked)
    for paragraph in read.clean_paragraphs(record.text):
        whole = _flat(paragraph)
        if not flat or flat not in whole or whole.startswith(flat):
            continue
        found = _OPENING_CONDITION.match(whole)
        return found.group(1) if found and found.group(2) not in flat else ""
    return ""


# Where a sentence's own head ends: its first rule word or bound.
_HEAD_END = re.compile(r"必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|不大于|不小于|大于|小于|不超过|超过|不低于|低于")
_LONGEST_BARE_HEAD = 10  # 一氧化碳报警浓度 names a measure, not where it applies; a longer head names its own place


# A condition run straight into its rule with nobody named (无水或者喷雾装置不能正常使用时必须停机): who must stop is the
# paragraph's topic (采煤机), cut off with the start of the article (blind read 10, T9).
_BARE_CONDITION = re.compile(r"^[^，。；]{2,30}?时(?:必须|应当|应|严禁|不得|立即)")


def _leans_on_topic(sentence: str) -> bool:
    """Whether a sentence reads as part of its paragraph's topic: it opens with a condition (内喷雾装置不能正常使用时，, or
    one run straight into its rule: `_BARE_CONDITION`) or its head before the rule word is a short measure or thing (第五百四十一条's CO alarm level, 报警浓度大于或者等于0.0024%)."""
    if re.match(r"^[^，。；]{2,30}时，", sentence) or _BARE_CONDITION.match(sentence):
        return True
    found = _HEAD_END.search(sentence)
    if not found or not 2 <= found.start() <= _LONGEST_BARE_HEAD:
        return False
    if sentence[: found.start()].endswith("，"):
        return False  # 配水井的闸门，必须…: a head set off by a comma is the sentence's own topic (managers' read 4, T38)
    if _BETWEEN.search(sentence[: found.start()]):
        return False  # 木料场距离矸石山不得小于50m names both ends of its distance: no topic of another sentence (T23)
    # 甲烷传感器必须…, 主要通风机的风硐必须…: a thing of its own; a gas (一氧化碳报警浓度) is only what is measured.
    return all(kt.FAMILY[term][0] in _MEASURED for _, term in kt.term_spans(sentence[: found.start()]))


_MEASURED = frozenset({"气体", "氧气"})
# A head or topic that relates two things (X距离Y, X与Y之间, X至Y): a sentence of its own, whose topic is no other's
# (blind read 7, T23: 关于木料场、矸石山等堆放场距离进风井口的规定 over 木料场距离矸石山不得小于50m).
_BETWEEN = re.compile(r"距离|(?<![间前])距|与[^，。；]{1,12}之间|至[^，。；]{1,12}之间")


_SHORTEST_OWN = 2
_NOT_A_THING = ("主要", "每个", "每一", "所有", "各个", "矿井", "井下", "采区", "工作")  # words any topic may open with


def own_thing(topic: str, sentence: str) -> bool:
    """Whether the sentence's head (before its first rule word) opens with the thing the topic opens with but is not
    the topic: 水仓的空仓容量 beside 水仓进口处 is about the 水仓 itself, not its 进口处. The shared opening is two
    characters or more and not a word any topic may open with (`_NOT_A_THING`: 主要通风机 and 主要排水泵 share no thing)."""
    found = _HEAD_END.search(sentence)
    head = re.sub(r"^(?:各|每个|每一个|所有)", "", sentence[: found.start()] if found else sentence)
    shared = _shared_start(topic, head)
    return len(shared) >= _SHORTEST_OWN and shared != topic and not shared.startswith(_NOT_A_THING)


def paragraph_topic(record: ArticleRecord, sentence: str) -> str:
    """The topic of the paragraph `sentence` stands in when it is not the paragraph's opening, has no duty-bearer
    of its own, leans on the topic (`_leans_on_topic`) and does not name it, or ""."""
    flat = _flat(sentence)
    if not flat or read.subject(sentence) or not _leans_on_topic(sentence):
        return ""
    for paragraph in read.clean_paragraphs(record.text):
        whole = _flat(paragraph)
        if flat not in whole or whole.startswith(flat):
            continue
        found = _TOPIC.match(whole)
        if not found:
            return ""
        topic = found.group(1)
        if len(topic) < 3 or topic.endswith(("时", "后", "前", "不", "也", "均", "都", "还", "并", "亦", "则")):
            return ""  # 矿井, 设备 say nothing; …长度不（应） is no phrase
        if topic.startswith(("在", "当", "对", "如", "凡", "除", "因")) or _BETWEEN.search(topic):
            return ""
        if own_thing(topic, flat):
            return ""  # 水仓的空仓容量… under 水仓进口处应当设置箅子: about the 水仓 itself (managers' blind read, T39)
        if topic in flat or _another_head(topic, whole[len(found.group(0)) : whole.index(flat)], flat):
            return ""
        return topic
    return ""


def _another_head(topic: str, between: str, flat: str) -> bool:
    """Whether a clause after the paragraph's opening and up to the end of `flat` has a head of its own (a rule
    word, no lean on the topic, not naming it): the topic is then not what the asked clauses are about. 704's
    采煤机 opens the paragraph, but …时必须停机；液压支架和放煤口…必须安装喷雾装置 moves on to the
    supports (managers' blind read 4, T38); unsure whose rule the asked text states, carry no topic."""
    clauses = re.split(r"[。；;]", between)[1:] + re.split(r"[。；;]", flat)[1:]
    return any(
        _HEAD_END.search(clause) and not _leans_on_topic(clause) and topic not in clause and not refers_back(clause)
        for clause in clauses
        if clause
    )


def article_rng(seed: str, generator: str, record: ArticleRecord) -> random.Random:
    return random.Random(f"{seed}|{generator}|{record.key}")


def choice_options(
    correct: list[str], wrong: list[str], rng: random.Random
) -> tuple[tuple[Option, ...], tuple[str, ...]]:
    texts = [(t, True) for t in correct] + [(t, False) for t in wrong]
    rng.shuffle(texts)
    options = tuple(Option(OPTION_KEYS[i], t) for i, (t, _) in enumerate(texts))
    answer = tuple(OPTION_KEYS[i] for i, (_, ok) in enumerate(texts) if ok)
    return options, answer


def article_question(
    record: ArticleRecord,
    generator: str,
    seed: str,
    type_: str,
    stem: str,
    options,
    answer,
    explanation: str,
    inputs: dict,
    change: Change | None = None,
) -> GeneratedQuestion:
    return GeneratedQuestion(
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation,
        citation=record.citation,
        generator=generator,
        seed=seed,
        change=change,
        inputs={"article": record.key, **inputs},
        category=(CATEGORY_THEORY, short_title(record.title)),
        article_id=record.article_id,
        relevance=relevance(record.text, asked_text(inputs), record.path),
    )


def asked_text(inputs: dict) -> str:
    """The sentence a question asks about, from its inputs: the sentence, or a list's lead-in and item."""
    if inputs.get("sentence"):
        return inputs["sentence"]
    return "：".join(part for part in (inputs.get("lead", ""), inputs.get("item", "")) if part)


def rule_elsewhere(before: str, candidate: str, after: str, pools: TheoryPools) -> bool:
    """Whether the sentence with `candidate` filled in is stated by some current article (then it is no distractor)."""
    return bool(pools.flat_corpus) and _flat(before + candidate + after) in pools.flat_corpus


# What stands between a measure and its figure: a bound, a modal, 一般 (孔深不得小于8m, 孔深不小于5m, 间距一般为2m).
_BOUND_WORDS = re.compile(
    r"(?:应当|必须|均|须|应|一般|不得|不应|不宜|宜)?(?:不小于|不大于|不低于|不高于|不少于|不多于|不超过|小于|大于|低于|高于|"
    r"少于|多于|超过|达到|至少|最多|为|是)?$"
)
_MEASURE = re.compile(r"[\u4e00-\u9fa5]{2,8}")


def figure_elsewhere(before: str, figure: str, title: str, pools: TheoryPools) -> bool:
    """Whether another rule of the same document gives the measure before the blank this figure (孔深不得小于8m in
    突出细则 第一百零五条 for 煤巷掘进, beside 孔深不小于（ ） of 第一百一十条 for the 采煤工作面, blind read 6, T12): the
    figure is true of a related place, and a worker who knows that rule reads the option as right. The measure is the
    words of the blank's clause before its bound (孔深), two to eight characters."""
    clause = re.split(r"[，。；：、]", before)[-1]
    measure = _BOUND_WORDS.sub("", clause) if clause else ""
    document = pools.documents.get(title, "")
    if not document or not _MEASURE.fullmatch(measure):
        return False
    pattern = re.escape(measure) + r"[^，。；：\n\d]{0,6}?(?<![\d.])" + re.escape(figure) + r"(?![\d.])"
    return re.search(pattern, document) is not None


# --------------------------------------------------------------------------- numbers


def _number_slots(record: ArticleRecord, pools: TheoryPools) -> list[tuple[str, read.Quantity]]:
    """Sentences with a quantity whose text appears once there (else the stem gives it away), a rule's figure and
    not a usual one (`not_a_rule`: …一般为0.3～0.5m/s), nor one a later document in force restates with another value
    (`Figures.older`: 细则's 坡度大于25° where the 2025 规程 says 8°)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence) or not stands_alone(record, sentence):
            continue
        for quantity in read.quantities(sentence):
            if (sentence.count(quantity.raw) == 1 and not fixed_word(sentence, quantity)
                    and not once_per_period(sentence, quantity) and not not_a_rule(sentence, quantity.start)
                    and not pools.figures.older(record, sentence)):
                slots.append((sentence, quantity))
    return acted_on(slots, lambda slot: (slot[0], ""))


# A count of 1 within a frequency (至少每2周巡视1次, 每班检查1次): once per period is what any reader guesses, and the rule
# is the period (frontline read 12, T3; managers' read 4, T30). The count is not blanked: the period, when a figure, is
# a slot of its own (每（ ）周巡视1次).
_PER_PERIOD = re.compile(r"每[^，。；：]{0,80}$")


def once_per_period(text: str, quantity: read.Quantity) -> bool:
    """Whether `quantity` is 1次 after a 每<period> in its clause (`_PER_PERIOD`)."""
    return quantity.unit == "次" and quantity.value == 1 and bool(_PER_PERIOD.search(text[: quantity.start]))


# A period said in words (每旬, 每班, 每季度): with the count of 1 not blanked, the period is what to know
# (每（ ）至少进行1次全面测风), as real exams ask it. Not where the sentence names a season or a yearly event, which
# gives the period away (（每年）雨季前…演练, frontline read 16, T22).
_PERIOD_WORD = re.compile(r"每(?:半个月|半年|季度|小班|班|旬|周|天|日|月|年)")
_PERIOD_GIVEN = re.compile(r"雨季|汛期|冬季|夏季|冬春|春节|年度|季节")


def _period_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, 每<period>) for a frequency of once per a period said in words, the period once in its
    sentence and not given away by a season or yearly event the sentence names (`_PERIOD_GIVEN`)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence) or not stands_alone(record, sentence) or _PERIOD_GIVEN.search(sentence):
            continue
        for quantity in read.quantities(sentence):
            periods = list(_PERIOD_WORD.finditer(sentence[: quantity.start])) if once_per_period(sentence, quantity) else []
            period = periods[-1].group(0) if periods else ""
            if period and sentence.count(period) == 1:
                slots.append((sentence, periods[-1].start(), period))
    return slots


# Numerals that are part of a word, not a quantity: 四周 (all around) reads as four weeks.
_FIXED_WORDS = re.compile(r"四周|四面|一线")


def fixed_word(text: str, quantity: read.Quantity) -> bool:
    """Whether the numeral at `quantity` is part of a fixed word (`_FIXED_WORDS`) rather than a count."""
    return any(found.start() <= quantity.start < found.end() for found in _FIXED_WORDS.finditer(text))


MAX_RATIO = 3  # a distractor less than three times (or a third of) the key: 3%/4%/5% beside a methane cut-off of 1%, 六十天 beside 一天 teach nothing
FALSE_STEP = Decimal("1.3")  # a false statement moves a limit by at least this factor: 0.5m → 0.6m teaches nothing
#: Units on an interval scale, where a distractor is the key moved by a few steps rather than multiplied (95℃ → 105℃, not 190℃).
INTERVAL_UNITS = frozenset({"℃", "°C", "dB(A)", "dB（A）"})  # a noise level too: 85dB(A) beside 80 or 90, never 170
# Values a unit comes in, whatever the key: a voltage is one of the supply or safety levels (36V beside 24V, 42V, 48V;
# 127V beside 220V, 380V), never the key times a factor (54V, 190.5V), which no equipment runs on.
LADDERS = {"V": tuple(Decimal(v) for v in (6, 12, 24, 36, 42, 48, 110, 127, 220, 380, 660, 1140, 3300))}
FALSE_DEGREES = 5  # a false temperature limit moves by at least this many degrees
# Words before a number that make it a minimum (a lower value is less safe) or a maximum or a trigger (达到1.0%时
# 停止作业: a higher value is less safe). The minimum words are tried first: 不小于 ends in 小于.
_MINIMUM_BEFORE = re.compile(r"(?:不小于|不低于|不少于|不短于|至少|大于|高于|多于|以上)$")
_MAXIMUM_BEFORE = re.compile(r"(?:不超过|不大于|不高于|不多于|小于|低于|少于|超过|达到|最多|最高|以内)$")


_TRIGGER_SIDES = (("below", r"(?:不超过|不大于|不高于)$"), ("above", r"(?:不小于|不低于|不少于)$"),
                  ("below", r"(?:小于|低于|少于|不足)$"), ("above", r"(?:超过|大于|高于|达到)$"))


def _trigger_side(before: str) -> str:
    """Whether 时 follows a figure the value is below (不超过1.0%时) or above (达到1.0%时), or ""."""
    return next((side for side, words in _TRIGGER_SIDES if re.search(words, before)), "")

_INTERVAL_UNITS = ("min", "h", "小时", "分钟", "天", "日", "周", "个月", "月", "年")


def _frequency_direction(before: str, unit: str) -> int:
    """How often: 每班检查1次 is a least count (fewer is less safe), 每7天检查 a longest interval (longer is)."""
    near = before[-12:]
    if unit == "次" and "每" in near:
        return -1
    if unit in _INTERVAL_UNITS and re.search(r"每(?:隔)?$", before):
        return 1
    return 0


def unsafe_direction(before: str, after: str = "") -> int:
    """-1 when a lower value than the stated one is less safe (a minimum), +1 when a higher one is (a maximum
    or a threshold above which action is called for), 0 when the words around the number do not say.

    With `after` (the text after the unit) starting 时, the number is a trigger, and the changed figure widens
    the case it names: a narrower case would be true by implication (a stemming rule for 炮孔深度超过2.5m时 holds
    for depths over 5.0m too). So 超过2.5m时 → lower, 厚度小于10m时 → higher; for a permission (低于1.0%时，方可…)
    the wider case is the unsafe one as well.
    """
    before = before.rstrip().removesuffix("±")
    if after.startswith("时"):
        side = _trigger_side(before)
        return {"below": 1, "above": -1}.get(side, 0)
    # 视频应当保存1个月以上: the bound follows the figure (blind read 7, T33: 2个月以上 made the rule stricter).
    if after.startswith(("以上", "及以上")):
        return -1
    if after.startswith(("以下", "及以下")):
        return 1
    if re.match(r"(?:以|之)?后", after):
        return -1  # 揭开电池盖10min后测试, 等待15min后方可进入: a least wait, a shorter one is less safe
    before = re.sub(r"(?:应当|必须|不得|不应|均|须|应)$", "", before)
    before = re.sub(r"或(?:者)?等于$", "", before)  # 大于或者等于0.0024%
    if re.search(r"浓度(?:大于|高于)$", before):
        return 1  # the CO alarm level (报警浓度大于或者等于0.0024%): a gas's threshold, a higher one is laxer
    before = re.sub(r"不得(?=小于|低于|少于|短于)", "不", before)
    before = re.sub(r"不得(?=超过|大于|高于|多于)", "不", before)
    if _MINIMUM_BEFORE.search(before) or _MINIMUM_OF.search(before):
        return -1
    if _MAXIMUM_BEFORE.search(before) or _MAXIMUM_OF.search(before):
        return 1
    return 0


# The bound before a share of something (备用水泵 at least 50% of 工作水泵能力: …不得小于…的50%).
_MINIMUM_OF = re.compile(r"(?:不小于|不低于|不少于|至少|(?<!不)大于|(?<!不)高于)[^，。；]{1,12}的$")
_MAXIMUM_OF = re.compile(r"(?:不超过|不大于|不高于|(?<!不)小于|(?<!不)低于)[^，。；]{1,12}的$")


# The round steps figures are set in: decimal ones for any unit, and the clock's and calendar's for times (a rule sets
# 24h, 8h, 30min, 7天, 6个月); hours only the clock's (40h or 50h beside 24h is no shift nor day). A distractor is as
# round as the key (`as_round`).
_DECIMAL_STEPS = tuple(m * 10**k for k in range(6) for m in (1, 2, 5))
_HOURS = (1, 2, 4, 6, 8, 12, 24)
_UNIT_STEPS = {"h": _HOURS, "小时": _HOURS, "min": _DECIMAL_STEPS + (15, 30, 60), "分钟": _DECIMAL_STEPS + (15, 30, 60),
               "天": _DECIMAL_STEPS + (7, 15, 30), "日": _DECIMAL_STEPS + (7, 15, 30),
               "个月": _DECIMAL_STEPS + (3, 6, 12), "月": _DECIMAL_STEPS + (3, 6, 12)}
ROUND_FROM = 10  # below this every whole number is round enough: 5人 beside 4人 or 6人 is a fair choice
# The periods rules set in months, whatever the key: a quarter, half a year, a year (blind read 7, T11: 每7个月/5个月/8个月
# beside 每3个月 are periods nobody uses). They stand further apart than `MAX_RATIO` allows: 1个月 and 12个月 beside 3个月.
MONTHS = (1, 2, 3, 6, 12, 18, 24, 36)
_MONTH_UNITS = ("个月", "月")
MONTH_RATIO = 4


def roundness(value: Decimal, unit: str) -> int:
    """The largest round step (`_DECIMAL_STEPS`, or the unit's own: 24 of h, 30 of min) a whole number is a multiple of
    (24h → 24, 30min → 30, 300m → 100, 11h → 1); 0 for a fraction."""
    if value != value.to_integral_value():
        return 0
    return max(step for step in _UNIT_STEPS.get(unit, _DECIMAL_STEPS) if value % step == 0)


def as_round(candidate: Decimal, value: Decimal, unit: str) -> bool:
    """Whether a whole-number distractor is at least half as round as a key of `ROUND_FROM` or more (`roundness`): beside
    24h, 12h, 36h, 48h and 72h are what a worker might misremember, 11h nobody (blind read 6, T39); beside 30min, 15, 20,
    45, 60. Outside times a multiple of 5 is round enough (15m beside 20m). Below `ROUND_FROM` any whole number is, but a
    distractor above it is still round (10m, not 11m, beside 5m)."""
    if unit in _MONTH_UNITS and candidate == candidate.to_integral_value():
        return int(candidate) in MONTHS
    if value != value.to_integral_value() or candidate < ROUND_FROM and value < ROUND_FROM:
        return True
    needed = Decimal(roundness(value, unit)) / 2 if value >= ROUND_FROM else Decimal(4)
    return roundness(candidate, unit) >= (needed if unit in _UNIT_STEPS else min(needed, 5))


# Counted things where one is the least there can be: （ ）台以上起重机起吊同一物体时 with 1台 names every lift, so the option
# makes the sentence say nothing and is picked out without knowing the rule (genfix, issue 16). A frequency (每年1次以上) or
# a duty to have some (配备不少于1名) still says something, as does 1m以上 or 1年以上.
TALLY_UNITS = frozenset({"次", "人", "名", "台", "处", "倍", "个", "组", "道"})


def says_nothing(candidate: Decimal, unit: str, context: tuple[str, str]) -> bool:
    """Whether a count of `candidate` (at most one) in the frame `context` (the text before the number, the text after its
    unit) takes in every case: 1台以上, not 每班1次以上."""
    if unit not in TALLY_UNITS or candidate > 1 or not context[1].startswith(("以上", "及以上")):
        return False
    return "每" not in re.split(r"[，,；;。：:]", context[0])[-1]


def number_distractors(
    quantity: read.Quantity,
    record: ArticleRecord,
    pools: TheoryPools,
    rng: random.Random,
    count: int = 3,
    context: tuple[str, str] = ("", ""),
    false_statement: bool = False,
) -> list[str]:
    """Other plausible values with the same unit, none of which the article states with that unit.

    Each is within `MAX_RATIO` of the key, and, with `context` (the text before and after the
    number and unit), none gives a sentence some current article states. For a `false_statement`
    the value is at least `FALSE_STEP` away, on the unsafe side where the words before the number
    say which that is (`unsafe_direction`): 不得小于0.5m becomes 0.3m, never 0.6m. Never a count the frame makes
    meaningless (`says_nothing`: 1台 beside （ ）台以上起重机) nor one the quantity can never take (`beyond_what_can_be`: 25%
    beside an oxygen floor of 20%). None for a figure that bounds the case the rule applies to
    (`bounds.condition_bound`: beside 2台以上…时 a 3台 is true); a required minimum or maximum keeps options either side.
    """
    if any(context):
        at = len(context[0])
        moved = dataclasses.replace(quantity, start=at, end=at + len(quantity.raw))
        if pools.figures.superseded(record, context[0] + quantity.text + context[1], moved):
            return []  # a later document in force gives the rule another figure: neither value is safely wrong
    if not false_statement and condition_bound(*context):
        return []  # only one side of a condition's bound is false: asked as a blank or a true/false instead
    direction = unsafe_direction(*context) if false_statement else 0
    if false_statement and not direction:
        direction = _frequency_direction(context[0], quantity.unit)
    if false_statement and not direction and re.match(r"(?:以)?内", context[1]):
        # 在1年内重新进行…: a deadline, longer is laxer; 附近20m以内…严禁爆破: a zone, smaller is laxer.
        direction = 1 if quantity.unit in _INTERVAL_UNITS else -1 if quantity.unit in ("m", "km") else 0
    if false_statement and not direction:
        return []  # a figure changed either way could make the rule stricter, which teaches nothing (blind read 7, T33)
    unit = read.canonical_unit(quantity.unit)
    stated = {q.value for q in read.article_quantities(record.text) if read.canonical_unit(q.unit) == unit}
    value = quantity.value
    # A small percentage written whole (瓦斯浓度超过1%时) is a concentration: 0.5% and 1.5% are its plausible neighbours.
    integral = value == value.to_integral_value() and "." not in quantity.raw and not (quantity.unit == "%" and value < 10)
    candidates = set(pools.numbers.get(unit, ())) | {
        value * m for m in (2, 3, 5, Decimal("1.5"), Decimal("0.5"))
    }
    if integral and value <= 10:
        candidates |= {value + 1, value + 2, value - 1}
    if unit in LADDERS:
        candidates = set(LADDERS[unit])
    if integral and value >= ROUND_FROM and quantity.unit in _UNIT_STEPS:  # 24h: 12h, 36h, 48h, 60h by the clock's step
        step = Decimal(roundness(value, quantity.unit)) / 2
        candidates |= {value + k * step for k in (-1, 1, 2, 3)}
    months = quantity.unit in _MONTH_UNITS and integral
    if months:
        candidates |= {Decimal(m) for m in MONTHS}
    multiplier = quantity.unit in MULTIPLIER_UNITS and value > 1
    if multiplier:  # 1.1倍: 1.05, 1.2, 1.25倍 — a setting's margin over the rated value, not the value doubled
        candidates |= {value + k * MULTIPLIER_STEP for k in (-2, -1, 1, 2, 3, 4)} | {Decimal(1)}
    interval = quantity.unit in INTERVAL_UNITS
    if interval:  # 95℃ doubled is 190℃, absurd for cooling water: temperatures move by steps, not factors
        candidates = set(pools.numbers.get(unit, ())) | {value + d for d in (-20, -15, -10, -5, 5, 10, 15, 20)}
    # Other figures of the unit in the key's clause: a distractor stays on the key's side of each (blind read 7, T39:
    # 在26h内排出矿井24h的涌水量 — pumping a day's inflow takes less than a day). Another clause's figure is another
    # rule's (每年至少组织2次应急演练，每次不少于3次…).
    clause = (re.split(r"[，,；;。：:]", context[0])[-1], re.split(r"[，,；;。：:]", context[1])[0])
    if unit in LADDERS:  # a level beside the sentence's others (24V in a metal vessel after 36V for hand lamps): not above
        clause = context
    others = [q.value for part in clause for q in read.quantities(part) if q.unit == quantity.unit and q.value != value]
    # A key less than half a round step (`roundness`) short of what the quantity can be (20% oxygen, fresh air holding
    # 20.9%): the round values above it are impossible, so whole numbers just below it are what a worker might
    # misremember (18%, 19%), not only the round ones far below (10%, 15%).
    cramped = integral and beyond_what_can_be(value + Decimal(max(roundness(value, quantity.unit), 2)) / 2, quantity.unit,
                                              context)
    if cramped:
        candidates |= {value - 1, value - 2}
    texts: dict[str, Decimal] = {}
    for candidate in candidates:
        if candidate <= 0 or candidate in stated or beyond_what_can_be(candidate, quantity.unit, context):
            continue
        if says_nothing(candidate, quantity.unit, context):
            continue
        if any((candidate > o) != (value > o) or (candidate < o) != (value < o) for o in others):
            continue
        if interval:
            if not (FALSE_DEGREES if false_statement else 1) <= abs(candidate - value) <= max(10, abs(value) * Decimal("0.3")):
                continue
        elif months:
            if not Decimal(1) / MONTH_RATIO <= candidate / value <= MONTH_RATIO:
                continue
        elif not Decimal(1) / MAX_RATIO < candidate / value < MAX_RATIO:
            continue
        if multiplier and not near_multiplier(candidate, value):
            continue
        if false_statement and (
            not interval and Decimal(1) / FALSE_STEP < candidate / value < FALSE_STEP or direction * (candidate - value) < 0
        ):
            continue
        if (integral or quantity.unit in read.COUNT_UNITS and not multiplier) and candidate != candidate.to_integral_value():
            continue
        if integral and not as_round(candidate, value, quantity.unit) and not (cramped and candidate >= value * 3 / 4):
            continue
        try:
            written = read.format_number(candidate, quantity)
        except ValueError:
            continue
        if quantity.style == "arabic" and Decimal(written) != candidate:
            written = format(candidate.normalize(), "f")  # like the key (1.0), 0.75 would read 0.8, 0.0005 0.000
            if significant_digits(written) > max(significant_digits(quantity.raw), 3 if multiplier else 2):
                continue  # 0.375% beside a limit of 0.75% reads as made up, not as a rule one might misremember
        text = written + quantity.unit
        if text in quantity.text or quantity.text in text or text in record.text:
            continue
        if any(context) and (rule_elsewhere(context[0], text, context[1], pools)
                             or figure_elsewhere(context[0], text, record.title, pools)):
            continue
        texts.setdefault(text, candidate)
    ranked = sorted(texts, key=lambda t: (abs(math.log(float(texts[t]) / float(value))), t))
    nearest = ranked[: count + 3]
    rng.shuffle(nearest)
    chosen = nearest[:count]
    side = 0 if false_statement or not any(context) else unsafe_direction(*context)
    if side and len(chosen) == count and not any(side * (texts[t] - value) > 0 for t in chosen):
        # All on the rule's safe side (15/20/25min beside a wait of at least 10min): one that breaks it is the
        # option a careless worker would pick (managers' blind read 3, T8).
        breaking = [t for t in ranked if side * (texts[t] - value) > 0]
        if breaking:
            chosen[-1] = breaking[0]
    return sorted(chosen, key=lambda t: texts[t]) if len(chosen) >= count else []


# What a figure can be at most, whatever a rule says: a share is at most the whole, oxygen in a mine's air at most what
# fresh air holds (managers' blind read 7, T27: a floor of 25% or 30% beside 氧气浓度不低于20% can never be met, so the
# option is ruled out without knowing the rule), an inclination at most the vertical. (unit, what the figure's clause
# names, the most it can be, whether that most itself is out.)
AIR_OXYGEN = Decimal("20.9")
_OXYGEN_IN_AIR = re.compile(r"(?<![一二])氧(?:气)?(?:的)?(?:浓度|含量)|含氧量|氧含量")
_OXYGEN_SUPPLY = re.compile(r"氧气瓶|呼吸器|自救器|纯度|制氧|供氧|充氧|氧舱")
_INCLINATION = re.compile(r"倾角|坡度|倾斜角|坡角")
# A share of a rated or whole amount (单机载荷不得超过额定起重量的80%): 100% of it is the whole, which the rule forbids
# exceeding anyway, so it reads true (blind read 7, T4); any other share is at most 100%.
_A_SHARE_OF = re.compile(r"的$")


def beyond_what_can_be(candidate: Decimal, unit: str, context: tuple[str, str]) -> bool:
    """Whether `candidate` (of `unit`, in the frame `context`: the text before the number, the text after its unit) is a
    value the quantity can never take, whatever its direction: above 100%, the whole of a share of a rated amount, a
    share of oxygen in the air above `AIR_OXYGEN`, an inclination above 90°. Beside a 20% oxygen floor 18% and 19%
    stay; 25% and 30% do not."""
    before = context[0].rstrip()
    clause = re.split(r"[，,；;。：:]", before)[-1]
    if unit == "%":
        if candidate > 100 or candidate == 100 and _A_SHARE_OF.search(before):
            return True
        oxygen = _OXYGEN_IN_AIR.search(clause) and not _OXYGEN_SUPPLY.search(before + context[1])
        return bool(oxygen and candidate > AIR_OXYGEN)
    if unit == "°":
        return bool(_INCLINATION.search(clause)) and candidate > 90
    return False


# Multiples of a rated or reference value (a safety valve opening at 1.1倍 the rated pressure at most): what a reader weighs is the margin over
# the reference, so a distractor keeps the key's margin in range — 1.0, 1.05, 1.2, 1.25倍 beside 1.1倍, never 2.0 or
# 3.0倍 (managers' blind read, T6); beside 3倍, 2倍 and 4倍 stay.
MULTIPLIER_UNITS = frozenset({"倍"})
MULTIPLIER_STEP = Decimal("0.05")


def near_multiplier(candidate: Decimal, key: Decimal) -> bool:
    """Whether a multiple of more than one (`MULTIPLIER_UNITS`) is within twice the key's margin over one of the key,
    and not below one (a setting under the reference value reads as another rule)."""
    return candidate >= 1 and abs(candidate - key) <= 2 * (key - 1)


def significant_digits(number: str) -> int:
    """Significant digits of a written number (0.375 → 3, 0.25 → 2, 20 → 1)."""
    return len(Decimal(number).normalize().as_tuple().digits)


def accepted_forms(quantity: read.Quantity) -> list[str]:
    """The answers a blank accepts: the number as written, and its other numeral form. Stored as one answer with the
    forms joined by "/" (`blank_answer`): the taking page gives one box per answer and scores each."""
    accepted = [quantity.raw]
    if quantity.style == "chinese":
        accepted.append(str(quantity.value))
    elif quantity.value == quantity.value.to_integral_value() and quantity.value < 10000:
        accepted.append(read.to_chinese_number(int(quantity.value)))
    return accepted


def blank_answer(forms: list[str]) -> tuple[str]:
    """The answer of a one-blank question: its accepted forms as one "/"-separated text (2/二), the original first."""
    return ("/".join(forms),)


def _number_choice(
    record: ArticleRecord, name: str, seed: str, stem: str, quantity: read.Quantity, wrong: list[str],
    rng, explanation: str, inputs: dict,
) -> GeneratedQuestion:
    """A single choice whose key is `quantity` and whose distractors are `wrong`."""
    options, answer = choice_options([quantity.text], wrong, rng)
    return article_question(record, name, seed, "single", stem, options, answer, explanation, inputs)


def _blank_slot(record: ArticleRecord, seed: str, pools: TheoryPools) -> tuple[str, read.Quantity] | None:
    """The sentence and number the blank generator asks about in this article."""
    slots = _number_slots(record, pools)
    return article_rng(seed, "theory.blank_number", record).choice(slots) if slots else None


def blank_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……应当至少每（ ）年……: the number is blanked, the unit stays."""
    name = "theory.blank_number"
    slot = _blank_slot(record, seed, pools)
    if slot is None:
        return None
    sentence, quantity = slot
    stem = stem_prefix(record, sentence) + sentence[: quantity.start] + BLANK + sentence[quantity.end :] + "。"
    accepted = accepted_forms(quantity)
    explanation = f"原文：“{sentence}。”"
    return article_question(
        record,
        name,
        seed,
        "blank",
        stem,
        (),
        blank_answer(accepted),
        explanation,
        {"sentence": sentence, "position": quantity.start, "unit": quantity.unit},
    )


def single_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A number-and-unit blank with three other values of the same unit."""
    name = "theory.single_number"
    rng = article_rng(seed, name, record)
    slots = _number_slots(record, pools)
    rng.shuffle(slots)
    taken = _blank_slot(record, seed, pools)
    for sentence, quantity in slots:
        # With a unit like % the blank question's stem would read the same once punctuation is ignored.
        if (sentence, quantity) == taken and not re.search(r"\w", quantity.unit):
            continue
        end = quantity.end + len(quantity.unit)
        wrong = number_distractors(quantity, record, pools, rng, context=(sentence[: quantity.start], sentence[end:]))
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, sentence) + sentence[: quantity.start] + BLANK + sentence[end:] + "。"
        return _number_choice(record, name, seed, stem, quantity, wrong, rng, f"原文：“{sentence}。”",
                              {"sentence": sentence, "position": quantity.start, "unit": quantity.unit})
    return None


# --------------------------------------------------------------------------- duty-bearers


_SITUATIONAL = re.compile(r"接到|接受|受理|发布|参与|参加|共同负责|发生|其他单位|有关单位")
# Parties of one class that play another role in a project than the mine itself: beside 煤矿企业 they are bodies as
# the key is, and the duty is not theirs (承包单位 is not the one to test the air underground).
_ROLES = ("设计单位", "勘察单位", "监理单位", "施工单位", "劳务派遣单位", "分包单位")
# Bodies of trades a mine's duties never concern: beside a mine's duty they are ruled out at a glance.
_OTHER_TRADES = re.compile(r"特种设备|危险化学品|爆炸物品|电梯|气瓶|锅炉|管道|水路|物业|捐赠|进出口|充装|出租|销售")


# The names a coal mine's rules give the employer itself: in a mine's documents 用人单位, 生产经营单位 and 煤矿企业 are one
# party, so two of them side by side, or one beside another as the key, are the same option twice (managers' blind
# read, T23).
THE_EMPLOYER = frozenset({"煤矿企业", "煤矿", "矿山企业", "煤炭企业", "用人单位", "生产经营单位", "企业", "单位"})
# A party named by a state it is in (不具备安全培训条件的煤矿企业, 临时停工停产的井工煤矿, 有热害的井工煤矿, 女职工比较多的
# 用人单位): out of its article it reads as absurd or as a case of the key, never as another duty-bearer (T23).
_IN_A_STATE = re.compile(r"^[^的]*(?:不|未|没有|无|有(?!关|限)|从事|比较|停工|停产|新任职)[^的]*的")
# A party that is a mine, whatever its state (井工煤矿, 临时停工停产的井工煤矿, 煤矿企业, 矿山企业).
_A_MINE = re.compile(r"煤矿|矿井|矿山")
_MINE_WORK = re.compile(r"井|矿|瓦斯|煤|爆破|采掘|通风|顶板|突出|水害|冲击地压|炸药|雷管")
# Bodies every other body of their class belongs to: beside them, a body in another role is one of them.
_GENERIC_BODY = re.compile(r"生产经营单位|用人单位|单位|企业")


def _own_work(party: str, rest: str) -> bool:
    """Whether the duty after `party` is about its own work: the mine's (井下, 瓦斯 …) or its trade's
    (特种设备使用单位应当对其使用的特种设备…)."""
    trade = _OTHER_TRADES.search(party)
    return bool(_MINE_WORK.search(rest) or trade and trade.group(0) in rest)


def _role(party: str) -> str:
    return next((role for role in _ROLES if party.endswith(role)), "")


def party_distractors(
    party: str,
    group: str,
    record: ArticleRecord,
    pools: TheoryPools,
    rng: random.Random,
    count: int = 3,
    rest: str = "",
) -> list[str]:
    """Duty-bearers of the key's kind (a body beside a body, a person beside a person) that the article never names:
    of other classes, or of the key's own class in another role (施工单位 beside 煤矿企业); same document first.

    Never a party of the key's own class in the same role (a broader party would also be right), never 工会: it is
    the only union party, so it would turn up in every question and give itself away, and never the state for a
    duty of the mine or its people (人民政府 beside 从业人员 is no real choice). A person key gets none: people
    overlap across classes (a manager who goes underground is also an 入井人员), so no other person is certainly
    wrong, and a body beside persons gives the key away. With `rest` (the sentence after the party), never one for
    whom some current article states it, nor one a current rule gives the act, itself or as one of a class
    (`wider_parties.given_the_act`: 应急管理部门, one of the 负有安全生产监督管理职责的部门). A key that names a mine
    (临时停工停产的井工煤矿, 煤矿企业) gets only parties that name a mine too: beside 勘察单位, 劳务派遣单位, 施工单位 it is the
    only mine and gives itself away (blind read 5, T19); with none to offer, the item is not asked. A state key gets none.
    """
    if read.is_person(party):
        return []
    if group == "state":
        # Enterprises beside an agency give the key away (managers' blind read 3, T32: 卫生行政部门 the only body of the
        # state beside 用人单位); other agencies overlap it (a government has every department under it, one trade
        # serves at every level, 卫生行政部门 is the 职业卫生监督管理部门), so none is certainly wrong.
        return []
    mine = bool(_A_MINE.search(party))
    queues: list[list[str]] = []
    for other_class in sorted(pools.subjects):
        if other_class == "union" or other_class == "state" and group in {"employer", "worker"}:
            continue
        same, other = [], []
        for candidate, title in sorted(pools.subjects[other_class]):
            if other_class == group and not (_role(candidate) and _role(candidate) != _role(party)
                                             and not _GENERIC_BODY.fullmatch(party) and _own_work(party, rest)):
                # 施工单位 is a 生产经营单位 and a 用人单位 too, and every employer owes its own staff 劳动防护用品 and a
                # 安全生产责任制: another role is wrong only for a duty of the key's own work (井下, 瓦斯, 采掘 …).
                continue
            if read.is_person(candidate) or candidate in record.text or party in candidate or candidate in party:
                continue
            if "、" in candidate or _SITUATIONAL.search(candidate) or _OTHER_TRADES.search(candidate) and not _OTHER_TRADES.search(party):
                continue  # 接到报告的单位: a party defined by a situation reads oddly out of its article
            if _IN_A_STATE.search(candidate) or candidate in THE_EMPLOYER and party in THE_EMPLOYER:
                continue  # 不具备安全培训条件的煤矿企业 is absurd as a duty-bearer; 用人单位 beside 煤矿企业 is the same party
            if rest and (rule_elsewhere("", candidate, rest, pools) or given_the_act(candidate, rest, pools.flat_corpus)):
                continue  # a current rule gives the act to it or to a class it is in (应急管理部门: managers' read 7, T8)
            if mine and not _A_MINE.search(candidate):
                continue  # the only mine among outside parties gives itself away
            (same if title == record.title else other).append(candidate)
        rng.shuffle(same)
        rng.shuffle(other)
        queues.append(same + [c for c in other if c not in same])
    chosen: list[str] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                candidate = queue.pop(0)
                if candidate not in chosen and all(similarity(candidate, c) < 0.5 and (not _role(c) or _role(c) != _role(candidate))
                                                   and not {c, candidate} <= THE_EMPLOYER for c in chosen):
                    chosen.append(candidate)
                    break
            if len(chosen) == count:
                break
    rng.shuffle(chosen)
    return chosen if len(chosen) == count else []


# A duty towards the state (报…部门备案, 按照人民政府的批复, 书面告知…部门): who files with an agency is procedure,
# not what keeps a worker safe.
_TO_THE_STATE = re.compile(r"人民政府|部门|监察机构")


_PARTY_GENERIC = re.compile(r"单位|企业|部门|机构|人员")
# What only a state body has (本行政区域, 辖区, 本级人民政府): beside it a state key is the only option that fits.
_GOVERNS = re.compile(r"行政区域|辖区|本级人民政府|下级人民政府")


def _named_in(party: str, rest: str) -> bool:
    """Whether the rest of the sentence names what the party is (锅炉使用单位 beside …进行锅炉水质处理, 特种设备出租单位
    beside 不得出租…, 矿山企业 beside …矿山井下劳动): the key would be the only option that says it."""
    own = {party[i : i + 2] for i in range(len(party) - 1)} - {b for b in (party[i : i + 2] for i in range(len(party) - 1))
                                                             if _PARTY_GENERIC.search(b) or b[1] in "单企部机人"}
    return any(b in rest for b in own)


_FRONTLINE = re.compile(
    "(?:^|(?<=，))(" + "|".join(sorted((n for f in kt.FRONTLINE_POSTS for n in f), key=len, reverse=True)) + ")"
    "(?=应当|必须|不得|严禁)"
)
NEIGHBOURS = 2  # articles either side of the cited one whose frontline posts work at its place: offered first


def _neighbourhood(record: ArticleRecord, pools: TheoryPools) -> str:
    """The article and the `NEIGHBOURS` articles either side of it in the corpus's order, flattened."""
    flat = _flat(record.text)
    lines = pools.flat_corpus.split("\n")
    if flat not in lines:
        return flat
    at = lines.index(flat)
    return "\n".join(lines[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])


def frontline_distractors(
    party: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random, rest: str, before: str = ""
) -> list[str]:
    """Three frontline posts of the key's level (`terms.FRONTLINE_POSTS`) that some current article names and that no
    current article binds to the key's act (`terms.bound_to_act`: a 班组长 bound to leave the blast last would be right
    beside 爆破员必须最后离开爆破地点). Each is at the act's place or process (`terms.at_the_act`, read on the whole
    sentence, `before` the post included: 通电以后拒爆时): a post going round the district or one bound to an act sharing
    a word with it or the key's process (the 班组长 and the 瓦斯检查工 at the blast); 探放水工 or 电工 beside a misfire
    give the key away (blind read 12, T12; managers' read 4, T14; item 407), so with fewer than three such posts the
    item is not asked. Those the article or its neighbours name come first. For a duty of directing others
    (`terms.SUPERVISORY_DUTY`: 组织作业人员自救互救) only posts that could organise (`terms.ORGANISING_POSTS`): a trade
    beside 班组长 there gives the key away (blind read 5, T22). Few posts work at one place, so a run asks one item of
    the same four posts only (`pipeline.fact_keys`)."""
    near = _neighbourhood(record, pools)
    own = kt.frontline_family(party) or kt.organising_family(party)
    organising = bool(kt.SUPERVISORY_DUTY.search(rest))
    posts = kt.ORGANISING_POSTS if organising else kt.FRONTLINE_POSTS
    candidates = [
        family for family in posts
        if family != own and family[0] in pools.flat_corpus and not kt.bound_to_act(family, rest, pools.flat_corpus, own or ())
        and not _post_names_the_duty(family, rest) and not rule_elsewhere("", family[0], rest, pools)
        and (organising or kt.at_the_act(family, before + party + rest, pools.flat_corpus, own or ()))
    ]
    rng.shuffle(candidates)
    candidates.sort(key=lambda family: not any(n in near for n in family))
    return [family[0] for family in candidates[:3]] if len(candidates) >= 3 else []


def _post_names_the_duty(family: tuple[str, ...], rest: str) -> bool:
    """Whether a post's name says the duty's own act or object (安全检查工 beside 必须对工作面安全情况进行全面检查: checking
    is that post's work too, author's read of seed 7731): a word of its process (`terms.process_words`) in the duty's
    own clause. A later clause is another step (…扭结成短路；再等待…后，才可沿线路检查): its 检查 keeps no 检查工 away."""
    duty = re.split(r"[。；]", rest, maxsplit=1)[0]
    return any(w in duty for w in kt.process_words(family))


def _frontline_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, post) for a frontline post bearing a duty (爆破前，班组长必须清点人数), the post at the head
    of the sentence or of a clause after its condition."""
    return [(s, m.start(1), m.group(1)) for s in read.sentences(record.text) for m in _FRONTLINE.finditer(s)
            if s.count(m.group(1)) == 1 and not refers_back(s)]


def single_party(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """（ ）应当……: who bears the duty or holds the right, against other duty-bearers; a frontline post (班组长,
    瓦斯检查工, 爆破员 …) against other frontline posts (`frontline_distractors`)."""
    name = "theory.single_party"
    rng = article_rng(seed, name, record)
    # Who bears a duty is a weak question at best: only on a sentence whose item would reach the run's threshold.
    frontline = [(s, i, p) for s, i, p in _frontline_slots(record) if relevance(record.text, s, record.path) >= THRESHOLD]
    rng.shuffle(frontline)
    for sentence, start, party in frontline:
        rest = sentence[start + len(party) :]
        wrong = frontline_distractors(party, record, pools, rng, rest, sentence[:start])
        if len(wrong) < 3:
            continue
        options, answer = choice_options([party], wrong, rng)
        stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + rest + "。"
        return article_question(
            record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "group": "frontline"},
        )
    slots = [(s, found) for s in read.sentences(record.text)
             if (found := read.subject(s)) and not refers_back(s) and relevance(record.text, s, record.path) >= THRESHOLD]
    rng.shuffle(slots)
    for sentence, (party, group) in slots:
        rest = sentence[len(party) :]
        if party in rest or _TO_THE_STATE.search(rest) and not asks_agencies() or _named_in(party, rest):
            continue
        if group == "state" and _GOVERNS.search(rest):
            continue  # …制定本行政区域内…预案: only a government has a 行政区域, the key is the only one that could
        if party in short_title(record.title):
            continue  # 乡镇煤矿 under 《乡镇煤矿管理条例》 (blind read 3, T33): the stem's citation names the key
        wrong = party_distractors(party, group, record, pools, rng, rest=rest)
        if len(wrong) < 3:
            continue
        options, answer = choice_options([party], wrong, rng)
        stem = stem_prefix(record, sentence) + BLANK + rest + "。"
        return article_question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": 0, "group": group},
        )
    return None


# --------------------------------------------------------------------------- key terms


def _term_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, term) for curated terms that occur once in a normative sentence, which does not
    name them elsewhere (`terms.named_elsewhere`: 外喷雾 beside a blank keyed 内喷雾装置); no document name or
    place (`terms.NOT_ASKED_CLASSES`); no term naming a system to keep (…（ ）制度)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not read.NORMATIVE.search(sentence) or not worth_a_worker(sentence) or refers_back(sentence):
            continue  # 也应当设置（压风自救装置）: the sentence it refers back to names the key (managers' blind read, T30)
        for start, term in kt.term_spans(sentence):
            if kt.FAMILY[term][0] in kt.NOT_ASKED_CLASSES:
                continue
            if named_before(record, sentence, term):
                continue
            if sentence[start + len(term) :].startswith("制度"):
                continue  # 必须建立（应急演练）制度: a mine keeps many systems, any other named would be as true
            if splits_a_pair(sentence, start, term):
                continue  # 建成防、（排水系统）: only the key reads after 防、 (managers' blind read 5, T18)
            if sentence.count(term) == 1 and not kt.named_elsewhere(sentence, start, term):
                slots.append((sentence, start, term))
    # What the people do when the main fan stops before the plan the mine draws up for it (blind read 5, T38).
    return frontline_first(slots, lambda slot: (slot[0], ""), record.text)


# One-character members of a pair sharing the rest of a term (防、排水系统, 进、回风巷, 上、下山, 采、掘工作面).
_PAIRS = frozenset(frozenset(pair) for pair in ("防排", "进回", "上下", "采掘", "主副", "内外", "前后", "左右", "供排", "装卸"))


def splits_a_pair(sentence: str, start: int, term: str) -> bool:
    """Whether the term closes a pair whose first member is one character sharing the term's rest (建成防、排水系统: the
    防 is 防水): blanked, the pair is split and only the key reads after it."""
    return start >= 2 and sentence[start - 1] == "、" and frozenset(sentence[start - 2] + term[0]) in _PAIRS


# The owner of a part the sentence's rule is about (（主要通风机）的风硐必须设置风压传感器): the part belongs to it by
# definition, so a blank with no options gives itself away and the required thing is what to know (managers' blind
# read, T9). A single choice still asks it: its options make it which kind (（单体液压支柱）的初撑力 beside other supports).
_OWNS_THE_HEAD = re.compile(r"^的[\u4e00-\u9fa5]{1,8}?(?:必须|应当|严禁|不得|不应|禁止|不准)")


def possessor(sentence: str, start: int, term: str) -> bool:
    """Whether the term opens its sentence or clause as the owner of the thing the rule is about (`_OWNS_THE_HEAD`)."""
    return (start == 0 or sentence[start - 1] in "，；：") and bool(_OWNS_THE_HEAD.match(sentence[start + len(term) :]))


# The means a sentence's case opens on (使用（局部通风机）通风的掘进工作面，不得无计划停风: blind read 18, T15): the case
# the rule holds in, not the rule, and the word after it (通风) leaves one filler; the rule is what to know.
_MEANS_BEFORE = re.compile(r"(?:^|[，；：])(?:在)?(?:使用|采用|利用|用)$")
_MEANS_AFTER = re.compile(r"^[\u4e00-\u9fa5]{0,6}的[^，。；]{1,16}[，,]?(?:必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘))")


def case_means(sentence: str, start: int, term: str) -> bool:
    """Whether the term is the means the case of its sentence or clause opens on (`_MEANS_BEFORE`, `_MEANS_AFTER`)."""
    return bool(_MEANS_BEFORE.search(sentence[:start]) and _MEANS_AFTER.match(sentence[start + len(term) :]))


def named_before(record: ArticleRecord, sentence: str, term: str) -> bool:
    """Whether an earlier sentence of the paragraph names the term: the sentence goes on about that thing (反向风门必须
    关闭。（反向风门）距工作面的距离…), and the lead that says where and what it is names the key (managers' blind read,
    T17)."""
    return any(term in whole[:at] for whole, at in _places(record, sentence))


def _gas_with_its_limit(sentence: str, start: int, term: str) -> bool:
    """Whether a gas stands in a clause with a figure (the CO alarm level, 报警浓度大于或者等于0.0024%): the figure is the fact to
    know and the number generators ask it; the gas name blanked beside it tests little (blind read 5, T7). A single
    choice still asks it: there the options make it which gas has this limit (采掘工作面风流中（二氧化碳）浓度达到1.5%时…
    beside other gases, accepted in blind read 5 as T17), and a gas another article pairs with the figure is left out
    (`paired_elsewhere`)."""
    if kt.FAMILY[term][0] not in kt.GAS_CLASSES:
        return False
    head = re.split(r"[，。；：]", sentence[:start])[-1]
    tail = re.split(r"[，。；：]", sentence[start + len(term) :], maxsplit=1)[0]
    return bool(read.quantities(head) or read.quantities(tail))


COLLOCATION = 2  # characters either side of a blank a distractor must be found beside somewhere in the corpus
# What every gas has: 硫化氢浓度 is as plausible as 甲烷浓度 though the corpus happens to write only …硫化氢、….
_ANY_GAS_HAS = ("浓度", "含量", "的浓度", "的含量")
# Other gases joined to the blank before what they have (（ ）或者二氧化碳浓度达到0.75%: the blank's gas has the 浓度 too).
_GASES_JOINED = re.compile(
    "^(?:(?:或者|或|和|与|、)(?:" + "|".join(sorted((t for t, (c, _) in kt.FAMILY.items() if c in kt.GAS_CLASSES),
                                                   key=len, reverse=True)) + "))+"
)


def fits_the_slot(candidate: str, before: str, after: str, pools: TheoryPools) -> bool:
    """Whether some current article uses `candidate` beside the words around the blank (the two characters after it, or
    else the two before): 氨气喷出 is not found, so 氨气 is no choice for 有（ ）喷出 (blind read 5, T16); before 浓度 or
    含量 (`_ANY_GAS_HAS`) any gas fits."""
    if not pools.flat_corpus or _GASES_JOINED.sub("", after).startswith(_ANY_GAS_HAS):
        return True
    right, left = _flat(after)[:COLLOCATION], _flat(before)[-COLLOCATION:]
    return (len(right) == COLLOCATION and candidate + right in pools.flat_corpus
            or len(left) == COLLOCATION and left + candidate in pools.flat_corpus)


# A blank whose term runs on into a noun it names a part or a place of (破碎车间、（带式输送机）走廊、转载点): a wrong option
# must be found before that noun somewhere too, or the one option that makes a real thing gives the key away (blind read
# 10, T20: no 架空乘人装置走廊, 电机车走廊 or 提升机走廊). The noun is a short word closed by 、 or 等, as in a series of
# places; a verb or a time after the term (（视频监视系统）传输与…, （带式输送机）启动时…) is no such noun.
_COMPOUND_HEAD = re.compile(r"^((?:(?![和及与等])[\u4e00-\u9fa5]){2,4}?)[、等]")
_NO_HEAD = re.compile(r"[时前后中内上下外间]$|^(?:必须|应当|严禁|不得|禁止|不准|应|和|与|及|或|的|等)")


def compound_head(after: str) -> str:
    """The noun the blank's term runs on into (走廊 of （ ）走廊、转载点), or ""."""
    found = _COMPOUND_HEAD.match(_flat(after))
    return found.group(1) if found and not _NO_HEAD.search(found.group(1)) else ""


def forms_the_compound(candidate: str, head: str, pools: TheoryPools) -> bool:
    """Whether some current article writes `candidate` right before `head`."""
    return not pools.flat_corpus or candidate + head in pools.flat_corpus


def term_distractors(
    sentence: str, start: int, term: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int = 3
) -> list[str]:
    """Terms of the same class, other families, that some other article uses and this article never does.

    A candidate is dropped when any name of its family occurs in the article (瓦斯 for 甲烷), when
    it contains or is contained in the answer, when it is one character from the answer or a
    chosen one, and when the sentence with it filled in is found anywhere in the corpus.
    """
    cls, own = kt.FAMILY[term]
    before, after = sentence[:start], sentence[start + len(term) :]
    candidates = []
    for index, family in enumerate(kt.TERM_CLASSES[cls]):
        if index == own or any(name in record.text for name in family):
            continue
        for candidate in family:
            if candidate in kt.FAMILY_ONLY:
                continue
            users = pools.terms.get(candidate, set()) - {record.key}
            if not users or candidate in term or term in candidate or kt.one_character_apart(candidate, term):
                continue
            if similarity(candidate, term) >= 0.5:
                continue
            candidates.append((candidate, index))
    # 排水系统 beside …供电、通风、排水、通信…和（ ）正常运行: the sentence already names it, so it is no choice.
    candidates = [(c, i) for c, i in candidates if not any(b in before + after for b in kt.telling_bigrams(c))]
    # …建立疏水、防水和（排水系统）: the series' members share 水 with the key, so only options of that theme are choices.
    theme = series_theme(before, term)
    candidates = [(c, i) for c, i in candidates if not theme or theme & set(c)]
    rng.shuffle(candidates)
    chosen: list[str] = []
    families: set[int] = set()
    acts = preconditions.act_of(before, after)  # …（ ）后，方可回采: what the blank is required for
    head = compound_head(after)  # …（带式输送机）走廊、…: each option must make such a thing
    for candidate, index in candidates:
        if index in families:
            continue  # one name per family: 回风巷 and 总回风巷 side by side would only confuse
        if any(kt.one_character_apart(candidate, c) or similarity(candidate, c) >= 0.5 for c in chosen):
            continue
        if cls in kt.GAS_CLASSES and not fits_the_slot(candidate, before, after, pools):
            continue  # a gas never named beside these words reads as nonsense there (氨气喷出)
        if cls not in kt.GAS_CLASSES and head and not forms_the_compound(candidate, head, pools):
            continue  # 电机车 beside （带式输送机）走廊: no such 走廊, so only the key makes a thing (blind read 10, T20)
        if paired_elsewhere(kt.TERM_CLASSES[cls][index], after, pools):
            continue  # 甲烷 beside a blank keyed 二氧化碳 before 浓度达到1.5%时: another article sets 1.5% for it
        if required_at_the_place(candidate, term, before, record.title, pools):
            continue  # 一氧化碳传感器 beside …回风巷…必须设置（风速传感器）: 第五百四十一条 sets it in the 回风巷 too
        if wider_places.required_at_a_wider_place(candidate, before, pools.flat_corpus):
            continue  # 防尘供水系统 beside 有冲击地压危险的采掘工作面必须设置（ ）: no 采掘工作面 without it (blind read 15, T2)
        if placed_alike(candidate, term, after, record.title, pools):
            continue  # 安全监控系统 beside （视频监视系统）应当在矿调度室设置…: 第五百二十七条 sets its display there too
        if named_short(candidate, term, before + after):
            continue  # 甲烷传感器 beside a charging room's 甲烷、氢气、一氧化碳、烟雾和（温度传感器）: the series names it short
        if preconditions.required_elsewhere(candidate, acts, pools.flat_corpus):
            continue  # 防尘供水系统 beside …排水系统后，方可回采: without it no face may produce either (blind read 9, T15)
        if kind_of_the_key(candidate, term) or done_elsewhere(candidate, before, pools):
            continue  # 职业卫生培训 beside 从业人员应当接受（安全生产教育和培训）: a kind of it, and a duty too (blind read 8, T33)
        if _OPERATED.search(before) and not operated_elsewhere(candidate, pools):
            continue  # 严禁操作作业区域的（液压支架）: 锚杆锚索 or 木支柱 is nothing one operates (blind read 7, T12)
        if listed_nearby(candidate, term, before, after, record, pools):
            continue  # 二氧化碳 beside 启封火区时…测定一氧化碳、（甲烷）浓度: 第二百八十二条 lists it at a 密闭墙's 启封 (T20)
        if _flat(before + candidate + after) in pools.flat_corpus:
            continue  # the filled-in sentence is a rule somewhere: checked last, it is the costly test
        chosen.append(candidate)
        families.add(index)
        if len(chosen) == count:
            return chosen
    return []


# A run of names joined by 、 (甲烷、一氧化碳、二氧化碳、氧气等气体): a series a rule lists together.
_SERIES_RUN = re.compile(r"[\u4e00-\u9fa5]+(?:、[\u4e00-\u9fa5]+)+")


def listed_nearby(candidate: str, term: str, before: str, after: str, record: ArticleRecord, pools: TheoryPools) -> bool:
    """Whether the blank stands in a series (…一氧化碳、（ ）浓度) and an article within `NEIGHBOURS` of the cited one lists
    the candidate in one series with the key and the series' other members of the key's class: the neighbouring rule
    measures or requires it at the same work, so a reader who knows it hesitates (managers' read 8, T20)."""
    if not (before.endswith("、") or after.startswith("、")):
        return False
    cls = kt.FAMILY[term][0]
    clause = re.split(r"[，。；]", before)[-1] + re.split(r"[，。；]", after)[0]
    members = {name for family in kt.TERM_CLASSES[cls] for name in family if name in clause and name != term}
    if not members:
        return False
    for line in _neighbourhood(record, pools).split("\n"):
        for run in _SERIES_RUN.findall(line):
            if candidate in run and term in run and all(member in run for member in members):
                return True
    return False


# A series the blank closes (…建立疏水、防水和（ ）): members before it, joined by 、 and a last 和/及/与/或者.
_SERIES_BEFORE = re.compile(r"((?:[\u4e00-\u9fa5]{1,8}、)+[\u4e00-\u9fa5]{1,8})(?:和|及|与|或者|以及)$")


def series_theme(before: str, key: str) -> set[str]:
    """The characters of the key found in every member of the series the blank closes (水 of 排水系统 after 疏水、防水和;
    the first member may carry its verb, 建立疏水): the theme the series gives away, so a wrong option without it is ruled
    out at a glance (blind read 13, T25: 压风自救系统, 消防管路系统 beside surface water). Empty when the blank closes no
    series or its members share nothing with the key (甲烷、一氧化碳和（温度传感器）)."""
    found = _SERIES_BEFORE.search(_flat(before))
    if not found:
        return set()
    members = found.group(1).split("、")
    return {c for c in key if all(c in member for member in members)}


def named_short(candidate: str, key: str, rest: str) -> bool:
    """Whether the sentence around the blank (`rest`) names `candidate` without the head it shares with the key: in
    …设置甲烷、氢气、一氧化碳、烟雾和（温度传感器） the series shares 传感器, so 甲烷 there is the 甲烷传感器, as required as
    the key (seed 8311 after blind read 9). 风速传感器 is not named so."""
    head = _common_suffix(candidate, key)
    own = candidate[: len(candidate) - len(head)]
    return len(head) >= 2 and len(own) >= 2 and own in rest


# Heads of what people undergo or carry out (training, drills, checks, measures): two of them with one head are kinds of
# one thing, and a worker owes each (接受安全生产教育和培训, 接受职业卫生培训). Devices sharing a head (甲烷传感器, 风速传感器)
# are different things and stay.
_ACTIVITY_HEADS = ("培训", "教育", "演练", "检查", "检验", "检测", "措施", "预案")
# The verb a blank is the object of (从业人员应当接受（ ）).
_OBJECT_OF = re.compile(r"(接受|参加|进行|开展|组织|执行|落实|采取|制定|编制)$")
_VERB_REACH = 10


def kind_of_the_key(candidate: str, key: str) -> bool:
    """Whether a candidate and the key end with one head of something people undergo or carry out (`_ACTIVITY_HEADS`)."""
    return any(candidate.endswith(head) and key.endswith(head) for head in _ACTIVITY_HEADS)


def done_elsewhere(candidate: str, before: str, pools: TheoryPools) -> bool:
    """Whether a current article has the blank's verb take `candidate`, something people undergo or carry out
    (`_ACTIVITY_HEADS`), as its object (接受职业卫生培训, 职业病防治法): the option is then a duty in force, as true as the
    key (blind read 8, T33). A device used somewhere (使用提升机) makes no option true."""
    verb = _OBJECT_OF.search(_flat(before))
    if not verb or not pools.flat_corpus or not candidate.endswith(_ACTIVITY_HEADS):
        return False
    return bool(re.search(re.escape(verb.group(1)) + rf"[^，。；：\n]{{0,{_VERB_REACH}}}?" + re.escape(candidate),
                          pools.flat_corpus))


# A blank that is the object of 操作 (or 开动, 启动, 开启), maybe after where it stands (操作作业区域的（ ）).
_OPERATED = re.compile(r"(?:操作|开动|启动|开启|操纵|驾驶)(?:[^，。；]{0,8}的)?$")


def operated_elsewhere(candidate: str, pools: TheoryPools) -> bool:
    """Whether some current article speaks of operating `candidate` (操作采煤机, 采煤机操作, 开动掘进机): a machine."""
    corpus = pools.flat_corpus
    return not corpus or any(f"{verb}{candidate}" in corpus or f"{candidate}{verb}" in corpus
                             for verb in ("操作", "开动", "启动", "开启", "操纵", "驾驶", "司机"))


def paired_elsewhere(names: Iterable[str], after: str, pools: TheoryPools) -> bool:
    """Whether a current article pairs one of `names` with the figure that follows the blank in its clause: then
    that name makes the rule as true as the key (blind read 4, T12: 采掘工作面风流中（二氧化碳）浓度达到1.5%时… offered
    瓦斯, and 第一百九十三条 stops work at 1.5% 甲烷 too)."""
    figures = read.quantities(re.split(r"[，。；：]", after, maxsplit=1)[0])
    if not figures or not pools.flat_corpus:
        return False
    figure = r"(?<![\d.])" + re.escape(figures[0].text)
    return any(re.search(re.escape(name) + r"[^，。；：\n]{0,12}?" + figure, pools.flat_corpus) for name in names)


# A blank for what is set at a place (…回风巷和掘进巷道回风流中必须设置（ ）, `wider_places.INSTALLED`, the places a rule
# names `wider_places.PLACES`): the figure `paired_elsewhere` looks for is no help there, the place is (blind read 6,
# T15). The words that install a thing in a sentence setting it:
_INSTALLS = re.compile(r"设置|安设|安装|装设|设有|配备|配置")


def _common_suffix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return a[len(a) - size :]


# What a device measures, each a group of the words naming one quantity: two devices of one head measuring one quantity
# are near-twins (风压传感器 and 压力传感器), and a worker who knows the one is required at a place picks the other.
_QUANTITIES: tuple[tuple[str, ...], ...] = (
    ("压力", "风压", "负压", "压差"),
    ("温度",),
    ("流量", "风量", "流速", "风速"),
)


def _near_twins(candidate: str) -> list[str]:
    """Patterns for the devices measuring what `candidate` measures under its head (风压传感器 → 压力…传感器, 负压…传感器
    …: the other words of its quantity in `_QUANTITIES`, a series between allowed: 流量、温度和压力传感器)."""
    for group in _QUANTITIES:
        for word in group:
            if candidate.startswith(word) and len(head := candidate[len(word) :]) >= 2:
                return [re.escape(other) + r"[^，。；：\n]{0,12}?" + re.escape(head) for other in group if other != word]
    return []


def required_at_the_place(candidate: str, key: str, before: str, title: str, pools: TheoryPools) -> bool:
    """Whether another sentence of the same document sets `candidate` at a place the blank's sentence names before its
    install word (采煤工作面回风巷…应当设置一氧化碳和温度传感器, 第五百四十一条, beside …回风巷…必须设置（风速传感器）,
    第五百四十条): then the option is as true as the key. The candidate may stand in a series sharing the key's ending
    (一氧化碳和温度传感器), and the place in a list after it (a list of places …必须设置甲烷传感器：（一）采煤工作面…). A
    near-twin of the candidate set there counts too (`_near_twins`: 风压传感器 beside the 压力传感器 a pump's suction pipe must
    have, managers' read 4, T16), and so does the blank's own sentence, where the install word opens a series the blank
    closes (…设置一氧化碳和（ ）: 甲烷传感器, which 第四百九十八条 sets in every 采煤工作面回风巷)."""
    document = pools.documents.get(title, "")
    places = [re.escape(place) for place in wider_places.PLACES if place in before] + _held_in(before)
    if not document or not places or not wider_places.INSTALLED.search(before):
        return False
    suffix = _common_suffix(candidate, key)
    if len(suffix) >= 2 and len(candidate) - len(suffix) >= 2:
        pattern = re.escape(candidate[: -len(suffix)]) + r"[^，。；：\n]{0,12}?" + re.escape(suffix)
    else:
        pattern = re.escape(candidate)
    pattern = "|".join([pattern, *_near_twins(candidate)])
    for found in re.finditer(pattern, document):
        start = max(document.rfind(mark, 0, found.start()) for mark in ("。", "\n")) + 1
        ends = [at for mark in ("。", "\n") if (at := document.find(mark, found.end())) >= 0]
        sentence = document[start : min(ends, default=len(document))]
        if _INSTALLS.search(sentence) and any(re.search(place, sentence) for place in places):
            return True
    return False


# Where the thing blanked at a sentence's head is set (（ ）应当在矿调度室设置…, …必须设置在井口): the place after 在.
_SET_AT = re.compile(r"在([\u4e00-\u9fa5]{2,10}?)(?:内|中|处)?(?:设置|安设|安装|装设|配备)|(?:设置|安设|安装|装设)在([\u4e00-\u9fa5]{2,10})")


def placed_alike(candidate: str, key: str, after: str, title: str, pools: TheoryPools) -> bool:
    """Whether another sentence of the same document sets `candidate` (or its part) at the place the sentence after the
    blank sets the key's (`_SET_AT`): the monitoring, positioning and video systems' terminals…必须设置在矿调度室 (第五百二十七条)
    beside （视频监视系统）应当在矿调度室设置集中显示装置 (第五百四十九条) makes 安全监控系统 as true as the key (blind read 14,
    T20). The candidate may stand in a series sharing the key's ending (安全监控、人员位置监测和视频监视系统)."""
    document = pools.documents.get(title, "")
    found = _SET_AT.search(re.split(r"[。；]", after, maxsplit=1)[0])
    if not document or not found:
        return False
    place = found.group(1) or found.group(2)
    suffix = _common_suffix(candidate, key)
    own = candidate[: -len(suffix)] if len(suffix) >= 2 and len(candidate) - len(suffix) >= 2 else candidate
    pattern = re.escape(own) + (r"[^，。；：\n]{0,12}?" + re.escape(suffix) if own != candidate else "")
    for sentence in re.split(r"[。\n]", document):
        if re.search(pattern, sentence) and place in sentence and _INSTALLS.search(sentence):
            return True
    return False


def placed_beside(sentence: str, start: int, term: str, record: ArticleRecord, pools: TheoryPools) -> bool:
    """Whether a term of the key's class but another family is set where the sentence sets the key (`placed_alike`):
    a blank written with it would be as true (blind read 14, T20, as a blank)."""
    cls, own = kt.FAMILY[term]
    after = sentence[start + len(term) :]
    return any(placed_alike(name, term, after, record.title, pools)
               for index, family in enumerate(kt.TERM_CLASSES[cls]) if index != own for name in family)


# A thing's pipe or station a device is set in (抽采泵吸入管路中必须设置…): the place is the thing and its holder, the
# holder's part (吸入, 输入、输出) aside (managers' read 4, T16: 第五百三十七条 sets a 甲烷传感器 in the
# 瓦斯抽采泵输入、输出管路中, so it is no wrong option beside 第五百四十一条's pump pipe).
_HOLDER = re.compile(r"([一-龥]{3})(?:吸入|排出|输入|输出|进口|出口|出水|进水|吸水)?(管路|管道|泵站|泵房)")


def _held_in(before: str) -> list[str]:
    """Patterns for the thing-and-holder places `before` names (`_HOLDER`)."""
    return [re.escape(thing) + r"[^，。；：\n]{0,8}?" + holder for thing, holder in _HOLDER.findall(before)]


# A series the sentence leaves open (…（ ）、二氧化硫等有害气体): any member of the key's class fits the blank as well.
_OPEN_SERIES = re.compile(r"^(?:、[^，。；：、]{1,12})*[^，。；：、]{0,4}等(?!级)")


def _in_open_series(sentence: str, start: int, term: str) -> bool:
    """Whether the term opens or stands in a series closed by 等 (存在硫化氢、二氧化硫等有害气体时, blind read 4 T14)."""
    return bool(_OPEN_SERIES.match(sentence[start + len(term) :]))


# Gases named as a kind (…等有害气体, 其他有害气体): the rule is about every harmful gas, so another gas in the blank
# keeps it true (…存在（硫化氢）、二氧化硫等有害气体时，应当加强通风: ventilating lowers CO or CH4 as well, blind read 4 T14).
_GASES_AS_A_KIND = re.compile(r"有害气体|有毒气体|其他[^，。；]{0,4}气体")


def _speaks_of_every_gas(sentence: str, term: str) -> bool:
    """Whether the term is a gas (`terms.GAS_CLASSES`) in a sentence about harmful gases in general."""
    return kt.FAMILY[term][0] in kt.GAS_CLASSES and bool(_GASES_AS_A_KIND.search(sentence))


def single_term(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A key term of a rule (device, document, place, gas, certificate, system) against same-class terms."""
    name = "theory.single_term"
    rng = article_rng(seed, name, record)
    # Not a field of work in a series (加强通风、（ ）、顶板、防火管理): the siblings give the key away (瓦斯, of 一通三防).
    # Not a member of an open series, nor a gas where the rule is about every gas: the wrong options would be true too.
    slots = [(s, i, t) for s, i, t in _term_slots(record)
             if not _field_of_work(s, i, t) and not _in_open_series(s, i, t) and not _speaks_of_every_gas(s, t)]
    rng.shuffle(slots)
    for sentence, start, term in slots:
        wrong = term_distractors(sentence, start, term, record, pools, rng)
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + sentence[start + len(term) :] + "。"
        options, answer = choice_options([term], wrong, rng)
        return article_question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "term": term, "class": kt.FAMILY[term][0]},
        )
    return None


_SERIES = set("、和与及或")
BLANK_TERM_LONGEST = 6  # 突出煤层采掘工作面 is a phrase of place, not a term a worker writes in from memory


def _in_series(sentence: str, start: int, term: str) -> bool:
    """Whether the term at `start` stands in a series (…、term、… or …和term)."""
    return sentence[start - 1 : start] in _SERIES or sentence[start + len(term) : start + len(term) + 1] in _SERIES


_FIELD_OF_WORK = re.compile(r"^(?:[^，。；：]*?、)?[^，。；：]{0,4}?(?:管理|防治|治理|工作(?!面))")


def _field_of_work(sentence: str, start: int, term: str) -> bool:
    """Whether the term is one of a series of fields of work (通风、瓦斯、顶板、防火管理), not a thing to name."""
    return _in_series(sentence, start, term) and bool(_FIELD_OF_WORK.match(sentence[start + len(term) :]))


def _has_other_names(term: str) -> bool:
    """Whether the term's family has other names (安全监控系统 beside 安全监测监控系统)."""
    cls, index = kt.FAMILY[term]
    return len(kt.TERM_CLASSES[cls][index]) > 1


_OPEN_LIST = re.compile(r"^[^，。；：、]{0,4}等")


def _heads_open_list(sentence: str, start: int, term: str) -> bool:
    """Whether the term stands for a list left open by 等 (佩戴安全帽等个体防护用品): other items fit the blank too."""
    return bool(_OPEN_LIST.match(sentence[start + len(term) :]))


# No word of time or manner without a figure is blanked (立即, 及时, 定期, 经常性): 必须（定期）调校 says no more than "now
# and then", and a worker who writes 马上 or 及时 for 应当（立即）报告 is as right as the key (frontline read 16, T26). A
# quantity (`_number_slots`), a period said in words (`_period_slots`) or a key term of the sentence is asked instead.


# The 方针 or 原则 safety work keeps, four characters a member (坚持安全第一、预防为主、综合治理的方针): learnt by heart at
# induction, one member is asked.
_PRINCIPLE = re.compile(r"坚持((?:[\u4e00-\u9fa5]{4}、){2,5}[\u4e00-\u9fa5]{4})的(?:方针|原则)")


def _principle_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, member) for each member of a 方针 or 原则 a sentence worth a worker's time names once."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence):
            continue
        for match in _PRINCIPLE.finditer(sentence):
            start = match.start(1)
            for member in match.group(1).split("、"):
                if sentence.count(member) == 1:
                    slots.append((sentence, start, member))
                start += len(member) + 1
    return slots


# An emergency action a duty orders (`terms.EMERGENCY_ACTIONS`): right after 必须/应当 (and 立即), or after other acts of
# the same series (必须立即停止工作、切断电源; 必须停电、验电、放电), standing alone before a comma, a 、 or the end (停电撤人
# is one order, 断电仪 a device, 停电时 a condition).
_ACTION_WORDS = "|".join(sorted((w for f in kt.EMERGENCY_ACTIONS for w in f), key=len, reverse=True))
_ACTION = re.compile(rf"(?<=必须|应当)(?:立即)?((?:[\u4e00-\u9fa5]{{2,4}}、){{0,3}})({_ACTION_WORDS})(?=[，、。；]|$)")


def _action_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, action) for each emergency action a duty of a normative sentence worth a worker's time orders
    (`_ACTION`), named once and no other word of its family in the sentence (停电 beside 切断电源 would read as the key)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not read.NORMATIVE.search(sentence) or not worth_a_worker(sentence) or refers_back(sentence):
            continue
        for match in _ACTION.finditer(sentence):
            action = match.group(2)
            family = kt.action_family(action) or (action,)
            if sentence.count(action) == 1 and not any(w in sentence for w in family if w != action and w not in action):
                slots.append((sentence, match.start(2), action))
    return frontline_first(slots, lambda slot: (slot[0], ""))


def head_repeated(sentence: str, start: int, term: str) -> bool:
    """Whether the sentence names the term's head elsewhere, which half gives the blank away: （主要通风机）的运转 …由专职司机负责, the
    司机 logging the 通风机's running every hour… (blind read 8, T38). The head is an end of the term of three
    characters or more, or a term in its own right (风门 of 反向风门)."""
    rest = sentence[:start] + "|" + sentence[start + len(term) :]
    return any(term[-size:] in rest for size in range(2, len(term))
               if size >= 3 or term[-size:] in kt.FAMILY)


# What is set or installed at a place (…连接处，必须设置（阻车器）), and where the install word stands.
_SETS = re.compile(r"(?:设置|安设|安装|装设|设有|配备|配置|设)")
_SHARED_PLACE = 5


def set_beside(record: ArticleRecord, sentence: str, start: int) -> bool:
    """Whether a blank is the thing set at a place (…必须设置（ ）) and another sentence of the article sets something
    else at that place: …连接处，必须设置（阻车器） beside …连接处必须设
    栅栏 (blind read 8, T7) — 栅栏 is as true an answer. The place is shared when the words before the two install words
    have `_SHARED_PLACE` characters in a row in common."""
    before = sentence[:start]
    if not re.search(r"(?:设置|安设|安装|装设|设有|配备|配置|设)(?:有)?$", before):
        return False
    place = re.sub(r"(?:必须|应当|应)?(?:设置|安设|安装|装设|设有|配备|配置|设)(?:有)?$", "", before)
    for other in read.sentences(record.text) + [p for p in read.clean_paragraphs(record.text)]:
        if _flat(sentence) in _flat(other):
            continue
        for found in _SETS.finditer(other):
            matcher = SequenceMatcher(None, _flat(place), _flat(other[: found.start()]), autojunk=False)
            if matcher.find_longest_match().size >= _SHARED_PLACE:
                return True
    return False


def blank_term(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……井下和（ ）内不得进行电焊……: a key term of a rule (device, place, gas, document …) blanked; in an article
    with none, a member of the 方针 safety work keeps (坚持安全第一、（预防为主）、综合治理的方针: `_principle_slots`) or
    the period of a once-per-period rule (每（ ）至少试验1次: `_period_slots`). Never a word of time or manner (立即)."""
    name = "theory.blank_term"
    # In a sentence that orders an emergency action, the action is the fact and a device or place the frame that sets it
    # off: a main fan stopping, …立即停止工作、（切断电源） asks what to do, not which fan (`_action_slots`).
    actions = _action_slots(record)
    slots = [slot for slot in _term_slots(record) if slot[0] not in {a[0] for a in actions}]
    # Not a term in a series (井口房、（ ）、检修硐室): with no options, any sibling would read as well. Not a term
    # with other names (安全监控系统, 安全监测监控系统, 监测监控系统): a worker who writes another is right too. Not a
    # term before 等 (佩戴（ ）等个体防护用品, blind read 3 T21): the list is open, 自救器 or 防尘口罩 fit as well. Not a
    # gas beside its figure (（一氧化碳）报警浓度大于或者等于0.0024%, blind read 5 T7): the figure is what to know.
    slots = [
        (s, i, t) for s, i, t in slots
        if len(t) <= BLANK_TERM_LONGEST and not _in_series(s, i, t) and not _has_other_names(t)
        and not _heads_open_list(s, i, t) and not _gas_with_its_limit(s, i, t)
        and not head_repeated(s, i, t) and not set_beside(record, s, i) and not possessor(s, i, t)
        and not case_means(s, i, t)  # 使用（ ）通风的掘进工作面，不得…: the case, and only one word fits
        and not said_of_another(s, i, t, pools.flat_corpus)  # （ ）必须安装内、外喷雾装置: the 掘进机 too (`subjects`)
        and not placed_beside(s, i, t, record, pools)  # （ ）应当在矿调度室设置…: 安全监控系统 is set there too (T20)
    ]
    if slots:
        asked = single_term(record, pools, seed)  # its stem would read the same: take another sentence
        slots = [s for s in slots if asked is None or s[0] != asked.inputs["sentence"]]
    slots = actions + slots or _principle_slots(record) + _period_slots(record)
    if not slots:
        return None
    sentence, start, term = article_rng(seed, name, record).choice(slots)
    stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + sentence[start + len(term) :] + "。"
    family = kt.action_family(term)
    # An action is written in the words of its family (切断电源, 断电, 停电): all accepted, the key's own first; a machine or
    # device in its everyday names too (皮带机 for 带式输送机).
    answer = blank_answer([term] + [w for w in family if w != term] if family else kt.accepted_names(term))
    cls = kt.FAMILY[term][0] if term in kt.FAMILY else "应急行动" if family else "方针"
    return article_question(
        record, name, seed, "blank", stem, (), answer, f"原文：“{sentence}。”",
        {"sentence": sentence, "position": start, "term": term, "class": cls},
    )


# --------------------------------------------------------------------------- true / false


_KEEP_WHOLE = re.compile(r"但|除外|否则|或者|不得|严禁|禁止|不准")
_DUTY = re.compile(r"应当|必须|不得|严禁|禁止|不准|有权")


# Bounds before a figure a true statement may say in other words without changing the rule (the verifier reads them
# back): 大于或者等于0.0024% = 不小于0.0024%. 不得小于 stays (长度不得低于5m reads oddly). A prohibition keeps its
# article's word, 严禁 as 严禁 and 禁止 as 禁止: a stem citing an article uses its words (trainer's read 2, T25).
PARAPHRASES = (("大于或者等于", "不小于"), ("小于或者等于", "不大于"),
               ("不得低于", "不得小于"), ("不得超过", "不得大于"), ("不得大于", "不得超过"))


def paraphrase(statement: str) -> str:
    """`statement` with its first bound before a figure (`PARAPHRASES`) said in other words."""
    found = []
    for old, new in PARAPHRASES:
        index = statement.find(old)
        if index < 0 or not re.match(r"[\d一二两三四五六七八九十]", statement[index + len(old) :]):
            continue
        found.append((index, old, new))
    if not found:
        return statement
    index, old, new = min(found)
    return statement[:index] + new + statement[index + len(old) :]


# A second verb on the first one's object (制定矿山事故防范措施，并组织落实; 编制…规划，并组织实施; …预案，并定期组织演练):
# the half that makes the duty more than a platitude, so the statement keeps it (managers' blind read, T31). A duty with
# its own object (…，并装设通风装置) may still be dropped.
_SAME_OBJECT = re.compile(r"^[^，、。；]{0,8}?(?:落实|实施|执行|演练|修改|修订|评审|完善|更新|补充)$")


def true_statement(sentence: str) -> str:
    """A true statement that is not the sentence word for word where it can be: the rule without a trailing
    ，并… duty (必须A，并B → 必须A), which stays true, and a bound in other words (`paraphrase`)."""
    head, mark, tail = sentence.partition("，并")
    if mark and len(head) >= 12 and _DUTY.search(head) and not _KEEP_WHOLE.search(tail) and not _SAME_OBJECT.match(tail):
        return paraphrase(head)
    return paraphrase(sentence)


# The share of the articles with a false statement that teaches (`_false_changes`) that are stated true instead. Every
# article without one but with a statement worth making (`_strong_truth`) is stated true: over the default scope a
# third of the judged articles, so a third of the rest keeps true and false near half each.
TRUE_WHEN_FALSE_CAN_BE = 0.2


def judge(
    record: ArticleRecord, pools: TheoryPools, seed: str, truth: bool | None = None
) -> GeneratedQuestion | None:
    """A true statement (the rule, shortened where it stays true) or a false one with one safety-relevant change.

    A false statement changes one fact a careless worker could believe (`_false_changes`: a figure, a limit, the
    action to take, where a thing is set, a prohibition made a permission, a skippable act made a dispensation);
    a changed figure, limit, action or place goes before a flipped modal. A third of such articles
    (`TRUE_WHEN_FALSE_CAN_BE`), by the seeded coin, get a true statement instead. An article with no false statement
    that teaches (its only one would be weak, 不必熟练掌握…, blind read 4, or there is none) is stated true when nothing
    else asks it and it has a statement worth making (`_strong_truth`); never a weak false statement in its place, so
    true and false stay balanced over a run. A sentence
    another generator asks of the same article (a blank or choice, which the run keeps before a true/false item)
    is stated only when no other sentence will do. `truth` asks for the true (True) or the false (False) statement
    whatever the coin (`pipeline.balanced_judges`, when a run's verified items lean one way); a false one only where
    the article has a false statement that teaches, else None.
    """
    name = "theory.judge"
    rng = article_rng(seed, name, record)
    statements = frontline_first([
        s for s in read.sentences(record.text)
        if len(s) <= 90 and read.NORMATIVE.search(s) and worth_a_worker(s) and not refers_back(s)
        and not pools.figures.older(record, s)
    ])
    if not statements:
        return None
    rng.shuffle(statements)
    coin = rng.random()
    # A sentence a blank or choice of the article asks is left to it where the article has others: the run keeps
    # those before a judge item on the same sentence, and a false statement lost that way while a true one moves to
    # another sentence would tip the balance. True and false are drawn from the same sentences.
    asked = _asked_elsewhere(record, pools, seed)
    statements = [s for s in statements if s not in asked] or statements
    candidates = [(s, c) for s in statements if (c := _false_changes(s, record, pools, rng))]
    # An article with no false statement that teaches is stated true when it has a statement worth making; one with
    # such a false statement gets it but for `TRUE_WHEN_FALSE_CAN_BE` of its coin, so true and false stay balanced.
    if truth is None:
        truth = coin < TRUE_WHEN_FALSE_CAN_BE or not candidates
    if truth:
        if not candidates:
            statements = [s for s in statements if _strong_truth(s, alone=not asked)]
            if not statements:
                return None
        sentence = statements[0]
        statement = true_statement(sentence)
        return article_question(record, name, seed, "judge", stem_prefix(record, sentence) + statement + "。", JUDGE_OPTIONS,
                                ("A",), f"正确。原文：“{sentence}。”", {"sentence": sentence, "truth": True})
    if not candidates:
        return None  # a weak false statement teaches nothing, and a true one instead would tip the balance
    # A changed fact before a flipped modal.
    sentence, changes = min(candidates, key=lambda sc: all(c.kind == "modal" for _, c in sc[1]))
    if any(c.kind != "modal" for _, c in changes):
        changes = [(i, c) for i, c in changes if c.kind != "modal"]
    index, change = rng.choice(changes)
    statement = sentence[:index] + change.replacement + sentence[index + len(change.original) :]
    explanation = (
        f"错误。题中把原文的“{change.original}”改成了“{change.replacement}”。原文：“{sentence}。”"
    )
    return article_question(
        record,
        name,
        seed,
        "judge",
        stem_prefix(record, sentence) + statement + "。",
        JUDGE_OPTIONS,
        ("B",),
        explanation,
        {"sentence": sentence, "truth": False, "position": index},
        change,
    )


def _asked_elsewhere(record: ArticleRecord, pools: TheoryPools, seed: str) -> set[str]:
    """The sentences of the article a blank or single choice asks (the run keeps those before a judge item on them)."""
    asked = set()
    for generator in (blank_number, single_number, single_party, single_term, blank_term):
        question = generator(record, pools, seed)
        if question is not None and question.inputs.get("sentence"):
            asked.add(question.inputs["sentence"])
    return asked


def _strong_truth(sentence: str, alone: bool) -> bool:
    """A true statement worth making where the article has no false one that teaches, and only when no blank or
    choice asks the article (`alone`: else it is asked already, and true items would outnumber false ones): a duty,
    ban on what its word condemns (不得谎报), a duty or right a worker carries (井下作业人员必须熟练掌握自救器的使用方法), a duty to check or report
    (`read.duty_to_act`: 应当对其进行全面检查，…方可继续使用), or a named employer's duty about an act (特种设备使用单位
    应当建立…制度) — never a state body's, a principle, compliance or a manner (应当坚持…原则, 应当严格执行…)."""
    if not alone or not _DUTY.search(sentence) and not read.ALLOCATED.search(sentence) and not _ANSWERS_FOR.match(sentence):
        return False
    # 电梯制造单位委托其他单位…的，应当…: the party opens a condition, its duty follows.
    found = read.subject(sentence) or read.subject(_PARTY_CONDITION.sub(r"\1", sentence))
    if not found and (several := read.series_class(sentence)):
        found = ("", several)  # 安全管理人员、检测人员和作业人员应当…: their class, never the state's
    if found and found[1] == "state" and not asks_agencies():
        return False
    if read.condemned_ban(sentence):
        return True  # 任何单位和个人对事故不得迟报、谎报或者瞒报: its false twin condemns itself, the ban is worth stating
    answers = _ANSWERS_FOR.match(sentence)
    if answers and read.party_class(answers.group(1)) in {"employer", "worker"}:
        return True  # 煤矿企业主要负责人是本企业安全生产第一责任人，对…全面负责: who answers for safety
    allocated = read.ALLOCATED.search(sentence)
    if allocated and read.party_class(allocated.group(1) or allocated.group(2)) in {"employer", "worker"}:
        return True  # …维护保养义务由特种设备出租单位承担: who bears a duty in a case is the fact a worker must know
    return (bool(found and found[1] == "worker") or read.duty_to_act(sentence) or bool(found) and read.states_an_act(sentence)
            or not found and fitted(sentence))


# What a place or a machine must be fitted with (the fans' 设备开停传感器 rule; 采煤机…必须设置…甲烷断电仪;
# a face's return airway 应当安设风流净化水幕): a rule with no party at its head, about a thing a worker sees at work and
# finds missing. Stated true where the article has no false statement that teaches (必须设置 → 不必设置 is no shortcut a
# worker takes: `articles._SKIPPABLE_ACT`), it had gone unasked. Not the office's staffing, bodies, drawings or
# systems (煤矿必须配备…副矿长，设置专门机构; 矿井必须备有…配电系统图; 应急救援队伍应当配备…), nor a vague amount
# (必要的, 相应的): those a worker keeps nothing of. A place of two characters (站内严禁烟火，必须备有…器材) leans on the
# sentence before for which one it is, and is left out.
_FITTED = re.compile(r"(?:必须|应当)(?:设置|装设|安设|安装|配备|设有|装有|备有)(?P<what>[^，。；]*)")
_NOT_FITTINGS = re.compile(r"机构|人员|专人|矿长|总工程师|队伍|图|制度|药品|车辆|^(?:必要|相应|符合要求)")
_FITTED_HEAD = re.compile(r"^[^，。；]*?(?=[，；]|必须|应当|严禁|不得|禁止)")
_SHORTEST_PLACE = 3


def fitted(sentence: str) -> bool:
    """Whether a sentence requires a place or a machine to be fitted with a thing (`_FITTED`), no office matter
    (`_NOT_FITTINGS`), no body of the state or serving it bearing the duty, and its place named in full."""
    found = _FITTED.search(sentence)
    if not found or _NOT_FITTINGS.search(found.group("what")) or another_bodys_duty(sentence):
        return False
    head = _FITTED_HEAD.match(sentence)
    if not head or len(head.group(0)) < _SHORTEST_PLACE:
        return False
    return not read.series_class(sentence)


# A party named as the one who answers for safety (…主要负责人是本企业安全生产第一责任人; …对本单位的安全生产工作全面负责).
_ANSWERS_FOR = re.compile(r"^([\u4e00-\u9fa5]{2,20}?)(?:是[^，。；]{1,12}第一责任人|对[^，。；]{1,20}全面负责)")
_PARTY_CONDITION = re.compile(r"^([\u4e00-\u9fa5]{2,12}?(?:单位|企业|人员))[^，。；]{2,30}的，")


def _false_changes(
    sentence: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random
) -> list[tuple[int, Change]]:
    """The safety-relevant single edits of a sentence; none on a state party's duty (agency procedure), and no duty of
    a party outside the mine made a dispensation (`relevance.others_duty`: 变电所或者电厂…不必将停电时间通知矿调度室).

    A limit turned round only as `articles.limit_flips` allows (before a figure, never a minimum made a ceiling) and
    where the result reads as a rule (`bounds.flip_reads_as_rule`: never 最长不少于60日), and
    neither a figure nor a limit that the sentence gives as usual rather than requires (`not_a_rule`) or that names
    when the rule applies (`articles.in_condition`: 在1m以上高处作业时 is the trigger, not the limit)."""
    found = read.subject(sentence) or (read.subject(carried + "应当") if (carried := carried_party(record, sentence)) else None)
    if found and found[1] == "state" and not asks_agencies():
        return []
    out = [(i, Change("modal", old, new)) for i, old, new in read.modal_changes(sentence)]
    limits = [f for f in read.limit_flips(sentence) if not not_a_rule(sentence, f[0]) and not read.in_condition(sentence, f[0])
              and flip_reads_as_rule(sentence, *f, pools.flat_corpus)]
    out += [(i, Change("limit", old, new)) for i, old, new in limits]
    out += [(i, Change("action", old, new)) for i, old, new in read.action_changes(sentence)]
    out += [(i, Change("place", old, new)) for i, old, new in read.place_changes(sentence)]
    out += [(i, Change("staffing", old, new)) for i, old, new in staffing_changes(sentence)]  # 专职 → 专职或者兼职
    for quantity in read.quantities(sentence):
        if (sentence.count(quantity.text) != 1 or fixed_word(sentence, quantity) or not_a_rule(sentence, quantity.start)
                or read.in_condition(sentence, quantity.start)):
            continue  # a figure of the …时 condition is the rule's trigger, not its limit (`articles.in_condition`)
        end = quantity.end + len(quantity.unit)
        context = (sentence[: quantity.start], sentence[end:])
        wrong = number_distractors(quantity, record, pools, rng, count=1, context=context, false_statement=True)
        if wrong and _keeps_order(sentence, quantity, wrong[0]):
            out.append((quantity.start, Change("number", quantity.text, wrong[0])))
    out = [(i, c) for i, c in out if not (c.kind == "modal" and _presupposed(sentence, i, c))]
    out = [(i, c) for i, c in out if not (c.replacement == "不必" and others_duty(sentence, i))]  # 电厂…不必通知
    out = [(i, c) for i, c in out if not (c.kind == "modal" and permitted_under_condition(record.text, sentence, i, c))]
    return [(i, c) for i, c in out if not rule_elsewhere(sentence[:i], c.replacement, sentence[i + len(c.original):], pools)]


# A later clause or sentence opening on the thing a duty acts on, with a duty of its own (…必须佩戴保险带。保险带必须拴在
# 牢固的构件上): it takes the act as done.
_OWN_DUTY = re.compile(r"(?:必须|应当|严禁|不得)")


def _presupposed(sentence: str, index: int, change: Change) -> bool:
    """Whether a duty made a dispensation (必须 → 不必) leaves after it a clause opening on what the act is done to, with
    a duty of its own: 工作人员不必佩戴保险带。保险带必须拴在牢固的构件上 contradicts itself, and the second sentence gives
    the change away (blind read 13, T13). The thing is the act's last two or three characters (保险带 of 佩戴保险带),
    opening the later clause: …不必立即报告；接到报告的人员应当… names the report inside another party's duty and stays."""
    if change.replacement != "不必":
        return False
    start = index + len(change.original)
    act = re.match(r"[^，。；]*", sentence[start:]).group(0)
    rest = sentence[start + len(act) :]
    for size in (3, 2):
        thing = act[-size:]
        if len(act) > size and re.fullmatch(r"[\u4e00-\u9fa5]+", thing) and re.search(
            rf"[，。；]{re.escape(thing)}[^，。；]{{0,6}}?{_OWN_DUTY.pattern}", rest
        ):
            return True
    return False


# A sentence that lets an act be done on a condition: 如果确需…, 特殊情况下…, 经…批准, 方可 ….
_CONDITIONAL_LEAVE = re.compile(r"如果|如需|确需|确因|需要|特殊情况|经[^，。；]{0,30}?(?:批准|同意)|方可|可以|允许")
_ACT_END = re.compile(r"[，。；：]")


def permitted_under_condition(text: str, sentence: str, index: int, change: Change) -> bool:
    """Whether a ban made a permission (不得 → 可以) lets an act that another sentence of the same article allows on a
    condition (…不得进行电焊等作业。如果必须在主要硐室内进行电焊等工作，必须…经矿长批准): the permission is then half
    true, and a reader who knows the article may call it right (managers' blind read 6, T35). The act is the banned
    clause after the modal; the other sentence, of the article or of the statement itself (…不得进行临时改绞。单井筒确需
    临时改绞的，必须…), shares most of its character pairs and says when it may be done."""
    if change.replacement not in {"可以", "允许"}:
        return False
    act = _ACT_END.split(sentence[index + len(change.original):], maxsplit=1)[0]
    if len(act) < 6:
        return False  # 进行作业 alone names no act: …后方可进行作业 is in many articles
    pairs = bigrams(act)
    own = next(p for p in re.split(r"[。；\n]", sentence[index:]) if p)  # the ban's own sentence, from the modal on
    for other in re.split(r"[。；\n]", text + "\n" + sentence):
        other = other.strip()
        if not other or own in other or not _CONDITIONAL_LEAVE.search(other):
            continue
        if len(pairs & bigrams(other)) >= 0.6 * len(pairs):
            return True
    return False


def _keeps_order(sentence: str, quantity: read.Quantity, wrong: str) -> bool:
    """Whether a changed figure stays on the same side of every other figure of its unit in the sentence: 二氧化碳浓度
    超过4.0%，最高浓度不超过3.0% contradicts itself and gives the change away (author's read of seed 5151, 第一百九十七条)."""
    changed = read.quantities(wrong)
    if not changed:
        return True
    new = changed[0].value
    others = [q.value for q in read.quantities(sentence) if q.unit == quantity.unit and q.start != quantity.start]
    return all((new > o) == (quantity.value > o) and (new < o) == (quantity.value < o) for o in others)


# --------------------------------------------------------------------------- numbers in list items


def _item_slots(record: ArticleRecord, pools: TheoryPools) -> list[tuple[read.ListItem, read.Quantity]]:
    """List items with a quantity whose number appears once in the item (the lead-in gives the context), none a later
    document in force restates with another value (`Figures.older`)."""
    slots = []
    for entry in read.list_items(record.text):
        if not worth_a_worker(entry.leads + "：" + entry.item):
            continue
        for quantity in read.quantities(entry.item):
            if (entry.item.count(quantity.raw) == 1 and quantity.raw not in entry.leads and not fixed_word(entry.item, quantity)
                    and not once_per_period(entry.item, quantity) and not not_a_rule(entry.item, quantity.start)
                    and not pools.figures.older(record, entry.item)):
                slots.append(_governed(entry, quantity))
    return acted_on(slots, lambda slot: (slot[0].item, slot[0].lead))


def _governed(entry: read.ListItem, quantity: read.Quantity) -> tuple[read.ListItem, read.Quantity]:
    """The item cut to the sentences its lead-in governs around the quantity (`articles.governed_part`), the quantity
    placed in it."""
    part, start = read.governed_part(entry.item, quantity.start)
    return (dataclasses.replace(entry, item=part),
            dataclasses.replace(quantity, start=quantity.start - start, end=quantity.end - start))


def _item_inputs(entry: read.ListItem, quantity: read.Quantity) -> dict:
    """What an item question records: the lead-in, the item, where its number stands, the unit, and the outer lead-in of
    an item 1. … (the verifier re-finds both lead-ins)."""
    inputs = {"lead": entry.lead, "item": entry.item, "position": quantity.start, "unit": quantity.unit}
    return inputs | ({"outer": entry.outer} if entry.outer else {})


def blank_item_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……应当符合下列要求：岩巷直线巷道大于（ ）m: a number of one list item, its lead-in as context."""
    name = "theory.blank_item_number"
    slots = _item_slots(record, pools)
    if not slots:
        return None
    entry, quantity = article_rng(seed, name, record).choice(slots)
    item = entry.item
    stem = stem_prefix(record, entry.lead + "：" + item) + entry.stem_leads + "：" + item[: quantity.start] + BLANK + item[quantity.end :] + "。"
    accepted = accepted_forms(quantity)
    return article_question(
        record,
        name,
        seed,
        "blank",
        stem,
        (),
        blank_answer(accepted),
        f"原文：“{entry.leads}：……{item}。”",
        _item_inputs(entry, quantity),
    )


def single_item_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A number and unit of one list item against three values of the same unit the article never states."""
    name = "theory.single_item_number"
    rng = article_rng(seed, name, record)
    slots = _item_slots(record, pools)
    taken = article_rng(seed, "theory.blank_item_number", record).choice(slots) if slots else None
    rng.shuffle(slots)
    for entry, quantity in slots:
        # With a unit like % the blank question's stem would read the same once punctuation is ignored.
        if (entry, quantity) == taken and not re.search(r"\w", quantity.unit):
            continue
        if entry.item.count(quantity.text) != 1:
            continue
        item, end = entry.item, quantity.end + len(quantity.unit)
        context = (entry.leads + "：" + item[: quantity.start], item[end:])
        wrong = number_distractors(quantity, record, pools, rng, context=context)
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, entry.lead + "：" + item) + entry.stem_leads + "：" + item[: quantity.start] + BLANK + item[end:] + "。"
        return _number_choice(record, name, seed, stem, quantity, wrong, rng, f"原文：“{entry.leads}：……{item}。”",
                              _item_inputs(entry, quantity))
    return None
