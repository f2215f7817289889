"""Fixtures of the inspection tests: the knowledge base over the project's sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def build_kb(app, *folders: Path):
    """Ingest `folders` into the test database and build the search index; returns the kb."""
    from core.db import db
    from corpus.ingestion import ingest_paths
    from kb import knowledge_base, sync

    ingest_paths(list(folders), db.session)
    db.session.commit()
    kb = knowledge_base(app)
    sync.rebuild(db.session, kb.root)
    return kb


@pytest.fixture
def sample_kb(app):
    """The fictional 青山煤矿's own rules (corpus/sample), searchable."""
    return build_kb(app, ROOT / "corpus" / "sample")
