"""The vibe targets said in the words the sound descriptions use ("calm low-energy", "warm", "slow", "acoustic"),
so the dense search over them meets the sound the prompt implies, not a word it typed: "waiting room" would meet
Big Room, "keys to my first flat" a piano."""

from assistant.models import FeatureRange
from index.describe import energy_word, mood_word, tempo_word

_SCALES = {"energy": (0.0, 1.0), "valence": (0.0, 1.0), "tempo": (60.0, 180.0)}
_WORDS = {"energy": energy_word, "valence": mood_word, "tempo": tempo_word}
# A lower bound at least this high asks for what the description's own word names (index.describe.mood_words).
_FLAGS = {
    "danceability": (0.65, "danceable"),
    "acousticness": (0.5, "acoustic"),
    "instrumentalness": (0.4, "instrumental"),
    "speechiness": (0.25, "rapped vocals"),
    "liveness": (0.6, "live recording"),
}
MIN_WEIGHT = 0.5  # lighter targets are side effects of a word, not what it asks for


def _centre(target: FeatureRange) -> float:
    low, high = _SCALES[target.feature]
    return ((target.min if target.min is not None else low) + (target.max if target.max is not None else high)) / 2


def sound_words(vibe: list[FeatureRange]) -> list[str]:
    """The description words for the targets that weigh (see MIN_WEIGHT), in the descriptions' order."""
    words = []
    for target in vibe:
        if target.weight < MIN_WEIGHT:
            continue
        if target.feature in _WORDS:
            word = _WORDS[target.feature](_centre(target))
        elif target.feature in _FLAGS and target.min is not None and target.min >= _FLAGS[target.feature][0]:
            word = _FLAGS[target.feature][1]
        else:
            word = None
        if word and word not in words:
            words.append(word)
    return words
