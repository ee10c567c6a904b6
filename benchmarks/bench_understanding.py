"""Hard constraints honoured on hand-written wordings, rules alone or with a local model for understanding (curation
off), over the fixture catalog: pass rate by category, the understanding latency (median, p90) and how often the
model's reading was applied (a note in the reply). The cases are JSON lines as tests/phrasing.py reads them.

    python benchmarks/bench_understanding.py --cases tests/fixtures/wordings_fresh.jsonl
    python benchmarks/bench_understanding.py --cases tests/fixtures/wordings_fresh2.jsonl --model ~/models/q.gguf
        [--part tuning|kept-out] [--limit N] [--timeout 30] [--index ~/.cache/playlist-assistant/index]

The model comes from benchmarks/assemble_qwen.py (Qwen2.5-Coder-1.5B-Instruct Q4_K_M); run on an idle machine.
"""

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from index.offline import go_offline  # noqa: E402

go_offline()

import phrasing  # noqa: E402

from assistant.llm import understand  # noqa: E402


def _timed(step, times: list[float], applied: list[int]):
    """The step, timed; counts the answers whose reading was applied (the merge says so in a note)."""

    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            result = step(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - started)
        applied.append(int(any(n.startswith("the model read") for n in getattr(result, "notes", []))))
        return result

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, required=True)
    parser.add_argument("--model", type=Path, help="an instruct GGUF for understanding; none: rules alone")
    parser.add_argument("--part", choices=["all", "tuning", "kept-out"], default="all")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds the rules wait for the model")
    parser.add_argument("--index", type=Path, help="a built index (the full catalog's) instead of the fixture one")
    args = parser.parse_args()

    import assistant.session as session_module
    from assistant.llm.client import LLM
    from assistant.pipeline.planner import Engine
    from index.build import build_index
    from index.embed import Embedder
    from index.store import VectorIndex

    cases = [
        c
        for i, c in enumerate(phrasing.cases_from(args.cases), 1)
        if args.part in ("all", c.part or ("kept-out" if i % 4 == 0 else "tuning"))
    ]
    cases = cases[: args.limit] if args.limit else cases
    times: list[float] = []
    applied: list[int] = []
    session_module.understand_prompt = _timed(understand.understand_prompt, times, applied)
    session_module.understand_follow_up = _timed(understand.understand_follow_up, times, applied)
    llm = None
    if args.model:
        from assistant.llm.local_model import check_gguf, local_model_string

        llm = LLM(local_model_string(check_gguf(args.model, "--model")), timeout_s=args.timeout)
    with tempfile.TemporaryDirectory() as tmp:
        embedder = Embedder()
        index_dir = args.index
        if index_dir is None:
            index_dir = Path(tmp) / "index"
            build_index(phrasing.fixture_catalog(Path(tmp)), index_dir, embedder)
        engine = Engine(VectorIndex.load(index_dir), embedder)
        passed: dict[str, list[bool]] = defaultdict(list)
        for number, case in enumerate(cases, 1):

            def new_session():
                return session_module.Session(engine, understand_llm=llm, understand_timeout_s=args.timeout)

            problems = phrasing.run_case(case, new_session, engine.index)
            passed[case.category].append(not problems)
            print(
                f"{number:4d} {'ok  ' if not problems else 'FAIL'} {case.prompt[:70]!r} {problems[:1]}",
                file=sys.stderr,
                flush=True,
            )
    print(f"{'category':24s} {'cases':>6s} {'passed':>7s}")
    for category, results in passed.items():
        print(f"{category:24s} {len(results):6d} {sum(results) / len(results):7.1%}")
    total = [ok for results in passed.values() for ok in results]
    print(
        f"{'all':24s} {len(total):6d} {sum(total) / len(total):7.1%}   ({args.cases.name}, part {args.part}, "
        f"{'model ' + args.model.name if args.model else 'rules alone'})"
    )
    if times:
        ordered = sorted(times)
        print(
            f"understanding: {len(times)} model calls, median {statistics.median(ordered):.2f} s, "
            f"p90 {ordered[int(0.9 * (len(ordered) - 1))]:.2f} s; a model reading applied in {sum(applied)}"
        )


if __name__ == "__main__":
    main()
