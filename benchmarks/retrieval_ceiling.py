"""How far retrieval can go on the human playlists when the ranker is handed facts the app cannot have: the
playlist's own subgenre label, and the audio centroid of its answer tracks. These oracles bound what better
name understanding could reach, so the targets of `playlist eval --playlists` can be judged against them.

    python benchmarks/retrieval_ceiling.py --playlists ../shared/eval/dev_playlists.jsonl
"""

import argparse
import json
from pathlib import Path

import common  # noqa: F401  (puts the project on the path)
import numpy as np

from assistant.cli import _engine
from assistant.config import Settings
from assistant.experiments.retrieval_eval import DEPTH, HumanPlaylist, evaluate
from index.store import SearchFilter

AUDIO = [
    "energy",
    "danceability",
    "valence",
    "acousticness",
    "tempo",
    "speechiness",
    "loudness",
    "instrumentalness",
    "liveness",
    "year",
]


def audio_matrix(tracks) -> np.ndarray:
    """Audio features and year, standardised; a missing value sits at the mean."""
    values = np.array(
        [[getattr(t, f) if getattr(t, f) is not None else np.nan for f in AUDIO] for t in tracks], dtype=float
    )
    values = (values - np.nanmean(values, axis=0)) / np.nanstd(values, axis=0)
    return np.nan_to_num(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--playlists", type=Path, required=True)
    args = parser.parse_args()
    engine = _engine(Settings.from_env(llm="none"))
    index = engine.index
    rows = [json.loads(line) for line in args.playlists.read_text(encoding="utf-8").splitlines() if line.strip()]
    known = set(index.row_of)
    audio = audio_matrix(index.tracks)

    def own_subgenre(row: dict):
        def rank(name: str) -> list[str]:
            hits = index.search(engine.embedder.encode_query(name), DEPTH, SearchFilter(genres=(row["subgenre"],)))
            return [h.track.track_id for h in hits]

        return rank

    def own_subgenre_and_audio(row: dict):
        answer = [index.row_of[t] for t in row["track_ids"] if t in index.row_of]
        centroid = audio[answer].mean(axis=0)
        labelled = np.array([row["subgenre"] in t.all_genres for t in index.tracks])

        def rank(name: str) -> list[str]:
            distance = np.linalg.norm(audio - centroid, axis=1) + np.where(labelled, 0.0, 1e6)
            return [index.tracks[i].track_id for i in np.argsort(distance)[:DEPTH]]

        return rank

    print(f"{'oracle':52s} {'hits@10':>8s} {'P@20':>7s} {'R@100':>7s}")
    for label, make in (
        ("the playlist's own subgenre, embedding rank inside", own_subgenre),
        ("own subgenre + audio centroid of the answer", own_subgenre_and_audio),
    ):
        scores = [
            evaluate(label, make(row), [HumanPlaylist(name=row["name"], track_ids=row["track_ids"])], known)
            for row in rows
        ]
        mean = {
            f: float(np.mean([getattr(s, f) for s in scores]))
            for f in ("hits_at_10", "precision_at_20", "recall_at_100")
        }
        print(f"{label:52s} {mean['hits_at_10']:8.3f} {mean['precision_at_20']:7.3f} {mean['recall_at_100']:7.3f}")


if __name__ == "__main__":
    main()
