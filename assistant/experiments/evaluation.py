"""Constraint suite: run prompts (with follow-ups) through a Session and check each expectation on the result.
File format: one JSON object per line, {"id", "prompt", "follow_ups": [...], "expect": {...}} where expect may
hold count, duration_min [lo, hi], years [lo, hi], exclude_artists, genres (top-10 labels), explicit (false =
no explicit track), max_per_artist (default 2)."""

import json
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.models import Playlist
from index.errors import PlaylistError
from index.store import VectorIndex
from index.text import artist_key, song_key

GENRE_TOP_N = 10
GENRE_PASS_SHARE = 0.9
HARD_CHECKS = ("count", "duration", "years", "exclude_artists", "explicit", "artist_cap", "no_duplicates")


class Expectation(BaseModel):
    count: int | None = None
    duration_min: tuple[float, float] | None = None
    years: tuple[int, int] | None = None
    exclude_artists: list[str] = []
    genres: list[str] = []
    explicit: bool | None = None
    max_per_artist: int = 2


class EvalPrompt(BaseModel):
    id: str
    prompt: str
    follow_ups: list[str] = []
    expect: Expectation


class PromptResult(BaseModel):
    id: str
    prompt: str
    checks: dict[str, bool]
    genre_precision: float | None
    warnings: list[str]
    seconds: float = 0.0
    error: str | None = None


class SuiteReport(BaseModel):
    results: list[PromptResult]

    def pass_rates(self) -> dict[str, float]:
        names = sorted({name for r in self.results for name in r.checks})
        rates = {}
        for name in names:
            applicable = [r.checks[name] for r in self.results if name in r.checks]
            rates[name] = sum(applicable) / len(applicable)
        return rates

    @property
    def hard_pass_rate(self) -> float:
        hard = [r for r in self.results if all(r.checks.get(n, True) for n in HARD_CHECKS) and r.error is None]
        return len(hard) / len(self.results) if self.results else 0.0

    @property
    def mean_genre_precision(self) -> float | None:
        values = [r.genre_precision for r in self.results if r.genre_precision is not None]
        return sum(values) / len(values) if values else None


def load_prompts(path: Path) -> list[EvalPrompt]:
    prompts = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PlaylistError(f"cannot read prompts file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                prompts.append(EvalPrompt.model_validate_json(line))
            except ValidationError as exc:
                raise PlaylistError(f"{path}, line {number}: not an eval prompt ({exc.errors()[0]['msg']})") from exc
    return prompts


def _credits(index: VectorIndex, item) -> frozenset[str]:
    """Every artist the played track credits (its artist field, co-credits, guests), as artist keys."""
    track = index.track(item.track_id)
    return track.credit_keys if track is not None else frozenset({artist_key(item.artist)})


def check_playlist(playlist: Playlist, expect: Expectation, index: VectorIndex) -> tuple[dict[str, bool], float | None]:
    items = playlist.items
    checks: dict[str, bool] = {}
    if expect.count is not None:
        checks["count"] = len(items) == expect.count
    if expect.duration_min is not None:
        low, high = expect.duration_min
        checks["duration"] = low <= playlist.total_duration_ms / 60000 <= high
    if expect.years is not None:
        low, high = expect.years
        checks["years"] = all(i.year is not None and low <= i.year <= high for i in items)
    if expect.exclude_artists:
        banned = {artist_key(a) for a in expect.exclude_artists}
        checks["exclude_artists"] = not any(_credits(index, i) & banned for i in items)
    if expect.explicit is False:
        checks["explicit"] = not any((t := index.track(i.track_id)) is not None and t.explicit for i in items)
    per_artist = Counter(key for i in items for key in _credits(index, i))
    checks["artist_cap"] = max(per_artist.values(), default=0) <= expect.max_per_artist
    songs = [song_key(i.artist, i.title) for i in items]
    checks["no_duplicates"] = len(songs) == len(set(songs))
    checks["valid_ids"] = all(index.track(i.track_id) is not None for i in items) and bool(items)
    precision = None
    if expect.genres:
        top = items[:GENRE_TOP_N]
        wanted = set(expect.genres)
        precision = sum(bool(wanted & set(i.genres)) for i in top) / len(top) if top else 0.0
        checks["genres"] = precision >= GENRE_PASS_SHARE
    return checks, precision


def run_suite(prompts: list[EvalPrompt], new_session: Callable, index: VectorIndex) -> SuiteReport:
    """new_session() gives a fresh Session per prompt, so prompts never see each other's state."""
    results = []
    for item in prompts:
        session = new_session()
        started = time.perf_counter()
        try:
            playlist = session.ask(item.prompt)
            for text in item.follow_ups:
                playlist = session.refine(text)
        except PlaylistError as exc:
            results.append(
                PromptResult(
                    id=item.id,
                    prompt=item.prompt,
                    checks={"ran": False},
                    genre_precision=None,
                    warnings=[],
                    error=str(exc),
                )
            )
            continue
        checks, precision = check_playlist(playlist, item.expect, index)
        results.append(
            PromptResult(
                id=item.id,
                prompt=item.prompt,
                checks=checks,
                genre_precision=precision,
                warnings=playlist.warnings,
                seconds=time.perf_counter() - started,
            )
        )
    return SuiteReport(results=results)


def print_suite(report: SuiteReport) -> None:
    for result in report.results:
        failed = [name for name, ok in result.checks.items() if not ok]
        status = "ok  " if not failed else "FAIL"
        genre = f" genres@10={result.genre_precision:.2f}" if result.genre_precision is not None else ""
        print(
            f"{status} {result.id}: {result.prompt}{genre}"
            + (f"  failed: {', '.join(failed)}" if failed else "")
            + (f"  error: {result.error}" if result.error else "")
        )
    print()
    for name, rate in report.pass_rates().items():
        print(f"{name:16s} {rate:6.1%}")
    print(f"{'all hard checks':16s} {report.hard_pass_rate:6.1%}")
    if report.mean_genre_precision is not None:
        print(f"{'genre precision':16s} {report.mean_genre_precision:6.1%}  (top {GENRE_TOP_N}, mean)")
    seconds = [r.seconds for r in report.results if r.error is None]
    if seconds:
        print(f"{'time per prompt':16s} p50 {statistics.median(seconds) * 1000:.0f} ms (ask + follow-ups)")
    print(
        json.dumps(
            {
                "hard_pass_rate": report.hard_pass_rate,
                "genre_precision": report.mean_genre_precision,
                "pass_rates": report.pass_rates(),
            }
        )
    )
