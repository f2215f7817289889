"""What a worker says he lacks, and the rule that makes it a condition of what he asks to do.

A worker asks whether he may act without something: 没拿到证能不能先干着, 焊工证还没考下来能顶班不,
没参加入井培训就让下去行吗, 没办许可的小窑能先出煤不. The rule that settles it makes the thing lacked a
condition of the act, in a clause of its own: 未取得X的，不得Y; 不得安排未经X的人员Y; 经X合格，方可Y;
取得X后，方可Y. Such a rule shares few words with the question's act (先干着, 顶班, 出煤 / 上岗作业, 从事生产
活动), and an article on the thing itself (how a certificate is renewed, how training is run) shares
more of them, so ask gives the rule that makes the thing a condition its own weight (kb.qa).

What is lacked is the phrase after 没(有)/未/尚未/还没 and a verb of getting (拿到, 取得, 经过, 参加, 做, 考)
up to the next pause or the asking (的, 就, 能, 先, 让, ，), or the phrase before 还没考下来/没办下来
(电工证还没考下来). Of a certificate (…证) the rules say 证, 资格 or 考核合格 (取得相应资格，方可上岗作业).
Not what lacks: 有没有 (asking), 没事/没人 (nothing named), 不 (不停电 is a way of acting, not a lack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.hits import Hit, joined
from kb.query import Concept, QueryPlan
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

_GETTING = r"(?:经过|经|拿到|拿|取得|领到|领|考到|考|办|办理|参加|参与|进行|做过|做|持有|持|带|戴|有)?"
_LACK = re.compile(rf"(?<!有)(?:没有|没|尚未|未|还没有|还没)(?!事|人|法|用|啥|什么|多久|多长|成年)({_GETTING})"
                   r"([\u4e00-\u9fffA-Za-z0-9]{1,12}?)(?=的|就|能|可以|可不|让|先|还|也|去|便|谁|怎|咋|行|拿|，|,|。|？|\?|\s|$)")
_LACK_AFTER = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:还|都|也)?(?:没有|没|未)(?:考|拿|办|领|发|批)(?:下来|到|出来|好|下)"
)
_NOT_LACKED = frozenset({"下来", "到", "出来", "好", "下"})  # 还没考下来: the getting, not the thing
_CERTIFICATE = ("证", "资格", "考核合格")  # a worker's 电工证 is the rule's 相应资格
# What a rule makes a condition of acting: a certificate or licence, training or an examination, a
# registration, a health check, an approval or acceptance.
QUALIFICATION = re.compile(r"证|照|培训|教育|考核|考试|许可|登记|体检|健康检查|资格|资质|批准|审批|验收")
# The conditional clause: 未(经|取得)X…不得Y, 不得安排未经X…, (经|取得)X…方可Y.
_CONDITION = re.compile(
    r"未(?:经|取得|持有?|进行|按照)?[^。；\n]{0,40}?(?:不得|严禁|禁止|不准|不能)"
    r"|(?:不得|严禁|禁止)(?:安排|使用|招用|允许|指派)?[^。；\n]{0,12}?未(?:经|取得)?[^。；\n]{0,30}"
    r"|(?:经|取得|持有?)[^。；\n]{0,40}?(?:方可|方准|方能|后方|才能|才可)"
)
SETTLING = ("法律", "行政法规")  # the law and the State Council's regulations settle who may act
LOOKUP = 40  # articles holding 方可 (or 不得) and a word of what is lacked, fetched per word
CONDITION_HITS = 3  # …of which those sharing most of the question join the candidates read


def lacked_spans(question: str) -> list[str]:
    """The phrases the question says the asker (or his mine) lacks: 安全生产许可证 in 没拿到安全生产许可证的小矿
    能先开着挖不, 电工证 in 电工证还没考下来能先上岗干着不."""
    spans = [m.group(2) for m in _LACK.finditer(question)]
    spans += [m.group(1) for m in _LACK_AFTER.finditer(question)]
    return [s for s in spans if s and s not in _NOT_LACKED]


@dataclass(frozen=True)
class Lack:
    """What a question says the asker lacks: its words (and the rule's words for them), and the question's
    other words (what it is about beside the qualification)."""

    words: tuple[str, ...]
    told: tuple[str, ...] = ()

    @property
    def named(self) -> tuple[str, ...]:
        """The words naming the very thing lacked (焊工证, 爆破 of 爆破证), not the rule's words for any
        certificate nor a bare qualification (培训, 登记)."""
        return tuple(w for w in self.words if w not in _CERTIFICATE and not QUALIFICATION.fullmatch(w))

    def about(self, text: str) -> bool:
        """Whether a condition in `text` is on what the question asks about: it names the thing lacked
        (爆破 of 爆破证) or holds another of the question's words (锅炉 of 锅炉没办登记, not a registration
        of explosives)."""
        return conditions(text, self.named) or any(word in text for word in self.told)

    def settled_by(self, hit: Hit) -> bool:
        """Whether `hit` is a law or regulation in force (SETTLING) making what is lacked a condition of
        acting on what the question asks about."""
        return (
            hit.doc_type in SETTLING and hit.status == "current"
            and conditions(hit.text, self.words) and self.about(hit.text)
        )


def lacked(question: str, concepts: tuple[Concept, ...], told: tuple[Concept, ...] = ()) -> Lack | None:
    """What the question says is lacked (the words of `concepts` in it, and the rule's words for them),
    when it is a qualification (QUALIFICATION: a certificate, training, a check, a licence); None when
    the question lacks none (没支护, 没说有危害: a state or an act, not a qualification). `told` are the
    words the question is searched with (its other words count for what it is about)."""
    spans = [span for span in lacked_spans(question) if QUALIFICATION.search(span)]
    if not spans:
        return None
    forms: dict[str, None] = {}
    for c in concepts:
        # The qualification itself (安全生产许可证, 体检) or what one certifies (爆破 in 爆破证): not 使用 in
        # 使用登记; of a compound, the qualification the law says (培训 in 安全培训), not 安全 nor 作证 in 操作证.
        if len(c.term) < 2 or not any(c.term in span for span in spans):
            continue
        certified = any(c.term + "证" in span for span in spans)
        if not (QUALIFICATION.search(c.term) if c.maximal else QUALIFICATION.fullmatch(c.term)) and not certified:
            continue
        forms[c.term] = None
        forms.update(dict.fromkeys(alt for alt, _ in c.alternatives if len(alt) >= 2))
        if c.term.endswith("证") or certified:
            forms.update(dict.fromkeys(_CERTIFICATE))
    if not forms:
        return None
    others = tuple(c.term for c in told or concepts if c.maximal and len(c.term) > 1 and c.term not in forms)
    return Lack(tuple(forms), others)


def conditions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` makes one of `words` a condition of acting: the word sits in a clause 未…不得 /
    不得安排未经… / 经…方可."""
    if not words:
        return False
    return any(any(word in m.group(0) for word in words) for m in _CONDITION.finditer(text))


def with_conditions(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], lack: Lack, depth: int) -> list[Hit]:
    """`hits` with the laws and regulations making what is lacked a condition among the first `depth`,
    in place of the last of those that do not."""
    words = tuple(w for w in lack.words if w not in _CERTIFICATE)
    lookups = [[(mark, 1.0), (word, 1.0)] for word in words for mark in ("方可", "不得")]
    found = fetched_answering(
        kb, plan, hits[:depth], lookups, lambda text: conditions(text, lack.words), CONDITION_HITS * 3, LOOKUP
    )
    found = [hit for hit in found if lack.settled_by(hit)][:CONDITION_HITS]
    return joined(hits, found, depth, lack.settled_by)


def condition_first(scored: list, lack: Lack | None) -> None:
    """Put first (in place, in ask's (score, hit, reading) list) the law or regulation making what the
    asker lacks a condition of acting: whether he may work without a certificate or training is settled
    by 未经…培训合格的，不得上岗作业 in the law, not by a training rule's article on renewals. One naming
    the very thing lacked (《爆破作业人员许可证》 for 爆破证) before one naming any certificate (相应资格),
    a law before a regulation, then in the order ranked."""
    if lack is None or not scored:
        return
    settling = [
        (not conditions(hit.text, lack.named), hit.doc_type != SETTLING[0], i)
        for i, (_, hit, _) in enumerate(scored) if lack.settled_by(hit)
    ]
    if settling:
        scored.insert(0, scored.pop(min(settling)[2]))
