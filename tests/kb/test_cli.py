"""`python run.py search|ask|reindex`: JSON output, batches as JSON Lines, clear failures."""

from __future__ import annotations

import json

from tests.kb.conftest import drop_index

FIELDS = {"doc_id", "title", "article", "chapter", "doc_type", "status", "score", "snippet"}


def test_search_json(indexed_app, runner):
    result = runner.invoke(args=["search", "矿工遇到危险能不能跑", "--json", "-n", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["results"]) <= 3 and FIELDS <= set(data["results"][0])
    assert data["results"][0]["article"] == "第五十五条"
    assert isinstance(data["took_ms"], float)


def test_ask_json(indexed_app, runner):
    data = json.loads(runner.invoke(args=["ask", "下井能带烟吗", "--json"]).output)
    assert data["citation"].startswith("《煤矿安全规程》") and data["results"][0]["answer"]
    assert FIELDS | {"answer", "citation"} <= set(data["results"][0])


def test_batch_prints_one_json_object_per_line(indexed_app, runner, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("自救器\n\n((AND*\n安全生产法第五十五条\n", encoding="utf-8")
    for command in ("search", "ask"):
        result = runner.invoke(args=[command, "--batch", str(queries), "--json"])
        lines = [json.loads(line) for line in result.output.splitlines()]
        assert len(lines) == 4, command
    first = json.loads(runner.invoke(args=["search", "--batch", str(queries), "--json"]).output.splitlines()[3])
    assert first["results"][0]["article"] == "第五十五条"


def test_plain_output_is_readable(indexed_app, runner):
    output = runner.invoke(args=["search", "自救器"]).output
    assert "《煤矿安全规程》第十条" in output


def test_missing_index_then_reindex(indexed_app, runner):
    drop_index(indexed_app)
    result = runner.invoke(args=["search", "自救器", "--json"])
    assert result.exit_code == 1 and "reindex" in result.output
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "索引已重建" in result.output
    assert json.loads(runner.invoke(args=["search", "自救器", "--json"]).output)["results"]
