"""Fixtures for question generation: the shared corpus as article records, the hazard data, batches."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest

from corpus import hazards as hz
from quiz.generation.hazard import HazardData
from quiz.generation.pipeline import Batch, hazard_batch, theory_batch
from quiz.generation.records import ArticleRecord
from quiz.generation.sources import records_from_files
from quiz.generation.theory import TheoryPools
from tests.conftest import ROOT

SEED = "2026"


@pytest.fixture(scope="session")
def shared_records(shared_dir: Path) -> list[ArticleRecord]:
    """Current article records of ../shared/corpus (status decided as ingestion does)."""
    return records_from_files(shared_dir / "corpus")


@pytest.fixture(scope="session")
def all_shared_records(shared_dir: Path) -> list[ArticleRecord]:
    """Every article record of ../shared/corpus, superseded and repealed included."""
    return records_from_files(shared_dir / "corpus", include_inactive=True)


@pytest.fixture(scope="session")
def shared_pools(shared_records) -> TheoryPools:
    return TheoryPools.build(shared_records)


@pytest.fixture(scope="session")
def theory(shared_records, shared_pools) -> Batch:
    """Every verified theory question of the shared corpus for one seed."""
    return theory_batch(shared_records, SEED, shared_pools)


@pytest.fixture(scope="session")
def hazard_data() -> HazardData:
    return HazardData.load()


@pytest.fixture(scope="session")
def trained_2025(hazard_data) -> HazardData:
    """The hazard data as if a trainer had checked GB 6441-2025 and set `accident_type_2025` on every entry whose
    1986 class keeps its name there (触电, 火灾 …): the catalogue sets none yet, so only this exercises the 2025 items."""
    kept = tuple(
        dataclasses.replace(h, accident_type_2025=h.accident_type_name) if h.accident_type_name in hz.GB6441_2025 else h
        for h in hazard_data.catalogue
    )
    return dataclasses.replace(hazard_data, catalogue=dataclasses.replace(hazard_data.catalogue, hazards=kept))


@pytest.fixture(scope="session")
def hazards(hazard_data) -> Batch:
    """Every verified hazard question for one seed."""
    return hazard_batch(hazard_data, SEED)


def article(
    text: str, label: str = "第十条", title: str = "测试安全规定", status: str = "current", number: int = 10
) -> ArticleRecord:
    """A made-up article record for unit tests."""
    return ArticleRecord(
        title=title, status=status, version="2024-01-01", label=label, number=number, text=text, doc_type="部门规章"
    )


def record_of(records: list[ArticleRecord], label: str, title: str = "煤矿安全规程") -> ArticleRecord:
    """The article `label` of document `title` among `records`."""
    return next(r for r in records if r.title == title and r.label == label)


def key_text(question) -> str:  # noqa: ANN001 - a GeneratedQuestion
    """The text of a choice question's (first) keyed option."""
    return next(o.text for o in question.options if o.key in question.answer)


def wrong_texts(question) -> list[str]:  # noqa: ANN001 - a GeneratedQuestion
    """The texts of a choice question's wrong options."""
    return [o.text for o in question.options if o.key not in question.answer]


@pytest.fixture(scope="module")
def gq():
    """bench/generation_quality.py as a module (its classifiers are tested, not only run)."""
    spec = importlib.util.spec_from_file_location("generation_quality", ROOT / "bench" / "generation_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
