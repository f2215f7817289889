"""Generated hazard questions name a post by its canonical 工种 (corpus.jobs), the name the workers' accounts
carry (输送机司机), never the catalogue's alias for it (带式输送机司机岗位)."""

from __future__ import annotations

import re

from corpus import jobs
from quiz.generation.hazard import accident_type, site_hazards
from quiz.generation.scenes import scenario_questions

SEED = "2026"


def _text(q) -> str:
    return q.stem + "".join(o.text for o in q.options)


def _aliases_named(text: str, posts: set[str]) -> list[str]:
    """The aliases `text` names as a post: 岗位：支护工； or 支护工岗位, not counting the end of a longer post's name
    (端头支护工岗位, 锚杆支护工岗位)."""
    found = []
    for alias in jobs.vocabulary().aliases:
        found += re.findall(f"岗位：{re.escape(alias)}[；）]", text)
        heads = [p[: -len(alias)] for p in posts if p != alias and p.endswith(alias)]
        found += [m.group(0) for m in re.finditer(f"{re.escape(alias)}岗位", text)
                  if not any(text[: m.start()].endswith(head) for head in heads)]
    return found


def test_generated_text_names_each_post_by_its_canonical_name(hazard_data) -> None:
    posts = {h.post for h in hazard_data.catalogue} | set(jobs.vocabulary().names)
    assert "带式输送机司机" in posts and jobs.canonical("带式输送机司机") == "输送机司机"  # the case at hand
    questions = [*site_hazards(hazard_data, SEED), *accident_type(hazard_data, SEED),
                 *scenario_questions(hazard_data, SEED)]
    texts = [_text(q) for q in questions]
    assert [a for t in texts for a in _aliases_named(t, posts)] == []
    named = [t for t in texts if "岗位：输送机司机；" in t or "输送机司机岗位" in t]
    assert named  # the conveyor post is still asked, under its canonical name
