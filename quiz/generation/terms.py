"""Key terms of coal-mine rules, sorted into classes, for single choice with same-class distractors.

A class holds families; a family is one thing and its near-synonyms or umbrella terms
(甲烷 and 瓦斯; 采煤工作面, 掘进工作面 and 采掘工作面, which covers both). A distractor for a
term is taken from another family of the same class, so it is the same kind of thing
but never another name for the answer. Terms too generic to ask about (工作面, 设备,
规程, 措施, 人员) are left out on purpose. The list is ours, written for this generator; a
term is offered as a distractor only when some current article actually uses it.
"""

from __future__ import annotations

import re

TERM_CLASSES: dict[str, tuple[tuple[str, ...], ...]] = {
    # Devices come in kinds a worker tells apart at a glance: a distractor of another kind (反向风门 beside
    # 内喷雾装置) gives the key away, so each kind is a class of its own.
    "监测仪器": (
        ("甲烷传感器",),
        ("一氧化碳传感器",),
        ("风速传感器",),
        ("风压传感器",),  # 主要通风机的风硐必须设置（风压传感器）: the fact, not the fan (managers' blind read, T9)
        ("温度传感器",),
        ("烟雾传感器",),
        ("甲烷检测报警仪", "便携式甲烷检测报警仪"),
        ("光学甲烷检测仪",),
        ("甲烷断电仪",),
    ),
    # A fan is no structure of a roadway (…位于（反向风门）外 beside 主要通风机, which stands at the surface: blind read
    # 3, T36), and a conveyance no stop device (挡车栏 beside 带式输送机, 电机车: T13): each a class of its own.
    "通风机": (
        ("局部通风机",),
        ("主要通风机",),
    ),
    # Roadway structures by what they hold back: air, fire or water. 防火门, 风桥 and 反向风门 beside a key of 防水闸门 are
    # ruled out at once by whoever knows the rule is about water (blind read 4, T23); no kind has four yet, so none is
    # asked as a single choice.
    "通风构筑物": (
        ("反向风门",),
        ("调节风窗",),
        ("风桥",),
    ),
    "防火设施": (("防火门",),),
    "防水设施": (("防水闸门", "防水闸墙", "水闸墙"),),
    "阻车防护": (
        ("阻车器",),
        ("挡车栏",),
        ("跑车防护装置",),
    ),
    "运输提升": (
        ("架空乘人装置",),
        ("提升机", "提升绞车"),
        ("带式输送机",),
        ("刮板输送机",),
        ("电机车",),
    ),
    # A support holds the roof, a machine cuts coal or rock, a compressor or pump moves air or gas: 掘进机, 瓦斯抽采泵 and
    # 采煤机 beside …严禁采用（单体液压支柱）加强支护 are no supports (blind read 4, T40), so each job is a class.
    "支护": (
        ("液压支架",),
        ("单体液压支柱", "单体支柱"),
        ("锚杆", "锚杆锚索"),
        ("金属支架",),
        ("木支柱",),
    ),
    "采掘机械": (
        ("采煤机",),
        ("掘进机",),
        ("掘锚一体机",),
        ("连续采煤机",),
    ),
    "压风": (("空气压缩机",),),
    "抽采": (("瓦斯抽采泵",),),
    # Protective gear and protective devices do different jobs: 安全带 or 灭火器 beside a key of 自救器 (额定防护时间)
    # and 压风自救装置 beside 矿灯 (visible under its light) are ruled out at a glance, so each job is a class of its
    # own; a job with fewer than four families gets no single choice (a blank, or another question, instead).
    "呼吸防护": (
        ("自救器", "隔绝式自救器", "压缩氧自救器", "化学氧自救器"),
        ("压风自救装置",),
    ),
    "照明": (("矿灯",),),
    "灭火": (("灭火器",),),
    "防坠防砸": (
        ("安全帽",),
        ("安全带",),
    ),
    "防爆降尘": (
        ("隔爆水棚", "隔爆水袋"),
        ("喷雾装置", "内喷雾装置", "外喷雾装置"),
    ),
    "电气保护": (
        ("风电闭锁装置", "甲烷电闭锁装置"),
        ("防爆电气设备",),
    ),
    "防雷": (("避雷装置", "防雷电装置"),),
    "提升保护": (
        ("超速保护装置",),
        ("制动装置",),
    ),
    "文件记录": (
        ("作业规程", "操作规程", "安全操作规程"),  # one family: beside each other, both would be right in a mine
        ("应急预案", "应急救援预案", "专项应急预案", "综合应急预案", "现场处置方案"),
        ("安全技术措施", "专项安全技术措施", "安全措施"),
        ("灾害预防和处理计划",),
        ("瓦斯检查记录",),
        ("交接班记录",),
        ("安全生产责任制",),
        ("安全生产规章制度", "规章制度"),
        ("事故调查报告",),
        ("安全评价报告",),
        ("开采设计", "矿井设计"),
        ("地质报告", "地质勘探报告"),
        ("施工组织设计",),
        ("探放水设计",),
        ("防突专项设计",),
        ("安全培训计划", "培训计划"),
        ("安全设施设计",),
        ("隐患排查治理台账", "事故隐患排查治理情况"),
        ("图纸",),
    ),
    "巷道": (
        ("采煤工作面", "掘进工作面", "采掘工作面", "煤巷掘进工作面", "回采工作面", "突出煤层采掘工作面",
         "揭煤工作面", "石门揭煤工作面", "井巷揭煤工作面"),
        ("回风巷", "总回风巷", "采区回风巷", "专用回风巷", "回风巷道"),
        ("进风巷", "总进风巷", "采区进风巷"),
        ("主要运输巷",),
        ("盲巷",),
        ("采空区",),
        ("倾斜井巷",),
    ),
    "地点场所": (
        ("井口", "井口房"),
        ("井底车场",),
        ("爆炸物品库", "爆炸物品发放硐室"),
        ("避难硐室", "永久避难硐室", "临时避难硐室", "救生舱"),
        ("机电设备硐室", "井下机电设备硐室"),
        ("充电硐室",),
        ("变电所", "井下变电所", "采区变电所", "中央变电所"),
        ("水泵房", "主排水泵房"),
        ("工业广场",),
        ("瓦斯抽采泵房",),
    ),
    "气体": (
        ("甲烷", "瓦斯"),
        ("二氧化碳",),
        ("一氧化碳",),
        ("硫化氢",),
        ("二氧化硫",),
        ("二氧化氮", "氮氧化物"),
        ("氢气",),
        ("氨气", "氨"),
    ),
    # Oxygen has a lowest limit where every other gas has a highest (氧气 beside 回风流中…浓度不超过1.5% is absurd).
    "氧气": (("氧气",),),
    "证照": (
        ("特种作业操作证", "特种作业操作资格证"),
        ("安全生产知识和管理能力考核合格证",),
        ("矿长资格证",),
    ),
    # A mine's or a trade's licences: which one a business must hold is procedure with the state, not a worker's fact.
    "企业证照": (
        ("安全生产许可证",),
        ("采矿许可证",),
        ("营业执照",),
        ("民用爆炸物品生产许可证",),
        ("民用爆炸物品销售许可证",),
        ("民用爆炸物品购买许可证",),
        ("民用爆炸物品运输许可证",),
        ("爆破作业单位许可证",),
        ("危险化学品经营许可证",),
        ("危险化学品安全使用许可证",),
        ("施工许可证",),
    ),
    "培训演练": (
        ("安全生产教育和培训", "安全培训", "安全教育培训"),
        ("岗前培训",),
        ("职业卫生培训",),
        ("应急救援培训",),
        ("应急演练",),
    ),
    # Systems of three kinds: networks that carry data or speech, pipework that carries water, air or gas, and the
    # mine's other systems. Pipework or power beside 视频监视系统 as a network gives the key away (blind read 3, T2).
    "信息系统": (
        ("安全监控系统", "安全监测监控系统", "监测监控系统"),
        ("人员位置监测系统", "人员定位系统"),
        ("通信联络系统", "有线调度通信系统", "调度通信系统"),
        ("视频监视系统",),
    ),
    "管路系统": (
        ("压风自救系统",),
        ("供水施救系统",),
        ("防尘供水系统",),
        ("消防管路系统",),
        ("瓦斯抽采系统",),
        ("排水系统",),
    ),
    "系统": (
        ("紧急避险系统",),
        ("通风系统",),
        ("供电系统",),
    ),
    # The kinds of 特种设备 (特种设备安全法 第二条's list), which the 特种设备 exams ask by name: which kind a duty covers.
    # Two classes, as the law's catalogue sorts them: what holds pressure (承压类) and what moves people or loads (机电类);
    # 锅炉 or 压力容器 beside 公众乘坐或者操作电梯、客运索道、（ ） is absurd. A 气瓶 or an 氧舱 is a pressure vessel (压力容器
    # （含气瓶）), so they share its family and are never offered beside it. 承压类 has three kinds: blanked only.
    "承压类特种设备": (
        ("锅炉",),
        ("压力容器", "气瓶", "氧舱"),
        ("压力管道",),
    ),
    "机电类特种设备": (
        ("电梯",),
        ("起重机械",),
        ("客运索道",),
        ("大型游乐设施",),
        ("场（厂）内专用机动车辆",),
    ),
    # What keeps a 特种设备 safe while it runs, which its user keeps and checks (安全附件 of a vessel, 安全保护装置 of a
    # lift or crane): only two kinds, so blanked, not offered as a single choice.
    "特种设备安全装置": (
        ("安全附件",),
        ("安全保护装置",),
    ),
    # The inspections an inspection body makes of a 特种设备: before delivery (监督检验), in service on a schedule
    # (定期检验), of a new type (型式试验). Blanked only: the user's own 定期自行检查 is no fourth kind, since the user
    # also arranges the 定期检验 (…提出定期检验要求), and offered beside it a worker would read both as true.
    "特种设备检验": (
        ("监督检验",),
        ("定期检验",),
        ("型式试验",),
    ),
}

# Names that only mark a family (so a synonym never turns up as a distractor) but are too generic or
# too short to be asked or offered: 采取安全措施 and 规章制度 fit almost any rule.
FAMILY_ONLY = frozenset({"安全措施", "规章制度", "安全生产规章制度", "图纸", "氨"})

# Classes whose terms are not asked. A document's name is not the safety fact of its sentence (…撤至（应急救援预案）规定的
# 安全地带: the fact is to stop work and withdraw), and it has variants a worker would write (应急预案) or pick (作业规程
# for 操作规程). They still mark their families, so a synonym is never offered beside another.
# Places neither: a place is the frame of a rule, not its fact, and is guessed from the rest (（掘进工作面）爆破前后，附近
# 20m…; 避难硐室 the only protective place beside 充电硐室 among 反向风门、压风自救装置; 水泵房 may have a 防水闸门 too).
NOT_ASKED_CLASSES = frozenset({"文件记录", "巷道", "地点场所", "企业证照"})

# Gases, whose single choice a sentence about harmful gases in general (…等有害气体, 其他有害气体) does not allow.
GAS_CLASSES = frozenset({"气体", "氧气"})

# Frontline posts of one level, each a family of its names (the corpus's usual one first): a who-question on a duty of
# one of them (爆破前，（班组长）必须清点人数) offers others, never a manager or a body. Kept apart from the term classes:
# a post is asked only as who bears a duty (`theory.single_party`), never blanked as a term.
FRONTLINE_POSTS: tuple[tuple[str, ...], ...] = (
    ("班组长", "班长"),
    ("瓦斯检查工", "瓦斯检查员"),
    ("爆破员", "爆破工", "放炮员"),
    ("安全检查工", "安检员"),
    ("把钩工",),
    ("信号工",),
    ("绞车司机",),
    ("采煤机司机",),
    ("掘进机司机",),
    ("探放水工",),
    ("安全监测工",),
    ("电工", "电钳工"),
    ("防突工",),
)


# Actions taken at once when something goes wrong, each a family of the words a worker would write for it (切断电源,
# 断电, 停电 are one act). Kept apart from the term classes: an action is asked as the fact of a sentence that orders it
# (when the main fan stops, work stops at once and （切断电源）…: `theory.term_questions._action_slots`), its family all accepted, never
# offered beside other actions (打开风门 or 撤出人员 beside it may be ordered too).
EMERGENCY_ACTIONS: tuple[tuple[str, ...], ...] = (
    ("切断电源", "断电", "停电"),
    ("停止工作", "停止作业"),
)


# The everyday names a worker writes for a machine or device the rules name formally (皮带机 for 带式输送机, 局扇 for
# 局部通风机): a blank keyed on the formal name accepts them (blind read 9, T4). Not family members: the rules never use
# them, so they are never offered nor looked for, only accepted.
WORKER_NAMES: dict[str, tuple[str, ...]] = {
    "带式输送机": ("皮带机", "皮带输送机", "胶带输送机", "胶带机"),
    "刮板输送机": ("刮板机", "溜子"),
    "局部通风机": ("局扇", "局部扇风机"),
    "主要通风机": ("主扇", "主通风机", "主要扇风机"),
    "架空乘人装置": ("猴车", "架空乘人器"),
    "甲烷传感器": ("瓦斯传感器",),
    "甲烷断电仪": ("瓦斯断电仪",),
    "光学甲烷检测仪": ("光学瓦斯检定器", "光干涉甲烷检定器"),
    "瓦斯抽采泵": ("瓦斯抽放泵", "抽放泵"),
}


def accepted_names(term: str) -> list[str]:
    """The names a blank keyed on `term` accepts: the term first, then its everyday names (`WORKER_NAMES`)."""
    return [term, *WORKER_NAMES.get(term, ())]


def action_family(action: str) -> tuple[str, ...] | None:
    """The family of words for the emergency action `action` names (停电 → 切断电源, 断电, 停电), or None."""
    return next((family for family in EMERGENCY_ACTIONS if action in family), None)


# Posts that could plausibly organise or direct others underground: a who-question on a supervisory duty (…第一时间
# 组织作业人员自救互救) keyed 班组长 offers these, not trades (防突工, 探放水工, 电工 beside 组织… give the key away:
# blind read 5, T22). 调度员 directs from the surface, the two 检查工 watch a whole district's work.
ORGANISING_POSTS: tuple[tuple[str, ...], ...] = (
    ("班组长", "班长"),
    ("安全检查工", "安检员"),
    ("瓦斯检查工", "瓦斯检查员"),
    ("调度员", "调度人员"),
)
# A duty of directing others (组织, 指挥, 带领, 安排, 布置专人 …): the key is a post that organises.
SUPERVISORY_DUTY = re.compile(r"组织|指挥|带领|安排|布置专人|分派|召集|清点人数|下达")


def frontline_family(party: str) -> tuple[str, ...] | None:
    """The frontline post family `party` names (爆破工 → 爆破员, 爆破工, 放炮员), or None."""
    return next((family for family in FRONTLINE_POSTS if party in family), None)


def organising_family(party: str) -> tuple[str, ...] | None:
    """The organising post family `party` names (调度人员 → 调度员, 调度人员), or None."""
    return next((family for family in ORGANISING_POSTS if party in family), None)


# What a frontline post is bound to: a sentence of the corpus in force naming the post (alone or in a list of posts,
# 爆破员、班组长必须…) before a modal, and the act that follows. A wrong post for a who-question is one never bound to the
# key's act; acts are compared by their two-character words, modals, 的 and everyday fillers aside, and the process the
# key's own name says (爆破 of 爆破员: the place all blasting posts share, not the act) aside while other words remain.
_DUTY_MODAL = "应当|必须|不得|严禁|禁止|负责"
_GLUE = re.compile(r"[并在将从把对向于和与及或等其]")  # a word with one of these is a joint of two (并在, 从起), no act
_ACT_FILLER = re.compile(r"立即|及时|进行|工作|作业|人员|现场|有关|规定|之前|以后|一个|所有|全部|必要|情况|按照")


def process_words(family: tuple[str, ...]) -> set[str]:
    """The two-character words a post's names say of its process (爆破员, 放炮员 → 爆破, 放炮), 工/员/司机 aside, and
    安全, which qualifies a check and names no process (安全检查工 beside …在安全地点起爆)."""
    return {w for name in family for i in range(len(name) - 1) if not re.search(r"工$|员$|司机|^机司|安全", w := name[i : i + 2])}


def act_words(act: str, aside: set[str] = frozenset()) -> set[str]:
    """The two-character words of a duty's act (必须最后离开爆破地点 → 最后, 离开, 爆破, 地点 …) up to its clause's end:
    none across a modal, 的, punctuation or a word `aside`, fillers dropped."""
    clause = re.split(r"[。；]", act, maxsplit=1)[0]
    for word in (*_DUTY_MODAL.split("|"), "的", *aside):
        clause = clause.replace(word, "|")
    words = {clause[i : i + 2] for i in range(len(clause) - 1)}
    return {w for w in words if re.fullmatch(r"[\u4e00-\u9fa5]{2}", w) and not _ACT_FILLER.search(w) and not _GLUE.search(w)}


def post_acts(family: tuple[str, ...], corpus: str) -> list[str]:
    """The acts the corpus binds a post of `family` to: for each clause naming one of its names, alone or in a list of
    posts, before a modal (爆破员、班组长、瓦斯检查工必须在现场), what follows the modal to the sentence's end. A name
    inside 工作 is no post (防突工作必须坚持…: the work, not the 防突工)."""
    names = "|".join(sorted(map(re.escape, family), key=len, reverse=True))
    post = r"[\u4e00-\u9fa5]{1,8}?"
    pattern = re.compile(rf"(?:{names})(?!作(?!业))(?:(?:、|和|及|与|或者){post})*(?:{_DUTY_MODAL})([^。；\n]*)")
    return [m.group(1) for m in pattern.finditer(corpus)]


def bound_to_act(family: tuple[str, ...], act: str, corpus: str, key: tuple[str, ...] = ()) -> bool:
    """Whether the corpus binds a post of `family` to the same act as `act` (the rest of the key's sentence after the
    post `key` names): a sentence with the post before a modal sharing two words of the act, or one when the act has
    only one (a 班组长 bound to 最后离开爆破地点 elsewhere may be right beside 爆破员必须最后离开爆破地点; one bound to
    巡视爆破地点 shares only the place). The key's process words are set aside while two other words remain."""
    aside = process_words(key)
    wanted = act_words(act, aside)
    if len(wanted) < 2:
        aside, wanted = set(), act_words(act)
    need = min(2, len(wanted))
    return bool(need) and any(len(wanted & act_words(bound, aside)) >= need for bound in post_acts(family, corpus))


def works_at(family: tuple[str, ...], act: str, corpus: str, key: tuple[str, ...] = ()) -> bool:
    """Whether the corpus binds a post of `family` to some act sharing a word with `act` or with the process the key's
    name says (a 瓦斯检查工 bound to 巡视爆破地点 works where 爆破员必须…起爆控制器… is done). Words any post's work has
    (`_ANY_WORK`: 检查, 确认 …) say nothing of the place: a 把钩工 checking his cars is not at the face a 班组长 checks."""
    wanted = act_words(act) | process_words(key)
    return any(wanted & act_words(bound) - _ANY_WORK for bound in post_acts(family, corpus))


# Posts that go round a whole district's work (the 班组长 with his team, the two 检查工 on their rounds): at the place of
# any act underground, so a wrong option beside any frontline duty.
ROAMING_POSTS: tuple[tuple[str, ...], ...] = (("班组长", "班长"), ("瓦斯检查工", "瓦斯检查员"), ("安全检查工", "安检员"))
# Words of any post's work or of the whole mine: no sign of where it is done.
_ANY_WORK = frozenset({"检查", "确认", "遵守", "执行", "操作", "安全", "情况", "使用", "发现", "处理", "报告", "停止",
                       "煤矿", "矿井", "井下", "具备", "具有"})


def at_the_act(family: tuple[str, ...], sentence: str, corpus: str, key: tuple[str, ...] = ()) -> bool:
    """Whether a post of `family` is at the place or process of the duty `sentence` states (its condition included:
    爆破前, 通电以后拒爆时): a post going round the district (`ROAMING_POSTS`), or one `works_at` it. A trade bound only
    elsewhere (探放水工, 把钩工, 电工 beside a misfire) gives the key away (blind read 12, T12; item 407)."""
    return family in ROAMING_POSTS or works_at(family, sentence, corpus, key)


# Term → (class, family index); every term belongs to exactly one family.
FAMILY: dict[str, tuple[str, int]] = {
    term: (cls, index) for cls, families in TERM_CLASSES.items() for index, family in enumerate(families) for term in family
}
ALL_TERMS = tuple(sorted(FAMILY, key=len, reverse=True))
_TERM = re.compile("|".join(re.escape(t) for t in ALL_TERMS))

# A term is asked only where it stands as a word of its own. Before it: the start, punctuation or a
# function word or verb ending (的, 和, 在, 制定, 取得, 设置 …); any other character may make it part of a
# longer name (电梯井口, 进风倾斜井巷, 分层通风系统, 煤与瓦斯突出). After it: nothing that glues it into a
# longer word (通风系统图, 主要通风机房, 瓦斯检验工, 氧气瓶, 瓦斯等级), nor the name of a party (电梯制造单位, 锅炉使用单位:
# who bears the duty, not the thing), nor a verb before its object (应当定期检验其可靠性).
_FREE_BEFORE = set("的和与及或、，；（在对向将把由从到至于为是按照据除经受接取得定制立置设装用有带查检保守改补充送报交回打盖择戴系握入开封严禁止停放具备无当中内")
_GLUED_AFTER = re.compile(r"^(?:[图房书司工员瓶罐水层区基化类站材钻眼]|注浆|拉拔|锚固|预紧|架空|配电|信号|掩盖|电闭锁|计划|专项费用|等级|检验|检查|抽采|抽放|解吸|突出|地质|防治|治理|钻孔|含量梯度|压力|回风|进风|上隅角|防突|其|元件|(?:使用|制造|安装|改造|修理|维修|维护保养|充装|运营使用|运营|销售|生产|出租|进口)?单位)")
_COMPOUND_BEFORE = re.compile(r"煤与$|煤（岩）与$|煤\(岩\)与$")


# A gas named inside a fixed phrase of mining (有瓦斯喷出, 瓦斯涌出, 瓦斯超限, 排除瓦斯, 瓦斯或者煤尘爆炸): the phrase
# names the gas, any other gas there reads as nonsense (氨气喷出: blind read 5, T16), so it is not asked.
_GAS_PHRASE_AFTER = re.compile(r"^(?:喷出|涌出|超限|积聚|积存|爆炸|异常|引入|引排|排放|浓度超限|(?:或者|或|和|、)煤尘)")
_GAS_PHRASE_BEFORE = re.compile(r"(?:排除|排放|抽采|抽放|引排|稀释|岩石与|煤与|与)$")


def gas_phrase(sentence: str, start: int, term: str) -> bool:
    """Whether the gas `term` at `start` is part of a fixed phrase (`_GAS_PHRASE_AFTER`, `_GAS_PHRASE_BEFORE`)."""
    if FAMILY[term][0] not in GAS_CLASSES:
        return False
    after = sentence[start + len(term) :].lstrip("）)")
    return bool(_GAS_PHRASE_AFTER.match(after) or _GAS_PHRASE_BEFORE.search(sentence[:start].rstrip("（(")))


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


# Bigrams shared by three or more families (装置, 系统, 传感, 工作面 …) say nothing about which one is meant.
_FAMILY_BIGRAMS = [set().union(*(_bigrams(t) for t in family)) for families in TERM_CLASSES.values() for family in families]
GENERIC_BIGRAMS = frozenset(b for b in set().union(*_FAMILY_BIGRAMS) if sum(b in f for f in _FAMILY_BIGRAMS) >= 3)


# What a system serves or a machine is built of, which names it as surely as its own words: a 主要泵房 is the drainage
# pump room, so （ ）集中控制的主要泵房 gives 排水系统 away (blind read 6, T27); 机头和机尾滚筒 gives 带式输送机 (blind read 9, T4).
SERVED_BY = {
    "带式输送机": ("滚筒", "托辊", "输送带"),
    "刮板输送机": ("刮板", "溜槽", "中部槽"),
    "排水系统": ("泵房", "水泵", "水仓", "排水管路"),
    "瓦斯抽采系统": ("抽采泵", "抽采管路", "抽采钻孔"),
    "压风自救系统": ("空气压缩机", "压风机", "压风管路"),
    "消防管路系统": ("消火栓", "消防水"),
    "防尘供水系统": ("喷雾", "洒水", "防尘用水"),
    "通风系统": ("通风机", "风门", "风桥"),
    "供电系统": ("变电所", "变压器", "配电点"),
}


def named_elsewhere(sentence: str, start: int, term: str) -> bool:
    """Whether the sentence, outside the term at `start`, names or nearly names it: another name of its
    family, a telling bigram of the term (外喷雾 beside 内喷雾装置, 断电闭锁功能的 beside 甲烷断电仪) or what it serves
    (`SERVED_BY`: 主要泵房 beside 排水系统). A bigram the term shares with another family of its class tells nothing of
    which one it is: 检验机构 beside a blank keyed 定期检验 fits 监督检验 as well (特种设备安全法 第四十四条)."""
    rest = sentence[:start] + "|" + sentence[start + len(term) :]
    if any(name in rest for name in family_of(term)):
        return True
    if any(word in rest for name in family_of(term) for word in SERVED_BY.get(name, ())):
        return True
    return any(b in rest for b in _bigrams(term) - GENERIC_BIGRAMS - _class_bigrams(term))


def _class_bigrams(term: str) -> set[str]:
    """The bigrams of the other families of the term's class (what the term shares with them says nothing)."""
    cls, own = FAMILY[term]
    return set().union(*(_bigrams(t) for i, family in enumerate(TERM_CLASSES[cls]) if i != own for t in family))


def telling_bigrams(term: str) -> set[str]:
    """The term's bigrams that say which thing it is (排水 of 排水系统; not 系统, which many families share)."""
    return _bigrams(term) - GENERIC_BIGRAMS


def family_of(term: str) -> tuple[str, ...]:
    cls, index = FAMILY[term]
    return TERM_CLASSES[cls][index]


def term_spans(sentence: str) -> list[tuple[int, str]]:
    """Curated terms of `sentence` fit to ask, longest first at each place, as (start, term); none glued into a longer word."""
    spans = []
    for match in _TERM.finditer(sentence):
        term, start, end = match.group(0), match.start(), match.end()
        before = sentence[start - 1] if start else "，"
        if before not in _FREE_BEFORE or _GLUED_AFTER.match(sentence[end:]) or _COMPOUND_BEFORE.search(sentence[:start]):
            continue
        if term not in FAMILY_ONLY and not gas_phrase(sentence, start, term):
            spans.append((start, term))
    return spans


def one_character_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by at most one character (one edit: 二氧化碳 / 一氧化碳)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
