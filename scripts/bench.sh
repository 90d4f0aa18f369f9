#!/usr/bin/env bash
# Measures the release binary of pipeboard against the performance targets (README, Performance), with
# kanban-tui (PyPI) as a peer run the same way in the same run, and prints one table. Run by hand, not in CI:
#   scripts/bench.sh                      # 1k, 10k, 100k, 300k and 1M cards, 5 runs of each timing (medians)
#   BENCH_SIZES="10000" BENCH_RUNS=3 scripts/bench.sh
#   BENCH_PEER=0 scripts/bench.sh         # pipeboard only
#   BENCH_HISTORY=0 scripts/bench.sh      # without the ten past changes per deal (default: 10)
#   BENCH_TASKS=0 scripts/bench.sh        # without the two tasks per deal (default: 2, and half as many notes)
# Needs tmux, python3 (with venv and pip) and /usr/bin/time; the machine's other load shows in the figures,
# so timings are medians of BENCH_RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
SIZES=(${BENCH_SIZES:-1000 10000 100000 300000 1000000})
# Sizes that also get key to frame, search as you type, bytes per move and peak RSS (the targets are at 100k and
# 1M; 1k is where the peer still opens, so that there is something to compare).
DETAIL_SIZES=" ${BENCH_DETAIL_SIZES:-1000 100000 1000000} "
RUNS=${BENCH_RUNS:-5}
PEER=${BENCH_PEER:-1}
PEER_TIMEOUT=${BENCH_PEER_TIMEOUT:-120}
PROBE="python3 scripts/bench/probe.py"
# BENCH_DATA keeps the filled workspaces in a folder of your choice for the next run (filling 300k cards
# takes minutes on a loaded machine); by default everything lives in a temporary folder removed at the end.
if [ -n "${BENCH_DATA:-}" ]; then
    WORK="$BENCH_DATA"; mkdir -p "$WORK"
    trap 'tmux -L pipeboard-bench kill-server 2>/dev/null || true' EXIT
else
    WORK=$(mktemp -d /tmp/pipeboard-bench.XXXXXX)
    trap 'tmux -L pipeboard-bench kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
fi
RESULTS="$WORK/results-$(date +%s).jsonl"
: > "$RESULTS"

say() { printf '%s\n' "$*" >&2; }
record() { printf '{"who":"%s","size":%s,"what":"%s","value":%s}\n' "$1" "$2" "$3" "$4" >> "$RESULTS"; }
# Runs a command with its output discarded; prints {"wall_ms", "cpu_ms"} (CPU: user + system of the command).
timed() {
    python3 -c '
import json, resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = (time.monotonic() - start) * 1000
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_ms": round(wall, 1), "cpu_ms": round((used.ru_utime + used.ru_stime) * 1000, 1)}))' "$@"
}
# The wall time in seconds that `/usr/bin/time -v` wrote to file $1 ("1:02.5" or "1:02:03").
elapsed_s() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}
# The value of one key of the probe's JSON answer.
field() { python3 -c "import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print('null' if v is None else v)" "$1" "$2"; }

say "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (the figures include the machine's other load)"
say "== building pipeboard (release)"
swift build -c release --static-swift-stdlib --product pipeboard >&2  # as scripts/board.sh builds it
BIN="$(swift build -c release --show-bin-path)/pipeboard"

# ---------------------------------------------------------------- pipeboard
board_env() { printf '{"PIPEBOARD_HOME":"%s","PIPEBOARD_CONFIG":"%s","NO_COLOR":""}' "$WORK/pipeboard-$1" "$WORK/pipeboard-$1/none.toml"; }
for n in "${SIZES[@]}"; do
    if [ ! -f "$WORK/pipeboard-$n/filled" ]; then
        say "== pipeboard: filling a workspace with $n cards (pipeboard demo --cards $n)"
        rm -rf "$WORK/pipeboard-$n" && mkdir -p "$WORK/pipeboard-$n"
        # The fill is a figure of its own (time and peak RSS), and so is what it leaves on the disk.
        PIPEBOARD_HOME="$WORK/pipeboard-$n" PIPEBOARD_CONFIG="$WORK/pipeboard-$n/none.toml" \
            /usr/bin/time -v -o "$WORK/fill-$n.txt" "$BIN" demo --cards "$n" >&2
        fill_s=$(elapsed_s "$WORK/fill-$n.txt")
        fill_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/fill-$n.txt")
        say "   demo --cards $n: $fill_s s, peak RSS $fill_mb MB (load $(cut -d' ' -f1-3 /proc/loadavg))"
        record pipeboard "$n" demo_fill_s "$fill_s"
        record pipeboard "$n" demo_fill_rss_mb "$fill_mb"
        for file in cache workspace-local; do
            mb=$(du -m "$WORK/pipeboard-$n/$file.sqlite" | cut -f1)
            say "   $file.sqlite: $mb MB"
            record pipeboard "$n" "${file}_mb" "$mb"
        done
        touch "$WORK/pipeboard-$n/filled"
    fi
    # About BENCH_HISTORY past changes per deal (1M rows at 100k deals): every timing below runs over them.
    if [ "${BENCH_HISTORY:-10}" -gt 0 ] && [ ! -f "$WORK/pipeboard-$n/history" ]; then
        say "== pipeboard: giving each of the $n cards ${BENCH_HISTORY:-10} past changes"
        PIPEBOARD_HOME="$WORK/pipeboard-$n" PIPEBOARD_CONFIG="$WORK/pipeboard-$n/none.toml" \
            "$BIN" demo --cards 0 --history "${BENCH_HISTORY:-10}" >&2
        touch "$WORK/pipeboard-$n/history"
    fi
    # About BENCH_TASKS tasks per deal (200k at 100k deals) and half as many notes: the board reads the next step
    # and the latest activity of every card it shows, so every timing below runs over them.
    if [ "${BENCH_TASKS:-2}" -gt 0 ] && [ ! -f "$WORK/pipeboard-$n/tasks" ]; then
        say "== pipeboard: giving each of the $n cards about ${BENCH_TASKS:-2} tasks"
        PIPEBOARD_HOME="$WORK/pipeboard-$n" PIPEBOARD_CONFIG="$WORK/pipeboard-$n/none.toml" \
            /usr/bin/time -v -o "$WORK/tasks-$n.txt" "$BIN" demo --cards 0 --tasks "${BENCH_TASKS:-2}" >&2
        tasks_s=$(elapsed_s "$WORK/tasks-$n.txt")
        tasks_cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$WORK/tasks-$n.txt")
        say "   demo --tasks ${BENCH_TASKS:-2}: $tasks_s s, CPU $tasks_cpu s (load $(cut -d' ' -f1-3 /proc/loadavg))"
        record pipeboard "$n" demo_tasks_s "$tasks_s"
        record pipeboard "$n" demo_tasks_cpu_s "$tasks_cpu"
        touch "$WORK/pipeboard-$n/tasks"
    fi
    env=$(board_env "$n")
    for run in $(seq "$RUNS"); do
        idle=0; [ "$run" = 1 ] && idle=10
        out=$($PROBE first-paint --command "$BIN board" --env "$env" --marker "Won" --marker "q quit" --idle "$idle")
        say "   first paint run $run: $(field "$out" first_paint_ms) ms"
        record pipeboard "$n" first_paint_ms "$(field "$out" first_paint_ms)"
        [ "$run" = 1 ] && record pipeboard "$n" idle_cpu_percent "$(field "$out" idle_cpu_percent)"
    done
    # The deals' history: report with velocity, list --as-of beside plain list (both print every card: the target is
    # to be no slower than the present's list), and the board as it was 30 days ago (first paint).
    # The commands print their wall time and their CPU time (user + system): on a shared machine the wall time
    # includes waiting for a core, the CPU time does not.
    past=$(date -u -d '30 days ago' +%F)
    for run in $(seq "$RUNS"); do
        for what in report list list_as_of; do
            case $what in report) args=(report) ;; list) args=(list) ;; *) args=(list --as-of "$past") ;; esac
            out=$(PIPEBOARD_HOME="$WORK/pipeboard-$n" PIPEBOARD_CONFIG="$WORK/pipeboard-$n/none.toml" timed "$BIN" "${args[@]}")
            say "   ${args[*]} run $run: $(field "$out" wall_ms) ms, CPU $(field "$out" cpu_ms) ms"
            record pipeboard "$n" "${what}_ms" "$(field "$out" wall_ms)"
            record pipeboard "$n" "${what}_cpu_ms" "$(field "$out" cpu_ms)"
        done
        out=$($PROBE first-paint --command "$BIN --as-of $past" --env "$env" --marker "THE PAST" --marker "q quit")
        say "   board as of $past, first paint run $run: $(field "$out" first_paint_ms) ms"
        record pipeboard "$n" as_of_paint_ms "$(field "$out" first_paint_ms)"
    done
    if [[ "$DETAIL_SIZES" == *" $n "* ]]; then
        for run in $(seq "$RUNS"); do
            out=$($PROBE keys --command "$BIN board" --env "$env" --marker "quit" \
                --cycle right left down up a ~esc L H --rounds 10)
            say "   key to frame run $run: p95 $(field "$out" p95_ms) ms ($out)"
            record pipeboard "$n" key_p95_ms "$(field "$out" p95_ms)"
        done
        # Search as you type: each character to the frame that shows the board filtered by it.
        out=$($PROBE search --command "$BIN board" --env "$env" --marker "quit" --words acme tyrell zq --rounds "$RUNS")
        say "   search as you type: $out"
        record pipeboard "$n" search_p95_ms "$(field "$out" p95_ms)"
        out=$($PROBE move-bytes --command "$BIN board" --env "$env" --marker "quit" --forward L --back H --moves 6)
        say "   bytes per move: $out"
        record pipeboard "$n" move_bytes "$(field "$out" move_bytes_median)"
        for run in $(seq 3); do
            out=$($PROBE peak-rss --command "$BIN board" --env "$env" --marker "Won" --marker "q quit" \
                --time-file "$WORK/time-$run.txt" --keys j j j l l L H G g --quit q)
            say "   peak RSS run $run: $(field "$out" peak_rss_mb) MB"
            record pipeboard "$n" peak_rss_mb "$(field "$out" peak_rss_mb)"
        done
    fi
done

# ---------------------------------------------------------------- kanban-tui, the peer
if [ "$PEER" = 1 ]; then
    say "== kanban-tui: installing from PyPI into a private venv"
    [ -x "$WORK/venv/bin/kanban-tui" ] || { python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install -q kanban-tui >&2; }
    KANBAN="$WORK/venv/bin/kanban-tui"
    say "   $("$WORK/venv/bin/pip" show kanban-tui | grep -i '^version')"
    failed_at=""
    for n in "${SIZES[@]}"; do
        if [ -n "$failed_at" ]; then
            say "   kanban-tui: $n skipped, it did not show $failed_at cards within ${PEER_TIMEOUT} s"
            record kanban-tui "$n" first_paint_ms '"not run"'
            continue
        fi
        home="$WORK/kanban-$n"
        env=$(printf '{"XDG_CONFIG_HOME":"%s","XDG_DATA_HOME":"%s","KANBAN_TUI_CONFIG_FILE":"%s","KANBAN_TUI_DATABASE_FILE":"%s"}' \
            "$home/config" "$home/data" "$home/config/kanban.toml" "$home/data/kanban.db")
        say "== kanban-tui: a board of the same five columns with $n tasks"
        rm -rf "$home"
        XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" KANBAN_TUI_CONFIG_FILE="$home/config/kanban.toml" \
            KANBAN_TUI_DATABASE_FILE="$home/data/kanban.db" \
            "$KANBAN" board create Sales --set-active -c Lead -c Qualified -c Proposal -c Negotiation -c Won >&2
        "$WORK/venv/bin/python" scripts/bench/kanban_tui_fill.py "$home/data/kanban.db" "$n"
        for run in $(seq "$RUNS"); do
            idle=0; [ "$run" = 1 ] && idle=10
            if ! out=$($PROBE first-paint --command "$KANBAN" --env "$env" --marker "Active Board" --marker "Deal 1" \
                    --quiet 2 --timeout "$PEER_TIMEOUT" --idle "$idle" 2>/dev/null); then
                say "   first paint: no board within ${PEER_TIMEOUT} s"
                record kanban-tui "$n" first_paint_ms '"> '"$PEER_TIMEOUT"' s"'
                failed_at=$n
                break
            fi
            say "   first paint run $run: $(field "$out" first_paint_ms) ms"
            record kanban-tui "$n" first_paint_ms "$(field "$out" first_paint_ms)"
            [ "$run" = 1 ] && record kanban-tui "$n" idle_cpu_percent "$(field "$out" idle_cpu_percent)"
        done
        [ -n "$failed_at" ] && continue
        if [[ "$DETAIL_SIZES" == *" $n "* ]]; then
            # kanban-tui: arrows / hjkl move the focus, Shift+L / Shift+H move the task to the next / previous column.
            for run in $(seq "$RUNS"); do
                out=$($PROBE keys --command "$KANBAN" --env "$env" --marker "Deal" --cycle right left down up L H \
                    --rounds 10 --quit $'\x11' --timeout "$PEER_TIMEOUT") || break
                record kanban-tui "$n" key_p95_ms "$(field "$out" p95_ms)"
            done
            out=$($PROBE move-bytes --command "$KANBAN" --env "$env" --marker "Deal" --forward L --back H --moves 6 --settle 3 \
                --quit $'\x11' --timeout "$PEER_TIMEOUT") && record kanban-tui "$n" move_bytes "$(field "$out" move_bytes_median)"
            out=$($PROBE peak-rss --command "$KANBAN" --env "$env" --marker "Active Board" --marker "Deal 1" --quiet 2 \
                --time-file "$WORK/ktime.txt" --keys j j j l l --quit C-q --timeout "$PEER_TIMEOUT") \
                && record kanban-tui "$n" peak_rss_mb "$(field "$out" peak_rss_mb)"
        fi
    done
fi

say "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench/table.py "$RESULTS" "$RUNS" "${BENCH_TASKS:-2}"
