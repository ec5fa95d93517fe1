#!/usr/bin/env bash
# The main job: set up, build, and plan the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product hubplan 2>&1 | tail -1
exec .build/release/hubplan plan scenarios/generate-2026-27 "$@"
