"""Search that admits it found nothing: below the relevance floor no weak results are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import knowledge_base
from kb.hits import Hit
from kb.relevance import FLOOR_COVERAGE, FLOOR_SCORE, asked_coverage, asked_weights, passes_floor
from kb.search import WEAK_MESSAGE
from tests.kb.test_query import NASTY


def hit(text: str, score: float = 1.0, exact: bool = False) -> Hit:
    return Hit(1, 1, "示例规程", "第一条", "第一条", "", "部门规章", "current", score, text, "art-1", 1, "article",
               exact=exact)


def flat(question: str):
    """Weights as if every word of `question` were equally common in the library."""
    return asked_weights(question, idf=lambda _term: 1.0, df=lambda _term: 1)


def test_the_floor_in_isolation() -> None:
    weights = flat("局部通风机 停风 撤人")
    assert asked_coverage(hit("局部通风机停风时必须撤人。"), weights) == 1.0
    weak = hit("撤出人员。", score=FLOOR_SCORE / 2)
    assert asked_coverage(weak, weights) < FLOOR_COVERAGE and not passes_floor([weak], weights)
    assert passes_floor([weak, hit("局部通风机停风时必须撤人。")], weights)  # any of the first hits
    assert passes_floor([hit("撤出人员。", score=FLOOR_SCORE)], weights)  # several rare words met
    assert passes_floor([hit("无关。", exact=True)], weights)  # 安全生产法第五十五条
    assert not passes_floor([], weights)


@pytest.fixture
def shared_app(app, runner, shared_dir: Path):
    """The app with a real regulation that talks about weather (暴雨、天气预报) ingested and indexed."""
    result = runner.invoke(args=["ingest", str(shared_dir / "corpus" / "txt" / "煤矿防治水细则(2018).txt")])
    assert result.exit_code == 0, result.output
    return app


def test_weather_lists_nothing_and_says_so(shared_app, client, login) -> None:
    kb = knowledge_base(shared_app)
    kb.relevance_floor = False
    assert kb.search("今天天气怎么样").hits  # without the floor: articles about severe weather
    kb.relevance_floor = True
    results = kb.search("今天天气怎么样")
    assert (results.hits, results.total, results.message) == ((), 0, WEAK_MESSAGE)

    login("worker")
    page = client.get("/kb/search", query_string={"q": "今天天气怎么样"}).get_data(as_text=True)
    assert "没有找到与问题相关的条文" in page and "换个说法" in page
    assert 'class="list hits"' not in page and "共找到" not in page
    api = client.get("/api/search", query_string={"q": "今天天气怎么样"}).get_json()
    assert api["results"] == [] and api["message"] == WEAK_MESSAGE

    # A real question still lists its article.
    page = client.get("/kb/search", query_string={"q": "井下发现透水征兆怎么办"}).get_data(as_text=True)
    assert 'class="list hits"' in page and "没有找到与问题相关的条文" not in page


@pytest.mark.parametrize("raw", ["asdfgh qwerty", "锟斤拷烫烫烫", "！！！？？", "红烧肉怎么做才好吃", *NASTY[:4]])
def test_garbled_or_stray_queries_never_error(shared_app, client, login, raw) -> None:
    login("worker")
    response = client.get("/kb/search", query_string={"q": raw})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="list hits"' in page or "没有找到" in page or "请输入" in page


def test_the_nothing_found_page_escapes_the_question(shared_app, client, login) -> None:
    login("worker")
    raw = '<script>alert("x")</script>今天天气怎么样'
    page = client.get("/kb/search", query_string={"q": raw}).get_data(as_text=True)
    assert "没有找到与问题相关的条文" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
