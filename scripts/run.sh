#!/usr/bin/env bash
# The main job: set up, build, and plan the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The build's progress goes to standard error, line by line, so a first build
# (several minutes) is visibly working and the plan's output on standard output
# stays clean; a failed build stops here with its own exit status (pipefail).
echo "run: building hubplan (release; the first build takes several minutes)" >&2
swift build -c release --product hubplan 2>&1 | scripts/build-progress.sh >&2
exec .build/release/hubplan plan scenarios/generate-2026-27 "$@"
