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
