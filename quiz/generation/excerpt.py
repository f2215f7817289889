"""The sentence of a source a draft was made from, so the review page shows that sentence and
folds the rest of a long article away (the trainer opens it when needed).

The sentence is found from what the question holds true: the stem, the right options, the explanation and the
generator's recorded sentence, never the wrong options (trainer audit 3, finding 1: a wrong option on 转载点喷雾
drew the excerpt to a belt-conveyor clause that says nothing of the key). Where the key is a statement a clause must
state (`evidence.stated_keys`: a control, a threshold value), the excerpt is the clause or table row that states it
for the place asked (`evidence.proof`), and a source stating none is marked, not excerpted: a trainer never reads a
key beside text that does not say it. A control cited to the mine's catalogue shows that entry (hazard, site,
controls) with the key marked (`entry_excerpt`), or is marked when the entry does not list it.

A question on what a list of the article lists (多选（条文所列事项）: inputs name the list's `lead`) shows that list's
lead-in and the items its options come from, each with what became of it (`listed_excerpt`): a right option, or the
item a wrong option was changed from; a wrong option no item gave is said to come from elsewhere (trainer audit 4:
《煤矿安全规程》第一百七十七条 showed item (三), which no option came from). A right option that is no item of the list,
or a wrong option that is one word for word, is marked like a key no clause states. A folded sentence of any other
choice question that does not state its right options gives way to the clauses that do (`proof`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus import hazards as hz
from quiz.generation import articles as read
from quiz.generation.evidence import clauses_of, pairs, proof, stated_keys, states

# Longer than this, a source is folded to its relevant sentence on the review page.
FOLD_CHARS = 160
#: Between two clauses of one excerpt (a question with two keys stated in two clauses).
JOIN = " …… "


def sentences(paragraphs: Iterable[str]) -> list[str]:
    """The sentences of the paragraphs, each with its closing mark."""
    return [clause for p in paragraphs for clause in clauses_of(p)]


def relevant_sentence(paragraphs: Iterable[str], question_text: str) -> str:
    """The sentence sharing the most character pairs with what the question says (stem, right options,
    explanation, the generator's recorded sentence); "" when none shares any."""
    wanted = pairs(question_text)
    best, best_score = "", 0
    for sentence in sentences(paragraphs):
        score = len(pairs(sentence) & wanted)
        if score > best_score:
            best, best_score = sentence, score
    return best


def fold(paragraphs: tuple[str, ...], question_text: str) -> str:
    """The sentence to show in place of a long source, or "" when the source is short enough to show whole."""
    if sum(len(p) for p in paragraphs) <= FOLD_CHARS:
        return ""
    return relevant_sentence(paragraphs, question_text)


@dataclass
class Excerpts:
    """What the review page shows of each question's source: the folded sentence (question id → text) and the
    questions whose source states no clause of their key (`unproven`)."""

    shown: dict[int, str] = field(default_factory=dict)
    unproven: set[int] = field(default_factory=set)
    #: Question id → the keys to highlight in its excerpt (a catalogue entry lists them word for word).
    marks: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: Question id → its listed-items excerpt (`listed_excerpt`), shown line by line.
    listed: dict[int, Listed] = field(default_factory=dict)

    def get(self, question_id: int, default: str | None = None) -> str | None:
        return self.shown.get(question_id, default)

    def __getitem__(self, question_id: int) -> str:
        return self.shown[question_id]


@dataclass(frozen=True)
class ListedLine:
    """One item of a list as the review page shows it: its number and text, and what the options made of it."""

    number: str  # （二）
    text: str
    note: str  # 正确选项C; 错误选项A由本项改写
    right: bool


@dataclass(frozen=True)
class Listed:
    """A listed-items question's excerpt: the lead-in, the items its options come from (in the article's order) and
    the wrong options no item of the list gave (taken from elsewhere)."""

    lead: str
    lines: tuple[ListedLine, ...]
    elsewhere: tuple[str, ...]  # 错误选项E“…”：本条未列，取自其他条文

    def text(self) -> str:
        """The excerpt as one string (what a bench or a plain reader reads)."""
        parts = [f"{self.lead}：", *(f"{line.number}{line.text}（{line.note}）" for line in self.lines), *self.elsewhere]
        return JOIN.join(parts)


def _same(a: str, b: str) -> bool:
    def norm(t: str) -> str:
        return re.sub(r"\s+", "", t).rstrip("。；;，,")
    return norm(a) == norm(b)


def listed_excerpt(paragraphs: Iterable[str], inputs: dict | None, options: Iterable[tuple[str, str]],
                   answer: Iterable[str]) -> Listed | None:
    """The lead-in and the items a listed-items question's options come from (module doc), or None when a right option
    is no item of the list named by `inputs['lead']` or a wrong option is one word for word (the key is not what the
    list says). `options` are (letter, text); `answer` the right letters. Unusable inputs (no lead, no such list in
    the article) give None too: the caller marks the question."""
    inputs = inputs or {}
    lead = inputs.get("lead")
    text = "\n".join(paragraphs)
    found = [e for e in read.enumerations(text) if lead and _same(e.lead, lead)]
    if not found:
        return None
    items = found[0].items
    right = set(answer)
    changed = {changed: original for original, changed in (inputs.get("changed") or ()) if original and changed}
    notes: dict[int, list[str]] = {}
    is_right: dict[int, bool] = {}
    elsewhere: list[str] = []
    for letter, option in options:
        index = next((i for i, item in enumerate(items) if _same(item, option)), None)
        if letter in right:
            if index is None:
                return None
            notes.setdefault(index, []).append(f"正确选项{letter}")
            is_right[index] = True
            continue
        if index is not None:
            return None  # a wrong option the list states word for word: it is right
        original = changed.get(option)
        source = next((i for i, item in enumerate(items) if original and _same(item, original)), None)
        if source is None:
            elsewhere.append(f"错误选项{letter}“{option}”：本条未列，取自其他条文")
        else:
            notes.setdefault(source, []).append(f"错误选项{letter}由本项改写")
    lines = tuple(
        ListedLine(f"（{read.to_chinese_number(i + 1)}）", items[i], "；".join(notes[i]), is_right.get(i, False))
        for i in sorted(notes)
    )
    return Listed(found[0].lead, lines, tuple(elsewhere))


def excerpt_of(paragraphs: tuple[str, ...], kind: str, inputs: dict | None, stem: str, right: list[str],
               said: list[str]) -> str | None:
    """The excerpt of one source: the clauses stating the keys when the kind's key is a statement (None when no
    clause states one), else the folded sentence of what the question holds true ("" for a short source)."""
    keys = stated_keys(kind, inputs, right)
    if keys:
        found = proof(sentences(paragraphs), keys, stem)
        return None if found is None else JOIN.join(found)
    folded = fold(paragraphs, "".join([stem, *right, *said]))
    if folded and kind in ("single", "multi") and not all(states(folded, r, stem) for r in right):
        # The sentence most like the question is not the one stating its right options: show the ones that are.
        found = proof(sentences(paragraphs), right, stem)
        if found is not None:
            return JOIN.join(found)
    return folded


def entry_line(h) -> str:
    """A catalogue entry's hazard at its site and post, as the review page shows it."""
    return f"{h.id}：{'、'.join(h.sites)}，{h.post}{h.activity}时，{h.hazard}（{h.factor}）"


def controls_line(h) -> str:
    """A catalogue entry's controls, as the review page shows them."""
    return "管控措施：" + "；".join(c.text for c in h.controls) + "。"


def entry_excerpt(h, keys: Iterable[str]) -> str | None:
    """The excerpt of a catalogue entry cited for a control (hazard, site, controls), or None when the entry does not
    list every key word for word: another entry's control is not proved by this one."""
    if not all(h.lists_control(k) for k in keys):
        return None
    return f"{entry_line(h)} {controls_line(h)}"


def excerpts(questions: Iterable, sources: dict, records: dict, catalogue=None) -> Excerpts:
    """Question id → the clause(s) or sentence its source folds to (a short source without stated keys is left out);
    a control cited to a catalogue entry (`catalogue`) → that entry, its keys marked."""
    out = Excerpts()
    for question in questions:
        source = sources.get(question.id)
        if source is None or not source.paragraphs:
            continue
        version, record = question.current_version, records.get(question.id)
        texts = {o.get("key"): o.get("text", "") for o in version.options or ()}
        right = [texts.get(k, k) for k in version.answer or ()]  # a blank's answer is its text
        said = [version.explanation or ""]
        inputs = (record.inputs or {}) if record is not None else {}
        said.append(str(inputs.get("sentence", "")))
        keys = stated_keys(version.type, inputs, right)
        if keys and hz.cites_catalogue(question.citation):
            entry = _entry(catalogue, question.citation.article)
            sentence = entry_excerpt(entry, keys) if entry is not None else None
            if sentence is None:
                out.unproven.add(question.id)
            else:
                out.shown[question.id], out.marks[question.id] = sentence, keys
            continue
        # Only a cited article is checked for the key; the catalogue's own entries are the key's source.
        kind = version.type if question.article_id else ""
        if kind == "multi" and inputs.get("lead"):
            options = [(o.get("key", ""), o.get("text", "")) for o in version.options or ()]
            listed = listed_excerpt(source.paragraphs, inputs, options, version.answer or ())
            if listed is None:
                out.unproven.add(question.id)
            else:
                out.listed[question.id], out.shown[question.id] = listed, listed.text()
            continue
        sentence = excerpt_of(tuple(source.paragraphs), kind, inputs, version.stem, right, said)
        if sentence is None:
            out.unproven.add(question.id)
        elif sentence:
            out.shown[question.id] = sentence
    return out


def _entry(catalogue, hazard_id: str):
    try:
        return catalogue.get(hazard_id) if catalogue is not None else None
    except KeyError:
        return None
