#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests, and say where it is.
# Order: Debian's /usr/bin/chromium; install it with apt when we are root;
# else Playwright's own download. Prints the path it settled on.
#
# With apt, Debian's chromium-headless-shell is added too: the same Chromium
# build without the desktop browser's interface, which the tests prefer
# (tests/browser/browserkit.py, HEADLESS_SHELL) because it loads a page with
# about 40 % less processor time. Without it the tests use the full browser.
set -euo pipefail
python=${1:-python3}
shell=/usr/lib/chromium/chromium-headless-shell

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

if [ -x /usr/bin/chromium ]; then
  if [ ! -x "$shell" ] && can_apt; then
    echo "chromium: adding Debian's chromium-headless-shell with apt-get (faster tests)"
    apt_install chromium-headless-shell || echo "chromium: could not install chromium-headless-shell; the tests use the full browser"
  fi
  if [ -x "$shell" ]; then echo "chromium: $shell"; else echo "chromium: /usr/bin/chromium"; fi
  exit 0
fi
if can_apt; then
  echo "chromium: installing Debian's chromium and chromium-headless-shell with apt-get"
  apt_install chromium chromium-headless-shell || apt_install chromium
  if [ -x "$shell" ]; then echo "chromium: $shell"; else echo "chromium: /usr/bin/chromium"; fi
  exit 0
fi
echo "chromium: no system Chromium; using Playwright's download"
"$python" -m playwright install chromium
