"""Relevance rules narrowed where they dropped an article real exams ask (issue 16, bench/exam_articles.tsv), with
the counter-examples that must stay below the threshold."""

from __future__ import annotations

from quiz.generation.relevance import THRESHOLD, sentence_relevance


def test_a_mines_own_register_is_no_procedure_but_a_registration_with_the_state_is():
    # 安全生产法 第四十条: the mine keeps a register of its major hazards and tells its people what to do in an emergency.
    own = "生产经营单位对重大危险源应当登记建档，进行定期检测、评估、监控，并制定应急预案，告知从业人员和相关人员在紧急情况下应当采取的应急措施"
    assert sentence_relevance(own) >= THRESHOLD
    # 特种设备安全法 第三十三条: registering equipment with the state stays procedure, below the threshold.
    state = "特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书"
    assert sentence_relevance(state) < THRESHOLD
