"""What a question asks, read once per question by kb.qa.ask: what the re-ranking of its candidates
and the factors weighed on each (kb.qa._rerank, act_factor, kind_tie) need to know of it. A new
factor reads a new field here rather than adding a parameter to each of those signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.duty_lists import AskedList
    from kb.preconditions import Lack


@dataclass(frozen=True)
class Asking:
    """What one question asks (each field empty when it asks no such thing)."""

    kind: str = ""  # the kind of fact wanted (kb.kinds.question_kind)
    rights: bool = False  # rights, eligibility or legal duties: the law before a mine's rule (kb.kinds.asks_rights)
    longest: str = ""  # the longest word a candidate defines, asked by a definition question
    whole: bool = False  # …and the question asks about nothing but that word
    act: tuple[str, ...] = ()  # the act a duty question asks who does (kb.kinds.asked_act)
    moment: tuple[str, ...] = ()  # the moment an action question asks what to do before (kb.kinds.asked_moment)
    right: str = ""  # the worker's own act asked, answered by the right to it (kb.rights)
    party: tuple[str, str] = ("", "")  # the party asked of (kb.parties)
    listing: AskedList | None = None  # the duties or rights asked for as a list (kb.duty_lists)
    state: bool = False  # an action question naming a state body (kb.parties.names_state)
    forbidden: str = ""  # the employer's act to the asker, answered by its prohibition (kb.employer)
    lack: Lack | None = None  # the qualification the asker lacks (kb.preconditions)
    danger: str = ""  # the danger whose signs the question tells (kb.signs)
    finder: bool = False  # whom to tell of what he found (kb.reporting)
    named: frozenset[str] = frozenset()  # ids of the documents the question names (kb.naming)
