#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests, and say where it is.
# Order: Debian's /usr/bin/chromium; install it with apt when we are root;
# else Playwright's own download. Prints the path it settled on.
set -euo pipefail
python=${1:-python3}

if [ -x /usr/bin/chromium ]; then
  echo "chromium: /usr/bin/chromium"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium: installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "chromium: /usr/bin/chromium"
  exit 0
fi
echo "chromium: no system Chromium; using Playwright's download"
"$python" -m playwright install chromium
