#!/usr/bin/env bash
# Install what the browser tests drive: Debian's chromium (Playwright uses /usr/bin/chromium; there is no browser
# download) and the CJK fonts its pages are drawn with. Does nothing when chromium is already there.
# scripts/test runs it before the tests; it needs root or sudo, and a Debian/Ubuntu package source.
set -euo pipefail
if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "The browser tests need chromium; as root, run: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
echo "Installing chromium and fonts-noto-cjk for the browser tests (apt-get)…" >&2
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk
