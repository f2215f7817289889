"""One password policy for every way a password is set: the form, a roster, init."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from accounts.models import User
from accounts.passwords import common_passwords, generate_password, password_problem
from core.auth import verify_password
from tests.conftest import ROOT

WEAK = ["12345678", "password", "Password", "aaaaaaaa", "qwertyui", "11111111", "88888888", "52013145",
        "woaini1314", "1qaz2wsx", "23456789", "abcdefgh", "abababab", "12121212", "short1!"]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused(password):
    assert password_problem(password) is not None


def test_the_rules_say_why_in_chinese():
    assert "至少 8 位" in password_problem("Ab1!")
    assert "工号" in password_problem("20101xyz", username="20101")
    assert "工号" in password_problem("w20101W20101", username="w20101")
    assert "太常见" in password_problem("12345678")
    assert "同一个字符" in password_problem("zzzzzzzzzz")


def test_good_and_generated_passwords_pass():
    for password in ["Meikuang-2026", "安全第一Anquan!", "juejin2ban-liang"]:
        assert password_problem(password, username="20202") is None, password
    assert all(password_problem(generate_password()) is None for _ in range(200))


def test_the_shipped_list_holds_a_few_hundred_common_passwords():
    common = common_passwords()
    assert len(common) >= 300
    assert {"12345678", "password", "5201314", "qwertyui", "88888888"} <= common


def test_the_change_password_form_refuses_weak_passwords(client, login, post_form, db_session):
    user = login("worker", password="Old-pass-word1")
    for weak in ["12345678", "password", "aaaaaaaa", user.username + "ab"]:
        response = post_form("/password", {"current": "Old-pass-word1", "password": weak, "confirm": weak})
        assert response.status_code == 200, weak
        assert "修改密码" in response.get_data(as_text=True)
    db_session.refresh(user)
    assert verify_password(user.password_hash, "Old-pass-word1")


def test_a_roster_row_with_a_weak_initial_password_is_reported_and_the_rest_import(tmp_path, app, db_session):
    from accounts.mine import get_or_create_mine
    from accounts.roster import apply_roster, read_roster
    from tests.accounts.test_roster import write_book
    from tests.factories import create_team

    create_team("综采一队", "回收班", mine_name="青山煤矿")
    path = write_book(tmp_path / "roster.xlsx", [
        ("工号", "姓名", "区队", "班组", "初始密码"),
        ("60001", "甲工", "综采一队", "回收班", "1"),               # row 2: too short
        ("60002", "乙工", "综采一队", "回收班", "12345678"),        # row 3: common
        ("60003", "丙工", "综采一队", "回收班", "60003abc"),        # row 4: holds the 工号
        ("60004", "丁工", "综采一队", "回收班", "Kuangshan-60"),    # row 5: good
        ("60005", "戊工", "综采一队", "回收班", ""),                # row 6: generated
    ])
    people, errors = read_roster(path)
    report = apply_roster(people, errors, get_or_create_mine())
    db_session.commit()
    assert [row for row, _ in report.errors] == [2, 3, 4]
    assert all(reason.startswith("初始密码不符合要求") for _, reason in report.errors)
    assert "至少 8 位" in report.errors[0][1] and "太常见" in report.errors[1][1] and "工号" in report.errors[2][1]
    assert sorted(p.username for p in report.created) == ["60004", "60005"]
    assert db_session.query(User).filter(User.username.in_(["60001", "60002", "60003"])).count() == 0
    assert password_problem(report.passwords["60005"]) is None


def test_init_refuses_a_weak_admin_password(tmp_path, empty_database):
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": empty_database("weakinit"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "run.py", "init", "--admin-password", "password"], cwd=ROOT,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["错误：--admin-password 不符合要求：这个密码太常见，很容易被猜到，请换一个。"]


def test_the_change_password_page_summarises_every_rule(client, login):
    login("worker")
    page = client.get("/password").get_data(as_text=True)
    hint = re.search(r'<p class="hint" id="password-rules">(.*?)</p>', page, re.S).group(1)
    for rule in ("至少 8 位", "常见", "重复", "连续", "包含工号"):
        assert rule in hint, rule


# A unit of 1–4 characters repeated, the last repetition possibly cut short (abcabcab = abc abc ab): as weak
# as the unit, whatever the length; the policy's own message names abcabcab.
REPEATED = ["abcabcab", "xyzxyzxy", "12121212", "aaaaaaaa", "abcabcabc", "abababab", "12341234", "abcdabcdab",
            "Qw1!Qw1!Qw1", "xyzxyzxyzxyzx", "9z9z9z9z9"]
NOT_REPEATED = ["Mine2026!qa", "abcabcabd", "abcdeabcde", "xyzxyzxa", "12312412", "Meikuang-2026"]


@pytest.mark.parametrize("password", REPEATED)
def test_a_short_unit_repeated_is_refused_even_when_the_last_repetition_is_cut_short(password):
    assert password_problem(password) is not None


def test_the_message_names_the_repetition_it_refuses():
    assert password_problem("abcabcab") == "密码不能是几个字符的重复（如 12121212、abcabcab）。"


@pytest.mark.parametrize("password", NOT_REPEATED)
def test_a_password_that_is_no_short_unit_repeated_passes(password):
    assert password_problem(password) is None
