#!/usr/bin/env python3
"""Prints scripts/bench.sh's results as one Markdown table: medians per figure and size, the target,
pipeboard, kanban-tui and their ratio. Usage: table.py RESULTS.jsonl RUNS [TASKS_PER_CARD]"""
import json
import statistics
import sys

FIGURES = [  # (key, label, target text, target test, lower is better)
    ("first_paint_ms", "first paint, process start to full board (ms)",
     {10000: ("≤ 100", lambda v: v <= 100), 100000: ("≤ 150", lambda v: v <= 150), 300000: ("≤ 250", lambda v: v <= 250),
      1000000: ("≤ 100", lambda v: v <= 100)}),
    ("key_p95_ms", "key to frame, p95 (ms)", {100000: ("≤ 3", lambda v: v <= 3), 1000000: ("≤ 3", lambda v: v <= 3)}),
    ("search_p95_ms", "search as you type, key to filtered frame, p95 (ms)", {1000000: ("≤ 50", lambda v: v <= 50)}),
    ("demo_fill_s", "pipeboard demo --cards N (s)", {1000000: ("≤ 60", lambda v: v <= 60)}),
    ("demo_fill_rss_mb", "pipeboard demo --cards N, peak RSS (MB)", {1000000: ("≤ 150", lambda v: v <= 150)}),
    ("demo_tasks_s", "pipeboard demo --cards 0 --tasks T, tasks and notes for every card (s)", {}),
    ("demo_tasks_cpu_s", "the same, CPU time (user + system, s)", {}),
    ("cache_mb", "cache.sqlite after the fill (MB)", {}),
    ("workspace-local_mb", "workspace-local.sqlite after the fill (MB)", {}),
    ("move_bytes", "bytes written for one card move", {100000: ("≤ 2048", lambda v: v <= 2048)}),
    ("peak_rss_mb", "peak RSS, board open (MB)", {100000: ("≤ 60", lambda v: v <= 60)}),
    ("report_ms", "pipeboard report with velocity, process start to end (ms)", {100000: ("< 1000", lambda v: v < 1000)}),
    ("report_cpu_ms", "the same, CPU time (user + system, ms)", {}),
    ("list_ms", "pipeboard list, every card printed, process start to end (ms)", {}),
    ("list_cpu_ms", "the same, CPU time (user + system, ms)", {}),
    # list --as-of prints the cards that existed then (two thirds of them 30 days back): its target is plain list's
    # figure of the same run, not a fixed time.
    ("list_as_of_ms", "pipeboard list --as-of 30 days ago, process start to end (ms)", {"vs": "list_ms"}),
    ("list_as_of_cpu_ms", "the same, CPU time (user + system, ms)", {"vs": "list_cpu_ms"}),
    ("as_of_paint_ms", "board as of 30 days ago, first paint (ms)", {100000: ("< 1000", lambda v: v < 1000)}),
    ("idle_cpu_percent", "idle CPU over 10 s, board open (%)", {n: ("0", lambda v: v < 0.5) for n in (10000, 100000, 300000)}),
]

results = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
runs = sys.argv[2]
tasks = sys.argv[3] if len(sys.argv) > 3 else "0"


def values(who, size, what):
    return [r["value"] for r in results if r["who"] == who and r["size"] == size and r["what"] == what]


def summary(who, size, what):
    found = values(who, size, what)
    numbers = [v for v in found if isinstance(v, (int, float))]
    if numbers and len(numbers) == len(found):
        return statistics.median(numbers)
    if found:
        return next(v for v in found if not isinstance(v, (int, float)))  # why it could not be measured
    return None


def show(value):
    if value is None:
        return "not measured"
    if isinstance(value, str):
        return value
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


sizes = sorted({r["size"] for r in results})
print(f"| figure | cards | target | pipeboard | met | kanban-tui | kanban-tui ÷ pipeboard |")
print("|---|---|---|---|---|---|---|")
for key, label, targets in FIGURES:
    for size in sizes:
        mine = summary("pipeboard", size, key)
        if mine is None:
            continue
        target, test = targets.get(size, ("", None))
        if "vs" in targets:  # no slower than another figure of the same size and run
            other = summary("pipeboard", size, targets["vs"])
            if isinstance(other, (int, float)):
                target, test = f"≤ list ({show(other)})", (lambda v, other=other: v <= other)
        met = "" if test is None or not isinstance(mine, (int, float)) else ("yes" if test(mine) else "**no**")
        peer = summary("kanban-tui", size, key)
        ratio = ""
        if isinstance(mine, (int, float)) and isinstance(peer, (int, float)):
            ratio = f"{peer / mine:,.1f}×" if mine > 0 else ("both 0" if peer == 0 else "pipeboard 0")
        elif peer is not None:
            ratio = "cannot compare"
        print(f"| {label} | {size // 1000:,}k | {target} | {show(mine)} | {met} | {show(peer)} | {ratio} |")
print(f"\nTimings are medians of {runs} runs (idle CPU: one 10 s window, peak RSS: 3 runs); the machine was shared.")
if tasks != "0":
    print(f"pipeboard's cards have about {tasks} tasks each (BENCH_TASKS) and half as many notes.")
