"""The sentence of a source a draft was made from, so the review page shows that sentence and
folds the rest of a long article away (the trainer opens it when needed).

The sentence is found from what the question holds true: the stem, the right options, the explanation and the
generator's recorded sentence, never the wrong options (trainer audit 3, finding 1: a wrong option on 转载点喷雾
drew the excerpt to a belt-conveyor clause that says nothing of the key). Where the key is a statement a clause must
state (`evidence.stated_keys`: a control, a threshold value), the excerpt is the clause or table row that states it
for the place asked (`evidence.proof`), and a source stating none is marked, not excerpted: a trainer never reads a
key beside text that does not say it. A control cited to the mine's catalogue shows that entry (hazard, site,
controls) with the key marked (`entry_excerpt`), or is marked when the entry does not list it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus import hazards as hz
from quiz.generation.evidence import clauses_of, pairs, proof, stated_keys

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

    def get(self, question_id: int, default: str | None = None) -> str | None:
        return self.shown.get(question_id, default)

    def __getitem__(self, question_id: int) -> str:
        return self.shown[question_id]


def excerpt_of(paragraphs: tuple[str, ...], kind: str, inputs: dict | None, stem: str, right: list[str],
               said: list[str]) -> str | None:
    """The excerpt of one source: the clauses stating the keys when the kind's key is a statement (None when no
    clause states one), else the folded sentence of what the question holds true ("" for a short source)."""
    keys = stated_keys(kind, inputs, right)
    if keys:
        found = proof(sentences(paragraphs), keys, stem)
        return None if found is None else JOIN.join(found)
    return fold(paragraphs, "".join([stem, *right, *said]))


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
