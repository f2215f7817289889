"""Form fields shared by the feature forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from wtforms import Field, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as one checkbox per option (no Ctrl-click); render it with
    macros/forms.html render_field, which lays it out as a fieldset of checks (dict choices as
    groups under their headings; a long list in a scrolling box with a filter and 全选/全不选)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def unposted(*fields: Field) -> None:
    """Treat these fields as not sent: they belong to a choice the form was not sent with (the other 布置内容,
    a practice's 考试时长), so whatever they hold is neither checked nor kept: each holds its default again.
    Call before validating; the page hides them too (static/js/shown_for.js)."""
    for field in fields:
        field.raw_data, field.data, field.process_errors = [], field.default, []


class _Unit(Protocol):
    name: str


class _Team(Protocol):
    id: int
    name: str
    unit: _Unit

    @property
    def full_name(self) -> str: ...


def team_choices(teams: Iterable[_Team], by_unit: bool = False) -> list[tuple[int, str]] | dict[str, list[tuple[int, str]]]:
    """The teams as choices: each by its full name, or (by_unit) grouped under their 区队's name,
    in the order given."""
    teams = list(teams)
    if not by_unit:
        return [(t.id, t.full_name) for t in teams]
    groups: dict[str, list[tuple[int, str]]] = {}
    for team in teams:
        groups.setdefault(team.unit.name, []).append((team.id, team.name))
    return groups
