"""Embedding neighbours for words the vibe lexicon lacks: each whole word of the embedding model's own vocabulary
(about 20,000) -> its nearest one-word lexicon phrase, kept only when the two are close (cosine >= THRESHOLD) and
the phrase's whole group is the word's nearest group too, so a word that merely shares letters or a context
("weekday" -> "saturday", "unsafe" -> "safe") never becomes a target. Computed once with the same MiniLM the index
uses and shipped as vibe_neighbours.json, so a prompt costs a dictionary lookup, not a model call.

    python -m assistant.parsing.vibe_neighbours     # rewrite vibe_neighbours.json after editing the lexicon
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from assistant.parsing.vibe_lexicon import STRUCTURE_WORDS, Hit, Lexicon, lexicon

NEIGHBOURS_PATH = Path(__file__).with_name("vibe_neighbours.json")
THRESHOLD = 0.7
GROUP_THRESHOLD = 0.5
_WORD_RE = re.compile(r"[a-z]{3,}")
_NEGATING_PREFIXES = ("un", "non", "dis", "anti")
# Words every music request uses without saying anything about the sound ("good vibes" is in the lexicon, "vibe"
# alone is not a mood).
GENERIC = (
    frozenset(
        """
music musical musician musicians song songs track tracks tune tunes playlist playlists mix mixes mixtape album albums
artist artists band bands singer singers genre genres vibe vibes sound sounds sounding listen listening listened
hear hearing play playing played stuff thing things something anything everything kind type sort style styles
feel feels feeling feelings mood moods good great nice best better cool awesome amazing perfect favorite favourite
favorites favourites new old classic classics hits hit top popular recommend recommendation suggestions songlist
radio station spotify record records recording single singles version versions cover covers lyrics please thanks
make makes making made want wants wanted need needs give gimme get gets getting got put let like love loved know
think thought say said tell pick choose find bring keep start started try trying use rn tbh lol omg pls plz idk
""".split()
    )
    | STRUCTURE_WORDS
)


@dataclass(frozen=True)
class Neighbour:
    phrase: str
    similarity: float


class Neighbours:
    """word -> nearest lexicon phrase, for the lexicon version it was computed from."""

    def __init__(self, words: dict[str, Neighbour], lexicon_digest: str):
        self.words = words
        self.lexicon_digest = lexicon_digest

    def lookup(self, word: str, lex: Lexicon) -> tuple[Hit, float] | None:
        found = self.words.get(word)
        hit = lex.phrases.get(found.phrase) if found else None
        return (hit, found.similarity) if hit and found else None


@cache
def neighbours(path: Path = NEIGHBOURS_PATH) -> Neighbours:
    """The shipped table; an unreadable one means no neighbours (the lexicon still works), never a failure."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        words = {word: Neighbour(phrase, sim) for word, (phrase, sim) in data["words"].items()}
        return Neighbours(words, data["lexicon"])
    except (OSError, ValueError, KeyError, TypeError):
        return Neighbours({}, "")


def vocabulary_words(vocab_file: Path, lex: Lexicon) -> list[str]:
    """Whole words of the model's vocabulary the lexicon does not already have."""
    words = [line.strip() for line in vocab_file.read_text(encoding="utf-8").splitlines()]
    from bm25s.stopwords import STOPWORDS_EN

    skip = set(STOPWORDS_EN) | GENERIC | set(lex.phrases)
    return [w for w in dict.fromkeys(words) if _WORD_RE.fullmatch(w) and w not in skip]


def nearest(
    word_vectors: np.ndarray, words: list[str], phrase_vectors: np.ndarray, phrases: list[str], lex: Lexicon
) -> dict[str, Neighbour]:
    """Each word's nearest one-word phrase, where it clears both thresholds (see the module docstring)."""
    single = [i for i, p in enumerate(phrases) if " " not in p and not lex.phrases[p].comparative]
    groups = list(dict.fromkeys(id(lex.phrases[p].group) for p in phrases))
    group_index = {g: n for n, g in enumerate(groups)}
    centroids = np.zeros((len(groups), phrase_vectors.shape[1]), dtype=np.float32)
    for i, phrase in enumerate(phrases):
        centroids[group_index[id(lex.phrases[phrase].group)]] += phrase_vectors[i]
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-6)
    similarity = word_vectors @ phrase_vectors[single].T
    group_similarity = word_vectors @ centroids.T
    found = {}
    for w, word in enumerate(words):
        best = int(similarity[w].argmax())
        phrase = phrases[single[best]]
        group = group_index[id(lex.phrases[phrase].group)]
        if (
            similarity[w, best] < THRESHOLD
            or int(group_similarity[w].argmax()) != group
            or group_similarity[w, group] < GROUP_THRESHOLD
        ):
            continue
        if any(word.startswith(p) and word[len(p) :] in lex.phrases for p in _NEGATING_PREFIXES):
            continue  # "unsafe" is not "safe"
        found[word] = Neighbour(phrase, round(float(similarity[w, best]), 3))
    return found


def write_table(path: Path = NEIGHBOURS_PATH) -> int:
    """Embeds the vocabulary and the lexicon with the packaged model and writes the table; returns its size."""
    from index.embed import DEFAULT_MODEL_ID, Embedder, _packaged_model_path

    lex = lexicon()
    embedder = Embedder()
    words = vocabulary_words(Path(_packaged_model_path()) / "vocab.txt", lex)
    phrases = list(lex.phrases)
    table = nearest(
        embedder.encode(words, batch_size=256), words, embedder.encode(phrases, batch_size=256), phrases, lex
    )
    path.write_text(
        json.dumps(
            {
                "model": DEFAULT_MODEL_ID,
                "lexicon": lex.digest,
                "threshold": THRESHOLD,
                "words": {w: [n.phrase, n.similarity] for w, n in sorted(table.items())},
            },
            ensure_ascii=False,
            indent=0,
        ),
        encoding="utf-8",
    )
    return len(table)


if __name__ == "__main__":
    print(f"{write_table()} words written to {NEIGHBOURS_PATH}")
