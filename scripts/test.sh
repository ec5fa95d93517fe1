#!/usr/bin/env bash
# Set up, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests 2>&1 | tail -1
swift test --skip-build 2>&1
