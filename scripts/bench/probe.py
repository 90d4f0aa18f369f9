#!/usr/bin/env python3
"""Measures a terminal program the way a person meets it: in tmux and through a pseudo-terminal.

Used by scripts/bench.sh for pipeboard and for its peer (kanban-tui), so both are measured by the same code.
Every subcommand prints one JSON object on stdout.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import shlex
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

WIDTH, HEIGHT = 120, 40
SOCKET = "pipeboard-bench"

KEYS = {
    "right": b"\x1b[C", "left": b"\x1b[D", "down": b"\x1b[B", "up": b"\x1b[A", "esc": b"\x1b",
    "enter": b"\r", "tab": b"\t",
}


def key_bytes(name):
    return KEYS.get(name, name.encode())


# ---------------------------------------------------------------- tmux

def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check, capture_output=True, text=True).stdout


def tmux_start(command, env):
    """A detached 120x40 session whose shell waits for Enter before exec'ing `command`, so that the clock
    starts at the Enter and not at tmux's own start-up."""
    tmux("kill-server", check=False)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    script = f"read _; exec env {exports} {command}"
    tmux("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), "-s", "bench", "sh", "-c", script)
    tmux("set-option", "-g", "remain-on-exit", "on")
    time.sleep(0.3)


def capture():
    return tmux("capture-pane", "-p", "-t", "bench")


def pane_pid():
    return int(tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip())


def settle_screen(start, quiet, timeout, ready):
    """Polls the pane until it has not changed for `quiet` seconds after `ready(screen)` held.
    Returns (seconds from `start` to the first capture equal to the final screen, final screen)."""
    seen = []  # (time, screen) each time it changed
    last = None
    last_change = time.perf_counter()
    deadline = start + timeout
    while True:
        screen = capture()
        now = time.perf_counter()
        if screen != last:
            seen.append((now, screen))
            last = screen
            last_change = now
        elif ready(screen) and now - last_change >= quiet:
            break
        if now > deadline:
            raise SystemExit(f"the screen did not settle within {timeout} s:\n{last}")
    first = next(t for t, s in seen if s == last)
    return first - start, last


def first_paint(args):
    env = json.loads(args.env)
    ready = lambda screen: all(marker in screen for marker in args.marker)
    tmux_start(args.command, env)
    start = time.perf_counter()
    tmux("send-keys", "-t", "bench", "Enter")
    seconds, screen = settle_screen(start, args.quiet, args.timeout, ready)
    result = {"first_paint_ms": seconds * 1000}
    if args.idle:
        pid = pane_pid()
        before = cpu_ticks(pid)
        time.sleep(args.idle)
        result["idle_cpu_percent"] = (cpu_ticks(pid) - before) / os.sysconf("SC_CLK_TCK") / args.idle * 100
    if args.screen:
        result["screen"] = screen
    tmux("kill-server", check=False)
    print(json.dumps(result))


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def peak_rss(args):
    """Runs the command under /usr/bin/time -v in tmux, opens the board, presses keys, quits."""
    env = json.loads(args.env)
    out = args.time_file
    ready = lambda screen: all(marker in screen for marker in args.marker)
    tmux_start(f"/usr/bin/time -v -o {shlex.quote(out)} {args.command}", env)
    start = time.perf_counter()
    tmux("send-keys", "-t", "bench", "Enter")
    settle_screen(start, args.quiet, args.timeout, ready)
    for key in args.keys:
        tmux("send-keys", "-t", "bench", key)
        time.sleep(0.15)
    time.sleep(0.5)
    tmux("send-keys", "-t", "bench", *args.quit)
    deadline = time.time() + 20
    while time.time() < deadline:
        if os.path.exists(out) and "Maximum resident set size" in open(out).read():
            break
        time.sleep(0.1)
    tmux("kill-server", check=False)
    for line in open(out):
        if "Maximum resident set size" in line:
            print(json.dumps({"peak_rss_mb": int(line.split(":")[1]) / 1024}))
            return
    raise SystemExit("no 'Maximum resident set size' from /usr/bin/time")


# ---------------------------------------------------------------- pty

class PtyApp:
    """The program on a 120x40 pseudo-terminal we hold the other end of: every byte it writes is seen."""

    def __init__(self, command, env):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(WIDTH), LINES=str(HEIGHT), **env)

        def controlling_terminal():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(shlex.split(command), stdin=slave, stdout=slave, stderr=slave, env=full_env,
                                        preexec_fn=controlling_terminal, close_fds=True)
        os.close(slave)
        self.fd = master

    def read_until_quiet(self, quiet, timeout=30.0):
        """Reads until nothing arrives for `quiet` seconds. Returns [(time, bytes)] per read."""
        chunks = []
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append((time.perf_counter(), data))
        return chunks

    def wait_for(self, marker, timeout):
        buffer = b""
        deadline = time.perf_counter() + timeout
        while marker not in buffer:
            if time.perf_counter() > deadline:
                raise SystemExit(f"{marker!r} never appeared")
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                buffer += os.read(self.fd, 65536)

    def send(self, data):
        os.write(self.fd, data)

    def stop(self, quit_keys):
        try:
            self.send(quit_keys)
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)


def first_frame_end(chunks, start, gap):
    """End of the first burst of output after `start`: the last byte before `gap` seconds of silence."""
    if not chunks:
        return None
    end = chunks[0][0]
    for moment, _ in chunks[1:]:
        if moment - end > gap:
            break
        end = moment
    return end - start


def keys(args):
    """Key to frame: for each key in the cycle, the time from writing it to the end of the frame it causes."""
    env = json.loads(args.env)
    app = PtyApp(args.command, env)
    app.wait_for(args.marker.encode(), args.timeout)
    app.read_until_quiet(args.settle)
    samples = {}
    for _ in range(args.rounds):
        for name in args.cycle:
            measured = not name.startswith("~")  # "~esc": sent to get back, not measured
            name = name.lstrip("~")
            start = time.perf_counter()
            app.send(key_bytes(name))
            chunks = app.read_until_quiet(args.settle)
            took = first_frame_end(chunks, start, args.gap)
            if took is not None and measured:
                samples.setdefault(name, []).append(took * 1000)
    app.stop(key_bytes(args.quit))
    every = sorted(x for values in samples.values() for x in values)
    p95 = every[min(len(every) - 1, int(round(0.95 * (len(every) - 1))))] if every else None
    print(json.dumps({"p95_ms": p95, "median_ms": statistics.median(every) if every else None, "samples": len(every),
                      "per_key_median_ms": {k: statistics.median(v) for k, v in samples.items()}}))


def search(args):
    """Search as you type: for each character typed into the search bar, the time from writing it to the last byte
    of what it causes (the typed text at once, then the board filtered by it: the frame a person waits for)."""
    env = json.loads(args.env)
    app = PtyApp(args.command, env)
    app.wait_for(args.marker.encode(), args.timeout)
    app.read_until_quiet(args.settle)
    samples = []
    # The app's own CPU time (user + system, all threads; in ticks of 10 ms) per character and per opening of the
    # search bar: on a shared machine the time to the frame also holds other programs' turns.
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    cpu, open_cpu, typed = [], [], []
    for _ in range(args.rounds):
        for word in args.words:
            before = cpu_ticks(app.process.pid)
            app.send(key_bytes(args.open))
            app.read_until_quiet(args.settle)
            open_cpu.append((cpu_ticks(app.process.pid) - before) * tick_ms)
            for index, character in enumerate(word):
                before = cpu_ticks(app.process.pid)
                start = time.perf_counter()
                app.send(character.encode())
                chunks = app.read_until_quiet(args.settle)
                if chunks:
                    samples.append((chunks[-1][0] - start) * 1000)
                cpu.append((cpu_ticks(app.process.pid) - before) * tick_ms)
                typed.append([word[:index + 1], round(samples[-1], 1) if chunks else None, cpu[-1]])
            app.send(key_bytes("esc"))
            app.read_until_quiet(args.settle)
    app.stop(key_bytes(args.quit))
    every = sorted(samples)
    p95 = every[min(len(every) - 1, int(round(0.95 * (len(every) - 1))))] if every else None
    print(json.dumps({"p95_ms": p95, "median_ms": statistics.median(every) if every else None,
                      "max_ms": every[-1] if every else None, "samples": len(every),
                      "cpu_median_ms": statistics.median(cpu) if cpu else None, "cpu_max_ms": max(cpu, default=None),
                      "open_cpu_ms": open_cpu, "typed": typed}))


def move_bytes(args):
    """Bytes the program writes to the terminal for one card move (every frame it draws for it: the optimistic
    one and the one after the save), per move, over several moves back and forth."""
    env = json.loads(args.env)
    app = PtyApp(args.command, env)
    app.wait_for(args.marker.encode(), args.timeout)
    app.read_until_quiet(args.settle)
    counts = []
    for index in range(args.moves):
        keys = args.forward if index % 2 == 0 else args.back
        for key in keys:
            app.send(key_bytes(key))
        # A slow program may answer late; one that draws nothing has not moved the card, which is no figure.
        ready, _, _ = select.select([app.fd], [], [], args.timeout)
        if not ready:
            raise SystemExit(f"move {index + 1} drew nothing within {args.timeout} s")
        chunks = app.read_until_quiet(args.settle)
        counts.append(sum(len(data) for _, data in chunks))
    app.stop(key_bytes(args.quit))
    print(json.dumps({"move_bytes_median": statistics.median(counts), "move_bytes": counts}))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)

    def common(p):
        p.add_argument("--command", required=True)
        p.add_argument("--env", default="{}", help="JSON object of extra environment variables")
        p.add_argument("--timeout", type=float, default=120)

    p = sub.add_parser("first-paint")
    common(p)
    p.add_argument("--marker", action="append", default=[], help="text the full board shows (all must be present)")
    p.add_argument("--quiet", type=float, default=1.0)
    p.add_argument("--idle", type=float, default=0, help="then measure CPU for this many seconds with no input")
    p.add_argument("--screen", action="store_true")
    p.set_defaults(run=first_paint)

    p = sub.add_parser("peak-rss")
    common(p)
    p.add_argument("--marker", action="append", default=[])
    p.add_argument("--quiet", type=float, default=1.0)
    p.add_argument("--time-file", required=True)
    p.add_argument("--keys", nargs="*", default=[])
    p.add_argument("--quit", nargs="+", default=["q"])
    p.set_defaults(run=peak_rss)

    p = sub.add_parser("keys")
    common(p)
    p.add_argument("--marker", required=True)
    p.add_argument("--cycle", nargs="+", required=True)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--settle", type=float, default=0.15)
    p.add_argument("--gap", type=float, default=0.005)
    p.add_argument("--quit", default="q")
    p.set_defaults(run=keys)

    p = sub.add_parser("search")
    common(p)
    p.add_argument("--marker", required=True)
    p.add_argument("--open", default="/", help="the key that opens the search bar")
    p.add_argument("--words", nargs="+", required=True, help="typed a character at a time, then Esc")
    p.add_argument("--rounds", type=int, default=3)
    # Long enough for a slow search's filtered frame: a shorter quiet ends the reading before it comes.
    p.add_argument("--settle", type=float, default=1.5)
    p.add_argument("--quit", default="q")
    p.set_defaults(run=search)

    p = sub.add_parser("move-bytes")
    common(p)
    p.add_argument("--marker", required=True)
    p.add_argument("--forward", nargs="+", required=True)
    p.add_argument("--back", nargs="+", required=True)
    p.add_argument("--moves", type=int, default=6)
    p.add_argument("--settle", type=float, default=0.5)
    p.add_argument("--quit", default="q")
    p.set_defaults(run=move_bytes)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
