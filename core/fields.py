"""Form fields shared by the feature forms."""

from __future__ import annotations

from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as one checkbox per option (no Ctrl-click); render it with
    macros/forms.html render_field, which lays it out as a fieldset of checks."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
