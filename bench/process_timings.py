#!/usr/bin/env python3
"""The times the process tests do not assert (STYLE.md: timings live here).

Each test asserts that a thing happens, with a generous bound; this measures
how soon, with the tests' server (construction-testserver, which has
/sleep), on 127.0.0.1, repeated and summarised as median and worst:

  replace  a worker killed with SIGKILL: until the master's new worker is
           there (test/supervisor/arbiter_proctest.cpp)
  stalled  half a header, then silence, --client-timeout 2: until the 408
           and the close (test/worker/http_session_proctest.cpp)
  trickle  a byte every 200 ms, --client-timeout 2: until the worker cuts it
  idle     a client arriving while another holds an idle keep-alive
           connection (--keep-alive 10) to the only worker: until it is served
  slice    a client arriving while one pipelines 150 requests on a busy
           keep-alive connection: until it is served
  silent   a client arriving while a connection that sent nothing (a
           browser's preconnect, past TCP_DEFER_ACCEPT's second) holds the
           only worker, --client-timeout 30: until it is served

  bench/process_timings.py [--build DIR] [--repeat N]

DIR: a build with construction-testserver (default build). Prints a table
for bench/RESULTS.md.
"""
import argparse
import os
import platform
import signal
import socket
import statistics
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The tests' server in a process group of its own, its log in a temp dir."""

    def __init__(self, binary, *args):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="construction-timings.")
        self.log = open(os.path.join(self.dir, "error.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "-b", f"127.0.0.1:{self.port}", *args],
            cwd=self.dir, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
            env={**os.environ, "APP_ENV": "development"})
        deadline = time.monotonic() + 10
        while b"Ready:" not in self.error_log():
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not get ready:\n" + self.error_log().decode())
            time.sleep(0.02)

    def error_log(self):
        with open(os.path.join(self.dir, "error.log"), "rb") as f:
            return f.read()

    def workers(self):
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
                             capture_output=True, text=True).stdout
        return {int(p) for p in out.split()}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    return s


def get(port, path="/health"):
    with connect(port) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


def until_closed(s):
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data


def replace(binary):
    with Server(binary, "-w", "2") as server:
        while len(server.workers()) < 2:
            time.sleep(0.01)
        victim = min(server.workers())
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        while True:
            now = server.workers()
            if len(now) == 2 and victim not in now:
                return time.monotonic() - killed
            time.sleep(0.001)


def stalled(binary):
    with Server(binary, "-w", "1", "--client-timeout", "2") as server:
        with connect(server.port) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            started = time.monotonic()
            answer = until_closed(s)
            assert answer.startswith(b"HTTP/1.1 408 "), answer[:40]
            return time.monotonic() - started


def trickle(binary):
    with Server(binary, "-w", "1", "--client-timeout", "2") as server:
        with connect(server.port) as s:
            s.settimeout(0.2)
            started = time.monotonic()
            while time.monotonic() - started < 10:
                try:
                    s.sendall(b"X")
                    if s.recv(65536) == b"":
                        break
                except socket.timeout:
                    continue
                except OSError:
                    break
            return time.monotonic() - started


def idle(binary):
    with Server(binary, "-w", "1", "--keep-alive", "10") as server:
        with connect(server.port) as kept:
            kept.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.2)  # answered; now idle, kept alive
            started = time.monotonic()
            assert get(server.port).startswith(b"HTTP/1.1 200")
            return time.monotonic() - started


def slice_(binary):
    # No bound on the queue's wait: the client waits the sleep out (with
    # the default 500 ms it is answered 503, as the process test says).
    with Server(binary, "-w", "1", "--keep-alive", "10", "--max-queue-wait", "0") as server:
        pipeline = b"GET /sleep?seconds=1 HTTP/1.1\r\nHost: x\r\n\r\n"
        pipeline += b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" * 149
        with connect(server.port) as busy:
            busy.sendall(pipeline)
            time.sleep(0.3)  # the worker sleeps; the next client queues
            started = time.monotonic()
            assert get(server.port).startswith(b"HTTP/1.1 200")
            took = time.monotonic() - started
            until_closed(busy)
            return took


def silent(binary):
    with Server(binary, "-w", "1", "--client-timeout", "30", "--max-queue-wait", "0") as server:
        with connect(server.port) as quiet:
            time.sleep(3)  # TCP_DEFER_ACCEPT hands it over after a second
            started = time.monotonic()
            assert get(server.port).startswith(b"HTTP/1.1 200")
            took = time.monotonic() - started
            assert until_closed(quiet) == b""  # let go without an answer
            return took


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    binary = os.path.realpath(os.path.join(args.build, "test", "construction-testserver"))
    measures = [("replace", replace, "a killed worker replaced"),
                ("stalled", stalled, "a stalled client cut off (--client-timeout 2)"),
                ("trickle", trickle, "a trickling client cut off (--client-timeout 2)"),
                ("idle", idle, "served beside an idle keep-alive connection"),
                ("slice", slice_, "served beside a busy keep-alive connection (1 s sleep first)"),
                ("silent", silent, "served beside a connection that sent nothing (--client-timeout 30)")]
    print(f"Machine: {os.cpu_count()} cores, {platform.platform()}; "
          f"load average {os.getloadavg()[0]:.2f}; {args.repeat} runs each")
    print()
    print("| measure | what | median ms | worst ms |")
    print("|---|---|---|---|")
    for name, measure, what in measures:
        runs = [measure(binary) * 1000 for _ in range(args.repeat)]
        print(f"| {name} | {what} | {statistics.median(runs):.0f} | {max(runs):.0f} |", flush=True)


if __name__ == "__main__":
    main()
