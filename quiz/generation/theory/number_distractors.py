"""Wrong figures for a number question or a false statement (`number_distractors`): values of the key's unit that the
article never states, within `MAX_RATIO` of the key and as round as it (`as_round`), on the unsafe side for a false
statement (`unsafe_direction`), never a value the quantity can never take (`beyond_what_can_be`) nor one another rule
of the document gives the same measure (`figure_elsewhere`)."""

from __future__ import annotations

import dataclasses
import math
import random
import re
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation.bounds import condition_bound
from quiz.generation.records import ArticleRecord
from quiz.generation.theory.pools import TheoryPools, rule_elsewhere

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
