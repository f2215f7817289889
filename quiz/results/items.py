"""Item analysis (试题分析) of the answers of a period's closed sittings: facility, discrimination,
option choices. The period says which sittings count (Period.modes: exams only, 仅考试, or with
practice sets and 每日一练, 含练习); `paper` narrows them to one paper's sittings.

- *facility* (难度, correct rate): right answers / answers; a question left blank is wrong.
- *discrimination* (区分度) D = p_upper − p_lower, the classical upper/lower 27% index: a paper
  is one test, so the closed attempts of each paper are ranked by total score (as a percentage
  of their maximum; ties by attempt id), its top 27% form the upper group and its bottom 27%
  the lower group (k = round(0.27·n), half up; none under 2 attempts). p_upper is the correct
  rate of the question among the upper-group attempts that showed it (for a fixed paper: all
  of them), p_lower likewise; a question on several papers pools its papers' groups. Practice
  drawn on the spot (no paper) is no test: it counts in facility and options, in no group.
- *options*: how often each option was chosen, counted by the version's own keys (the stored
  response), never by the letters a shuffled sitting showed.

Every answer is stored with the version it was given on (AttemptItem.version_id), and the figures are
per version: a question edited after it was answered (a new stem, a new key) has a row for each
version answered, with that version's stem and key, so old answers are never read against the new
key. The category is the question's own (categories belong to the question, not its versions: moving
a question to another category writes no version), so it is the category the question has now.

A question answered at least MIN_ANSWERS times is flagged 建议复核 when D is negative (the
stronger workers get it wrong more often: a wrong key or a misleading stem) or when its facility
is at most 0.05 or at least 0.95 (it tells nobody anything).

Cost: the attempts (thousands) are ranked in Python; the answers (hundreds of thousands) are
read once by the database, grouped by question, version, response and group (GROUP BY), so
only a few thousand counted rows come back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import String, bindparam, case, cast, func, select

from accounts.models import User
from core.db import db, utcnow
from quiz.bank.models import Question, QuestionVersion
from quiz.bank.types import JUDGE_OPTIONS, KINDS
from quiz.results.dashboard import category_labels, member_filter
from quiz.results.figures import rate
from quiz.results.models import RESPONSE_TEXT
from quiz.results.period import Period
from quiz.taking.models import Attempt, AttemptItem
from quiz.taking.seal import keys_hidden

GROUP_SHARE = 27  # percent of attempts in the upper and in the lower group
MIN_ANSWERS = 20
LOW_FACILITY = Fraction(5, 100)
HIGH_FACILITY = Fraction(95, 100)
WITHHELD_NOTE = "您也是本次考试的考生，考完或考试结束前不显示本题的答对人次、正确率、区分度和选项分布"
CHOICE_SHAPES = {"single", "multi", "judge"}
LITERAL_IDS = 10_000


@dataclass(frozen=True)
class OptionCount:
    key: str  # the version's own key
    text: str
    chosen: int | None  # None: withheld from the viewer, like the key (ItemStats.withheld)
    is_key: bool | None  # None: the key is withheld from the viewer (ItemStats.withheld)


@dataclass(frozen=True)
class VersionChoices:
    """The choices made on one version of a question."""

    version_id: int
    number: int
    answers: int
    blank: int  # answered nothing
    options: list[OptionCount]


@dataclass(frozen=True)
class ItemStats:
    """The figures of one version of a question (the answers given on it)."""

    question_id: int
    version_id: int
    version_number: int
    versions: tuple[int, ...]  # the numbers of the question's versions answered in the analysis (one: no note)
    current: bool  # the question's current version
    stem: str
    answer_label: str  # the version's key as trainers read it ("" while withheld from the viewer)
    type_label: str
    category: str
    answers: int
    correct: int | None  # None (and None the figures below counting right answers) while withheld
    facility: float | None
    upper: int  # upper-group attempts that showed the question
    upper_correct: int | None
    lower: int  # lower-group attempts that showed it
    lower_correct: int | None
    discrimination: float | None
    choices: list[VersionChoices] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # The viewer must still sit an open exam holding it (quiz.taking.seal): no key, and no figure the key
    # could be read from (_withheld); `note` says why.
    withheld: bool = False
    note: str = ""

    @property
    def review(self) -> bool:
        return bool(self.flags)


def group_size(n: int) -> int:
    """k = 27% of n attempts, rounded half up."""
    return (n * GROUP_SHARE + 50) // 100


def flags_for(answers: int, correct: int, d: Fraction | None) -> list[str]:
    """Why a question needs a look (empty when it is fine or has too few answers)."""
    if answers < MIN_ANSWERS:
        return []
    found = []
    if d is not None and d < 0:
        found.append("区分度为负")
    facility = Fraction(correct, answers)
    if facility <= LOW_FACILITY:
        found.append("几乎没人答对")
    elif facility >= HIGH_FACILITY:
        found.append("几乎全对")
    return found


def _scope(query, team_ids: list[int] | None, period: Period, paper_id: int | None = None):
    query = query.where(Attempt.mode.in_(period.modes), Attempt.status != "open", Attempt.max_score > 0,
                        Attempt.score.is_not(None),
                        Attempt.started_at >= period.since, Attempt.started_at < period.until)
    if paper_id is not None:
        query = query.where(Attempt.paper_id == paper_id)
    if team_ids is not None:
        # the people the team pages count: not a deactivated one, nor staff placed in the team
        query = query.join(User, User.id == Attempt.user_id).where(member_filter(team_ids))
    return query


def split_groups(attempts) -> tuple[list[int], list[int]]:
    """(upper, lower) attempt ids: per paper, the top and bottom 27% of its attempts by score
    percentage, ties by attempt id. `attempts` are rows of (id, paper id, score, max score[, mode]);
    practice without a paper is in no group."""
    by_paper: dict = {}
    for attempt_id, paper_id, score, max_score, *mode in attempts:
        if paper_id is None and mode and mode[0] != "exam":
            continue
        # 28 significant digits tell apart any two different ratios of cents below 10^6 and give equal ones alike
        by_paper.setdefault(paper_id, []).append((Decimal(score) / Decimal(max_score), attempt_id))
    upper, lower = [], []
    for ranked in by_paper.values():
        ranked.sort()
        k = group_size(len(ranked))
        if k:
            lower += [a for _, a in ranked[:k]]
            upper += [a for _, a in ranked[-k:]]
    return upper, lower


def _id_list(name: str, ids: list[int]):
    """An IN list of ids: bound parameters, or for very long lists (beyond the databases' parameter
    limits) integers rendered into the statement."""
    return bindparam(name, value=ids, expanding=True, literal_execute=len(ids) > LITERAL_IDS)


def _counts(team_ids: list[int] | None, period: Period, paper_id: int | None = None):
    """Rows of (question, version, response text, right?, answers, in the upper group, in the lower group)."""
    # Core rows, scores as text (exact, and without the ORM's per-row Decimal conversion: a fifth of a second here)
    connection = db.session.connection()
    attempts = connection.execute(_scope(
        select(Attempt.id, Attempt.paper_id, cast(Attempt.score, String), cast(Attempt.max_score, String),
               Attempt.mode),
        team_ids, period, paper_id)).all()
    if not attempts:
        return []
    upper, lower = split_groups(attempts)
    in_upper = func.sum(case((AttemptItem.attempt_id.in_(_id_list("upper", upper)), 1), else_=0))
    in_lower = func.sum(case((AttemptItem.attempt_id.in_(_id_list("lower", lower)), 1), else_=0))
    # The same version and response are always equally right, so `correct` splits no group.
    keys = (AttemptItem.question_id, AttemptItem.version_id, RESPONSE_TEXT, AttemptItem.correct)
    return connection.execute(_scope(
        select(*keys, func.count(), in_upper, in_lower)
        # "+ 0": not through the attempt's own answers (SQLite would then sort them all to group them) but
        # along the analysis index, already in group order, looking each attempt up by its key.
        .select_from(AttemptItem).join(Attempt, Attempt.id == AttemptItem.attempt_id + 0)
        # not an answer held under seal (quiz.taking.held): not scored yet, right nor wrong
        .where(AttemptItem.correct.is_not(None)),
        team_ids, period, paper_id,
    ).group_by(*keys)).all()


def _choices(version: QuestionVersion, tally: dict[str, int], blanks: list[int]) -> list[VersionChoices]:
    """The choices made on a choice version ([] for a version of another shape)."""
    if KINDS.get(version.type) is None or KINDS[version.type].shape not in CHOICE_SHAPES:
        return []
    options = version.options or []
    if KINDS[version.type].shape == "judge":
        options = [{"key": o.key, "text": o.text} for o in JUDGE_OPTIONS]
    key = set(version.answer or ())
    listed = [OptionCount(o["key"], o["text"], tally.get(o["key"], 0), o["key"] in key) for o in options]
    n, blank = blanks
    return [VersionChoices(version.id, version.number, n, blank, listed)]


def analyse(team_ids: list[int] | None, period: Period, paper_id: int | None = None, *,
            viewer: User | None = None, now: datetime | None = None) -> list[ItemStats]:
    """Every version of a question answered in the period's sittings (of one paper, if given) by people
    of `team_ids` (None: everyone), flagged first, then by facility (hardest first) — as `viewer` may read
    them at `now`: without the keys of the questions a 班组长 must still sit in an open exam (withheld)."""
    stats = _analyse(team_ids, period, paper_id)
    if viewer is None or not stats:
        return stats
    hidden = keys_hidden(viewer, now or utcnow(), paper_id, {s.question_id for s in stats})
    if not hidden:
        return stats
    # sorted again: a withheld question's place among the others would tell its facility
    return sorted((_withheld(s) if s.question_id in hidden else s for s in stats), key=_order)


def _withheld(stats: ItemStats) -> ItemStats:
    """The figures without the key, nor any the key could be read from: the option chosen as often as the
    question was answered right is the key of a 单选题 or 判断题, so no count of right answers (nor the
    facility, the groups' right answers, the discrimination or the flags made of them) and no option's
    count — only how many answered it, and how many left it blank."""
    choices = [replace(c, options=[replace(o, chosen=None, is_key=None) for o in c.options]) for c in stats.choices]
    return replace(stats, answer_label="", correct=None, facility=None, upper_correct=None, lower_correct=None,
                   discrimination=None, choices=choices, flags=[], withheld=True, note=WITHHELD_NOTE)


def _order(stats: ItemStats) -> tuple:
    """Flagged first, then by facility (hardest first); without a facility (withheld) last."""
    return (not stats.review, stats.facility if stats.facility is not None else 2, stats.question_id,
            stats.version_number)


def _analyse(team_ids: list[int] | None, period: Period, paper_id: int | None) -> list[ItemStats]:
    totals: dict[int, list[int]] = {}  # version -> [answers, right, upper n, upper right, lower n, lower right]
    tallies: dict[int, dict[str, int]] = {}  # version -> {key: times chosen}
    blanks: dict[int, list[int]] = {}  # version -> [answers, left blank]
    parsed: dict[str, list[str]] = {}
    choice_types = [code for code, kind in KINDS.items() if kind.shape in CHOICE_SHAPES]
    choice_versions = set(db.session.scalars(select(QuestionVersion.id).where(QuestionVersion.type.in_(choice_types))))
    for _question, version_id, response, correct, n, upper_n, lower_n in _counts(team_ids, period, paper_id):
        n, upper_n, lower_n = int(n), int(upper_n or 0), int(lower_n or 0)
        total = totals.setdefault(version_id, [0] * 6)
        right = 1 if correct else 0
        for at, count in ((0, n), (2, upper_n), (4, lower_n)):
            total[at] += count
            total[at + 1] += count * right
        seen = blanks.setdefault(version_id, [0, 0])
        seen[0] += n
        keys: list[str] = []
        if response and version_id in choice_versions:
            if response not in parsed:
                loaded = json.loads(response)
                parsed[response] = loaded if isinstance(loaded, list) else []
            keys = parsed[response]
        if not keys:
            seen[1] += n
        tally = tallies.setdefault(version_id, {})
        for key in set(keys):
            tally[key] = tally.get(key, 0) + n
    if not totals:
        return []
    versions = list(db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(totals))))
    questions = {question_id: (current_id, category_id) for question_id, current_id, category_id in db.session.execute(
        select(Question.id, Question.current_version_id, Question.category_id)
        .where(Question.id.in_({v.question_id for v in versions})))}
    answered: dict[int, list[int]] = {}
    for version in versions:
        answered.setdefault(version.question_id, []).append(version.number)
    labels = category_labels()
    result = []
    for version in versions:
        n, right, upper_n, upper_right, lower_n, lower_right = totals[version.id]
        d = Fraction(upper_right, upper_n) - Fraction(lower_right, lower_n) if upper_n and lower_n else None
        result.append(ItemStats(
            question_id=version.question_id, version_id=version.id, version_number=version.number,
            versions=tuple(sorted(answered[version.question_id])),
            current=questions[version.question_id][0] == version.id, stem=version.stem,
            answer_label=version.answer_label, type_label=version.type_label,
            category=labels.get(questions[version.question_id][1], labels[None]), answers=n, correct=right,
            facility=rate(right, n), upper=upper_n, upper_correct=upper_right, lower=lower_n,
            lower_correct=lower_right, discrimination=rate(d, 1) if d is not None else None,
            choices=_choices(version, tallies.get(version.id, {}), blanks[version.id]),
            flags=flags_for(n, right, d),
        ))
    return sorted(result, key=_order)
