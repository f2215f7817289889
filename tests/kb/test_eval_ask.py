"""bench/eval_ask.py's calibration: the decline threshold holds on each set fitted on."""

from __future__ import annotations

from bench.eval_ask import fit, set_thresholds, thresholds


def _set(name: str, unanswerable: list[float], right: list[float]) -> list[tuple[float, bool, bool, str]]:
    return [(c, False, False, name) for c in unanswerable] + [(c, True, True, name) for c in right]


def test_the_decline_threshold_holds_on_each_set_not_only_on_their_union():
    # dev: off-topic questions, all far below; studied: in-domain ones reaching 0.6.
    dev = _set("dev", [0.1] * 18, [0.9] * 20)
    studied = _set("studied", [0.1] * 8 + [0.55, 0.6], [0.9] * 20)
    union, _ = thresholds([(c, a, r) for c, a, r, _ in dev + studied])
    answer, _ = set_thresholds(dev + studied)
    assert union <= 0.55 < answer  # the union declines 90% while studied declines only 80%
    declined = [c < answer for c, a, _, n in studied if not a]
    assert sum(declined) / len(declined) >= 0.9


def test_a_set_without_unanswerable_questions_sets_no_decline_threshold():
    answer, _ = set_thresholds(_set("dev", [0.1] * 10, [0.9] * 10) + _set("answerable", [], [0.5] * 10))
    assert answer <= 0.5


def _answers(name: str, right: list[float], wrong: list[float]) -> list[tuple[float, bool, bool, str]]:
    return [(c, True, True, name) for c in right] + [(c, True, False, name) for c in wrong]


def test_the_confident_threshold_holds_on_each_set_not_only_on_their_union():
    # easy: many right answers high up; hard: two of its ten answers at 0.8 are wrong.
    easy = _answers("easy", [0.9] * 40, [0.5] * 5)
    hard = _answers("hard", [0.7] * 8 + [0.95] * 8, [0.8] * 2)
    _, union = thresholds([(c, a, r) for c, a, r, _ in easy + hard])
    _, confident = set_thresholds(easy + hard)
    assert union <= 0.8 < confident  # on the union 0.8 looks safe; the hard set is right 8 in 10 there
    shown = [r for c, _, r, n in hard if c >= confident]
    assert shown and sum(shown) / len(shown) >= 0.9


def test_a_partial_fit_holds_the_other_weights_and_fits_the_new_feature():
    samples = [({"old": 0.5, "new": 1.0}, True)] * 8 + [({"old": 0.5, "new": 0.0}, False)] * 8
    held = {"bias": -1.0, "old": 0.7}
    weights = fit(samples, steps=300, held=held)
    assert weights["bias"] == held["bias"] and weights["old"] == held["old"]
    assert weights["new"] > 1.0  # right whenever it is set
    assert fit(samples, steps=300)["old"] != held["old"]  # a full fit moves it
