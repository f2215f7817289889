"""Export of the bank: the documented .xlsx template (which imports back unchanged) and JSON.

Template columns: 题型 | 题干 | 选项A … 选项H | 答案 | 解析 | 分类 | 难度 | 适用工种 | 出处 | 状态.
A second sheet, 填写说明, documents every column; the importer skips it because it has
no header. Answers are written as the importer reads them: letters for choices
("ABD"), 正确/错误 for true/false, blank texts separated by "；".
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from quiz.bank.types import DIFFICULTY_LABELS, KINDS, OPTION_KEYS, STATUS_LABELS, QuestionDraft

HEADERS = [
    "题型",
    "题干",
    *(f"选项{k}" for k in OPTION_KEYS),
    "答案",
    "解析",
    "分类",
    "难度",
    "适用工种",
    "出处",
    "状态",
]
INSTRUCTIONS = [
    ("题型", "单选题、多选题、判断题（是非题）、填空题，或危险源辨识题型名称；留空时按答案推断。"),
    ("题干", "题目内容。题号（1. 1、（1））会自动去掉；填空处写（ ）或____。必填。"),
    ("选项A…选项H", "每列一个选项，至少2个；判断题和填空题不填。也可在一个“选项”列里写 A.… B.…。"),
    (
        "答案",
        "选择题写字母：A 或 ABD（也认 A,B,D）；判断题写 正确/错误（也认 对/错、√/×、是/否、T/F）；"
        "填空题写答案文字，多个空用“；”分隔。必填。",
    ),
    ("解析", "答案解析，练习时显示给职工。"),
    ("分类", "如 一通三防/瓦斯，用“/”分级；没有的分类会自动建立。"),
    ("难度", "易、较易、中等、较难、难，或 1–5。"),
    ("适用工种", "多个工种用“、”分隔，如 采煤工、掘进工。"),
    ("出处", "如《煤矿安全规程》第一百零七条；与资料库中的条文对应时自动关联。"),
    ("状态", "草稿、已审核 或 已停用；留空为草稿。"),
]


def template_row(draft: QuestionDraft) -> list[str]:
    """One question as a template row."""
    shape = KINDS[draft.type].shape
    options = [""] * len(OPTION_KEYS)
    if shape not in {"judge", "blank"}:
        for option in draft.options:
            options[OPTION_KEYS.index(option.key)] = option.text
    if shape == "judge":
        answer = "正确" if draft.answer == ("A",) else "错误"
    elif shape == "blank":
        answer = "；".join(draft.answer)
    else:
        answer = "".join(draft.answer)
    citation = str(draft.citation) if draft.citation else ""
    return [
        KINDS[draft.type].label,
        draft.stem,
        *options,
        answer,
        draft.explanation,
        "/".join(draft.category),
        DIFFICULTY_LABELS.get(draft.difficulty or 0, ""),
        "、".join(draft.jobs),
        citation,
        STATUS_LABELS[draft.status],
    ]


def write_xlsx(drafts: Iterable[QuestionDraft]) -> bytes:
    """The bank (or, with no drafts, the empty template) as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for draft in drafts:
        sheet.append(template_row(draft))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that starts with "=" must not become a formula
    for column, width in zip("ABCDEFGHIJKLMNOPQR", (10, 50, *([18] * 8), 8, 30, 16, 8, 16, 30, 8), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    guide = book.create_sheet("填写说明")
    guide.append(["列", "填写方法"])
    for name, text in INSTRUCTIONS:
        guide.append([name, text])
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 100
    for row in guide.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_json(question_id: int, draft: QuestionDraft) -> dict[str, Any]:
    """One question in the JSON export shape."""
    return {
        "id": question_id,
        "type": draft.type,
        "stem": draft.stem,
        "options": [{"key": o.key, "text": o.text} for o in draft.options],
        "answer": list(draft.answer),
        "explanation": draft.explanation,
        "category": "/".join(draft.category) or None,
        "difficulty": draft.difficulty,
        "jobs": list(draft.jobs),
        "citation": {"title": draft.citation.title, "article": draft.citation.article} if draft.citation else None,
        "status": draft.status,
    }
