"""The generate form's 文件, 岗位 and 地点 are checkboxes ticked with plain clicks, not Ctrl-click lists:
a long list (the library's dozens of documents) scrolls in a compact box with a filter and 全选/全不选;
the ticked ones are what generation draws on."""

from __future__ import annotations

import pytest

from quiz.generation import ondemand
from tests.checkboxes import offered
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

pytestmark = pytest.mark.usefixtures("review_app")

DOCUMENTS = [f"煤矿安全管理规定第{n}号" for n in range(1, 31)]


@pytest.fixture
def material(monkeypatch):
    monkeypatch.setattr(ondemand, "theory_documents", lambda: DOCUMENTS)
    monkeypatch.setattr(ondemand, "hazard_jobs", lambda: ["采煤机司机", "支架工"])
    monkeypatch.setattr(ondemand, "hazard_sites", lambda: ["综采工作面"])
    chosen = []

    def refuse(choice):
        chosen.append(choice)
        raise ondemand.GenerationRefused("测试：不生成。")

    monkeypatch.setattr(ondemand, "generate", refuse)
    return chosen


def test_documents_jobs_and_sites_are_checkboxes_the_long_list_with_a_filter(client, login, material):
    import lxml.html

    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)
    assert "<select multiple" not in page and 'multiple name="documents"' not in page
    assert [label for _, label, _ in offered(page, "documents")] == DOCUMENTS
    assert [label for _, label, _ in offered(page, "jobs")] == ["采煤机司机", "支架工"]
    assert [label for _, label, _ in offered(page, "sites")] == ["综采工作面"]
    tree = lxml.html.document_fromstring(page)
    long = tree.xpath('//fieldset[@id="documents"]')[0]
    assert "long" in long.get("class").split() and long.get("data-checks") is not None
    assert long.xpath('.//input[@type="search"][@data-checks-filter]')
    assert {b.text_content() for b in long.xpath(".//button[@data-checks-set]")} == {"全选", "全不选"}
    short = tree.xpath('//fieldset[@id="jobs"]')[0]
    assert "long" not in short.get("class").split() and not short.xpath(".//input[@type='search']")


def test_the_ticked_documents_are_what_generation_draws_on(client, login, post_form, material):
    login("unit_trainer")
    response = post_form("/bank/review/generate", {"kind": "theory", "count": "5", "documents": DOCUMENTS[3:5]},
                         page="/bank/review/")
    assert response.status_code == 302
    assert [c.documents for c in material] == [tuple(DOCUMENTS[3:5])]
