"""50 concurrent chat sessions against the app launched on 127.0.0.1 (gradio_client), bounded in count and time:
time to first playlist p50/p99, errors, and whether every session got its own, correct playlist.

    python benchmarks/load_test.py --sessions 50 --workers 50
"""

import argparse
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from common import peak_rss_mb, percentile

from assistant.config import Settings

PROMPTS = ["{n} songs of 90s hip hop", "classic rock, {n} tracks", "chill r&b, {n} songs", "reggaeton, {n} songs",
           "edm for the gym, {n} tracks"]


def main() -> None:
    import app as app_module
    from gradio_client import Client

    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    args = parser.parse_args()
    demo, _ = app_module.create_app(Settings.from_env(llm="none"), show_progress=False)
    demo.queue(default_concurrency_limit=8).launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    url = demo.local_url

    def one(i: int):
        count = 3 + i % 7  # each session asks for its own length, so mixed-up state would show
        prompt = PROMPTS[i % len(PROMPTS)].format(n=count)
        client = Client(url, verbose=False)
        started = time.perf_counter()
        result = client.predict(prompt, [], "", 0, 0.5, 0.3, False, False, api_name="/send")
        elapsed = time.perf_counter() - started
        rows = result[3]["data"]
        return elapsed, len(rows) == count

    times, wrong, errors = [], 0, 0
    deadline = time.perf_counter() + args.timeout
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
    demo.close()
    ms = [t * 1000 for t in times]
    print(f"sessions {args.sessions}, concurrent {args.workers}: ok {len(times)}, errors {errors}, wrong playlist {wrong}")
    if ms:
        print(f"time to first playlist: p50 {percentile(ms, 50):.0f} ms, p99 {percentile(ms, 99):.0f} ms")
    print(f"peak RSS of the app process (with the 50 clients in it): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
