#!/usr/bin/env bash
# Installs the system packages pipeboard builds against, if any are missing (Debian / Ubuntu).
set -euo pipefail
# ncurses for the board, SQLite for the cache, tmux for the end-to-end tests, zlib that async-http-client's
# compression links against; ncurses-term for the terminal types beyond ncurses-base's few (xterm-direct,
# xterm-16color, ...), which the colour-depth tests run the board under.
packages=(libncurses-dev libsqlite3-dev ncurses-term pkg-config tmux zlib1g-dev)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}"
