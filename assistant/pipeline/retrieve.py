"""Retrieval with names and vibes kept apart. The prompt's words (less any names) search the sound descriptions,
dense and BM25, and the vibe targets rank every track by fit; the title-bearing track descriptions are searched only
for what the listener named (artists, titles, seeds). The rankings are fused by reciprocal rank, the hard filter
applied to each. A vibe word therefore meets "calm low-energy, acoustic", never "Asleep At The Wheel"."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.models import PlaylistRequest
from assistant.parsing import GENERIC_WORDS as GENERIC
from assistant.parsing import speaks_in_person
from assistant.pipeline.caches import LruCache
from assistant.pipeline.sound_query import sound_words
from assistant.pipeline.vibe_fit import TAIL, fit_columns
from index.embed import QueryEncoder
from index.errors import IndexMismatchError
from index.hybrid import fuse, lexical_ranking, with_cosine
from index.sound import top_rows
from index.store import SearchFilter, SearchHit, VectorIndex
from index.text import fold

SEED_WEIGHT = 0.6
POPULARITY_TIE = 1e-4  # among tracks of equal fit, the better known first
NAME_WEIGHT = 3.0  # rankings over the track descriptions (names, styles); dev playlists hits@10: 1 gave 0.380, 3 0.407
SOUND_WEIGHT = 1.0  # rankings over the sound descriptions
VIBE_RANK_WEIGHT = 1.0  # the ranking by vibe fit


@dataclass(frozen=True)
class QueryVectors:
    """The vectors one request is searched with: `full` in the track-description space (cosines, trimming),
    `sound` in the sound-description space, `names` for what was named (None when nothing was)."""

    full: np.ndarray
    sound: np.ndarray
    names: np.ndarray | None
    sound_text: str
    name_text: str
    seeded: bool = False
    vibe_fit: np.ndarray | None = None  # every track's fit with the request's vibe, once per request


def _normalised(vector: np.ndarray) -> np.ndarray:
    return (vector / max(float(np.linalg.norm(vector)), 1e-6)).astype(np.float32)


def _toward(base: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The vector moved toward the mean of the seeds' vectors."""
    if not len(seeds):
        return base
    return _normalised(base + SEED_WEIGHT * _normalised(seeds.mean(axis=0)))


def _without(text: str, phrases: Sequence[str]) -> str:
    """The text without the phrases; '' when only words like "please" and "songs" are left."""
    from bm25s.stopwords import STOPWORDS_EN

    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.I)
    if not any(w not in STOPWORDS_EN and w not in GENERIC for w in re.findall(r"\w+", fold(text))):
        return ""
    return " ".join(text.split()).strip(" ,.;:&-")


def sound_text(request: PlaylistRequest) -> str:
    """What the prompt says about the sound: the search text without the names typed in it; where it tells a story
    in person, the genres and its vibe said in the descriptions' own feature words ("sat in a hospital waiting room,
    something soothing": "calm low-energy, warm", where the typed words would meet Big Room). A playlist's name keeps
    its words: on the dev playlists the feature words there cost 0.02 hits@10."""
    if request.vibe_words and speaks_in_person(request.prompt):
        return " ".join([*request.genres, *(sound_words(request.vibe) or request.vibe_words)])
    return _without(request.query, request.names)


def tells_a_story(request: PlaylistRequest) -> bool:
    """The prompt describes a sound (a lexicon word) or speaks in person: its other words are no style names."""
    return any(t.source == "lexicon" for t in request.vibe) or speaks_in_person(request.prompt)


def name_text(request: PlaylistRequest, label_words: frozenset[str]) -> str:
    """What may meet titles and artists: the names typed, and the words that are neither names nor vibe (genres,
    eras, topics: "90s hip hop", "christmas soul"), never "sleep" or "rainy". In a prompt that describes a sound or
    speaks in person the other words tell a story ("i think i'm falling for someone"), so only names and the words
    of the catalog's genre labels go ("southern soul bbq mix": "southern soul")."""
    if request.constraints.non_songs_allowed:  # "rain sounds to sleep to": recordings are named for what they are
        return _without(request.query, [])
    if tells_a_story(request):
        # a vibe word that is also a style ("dance") stays; in a story told in person a vibe phrase does not
        # ("in a hospital waiting room" names no Big Room; in a playlist's name "house party" may still help)
        phrases = [w for w in request.vibe_words if " " in w.strip()] if speaks_in_person(request.prompt) else []
        topic = _without(request.query, [*request.names, *phrases])
        kept = [
            w
            for w in re.findall(r"[\w&'-]+", topic)
            if fold(w) in label_words or re.fullmatch(r"(?:19|20)?\d0['’]?s|(?:19|20)\d\d", w)
        ]
        topic = " ".join(kept + [g for g in request.genres if fold(g) not in fold(" ".join(kept))])
    else:
        topic = _without(request.query, [*request.names, *request.vibe_words])
    return " ".join([*request.names, topic]).strip()


def _style_text(request: PlaylistRequest) -> str:
    """What BM25 looks for among the sound descriptions: the styles the prompt names. Where it speaks in person, only
    the genres the parser read ("i don't want the music taking over the room" is no Big Room); else its words less
    the names and vibe words (as words, "high energy" also finds "low-energy"; a playlist name's "southern soul bbq"
    keeps "southern": dev playlists P@20 fell 0.080 -> 0.078 when every vibe prompt kept only its genres)."""
    if speaks_in_person(request.prompt):
        return " ".join(request.genres)
    return _without(request.query, [*request.names, *request.vibe_words])


@dataclass
class Caches:
    """What a process remembers between requests (assistant.pipeline.caches): style-only vectors, vibe fits."""

    styles: LruCache[np.ndarray] = field(default_factory=lambda: LruCache(4096))
    fits: LruCache[np.ndarray] = field(default_factory=lambda: LruCache(64))  # 4 bytes per track each


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)  # shared by every request with the same vibe
    return array


def query_vectors(
    encoder: QueryEncoder,
    index: VectorIndex,
    request: PlaylistRequest,
    seed_ids: Sequence[str],
    caches: Caches | None = None,
) -> QueryVectors:
    """The texts encoded in one model run (the prompt's, and the names' or the sound's where they differ from it;
    a style-only text from `styles` when it was seen before); seeds move each vector toward themselves."""
    words, named = sound_text(request), name_text(request, index.columns.label_words)
    caches = caches or Caches()
    vector = {}
    if named and not request.names and (known := caches.styles.get(named)) is not None:
        vector[named] = known
    texts = [t for t in dict.fromkeys((request.query, named, words)) if t and t not in vector]
    vector |= dict(zip(texts, encoder.encode(texts)))
    if named and not request.names:
        caches.styles.put(named, vector[named])
    text_vector = vector[request.query]
    seeds = index.vectors_of_tracks(seed_ids)
    rows = [index.row_of[t] for t in seed_ids if t in index.row_of]
    seed_sounds = index.sound.vectors_of(rows) if index.sound is not None and rows else np.zeros((0, 1))
    names: np.ndarray | None
    if named:
        names = _toward(vector[named], seeds)
    else:
        names = _normalised(seeds.mean(axis=0)) if len(seeds) else None
    sound = vector[words] if words else text_vector
    key = tuple((t.feature, t.min, t.max, t.weight) for t in request.vibe)  # the caches are the engine's: one index
    fit = (
        caches.fits.get_or_make(key, lambda: _frozen(fit_columns(index.columns, request.vibe)))
        if request.vibe
        else None
    )
    return QueryVectors(
        _toward(text_vector, seeds), _toward(sound, seed_sounds), names, words, named, bool(len(seeds)), fit
    )


def search(
    index: VectorIndex, request: PlaylistRequest, vectors: QueryVectors, k: int, flt: SearchFilter
) -> list[SearchHit]:
    """The k best tracks by fused rank over the rankings this request has, best first."""
    mask = index.columns.mask(flt)
    rankings: list[tuple[np.ndarray | list[int], float]] = []
    known: dict[int, float] = {}
    if vectors.names is not None:
        dense = index.search(vectors.names, k, flt, mask=mask)
        known = {hit.row: hit.score for hit in dense}
        rankings.append((list(known), NAME_WEIGHT))
        if vectors.name_text:
            rankings.append((lexical_ranking(index, vectors.name_text, k, mask), NAME_WEIGHT))
    if vectors.sound_text and request.vibe_words or not rankings:
        sound = index.sound
        if sound is None:  # every saved build has one (format 3)
            raise IndexMismatchError("the index has no sound descriptions; rebuild with `playlist build-index`")
        tie = POPULARITY_TIE * index.columns.popularity  # many tracks share a sound text: the better known first
        rankings.append((top_rows(sound.dense_scores(vectors.sound) + tie, k, mask), SOUND_WEIGHT))
        styles = _style_text(request)
        lexical = sound.lexical_scores(styles) if styles else np.zeros(len(sound))
        rankings.append((top_rows(np.where(lexical > 0, lexical + tie, 0), k, mask), SOUND_WEIGHT))
    if vectors.vibe_fit is not None:
        fit = vectors.vibe_fit + TAIL + POPULARITY_TIE * index.columns.popularity  # > 0
        rankings.append((top_rows(fit, k, mask), VIBE_RANK_WEIGHT))
    rankings = [(rows, weight) for rows, weight in rankings if len(rows)]
    fused = fuse([rows for rows, _ in rankings], [weight for _, weight in rankings])
    # the cosine serves "close to the seeds" reasons only: computed for every hit when there are seeds
    return with_cosine(
        index, fused, vectors.names if vectors.names is not None else vectors.full, k, known, compute=vectors.seeded
    )
