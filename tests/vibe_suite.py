"""The vibe suite: mood, activity, weather/time and texture prompts, each with the audio-feature ranges a curator
would agree it implies (written by people who had not read the lexicon). A playlist passes when at least 70% of its
tracks lie inside every range, no more than a quarter of its titles repeat the prompt's words, its length and
named genres/years hold, and, for a prompt the catalog cannot meet, it warns.

    python tests/vibe_suite.py                      # the dev set, on the index in PLAYLIST_HOME (the full catalog)
    python tests/vibe_suite.py --set batch2         # the second set, written after the first run
    python tests/vibe_suite.py --set holdout        # the held-out set: figures only, never tuned on
    python tests/vibe_suite.py --report out.json    # every playlist with its tracks' features
"""

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.text import fold  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
SETS = {
    "dev": FIXTURES / "vibe_prompts.jsonl",
    "batch2": FIXTURES / "vibe_batch2.jsonl",
    "batch3": FIXTURES / "vibe_batch3.jsonl",
    "batch4": FIXTURES / "vibe_batch4.jsonl",
    "batch5": FIXTURES / "vibe_batch5.jsonl",
    "batch6": FIXTURES / "vibe_batch6.jsonl",
    "batch7": FIXTURES / "vibe_batch7.jsonl",
    "batch8": FIXTURES / "vibe_batch8.jsonl",
    "batch9": FIXTURES / "vibe_batch9.jsonl",
    "batch10": FIXTURES / "vibe_batch10.jsonl",
    "batch11": FIXTURES / "vibe_batch11.jsonl",
    "batch12": FIXTURES / "vibe_batch12.jsonl",
    "batch13": FIXTURES / "vibe_batch13.jsonl",
    "holdout": FIXTURES / "vibe_holdout.jsonl",
}
IN_RANGE_SHARE = 0.7
MAX_ECHO_SHARE = 0.25
GENRE_SHARE = 0.7
# Words too common to count as an echo of the prompt in a title.
_ECHO_STOP = frozenset(
    """
a an and are as at be but by can do for from get give go got i im i'm in into is it its it's just like me more
my no not of on or pls please so some something songs song stuff that the this to too tracks track u up want
wanna with w you your music playlist vibes vibe all any only very really kinda bit little make need one ones
""".split()
)


def kept_out(case: dict) -> bool:
    """A quarter of each tuning set (dev, batch2, batch3) is never looked at while tuning; reported apart. A set
    whose cases carry a `part` (batch4: every third) says it itself."""
    if "part" in case:
        return case["part"] == "kept-out"
    return case["id"][0] in "vbc" and int(case["id"][1:]) % 4 == 0


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def in_ranges(track: dict, ranges: dict[str, list]) -> bool:
    for feature, (low, high) in ranges.items():
        value = track.get(feature)
        if value is None or (low is not None and value < low) or (high is not None and value > high):
            return False
    return True


def _stems(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", fold(text)) if len(w) >= 3 and w not in _ECHO_STOP}


def echoes(title: str, words: set[str]) -> bool:
    """The title repeats a word of the prompt (allowing endings: 'sleep' / 'sleeping', 'rain' / 'rainy')."""
    for word in _stems(title):
        for asked in words:
            if word == asked or (
                min(len(word), len(asked)) >= 4 and (word.startswith(asked) or asked.startswith(word))
            ):
                return True
    return False


def score(case: dict, playlist: dict, features: Callable[[str], dict]) -> dict:
    tracks = [
        features(item["track_id"]) | {"title": item["title"], "artist": item["artist"]} for item in playlist["items"]
    ]
    n = max(1, len(tracks))
    inside = sum(in_ranges(t, case["ranges"]) for t in tracks) / n
    words = _stems(" ".join([case["prompt"], *case.get("follow_ups", [])]))
    echo = sum(echoes(t["title"], words) for t in tracks) / n
    problems = []
    if case.get("infeasible"):
        if not playlist["warnings"]:
            problems.append("no warning for a request the catalog cannot meet")
    elif inside < IN_RANGE_SHARE:
        problems.append(f"{inside:.0%} of tracks in range")
    if echo > MAX_ECHO_SHARE:
        problems.append(f"{echo:.0%} of titles echo the prompt")
    if case.get("count") and len(tracks) != case["count"] and not case.get("infeasible"):
        problems.append(f"{len(tracks)} tracks, not {case['count']}")
    if case.get("duration_min") and not case.get("infeasible"):
        low, high = case["duration_min"]
        minutes = playlist["total_duration_ms"] / 60000
        if not low <= minutes <= high:
            problems.append(f"{minutes:.0f} minutes, not {low}-{high}")
    if case.get("genres") and not case.get("infeasible"):
        wanted = {g.lower() for g in case["genres"]}
        share = sum(bool(wanted & {g.lower() for g in item["genres"]}) for item in playlist["items"]) / n
        if share < GENRE_SHARE:
            problems.append(f"{share:.0%} of tracks in {', '.join(case['genres'])}")
    if case.get("years") and not case.get("infeasible"):
        low, high = case["years"]
        outside = [item for item in playlist["items"] if not (item["year"] and low <= item["year"] <= high)]
        if outside:
            problems.append(f"{len(outside)} tracks outside {low}-{high}")
    return {
        "id": case["id"],
        "category": case["category"],
        "prompt": case["prompt"],
        "follow_ups": case.get("follow_ups", []),
        "ranges": case["ranges"],
        "in_range": inside,
        "echo": echo,
        "passed": not problems,
        "problems": problems,
        "warnings": playlist["warnings"],
        "tracks": [
            {
                k: t.get(k)
                for k in (
                    "title",
                    "artist",
                    "energy",
                    "valence",
                    "acousticness",
                    "danceability",
                    "instrumentalness",
                    "speechiness",
                    "liveness",
                    "tempo",
                    "loudness",
                )
            }
            for t in tracks
        ],
    }


def run(cases: Sequence[dict], make_playlist: Callable[[dict], dict], features: Callable[[str], dict]) -> list[dict]:
    return [score(case, make_playlist(case), features) for case in cases]


def table(results: Sequence[dict]) -> str:
    by_category: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        by_category[result["category"]].append(result)
    lines = [
        "| category | prompts | passed | tracks in range (mean) | titles echoing the prompt (mean) |",
        "|---|---|---|---|---|",
    ]
    for category, rows in sorted(by_category.items()) + [("all", list(results))]:
        passed = sum(r["passed"] for r in rows)
        lines.append(
            f"| {category} | {len(rows)} | {passed} ({passed / len(rows):.0%}) | "
            f"{sum(r['in_range'] for r in rows) / len(rows):.0%} | {sum(r['echo'] for r in rows) / len(rows):.0%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument(
        "--part",
        choices=["all", "tuning", "kept-out"],
        default="all",
        help="dev set: the three quarters used while tuning, or the quarter kept out of it",
    )
    parser.add_argument("--llm", default="none")
    parser.add_argument("--report", type=Path)
    parser.add_argument("--quiet", action="store_true", help="figures only: no prompt or track is printed")
    args = parser.parse_args()

    from assistant.cli import _engine
    from assistant.config import Settings
    from assistant.session import Session

    settings = Settings.from_env(llm=args.llm)
    engine = _engine(settings)
    llm = settings.make_llm()
    cases = load(SETS[args.set])
    if args.part != "all":
        cases = [c for c in cases if kept_out(c) == (args.part == "kept-out")]

    def make_playlist(case: dict) -> dict:
        session = Session(engine, llm=llm)
        playlist = session.ask(case["prompt"])
        for text in case.get("follow_ups", []):
            playlist = session.refine(text)
        return playlist.contract_json()

    def features(track_id: str) -> dict:
        return engine.index.track(track_id).model_dump()

    results = run(cases, make_playlist, features)
    if not args.quiet:
        for result in results:
            if not result["passed"]:
                print(
                    f"FAIL {result['id']} {result['prompt']!r} {result['follow_ups'] or ''}: "
                    f"{'; '.join(result['problems'])}"
                )
    print(table(results))
    if args.report:
        args.report.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
