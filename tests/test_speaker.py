"""A prompt that speaks in person describes the listener, so its words never meet titles; a lower-case word of a
language the lexicon reads is a word, never a typo or a part of a name."""

import pytest

from assistant.models import Constraints, PlaylistRequest
from assistant.parsing import parse_prompt, speaks_in_person
from assistant.pipeline.echo import echo_words
from assistant.pipeline.retrieve import name_text, sound_text
from index.text import is_language_word


@pytest.mark.parametrize(
    "prompt, person",
    [
        ("i feel like a ghost in my own life lately", True),
        ("somthing my grandma wouldn't hate at thanksgiving", True),
        ("Ich bin total gestresst und will einfach nur runterkommen", True),
        ("je suis fatigué", True),
        ("Christmas Soul", False),
        ("Beast Mode", False),
        ("Reggaeton 2020 😍 🔥", False),
    ],
)
def test_speaks_in_person(prompt, person):
    assert speaks_in_person(prompt) is person


def _request(prompt: str) -> PlaylistRequest:
    return PlaylistRequest(prompt=prompt, query=prompt, constraints=Constraints())


def test_a_person_prompt_keeps_its_story_from_titles():
    """ "wouldn't hate" found "Hate Me" and "I Hate Myself for Loving You" when every word could meet titles."""
    story = _request("something my grandma wouldn't hate at thanksgiving")
    assert name_text(story, frozenset({"soul", "rock"})) == ""
    assert {"hate", "grandma"} <= echo_words(story)
    topic = _request("christmas soul")
    assert "christmas" in name_text(topic, frozenset({"soul"}))
    assert echo_words(topic) == frozenset()


@pytest.mark.parametrize("word", ["pasta", "salir", "esperanza", "gestresst", "sensacion", "triste"])
def test_everyday_words_of_the_five_languages(word):
    assert is_language_word(word)


@pytest.mark.parametrize("name", ["drake", "shakira", "eminem", "rihanna", "kygo"])
def test_names_are_as_frequent_in_every_language(name):
    assert not is_language_word(name)


def test_a_person_prompt_searches_sounds_with_its_sound_words():
    """ "i don't want the music taking over the room": "room" would meet Big Room descriptions."""
    story = _request("background for dinner tonight, i don't want the music taking over the room").model_copy(
        update={"vibe_words": ["background", "dinner"]}
    )
    assert sound_text(story) == "background dinner"
    named = _request("background music for a dinner party").model_copy(update={"vibe_words": ["background"]})
    assert sound_text(named) == "background music for a dinner party"


def test_a_lower_case_near_miss_is_no_wish(engine):
    """ "bleep" is a letter from Memphis Bleek: a lower-case word only close to a name, outside any cue, is no
    "I took … as a wish" note; the name typed whole still gets one."""
    assert not [n for n in parse_prompt("migoss, 10 songs", engine.vocab).notes if "as a wish" in n]
    assert any("Migos" in n for n in parse_prompt("migos, 10 songs", engine.vocab).notes)


def test_a_story_in_person_searches_sounds_with_the_descriptions_words_and_names_no_vibe_phrase(engine):
    """ "waiting room" met Big Room descriptions and "Panic Room" by its title; the story's vibe is searched as the
    sound descriptions say it, and a vibe phrase gives no word to the title search."""
    request = parse_prompt("sat in a hospital waiting room, my nerves are shot. something soothing", engine.vocab)
    words = sound_text(request)
    assert "room" not in words and ("mellow" in words or "calm low-energy" in words)
    assert "room" not in name_text(request, frozenset({"room", "big"}))
    playlist_name = parse_prompt("house party anthems", engine.vocab)  # a playlist's name keeps its words
    assert "house" in sound_text(playlist_name)


def test_sound_words_say_the_targets_in_the_descriptions_vocabulary():
    from assistant.models import FeatureRange
    from assistant.pipeline.sound_query import sound_words

    targets = [
        FeatureRange(feature="energy", max=0.4),
        FeatureRange(feature="valence", min=0.7),
        FeatureRange(feature="acousticness", min=0.6),
        FeatureRange(feature="danceability", min=0.7, weight=0.3),  # a side effect of a word: not said
    ]
    assert sound_words(targets) == ["calm low-energy", "happy upbeat", "acoustic"]
