#!/usr/bin/env bash
# Makes sure Debian's chromium is installed: the worker's HtmlReportTest renders `run --report`
# pages in it. Run by the worker module's Maven build before its tests (skipped with -DskipTests
# or -Dmaven.test.skip=true). Installs through apt-get as root, or with sudo when that needs no
# password; otherwise says how to install it and fails.
set -euo pipefail
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium is present: $CHROMIUM"
  exit 0
fi

apt_install_chromium() {
  "$@" apt-get update -qq
  "$@" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
}

if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  echo "chromium is missing: installing it with apt-get"
  apt_install_chromium
elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then
  echo "chromium is missing: installing it with sudo apt-get"
  apt_install_chromium sudo -n
else
  echo "chromium is missing and cannot be installed here (needs apt-get as root or passwordless sudo)." >&2
  echo "Install Debian's chromium package (sudo apt-get install chromium), so that $CHROMIUM exists," >&2
  echo "or skip the tests with -DskipTests." >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "apt-get installed chromium but $CHROMIUM is not there" >&2; exit 1; }
