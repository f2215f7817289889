"""Relevance rules narrowed where they dropped an article real exams ask (issue 16, bench/exam_articles.tsv), with
the counter-examples that must stay below the threshold."""

from __future__ import annotations

from quiz.generation.relevance import THRESHOLD, sentence_relevance


def test_a_mines_own_register_is_no_procedure_but_a_registration_with_the_state_is():
    # 安全生产法 第四十条: the mine keeps a register of its major hazards and tells its people what to do in an emergency.
    own = "生产经营单位应当对重大危险源登记建档，定期进行检测、评估和监控，制定应急预案，并让从业人员及相关人员知道紧急情况下应当采取哪些应急措施"
    assert sentence_relevance(own) >= THRESHOLD
    # 特种设备安全法 第三十三条: registering equipment with the state stays procedure, below the threshold.
    state = "特种设备使用单位应当于设备投入使用前或者投入使用后三十日内，到负责特种设备安全监督管理的部门办理使用登记并领取登记证书"
    assert sentence_relevance(state) < THRESHOLD
