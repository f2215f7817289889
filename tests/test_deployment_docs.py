"""The deployment notes can be followed as written: the systemd unit in docs/deployment.md is
complete (it can be enabled and restarts), its command line is one run.py accepts, and the README's
command table shows every optional flag in brackets."""

from __future__ import annotations

import configparser
import re

import click

import run
from tests.conftest import ROOT

DEPLOYMENT = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
UNIT_HEADER = "# /etc/systemd/system/banzu.service"


def _unit() -> configparser.ConfigParser:
    (block,) = [b for b in re.findall(r"```ini\n(.*?)```", DEPLOYMENT, re.S) if b.startswith(UNIT_HEADER)]
    unit = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#", ";"))
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string(block)
    return unit


def test_the_systemd_unit_can_be_enabled_and_runs_as_the_service_user():
    unit = _unit()
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    assert "network.target" in unit["Unit"]["After"].split()
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert service["User"] == service["Group"] == "banzu"
    # The environment file it names is the one the steps write, and it sets the data folder.
    env_file = service["EnvironmentFile"]
    written = re.search(rf"cat > {re.escape(env_file)} <<'(\w+)'\n(.*?)\n\1\n", DEPLOYMENT, re.S)
    assert written and re.search(r"^DATA_DIR=/", written.group(2), re.M)
    # The steps create the user, give it the data folder and run init as that user, in that order.
    steps = [DEPLOYMENT.find(s) for s in ("useradd --system", "install -d -o banzu -g banzu", "banzu init",
                                          "systemctl enable")]
    assert -1 not in steps and steps == sorted(steps), steps
    assert "sudo -u banzu" in DEPLOYMENT


def test_the_unit_starts_run_py_with_options_it_has():
    command = _unit()["Service"]["ExecStart"].split()
    assert command[0].endswith("/.venv/bin/python") and command[1] == "run.py"
    known = {opt for param in run.cli.params for opt in param.opts}
    assert {word for word in command[2:] if word.startswith("-")} <= known


def _commands(app) -> dict[str, click.Command]:
    """Every command by its words ("backup", "corpus list")."""
    found: dict[str, click.Command] = {}

    def walk(prefix: str, command: click.Command) -> None:
        found[prefix] = command
        for name, sub in getattr(command, "commands", {}).items():
            walk(f"{prefix} {name}", sub)

    for name, command in app.cli.commands.items():
        walk(name, command)
    return found


def test_the_readme_table_brackets_every_optional_flag(app):
    commands = _commands(app)
    rows = re.findall(r"^\| `python run\.py ([^`]+)` \|", README, re.M)
    assert len(rows) > 10
    checked = 0
    for row in rows:
        words = row.split()
        name = next((" ".join(words[:n]) for n in (2, 1) if " ".join(words[:n]) in commands), None)
        if name is None:
            continue  # the server itself and --help
        options = {opt: param for param in commands[name].params for opt in param.opts if opt.startswith("-")}
        # A row that starts with a flag documents that form of the command (`demo --remove`): not optional there.
        rest = words[len(name.split()):]
        if rest and rest[0] in options:
            options.pop(rest[0])
        depth = 0
        for match in re.finditer(r"\[|\]|(?<![\w-])(--?[a-z][\w-]*)", row):
            if match.group() == "[":
                depth += 1
            elif match.group() == "]":
                depth -= 1
            elif (param := options.get(match.group(1))) is not None:
                assert param.required or depth > 0, f"{match.group(1)} is optional but shown as required: {row}"
                checked += 1
    assert checked > 10


def test_nginx_error_pages_are_the_apps_chinese_pages(client):
    """nginx answers an upload over client_max_body_size itself, before the app sees it: the example
    sends it to a page the app serves (under /static/, which nginx serves from the code directory),
    titled as the app's own error page for that code, not nginx's English one."""
    from core.errors import MESSAGES

    conf = (ROOT / "docs" / "nginx.conf.example").read_text(encoding="utf-8")
    pages = dict(re.findall(r"^\s*error_page\s+(\d{3})\s+(\S+);", conf, re.M))
    assert "413" in pages
    for code, uri in pages.items():
        assert uri.startswith("/static/")
        response = client.get(uri)
        assert response.status_code == 200
        title, _ = MESSAGES[int(code)]
        text = response.get_data(as_text=True)
        assert f"<h1>{code} · {title}</h1>" in text
        assert '<html lang="zh-CN">' in text
