"""Reading a bank by its shape where the header says too little.

Banks pasted from Word have no header at all: section rows (一、单选题 … 三、判断题(正确))
set the kind (and, for a 判断题 section marked (正确)/(错误), the key of every row in it),
a numbered stem row is followed by option rows ("(A)xx  (B)yy"), and keys sit in the stem
("（AC）") or in a narrow column beside it. Converted banks code their kinds as 1/2/3 or
single/multiple/judge. The rules here are structural (numbering, option markers, what the
answers look like), so they hold for layouts nobody has shown us yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.bank.answers import truth_of
from quiz.bank.cells import ANSWER_IN_STEM
from quiz.bank.layout import Layout
from quiz.bank.text import clean_text, half_width, split_number
from quiz.bank.types import kind_for_label

OPTION_LINE = re.compile(r"^\s*(?:[（(]\s*[A-HＡ-Ｈa-h]\s*[)）]|[A-HＡ-Ｈ]\s*[.．、:：)）])")
_ORDINAL = re.compile(r"^(?:第?[一二三四五六七八九十\d]+\s*(?:部分|章|节|大题|类)?\s*[、.．:：]?|[（(][一二三四五六七八九十\d]+[)）])\s*")
_BRACKETS = re.compile(r"[【\[]([^】\]]*)[】\]]")
_ANSWER_LIKE = re.compile(r"[A-H](?:\s*[,，、]?\s*[A-H]){0,7}|√|×|✓|✗|对|错|正确|错误|是|否|T|F|TRUE|FALSE|Y|N")
_SCAN_ROWS = 3000


@dataclass(frozen=True)
class Section:
    """A section heading row: the kind code it names and, for judge sections, the key it sets."""

    kind: str
    truth: bool | None = None


def section_heading(text: str) -> Section | None:
    """The section a heading row names ("一、单项选择题（每题1分）", "【判断题】", "三、判断题(正确)"), or None."""
    cleaned = clean_text(text)
    if not cleaned or len(cleaned) > 40 or "\n" in cleaned:
        return None
    body = _BRACKETS.sub(r"\1", _ORDINAL.sub("", cleaned, count=1)).strip()
    match = re.match(r"(?P<label>[^（(:：，,]+?)\s*(?:[:：，,]\s*)?(?P<remark>[（(].*)?$", body)
    if not match:
        return None
    kind = kind_for_label(match.group("label"))
    if kind is None:
        return None
    truth = None
    remark = (match.group("remark") or "").replace("不正确", "错误").replace("不对", "错")
    if kind.shape == "judge" and remark:
        says_true = bool(re.search(r"正确|对|√|✓", remark))
        says_false = bool(re.search(r"错|×|✗", remark))
        if says_true != says_false:
            truth = says_true
    return Section(kind.code, truth)


def looks_like_answer(cell: str) -> bool:
    """Whether a short cell reads as a key: letters, √/×, 对/错, T/F, true/false."""
    text = half_width(clean_text(cell)).strip().upper()
    return bool(text) and (bool(_ANSWER_LIKE.fullmatch(text)) or truth_of(text) is not None)


def headerless_layout(rows: list[list[str]]) -> Layout | None:
    """A layout for a sheet without a header whose rows a person reads as questions.

    The text column is the one with the most sentences; the sheet counts as a bank when
    at least three of its rows are numbered questions (or stems keyed in brackets) and the
    keys are somewhere: in the stems, in a column beside them, or in 判断题(正确) sections.
    """
    sample = rows[:_SCAN_ROWS]
    width = max((len(r) for r in sample), default=0)
    if not width:
        return None

    def wordy(cell: str) -> bool:
        return len(cell) >= 4 and bool(re.search(r"[\u4e00-\u9fff]", cell))

    counts = [sum(1 for r in sample if c < len(r) and wordy(r[c])) for c in range(width)]
    text_col = max(range(width), key=counts.__getitem__)
    if counts[text_col] < 3:
        return None
    texts = [clean_text(r[text_col]) if text_col < len(r) else "" for r in sample]
    number_col = _number_column(sample, text_col, width)
    numbered = [
        i for i, t in enumerate(texts)
        if t and (split_number(t)[2] or (number_col is not None and _cell(sample[i], number_col).isdigit()))
    ]
    sections = [i for i, t in enumerate(texts) if section_heading(t)]
    if len(numbered) < 3:  # unnumbered stems still count when they carry their key ("…（B）")
        numbered = [i for i, t in enumerate(texts)
                    if t and ANSWER_IN_STEM.search(t) and not OPTION_LINE.match(t) and i not in sections]
    keyed = sum(1 for i in numbered if ANSWER_IN_STEM.search(texts[i]))
    options_col = _options_column(sample, numbered, {text_col, number_col}, width)
    option_columns = _spread_options(sample, numbered, options_col, width) if options_col is not None else {}
    taken = {text_col, number_col, options_col, *option_columns.values()}
    answer_col = _answer_column(sample, numbered, taken, width)
    # Numbered lines alone may be a notes sheet; a bank also says its keys somewhere.
    keyed_sections = any(section_heading(texts[i]).truth is not None for i in sections)
    if len(numbered) < 3 or not (answer_col is not None or keyed >= 2 or keyed_sections):
        return None
    columns = {"stem": text_col}
    if answer_col is not None:
        columns["answer"] = answer_col
    if options_col is not None and not option_columns:
        columns["options"] = options_col
    if number_col is not None:
        columns["number"] = number_col
    start = min(numbered + sections)
    return Layout(-1, start, columns, option_columns)


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _number_column(rows: list[list[str]], text_col: int, width: int) -> int | None:
    """A column left of the text holding question numbers (mostly whole numbers)."""
    for col in range(text_col):
        cells = [_cell(r, col) for r in rows if _cell(r, text_col)]
        filled = [c for c in cells if c]
        if len(filled) >= 3 and sum(c.isdigit() for c in filled) >= 0.8 * len(filled):
            return col
    return None


def _options_column(rows: list[list[str]], questions: list[int], taken: set[int | None], width: int) -> int | None:
    """A column beside the stems whose cells on the question rows start with option A ("A.xx B.yy")."""
    for col in range(width):
        if col in taken:
            continue
        filled = [_cell(rows[i], col) for i in questions if _cell(rows[i], col)]
        marked = sum(bool(re.match(r"\s*(?:[（(]\s*A\s*[)）]|A\s*[.．、:：)）])", c)) for c in filled)
        if marked >= 3 and marked >= 0.6 * len(filled):
            return col
    return None


def _spread_options(rows: list[list[str]], questions: list[int], first: int, width: int) -> dict[str, int]:
    """Option columns A, B, C… side by side ("A.xx" | "B.yy" | "C.zz"), when option A's column holds one option."""
    columns = {"A": first}
    for offset, letter in enumerate("BCDEFGH", start=1):
        col = first + offset
        if col >= width:
            break
        filled = [_cell(rows[i], col) for i in questions if _cell(rows[i], col)]
        marked = sum(bool(re.match(rf"\s*(?:[（(]\s*{letter}\s*[)）]|{letter}\s*[.．、:：)）])", c)) for c in filled)
        if marked < 2 or marked < 0.6 * len(filled):
            break
        columns[letter] = col
    return columns if len(columns) >= 2 else {}


def _answer_column(rows: list[list[str]], numbered: list[int], taken: set[int | None], width: int) -> int | None:
    """A narrow column whose cells on the question rows read as keys."""
    best: tuple[int, int] | None = None
    for col in range(width):
        if col in taken:
            continue
        filled = [_cell(rows[i], col) for i in numbered if _cell(rows[i], col)]
        good = sum(looks_like_answer(c) for c in filled)
        if good >= 2 and good >= 0.6 * len(filled) and (best is None or good > best[0]):
            best = (good, col)
    return best[1] if best else None


def type_code_kinds(inferred: dict[str, list[str]]) -> dict[str, str]:
    """The kind each unexplained type code (1/2/3, S/M/J …) stands for, by what its rows look like.

    `inferred` maps a code to the kinds its rows read as on their own (a key of several
    letters → multi, a true/false key → judge, no options → blank). A code is judge or blank
    when most of its rows are; otherwise it is multiple choice when a fair share of its rows
    carry several letters (a 多选 row may have one key), else single choice.
    """
    kinds: dict[str, str] = {}
    for code, seen in inferred.items():
        if not seen:
            continue
        for shape in ("judge", "blank"):
            if seen.count(shape) * 2 > len(seen):
                kinds[code] = shape
                break
        else:
            choices = [k for k in seen if k in {"single", "multi"}]
            multi = choices.count("multi")
            kinds[code] = "multi" if choices and multi >= 0.3 * len(choices) else "single"
    return kinds


def is_type_code(text: str) -> bool:
    """A type cell that is a short code rather than a label: "1", "2", "S", "TF"."""
    return bool(re.fullmatch(r"[A-Za-z0-9]{1,3}", half_width(clean_text(text))))
