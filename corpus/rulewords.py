"""The words by which a Chinese rule compels, forbids or grants, shared by search (kb) and question generation (quiz).

One table, so what counts as a rule is the same when a search ranks an article and when a
generator scores a sentence for a frontline audience.
"""

from __future__ import annotations

import re

#: Words that compel or forbid outright.
STRICT = ("必须", "严禁", "不得", "禁止", "不准")
#: The weaker duty, 应当 (shall).
DUTY = ("应当",)
#: A right (从业人员有权拒绝违章指挥).
RIGHT = ("有权",)


def rule_words(*groups: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any word of the groups given (`STRICT`, `DUTY`, `RIGHT`)."""
    return re.compile("|".join(re.escape(word) for group in groups for word in group))
