"""A control question whose key no cited article states is proved by the mine's own catalogue entry (hazcite).

After the rule that the clause beside a hazard key must state it (trainer audit 3, finding 1), most control and
scene-control questions were no longer asked: their keys are the mine's own measures, listed in its 危险源辨识清单
but written in no regulation. Such a key is now cited to the entry that lists it, 《危险源辨识清单》HZ-…; an article
stating the key stays the citation (law first); a number (threshold) still needs a rule; an entry proves only the
controls it lists itself, not those of another entry.
"""

from __future__ import annotations

import dataclasses

import pytest

from corpus.documents import Citation
from corpus.hazards import CATALOGUE_TITLE, catalogue_citation, cites_catalogue
from quiz.bank.types import Option
from quiz.generation.evidence import cite_stating, clauses_of, proof
from quiz.generation.excerpt import entry_excerpt
from quiz.generation.pipeline import hazard_batch
from quiz.generation.records import GeneratedQuestion
from quiz.generation.verify import Verifier
from tests.generation.conftest import SEED, article
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below


def _two_entries(data):
    """Two entries of different sites, each with two controls the other does not list."""
    with_two = [h for h in data.catalogue if len(h.controls) >= 2]
    first = with_two[0]
    mine = {c.text for c in first.controls}
    other = next(h for h in with_two if h.site != first.site and not mine & {c.text for c in h.controls})
    return first, other


def _asking(h, keys: list[str], wrong: list[str], citation=None) -> GeneratedQuestion:
    texts = [*keys, *wrong]
    return GeneratedQuestion(
        type="hazard_control", stem=f"针对危险源“{h.hazard}”，下列管控措施中有针对性的有（ ）。",
        options=tuple(Option("ABCD"[i], t) for i, t in enumerate(texts)), answer=tuple("ABCD"[: len(keys)]),
        explanation="", citation=citation, generator="hazard.control",
        inputs={"hazard": h.id, "correct": keys, "wrong": wrong}, seed=SEED,
    )


def test_a_control_no_article_states_is_cited_to_its_catalogue_entry(hazard_data) -> None:
    first, other = _two_entries(hazard_data)
    keys = [c.text for c in first.controls[:2]]
    q = _asking(first, keys, [c.text for c in other.controls[:2]])
    cited = cite_stating(q, hazard_data.catalogue, {})  # no article at hand states anything
    assert cited is not None
    assert cited.citation == catalogue_citation(first.id)
    assert str(cited.citation) == f"《{CATALOGUE_TITLE}》{first.id}"
    assert cited.inputs["evidence_entry"] == first.id
    assert not Verifier((), hazard_data)._key_stated(cited, keys)


def test_an_article_stating_the_key_stays_the_citation(hazard_data) -> None:
    first, other = _two_entries(hazard_data)
    keys = [c.text for c in first.controls[:2]]
    q = _asking(first, keys, [c.text for c in other.controls[:2]], Citation("测试安全规定", "第七条"))
    # A made-up article saying both measures in its own clauses.
    rule = article("；".join(keys) + "。", label="第七条")
    cited = cite_stating(q, hazard_data.catalogue, {(rule.title, rule.label): rule})
    assert cited is not None and cited.citation == Citation("测试安全规定", "第七条")
    assert "evidence_entry" not in cited.inputs


def test_an_entry_does_not_prove_the_control_of_another_entry(hazard_data) -> None:
    first, other = _two_entries(hazard_data)
    borrowed = [first.controls[0].text, other.controls[0].text]
    q = _asking(first, borrowed, [other.controls[1].text, first.controls[1].text])
    assert cite_stating(q, hazard_data.catalogue, {}) is None  # not asked
    assert entry_excerpt(first, borrowed) is None
    forged = dataclasses.replace(q, citation=catalogue_citation(first.id))
    problems = Verifier((), hazard_data)._key_stated(forged, borrowed)
    assert problems and other.controls[0].text in problems[0]
    # Nor does the right entry cited for a question about another hazard.
    elsewhere = dataclasses.replace(_asking(first, [c.text for c in first.controls[:2]], []),
                                    citation=catalogue_citation(other.id))
    assert Verifier((), hazard_data)._key_stated(elsewhere, [c.text for c in first.controls[:2]])


def test_a_number_is_never_cited_to_the_catalogue(hazard_data) -> None:
    first, _ = _two_entries(hazard_data)
    q = dataclasses.replace(_asking(first, [first.controls[0].text], []), type="hazard_threshold",
                            citation=catalogue_citation(first.id))
    assert cite_stating(dataclasses.replace(q, citation=None), hazard_data.catalogue, {}) is None
    assert Verifier((), hazard_data)._key_stated(q, [first.controls[0].text])


def test_a_seeded_run_asks_the_mines_own_controls_law_first(hazard_data, shared_records) -> None:
    from bench.hazard_evidence import figures

    questions = hazard_batch(hazard_data, SEED, articles=shared_records).questions
    found = figures(questions, shared_records, hazard_data.catalogue)
    assert found["excerpt_not_stating_key"] == 0, found["excerpt_not_stating_key_per_form"]
    by_entry = [q for q in questions if cites_catalogue(q.citation)]
    assert {q.generator for q in by_entry} == {"hazard.control", "hazard.scenario"}
    assert all(q.type != "hazard_threshold" for q in by_entry)
    by_label = {(r.title, r.label): r for r in shared_records}
    for q in by_entry:
        entry = hazard_data.catalogue.get(q.citation.article)
        right = [o.text for o in q.options if o.key in q.answer]
        assert all(entry.lists_control(k) for k in right), q.stem
        # Law first: none of the hazard's own articles states every key, else it would be the citation.
        for ref in entry.refs:
            record = by_label.get((ref.doc, ref.article))
            if record is not None:
                assert proof(clauses_of(record.text), right, q.stem) is None, (q.stem, ref)


def test_law_first_orders_the_controls_an_article_states_before_the_others(hazard_data) -> None:
    first, _ = _two_entries(hazard_data)
    picky = dataclasses.replace(hazard_data, stated=lambda h, text: "闭锁" in text)
    assert picky.law_first(first, ["洒水降尘", "停电闭锁", "设警戒", "风电闭锁"]) == [
        "停电闭锁", "风电闭锁", "洒水降尘", "设警戒"]
    assert hazard_data.law_first(first, ["洒水降尘", "停电闭锁"]) == ["洒水降尘", "停电闭锁"]


@pytest.mark.usefixtures("review_app")
def test_the_review_page_shows_the_entry_with_the_key_marked(client, login, hazard_data) -> None:
    from core.db import db
    from quiz.generation.checks import LISTED_BY_ENTRY
    from quiz.generation.review import save_questions

    first, other = _two_entries(hazard_data)
    keys = [c.text for c in first.controls[:2]]
    wrong = [c.text for c in other.controls[:2]]
    good = cite_stating(_asking(first, keys, wrong), hazard_data.catalogue, {})
    # A draft stored citing this entry for a control only the other entry lists.
    bad = dataclasses.replace(_asking(first, [keys[0], wrong[0]], [keys[1], wrong[1]]),
                              stem=f"班前会上讲到“{first.hazard}”，能管控它的措施有（ ）。",
                              citation=catalogue_citation(first.id))
    saved = save_questions([good, bad]).saved
    assert len(saved) == 2
    db.session.commit()
    login("unit_trainer")
    page = client.get(f"/bank/review/?ids={saved[0].id},{saved[1].id}").get_data(as_text=True)
    rows = page.split('class="review-item"')[1:]
    cell = rows[0].split('class="review-source"', 1)[1].split("</td>", 1)[0]
    assert f"《{CATALOGUE_TITLE}》{first.id}" in cell
    excerpt = cell.split('class="source-excerpt">', 1)[1].split("</blockquote>", 1)[0]
    assert first.hazard in excerpt and first.site in excerpt
    assert all(f"<mark>{k}</mark>" in excerpt for k in keys)
    assert not any(f"<mark>{w}</mark>" in excerpt for w in wrong)
    assert LISTED_BY_ENTRY in rows[0]
    other_cell = rows[1].split('class="review-source"', 1)[1].split("</td>", 1)[0]
    assert "没有逐字列出本题答案" in other_cell and "source-excerpt" not in other_cell
