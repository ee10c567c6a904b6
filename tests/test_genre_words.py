"""The word for a genre between a negation and its label is no part of what is ruled out ("without the genre rock",
"no genre rock", "nothing from the genre of rap", "without any genre called reggaeton")."""

import pytest

from assistant.parsing.intent import parse_prompt


@pytest.mark.parametrize(
    "prompt, label",
    [
        ("22 songs from 1980 until 1989, without Queen and without the genre rock", "rock"),
        ("no genre rock please", "rock"),
        ("nothing from the genre of rap, 20 songs", "rap"),
        ("without any genre called reggaeton", "reggaeton"),
        ("no music genre trap, 15 songs", "trap"),
    ],
)
def test_the_word_genre_between_the_cue_and_the_label(engine, prompt, label):
    assert label in parse_prompt(prompt, engine.vocab).constraints.exclude_genres


def test_the_word_genre_alone_rules_nothing_out(engine):
    assert parse_prompt("no genre, just vibes, 20 songs", engine.vocab).constraints.exclude_genres == []


@pytest.mark.parametrize(
    "prompt, house",
    [
        ("sunday morning, cleaning the whole house, I want to sing into the broom handle", False),
        ("dancing round my house in my socks", False),
        ("some deep house for the gym", True),
        ("play the house tracks", True),
        ("folding laundry while everyone else in the house is asleep", False),
        ("Bon Jovi has been banished from this house", False),
        ("i'm sick of the house, give me rock", False),  # "of the house" is the genre, here excluded
    ],
)
def test_a_genre_word_after_a_possessive_names_a_thing(engine, prompt, house):
    """One-word genres that are everyday nouns ("house", "rock", "soul") name the thing after "my", "the whole"…
    unless a music word follows; "the house" alone may still be the genre (a follow-up's "the house is old")."""
    assert any("house" in g for g in parse_prompt(prompt, engine.vocab).genres) == house
