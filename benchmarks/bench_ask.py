"""End-to-end `ask` latency, warm process, over varied prompts; the bare floor (query encode + FAISS search) is
measured in the same run, and the difference is the pipeline's own work.

    python benchmarks/bench_ask.py --prompts 200
    python benchmarks/bench_ask.py --prompts 20 --llm local
"""

import argparse
import statistics
import time

from common import peak_rss_mb, prompts, summary

from assistant.cli import _engine
from assistant.config import Settings
from assistant.llm.client import LOCAL_MODEL, local_speed
from assistant.session import Session


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompts", type=int, default=200)
    parser.add_argument("--llm", default="none", help="'none', 'local' or a litellm model string")
    args = parser.parse_args()
    settings = Settings.from_env(llm=args.llm)
    engine = _engine(settings)
    llm = settings.make_llm()
    texts = prompts(args.prompts)
    for text in texts[: 1 if llm else 5]:
        Session(engine, llm=llm).ask(text)
    floor_s, ask_s, refine_s = [], [], []
    for text in texts:
        t0 = time.perf_counter()
        engine.index.search(engine.embedder.encode_query(text), 300)
        t1 = time.perf_counter()
        session = Session(engine, llm=llm)
        session.ask(text)
        t2 = time.perf_counter()
        session.refine("no Drake, make it 25 songs")
        t3 = time.perf_counter()
        floor_s.append(t1 - t0)
        ask_s.append(t2 - t1)
        refine_s.append(t3 - t2)
    beyond = [a - f for a, f in zip(ask_s, floor_s)]
    print(summary("floor: encode + FAISS search", floor_s))
    print(summary(f"ask (llm={args.llm})", ask_s))
    print(summary("ask beyond the floor", beyond))
    print(summary(f"follow-up (llm={args.llm})", refine_s))
    print(f"ask / floor (medians): {statistics.median(ask_s) / statistics.median(floor_s):.2f}x")
    if llm is not None:
        print(f"structured answers: {dict(llm.stats)}")
        if llm.model == LOCAL_MODEL:
            speed = local_speed()
            print(
                f"local model: {speed['prompt_tokens']} prompt tokens read at {speed['prompt_tokens_per_s']:.0f}/s, "
                f"{speed['generated_tokens']} tokens generated at {speed['generated_tokens_per_s']:.0f}/s"
            )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
