"""Document focus: among equally good matches, the document about mine work comes first."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.focus import FLOOR, FocusCounter, prior
from kb.indexing import ArticleRecord, build_index, read_documents, update_documents
from kb.search import KnowledgeBase

ACCIDENT_RULES = [
    "发生事故以后，事故现场的有关人员应当立即向本单位负责人报告。",
    "单位负责人接到事故报告后，应当于1小时内向上级部门报告。",
    "任何单位和个人不得迟报、漏报、谎报或者瞒报事故。",
]
PORT_RULES = [
    "船舶在渔港内发生事故，应当立即向渔港监督管理机关报告。",
    "船舶进出渔港必须遵守渔港管理章程。",
    "渔港内的航道、港池、锚地，不得擅自占用。",
    "渔港监督管理机关负责渔港水域的交通安全管理。",
]


def records(doc_id: int, title: str, texts: list[str]) -> list[ArticleRecord]:
    return [
        ArticleRecord(
            article_id=doc_id * 100 + n,
            doc_id=doc_id,
            title=title,
            path="",
            text=text,
            label=f"第{n}条",
            number=n,
            kind="article",
            anchor=f"art-{n}",
            ordinal=n,
            doc_type="行政法规",
            status="current",
        )
        for n, text in enumerate(texts, 1)
    ]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "index"
    build_index(root, records(1, "生产安全事故报告条例", ACCIDENT_RULES) + records(2, "渔港管理条例", PORT_RULES))
    return root


def test_focus_is_the_share_of_articles_about_the_subject(root: Path):
    documents = read_documents(next(root.glob("gen-*")))
    assert documents["1"]["focus"] == 1.0
    # Only the first port rule (…发生事故…) speaks of the library's subject.
    assert documents["2"]["focus"] == 0.25


def test_an_unrelated_law_ranks_below_the_rules_that_answer(root: Path):
    hits = KnowledgeBase(root).search("出了事故要马上向谁报告").hits
    assert [h.doc_id for h in hits[:1]] == [1]


def test_an_updated_document_gets_its_focus_again(root: Path):
    update_documents(root, [2], records(2, "渔港管理条例", PORT_RULES[1:]))
    documents = read_documents(next(root.glob("gen-*")))
    assert documents["2"]["focus"] == 0.0


def test_prior_runs_from_floor_to_one_and_is_neutral_when_unknown():
    assert prior(0.0) == FLOOR
    assert prior(1.0) == prior(0.5) == 1.0
    assert FLOOR < prior(0.25) < 1.0
    assert prior(None) == 1.0
    counter = FocusCounter()
    counter.add("7", "井下作业人员必须佩戴自救器")
    counter.add("7", "本条例自公布之日起施行")
    assert counter.shares() == {"7": 0.5}
