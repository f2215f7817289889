"""What a question asks that the rules state only where they name it.

Beside the kind of fact (kb.kinds), a worker may ask of a thing what no rule sets: its brand
or maker (采煤机用什么牌子的截齿好, 液压支架哪个厂家的好), model, colour, price or service life
— rules name a brand or a price only where they set one — or a fact of one mine this month
or week (我们工作面这个月推进任务是多少米, 咱队这礼拜谁当班): the rules set no value for a date. Nor do
they say where to look up one's own record (体检报告在哪里查), how to replace a lost paper
(发票丢了咋补), how to tune or mend a machine (皮带跑偏了怎么调) or to spare it (咋充电才不伤电池)
unless they name it; nor what one job or one kind of mine is paid (采煤工工资一般能拿多少,
冲击地压矿的工人多拿多少钱); nor the details of another trade (塔吊, 脚手架, 化工厂) a coal-mine
rule never names. An article that shares the question's other words answers none of these;
kb.qa declines it and offers the article as 可能相关.
"""

from __future__ import annotations

import re

from kb.asides import Unnamed, aside_unstated, unnamed
from kb.kinds import VALUE_KINDS, is_asking_phrase
from kb.query import Concept

# The aspect asked of a thing, as a question says it.
_ASPECT = re.compile(r"牌子|品牌|厂家|厂子|生产厂|型号|颜色|价格|价钱|多少钱一|寿命")
# A week or month of the asker's own mine, team or face: this one or the next (我们工作面这个月, 咱队下周).
_OWN_PLACE = re.compile(r"我们|咱们?|俺们?")
_OWN_PERIOD = re.compile(r"这个?月|本月|下个?月|这礼拜|这周|本周|下周|这星期|这个星期")
# …or this or next day or year, asked as a value with no rule in it (我们矿今年产量任务多少万吨; not
# 我们今天放炮 警戒距离得多少米, a rule told as a story).
_OWN_DAY_OR_YEAR = re.compile(r"今年|明年|今天|明天|今儿|明儿")
LOCAL_KINDS = VALUE_KINDS | {"duty"}


def aspect_unstated(question: str, concepts: tuple[Concept, ...], text: str) -> bool:
    """Whether `question` asks a brand, maker, model, colour or price that `text` never names (nor a
    synonym of the word asked: 牌子 → 停电牌, 标志牌)."""
    asked = [m.group() for m in _ASPECT.finditer(question)]
    if not asked:
        return False
    forms = {word: (word,) for word in asked}
    for concept in concepts:
        for word in asked:
            if concept.term == word:
                forms[word] = concept.surface_forms()
    return any(not any(form in text for form in forms[word]) for word in asked)


# …or how many of a thing the asker's own mine or team has (咱矿有几个工作面, 我们矿有多少工人), not
# how many it must have (咱矿得有几个安全出口, 我们队最少要有几个瓦检员).
_OWN_UNIT = re.compile(r"(?:我们|咱们?|俺们?)(?:的)?(?:矿|队|区队|班组|工作面|采区|这儿|这里|这)")
_OWN_COUNT = re.compile(r"有(?:多少|几)")
_MUST_HAVE = re.compile(
    r"要|得|必须|应当|应该|需要|规定|至少|最少|最多|不少于|不超过|才|够|合格|合规|符合|算|超|就|能|可以|允许|浓度|%"
)


# …or how this or the next day will be (明天天气怎么样, 今天井下咋样): a forecast, a fact of one day.
_STATE_ASKED = re.compile(r"怎么样|咋样|怎样|如何|好不好")
_DAY = re.compile(f"{_OWN_DAY_OR_YEAR.pattern}|后天|这两天|周末")


def asks_local(question: str, kind: str) -> bool:
    """Whether a value or duty question asks a fact of the asker's own mine on this or the next day,
    week, month or year (我们工作面这个月推进多少米, 咱队下周谁值班), or how many of a thing it has (咱矿
    有几个工作面), or any question how this or the next day will be (明天天气怎么样), which no rule sets."""
    if _DAY.search(question) and _STATE_ASKED.search(question) and not _MUST_HAVE.search(question):
        return True
    if kind not in LOCAL_KINDS:
        return False
    if _OWN_PLACE.search(question) is None:
        return False
    if _OWN_PERIOD.search(question) is not None:
        return True
    if kind in VALUE_KINDS and _OWN_DAY_OR_YEAR.search(question) is not None and not _MUST_HAVE.search(question):
        return True
    own = _OWN_UNIT.search(question)
    return own is not None and _OWN_COUNT.search(question, own.end()) is not None and not _MUST_HAVE.search(question)



# A way or place asked, and how an article that answers it names one: where one's own record is
# looked up (体检报告在哪里查; not 得尘肺了上哪查, an examination), how a lost paper is replaced
# (发票丢了咋补), how a machine gone wrong is tuned or mended (皮带跑偏了怎么调; not 主要通风机反风
# 怎么调, an operation the rules prescribe), how it is spared (咋充电才不伤电池).
_WAYS: tuple[Unnamed, ...] = (
    (
        re.compile(
            r"(?:报告|结果|档案|记录|成绩|分数|证书|工资条|明细|资料)[^，。？?\s]{0,4}"
            r"(?:在|去|上|到)?(?:哪里|哪儿|哪|啥地方|什么地方)(?:能|可以|才能|去)?(?:查|看|打印|下载|调取|领)"
        ),
        re.compile(r"查阅|查询|复印|索取|调阅|公布|公示|公开|公告|告知|通知|送达|发给|交给|提供|记入|填写|记录牌|张贴"),
    ),
    (
        re.compile(r"(?:丢|掉|遗失|丢失|找不着|找不到)了?[^，。？?\s]{0,6}(?:补(?![偿助贴救充])|重办|重新办)"),
        re.compile(r"补发|补办|补领|换发|遗失|丢失|挂失|重新申请|重新办理|损毁"),
    ),
    (
        re.compile(
            r"(?:跑偏|打滑|不准|坏|失灵|不转|卡住|松|漏)了?[^，。？?\s]{0,4}"
            r"(?:怎么|咋|如何|怎样)(?:调|修)(?:整|节|理|好|一下)?(?:$|[？?\s吗呢啊])"
        ),
        re.compile(r"调整|调节|调校|调试|校正|纠偏|修理|维修|检修|修复"),
    ),
    (
        re.compile(r"才(?:能)?(?:不|少)(?:伤|坏|损|费)|才(?:能)?(?:耐用|经用|省电|好使|长久|持久|用得久|用得长)"),
        re.compile(r"损坏|损伤|寿命|保养|延长"),
    ),
)


def way_unstated(question: str, text: str) -> bool:
    """Whether `question` asks where to look up a record, how to replace a lost paper, or how to
    tune, mend or spare a machine, and `text` names no such way (查阅, 补发, 调整, 损坏…)."""
    return unnamed(question, text, _WAYS)


# Another trade's own machines and places (塔吊, 脚手架, 反应釜), each with the class a law names it
# by (塔吊 is 起重机械, a 特种设备): no rule answers for one unless it names the thing or its class…
_OTHER_TRADE_THINGS: dict[str, str] = {
    "塔吊": "塔式起重机|特种设备", "塔式起重机": "特种设备", "电梯": "特种设备",
    "脚手架": "建设工程", "反应釜": "危险化学品", "加油站": "危险化学品",
    "尾矿库": "非煤", "油田": "石油|油气", "油井": "石油|油气", "井喷": "石油|油气",
    "燃气报警": "燃气", "后厨": "燃气|餐饮", "高铁": "铁路", "地铁": "轨道交通",
    "火车": "铁路", "飞机": "民用航空|民航|航空器", "航班": "民用航空|民航",
}
_THING = re.compile("|".join(_OTHER_TRADE_THINGS))
# …and another trade or workplace (建筑工地, 化工厂, 铁矿), which a coal-mine rule does not govern
# (a law for every employer may: 化工厂的工人职业病体检谁出钱); 施工地点 is no 工地.
_OTHER_TRADE = re.compile(r"(?<![施开动复完])工地|建筑工人|建筑施工|建筑业|化工厂|铁矿|金矿|铜矿|非煤|金属非金属|饭店|饭馆|餐馆|商场")
_COAL_RULE = re.compile(r"煤")


def other_trade(question: str, title: str, text: str) -> bool:
    """Whether `question` asks about another trade's machine or place the article (`title`,
    `text`) never names, as such or by its class, or about another trade when the article is a
    coal-mine rule."""
    named = f"{title}\n{text}"
    if any(not re.search(f"{m.group()}|{_OTHER_TRADE_THINGS[m.group()]}", named) for m in _THING.finditer(question)):
        return True
    return _COAL_RULE.search(title) is not None and any(
        m.group() not in named for m in _OTHER_TRADE.finditer(question)
    )


# Pay asked as such (工资一般能拿多少, 每月多拿多少钱), not a payment the law sets by name (加班费,
# 一次性补助金) nor a rate, a limit or how often (按工资的多少, 几倍, 最少, 多久发一次).
_PAY_ASKED = re.compile(r"工资|收入|薪水|薪资|挣|多少钱|(?:能|多)拿多少|多拿|领多少(?![个盏台件双套副])")
_FINED = re.compile(r"罚|扣")  # a fine or a deduction asked (罚多少钱, 扣多少钱) is no pay
_PAYMENT_NAMED = re.compile(r"(?:费|金|补贴|津贴|补助|奖|补偿|赔偿|待遇)$")
_RATE_LIMIT_OR_FREQUENCY = re.compile(
    r"按|倍|百分|比例|几个月|最多|最少|至少|最低|最高|不超过|不能超过|不得|不少于|不低于|上限|下限|以上|以下|以内"
    r"|多久|多长时间|几次|一次(?!性)|几回|一回"
)
# A group of workers paid: one job (瓦检员, 掘进工, 放炮员, 矿长, 工会主席) or the word before 工/员/矿/队 (冲击地压矿的
# 工人, 综采队, 采煤工); 井下, 矿上 are where every miner works and 工人, 农民工, 女职工 what every
# worker is, not a group.
_BEFORE_WORKERS = frozenset("工员矿队")
_NOT_WORKERS = frozenset({"工资", "工伤", "工作", "工龄", "工期", "工时", "工程", "工会", "矿上", "矿井", "矿山", "队长"})
_JOB = re.compile(r"..+(?<![人职民])[员工]$|.+(?<!家)长$|.+(?:主任|经理|书记|主席)$")
_EVERYONE = frozenset({
    "井下", "矿上", "煤矿", "矿井", "下井", "一线", "我们", "咱们", "咱", "俺们", "工人", "职工", "矿工", "员工",
    "人员", "农民工", "临时工", "合同工", "劳务工", "工友", "新工", "女工", "职员", "工", "矿", "队",
})
# What is usual asked of pay (井下工人一般一个月挣多少), and how a rule sets a wage (工资不得低于,
# 原工资福利待遇不变, 工资的百分之八十) or an amount (元).
_TYPICAL = re.compile(r"一般|大概|大约|平均|通常|差不多")
_WAGE_SET = re.compile(r"工资[^，。；]{0,8}(?:不得低于|不低于|不变|照发|照付|百分之)|\d\s*元")


def _pay_asked(text: str, concepts: tuple[Concept, ...], kind: str) -> bool:
    """Whether a value question asks pay as such, no named payment, rate, limit or frequency."""
    return (
        kind in VALUE_KINDS and _PAY_ASKED.search(text) is not None and not _RATE_LIMIT_OR_FREQUENCY.search(text)
        and not _FINED.search(text)
        and not any(c.maximal and _PAYMENT_NAMED.search(c.term) for c in concepts)
    )


def group_pay_unnamed(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a value question (normalised `text`, its `concepts`) asks what one group of workers
    is paid (采煤工一个月工资能拿多少, 冲击地压矿的工人每月多拿多少钱) and `article` never names
    the group: rules set pay for a group only where they name it."""
    if not _pay_asked(text, concepts, kind):
        return False
    groups = [
        c for c in concepts
        if c.maximal and c.term not in _EVERYONE and (
            _JOB.match(c.term)
            or (text[c.end:c.end + 1] in _BEFORE_WORKERS and text[c.end:c.end + 2] not in _NOT_WORKERS)
        )
    ]
    return any(not any(form in article for form in g.surface_forms()) for g in groups)


def typical_pay_unstated(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a value question asks what pay usually is (井下工人一般一个月挣多少, 工资大概多少钱)
    and `article` sets no wage (工资不得低于…, 原工资福利待遇不变) nor an amount in 元."""
    return _pay_asked(text, concepts, kind) and _TYPICAL.search(text) is not None and not _WAGE_SET.search(article)


# A detail asked of a thing the article names without it. Each class declines the article that
# matches the question's topic but holds nothing of what is asked about it (kb.qa offers it as
# 可能相关); answerable neighbours stay answered because their article names what is asked.
DETAIL_KINDS = VALUE_KINDS | {"duty", "action"}
_SENTENCE = re.compile(r"[^。；\n]+")
_ITEM_EDGE = re.compile(r"[、，,：:（）()“”]|等|制度")
ITEM_SLACK = 6  # a list item is the name asked and at most this many characters more (入井检身 in 入井检身制度)


def _listed(sentence: str, start: int, end: int) -> bool:
    """Whether `sentence[start:end]` is a bare item of a list of systems (…、入井检身、…等制度)."""
    if "制度" not in sentence or sentence.count("、") < 2:
        return False
    edges = [m for m in _ITEM_EDGE.finditer(sentence) if m.end() <= start]
    before = edges[-1] if edges else None
    after = next((m for m in _ITEM_EDGE.finditer(sentence) if m.start() >= end), None)
    if "、" not in (before.group() if before else "", after.group() if after else ""):
        return False  # an item of a list stands beside another (、), not a clause of its own (，确定…，)
    return (after.start() if after else len(sentence)) - (before.end() if before else 0) <= end - start + ITEM_SLACK


def named_only(concepts: tuple[Concept, ...], kind: str, text: str) -> bool:
    """Whether a value, duty or action question asks of a procedure or meeting (入井检身是谁来检,
    安全办公会多久开一回) that `text` names only as an item of the systems a mine sets up
    (…、入井检身、出入井人员清点、…等制度): the article says nothing of who, what or how often."""
    if kind not in DETAIL_KINDS:
        return False
    words = [c for c in concepts if c.maximal]
    # a name is a word of the question or two it says together (安全 + 例会: 安全例会)
    names = [c.surface_forms() for c in words] + [
        (a.term + b.term,) for a, b in zip(words, words[1:], strict=False) if a.end == b.start
    ]
    for forms in names:
        if len(forms[0]) < 3:
            continue
        places = [
            (sentence.group(), m.start(), m.end())
            for sentence in _SENTENCE.finditer(text)
            for form in forms
            for m in re.finditer(re.escape(form), sentence.group())
        ]
        if places and all(_listed(*place) for place in places):
            return True
    return False


# How many a single worker or shift handles (瓦检员一个人最多能管几个工作面, 一个老师傅能带几个徒弟,
# 电工一个班管几台开关): a rule sets that only in a sentence naming both the one who handles and what
# is counted, with a number.
_PER_ONE = re.compile(
    r"(?:一个|每个|一名|每名|一|每)[\u4e00-\u9fff]{0,6}?(?:最多|至多|顶多|最少)?(?:能|可以|得|要|只能)?"
    r"(?P<verb>管|带|负责|看管|照看|盯)(?:得了|得过来)?(?:几|多少)"
)
_NOT_HOLDER = re.compile(r"^(?:一|每|几|个人|人|班|最多|最少|至多|顶多|能|可以)")
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百]")


def per_one_unstated(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a count question (normalised `text`) asks how many one worker or shift handles and
    no sentence of `article` names the holder, the thing counted and a number together."""
    match = _PER_ONE.search(text) if kind == "count" else None
    if match is None:
        return False
    verb = match.start("verb")
    holders = [
        c for c in concepts
        if c.maximal and c.end <= verb and c.term not in _EVERYONE and not _NOT_HOLDER.match(c.term)
    ]
    counted = [c for c in concepts if c.maximal and c.start >= match.end() and not _NOT_HOLDER.match(c.term)]
    if not holders or not counted:
        return False
    wanted = [holders[-1], counted[0]]
    return not any(
        _NUMBER.search(s) and all(any(form in s for form in c.surface_forms()) for c in wanted)
        for s in _SENTENCE.findall(article)
    )


# How often an event is held, the event named after the asking words (一年搞几回安全知识竞赛) or
# before them (安全办公会多久开一回): a rule setting how often names the event.
_OFTEN_BEFORE_EVENT = re.compile(r"(?:几|多少)(?:回|次|遍|趟)")
_EVENT_BEFORE_OFTEN = re.compile(r"(?:多久|多长时间|隔多久|多少天|几天|几个月)(?:开|搞|办|举行|组织|召开|进行)一?(?:回|次)")
# …an event being a meeting, contest, drill, course or check held (办公会, 竞赛, 演习, 培训, 体检), or an
# outing (旅游, 疗养, 聚餐).
_EVENT = re.compile(r"..*(?:会|会议|赛|演习|演练|培训|考试|考核|体检|活动|评比)$|旅游|疗养|聚餐|团建|联欢")


def event_unnamed(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a count or time question asks how often an event is held and `article` never names
    the event (the word ending the question after the asking words, or the last event before them)."""
    if kind not in VALUE_KINDS:
        return False
    events = [c for c in concepts if c.maximal and _EVENT.match(c.term)]
    event = None
    if (after := _OFTEN_BEFORE_EVENT.search(text)) is not None:
        event = next((c for c in events if c.start >= after.end() and c.end == len(text)), None)
    if event is None and (before := _EVENT_BEFORE_OFTEN.search(text)) is not None:
        event = next((c for c in reversed(events) if c.end <= before.start()), None)
    return event is not None and not any(form in article for form in event.surface_forms())


# A rest or nap at work asked (干活累了能不能在巷道里眯一会, 上班能睡会不): a rule settles it only where
# it names rest or sleep; one on the place or the work (巷道, 作业) does not.
_NAP_ASKED = re.compile(r"眯|睡|打盹|打个盹|歇")
_REST_STATED = re.compile(r"休息|睡|打盹|歇|休假")


def rest_unnamed(question: str, kind: str, article: str) -> bool:
    """Whether a permission or action question asks about resting or napping and `article` names
    no rest."""
    return kind in {"permission", "action"} and _NAP_ASKED.search(question) is not None and not _REST_STATED.search(article)


# First aid asked for what befell someone (井下有人中暑晕倒了咋急救): a rule on it names what befell
# him in its own word (中暑, 触电, 中毒), not a neighbour (高温 for 中暑).
_FIRST_AID = re.compile(r"了?(?:该|要)?(?:咋|怎么|怎样|如何)(?:样)?(?:急救|抢救|救治|施救)")
_BEFALLEN = frozenset({"井下", "有人", "工友", "工人", "人"})


def first_aid_unnamed(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether an action question asks first aid for what befell someone and `article` names none
    of the words saying what befell him."""
    aid = _FIRST_AID.search(text) if kind == "action" else None
    if aid is None:
        return False
    befallen = [c for c in concepts if c.maximal and c.end <= aid.start() and c.term not in _BEFALLEN]
    return bool(befallen) and not any(c.term in article for c in befallen)


# One sex asked of (男的陪产假能休几天) where the article is about the other only (女职工生育享受98天
# 产假): what a rule grants 女职工 it does not grant 男职工.
_MALE = re.compile(r"男|丈夫|老公|爷们|配偶")
_FEMALE = re.compile(r"女|妇|孕|哺乳|媳妇|老婆|妻子|配偶")


def sex_swapped(question: str, article: str) -> bool:
    """Whether `question` asks of one sex only and `article` names only the other."""
    male, female = _MALE.search(question) is not None, _FEMALE.search(question) is not None
    if male == female:
        return False
    asked, other = (_MALE, _FEMALE) if male else (_FEMALE, _MALE)
    return other.search(article) is not None and asked.search(article) is None


# A kind of leave asked by name (陪产假, 婚假, 探亲假): a rule on another leave (产假, 年休假) grants
# none of it.
_LEAVE = re.compile(r"陪产假|护理假|育儿假|婚假|丧假|探亲假|病假|事假|年假|年休假")
_LEAVE_FORMS = {"年假": ("年假", "年休假")}


# …and days off given (咱矿一年放几天假, 过年放几天假): a rule granting them names a 假 (节假日, 年休假).
_DAYS_OFF = re.compile(r"放[^，。？?\s]{0,3}假")
_LEAVE_NAMED = re.compile(r"休假|假期|假日|放假|请假|[产婚丧病事]假|探亲假|年休假")


def leave_unnamed(question: str, article: str, kind: str = "") -> bool:
    """Whether `question` asks a kind of leave `article` never names (年假 stated as 年休假), or days
    off given where `article` names no leave at all. An action question asks what to do, and a leave
    it names is what happened before (休了半年病假 复工头一天得先做啥), not what it asks of the leave."""
    return kind != "action" and (any(
        not any(form in article for form in _LEAVE_FORMS.get(m.group(), (m.group(),))) for m in _LEAVE.finditer(question)
    ) or (_DAYS_OFF.search(question) is not None and not _LEAVE_NAMED.search(article)))


# A part or fitting of a thing asked (自救器补给站的钥匙由谁保管, 矿灯的充电器坏了找谁): a rule on the
# thing that never names the part (补给站 without 钥匙) says nothing of it. Only a part or fitting is
# asked so: 化纤的秋衣, 水情的电话, 分包的工地 name the thing itself in other words.
_PART = re.compile(
    r"(?:钥匙|锁|锁头|密码|电池|充电器|外壳|壳子|按钮|把手|手柄|灯泡|盖子|螺丝|零件|配件|插头|说明书|包装|标签|铭牌|柜子|抽屉)$"
)


def part_unnamed(text: str, concepts: tuple[Concept, ...], article: str) -> bool:
    """Whether a question (normalised `text`) asks of a part or fitting Y of a thing X (X的Y) that
    `article` names while never naming Y."""
    words = [c for c in concepts if c.maximal]
    return any(
        text[whole.end:part.start] == "的" and _PART.search(part.term) is not None
        and any(f in article for f in whole.surface_forms()) and not any(f in article for f in part.surface_forms())
        for whole, part in zip(words, words[1:], strict=False)
    )


# How long an act on a device takes (矿灯充满一次电要充几个小时, 烘干要多久): a rule stating how long
# a lamp lasts (连续正常使用11h) says nothing of charging it.
_ACT_TIME = re.compile(
    r"(?P<act>充|预热|烘|晾|浸泡|冷却|消毒)[^，。？?\s]{0,4}?(?:几个?(?:小时|钟头|分钟|天)|多长时间|多久|多大会)"
)
_ACT_STATED = {"充": "充电|充满", "预热": "预热", "烘": "烘|干燥", "晾": "晾|干燥", "浸泡": "浸泡", "冷却": "冷却", "消毒": "消毒"}


def act_time_unnamed(question: str, article: str) -> bool:
    """Whether `question` asks how long charging, heating, drying, soaking, cooling or
    disinfecting takes and `article` names no such act."""
    match = _ACT_TIME.search(question)
    return match is not None and re.search(_ACT_STATED[match.group("act")], article) is None


# An age asked of an event (井下工人多大岁数退休): a rule stating an age (年满十六周岁) answers only
# for the event it names (招用, 下井), the word after the age asked or, failing it, before.
_AGE_ASKED = re.compile(r"多大岁数|多大年纪|多大年龄|多少岁|几岁")


def age_event_unnamed(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a value question (or one of no kind: 小孩学游泳几岁合适) asks the age of an event
    `article` never names (a word of one character is no event)."""
    age = _AGE_ASKED.search(text) if kind in VALUE_KINDS or not kind else None
    if age is None:
        return False
    words = [
        c for c in concepts if c.maximal and len(c.term) > 1 and not (c.start < age.end() and c.end > age.start())
    ]
    after = [c for c in words if c.start >= age.end()]
    before = [c for c in words if c.end <= age.start() and c.term not in _EVERYONE]
    event = after[0] if after else (before[-1] if before else None)
    return event is not None and not any(form in article for form in event.surface_forms())


# A numbered slogan defined (啥叫三违, 三不伤害是啥意思): one word of the question, or a bare numeral
# and the words said right after it (三 + 不 + 伤害). A rule defines it only where it names it as said;
# a synonym of a word in it (违章 for 三违) is no definition. A numeral before a measure word (三级,
# 十六字, 一次性) starts no slogan, nor does 一 of a plain word (一般, 一定).
_SLOGAN = re.compile(r"[一二三四五六七八九十两]+(?![一二三四五六七八九十两个次级类种年天条项米字号回遍名位批班倍般定样旦律直些切])[\u4e00-\u9fff]")
_NUMERALS = re.compile(r"[一二三四五六七八九十两]+")
_NOT_IN_SLOGAN = frozenset({"是", "指", "叫", "说的", "意思", "规定"})


def _slogans(concepts: tuple[Concept, ...]) -> list[str]:
    words = [c for c in concepts if c.maximal]
    found = []
    for i, word in enumerate(words):
        if not _NUMERALS.fullmatch(word.term):
            if _SLOGAN.match(word.term):
                found.append(word.term)
            continue
        said, end = word.term, word.end
        for after in words[i + 1:]:
            if after.start != end or after.term in _NOT_IN_SLOGAN or is_asking_phrase(after.term):
                break
            said, end = said + after.term, after.end
        if len(said) > 2 and _SLOGAN.match(said):
            found.append(said)
    return found


def slogan_unnamed(concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a definition question asks a numbered slogan `article` never names as said."""
    return kind == "definition" and any(said not in article for said in _slogans(concepts))


# A detail a rule states only where it names it, each (asked in the question, what names it in the
# article; kb.asides.unnamed):
# a service life (用几年就得换, 戴几年就得换新的), which a rule states as one (报废, 更换, 使用年限, 有效期),
# not by how long a lamp lasts a shift (11h) or how often a meter is calibrated; a ratio (按工人多少比例配),
# which a rule states as one (比例, 百分之, %, 分之, 倍) or as the whole kept (原工资福利待遇不变, 照发);
# how many days or shifts in a row (夜班连着上几天就得倒班, 连续干几天得歇一天), which a rule counts in
# days or shifts (每周至少休息一日, 连续3个班), not one on the same shift without a count (哺乳期不得安排夜班);
# a colour asked by name (反光工作服必须是橙色的吗), which a rule setting one names.
_NAMED_DETAILS: tuple[Unnamed, ...] = (
    (
        re.compile(r"(?:用|戴|穿|使用)了?(?:几|多少)年|(?:几|多少)年就?(?:得|该|要)?(?:换|报废|报费|淘汰|不能用)"),
        re.compile(r"报废|更换|换新|使用年限|使用期限|寿命|有效期|期满"),
    ),
    (
        re.compile(r"(?:多少|什么|啥|几)的?比例|比例(?:是|为)?(?:多少|几)|百分之几|多少%"),
        re.compile(r"比例|百分之|[%％]|分之|倍|不变|照发|照付|全额"),
    ),
    (
        re.compile(r"(?:连着|连续|一连)[\u4e00-\u9fff]{0,4}?(?:几|多少)(?:个)?(?:天|日|班|夜班|宿)"),
        re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|整)?(?:天|日|班|周(?!岁)|星期)|每个?(?:周|星期|日|天|班)"),
    ),
    (re.compile(r"[红橙黄绿蓝白黑灰紫]色"), re.compile(r"[红橙黄绿蓝白黑灰紫]色|颜色")),
)


def detail_unstated(question: str, text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a question (as asked, and normalised `text` with its `concepts`) asks a detail of a
    thing that `article` names without it: a procedure only listed, how many one worker handles,
    how often an event is held, whether one may rest, first aid for what befell one, the other sex's
    due, a leave, a part of the thing, how long an act on a device takes, the age of an event, a
    numbered slogan, one of _NAMED_DETAILS (a service life, a ratio, days or shifts in a row, a
    colour); or an aside it does not settle (kb.asides)."""
    return (
        named_only(concepts, kind, article) or per_one_unstated(text, concepts, kind, article)
        or unnamed(question, article, _NAMED_DETAILS) or event_unnamed(text, concepts, kind, article)
        or rest_unnamed(question, kind, article) or first_aid_unnamed(text, concepts, kind, article)
        or sex_swapped(question, article) or leave_unnamed(question, article, kind)
        or part_unnamed(text, concepts, article)
        or act_time_unnamed(question, article) or age_event_unnamed(text, concepts, kind, article)
        or slogan_unnamed(concepts, kind, article) or aside_unstated(question, concepts, article)
    )
