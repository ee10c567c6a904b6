"""What each stage after retrieval does to retrieval quality on human playlists (name as the prompt, its tracks
as the answer): the pipeline as shipped, then with one stage switched off or swapped at a time, next to the plain
rank fusion of its parts. A stage stays where it helps or where it enforces what the listener typed.

    python benchmarks/pipeline_stages.py --playlists ../shared/eval/dev_playlists.jsonl
"""

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import common  # noqa: F401  (puts the project on the path)
import numpy as np

from assistant.cli import _engine
from assistant.config import Settings
from assistant.experiments.retrieval_eval import evaluate, fusion_ranker, load_playlists, pipeline_ranker
from assistant.pipeline import blend, planner, retrieve, sequence
from index.sound import SoundIndex


def _genre_cut(engine, request, query, profile, settings, exclude_ids, genres, with_years=True):
    """The earlier behaviour: a named genre as a hard filter."""
    k = min(planner.MAX_CANDIDATES, max(planner.MIN_CANDIDATES, planner.CANDIDATES_PER_SLOT * 20))
    flt = blend.search_filter(request.constraints, genres, exclude_ids, with_years)
    return blend.score_hits(
        retrieve.search(engine.index, request, query, k, flt), request, engine.index, profile, settings
    )


@contextmanager
def _patched(*patches: mock._patch) -> Iterator[None]:
    for p in patches:
        p.start()
    try:
        yield
    finally:
        for p in reversed(patches):
            p.stop()


def _popularity_prior(hits, request, index, profile, settings, genres=(), vibe_fit=None, _score=blend.score_hits):
    candidates = _score(hits, request, index, profile, settings, genres, vibe_fit)
    for c in candidates:
        c.score += 0.04 * (c.track.popularity or 0) / 100
    return sorted(candidates, key=lambda c: -c.score)


VARIANTS: dict[str, Callable[[], list[mock._patch]]] = {
    "no BM25 (dense rankings only)": lambda: [
        mock.patch.object(retrieve, "lexical_ranking", lambda *a: np.zeros(0, dtype=np.int64)),
        mock.patch.object(SoundIndex, "lexical_scores", lambda self, text: np.zeros(len(self.codes))),
    ],
    "vibe words searched among titles (before)": lambda: [
        mock.patch.object(retrieve, "name_text", lambda request, words: retrieve._without(request.query, [])),
        mock.patch.object(retrieve, "sound_text", lambda request: ""),
    ],
    "no vibe-fit ranking in the fusion": lambda: [mock.patch.object(retrieve, "VIBE_RANK_WEIGHT", 0.0)],
    "no vibe fit in the score": lambda: [mock.patch.object(blend, "VIBE_WEIGHT", 0.0)],
    "no title-echo cap": lambda: [mock.patch.object(planner, "limit_echoes", lambda c, r, n: list(c))],
    "named genre as a hard filter (before)": lambda: [mock.patch.object(planner, "_candidates", _genre_cut)],
    "no genre boost": lambda: [mock.patch.object(blend, "GENRE_WEIGHT", 0.0)],
    "with a popularity prior (before: 0.04)": lambda: [mock.patch.object(planner, "score_hits", _popularity_prior)],
    "no artist cap (default 2 per artist)": lambda: [
        mock.patch.object(sequence.Selection, "allows", lambda self, t: t.song_key not in self.songs)
    ],
    "no version de-duplication": lambda: [
        mock.patch.object(
            sequence.Selection,
            "allows",
            lambda self, t: self.artists[sequence.artist_key(t.artist)] < self.constraints.max_per_artist,
        )
    ],
    "no ordering (relevance order)": lambda: [
        mock.patch.object(planner, "order", lambda tracks, arc="steady": list(tracks))
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--playlists", type=Path, default=Path("../shared/eval/dev_playlists.jsonl"))
    args = parser.parse_args()
    engine = _engine(Settings.from_env(llm="none"))
    playlists = load_playlists(args.playlists)
    known = set(engine.index.row_of)
    print(f"{'variant':44s} {'hits@10':>8s} {'P@20':>7s} {'R@100':>7s}")

    def row(name: str, ranker) -> None:
        scores = evaluate(name, ranker, playlists, known)
        print(
            f"{name:44s} {scores.hits_at_10:8.3f} {scores.precision_at_20:7.3f} {scores.recall_at_100:7.3f}", flush=True
        )

    row("rank fusion of dense + BM25 (no pipeline)", fusion_ranker(engine))
    row("pipeline as shipped", pipeline_ranker(engine))
    for name, patches in VARIANTS.items():
        with _patched(*patches()):
            row(name, pipeline_ranker(engine))
    print("familiar share: no effect here (no listener profile behind the dev playlists)")


if __name__ == "__main__":
    main()
