"""`playlist ask` from a cold process: wall time of the whole command, several runs, median. The index must be
built (`playlist build-index`); its exported ONNX query encoder is what keeps torch out of the start.

    python benchmarks/cold_start.py --runs 7
"""

import argparse
import statistics
import subprocess
import sys
import time

from common import percentile


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--prompt", default="chill r&b for a rainy evening, 10 songs, no Drake")
    args = parser.parse_args()
    command = [sys.executable, "-m", "assistant.cli", "ask", args.prompt, "--llm", "none", "--json"]
    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    print(
        f"cold `playlist ask`: median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, "
        f"max {percentile(seconds, 100):.2f} s over {len(seconds)} runs"
    )
    probe = "import sys, assistant.cli, index.onnx_encoder; print('torch' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
    print(f"torch imported by the CLI's modules: {loaded}")


if __name__ == "__main__":
    main()
