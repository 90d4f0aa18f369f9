#!/usr/bin/env bash
# Sets up a fresh machine, checks the layout (scripts/lint.sh), builds pipeboard and runs every test: unit,
# golden-screen and end-to-end (tmux).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
# The layout first: it takes a second and fails before a long build.
scripts/lint.sh
swift build
# The man page writer scripts/install.sh uses, for its test (which cannot build while swift test holds .build).
swift build --product generate-manual
# One test at a time: the suites start real servers, tmux sessions and the binary, and on a 2-core machine
# running them all at once starves loopback requests past their timeouts.
swift test --no-parallel
