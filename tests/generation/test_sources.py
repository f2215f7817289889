"""Which documents generation may use: current ones only, never repealed or superseded."""

from __future__ import annotations

from quiz.generation.pipeline import theory_batch


def _statuses(records):
    return {(r.title, r.version): r.status for r in records}


def test_known_repeals_and_newer_versions_are_not_current(all_shared_records):
    statuses = _statuses(all_shared_records)
    inactive = {title for (title, _), status in statuses.items() if status != "current"}
    assert {
        "煤矿防治水规定",
        "煤矿安全监察条例",
        "国务院关于预防煤矿生产安全事故的特别规定",
        "煤矿重大生产安全事故隐患判定标准",
        "防治煤矿冲击地压细则",
    } <= inactive
    assert statuses[("煤矿安全规程", "2016-10-01")] == "repealed"
    assert statuses[("煤矿安全规程", "2025-07-24")] == "current"
    assert statuses[("中华人民共和国煤炭法", "2013-06-29")] == "superseded"


def test_generation_only_ever_cites_current_documents(all_shared_records, shared_pools):
    batch = theory_batch(all_shared_records, "9", shared_pools)
    current = {(r.title, r.version) for r in all_shared_records if r.status == "current"}
    assert batch.questions
    assert all((q.citation.title, q.citation.version) in current for q in batch.questions)
    assert not any(q.citation.version == "2016-10-01" for q in batch.questions)


def test_one_document_by_any_spelling_of_its_title(shared_records):
    from quiz.generation.pipeline import only_documents

    records = only_documents(shared_records, ["《安全生产法》"])
    assert {r.title for r in records} == {"中华人民共和国安全生产法"}
    assert len(records) == 119
