"""bench/eval_ask.py's calibration: the thresholds hold on each set fitted on, and each set can be
reported at a calibration fitted without it."""

from __future__ import annotations

import pytest

from bench import eval_ask
from bench.eval_ask import SET_DECLINE_FLOOR, fit, fitted, set_thresholds, thresholds


def _set(name: str, unanswerable: list[float], right: list[float]) -> list[tuple[float, bool, bool, str]]:
    return [(c, False, False, name) for c in unanswerable] + [(c, True, True, name) for c in right]


def test_the_decline_threshold_holds_on_each_set_not_only_on_their_union():
    # dev: off-topic questions, all far below; studied: in-domain ones reaching 0.6.
    dev = _set("dev", [0.1] * 27, [0.9] * 20)
    studied = _set("studied", [0.1] * 7 + [0.5, 0.55, 0.6], [0.9] * 20)
    union, _ = thresholds([(c, a, r) for c, a, r, _ in dev + studied])
    answer, _ = set_thresholds(dev + studied)
    assert union <= 0.5 < answer  # the union declines 90% while studied declines only 70%
    declined = [c < answer for c, a, _, n in studied if not a]
    assert sum(declined) / len(declined) >= SET_DECLINE_FLOOR


def test_one_set_declining_its_floor_does_not_raise_the_threshold_for_all():
    # hard: one unanswerable question in five a wrong article covers word for word (0.95)
    dev = _set("dev", [0.1] * 40, [0.9] * 20)
    hard = _set("hard", [0.1] * 4 + [0.95], [0.5] * 20)
    answer, _ = set_thresholds(dev + hard)
    assert answer <= 0.5  # hard declines four in five below it; the union 44 in 45


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


def _samples(name: str, right: list[float], wrong: list[float]) -> list[tuple[dict[str, float], bool, bool, float, str]]:
    return [({"x": x}, True, True, 1.0, name) for x in right] + [({"x": x}, True, False, 1.0, name) for x in wrong]


def test_thresholds_only_holds_every_weight(monkeypatch: pytest.MonkeyPatch):
    from kb import qa

    monkeypatch.setattr(qa, "CALIBRATION", {"bias": -1.0, "x": 2.0})
    samples = _samples("a", [1.0] * 9, [0.0] * 9)
    assert fitted(samples, [])[0] == {"bias": -1.0, "x": 2.0}
    assert fitted(samples, None)[0]["x"] != 2.0  # a full fit moves it


def test_leave_one_set_out_reports_each_set_at_a_fit_without_it(monkeypatch: pytest.MonkeyPatch, capsys):
    from kb import qa

    monkeypatch.setattr(qa, "CALIBRATION", {"bias": 0.0, "x": 0.0})
    # in "a" and "b" a high x means right; in "odd" it means wrong: fitted without odd, odd's
    # answers shown as confident are all wrong (fitted with it, none would be shown as confident).
    monkeypatch.setattr(eval_ask, "samples", [
        *_samples("a", [1.0] * 20, [0.0] * 20), *_samples("b", [1.0] * 20, [0.0] * 20),
        *_samples("odd", [0.0] * 10, [1.0] * 10),
    ])
    eval_ask.left_out(None)
    lines = {line.split(":")[0]: line for line in capsys.readouterr().err.splitlines() if line.startswith("# ")}
    assert "precision_confident 0.0" in lines["# odd"]
    assert {"# a", "# b"} <= set(lines)
    assert fitted(eval_ask.samples, None)[2] == 0.95  # with odd in, no answer is shown as confident
