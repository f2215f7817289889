"""The one vocabulary of 工种 (corpus.jobs): aliases resolve to the workers' names, groups are no job
and fit every underground 工种, a 区队's name gives the site it works at."""

from __future__ import annotations

import yaml

from accounts.demo import DEMO_ROSTER
from corpus import jobs
from corpus.hazards import SITES, load_catalogue

GROUPS = ("作业人员", "入井人员", "乘车人员", "地面人员", "行人", "采掘区队", "采煤区队")


def test_aliases_resolve_to_the_name_the_workers_carry() -> None:
    assert jobs.canonical("带式输送机司机") == "输送机司机"
    assert jobs.canonical("锚杆工") == "锚杆支护工"
    assert jobs.canonical("监测工") == jobs.canonical("安全监测工") == "安全监测工"
    assert jobs.canonical(" 支架工 ") == "支架工"  # a name with no alias is itself
    assert set(jobs.names_of("输送机司机")) >= {"输送机司机", "带式输送机司机"}


def test_groups_are_no_job_and_are_left_out_of_a_list_of_jobs() -> None:
    assert all(jobs.is_group(g) for g in GROUPS)
    listed = jobs.job_list([*GROUPS, "带式输送机司机", "输送机司机", "监测工", "安全监测工", "支架工"])
    assert listed == sorted(["输送机司机", "安全监测工", "支架工"])


def test_an_underground_group_fits_every_underground_job_a_surface_group_the_surface_ones() -> None:
    assert jobs.fits("支架工", ["入井人员"]) and jobs.fits("爆破工", ["作业人员"])
    assert jobs.fits("输送机司机", ["带式输送机司机"])
    assert not jobs.fits("支架工", ["爆破工"]) and not jobs.fits("支架工", [])
    assert not jobs.fits("化验员", ["入井人员"]) and jobs.fits("化验员", ["地面人员"])
    assert not jobs.fits("支架工", ["地面人员"]) and not jobs.fits("", ["入井人员"])


def test_a_units_name_gives_the_site_it_works_at() -> None:
    assert jobs.unit_site("综采一队") == "综采工作面"
    assert jobs.unit_site("掘进二队") == "掘进工作面"
    assert jobs.unit_site("后勤科") == ""


def test_the_file_names_known_sites_and_no_name_twice() -> None:
    raw = yaml.safe_load(jobs.PATH.read_text(encoding="utf-8"))
    assert set(raw["units"].values()) <= set(SITES)
    names = [j["name"] for j in raw["jobs"]] + [a for j in raw["jobs"] for a in j.get("aliases") or ()]
    names += [g for group in raw["groups"].values() for g in group]
    assert len(names) == len(set(names))


def test_the_catalogues_posts_list_as_jobs_under_the_workers_names() -> None:
    posts = {h.post for h in load_catalogue()}
    listed = jobs.job_list(posts)
    assert not set(listed) & set(GROUPS) and not set(listed) & set(jobs.vocabulary().aliases)
    workers = {job for _unit, _team, people in DEMO_ROSTER for _n, _name, job, _p, _r in people}
    covered = {jobs.canonical(p) for p in posts}
    # every worker's 工种 the catalogue has entries for is listed under the worker's own name
    assert {"输送机司机", "锚杆支护工", "支架工"} <= workers & set(listed) == workers & covered


def test_a_sites_places_are_places_the_rules_name() -> None:
    from quiz.generation.wider_places import PLACES

    raw = yaml.safe_load(jobs.PATH.read_text(encoding="utf-8"))
    assert set(raw["sites"]) <= set(SITES)
    assert all(set(places) <= set(PLACES) for places in raw["sites"].values())
    assert "采煤工作面" in jobs.site_places(jobs.unit_site("综采一队"))
    assert "采煤工作面" not in jobs.site_places(jobs.unit_site("掘进二队"))


# Common coal-mine 工种 as rosters write them (the deploy audit's roster: 未识别的工种：液压支架工, 测风工).
COMMON = ("采煤机司机", "液压支架工", "测风工", "瓦斯检查工", "安全检查工", "井下电钳工", "爆破工", "主提升机操作工",
          "绞车司机", "信号工", "把钩工", "皮带司机", "带式输送机司机", "水泵工", "通风工", "防突工", "探放水工", "钻机工",
          "支护工", "锚杆支护工", "巷修工", "井下电工", "机修工", "矿灯房工")


def test_common_coal_mine_jobs_are_known_under_one_name_each() -> None:
    assert jobs.unknown(COMMON) == []
    assert jobs.canonical("液压支架工") == "支架工"  # the name the catalogue's posts and the demo roster use
    assert jobs.canonical("测风工") == "测风员"
    assert jobs.canonical("皮带司机") == jobs.canonical("带式输送机司机") == "输送机司机"
    assert jobs.canonical("井下电钳工") == jobs.canonical("井下电工") == "电钳工"
    assert jobs.canonical("主提升机操作工") == "提升机司机" and jobs.canonical("矿灯房工") == "矿灯房管理员"
    assert jobs.canonical("水泵工") == "水泵司机"
    assert jobs.fits("支架工", ["液压支架工"])
