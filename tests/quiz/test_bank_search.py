"""The bank's search finds a limit as written: 1.0% is not 10 (第10项, 编号2410) and 1.5% is not 15;
a limit in an option is found as well as one in the stem; spaces, full-width forms and case still do
not matter."""

from __future__ import annotations

from dataclasses import replace

from core.db import db
from quiz.bank import service
from quiz.bank.browse import BankFilter, filtered
from quiz.bank.models import Question
from quiz.bank.types import Option, QuestionDraft


def add(stem: str, *options: str) -> int:
    keys = "ABCD"[:len(options)]
    question = service.add_question(QuestionDraft(
        type="single", stem=stem, options=tuple(Option(k, t) for k, t in zip(keys, options, strict=True)), answer=("A",),
        explanation="", status="approved"))
    db.session.flush()
    return question.id


def found(q: str) -> set[int]:
    return {question.id for question in db.session.scalars(filtered(BankFilter(q=q)))}


def test_a_limit_is_searched_as_written_in_the_stem_or_an_option(app):
    in_stem = add("工作面风流里甲烷浓度到1.0%就要停用电钻打眼。（ ）", "对", "错")
    in_option = add("采掘工作面回风流中甲烷浓度超过多少时必须停工撤人？", "1.5%", "1.0%", "2.0%")
    tenth = add("下列第10项规定适用于哪类矿井？", "高瓦斯矿井", "低瓦斯矿井")
    number = add("编号2410的工作面应当配备几名瓦斯检查员？", "1名", "2名")
    fifteen = add("巷道长度超过15米时应当设置什么？", "避险硐室", "信号灯")
    assert found("1.0%") == {in_stem, in_option}
    assert found("１.０％") == {in_stem, in_option}  # full width, as a phone keyboard may type it
    assert found("1.5%") == {in_option}
    assert found("15") == {fifteen}
    assert found("10") == {tenth, number}
    assert found("甲烷 浓度") == {in_stem, in_option}
    assert found("避险硐室") == {fifteen}


def test_an_edit_updates_what_the_search_finds(app):
    question_id = add("瓦斯浓度达到1.0%时应当怎么办？", "停止作业", "继续作业")
    question = db.session.get(Question, question_id)
    service.edit_question(question, replace(question.to_draft(), stem="瓦斯浓度达到1.5%时应当怎么办？"))
    db.session.flush()
    assert found("1.5%") == {question_id} and found("1.0%") == set()
