#!/usr/bin/env bash
# Installs what the browser test needs: Debian's chromium and chromium-driver,
# and selenium from PyPI.
set -euo pipefail
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup-browser: need root (or sudo) to run: $*" >&2; exit 1; fi
}
if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
    echo "setup-browser: installing chromium and chromium-driver" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium 2>&1 | grep -v -i warning || true
