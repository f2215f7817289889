"""How much a sentence of an article matters to a frontline audience (班组长, 作业人员, the mine), 0..1.

A pure scorer, readable term by term. A sentence starts at 0.5 and
  + 0.15  its duty-bearer is the mine or its people (煤矿企业, 从业人员, 班组长, 作业人员 …), or,
          with no duty-bearer at its head, it names them before any state party (+ 0.1)
  + 0.15  it prohibits or compels (必须, 严禁, 不得, 禁止, 不准); 应当 alone + 0.05
  + 0.15  it states a limit: a number with a physical unit or a time (20m, 1.0%, 30min, 每班 …), unless the state
          (or a body serving it) bears the duty or the leadership meets or reports (`_LEADERSHIP`): its deadline or
          interval is procedure whatever its figure
  + 0.15  it says what to do in an emergency (撤出, 停止作业, 切断电源, 自救, 报警 …)
  + 0.1   it names a device, place, gas or system of the mine (`terms`)
  − 0.35  its duty-bearer is the state (人民政府, 监督管理部门 …) or a body serving it (检验机构, 检测机构, 鉴定机构,
          评价机构 …: `_SERVICE_BODY`), or − 0.3 it names one of them first
  − 0.3   it is procedure (批准, 批复, 许可证, 备案, 行政复议, 申请, 受理, 登记, 上报, 补报, 公示 …)
  − 0.35  it is a penalty (罚款, 处分, 吊销, 追究刑事责任 …)
  − 0.6   it is an engineering study of the ground or slopes (`_ENGINEERING_STUDY`: what a yearly landslide
          appraisal analyses), low even under a lead that binds the mine (露天煤矿…滑坡危险性鉴定，并遵守…), or else
  − 0.5   it is a value only a designer, a laboratory or a sales office works with (a new mine's depth, a machine's
          rated torque, calibration-gas purity, coal product quality, water quality, road–rail crossings, a clear
          height, where monitoring points go, a device's selection and performance: 监测精度, 测量周期 …), accidents another system handles (道路交通事故 …: `_OTHER_FIELD`),
          a surface facility sited on the ground or a decision whether something is needed (`_SITING`), a
          parameter of a drainage or protective-seam design (`_LAYOUT`: what a borehole controls, a drainage
          radius, a protective seam's lead), a description, not a rule (`described`: 金属挡栏一般是由槽钢…), the
          leadership's meetings and reports (`_LEADERSHIP`: 矿长应当每月至少进行1次防突专题研究, 重新进行地质类型划分)
          or special equipment serving the public (`public_equipment`: 客运索道、大型游乐设施, their 乘客; in a run for a mine, not one narrowed to documents) or an
          institution's duty in general words only (`generic_duty`: 矿山企业必须制定矿山事故防范措施, or a training
          duty with no figure, ban or act) or the coal trade (`coal_trade`: who sells, carries and buys coal), or
          − 0.8 what a design or an assessment contains, or the appraisal before designing (`design_contents`: 新建矿井
          设计文件中，应当有…资料), or the inspectors' own work (`inspection_work`: 检查人员可以…要求被检查单位提供相关
          材料), or the office's planning, institutional, investigation, revision or reporting work borne by the
          enterprise, the mine or its leaders with nothing for a worker to do at the face (`office_work`: 建立…制度,
          水文地质类型的定期修订, 降水量观测站的设立): not asked of the frontline however strict or exact, or else
  − 0.25  it is management or design (矿井设计, 开拓部署, 选址, 鉴定, 评价, 提取…费用 …), or else
  − 0.2   an institution's duty towards its people (用人单位应当对劳动者进行…培训, 建立档案 …)
clipped to 0..1, a closing clause naming the body that details the rule (…，具体目录由…制定并公布) left out. An article scores the mean of its best sentence and its average sentence, less
0.2 when it sits in a chapter on supervision, liability or licensing, and 0 when most of its sentences are about special
equipment serving the public (in a run for a mine, not one narrowed to documents); a question scores 0.3 of
its article and 0.7 of its sentence, less 0.15 for a figure of a structure or a design nobody acts on (`structure_figure`). An article opening on work only specialists do (sinking a shaft by drilling or
freezing, a fill borehole, the rescue brigade's organisation) scores 0. Below `THRESHOLD` a sentence is not asked, and an article
below `ARTICLE_THRESHOLD` yields nothing. Beside the score, a figure given as usual (一般为…), as a drainage hole's
spacing or as a design value (a list item's TBM脱困扭矩) is never blanked or changed though its sentence or list is
asked (`not_a_rule`), and an article's terms and statements
come from the clauses that tell people what to do before those that have the mine draw up a plan (`frontline_first`).

    卫生行政部门应当自收到申请之日起三十日内作出是否批准的决定      → 0.1
    煤矿企业应当每年至少组织2次应急演练                              → 1.0

That is the score for the default audience, 一线职工 (`FRONTLINE`). For 管理人员 (`MANAGERS`: 安全管理人员 and 主要负责人,
examined on the employer's and the leadership's duties, licences, registration, inspection, reporting and the agency
procedure the mine acts on) the same scorer runs without the terms that push management and agency business down: a
duty borne by the state or a body serving it (but its deadlines), procedure, the leadership's meetings and reports (and their figures), keeping
records, management, the employer's duties towards its people or in general words (`generic_duty`), the coal trade, design
contents, the inspectors' own work and an agency chapter each count 0. A deadline the state or a body serving it keeps (the examiners' ten days to publish scores) is
another body's business and counts down for both, and of an article binding the mine and such a body the mine's duty
is asked (`acted_on`). Penalties, values only a designer or a laboratory works with, engineering studies of the ground,
other fields, siting, descriptions and specialists' work stay down for both. A run chooses its audience once (`for_audience`, set by `pipeline.generate_theory` from the CLI's
`--audience` and the review page's 出题对象); every score below reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from corpus.rulewords import STRICT, rule_words
from quiz.generation import articles as read
from quiz.generation import terms as kt

THRESHOLD = 0.45
ARTICLE_THRESHOLD = 0.4

FRONTLINE = "frontline"
MANAGERS = "managers"
#: Who a run is for, with the label a trainer chooses it by.
AUDIENCES = {FRONTLINE: "一线职工", MANAGERS: "管理人员（安全管理人员、主要负责人）"}
_AUDIENCE: ContextVar[str] = ContextVar("audience", default=FRONTLINE)


@contextmanager
def for_audience(audience: str) -> Iterator[None]:
    """Score for `audience` (a key of `AUDIENCES`) inside the block."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience: {audience}")
    token = _AUDIENCE.set(audience)
    try:
        yield
    finally:
        _AUDIENCE.reset(token)


def current_audience() -> str:
    """The audience scores are taken for now (`for_audience`; `FRONTLINE` outside any)."""
    return _AUDIENCE.get()


def asks_agencies() -> bool:
    """Whether the run's audience is examined on what the state and its bodies do (`MANAGERS`): the generators then
    ask who bears a duty towards an agency, how soon a state body reports and state a state party's duty true or
    changed, which they leave out for the frontline."""
    return _AUDIENCE.get() == MANAGERS

_FRONTLINE = re.compile(
    r"从业人员|班组长|班组|作业人员|职工|劳动者|入井人员|下井人员|井下工作人员|工作人员|爆破工|司机|检查工|工人|"
    r"矿长|煤矿企业|煤矿|矿井|矿山企业|生产经营单位|用人单位|队长|带班|现场有关人员|现场人员|单位负责人|主要负责人"
)
_STRICT = rule_words(STRICT, ("不应",))
_EMERGENCY = re.compile(
    r"撤出|撤离|撤人|撤到|停止作业|停止工作|停止运转|停产|停止生产|切断电源|断电|停电|避灾|避险|自救|互救|抢救|报警|"
    r"紧急|应急|险情|透水|突水|火灾|冒顶|窒息|中毒|救援|急救|事故发生后|发生事故|立即报告|立即向"
)
# (The public fire and rescue service, 消防救援机构 and the 消防队 of 消防法, checks and answers calls as the state does:
# what it must do is no unit's duty.)
_STATE = re.compile(
    r"人民政府|国务院|部门|监察|公安机关|人民法院|人民检察院|考核发证|"
    r"有关部门|管理部门|机关|行政主管|海关|仲裁委员会|消防救援机构|消防救援队|消防队"
)
# (登记建档 is a mine's own register of its major hazards, 安全生产法 第四十条, not a registration with the state; 取得许可
# 生产的 says what a user may use, equipment made under licence and inspected (…使用取得许可生产…的特种设备), the user's own rule.)
_PROCEDURE = re.compile(
    r"批准|审批|许可证|(?<!取得)许可|颁发|发证|备案|行政复议|行政诉讼|提起诉讼|申请|受理|核准|审查|登记(?!建档)|公告|公布|听证|注销|"
    r"换发|延期|办理|报送|审核|上报|补报|立案|仲裁|复议|起诉|统计|规划|财政|税|调查组|批复|公示|暂扣"
)
_PENALTY = re.compile(r"罚款|处分|拘留|追究|没收|责令|刑事责任|赔偿|罚金|处罚|吊销|撤销|关闭|取缔")
# Management and design: what the mine's office decides, not what a worker at the face does or must not do. A worker's
# 职业病诊断、鉴定 is his own medical appraisal, not a design's (煤矿企业…提供职业病诊断、鉴定所需…资料).
_DESIGN = re.compile(
    r"设计|开拓部署|选址|(?<!诊断、)鉴定|评价|评估|可行性|规划|提取|费用|资金|经费|财务|投入|招标|发包|承包|验收|布局"
)
# Values only a designer, a laboratory or a sales office works with: what a new mine is built for, a machine rated
# at, a calibration gas made of, the coal sold as, and road and rail crossings on the surface (规程 第六百一十条).
# A structure's clear height (罐笼各层净高, 巷道净高) and where monitoring points go are set when it is built or
# surveyed (blind read 3: T27 罐笼净高1.8m, T5 噪声监测点).
# What a buyer checks when choosing equipment is a sales office's value too (blind read 13, T5: how slope-monitoring devices are chosen,
# an accuracy better than 1mm and a measuring cycle of 10min at most): a device's selection, its technical or performance indicators,
# its accuracy, resolution and measuring cycle. A core logged in the laboratory's way (岩芯法: from what depth the discs of a
# core are counted, managers' blind read 9, T21) is a technician's step.
_OFF_FACE = re.compile(
    r"开采深度|生产能力|额定扭矩|脱困扭矩|纯度|原料气|校准气样|产品质量(?!合格证明)|煤质|商品煤|道口|公路与铁路|铁路与公路|立体交叉|"
    r"平面交叉|交角|净高|监测点|不确定度|悬浮物|pH值|碳酸盐硬度|大肠菌|"
    r"设备的选取|设备选型|(?:技术|性能)指标|分辨率|(?:监测|测量)精度|测量周期|岩芯法|圆片数"
)
# Agencies that are not the state but serve it and the mine: inspection, testing, appraisal and certification bodies
# (特种设备检验机构接到定期检验要求后…及时进行安全性能检验, blind read 6 T5; 鉴定机构应当在…4个月内完成鉴定工作). What
# they do is agency procedure, scored as the state's; the user's own duties towards them (使用单位应当…向特种设备检验机构
# 提出定期检验要求) keep the user at the head and stay asked.
_SERVICE_BODY = re.compile(r"(?:检验|检测|鉴定|评价|认证|认可)机构|技术服务机构")
# Accidents and safety that other systems handle, outside a mine's field (blind read 6 T23: 道路交通事故、火灾事故自发生之日起
# 7日内…补报; 安全生产法 第二条 on road, rail and water traffic safety): a mine's own fire (处理矿井火灾事故时) is not one.
# Trades that serve the public in town (安全生产法 第三十六条: 餐饮等行业…使用燃气的，应当安装可燃气体报警装置, blind read 14,
# T37) are of that field too.
# Housing estates, public places and public transport (消防法 第十八条 on a 住宅区's 物业服务企业, 第二十三条 on carrying
# inflammables into a 公共场所 or onto 公共交通工具) are that field too.
_OTHER_FIELD = re.compile(
    r"道路交通|铁路交通|水上交通|民用航空|海上设施|船舶|餐饮|宾馆|饭店|商场|娱乐场所|公众聚集场所|住宅区|物业服务|公共场所|公共交通"
)
# Special equipment that serves the public, not a mine (blind read 8, T16: 特种设备安全法 第四十三条 on 电梯、客运索道、大型
# 游乐设施 and their passengers): its operators' duties and the riders' conduct. Boilers, pressure vessels, hoisting
# machinery and a mine's own lifts stay asked. An article most of whose sentences are about it is of that field as a
# whole (`article_relevance`), so the one sentence that names only 电梯 does not keep it asked.
_PUBLIC_EQUIPMENT = re.compile(r"客运索道|大型游乐设施|游乐|乘客|游客|公众乘坐|为公众提供服务")
# Equipment a mine runs, named in the same list (锅炉、压力容器、起重机械、客运索道、大型游乐设施的安装…): the rule holds for it.
_MINE_EQUIPMENT = re.compile(r"锅炉|压力容器|压力管道|起重|气瓶|场（厂）内|提升")


# Parties a coal mine never is (managers' blind read 3, T23 and T27: a fine on an 电梯制造单位 or on a 经营单位 selling
# scrapped equipment): who makes, installs, sells, rents, fills or inspects special equipment, serves as a technical or
# medical body, designs or supervises works (a coal carrier or dealer is a managers' matter, blind read 11). A mine buys, uses and maintains such equipment and employs its
# operators (特种设备使用单位, 特种设备作业人员), and a party named with the mine (特种设备生产、经营、使用单位) binds it too.
_NOT_A_MINE = re.compile(
    r"制造|出厂|型式试验|(?<!使用)生产单位|生产活动|(?<!生产)(?<!煤炭)经营(?:单位|企业)|销售|出租|进口|充装|电梯|"
    r"安装、改造、修理|(?:检验|检测|鉴定|评价|认证|认可|技术服务|诊断|医疗卫生|医疗|职责)的?机构|技术服务|"
    r"设计单位|监理单位|码头|探矿权人|^向[^，。；]{0,30}(?:提供|供应|出售|销售)"
)
_A_MINES_PARTY = re.compile(
    r"使用单位|生产经营单位|用人单位|煤矿|矿山企业|矿井|矿长|主要负责人|从业人员|作业人员|劳动者|职工|采矿权人|被检查单位"
)
# What an agency does as supervisor (依法履行监督职责, 实施监督检查, 进行监督抽查): its own business, not the mine's.
_SUPERVISES = re.compile(r"监督|监管|监察|督促|检查|抽查|执法")
_HEAD_ENDS = re.compile(r"应当|必须|不得|严禁|禁止|不准|可以|不必|有权|负责|，")
_FINED_FOR = re.compile(r"^违反本(?:法|条例|规定|办法)规定，")


def not_a_mines_party(sentence: str) -> bool:
    """Whether the party a sentence binds (its head, up to the modal or the first comma; of a penalty, the violation up
    to its 的，) is one a coal mine never is (`_NOT_A_MINE`), no party of the mine's (`_A_MINES_PARTY`) named before
    it: 电梯制造单位未…的, 检验、检测机构及其人员应当…, 未进行型式试验的."""
    clause = _FINED_FOR.sub("", sentence)
    head = clause.split("的，", 1)[0] if "的，" in clause[:80] else _HEAD_ENDS.split(clause, maxsplit=1)[0]
    third = _NOT_A_MINE.search(head)
    if not third:
        return False
    mine = _A_MINES_PARTY.search(head)
    return not mine or mine.start() > third.start()


# A party at the head of a clause that is no place of the mine's: what ends in 厂, 所, 站, 委员会, 机构 … may be a place
# of the mine too (井下中央变电所, 抽采泵站), so it counts as another party's duty only when what it must do is to tell
# someone (`_TELLS`), which no place does.
_ORGANISATION = re.compile(
    r"^[\u4e00-\u9fa5、]{0,20}?(?:厂|(?<!场)所(?![有在属需述])|站|公司|委员会|协会|学会|局|院|中心|机构|学校)"
)
_TELLS = re.compile(
    r"^(?:立即|及时|先|首先|提前|事先|定期)?(?:向[^，。；]{1,30}?|[将把][^，。；]{1,40}?)?(?:书面)?(?:通知|报告|告知|汇报|通报|报送)"
)
_MINES_SIDE = re.compile(
    rf"{_A_MINES_PARTY.pattern}|{_FRONTLINE.pattern}|[\u4e00-\u9fa5]{{0,6}}(?:人员|工|员|长|司机)(?=[，在对向将应必])"
)
_OTHERS = re.compile(rf"{_STATE.pattern}|{_SERVICE_BODY.pattern}|{_NOT_A_MINE.pattern}")


def others_duty(sentence: str, index: int) -> bool:
    """Whether the duty whose modal stands at `index` is borne by a party outside the mine: the first party named in
    the clauses before the modal (the nearest clause first) is the state or a body serving it, a party a coal mine never
    is (`_NOT_A_MINE`), or another organisation whose duty is to tell someone (变电所或者电厂在停电前，必须将…通知矿调度室;
    居民委员会…发现…时，应当向当地人民政府报告). Made a dispensation (不必通知), such a duty is nobody's shortcut: no one
    the run is for does the act, so the false statement is a bare negation read as absurd, not a rule to learn
    (managers' blind read 6, T38). A duty of the mine or its people (从业人员发现事故隐患…应当立即报告, 矿长应当定期向
    职工代表大会报告) or of no one named (修复旧井巷时，必须首先检查瓦斯) is not, nor in a run for managers the state's."""
    head = re.split(r"[。；]", sentence[:index])[-1]
    for clause in reversed([c for c in head.split("，") if c]):
        mine, other, body = _MINES_SIDE.search(clause), _OTHERS.search(clause), _ORGANISATION.match(clause)
        named = [m for m in (mine, other, body) if m]
        if not named:
            continue
        first = min(m.start() for m in named)
        if other and (other.start() <= first or not mine):
            # The state's or a serving body's duty is what a run for managers asks (`asks_agencies`): flipped there as
            # the others are.
            return not asks_agencies() or bool(_NOT_A_MINE.search(clause))
        if mine and mine.start() == first and not (body and body.end() >= mine.end()):
            return False
        return bool(body) and bool(_TELLS.match(sentence[index + 2 :]))  # after 必须 or 应当
    return False


def public_equipment(sentence: str) -> bool:
    """Whether a sentence is about special equipment serving the public alone (`_PUBLIC_EQUIPMENT`)."""
    return bool(_PUBLIC_EQUIPMENT.search(sentence)) and not _MINE_EQUIPMENT.search(sentence)
# What the mine's leadership does in its office (blind read 8: T15 an outburst mine head's monthly study of outburst prevention, T29 煤矿应当在
# 1年内重新进行地质类型划分): meetings that study and deploy work, and geological or hydrogeological reports and
# classifications drawn up or redone. Their interval is procedure whatever its figure, as an agency's deadline is.
# The leaders' own qualification (主要负责人和安全生产管理人员考试没过的，可补考一次; 应当每年组织主要负责人和
# 安全生产管理人员进行…安全培训) is theirs and the examiners' business too.
_LEADERSHIP = re.compile(
    r"专题研究|专题会议|办公会议|(?:修编|编制|修订|重新进行|重新编制)[^，。；]{0,12}?(?:报告|类型划分)|类型划分报告|"
    r"(?:主要负责人|矿长)和(?:安全生产|职业卫生)?管理人员[^。；]*?(?:考核|考试|补考|任职|培训|知识和管理能力)"
)
# Where a surface facility is sited on the ground (blind read 6 T25: 不得将矸石山设在…表土层10m以浅有煤层的地面): the
# designer's choice, made once. A distance people keep from it (a timber yard or waste heap kept 80m from the intake shaft) is no siting,
# nor is where a crew puts a thing underground (应当将接头设在中间水平巷道内, the electrician's).
# A decision whether something is needed at all (施工单位应当…确定是否需要储备…提升钢丝绳, blind read 6 T2) leaves the matter
# to management: no rule anyone keeps.
_SITING = re.compile(
    r"(?:将|把)[^，。；]{1,12}(?:设在|设于|建在|布置在|设置在)[^。；]*(?:地面|表土|塌陷|地段|场地)|确定是否|是否需要"
)
# Parameters of a gas-drainage or outburst-prevention design, which the engineers set in the 防突 design and a miner
# never measures or keeps (blind read 5: T1 规程 第二百二十八条 (七) 预抽钻孔应当控制…上部法向距离至少20m, T33 第二百二十四条
# protective-seam lead ≥3× the normal distance and ≥100m): anything about mining a protective seam (保护层, its lead,
# thickness, spacing, expansion), what a drainage borehole controls (钻孔应当控制…, 控制范围), a drainage or injection
# radius, a stress-relief range, a borehole's trajectory and how long drainage runs. Not here, because a crew keeps
# them at the face: how far a probe or relief hole or the face itself stays ahead (探放水钻孔超前距不得小于30m, 其超前距
# 不得小于5m, 工作面前方形成5m以上的安全屏障, 工作面距…无效范围的边界不得小于20m), a hole's depth and seal (孔深不小于5m,
# 封孔长度), an injection pressure, distances to an outburst seam at which work changes (距煤层法向距离5m…远距离爆破).
_LAYOUT = re.compile(
    r"保护层|控制范围|钻孔[，、]?(?:应当|必须|应)?(?:至少|有效)?控制|控制[^，。；]{0,8}?煤层(?:前方|全厚)|"
    r"(?:抽采|抽放|排放|抽排|注水|有效)[^，。；]{0,4}半径|卸压范围|钻孔的?轨迹|有效抽采时间"
)
# Articles on work only specialists do, read from the article's opening: sinking a shaft by drilling or freezing,
# feeding fill down a borehole, and the rescue brigade's own organisation and tasks (blind read 3: T22 钻井法,
# T30 下料孔, T24 救护队 led by a 中队指挥员). 现场人员应当进行自救 (the miners' own part) does not open so.
_SPECIALIST_WORK = re.compile(
    r"^[^。：]{0,12}采用[^。：，]*(?:钻井法|冻结法)|^[^。：]*下料孔|^(?:多支)?(?:矿山|专职|兼职)?救护队|组织专职救护队"
)
# An employer's own duties towards its people (training them, keeping records, setting up bodies): below the rules
# the people themselves must keep.
_EMPLOYER_DUTY = re.compile(r"培训|教育|档案|制度|机构|配备|告知|公告|计划|考核|体检|保险|工资|合同")
_INSTITUTION = re.compile(r"(?:单位|企业|煤矿|矿山|矿井)$")
# A figure of a structure or a design rather than of what people do (blind read 3 and the author's reads: 吊桶升降人员的
# 最大速度…7m/s, 单个库房的炸药最大容量不得超过25t, 保护层的开采厚度…80m, 井口衬砌): a dimension of a thing bounded by a
# figure (…容量不得超过, …厚度不大于), or something built (设计, 布置, 建设, 衬砌 …), with nobody acting after it (检查, 撤出,
# 停止, 站人, 爆破 …). A limit people keep or check (风速, 浓度, a distance, a wait) is not a dimension of a thing. A
# structure's members and walls (槽钢, 钢筋, 墙体, 墙垛, 砌体: a reverse air door's wall keyed into the coal all round, …不小于0.5m) are
# built too; a support's spacing or a blast hole's depth is not, since the crew sets them every shift. These stay
# ranked low rather than unasked: the crew that builds the thing does keep its figure (blind read 5 accepted T36, a
# fill ≥0.5m over a 碹 arch), but an article with anything else asks that.
_DIMENSION = re.compile(
    r"(?:高度|净高|宽度|净宽|厚度|直径|深度|长度|容量|容积|速度|断面|坡度|半径|面积|载荷|荷载|强度)(?:的)?(?:最大|最小)?(?:值)?"
    r"(?:不得|不应|应当|应|必须)?不?(?:超过|大于|小于|低于|高于|少于|等于|为|达到)"
)
_BUILDS = re.compile(r"设计|布置|建设|建筑|衬砌|砌筑|砌体|浇筑|开凿|构筑|墙体|墙垛|槽钢|钢筋")
_ACTS = re.compile(
    r"人员|人工|作业|检查|撤出|撤离|撤人|停止|停电|停风|进入|爆破|起爆|装药|等待|操作|携带|佩戴|站人|行走|行人|乘|测定|检测|"
    r"巡视|处理|清理|报告|排放|通过|维修|检修|启动|开动|司机"
)
# A closing clause that only says which body details the rule (…，具体目录由…机构制定并公布): no duty of
# anyone asked, so the rule before it is scored alone (煤矿企业不得使用应当淘汰的…设备、工艺 is the mine's ban).
_DETAILED_BY = re.compile(r"[，；]具体[^，。；]{0,30}?由[^，。；]{2,40}?(?:制定|规定|确定)[^，。；]*$")
_AGENCY_CHAPTER = re.compile(r"监督管理|监督检查|法律责任|罚则|行政许可|许可|审批|附则")
_MONEY = ("元", "万元")
# How long an office keeps records (records of anti-bump works kept 3 years at least; 备份的数据及介质应当保存2年以上; 视频应当
# 保存1个月以上): paperwork no frontline worker keeps (blind read 7, T31, T33).
_RECORDS = re.compile(r"记录|档案|资料|台账|图纸|数据|介质|录音|视频|报表|票|日志|文件|报告|存根")
_RETENTION = re.compile(
    r"(?:保存|保留|存档|留存)(?:时间|期限|期)?[^，。；]{0,8}?(?:\d|[一二两三四五六七八九十])[^，。；]{0,3}?(?:年|个月|月|天|日)"
)


# A duty with nothing to know in it (blind read 9, T30: 矿山企业必须制定矿山事故防范措施): an institution must draw up, set
# up or carry out measures, a system or a responsibility named only in general words, with no figure, no act of a
# worker and no thing of the mine; nobody would mark it false. A named system (应急演练制度, 入井检身制度) is specific.
_GENERIC_DUTY = re.compile(
    r"^[^，。；、]{0,10}(?:企业|单位|煤矿|矿山|矿井)(?:必须|应当)(?:(?:制定|建立|健全|落实|加强|做好|完善|组织)、?)+"
    r"(?:(?:全员|本单位|矿山|煤矿|事故|安全生产|安全|防范|管理|岗位|各项|相应的?|有关的?|必要的?|规章)、?)*"
    r"(?:措施|制度|责任制|规章制度|管理|工作|机制|体系)(?:，?并(?:组织)?(?:落实|实施))?$"
)
# An institution's duty to train or educate its people in general words (blind read 11, T19: 煤炭企业、煤矿应当对井下职工
# 进行防治水知识的教育和培训，…提高…能力): the institutions may come as a list, and the duty may name the subject and
# add a purpose (提高…, 保证…). With no figure, no ban and no act at the face in the sentence, everyone marks it 正确 and
# learns nothing. A training with a figure (每年不少于20学时, 在30s内盲戴) or a ban beside it (未经培训的，不得上岗) stays.
_TRAINS = re.compile(
    r"^[^，。；]{0,30}?(?:企业|单位|煤矿|矿山|矿井)(?:必须|应当)(?:定期)?(?:组织)?对[^，。；]{1,20}?进行[^，。；]{0,24}?(?:教育|培训)"
)
_BANS = rule_words(("严禁", "不得", "禁止", "不准"), ())
# Coal trade, not mine safety (blind read 11, T10: a carrier keeps coal of different grades apart): who sells, carries,
# unloads and buys coal, of what quality and at what price. A mine's own haulage (井下运输, 运输巷) is no trade.
_COAL_TRADE = re.compile(r"煤炭(?:经营|用户|质量|购销|销区|进出口)|质级|质价|掺杂|直销|购进煤炭|承运|分装|分堆|接卸|运力")
# An engineering study of the ground or the slopes (blind read 9, T36: the past year's slope monitoring a yearly landslide appraisal analyses): what a
# geotechnical assessment covers and analyses, its survey and laboratory tests, are the engineers' work, not a rule a
# worker keeps (a bench height or a berm at the face stays asked; an outburst or bump appraisal stays management).
_ENGINEERING_STUDY = re.compile(
    r"(?:滑坡|边坡)[^，。；]{0,6}(?:鉴定|评价|评估|勘察)|工程地质[^，。；]{0,8}勘察|物理力学|分析[^，。；]{0,6}监测数据"
)


# Matters of the mine's office rather than of anyone at work (blind read 10): the qualifications a leader is appointed
# with (矿长…应当具备…学历，具有三年以上…工作经历, T36), what the 建设单位 of a project does before the mine runs (T17) and
# a law's 安全第一 slogan (特种设备安全工作应当坚持安全第一…的原则, T10). A manager is examined on each of them; a worker
# keeps none. A worker's own qualification (特种作业人员应当具备初中及以上文化程度) and a technical principle (区域综合
# 防突措施先行…的原则) are no such matter. (A user's dealings with the inspection body, T23, stay asked: the exam banks
# ask them, `bench/exam_articles.tsv`.)
_OFFICE_MATTER = re.compile(
    r"^(?![^，。；]*(?:作业人员|防突工|工人|师傅))[^。；]*(?:学历|工作经历|从业经历|任职资格|任职条件)|"
    r"^[^，。；]{0,12}建设单位|坚持[^。；]*(?:安全第一|预防为主|综合治理)[^。；]*的(?:原则|方针)$|"
    # The leadership's own qualification (矿长应当经考试合格，具备…能力: frontline read 12, T19) and an institution's
    # systems named as a list (使用单位应当建立值班、交接班、巡检等管理制度: T34): nothing a miner does or decides.
    r"^(?:[^，。；]{0,8}主要负责人|矿长)(?:必须|应当)(?:经过|经)?(?:考核|考试)|"
    r"^[^，。；、]{0,10}(?:企业|单位|煤矿|矿山|矿井)(?:必须|应当)(?:建立|健全|制定)[^，。；]{2,40}?等[^，。；]{0,8}制度(?:，[^。；]{0,30})?$|"
    # Where works not yet built are placed (新建的…硐室不得布置在…煤层中: blind read 18, T21) and whom the mine may hire
    # (新招收的…队员，应当具有…文化程度，年龄在…以下: T22): the planners' and the personnel office's business, even as a ban.
    r"^新建(?:的)?[^，。；]{1,20}?(?:不得|严禁|禁止|必须|应当)?(?:布置|设置|建设|建|设)(?:在|于)|"
    r"^[^，。；]{0,6}(?:新招收|招收|招聘|招录)[^，。；]{0,12}?(?:人员|队员|职工|工人)[，,]?(?:应当|必须)(?:具有|具备|年满|符合)"
)


# What a design, a plan, an assessment or a report must contain, and the appraisals done before a mine, a level or a
# district is designed (frontline read 12, T22: 新建矿井设计文件中，应当有…煤层的瓦斯含量资料; 矿井在设计前必须完成…灾害评估
# 工作，评估主要包含下列内容：…; 事故调查报告应当包括下列内容：…): engineers and investigators write them, a frontline worker
# never does. A 作业规程 or 安全技术措施 the crew works by (…必须在作业规程中明确规定) is no such document.
_DESIGN_CONTENTS = re.compile(
    r"(?:设计|规划|评估|评价|说明书|报告)(?:文件|报告)?中[，,]?(?:应当|必须|应)(?:有|包括|包含|载明|列明|注明|标明)|"
    r"(?:设计|规划|评估|评价|说明书|报告)(?:工作)?(?:主要|应当)?(?:包括|包含)(?:下列|以下)?(?:主要)?内容|"
    r"设计前|作为[^，。；]{0,16}设计的依据"
)
# The work of an inspection or supervision body and of its people (特种设备检验、检测工作应当遵守…; 检查人员可以…要求被检查
# 单位提供相关材料; 职业卫生监督执法人员应当忠于职守): the inspectors' own duties and powers, heading a clause. The mine's duty
# towards them (被检查单位应当如实提供, 生产经营单位对…监督检查人员…应当予以配合) keeps the mine at the head and stays.
_INSPECTORS_ACT = re.compile(
    r"(?:^|[，；：])(?:特种设备|职业卫生)?(?:安全)?(?:监督)?(?:检验、检测|检验|检测|检查|执法|监察|监督检查|监督执法)(?:工作|人员)"
    r"(?:依法[^，。；]{0,10}?时，)?(?:应当|必须|可以|有权|不得|负责)"
)
_INSPECTION_WORK = re.compile(r"监督检查工作|检验、检测工作|检验检测工作")


def design_contents(sentence: str) -> bool:
    """Whether a sentence says what a design, a plan or an assessment contains, or what is done before designing
    (`_DESIGN_CONTENTS`)."""
    return bool(_DESIGN_CONTENTS.search(sentence))


def inspection_work(sentence: str) -> bool:
    """Whether a sentence is the inspectors' own duty or power (`_INSPECTORS_ACT`), or is about the supervision or
    inspection work with no party of the mine at its head (`_INSPECTION_WORK`: 监督检查工作应当遵循…的原则)."""
    if _INSPECTORS_ACT.search(sentence):
        return True
    return bool(_INSPECTION_WORK.search(sentence)) and not _mine_side(sentence)


def office_matter(sentence: str) -> bool:
    """Whether a sentence is a matter of the mine's office a frontline worker keeps nothing of (`_OFFICE_MATTER`)."""
    return bool(_OFFICE_MATTER.search(sentence.rstrip("。；")))


# Duties the mine's offices carry out for it, none of them an act of a worker or a crew (blind read 17: T8 a water accident
# reported to the agencies, T24 yearly 三量 statistics, T30 an adit drain sized for 1.2 times the largest inflow): the
# employer's report to a state body (用人单位…应当及时向所在地卫生行政部门报告) or the
# licence it obtains (煤矿企业…应当…取得安全生产许可证; 未取得…不得生产 is a ban and stays), statistics and their analysis, a drain
# or a channel sized against the mine's inflow, and the survey, exploration and studies done before a mine or a
# trial working is built or while the ground is not yet known (补充勘探, 勘探报告, 可行性研究阶段, 地质测量部门 …).
# A worker's own report (从业人员发现事故隐患…应当立即报告) opens on the worker and stays; so does a sentence that also
# orders an act at the face or in an emergency (立即采取应急救援和控制措施，并及时报告…; …严禁进行采掘活动), the pump
# that must clear a day's inflow in 20h (no multiple of the inflow) and a count of the people underground in a rescue.
_REPORTS_TO_AGENCY = re.compile(
    r"(?:报告|上报|报送|通报)[^，。；]{0,16}?(?:人民政府|政府|行政部门|有关部门|主管部门|职责的部门|监察|监管)|"
    r"向[^，。；]{0,30}?(?:人民政府|政府|行政部门|有关部门|主管部门|职责的部门|监察|监管)[^，。；]{0,10}?(?:报告|上报|报送|通报)|"
    r"^[^，。；]{0,12}(?:企业|单位|煤矿)[^。；]{0,24}?应当[^，。；]{0,24}?取得[^，。；]{0,12}?许可证$"
)
_OFFICE_WORK = re.compile(
    r"统计(?:和|与|、)?分析|统计分析|(?:开拓|准备|回采)煤量|(?:过水|泄水)能力|涌水量的[^，。；]{0,4}倍|"
    r"补充勘探|勘探报告|地质勘查|可行性研究|建井前|建设前|地质测量(?:工作|部门)|(?:水文地质|地质|工程地质)调查"
)
_WORKER_HEAD = re.compile(
    r"^[^，。；]{0,12}?(?:从业人员|作业人员|现场人员|现场有关人员|入井人员|职工|工人|班组长|司机|带班)"
)
_ACTS_NOW = re.compile(
    r"撤出|撤离|撤人|停止作业|停止工作|停止采掘|切断电源|自救|互救|抢救|(?:组织|进行|参加|实施)[^，。；]{0,4}?救援|"
    r"采取[^，。；]{0,10}?措施|(?:严禁|不得|禁止|不准)(?!小于|大于|低于|高于|超过|少于|迟报|漏报|谎报|瞒报|隐瞒|拖延)"
)


def office_duty(sentence: str) -> bool:
    """Whether a sentence is a duty the mine's offices carry out, not a worker or a crew: a report to a state body
    (`_REPORTS_TO_AGENCY`) not opening on a worker, statistics, a drain sized against the inflow, or survey and
    studies before building (`_OFFICE_WORK`), with no act at the face or in an emergency beside it (`_ACTS_NOW`)."""
    sentence = sentence.rstrip("。；")
    if _ACTS_NOW.search(sentence):
        return False
    if _OFFICE_WORK.search(sentence):
        return True
    return bool(_REPORTS_TO_AGENCY.search(sentence)) and not _WORKER_HEAD.search(sentence)


# The office's planning, institutional, investigation, revision and reporting work (trainer audit 4, 煤矿防治水细则 for 一线职工:
# 第六条 the mine's water-control responsibility systems, 第十四条 revising the hydrogeological type every few years,
# 第二十五条 a rainfall station where no weather station is near): a duty whose bearer is the enterprise, the mine, its leaders or its technical offices
# (or a document or classification of theirs, or no one named) and whose act is setting up a system, a register, a body
# or a station, drawing up, revising or redoing a plan, report or classification, investigating or surveying,
# collecting data, keeping in touch with an agency, or reporting. A worker keeps nothing of it however exact its
# figure. Not when a worker or a crew bears the duty (`_WORKERS`), nor when the sentence also tells someone what to do
# or not to do at the face (`_FACE_ACT`: 发现突水征兆…立即撤出…人员, 不得进入, 每10天测风).
_MODAL_AT = re.compile(r"应当|必须|(?<![反适供响效])应(?!急|用|力|变|答|聘|当)|须")
_OFFICE_PARTY = re.compile(
    r"企业|煤矿|矿井|矿山|单位|主要负责人|矿长|总工程师|技术负责人|地测|防治水(?:机构|部门)|(?:技术|管理)部门|"
    r"类型|报告|规划|计划|台账|档案|资料|图件|制度"
)
_WORKERS = re.compile(
    r"从业人员|作业人员|现场人员|现场有关人员|入井人员|下井人员|井下人员|职工|工人|班组|司机|带班人员|跟班|"
    r"[\u4e00-\u9fa5]{0,4}工(?=[，在对向将应必不])|(?<!管理)(?<!技术)人员"
)
_OFFICE_ACT = re.compile(
    r"^[^，。；]{0,12}?(?:"
    r"建立|健全|(?:制定|编制)(?![^，。；]{0,30}?措施)|修订|修编|"
    r"重新(?:确定|划分|编制|进行)[^，。；]{0,10}?(?:类型|等级|划分|报告|设计|规划)|确定[^，。；]{0,10}?类型|划分|"
    r"收集|整理|调查|勘探|勘查|查明|补充勘探|掌握|研究|分析|论证|评价|"
    r"报告|上报|报送|备案|通报|配备[^，。；]{0,10}?(?:人员|机构|队伍)|设立|设置[^，。；]{0,6}?机构|"
    r"加强[^，。；]{0,12}?(?:沟通|联系|协调|管理)|填绘|绘制|标出|标注|建档|归档|存档|储备|组织[^，。；]{0,8}?队伍|"
    r"工作进行[^，。；]{0,4}?检查"
    r")|^(?:对|将)[^。；]{0,40}?(?:进行[^，。；]{0,16}?(?:观测|调查|勘探|勘查|普查|研究|分析|评价|鉴定)|填绘|标注|标绘)|"
    r"^[^，。；]{0,6}?结果(?:应当|必须)?(?:报|上报|报送)"
)
_FACE_ACT = re.compile(
    r"严禁|不得|禁止|不准|撤出|撤离|撤人|撤至|撤到|停止(?:作业|工作|采掘|掘进|生产)|切断电源|断电|停电|自救|互救|报警|佩戴|"
    r"携带|测风|测定|巡视|爆破|装药|打钻|钻孔施工|进入|作业(?!规程)"
)

# A system, plan or measure named by what it governs (重大水患停产撤人制度, 探放水设计): its name tells no one what to do.
_NAMED_PAPER = re.compile(r"[^、，。；]{1,12}?(?:制度|责任制|预案|规程|设计|措施|计划)")

# One or two systems the people work by, each named (煤矿必须建立瓦斯检查制度, 出入井人员清点制度和入井检身制度, 应急演练制度:
# blind reads 9 and 12 kept them asked): theirs to know. A list of them, or a management or responsibility system, is the
# office's (`office_matter`, 第六条's 岗位责任制、…管理制度、…等).
_WORKED_BY = re.compile(
    r"^(?:建立|健全|建立健全)(?![^，。；]*(?:管理|责任|考核|预测预报|目标|体系))[^，。；、]{2,30}?制度$"
)


def office_work(sentence: str) -> bool:
    """Whether a sentence is the office's planning, institutional, investigation, revision or reporting work (see
    `_OFFICE_ACT`), borne by the enterprise, the mine, its leaders or offices, or a document of theirs, or by no one
    named, never a worker, with nothing done at the face beside it (`_FACE_ACT`): its first act and two in three of
    its acts are the office's."""
    sentence = sentence.rstrip("。；")
    if _FACE_ACT.search(_NAMED_PAPER.sub("", sentence)):
        return False
    modal = _MODAL_AT.search(sentence)
    if modal is None:
        return False
    head, duty = sentence[: modal.start()], sentence[modal.end():]
    if _WORKERS.search(head):
        return False
    # No one named: the head is empty or only says when (每年雨季前，…: 职业病诊断，应当… names a topic, not a time).
    unnamed = all(re.search(r"^每|(?:时|前|后|的|期间)$", c) for c in head.split("，") if c)
    named = _OFFICE_PARTY.search(head) or unnamed
    if _WORKED_BY.match(duty):
        return False
    acts = [bool(_OFFICE_ACT.search(clause)) for clause in _duties(duty)]
    # The first act the office's and most of the rest (a check before the rainy season, then its measures, its patrols and its rescue team…).
    return bool(named) and bool(acts) and acts[0] and sum(acts) * 3 >= len(acts) * 2


def _duties(duty: str) -> list[str]:
    """The acts a duty names one after another (及时收集…，建立…台账): each clause after the modal, a clause opening on
    another modal cut at it."""
    out = []
    for clause in duty.split("，"):
        clause = clause.strip()
        if not clause:
            continue
        again = _MODAL_AT.search(clause)
        out.append(clause[again.end():] if again else clause)
    return out


def generic_duty(sentence: str) -> bool:
    """Whether a sentence is an institution's duty in general words only (`_GENERIC_DUTY`), or its duty to train its
    people with no figure, ban or act at the face (`_TRAINS`)."""
    sentence = sentence.rstrip("。；")
    if _GENERIC_DUTY.search(sentence):
        return True
    return (bool(_TRAINS.search(sentence)) and not read.quantities(sentence) and not _BANS.search(sentence)
            and not _AT_THE_FACE.search(sentence))


def coal_trade(sentence: str) -> bool:
    """Whether a sentence is about selling, carrying or the quality of coal as a product (`_COAL_TRADE`)."""
    return bool(_COAL_TRADE.search(sentence))


def keeps_records(sentence: str) -> bool:
    """Whether a sentence sets how long records are kept (`_RETENTION` of `_RECORDS`)."""
    return bool(_RETENTION.search(sentence)) and bool(_RECORDS.search(sentence) or sentence.startswith(("保存", "保留")))


def sentence_relevance(sentence: str, audience: str | None = None) -> float:
    """The score of one sentence or list item for `audience` (default: the run's, `current_audience`)."""
    return _sentence(sentence, audience or _AUDIENCE.get(), mines_run())


def mines_run() -> bool:
    """Whether the run is for a mine's people as a whole, not one the trainer narrowed to documents
    (`syllabus.narrowed`: a 特种设备安全管理 exam asks makers' and inspection bodies' duties too)."""
    from quiz.generation.syllabus import narrowed  # syllabus builds on the generators, which build on this module

    return not narrowed()


@lru_cache(maxsize=65536)
def _sentence(sentence: str, audience: str, mines: bool = True) -> float:
    sentence = _DETAILED_BY.sub("", sentence)
    managers = audience == MANAGERS
    if mines and not_a_mines_party(sentence):
        return 0.0  # a maker's, seller's or inspection body's duty, however strict, is no duty of a mine's people
    score = 0.5
    found = read.subject(sentence)
    party = found[1] if found else _first_named(sentence)
    if found and _SERVICE_BODY.search(found[0]):
        party = "state"
    if party in {"employer", "worker"}:
        score += 0.15 if found else 0.1
    elif party == "state" and (not managers or agency_deadline(sentence)
                               or mines and found and bool(_SUPERVISES.search(sentence[len(found[0]):]))):
        # For managers, a state body's or an inspection body's own deadline (考核发证部门 publishing results within 10 working days of
        # the exam) is another body's to keep, not the mine's (managers' blind read, T23); the mine's own deadline towards
        # an agency (使用单位应当…届满前一个月向检验机构提出定期检验要求) keeps the mine at the head. Nor is an agency's
        # own supervision (卫生行政部门应当依法履行监督职责, managers' blind read 3, T32) unless the trainer chose the law.
        score -= 0.35 if found else 0.3
    if _STRICT.search(sentence):
        score += 0.15
    elif "应当" in sentence:
        score += 0.05
    leadership = bool(_LEADERSHIP.search(sentence))
    if (managers or party != "state" and not leadership) and any(q.unit not in _MONEY for q in read.quantities(sentence)):
        score += 0.15
    if _EMERGENCY.search(sentence):
        score += 0.15
    if kt.term_spans(sentence):
        score += 0.1
    if _PROCEDURE.search(sentence) and not managers:
        score -= 0.3
    if _PENALTY.search(sentence):
        score -= 0.35
    if _ENGINEERING_STUDY.search(sentence):
        score -= 0.6
    elif (design_value(sentence) or _OTHER_FIELD.search(sentence) or _SITING.search(sentence) or described(sentence)
            or mines and public_equipment(sentence)):
        score -= 0.5
    elif managers:
        pass  # management, the leadership's business and the employer's duties are what a manager is examined on
    elif design_contents(sentence) or inspection_work(sentence) or office_work(sentence):
        # nobody at work writes a design, inspects for the state or does the office's planning, investigation,
        # revision or reporting: not asked however strict or exact (an 应急演练制度 is set up by the office)
        score -= 0.8
    elif (keeps_records(sentence) or leadership or generic_duty(sentence) or office_matter(sentence)
            or office_duty(sentence) or coal_trade(sentence)):
        score -= 0.5
    elif _DESIGN.search(sentence):
        score -= 0.25
    elif found and _INSTITUTION.search(found[0]) and _EMPLOYER_DUTY.search(sentence):
        score -= 0.2
    return round(min(1.0, max(0.0, score)), 3)


def design_value(text: str) -> bool:
    """Whether a text gives a value only a designer, a laboratory or a sales office works with (`_OFF_FACE`) or a
    parameter of a drainage or protective-seam design (`_LAYOUT`)."""
    return bool(_OFF_FACE.search(text) or _LAYOUT.search(text))


_BY_REMIT = re.compile(r"^负责[^，。；]{1,30}?的(?:部门|机构)")
_HEAD_REACH = 10  # 特种设备检验机构接到…后，应当…: the body opens the sentence though no modal follows it at once


def _state_at_head(sentence: str) -> bool:
    """Whether a state body or a body serving it (`_SERVICE_BODY`) opens the sentence's first clause, its act before the
    modal (检验机构接到…要求后，应当…): the sentence is that body's duty."""
    clause = re.split(r"[，。；]", sentence, maxsplit=1)[0]
    if _BY_REMIT.match(clause):
        return True  # 负责…监督管理的部门依照本法…: the agency named by its remit
    bodies = [m for m in (_STATE.search(clause), _SERVICE_BODY.search(clause)) if m]
    mine = _FRONTLINE.search(clause)
    return any(m.start() <= _HEAD_REACH and (not mine or m.start() < mine.start()) for m in bodies)


def another_bodys_duty(sentence: str) -> bool:
    """Whether the sentence's duty is borne by the state or a body serving it: at its head (`read.subject`) or opening its
    first clause (`_state_at_head`)."""
    found = read.subject(sentence)
    if found:
        return found[1] == "state" or bool(_SERVICE_BODY.search(found[0]))
    return _state_at_head(sentence)


_TIME_UNITS = frozenset({"日", "天", "工作日", "个工作日", "小时", "h", "个月", "月", "年", "周"})


def agency_deadline(sentence: str) -> bool:
    """Whether the sentence sets the state's or a serving body's own deadline (`another_bodys_duty` with a time)."""
    return another_bodys_duty(sentence) and any(q.unit in _TIME_UNITS for q in read.quantities(sentence))


def _first_named(sentence: str) -> str | None:
    """With no duty-bearer at the head: whoever the sentence names first, the state (or a body serving it,
    `_SERVICE_BODY`) or the mine's side."""
    state = min((m for m in (_STATE.search(sentence), _SERVICE_BODY.search(sentence)) if m), key=lambda m: m.start(),
                default=None)
    mine = _FRONTLINE.search(sentence)
    if state and (not mine or state.start() < mine.start()):
        return "state"
    return "employer" if mine else None


def _pieces(text: str) -> list[str]:
    """The sentences and list items of an article's clean paragraphs (cut at 。；)."""
    out = []
    for paragraph in read.clean_paragraphs(text):
        out += [p for p in re.split(r"[。；;！？!?]", paragraph) if len(p.strip()) >= 4]
    return out


def article_relevance(text: str, path: str = "", audience: str | None = None) -> float:
    """The score of a whole article: mean of its best and its average sentence, less 0.2 in an agency chapter
    (for the frontline)."""
    return _article(text, path, audience or _AUDIENCE.get(), mines_run())


@lru_cache(maxsize=16384)
def _article(text: str, path: str, audience: str, mines: bool = True) -> float:
    pieces = _pieces(text)
    if not pieces or _SPECIALIST_WORK.search(pieces[0].strip()):
        return 0.0
    if mines and sum(public_equipment(p) for p in pieces) * 2 > len(pieces):
        # An article about equipment serving the public (客运索道、大型游乐设施): another field for a mine, not for a
        # trainer who named 特种设备安全法 for its operators' managers (每日投入使用前…试运行和例行安全检查).
        return 0.0
    scores = [_sentence(p, audience, mines) for p in pieces]
    score = (max(scores) + sum(scores) / len(scores)) / 2
    if audience != MANAGERS and _AGENCY_CHAPTER.search(path.rsplit(" / ", 1)[-1] if path else ""):
        score -= 0.2
    return round(min(1.0, max(0.0, score)), 3)


def relevance(text: str, sentence: str, path: str = "", audience: str | None = None) -> float:
    """The score of a question asked on `sentence` of the article `text`: 0.3 article + 0.7 sentence, a structure's
    figure ranked low."""
    low = 0.15 if structure_figure(sentence) else 0.0
    whole, own = article_relevance(text, path, audience), sentence_relevance(sentence, audience)
    return round(max(0.0, 0.3 * whole + 0.7 * own - low), 3)


def structure_figure(sentence: str, lead: str = "") -> bool:
    """Whether a sentence (a list item after its `lead`) gives a figure of a structure or a design that nobody acts
    on (see `_DIMENSION`; 装药前…：炮眼深度不得小于0.6m is the blaster's): asked only when its article has nothing a
    worker acts on (`acted_on`), and then ranked low (`relevance`)."""
    if not read.quantities(sentence) or _ACTS.search(lead):
        return False
    dimension = _DIMENSION.search(sentence)
    if dimension:
        return not _ACTS.search(sentence[dimension.end():])
    return bool(_BUILDS.search(sentence)) and not _ACTS.search(sentence)


def acted_on(slots: list, text=lambda slot: (slot, ""), article: str = "") -> list:  # noqa: ANN001
    """The slots on a sentence a worker acts on, in their order, and of those, where some bind the mine's side, the ones
    whose duty is not another body's (`another_bodys_duty`); all of them when the article has none. With `article` (its
text) the mine's side is looked for in all its sentences, else in the slots'.
    `text` gives a slot's sentence and lead-in."""
    kept = [slot for slot in slots if not structure_figure(*text(slot))] or slots
    # Of an article that binds the mine's side and another body (特种设备使用单位应当…届满前一个月…提出定期检验要求。特种设备
    # 检验机构接到定期检验要求后，应当…), the mine's duty is the one it acts on (managers' blind read, T8).
    pieces = _pieces(article) if article else [text(slot)[0] for slot in kept]
    if not any(_mine_side(piece) for piece in pieces):
        return kept
    return [slot for slot in kept if not another_bodys_duty(text(slot)[0])] or kept


def _mine_side(sentence: str) -> bool:
    found = read.subject(sentence)
    return bool(found) and found[1] in {"employer", "worker"}


def frontline_first(slots: list, text=lambda slot: (slot, ""), article: str = "") -> list:  # noqa: ANN001
    """`acted_on`, and of the rest the slots whose sentence is not the mine's paperwork (`paperwork`), when the article
    has others: for a term blanked or a statement judged, where 矿井必须制定（主要通风机）停止运转的应急救援预案 tests only
    that a plan exists. Not for a figure: in 施工15°以上斜井时，应当制定防止…下滑的专项措施 the figure says when the crew
    needs the measures (blind read 5, T32 accepted), so figures keep `acted_on` alone."""
    kept = acted_on(slots, text, article)
    return [slot for slot in kept if not paperwork(text(slot)[0])] or kept


# A clause whose duty is drawing up a plan or measures (a plan for a main fan stopping: …必须制定…应急救援预案), beside one in the same
# article that tells the people what to do (主要通风机一停，井下必须马上停工、断电，人员都撤到…安全地带): blind
# read 5, T38 asked the first. A plan drawn up with a ban or an action in the same clause (…不得装药、爆破；…必须制定安全措施
# 并封满炮泥) is the worker's rule too.
_DRAWS_UP = re.compile(r"(?:必须|应当|应)(?:组织)?(?:制定|编制|修订)")
_AT_THE_FACE = re.compile(r"严禁|不得|禁止|不准|撤出|撤离|撤人|撤至|撤到|停止作业|停止工作|切断电源|自救|报警|佩戴|携带|检查")


def paperwork(sentence: str) -> bool:
    """Whether a sentence's duty is only to draw up a plan or measures (`_DRAWS_UP`), nothing done at the face."""
    return bool(_DRAWS_UP.search(sentence)) and not _AT_THE_FACE.search(sentence)


# How a figure is given when it is what is usual or what may be done, not what is required: 一般 (一般为, 一般是, 一般不得 —
# 一般 before a figure still leaves the figure a custom; not 一般事故 or 一般分为, a class), 宜 / 不宜, and 可 before a way of
# doing (其长度可按…再加0.5m; not 可以, a permission with its own limit: 可以试送1次, nor 方可, a condition). A false or blank
# item on such a figure tests a description (blind reads 4 and 5: 防突细则 第一百一十九条 金属挡栏一般是由槽钢排列成的方格
# 框架，框架中槽钢的间隔为0.4m).
_GENERALLY = re.compile(
    r"一般(?=为|是|不|应|宜|可|在|由|采用|要|按|取|\d|[一二两三四五六七八九十])|(?<!适)宜|"
    r"(?<![方才即许认])可(?=按|用|取|选|采用|根据|适当|设|为|达)"
)
_QUALIFIED = re.compile(r"一般(?:不得|不应|应当|应|不)?|不宜")
_COMPELS = re.compile(r"必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|须")
# A spacing of holes is set by the design of the drainage or relief (钻孔间距应当小于0.2m, 孔间距不超过…半径的2倍); the
# depth and seal of a hole are the driller's (孔深不小于5m), and no support or blast-hole spacing is written so.
_HOLE_SPACING = re.compile(r"孔(?:底)?间距")
# A figure given as approximate (邻近钻孔2.0m左右处, 约30min, 大致为5m) is no limit: nothing is kept below or above it
# (blind read 9, T28 blanked 2.0m左右 beside the limit 单孔注水时间不低于9min of the same item).
_ABOUT_BEFORE = re.compile(r"(?:(?<![制节契预简条公])约|大约|大概|大致|大致为|约为|近似为?)$")
_ABOUT_AFTER = re.compile(r"^(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:[～~\-－至](?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+))?"
                          r"[^，。；\d]{0,6}?(?:左右|上下(?![山井车人]))")


def approximate(sentence: str, at: int) -> bool:
    """Whether the figure at `at` is given as approximate (`_ABOUT_BEFORE`, `_ABOUT_AFTER`)."""
    return bool(_ABOUT_BEFORE.search(sentence[:at]) or _ABOUT_AFTER.match(sentence[at:]))


def described(sentence: str) -> bool:
    """Whether a sentence (a list item after its lead-in's ：) describes how things usually are rather than requires:
    it gives what is usual (`_GENERALLY`) and compels nothing outside such a phrase (金属挡栏一般是由槽钢…; 使用期限一般为
    1年). 钻孔间距一般不大于0.3m, with a rule for soft seams after it, still requires, of its other figure."""
    own = sentence.rsplit("：", 1)[-1]
    return bool(_GENERALLY.search(own)) and not _COMPELS.search(_QUALIFIED.sub("", own))


def not_a_rule(sentence: str, at: int) -> bool:
    """Whether the figure (or the limit word) at `at` of a sentence is no rule a blank or a false statement may test:
    the sentence is a description (`described`), the figure's own clause gives it as usual (`_GENERALLY`: 提升容器的
    速度，一般为0.3～0.5m/s，最大不得超过2m/s asks the 2m/s only) or as a hole spacing of a design (`_HOLE_SPACING`), or
    the figure is approximate (`approximate`: 2.0m左右), the sentence up to the figure's clause is a design or laboratory value (`design_value`: a list item changed in a
    multiple choice, blind read 6 T21 a TBM's breakout torque of at least 1.5倍 its rated one, T24 防尘用水水质悬浮物…粒径不大于0.3mm), while
    another item of the same list (瓦斯浓度超过1%时…断电) is still changed."""
    if described(sentence) or approximate(sentence, at):
        return True
    clause = re.split(r"[，,；;：:。]", sentence[:at])[-1]
    through = re.split(r"[，,；;。]", sentence[at:], maxsplit=1)[0]
    return bool(_GENERALLY.search(clause) or _HOLE_SPACING.search(clause) or design_value(sentence[:at] + through))


def worth_a_worker(sentence: str) -> bool:
    """Whether a sentence is relevant enough to be asked of the run's audience."""
    return sentence_relevance(sentence) >= THRESHOLD
