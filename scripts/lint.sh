#!/usr/bin/env bash
# The house style: swift-format's layout (.swift-format) and no line over 120 characters, comments and strings
# included (swift-format leaves those alone). Fix most of it with:
#   swift-format format -i -r --parallel Sources Tests Plugins Benchmarks Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
# The project's own Swift files: not the packages a build of Benchmarks/ checks out under Benchmarks/.build.
mapfile -t files < <(find Sources Tests Plugins Benchmarks -name .build -prune -o -name '*.swift' -print 2>/dev/null)
files+=(Package.swift)
swift-format lint --strict --parallel "${files[@]}"
long=$(LC_ALL=C.UTF-8 grep -nP '^.{121,}' "${files[@]}" | cut -c1-100 || true)
if [[ -n "$long" ]]; then
    echo "lines longer than 120 characters:" >&2
    echo "$long" >&2
    exit 1
fi
