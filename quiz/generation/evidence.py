"""Whether a clause or table row of a source states a question's key, for the place the question asks about.

A hazard question whose key is a statement (a control, a threshold value) cites an article; the trainer reads the
clause beside the key and must find the key there (trainer audit 3, finding 1: 开关停电后闭锁并挂牌 shown beside the
张紧力下降 clause of the article on belt conveyors; 1.0% for 采煤工作面回风巷 beside the 表19 row of 回风隅角, whose
断电 value is 1.5%). A clause states a key when:

* every figure of the key is a figure of the clause (1.0% and ≥1.0 alike);
* a key in words has most of its content characters in the clause (`COVERED`): the rules say a measure in their own
  words (开关停电后闭锁并挂牌 is 开关把手在切断电源时必须闭锁，并悬挂…警示牌), so a run of the key's words is too strict;
* a key that is only a figure is stated by a clause about the same thing as the stem (`STEM_COVERED` of its content),
  or by a table row whose first cell, the place of the row, is named by the stem (the longest such cell wins, so the
  row of 采煤工作面回风巷 beats a broken row that kept only 作面 of its place).

A control no cited clause states is most often the mine's own measure: its catalogue entry (危险源辨识清单) lists it,
no regulation says it word for word. Such a key is cited to that entry (`cite_stating`: 《危险源辨识清单》HZ-…), which
proves only the controls it lists itself, word for word (`corpus.hazards.Hazard.lists_control`), never another
entry's; an article stating the key stays the citation (law first), and a threshold has no such source (a number
must come from a rule in force).

The kinds whose key is a statement are `stated_keys`'s; a question of another kind (an accident category, a danger
band, a site's hazards) has no clause to state it: its citation is the hazard's basis, not the key's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from corpus import hazards as hz
from corpus.documents import Citation
from quiz.generation.records import ArticleRecord, GeneratedQuestion

#: Share of a key's content characters a clause must have to state it (measured on the catalogue's 363 controls
#: against their own cited articles: the clause that says the measure has 0.7 or more; a neighbouring clause of the
#: same article, as 张紧力下降 beside 闭锁挂牌, under 0.3).
COVERED = 0.7
#: Share of the stem's content characters a clause must have to state a key that is only a figure.
STEM_COVERED = 0.5
_FUNCTION_CHARS = set("的和或与及等时在后前未不对了并把被将由是为以之其应当必须严禁")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_CITED = re.compile(r"依据[^，]*?第[一二三四五六七八九十百千零〇]+条[，,]?|《[^》]*》|（\d{4}年版）")
_ROW_PLACE = 3  # a place cell shorter than this is a broken row (作面), not a place


def _content(text: str) -> set[str]:
    return set(re.findall(r"[\u4e00-\u9fff]", text)) - _FUNCTION_CHARS


def _figures(text: str) -> set[Decimal]:
    out: set[Decimal] = set()
    for figure in _FIGURE.findall(text):
        try:
            out.add(Decimal(figure).normalize())
        except InvalidOperation:
            continue
    return out


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 1.0


def row_place(clause: str) -> str:
    """The first cell of a table row (| 采煤工作面回风巷 | ≥1.0 | …), or "" when the clause is no row."""
    if not clause.lstrip().startswith("|"):
        return ""
    cells = [c.strip() for c in clause.strip().strip("|").split("|")]
    return cells[0] if cells else ""


def states(clause: str, key: str, stem: str) -> bool:
    """Whether `clause` states `key` for what `stem` asks (module docstring)."""
    if not _figures(key) <= _figures(clause):
        return False
    words = _content(key)
    if words:
        return _share(words, _content(clause)) >= COVERED
    place = row_place(clause)
    if place:
        return len(place) >= _ROW_PLACE and place in stem
    return _share(_content(_CITED.sub("", stem)), _content(clause)) >= STEM_COVERED


def pairs(text: str) -> set[str]:
    """The text's pairs of adjacent characters, white space left out: how alike two passages read."""
    text = re.sub(r"\s+", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def stating(clauses: Iterable[str], key: str, stem: str) -> str | None:
    """The clause that states `key` for the stem's place: of those that state it, a row naming the longest place
    first, then the one sharing most character pairs with the stem; None when no clause states it."""
    found = [c for c in clauses if states(c, key, stem)]
    if not found:
        return None
    wanted = pairs(stem)
    return max(found, key=lambda c: (len(row_place(c)), len(pairs(c) & wanted)))


def proof(clauses: Iterable[str], keys: Iterable[str], stem: str) -> list[str] | None:
    """One clause per key stating it (a clause stating two keys once), or None when a key is stated by none."""
    clauses = list(clauses)
    out: list[str] = []
    for key in keys:
        clause = stating(clauses, key, stem)
        if clause is None:
            return None
        if clause not in out:
            out.append(clause)
    return out


def stated_keys(kind: str, inputs: dict | None, right: Iterable[str]) -> tuple[str, ...]:
    """The keys a cited clause must state: a control's or a threshold's right options; () for a kind whose key no
    clause states (a category, a band, a site's hazards, a 判定标准 item asked as true/false)."""
    inputs = inputs or {}
    if kind in ("hazard_control", "hazard_threshold") or (kind == "hazard_scenario" and inputs.get("ask") == "control"):
        return tuple(right)
    return ()


def right_texts(q: GeneratedQuestion) -> list[str]:
    by_key = {o.key: o.text for o in q.options}
    return [by_key.get(k, k) for k in q.answer]


def key_refs(q: GeneratedQuestion, catalogue) -> list[Citation]:
    """Where the key of a question may be stated: its own citation, then the refs of the hazard whose control is
    asked (a scene's target first, then the scene's other hazards); a threshold only by its own article."""
    inputs = q.inputs or {}
    ids = [inputs["hazard"]] if "hazard" in inputs else [inputs.get("target"), *inputs.get("hazards", ())]
    refs = [q.citation] if q.citation else []
    for hazard_id in dict.fromkeys(i for i in ids if i):
        refs += [Citation(r.doc, r.article, r.version) for r in catalogue.get(hazard_id).refs]
    return list(dict.fromkeys(refs))


def cite_stating(
    q: GeneratedQuestion, catalogue, articles: Mapping[tuple[str, str], ArticleRecord]
) -> GeneratedQuestion | None:
    """The question citing the first article (`key_refs`) with a clause stating every key (`proof`); else, for a
    control, the catalogue entry of the hazard asked when it lists every key (`entry_stating`); else None: such a
    question is not asked. Law first: an article stating the key stays the citation. A threshold has no such
    fallback (a number comes from a rule in force). A question whose key no clause states (`stated_keys`) is
    unchanged."""
    keys = stated_keys(q.type, q.inputs, right_texts(q))
    if not keys:
        return q
    for ref in key_refs(q, catalogue):
        record = articles.get((ref.title, ref.article))
        found = proof(clauses_of(record.text), keys, q.stem) if record is not None else None
        if found is not None:  # the clauses are recorded: the review page names the check passed
            return dataclasses.replace(q, citation=ref, inputs={**q.inputs, "evidence": found})
    entry = entry_stating(q, catalogue, keys)
    if entry is None:
        return None
    inputs = {**q.inputs, "evidence": list(keys), "evidence_entry": entry.id}
    return dataclasses.replace(q, citation=hz.catalogue_citation(entry.id), inputs=inputs)


def asked_hazard(inputs: Mapping | None) -> str | None:
    """The id of the hazard whose control a question asks (a control's hazard, a scene's target)."""
    inputs = inputs or {}
    return inputs.get("hazard") or inputs.get("target")


def entry_stating(q: GeneratedQuestion, catalogue, keys: Iterable[str]) -> hz.Hazard | None:
    """The catalogue entry of the hazard whose control `q` asks when it lists every key word for word, else None
    (a threshold is never proved by the catalogue: its number must come from a rule)."""
    hazard_id = asked_hazard(q.inputs)
    if q.type == "hazard_threshold" or not hazard_id:
        return None
    try:
        entry = catalogue.get(hazard_id)
    except KeyError:
        return None
    return entry if all(entry.lists_control(k) for k in keys) else None


def clauses_of(text: str) -> list[str]:
    """The clauses and table rows of an article, as the review page folds it (`excerpt.sentences`)."""
    return [s.strip() for s in _CLAUSE.findall(text) if s.strip()]


_CLAUSE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


def stated_by_refs(h, control: str, articles: Mapping[tuple[str, str], ArticleRecord]) -> bool:
    """Whether a clause of an article hazard `h` cites states `control` (a control needs no stem: its words do)."""
    for ref in h.refs:
        record = articles.get((ref.doc, ref.article))
        if record is not None and any(states(c, control, "") for c in clauses_of(record.text)):
            return True
    return False
