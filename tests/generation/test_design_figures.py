"""Design and construction figures a miner cannot act on, and descriptions that are no rule (blind read 5, issue 16):
the read's rejected items are not asked, and the figures a worker keeps at the face still are."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation import relevance as rel
from quiz.generation.lists import multi_enumeration
from quiz.generation.records import GeneratedQuestion
from quiz.generation.theory import (
    TheoryPools,
    blank_item_number,
    blank_number,
    blank_term,
    judge,
    single_item_number,
    single_number,
)
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(40)]
FIGURES = (blank_number, single_number, blank_item_number, single_item_number)
OTHERS = [
    article("爆破结束后，等工作面的炮烟吹散，爆破工和班组长必须先巡视爆破地点，时间不得少于15min。", label="第三条", number=3),
    article("采掘工作面的风流里甲烷浓度达到1.0%时，电钻打眼必须停下；在爆破地点周围20m以内，风流甲烷浓度达到1.0%时严禁爆破。",
            label="第四条", number=4),
    article("同向推车的间距不得小于30m。巷道净宽不得小于0.8m。通风机房附近50m内严禁烟火。", label="第五条", number=5),
]

# The read's examples, in our own words with the corpus's figures and key terms.
PRE_DRAINAGE = ("以预抽煤层瓦斯作为区域防突措施时，应当遵守下列规定：",
                "分层开采厚煤层时，预抽钻孔应当控制开采分层及其上方法向距离不少于20m、下方不少于10m以内的煤层")
PROTECTIVE_LEAD = "保护层采煤工作面在开采时，必须领先于被保护层的掘进工作面，超前距离既不得小于两层之间法向距离的3倍，也不得小于100m"
BARRIER = ("金属挡栏一般是用槽钢排成方格状的框架，框架内槽钢的间隔为0.4m，各槽钢之间以卡环相互固定，使用时先在朝向工作面的框架上"
           "铺一层金属网，再以木支柱把框架撑成45°的斜面")
BARRIER_LEAD = "炮掘工作面可根据情况安设挡栏，以减弱爆破诱发突出的强度。"
FACE_LIMIT = ("煤巷掘进工作面和采煤工作面在预抽防突效果有效的区域里作业时，工作面同前方未预抽区域或者预抽防突效果无效范围的边界"
              "之间的距离不得小于20m")
LOOSENING = "松动爆破孔间距视实际情况而定，一般2～3m，孔深不小于5m，封孔的炮泥长度不得小于1m"
FAN_PLAN = "矿井必须制定应对主要通风机停止运转的应急救援预案"
MAIN_FAN = (f"{FAN_PLAN}。主要通风机因检修、停电或者别的原因需要停止运转时，必须制定停风期间的应对措施。\n"
            "电厂或者变电所停电之前，必须将预计的停电时间通知给矿调度室。\n"
            "主要通风机停止运转时，井下各处必须马上停止工作、切断电源，所有人员撤到应急救援预案所定的安全地带。\n"
            "在主要通风机停止运转的期间，必须把井口防爆门和相关风门打开，靠自然风压通风。")


def _asked(question) -> str:  # noqa: ANN001
    inputs = question.inputs
    return inputs.get("sentence") or inputs.get("item", "")


# --------------------------------------------------------------------------- the read's rejects


@pytest.mark.parametrize("sentence", [
    PRE_DRAINAGE[0] + PRE_DRAINAGE[1],  # T1, 规程 第二百二十八条 (七)
    PROTECTIVE_LEAD,  # T33, 第二百二十四条
    BARRIER,  # T40, 防突细则 第一百一十九条
    # The same classes elsewhere in the corpus.
    "以顺层钻孔预抽煤巷条带瓦斯作区域防突措施的，钻孔的有效抽采时间不得少于20天",
    "预抽钻孔的间距，应当按实际考察得到的煤层有效抽采半径来确定",
    "在石门揭煤工作面实施水力冲孔防突措施时，钻孔应当至少控制揭煤巷道轮廓线以外3～5m范围的煤层",
    "对于深度超过120m的预抽瓦斯钻孔，每10个钻孔中应当至少测定2个钻孔的轨迹",
    "如果实际考察表明被保护层的最大膨胀变形量大于3‰，检验和考察的结果就可以用于保护层与被保护层关系相同的其他区域",
    "建井阶段，井筒内用来悬挂吊盘、模板、抓岩机和水泵的钢丝绳，使用期限一般为1年",
    "除兼作堵水钻孔的以外，探放水钻孔的终孔孔径一般不得大于94mm",
    "其长度可按两个掘进循环的长度另加0.5m",
])
def test_a_design_parameter_or_a_description_is_not_worth_asking(sentence):
    assert not rel.worth_a_worker(sentence), rel.sentence_relevance(sentence)


@pytest.mark.parametrize(("sentence", "lead"), [
    ("采掘工作面的风流里甲烷浓度达到1.0%时，电钻打眼必须停下", ""),  # a gas limit
    ("采掘工作面进风流里的氧气浓度不低于20%", ""),
    ("掘进中的煤巷和半煤岩巷最低风速为0.25m/s", ""),  # a wind speed
    ("当炮孔深度小于0.6m时，不得装药、爆破", "炮孔的深度和封泥长度应当符合下列要求"),  # the blaster's
    ("掘进工作面10m以内的架棚支护，爆破之前必须加固", "进行岩（煤）平巷（硐）施工时，应当遵守下列规定"),  # support a crew sets
    # Where a face or a probe hole stays ahead: the crew keeps it (not the design's 超前距离 of one seam over another).
    (FACE_LIMIT, PRE_DRAINAGE[0].rstrip("：")),
    ("煤巷掘进工作面首次执行局部防突措施或者没有措施超前距时，必须先采取小直径钻孔排放瓦斯等防突措施，直到工作面前方形成5m"
     "以上的安全屏障后，方可转入正常的防突措施循环", ""),
    ("探放老空水时，探放水钻孔的超前距不得小于30m，止水套管的长度不得小于10m", ""),
    ("井巷揭煤工作面从距煤层法向距离2m处起，到进入顶（底）板2m为止的范围内，都应当采用远距离爆破掘进工艺", ""),
    # A hole's depth and seal are the driller's, beside a spacing given as usual.
    (LOOSENING, ""),
    ("变电所的开关跳闸以后，应当马上向调度人员报告，查询后可以试送1次；如果再次跳闸，不得强行送电", ""),  # 可以: a permission
    ("无人驾驶卡车经过交叉路口，或者30m范围内与其他车辆轨迹交汇时，应当减速慢行，车速不得超过30km/h", "无人驾驶作业应当满足下列要求"),
])
def test_a_limit_a_worker_keeps_is_still_worth_asking(sentence, lead):
    whole = f"{lead}：{sentence}" if lead else sentence
    assert rel.worth_a_worker(whole), rel.sentence_relevance(whole)
    assert not any(rel.not_a_rule(sentence, q.start) for q in read.quantities(sentence)), sentence


def test_the_read_5_rejects_are_never_generated():
    records = [
        article(f"{PRE_DRAINAGE[0]}\n（一）{FACE_LIMIT}。\n（二）{PRE_DRAINAGE[1]}。", title="煤矿安全规程", label="第二百二十八条",
                number=228),
        article("有效保护范围怎样划定、有关参数取多少，应当通过实际考察确定。" + PROTECTIVE_LEAD + "。", title="煤矿安全规程",
                label="第二百二十四条", number=224),
        article(BARRIER_LEAD + BARRIER + "。挡栏通常两架为一组，两架相距6～8m。",
                title="防治煤与瓦斯突出细则", label="第一百一十九条", number=119),
    ]
    pools = TheoryPools.build([*records, *OTHERS])
    asked = {_asked(q) for seed in SEEDS for record in records
             for make in (*FIGURES, judge, blank_term) if (q := make(record, pools, seed))}
    assert asked  # the drainage article's face limit (二十m to the boundary) is still asked
    assert all("控制开采分层" not in s and "保护层" not in s and "槽钢" not in s for s in asked), asked


# --------------------------------------------------------------------------- a figure given as usual


def test_a_figure_under_generally_is_never_blanked_nor_changed_but_the_rule_beside_it_is():
    # 规程 第四百三十七条: 提升容器的速度，一般为0.3～0.5m/s，最大不得超过2m/s; a single usual figure to make the case.
    sentence = "检修人员站在罐笼顶上工作时，提升容器的速度一般为0.4m/s，最大不得超过2m/s"
    usual, limit = read.quantities(sentence)
    assert rel.not_a_rule(sentence, usual.start) and not rel.not_a_rule(sentence, limit.start)
    record = article(sentence + "。", title="煤矿安全规程", label="第四百三十七条", number=437)
    pools = TheoryPools.build([record, *OTHERS])
    blanks = [q for seed in SEEDS for make in (blank_number, single_number) if (q := make(record, pools, seed))]
    assert blanks and all("0.4m/s" in q.stem for q in blanks)  # the usual figure stays, 2m/s is asked
    falses = [q for seed in SEEDS if (q := judge(record, pools, seed)) and q.change]
    assert falses and all(q.change.original != "0.4m/s" and "0.4m/s" in q.stem for q in falses)


def test_a_spacing_under_generally_and_a_design_hole_spacing_are_not_rules_but_the_sentence_still_requires():
    sentence = "钻孔间距一般不大于0.3m，在松软煤层中应当安设两排金属骨架，并使钻孔间距小于0.2m"
    assert not rel.described(sentence)  # 应当 compels, of its other figure
    assert all(rel.not_a_rule(sentence, q.start) for q in read.quantities(sentence))
    assert rel.described(BARRIER) and rel.not_a_rule(BARRIER, BARRIER.index("0.4"))


def test_accident_grades_and_a_generally_classified_accident_stay_rules():
    # 生产安全事故报告和调查处理条例 第三条 (asked in the exam banks): 一般分为 is a class, 一般事故 a grade.
    item = "事故一般分为以下等级：所谓一般事故，是指死亡3人以下，或者重伤10人以下，或者直接经济损失1000万元以下的事故"
    assert not rel.described(item)
    assert not any(rel.not_a_rule(item, q.start) for q in read.quantities(item))


def test_a_changed_usual_figure_is_never_a_wrong_option_of_a_list():
    record = article("检修人员在罐笼或者箕斗顶上作业时，必须遵守下列规定：\n（一）提升容器的速度一般为0.4m/s，最大不得超过2m/s。\n"
                     "（二）检修用信号必须安全可靠。\n（三）必须佩戴保险带。\n（四）无人值守的提升机每班至少巡视1次。",
                     title="煤矿安全规程", label="第四百三十七条", number=437)
    pools = TheoryPools.build([record, *OTHERS])
    wrong = [o.text for seed in SEEDS if (q := multi_enumeration(record, pools, seed))
             for o in q.options if o.key not in q.answer]
    assert not any("一般为" in text and "0.4m/s" not in text for text in wrong), wrong


def test_the_verifier_refuses_a_usual_figure_blanked_and_passes_the_rule_beside_it():
    # Independently of the generator (its own reading of 一般), as for 二次.
    barrier = article(BARRIER_LEAD + BARRIER + "。", title="防治煤与瓦斯突出细则",
                      label="第一百一十九条", number=119)
    loosening = article(LOOSENING + "。",
                        title="防治煤与瓦斯突出细则", label="第一百一十条", number=110)
    verifier = Verifier([barrier, loosening, *OTHERS])

    def blank(record, body: str, key: str) -> GeneratedQuestion:  # noqa: ANN001
        return GeneratedQuestion(type="blank", stem=f"根据《{record.title}》{record.label}，{body}。", options=(), answer=(key,),
                                 explanation="", citation=record.citation, generator="theory.blank_number")

    spacing = blank(barrier, BARRIER.replace("间隔为0.4m", "间隔为（ ）m"), "0.4")
    angle = blank(barrier, BARRIER.replace("45°", "（ ）°"), "45")
    depth = blank(loosening, LOOSENING.replace("孔深不小于5m", "孔深不小于（ ）m"), "5")
    assert any("一般" in p for p in verifier.problems(spacing))
    assert any("一般" in p for p in verifier.problems(angle))
    assert verifier.problems(depth) == []


# --------------------------------------------------------------------------- the frontline clause before the plan


def test_a_term_or_statement_asks_what_people_do_when_the_fan_stops_not_that_a_plan_exists():
    # Blind read 5, T38: 矿井必须制定（主要通风机）停止运转的应急救援预案 asked a mine's paperwork.
    record = article(MAIN_FAN, title="煤矿安全规程", label="第一百八十条", number=180)
    pools = TheoryPools.build([record, *OTHERS])
    terms = [q for seed in SEEDS if (q := blank_term(record, pools, seed))]
    assert any("切断电源" in _asked(q) for q in terms)
    assert not any("制定" in _asked(q) for q in terms)
    judged = [q for seed in SEEDS if (q := judge(record, pools, seed))]
    # No true/false item at all since genfix18: the article's only false statement made the power supplier's duty a
    # dispensation (电厂…不必将…通知矿调度室: relevance.others_duty, managers' blind read 6 T38), and a blank asks it.
    assert not any("制定" in _asked(q) for q in judged)
    assert rel.paperwork(FAN_PLAN)
    assert not rel.paperwork("当炮孔深度小于0.6m时，不得装药、爆破；确实需要浅孔爆破的，必须制定安全措施，并封满炮泥")


def test_a_figure_that_says_when_measures_are_needed_is_still_asked():
    # Blind read 5 accepted T32 (规程 第七十八条): 施工15°以上斜井（巷）时，应当制定防止…下滑的专项措施.
    record = article("施工斜井（巷）时，应当遵守下列规定：\n（一）施工倾角15°以上的斜井（巷）时，应当针对设备、轨道、管路等的下滑制定专项"
                     "防范措施。\n（二）自下而上施工25°以上的斜巷时，溜煤（矸）道必须与人行道分开设置。",
                     title="煤矿安全规程", label="第七十八条", number=78)
    pools = TheoryPools.build([record, *OTHERS])
    asked = {q.inputs["item"] for seed in SEEDS if (q := blank_item_number(record, pools, seed))}
    assert any("15°" in item for item in asked), asked


# --------------------------------------------------------------------------- construction members


@pytest.mark.parametrize("sentence", [
    "框架内槽钢的间隔为0.4m",
    "反向风门的墙垛可以用砖、料石或者混凝土砌筑，墙垛嵌入巷道四周岩石的深度视岩性而定，但不得小于0.2m；墙垛的厚度不得小于0.8m",
])
def test_a_structures_members_and_walls_are_its_figures(sentence):
    assert rel.structure_figure(sentence)


@pytest.mark.parametrize("sentence", [
    "电缆悬挂点之间的间距，在水平或者倾斜井巷中不得超过3m，在立井井筒中不得超过6m",
    "采煤工作面的刮板输送机上必须装设可发出停止、启动信号以及通信的装置，信号发出点之间的间距不得超过15m",
])
def test_a_spacing_the_crew_sets_is_not_a_structures_figure(sentence):
    assert not rel.structure_figure(sentence)
    assert rel.worth_a_worker(sentence)
