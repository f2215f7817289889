"""Reading an article for question material: clean sentences, numbers with units, duty-bearers, lists.

Everything here is shared by the theory generators; the verifier keeps its own readers so a
bug here cannot hide itself. Table rows, OCR comments and formulas are dropped before any
sentence is cut, so no question can quote a garbled table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from corpus.numerals import parse_chinese_number, to_chinese_number

# A duty laid on a party by 由 (…维护保养义务由特种设备出租单位承担, 由共有人…履行管理义务) is a rule without a modal.
ALLOCATED = re.compile(r"义务由([^，。；]{2,30}?)承担|由([^，。；]{2,30}?)履行[^，。；]{0,8}义务")
NORMATIVE = re.compile(
    r"应当|必须|不得|严禁|禁止|有权|不准|负责|\d|[一二三四五六七八九十两]+(?:日|年|个月|小时|学时|人|次)|" + ALLOCATED.pattern
)
# Articles that state purpose, scope, entry into force, repeal or who interprets: never asked. 制定本 only before the
# document itself (…，制定本法/本条例); 应当制定本单位…应急救援预案 or 组织制定本行政区域内…预案 is a duty.
_NOT_WORTH = re.compile(
    r"^为了|制定本(?:法|条例|规定|细则|办法|规程|标准|准则|实施)|自\d{4}年\d+月\d+日起施行|起施行|同时废止|予以废止|负责解释|解释权|本法所称|本条例所称|本规定所称|本细则所称|本办法所称|下列用语的含义|参照本"
)
_DROP_LINE = re.compile(r"^\||<!--|\$|\\[a-z(\[]|^表\s*\d+|^注[:：]|^图\s*\d+")
# 以下 refers to what follows only at a clause's head or before a noun of rules (以下区域…, 以下规定); after a figure or
# a place it is a bound (降至2MPa以下后，方可开工建设; 进风井口以下的空气温度) and the sentence stands alone.
_DEPENDENT = re.compile(
    r"(?<!应)该|表\s*\d|附录|所称|是指|前款|前项|前两款|前三款|本款|上述|下列|如下|前述|该条|同款|前条|本条第|同条|"
    r"(?:^|[，；、（(])以下|以下(?:简称|统称|各|几|列|规定|要求|情形|内容|条件|事项|措施|区域|地点|人员)"
)
# A definition in brackets (（以下简称特种作业操作证）, （干球温度，下同）, （含实际控制人，下同）) names a term for the rest of
# the document; cut from a sentence, the rule it sits in reads alone. The verifier reads the article with them cut too.
DEFINITION = re.compile(r"（(?:以下(?:简称|统称)[^（）。；]{1,24}|[^（）。；]{1,24}，下同)）")
_DEPENDENT_START = re.compile(
    r"^(?:但|并|同时|其|该|此|这|否则|或者|且|也|以及|和|对此|为此|按照前|依照前|除外|经|因此)"
)
_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
# A sentence that bounds a distance or spacing to something without naming what it is measured from (与电杆距离不得小于5m,
# 距巷道壁不得小于0.5m): its subject is in a table's heading or a sentence further back (blind read 9, T32, 规程 第五百七十八条:
# the 松动爆破区's distance, printed after a sentence about vehicles). A place given by a distance (距离喷浆作业点下风流
# 100m内，应当设置…) is no such sentence.
ELIDED_RELATION = re.compile(
    r"^(?:与|距离|距|离)[^，。；\d]{1,16}?(?:的)?(?:距离|间距)?(?:应当|必须|应|均)?(?:不得|不应|不)?"
    r"(?:小于|大于|超过|低于|少于|多于|高于)"
)
# A sentence opening with when the article applies: 修复旧井巷时，… / 开采突出煤层前，… / 检修期间，…
_OPENING_CONDITION = re.compile(r"^[^，。；;“”]{2,30}?(?:时|前|以前|之前|期间|过程中)，")
_CONDITION_THEN_MODAL = re.compile(r"^[^，。；;“”]{2,30}?(?:时|前|以前|之前|期间|过程中)，(?:必须|应当|严禁|不得|禁止|应|须)")
# A paragraph after a list that says when it applies, then binds or bans (处置堵仓时，严禁人员从下方进入; a chairlift
# sharing an inclined roadway with a belt conveyor …时，必须 be kept apart from it), or bans outright (严禁水枪司机在无支护条件下作业): a rule of its own.
_OWN_CASE_AFTER_LIST = re.compile(
    r"^(?:[^，。；;“”]{2,30}?(?:时|前|以前|之前|期间|过程中)，(?:必须|应当|严禁|不得|禁止|不准)|严禁|禁止|不准)"
)
_FULL_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")

# Units written after Chinese numerals too (三十日, 五学时); longer units first within each group.
CHINESE_UNITS = ("学时", "小时", "分钟", "个工作日", "工作日", "日", "天", "周", "个月", "年", "人", "名", "次", "倍",
                 "万元", "元", "米", "吨")
# Compound units (issue 16) as written in the corpus: an air or water flow (m³/min, m3/h), a concentration (mg/m³),
# a speed (cm/s), an acceleration (m/s²), a noise level (dB(A)), a water-inrush coefficient (MPa/m); a superscript
# written as a digit (m3) is the same unit; an energy (kW·h) is one unit, never kW with ·h left in the stem (blind read 18).
SYMBOL_UNITS = ("m³/min", "m3/min", "m³/h", "m3/h", "m³/s", "m3/s", "m³/t", "m3/t", "mg/m³", "mg/m3", "kg/m³", "kg/m3",
                "L/min", "t/h", "m/s²", "m/s2", "m/s", "cm/s", "km/h", "dB(A)", "dB（A）", "MPa/m", "MPa", "kPa", "kV", "kW·h", "kW", "km",
                "mm", "cm", "m³", "m3", "m²", "m", "%", "‰", "℃", "min", "h", "s", "t", "kg", "V")
# Units written after Arabic numerals (20m, 1.5%, 3天).
ARABIC_UNITS = SYMBOL_UNITS + CHINESE_UNITS + ("台", "处", "°")
# Units counted in whole numbers: 1.5次 or 2.5人 would be a giveaway distractor.
COUNT_UNITS = ("次", "人", "名", "台", "处", "倍", "个工作日", "工作日", "个月", "周", "学时", "天", "日", "年")
_RANGE_MARKS = set("～~－-—至")
_LINE_ENDS = ("。", "；", ";", "：", ":", "！", "？", "!", "?")
_LATIN_UNIT = re.compile(r"[A-Za-z]")
AR_UNIT_PATTERN = "|".join(re.escape(u) for u in ARABIC_UNITS)
CN_UNIT_PATTERN = "|".join(re.escape(u) for u in CHINESE_UNITS)
# A model or a standard's number is no quantity: 12V-200 (an engine), a unit run into a hyphen and digits; nor is one
# half of a pair naming a system (380V/220V), nor a figure before a compound unit not listed (5kg/m, 2L/(s·m), 3N·m).
_ARABIC = re.compile(
    rf"(?<![\d.A-Za-z〔（(/])(\d+(?:\.\d+)?)\s?({AR_UNIT_PATTERN})(?![A-Za-z0-9²³·]|/[A-Za-z(（\d]|[-－]\d)"
)
_CHINESE = re.compile(rf"(?<![第上下统单唯同万逐之])([一二两三四五六七八九十百千]+)({CN_UNIT_PATTERN})")
# A quantity followed by one of these is part of a word, not a quantity (一次性, 一人一档 …).
_CN_AFTER_BAD = re.compile(r"^(?:性|一|化)")
# 二次 is "secondary" (二次冒顶, 二次突水: a count would be 两次), and 一次 before a verb is "in one go"
# (全断面一次爆破) unless a count is being made: 每班至少检查一次, 进行一次, 一次以上.
_COUNT_CUE = re.compile(r"每|至少|不少于|不超过|超过|少于|多于|最多|累计|连续|进行|组织|开展|检查|测定|试验|校验|年|月|周|日|班")
_COUNT_AFTER = re.compile(r"^(?:以上|以下|及以上|[，,。；;、）)]|$)")
# Sentences with no duty-bearer of their own: the subject is in an earlier sentence or a heading.
# 负责…的部门 at the head names a party (负责特种设备安全监督管理的部门应当…), not a duty without one.
_NO_SUBJECT_START = re.compile(
    r"^(?:应当|应(?!急|用|力|变|答|聘)|必须|须|可以|负责(?![^，。；]{1,30}?的(?:部门|机构|单位))|有权|对|向|按照|依照|定期|及时|立即|做好|加强|建立|制定|组织|落实|保证|确保|推广)"
)

# Duty-bearers fall into classes that never overlap in law: the state, employers with their
# managers, workers, the union. A distractor is only ever taken from another class, because
# within one class a broader party (生产经营单位) also covers a narrower one (煤矿企业).
SUBJECT_TAILS = (
    "生产经营单位",
    "用人单位",
    "企业",
    "单位",
    "煤矿",
    "机构",
    "工会",
    "部门",
    "人民政府",
    "政府",
    "主要负责人",
    "负责人",
    "从业人员",
    "人员",
    "矿长",
    "职工",
    "劳动者",
    "总工程师",
    "班组长",
    "工人",
)
_STATE = (
    "人民政府",
    "国务院",
    "主管部门",
    "监督管理部门",
    "监察",
    "行政部门",
    "公安",
    "人民法院",
    "人民检察院",
    "有关部门",
    "监督检查",
    "管理部门",
    "考核发证",
    "机关",
    "中央",
)
_EMPLOYER = ("单位", "企业", "煤矿", "矿山", "负责人", "矿长", "总工程师", "管理人员", "班组长")
_WORKER = (
    "从业人员",
    "劳动者",
    "职工",
    "工人",
    "作业人员",
    "入井人员",
    "下井人员",
    "井下工作人员",
    "爆破工",
    "司机",
    "瓦斯检查工",
)
SUBJECT_CLASSES = ("state", "employer", "worker", "union")
_PERSON_TAILS = ("人员", "负责人", "矿长", "总工程师", "班组长", "劳动者", "职工", "工人", "司机", "工")
_SUBJECT_TAILS = "|".join(sorted(SUBJECT_TAILS, key=len, reverse=True))
_SUBJECT = re.compile(rf"^([\u4e00-\u9fa5、]{{0,22}}?(?:{_SUBJECT_TAILS}))(应当|必须|不得|有权|严禁|负责(?!人|[^，。；]{{1,30}}?的部门))")
# A false statement turns a prohibition into a permission (严禁 → 允许, 不得 → 可以 or 允许 at the head), a duty
# into a dispensation (必须/应当 → 不必) or a right into none; 应当 → 可以 is too weak to teach anything.
_MODALS = {"严禁": "允许", "禁止": "允许", "不准": "允许", "不得": "可以", "必须": "不必", "应当": "不必", "有权": "无权"}
_DUTIES = ("必须", "应当")
# A duty is made a dispensation only when it is an act a worker might skip to save time: a check, a measurement,
# protective gear carried or worn, a report, a warning posted, people withdrawn, power cut, a thing marked or recorded before
# it is moved (入井人员必须随身携带自救器, 修复旧井巷时，必须首先检查瓦斯, 需要移动事故现场物件的，应当做出标志…). A duty to know, master, learn, comply, plan or do something "well" (必须熟练掌握自救器的使用方法,
# 应当严格落实岗位安全责任, 必须编制专门措施, 必须全力做好应急救援: blind read 4, T15 T28 T36 T13) turned into
# 不必 is believed by nobody and teaches nothing; the verb after the modal tells them apart.
_SKIPPABLE_ACT = re.compile(
    r"^(?:先|首先|事先|超前|提前|立即|及时|随时|经常|亲自|逐一|逐项|定期|每班|每次|当班|在现场)?"
    r"(?:对[^，。；]{1,24}?|向[^，。；]{1,24}?|将[^，。；]{1,40}?)?(?:进行)?(?:定期|全面|自行)?(?:进行)?"
    r"(?:检查|检测|测定|测量|复查|巡查|巡视|观测|探测|探放水|探水|敲帮问顶|佩戴|戴|穿|随身携带|携带|汇报|报告|"
    r"通知|撤出|撤离|撤人|停电|断电|切断|闭锁|验电|放电|洒水|喷雾|冲洗|清理|清除|支护|设置警戒|警戒|悬挂|"
    r"张贴|置于|填写|记录|签字|确认|核对|交接|检验|校验|检修|维护保养|[做作]出(?:标志|标记|书面记录|记录))"
)
# When a duty recurs (每年雨季前, 每班, 每次爆破前): said of a dispensation (煤矿每年雨季前不必…进行全面检查, managers'
# blind read 6, T27) it contradicts itself, as 最长不少于 does of a bound, and is rejected on sight.
_RECURRENCE = re.compile(r"每(?:年|季度?|月|周|旬|天|日|班|次|小班)")
# A prohibition before a bound (不得低于5m, 不得超过3m3) is a limit: a changed figure asks it, 可以低于5m is no rule.
_BOUND_NEXT = re.compile(r"^(?:低于|高于|超过|超出|小于|大于|少于|多于)")
# 不得以任何理由扣押 → 可以以任何理由扣押 is believed by nobody (author's read of seed 4242, 培训规定 第四十三条).
_ANY_NEXT = re.compile(r"^(?:以)?任何")
_NAMED_BY = {"明令", "明文", "依法"}
# An act the word itself condemns (擅自, 随意, 乱放, 谎报, 隐瞒, 破坏 …), or a state no one chooses (渗漏水, 遭受淋水):
# 可以擅自开采保安煤柱, 可以隐瞒或者欺骗, 可以遭受淋水 (author's read of the seed-1 run) are believed by nobody.
_PEJORATIVE = re.compile(
    r"^[^，。；]{0,12}?(?:擅自|随意|乱|谎报|瞒报|迟报|漏报|隐瞒|欺骗|破坏|毁灭|阻挠|干涉|阻碍|篡改|销毁|伪造|危害|扰乱|"
    r"渗漏|遭受|受潮)"
)
# An outcome nobody wants as the thing a ban keeps from happening (不得妨碍运输, 不得影响局部通风, 不得损伤电缆, 不得采用可能危及
# 相邻煤矿生产安全的…方法, 严禁留大煤柱影响邻近层开采): made a permission (铁门全部敞开时，可以妨碍运输) it allows a harm, which
# no one believes and which teaches nothing (genfix, issue 16). Unlike `_PEJORATIVE` it does not make the ban worth stating
# true (`condemned_ban`): 不得妨碍运输 states the obvious.
_HARM = re.compile(
    r"^[^，。；]{0,12}?(?:妨碍|影响|损坏|损伤|损害|危及|威胁|伤害|伤及|堵塞|阻塞|淤塞|污染|诱发|降低|漏水|积水)"
)
# A hazard the same sentence guards against, and the guard (blind read 11, T17: 站内严禁烟火，必须备有急救和消防器材): made a
# permission (站内允许烟火，必须备有…消防器材) the statement sets the hazard beside its own guard and gives the change away.
# Fire beside fire-fighting gear; going in beside a barrier or a warning that keeps people out.
_GUARDED = (
    (re.compile(r"^[^，。；]{0,6}?(?:烟火|明火|吸烟|火种|动火|点火|焊接|电焊|气焊|烟草)"), re.compile(r"消防|灭火|防火")),
    (re.compile(r"^[^，。；]{0,8}?(?:进入|入内|通行|逗留|停留)"), re.compile(r"栅栏|警标|警戒|警示")),
)


def guarded_hazard(sentence: str, index: int, modal: str) -> bool:
    """Whether the act a prohibition at `index` bans is a hazard the same sentence guards against (`_GUARDED`)."""
    after = sentence[index + len(modal) :]
    return any(act.match(after) and guard.search(sentence) for act, guard in _GUARDED)


# A thing the sentence itself condemns, used or kept (使用应当淘汰的…设备, 使用不合格的…, 国家明令禁止的…): 可以使用应当淘汰的
# 设备 contradicts itself and gives the change away (blind read 6, T22), as 可以擅自… does.
_CONDEMNED_OBJECT = re.compile(
    r"^[^，。；]{0,12}?(?:应当淘汰|应予淘汰|已经淘汰|淘汰的|明令禁止|禁止使用的|不合格|不符合|违章|违规|违法|非法|报废的|失效|过期|超期)"
)
# A limit turned round, and the action to take reversed.
LIMIT_FLIPS = {"不少于": "不多于", "不低于": "不高于", "不大于": "不小于", "不小于": "不大于", "不超过": "不少于"}
ACTION_FLIPS = {"停止作业": "继续作业", "停止工作": "继续工作", "停止运转": "继续运转", "停止掘进": "继续掘进",
                "停止采煤": "继续采煤", "停止装药": "继续装药", "停止生产": "继续生产", "停止使用": "继续使用",
                "撤出人员": "留下人员", "立即撤出": "留守观察"}
# An action reversed under its duty reads as a shortcut only with the duty made a permission: 挖掘机必须停止作业 →
# 挖掘机可以继续作业, not the absurd 必须继续作业 (blind read 4, T20).
_DUTY_BEFORE_ACTION = re.compile(r"(?:必须|应当|应)(?:立即)?$")
_WITHDRAWAL_AFTER = re.compile(r"^(?:[，、]|并)(?:立即)?撤出[^，。；]{0,8}?人员")
# Where a thing must be set (机电设备硐室应当设在进风风流中): the other airway is the place a careless worker puts it.
PLACE_FLIPS = {"进风巷": "回风巷", "回风巷": "进风巷", "进风流": "回风流", "回风流": "进风流", "进风风流": "回风风流",
               "回风风流": "进风风流", "上风侧": "下风侧", "下风侧": "上风侧", "进风井": "回风井", "回风井": "进风井"}
_PLACED_IN = re.compile(r"(?:设|布置|设置|安设|安装|位于|设立|存放)在[^，。；]{0,12}$")
# A duty to do something "reasonably" or "properly" (应当合理确定封闭范围): flipped to 不必合理确定…, nobody would
# believe it, so the false statement teaches nothing (blind read 3, T3).
_VAGUE_NEXT = re.compile(r"^(?:合理|适当|妥善|科学|认真|切实|有效|加强|做好|全力|完善|积极|尽量|尽可能|逐步|统筹)")
_MODAL_BAD_NEXT = re.compile(r"^(?:符合|具备|具有|是|为|有|由|按照|依照|依法|遵守|在|经|与|及时|予以|保证|保障)")


def canonical_unit(unit: str) -> str:
    """One name for a unit written two ways (m3/min is m³/min, m/s2 is m/s², dB（A） is dB(A)): what a figure is compared
    by."""
    return unit.replace("m3", "m³").replace("s2", "s²").replace("（A）", "(A)")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit inside a sentence: `start`/`end` span the number only."""

    raw: str
    value: Decimal
    unit: str
    style: str  # arabic / chinese
    start: int
    end: int

    @property
    def text(self) -> str:
        """Number and unit as written: 30日, 1.0%."""
        return self.raw + self.unit


@dataclass(frozen=True)
class Enumeration:
    """A lead-in (…下列职责：) and its items （一）…（七）, items without marker and end punctuation."""

    lead: str
    items: tuple[str, ...]


def _lines(text: str) -> list[str]:
    """Lines with hard wraps undone: 工\n作面 in a converted text is one word, not two paragraphs."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        previous = out[-1] if out else ""
        if (
            previous
            and not previous.endswith(_LINE_ENDS)
            and not _DROP_LINE.search(previous)
            and not _DROP_LINE.search(line)
            and not _ITEM.match(line)
        ):
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def clean_paragraphs(text: str) -> list[str]:
    """Paragraphs fit to quote: no table rows, OCR notes, formulas or table captions."""
    return [p for p in _lines(text) if not _DROP_LINE.search(p)]


def worth_asking(text: str) -> bool:
    """A normative article (duty, right, ban, number or time limit) that is not boilerplate."""
    body = "\n".join(clean_paragraphs(text))
    return bool(body) and not _NOT_WORTH.search(body) and bool(NORMATIVE.search(body))


def sentences(text: str) -> list[str]:
    """Self-contained sentences and clauses (cut at 。；) of the clean paragraphs.

    Enumeration items, lead-ins ending with a colon, clauses that lean on a previous one
    (前款, 但, 其 …), sentences without a duty-bearer of their own (应当制定…, 对…) and paragraphs
    after a list item (its continuation, unless it names its own duty-bearer) are left out: as a
    question they would not make sense alone.
    """
    out: list[str] = []
    in_list = False
    paragraphs = clean_paragraphs(text)
    for index, paragraph in enumerate(paragraphs):
        earlier = "".join(paragraphs[:index])
        if re.match(r"^[（(][一二三四五六七八九十]+[)）]|^\d+[.、]", paragraph):
            in_list = True
            continue
        if in_list and not subject(paragraph) and not _OWN_CASE_AFTER_LIST.match(paragraph):
            continue  # after a list item: the item's continuation, or a 款 that leans on the list
        opening = ""  # the first sentence, when the second leans on it
        for position, match in enumerate(_FULL_SENTENCE.finditer(paragraph)):
            sentence = match.group(0).strip()
            if position == 0 and sentence.endswith("。"):
                # It says when the rule applies (修复旧井巷时，…), or the next has no subject of its own.
                following = paragraph[match.end() :]
                if _OPENING_CONDITION.match(sentence) or _CONDITION_THEN_MODAL.match(following):
                    opening = sentence
            elif position == 1 and opening:
                # The next sentence carries it: 修复旧井巷时，必须首先检查瓦斯。当瓦斯积聚时，必须按照规定排放……;
                # 水泵……必须经常检查和维护。在每年雨季之前，必须全面检修1次. Not one that leans on something other than
                # the condition (与电杆距离不得小于5m, 其…): the condition gives it no subject.
                if _DEPENDENT_START.match(sentence) or ELIDED_RELATION.match(sentence):
                    continue
                sentence = opening + sentence
            elif _CONDITION_THEN_MODAL.match(sentence):
                continue  # 在每年雨季之前，必须…: whose duty it is was said further back
            if findings_without_activity(sentence, earlier + paragraph[: match.start()]):
                # 对巡查和了解的情况，应当作出记录: the sentence just before says which 巡查, and is carried when it is short
                # and names it; said further back or at length, the sentence is not asked.
                previous = paragraph[: match.start()].rsplit("。", 2)[-2] + "。" if position > 0 else ""
                if "；" in previous or len(previous + sentence) > 90 or not findings_without_activity(sentence, previous):
                    continue
                sentence = previous + sentence
            clauses = [sentence]
            if len(sentence) > 90:
                # A long sentence is cut at ；and only its first clause, which names who and when, is kept, and a
                # later one that opens on its own case (…；未经…检验的，不得出厂…: the uninspected never leaves the works).
                parts = [m.group(0) for m in _SENTENCE.finditer(sentence)]
                clauses = parts[:1] + [c for c in parts[1:] if _OWN_CASE_RULE.match(c)]
            elif _BARE_CONDITION_RULE.match(sentence):
                # …不能正常使用时必须停机；液压支架和放煤口…必须安装喷雾装置: the first clause is the
                # paragraph's topic's, the next names a thing of its own, so each is asked alone (managers' read 4, T38).
                parts = [m.group(0) for m in _SENTENCE.finditer(sentence)]
                if any(_OWN_HEAD_CLAUSE.match(c) for c in parts[1:]):
                    clauses = parts
            for clause in clauses:
                body = DEFINITION.sub("", clause.rstrip("。；;！？!?"))
                if (case_without_actor(body) and paragraph_party(paragraph, paragraphs[0]) is None
                        and not paragraph.startswith(clause)):
                    continue  # its duty-bearer is said once for the paragraph, by a party `paragraph_party` cannot name
                if _self_contained(body) and (
                    10 <= len(body) <= 110 or position == 1 and opening and len(body) <= 150
                ):
                    out.append(body)
    return out


# The findings of an activity named by its verbs alone (…对调查和了解的情况，应当作出记录, 特种设备安全法 第四十六条; 检查和
# 调整中发现的问题…, 规程 第五百一十九条): which 调查 is meant, and of what, an earlier sentence says (…跟踪调查和了解). Asked
# alone, the rule is about nothing (trainer-narrowed read 1, T10).
_ACTIVITY = r"(?:调查|检查|检验|检测|了解|鉴定|评估|评价|监测|排查|勘查|核查|巡查|观测|探测|调整)"
_FINDINGS_OF = re.compile(
    rf"(?:^|[对将把])({_ACTIVITY}(?:(?:和|及|与|、|或者){_ACTIVITY})*)(?:中发现)?的(?:情况|结果|结论|问题|数据|资料)"
)
_FIRST_RULE = re.compile(r"应当|必须|不得|严禁|禁止|不准|应(?!急|用|力|变|答|聘)|须")


def findings_without_activity(sentence: str, before: str) -> bool:
    """Whether the head of `sentence` (before its first rule word) speaks of the findings of an activity named only by
    its verbs (`_FINDINGS_OF`) that `before`, the text before it, names: the sentence leans on that one."""
    rule = _FIRST_RULE.search(sentence)
    found = _FINDINGS_OF.search(sentence[: rule.start()] if rule else sentence)
    return bool(found) and any(verb in before for verb in re.findall(_ACTIVITY, found.group(1)))


# A case run into its duty with no party of its own (紧急情况下要求有关单位…的，应当随后补发…指令, 特种设备安全法 第六十二条):
# its duty-bearer is the party its paragraph opens with (负责…监督管理的部门在依法履行职责过程中，…), said once for the
# paragraph (trainer-narrowed read 1, T19). A party the case names after an act (要求有关单位) is who the act falls on.
_CASE_THEN_DUTY = re.compile(r"^([^，。；]{2,40}?)的，(?:应当|必须|应|须)")
_A_PARTY = re.compile(rf"(?:{_SUBJECT_TAILS})")
_ACTED_ON = re.compile(r"要求|责令|通知|委托|告知|指派|向|对|将|与|给|由|有关|其他|任何")
_LEADING_PARTY = re.compile(
    rf"^((?:[\u4e00-\u9fa5、]|{DEFINITION.pattern}){{2,30}}?(?:{_SUBJECT_TAILS}))"
    r"(?=在|对|应当|必须|不得|有权|严禁|发现|接到|应(?!急|用|力|变|答|聘)|可以|依照|依法|按照|，)"
)


def case_without_actor(sentence: str) -> bool:
    """Whether `sentence` opens with a case run into its duty (…的，应当…) that names no party acting in it."""
    found = _CASE_THEN_DUTY.match(sentence)
    if not found or subject(sentence):
        return False
    party = _A_PARTY.search(found.group(1))
    return party is None or bool(_ACTED_ON.search(found.group(1)[: party.start()]))


def paragraph_party(paragraph: str, opening: str = "") -> str | None:
    """The party a paragraph's first sentence opens with, as written: one duty-bearer (`subject`; 新建、改建…项目（以下统称
    …）的建设单位 is one, read with its bracketed definition cut) or several together (`_several_named`). "" when neither
    it nor `opening`, the article's first paragraph, opens with one (the article binds the document's addressee
    throughout); None when it opens with one that cannot be read alone (有关单位, or one inside a longer phrase). A
    paragraph that opens with a thing (安全设施设计应当…) takes the party of `opening`, whose duties it goes on with
    (煤矿安全生产条例 第十四条)."""
    found = _LEADING_PARTY.match(re.sub(r"\s+", "", paragraph))
    if not found:
        return paragraph_party(opening) if opening and opening != paragraph else ""
    name = DEFINITION.sub("", found.group(1))
    if subject(name + "应当") or _several_named(name):
        return found.group(1)  # as written, its definition kept: the stem names it as the article does
    return None


def _several_named(name: str) -> bool:
    """Whether `name` is several parties joined by 和/及 (not 参与's 与 or 涉及's 及), each ending in a party's name of a
    known class."""
    parts = re.split(r"以及|和|(?<![涉危普])及", name)
    return len(parts) > 1 and not name.startswith(("有关", "其他", "相关", "任何", "各", "所有", "本")) and all(
        re.search(rf"(?:{_SUBJECT_TAILS})$", part) and party_class(part) for part in parts)


# A condition run straight into its rule with nobody named (…不能正常使用时必须停机；…), and a later clause
# that names a thing of its own before its rule word (液压支架和放顶煤工作面的放煤口，必须…): not a condition, a time or a
# word leaning back.
_BARE_CONDITION_RULE = re.compile(r"^[^，。；]{2,30}?时(?:必须|应当|应|严禁|不得|立即)[^。]*；")
_OWN_HEAD_CLAUSE = re.compile(
    r"^(?![在当对由经并从向按如凡除因于也其该但或且])[^，。；：]{3,30}?(?<![时后前的])，?(?:必须|应当|严禁|不得|禁止|不准)"
)
# A clause that opens on a case of its own, ending in 的, then binds or bans: …的，不得… / …的，应当….
_OWN_CASE_RULE = re.compile(r"^[^，。；;“”]{4,40}的，(?:严禁|不得|禁止|不准|必须|应当)")


def _self_contained(body: str) -> bool:
    """Whether a sentence or clause reads alone: no colon, no reference back (前款, 上述 …), no leaning opening (但, 其 …),
    a duty-bearer or a case of its own, no quotation."""
    if not body or "：" in body or ":" in body:
        return False
    return not (
        _DEPENDENT.search(body)
        or _DEPENDENT_START.match(body)
        or ELIDED_RELATION.match(body)
        or _NO_SUBJECT_START.match(body)
        or "“" in body
        or "《" not in body
        and "》" in body
    )


def decimal_value(raw: str) -> Decimal | None:
    try:
        return Decimal(raw) if raw[0].isdigit() else Decimal(parse_chinese_number(raw))
    except (InvalidOperation, ValueError):
        return None


def quantities(sentence: str) -> list[Quantity]:
    """Numbers with units in a sentence, skipping dates, ordinals and numerals inside words."""
    found: list[Quantity] = []
    for match in _ARABIC.finditer(sentence):
        raw, unit = match.group(1), match.group(2)
        after = sentence[match.end() : match.end() + 1]
        if (
            unit == "年"
            and (len(raw) == 4 or after.isdigit())
            or unit == "月"
            or unit == "日"
            and match.start() > 0
            and sentence[match.start() - 1] == "月"
        ):
            continue
        if unit in {"m", "t", "s", "h"} and _LATIN_UNIT.match(after or " "):
            continue
        value = decimal_value(raw)
        if value is not None and value > 0 and not _in_range(sentence, match.start(1), match.end()):
            found.append(Quantity(raw, value, unit, "arabic", match.start(1), match.end(1)))
    for match in _CHINESE.finditer(sentence):
        raw, unit = match.group(1), match.group(2)
        if _CN_AFTER_BAD.match(sentence[match.end() : match.end() + 1]) or "〇" in raw:
            continue
        if unit == "次" and not counted(sentence, match.start(1), match.end()):
            continue
        value = decimal_value(raw)
        if (
            value is None
            or value <= 0
            or unit == "年"
            and value >= 1900
            or _in_range(sentence, match.start(1), match.end())
        ):
            continue
        found.append(Quantity(raw, value, unit, "chinese", match.start(1), match.end(1)))
    return sorted(found, key=lambda q: q.start)


def counted(sentence: str, start: int, end: int) -> bool:
    """Whether a Chinese N次 at sentence[start:end] counts times rather than naming a kind (二次突水, 一次爆破)."""
    if sentence[start:end] == "二次":
        return False
    return bool(_COUNT_CUE.search(sentence[max(0, start - 6) : start]) or _COUNT_AFTER.match(sentence[end:]))


def _in_range(sentence: str, start: int, end: int) -> bool:
    """A bound of a range (1～10kV, 3至5日): blanking one bound reads oddly and half-gives the answer."""
    return sentence[start - 1 : start] in _RANGE_MARKS or sentence[end : end + 1] in _RANGE_MARKS


def article_quantities(text: str) -> list[Quantity]:
    """Every quantity in the clean paragraphs of an article (for "is a distractor also right?")."""
    return [q for paragraph in clean_paragraphs(text) for q in quantities(paragraph)]


def format_number(value: Decimal, like: Quantity) -> str:
    """Write `value` the way `like` is written: same numeral style and decimal places."""
    if like.style == "chinese":
        if value != value.to_integral_value():
            raise ValueError("no Chinese form for a fraction")
        text = to_chinese_number(int(value))
        return "两" if text == "二" and like.raw == "两" else text
    places = len(like.raw.split(".")[1]) if "." in like.raw else 0
    if places == 0 and value != value.to_integral_value():
        places = len(str(value.normalize()).split(".")[1])
    return f"{value:.{places}f}"


# A list of parties (煤矿企业、矿长): a party name before a 、; one party's modifiers (特种设备生产、经营、使用单位) are not.
_SEVERAL_PARTIES = re.compile(rf"(?:{_SUBJECT_TAILS})、")


# Verbs that make a party name an act done to it (关闭煤矿, 报废矿井).
_ACTS_ON_A_PARTY = ("关闭", "报废", "取缔", "停建")


def subject(sentence: str) -> tuple[str, str] | None:
    """The duty-bearer opening a sentence and its class: (煤矿企业, employer)."""
    match = _SUBJECT.match(sentence)
    if not match:
        return None
    text = match.group(1)
    if _SEVERAL_PARTIES.search(text) or text.startswith(("有关", "其他", "相关", "任何", "各", "所有", "本")):
        return None
    if text.startswith(_ACTS_ON_A_PARTY):
        return None  # 关闭煤矿应当达到下列要求: closing a mine, an act, not a duty-bearer (managers' blind read, T36)
    if len(text) < 3 and text not in {"矿长", "职工", "工会"}:
        return None
    if re.search("由|经(?!营)|对|向", text):
        return None  # 评价由煤矿企业负责: the party sits inside a longer phrase, not at the head
    if re.search("和|及|与|或", text):
        return None  # several parties at once: no single class, and half of it may be right
    found = party_class(text)
    return (text, found) if found else None


_SERIES_OF_PARTIES = re.compile(
    rf"^((?:[\u4e00-\u9fa5]{{0,12}}?(?:{_SUBJECT_TAILS})(?:、|和|及|与|以及))+[\u4e00-\u9fa5]{{0,12}}?(?:{_SUBJECT_TAILS}))"
    r"(?:应当|必须|不得|严禁)"
)


def series_class(sentence: str) -> str | None:
    """The class of the parties a sentence opens with when they are several (管理人员、检测人员和作业人员
    应当…): worker when one of them is a worker, else employer; None when one is the state or the union or none is
    known. `subject` reads one party only, as a duty-bearer swapped for another class must not be half right."""
    match = _SERIES_OF_PARTIES.match(sentence)
    if not match:
        return None
    classes = {party_class(p) for p in re.split(r"、|以及|和|及|与", match.group(1)) if p}
    if classes & {"state", "union"}:
        return None
    return "worker" if "worker" in classes else "employer" if "employer" in classes else None


def is_person(party: str) -> bool:
    """Whether a duty-bearer is a person (矿长, 从业人员) rather than a body (煤矿企业, 应急管理部门)."""
    return party.endswith(_PERSON_TAILS)


# A body named by its remit (负责特种设备安全监督管理的部门): the law's name for the agency in charge.
_STATE_BY_REMIT = re.compile(r"^负责[^，。；]{1,30}?的部门$")


def party_class(party: str) -> str | None:
    """Which class a duty-bearer belongs to: state, employer (with its managers), worker or union; None if unclear."""
    if "工会" in party:
        return "union"
    if any(word in party for word in _STATE) or _STATE_BY_REMIT.match(party):
        return "state"
    if any(word in party for word in _EMPLOYER):
        return "employer"
    if any(word in party for word in _WORKER):
        return "worker"
    return None


_EXCEPTION = re.compile(r"除[^。；;]{1,40}?(?:外|以外)")
# A ban (managers' blind read 3, T34: 不得调动…，不得挪用…): a prohibition turned into a permission beside another ban
# of the same sentence reads as a slip, never as a rule someone could believe.
_BANS = re.compile(r"不得|严禁|禁止|不准")


def modal_changes(sentence: str, *, weak: bool = False) -> list[tuple[int, str, str]]:
    """Places where flipping the modal makes a clearly false statement: (index, original, replacement).

    The first occurrence of each modal, not in a sentence that already says 可以/不必, not before
    符合/具备/是 … where the flipped wording would be ungrammatical rather than false, nor before a vague
    manner (合理, 妥善, 加强 …: 不必合理确定封闭范围 is believed by nobody), and not in a
    sentence with an exception (除负责装药爆破的人员外，其他人员必须撤出: flipped, 除……外，其他人员不必撤出
    is false on its face). A duty (必须/应当) only before an act a worker might skip (`_SKIPPABLE_ACT`: 应当立即
    向现场安全生产管理人员报告, 应当对安全附件进行定期校验), and not before a 方可 condition (必须处理后方可作业 →
    不必处理后方可作业 is no sentence); a prohibition not before a bound (不得低于5m: the figure is what to change),
    nor before 任何 (可以以任何理由扣押), nor before a harm (`_HARM`: 可以妨碍运输) or a hazard the sentence guards against (`guarded_hazard`:
    允许烟火 beside 消防器材), nor inside a name (国家明令禁止使用的设备), nor where another ban stays in the sentence (`_BANS`:
    可以调动…，不得挪用…). With `weak`, also the duties and
    bounds these rules leave out (不必熟练掌握…): what an article offered as a false statement before blind read 4.
    """
    if _EXCEPTION.search(sentence):
        return []
    out = []
    for modal, flipped in _MODALS.items():
        if modal not in sentence or "可以" in sentence or "不必" in sentence:
            continue  # 可以 beside the flipped modal could make the statement merely odd, not false
        index = sentence.index(modal)
        if modal == "必须" and sentence[index - 1 : index] == "不" or modal == "应当" and "不应当" in sentence:
            continue
        if index == 0 and flipped == "可以":
            flipped = "允许"  # 不得在… at the head → 允许在…, not 可以在…
        if modal == "有权" and (sentence[index - 1 : index] in {"无", "所", "享", "拥", "具"} or sentence[index + 2 :].startswith("利")):
            continue  # 所有权, 享有权利: 有权 inside another word is not a right to flip (所无权 is no word)
        if modal == "不得" and sentence[index - 1 : index] in {"不", "舍"}:
            continue
        after = sentence[index + len(modal) :]
        if _MODAL_BAD_NEXT.match(after) or _VAGUE_NEXT.match(after):
            continue
        if not weak and modal in _DUTIES and (not _SKIPPABLE_ACT.match(after) or "方可" in after):
            continue
        if not weak and modal in _DUTIES and _RECURRENCE.search(sentence[:index]):
            continue  # 每年雨季前不必…全面检查: a duty's recurrence beside its dispensation contradicts it
        if not weak and flipped in {"允许", "可以"} and (_BOUND_NEXT.match(after) or _ANY_NEXT.match(after)):
            continue
        if flipped in {"允许", "可以"} and not weak and (_condemned(after) or _condemned_before(sentence[:index])):
            continue  # 不得谎报、瞒报 → 可以谎报, 不得使用应当淘汰的设备 → 可以使用…: a permission the words condemn teaches nothing
        if flipped in {"允许", "可以"} and not weak and _HARM.match(after):
            continue  # 不得妨碍运输 → 可以妨碍运输: a permission to a harm (`_HARM`)
        if flipped in {"允许", "可以"} and not weak and guarded_hazard(sentence, index, modal):
            continue  # 严禁烟火，必须备有消防器材 → 允许烟火: the hazard beside its own guard (`guarded_hazard`)
        if flipped in {"允许", "可以"} and not weak and _BANS.search(sentence[:index] + "。" + after):
            continue  # 可以调动救护队…，不得挪用…: a permission left beside the sentence's other ban gives itself away
        if sentence[max(0, index - 2) : index] in _NAMED_BY:
            continue  # 国家明令禁止使用的设备: a ban inside a name, 明令允许使用的 is no statement at all
        out.append((index, modal, flipped))
    return out


# A duty to know, comply, hold to a principle or answer for something: a true statement of it is thin.
_WEAK_DUTY_NEXT = re.compile(r"^(?:熟悉|熟练|掌握|了解|学习|懂得|遵守|遵循|坚持|服从|严格|执行|贯彻|落实|对[^，。；]*负责)")
_FIRST_DUTY = re.compile(r"必须|应当|严禁|不得|禁止|不准|有权")


def condemned_ban(sentence: str) -> bool:
    """Whether the sentence bans an act its own word condemns (不得迟报、谎报或者瞒报, 不得破坏事故现场): a rule worth
    stating true, though its false twin (可以谎报) teaches nothing."""
    return any(_condemned(sentence[m.end() :]) or _condemned_before(sentence[: m.start()])
               for m in re.finditer(r"严禁|不得|禁止|不准", sentence))


# The condemned thing named before the ban, as the clause's topic (不符合要求的严禁发放使用, 不合格的不得使用, 失效的严禁
# 继续使用, 不符合要求的设备严禁下井): 不符合要求的允许发放使用 condemns itself as 可以使用不合格的… does (blind read 7, T30).
_CONDEMNED_TOPIC = re.compile(
    r"(?:应当淘汰|应予淘汰|已经淘汰|淘汰|明令禁止|不合格|不符合[^，。；]{0,10}|违章|违规|违法|非法|报废|失效|过期|超期|损坏|"
    r"变质|失爆)的[\u4e00-\u9fa5]{0,8}$"
)


def _condemned_before(before: str) -> bool:
    """Whether the words right before a ban (its clause's topic) name a thing the sentence condemns (`_CONDEMNED_TOPIC`)."""
    return bool(_CONDEMNED_TOPIC.search(re.split(r"[，。；：]", before)[-1]))


def _condemned(after: str) -> bool:
    """Whether the words after a ban condemn the act (`_PEJORATIVE`: 擅自, 谎报) or its object (`_CONDEMNED_OBJECT`:
    应当淘汰的设备, 不合格的): a permission to it contradicts itself."""
    return bool(_PEJORATIVE.match(after) or _CONDEMNED_OBJECT.match(after))


def duty_to_act(sentence: str) -> bool:
    """Whether a duty of the sentence is an act a worker might skip (`_SKIPPABLE_ACT`), 方可 after it or not."""
    return any(_SKIPPABLE_ACT.match(sentence[m.end() :]) for m in re.finditer("|".join(_DUTIES), sentence))


def states_an_act(sentence: str) -> bool:
    """Whether the first duty, ban or right of a sentence is about an act (应当建立…制度, 严禁携带烟草), not about
    knowing, complying, a principle or a manner (应当坚持…原则, 应当严格执行…, 应当合理确定…)."""
    found = _FIRST_DUTY.search(sentence)
    if not found:
        return False
    after = sentence[found.end() :]
    return not _VAGUE_NEXT.match(after) and not _WEAK_DUTY_NEXT.match(after)


def action_changes(sentence: str) -> list[tuple[int, str, str]]:
    """The action to take reversed (`ACTION_FLIPS`), with the duty before it made a permission: 发现透水征兆时，必须
    停止作业 → 可以继续作业 (the shortcut a careless worker takes; 必须继续作业 is absurd), a bare 停止作业 → 继续作业.
    People withdrawn right after the stop go with it (必须停止工作，撤出人员 → 可以继续工作: 继续工作，撤出人员 is
    no order), and a withdrawal is reversed only under its duty (必须撤出人员 → 可以留下人员)."""
    out = []
    for index, word, flipped in word_flips(sentence, ACTION_FLIPS):
        end = index + len(word)
        withdrawal = _WITHDRAWAL_AFTER.match(sentence[end:]) if "撤" not in word else None
        end += len(withdrawal.group(0)) if withdrawal else 0
        if "撤" in sentence[end:]:
            continue  # 可以继续作业，按避灾路线撤出 (规程 第一百九十一条) orders both at once: no statement
        duty = _DUTY_BEFORE_ACTION.search(sentence[:index])
        if not duty:
            if "撤" not in word and not withdrawal:
                out.append((index, word, flipped))
            continue
        out.append((duty.start(), sentence[duty.start() : end], "可以" + flipped))
    return out


def place_changes(sentence: str) -> list[tuple[int, str, str]]:
    """Where a thing must be set turned to the other airway (设在进风风流中 → 设在回风风流中), in a sentence without a
    figure: with one (回风巷中甲烷浓度超过1.0%) the other airway's own limit could make the changed statement true."""
    if quantities(sentence):
        return []
    return [
        (index, word, flipped)
        for index, word, flipped in word_flips(sentence, PLACE_FLIPS)
        if _PLACED_IN.search(sentence[:index]) and not any(w in sentence for w in PLACE_FLIPS if w != word and w not in word)
    ]


_CLAUSE_MARK = re.compile(r"[，,；;。：:]")
_CLAUSE_RULE = re.compile(r"必须|应当|严禁|不得|禁止|不准|方可|可以|应(?!急|用|力|变|答|聘)|须")


def in_condition(text: str, index: int) -> bool:
    """Whether `text[index]` stands in a clause that says when a rule applies (在1m以上高处作业时，必须佩戴保险带; 甲烷浓度
    达到1.0%时，必须停止作业): a clause ending in 时, with no rule word of its own, before the rule it triggers. A false
    statement changes the rule's limit or action, not its trigger: 在2m以上高处作业时，必须佩戴保险带 is a narrower case
    of the rule (true by implication) and 0.5m a stricter one, so neither is clearly false (genfix, issue 16)."""
    clauses, start = [], 0
    for mark in [*_CLAUSE_MARK.finditer(text), None]:
        end = mark.start() if mark else len(text)
        clauses.append((start, end, text[start:end]))
        start = mark.end() if mark else len(text)
    at = next(i for i, (s, e, _) in enumerate(clauses) if s <= index < e or i == len(clauses) - 1)
    # The condition runs from the figure's clause to the first clause with a rule word (停风区甲烷过1.0%或者二氧化碳
    # 过1.5%，最高…不超过3.0%时，必须…: both clauses name when), and its last clause ends in 时.
    rule = next((i for i in range(at, len(clauses)) if _CLAUSE_RULE.search(clauses[i][2])), None)
    return rule is not None and rule > at and clauses[rule - 1][2].endswith("时")


def word_flips(sentence: str, flips: dict[str, str]) -> list[tuple[int, str, str]]:
    """Places where a limit (不少于 → 不多于) or an action (停止作业 → 继续作业) turned round makes a false statement.

    Not a word that names when something applies (停止工作和交班时: 继续工作和交班时 is nonsense, not false), nor one
    inside a name (主要通风机停止运转的应急救援预案: a plan for 继续运转 is nonsense, author's read of seed 5151), nor
    one naming a time (主要通风机停止运转期间 → 继续运转期间).
    """
    out = []
    for word, flipped in flips.items():
        if sentence.count(word) == 1 and flipped not in sentence:
            index = sentence.index(word)
            if re.match(r"[和或、及与]|时|的|期间|以后|后[，,]", sentence[index + len(word) :]):
                continue
            out.append((index, word, flipped))
    return out


_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.+)$")


# A minimum of what a rule provides (a fire pool's 200m³, a self-rescuer's 30min, 3 test holes, a strength) turned into a
# ceiling forbids having more of it: 不多于200m³ is believed by nobody and teaches nothing (blind read 5, T9). The figure
# is changed instead (`theory.number_distractors`, on the unsafe side).
MINIMUM_WORDS = frozenset({"不少于", "不低于", "不小于"})


def limit_flips(text: str) -> list[tuple[int, str, str]]:
    """Limits turned round (`LIMIT_FLIPS`) before a figure (温升不超过要求 → 不少于要求 reads as nonsense, not as a false
    limit), never a minimum made a ceiling (`MINIMUM_WORDS`)."""
    return [
        (index, word, flipped) for index, word, flipped in word_flips(text, LIMIT_FLIPS)
        if word not in MINIMUM_WORDS and re.match(r"[\d一二两三四五六七八九十]", text[index + len(word) :])
    ]


def enumerations(text: str) -> list[Enumeration]:
    """Lists in an article: a paragraph ending with ： followed by （一）（二）… items."""
    out: list[Enumeration] = []
    lead: str | None = None
    items: list[str] = []
    # Raw lines, not clean paragraphs: a table row inside a list ends it rather than being skipped.
    for paragraph in _lines(text) + [""]:
        if _DROP_LINE.search(paragraph):
            paragraph = "|"
        match = _ITEM.match(paragraph)
        if match and lead is not None:
            items.append(match.group(2).rstrip("。；;，, "))
            continue
        if lead is not None and len(items) >= 3:
            out.append(Enumeration(lead, tuple(items)))
        lead, items = None, []
        if paragraph.endswith(("：", ":")):
            lead = paragraph.rstrip("：:")
    return out


# A lead ending in what follows (应当符合下列要求, 必须符合下列安全健康指标要求), or naming the cases first and then what must be done at once or not
# at all in each (…遇有下列情况之一时，应当立即停止施工; …有下列情况之一的，严禁装药、爆破): an item read
# after it is the rule. Not a case list whose consequence is merely 应当 (…之一的，应当提请…人民政府予以关闭, 应当列入重点单位
# 名录): what an agency does then.
_ITEM_LEAD = re.compile(
    r"(?:下列|以下|如下)[\u4e00-\u9fa5]{0,6}$|(?:下列|以下)[\u4e00-\u9fa5]{0,8}(?:要求|规定)$|"
    r"(?:下列|以下)[\u4e00-\u9fa5]{0,4}之一(?:的|时|者)?，(?:必须|严禁|不得|禁止|应当立即|应立即)[^：:“”]{2,40}$"
)
# A rule's lead (应当符合下列要求), or a classification whose classes are facts to know (事故一般分为以下等级).
_LEAD_NORMATIVE = re.compile(r"应当|必须|不得|严禁|禁止|不准|符合|遵守|分为")
# An item naming another item of its list (在满足（一）的条件下: managers' blind read 5, T26) means nothing without it.
_ITEM_DEPENDENT = re.compile(
    r"前款|前项|本款|本项|上述|前述|该项|同款|表\s*\d|附录|图\s*\d|[（(][一二三四五六七八九十]+[)）](?:的|项|款|规定|所|中|条件)"
)


@dataclass(frozen=True)
class ListItem:
    """One item of a list with the sentence that introduces it (the lead-in without its colon), and for an item 1. … of
    a list that an item （N）… introduces, the lead-in of that outer list (`outer`), whose condition it holds under."""

    lead: str
    item: str
    outer: str = ""
    first: bool = False  # the inner lead-in is the outer list's first item: nothing left out between the two

    @property
    def leads(self) -> str:
        """The lead-ins as a stem quotes them: …运输时，应当遵守下列规定：……应当加强…，并遵守下列规定.
        An inner lead-in that is the outer list's item （一） follows its outer lead-in with nothing left out between
        them, so with no …… (blind read 14, T33)."""
        return quoted_leads(self.outer, self.lead, self.first)


    @property
    def stem_leads(self) -> str:
        """The lead-ins as a stem says them, the rule phrase once (`said_leads`); `leads` is the quote."""
        return said_leads(self.outer, self.lead, self.first)


def quoted_leads(outer: str, lead: str, first: bool = False) -> str:
    """An outer and an inner lead-in as a stem quotes them (`ListItem.leads`)."""
    if not outer:
        return lead
    return f"{outer}：{lead}" if first else f"{outer}：……{lead}"


_SHORTEST_RULE_TAIL = 6  # 符合下列要求, 遵守下列规定
_DANGLING = re.compile(r"(?:[，,、]|并|且|应当|必须|应)+$")


def said_leads(outer: str, lead: str, first: bool = False) -> str:
    """`quoted_leads`, but where the inner lead-in ends on the outer's rule phrase (…间隙，应当符合下列要求 over 安装时，…所留
    间隙应当符合下列要求) the outer is said up to that phrase only, and the phrase once: quoted whole, the stem says
    “应当符合下列要求：” twice (managers' read 8, T16)."""
    size = 0
    while size < min(len(outer), len(lead)) and outer[-1 - size] == lead[-1 - size]:
        size += 1
    tail = outer[len(outer) - size :] if size else ""
    if not outer or len(tail) < _SHORTEST_RULE_TAIL or "下列" not in tail:
        return quoted_leads(outer, lead, first)
    head = _DANGLING.sub("", outer[: len(outer) - size])
    return f"{head}，{lead}" if head else lead


# A sentence of an item that takes up the one before (如果必须挂在同一侧，…; 其中…): it keeps that one beside it.
_TAKES_UP = re.compile(r"^(?:如果|如|若|否则|但|并|其|该|此|这|上述|同时|之后|然后|再|且|也|还|以上|上款)")


def governed_part(item: str, at: int) -> tuple[str, int]:
    """The sentences of a list item its lead-in governs around position `at` (a quantity asked), and where they start:
    the item's sentences from the one holding `at` back to the first that does not take up the one before it
    (`_TAKES_UP`), none after it. An item often runs on with a rule of another matter (…液压支架必须设护帮板。当采高
    超过4.5m时，必须采取防片帮伤人措施), which a stem on the first reads as part of it (genfix13's leftovers)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^。]+。?", item)]
    index = next((i for i, (start, end) in enumerate(spans) if start <= at < end), len(spans) - 1)
    first = index
    while first > 0 and _TAKES_UP.match(item[spans[first][0] :]):
        first -= 1
    start, end = spans[first][0], spans[index][1]
    return item[start:end].rstrip("。"), start



_SUB_ITEM = re.compile(r"^\d+[.、．]\s*(.+)$")


def _item_lead(paragraph: str) -> str | None:
    """The lead-in a line ending with a colon gives its list (its last sentence, normative, ending in 下列要求/规定 …)."""
    sentence = re.split(r"[。；;！？!?]", paragraph.rstrip("：:"))[-1].strip()
    if (
        8 <= len(sentence) <= 70
        and _ITEM_LEAD.search(sentence)
        and _LEAD_NORMATIVE.search(sentence)
        and not _NOT_WORTH.search(sentence)
        and not _DEPENDENT_START.match(sentence)
        and not re.search(r"[：:“”|$]", sentence)
    ):
        return sentence
    return None


def _usable(item: str, longest: int) -> bool:
    return 6 <= len(item) <= longest and not _ITEM_DEPENDENT.search(item) and not re.search(r"[|$\\<>：:“”]", item)


def list_items(text: str, longest: int = 80) -> list[ListItem]:
    """Items （一）… that read as a rule once put after their lead-in: 距离应当符合下列要求：岩巷……大于300m.

    The lead-in is the last sentence of the paragraph before the list, without its colon; it must be
    normative (应当/必须/符合 …) and end in 下列要求/规定/情形 …, or name the cases and then a ban or an order
    (…有下列情况之一的，严禁装药、爆破: `_ITEM_LEAD`). A table or OCR line ends the list;
    items leaning on another (前款, 上述) or longer than `longest` characters are left out. An item that is itself
    such a lead-in (（一）…检查甲烷…，检查次数如下：) gives its items 1. … with both lead-ins
    (`ListItem.outer`): 1.低瓦斯矿井，每班至少1次 means nothing without them (genfix, issue 16).
    """
    out: list[ListItem] = []
    lead: str | None = None
    inner: str | None = None
    first = False
    for paragraph in _lines(text):
        if _DROP_LINE.search(paragraph):
            lead = inner = None
            continue
        sub = _SUB_ITEM.match(paragraph)
        if sub and inner is not None and lead is not None:
            item = sub.group(1).strip().rstrip("。；;，, ")
            if _usable(item, longest):
                out.append(ListItem(inner, item, lead, first))
            continue
        match = _ITEM.match(paragraph)
        if match and lead is not None:
            raw = match.group(2).strip()
            inner = _item_lead(raw) if raw.endswith(("：", ":")) else None
            first = match.group(1) == "一"
            item = raw.rstrip("。；;，, ")
            if _usable(item, longest):
                out.append(ListItem(lead, item))
            continue
        lead = inner = None
        if paragraph.endswith(("：", ":")):
            lead = _item_lead(paragraph)
    return out
