"""An independent check of generated questions: re-read the cited source, recompute the answer.

Nothing here imports the generators or their text helpers; the rules are restated from the
issue and ../shared/HAZARDS.md so that a generator bug cannot vouch for itself:

* blank / single: the stem with the answer put back is a passage of the cited article (never
  of a table row); with any distractor put back it is not, and no distractor is stated
  anywhere in the article (it would be "also right");
* single choice on a key term: the key is the text at the recorded place of the recorded
  sentence and occurs there once; no two options are within one character of each other;
  the sentence with any distractor put back is found nowhere in the articles given;
* a number of a list item (blank or single choice): the recorded lead-in is a whole sentence
  closing a line of the article with a colon, the recorded item is one of the （一）… lines
  right after it (or, with an outer lead-in, one of the 1. … lines under the （N） line it ends), the key is the
  number at the recorded place (once in the item), the stem is lead-in + ： + item with the key blanked (outer
  lead-in + ：…… before it), and no distractor is stated in the article;
* true/false: a true statement is a passage of the article; a false one differs from a
  passage in exactly the recorded change, the change is a number or one of the allowed
  safety-relevant edits (严禁 → 允许, 不得 → 可以, 必须 → 不必, 不少于 → 不多于, 停止作业 → 继续作业 …; never
  应当 → 可以 nor who does it), the false statement is stated by no current article, and the
  explanation quotes the original;
* multiple choice from a list: every correct option is an item of the cited list, no
  distractor resembles one unless it is a recorded change of a listed item, and no distractor
  that reads as a rule (应当, 必须, 严禁 …) is found in any current article;
* a distractor put back into a single-choice stem gives no sentence of any current article;
  a blank keyed 二 before 次突水/次冒顶 (二次 = secondary) is refused, and so is a figure blanked or
  changed where its clause gives it as usual (…一般为（ ）m: a description, not a rule);
* hazard kinds: answers recomputed from the catalogue (types, sites, controls, LEC with
  Decimal and the mine's bands, thresholds, 判定标准 items);
* a purpose article's aims (a run narrowed to documents): every right option is an aim the article lists, every
  wrong one a recorded change of a listed aim, its verb kept, stated by no current article; a scope statement
  changes only 不适用 into 适用; what a scope sentence says an activity includes (X（包括A、B）、Y) has A, B right and
  the activities named beside X wrong; a definition given to another term the article defines is false; a principle's
  members (A、B的原则) are right, recorded changes of them wrong;
* across the set: no two questions with the same normalised stem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from corpus import hazards as hz
from corpus import jobs
from quiz.bank.types import validate
from quiz.generation import terms as kt
from quiz.generation.conditions import DOMESTIC, narrowed_choice, turned_precondition
from quiz.generation.evidence import asked_hazard, stated_keys, states
from quiz.generation.hazard import DISTRACTOR_2025, class_2025, grounded, met_here, situation
from quiz.generation.oversight import LEVELS, gives_level_away
from quiz.generation.penalties import fine_bounds
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.scenes import cause_controls
from quiz.generation.theory.true_false import PARAPHRASES
from quiz.generation.wider_parties import given_the_act
from quiz.generation.wider_places import required_at_a_wider_place

BLANK = "（ ）"
_COAL_STATISTICS = "煤矿事故统计分类"  # the coal industry's 8 categories (HAZARDS.md §1)
_TABLE_LINE = re.compile(r"^\||<!--|\$|\\[a-z(\[]")
_PREFIX = re.compile(r"^根据《([^》]+)》(第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?)(?:关于([^，]+)的规定)?，")
_OPEN_PIT = "露天煤矿"
# A duty opening on when it is done with nobody named (每季度应当至少检查…): a stem of a coal rule may name the mine.
_ADDRESSEE = "煤矿"
_UNBORNE = re.compile(
    r"^(?:每[^，。；、]{0,8}?|[^，。；、]{0,6}?[前后])(?:(?:应当|必须|应)(?:至少|定期)?|至少|定期)(?:组织|开展|进行|编制|制定|建立|召开|修订|检查|实施)"
)
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*")
_SUB_ITEM = re.compile(r"^\d+[.、．]\s*(.+)$")
_QUOTED = re.compile(r"“([^”]+)”")
_NUMBER_TEXT = re.compile(r"^(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(.*)$")
# The edits a false statement may make (issue 16): a prohibition into a permission, a duty into a dispensation,
# a limit or an action turned round; 应当 → 可以 and swaps of who does it teach nothing.
_ALLOWED_CHANGES = {
    "modal": {("严禁", "可以"), ("严禁", "允许"), ("禁止", "允许"), ("不准", "可以"), ("不准", "允许"), ("不得", "可以"),
              ("不得", "允许"), ("必须", "不必"), ("应当", "不必"), ("有权", "无权")},
    "limit": {("不少于", "不多于"), ("不低于", "不高于"), ("不大于", "不小于"), ("不小于", "不大于"), ("不超过", "不少于")},
    "action": {("停止作业", "继续作业"), ("停止工作", "继续工作"), ("停止运转", "继续运转"), ("停止掘进", "继续掘进"),
               ("停止采煤", "继续采煤"), ("停止装药", "继续装药"), ("停止生产", "继续生产"), ("停止使用", "继续使用"),
               ("撤出人员", "留下人员"), ("立即撤出", "留守观察")},
    "place": {("进风巷", "回风巷"), ("回风巷", "进风巷"), ("进风流", "回风流"), ("回风流", "进风流"), ("进风风流", "回风风流"),
              ("回风风流", "进风风流"), ("上风侧", "下风侧"), ("下风侧", "上风侧"), ("进风井", "回风井"), ("回风井", "进风井")},
    "scope": {("不适用", "适用")},  # what a law says it does not apply to, stated as applying (a narrowed run only)
    "encouraged": {("鼓励", "强制")},  # what the state encourages stated as compulsory (a narrowed run for managers)
    # An import's domestic reference made the exporter's; a scrapped item's registration changed, not cancelled
    # (a narrowed run for managers, `conditions`).
    "domestic": {(k, v) for k, v in DOMESTIC.items()},
    "cancelled": {("登记证书注销", "登记证书变更"), ("注销登记", "变更登记"), ("注销手续", "变更手续")},
    "staffing": {("专职", "专职或者兼职")},  # a post required full-time let be part-time (`staffing`)
}
# Changes checked by their shape (`conditions`): a precondition put after its act, an open choice narrowed to one.
_SHAPED_CHANGES = {"precondition": turned_precondition, "only_one": narrowed_choice}
# An action reversed under its duty is recorded with the duty made a permission (必须停止工作，撤出人员 → 可以继续工作).
_ACTION_DUTY = re.compile(r"^(?:必须|应当|应)(?:立即)?")
_ACTION_WITHDRAWAL = re.compile(r"(?:[，、]|并)(?:立即)?撤出[^，。；]{0,8}?人员$")


def _allowed_change(kind: str, original: str, replacement: str) -> bool:
    """Whether a false statement's recorded edit is one issue 16 allows (`_ALLOWED_CHANGES`, or a changed number)."""
    if kind == "number":
        return True
    if kind in _SHAPED_CHANGES:
        return _SHAPED_CHANGES[kind](original, replacement)
    duty = _ACTION_DUTY.match(original)
    if kind == "action" and duty and replacement.startswith("可以"):
        original, replacement = _ACTION_WITHDRAWAL.sub("", original[duty.end() :]), replacement.removeprefix("可以")
    return (original, replacement) in _ALLOWED_CHANGES.get(kind, ())
# A distractor that says one of these is a rule, not a thing: found in a current article, it is also right.
_RULE_WORDS = re.compile(r"应当|必须|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|须|方可|可以|有权")
# 二次 (secondary) is not a count: a blank keyed 二 before 次 asks for a word, not a number.
_NUMERALS = "一二两三四五六七八九十百千万"
_NOT_A_COUNT = re.compile(r"^次(?!以上|以下|[，,。；;、]|$)")
# A figure its clause gives as what is usual (金属挡栏一般是由槽钢…; 使用期限一般为1年; 一般不得大于94mm), not as a rule:
# never blanked or changed. 一般 before what is usual only: 一般事故 is a grade of accident, 一般分为 a class.
_USUAL = re.compile(r"一般(?=[为是不应宜可在由要按取\d一二两三四五六七八九十]|采用)")
# A purpose article: 为了A，B，（根据…，）制定本法 (its aims A, B … in group 1).
_PURPOSE_ARTICLE = re.compile(r"^为了?([^。]+?)，(?:(?:根据|依据)[^。]*?，)?制定本[\u4e00-\u9fa5]{1,4}。?$")
_CATCH_ALL_PHRASES = ("以上都", "以上均", "都对", "都不对", "均正确", "均不正确")
_CATCH_ALL_TYPES = ("其他伤害", "其它伤害", "其他爆炸", "其它爆炸")


@dataclass
class Failure:
    """One rule a question breaks."""

    index: int
    generator: str
    stem: str
    problem: str

    def __str__(self) -> str:
        return f"#{self.index} [{self.generator}] {self.problem}: {self.stem[:80]}"


@dataclass
class Report:
    """The verifier's verdict on a set of questions."""

    checked: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def failed_indexes(self) -> set[int]:
        """Positions of questions with at least one failure."""
        return {f.index for f in self.failures}


def stem_key(stem: str) -> str:
    """A stem reduced to letters, digits and hanzi, for the duplicate check."""
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", stem))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unwrapped(text: str) -> list[str]:
    """Non-empty lines, a line that stops mid-sentence joined to the next (hard-wrapped sources)."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if (
            lines
            and not lines[-1].endswith(("。", "；", ";", "：", ":", "！", "？"))
            and not _ITEM.match(line)
            and not _TABLE_LINE.search(line)
            and not _TABLE_LINE.search(lines[-1])
        ):
            lines[-1] += line
        else:
            lines.append(line)
    return lines


# A definition in brackets (（以下简称…）, （…，下同）): a sentence may be quoted without it.
_BRACKETED_DEFINITION = re.compile(r"（(?:以下(?:简称|统称)[^（）。；]+|[^（）。；]+，下同)）")


def _quotable(text: str) -> str:
    """The article without table rows, OCR notes and formulas, flattened; each line also without its bracketed
    definitions (`_BRACKETED_DEFINITION`), which a quoted sentence may leave out."""
    lines = [_flat(line) for line in _unwrapped(text) if not _TABLE_LINE.search(line)]
    return "\n".join(lines + [cut for line in lines if (cut := _BRACKETED_DEFINITION.sub("", line)) != line])


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _alike(a: str, b: str) -> float:
    x, y = _pairs(a), _pairs(b)
    return len(x & y) / len(x | y)


def _stated(option: str, article: str) -> bool:
    """Whether the article states `option`; a number must not be read inside a longer one (2次 in 12次)."""
    if _NUMBER_TEXT.match(option) and option[0].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(option)}", article) is not None
    return option in article


class Verifier:
    """Checks questions against the articles they cite and the hazard data."""

    def __init__(self, articles: Iterable[ArticleRecord], data=None) -> None:
        self.articles = {(r.title, r.label): r for r in articles}
        self.data = data
        self._corpus: str | None = None

    @property
    def corpus(self) -> str:
        """Every current article given, flattened, for "found anywhere in the corpus" checks."""
        if self._corpus is None:
            self._corpus = "\n".join(_flat(r.text) for r in self.articles.values() if r.status == "current")
        return self._corpus

    def verify(self, questions: list[GeneratedQuestion]) -> Report:
        """Check every question and the set as a whole."""
        report = Report(checked=len(questions))
        seen: dict[str, int] = {}
        for index, question in enumerate(questions):
            for problem in self.problems(question):
                report.failures.append(Failure(index, question.generator, question.stem, problem))
            key = stem_key(question.stem)
            if key in seen:
                report.failures.append(Failure(index, question.generator, question.stem, f"题干与第{seen[key]}题重复"))
            seen.setdefault(key, index)
        return report

    def problems(self, q: GeneratedQuestion) -> list[str]:
        """What is wrong with one question (empty when sound)."""
        problems = list(validate(q.draft()))
        texts = [o.text for o in q.options]
        if len(set(texts)) != len(texts):
            problems.append("选项重复")
        if any(word in t for t in texts for word in _CATCH_ALL_PHRASES) or set(texts) & set(_CATCH_ALL_TYPES):
            problems.append("含兜底选项")
        by_key = {o.key: o.text for o in q.options}
        right = [by_key.get(k, "") for k in q.answer] if q.type != "blank" else []
        wrong = [o.text for o in q.options if o.key not in q.answer] if q.type not in {"judge", "hazard_major"} else []
        for w in wrong:
            if any(w == r or w in r or r in w for r in right):
                problems.append(f"干扰项“{w}”与答案相同或互相包含")
        if problems:
            return problems
        if q.generator.startswith("theory."):
            return self._theory(q, right, wrong)
        if self.data is None:
            return ["缺少危险源数据，无法核对"]
        check = getattr(self, "_" + q.generator.split(".", 1)[1], None)
        return (check(q, right, wrong) + self._key_stated(q, right)) if check else [f"未知生成器 {q.generator}"]

    def _key_stated(self, q: GeneratedQuestion, right: list[str]) -> list[str]:
        """Given articles, a hazard key that is a statement (a control, a threshold) is stated by a clause or table
        row of the cited article for the place asked (`evidence.states`; trainer audit 3, finding 1)."""
        keys = stated_keys(q.type, q.inputs, right)
        if keys and hz.cites_catalogue(q.citation):
            return self._entry_lists(q, keys)
        if not keys or not self.articles:
            return []
        record = self.articles.get((q.citation.title, q.citation.article)) if q.citation else None
        clauses = [c.strip() for c in re.split(r"[。；;！？!?\n]", record.text)] if record else []
        missing = [k for k in keys if not any(states(c, k, q.stem) for c in clauses)]
        return [f"所引条文没有陈述答案“{k}”的条款" for k in missing]

    def _entry_lists(self, q: GeneratedQuestion, keys: tuple[str, ...]) -> list[str]:
        """A key cited to the catalogue is a control the entry of the hazard asked lists word for word; a threshold
        is never cited to it (its number comes from a rule in force)."""
        if q.type == "hazard_threshold":
            return ["数值题的答案须出自现行规章，不能以危险源辨识清单为出处"]
        cited = q.citation.article if q.citation else ""
        if cited != asked_hazard(q.inputs):
            return [f"所引清单条目 {cited} 不是本题所问的危险源"]
        try:
            entry = self.data.catalogue.get(cited)
        except KeyError:
            return [f"危险源辨识清单中没有条目 {cited}"]
        return [f"清单条目 {cited} 没有列出答案“{k}”这项管控措施" for k in keys if not entry.lists_control(k)]

    # ------------------------------------------------------------------ theory

    def _theory(self, q: GeneratedQuestion, right: list[str], wrong: list[str]) -> list[str]:
        if q.citation is None:
            return ["没有出处"]
        record = self.articles.get((q.citation.title, q.citation.article))
        if record is None:
            return [f"找不到所引条文 {q.citation}"]
        if record.status != "current":
            return [f"所引文件状态为 {record.status}"]
        match = _PREFIX.match(q.stem)
        if not match or match.group(2) != record.label or record.title.removeprefix("中华人民共和国") != match.group(1):
            return ["题干开头的出处与引用不一致"]
        body = q.stem[match.end() :].removesuffix("。")
        if record.title.startswith(_ADDRESSEE) and body.startswith(_ADDRESSEE) and _UNBORNE.match(body[2:]):
            body = body[len(_ADDRESSEE) :]  # a coal rule's duty named nobody: the stem names the mine it addresses
        quotable, full = _quotable(record.text), _flat(record.text)
        scope = match.group(3) or ""
        if scope.startswith(_OPEN_PIT) and _OPEN_PIT in record.path:
            scope = scope.removeprefix(_OPEN_PIT)  # the part of the 规程 the article stands in
        if scope and _flat(scope) not in full:
            return [f"题干所说的适用范围“{scope}”不见于所引条文"]
        if q.generator == "theory.definition":
            return self._definition(q, body, quotable, full)
        if q.type == "blank" and len(q.answer) != body.count(BLANK):
            return ["答案个数与空数不符（一个空的几种写法用“/”分隔）"]  # the taking page gives one box per answer
        if q.generator in {"theory.blank_item_number", "theory.single_item_number"}:
            key = q.answer[0].split("/")[0] if q.type == "blank" and q.answer else right[0] if right else ""
            return self._item_number(q, body, record.text, key, wrong, full)
        if q.generator == "theory.blank_term":
            return self._blank_term(q, body, quotable)
        if q.type == "blank":
            return self._blank(body, tuple(q.answer[0].split("/")) if len(q.answer) == 1 else q.answer, quotable)
        if q.generator == "theory.single_fine":
            return self._fine(body, right[0], wrong, record.text, quotable, full)
        if q.generator in {"theory.organiser", "theory.level", "theory.body", "theory.income_fine"}:
            return self._oversight(q, body, right[0], wrong, record, quotable)
        if q.type == "single":
            problems = self._single(body, right[0], wrong, quotable, full, self.corpus)
            if q.generator == "theory.single_term":
                problems += self._term(q, body, right[0], wrong, quotable)
            if q.generator == "theory.single_party" and kt.frontline_family(right[0]):
                problems += self._frontline(q, right[0], wrong)
            elif q.generator == "theory.single_party":
                problems += self._party(q, right[0], wrong)
            return problems
        if q.type == "judge":
            if q.generator == "theory.judge" and q.inputs.get("item"):
                return _listed(q, body, record.text, self.corpus)
            return self._judge(q, body, quotable, full, self.corpus)
        if q.generator == "theory.purpose":
            return self._purpose(q, right, wrong, record)
        if q.generator == "theory.scope_includes":
            return self._includes(right, wrong, full)
        if q.generator == "theory.principle":
            return self._principle(q, right, wrong, full)
        if q.type == "multi":
            return self._multi(q, right, wrong, record, full)
        return [f"理论题不应为 {q.type}"]

    @staticmethod
    def _blank(body: str, answer: tuple[str, ...], quotable: str) -> list[str]:
        if body.count(BLANK) != 1:
            return ["填空题应恰有一个空"]
        if not _NUMBER_TEXT.match(answer[0]) or _NUMBER_TEXT.match(answer[0]).group(2):
            return ["填空答案应为数字"]
        if answer[0] == "二" and _NOT_A_COUNT.match(body.split(BLANK, 1)[1]):
            return ["“二次”是用语（二次事故），不是次数"]
        if _usual(body, body.find(BLANK)):
            return [_USUAL_PROBLEM]
        if _flat(body.replace(BLANK, answer[0])) not in quotable:
            return ["答案填回后与原文不符"]
        return []

    @staticmethod
    def _blank_term(q: GeneratedQuestion, body: str, quotable: str) -> list[str]:
        """A key term blanked: a name (2–12 hanzi, no modal, no numeral), once in its sentence, put back = original.
        Other words accepted for it (切断电源/断电/停电, after a "/") are words too, none of them in the sentence."""
        sentence, position = q.inputs.get("sentence", ""), q.inputs.get("position", -1)
        term, *others = q.answer[0].split("/") if len(q.answer) == 1 else [""]
        rest = body.replace(BLANK, "|")
        if any(not re.fullmatch(r"[\u4e00-\u9fa5]{2,12}", w) or w in rest for w in others):
            return ["填空的其他答案应为不见于题干的用语"]
        # A numeral leads a count (二次, 三人), never a term, but for a gas named by its atoms (一氧化碳, 二氧化碳).
        numeral = term[:1] in _NUMERALS and not term[1:3] == "氧化"
        if not re.fullmatch(r"[\u4e00-\u9fa5]{2,12}", term) or _RULE_WORDS.search(term) or numeral:
            return ["填空答案应为一个用语（设备、地点、气体、文件等名称）"]
        if body.count(BLANK) != 1 or sentence.count(term) != 1 or sentence[position : position + len(term)] != term:
            return ["答案不是所记句子中只出现一次的原文用语"]
        if body != sentence[:position] + BLANK + sentence[position + len(term) :]:
            return ["题干与所记句子不符"]
        return [] if _flat(sentence) in quotable else ["所记句子不是所引条文的原文"]

    def _item_number(self, q: GeneratedQuestion, body: str, text: str, key: str, wrong: list[str], full: str) -> list[str]:
        """A number (blank) or number with unit (single choice) of one list item, its lead-in before it as context (and
        for an item 1. …, the lead-in of the list its own lead-in, an item （N）…, stands in: `outer`)."""
        lead, item, position = q.inputs.get("lead", ""), q.inputs.get("item", ""), q.inputs.get("position", -1)
        if not lead or not item or not isinstance(position, int) or position < 0:
            return ["缺少列举的引语、条目或位置"]
        if any(mark in lead + item for mark in ("|", "<!--", "$", "\\")):
            return ["列举条目含表格、公式或识别注记"]
        if body.count(BLANK) != 1:
            return ["题干应恰有一个空"]
        number = _NUMBER_TEXT.match(key)
        if not number:
            return ["答案应为数字"]
        unit = number.group(2)
        if (q.type == "blank") == bool(unit) or q.type == "single" and unit != q.inputs.get("unit"):
            return ["填空答案应为数字，单选答案应为数字加所记单位"]
        outer = q.inputs.get("outer", "")
        items = _sub_items(text, outer, lead) if outer else _items_after_lead(text, lead)
        if items is None:
            return ["所记引语不是所引条文中某一列举的引语"]
        if not any(_sentences_of(item, whole) for whole in items):
            return ["所记条目不在该引语的列举中"]
        if item[position : position + len(key)] != key:
            return ["答案不是所记位置上的原文数字"]
        raw = number.group(1)
        before, after = item[position - 1 : position], item[position + len(raw) : position + len(raw) + 1]
        digits = r"[\d.]" if raw[0].isdigit() else "[一二两三四五六七八九十百千万零〇]"
        if re.match(digits, before) or re.match(digits, after):
            return ["答案只是原文数字的一部分"]
        if item.count(key) != 1:
            return ["答案在条目中出现不止一次，挖空有歧义"]
        if raw == "二" and _NOT_A_COUNT.match(item[position + len(raw) :]):
            return ["“二次”是用语（二次事故），不是次数"]
        if _usual(item, position):
            return [_USUAL_PROBLEM]
        # An inner lead-in that is the outer list's item （一） follows it with nothing left out.
        first = bool(outer) and re.search(r"[（(]一[)）]\s*" + re.escape(lead), text) is not None
        leads = (f"{outer}：{lead}" if first else f"{outer}：……{lead}") if outer else lead
        rest = "：" + item[:position] + BLANK + item[position + len(key) :]
        if body != leads + rest and not (outer and body in _once_said(outer, lead, rest)):
            return ["题干与所记引语和条目不符"]
        problems = []
        for w in wrong:
            found = _NUMBER_TEXT.match(w)
            if not found or found.group(2) != unit:
                problems.append(f"干扰项“{w}”不是同一单位的数值")
            elif _stated(_flat(w), full) or _flat(lead + item.replace(key, w, 1)) in full:
                problems.append(f"干扰项“{w}”在所引条文中出现，可能也正确")
            elif _flat(body.replace(BLANK, w)) in self.corpus:
                problems.append(f"干扰项“{w}”填回后的句子见于现行文件")
        return problems

    def _party(self, q: GeneratedQuestion, right: str, wrong: list[str]) -> list[str]:
        """A wrong party no current rule gives the key's act, itself or as one of a class it is in (应急管理部门 among the
        负有安全生产监督管理职责的部门 that check a project's safety facilities: managers' blind read 7, T8)."""
        sentence = q.inputs.get("sentence", "")
        if not sentence.startswith(right):
            return []
        rest = _flat(sentence[len(right) :])
        return [f"干扰项“{w}”（或其所属的一类单位）在现行文件中也负有此项职责" for w in wrong
                if given_the_act(w, rest, self.corpus)]

    @staticmethod
    def _single(body: str, right: str, wrong: list[str], quotable: str, full: str, corpus: str) -> list[str]:
        if body.count(BLANK) != 1:
            return ["单选题应恰有一个空"]
        if _flat(body.replace(BLANK, right)) not in quotable:
            return ["答案填回后与原文不符"]
        if _NUMBER_TEXT.match(right) and _usual(body, body.find(BLANK)):
            return [_USUAL_PROBLEM]
        problems = []
        for w in wrong:
            if _flat(body.replace(BLANK, w)) in full or _stated(_flat(w), full):
                problems.append(f"干扰项“{w}”在所引条文中出现，可能也正确")
            elif _flat(body.replace(BLANK, w)) in corpus:
                problems.append(f"干扰项“{w}”填回后的句子见于现行文件")
        return problems

    @staticmethod
    def _fine(body: str, right: str, wrong: list[str], text: str, quotable: str, full: str) -> list[str]:
        """A fine range asked (`penalties.single_fine`): put back, the stem is the article's sentence, or its lead of a
        list of violations (有下列行为/情形之一的) with one of its items as the case; every wrong option is a fine range
        of the key's unit that the article does not state."""
        if body.count(BLANK) != 1:
            return ["单选题应恰有一个空"]
        filled = _flat(body.replace(BLANK, right))
        cases = [_ITEM.sub("", line).rstrip("；;。") for line in _unwrapped(text) if _ITEM.match(line)]
        leads = [filled.replace(_flat(case), f"有下列{kind}之一的", 1) for case in cases if _flat(case) in filled
                 for kind in ("行为", "情形")]
        # A grade of a list grading fines: the lead's sentence and colon, then the item.
        colon = max(filled.rfind("："), filled.rfind(":"))
        grade = filled[colon + 1 :]
        graded = colon > 0 and filled[: colon + 1] in quotable and grade in {_flat(c) for c in cases}
        if filled not in quotable and not any(lead in quotable for lead in leads) and not graded:
            return ["答案填回后与原文不符"]
        # The other grades' fines are wrong for this grade: stated only in the list's items, they are fair.
        siblings, elsewhere = (cases if graded else []), full
        for case in siblings:
            elsewhere = elsewhere.replace(_flat(case), "")
        try:
            unit = fine_bounds(right)[2]
            units = [fine_bounds(w)[2] for w in wrong]
        except ValueError:
            return ["选项应为罚款数额区间"]
        problems = [f"干扰项“{w}”在所引条文中出现，可能也正确" for w in wrong
                    if _flat(w) in full and not (any(_flat(w) in _flat(c) for c in siblings) and _flat(w) not in elsewhere)]
        return problems + [f"干扰项“{w}”与答案单位或写法不同" for w, u in zip(wrong, units, strict=True)
                           if u != unit or w[0].isdigit() != right[0].isdigit()]

    def _oversight(self, q: GeneratedQuestion, body: str, right: str, wrong: list[str], record: ArticleRecord,
                   quotable: str) -> list[str]:
        """Who organises for an accident grade, a body of one level, a share of income fined by grade
        (`oversight`): put back, the stem is the article's sentence (its first line's subject, or the list's case
        with one item, before it); a wrong option is stated by the article only for another grade (organiser, share),
        or is the key's body at another level that no sentence of the document gives the act (level)."""
        if body.count(BLANK) != 1:
            return ["单选题应恰有一个空"]
        filled, lines = _flat(body.replace(BLANK, right)), [_flat(line) for line in _unwrapped(record.text)]
        items = [_ITEM.sub("", line).rstrip("；;。") for line in lines if _ITEM.match(line)]
        if q.generator == "theory.organiser":
            sentence, subject = q.inputs.get("sentence", ""), q.inputs.get("subject", "")
            if sentence not in lines or filled + "。" not in (sentence, subject + sentence):
                return ["答案填回后与原文不符"]
            others = [line for line in lines if line != sentence and "事故" in line and "组织" in line]
            return [f"干扰项“{w}”不是该条为其他事故等级所定的部门" for w in wrong
                    if not any(f"由{w}" in line for line in others) or f"由{w}" in sentence]
        if q.generator == "theory.income_fine":
            case, item = q.inputs.get("case", ""), q.inputs.get("item", "")
            if item not in items or filled != case + item or not any(line.startswith(case) for line in lines):
                return ["答案填回后与原文不符"]
            grades = {i for i in items if re.match(r"发生(?:特别重大|重大|较大|一般)事故", i) and i != item}
            elsewhere = "\n".join(line for line in lines if _ITEM.sub("", line).rstrip("；;。") not in grades)
            return [f"干扰项“{w}”不是收入的百分比，或在该条其他等级之外出现" for w in wrong
                    if not re.fullmatch(r"百分之[一二三四五六七八九十百]+", w) or w in elsewhere]
        if filled not in quotable:
            return ["答案填回后与原文不符"]
        mark = q.inputs.get("mark", "")
        document = [s for r in self.articles.values() if r.title == record.title and r.status == "current"
                    for s in re.split(r"(?<=[。；])", _flat(r.text))]
        if len(mark) < 2 or mark not in filled:
            return ["缺少所问职责的标记"]
        problems = [f"干扰项“{w}”在该文件中也有此职责，可能也正确" for w in wrong
                    if any(w in s and mark in s for s in document) or w in right or right in w]
        if q.generator == "theory.level":
            problems += [f"干扰项“{w}”是该文件从未提到的机构或层级" for w in wrong if not any(w in s for s in document)]
            key_level = next((lv for lv in LEVELS if right.startswith(lv)), "")
            if gives_level_away(body, key_level, [lv for w in wrong for lv in LEVELS if w.startswith(lv)]):
                problems.append("题干中的范围用语（如“全国”）已点明答案的层级")
        return problems

    def _frontline(self, q: GeneratedQuestion, right: str, wrong: list[str]) -> list[str]:
        """A who-question on a frontline post (班组长, 爆破员 …): each wrong option is another frontline post that no
        current article binds to the key's act (`terms.bound_to_act`), so it is not also right (a 班组长 bound to
        撤离爆破地点 beside 爆破员必须最后一个撤离爆破地点), and, but for a duty of directing others, one at the act's
        place or process (`terms.at_the_act`): 探放水工 beside a misfire is wrong at a glance."""
        sentence, position = q.inputs.get("sentence", ""), q.inputs.get("position", -1)
        act = sentence[position + len(right) :] if sentence[position : position + len(right)] == right else ""
        if not act:
            return ["缺少所问职责的原句"]
        problems = []
        for w in wrong:
            family = kt.frontline_family(w) or kt.SUPERVISORY_DUTY.search(act) and kt.organising_family(w)
            if not family:
                problems.append(f"干扰项“{w}”不是与答案同级的一线岗位")
            elif kt.bound_to_act(family, act, self.corpus, kt.frontline_family(right) or ()):
                problems.append(f"干扰项“{w}”在现行文件中也负有此责，可能也正确")
            elif not kt.SUPERVISORY_DUTY.search(act) and not kt.at_the_act(family, sentence, self.corpus,
                                                                           kt.frontline_family(right) or ()):
                problems.append(f"干扰项“{w}”的岗位不在此项作业的地点或工序，一看便知不对")
        return problems

    def _term(self, q: GeneratedQuestion, body: str, right: str, wrong: list[str], quotable: str) -> list[str]:
        sentence, position = q.inputs.get("sentence", ""), q.inputs.get("position", -1)
        if not sentence or _flat(sentence) not in quotable:
            return ["所记句子不是所引条文的原文"]
        if sentence[position : position + len(right)] != right or q.inputs.get("term") != right:
            return ["答案不是所记位置上的原文用语"]
        if sentence.count(right) != 1:
            return ["答案在句中出现不止一次，挖空有歧义"]
        if body != sentence[:position] + BLANK + sentence[position + len(right) :]:
            return ["题干与所记句子不符"]
        problems = []
        texts = [right, *wrong]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _edit_distance(a, b) <= 1:
                    problems.append(f"选项“{a}”与“{b}”只差一个字")
        for w in wrong:
            if _flat(body.replace(BLANK, w)) in self.corpus:
                problems.append(f"干扰项“{w}”填回后的句子见于现行文件")
            elif required_at_a_wider_place(w, _flat(sentence[:position]), self.corpus):
                problems.append(f"干扰项“{w}”是此处或包含此处的地点必须具备的，也正确")
        return problems

    @staticmethod
    def _judge(q: GeneratedQuestion, body: str, quotable: str, full: str, corpus: str) -> list[str]:
        flat = _flat(body)
        if q.answer == ("A",):
            if q.change is not None:
                return ["正确的判断题不应记录改动"]
            return [] if flat in quotable or _said_in_other_words(flat, quotable) else ["判断为正确，但陈述不是原文"]
        change = q.change
        if change is None:
            return ["错误的判断题缺少改动记录"]
        if flat in full:
            return ["判断为错误，但陈述与原文一致"]
        if not _allowed_change(change.kind, change.original, change.replacement):
            return [f"不允许的改动：{change.original}→{change.replacement}"]
        if flat in corpus:
            return ["判断为错误，但陈述是现行文件中的规定"]
        if change.kind == "number" and _stated(_flat(change.replacement), full):
            return [f"改动后的“{change.replacement}”也出现在原文中"]
        for found in re.finditer(re.escape(change.replacement), body):
            restored = body[: found.start()] + change.original + body[found.end() :]
            if change.kind in {"number", "limit"} and _usual(body, found.start()):
                return [_USUAL_PROBLEM]
            if _flat(restored) in quotable:
                return [] if _flat(restored) in _flat(q.explanation) else ["解析没有引用原文"]
        return ["陈述与原文的差别不止记录的那一处改动"]

    def _multi(self, q: GeneratedQuestion, right: list[str], wrong: list[str], record: ArticleRecord, full: str) -> list[str]:
        quoted = _QUOTED.search(q.stem)
        if not quoted:
            return ["多选题没有引出列举"]
        items = _list_after(record.text, quoted.group(1))
        if items is None:
            return ["所引条文中找不到该列举"]
        if len(right) < 2 or not wrong:
            return ["多选题应有至少两个正确项和一个干扰项"]
        problems = [f"“{r}”不在所列各项中" for r in right if r not in items]
        changed = {c: o for o, c in q.inputs.get("changed") or ()}
        for w in wrong:
            if _flat(w) in full or any(w in i or i in w for i in items):
                problems.append(f"干扰项“{w}”与所列内容相近，可能也正确")
            elif _RULE_WORDS.search(w) and _flat(w) in self.corpus:
                problems.append(f"干扰项“{w}”是现行文件中的规定")
            elif w in changed:
                if changed[w] not in items:
                    problems.append(f"干扰项“{w}”不是由未选的所列条目改写而来")
            elif any(_alike(w, i) >= 0.5 for i in items):
                problems.append(f"干扰项“{w}”与所列内容相近，可能也正确")
        return problems

    def _purpose(self, q: GeneratedQuestion, right: list[str], wrong: list[str], record: ArticleRecord) -> list[str]:
        """The aims of a purpose article (为了A，B，制定本法) as options: every right option is one of them; every wrong
        one is a recorded change of one (its verb kept) that no current article states."""
        found = _PURPOSE_ARTICLE.match(_flat(record.text))
        if q.type != "multi" or not found:
            return ["所引条文不是立法目的条"]
        aims = found.group(1).split("，")
        if len(right) < 2 or not wrong:
            return ["多选题应有至少两个正确项和一个干扰项"]
        problems = [f"“{r}”不是该条所列的目的" for r in right if r not in aims]
        changed = {c: o for o, c in q.inputs.get("changed") or ()}
        for w in wrong:
            original = changed.get(w)
            if original not in aims or original[:2] != w[:2]:
                problems.append(f"干扰项“{w}”不是由所列目的改写而来")
            elif _flat(w) in self.corpus or any(w in a or a in w for a in aims):
                problems.append(f"干扰项“{w}”是现行文件所述的目的")
        return problems

    @staticmethod
    def _includes(right: list[str], wrong: list[str], full: str) -> list[str]:
        """What a scope sentence (…适用本法) says an activity includes (X（包括A、B、C）、Y、Z): every right option is
        one of A, B, C; every wrong one is named beside X in the same sentence, and not among A, B, C."""
        for sentence in re.split(r"(?<=[。；])", full):
            if "适用本" not in sentence or "不适用本" in sentence:
                continue
            for found in re.finditer(r"（包括([^）]+)）", sentence):
                parts = found.group(1).split("、")
                beside = sentence[found.end() :].split("适用本")[0]
                if len(right) >= 2 and wrong and all(r in parts for r in right) and all(
                    w not in parts and f"、{w}" in beside for w in wrong
                ):
                    return []
        return ["选项与所引适用范围条文所列不符"]

    def _principle(self, q: GeneratedQuestion, right: list[str], wrong: list[str], full: str) -> list[str]:
        """The members of a principle (A、B、C的原则 / 方针) as options: every right option is a member; every wrong one a
        recorded change of a member, no member itself and stated by no current article."""
        changed = {c: o for o, c in q.inputs.get("changed") or ()}
        for found in re.finditer(r"(?:坚持|遵循|贯彻|按照)“?((?:[\u4e00-\u9fa5]{2,12}、)+[\u4e00-\u9fa5]{2,12})”?的(?:原则|方针)", full):
            members = found.group(1).split("、")
            if len(right) < 2 or not wrong or not all(r in members for r in right):
                continue
            return [f"干扰项“{w}”不是由所列原则改写而来" for w in wrong
                    if changed.get(w) not in members or w in members or _flat(w) in self.corpus]
        return ["正确项不是所引条文所列的原则"]

    def _definition(self, q: GeneratedQuestion, body: str, quotable: str, full: str) -> list[str]:
        """A false statement giving one defined term's definition to another: both terms are defined in the cited
        article (X，是指), the statement with the original term put back is its text, and no current article states
        the statement."""
        change, flat = q.change, _flat(body)
        if q.type != "judge" or q.answer != ("B",) or change is None or change.kind != "definition":
            return ["定义题应为记录了术语改动的错误陈述"]
        if not all(f"{term}，是指" in full for term in (change.original, change.replacement)):
            return ["改动前后的术语不都是所引条文定义的术语"]
        if change.original == change.replacement or not flat.startswith(change.replacement):
            return ["陈述没有换成另一个定义的术语"]
        restored = change.original + flat[len(change.replacement) :]
        if restored not in quotable or flat in self.corpus:
            return ["陈述与原文的差别不止记录的那一处改动"]
        return [] if restored in _flat(q.explanation) else ["解析没有引用原文"]

    # ------------------------------------------------------------------ hazards

    def _hazard(self, hazard_id: str) -> hz.Hazard:
        return self.data.catalogue.get(hazard_id)

    def _accident_type(self, q, right, wrong) -> list[str]:
        h = self._hazard(q.inputs["hazard"])
        if h.disputed:
            return ["有争议的条目不出事故类型题"]
        if q.inputs.get("standard") == _COAL_STATISTICS:
            return self._coal_category(q, [h], right, wrong)
        return self._classes_2025([h], right, wrong)

    def _coal_category(self, q, hazards: list[hz.Hazard], right: list[str], wrong: list[str]) -> list[str]:
        """A coal-mine category item (HAZARDS.md §1, 8 categories), asked only while a hazard's GB 6441-2025
        class is unconfirmed (no trainer-set `accident_type_2025`, whatever the 1986 name); the stem names the
        scheme, not the key. The key is the hazards' one coal_category, never 其他, and one their 1986 class or
        an alternative may be counted in (`hz.COAL_OF_1986`) unless that class is a catch-all. A distractor is
        another valid category, not 其他, not one their classes may be counted in, not in an overlap group
        (机电/运输, 瓦斯/火灾) with the key or such a category, nor with another distractor, and met where the
        hazards are (`met_here`: at their site or post, or anywhere underground; HAZARDS.md §6.1)."""
        problems: list[str] = []
        if all(h.accident_type_2025 for h in hazards):
            problems.append("GB 6441-2025类别已确认，应按新标准出题")
        here = met_here(hazards, self.data, lambda o: o.coal_category)
        problems += [f"干扰项“{w}”不是该场所或岗位会发生的类别" for w in wrong if w not in here]
        if _COAL_STATISTICS not in q.stem or any(r in q.stem for r in right):
            problems.append("题面未写明煤矿事故统计分类或含有答案")
        elif not all(grounded(q.stem, r) for r in right):
            problems.append("题面没有写出答案所依据的情况或后果")  # 风量不足 keyed 瓦斯 (trainer audit 3, finding 8)
        keys = {h.coal_category for h in hazards}
        codes = {c for h in hazards for c in (h.accident_type, *h.accident_type_alt)}
        reach = {cat for c in codes for cat in hz.COAL_OF_1986[c]}
        fits = all(h.accident_type in (18, 20) or h.coal_category in reach for h in hazards)
        if len(keys) != 1 or right != list(keys) or "其他" in keys or not fits:
            problems.append("答案不是清单所列煤矿事故类别")
        near = reach | set(right)
        near |= {c for group in hz.COAL_OVERLAPS if group & near for c in group}
        for w in wrong:
            clash = any(w in group and (group - {w}) & set(wrong) for group in hz.COAL_OVERLAPS)
            if w not in hz.COAL_CATEGORIES or w == "其他" or w in near or clash:
                problems.append(f"干扰项“{w}”是兜底、备选或与答案难以区分的类别")
        return problems

    @staticmethod
    def _classes_2025(hazards: list[hz.Hazard], right: list[str], wrong: list[str]) -> list[str]:
        """The key is the hazards' one GB 6441-2025 class; no distractor is the class of an alternative
        1986 class, the catch-all 其他, or a name outside the 2025 list. Only a class a trainer set is a key
        (HAZARDS.md §1: a 1986 name the 2025 list also has is no confirmation, blind read 4 H6)."""
        key = {class_2025(h) for h in hazards}
        problems = [] if len(key) == 1 and right == list(key) and None not in key else ["答案不是清单所列事故类别"]
        if not all(h.accident_type_2025 for h in hazards):
            problems.append("GB 6441-2025类别未经培训员核定")
        banned = {DISTRACTOR_2025.get(c) for h in hazards for c in h.accident_type_alt} | {"其他"}
        return problems + [
            f"干扰项“{w}”是备选类别或兜底类别" for w in wrong if w in banned or w not in hz.GB6441_2025 or w in right
        ]

    def _site(self, q, right, wrong) -> list[str]:
        site = q.inputs["site"]
        by_text = {h.hazard: h for h in self.data.catalogue}
        here = self.data.catalogue.by_site(site)
        post = q.inputs.get("post")
        problems = [
            f"“{r}”不是{site}{post or ''}的危险源"
            for r in right
            if r not in by_text or site not in by_text[r].sites or post and not jobs.same(by_text[r].post, post)
        ]
        for w in wrong:
            h = by_text.get(w)
            if h is None or site in h.sites or h.generic or any(_alike(w, x.hazard) >= 0.5 for x in here):
                problems.append(f"干扰项“{w}”也可能是{site}的危险源")
        return problems

    def _lec(self, q, right, wrong) -> list[str]:
        try:
            L, E, C = (Decimal(q.inputs[k]) for k in ("L", "E", "C"))
        except (KeyError, InvalidOperation):
            return ["缺少L、E、C取值"]
        if not all(f"{k}={q.inputs[k]}（" in q.stem for k in ("L", "E", "C")):
            return ["题面取值与记录不符"]
        model = self.data.model
        if not (L in model.allowed("L") and E in model.allowed("E") and C in model.allowed("C")):
            return ["取值不在本矿LEC表中"]
        d = L * E * C
        if any(d == band.lower for band in model.bands if band.lower > 0):
            return [f"D={d}恰在分界值上"]
        band = next(b for b in model.bands if d >= b.lower and (b.upper is None or d < b.upper))
        return [] if len(right) == 1 and right[0].startswith(band.name) else [f"D={d}应为{band.name}"]

    def _control(self, q, right, wrong) -> list[str]:
        h = self._hazard(q.inputs["hazard"])
        own = [c.text for c in h.controls]
        problems = [f"“{r}”不是该危险源的管控措施" for r in right if r not in own]
        problems += [
            f"干扰项“{w}”与该危险源的措施相近" for w in wrong if w in own or any(_alike(w, o) >= 0.4 for o in own)
        ]
        return problems

    def _major(self, q, right, wrong) -> list[str]:
        if "item" in q.inputs:
            items = {i.id: i for i in self.data.majors}
            item = items.get(q.inputs["item"])
            if item is None or not item.same_in_2015_2020:
                return ["只用两版措辞相同的判定标准情形"]
            ok = q.answer == ("A",) and item.text in q.stem and "版" in q.stem
            return [] if ok else ["重大隐患判断与判定标准不符"]
        ordinary = {o.id: o for o in self.data.ordinaries}.get(q.inputs.get("ordinary"))
        ok = ordinary is not None and q.answer == ("B",) and ordinary.text in q.stem and "版" in q.stem
        return [] if ok else ["一般隐患判断与清单不符"]

    def _threshold(self, q, right, wrong) -> list[str]:
        rule = {r.id: r for r in self.data.thresholds}.get(q.inputs.get("rule"))
        if rule is None:
            return ["找不到数值规则"]
        same = {
            r.value
            for r in self.data.thresholds
            if (r.location, r.indicator, r.action) == (rule.location, rule.indicator, rule.action)
        }

        def value(text: str) -> Decimal | None:
            try:
                return Decimal(text.removesuffix(rule.unit))
            except InvalidOperation:
                return None

        problems = [] if value(right[0]) == rule.value and len(same) == 1 else ["答案与规则表数值不符"]
        problems += [f"干扰项“{w}”在同一地点同一动作下也正确" for w in wrong if value(w) in same or value(w) is None]
        # The stem names the place in words (总回风巷的甲烷传感器), not as the table's row (总回风巷（甲烷传感器）).
        if re.sub(r"（[^）]*）", "", rule.location) not in q.stem or right[0] in q.stem:
            problems.append("题面地点不符或泄露答案")
        return problems

    def _scenario(self, q, right, wrong) -> list[str]:
        hazards = [self._hazard(i) for i in q.inputs["hazards"]]
        # The scene shows each hazard's situation (its consequence, if at all, as a possibility).
        if not 1 <= len(hazards) <= 3 or any(situation(h.hazard) not in q.stem for h in hazards):
            return ["情景与所记危险源不符"]
        if q.inputs["ask"] == "accident_type":
            types = {h.accident_type for h in hazards}
            if len(types) != 1 or any(h.disputed for h in hazards):
                return ["情景含不同或有争议的事故类别"]
            if q.inputs.get("standard") == _COAL_STATISTICS:
                return self._coal_category(q, hazards, right, wrong)
            return self._classes_2025(hazards, right, wrong)
        own = [c.text for h in hazards for c in h.controls]
        problems = [] if right and right[0] in own else ["答案不是情景中危险源的管控措施"]
        target = q.inputs.get("target")
        if right and target and right[0] not in cause_controls(self._hazard(target)):
            problems.append("答案不是消除情景所述原因的措施")  # a side measure (blind read 4, H8, H19)
        return problems + [
            f"干扰项“{w}”与情景中的措施相近" for w in wrong if w in own or any(_alike(w, o) >= 0.4 for o in own)
        ]

    def _violation(self, q, right, wrong) -> list[str]:
        violation = {v.id: v for v in self.data.violations}.get(q.inputs.get("violation"))
        return [] if violation is not None and right == [violation.cls] else ["三违类别与示例不符"]


_USUAL_PROBLEM = "所考数字在原文中是“一般”的描述，不是规定"


def _usual(text: str, at: int) -> bool:
    """Whether the figure at `at` of `text` is given as usual: its clause up to it says 一般 (`_USUAL`), or its sentence
    (a list item after its lead-in) says 一般 and binds nobody to anything (金属挡栏一般是由槽钢…，框架中槽钢的间隔为（ ）)."""
    before, after = text[:at], text[at:]
    sentence = re.split(r"[。；;：:]", before)[-1] + re.split(r"[。；;]", after)[0]
    clause = re.split(r"[，,：:；;。]", before)[-1]
    duty = re.search(r"必须|应当|严禁|不得|禁止|不准", re.sub(r"一般(?:不得|应当)?", "", sentence))
    return bool(_USUAL.search(clause)) or bool(_USUAL.search(sentence)) and not duty


def _said_in_other_words(flat: str, quotable: str) -> bool:
    """Whether a true statement is the article's text with one word said in an equivalent one (`PARAPHRASES`)."""
    for original, replacement in PARAPHRASES:
        for found in re.finditer(re.escape(replacement), flat):
            if flat[: found.start()] + original + flat[found.end() :] in quotable:
                return True
    return False


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _once_said(outer: str, lead: str, rest: str) -> set[str]:
    """Bodies that say an outer and an inner lead-in ending on the same 下列 phrase with the phrase once: the outer up
    to where the two endings part (its comma, 并 or modal dropped) and a comma before the inner, or the inner alone."""
    for size in range(min(len(outer), len(lead)), 5, -1):
        if outer.endswith(lead[-size:]) and "下列" in lead[-size:]:
            head = re.sub(r"(?:[，,、]|并|且|应当|必须|应)+$", "", outer[:-size])
            return {lead + rest} | ({f"{head}，{lead}{rest}"} if head else set())
    return set()


def _sentences_of(part: str, item: str) -> bool:
    """Whether `part` is the item or a run of its whole sentences (a stem keeps those its lead-in governs)."""
    at = item.find(part)
    return part == item or bool(part) and at >= 0 and (at == 0 or item[at - 1] == "。") and (
        item[at + len(part) : at + len(part) + 1] in ("", "。"))


def _listed(q: GeneratedQuestion, body: str, text: str, corpus: str) -> list[str]:
    """A list item said by its lead-in (`listed`): the item is one of the list the recorded lead-in introduces, and
    the statement is what the lead-in says of it (`_said_of_item`), true as said or false by exactly the recorded
    change, an allowed one (`_allowed_change`), stated by no current article; the explanation quotes lead-in and item."""
    lead, item = q.inputs.get("lead", ""), q.inputs["item"]
    if item not in (_list_after(text, lead) or _items_after_lead(text, lead) or ()):
        return [f"“{item}”不在所引条文该列举的各项中"]
    said = {_flat(s) for s in _said_of_item(lead, item)}
    if not (_flat(item) in _flat(q.explanation) and _flat(lead) in _flat(q.explanation)):
        return ["解析没有引用原文"]
    if q.answer == ("A",):
        if q.change is not None:
            return ["正确的判断题不应记录改动"]
        return [] if _flat(body) in said else ["陈述不是引导语对该条目的原意"]
    change = q.change
    if change is None:
        return ["错误的判断题缺少改动记录"]
    if change.kind == "number" or not _allowed_change(change.kind, change.original, change.replacement):
        return [f"不允许的改动：{change.original}→{change.replacement}"]
    if _flat(body) in said or _flat(body) in corpus:
        return ["判断为错误，但陈述与原文一致或是现行文件中的规定"]
    for found in re.finditer(re.escape(change.replacement), body):
        if _flat(body[: found.start()] + change.original + body[found.end() :]) in said:
            return []
    return ["陈述与原文的差别不止记录的那一处改动"]


def _said_of_item(lead: str, item: str) -> set[str]:
    """What a lead-in's last sentence (without a duty after the list, ，并…) says of one of its items: 下列X (以下X)
    said as 的X包括 (just 包括 after 包括) with the item after it, the item after a lead-in ending on 包括, or the item in place of 下列X之一 before the rule of a
    list of cases (有…的，不得…; the 有 before it may go, the item keeps its own 的/时 or takes the lead-in's)."""
    last = re.split(r"[。；;]", lead)[-1]
    said = {last + item} if last.endswith("包括") else set()
    if "之一" not in last:
        last = re.sub(r"，并[^：:“”]*$", "", last)  # a duty after the list (，并及时报告…) says nothing of its items
        said |= {last + item} if last.endswith("包括") else set()
    cases = re.match(r"^(.*?)(?:下列|以下)[\u4e00-\u9fa5]{0,6}之一(的|时|者)?，(.+)$", last)
    if cases:
        before, end, rule = cases.group(1), cases.group(2) or "", cases.group(3)
        return {f"{head}{case}，{rule}" for head in {before, before.removesuffix("有")} for case in {item, item + end}}
    for found in re.finditer(r"(?:下列|以下)", last):
        head, what = last[: found.start()], re.sub(r"^(?:一项或者多项|主要|相关)", "", last[found.end() :])
        said |= {head + item} if head.endswith("包括") else {head + ("" if head.endswith("的") else "的") + what + "包括" + item}
        if head.endswith("的"):
            said.add(head + what + "，其中包括" + item)  # 必须填绘…的下列图纸: the items said after the head's verb
    return said


def _introduces(line: str, lead: str) -> bool:
    """Whether `line` ends with the whole sentence `lead` and a colon (the line starts with it or it follows 。；)."""
    if _TABLE_LINE.search(line) or not line.endswith(("：", ":")):
        return False
    head, flat_lead = _flat(line)[:-1], _flat(lead)
    if not head.endswith(flat_lead):
        return False
    return len(head) == len(flat_lead) or head[-len(flat_lead) - 1] in "。；;！？!?"


def _items_after_lead(text: str, lead: str) -> list[str] | None:
    """Items of the list whose introducing line ends with the sentence `lead` and a colon, or None.

    The lead must be a whole sentence of that line (the line starts with it or it follows 。；),
    and the items are the marked lines （一）… right after it, up to the first other line.
    """
    lines = _unwrapped(text)
    for index, line in enumerate(lines):
        if not _introduces(line, lead):
            continue
        items = []
        for following in lines[index + 1 :]:
            if not _ITEM.match(following) or _TABLE_LINE.search(following):
                break
            items.append(_ITEM.sub("", following).strip().rstrip("。；;，, "))
        if items:
            return items
    return None


def _sub_items(text: str, outer: str, lead: str) -> list[str] | None:
    """Items 1. … under an item （N）… that ends with the sentence `lead` and a colon, that item standing in the list
    the line ending with the sentence `outer` introduces; or None."""
    lines = _unwrapped(text)
    for index, line in enumerate(lines):
        if not _introduces(line, outer):
            continue
        for at in range(index + 1, len(lines)):
            following = lines[at]
            if _SUB_ITEM.match(following):
                continue  # an earlier item's own items
            if not _ITEM.match(following) or _TABLE_LINE.search(following):
                break
            if _introduces(_ITEM.sub("", following), lead):
                items = []
                for sub in lines[at + 1 :]:
                    found = _SUB_ITEM.match(sub)
                    if not found or _TABLE_LINE.search(sub):
                        break
                    items.append(found.group(1).strip().rstrip("。；;，, "))
                return items or None
    return None


def _list_after(text: str, lead: str) -> list[str] | None:
    """Items of the list introduced by `lead` in the article, or None."""
    lines = _unwrapped(text)
    for index, line in enumerate(lines):
        if line.rstrip("：:") == lead and line.endswith(("：", ":")):
            items = []
            for item in lines[index + 1 :]:
                if not _ITEM.match(item):
                    break
                items.append(_ITEM.sub("", item).rstrip("。；;，, "))
            return items
    return None
