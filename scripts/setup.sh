#!/usr/bin/env bash
# Installs what HubPlan needs on a fresh Debian machine: GLPK's and SQLite's
# headers and libraries (libglpk-dev, libsqlite3-dev) when missing. Swift itself must be present.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root (or sudo) to run: $*" >&2; exit 1; fi
}

missing=()
[ -f /usr/include/glpk.h ] || missing+=(libglpk-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)   # GRDB, for the run history
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    echo "setup: swift is not on PATH (HubPlan needs Swift 6)" >&2
    exit 1
fi
