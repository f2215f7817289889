"""A 填空 key's alternatives: where a "/" lists other accepted answers (瓦斯/沼气) and where it belongs to a unit
or a number (4m/s, 2次/班, 1/3). One rule for scoring, the import's preview and every page showing a key."""

from __future__ import annotations

import re
import unicodedata

# How a blank's key lists alternatives ("/"), and what makes a "/" part of a unit or number instead
# (`blank_alternatives`). Read on the key with each character's width folded (ｍ → m, ³ → 3, ／ → /).
_SLASH = re.compile(r"/")
_NUMERALS = "零〇一二两三四五六七八九十百千万"
_LATIN_UNIT = r"[A-Za-zμΩ°℃]{1,3}[23]?"
# A quantity ends the text before the "/": a number, Arabic or Chinese, and at most a short unit (4m, 1200m3, 2次, 3人).
_QUANTITY_BEFORE = re.compile(rf"(?:\d|[{_NUMERALS}])\s*(?:{_LATIN_UNIT}|[\u4e00-\u9fff]{{1,2}})?\s*$")
# A unit on its own before the "/" (m/s, L/min), as the whole of an alternative; a formula (CO/CO2) has no lower case.
_BARE_UNIT = re.compile(rf"\s*{_LATIN_UNIT}\s*")
# What a rate is counted per, after its "/": a Latin unit (s, min, h, m3, L), or a unit of time, shift, person,
# count or measure written in Chinese that ends the alternative (次/班, 元/吨, but not 元旦).
_UNIT_AFTER = re.compile(
    rf"\s*(?:{_LATIN_UNIT}(?![A-Za-z0-9])|(?:秒|分钟?|小?时|天|日|昼夜|周|旬|月|季度?|年|班|人次|人|次|台|吨|[千公]?米"
    r"|立方米?|升|[千毫]?克|元|个|件|组|队|架|车|孔|炮|循环)(?![\u4e00-\u9fff]))"
)


def blank_alternatives(key: str) -> tuple[str, ...]:
    """The texts one blank's key accepts: the key split at "/" (or "／") where the slash lists alternatives
    (瓦斯/沼气, 1.0%/1%, 20m/二十米, 2/二), not where it belongs to a unit or a number, which stays one answer:

    - between two digits: a fraction or a date (1/3, 2024/1/1);
    - after a quantity (a number and at most a short unit: 4m, 1200m³, 2次, 3人) and before what it is counted
      per: a Latin unit (4m/s, 4mg/m³, 10L/min, 40t/h) or a Chinese unit of time, shift, person, count or
      measure that ends the alternative (2次/班, 3人/班, 5米/秒; 1月1日/元旦 is two);
    - between two Latin units, one of them in lower case (m³/min, L/min; CO/CO2 is two formulas).

    A text after a "/" that starts with a number, Arabic or Chinese, is another alternative (2次/两次): so a
    key that lists units with the number, 0.25m/s/0.3m/s, reads as 0.25m/s or 0.3m/s, and 5m/s/5米/秒 as
    5m/s or 5米/秒. A key "1/2" is the fraction, not 1 or 2. Scoring also accepts the whole key as written,
    so a key this reading splits where its writer did not still takes the answer typed as it stands."""
    folded = "".join(c if len(n := unicodedata.normalize("NFKC", c)) != 1 else n for c in key)
    pieces, start = [], 0
    for slash in _SLASH.finditer(folded):
        at = slash.start()
        before, after = folded[start:at], folded[at + 1 :]
        fraction = re.search(r"\d\s*$", key[:at]) and re.match(r"\s*\d", key[at + 1 :])
        per = _UNIT_AFTER.match(after)
        rate = per and _QUANTITY_BEFORE.search(before)
        unit = per and _BARE_UNIT.fullmatch(before) and re.search(r"[a-zμ]", before + per.group(0))
        if not (fraction or rate or unit):
            pieces.append(key[start:at])
            start = at + 1
    pieces.append(key[start:])
    return tuple(p.strip() for p in pieces if p.strip())


def blank_label(key: str) -> str:
    """One blank's key as trainers read it: its alternatives joined by “或” (瓦斯 或 沼气), a key of one as written (4m/s)."""
    alternatives = blank_alternatives(key)
    return " 或 ".join(alternatives) if len(alternatives) > 1 else key
