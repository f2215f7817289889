"""Question kinds, the draft a question is built from, and the rules a trustworthy question obeys.

A kind has a code (stored, exported), a Chinese label and a *shape* that says how it is
answered: one option (single), several (multi), true/false (judge), typed texts (blank)
or options in order (order). The hazard-identification kinds the generators produce are
kinds like any other; `register_kind` adds more without touching the bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.documents import Citation
from quiz.bank.blank_keys import blank_label
from quiz.bank.text import clean_text, content_key

SHAPES = ("single", "multi", "judge", "blank", "order")
OPTION_KEYS = "ABCDEFGH"
MIN_OPTIONS, MAX_OPTIONS = 2, 8
STATUSES = ("draft", "approved", "retired")
STATUS_LABELS = {"draft": "草稿", "approved": "已审核", "retired": "已停用"}
DIFFICULTY_LABELS = {1: "易", 2: "较易", 3: "中等", 4: "较难", 5: "难"}


@dataclass(frozen=True)
class QuestionKind:
    """A kind of question: `code` is stored and exported, `shape` says how it is answered."""

    code: str
    label: str
    shape: str
    aliases: tuple[str, ...] = ()
    # Options that are steps of one scale (稍有危险 … 极其危险) read in their order: a sitting never shuffles them.
    ordered: bool = False


KINDS: dict[str, QuestionKind] = {}
_LABELS_READ: dict[str, QuestionKind | None] = {}  # kind_for_label's answers; a bank repeats a few labels


def register_kind(
    code: str, label: str, shape: str, aliases: tuple[str, ...] = (), ordered: bool = False
) -> QuestionKind:
    """Add (or replace) a question kind; generators call this for kinds the bank does not know."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    kind = QuestionKind(code, label, shape, aliases, ordered)
    KINDS[code] = kind
    _LABELS_READ.clear()
    return kind


# English and pinyin names as converters and web exports write them (compared without case, "_" or "-").
register_kind("single", "单选题", "single", (
    "单选", "单项选择", "单项选择题", "单择题", "单选择题",
    "single", "singlechoice", "singleselect", "singleanswer", "singleresponse", "radio", "danxuan", "danxuanti"))
register_kind("multi", "多选题", "multi", (
    "多选", "多项选择", "多项选择题", "不定项", "不定项选择", "不定项选择题",
    "multiple", "multiplechoice", "multichoice", "multiselect", "multipleanswer", "multipleresponse", "checkbox",
    "duoxuan", "duoxuanti"))
register_kind("judge", "判断题", "judge", (
    "判断", "是非题", "是非", "对错题", "正误题", "判断正误",
    "judge", "judgement", "judgment", "truefalse", "trueorfalse", "tf", "boolean", "panduan", "panduanti"))
register_kind("blank", "填空题", "blank", (
    "填空", "blank", "fill", "fillblank", "fillintheblank", "completion", "tiankong", "tiankongti"))
# The hazard-identification templates of HAZARDS.md §6; the generators own their content.
register_kind("hazard_accident_type", "事故类型辨识", "single")
register_kind("hazard_site", "场所危险源辨识", "multi")
# The danger bands and risk levels are a scale: their options keep the scale's order (trainer audit 3, finding 9).
register_kind("hazard_lec", "LEC风险评价", "single", ordered=True)
register_kind("hazard_matrix", "风险矩阵", "single", ordered=True)
register_kind("hazard_control", "管控措施", "multi")
register_kind("hazard_major", "重大事故隐患判定", "judge")
register_kind("hazard_threshold", "数值规定", "single")
register_kind("hazard_scenario", "情景分析", "single")
register_kind("hazard_violation", "三违归类", "single")
register_kind("hazard_order", "作业顺序", "order", ("排序题", "排序"))

_LABEL_SPACE = re.compile(r"[\s【】\[\]]")
_LABEL_DROP = re.compile(r"[\s\d一二三四五六七八九十、.．:：()（）\[\]【】_\-/]")


def kind_for_label(label: str) -> QuestionKind | None:
    """The kind a type cell names ("单选题", "是非题", "三、多项选择题", "【判断题】", "multi"), or None.

    A bare "选择题" is ambiguous and returns None, so the caller infers single or multi.
    """
    if label not in _LABELS_READ:
        if len(_LABELS_READ) > 4096:
            _LABELS_READ.clear()
        _LABELS_READ[label] = _read_label(label)
    return _LABELS_READ[label]


def _read_label(label: str) -> QuestionKind | None:
    cleaned = clean_text(label)
    # "单项选择题（每题1分）" drops its remark; "【判断题】" keeps what is inside.
    # A label read whole first: numerals belong to some names ("三违归类"), and the export writes
    # every kind's label as it is ("LEC风险评价"), so whatever it writes reads back.
    whole = _LABEL_SPACE.sub("", cleaned).casefold()
    dropped = [_LABEL_DROP.sub("", variant).casefold()
               for variant in (re.sub(r"[（(【\[].*?[)）】\]]", "", cleaned), cleaned)]
    for text in (whole, *dropped):
        if not text:
            continue
        for kind in KINDS.values():
            names = {n.casefold() for n in (kind.code, kind.label, *kind.aliases)}
            if text in names or text.removesuffix("题") in {n.removesuffix("题") for n in names}:
                return kind
    return None


def keeps_order(code: str) -> bool:
    """Whether a kind's options are a scale that is shown in its order, whatever a paper's shuffle setting."""
    kind = KINDS.get(code)
    return kind is not None and kind.ordered


def shape_of(code: str) -> str:
    """The answer shape of a kind code; unknown codes raise KeyError."""
    return KINDS[code].shape


def answer_label(code: str, answer: Iterable[str]) -> str:
    """An answer as shown to trainers: "ABD", "正确", or the blank texts, each with its alternatives joined by
    “或” as scoring reads them (瓦斯 或 沼气；4m/s)."""
    answer = list(answer)
    shape = KINDS[code].shape if code in KINDS else "single"
    if shape == "judge":
        return dict((o.key, o.text) for o in JUDGE_OPTIONS).get(answer[0], "") if answer else ""
    return "；".join(blank_label(a) for a in answer) if shape == "blank" else "".join(answer)


@dataclass(frozen=True)
class Option:
    """One choice: its key ("A") and text."""

    key: str
    text: str


JUDGE_OPTIONS = (Option("A", "正确"), Option("B", "错误"))


@dataclass(frozen=True)
class QuestionDraft:
    """Everything a question is made of, before it is stored. Pure data, no database.

    `answer` holds option keys for choice kinds (sorted for multi, in order for order
    kinds), ("A",) for true and ("B",) for false in judge kinds, and the accepted texts,
    one per blank, for blank kinds. `category` is a path such as ("法律法规", "安全生产法").
    """

    type: str
    stem: str
    options: tuple[Option, ...] = ()
    answer: tuple[str, ...] = ()
    explanation: str = ""
    difficulty: int | None = None
    category: tuple[str, ...] = ()
    jobs: tuple[str, ...] = ()
    citation: Citation | None = None
    article_id: int | None = None
    citation_confidence: float | None = None
    status: str = "draft"

    @property
    def shape(self) -> str:
        return shape_of(self.type)

    @property
    def content_key(self) -> str:
        """Duplicate-detection key (normalised stem and option set)."""
        return content_key(self.stem, (o.text for o in self.options))

    @property
    def answer_text(self) -> str:
        """The answer as a person reads it: option texts, 正确/错误, or the blank texts (alternatives joined by “或”)."""
        if self.shape in {"blank"}:
            return "；".join(blank_label(a) for a in self.answer)
        by_key = {o.key: o.text for o in self.options}
        return "；".join(by_key.get(k, k) for k in self.answer)


@dataclass(frozen=True)
class StoredQuestion:
    """A question already in the bank, as duplicate detection needs it: which one, its answer and its options
    in the bank's order (the answer's letters name them; a re-import may list them in another order)."""

    id: int
    type: str = ""
    answer: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()

    def __str__(self) -> str:
        return f"题库第{self.id}题"


def validate(draft: QuestionDraft) -> list[str]:
    """Why a draft cannot be trusted, in Chinese; an empty list means it is sound."""
    problems: list[str] = []
    if draft.type not in KINDS:
        return [f"未知题型：{draft.type}"]
    shape = draft.shape
    if not draft.stem.strip():
        problems.append("题干为空")
    if draft.status not in STATUSES:
        problems.append(f"未知状态：{draft.status}")
    if draft.difficulty is not None and draft.difficulty not in DIFFICULTY_LABELS:
        problems.append("难度应为1–5")
    if shape == "blank":
        if not [a for a in draft.answer if a.strip()]:
            problems.append("缺少答案")
        return problems
    if shape == "judge":
        if draft.options and tuple(draft.options) != JUDGE_OPTIONS:
            problems.append("判断题的选项应为“正确/错误”")
        if draft.answer not in {("A",), ("B",)}:
            problems.append("判断题答案应为“正确”或“错误”" if draft.answer else "缺少答案")
        return problems
    problems.extend(_option_problems(draft.options))
    keys = [o.key for o in draft.options]
    if not draft.answer:
        problems.append("缺少答案")
        return problems
    missing = [k for k in draft.answer if k not in keys]
    if missing:
        span = f"{keys[0]}–{keys[-1]}" if keys else "无"
        problems.append(f"答案{''.join(missing)}不在选项中（选项为{span}）")
    elif shape == "single" and len(draft.answer) != 1:
        problems.append(f"单选题只能有一个答案，此行为{''.join(draft.answer)}")
    elif shape == "order" and sorted(draft.answer) != sorted(keys):
        problems.append("排序题的答案应包含每个选项各一次")
    elif len(set(draft.answer)) != len(draft.answer):
        problems.append("答案中有重复的选项")
    return problems


def _option_problems(options: tuple[Option, ...]) -> list[str]:
    if not options:
        return ["没有选项"]
    if len(options) < MIN_OPTIONS:
        return [f"只识别出{len(options)}个选项（选项少于{MIN_OPTIONS}个，或选项之间缺少A、B、C…标记）"]
    if len(options) > MAX_OPTIONS:
        return [f"选项多于{MAX_OPTIONS}个"]
    problems = []
    keys = [o.key for o in options]
    if keys != list(OPTION_KEYS[: len(keys)]):
        problems.append(f"选项字母应依次为A、B、C…，实际为{'、'.join(keys)}")
    empty = [o.key for o in options if not o.text.strip()]
    if empty:
        problems.append(f"选项{'、'.join(empty)}为空")
    seen: dict[str, str] = {}
    for option in options:
        norm = option.text.strip()
        if norm and norm in seen:
            problems.append(f"选项{seen[norm]}与选项{option.key}内容相同")
        seen.setdefault(norm, option.key)
    return problems
