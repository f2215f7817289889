"""Finding the header row of a question bank and what each column means, by meaning not position.

Vendors name the same column a dozen ways (题干 / 题目 / 题目内容 / 试题内容), put a
merged title above the header, split "选项" over one column per letter with A B C D on a
second header row, or add columns nobody asked for. A cell names a field when its text,
stripped of spaces and punctuation, equals an alias or starts with one ("题干（必填）");
the longest alias wins, so 题目选项 is the options, not the stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from quiz.bank.text import half_width
from quiz.bank.types import OPTION_KEYS

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "type": ("题型", "试题类型", "题目类型", "类型", "题类", "试题题型", "题型名称"),
    "stem": (
        "题干",
        "题目",
        "题目内容",
        "试题内容",
        "试题",
        "问题",
        "题目名称",
        "内容",
        "试题题干",
        "题面",
        "题目题干",
    ),
    "options": ("选项", "题目选项", "试题选项", "备选答案", "选项内容", "所有选项", "候选项"),
    "answer": ("答案", "正确答案", "题目答案", "标准答案", "参考答案", "试题答案", "正确选项"),
    "explanation": ("解析", "答案解析", "试题解析", "题目解析", "解释", "分析", "答题解析", "说明", "试题分析", "题目分析",
                    "答案分析"),
    "category": ("分类", "作业种类", "题库分类", "试题分类", "类别", "知识点", "章节", "科目", "所属分类", "专业",
                 "所属专业", "专业名称", "专业类别", "专业分类", "所属类别", "题目分类", "题目类别", "试题类别",
                 "题库类别", "所属知识点", "知识点分类", "所属章节", "所属科目", "课程", "所属课程"),
    "difficulty": ("难度", "难易度", "难易程度", "难度系数", "难度等级"),
    "jobs": ("适用工种", "工种", "岗位", "适用岗位", "适用人员"),
    "citation": ("出处", "依据", "来源", "法规依据", "出题依据", "参考依据", "条款"),
    "status": ("状态", "审核状态"),
    "number": ("序号", "题号", "编号", "试题编号"),
}
# English (snake_case or camelCase: compared without "_" and case) and pinyin headers, as
# converters and web exports write them. Latin names match whole, never as a prefix:
# "questionId" must not read as "question".
LATIN_ALIASES: dict[str, tuple[str, ...]] = {
    "type": ("type", "question_type", "q_type", "qtype", "kind", "question_kind", "category_type", "tixing",
             "leixing", "shitileixing", "timuleixing"),
    "stem": ("stem", "question", "question_content", "question_text", "question_title", "question_stem", "title",
             "content", "body", "text", "tigan", "timu", "timuneirong", "shitineirong", "wenti"),
    "options": ("options", "option", "choices", "choice", "question_options", "option_list", "options_json",
                "answers_list", "items", "xuanxiang", "timuxuanxiang", "option_content"),
    "answer": ("answer", "answers", "correct_answer", "correct_answers", "right_answer", "question_answer", "key",
               "answer_key", "correct", "correct_option", "solution", "daan", "zhengquedaan", "biaozhundaan",
               "timudaan"),
    "explanation": ("analysis", "explanation", "explain", "explains", "answer_analysis", "question_analysis",
                    "parse", "jiexi", "daanjiexi", "comment", "remark", "remarks", "note", "notes"),
    "category": ("category", "categories", "subject", "chapter", "section", "topic", "knowledge", "knowledge_point",
                 "tag", "tags", "classification", "class", "fenlei", "zhishidian", "kemu", "zhangjie"),
    "difficulty": ("difficulty", "difficulty_level", "level", "hard", "nandu", "nanyidu"),
    "jobs": ("job", "jobs", "post", "posts", "work_type", "trade", "gongzhong", "gangwei"),
    "citation": ("source", "reference", "references", "basis", "citation", "law", "chuchu", "yiju"),
    "status": ("status", "state", "zhuangtai"),
    "number": ("id", "no", "num", "number", "index", "seq", "serial", "question_id", "question_no", "qid", "xuhao",
               "tihao", "bianhao", "sort", "order_no"),
}
FIELD_LABELS = {
    "type": "题型",
    "stem": "题干",
    "options": "选项",
    "answer": "答案",
    "explanation": "解析",
    "category": "分类",
    "difficulty": "难度",
    "jobs": "适用工种",
    "citation": "出处",
    "status": "状态",
}
HEADER_SCAN_ROWS = 20
_CHINESE_DIGITS = "一二三四五六七八九"
_KEEP = re.compile(r"[^\w]|_")
_REMARK = re.compile(r"[（(【\[][^）)】\]]*[)）】\]]")
# Words that make an unread header worth a warning: it may hold options, answers or types.
_SUSPECT = re.compile(r"选项|答案|题型|类型|OPTION|CHOICE|ANSWER|KEY|TYPE|XUANXIANG|DAAN|TIXING")


@dataclass(frozen=True)
class Layout:
    """Where things are in a sheet: 0-based header row, first data row and field → column.

    `header_row` is -1 for a sheet read without a header (a bank pasted from Word). `unread`
    lists header cells that look like options, answers or types but were not understood;
    `guessed` lists option columns taken by their position and letter ("选项D(备用)");
    `header` is the header row's cells as written.
    """

    header_row: int
    data_start: int
    columns: dict[str, int]
    option_columns: dict[str, int] = field(default_factory=dict)
    unread: tuple[str, ...] = ()
    guessed: tuple[tuple[str, str], ...] = ()
    header: tuple[str, ...] = ()

    def used_columns(self) -> list[tuple[str, str]]:
        """(header as written, what it was read as) for each column read, in the sheet's order."""
        read = {c: FIELD_LABELS[f] for f, c in self.columns.items() if f in FIELD_LABELS}
        read |= {c: f"选项{k}" for k, c in self.option_columns.items()}
        return [(self.header[c].strip(), read[c]) for c in sorted(read) if c < len(self.header)]

    def ignored_columns(self) -> list[str]:
        """Header cells whose column is not imported (序号, 备注, a second 题干 …)."""
        read = {c for f, c in self.columns.items() if f in FIELD_LABELS} | set(self.option_columns.values())
        return [cell.strip() for c, cell in enumerate(self.header) if cell.strip() and c not in read]

    def describe_written(self) -> str:
        """The columns read with their headers as written, for the import report
        ("题型（题目类型）、题干（试题内容）、选项A–D、答案（标准答案）、分类（所属专业）")."""
        fields = [(written, label) for written, label in self.used_columns() if not label.startswith("选项")
                  or label == "选项"]
        shown = [label if written == label else f"{label}（{written}）" for written, label in fields]
        if self.option_columns:
            keys = list(self.option_columns)
            stem = next((i + 1 for i, (_, label) in enumerate(fields) if label == "题干"), 0)
            shown.insert(stem, f"选项{keys[0]}–{keys[-1]}")
        return "、".join(shown)

    def describe(self) -> str:
        """The recognised columns, for the preview ("题型、题干、选项A–D、答案")."""
        names = [FIELD_LABELS[f] for f in FIELD_LABELS if f in self.columns]
        if self.option_columns:
            keys = list(self.option_columns)
            names.insert(names.index("题干") + 1 if "题干" in names else 0, f"选项{keys[0]}–{keys[-1]}")
        if self.header_row < 0:
            names.insert(0, "无表头，按内容识别")
        return "、".join(names)

    def warnings(self) -> list[str]:
        """What the preview must say about columns read by guess or not read at all."""
        notes = [f"列“{h}”的表头不规范，按位置当作选项{k}读取，请核对。" for h, k in self.guessed]
        notes += [f"列“{h}”看起来是选项、答案或题型列，但无法识别，未导入其内容；请改成标准表头后重新导入。"
                  for h in self.unread]
        return notes


def _key(cell: str) -> str:
    return _KEEP.sub("", half_width(cell)).upper()


_LATIN_KEYS = {_key(alias): name for name, aliases in LATIN_ALIASES.items() for alias in aliases}
_EXACT = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
_OPTION_PREFIX = r"(?:选项|答案选项|备选项|备选答案|OPTION|OPT|CHOICE|ITEM|XUANXIANG)"
_OPTION_SUFFIX = r"(?:选项内容|选项|项|内容|CONTENT|TEXT|VALUE)?"


def option_letter(cell: str) -> str | None:
    """The option letter a per-option column names: A, 选项A, A选项, option_a, optionA, 选项一, 选项1, (A)."""
    key = _key(cell)
    bare = _key(_REMARK.sub("", half_width(cell)))
    for candidate in dict.fromkeys((key, bare)):
        match = re.fullmatch(rf"{_OPTION_PREFIX}?([A-H]){_OPTION_SUFFIX}", candidate)
        if match:
            return match.group(1)
        match = re.fullmatch(rf"{_OPTION_PREFIX}([1-8一二三四五六七八]){_OPTION_SUFFIX}", candidate)
        if match:
            digit = match.group(1)
            index = int(digit) if digit.isdigit() else _CHINESE_DIGITS.index(digit) + 1
            return OPTION_KEYS[index - 1]
    return None


def field_of(cell: str) -> str | None:
    """The field a header cell names, or None. Long free text is never a header.

    Bilingual headers ("Question/题目", "Answer（答案）") are read part by part.
    """
    key = _key(cell)
    found = _field_of_key(key)
    if found is None and 0 < len(key) <= 24:
        parts = [_key(p) for p in re.split(r"[/|｜\\（）()【】\[\]\s]+", half_width(cell))]
        found = next(filter(None, (_EXACT.get(p) or _LATIN_KEYS.get(p) for p in parts)), None)
    return found


def _field_of_key(key: str) -> str | None:
    """A normalised header key's field: Latin names whole, Chinese ones whole or as a prefix."""
    if not key or len(key) > 24:
        return None
    if key.isascii():
        return _LATIN_KEYS.get(key) or _LATIN_KEYS.get(key.removesuffix("S"))
    if len(key) > 16:
        return None
    best: tuple[int, str] | None = None
    for name, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if key == alias:
                return name
            if key.startswith(alias) and (best is None or len(alias) > best[0]):
                best = (len(alias), name)
    return best[1] if best else None


def _read_header(row: list[str]) -> tuple[dict[str, int], dict[str, int], list[int]]:
    columns: dict[str, int] = {}
    options: dict[str, int] = {}
    repeated: list[int] = []
    for col, cell in enumerate(row):
        letter = option_letter(cell)
        if letter and letter not in options:
            options[letter] = col
            continue
        name = field_of(cell)
        if name is None:
            continue
        if name in columns:
            repeated.append(col)
        else:
            columns[name] = col
    return columns, options, repeated


def detect_layout(rows: list[list[str]]) -> Layout | None:
    """The header among the first rows that names a stem (plus an answer, options or a type) and the most fields."""
    best: Layout | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns, options, repeated = _read_header(row)
        # Without an answer column the answers may sit in the stem ("…是（B）"); a stem column
        # alone is too weak a sign of a question bank, so ask for options or a type too.
        if "stem" not in columns or not ({"answer", "options", "type"} & set(columns) or len(options) >= 2):
            continue
        data_start = index + 1
        # A merged "选项" over several columns with A B C D underneath: a two-row header.
        if "options" in columns and repeated and index + 1 < len(rows):
            below = {option_letter(c): col for col, c in enumerate(rows[index + 1]) if option_letter(c)}
            spanned = {columns["options"], *repeated}
            if below and set(below.values()) <= spanned:
                options = dict(sorted(below.items()))
                del columns["options"]
                data_start = index + 2
        if len(options) < 2:
            options = {}
        elif "options" in columns and not repeated:
            del columns["options"]
        layout = _with_leftovers(Layout(index, data_start, columns, dict(sorted(options.items())),
                                        header=tuple(row)), rows)
        if best is None or len(layout.columns) + bool(options) > len(best.columns) + bool(best.option_columns):
            best = layout
    return best


def _with_leftovers(layout: Layout, rows: list[list[str]]) -> Layout:
    """Take an option column the header names badly but whose place proves it (right after
    选项C, headed "选项（备用）" or "选D"), and list the other unread headers that look like
    options, answers or types (a second 答案 column, "type2"), so nothing is dropped silently."""
    header = rows[layout.header_row]
    used = set(layout.columns.values()) | set(layout.option_columns.values())
    options = dict(layout.option_columns)
    guessed: list[tuple[str, str]] = []
    unread: list[str] = []
    for col, cell in enumerate(header):
        name = field_of(cell)
        if col in used or not cell.strip() or name not in {None, "answer", "options", "type"}:
            continue
        key = _key(cell)
        if options:
            last_key = max(options)
            expected = OPTION_KEYS[OPTION_KEYS.index(last_key) + 1] if last_key < OPTION_KEYS[-1] else ""
            names_option = name == "options" or re.search(r"选项|OPTION|CHOICE", key)
            names_letter = re.search(rf"(?<![A-Z]){expected}(?![A-Z])", key) if expected else None
            if expected and col == options[last_key] + 1 and (names_option or names_letter):
                options[expected] = col
                guessed.append((cell.strip(), expected))
                continue
        if name or _SUSPECT.search(key) or re.fullmatch(r"[A-H](?:[^A-Z].{0,6})?", half_width(cell).strip().upper()):
            unread.append(cell.strip())
    if not guessed and not unread:
        return layout
    return replace(layout, option_columns=dict(sorted(options.items())), unread=tuple(unread), guessed=tuple(guessed))


def seen_header(rows: list[list[str]]) -> list[str]:
    """The cells of the row that most looks like a header among the first rows, for an error message."""
    candidates = [[c.strip() for c in row if c and c.strip()] for row in rows[:HEADER_SCAN_ROWS]]
    candidates = [[c for c in row if len(c) <= 30] for row in candidates]
    return max(candidates, key=len, default=[])[:12]


def missing_header_message(seen: list[str] | None = None) -> str:
    """What to tell a trainer whose sheet has no header we recognise, naming what was seen."""
    found = f"表中看到的列：{'、'.join(f'“{c}”' for c in seen)}。" if seen else ""
    return (
        f"前{HEADER_SCAN_ROWS}行中没有找到表头。{found}需要一行同时包含“题干”（或题目、题目内容、试题内容、"
        "stem、question、questionContent、title）和“答案”（或正确答案、题目答案、answer、correct_answer）两列；"
        "答案写在题干括号里的题库，至少要有“选项”或“题型”列。"
        "可选列：题型（type）、选项（options，或选项A…选项H、option_a…）、解析（analysis）、分类（category）、"
        "难度（difficulty）、适用工种、出处。"
    )
