"""50 concurrent chat sessions against the app launched on 127.0.0.1 (gradio_client), bounded in count and time:
time to first playlist p50/p99, errors, and whether every session got its own, correct playlist.

The app runs in its own process, as `python app.py` does in use, so the 50 client threads do not share its
interpreter lock; the clients connect first and then all press send at once, so the clock measures the send,
not the page load.

    python benchmarks/load_test.py --sessions 50 --workers 50
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from common import percentile

APP = Path(__file__).resolve().parent.parent / "app.py"
PROMPTS = ["{n} songs of 90s hip hop", "classic rock, {n} tracks", "chill r&b, {n} songs", "reggaeton, {n} songs",
           "edm for the gym, {n} tracks"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(port: int, wait_s: float) -> subprocess.Popen:
    env = {**os.environ, "PLAYLIST_LLM": "none"}
    process = subprocess.Popen([sys.executable, str(APP), "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the app exited with code {process.returncode} before it served")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"the app did not serve on port {port} within {wait_s:.0f} s")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    from gradio_client import Client

    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    args = parser.parse_args()
    port = free_port()
    app = start_app(port, wait_s=args.timeout)
    url = f"http://127.0.0.1:{port}/"
    go = threading.Barrier(min(args.sessions, args.workers))

    def one(i: int):
        count = 3 + i % 7  # each session asks for its own length, so mixed-up state would show
        prompt = PROMPTS[i % len(PROMPTS)].format(n=count)
        client = Client(url, verbose=False, httpx_kwargs={"timeout": args.timeout})
        if i < go.parties:
            go.wait(timeout=args.timeout)
        started = time.perf_counter()
        result = client.predict(prompt, [], "", 0, 0.5, 0.3, False, False, api_name="/send")
        elapsed = time.perf_counter() - started
        rows = result[3]["data"]
        return elapsed, len(rows) == count

    times, wrong, errors = [], 0, 0
    deadline = time.perf_counter() + args.timeout
    try:
        with ThreadPoolExecutor(args.workers) as pool:
            futures = [pool.submit(one, i) for i in range(args.sessions)]
            for future in as_completed(futures, timeout=max(1, deadline - time.perf_counter())):
                try:
                    elapsed, correct = future.result()
                    times.append(elapsed)
                    wrong += not correct
                except Exception as exc:  # counted and reported: the point of a load test
                    errors += 1
                    print(f"error: {type(exc).__name__}: {exc}")
        rss = peak_rss_mb(app.pid)
    finally:
        app.terminate()
        app.wait(timeout=30)
    ms = [t * 1000 for t in times]
    print(f"sessions {args.sessions}, concurrent {args.workers}: ok {len(times)}, errors {errors}, wrong playlist {wrong}")
    if ms:
        print(f"time to first playlist: p50 {percentile(ms, 50):.0f} ms, p99 {percentile(ms, 99):.0f} ms")
    print(f"peak RSS of the app process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
