"""Question-bank files (.xlsx, .xls, .csv) → an `ImportReport`: good drafts, duplicates, bad rows.

Pure: no database, no Flask. The caller passes the content keys already in the bank
so duplicates of stored questions are reported too; `quiz.bank.service.save_import` stores the
report's drafts in one transaction. Every non-empty data row ends up in exactly one of
`questions`, `duplicates` or `errors`, so imported + duplicates + errors = rows.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from core.sheets import Sheet, SheetError, read_sheets
from corpus import jobs
from quiz.bank.answers import AnswerError, digit_keys, looks_like_judge, parse_answer, parse_letters
from quiz.bank.cells import (
    ANSWER_IN_STEM,
    DIFFICULTY_HINT,
    answer_in_stem,
    parse_category,
    parse_citation,
    parse_difficulty,
    parse_status,
)
from quiz.bank.layout import FIELD_LABELS, Layout, detect_layout, missing_header_message, seen_header
from quiz.bank.options import flagged_answer, split_options, split_stem_options
from quiz.bank.structure import (
    OPTION_LINE,
    Section,
    headerless_layout,
    is_type_code,
    section_heading,
    type_code_kinds,
)
from quiz.bank.text import (
    clean_text,
    comparison_key,
    split_list,
    split_marked_number,
    split_number,
    starts_with_quantity,
)
from quiz.bank.types import (
    JUDGE_OPTIONS,
    KINDS,
    Option,
    QuestionDraft,
    StoredQuestion,
    answer_label,
    kind_for_label,
    validate,
)

log = logging.getLogger(__name__)

MAX_ROWS_PER_FILE = 20_000
_IMAGE = re.compile(r"img:|<img|\.(?:png|jpe?g|gif|bmp)\b", re.IGNORECASE)
_ESSAY = re.compile(r"(?i)简答|问答|论述|计算|案例分析|名词解释|作图|识图|essay|short\s*answer|discussion")
_SHEET_DEFAULT_NAME = re.compile(r"(?i)(?:sheet|工作表|题库|试题|题目|questions?|bank|csv)\s*\d*")
_MID_BLANK = re.compile(r"（ ）(?=.*[\w\u4e00-\u9fff])")


# the row's own text quoted in a reason (答案“甲”不是…), not the wording it should have (应为“正确/错误”)
_VALUE_QUOTE = re.compile(r"(?<!不是)(?<!应为)“[^”]*”(?=不是|应为|[：:]|$)")
_ROW_LETTERS = re.compile(r"(?<=[案项])[A-H](?:、?[A-H])*")  # 答案E, 选项A、B: the row's letters
_ROW_DETAILS = re.compile(r"[；（(:：，].*")  # what follows: the row's options, its answer, a hint


def problem_kind(reason: str) -> str:
    """The kind of a row's problem, for counting rows by it: the row's letters, quoted cell text
    and details left out (答案E不在选项中（选项为A–D） → 答案不在选项中)."""
    kind = _VALUE_QUOTE.sub("", reason.split("；")[0])
    kind = _ROW_DETAILS.sub("", _ROW_LETTERS.sub("", kind))
    kind = kind.replace("选项与选项", "两个选项")
    return re.sub(r"只识别出\d+个选项", "识别出的选项太少", kind) or reason


class RowRejected(ValueError):
    """A row the importer cannot trust for a reason other than its answer (unknown type, pictures)."""


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported, and why (in Chinese). `row` is None for a whole-file problem."""

    file: str
    row: int | None
    reason: str
    sheet: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI prints."""
        data: dict[str, Any] = {"file": self.file, "row": self.row, "reason": self.reason}
        if self.sheet:
            data["sheet"] = self.sheet
        return data


@dataclass(frozen=True)
class ParsedQuestion:
    """A sound draft and where it came from."""

    draft: QuestionDraft
    file: str
    sheet: str
    row: int


@dataclass
class ImportReport:
    """The outcome of reading one or more bank files, before anything is stored."""

    files: list[str] = field(default_factory=list)
    rows: int = 0
    questions: list[ParsedQuestion] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    # Rows to check by hand, imported or not: a duplicate whose answer differs, a 多选 with one answer.
    warnings: list[RowProblem] = field(default_factory=list)
    file_errors: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layouts: dict[str, str] = field(default_factory=dict)
    # Per sheet as in `layouts`: the columns read (header as written → what) and those not imported.
    column_use: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def imported(self) -> int:
        return len(self.questions)

    @property
    def by_type(self) -> dict[str, int]:
        """Sound questions per kind code, most frequent first."""
        return dict(Counter(q.draft.type for q in self.questions).most_common())

    @property
    def by_status(self) -> dict[str, int]:
        """Sound questions per status they will be stored with: draft unless a 状态 column says otherwise."""
        return dict(Counter(q.draft.status for q in self.questions).most_common())

    @property
    def unknown_jobs(self) -> list[str]:
        """适用工种 the mine does not know, each once: saved as typed (corpus.jobs.unknown)."""
        return jobs.unknown(job for q in self.questions for job in q.draft.jobs)

    @property
    def unknown_jobs_note(self) -> str:
        return jobs.unknown_note(self.unknown_jobs)

    @property
    def errors_by_reason(self) -> dict[str, int]:
        """Bad rows grouped by the kind of problem (答案不在选项中), the row's own details left out."""
        return dict(Counter(problem_kind(e.reason) for e in self.errors).most_common())

    def to_dict(self) -> dict[str, Any]:
        """The JSON the CLI prints: counts, per-type counts and every problem with its row."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": len(self.duplicates),
            "errors": [p.to_dict() for p in self.file_errors + self.errors],
            "by_type": self.by_type,
            "errors_by_reason": self.errors_by_reason,
            "duplicate_rows": [p.to_dict() for p in self.duplicates],
            "warnings": [p.to_dict() for p in self.warnings],
            "columns": self.layouts,
            "column_use": self.column_use,
            "by_status": self.by_status,
            "notes": self.notes,
            "unknown_jobs": self.unknown_jobs,
        }


def parse_files(
    files: Iterable[tuple[str, bytes]],
    existing: Mapping[str, StoredQuestion | str] | None = None,
    max_rows: int = MAX_ROWS_PER_FILE,
) -> ImportReport:
    """Read bank files given as (file name, content) pairs into one report.

    `existing` maps content keys of questions already in the bank to the stored question (or
    a label such as "题库第12题"); rows matching them, or an earlier row of this import, are
    duplicates, and a duplicate whose answer differs is also a warning to check.
    """
    report = ImportReport()
    seen: dict[str, ParsedQuestion] = {}
    labels = dict(existing or {})
    for name, data in files:
        report.files.append(name)
        try:
            sheets = read_sheets(name, data)
        except SheetError as exc:
            report.file_errors.append(RowProblem(name, None, str(exc)))
            continue
        except Exception:  # readers raise their own types for truncated files (xlrd CompDocError …)
            log.warning("unreadable bank file %s", name, exc_info=True)
            report.file_errors.append(RowProblem(name, None, "无法读取文件：文件已损坏或不是完整的 Excel/CSV 表格。"))
            continue
        _parse_file(report, name, sheets, seen, labels, max_rows)
    return report


def _parse_file(
    report: ImportReport,
    name: str,
    sheets: list[Sheet],
    seen: dict[str, ParsedQuestion],
    labels: dict[str, StoredQuestion | str],
    max_rows: int,
) -> None:
    filled = [s for s in sheets if any(any(c for c in r) for r in s.rows)]
    laid_out = [(s, detect_layout(s.rows) or headerless_layout(s.rows)) for s in filled]
    if not laid_out:
        report.file_errors.append(RowProblem(name, None, "文件中没有任何数据（工作表是空的）。"))
        return
    usable = [(s, layout) for s, layout in laid_out if layout]
    if not usable:
        report.file_errors.append(RowProblem(name, None, missing_header_message(seen_header(filled[0].rows))))
        return
    skipped = [s.name for s, layout in laid_out if layout is None]
    if skipped:
        sheets_named = "、".join(f"“{n}”" for n in skipped)
        report.notes.append(f"{name}：工作表{sheets_named}没有题目（没有可识别的表头，也不像按题号排列的题目），已跳过。")
    total = sum(len(s.rows) - layout.data_start for s, layout in usable)
    if total > max_rows:
        report.file_errors.append(
            RowProblem(name, None, f"文件有{total}行数据，超过单次导入上限{max_rows}行，请拆分成几个文件后再导入。")
        )
        return
    for sheet, layout in usable:
        sheet_label = sheet.name if len(usable) > 1 else ""
        where = f"工作表“{sheet.name}”" if sheet_label else "表格"
        if "answer" not in layout.columns and not _has_answers_in_stems(sheet, layout):
            report.file_errors.append(
                RowProblem(name, None, f"{where}没有“答案”列（或正确答案、题目答案），题干括号里也没有答案，无法导入。")
            )
            continue
        report.layouts[f"{name} {sheet_label}".strip()] = layout.describe()
        if layout.header:
            report.column_use[f"{name} {sheet_label}".strip()] = {
                "described": layout.describe_written(),
                "recognised": [{"column": written, "field": what} for written, what in layout.used_columns()],
                "ignored": layout.ignored_columns(),
            }
        report.notes.extend(f"{name} {where}：{w}" for w in layout.warnings())
        # A sheet named for a kind ("判断题") sets the kind of its untyped rows; otherwise, with
        # one subject per sheet and no category column, the sheet's name is the category.
        kind = section_heading(sheet.name)
        subject = sheet.name.strip() if len(usable) > 1 and "category" not in layout.columns and not kind else ""
        if _SHEET_DEFAULT_NAME.fullmatch(subject):
            subject = ""
        _parse_sheet(report, name, sheet_label, sheet, layout, seen, labels, subject, kind)


@dataclass
class _Record:
    """One question's cells, with options written on the rows below its stem joined to it."""

    row: int
    cells: dict[str, str]
    option_cells: dict[str, str]
    section: Section | None = None


def _parse_sheet(
    report: ImportReport,
    name: str,
    sheet_label: str,
    sheet: Sheet,
    layout: Layout,
    seen: dict[str, ParsedQuestion],
    labels: dict[str, StoredQuestion | str],
    subject: str = "",
    sheet_kind: Section | None = None,
) -> None:
    stem_col = layout.columns["stem"]
    header = sheet.rows[layout.header_row] if layout.header_row >= 0 else []
    header_stem = header[stem_col] if stem_col < len(header) else None
    errors = {(r, c) for r, c in sheet.errors}
    records = [r for r in _records(sheet.rows[layout.data_start :], layout, errors) if r.cells["stem"] != header_stem]
    numbered = _is_numbered(r.cells["stem"] for r in records if r.section is None)
    codes = _type_codes(records, layout)
    first_errors, first_rows = len(report.errors), report.rows
    section = sheet_kind
    previous_number: int | None = None  # numbered: the last number taken off; else the row before's, or None
    imported = 0
    for record in records:
        if record.section is not None:
            section = record.section
            continue
        report.rows += 1
        broken = _excel_error(sheet, layout, record.row)
        if broken:
            report.errors.append(RowProblem(name, record.row, broken, sheet_label))
            continue
        stem, number = _take_number(clean_text(record.cells["stem"]), numbered, previous_number)
        if number is not None or not numbered:
            previous_number = number
        try:
            draft = _draft(record, stem, section, codes)
        except (AnswerError, RowRejected) as exc:
            report.errors.append(RowProblem(name, record.row, str(exc), sheet_label))
            continue
        if subject and not draft.category:
            draft = replace(draft, category=(subject,))
        problems = validate(draft)
        if problems:
            report.errors.append(RowProblem(name, record.row, "；".join(problems), sheet_label))
            continue
        parsed = ParsedQuestion(draft, name, sheet.name, record.row)
        key = draft.content_key
        if key in labels or key in seen:
            reason, differs = _same_as_stored(labels[key], draft) if key in labels else _same_as(seen[key], parsed)
            report.duplicates.append(RowProblem(name, record.row, reason, sheet_label))
            if differs:
                report.warnings.append(RowProblem(name, record.row, reason, sheet_label))
            continue
        seen[key] = parsed
        report.questions.append(parsed)
        imported += 1
        written = clean_text(record.cells.get("difficulty", ""))
        if written and draft.difficulty is None:
            report.warnings.append(RowProblem(
                name, record.row, f"难度“{written}”无法识别，已导入但未设难度（{DIFFICULTY_HINT}）", sheet_label))
        if draft.shape == "multi" and len(draft.answer) == 1:
            report.warnings.append(
                RowProblem(name, record.row, f"多选题只有一个答案，请核对（答案 {draft.answer[0]}，已照常导入）", sheet_label)
            )
    if sheet_label and not imported and not _reads_as_questions(records):
        # A summary or notes sheet that happens to name a 题目 column: say so once, not row by row.
        count = report.rows - first_rows
        del report.errors[first_errors:]
        report.rows = first_rows
        report.layouts.pop(f"{name} {sheet_label}".strip(), None)
        report.column_use.pop(f"{name} {sheet_label}".strip(), None)
        report.notes.append(f"{name}：工作表“{sheet.name}”的{count}行不像题目（题干太短、没有答案），已跳过。")


def _excel_error(sheet: Sheet, layout: Layout, row: int) -> str:
    """Why a row cannot be read when a column it uses holds an Excel error (#N/A, #DIV/0! …), else ""."""
    used = [c for f, c in layout.columns.items() if f != "number"] + list(layout.option_columns.values())
    found = sheet.error_in(row - 1, sorted(used))
    if found is None:
        return ""
    col, error = found
    header = layout.header[col].strip() if col < len(layout.header) else ""
    if not header:
        fields = {c: f for f, c in layout.columns.items()} | {c: f"选项{k}" for k, c in layout.option_columns.items()}
        header = FIELD_LABELS.get(fields.get(col, ""), fields.get(col, "")) or f"第{col + 1}"
    return f"“{header}”列是 Excel 错误值 {error}（公式出错或查不到值），请在表格中改正后重新导入"


def _records(data: list[list[str]], layout: Layout, errors: set[tuple[int, int]] = frozenset()) -> Iterable[_Record]:
    """Non-empty rows as records; section heading rows come back with their `section` set.

    Banks converted from Word put each option on a row of its own under the stem
    ("A.撤离" or "(A)xx  (B)yy" alone in the stem column); such rows are joined to the question above.
    """
    pending: _Record | None = None
    packed = "options" in layout.columns or bool(layout.option_columns)
    for offset, row in enumerate(data):
        cells = {f: row[c] if c < len(row) else "" for f, c in layout.columns.items()}
        option_cells = {k: row[c] if c < len(row) else "" for k, c in layout.option_columns.items()}
        filled = [f for f, v in cells.items() if v and f != "number"]
        row_index = layout.data_start + offset
        broken = any((row_index, c) in errors for c in [*layout.columns.values(), *layout.option_columns.values()])
        if not filled and not any(option_cells.values()) and not broken:
            continue
        if pending and not packed and filled == ["stem"] and OPTION_LINE.match(cells["stem"]):
            pending.cells["stem"] += "\n" + cells["stem"]
            continue
        if pending:
            yield pending
        heading = section_heading(cells["stem"]) if filled == ["stem"] and not any(option_cells.values()) else None
        pending = _Record(layout.data_start + offset + 1, cells, option_cells, heading)
    if pending:
        yield pending


def _type_codes(records: list[_Record], layout: Layout) -> dict[str, str]:
    """What each type code of the sheet (1/2/3, S/M …) means, read from how its rows look.

    The empty code maps to "judge" when the sheet's untyped rows without options are keyed
    1/2 (true/false) far more often than anything else; otherwise such a row is a 填空 keyed "2".
    """
    inferred: dict[str, list[str]] = {}
    digits = others = 0
    codes: dict[str, bool] = {}  # type cell → whether it is an unexplained code
    for record in records:
        code = record.cells.get("type", "").strip()
        if not code and not record.section and not _options(record.cells, record.option_cells):
            key = clean_text(record.cells.get("answer", ""))
            digits += key in {"1", "2"}
            others += bool(key) and key not in {"1", "2"}
        if code not in codes:
            codes[code] = bool(code) and is_type_code(code) and kind_for_label(code) is None
        if record.section or not codes[code]:
            continue
        code = clean_text(code)
        untyped = _Record(record.row, {**record.cells, "type": ""}, record.option_cells)
        try:
            draft = _draft(untyped, clean_text(record.cells["stem"]), None, {})
        except (AnswerError, RowRejected):
            inferred.setdefault(code, [])
            continue
        inferred.setdefault(code, []).append(draft.shape)
    kinds = type_code_kinds(inferred)
    if digits >= 2 and digits >= 4 * others:
        kinds[""] = "judge"
    return kinds


def _reads_as_questions(records: list[_Record]) -> bool:
    """Whether a sheet's rows read as questions: most stems are sentences, not labels or numbers."""
    stems = [clean_text(r.cells["stem"]) for r in records if r.section is None]
    return bool(stems) and sum(len(s) >= 8 for s in stems) * 2 >= len(stems)


def _same_as(first: ParsedQuestion, later: ParsedQuestion) -> tuple[str, bool]:
    """Why a row repeats an earlier row of the import, and whether their answers differ."""
    where = f"第{first.row}行"
    if first.sheet != later.sheet:
        where = f"工作表“{first.sheet}”{where}"
    if first.file != later.file:
        where = f"{first.file} {where}"
    reason = f"与{where}重复"
    differs = _answers_differ(first.draft.options, first.draft.answer, later.draft)
    if differs:
        reason += "（两处答案不同，请核对）"
    return reason, differs


def _same_as_stored(stored: StoredQuestion | str, draft: QuestionDraft) -> tuple[str, bool]:
    """Why a row repeats a question of the bank, and whether the row's answer differs from the bank's.

    A re-import with corrected answers is not taken as a correction (the bank's question may
    already be in papers and sittings): the trainer is told to change the question in the bank.
    """
    if (not isinstance(stored, StoredQuestion) or not stored.answer
            or not _answers_differ(stored.options, stored.answer, draft)):
        return f"与{stored}重复", False
    was = answer_label(stored.type, stored.answer) if stored.type in KINDS else "".join(stored.answer)
    now = answer_label(draft.type, draft.answer)
    lettered = _in_bank_letters(stored.options, draft)
    if lettered is not None and lettered != draft.answer:
        # The row lists the options in another order: both answers by the bank's letters, with their texts.
        was, now = _with_texts(stored.options, stored.answer), _with_texts(stored.options, lettered)
        now += f"，本行选项顺序与题库不同、写作 {''.join(draft.answer)}"
    return (f"题库中已有此题（第{stored.id}题），答案不同（题库 {was}，本行 {now}），请核对；"
            f"未导入本行，如需改答案，请在题库中修改第{stored.id}题"), True


def _chosen(options: Iterable[Option], answer: Iterable[str], in_order: bool) -> tuple[str, ...] | None:
    """An answer as the texts of the options it picks, compared as the duplicate key compares options (in
    any order unless the kind answers in order); None without options to read it by (a 填空, whose answer is
    its texts, or a stored question known only by its letters)."""
    texts = {o.key: comparison_key(o.text) for o in options}
    if not texts or any(k not in texts for k in answer):
        return None
    chosen = [texts[k] for k in answer]
    return tuple(chosen if in_order else sorted(chosen))


def _answers_differ(options: Iterable[Option], answer: Iterable[str], draft: QuestionDraft) -> bool:
    """Whether an answer given with its options differs from a draft's: by the options' texts, since the
    duplicate key matches the options in any order and a letter may name another option in each."""
    options, answer = tuple(options), tuple(answer)
    in_order = draft.shape == "order"
    then, now = _chosen(options, answer, in_order), _chosen(draft.options, draft.answer, in_order)
    return answer != draft.answer if then is None or now is None else then != now


def _in_bank_letters(options: tuple[Option, ...], draft: QuestionDraft) -> tuple[str, ...] | None:
    """A draft's answer as the letters of the bank's options with the same texts, or None when the bank's
    options are not known or one of the answer's texts is not among them."""
    if not options or not draft.options:
        return None
    texts = {o.key: comparison_key(o.text) for o in draft.options}
    letters: dict[str, str] = {}
    for option in options:
        letters.setdefault(comparison_key(option.text), option.key)
    picked = [letters.get(texts[k]) if k in texts else None for k in draft.answer]
    if None in picked:
        return None
    return tuple(picked if draft.shape == "order" else sorted(picked))


def _with_texts(options: tuple[Option, ...], letters: Iterable[str]) -> str:
    """Letters with the texts of the options they name: A“风门”、B“风桥”."""
    texts = {o.key: o.text for o in options}
    return "、".join(f"{k}“{texts.get(k, '')}”" for k in letters)


def _has_answers_in_stems(sheet: Sheet, layout: Layout) -> bool:
    col = layout.columns["stem"]
    if any(section_heading(r[col]) for r in sheet.rows[layout.data_start :] if col < len(r) and r[col]):
        return True  # a 判断题(正确) section carries its rows' key; other sections may key in the stem
    return any(col < len(r) and ANSWER_IN_STEM.search(r[col]) for r in sheet.rows[layout.data_start :])


def _take_number(stem: str, numbered: bool, previous: int | None) -> tuple[str, int | None]:
    """The stem without its question number, and the number (None when it has none).

    In a numbered column (`_is_numbered`) a number with a clear mark goes, and so does one that only
    might be the content (bare "58…", decimal-like "3.5…", "3. 5个…") when it follows `previous`, the
    last number taken off. On any row a number marked as one goes ("1、井下…"); the ambiguous
    "3. 5个…" (question 3, or 3.5个 with a stray space) of a column that is not numbered only when
    the sheet says it is a number: the row before carries the number before it ("2、…", then
    "3. 5个…"), or it is a 1 that starts a numbering and is not followed by a count or measure
    ("1. 5个…" could be 1.5个). Otherwise it stays, number and all.
    """
    if numbered:
        number, rest, clear = split_number(stem)
        if number is not None and (clear or number == (previous or 0) + 1):
            return rest, number
    number, rest, ambiguous = split_marked_number(stem)
    if number is None:
        return stem, None
    if ambiguous and not numbered:
        follows = number == previous + 1 if previous is not None else number == 1 and not starts_with_quantity(rest)
        if not follows:
            return stem, None
    return rest, number


def _is_numbered(stems: Iterable[str]) -> bool:
    """Whether the stem column carries question numbers: most stems start with one."""
    counted = numbered = 0
    for stem in stems:
        if stem:
            counted += 1
            numbered += split_number(clean_text(stem))[2]
    return counted > 0 and numbered * 2 >= counted


def _draft(record: _Record, stem: str, section: Section | None, codes: Mapping[str, str]) -> QuestionDraft:
    """Build the draft of one row; raises AnswerError or RowRejected for a row that cannot be read.

    A row whose answer cell is empty may carry its key in the stem's brackets ("…（AC）"):
    banks pasted from Word key choices there and true/false in a column.
    """
    cells, option_cells = record.cells, record.option_cells
    if _IMAGE.search(stem) or _IMAGE.search(" ".join([cells.get("options", ""), *option_cells.values()])):
        raise RowRejected("题干或选项引用了图片，表格中没有图片内容，无法导入")
    options = _options(cells, option_cells)
    if not options and "options" not in cells and not option_cells:
        stem, options = split_stem_options(stem)
    raw_answer = cells.get("answer", "")
    if not raw_answer.strip():
        if cells.get("options"):
            raw_answer = flagged_answer(cells["options"])  # [{"content": "…", "isRight": true}, …]
        if not raw_answer:
            stem, raw_answer = answer_in_stem(stem)
    type_cell = clean_text(cells.get("type", ""))
    if (not type_cell and not options and codes.get("") == "judge" and raw_answer.strip() in {"1", "2"}
            and not _MID_BLANK.search(stem)):
        type_cell = "judge"  # a sheet keying its untyped true/false rows 1/2 (a blank inside the stem is a 填空)
    code = _kind(codes.get(type_cell, type_cell) if type_cell else "", section, raw_answer, options)
    shape = KINDS[code].shape
    if shape == "blank":
        if not raw_answer.strip() and options:
            raw_answer = "；".join(o.text for o in options if o.text)  # old banks key 填空 in the first option column
        options = []
    if shape == "judge" and not raw_answer.strip() and section and section.truth is not None:
        raw_answer = "对" if section.truth else "错"  # 三、判断题(正确): every row of the section is true
    answer = parse_answer(raw_answer, shape, options)
    if shape == "judge":
        options = list(JUDGE_OPTIONS)
    return QuestionDraft(
        type=code,
        stem=stem,
        options=tuple(options),
        answer=answer,
        explanation=clean_text(cells.get("explanation", "")),
        difficulty=parse_difficulty(cells.get("difficulty", "")),
        category=parse_category(cells.get("category", "")),
        jobs=tuple(split_list(cells.get("jobs", ""))),
        citation=parse_citation(cells.get("citation", "")),
        status=parse_status(cells.get("status", "")),
    )


def _options(cells: dict[str, str], option_cells: dict[str, str]) -> list[Option]:
    if option_cells:
        options = [Option(k, clean_text(v)) for k, v in option_cells.items()]
        filled = [o for o in options if o.text]
        # "A.xx" | "B.yy" in columns A, B: the markers go, but only when every option has its own
        # ("A、B级" in column A is an option's text).
        if len(filled) >= 2 and all(_own_marker(o.key).match(o.text) for o in filled):
            options = [Option(o.key, _own_marker(o.key).sub("", o.text, count=1)) for o in options]
        while options and not options[-1].text:
            options.pop()  # a bank with columns A–H fills only as many as each row needs
        return options
    return split_options(cells.get("options", ""))


def _own_marker(letter: str) -> re.Pattern[str]:
    """A column's own letter written before its text ("B.风桥" in column B), which is not part of the option."""
    return re.compile(rf"^(?:[（(]\s*{letter}\s*[)）]\s*[.．、:：]?|{letter}\s*[.．、:：)）])\s*(?=\S)")


def _kind(type_cell: str, section: Section | None, raw_answer: str, options: list[Option]) -> str:
    """The kind code of a row: its type cell, else the section heading, else what the answer says."""
    text = clean_text(type_cell)
    if text:
        kind = kind_for_label(text)
        if kind:
            return kind.code
        if _ESSAY.search(text):
            raise RowRejected(f"未知题型“{text}”：简答、问答等需人工评分的题型暂不能导入（只收单选、多选、判断、填空等）")
        if not re.fullmatch(r"(?:[一二三四五六七八九十\d]+[、.．]?)?选择题?", text) and not is_type_code(text):
            raise RowRejected(f"未知题型“{text}”")
    elif section:
        return section.kind
    if looks_like_judge(raw_answer, options):
        return "judge"
    if not options:
        return "blank"
    try:
        letters = parse_letters(raw_answer)
    except AnswerError:
        letters = digit_keys(raw_answer, options)
    return "multi" if len(letters) > 1 else "single"
