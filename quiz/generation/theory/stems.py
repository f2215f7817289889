"""A theory question's stem: the citation it opens with (`stem_prefix`: 根据《…》第N条，) and the context the asked text
leaves out and its truth depends on: the sentence before it (`condition_before`), the mine type and what its paragraph
or article is about (`context_of`: a topic, a party, an opening condition, a qualifier, a thing named in full before, a
case), the addressee of a duty with nobody to bear it (`addressee`); and whether a sentence can be asked alone at all
(`refers_back`, `stands_alone`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.records import ArticleRecord
from quiz.generation.theory.pools import flattened


def places(record: ArticleRecord, text: str) -> Iterator[tuple[str, int]]:
    """Each paragraph of the article (flattened) that holds `text`, and where in it `text` starts."""
    flat = flattened(text)
    for paragraph in read.clean_paragraphs(record.text):
        whole = flattened(paragraph)
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
    return ADDRESSEE if record.title.startswith(ADDRESSEE) and _WHEN_DUTY.match(flattened(asked)) else ""


def unrepeated(scope: str, asked: str) -> str:
    """The scope without the thing `asked` opens with: 有线调度通信系统的调度电话至调度交换机 before 调度电话至调度交换机
    的…距离 is said as 有线调度通信系统, the thing once (blind read 14, T16: 关于…调度电话至调度交换机的规定，调度电话至调度
    交换机的…)."""
    owner, _, thing = scope.rpartition("的")
    return owner if owner and len(thing) >= 2 and flattened(asked).startswith(thing) else scope


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
    for whole, at in places(record, asked):
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
    flat = flattened(asked)
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
    paragraphs = [flattened(p) for p in read.clean_paragraphs(record.text)]
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
    flat = flattened(asked)
    found = _HEAD_END.search(flat)
    if not found or not _ONLY_WHEN.match(flat[: found.start()]):
        return ""
    for whole, at in places(record, asked):
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
    flat = flattened(asked)
    if not read.case_without_actor(flat):
        return ""
    paragraphs = read.clean_paragraphs(record.text)
    for whole, at in places(record, asked):
        party = read.paragraph_party(whole, flattened(paragraphs[0])) if at > 0 else ""
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
    flat = flattened(asked)
    for whole, at in places(record, asked):
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
    found = _ARTICLE_SUBJECT.match(flattened(paragraphs[0])) if paragraphs else None
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
    flat = flattened(asked)
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
    flat = flattened(asked)
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
    flat = flattened(asked)
    for whole, at in places(record, asked):
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
    flat = flattened(asked)
    for paragraph in read.clean_paragraphs(record.text):
        whole = flattened(paragraph)
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
    flat = flattened(sentence)
    if not flat or read.subject(sentence) or not _leans_on_topic(sentence):
        return ""
    for paragraph in read.clean_paragraphs(record.text):
        whole = flattened(paragraph)
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
