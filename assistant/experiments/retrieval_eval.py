"""Retrieval quality on playlists made by people: each playlist's name is the prompt, its tracks the answer.
Compares BM25 and embedding search over the track descriptions, their fusion, the rule+blend pipeline and,
optionally, the LLM."""

import json
import math
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from assistant.llm import LLM, LLMError, curate, understand_prompt
from assistant.parsing import parse_prompt
from assistant.pipeline import Engine, build_playlist
from index.errors import PlaylistError
from index.hybrid import hybrid_search, lexical_ranking

Ranker = Callable[[str], list[str]]
DEPTH = 100


class HumanPlaylist(BaseModel):
    name: str
    track_ids: list[str]


class MethodScores(BaseModel):
    method: str
    hits_at_10: float
    precision_at_20: float
    recall_at_100: float
    ndcg_at_10: float
    r_precision: float
    ms_per_query: float


class RetrievalTable(BaseModel):
    playlists: int
    rows: list[MethodScores]


def load_playlists(path: Path) -> list[HumanPlaylist]:
    try:
        return [
            HumanPlaylist.model_validate_json(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    except (OSError, ValueError) as exc:
        raise PlaylistError(f"cannot read playlists from {path}: {exc}") from exc


def _scores(ranked: list[str], relevant: set[str]) -> tuple[float, ...]:
    gains = [1.0 if t in relevant else 0.0 for t in ranked]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    r = len(relevant)
    return (
        float(any(gains[:10])),
        sum(gains[:20]) / 20,
        sum(gains[:DEPTH]) / r,
        dcg / ideal if ideal else 0.0,
        sum(gains[:r]) / r,
    )


def evaluate(method: str, rank: Ranker, playlists: list[HumanPlaylist], known: set[str]) -> MethodScores:
    totals = np.zeros(5)
    started = time.perf_counter()
    for playlist in playlists:
        relevant = {t for t in playlist.track_ids if t in known}
        if relevant:
            totals += _scores(rank(playlist.name)[:DEPTH], relevant)
    n = len(playlists)
    return MethodScores(
        method=method,
        hits_at_10=totals[0] / n,
        precision_at_20=totals[1] / n,
        recall_at_100=totals[2] / n,
        ndcg_at_10=totals[3] / n,
        r_precision=totals[4] / n,
        ms_per_query=(time.perf_counter() - started) * 1000 / n,
    )


def lexical_ranker(engine: Engine) -> Ranker:
    def rank(name: str) -> list[str]:
        return [engine.index.tracks[r].track_id for r in lexical_ranking(engine.index, name, DEPTH, None)]

    return rank


def embedding_ranker(engine: Engine) -> Ranker:
    def rank(name: str) -> list[str]:
        return [h.track.track_id for h in engine.index.search(engine.embedder.encode_query(name), DEPTH)]

    return rank


def fusion_ranker(engine: Engine) -> Ranker:
    def rank(name: str) -> list[str]:
        return [h.track.track_id for h in hybrid_search(engine.index, engine.embedder.encode_query(name), name, DEPTH)]

    return rank


def pipeline_ranker(engine: Engine, llm: LLM | None = None) -> Ranker:
    """The playlist itself first (20 tracks), then the rest of the ranked candidates."""

    def rank(name: str) -> list[str]:
        try:
            request = parse_prompt(name, engine.vocab)
        except PlaylistError:
            return []
        if llm is not None:
            try:
                request = understand_prompt(llm, engine, request)
            except LLMError:
                pass
        draft = build_playlist(engine, request)
        ranked = draft.playlist.track_ids
        if llm is not None:
            try:
                ranked = curate(llm, engine, draft, None).track_ids
            except LLMError:
                pass
        chosen = set(ranked)
        return ranked + [c.track.track_id for c in draft.candidates if c.track.track_id not in chosen]

    return rank


def run_retrieval(path: Path, engine: Engine, llm: LLM | None = None) -> RetrievalTable:
    playlists = load_playlists(path)
    known = set(engine.index.row_of)
    rows = [
        evaluate("BM25 over the descriptions", lexical_ranker(engine), playlists, known),
        evaluate("embedding search only", embedding_ranker(engine), playlists, known),
        evaluate("rank fusion of the two (hybrid search)", fusion_ranker(engine), playlists, known),
        evaluate("pipeline: rules + blend (--llm none)", pipeline_ranker(engine), playlists, known),
    ]
    if llm is not None:
        rows.append(evaluate(f"pipeline + LLM ({llm.model})", pipeline_ranker(engine, llm), playlists, known))
    return RetrievalTable(playlists=len(playlists), rows=rows)


def print_retrieval(table: RetrievalTable) -> None:
    print(f"\nretrieval on {table.playlists} human playlists (name as prompt)")
    print(f"{'method':42s} {'hits@10':>8s} {'P@20':>7s} {'R@100':>7s} {'nDCG@10':>8s} {'R-prec':>7s} {'ms/q':>7s}")
    for row in table.rows:
        print(
            f"{row.method:42s} {row.hits_at_10:8.3f} {row.precision_at_20:7.3f} {row.recall_at_100:7.3f} "
            f"{row.ndcg_at_10:8.3f} {row.r_precision:7.3f} {row.ms_per_query:7.1f}"
        )
    print(
        json.dumps(
            {r.method: {"hits@10": round(r.hits_at_10, 3), "P@20": round(r.precision_at_20, 3)} for r in table.rows}
        )
    )
