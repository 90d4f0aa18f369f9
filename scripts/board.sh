#!/usr/bin/env bash
# Sets up a fresh machine, builds pipeboard and opens the board (the local workspace unless a config says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
# The Swift runtime and Foundation linked in: the binary runs where Swift is not installed, and starts sooner.
swift build -c release --static-swift-stdlib --product pipeboard >&2
exec .build/release/pipeboard "$@"
