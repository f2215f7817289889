"""Which article a finding violates: the labelled notebook's top-1 rate, and the ranking rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from inspections.ranking import breaks_limit, is_standard, rank, sentences, split_site, subject
from tests.inspections.conftest import build_kb
from tests.inspections.labelled import SAMPLE, SHARED

REQUIRED_TOP1 = 0.9
HELDOUT = Path(__file__).with_name("heldout_findings.tsv")


def heldout() -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The held-out notebook (never tuned on): finding, document, article[, another article]."""
    rows = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, title, *articles = line.split("\t")
            rows.append((text, tuple((title, a) for a in articles)))
    return rows


def top_k(kb, labelled, k: int) -> tuple[float, list[str]]:
    """The share of findings whose label is among the first `k` current articles listed."""
    misses = []
    for text, labels in labelled:
        ranked = rank(kb, text)
        listed = [(b.title, b.article) for b in (ranked.regulations + ranked.standards)[:k]]
        if not any(label in listed for label in labels):
            first = ranked.suggested.citation if ranked.suggested else None
            misses.append(f"{text} -> {first}")
    return 1 - len(misses) / len(labelled), misses


def top1(kb, labelled) -> tuple[float, list[str]]:
    misses = []
    for text, labels in labelled:
        suggested = rank(kb, text).suggested
        got = (suggested.title, suggested.article) if suggested else None
        if got not in labels:
            misses.append(f"{text} -> {suggested.citation if suggested else None}")
    return 1 - len(misses) / len(labelled), misses


def test_the_violated_article_is_first_for_nine_in_ten_of_the_notebook(sample_kb):
    assert len(SAMPLE) >= 20
    rate, misses = top1(sample_kb, SAMPLE)
    print(f"top-1 on the sample notebook: {rate:.1%} ({len(SAMPLE) - len(misses)}/{len(SAMPLE)})")
    assert rate >= REQUIRED_TOP1, misses


def test_on_the_real_library_the_violated_article_is_first_and_always_a_current_one(app, shared_dir):
    """Over ../shared/corpus (规程2025 beside the repealed 2016 规程 and 防治水规定): the labelled
    SHARED findings (tuned on) get their article first for nine in ten; the held-out notebook
    (never tuned on) is measured and printed, top-1 and top-3, not gated; no suggestion is ever
    an old version."""
    kb = build_kb(app, shared_dir / "corpus")
    rate, misses = top1(kb, SHARED)
    print(f"top-1 over ../shared/corpus: {rate:.1%} ({len(SHARED) - len(misses)}/{len(SHARED)}); misses: {misses}")
    assert rate >= REQUIRED_TOP1, misses
    held = heldout()
    assert len(held) >= 20
    for k in (1, 3):
        rate, misses = top_k(kb, held, k)
        print(f"held-out top-{k}: {rate:.1%} ({len(held) - len(misses)}/{len(held)}); misses: {misses}")
    for text, _ in SHARED + SAMPLE:
        ranked = rank(kb, text)
        if ranked.suggested is not None:
            assert ranked.suggested.status == "current", text
        assert all(b.status == "current" for b in ranked.regulations + ranked.standards)
        assert all(b.status != "current" for b in ranked.older)


# -- the ordering rules, on a stand-in search ------------------------------------------------


@dataclass(frozen=True)
class FakeHit:
    article_id: int
    title: str
    article: str
    text: str
    score: float
    status: str = "current"
    doc_type: str = "部门规章"

    @property
    def citation(self) -> str:
        return f"《{self.title}》{self.article}"

    @property
    def status_label(self) -> str:
        return self.status


class FakeResults:
    def __init__(self, hits):
        self.hits = hits


class FakeKb:
    def __init__(self, hits):
        self.hits = hits

    def search(self, q, doc_type=None, status=None, page=1, per_page=10):
        return FakeResults(self.hits)


def test_an_old_version_is_never_first_even_when_it_scores_highest():
    kb = FakeKb([
        FakeHit(1, "煤矿安全规程", "第一百七十三条", "采掘工作面甲烷浓度达到1.0%时，必须停止用电钻打眼。", 9.0, "superseded"),
        FakeHit(2, "煤矿安全规程", "第一百九十三条", "采掘工作面甲烷浓度达到1.0%的时候，必须停止用电作业。", 3.0),
    ])
    ranked = rank(kb, "采掘工作面甲烷浓度达到1.0%仍用电作业")
    assert ranked.suggested.article_id == 2
    assert [b.article_id for b in ranked.older] == [1]


def test_only_old_versions_found_means_no_suggestion():
    kb = FakeKb([FakeHit(1, "煤矿防治水规定", "第十条", "必须坚持有疑必探。", 5.0, "repealed")])
    ranked = rank(kb, "未探放水")
    assert ranked.suggested is None and len(ranked.older) == 1


def test_normative_wording_wins_a_close_call_and_cases_penalties_and_purposes_are_left_out():
    kb = FakeKb([
        FakeHit(1, "某案例", "第一条", "带式输送机机头未设防护栏，导致卷入。", 9.0, doc_type="案例"),
        FakeHit(2, "规定", "第十八条", "违反本规定的，按照《三违管理办法》处理。", 8.0),
        FakeHit(3, "规定", "第一条", "为防止带式输送机卷人事故，制定本规定。", 8.0),
        FakeHit(4, "规定", "第七条", "机头、机尾设有防护栏和警示牌。", 5.0),
        FakeHit(5, "规定", "第八条", "机头、机尾必须设置防护栏并挂警示牌。", 5.0),
    ])
    ranked = rank(kb, "皮带机头未设置防护栏")
    assert [b.article_id for b in ranked.regulations] == [5, 4]
    assert ranked.suggested.normative


def test_standards_are_listed_apart_from_regulations():
    kb = FakeKb([
        FakeHit(1, "GB 6441-2025 生产安全事故分类与编码", "第四条", "应当按下列类别分类。", 9.0),
        FakeHit(2, "煤矿安全规程", "第十条", "入井人员必须随身携带自救器。", 4.0),
    ])
    ranked = rank(kb, "入井未携带自救器")
    assert [b.article_id for b in ranked.standards] == [1]
    assert [b.article_id for b in ranked.regulations] == [2]
    assert ranked.suggested.article_id == 2
    assert is_standard("MT/T 1131-2011 矿用刮板输送机") and not is_standard("煤矿重大事故隐患判定标准")


@pytest.mark.parametrize(("line", "site", "rest"), [
    ("3102回风巷甲烷传感器吊挂位置距顶板超过300mm", "3102回风巷", "甲烷传感器吊挂位置距顶板超过300mm"),
    ("3105掘进工作面处理大块煤时采用裸露爆破", "3105掘进工作面", "处理大块煤时采用裸露爆破"),
    ("皮带机头未设置防护栏", "", "皮带机头未设置防护栏"),
    ("电钳工带电检修采区配电点馈电开关", "", "电钳工带电检修采区配电点馈电开关"),
])
def test_the_place_a_notebook_line_starts_with_is_its_site(line, site, rest):
    assert split_site(line) == (site, rest)


def test_a_value_that_breaks_a_limit_goes_to_the_article_setting_it_not_one_naming_the_same_thing():
    kb = FakeKb([
        FakeHit(1, "煤矿安全规程", "第一百八十条", "矿井必须建立瓦斯检查制度，瓦斯检查工必须认真填写瓦斯检查班报。", 9.0),
        FakeHit(2, "煤矿安全规程", "第一百九十三条", "采掘工作面等作业地点的风流里，甲烷浓度达到1.0%的时候必须停止用电作业。", 5.0),
    ])
    assert rank(kb, "工作面瓦斯浓度1.2%仍在作业").suggested.article_id == 2
    sentence = "风流里甲烷浓度达到1.0%的时候，必须停止用电作业"
    assert breaks_limit("甲烷浓度1.2%", sentence) and breaks_limit("瓦斯浓度1.0％", sentence)
    assert not breaks_limit("甲烷浓度0.8%", sentence) and not breaks_limit("距离1.2m", sentence)
    assert breaks_limit("坡度8‰处人力推车", "严禁在巷道坡度大于7‰时人力推车")
    assert breaks_limit("等了20min就进入", "等待至少30min后，才可沿线路检查")
    assert not breaks_limit("等了40min才进入", "等待至少30min后，才可沿线路检查")


def test_a_short_rule_the_finding_restates_whole_beats_a_long_one_sharing_some_words():
    kb = FakeKb([
        FakeHit(1, "煤矿安全规程", "第一百三十条",
                "放顶煤开采的工作面，严禁用炸药爆破的方法处理没有冒落的顶煤、顶板和大块煤（矸）。", 8.0),
        FakeHit(2, "煤矿安全规程", "第三百九十四条", "炮孔封泥必须使用水炮泥。\n\n严禁裸露爆破。", 8.0),
        FakeHit(3, "煤矿安全规程", "第三百九十六条", "处理卡在溜煤眼中的煤、矸时，如果确无其他方法，可以爆破处理。", 7.0),
        FakeHit(4, "煤矿安全规程", "第三百四十八条", "爆破作业必须编制爆破作业说明书。", 6.0),
    ])
    assert rank(kb, "井下采用裸露爆破处理大块煤").suggested.article_id == 2


def test_the_items_of_a_normative_list_are_normative():
    text = ("在装药和爆破之前有下列情况之一的，严禁装药、爆破：\n\n（一）采掘工作面控顶距离不符合作业规程的规定。"
            "\n\n（五）采掘工作面风量不足。\n\n附注说明。")
    assert [n for _, n in sentences(text)] == [True, True, True, False]
    listed = "本规程所称的设备：\n\n（一）采煤机。"  # a lead-in that is no rule makes no rule of its items
    assert [n for _, n in sentences(listed)] == [False, False]


def test_the_kind_of_place_a_finding_starts_with_is_part_of_its_subject_its_number_is_not():
    assert subject("1305采煤工作面上出口堵塞，只有一个畅通的安全出口") == "采煤工作面上出口堵塞，只有一个畅通的安全出口"
    assert subject("3102回风巷甲烷传感器吊挂位置不对") == "回风巷甲烷传感器吊挂位置不对"
    assert subject("皮带机头未设置防护栏") == "皮带机头未设置防护栏"
    kb = FakeKb([
        FakeHit(1, "煤矿安全规程", "第一百一十条", "对安全出口应当加强维护、定期巡查，保持畅通。", 9.0),
        FakeHit(2, "煤矿安全规程", "第一百一十九条", "每个采煤工作面都必须保持至少2个畅通的安全出口。", 6.0),
    ])
    assert rank(kb, "1305采煤工作面上出口堵塞，只有一个畅通的安全出口").suggested.article_id == 2


# -- findings of different kinds on the real library ----------------------------------------

KINDS = [
    # finding, the document it must cite, words the cited article must hold (one of them)
    ("3102回风巷甲烷传感器吊挂位置距顶板超过300mm", "煤矿安全规程", ("甲烷传感器",)),
    ("1306综采工作面甲烷浓度达到1.5%仍继续割煤", "煤矿安全规程", ("甲烷浓度达到1.0%",)),
    ("1305采煤工作面上出口堵塞，只有一个畅通的安全出口", "煤矿安全规程", ("安全出口",)),
    ("矿井超层越界开采", "煤矿安全生产条例", ("超层", "越界")),
]


def test_findings_of_different_kinds_each_get_a_basis_of_their_own_subject(app, client, login, post_form,
                                                                           shared_dir, db_session):
    """Over ../shared/corpus: a sensor placed wrong is not given the 突出 mine's ventilation
    system (a rule for a kind of mine the finding does not name), and the 改依据 page of each
    finding lists that finding's own candidates."""
    from inspections.models import Finding

    build_kb(app, shared_dir / "corpus")
    leader = login("team_leader")
    response = post_form("/inspections/", {"team_id": leader.team_id, "site": "", "found_on": "2026-12-01",
                                           "lines": "\n".join(text for text, _, _ in KINDS)})
    assert response.status_code == 302
    findings = db_session.query(Finding).order_by(Finding.id).all()
    assert [f.text for f in findings] == [text for text, _, _ in KINDS]
    for finding, (text, title, words) in zip(findings, KINDS, strict=True):
        assert finding.citation.startswith(f"《{title}》"), (text, finding.citation)
        assert any(w in finding.basis_excerpt for w in words), (text, finding.citation, finding.basis_excerpt)
        page = client.get(f"/inspections/finding/{finding.id}").get_data(as_text=True)
        assert finding.citation in page and text in page


def test_a_rule_for_a_kind_of_mine_the_finding_does_not_name_is_not_first():
    kb = FakeKb([
        FakeHit(1, "防治煤与瓦斯突出细则", "第三十一条", "突出矿井的通风系统应当符合下列要求：\n"
                "（五）突出矿井采煤工作面的回风巷内甲烷传感器应当安设在距工作面10m以内的位置；", 14.0),
        FakeHit(2, "煤矿安全规程", "第五百三十六条", "甲烷传感器的设置地点必须符合表19的要求。", 9.0),
    ])
    assert rank(kb, "回风巷甲烷传感器吊挂位置不符合规定").suggested.article_id == 2
    # A finding in a 突出 mine keeps the 突出 rule.
    assert rank(kb, "突出矿井回风巷甲烷传感器安设位置距工作面超过10m").suggested.article_id == 1


def test_what_is_not_a_rule_is_the_corpus_own_word(monkeypatch):
    """Ranking asks corpus.documents.has_force, never a copy of its list: a type the corpus stops
    counting as a rule is left out here too."""
    from corpus import documents

    monkeypatch.setattr(documents, "NOT_RULES", (*documents.NOT_RULES, "企业制度"))
    kb = FakeKb([FakeHit(1, "本矿制度", "第三条", "机头必须设置防护栏。", 9.0, doc_type="企业制度"),
                 FakeHit(2, "规定", "第八条", "机头、机尾必须设置防护栏并挂警示牌。", 5.0)])
    ranked = rank(kb, "皮带机头未设置防护栏")
    assert [b.article_id for b in ranked.regulations] == [2]
