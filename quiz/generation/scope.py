"""Which documents a theory run draws on by default: the ones a coal mine trains its people on.

The rule is read from the title (and the document type for the mine's own rules), so a trainer
can predict it:

* the mine's own rules (企业制度) are always in;
* documents of the mine's field are in: a title naming 煤矿, 煤炭, 矿山, 瓦斯, 冲击地压 or 防治水
  (煤矿安全规程, the coal regulations and 细则, 矿山安全法, 煤矿安全培训规定, the 判定标准 …),
  except those about licences and state supervision (许可证, 监察), which regulate agencies;
* the general laws a mine trains on are in: 安全生产法, 职业病防治法, 生产安全事故应急条例 and
  生产安全事故报告和调查处理条例 (who reports an accident, to whom, how fast);
* the special-equipment law and its inspection rules are in (特种设备安全法, 特种设备安全监督检查办法):
  a mine runs hoists, boilers, pressure vessels and lifts, and its 特种设备 managers and operators are
  examined on them;
* for the frontline only, the fire law (消防法): the welding bank (新电焊国家题库2018, a frontline bank) asks it
  (bench/exam_articles.tsv maps one question to 第五条, 报告火警; two more name 《消防法》, about 50 of its 1,297
  ask about fire and extinguishing), and what it binds a unit and its people to — report a fire, fight it, keep
  消防设施 and exits clear — is a mine's own surface and workshop duty; the fire service's own work and public places
  stay out by the relevance rules. The managers' bank (特种设备安全管理) never asks it, and a run for managers,
  which asks agencies' procedure, would take the fire service's approvals and the fines of public places and builders
  (22 items of a 3,000 run, most no mine manager's business), so it is not in their default scope;
* everything else is out by default (工会法, 国家安全法, 危险化学品安全管理条例, 民用爆炸物品安全管理条例,
  劳动合同法, 内河 …): a trainer names such a document (`--document`) or takes every document
  (`--all-documents`) to draw on it.

Only which articles are *asked* changes: distractor pools and the verifier still see every
current document, so a distractor that is a rule of an out-of-scope document is still refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quiz.generation.records import ArticleRecord
from quiz.generation.relevance import FRONTLINE

OWN_RULES = "企业制度"
MINE_FIELD = re.compile(r"煤矿|煤炭|矿山|瓦斯|冲击地压|防治水")
GENERAL_LAWS = (
    "安全生产法",
    "职业病防治法",
    "生产安全事故应急条例",
    "生产安全事故报告和调查处理条例",
    "特种设备安全法",
    "特种设备安全监督检查办法",
)
# Asked of the frontline by default, not of managers (see the module doc): examined by the welding bank.
FRONTLINE_LAWS = ("消防法",)
AGENCY_DOCUMENTS = re.compile(r"许可证|监察")


def in_mine_scope(title: str, doc_type: str = "", audience: str = FRONTLINE) -> bool:
    """Whether a document is one a coal mine trains `audience` on (see the module doc for the rule)."""
    if doc_type == OWN_RULES:
        return True
    short = title.removeprefix("中华人民共和国")
    if AGENCY_DOCUMENTS.search(short):
        return False
    return bool(MINE_FIELD.search(short)) or short in GENERAL_LAWS or audience == FRONTLINE and short in FRONTLINE_LAWS


def default_scope(records: Iterable[ArticleRecord], audience: str = FRONTLINE) -> list[ArticleRecord]:
    """The records of documents in the mine's training scope for `audience`."""
    return [r for r in records if in_mine_scope(r.title, r.doc_type, audience)]
