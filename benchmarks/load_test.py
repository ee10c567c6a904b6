"""50 concurrent chat sessions against the app launched on 127.0.0.1, bounded in count and time: time to first
playlist p50/p99, errors, and whether every session got its own, correct playlist.

The app runs in its own process, as `python app.py` does in use. Each session speaks the browser's protocol (join
the queue, read the event stream) from one asyncio loop, so the clients cost this 2-core machine about what 50
browser tabs elsewhere would cost the server: nothing. All sessions press send at once; the clock runs from the
send to the first message that carries the playlist. One session is served before the clock starts, as a
server in use has served before. With --floor the same sessions then run against benchmarks/gradio_floor_app.py
(same inputs and outputs, a handler that does no work): Gradio's own share of the time on this machine.

    python benchmarks/load_test.py --sessions 50 --workers 50 [--floor] [--replicas 2]
"""

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from common import percentile
from gradio_client.utils import apply_diff

APP = Path(__file__).resolve().parent.parent / "app.py"
FLOOR_APP = Path(__file__).resolve().parent / "gradio_floor_app.py"
PROMPTS = [
    "{n} songs of 90s hip hop",
    "classic rock, {n} tracks",
    "chill r&b, {n} songs",
    "reggaeton, {n} songs",
    "edm for the gym, {n} tracks",
]
TABLE_OUTPUT = 4  # /send outputs: chat, session, prompt, summary, table, arc


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(script: Path, port: int, wait_s: float) -> subprocess.Popen:
    env = {**os.environ, "PLAYLIST_LLM": "none"}
    process = subprocess.Popen(
        [sys.executable, str(script), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


async def first_playlist(http, url: str, send: dict, prompt: str, count: int, go: asyncio.Event) -> tuple[float, bool]:
    """One browser session: join the queue with the prompt, then read the stream until the playlist comes."""
    session = uuid.uuid4().hex
    inputs = [prompt, [], None, "", 0, 0.5, 0.3, False, False]
    await go.wait()
    started = time.perf_counter()
    joined = await http.post(
        f"{url}gradio_api/queue/join",
        json={
            "data": inputs,
            "event_data": None,
            "fn_index": send["id"],
            "trigger_id": send["targets"][0][0],
            "session_hash": session,
        },
    )
    joined.raise_for_status()
    outputs = None
    async with http.stream("GET", f"{url}gradio_api/queue/data", params={"session_hash": session}) as stream:
        async for line in stream.aiter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") == "process_completed" and not message.get("success", True):
                raise RuntimeError(message.get("output", {}).get("error", "failed"))
            data = message.get("output", {}).get("data")
            if not data:
                continue
            outputs = data if outputs is None else [apply_diff(old, new) for old, new in zip(outputs, data)]
            rows = outputs[TABLE_OUTPUT]["data"] if outputs[TABLE_OUTPUT] else []
            if rows:
                return time.perf_counter() - started, len(rows) == count
            if message.get("msg") == "process_completed":
                break
    raise RuntimeError("the stream ended without a playlist")


async def run_sessions(
    urls: list[str], sessions: int, workers: int, timeout: float
) -> tuple[list[float], int, list[str], float]:
    """Session i goes to replica i mod len(urls) (round robin in the client); returns times, wrong playlists,
    errors and the seconds from the go to the last playlist."""
    import httpx

    limits = httpx.Limits(max_connections=2 * workers + 4)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as http:
        sends = []
        for url in urls:
            config = (await http.get(f"{url}config")).json()
            sends.append(next(d for d in config["dependencies"] if d.get("api_name") == "send"))
            warm = asyncio.Event()
            warm.set()
            await first_playlist(http, url, sends[-1], PROMPTS[0].format(n=5), 5, warm)  # in use, it has served
        gate = asyncio.Semaphore(workers)
        go = asyncio.Event()

        async def one(i: int):
            async with gate:
                count = 3 + i % 7  # each session asks for its own length, so mixed-up state would show
                replica = i % len(urls)
                return await first_playlist(
                    http, urls[replica], sends[replica], PROMPTS[i % len(PROMPTS)].format(n=count), count, go
                )

        tasks = [asyncio.create_task(one(i)) for i in range(sessions)]
        await asyncio.sleep(0.2)
        started = time.perf_counter()
        go.set()
        done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout)
        wall = time.perf_counter() - started
    times = [r[0] for r in done if not isinstance(r, BaseException)]
    wrong = sum(not r[1] for r in done if not isinstance(r, BaseException))
    errors = [f"{type(r).__name__}: {r}" for r in done if isinstance(r, BaseException)]
    return times, wrong, errors, wall


def measure(script: Path, args: argparse.Namespace, replicas: int = 1) -> dict:
    """Times to first playlist (ms), wrong playlists, errors, sessions/s and peak RSS (of the largest replica)."""
    ports = [free_port() for _ in range(replicas)]
    apps = [start_app(script, port, wait_s=args.timeout) for port in ports]
    try:
        times, wrong, errors, wall = asyncio.run(
            run_sessions([f"http://127.0.0.1:{port}/" for port in ports], args.sessions, args.workers, args.timeout)
        )
        rss = max(peak_rss_mb(app.pid) for app in apps)
    finally:
        for app in apps:
            app.terminate()
            app.wait(timeout=30)
    return {
        "ms": [t * 1000 for t in times],
        "wrong": wrong,
        "errors": errors,
        "rss": rss,
        "per_s": len(times) / wall if wall > 0 else 0.0,
    }


def report(name: str, result: dict, sessions: int, workers: int) -> None:
    for error in result["errors"]:
        print(f"error: {error}")
    ms = result["ms"]
    print(
        f"{name}: sessions {sessions}, concurrent {workers}: ok {len(ms)}, errors {len(result['errors'])}, "
        f"wrong playlist {result['wrong']}, {result['per_s']:.1f} sessions/s, peak RSS {result['rss']:.0f} MB"
    )
    if ms:
        print(f"{name}: time to first playlist p50 {percentile(ms, 50):.0f} ms, p99 {percentile(ms, 99):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50, help="sessions in flight at once")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    parser.add_argument("--floor", action="store_true", help="also run the no-work Gradio app, for the ratio")
    parser.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="with 2 or more, also run that many app processes, sessions spread round robin",
    )
    args = parser.parse_args()
    one = measure(APP, args)
    report("app", one, args.sessions, args.workers)
    if args.replicas > 1:
        several = measure(APP, args, args.replicas)
        report(f"app x{args.replicas}", several, args.sessions, args.workers)
        if one["ms"] and several["ms"]:
            print(
                f"x{args.replicas} / x1: sessions/s {several['per_s'] / one['per_s']:.2f}x, p50 "
                f"{percentile(several['ms'], 50) / percentile(one['ms'], 50):.2f}x, p99 "
                f"{percentile(several['ms'], 99) / percentile(one['ms'], 99):.2f}x"
            )
    if args.floor:
        floor = measure(FLOOR_APP, args)
        report("floor", floor, args.sessions, args.workers)
        if one["ms"] and floor["ms"]:
            print(
                f"app / floor: p50 {percentile(one['ms'], 50) / percentile(floor['ms'], 50):.2f}x, "
                f"p99 {percentile(one['ms'], 99) / percentile(floor['ms'], 99):.2f}x"
            )


if __name__ == "__main__":
    main()
