"""The model's curation on the full catalog: 20 prompts of 10 to 40 tracks, the rules' draft handed to a real model
as the app does (chunks, numbered candidates, budgets, checks, the curation deadline). Prints per prompt and
overall: curation latency (p50/p99), the structured answers valid at first try, the share of the playlist's
reasons written by the model and kept after the checks, how often each check fired, hard-constraint violations
of the curated playlist re-checked against the request (must be 0), fallbacks, and prompt / generation tokens/s.

    python benchmarks/bench_curation.py --model ~/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
    python benchmarks/bench_curation.py --model smollm2 [--limit 5] [--timeout 120]

The 1.5B model comes from benchmarks/assemble_qwen.py; run on an idle machine (2 cores here).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.offline import go_offline  # noqa: E402

go_offline()

from assistant.config import Settings  # noqa: E402
from assistant.experiments.evaluation import HARD_CHECKS, Expectation, check_playlist  # noqa: E402
from assistant.llm import CURATE_GRACE_S  # noqa: E402
from assistant.llm.client import LLM, LLMError, local_speed  # noqa: E402
from assistant.llm.deadline import ModelTooSlow, within  # noqa: E402
from assistant.llm.local_model import local_model_string  # noqa: E402
from assistant.llm.steps import curate  # noqa: E402
from assistant.parsing.intent import parse_prompt  # noqa: E402
from assistant.pipeline.blend import BlendSettings  # noqa: E402
from assistant.pipeline.indexing import open_index  # noqa: E402
from assistant.pipeline.planner import Engine, build_playlist  # noqa: E402
from assistant.templates.store import TemplateStore  # noqa: E402
from index.onnx_encoder import open_query_encoder  # noqa: E402

PROMPTS = [
    "upbeat 90s hip hop for a road trip, no Eminem, 30 songs",
    "rainy sunday morning, acoustic, nothing too sad, 12 songs",
    "euphoric festival edm, 15 tracks",
    "chill r&b for a late night drive, 20 songs",
    "80s rock anthems, no Bon Jovi, 25 songs",
    "latin pop for a summer party, clean, 18 songs",
    "music to fall asleep to, 10 songs",
    "high energy workout rap, 40 songs",
    "indie folk for studying, 14 songs",
    "2000s pop punk, max one song per artist, 22 songs",
    "sad songs for a breakup, 16 songs",
    "classic soul and motown, before 1980, 20 songs",
    "reggaeton, no Daddy Yankee, 35 songs",
    "feel-good pop for cleaning the house, 24 songs",
    "dark moody trap, 12 songs",
    "dinner party jazzy r&b, clean, 10 songs",
    "progressive house that builds, 28 songs",
    "2010s dance pop hits, 32 songs",
    "mellow indie for a coffee shop, 26 songs",
    "90s alternative rock, no Nirvana, 38 songs",
]


def _expectation(playlist) -> Expectation:
    c = playlist.request.constraints
    years = (c.year_min or 0, c.year_max or 9999) if c.year_min or c.year_max else None
    return Expectation(
        count=c.count,
        years=years,
        exclude_artists=c.exclude_artists,
        explicit=False if not c.explicit_allowed else None,
        max_per_artist=c.max_per_artist,
    )


def _model(name: str, timeout: float) -> LLM:
    path = Path(name).expanduser()
    model = local_model_string(path) if path.is_file() else name
    return LLM(model, timeout_s=timeout)


def _pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True, help="a GGUF file, 'smollm2', or a litellm model string")
    parser.add_argument("--limit", type=int, default=len(PROMPTS))
    parser.add_argument("--timeout", type=float, default=Settings.from_env().model.curate_timeout_s)
    args = parser.parse_args()
    settings = Settings.from_env(llm="none")
    encoder = open_query_encoder(settings.stores.index_dir)
    engine = Engine(open_index(settings, encoder), encoder, TemplateStore())
    llm = _model("localgguf/smollm2" if args.model == "smollm2" else args.model, args.timeout)
    latencies, model_share, violations, fallbacks = [], [], 0, 0
    for prompt in PROMPTS[: args.limit]:
        draft = build_playlist(engine, parse_prompt(prompt, engine.vocab), None, BlendSettings())
        start = time.perf_counter()
        try:
            final = within(
                args.timeout, lambda draft=draft: curate(llm, engine, draft, None), "curation", grace_s=CURATE_GRACE_S
            )
        except (LLMError, ModelTooSlow) as exc:
            fallbacks += 1
            final = draft.playlist
            print(f"  fallback: {exc}")
        seconds = time.perf_counter() - start
        checks, _ = check_playlist(final, _expectation(final), engine.index)
        broken = [name for name in HARD_CHECKS if checks.get(name) is False]
        draft_checks, _ = check_playlist(draft.playlist, _expectation(draft.playlist), engine.index)
        violations += len([b for b in broken if draft_checks.get(b) is not False])  # what the model broke
        share = sum(i.reason_source == "model" for i in final.items) / max(1, len(final.items))
        latencies.append(seconds)
        model_share.append(share)
        print(
            f"{seconds:6.1f} s  {len(final.items):2d} tracks  model reasons {share:4.0%}  "
            f"broken {broken or '-'}  {final.title!r}  | {prompt}",
            flush=True,
        )
    answers = sum(llm.stats.values())
    speed = local_speed() if llm.model.startswith("localgguf/") else {}
    print(f"\nmodel {llm.model}, {len(latencies)} prompts, curation deadline {args.timeout:g} s")
    print(
        f"curation latency p50 {statistics.median(latencies):.1f} s, p99 {_pct(latencies, 0.99):.1f} s, "
        f"max {max(latencies):.1f} s; fallbacks to the rules {fallbacks}"
    )
    print(f"structured answers: {dict(llm.stats)}; valid first try {llm.stats['valid_first'] / max(1, answers):.0%}")
    print(
        f"model reasons kept after the checks: mean {statistics.mean(model_share):.0%} of each playlist, "
        f"min {min(model_share):.0%}; checks: {dict(llm.checks)}"
    )
    print(f"hard-constraint violations introduced by the model (re-checked): {violations}")
    if speed:
        print(
            f"tokens: prompt {speed['prompt_tokens']:.0f} at {speed['prompt_tokens_per_s']:.1f}/s, generated "
            f"{speed['generated_tokens']:.0f} at {speed['generated_tokens_per_s']:.1f}/s"
        )
    else:
        replies = [r for r in llm.calls if r.generated_per_s]
        if replies:
            print(f"generation {statistics.median(r.generated_per_s for r in replies):.1f} tokens/s (median call)")


if __name__ == "__main__":
    main()
