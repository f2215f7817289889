"""Reading single cells of a bank row: difficulty, status, category, citation, answers inside stems."""

from __future__ import annotations

import re

from corpus.documents import Citation
from quiz.bank.text import BLANK, clean_text
from quiz.bank.types import DIFFICULTY_LABELS

_CITATION = re.compile(r"《(?P<title>[^》]+)》\s*(?P<article>第[零〇一二三四五六七八九十百千\d]+条)?")
ANSWER_IN_STEM = re.compile(r"[（(]\s*([A-HＡ-Ｈ](?:\s*[、,，]?\s*[A-HＡ-Ｈ]){0,7}|√|×|✓|✗|✔|✘|对|错|正确|错误|T|F)\s*[)）]")
_CATEGORY_SPLIT = re.compile(r"\s*[/>＞\\]\s*")
DIFFICULTY_WORDS = {
    "易": 1,
    "容易": 1,
    "简单": 1,
    "低": 1,
    "较易": 2,
    "较简单": 2,
    "较低": 2,
    "中": 3,
    "中等": 3,
    "一般": 3,
    "适中": 3,
    "较难": 4,
    "较高": 4,
    "难": 5,
    "困难": 5,
    "高": 5,
}
STATUS_WORDS = {
    "草稿": "draft",
    "待审核": "draft",
    "draft": "draft",
    "已审核": "approved",
    "审核通过": "approved",
    "approved": "approved",
    "启用": "approved",
    "已停用": "retired",
    "停用": "retired",
    "retired": "retired",
}


def answer_in_stem(stem: str) -> tuple[str, str]:
    """Take an answer written into the stem's brackets ("…是（ B ）。") out, leaving a blank.

    Only option letters and true/false marks count: "(如铝、铜)" stays as it is.
    """
    matches = list(ANSWER_IN_STEM.finditer(stem))
    if not matches:
        return stem, ""
    last = matches[-1]
    return stem[: last.start()] + BLANK + stem[last.end() :], last.group(1)


# A 难度系数 (0–1, or a percent) is the share of people expected to answer correctly, as in
# Chinese exam practice: the higher it is, the easier the question. Its bands, easiest first.
COEFFICIENT_BANDS = ((0.8, 1), (0.6, 2), (0.4, 3), (0.2, 4), (0.0, 5))
_COEFFICIENT = re.compile(r"(?P<fraction>0?\.\d+|0|1\.0*)|(?P<percent>\d{1,3}(?:\.\d+)?)%")
DIFFICULTY_HINT = "可写 易、较易、中等、较难、难，1–5，或 0–1 的难度系数（答对率，越高越容易）"


def parse_difficulty(text: str) -> int | None:
    """1–5 from 易/较易/中等/较难/难, 简单/一般/困难, a digit 1–5, or a 难度系数: a fraction 0–1
    (0.8 and above 易, 0.6 较易, 0.4 中等, 0.2 较难, below 0.2 难) or a percent (80%); None when unreadable."""
    word = clean_text(text).removesuffix("题")
    if word.isdigit() and int(word) in DIFFICULTY_LABELS:
        return int(word)
    match = _COEFFICIENT.fullmatch(word)
    if match:
        value = float(match.group("fraction")) if match.group("fraction") else float(match.group("percent")) / 100
        if 0 <= value <= 1:
            return next(level for floor, level in COEFFICIENT_BANDS if value >= floor)
    return DIFFICULTY_WORDS.get(word)


def parse_citation(text: str) -> Citation | None:
    """A citation written in a cell: "《煤矿安全规程》第一百零七条" → Citation(title, article)."""
    match = _CITATION.search(clean_text(text))
    if not match:
        return None
    return Citation(title=match.group("title").strip(), article=match.group("article") or "")


def parse_status(text: str) -> str:
    """draft / approved / retired from 草稿, 已审核, 已停用 …; draft when empty or unknown."""
    return STATUS_WORDS.get(clean_text(text).lower(), "draft")


def parse_category(text: str) -> tuple[str, ...]:
    """A category path from "一通三防/瓦斯" (also > and \\ as separators)."""
    return tuple(p for p in _CATEGORY_SPLIT.split(clean_text(text)) if p)
