#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the live-page browser test (`make test` runs this).
# Playwright drives it through executable_path=/usr/bin/chromium: no browser is downloaded.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
echo "chromium is missing: run 'sudo apt-get install -y chromium' (Debian/Ubuntu) for the browser test" >&2
exit 1
