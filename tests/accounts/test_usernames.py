"""One 工号, whatever its letter case or width: unique regardless of ASCII case, signed in with
either case, and read the same way by the person form and the roster."""

from __future__ import annotations

from accounts.mine import get_or_create_mine
from accounts.models import User
from accounts.roster import apply_roster, read_roster
from accounts.signin import LockoutPolicy, account_locked_until, sign_in
from core.db import utcnow
from tests.accounts.test_roster import write_book
from tests.conftest import csrf_token
from tests.factories import create_team, create_user


def _add(post_form, team, username, name="新人"):
    return post_form("/admin/people/new", {"username": username, "name": name, "team_id": team.id, "role": "worker"})


def test_the_form_refuses_a_number_differing_only_in_case_naming_the_person(client, login, post_form, db_session):
    login("admin")
    team = create_team()
    assert _add(post_form, team, "T001", "张三").status_code == 302
    again = _add(post_form, team, "t001", "李四")
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "张三（T001）" in page
    assert db_session.query(User).filter(User.username.in_(["T001", "t001"])).count() == 1


def test_the_form_reads_full_width_and_padded_numbers_and_names_as_the_roster_does(client, login, post_form,
                                                                                 db_session):
    login("admin")
    team = create_team()
    assert _add(post_form, team, "Ｔ００３", "王　 建国 ").status_code == 302
    assert _add(post_form, team, "  T002  ").status_code == 302
    assert db_session.query(User).filter_by(username="T003").one().name == "王 建国"
    assert db_session.query(User).filter_by(username="T002").count() == 1


def test_the_roster_updates_the_account_a_number_in_another_case_names(tmp_path, app, db_session):
    """T001 exists and the HR sheet says t001: the row is T001's, as sign-in, the log filter and the
    command line read it; the 工号 stays T001 and the report says which account the row updated."""
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    holder = create_user(username="R1002", name="张三", team=team)
    path = write_book(tmp_path / "r.xlsx", [("工号", "姓名", "区队", "班组", "工种"),
                                            ("r1002", "张三", "综采一队", "回收班", "采煤工"),
                                            ("A100", "王五", "综采一队", "回收班", ""),
                                            ("a100", "赵六", "综采一队", "回收班", ""),
                                            ("  Ｒ２００１ ", "王　 建国", "综采一队", "回收班", "")])
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    reasons = dict(report.errors)
    assert sorted(reasons) == [4] and "第 3 行" in reasons[4]  # one sheet naming one 工号 twice is still refused
    assert [p.username for p in report.updated] == ["R1002"]
    assert [(m.row, m.typed, m.username, m.name) for m in report.respelled] == [(2, "r1002", "R1002", "张三")]
    assert "第 2 行 r1002 即 张三（R1002）" in report.respelled[0].describe()
    assert report.as_dict()["respelled"] == [{"row": 2, "typed": "r1002", "username": "R1002", "name": "张三"}]
    assert sorted(p.username for p in report.created) == ["A100", "R2001"]
    assert db_session.query(User).filter_by(username="R2001").one().name == "王 建国"
    db_session.refresh(holder)
    assert (holder.username, holder.job) == ("R1002", "采煤工")
    assert db_session.query(User).filter(User.username.in_(["R1002", "r1002"])).count() == 1


def test_the_roster_leaves_two_old_accounts_differing_in_case_as_sign_in_does(tmp_path, app, db_session):
    """Data from before the rule may hold AB1 and ab1: a row with either exact spelling updates that one;
    another spelling fits both, so it is refused naming both, and nobody new is made of it."""
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    upper = create_user(username="AB1", name="甲", team=team)
    lower = create_user(username="ab1", name="乙", team=team)
    path = write_book(tmp_path / "r.xlsx", [("工号", "姓名", "区队", "班组", "工种"),
                                            ("ab1", "乙", "综采一队", "回收班", "掘进工"),
                                            ("CD2", "丙", "综采一队", "回收班", "")])
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    assert not report.errors and [p.username for p in report.updated] == ["ab1"] and not report.respelled
    path = write_book(tmp_path / "r2.xlsx", [("工号", "姓名", "区队", "班组"), ("Ab1", "丁", "综采一队", "回收班")])
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    (row, reason), = report.errors
    assert row == 2 and "甲（AB1）" in reason and "乙（ab1）" in reason and not report.created
    db_session.refresh(upper)
    db_session.refresh(lower)
    assert (upper.name, upper.job, lower.name, lower.job) == ("甲", "", "乙", "掘进工")
    assert db_session.query(User).count() == 3


def test_the_preview_and_the_result_name_the_account_a_row_updates(client, login, db_session):
    import io
    import re

    from tests.accounts.test_admin_pages import roster_bytes

    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    create_user(username="T001", name="张三", team=team)
    login("admin")
    data = roster_bytes([("工号", "姓名", "区队", "班组", "工种"), ("ｔ００１", "张三", "综采一队", "回收班", "采煤工")])
    token = csrf_token(client, "/admin/roster")
    upload = client.post("/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(data), "花名册.xlsx")},
                         content_type="multipart/form-data")
    preview = client.get(upload.headers["Location"]).get_data(as_text=True)
    assert "第 2 行 t001 即 张三（T001）" in preview and "<td>T001</td>" in preview
    confirm_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', preview).group(1)
    done = client.post(upload.headers["Location"], data={"csrf_token": confirm_token}).get_data(as_text=True)
    assert 'id="count-updated">1<' in done and "第 2 行 t001 即 张三（T001）" in done
    assert db_session.query(User).filter_by(username="T001").one().job == "采煤工"


def test_sign_in_accepts_either_case_and_counts_failures_against_the_one_account(app, db_session):
    user = create_user(username="T001", password="Right-pass-1")
    policy = LockoutPolicy(max_failures=2)
    result = sign_in("t001", "Right-pass-1", "10.0.0.1", policy, utcnow())
    db_session.commit()
    assert result.user is not None and result.user.id == user.id
    sign_in("t001", "wrong-pass-1", "10.0.0.2", policy, utcnow())
    sign_in("T001", "wrong-pass-1", "10.0.0.3", policy, utcnow())
    db_session.commit()
    assert account_locked_until("T001", policy, utcnow()) is not None


def test_with_two_old_accounts_differing_in_case_only_the_exact_number_signs_in(app, db_session):
    """Data from before the rule may hold both: each signs in with its own spelling; another spelling
    fits neither for sure, so it is refused like a wrong password."""
    upper = create_user(username="AB1", password="Right-pass-1")
    lower = create_user(username="ab1", password="Right-pass-1")
    policy = LockoutPolicy()
    assert sign_in("AB1", "Right-pass-1", "10.0.0.1", policy, utcnow()).user.id == upper.id
    assert sign_in("ab1", "Right-pass-1", "10.0.0.1", policy, utcnow()).user.id == lower.id
    assert sign_in("Ab1", "Right-pass-1", "10.0.0.1", policy, utcnow()).user is None


def test_the_login_field_is_not_capitalised_or_corrected(client):
    page = client.get("/login").get_data(as_text=True)
    field = next(tag for tag in page.split("<input") if 'name="username"' in tag)
    assert 'autocapitalize="off"' in field and 'autocorrect="off"' in field and 'spellcheck="false"' in field


def test_an_old_account_beside_one_differing_in_case_can_still_be_edited(client, login, post_form, db_session):
    login("admin")
    create_user(username="CD1", name="甲")
    lower = create_user(username="cd1", name="乙")
    response = post_form(f"/admin/people/{lower.id}/edit", {"username": "cd1", "name": "乙改", "team_id": lower.team_id,
                                                            "role": "worker"})
    assert response.status_code == 302
    db_session.refresh(lower)
    assert lower.name == "乙改"
