"""Is a default generation run worth an instructor's time? The figures issue 16 asks for.

    .venv/bin/python bench/generation_quality.py [--theory 3000] [--hazard 300] [--seed 1]
        [--corpus ../shared/corpus] [--sample FILE] [--build-exam-list] [--audience managers]
        [--document 煤矿安全规程 …]

Generates as `run.py generate` does (`quiz.generation.cli.run`: the same selection, pipeline,
verifier and pick) over ../shared/corpus and the hazard catalogue, then judges the questions with
classifiers written here, independently of the generator and the verifier:

* government procedure: the statement asked about is what a state body does (人民政府, 部门 … at
  its head) or a procedure, licence or penalty (审批, 许可证, 备案, 罚款 …)            goal ≤ 5%
* outside a mine's field: the cited document is not one a coal mine trains on (list below) ≤ 10%
* a distractor that is a current rule elsewhere: a wrong option of a theory choice item that is a
  statement found in a current article, or that put back into the stem gives a sentence found
  in one                                                                              goal ≤ 5%
* accident-type stems that contain the key or a word for it                           goal 0
* true/false balance: the share of judge items keyed 正确; what each false statement changed
  (`false_statement_changes`, read from the explanation's 把原文的“X”改成了“Y”: modal = a duty made a
  dispensation or a right none, permission = a prohibition made a permission, number, party, place, action,
  staffing = a full-time post made part-time)
* blanks on non-quantities: a blanked number that is an ordinal (第（ ）) or part of a fixed word
  (二次事故, 一律, 统一 …)
* coverage of the articles real exams ask about: bench/exam_articles.tsv (built by
  --build-exam-list from the two banks in ../shared/question-banks, see its header)   goal ≥ 70%;
  also without the exam articles about agencies' procedure (`agency_article`), which are not asked

`--audience managers` generates for 管理人员 (`relevance.AUDIENCES`) instead of the default 一线职工: its
procedure share is high by design (it asks agencies' procedure), the other goals hold as for the default run.
`--document TITLE` (repeatable) narrows the theory run to the documents named, as `generate --document` does.
The last line is one JSON object with the figures. `--sample FILE` also writes 40 theory and 20
hazard items drawn at random (seeded), each with its source paragraph, for a blind read.
Figures are taken on a shared machine; timings are not the point here.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
EXAM_LIST = Path(__file__).with_name("exam_articles.tsv")
BLANK = "（ ）"

# ------------------------------------------------------------------ classifiers (independent)

# A state body as the one who acts, and what only the state does.
STATE = re.compile(
    r"人民政府|国务院|监督管理部门|监管部门|主管部门|行政部门|有关部门|监察机构|监察机关|机关|应急管理部门|"
    r"卫生行政|劳动行政|公安|人民检察院|人民法院|监察员|工会|审计"
)
# What only the state does to others (licences, penalties), and procedure that is the state's
# when a state body takes part (批准 by a 矿长 is the mine's own business).
PENALTY = re.compile(r"许可证|吊销|暂扣|罚款|处分|行政复议|行政诉讼|听证|刑事责任|拘留|没收|立案")
PROCEDURE = re.compile(r"审批|批准|备案|申请|受理|登记|颁发|核准|审查|撤销|公示|公告|上报|责令|调查组")
# Who a frontline worker is, and the mine: a statement led by one of them is not procedure.
MINE_ACTOR = re.compile(r"煤矿|矿井|企业|生产经营单位|用人单位|从业人员|作业人员|职工|劳动者|班组|矿长|司机|工人|人员")
_PREFIX = re.compile(r"^根据《[^》]+》第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?(?:关于[^，]+的规定)?，")

# Documents a coal mine trains on, by title (judged here, not taken from the generator's scope):
# anything about coal or mines, and the safety, occupational-health, emergency, accident-report,
# fire and work-injury laws every mine must know, and (the lead's decision for issue 16) the special-
# equipment law and its inspection rules, on which a mine's 特种设备 managers are examined (hoists,
# boilers, pressure vessels, lifts). Everything else (工会法, 国家安全法, 标准化法, 危险化学品,
# 民用爆炸物品, 建设工程, courts' interpretations …) is outside.
MINE_FIELD_WORDS = ("煤", "矿")
MINE_FIELD_TITLES = (
    "安全生产法",
    "职业病防治法",
    "使用有毒物品作业场所劳动保护条例",
    "生产安全事故报告和调查处理条例",
    "生产安全事故应急条例",
    "生产安全事故应急预案管理办法",
    "消防法",
    "工伤保险条例",
    "劳动法",
    "特种设备安全法",
    "特种设备安全监督检查办法",
)

# Words that name each accident class (GB 6441-1986) or the event, restated for this bench.
ACCIDENT_WORDS = {
    "物体打击": ("物体打击", "砸伤", "砸中"),
    "车辆伤害": ("车辆伤害", "撞伤", "相撞", "追尾", "撞人"),
    "机械伤害": ("机械伤害", "绞伤", "卷入", "卷伤"),
    "起重伤害": ("起重伤害",),
    "触电": ("触电", "电击"),
    "淹溺": ("淹溺", "溺水", "溺亡"),
    "灼烫": ("灼烫", "烫伤", "烧伤", "灼伤"),
    "火灾": ("火灾", "着火", "起火"),
    "高处坠落": ("高处坠落", "坠落"),
    "坍塌": ("坍塌", "垮塌"),
    "冒顶片帮": ("冒顶", "片帮", "顶板垮落", "顶板冒落"),
    "透水": ("透水", "突水"),
    "放炮": ("放炮事故", "崩伤"),
    "火药爆炸": ("火药爆炸", "爆炸"),
    "瓦斯爆炸": ("瓦斯爆炸", "煤尘爆炸", "爆炸"),
    "锅炉爆炸": ("锅炉爆炸", "爆炸"),
    "容器爆炸": ("容器爆炸", "爆炸"),
    "中毒和窒息": ("中毒", "窒息"),
    # GB 6441-2025 classes (in force since 2026-07-01): their own name and the words of the 1986 classes
    # that fall into them.
    "机械致害": ("机械致害", "绞伤", "卷入", "卷伤"),
    "起重致害": ("起重致害",),
    "厂（场）内车辆致害": ("车辆致害", "撞伤", "相撞", "追尾", "撞人"),
    "水害": ("水害", "透水", "突水"),
    "民用爆炸物品爆炸": ("民用爆炸物品爆炸", "放炮事故", "崩伤", "爆炸"),
    "可燃气体爆炸": ("可燃气体爆炸", "瓦斯爆炸", "爆炸"),
    "粉尘爆炸": ("粉尘爆炸", "煤尘爆炸", "爆炸"),
    "中毒": ("中毒",),
    "窒息": ("窒息",),
}
ACCIDENT_WORDS["坍塌"] += ACCIDENT_WORDS["冒顶片帮"]  # 2025 has no 冒顶片帮: a roof fall is a 坍塌
NUMERALS = "一二两三四五六七八九十百千"
# Fixed words a numeral is part of, where it counts nothing.
FIXED_AFTER = ("律", "旦", "般", "定", "切", "致", "并", "同", "起", "贯", "直", "向", "概", "次性")
FIXED_BEFORE = ("统", "唯", "之", "万", "第", "同", "专")
RULE_WORD = re.compile(r"应当|必须|严禁|不得|禁止|不准|方可|可以|有权")
PERMISSION = re.compile(r"可以|允许|不必|无需|无须|不需|无权")


def flat(text: str) -> str:
    """Letters, digits and hanzi only (NFKC), for matching across punctuation and spacing."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", text))


def statement(q) -> str:  # noqa: ANN001 - GeneratedQuestion
    """What a theory item asks about: the stem without its citation, the key put back."""
    body = _PREFIX.sub("", q.stem)
    keys = [a.split("/")[0] for a in q.answer] if q.type == "blank" else [o.text for o in q.options if o.key in q.answer]
    if BLANK in body and keys and q.type in ("blank", "single"):
        return body.replace(BLANK, keys[0], 1)
    return body


_CHANGED = re.compile(r"把原文的“([^”]*)”改成了“([^”]*)”")
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千]")
_PROHIBITION = ("严禁", "禁止", "不得", "不准")
_DUTY_WORDS = ("必须", "应当", "有权")
_PARTY = re.compile(r"人员|工$|长$|师$|司机|负责人|单位|企业|煤矿$|部门|机构|队$|班组")
_ACTION = re.compile(r"停止|继续|撤出|留下|留守|切断|进入|作业|工作|运转|掘进|采煤|装药")


def change_kind(q) -> str | None:  # noqa: ANN001 - GeneratedQuestion
    """What a false judge statement changed (None for a true one): modal, permission, number, party, action,
    staffing, place."""
    match = _CHANGED.search(q.explanation or "")
    if q.type != "judge" or q.answer != ("B",) or match is None:
        return None
    old, new = match.groups()
    if old in _PROHIBITION:
        return "permission"
    if old in _DUTY_WORDS:
        return "modal"
    if _NUMERAL.search(old) and _NUMERAL.search(new) or re.search(r"不[少多低高大小超]", old):
        return "number"
    if _ACTION.search(old) or _ACTION.search(new):
        return "action"
    if _PARTY.search(old) and _PARTY.search(new):
        return "party"
    if "兼职" in new and "兼职" not in old:
        return "staffing"  # a post required full-time let be part-time (专职 → 专职或者兼职)
    return "place"


def is_procedure(text: str) -> bool:
    """A statement about what the state does, or about procedure, licences or penalties."""
    if PENALTY.search(text):
        return True
    state, actor = STATE.search(text), MINE_ACTOR.search(text)
    if state is None:
        return False
    return PROCEDURE.search(text) is not None or actor is None or state.start() < actor.start()


# Chapters on what the state does to others: supervision, penalties, accident investigation.
AGENCY_CHAPTER = re.compile(r"法律责任|罚则|监督管理|监督检查|事故调查")


def agency_article(record) -> bool:  # noqa: ANN001 - ArticleRecord
    """An article about agencies' procedure: in an agency chapter, or opening with a statement about what
    the state does or about licences, penalties and procedure (`is_procedure`). Such articles are rightly
    not asked, though real banks ask them (penalty amounts, who licenses whom)."""
    chapter = record.path.rsplit(" / ", 1)[-1] if record.path else ""
    lines = record.text.strip().splitlines()
    return bool(AGENCY_CHAPTER.search(chapter)) or bool(lines) and is_procedure(lines[0])


def in_mine_field(title: str) -> bool:
    short = title.removeprefix("中华人民共和国")
    return any(w in short for w in MINE_FIELD_WORDS) or any(t in short for t in MINE_FIELD_TITLES)


def true_rule_distractors(q, corpus: str, matcher: ArticleMatcher | None = None) -> list[str]:  # noqa: ANN001
    """Wrong options of a choice item that are rules in force somewhere in the corpus: a statement
    (it compels, forbids or permits; any item of a multiple-choice list) found there word for word
    or nearly (80% of it in one passage, with `matcher`), or an option that put back into the stem
    gives a sentence found there."""
    if q.type not in ("single", "multi"):
        return []
    body = _PREFIX.sub("", q.stem).removesuffix("。")
    found = []
    for option in q.options:
        if option.key in q.answer:
            continue
        text = flat(option.text)
        # A multiple-choice option is an item of a list (…的, 3～5m范围内): found elsewhere, it is listed there.
        stated = q.type == "multi" and len(text) >= 6 or len(text) >= 8 and RULE_WORD.search(option.text)
        if stated:
            # Nearly stated counts unless the option grants what a rule requires or holds a number
            # (不必走人行通路, 每月测定5次 are changed items: false, as they should be).
            near = matcher is not None and not PERMISSION.search(option.text) and not re.search(r"\d", text)
            if text in corpus or near and matcher.best_run(text) >= 0.8 * len(text):
                found.append(option.text)
        elif BLANK in body and len(flat(body)) >= 12 and flat(body.replace(BLANK, option.text, 1)) in corpus:
            found.append(option.text)
    return found


def accident_key(q) -> str | None:  # noqa: ANN001
    """The key class of an accident-type item, None for other hazard items."""
    if q.generator == "hazard.accident_type" or q.inputs.get("ask") == "accident_type":
        return next(o.text for o in q.options if o.key in q.answer)
    return None


def names_the_key(q) -> bool:  # noqa: ANN001
    key = accident_key(q)
    if key is None:
        return False
    words = (key, *ACCIDENT_WORDS.get(key, ()))
    return any(w in q.stem for w in words)


def blank_key_is_not_a_quantity(q) -> bool:  # noqa: ANN001
    """A blanked numeral that is an ordinal or part of a fixed word (第（ ）, （ ）次事故, 统（ ）)."""
    if BLANK not in q.stem or q.type not in ("blank", "single"):
        return False
    key = q.answer[0].split("/")[0] if q.type == "blank" else next((o.text for o in q.options if o.key in q.answer), "")
    if not key or any(c not in NUMERALS for c in key):
        return False
    before, after = q.stem.split(BLANK, 1)
    if before.endswith(FIXED_BEFORE):
        return True
    if after.startswith(FIXED_AFTER):
        return True
    # 二次 + a noun (二次事故, 二次突水): secondary, not twice.
    return after.startswith("次") and len(after) > 1 and "\u4e00" <= after[1] <= "\u9fff" and after[1] not in "以及或的"


# ------------------------------------------------------------------ exam articles from the banks


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def bank_statement(draft) -> str:  # noqa: ANN001 - QuestionDraft
    """A bank question as the rule it tests: the right option(s) put into the blank, or appended."""
    stem = draft.stem
    if draft.type in ("single", "multi"):
        right = "、".join(o.text for o in draft.options if o.key in draft.answer)
        filled = re.sub(r"[（(]\s*[）)]|_{2,}|＿{2,}", right, stem, count=1)
        stem = filled if filled != stem else f"{stem}{right}"
    return flat(stem)


def untitled(draft):  # noqa: ANN001, ANN201 - QuestionDraft
    """The draft without the document titles its stem names in 《》: a title is a name, not a passage of an article,
    and matched as one it ties a question about a law's own making (《职业病防治法》是根据宪法制定的) to another
    document's article that cites that law's title (煤矿安全规程 第一条 lists the laws it is made under)."""
    import dataclasses

    return dataclasses.replace(draft, stem=re.sub(r"《[^》]*》", "", draft.stem))


def bank_match(matcher, draft) -> tuple[str, str, int] | None:  # noqa: ANN001 - ArticleMatcher, QuestionDraft
    """The article a bank question quotes (`ArticleMatcher.match`), its 《》 titles left out of the passage
    (`untitled`) and a short passage's share taken of the whole statement."""
    return matcher.match(bank_statement(untitled(draft)), len(bank_statement(draft)))


def longest_run(a: str, b: str) -> int:
    """Length of the longest passage two flattened texts share."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


class ArticleMatcher:
    """Finds the current article a bank question quotes.

    The five articles sharing the most IDF-weighted character pairs with the question's statement
    are candidates; the one sharing the longest passage wins when that passage is at least
    `long_run` characters, or at least `min_run` characters and `min_share` of the statement
    (questions on welding technique or equipment quote no article and match nothing).
    """

    def __init__(self, records: list, min_run: int = 10, min_share: float = 0.4, long_run: int = 16) -> None:
        import math

        self.records, self.min_run, self.min_share, self.long_run = records, min_run, min_share, long_run
        self.texts = [flat(r.text) for r in records]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(self.texts):
            for pair in _bigrams(text):
                self.postings[pair].append(i)
        self.idf = {pair: math.log(len(self.texts) / len(ids)) for pair, ids in self.postings.items()}

    def _best(self, said: str) -> tuple[int, int]:
        """(longest shared passage, article index) over the five likeliest articles; (0, -1) if none."""
        pairs = [p for p in _bigrams(said) if p in self.idf and len(self.postings[p]) <= 3000]
        scores: Counter = Counter()
        for p in pairs:
            for i in self.postings[p]:
                scores[i] += self.idf[p]
        return max(((longest_run(said, self.texts[i]), i) for i, _ in scores.most_common(5)), default=(0, -1))

    def best_run(self, said: str) -> int:
        """The longest passage `said` shares with any current article (of the likeliest five)."""
        return self._best(said)[0]

    def match(self, said: str, length: int = 0) -> tuple[str, str, int] | None:
        """(title, article, shared passage length) of the article `said` quotes, or None; the share of a short passage
        is taken of `length` when given (the whole statement, when `said` leaves something out)."""
        if len(_bigrams(said)) < 8:
            return None
        run, best = self._best(said)
        if best >= 0 and (run >= self.long_run or run >= self.min_run and run >= self.min_share * (length or len(said))):
            return self.records[best].title, self.records[best].label, run
        return None


def build_exam_list(records: list, banks: list[Path], path: Path = EXAM_LIST) -> list[tuple[str, str]]:
    """Write the articles the two real banks ask about (refs only, no question text) to `path`."""
    from quiz.bank.importer import parse_files

    matcher = ArticleMatcher(records)
    counts: Counter = Counter()
    by_bank: dict[tuple[str, str], Counter] = defaultdict(Counter)
    asked = 0
    for bank in banks:
        report = parse_files([(bank.name, bank.read_bytes())])
        drafts = [q.draft for q in report.questions]
        asked += len(drafts)
        for draft in drafts:
            found = bank_match(matcher, draft)
            if found:
                counts[found[:2]] += 1
                by_bank[found[:2]][bank.stem] += 1
    header = [
        "# Articles real exams ask about: built by bench/generation_quality.py --build-exam-list.",
        f"# From {', '.join(b.name for b in banks)} ({asked} questions, read with quiz.bank.importer.parse_files):",
        "# each question's statement (its right option put into the blank) was matched to the current article",
        "# of ../shared/corpus (of the five sharing the most IDF-weighted character pairs) that shares the",
        "# longest passage with it (the titles it names in 《》 left out: a title is no passage of an article),",
        "# kept when that passage is >= 16 characters, or >= 10 characters and",
        "# >= 40% of the whole statement (a spot check of 30 matches found the article right in all but a few);",
        "# questions quoting no article (welding technique, equipment) map to nothing.",
        "# Columns: title, article, number of bank questions mapped to it, and that number per bank",
        "# (bank=count, comma-separated, banks named by file name without .xlsx). No question text is stored.",
    ]
    rows = [
        f"{t}\t{a}\t{c}\t" + ",".join(f"{b}={n}" for b, n in sorted(by_bank[(t, a)].items()))
        for (t, a), c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    return list(counts)


def load_exam_list(path: Path = EXAM_LIST) -> list[tuple[str, str]]:
    return list(load_exam_banks(path))


def load_exam_banks(path: Path = EXAM_LIST) -> dict[tuple[str, str], dict[str, int]]:
    """Each exam article (title, article) with how many questions of each bank map to it (empty when the list
    predates the bank column)."""
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            title, article, *rest = line.split("\t")
            banks = rest[1] if len(rest) > 1 else ""
            rows[(title, article)] = {b: int(n) for b, n in (p.rsplit("=", 1) for p in banks.split(",") if p)}
    return rows


# ------------------------------------------------------------------ the run


def figures(
    theory: list, hazard: list, records: list, exam: list[tuple[str, str]], every_hazard: list | None = None
) -> dict:
    """Every figure of the issue's Must-show list, from the questions and the corpus (accident-type
    give-aways also over `every_hazard`, all the verified hazard items, when given)."""
    corpus = "\n".join(flat(r.text) for r in records)
    matcher = ArticleMatcher(records)
    n = len(theory) or 1
    procedure = [q for q in theory if is_procedure(statement(q))]
    outside = [q for q in theory if q.citation and not in_mine_field(q.citation.title)]
    choice = [q for q in theory if q.type in ("single", "multi")]
    true_rule = [q for q in choice if true_rule_distractors(q, corpus, matcher)]
    multi = [q for q in choice if q.type == "multi"]
    multi_true_rule = [q for q in true_rule if q.type == "multi"]
    judges = [q for q in theory if q.type == "judge"]
    keyed_true = [q for q in judges if q.answer == ("A",)]
    blanks = [q for q in theory if BLANK in q.stem and q.type in ("blank", "single")]
    not_quantity = [q for q in blanks if blank_key_is_not_a_quantity(q)]
    accident = [q for q in hazard if accident_key(q) is not None]
    leaking = [q for q in accident if names_the_key(q)]
    asked = {(q.citation.title, q.citation.article) for q in theory if q.citation}
    exam_set = set(exam)
    covered = exam_set & asked
    exam_in_field = {e for e in exam_set if in_mine_field(e[0])}
    by_ref = {(r.title, r.label): r for r in records}
    exam_agency = {e for e in exam_set if e in by_ref and agency_article(by_ref[e])}
    exam_frontline = exam_set - exam_agency
    share = lambda part, whole: round(len(part) / len(whole), 4) if whole else 0.0  # noqa: E731
    return {
        "theory": len(theory),
        "hazard": len(hazard),
        "procedure_share": share(procedure, theory),
        "outside_field_share": share(outside, theory),
        "outside_field_documents": dict(Counter(q.citation.title for q in outside).most_common(8)),
        "choice_items": len(choice),
        "true_rule_distractor_share": share(true_rule, choice),
        "multi_items": len(multi),
        "multi_true_rule_distractor_share": share(multi_true_rule, multi),
        "accident_type_items": len(accident),
        "accident_type_stems_with_key": len(leaking),
        "accident_type_items_all": sum(1 for q in every_hazard or () if accident_key(q) is not None),
        "accident_type_stems_with_key_all": sum(1 for q in every_hazard or () if names_the_key(q)),
        "judge_items": len(judges),
        "judge_true_share": share(keyed_true, judges),
        "false_statement_changes": dict(Counter(k for q in judges if (k := change_kind(q))).most_common()),
        "blank_items": len(blanks),
        "blank_not_quantity": len(not_quantity),
        "blank_not_quantity_share": share(not_quantity, blanks),
        "exam_articles": len(exam_set),
        "exam_articles_covered": len(covered),
        "exam_coverage": share(covered, exam_set),
        "exam_articles_by_document": dict(Counter(t for t, _ in exam_set).most_common()),
        "exam_articles_in_field": len(exam_in_field),
        "exam_coverage_in_field": share(covered & exam_in_field, exam_in_field),
        "exam_articles_agency_procedure": len(exam_agency),
        "exam_articles_agency_procedure_covered": len(covered & exam_agency),
        "exam_coverage_without_agency_procedure": share(covered & exam_frontline, exam_frontline),
        "theory_share_on_exam_articles": round(
            sum(1 for q in theory if q.citation and (q.citation.title, q.citation.article) in exam_set) / n, 4
        ),
        "examples": {
            "procedure": [q.stem for q in procedure[:3]],
            "true_rule_distractor": [
                f"{q.stem} 干扰项：{'；'.join(true_rule_distractors(q, corpus, matcher))}" for q in true_rule[:3]
            ],
            "blank_not_quantity": [q.stem for q in not_quantity[:3]],
            "accident_type_with_key": [q.stem for q in leaking[:3]],
        },
    }


def write_sample(path: Path, theory: list, hazard: list, records: list, seed: str) -> None:
    """40 theory and 20 hazard items at random, each with its source paragraph, for a blind read."""
    from quiz.generation.ondemand import hazard_source

    by_ref = {(r.title, r.label): r for r in records}
    rng = random.Random(f"{seed}|blind-read")
    picked = rng.sample(theory, min(40, len(theory))) + rng.sample(hazard, min(20, len(hazard)))
    lines = [
        "# 盲评样本：40道理论题、20道危险源辨识题（随机抽取）",
        "",
        "请对照出处逐题判定：采用 / 修改后采用 / 退回，并写明原因（答案错误、干扰项也正确、与岗位无关……）。",
        "",
    ]
    for number, q in enumerate(picked, 1):
        lines.append(f"## {number}. [{q.type}] {q.stem}")
        if q.type not in ("blank", "judge"):
            lines += [f"- {o.key}. {o.text}" for o in q.options]
        answer = "、".join(q.answer) if q.type == "blank" else "".join(q.answer)
        lines += ["", f"答案：{answer}", f"解析：{q.explanation}", ""]
        if q.citation and (q.citation.title, q.citation.article) in by_ref:
            record = by_ref[(q.citation.title, q.citation.article)]
            lines.append(f"出处：《{record.title}》{record.label}")
            lines += [f"> {line}" for line in record.text.splitlines() if line.strip()]
        else:
            source = hazard_source(q.inputs, q.generator)
            if source is not None:
                lines.append(f"出处：{source.heading}")
                lines += [f"> {p}" for p in source.paragraphs]
        lines += ["", "判定：　　　　原因：", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def report(result: dict) -> None:
    pct = lambda x: f"{x:.1%}"  # noqa: E731
    print(f"理论题 {result['theory']} 道，危险源辨识题 {result['hazard']} 道")
    print(f"  关于政府程序（审批、许可、处罚、部门职责）的：{pct(result['procedure_share'])}（目标 ≤5%）")
    print(
        f"  出自煤矿业务以外文件的：{pct(result['outside_field_share'])}（目标 ≤10%）{result['outside_field_documents']}"
    )
    print(
        f"  选择题中有干扰项是别处现行规定的：{pct(result['true_rule_distractor_share'])}"
        f"（{result['choice_items']} 道选择题；目标 ≤5%）；其中多选题 {result['multi_items']} 道，"
        f"{pct(result['multi_true_rule_distractor_share'])}"
    )
    print(
        f"  事故类型题题干含答案或其别称的：{result['accident_type_stems_with_key']} 道"
        f"（共 {result['accident_type_items']} 道；目标 0）；全部已核验的 {result['accident_type_items_all']} 道"
        f"事故类型题中 {result['accident_type_stems_with_key_all']} 道"
    )
    print(f"  判断题答案为“正确”的占：{pct(result['judge_true_share'])}（{result['judge_items']} 道）")
    print(f"    错误陈述改动的类别：{result['false_statement_changes']}")
    print(
        f"  填空处为序数或固定用语（第一、二次事故）的：{result['blank_not_quantity']} 道"
        f"（{pct(result['blank_not_quantity_share'])}，共 {result['blank_items']} 道有填空处的题）"
    )
    print(
        f"  真实考试所考条文的覆盖率：{pct(result['exam_coverage'])}"
        f"（{result['exam_articles_covered']}/{result['exam_articles']}；目标 ≥70%）；"
        f"其中煤矿业务范围内文件的条文 {result['exam_articles_in_field']} 条，覆盖 {pct(result['exam_coverage_in_field'])}"
    )
    print(
        f"    其中关于政府部门程序（监督、许可、处罚、事故调查）的 {result['exam_articles_agency_procedure']} 条"
        f"（覆盖 {result['exam_articles_agency_procedure_covered']} 条），"
        f"其余条文覆盖 {pct(result['exam_coverage_without_agency_procedure'])}"
    )
    print(f"    真实考试所考条文按文件：{result['exam_articles_by_document']}")
    for kind, stems in result["examples"].items():
        for stem in stems:
            print(f"    例（{kind}）：{stem[:140]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--banks", type=Path, default=SHARED / "question-banks")
    parser.add_argument("--theory", type=int, default=3000)
    parser.add_argument("--hazard", type=int, default=300)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--sample", type=Path, help="Write a blind-read sample (40 theory, 20 hazard) here.")
    parser.add_argument("--build-exam-list", action="store_true", help=f"Rebuild {EXAM_LIST.name} from the banks.")
    parser.add_argument("--audience", choices=("frontline", "managers"), default="frontline",
                        help="Who the theory run is for (quiz.generation.relevance.AUDIENCES).")
    parser.add_argument("--document", action="append", default=[], help="Only this document (repeatable).")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder not found: {args.corpus}")

    from quiz.generation.cli import run
    from quiz.generation.sources import records_from_files

    records = records_from_files(args.corpus)
    if args.build_exam_list or not EXAM_LIST.exists():
        banks = sorted(args.banks.glob("*.xlsx"))
        if not banks:
            sys.exit(f"no question banks in {args.banks}")
        build_exam_list(records, banks)
    exam = load_exam_list()
    theory = run("theory", args.theory, args.seed, tuple(args.document), args.corpus, audience=args.audience)
    hazard = run("hazard", args.hazard, args.seed, corpus=args.corpus)  # the folder's articles, not a database's
    result = figures(theory, hazard, records, exam, run("hazard", 10**6, args.seed, corpus=args.corpus))
    report(result)
    if args.sample:
        write_sample(args.sample, theory, hazard, records, args.seed)
        print(f"盲评样本已写入 {args.sample}")
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
