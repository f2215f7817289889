"""Reading a page's checkbox lists (macros/forms.html render_field of a MultiCheckboxField) as a
person sees them: each box's group heading (None outside a group), label and value, and which are ticked."""

from __future__ import annotations

import lxml.html


def _boxes(page: str, name: str) -> list:
    return lxml.html.document_fromstring(page).xpath(f'//fieldset//input[@type="checkbox"][@name="{name}"]')


def offered(page: str, name: str) -> list[tuple[str | None, str, str]]:
    """(heading, label, value) of every checkbox named `name`, in page order."""
    found = []
    for box in _boxes(page, name):
        heading = box.xpath('ancestor::div[contains(@class, "checks-group")][1]/p[@class="checks-heading"]')
        found.append((heading[0].text_content().strip() if heading else None, box.getparent().text_content().strip(),
                      box.get("value")))
    return found


def labels(page: str, name: str) -> list[str]:
    """Each checkbox's label, prefixed by its group heading as 「区队 · 班组」 where it has one."""
    return [f"{heading} · {label}" if heading else label for heading, label, _ in offered(page, name)]


def ticked(page: str, name: str) -> list[str]:
    """The values of the ticked checkboxes named `name`."""
    return [box.get("value") for box in _boxes(page, name) if box.get("checked") is not None]
