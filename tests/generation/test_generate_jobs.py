"""The 岗位 of the generate form: jobs only, once each, under the names the workers carry
(corpus.jobs); choosing one draws the catalogue entries of every name it has."""

from __future__ import annotations

import lxml.html
import pytest
from sqlalchemy import select

from core.db import db
from corpus import jobs
from quiz.bank.models import Question
from quiz.generation import ondemand
from quiz.generation.models import GenerationRecord
from tests.generation.test_generate_web import _ids
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

pytestmark = pytest.mark.usefixtures("review_app")

GROUPS = ("作业人员", "入井人员", "乘车人员", "地面人员", "行人", "采掘区队", "采煤区队")


def test_the_form_lists_each_job_once_under_the_workers_name_and_no_group(client, login) -> None:
    login("unit_trainer")
    page = lxml.html.document_fromstring(client.get("/bank/review/").get_data(as_text=True))
    listed = [box.get("value") for box in page.xpath('//form[@id="generate-form"]//input[@name="jobs"]')]
    assert listed and len(listed) == len(set(listed))
    assert not set(listed) & set(GROUPS)
    assert {"输送机司机", "锚杆支护工", "安全监测工"} <= set(listed)
    assert not {"带式输送机司机", "锚杆工", "监测工"} & set(listed)


def test_a_job_chosen_draws_the_entries_of_its_other_names(client, login, post_form) -> None:
    data = ondemand.hazard_data()
    login("unit_trainer")
    response = post_form("/bank/review/generate", {"kind": "hazard", "count": "4", "jobs": ["输送机司机"]},
                         page="/bank/review/")
    assert response.status_code == 302
    ids = _ids(response.headers["Location"])
    assert ids
    by_id = {h.id: h for h in data.catalogue}
    for record in db.session.scalars(select(GenerationRecord).where(GenerationRecord.question_id.in_(ids))):
        hazard_ids = [record.inputs["target"]] if "target" in record.inputs else (
            [record.inputs["hazard"]] if "hazard" in record.inputs else record.inputs.get("hazards", ()))
        assert all(jobs.canonical(by_id[i].post) == "输送机司机" for i in hazard_ids), record.inputs
    # Saved for the job, under its workers' name: a 输送机司机 choosing his 工种 finds them.
    assert {tuple(q.jobs) for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))} == {("输送机司机",)}
