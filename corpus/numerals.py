"""Chinese numerals as used in legal texts (第一百零七条, 第二十九号) to and from integers."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "0123456789０１２３４５６７８９"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_SMALL = "零一二三四五六七八九"


def parse_chinese_number(text: str) -> int:
    """Parse a Chinese or Arabic numeral: 一百零七 → 107, 十二 → 12, 二〇二四 → 2024, 76 → 76.

    Raises ValueError when `text` is not a numeral.
    """
    text = text.strip().translate(_FULL_WIDTH)
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in UNITS for ch in text):
        # Digit-by-digit form, as in years: 二〇一六
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0  # completed 万 groups
    section = 0  # value below 万
    digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch == "万":
            section += digit
            total += (section or 1) * 10000
            section = digit = 0
        else:
            section += (digit or 1) * UNITS[ch]  # 十二: a bare 十 means 一十
            digit = 0
    return total + section + digit


def to_chinese_number(value: int) -> str:
    """Write a non-negative integer as legal texts do: 107 → 一百零七, 12 → 十二, 20 → 二十."""
    if value < 0:
        raise ValueError("negative numbers have no article form")
    if value == 0:
        return "零"
    if value >= 10000:
        high, low = divmod(value, 10000)
        rest = _below_10000(low)
        if low and low < 1000:
            rest = "零" + rest
        return to_chinese_number(high) + "万" + rest
    return _below_10000(value)


def _below_10000(value: int) -> str:
    """Write 1–9999; 0 gives the empty string."""
    out: list[str] = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(_SMALL[digit] + name)
        elif out:
            pending_zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text
