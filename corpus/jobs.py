"""The mine's one vocabulary of 工种 (corpus/data/jobs.yaml), read by the hazard catalogue's posts,
the questions' job tags and the accounts' 工种 alike.

- Each job has one canonical name, the one the workers' accounts carry (输送机司机, 锚杆支护工), and
  aliases the catalogue or older tags use for it (带式输送机司机, 锚杆工 / 支护工); `canonical` maps an
  alias to its name, any other name to itself. Every door that saves a 工种 saves it by one rule, `to_store`
  (person form, roster import, demo, paper and assignment 工种, question save and import): normalised, an alias
  under its canonical name, and the door says so (`renamed_notes`: 工种 液压支架工 记为 支架工); a name neither
  the file nor the hazard catalogue's posts know (`unknown`) is kept as typed and the import reports it.
  Migration b8e4c2d7f319 rewrote the people's and audiences' aliases saved before; question tags were not
  migrated, so every read still maps a stored tag through `canonical` / `names_of`.
- Groups are not jobs (作业人员, 入井人员, 乘车人员, 行人, 采掘区队 …): they name whoever is there,
  so `job_list` leaves them out of every list of jobs, and `fits` counts a question or hazard tagged with
  an underground group as fitting every 工种 that works underground (all but the few marked surface,
  and any 工种 the file does not list), a surface group (地面人员) as fitting the surface ones.
- A worker's place of work is read from his 区队's name (综采一队 → 综采工作面: `unit_site`), and the places the
  rules name there from the site (综采工作面 → 采煤工作面, 回采工作面, 采掘工作面 …: `site_places`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from corpus.normalize import normalize

PATH = Path(__file__).with_name("data") / "jobs.yaml"
UNDERGROUND = "underground"
SURFACE = "surface"


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[str, str]  # alias → canonical name
    names: frozenset[str]  # canonical names of the jobs listed
    surface: frozenset[str]  # canonical names of the jobs on the surface
    groups: dict[str, str]  # group name → UNDERGROUND / SURFACE
    units: tuple[tuple[str, str], ...]  # (word of a 区队's name, hazard site)
    sites: dict[str, tuple[str, ...]]  # hazard site → the places the rules name there


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    surface: set[str] = set()
    for job in raw["jobs"]:
        for alias in job.get("aliases") or ():
            aliases[alias] = job["name"]
        if job.get("surface"):
            surface.add(job["name"])
    groups = {name: where for where, names in raw["groups"].items() for name in names}
    sites = {site: tuple(places) for site, places in (raw.get("sites") or {}).items()}
    names = frozenset(job["name"] for job in raw["jobs"])
    return Vocabulary(aliases, names, frozenset(surface), groups, tuple(raw["units"].items()), sites)


def canonical(name: str) -> str:
    """The job's canonical name (an alias mapped, any other name as given, trimmed)."""
    name = (name or "").strip()
    return vocabulary().aliases.get(name, name)


def to_store(typed: str | None) -> str:
    """The one rule for saving a typed 工种, at every door (person form, roster, demo, paper and assignment
    audiences, question tags): the text normalised as names are (全角 → 半角, 繁 → 简, spaces trimmed and
    collapsed: `corpus.normalize`), then an alias stored under its canonical name (液压支架工 → 支架工); a
    name the list does not know (a mine's own 工种) is kept as typed."""
    return canonical(normalize((typed or "").replace("\n", " ")))


def stored(names: Iterable[str]) -> list[str]:
    """Names as they are saved (`to_store`), empty ones left out, each once, in order."""
    return list(dict.fromkeys(name for name in map(to_store, names) if name))


def renamed(typed: Iterable[str | None]) -> list[tuple[str, str]]:
    """(as typed, as stored) for each distinct typed 工种 that `to_store` saves under another name, in order."""
    pairs = ((name.strip(), to_store(name)) for name in typed if name and name.strip())
    return list(dict.fromkeys((name, kept) for name, kept in pairs if name != kept))


def renamed_notes(typed: Iterable[str | None]) -> list[str]:
    """One line per distinct 工种 stored under another name: "工种 液压支架工 记为 支架工"."""
    return [f"工种 {name} 记为 {kept}" for name, kept in renamed(typed)]


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every name the mine knows for a job or group: the file's names, aliases and groups, and the hazard
    catalogue's posts (采煤机司机, 支架工 … need no entry in the file while they have no alias)."""
    from corpus.hazards import load_catalogue  # the catalogue reads this module: imported when first needed

    v = vocabulary()
    return frozenset(v.names | v.aliases.keys() | v.groups.keys() | {h.post.strip() for h in load_catalogue()})


def unknown(names: Iterable[str]) -> list[str]:
    """The names the mine does not know (`known_names`), each once, in order: kept as typed on save, named in
    an import's report so an admin can add them (or the job they are an alias of) to the file."""
    trimmed = (n.strip() for n in names if n and n.strip())
    return list(dict.fromkeys(n for n in trimmed if n not in known_names()))


def unknown_note(names: Iterable[str]) -> str:
    """An import report's line naming the unknown 工种 kept as typed ("" when there is none)."""
    names = list(names)
    if not names:
        return ""
    # Said to whoever imports (an admin, a trainer): what to do, not whom to tell.
    return (f"未识别的工种：{'、'.join(names)}，已按原样保存。请核对工种名称：写错或用了别称的，"
            "改成本矿通用的工种名称后重新导入，否则按工种开放的试卷和学习内容对不上")


def is_group(name: str) -> bool:
    """True for a name that is no job but everyone somewhere (入井人员, 地面人员 …)."""
    return (name or "").strip() in vocabulary().groups


def names_of(job: str) -> list[str]:
    """Every name a stored tag may give `job`: its canonical name and its aliases."""
    name = canonical(job)
    return [name, *(a for a, c in vocabulary().aliases.items() if c == name)]


def job_list(names: Iterable[str]) -> list[str]:
    """The jobs among `names`, each once under its canonical name, groups left out, sorted."""
    return sorted({canonical(n) for n in names if n and n.strip() and not is_group(n)})


def fits(job: str, tags: Iterable[str]) -> bool:
    """True when something tagged `tags` is for a worker of `job`: tagged with his job (under any of
    its names) or with a group he belongs to (an underground group: every underground job)."""
    if not job or not job.strip():
        return False
    mine = canonical(job)
    where = SURFACE if mine in vocabulary().surface else UNDERGROUND
    for tag in tags or ():
        if canonical(tag) == mine or vocabulary().groups.get((tag or "").strip()) == where:
            return True
    return False


def unit_site(unit_name: str) -> str:
    """The hazard site where a 区队 works, by the first word of the file found in its name ("" if none)."""
    found = [(unit_name.find(word), site) for word, site in vocabulary().units if word in (unit_name or "")]
    return min(found)[1] if found else ""


def site_places(site: str) -> tuple[str, ...]:
    """The places the rules name that lie at a hazard site (综采工作面 → 采煤工作面, 采掘工作面 …; () if none listed)."""
    return vocabulary().sites.get(site, ())


def same(a: str | None, b: str | None) -> bool:
    """True when two names are one job (带式输送机司机 and 输送机司机); never for an empty name."""
    return bool(a and a.strip() and b and b.strip()) and canonical(a) == canonical(b)
