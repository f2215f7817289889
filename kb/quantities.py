"""Quantities as workers say them, rewritten in the digits rules are written and indexed in.

Rules write 1.5%, 1.0%, 2.5m, 30℃ and the analyzer keeps such a number one word (kb.analysis.segment:
1.5% → 1.5). A worker types the same value the way he says it, and the analyzer then cuts it into
pieces no rule holds (瓦斯一点五 → 一点 + 五):

- a spoken decimal: 一点五, 零点八, 1点5 → 1.5, 0.8, 1.5 (not 第一点五, the first point; not 快一点, a
  little; not 三点五分 or 两点五十, a time of day);
- a share with a spoken decimal: 百分之一点五, 千分之零点五 → 1.5%, 0.5‰ (a whole share, 百分之二十, stays:
  laws write it so, and kb.query.numeral_forms searches its 20 too);
- a gas reading in 个点 (a point is a percent): 瓦斯一个点, 甲烷1.5个点, 一个半点, 半个点 → 1%, 1.5%,
  1.5%, 0.5% (only after a gas or 浓度: 打一个点 is a place);
- a length in metres and tenths: 一米二, 两米五 → 1.2米, 2.5米;
- a rough count of a measure: 三十来度, 三十多度, 十来分钟 → 30度, 30度, 10分钟 (the rule's limit is the
  round number);
- 两 or 俩 of a measure: 两米, 俩小时 → 2米, 2小时 (not 两个人: a count of people is no measure);
- a full-width decimal point left between digits (１．５ after normalising is 1．5) → 1.5.

`written_quantities` is applied to a question after kb.analysis.normalize (kb.query.plan_query), so
that fetching, the question's kind and the value bound to its subject (kb.kinds.unbound_values) all
read the number the rule states. Whole numbers written alone in Chinese (二十, 十八) are left to
kb.query.numeral_forms, which searches both forms; a bare run of numerals (一二三 as list markers)
is no quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.numerals import DIGITS, parse_chinese_number

_CN = "零〇一二两三四五六七八九十百千万"
_FRACTION = "零〇一二三四五六七八九"  # digits after a spoken point (两 is never one)
_INTEGER = rf"(?:\d+|[{_CN}]+)"
_NOT_AFTER_NUMBER = rf"(?<![\d.{_CN}第])"  # 第一点五 is a list's first point

_DECIMAL = re.compile(rf"{_NOT_AFTER_NUMBER}({_INTEGER})点([{_FRACTION}\d]+)(?![\d{_CN}分刻钟时号半点]|氧化)")
_SHARE = re.compile(rf"([百千])分之({_INTEGER})点([{_FRACTION}\d]+)")
_GAS = re.compile(r"瓦斯|瓦丝|甲烷|ch4|二氧化碳|co2|一氧化碳|浓度|氧气|氧|co", re.IGNORECASE)
_POINTS = re.compile(rf"(?:(\d+(?:\.\d+)?|[{_CN}]+)个(半)?|(半)个)点(?![心子数位名])")
_GAS_SPAN = 10  # characters a gas word may stand before its reading (瓦丝测着一个点)
_PAUSE = re.compile(r"[，,。；;！!？?\s]")
_METRES_TENTHS = re.compile(rf"{_NOT_AFTER_NUMBER}({_INTEGER})米([{_FRACTION}])(?![\d{_CN}个米])")
_MEASURE = r"(?:米|公里|厘米|毫米|个?小时|个?钟头|分钟|度|摄氏度|伏|分贝)"
_ROUGHLY = re.compile(rf"{_NOT_AFTER_NUMBER}({_INTEGER})[来多](?=个?{_MEASURE})")
_TWO = re.compile(rf"(?<![{_CN}\d第])[两俩](?={_MEASURE})")
_FULL_WIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")
_MAYBE = re.compile(r"点|分之|米|[来多两俩．]")  # most questions hold no such form


def _number(text: str) -> float | None:
    try:
        return float(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else float(parse_chinese_number(text))
    except ValueError:
        return None


def _digits(text: str) -> str:
    """A spoken fraction's digits (五, 零八, 5) as written: 5, 08, 5."""
    return "".join(str(DIGITS[ch]) if ch in DIGITS else ch for ch in text)


def _written(value: float) -> str:
    """1.5 → 1.5, 20.0 → 20 (as a worker types it: kb.query.numeral_forms adds 20.0)."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _decimal(match: re.Match[str]) -> str:
    whole = _number(match.group(1))
    return match.group(0) if whole is None else f"{_written(whole)}.{_digits(match.group(2))}"


def _share(match: re.Match[str]) -> str:
    whole = _number(match.group(2))
    if whole is None:
        return match.group(0)
    return f"{_written(whole)}.{_digits(match.group(3))}" + ("%" if match.group(1) == "百" else "‰")


def _points(text: str) -> Callable[[re.Match[str]], str]:
    def read(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - _GAS_SPAN) : match.start()]
        before = _PAUSE.split(before)[-1]
        if not _GAS.search(before):
            return match.group(0)
        if match.group(3):  # 半个点
            return "0.5%"
        whole = _number(match.group(1))
        if whole is None:
            return match.group(0)
        return f"{whole + (0.5 if match.group(2) else 0):.1f}%"  # as rules write a gas: 1.0%

    return read


def _metres_tenths(match: re.Match[str]) -> str:
    whole = _number(match.group(1))
    return match.group(0) if whole is None else f"{_written(whole)}.{_digits(match.group(2))}米"


def _roughly(match: re.Match[str]) -> str:
    whole = _number(match.group(1))
    return match.group(0) if whole is None else _written(whole)


def written_quantities(text: str) -> str:
    """`text` (normalised) with the quantities a worker says rewritten as rules write them."""
    if not _MAYBE.search(text):
        return text
    text = _FULL_WIDTH_POINT.sub(".", text)
    text = _SHARE.sub(_share, text)
    text = _POINTS.sub(_points(text), text)
    text = _DECIMAL.sub(_decimal, text)
    text = _METRES_TENTHS.sub(_metres_tenths, text)
    text = _ROUGHLY.sub(_roughly, text)
    return _TWO.sub("2", text)
