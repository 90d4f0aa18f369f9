#!/usr/bin/env bash
# Sets up a fresh machine, builds pipeboard and runs every test: unit, golden-screen and end-to-end (tmux).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build
swift test
