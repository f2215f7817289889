#!/usr/bin/env bash
# Install the system packages the tests need (Debian): Chromium for browser tests, CJK fonts
# so screenshots show Chinese, PostgreSQL for the second test run. Skips what is present.
set -euo pipefail
want=()
[ -x /usr/bin/chromium ] || want+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || want+=(fonts-noto-cjk)
if [ "${1:-}" = "--postgres" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${want[*]}. Install them with: sudo apt-get install -y ${want[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${want[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
