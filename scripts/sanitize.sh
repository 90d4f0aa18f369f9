#!/usr/bin/env bash
# Builds and runs the whole test suite under AddressSanitizer, then ThreadSanitizer, each in its own build
# folder (.build/sanitize-<name>), with the end-to-end tests driving the sanitized binary. Prints the build and
# test time of each. Exits non-zero when a build fails, a test fails or a sanitizer reports.
#   scripts/sanitize.sh              # address, then thread
#   scripts/sanitize.sh thread       # one of them
# Long: on a 2-core machine shared with other builds (load 11-36), the thread build from nothing took more than
# 38 minutes for the dependencies and 6 more for pipeboard's own modules and tests; its tests run every end-to-end
# step under the sanitized binary, and had not ended 15 minutes in (of 861 tests). Plan on hours, by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
export PATH="/opt/swift/usr/bin:$PATH"
# LeakSanitizer would report the Swift runtime's own process-lifetime allocations; memory errors stay fatal.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
# The sanitizer prints its own report; Swift's backtracer reading a poisoned stack after it only hangs.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
status=0
for sanitizer in "${@:-address thread}"; do
  for name in $sanitizer; do
    scratch=".build/sanitize-$name"
    started=$(date +%s)
    swift build --build-tests --sanitize="$name" --scratch-path "$scratch"
    built=$(date +%s)
    if PIPEBOARD_TEST_BINARY="$PWD/$scratch/debug/pipeboard" \
        swift test --skip-build --no-parallel --sanitize="$name" --scratch-path "$scratch"; then
      result=passed
    else
      result=FAILED
      status=1
    fi
    finished=$(date +%s)
    echo "sanitize=$name: $result; build $((built - started)) s, tests $((finished - built)) s"
  done
done
exit $status
