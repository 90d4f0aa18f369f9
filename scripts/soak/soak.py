#!/usr/bin/env python3
"""A day at the board, compressed: the release binary in tmux on a HighLevel account of `pipeboard demo --serve`,
with a background sync every second, a key every 100 ms and a resize every minute. Someone else edits one of the
account's deals every second (through the fake's API), and the board reaches the fake through a proxy that now
and then answers a run of 503s, as many as a request's tries, so that the pull under way fails. Samples the
board's resident memory, open descriptors, threads, the cache's WAL and its CPU, and prints them with a summary
against the targets. Run through scripts/soak.sh.
"""
import argparse
import glob
import http.client
import http.server
import json
import os
import random
import re
import shlex
import sqlite3
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

# A tmux server of this run's own: two soaks on one machine never end each other's board.
SOCKET = f"pipeboard-soak-{os.getpid()}"
SESSION = "soak"
# What a person does all day: look around, open a card, search, move a card on and back (two writes).
KEYS = ["j", "j", "k", "l", "h", "Down", "Up", "Right", "Left", "Enter", "Escape", "/", "d", "e", "Escape",
        "?", "Escape", "F", "Escape", "L", "j", "k", "H", "g", "G"]
SIZES = [(120, 40), (100, 30), (160, 48), (80, 24)]
# As many 503s as a request's tries (RetryPolicy.maxAttempts), so that the pull under way fails.
BURST = 4
# After the last answer of a sync, how long the board may take to store it, reload and draw before it counts as idle.
SETTLE = 0.3
# "No CPU between events", measured: the most the board may use while nothing happens, in % of a core, and how
# often its threads may wake (the day's ticker once a minute, a connection's idle timer; a loop polling the
# terminal ten times a second would not pass).
IDLE_CPU = 0.1
IDLE_WAKES = 5
# Seconds without keys or resizes in each quiet window.
QUIET = 20
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check, capture_output=True, text=True).stdout


def proc_status(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])  # utime + stime


def descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def wal_bytes(home):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(home, "*-wal")))


def run_nanoseconds(pid):
    """CPU time of every thread of the process, in nanoseconds (the scheduler's own count, not 10-ms ticks), and
    how many times its threads went to sleep (each is woken once after)."""
    ran = switches = 0
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(f"{task}/schedstat") as f:
                ran += int(f.read().split()[0])
            with open(f"{task}/status") as f:
                # A thread that sleeps and is woken again counts one voluntary switch.
                switches += sum(int(line.split()[1]) for line in f if line.startswith("voluntary_ctxt_switches"))
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended between the listing and the read
    return ran, switches


def quiet_cpu(pid, seconds, proxy):
    """The board's CPU between events in `seconds` with no key and no resize. The syncs each second go on, so only
    the 50-ms slots in which none was under way count: no request at the proxy at either end, none begun in between
    and the last answered at least SETTLE s before. Returns the CPU (% of one core) and wake-ups per second in those
    slots, how long they lasted, in how many of them the board ran at all, and the CPU over the whole window."""
    started = time.monotonic()
    ran, woke = run_nanoseconds(pid)
    first = ran
    idle = {"ran": 0, "woke": 0, "seconds": 0.0, "slots": 0, "busy": 0}
    slot = 0
    while time.monotonic() - started < seconds:
        slot_start, activity = time.monotonic(), proxy.activity()
        slot += 1
        time.sleep(max(0, started + slot * 0.05 - time.monotonic()))
        now_ran, now_woke = run_nanoseconds(pid)
        slot_end, after = time.monotonic(), proxy.activity()
        if activity[0] == after[0] and activity[1] == after[1] == 0 and slot_start - activity[2] >= SETTLE:
            idle["ran"] += now_ran - ran
            idle["woke"] += now_woke - woke
            idle["seconds"] += slot_end - slot_start
            idle["slots"] += 1
            idle["busy"] += now_ran != ran
        ran, woke = now_ran, now_woke
    whole = (ran - first) / 1e9 / (time.monotonic() - started) * 100
    span = idle["seconds"] or float("nan")
    return idle["ran"] / 1e9 / span * 100, idle["woke"] / span, idle["seconds"], idle["busy"], idle["slots"], whole


def start_fakes(binary, work, cards):
    home = os.path.join(work, "serve")
    os.makedirs(home)
    env = dict(os.environ, PIPEBOARD_HOME=home, PIPEBOARD_CONFIG=os.path.join(home, "none.toml"))
    command = ["nice", "-n", "10", binary, "demo", "--serve", "--cards", str(cards)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    config = token = None
    for line in server.stdout:
        if line.startswith("config: "):
            config = line.split(": ", 1)[1].strip()
        match = re.search(r"PIPEBOARD_DEMO_TOKEN=(\S+)", line)
        if match:
            token = match.group(1)
        if config and token:
            break
    if not (config and token):
        raise SystemExit("pipeboard demo --serve did not print its config and token")
    return server, config, token


def account_setting(config, account, key):
    """`key` of the [[accounts]] entry named `account` in the config demo --serve wrote."""
    for block in open(config).read().split("[[accounts]]"):
        if f'name = "{account}"' in block:
            return re.search(rf'^{key} = "([^"]*)"', block, re.M).group(1)
    raise SystemExit(f"no {account} in {config}")


class FlakyProxy(http.server.ThreadingHTTPServer):
    """Forwards every request to the fake; after `fail()`, answers the next `burst` with 503 instead."""

    daemon_threads = True

    def __init__(self, target):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.target = urllib.parse.urlsplit(target)
        self.failures = 0
        self.failed = 0
        self.syncs = 0
        self.lock = threading.Lock()
        # For the quiet windows: requests begun, requests under way, when the last one was answered.
        self.begun = self.under_way = 0
        self.last_answer = 0.0

    def fail(self, burst):
        with self.lock:
            self.failures = burst

    def take_failure(self, path):
        with self.lock:
            # Every sync of a HighLevel account starts with the pipelines.
            self.syncs += path.startswith("/opportunities/pipelines")
            if self.failures == 0:
                return False
            self.failures -= 1
            self.failed += 1
            return True

    def begin(self):
        with self.lock:
            self.begun += 1
            self.under_way += 1

    def end(self):
        with self.lock:
            self.under_way -= 1
            self.last_answer = time.monotonic()

    def activity(self):
        with self.lock:
            return self.begun, self.under_way, self.last_answer

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        self.server.begin()
        try:
            self.relay()
        finally:
            self.server.end()

    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if self.server.take_failure(self.path):
            self.answer(503, [("Content-Type", "application/json")],
                        b'{"statusCode":503,"message":"Service Unavailable"}')
            return
        target = self.server.target
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        kept = [(k, v) for k, v in response.getheaders()
                if k.lower() not in ("content-length", "transfer-encoding", "connection")]
        self.answer(response.status, kept, data)

    def answer(self, status, headers, data):
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = forward


class OtherUser:
    """Someone else in HighLevel's own app: one edit a second to a deal of the location, through the API."""

    def __init__(self, base, token, location):
        self.target = urllib.parse.urlsplit(base)
        self.headers = {"Authorization": f"Bearer {token}", "Version": "2021-07-28",
                        "Content-Type": "application/json"}
        self.ids = self.deal_ids(location)
        self.edits = 0
        self.stopped = threading.Event()

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(self.target.hostname, self.target.port, timeout=30)
        connection.request(method, path, body=body and json.dumps(body), headers=self.headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def deal_ids(self, location):
        status, data = self.request("GET", f"/opportunities/search?location_id={location}&limit=100")
        if status != 200:
            raise SystemExit(f"the fake's search answered {status}: {data[:200]!r}")
        return [record["id"] for record in json.loads(data)["opportunities"]]

    def run(self):
        while not self.stopped.wait(1):
            status, _ = self.request("PUT", f"/opportunities/{random.choice(self.ids)}",
                                     {"monetaryValue": random.randrange(1_000, 90_000)})
            self.edits += status == 200


def start_board(binary, work, config, token, account, proxy):
    home = os.path.join(work, "board")
    os.makedirs(home)
    board_config = os.path.join(work, "board.toml")
    with open(config) as f:
        served = f.read()
    # Only the one account (a sync goes to every account of the config), reaching its fake through the proxy.
    block = next(b for b in served.split("[[accounts]]") if f'name = "{account}"' in b)
    block = block.replace(account_setting(config, account, "base_url"), proxy.url)
    with open(board_config, "w") as f:
        f.write("sync_interval = 1\n\n[[accounts]]" + block)
    env = {"PIPEBOARD_HOME": home, "PIPEBOARD_CONFIG": board_config, "PIPEBOARD_DEMO_TOKEN": token,
           "TERM": "xterm-256color"}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    script = f"exec env {exports} nice -n 10 {shlex.quote(binary)} --account {account}"
    tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", SESSION, "sh", "-c", script)
    tmux("set-option", "-t", SESSION, "window-size", "manual")
    pid = int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())
    deadline = time.monotonic() + 60
    while "quit" not in tmux("capture-pane", "-p", "-t", SESSION):
        if time.monotonic() > deadline:
            raise SystemExit("the board did not show within 60 s:\n" + tmux("capture-pane", "-p", "-t", SESSION))
        time.sleep(0.2)
    return pid, home


class Keys:
    """Sends keys through one tmux control-mode client instead of a process per key."""

    def __init__(self):
        self.client = subprocess.Popen(["tmux", "-L", SOCKET, "-C", "attach", "-t", SESSION],
                                       stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.next = 0

    def send(self):
        key = KEYS[self.next % len(KEYS)]
        self.next += 1
        self.command(f"send-keys -t {SESSION} {key}")

    def command(self, text):
        self.client.stdin.write(text + "\n")
        self.client.stdin.flush()

    def close(self):
        self.client.stdin.close()
        self.client.wait(timeout=5)


def main():
    # A stopped soak (Ctrl-C, kill) still stops the board, the fakes and the proxy.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--fail-every", type=int, default=150)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--quiet-every", type=int, default=300)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="pipeboard-soak.")
    account = "highlevel-demo"
    server, config, token = start_fakes(args.binary, work, args.cards)
    fake_url = account_setting(config, account, "base_url")
    proxy = FlakyProxy(fake_url)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    other = OtherUser(fake_url, token, account_setting(config, account, "location_id"))
    threading.Thread(target=other.run, daemon=True).start()
    samples = []  # (seconds, rss MB, fds, threads, wal bytes, cpu seconds)
    quiet = []  # (seconds, idle cpu %, wake-ups/s, idle seconds, busy slots, idle slots, whole window cpu %)
    try:
        pid, home = start_board(args.binary, work, config, token, account, proxy)
        print(f"soak: {args.seconds} s, warm-up {args.warmup} s, {args.cards} deals on {account}, a run of "
              f"{BURST} 503s every {args.fail_every} s, board pid {pid}, data {work}", flush=True)
        print(f"{'t (s)':>7} {'RSS MB':>7} {'fds':>4} {'thr':>4} {'WAL KB':>8} {'CPU s':>7} {'keys':>7} "
              f"{'syncs':>6} {'outbox':>6}", flush=True)
        keys = Keys()
        start = time.monotonic()
        next_key = start
        next_resize = start + 60
        next_sample = start
        next_quiet = start + args.quiet_every
        next_failure = start + args.fail_every
        resizes = 0
        while True:
            now = time.monotonic()
            elapsed = now - start
            if not os.path.exists(f"/proc/{pid}"):
                raise SystemExit("the board exited:\n" + tmux("capture-pane", "-p", "-t", SESSION, check=False))
            if now >= next_sample:
                rss, threads = proc_status(pid)
                samples.append((elapsed, rss, descriptors(pid), threads, wal_bytes(home), cpu_ticks(pid) / TICK))
                s = samples[-1]
                waiting = re.search(r"(\d+) pending", tmux("capture-pane", "-p", "-t", SESSION, check=False))
                print(f"{s[0]:7.0f} {s[1]:7.1f} {s[2]:4d} {s[3]:4d} {s[4] / 1024:8.0f} {s[5]:7.1f} {keys.next:7d} "
                      f"{proxy.syncs:6d} {waiting.group(1) if waiting else 0:>6}", flush=True)
                while next_sample <= time.monotonic():
                    next_sample += args.sample
            if elapsed >= args.seconds:
                break
            if now >= next_quiet and elapsed + QUIET < args.seconds:
                percent, wakes, idle, busy, slots, whole = quiet_cpu(pid, QUIET, proxy)
                quiet.append((elapsed, percent, wakes, idle, busy, slots, whole))
                print(f"        quiet {QUIET} s at {elapsed:.0f} s: between syncs ({idle:.1f} s in {slots} slots of "
                      f"50 ms) CPU {percent:.2f} %, {wakes:.1f} wake-ups/s, ran in {busy} slots; with the syncs "
                      f"{whole:.2f} %", flush=True)
                next_quiet += args.quiet_every
                next_key = time.monotonic()
                continue
            if now >= next_failure:
                proxy.fail(BURST)
                next_failure += args.fail_every
            if now >= next_resize:
                resizes += 1
                width, height = SIZES[resizes % len(SIZES)]
                keys.command(f"resize-window -t {SESSION} -x {width} -y {height}")
                next_resize += 60
            if now >= next_key:
                keys.send()
                next_key += 0.1
                if next_key < now:
                    next_key = now + 0.1
            time.sleep(max(0, min(next_key, next_sample, next_resize) - time.monotonic()))
        screen = tmux("capture-pane", "-p", "-t", SESSION)
        keys.close()
        summarize(args, samples, quiet, (keys.next, resizes, other.edits, proxy.failed, proxy.syncs), screen, home)
    finally:
        other.stopped.set()
        proxy.shutdown()
        tmux("kill-server", check=False)
        server.terminate()
        server.wait(timeout=10)


def outbox_states(home):
    """The cache's outbox entries by state, read after the board has closed."""
    with sqlite3.connect(f"file:{os.path.join(home, 'cache.sqlite')}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())


def summarize(args, samples, quiet, events, screen, home):
    warm = [s for s in samples if s[0] >= args.warmup] or samples[-1:]
    first, last = warm[0], warm[-1]
    # Means of the first and last three samples after the warm-up, so one sample's noise does not decide.
    ends = min(3, max(1, len(warm) // 3))
    start_rss = sum(s[1] for s in warm[:ends]) / ends
    end_rss = sum(s[1] for s in warm[-ends:]) / ends
    growth = end_rss - start_rss
    half = max(1, len(warm) // 2)

    def trend(index):
        """The highest value in the first and in the second half after the warm-up: flat when the second is no
        higher than the first (by a little: a connection opened, a worker thread started)."""
        early, late = max(s[index] for s in warm[:half]), max(s[index] for s in warm[half:] or warm[-1:])
        return early, late, late <= early + 2

    fds = trend(2)
    threads = trend(3)
    wal = [s[4] for s in warm]
    wal_growing = max(wal[half:] or wal[-1:]) > max(wal[:half]) * 1.5 + 64 * 1024
    print("\n== soak summary")
    print(f"duration {samples[-1][0]:.0f} s: {events[0]} keys, {events[1]} resizes, {events[2]} edits by someone "
          f"else, {events[3]} answers failed on purpose, {events[4]} syncs; after the warm-up (from {first[0]:.0f} s):")
    rows = [
        ("resident memory growth", f"{growth:+.1f} MB (mean of {ends} samples: {start_rss:.1f} -> {end_rss:.1f}, "
         f"peak {max(s[1] for s in warm):.1f})", "<= 5 MB", growth <= 5),
        ("open descriptors, highest per half", f"{fds[0]} then {fds[1]} (all {min(s[2] for s in warm)} .. "
         f"{max(s[2] for s in warm)})", "flat", fds[2]),
        ("threads, highest per half", f"{threads[0]} then {threads[1]} (all {min(s[3] for s in warm)} .. "
         f"{max(s[3] for s in warm)})", "flat", threads[2]),
        ("WAL size", f"{min(wal) / 1024:.0f} .. {max(wal) / 1024:.0f} KB, last {wal[-1] / 1024:.0f} KB",
         "checkpointed", not wal_growing),
    ]
    if quiet:
        # The idle time of every window together: CPU and wake-ups per second of it.
        idle = sum(q[3] for q in quiet)
        percent = sum(q[1] * q[3] for q in quiet) / idle if idle else float("nan")
        wakes = sum(q[2] * q[3] for q in quiet) / idle if idle else float("nan")
        worst = max((q for q in quiet if q[3]), key=lambda q: q[1], default=(0, float("nan")))
        rows.append(("CPU between events (no key, no sync)", f"{percent:.2f} % over {idle:.0f} s idle, {wakes:.1f} "
                     f"wake-ups/s; worst window {worst[1]:.2f} %", f"<= {IDLE_CPU} %, {IDLE_WAKES}/s",
                     idle > 0 and percent <= IDLE_CPU and wakes <= IDLE_WAKES))
        rows.append(("CPU in the quiet windows, syncs too", f"{sum(q[6] for q in quiet) / len(quiet):.2f} % mean",
                     "-", True))
    cpu = (last[5] - first[5]) / max(1, last[0] - first[0]) * 100
    rows.append(("CPU over the soak, keys and syncs", f"{cpu:.1f} % of a core", "-", True))
    # Someone else changes only deals' values and the keys never do: every conflict queued is a false one.
    queued = outbox_states(home)
    rows.append(("conflicts queued (outbox at the end)", f"{queued.get('conflict', 0)} (pending "
                 f"{queued.get('pending', 0)}, failed {queued.get('failed', 0)})", "0",
                 queued.get("conflict", 0) == 0))
    for name, value, target, met in rows:
        print(f"  {name:37} {value:52} {target:18} {'met' if met else 'NOT MET'}")
    logs = sorted(glob.glob(os.path.join(home, "*.log")))
    print("  logs: " + ", ".join(f"{os.path.basename(p)} {os.path.getsize(p) // 1024} KB" for p in logs))
    print("\nlast screen:\n" + screen)
    if not all(row[3] for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
