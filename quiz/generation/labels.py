"""What trainers read for each generator: one Chinese label per name of the registry
(`quiz.generation.pipeline` and the registries it takes in). The raw name stays for
debugging, in a title attribute or a details line; tests check every name has a label."""

from __future__ import annotations

GENERATOR_LABELS = {
    "theory.blank_number": "条文填空（数值）",
    "theory.blank_term": "条文填空（术语）",
    "theory.blank_item_number": "条文填空（条款中的数值）",
    "theory.single_number": "单选（数值）",
    "theory.single_item_number": "单选（条款中的数值）",
    "theory.single_range": "单选（数值范围）",
    "theory.single_party": "单选（责任主体）",
    "theory.single_term": "单选（术语）",
    "theory.single_fine": "单选（罚款数额）",
    "theory.single_action": "单选（应急处置）",
    "theory.judge": "条文判断",
    "theory.multi_enumeration": "多选（条文所列事项）",
    "theory.purpose": "多选（立法目的）",
    "theory.scope": "判断（适用范围）",
    "theory.scope_includes": "单选（适用范围包括）",
    "theory.principle": "多选（方针原则）",
    "theory.definition": "判断（术语定义）",
    "theory.in_force": "单选（施行日期）",
    "theory.organiser": "单选（事故调查组织者）",
    "theory.level": "单选（职责的层级）",
    "theory.body": "单选（职责部门）",
    "theory.income_fine": "单选（按年收入比例罚款）",
    "theory.encouraged": "判断（鼓励还是强制）",
    "theory.barred_period": "单选（不予受理的期限）",
    "theory.powers": "多选（监督检查职权）",
    "theory.precondition": "判断（先决条件）",
    "theory.only_one": "判断（可选的方式）",
    "theory.domestic": "判断（进口设备的要求）",
    "theory.cancelled": "判断（报废注销）",
    "hazard.accident_type": "危险源（事故类型）",
    "hazard.site": "危险源（场所）",
    "hazard.lec": "危险源（LEC 风险计算）",
    "hazard.control": "危险源（管控措施）",
    "hazard.major": "重大事故隐患判定",
    "hazard.threshold": "数值规则（限值）",
    "hazard.scenario": "情景题",
    "hazard.violation": "三违归类",
    "manual": "手工录入",
}


def generator_label(name: str | None) -> str:
    """The trainer's label of a generator; an unknown name is shown as it is."""
    return GENERATOR_LABELS.get(name or "", name or "")
