"""Every job of the hazard catalogue sits where that job is done (issue 16's blind read: 回柱放顶
was placed at a 综采工作面, but withdrawing props belongs to single-prop faces, 普采/炮采)."""

from __future__ import annotations

import pytest

from quiz.generation.hazard import site_hazards

#: Words of a post or an activity and the only sites where that work is done.
JOB_SITES: dict[str, set[str]] = {
    "回柱": {"普采/炮采工作面"},
    "放顶": {"普采/炮采工作面", "综采工作面"},  # 回柱放顶 at single-prop faces, 放顶煤 at 综放 faces
    "单体支柱": {"普采/炮采工作面"},
    "放顶煤": {"综采工作面"},
    "移架": {"综采工作面"},
    "液压支架": {"综采工作面"},
    "采煤机": {"综采工作面"},
    "掘进机": {"掘进工作面"},
    "锚杆": {"掘进工作面"},
    "罐笼": {"提升"},
    "提升机": {"提升"},
    "绞车": {"辅助运输/斜巷"},
    "把钩": {"辅助运输/斜巷", "提升"},
    "爆破": {"井下爆破", "掘进工作面"},
    "电机车": {"主运输"},
    "带式输送机": {"主运输", "防灭火"},
}


def test_every_job_is_at_a_site_where_it_is_done(hazard_data) -> None:
    wrong = [
        (h.id, word, h.sites)
        for h in hazard_data.catalogue
        for word, sites in JOB_SITES.items()
        if word in h.post + h.activity and not set(h.sites) <= sites
    ]
    assert wrong == []


def test_withdrawing_props_is_not_asked_of_a_fully_mechanised_face(hazard_data, hazards) -> None:
    """The read's items 43 and 52: 回柱放顶 at 综采工作面 → the entries now sit at 普采/炮采 faces."""
    props = [h for h in hazard_data.catalogue if "回柱" in h.activity]
    assert props and all(h.sites == ("普采/炮采工作面",) for h in props)
    assert not [q.stem for q in hazards.questions if "回柱" in q.stem and "综采" in q.stem]


@pytest.mark.parametrize("post", ["单体支柱工"])
def test_site_question_names_the_single_prop_face(hazard_data, post: str) -> None:
    stems = [q.stem for q in site_hazards(hazard_data, "2026") if q.inputs["post"] == post]
    assert stems == ["下列各项中，属于炮采（普采）工作面单体支柱工岗位常见危险源的有（ ）。"]
