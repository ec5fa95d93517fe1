#!/usr/bin/env bash
# Installs what HubPlan needs on a fresh Debian machine: GLPK's headers and
# library (libglpk-dev) when glpk.h is missing. Swift itself must be present.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root (or sudo) to run: $*" >&2; exit 1; fi
}

if [ ! -f /usr/include/glpk.h ]; then
    echo "setup: installing libglpk-dev" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libglpk-dev >/dev/null
fi

if ! command -v swift >/dev/null; then
    echo "setup: swift is not on PATH (HubPlan needs Swift 6)" >&2
    exit 1
fi
