#!/usr/bin/env bash
# Set up, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Progress line by line (the first build takes several minutes); pipefail keeps a failed build's status.
echo "test: building the tests (the first build takes several minutes)" >&2
swift build --build-tests 2>&1 | scripts/build-progress.sh
swift test --skip-build 2>&1
