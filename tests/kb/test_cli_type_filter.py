"""`run.py search --type` takes the library's own types: an unknown one (法规 for 行政法规) is refused
with the list, instead of filtering by a type no document has and finding nothing, silently."""

from __future__ import annotations

import json


def test_an_unknown_type_is_refused_with_the_types_there_are(whoosh_indexed_app, runner) -> None:
    refused = runner.invoke(args=["search", "从业人员", "--type", "法规", "--json"])
    assert refused.exit_code == 2
    assert "'法规'" in refused.output and "'行政法规'" in refused.output  # run.py words it in Chinese


def test_a_known_type_filters(whoosh_indexed_app, runner) -> None:
    found = json.loads(runner.invoke(args=["search", "从业人员", "--type", "法律", "--json"]).output)
    assert found["results"] and {hit["doc_type"] for hit in found["results"]} == {"法律"}
