"""Export of the bank: the documented .xlsx template (which imports back unchanged) and JSON.

Template columns: 题型 | 题干 | 选项A … 选项H | 答案 | 解析 | 分类 | 难度 | 适用工种 | 出处 | 状态.
A second sheet, 填写说明, documents every column; the importer skips it because it has
no header. Answers are written as the importer reads them: letters for choices
("ABD"), 正确/错误 for true/false, blank texts separated by "；".
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy import Select, func, select

from core.db import db
from corpus.documents import Citation
from quiz.bank.models import Category, Question, QuestionVersion
from quiz.bank.types import DIFFICULTY_LABELS, KINDS, OPTION_KEYS, STATUS_LABELS, Option, QuestionDraft

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
        "填空题写答案文字，多个空用“；”分隔，一个空的几种写法用“/”分隔（如 瓦斯/沼气；单位和分数里的“/”不算，"
        "如 4m/s、2次/班、1/3）。必填。",
    ),
    ("解析", "答案解析，练习时显示给职工。"),
    ("分类", "如 一通三防/瓦斯，用“/”分级；没有的分类会自动建立。"),
    ("难度", "易、较易、中等、较难、难，或 1–5；也认 0–1 的难度系数（答对率，0.8 以上为易，越低越难）。"),
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


def write_xlsx(drafts: Iterable[QuestionDraft], progress: Callable[[int], None] | None = None) -> bytes:
    """The bank (or, with no drafts, the empty template) as .xlsx bytes.

    Written in openpyxl's write-only mode: rows stream to the file as they come, so memory
    stays flat and a 10,000-question bank takes seconds. `progress(n)` is called with the
    number of rows written every PROGRESS_EVERY rows and at the end.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("题库")
    for column, width in zip("ABCDEFGHIJKLMNOPQR", (10, 50, *([18] * 8), 8, 30, 16, 8, 16, 30, 8), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    sheet.append([_styled(sheet, name, font=bold, fill=fill) for name in HEADERS])
    written = 0
    for draft in drafts:
        row: list[Any] = template_row(draft)
        for at, value in enumerate(row):
            if not value:
                row[at] = None  # no cell at all: a third of the row, and of the time
            elif value[0] == "=":
                row[at] = _styled(sheet, value, text=True)  # text that starts with "=" must not become a formula
        sheet.append(row)
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            progress(written)
    if progress:
        progress(written)
    guide = book.create_sheet("填写说明")
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 100
    guide.append(["列", "填写方法"])
    wrap = Alignment(wrap_text=True)
    for name, text in INSTRUCTIONS:
        guide.append([name, _styled(guide, text, alignment=wrap)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PROGRESS_EVERY = 500


def _styled(sheet, value: str, *, text: bool = False, **style: Any) -> WriteOnlyCell:  # noqa: ANN001
    cell = WriteOnlyCell(sheet, value=value)
    if text:
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def export_count(statuses: Sequence[str] = ()) -> int:
    """How many questions `bank_drafts(statuses)` yields."""
    query = select(func.count(Question.id)).where(Question.current_version_id.is_not(None))
    if statuses:
        query = query.where(Question.status.in_(statuses))
    return db.session.scalar(query) or 0


def bank_drafts(statuses: Sequence[str] = (), chunk: int = 1000,
                among: Select | None = None) -> Iterator[tuple[int, QuestionDraft]]:
    """(id, draft) of every question (of these statuses; only those whose ids `among` selects, if given:
    the bank list's filter), by id, read in chunks of plain rows:
    one query per chunk and one for the category tree, never one per question. A citation the system
    suggested and no trainer confirmed (待确认) is left out: imported back, it would read as confirmed."""
    paths = _category_paths()
    columns = (
        Question.id,
        Question.status,
        Question.category_id,
        Question.jobs,
        Question.citation_title,
        Question.citation_article,
        Question.citation_version,
        Question.article_id,
        Question.citation_confidence,
        Question.citation_state,
        QuestionVersion.type,
        QuestionVersion.stem,
        QuestionVersion.options,
        QuestionVersion.answer,
        QuestionVersion.explanation,
        QuestionVersion.difficulty,
    )
    after = 0
    while True:
        query = select(*columns).join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        if statuses:
            query = query.where(Question.status.in_(statuses))
        if among is not None:
            query = query.where(Question.id.in_(among))
        rows = db.session.execute(query.where(Question.id > after).order_by(Question.id).limit(chunk)).all()
        for row in rows:
            guess = row.citation_state == "suggested"
            yield (
                row.id,
                QuestionDraft(
                    type=row.type,
                    stem=row.stem,
                    options=tuple(Option(o["key"], o["text"]) for o in row.options or ()),
                    answer=tuple(row.answer or ()),
                    explanation=row.explanation,
                    difficulty=row.difficulty,
                    category=paths.get(row.category_id, ()),
                    jobs=tuple(row.jobs or ()),
                    citation=Citation(row.citation_title, row.citation_article, row.citation_version)
                    if row.citation_title and not guess
                    else None,
                    article_id=None if guess else row.article_id,
                    citation_confidence=None if guess else row.citation_confidence,
                    status=row.status,
                ),
            )
        if len(rows) < chunk:
            return
        after = rows[-1].id


def _category_paths() -> dict[int, tuple[str, ...]]:
    """Every category's path from the root, from one query."""
    nodes = {
        row.id: (row.name, row.parent_id)
        for row in db.session.execute(select(Category.id, Category.name, Category.parent_id))
    }
    paths: dict[int, tuple[str, ...]] = {}

    def path(node_id: int, seen: frozenset[int] = frozenset()) -> tuple[str, ...]:
        if node_id in paths:
            return paths[node_id]
        name, parent = nodes[node_id]
        above = path(parent, seen | {node_id}) if parent in nodes and parent not in seen else ()
        paths[node_id] = (*above, name)
        return paths[node_id]

    for node_id in nodes:
        path(node_id)
    return paths


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
