"""The top menu built from the nav registry (core.web.add_nav_link): each role's links sorted into
the groups trainers think in, one dropdown per group; a role with few links keeps a flat row."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import request, url_for

# Group keys in menu order, with the label each dropdown shows.
NAV_GROUPS = {
    "learn": "学习",
    "knowledge": "知识库",
    "bank": "题库与试卷",
    "tasks": "任务与成绩",
    "manage": "管理",
}
# A role seeing this many links or fewer (a worker) gets them in one flat row.
FLAT_MAX = 6


@dataclass
class MenuLink:
    label: str
    url: str
    current: bool = False


@dataclass
class MenuGroup:
    key: str
    label: str
    links: list[MenuLink] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def _covers(url: str, path: str) -> bool:
    """Whether the page at `path` is `url`'s page or one below it."""
    return path == url or path.startswith(url.rstrip("/") + "/")


def menu_for(registry: list[tuple], role: str) -> list[MenuGroup | MenuLink]:
    """`role`'s menu for this request: groups (in NAV_GROUPS order) and plain links (a group of
    one, or everything when the role has few links). The current page's link is the visible one
    whose address is the longest prefix of the request path."""
    groups = {key: MenuGroup(key, label) for key, label in NAV_GROUPS.items()}
    links = []
    for _order, endpoint, label, roles, group in sorted(registry, key=lambda link: link[0]):
        if not roles or role in roles:
            link = MenuLink(label, url_for(endpoint))
            groups[group].links.append(link)
            links.append(link)
    covering = [link for link in links if _covers(link.url, request.path)]
    if covering:
        max(covering, key=lambda link: len(link.url)).current = True
    if len(links) <= FLAT_MAX:
        return [link for group in groups.values() for link in group.links]
    return [group if len(group.links) > 1 else group.links[0] for group in groups.values() if group.links]
