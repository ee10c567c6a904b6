"""Vibe said without English words: emoji read by their Unicode names ("🌧️☕📚" asks what rain, coffee and study
ask), and the everyday Spanish, French, German and Portuguese words of the lexicon's translations, with the
negation cues of those languages ("pas de chansons tristes", "sin letra")."""

import pytest
from test_vibe_parsing import within

from assistant.parsing.emoji_vibe import emoji_phrases
from assistant.parsing.intent import parse_prompt
from assistant.parsing.vibe_lexicon import lexicon
from assistant.parsing.vocabulary import CatalogVocabulary
from index.catalog import Track


@pytest.fixture(scope="module")
def vocab():
    return CatalogVocabulary([Track(track_id="1", title="Song", artist="Adele", duration_ms=200_000)])


def _vibe(prompt: str, vocab: CatalogVocabulary) -> dict:
    return {r.feature: r for r in parse_prompt(prompt, vocab).vibe}


def test_every_emoji_stands_for_a_lexicon_phrase():
    phrases = lexicon().phrases
    assert not [phrase for phrase in emoji_phrases().values() if phrase not in phrases]


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("🌧️☕📚", "energy", None, 0.6),
        ("workout mix 🔥💪", "energy", 0.7, None),
        ("🧘‍♀️", "energy", None, 0.5),  # a gendered ZWJ sequence reads as its first character
        ("😭💔", "valence", None, 0.4),
        ("🥳🎉", "danceability", 0.6, None),
    ],
)
def test_emoji_ask_what_their_words_ask(vocab, prompt, feature, low, high):
    target = _vibe(prompt, vocab)[feature]
    assert within(target, low, high), target


def test_an_emoji_without_a_meaning_asks_nothing(vocab):
    assert parse_prompt("🎧🎵", vocab).vibe == []


@pytest.mark.parametrize(
    "prompt, feature, low, high",
    [
        ("algo tranquilo para estudiar, sin letra por favor", "instrumentalness", 0.4, None),
        ("algo tranquilo para estudiar", "energy", None, 0.55),
        ("herbstlich und gemütlich", "energy", None, 0.6),
        ("musique douce pour dormir", "energy", None, 0.45),
        ("pas de chansons tristes ce soir, on fait la fête", "valence", 0.4, None),
        ("pas de chansons tristes ce soir, on fait la fête", "danceability", 0.6, None),  # the party is not negated
        ("canciones felices para bailar", "valence", 0.55, None),
        ("ohne Gesang, zum Lernen", "instrumentalness", 0.4, None),
        ("Ich bin total gestresst und will einfach nur runterkommen", "energy", None, 0.55),
        ("música para salir a correr temprano, algo con mucha energía", "energy", 0.7, None),
        ("tengo una sensación de esperanza", "valence", 0.5, None),
        ("qualcosa di allegro per la serata", "valence", 0.55, None),
        ("musica rilassante per cucinare", "energy", None, 0.6),
    ],
)
def test_words_of_other_languages(vocab, prompt, feature, low, high):
    target = _vibe(prompt, vocab)[feature]
    assert within(target, low, high), target
