"""What kind of fact a question wants, and whether a sentence states that kind of fact.

A worker's question asks for one of seven kinds of fact:

- time: a time or an interval (多久, 多长时间, 几天, 几分钟内);
- count: a count or a frequency (几次, 每班几次, 多久检查一次, 几道, 几个人);
- quantity: a number with a unit, a limit (多少, 几米, 浓度多少, 最低多少);
- duty: the party who must act (谁负责, 谁来批, 谁出钱, 负什么责任);
- definition: what something is or counts as (什么是, 怎么认定, 算不算工伤, 啥意思);
- permission: whether something is allowed or required (能不能, 可以…吗, 要不要, 要持证吗);
- action: what to do (怎么办, 怎么处理, 先干啥).

The question is matched against the kinds in that order, first match wins: 多久检查一次
wants a frequency, not a duration; 浓度多少算超限 wants a number, not a definition;
谁能摘 wants a party, not a permission.

An answering sentence states the kind of fact asked for: a number with a time unit for
time, a frequency (每班至少2次) for counts, a number with a unit or a bound (不低于20%) for
quantities, a party that must act for duties, a defining sentence (是指, 认定为工伤) for
definitions, 必须/严禁/不得/可以/方可 for permissions, imperative action verbs for actions.
A sentence that introduces a list (…检查次数如下：) states what its items state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.duty_lists import asked_set
from kb.highlight import sentences
from kb.parties import ANY, DESIGNATED, asks_partys_duty, asks_which_party, asks_who, binds_in
from kb.query import Concept
from kb.scoring import SYNONYM_CREDIT

Weights = list[tuple[Concept, float]]

KINDS = ("time", "count", "quantity", "duty", "definition", "permission", "action")
# What the answer's bold sentence tells, as a worker would ask it (the line under an answer:
# 加粗的这句直接回答了：能不能这样做？).
KIND_LABELS = {
    "time": "什么时候、多长时间？",
    "count": "多久一次、几次？",
    "quantity": "数值是多少？",
    "duty": "这事由谁负责？",
    "definition": "怎样才算、指的是什么？",
    "permission": "能不能这样做？",
    "action": "遇到这种情况该怎么做？",
}

_N = r"[0-9零〇一二两三四五六七八九十百千万半]"

# What the question asks for, in the order tried (module docstring). 啥时候才算火灭了 asks
# what counts, not when: it is tried before the time words.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 啥情况下一个矿就算瓦斯矿井了, 多薄的煤层算极薄煤层: what counts as the word it ends with (not 浓度
    # 多少算超限, which asks a number).
    ("definition", re.compile(
        r"(?:什么时候|啥时候|何时|什么情况下?|啥情况下?)才?(?:能)?算|(?:怎样|咋样|怎么样|怎么|什么样的?)才算|视同|"
        r"(?:什么|啥)情况下?[^，。？?\s]{1,8}算|^(?!.*(?:多少|几))[^，。？?]*(?<![计结核预打换折清总])算(?![了吧])[\u4e00-\u9fff]{2,8}?(?:了|呢)?$"
    )),
    (
        "count",
        re.compile(
            r"几次|几回|几遍|多少次|多少回|几趟|多少遍|每[班天日周月年][^，。？?]{0,4}几|"
            r"(?:多久|多长时间|多少天|几天|几个月|几年|多长|多少年)[^，。？?]{0,8}一(?:次|回|遍|趟)|"
            # (哪几个人 asks who, not how many)
            r"几道|几个(?:安全)?出口|(?<!哪)几个人|多少人|(?<!哪)几人|几组|几台|(?<!哪)几个(?!月|小时|钟头|工作日|星期)"
        ),
    ),
    (
        "time",
        re.compile(
            # (防护时间最少多长: a time asked with its words apart)
            r"多久|多长(?:[\u4e00-\u9fff]{0,4}的?)?时间|时间[^，。？?\s]{0,4}多长|多少天|几天|几个?月|几年|多少年|"
            # (多少个钟头, 几个小时: hours asked with or without the measure word)
            r"(?:多少|几)个?(?:小时|钟头)|几分钟|多少分钟|"
            r"几秒|多少秒|(?:期限|时限|有效期)(?:是|有)?(?:多|几)|什么时候|啥时候|何时|多长期|多少日|几日|哪一?天|哪一?年"
        ),
    ),
    (
        "quantity",
        re.compile(
            r"多少|几米|几度|几伏|多大|多高|多远|多深|多宽|多厚|多长|多快|多重|多粗|最低|最高|最少|最多|最大|最小|"
            # 几倍 asks a multiple (of pay: 百分之一百五十 answers it), not a number of times
            r"浓度|百分之|学时|(?<!分)(?<!分为)几级|几倍"
        ),
    ),
    (
        "duty",
        re.compile(
            r"谁|哪个部门|哪个单位|哪个人|由哪|"
            # 哪个领导得在现场, 哪些人得随身带便携仪, 从哪些人里挑: a who-question without 谁
            r"哪(?:个|位)领导|哪些人(?:得|必须|应当|应该|里|中)|哪几(?:个人|位|个工种)|"
            r"什么人负责|负(?:什么|啥|哪些)责|什么责任|啥责任|哪些责任|什么职责|啥职责|职责|"
            # 工人安全上有啥义务, 劳保用品是矿上发还是自己买
            r"(?:啥|什么|哪些)义务|"
            # 哪一级政府来查, 证是哪一级发的, 证是哪儿考的: which body acts
            r"哪一?级(?=政府|部门|机关|单位|发|批|管|查|定|来|负责)|哪(?:儿|里)(?:发|考|批|颁发)的|"
            r"(?:自己|个人|矿上|单位|公司|矿里)[\u4e00-\u9fff]{0,3}还是(?:自己|个人|矿上|单位|公司|矿里)"
        ),
    ),
    (
        "definition",
        re.compile(
            r"什么是|什么叫|啥叫|啥是|是什么意思|啥意思|什么意思|是指|指什么|指啥|指哪些|指的是|是什么|是啥|含义|定义|怎么回事|咋回事|"
            r"是个啥|是个什么|指的啥|指的什么|指哪[种类个样]|(?:咋|怎么|怎样|如何)(?:算|计算)的$|"
            r"怎么认定|如何认定|怎样认定|认定标准|算不算|算是|算什么|算啥|属于|属不属于|算[\u4e00-\u9fff]{1,6}吗|算[\u4e00-\u9fff]{1,6}?(?:不|么|嘛)(?=$|[\s，,。？?！!])|"
            r"什么情况下?算|什么算|啥算|哪些情形|有哪些|哪些算|"
            # 啥东西算危险化学品, 啥病都算吗, 都算吗 (not 按什么计算, 啥时候结算: a sum)
            r"(?:啥|什么)[\u4e00-\u9fff]{0,3}(?<![计结核预打换折])算|都算(?:吗|不|么)|"
            # 劳动能力鉴定是鉴定啥, 探放水是干啥的, 许可证是干嘛用的, 一风吹啥玩意
            r"是[\u4e00-\u9fff]{1,2}(?:啥|什么)(?:的|东西)?$|是干(?:啥|嘛|什么)(?:用)?的|(?:啥|什么)玩意|"
            # 老空怎么理解, 工伤包不包括上下班路上, 啥情况叫重大事故隐患, 瓦斯等级咋分的, 有啥不一样
            r"(?:怎么|咋|如何|怎样)理解|包(?:不|括不)包括|(?:啥|什么|哪种|哪些)[^，。？?\s]{0,4}叫(?!人)|"
            r"(?:怎么|如何|怎样|咋)分的|(?:啥|什么)不一样|是一回事|"
            r"(?:怎么|如何|怎样|咋)(?:划分|划|分级|界定|区分|分类|定义|认定|判定|判断)|分(?:为)?几[级类种]|分(?:为)?哪几|哪几[级类种]|"
            r"(?:有|是)?(?:啥|什么|何)(?:区别|不同)|区别在哪|"
            r"包括(?:啥|什么|哪些|哪几)|都包括|包含(?:啥|什么|哪些)|(?:哪些|啥样|什么样|哪种|哪类)[^，。？?\s]{0,8}算"
        ),
    ),
    (
        "permission",
        re.compile(
            r"能不能|能否|可不可以|可以不|是否可以|行不行|准不准|让不让|许不许|有没有权|有权|允许|准许|"
            r"要不要|需不需要|需要[\u4e00-\u9fff]{0,10}吗|要[\u4e00-\u9fff]{0,10}吗|必须[\u4e00-\u9fff]{0,10}吗|"
            r"得[\u4e00-\u9fff]{0,8}吗|(?<!不)能[\u4e00-\u9fff]{0,12}(?:吗|不|没)|可以[\u4e00-\u9fff]{0,12}(?:吗|不)|"
            r"不[\u4e00-\u9fff]{1,8}行吗|合法|违法吗|有没有|"
            r"行不$|行吗$|中不中|成不成|没事吧|没事吗|没关系吧|没问题吧|"
            # 领导得不得到现场, 工会该不该参加, 还用带班不, 这合规吗, 他有这权力吗
            r"得不得|该不该|应不应该|用不用|还用[\u4e00-\u9fff]{1,8}不|合规|权力吗"
        ),
    ),
    (
        "action",
        re.compile(
            r"怎么办|咋办|咋整|怎么弄|怎么处理|如何处理|怎样处理|怎么处置|如何处置|如何应对|怎么应对|"
            r"该怎么|要怎么|应该怎么|怎么做|采取什么措施|采取哪些措施|怎么解决|先干啥|干啥|做什么|干什么|"
            r"先做什么|注意什么|注意啥|要干嘛|咋处理|如何|怎么|怎样|咋|往哪(?:里|儿)?(?:跑|撤|躲|走)|"
            # 收尾要做啥, 还要做哪些步骤, 上岗前要走啥程序, 采取哪些救援措施, 我自己能去哪申请, 上哪反映
            r"做(?:啥|哪些)|(?:啥|什么|哪些)(?:步骤|程序|手续|流程)|采取[\u4e00-\u9fff]{0,2}(?:哪些|什么|啥)[\u4e00-\u9fff]{0,4}措施|"
            r"(?:上|去|到|找)哪(?:里|儿|个部门)?(?:申请|反映|告|投诉|举报|查|看|鉴定|办|报|说理)|"
            # 开焊之前先弄啥, 先干个啥, 雨季要提前做些啥, 清煤之前要准备啥
            r"(?:弄|搞|干|做)(?:个|点|些)?(?:啥|什么)|准备(?:啥|什么|哪些)"
        ),
    ),
)

_TIME_UNIT = r"(?:个?工作日|日|天|个?小时|h(?![a-zA-Z])|个月|月|年|周|学时|分钟|min|秒|s(?![a-zA-Z]))"
_QUANTITY_UNIT = (
    r"(?:%|％|m/s|m(?![a-zA-Z])|米|mm|cm|km|公里|V(?![a-zA-Z])|伏|kV|Ω|欧|dB|分贝|MPa|kPa|Pa|kN|N(?![a-zA-Z])|kW|MW|千瓦|"
    r"℃|度|m3|m³|L|升|t(?![a-zA-Z])|吨|kg|千克|公斤|ppm|mg|人|名|元|倍|分|学时|级|°|个|台|组|道)"
)

# A party that acts (用人单位, 班组长, 爆破员, 劳动能力鉴定委员会) and the firm duty forms:
# 由X负责, 负有…职责, 只有X才有权. kb.kinds.firmness counts a duty only named by a party
# with 应当/必须 as weaker.
_PARTY = (
    r"(?:单位|部门|机构|委员会|负责人|矿长|组长|班长|队长|人员|员|工|师|长|企业|煤矿|矿井|经办机构|"
    r"工会|医院|雇主|个人|本人|近亲属|职工|劳动者|承包方|发包方|队|班)"
)
_DUTY_FIRM = (
    r"由[^。；，]{1,40}?(?:负责|批准|审批|组织|签字|确定|鉴定|承担|支付|提出|作出|核定|审核|指挥|统一|缴纳|进行|"
    r"担任|实施|执行|操作|护送|管理|检查|处理|保管|办理|调查|验收|编制|签发|监护|发放)|"
    r"负有[^。；]{0,12}职责|第一责任人|[^。；，]{1,12}(?:负责|承担|支付)|有权责令|"
    r"有权[^。；]{0,6}(?:决定|下令|命令|撤出|取下|摘)|只有[^。；]{1,30}?才(?:有权|能|可以|可|准)|"
    r"经[^。；，]{1,20}?(?:批准|审批|同意|签字|审核)|(?:批准|审批|签字)后|"
    rf"{DESIGNATED}"
)

# A worker's remedy in law: 劳动者可以依法向当地人民法院申请支付令; and the body a party may turn
# to, however long its name (对诊断不服的，可以向诊断机构所在地的
# 卫生行政部门申请鉴定; …可以直接向统筹地区社会保险行政部门申请工伤认定).
# The window to turn in may stand between (不服的，可以在收到结论之日起15日内向…提出再次鉴定申请).
_TURN_TO = r"(?:可以|有权)(?:在[^。；，向]{1,24}?内)?(?:直接|依法)?向[^。；，]{1,40}?(?:申请|提出|投诉|举报|起诉|提起|控告)"
_REMEDY_WORDS = rf"(?:劳动者|职工|从业人员|本人|近亲属)?可以[^。；]{{0,14}}(?:申请|要求|解除|投诉|举报|起诉|提起)|{_TURN_TO}"
_REMEDY = re.compile(
    rf"(?:劳动者|职工|从业人员|本人|近亲属)可以[^。；]{{0,14}}(?:申请|要求|解除|投诉|举报|起诉|提起)|{_TURN_TO}"
)

# What an answering sentence contains, per kind: the fact itself, not words that merely
# often stand near one (应当, 检查, 部门 are in every rule and tell nothing).
_STATES: dict[str, re.Pattern[str]] = {
    "time": re.compile(rf"{_N}+(?:\.\d+)?\s*{_TIME_UNIT}|{_N}+\s*(?:个)?(?:工作)?日内|当[日天]|当班"),
    "count": re.compile(
        rf"每[个]?(?:班|日|天|周|月|年|季度|旬|半年)[^。；]{{0,12}}?{_N}+\s*(?:次|回|遍)|"
        rf"{_N}+\s*(?:次|回|遍|道|组|倍)(?![a-zA-Z])|(?:至少|不少于|不得少于|不(?:得)?超过|不得多于|最多|限员)[^。；]{{0,4}}{_N}+\s*(?:个|人|名|台|处)|"
        rf"{_N}+\s*(?:个|人|名)(?:以上|以下|以内)|(?<![第前])(?<!排名){_N}+\s*名(?=[\u4e00-\u9fff])|{_N}+\s*[～~-]\s*{_N}+\s*(?:人|个|次)|每[个]?(?:班|日|天|周|月|年|季度|旬)至少|"
        # once every so many years, months or days (每2年必须…鉴定, 每隔10天): a frequency said by its span
        rf"每(?:隔)?{_N}+\s*(?:个)?(?:年|月|天|日|周|小时)(?!内)"
    ),
    "quantity": re.compile(rf"{_N}+(?:\.\d+)?\s*{_QUANTITY_UNIT}"),
    "duty": re.compile(
        rf"{_DUTY_FIRM}|"
        # a party that must do it: 用人单位应当按时缴纳, 爆破员、瓦斯检查工和班组长必须首先巡视
        rf"{_PARTY}(?:必须|应当|应)(?:首先|及时|立即|按时|依法|亲自|负责)?"
    ),
    "definition": re.compile(
        r"是指|所称|称为|指的是|简称|含义|认定为|视同|方可认为|可以认为|为[^。；]{0,6}(?:事故|等级)|分为|"
        r"下列情形之一的，(?:应当)?(?:认定|视同|不得认定)|"
        r"^[ \t]*(?:[-*•][ \t]*)?[\u4e00-\u9fff]{2,16}(?:（[^）\n]{1,12}）)?[：:](?=[^\n]{4})"  # a glossary item
    ),
    "permission": re.compile(
        r"严禁|不得|禁止|不准|方可|方准|才能|才可|有权|可以|准许|允许|拒绝|必须持|取得[^。；]{0,10}(?:证|资格)"
    ),
    "action": re.compile(
        r"立即|停止|停工|停电|断电|撤出|撤离|撤人|撤到|撤至|撤回|切断|报告|关闭|封闭|启动|救援|抢救|查明原因|"
        r"进行处理|及时处理|采取措施|汇报|通知|佩戴|避灾|交接|"
        # a procedure in its order (the 规程's broken-cable steps: short it first, wait 30 min, only then 才可 walk the line)
        r"(?:必须|应当|应)(?:首先|先)|首先|(?:才|方)(?:可|准)|"
        # what to do about an employer, in law: the remedy the worker has
        rf"有权|{_REMEDY_WORDS}|支付[^。；]{{0,12}}(?:二倍|赔偿|补偿)|不得|"
        # a fault put right before the work goes on
        r"消除[^。；]{0,6}隐患|排除[^。；]{0,4}(?:故障|隐患)|停止使用|全面检查|"
        # the procedure for an accident (处理…事故时 before a list of steps, e.g. a roof fall's, air restored first)
        r"处理[^。；，]{0,16}(?:事故|灾害|险情)时|"
        # what the worker's case calls for next: moved off the job, assessed, retrained (调离原工作岗位, 应当进行
        # 劳动能力鉴定, 参加…专门培训)
        r"调离|妥善安置|进行[^。；，]{0,8}鉴定|参加[^。；，]{0,12}培训"
    ),
}


_DUTY_FIRM_RE = re.compile(_DUTY_FIRM)
OTHER_POLARITY = 0.3  # 不得认定为工伤 read for 什么情况下视同工伤, and the other way round
PARTY_ONLY = 0.75  # a duty named only by a party with 应当/必须, against 由X负责
ACTION_FIRM = 0.85  # an action sentence prescribing ACTIONS_PRESCRIBED actions; each more adds a step
ACTION_STEP = 0.05

_NEGATIVE_QUESTION = re.compile(r"不能|不算|不得|不属于|不予|不是|不认定|不可以|哪些不")
_NEGATIVE_DEFINITION = re.compile(r"不得认定|不认定|不属于|不予认定")


# Whether something falls under a category (尘肺病属于职业病吗, 上班路上被车撞了算不算工伤, 啥病都算
# 职业病吗): the category, defined or listed by the article that answers.
_CATEGORY = re.compile(
    r"(?:属不属于|属于|算不算|是不是|算是|算)([\u4e00-\u9fff]{2,10}?)(?=吗|么|嘛|呢|不|啊|[\s，,。？?！!]|$)"
)


# The kind of thing a defined type is said of (本质安全型 + 电器: 本质安全型电器是个啥意思 asks what
# 本质安全型 means).
_THING_HEAD = re.compile(r"的?(?:电器|电气设备|电气|设备|装置|仪器|仪表|器材|产品|东西|玩意儿?)")


def thing_of_type(asked: str, defined: str) -> bool:
    """Whether `asked` is only the defined word `defined` said of a kind of thing (本质安全型电器 of
    本质安全型), not another thing named after it (工伤职工 of 工伤, 瓦斯抽采 of 瓦斯)."""
    return asked != defined and asked.startswith(defined) and bool(_THING_HEAD.fullmatch(asked[len(defined) :]))


def asked_category(text: str) -> str:
    """The category a question asks whether its subject falls under (职业病 in 尘肺病属于职业病吗),
    "" when it asks no such thing."""
    found = _CATEGORY.search(text)
    return found.group(1) if found else ""


def places_in(category: str, text: str) -> bool:
    """Whether `text` opens a list of what falls under `category`, or does not: 应当认定为工伤：,
    视同工伤：, 不得认定为工伤或者视同工伤：."""
    return re.search(rf"(?:认定为|视同|属于){re.escape(category)}[^。：:\n]{{0,12}}[：:]", text) is not None


# An A-not-A question (算不算, 属不属于, 是不是, 能不能) asks yes or no: its 不 negates nothing.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")


CASE_MARGIN = 1.3  # how much better another list of the category must hold the case told to go first


def case_placed_first(scored: list, category: str) -> None:
    """Put first (in place, in ask's (score, hit, reading) list) the list of what falls under the
    category asked whose item holds the case the question tells far better than the leading list:
    a worker who fell ill on shift and died in hospital (犯病…没救过来算工伤不) is answered by the list of what
    is deemed 工伤 (视同工伤：) whose item tells a sudden illness, not by the list of exclusions whose
    item on crime shares 犯 with the question."""
    if not category or not scored or not places_in(category, scored[0][1].text):
        return
    lead = scored[0][2].strength
    best = max(
        (i for i, (_, hit, _) in enumerate(scored) if places_in(category, hit.text)),
        key=lambda i: scored[i][2].strength,
    )
    if best and scored[best][2].strength >= CASE_MARGIN * lead:
        scored.insert(0, scored.pop(best))


# 哪些情形不算工伤 asks for a list of one polarity; 自残算工伤吗 asks yes or no of one case.
_ASKS_CASES = re.compile(r"哪些|哪几|哪种|哪类|什么情[况形]|啥情[况形]|什么样|啥样|都有")


def asked_polarity(text: str) -> bool | None:
    """Whether a definition question asks what does not count (True), what does (False), or (None)
    whether one case counts (算不算工伤, 自残算工伤吗): the list holding the case answers, whether it
    places it in the category or out of it."""
    if asked_category(text) and not _ASKS_CASES.search(text):
        return None
    return asks_negative(text)


def asks_negative(text: str) -> bool:
    """Whether a question asks what does not count (哪些情形不能认定工伤); 算不算工伤 asks whether it
    counts, not what does not."""
    return bool(_NEGATIVE_QUESTION.search(_A_NOT_A.sub("", text)))


def firmness(kind: str, text: str, negative: bool | None = False, measure: str = "") -> float:
    """1.0, or less for an action sentence naming a single action in passing (不能断电) rather
    than prescribing what to do (停止作业，停电撤人), and for a definition by exclusion
    (不得认定为工伤) rather than the one that says what counts. What to do before doing something
    (measure BEFORE) is any rule prescribed for that moment: 应当预先固结套管 is firm."""
    if measure == BEFORE and _PRESCRIBES.search(text):
        return 1.0
    if kind == "definition":
        if negative is None:  # one case asked of: in or out, the list holding it answers
            return 1.0
        return 1.0 if bool(_NEGATIVE_DEFINITION.search(text)) == negative else OTHER_POLARITY
    if kind == "duty":
        return 1.0 if _DUTY_FIRM_RE.search(text) else PARTY_ONLY
    if kind != "action":
        return 1.0
    found = {m.group(0) for m in _STATES["action"].finditer(text)}
    if _REMEDY.search(text):
        return 1.0  # what the law lets the worker do about it (向人民法院申请支付令) is the whole answer
    if len(found) < ACTIONS_PRESCRIBED:
        return 0.6
    # 停止工作，撤出人员，查明原因，进行处理 prescribes more than 立即组织抢救.
    return min(1.0, ACTION_FIRM + ACTION_STEP * (len(found) - ACTIONS_PRESCRIBED))


_QUOTES = re.compile(r"[“”\"]")


def defines(term: str, text: str) -> bool:
    """Whether `text` defines `term` (本法所称职业病，是指… / 重大危险源，是指… / a glossary
    item such as the 规程's 附录: - 采空区：回采以后不再维护的空间)."""
    escaped = re.escape(term)
    if re.search(rf"[“\"]{escaped}[”\"]\s*[\u4e00-\u9fff]{{0,8}}[，,]?\s*(?:是指|指的是)", text):
        return True  # “瓦斯超限作业” 重大事故隐患，是指…: the quoted term, then what kind of thing it is
    text = _QUOTES.sub("", text)  # - “掏根”式开采：… defines 掏根式开采
    return bool(
        re.search(
            rf"所称{escaped}(?=[，,是])|(?:^|(?<=[\n。；：、（）()\s])){escaped}[，,]?\s*(?:是指|指的是)|"
            rf"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?{escaped}(?:（[^）\n]{{1,12}}）)?[：:](?=[^\n]{{4}})",
            text,
        )
    )


_DEFINED = re.compile(
    r"所称([\u4e00-\u9fff]{2,16})(?=[，,是])|(?:^|(?<=[\n。；：、（）()\s]))([\u4e00-\u9fff]{2,16})[，,]?\s*(?:是指|指的是)|"
    r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?([\u4e00-\u9fff]{2,16})(?:（[^）\n]{1,12}）)?[：:](?=[^\n]{4})"
)
# “瓦斯超限作业” 重大事故隐患，是指…: a quoted term, then what kind of thing it is (kb.kinds.defines).
_QUOTED_DEFINED = re.compile(r"[“\"][^”\"\n]{2,16}[”\"]\s*[\u4e00-\u9fff]{0,8}[，,]?\s*(?:是指|指的是)")
_FIRST_SENTENCE = re.compile(r"[^。；\n]*")
_DEFINITIONS_HEAD = re.compile(r"下列用语的含义|下列用语|用语含义")


def opens_defining(text: str) -> bool:
    """Whether an article opens by defining (本法下列用语的含义：…, 本条例所称X，是指…, a glossary's
    first item), rather than setting a rule and defining a word of it after (…应当符合国家有关规定。
    本条例所称重大危险源，是指…)."""
    first = _FIRST_SENTENCE.match(text.strip())
    head = first.group(0) if first else ""
    return bool(_DEFINITIONS_HEAD.search(head) or _DEFINED.search(head) or _QUOTED_DEFINED.search(head))


LOOSE_EXTRA = 4  # a defined phrase may hold this many characters besides the word asked about


def defined_phrase(term: str, text: str) -> str:
    """The phrase `text` defines that holds `term` and little else (无固定期限 → 无固定期限劳动合同，
    是指…: workers shorten the terms rules define), "" when there is none."""
    for found in _DEFINED.finditer(text):
        phrase = (found.group(1) or found.group(2) or found.group(3)).rpartition("所称")[2]
        if term in phrase and len(phrase) - len(term) <= LOOSE_EXTRA:
            return phrase
    return ""


# Words that only say how the question asks (多久检查一次, 给几倍): not its subject; and, per
# kind, the verb or noun of the asking itself (怎么处理, 是啥意思).
_ASKING_WORDS = re.compile(r"[一几每]?(?:次|回|遍|趟|倍)")
_ASKING_BY_KIND = {
    "action": re.compile(r"处理|处置|应对|解决|对待|办|干|弄|整|做|步骤|流程|手续|程序"),
    # 尘肺病属于职业病吗: 属于 asks whether it falls under the category, it is not what about
    "definition": re.compile(r"意思|含义|定义|意义|属于|属不属于|理解|玩意儿?|概念"),
}


# How a worker asks for a value or a meaning, run into one word the library never holds:
# 几分钟, 几个小时, 多宽, 最少, 几回, 几倍, 啥意思, 咋回事, 啥玩意.
_ASKING_PHRASE = re.compile(
    r"(?:[几多]|多少)个?[\u4e00-\u9fff]{0,2}|最[少多快慢高低大小长短远近]|(?:啥|什么)意思|(?:怎么|咋)?回事|玩意儿?|"
    r"哪[几些]?个?[种类样项条级]|定义|含义|(?:啥|什么)[\u4e00-\u9fff]?"
)


def is_asking_phrase(term: str) -> bool:
    """Whether a word (one the library does not hold) only says how the question asks."""
    return bool(_ASKING_PHRASE.fullmatch(term))


# How a worker frames a question in speech, around what it is about (only for words the library
# does not hold): a direction after a verb (刨出来, 挤上去, 滑下来), a place word on a noun (兜里,
# 底下, 里头), a count of one (一段路, 一遍) or an amount (喝了两瓶, 三根), a verb said doubled
# (烤烤手, 看看; not 妈妈, 宝宝), a pointing or negating word (这时候, 哪些地方, 别的, 不管). Counted as
# unknown things, they made colloquial questions look like questions about things the library
# does not hold (蘑菇, 彩礼, 公积金).
_FRAMING = re.compile(
    r"[\u4e00-\u9fff]{0,2}[上下进出回过起][来去]|[\u4e00-\u9fff]?(?:里面?|里头|底下|[上下前后]面|[上下]头|旁边|[这那]边)"
    r"|一[\u4e00-\u9fff]{1,2}|[这那哪别][\u4e00-\u9fff]{0,3}|[不没][\u4e00-\u9fff]{1,2}"
    r"|[二两三四五六七八九十半几]{1,2}(?:个|瓶|段|斤|根|块|趟|把|包|袋|杯|碗|盒|条|张|支|节|圈|下|点)[\u4e00-\u9fff]?"
    r"|(?P<verb>(?![爸妈哥姐弟妹爷奶姥叔姑舅婶宝娃星])[\u4e00-\u9fff])(?P=verb)"
)


def is_framing_word(term: str) -> bool:
    """Whether a word (one the library does not hold) only frames the question in speech."""
    return bool(_FRAMING.fullmatch(term))


def is_asking_word(term: str, kind: str = "") -> bool:
    """Whether a question word only says what kind of fact is asked (一次, 几倍; 处理 in 怎么处理
    for an action question), not about what."""
    by_kind = _ASKING_BY_KIND.get(kind)
    return bool(_ASKING_WORDS.fullmatch(term) or (by_kind and by_kind.fullmatch(term)))


# …and 找谁 (go to whom) whole: 先找 left behind reads as a slip for 先兆
# …and 哪几个人, 哪些人: the party asked for, not a number of people (人数, 限员)
_ASKING_PARTY = re.compile(r"(?:先|该|要|得|应该|应当)?找谁|谁|哪几(?:个人|位|个工种)|哪些人")
# How a yes-no question ends in speech: 能坐人不, 合法不, 行不, 中不中, 行不行, 可以没. The 不 is
# not a negation of the subject (it would match every 不得 in the library), the 中不中 no word.
_CLAUSE_END = r"(?=[\s,，;；?？!！。.]|$)"
_ASKING_TAIL = re.compile(
    rf"(?:(?:[行中成对好]|可以|合适)不(?:[行中成对好]|可以|合适)?|[不没]有?|[吗么嘛呢吧啊呀]){_CLAUSE_END}"
)
# …and a clause that only asks (这样行不, 这能行吗, 可以这样吗, 这合法不): no subject in it at all.
_ASKING_CLAUSE = re.compile(
    r"(?:^|(?<=[\s,，;；?？!！。.]))(?:(?:这样|这么|那样|这|那)?(?:做|干|搞)?(?:还)?(?:能|可以)?"
    r"(?:行|中|成|合法|合理|可以|允许)|(?:能|可以)(?:这样|这么)(?:做|干|搞)?)"
    r"(?:不|吗|么|嘛|没)?(?:[行中成])?[\s?？!！。.]*$"
)


def without_asking(question: str, kind: str) -> str:
    """The question without the words that only ask: the party asked for (谁) when it asks for a
    duty, which workers run into the subject (向谁报告, 谁出钱, 谁来做) so that it matches no
    article; the spoken yes-no ending (能坐人不, 中不中) when it asks for a permission."""
    if kind == "duty":
        return _ASKING_PARTY.sub(" ", question)
    if kind == "permission":
        return _ASKING_TAIL.sub("", _ASKING_CLAUSE.sub("", question).rstrip()).strip() or question
    return question


# A quantity asked for by a word that asks (多少, 几米, 最低, 多大), not only named (浓度, 百分之, 学时)…
_VALUE_ASKED = re.compile(r"多|几|最|[\u4e00-\u9fff]少")
# …beside a permission asked in so many words
_ASKS_LEAVE = re.compile(r"能不能|能否|可不可以|可以不|是否可以|行不行|准不准|让不让|许不许|要不要|需不需要")


def question_kind(text: str) -> str:
    """The kind of fact `text` asks for (one of KINDS), or "" when none is recognised. A question
    asking a party's whole set of duties or rights (kb.duty_lists: 矿长要管哪些事, 工人有哪些权利) asks
    what a party holds: a duty; so does one asking who acts beside a time, count or quantity (…多久巡一次
    谁说了算) and a yes-no one whether a party in charge must act (kb.parties.asks_partys_duty)."""
    if asked_set(text):
        return "duty"
    for kind, asks in _ASKS:
        if asks.search(text):
            if kind == "quantity" and not _VALUE_ASKED.search(text) and _ASKS_LEAVE.search(text):
                continue  # 瓦斯到断电浓度了 我能不能叫停: 浓度 is what it is about, 能不能 what it asks
            # 安全出口多久巡一次谁说了算 asks who decides, 矿领导要不要轮着…带班 whether leaders must
            if (kind in VALUE_KINDS and asks_who(text)) or (kind == "permission" and asks_partys_duty(text)):
                return "duty"
            return kind
    # 是班长点还是爆破工点, 该矿上报还是家属报: which of two parties acts
    return "duty" if asks_which_party(text) else ""


def states(kind: str, text: str, measure: str = "") -> bool:
    """Whether `text` (a sentence, or a list head with its items) states a fact of `kind` (and,
    for a quantity question asking a `measure` (asked_measure), a value of that measure)."""
    if kind == "quantity" and measure in _UNITLESS:
        return _MEASURES[measure][1].search(text) is not None  # 16周岁, 12350: no unit of a quantity
    if measure == BEFORE:
        return bool(_STATES["action"].search(text) or _PRESCRIBES.search(text))
    pattern = _STATES.get(kind)
    if not (pattern and pattern.search(text)):
        return False
    return not measure or _MEASURES[measure][1].search(text) is not None


# What a quantity question measures, and how a sentence states a value of it: 工资多少 is
# not answered by 实习期满四个月, nor 多少伏 by a distance.
_MONEY_WORD = r"(?:工资|报酬|薪|费|金|补助|津贴|待遇|赔偿|补偿|罚款|收入)"
# A telephone number (0351-1234567, a 1xxxx hotline, a mobile), not a standard's number (GB 50215).
_PHONE = r"(?<![\dA-Za-z ])(?:\d{3,4}-\d{7,8}|1\d{4}|1\d{10})(?!\d)"
_MEASURES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "money": (
        re.compile(r"工资|薪水|薪资|月薪|年薪|多少钱|几块钱|钱|费用?多少|赔多少|补多少|补偿多少|罚多少|补助|津贴|奖金|收入"),
        re.compile(
            rf"{_N}+(?:\.\d+)?\s*(?:万|千)?元|"
            rf"(?:{_N}+\s*(?:倍|个月)|百分之{_N}+|{_N}+(?:\.\d+)?\s*[%％])[^。；]{{0,12}}{_MONEY_WORD}|"
            rf"{_MONEY_WORD}[^。；]{{0,12}}(?:{_N}+\s*(?:倍|个月)|百分之{_N}+|{_N}+(?:\.\d+)?\s*[%％])"
        ),
    ),
    "voltage": (re.compile(r"多少伏|几伏|电压"), re.compile(r"\d\s*(?:V|kV|伏)(?![a-zA-Z])")),
    "distance": (
        re.compile(r"几米|多少米|多远|多深|多宽|多厚|多高|距离多|间距多|多长(?!时间)"),
        re.compile(rf"{_N}+(?:\.\d+)?\s*(?:m|米|mm|cm|km|公里)(?![a-zA-Z/])"),
    ),
    "speed": (re.compile(r"风速|多快|速度|车速"), re.compile(r"\d\s*(?:m/s|km/h|m/min|米/秒|公里/小时)")),
    "temperature": (re.compile(r"温度|多热|气温"), re.compile(r"\d\s*(?:℃|度)")),
    "noise": (re.compile(r"分贝|噪声|噪音"), re.compile(r"\d\s*(?:dB|分贝)")),
    # 退休年龄是多少岁 is not answered by 伤残津贴为本人工资的90%, nor 电话/密码是多少 by any rule
    # that prints no such number.
    "age": (re.compile(r"多少岁|几岁|多大岁数|年龄|岁数|年纪"), re.compile(rf"{_N}+\s*(?:周岁|岁)")),
    "number": (re.compile(r"电话|号码|密码|账号|帐号"), re.compile(_PHONE)),
    # 乳化液浓度配多少 is not answered by 采高超过3m, nor 电机功率多大 by a distance.
    "concentration": (re.compile(r"浓度|百分之几|百分比"), re.compile(r"\d\s*(?:[%％‰]|mg/m|ppm)|百分之")),
    "power": (re.compile(r"功率|多少瓦|几瓦|千瓦"), re.compile(r"\d\s*(?:kW|MW|千瓦)(?![a-zA-Z])")),
}
# What a time question measures: 用几年就得换 asks a number of years (or months), which 连续使用11h
# or 额定防护时间不低于30min does not state (每3年复审1次 does: 几年复审).
_TIME_MEASURES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "years": (
        re.compile(r"几年|多少年|几个年头"),
        re.compile(rf"{_N}+\s*(?:个)?(?:年|月)(?!级)"),
    ),
}
_MEASURES.update(_TIME_MEASURES)
# A count question asking how often over a span (多久试验一回, 几年考一回, 多长时间检查一次) wants the
# span a rule repeats it in (每2年至少做1次, 每三年考核一次, 每班, 每隔10天), not a bare count (可以补考一次).
FREQUENCY = "frequency"
_COUNT_MEASURES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    FREQUENCY: (
        re.compile(r"(?:多久|多长时间|多少天|几天|几个月|几年|多长|多少年)[^，。？?]{0,8}一(?:次|回|遍|趟)"),
        re.compile(
            rf"每(?:隔)?[^。；，]{{0,6}}?(?:班|日|天|周|月|年|季度|季|旬|小时|h(?![a-zA-Z])|min|分钟)|"
            rf"{_N}+\s*(?:个)?(?:年|月|天|日|周|小时)[^。；]{{0,10}}?{_N}+\s*(?:次|回|遍)|[年季月周]度?一次|定期"
        ),
    ),
}
_MEASURES.update(_COUNT_MEASURES)


_UNITLESS = frozenset({"age", "number"})  # measures stated without a quantity's unit


# A payment a how-much question names (养老金, 夜班费, 补贴, 工资): an article that pays some other
# money (伤残津贴) does not say how much of it.
_PAYMENT = re.compile(r"(?:工资|钱|金|费|补贴|津贴|补助|奖)$")
_PAID_CHARS = frozenset({"奖", "费", "津贴", "补贴", "补助"})
PAID_GAP = 4
_PERIOD_OR_COUNT = re.compile(r"[一二两三四五六七八九十几每半多]")


def payment_unnamed(concepts: tuple[Concept, ...], kind: str, text: str) -> bool:
    """Whether a quantity or count question asks how much of a payment `text` never names as
    asked (矿工退休了每月能领多少养老金 against an article on 伤残津贴)."""
    if kind not in ("quantity", "count"):
        return False
    # A payment said as a word and 奖/费/津贴/补贴/补助 (安全 奖 → 安全奖, 井下 津贴 → 井下津贴) is named
    # as said, with a few words between (伙食 费 → 伙食补助费): 伤残津贴 names no 井下津贴. A period or
    # count before 津贴/补贴/补助 says how often, not which (一天 补贴).
    words = [c for c in concepts if c.maximal]
    pairs = [
        (a, b) for a, b in zip(words, words[1:], strict=False)
        if b.term in _PAID_CHARS and a.end == b.start and not (len(b.term) > 1 and _PERIOD_OR_COUNT.match(a.term))
    ]
    said = {id(b) for _, b in pairs}
    paid = [
        re.escape(c.term) for c in words if len(c.term) > 1 and _PAYMENT.search(c.term) and id(c) not in said
    ]
    paid += [f"{re.escape(a.term)}[^，。；]{{0,{PAID_GAP}}}{b.term}" for a, b in pairs]
    return bool(paid) and not any(re.search(term, text) for term in paid)


# A question asking the clock time of something (几点关门, 几点发车) and how a text states one.
# (几点要求 asks how many points, not when.)
_ASKS_CLOCK = re.compile(r"几点(?:钟|开|关|发|上|下|到|前|以前|之前|后|以后|之后|结束|吃)")
_CLOCK = re.compile(r"\d{1,2}\s*(?:点|时|:|：)")


def clock_unstated(question: str, text: str) -> bool:
    """Whether `question` asks at what time of day (矿灯充电房几点关门) and `text` states none."""
    return _ASKS_CLOCK.search(question) is not None and _CLOCK.search(text) is None


# An action question asking what to do before (or first, on the way to) doing something: 下井前要先干啥,
# 钻孔前要先做啥, 开之前要干啥, 检修开关前停了电 还要做哪些步骤. Its answer is the rule for that
# moment (在…前/时，必须…), whatever it prescribes, not an emergency's 停止/撤出/报告.
BEFORE = "before"
_ASKS_BEFORE = re.compile(
    r"前[^，。？?\s]{0,6}(?:干啥|做啥|干什么|做什么|咋|怎么|如何|注意|准备|走啥|做哪些|哪些步骤|啥程序|什么程序)|"
    r"先(?:干|做)(?:啥|什么)|(?:哪些|啥|什么)步骤"
)


def asked_measure(question: str, kind: str) -> str:
    """The measure a quantity question asks for (money, voltage, distance, speed, temperature,
    noise, age, a number such as a telephone's, concentration, power), a time question's number
    of years (用几年就得换), a count question's FREQUENCY (几年考一回: the span it repeats in), BEFORE for an action question asking what to
    do before doing something; "" when it names none or the question wants another kind of fact."""
    if kind == "action":
        return BEFORE if _ASKS_BEFORE.search(question) else ""
    if kind == "time":
        return next((name for name, (asks, _) in _TIME_MEASURES.items() if asks.search(question)), "")
    if kind == "count":
        return next((name for name, (asks, _) in _COUNT_MEASURES.items() if asks.search(question)), "")
    if kind != "quantity":
        return ""
    return next(
        (name for name, (asks, _) in _MEASURES.items()
         if asks.search(question) and name not in _TIME_MEASURES and name not in _COUNT_MEASURES),
        "",
    )


# The moment a before-question asks about: the words its 前 closes (下井前 → 下井, 检修开关前 →
# 检修 开关, 上岗前 → 上岗), and how a rule names that moment: 入井前，应当进行防爆检查; 检修或者
# 搬迁前，必须切断上级电源; …签字确认后方可入井; 经培训合格后，方可上岗作业.
_BEFORE_AT = re.compile(r"(?:之|以)?前")
MOMENT_SPAN = 4  # a word ending this many characters before 前 at most (检修 in 检修开关前)


def asked_moment(question: str, concepts: tuple[Concept, ...]) -> tuple[str, ...]:
    """The words (with their synonyms) of the act a before-question asks what to do before, ()
    for none. `concepts` are the question's words with their positions in `question`."""
    found = _ASKS_BEFORE.search(question)
    at = _BEFORE_AT.search(question, 0, found.end()) if found else None
    if at is None:
        return ()
    # …the word itself when the segmenter ran 前 into it (上岗前 → 上岗), its parts not twice
    near = [
        c for c in concepts
        if at.start() - MOMENT_SPAN <= c.start and c.end <= at.start()
        and not re.search(r"[^\u4e00-\u9fff]", question[c.start : at.start()])  # not across a pause
    ]
    words = [c for c in near if not any(o is not c and o.start <= c.start and c.end <= o.end for o in near)]
    forms = dict.fromkeys(form for c in words for form in c.surface_forms())
    return tuple(forms)


def ties_moment(text: str, moment: tuple[str, ...]) -> bool:
    """Whether a sentence of `text` prescribes for the moment asked: before it (入井前，… / 检修或者
    搬迁前，…) or as what must come first (…后方可入井). A one-character word (开之前) counts only
    right before 前: 开 is in every 开采."""
    for form in moment:
        word = re.escape(form)
        gap = "" if len(form) == 1 else r"[^，,。；;：:]{0,6}?"
        if re.search(rf"{word}{gap}(?:之|以)?前(?![方进端面部])|(?:方可|方准|才能|才可|才准|后再){gap}{word}", text):
            return True
    return False


# The act a duty question asks who does: what follows 谁 (由谁送, 谁来护理, 向谁报告, 谁批), less
# the helper words of speech (来, 去, 先). A worker says it in one everyday character where the
# rule says it in a compound (送 → 运送, 批 → 审批), so a sentence holds the act when it holds the
# word as a part of its own. Words that name no act of their own (谁来做, 谁管, 谁出) are dropped.
_ASKED_ACT = re.compile(
    r"谁(?:来|去|先|要|能|会|应该|应当|得|负责|给)*([\u4e00-\u9fff]{1,6}?)(?:[吗呢啊呀吧么]*)(?=[\s，,。？?！!；;]|$)"
)
_NO_ACT = re.compile(r"[做干弄办搞是有出管]|负责|说了算|责任人|头一个责任人|[\u4e00-\u9fff]*责任人")


# Who pays (谁出钱, 钱谁出, 谁来出, 谁赔, 谁掏): the act is paying, which the rule says in its words.
_ASKS_PAYER = re.compile(
    r"谁来?(?:出钱|掏钱|付钱|出(?![去来面发现口入事])|掏|付|赔|报销|承担|负担)|(?:出|掏|付|花)钱|钱[^，,。？?\s]{0,4}谁"
)
PAYING = ("支付", "承担", "负担", "缴纳", "经费", "费用", "赔偿")
# Who decides (谁说了算, 谁来定, 谁决定): the act is deciding, which the rule says as 由X确定/决定.
_ASKS_DECIDER = re.compile(r"谁(?:说了算|来?定(?![期时点位])|来?决定|来?拍板)")
DECIDING = ("确定", "决定")
# Who minds a machine or a place (谁看着开, 谁盯着, 谁守着): the rule puts it in charge of someone
# (由专职司机负责, 设专人看管) or says who operates it.
_ASKS_MINDER = re.compile(r"谁(?:来|去|在|要|负责)?(?:看着|盯着|守着|看管|照看|管着)")
MINDING = ("负责", "操作", "值守", "看管", "监护", "值班")


# Who holds a role (消防安全责任人是谁, 谁是头一个责任人): the rule names him as it (主要负责人是本单位的
# 消防安全责任人), not by what he must do.
_ASKS_HOLDER = re.compile(r"(?:责任人|负责人)(?:到底)?(?:是谁|是哪个|是哪位)|谁是[^，,。？?\s]{0,8}(?:责任人|负责人)")
HOLDING = ("是责任人", "是负责人")
_HOLDS = re.compile(r"是[^。；，,]{0,16}?(?:责任人|负责人)")


def asked_act(question: str, concepts: tuple[Concept, ...]) -> tuple[str, ...]:
    """The words (with their synonyms) of the act a duty question asks who does, () for none.
    `concepts` are the question's words with their positions in `question`."""
    if _ASKS_HOLDER.search(question):
        return HOLDING
    if _ASKS_PAYER.search(question):
        return PAYING
    if _ASKS_DECIDER.search(question):
        return DECIDING
    if _ASKS_MINDER.search(question):
        return MINDING
    found = _ASKED_ACT.search(question)
    if not found:
        return ()
    start, end = found.span(1)
    # a word said twice (往工作面送 谁送) is placed where it is first said: found by its text
    forms = dict.fromkeys(
        form
        for c in concepts
        if (start <= c.start and c.end <= end or question.find(c.term, start, end) >= 0)
        and not _NO_ACT.fullmatch(c.term)
        for form in c.surface_forms()
    )
    # 谁看着开: 看着 names it; the lone 开 would be in every 开采.
    longer = tuple(form for form in forms if len(form) > 1)
    return longer or tuple(forms)


def ties_act(text: str, act: tuple[str, ...]) -> bool:
    """Whether a sentence of `text` binds a party to the act asked (数码电子雷管必须由爆破员亲自运送
    for 由谁送; kb.parties.binds), not only names a party or only the act (从工伤保险基金按月支付生活
    护理费 binds nobody to 护理)."""
    if act == HOLDING:
        return _HOLDS.search(text) is not None  # 主要负责人是本单位的消防安全责任人
    return bool(act) and binds_in(text, "", ANY, act)


# Questions about rights, eligibility and legal duties: the law settles them first.
_RIGHTS = re.compile(
    r"权|工伤|女|怀孕|孕|哺乳|产假|未成年|不满|岁|辞|开除|解除|合同|工资|加班|假|补偿|赔|社保|保险|职业病|"
    r"劳保|劳动防护|派遣|体检|举报|冒险|违章指挥|拒绝|罚|持证|资格|上岗"
)


def asks_rights(text: str) -> bool:
    """Whether a question is about rights, eligibility or a legal duty (the law answers first)."""
    return bool(_RIGHTS.search(text))


# -- reading an article for the kind of fact asked ---------------------------------

VALUE_KINDS = frozenset({"time", "quantity", "count"})
ACTIONS_PRESCRIBED = 2  # an action sentence prescribing at least this many actions is firm
STATES_WEIGHT = 0.5  # a sentence stating the kind asked counts this much more
LIST_ITEMS = 6  # a list head (…如下：) is read with up to this many following items
_TABLE_TITLE = re.compile(r"^表\s*[0-9０-９]+[^\n|]{0,40}", re.MULTILINE)
_TABLE_MENTION = re.compile(r"表\s*[0-9０-９]+")


_ITEM = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])")


def list_heads(text: str, bounds: list[tuple[int, int]]) -> dict[int, int]:
    """Sentence index of each list item (（六）在上下班途中…) → the index of the sentence that
    introduces its list (职工有下列情形之一的，应当认定为工伤：)."""
    heads: dict[int, int] = {}
    head = -1
    for i, (start, end) in enumerate(bounds):
        sentence = text[start:end]
        if head >= 0 and i - head <= 2 * LIST_ITEMS and _ITEM.match(sentence):
            heads[i] = head
        elif sentence.rstrip().endswith((":", "：")):
            head = i
        else:
            head = -1
    return heads


def item_states(kind: str, head: str, item: str, negative: bool | None = False) -> float:
    """0, or how firmly a list item states the kind asked through the sentence introducing it
    (the item 在上下班途中，受到交通事故伤害的 is a case of 应当认定为工伤)."""
    if not kind or kind in VALUE_KINDS or not states(kind, head.rsplit("：", 1)[0].rsplit(":", 1)[0]):
        return 0.0  # a value must be in the item itself
    return firmness(kind, head + item, negative)


def is_table_row(sentence: str) -> bool:
    """A row of a table (| a | b), a comment or a formula: OCR-recovered, possibly garbled."""
    stripped = sentence.strip()
    return stripped.startswith(("|", "<!--", "$$")) or stripped.count("|") >= 2


_OCR_MARK = re.compile(r"<!--\s*OCR|\|\s*列\d+\s*\|")
_RULE_ROW = re.compile(r"^[\s|:：-]+$")


def readable_table(text: str) -> tuple[list[str], list[list[str]]] | None:
    """The header and rows of an article's table when it reads as written: no OCR marker, no
    placeholder header (列1), every row as wide as the header and no cell empty. None for a
    table OCR recovered (the 规程's), which may be garbled and is never quoted."""
    if _OCR_MARK.search(text):
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if not _RULE_ROW.match(line)]
    if len(cells) < 2 or any(len(row) != len(cells[0]) or not all(row) for row in cells):
        return None
    return cells[0], cells[1:]


def table_answer(text: str, weights: Weights, parts: tuple[Concept, ...] = ()) -> str:
    """The row of a readable table that holds most of the question's subject, written out with
    its column names (工种：掘进工，额定防护时间：45min); "" when the table is not readable or no
    row holds any of the subject."""
    table = readable_table(text)
    if table is None:
        return ""
    header, rows = table
    inside = _parts_of(weights, parts)
    scored = [(_coverage(weights, inside, " ".join(row).lower()), i) for i, row in enumerate(rows)]
    best, index = max(scored)
    if best <= 0:
        return ""
    return "，".join(f"{name}：{cell}" for name, cell in zip(header, rows[index], strict=True)) + "。"


@dataclass(frozen=True)
class Reading:
    """How one article answers a question of a given kind."""

    best: int = -1  # index (into kb.highlight.sentences) of the answering sentence, -1 for none
    coverage: float = 0.0  # the share of the question's words that sentence holds
    prose: float = 0.0  # the best share any prose sentence holds
    stated: bool = False  # the answering sentence states the kind of fact asked
    stated_coverage: float = 0.0  # the best share a sentence stating the kind asked holds
    table: float = 0.0  # the share the article's table rows hold together
    table_title: str = ""  # 表6 井巷中的允许风流速度
    in_table: bool = False  # the value asked for lives in the article's (OCR) table
    lead: float = 0.0  # the share of the subject in the condition a sentence prescribes for (kb.kinds.lead_of)

    @property
    def fits(self) -> bool:
        """The article states the kind of fact asked about the question's subject."""
        return self.in_table or (self.stated and self.coverage > 0)

    @property
    def strength(self) -> float:
        """0–1: how much of the question's subject the sentence stating the fact holds."""
        return max(self.stated_coverage, self.table if self.in_table else 0.0)


SUBWORD_CREDIT = 0.7  # a question word found only as its parts (瓦斯检查员 → 检查 … 甲烷)


def subject_coverage(weights: Weights, parts: tuple[Concept, ...], haystack: str) -> float:
    """kb.scoring.concept_coverage, where a long question word the text does not hold still
    counts SUBWORD_CREDIT when every part of it (or a synonym of the part) is there: workers
    run words together (瓦斯检查员, 浓度多少) that rules write apart."""
    return _coverage(weights, _parts_of(weights, parts), haystack)


def _parts_of(weights: Weights, parts: tuple[Concept, ...]) -> dict[str, list[Concept]]:
    """Each question word's sub-words (瓦斯检查 → 瓦斯, 检查), computed once per article read."""
    return {c.term: [p for p in parts if not p.maximal and p.term in c.term] for c, _ in weights}


def _coverage(weights: Weights, inside: dict[str, list[Concept]], haystack: str) -> float:
    got = 0.0
    for concept, weight in weights:
        if concept.term in haystack:
            got += weight
        elif any(alt in haystack for alt, _ in concept.alternatives):
            got += weight * SYNONYM_CREDIT
        elif (subs := inside.get(concept.term)) and all(any(f in haystack for f in p.surface_forms()) for p in subs):
            got += weight * SUBWORD_CREDIT
    return got


# A prescription of what to do, and the condition before it: a clause ending at a comma (at most
# a short subject between it and the prescription) or in 时/后/前/的 right before it (a stopped fan: 在恢复通风前，
# 必须先查瓦斯; 有冲击地压危险时，应当立即停止作业; …时，该风机范围内应当停止工作;
# 发生突出的必须…).
_PRESCRIBES = re.compile(r"必须|应当|应该|立即|严禁|不得|禁止|有权")
_CONDITION_END = re.compile(r"(?:[，,][^，,。；：:]{0,30}|[时后前的])$")
_GENERAL_RULES = re.compile(r"^(?:必须|应当|应)(?:遵守|符合|执行)(?:下列|以下)")
LEAD_KINDS = frozenset({"action"})


# How much of a condition is the question's subject: a face's 二氧化碳 reaching 1.5% (…二氧化碳…1.5%时) is about
# 二氧化碳超标; 回风巷风流中甲烷到1.0%或者二氧化碳到1.5%时 about more
# besides. A condition this dense in the subject's words counts fully; a sparse one down to FOCUS_FLOOR.
FOCUS_FLOOR = 0.5
FULL_FOCUS = 0.5
_WORD_CHAR = re.compile(r"[0-9a-zA-Z\u4e00-\u9fff]")


def focus_of(weights: Weights, inside: dict[str, list[Concept]], condition: str) -> float:
    """0–1: the share of a condition's characters that are the question's words (or their
    synonyms, or the parts of a long word the condition writes apart)."""
    lowered = condition.lower()
    covered = [False] * len(lowered)
    for concept, _ in weights:
        forms = [concept.term, *(alt for alt, _ in concept.alternatives)]
        forms += [f for p in inside.get(concept.term, ()) for f in p.surface_forms()]
        for form in forms:
            start = lowered.find(form) if form else -1
            while start >= 0:
                covered[start : start + len(form)] = [True] * len(form)
                start = lowered.find(form, start + len(form))
    chars = [i for i, ch in enumerate(lowered) if _WORD_CHAR.match(ch)]
    return sum(covered[i] for i in chars) / len(chars) if chars else 0.0


# A value the question gives (瓦斯1.5%怎么办) is its subject's only where the condition gives it to a word
# of the question: 甲烷到1.5%时 holds it, 甲烷到1.0%或者二氧化碳到1.5%时 gives 1.5% to
# 二氧化碳 (the words since the last 、/或者/和 before the value name none of the question's).
_VALUE = re.compile(r"\d+(?:\.\d+)?")
_ALTERNATIVE = re.compile(r"[、，,；;：:]|或者|或|和|及|以及|并且")


def unbound_values(weights: Weights, condition: str) -> str:
    """`condition` (lower-cased) with each value of the question blanked where it is no question
    word's value (another measure's, or a digit of a longer number: 2 in 20m)."""
    values = [c for c, _ in weights if _VALUE.fullmatch(c.term)]
    if not values:
        return condition
    words = [form for c, _ in weights if not _VALUE.fullmatch(c.term) for form in (c.term, *(a for a, _ in c.alternatives))]
    text = condition
    for value in values:
        for found in re.finditer(re.escape(value.term), condition):
            start, end = found.span()
            whole = _VALUE.match(condition, start)
            proper = (start == 0 or not re.match(r"[\d.]", condition[start - 1])) and whole and whole.end() in (
                end, end + 2 if condition[end : end + 2] == ".0" else end
            )
            since = max((m.end() for m in _ALTERNATIVE.finditer(condition, 0, start)), default=0)
            if not (proper and any(form and form in condition[since:start] for form in words)):
                text = text[:start] + "#" * (end - start) + text[end:]
    return text


# A prescription opening with its act (必须停止用电作业, 应当立即报告) is what to do for its condition,
# however few acts it names: firm, not an act named in passing (不能断电).
_OPENS_WITH_ACT = re.compile(r"^(?:必须|应当|应|立即)(?:立即|及时|首先|先)?(?:停止|撤出|撤离|切断|报告|关闭|封闭|启动|救援|抢救|汇报|通知)")


def prescribed_firmness(kind: str, prescribed: str, negative: bool | None = False, measure: str = "") -> float:
    """firmness of what a condition's sentence prescribes, at least ACTION_FIRM when it opens with an act."""
    firm = firmness(kind, prescribed, negative, measure)
    return max(firm, ACTION_FIRM) if kind == "action" and _OPENS_WITH_ACT.match(prescribed) else firm


def lead_of(kind: str, sentence: str) -> tuple[str, str]:
    """(the condition, the prescription) of a sentence that prescribes what to do for a condition
    of its own; ("", "") for a rule with no condition before it (冲击地压矿井必须进行…监测) or one
    that only refers to a list of rules (安装和使用局部通风机时，必须遵守下列规定：)."""
    if kind not in LEAD_KINDS:
        return "", ""
    opening = 0  # a condition starts after the clause of an earlier prescription
    for found in _PRESCRIBES.finditer(sentence):
        lead, rest = sentence[opening : found.start()], sentence[found.start() :]
        if _CONDITION_END.search(lead):
            return ("", "") if _GENERAL_RULES.match(rest) else (lead, rest)
        comma = re.search(r"[，,]", sentence[found.end() :])
        opening = found.end() + comma.end() if comma else len(sentence)
    return "", ""


def read_article(  # noqa: PLR0913 - the article and everything the question asks of it
    text: str, weights: Weights, kind: str, parts: tuple[Concept, ...] = (), negative: bool | None = False, measure: str = ""
) -> Reading:
    """Find the sentence of `text` that best states the kind of fact asked about the subject
    (`parts`: every word of the question, the sub-words of long ones included; `measure`: what a
    quantity question measures, asked_measure)."""
    total = sum(w for _, w in weights) or 1.0
    inside = _parts_of(weights, parts)
    lowered = text.lower()
    bounds = sentences(text)
    best, best_value, best_cover, best_stated, prose, stated_cover = -1, 0.0, 0.0, False, 0.0, 0.0
    lead = 0.0
    rows: list[str] = []
    heads = list_heads(text, bounds) if kind else {}
    for i, (start, end) in enumerate(bounds):
        sentence = text[start:end]
        if is_table_row(sentence):
            rows.append(lowered[start:end])
            continue
        cover = _coverage(weights, inside, lowered[start:end]) / total
        prose = max(prose, cover)
        window = sentence
        if sentence.rstrip().endswith((":", "：")):
            window = text[start : bounds[min(len(bounds), i + 1 + LIST_ITEMS) - 1][1]]
        stated = bool(kind) and states(kind, window, measure)
        if stated:
            stated_cover = max(stated_cover, cover * firmness(kind, window, negative, measure))
            condition, prescribed = lead_of(kind, sentence)
            if condition:
                # A clause after ； keeps the conditions its sentence opened with; the condition
                # counts as firmly as the rest prescribes (停止工作，撤出人员 over 应当切断输出).
                opening = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
                held_text = unbound_values(weights, (text[opening:start] + condition).lower())
                held = _coverage(weights, inside, held_text) / total
                focus = focus_of(weights, inside, unbound_values(weights, condition.lower()))
                focus = FOCUS_FLOOR + (1 - FOCUS_FLOOR) * min(1.0, focus / FULL_FOCUS)
                lead = max(lead, held * prescribed_firmness(kind, prescribed, negative, measure) * focus)
        elif i in heads:
            # The item says its case, the head what the case is (应当认定为工伤：…在上下班途中…).
            head = text[bounds[heads[i]][0] : bounds[heads[i]][1]]
            inherited = item_states(kind, head, sentence, negative)
            if inherited > 0:
                stated = True
                cover = max(cover, _coverage(weights, inside, (head + sentence).lower()) / total)
                stated_cover = max(stated_cover, cover * inherited)
        value = cover * (1 + STATES_WEIGHT * stated) + 0.01 / (i + 1)
        if value > best_value:
            best, best_value, best_cover, best_stated = i, value, cover, stated
    table = 0.0
    title = ""
    in_table = False
    if rows:
        title_match = _TABLE_TITLE.search(text)
        title = title_match.group(0).strip() if title_match else ""
        table = _coverage(weights, inside, "\n".join([title.lower(), *rows])) / total
        mentions = best >= 0 and bool(_TABLE_MENTION.search(text[bounds[best][0] : bounds[best][1]]))
        in_table = kind in VALUE_KINDS and table > 0 and (table > prose or (mentions and table >= prose * 0.8))
    return Reading(best, best_cover, prose, best_stated, stated_cover, table, title, in_table, lead)
