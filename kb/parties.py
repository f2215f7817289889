"""Parties in duty questions and rules: who the question names, and who a rule's sentence binds.

A duty question may name the party it asks about (出了险情班组长要负啥责, 事故现场的人要先向谁报告,
我们当工人的安全上有啥义务) or ask who the party is (谁来护理, 由谁送). The rule that answers binds
that party: it is the subject of the sentence's 应当/必须/负责/有权 (班组长应当具备…, 事故现场有关人员
应当立即向本单位负责人报告), or the X of 由X负责 — not a party the sentence only mentions (赋予…班组长
等相关人员紧急撤人的权力 binds 煤矿主要负责人).

Workers and rules name a party in different words (矿上 / 生产经营单位, 工人 / 从业人员, 矿领导 /
主要负责人), so parties are matched by class:

- people: the crew's leader (班组长, 班长, 队长), the mine's leaders (矿长, 矿领导, 主要负责人,
  总工程师), workers (工人, 工友, 从业人员, 作业人员, 爆破员, 瓦检工);
- organisations: the employer (矿上, 单位, 用人单位, 生产经营单位, 煤矿企业, 施工单位);
- agencies: the state's bodies (部门, 人民政府, 委员会, 机构, 工会, 医院).

A specific role (爆破员, 施工单位) also matches its own words.
"""

from __future__ import annotations

import re

from kb.highlight import sentences

# Classes in the order tried on a phrase: 煤矿主要负责人 is a leader, not the employer; 事故现场有关
# 人员 a worker; 安全生产监督管理部门 an agency.
_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("crew", re.compile(r"班组长|班长|组长|[区队]长|区（队）长|区\(队\)长")),
    ("leader", re.compile(r"矿长|矿领导|领导|负责人|老板|老闆|总工|经理|董事长|带班人员|带班的")),
    ("agency", re.compile(r"政府|部门|机构|委员会|监察|监管|安监|工会|医院|法院|仲裁|公安|局")),
    ("employer", re.compile(r"单位|企业|煤矿|矿井|矿山|矿上|矿里|矿方|公司|厂|承包方|发包方|雇主")),
    (
        "worker",
        re.compile(
            r"工人|工友|矿工|职工|员工|从业人员|作业人员|劳动者|人员|[^负]人$|的人|现场的|在场的|"
            r"[^\s，,]{1,4}(?:员|工)$|我们|咱们|俺们|我|俺|自己|个人|本人"
        ),
    ),
)

# How a rule names a party: by its head word, at the end of the phrase (煤矿主要负责人 is a leader,
# 煤矿许用起爆控制器 no party at all, 井下爆破工作 none).
_HEADS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("crew", re.compile(r"(?:班组长|班长|组长|[区队]长|区（队）长)$")),
    ("leader", re.compile(r"(?:矿长|领导|负责人|总工程师|经理|董事长|带班人员)$")),
    ("agency", re.compile(r"(?:政府|部门|机构|委员会|工会|医院|法院|局|调查组)$")),
    ("employer", re.compile(r"(?:单位|企业|煤矿|矿井|矿山|公司|承包方|发包方|雇主)$")),
    # …工 names a trade (爆破工, 电工), not the work (施工, 停工, 加工)
    ("worker", re.compile(r"(?:人员|职工|工人|劳动者|员|(?<![施加开停复用务竣完动分赶误旷])工|者|近亲属|本人|个人|司机|队伍|专人)$")),
)
LEADING_PARTY = 12  # a clause opening with its party (从业人员发现事故隐患，应当…): this many characters at most
# …cut where a word goes on (采掘工|作面探水前，: no 采掘工, a trade, opens that clause; 施工|单位 does go on to
# a party, read whole): a trade's 工 is no head when 作, 程, 艺… follow it.
_WORD_GOES_ON = re.compile(r"工[作程艺具序期况种资段区]")
_CONNECTIVE = re.compile(r"^(?:或者|并且|而且|但是|以及|对于|如果|[但并且及若凡])")
# …up to what it does there (发现, 接到, 发生, 未…)
_CLAUSE_VERB = re.compile(r"发现|接到|收到|得知|发生|遇到|遇有|因|未|违反|按照|依照|进行|从事|拒绝|不")

# How a rule binds a party: 班组长应当…, 事故现场有关人员应当…, 从业人员有权…, 由所在单位负责.
_MODAL = re.compile(r"(?:必须|应当|应该|应(?!急|用|力|变|对|聘)|负责(?!人)|负有|有权|承担)")
_BY = re.compile(
    r"由(?!于)([^。；，：,]{1,40}?)(?:(?:依照|按照|依据|根据)[^。；，：,]{1,40}?的?规定)?(?:负责|批准|审批|组织|承担|支付|亲自|统一|指挥|签发|专人|进行|担任|运送|护送|确定|决定|"
    r"施工|操作|作业|编制|监护|值守|看管)"
)
# A rule naming who does it by designating him (必须设专人指挥, 应当指定专人检查): 专人 is bound to what follows.
DESIGNATED = r"(?:设|派|指定|安排|配备|明确)(?:有)?(专人|专[职门责][^，。；、]{0,10}?(?:人员|司机|工))"
_DESIGNATED = re.compile(DESIGNATED)
MAX_SUBJECT = 24  # a longer "subject" is a clause the modal's sentence opened with, not a party
ANY = "any"  # a who-question: whichever party the rule binds
_CLAUSE_START = re.compile(r"[。；;，,：:\n（）()]")
# The words before a party that are not it (对本单位, 在作业过程中): where the subject opens.
_LEAD_IN = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）])?\s*(?:各级|其|该|本)?")

# A question whose 谁 is the party asked about (谁来护理, 由谁送): no party is named as the bearer.
# 向谁报告, 报给谁, 找谁 ask for the recipient: the party named before is the bearer.
_WHO_RECIPIENT = re.compile(r"(?:向|给|找|跟|对|告诉|报告|报|交|归)谁")


def party_class(phrase: str) -> str:
    """The class of party a question's phrase names (crew, leader, agency, employer, worker), ""
    for none: 矿上, 工友, 事故现场的人, wherever in the phrase."""
    return next((name for name, pattern in _CLASSES if pattern.search(phrase)), "")


def bearer_class(phrase: str) -> str:
    """The class of party a rule's phrase names by its head word (事故现场有关人员: worker), or by
    the party opening a clause that ends in a comma (从业人员发现事故隐患，: worker); "" for none."""
    phrase = phrase.strip()
    if phrase.endswith(("，", ",")):
        phrase = _CONNECTIVE.sub("", phrase)
        if _CLAUSE_VERB.match(phrase):
            return ""  # 发现危及职工生命安全的情况时，: a clause with its party left out, not 职工's
        verb = _CLAUSE_VERB.search(phrase, 2)
        if verb and verb.start() <= LEADING_PARTY and (named := bearer_class(phrase[: verb.start()])):
            return named  # the party is all that comes before what it does (单位负责人|接到报告后)
        heads = (
            bearer_class(phrase[:end]) for end in range(2, min(len(phrase), LEADING_PARTY + 1))
            if not _WORD_GOES_ON.match(phrase, end - 1)
        )
        return next((name for name in heads if name), "")
    return next((name for name, pattern in _HEADS if pattern.search(phrase)), "")


def asks_who(question: str) -> bool:
    """Whether a question asks who acts (谁来护理, 谁说了算, 谁有权下令), not only whom to tell (向谁报告)."""
    return any(not _WHO_RECIPIENT.search(question[max(0, m.start() - 2) : m.end()]) for m in re.finditer("谁", question))


# A yes-no question whether a named party must do something: 矿领导要不要轮着跟我们下井带班,
# 矿长副矿长要不要下井带班. The party is a person in charge (a crew's or the mine's leader),
# closing the clause right before the obligation asked (要不要, 需不需要, 该不该, 要…吗); not the asker
# (我要不要…) nor a mine as a place (突出矿井要不要…), and never a question of leave (能, 可以).
_OBLIGATION = re.compile(
    r"(?:要不要|需不需要|需要不需要|该不该|用不用|得不得|应不应该|还用[\u4e00-\u9fff]{1,8}不|"
    r"(?:要|得|需要|必须|应该|应当)[\u4e00-\u9fff]{1,12}[吗么]"
    r"(?=[\s，,。？?！!；;]|$))"
)
_IN_CHARGE = re.compile(rf"(?:{_CLASSES[0][1].pattern}|{_CLASSES[1][1].pattern})(?:们)?(?:每天|每班|每次|平时|天天)?(?:也|都|还|到底)?$")
_NOT_SUBJECT = re.compile(r"找|向|跟|给|让|叫|能|可以")  # 还能再找矿上要赔偿吗: the party is no subject


def asks_partys_duty(question: str) -> bool:
    """Whether a yes-no question asks if a person in charge (a crew's or the mine's leader) must do
    something (_OBLIGATION): whether the employer must do something for the asker (单位要不要告诉我…) is
    answered by what it may and must do, as a permission."""
    found = _OBLIGATION.search(question)
    if not found:
        return False
    clause = re.split(r"[\s，,。？?！!；;]+", question[: found.start()])[-1]
    return bool(_IN_CHARGE.search(clause)) and not _NOT_SUBJECT.search(clause)


_CHOICE = re.compile(r"还是")


def asks_which_party(question: str) -> bool:
    """Whether a question asks which of two parties acts: a party named on each side of 还是 in one clause
    (是班长点还是爆破工点, 本矿自己办还是集团公司办), not a choice of two things (用水还是用沙子)."""
    for found in _CHOICE.finditer(question):
        before = re.split(r"[\s，,。？?！!；;]+", question[: found.start()])[-1]
        after = re.split(r"[\s，,。？?！!；;]+", question[found.end() :])[0]
        # …the party opening what follows 还是 (爆破工点: 爆破工, then what he does)
        if party_class(before) and any(party_class(after[:end]) for end in range(2, len(after) + 1)):
            return True
    return False


def asked_party(question: str) -> tuple[str, str]:
    """(the words, the class) of the party a duty question names as the one who must act, ("", "")
    when it asks who (谁来护理) or names none. 事故现场的人要先向谁报告 names 事故现场的人 (its 谁 is
    who is told); 班组长的安全培训是谁组织 asks who (班组长 is whose training)."""
    if asks_who(question):
        return "", ""
    who = [m.start() for m in re.finditer("谁", question)]
    end = min(who) if who else len(question)
    for clause in re.split(r"[\s，,。？?！!；;]+", question[:end]):
        for name, pattern in _CLASSES:
            found = pattern.search(clause)
            if found:
                return found.group(0), name
    return "", ""


_PRONOUN = re.compile(r"我|俺|咱|自己|个人|本人")


def acting_worker(question: str) -> tuple[str, str]:
    """(the words, "worker") when an action question names workers as the ones who act (发现事故隐患了咱工人
    该咋办, 井下出事了在场的人先干啥), ("", "") otherwise: a question naming the employer (单位不跟我签合同
    怎么办) is answered by what the employer must do, and one asked only as 我 by whatever helps him."""
    words, name = asked_party(question)
    if name != "worker" or _PRONOUN.fullmatch(words):
        return "", ""
    return "", name  # by class: 强令工人冒险作业 names workers the rule does not bind


# An action question whose asking clause opens with the party who acts (单位头一步该干啥, 带班的该咋弄, 矿上该咋整):
# the party right before what is asked, not one the story names elsewhere (单位不跟我签合同怎么办: the asker acts).
_ACTS_ASKED = re.compile(
    r"([^\s，,。？?！!；;]{1,8}?)(?:们)?(?:现在|这时候|这时|接下来|首先|到底)?(?:该|要|得|应该|应当|应)"
    r"(?:先|头一步|第一步|马上|立即)?(?:咋办|怎么办|干啥|咋弄|咋整|咋搞|做什么|干什么|怎么做|怎么处理|做啥|干嘛)"
)


def acting_party(question: str) -> tuple[str, str]:
    """(the words, the class) of the party an action question asks what it must do: workers named
    (acting_worker), or the employer or a leader opening the asking clause (单位头一步该干啥, 矿上该咋整:
    the rule binding the employer to act, over one binding its chief); ("", "") for none."""
    worker = acting_worker(question)
    if worker[1]:
        return worker
    found = _ACTS_ASKED.search(question)
    name = party_class(found.group(1)) if found else ""
    return (found.group(1), name) if found and name in ("employer", "leader", "crew") else ("", "")


def bound(sentence: str) -> list[tuple[str, str]]:
    """(the party, what it must do) for each duty a sentence lays down: the subject before each
    应当/必须/负责/有权 in its clause (the clause before, when the modal opens its own: 从业人员发现
    事故隐患，应当立即报告) and the rest of the sentence; and the X of 由X负责 (由爆破员亲自运送)."""
    # 需要护理的，由所在单位负责: what 由X负责 binds X to is the whole sentence; …，其设计由总工程师审批:
    # a clause naming its own object before 由 binds X to that clause only, not to the acts before it
    found = [(m.group(1), _by_clause(sentence, m.start(), m.end())) for m in _BY.finditer(sentence)]
    found += [(m.group(1), sentence[m.end() :]) for m in _DESIGNATED.finditer(sentence)]
    for modal in _MODAL.finditer(sentence):
        stops = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, modal.start())]
        opening = stops[-1] if stops else 0
        subject = _LEAD_IN.sub("", sentence[opening : modal.start()]).strip()
        if not subject and stops:
            subject = sentence[stops[-2] if len(stops) > 1 else 0 : opening]
        if subject and not subject.startswith("由") and len(subject) <= MAX_SUBJECT:
            found.append((subject, sentence[modal.start() :]))
    return found


_OPENS_CLAUSE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）])?\s*(?:并|且|均|应当|应|必须|须|一律|统一|可以)?\s*$")


def _by_clause(sentence: str, start: int, end: int) -> str:
    """What 由X… binds X to: the whole sentence when 由 opens its clause (…的，由所在单位负责), else the
    clause holding it (其探放水设计由总工程师审批: the design's approval, not what the sentence said before)."""
    stops = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)]
    opening = stops[-1] if stops else 0
    if _OPENS_CLAUSE.match(sentence[opening:start]):
        return sentence
    closing = _CLAUSE_START.search(sentence, end)
    return sentence[opening : closing.start() if closing else len(sentence)]


def bearers(sentence: str) -> list[str]:
    """The parties a sentence binds (bound)."""
    return [party for party, _ in bound(sentence)]


_AND = re.compile(r"[、]|和|或者|或|及|以及")


def binds(sentence: str, words: str, kind: str, act: tuple[str, ...] = ()) -> bool:
    """Whether a sentence binds the party a question names (`words`, of class `kind`; any party
    for kind "any") to the act asked, when one is: one of its bearers (爆破员、瓦斯检查工和班组长:
    each of them) is of that class or holds the words, and what it must do names the act."""
    for bearer, duty in bound(sentence):
        if act and not any(form in duty for form in act):
            continue
        # a clause opening with its party (从业人员发现隐患…，) is read whole
        parts = [bearer] if bearer.rstrip().endswith(("，", ",")) else _AND.split(bearer)
        classes = {bearer_class(one) for one in parts if one}
        if (words and words in bearer) or kind in classes or (kind == ANY and classes - {""}):
            return True
    return False


def binds_in(text: str, words: str, kind: str, act: tuple[str, ...] = ()) -> bool:
    """Whether a sentence of `text` binds the party a question names to the act asked (binds)."""
    return bool(kind) and any(binds(text[start:end], words, kind, act) for start, end in sentences(text))


# An article whose first clause's subject is a state body (消防救援机构…发现火灾隐患的，
# 应当…; 卫生行政部门应当…; 市(地、州)、县(市、区)人民政府应当…): what the state does, not what a mine or
# its workers do. A workers' 工会 is no state body here.
_STATE_BODY = r"(?:政府|部门|(?<!医疗)(?<!卫生)(?<!检测)(?<!检验)(?<!服务)(?<!防突)(?<!的)机构|(?<!居民)(?<!工会)委员会|(?<!工)局)"
_OPENS_WITH_STATE = re.compile(
    rf"^\s*[^，,。；;：:\n]{{0,16}}?{_STATE_BODY}(?:及其[^，,。；;：:\n]{{0,16}}?{_STATE_BODY})?"
    r"(?=在|发现|应当|应|必须|有权|负责|对|依|可以|接到|履行|按照|根据|组织|[，,、]|和|或者|及)"
)
_NAMES_STATE = re.compile(r"政府|部门|机构|委员会|监察|监管|安监|局|公安|派出所|检察|法院|仲裁")


def opens_with_state(text: str) -> bool:
    """Whether an article opens with a state body as the party its first sentence binds."""
    return _OPENS_WITH_STATE.search(text) is not None


def names_state(question: str) -> bool:
    """Whether a question names a state body (监察员, 安监局, 劳动部门, 法院)."""
    return _NAMES_STATE.search(question) is not None
