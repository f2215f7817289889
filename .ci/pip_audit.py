"""Check the installed packages (.venv, from the pinned requirements) for known vulnerabilities.

Runs `pip-audit` on the virtualenv it is started from and fails (exit 1) when any package has a
known vulnerability, naming the versions that fix it. pip-audit asks PyPI's per-release JSON
(or OSV) over the network; where that service cannot be reached every package comes back
"not audited". That is reported on one line and, unless PIP_AUDIT_STRICT=1, does not fail the
run: an unreachable service says nothing about the packages.

    .venv/bin/python .ci/pip_audit.py            # what .ci/run does
    PIP_AUDIT_STRICT=1 .venv/bin/python .ci/pip_audit.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    tool = Path(sys.executable).with_name("pip-audit")
    strict = os.environ.get("PIP_AUDIT_STRICT") == "1"
    done = subprocess.run([str(tool), "-f", "json", "--progress-spinner", "off", "--skip-editable", "--desc", "off"],
                          capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit: no report (exit {done.returncode}): {done.stderr.strip()[-1000:]}")
        return 1 if strict else 0
    packages = report.get("dependencies", [])
    vulnerable = [p for p in packages if p.get("vulns")]
    skipped = [p for p in packages if p.get("skip_reason")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(f"pip-audit: {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    audited = len(packages) - len(skipped)
    print(f"pip-audit: {len(packages)} packages, {audited} audited, {len(vulnerable)} with known vulnerabilities")
    if skipped and not audited:
        print("pip-audit: the vulnerability service could not be reached from here: nothing was audited"
              + (" (PIP_AUDIT_STRICT=1: failing)" if strict else " (set PIP_AUDIT_STRICT=1 to fail on this)"))
        return 1 if strict or vulnerable else 0
    for package in skipped:
        print(f"pip-audit: not audited: {package['skip_reason']}")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
