"""Blanks for articles real exams ask that have no figure and no curated term (issue 16, coverage of
bench/exam_articles.tsv): a member of the 方针 or 原则 safety work keeps, and an emergency action. How soon a duty is
done (应当立即报告) is no longer blanked (frontline read 16, T26: 马上 or 及时 is as right). Examples quoted from the
articles; counter-examples that must stay unasked beside them."""

from __future__ import annotations

from quiz.generation.relevance import MANAGERS, for_audience
from quiz.generation.theory import TheoryPools, blank_term
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

POOLS = TheoryPools.build([])


def _blank(text: str, title: str = "中华人民共和国安全生产法"):
    record = article(text, title=title)
    question = blank_term(record, POOLS, "1")
    if question is not None:
        assert not Verifier([record]).verify([question]).failures, question.stem
    return question


def test_how_soon_a_worker_reports_a_hazard_is_not_blanked():
    # 安全生产法 第五十九条, 生产安全事故报告和调查处理条例 第九条, 特种设备安全法 第四十一条: 立即 has other words a
    # worker may write (马上, 及时), so it is never the blank (frontline read 16, T26).
    for text, title in (
        ("从业人员作业时发现事故隐患或者其他不安全因素的，应当立即向现场安全生产管理人员报告，或者报告本单位负责人。",
         "中华人民共和国安全生产法"),
        ("发生事故以后，事故现场的有关人员应当立即向本单位负责人报告。", "中华人民共和国安全生产法"),
        ("特种设备作业人员作业中如发现事故隐患或其他不安全因素，应当立即报告单位有关负责人和特种设备安全管理人员；"
         "收到报告的人员应当及时处理。", "中华人民共和国特种设备安全法"),
    ):
        question = _blank(text, title)
        assert question is None or question.answer != ("立即",)


def test_before_an_action_the_action_is_the_fact_and_is_not_blanked_as_a_time():
    # Author's read (seed 7342): 必须（立即）停止作业 / 发现损坏必须（立即）更换 — the stem gives the action, 立即 is the only
    # word that fits, so nothing is learnt (规程 第二百二十条, 第一百零四条). An emergency action is blanked instead (issue 16).
    question = _blank("作业人员发现突出预兆时，必须立即停止作业，沿避灾路线撤出，并报告矿调度室。", "煤矿安全规程")
    assert question is not None and question.answer == ("停止作业/停止工作",) and "立即（ ）" in question.stem
    assert _blank("保险带在每次使用前都必须检查，一旦发现损坏必须立即更换。", "煤矿安全规程") is None


def test_how_often_without_a_figure_and_a_state_duty_are_not_asked():
    # 必须（定期）调校 says no more than "now and then" (规程 第五百三十一条): no blank on 定期 or 经常性.
    assert _blank("安全监控设备必须定期调校、测试。", "煤矿安全规程") is None
    assert _blank("特种设备使用单位应当对在用的特种设备经常性地维护保养，定期自行检查并记录在案。") is None
    # An agency's duty stays unasked however urgent (agency procedure is not a frontline fact).
    assert _blank("县级以上人民政府应急管理部门接到事故报告后，应当立即组织抢救。") is None


def test_a_member_of_the_safety_principle_is_blanked():
    # 煤矿防治水细则 第三条 (预测预报、有疑必探、先探后掘、先治后采): a principle of the work itself, asked of everyone.
    question = _blank("井下探水作业应当坚持预先探测、见疑先探、先探后挖、先治后采的原则。", "煤矿防治水细则")
    assert question.answer[0] in {"预先探测", "见疑先探", "先探后挖", "先治后采"}
    assert question.stem.count("（ ）") == 1 and question.inputs["class"] == "方针"
    # The 安全第一 slogan of a law (特种设备安全法 第三条) is an office matter since blind read 10 (T10): a manager is
    # asked it, the frontline is not.
    slogan = "起重作业安全工作应当坚持安全第一、预防为主、规范操作、综合治理的原则。"
    assert _blank(slogan, "中华人民共和国特种设备安全法") is None
    with for_audience(MANAGERS):
        question = _blank(slogan, "中华人民共和国特种设备安全法")
    assert question.answer[0] in {"安全第一", "预防为主", "规范操作", "综合治理"}
    # Two members and a comma are no 方针 learnt by heart (坚持人民至上、生命至上，…).
    assert _blank("开展安全生产工作应当以人为本，并坚持人民至上、生命至上的理念。") is None


def test_a_curated_term_still_goes_first():
    # An article with a key term keeps its term blank; the time word is only the fallback.
    text = "入井人员必须随身携带自救器。\n局部通风机停止运转时，作业人员必须立即撤出。"
    question = _blank(text, "煤矿安全规程")
    assert question is not None and question.answer != ("立即",)

