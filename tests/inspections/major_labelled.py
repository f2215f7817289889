"""Findings written by us for the 重大事故隐患 call, each labelled with the pattern that should call
it major (inspections/data/major_patterns.yaml) or None for an ordinary finding.

Written before the negation rules of inspections.major.Pattern.matches were, to measure them:
real major dangers phrased in several ways across the patterns, and ordinary findings that
share a pattern's words — negated (未堵塞, 未发现漏检), stated as normal (检查无异常), or a
paperwork gap (无记录) on a thing that exists. ``measure`` gives precision and recall of "major".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAJOR: list[tuple[str, str]] = [
    ("1302采煤工作面上出口被冒落矸石堵死，人员无法通过", "two-exits"),
    ("综采工作面下出口超前支护段堆满物料，行人无法通行", "two-exits"),
    ("采煤工作面上出口畅通，下出口被浮煤堵塞", "two-exits"),
    ("炮采工作面只有一个安全出口可以通行", "two-exits"),
    ("3203掘进工作面采用裸露放炮处理大块矸石", "bare-blasting"),
    ("爆破员未使用专用发爆器，用矿灯电池起爆", "non-permitted-explosives"),
    ("采区配电点一台馈电开关无煤矿矿用产品安全标志", "no-safety-mark-equipment"),
    ("掘进工作面使用的电动机防爆等级与矿井瓦斯等级不符", "no-safety-mark-equipment"),
    ("矿井仅有一回电源，为单回路供电", "single-circuit"),
    ("矿井两回电源线路取自同一母线段", "same-busbar"),
    ("2105回风巷瓦斯浓度超限后仍继续掘进", "gas-over-limit-working"),
    ("工作面瓦斯超限后未停止作业", "gas-over-limit-working"),
    ("综采工作面甲烷浓度达到1.5%，采煤机仍在割煤", "gas-at-cutoff-working"),
    ("井下巷道越界开采，超出采矿许可证范围约80m", "beyond-licensed-area"),
    ("瓦斯检查工当班漏检两个检查点，仍安排人员作业", "gas-check-skipped-or-faked"),
    ("3105掘进工作面风电闭锁被甩掉，局部通风机运行正常", "methane-lock-missing"),
    ("煤巷掘进工作面甲烷电闭锁没有安装", "methane-lock-missing"),
    ("回风隅角甲烷传感器被人用塑料袋包裹", "methane-sensor-defeated"),
    ("甲烷传感器被包裹后显示正常", "methane-sensor-defeated"),
    ("采区回风巷违规串联通风，两个采煤工作面共用一股风", "series-ventilation"),
    ("矿井只有一台主要通风机，没有备用主要通风机", "no-standby-main-fan"),
    ("主要通风机无备用，一旦停机全矿无风", "no-standby-main-fan"),
    ("矿井未安装备用主通风机", "no-standby-main-fan"),
    ("1201工作面位于老空水威胁区，掘进前未进行探放水", "no-water-probing"),
    ("工作面出现挂红、透水征兆后未撤出作业人员", "water-signs-no-evacuation"),
    ("监控中心值班员篡改监控数据，删除瓦斯超限记录", "monitoring-data-tampered"),
    ("矿井隐瞒一个采掘工作面，未在图纸上标注", "hidden-working-face"),
]

ORDINARY: list[str] = [
    # the three the reviewer found (review5 probes)
    "备用主要通风机每月倒机试验无记录",
    "备用主要通风机检查无异常，但机房卫生较差",
    "采煤工作面下出口处堆放少量材料，未堵塞安全出口",
    # paperwork and upkeep of a standby fan that exists
    "备用主通风机电机轴承没有按期注油",
    "备用主扇未设置操作规程牌板",
    "备用主要通风机没有每月切换运行记录",
    # the exits
    "采煤工作面两个安全出口畅通，回风巷一处水沟被浮煤堵塞",
    "采煤工作面上出口未发现堵塞，但支柱编号不清",
    "回采工作面下出口没有被堵死，但巷道高度不足1.8m",
    # devices found in order, a fault elsewhere
    "掘进工作面风电闭锁试验正常，局部通风机开关按钮失灵",
    "甲烷传感器经检查未被包裹，显示正常",
    "检查井下电气设备，未发现无安标设备",
    # negated situations
    "瓦斯检查工按规定检查，未发现漏检、假检",
    "采区通风系统经检查无违规串联通风",
    "工作面未发现透水征兆，班组未撤出人员继续打钻",
    "安全监控系统运行正常，超限数据未被删除或屏蔽，但备用电源未按期放电试验",
    "爆破工使用煤矿许用炸药，未采用裸露爆破",
    "回风流甲烷浓度达到1.5%后立即断电撤人，没有继续作业",
    "两回路电源并非取自同一母线段，供电可靠",
    "经核对图纸，未发现隐瞒工作面的情况",
    # a word of a pattern in another sense
    "一名工人在工作面受伤后班组长隐瞒不报",
    "井下巷道检查未发现超层越界开采，采掘范围符合许可证",
]


@dataclass(frozen=True)
class Measure:
    right: int
    total: int
    true_major: int
    called_major: int
    real_major: int

    @property
    def precision(self) -> float:
        return self.true_major / self.called_major if self.called_major else 1.0

    @property
    def recall(self) -> float:
        return self.true_major / self.real_major if self.real_major else 1.0


def measure(classify, on: date) -> Measure:
    """How the calls of `classify` (inspections.major.classify's signature) compare with the labels:
    a major finding is right when the labelled pattern calls it, an ordinary one when none does."""
    right = true_major = called = 0
    for text, pattern in MAJOR:
        call = classify(text, on)
        called += call is not None
        if call is not None and call.pattern == pattern:
            right += 1
            true_major += 1
    for text in ORDINARY:
        call = classify(text, on)
        called += call is not None
        right += call is None
    return Measure(right, len(MAJOR) + len(ORDINARY), true_major, called, len(MAJOR))
