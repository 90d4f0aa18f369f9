#!/usr/bin/env bash
# Installs pipeboard as a command-line tool: the static release binary in PREFIX/bin, its man page in
# PREFIX/share/man/man1 and bash, zsh and fish completions where each shell looks under PREFIX. Every file and
# folder it makes is listed in PREFIX/share/pipeboard/install-manifest; --uninstall removes exactly those.
#
# Usage: scripts/install.sh [--prefix DIR] [--binary PATH] [--uninstall]
#   --prefix DIR    where to install (or PREFIX=DIR); default ~/.local
#   --binary PATH   install this pipeboard instead of building the release one (or PIPEBOARD_INSTALL_BINARY);
#                   the tests install the debug build this way, in seconds
#   --uninstall     remove what the last install into PREFIX put there
#
# The man page is written from the binary's own help by swift-argument-parser's generate-manual, the tool behind
# its generate-manual plugin, built from the pinned package already fetched (no network; seconds once built).
# PIPEBOARD_GENERATE_MANUAL=PATH uses one already built instead (the tests do: they cannot run swift build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="/opt/swift/usr/bin:$PATH"

prefix=${PREFIX:-$HOME/.local}
binary=${PIPEBOARD_INSTALL_BINARY:-}
uninstall=false
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#--binary=}; shift ;;
        --uninstall) uninstall=true; shift ;;
        -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option '$1'; see scripts/install.sh --help" >&2; exit 64 ;;
    esac
done
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
manifest=$prefix/share/pipeboard/install-manifest

if $uninstall; then
    [ -f "$manifest" ] || { echo "install.sh: nothing installed in $prefix (no $manifest)" >&2; exit 1; }
    files=$(grep -c '^file ' "$manifest" || true)
    while IFS=' ' read -r kind path; do
        if [ "$kind" = file ]; then rm -f "$path"; fi
    done <"$manifest"
    folders=$(grep '^folder ' "$manifest" | cut -d' ' -f2- | sort -r || true)
    rm -f "$manifest"
    # Folders the install made, deepest first, and only when nothing else has been put in them since.
    while IFS= read -r folder; do
        [ -n "$folder" ] && rmdir "$folder" 2>/dev/null || true
    done <<<"$folders"
    echo "removed pipeboard ($files files) from $prefix"
    exit 0
fi

cd "$root"
if [ -z "$binary" ]; then
    scripts/setup.sh
    # The Swift runtime and Foundation linked in, as scripts/board.sh builds it: runs where Swift is not installed.
    swift build -c release --static-swift-stdlib --product pipeboard >&2
    binary=$(swift build -c release --show-bin-path)/pipeboard
    configuration=release
else
    [ -x "$binary" ] || { echo "install.sh: $binary is not an executable" >&2; exit 1; }
    configuration=debug
fi
manual_tool=${PIPEBOARD_GENERATE_MANUAL:-}
if [ -z "$manual_tool" ]; then
    swift build -c "$configuration" --product generate-manual >&2
    manual_tool=$(swift build -c "$configuration" --show-bin-path)/generate-manual
fi

# A previous install's files are replaced; so are its manifest lines.
[ -f "$manifest" ] && previous=$(cat "$manifest") || previous=""
made=()
record_folder() {
    local folder=$1 missing=()
    while [ ! -d "$folder" ]; do missing+=("$folder"); folder=$(dirname "$folder"); done
    mkdir -p "$1"
    for folder in "${missing[@]}"; do made+=("folder $folder"); done
}
install_file() { # MODE SOURCE TARGET
    record_folder "$(dirname "$3")"
    install -m "$1" "$2" "$3"
    made+=("file $3")
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$manual_tool" "$binary" --output-directory "$work" >&2
"$binary" --generate-completion-script bash >"$work/pipeboard.bash"
"$binary" --generate-completion-script zsh >"$work/_pipeboard"
"$binary" --generate-completion-script fish >"$work/pipeboard.fish"

install_file 755 "$binary" "$prefix/bin/pipeboard"
install_file 644 "$work/pipeboard.1" "$prefix/share/man/man1/pipeboard.1"
# bash-completion reads PREFIX/share/bash-completion/completions (for ~/.local, its user folder); zsh the
# site-functions of its fpath; fish vendor_completions.d under each of its data folders.
install_file 644 "$work/pipeboard.bash" "$prefix/share/bash-completion/completions/pipeboard"
install_file 644 "$work/_pipeboard" "$prefix/share/zsh/site-functions/_pipeboard"
install_file 644 "$work/pipeboard.fish" "$prefix/share/fish/vendor_completions.d/pipeboard.fish"

record_folder "$(dirname "$manifest")"
{
    printf '%s\n' "$previous" | grep '^folder ' || true
    printf '%s\n' "${made[@]}"
} | sort -u >"$manifest.tmp"
mv "$manifest.tmp" "$manifest"

echo "installed $prefix/bin/pipeboard ($("$prefix/bin/pipeboard" --version))"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to PATH to run it as pipeboard" ;; esac
case $prefix in
    /usr | /usr/local) ;;
    *) echo "zsh: completions need fpath+=($prefix/share/zsh/site-functions) before compinit in ~/.zshrc" ;;
esac
