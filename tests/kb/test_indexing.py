"""Index lifecycle: atomic rebuilds, searching during a rebuild, missing and damaged indexes."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from pathlib import Path

import pytest

from kb.indexing import POINTER, IndexUnavailable, build_index, health, live_manifest, update_documents
from kb.search import KnowledgeBase
from tests.kb.conftest import library_records


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "index"
    build_index(path, library_records())
    return path


def test_search_keeps_working_during_a_rebuild(root: Path):
    kb = KnowledgeBase(root)
    records = library_records() * 40  # slow enough that searches overlap the build
    errors: list[BaseException] = []
    counts: list[int] = []
    done = threading.Event()

    def rebuild() -> None:
        try:
            build_index(root, records, workers=2)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    while not done.is_set():
        counts.append(len(kb.search("自救器").hits))
    worker.join()
    counts.append(len(kb.search("自救器").hits))
    assert not errors
    assert counts and all(n >= 1 for n in counts)


def test_rebuild_switches_generation_and_keeps_only_two(root: Path):
    for _ in range(3):
        build_index(root, library_records())
    generations = [p for p in root.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 2
    live = (root / POINTER).read_text()
    assert (root / live).is_dir()


def test_failed_rebuild_leaves_the_live_index_alone(root: Path):
    kb = KnowledgeBase(root)
    before = (root / POINTER).read_text()

    def broken():
        yield from library_records()[:2]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        build_index(root, broken())
    assert (root / POINTER).read_text() == before
    assert kb.search("自救器").hits


def test_deleted_index_directory_gives_a_clear_message(root: Path):
    kb = KnowledgeBase(root)
    assert kb.search("自救器").hits
    shutil.rmtree(root)
    with pytest.raises(IndexUnavailable) as info:
        kb.search("自救器")
    assert info.value.reason == "missing" and "python run.py reindex" in info.value.message
    assert health(root)["ok"] is False


def test_damaged_index_gives_a_clear_message(root: Path):
    live = root / (root / POINTER).read_text()
    for path in live.iterdir():
        path.write_bytes(b"\x00garbage")
    kb = KnowledgeBase(root)
    with pytest.raises(IndexUnavailable) as info:
        kb.search("自救器")
    assert info.value.reason == "damaged" and "reindex" in info.value.message


def test_reindex_restores_a_deleted_index(root: Path):
    kb = KnowledgeBase(root)
    shutil.rmtree(root)
    with pytest.raises(IndexUnavailable):
        kb.search("自救器")
    build_index(root, library_records())
    assert kb.search("自救器").hits


def test_incremental_update_replaces_one_document(root: Path):
    kb = KnowledgeBase(root)
    assert kb.search("特种作业操作证有效期").hits[0].doc_id == 4
    changed = [r for r in library_records() if r.doc_id == 4 and r.number != 28]
    update_documents(root, [4], changed)
    kb.handle.CHECK_INTERVAL = 0  # see the commit at once
    assert all(h.number != 28 or h.doc_id != 4 for h in kb.search("特种作业操作证有效期").hits)


def test_two_overlapping_updates_keep_each_others_document_entries(root: Path):
    """A server adding one document while an upload child indexes another: neither update may
    write back a documents.json or manifest.json read before the other's commit."""

    def as_new_document(doc_id: int, source: int) -> list:
        return [
            dataclasses.replace(r, doc_id=doc_id, article_id=doc_id * 100 + r.ordinal)
            for r in library_records()
            if r.doc_id == source
        ]

    first_started, let_first_finish = threading.Event(), threading.Event()

    def slow_first():  # holds its update open until the second one has started
        for record in as_new_document(9, 4):
            yield record
            first_started.set()
            let_first_finish.wait(10)

    first = threading.Thread(target=update_documents, args=(root, [9], slow_first(), {9: "v-nine"}))
    first.start()
    assert first_started.wait(10)
    second = threading.Thread(target=update_documents, args=(root, [8], as_new_document(8, 1), {8: "v-eight"}))
    second.start()
    second.join(0.5)  # the second update is now waiting for the first
    let_first_finish.set()
    first.join(30)
    second.join(30)
    assert live_manifest(root) == {"8": "v-eight", "9": "v-nine"}
    assert {"8", "9"} <= set(KnowledgeBase(root).documents())


def test_health_reports_the_article_count(root: Path):
    report = health(root)
    assert report["ok"] and report["articles"] == len(library_records())


def test_concurrent_searches_in_threads_all_succeed(root: Path):
    kb = KnowledgeBase(root)
    kb.warm()
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            for query in ("自救器", "瓦斯浓度", "矿工遇到危险能不能跑", "特种作业操作证") * 10:
                assert kb.search(query).hits
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
